"""Data-processing (1 source): bit and byte reversal, leading zero/sign counts
(ARM ARM C4.1, Data-processing (register): "Data-processing (1 source)").

``sf 1 0 11010110 00000 opcode Rn Rd``. Arguments are register numbers and raw
field values; every field is checked, and unallocated opcodes are refused.
"""

from __future__ import annotations

from ..errors import EncodingError
from .fields import urange

#: opcode values (bits 15..10). REV32 (64-bit) and REV (32-bit) share 000010;
#: 000011 (REV of 64 bits) exists only with sf = 1.
OP_RBIT = 0b000000
OP_REV16 = 0b000001
OP_REV32 = 0b000010
OP_REV64 = 0b000011
OP_CLZ = 0b000100
OP_CLS = 0b000101


def dp1src(insn: str, sf: int, opcode: int, rd: int, rn: int) -> int:
    """RBIT/REV16/REV32/REV/CLZ/CLS: ``sf 1 0 11010110 00000 opcode Rn Rd``."""
    if (sf >> 1 | (rd | rn) >> 5 or not 0 <= opcode <= OP_CLS
            or (opcode == OP_REV64 and not sf)):
        for name, value, hi in (("sf", sf, 1), ("destination", rd, 31), ("source", rn, 31)):
            urange(insn, name, value, 0, hi)
        raise EncodingError(f"{insn}: unallocated encoding sf={sf} opcode={opcode:#08b}")
    return sf << 31 | 0x5AC00000 | opcode << 10 | rn << 5 | rd
