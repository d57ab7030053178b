"""The baseline JIT's array spread into literals (jit/t_alloc.py ``t_ArraySpread``):
the source's elements (holes as undefined) appended in line, a full vector replaced by
one of the capacity the interpreter's pushes reach. Compared with node's recorded
output and the heap VM's interpreter, with bailouts forced, in a small poisoned
semispace (the growth bumps), and counters that show no ArraySpread step is left."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.js.hvmrun import small_semispace
from tests.js.jitrun import run_jit, run_matching, run_stressed
from tests.js.jitrun import write_program as _write

SPREAD = r'''// array spread into literals: room, growth, holes, strings, nested, empty
function mk(n, k) { const a = []; for (let i = 0; i < n; i++) a.push(i * k); return a; }
const lines = [];
for (let r = 0; r < 6; r++) {
  const a = mk(r, 2), b = mk(r + 3, 5);
  const c = [...a, ...b];
  const d = [0, ...a, 1, ...b, 2, ...[], ...c];
  const h = [...[1, , 3], ...a];
  const s = [..."ab" + r, ...a];
  const big = [...mk(40, r), ...mk(r, 1)];
  d.push(99);
  lines.push([c.length, c.join(","), d.length, d.join(","), h.length, h[1], 1 in h,
              s.join("."), big.length, big[big.length - 1], big.indexOf(undefined)].join("\n"));
}
console.log(lines.join("\n"));
function permute(rest, prefix, out) {
  if (rest.length === 0) { out.push(prefix.join("")); return; }
  for (let i = 0; i < rest.length; i++) {
    const next = [...rest.slice(0, i), ...rest.slice(i + 1)];
    permute(next, [...prefix, rest[i]], out);
  }
}
const out = [];
permute(["a", "b", "c", "d", "e"], [], out);
console.log(out.length, out[0], out[119], out.join("").length);
'''
# node's output of SPREAD
SPREAD_WANT = '''3
0,5,10
10
0,1,0,5,10,2,0,5,10,99
3

true
a.b.0
40
0
-1
5
0,0,5,10,15
14
0,0,1,0,5,10,15,2,0,0,5,10,15,99
4

true
a.b.1.0
41
0
-1
7
0,2,0,5,10,15,20
18
0,0,2,1,0,5,10,15,20,2,0,2,0,5,10,15,20,99
5

true
a.b.2.0.2
42
1
-1
9
0,2,4,0,5,10,15,20,25
22
0,0,2,4,1,0,5,10,15,20,25,2,0,2,4,0,5,10,15,20,25,99
6

true
a.b.3.0.2.4
43
2
-1
11
0,2,4,6,0,5,10,15,20,25,30
26
0,0,2,4,6,1,0,5,10,15,20,25,30,2,0,2,4,6,0,5,10,15,20,25,30,99
7

true
a.b.4.0.2.4.6
44
3
-1
13
0,2,4,6,8,0,5,10,15,20,25,30,35
30
0,0,2,4,6,8,1,0,5,10,15,20,25,30,35,2,0,2,4,6,8,0,5,10,15,20,25,30,35,99
8

true
a.b.5.0.2.4.6.8
45
4
-1
120 abcde edcba 600
'''


def test_matches_node_and_interpreter(tmp_path: Path) -> None:
    """Only the string sources (one per round) take the generic path."""
    jit = run_matching(_write(tmp_path, SPREAD), SPREAD_WANT)
    jit.summary()
    assert jit.stats.step_ops["ArraySpread"] == 6, jit.stats.step_ops


@pytest.mark.parametrize("stress", ["all", 3])
def test_stress_bailouts(tmp_path: Path, stress: str | int) -> None:
    run_stressed(_write(tmp_path, SPREAD), SPREAD_WANT, stress)


def test_with_collections(tmp_path: Path) -> None:
    """In a poisoned semispace 39 KiB past the realm's live set: a full space takes the
    generic path (which collects), and the vectors bumped in line hold what the
    collector moves."""
    from a64js.hvm.core import R

    proc, _ = run_jit(_write(tmp_path, SPREAD), threshold=0,
                      semispace=small_semispace(39 << 10), poison=True)
    assert (proc.stdout, proc.stderr, proc.returncode) == (SPREAD_WANT, "", 0)
    assert R.heap.stats.collections >= 2
