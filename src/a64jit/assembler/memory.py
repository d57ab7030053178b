"""Loads and stores: ldr/str and their byte, halfword and sign-extending forms, the
unscaled ldur/stur family, literal loads, prefetch, and register pairs.

Addressing modes follow the :class:`~a64jit.operands.Mem` operand::

    a.ldr(x0, mem(x1, 8))               # [x1, #8]       scaled unsigned offset
    a.ldr(x0, mem(x1, -8))              # [x1, #-8]      LLVM picks ldur: so do we
    a.ldr(x0, pre(x1, 16))              # [x1, #16]!     simm9, pre-index
    a.ldr(x0, post(x1, 16))             # [x1], #16      simm9, post-index
    a.ldr(x0, mem(x1, x2, lsl(3)))      # [x1, x2, lsl #3]
    a.ldr(w0, mem(x1, w2, sxtw(2)))     # [x1, w2, sxtw #2]
    a.ldr(x0, label)                    # literal (a Label, or an int byte offset)
    a.stp(x29, x30, pre(sp, -16))       # pairs: imm7 scaled by the register size

Each instruction is one row of the MEMORY table (see table.py), whose ``table`` field
maps every register it can transfer to an :class:`_Access` (the encoding's size/V/opc
fields), so a single dict lookup both validates the register and selects the encoding.
"""

from __future__ import annotations

import builtins
import types
from collections.abc import Callable
from typing import Final, NoReturn, TypeVar, cast

from ..encoding import loadstore as enc
from ..encoding.pcrel import BRANCH19
from ..errors import EncodingError, bad_operand, bad_value
from ..operands import (
    FP_BY_PREFIX,
    W_BY_CODE,
    X_BY_CODE,
    Extend,
    GPRegister,
    Mem,
    PageOffset,
    Register,
    Shift,
)
from . import table
from .core import AssemblerCore, Target

_Str = builtins.str  # the class below defines a method named ``str``
_F = TypeVar("_F", bound=Callable[..., None])


class _Access:
    """How one mnemonic transfers one register class.

    ``size``/``v``/``opc`` are the single-register fields (for pairs: ``opc``/``v``);
    ``shift`` is log2 of the bytes a single register moves; ``lit`` is the
    literal form's opc, or -1 when there is none; ``gp`` is true for general-purpose
    transfer registers (the only ones that can collide with a writeback base).
    """

    __slots__ = ("gp", "lit", "mask", "opc", "shift", "size", "top", "v")

    def __init__(self, size: int, v: int, opc: int, lit: int = -1) -> None:
        self.size: Final = size
        self.v: Final = v
        self.opc: Final = opc
        shift = enc.access_shift(size, v, opc)  # pairs ignore it: their encoder scales
        self.shift: Final = shift
        self.mask: Final = (1 << shift) - 1  # offset bits that must be zero when scaled
        self.top: Final = 4095 << shift  # largest scaled unsigned offset
        self.lit: Final = lit
        self.gp: Final = not v


_Table = dict[Register, _Access]


def _single(x: tuple[int, int] | None = None, w: tuple[int, int] | None = None,
            fp: int | None = None, lit: dict[_Str, int] | None = None) -> _Table:
    """Build a single-register table: ``x``/``w`` give (size, opc) of the GP forms,
    ``fp`` the opc<0> of the SIMD&FP forms (0 store, 1 load), ``lit`` the literal
    opc by register prefix."""
    lit = lit or {}
    table: _Table = {}
    for pfx, regs, form in (("x", X_BY_CODE, x), ("w", W_BY_CODE, w)):
        if form is not None:
            acc = _Access(form[0], 0, form[1], lit.get(pfx, -1))
            table.update(dict.fromkeys(regs, acc))
    if fp is not None:
        for pfx, size, opc in (("b", 0, fp), ("h", 1, fp), ("s", 2, fp), ("d", 3, fp),
                               # q is size=00 with opc<1> set (ARM ARM C4.1.88).
                               ("q", 0, 2 | fp)):
            acc = _Access(size, 1, opc, lit.get(pfx, -1))
            table.update(dict.fromkeys(FP_BY_PREFIX[pfx], acc))
    return table


def _pairs(gp: dict[_Str, int], fp: bool) -> _Table:
    """Build a pair table: ``gp`` maps "x"/"w" to opc; ``fp`` adds s/d/q (opc 0/1/2)."""
    table: _Table = {}
    for pfx, opc in gp.items():
        regs = X_BY_CODE if pfx == "x" else W_BY_CODE
        table.update(dict.fromkeys(regs, _Access(0, 0, opc)))
    if fp:
        for opc, pfx in enumerate("sdq"):
            table.update(dict.fromkeys(FP_BY_PREFIX[pfx], _Access(0, 1, opc)))
    return table


_LDR: Final = _single(x=(3, 1), w=(2, 1), fp=1, lit={"w": 0, "x": 1, "s": 0, "d": 1, "q": 2})
_STR: Final = _single(x=(3, 0), w=(2, 0), fp=0)
_LDRB: Final = _single(w=(0, 1))
_STRB: Final = _single(w=(0, 0))
_LDRH: Final = _single(w=(1, 1))
_STRH: Final = _single(w=(1, 0))
# Sign-extending loads: opc 10 extends to 64 bits, 11 to 32 bits.
_LDRSB: Final = _single(x=(0, 2), w=(0, 3))
_LDRSH: Final = _single(x=(1, 2), w=(1, 3))
_LDRSW: Final = _single(x=(2, 2), lit={"x": 2})
# prfm is "ldr" with size=11 opc=10 (literal: opc=11); Rt holds the prefetch operation.
_PRFM_LIT: Final = 3

_LDP: Final = _pairs({"w": 0, "x": 2}, fp=True)
_LDPSW: Final = _pairs({"x": 1}, fp=False)

_PREFETCH_TYPES: Final = ("pld", "pli", "pst")
_PREFETCH_TARGETS: Final = ("l1", "l2", "l3")
_PREFETCH_POLICIES: Final = ("keep", "strm")
#: Named prefetch operations (ARM ARM C6.2.249): type<<3 | target<<1 | policy.
PREFETCH_OPS: Final = {
    f"{t}{g}{p}": i << 3 | j << 1 | k
    for i, t in enumerate(_PREFETCH_TYPES)
    for j, g in enumerate(_PREFETCH_TARGETS)
    for k, p in enumerate(_PREFETCH_POLICIES)
}


def _describe(table: _Table) -> _Str:
    """What registers a table accepts, for error messages."""
    names = []
    for pfx, regs in (("x", X_BY_CODE), ("w", W_BY_CODE)):
        if regs[0] in table:
            names.append(f"{pfx}0-{pfx}30, {pfx}zr")
    names += [f"{p}0-{p}31" for p in "bhsdq" if FP_BY_PREFIX[p][0] in table]
    return "; ".join(names)


def _lookup(insn: _Str, operand: _Str, table: _Table, reg: object) -> _Access:
    """The table entry for ``reg`` (slow path: the caller's lookup missed)."""
    acc = table.get(reg) if isinstance(reg, Register) else None
    if acc is None:
        raise bad_operand(insn, operand, reg, _describe(table))
    return acc


def _index(insn: _Str, shift: int, rm: object, mod: Shift | Extend | None
           ) -> tuple[int, int, int]:
    """Rm, option and S fields of a register offset ``[xn, rm{, mod}]``.

    An x index takes no modifier, ``lsl`` or ``sxtx``; a w index needs ``uxtw`` or
    ``sxtw``. The amount is 0 or log2(access size). LLVM sets S exactly when the
    amount is written and equals log2(size): ``lsl #0`` on a byte access sets it,
    ``lsl #0`` on a wider one and a bare ``sxtw`` do not (both mean "unscaled").
    """
    if type(rm) is not GPRegister or rm.is_sp:
        raise bad_operand(insn, "index register", rm,
                          "a general-purpose register (x0-x30, xzr, or w0-w30, wzr)")
    if rm.size == 64:
        if mod is None:
            return rm.code, enc.OPTION_LSL, 0
        ok = (type(mod) is Shift and mod.kind == "lsl") or (
            type(mod) is Extend and mod.kind == "sxtx")
    else:
        ok = type(mod) is Extend and mod.kind in ("uxtw", "sxtw")
    if not ok:
        allowed = ("lsl or sxtx (or nothing)" if rm.size == 64 else "uxtw or sxtw")
        raise bad_operand(insn, "index modifier", mod,
                          f"{allowed} for a {rm.size}-bit index, amount 0 or {shift}")
    assert mod is not None
    # An Extend's code (uxtw 010, sxtw 110, sxtx 111) is the option field itself.
    option = enc.OPTION_LSL if type(mod) is Shift else mod.code
    amount = mod.amount
    if amount is None:
        return rm.code, option, 0
    if amount == shift:
        return rm.code, option, 1
    if amount == 0:
        return rm.code, option, 0
    raise bad_value(insn, "index shift amount", amount, f"0 or {shift}")


def _writeback_clash(insn: _Str, base: GPRegister, *regs: Register) -> NoReturn:
    raise EncodingError(
        f"{insn}: base register {base!r} is also transferred ({', '.join(map(repr, regs))}); "
        "writeback to it is unpredictable; allowed: a base register distinct from the "
        "transfer register(s)")


MEMORY: Final = table.Table("memory", "loads, stores, prefetch and register pairs")


# -- single register, every addressing mode ----------------------------------------------

@MEMORY.form("{name} rt, <[xn|sp, #imm] | [xn|sp, #imm]! | [xn|sp], #imm | "
             "[xn|sp, rm{{, ext}}] | label>")
def _ldst(self: AssemblerCore, spec: table.Spec, rt: Register, addr: Mem | Target) -> None:
    """One register, any addressing mode: the hot path of every ldr/str."""
    insn = spec.name
    table_ = spec.fields["table"]
    try:
        acc = table_[rt]
    except (KeyError, TypeError):
        acc = _lookup(insn, "transfer register", table_, rt)
    if type(addr) is not Mem:
        if acc.lit < 0:
            raise bad_operand(insn, "address", addr, "a memory operand (mem/pre/post)" + (
                "" if table_ is not _LDR else "; w, x, s, d and q also load from a label"))
        self._emit_pcrel(enc.load_literal(insn, acc.lit, acc.v, rt.code), cast(Target, addr),
                         BRANCH19, insn)
        return
    rn = addr.base.code
    off = addr.offset
    if type(off) is int:
        mode = addr.mode
        if mode == "offset":
            if not off & acc.mask and 0 <= off <= acc.top:
                self._put(enc.ldst_uimm(insn, acc.size, acc.v, acc.opc, rt.code, rn, off))
            elif -256 <= off < 256:
                # Like LLVM: an offset only the unscaled form can hold selects ldur/stur.
                self._put(enc.ldst_simm9(insn, acc.size, acc.v, acc.opc, enc.IDX_UNSCALED,
                                         rt.code, rn, off))
            else:
                raise bad_value(insn, "offset", off, f"0..{acc.top}, a multiple of "
                                f"{acc.mask + 1}, or -256..255 (unscaled)")
            return
        if rt.code == rn != 31 and acc.gp:
            # ARM ARM C6.2 "LDR (immediate)": writeback with Rn == Rt is CONSTRAINED
            # UNPREDICTABLE; LLVM rejects it for loads and stores alike.
            _writeback_clash(insn, addr.base, rt)
        self._put(enc.ldst_simm9(insn, acc.size, acc.v, acc.opc,
                                 enc.IDX_PRE if mode == "pre" else enc.IDX_POST,
                                 rt.code, rn, off))
        return
    if type(off) is PageOffset:
        # [xn, :lo12:label]: the scaled offset is filled in by finalize(address).
        word = enc.ldst_uimm(insn, acc.size, acc.v, acc.opc, rt.code, rn, 0)
        self._emit_late(word, "lo12", off.label, insn, acc.shift)
        return
    rm, option, s = _index(insn, acc.shift, off, addr.modifier)
    self._put(enc.ldst_regoff(insn, acc.size, acc.v, acc.opc, rt.code, rn, rm, option, s))


def _same_body(body: Callable[..., None]) -> Callable[[_F], _F]:
    """Decorator: the decorated form function runs ``body``'s code (the same parameters)
    under its own annotations, so rows with narrower operand types than ``body``'s
    (``ldrb`` takes a GPRegister) cost no extra call."""
    def retype(typed: _F) -> _F:
        names = typed.__code__.co_varnames[:typed.__code__.co_argcount]
        if names != body.__code__.co_varnames[:body.__code__.co_argcount]:
            raise TypeError(f"{typed.__qualname__}: parameters differ from {body.__qualname__}")
        same = types.FunctionType(body.__code__, body.__globals__, typed.__name__,
                                  body.__defaults__, body.__closure__)
        same.__qualname__ = typed.__qualname__
        same.__annotations__ = typed.__annotations__
        return cast(_F, same)
    return retype


_LDST: Final = _ldst.encode


@MEMORY.form("{name} rt, <[xn|sp, #imm] | [xn|sp, #imm]! | [xn|sp], #imm | "
             "[xn|sp, rm{{, ext}}]>")
@_same_body(_LDST)
def _store(self: AssemblerCore, spec: table.Spec, rt: Register, addr: Mem) -> None:
    """Runs _ldst's code (see _same_body); only the operand types differ."""


@MEMORY.form("{name} wt|xt, <[xn|sp, #imm] | [xn|sp, #imm]! | [xn|sp], #imm | "
             "[xn|sp, rm{{, ext}}]>")
@_same_body(_LDST)
def _ldst_gp(self: AssemblerCore, spec: table.Spec, rt: GPRegister, addr: Mem) -> None:
    """Runs _ldst's code (see _same_body); only the operand types differ."""


@MEMORY.form("{name} xt, <[xn|sp, #imm] | [xn|sp, #imm]! | [xn|sp], #imm | "
             "[xn|sp, rm{{, ext}}] | label>")
@_same_body(_LDST)
def _ldst_gp_literal(self: AssemblerCore, spec: table.Spec, rt: GPRegister,
                     addr: Mem | Target) -> None:
    """Runs _ldst's code (see _same_body); only the operand types differ."""


# -- unscaled signed offset: [xn, #-256..255] ---------------------------------------------

@MEMORY.form("{name} rt, [xn|sp{{, #simm9}}]")
def _unscaled(self: AssemblerCore, spec: table.Spec, rt: Register, addr: Mem) -> None:
    insn = spec.name
    table_ = spec.fields["table"]
    try:
        acc = table_[rt]
    except (KeyError, TypeError):
        acc = _lookup(insn, "transfer register", table_, rt)
    if type(addr) is not Mem or addr.mode != "offset" or type(addr.offset) is not int:
        raise bad_operand(insn, "address", addr, "[xn|sp, #-256..255]")
    self._put(enc.ldst_simm9(insn, acc.size, acc.v, acc.opc, enc.IDX_UNSCALED, rt.code,
                             addr.base.code, addr.offset))


_UNSCALED: Final = _unscaled.encode


@MEMORY.form("{name} wt|xt, [xn|sp{{, #simm9}}]")
@_same_body(_UNSCALED)
def _unscaled_gp(self: AssemblerCore, spec: table.Spec, rt: GPRegister, addr: Mem) -> None:
    """Runs _unscaled's code (see _same_body); only the operand types differ."""


# -- prefetch -----------------------------------------------------------------------------

@MEMORY.form("{name} op, <[xn|sp, #imm] | [xn|sp, rm{{, ext}}] | label>")
def _prfm(self: AssemblerCore, spec: table.Spec, op: str | int, addr: Mem | Target) -> None:
    insn = spec.name
    code = _prefetch_op(insn, op)
    if type(addr) is Mem:
        rn, off = addr.base.code, addr.offset
        if addr.mode != "offset":
            raise bad_operand(insn, "address", addr, "[xn, #imm], [xn, rm{, ext}] or a "
                              "label (no pre/post-index)")
        if type(off) is int:
            self._put(enc.ldst_uimm(insn, 3, 0, 2, code, rn, off))
        elif type(off) is PageOffset:
            self._emit_late(enc.ldst_uimm(insn, 3, 0, 2, code, rn, 0), "lo12", off.label,
                            insn, 3)
        else:
            rm, option, s = _index(insn, 3, off, addr.modifier)
            self._put(enc.ldst_regoff(insn, 3, 0, 2, code, rn, rm, option, s))
    else:
        self._emit_pcrel(enc.load_literal(insn, _PRFM_LIT, 0, code), cast(Target, addr),
                         BRANCH19, insn)


@MEMORY.form("{name} op, [xn|sp{{, #simm9}}]")
def _prfum(self: AssemblerCore, spec: table.Spec, op: str | int, addr: Mem) -> None:
    insn = spec.name
    code = _prefetch_op(insn, op)
    if type(addr) is not Mem or addr.mode != "offset" or type(addr.offset) is not int:
        raise bad_operand(insn, "address", addr, "[xn|sp, #-256..255]")
    self._put(enc.ldst_simm9(insn, 3, 0, 2, enc.IDX_UNSCALED, code, addr.base.code,
                             addr.offset))


# -- pairs --------------------------------------------------------------------------------

@MEMORY.form("{name} rt, rt2, <[xn|sp{{, #imm}}] | [xn|sp, #imm]! | [xn|sp], #imm>")
def _pair(self: AssemblerCore, spec: table.Spec, rt: Register, rt2: Register,
          addr: Mem) -> None:
    """ldp/stp/ldpsw: offset, pre- or post-index."""
    insn = spec.name
    table_ = spec.fields["table"]
    load = spec.fields["load"]
    try:
        acc = table_[rt]
        same_kind = table_[rt2] is acc
    except (KeyError, TypeError):
        acc = _lookup(insn, "first transfer register", table_, rt)
        same_kind = False
    if not same_kind:
        raise bad_operand(insn, "second transfer register", rt2,
                          f"a register of the same kind as {rt!r}")
    if type(addr) is not Mem or type(addr.offset) is not int:
        raise bad_operand(insn, "address", addr,
                          "[xn|sp{, #imm}], [xn|sp, #imm]! or [xn|sp], #imm")
    t, t2, rn, mode = rt.code, rt2.code, addr.base.code, addr.mode
    # ARM ARM C6.2 "LDP": t == t2 (loads) and writeback to a transferred base are
    # CONSTRAINED UNPREDICTABLE. We reject exactly what LLVM 14 rejects, whose checks
    # have gaps: a GP writeback ldp (and ldpsw pre-index) is checked for the base
    # clash only, ldpsw post-index for t == t2 only (ldnp: see _pair_nt).
    if mode == "offset":
        field = enc.PAIR_OFFSET
        if load and t == t2:
            _repeated(insn, rt2)
    else:
        field = enc.PAIR_PRE if mode == "pre" else enc.PAIR_POST
        if not acc.gp:
            if load and t == t2:
                _repeated(insn, rt2)
        elif table_ is _LDPSW and field == enc.PAIR_POST:
            if t == t2:
                _repeated(insn, rt2)
        elif rn != 31 and (t == rn or t2 == rn):
            _writeback_clash(insn, addr.base, rt, rt2)
    self._put(enc.ldst_pair(insn, acc.opc, acc.v, field, load, t, t2, rn, addr.offset))


_PAIR: Final = _pair.encode


@MEMORY.form("{name} xt, xt2, <[xn|sp{{, #imm}}] | [xn|sp, #imm]! | [xn|sp], #imm>")
@_same_body(_PAIR)
def _pair_gp(self: AssemblerCore, spec: table.Spec, rt: GPRegister, rt2: GPRegister,
             addr: Mem) -> None:
    """Runs _pair's code (see _same_body); only the operand types differ."""


@MEMORY.form("{name} rt, rt2, [xn|sp{{, #imm}}]")
def _pair_nt(self: AssemblerCore, spec: table.Spec, rt: Register, rt2: Register,
             addr: Mem) -> None:
    """ldnp/stnp: offset only; LLVM accepts rt == rt2 here, so do we."""
    insn = spec.name
    try:
        acc = _LDP[rt]
        same_kind = _LDP[rt2] is acc
    except (KeyError, TypeError):
        acc = _lookup(insn, "first transfer register", _LDP, rt)
        same_kind = False
    if not same_kind:
        raise bad_operand(insn, "second transfer register", rt2,
                          f"a register of the same kind as {rt!r}")
    if type(addr) is not Mem or type(addr.offset) is not int or addr.mode != "offset":
        raise bad_operand(insn, "address", addr, "[xn|sp{, #imm}] (no writeback)")
    self._put(enc.ldst_pair(insn, acc.opc, acc.v, enc.PAIR_NOALLOC, spec.fields["load"],
                            rt.code, rt2.code, addr.base.code, addr.offset))


class MemoryMixin(AssemblerCore):
    """ldr, str, ldrb, strb, ldrh, strh, ldrsb, ldrsh, ldrsw; ldur, stur, ldurb, sturb,
    ldurh, sturh, ldursb, ldursh, ldursw; prfm, prfum; ldp, stp, ldpsw, ldnp, stnp: one row
    each of the MEMORY table."""

    # -- single register, every addressing mode -----------------------------------------
    ldr = _ldst("ldr", "load w, x, b, h, s, d or q (an offset only simm9 fits selects ldur, "
                "as in LLVM); from a label (or an int byte offset) for w, x, s, d, q",
                table=_LDR)
    str = _store("str", "store w, x, b, h, s, d or q (no literal form)", table=_STR)
    ldrb = _ldst_gp("ldrb", "load a byte, zero-extended (wt)", table=_LDRB)
    strb = _ldst_gp("strb", "store the low byte (wt)", table=_STRB)
    ldrh = _ldst_gp("ldrh", "load a halfword, zero-extended (wt)", table=_LDRH)
    strh = _ldst_gp("strh", "store the low halfword (wt)", table=_STRH)
    ldrsb = _ldst_gp("ldrsb", "load a byte, sign-extended to 32 or 64 bits", table=_LDRSB)
    ldrsh = _ldst_gp("ldrsh", "load a halfword, sign-extended to 32 or 64 bits",
                     table=_LDRSH)
    ldrsw = _ldst_gp_literal("ldrsw", "load a word sign-extended to 64 bits (literal too)",
                             table=_LDRSW)

    # -- unscaled signed offset: [xn, #-256..255] ---------------------------------------
    ldur = _unscaled("ldur", "load w, x, b, h, s, d or q, unscaled offset", table=_LDR)
    stur = _unscaled("stur", "store w, x, b, h, s, d or q, unscaled offset", table=_STR)
    ldurb = _unscaled_gp("ldurb", "load a byte, zero-extended (wt)", table=_LDRB)
    sturb = _unscaled_gp("sturb", "store the low byte (wt)", table=_STRB)
    ldurh = _unscaled_gp("ldurh", "load a halfword, zero-extended (wt)", table=_LDRH)
    sturh = _unscaled_gp("sturh", "store the low halfword (wt)", table=_STRH)
    ldursb = _unscaled_gp("ldursb", "load a byte, sign-extended (wt or xt)", table=_LDRSB)
    ldursh = _unscaled_gp("ldursh", "load a halfword, sign-extended (wt or xt)",
                          table=_LDRSH)
    ldursw = _unscaled_gp("ldursw", "load a word, sign-extended (xt)", table=_LDRSW)

    # -- prefetch -----------------------------------------------------------------------
    prfm = _prfm("prfm", "prefetch; op is a name ('pldl1keep', 'pstl2strm', ...) or 0..31, "
                 "the offset scaled 0..32760 (LLVM does not turn an unscaled offset into "
                 "prfum: neither do we)")
    prfum = _prfum("prfum", "prefetch with an unscaled offset -256..255")

    # -- pairs --------------------------------------------------------------------------
    ldp = _pair("ldp", "load a pair of w, x, s, d or q (imm7 scaled by the register size); "
                "rt == rt2 is unpredictable", table=_LDP, load=1)
    stp = _pair("stp", "store a pair of w, x, s, d or q", table=_LDP, load=0)
    ldpsw = _pair_gp("ldpsw", "load two words, each sign-extended to 64 bits",
                     table=_LDPSW, load=1)
    ldnp = _pair_nt("ldnp", "load pair with a non-temporal hint", load=1)
    stnp = _pair_nt("stnp", "store pair with a non-temporal hint", load=0)


def _repeated(insn: _Str, rt2: Register) -> NoReturn:
    raise EncodingError(f"{insn}: second transfer register {rt2!r} repeats the first "
                        "(unpredictable); allowed: two distinct registers")


def _prefetch_op(insn: _Str, op: object) -> int:
    """The 5-bit prefetch operation: a name like "pldl1keep" or an int 0..31."""
    if type(op) is int:
        if 0 <= op <= 31:
            return op
        raise bad_value(insn, "prefetch operation", op, "0..31 or a name like pldl1keep")
    if type(op) is _Str:
        code = PREFETCH_OPS.get(op.lower())
        if code is not None:
            return code
    raise bad_operand(insn, "prefetch operation", op,
                      "pld|pli|pst + l1|l2|l3 + keep|strm (e.g. 'pldl1keep') or 0..31")


__all__ = ["PREFETCH_OPS", "MemoryMixin"]
