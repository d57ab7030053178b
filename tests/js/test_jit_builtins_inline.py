"""Built-ins a Call does in machine code (jit/t_builtins.py, t_calls.NATIVES): ``String``
of doubles and constants, ``parseFloat`` of decimal strings and int32s, ``charCodeAt``
past the end (NaN), ``Object.keys`` of objects of plain keys (the keys table),
``new Array(n)``, ``arr.fill(v)``, ``parseInt`` and destructuring's RequireObject. node's
output at threshold 0 (no Call step left where all are in line), at the default
threshold, with bailouts forced, in a small poisoned semispace (a full space takes the
generic path, which collects); each fallback exercised: the built-in redefined (also
before its caller is compiled: the template used to take the new function for the
built-in), receivers and arguments the code does not do."""

from __future__ import annotations

from pathlib import Path

import pytest

from a64js.cli import DEFAULT_JIT_THRESHOLD
from tests.js.hvmrun import small_semispace
from tests.js.jitrun import node_recheck, run_jit, run_matching, run_stressed
from tests.js.jitrun import write_program as _write

CLEAN = r'''// every call here is done in line: String of dyadic doubles and constants, parseFloat
// of plain decimals and int32s, charCodeAt in and out of range
function work(n) {
  let h = 0;
  const parts = [];
  for (let i = 0; i < n; i++) {
    const x = (i % 1000) / 8 - 40;
    const s = String(x);
    const t = String(-x / 64);
    const b = String(i % 3 === 0);
    const u = String(i % 2 === 0 ? null : undefined);
    const back = parseFloat(s) + parseFloat(t) * 64 + parseFloat(i);
    const c = s.charCodeAt(i % 9);
    h = (h * 31 + back * 8 + (c === c ? c : 1000) + b.length + u.length + t.length) % 1000003;
    if (i % 97 === 0) parts.push(s, t, b, u, parseFloat("-" + s), parseFloat("000" + i + "."));
  }
  return h + "\n" + parts.join("\n");
}
console.log(work(400));
console.log(work(1000));
console.log(1 / parseFloat("-0"), 1 / parseFloat("-0.0"), parseFloat("0.1"));
console.log(parseFloat("123456789012345"), parseFloat("0.5") + parseFloat("-2.25"));
'''
CLEAN_WANT = '''\
443513
-40
0.625
true
null
NaN
0
-27.875
0.435546875
false
undefined
NaN
97
-15.75
0.24609375
false
null
NaN
194
-3.625
0.056640625
true
undefined
NaN
291
8.5
-0.1328125
false
null
-8.5
388
311630
-40
0.625
true
null
NaN
0
-27.875
0.435546875
false
undefined
NaN
97
-15.75
0.24609375
false
null
NaN
194
-3.625
0.056640625
true
undefined
NaN
291
8.5
-0.1328125
false
null
-8.5
388
20.625
-0.322265625
false
undefined
-20.625
485
32.75
-0.51171875
true
null
-32.75
582
44.875
-0.701171875
false
undefined
-44.875
679
57
-0.890625
false
null
-57
776
69.125
-1.080078125
true
undefined
-69.125
873
81.25
-1.26953125
false
null
-81.25
970
-Infinity -Infinity 0.1
123456789012345 -1.75
'''

REDEFINE = r'''// built-ins redefined while compiled callers run: each call takes the new one
function work(n, tag) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const x = i / 4 + 0.25;
    out.push(String(x) + String(i) + ":" + parseFloat("1." + i) + ":" +
      "abc".charCodeAt(i % 4) + ":" + String(i > 1));
  }
  return tag + "\n" + out.join("\n");
}
console.log(work(6, "before"));
const origString = String, origParse = parseFloat, origCode = String.prototype.charCodeAt;
String = function (v) { return "<" + v + ">"; };
console.log(work(6, "String"));
String = origString;
parseFloat = (s) => s.length;
console.log(work(6, "parseFloat"));
parseFloat = origParse;
String.prototype.charCodeAt = function (i) { return "c" + i + this.length; };
console.log(work(6, "charCodeAt"));
String.prototype.charCodeAt = origCode;
console.log(work(6, "after"));
'''
REDEFINE_WANT = '''\
before
0.250:1:97:false
0.51:1.1:98:false
0.752:1.2:99:true
13:1.3:NaN:true
1.254:1.4:97:true
1.55:1.5:98:true
String
<0.25><0>:1:97:<false>
<0.5><1>:1.1:98:<false>
<0.75><2>:1.2:99:<true>
<1><3>:1.3:NaN:<true>
<1.25><4>:1.4:97:<true>
<1.5><5>:1.5:98:<true>
parseFloat
0.250:3:97:false
0.51:3:98:false
0.752:3:99:true
13:3:NaN:true
1.254:3:97:true
1.55:3:98:true
charCodeAt
0.250:1:c03:false
0.51:1.1:c13:false
0.752:1.2:c23:true
13:1.3:c33:true
1.254:1.4:c03:true
1.55:1.5:c13:true
after
0.250:1:97:false
0.51:1.1:98:false
0.752:1.2:99:true
13:1.3:NaN:true
1.254:1.4:97:true
1.55:1.5:98:true
'''

RECEIVERS = r'''// the callee is the built-in, the receiver or argument not what the code does:
// the built-in itself runs
Number.prototype.charCodeAt = String.prototype.charCodeAt;
function work(vals) {
  const out = [];
  for (const v of vals) {
    const a = typeof v === "number" ? v : 4.5;
    out.push(String(v), parseFloat(v), a.charCodeAt(1), "xyz".charCodeAt(v));
  }
  return out.join("\n");
}
const vals = [2.5, -0, 1e21, 1e-7, 0.1, 2 ** 30 + 0.5, 16777215.5, -16777215.5, 16777216.5, 1 / 3,
  NaN, Infinity, -Infinity, true, false, null, undefined, "7.25", " 8", "9e2", "1.2.3", "-", "",
  "+.5", "-.5", "5.", "12345678901234567", "0.000001", "-007", [1, 2], { a: 1 },
  { toString() { return "3.5"; } }, -1, 3, 2 ** 31, 0.5, -2.75];
for (let r = 0; r < 3; r++) { const w = work(vals); if (r === 2) console.log(w); }
'''
RECEIVERS_WANT = '''\
2.5
2.5
46
122
0
0
NaN
120
1e+21
1e+21
101
NaN
1e-7
1e-7
101
120
0.1
0.1
46
120
1073741824.5
1073741824.5
48
NaN
16777215.5
16777215.5
54
NaN
-16777215.5
-16777215.5
49
NaN
16777216.5
16777216.5
54
NaN
0.3333333333333333
0.3333333333333333
46
120
NaN
NaN
97
120
Infinity
Infinity
110
NaN
-Infinity
-Infinity
73
NaN
true
NaN
46
121
false
NaN
46
120
null
NaN
46
120
undefined
NaN
46
120
7.25
7.25
46
NaN
 8
8
46
NaN
9e2
900
46
NaN
1.2.3
1.2
46
120
-
NaN
46
120

NaN
46
120
+.5
0.5
46
120
-.5
-0.5
46
120
5.
5
46
NaN
12345678901234567
12345678901234568
46
NaN
0.000001
0.000001
46
120
-007
-7
46
NaN
1,2
1
46
120
[object Object]
NaN
46
120
3.5
3.5
46
NaN
-1
-1
49
NaN
3
3
NaN
NaN
2147483648
2147483648
49
NaN
0.5
0.5
46
120
-2.75
-2.75
50
NaN
'''

FUZZ = r'''// String(x) and parseFloat(String(x)) of doubles near the in-line bounds (2**20, 2**-10)
let seed = 12345;
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n; }
function row(k) {
  const e = rnd(23) - 1, f = rnd(14);
  const x = (rnd(2) ? -1 : 1) * (2 ** e + rnd(1 << 20) / 2 ** f);
  const s = String(x);
  return s + "=" + (parseFloat(s) === x) + (k % 7 === 0 ? "," + String(x / 3) : "");
}
let h = 0, out = [];
for (let k = 0; k < 3000; k++) {
  const r = row(k);
  for (let j = 0; j < r.length; j++) h = (h * 31 + r.charCodeAt(j)) % 1000000007;
  if (k % 300 === 0) out.push(r);
}
console.log(h + "\n" + out.join("\n"));
'''
FUZZ_WANT = '''\
159269447
6059.46875=true,2019.8229166666667
42164.5625=true
-18278.078125=true
-427248.5=true
2123436.8125=true
-975.537109375=true
-2180.758056640625=true
95649.75=true,31883.25
57106=true
-368.5078125=true
'''

KEYS = r'''// Object.keys of objects of many shapes, in compiled code
function mk(i) {
  const o = {};
  for (let j = 0; j < 1 + (i % 5); j++) o["k" + j + "_" + (i % 13)] = j;
  if (i % 7 === 0) o["ü\u0100" + i % 3] = 1;
  return o;
}
function work(n) {
  let h = 0;
  const out = [];
  for (let i = 0; i < n; i++) {
    const o = mk(i);
    const ks = Object.keys(o);
    ks.push("x");
    for (const k of ks) {
      for (let j = 0; j < k.length; j++) h = (h * 31 + k.charCodeAt(j)) % 1000003;
    }
    h = (h + ks.length) % 1000003;
    if (i % 50 === 0) out.push(ks.join("/"));
  }
  const odd = [{}, [1, 2], "ab", { 2: 1, a: 3, 1: 0 }, { constructor: 1, b: 2 },
    { get g() { return 1; }, z: 1 }, new Error("m"), function f() {}, { message: "x" }];
  for (const v of odd) out.push(Object.keys(v).join("/"));
  try { Object.keys(null); } catch (e) { out.push(e.name); }
  return h + "\n" + out.join("\n");
}
for (let r = 0; r < 3; r++) console.log(work(300 + r));
'''
KEYS_WANT = '''\
800967
k0_0/üĀ0/x
k0_11/x
k0_9/x
k0_7/x
k0_5/x
k0_3/x

0/1
0/1
1/2/a
constructor/b
g/z


message
TypeError
735560
k0_0/üĀ0/x
k0_11/x
k0_9/x
k0_7/x
k0_5/x
k0_3/x
k0_1/x

0/1
0/1
1/2/a
constructor/b
g/z


message
TypeError
890138
k0_0/üĀ0/x
k0_11/x
k0_9/x
k0_7/x
k0_5/x
k0_3/x
k0_1/x

0/1
0/1
1/2/a
constructor/b
g/z


message
TypeError
'''

ARRAYS = r'''// new Array(n).fill(v), destructuring, in compiled code; and what they leave to the
// built-ins: other lengths and arguments, a redefined Array or fill, other receivers
function work(n) {
  const out = [];
  let h = 0;
  for (let i = 0; i < n; i++) {
    const a = new Array(i % 7).fill(i);
    const b = new Array(i % 3);
    b[1] = "x";
    const c = new Array(3).fill();
    const { length } = a;
    const [p, q] = [a.length, b.length];
    h = (h * 7 + length + p + q + a.reduce((s, v) => s + v, 0) + c.length) % 1000003;
    if (i % 25 === 0) {
      out.push(a.join("-") + "|" + b.join("-") + "|" + String(c[2]) + "|" + (1 in b) + (0 in b));
    }
  }
  return h + "\n" + out.join("\n");
}
console.log(work(200));
const odd = [];
for (const v of [-1, 2.5, 2 ** 32, "3", 1e6 + 0.5]) {
  try {
    const x = new Array(v);
    odd.push(x.length + ":" + x.join(","));
  } catch (e) {
    odd.push(e.name);
  }
}
console.log(odd.join(" "), new Array(2, 3).join(), [].fill(1).length, [1, , 3].fill(9, 1).join());
try { const { z } = null; console.log(z); } catch (e) { console.log(e.name); }
function each(xs) { let s = 0; for (const o of xs) { const { v } = o; s += v; } return s; }
try { console.log(each([{ v: 1 }, { v: 2 }, undefined])); } catch (e) { console.log(e.name); }
const realFill = Array.prototype.fill;
Array.prototype.fill = function (v) { return ["filled", v, this.length]; };
console.log(work(30).split("\n")[0]);
Array.prototype.fill = realFill;
const RealArray = Array;
Array = function (n) { this.n = n; };
console.log(JSON.stringify(new Array(4)));
Array = RealArray;
console.log(work(30));
'''
ARRAYS_WANT = '''\
425400
|-x|undefined|truefalse
25-25-25-25|-x|undefined|truefalse
50|-x|undefined|truefalse
75-75-75-75-75|-x|undefined|truefalse
100-100|-x|undefined|truefalse
125-125-125-125-125-125|-x|undefined|truefalse
150-150-150|-x|undefined|truefalse
|-x|undefined|truefalse
RangeError RangeError RangeError 1:3 RangeError 2,3 0 1,9,9
TypeError
TypeError
NaN
{"n":4}
71793
|-x|undefined|truefalse
25-25-25-25|-x|undefined|truefalse
'''

INTS = r'''// parseInt(s) and parseInt(s, 10) in compiled code, and what the built-in keeps
function work(n) {
  let h = 0;
  const out = [];
  for (let i = 0; i < n; i++) {
    const s = String(i * 7919 - 500000);
    const v = parseInt(s) + parseInt(s + "px", 10) + parseInt("+" + i) + parseInt(i);
    h = (h * 31 + v) % 1000003;
    if (i % 40 === 0) out.push(v, parseInt("0" + i), parseInt("00x" + i));
  }
  return h + "\n" + out.join("\n");
}
console.log(work(300));
const odd = ["0x1A", "0X1a", "0x", " 12", "-0", "+0", "0", "-", "", "abc", "1234567890",
  "999999999", "-999999999", "2147483648", "12.5", "1e3", "0b11", "٣", "-12abc", "007"];
const rows = [];
for (let r = 0; r < 3; r++) {
  rows.length = 0;
  for (const s of odd) {
    rows.push(String(parseInt(s)) + "/" + String(parseInt(s, 10)) + "/" + String(parseInt(s, 16)));
  }
}
console.log(rows.join("\n"));
console.log(1 / parseInt("-0"), parseInt(2.9), parseInt(-7), parseInt(null), parseInt("12", 10.5));
const realParseInt = parseInt;
parseInt = (s) => "p" + s;
console.log(work(5));
parseInt = realParseInt;
console.log(work(5));
'''
INTS_WANT = '''\
259517
-1000000
0
0
-366400
40
0
267200
80
0
900800
120
0
1534400
160
0
2168000
200
0
2801600
240
0
3435200
280
0
26/0/26
26/0/26
NaN/0/NaN
12/12/18
0/0/0
0/0/0
0/0/0
NaN/NaN/NaN
NaN/NaN/NaN
NaN/NaN/2748
1234567890/1234567890/78187493520
999999999/999999999/41231686041
-999999999/-999999999/-41231686041
2147483648/2147483648/142929835592
12/12/18
1/1/483
0/0/2833
NaN/NaN/NaN
-12/-12/-76476
7/7/7
-Infinity 2 -7 NaN 12
NaN
p-500000p-500000pxp+0p0
p00
p00x0
-268206
-1000000
0
0
'''

CASES = [("clean", CLEAN, CLEAN_WANT), ("redefine", REDEFINE, REDEFINE_WANT),
         ("receivers", RECEIVERS, RECEIVERS_WANT), ("fuzz", FUZZ, FUZZ_WANT),
         ("keys", KEYS, KEYS_WANT), ("arrays", ARRAYS, ARRAYS_WANT),
         ("ints", INTS, INTS_WANT)]
IDS = [c[0] for c in CASES]


@pytest.mark.parametrize(("name", "src", "want"), CASES, ids=IDS)
def test_matches_node(tmp_path: Path, name: str, src: str, want: str) -> None:
    jit = run_matching(_write(tmp_path, src), want)
    if name == "clean":
        # every String, parseFloat and charCodeAt in line (7 a loop iteration, 1,400
        # iterations): the Call steps left are console.log's and, every 97th
        # iteration, push of six arguments and parseFloat of "--" (33)
        assert jit.stats.step_ops["Call"] <= 40, jit.stats.step_ops
    if name == "keys":
        # 903 calls of Object.keys: a step at the first sight of each shape (65
        # shapes of plain keys, some evicted by another of the same entry) and for
        # each of the others (not objects, index keys, accessors ...)
        assert jit.stats.step_ops["Call"] <= 200, jit.stats.step_ops
    if name == "arrays":
        # 780 new Array(n) and 520 fill(v) in work(...), 260 destructurings: steps
        # only for the odd lengths, the redefined fill and Array, the null (the Call
        # steps left are reduce's and join's, ~520)
        ops = jit.stats.step_ops
        assert ops["New"] <= 10 and ops["RequireObject"] <= 2, ops
        assert ops["Call"] <= 600, ops
    if name == "ints":
        # 1,200 parseInt in work(300), 180 of the odd strings: steps for the odd ones
        # the code does not do (radix 16, "0x", spaces, no digit, "-0", 10 digits),
        # the redefined one's calls, console.log, String of the NaNs
        assert jit.stats.step_ops["Call"] <= 240, jit.stats.step_ops


@pytest.mark.parametrize(("name", "src", "want"), CASES, ids=IDS)
def test_default_threshold(tmp_path: Path, name: str, src: str, want: str) -> None:
    proc, _ = run_jit(_write(tmp_path, src), threshold=DEFAULT_JIT_THRESHOLD)
    assert (proc.stdout, proc.stderr, proc.returncode) == (want, "", 0)


@pytest.mark.parametrize("stress", ["all", 3])
@pytest.mark.parametrize(("name", "src", "want"), CASES, ids=IDS)
def test_stress_bailouts(tmp_path: Path, name: str, src: str, want: str,
                         stress: str | int) -> None:
    run_stressed(_write(tmp_path, src), want, stress)


@pytest.mark.parametrize(("src", "want"), [(CLEAN, CLEAN_WANT), (KEYS, KEYS_WANT),
                                           (ARRAYS, ARRAYS_WANT)],
                         ids=["clean", "keys", "arrays"])
def test_made_with_collections(tmp_path: Path, src: str, want: str) -> None:
    """The strings String makes and the arrays of Object.keys in code, in a poisoned
    semispace 39 KiB past the realm's live set: a full space takes the generic path
    (which collects) and what was made survives."""
    from a64js.hvm.core import R

    proc, _ = run_jit(_write(tmp_path, src), threshold=0, semispace=small_semispace(39 << 10),
                      poison=True)
    assert (proc.stdout, proc.stderr, proc.returncode) == (want, "", 0)
    assert R.heap.stats.collections >= 3


def test_native_code_ids_are_the_realms(tmp_path: Path) -> None:
    """In a fresh realm, the code id each NATIVES entry is checked against is that of
    the function at its place (the realm's own), and a user function put there
    before a compilation is not taken for it."""
    from a64js.hvm import core
    from a64js.jit.t_calls import NATIVES, native_code_id, native_function

    run_jit(_write(tmp_path, "String = function (x) { return x; };\n"), threshold=None)
    for name in NATIVES:
        fn = native_function(name)
        want = None if fn is None else core.closure_code_id(fn)
        if name == "String":
            assert want is not None and want < core.NATIVE_BASE
            assert native_code_id(name) != want
        elif fn is not None:  # (String.fromCharCode: on the function that String was)
            assert native_code_id(name) == want, name


test_recorded_output_is_nodes = node_recheck(CASES)
