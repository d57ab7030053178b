"""New and Call in compiled code (jit/t_calls.py): New's callee prototype read in line
from its cache cell's first entry (other entries through the get subroutine, out of
line), the root shape and the heap's room in one test, then check, push and call in one
subroutine; a site of at most four arguments calls through a subroutine for its count
(a callee with fewer parameters through the general one). programs/feat_jit_new_paths.js
and feat_jit_call_counts.js (node's output) run at threshold 0, at the default threshold
and with bailouts forced in test_jit_programs; here with a collection at every
allocation (a poisoned semispace), and the emulated blocks of a New and a Call are
counted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.js import jsprograms
from tests.js.jitrun import blocks_per_iteration, run_jit

PROGRAM = Path(__file__).parent / "programs" / "feat_jit_new_paths.js"


def _run(path: Path, heap: dict[str, Any]) -> tuple[int, str, str]:
    """The JIT at threshold 0 runs ``path`` on a heap made with ``heap``'s options."""
    proc, _ = run_jit(path, 0, **heap)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("name", ["feat_jit_new_paths", "feat_jit_call_counts"])
def test_collection_at_every_allocation(name: str) -> None:
    from a64js.hvm.core import R

    program = PROGRAM.with_name(name + ".js")
    want = jsprograms.read_expected(program)
    status, out, err = _run(program, {"semispace": 1 << 20, "stress": True,
                                      "poison": True})
    assert (status, out, err) == (want.exit, want.stdout, "")
    assert R.heap.stats.collections > 100


NEWS = r'''class P { constructor(a, b) { this.a = a; this.b = b; } }
function make(i) { return new P(i, i); }
let s = 0;
for (let i = 0; i < 2000; i++) s += make(i).a;
console.log(s);
'''


def test_blocks_per_new(tmp_path: Path) -> None:
    """The emulated blocks of 1,000 more iterations of a loop around a monomorphic New
    (the call of make, the New, the constructor's two stores, the read and the add): 82
    an iteration before the in-line prototype, the one-test allocation and the one call
    subroutine (each branch ends a block), 63 with them."""

    per_new = blocks_per_iteration(tmp_path, NEWS, lambda n: f"{n * (n - 1) // 2}\n")
    assert per_new <= 70, per_new


CALLS = r'''function f(n, k) { return n === 0 ? k : f(n - 1, k + 1); }
let s = 0;
for (let i = 0; i < 2000; i++) s += f(3, 0);
console.log(s);
'''


def test_blocks_per_call(tmp_path: Path) -> None:
    """The emulated blocks of 1,000 more iterations of a loop of four two-argument
    calls (f recursing): 117 before the counted call subroutine (its kind and
    parameter-count tests in the ccmp chain, the arguments copied in a straight line),
    94 with it, 86 with the subroutines out of line; 78 with the epilogue in each
    Return and the direct entry falling into pc 0 (no branch to the shared epilogue or
    to pc 0)."""
    per = blocks_per_iteration(tmp_path, CALLS, lambda n: f"{3 * n}\n")
    assert per <= 81, per


VECTOR = r'''class B { constructor() { this.a = 1; this.b = 2; this.c = 3; this.d = 4;
  this.e = 5; this.f = 6; this.g = 7; } }
const o = new B();
function step(o) { o.g = o.g + o.f; return o.e; }
let s = 0;
for (let i = 0; i < 2000; i++) s += step(o);
console.log(s, o.g);
'''


def test_blocks_per_vector_access(tmp_path: Path) -> None:
    """Properties past the inline slots (in the slot vector) read and written through
    the cache cell's first entry in line (node prints the same): 37 emulated blocks per
    iteration of a call reading three and writing one while they took the get/set
    subroutines, 23 with the vector's slot chosen by csel."""
    per = blocks_per_iteration(tmp_path, VECTOR, lambda n: f"{5 * n} {7 + 6 * n}\n")
    assert per <= 28, per
