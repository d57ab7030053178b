// Objects used as dictionaries (past 64 keys the heap VM keeps their keys in a hash table
// of their own): many keys, updates, deletes and re-adds, numeric-like keys, `in`,
// Object.keys and for-in order, keys whose hashes collide, growth with garbage
// allocated between the inserts (collections move the table), long and non-ASCII keys.
let seed = 11;
function rand(n) {
  seed = (seed * 16807) % 2147483647;
  return seed % n;
}
function count(d, words) {
  for (const w of words) {
    if (d[w] === undefined) d[w] = 0;
    d[w]++;
  }
  return d;
}
function get(d, k) { return d[k]; }
function has(d, k) { return k in d; }
function put(d, k, v) { d[k] = v; }

// many keys: a word count
const words = [];
for (let i = 0; i < 3000; i++) {
  let w = "";
  const n = 1 + rand(4);
  for (let j = 0; j < n; j++) w += "abcdefgh".charAt(rand(8));
  words.push(w);
}
const freq = count({}, words);
const fk = Object.keys(freq);
let total = 0;
for (const k of fk) total += get(freq, k);
console.log("distinct", fk.length, "total", total, "first", fk.slice(0, 6).join(","));
console.log("has", has(freq, fk[7]), has(freq, "zzzz"), has(freq, "toString"), get(freq, "zzzz"));

// keys whose hashes fall in one slot of the index (they probe past each other)
const col = {};
const same = ["c196", "c2554", "c3407", "c7874", "c8727", "c14171", "c21830", "c23299"];
for (let i = 0; i < 70; i++) put(col, "f" + i, i);
for (let i = 0; i < same.length; i++) put(col, same[i], 100 + i);
let cs = 0;
for (let r = 0; r < 30; r++) for (const k of same) cs += get(col, k);
console.log("collide", cs, get(col, "c196"), get(col, "c23299"), has(col, "c2555"));
delete col.c2554;
delete col.c7874;
console.log("after delete", get(col, "c2554"), get(col, "c3407"), get(col, "c23299"),
  has(col, "c7874"), Object.keys(col).slice(-6).join(","));
put(col, "c2554", -1);
console.log("re-added last", Object.keys(col).slice(-3).join(","), get(col, "c2554"));

// deletes and re-adds keep insertion order; numeric-like keys come first, ascending
const d = {};
for (let i = 0; i < 100; i++) put(d, "k" + i, i);
put(d, "10", "ten");
put(d, "2", "two");
put(d, "007", "bond");
put(d, "-1", "neg");
put(d, "1.5", "frac");
put(d, "4294967295", "max");
put(d, "4294967294", "idx");
for (let i = 0; i < 100; i += 3) delete d["k" + i];
put(d, "k0", "back");
const dk = Object.keys(d);
console.log(dk.length, dk.slice(0, 8).join(","), dk.slice(-8).join(","));
let fin = "";
for (const k in d) if (k.length < 3) fin += k + ";";
console.log("for-in", fin);
console.log(get(d, 10), get(d, "10"), get(d, 2), has(d, "2"), has(d, 2), get(d, "k3"), get(d, "k4"));

// growth while garbage is allocated between the inserts
const big = {};
const keep = [];
for (let i = 0; i < 5000; i++) {
  const junk = { a: i, b: [i, i + 1], c: "x" + i };
  if (i % 500 === 0) keep.push(junk);
  put(big, "key" + (i * 7919 % 5000), junk.c);
}
let ok = 0;
for (let i = 0; i < 5000; i++) if (get(big, "key" + i) === "x" + ((i * 2679) % 5000)) ok++;
console.log("big", Object.keys(big).length, ok, keep.length, keep[3].b[1]);

// long keys, empty key, non-ASCII and astral keys, keys that differ in the last unit
const odd = {};
for (let i = 0; i < 66; i++) put(odd, "pad" + i, i);
const long = "a-rather-long-key-that-spans-several-words-";
put(odd, long + "1", 1);
put(odd, long + "2", 2);
put(odd, "", "empty");
put(odd, "caf\u00e9", "accent");
put(odd, "\u{1F600}", "smile");
put(odd, "\ud800", "lone");
console.log(get(odd, long + "1"), get(odd, long + "2"), get(odd, long + "3"), get(odd, ""),
  get(odd, "caf\u00e9"), get(odd, "cafe"), get(odd, "\ud83d\ude00"), get(odd, "\ud800"),
  has(odd, "\ud801"));
console.log(Object.keys(odd).slice(-6).map((k) => k.length).join(","));

// values of every kind survive collections, and updates in place
const vals = {};
for (let i = 0; i < 80; i++) put(vals, "v" + i, i % 4 === 0 ? { n: i } : i % 4 === 1 ? [i] :
  i % 4 === 2 ? "s" + i : i + 0.5);
for (let r = 0; r < 200; r++) { const g = [r, { r }]; put(vals, "v" + (r % 80), get(vals, "v" + (r % 80))); }
console.log(get(vals, "v0").n, get(vals, "v1")[0], get(vals, "v2"), get(vals, "v3"),
  JSON.stringify(Object.keys(vals).slice(0, 3)));
let hits = 0;
for (let r = 0; r < 50; r++) for (let i = 0; i < 80; i += 7) if (has(vals, "v" + i)) hits++;
console.log("hits", hits, has(vals, "v80"), Object.prototype.hasOwnProperty.call(vals, "v79"));
