"""Absent keys of dictionary-mode objects in machine code (jit/t_elems.py: the
prototypes' absent-key filters, ``absent_fill`` and ``ElemTemplates._absent_walk``): a
GetElem or In of a key a dictionary object's table lacks is undefined / false without a
host call when every shape on the chain has a filled filter without the key's bit; a
prototype gaining the key (a new shape), a dictionary prototype, a getter, shadowing and
a null prototype are checked by tests/js/programs/feat_dict_absent.js (node's output) in
every mode; here, the host calls that are left and the filters' words."""

from __future__ import annotations

from pathlib import Path

import pytest

from a64js.jit import t_elems
from tests.js import jsprograms
from tests.js.hvmrun import run_heap, small_semispace
from tests.js.jitrun import run_jit, run_stressed
from tests.js.jitrun import write_program as _write

PROGRAM = jsprograms.ROOT / "tests" / "js" / "programs" / "feat_dict_absent.js"

WORDS = r'''// a word count: every new word's first read is an absent key of a dictionary
const freq = {};
let distinct = 0;
function add(w) {
  if (freq[w] === undefined) { freq[w] = 0; distinct++; }
  freq[w]++;
}
function seen(w) { return w in freq; }
let misses = 0;
for (let i = 0; i < 4000; i++) {
  const w = "w" + ((i * 48271) % 2003);
  if (!seen(w)) misses++;
  add(w);
}
console.log(distinct, misses, freq.w0, freq.w2002, "toString" in freq, freq.constructor === Object);
Object.prototype.w5000 = "inherited";
console.log(freq.w5000, add("w5000"), freq.w5000, seen("w5001"), seen("w5000"));
'''
# node's output of WORDS
WORDS_WANT = "2003 2003 2 2 true true\ninherited undefined NaN false true\n"


@pytest.mark.parametrize("threshold", [0, 10])
def test_absent_reads_take_few_host_calls(tmp_path: Path, threshold: int) -> None:
    """2,003 new words, each read and tested absent once in compiled code: a host call
    only where a key's filter bit is set by a prototype's key (a few in 256) and for the
    table's growths; the old code made one dict_access call per new word and test."""
    path = _write(tmp_path, WORDS)
    before = t_elems.STATS["calls"]
    proc, _ = run_jit(path, threshold=threshold)
    assert (proc.stdout, proc.stderr, proc.returncode) == (WORDS_WANT, "", 0)
    calls = t_elems.STATS["calls"] - before
    assert calls <= 200, calls  # (without the filters: 3,882)


@pytest.mark.parametrize("stress", ["all", 3])
def test_absent_reads_with_bailouts(tmp_path: Path, stress: str | int) -> None:
    run_stressed(_write(tmp_path, WORDS), WORDS_WANT, stress)


def test_filters_hold_the_shapes_keys() -> None:
    """After the program, Object.prototype's filter is filled and has the bit of each of
    its keys; a dictionary shape's filter is filled (its own keys are its table's)."""
    from a64js.heap import Ctx
    from a64js.hvm.core import R

    proc, jit = run_jit(PROGRAM, threshold=0)
    assert (proc.stdout, proc.stderr) == (jsprograms.read_expected(PROGRAM).stdout, "")
    assert jit._absent is not None
    view = jit._absent[1]
    heap = R.heap
    assert heap._ctx[Ctx.ABSENT_FILTERS >> 3] == \
        (int(jit._absent[0].address) - (heap._shape_base >> 1)) % (1 << 64)
    proto = R.protos["Object"].word
    s = heap.shape_of(proto)
    at = (s.address - heap._shape_base) >> 4
    words = view[at:at + t_elems.ABSENT_WORDS].tolist()
    assert words[0] & 1
    for k in s.keys:
        t = heap._dict_key(k)[0] >> 33
        for b in (t % t_elems.ABSENT_BITS, (t >> 8) % t_elems.ABSENT_BITS):
            assert words[b >> 6] >> (b & 63) & 1, k
    dict_filled = [d for d in heap._dict_shapes
                   if view[(d.address - heap._shape_base) >> 4] & 1]
    assert dict_filled


KEYS = r'''// Object.keys of a dictionary object (its table's own key cells) and its growths
// (tags carried over), while every allocation collects
const d = {};
for (let i = 0; i < 150; i++) d["k" + (i * 37 % 150)] = i;
d["7"] = "seven";
delete d.k3;
let t = 0;
for (let r = 0; r < 3; r++) {
  for (let j = 0; j < 60; j++) Object.keys(d);  // (garbage: collections)
  const ks = Object.keys(d);
  t += ks.length;
  d["r" + r] = r;
}
const ks = Object.keys(d);
console.log(t, ks.length, ks.slice(0, 3).join(","), ks.slice(-2).join(","), d.k37, d.r2, "k3" in d);
const p = {};
for (let i = 0; i < 100; i++) p["p" + i] = i;
delete p.p4;
for (let j = 0; j < 30; j++) Object.keys(p);
console.log(Object.keys(p).length, Object.keys(p)[4], Object.keys(p).join("").length);
'''
# node's output of KEYS
KEYS_WANT = "453 153 7,k0,k37 r1,r2 1 2 false\n99 p5 288\n"


def test_keys_and_growth_with_a_collection_at_every_allocation(tmp_path: Path) -> None:
    """hvm.core.keys_array's array of the table's key cells, read again after its own
    allocation, and Heap._dict_regrow's new tables, with a collection at every
    allocation in a poisoned heap (the interpreter)."""
    from a64js.hvm.core import R

    proc = run_heap(_write(tmp_path, KEYS), semispace=1 << 20, stress=True, poison=True)
    assert (proc.stdout, proc.stderr) == (KEYS_WANT, "")
    assert R.heap.stats.collections > 100


def test_keys_and_growth_in_a_small_heap_with_the_jit(tmp_path: Path) -> None:
    """The same compiled at threshold 0 in a poisoned heap 39 KiB past the realm's live
    set: collections under compiled code and the host calls."""
    from a64js.hvm.core import R

    proc, _ = run_jit(_write(tmp_path, KEYS), threshold=0, semispace=small_semispace(39 << 10),
                      poison=True)
    assert (proc.stdout, proc.stderr) == (KEYS_WANT, "")
    assert R.heap.stats.collections >= 2
