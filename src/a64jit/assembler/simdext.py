"""Advanced SIMD extensions beyond ARMv8.0: RDM (sqrdmlah, sqrdmlsh; v8.1), dot product
(sdot, udot; v8.2), FHM (fmlal, fmlsl, fmlal2, fmlsl2; v8.2), complex numbers (fcmla,
fcadd; v8.3), I8MM (smmla, ummla, usmmla, usdot, sudot; v8.6) and BF16 (bfdot, bfmmla,
bfmlalb/t, bfcvtn(2), bfcvt; v8.6)::

    a.sqrdmlah(v0.h8, v1.h8, v2.h[3])
    a.udot(v0.s4, v1.b16, v2.b16)
    a.sdot(v0.s4, v1.b16, v2.b4[3])     # sdot v0.4s, v1.16b, v2.4b[3]: by element
    a.bfdot(v0.s2, v1.h4, v2.h2[1])     # bfdot v0.2s, v1.4h, v2.2h[1]
    a.bfmlalb(v0.s4, v1.h8, v2.h8)
    a.fmlal(v0.s2, v1.h2, v2.h2)        # fmlal v0.2s, v1.2h, v2.2h
    a.fcmla(v0.s4, v1.s4, v2.s[1], 90)  # fcmla v0.4s, v1.4s, v2.s[1], #90

The by-element dot products take a 32-bit group of lanes of vm (``v2.b4[i]``,
``v2.h2[i]``, i in 0-3; see a64jit.vecops.VPackedLane), any of v0-v31.
"""

from __future__ import annotations

from typing import Final

from ..errors import bad_operand, bad_value
from ..operands import FPRegister, VArrangement, VElement, VPacked, VPackedLane
from ..vecops import ARRANGEMENTS
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
_BFDOT: Final = {"s2": "h4", "s4": "h8"}


def _by_group(insn: str, base: int, vd: object, vn: object, vm: VPackedLane,
              source: dict[str, str]) -> int:
    """A dot product by element: ``0 Q U 01111 size L M Rm opcode H 0 Rn Rd`` with vm one
    32-bit group (``v2.4b[i]`` or ``v2.2h[i]``, index i = H:L, vm any of v0-v31)."""
    d = _vec(insn, "destination", vd, ("s2", "s4"))
    want = source[_attr(d)]
    if type(vn) is not VArrangement or _attr(vn) != want:
        raise bad_operand(insn, "first source", vn, f"a vector register arranged as "
                          f".{_SUFFIX[want]} for a .{_SUFFIX[_attr(d)]} destination")
    esize = ARRANGEMENTS[want][0]
    if vm.esize != esize:
        what = "4 bytes such as v2.4b[3]" if esize == 8 else "2 halfwords such as v2.2h[3]"
        raise bad_operand(insn, "second source", vm, f"a group of {what}")
    i = vm.index
    return (base | d.q << 30 | (i & 1) << 21 | vm.code << 16 | (i >> 1) << 11 | vn.code << 5
            | d.code)


def _not_group(insn: str, vm: object, esize: int) -> None:
    """A by-element source that is not a group: say which lanes the instruction takes."""
    if type(vm) is VElement or type(vm) is VPackedLane:
        group = "v2.4b[3]" if esize == 8 else "v2.2h[3]"
        raise bad_operand(insn, "second source", vm, f"a vector register or a group such as "
                          f"{group} (v2.{'b4' if esize == 8 else 'h2'}[3]) by element")


@SIMD_EXT.form("{name} vd.2s|4s, vn.8b|16b, vm.8b|16b|vm.4b[i]")
def _dot(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
         vm: VArrangement | VPackedLane) -> None:
    if type(vm) is VPackedLane:
        self._put(_by_group(spec.name, spec["elem"], vd, vn, vm, _DOT))
        return
    _not_group(spec.name, vm, 8)
    d, n, m = _shape(spec.name, vd, vn, vm, ("s2", "s4"), _DOT)
    self._put(spec["base"] | d.q << 30 | m.code << 16 | n.code << 5 | d.code)


@SIMD_EXT.form("{name} vd.2s|4s, vn.8b|16b, vm.4b[i]")
def _dot_elem(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
              vm: VPackedLane) -> None:
    if type(vm) is not VPackedLane:
        raise bad_operand(spec.name, "second source", vm, "a group of 4 bytes such as "
                          "v2.4b[3] (v2.b4[3]); no vector form")
    self._put(_by_group(spec.name, spec["elem"], vd, vn, vm, _DOT))


@SIMD_EXT.form("{name} vd.4s, vn.16b, vm.16b")
def _mmla(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
          vm: VArrangement) -> None:
    d, n, m = _shape(spec.name, vd, vn, vm, ("s4",), {"s4": spec["src"]})
    self._put(spec["base"] | m.code << 16 | n.code << 5 | d.code)


@SIMD_EXT.form("{name} vd.2s|4s, vn.4h|8h, vm.4h|8h|vm.2h[i]")
def _bfdot(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
           vm: VArrangement | VPackedLane) -> None:
    if type(vm) is VPackedLane:
        self._put(_by_group(spec.name, 0x0F40F000, vd, vn, vm, _BFDOT))
        return
    _not_group(spec.name, vm, 16)
    d, n, m = _shape(spec.name, vd, vn, vm, ("s2", "s4"), _BFDOT)
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


_FHM: Final = {"s2": "2h", "s4": "4h"}


@SIMD_EXT.form("{name} vd.2s|4s, vn.2h|4h, vm.2h|4h|vm.h[i] (vm in v0-v15 for a lane)")
def _fhm(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement | VPacked,
         vm: VArrangement | VPacked | VElement) -> None:
    """FP16 to single fused multiply-add long: the lower (fmlal) or upper (fmlal2) halves
    of vn's and vm's lanes; a .2s destination takes .2h sources (``v1.h2``)."""
    insn = spec.name
    d = _vec(insn, "destination", vd, ("s2", "s4"))
    want = _FHM[_attr(d)]

    def half(reg: object) -> bool:  # arranged as want: .2h (a VPacked) or .4h
        if want == "2h":
            return type(reg) is VPacked and reg.esize == 16
        return type(reg) is VArrangement and _attr(reg) == "h4"

    if not half(vn):
        raise bad_operand(insn, "first source", vn, f"a vector register arranged as .{want} "
                          f"for a .{_SUFFIX[_attr(d)]} destination"
                          + (" (v1.h2 for v1.2h)" if want == "2h" else ""))
    assert isinstance(vn, (VArrangement, VPacked))
    if type(vm) is VElement:
        if vm.size != 16 or vm.code > 15:
            raise bad_operand(insn, "second source", vm, "a 16-bit lane of v0-v15 such as "
                              "v2.h[7]")
        i = vm.index
        # ``0 Q U 01111 1 0 L M Rm(4) opcode H 0 Rn Rd``, index H:L:M
        self._put(0x0F800000 | d.q << 30 | spec["elem"] | (i >> 1 & 1) << 21 | (i & 1) << 20
                  | vm.code << 16 | (i >> 2) << 11 | vn.code << 5 | d.code)
        return
    if not half(vm):
        raise bad_operand(insn, "second source", vm, f"a vector register arranged as .{want} "
                          "like the first source, or a lane such as v2.h[7]")
    assert isinstance(vm, (VArrangement, VPacked))
    self._put(spec["base"] | d.q << 30 | vm.code << 16 | vn.code << 5 | d.code)


_COMPLEX: Final = ("h4", "h8", "s2", "s4", "d2")


def _rotation(insn: str, rot: object, allowed: tuple[int, ...]) -> int:
    if type(rot) is not int:
        raise bad_operand(insn, "rotation", rot, "an int: " + ", ".join(map(str, allowed)))
    if rot not in allowed:
        raise bad_value(insn, "rotation", rot, ", ".join(f"#{r}" for r in allowed))
    return allowed.index(rot)


@SIMD_EXT.form("{name} vd.4h|8h|2s|4s|2d, vn, vm|vm.h[i]|vm.s[i], #0|#90|#180|#270")
def _fcmla(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
           vm: VArrangement | VElement, rot: int) -> None:
    """Complex multiply-add with rotation: pairs of lanes are (real, imaginary)."""
    insn = spec.name
    d = _vec(insn, "destination", vd, _COMPLEX)
    n = _like(insn, "first source", vn, d)
    if type(vm) is VElement:
        # ``0 Q 1 01111 size L M Rm 0 rot 1 H 0 Rn Rd``: a (real, imaginary) pair of vm
        attr = _attr(d)
        if spec["add"]:
            raise bad_operand(insn, "second source", vm, "a vector register (fcadd has no "
                              "by-element form)")
        if attr not in ("h4", "h8", "s4") or vm.size != d.esize:
            raise bad_operand(insn, "second source", vm, "a vector register, or a lane of "
                              "v0.h (for .4h/.8h) or v0.s (for .4s)")
        pairs = d.lanes // 2
        r = _rotation(insn, rot, (0, 90, 180, 270))
        if vm.index >= pairs:
            raise bad_value(insn, "lane index", vm.index, f"0..{pairs - 1} (a pair of "
                            f".{_SUFFIX[attr]} lanes)")
        h, l = (vm.index >> 1, vm.index & 1) if d.esize == 16 else (vm.index, 0)
        self._put(0x2F001000 | d.q << 30 | (1 if d.esize == 16 else 2) << 22 | l << 21
                  | vm.code << 16 | r << 13 | h << 11 | n.code << 5 | d.code)
        return
    m = _like(insn, "second source", vm, d)
    size = {16: 1, 32: 2, 64: 3}[d.esize]
    if spec["add"]:  # fcadd: ``0 Q 1 01110 size 0 Rm 111 rot 01 Rn Rd``, #90 or #270
        r = _rotation(insn, rot, (90, 270))
        self._put(0x2E00E400 | d.q << 30 | size << 22 | m.code << 16 | r << 12 | n.code << 5
                  | d.code)
        return
    r = _rotation(insn, rot, (0, 90, 180, 270))  # ``0 Q 1 01110 size 0 Rm 110 rot 1 Rn Rd``
    self._put(0x2E00C400 | d.q << 30 | size << 22 | m.code << 16 | r << 11 | n.code << 5
              | d.code)


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
                base=0x0E809400, elem=0x0F80E000)
    udot = _dot("udot", "unsigned dot product of 4 bytes into each 32-bit lane",
                base=0x2E809400, elem=0x2F80E000)
    usdot = _dot("usdot", "dot product of unsigned (vn) by signed (vm) bytes (I8MM)",
                 base=0x0E809C00, elem=0x0F80F000)
    sudot = _dot_elem("sudot", "dot product of signed (vn) by unsigned (vm.4b[i]) bytes, by "
                      "element (I8MM)", elem=0x0F00F000)
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
    fmlal = _fhm("fmlal", "FP16 fused multiply-add long, lower halves (FHM)",
                 base=0x0E20EC00, elem=0x0000)
    fmlsl = _fhm("fmlsl", "FP16 fused multiply-subtract long, lower halves (FHM)",
                 base=0x0EA0EC00, elem=0x4000)
    fmlal2 = _fhm("fmlal2", "FP16 fused multiply-add long, upper halves (FHM)",
                  base=0x2E20CC00, elem=0x20008000)
    fmlsl2 = _fhm("fmlsl2", "FP16 fused multiply-subtract long, upper halves (FHM)",
                  base=0x2EA0CC00, elem=0x2000C000)
    fcmla = _fcmla("fcmla", "floating-point complex multiply-add with rotation (FCMA)",
                   add=False)
    fcadd = _fcmla("fcadd", "floating-point complex add with rotation #90 or #270 (FCMA)",
                   add=True)
