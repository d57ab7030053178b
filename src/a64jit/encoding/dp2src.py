"""Data-processing (2 source), ARM ARM C4.1.87: ``sf 0 S 11010110 Rm opcode Rn Rd``.

Only the opcodes a64jit exposes are named: udiv, sdiv and the variable shifts
(lslv, lsrv, asrv, rorv); crc32* and pac* are not reachable.
"""

from __future__ import annotations

from typing import Final

from .fields import choice, uimm
from .logical import check_regs

UDIV: Final = 0b000010
SDIV: Final = 0b000011
LSLV: Final = 0b001000
LSRV: Final = 0b001001
ASRV: Final = 0b001010
RORV: Final = 0b001011
_OPCODES: Final = (UDIV, SDIV, LSLV, LSRV, ASRV, RORV)


def dp2src(insn: str, sf: int, opcode: int, rd: int, rn: int, rm: int) -> int:
    """``sf 0 0 11010110 Rm opcode Rn Rd``."""
    if sf >> 1 or opcode not in _OPCODES or (rd | rn | rm) >> 5:
        uimm(insn, "sf", sf, 1)
        choice(insn, "opcode", opcode, _OPCODES)
        check_regs(insn, rd, rn, rm)
    return sf << 31 | 0x1AC00000 | rm << 16 | opcode << 10 | rn << 5 | rd
