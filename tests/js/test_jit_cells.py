"""A cache cell's address into x3 (t_props.cell_to_x3: movz and two movk below 2**48,
MacroAssembler.mov above), run: every halfword zero, all ones or neither, the lowest and
highest addresses of each form, and the first one past 2**48; and a pc's ``mov``
(compiler._mov16) against MacroAssembler.mov's words."""

from __future__ import annotations

import ctypes

import pytest

from a64jit import JitBuffer, MacroAssembler, x0, x3
from a64js.jit.t_props import cell_to_x3

VALUES = [0, 8, 0xFFFF, 0x1_0000, 0x7F97_06DC_6260, 0x1234_0000_0000, 0xFFFF_0000,
          0xFFFF_FFFF_FFFF, 0x8000_0000_0010, 0xFFFF_0000_FFFF, 1 << 48,
          0xFFFF_FFFF_FFFF_FFF0]


@pytest.mark.parametrize("value", VALUES, ids=[hex(v) for v in VALUES])
def test_cell_address_reaches_x3(value: int) -> None:
    m = MacroAssembler()
    m.mov(x3, 0x5555_5555_5555_5555)  # what movz must overwrite
    start = m.offset
    cell_to_x3(m, value)
    if value < 1 << 48:
        assert m.offset - start == 12  # always three words
    m.mov(x0, x3)
    m.ret()
    with JitBuffer() as buf:
        f = buf.install(m, restype=ctypes.c_uint64)
        assert f() == value


def test_pc_moves_are_mov_s_words() -> None:
    """compiler._mov16 (the generic steps' and guard stubs' ``mov`` of a pc without the
    plan) gives MacroAssembler.mov's words: w and x registers, 0, every power of two,
    0xffff, values past 16 bits and a seeded sample."""
    import random

    from a64jit import w1, x1
    from a64js.jit.compiler import _mov16

    rng = random.Random(14)
    values = [0, 0xFFFF, 0x1_0000, 0xFE_FFFF, 0x12_3456, 0xFFFF_FF01]
    values += [1 << k for k in range(32)] + [rng.randrange(1 << 16) for _ in range(300)]
    for reg in (w1, x1):
        for v in values:
            got, want = MacroAssembler(), MacroAssembler()
            _mov16(got, reg, v)
            want.mov(reg, v)
            assert got.finalize() == want.finalize(), (reg, hex(v))
