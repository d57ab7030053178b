"""Logical encodings (ARM ARM C4.1.86 "Logical (immediate)", C4.1.87 "Logical
(shifted register)").

``opc`` selects the operation: 0 and, 1 orr, 2 eor, 3 ands. In the shifted
register class ``n`` inverts the second operand (bic, orn, eon, bics).
Every field is checked with one fused test; only a failure says which.
"""

from __future__ import annotations

from typing import Final

from .fields import uimm

AND: Final = 0
ORR: Final = 1
EOR: Final = 2
ANDS: Final = 3


def logical_imm(insn: str, sf: int, opc: int, rd: int, rn: int, imm13: int) -> int:
    """``sf opc 100100 N immr imms Rn Rd``; ``imm13`` is ``N:immr:imms`` from
    :func:`~a64jit.encoding.bitmask.encode_imm13`. N=1 is reserved for 32-bit."""
    if sf >> 1 or opc >> 2 or imm13 >> (12 + sf) or (rd | rn) >> 5:
        uimm(insn, "sf", sf, 1)
        uimm(insn, "opc", opc, 2)
        uimm(insn, "N:immr:imms", imm13, 12 + sf)
        check_regs(insn, rd, rn)
    return sf << 31 | opc << 29 | 0x12000000 | imm13 << 10 | rn << 5 | rd


def logical_shifted(insn: str, sf: int, opc: int, n: int, rd: int, rn: int, rm: int,
                    shift: int, amount: int) -> int:
    """``sf opc 01010 shift N Rm imm6 Rn Rd``; every shift type including ror,
    amount 0..31 (32-bit) or 0..63 (64-bit)."""
    if (sf >> 1 or (opc | shift) >> 2 or n >> 1 or amount >> (5 + sf)
            or (rd | rn | rm) >> 5):
        uimm(insn, "sf", sf, 1)
        uimm(insn, "opc", opc, 2)
        uimm(insn, "N", n, 1)
        uimm(insn, "shift type", shift, 2)
        uimm(insn, "shift amount", amount, 5 + sf)
        check_regs(insn, rd, rn, rm)
    return (sf << 31 | opc << 29 | 0x0A000000 | shift << 22 | n << 21 | rm << 16
            | amount << 10 | rn << 5 | rd)


def check_regs(insn: str, *codes: int) -> None:
    """Slow path of the fused checks: name the register field that is out of range."""
    for name, code in zip(("Rd", "Rn", "Rm"), codes, strict=False):
        uimm(insn, name, code, 5)
