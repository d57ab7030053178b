"""Session 14's fast paths of the heap VM's interpreter (hvm.interp, "blocks" and the
handlers): in a compiled block a getter found by the site's cache is called without the
GetProp handler, a polymorphic site reads its own and prototype slots tables and its
callees' entries, ``!`` of a boolean, ``for ... of`` over an array (ToArray), unary ``+``
of a number and ``%`` of a double and an int are inline, ``[]`` (NewArray of nothing)
lean; DefineField remembers the last key it added; GetGlobal remembers where its key
is in the global object's shape; Array.prototype.pop tests its receiver inline. Each
gives node's output: with blocks compiled at once and a collection at every allocation,
at the default threshold, and with the JIT (threshold 0, stress bailouts)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.js.hvmrun import block_sources, heap_module, run_heap
from tests.js.jitrun import heap_cli_prints, node_prints, run_jit, write_program

# getters on a prototype and one level further (a subclass overriding one), a getter
# replaced by another and then by a data property, `!` of every kind of value, for-of
# over arrays and a string, global reads (a built-in, globals added and reassigned, the
# global object's shape changing under the cache, Math itself replaced), push and pop,
# `%` of a double and an int (a random number generator's step) and of other operands,
# unary `+` of numbers and strings, a method call over the classes of a polymorphic site
# (one of them replaced halfway), object literals and class fields in a hot loop (a
# setter on Object.prototype that a definition passes by, a key given twice, a getter)
PROGRAM = """\
class V {
  constructor(d) { this.d = d; }
  get n() { return this.d.length; }
  get first() { return this.d[0]; }
}
class W extends V {
  get first() { return -this.d[0]; }
}
const vs = [];
for (let i = 0; i < 40; i++) vs.push(i % 3 ? new V([i, i + 1, i + 2]) : new W([i]));
function scan(list) {
  let c = 0;
  for (const v of list) {
    if (!(v.n === 1)) c += v.first;
    else c += 2 * v.first;
    if (!v.d) c -= 1000;
    const keep = [];
    for (const x of v.d) if (!(x % 2)) keep.push(x);
    c += keep.length;
  }
  return c;
}
let s = 0;
for (let r = 0; r < 30; r++) s += scan(vs);
console.log("getters", s);
Object.defineProperty(V.prototype, "n", { get() { return 1; } });
s = 0;
for (let r = 0; r < 30; r++) s += scan(vs);
console.log("getter replaced", s);
Object.defineProperty(V.prototype, "first", { value: 100, writable: true });
s = 0;
for (let r = 0; r < 30; r++) s += scan(vs);
console.log("getter now data", s);
let nots = 0;
const vals = [0, 1, "", "a", null, undefined, NaN, 2.5, -0, [], {}, true, false];
for (let r = 0; r < 100; r++) for (const v of vals) if (!v) nots++;
console.log("nots", nots);
let cs = 0;
for (let r = 0; r < 100; r++) for (const ch of "h\\u00e9llo") cs += ch.charCodeAt(0);
console.log("string for-of", cs);
let g = 0;
for (let r = 0; r < 2000; r++) {
  g += Math.floor(Math.sqrt(r));
  if (r === 700) gv = 5;
  if (r > 700) g += gv;
  if (r === 1500) gv = 7;
  if (r === 1200) globalThis.extra1 = 1;
  if (r === 1300) globalThis.extra2 = 2;
  if (r === 1800) Math = { floor: (x) => 1, sqrt: Math.sqrt };
}
console.log("globals", g, extra1 + extra2);
const stack = [1, 2, 3];
let popped = 0;
for (let r = 0; r < 1000; r++) { stack.push(r); popped += stack.pop(); }
console.log("pops", popped, stack.pop(), stack.length, [].pop());
{
let x = 7, h = 0, m = 0;
const ds = [5.5, -5.5, 2 ** 40, -(2 ** 40), 0.5, 0.25, 1e300, 3.25];
for (let r = 0; r < 2000; r++) {
  x = (x * 48271) % 2147483647;
  h = (h + +("" + (x % 10)) + (+x % 7)) % 1000;
  const d = ds[r % ds.length];
  m += (d % 3) + (d % -3) + (7 % d) + (+d === d ? 1 : 0);
}
console.log("lcg", x, h, m, Object.is(-0 % 5, -0), 5.5 % 2, -5.5 % 2,
  Infinity % 3, 3 % Infinity, 7 % -0, Object.is(-4 % 2, -0));
}
{
class A1 { f(x) { return x + 1; } }
class B1 { f(x) { return x * 2; } }
class C1 extends A1 { f(x) { return super.f(x) - 3; } }
const objs = [new A1(), new B1(), new C1(), new B1(), { f: (x) => x + 7 }];
let pm = 0;
for (let r = 0; r < 3000; r++) pm = (pm + objs[r % 5].f(r)) % 100003;
B1.prototype.f = function (x) { return x - 1; };
for (let r = 0; r < 3000; r++) pm = (pm + objs[r % 5].f(r)) % 100003;
console.log("poly", pm);
}
{
let setterCalls = 0;
Object.defineProperty(Object.prototype, "zz", { set(v) { setterCalls++; }, configurable: true });
class P3 { a = 1; b = this.a + 1; }
let lit = 0;
for (let r = 0; r < 1500; r++) {
  const o = { zz: r, k: r % 7, k2: "x", k: r % 5 };
  const q = { get g() { return r; }, h: 2 };
  const p = new P3();
  lit += o.zz + o.k + q.g + q.h + p.b + Object.keys(o).length;
}
console.log("literals", lit, setterCalls, JSON.stringify({ zz: 1, k: 2 }));
}
"""
PROGRAM_OUT = (  # node's output (test_program_output_is_nodes)
    "getters 210\n"
    "getter replaced 15420\n"
    "getter now data 141000\n"
    "nots 700\n"
    "string for-of 66400\n"
    "globals 57749 3\n"
    "pops 499500 3 2 undefined\n"
    "lcg 117998657 787 8625 true 1.5 -1.5 NaN 3 NaN true\n"
    "poly 2076\n"
    "literals 2262000 0 {\"zz\":1,\"k\":2}\n")


def test_program_output_is_nodes(tmp_path: Path, node: str) -> None:
    node_prints(node, tmp_path, PROGRAM, PROGRAM_OUT)


def test_heap_vm_default_threshold(tmp_path: Path) -> None:
    heap_cli_prints(tmp_path, PROGRAM, PROGRAM_OUT)


def test_blocks_at_once_under_gc_stress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    from a64js.hvm import interp

    monkeypatch.setattr(interp, "_BLOCK_HOT", 1)
    path = write_program(tmp_path, PROGRAM)
    proc = run_heap(path, semispace=1 << 20, stress=True, poison=True)
    assert (proc.stdout, proc.stderr, proc.returncode) == (PROGRAM_OUT, "", 0)


@pytest.mark.parametrize("stress", [None, "all", 14])
def test_jit_at_threshold_0(tmp_path: Path, stress: str | int | None) -> None:
    path = write_program(tmp_path, PROGRAM)
    proc, _ = run_jit(path, threshold=0, bailouts=stress)
    assert (proc.stdout, proc.stderr, proc.returncode) == (PROGRAM_OUT, "", 0)


def test_a_getter_hit_in_a_block_calls_the_getter_itself(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import core, interp
    from a64js.hvm.core import int_of

    # (compiled once the site has called the getter twice: the second call fills the
    # site's entry, which the block's source is made from)
    monkeypatch.setattr(interp, "_BLOCK_HOT", 10)
    seen = block_sources(monkeypatch)
    f = heap_module(
        "class P { constructor(x) { this.x = x; } get twice() { return this.x * 2; } }\n"
        "const ps = [new P(1), new P(2), new P(3)];\n"
        "function f(n) { let s = 0; for (let i = 0; i < n; i++)"
        " { const p = ps[i % 3]; if (!(p.x === 2)) s += p.twice; } return s; }\n"
        "exports.f = f;", ["f"])["f"]
    assert int_of(interp.call(f.word, core.UNDEFINED_WORD, [core.num_word(30)])) == 80
    loop = [t for t in seen if "def B" in t and ".twice" not in t
            and ("CALL_GETTER(" in t or "GETTER_CALL(" in t)]
    assert loop, "no block calls the getter itself"
    assert int_of(interp.call(f.word, core.UNDEFINED_WORD, [core.num_word(3000)])) == 8000


def test_global_reads_find_the_slot_once_per_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import core, interp
    from a64js.hvm.core import int_of

    calls = [0]
    own_slot = core.own_slot

    def counting(w: int, key: str) -> int | None:
        calls[0] += 1
        return own_slot(w, key)
    f = heap_module("function f(n) { let s = 0; for (let i = 0; i < n; i++)"
                    " s += Math.abs(-i); return s; }\nexports.f = f;", ["f"])["f"]
    monkeypatch.setattr(core, "own_slot", counting)
    assert int_of(interp.call(f.word, core.UNDEFINED_WORD, [core.num_word(2000)])) == \
        sum(range(2000))
    assert calls[0] <= 2, f"GetGlobal looked Math up {calls[0]} times"


def test_fallback_counting_is_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import core, interp
    from a64js.hvm.core import int_of

    monkeypatch.setattr(interp, "_BLOCK_HOT", 3)
    counts: dict[tuple[str, int, str], int] = {}
    monkeypatch.setattr(interp, "FALLBACKS", counts)
    # a string concatenation: Add's block form takes numbers only, hands strings over
    f = heap_module("function f(n) { let s = ''; for (let i = 0; i < n; i++) s = s + 'a';"
                    " return s.length; }\nexports.f = f;", ["f"])["f"]
    assert int_of(interp.call(f.word, core.UNDEFINED_WORD, [core.num_word(50)])) == 50
    adds = [c for (fn, _pc, op), c in counts.items() if fn == "f" and op == "Add"]
    assert adds and adds[0] >= 40, counts


def test_a_block_reads_a_global_without_the_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    """A compiled block reads a global (``Math``: the global object's built-ins are out
    of line, through its slot vector) where the handler's cache last found it, and a
    global added in the loop (the global object's shape changes) is still read right."""
    from a64js.hvm import core, interp
    from a64js.hvm.core import int_of

    monkeypatch.setattr(interp, "_BLOCK_HOT", 3)
    counts: dict[tuple[str, int, str], int] = {}
    monkeypatch.setattr(interp, "FALLBACKS", counts)
    f = heap_module("function f(n) { let s = 0; for (let i = 0; i < n; i++) {"
                    " s += Math.abs(-i); if (i === 30) globalThis.added = 1; }"
                    " return s + added; }\nexports.f = f;", ["f"])["f"]
    assert int_of(interp.call(f.word, core.UNDEFINED_WORD, [core.num_word(200)])) == \
        sum(range(200)) + 1
    reads = sum(c for (fn, _pc, op), c in counts.items() if fn == "f" and op == "GetGlobal")
    assert reads <= 3, counts  # (before the first hit, and once after the shape changed)


def test_bench_js_hvm_prints_the_fallbacks() -> None:
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, str(root / "benchmarks" / "bench_js_hvm.py"),
                           "--fallbacks", "loops", "--top", "3"], capture_output=True,
                          text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    head, *rows = proc.stdout.splitlines()
    assert head.startswith("== loops (scale 1): ") and "(exit 0)" in head, proc.stdout
    assert any(r.split()[-1] in ("Add", "BitAnd") for r in rows[:3]), proc.stdout


# int32 products in a hot function: past int32 (doubles, some past 2**53, rounded as a
# double multiply rounds), -0 (0 times a negative), and in range; node v20 printed this
PRODUCTS = """\
function f(a, b) { return a * b; }
const vals = [0, 1, -1, 7, -7, 46341, -46341, 65536, 2147483647, -2147483648, 1073741824,
              123456789, -987654321];
let acc = 0, negz = 0, big = 0;
for (let r = 0; r < 40; r++) {
  for (const a of vals) for (const b of vals) {
    const p = f(a, b);
    if (1 / p === -Infinity) negz++;
    if (p > 2147483647 || p < -2147483648) big++;
    acc = (acc + p % 1000003) % 1000000007;
  }
}
console.log(acc, negz, big, f(2147483647, 2147483647), f(-2147483648, 2147483647),
            f(123456789, -987654321));
"""
PRODUCTS_OUTPUT = ("141072600 400 3280 4611686014132420600 -4611686016279904000 "
                   "-121932631112635260\n")


def test_int32_products_past_int32_in_blocks(tmp_path: Path) -> None:
    heap_cli_prints(tmp_path, PRODUCTS, PRODUCTS_OUTPUT)


def test_products_output_is_nodes(tmp_path: Path, node: str) -> None:
    node_prints(node, tmp_path, PRODUCTS, PRODUCTS_OUTPUT)


# a double and an int32 through each operator both ways in a hot function (NaN, the
# infinities, -0 and doubles past int32 among them), and a generator's step and a hash
# (`(x * a) % m`, the product past int32); node v20 printed this
MIXED = """\
function mix(a, b) { return [a + b, a - b, a * b, a % b, b % a]; }
const ds = [0.5, -2.25, 1e10, -3e9, 2147483648, NaN, Infinity, -Infinity, -0, 4294967296.5];
const is = [0, 1, -1, 7, -13, 2147483647, -2147483648];
let acc = 0, nan = 0, negz = 0, inf = 0;
for (let r = 0; r < 30; r++) {
  for (const d of ds) for (const n of is) for (const v of [...mix(d, n), ...mix(n, d)]) {
    if (v !== v) nan++;
    else if (v === Infinity || v === -Infinity) inf++;
    else if (v === 0 && 1 / v < 0) negz++;
    else acc = (acc + (v % 1000003)) % 1000000007;
  }
}
let seed = 7, hash = 0;
for (let i = 0; i < 3000; i++) {
  seed = (seed * 16807) % 2147483647;
  hash = (hash * 131 + (seed & 255)) % 1000000007;
}
console.log(acc, nan, negz, inf, seed, hash);
"""
MIXED_OUTPUT = "514407750 3900 1110 2400 1822864391 28460631\n"


def test_a_double_and_an_int32_in_blocks(tmp_path: Path) -> None:
    heap_cli_prints(tmp_path, MIXED, MIXED_OUTPUT)


def test_mixed_output_is_nodes(tmp_path: Path, node: str) -> None:
    node_prints(node, tmp_path, MIXED, MIXED_OUTPUT)
