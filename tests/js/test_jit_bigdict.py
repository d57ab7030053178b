"""The baseline JIT's keyed accesses to big dictionary-mode objects in machine code
(jit/t_elems.py): the object's own hash table (heap.py, "dictionary mode") is probed in
code, a store of a key it lacks adds the pair in line while the table has room, and
``dict_access`` reads, tests and adds the other absent keys with the VM's own
``get_prop``/``has_prop``/``set_prop`` instead of the generic step when no accessor
exists. Compared with node's recorded output and the interpreter, with bailouts forced,
in a small poisoned semispace, and by counters (host calls and steps). (Written for the
session-13 big table, whose hints and scans the tables replaced.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from a64js.jit import t_elems
from tests.js.jitrun import run_jit, run_matching, run_stressed
from tests.js.jitrun import write_program as _write

BIG = r'''// a big dictionary read, updated, extended and shrunk from compiled code
const d = {};
const e = {};
for (let i = 0; i < 300; i++) { d["key" + i] = i; e["key" + (299 - i)] = -i; }
function sum(o, n, r) {
  let t = 0;
  for (let k = 0; k < r; k++) for (let i = 0; i < n; i++) {
    const p = [i, o["key" + i]];  // garbage: collections in a small heap
    t += p[1];
  }
  return t;
}
function bump(o, n) { for (let i = 0; i < n; i++) o["key" + i] += 1; }
function add(o, from, n) {
  let fresh = 0;
  for (let i = from; i < from + n; i++) {
    if (o["key" + i] === undefined) { o["key" + i] = i; fresh++; }
  }
  return fresh;
}
function has(o, n) { let c = 0; for (let i = 0; i < n; i++) if (("key" + i) in o) c++; return c; }
console.log(sum(d, 300, 5), sum(e, 300, 5), sum(d, 300, 1) - sum(e, 300, 1));
bump(d, 300);
console.log(sum(d, 300, 1), add(d, 250, 100), sum(d, 350, 1), has(d, 400), has(e, 400));
for (let i = 0; i < 300; i += 3) delete d["key" + i];   // holes; the next growth compacts
console.log(add(d, 350, 400), sum(d, 750, 1) > 0, d.key3, d.key4, d.key749, d.key750);
const long = "k".repeat(30);
d[long] = 7; e[long + "x"] = 8;
function longs(o, k) { let t = 0; for (let i = 0; i < 20; i++) t += o[k] | 0; return t; }
console.log(longs(d, long), longs(e, long + "x"), longs(d, long + "x"));
console.log(d.toString === Object.prototype.toString, d["toString"] === e["toString"]);
Object.defineProperty(Object.prototype, "key5000", { get() { return 42; }, configurable: true });
console.log(add(d, 4990, 20), d.key5000, sum(d, 3, 1));
const ks = Object.keys(d);
console.log(ks.length, ks[0], ks[ks.length - 1]);
'''
# node's output of BIG
BIG_WANT = '''224250 -224250 89700
45150 50 61375 350 300
400 false undefined 5 749 undefined
140 160 0
true true
19 42 NaN
670 key1 key5009
'''

READS = r'''// a dictionary of 300 keys read ten times over from compiled code
const d = {};
for (let i = 0; i < 300; i++) d["key" + i] = i;
function sum(o, n, r) {
  let t = 0;
  for (let k = 0; k < r; k++) for (let i = 0; i < n; i++) t += o["key" + i];
  return t;
}
console.log(sum(d, 300, 10));
'''
READS_WANT = "448500\n"


def test_matches_node_and_interpreter(tmp_path: Path) -> None:
    """Two dictionaries of one shape whose pairs are in opposite orders (the big table's
    hints are one object's: the other's checks fail and are written again), updates,
    keys added after holes (the growth compacts the pairs: hints off by some), keys too
    long for an entry, ``in``, built-in keys, and a getter on Object.prototype (absent
    keys then take the generic step, which runs it)."""
    jit = run_matching(_write(tmp_path, BIG), BIG_WANT)
    assert jit.stats.left_to_interpreter == 0


@pytest.mark.parametrize("threshold", [0, 10])
def test_reads_are_machine_code(tmp_path: Path, threshold: int) -> None:
    """sum()'s 3,000 reads of the 300 keys take no host call, and the module's stores
    that added them (past the first 64) took none either: the pairs added in line.
    Without tables in code every read was one host call (3,000); without the direct
    adds every add was a step (SetElem steps 300)."""
    before = dict(t_elems.STATS)
    proc, jit = run_jit(_write(tmp_path, READS), threshold=threshold)
    assert (proc.stdout, proc.stderr, proc.returncode) == (READS_WANT, "", 0)
    calls = t_elems.STATS["calls"] - before["calls"]
    assert calls <= 10, calls
    jit.summary()
    assert jit.stats.step_ops["SetElem"] <= 70, jit.stats.step_ops
    assert jit.stats.step_ops["GetElem"] <= 2, jit.stats.step_ops


@pytest.mark.parametrize("stress", ["all", 3])
def test_stress_bailouts(tmp_path: Path, stress: str | int) -> None:
    run_stressed(_write(tmp_path, BIG), BIG_WANT, stress)


def test_with_collections(tmp_path: Path) -> None:
    """In a 256 KiB poisoned semispace the dictionaries' vectors move: hints are pair
    numbers, not addresses, so entries stay right; an add that collects re-reads the
    receiver and key from the frame before writing the entry."""
    from a64js.hvm.core import R

    proc, _ = run_jit(_write(tmp_path, BIG), threshold=0, semispace=256 << 10, poison=True)
    assert (proc.stdout, proc.stderr, proc.returncode) == (BIG_WANT, "", 0)
    assert R.heap.stats.collections >= 2
