"""The baseline JIT's keyed accesses to big dictionary-mode objects (jit/t_elems.py
``dict_access``): a keyed-cache miss on a receiver of the dictionary shape the site's
table names is the whole instruction in one host call (an existing key read, tested or
updated through the heap's index: no step; another key the generic step), and such
misses no longer leave a function to the interpreter. Compared with node's recorded
output and the heap VM's interpreter, with bailouts forced, in a small poisoned
semispace, and counters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.js.hvmrun import small_semispace
from tests.js.jitrun import run_jit, run_matching, run_stressed
from tests.js.jitrun import write_program as _write

DICT = r'''// a big dictionary-mode object read, tested and updated by key from compiled code
const counts = {};
const words = [];
let seed = 3;
for (let i = 0; i < 400; i++) {
  seed = (seed * 48271) % 2147483647;
  words.push("w" + (seed % 150));
}
for (const w of words) {
  if (counts[w] === undefined) counts[w] = 0;
  counts[w]++;
}
function total(keys) {
  let t = 0;
  for (let r = 0; r < 20; r++) {
    for (const k of keys) {
      const pair = [k + "", counts[k]];  // garbage: collections in a small heap
      t += pair[1] + (k in counts ? 1 : 0);
    }
  }
  return t;
}
function bump(keys, d) { for (const k of keys) counts[k] += d; }
const keys = Object.keys(counts);
console.log(keys.length, total(keys));
bump(keys, 2);
delete counts[keys[0]];
console.log(total(keys.slice(1)), counts[keys[0]], keys[0] in counts, "zz" in counts);
counts.extra = 5;
console.log(total(["extra", keys[1]]), counts.toString === Object.prototype.toString);
const top = keys.slice(1).sort((a, b) => counts[b] - counts[a] || (a < b ? -1 : a > b ? 1 : 0));
console.log(top.slice(0, 8).join(" "), top[top.length - 1]);
'''
# node's output of DICT
DICT_WANT = '''142 10840
16340 undefined false false
240 true
w46 w6 w94 w0 w105 w110 w136 w137 w9
'''


def test_matches_node_and_interpreter(tmp_path: Path) -> None:
    """total()'s 20 x 142 reads and tests and bump()'s updates of the 142-key
    dictionary, and the sort comparator's reads, take one step each (their first
    miss, which names the dictionary's shape); the module's steps are the keys it
    adds and the reads before the object became a dictionary."""
    jit = run_matching(_write(tmp_path, DICT), DICT_WANT)
    jit.summary()
    st = jit.stats
    assert st.left_to_interpreter == 0
    assert st.step_ops["GetElem"] + st.step_ops["SetElem"] + st.step_ops["In"] <= 480, \
        st.step_ops


@pytest.mark.parametrize("stress", ["all", 3])
def test_stress_bailouts(tmp_path: Path, stress: str | int) -> None:
    run_stressed(_write(tmp_path, DICT), DICT_WANT, stress)


def test_with_collections(tmp_path: Path) -> None:
    """In a poisoned semispace 39 KiB past the realm's live set the dictionary's vector
    moves: the heap's index is rebuilt and the address the host call returns is used
    before any allocation."""
    from a64js.hvm.core import R

    proc, _ = run_jit(_write(tmp_path, DICT), threshold=0, semispace=small_semispace(39 << 10),
                      poison=True)
    assert (proc.stdout, proc.stderr, proc.returncode) == (DICT_WANT, "", 0)
    assert R.heap.stats.collections >= 2
