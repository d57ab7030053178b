"""Dictionary-mode objects' hash tables in data memory (heap.py, "dictionary mode"): the
table's words as the interpreter and machine code share them, the JIT's keyed sites
reading, updating and adding keys in machine code with no host call (jit/t_elems.py),
an accessor defined after compilation stopping in-line adds, and collections moving the
tables (a collection at every allocation; a small poisoned semispace). Outputs are
node's (recorded here; tests/js/programs/feat_dictionary_table.js is the program the
program tests run in every mode)."""

from __future__ import annotations

from pathlib import Path

import pytest

from a64js.heap import DICT_HEAD, DICT_KEYS, Heap, dict_hash
from a64js.jit import t_elems
from a64js.words import HOLE_WORD, INT_BASE, REF_BASE
from tests.js import jsprograms
from tests.js.hvmrun import run_heap
from tests.js.jitrun import run_jit, run_matching, run_stressed
from tests.js.jitrun import write_program as _write

PROGRAM = jsprograms.ROOT / "tests" / "js" / "programs" / "feat_dictionary_table.js"

READS = r'''// two dictionaries of one shape whose pairs are in opposite orders, read, tested
// and updated by key from compiled code
const a = {};
const b = {};
for (let i = 0; i < 300; i++) { a["key" + i] = i; b["key" + (299 - i)] = -i; }
function sum(o, n, r) {
  let t = 0;
  for (let k = 0; k < r; k++) for (let i = 0; i < n; i++) t += o["key" + i];
  return t;
}
function bump(o, n) { for (let i = 0; i < n; i++) o["key" + i] += 1; }
function has(o, n) { let c = 0; for (let i = 0; i < n; i++) if (("key" + i) in o) c++; return c; }
console.log(sum(a, 300, 10), sum(b, 300, 10), has(a, 300), has(b, 300));
bump(a, 300); bump(b, 300);
console.log(sum(a, 300, 1), sum(b, 300, 1));
'''
# node's output of READS
READS_WANT = "448500 -448500 300 300\n45150 -44550\n"

SETTER = r'''// keys added in line by a compiled store, then a setter on Object.prototype: the
// same store must call it and add nothing
const d = {};
for (let i = 0; i < 100; i++) d["k" + i] = i;
function put(o, k, v) { o[k] = v; }
for (let r = 0; r < 30; r++) put(d, "n" + r, r);
console.log(Object.keys(d).length, d.n29, "n5" in d);
Object.defineProperty(Object.prototype, "zz", {
  set(v) { console.log("setter", v); }, get() { return "got"; }, configurable: true });
put(d, "zz", 1);
put(d, "n30", 30);
console.log(d.zz, Object.keys(d).length, Object.keys(d).includes("zz"), d.n30, "zz" in d);
'''
# node's output of SETTER
SETTER_WANT = "130 29 true\nsetter 1\ngot 131 false 30 true\n"


def _int(k: int) -> int:
    return INT_BASE | (k & 0xFFFF_FFFF)


def test_the_table_in_memory() -> None:
    """After 200 keys, 50 deletes and one re-add: the vector is [used, live, bits], the
    index (each live key's entry where probing from ``hash >> (64 - bits)`` meets it,
    ``tag << 32 | pair + 1``), the pairs in insertion order (a deleted one's key the
    hole word); a collection moves it and every key is found again."""
    heap = Heap(1 << 20)
    try:
        fp = heap.push_frame(1)
        heap.frame_set(fp, 0, heap.alloc_object(heap.new_shape(capacity=4)))
        names = [f"k{n}" for n in range(200)]
        for n, k in enumerate(names):
            heap.put(heap.frame_get(fp, 0), k, _int(n))
        for n, k in enumerate(names):  # (each found: the probes' cache holds them)
            assert heap.get(heap.frame_get(fp, 0), k) == _int(n)
        for k in names[:100:2]:
            assert heap.dict_delete(heap.frame_get(fp, 0), k)
            assert heap.get_own(heap.frame_get(fp, 0), k) is None
        heap.put(heap.frame_get(fp, 0), "k0", _int(-1))
        heap.collect()
        o = heap.frame_get(fp, 0)
        w = heap._w
        i = ((o & 0xFFFF_FFFF_FFFF) - heap._base) >> 3
        v = (w[i + 1] - heap._base) >> 3
        used, live, bits = (int(x) & 0xFFFF_FFFF for x in w[v + 2:v + 5])
        assert (used, live, w[v + 2] >> 32) == (201, 151, INT_BASE >> 32)
        assert 1 << (bits - 1) >= used  # (room for the pairs used)
        index = w[v + 2 + DICT_HEAD:v + 2 + DICT_HEAD + (1 << bits)].tolist()
        pairs = w[v + 2 + DICT_HEAD + (1 << bits):v + 2 + DICT_HEAD + (2 << bits)].tolist()
        keys = pairs[0:2 * used:2]
        assert [kw == HOLE_WORD for kw in keys[:100]] == [n % 2 == 0 for n in range(100)]
        want = [k for k in names if k not in names[:100:2]] + ["k0"]
        assert [heap.read_string(kw) for kw in keys if kw != HOLE_WORD] == want
        assert heap.keys(o) == want
        for p, kw in enumerate(keys):
            if kw == HOLE_WORD:
                continue
            assert kw >> 48 == REF_BASE >> 48
            h = dict_hash(heap.read_string(kw))
            j = h >> (64 - bits)
            while index[j] != (h >> 33) << 32 | (p + 1):
                assert index[j] != 0  # (probing never meets an empty entry before it)
                j = (j + 1) % len(index)
            assert heap.get(o, heap.read_string(kw)) == pairs[2 * p + 1]
        assert sum(1 for e in index if e) == used  # deleted pairs keep their entries
        assert heap.get(o, "k0") == _int(-1) and heap.get_own(o, "k2") is None
        heap.verify()
    finally:
        heap.close()


def test_dict_hash() -> None:
    """The hash's rule (its units as zero-padded little-endian words), as machine code
    computes it from a string cell: two words for five units."""
    k = 0x9E37_79B9_7F4A_7C15
    m = (1 << 64) - 1
    u0 = ord("a") | ord("b") << 16 | ord("c") << 32 | ord("d") << 48
    u1 = ord("e")
    assert dict_hash("abcde") == ((((5 ^ u0) * k) & m ^ u1) * k) & m
    assert dict_hash("") == 0
    assert dict_hash("\U0001F600") == dict_hash("\ud83d\ude00")  # (the same two units)
    assert DICT_KEYS == 64


STRESS = r'''// a dictionary built, thinned, grown and read while every allocation collects
const d = {};
for (let i = 0; i < 90; i++) d["k" + i] = "v" + i;
function get(o, k) { return o[k]; }
function put(o, k, v) { o[k] = v; }
for (let i = 0; i < 90; i += 4) delete d["k" + i];
for (let i = 90; i < 140; i++) put(d, "k" + i, [i]);
let t = 0;
for (let i = 0; i < 140; i++) {
  const v = get(d, "k" + i);
  t += v === undefined ? 0 : typeof v === "string" ? v.length : v[0];
}
const ks = Object.keys(d);
console.log(t, ks.length, ks[0], ks[ks.length - 1], get(d, "k139")[0], "k4" in d, "k5" in d);
'''
# node's output of STRESS
STRESS_WANT = "5919 117 k1 k139 139 false true\n"


def test_a_collection_at_every_allocation(tmp_path: Path) -> None:
    """The interpreter's path over a table while every allocation collects (the key
    cells, the growth's new vector, the values) and the abandoned space is poisoned."""
    from a64js.hvm.core import R

    proc = run_heap(_write(tmp_path, STRESS), semispace=1 << 20, stress=True, poison=True)
    assert (proc.stdout, proc.stderr) == (STRESS_WANT, "")
    assert R.heap.stats.collections > 500


def test_program_in_a_small_heap_with_the_jit() -> None:
    """Compiled code's tables in a 1 MiB poisoned semispace: the keys it added in line
    (the program's own string cells) and the tables move with every collection."""
    from a64js.hvm.core import R

    proc, _ = run_jit(PROGRAM, threshold=0, semispace=1 << 20, poison=True)
    assert (proc.stdout, proc.stderr) == (jsprograms.read_expected(PROGRAM).stdout, "")
    assert R.heap.stats.collections >= 2


@pytest.mark.parametrize("threshold", [0, 10])
def test_reads_updates_and_tests_take_no_host_call(tmp_path: Path, threshold: int) -> None:
    """sum()'s 6,000 reads, has()'s 600 tests and bump()'s 600 updates of two 300-key
    dictionaries are machine code: no dict_access call and no step after the module
    built them (its adds in line too). With the old big table (one hint per key, a
    pair scan of 32 at most) the second dictionary's reads were host calls."""
    path = _write(tmp_path, READS)
    before = dict(t_elems.STATS)
    proc, jit = run_jit(path, threshold=threshold)
    assert (proc.stdout, proc.stderr, proc.returncode) == (READS_WANT, "", 0)
    assert t_elems.STATS["calls"] - before["calls"] <= 10
    jit.summary()
    steps = jit.stats.step_ops
    # (the module's stores of each object's first 64 keys, before it is a dictionary)
    assert steps["GetElem"] + steps["In"] == 0 and steps["SetElem"] <= 2 * 64 + 4, steps


def test_reads_match_node(tmp_path: Path) -> None:
    jit = run_matching(_write(tmp_path, READS), READS_WANT)
    assert jit.stats.left_to_interpreter == 0


@pytest.mark.parametrize("stress", ["all", 3])
def test_reads_with_bailouts(tmp_path: Path, stress: str | int) -> None:
    run_stressed(_write(tmp_path, READS), READS_WANT, stress)


def test_a_setter_defined_later_stops_in_line_adds(tmp_path: Path) -> None:
    """put()'s SetElem added 30 keys in line; after a setter for "zz" appears on
    Object.prototype the same compiled store calls it (Ctx.NO_DICT_ADDS) and adds
    nothing, while another new key is still added (by the host call)."""
    path = _write(tmp_path, SETTER)
    run_matching(path, SETTER_WANT)
    before = t_elems.STATS["calls"]
    proc, _ = run_jit(path, threshold=0)
    assert (proc.stdout, proc.stderr) == (SETTER_WANT, "")
    assert 2 <= t_elems.STATS["calls"] - before <= 6  # "zz" and "n30": host calls
    run_stressed(path, SETTER_WANT, "all")
