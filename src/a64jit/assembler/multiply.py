"""Multiply and add/subtract-with-carry instructions.

Multiplies are the "Data-processing (3 source)" class: madd, msub and the 64-bit
long (``smaddl x0, w1, w2, x3``) and high (``smulh``) forms, plus their aliases with
the zero register as addend (mul, mneg, smull, umull, smnegl, umnegl). The carry
forms (adc, adcs, sbc, sbcs and their aliases ngc, ngcs) live here too: like the
multiplies they are three plain same-width registers with no shift or immediate.

Every mnemonic is one row of the table ``MULTIPLY`` (see table.py). Row fields:
``op31`` and ``o0`` of the 3-source class, ``op`` and ``s`` of the carry class, and
``vector`` for the mnemonics that also have Advanced SIMD forms (simd.py).
"""

from __future__ import annotations

from ..encoding import carry as cenc
from ..encoding import dp3src as enc
from ..errors import OperandError
from ..operands import GPRegister, VArrangement, VElement, xzr
from . import checks, table
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

MULTIPLY = table.Table("multiply", "multiply, multiply-add and add/subtract with carry")


def _long(self: AssemblerCore, insn: str, op31: int, o0: int, rd: GPRegister,
          rn: GPRegister, rm: GPRegister, ra: GPRegister) -> None:
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


@MULTIPLY.form("{name} rd, rn, rm, ra")
def _madd(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
          rm: GPRegister, ra: GPRegister) -> None:
    insn = spec.name
    sf = checks.gp_sf(insn, _DNMA, rd, rn, rm, ra)
    self._put(enc.dp3src(insn, sf, _MADD, spec["o0"], rd.code, rn.code, rm.code, ra.code))


def _mul_encode(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
                rm: GPRegister) -> None:
    insn = spec.name
    try:
        sf = checks.gp_sf(insn, _DNM, rd, rn, rm)
    except OperandError:
        if spec["vector"] and vector_dp(self, insn, rd, rn, rm, None):  # (simd.py)
            return
        raise
    self._put(enc.dp3src(insn, sf, _MADD, spec["o0"], rd.code, rn.code, rm.code, 31))


def _mul_vector(self: AssemblerCore, spec: table.Spec, rd: GPRegister | VArrangement,
                rn: GPRegister | VArrangement, rm: GPRegister | VArrangement | VElement,
                ) -> None:
    """mul: also ``vd.T, vn.T, vm.T`` and ``vd.T, vn.T, vm.ts[i]`` (simd.vector_dp)."""


_mul = MULTIPLY.form("{name} rd, rn, rm")(_mul_encode)
_mul_or_vector = MULTIPLY.form("{name} rd, rn, rm | {name} vd.T, vn.T, vm.T | vm.Ts[i]")(
    table.typed_as(_mul_encode, _mul_vector))


@MULTIPLY.form("{name} xd, wn, wm, xa")
def _long4(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
           rm: GPRegister, ra: GPRegister) -> None:
    _long(self, spec.name, spec["op31"], spec["o0"], rd, rn, rm, ra)


def _long3_encode(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
                  rm: GPRegister) -> None:
    try:
        _long(self, spec.name, spec["op31"], spec["o0"], rd, rn, rm, xzr)
    except OperandError:
        if not (spec["vector"] and vector_mull(self, spec.name, rd, rn, rm)):  # (simd.py)
            raise


def _mull_vector(self: AssemblerCore, spec: table.Spec, rd: GPRegister | VArrangement,
                 rn: GPRegister | VArrangement, rm: GPRegister | VArrangement | VElement,
                 ) -> None:
    """smull, umull: also ``vd.8h|4s|2d, vn.<narrow>, vm.<narrow>`` and ``vm.ts[i]``
    (simd.vector_mull)."""


_long3 = MULTIPLY.form("{name} xd, wn, wm")(_long3_encode)
_long3_or_vector = MULTIPLY.form(
    "{name} xd, wn, wm | {name} vd.8h|4s|2d, vn.<narrow>, vm.<narrow> | vm.Ts[i]")(
    table.typed_as(_long3_encode, _mull_vector))


@MULTIPLY.form("{name} xd, xn, xm")
def _high(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
          rm: GPRegister) -> None:
    insn = spec.name
    if checks.gp_sf(insn, _DNM, rd, rn, rm) != 1:
        checks.gp(insn, "destination", rd, 64)  # names the 32-bit register
    self._put(enc.dp3src(insn, 1, spec["op31"], 0, rd.code, rn.code, rm.code, 31))


@MULTIPLY.form("{name} rd, rn, rm")
def _carry(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
           rm: GPRegister) -> None:
    insn = spec.name
    sf = checks.gp_sf(insn, _DNM, rd, rn, rm)
    self._put(cenc.addsub_carry(insn, sf, spec["op"], spec["s"], rd.code, rn.code, rm.code))


@MULTIPLY.form("{name} rd, rm")
def _ngc(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rm: GPRegister) -> None:
    insn = spec.name
    sf = checks.gp_sf(insn, _DM, rd, rm)
    self._put(cenc.addsub_carry(insn, sf, 1, spec["s"], rd.code, 31, rm.code))


class MultiplyMixin(AssemblerCore):
    """madd, msub, mul, mneg, [su]maddl, [su]msubl, [su]mull, [su]mnegl, [su]mulh;
    adc, adcs, sbc, sbcs, ngc, ngcs."""

    # -- multiply-add/subtract, 32- or 64-bit ------------------------------------------
    madd = _madd("madd", "rd = ra + rn * rm", o0=0)
    msub = _madd("msub", "rd = ra - rn * rm", o0=1)
    mul = _mul_or_vector("mul", "= ``madd rd, rn, rm, zr``", o0=0, vector=True)
    mneg = _mul("mneg", "= ``msub rd, rn, rm, zr``: rd = -(rn * rm)", o0=1, vector=False)

    # -- long multiplies: x destination and addend, w sources --------------------------
    smaddl = _long4("smaddl", "xd = xa + sext(wn) * sext(wm)", op31=_SMADDL, o0=0)
    smsubl = _long4("smsubl", "xd = xa - sext(wn) * sext(wm)", op31=_SMADDL, o0=1)
    umaddl = _long4("umaddl", "xd = xa + zext(wn) * zext(wm)", op31=_UMADDL, o0=0)
    umsubl = _long4("umsubl", "xd = xa - zext(wn) * zext(wm)", op31=_UMADDL, o0=1)
    smull = _long3_or_vector("smull", "= ``smaddl xd, wn, wm, xzr``", op31=_SMADDL, o0=0,
                             vector=True)
    umull = _long3_or_vector("umull", "= ``umaddl xd, wn, wm, xzr``", op31=_UMADDL, o0=0,
                             vector=True)
    smnegl = _long3("smnegl", "= ``smsubl xd, wn, wm, xzr``", op31=_SMADDL, o0=1,
                    vector=False)
    umnegl = _long3("umnegl", "= ``umsubl xd, wn, wm, xzr``", op31=_UMADDL, o0=1,
                    vector=False)

    # -- high halves of the 128-bit product (64-bit only) ------------------------------
    smulh = _high("smulh", "the high 64 bits of the signed 128-bit product", op31=_SMULH)
    umulh = _high("umulh", "the high 64 bits of the unsigned 128-bit product", op31=_UMULH)

    # -- add/subtract with carry -------------------------------------------------------
    adc = _carry("adc", "rd = rn + rm + C", op=0, s=0)
    adcs = _carry("adcs", "add with carry, setting flags", op=0, s=1)
    sbc = _carry("sbc", "rd = rn - rm - 1 + C", op=1, s=0)
    sbcs = _carry("sbcs", "subtract with carry, setting flags", op=1, s=1)
    ngc = _ngc("ngc", "= ``sbc rd, zr, rm``", s=0)
    ngcs = _ngc("ngcs", "= ``sbcs rd, zr, rm``", s=1)
