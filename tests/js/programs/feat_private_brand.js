// Private names: reading or writing #x on an object whose class did not declare it is a
// TypeError (the brand check), in the interpreter and in compiled code (hot sites).
class Point {
  #x;
  #y = 0;
  static count = 0;
  static #made = 0;
  constructor(x) { this.#x = x; Point.#made++; }
  static x(o) { return o.#x; }
  static setX(o, v) { o.#x = v; }
  static made() { return Point.#made; }
  static madeOf(c) { return c.#made; }
  get sum() { return this.#x + this.#y; }
}
function report(f) {
  try { console.log('ok', f()); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
}
const p = new Point(3);
report(() => Point.x(p));
report(() => p.sum);
report(() => Point.x({}));
report(() => Point.setX({}, 1));
report(() => Point.x(5));
report(() => Point.setX('s', 1));
report(() => Point.x([1, 2]));
report(() => Point.x(undefined));
report(() => Point.setX(null, 1));
report(() => Point.made());
class Sub extends Point { constructor() { super(7); } }
report(() => Point.x(new Sub()));
report(() => Point.madeOf(Point));
// a field declared without a value holds undefined: no TypeError
class U { #u; static u(o) { return o.#u; } static set(o, v) { o.#u = v; return o.#u; } }
report(() => U.u(new U()));
report(() => U.set(new U(), 'set'));
report(() => U.u(p));
// private fields on an array subclass
class List extends Array { #tag = 'list'; static tag(o) { return o.#tag; } }
const l = new List();
report(() => List.tag(l));
report(() => List.tag([1]));
// hot sites: the same read and write on objects with and without the field
let ok = 0, bad = 0;
const plain = { x: 1 };
for (let i = 0; i < 200; i++) {
  const o = i % 3 === 0 ? plain : new Point(i);
  try { ok += Point.x(o); Point.setX(o, i); } catch (e) { bad++; }
}
console.log(ok, bad, Object.keys(plain));
for (let i = 0; i < 50; i++) {
  try { Point.setX(plain, i); } catch (e) { bad++; }
  try { Point.x(plain); } catch (e) { bad++; }
}
console.log(bad, JSON.stringify(plain));
