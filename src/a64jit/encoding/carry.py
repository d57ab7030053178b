"""Add/subtract with carry (ARM ARM C4.1, Data-processing (register): "Add/subtract
(with carry)").

``sf op S 11010000 Rm 000000 Rn Rd``: ``op`` selects adc (0) / sbc (1), ``S`` sets
flags. Arguments are register numbers and raw field values; every field is checked.
"""

from __future__ import annotations

from .fields import urange


def addsub_carry(insn: str, sf: int, op: int, s: int, rd: int, rn: int, rm: int) -> int:
    """ADC/ADCS/SBC/SBCS: ``sf op S 11010000 Rm 000000 Rn Rd``."""
    # One combined test on the hot path; negative values make it non-zero too.
    if (sf | op | s) >> 1 | (rd | rn | rm) >> 5:
        for name, value, hi in (("sf", sf, 1), ("op", op, 1), ("S", s, 1),
                                ("destination", rd, 31), ("first source", rn, 31),
                                ("second source", rm, 31)):
            urange(insn, name, value, 0, hi)
    return sf << 31 | op << 30 | s << 29 | 0x1A000000 | rm << 16 | rn << 5 | rd
