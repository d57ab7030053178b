"""Templates of the baseline JIT that allocate: object and array literals, closures,
contexts (a mixin of :class:`~a64js.jit.compiler.FunctionCompiler`; see
:mod:`a64js.jit.t_ops` for the conventions); and ``super(...)`` in a derived constructor,
whose object ``New`` allocated.

Allocation bumps the heap pointer in the context block (``heapcode.emit_alloc`` without
a collector call): when the semispace is full the instruction takes the generic path,
whose allocation collects (a host call is a safepoint: every value is in a frame slot).
So the code itself never calls the collector, and a cell is fully initialised before
its reference is stored in a slot.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

from a64jit import (
    EQ,
    HI,
    LO,
    NE,
    Label,
    MacroAssembler,
    lsl,
    mem,
    post,
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
)

from ..bytecode import Code
from ..heap import (
    ARRAY_CAPACITY,
    ARRAY_ELEMENTS,
    ARRAY_LENGTH,
    CLOSURE_CODE,
    CLOSURE_CONTEXT,
    CLOSURE_HOME,
    CLOSURE_SLOTS,
    CONTEXT_LENGTH,
    CONTEXT_PARENT,
    KIND_CLOSURE,
    KIND_STRING,
    STRING_DATA,
    STRING_LENGTH,
    VECTOR_DATA,
    Ctx,
    Shape,
    ShapeCell,
)
from ..heapcode import (
    emit_alloc,
    emit_alloc_array,
    emit_alloc_object,
    emit_alloc_string,
    emit_bump,
    emit_closure_fields,
    emit_copy_words,
    emit_header_is,
    emit_kind_of,
    emit_untag,
    emit_untag_ref,
)
from ..hvm import core
from ..hvm.core import R, code_info
from ..words import ADDR_MASK, HOLE_WORD, REF_BASE, TAG_SHIFT, UNDEFINED_WORD
from .reasons import R_CALL, R_PROP
from .regs import CTX, FP, buffer, steps, words_of
from .regs import slot as _slot
from .runs import SLOT_LIMIT, SLOT_SHIFT, Run, slot_word

#: Literals with more elements than this are left to the generic path (code size).
MAX_LITERAL = 16
#: Contexts with more slots than this are filled by a loop rather than in line.
CONTEXT_UNROLL = 16


def _closure_fields(capacity: int, e_own: bool, arrow: bool) -> Run:
    """t_Closure's run after its allocation and the header's address (x1): the fields
    (heapcode.emit_closure_fields: code id ``cid``, the context from slot ``e`` unless
    ``e_own``, ``this`` from slot 1 for an ``arrow``), then the callee's context
    (``e_own``) and home (``arrow``) copied into the closure, and ``str x0, slot a``."""
    def build(m: MacroAssembler, cid: int, e: int, a: int) -> None:
        emit_closure_fields(m, x0, capacity, cid, FP, None if e_own else e, x1,
                            this_slot=1 if arrow else None)
        if e_own or arrow:
            m.and_(x2, x0, ADDR_MASK)
            m.ldr(x3, _slot(2))           # the callee
            m.and_(x3, x3, ADDR_MASK)
            if e_own:
                m.ldr(x1, mem(x3, CLOSURE_CONTEXT))
                m.str(x1, mem(x2, CLOSURE_CONTEXT))
            if arrow:  # super inside an arrow: the enclosing method's home
                m.ldr(x1, mem(x3, CLOSURE_HOME))
                m.str(x1, mem(x2, CLOSURE_HOME))
        m.str(x0, _slot(a))
    run = _CLOSURE_FIELDS[capacity, e_own, arrow] = Run(
        f"closure:{capacity}:{int(e_own)}:{int(arrow)}", build, 1 << 16, SLOT_LIMIT,
        SLOT_LIMIT)
    return run


#: (the closure shape's capacity, e_own, arrow) -> :func:`_closure_fields`' run
_CLOSURE_FIELDS: dict[tuple[int, bool, bool], Run] = {}


def _alloc_closure(address: int, capacity: int) -> tuple[array[int], array[int]]:
    """t_Closure's allocation (heapcode.emit_alloc_closure's, no collection in line)
    as its words before its one b.hi (the site emits that) and after: the ``sub``,
    then ``mov x1`` of the shape's ``address`` (its words: the MacroAssembler's
    ``mov_words``; a process's own, not kept in the cache file)."""
    head, sub = split_at_bhi(("alloc", CLOSURE_SLOTS + 8 * capacity), lambda m, full: (
        emit_alloc(m, CTX, x0, CLOSURE_SLOTS + 8 * capacity, x1, None, full)))
    mid = array("I", sub)
    mid.extend(MacroAssembler.mov_words(x1, address))
    got = _ALLOC_CLOSURE[address] = (head, mid)
    return got


#: the closure shape's address -> :func:`_alloc_closure`'s words
_ALLOC_CLOSURE: dict[int, tuple[array[int], array[int]]] = {}


def split_at_bhi(key: Any, emit: Callable[[MacroAssembler, Label], None]
                 ) -> tuple[array[int], array[int]]:
    """The words ``emit(m, full)`` makes (``full`` bound after them) before and after
    its one branch to ``full``, a ``b.hi`` (checked: the only b.cond whose offset
    lands past the words, and a b.hi), which a site emits itself to its own label
    (``emit``'s other branches stay in the words: the site's layout is the same)."""
    def build(m: MacroAssembler) -> None:
        full = m.label()
        emit(m, full)
        m.bind(full)
    words = words_of(key, build)
    # (b.cond: 0x54 in the top byte, bit 4 clear; the condition in the low bits, the
    # word offset in bits 5-23)
    n = len(words)
    at = [i for i, w in enumerate(words)
          if w & 0xFF000010 == 0x54000000 and (w >> 5) & 0x7FFFF == n - i]
    if len(at) != 1 or words[at[0]] & 0xF != HI.code:
        raise AssertionError(f"words of {key}: branches to the end at {at}, not one b.hi")
    return words[:at[0]], words[at[0] + 1:]


def _alloc_object(shape: Shape) -> tuple[array[int], array[int]]:
    """t_NewObject's words (heapcode.emit_alloc_object of ``shape`` into x0, no
    collection in line, then ``str x0, slot 0``) before and after their one b.hi;
    the last word the slot's hole. A process's own (the shape's address is in them),
    made by a MacroAssembler once per shape."""
    m = MacroAssembler()
    full = m.label()
    emit_alloc_object(m, CTX, x0, shape, x1, None, full)
    m.str(x0, _slot(0))
    m.bind(full)
    raw = m.finalize()
    words = array("I", raw)
    # (b.cond: 0x54 in the top byte, bit 4 clear; the condition in the low bits)
    at = [i for i, w in enumerate(words) if w & 0xFF000010 == 0x54000000]
    if len(at) != 1 or words[at[0]] & 0xF != HI.code or words[-1] != _Words.str_x0:
        raise AssertionError(f"emit_alloc_object's words: b.cond at {at}, not one b.hi")
    got = _ALLOC_OBJECT[shape.address, shape.capacity] = (words[:at[0]], words[at[0] + 1:])
    return got


#: (a plain object shape's address, its capacity) -> :func:`_alloc_object`'s words
_ALLOC_OBJECT: dict[tuple[int, int], tuple[array[int], array[int]]] = {}


def _context_head() -> array[int]:
    """t_NewContext's words before its test for no parent: slot b (a hole, first)."""
    run = _RUNS["context_head"] = buffer("context_head", steps(
        ("ldr", x0, _slot(0)), ("mov", x3, 0), ("mov", x1, UNDEFINED_WORD), ("cmp", x0, x1)))
    return run


def _context_tail(size: int) -> array[int]:
    """t_NewContext's words after the bump for ``size <= CONTEXT_UNROLL`` slots: the
    header, the slots undefined, the reference to slot a (a hole, last)."""
    def build(m: MacroAssembler) -> None:
        m.ldr(x1, mem(CTX, Ctx.SHAPE_CONTEXT))
        m.mov(x4, size)
        m.stp(x1, x4, mem(x0, 0))         # header, slot count
        m.str(x3, mem(x0, CONTEXT_PARENT))
        if size:
            m.mov(x1, UNDEFINED_WORD)
            first = CONTEXT_PARENT + 8
            for j in range(0, size - 1, 2):
                m.stp(x1, x1, mem(x0, first + 8 * j))
            if size & 1:
                m.str(x1, mem(x0, first + 8 * (size - 1)))
        m.mov(x1, REF_BASE)
        m.orr(x0, x0, x1)
        m.str(x0, _slot(0))
    run = _RUNS["context_tail", size] = buffer(("context_tail", size), build)
    return run


def _context_test() -> tuple[array[int], array[int]]:
    """t_NewContext's test of its parent (x0) around the branch of its untagging: x3
    its cell and x2 = 0 if it is a reference (heapcode.emit_untag_ref's words before
    its ``cbnz``), then flags EQ when the cell's header is the context shape."""
    global _CONTEXT_TEST
    untag = words_of("context_untag", lambda m: emit_untag(m, x0, x3, x2))
    is_context = words_of("context_is", steps(
        ("ldr", x2, mem(x3, 0)), ("ldr", x1, mem(CTX, Ctx.SHAPE_CONTEXT)), ("cmp", x2, x1)))
    got = _CONTEXT_TEST = (untag, is_context)
    return got


_CONTEXT_TEST: tuple[array[int], array[int]] | None = None


def _context_bump(size: int) -> tuple[array[int], array[int]]:
    """t_NewContext's bump of ``size <= CONTEXT_UNROLL`` slots (heapcode.emit_bump
    into x0, its end x2) before its b.hi (the site emits that), and after it the
    store of the new top with :func:`_context_tail`'s words (the last a hole)."""
    head, after = split_at_bhi(("context_bump", size), lambda m, full: (
        emit_bump(m, CTX, x0, x1, x2, 8 * (3 + size), full)))
    run = array("I", after)
    run.extend(_RUNS.get(("context_tail", size)) or _context_tail(size))
    got = _CONTEXT_BUMP[size] = (head, run)
    return got


#: slot count -> :func:`_context_bump`'s words
_CONTEXT_BUMP: dict[int, tuple[array[int], array[int]]] = {}


#: the runs of words with holes (``regs.buffer``) by their key
_RUNS: dict[Any, array[int]] = {}


def _array_fill(c: int) -> Run:
    """NewArray's run after the allocation (x0 the new array of ``c`` elements): its
    length, the elements from slots ``b`` .. ``b + c - 1`` (holes ``b + j``), the array
    to slot ``a``."""
    def build(m: MacroAssembler, b: int, a: int) -> None:
        if c:
            m.and_(x2, x0, ADDR_MASK)
            m.mov(x1, c)
            m.str(x1, mem(x2, ARRAY_LENGTH))
            m.ldr(x2, mem(x2, ARRAY_ELEMENTS))
            for j in range(c):
                m.ldr(x1, _slot(b + j))
                m.str(x1, mem(x2, VECTOR_DATA + 8 * j))
        m.str(x0, _slot(a))
    run = _ARRAY_FILL[c] = Run(f"array_fill:{c}", build, SLOT_LIMIT + 1 - max(c, 1),
                               SLOT_LIMIT)
    return run


#: element count -> :func:`_array_fill`'s run
_ARRAY_FILL: dict[int, Run] = {}


def _alloc_array(c: int) -> tuple[array[int], array[int]]:
    """NewArray's allocation (``heapcode.emit_alloc_array`` into x0, room for
    ``max(c, 4)`` elements, no collection in line) as its words before and after its
    one branch, the ``b.hi`` to the site's slow path (the site emits that)."""
    got = _ALLOC_ARRAY[c] = split_at_bhi(("alloc_array", c), lambda m, full: (
        emit_alloc_array(m, CTX, x0, max(c, 4), x1, None, full)))
    return got


#: element count -> :func:`_alloc_array`'s words
_ALLOC_ARRAY: dict[int, tuple[array[int], array[int]]] = {}


class _Words:
    """Base words of the slot holes (:func:`init_words`, at a process's first
    compilation)."""

    ldr_x0 = str_x0 = 0


def init_words() -> None:
    """The base words (compiler.FunctionCompiler.compile, once)."""
    _Words.ldr_x0 = slot_word("ldr", x0)
    _Words.str_x0 = slot_word("str", x0)


class AllocTemplates:
    """Allocation templates (a FunctionCompiler mixin)."""

    # provided by FunctionCompiler
    m: MacroAssembler
    code: Code
    labels: list[Label]
    generic: Callable[[int], None]
    guard: Callable[[int, int], Label]
    stress: Any  # (compiler.Stress or None)
    forced_guard: Callable[[int], bool]
    call_table: int
    _ic_cell: Callable[[int], int]
    _cell_to: Callable[[Any, int], None]
    _callee_word: Callable[[int, int, Label], None]
    _push_call: Callable[[int, Any, int, int], None]
    later: Callable[[Callable[[], None]], None]

    def _with_slow(self, pc: int, fast: Callable[[Label], None]) -> bool:
        """``fast(slow)`` emits the fast path, branching to ``slow`` when the space is
        full (or the operands are not for it); ``slow`` is the generic path, out of
        line (:meth:`later`; not a guard: nothing failed, so nothing is counted). In
        line after the fast path, it cost the fast path a branch over it (each
        branch ends an emulated block) and a label."""
        m = self.m
        slow = m.label()
        fast(slow)
        generic = self.generic

        def out_of_line() -> None:
            m.bind(slow)
            generic(pc)                   # (goes on at the next pc itself)

        self.later(out_of_line)
        return True

    def t_NewObject(self, pc: int, a: int) -> bool:
        """``{}``: a cell of the realm's empty object shape."""
        shape = R.obj_shape

        def fast(slow: Label) -> None:
            m = self.m
            if a < SLOT_LIMIT:            # its words around its b.hi, slot a a hole
                head, run = (_ALLOC_OBJECT.get((shape.address, shape.capacity))
                             or _alloc_object(shape))
                m.emit_words(head)
                m.b_hi(slow)              # (no room)
                run[-1] = _Words.str_x0 | a << SLOT_SHIFT
                m.emit_words(run)
                return
            emit_alloc_object(m, CTX, x0, shape, x1, None, slow)
            m.str(x0, _slot(a))
        return self._with_slow(pc, fast)

    def t_NewArray(self, pc: int, a: int, b: int, c: int) -> bool:
        """``[r_b, ..., r_b+c-1]``: the array and its elements vector in one bump."""
        if c > MAX_LITERAL:
            return False

        def fast(slow: Label) -> None:
            m = self.m
            head, tail = _ALLOC_ARRAY.get(c) or _alloc_array(c)
            m.emit_words(head)
            m.b_hi(slow)                  # (no room)
            m.emit_words(tail)
            (_ARRAY_FILL.get(c) or _array_fill(c)).emit(m, b, a)
        return self._with_slow(pc, fast)

    def t_ArraySpread(self, pc: int, a: int, b: int) -> bool:
        """``[..., ...r_b]``: the elements of the array in slot ``b`` (holes as
        undefined) appended to the array literal in slot ``a``, as the interpreter's
        pushes do; a full vector is replaced by one of the capacity those pushes would
        reach (max(4, 2 x capacity) until it fits), bumped in line, the elements copied,
        the rest holes. Another source (a string, an array with named properties) or a
        full space: the generic path."""

        def fast(slow: Label) -> None:
            m = self.m
            room, grown, copy, fill, done = (m.label() for _ in range(5))
            m.ldr(x3, mem(CTX, Ctx.SHAPE_ARRAY))
            m.ldr(x0, _slot(b))
            emit_header_is(m, x0, x1, x2, x3, slow)  # x1: the source's cell
            m.ldr(x0, _slot(a))
            emit_header_is(m, x0, x4, x2, x3, slow)  # x4: the target's cell
            m.ldr(x5, mem(x1, ARRAY_LENGTH))
            m.cbz(x5, done)
            m.ldp(x6, x7, mem(x4, ARRAY_LENGTH))    # the target's length, capacity
            m.add(x8, x6, x5)                       # the new length
            m.ldr(x12, mem(x4, ARRAY_ELEMENTS))
            m.mov(x13, 0)                           # holes to write after the elements
            m.cmp(x8, x7)
            m.b_ls(room)
            m.mov(x9, x7)                           # the capacity the pushes reach
            m.mov(x10, 4)
            m.bind(grown)
            m.lsl(x11, x9, 1)
            m.cmp(x11, x10)
            m.csel(x9, x11, x10, HI)
            m.cmp(x9, x8)
            m.b_cond(LO, grown)
            m.lsl(x10, x9, 3)
            m.add(x10, x10, VECTOR_DATA)
            emit_bump(m, CTX, x11, x14, x10, x10, slow)  # no room: the generic path collects
            m.ldr(x10, mem(CTX, Ctx.SHAPE_VECTOR))
            m.stp(x10, x9, mem(x11, 0))             # header, length
            m.add(x2, x12, VECTOR_DATA)             # the old elements
            m.stp(x9, x11, mem(x4, ARRAY_CAPACITY))
            m.mov(x12, x11)
            m.sub(x13, x9, x8)
            m.add(x14, x11, VECTOR_DATA)
            m.mov(x10, x6)
            old = m.label()
            m.cbz(x10, room)
            emit_copy_words(m, old, x2, x14, x10, x11)
            m.bind(room)                            # x12: the target's vector
            m.add(x14, x12, VECTOR_DATA)
            m.add(x14, x14, x6, lsl(3))
            m.ldr(x2, mem(x1, ARRAY_ELEMENTS))
            m.add(x2, x2, VECTOR_DATA)
            m.mov(x9, HOLE_WORD)
            m.mov(x10, UNDEFINED_WORD)
            m.bind(copy)                            # x5 > 0 elements
            m.ldr(x11, post(x2, 8))
            m.cmp(x11, x9)
            m.csel(x11, x10, x11, EQ)               # a hole reads undefined
            m.str(x11, post(x14, 8))
            m.subs(x5, x5, 1)
            m.b_ne(copy)
            m.str(x8, mem(x4, ARRAY_LENGTH))
            m.cbz(x13, done)
            m.bind(fill)
            m.str(x9, post(x14, 8))
            m.subs(x13, x13, 1)
            m.b_ne(fill)
            m.bind(done)
        return self._with_slow(pc, fast)

    def t_Closure(self, pc: int, a: int, k: int, e: int) -> bool:
        """A closure of code ``k`` over the context in slot ``e`` (-1: the callee's
        own); an arrow function also captures ``this`` and the callee's home object."""
        code = self.code.consts[k]
        shape = R.fn_shape
        if len(shape.keys) > shape.capacity:
            return False
        cid = code_info(code).id
        arrow = code.kind == "arrow"

        def fast(slow: Label) -> None:
            m = self.m
            # three runs around the site's b.hi: the bump, the header's address, the
            # fields and the tail (the code id and the slots its holes)
            head, mid = (_ALLOC_CLOSURE.get(shape.address)
                         or _alloc_closure(shape.address, shape.capacity))
            m.emit_words(head)
            m.b_hi(slow)                  # (no room)
            m.emit_words(mid)
            run = _CLOSURE_FIELDS.get((shape.capacity, e < 0, arrow)) or _closure_fields(
                shape.capacity, e < 0, arrow)
            run.emit(m, cid, max(e, 0), a)
        return self._with_slow(pc, fast)

    def t_NewContext(self, pc: int, a: int, b: int, size: int) -> bool:
        """A new context of ``size`` undefined slots whose parent is the context in slot
        ``b`` (undefined: none), or for ``b`` -1 the callee's own context (the raw word
        of its closure; 0: none), bumped in line. A parent slot holding anything else,
        a callee that is not a closure, or a full space: the generic path."""
        if not 0 <= size <= 0xFFFF:
            return False

        def fast(slow: Label) -> None:
            m = self.m
            have = m.label()
            if 0 <= b < SLOT_LIMIT:
                run = _RUNS.get("context_head") or _context_head()
                run[0] = _Words.ldr_x0 | b << SLOT_SHIFT
                m.emit_words(run)
                m.b_eq(have)                  # no parent
                untag, is_context = _CONTEXT_TEST or _context_test()
                m.emit_words(untag)           # (heapcode.emit_untag_ref)
                m.cbnz(x2, slow)
                m.emit_words(is_context)
                m.b_ne(slow)                  # not a context: the generic path's error
            elif b >= 0:
                m.ldr(x0, _slot(b))
                m.mov(x3, 0)
                m.mov(x1, UNDEFINED_WORD)
                m.cmp(x0, x1)
                m.b_eq(have)                  # no parent
                emit_untag_ref(m, x0, x3, x2, slow)
                m.ldr(x2, mem(x3, 0))
                m.ldr(x1, mem(CTX, Ctx.SHAPE_CONTEXT))
                m.cmp(x2, x1)
                m.b_ne(slow)                  # not a context: the generic path's error
            else:
                m.ldr(x0, _slot(2))           # the callee
                emit_kind_of(m, x0, x1, x2, x2, slow)
                m.cmp(x2, KIND_CLOSURE)
                m.b_ne(slow)
                m.ldr(x3, mem(x1, CLOSURE_CONTEXT))   # a raw address or 0, as stored
            m.bind(have)
            nbytes = 8 * (3 + size)
            if size <= CONTEXT_UNROLL and a < SLOT_LIMIT:
                # the bump's words around its b.hi, then the tail's (the store to a)
                head, run = _CONTEXT_BUMP.get(size) or _context_bump(size)
                m.emit_words(head)
                m.b_hi(slow)                  # full: the generic path collects
                run[-1] = _Words.str_x0 | a << SLOT_SHIFT
                m.emit_words(run)
                return
            emit_bump(m, CTX, x0, x1, x2, nbytes, slow)  # full: the generic path collects
            m.ldr(x1, mem(CTX, Ctx.SHAPE_CONTEXT))
            m.mov(x4, size)
            m.stp(x1, x4, mem(x0, 0))         # header, slot count
            m.str(x3, mem(x0, CONTEXT_PARENT))
            if size:
                m.mov(x1, UNDEFINED_WORD)
                first = CONTEXT_PARENT + 8
                if size <= CONTEXT_UNROLL:
                    for j in range(0, size - 1, 2):
                        m.stp(x1, x1, mem(x0, first + 8 * j))
                    if size & 1:
                        m.str(x1, mem(x0, first + 8 * (size - 1)))
                else:
                    loop = m.label()
                    m.add(x4, x0, first)
                    m.bind(loop)              # x2: the end
                    m.str(x1, post(x4, 8))
                    m.cmp(x4, x2)
                    m.b_ne(loop)
            m.mov(x1, REF_BASE)
            m.orr(x0, x0, x1)
            m.str(x0, _slot(a))
        return self._with_slow(pc, fast)

    def t_CopyContext(self, pc: int, a: int) -> bool:
        """A fresh copy of the context in slot ``a`` (each iteration of a ``for (let
        ...)`` loop whose variables a closure captures): header, count, parent and
        slots copied word for word."""
        def fast(slow: Label) -> None:
            m = self.m
            loop = m.label()
            m.ldr(x0, _slot(a))
            m.and_(x1, x0, ADDR_MASK)
            m.ldr(x2, mem(x1, CONTEXT_LENGTH))
            m.add(x2, x2, 3)                  # words: header, count, parent, slots
            emit_bump(m, CTX, x3, x4, x5, x2, slow, lsl(3))
            m.mov(x0, x3)
            emit_copy_words(m, loop, x1, x3, x2, x6)
            m.mov(x1, REF_BASE)
            m.orr(x0, x0, x1)
            m.str(x0, _slot(a))
        return self._with_slow(pc, fast)

    def _concat_words(self, other: Label) -> None:
        """``+`` of two strings in x0, x1: x0 = the result (an empty one gives the
        other, else a new string of both's units bumped in line, its last word zeroed
        first: the padding units are 0, as word-wise equality needs); anything else, or
        a full space, branches to ``other`` with x0 and x1 as they were (x2-x12
        clobbered). It reads nothing of the function: t_num's string ``+`` subroutine
        (shared between functions) is made of it.

        Emulated blocks and accesses (session 21): the tests are two branches (both
        references, both strings), one for an empty operand; the left's words are
        copied four a block (``ldp``/``stp``; one and two first as its count's low
        bits say), the right's a word a block, each shifted into place after the
        left's last units (``lsl``/``lsr`` by 16 bits a unit; the carry of the last
        into the result's last word when it has one more): they were a word a block
        and a unit a block (two accesses a unit)."""
        m = self.m
        m.mov(x9, REF_BASE)
        m.sub(x2, x0, x9)
        m.sub(x3, x1, x9)
        m.orr(x9, x2, x3)
        m.lsr(x9, x9, TAG_SHIFT)
        m.cbnz(x9, other)                 # either is not a reference
        m.ldr(x9, mem(CTX, Ctx.SHAPE_STRING))
        m.ldr(x4, mem(x2, 0))
        m.ldr(x5, mem(x3, 0))
        m.cmp(x4, x9)
        m.ccmp(x5, x9, 0b0000, EQ)
        m.b_ne(other)                     # either is not a string
        m.ldr(x4, mem(x2, STRING_LENGTH))
        m.ldr(x5, mem(x3, STRING_LENGTH))
        empty, made = m.label(), m.label()
        m.cmp(x4, 0)
        m.ccmp(x5, 0, 0b0100, NE)
        m.b_eq(empty)                     # "" + s is s, s + "" is s
        m.add(x6, x4, x5)                 # the units
        emit_alloc_string(m, CTX, x6, x8, x7, x9, other)  # full: the generic path collects
        m.add(x0, x2, STRING_DATA)        # the left's words (its zero padding too) ...
        m.add(x1, x8, STRING_DATA)
        m.add(x6, x4, 3)
        m.lsr(x6, x6, 2)
        two, fours, loop, copied = m.label(), m.label(), m.label(), m.label()
        m.tbz(x6, 0, two)
        m.ldr(x9, post(x0, 8))
        m.str(x9, post(x1, 8))
        m.bind(two)
        m.tbz(x6, 1, fours)
        m.ldp(x9, x10, post(x0, 16))
        m.stp(x9, x10, post(x1, 16))
        m.bind(fours)
        m.lsr(x6, x6, 2)
        m.cbz(x6, copied)
        m.bind(loop)
        m.ldp(x9, x10, post(x0, 16))
        m.ldp(x11, x12, post(x0, 16))
        m.stp(x9, x10, post(x1, 16))
        m.stp(x11, x12, post(x1, 16))
        m.subs(x6, x6, 1)
        m.b_ne(loop)
        m.bind(copied)                    # ... then the right's after the left's units:
        m.add(x0, x3, STRING_DATA)
        m.lsr(x6, x4, 2)
        m.add(x1, x8, STRING_DATA)
        m.add(x1, x1, x6, lsl(3))         # the word of the left's unit L (its length)
        m.ubfiz(x6, x4, 4, 2)             # 16 * (L % 4): the bits before the right's
        m.mov(x2, 63)
        m.sub(x2, x2, x6)
        m.ldr(x4, mem(x1, 0))             # the left's last units (none when L % 4 = 0)
        m.mov(x9, 1)
        m.lsl(x9, x9, x6)
        m.sub(x9, x9, 1)
        m.and_(x4, x4, x9)
        m.add(x5, x5, 3)
        m.lsr(x5, x5, 2)                  # the right's words
        units = m.label()
        m.bind(units)
        m.ldr(x9, post(x0, 8))
        m.lsl(x3, x9, x6)
        m.orr(x3, x3, x4)
        m.str(x3, post(x1, 8))
        m.lsr(x4, x9, 1)
        m.lsr(x4, x4, x2)                 # what is left of it: x9 >> (64 - shift), or 0
        m.subs(x5, x5, 1)
        m.b_ne(units)
        last = m.label()
        m.cmp(x1, x7)
        m.b_hs(last)
        m.str(x4, mem(x1, 0))             # the result has one more word: the carry
        m.bind(last)
        m.mov(x9, REF_BASE)
        m.orr(x0, x8, x9)
        m.b(made)
        m.bind(empty)
        m.cbnz(x4, made)                  # the right is empty: x0
        m.mov(x0, x1)
        m.bind(made)

    def t_SuperCall(self, pc: int, a: int, base: int, argc: int) -> bool:
        """``super(args)`` in a derived constructor as a direct call of the parent
        (the callee's prototype) with this frame's ``this`` (the object New made), as
        the interpreter's ``_super_call`` does: when the callee's shape is the one in
        this site's cell (word 0: a shape without own class fields, whose initializer
        the generic path runs) and the parent can be entered by a direct New;
        anything else is the generic path. A parent that returns another object than
        ``this`` sets cell word 1 and misses: the runtime raises the interpreter's
        not-supported error there (the call is not made twice)."""
        from .t_calls import NEWABLE

        if not self.call_table or argc > 8:
            return False
        if self.stress is not None and self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_CALL)
        pmiss = self.guard(pc, R_PROP)
        cell = self._ic_cell(pc)
        done = m.label()
        m.ldr(x0, _slot(2))               # the callee: this constructor
        emit_untag_ref(m, x0, x1, x2, miss)
        m.ldr(x2, mem(x1, 0))
        self._cell_to(x3, cell)
        m.ldr(x3, mem(x3, 0))
        m.cmp(x2, x3)
        m.b_ne(pmiss)                     # not the shape known to have no fields
        m.ldr(x0, mem(x2, ShapeCell.PROTO))   # the parent constructor
        # a built-in parent (class E extends Error): the generic path in line, which is
        # no guard failure (so it never leaves the function to the interpreter)
        native = m.label()
        emit_kind_of(m, x0, x1, x4, x4, miss)
        m.cmp(x4, KIND_CLOSURE)
        m.b_ne(miss)
        m.ldr(x4, mem(x1, CLOSURE_CODE))
        m.mov(x5, core.NATIVE_BASE)
        m.cmp(x4, x5)
        m.b_hs(native)
        self._callee_word(argc, argc | NEWABLE, miss)
        self._push_call(pc, 1, base, argc)
        m.ldr(x2, mem(x1, 0))             # the parent's result
        m.ldr(x3, _slot(1))               # this (as any collection left it)
        m.cmp(x2, x3)
        m.b_eq(done)
        emit_kind_of(m, x2, x4, x5, x4, done)  # a primitive result is ignored
        m.cmp(x4, KIND_STRING)
        m.b_eq(done)
        m.mov(x4, cell)                   # another object: the runtime's error
        m.mov(x5, 1)
        m.str(x5, mem(x4, 8))
        m.b(pmiss)
        m.bind(native)
        self.generic(pc)
        m.bind(done)
        m.str(x3, _slot(a))
        return True

    def t_ToArray(self, pc: int, a: int, b: int) -> bool:
        """The source of a ``for...of`` or a destructuring: an array is itself (a string
        becomes an array of its characters on the generic path)."""
        def fast(slow: Label) -> None:
            m = self.m
            m.ldr(x0, _slot(b))
            emit_untag_ref(m, x0, x1, x2, slow)
            m.ldr(x2, mem(x1, 0))
            m.ldr(x3, mem(CTX, Ctx.SHAPE_ARRAY))
            m.cmp(x2, x3)
            m.b_ne(slow)
            m.str(x0, _slot(a))
        return self._with_slow(pc, fast)


def super_cell_fill(cell: Any, callee: Shape | None) -> bool:
    """After a SuperCall's cache miss: the callee's shape into cell word 0 when the
    shape proves the callee has no own class fields (a dictionary shape proves
    nothing). Returns whether the parent returned another object than ``this`` (cell
    word 1, cleared): then the runtime raises ``core.SUPER_OTHER_OBJECT`` instead."""
    if cell[1]:
        cell[1] = 0
        return True
    if callee is not None and callee.kind == KIND_CLOSURE and not callee.dict \
            and core.K_FIELDS not in callee.keys:
        cell[0] = callee.address
    return False


__all__ = ["AllocTemplates", "super_cell_fill"]
