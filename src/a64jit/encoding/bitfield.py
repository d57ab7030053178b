"""Bitfield and extract encodings (ARM ARM C4.1.86 "Bitfield", "Extract").

Bitfield: ``opc`` 0 sbfm, 1 bfm, 2 ubfm; ``N`` must equal ``sf`` and the
immediates are 0..31 for 32-bit and 0..63 for 64-bit.
"""

from __future__ import annotations

from typing import Final

from .fields import uimm, urange
from .logical import check_regs

SBFM: Final = 0
BFM: Final = 1
UBFM: Final = 2


def bitfield(insn: str, sf: int, opc: int, rd: int, rn: int, immr: int, imms: int) -> int:
    """``sf opc 100110 N immr imms Rn Rd`` with ``N = sf``; opc 3 is unallocated."""
    if sf >> 1 or not 0 <= opc <= 2 or (immr | imms) >> (5 + sf) or (rd | rn) >> 5:
        uimm(insn, "sf", sf, 1)
        urange(insn, "opc", opc, 0, 2)
        uimm(insn, "immr", immr, 5 + sf)
        uimm(insn, "imms", imms, 5 + sf)
        check_regs(insn, rd, rn)
    return (sf << 31 | opc << 29 | 0x13000000 | sf << 22 | immr << 16 | imms << 10
            | rn << 5 | rd)


def extract(insn: str, sf: int, rd: int, rn: int, rm: int, lsb: int) -> int:
    """EXTR: ``sf 00 100111 N 0 Rm imms Rn Rd`` with ``N = sf``; lsb 0..width-1."""
    if sf >> 1 or lsb >> (5 + sf) or (rd | rn | rm) >> 5:
        uimm(insn, "sf", sf, 1)
        uimm(insn, "lsb", lsb, 5 + sf)
        check_regs(insn, rd, rn, rm)
    return sf << 31 | 0x13800000 | sf << 22 | rm << 16 | lsb << 10 | rn << 5 | rd
