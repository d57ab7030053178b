"""Templates of the baseline JIT for property access by name through inline caches.

A mixin of :class:`~a64js.jit.compiler.FunctionCompiler` (see :mod:`a64js.jit.t_ops`
for the conventions). Every ``GetProp``, ``SetProp`` and ``DefineField`` by name has a
*cache cell* in data memory: ``IC_ENTRIES`` entries of four words that the runtime fills
on a miss (:func:`fill_get`, :func:`fill_set`, :func:`put_entry`) and the code only reads:

=====  =====================================================================================
word   GetProp entry                          SetProp / DefineField entry
=====  =====================================================================================
0      the receiver's shape address (0: empty; the receiver's shape address (0: empty)
       + 1 when word 2 is not 0)
1      byte offset of the slot in the holder  byte offset of the slot in the receiver
2      0: the receiver holds the property;    0: the property exists; else the shape
       else the shape of its prototype P1     address after adding it (a transition)
3      0: P1 holds it; else the shape of P1's 0
       prototype P2, which holds it; or (bit
       0 set) the address + 1 of a zero-ended
       list of the shapes of P2, P3 ... up to
       the holder (``IC_MAX_CHAIN`` in all)
=====  =====================================================================================

A shape fixes its cells' keys and prototype (the shape cell's prototype word), so on a
receiver-shape hit P1 is that prototype, and the holder shapes checked on the way
(P1's, then P2's ...) prove the key is still absent below the holder and still at that offset
in it. Shapes never move and are never freed, so entries need no update after a
collection. Only data properties are cached (getters, setters and array/string virtual properties
stay on the generic path). A GetProp entry whose word 1 is ``IC_ABSENT`` caches a key
absent from the receiver and the one or two prototypes checked, the last of which has
a null prototype: the value is undefined. Word 1 with bit 0 set is an out-of-line slot: the byte
offset plus 1 in the holder's slot vector (``CELL_OOB``); a transition into one past the
vector's end (or with no vector yet) bumps a new vector in line as ``Heap.put`` sizes it
(a full space: the generic path). ``DefineMethod`` of a constant key stores as
``DefineField`` does, then sets the closure's home object.

A transition entry of a ``SetProp`` is valid only while no setter for the key exists on
the prototype chain: the runtime clears those entries whenever an accessor is defined
anywhere (the interpreter's caches use the same epoch rule). ``DefineField`` defines an
own property without looking for setters, so its transitions stay valid.

The lookup is one shared subroutine per function (``bl``, emitted at first use): x1 =
the receiver's cell address, x3 = the cache cell (x0 = the value to store, for a store);
flags EQ on a hit (x0 = the value loaded), NE on a miss (the code branches to the
guard stub, reason "property cache miss": the runtime does the access generically and
fills an entry; such misses never count towards leaving a function to the interpreter).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

from a64jit import (
    EQ,
    HS,
    NE,
    Label,
    MacroAssembler,
    lsl,
    mem,
    post,
    pre,
    sp,
    w12,
    with_branch_offset,
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
    x29,
    x30,
)

from ..bytecode import OP, Code
from ..heap import (
    ARRAY_ELEMENTS,
    ARRAY_LENGTH,
    CELL_OOB,
    CLOSURE_HOME,
    KIND_ARRAY,
    KIND_CLOSURE,
    KIND_OBJECT,
    KIND_STRING,
    VECTOR_DATA,
    VECTOR_LENGTH,
    Ctx,
    Shape,
    ShapeCell,
)
from ..heapcode import emit_untag, emit_untag_ref
from ..hvm.core import CLOSURE_OWN_KEYS, R
from ..values import PRIVATE
from ..words import (
    ADDR_MASK,
    HOLE_WORD,
    NULL_WORD,
    TAG_REF,
    TAG_SHIFT,
    TRUE_WORD,
    UNDEFINED_WORD,
)
from .reasons import R_PROP
from .regs import CID, CTX, FP, GUARD, INTB, add_wide, cmp_wide, words_of
from .regs import slot as _slot
from .runs import SLOT_LIMIT, SLOT_SHIFT, Run, cell_to, emit_cell_run, slot_word

#: Entries per cache cell and words per entry.
IC_ENTRIES = 4
IC_ENTRY_WORDS = 4
IC_WORDS = IC_ENTRIES * IC_ENTRY_WORDS
IC_BYTES = 8 * IC_WORDS
#: Entry word 1 of a GetProp whose key no cell on the chain holds (the value is
#: undefined); bit 0 of word 1 flags an out-of-line slot.
IC_ABSENT = 2
#: Entry word 1 flag: the slot holds an accessor pair; the code calls its getter.
IC_GETTER = 4
#: Entry word 0 tag of a GetProp entry whose key a prototype holds (word 2 not 0):
#: shapes are aligned, so a header never equals the tagged word and the in-line test
#: of an own slot reads no holder word (session 21).
IC_HELD = 1
#: Prototypes a GetProp entry checks at most on the way to the holder (or to null).
IC_MAX_CHAIN = 8
#: The opcodes with a cache cell.
IC_OPCODES = frozenset({OP["GetProp"], OP["SetProp"], OP["DefineField"], OP["New"],
                        OP["GetGlobal"], OP["InstanceOf"], OP["DefineMethod"],
                        OP["SuperCall"]})
#: The context block's runtime root word that holds the global object for GetGlobal.
ROOT_GLOBAL = 0
_LOAD_K = OP["LoadK"]
_DEFINE_METHOD = OP["DefineMethod"]
_CLOSURE = OP["Closure"]
#: An accessor property ``k`` is the own key ``ACC + k`` (hvm.core.ACC).
_ACC = "\x01"


def mov48(m: Any, reg: Any, value: int) -> None:
    """``mov reg, #value`` for a data address: below 2**48 always movz and two movk
    (three words, even in the rare case a shorter sequence exists), else
    MacroAssembler.mov. MacroAssembler.mov plans each new value and misses the memo
    on each of its words (~70 us a value in a fresh process); here only the low half
    is new (the others repeat within the arena's blocks)."""
    if value >> 48 or value < 0:
        m.mov(reg, value)
    else:
        # (the words themselves, movz/movk of the A64 manual: through the memo, a new
        # address (every function's data block) was a first sight, encoded and kept in
        # the memo and its file forever: ~80 us a function, and a memo that only grew)
        rd = reg.code
        emit = m.emit
        emit(0xD2800000 | (value & 0xFFFF) << 5 | rd)  # movz reg, #lo
        emit(0xF2A00000 | (value >> 16 & 0xFFFF) << 5 | rd)  # movk reg, #mid, lsl #16
        emit(0xF2C00000 | (value >> 32) << 5 | rd)  # movk reg, #hi, lsl #32


def _emit_receiver(a: MacroAssembler, b: int) -> None:
    """x0 = slot ``b``, x1 = its cell and x2 = 0 if it is a reference (the site
    branches on x2: :func:`heapcode.emit_untag_ref`'s branch)."""
    a.ldr(x0, _slot(b))
    emit_untag(a, x0, x1, x2)


def _emit_first_entry(a: MacroAssembler, flags: int) -> None:
    """x1 = the receiver's cell, x3 = its cache cell: flags EQ (x5 = the entry's word 1)
    when the cell's first entry is the receiver's shape, none of ``flags`` is set in
    its word 1 and it names no holder (an entry that does has word 0 tagged,
    :data:`IC_HELD`: no header is equal to it, and word 2 need not be read); else NE,
    and the site branches out of line (the subroutine searches every entry). One
    branch: each ends an emulated block, and the subroutine's search, holder tests and
    flag tests were 6-8 of them. x2, x4, x5, x7 clobbered."""
    a.ldr(x2, mem(x1, 0))
    a.ldp(x4, x5, mem(x3, 0))         # (a prototype's entry: word 0 tagged, no match)
    a.and_(x7, x5, flags)
    a.cmp(x2, x4)
    a.ccmp(x7, 0, 0b0000, EQ)


def _emit_get_first(a: MacroAssembler, cell: int) -> None:
    """x3 = the cache cell at byte ``cell`` of the data block, then GetProp's test of
    its first entry (:func:`_emit_first_entry`)."""
    cell_to(a, x3, cell)
    _emit_first_entry(a, IC_GETTER | IC_ABSENT)


def _emit_get_own(a: MacroAssembler, dst: int) -> None:
    """GetProp's hit on an own data slot (x1 the cell, x5 its entry's word 1): the
    value to x0 from the cell or (flag bit 0) its slot vector, no branch; then into
    slot ``dst`` (the template's end, where its other paths join it: the last word)."""
    a.ldr(x6, mem(x1, CELL_OOB))
    a.tst(x5, 1)
    a.csel(x1, x6, x1, NE)
    a.and_(x5, x5, ~1 & 0xFFFF_FFFF_FFFF_FFFF)
    a.ldr(x0, mem(x1, x5))
    a.str(x0, _slot(dst))


def _emit_get_proto(a: MacroAssembler) -> None:
    """After the first entry's test failed (x1 the receiver's cell, x2 its header, x3
    the cache cell, x4, x5 the entry's words 0 and 1): flags EQ when the entry is the
    receiver's shape (tagged: a prototype holds the key) and names its prototype P1
    (word 2: P1's shape, which P1 still has) as the holder (word 3 zero) and caches no
    absent key; x0 = P1's cell, x5 the
    entry's word 1 (the getter flag kept); x1 kept for the subroutine. A method on a
    class's prototype: the get subroutine's ~8 blocks and a ``ret`` to another site
    at each call were its common path. P1's cell is loaded only when the shape
    matches and word 2 names one (a receiver's shape fixes its prototype: an object
    then); else the receiver's header is read again, which fails the test. x6-x9
    clobbered."""
    a.ldp(x6, x8, mem(x3, 16))        # words 2 (P1's shape) and 3 (0: P1 holds it)
    a.orr(x9, x2, IC_HELD)
    a.cmp(x9, x4)                     # the receiver's shape, a prototype the holder
    a.ldr(x0, mem(x2, ShapeCell.PROTO))
    a.and_(x0, x0, ADDR_MASK)
    a.csel(x0, x0, x1, EQ)
    a.ldr(x9, mem(x0, 0))             # P1's header (else the receiver's)
    a.and_(x7, x5, IC_ABSENT)
    a.ccmp(x9, x6, 0b0000, EQ)
    a.ccmp(x8, 0, 0b0000, EQ)
    a.ccmp(x7, 0, 0b0000, EQ)


def _emit_get_held(a: MacroAssembler) -> None:
    """The value to x0 from the holder's cell in x0 or (word 1 bit 0) its slot vector,
    no branch; x5 keeps word 1 (its getter flag)."""
    a.ldr(x6, mem(x0, CELL_OOB))
    a.tst(x5, 1)
    a.csel(x0, x6, x0, NE)
    a.and_(x6, x5, ~(IC_GETTER | 1) & 0xFFFF_FFFF_FFFF_FFFF)
    a.ldr(x0, mem(x0, x6))


def _emit_store_first(a: MacroAssembler, c: int, cell: int) -> None:
    """SetProp's in-line test: x0 = slot ``c`` (the value), x3 = the cache cell at
    byte ``cell`` of the data block; flags EQ when its first entry is the receiver's
    shape (x1 its cell, x2 its header) and adds no key into the slot vector (x4-x7
    clobbered; x5 the entry's offset, x6 its new shape or 0)."""
    a.ldr(x0, _slot(c))
    cell_to(a, x3, cell)
    a.ldp(x4, x5, mem(x3, 0))         # shape, offset (bit 0: in the slot vector)
    a.ldr(x6, mem(x3, 16))            # a transition's new shape (0: none)
    a.ldr(x2, mem(x1, 0))
    a.cmp(x6, 0)
    a.cset(x7, NE)
    a.and_(x7, x7, x5)                # 1: a key added into the slot vector
    a.cmp(x2, x4)
    a.ccmp(x7, 0, 0b0000, EQ)


def _emit_store_hit(a: MacroAssembler) -> None:
    """SetProp's first-entry hit (after :func:`_emit_store_first`): the new shape of a
    transition, the value into the cell or its slot vector."""
    a.cmp(x6, 0)                      # a transition: its new shape, else the same
    a.csel(x6, x6, x2, NE)
    a.str(x6, mem(x1, 0))
    a.ldr(x8, mem(x1, CELL_OOB))
    a.tst(x5, 1)
    a.csel(x9, x8, x1, NE)            # the slot vector, else the cell
    a.and_(x5, x5, ~1 & 0xFFFF_FFFF_FFFF_FFFF)
    a.str(x0, mem(x9, x5))


def _emit_method_key(a: MacroAssembler, b: int, k: int) -> None:
    """DefineMethod's key test: slot ``b`` against the constant's slot ``k`` (flags)."""
    a.ldr(x0, _slot(b))
    a.ldr(x1, _slot(k))
    a.cmp(x0, x1)


def _emit_value_cell(a: MacroAssembler, c: int, cell: int) -> None:
    """x0 = slot ``c``, x3 = the cache cell at byte ``cell`` of the data block."""
    a.ldr(x0, _slot(c))
    cell_to(a, x3, cell)


def _emit_global(a: MacroAssembler, cell: int) -> None:
    """GetGlobal's registers for the get subroutine: x0 the global object (the
    context block's root word), x1 its cell, x3 the cache cell at byte ``cell``."""
    a.ldr(x0, mem(CTX, Ctx.ROOTS + 8 * ROOT_GLOBAL))
    a.and_(x1, x0, ADDR_MASK)
    cell_to(a, x3, cell)


def _emit_is_closure(a: MacroAssembler) -> None:
    """Flags EQ when the cell in x1 is a closure's (x2 clobbered)."""
    a.ldr(x2, mem(x1, 0))
    a.ldr(x2, mem(x2, ShapeCell.KIND))
    a.cmp(x2, KIND_CLOSURE)


def _emit_set_home(a: MacroAssembler, obj: int) -> None:
    """The closure in x1's home object: slot ``obj``."""
    a.ldr(x0, _slot(obj))
    a.str(x0, mem(x1, CLOSURE_HOME))


def _emit_length_test(a: MacroAssembler) -> Label:
    """An array's or a string's length (x1 the receiver's cell; the length word at the
    same offset in both, below 2**31) boxed into x0 and a branch to the label returned
    (unbound: where the site's paths join); any other receiver goes on past the test."""
    done, other, hit = a.label(), a.label(), a.label()
    a.ldr(x2, mem(x1, 0))
    a.ldr(x3, mem(CTX, Ctx.SHAPE_ARRAY))
    a.cmp(x2, x3)
    a.b_eq(hit)
    a.ldr(x3, mem(CTX, Ctx.SHAPE_STRING))
    a.cmp(x2, x3)
    a.b_ne(other)
    a.bind(hit)
    a.ldr(x2, mem(x1, ARRAY_LENGTH))  # == STRING_LENGTH
    a.add(x0, INTB, x2)
    a.b(done)
    a.bind(other)
    return done


#: (a slot field takes slots below 4096, a cache cell's add offsets below 4096: one
#: word each; past them the build itself is emitted)
def _emit_length(a: MacroAssembler, after: Callable[[MacroAssembler], None]) -> None:
    """GetProp's ``length`` of an array or a string (x1 the receiver's cell), in line
    before the cache's first entry: the length word (at the same offset in both; below
    2**31) boxed into x0, then on at ``done``, the store of :func:`_emit_get_own` that
    ends the site (``after``: the site's words from the first entry's test to that
    store, :data:`_LENGTH_TAIL` of them, with a cell below 4096); else on into them."""
    done = _emit_length_test(a)
    at = a.offset
    after(a)
    a.bind_at(done, at + 4 * (_LENGTH_TAIL - 1))


_RECEIVER = Run("prop_receiver", _emit_receiver, 4096)
_GET_FIRST = Run("get_first", _emit_get_first, 4096)
_GET_OWN = Run("get_own", _emit_get_own, 4096)
_GET_PROTO = Run("get_proto", _emit_get_proto)
_GET_HELD = Run("get_held", _emit_get_held)
_STORE_FIRST = Run("store_first", _emit_store_first, 4096, 4096)
_STORE_HIT = Run("store_hit", _emit_store_hit)
_METHOD_KEY = Run("method_key", _emit_method_key, 4096, 4096)
_VALUE_CELL = Run("value_cell", _emit_value_cell, 4096, 4096)
_GLOBAL = Run("get_global", _emit_global, 4096)
_IS_CLOSURE = Run("is_closure", _emit_is_closure)
_SET_HOME = Run("set_home", _emit_set_home, 4096)
#: the words of a GetProp site after its length test (a cell below 4096): the first
#: entry's test, the branch out of line, the own slot's load and store
_LENGTH_TAIL = 6 + 1 + 6
_LENGTH = Run("get_length", _emit_length, tail=_LENGTH_TAIL)
_THIS: list[int] = []
#: GetProp's out-of-line words from ``other`` (with the call table, slot b below the
#: limit): the prototype's test, ``b.ne sub`` and the held load; the b.ne's index; the
#: words from the b.ne's successor to ``sub`` (the held load, then ``got``'s five)
_OTHER = array("I")
_OTHER_BNE = 0
_OTHER_SUB = 0
_GOT_WORDS = 5


def _other_words() -> array[int]:
    """:data:`_OTHER`, made at the first use in a process (the same words as the
    runs get_proto and get_held with the branch between: a64jit's encodings)."""
    global _OTHER_BNE, _OTHER_SUB

    def build(a: MacroAssembler) -> None:
        sub = a.label()
        _emit_get_proto(a)
        a.b_ne(sub)
        _emit_get_held(a)
        for _ in range(_GOT_WORDS):
            a.emit(0)
        a.bind(sub)

    got = words_of("get_other", build)
    proto = len(words_of("get_proto_alone", _emit_get_proto))
    _OTHER_BNE = proto
    _OTHER_SUB = len(got) - proto - 1
    _OTHER.extend(got[:len(got) - _GOT_WORDS])
    return _OTHER


def _this_word() -> int:
    """``ldr x9, [x19, #0]``: a getter's ``this``, slot b ``| b << SLOT_SHIFT``."""
    if not _THIS:
        _THIS.append(slot_word("ldr", x9))
    return _THIS[0]


class PropTemplates:
    """GetProp / SetProp / DefineField through inline caches (a FunctionCompiler mixin)."""

    # provided by FunctionCompiler
    m: MacroAssembler
    code: Code
    ic_pcs: list[int]
    ic_block: Any
    ic_address: int
    block_address: int
    guard: Callable[[int, int], Label]
    forced_guard: Callable[[int], bool]
    generic: Callable[[int], None]
    call_table: int
    _emit_check: Callable[[bool], None]
    _emit_push: Callable[[], None]
    _subroutine: Callable[[Callable[[], None]], Label]
    later: Callable[[Callable[[], None]], None]

    _sub_get: Label | None = None
    _sub_set: Label | None = None
    _sub_getter: Label | None = None

    # -- cells and subroutines ---------------------------------------------------------

    def _ic_cell(self, pc: int) -> int:
        """The address of ``pc``'s cache cell (the cells of all the function's cached
        instructions are in its data block, made before its code: the compiler's
        ``_data_block``; a New has two, t_calls: the callee's prototype, the root
        shape)."""
        cell = self.ic_address + IC_BYTES * len(self.ic_pcs)
        self.ic_pcs.append(pc)
        return cell

    def _cell_to(self, reg: Any, cell: int) -> None:
        """``reg`` = the address of cache cell ``cell`` (from :meth:`_ic_cell`): an
        offset from x23, which holds the function's data block (one ``add`` for the
        first 31 cells, two past them)."""
        add_wide(self.m, reg, CID, cell - self.block_address)

    def _ic_subroutine(self, emit: Callable[[], None]) -> Label:
        return self._subroutine(emit)  # t_ops: recorded once, shared by functions

    def _ic_find(self, found: Label) -> None:
        """x2 = the receiver's header; branch to ``found`` with x3 at the entry of that
        shape (x4, x5 its words 0 and 1; word 0 as it is or tagged, :data:`IC_HELD`),
        else return NE. The first entry is tested alone; the other three in one block
        (their shapes loaded, the match chosen by ``csel``): a loop over them was two
        blocks an entry. x6, x8, x9 clobbered."""
        m = self.m
        m.ldr(x2, mem(x1, 0))
        m.orr(x6, x2, IC_HELD)
        m.ldp(x4, x5, mem(x3, 0))
        m.cmp(x2, x4)
        m.ccmp(x6, x4, 0b0100, NE)
        m.b_eq(found)
        m.mov(x8, x3)
        m.add(x3, x8, 8 * IC_ENTRY_WORDS)
        for k in range(2, IC_ENTRIES):
            m.ldr(x4, mem(x8, 8 * IC_ENTRY_WORDS * k))
            m.add(x9, x8, 8 * IC_ENTRY_WORDS * k)
            m.cmp(x2, x4)
            m.ccmp(x6, x4, 0b0100, NE)
            m.csel(x3, x9, x3, EQ)
        m.ldp(x4, x5, mem(x3, 0))
        m.cmp(x2, x4)
        m.ccmp(x6, x4, 0b0100, NE)
        m.b_eq(found)
        m.ret()                       # NE from the compare

    def _emit_get(self) -> None:
        """The get subroutine (x1 the receiver's cell, x3 the cache cell): flags EQ, x0
        the value and x5 the entry's word 1 (its getter flag) on a hit, else NE; x1-x9
        clobbered. The holder (the receiver, or P1 its prototype) and its shape test
        without a branch, then the value (in the cell or its slot vector, undefined
        for an absent key) without one: a hit on the receiver or P1 is two blocks past
        the entry's, where each test was a branch (7-8 blocks); P2 and longer chains
        out of that line."""
        m = self.m
        found, load, ne, more, chain, walk = (m.label(), m.label(), m.label(), m.label(),
                                              m.label(), m.label())
        self._ic_find(found)
        m.bind(found)                 # x5 = word 1
        m.ldp(x6, x7, mem(x3, 16))
        m.ldr(x0, mem(x2, ShapeCell.PROTO))
        m.and_(x0, x0, ADDR_MASK)
        m.cmp(x6, 0)
        m.csel(x0, x0, x1, NE)        # P1 (word 2 its shape), else the receiver
        m.csel(x6, x6, x2, NE)        # the shape it must have
        m.ldr(x4, mem(x0, 0))
        m.cmp(x4, x6)
        m.ccmp(x7, 0, 0b0000, EQ)
        m.b_ne(more)                  # another shape, or a holder past P1
        m.bind(load)                  # x0 = the holder's cell
        m.ldr(x9, mem(x0, CELL_OOB))
        m.tst(x5, 1)
        m.csel(x9, x9, x0, NE)        # an out-of-line slot: in the slot vector
        m.and_(x6, x5, ~7 & 0xFFFF_FFFF_FFFF_FFFF)
        m.ldr(x0, mem(x9, x6))        # (absent: offset 0, the header, not used)
        m.tst(x5, IC_ABSENT)
        m.mov(x4, UNDEFINED_WORD)
        m.csel(x0, x4, x0, NE)        # no cell on the chain holds the key: undefined
        m.cmp(x0, x0)                 # EQ (x5 keeps the getter flag)
        m.ret()
        m.bind(more)
        m.cmp(x4, x6)
        m.b_ne(ne)
        m.tbnz(x7, 0, chain)
        m.ldr(x0, mem(x4, ShapeCell.PROTO))   # P2: P1's prototype (P1's shape in x4)
        m.and_(x0, x0, ADDR_MASK)
        m.ldr(x4, mem(x0, 0))
        m.cmp(x4, x7)
        m.b_eq(load)
        m.ret()                       # NE
        m.bind(chain)                 # P2, P3 ...: a zero-ended list (word 3 - 1)
        m.sub(x8, x7, 1)
        m.bind(walk)
        m.ldr(x7, post(x8, 8))
        m.cbz(x7, load)
        m.ldr(x0, mem(x4, ShapeCell.PROTO))
        m.and_(x0, x0, ADDR_MASK)
        m.ldr(x4, mem(x0, 0))
        m.cmp(x4, x7)
        m.b_eq(walk)
        m.bind(ne)
        m.ret()                       # NE

    def _get_sub(self) -> Label:
        if self._sub_get is None:
            self._sub_get = self._ic_subroutine(self._emit_get)
        return self._sub_get

    def _set_sub(self) -> Label:
        if self._sub_set is None:
            def emit() -> None:
                m = self.m
                found, store, oob, ostore, miss = (m.label(), m.label(), m.label(),
                                                   m.label(), m.label())
                grow, shaped = m.label(), m.label()
                self._ic_find(found)
                m.bind(found)
                m.ldr(x6, mem(x3, 16))
                m.tbnz(x5, 0, oob)
                m.cbz(x6, store)
                m.str(x6, mem(x1, 0))  # the transition: the new shape
                m.bind(store)
                m.str(x0, mem(x1, x5))
                m.ret()                # EQ from the shape compare
                m.bind(oob)            # an out-of-line slot, in the slot vector
                m.ldr(x7, mem(x1, CELL_OOB))
                m.sub(x5, x5, 1)
                m.cbz(x6, ostore)      # an existing key: its vector holds the slot
                m.mov(x8, 0)
                m.cbz(x7, grow)        # adding one: into the vector if it has room
                m.ldr(x8, mem(x7, VECTOR_LENGTH))
                m.add(x2, x8, VECTOR_DATA >> 3)
                m.cmp(x5, x2, lsl(3))
                m.b_hs(grow)
                m.bind(shaped)
                m.str(x6, mem(x1, 0))
                m.bind(ostore)
                m.str(x0, mem(x7, x5))
                m.cmp(x0, x0)          # EQ
                m.ret()
                self._emit_grow(grow, shaped, miss)
                m.bind(miss)
                m.cmp(x30, 0)          # NE
                m.ret()
            self._sub_set = self._ic_subroutine(emit)
        return self._sub_set

    def _emit_grow(self, grow: Label, shaped: Label, miss: Label) -> None:
        """The set subroutine's ``grow``: a transition adds the first key past the
        vector's last slot (x7 the vector or 0, x8 its length, x5 the slot's byte
        offset in it, which must be the first one past the end): a new vector of
        max(4, 2 * length) slots bumped in line (``Heap.put``'s size), the old slots
        copied, the rest holes, its address into the cell, then ``shaped`` (x7 the new
        vector). A full space (the generic path collects) or any other slot: ``miss``."""
        m = self.m
        copy, fill, filled = m.label(), m.label(), m.label()
        m.bind(grow)
        m.add(x2, x8, VECTOR_DATA >> 3)
        m.cmp(x5, x2, lsl(3))
        m.b_ne(miss)                  # not the next slot: not a transition Heap.put made
        m.lsl(x2, x8, 1)
        m.cmp(x2, 4)
        m.mov(x4, 4)
        m.csel(x2, x2, x4, HS)        # the new length: max(4, 2 * length)
        m.ldr(x3, mem(CTX, Ctx.HEAP_TOP))
        m.ldr(x9, mem(CTX, Ctx.HEAP_LIMIT))
        m.add(x4, x3, x2, lsl(3))
        m.add(x4, x4, VECTOR_DATA)    # its end
        m.cmp(x4, x9)
        m.b_hi(miss)                  # no room: the generic path collects
        m.str(x4, mem(CTX, Ctx.HEAP_TOP))
        m.ldr(x9, mem(CTX, Ctx.SHAPE_VECTOR))
        m.stp(x9, x2, mem(x3, 0))     # header, length
        m.add(x2, x3, VECTOR_DATA)    # the next slot to write
        m.cbz(x8, fill)
        m.add(x7, x7, VECTOR_DATA)
        m.bind(copy)                  # the old slots
        m.ldr(x9, post(x7, 8))
        m.str(x9, post(x2, 8))
        m.subs(x8, x8, 1)
        m.b_ne(copy)
        m.bind(fill)                  # the rest: holes, as Heap._alloc_vector
        m.mov(x9, HOLE_WORD)
        loop = m.label()
        m.bind(loop)
        m.cmp(x2, x4)
        m.b_eq(filled)
        m.str(x9, post(x2, 8))
        m.b(loop)
        m.bind(filled)
        m.str(x3, mem(x1, CELL_OOB))  # a raw address, as the heap stores it
        m.mov(x7, x3)
        m.b(shaped)

    # -- templates -----------------------------------------------------------------------

    def _getter_sub(self) -> Label:
        """The subroutine behind every GetProp's hit on an accessor pair (x0; x5 has
        ``IC_GETTER``): calls its getter directly with ``this`` = x9 and returns x0 =
        the result. A getter that cannot be called directly (a built-in, not compiled
        yet, none) leaves through the guard stub with x1 = ``pc << 8 | R_PROP`` (the
        cache miss's generic path), the word the site puts after its ``bl`` (the
        subroutine reads it at x30 and returns past it: a word stored, where a ``mov``
        of each site's new value was a constant to plan); an exception the getter
        left with, through the guard stub with reason ``R_PENDING`` at that pc. One per
        function, with its own copies of the check and push subroutines, so its words
        are the same in every function and recorded once (t_ops._subroutine): a
        GetProp's getter path is four instructions in line, where it was ~15 out of
        line at every site (~40% of GetProp's compile work)."""
        if self._sub_getter is None:
            self._sub_getter = self._subroutine(self._emit_getter)
        return self._sub_getter

    def _emit_getter(self) -> None:
        from .compiler import R_PENDING  # (compiler imports this module)

        m = self.m
        check, push, miss, exc = m.label(), m.label(), m.label(), m.label()
        m.ldr(w12, mem(x30, 0))           # the word after the site's bl
        m.add(x30, x30, 4)                # return past it
        m.stp(x29, x30, pre(sp, -32))
        m.str(x12, mem(sp, 16))           # pc << 8 | R_PROP (the callee clobbers x12)
        m.and_(x1, x0, ADDR_MASK)
        m.ldr(x1, mem(x1, ARRAY_ELEMENTS))
        m.ldr(x0, mem(x1, VECTOR_DATA))   # element 0: the getter
        m.bl(check)                       # (x9, this, kept)
        m.b_ne(miss)
        m.add(x10, FP, 0)                 # no arguments
        m.mov(x11, 0)
        m.bl(push)
        m.ldr(x12, mem(sp, 16))
        m.ldp(x29, x30, post(sp, 32))
        m.cbnz(x0, exc)
        m.ldr(x0, mem(x1, 0))             # the result: the popped frame's slot 0
        m.ret()
        m.bind(miss)
        m.ldr(x1, mem(sp, 16))
        m.ldp(x29, x30, post(sp, 32))
        m.br(GUARD)                       # the guard stub: x1 = pc << 8 | R_PROP
        m.bind(exc)
        m.and_(x1, x12, ~0xFF & 0xFFFF_FFFF_FFFF_FFFF)
        m.orr(x1, x1, R_PENDING)
        m.br(GUARD)                       # dispatch the exception at pc
        m.bind(check)
        self._emit_check(False)
        m.bind(push)
        self._emit_push()

    def t_GetProp(self, pc: int, a: int, b: int, k: int, fb: int) -> bool:
        """``a = b.key`` through the cache cell; ``length`` of an array or a string in
        line first (their length word is at the same offset)."""
        key = self.code.consts[k]
        if type(key) is not str:
            return False
        if self.forced_guard(pc):
            return True
        m = self.m
        cell = self._ic_cell(pc)
        miss = self.guard(pc, R_PROP)
        _RECEIVER.emit(m, b)
        m.cbnz(x2, miss)                  # (emit_untag_ref's branch)
        other = m.label()
        offset = cell - self.block_address
        if key == "length" and offset < 0x1000 and a < SLOT_LIMIT:
            def after(m: MacroAssembler) -> None:
                _GET_FIRST.emit(m, offset)
                m.b_ne(other)             # (see _emit_first_entry)
                _GET_OWN.emit(m, a)
            _LENGTH.emit(m, after)
            end = m.offset - 4
        else:
            end = self._get_inline(key, a, offset, other)

        def slow() -> None:
            done = m.label_at(end)
            m.bind(other)                 # the first entry's holder the prototype, else
            if self.call_table and b < SLOT_LIMIT:  # the other entries, chains, absent
                # keys: the prototype's test, its b.ne to ``sub`` at a fixed offset (the
                # five words at ``got`` between), the held load: one emit_words
                words = _OTHER or _other_words()
                bne = m.offset + 4 * _OTHER_BNE
                m.emit_words(words)
                got = m.label_at(m.offset)  # x0 the value, x5 the entry's word 1
                m.tbz(x5, 2, done)        # not an accessor pair: x0 is the value
                m.emit(_this_word() | b << SLOT_SHIFT)
                m.bl(self._sub_getter or self._getter_sub())
                m.emit(pc << 8 | R_PROP)  # data: the subroutine reads it, returns past it
                m.b(done)
                if m.offset != bne + 4 + 4 * _OTHER_SUB:  # (never so far: a pool between)
                    m.replace_word(bne, with_branch_offset(words[_OTHER_BNE],
                                                           m.offset - bne))
                m.bl(self._sub_get or self._get_sub())
                m.b_ne(miss)
                m.b(got)
                return
            sub, got = m.label(), m.label()
            _GET_PROTO.emit(m)
            m.b_ne(sub)
            _GET_HELD.emit(m)
            m.bind(got)                   # x0 the value, x5 the entry's word 1
            if self.call_table:
                # (also while the realm has no accessor yet: code compiled before the
                # first one that took the generic path at its getter hits missed at
                # every access, tests/js/test_jit_alloc.py's methods: 838 GetProp steps
                # against 560)
                m.tbz(x5, 2, done)        # not an accessor pair: x0 is the value
                if b < SLOT_LIMIT:        # this
                    m.emit(_this_word() | b << SLOT_SHIFT)
                else:
                    m.ldr(x9, _slot(b))
                m.bl(self._sub_getter or self._getter_sub())
                m.emit(pc << 8 | R_PROP)  # data: the subroutine reads it, returns past it
            else:
                # no direct calls (a compiler without the JIT's call table): a getter
                # hit is the generic path
                m.tst(x5, IC_GETTER)
                m.b_ne(miss)
            m.b(done)
            m.bind(sub)
            m.bl(self._sub_get or self._get_sub())
            m.b_ne(miss)
            m.b(got)

        self.later(slow)
        return True

    def _get_inline(self, key: str, a: int, offset: int, other: Label) -> int:
        """GetProp's in-line words after the receiver's test (but a ``length`` run's):
        ``length`` tested first, then the first entry, ``other`` the branch out of
        line; the offset of the store into slot ``a``, where its paths join."""
        m = self.m
        done = _emit_length_test(m) if key == "length" else None
        emit_cell_run(m, _GET_FIRST, offset)
        m.b_ne(other)                     # (see _emit_first_entry)
        # an own data slot, inline or (flag bit 0) in the slot vector: no branch
        end = m.offset + 20               # (the store into slot a: where paths join)
        _GET_OWN.emit(m, a)
        if done is not None:
            m.bind_at(done, end)
        return end

    def t_GetGlobal(self, pc: int, a: int, k: int) -> bool:
        """A global variable: an own data property of the global object, which the
        context block's root word ``ROOT_GLOBAL`` holds (the collector updates it),
        through this site's cache cell; a name the global object lacks (a
        ReferenceError) and every miss take the generic path."""
        if type(self.code.consts[k]) is not str:
            return False
        if self.forced_guard(pc):
            return True
        R.heap.set_root(ROOT_GLOBAL, R.global_obj.word)
        m = self.m
        cell = self._ic_cell(pc)
        miss = self.guard(pc, R_PROP)
        emit_cell_run(m, _GLOBAL, cell - self.block_address)
        m.bl(self._sub_get or self._get_sub())
        m.b_ne(miss)
        m.str(x0, _slot(a))
        return True

    def t_InstanceOf(self, pc: int, a: int, b: int, c: int) -> bool:
        """``b instanceof c`` for a function ``c``: its ``prototype`` through this
        site's cache cell, then ``b``'s prototype chain walked in code (prototype words
        of the shape cells) until that prototype or null; a primitive ``b`` is false.
        A ``c`` whose cache misses (not a function, no cached prototype) goes generic."""
        if self.forced_guard(pc):
            return True
        m = self.m
        cell = self._ic_cell(pc)
        miss = self.guard(pc, R_PROP)
        false, true, loop, done = m.label(), m.label(), m.label(), m.label()
        m.ldr(x0, _slot(c))
        emit_untag_ref(m, x0, x1, x2, miss)
        m.ldr(x2, mem(x1, 0))
        m.ldr(x2, mem(x2, ShapeCell.KIND))
        m.cmp(x2, KIND_CLOSURE)
        m.b_ne(miss)
        self._cell_to(x3, cell)
        m.bl(self._sub_get or self._get_sub())             # x0 = c.prototype
        m.b_ne(miss)
        m.mov(x7, x0)
        # a prototype that is not an object (undefined for an arrow, a number, a
        # string) is the generic path's TypeError
        m.lsr(x3, x0, 48)
        cmp_wide(m, x3, TAG_REF)
        m.b_ne(miss)
        m.and_(x1, x0, ADDR_MASK)
        m.ldr(x2, mem(x1, 0))
        m.ldr(x3, mem(CTX, Ctx.SHAPE_STRING))
        m.cmp(x2, x3)
        m.b_eq(miss)
        m.ldr(x0, _slot(b))
        emit_untag_ref(m, x0, x1, x2, false)
        m.ldr(x2, mem(x1, 0))             # b's shape cell
        m.ldr(x3, mem(CTX, Ctx.SHAPE_STRING))
        m.cmp(x2, x3)
        m.b_eq(false)                     # a string is a primitive
        m.bind(loop)
        m.ldr(x0, mem(x2, ShapeCell.PROTO))
        m.cmp(x0, x7)
        m.b_eq(true)
        m.lsr(x3, x0, 48)
        cmp_wide(m, x3, TAG_REF)
        m.b_ne(false)                     # null: the end of the chain
        m.and_(x1, x0, ADDR_MASK)
        m.ldr(x2, mem(x1, 0))
        m.b(loop)
        m.bind(true)
        m.mov(x0, TRUE_WORD)
        m.b(done)
        m.bind(false)
        m.mov(x0, TRUE_WORD - 1)          # false
        m.bind(done)
        m.str(x0, _slot(a))
        return True

    def _store(self, pc: int, a: int, k: int, c: int) -> bool:
        if type(self.code.consts[k]) is not str:
            return False
        if self.forced_guard(pc):
            return True
        m = self.m
        cell = self._ic_cell(pc)
        miss = self.guard(pc, R_PROP)
        _RECEIVER.emit(m, a)
        m.cbnz(x2, miss)                  # (emit_untag_ref's branch)
        # the first entry in line when it is the receiver's shape and no key is added
        # into the slot vector (which may have to grow: the subroutine), one branch
        emit_cell_run(m, _STORE_FIRST, c, cell - self.block_address)
        other = m.label()
        m.b_ne(other)
        _STORE_HIT.emit(m)
        done = m.offset

        def slow() -> None:
            m.bind(other)                 # the other entries, out-of-line slots
            m.bl(self._sub_set or self._set_sub())
            m.b_ne(miss)
            m.b(m.label_at(done))

        self.later(slow)
        return True

    def t_SetProp(self, pc: int, a: int, k: int, c: int, fb: int) -> bool:
        """``a.key = c`` through the cache cell (an existing own data slot, or adding
        the key where no setter can intercept: a shape transition)."""
        return self._store(pc, a, k, c)

    def t_DefineField(self, pc: int, a: int, k: int, c: int) -> bool:
        """An object literal's or a class's own property ``a.key = c`` (no setters)."""
        return self._store(pc, a, k, c)

    def t_DefineMethod(self, pc: int, a: int, b: int, c: int) -> bool:
        """A method of an object literal or a class, ``a[b] = c`` with ``c``'s home
        object set to ``a``: when slot ``b`` holds the very string constant that
        :func:`method_key` finds loaded into it, a store through the cache cell as
        DefineField's (the interpreter defines both with ``Heap.put``), then the home
        word of a closure ``c``; another key (computed) takes the generic path."""
        k = method_key(self.code, pc)
        if k is None:
            return False
        if self.forced_guard(pc):
            return True
        m = self.m
        cell = self._ic_cell(pc)
        miss = self.guard(pc, R_PROP)
        other, done = m.label(), m.label()
        _METHOD_KEY.emit(m, b, self.code.kbase + k)
        m.b_ne(other)                     # not that constant: the generic path
        _RECEIVER.emit(m, a)
        m.cbnz(x2, miss)                  # (emit_untag_ref's branch)
        emit_cell_run(m, _VALUE_CELL, c, cell - self.block_address)
        m.bl(self._sub_set or self._set_sub())
        m.b_ne(miss)
        _RECEIVER.emit(m, c)              # the home object of a closure
        m.cbnz(x2, done)
        _IS_CLOSURE.emit(m)
        m.b_ne(done)
        _SET_HOME.emit(m, a)
        m.b(done)
        m.bind(other)
        self.generic(pc)
        m.bind(done)
        return True


# -- the runtime's side: filling cells on a miss --------------------------------------------

def method_key(code: Code, pc: int) -> int | None:
    """The constant index of the string key a ``DefineMethod`` at ``pc`` defines: the
    ``LoadK`` into its key register among the two instructions before it (the
    compiler emits ``LoadK`` and ``Closure`` there, in either order); None when there
    is none (a computed key). The template compares the slot's word with the
    constant's at run time, so this only picks what to compare with."""
    ins = code.insns[pc]
    for j in range(pc - 1, max(pc - 3, -1), -1):
        prev = code.insns[j]
        if prev[0] == _LOAD_K and prev[1] == ins[2]:
            k = prev[2]
            return k if type(code.consts[k]) is str else None
        if prev[0] != _CLOSURE or prev[1] == ins[2]:
            return None
    return None


def store_key(code: Code, pc: int) -> str:
    """The key of the store at ``pc`` (SetProp, DefineField, or DefineMethod with a
    constant key: :func:`method_key`) whose cache cell missed."""
    ins = code.insns[pc]
    if ins[0] == _DEFINE_METHOD:
        k = method_key(code, pc)
        assert k is not None  # a template was made for it
        return str(code.consts[k])
    return str(code.consts[ins[2]])


def _inline(s: Shape, key: str) -> int | None:
    """Entry word 1 for data key ``key`` of shape ``s`` (None: absent): the byte offset
    of its inline slot in the cell, or of its out-of-line slot in the slot vector plus
    1 (the flag bit; only for cells whose vector pointer is at ``CELL_OOB``)."""
    i = s.keys.get(key)
    if i is None:
        return None
    if i < s.capacity:
        return s.slot_offset + 8 * i
    if s.kind not in (KIND_OBJECT, KIND_CLOSURE) or getattr(s, "oob", 1) != CELL_OOB >> 3:
        return None
    return VECTOR_DATA + 8 * (i - s.capacity) + 1


def fill_get(heap: Any, shape_at: Callable[[int], Shape | None], w: int,
             key: str, getters: bool = True) -> tuple[int, ...] | None:
    """The GetProp entry for receiver word ``w`` and ``key`` (None: not cacheable).
    ``shape_at(word)`` is the shape of a reference word's cell. Mirrors what the
    generic lookup does: own data slot, else the first prototype (or the second) that
    holds ``key`` as data (up to ``IC_MAX_CHAIN`` prototypes up), with nothing in
    between holding ``key`` or its accessor;
    or (``getters``) the receiver or the prototype that holds ``key`` as an accessor,
    whose getter the code calls."""
    if w >> TAG_SHIFT != TAG_REF:
        return None
    s = shape_at(w)
    if s is None:
        return None
    if s.kind in (KIND_OBJECT, KIND_CLOSURE):
        off = _inline(s, key)
        if off is not None:
            return (s.address, off, 0, 0)
    elif s.kind in (KIND_ARRAY, KIND_STRING):
        if key == "length" or key.isdigit():
            return None  # virtual properties
    else:
        return None
    if getters and not s.dict and s.kind in (KIND_OBJECT, KIND_CLOSURE) \
            and _ACC + key in s.keys and key not in s.keys:
        # an own accessor (a literal's getter): the receiver is the holder
        off = _inline(s, _ACC + key)
        return None if off is None else (s.address, off | IC_GETTER, 0, 0)
    if key in s.keys or _ACC + key in s.keys:
        return None
    if s.kind == KIND_CLOSURE and key in CLOSURE_OWN_KEYS:
        return None  # (a function's own, never a prototype's: core._get_prop)
    holders: list[int] = []
    p = heap.shape_proto(s)
    while True:
        if p == NULL_WORD and holders and s.kind != KIND_CLOSURE:
            # absent all along the chain: undefined (the last holder's shape fixes
            # that its prototype is null; a closure has virtual name, length ...);
            # a private name's absence is a TypeError (get_prop's brand check)
            if key.startswith(PRIVATE):
                return None
            return _get_entry(s.address, IC_ABSENT, holders)
        if p >> TAG_SHIFT != TAG_REF or len(holders) == IC_MAX_CHAIN:
            return None
        ps = shape_at(p)
        if ps is None or ps.kind not in (KIND_OBJECT, KIND_CLOSURE):
            return None
        holders.append(ps.address)
        if _ACC + key in ps.keys:
            # a getter (with or without a setter): word 1 flags the accessor pair's slot
            off = _inline(ps, _ACC + key)
            if off is None or not getters:
                return None
            return _get_entry(s.address, off | IC_GETTER, holders)
        if key in ps.keys:
            off = _inline(ps, key)
            if off is None:
                return None
            return _get_entry(s.address, off, holders)
        p = heap.shape_proto(ps)


def _get_entry(shape: int, off: int, holders: list[int]) -> tuple[int, ...]:
    """A GetProp entry through ``holders`` (the prototypes' shapes, first to holder):
    four words, or with more than two holders the receiver shape, the offset and every
    holder (:func:`put_entry` keeps the ones past the first in a list)."""
    shape |= IC_HELD
    if len(holders) <= 2:
        return (shape, off, holders[0], holders[1] if len(holders) > 1 else 0)
    return (shape, off, *holders)


def fill_set(s: Shape | None, after: Shape | None,
             key: str) -> tuple[int, int, int, int] | None:
    """The store entry from the receiver's shape before (``s``) and after (``after``)
    the generic store of ``key`` (None: not cacheable): an existing data slot, or the
    transition the store took when it added ``key`` (into an out-of-line slot, the code
    grows a full vector itself)."""
    if s is None or after is None or s.kind not in (KIND_OBJECT, KIND_CLOSURE):
        return None
    if after is s:
        off = _inline(s, key)
        return None if off is None else (s.address, off, 0, 0)
    if s.kind == KIND_OBJECT and s.transitions.get(key) is after and key not in s.keys:
        off = _inline(after, key)
        if off is not None and after.keys[key] == len(s.keys):
            return (s.address, off, after.address, 0)
    return None


def put_entry(cell: Any, entry: tuple[int, ...], arena: Any = None) -> int:
    """Write ``entry`` into the cache cell ``cell`` (``IC_WORDS`` words): over the
    entry of the same receiver shape, else into the first empty one, else (all four
    taken: a megamorphic site) over the first, the others cleared. Returns the entry's
    index (-1: not written). An entry through more than two prototypes keeps the
    holders past the first in a zero-ended list from ``arena`` (a ``DataArena``; one
    list per chain, kept as long as the arena), word 3 its address + 1; without an
    arena it is not written."""
    if len(entry) > 4:
        if arena is None:
            return -1
        chains: dict[tuple[int, ...], int] | None = getattr(arena, "ic_chains", None)
        if chains is None:
            chains = {}
            arena.ic_chains = chains
        rest = entry[3:]
        at_list = chains.get(rest)
        if at_list is None:
            at_list, words = arena.alloc(8 * (len(rest) + 1))
            for j, h in enumerate(rest):
                words[j] = h
            words[len(rest)] = 0
            chains[rest] = at_list
        entry = (entry[0], entry[1], entry[2], at_list + 1)
    shape = entry[0]
    at = -1
    for j in range(IC_ENTRIES):
        w = int(cell[j * IC_ENTRY_WORDS])
        if w == shape:
            at = j
            break
        if w == 0 and at < 0:
            at = j
    if at < 0:
        for j in range(IC_WORDS):
            cell[j] = 0
        at = 0
    base = at * IC_ENTRY_WORDS
    cell[base] = 0
    for j in (1, 2, 3):
        cell[base + j] = entry[j]
    cell[base] = shape
    return at


__all__ = ["ROOT_GLOBAL", "IC_BYTES", "IC_ENTRIES", "IC_ENTRY_WORDS", "IC_MAX_CHAIN",
           "IC_OPCODES", "IC_WORDS",
           "PropTemplates", "fill_get", "fill_set", "method_key", "put_entry", "store_key"]
