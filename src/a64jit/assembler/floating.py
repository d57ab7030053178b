"""Scalar floating-point instructions (half, single and double precision).

Registers are the scalar views ``h0``..``h31``, ``s0``..``s31``, ``d0``..``d31``;
FP immediates are Python floats (ints are taken at their value). Every method
validates its operands with one fused test on the hot path; only a failure walks
the operands one by one to name the wrong one.
"""

from __future__ import annotations

from math import copysign
from typing import Final, NoReturn

from ..encoding import fp as enc
from ..encoding.fp import FTYPE
from ..encoding.fpimm import FPIMM_RULE, encode_fpimm
from ..errors import bad_operand, bad_value
from ..operands import Cond, FPRegister, GPRegister, Register, VElement
from . import checks, table
from .core import AssemblerCore

_FMOV_TO_FP = enc.INT_FMOV_TO_FP
_FMOV_TO_GP = enc.INT_FMOV_TO_GP


FLOAT: Final = table.Table("floating", "scalar floating-point instructions")


@FLOAT.form("{name} hd|sd|dd, <hn|sn|dn | wn|xn | #imm> | {name} wd|xd, hn|sn|dn | "
            "{name} xd, vn.d[1] | {name} vd.d[1], xn")
def _fmov(self: AssemblerCore, spec: table.Spec, rd: Register | VElement,
          src: Register | VElement | float) -> None:
    if type(rd) is FPRegister:
        if type(src) is FPRegister:
            self._put(enc.fp_dp1(_ft2("fmov", rd, src), enc.DP1_FMOV, rd.code, src.code))
        elif type(src) is float or type(src) is int:
            self._put(_fmov_imm(rd, src))
        elif type(src) is GPRegister:
            sf, ft = _gp_fp_pair("fmov", src, rd, "source", "destination")
            self._put(enc.fp_int(sf, ft, _FMOV_TO_FP, rd.code, src.code))
        else:
            self._put(_fmov_imm(rd, _as_float("fmov", "source", src)))
    elif type(rd) is GPRegister and type(src) is FPRegister:
        sf, ft = _gp_fp_pair("fmov", rd, src, "destination", "source")
        self._put(enc.fp_int(sf, ft, _FMOV_TO_GP, rd.code, src.code))
    elif type(src) is VElement or type(rd) is VElement:
        self._put(_fmov_top(rd, src))
    elif type(rd) is GPRegister:
        raise bad_operand("fmov", "source", src,
                          "a SIMD&FP register (h, s or d) when the destination is w or x")
    else:
        raise bad_operand("fmov", "destination", rd,
                          "a SIMD&FP register (h, s, d) or a general-purpose register")


@FLOAT.form("{name} rd, rn, rm")
def _dp2(self: AssemblerCore, spec: table.Spec, rd: FPRegister, rn: FPRegister,
         rm: FPRegister) -> None:
    self._put(enc.fp_dp2(_ft3(spec.name, rd, rn, rm), spec.fields["op"], rd.code, rn.code, rm.code))


@FLOAT.form("{name} rd, rn, rm, ra")
def _dp3(self: AssemblerCore, spec: table.Spec, rd: FPRegister, rn: FPRegister, rm: FPRegister,
         ra: FPRegister) -> None:
    fields = spec.fields
    self._put(enc.fp_dp3(_ft4(spec.name, rd, rn, rm, ra), fields["o1"], fields["o0"], rd.code,
                         rn.code, rm.code, ra.code))


@FLOAT.form("{name} rd, rn")
def _dp1(self: AssemblerCore, spec: table.Spec, rd: FPRegister, rn: FPRegister) -> None:
    self._put(enc.fp_dp1(_ft2(spec.name, rd, rn), spec.fields["op"], rd.code, rn.code))


@FLOAT.form("{name} rd, rn")
def _fcvt(self: AssemblerCore, spec: table.Spec, rd: FPRegister, rn: FPRegister) -> None:
    if (type(rd) is FPRegister and type(rn) is FPRegister and rd.size != rn.size
            and rd.size in FTYPE and rn.size in FTYPE):
        self._put(enc.fp_dp1(FTYPE[rn.size], enc.DP1_FCVT | FTYPE[rd.size], rd.code,
                             rn.code))
        return
    checks.fp("fcvt", "destination", rd)
    checks.fp("fcvt", "source", rn)
    raise bad_operand("fcvt", "source", rn, "a register of another precision than the "
                      "destination (h, s, d)")


@FLOAT.form("{name} rn, rm | {name} rn, #0.0")
def _fcmp(self: AssemblerCore, spec: table.Spec, rn: FPRegister,
          rm: FPRegister | float) -> None:
    self._put(_compare(spec.name, spec.fields["e"], rn, rm))


@FLOAT.form("{name} rn, rm, #nzcv, cond")
def _fccmp(self: AssemblerCore, spec: table.Spec, rn: FPRegister, rm: FPRegister, nzcv: int,
           cond: Cond) -> None:
    self._put(_ccmp(spec.name, spec.fields["e"], rn, rm, nzcv, cond))


@FLOAT.form("{name} rd, rn, rm, cond")
def _fcsel(self: AssemblerCore, spec: table.Spec, rd: FPRegister, rn: FPRegister,
           rm: FPRegister, cond: Cond) -> None:
    ft = _ft3("fcsel", rd, rn, rm)
    c = cond.code if type(cond) is Cond else checks.cond("fcsel", "condition", cond)
    self._put(enc.fp_csel("fcsel", ft, rd.code, rn.code, rm.code, c))


# Integer <-> floating-point conversions. With an h/s/d register in place of the general
# one these select the Advanced SIMD scalar forms (``fcvtns s0, s1``, ``scvtf d0, d1, #3``),
# as LLVM does.

@FLOAT.form("{name} rd, wn|xn{{, #fbits}}")
def _from_int(self: AssemblerCore, spec: table.Spec, rd: FPRegister,
              rn: GPRegister | FPRegister, fbits: int | None = None) -> None:
    if fbits is None:
        self._put(_cvt_from_int(spec.name, spec.fields["op"], spec.fields["misc"], rd, rn))
    else:
        self._put(_fixed_from_int(spec.name, spec.fields["fix"], spec.fields["shift"], rd, rn,
                                  fbits))


@FLOAT.form("{name} wd|xd, rn{{, #fbits}}")
def _to_fixed(self: AssemblerCore, spec: table.Spec, rd: GPRegister | FPRegister,
              rn: FPRegister, fbits: int | None = None) -> None:
    if fbits is None:
        self._put(_cvt_to_int(spec.name, spec.fields["op"], spec.fields["misc"], rd, rn))
    else:
        self._put(_fixed_to_int(spec.name, spec.fields["fix"], spec.fields["shift"], rd, rn, fbits))


@FLOAT.form("{name} wd|xd, rn")
def _to_int(self: AssemblerCore, spec: table.Spec, rd: GPRegister | FPRegister,
            rn: FPRegister) -> None:
    self._put(_cvt_to_int(spec.name, spec.fields["op"], spec.fields["misc"], rd, rn))


@FLOAT.form("{name} wd, dn")
def _fjcvtzs(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: FPRegister) -> None:
    d = checks.gp_code("fjcvtzs", "destination", rd, 32)
    n = checks.fp("fjcvtzs", "source", rn, (64,)).code
    self._put(enc.fp_int(0, 1, enc.INT_FJCVTZS, d, n))


class FloatMixin(AssemblerCore):
    """fmov, arithmetic, fused multiply-add, compares, fcsel, conversions, rounding: one
    row each of the FLOAT table."""

    fmov = _fmov("fmov", "a register of the same size, a general-purpose register (w<->s, "
                 "x<->d, h with either) or an immediate ±(1 + m/16) * 2**e (m 0..15, e -3..4; "
                 "+0.0 is fmov rd, zr as in LLVM); or the top half of a vector register")

    # -- two-source arithmetic ----------------------------------------------------------
    fadd = _dp2("fadd", "rd = rn + rm", op=enc.DP2_FADD)
    fsub = _dp2("fsub", "rd = rn - rm", op=enc.DP2_FSUB)
    fmul = _dp2("fmul", "rd = rn * rm", op=enc.DP2_FMUL)
    fdiv = _dp2("fdiv", "rd = rn / rm", op=enc.DP2_FDIV)
    fnmul = _dp2("fnmul", "rd = -(rn * rm)", op=enc.DP2_FNMUL)
    fmax = _dp2("fmax", "maximum (a NaN operand gives NaN)", op=enc.DP2_FMAX)
    fmin = _dp2("fmin", "minimum (a NaN operand gives NaN)", op=enc.DP2_FMIN)
    fmaxnm = _dp2("fmaxnm", "IEEE 754 maxNum: a quiet NaN loses to a number",
                  op=enc.DP2_FMAXNM)
    fminnm = _dp2("fminnm", "IEEE 754 minNum: a quiet NaN loses to a number",
                  op=enc.DP2_FMINNM)

    # -- fused multiply-add -------------------------------------------------------------
    fmadd = _dp3("fmadd", "rd = ra + rn * rm, rounded once", o1=0, o0=0)
    fmsub = _dp3("fmsub", "rd = ra - rn * rm, rounded once", o1=0, o0=1)
    fnmadd = _dp3("fnmadd", "rd = -ra - rn * rm, rounded once", o1=1, o0=0)
    fnmsub = _dp3("fnmsub", "rd = -ra + rn * rm, rounded once", o1=1, o0=1)

    # -- one-source arithmetic and rounding ---------------------------------------------
    fabs = _dp1("fabs", "absolute value", op=enc.DP1_FABS)
    fneg = _dp1("fneg", "negation", op=enc.DP1_FNEG)
    fsqrt = _dp1("fsqrt", "square root", op=enc.DP1_FSQRT)
    frintn = _dp1("frintn", "round to integral, to nearest with ties to even",
                  op=enc.DP1_FRINTN)
    frintp = _dp1("frintp", "round to integral, toward +infinity", op=enc.DP1_FRINTP)
    frintm = _dp1("frintm", "round to integral, toward -infinity", op=enc.DP1_FRINTM)
    frintz = _dp1("frintz", "round to integral, toward zero", op=enc.DP1_FRINTZ)
    frinta = _dp1("frinta", "round to integral, to nearest with ties away from zero",
                  op=enc.DP1_FRINTA)
    frintx = _dp1("frintx", "round to integral in the FPCR mode, signalling inexact",
                  op=enc.DP1_FRINTX)
    frinti = _dp1("frinti", "round to integral in the FPCR rounding mode", op=enc.DP1_FRINTI)
    fcvt = _fcvt("fcvt", "convert between half, single and double precision (the two "
                 "widths must differ)")

    # -- compares and conditional select ------------------------------------------------
    fcmp = _fcmp("fcmp", "set NZCV (quiet NaNs do not trap)", e=0)
    fcmpe = _fcmp("fcmpe", "like fcmp, but any NaN signals", e=1)
    fccmp = _fccmp("fccmp", "compare if cond holds, else NZCV = nzcv", e=0)
    fccmpe = _fccmp("fccmpe", "like fccmp, but any NaN signals", e=1)
    fcsel = _fcsel("fcsel", "rd = cond ? rn : rm")

    # -- integer <-> floating-point conversions -----------------------------------------
    scvtf = _from_int("scvtf", "signed integer (fixed-point with fbits fraction bits: 1..32 "
                      "for wn, 1..64 for xn) to floating point", op=enc.INT_SCVTF,
                      misc=enc.MISC_SCVTF, fix=enc.FIX_SCVTF, shift=enc.SHIFT_SCVTF)
    ucvtf = _from_int("ucvtf", "unsigned integer (or fixed-point) to floating point",
                      op=enc.INT_UCVTF, misc=enc.MISC_UCVTF, fix=enc.FIX_UCVTF,
                      shift=enc.SHIFT_UCVTF)
    fcvtzs = _to_fixed("fcvtzs", "to signed integer (or fixed-point with fbits fraction "
                       "bits), rounding toward zero", op=enc.INT_FCVTZS, misc=enc.MISC_FCVTZS,
                       fix=enc.FIX_FCVTZS, shift=enc.SHIFT_FCVTZS)
    fcvtzu = _to_fixed("fcvtzu", "to unsigned integer (or fixed-point), rounding toward zero",
                       op=enc.INT_FCVTZU, misc=enc.MISC_FCVTZU, fix=enc.FIX_FCVTZU,
                       shift=enc.SHIFT_FCVTZU)
    fcvtns = _to_int("fcvtns", "to signed integer, to nearest with ties to even",
                     op=enc.INT_FCVTNS, misc=enc.MISC_FCVTNS)
    fcvtnu = _to_int("fcvtnu", "to unsigned integer, to nearest with ties to even",
                     op=enc.INT_FCVTNU, misc=enc.MISC_FCVTNU)
    fcvtms = _to_int("fcvtms", "to signed integer, toward -infinity",
                     op=enc.INT_FCVTMS, misc=enc.MISC_FCVTMS)
    fcvtmu = _to_int("fcvtmu", "to unsigned integer, toward -infinity",
                     op=enc.INT_FCVTMU, misc=enc.MISC_FCVTMU)
    fcvtps = _to_int("fcvtps", "to signed integer, toward +infinity",
                     op=enc.INT_FCVTPS, misc=enc.MISC_FCVTPS)
    fcvtpu = _to_int("fcvtpu", "to unsigned integer, toward +infinity",
                     op=enc.INT_FCVTPU, misc=enc.MISC_FCVTPU)
    fcvtas = _to_int("fcvtas", "to signed integer, to nearest with ties away from zero",
                     op=enc.INT_FCVTAS, misc=enc.MISC_FCVTAS)
    fcvtau = _to_int("fcvtau", "to unsigned integer, to nearest with ties away from zero",
                     op=enc.INT_FCVTAU, misc=enc.MISC_FCVTAU)
    fjcvtzs = _fjcvtzs("fjcvtzs", "JavaScript ToInt32 of a double (ARMv8.3 FEAT_JSCVT), Z "
                       "flag set when the conversion was exact")


# -- operand checks: one fused test, a walk over the operands only on failure ---------


def _ft2(insn: str, r0: object, r1: object, n0: str = "destination",
         n1: str = "source") -> int:
    """Two h/s/d registers of one width; return their ftype."""
    if type(r0) is FPRegister and type(r1) is FPRegister and r0.size == r1.size:
        ft = FTYPE.get(r0.size)
        if ft is not None:
            return ft
    _walk(insn, ((n0, r0), (n1, r1)))


def _ft3(insn: str, rd: object, rn: object, rm: object) -> int:
    """Three h/s/d registers of one width; return their ftype."""
    if (type(rd) is FPRegister and type(rn) is FPRegister and type(rm) is FPRegister
            and rd.size == rn.size == rm.size):
        ft = FTYPE.get(rd.size)
        if ft is not None:
            return ft
    _walk(insn, (("destination", rd), ("first source", rn), ("second source", rm)))


def _ft4(insn: str, rd: object, rn: object, rm: object, ra: object) -> int:
    """Four h/s/d registers of one width; return their ftype."""
    if (type(rd) is FPRegister and type(rn) is FPRegister and type(rm) is FPRegister
            and type(ra) is FPRegister and rd.size == rn.size == rm.size == ra.size):
        ft = FTYPE.get(rd.size)
        if ft is not None:
            return ft
    _walk(insn, (("destination", rd), ("first source", rn), ("second source", rm),
                 ("addend", ra)))


def _walk(insn: str, operands: tuple[tuple[str, object], ...]) -> NoReturn:
    """Raise the error for the first bad operand of a same-width FP operand list."""
    size = checks.fp(insn, operands[0][0], operands[0][1]).size
    for name, reg in operands[1:]:
        checks.same_size(insn, name, checks.fp(insn, name, reg), size)
    raise AssertionError("unreachable: no bad operand found")  # pragma: no cover


def _gp_fp_pair(insn: str, gpr: object, fpr: object, gp_name: str,
                fp_name: str) -> tuple[int, int]:
    """A general-purpose register (31 = zr) and an h/s/d register; return (sf, ftype).

    Conversions take any pairing; fmov requires w<->s, x<->d or w/x<->h."""
    if type(gpr) is GPRegister and type(fpr) is FPRegister and not gpr.is_sp:
        ft = FTYPE.get(fpr.size)
        if ft is not None and (insn != "fmov" or ft == 3 or fpr.size == gpr.size):
            return gpr.size >> 6, ft
    checks.gp(insn, gp_name, gpr)
    f = checks.fp(insn, fp_name, fpr)
    # Only fmov's width pairing is left: w<->s, x<->d.
    want = "a w" if f.size == 32 else "an x"
    raise bad_operand(insn, gp_name, gpr, f"{want} register to match {f}")


def _fmov_top(rd: object, src: object) -> int:
    """``fmov xd, vn.d[1]`` / ``fmov vd.d[1], xn``: the upper 64 bits of a vector
    register (FMOV (general), ftype 10, rmode 01)."""
    to_gp = type(src) is VElement
    gpr, lane = (rd, src) if to_gp else (src, rd)
    gp_name, lane_name = ("destination", "source") if to_gp else ("source", "destination")
    if type(lane) is not VElement or lane.size != 64 or lane.index != 1:
        raise bad_operand("fmov", lane_name, lane, "the upper half of a vector register, "
                          "vN.d[1]")
    if type(gpr) is not GPRegister or gpr.size != 64 or gpr.is_sp:
        raise bad_operand("fmov", gp_name, gpr, "an x register (x0-x30, xzr) with vN.d[1]")
    if to_gp:
        return enc.fp_int(1, 2, enc.INT_FMOV_TO_GP_TOP, gpr.code, lane.code)
    return enc.fp_int(1, 2, enc.INT_FMOV_TO_FP_TOP, lane.code, gpr.code)


def _as_float(insn: str, operand: str, value: object) -> float:
    """Accept float-like numbers (e.g. numpy scalars) off the hot path; never bool."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise bad_operand(insn, operand, value,
                      "a SIMD&FP or general-purpose register, or a float immediate")


def _fmov_imm(rd: FPRegister, value: float) -> int:
    ft = FTYPE.get(rd.size)
    if ft is None:
        checks.fp("fmov", "destination", rd)
        raise AssertionError("unreachable: checks.fp accepted")  # pragma: no cover
    imm8 = encode_fpimm(value)
    if imm8 is not None:
        return enc.fp_imm("fmov", ft, rd.code, imm8)
    if value == 0 and copysign(1.0, value) > 0:
        # +0.0 has no imm8; LLVM assembles it as a move from the zero register.
        return enc.fp_int(rd.size >> 6, ft, _FMOV_TO_FP, rd.code, 31)
    raise bad_value("fmov", "immediate", value, FPIMM_RULE + ", or +0.0")


def _ccmp(insn: str, e: int, rn: FPRegister, rm: FPRegister, nzcv: object,
          cond: object) -> int:
    ft = _ft2(insn, rn, rm, "first source", "second source")
    c = cond.code if type(cond) is Cond else checks.cond(insn, "condition", cond)
    n = nzcv if type(nzcv) is int else checks.imm(insn, "nzcv", nzcv)
    return enc.fp_ccmp(insn, ft, e, rn.code, rm.code, n, c)


def _compare(insn: str, e: int, rn: FPRegister, rm: FPRegister | float) -> int:
    if type(rm) is FPRegister:
        return enc.fp_compare(_ft2(insn, rn, rm, "first source", "second source"), e, 0,
                              rn.code, rm.code)
    ft = FTYPE.get(checks.fp(insn, "first source", rn).size)
    assert ft is not None
    if type(rm) is float and rm == 0.0 and copysign(1.0, rm) > 0:
        return enc.fp_compare(ft, e, 1, rn.code, 0)
    if type(rm) is float:
        raise bad_value(insn, "immediate", rm, "only #0.0")
    raise bad_operand(insn, "second source", rm,
                      f"a {rn.size}-bit SIMD&FP register or the float immediate 0.0")


# -- conversions: general-register form on the hot path, SIMD scalar form otherwise ---


def _cvt_to_int(insn: str, op: int, misc: int, rd: Register, rn: Register) -> int:
    if type(rd) is GPRegister and type(rn) is FPRegister and not rd.is_sp:
        ft = FTYPE.get(rn.size)
        if ft is not None:
            return enc.fp_int(rd.size >> 6, ft, op, rd.code, rn.code)
    if type(rd) is FPRegister:
        ft = _ft2(insn, rd, rn)
        return enc.asisd_misc_fcvt(misc, ft, rd.code, rn.code)
    _gp_fp_pair(insn, rd, rn, "destination", "source")
    raise AssertionError("unreachable: _gp_fp_pair accepted")  # pragma: no cover


def _cvt_from_int(insn: str, op: int, misc: int, rd: Register, rn: Register) -> int:
    if type(rn) is GPRegister and type(rd) is FPRegister and not rn.is_sp:
        ft = FTYPE.get(rd.size)
        if ft is not None:
            return enc.fp_int(rn.size >> 6, ft, op, rd.code, rn.code)
    if type(rn) is FPRegister:
        ft = _ft2(insn, rd, rn)
        return enc.asisd_misc_fcvt(misc, ft, rd.code, rn.code)
    _gp_fp_pair(insn, rn, rd, "source", "destination")
    raise AssertionError("unreachable: _gp_fp_pair accepted")  # pragma: no cover


def _fixed_to_int(insn: str, op: int, shift: int, rd: Register, rn: Register,
                  fbits: object) -> int:
    n = checks.imm(insn, "fbits", fbits)
    if type(rd) is FPRegister:
        _ft2(insn, rd, rn)
        return enc.asisd_shift_fcvt(insn, shift, rd.size, rd.code, rn.code, n)
    sf, ft = _gp_fp_pair(insn, rd, rn, "destination", "source")
    return enc.fp_fixed(insn, sf, ft, op, rd.code, rn.code, n)


def _fixed_from_int(insn: str, op: int, shift: int, rd: Register, rn: Register,
                    fbits: object) -> int:
    n = checks.imm(insn, "fbits", fbits)
    if type(rn) is FPRegister:
        _ft2(insn, rd, rn)
        return enc.asisd_shift_fcvt(insn, shift, rn.size, rd.code, rn.code, n)
    sf, ft = _gp_fp_pair(insn, rn, rd, "source", "destination")
    return enc.fp_fixed(insn, sf, ft, op, rd.code, rn.code, n)
