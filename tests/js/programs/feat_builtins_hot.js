// The hot String and Math built-ins (the heap VM's direct ones): argument coercions,
// out-of-range and fractional indices, NaN, infinities, -0, negative slice indices,
// non-string receivers, UTF-16 units (one to four per heap word) and objects' valueOf.
function show(v) {
  if (typeof v === "string") {
    let codes = [];
    for (let i = 0; i < v.length; i++) codes.push(v.charCodeAt(i));
    return "'" + v + "'/" + v.length + (codes.length ? "[" + codes.join(",") + "]" : "");
  }
  if (v === 0 && 1 / v < 0) return "-0";
  return String(v);
}
function tryIt(f) {
  try { return show(f()); } catch (e) { return e.constructor.name + ": " + e.message; }
}
const log = [];
const obj = { valueOf() { log.push("valueOf"); return 2; } };
const sobj = { toString() { log.push("toString"); return "c"; } };
const mixed = "aé€\ud83d\ude00xyz\u00ff\u0100bc";  // units across three words
const s = "hello world";
const nums = [undefined, null, true, false, NaN, 0, -0, 1, 2, 2.9, -0.5, -1, -2.7, 3, 4, 5, 7, 8,
  9, 10, 11, 12, 100, 2147483647, -2147483648, 4294967297, Infinity, -Infinity, "1", "x",
  "", " 3 ", [2], obj];

console.log("-- charCodeAt / charAt");
for (const n of nums) {
  console.log(show(n), tryIt(() => mixed.charCodeAt(n)), tryIt(() => mixed.charAt(n)),
              tryIt(() => "".charCodeAt(n)), tryIt(() => "".charAt(n)));
}
console.log(tryIt(() => s.charCodeAt()), tryIt(() => s.charAt()));
for (let i = -1; i <= mixed.length; i++) console.log(i, mixed.charCodeAt(i), show(mixed.charAt(i)));
console.log(tryIt(() => String.prototype.charCodeAt.call(12345, 2)),
            tryIt(() => String.prototype.charAt.call(12.5, 2)),
            tryIt(() => String.prototype.charAt.call(true, 1)),
            tryIt(() => String.prototype.charCodeAt.call(undefined, 0)),
            tryIt(() => String.prototype.charAt.call(null, 0)));

console.log("-- fromCharCode");
console.log(tryIt(() => String.fromCharCode()), tryIt(() => String.fromCharCode(65, 66.9, 67)),
            tryIt(() => String.fromCharCode(-1, 65536 + 65, 4294967296 + 66, -4294967296 - 2)),
            tryIt(() => String.fromCharCode(NaN, Infinity, -Infinity, -0)),
            tryIt(() => String.fromCharCode(0xd83d, 0xde00)), tryIt(() => String.fromCharCode(0xdc00)),
            tryIt(() => String.fromCharCode("72", "0x69", undefined, null, true)),
            tryIt(() => String.fromCharCode(70.5, obj, 1e21, -1e21)));

console.log("-- substring / slice");
const pairs = [[], [undefined], [1], [undefined, 3], [2, 5], [5, 2], [-3], [-3, -1], [3, -1],
  [1, 100], [100, 1], [1.7, 4.2], [-1.5, 2], [NaN, 3], [3, NaN], [Infinity], [-Infinity, 2],
  [0, Infinity], [2, -Infinity], ["1", "3"], [null, true], [obj, 5], [0, 1], [4, 5], [0, 11],
  [-0, 11], [11, 11], [2, 2]];
for (const p of pairs) {
  console.log(p.map(show).join(" "), tryIt(() => s.substring(...p)), tryIt(() => s.slice(...p)),
              tryIt(() => mixed.substring(...p)), tryIt(() => mixed.slice(...p)),
              tryIt(() => "".substring(...p)), tryIt(() => "".slice(...p)));
}
console.log(tryIt(() => String.prototype.substring.call(123456, 1, 3)),
            tryIt(() => String.prototype.slice.call(-42.5, -3)),
            tryIt(() => String.prototype.slice.call(undefined, 0)));

console.log("-- indexOf");
const needles = [["l"], ["l", 3], ["l", 4], ["l", -5], ["l", NaN], ["l", Infinity], ["l", 3.9],
  [""], ["", 5], ["", 100], ["z"], ["world", 1], ["hello", 1], [undefined], [], [1],
  ["o", "5"], ["o", obj], [sobj], ["d", 10], ["d", 11], ["hello world!"]];
for (const p of needles) {
  console.log(p.map(show).join(" "), tryIt(() => s.indexOf(...p)),
              tryIt(() => mixed.indexOf(...p)), tryIt(() => "".indexOf(...p)));
}
console.log(mixed.indexOf("\ude00"), mixed.indexOf("€\ud83d"), "undefined".indexOf(),
            tryIt(() => String.prototype.indexOf.call(1234, 3)),
            tryIt(() => String.prototype.indexOf.call(null, "a")));

console.log("-- Math.floor");
const fl = [undefined, null, true, "3.7", "x", [], obj, NaN, 0, -0, 0.5, -0.5, -0.0000001, 2.5,
  -2.5, 7, -7, 2147483647.5, 2147483648.5, -2147483648.5, -2147483647.5, 4294967296.7,
  9007199254740991.5, 1e300, -1e300, 5e-324, -5e-324, Infinity, -Infinity];
for (const x of fl) console.log(show(x), tryIt(() => Math.floor(x)));
console.log(tryIt(() => Math.floor()), tryIt(() => Math.floor(1.5, 9.5)));

// in a loop (the call sites' caches, the JIT's templates)
let acc = 0;
let out = "";
for (let i = 0; i < 300; i++) {
  const t = "x" + i + mixed;
  acc = (acc * 31 + t.charCodeAt(i % 7) + Math.floor(i / 7) + t.indexOf("y")) % 1000003;
  if (i % 37 === 0) out += t.charAt(i % 5) + t.substring(i % 3, 4) + t.slice(-2) + String.fromCharCode(65 + i % 26);
}
console.log(acc, show(out));
console.log(log.join(","));

console.log("-- Math.ceil / trunc / abs / sqrt");
const ms = [undefined, null, true, false, "2.5", "-4", "x", [], [9], obj, NaN, 0, -0, 0.5, -0.5,
  -0.0000001, 1.5, -1.5, 2, -2, 16, -16, 2147483647, -2147483647, -2147483648, 2147483647.5,
  -2147483648.5, 2147483648, -2147483649, 4294967296.7, 9007199254740993, 1e300, -1e300,
  5e-324, -5e-324, Infinity, -Infinity, 1e-300, 0.1, 2e-10];
for (const x of ms) {
  console.log(show(x), tryIt(() => Math.ceil(x)), tryIt(() => Math.trunc(x)),
              tryIt(() => Math.abs(x)), tryIt(() => Math.sqrt(x)));
}
console.log(tryIt(() => Math.ceil()), tryIt(() => Math.trunc()), tryIt(() => Math.abs()),
            tryIt(() => Math.sqrt()), tryIt(() => Math.sqrt(2, -1)));
const negZero = (v) => v === 0 && 1 / v < 0;
console.log(negZero(Math.abs(-0)), Math.abs(-0) === 0, negZero(Math.ceil(-0.5)),
            negZero(Math.trunc(-0.9)), negZero(Math.sqrt(-0)), Math.abs(-2147483648) - 1,
            Math.sqrt(2) * Math.sqrt(2), Math.abs(-3) === 3, [Math.abs(-0)].indexOf(0));
console.log(log.join(","));

console.log("-- push / pop");
const arr = [];
const lens = [];
for (let i = 0; i < 20; i++) lens.push(arr.push(i * 3 - 7));  // growing past each capacity
console.log(lens.join(","), arr.join(","), arr.length);
const popped = [];
while (arr.length > 14) popped.push(arr.pop());
console.log(popped.join(","), arr.length, arr.join(","), show(arr[15]));
console.log(arr.push(), arr.push(1, 2, 3), arr.length, arr.slice(-4).join(","));
const holes = [1, , 3, , ];
console.log(holes.length, show(holes.pop()), holes.length, show(holes.pop()), show(holes.pop()),
            holes.length, show([].pop()), [].push(undefined), show([undefined].pop()));
const named = [5, 6];
named.tag = "t";
console.log(named.push("x"), named.pop(), named.pop(), named.length, named.tag);
const big = [];
for (let i = 0; i < 1000; i++) big.push(String.fromCharCode(97 + i % 26));
let cat = "";
for (let i = 0; i < 995; i++) cat = big.pop() + cat.substring(0, 3);
console.log(big.length, big.join(""), cat, show(big.pop()), show(big.pop()), big.length);
