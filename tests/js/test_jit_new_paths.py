"""New in compiled code (jit/t_calls.py ``t_New``): the callee's prototype read in line
from its cache cell's first entry (other entries through the get subroutine, out of
line), the root shape and the heap's room in one test, then check, push and call in one
subroutine. programs/feat_jit_new_paths.js (node's output) runs at threshold 0, at the
default threshold and with bailouts forced in test_jit_programs; here with a collection
at every allocation (a poisoned semispace), and the emulated blocks of a New site are
counted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.js import jsprograms
from tests.js.hvmrun import in_vm_thread
from tests.js.jitrun import write_program

PROGRAM = Path(__file__).parent / "programs" / "feat_jit_new_paths.js"


def _run(path: Path, heap: dict[str, object], hook: object = None) -> tuple[int, str, str]:
    import contextlib
    import io

    from a64js.hvm import interp, vm
    from a64js.jit import Jit

    out, err = io.StringIO(), io.StringIO()
    status = [2]
    jit = Jit(0)

    def body() -> None:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status[0] = vm.run_program(str(path), [], heap=heap, jit=jit)

    try:
        in_vm_thread(body)
    finally:
        interp.set_jit(None)
        jit.close()
    return status[0], out.getvalue(), err.getvalue()


def test_collection_at_every_allocation() -> None:
    from a64js.hvm.core import R

    want = jsprograms.read_expected(PROGRAM)
    status, out, err = _run(PROGRAM, {"semispace": 1 << 20, "stress": True,
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
    from a64jit.runtime import get_backend

    if get_backend().name != "emulator":
        import pytest
        pytest.skip("counts the emulator's blocks")
    blocks = []
    for n in (1000, 2000):
        path = write_program(tmp_path, NEWS.replace("2000", str(n)), f"n{n}.js")
        count = [0]

        def on_block(address: int, size: int, count: list[int] = count) -> None:
            count[0] += 1

        backend: Any = get_backend()
        token = backend.add_block_hook(on_block)
        try:
            status, out, err = _run(path, {})
        finally:
            backend.remove_block_hook(token)
        assert (status, err) == (0, "")
        assert out == f"{n * (n - 1) // 2}\n"
        blocks.append(count[0])
    per_new = (blocks[1] - blocks[0]) / 1000
    assert per_new <= 70, per_new
