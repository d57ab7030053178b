// Object.create(proto, descriptors) and Object.defineProperties: each own enumerable key
// of the descriptors object defined as Object.defineProperty does (data and accessors,
// not enumerable unless asked), every descriptor checked first; the Python VM ignored
// the descriptors silently and the heap VM refused them
const base = { hi() { return "hi " + this.n; } };
const o = Object.create(base, {
  n: { value: "x", writable: true, enumerable: true, configurable: true },
  hidden: { value: 42, writable: true },
  g: { get() { return this.n + "!"; }, enumerable: true },
});
console.log(o.hi(), o.n, o.hidden, o.g, Object.keys(o), JSON.stringify(o), o);
console.log(Object.getPrototypeOf(o) === base, Object.create(null, { a: { value: 1, writable: true, enumerable: true } }));
const p = Object.defineProperties({}, { a: { value: 1, writable: true, enumerable: true }, b: { get() { return 2; } } });
console.log(p, p.b, Object.keys(p));
try { Object.create(base, { bad: 5 }); } catch (e) { console.log(e.name + ": " + e.message); }
try { Object.create(base, null); } catch (e) { console.log(e.name + ": " + e.message); }
console.log(Object.keys(Object.create(base, undefined)));
const o2 = Object.create(null, { a: { value: 1, writable: true, enumerable: true } });
console.log(o2.a, Object.keys(o2));
const q = Object.create(null); q.b = 2; console.log(q, Object.keys(q));
const r = Object.create(null); Object.defineProperty(r, "c", { value: 3, writable: true, enumerable: true, configurable: true }); console.log(r);
function Vec(x, y) {
  return Object.create(Vec.proto, {
    x: { value: x, writable: true, enumerable: true },
    y: { value: y, writable: true, enumerable: true },
    len: { get() { return Math.hypot(this.x, this.y); } },
  });
}
Vec.proto = { add(v) { return Vec(this.x + v.x, this.y + v.y); } };
let acc = Vec(0, 0);
for (let i = 0; i < 200; i++) acc = acc.add(Vec(i % 3, 1));
console.log(acc, acc.len, Object.keys(acc));
