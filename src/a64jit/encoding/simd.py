"""Advanced SIMD encoders (ARM ARM C4.1.96 "Data Processing -- Scalar Floating-Point and
Advanced SIMD" and C4.1.66 "Advanced SIMD load/store multiple structures").

Arguments are raw fields: register numbers, Q (1 for 128-bit), U, size, opcode. The
assembler checks arrangements; here immediates are range-checked and fields packed.
"""

from __future__ import annotations

from ..errors import bad_value


def three_same(q: int, u: int, size: int, opcode: int, rm: int, rn: int, rd: int) -> int:
    """Three registers of the same type: ``0 Q U 01110 size 1 Rm opcode(5) 1 Rn Rd``."""
    return (0x0E200400 | q << 30 | u << 29 | size << 22 | rm << 16 | opcode << 11 | rn << 5
            | rd)


def two_misc(q: int, u: int, size: int, opcode: int, rn: int, rd: int) -> int:
    """Two-register miscellaneous: ``0 Q U 01110 size 10000 opcode(5) 10 Rn Rd``."""
    return 0x0E200800 | q << 30 | u << 29 | size << 22 | opcode << 12 | rn << 5 | rd


def across(q: int, u: int, size: int, opcode: int, rn: int, rd: int) -> int:
    """Across lanes: ``0 Q U 01110 size 11000 opcode(5) 10 Rn Rd``."""
    return 0x0E300800 | q << 30 | u << 29 | size << 22 | opcode << 12 | rn << 5 | rd


def copy(q: int, op: int, imm5: int, imm4: int, rn: int, rd: int) -> int:
    """Copy (dup, ins, umov, smov): ``0 Q op 01110000 imm5 0 imm4 1 Rn Rd``."""
    return 0x0E000400 | q << 30 | op << 29 | imm5 << 16 | imm4 << 11 | rn << 5 | rd


def modified_imm(q: int, op: int, cmode: int, o2: int, imm8: int, rd: int) -> int:
    """Modified immediate (movi, mvni, orr, bic, fmov):
    ``0 Q op 0111100000 abc cmode o2 1 defgh Rd``."""
    return (0x0F000400 | q << 30 | op << 29 | (imm8 >> 5) << 16 | cmode << 12 | o2 << 11
            | (imm8 & 31) << 5 | rd)


def permute(q: int, size: int, opcode: int, rm: int, rn: int, rd: int) -> int:
    """zip/uzp/trn: ``0 Q 001110 size 0 Rm 0 opcode(3) 10 Rn Rd``."""
    return 0x0E000800 | q << 30 | size << 22 | rm << 16 | opcode << 12 | rn << 5 | rd


def ext(insn: str, q: int, index: int, rm: int, rn: int, rd: int) -> int:
    """EXT: ``0 Q 101110 000 Rm 0 imm4 0 Rn Rd``; the byte index is below 8 or 16."""
    if not 0 <= index < (16 if q else 8):
        raise bad_value(insn, "index", index, f"0..{15 if q else 7}")
    return 0x2E000000 | q << 30 | rm << 16 | index << 11 | rn << 5 | rd


def table(q: int, length: int, op: int, rm: int, rn: int, rd: int) -> int:
    """TBL (op=0) / TBX (op=1): ``0 Q 001110 000 Rm 0 len op 00 Rn Rd``."""
    return 0x0E000000 | q << 30 | rm << 16 | (length - 1) << 13 | op << 12 | rn << 5 | rd


def shift_imm(q: int, u: int, immhb: int, opcode: int, rn: int, rd: int) -> int:
    """Shift by immediate: ``0 Q U 011110 immh immb opcode(5) 1 Rn Rd``."""
    return 0x0F000400 | q << 30 | u << 29 | immhb << 16 | opcode << 11 | rn << 5 | rd


def ldst_multi(q: int, load: int, opcode: int, size: int, rn: int, rt: int,
               rm: int = -1) -> int:
    """Load/store multiple structures, ``0 Q 0011000 L 000000 opcode size Rn Rt``; post-index
    (``rm`` >= 0; 31 for the immediate form) ``0 Q 0011001 L 0 Rm opcode size Rn Rt``."""
    word = 0x0C000000 | q << 30 | load << 22 | opcode << 12 | size << 10 | rn << 5 | rt
    if rm >= 0:
        word |= 0x00800000 | rm << 16
    return word
