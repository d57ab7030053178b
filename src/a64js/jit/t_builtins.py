"""Built-ins a ``Call`` does in machine code beyond those :mod:`a64js.jit.t_calls` does
itself (a mixin of its ``CallTemplates``; see :data:`a64js.jit.t_calls.NATIVES`, which
checks that the callee is that very built-in first): the common cases of ``String(x)``
of a double or a constant, of ``parseFloat(s)`` and ``parseInt(s[, 10])`` of a plain
decimal string and of
``Object.keys(o)`` of an object whose shape was seen before. Each is a leaf subroutine
per function that returns 0 in x2 for anything it does not do (the call's generic path
then runs the built-in itself, which also collects when the space is full), so nothing
here is speculative: no guard, no bailout.

``Object.keys`` looks the receiver's shape up in the JIT's *keys table* (one per data
arena, :data:`KEYS_SETS` direct-mapped entries: shape address, descriptor address). A
descriptor holds the image of the result as the built-in makes it (the array, its vector
of max(n, 4) words, then the n key strings, all in one bump) and the offsets to relocate;
a shape's keys are fixed, so the image is the result for every object of that shape. A
miss is one host call of :func:`keys_fill`: the built-in's generic step, then a
descriptor for the shape when its keys are all plain (no hidden, accessor or index
keys, none that only some objects hide: ``constructor``, ``message``, ``stack``).

Why these: json's host calls (``bench_js_jit.py --breakdown``, realistic scale) were
``String`` of numbers and booleans, ``parseFloat`` and ``Object.keys``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from a64jit import (
    EQ,
    NE,
    GPRegister,
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
    sp,
    uxtw,
    w3,
    w6,
    w8,
    w9,
    w10,
    w12,
    w13,
    w22,
    x0,
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
    x29,
    x30,
    xzr,
)

from ..heap import (
    ARRAY_ELEMENTS,
    ARRAY_SIZE,
    KIND_OBJECT,
    STRING_DATA,
    STRING_LENGTH,
    VECTOR_DATA,
    Ctx,
)
from ..heapcode import emit_alloc_string, emit_bump, emit_copy_words, emit_untag_ref
from ..hvm import core
from ..values import is_index_key
from ..words import (
    ADDR_MASK,
    FALSE_WORD,
    HOLE_WORD,
    INT_BASE,
    NULL_WORD,
    REF_BASE,
    TAG_INT,
    TAG_SHIFT,
    TRUE_WORD,
    UNDEFINED_WORD,
)
from .hostcalls import emit_helper_call, helper
from .regs import CID_WORD, CTX, FP, INTB
from .regs import slot as _slot

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
#: ``parseInt`` of at most this many digits (below 2**31 whatever they are).
INT_DIGITS = 9
#: ``parseFloat`` of at most this many digits: the mantissa m < 10**15 < 2**53 and the
#: power of ten (at most 10**15) are exact doubles, so m / 10**f is one correctly
#: rounded division, as CPython's ``float`` of the text.
PARSE_DIGITS = 15


#: Entries of the keys table (a power of two; a shape cell is 64 bytes, so bits 6.. of
#: its address pick the entry).
KEYS_SETS = 256
#: Keys of an object the table takes at most (past 64 an object is a dictionary), and
#: descriptors one JIT makes at most (a program of ever new shapes stays on the built-in).
KEYS_MAX = 64
KEYS_DESCRIPTORS = 2048
#: Words of a descriptor before its offsets and image: the image's bytes, its words,
#: the key count.
_KEYS_HEAD = 3
_KEYS_PLAIN_OUT = frozenset(("constructor", "message", "stack"))
#: per data arena: the keys table (address, words) and the descriptors by shape address
_KEYS: weakref.WeakKeyDictionary[Any, tuple[int, Any, dict[int, int]]] = \
    weakref.WeakKeyDictionary()
_MASK64 = (1 << 64) - 1


def keys_table(arena: Any) -> tuple[int, Any, dict[int, int]]:
    """The JIT's keys table (one per data arena, zeroed at first): its address, its
    words and the descriptors made so far (shape address -> descriptor address)."""
    got = _KEYS.get(arena)
    if got is None:
        address, view = arena.alloc(16 * KEYS_SETS)
        got = _KEYS[arena] = (int(address), view, {})
    return got


def keys_image(keys: list[str]) -> tuple[list[int], list[int]]:
    """The words of ``Object.keys``' result for ``keys`` as placed at address 0 (the array,
    its vector, the strings; the vector's element words and the array's vector pointer
    left 0) and the byte offsets of the strings (what the code relocates)."""
    h = core.R.heap
    n = len(keys)
    cap = max(n, 4)
    words = [h.array_shape.address, n, cap, 0, 0, h.vector_shape.address, cap]
    words += [0] * n + [HOLE_WORD] * (cap - n)
    offsets = []
    for k in keys:
        offsets.append(8 * len(words))
        units = k.encode("utf-16-le", "surrogatepass")
        words += [h.string_shape.address, len(units) // 2]
        units += bytes(-len(units) % 8)
        words += [int.from_bytes(units[j:j + 8], "little") for j in range(0, len(units), 8)]
    return words, offsets


def _plain_keys(obj: int) -> tuple[int, list[str]] | None:
    """The shape address and keys of ``obj`` when ``Object.keys`` of every object of its
    shape is those keys in that order (see the module docstring); else None."""
    if obj >> 48 != REF_BASE >> 48:
        return None
    h = core.R.heap
    i = ((obj & ADDR_MASK) - h._base) >> 3
    shape_address = int(h._w[i])
    s = h._shape_at.get(shape_address)
    if s is None or s.dict or s.kind != KIND_OBJECT:
        return None
    keys = core.own_keys(obj)
    if not 0 < len(keys) <= KEYS_MAX:
        return None
    for k in keys:
        if k[:1] in ("\x00", core.ACC) or k in _KEYS_PLAIN_OUT or is_index_key(k):
            return None
    return shape_address, keys


def remember_keys(arena: Any, obj: int) -> bool:
    """Put a descriptor for ``obj``'s shape in the keys table when its keys are plain;
    whether the table has one now."""
    got = _plain_keys(obj)
    if got is None:
        return False
    shape_address, keys = got
    _table, view, made = keys_table(arena)
    desc = made.get(shape_address)
    if desc is None:
        if len(made) >= KEYS_DESCRIPTORS:
            return False
        words, offsets = keys_image(keys)
        head = [8 * len(words), len(words), len(keys), *offsets]
        desc, dview = arena.alloc(8 * (len(head) + len(words)))
        desc = int(desc)
        dview[:len(head)] = memoryview(_q_array(head))
        dview[len(head):] = memoryview(_q_array(words))
        made[shape_address] = desc
    at = 2 * ((shape_address >> 6) & (KEYS_SETS - 1))
    view[at + 1] = desc
    view[at] = shape_address
    return True


def _q_array(words: list[int]) -> Any:
    import array

    return array.array("Q", words)


@helper(3)
def keys_fill(cid: int, fp: int, pc: int) -> int:
    """Host call of ``Object.keys(o)`` in compiled code (the Call at ``pc`` of function
    ``cid`` on the frame at ``fp``) when the keys table had no entry for the receiver's
    shape, or the space was full, or it is not an object: the built-in's generic step,
    after a descriptor for the receiver's shape went into the table (when its keys are
    plain). The code address to go on at, as the step returns it."""
    R = core.R
    jit = R.jit
    ins = jit._cfs[cid].code.insns[pc]
    obj = int(R.S[((fp - R.sbase) >> 3) + ins[4]])
    remember_keys(jit._arena, obj)
    return int(jit._step(cid, fp, pc))


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
    _sub_keys: Label | None = None
    _sub_parse_int: Label | None = None
    #: (helper, its argument registers, the result's) -> its call subroutine
    _sub_helpers: dict[tuple[Any, ...], Label] | None = None
    arena: Any
    generic: Callable[[int], None]
    later: Callable[[Callable[[], None]], None]

    def _helper_sub(self, fn: Callable[..., int], args: tuple[Any, ...],
                    result: Any = None) -> Label:
        """A shared subroutine that calls the host helper ``fn`` (hostcalls) with the
        registers ``args`` (x29/x30 kept on the machine stack, which must be 16-byte
        aligned at the ``bl``), its result to ``result``, and returns: one ``bl`` at a
        site where the call was ~9 words and, at each emission, ~40 us of Python
        (emit_host_call's planning and placement)."""
        key = (fn, args, result)
        subs = self._sub_helpers
        if subs is None:
            subs = self._sub_helpers = {}
        got = subs.get(key)
        if got is None:
            got = subs[key] = self._subroutine(
                lambda: self._emit_helper_sub(fn, args, result))
        return got

    def _emit_helper_sub(self, fn: Callable[..., int], args: tuple[Any, ...],
                         result: Any) -> None:
        m = self.m
        m.stp(x29, x30, pre(sp, -16))
        emit_helper_call(m, fn, list(args), result=result)
        m.ldp(x29, x30, post(sp, 16))
        m.ret()

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

    def _emit_sign_digit(self, sign: GPRegister, loop: Label, end: Label,
                         other: Label) -> None:
        """parseFloat's and parseInt's shared start, x4 at the string's first unit and x5
        past its last: x11 = 10, ``sign`` = 1 for a '-' (a '-' or '+' skipped); then at
        ``loop`` (bound here) the digit loop's head: to ``end`` past the last unit, to
        ``other`` at a unit not a decimal digit, else x6 = x6 * 10 + the digit and x7 + 1
        (the caller's per-digit code and its branch back to ``loop`` follow)."""
        m = self.m
        m.mov(x11, 10)
        m.ldrh(w9, mem(x4, 0))
        m.cmp(w9, ord("-"))
        m.cset(sign, EQ)
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
        self._emit_sign_digit(w13, loop, end, other)
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

    def _keys_sub(self) -> Label:
        """The subroutine of ``Object.keys(o)``: x0 the argument, x3 the keys table; x2 =
        a new array of its keys when the table has its shape, else 0 (a miss, not an
        object, a full space). x1, x3-x14 clobbered."""
        if self._sub_keys is None:
            self._sub_keys = self._subroutine(self._emit_keys)
        return self._sub_keys

    def _emit_keys(self) -> None:
        m = self.m
        no, copy, reloc = m.label(), m.label(), m.label()
        emit_untag_ref(m, x0, x1, x4, no)
        m.ldr(x2, mem(x1, 0))             # the shape
        m.ubfx(x4, x2, 6, (KEYS_SETS - 1).bit_length())
        m.add(x4, x3, x4, lsl(4))
        m.ldp(x5, x6, mem(x4, 0))         # the entry's shape, its descriptor
        m.cmp(x5, x2)
        m.b_ne(no)
        m.ldp(x7, x8, mem(x6, 0))         # the image's bytes, its words
        emit_bump(m, CTX, x9, x10, x11, x7, no)
        m.ldr(x13, mem(x6, 16))           # the key count (at least 1)
        m.add(x12, x6, 8 * _KEYS_HEAD)    # the strings' offsets
        m.add(x5, x12, x13, lsl(3))       # the image
        m.mov(x14, x9)
        emit_copy_words(m, copy, x5, x14, x8, x4)
        m.add(x4, x9, ARRAY_SIZE)         # the vector, right after the array
        m.str(x4, mem(x9, ARRAY_ELEMENTS))
        m.add(x14, x4, VECTOR_DATA)
        m.mov(x7, REF_BASE)
        m.bind(reloc)                     # element j = the j-th string
        m.ldr(x4, post(x12, 8))
        m.add(x4, x9, x4)
        m.orr(x4, x4, x7)
        m.str(x4, post(x14, 8))
        m.subs(x13, x13, 1)
        m.b_ne(reloc)
        m.orr(x2, x9, x7)
        m.ret()
        m.bind(no)
        m.mov(x2, xzr)
        m.ret()

    def _object_keys(self, slot: Mem, slow: Label) -> None:
        """x2 = ``Object.keys`` of the word at ``slot`` through :meth:`_keys_sub`; else
        ``slow`` (whose code must be :meth:`_keys_miss`). Needs the data arena."""
        m = self.m
        m.ldr(x0, slot)
        m.mov(x3, keys_table(self.arena)[0])
        m.bl(self._keys_sub())
        m.cbz(x2, slow)

    def _keys_miss(self, pc: int) -> None:
        """``Object.keys``' slow path: :func:`keys_fill`, then on at the address it
        returns."""
        m = self.m
        m.ldr(x0, CID_WORD)
        m.mov(x2, pc)
        m.bl(self._helper_sub(keys_fill, (x0, FP, x2), x0))
        m.br(x0)

    def t_RequireObject(self, pc: int, a: int, k: int) -> bool:
        """Destructuring's test: nothing to do unless slot ``a`` is undefined or null,
        where the generic path throws the TypeError (out of line)."""
        m = self.m
        throw = m.label()
        m.ldr(x0, _slot(a))
        m.mov(x1, UNDEFINED_WORD)
        m.sub(x0, x0, x1)
        m.cmp(x0, NULL_WORD - UNDEFINED_WORD)
        m.b_ls(throw)

        def out_of_line() -> None:
            m.bind(throw)
            self.generic(pc)
        self.later(out_of_line)
        return True

    def _parse_int(self) -> Label:
        """The subroutine of ``parseInt(s)`` / ``parseInt(s, 10)`` for the string cell in
        x1 (x13 = 1: no radix, so a "0x" start is hexadecimal: the built-in): x2 = the
        int32 word of an optional sign and 1 to :data:`INT_DIGITS` decimal digits at its
        start (what follows them ignored, as the built-in does); 0 for anything else
        (spaces first, no digit, more digits, "-0", "0x"). x3-x12 clobbered."""
        if self._sub_parse_int is None:
            self._sub_parse_int = self._subroutine(self._emit_parse_int)
        return self._sub_parse_int

    def _emit_parse_int(self) -> None:
        m = self.m
        no, loop, stop, end, pos = (m.label() for _ in range(5))
        m.ldr(x3, mem(x1, STRING_LENGTH))
        m.cbz(x3, no)
        m.add(x4, x1, STRING_DATA)        # the next unit
        m.add(x5, x4, x3, lsl(1))         # past the last
        m.mov(x6, xzr)                    # the digits' value
        m.mov(x7, xzr)                    # how many
        self._emit_sign_digit(w8, loop, end, stop)
        m.cmp(x7, INT_DIGITS)
        m.b_hi(no)                        # (before the value can overflow)
        m.b(loop)
        m.bind(stop)                      # no radix and "0x" / "0X": hexadecimal
        m.cbz(x13, end)
        m.cmp(x7, 1)
        m.b_ne(end)
        m.cbnz(x6, end)
        m.orr(w9, w9, 0x20)
        m.cmp(w9, ord("x"))
        m.b_eq(no)
        m.bind(end)
        m.cbz(x7, no)                     # no digit: NaN
        m.cbz(x8, pos)
        m.cbz(x6, no)                     # "-0": -0, a double
        m.neg(x6, x6)
        m.bind(pos)
        m.add(x2, INTB, w6, uxtw())
        m.ret()
        m.bind(no)
        m.mov(x2, xzr)
        m.ret()

    def _parse_int_call(self, base: int, argc: int, slow: Label) -> None:
        """x2 = ``parseInt`` of the word in slot ``base`` (and a radix in the next one
        when ``argc`` is 2: only an int32 10 is done here): an int32 is itself; a string
        through :meth:`_parse_int`; else ``slow``."""
        m = self.m
        done, string = m.label(), m.label()
        if argc == 2:
            m.ldr(x3, _slot(base + 1))
            m.mov(x4, INT_BASE | 10)
            m.cmp(x3, x4)
            m.b_ne(slow)                  # another radix: the built-in
        m.ldr(x2, _slot(base))
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
        m.mov(x13, 1 if argc == 1 else 0)
        m.bl(self._parse_int())
        m.cbz(x2, slow)
        m.bind(done)

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
