"""Built-ins a ``Call`` does in machine code beyond those :mod:`a64js.jit.t_calls` does
itself (a mixin of its ``CallTemplates``; see :data:`a64js.jit.t_calls.NATIVES`, which
checks that the callee is that very built-in first): the common cases of ``String(x)``
of a double or a constant and of ``parseFloat(s)`` of a plain decimal string. Each is a
leaf subroutine per function that returns 0 in x2 for anything it does not do (the
call's generic path then runs the built-in itself, which also collects when the space is
full), so nothing here is speculative: no guard, no bailout.

Why these: json's host calls (``bench_js_jit.py --breakdown``, realistic scale) were
``String`` of numbers and booleans, ``parseFloat`` and ``Object.keys``.
"""

from __future__ import annotations

from collections.abc import Callable

from a64jit import (
    EQ,
    NE,
    Label,
    MacroAssembler,
    Mem,
    d0,
    d1,
    d2,
    lsl,
    mem,
    post,
    pre,
    w3,
    w9,
    w10,
    w12,
    w13,
    w22,
    x1,
    x2,
    x3,
    x4,
    x5,
    x6,
    x7,
    x8,
    x9,
    x10,
    x11,
    x12,
    x13,
    x14,
    xzr,
)

from ..heap import STRING_DATA, STRING_LENGTH, Ctx
from ..heapcode import emit_alloc_string, emit_untag_ref
from ..words import (
    FALSE_WORD,
    NULL_WORD,
    REF_BASE,
    TAG_INT,
    TAG_SHIFT,
    TRUE_WORD,
    UNDEFINED_WORD,
)
from .regs import CTX

#: ``String(x)`` of these constants: a new string of the name's units.
CONST_NAMES = ((TRUE_WORD, "true"), (FALSE_WORD, "false"), (NULL_WORD, "null"),
               (UNDEFINED_WORD, "undefined"))
#: A double is printed in line when its magnitude is below 2**DOUBLE_BITS and it is a
#: multiple of 2**-FRACTION_BITS (but not integral): its exact decimal expansion then
#: has at most FRACTION_BITS digits after the point and is the shortest that reads back
#: as it (any other decimal with no more digits there is at least 10**-FRACTION_BITS
#: away, more than half its ulp, at most 2**(DOUBLE_BITS - 54)), in fixed notation (at
#: least 2**-FRACTION_BITS > 1e-7, below 1e21), which is what Number::toString prints.
DOUBLE_BITS = 20
FRACTION_BITS = 10
#: ``parseFloat`` of at most this many digits: the mantissa m < 10**15 < 2**53 and the
#: power of ten (at most 10**15) are exact doubles, so m / 10**f is one correctly
#: rounded division, as CPython's ``float`` of the text.
PARSE_DIGITS = 15


def _units_word(text: str, i: int) -> int:
    """Units ``4i .. 4i+3`` of ``text`` as one little-endian word (zeros past its end)."""
    w = 0
    for j, ch in enumerate(text[4 * i:4 * i + 4]):
        w |= ord(ch) << (16 * j)
    return w


class BuiltinTemplates:
    """``String(x)`` of doubles and constants, ``parseFloat`` of decimal strings (a
    mixin of CallTemplates)."""

    # provided by FunctionCompiler and the other mixins
    m: MacroAssembler
    _subroutine: Callable[[Callable[[], None]], Label]
    _box: Callable[[], Label]

    _sub_str_other: Label | None = None
    _sub_parse_float: Label | None = None

    def _str_other(self) -> Label:
        """The subroutine of ``String(x)`` for a word x2 that is neither an int32 nor a
        reference: x2 = a new string of true/false/null/undefined, or of a double in
        the range :data:`DOUBLE_BITS`/:data:`FRACTION_BITS` allow; 0 for any other
        word, or a full space. x1, x3-x14, d0-d2 clobbered."""
        if self._sub_str_other is None:
            self._sub_str_other = self._subroutine(self._emit_str_other)
        return self._sub_str_other

    def _emit_str_other(self) -> None:
        m = self.m
        no, dbl = m.label(), m.label()
        consts = [m.label() for _ in CONST_NAMES]
        for (word, _name), at in zip(CONST_NAMES, consts, strict=True):
            m.mov(x3, word)
            m.cmp(x2, x3)
            m.b_eq(at)
        m.lsr(x3, x2, TAG_SHIFT)
        m.mov(x4, TAG_INT)
        m.cmp(x3, x4)
        m.b_lo(dbl)                       # a tagged word: the built-in
        m.bind(no)
        m.mov(x2, xzr)
        m.ret()
        for (_word, name), at in zip(CONST_NAMES, consts, strict=True):
            m.bind(at)
            m.mov(x14, len(name))
            emit_alloc_string(m, CTX, x14, x4, x3, x5, no)
            for i in range((len(name) + 3) // 4):
                m.mov(x3, _units_word(name, i))
                m.str(x3, mem(x4, STRING_DATA + 8 * i))
            m.mov(x3, REF_BASE)
            m.orr(x2, x4, x3)
            m.ret()
        m.bind(dbl)
        strip, stripped, count, counted = m.label(), m.label(), m.label(), m.label()
        frac, ints, sign = m.label(), m.label(), m.label()
        m.fmov(d0, x2)
        m.fabs(d1, d0)
        m.mov(x3, (1023 + DOUBLE_BITS) << 52)      # 2**DOUBLE_BITS
        m.fmov(d2, x3)
        m.fcmp(d1, d2)
        m.b_hs(no)                        # too big, or NaN (unordered: HS)
        m.mov(x3, (1023 + FRACTION_BITS) << 52)
        m.fmov(d2, x3)
        m.fmul(d1, d1, d2)                # exact: a power of two
        m.fcvtzu(x5, d1)
        m.ucvtf(d2, x5)
        m.fcmp(d1, d2)
        m.b_ne(no)                        # finer than 2**-FRACTION_BITS
        m.and_(x6, x5, (1 << FRACTION_BITS) - 1)
        m.cbz(x6, no)                     # integral (-0, past int32): the built-in
        m.lsr(x7, x5, FRACTION_BITS)      # the integer part
        m.mov(x8, 5 ** FRACTION_BITS)
        m.mul(x6, x6, x8)                 # the fraction's FRACTION_BITS decimal digits
        m.mov(x9, 10)
        m.mov(x10, FRACTION_BITS)
        m.bind(strip)                     # trailing zeros off (x10 digits left)
        m.udiv(x11, x6, x9)
        m.msub(x12, x11, x9, x6)
        m.cbnz(x12, stripped)
        m.mov(x6, x11)
        m.sub(x10, x10, 1)
        m.b(strip)
        m.bind(stripped)
        m.mov(x11, 1)                     # the integer part's digits (at least one)
        m.mov(x12, x7)
        m.bind(count)
        m.udiv(x12, x12, x9)
        m.cbz(x12, counted)
        m.add(x11, x11, 1)
        m.b(count)
        m.bind(counted)
        m.lsr(x13, x2, 63)                # 1 for the '-'
        m.add(x14, x11, x10)
        m.add(x14, x14, 1)                # the '.'
        m.add(x14, x14, x13)
        emit_alloc_string(m, CTX, x14, x4, x3, x5, no)
        m.add(x3, x4, STRING_DATA)
        m.add(x3, x3, x14, lsl(1))       # past the last unit
        m.bind(frac)                      # the fraction's digits from the last
        m.udiv(x11, x6, x9)
        m.msub(x12, x11, x9, x6)
        m.add(w12, w12, ord("0"))
        m.strh(w12, pre(x3, -2))
        m.mov(x6, x11)
        m.subs(x10, x10, 1)
        m.b_ne(frac)
        m.mov(w12, ord("."))
        m.strh(w12, pre(x3, -2))
        m.bind(ints)
        m.udiv(x11, x7, x9)
        m.msub(x12, x11, x9, x7)
        m.add(w12, w12, ord("0"))
        m.strh(w12, pre(x3, -2))
        m.mov(x7, x11)
        m.cbnz(x7, ints)
        m.cbz(x13, sign)
        m.mov(w12, ord("-"))
        m.strh(w12, pre(x3, -2))
        m.bind(sign)
        m.mov(x3, REF_BASE)
        m.orr(x2, x4, x3)
        m.ret()

    def _parse_float(self) -> Label:
        """The subroutine of ``parseFloat(s)`` for the string cell in x1: d0 = its number
        and x2 = 1 when the whole string is an optional sign, then digits with at most
        one '.' among them, at least one and at most :data:`PARSE_DIGITS` in all;
        x2 = 0 for anything else (spaces, exponents, other characters: the built-in).
        x3-x13, d0, d1 clobbered."""
        if self._sub_parse_float is None:
            self._sub_parse_float = self._subroutine(self._emit_parse_float)
        return self._sub_parse_float

    def _emit_parse_float(self) -> None:
        m = self.m
        no, loop, end, other, digits, scaled, signed = (m.label() for _ in range(7))
        m.ldr(x3, mem(x1, STRING_LENGTH))
        m.cbz(x3, no)
        m.add(x4, x1, STRING_DATA)        # the next unit
        m.add(x5, x4, x3, lsl(1))        # past the last
        m.mov(x6, xzr)                    # the digits' value
        m.mov(x7, xzr)                    # how many
        m.mov(x8, xzr)                    # how many after the '.'
        m.mov(x12, xzr)                   # 1 once past the '.'
        m.mov(x13, xzr)                   # 1 for a '-'
        m.mov(x11, 10)
        m.ldrh(w9, mem(x4, 0))
        m.cmp(w9, ord("-"))
        m.cset(w13, EQ)
        m.mov(w10, ord("+"))
        m.ccmp(w9, w10, 0b0100, NE)       # Z set when '-' already
        m.b_ne(loop)
        m.add(x4, x4, 2)                  # a sign taken
        m.bind(loop)
        m.cmp(x4, x5)
        m.b_hs(end)
        m.ldrh(w9, post(x4, 2))
        m.sub(w10, w9, ord("0"))
        m.cmp(w10, 9)
        m.b_hi(other)
        m.madd(x6, x6, x11, x10)
        m.add(x7, x7, 1)
        m.add(x8, x8, x12)
        m.b(loop)
        m.bind(other)
        m.cmp(w9, ord("."))
        m.b_ne(no)                        # anything else: the built-in
        m.cbnz(x12, no)                   # a second '.'
        m.mov(x12, 1)
        m.b(loop)
        m.bind(end)
        m.cbz(x7, no)
        m.cmp(x7, PARSE_DIGITS)
        m.b_hi(no)
        m.scvtf(d0, x6)
        m.cbz(x8, scaled)
        m.fmov(d1, 1.0)
        m.fmov(d2, 10.0)
        m.bind(digits)                    # d1 = 10**x8, exact
        m.fmul(d1, d1, d2)
        m.subs(x8, x8, 1)
        m.b_ne(digits)
        m.fdiv(d0, d0, d1)
        m.bind(scaled)
        m.cbz(x13, signed)
        m.fneg(d0, d0)                    # "-0" is -0
        m.bind(signed)
        m.mov(x2, 1)
        m.ret()
        m.bind(no)
        m.mov(x2, xzr)
        m.ret()

    def _string_of_other(self, slow: Label, made: Label) -> None:
        """In ``String(x)``'s template: x2 (not an int32, not a reference) as a new
        string through :meth:`_str_other`, then to ``made``; else ``slow``."""
        m = self.m
        m.bl(self._str_other())
        m.cbz(x2, slow)
        m.b(made)

    def _parse_float_call(self, slot: Mem, slow: Label) -> None:
        """x2 = ``parseFloat`` of the word at ``slot``: an int32 is itself; a string
        through :meth:`_parse_float`, boxed; else ``slow``."""
        m = self.m
        done, string = m.label(), m.label()
        m.ldr(x2, slot)
        m.lsr(x3, x2, 32)
        m.cmp(w3, w22)
        m.b_eq(done)                      # an int32: its digits read back as it
        emit_untag_ref(m, x2, x1, x3, slow)
        m.ldr(x3, mem(x1, 0))
        m.ldr(x4, mem(CTX, Ctx.SHAPE_STRING))
        m.cmp(x3, x4)
        m.b_eq(string)
        m.b(slow)
        m.bind(string)
        m.bl(self._parse_float())
        m.cbz(x2, slow)
        m.bl(self._box())
        m.bind(done)
