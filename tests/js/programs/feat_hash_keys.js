// String keys that start with "#" are ordinary keys, never a class's private fields (and
// private fields are never listed): Object.keys, for-in, console.log, JSON and reads.
class C {
  #p = 1;
  x = this.#p + 1;
  static #s = 5;
  static s() { return C.#s; }
  get p() { return this.#p; }
  inc() { this.#p++; return this; }
}
const c = new C();
console.log(c, c.x, c.p, c.inc().p, C.s(), Object.keys(c), c["#p"], JSON.stringify(c));
c["#p"] = "public";
console.log(c, c.p, c["#p"], Object.keys(c));
class D extends C { y = this.x * 10; }
console.log(new D());
const o = { "#p": 7, "#": 1 };
o["#q"] = 2;
console.log(o, Object.keys(o), o["#p"], JSON.stringify(o), { ...o }, Object.assign({}, o));
for (const k in o) console.log(k, o[k]);
