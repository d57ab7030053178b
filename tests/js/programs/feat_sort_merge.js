// Array.prototype.sort with a comparator on arrays past 64 elements (the JIT sorts chunks
// of 32 by binary insertion, then merges them): stability, runs in order and reversed,
// duplicates, numbers and strings, a comparator that allocates (collections while the
// copy is held), one that throws part-way (the array left as it was), double results,
// and lengths around the chunk sizes.
let seed = 12345;
function rnd(n) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
}
function check(a, cmp) {
  for (let i = 1; i < a.length; i++) if (cmp(a[i], a[i - 1]) < 0) return "unsorted at " + i;
  return "sorted";
}
const byKey = (x, y) => x.k - y.k;
for (const n of [2, 3, 31, 32, 33, 63, 64, 65, 95, 96, 97, 127, 128, 129, 200, 513, 1000, 4099]) {
  const a = [];
  for (let i = 0; i < n; i++) a.push({ k: rnd(n >> 2 || 1), id: i });
  a.sort(byKey);
  let stable = true;
  for (let i = 1; i < n; i++) if (a[i].k === a[i - 1].k && a[i].id < a[i - 1].id) stable = false;
  let sum = 0;
  for (let i = 0; i < n; i++) sum = (sum * 31 + a[i].id) % 1000003;
  console.log(n, check(a, byKey), stable, sum);
}
// runs: ascending, descending, saw-tooth, all equal
const num = (x, y) => x - y;
for (const make of [(i) => i, (i) => 5000 - i, (i) => i % 37, () => 7, (i) => (i * 7919) % 1000]) {
  const a = [];
  for (let i = 0; i < 1500; i++) a.push(make(i));
  a.sort(num);
  console.log(check(a, num), a[0], a[749], a[1499], a.length);
}
// strings by a comparator returning doubles and booleans-turned-numbers
const words = [];
for (let i = 0; i < 700; i++) {
  let w = "";
  for (let j = 0; j < 1 + rnd(5); j++) w += "abcdefgh"[rnd(8)];
  words.push(w);
}
const byLen = (a, b) => (a.length - b.length) * 0.5 || (a < b ? -1 : a > b ? 1 : 0);
words.sort(byLen);
console.log(check(words, byLen), words.slice(0, 5).join(","), words.slice(-3).join(","));
// a comparator that allocates: collections while the sort holds its copy
const junk = [];
const alloc = (x, y) => {
  junk.push({ x, y, s: "j" + x });
  if (junk.length > 200) junk.length = 0;
  return y - x;
};
const big = [];
for (let i = 0; i < 3000; i++) big.push(rnd(100000));
big.sort(alloc);
console.log(check(big, alloc), big[0], big[2999]);
// a comparator that throws part-way: the array is left as it was
const orig = [];
for (let i = 0; i < 300; i++) orig.push(rnd(1000));
const before = orig.join(",");
let calls = 0;
try {
  orig.sort((x, y) => {
    if (++calls === 500) throw new Error("stop at " + calls);
    return x - y;
  });
} catch (e) {
  console.log(e.message, orig.join(",") === before);
}
// sort returns its receiver; the result by a descending comparator
const r = [5, 1, 4, 2, 3];
for (let i = 0; i < 100; i++) r.push(i % 13);
console.log(r.sort((a, b) => b - a) === r, r.slice(0, 8).join(","), r.slice(-4).join(","));
