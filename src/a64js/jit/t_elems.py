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
       offset in the slot vector plus 1; or, for a dictionary-mode shape, ``kid << 2 |
       2`` with ``kid`` the heap's key id (the code scans the object's pairs for it)
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
function to the interpreter (a megamorphic site simply keeps missing). A dictionary-mode
object with more than ``KEYED_DICT_SCAN`` pairs, which the code does not scan, or with
more keys than the table holds (a function using one as a hash table) is read, tested
and updated by key through the heap's own index: once an entry for its shape was
written, the table's :data:`KEYED_DICT_WORD` names that shape, and a miss on a receiver
of it is the whole instruction in one host call of :func:`dict_access` (an own key
through the heap's index, :func:`dict_slot`; any other key the generic step) instead
of the guard's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from a64jit import (
    Label,
    MacroAssembler,
    lsl,
    lsr,
    mem,
    post,
    uxtw,
    w1,
    w5,
    w7,
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
    x30,
)

from ..bytecode import OP, Code
from ..heap import (
    ARRAY_CAPACITY,
    ARRAY_ELEMENTS,
    ARRAY_LENGTH,
    CELL_OOB,
    KIND_CLOSURE,
    KIND_OBJECT,
    STRING_DATA,
    STRING_LENGTH,
    VECTOR_DATA,
    Ctx,
    Shape,
)
from ..heapcode import emit_cell_of
from ..words import (
    ADDR_MASK,
    HOLE_WORD,
    REF_BASE,
    TAG_REF,
    TAG_SHIFT,
    TRUE_WORD,
    UNDEFINED_WORD,
)
from .hostcalls import emit_helper_call, helper
from .reasons import R_ELEM, R_KEYED
from .regs import CID, CTX, FP, INTB, INTHI
from .regs import slot as _slot

#: Sets per keyed table (a power of two), entries per set, words per entry.
KEYED_SETS = 64
KEYED_WAYS = 4
KEYED_ENTRY_WORDS = 8
KEYED_TABLE_WORDS = KEYED_SETS * KEYED_WAYS * KEYED_ENTRY_WORDS
#: The table's word after its entries: the address of the last dictionary-mode shape
#: an entry was written for (0: none); a miss on a receiver of that shape asks the
#: heap's index through :func:`dict_slot` before the generic path.
KEYED_DICT_WORD = KEYED_TABLE_WORDS
#: Longest key an entry holds (5 words of units).
KEYED_MAX_UNITS = 20
#: Entry word 2 flag: a dictionary-mode shape (the key id above bit 2).
KEYED_DICT = 2
#: Pairs of a dictionary object the code scans at most; a bigger one misses (a scan
#: would cost more than the generic path's hashed index), and such misses count
#: towards leaving the function to the interpreter (:func:`keyed_counts`).
KEYED_DICT_SCAN = 32
_HASH_MUL = 0x9E37_79B9_7F4A_7C15
_SET_SHIFT = 64 - (KEYED_SETS.bit_length() - 1)
_MASK64 = (1 << 64) - 1
_KEYED_OPS = frozenset({OP["GetElem"], OP["SetElem"], OP["In"]})
_GET_ELEM = OP["GetElem"]
_SET_ELEM = OP["SetElem"]


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

    _sub_keyed: Label | None = None
    #: pc -> [the site's keyed-cache word (a one-word view), None]: the runtime stores a
    #: table's address in the word and its words in the list at the first miss
    keyed_sites: dict[int, list[Any]] | None = None

    # -- the keyed cache -------------------------------------------------------------------

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
        """The lookup subroutine: x0 the receiver word, x1 the key word, x3 the table;
        flags EQ and x6 = the address of the value's word on a hit, else NE (x0-x2
        kept; x3-x13 clobbered)."""
        if self._sub_keyed is None:
            self._sub_keyed = self._subroutine(self._emit_keyed_find)
        return self._sub_keyed

    def _emit_keyed_find(self) -> None:
        m = self.m
        ne, nonempty, hashed, way, cmp_loop, hit, oob, dct, dloop, nxt = (
            m.label(), m.label(), m.label(), m.label(), m.label(), m.label(), m.label(),
            m.label(), m.label(), m.label())
        m.mov(x7, REF_BASE)
        m.sub(x4, x0, x7)              # the receiver's cell
        m.lsr(x8, x4, TAG_SHIFT)
        m.cbnz(x8, ne)
        m.sub(x5, x1, x7)              # the key's cell
        m.lsr(x8, x5, TAG_SHIFT)
        m.cbnz(x8, ne)
        m.ldr(x8, mem(x5, 0))
        m.ldr(x9, mem(CTX, Ctx.SHAPE_STRING))
        m.cmp(x8, x9)
        m.b_ne(ne)
        m.ldr(x6, mem(x5, STRING_LENGTH))
        m.cmp(x6, KEYED_MAX_UNITS)
        m.b_hi(ne)
        m.cbnz(x6, nonempty)
        m.mov(x7, 0)                   # an empty key has no unit word to read
        m.b(hashed)
        m.bind(nonempty)               # x = first unit word ^ (last one ror 29) ^ length
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
        m.mul(x8, x8, x9)
        m.lsr(x8, x8, _SET_SHIFT)
        m.mov(x9, 8 * KEYED_WAYS * KEYED_ENTRY_WORDS)
        m.madd(x3, x8, x9, x3)         # the set's first entry
        m.ldr(x11, mem(x4, 0))         # the receiver's header
        m.mov(x10, KEYED_WAYS)
        m.bind(way)
        m.ldp(x8, x9, mem(x3, 0))      # shape, length
        m.cmp(x8, x11)
        m.b_ne(nxt)
        m.cmp(x9, x6)
        m.b_ne(nxt)
        m.add(x8, x6, 3)               # words of units to compare
        m.lsr(x8, x8, 2)
        m.add(x9, x5, STRING_DATA)
        m.add(x7, x3, 24)
        m.bind(cmp_loop)
        m.cbz(x8, hit)
        m.ldr(x12, post(x9, 8))
        m.ldr(x13, post(x7, 8))
        m.sub(x8, x8, 1)
        m.cmp(x12, x13)
        m.b_eq(cmp_loop)
        m.bind(nxt)
        m.add(x3, x3, 8 * KEYED_ENTRY_WORDS)
        m.subs(x10, x10, 1)
        m.b_ne(way)
        m.b(ne)
        m.bind(hit)
        m.ldr(x5, mem(x3, 16))         # where the value is
        m.tbnz(x5, 1, dct)
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
        m.bind(dct)                    # scan the pairs for the key id's int32 word
        m.lsr(x5, x5, 2)
        m.add(x5, INTB, x5)
        m.ldr(x6, mem(x4, CELL_OOB))   # the dictionary vector
        m.ldr(w7, mem(x6, VECTOR_DATA))  # pairs used (an int32 word's low half)
        m.cmp(x7, KEYED_DICT_SCAN)
        m.b_hi(ne)                     # a big dictionary: the generic path's index
        m.add(x6, x6, VECTOR_DATA + 16)
        m.bind(dloop)
        m.cbz(x7, ne)
        m.ldr(x8, post(x6, 16))
        m.sub(x7, x7, 1)
        m.cmp(x8, x5)
        m.b_ne(dloop)
        m.sub(x6, x6, 8)               # the pair's value word
        m.cmp(x6, x6)
        m.ret()
        m.bind(ne)
        m.cmp(x30, 0)                  # the return address is not 0: NE
        m.ret()

    def _keyed(self, pc: int, miss: Label) -> None:
        """x0 the receiver, x1 the key (x2 a SetElem's value): x6 = the value word's
        address, else ``miss``. A miss on a dictionary-mode receiver of the shape in the
        table's :data:`KEYED_DICT_WORD` (too big to scan, or a key not in the table) is
        instead the whole instruction in one host call (:func:`dict_access`), which
        goes on at the code address it returns."""
        m = self.m
        cell = self._keyed_cell(pc)
        found = m.label()
        m.mov(x3, cell)
        m.ldr(x3, mem(x3, 0))
        m.cbz(x3, miss)
        m.bl(self._keyed_find())
        m.b_eq(found)
        m.mov(x3, cell)
        m.ldr(x3, mem(x3, 0))
        m.ldr(x3, mem(x3, 8 * KEYED_DICT_WORD))
        m.cbz(x3, miss)
        m.mov(x7, REF_BASE)
        m.sub(x4, x0, x7)
        m.lsr(x8, x4, TAG_SHIFT)
        m.cbnz(x8, miss)               # not a reference
        m.ldr(x4, mem(x4, 0))
        m.cmp(x4, x3)
        m.b_ne(miss)                   # not of that dictionary shape
        # the whole instruction in one host call: it goes on at the address it returns
        emit_helper_call(m, dict_access, [x0, x1, x2, CID, FP, pc], result=x0)
        m.br(x0)
        m.bind(found)

    # -- templates -------------------------------------------------------------------------

    def _array_cell(self, other: Label) -> None:
        """x3 = the cell of the array in x0, else branch to ``other``."""
        emit_cell_of(self.m, CTX, x0, x3, x4, x5, Ctx.SHAPE_ARRAY, other)

    def t_GetElem(self, pc: int, a: int, b: int, c: int) -> bool:
        """``a = b[c]``: an int32 index of an array or a string in line (a string's
        unit as a new one-unit string: strings compare by their units), a string key
        through the keyed cache; else the generic path."""
        if self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_ELEM)
        kmiss = self.guard(pc, R_KEYED)
        keyed, undef, store, notarr = m.label(), m.label(), m.label(), m.label()
        m.ldr(x0, _slot(b))
        m.ldr(x1, _slot(c))
        m.lsr(x2, x1, 32)
        m.cmp(x2.w, INTHI)
        m.b_ne(keyed)
        self._array_cell(notarr)
        m.ldr(x4, mem(x3, ARRAY_LENGTH))
        m.cmp(x4, w1, uxtw())          # unsigned: a negative index is past the end
        m.b_ls(undef)
        m.ldr(x3, mem(x3, ARRAY_ELEMENTS))
        m.add(x3, x3, w1, uxtw(3))
        m.ldr(x2, mem(x3, VECTOR_DATA))
        m.mov(x4, HOLE_WORD)
        m.cmp(x2, x4)
        m.b_ne(store)
        m.bind(undef)                  # a hole, or past the end: undefined
        m.mov(x2, UNDEFINED_WORD)
        m.b(store)
        m.bind(notarr)                 # a string: its unit as a new one-unit string
        gen = m.label()
        emit_cell_of(m, CTX, x0, x3, x4, x5, Ctx.SHAPE_STRING, miss)
        m.ldr(x4, mem(x3, STRING_LENGTH))
        m.cmp(x4, w1, uxtw())
        m.b_ls(undef)                  # past the end (or negative): undefined
        m.add(x3, x3, w1, uxtw(1))
        m.ldrh(w5, mem(x3, STRING_DATA))
        m.ldr(x6, mem(CTX, Ctx.HEAP_TOP))
        m.ldr(x7, mem(CTX, Ctx.HEAP_LIMIT))
        m.add(x8, x6, STRING_DATA + 8)
        m.cmp(x8, x7)
        m.b_hi(gen)                    # a full space: the generic path collects
        m.str(x8, mem(CTX, Ctx.HEAP_TOP))
        m.ldr(x7, mem(CTX, Ctx.SHAPE_STRING))
        m.mov(x4, 1)
        m.stp(x7, x4, mem(x6, 0))      # header, length 1
        m.str(x5, mem(x6, STRING_DATA))  # the unit, zero-padded
        m.mov(x4, REF_BASE)
        m.orr(x2, x6, x4)
        m.b(store)
        m.bind(gen)
        self.generic(pc)
        m.bind(keyed)
        self._keyed(pc, kmiss)
        m.ldr(x2, mem(x6, 0))
        m.bind(store)
        m.str(x2, _slot(a))
        return True

    def t_SetElem(self, pc: int, a: int, b: int, c: int) -> bool:
        """``a[b] = c``: an int32 index of an array in bounds, or at its length with room
        (an append); a string key naming an own data property through the keyed cache;
        else the generic path (no write barrier: the collector is not generational)."""
        if self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_ELEM)
        kmiss = self.guard(pc, R_KEYED)
        keyed, done, put = m.label(), m.label(), m.label()
        m.ldr(x0, _slot(a))
        m.ldr(x1, _slot(b))
        m.ldr(x2, _slot(c))
        m.lsr(x4, x1, 32)
        m.cmp(x4.w, INTHI)
        m.b_ne(keyed)
        self._array_cell(miss)
        m.ldr(x4, mem(x3, ARRAY_LENGTH))
        m.cmp(x4, w1, uxtw())
        m.b_hi(put)
        m.b_ne(miss)                   # past the end (or negative): generic
        m.ldr(x5, mem(x3, ARRAY_CAPACITY))
        m.cmp(x5, x4)
        m.b_ls(miss)                   # no room: growing is the generic path's
        m.add(x5, x4, 1)
        m.str(x5, mem(x3, ARRAY_LENGTH))
        m.bind(put)
        m.ldr(x3, mem(x3, ARRAY_ELEMENTS))
        m.add(x3, x3, w1, uxtw(3))
        m.str(x2, mem(x3, VECTOR_DATA))
        m.b(done)
        m.bind(keyed)
        self._keyed(pc, kmiss)
        m.str(x2, mem(x6, 0))
        m.bind(done)
        return True

    def t_In(self, pc: int, a: int, b: int, c: int) -> bool:
        """``a = b in c``: true when the keyed cache finds ``b`` an own data property of
        ``c``; everything else (absent keys, prototypes, arrays) is the generic path."""
        if self.forced_guard(pc):
            return True
        m = self.m
        kmiss = self.guard(pc, R_KEYED)
        m.ldr(x0, _slot(c))
        m.ldr(x1, _slot(b))
        self._keyed(pc, kmiss)
        m.mov(x2, TRUE_WORD)
        m.str(x2, _slot(a))
        return True


# -- the runtime's side: entries ------------------------------------------------------------


def _units(key: str) -> bytes:
    return key.encode("utf-16-le", "surrogatepass")


def keyed_set(key: str) -> int:
    """The set a key's entries go in (the code's hash of the first and last unit words
    and the length: keys that share a prefix, "sinkA" and "sinkB", differ in the
    last)."""
    u = _units(key)
    n = len(u) >> 1
    x = n
    if n:
        first = int.from_bytes(u[:8].ljust(8, b"\0"), "little")
        j = 8 * ((n - 1) >> 2)
        last = int.from_bytes(u[j:j + 8].ljust(8, b"\0"), "little")
        x ^= first ^ ((last >> 29 | last << 35) & _MASK64)
    return (((x ^ x >> 24) * _HASH_MUL) & _MASK64) >> _SET_SHIFT


def keyed_entry(heap: Any, s: Shape | None, key: str) -> tuple[int, int] | None:
    """``(shape address, where)`` of the entry for an own data property ``key`` of a
    cell of shape ``s`` (None: not cacheable: not own, an accessor, not an object or a
    function, a key too long, or a dictionary key never interned)."""
    if s is None or s.kind not in (KIND_OBJECT, KIND_CLOSURE):
        return None
    if len(_units(key)) > 2 * KEYED_MAX_UNITS:
        return None
    if s.dict:
        kid = heap._key_ids.get(key)
        return None if kid is None else (s.address, kid << 2 | KEYED_DICT)
    i = s.keys.get(key)
    if i is None:
        return None
    if i < s.capacity:
        return (s.address, s.slot_offset + 8 * i)
    if s.oob != CELL_OOB >> 3:
        return None
    return (s.address, VECTOR_DATA + 8 * (i - s.capacity) + 1)


def keyed_put(table: Any, key: str, entry: tuple[int, int]) -> None:
    """Write ``entry`` for ``key`` into a keyed table (a word view): into the first way
    of its set, the others moving one way down (the last one dropped; an older entry
    for the same shape and key removed)."""
    u = _units(key)
    base = keyed_set(key) * KEYED_WAYS * KEYED_ENTRY_WORDS
    n = len(u) >> 1
    words = [int.from_bytes(u[8 * j:8 * j + 8].ljust(8, b"\0"), "little") for j in range(5)]
    new = [entry[0], n, entry[1], *words]
    size = KEYED_ENTRY_WORDS
    ways = [[int(w) for w in table[base + size * j:base + size * (j + 1)]]
            for j in range(KEYED_WAYS)]
    ways = [e for e in ways if e[:2] != new[:2] or e[3:] != new[3:]]
    ways = [new, *ways][:KEYED_WAYS]
    ways += [[0] * size] * (KEYED_WAYS - len(ways))
    if entry[1] & 3 == KEYED_DICT and len(table) > KEYED_DICT_WORD:
        table[KEYED_DICT_WORD] = entry[0]
    for j, e in enumerate(ways):
        at = base + size * j
        table[at] = 0                  # (word 0 last: an entry is whole before it matches)
        for i in range(1, size):
            table[at + i] = e[i]
        table[at] = e[0]


def keyed_table(arena: Any) -> tuple[int, Any]:
    """A new zeroed keyed table from the JIT's data arena: its address and its words
    (the entries, then :data:`KEYED_DICT_WORD`)."""
    address, view = arena.alloc(8 * (KEYED_DICT_WORD + 1))
    return int(address), view


def dict_slot(obj: int, key: int) -> int:
    """The address of the value word of own data property ``key`` (a string word) of
    the dictionary-mode object ``obj``, through the heap's index; 0 when it has none
    (or ``obj`` is not one). Allocates nothing: the address is good until the next
    allocation. Accessors are kept under other keys, so a key found is data."""
    from ..hvm import core

    obj &= _MASK64
    key &= _MASK64
    if obj >> TAG_SHIFT != TAG_REF or not core.is_string(key):
        return 0
    h = core.R.heap
    i = ((obj & ADDR_MASK) - h._base) >> 3
    s = h._shape_at.get(int(h._w[i]))
    if s is None or not s.dict:
        return 0
    j = h.own_index(i, s, core.str_of(key))
    return 0 if j is None else h._base + 8 * j


@helper(6)
def dict_access(obj: int, key: int, value: int, cid: int, fp: int, pc: int) -> int:
    """Host call of a keyed instruction (GetElem, SetElem, In at ``pc`` of function
    ``cid`` on the frame at ``fp``) whose receiver is a dictionary-mode object its code
    does not scan: an own data key is read, written or found through the heap's index
    (:func:`dict_slot`), anything else is the generic step; the code address to go on
    at (the next instruction's, or what the step returns)."""
    from ..hvm import core

    jit = core.R.jit
    cf = jit._cfs[cid]
    addr = dict_slot(obj, key)
    if not addr:
        return int(jit._step(cid, fp, pc))
    ins = cf.code.insns[pc]
    h = core.R.heap
    at = (addr - h._base) >> 3
    frame = (fp - core.R.sbase) >> 3
    if ins[0] == _SET_ELEM:
        h._w[at] = value & _MASK64
    else:
        core.R.S[frame + ins[1]] = h._w[at] if ins[0] == _GET_ELEM else TRUE_WORD
    return int(cf.addr[pc + 1])


def keyed_counts(heap: Any, shape_at: Callable[[int], Shape | None], recv: int) -> bool:
    """Whether a keyed miss on receiver word ``recv`` counts as a guard failure: never
    (a dictionary object too big to scan is read and written through the heap's index,
    :func:`dict_slot`, once an entry for its shape was written; its misses are keys it
    does not have, as for any object)."""
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


def keyed_fill(heap: Any, shape_at: Callable[[int], Shape | None], recv: int,
               key_word: int, str_of: Callable[[int], str]) -> tuple[str, tuple[int, int]] | None:
    """Before the generic step of a keyed miss: the key and the entry to write after it
    (None: not cacheable)."""
    if key_word >> TAG_SHIFT != TAG_REF or recv >> TAG_SHIFT != TAG_REF:
        return None
    ks = shape_at(key_word)
    if ks is None or ks.address != heap.string_shape.address:
        return None
    key = str_of(key_word)
    entry = keyed_entry(heap, shape_at(recv), key)
    return None if entry is None else (key, entry)


__all__ = ["KEYED_DICT_SCAN", "KEYED_ENTRY_WORDS", "KEYED_MAX_UNITS", "KEYED_SETS",
           "KEYED_TABLE_WORDS", "KEYED_WAYS", "ElemTemplates", "keyed_counts", "keyed_entry",
           "keyed_fill", "keyed_operands", "keyed_put", "keyed_set", "keyed_table"]
