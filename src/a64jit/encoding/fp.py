"""Scalar floating-point encodings (ARM ARM C4.1.96 "Data Processing -- Scalar
Floating-Point and Advanced SIMD").

Arguments are register numbers and raw field values. ``ftype`` is the operand
precision: 0 single, 1 double, 3 half (FEAT_FP16; 2 is unallocated). Immediate
fields a caller can get wrong (imm8, nzcv, cond, scale) are checked here.
"""

from __future__ import annotations

from typing import Final

from ..errors import bad_value
from .fields import uimm, urange

__all__ = [
    "FTYPE",
    "asisd_misc_fcvt",
    "asisd_shift_fcvt",
    "fp_ccmp",
    "fp_compare",
    "fp_csel",
    "fp_dp1",
    "fp_dp2",
    "fp_dp3",
    "fp_fixed",
    "fp_imm",
    "fp_int",
]

#: ftype by register width in bits.
FTYPE: Final = {32: 0, 64: 1, 16: 3}

# -- opcode fields of each class ---------------------------------------------

#: Floating-point data-processing (1 source), the 6-bit opcode.
DP1_FMOV: Final = 0b000000
DP1_FABS: Final = 0b000001
DP1_FNEG: Final = 0b000010
DP1_FSQRT: Final = 0b000011
DP1_FCVT: Final = 0b000100  # | destination ftype
DP1_FRINTN: Final = 0b001000
DP1_FRINTP: Final = 0b001001
DP1_FRINTM: Final = 0b001010
DP1_FRINTZ: Final = 0b001011
DP1_FRINTA: Final = 0b001100
DP1_FRINTX: Final = 0b001110
DP1_FRINTI: Final = 0b001111

#: Floating-point data-processing (2 source), the 4-bit opcode.
DP2_FMUL: Final = 0
DP2_FDIV: Final = 1
DP2_FADD: Final = 2
DP2_FSUB: Final = 3
DP2_FMAX: Final = 4
DP2_FMIN: Final = 5
DP2_FMAXNM: Final = 6
DP2_FMINNM: Final = 7
DP2_FNMUL: Final = 8

#: Conversion between floating-point and integer: (rmode << 3 | opcode).
INT_FCVTNS: Final = 0o00
INT_FCVTNU: Final = 0o01
INT_SCVTF: Final = 0o02
INT_UCVTF: Final = 0o03
INT_FCVTAS: Final = 0o04
INT_FCVTAU: Final = 0o05
INT_FMOV_TO_GP: Final = 0o06
INT_FMOV_TO_FP: Final = 0o07
INT_FCVTPS: Final = 0o10
INT_FCVTPU: Final = 0o11
INT_FMOV_TO_GP_TOP: Final = 0o16  # fmov xd, vn.d[1] (ftype 2)
INT_FMOV_TO_FP_TOP: Final = 0o17  # fmov vd.d[1], xn (ftype 2)
INT_FCVTMS: Final = 0o20
INT_FCVTMU: Final = 0o21
INT_FCVTZS: Final = 0o30
INT_FCVTZU: Final = 0o31
INT_FJCVTZS: Final = 0o36  # sf 0, ftype 1 only (FEAT_JSCVT)

#: Conversion between floating-point and fixed-point: (rmode << 3 | opcode).
FIX_SCVTF: Final = 0o02
FIX_UCVTF: Final = 0o03
FIX_FCVTZS: Final = 0o30
FIX_FCVTZU: Final = 0o31


def _check(insn: str, ftype: int, fields: tuple[tuple[str, int, int], ...]) -> None:
    """The slow path of the checks below: name the first field out of range."""
    if ftype not in (0, 1, 3):
        raise bad_value(insn, "ftype", ftype, "0 (single), 1 (double) or 3 (half)")
    for name, value, hi in fields:
        urange(insn, name, value, 0, hi)
    raise AssertionError("unreachable: a field is out of range")  # pragma: no cover


def fp_dp1(ftype: int, opcode: int, rd: int, rn: int, *, insn: str = "fp_dp1") -> int:
    """``0 0 0 11110 ftype 1 opcode(6) 10000 Rn Rd``."""
    if ftype == 2 or ftype >> 2 | opcode >> 6 | (rd | rn) >> 5:
        _check(insn, ftype, (("opcode", opcode, 63), ("Rd", rd, 31), ("Rn", rn, 31)))
    return 0x1E204000 | ftype << 22 | opcode << 15 | rn << 5 | rd


def fp_dp2(ftype: int, opcode: int, rd: int, rn: int, rm: int, *,
           insn: str = "fp_dp2") -> int:
    """``0 0 0 11110 ftype 1 Rm opcode(4) 10 Rn Rd``."""
    if ftype == 2 or ftype >> 2 | (rd | rn | rm) >> 5 or not 0 <= opcode <= 8:
        _check(insn, ftype, (("opcode", opcode, 8), ("Rd", rd, 31), ("Rn", rn, 31),
                             ("Rm", rm, 31)))
    return 0x1E200800 | ftype << 22 | rm << 16 | opcode << 12 | rn << 5 | rd


def fp_dp3(ftype: int, o1: int, o0: int, rd: int, rn: int, rm: int, ra: int, *,
           insn: str = "fp_dp3") -> int:
    """``0 0 0 11111 ftype o1 Rm o0 Ra Rn Rd``: fmadd 00, fmsub 01, fnmadd 10, fnmsub 11."""
    if ftype == 2 or ftype >> 2 | (o1 | o0) >> 1 | (rd | rn | rm | ra) >> 5:
        _check(insn, ftype, (("o1", o1, 1), ("o0", o0, 1), ("Rd", rd, 31), ("Rn", rn, 31),
                             ("Rm", rm, 31), ("Ra", ra, 31)))
    return (0x1F000000 | ftype << 22 | o1 << 21 | rm << 16 | o0 << 15 | ra << 10
            | rn << 5 | rd)


def fp_compare(ftype: int, e: int, zero: int, rn: int, rm: int, *,
               insn: str = "fp_compare") -> int:
    """``0 0 0 11110 ftype 1 Rm 00 1000 Rn E Z 000``: ``E`` signals on quiet NaNs
    (fcmpe), ``Z`` compares with +0.0 (Rm is then 0)."""
    if ftype == 2 or ftype >> 2 | (e | zero) >> 1 | (rn | rm) >> 5:
        _check(insn, ftype, (("E", e, 1), ("Z", zero, 1), ("Rn", rn, 31), ("Rm", rm, 31)))
    return 0x1E202000 | ftype << 22 | rm << 16 | rn << 5 | e << 4 | zero << 3


def fp_ccmp(insn: str, ftype: int, e: int, rn: int, rm: int, nzcv: int, cond: int) -> int:
    """``0 0 0 11110 ftype 1 Rm cond 01 Rn op nzcv`` (fccmp op 0, fccmpe op 1)."""
    nzcv = urange(insn, "nzcv", nzcv, 0, 15)
    cond = urange(insn, "condition", cond, 0, 15)
    return 0x1E200400 | ftype << 22 | rm << 16 | cond << 12 | rn << 5 | e << 4 | nzcv


def fp_csel(insn: str, ftype: int, rd: int, rn: int, rm: int, cond: int) -> int:
    """``0 0 0 11110 ftype 1 Rm cond 11 Rn Rd``."""
    cond = urange(insn, "condition", cond, 0, 15)
    return 0x1E200C00 | ftype << 22 | rm << 16 | cond << 12 | rn << 5 | rd


def fp_imm(insn: str, ftype: int, rd: int, imm8: int) -> int:
    """FMOV (scalar, immediate): ``0 0 0 11110 ftype 1 imm8 100 00000 Rd``."""
    imm8 = uimm(insn, "imm8", imm8, 8)
    return 0x1E201000 | ftype << 22 | imm8 << 13 | rd


def fp_int(sf: int, ftype: int, op: int, rd: int, rn: int, *, insn: str = "fp_int") -> int:
    """Conversion between floating-point and integer:
    ``sf 0 0 11110 ftype 1 rmode opcode 000000 Rn Rd``; ``op`` is ``rmode:opcode``
    (ftype 2 only for the fmov of the upper half of a vector register)."""
    if (ftype == 2 and op not in (INT_FMOV_TO_GP_TOP, INT_FMOV_TO_FP_TOP)) \
            or sf >> 1 | ftype >> 2 | op >> 5 | (rd | rn) >> 5:
        for name, value, hi in (("sf", sf, 1), ("ftype", ftype, 3), ("rmode:opcode", op, 31),
                                ("Rd", rd, 31), ("Rn", rn, 31)):
            urange(insn, name, value, 0, hi)
        raise bad_value(insn, "ftype", ftype, "0, 1 or 3 (2 only for fmov of v<n>.d[1])")
    return 0x1E200000 | sf << 31 | ftype << 22 | op << 16 | rn << 5 | rd


def fp_fixed(insn: str, sf: int, ftype: int, op: int, rd: int, rn: int, fbits: int) -> int:
    """Conversion between floating-point and fixed-point:
    ``sf 0 0 11110 ftype 0 rmode opcode scale Rn Rd`` with ``scale = 64 - fbits``;
    fbits is 1..32 for a w register (scale<32 is unallocated), 1..64 for an x register."""
    fbits = urange(insn, "fbits", fbits, 1, 32 << sf)
    return 0x1E000000 | sf << 31 | ftype << 22 | op << 16 | (64 - fbits) << 10 | rn << 5 | rd


# -- Advanced SIMD scalar forms of the conversions (FP register to FP register) ------

#: Advanced SIMD scalar two-register miscellaneous: ``U << 29 | o2 << 23 | opcode << 12``.
MISC_FCVTNS: Final = 0x1A << 12
MISC_FCVTMS: Final = 0x1B << 12
MISC_FCVTAS: Final = 0x1C << 12
MISC_SCVTF: Final = 0x1D << 12
MISC_FCVTPS: Final = 1 << 23 | 0x1A << 12
MISC_FCVTZS: Final = 1 << 23 | 0x1B << 12
MISC_FCVTNU: Final = 1 << 29 | MISC_FCVTNS
MISC_FCVTMU: Final = 1 << 29 | MISC_FCVTMS
MISC_FCVTAU: Final = 1 << 29 | MISC_FCVTAS
MISC_UCVTF: Final = 1 << 29 | MISC_SCVTF
MISC_FCVTPU: Final = 1 << 29 | MISC_FCVTPS
MISC_FCVTZU: Final = 1 << 29 | MISC_FCVTZS

#: Advanced SIMD scalar shift by immediate: ``U << 29 | opcode << 11``.
SHIFT_SCVTF: Final = 0x1C << 11
SHIFT_FCVTZS: Final = 0x1F << 11
SHIFT_UCVTF: Final = 1 << 29 | SHIFT_SCVTF
SHIFT_FCVTZU: Final = 1 << 29 | SHIFT_FCVTZS

_MISC: Final = frozenset((MISC_FCVTNS, MISC_FCVTMS, MISC_FCVTAS, MISC_SCVTF, MISC_FCVTPS,
                          MISC_FCVTZS, MISC_FCVTNU, MISC_FCVTMU, MISC_FCVTAU, MISC_UCVTF,
                          MISC_FCVTPU, MISC_FCVTZU))

def asisd_misc_fcvt(op: int, ftype: int, rd: int, rn: int, *,
                    insn: str = "asisd_misc_fcvt") -> int:
    """Advanced SIMD scalar two-register miscellaneous, FP conversions
    (``fcvtns s0, s1``, ``scvtf d0, d1``): ``01 U 11110 o2 sz 10000 opcode 10 Rn Rd``;
    half precision uses the FP16 variant ``01 U 11110 o2 111100 opcode 10 Rn Rd``."""
    if op not in _MISC or ftype == 2 or ftype >> 2 | (rd | rn) >> 5:
        if op not in _MISC:
            raise bad_value(insn, "opcode", op, "one of the MISC_* conversions")
        _check(insn, ftype, (("Rd", rd, 31), ("Rn", rn, 31)))
    if ftype == 3:
        return 0x5E780800 | op | rn << 5 | rd
    return 0x5E200800 | op | ftype << 22 | rn << 5 | rd


def asisd_shift_fcvt(insn: str, op: int, esize: int, rd: int, rn: int, fbits: int) -> int:
    """Advanced SIMD scalar shift by immediate, fixed-point conversions
    (``scvtf d0, d1, #fbits``): ``01 U 111110 immh:immb opcode 1 Rn Rd`` where
    ``immh:immb = 2 * esize - fbits`` and fbits is 1..esize (the element width)."""
    fbits = urange(insn, "fbits", fbits, 1, esize)
    return 0x5F000400 | op | (2 * esize - fbits) << 16 | rn << 5 | rd
