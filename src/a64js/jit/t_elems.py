"""Templates of the baseline JIT for element access: ``a[i]``, ``a[i] = v``, ``o[key]``,
``o[key] = v`` and ``key in o`` (a mixin of :class:`~a64js.jit.compiler.FunctionCompiler`;
see :mod:`a64js.jit.t_ops` for the conventions).

*An int32 index on an array* is done in line: an element in bounds is loaded (a hole
reads as undefined, as the heap interpreter's ``array_get`` does), any other int32 index
reads undefined (arrays are dense and have no indexed prototype properties in this VM);
a store in bounds writes the element, a store at ``length`` with room in the elements
vector appends (length + 1). *An int32 index on a string* reads its UTF-16 unit as a new
one-unit string bumped in line (past the end: undefined; a full space: the generic path,
which collects). Anything else (growing an array, an int32 index on an object ...) is a
guard failure, reason "element miss", done generically.

*A string key* goes through the site's *keyed cache*: a word in data memory that holds 0
until the first string key misses, then the address of a table the runtime allocates
(:func:`keyed_table`) of ``KEYED_SETS`` sets of ``KEYED_WAYS`` entries, each
``KEYED_ENTRY_WORDS`` words:

=====  ===============================================================================
word   meaning
=====  ===============================================================================
0      the receiver's shape address (0: empty)
1      the key's length in UTF-16 units (at most ``KEYED_MAX_UNITS``)
2      where the value is: an own inline slot's byte offset; an out-of-line slot's byte
       offset in the slot vector plus 1; or a SetElem's transition (``KEYED_TRANS``)
3-7    the key's units, zero-padded (strings' units are zero-padded in their cells too)
=====  ===============================================================================

The set is chosen by a hash of the key's length and first four units
(:func:`keyed_set`, computed alike in code and here); a hit compares the shape, the
length and every unit word, so the key is the same string. A shape fixes its cells'
keys and slot places, and shapes never move nor change, so an entry stays valid; it
holds no heap reference, so collections need not know about it. Entries are own data
properties only (what ``get_prop``/``set_prop``/``has_prop`` of an own data key do; no
accessors, no prototype lookups). A miss branches to the guard stub with reason "keyed
cache miss": the runtime does the instruction generically and fills an entry
(:func:`keyed_entry`, :func:`keyed_put`); such misses never count towards leaving a
function to the interpreter (a megamorphic site simply keeps missing).

*A dictionary-mode object* (its shape cell's ``ShapeCell.DICT`` word is 1) is looked up
in its own hash table, which lives in the heap (heap.py, "dictionary mode"): the code
hashes the key's unit words (``heap.dict_hash``), probes the index from ``hash >> (64 -
bits)`` and compares an entry's tag, then the pair's key (the same cell, or the same
length and unit words), with no site table and no host call. A key it lacks (a read
going on to the prototypes, a store adding a pair, ``in`` of an inherited key) is the
whole instruction in one host call of :func:`dict_access` instead of the guard's.
"""

from __future__ import annotations

import array
import struct
from collections.abc import Callable, Iterable
from typing import Any

from a64jit import (
    EQ,
    HI,
    LS,
    NE,
    Label,
    MacroAssembler,
    lsl,
    lsr,
    mem,
    post,
    uxtw,
    w1,
    w5,
    w8,
    w9,
    w15,
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
    x15,
    x30,
)

from ..bytecode import OP, Code
from ..heap import (
    ARRAY_CAPACITY,
    ARRAY_ELEMENTS,
    ARRAY_LENGTH,
    CELL_OOB,
    DICT_BITS,
    DICT_HASH_MUL,
    DICT_INDEX,
    DICT_LIVE,
    DICT_USED,
    KIND_CLOSURE,
    KIND_OBJECT,
    STRING_DATA,
    STRING_LENGTH,
    VECTOR_DATA,
    Ctx,
    Shape,
    ShapeCell,
)
from ..heapcode import emit_cell_of, emit_untag
from ..hvm import core
from ..hvm.interp import has_prop
from ..words import (
    ADDR_MASK,
    FALSE_WORD,
    HOLE_WORD,
    NULL_WORD,
    REF_BASE,
    TAG_REF,
    TAG_SHIFT,
    TRUE_WORD,
    UNDEFINED_WORD,
)
from .hostcalls import emit_helper_call, helper
from .reasons import R_ELEM, R_KEYED
from .regs import CID, CID_WORD, CTX, FP, INTB, INTHI
from .regs import slot as _slot
from .runs import Run

#: Sets per keyed table (a power of two), entries per set, words per entry.
KEYED_SETS = 64
KEYED_WAYS = 4
KEYED_ENTRY_WORDS = 8
KEYED_TABLE_WORDS = KEYED_SETS * KEYED_WAYS * KEYED_ENTRY_WORDS
#: Words of a keyed table: its entries, then one spare word (zero; tables are a whole
#: number of words the runtime allocates, :func:`keyed_table`).
KEYED_TABLE_ALLOC = KEYED_TABLE_WORDS + 1
#: Longest key an entry holds (5 words of units).
KEYED_MAX_UNITS = 20
#: Entry word 2 of a *transition* (``KEYED_TRANS``, SetElem sites only): ``shape <<
#: 16 | offset << 2 | 3``, the store adds the key in the inline slot at byte
#: ``offset`` of a cell whose shape becomes ``shape`` (as ``Heap.put`` does below 8
#: keys); valid while no setter exists anywhere (:func:`keyed_forget_transitions`).
KEYED_TRANS = 3
_TRANS_SHIFT = 16
_HASH_MUL = 0x9E37_79B9_7F4A_7C15
_MASK64 = (1 << 64) - 1
#: The opcodes with a keyed-cache word (one each, in the function's data block).
KEYED_OPCODES = _KEYED_OPS = frozenset({OP["GetElem"], OP["SetElem"], OP["In"]})
_GET_ELEM = OP["GetElem"]
_SET_ELEM = OP["SetElem"]
_IN = OP["In"]
_UNIT_WORDS = struct.Struct("<5Q")
#: Bits of a shape's *absent-key filter* (:func:`absent_fill`: two per key, from its
#: ``dict_hash >> 33``), bit 0 the filled mark; ``ABSENT_WORDS`` words a shape,
#: so a shape's filter is at ``(shape address - shape base) / 2`` in the block
#: (``ShapeCell.SIZE`` is 64 bytes).
ABSENT_BITS = 256
ABSENT_WORDS = ABSENT_BITS // 64
#: The largest byte offset an ``ldr`` of a word takes (unsigned, scaled by 8).
_LDR_REACH = 8 * 4095


def _emit_index(m: MacroAssembler, obj: int, key: int) -> None:
    """x0 = slot ``obj``, x1 = slot ``key``; flags EQ when the key is an int32."""
    m.ldr(x0, _slot(obj))
    m.ldr(x1, _slot(key))
    m.lsr(x2, x1, 32)
    m.cmp(x2.w, INTHI)


def _emit_store_index(m: MacroAssembler, obj: int, key: int, value: int) -> None:
    """x0 = slot ``obj``, x1 = slot ``key``, x2 = slot ``value``; flags EQ when the
    key is an int32."""
    m.ldr(x0, _slot(obj))
    m.ldr(x1, _slot(key))
    m.ldr(x2, _slot(value))
    m.lsr(x4, x1, 32)
    m.cmp(x4.w, INTHI)


def _emit_array_cell1(m: MacroAssembler) -> None:
    """ElemTemplates._array_cell1's test but its branch: x3 = the cell of x0; flags
    EQ when it is an array's (x4, x5 clobbered; x3 undefined otherwise): a word that
    is not a reference reads the context block's first word instead of a shape, and
    ``ccmp`` keeps its NE."""
    m.mov(x4, REF_BASE)
    m.sub(x3, x0, x4)
    m.lsr(x4, x3, 48)
    m.cmp(x4, 0)                      # EQ: a reference
    m.csel(x3, x3, CTX, EQ)
    m.ldr(x4, mem(x3, 0))
    m.ldr(x5, mem(CTX, Ctx.SHAPE_ARRAY))
    m.ccmp(x4, x5, 0b0000, EQ)        # EQ: an array's shape


def _emit_in_bounds(m: MacroAssembler) -> None:
    """Flags HI when the int32 index in w1 is below the length of the array in x3
    (unsigned: a negative index is past the end); x4 = the length."""
    m.ldr(x4, mem(x3, ARRAY_LENGTH))
    m.cmp(x4, w1, uxtw())


def _emit_element(m: MacroAssembler, dst: int) -> None:
    """GetElem's in-bounds element of the array in x3 at index w1 into slot ``dst``
    (a hole reads undefined)."""
    m.ldr(x3, mem(x3, ARRAY_ELEMENTS))
    m.add(x3, x3, w1, uxtw(3))
    m.ldr(x2, mem(x3, VECTOR_DATA))
    m.mov(x4, HOLE_WORD)
    m.cmp(x2, x4)
    m.mov(x4, UNDEFINED_WORD)
    m.csel(x2, x4, x2, EQ)            # a hole reads undefined
    m.str(x2, _slot(dst))


def _emit_put(m: MacroAssembler) -> None:
    """SetElem's store of x2 into element w1 of the array in x3 (in bounds)."""
    m.ldr(x3, mem(x3, ARRAY_ELEMENTS))
    m.add(x3, x3, w1, uxtw(3))
    m.str(x2, mem(x3, VECTOR_DATA))


def _emit_string_cell(m: MacroAssembler) -> None:
    """After the untag of x0 into x3: flags EQ when that cell's header (x4) is the
    string shape (x5) (heapcode.emit_cell_of's test, SHAPE_STRING)."""
    m.ldr(x4, mem(x3, 0))
    m.ldr(x5, mem(CTX, Ctx.SHAPE_STRING))
    m.cmp(x4, x5)


def _emit_string_length(m: MacroAssembler) -> None:
    """The length of the string cell x3 against the index w1 (unsigned: LS past the
    end, or for a negative index)."""
    m.ldr(x4, mem(x3, STRING_LENGTH))
    m.cmp(x4, w1, uxtw())


def _emit_string_unit(m: MacroAssembler) -> None:
    """The unit at index w1 of the string in x3 into w5, and room for a one-unit
    string tested: flags HI when the heap has none (x6 = the heap's top, x8 the
    string's end)."""
    m.add(x3, x3, w1, uxtw(1))
    m.ldrh(w5, mem(x3, STRING_DATA))
    m.ldr(x6, mem(CTX, Ctx.HEAP_TOP))
    m.ldr(x7, mem(CTX, Ctx.HEAP_LIMIT))
    m.add(x8, x6, STRING_DATA + 8)
    m.cmp(x8, x7)


def _emit_one_unit(m: MacroAssembler) -> None:
    """After :func:`_emit_string_unit`: the one-unit string of w5 made at x6, x2 its
    word."""
    m.str(x8, mem(CTX, Ctx.HEAP_TOP))
    m.ldr(x7, mem(CTX, Ctx.SHAPE_STRING))
    m.mov(x4, 1)
    m.stp(x7, x4, mem(x6, 0))         # header, length 1
    m.str(x5, mem(x6, STRING_DATA))   # the unit, zero-padded
    m.mov(x4, REF_BASE)
    m.orr(x2, x6, x4)


def _emit_load_store(m: MacroAssembler, dst: int) -> None:
    """The keyed cache's value word (at x6) into slot ``dst``."""
    m.ldr(x2, mem(x6, 0))
    m.str(x2, _slot(dst))


#: (slot fields below 4096: one word each; past them the build itself is emitted)
_INDEX = Run("elem_index", _emit_index, 4096, 4096)
_STORE_INDEX = Run("elem_store_index", _emit_store_index, 4096, 4096, 4096)
_ARRAY_CELL1 = Run("array_cell1", _emit_array_cell1)
_IN_BOUNDS = Run("in_bounds", _emit_in_bounds)
_ELEMENT = Run("element", _emit_element, 4096)
_PUT = Run("put_element", _emit_put)
_UNTAG_X0 = Run("untag_x0_x3", lambda m: emit_untag(m, x0, x3, x4))
_STRING_CELL = Run("string_cell", _emit_string_cell)
_STRING_LENGTH = Run("string_length_w1", _emit_string_length)
_STRING_UNIT = Run("string_unit", _emit_string_unit)
_ONE_UNIT = Run("one_unit", _emit_one_unit)
_LOAD_STORE = Run("keyed_load_store", _emit_load_store, 4096)
_KEYED_WORD = Run("keyed_word", lambda m, at: m.ldr(x3, mem(CID, 8 * at)), 4096)
_PC_X12 = Run("pc_x12", lambda m, pc: m.mov(x12, pc), 0x10000)


class ElemTemplates:
    """GetElem / SetElem / In templates (a FunctionCompiler mixin)."""

    # provided by FunctionCompiler and the other mixins
    m: MacroAssembler
    code: Code
    arena: Any
    guard: Callable[[int, int], Label]
    forced_guard: Callable[[int], bool]
    generic: Callable[[int], None]
    _subroutine: Callable[[Callable[[], None]], Label]
    later: Callable[[Callable[[], None]], None]

    _sub_keyed: Label | None = None
    _sub_absent: Label | None = None
    _sub_dict_access: Label | None = None
    _sub_dict_add: Label | None = None
    #: pc -> [the site's keyed-cache word (a one-word view), None]: the runtime stores a
    #: table's address in the word and its words in the list at the first miss
    keyed_sites: dict[int, list[Any]] | None = None
    #: the function's data block (x23; compiler._data_block): its words, and the byte
    #: offsets of its next free keyed-cache word and of its end (None: no such block)
    block_words: Any = None
    keyed_offset: int | None = None
    keyed_end = 0

    # -- the keyed cache -------------------------------------------------------------------

    def _keyed_at(self, pc: int) -> int | None:
        """The byte offset in the function's data block (x23) of ``pc``'s keyed-cache
        word (zero: no table yet), one ``ldr`` away; None where the block has none
        left or it is out of an ``ldr``'s reach (then :meth:`_keyed_cell`)."""
        at = self.keyed_offset
        if at is None or at + 8 > self.keyed_end or at > _LDR_REACH:
            return None
        self.keyed_offset = at + 8
        if self.keyed_sites is None:
            self.keyed_sites = {}
        self.keyed_sites[pc] = [self.block_words[at >> 3:(at >> 3) + 1], None]
        return at

    def _keyed_cell(self, pc: int) -> int:
        """The address of ``pc``'s keyed-cache word (zero: no table yet)."""
        if self.keyed_sites is None:
            self.keyed_sites = {}
        arena = getattr(self, "arena", None)
        if arena is None:  # a compiler without the JIT's arena: a block of its own
            from a64jit import alloc_data
            block = alloc_data(16)
            self._keyed_blocks = [*getattr(self, "_keyed_blocks", []), block]
            address, view = int(block.address), memoryview(block).cast("Q")
        else:
            address, view = arena.alloc(8)
        self.keyed_sites[pc] = [view, None]
        return int(address)

    def _keyed_find(self) -> Label:
        """The lookup subroutine: x0 the receiver word, x1 the key word, x3 the site's
        table. A hit: flags EQ, x6 = the address of the value's word and x7 = 0, or for
        a transition entry (SetElem sites only) x7 = the shape the receiver takes (x4
        its cell) when the value is stored at x6. Else NE and
        x6 = 1 when the receiver is a dictionary object whose table lacks the key (for
        :func:`dict_access`), 0 for any other miss. x3 may be 0 (no table yet: only a
        dictionary object can hit). x0-x2 kept; x3-x15 clobbered."""
        if self._sub_keyed is None:
            self._sub_keyed = self._subroutine(self._emit_keyed_find)
        return self._sub_keyed

    def _emit_probe(self, sets: int, hit: Label, missed: Label) -> None:
        """Look for the key in a table (x3) of ``sets`` sets, x14 the key's hash
        product: to ``hit`` with x3 the entry, else to ``missed`` (x4 the receiver's
        cell, x5 the key's, x6 its length, x11 the receiver's header; x7-x10, x12,
        x13 clobbered)."""
        m = self.m
        way, cmp_loop, nxt = m.label(), m.label(), m.label()
        m.lsr(x8, x14, _set_shift(sets))
        m.mov(x9, 8 * KEYED_WAYS * KEYED_ENTRY_WORDS)
        m.madd(x3, x8, x9, x3)         # the set's first entry
        m.mov(x10, KEYED_WAYS)
        m.bind(way)
        m.ldp(x8, x9, mem(x3, 0))      # shape, length
        m.cmp(x8, x11)
        m.ccmp(x9, x6, 0b0000, EQ)
        m.b_ne(nxt)
        # a key of up to two words compared without a branch (an empty key's entry
        # word with itself: the key has none), a longer one word by word
        m.add(x8, x5, STRING_DATA)
        m.add(x9, x3, 24)
        m.cmp(x6, 0)
        m.csel(x8, x9, x8, EQ)
        m.ldr(x12, mem(x8, 0))
        m.ldr(x13, mem(x9, 0))
        m.eor(x12, x12, x13)
        m.cmp(x6, 4)                   # a second word: else word 0 again
        m.add(x7, x8, 8)
        m.csel(x8, x7, x8, HI)
        m.add(x7, x9, 8)
        m.csel(x9, x7, x9, HI)
        m.ldr(x8, mem(x8, 0))
        m.ldr(x9, mem(x9, 0))
        m.eor(x8, x8, x9)
        m.orr(x12, x12, x8)
        m.cmp(x6, 8)
        m.ccmp(x12, 0, 0b0000, LS)
        m.b_eq(hit)
        m.cmp(x6, 8)
        m.b_ls(nxt)
        m.add(x8, x6, 3)               # words of units to compare
        m.lsr(x8, x8, 2)
        m.add(x9, x5, STRING_DATA)
        m.add(x7, x3, 24)
        m.bind(cmp_loop)
        m.ldr(x12, post(x9, 8))
        m.ldr(x13, post(x7, 8))
        m.cmp(x12, x13)
        m.b_ne(nxt)
        m.subs(x8, x8, 1)
        m.b_ne(cmp_loop)
        m.b(hit)
        m.bind(nxt)
        m.add(x3, x3, 8 * KEYED_ENTRY_WORDS)
        m.subs(x10, x10, 1)
        m.b_ne(way)
        m.b(missed)

    def _emit_keyed_find(self) -> None:
        m = self.m
        ne, ne_dict, hashed, hit, oob, trans = (
            m.label(), m.label(), m.label(), m.label(), m.label(), m.label())
        rare, other = m.label(), m.label()
        m.mov(x7, REF_BASE)
        m.sub(x4, x0, x7)              # the receiver's cell
        m.sub(x5, x1, x7)              # the key's cell
        m.orr(x8, x4, x5)
        m.lsr(x8, x8, TAG_SHIFT)
        m.cbnz(x8, ne)                 # either is not a reference
        m.ldr(x8, mem(x5, 0))
        m.ldr(x9, mem(CTX, Ctx.SHAPE_STRING))
        m.ldr(x11, mem(x4, 0))         # the receiver's header
        m.ldr(x10, mem(x11, ShapeCell.DICT))
        m.cmp(x8, x9)
        m.ccmp(x10, 0, 0b0000, EQ)
        m.b_ne(other)                  # not a string key, or a dictionary object
        m.ldr(x6, mem(x5, STRING_LENGTH))
        m.cmp(x6, KEYED_MAX_UNITS)
        m.ccmp(x6, 0, 0b0100, LS)
        m.ccmp(x3, 0, 0b0100, NE)
        m.b_eq(rare)                   # no table yet, an empty key or a long one
        # x = first unit word ^ (last one ror 29) ^ length
        m.ldr(x7, mem(x5, STRING_DATA))
        m.sub(x9, x6, 1)
        m.lsr(x9, x9, 2)
        m.add(x9, x5, x9, lsl(3))
        m.ldr(x9, mem(x9, STRING_DATA))
        m.ror(x9, x9, 29)
        m.eor(x7, x7, x9)
        m.bind(hashed)                 # set = ((x ^ x >> 24) * K) >> shift
        m.eor(x8, x7, x6)
        m.eor(x8, x8, x8, lsr(24))     # units 2-3 into the low bits the product spreads
        m.mov(x9, _HASH_MUL)
        m.mul(x14, x8, x9)
        self._emit_probe(KEYED_SETS, hit, ne)
        m.bind(rare)
        m.cbz(x3, ne)                  # (the site has no table yet)
        m.cmp(x6, KEYED_MAX_UNITS)
        m.b_hi(ne)
        m.mov(x7, 0)                   # an empty key has no unit word to read
        m.b(hashed)
        m.bind(hit)
        m.ldr(x5, mem(x3, 16))         # where the value is
        m.mov(x7, 0)                   # (no shape to store)
        m.tbnz(x5, 1, trans)
        m.tbnz(x5, 0, oob)
        m.add(x6, x4, x5)
        m.cmp(x6, x6)                  # EQ
        m.ret()
        m.bind(oob)
        m.ldr(x6, mem(x4, CELL_OOB))
        m.add(x6, x6, x5)
        m.sub(x6, x6, 1)
        m.cmp(x6, x6)
        m.ret()
        m.bind(trans)                  # a SetElem adding the key: the shape after it
        m.lsr(x7, x5, _TRANS_SHIFT)
        m.ubfx(x5, x5, 2, _TRANS_SHIFT - 2)
        m.add(x6, x4, x5)
        m.cmp(x6, x6)
        m.ret()
        m.bind(other)
        m.cmp(x8, x9)
        m.b_ne(ne)                     # not a string key
        m.ldr(x6, mem(x5, STRING_LENGTH))
        # a dictionary object: its own table
        self._emit_dict_probe(ne_dict)
        m.bind(ne_dict)
        m.mov(x6, 1)
        m.cmp(x30, 0)                  # the return address is not 0: NE
        m.ret()
        m.bind(ne)
        m.mov(x6, 0)
        m.cmp(x30, 0)
        m.ret()

    def _emit_dict_probe(self, absent: Label) -> None:
        """The dictionary object's own table (heap.py, "dictionary mode"): x4 its cell,
        x5 the key's string cell, x6 the key's length. The key's hash
        (``heap.dict_hash``: over its unit words), then linear probing from entry
        ``hash >> (64 - bits)``: an entry whose tag is the hash's top 31 bits names a
        pair whose key is the same cell or has the same units. Found: returns EQ with
        x6 = the pair's value word's address, x7 = 0; else to ``absent`` with x8 = the
        empty index entry's address, x7 the tag, x3 the pairs, x13 the index's mask,
        x14 the index (for :meth:`_emit_dict_add`). x0-x2 kept."""
        m = self.m
        hl, hd, probe, nxt, cmp_loop, found, empty = (
            m.label(), m.label(), m.label(), m.label(), m.label(), m.label(), m.label())
        m.mov(x7, x6)                  # h = length
        m.add(x8, x6, 3)
        m.lsr(x8, x8, 2)               # unit words
        m.add(x9, x5, STRING_DATA)
        m.mov(x13, DICT_HASH_MUL)
        m.cbz(x8, hd)                  # (an empty key)
        m.bind(hl)
        m.ldr(x12, post(x9, 8))
        m.eor(x7, x7, x12)
        m.mul(x7, x7, x13)             # h = (h ^ u) * K
        m.subs(x8, x8, 1)
        m.b_ne(hl)
        m.bind(hd)
        m.ldr(x10, mem(x4, CELL_OOB))  # the dictionary vector
        m.ldr(w8, mem(x10, DICT_BITS))
        m.mov(x9, 64)
        m.sub(x9, x9, x8)
        m.lsr(x12, x7, x9)             # the first entry: h >> (64 - bits)
        m.mov(x13, 1)
        m.lsl(x13, x13, x8)
        m.add(x14, x10, DICT_INDEX)    # the index
        m.add(x3, x14, x13, lsl(3))    # the pairs, after it
        m.sub(x13, x13, 1)             # the index's mask
        m.lsr(x7, x7, 33)              # the tag
        m.bind(probe)
        m.ldr(x9, mem(x14, x12, lsl(3)))
        m.cbz(x9, empty)
        m.sub(w15, w9, 1)              # the pair number (a used entry's: in range)
        m.add(x15, x3, x15, lsl(4))
        m.ldr(x8, mem(x15, 0))         # its key, read before the tag's test: one block
        m.cmp(x7, x9, lsr(32))
        m.ccmp(x8, x1, 0b0000, EQ)
        m.b_eq(found)                  # the tag and the same cell
        m.cmp(x7, x9, lsr(32))
        m.b_ne(nxt)
        m.mov(x10, REF_BASE)
        m.sub(x8, x8, x10)
        m.lsr(x9, x8, TAG_SHIFT)
        m.cbnz(x9, nxt)                # a deleted pair's hole
        m.ldr(x9, mem(x8, STRING_LENGTH))
        m.cmp(x9, x6)
        m.b_ne(nxt)
        m.add(x9, x6, 3)
        m.lsr(x9, x9, 2)
        m.add(x8, x8, STRING_DATA)
        m.add(x10, x5, STRING_DATA)
        m.bind(cmp_loop)
        m.cbz(x9, found)
        m.ldr(x11, post(x8, 8))
        m.ldr(x4, post(x10, 8))
        m.sub(x9, x9, 1)
        m.cmp(x11, x4)
        m.b_eq(cmp_loop)
        m.bind(nxt)
        m.add(x12, x12, 1)
        m.and_(x12, x12, x13)
        m.b(probe)
        m.bind(found)
        m.add(x6, x15, 8)              # the pair's value word (EQ)
        m.mov(x7, 0)
        m.cmp(x6, x6)
        m.ret()
        m.bind(empty)                  # absent: x8 = the empty entry it would take
        m.add(x8, x14, x12, lsl(3))
        m.b(absent)

    def _keyed(self, pc: int, miss: Label, adds: bool = False,
               absent: Label | None = None) -> None:
        """x0 the receiver, x1 the key (x2 a SetElem's value): x6 = the value word's
        address, else ``miss``. A key a dictionary-mode receiver's table lacks is
        added in line by a SetElem (``adds``: :meth:`_emit_dict_add`, x6 its new value
        word) when it can; a GetElem's or In's goes to ``absent`` when the prototypes'
        filters prove no object on the chain has it (:meth:`_absent_walk`); else the
        whole instruction is one host call (:func:`dict_access`), which goes on at the
        code address it returns."""
        m = self.m
        found = m.label()
        at = self._keyed_at(pc)
        if at is not None:
            _KEYED_WORD.emit(m, at >> 3)  # (ldr x3, [x23, #at])
        else:  # (its address: movz/movk of a new value, a memo miss each)
            m.mov(x3, self._keyed_cell(pc))
            m.ldr(x3, mem(x3, 0))
        # (a dictionary object needs no table: x3 may be 0)
        m.bl(self._sub_keyed or self._keyed_find())
        m.b_eq(found)
        m.cbz(x6, miss)
        if absent is not None:
            m.bl(self._sub_absent or self._absent_walk())
            m.b_eq(absent)
        # the whole instruction in one host call (a shared subroutine, pc in x12: the
        # call at each site cost ~40 us of Python and ~12 words); it goes on at the
        # address the call returns. A SetElem's subroutine adds the key in line first
        # when it can, and then returns (x6 its new value word: on at ``found``).
        _PC_X12.emit(m, pc)
        if adds and not core.R.accessors:
            if self._sub_dict_add is None:
                self._sub_dict_add = self._subroutine(self._emit_dict_add_or_access)
            m.bl(self._sub_dict_add)
        else:
            if self._sub_dict_access is None:
                self._sub_dict_access = self._subroutine(self._emit_dict_access)
            m.bl(self._sub_dict_access)
        m.bind(found)

    def _emit_dict_access(self) -> None:
        """A subroutine that does not return: :func:`dict_access` of x0 (the object),
        x1 (the key), x2 (a SetElem's value) at pc x12, then on at the code address it
        returns."""
        m = self.m
        m.mov(x5, x12)                    # the pc
        m.ldr(x3, CID_WORD)               # the code id
        emit_helper_call(m, dict_access, [x0, x1, x2, x3, FP, x5], result=x0)
        m.br(x0)

    def _emit_dict_add_or_access(self) -> None:
        """A SetElem's subroutine after a dictionary object's table lacked the key (as
        :meth:`_emit_dict_add` leaves the registers; x12 the pc): the key added, then
        ``ret`` with x6 = its new value word, x7 = 0; else :meth:`_emit_dict_access`
        (no return)."""
        m = self.m
        added = m.label()
        self._emit_dict_add(added)
        self._emit_dict_access()
        m.bind(added)
        m.ret()

    def _absent_walk(self) -> Label:
        """The subroutine proving a key absent from a dictionary object's chain: x0 the
        receiver (a dictionary object whose own table lacks the key), x5 the key's
        string cell, x7 its tag (``dict_hash >> 33``, as :meth:`_emit_dict_probe` leaves
        it). EQ when the filter (:func:`absent_fill`) of the receiver's shape and of
        every prototype's shape, up to null, is filled and lacks one of the key's two
        bits: none of
        those objects has the key (nor an accessor of it, nor a built-in of that name
        the VM lacks); NE for anything else (a dictionary or non-object prototype, a
        filter not filled yet, both the key's bits set, a key starting with unit 0 or 1:
        the VM's private and accessor keys, or an accessor defined anywhere: the
        receiver's own table is not probed for it). x0-x2, x5 kept; x3, x4, x8-x15
        clobbered."""
        if self._sub_absent is None:
            self._sub_absent = self._subroutine(self._emit_absent_walk)
        return self._sub_absent

    def _emit_absent_walk(self) -> None:
        m = self.m
        loop, check, absent, maybe = m.label(), m.label(), m.label(), m.label()
        # an accessor defined anywhere (Ctx.NO_DICT_ADDS, set for good): the receiver's
        # own table may hold the accessor's key ("\x01" + key), which its probe for the
        # key did not look for and its shape's filter does not list
        m.ldr(x8, mem(CTX, Ctx.NO_DICT_ADDS))
        m.cbnz(x8, maybe)
        m.ldr(x12, mem(CTX, Ctx.ABSENT_FILTERS))
        m.cbz(x12, maybe)              # (no filter block: a compiler without the JIT's)
        m.ldrh(w9, mem(x5, STRING_DATA))
        m.cmp(w9, 2)
        m.b_lo(maybe)                  # empty, or unit 0 or 1 first: the VM's own keys
        m.and_(x13, x7, ABSENT_BITS - 1)  # the key's first bit (bit 0, the filled mark,
        m.lsr(x14, x13, 6)             # reads as set: the second decides), its word
        m.and_(x13, x13, 63)
        m.ubfx(x3, x7, 8, 8)           # its second bit, its word
        m.lsr(x4, x3, 6)
        m.and_(x3, x3, 63)
        m.mov(x8, REF_BASE)
        m.sub(x9, x0, x8)
        m.ldr(x10, mem(x9, 0))         # the receiver's shape (its filter: built-ins)
        m.b(check)
        m.bind(loop)
        m.ldr(x9, mem(x10, ShapeCell.PROTO))
        m.mov(x8, NULL_WORD)
        m.cmp(x9, x8)
        m.b_eq(absent)                 # the chain's end
        m.mov(x8, REF_BASE)
        m.sub(x9, x9, x8)
        m.ldr(x10, mem(x9, 0))         # the prototype's shape
        m.ldr(x8, mem(x10, ShapeCell.DICT))
        m.cbnz(x8, maybe)              # a dictionary prototype: its keys are its own
        m.ldr(x8, mem(x10, ShapeCell.KIND))
        m.cmp(x8, KIND_OBJECT)
        m.b_ne(maybe)                  # (a function's or array's virtual keys)
        m.bind(check)                  # the filter: block + (shape - shape base) / 2
        m.add(x15, x12, x10, lsr(1))
        m.ldr(x8, mem(x15, 0))
        m.tbz(x8, 0, maybe)            # not filled yet
        m.ldr(x8, mem(x15, x14, lsl(3)))
        m.lsr(x8, x8, x13)
        m.tbz(x8, 0, loop)             # a bit clear: not there
        m.ldr(x8, mem(x15, x4, lsl(3)))
        m.lsr(x8, x8, x3)
        m.tbnz(x8, 0, maybe)           # both set: the key may be there
        m.b(loop)
        m.bind(absent)
        m.cmp(x8, x8)                  # EQ
        m.ret()
        m.bind(maybe)
        m.cmp(x30, 0)                  # the return address is not 0: NE
        m.ret()

    def _emit_dict_add(self, found: Label) -> None:
        """A SetElem's key that the dictionary object's table lacks (x8 the empty index
        entry, x7 the tag, x3 the pairs, x13 the mask, x14 the index): a new pair at the
        end, its key the key's own string cell (strings are immutable), and the entry;
        then to ``found`` with x6 = the pair's value word, x7 = 0. Not when the table is
        full (growth is the host call's) or ``Ctx.NO_DICT_ADDS`` is set (an accessor
        exists: a setter could be on the chain; the template has no add at all when one
        existed at compile time): then it falls through."""
        m = self.m
        host = m.label()
        m.ldr(x9, mem(CTX, Ctx.NO_DICT_ADDS))
        m.cbnz(x9, host)
        m.sub(x10, x14, DICT_INDEX)        # the vector
        m.ldr(w9, mem(x10, DICT_USED))     # pairs used (an int32 word's low half)
        m.add(x11, x13, 1)                 # index entries: twice the pairs' room
        m.cmp(x9, x11, lsr(1))
        m.b_hs(host)
        m.add(x6, x3, x9, lsl(4))          # the new pair
        m.str(x1, mem(x6, 0))
        m.add(x6, x6, 8)                   # its value word (the template stores it)
        m.add(x9, x9, 1)
        m.orr(x11, x9, x7, lsl(32))
        m.str(x11, mem(x8, 0))             # the index entry: tag << 32 | pair + 1
        m.add(x11, INTB, x9)
        m.str(x11, mem(x10, DICT_USED))
        m.ldr(x11, mem(x10, DICT_LIVE))
        m.add(x11, x11, 1)
        m.str(x11, mem(x10, DICT_LIVE))
        m.mov(x7, 0)
        m.b(found)
        m.bind(host)

    # -- templates -------------------------------------------------------------------------

    def _array_cell(self, other: Label) -> None:
        """x3 = the cell of the array in x0, else branch to ``other``."""
        emit_cell_of(self.m, CTX, x0, x3, x4, x5, Ctx.SHAPE_ARRAY, other)

    def _array_cell1(self, other: Label) -> None:
        """As :meth:`_array_cell` in one branch (x4, x5 clobbered; x3 undefined at
        ``other``): a word that is not a reference reads the context block's first word
        instead of a shape, and ``ccmp`` keeps its NE."""
        _ARRAY_CELL1.emit(self.m)
        self.m.b_ne(other)

    def t_GetElem(self, pc: int, a: int, b: int, c: int) -> bool:
        """``a = b[c]``: an int32 index of an array or a string in line (a string's
        unit as a new one-unit string: strings compare by their units), a string key
        through the keyed cache; else the generic path. An array's element in bounds
        is the path without a taken branch (the others out of line, :meth:`later`)."""
        if self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_ELEM)
        kmiss = self.guard(pc, R_KEYED)
        keyed, undef, notarr = m.label(), m.label(), m.label()
        _INDEX.emit(m, b, c)
        m.b_ne(keyed)
        self._array_cell1(notarr)
        _IN_BOUNDS.emit(m)
        m.b_ls(undef)
        _ELEMENT.emit(m, a)
        end = m.offset

        def paths() -> None:
            store = m.label()
            m.bind(undef)                  # past the end: undefined
            m.mov(x2, UNDEFINED_WORD)
            m.b(store)
            m.bind(notarr)                 # a string: its unit as a new one-unit string
            gen = m.label()
            _UNTAG_X0.emit(m)              # (heapcode.emit_cell_of, SHAPE_STRING)
            m.cbnz(x4, miss)
            _STRING_CELL.emit(m)
            m.b_ne(miss)
            _STRING_LENGTH.emit(m)
            m.b_ls(undef)                  # past the end (or negative): undefined
            _STRING_UNIT.emit(m)
            m.b_hi(gen)                    # a full space: the generic path collects
            _ONE_UNIT.emit(m)
            m.b(store)
            m.bind(gen)
            self.generic(pc)               # (goes on at the next pc itself)
            m.bind(keyed)
            self._keyed(pc, kmiss, absent=undef)
            at = m.offset
            _LOAD_STORE.emit(m, a)
            m.bind_at(store, at + 4)
            m.b(m.label_at(end))

        self.later(paths)
        return True

    def t_SetElem(self, pc: int, a: int, b: int, c: int) -> bool:
        """``a[b] = c``: an int32 index of an array in bounds, or at its length with room
        (an append); a string key naming an own data property through the keyed cache;
        else the generic path (no write barrier: the collector is not generational).
        A store in bounds is the path without a taken branch (the others out of line,
        :meth:`later`)."""
        if self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_ELEM)
        kmiss = self.guard(pc, R_KEYED)
        keyed, append = m.label(), m.label()
        _STORE_INDEX.emit(m, a, b, c)
        m.b_ne(keyed)
        self._array_cell1(miss)
        _IN_BOUNDS.emit(m)
        m.b_ls(append)
        put = m.offset
        _PUT.emit(m)
        done = m.offset

        def paths() -> None:
            m.bind(append)
            m.b_ne(miss)                   # past the end (or negative): generic
            m.ldr(x5, mem(x3, ARRAY_CAPACITY))
            m.cmp(x5, x4)
            m.b_ls(miss)                   # no room: growing is the generic path's
            m.add(x5, x4, 1)
            m.str(x5, mem(x3, ARRAY_LENGTH))
            m.b(m.label_at(put))
            m.bind(keyed)
            self._keyed(pc, kmiss, adds=True)
            store = m.label()
            m.cbz(x7, store)               # a transition entry: the key added in line
            m.str(x7, mem(x4, 0))
            m.bind(store)
            m.str(x2, mem(x6, 0))
            m.b(m.label_at(done))

        self.later(paths)
        return True

    def t_In(self, pc: int, a: int, b: int, c: int) -> bool:
        """``a = b in c``: true when the keyed cache finds ``b`` an own data property of
        ``c``, false for a dictionary object when the prototypes' filters prove the key
        absent from its chain; everything else (other absent keys, prototypes, arrays)
        is the generic path."""
        if self.forced_guard(pc):
            return True
        m = self.m
        kmiss = self.guard(pc, R_KEYED)
        store, no = m.label(), m.label()
        m.ldr(x0, _slot(c))
        m.ldr(x1, _slot(b))
        self._keyed(pc, kmiss, absent=no)
        m.mov(x2, TRUE_WORD)
        m.bind(store)
        m.str(x2, _slot(a))

        def paths() -> None:
            m.bind(no)
            m.mov(x2, FALSE_WORD)
            m.b(store)

        self.later(paths)
        return True


# -- the runtime's side: entries ------------------------------------------------------------


def _units(key: str) -> bytes:
    return key.encode("utf-16-le", "surrogatepass")


def _set_shift(sets: int) -> int:
    return 64 - (sets.bit_length() - 1)


def keyed_set(key: str, sets: int = KEYED_SETS) -> int:
    """The set a key's entries go in, in a table of ``sets`` sets (the code's hash of
    the first and last unit words and the length: keys that share a prefix, "sinkA"
    and "sinkB", differ in the last)."""
    return _set_of(_units(key), sets)


def _set_of(u: bytes, sets: int) -> int:
    """:func:`keyed_set` of a key's UTF-16 units."""
    n = len(u) >> 1
    x = n
    if n:
        first = int.from_bytes(u[:8], "little")  # (little-endian: short ones zero-extend)
        j = 8 * ((n - 1) >> 2)
        last = int.from_bytes(u[j:j + 8], "little")
        x ^= first ^ ((last >> 29 | last << 35) & _MASK64)
    return (((x ^ x >> 24) * _HASH_MUL) & _MASK64) >> _set_shift(sets)


def keyed_entry(heap: Any, s: Shape | None, key: str) -> tuple[int, int] | None:
    """``(shape address, where)`` of the entry for an own data property ``key`` of a
    cell of shape ``s`` (None: not cacheable: not own, an accessor, not an object or a
    function, a key too long, or a dictionary object: the code reads its own table)."""
    if s is None or s.kind not in (KIND_OBJECT, KIND_CLOSURE) or s.dict:
        return None
    if len(_units(key)) > 2 * KEYED_MAX_UNITS:
        return None
    i = s.keys.get(key)
    if i is None:
        return None
    if i < s.capacity:
        return (s.address, s.slot_offset + 8 * i)
    if s.oob != CELL_OOB >> 3:
        return None
    return (s.address, VECTOR_DATA + 8 * (i - s.capacity) + 1)


def keyed_put(table: Any, key: str, entry: tuple[int, int], sets: int = KEYED_SETS
              ) -> None:
    """Write ``entry`` for ``key`` into a keyed table of ``sets`` sets (a word view):
    into the first way of its set, the others moving one way down (the last one
    dropped; an older entry for the same shape and key removed)."""
    u = _units(key)
    size = KEYED_ENTRY_WORDS
    span = size * KEYED_WAYS
    base = _set_of(u, sets) * span
    head, n = entry[0], len(u) >> 1
    units = list(_UNIT_WORDS.unpack(u.ljust(40, b"\0")))
    got = table[base:base + span]
    old = got.tolist() if hasattr(got, "tolist") else list(got)  # (a word view, a list)
    out = [head, n, entry[1], *units]
    for at in range(0, span, size):  # the older entries one way down, but this key's
        if len(out) == span:
            break
        if old[at] != head or old[at + 1] != n or old[at + 3:at + size] != units:
            out += old[at:at + size]
    out += [0] * (span - len(out))
    # word 0 of each entry last: an entry is whole before it matches
    heads = out[::size]
    out[::size] = [0] * KEYED_WAYS
    for at in range(0, span, size):
        table[base + at] = 0
    table[base:base + span] = array.array("Q", out)
    for j, w in enumerate(heads):
        table[base + size * j] = w


def keyed_table(arena: Any) -> tuple[int, Any]:
    """A new zeroed keyed table from the JIT's data arena: its address and its words."""
    address, view = arena.alloc(8 * KEYED_TABLE_ALLOC)
    return int(address), view


def dict_slot(obj: int, key: int) -> int:
    """The address of the value word of own data property ``key`` (a string word) of
    the dictionary-mode object ``obj``, through its table (``Heap.dict_slot``); 0 when
    it has none (or ``obj`` is not one). Allocates nothing: the address is good until
    the next allocation. Accessors are kept under other keys, so a key found is data."""
    obj &= _MASK64
    key &= _MASK64
    if obj >> TAG_SHIFT != TAG_REF or not core.is_string(key):
        return 0
    h = core.R.heap
    i = ((obj & ADDR_MASK) - h._base) >> 3
    s = h._shape_at.get(int(h._w[i]))
    if s is None or not s.dict:
        return 0
    j = h.dict_slot(i, core.str_of(key))
    return 0 if j is None else h._base + 8 * j


@helper(6)
def dict_access(obj: int, key: int, value: int, cid: int, fp: int, pc: int) -> int:
    """Host call of a keyed instruction (GetElem, SetElem, In at ``pc`` of function
    ``cid`` on the frame at ``fp``) on a dictionary-mode object whose own table, probed
    in machine code, lacks the key: it is read or added by the VM's own
    ``get_prop``/``set_prop`` (a read goes on to the prototypes; a store adds the pair,
    growing the table), tested by ``has_prop``, when no accessor exists anywhere
    (nothing can run JavaScript then); anything else is the generic step. Returns the
    code address to go on at (the next instruction's, or what the step returns)."""
    R = core.R
    jit = R.jit
    cf = jit._cfs[cid]
    ins = cf.code.insns[pc]
    op = ins[0]
    frame = (fp - R.sbase) >> 3
    STATS["calls"] += 1
    obj &= _MASK64
    key &= _MASK64
    if op != _SET_ELEM and jit._absent is not None and obj >> TAG_SHIFT == TAG_REF:
        absent_fill(R.heap, jit._absent[1], obj)  # (the next absent key: no host call)
    if R.accessors or obj >> TAG_SHIFT != TAG_REF or not core.is_string(key) \
            or (op == _SET_ELEM and core.is_string(obj)):  # (strict code's TypeError)
        return int(jit._step(cid, fp, pc))
    k = core.str_of(key)
    if op == _IN:  # the interpreter's own test (the chain's keys: nothing runs)
        R.S[frame + ins[1]] = TRUE_WORD if has_prop(obj, key) else FALSE_WORD
    elif op == _GET_ELEM:
        if k in R.builtin_keys:  # (get_prop may report a built-in this VM lacks)
            return int(jit._step(cid, fp, pc))
        R.S[frame + ins[1]] = core.get_prop(obj, k)  # no getter: runs nothing
    else:
        try:  # SetElem: no setter anywhere, so a plain put (which may collect)
            core.set_prop(obj, k, value & _MASK64)
        except Exception:  # (a heap that cannot grow ...): the generic step does it again
            return int(jit._step(cid, fp, pc))
    STATS["direct"] += 1
    return int(cf.addr[pc + 1])


#: dict_access's counters (tests and benchmarks read them): its calls, and those done
#: without the generic step
STATS = {"calls": 0, "direct": 0}


def absent_block(heap: Any) -> tuple[Any, Any]:
    """A zeroed block of absent-key filters for ``heap``'s shapes (``ABSENT_WORDS``
    words each, none filled) and its word view; the heap's ``Ctx.ABSENT_FILTERS``
    word is set to find it (:meth:`ElemTemplates._absent_walk`)."""
    from a64jit import alloc_data
    block = alloc_data(heap.max_shapes * 8 * ABSENT_WORDS)
    heap._ctx[Ctx.ABSENT_FILTERS >> 3] = \
        (int(block.address) - (heap._shape_base >> 1)) & _MASK64
    if core.R.accessors:  # (one defined before the first compile; Jit.on_accessor: after)
        heap._ctx[Ctx.NO_DICT_ADDS >> 3] = 1
    return block, memoryview(block).cast("Q")


def absent_fill(heap: Any, view: Any, obj: int) -> None:
    """Fill the absent-key filters (``view``: :func:`absent_block`'s words) of the
    shape of dictionary object ``obj`` and of its prototypes' shapes up to the first
    that is not a plain shaped object. A shape's filter has bit 0 (the filled mark)
    and, for each of its keys (an accessor's key stripped of its prefix too) and each
    name the VM's built-ins list for an object that has that shape now
    (``core.R.builtins``: a name it lacks is an error, not undefined), two bits: of
    ``t % ABSENT_BITS`` and ``(t >> 8) % ABSENT_BITS``, ``t = dict_hash(key) >> 33``.
    A shape's keys never change (a key added, deleted or a new prototype is another
    shape), so a filter stays true; a dictionary prototype has none (its keys are its
    own). A dictionary shape's filter (the receiver's) holds the built-ins' names
    only."""
    w, base, sbase = heap._w, heap._base, heap._shape_base
    hdr = int(w[((obj & ADDR_MASK) - base) >> 3])
    named: dict[int, list[str]] | None = None
    first = True
    while True:
        s = heap._shape_at.get(hdr)
        if s is None or (not first and (s.dict or s.kind != KIND_OBJECT)):
            return
        if not s.dict and first:
            return  # (not a dictionary object)
        at = (hdr - sbase) >> 4
        if not view[at] & 1:
            if named is None:
                named = {}
                for hb, _, names in core.R.builtins:
                    bw = hb.word
                    if bw >> TAG_SHIFT == TAG_REF:
                        named.setdefault(int(w[((bw & ADDR_MASK) - base) >> 3]),
                                         []).extend(names)
            bits = [0] * ABSENT_WORDS
            bits[0] = 1
            for k in [*([] if s.dict else s.keys), *named.get(hdr, ())]:
                for x in (k, k[1:]) if k[:1] == core.ACC else (k,):
                    t = heap._dict_key(x)[0] >> 33
                    for b in (t & (ABSENT_BITS - 1), (t >> 8) & (ABSENT_BITS - 1)):
                        bits[b >> 6] |= 1 << (b & 63)
            view[at + 1:at + ABSENT_WORDS] = array.array("Q", bits[1:])
            view[at] = bits[0]  # (the mark last)
        first = False
        proto = int(heap._sw[((hdr - sbase) >> 3) + (ShapeCell.PROTO >> 3)])
        if proto == NULL_WORD:
            return
        hdr = int(w[((proto & ADDR_MASK) - base) >> 3])


def keyed_counts(heap: Any, shape_at: Callable[[int], Shape | None], recv: int) -> bool:
    """Whether a keyed miss on receiver word ``recv`` counts as a guard failure: never
    (a megamorphic site simply keeps missing; a dictionary object's misses are
    :func:`dict_access` calls, not guards)."""
    return False


def keyed_operands(ins: tuple[Any, ...]) -> tuple[int, int] | None:
    """The (receiver, key) registers of a keyed instruction (None: not one)."""
    op = ins[0]
    if op not in _KEYED_OPS:
        return None
    if op == OP["GetElem"]:
        return ins[2], ins[3]
    if op == OP["SetElem"]:
        return ins[1], ins[2]
    return ins[3], ins[2]  # In a, key, object


def keyed_transition(heap: Any, s: Shape | None, key: str) -> tuple[int, int] | None:
    """The entry of a SetElem that adds ``key`` to a cell of shape ``s`` in an inline
    slot, as ``Heap.put`` would (a plain object below 8 keys with a free inline slot,
    the transition's shape made already, shape space not nearly full, no accessor
    anywhere: so no setter runs); None otherwise."""
    if s is None or s.kind != KIND_OBJECT or s.dict or key in s.keys \
            or core.R.accessors or len(_units(key)) > 2 * KEYED_MAX_UNITS:
        return None
    k = len(s.keys)
    t = s.transitions.get(key)
    if t is None or k >= 8 or k >= s.capacity or 10 * len(heap._shapes) > 9 * heap.max_shapes:
        return None
    if t.keys.get(key) != k or t.capacity != s.capacity or t.slot_offset != s.slot_offset \
            or t.address >> 48:
        return None
    return (s.address, t.address << _TRANS_SHIFT | (s.slot_offset + 8 * k) << 2
            | KEYED_TRANS)


def keyed_forget_transitions(cfs: Iterable[Any]) -> None:
    """An accessor was defined: a setter may now be on the chain of a shape a
    transition entry adds its key to, so every transition entry of the compiled
    functions ``cfs`` (their ``keyed`` sites' tables) goes, and SetElem sites no longer
    add keys to dictionary objects in line (``Ctx.NO_DICT_ADDS``)."""
    core.R.heap._ctx[Ctx.NO_DICT_ADDS >> 3] = 1
    size = KEYED_ENTRY_WORDS
    for cf in cfs:
        for site in cf.keyed.values():
            table = site[1]
            if table is None:
                continue
            where = table[2:KEYED_TABLE_WORDS:size].tolist()
            for j, w in enumerate(where):
                if w & 3 == KEYED_TRANS:
                    table[size * j] = 0


def keyed_fill(heap: Any, shape_at: Callable[[int], Shape | None], recv: int,
               key_word: int, str_of: Callable[[int], str], op: int | None = None
               ) -> tuple[str, tuple[int, int]] | None:
    """Before the generic step of a keyed miss: the key and the entry to write after it
    (None: not cacheable); a SetElem's (``op``) that adds the key in an inline slot
    gets a transition entry (:func:`keyed_transition`). A dictionary-mode receiver gets
    none: the code probes its own table."""
    if key_word >> TAG_SHIFT != TAG_REF or recv >> TAG_SHIFT != TAG_REF:
        return None
    ks = shape_at(key_word)
    if ks is None or ks.address != heap.string_shape.address:
        return None
    key = str_of(key_word)
    s = shape_at(recv)
    entry = keyed_entry(heap, s, key)
    if entry is None and op == _SET_ELEM:
        entry = keyed_transition(heap, s, key)
    return None if entry is None else (key, entry)


__all__ = ["KEYED_ENTRY_WORDS", "KEYED_MAX_UNITS", "KEYED_SETS",
           "KEYED_TABLE_WORDS", "KEYED_WAYS", "ElemTemplates", "keyed_counts", "keyed_entry",
           "keyed_fill", "keyed_forget_transitions", "keyed_operands", "keyed_put", "keyed_set",
           "keyed_table", "keyed_transition"]
