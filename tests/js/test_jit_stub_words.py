"""A generic step's and a guard's stub is ``blr x24`` and the word ``pc << 8 | reason``
after it (compiler._stub): the words a compiled function holds, and a pc a word cannot
hold refused with a clear error."""

from __future__ import annotations

import pytest

from a64jit import Assembler, MacroAssembler, x24
from a64js.bytecode import OP, Code
from a64js.jit import compiler as jc
from a64js.jit.reasons import R_NOT_INT


def _blr_x24() -> int:
    a = Assembler()
    a.blr(x24)
    return int.from_bytes(a.finalize(), "little")


def test_stub_words_in_a_function() -> None:
    """An instruction without a template (Throw of a constant here: generic), and an
    Inc's guard stub: blr x24, then pc << 8 | reason."""
    c = Code("f", "t.js")
    c.insns = [(OP["Inc"], 1, 1), (OP["Throw"], 1), (OP["Return"], 0)]
    c.nregs = 3
    c.kbase = 3
    c.consts = []
    fc = jc.FunctionCompiler(c, 3, None, arena=jc.DataArena())
    data = fc.compile().masm.finalize()
    words = [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)]
    blr = _blr_x24()
    after = [words[i + 1] for i, w in enumerate(words[:-1]) if w == blr]
    assert 1 << 8 | jc.R_STEP in after                 # Throw at pc 1: a step
    assert 0 << 8 | R_NOT_INT in after                  # Inc at pc 0: not an int32
    assert all(w >> 8 in (0, 1) for w in after)         # pc 2 (Return) has no stub


def test_a_pc_past_a_word_is_refused() -> None:
    m = MacroAssembler()
    jc._generic(m, (1 << 24) - 1)
    assert int.from_bytes(m.finalize()[4:8], "little") == ((1 << 24) - 1) << 8 | jc.R_STEP
    with pytest.raises(ValueError, match="pc 16777216 out of range"):
        jc._guard_stub(MacroAssembler(), 1 << 24, R_NOT_INT)
    with pytest.raises(ValueError, match="pc -1 out of range"):
        jc._generic(MacroAssembler(), -1)
