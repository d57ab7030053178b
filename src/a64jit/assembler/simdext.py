"""Advanced SIMD extensions beyond ARMv8.0: RDM (sqrdmlah, sqrdmlsh; v8.1), dot product
(sdot, udot; v8.2), I8MM (smmla, ummla, usmmla, usdot; v8.6) and BF16 (bfdot, bfmmla,
bfmlalb/t, bfcvtn(2), bfcvt; v8.6)::

    a.sqrdmlah(v0.h8, v1.h8, v2.h[3])
    a.udot(v0.s4, v1.b16, v2.b16)
    a.bfmlalb(v0.s4, v1.h8, v2.h8)

The by-element forms of the dot products (``sdot v0.4s, v1.16b, v2.4b[1]``, ``bfdot ...,
v2.2h[1]``) are not covered: their ``.4b``/``.2h`` lane operands have no a64jit operand.
"""

from __future__ import annotations

from typing import Final

from ..errors import bad_operand
from ..operands import FPRegister, VArrangement, VElement
from . import table
from .core import AssemblerCore
from .simd import _SUFFIX, _attr, _element3, _like, _scalar_regs, _vec

SIMD_EXT: Final = table.Table("simd_ext", "Advanced SIMD RDM, dot product, I8MM and BF16")
_VF = VArrangement | FPRegister


def _shape(insn: str, vd: object, vn: object, vm: object, dest: tuple[str, ...],
           source: dict[str, str]) -> tuple[VArrangement, VArrangement, VArrangement]:
    """A destination arranged as one of ``dest`` and two sources arranged as
    ``source[destination arrangement]``."""
    d = _vec(insn, "destination", vd, dest)
    want = source[_attr(d)]
    for operand, reg in (("first source", vn), ("second source", vm)):
        if type(reg) is not VArrangement or _attr(reg) != want:
            raise bad_operand(insn, operand, reg, f"a vector register arranged as "
                              f".{_SUFFIX[want]} for a .{_SUFFIX[_attr(d)]} destination")
    assert isinstance(vn, VArrangement) and isinstance(vm, VArrangement)
    return d, vn, vm


@SIMD_EXT.form("{name} vd.4h|8h|2s|4s, vn, vm|vm.<ts>[i] (or h/s scalars)")
def _rdm(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF,
         vm: _VF | VElement) -> None:
    insn = spec.name
    if type(vm) is VElement:
        self._put(_element3(insn, vd, vn, vm))
        return
    if type(vd) is FPRegister:
        # scalar: ``01 1 11110 size 0 Rm 1000 S 1 Rn Rd``
        rn = _scalar_regs(insn, vd, vn, (16, 32))
        if type(vm) is not FPRegister or vm.size != vd.size:
            raise bad_operand(insn, "second source", vm, f"a {vd.size}-bit scalar like the "
                              "destination")
        self._put(0x7E008400 | (vd.size // 16) << 22 | vm.code << 16 | spec["s"] << 11
                  | rn.code << 5 | vd.code)
        return
    d = _vec(insn, "destination", vd, ("h4", "h8", "s2", "s4"))
    n = _like(insn, "first source", vn, d)
    m = _like(insn, "second source", vm, d)
    # ``0 Q 1 01110 size 0 Rm 1000 S 1 Rn Rd``
    self._put(0x2E008400 | d.q << 30 | d.size << 22 | m.code << 16 | spec["s"] << 11
              | n.code << 5 | d.code)


_DOT: Final = {"s2": "b8", "s4": "b16"}


@SIMD_EXT.form("{name} vd.2s|4s, vn.8b|16b, vm.8b|16b")
def _dot(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
         vm: VArrangement) -> None:
    d, n, m = _shape(spec.name, vd, vn, vm, ("s2", "s4"), _DOT)
    self._put(spec["base"] | d.q << 30 | m.code << 16 | n.code << 5 | d.code)


@SIMD_EXT.form("{name} vd.4s, vn.16b, vm.16b")
def _mmla(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
          vm: VArrangement) -> None:
    d, n, m = _shape(spec.name, vd, vn, vm, ("s4",), {"s4": spec["src"]})
    self._put(spec["base"] | m.code << 16 | n.code << 5 | d.code)


@SIMD_EXT.form("{name} vd.2s|4s, vn.4h|8h, vm.4h|8h")
def _bfdot(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
           vm: VArrangement) -> None:
    d, n, m = _shape(spec.name, vd, vn, vm, ("s2", "s4"), {"s2": "h4", "s4": "h8"})
    self._put(0x2E40FC00 | d.q << 30 | m.code << 16 | n.code << 5 | d.code)


@SIMD_EXT.form("{name} vd.4s, vn.8h, vm.8h|vm.h[i] (vm in v0-v15 for a lane)")
def _bfmlal(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
            vm: VArrangement | VElement) -> None:
    insn, q = spec.name, spec["top"]
    if type(vm) is VElement:
        _shape(insn, vd, vn, vn, ("s4",), {"s4": "h8"})
        assert isinstance(vd, VArrangement) and isinstance(vn, VArrangement)
        if vm.size != 16 or vm.code > 15:
            raise bad_operand(insn, "element", vm, "a 16-bit lane of v0-v15 such as v2.h[7]")
        i = vm.index
        # ``0 Q 0 01111 11 L M Rm 1111 H 0 Rn Rd``
        self._put(0x0FC0F000 | q << 30 | (i >> 1 & 1) << 21 | (i & 1) << 20 | vm.code << 16
                  | (i >> 2) << 11 | vn.code << 5 | vd.code)
        return
    d, n, m = _shape(insn, vd, vn, vm, ("s4",), {"s4": "h8"})
    self._put(0x2EC0FC00 | q << 30 | m.code << 16 | n.code << 5 | d.code)


@SIMD_EXT.form("{name} vd.4h|8h, vn.4s")
def _bfcvtn(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement) -> None:
    upper = spec["upper"]
    d = _vec(spec.name, "destination", vd, ("h8",) if upper else ("h4",))
    if type(vn) is not VArrangement or _attr(vn) != "s4":
        raise bad_operand(spec.name, "source", vn, "a vector register arranged as .4s")
    self._put(0x0EA16800 | upper << 30 | vn.code << 5 | d.code)


@SIMD_EXT.form("{name} hd, sn")
def _bfcvt(self: AssemblerCore, spec: table.Spec, rd: FPRegister, rn: FPRegister) -> None:
    if type(rd) is not FPRegister or rd.size != 16:
        raise bad_operand(spec.name, "destination", rd, "h0-h31")
    if type(rn) is not FPRegister or rn.size != 32:
        raise bad_operand(spec.name, "source", rn, "s0-s31")
    self._put(0x1E634000 | rn.code << 5 | rd.code)


class SimdExtMixin(AssemblerCore):
    """RDM, dot product, I8MM and BF16 Advanced SIMD instructions (see the module
    docstring)."""

    sqrdmlah = _rdm("sqrdmlah", "signed saturating rounding doubling multiply accumulate "
                    "returning high half (RDM)", s=0)
    sqrdmlsh = _rdm("sqrdmlsh", "signed saturating rounding doubling multiply subtract "
                    "returning high half (RDM)", s=1)
    sdot = _dot("sdot", "signed dot product of 4 bytes into each 32-bit lane",
                base=0x0E809400)
    udot = _dot("udot", "unsigned dot product of 4 bytes into each 32-bit lane",
                base=0x2E809400)
    usdot = _dot("usdot", "dot product of unsigned (vn) by signed (vm) bytes (I8MM)",
                 base=0x0E809C00)
    smmla = _mmla("smmla", "signed 8-bit integer matrix multiply-accumulate (I8MM)",
                  base=0x4E80A400, src="b16")
    ummla = _mmla("ummla", "unsigned 8-bit integer matrix multiply-accumulate (I8MM)",
                  base=0x6E80A400, src="b16")
    usmmla = _mmla("usmmla", "unsigned by signed 8-bit matrix multiply-accumulate (I8MM)",
                   base=0x4E80AC00, src="b16")
    bfmmla = _mmla("bfmmla", "BFloat16 matrix multiply-accumulate into .4s",
                   base=0x6E40EC00, src="h8")
    bfdot = _bfdot("bfdot", "BFloat16 dot product of pairs into each single lane")
    bfmlalb = _bfmlal("bfmlalb", "BFloat16 multiply-add long of the even (bottom) lanes",
                      top=0)
    bfmlalt = _bfmlal("bfmlalt", "BFloat16 multiply-add long of the odd (top) lanes", top=1)
    bfcvtn = _bfcvtn("bfcvtn", "convert singles to BFloat16, narrow", upper=False)
    bfcvtn2 = _bfcvtn("bfcvtn2", "convert singles to BFloat16 into the upper half",
                      upper=True)
    bfcvt = _bfcvt("bfcvt", "convert a single to BFloat16 (scalar)")
