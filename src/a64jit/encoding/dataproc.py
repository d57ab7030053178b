"""Integer data-processing encodings (ARM ARM C4.1.86 immediate, C4.1.87 register).

Arguments are register numbers and raw field values; every field is checked.
``sf`` is 1 for 64-bit operation, ``op`` selects add (0) / sub (1), ``s`` sets flags.
"""

from __future__ import annotations

from .fields import uimm, urange


def addsub_imm(insn: str, sf: int, op: int, s: int, rd: int, rn: int, imm12: int,
               sh: int) -> int:
    """ADD/ADDS/SUB/SUBS (immediate): ``sf op S 100010 sh imm12 Rn Rd``."""
    if imm12 >> 12 or imm12 < 0:
        uimm(insn, "immediate", imm12, 12)
    return (sf << 31 | op << 30 | s << 29 | 0x11000000 | sh << 22 | imm12 << 10
            | rn << 5 | rd)


def addsub_shifted(insn: str, sf: int, op: int, s: int, rd: int, rn: int, rm: int,
                   shift: int, amount: int) -> int:
    """ADD/SUB (shifted register): ``sf op S 01011 shift 0 Rm imm6 Rn Rd``; shift != ror."""
    if amount >> (5 + sf) or amount < 0:
        uimm(insn, "shift amount", amount, 5 + sf)
    return (sf << 31 | op << 30 | s << 29 | 0x0B000000 | shift << 22 | rm << 16
            | amount << 10 | rn << 5 | rd)


def addsub_extended(insn: str, sf: int, op: int, s: int, rd: int, rn: int, rm: int,
                    option: int, amount: int) -> int:
    """ADD/SUB (extended register): ``sf op S 01011 00 1 Rm option imm3 Rn Rd``; imm3 <= 4."""
    amount = urange(insn, "extend amount", amount, 0, 4)
    return (sf << 31 | op << 30 | s << 29 | 0x0B200000 | rm << 16 | option << 13
            | amount << 10 | rn << 5 | rd)
