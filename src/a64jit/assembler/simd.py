"""Advanced SIMD, integer and permute core: three-same integer arithmetic and compares,
bitwise select, two-register miscellaneous (cnt, not, rbit, abs, compares with zero),
across-lanes reductions (addv, umaxv, uaddlv, ...), copies (dup, ins, umov, smov),
modified immediates (movi, mvni), permutes (zip/uzp/trn, ext), table lookup (tbl, tbx),
shifts by immediate (shl, sshr, ushr, sri, sli, shrn, sshll, uxtl, ...) and the
load/store multiple structures (ld1-ld4, st1-st4, with post-index by immediate or
register).

Vector operands are arranged registers, ``v0.s4`` for v0.4s (see a64jit.vecops)::

    a.cmeq(v0.b16, v1.b16, v2.b16)
    a.addv(b0, v1.b16)
    a.ld1(vlist(v0.b16, 4), post(x0, 64))      # ld1 {v0.16b-v3.16b}, [x0], #64
    a.ld1(vlist(v0.b16, 1), mem(x0), x2)        # ld1 {v0.16b}, [x0], x2
    a.movi(d0, 0)                               # movi d0, #0

Instructions that share a name with a general-purpose one (add, sub, mul, and, orr, eor,
bic, mov, mvn, neg, rev16, clz, ...) reach their vector forms from the general-purpose
method's error path; those sharing a name with a scalar FP one (fadd, fcvtzs, frintn, ...)
are methods of :class:`SimdFloatShared` that dispatch on the destination.
"""

from __future__ import annotations

from typing import Any, Final

from ..encoding import simd as enc
from ..encoding.fpimm import FPIMM_RULE, encode_fpimm
from ..errors import EncodingError, bad_operand, bad_value
from ..operands import (
    FPRegister,
    GPRegister,
    Mem,
    Msl,
    Shift,
    VArrangement,
    VElement,
    VLaneList,
    VList,
    VPacked,
)
from . import table
from .core import AssemblerCore
from .floating import FLOAT, FloatMixin

_ALL: Final = ("b8", "b16", "h4", "h8", "s2", "s4", "d2")
_BHS: Final = ("b8", "b16", "h4", "h8", "s2", "s4")
_B: Final = ("b8", "b16")
_HS: Final = ("h4", "h8", "s2", "s4")
_SUFFIX: Final = {"b8": "8b", "b16": "16b", "h4": "4h", "h8": "8h", "s2": "2s", "s4": "4s",
                  "d1": "1d", "d2": "2d", "q1": "1q"}
_ATTR: Final = {v: k for k, v in _SUFFIX.items()}


def _attr(reg: VArrangement) -> str:
    return _ATTR[reg.name.split(".")[1]]


def _vec(insn: str, operand: str, reg: object, allowed: tuple[str, ...]) -> VArrangement:
    """An arranged vector register whose arrangement is one of ``allowed``."""
    if type(reg) is VArrangement and _attr(reg) in allowed:
        return reg
    names = ", ".join("." + _SUFFIX[a] for a in allowed)
    raise bad_operand(insn, operand, reg, f"a vector register arranged as {names} "
                      f"(v0.{allowed[0]} for v0.{_SUFFIX[allowed[0]]})")


def _like(insn: str, operand: str, reg: object, first: VArrangement) -> VArrangement:
    """A vector register with the same arrangement as ``first``."""
    if type(reg) is VArrangement and reg.esize == first.esize and reg.q == first.q:
        return reg
    suffix = first.name.split(".")[1]
    raise bad_operand(insn, operand, reg, f"a vector register arranged as .{suffix} like "
                      "the destination")


#: Three-same instructions with a scalar form (``sqadd d0, d1, d2``): the sizes it takes.
_SCALAR3: Final = {
    **dict.fromkeys(("sqadd", "sqsub", "uqadd", "uqsub", "sqshl", "uqshl", "sqrshl", "uqrshl"),
                    (8, 16, 32, 64)),
    **dict.fromkeys(("cmgt", "cmge", "cmhi", "cmhs", "cmeq", "cmtst", "sshl", "ushl", "srshl",
                     "urshl"), (64,)),
    "sqdmulh": (16, 32), "sqrdmulh": (16, 32),
}
_PREFIX: Final = {8: "b", 16: "h", 32: "s", 64: "d"}
_LOG2: Final = {8: 0, 16: 1, 32: 2, 64: 3}


def _scalar3(insn: str, u: int, opcode: int, rd: FPRegister, rn: object, rm: object) -> int:
    """The scalar three-same form: ``01 U 11110 size 1 Rm opcode 1 Rn Rd``."""
    sizes = _SCALAR3.get(insn, ())
    names = ", ".join(f"{_PREFIX[z]}0-31" for z in sizes)
    if rd.size not in sizes:
        raise bad_operand(insn, "destination", rd, f"a vector register or a scalar ({names})"
                          if sizes else "a vector register such as v0.s4")
    for operand, reg in (("first source", rn), ("second source", rm)):
        if type(reg) is not FPRegister or reg.size != rd.size:
            raise bad_operand(insn, operand, reg, f"a {rd.size}-bit scalar register like the "
                              "destination")
    size = {8: 0, 16: 1, 32: 2, 64: 3}[rd.size]
    assert isinstance(rn, FPRegister) and isinstance(rm, FPRegister)
    return 0x5E200400 | u << 29 | size << 22 | rm.code << 16 | opcode << 11 | rn.code << 5 \
        | rd.code


#: By-element ("vector x indexed element") forms: mnemonic -> (U, opcode, floating point).
_ELEMENT: Final = {
    "mla": (1, 0, False), "mls": (1, 4, False), "mul": (0, 8, False),
    "sqdmulh": (0, 12, False), "sqrdmulh": (0, 13, False),
    "fmla": (0, 1, True), "fmls": (0, 5, True), "fmulx": (1, 9, True), "fmul": (0, 9, True),
    "smlal": (0, 2, False), "umlal": (1, 2, False), "smlsl": (0, 6, False),
    "umlsl": (1, 6, False), "smull": (0, 10, False), "umull": (1, 10, False),
    "sqdmlal": (0, 3, False), "sqdmlsl": (0, 7, False), "sqdmull": (0, 11, False),
    "sqrdmlah": (1, 13, False), "sqrdmlsh": (1, 15, False),
}


#: By-element forms that also have a scalar form (``fmla s0, s1, v2.s[1]``).
_SCALAR_ELEMENT: Final = ("sqdmulh", "sqrdmulh", "fmla", "fmls", "fmul", "fmulx", "sqdmull",
                          "sqdmlal", "sqdmlsl", "sqrdmlah", "sqrdmlsh")


def _element3(insn: str, vd: object, vn: object, elem: VElement, long: bool = False,
              upper: bool = False) -> int:
    """``0 Q U 01111 size L M Rm opcode H 0 Rn Rd``: vd, vn and one lane of vm. Integer
    lanes are .h (vm in v0-v15, index 0-7) or .s (index 0-3); FP lanes .s or .d; the long
    forms (smull, ...) take a narrow vn (upper half for the 2 forms) and a wide vd."""
    base = insn[:-1] if insn.endswith("2") else insn
    if base not in _ELEMENT:
        raise bad_operand(insn, "second source", elem, "a vector register (no by-element form)")
    u, opcode, fp = _ELEMENT[base]
    esize = elem.size
    scalar = 0
    if type(vd) is FPRegister:
        # the scalar forms: ``01 U 11111 size L M Rm opcode H 0 Rn Rd``
        if base not in _SCALAR_ELEMENT or upper:
            raise bad_operand(insn, "destination", vd, "a vector register (no scalar "
                              "by-element form)")
        sizes = (16, 32, 64) if fp else (32, 64) if long else (16, 32)
        rs = _scalar_regs(insn, vd, vn, sizes, vd.size // 2 if long else None)
        rd_code, rn_code, q, lane_size, scalar = vd.code, rs.code, 1, rs.size, 1
    elif long:
        n = _vec(insn, "first source", vn, ("h8", "s4") if upper else ("h4", "s2"))
        if type(vd) is not VArrangement or vd.esize != 2 * n.esize or not vd.q:
            raise bad_operand(insn, "destination", vd, "a vector register arranged as "
                              f".{_SUFFIX[_WIDE[n.size]]}")
        rd_code, rn_code, q, lane_size = vd.code, n.code, n.q, n.esize
    else:
        d = _vec(insn, "destination", vd, _FP16 if fp else ("h4", "h8", "s2", "s4"))
        _like(insn, "first source", vn, d)
        assert isinstance(vn, VArrangement)
        rd_code, rn_code, q, lane_size = d.code, vn.code, d.q, d.esize
    if esize != lane_size:
        raise bad_operand(insn, "element", elem, f"a {lane_size}-bit lane such as "
                          f"v1.{_PREFIX[lane_size]}[0]")
    index = elem.index
    if esize == 16:
        if elem.code > 15:
            raise bad_operand(insn, "element", elem, "a lane of v0-v15 for 16-bit elements")
        h, l, m = index >> 2, index >> 1 & 1, index & 1
        rm = elem.code
    elif esize == 32:
        h, l, m = index >> 1, index & 1, elem.code >> 4
        rm = elem.code & 15
    else:
        h, l, m = index, 0, elem.code >> 4
        rm = elem.code & 15
    size = (0 if esize == 16 else 2 | (esize == 64)) if fp else (1 if esize == 16 else 2)
    return (0x0F000000 | q << 30 | u << 29 | scalar << 28 | size << 22 | l << 21 | m << 20
            | rm << 16 | opcode << 12 | h << 11 | rn_code << 5 | rd_code)


def _same3(insn: str, u: int, opcode: int, allowed: tuple[str, ...], vd: object, vn: object,
           vm: object) -> int:
    if type(vm) is VElement:
        return _element3(insn, vd, vn, vm)
    if type(vd) is FPRegister:
        return _scalar3(insn, u, opcode, vd, vn, vm)
    d = _vec(insn, "destination", vd, allowed)
    n = _like(insn, "first source", vn, d)
    m = _like(insn, "second source", vm, d)
    return enc.three_same(d.q, u, d.size, opcode, m.code, n.code, d.code)


def _compare(insn: str, u: int, opcode: int, zero: tuple[int, int] | None, vd: object,
             vn: object, vm: object) -> int:
    """A three-same compare, or its compare-with-zero form when ``vm`` is 0."""
    if type(vm) is int and zero is not None:
        if vm != 0:
            raise bad_value(insn, "immediate", vm, "#0 (the compare-with-zero form)")
        if type(vd) is FPRegister:
            return _scalar_zero(insn, zero[0], zero[1], vd, vn)
        d = _vec(insn, "destination", vd, _ALL)
        n = _like(insn, "source", vn, d)
        return enc.two_misc(d.q, zero[0], d.size, zero[1], n.code, d.code)
    return _same3(insn, u, opcode, _ALL, vd, vn, vm)


#: Two-register miscellaneous with a scalar form (``sqabs s0, s1``): the sizes it takes.
_SCALAR_MISC: Final = {"abs": (64,), "neg": (64,), "sqabs": (8, 16, 32, 64),
                       "sqneg": (8, 16, 32, 64), "suqadd": (8, 16, 32, 64),
                       "usqadd": (8, 16, 32, 64)}


def _scalar_regs(insn: str, rd: FPRegister, rn: object, sizes: tuple[int, ...],
                 rn_size: int | None = None) -> FPRegister:
    """Check a scalar destination against ``sizes`` and a source of ``rn_size`` bits (the
    destination's size by default); return the source."""
    if rd.size not in sizes:
        names = ", ".join(f"{_PREFIX[z]}0-31" for z in sizes)
        raise bad_operand(insn, "destination", rd, f"{names} or a vector register")
    want = rd.size if rn_size is None else rn_size
    if type(rn) is not FPRegister or rn.size != want:
        raise bad_operand(insn, "source", rn, f"{_PREFIX[want]}0-{_PREFIX[want]}31 (a "
                          f"{want}-bit scalar for a {_PREFIX[rd.size]} destination)")
    return rn


def _misc2(insn: str, u: int, opcode: int, allowed: tuple[str, ...], size: int | None,
           vd: object, vn: object) -> int:
    if type(vd) is FPRegister and insn in _SCALAR_MISC:
        rn = _scalar_regs(insn, vd, vn, _SCALAR_MISC[insn])
        return (0x5E200800 | u << 29 | _LOG2[vd.size] << 22 | opcode << 12 | rn.code << 5
                | vd.code)
    d = _vec(insn, "destination", vd, allowed)
    n = _like(insn, "source", vn, d)
    return enc.two_misc(d.q, u, d.size if size is None else size, opcode, n.code, d.code)


def _scalar_zero(insn: str, u: int, opcode: int, rd: FPRegister, rn: object) -> int:
    """Scalar compare with zero, d registers only: ``01 U 11110 11 10000 opcode 10 Rn Rd``."""
    if rd.size != 64:
        raise bad_operand(insn, "destination", rd, "d0-d31 or a vector register")
    if type(rn) is not FPRegister or rn.size != 64:
        raise bad_operand(insn, "source", rn, "d0-d31 like the destination")
    return 0x5EE00800 | u << 29 | opcode << 12 | rn.code << 5 | rd.code


def _zero_only(insn: str, u: int, opcode: int, vd: object, vn: object, zero: object) -> int:
    if type(zero) is not int or zero != 0:
        raise bad_value(insn, "immediate", zero, "#0")
    if type(vd) is FPRegister:
        return _scalar_zero(insn, u, opcode, vd, vn)
    return _misc2(insn, u, opcode, _ALL, None, vd, vn)


def _reversed(spec: table.Spec, vd: object, vn: object, vm: object) -> int:
    """The register compares that LLVM spells with the sources swapped (``cmle vd, vn, vm``
    is ``cmge vd, vm, vn``; fcmle, facle, cmls, ...): ``spec["of"]`` is (the instruction
    encoded, U, a, opcode). The operands are checked in the order written, so an error
    names the operand at fault; then the swapped form is encoded."""
    insn = spec.name
    of, u, a, opcode = spec["of"]
    fp = of.startswith("f")
    if type(vd) is FPRegister:
        sizes = (32, 64) if fp else (64,)
        if vd.size not in sizes:
            raise bad_operand(insn, "destination", vd, ("s0-s31, d0-d31" if fp else "d0-d31")
                              + " or a vector register")
        for operand, reg in (("first source", vn), ("second source", vm)):
            if type(reg) is not FPRegister or reg.size != vd.size:
                raise bad_operand(insn, operand, reg, f"a {vd.size}-bit scalar register like "
                                  "the destination")
    else:
        d = _vec(insn, "destination", vd, ("h4", "h8", "s2", "s4", "d2") if fp else _ALL)
        _like(insn, "first source", vn, d)
        _like(insn, "second source", vm, d)
    if fp:
        return _fp3(of, u, a, opcode, True, vd, vm, vn)
    return _same3(of, u, opcode, _ALL, vd, vm, vn)


_ACROSS: Final = ("b8", "b16", "h4", "h8", "s4")


def _across(insn: str, u: int, opcode: int, long: bool, rd: object, vn: object) -> int:
    n = _vec(insn, "source", vn, _ACROSS)
    want = n.esize * 2 if long else n.esize
    if type(rd) is not FPRegister or rd.size != want:
        p = {8: "b", 16: "h", 32: "s", 64: "d"}[want]
        raise bad_operand(insn, "destination", rd,
                          f"a {want}-bit scalar register ({p}0-{p}31) for .{n.name.split('.')[1]}")
    return enc.across(n.q, u, n.size, opcode, n.code, rd.code)


def _permute(insn: str, opcode: int, vd: object, vn: object, vm: object) -> int:
    d = _vec(insn, "destination", vd, _ALL)
    n = _like(insn, "first source", vn, d)
    m = _like(insn, "second source", vm, d)
    return enc.permute(d.q, d.size, opcode, m.code, n.code, d.code)


def _shift_amount(insn: str, shift: object, lo: int, hi: int) -> int:
    if type(shift) is not int:
        raise bad_operand(insn, "shift", shift, f"an integer shift amount {lo}..{hi}")
    if not lo <= shift <= hi:
        raise bad_value(insn, "shift", shift, f"{lo}..{hi}")
    return shift


#: Left shifts by immediate whose scalar form takes every size (the others only d).
_QSHL: Final = ("sqshl", "uqshl", "sqshlu")


def _scalar_shift(insn: str, u: int, opcode: int, rd: FPRegister, rn: object, shift: object,
                  right: bool) -> int:
    """Scalar shift by immediate: ``01 U 111110 immh immb opcode 1 Rn Rd``."""
    n = _scalar_regs(insn, rd, rn, (8, 16, 32, 64) if insn in _QSHL else (64,))
    if right:
        immhb = 2 * rd.size - _shift_amount(insn, shift, 1, rd.size)
    else:
        immhb = rd.size + _shift_amount(insn, shift, 0, rd.size - 1)
    return 0x5F000400 | u << 29 | immhb << 16 | opcode << 11 | n.code << 5 | rd.code


def _shr(insn: str, u: int, opcode: int, vd: object, vn: object, shift: object) -> int:
    if type(vd) is FPRegister:
        return _scalar_shift(insn, u, opcode, vd, vn, shift, True)
    d = _vec(insn, "destination", vd, _ALL)
    n = _like(insn, "source", vn, d)
    s = _shift_amount(insn, shift, 1, d.esize)
    return enc.shift_imm(d.q, u, 2 * d.esize - s, opcode, n.code, d.code)


def _shl(insn: str, u: int, opcode: int, vd: object, vn: object, shift: object) -> int:
    if type(vd) is FPRegister:
        return _scalar_shift(insn, u, opcode, vd, vn, shift, False)
    d = _vec(insn, "destination", vd, _ALL)
    n = _like(insn, "source", vn, d)
    s = _shift_amount(insn, shift, 0, d.esize - 1)
    return enc.shift_imm(d.q, u, d.esize + s, opcode, n.code, d.code)


_NARROW: Final = {False: ("b8", "h4", "s2"), True: ("b16", "h8", "s4")}
_WIDE: Final = ("h8", "s4", "d2")


def _narrow(insn: str, upper: bool, vd: object, vn: object, narrow: str = "destination",
            wide: str = "source") -> tuple[VArrangement, VArrangement]:
    """The narrow half (``vd``, .8b/.4h/.2s, or .16b/.8h/.4s for the ``2`` forms) and the
    wide operand (.8h/.4s/.2d with twice the element size); ``narrow`` and ``wide`` are
    what errors call them (the widening forms pass source and destination)."""
    d = _vec(insn, narrow, vd, _NARROW[upper])
    n = _vec(insn, wide, vn, _WIDE)
    if n.esize != 2 * d.esize:
        raise bad_operand(insn, wide, vn, f"a vector register with {2 * d.esize}-bit "
                          f"lanes (.{_SUFFIX[_WIDE[d.size]]})")
    return d, n


def _shrn(insn: str, upper: bool, opcode: int, vd: object, vn: object, shift: object) -> int:
    d, n = _narrow(insn, upper, vd, vn)
    s = _shift_amount(insn, shift, 1, d.esize)
    return enc.shift_imm(d.q, 0, 2 * d.esize - s, opcode, n.code, d.code)


def _qshrn(insn: str, upper: bool, u: int, opcode: int, vd: object, vn: object,
           shift: object) -> int:
    """Saturating shift right narrow, vector (``0 Q U 011110 immh immb opcode 1 Rn Rd``) or
    scalar b/h/s from h/s/d (``01 U 111110 ...``); immh:immb = 2 * narrow size - shift."""
    if type(vd) is FPRegister and not upper:
        n = _scalar_regs(insn, vd, vn, (8, 16, 32), 2 * vd.size)
        s = _shift_amount(insn, shift, 1, vd.size)
        return (0x5F000400 | u << 29 | (2 * vd.size - s) << 16 | opcode << 11 | n.code << 5
                | vd.code)
    d, nv = _narrow(insn, upper, vd, vn)
    s = _shift_amount(insn, shift, 1, d.esize)
    return enc.shift_imm(d.q, u, 2 * d.esize - s, opcode, nv.code, d.code)


def _shll(insn: str, upper: bool, u: int, vd: object, vn: object, shift: object) -> int:
    n, d = _narrow(insn, upper, vn, vd, "source", "destination")
    s = _shift_amount(insn, shift, 0, n.esize - 1)
    return enc.shift_imm(n.q, u, n.esize + s, 20, n.code, d.code)


def _xtn(insn: str, upper: bool, u: int, opcode: int, vd: object, vn: object) -> int:
    if type(vd) is FPRegister and not upper and insn != "xtn":
        rn = _scalar_regs(insn, vd, vn, (8, 16, 32), 2 * vd.size)
        return (0x5E200800 | u << 29 | _LOG2[vd.size] << 22 | opcode << 12 | rn.code << 5
                | vd.code)
    d, n = _narrow(insn, upper, vd, vn)
    return enc.two_misc(d.q, u, d.size, opcode, n.code, d.code)


# ld1-ld4/st1-st4 multiple structures: opcode by (structure elements, registers).
_LDST_OPCODE: Final = {(1, 1): 7, (1, 2): 10, (1, 3): 6, (1, 4): 2, (2, 2): 8, (3, 3): 4,
                       (4, 4): 0}


def _post(insn: str, addr: object, rm: object, total: int, what: str) -> tuple[int, int]:
    """(Rn, Rm) of a structure access: Rm -1 for [xn|sp], 31 for the immediate post-index
    (which must be ``total``), else the post-index register."""
    if type(addr) is not Mem or type(addr.offset) is not int or addr.mode == "pre" or \
            (addr.mode == "offset" and addr.offset != 0):
        raise bad_operand(insn, "memory operand", addr,
                          "[xn|sp] (mem(xn)), [xn|sp], #bytes (post(xn, bytes)) or mem(xn) "
                          "with a post-index register")
    if rm is not None:
        if addr.mode != "offset":
            raise bad_operand(insn, "post-index register", rm,
                              "nothing after post(xn, imm); use mem(xn), xm")
        # xzr (31) is the immediate form's encoding: LLVM accepts it, meaning #bytes
        if type(rm) is not GPRegister or rm.size != 64 or rm.is_sp:
            raise bad_operand(insn, "post-index register", rm, "an x register (x0-x30, xzr)")
        return addr.base.code, rm.code
    if addr.mode == "post":
        if addr.offset != total:
            raise bad_value(insn, "post-index", addr.offset, f"#{total} (the bytes {what} move)")
        return addr.base.code, 31
    return addr.base.code, -1


def _ldst_lane(insn: str, load: int, elements: int | None, lanes: VLaneList, addr: object,
               rm: object) -> int:
    """One lane of 1-4 registers: ``0 Q 0011010 L R 00000 opcode S size Rn Rt`` (post-index:
    ``0 Q 0011011 L R Rm opcode S size Rn Rt``)."""
    count = lanes.count
    if elements is not None and count != elements:
        raise bad_operand(insn, "register list", lanes, f"a list of {elements} lanes")
    if elements is None and count != 1:
        raise bad_operand(insn, "register list", lanes, "one lane, such as {v0.s}[1]")
    esize, index = lanes.esize, lanes.index
    top = 128 // esize - 1
    if not 0 <= index <= top:
        raise bad_value(insn, "lane index", index, f"0..{top} for {esize}-bit lanes")
    many = count > 2
    if esize == 8:
        opcode, q, s, size = 0 | many, index >> 3, index >> 2 & 1, index & 3
    elif esize == 16:
        opcode, q, s, size = 2 | many, index >> 2, index >> 1 & 1, (index & 1) << 1
    elif esize == 32:
        opcode, q, s, size = 4 | many, index >> 1, index & 1, 0
    else:
        opcode, q, s, size = 4 | many, index, 0, 1
    n, m = _post(insn, addr, rm, count * esize // 8, f"{count} lane(s) of {esize // 8}")
    word = (0x0D000000 | q << 30 | load << 22 | (count in (2, 4)) << 21 | opcode << 13
            | s << 12 | size << 10 | n << 5 | lanes.first)
    return word if m < 0 else word | 0x00800000 | m << 16


def _ldst_replicate(insn: str, elements: int, regs: object, addr: object, rm: object) -> int:
    """ld1r-ld4r: ``0 Q 0011010 1 R 00000 11x 0 size Rn Rt`` (post-index with Rm)."""
    if type(regs) is not VList or regs.count != elements or regs.first.esize == 128:
        raise bad_operand(insn, "register list", regs, f"a list of {elements} registers of one "
                          "arrangement (.8b ... .2d, .1d)")
    first = regs.first
    n, m = _post(insn, addr, rm, elements * first.esize // 8,
                 f"{elements} element(s) of {first.esize // 8}")
    word = (0x0D400000 | first.q << 30 | (elements in (2, 4)) << 21
            | (6 if elements <= 2 else 7) << 13 | first.size << 10 | n << 5 | first.code)
    return word if m < 0 else word | 0x00800000 | m << 16


def _ldst(insn: str, load: int, elements: int | None, regs: object, addr: object,
          rm: object) -> int:
    if type(regs) is VLaneList:
        return _ldst_lane(insn, load, elements, regs, addr, rm)
    if type(regs) is not VList:
        raise bad_operand(insn, "register list", regs,
                          "a register list such as vlist(v0.b16, 4) ({v0.16b-v3.16b})")
    first = regs.first
    count = regs.count
    if elements is not None and count != elements:
        raise bad_operand(insn, "register list", regs, f"a list of {elements} registers")
    if first.esize == 128 or (elements is not None and first.esize == 64 and not first.q):
        raise bad_operand(insn, "register list", regs, "registers arranged as .8b, .16b, "
                          ".4h, .8h, .2s, .4s, .2d" + ("" if elements else " or .1d"))
    opcode = _LDST_OPCODE[elements or 1, count]
    if type(addr) is not Mem or type(addr.offset) is not int or addr.mode == "pre" or \
            (addr.mode == "offset" and addr.offset != 0):
        raise bad_operand(insn, "memory operand", addr,
                          "[xn|sp] (mem(xn)), [xn|sp], #bytes (post(xn, bytes)) or mem(xn) "
                          "with a post-index register")
    n = addr.base.code
    if rm is not None:
        if addr.mode != "offset":
            raise bad_operand(insn, "post-index register", rm,
                              "nothing after post(xn, imm); use mem(xn), xm")
        # xzr (31) is the immediate form's encoding: LLVM accepts it, meaning #bytes
        if type(rm) is not GPRegister or rm.size != 64 or rm.is_sp:
            raise bad_operand(insn, "post-index register", rm, "an x register (x0-x30, xzr)")
        return enc.ldst_multi(first.q, load, opcode, first.size, n, first.code, rm.code)
    if addr.mode == "post":
        total = count * (16 if first.q else 8)
        if addr.offset != total:
            raise bad_value(insn, "post-index", addr.offset,
                            f"#{total} (the bytes {count} register(s) of {(first.q and 16) or 8}"
                            " bytes move)")
        return enc.ldst_multi(first.q, load, opcode, first.size, n, first.code, 31)
    return enc.ldst_multi(first.q, load, opcode, first.size, n, first.code)


def _element(insn: str, operand: str, elem: object) -> tuple[int, int]:
    """A vector lane as (imm5, log2 of its bytes): imm5 = index:1 then size zeros."""
    if type(elem) is not VElement:
        raise bad_operand(insn, operand, elem, "a vector lane such as v1.s[2]")
    size = {8: 0, 16: 1, 32: 2, 64: 3}[elem.size]
    return (elem.index << 1 | 1) << size, size


def _ins(insn: str, dst: object, src: object) -> int:
    """ins (also ``mov``) of a general-purpose register or another lane into a lane."""
    imm5, size = _element(insn, "destination", dst)
    assert isinstance(dst, VElement)
    if type(src) is GPRegister:
        want = 64 if size == 3 else 32
        if src.size != want or src.is_sp:
            raise bad_operand(insn, "source", src, f"a {want}-bit register for "
                              f"{dst.size}-bit lanes")
        return enc.copy(1, 0, imm5, 3, src.code, dst.code)
    if type(src) is not VElement:
        raise bad_operand(insn, "source", src, "a general-purpose register or a vector lane "
                          "such as v1.s[2]")
    _, src_size = _element(insn, "source", src)
    if src_size != size:
        raise bad_operand(insn, "source", src, f"a lane of {dst.size} bits like the "
                          "destination's")
    return enc.copy(1, 1, imm5, src.index << size, src.code, dst.code)


def _umov(insn: str, rd: object, src: object) -> int:
    """umov (also ``mov`` for .s/.d lanes): a lane to a general-purpose register."""
    imm5, size = _element(insn, "source", src)
    want = 64 if size == 3 else 32
    if type(rd) is not GPRegister or rd.size != want or rd.is_sp:
        raise bad_operand(insn, "destination", rd, f"a {want}-bit register "
                          f"({'x' if want == 64 else 'w'}0-30, zr) for this lane")
    assert isinstance(src, VElement)
    return enc.copy(size == 3, 0, imm5, 7, src.code, rd.code)


def _dup_scalar(insn: str, rd: FPRegister, src: VElement) -> int:
    """dup (also ``mov``) of one lane to a scalar: ``01 0 11110000 imm5 0 0000 1 Rn Rd``."""
    imm5, size = _element(insn, "source", src)
    if 8 << size != rd.size:
        raise bad_operand(insn, "source", src, f"a {rd.size}-bit lane like the destination")
    return 0x5E000400 | imm5 << 16 | src.code << 5 | rd.code


def _movi_imm(insn: str, esize: int, imm: object, shift: object, mvn: bool,
              msl: bool = False) -> tuple[int, int]:
    """(cmode, imm8) of movi/mvni: ``imm`` is imm8 with an optional ``lsl(n)``, or with
    ``msl(8|16)`` (32-bit lanes, ``msl``: movi/mvni only) for the shifting-ones forms."""
    if type(imm) is not int:
        raise bad_operand(insn, "immediate", imm, "an integer immediate")
    amount = 0
    if type(shift) is Msl and msl:
        if esize != 32:
            raise bad_operand(insn, "shift", shift, "lsl(n) (msl is for 32-bit lanes)")
        if shift.amount not in (8, 16):
            raise bad_value(insn, "msl amount", shift.amount, "8 or 16")
        if not 0 <= imm <= 255:
            raise bad_value(insn, "immediate", imm, "0..255 (with msl #8 or #16)")
        return 0b1100 | shift.amount // 16, imm
    if shift is not None:
        if type(shift) is not Shift or shift.kind != "lsl":
            raise bad_operand(insn, "shift", shift, "lsl(n) or msl(8|16)" if msl else "lsl(n)")
        amount = shift.amount
    if not 0 <= imm <= 255:
        raise bad_value(insn, "immediate", imm, "0..255 (with an optional lsl)")
    if esize == 8 and not mvn:
        if amount:
            raise bad_value(insn, "shift", amount, "lsl #0 for byte lanes")
        return 0b1110, imm
    if esize == 16:
        if amount not in (0, 8):
            raise bad_value(insn, "shift", amount, "lsl #0 or #8 for 16-bit lanes")
        return 0b1000 | amount // 4, imm
    if esize == 32:
        if amount not in (0, 8, 16, 24):
            raise bad_value(insn, "shift", amount, "lsl #0, #8, #16 or #24 for 32-bit lanes")
        return amount // 4, imm
    raise AssertionError("unreachable")  # pragma: no cover


def _bytemask(insn: str, imm: object) -> int:
    """The 64-bit movi immediate: every byte 0x00 or 0xff; returns the 8-bit abcdefgh."""
    if type(imm) is not int:
        raise bad_operand(insn, "immediate", imm, "an integer immediate")
    value = imm & 0xFFFFFFFFFFFFFFFF if -(1 << 63) <= imm < 0 else imm
    if 0 <= value < 1 << 64:
        bits = 0
        for i in range(8):
            byte = value >> 8 * i & 0xFF
            if byte not in (0, 0xFF):
                break
            bits |= (byte & 1) << i
        else:
            return bits
    raise bad_value(insn, "immediate", imm, "a 64-bit value whose bytes are each 0x00 or 0xff")


SIMD: Final = table.Table("simd", "Advanced SIMD integer, permute, shift and structure forms")
_VF = VArrangement | FPRegister


@SIMD.form("{name} vd.T, vn.T, vm.T")
def _v3(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
        vm: VArrangement | VElement) -> None:
    self._put(_same3(spec.name, spec["u"], spec["opcode"], spec["allowed"], vd, vn, vm))


@SIMD.form("{name} vd.T, vn.T, vm.T")
def _v3s(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF,
         vm: _VF | VElement) -> None:
    """Also the scalar form (``sqadd d0, d1, d2``)."""
    self._put(_same3(spec.name, spec["u"], spec["opcode"], spec["allowed"], vd, vn, vm))


@SIMD.form("{name} vd.T, vn.T, vm.T")
def _cmp(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF, vm: _VF | int) -> None:
    """Also ``{name} vd.T, vn.T, #0`` and the scalar d forms."""
    self._put(_compare(spec.name, spec["u"], spec["opcode"], spec["zero"], vd, vn, vm))


@SIMD.form("{name} vd.T, vn.T, #0|vm.T (or d scalars; vm: the sources of {name} swapped)")
def _cmpz(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF, vm: _VF | int) -> None:
    if type(vm) is int:
        self._put(_zero_only(spec.name, spec["u"], spec["opcode"], vd, vn, vm))
        return
    self._put(_reversed(spec, vd, vn, vm))


@SIMD.form("{name} vd.T, vn.T, vm.T (or d scalars): the sources swapped")
def _cmp_rev(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF, vm: _VF) -> None:
    self._put(_reversed(spec, vd, vn, vm))


@SIMD.form("{name} vd.8b|16b, vn, vm")
def _bitsel(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
            vm: VArrangement) -> None:
    insn = spec.name
    d = _vec(insn, "destination", vd, _B)
    n = _like(insn, "first source", vn, d)
    m = _like(insn, "second source", vm, d)
    self._put(enc.three_same(d.q, spec["u"], spec["size"], 3, m.code, n.code, d.code))


@SIMD.form("{name} vd.T, vn.T")
def _misc(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF) -> None:
    self._put(_misc2(spec.name, spec["u"], spec["opcode"], spec["allowed"], spec["size"], vd,
                     vn))


@SIMD.form("{name} <b|h|s|d>d, vn.T")
def _acr(self: AssemblerCore, spec: table.Spec, rd: FPRegister, vn: VArrangement) -> None:
    self._put(_across(spec.name, spec["u"], spec["opcode"], spec["long"], rd, vn))


@SIMD.form("{name} vd.T, vn.T, vm.T or {name} dd, vn.2d")
def _addp(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: VArrangement,
          vm: VArrangement | None = None) -> None:
    if vm is not None:
        self._put(_same3(spec.name, 0, 23, _ALL, vd, vn, vm))
        return
    if type(vd) is not FPRegister or vd.size != 64:
        raise bad_operand(spec.name, "destination", vd, "d0-d31 (the scalar form adds the "
                          "two lanes of a .2d vector)")
    n = _vec(spec.name, "source", vn, ("d2",))
    self._put(0x5EF1B800 | n.code << 5 | vd.code)


@SIMD.form("{name} vd.T, vn.T, vm.T")
def _perm(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
          vm: VArrangement) -> None:
    self._put(_permute(spec.name, spec["opcode"], vd, vn, vm))


@SIMD.form("{name} vd.T, vn.T, #shift")
def _shr_form(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF, shift: int) -> None:
    self._put(_shr(spec.name, spec["u"], spec["opcode"], vd, vn, shift))


@SIMD.form("{name} vd.T, vn.T, #shift")
def _shl_form(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF, shift: int) -> None:
    self._put(_shl(spec.name, spec["u"], spec["opcode"], vd, vn, shift))


@SIMD.form("{name} vd.<narrow>, vn.8h|4s|2d, #shift")
def _shrn_form(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
               shift: int) -> None:
    self._put(_shrn(spec.name, spec["upper"], spec["opcode"], vd, vn, shift))


@SIMD.form("{name} vd.<narrow>, vn.8h|4s|2d, #shift (or scalar b/h/s, h/s/d)")
def _qshrn_form(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF, shift: int) -> None:
    self._put(_qshrn(spec.name, spec["upper"], spec["u"], spec["opcode"], vd, vn, shift))


@SIMD.form("{name} vd.8h|4s|2d, vn.<narrow>, #shift")
def _shll_form(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
               shift: int) -> None:
    self._put(_shll(spec.name, spec["upper"], spec["u"], vd, vn, shift))


@SIMD.form("{name} vd.8h|4s|2d, vn.<narrow>, #<lane bits of vn>")
def _shll_max(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
              shift: int) -> None:
    n, d = _narrow(spec.name, spec["upper"], vn, vd, "source", "destination")
    if type(shift) is not int or shift != n.esize:
        raise bad_value(spec.name, "shift", shift, f"#{n.esize} (the lane width of "
                        f".{_SUFFIX[_attr(n)]})")
    self._put(enc.two_misc(n.q, 1, n.size, 19, n.code, d.code))


@SIMD.form("{name} vd.8h|4s|2d, vn.<narrow>")
def _xtl_form(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement) -> None:
    self._put(_shll(spec.name, spec["upper"], spec["u"], vd, vn, 0))


@SIMD.form("{name} vd.<narrow>, vn.8h|4s|2d")
def _xtn_form(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF) -> None:
    self._put(_xtn(spec.name, spec["upper"], spec["u"], spec["opcode"], vd, vn))


@SIMD.form("{name} {{vt.T, ...}} | {{vt.<ts>, ...}}[i], [xn|sp]{{, #bytes | , xm}}")
def _ldst_form(self: AssemblerCore, spec: table.Spec, regs: VList | VLaneList, addr: Mem,
               rm: GPRegister | None = None) -> None:
    self._put(_ldst(spec.name, spec["load"], spec["elements"], regs, addr, rm))


@SIMD.form("{name} {{vt.T, ...}}, [xn|sp]{{, #bytes | , xm}}")
def _ldr_form(self: AssemblerCore, spec: table.Spec, regs: VList, addr: Mem,
              rm: GPRegister | None = None) -> None:
    self._put(_ldst_replicate(spec.name, spec["elements"], regs, addr, rm))


@SIMD.form("{name} vd.T, vn.T, vm.T or {name} vd.T, vn.T, #shift")
def _qshl(self: AssemblerCore, spec: table.Spec, vd: VArrangement | FPRegister,
          vn: VArrangement | FPRegister, vm: VArrangement | FPRegister | int) -> None:
    if type(vm) is int:
        self._put(_shl(spec.name, spec["u"], 14, vd, vn, vm))
        return
    self._put(_same3(spec.name, spec["u"], 9, _ALL, vd, vn, vm))


@SIMD.form("{name} vd.T, vn.T, vm.T, #index (.8b/.16b)")
def _ext(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
         vm: VArrangement, index: int) -> None:
    insn = spec.name
    d = _vec(insn, "destination", vd, _B)
    n = _like(insn, "first source", vn, d)
    m = _like(insn, "second source", vm, d)
    if type(index) is not int:
        raise bad_operand(insn, "index", index, "an integer byte index")
    self._put(enc.ext(insn, d.q, index, m.code, n.code, d.code))


@SIMD.form("{name} vd.T, {{vn.16b-...}}, vm.T")
def _tbl_form(self: AssemblerCore, spec: table.Spec, vd: VArrangement, table: VList,
              vm: VArrangement) -> None:
    self._put(_table(spec.name, spec["op"], vd, table, vm))


@SIMD.form("{name} vd.T, vn.<ts>[i] or {name} vd.T, wn|xn or {name} bd|hd|sd|dd, vn.<ts>[i]")
def _dup(self: AssemblerCore, spec: table.Spec, vd: VArrangement | FPRegister,
         src: VElement | GPRegister) -> None:
    insn = spec.name
    if type(vd) is FPRegister and type(src) is VElement:
        self._put(_dup_scalar(insn, vd, src))
        return
    d = _vec(insn, "destination", vd, _ALL)
    if type(src) is GPRegister:
        want = 64 if d.esize == 64 else 32
        if src.size != want or src.is_sp:
            raise bad_operand(insn, "source", src, f"a {want}-bit register for "
                              f".{d.name.split('.')[1]} lanes")
        self._put(enc.copy(d.q, 0, 1 << d.size, 1, src.code, d.code))
        return
    imm5, size = _element(insn, "source", src)
    if size != d.size:
        raise bad_operand(insn, "source", src, f"a lane of {d.esize} bits like the "
                          "destination's")
    assert isinstance(src, VElement)
    self._put(enc.copy(d.q, 0, imm5, 0, src.code, d.code))


@SIMD.form("{name} vd.<ts>[i], wn|xn or {name} vd.<ts>[i], vn.<ts>[j]")
def _ins_form(self: AssemblerCore, spec: table.Spec, dst: VElement,
              src: VElement | GPRegister) -> None:
    self._put(_ins(spec.name, dst, src))


@SIMD.form("{name} wd, vn.b|h|s[i] or {name} xd, vn.d[i]")
def _umov_form(self: AssemblerCore, spec: table.Spec, rd: GPRegister, src: VElement) -> None:
    self._put(_umov(spec.name, rd, src))


@SIMD.form("{name} wd|xd, vn.b|h[i] or {name} xd, vn.s[i]")
def _smov(self: AssemblerCore, spec: table.Spec, rd: GPRegister, src: VElement) -> None:
    insn = spec.name
    imm5, size = _element(insn, "source", src)
    if size == 3:
        raise bad_operand(insn, "source", src, "a .b, .h or .s lane")
    if type(rd) is not GPRegister or rd.is_sp or (size == 2 and rd.size != 64):
        raise bad_operand(insn, "destination", rd,
                          "an x register" + ("" if size == 2 else " or a w register"))
    assert isinstance(src, VElement)
    self._put(enc.copy(rd.size == 64, 0, imm5, 5, src.code, rd.code))


@SIMD.form("{name} vd.T, #imm8{{, lsl #n}} or {name} vd.2s|4s, #imm8, msl #8|16 or {name} "
           "dd|vd.2d, #imm64")
def _movi(self: AssemblerCore, spec: table.Spec, vd: VArrangement | FPRegister, imm: int,
          shift: Shift | Msl | None = None) -> None:
    insn = spec.name
    if type(vd) is FPRegister or (type(vd) is VArrangement and vd.esize == 64):
        if type(vd) is FPRegister and vd.size != 64:
            raise bad_operand(insn, "destination", vd, "d0-d31 or a vector register")
        if type(vd) is VArrangement and not vd.q:
            raise bad_operand(insn, "destination", vd, "a .2d vector (not .1d)")
        if shift is not None:
            raise bad_operand(insn, "shift", shift, "no shift with a 64-bit immediate")
        q = 1 if type(vd) is VArrangement else 0
        assert isinstance(vd, (FPRegister, VArrangement))
        self._put(enc.modified_imm(q, 1, 0b1110, 0, _bytemask(insn, imm), vd.code))
        return
    d = _vec(insn, "destination", vd, _BHS)
    cmode, imm8 = _movi_imm(insn, d.esize, imm, shift, False, True)
    self._put(enc.modified_imm(d.q, 0, cmode, 0, imm8, d.code))


@SIMD.form("{name} vd.4h|8h|2s|4s, #imm8{{, lsl #n}} or {name} vd.2s|4s, #imm8, msl #8|16")
def _mvni(self: AssemblerCore, spec: table.Spec, vd: VArrangement, imm: int,
          shift: Shift | Msl | None = None) -> None:
    insn = spec.name
    d = _vec(insn, "destination", vd, _HS)
    cmode, imm8 = _movi_imm(insn, d.esize, imm, shift, True, True)
    self._put(enc.modified_imm(d.q, 1, cmode, 0, imm8, d.code))


class SimdMixin(AssemblerCore):
    """Advanced SIMD integer, permute, copy, immediate, shift and structure load/store
    instructions (see the module docstring)."""

    shadd = _v3("shadd", "signed halving add", u=0, opcode=0, allowed=_BHS)
    sqadd = _v3s("sqadd", "signed saturating add", u=0, opcode=1, allowed=_ALL)
    srhadd = _v3("srhadd", "signed rounding halving add", u=0, opcode=2, allowed=_BHS)
    shsub = _v3("shsub", "signed halving subtract", u=0, opcode=4, allowed=_BHS)
    sqsub = _v3s("sqsub", "signed saturating subtract", u=0, opcode=5, allowed=_ALL)
    cmgt = _cmp("cmgt", "compare signed greater than (lanes all ones or zero)",
                u=0, opcode=6, zero=(0, 8))
    cmge = _cmp("cmge", "compare signed greater than or equal", u=0, opcode=7, zero=(1, 8))
    sshl = _v3s("sshl", "signed shift left by register", u=0, opcode=8, allowed=_ALL)
    sqshl = _qshl("sqshl", "signed saturating shift left by register or by immediate", u=0)
    srshl = _v3s("srshl", "signed rounding shift left by register", u=0, opcode=10, allowed=_ALL)
    sqrshl = _v3s("sqrshl", "signed saturating rounding shift left by register",
                  u=0, opcode=11, allowed=_ALL)
    smax = _v3("smax", "signed maximum", u=0, opcode=12, allowed=_BHS)
    smin = _v3("smin", "signed minimum", u=0, opcode=13, allowed=_BHS)
    sabd = _v3("sabd", "signed absolute difference", u=0, opcode=14, allowed=_BHS)
    saba = _v3("saba", "signed absolute difference and accumulate", u=0, opcode=15, allowed=_BHS)
    cmtst = _v3s("cmtst", "compare bitwise test bits nonzero", u=0, opcode=17, allowed=_ALL)
    mla = _v3("mla", "multiply-add to accumulator", u=0, opcode=18, allowed=_BHS)
    smaxp = _v3("smaxp", "signed maximum pairwise", u=0, opcode=20, allowed=_BHS)
    sminp = _v3("sminp", "signed minimum pairwise", u=0, opcode=21, allowed=_BHS)
    sqdmulh = _v3s("sqdmulh", "signed saturating doubling multiply returning high half",
                   u=0, opcode=22, allowed=_HS)
    addp = _addp("addp", "add pairwise (or the two .d lanes into a d register)")
    uhadd = _v3("uhadd", "unsigned halving add", u=1, opcode=0, allowed=_BHS)
    uqadd = _v3s("uqadd", "unsigned saturating add", u=1, opcode=1, allowed=_ALL)
    urhadd = _v3("urhadd", "unsigned rounding halving add", u=1, opcode=2, allowed=_BHS)
    uhsub = _v3("uhsub", "unsigned halving subtract", u=1, opcode=4, allowed=_BHS)
    uqsub = _v3s("uqsub", "unsigned saturating subtract", u=1, opcode=5, allowed=_ALL)
    cmhi = _v3s("cmhi", "compare unsigned higher", u=1, opcode=6, allowed=_ALL)
    cmhs = _v3s("cmhs", "compare unsigned higher or same", u=1, opcode=7, allowed=_ALL)
    ushl = _v3s("ushl", "unsigned shift left by register", u=1, opcode=8, allowed=_ALL)
    uqshl = _qshl("uqshl", "unsigned saturating shift left by register or by immediate", u=1)
    urshl = _v3s("urshl", "unsigned rounding shift left by register", u=1, opcode=10, allowed=_ALL)
    uqrshl = _v3s("uqrshl", "unsigned saturating rounding shift left by register",
                  u=1, opcode=11, allowed=_ALL)
    umax = _v3("umax", "unsigned maximum", u=1, opcode=12, allowed=_BHS)
    umin = _v3("umin", "unsigned minimum", u=1, opcode=13, allowed=_BHS)
    uabd = _v3("uabd", "unsigned absolute difference", u=1, opcode=14, allowed=_BHS)
    uaba = _v3("uaba", "unsigned absolute difference and accumulate", u=1, opcode=15, allowed=_BHS)
    mls = _v3("mls", "multiply-subtract from accumulator", u=1, opcode=18, allowed=_BHS)
    pmul = _v3("pmul", "polynomial multiply", u=1, opcode=19, allowed=_B)
    umaxp = _v3("umaxp", "unsigned maximum pairwise", u=1, opcode=20, allowed=_BHS)
    uminp = _v3("uminp", "unsigned minimum pairwise", u=1, opcode=21, allowed=_BHS)
    sqrdmulh = _v3s("sqrdmulh", "signed saturating rounding doubling multiply returning high half",
                    u=1, opcode=22, allowed=_HS)
    cmeq = _cmp("cmeq", "compare equal", u=1, opcode=17, zero=(0, 9))
    cmlt = _cmpz("cmlt", "compare signed less than (zero, or cmgt with the sources swapped)",
                 u=0, opcode=10, of=("cmgt", 0, 0, 6))
    cmle = _cmpz("cmle", "compare signed less than or equal (to zero, or cmge with the "
                 "sources swapped)", u=1, opcode=9, of=("cmge", 0, 0, 7))
    cmlo = _cmp_rev("cmlo", "compare unsigned lower (cmhi with the sources swapped)",
                    of=("cmhi", 1, 0, 6))
    cmls = _cmp_rev("cmls", "compare unsigned lower or same (cmhs with the sources swapped)",
                    of=("cmhs", 1, 0, 7))
    bsl = _bitsel("bsl", "bitwise select (vd selects between vn and vm)", u=1, size=1)
    bit = _bitsel("bit", "bitwise insert if true", u=1, size=2)
    bif = _bitsel("bif", "bitwise insert if false", u=1, size=3)
    cnt = _misc("cnt", "population count per byte", u=0, opcode=5, allowed=_B, size=None)
    not_ = _misc("not", "bitwise NOT", method="not_", u=1, opcode=5, allowed=_B, size=0)
    abs = _misc("abs", "absolute value", u=0, opcode=11, allowed=_ALL, size=None)
    sqabs = _misc("sqabs", "signed saturating absolute value",
                  u=0, opcode=7, allowed=_ALL, size=None)
    sqneg = _misc("sqneg", "signed saturating negate", u=1, opcode=7, allowed=_ALL, size=None)
    suqadd = _misc("suqadd", "signed saturating accumulate of unsigned value",
                   u=0, opcode=3, allowed=_ALL, size=None)
    usqadd = _misc("usqadd", "unsigned saturating accumulate of signed value",
                   u=1, opcode=3, allowed=_ALL, size=None)
    addv = _acr("addv", "add across lanes", u=0, opcode=27, long=False)
    smaxv = _acr("smaxv", "signed maximum across lanes", u=0, opcode=10, long=False)
    sminv = _acr("sminv", "signed minimum across lanes", u=0, opcode=26, long=False)
    umaxv = _acr("umaxv", "unsigned maximum across lanes", u=1, opcode=10, long=False)
    uminv = _acr("uminv", "unsigned minimum across lanes", u=1, opcode=26, long=False)
    saddlv = _acr("saddlv", "signed add long across lanes", u=0, opcode=3, long=True)
    uaddlv = _acr("uaddlv", "unsigned add long across lanes", u=1, opcode=3, long=True)
    uzp1 = _perm("uzp1", "unzip, even lanes", opcode=1)
    trn1 = _perm("trn1", "transpose, even lanes", opcode=2)
    zip1 = _perm("zip1", "interleave the low halves", opcode=3)
    uzp2 = _perm("uzp2", "unzip, odd lanes", opcode=5)
    trn2 = _perm("trn2", "transpose, odd lanes", opcode=6)
    zip2 = _perm("zip2", "interleave the high halves", opcode=7)
    sshr = _shr_form("sshr", "signed shift right", u=0, opcode=0)
    ssra = _shr_form("ssra", "signed shift right and accumulate", u=0, opcode=2)
    srshr = _shr_form("srshr", "signed rounding shift right", u=0, opcode=4)
    srsra = _shr_form("srsra", "signed rounding shift right and accumulate", u=0, opcode=6)
    ushr = _shr_form("ushr", "unsigned shift right", u=1, opcode=0)
    usra = _shr_form("usra", "unsigned shift right and accumulate", u=1, opcode=2)
    urshr = _shr_form("urshr", "unsigned rounding shift right", u=1, opcode=4)
    ursra = _shr_form("ursra", "unsigned rounding shift right and accumulate", u=1, opcode=6)
    sri = _shr_form("sri", "shift right and insert", u=1, opcode=8)
    shl = _shl_form("shl", "shift left", u=0, opcode=10)
    sli = _shl_form("sli", "shift left and insert", u=1, opcode=10)
    sqshlu = _shl_form("sqshlu", "signed saturating shift left unsigned", u=1, opcode=12)
    sqshrn = _qshrn_form("sqshrn", "signed saturating shift right narrow", upper=False, u=0,
                         opcode=18)
    sqshrn2 = _qshrn_form("sqshrn2", "signed saturating shift right narrow into the upper "
                          "half", upper=True, u=0, opcode=18)
    sqrshrn = _qshrn_form("sqrshrn", "signed saturating rounding shift right narrow",
                          upper=False, u=0, opcode=19)
    sqrshrn2 = _qshrn_form("sqrshrn2", "signed saturating rounding shift right narrow into "
                           "the upper half", upper=True, u=0, opcode=19)
    uqshrn = _qshrn_form("uqshrn", "unsigned saturating shift right narrow", upper=False,
                         u=1, opcode=18)
    uqshrn2 = _qshrn_form("uqshrn2", "unsigned saturating shift right narrow into the upper "
                          "half", upper=True, u=1, opcode=18)
    uqrshrn = _qshrn_form("uqrshrn", "unsigned saturating rounding shift right narrow",
                          upper=False, u=1, opcode=19)
    uqrshrn2 = _qshrn_form("uqrshrn2", "unsigned saturating rounding shift right narrow into "
                           "the upper half", upper=True, u=1, opcode=19)
    sqshrun = _qshrn_form("sqshrun", "signed saturating shift right unsigned narrow",
                          upper=False, u=1, opcode=16)
    sqshrun2 = _qshrn_form("sqshrun2", "signed saturating shift right unsigned narrow into "
                           "the upper half", upper=True, u=1, opcode=16)
    sqrshrun = _qshrn_form("sqrshrun", "signed saturating rounding shift right unsigned "
                           "narrow", upper=False, u=1, opcode=17)
    sqrshrun2 = _qshrn_form("sqrshrun2", "signed saturating rounding shift right unsigned "
                            "narrow into the upper half", upper=True, u=1, opcode=17)
    shrn = _shrn_form("shrn", "shift right narrow", upper=False, opcode=16)
    shrn2 = _shrn_form("shrn2", "shift right narrow into the upper half", upper=True, opcode=16)
    rshrn = _shrn_form("rshrn", "rounding shift right narrow", upper=False, opcode=17)
    rshrn2 = _shrn_form("rshrn2", "rounding shift right narrow into the upper half",
                        upper=True, opcode=17)
    sshll = _shll_form("sshll", "signed shift left long", upper=False, u=0)
    sshll2 = _shll_form("sshll2", "signed shift left long of the upper half", upper=True, u=0)
    shll = _shll_max("shll", "shift left long by the lane width", upper=False)
    shll2 = _shll_max("shll2", "shift the upper half left long by the lane width", upper=True)
    sxtl = _xtl_form("sxtl", "sign-extend each lane", upper=False, u=0)
    sxtl2 = _xtl_form("sxtl2", "sign-extend each lane of the upper half", upper=True, u=0)
    ushll = _shll_form("ushll", "unsigned shift left long", upper=False, u=1)
    ushll2 = _shll_form("ushll2", "unsigned shift left long of the upper half", upper=True, u=1)
    uxtl = _xtl_form("uxtl", "zero-extend each lane", upper=False, u=1)
    uxtl2 = _xtl_form("uxtl2", "zero-extend each lane of the upper half", upper=True, u=1)
    xtn = _xtn_form("xtn", "extract narrow", upper=False, u=0, opcode=18)
    xtn2 = _xtn_form("xtn2", "extract narrow into the upper half", upper=True, u=0, opcode=18)
    sqxtn = _xtn_form("sqxtn", "signed saturating extract narrow", upper=False, u=0, opcode=20)
    sqxtn2 = _xtn_form("sqxtn2", "signed saturating extract narrow into the upper half",
                       upper=True, u=0, opcode=20)
    uqxtn = _xtn_form("uqxtn", "unsigned saturating extract narrow", upper=False, u=1, opcode=20)
    uqxtn2 = _xtn_form("uqxtn2", "unsigned saturating extract narrow into the upper half",
                       upper=True, u=1, opcode=20)
    sqxtun = _xtn_form("sqxtun", "signed saturating extract unsigned narrow",
                       upper=False, u=1, opcode=18)
    sqxtun2 = _xtn_form("sqxtun2", "signed saturating extract unsigned narrow into the upper half",
                        upper=True, u=1, opcode=18)
    ext = _ext("ext", "bytes index.. of vm:vn")
    tbl = _tbl_form("tbl", "table lookup (out-of-range indexes give 0)", op=0)
    tbx = _tbl_form("tbx", "table lookup (out-of-range lanes unchanged)", op=1)
    dup = _dup("dup", "copy one value to every lane; to a scalar (also ``mov``), copy one lane")
    ins = _ins_form("ins", "insert one lane")
    umov = _umov_form("umov", "move a lane, zero-extended")
    smov = _smov("smov", "move a lane, sign-extended")
    movi = _movi("movi", "move the shifted immediate to every lane (msl: ones shifted in; a "
                 "64-bit imm64 has every byte 0x00 or 0xff: ``movi d0, #0`` zeroes d0)")
    mvni = _mvni("mvni", "move the inverted shifted immediate")

    ld1 = _ldst_form("ld1", "load 1-4 registers of single elements", load=1, elements=None)
    ld2 = _ldst_form("ld2", "load 2-element structures, deinterleaving", load=1, elements=2)
    ld3 = _ldst_form("ld3", "load 3-element structures, deinterleaving", load=1, elements=3)
    ld4 = _ldst_form("ld4", "load 4-element structures, deinterleaving", load=1, elements=4)
    st1 = _ldst_form("st1", "store 1-4 registers of single elements", load=0, elements=None)
    st2 = _ldst_form("st2", "store 2-element structures, interleaving", load=0, elements=2)
    st3 = _ldst_form("st3", "store 3-element structures, interleaving", load=0, elements=3)
    st4 = _ldst_form("st4", "store 4-element structures, interleaving", load=0, elements=4)
    ld1r = _ldr_form("ld1r", "load one element and replicate it to every lane", elements=1)
    ld2r = _ldr_form("ld2r", "load a 2-element structure, replicated", elements=2)
    ld3r = _ldr_form("ld3r", "load a 3-element structure, replicated", elements=3)
    ld4r = _ldr_form("ld4r", "load a 4-element structure, replicated", elements=4)



def _table(insn: str, op: int, vd: object, table: object, vm: object) -> int:
    d = _vec(insn, "destination", vd, _B)
    m = _like(insn, "index", vm, d)
    if type(table) is not VList or table.first.esize != 8 or not table.first.q:
        raise bad_operand(insn, "table", table, "a list of 1-4 .16b registers, e.g. "
                          "vlist(v4.b16, 2)")
    return enc.table(d.q, table.count, op, m.code, table.first.code, d.code)


_ = EncodingError  # re-exported for callers catching the group's errors


# -- vector forms of general-purpose mnemonics ----------------------------------------------
# mov and mvn are methods of the general-purpose groups; their error paths hand vector
# operands here (so the general-purpose fast path pays nothing). Each returns False when
# the operands are not vector ones either, for the caller to raise its own error.

def vector_mov(asm: AssemblerCore, rd: object, src: object) -> bool:
    """``mov vd.T, vn.T`` (orr), ``mov vd.<ts>[i], wn|xn|vn.<ts>[j]`` (ins),
    ``mov wd|xd, vn.s|d[i]`` (umov)."""
    if type(rd) is VArrangement:
        d = _vec("mov", "destination", rd, (*_ALL, "d1"))  # any arrangement, as LLVM
        n = _like("mov", "source", src, d)
        asm._put(enc.three_same(d.q, 0, 2, 3, n.code, n.code, d.code))
        return True
    if type(rd) is VElement:
        asm._put(_ins("mov", rd, src))
        return True
    if type(rd) is FPRegister and type(src) is VElement:
        asm._put(_dup_scalar("mov", rd, src))
        return True
    if type(rd) is GPRegister and type(src) is VElement:
        if src.size < 32:
            raise bad_operand("mov", "source", src, "a .s or .d lane (umov for .b and .h)")
        asm._put(_umov("mov", rd, src))
        return True
    return False


#: Vector forms of the data-processing (1 source) names: U, opcode, arrangements, size.
_VECTOR_BITS: Final = {
    "rev64": (0, 0, _BHS, None), "rev32": (1, 0, ("b8", "b16", "h4", "h8"), None),
    "rev16": (0, 1, _B, None), "cls": (0, 4, _BHS, None), "clz": (1, 4, _BHS, None),
    "rbit": (1, 5, _B, 1),
}


def vector_bits(asm: AssemblerCore, insn: str, rd: object, rn: object) -> bool:
    """``rev16/rev32/rev64/cls/clz/rbit vd.T, vn.T``, called from the general-purpose
    forms' error path (bits.py), so the base path pays nothing."""
    if type(rd) is not VArrangement or insn not in _VECTOR_BITS:
        return False
    u, opcode, allowed, size = _VECTOR_BITS[insn]
    asm._put(_misc2(insn, u, opcode, allowed, size, rd, rn))
    return True


def vector_mvn(asm: AssemblerCore, rd: object, rm: object, shift: object) -> bool:
    """``mvn vd.8b|16b, vn.8b|16b`` (= not)."""
    if type(rd) is not VArrangement and type(rm) is not VArrangement:
        return False
    if shift is not None:
        raise bad_operand("mvn", "shift", shift, "no shift for a vector mvn")
    asm._put(_misc2("mvn", 1, 5, _B, 0, rd, rm))
    return True


#: Vector forms of general-purpose data-processing mnemonics: (U, opcode, arrangements,
#: scalar d form) for three-same; logical ones use the size field as their opc.
_GP_SAME3: Final = {"add": (0, 16, _ALL, True), "sub": (1, 16, _ALL, True),
                    "mul": (0, 19, _BHS, False)}
_GP_LOGIC: Final = {"and": (0, 0), "bic": (0, 1), "orr": (0, 2), "orn": (0, 3), "eor": (1, 0)}


def vector_dp(asm: AssemblerCore, insn: str, rd: object, rn: object, rm: object,
              mod: object) -> bool:
    """``add/sub/mul/and/bic/orr/orn/eor vd.T, vn.T, vm.T`` (add/sub also ``dd, dn, dm``),
    ``neg vd.T, vn.T`` (``rm`` None) and ``orr/bic vd.4h|8h|2s|4s, #imm8, lsl #n`` (``rn``
    the immediate, ``rm`` the shift): the vector forms, called from the general-purpose
    methods' error paths. False if the operands are not vector ones."""
    vector = type(rd) is VArrangement
    scalar = type(rd) is FPRegister and type(rn) is FPRegister
    if not (vector or scalar):
        return False
    if insn == "neg":
        if rm is not None:
            raise bad_operand(insn, "shift", rm, "no shift for a vector neg")
        if scalar:
            assert isinstance(rd, FPRegister)
            if rd.size != 64:
                raise bad_operand(insn, "destination", rd, "d0-d31 or a vector register")
            if type(rn) is not FPRegister or rn.size != 64:
                raise bad_operand(insn, "source", rn, "d0-d31 like the destination")
            asm._put(0x7EE0B800 | rn.code << 5 | rd.code)
            return True
        asm._put(_misc2(insn, 1, 11, _ALL, None, rd, rn))
        return True
    if mod is not None and not (insn in ("orr", "bic") and type(rn) is int):
        raise bad_operand(insn, "shift", mod, "no shift or extend for a vector " + insn)
    if insn in _GP_SAME3:
        u, opcode, allowed, has_scalar = _GP_SAME3[insn]
        if scalar:
            if not has_scalar or type(rd) is not FPRegister or rd.size != 64:
                raise bad_operand(insn, "destination", rd, "a vector register" +
                                  (" or d0-d31" if has_scalar else ""))
            for operand, reg in (("first source", rn), ("second source", rm)):
                if type(reg) is not FPRegister or reg.size != 64:
                    raise bad_operand(insn, operand, reg, "d0-d31 like the destination")
            assert isinstance(rn, FPRegister) and isinstance(rm, FPRegister)
            asm._put(0x5EE08400 | u << 29 | rm.code << 16 | rn.code << 5 | rd.code)
            return True
        asm._put(_same3(insn, u, opcode, allowed, rd, rn, rm))
        return True
    if insn in _GP_LOGIC:
        if scalar:
            raise bad_operand(insn, "destination", rd, "a vector register arranged as .8b or "
                              ".16b")
        u, size = _GP_LOGIC[insn]
        if type(rn) is int and insn in ("orr", "bic"):
            d = _vec(insn, "destination", rd, _HS)
            cmode, imm8 = _movi_imm(insn, d.esize, rn, mod if mod is not None else rm, True)
            asm._put(enc.modified_imm(d.q, insn == "bic", cmode | 1, 0, imm8, d.code))
            return True
        d = _vec(insn, "destination", rd, _B)
        n = _like(insn, "first source", rn, d)
        m = _like(insn, "second source", rm, d)
        asm._put(enc.three_same(d.q, u, size, 3, m.code, n.code, d.code))
        return True
    return False


# -- floating point (single and double precision lanes) --------------------------------------
# Vector fadd/fsub/fmul/fdiv/fmax/fmin/fmaxnm/fminnm share their names with the scalar FP
# group and are not vector-capable yet; these have no scalar-FP namesake.

_FP: Final = ("s2", "s4", "d2")
_FP16: Final = ("h4", "h8", "s2", "s4", "d2")  # with FEAT_FP16 half-precision lanes


def _fp3(insn: str, u: int, a: int, opcode: int, scalar: bool, vd: object, vn: object,
         vm: object) -> int:
    """FP three-same, ``size`` = a:sz: vector .2s/.4s/.2d, or the scalar s/d form."""
    if type(vm) is VElement:
        return _element3(insn, vd, vn, vm)
    if type(vd) is FPRegister and scalar:
        if vd.size not in (16, 32, 64):
            raise bad_operand(insn, "destination", vd, "h0-h31, s0-s31, d0-d31 or a vector "
                              "register")
        for operand, reg in (("first source", vn), ("second source", vm)):
            if type(reg) is not FPRegister or reg.size != vd.size:
                raise bad_operand(insn, operand, reg, f"a {vd.size}-bit scalar register like "
                                  "the destination")
        assert isinstance(vn, FPRegister) and isinstance(vm, FPRegister)
        if vd.size == 16:  # FP16: ``01 U 11110 a 10 Rm 00 opcode(3) 1 Rn Rd``
            return (0x5E400400 | u << 29 | a << 23 | vm.code << 16 | (opcode & 7) << 11
                    | vn.code << 5 | vd.code)
        return (0x5E200400 | u << 29 | a << 23 | (vd.size == 64) << 22 | vm.code << 16
                | opcode << 11 | vn.code << 5 | vd.code)
    d = _vec(insn, "destination", vd, _FP16)
    n = _like(insn, "first source", vn, d)
    m = _like(insn, "second source", vm, d)
    if d.esize == 16:  # FP16: ``0 Q U 01110 a 10 Rm 00 opcode(3) 1 Rn Rd``
        return (0x0E400400 | d.q << 30 | u << 29 | a << 23 | m.code << 16 | (opcode & 7) << 11
                | n.code << 5 | d.code)
    return enc.three_same(d.q, u, a << 1 | (d.esize == 64), opcode, m.code, n.code, d.code)


def _fp_zero(insn: str, u: int, opcode: int, vd: object, vn: object, zero: object) -> int:
    """FP compare with zero (``#0.0``, or ``#0`` as LLVM also reads it), vector or s/d."""
    if type(zero) not in (int, float) or zero != 0:
        raise bad_value(insn, "immediate", zero, "#0.0")
    if type(vd) is FPRegister:
        if vd.size not in (16, 32, 64) or type(vn) is not FPRegister or vn.size != vd.size:
            raise bad_operand(insn, "source", vn, "h, s or d registers of one size")
        if vd.size == 16:
            return 0x5EF80800 | u << 29 | opcode << 12 | vn.code << 5 | vd.code
        return (0x5EA0C800 | u << 29 | (vd.size == 64) << 22 | (opcode & 3) << 12
                | vn.code << 5 | vd.code)
    return _fp_two(insn, u, 1, opcode, vd, vn)


def _fp_two(insn: str, u: int, hi: int, opcode: int, vd: object, vn: object) -> int:
    """FP two-register miscellaneous on .4h/.8h (``0 Q U 01110 a 1111 00 opcode 10 Rn Rd``)
    or .2s/.4s/.2d lanes (``0 Q U 01110 a sz 10000 opcode 10 Rn Rd``); ``hi`` is a."""
    d = _vec(insn, "destination", vd, _FP16)
    n = _like(insn, "source", vn, d)
    if d.esize == 16:
        return (0x0E780800 | d.q << 30 | u << 29 | hi << 23 | opcode << 12 | n.code << 5
                | d.code)
    return enc.two_misc(d.q, u, hi << 1 | (d.esize == 64), opcode, n.code, d.code)


#: FP two-register miscellaneous (conversions, rounding, estimates): U, size<1>, opcode;
#: size<0> is the lane size (0: .s, 1: .d).
_FP_MISC: Final = {
    "frintn": (0, 0, 24), "frintm": (0, 0, 25), "fcvtns": (0, 0, 26), "fcvtms": (0, 0, 27),
    "fcvtas": (0, 0, 28), "scvtf": (0, 0, 29), "frintp": (0, 1, 24), "frintz": (0, 1, 25),
    "fcvtps": (0, 1, 26), "fcvtzs": (0, 1, 27), "frecpe": (0, 1, 29), "frinta": (1, 0, 24),
    "frintx": (1, 0, 25), "fcvtnu": (1, 0, 26), "fcvtmu": (1, 0, 27), "fcvtau": (1, 0, 28),
    "ucvtf": (1, 0, 29), "frinti": (1, 1, 25), "fcvtpu": (1, 1, 26), "fcvtzu": (1, 1, 27),
    "frsqrte": (1, 1, 29), "frecpx": (0, 1, 31),
}


def _fp_misc(insn: str, vd: object, vn: object) -> int:
    """``0 Q U 01110 size 10000 opcode 10 Rn Rd`` on .2s/.4s/.2d lanes, or the scalar s/d
    form ``01 U 11110 size 10000 opcode 10 Rn Rd`` (frecpe, frsqrte, frecpx)."""
    u, hi, opcode = _FP_MISC[insn]
    if type(vd) is FPRegister and insn in ("frecpe", "frsqrte", "frecpx"):
        if type(vn) is not FPRegister or vn.size != vd.size:
            raise bad_operand(insn, "source", vn, "h, s or d registers of one size")
        if vd.size == 16:  # FP16: ``01 U 11110 a 1111001 opcode 10 Rn Rd``
            return (0x5E790800 | u << 29 | hi << 23 | opcode << 12 | vn.code << 5
                    | vd.code)
        if vd.size not in (32, 64):
            raise bad_operand(insn, "destination", vd, "h0-h31, s0-s31 or d0-d31")
        return (0x5E200800 | u << 29 | hi << 23 | (vd.size == 64) << 22 | opcode << 12
                | vn.code << 5 | vd.code)
    if insn == "frecpx":
        raise bad_operand(insn, "destination", vd, "h0-h31, s0-s31 or d0-d31 (no vector form)")
    return _fp_two(insn, u, hi, opcode, vd, vn)


def _fp_fixed(insn: str, vd: object, vn: object, fbits: object) -> int:
    """Fixed-point conversions by immediate: ``0 Q U 011110 immh:immb opcode 1 Rn Rd``
    with immh:immb = 2 * lane size - fbits (scvtf/ucvtf 11100, fcvtzs/fcvtzu 11111)."""
    d = _vec(insn, "destination", vd, _FP16)
    n = _like(insn, "source", vn, d)
    if type(fbits) is not int:
        raise bad_operand(insn, "fbits", fbits, f"an integer number of fraction bits "
                          f"1..{d.esize}")
    if not 1 <= fbits <= d.esize:
        raise bad_value(insn, "fbits", fbits, f"1..{d.esize} for .{_SUFFIX[_attr(d)]} lanes")
    opcode = 28 if insn.endswith("cvtf") else 31
    return enc.shift_imm(d.q, insn in ("ucvtf", "fcvtzu"), 2 * d.esize - fbits, opcode,
                         n.code, d.code)


def _fp_narrow(insn: str, u: int, opcode: int, upper: bool, vd: object, vn: object) -> int:
    """fcvtn/fcvtxn (narrow: .4s to .4h/.8h, .2d to .2s/.4s) and fcvtl (widen, the
    reverse): ``0 Q U 01110 0 sz 10000 opcode 10 Rn Rd``, Q the upper-half flag."""
    widen = insn.startswith("fcvtl")
    narrow_op, wide_op = ("source", "destination") if widen else ("destination", "source")
    narrow_reg, wide_reg = (vn, vd) if widen else (vd, vn)
    choices: tuple[str, ...] = ("s2",) if insn.startswith("fcvtxn") else ("h4", "s2")
    if upper:
        choices = tuple({"h4": "h8", "s2": "s4"}[c] for c in choices)
    nr = _vec(insn, narrow_op, narrow_reg, choices)
    want = "s4" if nr.esize == 16 else "d2"
    if type(wide_reg) is not VArrangement or _attr(wide_reg) != want:
        raise bad_operand(insn, wide_op, wide_reg, f"a vector register arranged as "
                          f".{_SUFFIX[want]} for .{_SUFFIX[_attr(nr)]}")
    assert isinstance(vd, VArrangement) and isinstance(vn, VArrangement)
    return enc.two_misc(upper, u, nr.esize == 32, opcode, vn.code, vd.code)


SIMD_FP: Final = table.Table("simd_fp", "Advanced SIMD floating point")


@SIMD_FP.form("{name} vd.2s|4s|2d, vn, vm (or sd|dd, sn|dn, vm.<ts>[i])")
def _fp3v(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF,
          vm: VArrangement | VElement) -> None:
    self._put(_fp3(spec.name, spec["u"], spec["a"], spec["opcode"], False, vd, vn, vm))


@SIMD_FP.form("{name} vd.4h|8h|2s|4s|2d, vn, vm or {name} hd|sd|dd, vn.2h|2s|2d (the two "
              "lanes)")
def _fp3p(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: VArrangement | VPacked,
          vm: VArrangement | None = None) -> None:
    if vm is not None:
        self._put(_fp3(spec.name, spec["u"], spec["a"], spec["opcode"], False, vd, vn, vm))
        return
    if type(vn) is VPacked and vn.esize == 16:
        # FP16 scalar pairwise: ``01 0 11110 o1 0 11000 opcode 10 Rn Rd``
        if type(vd) is not FPRegister or vd.size != 16:
            raise bad_operand(spec.name, "destination", vd, "h0-h31 for a .2h source")
        self._put(0x5E300800 | spec["a"] << 23 | spec["pop"] << 12 | vn.code << 5 | vd.code)
        return
    if type(vd) is FPRegister and vd.size == 16:
        raise bad_operand(spec.name, "source", vn, "a vector register arranged as .2h "
                          "(v1.h2 for v1.2h) for an h destination")
    # scalar pairwise: ``01 1 11110 o1 sz 11000 opcode 10 Rn Rd``
    n = _vec(spec.name, "source", vn, ("s2", "d2"))
    if type(vd) is not FPRegister or vd.size != n.esize:
        p = _PREFIX[n.esize]
        raise bad_operand(spec.name, "destination", vd, f"{p}0-{p}31 for a "
                          f".{_SUFFIX[_attr(n)]} source (or a vector register)")
    self._put(0x7E300800 | spec["a"] << 23 | (n.esize == 64) << 22 | spec["pop"] << 12
              | n.code << 5 | vd.code)


@SIMD_FP.form("{name} vd.2s|4s|2d, vn, vm (or s/d scalars)")
def _fp3s(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF,
          vm: _VF | VElement) -> None:
    self._put(_fp3(spec.name, spec["u"], spec["a"], spec["opcode"], True, vd, vn, vm))


@SIMD_FP.form("{name} vd.2s|4s|2d, vn, vm|#0.0 (or s/d scalars)")
def _fcmp(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF, vm: _VF | float) -> None:
    if type(vm) is float or type(vm) is int:
        self._put(_fp_zero(spec.name, spec["zu"], spec["zop"], vd, vn, vm))
        return
    self._put(_fp3(spec.name, spec["u"], spec["a"], spec["opcode"], True, vd, vn, vm))


@SIMD_FP.form("{name} vd.2s|4s|2d, vn, #0.0 (or s/d scalars)")
def _fpz(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF, zero: float) -> None:
    self._put(_fp_zero(spec.name, spec["u"], spec["opcode"], vd, vn, zero))


@SIMD_FP.form("{name} vd.4h|8h|2s|4s|2d, vn, #0.0|vm (or s/d scalars; vm: the sources of "
              "{name} swapped)")
def _fpz_rev(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF,
             vm: _VF | float) -> None:
    if type(vm) is float or type(vm) is int:
        self._put(_fp_zero(spec.name, spec["u"], spec["opcode"], vd, vn, vm))
        return
    self._put(_reversed(spec, vd, vn, vm))


@SIMD_FP.form("{name} vd.4h|8h|2s|4s|2d, vn, vm (or s/d scalars): the sources swapped")
def _fp_rev(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF, vm: _VF) -> None:
    self._put(_reversed(spec, vd, vn, vm))


@SIMD_FP.form("{name} vd.2s|4s|2d, vn (or s/d scalars where listed)")
def _fpmisc(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF) -> None:
    self._put(_fp_misc(spec.name, vd, vn))


@SIMD_FP.form("{name} vd, vn (.4h/.2s and .4s/.2d; the 2 forms on the upper half)")
def _fpnarrow(self: AssemblerCore, spec: table.Spec, vd: VArrangement,
              vn: VArrangement) -> None:
    self._put(_fp_narrow(spec.name, spec["u"], spec["opcode"], spec["upper"], vd, vn))


@SIMD_FP.form("{name} sd, dn or vd.2s|4s, vn.2d (round to odd)")
def _fcvtxn(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF) -> None:
    if type(vd) is FPRegister and not spec["upper"]:
        if vd.size != 32 or type(vn) is not FPRegister or vn.size != 64:
            raise bad_operand(spec.name, "operands", (vd, vn), "sd, dn (e.g. s0, d1)")
        self._put(0x7E616800 | vn.code << 5 | vd.code)
        return
    self._put(_fp_narrow(spec.name, 1, 22, spec["upper"], vd, vn))


@SIMD_FP.form("{name} sd, vn.4s or {name} hd, vn.4h|8h")
def _fpacross(self: AssemblerCore, spec: table.Spec, rd: FPRegister, vn: VArrangement) -> None:
    insn = spec.name
    n = _vec(insn, "source", vn, ("h4", "h8", "s4"))
    if type(rd) is not FPRegister or rd.size != n.esize:
        p = _PREFIX[n.esize]
        raise bad_operand(insn, "destination", rd, f"{p}0-{p}31 for a .{_SUFFIX[_attr(n)]} "
                          "source")
    # ``0 Q U 01110 o1 sz 11000 opcode 10 Rn Rd``: U=1 for .4s, U=0 (FP16) for .4h/.8h
    self._put(0x0E300800 | n.q << 30 | (n.esize == 32) << 29 | spec["o1"] << 23
              | spec["opcode"] << 12 | n.code << 5 | rd.code)


@SIMD_FP.form("{name} vd.2s|4s, vn (unsigned 32-bit estimate)")
def _uest(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement) -> None:
    d = _vec(spec.name, "destination", vd, ("s2", "s4"))
    n = _like(spec.name, "source", vn, d)
    self._put(enc.two_misc(d.q, spec["u"], 2, 28, n.code, d.code))


class SimdFloatMixin(AssemblerCore):
    """Advanced SIMD floating point without a scalar-FP namesake: fmla, fmls, fmulx,
    frecps, frsqrts, faddp, fmaxp, fminp, fmaxnmp, fminnmp, fabd, facge, facgt, fcmeq,
    fcmge, fcmgt, fcmle, fcmlt."""

    fmla = _fp3v("fmla", "fused multiply-add to accumulator", u=0, a=0, opcode=25)
    fmls = _fp3v("fmls", "fused multiply-subtract from accumulator", u=0, a=1, opcode=25)
    fmulx = _fp3s("fmulx", "multiply extended", u=0, a=0, opcode=27)
    frecps = _fp3s("frecps", "reciprocal step", u=0, a=0, opcode=31)
    frsqrts = _fp3s("frsqrts", "reciprocal square root step", u=0, a=1, opcode=31)
    fmaxnmp = _fp3p("fmaxnmp", "maximum number pairwise", u=1, a=0, opcode=24, pop=12)
    faddp = _fp3p("faddp", "add pairwise", u=1, a=0, opcode=26, pop=13)
    facge = _fp3s("facge", "absolute compare greater than or equal", u=1, a=0, opcode=29)
    fmaxp = _fp3p("fmaxp", "maximum pairwise", u=1, a=0, opcode=30, pop=15)
    fminnmp = _fp3p("fminnmp", "minimum number pairwise", u=1, a=1, opcode=24, pop=12)
    fabd = _fp3s("fabd", "absolute difference", u=1, a=1, opcode=26)
    facgt = _fp3s("facgt", "absolute compare greater than", u=1, a=1, opcode=29)
    fminp = _fp3p("fminp", "minimum pairwise", u=1, a=1, opcode=30, pop=15)
    fcmeq = _fcmp("fcmeq", "compare equal", zu=0, zop=13, u=0, a=0, opcode=28)
    fcmge = _fcmp("fcmge", "compare greater than or equal", zu=1, zop=12, u=1, a=0, opcode=28)
    fcmgt = _fcmp("fcmgt", "compare greater than", zu=0, zop=12, u=1, a=1, opcode=28)
    fcmle = _fpz_rev("fcmle", "compare less than or equal (to zero, or fcmge with the "
                     "sources swapped)", u=1, opcode=13, of=("fcmge", 1, 0, 28))
    fcmlt = _fpz_rev("fcmlt", "compare less than (zero, or fcmgt with the sources swapped)",
                     u=0, opcode=14, of=("fcmgt", 1, 1, 28))
    facle = _fp_rev("facle", "absolute compare less than or equal (facge with the sources "
                    "swapped)", of=("facge", 1, 0, 29))
    faclt = _fp_rev("faclt", "absolute compare less than (facgt with the sources swapped)",
                    of=("facgt", 1, 1, 29))
    fmaxnmv = _fpacross("fmaxnmv", "maximum number across lanes", o1=0, opcode=12)
    fmaxv = _fpacross("fmaxv", "maximum across lanes", o1=0, opcode=15)
    fminnmv = _fpacross("fminnmv", "minimum number across lanes", o1=1, opcode=12)
    fminv = _fpacross("fminv", "minimum across lanes", o1=1, opcode=15)
    frecpe = _fpmisc("frecpe", "reciprocal estimate")
    frsqrte = _fpmisc("frsqrte", "reciprocal square root estimate")
    frecpx = _fpmisc("frecpx", "reciprocal exponent (scalar s/d only)")
    urecpe = _uest("urecpe", "unsigned reciprocal estimate", u=0)
    ursqrte = _uest("ursqrte", "unsigned reciprocal square root estimate", u=1)
    fcvtn = _fpnarrow("fcvtn", "convert to lower precision, narrow", u=0, opcode=22,
                      upper=False)
    fcvtn2 = _fpnarrow("fcvtn2", "convert to lower precision, narrow into the upper half",
                       u=0, opcode=22, upper=True)
    fcvtl = _fpnarrow("fcvtl", "convert to higher precision, long", u=0, opcode=23,
                      upper=False)
    fcvtl2 = _fpnarrow("fcvtl2", "convert the upper half to higher precision, long", u=0,
                       opcode=23, upper=True)
    fcvtxn = _fcvtxn("fcvtxn", "convert to lower precision, narrow, round to odd",
                     upper=False)
    fcvtxn2 = _fcvtxn("fcvtxn2", "convert to lower precision, narrow into the upper half, "
                      "round to odd", upper=True)



# -- three different (widening, wide, narrowing-high) and pairwise long ------------------------

_NARROW_ALL: Final = {False: ("b8", "h4", "s2"), True: ("b16", "h8", "s4")}


def _three_diff(insn: str, u: int, opcode: int, shape: str, upper: bool, sizes: tuple[int, ...],
                vd: object, vn: object, vm: object) -> int:
    """``0 Q U 01110 size 1 Rm opcode 00 Rn Rd``. ``shape``: "long" (wide vd, narrow vn and
    vm), "wide" (wide vd and vn, narrow vm) or "high" (narrow vd, wide vn and vm); the
    narrow operand is the upper half (.16b/.8h/.4s) for the ``2`` forms."""
    if type(vm) is VElement and shape == "long":
        return _element3(insn, vd, vn, vm, True, upper)
    if type(vd) is FPRegister and insn in ("sqdmull", "sqdmlal", "sqdmlsl"):
        # scalar: ``01 U 11110 size 1 Rm opcode 00 Rn Rd``, s from h or d from s
        rn = _scalar_regs(insn, vd, vn, (32, 64), vd.size // 2)
        if type(vm) is not FPRegister or vm.size != rn.size:
            raise bad_operand(insn, "second source", vm, f"a {rn.size}-bit scalar like the "
                              "first source")
        return (0x5E200000 | _LOG2[rn.size] << 22 | vm.code << 16 | opcode << 12
                | rn.code << 5 | vd.code)
    narrow_pos = {"long": ("first source", vn), "wide": ("second source", vm),
                  "high": ("destination", vd)}[shape]
    narrow = _vec(insn, narrow_pos[0], narrow_pos[1],
                  tuple(a for a in _NARROW_ALL[upper] if _ALL_SIZE[a] in sizes))
    wide_name = _SUFFIX[_WIDE[narrow.size]]
    for operand, reg, is_narrow in (("destination", vd, shape == "high"),
                                    ("first source", vn, shape == "long"),
                                    ("second source", vm, shape != "high")):
        if is_narrow:
            if type(reg) is not VArrangement or reg.esize != narrow.esize or reg.q != narrow.q:
                raise bad_operand(insn, operand, reg, "a vector register arranged as "
                                  f".{narrow.name.split('.')[1]} like the other narrow operand")
        elif type(reg) is not VArrangement or reg.esize != 2 * narrow.esize or not reg.q:
            raise bad_operand(insn, operand, reg, f"a vector register arranged as .{wide_name}")
    assert isinstance(vd, VArrangement) and isinstance(vn, VArrangement)
    assert isinstance(vm, VArrangement)
    return (0x0E200000 | upper << 30 | u << 29 | narrow.size << 22 | vm.code << 16
            | opcode << 12 | vn.code << 5 | vd.code)


_ALL_SIZE: Final = {"b8": 0, "b16": 0, "h4": 1, "h8": 1, "s2": 2, "s4": 2}
_BHS_SIZES: Final = (0, 1, 2)
_HS_SIZES: Final = (1, 2)

SIMD_LONG: Final = table.Table("simd_long", "Advanced SIMD widening and narrowing forms")


@SIMD_LONG.form("{name} vd.8h|4s|2d, vn.<narrow>, vm.<narrow>")
def _long3(self: AssemblerCore, spec: table.Spec, vd: _VF, vn: _VF,
           vm: _VF | VElement) -> None:
    self._put(_three_diff(spec.name, spec["u"], spec["opcode"], "long", spec["upper"],
                          spec["sizes"], vd, vn, vm))


@SIMD_LONG.form("{name} vd.8h|4s|2d, vn.8h|4s|2d, vm.<narrow>")
def _wide3(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
           vm: VArrangement) -> None:
    self._put(_three_diff(spec.name, spec["u"], spec["opcode"], "wide", spec["upper"],
                          _BHS_SIZES, vd, vn, vm))


@SIMD_LONG.form("{name} vd.<narrow>, vn.8h|4s|2d, vm.8h|4s|2d")
def _high3(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
           vm: VArrangement) -> None:
    self._put(_three_diff(spec.name, spec["u"], spec["opcode"], "high", spec["upper"],
                          _BHS_SIZES, vd, vn, vm))


#: Pairwise long: source arrangement -> destination (half the lanes, twice as wide).
_PAIRWISE: Final = {"b8": "h4", "b16": "h8", "h4": "s2", "h8": "s4", "s2": "d1", "s4": "d2"}


@SIMD_LONG.form("{name} vd.4h|8h|2s|4s|1d|2d, vn.8b|16b|4h|8h|2s|4s")
def _pairwise(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement) -> None:
    insn = spec.name
    n = _vec(insn, "source", vn, tuple(_PAIRWISE))
    want = _PAIRWISE[_attr(n)]
    if type(vd) is not VArrangement or _attr(vd) != want:
        raise bad_operand(insn, "destination", vd, f"a vector register arranged as "
                          f".{_SUFFIX[want]} for a .{_SUFFIX[_attr(n)]} source")
    self._put(enc.two_misc(n.q, spec["u"], n.size, spec["opcode"], n.code, vd.code))


def vector_mull(asm: AssemblerCore, insn: str, rd: object, rn: object, rm: object) -> bool:
    """``umull/smull vd.8h|4s|2d, vn, vm`` (and the general-purpose names' vector forms),
    called from the general-purpose umull/smull error path."""
    if type(rd) is not VArrangement:
        return False
    asm._put(_three_diff(insn, insn == "umull", 12, "long", False, _BHS_SIZES, rd, rn, rm))
    return True


class SimdLongMixin(AssemblerCore):
    """Widening (uaddl, smull2, ...), wide (uaddw, ...), narrowing-high (addhn, ...) and
    pairwise long (uaddlp, sadalp, ...) forms."""

    saddl = _long3("saddl", "signed add long", u=0, opcode=0, upper=False, sizes=_BHS_SIZES)
    saddl2 = _long3("saddl2", "signed add long of the upper halves",
                    u=0, opcode=0, upper=True, sizes=_BHS_SIZES)
    uaddl = _long3("uaddl", "unsigned add long", u=1, opcode=0, upper=False, sizes=_BHS_SIZES)
    uaddl2 = _long3("uaddl2", "unsigned add long of the upper halves",
                    u=1, opcode=0, upper=True, sizes=_BHS_SIZES)
    ssubl = _long3("ssubl", "signed subtract long", u=0, opcode=2, upper=False, sizes=_BHS_SIZES)
    ssubl2 = _long3("ssubl2", "signed subtract long of the upper halves",
                    u=0, opcode=2, upper=True, sizes=_BHS_SIZES)
    usubl = _long3("usubl", "unsigned subtract long", u=1, opcode=2, upper=False, sizes=_BHS_SIZES)
    usubl2 = _long3("usubl2", "unsigned subtract long of the upper halves",
                    u=1, opcode=2, upper=True, sizes=_BHS_SIZES)
    sabal = _long3("sabal", "signed absolute difference and accumulate long",
                   u=0, opcode=5, upper=False, sizes=_BHS_SIZES)
    sabal2 = _long3("sabal2", "signed absolute difference and accumulate long of the upper halves",
                    u=0, opcode=5, upper=True, sizes=_BHS_SIZES)
    uabal = _long3("uabal", "unsigned absolute difference and accumulate long",
                   u=1, opcode=5, upper=False, sizes=_BHS_SIZES)
    uabal2 = _long3(
        "uabal2", "unsigned absolute difference and accumulate long of the upper halves",
        u=1, opcode=5, upper=True, sizes=_BHS_SIZES)
    sabdl = _long3("sabdl", "signed absolute difference long",
                   u=0, opcode=7, upper=False, sizes=_BHS_SIZES)
    sabdl2 = _long3("sabdl2", "signed absolute difference long of the upper halves",
                    u=0, opcode=7, upper=True, sizes=_BHS_SIZES)
    uabdl = _long3("uabdl", "unsigned absolute difference long",
                   u=1, opcode=7, upper=False, sizes=_BHS_SIZES)
    uabdl2 = _long3("uabdl2", "unsigned absolute difference long of the upper halves",
                    u=1, opcode=7, upper=True, sizes=_BHS_SIZES)
    smlal = _long3("smlal", "signed multiply-add long",
                   u=0, opcode=8, upper=False, sizes=_BHS_SIZES)
    smlal2 = _long3("smlal2", "signed multiply-add long of the upper halves",
                    u=0, opcode=8, upper=True, sizes=_BHS_SIZES)
    umlal = _long3("umlal", "unsigned multiply-add long",
                   u=1, opcode=8, upper=False, sizes=_BHS_SIZES)
    umlal2 = _long3("umlal2", "unsigned multiply-add long of the upper halves",
                    u=1, opcode=8, upper=True, sizes=_BHS_SIZES)
    smlsl = _long3("smlsl", "signed multiply-subtract long",
                   u=0, opcode=10, upper=False, sizes=_BHS_SIZES)
    smlsl2 = _long3("smlsl2", "signed multiply-subtract long of the upper halves",
                    u=0, opcode=10, upper=True, sizes=_BHS_SIZES)
    umlsl = _long3("umlsl", "unsigned multiply-subtract long",
                   u=1, opcode=10, upper=False, sizes=_BHS_SIZES)
    umlsl2 = _long3("umlsl2", "unsigned multiply-subtract long of the upper halves",
                    u=1, opcode=10, upper=True, sizes=_BHS_SIZES)
    smull2 = _long3("smull2", "signed multiply long of the upper halves",
                    u=0, opcode=12, upper=True, sizes=_BHS_SIZES)
    umull2 = _long3("umull2", "unsigned multiply long of the upper halves",
                    u=1, opcode=12, upper=True, sizes=_BHS_SIZES)
    sqdmull = _long3("sqdmull", "signed saturating doubling multiply long",
                     u=0, opcode=13, upper=False, sizes=_HS_SIZES)
    sqdmull2 = _long3("sqdmull2", "signed saturating doubling multiply long of the upper halves",
                      u=0, opcode=13, upper=True, sizes=_HS_SIZES)
    sqdmlal = _long3("sqdmlal", "signed saturating doubling multiply-add long",
                     u=0, opcode=9, upper=False, sizes=_HS_SIZES)
    sqdmlal2 = _long3(
        "sqdmlal2", "signed saturating doubling multiply-add long of the upper halves",
        u=0, opcode=9, upper=True, sizes=_HS_SIZES)
    sqdmlsl = _long3("sqdmlsl", "signed saturating doubling multiply-subtract long",
                     u=0, opcode=11, upper=False, sizes=_HS_SIZES)
    sqdmlsl2 = _long3(
        "sqdmlsl2", "signed saturating doubling multiply-subtract long of the upper halves",
        u=0, opcode=11, upper=True, sizes=_HS_SIZES)
    saddw = _wide3("saddw", "signed add wide", u=0, opcode=1, upper=False)
    saddw2 = _wide3("saddw2", "signed add wide (upper half of vm)", u=0, opcode=1, upper=True)
    uaddw = _wide3("uaddw", "unsigned add wide", u=1, opcode=1, upper=False)
    uaddw2 = _wide3("uaddw2", "unsigned add wide (upper half of vm)", u=1, opcode=1, upper=True)
    ssubw = _wide3("ssubw", "signed subtract wide", u=0, opcode=3, upper=False)
    ssubw2 = _wide3("ssubw2", "signed subtract wide (upper half of vm)", u=0, opcode=3, upper=True)
    usubw = _wide3("usubw", "unsigned subtract wide", u=1, opcode=3, upper=False)
    usubw2 = _wide3("usubw2",
                    "unsigned subtract wide (upper half of vm)", u=1, opcode=3, upper=True)
    addhn = _high3("addhn", "add returning high narrow", u=0, opcode=4, upper=False)
    addhn2 = _high3("addhn2", "add returning high narrow into the upper half",
                    u=0, opcode=4, upper=True)
    raddhn = _high3("raddhn", "rounding add returning high narrow", u=1, opcode=4, upper=False)
    raddhn2 = _high3("raddhn2", "rounding add returning high narrow into the upper half",
                     u=1, opcode=4, upper=True)
    subhn = _high3("subhn", "subtract returning high narrow", u=0, opcode=6, upper=False)
    subhn2 = _high3("subhn2", "subtract returning high narrow into the upper half",
                    u=0, opcode=6, upper=True)
    rsubhn = _high3("rsubhn", "rounding subtract returning high narrow", u=1, opcode=6, upper=False)
    rsubhn2 = _high3("rsubhn2", "rounding subtract returning high narrow into the upper half",
                     u=1, opcode=6, upper=True)
    saddlp = _pairwise("saddlp", "signed add long pairwise", u=0, opcode=2)
    uaddlp = _pairwise("uaddlp", "unsigned add long pairwise", u=1, opcode=2)
    sadalp = _pairwise("sadalp", "signed add and accumulate long pairwise", u=0, opcode=6)
    uadalp = _pairwise("uadalp", "unsigned add and accumulate long pairwise", u=1, opcode=6)


# -- the vector forms of the scalar floating-point mnemonics -------------------------------
# Rows of their own (the same mnemonic as the floating table's scalar row); SimdFloatShared
# joins each pair into one method with table.overload.

@SIMD_FP.form("{name} vd.2s|4s|2d, vn, vm")
def _fp3o(self: AssemblerCore, spec: table.Spec, rd: VArrangement, rn: VArrangement,
          rm: VArrangement | VElement) -> None:
    f = spec.fields  # dict lookups: arranged vectors are no memo keys, this runs every call
    self._put(_fp3(spec.name, f["u"], f["a"], f["opcode"], False, rd, rn, rm))


@SIMD_FP.form("{name} vd.2s|4s|2d, vn, vm|vm.<ts>[i] or {name} sd|dd, sn|dn, vm.<ts>[i]")
def _fp3e(self: AssemblerCore, spec: table.Spec, rd: VArrangement, rn: VArrangement,
          rm: VArrangement | VElement) -> None:
    f = spec.fields  # dict lookups: arranged vectors are no memo keys, this runs every call
    self._put(_fp3(spec.name, f["u"], f["a"], f["opcode"], False, rd, rn, rm))


@SIMD_FP.form("{name} vd.2s|4s|2d, vn")
def _fp2o(self: AssemblerCore, spec: table.Spec, rd: VArrangement, rn: VArrangement) -> None:
    f = spec.fields
    self._put(_fp_two(spec.name, f["u"], 1, f["opcode"], rd, rn))


@SIMD_FP.form("{name} vd.2s|4s|2d, vn")
def _fpmisc_o(self: AssemblerCore, spec: table.Spec, rd: VArrangement, rn: VArrangement) -> None:
    self._put(_fp_misc(spec.name, rd, rn))


@SIMD_FP.form("{name} vd.2s|4s|2d, vn{{, #fbits}}")
def _fpfix_o(self: AssemblerCore, spec: table.Spec, rd: VArrangement, rn: VArrangement,
             fbits: int | None = None) -> None:
    self._put(_fp_misc(spec.name, rd, rn) if fbits is None
              else _fp_fixed(spec.name, rd, rn, fbits))


_fp3o("fadd", "vector add", u=0, a=0, opcode=26)
_fp3o("fsub", "vector subtract", u=0, a=1, opcode=26)
_fp3e("fmul", "vector multiply, or by element", u=1, a=0, opcode=27)
_fp3o("fdiv", "vector divide", u=1, a=0, opcode=31)
_fp3o("fmax", "vector maximum", u=0, a=0, opcode=30)
_fp3o("fmin", "vector minimum", u=0, a=1, opcode=30)
_fp3o("fmaxnm", "vector maximum number", u=0, a=0, opcode=24)
_fp3o("fminnm", "vector minimum number", u=0, a=1, opcode=24)
_fp2o("fabs", "vector absolute value", u=0, opcode=15)
_fp2o("fneg", "vector negate", u=1, opcode=15)
_fp2o("fsqrt", "vector square root", u=1, opcode=31)
_fpmisc_o("frintn", "round every lane to integral, to nearest with ties to even")
_fpmisc_o("frintp", "round every lane to integral, toward +infinity")
_fpmisc_o("frintm", "round every lane to integral, toward -infinity")
_fpmisc_o("frintz", "round every lane to integral, toward zero")
_fpmisc_o("frinta", "round every lane to integral, to nearest with ties away from zero")
_fpmisc_o("frintx", "round every lane to integral, in the FPCR mode, signalling inexact")
_fpmisc_o("frinti", "round every lane to integral, in the FPCR rounding mode")
_fpmisc_o("fcvtns", "every lane to signed integer, to nearest with ties to even")
_fpmisc_o("fcvtnu", "every lane to unsigned integer, to nearest with ties to even")
_fpmisc_o("fcvtms", "every lane to signed integer, toward -infinity")
_fpmisc_o("fcvtmu", "every lane to unsigned integer, toward -infinity")
_fpmisc_o("fcvtps", "every lane to signed integer, toward +infinity")
_fpmisc_o("fcvtpu", "every lane to unsigned integer, toward +infinity")
_fpmisc_o("fcvtas", "every lane to signed integer, nearest, ties away")
_fpmisc_o("fcvtau", "every lane to unsigned integer, nearest, ties away")
_fpfix_o("fcvtzs", "every lane to signed (fixed-point), toward 0 (fbits 1..32 for .s lanes, "
         "1..64 for .d)")
_fpfix_o("fcvtzu", "every lane to unsigned (fixed-point), toward 0 (fbits 1..32 for .s lanes, "
         "1..64 for .d)")
_fpfix_o("scvtf", "every lane signed (fixed-point) to floating point (fbits 1..32 for .s "
         "lanes, 1..64 for .d)")
_fpfix_o("ucvtf", "every lane unsigned (fixed-point) to floating point (fbits 1..32 for .s "
         "lanes, 1..64 for .d)")


@SIMD_FP.form("{name} vd.4h|8h|2s|4s|2d, #imm")
def _fmov_v(self: AssemblerCore, spec: table.Spec, rd: VArrangement, src: float) -> None:
    insn = spec.name
    d = _vec(insn, "destination", rd, _FP16)
    if type(src) is not float and type(src) is not int:
        raise bad_operand(insn, "immediate", src, "a floating-point immediate such "
                          "as 1.0, -0.5 or 31.0")
    imm8 = encode_fpimm(src)
    if imm8 is None:
        raise bad_value(insn, "immediate", src, FPIMM_RULE)
    self._put(enc.modified_imm(d.q, d.esize == 64, 0b1111, d.esize == 16, imm8, d.code))


_fmov_v("fmov", "every lane (imm one of the 256 8-bit FP immediates)")


def _vector_or_scalar(name: str) -> Any:
    """The method of ``name``: the SIMD row for an arranged-vector destination, else the
    floating table's scalar row."""
    return table.overload(FLOAT.rows[name], ("rd", VArrangement, SIMD_FP.rows[name]))


class SimdFloatShared(FloatMixin):
    """The vector forms of the scalar floating-point mnemonics (fadd, fsub, fmul, fdiv, fmax,
    fmin, fmaxnm, fminnm, fabs, fneg, fsqrt, frint*, fcvt*, scvtf, ucvtf): each one method
    (:func:`table.overload`) of the floating table's scalar row and the SIMD table's vector
    row, picked by the destination's class. It sits before FloatMixin in the Assembler, so
    a repeated call is still one memo hit."""

    fadd = _vector_or_scalar("fadd")
    fsub = _vector_or_scalar("fsub")
    # fmul also by element: a lane as the last operand takes the SIMD row
    fmul = table.overload(FLOAT.rows["fmul"], ("rd", VArrangement, SIMD_FP.rows["fmul"]),
                          ("rm", VElement, SIMD_FP.rows["fmul"]))
    fdiv = _vector_or_scalar("fdiv")
    fmax = _vector_or_scalar("fmax")
    fmin = _vector_or_scalar("fmin")
    fmaxnm = _vector_or_scalar("fmaxnm")
    fminnm = _vector_or_scalar("fminnm")
    fabs = _vector_or_scalar("fabs")
    fneg = _vector_or_scalar("fneg")
    fsqrt = _vector_or_scalar("fsqrt")
    frintn = _vector_or_scalar("frintn")
    frintp = _vector_or_scalar("frintp")
    frintm = _vector_or_scalar("frintm")
    frintz = _vector_or_scalar("frintz")
    frinta = _vector_or_scalar("frinta")
    frintx = _vector_or_scalar("frintx")
    frinti = _vector_or_scalar("frinti")
    fcvtns = _vector_or_scalar("fcvtns")
    fcvtnu = _vector_or_scalar("fcvtnu")
    fcvtms = _vector_or_scalar("fcvtms")
    fcvtmu = _vector_or_scalar("fcvtmu")
    fcvtps = _vector_or_scalar("fcvtps")
    fcvtpu = _vector_or_scalar("fcvtpu")
    fcvtas = _vector_or_scalar("fcvtas")
    fcvtau = _vector_or_scalar("fcvtau")
    fcvtzs = _vector_or_scalar("fcvtzs")
    fcvtzu = _vector_or_scalar("fcvtzu")
    scvtf = _vector_or_scalar("scvtf")
    ucvtf = _vector_or_scalar("ucvtf")
    # rd is Any: MacroAssembler.fmov narrows it to Register | VElement (an override may
    # not narrow a parameter); at run time it is checked either way.
    fmov = table.overload(FLOAT.rows["fmov"], ("rd", VArrangement, SIMD_FP.rows["fmov"]),
                          annotations={"rd": "Any"})
