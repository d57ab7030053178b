// A dictionary-mode object (a map built by computed keys) whose own key becomes an
// accessor while compiled code reads it by key: reads, `in` and stores must see the
// getter and setter (the key's data property is gone; the accessor is own).
const d = {};
for (let i = 0; i < 80; i++) d["p" + i] = i;
let t = 0;
let seen = [];
function read(o, k) { return o[k]; }
function has(o, k) { return k in o; }
function write(o, k, v) { o[k] = v; }
for (let r = 0; r < 30; r++) {
  t += read(d, "p3");
  seen.push(has(d, "p3") ? 1 : 0, has(d, "q" + (r % 3)) ? 1 : 0);
  if (r === 10) {
    Object.defineProperty(d, "p3", { get() { return 5; }, set(x) { t += 1000 * x; }, configurable: true });
  }
  if (r === 20) write(d, "p3", 2);
}
console.log(t, seen.join(""));
// an object with an accessor that becomes a dictionary object afterwards
const e = { get a() { return 7; } };
for (let i = 0; i < 80; i++) e["k" + i] = i;
let u = 0;
for (let r = 0; r < 20; r++) u += read(e, "a") + (has(e, "a") ? 1 : 0) + (has(e, "zz") ? 100 : 0);
console.log(u);
// an absent key with an accessor on the prototype of a dictionary object
const proto = {};
Object.defineProperty(proto, "x", { get() { return 11; }, configurable: true });
const f = Object.create(proto);
for (let i = 0; i < 80; i++) f["m" + i] = i;
let v = 0;
for (let r = 0; r < 20; r++) v += read(f, "x") + read(f, "m5");
console.log(v, read(f, "nope"));
