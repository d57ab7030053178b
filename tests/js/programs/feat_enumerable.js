// Which keys are enumerable: for-in, Object.keys/values, spread and console.log list a
// class's static data but not its methods or accessors, a prototype's constructor, a
// function's prototype, nor the built-in prototypes' properties (Function.prototype's
// call/apply/bind under a class, Error.prototype's name and message).
function F(x) { this.x = x; }
F.prototype.m = function () { return 1; };
F.prototype.k = 2;
F.s = 3;
const f = new F(1);
const ks = [];
for (const k in f) ks.push(k);
console.log(ks, Object.keys(F.prototype), Object.keys(F), F, F.prototype);
class A {
  constructor() { this.a = 1; }
  m() {}
  static sm() {}
  get g() { return 1; }
  set g(v) {}
  static get sg() { return 2; }
}
A.prototype.data = 5;
A.extra = 7;
class B extends A { constructor() { super(); this.b = 2; } n() {} }
const b = new B();
const ks2 = [];
for (const k in b) ks2.push(k);
console.log(ks2);
const ks3 = [];
for (const k in B) ks3.push(k);
for (const k in A) ks3.push(k);
console.log(ks3);
console.log(Object.keys(A), Object.keys(A.prototype), Object.keys(B.prototype));
console.log(A, B, A.prototype, B.prototype, b, [A, { B }]);
class E extends Error { constructor(m) { super(m); this.code = 4; } what() {} }
const e = new E("boom");
const ks4 = [];
for (const k in e) ks4.push(k);
console.log(ks4, Object.keys(e));
const o = { m() {}, get g() { return 1; }, f: function () {} };
const ks5 = [];
for (const k in o) ks5.push(k);
console.log(ks5, o);
const c = Object.create(o);
c.own = 1;
const ks6 = [];
for (const k in c) ks6.push(k);
console.log(ks6);
const ks7 = [];
for (const k in [1, 2]) ks7.push(k);
for (const k in "ab") ks7.push(k);
for (const k in function () {}) ks7.push(k);
console.log(ks7);
console.log({ ...new B() }, Object.assign({}, b), Object.values(A), Object.entries(A.prototype));
