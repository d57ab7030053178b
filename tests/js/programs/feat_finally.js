// Control flow through finally: labelled continue/break across nested try/finally, return
// overridden by continue/break in finally, return inside for-of and switch with finally,
// nested catch/finally, multi-variable for loops, labelled nested loops, lexical this.
function f1() { const log = []; outer: for (const i of [1, 2, 3]) { try { for (const j of [1, 2]) { try { if (j === 2) continue outer; if (i === 3) break outer; log.push(i + "" + j); } finally { log.push("f" + j); } } } finally { log.push("F" + i); } } return log.join(" "); }
console.log(f1());
function f2() { let n = 0; while (true) { try { n++; if (n > 3) return n; } finally { if (n === 2) continue; } } }
console.log(f2());
function f3() { lbl: try { return "try"; } finally { break lbl; } return "after"; }
console.log(f3());
function f4() { for (const x of [1, 2, 3]) { try { return x; } finally { console.log("fin", x); } } }
console.log(f4());
function f5(n) { switch (n) { case 1: try { return "one"; } finally { console.log("f5 finally"); } default: return "d"; } }
console.log(f5(1), f5(2));
let t = 0; do { t++; if (t === 2) continue; if (t > 4) break; } while (t < 10); console.log(t);
function f6() { try { throw 1; } catch (e) { try { throw e + 1; } catch (e2) { return e + e2; } finally { console.log("inner fin"); } } }
console.log(f6());
const r = []; for (let i = 0, j = 10; i < j; i += 3, j -= 2) r.push(i * j); console.log(r.join());
let k = 0; for (;;) { if (++k === 5) break; } console.log(k);
const nested = []; a: for (let i = 0; i < 3; i++) b: for (let j = 0; j < 3; j++) { if (j === 1) continue a; if (i === 2) break b; nested.push([i, j]); } console.log(JSON_s(nested));
function JSON_s(v) { return Array.isArray(v) ? "[" + v.map(JSON_s).join(",") + "]" : String(v); }
var hoist = typeof later; function later() {} console.log(hoist);
const arrowThis = { v: 7, get() { return [1].map(() => this.v)[0]; } }; console.log(arrowThis.get());
const obj = { n: 0, inc() { this.n++; return this; } };
console.log(obj.inc().inc().n);
