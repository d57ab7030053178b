"""Direct calls enter the callee at its *direct entry* (jit/t_calls.py,
``_emit_direct_entry``): the caller pushes the header, slot 0, ``this``, the callee and
every parameter (an argument or undefined), and the callee copies the rest of its frame
template from its frame block in a straight line, by pairs (an odd count copies one word
more: the frame block's word past the template, to the word past the frame), then sets up
its frame record and runs from pc 0. The direct-call table holds that entry; the
trampoline still enters at the prologue.

programs/feat_direct_entry.js covers templates copied by offsets, by post-indexed pairs
and by a loop, even and odd counts, fewer, as many and more arguments than parameters,
and recursion past the direct-call depth limit (node's output, the interpreter's, forced
bailouts)."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pytest

from tests.js import jsprograms
from tests.js.hvmrun import in_vm_thread
from tests.js.jitrun import run_matching, run_stressed

PROGRAM = jsprograms.PROGRAMS / "feat_direct_entry.js"


def _want() -> str:
    return PROGRAM.with_suffix(".expected").read_text(encoding="utf-8")


def test_matches_node_and_interpreter() -> None:
    jit = run_matching(PROGRAM, _want())
    jit.summary()  # reads the direct-call count
    # 30 rounds of 31 calls of the f* functions (each one's first call interpreted),
    # and the recursion
    assert jit.stats.direct_calls >= 29 * 31, jit.stats.direct_calls


@pytest.mark.parametrize("stress", ["all", 3])
def test_stress_bailouts(stress: str | int) -> None:
    run_stressed(PROGRAM, _want(), stress)


def _run_open(threshold: int) -> tuple[Any, str, str]:
    """Run the program with a JIT that is not closed yet (its table and functions still
    there; the caller closes it): the JIT, stdout, the --print-code listing."""
    from a64js.hvm import vm
    from a64js.jit import Jit

    out, listing = io.StringIO(), io.StringIO()
    jit = Jit(threshold, print_code=listing)

    def body() -> None:
        with contextlib.redirect_stdout(out):
            vm.run_program(str(PROGRAM), [], jit=jit)

    try:
        in_vm_thread(body)
    finally:
        from a64js.hvm import interp
        interp.set_jit(None)
    return jit, out.getvalue(), listing.getvalue()


def test_table_holds_the_direct_entries() -> None:
    jit, out, listing = _run_open(0)
    try:
        assert out == _want()
        entries = 0
        for cid, cf in jit._cfs.items():
            entry = int(jit._table[2 * cid])
            if not entry:
                continue                  # not direct-callable (the module's code)
            entries += 1
            # inside the function's code, past its prologue (the trampoline's entry)
            assert cf.entry < entry < cf.entry + cf.size, (cf.code.name, entry, cf.entry)
            assert int(jit._table[2 * cid + 1]) == cf.block
        assert entries >= 10, entries     # the nine f* and depth
        if "stp x29, x30" in listing:     # disassembled (where capstone is installed)
            # the call subroutine copies no template: no computed branch into a copy
            assert "br x16" not in listing
            # the direct entries write the template (the words that never move from
            # registers, string constants loaded from the frame block)
            assert ", [x0, #0x" in listing and "[x5, #0x" in listing
    finally:
        jit.close()
