// Objects used as dictionaries: many keys, deletes and re-adds, integer-like keys among
// them, many objects with different key sets (a VM with hidden classes must not run out
// of them), accessors and methods on big objects, prototypes that are big objects.
const memo = {};
for (let i = 0; i < 4000; i++) memo["n" + ((i * 7919) % 4000)] = i;
let h = 0;
for (const k in memo) h = (h * 31 + memo[k]) % 1000003;
console.log(Object.keys(memo).length, h, memo.n0, memo.n3999, memo.nope);
for (let i = 0; i < 4000; i += 3) delete memo["n" + i];
console.log(Object.keys(memo).length, "n3" in memo, "n4" in memo, memo.n4);
memo.n3 = "again";
const ks = Object.keys(memo);
console.log(ks[0], ks[ks.length - 1], memo.n3, memo.hasOwnProperty("n3"));
const mixed = {};
for (let i = 0; i < 100; i++) mixed[i % 2 ? "s" + i : String(100 - i)] = i;
console.log(Object.keys(mixed).slice(0, 5).join(), Object.keys(mixed).slice(-3).join());
// many small objects, each with its own set of keys
const docs = [];
let seed = 7;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
for (let d = 0; d < 2000; d++) {
  const o = {};
  for (let j = 0; j < 20; j++) o["w" + rnd(5000)] = j;
  docs.push(o);
}
let total = 0;
for (const o of docs) for (const k in o) total += o[k] + k.length;
console.log(docs.length, total, Object.keys(docs[5]).length);
// a big object with an accessor and methods, and as a prototype
const big = { get size() { return Object.keys(this).length; }, hello() { return "hi"; } };
for (let i = 0; i < 100; i++) big["p" + i] = i;
const child = Object.create(big);
child.own = 1;
console.log(big.size, child.hello(), child.p42, child.size, "p99" in child);
delete big.p42;
console.log(child.p42, big.size, Object.keys(big).length);
big.p42 = "new";
console.log(Object.keys(big).slice(-2), child.p42);
const counts = {};
const text = "a b c a b a d e f g h i j k l m n o p q r s t u v w x y z a";
for (const w of text.split(" ")) counts[w] = (counts[w] || 0) + 1;
for (let i = 0; i < 60; i++) counts["x" + i] = i;
console.log(counts.a, counts.z, Object.keys(counts).length, JSON.stringify(counts).length);
class Registry {
  constructor() { this.items = {}; }
  add(k, v) { this.items[k] = v; return this; }
}
const r = new Registry();
for (let i = 0; i < 500; i++) r.add("item" + i, { id: i });
console.log(r.items.item499.id, Object.keys(r.items).length);
