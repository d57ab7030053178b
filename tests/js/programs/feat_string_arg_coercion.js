// Built-ins that take a string convert an object argument with its toString first
// (ToPrimitive hint string); the heap VM used valueOf first (parseInt(o) was 42, not
// NaN). Array.prototype.sort without a comparator converts both elements at each
// comparison, as node's (the Python VM converted each element once, and a lone one too).
const o = { toString() { return "TS"; }, valueOf() { return 42; } };
const n = { toString() { return "12.5e1"; }, valueOf() { return 7; } };
function probe(x) {
  return [parseInt(x), parseFloat(x), "TSx".indexOf(x), "x".concat(x, x), "aTS".endsWith(x),
    "TS".includes(x), "TSa".startsWith(x), "a".padStart(5, x), "a".padEnd(4, x),
    "TS-TS".split(x), "xTSTS".lastIndexOf(x), "TSTS".replace(x, "R"),
    "TSTS".replaceAll(x, "R"), "aTSb".search ? "aTSb".search("TS") : 0,
    encodeURIComponent(x), x + "", `${x}`, String(x), x * 1, [x].join()];
}
for (let i = 0; i < 3; i++) console.log(probe(o));
console.log(probe(n));
// numbers where a number is taken: valueOf first
console.log("abcdefghijklmnop".charAt(n), "abcdefghijklmnop".slice(n), "ab".repeat({ valueOf: () => 2, toString: () => "5" }));
console.log(Math.max(o, 1), isNaN(o), Number(o), parseInt("101", { valueOf: () => 2, toString: () => "8" }));
const throwsTS = { toString() { throw new RangeError("toString ran"); }, valueOf() { return 1; } };
for (const f of [() => parseInt(throwsTS), () => "a".indexOf(throwsTS), () => "a".concat(throwsTS), () => [throwsTS].join(), () => [throwsTS, throwsTS].sort()]) {
  try { console.log(f()); } catch (e) { console.log(e.name, e.message); }
}
console.log([throwsTS].sort().length, [throwsTS, undefined, , ].sort().length);

let calls = [];
const mk = (v) => ({ toString() { calls.push(v); return String(v); } });
const sorted = [mk(3), mk(1), mk(2), mk(10)].sort();
console.log(sorted.map(String).join(","), calls.length);
calls = [];
[mk(1), undefined, , mk(2)].sort();
console.log(calls.length);
calls = [];
[mk(1)].sort();
[mk(1), undefined].sort();
console.log(calls.length);

// past the depth, a null-prototype object is [Object: null prototype]
const bare = Object.assign(Object.create(null), { x: 1 });
console.log({ a: { b: { c: bare } } }, { a: { b: { c: Object.create(null) } } });
console.log([[[bare]]], [[[[bare]]]]);
