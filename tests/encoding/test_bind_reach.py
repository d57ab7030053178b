"""bind's inline patch of forward references (AssemblerCore.bind): imm19 and imm26 in
code under 1 MiB, imm14 in reach, field.patch otherwise (and for every reference in
larger code). Each at and past the edge of its reach, against the words LLVM gives
(b.ne/cbz: +1 MiB - 4; tbz: +32 KiB - 4; b: beyond 1 MiB of code)."""

from __future__ import annotations

import pytest

from a64jit import Assembler
from a64jit.errors import EncodingError
from a64jit.operands import x3


def _forward(emit: str, gap: int) -> bytes:
    """A forward branch over ``gap`` bytes of zeros to a label bound after them."""
    a = Assembler()
    lbl = a.label()
    if emit == "b_ne":
        a.b_ne(lbl)
    elif emit == "cbz":
        a.cbz(x3, lbl)
    elif emit == "tbz":
        a.tbz(x3, 5, lbl)
    else:
        a.b(lbl)
    a.data(bytes(gap))
    a.bind(lbl)
    return a.finalize()[:4]


def _word(code: bytes) -> int:
    return int.from_bytes(code, "little")


@pytest.mark.parametrize("emit, base, reach, lsb", [
    ("b_ne", 0x54000001, 1 << 20, 5), ("cbz", 0xB4000003, 1 << 20, 5),
    ("tbz", 0x36280003, 1 << 15, 5)])
def test_short_forward_edges(emit: str, base: int, reach: int, lsb: int) -> None:
    for _ in range(2):  # the full path, then the memo's
        assert _word(_forward(emit, 0)) == base | 1 << lsb
        # the farthest forward target: reach - 4 bytes ahead (a gap of reach - 8)
        far = _forward(emit, reach - 8)
        assert _word(far) == base | ((reach - 4) >> 2) << lsb
        with pytest.raises(EncodingError, match="target offset"):
            _forward(emit, reach - 4)


def test_b_forward_in_code_over_1_mib() -> None:
    for gap in (1 << 20, 3 << 20):  # past b.cond's reach: field.patch for every reference
        a = Assembler()
        lbl = a.label()
        a.b(lbl)
        a.b_ne(lbl)
        a.data(bytes(gap))
        with pytest.raises(EncodingError, match="target offset"):
            a.bind(lbl)  # b.ne is out of reach
        b = Assembler()
        lbl = b.label()
        b.b(lbl)
        b.data(bytes(gap))
        b.bind(lbl)
        assert _word(b.finalize()[:4]) == 0x14000000 | (gap + 4) >> 2
