// What a class body defines is not enumerable; what a program adds to the class's
// prototype or constructor afterwards is (for-in, Object.keys, JSON, spread, console.log).
class C {
  constructor() { this.a = 1; }
  m() { return 1; }
  get g() { return 2; }
  static s() { return 3; }
}
C.prototype.f = function () { return 3; };
C.prototype.v = 5;
C.t = function () {};
C.prototype.copy = C.prototype.m;
C.prototype.m = C.prototype.m;  // an existing method stays hidden
console.log(Object.keys(C.prototype), Object.keys(C));
const c = new C();
const seen = [];
for (const k in c) seen.push(k);
console.log(seen);
console.log(C.prototype);
console.log(JSON.stringify(C.prototype), { ...C.prototype });
class D extends C { n() { return 4; } }
D.prototype.w = () => 6;
const d = new D();
const seenD = [];
for (const k in d) seenD.push(k);
console.log(seenD, Object.keys(D.prototype), d.n() + d.f() + d.w());
function F() {}
F.prototype.h = function () {};
console.log(Object.keys(F.prototype), F.prototype);
const lit = { m() { return 1; }, get q() { return 2; } };
console.log(Object.keys(lit));
