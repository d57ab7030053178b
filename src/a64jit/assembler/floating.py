"""Scalar floating-point instructions (half, single and double precision).

Registers are the scalar views ``h0``..``h31``, ``s0``..``s31``, ``d0``..``d31``;
FP immediates are Python floats (ints are taken at their value). Every method
validates its operands with one fused test on the hot path; only a failure walks
the operands one by one to name the wrong one.
"""

from __future__ import annotations

from math import copysign
from typing import NoReturn

from ..encoding import fp as enc
from ..encoding.fp import FTYPE
from ..encoding.fpimm import FPIMM_RULE, encode_fpimm
from ..errors import bad_operand, bad_value
from ..operands import Cond, FPRegister, GPRegister, Register, VElement
from . import checks
from .core import AssemblerCore

_FMOV_TO_FP = enc.INT_FMOV_TO_FP
_FMOV_TO_GP = enc.INT_FMOV_TO_GP


class FloatMixin(AssemblerCore):
    """fmov, arithmetic, fused multiply-add, compares, fcsel, conversions, rounding."""

    # -- moves --------------------------------------------------------------------

    def fmov(self, rd: Register | VElement, src: Register | VElement | float) -> None:
        """``fmov hd|sd|dd, <same-size FP register | w/x register | #imm>``,
        ``fmov wd|xd, <hn|sn|dn>``, or the top half of a vector register:
        ``fmov xd, vn.d[1]`` and ``fmov vd.d[1], xn`` (``a.fmov(x0, v1.d[1])``).

        Between general and FP registers the widths must match (w<->s, x<->d); h pairs
        with either w or x. The immediate is one of the 256 values
        ±(1 + m/16) * 2**e, m in 0..15, e in -3..4; +0.0 (or 0) becomes ``fmov rd, zr``
        as in LLVM.
        """
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

    # -- two-source arithmetic ------------------------------------------------------

    def fadd(self, rd: FPRegister, rn: FPRegister, rm: FPRegister) -> None:
        """``fadd rd, rn, rm``: rd = rn + rm."""
        self._put(enc.fp_dp2(_ft3("fadd", rd, rn, rm), enc.DP2_FADD, rd.code, rn.code, rm.code))

    def fsub(self, rd: FPRegister, rn: FPRegister, rm: FPRegister) -> None:
        """``fsub rd, rn, rm``: rd = rn - rm."""
        self._put(enc.fp_dp2(_ft3("fsub", rd, rn, rm), enc.DP2_FSUB, rd.code, rn.code, rm.code))

    def fmul(self, rd: FPRegister, rn: FPRegister, rm: FPRegister) -> None:
        """``fmul rd, rn, rm``: rd = rn * rm."""
        self._put(enc.fp_dp2(_ft3("fmul", rd, rn, rm), enc.DP2_FMUL, rd.code, rn.code, rm.code))

    def fdiv(self, rd: FPRegister, rn: FPRegister, rm: FPRegister) -> None:
        """``fdiv rd, rn, rm``: rd = rn / rm."""
        self._put(enc.fp_dp2(_ft3("fdiv", rd, rn, rm), enc.DP2_FDIV, rd.code, rn.code, rm.code))

    def fnmul(self, rd: FPRegister, rn: FPRegister, rm: FPRegister) -> None:
        """``fnmul rd, rn, rm``: rd = -(rn * rm)."""
        self._put(enc.fp_dp2(_ft3("fnmul", rd, rn, rm), enc.DP2_FNMUL, rd.code, rn.code,
                             rm.code))

    def fmax(self, rd: FPRegister, rn: FPRegister, rm: FPRegister) -> None:
        """``fmax rd, rn, rm`` (a NaN operand gives NaN)."""
        self._put(enc.fp_dp2(_ft3("fmax", rd, rn, rm), enc.DP2_FMAX, rd.code, rn.code, rm.code))

    def fmin(self, rd: FPRegister, rn: FPRegister, rm: FPRegister) -> None:
        """``fmin rd, rn, rm`` (a NaN operand gives NaN)."""
        self._put(enc.fp_dp2(_ft3("fmin", rd, rn, rm), enc.DP2_FMIN, rd.code, rn.code, rm.code))

    def fmaxnm(self, rd: FPRegister, rn: FPRegister, rm: FPRegister) -> None:
        """``fmaxnm rd, rn, rm`` (IEEE 754 maxNum: a quiet NaN loses to a number)."""
        self._put(enc.fp_dp2(_ft3("fmaxnm", rd, rn, rm), enc.DP2_FMAXNM, rd.code, rn.code,
                             rm.code))

    def fminnm(self, rd: FPRegister, rn: FPRegister, rm: FPRegister) -> None:
        """``fminnm rd, rn, rm`` (IEEE 754 minNum: a quiet NaN loses to a number)."""
        self._put(enc.fp_dp2(_ft3("fminnm", rd, rn, rm), enc.DP2_FMINNM, rd.code, rn.code,
                             rm.code))

    # -- fused multiply-add ---------------------------------------------------------

    def fmadd(self, rd: FPRegister, rn: FPRegister, rm: FPRegister, ra: FPRegister) -> None:
        """``fmadd rd, rn, rm, ra``: rd = ra + rn * rm, rounded once."""
        self._put(enc.fp_dp3(_ft4("fmadd", rd, rn, rm, ra), 0, 0, rd.code, rn.code, rm.code,
                             ra.code))

    def fmsub(self, rd: FPRegister, rn: FPRegister, rm: FPRegister, ra: FPRegister) -> None:
        """``fmsub rd, rn, rm, ra``: rd = ra - rn * rm, rounded once."""
        self._put(enc.fp_dp3(_ft4("fmsub", rd, rn, rm, ra), 0, 1, rd.code, rn.code, rm.code,
                             ra.code))

    def fnmadd(self, rd: FPRegister, rn: FPRegister, rm: FPRegister, ra: FPRegister) -> None:
        """``fnmadd rd, rn, rm, ra``: rd = -ra - rn * rm, rounded once."""
        self._put(enc.fp_dp3(_ft4("fnmadd", rd, rn, rm, ra), 1, 0, rd.code, rn.code, rm.code,
                             ra.code))

    def fnmsub(self, rd: FPRegister, rn: FPRegister, rm: FPRegister, ra: FPRegister) -> None:
        """``fnmsub rd, rn, rm, ra``: rd = -ra + rn * rm, rounded once."""
        self._put(enc.fp_dp3(_ft4("fnmsub", rd, rn, rm, ra), 1, 1, rd.code, rn.code, rm.code,
                             ra.code))

    # -- one-source arithmetic and rounding -----------------------------------------

    def fabs(self, rd: FPRegister, rn: FPRegister) -> None:
        """``fabs rd, rn``: absolute value."""
        self._put(enc.fp_dp1(_ft2("fabs", rd, rn), enc.DP1_FABS, rd.code, rn.code))

    def fneg(self, rd: FPRegister, rn: FPRegister) -> None:
        """``fneg rd, rn``: negation."""
        self._put(enc.fp_dp1(_ft2("fneg", rd, rn), enc.DP1_FNEG, rd.code, rn.code))

    def fsqrt(self, rd: FPRegister, rn: FPRegister) -> None:
        """``fsqrt rd, rn``: square root."""
        self._put(enc.fp_dp1(_ft2("fsqrt", rd, rn), enc.DP1_FSQRT, rd.code, rn.code))

    def frintn(self, rd: FPRegister, rn: FPRegister) -> None:
        """``frintn rd, rn``: round to integral, to nearest with ties to even."""
        self._put(enc.fp_dp1(_ft2("frintn", rd, rn), enc.DP1_FRINTN, rd.code, rn.code))

    def frintp(self, rd: FPRegister, rn: FPRegister) -> None:
        """``frintp rd, rn``: round to integral, toward +infinity."""
        self._put(enc.fp_dp1(_ft2("frintp", rd, rn), enc.DP1_FRINTP, rd.code, rn.code))

    def frintm(self, rd: FPRegister, rn: FPRegister) -> None:
        """``frintm rd, rn``: round to integral, toward -infinity."""
        self._put(enc.fp_dp1(_ft2("frintm", rd, rn), enc.DP1_FRINTM, rd.code, rn.code))

    def frintz(self, rd: FPRegister, rn: FPRegister) -> None:
        """``frintz rd, rn``: round to integral, toward zero."""
        self._put(enc.fp_dp1(_ft2("frintz", rd, rn), enc.DP1_FRINTZ, rd.code, rn.code))

    def frinta(self, rd: FPRegister, rn: FPRegister) -> None:
        """``frinta rd, rn``: round to integral, to nearest with ties away from zero."""
        self._put(enc.fp_dp1(_ft2("frinta", rd, rn), enc.DP1_FRINTA, rd.code, rn.code))

    def frintx(self, rd: FPRegister, rn: FPRegister) -> None:
        """``frintx rd, rn``: round to integral in the FPCR mode, signalling inexact."""
        self._put(enc.fp_dp1(_ft2("frintx", rd, rn), enc.DP1_FRINTX, rd.code, rn.code))

    def frinti(self, rd: FPRegister, rn: FPRegister) -> None:
        """``frinti rd, rn``: round to integral in the FPCR rounding mode."""
        self._put(enc.fp_dp1(_ft2("frinti", rd, rn), enc.DP1_FRINTI, rd.code, rn.code))

    def fcvt(self, rd: FPRegister, rn: FPRegister) -> None:
        """``fcvt rd, rn``: convert between half, single and double precision
        (the two widths must differ)."""
        if (type(rd) is FPRegister and type(rn) is FPRegister and rd.size != rn.size
                and rd.size in FTYPE and rn.size in FTYPE):
            self._put(enc.fp_dp1(FTYPE[rn.size], enc.DP1_FCVT | FTYPE[rd.size], rd.code,
                                 rn.code))
            return
        checks.fp("fcvt", "destination", rd)
        checks.fp("fcvt", "source", rn)
        raise bad_operand("fcvt", "source", rn, "a register of another precision than the "
                          "destination (h, s, d)")

    # -- compares and conditional select --------------------------------------------

    def fcmp(self, rn: FPRegister, rm: FPRegister | float) -> None:
        """``fcmp rn, rm`` or ``fcmp rn, #0.0``: set NZCV (quiet NaNs do not trap)."""
        self._put(_compare("fcmp", 0, rn, rm))

    def fcmpe(self, rn: FPRegister, rm: FPRegister | float) -> None:
        """``fcmpe rn, rm`` or ``fcmpe rn, #0.0``: like fcmp, but any NaN signals."""
        self._put(_compare("fcmpe", 1, rn, rm))

    def fccmp(self, rn: FPRegister, rm: FPRegister, nzcv: int, cond: Cond) -> None:
        """``fccmp rn, rm, #nzcv, cond``: compare if ``cond`` holds, else NZCV = nzcv."""
        self._put(_ccmp("fccmp", 0, rn, rm, nzcv, cond))

    def fccmpe(self, rn: FPRegister, rm: FPRegister, nzcv: int, cond: Cond) -> None:
        """``fccmpe rn, rm, #nzcv, cond``: like fccmp, but any NaN signals."""
        self._put(_ccmp("fccmpe", 1, rn, rm, nzcv, cond))

    def fcsel(self, rd: FPRegister, rn: FPRegister, rm: FPRegister, cond: Cond) -> None:
        """``fcsel rd, rn, rm, cond``: rd = cond ? rn : rm."""
        ft = _ft3("fcsel", rd, rn, rm)
        c = cond.code if type(cond) is Cond else checks.cond("fcsel", "condition", cond)
        self._put(enc.fp_csel("fcsel", ft, rd.code, rn.code, rm.code, c))

    # -- integer <-> floating-point conversions ---------------------------------------
    #
    # With an h/s/d register in place of the general one these select the Advanced
    # SIMD scalar forms (``fcvtns s0, s1``, ``scvtf d0, d1, #3``), as LLVM does.

    def scvtf(self, rd: FPRegister, rn: GPRegister | FPRegister, fbits: int | None = None
              ) -> None:
        """``scvtf rd, wn|xn{, #fbits}``: signed integer (fixed-point with ``fbits``
        fraction bits: 1..32 for wn, 1..64 for xn) to floating point."""
        if fbits is None:
            self._put(_cvt_from_int("scvtf", enc.INT_SCVTF, enc.MISC_SCVTF, rd, rn))
        else:
            self._put(_fixed_from_int("scvtf", enc.FIX_SCVTF, enc.SHIFT_SCVTF, rd, rn, fbits))

    def ucvtf(self, rd: FPRegister, rn: GPRegister | FPRegister, fbits: int | None = None
              ) -> None:
        """``ucvtf rd, wn|xn{, #fbits}``: unsigned integer (or fixed-point) to floating
        point."""
        if fbits is None:
            self._put(_cvt_from_int("ucvtf", enc.INT_UCVTF, enc.MISC_UCVTF, rd, rn))
        else:
            self._put(_fixed_from_int("ucvtf", enc.FIX_UCVTF, enc.SHIFT_UCVTF, rd, rn, fbits))

    def fcvtzs(self, rd: GPRegister | FPRegister, rn: FPRegister, fbits: int | None = None
               ) -> None:
        """``fcvtzs wd|xd, rn{, #fbits}``: to signed integer (or fixed-point with
        ``fbits`` fraction bits), rounding toward zero."""
        if fbits is None:
            self._put(_cvt_to_int("fcvtzs", enc.INT_FCVTZS, enc.MISC_FCVTZS, rd, rn))
        else:
            self._put(_fixed_to_int("fcvtzs", enc.FIX_FCVTZS, enc.SHIFT_FCVTZS, rd, rn, fbits))

    def fcvtzu(self, rd: GPRegister | FPRegister, rn: FPRegister, fbits: int | None = None
               ) -> None:
        """``fcvtzu wd|xd, rn{, #fbits}``: to unsigned integer (or fixed-point), rounding
        toward zero."""
        if fbits is None:
            self._put(_cvt_to_int("fcvtzu", enc.INT_FCVTZU, enc.MISC_FCVTZU, rd, rn))
        else:
            self._put(_fixed_to_int("fcvtzu", enc.FIX_FCVTZU, enc.SHIFT_FCVTZU, rd, rn, fbits))

    def fcvtns(self, rd: GPRegister | FPRegister, rn: FPRegister) -> None:
        """``fcvtns wd|xd, rn``: to signed integer, to nearest with ties to even."""
        self._put(_cvt_to_int("fcvtns", enc.INT_FCVTNS, enc.MISC_FCVTNS, rd, rn))

    def fcvtnu(self, rd: GPRegister | FPRegister, rn: FPRegister) -> None:
        """``fcvtnu wd|xd, rn``: to unsigned integer, to nearest with ties to even."""
        self._put(_cvt_to_int("fcvtnu", enc.INT_FCVTNU, enc.MISC_FCVTNU, rd, rn))

    def fcvtms(self, rd: GPRegister | FPRegister, rn: FPRegister) -> None:
        """``fcvtms wd|xd, rn``: to signed integer, toward -infinity."""
        self._put(_cvt_to_int("fcvtms", enc.INT_FCVTMS, enc.MISC_FCVTMS, rd, rn))

    def fcvtmu(self, rd: GPRegister | FPRegister, rn: FPRegister) -> None:
        """``fcvtmu wd|xd, rn``: to unsigned integer, toward -infinity."""
        self._put(_cvt_to_int("fcvtmu", enc.INT_FCVTMU, enc.MISC_FCVTMU, rd, rn))

    def fcvtps(self, rd: GPRegister | FPRegister, rn: FPRegister) -> None:
        """``fcvtps wd|xd, rn``: to signed integer, toward +infinity."""
        self._put(_cvt_to_int("fcvtps", enc.INT_FCVTPS, enc.MISC_FCVTPS, rd, rn))

    def fcvtpu(self, rd: GPRegister | FPRegister, rn: FPRegister) -> None:
        """``fcvtpu wd|xd, rn``: to unsigned integer, toward +infinity."""
        self._put(_cvt_to_int("fcvtpu", enc.INT_FCVTPU, enc.MISC_FCVTPU, rd, rn))

    def fcvtas(self, rd: GPRegister | FPRegister, rn: FPRegister) -> None:
        """``fcvtas wd|xd, rn``: to signed integer, to nearest with ties away from zero."""
        self._put(_cvt_to_int("fcvtas", enc.INT_FCVTAS, enc.MISC_FCVTAS, rd, rn))

    def fcvtau(self, rd: GPRegister | FPRegister, rn: FPRegister) -> None:
        """``fcvtau wd|xd, rn``: to unsigned integer, to nearest with ties away from zero."""
        self._put(_cvt_to_int("fcvtau", enc.INT_FCVTAU, enc.MISC_FCVTAU, rd, rn))

    def fjcvtzs(self, rd: GPRegister, rn: FPRegister) -> None:
        """``fjcvtzs wd, dn`` (ARMv8.3 FEAT_JSCVT): JavaScript ToInt32 of a double,
        Z flag set when the conversion was exact."""
        d = checks.gp_code("fjcvtzs", "destination", rd, 32)
        n = checks.fp("fjcvtzs", "source", rn, (64,)).code
        self._put(enc.fp_int(0, 1, enc.INT_FJCVTZS, d, n))


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
