// Absent keys of dictionary-mode objects (more than 64 keys) read through the prototype
// chain: the JIT proves a key absent from the prototypes in machine code (their shapes'
// filters); a prototype that gains the key, shadowing, `in`, deeper chains, dictionary
// and shaped objects at one site, a getter defined later.
function big(proto, tag) {
  const o = proto === undefined ? {} : Object.create(proto);
  for (let i = 0; i < 70; i++) o[tag + i] = i;
  return o;
}
function read(o, k) {
  return o[k];
}
function has(k, o) {
  return k in o;
}
function count(o, keys) {
  let found = 0, absent = 0;
  for (const k of keys) {
    if (o[k] === undefined) absent++;
    else found++;
  }
  return `${found}/${absent}`;
}
const keys = [];
for (let i = 0; i < 200; i++) keys.push("w" + ((i * 7919) % 1000));
keys.push("k3", "k69", "k70", "toString", "constructor", "hasOwnProperty", "valueOf", "");

const d = big(undefined, "k");
for (let r = 0; r < 3; r++) console.log("plain", r, count(d, keys));
console.log("typeof", typeof read(d, "toString"), typeof read(d, "constructor"), read(d, "w1"));
console.log("in", has("w1", d), has("k5", d), has("toString", d), has("valueOf", d));

// the prototype gains a key read absent before: every site sees it
Object.prototype.w7 = "from Object.prototype";
console.log("gained", read(d, "w7"), has("w7", d), count(d, keys));
d.w7 = "own";  // shadowing
console.log("shadow", read(d, "w7"), delete d.w7, read(d, "w7"));
delete Object.prototype.w7;
console.log("deleted", read(d, "w7"), has("w7", d), count(d, keys));

// a shaped prototype of our own, then a deeper chain
const base = { alpha: 1 };
const mid = Object.create(base);
mid.beta = 2;
const e = big(mid, "e");
for (let r = 0; r < 3; r++) console.log("chain", r, read(e, "alpha"), read(e, "beta"), read(e, "gamma"),
  has("gamma", e), has("alpha", e), count(e, keys));
base.gamma = "late";
console.log("base gained", read(e, "gamma"), has("gamma", e), count(e, ["gamma", "delta", "alpha"]));
mid.delta = "mid";
console.log("mid gained", read(e, "delta"), has("delta", e), count(e, ["gamma", "delta", "epsilon"]));
Object.prototype.epsilon = 5;
console.log("root gained", read(e, "epsilon"), has("epsilon", e), read(d, "epsilon"));
delete Object.prototype.epsilon;
console.log("root lost", read(e, "epsilon"), has("epsilon", e), read(d, "epsilon"));

// a dictionary-mode prototype
const dp = big(undefined, "p");
const f = big(dp, "f");
for (let r = 0; r < 3; r++) console.log("dict proto", r, read(f, "p3"), read(f, "p70"), has("p70", f),
  count(f, ["p1", "f1", "q1", "w5"]));
dp.p70 = "added";
console.log("dict proto gained", read(f, "p70"), has("p70", f));

// a null prototype: nothing inherited
const n = big(null, "n");
for (let r = 0; r < 3; r++) console.log("null proto", r, read(n, "toString"), has("toString", n),
  count(n, keys));

// dictionary and shaped objects at one site
const small = { w1: "small", k3: "small k3" };
const mixed = [d, small, e, n, f, { w2: 2 }, d];
for (let r = 0; r < 3; r++) console.log("mixed", r, mixed.map((o) => read(o, "w1")).join(","),
  mixed.map((o) => read(o, "k3")).join(","), mixed.map((o) => has("w2", o)).join(","));

// Object.setPrototypeOf on the dictionary object
Object.setPrototypeOf(d, { w3: "new proto" });
console.log("new proto", read(d, "w3"), has("w3", d), read(d, "toString"), count(d, keys));

// a getter defined later on a prototype: read through it
Object.defineProperty(base, "zeta", { get() { return "got " + this.e1; }, configurable: true });
console.log("getter", read(e, "zeta"), has("zeta", e), read(e, "eta"));

// many distinct absent keys, as a word count does
const freq = {};
let distinct = 0;
for (let i = 0; i < 3000; i++) {
  const w = "x" + ((i * 48271) % 1013);
  if (freq[w] === undefined) {
    freq[w] = 0;
    distinct++;
  }
  freq[w]++;
}
console.log("distinct", distinct, freq.x0, freq.x1012, freq.toString === Object.prototype.toString);

// Object.keys of dictionary objects (their table's own key cells): index-like keys
// first, deleted keys left out, an accessor's key, under a collection's pressure
const g = big(undefined, "g");
g["10"] = "ten";
g["2"] = "two";
delete g.g5;
Object.defineProperty(g, "acc", { get() { return 1; }, enumerable: true, configurable: true });
const gk = Object.keys(g);
console.log("keys", gk.length, gk.slice(0, 4).join(","), gk.slice(-3).join(","), gk.includes("g5"));
const h = big(undefined, "h");
let total = 0;
for (let r = 0; r < 200; r++) {
  const ks = Object.keys(h);
  total += ks.length + ks[r % 70].length;
  h["extra" + r] = r;
}
console.log("keys again", total, Object.keys(h).slice(68, 72).join(","));
const m = big(undefined, "m");
m.constructor = "own constructor";
m.message = "own message";
const mk = Object.keys(m);
console.log("keys kept", mk.length, mk.slice(-2).join(","), Object.keys(big(undefined, "z")).slice(0, 2).join(","));
