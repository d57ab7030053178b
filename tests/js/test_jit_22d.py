"""Session 22 (EMU22): the baseline JIT's emulated blocks on its weakest workloads.

Number operands not both int32 (t_num._emit_to_doubles): both tests one branch, an
int32 operand converted by ``fcsel``. The check subroutine of direct calls from a getter
or a callback (t_calls._emit_check): every test one branch. String order
(t_num._emit_strcmp): four units a block, a differing word compared with its units
reversed (``rev``, ``rev16``), the last 0-3 units of the shorter in one masked word.
The programs below (node's output) run on the interpreter and the JIT (threshold 0, no
bailout), with bailouts forced, and with a collection at every allocation; the emulated
blocks of each path are counted (each count's test fails on the code before)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.js.jitrun import (
    blocks_per_iteration,
    node_case_tests,
    node_recheck,
    run_jit,
    write_program,
)

ORDER = r'''// String order in compiled code: units compared in order (a word of four units at a
// time), then the lengths; unit pairs whose bytes order differently from their units,
// surrogates, equal prefixes across word boundaries, a difference at each unit of a word.
const base = ["", "a", "b", "B", "ab", "abc", "abcd", "abce", "abcde", "abcdef", "abcdefg",
  "abcdefgh", "abcdefgi", "abcdefghi", "abcdefghij", "abcdefghijklmnop", "abcdefghijklmnoq",
  "abcdefghijklmnopq", "\u00e9", "\u0100", "\u00ff", "a\u0100", "a\u00ff", "ab\uffff", "ac\u0000",
  "\ud800", "\udfff", "\uffff", "\ud83d\ude00", "\ud83d\ude01", "\ud83c\udf00", "\ue000",
  "abcd\ud800", "abcd\ue000", "abc\u0100d", "abc\u00ffd", "\u0000", "a\u0000", "a\u0000b",
  "\u0100\u0001", "\u0001\u0100", "x\u8000", "x\u7fff", "aaaa\u0000", "aaaa"];
const ws = base.slice();
for (let i = 0; i < 8; i++) {
  // a difference at unit i of a 9-unit string, both ways
  ws.push("zzzzzzzzz".substring(0, i) + "y" + "zzzzzzzzz".substring(i + 1));
  ws.push("zzzzzzzzz".substring(0, i) + "\u017a" + "zzzzzzzzz".substring(i + 1));
}
ws.push("zzzzzzzzz", "zzzzzzzz", "zzzz" + "zzzz");
function code(a, b) {
  const lt = a < b, le = a <= b, gt = a > b, ge = a >= b;
  if (lt && le && !gt && !ge) return "<";
  if (!lt && le && !gt && ge) return "=";
  if (!lt && !le && gt && ge) return ">";
  return "?";
}
let rows;
for (let r = 0; r < 3; r++) {
  rows = [];
  for (const a of ws) { let row = ""; for (const b of ws) row += code(a, b); rows.push(row); }
}
console.log(rows.join("\n"));
const sorted = ws.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
for (let i = 0; i < sorted.length; i += 12) {
  const part = sorted.slice(i, i + 12);
  console.log(part.map((s) => s.length + ":" + s.charCodeAt(s.length - 1)).join(" "));
}
let n = 0;
for (let i = 0; i < 500; i++) {
  const a = "w" + (i * 7919 % 1000), b = "w" + (i * 104729 % 1000);
  if (a < b) n++;
  if (a + a <= b + b) n += 2;
}
console.log(n);
'''
ORDER_OUT = """\
=<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<
>=<><<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<><<<><<<<<<<<<<<<<<<<<<<<<<<
>>=>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><><<>><<<<<<<<<<<<<<<<<<<
><<=<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<><<<><<<<<<<<<<<<<<<<<<<<<<<
>><>=<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>=<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>=<<<<<<<<<<<<<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>>=>>>>>>>>>><<<<<<<<<<<<<<>><<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>><=<<<<<<<<<<<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>><>=<<<<<<<<<<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>><>>=<<<<<<<<<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>><>>>=<<<<<<<<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>><>>>>=>>>>><<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>><>>>><=<<<<<<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>><>>>><>=<<<<<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>><>>>><>>=<<<<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>><>>>><>>>=><<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>><>>>><>>><=<<<<<<<<<<<<<<<<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>>>>>>>>>>>>>>>>>>=<<>>>><<<<<<<>>>>>>><>>>>>><>>>>>>>>>>>>>>>>>
>>>>>>>>>>>>>>>>>>>=>>>>><<<<<<<>>>>>>><>>>>>><>>>>>>>>>>>>>>>>>
>>>>>>>>>>>>>>>>>>><=>>>><<<<<<<>>>>>>><>>>>>><>>>>>>>>>>>>>>>>>
>><>>>>>>>>>>>>>>><<<=>>><<<<<<<>>>>>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>>>>>>>>>>>>><<<<=>><<<<<<<>>>>>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>>>>>>>>>>>>><<<<<=<<<<<<<<>>>>>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>>>>>>>>>>>>><<<<<>=<<<<<<<>>>>>>><><<>><<<<<<<<<<<<<<<<<<<
>>>>>>>>>>>>>>>>>>>>>>>>>=<<<<<<>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>
>>>>>>>>>>>>>>>>>>>>>>>>>>=<>>><>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>
>>>>>>>>>>>>>>>>>>>>>>>>>>>=>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>
>>>>>>>>>>>>>>>>>>>>>>>>>><<=<><>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>
>>>>>>>>>>>>>>>>>>>>>>>>>><<>=><>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>
>>>>>>>>>>>>>>>>>>>>>>>>>><<<<=<>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>
>>>>>>>>>>>>>>>>>>>>>>>>>>><>>>=>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>
>><>>>><>>>>>>>>>><<<<<<<<<<<<<<=<<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>><>>>>>>>>>><<<<<<<<<<<<<<>=<<>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>>>>>>>>>>>>><<<<<<<<<<<<<<>>=>>>><><<>><<<<<<<<<<<<<<<<<<<
>><>>>>>>>>>>>>>>><<<<<<<<<<<<<<>><=>>><><<>><<<<<<<<<<<<<<<<<<<
><<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<=<<<<<<<<<<<<<<<<<<<<<<<<<<<
>><><<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<>=<<><<<<<<<<<<<<<<<<<<<<<<<
>><><<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<>>=<><<<<<<<<<<<<<<<<<<<<<<<
>>>>>>>>>>>>>>>>>>>>>>>>><<<<<<<>>>>>>>=>>>>>><>>>>>>>>>>>>>>>>>
><<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<><<<=<<<<<<<<<<<<<<<<<<<<<<<
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>=>>><<<<<<<<<<<<<<<<<<<
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><><=>><<<<<<<<<<<<<<<<<<<
>><><<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<>>><><<=><<<<<<<<<<<<<<<<<<<
>><><<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<>>><><<<=<<<<<<<<<<<<<<<<<<<
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>=<<<<<<<<<<<<<<<<<<
>>>>>>>>>>>>>>>>>>>>>>>>><<<<<<<>>>>>>>>>>>>>>=>>>>>>>>>>>>>>>>>
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><=<<<<<<<<<<<<<<<<
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><>=>>>>>>>>>>>>>>>
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><=<<<<<<<<<<<<<<
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><>=>>>>>>>>>>>>>
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><=<<<<<<<<<<<<
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><>=>>>>>>>>>>>
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><><=<<<<<<<<<<
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><><>=>>>>>>>>>
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><><><=<<<<<<<<
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><><><>=>>>>>>>
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><><><><=<<<<<<
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><><><><>=>>>>>
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><><><><><=<<<<
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><><><><><>=>>>
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><><><><><><=>>
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><><><><><><<==
>>>>>>>>>>>>>>>>>><<<>>>><<<<<<<>>>>>>><>>>>>><><><><><><><><<==
0:NaN 1:0 2:256 1:66 1:97 2:0 3:98 4:97 5:0 2:98 3:99 4:100
5:101 6:102 7:103 8:104 9:105 10:106 16:112 17:113 16:113 8:105 5:55296 5:57344
4:101 5:100 5:100 3:65535 3:0 2:255 2:256 1:98 2:32767 2:32768 9:122 9:122
9:122 9:122 9:122 9:122 9:122 9:122 8:122 8:122 9:122 9:122 9:122 9:122
9:122 9:122 9:122 9:122 1:233 1:255 1:256 2:1 9:122 1:55296 2:57088 2:56832
2:56833 1:57343 1:57344 1:65535
756
"""

MIXED = r'''// Number operands of each kind pair through compiled arithmetic and comparisons: int32
// and double in either order, both doubles, int32 overflow, -0, NaN, infinities, and
// non-numbers (strings, undefined, booleans, null, objects) taking the generic path.
const vals = [0, -0, 1, -1, 7, 2147483647, -2147483648, 0.5, -2.5, 3.0000001, 1e300,
  -1e-300, NaN, Infinity, -Infinity, 4294967296, "3", "abc", "", undefined, null, true,
  false, [2], {}];
function show(x) {
  return Object.is(x, -0) ? "-0" : typeof x === "string" ? JSON.stringify(x) : String(x);
}
function add(a, b) { return a + b; }
function sub(a, b) { return a - b; }
function mul(a, b) { return a * b; }
function div(a, b) { return a / b; }
function mod(a, b) { return a % b; }
function rel(a, b) {
  return (a < b ? 1 : 0) + (a <= b ? 2 : 0) + (a > b ? 4 : 0) + (a >= b ? 8 : 0);
}
function jmp(a, b) {
  let r = 0;
  if (a < b) r += 1;
  if (a >= b) r += 2;
  if (!(a > b)) r += 4;
  return r;
}
let lines;
for (let round = 0; round < 3; round++) {
  lines = [];
  for (const a of vals) {
    const row = [];
    for (const b of vals) {
      row.push([add(a, b), sub(a, b), mul(a, b), div(a, b), mod(a, b)].map(show).join(",") +
        "|" + rel(a, b) + jmp(a, b));
    }
    lines.push(show(a) + ": " + row.join(" "));
  }
}
let h = 0;
for (const line of lines) {
  for (let i = 0; i < line.length; i++) h = (h * 31 + line.charCodeAt(i)) % 1000000007;
}
console.log(lines.length, h);
console.log(lines[7].slice(0, 90));
console.log(lines[12].slice(0, 90));
let seed = 7, acc = 0;
for (let i = 0; i < 2000; i++) {
  seed = (seed * 16807) % 2147483647;
  acc = (acc + seed % 1000 + seed * 0.5) % 1e9;
}
console.log(seed, acc);
'''
MIXED_OUT = """\
25 788929511
0.5: 0.5,0.5,0,Infinity,NaN|122 0.5,0.5,-0,-Infinity,NaN|122 1.5,-0.5,0.5,0.5,0.5|35 -0.5,
NaN: NaN,NaN,NaN,NaN,NaN|04 NaN,NaN,NaN,NaN,NaN|04 NaN,NaN,NaN,NaN,NaN|04 NaN,NaN,NaN,NaN,
525696976 332861329.5
"""

CHECK = r'''// Direct calls through the check subroutine (getters, callbacks of map/forEach/sort/
// reduce, the push path): closures, arrows, built-ins (the generic path), values that
// are not callable (TypeError), class constructors called plainly, deep recursion
// through a getter (past the direct-call depth limit) and functions not compiled yet.
class V {
  constructor(d) { this.d = d; }
  get len() { return this.d.length; }
  get first() { return this.d[0]; }
}
const own = { n: 3 };
Object.defineProperty(own, "twice", { get() { return this.n * 2; } });
let s = 0;
for (let i = 0; i < 300; i++) {
  const v = new V([i, i + 1, i + 2].slice(0, 1 + (i % 3)));
  s += v.len * 10 + v.first + own.twice;
}
console.log("getters", s);
const arr = [];
for (let i = 0; i < 50; i++) arr.push((i * 37) % 50);
console.log("map", arr.map((x) => x * 2).slice(0, 8).join(","));
console.log("map builtins", ["1", "2.5", "x"].map(Number).join(","),
  ["10", "11"].map(parseInt).join(","));
console.log("map String", [1, 2.5, true].map(String).join("|"));
let t = 0;
arr.forEach(function (x, i) { t += x * i; });
console.log("forEach", t);
console.log("sort", arr.slice().sort((a, b) => b - a).slice(0, 6).join(","));
console.log("reduce", arr.reduce((a, b) => a + b, 0), arr.reduce(Math.max));
console.log("filter", arr.filter((x) => x % 7 === 0).join(","));
for (const f of [42, "f", null, undefined, {}, [1]]) {
  try {
    arr.map(f);
    console.log("no error");
  } catch (e) {
    console.log("not callable", String(f), e.constructor.name);
  }
}
class K { constructor() { this.k = 1; } }
try { [1].map(K); } catch (e) { console.log("class", e.constructor.name); }
function later(x) { return x + 1000; }
for (let r = 0; r < 3; r++) console.log("later", [1, 2].map(later).join(","));
class Link {
  constructor(next) { this.next = next; }
  get deep() { return this.next === null ? 0 : this.next.deep + 1; }
}
let chain = null;
for (let i = 0; i < 1500; i++) chain = new Link(chain);
let depth = 0;
for (let r = 0; r < 3; r++) depth += chain.deep;
console.log("deep", depth);
let calls = 0;
const cb = (x) => { calls++; return x; };
for (let r = 0; r < 200; r++) [1, 2, 3].forEach(cb);
console.log("calls", calls);
'''
CHECK_OUT = """\
getters 52650
map 0,74,48,22,96,70,44,18
map builtins 1,2.5,NaN 10,NaN
map String 1|2.5|true
forEach 29625
sort 49,48,47,46,45,44
reduce 1225 NaN
filter 0,35,7,42,14,49,21,28
not callable 42 TypeError
not callable f TypeError
not callable null TypeError
not callable undefined TypeError
not callable [object Object] TypeError
not callable 1 TypeError
class TypeError
later 1001,1002
later 1001,1002
later 1001,1002
deep 4497
calls 600
"""

CASES = [("order", ORDER, ORDER_OUT), ("mixed", MIXED, MIXED_OUT), ("check", CHECK, CHECK_OUT)]
test_recorded_output_is_nodes = node_recheck(CASES)
test_matches_node_and_interpreter, test_stress_bailouts = node_case_tests(CASES, ("all", 3, 11))
PROGRAMS = {name: (src, out) for name, src, out in CASES}


def _run(path: Path, heap: dict[str, Any]) -> tuple[int, str, str]:
    """The JIT at threshold 0 runs ``path`` on a heap made with ``heap``'s options."""
    proc, _ = run_jit(path, 0, **heap)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("name", PROGRAMS)
def test_collecting(tmp_path: Path, name: str) -> None:
    """A collection at every allocation, freed space poisoned: the strings compared
    move between compares."""
    from a64js.hvm.core import R

    src, out = PROGRAMS[name]
    got = _run(write_program(tmp_path, src), {"semispace": 1 << 20, "stress": True,
                                              "poison": True})
    assert got == (0, out, "")
    assert R.heap.stats.collections > 100


LONG_ORDER = r'''let a = "", b = "";
for (let i = 0; i < 16; i++) { a += "abcd"; b += "abcd"; }
b += "e";
function lt(x, y) { return x < y; }
let n = 0;
for (let i = 0; i < 2000; i++) if (lt(a, b)) n++;
console.log(n);
'''


def test_blocks_per_string_compare(tmp_path: Path) -> None:
    """A call comparing two strings of 64 equal units (the right one longer): 154
    emulated blocks an iteration while the units were compared one a block, 42 with
    four a block."""
    per = blocks_per_iteration(tmp_path, LONG_ORDER, lambda n: f"{n}\n")
    assert per <= 50, per


RAND = r'''let seed = 7;
function rand(n) { seed = (seed * 16807) % 2147483647; return seed % n; }
let n = 0;
for (let i = 0; i < 2000; i++) n += rand(2);
console.log(n > 0 ? "ok" : "no");
'''


def test_blocks_per_double_operands(tmp_path: Path) -> None:
    """A call whose ``*`` overflows int32 and whose ``%`` takes a double and an int32:
    40.5 emulated blocks an iteration while each operand's kind took three, 37.5 with both
    tested in one branch."""
    per = blocks_per_iteration(tmp_path, RAND, lambda n: "ok\n")
    assert per <= 39, per


GETTER = r'''class V { constructor(d) { this.d = d; } get len() { return this.d.length; } }
const v = new V([1, 2, 3]);
let s = 0;
for (let i = 0; i < 2000; i++) s += v.len;
console.log(s);
'''


def test_blocks_per_getter_call(tmp_path: Path) -> None:
    """A getter called from a loop (the getter subroutine's check and push): 32 emulated
    blocks an iteration while the check tested the reference, the kind and the call
    table's row in three branches, 29 with every test in one."""
    per = blocks_per_iteration(tmp_path, GETTER, lambda n: f"{3 * n}\n")
    assert per <= 30, per


DICT = r'''const d = {};
const keys = [];
for (let i = 0; i < 600; i++) { const k = "k" + i; keys.push(k); d[k] = i; }
function get(o, k) { return o[k]; }
let s = 0;
for (let i = 0; i < 2000; i++) s += get(d, keys[i % 600]);
console.log(s);
'''


def test_blocks_per_dictionary_read(tmp_path: Path) -> None:
    """A keyed read of a dictionary object's key, the pair's own string cell
    (t_elems._emit_dict_probe): 33.9 emulated blocks an iteration while an index entry's
    tag and its pair's key were tested in two blocks, 33.0 in one."""
    per = blocks_per_iteration(tmp_path, DICT, lambda n: f"{sum(i % 600 for i in range(n))}\n")
    assert per <= 33.4, per
