// Direct calls with more arguments than the callee has parameters (the counted call
// subroutines, t_calls._emit_call_argc): extra arguments are dropped, missing ones undefined.
class A { v() { return 1; } w(a) { return a + 1; } }
class B { v(x, y) { return x === undefined ? 2 : x + (y === undefined ? 0 : y); } w() { return 20; } }
function zero() { return 5; }
function one(a) { let t = 3; return a + t; }
function many(a, b, c, d, e) { return [a, b, c, d, e].join("/"); }
const os = [new A(), new B()];
let s = 0;
for (let i = 0; i < 400; i++) {
  const o = os[i & 1];
  s += o.v(i, 2) + o.v(i) + o.v() + o.w(i) + o.w(i, i, i, i);
  s += zero(1, 2, 3, 4) + zero(1) + zero(1, 2) + zero(1, 2, 3) + one(1, 2, 3, 4) + one();
  if (i % 100 === 0) console.log(s, many(1, 2, 3), many(1, 2, 3, 4, 5, 6), one(1, 2) );
}
console.log(s);
