// A derived constructor that never calls super() throws node's ReferenceError when it reads
// this or returns (a64js made this before the call and went on silently).
try { class Y extends Object { constructor() { this.a = 1; } } new Y(); console.log('no error'); } catch (e) { console.log(e.name + ': ' + e.message); }
class P2 {} 
try { class Y2 extends P2 { constructor() { this.a = 1; } } const y = new Y2(); console.log('no error', y); } catch (e) { console.log(e.name + ': ' + e.message); }
try { class Y3 extends P2 { constructor() { } } const y = new Y3(); console.log('no error', y); } catch (e) { console.log(e.name + ': ' + e.message); }
class P3 { constructor() { this.p = 1; } }
try { class Y4 extends P3 { constructor() { console.log('runs first'); } } new Y4(); } catch (e) { console.log(e.name + ': ' + e.message); }
try { class Y5 extends P3 { constructor() { return; } } new Y5(); } catch (e) { console.log(e.name + ': ' + e.message); }
class Y6 extends P3 { constructor() { return { other: true }; } } console.log(new Y6());
class Y7 extends P3 { constructor(x) { if (x) super(); else super(); this.q = 2; } } console.log(new Y7(1));
class Y9 extends P3 {} console.log(new Y9());
