"""Add/subtract instructions and their aliases (cmp, cmn, neg, negs)."""

from __future__ import annotations

from ..encoding import dataproc as enc
from ..errors import OperandError, bad_operand, bad_value
from ..operands import (
    W_BY_CODE,
    X_BY_CODE,
    Extend,
    FPRegister,
    GPRegister,
    PageOffset,
    Shift,
    VArrangement,
)
from . import checks, table
from .core import AssemblerCore
from .simd import vector_dp

Modifier = Shift | Extend | None
_NAMES = ("destination", "first source", "second source")
Operand2 = int | GPRegister | PageOffset


ARITH = table.Table("arith", "add and subtract: immediate, shifted and extended register")


def _addsub_encode(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
            op2: Operand2, mod: Modifier = None) -> None:
    insn = spec.name
    if type(rn) is not GPRegister:
        if vector_dp(self, insn, rd, rn, op2, mod):  # vector forms (simd.py)
            return
        raise bad_operand(insn, "first source", rn, "a general-purpose register")
    op, s = spec.fields["op"], spec.fields["s"]
    # The first register written sets the width (rd, or rn for cmp/cmn, whose rd
    # is made from rn): a mismatch is blamed on the later operand, as LLVM does.
    size = rd.size if type(rd) is GPRegister else rn.size
    if type(op2) is int:
        self._put(_addsub_imm(insn, op, s, rd, rn, size, op2, mod))
    elif type(op2) is GPRegister:
        uses_sp = rn.is_sp or (rd.is_sp if type(rd) is GPRegister else False)
        if (type(mod) is Extend or (uses_sp and (mod is None or _is_lsl(mod)))
                or (s and size == 64 and op2.size == 32 and _is_lsl(mod))):
            _addsub_extended(self, insn, op, s, rd, rn, op2, mod)
        else:
            _addsub_shifted(self, insn, op, s, rd, rn, op2, mod)
    elif type(op2) is PageOffset and insn == "add" and mod is None:
        # add xd, xn, :lo12:label -- the immediate is filled in by finalize(address).
        word = _addsub_imm(insn, op, s, rd, rn, size, 0, None)
        self._emit_late(word, "lo12", op2.label, insn)
    else:
        raise bad_operand(insn, "second source", op2, "an integer immediate or a register"
                          + (" (or lo12(label), without a shift)" if insn == "add" else ""))


_ADDSUB_SYNTAX = "{name} rd, rn, #imm{{, lsl #12}} | rm{{, shift #n}} | rm, extend {{#n}}"
_addsub = ARITH.form(_ADDSUB_SYNTAX)(_addsub_encode)


def _addsub_vector(self: AssemblerCore, spec: table.Spec, rd: GPRegister | VArrangement |
                   FPRegister, rn: GPRegister | VArrangement | FPRegister,
                   op2: Operand2 | VArrangement | FPRegister, mod: Modifier = None) -> None:
    """add and sub: also ``vd.T, vn.T, vm.T`` and ``dd, dn, dm`` (simd.vector_dp)."""


_addsub_or_vector = ARITH.form(_ADDSUB_SYNTAX + " | {name} vd.T, vn.T, vm.T | dd, dn, dm")(
    table.typed_as(_addsub_encode, _addsub_vector))


@ARITH.form("{name} rn, #imm{{, lsl #12}} | rm{{, shift #n}} | rm, extend {{#n}}")
def _compare(self: AssemblerCore, spec: table.Spec, rn: GPRegister, op2: Operand2,
             mod: Modifier = None) -> None:
    _addsub_encode(self, spec, _zr_like(rn), rn, op2, mod)


def _negate_encode(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rm: GPRegister,
                   mod: Shift | None = None) -> None:
    insn = spec.name
    try:
        _addsub_shifted(self, insn, 1, spec.fields["s"], rd, _zr_like(rd), rm, mod)
    except OperandError:
        if spec.fields["s"] or not vector_dp(self, insn, rd, rm, mod, None):  # vector neg
            raise


def _neg_vector(self: AssemblerCore, spec: table.Spec, rd: GPRegister | VArrangement |
                FPRegister, rm: GPRegister | VArrangement | FPRegister,
                mod: Shift | None = None) -> None:
    """neg: also ``vd.T, vn.T`` and ``dd, dn`` (simd.vector_dp)."""


_NEG_SYNTAX = "{name} rd, rm{{, shift #n}}"
_negate = ARITH.form(_NEG_SYNTAX)(_negate_encode)
_negate_or_vector = ARITH.form(_NEG_SYNTAX + " | {name} vd.T, vn.T | dd, dn")(
    table.typed_as(_negate_encode, _neg_vector))


class ArithMixin(AssemblerCore):
    """add, adds, sub, subs, cmp, cmn, neg, negs: rows of the table ``ARITH``, whose
    fields are the encoding's ``op`` (subtract) and ``S`` (set flags) bits."""

    add = _addsub_or_vector("add", "add (an immediate may be negative: then it is a sub, as in "
                  "LLVM)", op=0, s=0)
    adds = _addsub("adds", "add, setting flags", op=0, s=1)
    sub = _addsub_or_vector("sub", "subtract", op=1, s=0)
    subs = _addsub("subs", "subtract, setting flags", op=1, s=1)
    cmp = _compare("cmp", "= ``subs zr, rn, op2``", op=1, s=1)
    cmn = _compare("cmn", "= ``adds zr, rn, op2``", op=0, s=1)
    neg = _negate_or_vector("neg", "= ``sub rd, zr, rm{, shift}``", op=1, s=0)
    negs = _negate("negs", "= ``subs rd, zr, rm{, shift}``", op=1, s=1)


def _addsub_shifted(self: AssemblerCore, insn: str, op: int, s: int, rd: GPRegister,
                    rn: GPRegister, rm: GPRegister, mod: Modifier) -> None:
    sf = checks.gp_sf(insn, _NAMES, rd, rn, rm)  # no sp: 31 is the zero register
    shift, amount = 0, 0
    if mod is not None:
        if type(mod) is not Shift or mod.kind == "ror":
            raise bad_operand(insn, "shift", mod, f"lsl, lsr or asr #0..{31 + 32 * sf}")
        shift, amount = mod.code, mod.amount
    self._put(enc.addsub_shifted(insn, sf, op, s, rd.code, rn.code, rm.code, shift, amount))


def _addsub_extended(self: AssemblerCore, insn: str, op: int, s: int, rd: GPRegister,
                     rn: GPRegister, rm: GPRegister, mod: Modifier) -> None:
    size = rn.size
    d = checks.gp_code(insn, "destination", rd, size, sp=not s)
    n = checks.gp_code(insn, "first source", rn, size, sp=True)
    if mod is None or type(mod) is Shift:
        # "lsl" is the preferred spelling of uxtx/uxtw when rd or rn is sp. LLVM 14
        # also takes adds/subs/cmp/cmn xd, xn, wm, lsl #n as uxtw #n: so do we.
        # Without any modifier, a w register is not a 64-bit form's operand (LLVM:
        # "too few operands"): it needs an extend (or that lsl) to say how it widens.
        w_index = s and mod is not None and type(rm) is GPRegister and rm.size == 32
        option, amount = (3 if size == 64 and not w_index else 2), (mod.amount if mod else 0)
    else:
        assert type(mod) is Extend
        option, amount = mod.code, mod.amount or 0
    # 64-bit forms take an x register only for uxtx/sxtx, a w register otherwise.
    m_size = 64 if size == 64 and option & 3 == 3 else 32
    if s and m_size == 64 and type(mod) is Extend and type(rm) is GPRegister \
            and rm.size == 32:
        m_size = 32  # LLVM 14 also accepts a w register for adds/subs ..., [us]xtx
    m = checks.gp_code(insn, "second source", rm, m_size)
    self._put(enc.addsub_extended(insn, size >> 6, op, s, d, n, m, option, amount))


def _is_lsl(mod: Modifier) -> bool:
    return type(mod) is Shift and mod.kind == "lsl"


def _zr_like(reg: GPRegister) -> GPRegister:
    return (X_BY_CODE if getattr(reg, "size", 64) == 64 else W_BY_CODE)[31]


def _addsub_imm(insn: str, op: int, s: int, rd: GPRegister, rn: GPRegister, size: int,
                value: int, mod: Modifier) -> int:
    d = checks.gp_code(insn, "destination", rd, size, sp=not s)
    n = checks.gp_code(insn, "first source", rn, size, sp=True)
    sh = 0
    if mod is not None:
        if type(mod) is not Shift or mod.kind != "lsl" or mod.amount not in (0, 12):
            raise bad_operand(insn, "immediate shift", mod, "lsl #0 or lsl #12")
        sh = mod.amount // 12
    given = value
    if value < 0:
        # LLVM accepts a negative immediate as the opposite operation.
        value, op = -value, op ^ 1
    if not sh and value > 0xFFF and not value & 0xFFF:
        # Like LLVM, also with an explicit "lsl #0": a multiple of 4096 uses lsl #12.
        value, sh = value >> 12, 1
    if not 0 <= value <= 0xFFF:
        raise bad_value(insn, "immediate", given, "-4095..4095, optionally with lsl #12 "
                        "(or a multiple of 4096 up to +-16773120)")
    return enc.addsub_imm(insn, size >> 6, op, s, d, n, value, sh)

