// Built-in edge cases: substring/slice/indexOf with odd arguments, fromCharCode
// truncation, join separators, sort in place and default order, push/pop/shift results,
// Array constructor forms and bad lengths, fill ranges, map/forEach callback arguments,
// Math and conversion functions on strings, null and NaN.
const s = "abcdef";
console.log(s.substring(4, 1), s.substring(NaN, 2), s.substring(2, undefined), s.slice(2, -10), s.slice(-2, undefined), s.slice(NaN));
console.log(s.charAt(-1) === "", s.charAt(1.7), s.charCodeAt(-1), s.charCodeAt(2.9), s.indexOf("c", -5), s.indexOf("c", 100), s.indexOf("", 100));
console.log(String.fromCharCode(65.9, 66 + 65536, -1 & 0xffff).length, String.fromCharCode(), String.fromCharCode(0x41, 0x42, 0x43));
console.log([1, 2, 3].slice(1.5), [1, 2, 3].slice("1"), [1, 2, 3, 4].indexOf(3, -2), [1, 2, 3].indexOf(1, -100));
console.log([1, 2, 3].join(undefined), [1, 2, 3].join(null), [1, 2, 3].join(""), [[]].join(), [null].join());
const a = [5, 1, 4];
const same = a.sort((x, y) => x - y);
console.log(same === a, a, [2, 1].sort(undefined));
console.log(["b", "B", "a", "A", "10", "9", "ä"].sort());
const p = [1, 2, 3];
console.log(p.push(), p.push(4, 5), p, p.pop(), p.shift(), p);
const e = [];
console.log(e.pop(), e.shift(), e.length, e.slice(), e.join("x"), e.indexOf(undefined));
console.log(new Array(2, 3), new Array("3"), new Array(0).length, Array.isArray(new Array()));
try { new Array(2.5); } catch (err) { console.log(err.name, err.message); }
try { new Array(4294967296); } catch (err) { console.log(err.name, err.message); }
const f = new Array(3).fill("x", 1);
console.log(f, [1, 2, 3, 4, 5].fill(0, 1, -1), [1, 2, 3].fill(9, 5));
const m = [1, 2, 3].map((v, i, arr) => v + i + arr.length);
console.log(m, ["1", "2", "3"].map(parseInt));
let calls = "";
[3, 4].forEach(function (v, i) { calls += v + "@" + i + ";"; });
console.log(calls, [1, 2].forEach((v) => v) === undefined);
console.log(Math.min(NaN, 1), Math.max(-0, 0), Math.min(0, -0), Math.abs(null), Math.sqrt("4"), Math.floor("7.9"), Math.ceil(undefined));
console.log(Math.trunc("-2.5"), Math.round(-0), Math.round(2.4999999999999996), Math.round(1e16 + 1), Math.pow(2, "3"), Math.sin(-0), Math.cos(NaN));
console.log(String(Math.PI).length, parseInt("  0x1F  "), parseInt("1e2"), parseFloat("1e2"), Number.isInteger(-0), Number.isInteger(1e300), Number.isInteger(NaN));
console.log(isNaN(" "), isNaN("1 2"), Number("1 2"), Number("\t"), Number("0.0e+0"), Number("-0.0"), 1 / Number("-0.0"));
console.log(typeof Object.keys, typeof Math, typeof console.log, typeof process.stdout.write, typeof Array.isArray, typeof String.fromCharCode);
