"""Move wide (immediate), ARM ARM C4.1.86: movn, movz, movk, and the choice of the
single instruction ``mov rd, #imm`` assembles to.

``opc`` is 0 movn, 2 movz, 3 movk; ``hw`` is the left shift divided by 16.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from ..errors import bad_value
from .bitmask import encode_imm13
from .fields import choice, uimm
from .logical import ORR, logical_imm

MOVN: Final = 0
MOVZ: Final = 2
MOVK: Final = 3

__all__ = ["MOVK", "MOVN", "MOVZ", "move_wide", "single_mov_encoding"]


def move_wide(insn: str, sf: int, opc: int, rd: int, imm16: int, hw: int) -> int:
    """``sf opc 100101 hw imm16 Rd``; ``hw`` is 0..1 for 32-bit, 0..3 for 64-bit."""
    if sf >> 1 or opc not in (MOVN, MOVZ, MOVK) or imm16 >> 16 or hw >> (1 + sf) or rd >> 5:
        uimm(insn, "sf", sf, 1)
        choice(insn, "opc", opc, (MOVN, MOVZ, MOVK))
        uimm(insn, "immediate", imm16, 16)
        if not 0 <= hw <= 1 + 2 * sf:
            raise bad_value(insn, "shift", hw * 16, "lsl #0, #16, #32 or #48" if sf
                            else "lsl #0 or #16")
        uimm(insn, "Rd", rd, 5)
    return sf << 31 | opc << 29 | 0x12800000 | hw << 21 | imm16 << 5 | rd


def _halfword(value: int, width: int) -> tuple[int, int] | None:
    """``(imm16, hw)`` if ``value`` has at most one non-zero halfword."""
    for hw in range(width >> 4):
        if not value & ~(0xFFFF << (hw << 4)):
            return value >> (hw << 4), hw
    return None


@lru_cache(maxsize=4096)
def single_mov_encoding(value: int, sf: int) -> int | None:
    """The one instruction ``mov xd/wd, #value`` assembles to, with ``Rd = 0``
    (OR in the destination register number), or None if no single instruction can
    load it.

    ``value`` is the register's final contents as an unsigned pattern of 32
    (``sf`` 0) or 64 (``sf`` 1) bits; callers mask negative numbers first.
    LLVM's preference order: movz, then movn, then ``orr rd, zr, #bitmask``.
    The orr form's Rd of 31 would mean sp; movz/movn can never write sp.
    """
    width = 32 << sf
    full = (1 << width) - 1
    if not 0 <= value <= full:
        return None
    hit = _halfword(value, width)
    if hit is not None:
        return move_wide("mov", sf, MOVZ, 0, hit[0], hit[1])
    hit = _halfword(~value & full, width)
    if hit is not None:
        return move_wide("mov", sf, MOVN, 0, hit[0], hit[1])
    imm13 = encode_imm13(value, width)
    if imm13 is not None:
        return logical_imm("mov", sf, ORR, 0, 31, imm13)
    return None
