"""Multiply and add/subtract-with-carry instructions.

Multiplies are the "Data-processing (3 source)" class: madd, msub and the 64-bit
long (``smaddl x0, w1, w2, x3``) and high (``smulh``) forms, plus their aliases with
the zero register as addend (mul, mneg, smull, umull, smnegl, umnegl). The carry
forms (adc, adcs, sbc, sbcs and their aliases ngc, ngcs) live here too: like the
multiplies they are three plain same-width registers with no shift or immediate.
"""

from __future__ import annotations

from ..encoding import carry as cenc
from ..encoding import dp3src as enc
from ..errors import OperandError
from ..operands import GPRegister, xzr
from . import checks
from .core import AssemblerCore
from .simd import vector_dp, vector_mull

_DNM = ("destination", "first source", "second source")
_DNMA = ("destination", "first source", "second source", "addend")
_DM = ("destination", "source")

_MADD = enc.OP31_MADD
_SMADDL = enc.OP31_SMADDL
_UMADDL = enc.OP31_UMADDL
_SMULH = enc.OP31_SMULH
_UMULH = enc.OP31_UMULH


class MultiplyMixin(AssemblerCore):
    """madd, msub, mul, mneg, [su]maddl, [su]msubl, [su]mull, [su]mnegl, [su]mulh;
    adc, adcs, sbc, sbcs, ngc, ngcs."""

    # -- multiply-add/subtract, 32- or 64-bit ------------------------------------------

    def madd(self, rd: GPRegister, rn: GPRegister, rm: GPRegister, ra: GPRegister) -> None:
        """``madd rd, rn, rm, ra``: rd = ra + rn * rm."""
        sf = checks.gp_sf("madd", _DNMA, rd, rn, rm, ra)
        self._put(enc.dp3src("madd", sf, _MADD, 0, rd.code, rn.code, rm.code, ra.code))

    def msub(self, rd: GPRegister, rn: GPRegister, rm: GPRegister, ra: GPRegister) -> None:
        """``msub rd, rn, rm, ra``: rd = ra - rn * rm."""
        sf = checks.gp_sf("msub", _DNMA, rd, rn, rm, ra)
        self._put(enc.dp3src("msub", sf, _MADD, 1, rd.code, rn.code, rm.code, ra.code))

    def mul(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``mul rd, rn, rm`` = ``madd rd, rn, rm, zr``."""
        try:
            sf = checks.gp_sf("mul", _DNM, rd, rn, rm)
        except OperandError:
            if vector_dp(self, "mul", rd, rn, rm, None):  # vector forms (simd.py)
                return
            raise
        self._put(enc.dp3src("mul", sf, _MADD, 0, rd.code, rn.code, rm.code, 31))

    def mneg(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``mneg rd, rn, rm`` = ``msub rd, rn, rm, zr``: rd = -(rn * rm)."""
        sf = checks.gp_sf("mneg", _DNM, rd, rn, rm)
        self._put(enc.dp3src("mneg", sf, _MADD, 1, rd.code, rn.code, rm.code, 31))

    # -- long multiplies: x destination and addend, w sources --------------------------

    def smaddl(self, rd: GPRegister, rn: GPRegister, rm: GPRegister, ra: GPRegister) -> None:
        """``smaddl xd, wn, wm, xa``: xd = xa + sext(wn) * sext(wm)."""
        self._long("smaddl", _SMADDL, 0, rd, rn, rm, ra)

    def smsubl(self, rd: GPRegister, rn: GPRegister, rm: GPRegister, ra: GPRegister) -> None:
        """``smsubl xd, wn, wm, xa``: xd = xa - sext(wn) * sext(wm)."""
        self._long("smsubl", _SMADDL, 1, rd, rn, rm, ra)

    def umaddl(self, rd: GPRegister, rn: GPRegister, rm: GPRegister, ra: GPRegister) -> None:
        """``umaddl xd, wn, wm, xa``: xd = xa + zext(wn) * zext(wm)."""
        self._long("umaddl", _UMADDL, 0, rd, rn, rm, ra)

    def umsubl(self, rd: GPRegister, rn: GPRegister, rm: GPRegister, ra: GPRegister) -> None:
        """``umsubl xd, wn, wm, xa``: xd = xa - zext(wn) * zext(wm)."""
        self._long("umsubl", _UMADDL, 1, rd, rn, rm, ra)

    def smull(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``smull xd, wn, wm`` = ``smaddl xd, wn, wm, xzr``."""
        try:
            self._long("smull", _SMADDL, 0, rd, rn, rm, xzr)
        except OperandError:
            if not vector_mull(self, "smull", rd, rn, rm):  # vector forms (simd.py)
                raise

    def umull(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``umull xd, wn, wm`` = ``umaddl xd, wn, wm, xzr``."""
        try:
            self._long("umull", _UMADDL, 0, rd, rn, rm, xzr)
        except OperandError:
            if not vector_mull(self, "umull", rd, rn, rm):  # vector forms (simd.py)
                raise

    def smnegl(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``smnegl xd, wn, wm`` = ``smsubl xd, wn, wm, xzr``."""
        self._long("smnegl", _SMADDL, 1, rd, rn, rm, xzr)

    def umnegl(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``umnegl xd, wn, wm`` = ``umsubl xd, wn, wm, xzr``."""
        self._long("umnegl", _UMADDL, 1, rd, rn, rm, xzr)

    # -- high halves of the 128-bit product (64-bit only) ------------------------------

    def smulh(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``smulh xd, xn, xm``: the high 64 bits of the signed 128-bit product."""
        self._high("smulh", _SMULH, rd, rn, rm)

    def umulh(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``umulh xd, xn, xm``: the high 64 bits of the unsigned 128-bit product."""
        self._high("umulh", _UMULH, rd, rn, rm)

    # -- add/subtract with carry -------------------------------------------------------

    def adc(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``adc rd, rn, rm``: rd = rn + rm + C."""
        sf = checks.gp_sf("adc", _DNM, rd, rn, rm)
        self._put(cenc.addsub_carry("adc", sf, 0, 0, rd.code, rn.code, rm.code))

    def adcs(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``adcs rd, rn, rm``: add with carry, setting flags."""
        sf = checks.gp_sf("adcs", _DNM, rd, rn, rm)
        self._put(cenc.addsub_carry("adcs", sf, 0, 1, rd.code, rn.code, rm.code))

    def sbc(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``sbc rd, rn, rm``: rd = rn - rm - 1 + C."""
        sf = checks.gp_sf("sbc", _DNM, rd, rn, rm)
        self._put(cenc.addsub_carry("sbc", sf, 1, 0, rd.code, rn.code, rm.code))

    def sbcs(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``sbcs rd, rn, rm``: subtract with carry, setting flags."""
        sf = checks.gp_sf("sbcs", _DNM, rd, rn, rm)
        self._put(cenc.addsub_carry("sbcs", sf, 1, 1, rd.code, rn.code, rm.code))

    def ngc(self, rd: GPRegister, rm: GPRegister) -> None:
        """``ngc rd, rm`` = ``sbc rd, zr, rm``."""
        sf = checks.gp_sf("ngc", _DM, rd, rm)
        self._put(cenc.addsub_carry("ngc", sf, 1, 0, rd.code, 31, rm.code))

    def ngcs(self, rd: GPRegister, rm: GPRegister) -> None:
        """``ngcs rd, rm`` = ``sbcs rd, zr, rm``."""
        sf = checks.gp_sf("ngcs", _DM, rd, rm)
        self._put(cenc.addsub_carry("ngcs", sf, 1, 1, rd.code, 31, rm.code))

    # -- shared operand checks ---------------------------------------------------------

    def _long(self, insn: str, op31: int, o0: int, rd: GPRegister, rn: GPRegister,
              rm: GPRegister, ra: GPRegister) -> None:
        # x destination and addend, w sources; one fused test, then name the culprit.
        if not (type(rd) is GPRegister and type(rn) is GPRegister and type(rm) is GPRegister
                and type(ra) is GPRegister and rd.size == 64 and rn.size == 32
                and rm.size == 32 and ra.size == 64
                and not (rd.is_sp or rn.is_sp or rm.is_sp or ra.is_sp)):
            checks.gp(insn, "destination", rd, 64)
            checks.gp(insn, "first source", rn, 32)
            checks.gp(insn, "second source", rm, 32)
            checks.gp(insn, "addend", ra, 64)
        self._put(enc.dp3src(insn, 1, op31, o0, rd.code, rn.code, rm.code, ra.code))

    def _high(self, insn: str, op31: int, rd: GPRegister, rn: GPRegister,
              rm: GPRegister) -> None:
        if checks.gp_sf(insn, _DNM, rd, rn, rm) != 1:
            checks.gp(insn, "destination", rd, 64)  # names the 32-bit register
        self._put(enc.dp3src(insn, 1, op31, 0, rd.code, rn.code, rm.code, 31))
