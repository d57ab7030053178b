"""Templates of the baseline JIT for number arithmetic and comparisons: int32 in line,
then doubles and int32/double mixes (a mixin of
:class:`~a64js.jit.compiler.FunctionCompiler`; see :mod:`a64js.jit.t_ops` for the
conventions).

``+ - *`` of two int32 words is one instruction and an overflow check; an overflow (or
a product of 0 with a negative operand, -0) is redone on doubles in line. Other number
operands are converted to doubles (``scvtf`` for an int32, a double word is its own
bits) by one shared subroutine per function, and the result is boxed by another as
``num_word`` does: an int32 word when the value is integral, in range and not -0,
else the double's bits, NaN canonical. ``/`` is always done on doubles. Comparisons
take the int32 compare or ``fcmp``, whose conditions are false for NaN (and their
inverses true, for the ``JumpIfNot*`` forms). Anything that is not a number (strings,
objects ...) takes the generic path in line: nothing failed, so nothing is counted.
"""

from __future__ import annotations

from collections.abc import Callable

from a64jit import (
    GE,
    GT,
    HI,
    HS,
    LE,
    LO,
    LS,
    LT,
    MI,
    PL,
    Cond,
    Label,
    MacroAssembler,
    d0,
    d1,
    mem,
    post,
    sxtw,
    uxtw,
    w0,
    w1,
    w2,
    w3,
    w8,
    w22,
    x0,
    x1,
    x2,
    x3,
    x4,
    x5,
    x6,
    x7,
    x30,
    xzr,
)

from ..bytecode import Code
from ..heap import STRING_DATA, STRING_LENGTH, Ctx
from ..heapcode import emit_untag_ref
from ..words import CANONICAL_NAN, TAG_INT
from .regs import CTX, INTB
from .regs import slot as _slot

#: opcode suffix -> (condition after an int32 ``cmp``, after an ``fcmp``)
_CONDS: dict[str, tuple[Cond, Cond]] = {"Lt": (LT, MI), "Le": (LE, LS), "Gt": (GT, GT),
                                        "Ge": (GE, GE)}
#: the negation of a condition after ``fcmp`` (true when unordered)
_FNOT: dict[Cond, Cond] = {MI: PL, LS: HI, GT: LE, GE: LT}
_INOT: dict[Cond, Cond] = {LT: GE, LE: GT, GT: LE, GE: LT}


class NumTemplates:
    """Arithmetic and comparison templates (a FunctionCompiler mixin)."""

    # provided by FunctionCompiler and the other mixins
    m: MacroAssembler
    code: Code
    labels: list[Label]
    forced_guard: Callable[[int], bool]
    generic: Callable[[int], None]
    is_int_const: Callable[[int], bool]
    _set_bool: Callable[[int, Cond], None]
    _subroutine: Callable[[Callable[[], None]], Label]
    _concat_strings: Callable[[int, int, int, Label], None]

    _sub_num2: Label | None = None
    _sub_box: Label | None = None
    _sub_strcmp: Label | None = None

    # -- shared subroutines ------------------------------------------------------------

    def _num2(self) -> Label:
        """x0, x1 words -> d0, d1 and flags EQ when both are numbers, else NE."""
        if self._sub_num2 is None:
            def emit() -> None:
                m = self.m
                ne = m.label()
                for word, dreg in ((x0, d0), (x1, d1)):
                    i32, done = m.label(), m.label()
                    m.lsr(x2, word, 48)
                    m.cmp(x2, TAG_INT)
                    m.b_hi(ne)
                    m.b_eq(i32)
                    m.fmov(dreg, word)
                    m.b(done)
                    m.bind(i32)
                    m.scvtf(dreg, word.w)
                    m.bind(done)
                m.cmp(x2, x2)               # EQ
                m.ret()
                m.bind(ne)
                m.cmp(x30, 0)               # the return address is not 0: NE
                m.ret()
            self._sub_num2 = self._subroutine(emit)
        return self._sub_num2

    def _box(self) -> Label:
        """d0 -> x2, the number's word (int32 when integral in range and not -0)."""
        if self._sub_box is None:
            def emit() -> None:
                m = self.m
                nan, dbl, i32 = m.label(), m.label(), m.label()
                m.fcmp(d0, d0)
                m.b_vs(nan)
                m.fcvtzs(w2, d0)            # saturates: out of range differs below
                m.scvtf(d1, w2)
                m.fcmp(d0, d1)
                m.b_ne(dbl)
                m.cbnz(w2, i32)
                m.fmov(x3, d0)
                m.cbnz(x3, dbl)             # -0
                m.bind(i32)
                m.add(x2, INTB, w2, uxtw())
                m.ret()
                m.bind(dbl)
                m.fmov(x2, d0)
                m.ret()
                m.bind(nan)
                m.mov(x2, CANONICAL_NAN)
                m.ret()
            self._sub_box = self._subroutine(emit)
        return self._sub_box

    # -- arithmetic ----------------------------------------------------------------------

    def _ints_or(self, b: int, c: int, other: Label) -> None:
        """x0, x1 = slots ``b``, ``c``; branch to ``other`` unless both are int32."""
        m = self.m
        m.ldr(x0, _slot(b))
        m.ldr(x1, _slot(c))
        for reg, wt, r in ((x0, w2, b), (x1, w3, c)):
            if not self.is_int_const(r):
                m.lsr(wt.x, reg, 32)
                m.cmp(wt, w22)          # INT_BASE >> 32
                m.b_ne(other)

    def _num_op(self, pc: int, a: int, b: int, c: int, op: str) -> bool:
        if self.forced_guard(pc):
            return True
        m = self.m
        dbl, redo, fop, slow, done = m.label(), m.label(), m.label(), m.label(), m.label()
        if op == "fdiv":
            m.ldr(x0, _slot(b))
            m.ldr(x1, _slot(c))
        else:
            self._ints_or(b, c, dbl)
            if op == "fadd":
                m.adds(w2, w0, w1)
                m.b_vs(redo)
            elif op == "fsub":
                m.subs(w2, w0, w1)
                m.b_vs(redo)
            else:
                m.smull(x2, w0, w1)
                m.cmp(x2, w2, sxtw())
                m.b_ne(redo)
                ok = m.label()
                m.cbnz(w2, ok)
                m.orr(w3, w0, w1)
                m.tbnz(w3, 31, redo)        # 0 with a negative operand: -0
                m.bind(ok)
            m.add(x2, INTB, w2, uxtw())
            m.str(x2, _slot(a))
            m.b(done)
            m.bind(redo)                    # the int32 operands as doubles
            m.scvtf(d0, w0)
            m.scvtf(d1, w1)
            m.b(fop)
            m.bind(dbl)
        m.bl(self._num2())
        m.b_ne(slow)
        m.bind(fop)
        getattr(m, op)(d0, d0, d1)
        m.bl(self._box())
        m.str(x2, _slot(a))
        m.b(done)
        m.bind(slow)
        if op == "fadd":
            self._concat_strings(a, b, c, done)
        self.generic(pc)
        m.bind(done)
        return True

    def t_Add(self, pc: int, a: int, b: int, c: int) -> bool:
        """``+`` of numbers, of two strings (see ``AllocTemplates._concat_strings``);
        anything else (objects, a number and a string ...): the generic path."""
        return self._num_op(pc, a, b, c, "fadd")

    def t_Sub(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._num_op(pc, a, b, c, "fsub")

    def t_Mul(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._num_op(pc, a, b, c, "fmul")

    def t_Div(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._num_op(pc, a, b, c, "fdiv")

    # -- comparisons ---------------------------------------------------------------------

    def _compare(self, pc: int, b: int, c: int, icond: Cond, fcond: Cond,
                 then: Callable[[Cond], None]) -> bool:
        """Compare slots ``b`` and ``c``; ``then(cond)`` consumes the flags (a boolean
        store or a branch) on both the int32 and the double path."""
        if self.forced_guard(pc):
            return True
        m = self.m
        dbl, strs, slow, done = m.label(), m.label(), m.label(), m.label()
        self._ints_or(b, c, dbl)
        m.cmp(w0, w1)
        then(icond)
        m.b(done)
        m.bind(dbl)
        m.bl(self._num2())
        m.b_ne(strs)
        m.fcmp(d0, d1)
        then(fcond)
        m.b(done)
        m.bind(strs)                        # x0, x1 still the words
        m.bl(self._strcmp())
        m.cmp(x2, 2)
        m.b_eq(slow)
        m.cmp(x2, 0)                        # the int32 conditions on -1 / 0 / 1
        then(icond)
        m.b(done)
        m.bind(slow)
        self.generic(pc)
        m.bind(done)
        return True

    def _strcmp(self) -> Label:
        """x0, x1 words -> x2 = -1, 0 or 1 as string x0 sorts before, equal to or after
        string x1 (UTF-16 units compared in order, then the lengths), 2 when either is
        not a string (x3-x8 clobbered)."""
        if self._sub_strcmp is None:
            def emit() -> None:
                m = self.m
                other, loop, bylen, r = m.label(), m.label(), m.label(), m.label()
                emit_untag_ref(m, x0, x3, x2, other)
                emit_untag_ref(m, x1, x4, x2, other)
                m.ldr(x5, mem(CTX, Ctx.SHAPE_STRING))
                for cell in (x3, x4):
                    m.ldr(x6, mem(cell, 0))
                    m.cmp(x6, x5)
                    m.b_ne(other)
                m.ldr(x5, mem(x3, STRING_LENGTH))
                m.ldr(x6, mem(x4, STRING_LENGTH))
                m.cmp(x5, x6)
                m.csel(x7, x5, x6, LO)      # the shorter length
                m.add(x3, x3, STRING_DATA)
                m.add(x4, x4, STRING_DATA)
                m.bind(loop)
                m.cbz(x7, bylen)
                m.ldrh(w8, post(x3, 2))
                m.ldrh(w2, post(x4, 2))
                m.sub(x7, x7, 1)
                m.cmp(w8, w2)
                m.b_eq(loop)
                m.b(r)                      # the first unit that differs decides
                m.bind(bylen)
                m.cmp(x5, x6)               # a prefix sorts first
                m.bind(r)                   # unsigned flags: HI 1, EQ 0, LO -1
                m.cset(x2, HI)
                m.csinv(x2, x2, xzr, HS)
                m.ret()
                m.bind(other)
                m.mov(x2, 2)
                m.ret()
            self._sub_strcmp = self._subroutine(emit)
        return self._sub_strcmp

    def _relop(self, pc: int, a: int, b: int, c: int, name: str) -> bool:
        icond, fcond = _CONDS[name]
        return self._compare(pc, b, c, icond, fcond, lambda cond: self._set_bool(a, cond))

    def _jumpop(self, pc: int, a: int, b: int, t: int, name: str, negate: bool) -> bool:
        icond, fcond = _CONDS[name]
        if negate:
            icond, fcond = _INOT[icond], _FNOT[fcond]
        target = self.labels[t]
        return self._compare(pc, a, b, icond, fcond,
                             lambda cond: self.m.b_cond(cond, target))

    def t_Lt(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._relop(pc, a, b, c, "Lt")

    def t_Le(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._relop(pc, a, b, c, "Le")

    def t_Gt(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._relop(pc, a, b, c, "Gt")

    def t_Ge(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._relop(pc, a, b, c, "Ge")

    def t_JumpIfLt(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Lt", False)

    def t_JumpIfLe(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Le", False)

    def t_JumpIfGt(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Gt", False)

    def t_JumpIfGe(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Ge", False)

    def t_JumpIfNotLt(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Lt", True)

    def t_JumpIfNotLe(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Le", True)

    def t_JumpIfNotGt(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Gt", True)

    def t_JumpIfNotGe(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Ge", True)


__all__ = ["NumTemplates"]
