// Callbacks of built-ins (sort's comparator, forEach/map/filter/reduce/find) that
// allocate, use their this (arrows: the enclosing one; plain: thisArg), read their
// arguments object or are built-ins; and an object used as a map (past 64 keys: a
// dictionary) read by computed keys across deletes, re-adds and absent keys.
"use strict";

class Ranker {
  constructor(weights) {
    this.weights = weights;
    this.calls = 0;
  }
  rank(words) {
    // an arrow comparator: its this is the Ranker; each call allocates a string
    return words.slice().sort((a, b) => {
      this.calls++;
      const ka = a + ":" + this.weights[a];
      const kb = b + ":" + this.weights[b];
      return this.weights[b] - this.weights[a] || (ka < kb ? -1 : ka > kb ? 1 : 0);
    });
  }
}

const words = [];
const weights = {};
for (let i = 0; i < 90; i++) {
  const w = "w" + ((i * 37) % 90).toString(36) + (i % 7 === 0 ? "x" : "");
  words.push(w);
  weights[w] = (i * 13) % 11;
}
const r = new Ranker(weights);
const ranked = r.rank(words);
console.log(ranked.slice(0, 8).join(","), ranked.length, r.calls > 0);

// a plain comparator (this undefined in strict code), one that reads arguments, a
// built-in as a callback, the default order, a comparator returning doubles
console.log([5, 1, 4, 2, 3].sort(function (a, b) { return this === undefined ? b - a : 0; }).join(""));
console.log([3, 1, 2].sort(function () { return arguments[0] - arguments[1]; }).join(""));
console.log(["10", "9", "1"].map(Number).sort().join(","), [10, 9, 1].sort().join(","));
console.log([0.5, -0.25, 0.125].sort((a, b) => (a - b) / 1000).join(" "));
console.log([3, undefined, 1, , 2].sort((a, b) => b - a), [3, undefined, 1, , 2].sort());

// iteration callbacks: allocating, with a thisArg, arrows over the enclosing this
const ctx = { prefix: "p", seen: [] };
const out = [];
words.slice(0, 12).forEach(function (w, i, arr) {
  this.seen.push(this.prefix + w + i + (arr.length === 12));
}, ctx);
console.log(ctx.seen.slice(0, 3).join(" "), ctx.seen.length);
const mapped = words.map((w, i) => ({ w, n: w.length * i, tag: `${w}#${i}` }));
console.log(mapped[17].tag, mapped[89].n, mapped.filter((m) => m.n % 3 === 0).length);
const total = words.reduce((acc, w, i) => acc + w.length * (i + 1), 0);
const joined = words.reduceRight((acc, w) => acc + w[1], "");
console.log(total, joined.length, joined.slice(0, 10));
console.log(words.find((w) => w.endsWith("x")), words.findIndex((w) => w === "w1"),
  words.some((w) => w.length > 3), words.every((w) => w.startsWith("w")));
const counter = {
  n: 0,
  add(xs) { xs.forEach((x) => { this.n += x; out.push([x, this.n]); }); return this.n; },
};
console.log(counter.add([1, 2, 3, 4]), out.length, out[3].join("/"));
console.log([1, 2, 3].map(String).join("|"), ["a", "b"].map((s) => s.toUpperCase()).join(""));

// a map object: past 64 keys it is a dictionary; read by computed keys made at run time
const freq = {};
for (let i = 0; i < 300; i++) {
  const k = "k" + (i % 97);
  freq[k] = (freq[k] === undefined ? 0 : freq[k]) + i;
}
let sum = 0;
for (let i = 0; i < 97; i++) sum += freq["k" + i];
delete freq.k5;
delete freq["k" + 6];
console.log(sum, freq.k5, freq["k" + 5], "k5" in freq, typeof freq["toString"]);
freq["k" + 5] = "back";
const keys = Object.keys(freq);
console.log(freq["k5"], keys.length, keys[keys.length - 1], freq[keys[0]], freq[keys[50]]);
const byCount = keys.filter((k) => typeof freq[k] === "number")
  .sort((a, b) => freq[b] - freq[a] || (a < b ? -1 : 1));
console.log(byCount.slice(0, 5).join(","), byCount.length, freq[byCount[0]]);
