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

Instructions that share a name with a general-purpose or scalar FP one (add, sub, mul,
and, orr, eor, bic, mov, mvn, neg, fadd, ...) are not vector-capable yet.
"""

from __future__ import annotations

from typing import Final

from ..encoding import simd as enc
from ..errors import EncodingError, bad_operand, bad_value
from ..operands import FPRegister, GPRegister, Mem, Shift, VArrangement, VElement, VList
from .core import AssemblerCore

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


def _same3(insn: str, u: int, opcode: int, allowed: tuple[str, ...], vd: object, vn: object,
           vm: object) -> int:
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


def _misc2(insn: str, u: int, opcode: int, allowed: tuple[str, ...], size: int | None,
           vd: object, vn: object) -> int:
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


def _shr(insn: str, u: int, opcode: int, vd: object, vn: object, shift: object) -> int:
    d = _vec(insn, "destination", vd, _ALL)
    n = _like(insn, "source", vn, d)
    s = _shift_amount(insn, shift, 1, d.esize)
    return enc.shift_imm(d.q, u, 2 * d.esize - s, opcode, n.code, d.code)


def _shl(insn: str, u: int, opcode: int, vd: object, vn: object, shift: object) -> int:
    d = _vec(insn, "destination", vd, _ALL)
    n = _like(insn, "source", vn, d)
    s = _shift_amount(insn, shift, 0, d.esize - 1)
    return enc.shift_imm(d.q, u, d.esize + s, opcode, n.code, d.code)


_NARROW: Final = {False: ("b8", "h4", "s2"), True: ("b16", "h8", "s4")}
_WIDE: Final = ("h8", "s4", "d2")


def _narrow(insn: str, upper: bool, vd: object, vn: object) -> tuple[VArrangement, VArrangement]:
    """The narrow half (``vd``, .8b/.4h/.2s, or .16b/.8h/.4s for the ``2`` forms) and the
    wide source (.8h/.4s/.2d with twice the element size)."""
    d = _vec(insn, "destination", vd, _NARROW[upper])
    n = _vec(insn, "source", vn, _WIDE)
    if n.esize != 2 * d.esize:
        raise bad_operand(insn, "source", vn, f"a vector register with {2 * d.esize}-bit "
                          f"lanes (.{_SUFFIX[_WIDE[d.size]]})")
    return d, n


def _shrn(insn: str, upper: bool, opcode: int, vd: object, vn: object, shift: object) -> int:
    d, n = _narrow(insn, upper, vd, vn)
    s = _shift_amount(insn, shift, 1, d.esize)
    return enc.shift_imm(d.q, 0, 2 * d.esize - s, opcode, n.code, d.code)


def _shll(insn: str, upper: bool, u: int, vd: object, vn: object, shift: object) -> int:
    n, d = _narrow(insn, upper, vn, vd)
    s = _shift_amount(insn, shift, 0, n.esize - 1)
    return enc.shift_imm(n.q, u, n.esize + s, 20, n.code, d.code)


def _xtn(insn: str, upper: bool, u: int, opcode: int, vd: object, vn: object) -> int:
    d, n = _narrow(insn, upper, vd, vn)
    return enc.two_misc(d.q, u, d.size, opcode, n.code, d.code)


# ld1-ld4/st1-st4 multiple structures: opcode by (structure elements, registers).
_LDST_OPCODE: Final = {(1, 1): 7, (1, 2): 10, (1, 3): 6, (1, 4): 2, (2, 2): 8, (3, 3): 4,
                       (4, 4): 0}


def _ldst(insn: str, load: int, elements: int | None, regs: object, addr: object,
          rm: object) -> int:
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


def _movi_imm(insn: str, esize: int, imm: object, shift: object, mvn: bool,
              msl: bool = False) -> tuple[int, int]:
    """(cmode, imm8) of movi/mvni: ``imm`` is imm8 with an optional ``lsl(n)``."""
    if type(imm) is not int:
        raise bad_operand(insn, "immediate", imm, "an integer immediate")
    amount = 0
    if shift is not None:
        if type(shift) is not Shift or shift.kind != "lsl":
            raise bad_operand(insn, "shift", shift, "lsl(n)")
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


class SimdMixin(AssemblerCore):
    """Advanced SIMD integer, permute, copy, immediate, shift and structure load/store
    instructions (see the module docstring)."""

    def shadd(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``shadd vd.T, vn.T, vm.T``: signed halving add."""
        self._put(_same3("shadd", 0, 0, _BHS, vd, vn, vm))

    def sqadd(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
              vm: VArrangement | FPRegister) -> None:
        """``sqadd vd.T, vn.T, vm.T``: signed saturating add."""
        self._put(_same3("sqadd", 0, 1, _ALL, vd, vn, vm))

    def srhadd(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``srhadd vd.T, vn.T, vm.T``: signed rounding halving add."""
        self._put(_same3("srhadd", 0, 2, _BHS, vd, vn, vm))

    def shsub(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``shsub vd.T, vn.T, vm.T``: signed halving subtract."""
        self._put(_same3("shsub", 0, 4, _BHS, vd, vn, vm))

    def sqsub(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
              vm: VArrangement | FPRegister) -> None:
        """``sqsub vd.T, vn.T, vm.T``: signed saturating subtract."""
        self._put(_same3("sqsub", 0, 5, _ALL, vd, vn, vm))

    def cmgt(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
             vm: VArrangement | FPRegister | int) -> None:
        """``cmgt vd.T, vn.T, vm.T`` or ``cmgt vd.T, vn.T, #0``: compare signed greater than
        (lanes all ones or zero)."""
        self._put(_compare("cmgt", 0, 6, (0, 8), vd, vn, vm))

    def cmge(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
             vm: VArrangement | FPRegister | int) -> None:
        """``cmge vd.T, vn.T, vm.T`` or ``cmge vd.T, vn.T, #0``: compare signed greater than or
        equal."""
        self._put(_compare("cmge", 0, 7, (1, 8), vd, vn, vm))

    def sshl(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
             vm: VArrangement | FPRegister) -> None:
        """``sshl vd.T, vn.T, vm.T``: signed shift left by register."""
        self._put(_same3("sshl", 0, 8, _ALL, vd, vn, vm))

    def sqshl(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
              vm: VArrangement | FPRegister | int) -> None:
        """``sqshl vd.T, vn.T, vm.T`` or ``sqshl vd.T, vn.T, #shift``: signed saturating
        shift left by register or by immediate."""
        if type(vm) is int:
            self._put(_shl("sqshl", 0, 14, vd, vn, vm))
            return
        self._put(_same3("sqshl", 0, 9, _ALL, vd, vn, vm))

    def srshl(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
              vm: VArrangement | FPRegister) -> None:
        """``srshl vd.T, vn.T, vm.T``: signed rounding shift left by register."""
        self._put(_same3("srshl", 0, 10, _ALL, vd, vn, vm))

    def sqrshl(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
               vm: VArrangement | FPRegister) -> None:
        """``sqrshl vd.T, vn.T, vm.T``: signed saturating rounding shift left by register."""
        self._put(_same3("sqrshl", 0, 11, _ALL, vd, vn, vm))

    def smax(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``smax vd.T, vn.T, vm.T``: signed maximum."""
        self._put(_same3("smax", 0, 12, _BHS, vd, vn, vm))

    def smin(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``smin vd.T, vn.T, vm.T``: signed minimum."""
        self._put(_same3("smin", 0, 13, _BHS, vd, vn, vm))

    def sabd(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``sabd vd.T, vn.T, vm.T``: signed absolute difference."""
        self._put(_same3("sabd", 0, 14, _BHS, vd, vn, vm))

    def saba(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``saba vd.T, vn.T, vm.T``: signed absolute difference and accumulate."""
        self._put(_same3("saba", 0, 15, _BHS, vd, vn, vm))

    def cmtst(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
              vm: VArrangement | FPRegister) -> None:
        """``cmtst vd.T, vn.T, vm.T``: compare bitwise test bits nonzero."""
        self._put(_same3("cmtst", 0, 17, _ALL, vd, vn, vm))

    def mla(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``mla vd.T, vn.T, vm.T``: multiply-add to accumulator."""
        self._put(_same3("mla", 0, 18, _BHS, vd, vn, vm))

    def smaxp(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``smaxp vd.T, vn.T, vm.T``: signed maximum pairwise."""
        self._put(_same3("smaxp", 0, 20, _BHS, vd, vn, vm))

    def sminp(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``sminp vd.T, vn.T, vm.T``: signed minimum pairwise."""
        self._put(_same3("sminp", 0, 21, _BHS, vd, vn, vm))

    def sqdmulh(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                vm: VArrangement | FPRegister) -> None:
        """``sqdmulh vd.T, vn.T, vm.T``: signed saturating doubling multiply returning high half."""
        self._put(_same3("sqdmulh", 0, 22, _HS, vd, vn, vm))

    def addp(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``addp vd.T, vn.T, vm.T``: add pairwise."""
        self._put(_same3("addp", 0, 23, _ALL, vd, vn, vm))

    def uhadd(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``uhadd vd.T, vn.T, vm.T``: unsigned halving add."""
        self._put(_same3("uhadd", 1, 0, _BHS, vd, vn, vm))

    def uqadd(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
              vm: VArrangement | FPRegister) -> None:
        """``uqadd vd.T, vn.T, vm.T``: unsigned saturating add."""
        self._put(_same3("uqadd", 1, 1, _ALL, vd, vn, vm))

    def urhadd(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``urhadd vd.T, vn.T, vm.T``: unsigned rounding halving add."""
        self._put(_same3("urhadd", 1, 2, _BHS, vd, vn, vm))

    def uhsub(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``uhsub vd.T, vn.T, vm.T``: unsigned halving subtract."""
        self._put(_same3("uhsub", 1, 4, _BHS, vd, vn, vm))

    def uqsub(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
              vm: VArrangement | FPRegister) -> None:
        """``uqsub vd.T, vn.T, vm.T``: unsigned saturating subtract."""
        self._put(_same3("uqsub", 1, 5, _ALL, vd, vn, vm))

    def cmhi(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
             vm: VArrangement | FPRegister) -> None:
        """``cmhi vd.T, vn.T, vm.T``: compare unsigned higher."""
        self._put(_same3("cmhi", 1, 6, _ALL, vd, vn, vm))

    def cmhs(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
             vm: VArrangement | FPRegister) -> None:
        """``cmhs vd.T, vn.T, vm.T``: compare unsigned higher or same."""
        self._put(_same3("cmhs", 1, 7, _ALL, vd, vn, vm))

    def ushl(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
             vm: VArrangement | FPRegister) -> None:
        """``ushl vd.T, vn.T, vm.T``: unsigned shift left by register."""
        self._put(_same3("ushl", 1, 8, _ALL, vd, vn, vm))

    def uqshl(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
              vm: VArrangement | FPRegister | int) -> None:
        """``uqshl vd.T, vn.T, vm.T`` or ``uqshl vd.T, vn.T, #shift``: unsigned saturating
        shift left by register or by immediate."""
        if type(vm) is int:
            self._put(_shl("uqshl", 1, 14, vd, vn, vm))
            return
        self._put(_same3("uqshl", 1, 9, _ALL, vd, vn, vm))

    def urshl(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
              vm: VArrangement | FPRegister) -> None:
        """``urshl vd.T, vn.T, vm.T``: unsigned rounding shift left by register."""
        self._put(_same3("urshl", 1, 10, _ALL, vd, vn, vm))

    def uqrshl(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
               vm: VArrangement | FPRegister) -> None:
        """``uqrshl vd.T, vn.T, vm.T``: unsigned saturating rounding shift left by register."""
        self._put(_same3("uqrshl", 1, 11, _ALL, vd, vn, vm))

    def umax(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``umax vd.T, vn.T, vm.T``: unsigned maximum."""
        self._put(_same3("umax", 1, 12, _BHS, vd, vn, vm))

    def umin(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``umin vd.T, vn.T, vm.T``: unsigned minimum."""
        self._put(_same3("umin", 1, 13, _BHS, vd, vn, vm))

    def uabd(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``uabd vd.T, vn.T, vm.T``: unsigned absolute difference."""
        self._put(_same3("uabd", 1, 14, _BHS, vd, vn, vm))

    def uaba(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``uaba vd.T, vn.T, vm.T``: unsigned absolute difference and accumulate."""
        self._put(_same3("uaba", 1, 15, _BHS, vd, vn, vm))

    def mls(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``mls vd.T, vn.T, vm.T``: multiply-subtract from accumulator."""
        self._put(_same3("mls", 1, 18, _BHS, vd, vn, vm))

    def pmul(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``pmul vd.T, vn.T, vm.T``: polynomial multiply."""
        self._put(_same3("pmul", 1, 19, _B, vd, vn, vm))

    def umaxp(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``umaxp vd.T, vn.T, vm.T``: unsigned maximum pairwise."""
        self._put(_same3("umaxp", 1, 20, _BHS, vd, vn, vm))

    def uminp(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``uminp vd.T, vn.T, vm.T``: unsigned minimum pairwise."""
        self._put(_same3("uminp", 1, 21, _BHS, vd, vn, vm))

    def sqrdmulh(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                 vm: VArrangement | FPRegister) -> None:
        """``sqrdmulh vd.T, vn.T, vm.T``: signed saturating rounding doubling multiply
        returning high half."""
        self._put(_same3("sqrdmulh", 1, 22, _HS, vd, vn, vm))

    def cmeq(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
             vm: VArrangement | FPRegister | int) -> None:
        """``cmeq vd.T, vn.T, vm.T`` or ``cmeq vd.T, vn.T, #0``: compare equal."""
        self._put(_compare("cmeq", 1, 17, (0, 9), vd, vn, vm))

    def cmlt(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
             zero: int) -> None:
        """``cmlt vd.T, vn.T, #0``: compare signed less than zero."""
        self._put(_zero_only("cmlt", 0, 10, vd, vn, zero))

    def cmle(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
             zero: int) -> None:
        """``cmle vd.T, vn.T, #0``: compare signed less than or equal to zero."""
        self._put(_zero_only("cmle", 1, 9, vd, vn, zero))

    def bsl(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``bsl vd.T, vn.T, vm.T`` (.8b or .16b): bitwise select (vd selects between vn and vm)."""
        d = _vec("bsl", "destination", vd, _B)
        n = _like("bsl", "first source", vn, d)
        m = _like("bsl", "second source", vm, d)
        self._put(enc.three_same(d.q, 1, 1, 3, m.code, n.code, d.code))

    def bit(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``bit vd.T, vn.T, vm.T`` (.8b or .16b): bitwise insert if true."""
        d = _vec("bit", "destination", vd, _B)
        n = _like("bit", "first source", vn, d)
        m = _like("bit", "second source", vm, d)
        self._put(enc.three_same(d.q, 1, 2, 3, m.code, n.code, d.code))

    def bif(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``bif vd.T, vn.T, vm.T`` (.8b or .16b): bitwise insert if false."""
        d = _vec("bif", "destination", vd, _B)
        n = _like("bif", "first source", vn, d)
        m = _like("bif", "second source", vm, d)
        self._put(enc.three_same(d.q, 1, 3, 3, m.code, n.code, d.code))

    def cnt(self, vd: VArrangement, vn: VArrangement) -> None:
        """``cnt vd.T, vn.T``: population count per byte."""
        self._put(_misc2("cnt", 0, 5, _B, None, vd, vn))

    def not_(self, vd: VArrangement, vn: VArrangement) -> None:
        """``not vd.T, vn.T``: bitwise NOT."""
        self._put(_misc2("not", 1, 5, _B, 0, vd, vn))

    def abs(self, vd: VArrangement, vn: VArrangement) -> None:
        """``abs vd.T, vn.T``: absolute value."""
        self._put(_misc2("abs", 0, 11, _ALL, None, vd, vn))

    def sqabs(self, vd: VArrangement, vn: VArrangement) -> None:
        """``sqabs vd.T, vn.T``: signed saturating absolute value."""
        self._put(_misc2("sqabs", 0, 7, _ALL, None, vd, vn))

    def sqneg(self, vd: VArrangement, vn: VArrangement) -> None:
        """``sqneg vd.T, vn.T``: signed saturating negate."""
        self._put(_misc2("sqneg", 1, 7, _ALL, None, vd, vn))

    def suqadd(self, vd: VArrangement, vn: VArrangement) -> None:
        """``suqadd vd.T, vn.T``: signed saturating accumulate of unsigned value."""
        self._put(_misc2("suqadd", 0, 3, _ALL, None, vd, vn))

    def usqadd(self, vd: VArrangement, vn: VArrangement) -> None:
        """``usqadd vd.T, vn.T``: unsigned saturating accumulate of signed value."""
        self._put(_misc2("usqadd", 1, 3, _ALL, None, vd, vn))

    def addv(self, rd: FPRegister, vn: VArrangement) -> None:
        """``addv b|h|sd, vn.T``: add across lanes."""
        self._put(_across("addv", 0, 27, False, rd, vn))

    def smaxv(self, rd: FPRegister, vn: VArrangement) -> None:
        """``smaxv b|h|sd, vn.T``: signed maximum across lanes."""
        self._put(_across("smaxv", 0, 10, False, rd, vn))

    def sminv(self, rd: FPRegister, vn: VArrangement) -> None:
        """``sminv b|h|sd, vn.T``: signed minimum across lanes."""
        self._put(_across("sminv", 0, 26, False, rd, vn))

    def umaxv(self, rd: FPRegister, vn: VArrangement) -> None:
        """``umaxv b|h|sd, vn.T``: unsigned maximum across lanes."""
        self._put(_across("umaxv", 1, 10, False, rd, vn))

    def uminv(self, rd: FPRegister, vn: VArrangement) -> None:
        """``uminv b|h|sd, vn.T``: unsigned minimum across lanes."""
        self._put(_across("uminv", 1, 26, False, rd, vn))

    def saddlv(self, rd: FPRegister, vn: VArrangement) -> None:
        """``saddlv h|s|dd, vn.T``: signed add long across lanes."""
        self._put(_across("saddlv", 0, 3, True, rd, vn))

    def uaddlv(self, rd: FPRegister, vn: VArrangement) -> None:
        """``uaddlv h|s|dd, vn.T``: unsigned add long across lanes."""
        self._put(_across("uaddlv", 1, 3, True, rd, vn))

    def uzp1(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``uzp1 vd.T, vn.T, vm.T``: unzip, even lanes."""
        self._put(_permute("uzp1", 1, vd, vn, vm))

    def trn1(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``trn1 vd.T, vn.T, vm.T``: transpose, even lanes."""
        self._put(_permute("trn1", 2, vd, vn, vm))

    def zip1(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``zip1 vd.T, vn.T, vm.T``: interleave the low halves."""
        self._put(_permute("zip1", 3, vd, vn, vm))

    def uzp2(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``uzp2 vd.T, vn.T, vm.T``: unzip, odd lanes."""
        self._put(_permute("uzp2", 5, vd, vn, vm))

    def trn2(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``trn2 vd.T, vn.T, vm.T``: transpose, odd lanes."""
        self._put(_permute("trn2", 6, vd, vn, vm))

    def zip2(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``zip2 vd.T, vn.T, vm.T``: interleave the high halves."""
        self._put(_permute("zip2", 7, vd, vn, vm))

    def sshr(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``sshr vd.T, vn.T, #shift`` (1..lane bits): signed shift right."""
        self._put(_shr("sshr", 0, 0, vd, vn, shift))

    def ssra(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``ssra vd.T, vn.T, #shift`` (1..lane bits): signed shift right and accumulate."""
        self._put(_shr("ssra", 0, 2, vd, vn, shift))

    def srshr(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``srshr vd.T, vn.T, #shift`` (1..lane bits): signed rounding shift right."""
        self._put(_shr("srshr", 0, 4, vd, vn, shift))

    def srsra(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``srsra vd.T, vn.T, #shift`` (1..lane bits): signed rounding shift right and
        accumulate."""
        self._put(_shr("srsra", 0, 6, vd, vn, shift))

    def ushr(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``ushr vd.T, vn.T, #shift`` (1..lane bits): unsigned shift right."""
        self._put(_shr("ushr", 1, 0, vd, vn, shift))

    def usra(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``usra vd.T, vn.T, #shift`` (1..lane bits): unsigned shift right and accumulate."""
        self._put(_shr("usra", 1, 2, vd, vn, shift))

    def urshr(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``urshr vd.T, vn.T, #shift`` (1..lane bits): unsigned rounding shift right."""
        self._put(_shr("urshr", 1, 4, vd, vn, shift))

    def ursra(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``ursra vd.T, vn.T, #shift`` (1..lane bits): unsigned rounding shift right and
        accumulate."""
        self._put(_shr("ursra", 1, 6, vd, vn, shift))

    def sri(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``sri vd.T, vn.T, #shift`` (1..lane bits): shift right and insert."""
        self._put(_shr("sri", 1, 8, vd, vn, shift))

    def shl(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``shl vd.T, vn.T, #shift`` (0..lane bits - 1): shift left."""
        self._put(_shl("shl", 0, 10, vd, vn, shift))

    def sli(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``sli vd.T, vn.T, #shift`` (0..lane bits - 1): shift left and insert."""
        self._put(_shl("sli", 1, 10, vd, vn, shift))

    def shrn(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``shrn vd.8b|4h|2s, vn.8h|4s|2d, #shift``: shift right narrow."""
        self._put(_shrn("shrn", False, 16, vd, vn, shift))

    def shrn2(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``shrn2 vd.16b|8h|4s, vn.8h|4s|2d, #shift``: shift right narrow into the upper half."""
        self._put(_shrn("shrn2", True, 16, vd, vn, shift))

    def rshrn(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``rshrn vd.8b|4h|2s, vn.8h|4s|2d, #shift``: rounding shift right narrow."""
        self._put(_shrn("rshrn", False, 17, vd, vn, shift))

    def rshrn2(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``rshrn2 vd.16b|8h|4s, vn.8h|4s|2d, #shift``: rounding shift right narrow into the
        upper half."""
        self._put(_shrn("rshrn2", True, 17, vd, vn, shift))

    def sshll(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``sshll vd.8h|4s|2d, vn.8b|4h|2s, #shift``: signed shift left long."""
        self._put(_shll("sshll", False, 0, vd, vn, shift))

    def sshll2(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``sshll2 vd.8h|4s|2d, vn.16b|8h|4s, #shift``: signed shift left long of the upper
        half."""
        self._put(_shll("sshll2", True, 0, vd, vn, shift))

    def sxtl(self, vd: VArrangement, vn: VArrangement) -> None:
        """``sxtl vd, vn`` = ``sshll vd, vn, #0``: sign-extend each lane."""
        self._put(_shll("sxtl", False, 0, vd, vn, 0))

    def sxtl2(self, vd: VArrangement, vn: VArrangement) -> None:
        """``sxtl2 vd, vn`` = ``sshll2 vd, vn, #0``: sign-extend each lane of the upper half."""
        self._put(_shll("sxtl2", True, 0, vd, vn, 0))

    def ushll(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``ushll vd.8h|4s|2d, vn.8b|4h|2s, #shift``: unsigned shift left long."""
        self._put(_shll("ushll", False, 1, vd, vn, shift))

    def ushll2(self, vd: VArrangement, vn: VArrangement, shift: int) -> None:
        """``ushll2 vd.8h|4s|2d, vn.16b|8h|4s, #shift``: unsigned shift left long of the upper
        half."""
        self._put(_shll("ushll2", True, 1, vd, vn, shift))

    def uxtl(self, vd: VArrangement, vn: VArrangement) -> None:
        """``uxtl vd, vn`` = ``ushll vd, vn, #0``: zero-extend each lane."""
        self._put(_shll("uxtl", False, 1, vd, vn, 0))

    def uxtl2(self, vd: VArrangement, vn: VArrangement) -> None:
        """``uxtl2 vd, vn`` = ``ushll2 vd, vn, #0``: zero-extend each lane of the upper half."""
        self._put(_shll("uxtl2", True, 1, vd, vn, 0))

    def xtn(self, vd: VArrangement, vn: VArrangement) -> None:
        """``xtn vd, vn.8h|4s|2d``: extract narrow."""
        self._put(_xtn("xtn", False, 0, 18, vd, vn))

    def xtn2(self, vd: VArrangement, vn: VArrangement) -> None:
        """``xtn2 vd, vn.8h|4s|2d``: extract narrow into the upper half."""
        self._put(_xtn("xtn2", True, 0, 18, vd, vn))

    def sqxtn(self, vd: VArrangement, vn: VArrangement) -> None:
        """``sqxtn vd, vn.8h|4s|2d``: signed saturating extract narrow."""
        self._put(_xtn("sqxtn", False, 0, 20, vd, vn))

    def sqxtn2(self, vd: VArrangement, vn: VArrangement) -> None:
        """``sqxtn2 vd, vn.8h|4s|2d``: signed saturating extract narrow into the upper half."""
        self._put(_xtn("sqxtn2", True, 0, 20, vd, vn))

    def uqxtn(self, vd: VArrangement, vn: VArrangement) -> None:
        """``uqxtn vd, vn.8h|4s|2d``: unsigned saturating extract narrow."""
        self._put(_xtn("uqxtn", False, 1, 20, vd, vn))

    def uqxtn2(self, vd: VArrangement, vn: VArrangement) -> None:
        """``uqxtn2 vd, vn.8h|4s|2d``: unsigned saturating extract narrow into the upper half."""
        self._put(_xtn("uqxtn2", True, 1, 20, vd, vn))

    def sqxtun(self, vd: VArrangement, vn: VArrangement) -> None:
        """``sqxtun vd, vn.8h|4s|2d``: signed saturating extract unsigned narrow."""
        self._put(_xtn("sqxtun", False, 1, 18, vd, vn))

    def sqxtun2(self, vd: VArrangement, vn: VArrangement) -> None:
        """``sqxtun2 vd, vn.8h|4s|2d``: signed saturating extract unsigned narrow into the
        upper half."""
        self._put(_xtn("sqxtun2", True, 1, 18, vd, vn))

    def ext(self, vd: VArrangement, vn: VArrangement, vm: VArrangement, index: int) -> None:
        """``ext vd.T, vn.T, vm.T, #index`` (.8b/.16b): bytes index.. of vm:vn."""
        d = _vec("ext", "destination", vd, _B)
        n = _like("ext", "first source", vn, d)
        m = _like("ext", "second source", vm, d)
        if type(index) is not int:
            raise bad_operand("ext", "index", index, "an integer byte index")
        self._put(enc.ext("ext", d.q, index, m.code, n.code, d.code))

    def tbl(self, vd: VArrangement, table: VList, vm: VArrangement) -> None:
        """``tbl vd.T, {vn.16b-...}, vm.T``: table lookup (out-of-range indexes give 0)."""
        self._put(_table("tbl", 0, vd, table, vm))

    def tbx(self, vd: VArrangement, table: VList, vm: VArrangement) -> None:
        """``tbx vd.T, {vn.16b-...}, vm.T``: table lookup (out-of-range lanes unchanged)."""
        self._put(_table("tbx", 1, vd, table, vm))

    def dup(self, vd: VArrangement, src: VElement | GPRegister) -> None:
        """``dup vd.T, vn.<ts>[i]`` or ``dup vd.T, wn|xn``: copy one value to every lane."""
        d = _vec("dup", "destination", vd, _ALL)
        if type(src) is GPRegister:
            want = 64 if d.esize == 64 else 32
            if src.size != want or src.is_sp:
                raise bad_operand("dup", "source", src, f"a {want}-bit register for "
                                  f".{d.name.split('.')[1]} lanes")
            self._put(enc.copy(d.q, 0, 1 << d.size, 1, src.code, d.code))
            return
        imm5, size = _element("dup", "source", src)
        if size != d.size:
            raise bad_operand("dup", "source", src, f"a lane of {d.esize} bits like the "
                              "destination's")
        assert isinstance(src, VElement)
        self._put(enc.copy(d.q, 0, imm5, 0, src.code, d.code))

    def ins(self, dst: VElement, src: VElement | GPRegister) -> None:
        """``ins vd.<ts>[i], wn|xn`` or ``ins vd.<ts>[i], vn.<ts>[j]``: insert one lane."""
        imm5, size = _element("ins", "destination", dst)
        assert isinstance(dst, VElement)
        if type(src) is GPRegister:
            want = 64 if size == 3 else 32
            if src.size != want or src.is_sp:
                raise bad_operand("ins", "source", src, f"a {want}-bit register for "
                                  f"{dst.size}-bit lanes")
            self._put(enc.copy(1, 0, imm5, 3, src.code, dst.code))
            return
        _, src_size = _element("ins", "source", src)
        assert isinstance(src, VElement)
        if src_size != size:
            raise bad_operand("ins", "source", src, f"a lane of {dst.size} bits like the "
                              "destination's")
        self._put(enc.copy(1, 1, imm5, src.index << size, src.code, dst.code))

    def umov(self, rd: GPRegister, src: VElement) -> None:
        """``umov wd, vn.b|h|s[i]`` or ``umov xd, vn.d[i]``: move a lane, zero-extended."""
        imm5, size = _element("umov", "source", src)
        want = 64 if size == 3 else 32
        if type(rd) is not GPRegister or rd.size != want or rd.is_sp:
            raise bad_operand("umov", "destination", rd, f"a {want}-bit register "
                              f"({'x' if want == 64 else 'w'}0-30, zr) for this lane")
        assert isinstance(src, VElement)
        self._put(enc.copy(size == 3, 0, imm5, 7, src.code, rd.code))

    def smov(self, rd: GPRegister, src: VElement) -> None:
        """``smov wd|xd, vn.b|h[i]`` or ``smov xd, vn.s[i]``: move a lane, sign-extended."""
        imm5, size = _element("smov", "source", src)
        if size == 3:
            raise bad_operand("smov", "source", src, "a .b, .h or .s lane")
        if type(rd) is not GPRegister or rd.is_sp or (size == 2 and rd.size != 64):
            raise bad_operand("smov", "destination", rd,
                              "an x register" + ("" if size == 2 else " or a w register"))
        assert isinstance(src, VElement)
        self._put(enc.copy(rd.size == 64, 0, imm5, 5, src.code, rd.code))

    def movi(self, vd: VArrangement | FPRegister, imm: int, shift: Shift | None = None) -> None:
        """``movi vd.T, #imm8{, lsl #n}``; ``movi dd, #imm64`` / ``movi vd.2d, #imm64``
        with every byte of imm64 0x00 or 0xff (``movi d0, #0`` zeroes d0)."""
        if type(vd) is FPRegister or (type(vd) is VArrangement and vd.esize == 64):
            if type(vd) is FPRegister and vd.size != 64:
                raise bad_operand("movi", "destination", vd, "d0-d31 or a vector register")
            if type(vd) is VArrangement and not vd.q:
                raise bad_operand("movi", "destination", vd, "a .2d vector (not .1d)")
            if shift is not None:
                raise bad_operand("movi", "shift", shift, "no shift with a 64-bit immediate")
            q = 1 if type(vd) is VArrangement else 0
            assert isinstance(vd, (FPRegister, VArrangement))
            self._put(enc.modified_imm(q, 1, 0b1110, 0, _bytemask("movi", imm), vd.code))
            return
        d = _vec("movi", "destination", vd, _BHS)
        cmode, imm8 = _movi_imm("movi", d.esize, imm, shift, False)
        self._put(enc.modified_imm(d.q, 0, cmode, 0, imm8, d.code))

    def mvni(self, vd: VArrangement, imm: int, shift: Shift | None = None) -> None:
        """``mvni vd.4h|8h|2s|4s, #imm8{, lsl #n}``: move the inverted shifted immediate."""
        d = _vec("mvni", "destination", vd, _HS)
        cmode, imm8 = _movi_imm("mvni", d.esize, imm, shift, True)
        self._put(enc.modified_imm(d.q, 1, cmode, 0, imm8, d.code))

    def ld1(self, regs: VList, addr: Mem, rm: GPRegister | None = None) -> None:
        """``ld1 {vt.T, ...}, [xn|sp]``, post-indexed ``[xn|sp], #bytes`` (``post``) or
        ``[xn|sp], xm`` (``mem(xn), xm``): load 1-4 registers of single elements."""
        self._put(_ldst("ld1", 1, None, regs, addr, rm))

    def ld2(self, regs: VList, addr: Mem, rm: GPRegister | None = None) -> None:
        """``ld2 {vt.T, ...}, [xn|sp]``, post-indexed ``[xn|sp], #bytes`` (``post``) or
        ``[xn|sp], xm`` (``mem(xn), xm``): load 2-element structures, deinterleaving."""
        self._put(_ldst("ld2", 1, 2, regs, addr, rm))

    def ld3(self, regs: VList, addr: Mem, rm: GPRegister | None = None) -> None:
        """``ld3 {vt.T, ...}, [xn|sp]``, post-indexed ``[xn|sp], #bytes`` (``post``) or
        ``[xn|sp], xm`` (``mem(xn), xm``): load 3-element structures, deinterleaving."""
        self._put(_ldst("ld3", 1, 3, regs, addr, rm))

    def ld4(self, regs: VList, addr: Mem, rm: GPRegister | None = None) -> None:
        """``ld4 {vt.T, ...}, [xn|sp]``, post-indexed ``[xn|sp], #bytes`` (``post``) or
        ``[xn|sp], xm`` (``mem(xn), xm``): load 4-element structures, deinterleaving."""
        self._put(_ldst("ld4", 1, 4, regs, addr, rm))

    def st1(self, regs: VList, addr: Mem, rm: GPRegister | None = None) -> None:
        """``st1 {vt.T, ...}, [xn|sp]``, post-indexed ``[xn|sp], #bytes`` (``post``) or
        ``[xn|sp], xm`` (``mem(xn), xm``): store 1-4 registers of single elements."""
        self._put(_ldst("st1", 0, None, regs, addr, rm))

    def st2(self, regs: VList, addr: Mem, rm: GPRegister | None = None) -> None:
        """``st2 {vt.T, ...}, [xn|sp]``, post-indexed ``[xn|sp], #bytes`` (``post``) or
        ``[xn|sp], xm`` (``mem(xn), xm``): store 2-element structures, interleaving."""
        self._put(_ldst("st2", 0, 2, regs, addr, rm))

    def st3(self, regs: VList, addr: Mem, rm: GPRegister | None = None) -> None:
        """``st3 {vt.T, ...}, [xn|sp]``, post-indexed ``[xn|sp], #bytes`` (``post``) or
        ``[xn|sp], xm`` (``mem(xn), xm``): store 3-element structures, interleaving."""
        self._put(_ldst("st3", 0, 3, regs, addr, rm))

    def st4(self, regs: VList, addr: Mem, rm: GPRegister | None = None) -> None:
        """``st4 {vt.T, ...}, [xn|sp]``, post-indexed ``[xn|sp], #bytes`` (``post``) or
        ``[xn|sp], xm`` (``mem(xn), xm``): store 4-element structures, interleaving."""
        self._put(_ldst("st4", 0, 4, regs, addr, rm))



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
        SimdMixin.ins.__wrapped__(asm, rd, src)  # type: ignore[attr-defined]
        return True
    if type(rd) is GPRegister and type(src) is VElement:
        if src.size < 32:
            raise bad_operand("mov", "source", src, "a .s or .d lane (umov for .b and .h)")
        SimdMixin.umov.__wrapped__(asm, rd, src)  # type: ignore[attr-defined]
        return True
    return False


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


def _fp3(insn: str, u: int, a: int, opcode: int, scalar: bool, vd: object, vn: object,
         vm: object) -> int:
    """FP three-same, ``size`` = a:sz: vector .2s/.4s/.2d, or the scalar s/d form."""
    if type(vd) is FPRegister and scalar:
        if vd.size not in (32, 64):
            raise bad_operand(insn, "destination", vd, "s0-s31, d0-d31 or a vector register")
        for operand, reg in (("first source", vn), ("second source", vm)):
            if type(reg) is not FPRegister or reg.size != vd.size:
                raise bad_operand(insn, operand, reg, f"a {vd.size}-bit scalar register like "
                                  "the destination")
        assert isinstance(vn, FPRegister) and isinstance(vm, FPRegister)
        return (0x5E200400 | u << 29 | a << 23 | (vd.size == 64) << 22 | vm.code << 16
                | opcode << 11 | vn.code << 5 | vd.code)
    d = _vec(insn, "destination", vd, _FP)
    n = _like(insn, "first source", vn, d)
    m = _like(insn, "second source", vm, d)
    return enc.three_same(d.q, u, a << 1 | (d.esize == 64), opcode, m.code, n.code, d.code)


def _fp_zero(insn: str, u: int, opcode: int, vd: object, vn: object, zero: object) -> int:
    """FP compare with zero (``#0.0``, or ``#0`` as LLVM also reads it), vector or s/d."""
    if type(zero) not in (int, float) or zero != 0:
        raise bad_value(insn, "immediate", zero, "#0.0")
    if type(vd) is FPRegister:
        if vd.size not in (32, 64) or type(vn) is not FPRegister or vn.size != vd.size:
            raise bad_operand(insn, "source", vn, "s or d registers of one size")
        return (0x5EA0C800 | u << 29 | (vd.size == 64) << 22 | (opcode & 3) << 12
                | vn.code << 5 | vd.code)
    d = _vec(insn, "destination", vd, _FP)
    n = _like(insn, "source", vn, d)
    return enc.two_misc(d.q, u, 2 | (d.esize == 64), opcode, n.code, d.code)


class SimdFloatMixin(AssemblerCore):
    """Advanced SIMD floating point without a scalar-FP namesake: fmla, fmls, fmulx,
    frecps, frsqrts, faddp, fmaxp, fminp, fmaxnmp, fminnmp, fabd, facge, facgt, fcmeq,
    fcmge, fcmgt, fcmle, fcmlt."""

    def fmla(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``fmla vd.2s|4s|2d, vn, vm``: fused multiply-add to accumulator."""
        self._put(_fp3("fmla", 0, 0, 25, False, vd, vn, vm))

    def fmls(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``fmls vd.2s|4s|2d, vn, vm``: fused multiply-subtract from accumulator."""
        self._put(_fp3("fmls", 0, 1, 25, False, vd, vn, vm))

    def fmulx(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                  vm: VArrangement | FPRegister) -> None:
        """``fmulx vd.2s|4s|2d, vn, vm`` (or s/d scalars): multiply extended."""
        self._put(_fp3("fmulx", 0, 0, 27, True, vd, vn, vm))

    def frecps(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                   vm: VArrangement | FPRegister) -> None:
        """``frecps vd.2s|4s|2d, vn, vm`` (or s/d scalars): reciprocal step."""
        self._put(_fp3("frecps", 0, 0, 31, True, vd, vn, vm))

    def frsqrts(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                    vm: VArrangement | FPRegister) -> None:
        """``frsqrts vd.2s|4s|2d, vn, vm`` (or s/d scalars): reciprocal square root step."""
        self._put(_fp3("frsqrts", 0, 1, 31, True, vd, vn, vm))

    def fmaxnmp(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``fmaxnmp vd.2s|4s|2d, vn, vm``: maximum number pairwise."""
        self._put(_fp3("fmaxnmp", 1, 0, 24, False, vd, vn, vm))

    def faddp(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``faddp vd.2s|4s|2d, vn, vm``: add pairwise."""
        self._put(_fp3("faddp", 1, 0, 26, False, vd, vn, vm))

    def facge(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                  vm: VArrangement | FPRegister) -> None:
        """``facge vd.2s|4s|2d, vn, vm`` (or s/d scalars): absolute compare greater than or
        equal."""
        self._put(_fp3("facge", 1, 0, 29, True, vd, vn, vm))

    def fmaxp(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``fmaxp vd.2s|4s|2d, vn, vm``: maximum pairwise."""
        self._put(_fp3("fmaxp", 1, 0, 30, False, vd, vn, vm))

    def fminnmp(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``fminnmp vd.2s|4s|2d, vn, vm``: minimum number pairwise."""
        self._put(_fp3("fminnmp", 1, 1, 24, False, vd, vn, vm))

    def fabd(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                 vm: VArrangement | FPRegister) -> None:
        """``fabd vd.2s|4s|2d, vn, vm`` (or s/d scalars): absolute difference."""
        self._put(_fp3("fabd", 1, 1, 26, True, vd, vn, vm))

    def facgt(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                  vm: VArrangement | FPRegister) -> None:
        """``facgt vd.2s|4s|2d, vn, vm`` (or s/d scalars): absolute compare greater than."""
        self._put(_fp3("facgt", 1, 1, 29, True, vd, vn, vm))

    def fminp(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``fminp vd.2s|4s|2d, vn, vm``: minimum pairwise."""
        self._put(_fp3("fminp", 1, 1, 30, False, vd, vn, vm))

    def fcmeq(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                  vm: VArrangement | FPRegister | float) -> None:
        """``fcmeq vd.2s|4s|2d, vn, vm`` or ``fcmeq vd, vn, #0.0`` (or s/d scalars): compare
        equal."""
        if type(vm) is float or type(vm) is int:
            self._put(_fp_zero("fcmeq", 0, 13, vd, vn, vm))
            return
        self._put(_fp3("fcmeq", 0, 0, 28, True, vd, vn, vm))

    def fcmge(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                  vm: VArrangement | FPRegister | float) -> None:
        """``fcmge vd.2s|4s|2d, vn, vm`` or ``fcmge vd, vn, #0.0`` (or s/d scalars): compare
        greater than or equal."""
        if type(vm) is float or type(vm) is int:
            self._put(_fp_zero("fcmge", 1, 12, vd, vn, vm))
            return
        self._put(_fp3("fcmge", 1, 0, 28, True, vd, vn, vm))

    def fcmgt(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                  vm: VArrangement | FPRegister | float) -> None:
        """``fcmgt vd.2s|4s|2d, vn, vm`` or ``fcmgt vd, vn, #0.0`` (or s/d scalars): compare
        greater than."""
        if type(vm) is float or type(vm) is int:
            self._put(_fp_zero("fcmgt", 0, 12, vd, vn, vm))
            return
        self._put(_fp3("fcmgt", 1, 1, 28, True, vd, vn, vm))

    def fcmle(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                  zero: float) -> None:
        """``fcmle vd.2s|4s|2d, vn, #0.0`` (or s/d scalars): compare less than or equal to zero."""
        self._put(_fp_zero("fcmle", 1, 13, vd, vn, zero))

    def fcmlt(self, vd: VArrangement | FPRegister, vn: VArrangement | FPRegister,
                  zero: float) -> None:
        """``fcmlt vd.2s|4s|2d, vn, #0.0`` (or s/d scalars): compare less than zero."""
        self._put(_fp_zero("fcmlt", 0, 14, vd, vn, zero))
