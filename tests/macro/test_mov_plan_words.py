"""MacroAssembler.mov builds a constant's words from the encoders (no memo entries for
one-off immediates): the same words as the plan's instructions through the exact
Assembler, for every kind of plan and destination register."""

from __future__ import annotations

import random

from a64jit import Assembler, MacroAssembler
from a64jit.macro import masm as masm_module
from a64jit.macro.constants import MovStep, plan_mov
from a64jit.operands import W_BY_CODE, X_BY_CODE, lsl


def _exact(rd: object, steps: tuple[MovStep, ...]) -> list[int]:
    """The plan through the Assembler's exact methods, one per step."""
    a = Assembler()
    for s in steps:
        r = rd.x if s.width == 64 else rd.w  # type: ignore[attr-defined]
        if s.op in ("movz", "movn", "movk"):
            getattr(a, s.op)(r, s.imm, lsl(s.shift))
        elif s.op == "mov_bitmask":
            a.orr(r, X_BY_CODE[31] if s.width == 64 else W_BY_CODE[31], s.imm)
        elif s.op == "orr_lsl32":
            a.orr(r, r, r, lsl(32))
        else:
            getattr(a, {"orr": "orr", "and": "and_", "eor": "eor"}[s.op])(r, r, s.imm)
    return list(a._code)


def _values() -> list[int]:
    rng = random.Random(14)
    vals = [0, 1, 0xFFFF, 0x10000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
            0x1234_5678_9ABC_DEF0, 0x5555_5555_5555_5555, 0xFFFF_0000_FFFF_0000,
            0x0000_FFFF_FFFF_0000, 0x1234_0000_1234_0000, 0xFF00_FF00_1234_0000,
            0x7FF8_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFFE, 0x0F0F_0F0F_0F0F_0F0F,
            0x0700_0FF8_07FF_FFF8, 0x0018_0FFF_FE07_F000,  # (and, eor plans)
            0x3FFF_D010_1010_1010]  # (orr of two logical immediates)
    for _ in range(600):
        kind = rng.randrange(6)
        if kind == 0:
            v = rng.getrandbits(64)
        elif kind == 1:
            v = rng.getrandbits(16) << (16 * rng.randrange(4))
        elif kind == 2:
            v = ((1 << rng.randrange(1, 64)) - 1) << rng.randrange(64)
        elif kind == 3:
            v = rng.getrandbits(32) * 0x1_0000_0001
        elif kind == 4:
            v = ~(rng.getrandbits(16) << 16 * rng.randrange(4))
        else:
            v = 0x7F00_0000_0000 + rng.getrandbits(40)
        vals.append(v & (2**64 - 1))
    return vals


def test_plan_words_are_the_exact_instructions() -> None:
    ops: set[str] = set()
    for v in _values():
        for size, regs in ((64, X_BY_CODE), (32, W_BY_CODE)):
            value = v & ((1 << size) - 1)
            steps = plan_mov(value, size)
            ops.update(s.op for s in steps)
            for code in (0, 7, 30):
                rd = regs[code]
                m = MacroAssembler()
                m.mov(rd, value)
                assert list(m._code) == _exact(rd, steps), (hex(value), rd, steps)
                masm_module._MOV_WORDS.clear()  # the next one plans again
    # every kind of step was covered
    assert ops == {"movz", "movn", "movk", "mov_bitmask", "orr", "and", "eor", "orr_lsl32"}


def test_zero_register_keeps_the_exact_path() -> None:
    """mov into xzr/wzr (31 is sp for orr) goes through the exact methods, as before."""
    for rd in (X_BY_CODE[31], W_BY_CODE[31]):
        m = MacroAssembler()
        m.mov(rd, 0x1234_0000)
        assert list(m._code) == _exact(rd, plan_mov(0x1234_0000, rd.size))
