"""Branches and PC-relative addressing (ARM ARM C4.1.65 "Branches, Exception Generating
and System instructions", C4.1.86 "PC-rel. addressing").

Arguments are register numbers and raw field values; every field is checked (a
negative value shifts right to -1, so one OR of shifted fields catches it too). The
encoders return the instruction word with a zero PC-relative offset: the offset
field is filled by the matching :mod:`~a64jit.encoding.pcrel` layout, both when the
target is known and when a label fixup is patched later.
"""

from __future__ import annotations

from typing import Final

from .fields import urange


def uncond_imm(insn: str, op: int) -> int:
    """B (op=0) / BL (op=1): ``op 00101 imm26``."""
    return 0x14000000 | urange(insn, "op", op, 0, 1) << 31


def cond_branch(insn: str, cond: int, c: int = 0) -> int:
    """B.cond (c=0) / BC.cond (c=1, FEAT_HBC: a hint that the branch is consistent):
    ``0101010 0 imm19 c cond``."""
    if cond >> 4 | c >> 1:
        urange(insn, "condition", cond, 0, 15)
        urange(insn, "c", c, 0, 1)
    return 0x54000000 | c << 4 | cond


def compare_branch(insn: str, sf: int, op: int, rt: int) -> int:
    """CBZ (op=0) / CBNZ (op=1): ``sf 011010 op imm19 Rt``."""
    if (sf | op) >> 1 | rt >> 5:
        for name, value, hi in (("sf", sf, 1), ("op", op, 1), ("register", rt, 31)):
            urange(insn, name, value, 0, hi)
    return sf << 31 | 0x34000000 | op << 24 | rt


def test_branch(insn: str, op: int, bit: int, rt: int) -> int:
    """TBZ (op=0) / TBNZ (op=1): ``b5 011011 op b40 imm14 Rt``; the bit number is split
    into b5 (which also selects the register width) and b40."""
    if op >> 1 | bit >> 6 | rt >> 5:
        for name, value, hi in (("op", op, 1), ("bit number", bit, 63), ("register", rt, 31)):
            urange(insn, name, value, 0, hi)
    return (bit >> 5) << 31 | 0x36000000 | op << 24 | (bit & 31) << 19 | rt


def branch_reg(insn: str, opc: int, rn: int) -> int:
    """BR (opc=0), BLR (1), RET (2): ``1101011 opc 11111 000000 Rn 00000``."""
    if opc >> 2 | rn >> 5 or opc == 3:
        urange(insn, "opc", opc, 0, 2)
        urange(insn, "register", rn, 0, 31)
    return 0xD61F0000 | opc << 21 | rn << 5


def pcrel_addr(insn: str, op: int, rd: int) -> int:
    """ADR (op=0) / ADRP (op=1): ``op immlo 10000 immhi Rd``."""
    if op >> 1 | rd >> 5:
        urange(insn, "op", op, 0, 1)
        urange(insn, "destination", rd, 0, 31)
    return op << 31 | 0x10000000 | rd


#: B / BL (immediate) with a zero offset.
B: Final = uncond_imm("b", 0)
BL: Final = uncond_imm("bl", 1)
#: ADR / ADRP of x0 with a zero offset.
ADR: Final = pcrel_addr("adr", 0, 0)
ADRP: Final = pcrel_addr("adrp", 1, 0)
#: BR / BLR / RET, the ``opc`` field.
BR, BLR, RET = 0, 1, 2
