// Number.isInteger / isSafeInteger / isFinite / isNaN test their argument's type and never
// convert it (the heap VM ran an object's valueOf: Number.isInteger({valueOf: () => 3})
// was true, node's false); isNaN and isFinite do convert. String.prototype.repeat past
// node's longest string (2**29 - 24 units) is a RangeError (a64js ran out of memory), and
// Array.prototype.with's RangeError names the index as given (' 12 ', 1e3: ours printed
// its integer).
const o = { valueOf() { console.log("valueOf ran"); return 3; } };
console.log(Number.isInteger(o), Number.isSafeInteger(o), Number.isFinite(o), Number.isNaN(o));
console.log(Number.isNaN({ valueOf: () => NaN }), Number.isInteger([5]), Number.isFinite("5"),
  Number.isNaN("x"), Number.isInteger(true), Number.isFinite(null));
console.log(isNaN(o), isFinite(o), Number.isInteger(3), Number.isInteger(), Number.isNaN(NaN),
  Number.isSafeInteger(2 ** 53), Number.isSafeInteger(2 ** 53 - 1), Number.isInteger(-0));
function check(x) { return [Number.isInteger(x), Number.isFinite(x), Number.isSafeInteger(x), Number.isNaN(x)]; }
for (let i = 0; i < 3; i++) console.log(check(o), check(4), check(4.5), check(NaN));

for (const n of [2 ** 31, 2 ** 32 - 1, 2 ** 28, 2 ** 29 - 24, 1e10]) {
  try { console.log("ab".repeat(n).length); } catch (e) { console.log(e.name, e.message); }
}
console.log("".repeat(2 ** 40).length, "abc".repeat(0), "x".repeat(3.9));
for (const n of [-1, Infinity, -Infinity]) {
  try { "ab".repeat(n); } catch (e) { console.log(e.name, e.message); }
}
for (const v of [" 12 ", "x1", 1.5, -0, 5, -5, NaN, "abc", {}, [7], [], null, undefined, true, 1e21,
  { valueOf() { return 9; } }, "1e3", 2 ** 40, -3, -2]) {
  try { console.log("ok", [1, 2].with(v, 0)); } catch (e) { console.log(e.name, e.message); }
}
try { [].with("x1", 0); } catch (e) { console.log(e.message); }
