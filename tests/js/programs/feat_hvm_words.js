// The heap VM's inline word paths against node: comparisons and jumps over every pair of
// value kinds (int32, doubles, -0, NaN, strings, null, undefined, booleans, objects),
// with the constant on either side; int32 arithmetic at the overflow edges; ++/--; x+k
// and x-k; truthiness tests; loops whose back edges are taken many times.

function show(v) {
  if (v === 0 && 1 / v < 0) return "-0";
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

const half = 0.5;
const two = half * 4;          // 2 as a double word (the double path stores it so)
const objV = { valueOf() { return 3; } };
const values = [0, 1, -1, 2, 3, 2147483647, -2147483648, half, two, -0, 0 / 0, 1e300,
  -1 / 0, "2", "abc", "", null, undefined, true, false, objV, [2]];

function rel(a, b) {
  let s = "";
  s += (a < b) ? "1" : "0";
  s += (a <= b) ? "1" : "0";
  s += (a > b) ? "1" : "0";
  s += (a >= b) ? "1" : "0";
  s += (a == b) ? "1" : "0";
  s += (a != b) ? "1" : "0";
  s += (a === b) ? "1" : "0";
  s += (a !== b) ? "1" : "0";
  const v = [a < b, a <= b, a > b, a >= b, a == b, a != b, a === b, a !== b];
  for (let k = 0; k < v.length; k++) s += v[k] ? "T" : "F";
  if (!(a < b)) s += "a"; if (!(a <= b)) s += "b"; if (!(a > b)) s += "c";
  if (!(a >= b)) s += "d"; if (!(a === b)) s += "e";
  return s;
}

let lines = [];
for (let i = 0; i < values.length; i++) {
  let row = [];
  for (let j = 0; j < values.length; j++) row.push(rel(values[i], values[j]));
  lines.push(i + ": " + row.join(" "));
}
console.log(lines.join("\n"));

function withConsts(x) {
  const out = [];
  out.push(x < 2, x <= 2, x > 2, x >= 2, 2 < x, 2 <= x, 2 > x, 2 >= x);
  out.push(x < 2.5, x >= 2.5, 2.5 > x, 2.5 <= x, x < -1, -1 < x);
  out.push(x < 2147483647, x > -2147483648, x === 2, 2 === x, x !== 2, x == 2, x != 2);
  out.push(x === 2.5, x !== 2.5, x == 2.5, x === -0, x === 0, x == 0);
  out.push(x === null, null === x, x !== null, x === undefined, undefined !== x);
  out.push(x == null, null == x, x != null, x == undefined, x != undefined);
  out.push(x === true, x !== false, x == true, x == false);
  let s = out.map((b) => (b ? "1" : "0")).join("");
  if (x < 2) s += "a"; if (!(x < 2)) s += "b"; if (2 < x) s += "c";
  if (x === null) s += "d"; if (x !== undefined) s += "e"; if (x == null) s += "f";
  if (x >= 2.5) s += "g"; if (!(2.5 <= x)) s += "h"; if (x === 2) s += "i";
  if (x) s += "T"; if (!x) s += "F";
  return s;
}
for (let i = 0; i < values.length; i++) console.log(show(values[i]), withConsts(values[i]));

// int32 arithmetic at the edges, doubles and the generic cases
const nums = [0, 1, -1, 7, -7, 2147483647, -2147483648, 65536, 46341, half, two, -0,
  0 / 0, 1 / 0, "5", "x", null, undefined, true, objV];
let arith = [];
for (let i = 0; i < nums.length; i++) {
  for (let j = 0; j < nums.length; j++) {
    const a = nums[i], b = nums[j];
    arith.push([a + b, a - b, a * b, a % b, a / b].map(show).join(","));
  }
}
console.log(arith.join(" "));

// ++ and --, x + k and x - k
for (let i = 0; i < nums.length; i++) {
  let a = nums[i], b = nums[i], c = nums[i];
  a++; b--;
  let r = [show(a), show(b), show(c + 1), show(c - 1), show(c + 3), show(c - 3),
    show(c + 0), show(c - 0), show(c + 2147483647), show(c - 2147483647)];
  let p = nums[i]; let q = p++; let m = nums[i]; let u = m--;
  r.push(show(p), show(q), show(m), show(u));
  console.log(r.join(" "));
}

// loops: back edges through every conditional jump form
let acc = 0;
for (let i = 0; i < 1000; i++) acc += i;
for (let i = 1000; i > 0; i--) acc -= 1;
for (let i = 0; i <= 100; i += 7) acc += i;
for (let i = 100; i >= 0; i -= 9) acc += i;
let k = 0;
do { k += 3; } while (k !== 300);
acc += k;
let w = 10;
while (w) { w--; acc += w; }
let d = 0.25;
while (d < 100) d = d * 1.5;
acc += Math.floor(d);
let nn = 5, cnt = 0;
while (nn != null) { cnt++; nn = cnt < 4 ? cnt : null; }
let node = { next: { next: { next: null } } }, len = 0;
while (node !== null) { len++; node = node.next; }
let big = 2147483640;
while (big < 2147483650) { big++; acc += 1; }
console.log("loops", acc, k, w, cnt, len, big);

// strict equality with string constants (either side), built strings and other kinds
const strs = ["a", "ab", "", "\u00e9", "\ud83d\ude00", "a".concat("b"), String.fromCharCode(97),
  "abc".charAt(1), 1, null, undefined, { toString() { return "a"; } }, ["a"]];
let se = "";
for (let i = 0; i < strs.length; i++) {
  const s = strs[i];
  se += (s === "a" ? "1" : "0") + ("ab" === s ? "1" : "0") + (s !== "" ? "1" : "0");
  se += (s === "\ud83d\ude00" ? "1" : "0") + (s === "\u00e9" ? "1" : "0");
  if (s === "b") se += "b"; if (s !== "ab") se += "n";
  se += (s == "a" ? "L" : "l") + " ";
}
console.log(se);

// computed keys on a plain object (a map), built-in callees remembered per call site
const freq = {};
const words = "the cat and the hat and the bat".split(" ");
for (let i = 0; i < words.length; i++) {
  const w = words[i];
  if (freq[w] === undefined) freq[w] = 0;
  freq[w]++;
}
const fk = Object.keys(freq).sort((a, b) => freq[b] - freq[a] || (a < b ? -1 : 1));
let codes = 0;
const abc = "abcdef";
for (let i = 0; i < 12; i++) codes += abc.charCodeAt(i % 6) + Math.max(i, 3);
console.log(fk.join(","), freq.the, freq["and"], freq.dog, codes);

// property caches: methods one and two prototypes up, getters, more receiver shapes than
// a cache holds, out-of-line slots (more properties than a cell holds inline), and
// prototypes changed after the sites have cached them
class A0 { m() { return "A.m"; } get g() { return "A.g"; } }
class B0 extends A0 { n() { return "B.n"; } }
class C0 extends B0 { }
const recv = [new A0(), new B0(), new C0()];
for (let i = 0; i < 10; i++) {
  const o = { m() { return "lit" + i; } };
  for (let j = 0; j < i; j++) o["p" + j] = j;
  recv.push(o);
}
function callM(o) { return o.m(); }
function readG(o) { return o.g; }
let log = [];
for (let round = 0; round < 4; round++) {
  if (round === 1) C0.prototype.m = function () { return "C.m"; };
  if (round === 2) B0.prototype.m = function () { return "B.m"; };
  if (round === 3) { delete C0.prototype.m; A0.prototype.m = function () { return "A2"; }; }
  let row = [];
  for (let k = 0; k < recv.length; k++) row.push(callM(recv[k]));
  for (let k = 0; k < 3; k++) row.push(readG(recv[k]));
  log.push(row.join(","));
}
console.log(log.join("\n"));
const wide = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9 };
let ws = 0;
for (let k = 0; k < 5; k++) { ws += wide.h + wide.i + wide.a; wide.i = wide.i + 1; wide.h++; }
const arrs = [[1, 2, 3], "abcd", [], ""];
let lens = 0;
for (let k = 0; k < 8; k++) lens += arrs[k % 4].length;
console.log(ws, wide.h, wide.i, lens, [1, 2].pop(), "xy".charCodeAt(1), [5].concat([6]).length);

// arrow functions called directly: `this` is the enclosing method's, per closure
class Counter {
  constructor(s) { this.n = s; }
  run(k) {
    const inc = (d) => { this.n += d; return this.n; };
    let r = 0;
    for (let i = 0; i < k; i++) r = inc(i);
    return r;
  }
}
const cs = [new Counter(0), new Counter(100)];
const twice = (f, x) => f(f(x));
console.log(cs[0].run(5), cs[1].run(3), cs[0].n, cs[1].n, twice((v) => v * 3, 2),
  [1, 2, 3].map((v) => v + cs[0].n).join("+"));

console.log(values.map((v) => !v).join(""));
