// Strings as heap cells: built by concatenation (every length 0..40, so every padding of
// the last unit word), with non-ASCII units, astral characters (surrogate pairs) and lone
// surrogates; read back by charAt/charCodeAt/substring, compared (===, <, ==) against
// strings of the same units made another way; used as keys of a map-like object; numbers
// and strings mixed in `+`; errors the runtime makes while the global constructors are
// replaced (node makes the realm's own TypeError/RangeError).
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;

const pieces = ["a", "\u00e9", "\u4e2d", "\ud83d\ude00", "\ud800", "\udfff", "z", "\u0000"];
let built = "";
const all = [];
for (let i = 0; i < 40; i++) {
  built += pieces[(i * 5) % pieces.length];
  all.push(built);
}
let sum = 0;
for (const s of all) {
  let h = s.length;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 1000003;
  sum = (sum + h) % 1000003;
}
console.log("lengths", all.map((s) => s.length).join(","));
console.log("hash", sum);

// the same units made three ways: concatenation, substring, fromCharCode
let eq = 0;
let lt = 0;
for (const s of all) {
  const copy = s.substring(0, s.length);
  let units = "";
  for (let i = 0; i < s.length; i++) units += String.fromCharCode(s.charCodeAt(i));
  if (copy === s && units === s && units == copy && !(units !== s)) eq++;
  if (s.substring(0, s.length - 1) < s) lt++;
  if (s < s || s > s) console.log("self-order", JSON.stringify(s));
}
console.log("equal", eq, "prefix-less", lt);
console.log("order", "\ud83d\ude00" < "\uffff", "\ue000" < "\ud83d\ude00", "a" < "\u00e9", "" < "\u0000");
console.log("chars", JSON.stringify("x\ud83d\ude00y".charAt(1)), "x\ud83d\ude00y".charCodeAt(2),
  JSON.stringify("\ud800".charAt(0)), "\ud800".length, "\ud83d\ude00".length);

// numbers and strings in `+`, -0 and NaN against strings and numbers
console.log(1 + "2", "3" + 4, -0 + "", NaN + "x", "" + -0 === "0", 1.5 + "" + 2);
console.log(-0 === 0, NaN === NaN, "NaN" == NaN, "0" == -0, "-0" == -0, "" == 0, " 1 " == 1);
console.log([NaN, -0, 0, "0", "-0", "", "NaN"].map((x) => typeof x + ":" + String(x)).join(" "));

// string keys of a map-like object (dictionary mode past its keys' limit)
const freq = {};
for (let r = 0; r < 3 * SCALE; r++) {
  for (const s of all) {
    const k = s.length > 6 ? s.substring(0, 6) + s.length : s;
    if (freq[k] === undefined) freq[k] = 0;
    freq[k] = freq[k] + 1;
    freq[k]++;
  }
  for (let i = 0; i < 100; i++) freq["k" + i] = (freq["k" + i] || 0) + i;
}
const keys = Object.keys(freq);
console.log("keys", keys.length, keys.slice(0, 5).map((k) => JSON.stringify(k)).join(" "));
console.log("freq", freq[all[3]], freq["k99"], freq[all[20].substring(0, 6) + 21]);

// runtime errors while the globals are replaced
const OrigTypeError = TypeError;
const OrigRangeError = RangeError;
globalThis.TypeError = function Fake() {};
globalThis.RangeError = 5;
try {
  null.x;
} catch (e) {
  console.log(e instanceof OrigTypeError, e instanceof Error, e.constructor === OrigTypeError, e.name, e.message);
}
try {
  undefined();
} catch (e) {
  console.log(e instanceof OrigTypeError, e.name);
}
try {
  new Array(-1);
} catch (e) {
  console.log(e instanceof OrigRangeError, e.name, e.message);
}
globalThis.TypeError = OrigTypeError;
globalThis.RangeError = OrigRangeError;
