"""Conditional select and conditional compare (ARM ARM C4.1, Data-processing
(register): "Conditional select", "Conditional compare (register)" and
"Conditional compare (immediate)").

Arguments are register numbers and raw field values; every field is checked.
``cond`` is the 4-bit condition code, ``nzcv`` the 4-bit flags value that a
conditional compare sets when its condition fails.
"""

from __future__ import annotations

from .fields import urange


def condsel(insn: str, sf: int, op: int, o2: int, rd: int, rn: int, rm: int,
            cond: int) -> int:
    """CSEL (op=0 o2=0), CSINC (0, 1), CSINV (1, 0), CSNEG (1, 1):
    ``sf op 0 11010100 Rm cond 0 o2 Rn Rd``."""
    if (sf | op | o2) >> 1 | (rd | rn | rm) >> 5 | cond >> 4:
        for name, value, hi in (("sf", sf, 1), ("op", op, 1), ("o2", o2, 1),
                                ("destination", rd, 31), ("first source", rn, 31),
                                ("second source", rm, 31), ("condition", cond, 15)):
            urange(insn, name, value, 0, hi)
    return (sf << 31 | op << 30 | 0x1A800000 | rm << 16 | cond << 12 | o2 << 10
            | rn << 5 | rd)


def condcmp(insn: str, sf: int, op: int, is_imm: int, rn: int, rm_imm5: int, cond: int,
            nzcv: int) -> int:
    """CCMN (op=0) / CCMP (op=1), register (is_imm=0) or 5-bit immediate (is_imm=1):
    ``sf op 1 11010010 Rm|imm5 cond is_imm 0 Rn 0 nzcv``."""
    if (sf | op | is_imm) >> 1 | (rn | rm_imm5) >> 5 | (cond | nzcv) >> 4:
        for name, value, hi in (("sf", sf, 1), ("op", op, 1), ("is_imm", is_imm, 1),
                                ("first operand", rn, 31),
                                ("immediate" if is_imm else "second operand", rm_imm5, 31),
                                ("condition", cond, 15), ("nzcv", nzcv, 15)):
            urange(insn, name, value, 0, hi)
    return (sf << 31 | op << 30 | 0x3A400000 | rm_imm5 << 16 | cond << 12 | is_imm << 11
            | rn << 5 | nzcv)
