"""MacroAssembler.mov_words: the words ``mov(rd, value)`` emits, for runs of precomputed
words that hold a 64-bit constant. Checked against what mov emits into a fresh assembler
that planned the constant itself, and against the plan's instructions through the exact
Assembler, over edge values, every pattern of 0/0xffff/other halfwords, the bitmask
immediates and 32-bit registers."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from a64jit import Assembler, MacroAssembler
from a64jit.errors import EncodingError, OperandError
from a64jit.macro import masm as masm_module
from a64jit.macro.constants import all_bitmasks, plan_mov
from a64jit.operands import W_BY_CODE, X_BY_CODE, sp, wsp, wzr, x0, x7, xzr

from .test_mov_plan_words import _exact


def _values() -> list[int]:
    rng = random.Random(20)
    vals = [0, 1, -1, 0xFFFF, 0x1_0000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
            -0x8000_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFFF, 0x7FF8_0000_0000_0000,
            0x0000_7F12_3456_7890, 0xFFF9_0000_1234_5678,
            0x0700_0FF8_07FF_FFF8, 0x0018_0FFF_FE07_F000,  # (and, eor plans)
            0x3FFF_D010_1010_1010, 0x1234_5678_1234_5678]  # (orr; orr of the halves)
    # every pattern of halfwords 0, 0xffff and something else (2 draws of the else)
    for lanes in itertools.product((0, 0xFFFF, None), repeat=4):
        for _ in range(2):
            v = 0
            for k, h in enumerate(lanes):
                v |= (rng.randrange(1, 0xFFFF) if h is None else h) << (16 * k)
            vals.append(v)
    bitmasks = all_bitmasks(64)
    vals += rng.sample(bitmasks, 300)
    vals += [m ^ (rng.getrandbits(16) << 16 * rng.randrange(4)) for m in rng.sample(bitmasks, 200)]
    vals += [rng.getrandbits(64) for _ in range(200)]
    return vals


def _fresh_mov(rd: Any, value: int) -> list[int]:
    masm_module._MOV_WORDS.clear()  # mov plans it itself
    m = MacroAssembler()
    m.mov(rd, value)
    return list(m._code)


def test_mov_words_are_the_words_mov_emits() -> None:
    ops: set[str] = set()
    for v in _values():
        for size, regs in ((64, X_BY_CODE), (32, W_BY_CODE)):
            value = v & ((1 << size) - 1)
            if v < 0 and -(1 << (size - 1)) <= v:
                value = v  # (signed, as given)
            steps = plan_mov(value, size)
            ops.update(s.op for s in steps)
            for code in (0, 9, 30):
                rd = regs[code]
                emitted = _fresh_mov(rd, value)
                masm_module._MOV_WORDS.clear()
                got = MacroAssembler.mov_words(rd, value)  # planned by mov_words first
                assert type(got) is tuple and all(type(w) is int for w in got)
                assert list(got) == emitted == _exact(rd, steps), (hex(value), rd)
                m = MacroAssembler()
                m.mov(rd, value)  # after mov_words: its words again
                assert list(m._code) == emitted
                assert m.mov_words(rd, value) == got  # (an instance's call: the same)
    assert ops == {"movz", "movn", "movk", "mov_bitmask", "orr", "and", "eor", "orr_lsl32"}


def test_mov_words_of_the_zero_register_and_subclasses() -> None:
    for rd, value in ((xzr, 0x1234_0000), (wzr, 0xFFFF_0000), (xzr, -2)):
        assert list(MacroAssembler.mov_words(rd, value)) == _fresh_mov(rd, value)

    class Nops(MacroAssembler):  # a subclass that emits plans its own way
        def _mx_emit_plan(self, rd: Any, steps: Any) -> None:
            for _ in steps:
                self.nop()

    nop = Assembler()
    nop.nop()
    assert Nops.mov_words(x7, 0x1234_5678_9ABC_DEF0) == (nop._code[0],) * 4
    assert MacroAssembler.mov_words(x7, 0x1234_5678_9ABC_DEF0) != (nop._code[0],) * 4


def test_mov_words_refuses_what_mov_refuses() -> None:
    with pytest.raises(EncodingError, match=r"mov_words: immediate 4294967296 cannot be"):
        MacroAssembler.mov_words(W_BY_CODE[3], 1 << 32)
    with pytest.raises(EncodingError, match=r"mov_words: immediate"):
        MacroAssembler.mov_words(x0, 1 << 64)
    with pytest.raises(EncodingError, match=r"mov_words: immediate"):
        MacroAssembler.mov_words(x0, -(1 << 63) - 1)
    MacroAssembler.mov_words(x0, 1)
    with pytest.raises(OperandError, match="mov_words: value True"):
        MacroAssembler.mov_words(x0, True)  # equal to 1, never its words
    with pytest.raises(OperandError, match=r"mov_words: value 1\.0"):
        MacroAssembler.mov_words(x0, 1.0)  # type: ignore[arg-type]
    for rd in (sp, wsp):
        with pytest.raises(OperandError, match="use mov"):
            MacroAssembler.mov_words(rd, 5)
    with pytest.raises(OperandError, match="mov_words: register"):
        MacroAssembler.mov_words("x0", 5)  # type: ignore[arg-type]
    with pytest.raises(OperandError, match="mov_words: value"):
        MacroAssembler.mov_words(x0, [1])  # type: ignore[arg-type]
