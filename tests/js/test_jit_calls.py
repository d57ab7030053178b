"""The baseline JIT's calls (jit/t_calls.py): direct calls of compiled code with any
argument count (fewer: the other parameters undefined; more: dropped, as the
interpreter's ``push_frame`` does), through the per-function check and push
subroutines, and the built-ins done in line without a call (``arr.push(x)`` growing
the array, ``arr.pop()``, ``arr.shift()``, ``arr.slice(i, j)``, ``Array.isArray(x)``,
``s.substring(i, j)``, ``Math.trunc(x)``, ``Math.ceil(x)``, ``String(x)``). Compared
with node's recorded output and the heap VM's interpreter, with bailouts forced, in a
small poisoned semispace, and counters that show these calls stay in machine code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.js.jitrun import node_case_tests, node_recheck, run_jit
from tests.js.jitrun import write_program as _write

CALLS = r'''// direct calls with any argument count: fewer (the rest undefined), more (dropped),
// methods, arrows, constructors, defaults; pop/shift/Array.isArray in line
function none() { return "none"; }
function two(a, b) { return a + ":" + b; }
function dflt(a, b = 7) { return a * b; }
const arrow = (a, b) => [a, b, this === undefined].join("/");
class P {
  constructor(x, y) { this.x = x; this.y = y; }
  sum(k) { return this.x + (this.y === undefined ? 100 : this.y) + (k === undefined ? 0 : k); }
  get() { return this.x; }
}
function Q(a, b, c) { this.v = [a, b, c].join(","); }
const out = [];
for (let i = 0; i < 6; i++) {
  out.push(two(i), two(i, i + 1), two(i, i + 1, i + 2, i + 3), two());
  out.push(dflt(i), dflt(i, 2), dflt(i, undefined, 9));
  out.push(arrow(i), arrow(i, 1, 2));
  const p = i % 2 ? new P(i) : new P(i, i, i, i);
  out.push(p.sum(), p.sum(1, 2, 3), p.get(9, 9));
  out.push(new Q(i).v, new Q(i, 1, 2, 3, 4).v, new Q().v);
  console.log(out.join(" "));
  out.length = 0;
}
const many = (a, b, c, d, e, f, g, h, i, j) => [a, b, c, d, e, f, g, h, i, j].join("");
console.log(many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), many(1), many(), "|");
console.log(none(1, 2, 3), none());
// nodes with eval methods of different arities (a tree walked many times)
class Num { constructor(v) { this.v = v; } eval() { return this.v; } }
class Add { constructor(l, r) { this.l = l; this.r = r; }
  eval(env) { return this.l.eval(env) + this.r.eval(env); } }
class Var { constructor(n) { this.n = n; } eval(env) { return env[this.n]; } }
let tree = new Num(1);
for (let i = 0; i < 8; i++) tree = new Add(tree, i % 2 ? new Var("x") : new Num(i));
let tot = 0;
for (let i = 0; i < 300; i++) tot += tree.eval({ x: i });
console.log("tree", tot);
// recursion through argument-count mismatches
function count(n, acc) { return n === 0 ? (acc === undefined ? "u" : acc) : count(n - 1); }
console.log("count", count(50, 1), count(0, 5), count(3, 5, 6));
// pop and shift: empty, holes, undefined elements, named properties, other receivers
const a = [1, 2, 3, undefined, "s", { k: 1 }];
const log = [];
while (a.length) log.push(String(a.pop()));
log.push(String(a.pop()), a.length);
const b = [1, , 3];
log.push(b.pop(), b.pop(), b.pop(), b.length, b.pop());
const c = [1, , 3, , 5];
log.push(c.shift(), c.shift(), c.length, c.shift(), c.join("-"));
console.log(log.join(" "));
log.length = 0;
const d = [];
d.name = "named";
d.push(4, 5, 6);
log.push(d.pop(), d.shift(), d.length, d.name, d.pop(), d.pop(), d.pop(), d.length);
const own = { pop() { return "own pop"; }, shift() { return "own shift"; } };
log.push(own.pop(), own.shift());
const q = [];
for (let i = 0; i < 2000; i++) q.push(i);
let s = 0;
while (q.length > 1000) s += q.shift();
while (q.length) s += q.pop() * 2;
log.push(s, q.length, q.pop(), q.shift());
const r = [[1, 2], [3], []];
log.push(r.shift().pop(), r.pop().pop(), r.shift().shift(), r.length);
console.log(log.join(" "));
// isArray of every kind of value
const vals = [[], [1], {}, "a", "", 0, 1.5, null, undefined, true, () => 1, new P(1, 2), d,
              Object.create(Array.prototype), new Array(3), "[1]"];
console.log(vals.map((v) => (Array.isArray(v) ? 1 : 0)).join(""), Array.isArray(),
            Array.isArray([], 1));
const iso = [];
for (let i = 0; i < vals.length; i++) iso.push(Array.isArray(vals[i]) ? 1 : 0);
console.log("isArray", iso.join(""));
// replaced built-ins and methods of the same name
const savedPop = Array.prototype.pop;
Array.prototype.pop = function () { return "mine" + this.length; };
console.log("replaced", [1, 2].pop());
Array.prototype.pop = savedPop;
console.log("restored", [1, 2].pop());
const isA = Array.isArray;
Array.isArray = (x) => "no";
console.log("isArray replaced", Array.isArray([]));
Array.isArray = isA;
console.log("isArray restored", Array.isArray([]), isA("x"));
// calls with mismatched argument counts while the heap collects (string constants move)
let churn = 0;
for (let i = 0; i < 6000; i++) {
  const p = new P(i, "s" + i);
  churn += p.sum(1, 2).length + two("x" + i).length + new P("q" + i).sum("r").length;
}
console.log("churn", churn);
'''
# node's output of CALLS
CALLS_WANT = '''0:undefined 0:1 0:1 undefined:undefined 0 0 0 0//false 0/1/false 0 1 0 0,, 0,1,2 ,,
1:undefined 1:2 1:2 undefined:undefined 7 2 7 1//false 1/1/false 101 102 1 1,, 1,1,2 ,,
2:undefined 2:3 2:3 undefined:undefined 14 4 14 2//false 2/1/false 4 5 2 2,, 2,1,2 ,,
3:undefined 3:4 3:4 undefined:undefined 21 6 21 3//false 3/1/false 103 104 3 3,, 3,1,2 ,,
4:undefined 4:5 4:5 undefined:undefined 28 8 28 4//false 4/1/false 8 9 4 4,, 4,1,2 ,,
5:undefined 5:6 5:6 undefined:undefined 35 10 35 5//false 5/1/false 105 106 5 5,, 5,1,2 ,,
12345678910 1  |
none none
tree 183300
count u 5 u
[object Object] s undefined 3 2 1 undefined 0 3  1 0  1  3 3 -5
6 4 1 named 5   0 own pop own shift 3498500 0   2  3 0
1100000000001010 false true
isArray 1100000000001010
replaced mine2
restored 2
isArray replaced no
isArray restored true false
churn 199560
'''
SUBSTR = r'''// substring in line: every clamp, order, empty and whole results, other arguments
const s = "h\u00e9llo w\u00f6\u00f6rld!";
const idx = [-3, 0, 1, 2, 5, 8, 9, 13, 14, 20, 2147483647, -2147483648];
for (let i = 0; i < idx.length; i++) {
  const row = [];
  for (let j = 0; j < idx.length; j++) row.push(s.substring(idx[i], idx[j]));
  console.log(i, s.substring(idx[i]).length, "[" + s.substring(idx[i]) + "]");
  console.log(" ", row.slice(0, 6).join("|"));
  console.log(" ", row.slice(6).join("|"));
}
const odd = [undefined, null, 1.5, "3", NaN, Infinity, -Infinity, true, [2], -0];
for (let i = 0; i < odd.length; i++) {
  console.log("odd", i, s.substring(odd[i]), s.substring(2, odd[i]), s.substring(odd[i], 4));
}
console.log("args", s.substring(), s.substring(3, 5, 7), "".substring(0, 1) === "");
const whole = s.substring(0);
console.log("whole", whole === s, whole.length, s.substring(0, 100) === s);
const o = { substring(a, b) { return "own" + a + b; } };
console.log("own", o.substring(1, 2), String.prototype.substring.call("abc", 1));
const keys = {};
for (let k = 0; k < 10; k++) keys["key-" + k + "-pad".substring(0, k % 4)] = k;
console.log(Object.keys(keys).join());
let churn = 0;
const text = "the quick brown fox jumps over the lazy dog ".repeat(4);
for (let k = 0; k < 20000; k++) {
  const t = text.substring(k % 40, (k % 40) + (k % 17));
  if (t.length === k % 17 && (t.length === 0 || t.charAt(0) === text.charAt(k % 40))) churn++;
}
console.log("churn", churn);
const saved = String.prototype.substring;
String.prototype.substring = function (a) { return "mine" + a; };
console.log("replaced", "abc".substring(1));
String.prototype.substring = saved;
console.log("restored", "abc".substring(1));
'''
# node's output of SUBSTR
SUBSTR_WANT = '''0 13 [héllo wöörld!]
  ||h|hé|héllo|héllo wö
  héllo wöö|héllo wöörld!|héllo wöörld!|héllo wöörld!|héllo wöörld!|
1 13 [héllo wöörld!]
  ||h|hé|héllo|héllo wö
  héllo wöö|héllo wöörld!|héllo wöörld!|héllo wöörld!|héllo wöörld!|
2 12 [éllo wöörld!]
  h|h||é|éllo|éllo wö
  éllo wöö|éllo wöörld!|éllo wöörld!|éllo wöörld!|éllo wöörld!|h
3 11 [llo wöörld!]
  hé|hé|é||llo|llo wö
  llo wöö|llo wöörld!|llo wöörld!|llo wöörld!|llo wöörld!|hé
4 8 [ wöörld!]
  héllo|héllo|éllo|llo|| wö
   wöö| wöörld!| wöörld!| wöörld!| wöörld!|héllo
5 5 [örld!]
  héllo wö|héllo wö|éllo wö|llo wö| wö|
  ö|örld!|örld!|örld!|örld!|héllo wö
6 4 [rld!]
  héllo wöö|héllo wöö|éllo wöö|llo wöö| wöö|ö
  |rld!|rld!|rld!|rld!|héllo wöö
7 0 []
  héllo wöörld!|héllo wöörld!|éllo wöörld!|llo wöörld!| wöörld!|örld!
  rld!|||||héllo wöörld!
8 0 []
  héllo wöörld!|héllo wöörld!|éllo wöörld!|llo wöörld!| wöörld!|örld!
  rld!|||||héllo wöörld!
9 0 []
  héllo wöörld!|héllo wöörld!|éllo wöörld!|llo wöörld!| wöörld!|örld!
  rld!|||||héllo wöörld!
10 0 []
  héllo wöörld!|héllo wöörld!|éllo wöörld!|llo wöörld!| wöörld!|örld!
  rld!|||||héllo wöörld!
11 13 [héllo wöörld!]
  ||h|hé|héllo|héllo wö
  héllo wöö|héllo wöörld!|héllo wöörld!|héllo wöörld!|héllo wöörld!|
odd 0 héllo wöörld! llo wöörld! héll
odd 1 héllo wöörld! hé héll
odd 2 éllo wöörld! é éll
odd 3 lo wöörld! l l
odd 4 héllo wöörld! hé héll
odd 5  llo wöörld! o wöörld!
odd 6 héllo wöörld! hé héll
odd 7 éllo wöörld! é éll
odd 8 llo wöörld!  ll
odd 9 héllo wöörld! hé héll
args héllo wöörld! lo true
whole true 13 true
own own12 bc
key-0,key-1-,key-2-p,key-3-pa,key-4,key-5-,key-6-p,key-7-pa,key-8,key-9-
churn 20000
replaced mine1
restored bc
'''
SLICE = r'''// Array.prototype.slice in line: relative and clamped indices, holes, empty results
const a = [1, "two", , { k: 3 }, null, undefined, 7.5, [8]];
const idx = [-100, -8, -3, -1, 0, 1, 3, 7, 8, 9, 2147483647, -2147483648];
const show = (x) => x.length + ":" + x.map((v) => String(v)).join(",") + ":" + (2 in x);
for (let i = 0; i < idx.length; i++) {
  const row = [];
  for (let j = 0; j < idx.length; j++) row.push(a.slice(idx[i], idx[j]).length);
  console.log(i, show(a.slice(idx[i])), row.join(" "));
}
console.log("all", show(a.slice()), a.slice() !== a, a.slice(0, 100).length);
const odd = [undefined, null, 1.5, "3", NaN, Infinity, -Infinity, true, [2], -0];
for (let i = 0; i < odd.length; i++) {
  console.log("odd", i, a.slice(odd[i]).length, a.slice(1, odd[i]).length);
}
const c = a.slice(1, 3);
c.push("x", "y", "z", "w");
console.log("grown", c.length, c.join("|"), a.length, 1 in c);
const e = [].slice(0);
e.push(1);
console.log("empty", e.length, e[0], [].slice().length, [1, 2].slice(5).length);
const named = [1, 2, 3];
named.tag = "t";
console.log("named", named.slice(1).join(), named.slice(1).tag);
const own = { slice(x, y) { return "own" + x + y; } };
console.log("own", own.slice(1, 2), "string".slice(1, 3), Array.prototype.slice.call([5, 6], 1));
let churn = 0;
const src = [];
for (let k = 0; k < 50; k++) src.push(k);
for (let k = 0; k < 20000; k++) {
  const p = src.slice(k % 50, (k % 50) + (k % 7));
  const want = k % 7 < 50 - (k % 50) ? k % 7 : 50 - (k % 50);
  if (p.length === want && (p.length === 0 || p[0] === k % 50)) churn++;
}
console.log("churn", churn);
function perms(xs) {
  if (xs.length <= 1) return [xs.slice()];
  const out = [];
  for (let i = 0; i < xs.length; i++) {
    const rest = [...xs.slice(0, i), ...xs.slice(i + 1)];
    for (const p of perms(rest)) out.push([xs[i], ...p]);
  }
  return out;
}
const ps = perms([1, 2, 3, 4]).map((p) => p.join(""));
console.log("perms", ps.length, ps.slice(0, 12).join(" "));
console.log("perms", ps.slice(-12).join(" "));
const saved = Array.prototype.slice;
Array.prototype.slice = function () { return "mine"; };
console.log("replaced", [1].slice());
Array.prototype.slice = saved;
console.log("restored", [1, 2].slice(1)[0]);
'''
# node's output of SLICE
SLICE_WANT = '''0 8:1,two,,[object Object],null,undefined,7.5,8:false 0 0 5 7 0 1 3 7 8 8 8 0
1 8:1,two,,[object Object],null,undefined,7.5,8:false 0 0 5 7 0 1 3 7 8 8 8 0
2 3:undefined,7.5,8:true 0 0 0 2 0 0 0 2 3 3 3 0
3 1:8:false 0 0 0 0 0 0 0 0 1 1 1 0
4 8:1,two,,[object Object],null,undefined,7.5,8:false 0 0 5 7 0 1 3 7 8 8 8 0
5 7:two,,[object Object],null,undefined,7.5,8:true 0 0 4 6 0 0 2 6 7 7 7 0
6 5:[object Object],null,undefined,7.5,8:true 0 0 2 4 0 0 0 4 5 5 5 0
7 1:8:false 0 0 0 0 0 0 0 0 1 1 1 0
8 0::false 0 0 0 0 0 0 0 0 0 0 0 0
9 0::false 0 0 0 0 0 0 0 0 0 0 0 0
10 0::false 0 0 0 0 0 0 0 0 0 0 0 0
11 8:1,two,,[object Object],null,undefined,7.5,8:false 0 0 5 7 0 1 3 7 8 8 8 0
all 8:1,two,,[object Object],null,undefined,7.5,8:false true 8
odd 0 8 7
odd 1 8 0
odd 2 7 0
odd 3 5 2
odd 4 8 0
odd 5 0 7
odd 6 8 0
odd 7 7 0
odd 8 6 1
odd 9 8 0
grown 6 two||x|y|z|w 8 false
empty 1 1 0 0
named 2,3 undefined
own own12 tr [ 6 ]
churn 20000
perms 24 1234 1243 1324 1342 1423 1432 2134 2143 2314 2341 2413 2431
perms 3124 3142 3214 3241 3412 3421 4123 4132 4213 4231 4312 4321
replaced mine
restored 2
'''
PUSH = r'''// push growing the elements vector in line: every capacity, holes, made arrays
const lens = [];
const made = [[], [1], [1, 2, 3], [1, 2, 3, 4], new Array(5), [1, , 3], [0, 1, 2].slice(1)];
for (let m = 0; m < made.length; m++) {
  const a = made[m];
  for (let i = 0; i < 40; i++) lens.push(a.push(i * 3 - 7));
  console.log(m, a.length, a.slice(0, 8).join(","), a[a.length - 1], 2 in a, 6 in a);
}
console.log(lens.length, lens.slice(-5).join(","));
const big = [];
for (let i = 0; i < 1500; i++) big.push(i % 2 ? "s" + i : { i });
let sum = 0;
for (let i = 0; i < big.length; i += 2) sum += big[i].i;
console.log("big", big.length, sum, big[1499], big[3].length);
const named = [];
named.x = 1;
for (let i = 0; i < 9; i++) named.push(i);
console.log("named", named.length, named.join(""), named.x);
const q = [];
for (let i = 0; i < 300; i++) { q.push(i); q.push(i + 1); q.shift(); }
console.log("queue", q.length, q[0], q[q.length - 1]);
console.log("args", [].push(), [1].push(2, 3), [].push(undefined));
let total = 0;
for (let k = 0; k < 3000; k++) {
  const t = [];
  for (let i = 0; i < 9; i++) t.push({ i, k });
  total += t.length + t[8].i + t[0].k;
}
console.log("churn", total);
'''
# node's output of PUSH
PUSH_WANT = '''0 40 -7,-4,-1,2,5,8,11,14 110 true true
1 41 1,-7,-4,-1,2,5,8,11 110 true true
2 43 1,2,3,-7,-4,-1,2,5 110 true true
3 44 1,2,3,4,-7,-4,-1,2 110 true true
4 45 ,,,,,-7,-4,-1 110 false true
5 43 1,,3,-7,-4,-1,2,5 110 true true
6 42 1,2,-7,-4,-1,2,5,8 110 true true
280 38,39,40,41,42
big 1500 561750 s1499 2
named 9 012345678 1
queue 300 150 300
args 0 3 1
churn 4549500
'''
MATH = r'''// Math.trunc and Math.ceil in line: -0, NaN, the infinities, int32 limits, non-numbers
const nums = [4, 2.5, -2.5, -0.5, 0.5, -0, 0, NaN, Infinity, -Infinity, 1e300, -1e-300,
              2147483647.5, -2147483648.5, 2147483648, -2147483649, 4294967296.5, "9.5",
              null, undefined, true, "x", [16.5], -1, 1.9999999999999998];
for (let j = 0; j < nums.length; j++) {
  const x = nums[j];
  const t = Math.trunc(x), c = Math.ceil(x);
  console.log(j, t, 1 / t, c, 1 / c, Math.trunc(x) === t, typeof c);
}
let s = 0;
for (let k = -5000; k < 5000; k++) s += Math.trunc(k / 7) + Math.ceil(k / 3);
console.log("sum", s, Math.trunc(), Math.ceil(), Math.trunc(7.9, 1), Math.ceil(-7.9, 1));
const saved = Math.trunc;
Math.trunc = (x) => "mine" + x;
console.log("replaced", Math.trunc(2.5));
Math.trunc = saved;
console.log("restored", Math.trunc(2.5));
'''
# node's output of MATH
MATH_WANT = '''0 4 0.25 4 0.25 true number
1 2 0.5 3 0.3333333333333333 true number
2 -2 -0.5 -2 -0.5 true number
3 -0 -Infinity -0 -Infinity true number
4 0 Infinity 1 1 true number
5 -0 -Infinity -0 -Infinity true number
6 0 Infinity 0 Infinity true number
7 NaN NaN NaN NaN false number
8 Infinity 0 Infinity 0 true number
9 -Infinity -0 -Infinity -0 true number
10 1e+300 1e-300 1e+300 1e-300 true number
11 -0 -Infinity -0 -Infinity true number
12 2147483647 4.656612875245797e-10 2147483648 4.656612873077393e-10 true number
13 -2147483648 -4.656612873077393e-10 -2147483648 -4.656612873077393e-10 true number
14 2147483648 4.656612873077393e-10 2147483648 4.656612873077393e-10 true number
15 -2147483649 -4.656612870908988e-10 -2147483649 -4.656612870908988e-10 true number
16 4294967296 2.3283064365386963e-10 4294967297 2.3283064359965952e-10 true number
17 9 0.1111111111111111 10 0.1 true number
18 0 Infinity 0 Infinity true number
19 NaN NaN NaN NaN false number
20 1 1 1 1 true number
21 NaN NaN NaN NaN false number
22 16 0.0625 17 0.058823529411764705 true number
23 -1 -1 -1 -1 true number
24 1 1 2 0.5 true number
sum 953 NaN NaN 7 -7
replaced mine2.5
restored 2
'''
TOSTR = r'''// String(x) in line: strings as themselves, int32 as decimal digits; the rest generic
const xs = [0, 1, -1, 9, 10, -10, 99, 100, 12345, -98765, 2147483647, -2147483648, 1000000000,
            -0, "", "abc", "\u00e9", 1.5, NaN, -Infinity, 1e21, null, undefined, true, false,
            [1, 2], { toString() { return "T"; } }, 4294967296];
const out = [];
for (let i = 0; i < xs.length; i++) {
  const s = String(xs[i]);
  out.push(typeof s + ":" + s.length + ":" + s);
}
for (let i = 0; i < out.length; i += 4) console.log(out.slice(i, i + 4).join(" "));
let len = 0;
let same = 0;
for (let k = -10000; k < 10000; k++) {
  const s = String(k * 7);
  len += s.length;
  if (s.charCodeAt(s.length - 1) === 48 + (Math.abs(k * 7) % 10)) same++;
}
console.log("digits", len, same, String(), String("a", 1), String(7, 8));
const keys = {};
for (let k = 0; k < 12; k++) keys[String(k % 5)] = k;
console.log(Object.keys(keys).join(), keys["3"]);
const saved = String;
String = (x) => "mine" + x;
console.log("replaced", String(1));
String = saved;
console.log("restored", String(12), String(-3).charAt(0));
'''
# node's output of TOSTR
TOSTR_WANT = '''string:1:0 string:1:1 string:2:-1 string:1:9
string:2:10 string:3:-10 string:2:99 string:3:100
string:5:12345 string:6:-98765 string:10:2147483647 string:11:-2147483648
string:10:1000000000 string:1:0 string:0: string:3:abc
string:1:é string:3:1.5 string:3:NaN string:9:-Infinity
string:5:1e+21 string:4:null string:9:undefined string:4:true
string:5:false string:3:1,2 string:1:T string:10:4294967296
digits 106826 20000  a 7
0,1,2,3,4 8
replaced mine1
restored 12 -
'''
CASES = [("calls", CALLS, CALLS_WANT), ("substring", SUBSTR, SUBSTR_WANT),
         ("slice", SLICE, SLICE_WANT), ("push", PUSH, PUSH_WANT), ("math", MATH, MATH_WANT),
         ("string", TOSTR, TOSTR_WANT)]
#: the cases that allocate enough to collect in a 256 KiB semispace
ALLOCATING = [c for c in CASES if c[0] != "math"]


test_matches_node_and_interpreter, test_stress_bailouts = node_case_tests(
    CASES, ("all", 3))
test_recorded_output_is_nodes = node_recheck(CASES)


def test_calls_stay_in_machine_code(tmp_path: Path) -> None:
    """The tree's 300 walks (eval() of Num called as eval(env): 2,700 calls with an
    argument more than parameters), the 2,000 shifts and pops of the queue and the
    arity-mismatched recursions are direct calls or in line: only the first call of each
    function, the built-ins not done in line (join of numbers, String of an object ...),
    the replaced ones and own methods take the generic path."""
    proc, jit = run_jit(_write(tmp_path, CALLS), threshold=0)
    assert proc.stdout == CALLS_WANT
    jit.summary()  # reads the direct-call count
    assert jit.stats.direct_calls >= 5000, jit.stats.direct_calls
    assert jit.stats.guard_failures["call not direct"] < 200, jit.stats.guard_failures
    assert jit.stats.step_ops["Call"] < 250, jit.stats.step_ops


def test_substring_in_line(tmp_path: Path) -> None:
    """SUBSTR's 12 x 12 int32 pairs and its 20,000-iteration loop take no slow-path
    step for substring: only the odd arguments, the own and replaced methods and
    String.prototype.substring.call do."""
    proc, jit = run_jit(_write(tmp_path, SUBSTR), threshold=0)
    assert proc.stdout == SUBSTR_WANT
    jit.summary()
    # about 160 calls of console.log, join, slice and the rest (20,000 more if
    # substring stepped)
    assert jit.stats.step_ops["Call"] < 250, jit.stats.step_ops


def test_array_slice_in_line(tmp_path: Path) -> None:
    """SLICE's 12 x 12 index pairs, its 20,000-iteration loop and the permutations'
    slices take no slow-path step: only the odd arguments, own and replaced methods,
    String's slice, the map callbacks' String and the rest do."""
    proc, jit = run_jit(_write(tmp_path, SLICE), threshold=0)
    assert proc.stdout == SLICE_WANT
    jit.summary()
    # about 210 calls of console.log, map, join, String ... (20,000 more if slice stepped)
    assert jit.stats.step_ops["Call"] < 300, jit.stats.step_ops


def test_push_grows_in_line(tmp_path: Path) -> None:
    """PUSH's 29,500 pushes, past every capacity of arrays made in every way, take no
    slow-path step but the few calls of console.log, join, slice with odd arguments
    and the pushes of other argument counts."""
    proc, jit = run_jit(_write(tmp_path, PUSH), threshold=0)
    assert proc.stdout == PUSH_WANT
    jit.summary()
    assert jit.stats.step_ops["Call"] < 40, jit.stats.step_ops


def test_trunc_and_ceil_in_line(tmp_path: Path) -> None:
    """MATH's 20,000 calls of Math.trunc and Math.ceil in its loop take no slow-path
    step: only the non-numbers, the calls of other argument counts and the replaced
    function do."""
    proc, jit = run_jit(_write(tmp_path, MATH), threshold=0)
    assert proc.stdout == MATH_WANT
    jit.summary()
    assert jit.stats.step_ops["Call"] < 80, jit.stats.step_ops


def test_string_of_int32_in_line(tmp_path: Path) -> None:
    """TOSTR's 20,000 calls of String(int32) in its loop take no slow-path step: only
    the other kinds of values, the calls of other argument counts and the replaced
    String do."""
    proc, jit = run_jit(_write(tmp_path, TOSTR), threshold=0)
    assert proc.stdout == TOSTR_WANT
    jit.summary()
    assert jit.stats.step_ops["Call"] < 60, jit.stats.step_ops


def test_own_function_named_like_a_builtin(tmp_path: Path) -> None:
    """A plain call of a function named like one of NATIVES (``abs(x)``, no receiver)
    compiles (the called name had no dot: an IndexError before) and calls it."""
    src = "function abs(x) { return -x; }\nfunction floor(a, b) { return a + b; }\n" \
          "console.log(abs(3), floor(1, 2), floor(4));\n"
    proc, _ = run_jit(_write(tmp_path, src), threshold=0)
    assert (proc.stdout, proc.stderr, proc.returncode) == ("-3 3 NaN\n", "", 0)  # node's


@pytest.mark.parametrize(("name", "src", "want"), ALLOCATING, ids=[c[0] for c in ALLOCATING])
def test_with_collections(tmp_path: Path, name: str, src: str, want: str) -> None:
    """In a 256 KiB poisoned semispace: frames pushed by the subroutine hold the words the
    collector moves, and the frame blocks' templates are refreshed after each collection."""
    from a64js.hvm.core import R

    proc, _ = run_jit(_write(tmp_path, src), threshold=0, semispace=256 << 10, poison=True)
    assert (proc.stdout, proc.stderr, proc.returncode) == (want, "", 0)
    assert R.heap.stats.collections >= 2
