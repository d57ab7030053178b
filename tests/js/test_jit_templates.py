"""The baseline JIT's templates (jit/t_props.py, jit/t_ops.py): small programs that hit
every fast path and every way off it, compared with node's recorded output and with the
heap VM's interpreter, at threshold 0 and with bailouts forced at guards; and counters
that show the hot paths stay in machine code."""

from __future__ import annotations

from pathlib import Path

from a64js.jit.t_props import IC_ENTRY_WORDS, IC_WORDS, fill_set, put_entry
from tests.js.hvmrun import small_semispace
from tests.js.jitrun import node_case_tests, node_recheck, run_jit
from tests.js.jitrun import write_program as _write

PROPS = r'''// property caches: own, polymorphic, megamorphic, prototype (depth 1 and 2), getters,
// out-of-line slots, transitions, DefineField, invalidation by a setter defined later
class Base {
  constructor(v) { this.v = v; }
  get twice() { return this.v * 2; }
  base() { return this.v + 1; }
}
class Mid extends Base { mid() { return this.v + 2; } }
class Leaf extends Mid { constructor(v) { super(v); this.w = -v; } }
function getv(o) { return o.v; }
function calls(o) { return o.base() + o.mid(); }
function tw(o) { return o.twice; }
let s = 0;
const objs = [new Base(1), new Mid(2), new Leaf(3), {v: 4}, {a: 0, v: 5}, {b: 0, c: 0, v: 6}];
for (let i = 0; i < 120; i++) {
  const o = objs[i % objs.length];       // six shapes at one site: megamorphic
  s += getv(o);
  if (o instanceof Mid) s += calls(o);
  if (o instanceof Base) s += tw(o);
}
console.log("poly", s);
function wide() {
  const o = {};
  for (let i = 0; i < 12; i++) o["k" + i] = i;  // out-of-line slots past the sixth
  return o;
}
function sumk(o) { return o.k0 + o.k5 + o.k6 + o.k11; }
function bump(o) { o.k9 = o.k9 + 1; o.k1 = o.k1 + 1; }
let t = 0;
for (let i = 0; i < 50; i++) { const o = wide(); bump(o); bump(o); t += sumk(o) + o.k9 + o.k1; }
console.log("wide", t);
class Pt { constructor(x, y) { this.x = x; this.y = y; this.z = x + y; this.q = 1; this.r = 2;
  this.u = 3; this.m = 4; this.n = 5; } }  // the last two out of line
let u = 0;
for (let i = 0; i < 60; i++) { const p = new Pt(i, 1); p.n += p.m; u += p.n + p.z; }
console.log("pt", u);
function lit(i) { return {kind: "k", value: i, next: null, extra: [i]}; }
let l = 0;
for (let i = 0; i < 40; i++) { const o = lit(i); l += o.value + o.extra.length; }
console.log("lit", l);
class Cell {}
function put(o, v) { o.val = v; return o; }
let seen = [];
for (let i = 0; i < 30; i++) put(new Cell(), i);
Object.defineProperty(Cell.prototype, "val", { set(v) { seen.push(v); }, get() { return 7; } });
for (let i = 0; i < 3; i++) { const c = put(new Cell(), 100 + i); seen.push(c.val); }
console.log("setter", seen.join(","));
function len(x) { return x.length; }
console.log("len", len([1, 2, 3]), len("hello"), len({length: 9}), len(function (a, b) {}),
            len(""), len([]));
function num(x) { return x.toFixed; }
console.log("prim", typeof num(1.5), typeof num(3));
function rd(o) { try { return o.x; } catch (e) { return e.constructor.name; } }
console.log("undef", rd(undefined), rd(null), rd({x: 1}), rd({y: 1}));
const F = function () {}; F.count = 0;
for (let i = 0; i < 25; i++) F.count = F.count + i;
console.log("fnprop", F.count);
const d = {p: 1, q: 2, r: 3};
for (let i = 0; i < 20; i++) { d.p += 1; if (i === 10) delete d.q; d.r += d.p; }
console.log("delete", d.p, d.q, d.r, Object.keys(d).join());
const arr = [];
for (let i = 0; i < 30; i++) arr.push(i * 2);
console.log("arr", arr.length, arr.slice(2, 5).join(), "abc".charAt(1), [3, 1, 2].indexOf(2));
'''
# node's output of PROPS
PROPS_OUT = '''poly 980
wide 1800
pt 2370
lit 820
setter 100,7,101,7,102,7
len 3 5 9 2 0 0
prim function function
undef TypeError TypeError 1 undefined
fnprop 300
delete 21 undefined 233 p,r
arr 30 4,6,8 b 2
'''

OPS = r'''// strict equality, truthiness, nullish, %, shifts, ~, captured variables
function eq(a, b) { return a === b; }
function ne(a, b) { return a !== b; }
function jeq(a, b) { if (a === b) return 1; return 0; }
const vals = [0, -0, 1, 1.5, 3, 3.0, NaN, Infinity, -1, 2147483647, "", "a", "ab", "3",
              null, undefined, true, false, {}, [], 2 ** 31];
const half = "a"; const built = half + "b";
for (const a of vals) {
  let row = "";
  for (const b of vals) row += (eq(a, b) ? "1" : "0") + (ne(a, b) ? "" : "") + jeq(a, b);
  console.log(row);
}
console.log(eq(built, "ab"), eq(1.5 + 1.5, 3), eq(0.1 + 0.2, 0.3), eq(-0, 0), ne("ab", built));
function truth(x) {
  let r = x ? "T" : "F";
  if (!x) r += "n";
  while (x) { r += "w"; break; }
  return r;
}
console.log(vals.map(truth).join(" "));
function nullish(x) { return x ?? "dflt"; }
console.log([0, "", null, undefined, false, NaN].map(nullish).join());
function mod(a, b) { return a % b; }
const pairs = [[7, 3], [-7, 3], [7, -3], [-7, -3], [6, 3], [-6, 3], [5, 0], [0, 5],
               [-2147483648, -1], [2147483647, 2], [7.5, 2], [-0, 5], [5, Infinity]];
function show(r) { return r === 0 && 1 / r < 0 ? "-0" : String(r); }
console.log(pairs.map(([a, b]) => show(mod(a, b))).join());
function shl(a, b) { return a << b; }
function sar(a, b) { return a >> b; }
function shr(a, b) { return a >>> b; }
const sh = [[1, 31], [1, 32], [1, 33], [-1, 4], [5, -1], [-8, 1], [2147483647, 1],
            [-2147483648, 0]];
for (const [a, b] of sh) console.log([shl(a, b), sar(a, b), shr(a, b)].join("/"));
function bnot(x) { return ~x; }
console.log([0, -1, 5, 2147483647, -2147483648, 1.5].map(bnot).join());
function counter() {
  let n = 0;
  const inc = () => { n++; return n; };
  for (let i = 0; i < 40; i++) inc();
  return n;
}
console.log("ctx", counter());
function tdz() {
  const f = () => early;
  let r;
  try { r = f(); } catch (e) { r = e.name + ": " + e.message; }
  let early = 5;
  return r + " / " + f();
}
console.log(tdz());
let total = 0;
for (let i = 0; i < 300; i++) { if (i % 7 === 3 || i % 11 === 0) total += i; }
console.log("loop", total);
function missing() { try { return notDefinedAnywhere; } catch (e) { return e.name; } }
let errs = [];
for (let i = 0; i < 4; i++) errs.push(missing() + Math.max(i, 2));
console.log("globals", errs.join());
'''
# node's output of OPS
OPS_OUT = '''111100000000000000000000000000000000000000
111100000000000000000000000000000000000000
000011000000000000000000000000000000000000
000000110000000000000000000000000000000000
000000001111000000000000000000000000000000
000000001111000000000000000000000000000000
000000000000000000000000000000000000000000
000000000000001100000000000000000000000000
000000000000000011000000000000000000000000
000000000000000000110000000000000000000000
000000000000000000001100000000000000000000
000000000000000000000011000000000000000000
000000000000000000000000110000000000000000
000000000000000000000000001100000000000000
000000000000000000000000000011000000000000
000000000000000000000000000000110000000000
000000000000000000000000000000001100000000
000000000000000000000000000000000011000000
000000000000000000000000000000000000110000
000000000000000000000000000000000000001100
000000000000000000000000000000000000000011
true true false true false
Fn Fn Tw Tw Tw Tw Fn Tw Tw Tw Fn Tw Tw Tw Fn Fn Tw Fn Tw Tw Tw
0,,dflt,dflt,false,NaN
1,-1,1,-1,0,-0,NaN,0,-0,1,1.5,-0,5
-2147483648/0/0
1/1/1
2/0/0
-16/-1/268435455
-2147483648/0/0
-16/-4/2147483644
-2/1073741823/1073741823
-2147483648/-2147483648/2147483648
-1,0,-6,-2147483648,2147483647,-2
ctx 40
ReferenceError: Cannot access 'early' before initialization / 5
loop 9882
globals ReferenceError2,ReferenceError2,ReferenceError2,ReferenceError3
'''

NUM = r'''// doubles and int32/double mixes: + - * /, compares and fused jumps, overflow to
// doubles in code, -0, NaN, Infinity, strings and objects on the generic path
function add(a, b) { return a + b; }
function sub(a, b) { return a - b; }
function mul(a, b) { return a * b; }
function div(a, b) { return a / b; }
function show(r) { return r === 0 && 1 / r < 0 ? "-0" : String(r); }
const xs = [0, -0, 1, -1, 2.5, -3.75, 2147483647, -2147483648, 1e300, -1e-300, NaN, Infinity,
            -Infinity, 0.1, 65536, 46341];
for (const a of xs) {
  for (const b of xs) {
    console.log([add(a, b), sub(a, b), mul(a, b), div(a, b)].map(show).join(" "));
  }
}
function rel(a, b) { return [a < b, a <= b, a > b, a >= b].map((x) => (x ? 1 : 0)).join(""); }
function jmp(a, b) {
  let s = "";
  if (a < b) s += "a"; if (a <= b) s += "b"; if (a > b) s += "c"; if (a >= b) s += "d";
  if (!(a < b)) s += "e"; if (!(a <= b)) s += "f"; if (!(a > b)) s += "g"; if (!(a >= b)) s += "h";
  return s;
}
const cs = [0, -0, 1, 1.5, -2.5, NaN, Infinity, 3, "3", "10", "9", null, undefined, true];
for (const a of cs) {
  let out = [];
  for (const b of cs) out.push(rel(a, b) + jmp(a, b));
  console.log(out.slice(0, 7).join(" "));
  console.log(out.slice(7).join(" "));
}
console.log(add("a", 1), add(1, "b"), add({}, 1), sub("5", 2), mul("3", "4"), div(null, 2));
let x = 0.5, n = 0, y = 1;
for (let i = 0; i < 200; i++) { x = x * 1.01 + 0.25 / (i + 1); if (x > 3.5) x -= 2; y = y * 3; }
while (n < 10.5) n += 0.75;
console.log(x.toFixed(10), n, y, (7 / 2) | 0, 10 / 5, 1 / 3);
'''
# node's output of NUM
NUM_OUT = '''0 0 0 NaN
0 0 -0 NaN
1 -1 0 0
-1 1 -0 -0
2.5 -2.5 0 0
-3.75 3.75 -0 -0
2147483647 -2147483647 0 0
-2147483648 2147483648 -0 -0
1e+300 -1e+300 0 0
-1e-300 1e-300 -0 -0
NaN NaN NaN NaN
Infinity -Infinity NaN 0
-Infinity Infinity NaN -0
0.1 -0.1 0 0
65536 -65536 0 0
46341 -46341 0 0
0 -0 -0 NaN
-0 0 0 NaN
1 -1 -0 -0
-1 1 0 0
2.5 -2.5 -0 -0
-3.75 3.75 0 0
2147483647 -2147483647 -0 -0
-2147483648 2147483648 0 0
1e+300 -1e+300 -0 -0
-1e-300 1e-300 0 0
NaN NaN NaN NaN
Infinity -Infinity NaN -0
-Infinity Infinity NaN 0
0.1 -0.1 -0 -0
65536 -65536 -0 -0
46341 -46341 -0 -0
1 1 0 Infinity
1 1 -0 -Infinity
2 0 1 1
0 2 -1 -1
3.5 -1.5 2.5 0.4
-2.75 4.75 -3.75 -0.26666666666666666
2147483648 -2147483646 2147483647 4.656612875245797e-10
-2147483647 2147483649 -2147483648 -4.656612873077393e-10
1e+300 -1e+300 1e+300 1e-300
1 1 -1e-300 -9.999999999999999e+299
NaN NaN NaN NaN
Infinity -Infinity Infinity 0
-Infinity Infinity -Infinity -0
1.1 0.9 0.1 10
65537 -65535 65536 0.0000152587890625
46342 -46340 46341 0.000021579163160052653
-1 -1 -0 -Infinity
-1 -1 0 Infinity
0 -2 -1 -1
-2 0 1 1
1.5 -3.5 -2.5 -0.4
-4.75 2.75 3.75 0.26666666666666666
2147483646 -2147483648 -2147483647 -4.656612875245797e-10
-2147483649 2147483647 2147483648 4.656612873077393e-10
1e+300 -1e+300 -1e+300 -1e-300
-1 -1 1e-300 9.999999999999999e+299
NaN NaN NaN NaN
Infinity -Infinity -Infinity -0
-Infinity Infinity Infinity 0
-0.9 -1.1 -0.1 -10
65535 -65537 -65536 -0.0000152587890625
46340 -46342 -46341 -0.000021579163160052653
2.5 2.5 0 Infinity
2.5 2.5 -0 -Infinity
3.5 1.5 2.5 2.5
1.5 3.5 -2.5 -2.5
5 0 6.25 1
-1.25 6.25 -9.375 -0.6666666666666666
2147483649.5 -2147483644.5 5368709117.5 1.1641532188114492e-9
-2147483645.5 2147483650.5 -5368709120 -1.1641532182693481e-9
1e+300 -1e+300 2.5e+300 2.5e-300
2.5 2.5 -2.5e-300 -2.4999999999999998e+300
NaN NaN NaN NaN
Infinity -Infinity Infinity 0
-Infinity Infinity -Infinity -0
2.6 2.4 0.25 25
65538.5 -65533.5 163840 0.00003814697265625
46343.5 -46338.5 115852.5 0.00005394790790013163
-3.75 -3.75 -0 -Infinity
-3.75 -3.75 0 Infinity
-2.75 -4.75 -3.75 -3.75
-4.75 -2.75 3.75 3.75
-1.25 -6.25 -9.375 -1.5
-7.5 0 14.0625 1
2147483643.25 -2147483650.75 -8053063676.25 -1.7462298282171738e-9
-2147483651.75 2147483644.25 8053063680 1.7462298274040222e-9
1e+300 -1e+300 -3.75e+300 -3.75e-300
-3.75 -3.75 3.75e-300 3.75e+300
NaN NaN NaN NaN
Infinity -Infinity -Infinity -0
-Infinity Infinity Infinity 0
-3.65 -3.85 -0.375 -37.5
65532.25 -65539.75 -245760 -0.000057220458984375
46337.25 -46344.75 -173778.75 -0.00008092186185019744
2147483647 2147483647 0 Infinity
2147483647 2147483647 -0 -Infinity
2147483648 2147483646 2147483647 2147483647
2147483646 2147483648 -2147483647 -2147483647
2147483649.5 2147483644.5 5368709117.5 858993458.8
2147483643.25 2147483650.75 -8053063676.25 -572662305.8666667
4294967294 0 4611686014132420600 1
-1 4294967295 -4611686016279904000 -0.9999999995343387
1e+300 -1e+300 Infinity 2.147483647e-291
2147483647 2147483647 -2.147483647e-291 -Infinity
NaN NaN NaN NaN
Infinity -Infinity Infinity 0
-Infinity Infinity -Infinity -0
2147483647.1 2147483646.9 214748364.70000002 21474836470
2147549183 2147418111 140737488289792 32767.99998474121
2147529988 2147437306 99516539685627 46340.90000215792
-2147483648 -2147483648 -0 -Infinity
-2147483648 -2147483648 0 Infinity
-2147483647 -2147483649 -2147483648 -2147483648
-2147483649 -2147483647 2147483648 2147483648
-2147483645.5 -2147483650.5 -5368709120 -858993459.2
-2147483651.75 -2147483644.25 8053063680 572662306.1333333
-1 -4294967295 -4611686016279904000 -1.0000000004656613
-4294967296 0 4611686018427388000 1
1e+300 -1e+300 -Infinity -2.147483648e-291
-2147483648 -2147483648 2.147483648e-291 Infinity
NaN NaN NaN NaN
Infinity -Infinity -Infinity -0
-Infinity Infinity Infinity 0
-2147483647.9 -2147483648.1 -214748364.8 -21474836480
-2147418112 -2147549184 -140737488355328 -32768
-2147437307 -2147529989 -99516539731968 -46340.90002373708
1e+300 1e+300 0 Infinity
1e+300 1e+300 -0 -Infinity
1e+300 1e+300 1e+300 1e+300
1e+300 1e+300 -1e+300 -1e+300
1e+300 1e+300 2.5e+300 4e+299
1e+300 1e+300 -3.75e+300 -2.6666666666666668e+299
1e+300 1e+300 Infinity 4.656612875245797e+290
1e+300 1e+300 -Infinity -4.656612873077393e+290
2e+300 0 Infinity 1
1e+300 1e+300 -1 -Infinity
NaN NaN NaN NaN
Infinity -Infinity Infinity 0
-Infinity Infinity -Infinity -0
1e+300 1e+300 1e+299 1e+301
1e+300 1e+300 6.5536e+304 1.52587890625e+295
1e+300 1e+300 4.634100000000001e+304 2.1579163160052653e+295
-1e-300 -1e-300 -0 -Infinity
-1e-300 -1e-300 0 Infinity
1 -1 -1e-300 -1e-300
-1 1 1e-300 1e-300
2.5 -2.5 -2.5e-300 -4e-301
-3.75 3.75 3.75e-300 2.6666666666666666e-301
2147483647 -2147483647 -2.147483647e-291 -4.6566128752458e-310
-2147483648 2147483648 2.147483648e-291 4.65661287307737e-310
1e+300 -1e+300 -1 -0
-2e-300 0 0 1
NaN NaN NaN NaN
Infinity -Infinity -Infinity -0
-Infinity Infinity Infinity 0
0.1 -0.1 -1e-301 -1e-299
65536 -65536 -6.5536e-296 -1.52587890625e-305
46341 -46341 -4.6341e-296 -2.1579163160052655e-305
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
NaN NaN NaN NaN
Infinity Infinity NaN Infinity
Infinity Infinity NaN -Infinity
Infinity Infinity Infinity Infinity
Infinity Infinity -Infinity -Infinity
Infinity Infinity Infinity Infinity
Infinity Infinity -Infinity -Infinity
Infinity Infinity Infinity Infinity
Infinity Infinity -Infinity -Infinity
Infinity Infinity Infinity Infinity
Infinity Infinity -Infinity -Infinity
NaN NaN NaN NaN
Infinity NaN Infinity NaN
NaN Infinity -Infinity NaN
Infinity Infinity Infinity Infinity
Infinity Infinity Infinity Infinity
Infinity Infinity Infinity Infinity
-Infinity -Infinity NaN -Infinity
-Infinity -Infinity NaN Infinity
-Infinity -Infinity -Infinity -Infinity
-Infinity -Infinity Infinity Infinity
-Infinity -Infinity -Infinity -Infinity
-Infinity -Infinity Infinity Infinity
-Infinity -Infinity -Infinity -Infinity
-Infinity -Infinity Infinity Infinity
-Infinity -Infinity -Infinity -Infinity
-Infinity -Infinity Infinity Infinity
NaN NaN NaN NaN
NaN -Infinity -Infinity NaN
-Infinity NaN Infinity NaN
-Infinity -Infinity -Infinity -Infinity
-Infinity -Infinity -Infinity -Infinity
-Infinity -Infinity -Infinity -Infinity
0.1 0.1 0 Infinity
0.1 0.1 -0 -Infinity
1.1 -0.9 0.1 0.1
-0.9 1.1 -0.1 -0.1
2.6 -2.4 0.25 0.04
-3.65 3.85 -0.375 -0.02666666666666667
2147483647.1 -2147483646.9 214748364.70000002 4.656612875245797e-11
-2147483647.9 2147483648.1 -214748364.8 -4.656612873077393e-11
1e+300 -1e+300 1e+299 1e-301
0.1 0.1 -1e-301 -1e+299
NaN NaN NaN NaN
Infinity -Infinity Infinity 0
-Infinity Infinity -Infinity -0
0.2 0 0.010000000000000002 1
65536.1 -65535.9 6553.6 0.00000152587890625
46341.1 -46340.9 4634.1 0.0000021579163160052656
65536 65536 0 Infinity
65536 65536 -0 -Infinity
65537 65535 65536 65536
65535 65537 -65536 -65536
65538.5 65533.5 163840 26214.4
65532.25 65539.75 -245760 -17476.266666666666
2147549183 -2147418111 140737488289792 0.000030517578139210855
-2147418112 2147549184 -140737488355328 -0.000030517578125
1e+300 -1e+300 6.5536e+304 6.5536e-296
65536 65536 -6.5536e-296 -6.553599999999999e+304
NaN NaN NaN NaN
Infinity -Infinity Infinity 0
-Infinity Infinity -Infinity -0
65536.1 65535.9 6553.6 655360
131072 0 4294967296 1
111877 19195 3037003776 1.4142120368572106
46341 46341 0 Infinity
46341 46341 -0 -Infinity
46342 46340 46341 46341
46340 46342 -46341 -46341
46343.5 46338.5 115852.5 18536.4
46337.25 46344.75 -173778.75 -12357.6
2147529988 -2147437306 99516539685627 0.000021579209725176548
-2147437307 2147529989 -99516539731968 -0.000021579209715127945
1e+300 -1e+300 4.634100000000001e+304 4.6341e-296
46341 46341 -4.6341e-296 -4.6341e+304
NaN NaN NaN NaN
Infinity -Infinity Infinity 0
-Infinity Infinity -Infinity -0
46341.1 46340.9 4634.1 463410
111877 -19195 3037003776 0.7071075439453125
92682 0 2147488281 1
0101bdeg 0101bdeg 1100abgh 1100abgh 0011cdef 0000efgh 1100abgh
1100abgh 1100abgh 1100abgh 1100abgh 0101bdeg 0000efgh 1100abgh
0101bdeg 0101bdeg 1100abgh 1100abgh 0011cdef 0000efgh 1100abgh
1100abgh 1100abgh 1100abgh 1100abgh 0101bdeg 0000efgh 1100abgh
0011cdef 0011cdef 0101bdeg 1100abgh 0011cdef 0000efgh 1100abgh
1100abgh 1100abgh 1100abgh 1100abgh 0011cdef 0000efgh 0101bdeg
0011cdef 0011cdef 0011cdef 0101bdeg 0011cdef 0000efgh 1100abgh
1100abgh 1100abgh 1100abgh 1100abgh 0011cdef 0000efgh 0011cdef
1100abgh 1100abgh 1100abgh 1100abgh 0101bdeg 0000efgh 1100abgh
1100abgh 1100abgh 1100abgh 1100abgh 1100abgh 0000efgh 1100abgh
0000efgh 0000efgh 0000efgh 0000efgh 0000efgh 0000efgh 0000efgh
0000efgh 0000efgh 0000efgh 0000efgh 0000efgh 0000efgh 0000efgh
0011cdef 0011cdef 0011cdef 0011cdef 0011cdef 0000efgh 0101bdeg
0011cdef 0011cdef 0011cdef 0011cdef 0011cdef 0000efgh 0011cdef
0011cdef 0011cdef 0011cdef 0011cdef 0011cdef 0000efgh 1100abgh
0101bdeg 0101bdeg 1100abgh 1100abgh 0011cdef 0000efgh 0011cdef
0011cdef 0011cdef 0011cdef 0011cdef 0011cdef 0000efgh 1100abgh
0101bdeg 0101bdeg 0011cdef 1100abgh 0011cdef 0000efgh 0011cdef
0011cdef 0011cdef 0011cdef 0011cdef 0011cdef 0000efgh 1100abgh
0011cdef 1100abgh 0101bdeg 1100abgh 0011cdef 0000efgh 0011cdef
0011cdef 0011cdef 0011cdef 0011cdef 0011cdef 0000efgh 1100abgh
0011cdef 0011cdef 0011cdef 0101bdeg 0011cdef 0000efgh 0011cdef
0101bdeg 0101bdeg 1100abgh 1100abgh 0011cdef 0000efgh 1100abgh
1100abgh 1100abgh 1100abgh 1100abgh 0101bdeg 0000efgh 1100abgh
0000efgh 0000efgh 0000efgh 0000efgh 0000efgh 0000efgh 0000efgh
0000efgh 0000efgh 0000efgh 0000efgh 0000efgh 0000efgh 0000efgh
0011cdef 0011cdef 0101bdeg 1100abgh 0011cdef 0000efgh 1100abgh
1100abgh 1100abgh 1100abgh 1100abgh 0011cdef 0000efgh 0101bdeg
a1 1b [object Object]1 3 12 0
2.4056552930 10.5 2.6561398887587478e+95 3 2 0.3333333333333333
'''

ALLOC = r'''// allocation in machine code: object and array literals, closures (plain, arrow,
// over the callee's context), per-iteration contexts, for...of over arrays
function pair(a, b) { return {a: a, b: b}; }
function trio(i) { return [i, i + 1, i * 2]; }
function empty() { return []; }
class Acc {
  constructor() { this.n = 0; }
  adder() { return (k) => { this.n += k; return this.n; }; }
}
function make(n) {
  const fs = [];
  for (let i = 0; i < n; i++) fs.push(() => i * 3);
  return fs;
}
function outer(x) { function inner(y) { return x + y; } return inner; }
let keep = [];
let sum = 0;
for (let r = 0; r < 500; r++) {
  const p = pair(r, [r]);
  const t = trio(r);
  sum = (sum + p.a + p.b[0] + t[2] + empty().length) % 1000003;
  if (r % 80 === 0) keep.push(p);
  const acc = new Acc();
  const add = acc.adder();
  add(r); sum = (sum + add(1)) % 1000003;
  sum = (sum + outer(r)(2)) % 1000003;
  for (const v of t) sum = (sum + v) % 1000003;
}
const fs = make(40);
let s2 = 0;
for (const f of fs) s2 += f();
let chars = "";
for (const ch of "héllo") chars += ch + ".";
console.log(sum, keep.length, keep[3].a, keep[5].b[0], s2, chars);
const objs = [];
for (let i = 0; i < 12; i++) objs.push({});
console.log(objs.length, typeof objs[11], [].length, [1, , 3].length, 1 in [1, , 3]);
'''
# node's output of ALLOC
ALLOC_OUT = '''249497 7 240 400 2340 h.é.l.l.o.
12 object 0 3 false
'''

NEW = r'''// new of compiled constructors: classes, plain functions, fields, returning an object or
// a primitive, a replaced prototype, a throwing constructor, argument count mismatch
class V { constructor(x, y) { this.x = x; this.y = y; } len() { return this.x + this.y; } }
class F { a = 1; b = [2]; constructor(c) { this.c = c; } }
function P(v) { this.v = v; }
P.prototype.get = function () { return this.v; };
function R(v) { this.v = v; return {r: v}; }
function Prim(v) { this.v = v; return 5; }
function Boom(v) { if (v === 3) throw new Error("boom " + v); this.v = v; }
function Many(a, b, c) { this.s = (a || 0) + (b || 0) + (c || 0); }
let s = 0;
for (let i = 0; i < 200; i++) {
  s += new V(i, 1).len() + new F(i).b[0] + new P(i).get() + new R(i).r + new Prim(i).v;
  try { s += new Boom(i % 5).v; } catch (e) { s += e.message.length; }
  s += new Many(i).s + new Many(i, 1, 2).s;
  if (i === 100) P.prototype = { get() { return -1; } };
  s %= 1000003;
}
const v = new V(1, 2);
console.log(s, v instanceof V, new P(3) instanceof P, Object.keys(new F(9)).join(), v.len());
class Tree { constructor(l, r) { this.l = l; this.r = r; } }
function build(d) { return d === 0 ? new Tree(null, null) : new Tree(build(d - 1), build(d - 1)); }
function count(t) { return t.l === null ? 1 : 1 + count(t.l) + count(t.r); }
let c = 0;
for (let i = 0; i < 20; i++) c += count(build(6));
console.log(c);
function A() {}
A.prototype.who = function () { return "A"; };
function B() {}
B.prototype.who = function () { return "B"; };
function mk(C) { return new C(); }  // prototypes of one shape at one site
let w = "";
for (let i = 0; i < 6; i++) w += mk(i % 2 ? B : A).who();
console.log(w);
'''
# node's output of NEW
NEW_OUT = '''106171 true true a,b,c 3
2540
ABABAB
'''

NATIVES = r'''// push and charCodeAt in line: arrays with and without room, strings, indices in and
// out of range, a replaced method, other receivers
function fill(n) { const a = []; for (let i = 0; i < n; i++) a.push(i * 2); return a; }
function codes(s) {
  let t = 0;
  for (let i = 0; i < s.length + 2; i++) { const c = s.charCodeAt(i); t += c === c ? c : 1000; }
  return t;
}
const a = fill(100);
console.log(a.length, a[99], a.push(7), a.length, codes("héllo wörld"), codes(""));
const o = { push(x) { return "own " + x; }, charCodeAt(i) { return -i; } };
console.log(o.push(1), o.charCodeAt(3), "abc".charCodeAt(1.5), "abc".charCodeAt(-1));
const b = [1, 2]; b.extra = 1; b.push(3); console.log(b.length, b.extra);
const saved = Array.prototype.push;
Array.prototype.push = function (x) { return "patched " + x; };
const c = []; console.log(c.push(5), c.length);
Array.prototype.push = saved;
console.log([].push(9), fill(3).join());
'''
# node's output of NATIVES
NATIVES_OUT = '''100 198 101 101 3383 2000
own 1 -3 98 NaN
3 1
patched 5 0
1 0,2,4
'''

ARROWS = r'''// arrow functions called directly: this, arguments of the enclosing function, closures
class Box {
  constructor(v) { this.v = v; }
  adder() { return (k) => this.v + k; }
  all() { return [1, 2, 3].map((x) => x * this.v).join(); }
}
function outer() { const f = (i) => arguments.length + i; return f(1) + f(2); }
const b = new Box(10);
const add = b.adder();
let s = 0;
for (let i = 0; i < 300; i++) s += add(i) + ((x, y) => x * y)(i, 2);
const sq = (x) => x * x;
const tw = (f, x) => f(f(x));
console.log(s, b.all(), outer(1, 2, 3), tw(sq, 3), add.call({v: -1}, 1));
'''
# node's output of ARROWS
ARROWS_OUT = '''137550 10,20,30 9 81 11
'''

TYPEOF = r'''// typeof in line when the constant pool holds the answer
function kind(x) {
  if (typeof x === "number") return "n";
  if (typeof x === "string") return "s";
  if (typeof x === "function") return "f";
  if (typeof x === "object") return x === null ? "N" : "o";
  return typeof x;
}
const xs = [1, -0.5, NaN, "", "a", null, undefined, true, false, {}, [], () => 1, class {}];
let out = "";
for (let i = 0; i < 3; i++) { for (const x of xs) out += kind(x); out += "\n"; }
console.log(out);
'''
# node's output of TYPEOF
TYPEOF_OUT = '''nnnssNundefinedbooleanbooleanooff
nnnssNundefinedbooleanbooleanooff
nnnssNundefinedbooleanbooleanooff

'''

INSTOF = r'''// instanceof in code: classes, subclasses, functions, arrays, primitives, a replaced
// prototype, arrows and non-functions on the right
class A {}
class B extends A {}
function F() {}
const objs = [new A(), new B(), new F(), [], {}, "s", 3, null, undefined, () => 1];
const cs = [A, B, F, Object, Array, Function];
let out = [];
for (let r = 0; r < 3; r++) {
  let row = "";
  for (const o of objs) for (const c of cs) row += o instanceof c ? "1" : "0";
  out.push(row);
  if (r === 1) F.prototype = A.prototype;
}
console.log(out.join("\n"));
const errs = [];
for (const c of [1, {}]) {
  try { errs.push(String({} instanceof c)); } catch (e) { errs.push(e.name); }
}
console.log(errs.join());
'''
# node's output of INSTOF
INSTOF_OUT = '''100100110100001100000110000100000000000000000000000000000101
100100110100001100000110000100000000000000000000000000000101
101100111100000100000110000100000000000000000000000000000101
TypeError,TypeError
'''

HOT = r'''// hot loops whose property accesses and operators all stay in machine code
class Node {
  constructor(v, next) { this.v = v; this.next = next; }
  val() { return this.v; }
  get twice() { return this.v * 2; }
}
class Big extends Node { constructor(v) { super(v, null); this.a = 1; this.b = 2; this.c = 3;
  this.d = 4; this.e = 5; } }
function run(n) {
  let head = null;
  for (let i = 0; i < 20; i++) head = new Node(i, head);
  const big = new Big(7);
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let p = head; p !== null; p = p.next) s = (s + p.val() + p.twice) % 1000003;
    big.e = big.e + 1;
    s = (s + big.e + big.val()) % 1000003;
    const o = {x: i, y: s};
    o.z = o.x + o.y;
    if (!(o.z % 3) || o.x === 5 || "k" === o.k) s = (s ^ 5) % 1000003;
  }
  return s;
}
console.log(run(300));
'''
# node's output of HOT
HOT_OUT = '''219753
'''


CASES = [("props", PROPS, PROPS_OUT), ("ops", OPS, OPS_OUT), ("num", NUM, NUM_OUT),
         ("alloc", ALLOC, ALLOC_OUT), ("new", NEW, NEW_OUT), ("natives", NATIVES, NATIVES_OUT),
         ("arrows", ARROWS, ARROWS_OUT), ("typeof", TYPEOF, TYPEOF_OUT),
         ("instanceof", INSTOF, INSTOF_OUT), ("hot", HOT, HOT_OUT)]


test_matches_node_and_interpreter, test_stress_bailouts = node_case_tests(CASES)
test_recorded_output_is_nodes = node_recheck(CASES)


def test_allocation_with_collections(tmp_path: Path) -> None:
    """Machine-code allocation in a poisoned semispace 39 KiB past the realm's live set:
    a full space sends the instruction down the generic path, which collects; cells
    made in code survive collections made by the runtime with every word right."""
    from a64js.hvm.core import R

    proc, jit = run_jit(_write(tmp_path, ALLOC), threshold=0, semispace=small_semispace(39 << 10),
                        poison=True)
    assert (proc.stdout, proc.stderr) == (ALLOC_OUT, "")
    assert R.heap.stats.collections >= 1
    ops = getattr(jit.stats, "step_ops", None)
    if ops is not None:  # the literals, closures and contexts were made in code
        for op in ("NewObject", "NewArray", "Closure", "CopyContext", "ToArray"):
            assert ops[op] < 300, (op, ops)


def test_new_calls_compiled_constructors_directly(tmp_path: Path) -> None:
    """The binary trees of NEW (20 x 127 nodes) and the loop's constructors are made by
    direct calls: New takes the generic path only at the first executions of a site
    and after the prototype is replaced."""
    proc, jit = run_jit(_write(tmp_path, NEW), threshold=0)
    assert proc.stdout == NEW_OUT
    assert jit.summary()  # the direct-call count is read from data memory there
    assert jit.stats.direct_calls > 2540 + 200 * 6
    ops = getattr(jit.stats, "step_ops", None)
    if ops is not None:
        # the last loop alternates two constructors at one site: one root-shape word,
        # so each of its News misses
        assert ops["New"] < 80, ops


def test_push_and_char_code_at_in_line(tmp_path: Path) -> None:
    """NATIVES: fill(100)'s pushes and the charCodeAt loops are done in line (only the
    calls of the replaced push, of own methods and the out-of-range or non-int32
    cases are slow-path steps)."""
    proc, jit = run_jit(_write(tmp_path, NATIVES), threshold=0)
    assert proc.stdout == NATIVES_OUT
    ops = getattr(jit.stats, "step_ops", None)
    if ops is not None:
        assert ops["Call"] < 40, ops


def test_arrows_are_called_directly(tmp_path: Path) -> None:
    """ARROWS' loop calls two arrows 300 times each, directly (this from the closure)."""
    proc, jit = run_jit(_write(tmp_path, ARROWS), threshold=0)
    assert proc.stdout == ARROWS_OUT
    jit.summary()  # reads the direct-call count
    assert jit.stats.direct_calls >= 600


def test_hot_paths_stay_in_machine_code(tmp_path: Path) -> None:
    """300 iterations of a loop over a 20-node list (a method and a getter found on
    the prototype, property loads), an out-of-line store, an inherited method, an
    object literal with a key added later, ===, !, % and an absent property: the
    caches fill once per site and shape, and nothing in the loop is a host call."""
    proc, jit = run_jit(_write(tmp_path, HOT), threshold=0)
    assert proc.stdout == HOT_OUT
    st = jit.stats
    assert st.ic_misses < 40
    assert st.steps < 100
    assert not st.guard_failures.get("not int32")
    ops = getattr(st, "step_ops", None)
    if ops is not None:
        for op in ("GetProp", "SetProp", "DefineField", "StrictEq", "JumpIfNotStrictEq",
                   "Not", "Mod", "LdEnvChecked", "GetGlobal"):
            assert ops[op] < 20, (op, ops)


def test_doubles_stay_in_machine_code(tmp_path: Path) -> None:
    """NUM's double loops and its 16 x 16 operand table: no arithmetic or comparison
    of two numbers is a host call (the other operands are the generic path's)."""
    proc, jit = run_jit(_write(tmp_path, NUM), threshold=0)
    assert proc.stdout == NUM_OUT
    assert jit.stats.guard_failures["not int32"] < 10   # x -= 2 of a double: AddK
    ops = getattr(jit.stats, "step_ops", None)
    if ops is not None:
        assert ops["Mul"] + ops["Div"] + ops["Sub"] < 10, ops
        # of the 14 x 14 compared pairs, the 132 with a string, null, undefined or
        # true go generic (twice each in rel, once in jmp's first branch)
        assert ops["Lt"] <= 2 * 132 and ops["JumpIfNotLt"] <= 132, ops


def test_put_entry_replaces_by_shape_then_fills_then_clears() -> None:
    cell = [0] * IC_WORDS
    assert put_entry(cell, (0x1000, 16, 0, 0)) == 0
    assert put_entry(cell, (0x2000, 24, 0, 0)) == 1
    assert put_entry(cell, (0x1000, 32, 0, 0)) == 0      # the same shape: updated
    assert cell[:IC_ENTRY_WORDS] == [0x1000, 32, 0, 0]
    assert put_entry(cell, (0x3000, 8, 0x5000, 0)) == 2
    assert put_entry(cell, (0x4000, 8, 0, 0)) == 3
    assert put_entry(cell, (0x6000, 40, 0, 0)) == 0      # megamorphic: start over
    assert cell == [0x6000, 40, 0, 0] + [0] * (IC_WORDS - IC_ENTRY_WORDS)


def test_fill_set_only_caches_plain_slots_and_transitions() -> None:
    from a64js.heap import KIND_ARRAY, KIND_OBJECT, Shape

    s = Shape(0x100, 1, KIND_OBJECT, 2, 16, keys={"a": 0})
    t = Shape(0x140, 2, KIND_OBJECT, 2, 16, keys={"a": 0, "b": 1})
    s.transitions["b"] = t
    u = Shape(0x180, 3, KIND_OBJECT, 2, 16, keys={"a": 0, "b": 1, "c": 2})
    t.transitions["c"] = u
    assert fill_set(s, s, "a") == (0x100, 16, 0, 0)
    assert fill_set(s, t, "b") == (0x100, 24, 0x140, 0)
    assert fill_set(t, u, "c") == (0x140, 16 + 1, 0x180, 0)   # slot 0 of the vector
    assert fill_set(s, u, "b") is None        # not the transition the store took
    assert fill_set(s, s, "zz") is None
    arr = Shape(0x200, 4, KIND_ARRAY, 0, 40)
    assert fill_set(arr, arr, "x") is None
