// A derived constructor whose super() runs conditionally, later or not at all: `this`
// (in it, in its default parameters and in its arrow functions), super.m() and super.x
// and a return before super() has run throw node's ReferenceError; a second super()
// throws; a returned primitive throws node's TypeError. (a64js made `this` before any
// constructor ran and let all of these through.)
class A { constructor(v) { this.v = v; } m() { return 'A.m ' + this.v; } get g() { return 'g ' + this.v; } }
function msg(f) { try { return f(); } catch (e) { return e.constructor.name + ': ' + e.message; } }

class B extends A {
  constructor(flag) {
    try { this.x = 1; } catch (e) { console.log('before', e.constructor.name, e.message); }
    if (flag) super(1);
    console.log(msg(() => this.v));
    if (!flag) super(2);
    console.log(this.v, super.m(), super.g);
  }
}
new B(true);
new B(false);

class C extends A {
  constructor() {
    const early = () => super.m();
    console.log(msg(early));
    console.log(msg(() => super.g));
    const self = () => this;
    console.log(msg(self));
    super(3);
    console.log(early(), self() === this);
  }
}
new C();

class D extends A { constructor(x = msg(() => this)) { console.log(x); super(4); console.log(this.v); } }
new D();

class E extends A { constructor(r) { super(5); return r; } }
for (const r of [undefined, null, 0, 'str', { o: 1 }, [1], function f() {}, true]) {
  console.log(msg(() => { const o = new E(r); return typeof o + ' ' + (o instanceof E) + ' ' + JSON.stringify(o); }));
}

class F extends A { constructor(r) { if (r) return r; super(6); } }
console.log(msg(() => new F({ k: 1 }).k), '|', msg(() => new F(undefined).v), '|', msg(() => new F(1)));

class G extends A { constructor() { try { return; } finally { console.log('finally runs first'); } } }
console.log(msg(() => new G()));

class H extends A {
  constructor() {
    let n = 0;
    for (let i = 0; i < 3; i++) { try { super(0); } catch (e) { console.log(i, e.constructor.name, e.message); } n++; }
    console.log(this.v, n);
  }
}
new H();

class I extends A { constructor() { super(super.constructor === A); } }
console.log(msg(() => new I()));
class J extends A { constructor() { super(7); const f = () => this.v; console.log(f()); } }
new J();
class K extends A { constructor(a) { super(a); return; } }
console.log(new K(8).v);
class L extends A { constructor() { const t = this; super(); } }
console.log(msg(() => new L()));
class M extends B { constructor() { super(true); console.log('M', this.v); } }
new M();
class N extends A {
  constructor(k) {
    switch (k) { case 1: super(10); break; case 2: break; default: super(11); }
    const arrow = () => () => this.v;
    console.log(msg(arrow()));
  }
}
new N(1); new N(3);
console.log(msg(() => new N(2)));
