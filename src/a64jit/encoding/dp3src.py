"""Data-processing (3 source): multiply-add/subtract and the long/high multiplies
(ARM ARM C4.1, Data-processing (register): "Data-processing (3 source)").

``sf 00 11011 op31 Rm o0 Ra Rn Rd``. ``op31`` picks the variant and ``o0`` add (0)
or subtract (1). Arguments are register numbers and raw field values; every field
is checked, and unallocated combinations are refused.
"""

from __future__ import annotations

from ..errors import EncodingError
from .fields import urange

#: op31 values (bits 23..21).
OP31_MADD = 0b000  # madd/msub, 32- or 64-bit
OP31_SMADDL = 0b001  # smaddl/smsubl
OP31_SMULH = 0b010  # smulh (o0 = 0, Ra = 11111)
OP31_UMADDL = 0b101  # umaddl/umsubl
OP31_UMULH = 0b110  # umulh (o0 = 0, Ra = 11111)


def _bit(sf: int, op31: int, o0: int) -> int:
    return 1 << (sf << 4 | op31 << 1 | o0)


# Allocated (sf, op31, o0) combinations, as one bit set indexed by the packed fields:
# only madd/msub exist in 32-bit; the long and high forms are 64-bit only.
_ALLOCATED = (
    _bit(0, OP31_MADD, 0) | _bit(0, OP31_MADD, 1) | _bit(1, OP31_MADD, 0)
    | _bit(1, OP31_MADD, 1) | _bit(1, OP31_SMADDL, 0) | _bit(1, OP31_SMADDL, 1)
    | _bit(1, OP31_UMADDL, 0) | _bit(1, OP31_UMADDL, 1) | _bit(1, OP31_SMULH, 0)
    | _bit(1, OP31_UMULH, 0)
)


def dp3src(insn: str, sf: int, op31: int, o0: int, rd: int, rn: int, rm: int,
           ra: int) -> int:
    """MADD/MSUB/SMADDL/SMSUBL/UMADDL/UMSUBL/SMULH/UMULH:
    ``sf 00 11011 op31 Rm o0 Ra Rn Rd``."""
    # One combined test on the hot path; negative values make it non-zero too.
    if ((sf | o0) >> 1 | op31 >> 3 | (rd | rn | rm | ra) >> 5
            or not _ALLOCATED >> (sf << 4 | op31 << 1 | o0) & 1
            or (op31 & 3 == 2 and ra != 31)):
        for name, value, hi in (("sf", sf, 1), ("op31", op31, 7), ("o0", o0, 1),
                                ("destination", rd, 31), ("first source", rn, 31),
                                ("second source", rm, 31), ("addend", ra, 31)):
            urange(insn, name, value, 0, hi)
        if op31 & 3 == 2 and ra != 31:
            raise EncodingError(f"{insn}: the Ra field of smulh/umulh must be 31, got {ra}")
        raise EncodingError(f"{insn}: unallocated encoding sf={sf} op31={op31:03b} o0={o0}")
    return (sf << 31 | 0x1B000000 | op31 << 21 | rm << 16 | o0 << 15 | ra << 10
            | rn << 5 | rd)
