// Class field initialisers and static members: `this` in a static field is the class
// (a64js gave undefined), static blocks run in order with the static fields (a64js
// refused them), and a field initialiser naming a local variable or the class itself
// (captured by the initialiser function) ran where a64js failed with an internal error
class A { static n = this.name; static m = () => this.n + "!"; static k = A.n; static #p = 7; static get p() { return A.#p; } }
console.log(A.n, A.m(), A.k, A.p, Object.keys(A));
class B {
  static list = [];
  static { this.list.push("first"); var local = 1; B.list.push(local); }
  static after = this.list.length;
  static { let x = 2; this.list.push(x); this.ready = true; }
  static f = function () { return "f"; };
  static g = () => this;
}
console.log(B.list, B.after, B.ready, B.f.name, B.f(), B.g() === B, typeof local, Object.keys(B));
class C extends A { static n2 = this.n + "/" + this.name; }
console.log(C.n2, C.n);
let order = [];
class D { static a = order.push("a"); static { order.push("block"); } static b = order.push("b"); }
console.log(order);
const E = class { static who = this.name; };
console.log(E.who);
function make(k) {
  const scale = k * 2;
  class P {
    x = scale + P.base;
    y = this.x * 2;
    static base = 10;
    static label = `P${this.base}`;
  }
  return new P();
}
let sum = 0;
for (let i = 0; i < 100; i++) sum += make(i).y;
console.log(sum, make(1), make(2).x);
