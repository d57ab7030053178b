"""A cache cell's address into x3 (t_props.cell_to_x3: movz and two movk below 2**48,
MacroAssembler.mov above), run: every halfword zero, all ones or neither, the lowest and
highest addresses of each form, and the first one past 2**48."""

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
