"""Session 21 (EMU21C): property, keyed and string paths in compiled code with fewer
emulated blocks.

A GetProp whose cache cell's first entry names the receiver's prototype as the holder
(a class's method, a getter on the prototype) is read in the site's out-of-line code
(t_props._emit_get_proto), not through the get subroutine (~8 blocks and a ``ret`` to
another site at every call); the get subroutine tests its holder and loads the value
without a branch. String ``+`` copies four words a block (t_alloc._concat_words). A
keyed read tests the key and the receiver in two branches and compares a key of up to
8 units without one (t_elems._emit_keyed_find). A double ``%`` of integral operands
tests them in one branch (t_ops._emit_dmod). The programs below (node's output) run
on the interpreter and the JIT (threshold 0, no bailout), with bailouts forced, and
with a collection at every allocation; the emulated blocks of each path are counted
(each count's test fails on the code before)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.js.jitrun import (
    blocks_per_iteration,
    node_recheck,
    run_jit,
    run_matching,
    run_stressed,
    write_program,
)

PROTO = r'''// Sites reading methods and values through prototypes: P1 holders (a class's
// methods), P2 holders (inherited), getters on the prototype, absent keys, a site over
// five shapes, prototypes changed while the site runs.
class A { constructor(v) { this.v = v; } m() { return this.v + 1; } get g() { return this.v * 2; } }
class B extends A { constructor(v) { super(v); this.w = 1; } n() { return this.w; } }
class C { constructor() { this.v = 10; } m() { return 100; } }
class D { constructor() { this.q = 0; this.v = 20; } m() { return 200; } }
class E { constructor() { this.r = 0; this.s = 0; this.v = 30; } m() { return 300; } }
const F = { v: 40, m() { return 400; } };
function callM(o) { return o.m(); }
function readG(o) { return o.g; }
function readZ(o) { return o.z; }
let s = 0;
const a = new A(1), b = new B(2);
for (let i = 0; i < 300; i++) s += callM(a) + callM(b) + b.n() + readG(a) + readG(b);
console.log("mono", s);
const objs = [new A(3), new C(), new D(), new E(), F, new B(5)];
s = 0;
for (let i = 0; i < 600; i++) s += callM(objs[i % 6]) + (i % 6 < 4 ? callM(objs[i % 4]) : 0);
console.log("poly", s);
s = 0;
for (let i = 0; i < 100; i++) s += readZ(a) === undefined ? 1 : 0;
A.prototype.z = 7;
for (let i = 0; i < 100; i++) s += readZ(a) === 7 ? 1 : 0;
console.log("absent", s);
s = 0;
for (let i = 0; i < 300; i++) {
  if (i === 100) A.prototype.m = function () { return -1; };
  if (i === 200) B.prototype.m = function () { return -2; };
  s += callM(a) * 1000 + callM(b);
  if (i % 100 === 99) { console.log("changed", i, s); s = 0; }
}
s = 0;
for (let i = 0; i < 300; i++) {
  if (i === 100) {
    Object.defineProperty(A.prototype, "m", { get() { return () => 5; }, configurable: true });
  }
  if (i === 200) delete A.prototype.m;
  let r;
  try { r = callM(a); } catch (e) { r = e.constructor.name; }
  s += typeof r === "number" ? r : 1000;
}
console.log("getter then deleted", s);
const own = new C();
s = 0;
for (let i = 0; i < 200; i++) { if (i === 100) own.m = () => 9; s += callM(own); }
console.log("shadowed", s);
const swap = new C();
s = 0;
for (let i = 0; i < 200; i++) {
  if (i === 100) Object.setPrototypeOf(swap, D.prototype);
  s += callM(swap);
}
console.log("setPrototypeOf", s);
let g = 0;
class H { get k() { g++; if (g === 150) throw new Error("k at " + g); return g; } }
const h = new H();
s = 0;
try { for (let i = 0; i < 200; i++) s += h.k; } catch (e) { console.log(e.message, s); }
'''
PROTO_OUT = """\
mono 3600
poly 161400
absent 200
changed 99 200300
changed 199 -100100
changed 299 -100200
getter then deleted 100400
shadowed 10900
setPrototypeOf 30000
k at 150 11175
"""

CONCAT = r'''// String + of strings of every length mod 4 on both sides, empties, non-BMP units,
// results compared unit by unit and by ===, lengths across word boundaries.
const pieces = ["", "a", "bc", "def", "ghij", "klmno", "pqrstu", "vwxyzAB", "CDEFGHIJ",
  "\u00e9\u4e2d", "\ud83d\ude00x", "0123456789abcdefghi"];
let h = 0, eq = 0, n = 0;
function cat(a, b) { return a + b; }
for (let r = 0; r < 3; r++) {
  for (const a of pieces) for (const b of pieces) {
    const c = cat(a, b);
    n++;
    if (c.length !== a.length + b.length) console.log("bad length", a, b);
    for (let i = 0; i < c.length; i++) h = (h * 31 + c.charCodeAt(i)) % 1000003;
    if (c === a.concat(b)) eq++;
    if (cat(c, "") !== c || cat("", c) !== c) console.log("bad empty");
  }
}
console.log(n, eq, h);
let s = "";
for (let i = 0; i < 700; i++) {
  s = cat(s, pieces[i % pieces.length]);
  if (i % 97 === 0) console.log(i, s.length, s.slice(-9) || "-");
}
let t = "";
for (let i = 0; i < 300; i++) t = cat(pieces[(i * 7) % pieces.length], t);
console.log(t.length, t.slice(0, 20), t === t.slice(0));
const words = [];
for (let i = 0; i < 200; i++) words.push(cat(cat("w" + i, ":"), pieces[i % 12]));
console.log(words.slice(194).join("|"), words.filter((w, i) => words.indexOf(w) === i).length);
'''
CONCAT_OUT = """\
432 432 129077
0 0 -
97 481 bcdefghia
194 963 defghiabc
291 1446 ghiabcdef
388 1930 bcdefghij
485 2415 ghijklmno
582 2901 mnopqrstu
679 3388 tuvwxyzAB
1500 klmno😀xdefCDEFGHIJa true
w194:bc|w195:def|w196:ghij|w197:klmno|w198:pqrstu|w199:vwxyzAB 200
"""

KEYED = r'''// Keyed access by string keys of every length 0-24 (one, two and more words of units),
// through class instances, literals, dictionary objects, keys added by SetElem (shape
// transitions), keys of equal length and first word, absent keys, number keys, holes
// and indices out of bounds.
const keys = [""];
for (let n = 1; n <= 24; n++) keys.push("k" + "abcdefghijklmnopqrstuvwxyz".slice(0, n - 1));
keys.push("kabcdefX", "kabcdefY", "kabcX", "kab\u00e9");
function get(o, k) { return o[k]; }
function set(o, k, v) { o[k] = v; }
function has(o, k) { return k in o; }
let h = 0;
const objs = [];
for (let r = 0; r < 4; r++) {
  const o = r === 3 ? Object.create(null) : {};
  for (let i = 0; i < keys.length; i++) if ((i + r) % 3 !== 0) set(o, keys[i], i * 10 + r);
  objs.push(o);
}
for (let rep = 0; rep < 20; rep++) {
  for (const o of objs) {
    for (const k of keys) {
      const v = get(o, k);
      h = (h * 31 + (v === undefined ? 7 : v) + (has(o, k) ? 1 : 0)) % 1000003;
    }
  }
}
console.log("literals", h);
const dict = {};
for (let i = 0; i < 300; i++) set(dict, "w" + i, i);
delete dict.w5;
let s = 0;
for (let rep = 0; rep < 5; rep++) {
  for (let i = 0; i < 310; i++) { const v = get(dict, "w" + i); s += v === undefined ? 1000 : v; }
}
console.log("dictionary", s, get(dict, ""), has(dict, "w5"), has(dict, "w6"));
class Node { constructor() { this.left = null; this.right = null; this.key = 0; } }
const n = new Node();
s = 0;
for (let i = 0; i < 500; i++) {
  const side = i % 2 ? "left" : "right";
  set(n, side, i);
  s += get(n, side) + (get(n, "key") === 0 ? 1 : 0);
}
console.log("instance", s, n.left, n.right);
const arr = [1, , 3];
arr[10] = 11;
s = 0;
for (let i = -2; i < 14; i++) { const v = get(arr, i); s += v === undefined ? 100 : v; }
console.log("elements", s, get(arr, "length"), get(arr, "1"), get(arr, "10"), has(arr, 1),
            has(arr, 2));
const str = "hello";
console.log("string", get(str, 1), get(str, 9), get(str, "length"), get(str, "0"));
const proto = { inherited: "p" };
const child = Object.create(proto);
for (let i = 0; i < 50; i++) set(child, "own" + (i % 5), i);
console.log("inherited", get(child, "inherited"), get(child, "own3"), get(child, "none"),
            has(child, "inherited"));
'''
KEYED_OUT = """\
literals 205558
dictionary 279225 undefined false true
instance 125250 499 498
elements 1315 11 undefined 11 false true
string e undefined 5 h
inherited p 48 undefined true
"""

DMOD = r'''// % of doubles: integral operands within 2**53 (exact in integers), at and past the
// bound, negative dividends and divisors, zero remainders (-0 from a negative dividend),
// a zero divisor, NaN, infinities and fractions.
const big = 2 ** 53;
const vals = [2147483648, -2147483649, 4294967296.5, big, -big, big + 2, -(big + 2), 1e300,
  -1e-300, 3.5, -7.25, 0, -0, NaN, Infinity, -Infinity, 6442450941, 123456789012345,
  -98765432109876, 2 ** 52 + 1, 0.1, 2147483647 * 16807];
const divs = [2147483647, -3, 7.5, 2 ** 31, big, -big, 0, -0, NaN, Infinity, 1e-310, 10, -1];
function mod(a, b) { return a % b; }
const out = [];
for (const a of vals) {
  const row = [];
  for (const b of divs) {
    const r = mod(a, b);
    row.push(Object.is(r, -0) ? "-0" : String(r));
  }
  out.push(row.slice(0, 7).join(" "), row.slice(7).join(" "));
}
console.log(out.join("\n"));
let seed = 7, h = 0;
for (let i = 0; i < 3000; i++) {
  seed = (seed * 16807) % 2147483647;
  h = (h + seed % 1000) % 1000003;
}
console.log(seed, h);
'''
DMOD_OUT = """\
1 2 0.5 0 2147483648 2147483648 NaN
NaN NaN 2147483648 3.31643197227e-311 8 0
-2 -0 -1.5 -1 -2147483649 -2147483649 NaN
NaN NaN -2147483649 -6.8238637333136e-311 -9 -0
2.5 1.5 1.5 0.5 4294967296.5 4294967296.5 NaN
NaN NaN 4294967296.5 8.386579825062e-311 6.5 0.5
4194304 2 2 0 0 0 NaN
NaN NaN 9007199254740992 3.887020898477e-311 2 0
-4194304 -2 -2 -0 -0 -0 NaN
NaN NaN -9007199254740992 -3.887020898477e-311 -2 -0
4194306 1 4 2 2 2 NaN
NaN NaN 9007199254740994 9.01884420564e-312 4 0
-4194306 -1 -4 -2 -2 -2 NaN
NaN NaN -9007199254740994 -9.01884420564e-312 -4 -0
260391960 0 0 0 0 0 NaN
NaN NaN 1e+300 7.3379109777517e-311 0 0
-1e-300 -1e-300 -1e-300 -1e-300 -1e-300 -1e-300 NaN
NaN NaN -1e-300 -3.08012634e-315 -1e-300 -1e-300
3.5 0.5 3.5 3.5 3.5 3.5 NaN
NaN NaN 3.5 2.2760111636517e-311 3.5 0.5
-7.25 -1.25 -7.25 -7.25 -7.25 -7.25 NaN
NaN NaN -7.25 -5.4288802675643e-311 -7.25 -0.25
0 0 0 0 0 0 NaN
NaN NaN 0 0 0 0
-0 -0 -0 -0 -0 -0 NaN
NaN NaN -0 -0 -0 -0
NaN NaN NaN NaN NaN NaN NaN
NaN NaN NaN NaN NaN NaN
NaN NaN NaN NaN NaN NaN NaN
NaN NaN NaN NaN NaN NaN
NaN NaN NaN NaN NaN NaN NaN
NaN NaN NaN NaN NaN NaN
0 0 6 2147483645 6442450941 6442450941 NaN
NaN NaN 6442450941 9.4270006336806e-311 1 0
101629962 0 0 101572473 123456789012345 123456789012345 NaN
NaN NaN 123456789012345 6.2055716991933e-311 5 0
-511700699 -0 -6 -511654708 -98765432109876 -98765432109876 NaN
NaN NaN -98765432109876 -9.5493963720195e-311 -6 -0
2097153 2 2 1 4503599627370497 4503599627370497 NaN
NaN NaN 4503599627370497 5.450942210282e-311 7 0
0.1 0.1 0.1 0.1 0.1 0.1 NaN
NaN NaN 0.1 3.135287412051e-311 0.1 0.1
0 1 4 2147466841 36092757655129 36092757655129 NaN
NaN NaN 36092757655129 9.8665500901505e-311 9 0
1822864391 510832
"""

CASES = [("proto", PROTO, PROTO_OUT), ("concat", CONCAT, CONCAT_OUT),
         ("keyed", KEYED, KEYED_OUT), ("dmod", DMOD, DMOD_OUT)]
PROGRAMS = {name: (src, out) for name, src, out in CASES}
test_recorded_output_is_nodes = node_recheck(CASES)


@pytest.mark.parametrize("name", PROGRAMS)
def test_matches_node(tmp_path: Path, name: str) -> None:
    src, out = PROGRAMS[name]
    run_matching(write_program(tmp_path, src), out)


@pytest.mark.parametrize("stress", ["all", 3, 11])
@pytest.mark.parametrize("name", PROGRAMS)
def test_stressed(tmp_path: Path, name: str, stress: str | int) -> None:
    src, out = PROGRAMS[name]
    run_stressed(write_program(tmp_path, src), out, stress)


def _run(path: Path, heap: dict[str, Any]) -> tuple[int, str, str]:
    """The JIT at threshold 0 runs ``path`` on a heap made with ``heap``'s options."""
    proc, _ = run_jit(path, 0, **heap)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("name", PROGRAMS)
def test_collecting(tmp_path: Path, name: str) -> None:
    """A collection at every allocation, freed space poisoned: the cells read through
    the prototype move; a concatenation's bump finds the space full and collects."""
    from a64js.hvm.core import R

    src, out = PROGRAMS[name]
    got = _run(write_program(tmp_path, src), {"semispace": 1 << 20, "stress": True,
                                              "poison": True})
    assert got == (0, out, "")
    assert R.heap.stats.collections > 100


METHODS = r'''class P { constructor(a) { this.a = a; } get2() { return 2; } }
const p = new P(1);
let s = 0;
for (let i = 0; i < 2000; i++) s += p.get2() + p.get2() + p.get2() + p.get2();
console.log(s);
'''


def test_blocks_per_prototype_method(tmp_path: Path) -> None:
    """Four calls of a method on the receiver's prototype an iteration: 88 emulated
    blocks an iteration while each lookup took the get subroutine, 52 with the
    prototype holder tested in the site's out-of-line code."""
    per = blocks_per_iteration(tmp_path, METHODS, lambda n: f"{8 * n}\n")
    assert per <= 60, per


CONCATS = r'''let big = "";
for (let i = 0; i < 100; i++) big = big + "abcd";
function f(s) { return s + "!"; }
let n = 0;
for (let i = 0; i < 2000; i++) n += f(big).length;
console.log(n);
'''


def test_blocks_per_concatenation(tmp_path: Path) -> None:
    """A call concatenating a string of 400 units (100 words) and one of 1: 129
    emulated blocks an iteration while the left's words were copied a word a block and
    the right's a unit a block, 55 with four words a block (the tests merged)."""
    per = blocks_per_iteration(tmp_path, CONCATS, lambda n: f"{401 * n}\n")
    assert per <= 65, per


SIDES = r'''class N { constructor() { this.left = 1; this.right = 2; } }
const n = new N();
let s = 0;
for (let i = 0; i < 2000; i++) {
  const side = i % 2 ? "left" : "right";
  s += n[side] + n["left"];
}
console.log(s);
'''


def test_blocks_per_keyed_get(tmp_path: Path) -> None:
    """Two keyed reads an iteration through the keyed table (keys of one and two
    words): 59 emulated blocks an iteration while the receiver's and key's tests were
    a branch each and the key's units compared a word a loop, 44 with them merged and
    a key of up to two words compared without a branch."""
    per = blocks_per_iteration(tmp_path, SIDES, lambda n: f"{5 * n // 2}\n")
    assert per <= 50, per


SEEDS = r'''let seed = 7;
function rand(n) { seed = (seed * 16807) % 2147483647; return seed % n; }
let s = 0;
for (let i = 0; i < 2000; i++) s += rand(10);
console.log(s > 0);
'''


def test_blocks_per_double_mod(tmp_path: Path) -> None:
    """A Park-Miller step (a double %: the product passes 2**31): 45 emulated blocks
    an iteration while the double % subroutine tested each operand's integrality and
    range in a branch each, 40 with one branch for them all."""
    per = blocks_per_iteration(tmp_path, SEEDS, lambda n: "true\n")
    assert per <= 42, per
