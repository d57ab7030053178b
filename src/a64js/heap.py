"""The a64js heap in a64jit data memory: cells, shapes, a word stack and a copying collector.

Everything here lives in ``a64jit.alloc_data`` blocks that generated code reads and writes
at fixed offsets (DESIGN.md, "Heap"): a **context block** (``heap_top``, ``heap_limit``, the
word stack's ``sp``/``fp``, well-known shape addresses, runtime roots), two **semispaces**
(cells are bump-allocated in one; the collector copies the live ones to the other), a
**shape space** (shape cells that never move, so compiled code can compare a header with a
constant) and the **word stack** (frames of value words linked by a frame-pointer chain).

Objects move at every collection. A Python caller holds a heap reference across an
allocation only through a :class:`Handle`; a word returned by an allocation or an accessor
is valid until the next allocation (or explicit :meth:`Heap.collect`).

Cell layouts (byte offsets from the cell's address; ``raw`` words are not values):

- object: ``[0 header][8 out-of-line slot vector, raw address or 0][16 inline slots ...]``
- closure: ``[0 header][8 slot vector][16 code id, raw][24 context, raw][32 this][40 home]
  [48 inline slots ...]``
- array: ``[0 header][8 length, raw][16 capacity, raw][24 elements vector, raw or 0]
  [32 out-of-line slot vector of named properties, raw or 0]``
- vector (array elements, out-of-line slots): ``[0 header][8 n, raw][16 n value words]``
- string: ``[0 header][8 length in UTF-16 units, raw][16 units, padded to 8 bytes]``
- context: ``[0 header][8 n, raw][16 parent context, raw or 0][24 slots 1..n]`` (slot ``i``
  at ``16 + 8*i``)

A header is the raw address of the cell's shape (in shape space); during a collection the
collector overwrites a copied cell's header with ``REF_BASE | new address``.
"""

from __future__ import annotations

import array
import struct
import time
from codecs import utf_16_le_decode as _utf16_decode
from codecs import utf_16_le_encode as _utf16_encode
from collections.abc import Iterator
from typing import Any, Union

from .errors import JSHeapError
from .values import js_str
from .words import (
    ADDR_MASK,
    HOLE_WORD,
    INT_BASE,
    NULL_WORD,
    REF_BASE,
    TAG_REF,
    TAG_SHIFT,
    UNDEFINED_WORD,
)

# -- the context block (byte offsets; generated code gets its address) -----------------


class Ctx:
    """Byte offsets of the context block's words (``ldr x, [xctx, #Ctx.HEAP_TOP]``)."""

    HEAP_TOP = 0          #: next free byte of the current semispace
    HEAP_LIMIT = 8        #: end of the current semispace (allocate while top + n <= limit)
    SP = 16               #: word stack: first free byte
    FP = 24               #: word stack: the innermost frame's slot 0 (0: no frame)
    STACK_BASE = 32       #: word stack: first byte
    STACK_LIMIT = 40      #: word stack: end
    SPACE_BASE = 48       #: first byte of the current semispace
    GC_COUNT = 56         #: collections so far
    SHAPE_META = 64       #: address of the shape of shape cells
    SHAPE_STRING = 72     #: address of the string shape
    SHAPE_VECTOR = 80     #: address of the vector shape
    SHAPE_CONTEXT = 88    #: address of the context shape
    SHAPE_ARRAY = 96      #: address of the array shape
    #: nonzero: machine code must not add keys to dictionary objects itself (the heap
    #: VM's JIT sets it once an accessor exists: a setter could be on a chain); 0 at first
    NO_DICT_ADDS = 104
    #: the heap VM's JIT: its shapes' absent-key filters' block minus half the shape
    #: base, so a shape's filter is at this plus half its address (0: none; jit/t_elems.py)
    ABSENT_FILTERS = 112
    ROOTS = 128           #: ``NROOTS`` value words the runtime keeps (global object, ...)
    NROOTS = 16
    SIZE = 256            #: bytes


# -- cell kinds and shape cells ---------------------------------------------------------

KIND_SHAPE = 0
KIND_OBJECT = 1
KIND_ARRAY = 2
KIND_STRING = 3
KIND_CLOSURE = 4
KIND_CONTEXT = 5
KIND_VECTOR = 6
KIND_NAMES = ("shape", "object", "array", "string", "closure", "context", "vector")


class ShapeCell:
    """Byte offsets of a shape cell's words (64 bytes each, in shape space)."""

    HEADER = 0        #: the meta shape's address
    KIND = 8          #: ``KIND_*``
    ID = 16           #: index of the Python-side :class:`Shape` record
    PROTO = 24        #: the prototype, a value word (a reference or null)
    CAPACITY = 32     #: inline slot words of every cell of this shape
    SLOT_OFFSET = 40  #: byte offset of inline slot 0 in the cell
    NKEYS = 48        #: number of properties
    DICT = 56         #: 1 for a dictionary shape (Heap.dict_shape), else 0
    SIZE = 64


OBJECT_SLOTS = 16      #: byte offset of an object's inline slot 0
CLOSURE_SLOTS = 48     #: byte offset of a closure's inline slot 0
CELL_OOB = 8           #: byte offset of the out-of-line slot vector pointer
CLOSURE_CODE = 16
CLOSURE_CONTEXT = 24
CLOSURE_THIS = 32
CLOSURE_HOME = 40
ARRAY_LENGTH = 8
ARRAY_CAPACITY = 16
ARRAY_ELEMENTS = 24
#: Named properties of an array (``a.p = 1``): all out of line, as an object's beyond its
#: inline slots (array shapes have capacity 0), so the element layout stays as it was.
ARRAY_PROPS = 32
ARRAY_SIZE = 40
VECTOR_LENGTH = 8
VECTOR_DATA = 16
STRING_LENGTH = 8
STRING_DATA = 16
CONTEXT_LENGTH = 8
CONTEXT_PARENT = 16

#: Frame header words, below a frame's slot 0 (``fp``): the caller's fp and the slot count.
FRAME_CALLER = -16
FRAME_NSLOTS = -8
FRAME_HEADER = 16

#: What accessors take for a cell: a reference word, or a Handle (read when the accessor
#: runs, so ``heap.put(h, "k", heap.alloc_string("v"))`` is safe where ``h.word`` is not:
#: Python reads arguments left to right, before the allocation moves the object).
Ref = Union[int, "Handle"]

_FIXED_WORDS = {KIND_OBJECT: 2, KIND_CLOSURE: 6, KIND_ARRAY: ARRAY_SIZE >> 3}
#: a shape cell's eight words (ShapeCell), written in one call: a realm makes ~200 shapes
_SHAPE_CELL = struct.Struct("=8Q")
#: Word numbers of the raw pointers (addresses or 0) in a cell of each kind.
_RAW: dict[int, tuple[int, ...]] = {
    KIND_OBJECT: (1,), KIND_CLOSURE: (1, 3), KIND_ARRAY: (3, ARRAY_PROPS >> 3),
    KIND_CONTEXT: (2,),
    KIND_VECTOR: (),
}


#: An object with this many own keys moves to dictionary mode when it gains another.
DICT_KEYS = 64
#: A dictionary vector's data words before its index: pairs used, pairs live, bits
#: (int32 words; "dictionary mode" in Heap).
DICT_HEAD = 3
DICT_USED = VECTOR_DATA       #: byte offsets in the vector of those three words
DICT_LIVE = VECTOR_DATA + 8
DICT_BITS = VECTOR_DATA + 16
DICT_INDEX = VECTOR_DATA + 24  #: byte offset of index entry 0
#: The multiplier of :func:`dict_hash`.
DICT_HASH_MUL = 0x9E37_79B9_7F4A_7C15
_M64 = (1 << 64) - 1


def dict_hash(key: str) -> int:
    """The 64-bit hash of a dictionary key: ``h = n`` (its length in UTF-16 units),
    then for each 8-byte word ``u`` of its units (little-endian, the last zero-padded,
    as in a string cell) ``h = (h ^ u) * DICT_HASH_MUL mod 2**64``. Machine code
    computes the same from a string cell (jit/t_elems.py)."""
    u = _utf16_encode(key, "surrogatepass")[0]
    h = len(u) >> 1
    if len(u) & 7:
        u += bytes(8 - (len(u) & 7))
    for (x,) in _U64.iter_unpack(u):
        h = ((h ^ x) * DICT_HASH_MUL) & _M64
    return h


_U64 = struct.Struct("<Q")
#: :func:`string_cell`'s structs by size (to 4 KiB)
STRING_CELLS: dict[int, struct.Struct] = {}
_STRING_HEAD = struct.Struct("=QQ")


def string_cell(size: int) -> struct.Struct:
    """The struct of a whole string cell of ``size`` bytes (a multiple of 8, 16 or more):
    header, length in units, then the UTF-16LE units, zero-padded by the ``s`` field, so
    one ``pack_into`` writes the cell (Heap.alloc_string, hvm.core.new_str); kept for
    sizes to 4 KiB, made anew for a longer one."""
    st = STRING_CELLS.get(size)
    if st is None:
        st = struct.Struct(f"=QQ{size - 16}s")
        if size <= 4096:
            STRING_CELLS[size] = st
    return st


class DictKeys(dict[str, int]):
    """The key table of a dictionary shape: every key is "in" it, none has a slot
    (``get`` gives None, ``[]`` raises KeyError) and it lists none, so code that reads
    ``Shape.keys`` to fill an inline cache finds nothing cacheable: neither an own slot
    nor the absence that a prototype hit needs. The keys are in the object itself:
    :meth:`Heap.own_index`."""

    def get(self, key: str, default: Any = None) -> Any:
        return None

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> int:
        raise KeyError(key)

    def __len__(self) -> int:
        return 1 << 30  # never below a capacity: no add-property transition either

    def __iter__(self) -> Iterator[str]:
        return iter(())


#: (named here: inside Shape, ``dict`` is a field's name)
_KeyTable = dict[str, int]
_Transitions = dict[str, "Shape"]


class Shape:
    """The Python side of a shape cell: its key table and transitions.

    The cell (at ``address``) holds what machine code needs: kind, prototype, inline
    capacity, slot offset. Keys stay here: a lookup by name is runtime (Python) work, and
    compiled code only ever compares the header with ``address`` and loads at an offset
    fixed when it was compiled. (A plain class, not a dataclass: dataclasses imports
    inspect, ~0.1 s of the heap VM's start natively under qemu.)
    """

    __slots__ = ("address", "capacity", "dict", "id", "keys", "kind", "oob", "slot_offset",
                 "tpl", "transitions")

    address: int
    id: int
    kind: int
    capacity: int
    slot_offset: int
    keys: _KeyTable
    transitions: _Transitions
    oob: int
    dict: bool
    tpl: Any

    def __init__(self, address: int, id: int, kind: int, capacity: int, slot_offset: int,
                 keys: _KeyTable | None = None, transitions: _Transitions | None = None,
                 oob: int = 1, dict: bool = False, tpl: Any = None) -> None:
        self.address = address
        self.id = id
        self.kind = kind
        self.capacity = capacity
        self.slot_offset = slot_offset
        self.keys = {} if keys is None else keys
        self.transitions = {} if transitions is None else transitions
        #: word number of the out-of-line slot vector pointer in a cell of this shape (0
        #: for a dictionary shape: its cells' properties have no fixed place)
        self.oob = oob
        #: a dictionary shape (one per prototype): each cell of it keeps its own keys and
        #: values in a dictionary vector at word 1 (``Heap.own_index``)
        self.dict = dict
        #: the words a new cell of this (object or closure) shape starts with, as a buffer
        #: one slice store writes (made at the first ``Heap.alloc_object``)
        self.tpl = tpl

    def __repr__(self) -> str:
        return (f"Shape(address={self.address:#x}, id={self.id}, kind={self.kind}, "
                f"capacity={self.capacity}, keys={list(self.keys)}, dict={self.dict})")

    def offset(self, key: str) -> int | None:
        """Byte offset of ``key``'s inline slot in a cell of this shape (None: absent or
        out of line)."""
        i = self.keys.get(key)
        if i is None or i >= self.capacity:
            return None
        return self.slot_offset + 8 * i


class Handle:
    """A Python-held reference the collector updates (a root). ``word`` is current.

    Release it with :meth:`release` (or ``with``); a dropped handle releases itself.
    """

    __slots__ = ("_heap", "index")

    def __init__(self, heap: Heap, index: int) -> None:
        self._heap: Heap | None = heap
        self.index = index

    @property
    def word(self) -> int:
        """The value word the handle holds (references updated by every collection)."""
        heap = self._heap
        if heap is None:
            raise ValueError("Handle.word: the handle has been released")
        return heap._handles[self.index]

    @word.setter
    def word(self, w: int) -> None:
        heap = self._heap
        if heap is None:
            raise ValueError("Handle.word: the handle has been released")
        heap._handles[self.index] = w

    def release(self) -> None:
        """Stop rooting the value (idempotent)."""
        heap = self._heap
        if heap is not None:
            self._heap = None
            heap._handles[self.index] = UNDEFINED_WORD
            heap._free_handles.append(self.index)

    def __enter__(self) -> Handle:
        return self

    def __exit__(self, et: object, ev: object, tb: object) -> None:
        heap = self._heap  # (release in line: a handle per `with` in the built-ins)
        if heap is not None:
            self._heap = None
            heap._handles[self.index] = UNDEFINED_WORD
            heap._free_handles.append(self.index)

    def __del__(self) -> None:
        if self._heap is not None:
            self.release()


_new_handle = object.__new__


class GCStats:
    """What the collector did so far."""

    def __init__(self) -> None:
        self.collections = 0
        self.bytes_allocated = 0   #: over the run (Python and machine-code allocations)
        self.bytes_copied = 0
        self.last_live = 0         #: bytes live after the last collection
        self.last_pause = 0.0      #: seconds
        self.max_pause = 0.0
        self.total_pause = 0.0


def _an(phrase: str) -> str:
    """``'a object'`` -> ``'an object'``."""
    return "an" + phrase[1:] if phrase[2] in "aeiou" else phrase


def _var_words(kind: int, n: int) -> int:
    """Words of a variable-size cell whose word 1 is ``n``."""
    if kind == KIND_VECTOR:
        return 2 + n
    if kind == KIND_STRING:
        return 2 + (2 * n + 7) // 8
    return 3 + n  # context


class Heap:
    """A bounded heap: two semispaces of ``semispace`` bytes each, shapes, a word stack.

    ``semispace``: bytes per semispace (the live data must fit in one; rounded up to whole
    pages). ``stack_words``: words of the word stack. ``max_shapes``: shape cells.
    ``poison``: fill the abandoned semispace with ``0xDB`` bytes after each collection, so
    a stale address reads garbage at once (for tests). ``stress``: collect at every
    allocation from Python, so a reference held without a handle fails at once (for
    tests; with ``poison`` too, it catches a missing root at the first allocation after
    it). ``collector``: ``"python"`` or ``"code"``, the same copy done by generated code
    (``a64js.heapgc``, natively or in the emulator), or ``"auto"`` (the default): the
    generated one on the native backend (a 9.6 MB copy under qemu: ~1.9 s of CPU in
    Python, ~0.15 s generated), made at the first collection (a program that never
    collects does not build it: ~0.3 s under qemu), the Python one elsewhere (in the
    emulator the two are within 0.8-1.6x; the Python one is the reference). ``backend``: the
    a64jit backend of the data blocks and code. ``max_semispace``: the heap grows up to
    this many bytes per semispace (default: ``semispace``, a fixed heap): a collection
    that leaves more than half of the semispace live moves to two semispaces twice the
    size (so memory follows the live data, and a program that stays small stays small).
    """

    def __init__(self, semispace: int = 1 << 20, *, stack_words: int = 1 << 14,
                 max_shapes: int = 4096, poison: bool = False, stress: bool = False,
                 collector: str = "auto", backend: Any = None,
                 max_semispace: int | None = None) -> None:
        from a64jit import alloc_data

        if max_semispace is None:
            max_semispace = semispace
        for name, v, low in (("semispace", semispace, 4096), ("stack_words", stack_words, 16),
                             ("max_shapes", max_shapes, 8),
                             ("max_semispace", max_semispace, semispace)):
            if not isinstance(v, int) or isinstance(v, bool) or v < low or v > 1 << 40:
                raise ValueError(f"Heap: {name} must be an int in [{low}, 2**40], got {v!r}")
        self.backend = backend
        self.poison = poison
        self.stress = stress
        self.stats = GCStats()
        self._ctx_block = alloc_data(Ctx.SIZE, backend=backend)
        self._spaces = [alloc_data(semispace, backend=backend),
                        alloc_data(semispace, backend=backend)]
        self.semispace = len(self._spaces[0])
        self.max_semispace = max(self.semispace, max_semispace)
        self._extra_views: list[Any] = []
        self._dict_shapes: list[Shape] = []
        #: weak references (value words; undefined once their cell died): weak_handle
        self._weak: list[int] = []
        self._weak_free: list[int] = []
        #: dictionary keys: str -> (hash, its one-unit-per-character form): _dict_key
        self._dict_keys: dict[str, tuple[int, str]] = {}
        #: alloc_context's templates by slot count
        self._ctx_tpl: dict[int, Any] = {}
        self._arr_tpl: dict[int, Any] = {}  # alloc_array's, by capacity
        self._epoch_caches: list[dict[Any, Any]] = []  # emptied by every collection
        #: a dictionary's key cell (string word) -> its key (_dict_str)
        self._dict_strs: dict[int, str] = self.epoch_cache()
        #: what dict_slot found: dictionary vector address -> {key (or its string
        #: cell's word: dict_slot_word): word index of the value}; a cache of the
        #: tables' probes (present keys only: adds by machine code change nothing in
        #: it; a delete drops its key, a growth makes a new vector)
        self._dict_memo: dict[int, dict[str | int, int]] = self.epoch_cache()
        self._stack_block = alloc_data(stack_words * 8, backend=backend)
        self._shape_block = alloc_data(max_shapes * ShapeCell.SIZE, backend=backend)
        #: the context block's words (never released before close)
        self._ctxm = memoryview(self._ctx_block).cast("Q")
        #: the context words' current copy: the block's view, or a Python list while the
        #: frames are in a list (an item costs about half a view's; :meth:`list_frames`):
        #: the block is written from it before the collector or machine code reads it
        self._ctx: list[int] | memoryview = self._ctxm
        self._views = [memoryview(s).cast("Q") for s in self._spaces]
        #: the same semispaces as bytes (string units are read and written through them:
        #: a cast per string cost a new view each)
        self._bviews = [memoryview(s).cast("B") for s in self._spaces]
        self._stack = memoryview(self._stack_block).cast("Q")
        #: the word stack's words ``0 .. len - 1`` as a Python list while an interpreter
        #: holds its frames there (:meth:`list_frames`; None: the memory is the only copy)
        self.frames_list: list[int] | None = None
        self._sw = memoryview(self._shape_block).cast("Q")
        self._current = 0
        self._w = self._views[0]
        self._b = self._bviews[0]
        self._base = self._spaces[0].address
        #: REF_BASE + _base: a reference word's word index is (w - _rb) >> 3 (one
        #: subtraction where (w & ADDR_MASK) - _base is two operations)
        self._rb = REF_BASE + self._base
        self._end = self._base + self.semispace
        self._shape_base = self._shape_block.address
        self.max_shapes = len(self._shape_block) // ShapeCell.SIZE
        self._shapes: list[Shape] = []
        self._shape_at: dict[int, Shape] = {}  # header -> Shape
        #: header (shape address) -> (kind, fixed size in words or 0 for a variable one)
        self._layout: dict[int, tuple[int, int]] = {}
        self._handles: list[int] = []
        self._free_handles: list[int] = []
        self._scratch: list[int] = []  # roots of an operation in progress
        self._gc_host: Any = None
        self._gc_code: Any = None          # the generated collector (collector="code")
        self._gc_buf: Any = None
        self._roots_block: Any = None
        self._roots_view: memoryview | None = None
        self._epoch_top = self._base   # heap_top after the last collection

        #: "auto": decided at the first collection (:meth:`_collect`)
        self._collector = collector
        if collector == "code":
            self._make_gc_code()
        elif collector not in ("python", "auto"):
            raise ValueError(f"Heap: collector must be 'python', 'code' or 'auto', "
                             f"got {collector!r}")
        c = self._ctx
        c[Ctx.HEAP_TOP >> 3] = self._base
        c[Ctx.HEAP_LIMIT >> 3] = self._end
        c[Ctx.SPACE_BASE >> 3] = self._base
        sb = self._stack_block.address
        c[Ctx.STACK_BASE >> 3] = sb
        c[Ctx.SP >> 3] = sb
        self.stack_words = stack_words  # (the block is rounded up to pages; this is the bound)
        c[Ctx.STACK_LIMIT >> 3] = sb + 8 * stack_words
        c[Ctx.FP >> 3] = 0
        for i in range(Ctx.NROOTS):
            c[(Ctx.ROOTS >> 3) + i] = UNDEFINED_WORD
        self.meta_shape = self._new_shape(KIND_SHAPE, NULL_WORD, 0, 0)
        self.string_shape = self._new_shape(KIND_STRING, NULL_WORD, 0, 0)
        self.vector_shape = self._new_shape(KIND_VECTOR, NULL_WORD, 0, 0)
        self.context_shape = self._new_shape(KIND_CONTEXT, NULL_WORD, 0, 0)
        self.array_shape = self._new_shape(KIND_ARRAY, NULL_WORD, 0, 0)
        c[Ctx.SHAPE_META >> 3] = self.meta_shape.address
        c[Ctx.SHAPE_STRING >> 3] = self.string_shape.address
        c[Ctx.SHAPE_VECTOR >> 3] = self.vector_shape.address
        c[Ctx.SHAPE_CONTEXT >> 3] = self.context_shape.address
        c[Ctx.SHAPE_ARRAY >> 3] = self.array_shape.address

    # -- addresses --------------------------------------------------------------------

    @property
    def context_address(self) -> int:
        """Address of the context block (what generated code is given)."""
        return int(self._ctx_block.address)

    @property
    def heap_top(self) -> int:
        """The bump pointer (``Ctx.HEAP_TOP``)."""
        return int(self._ctx[0])

    @property
    def heap_limit(self) -> int:
        """End of the current semispace (``Ctx.HEAP_LIMIT``)."""
        return int(self._ctx[1])

    @property
    def space_base(self) -> int:
        """First byte of the current semispace."""
        return self._base

    @property
    def used(self) -> int:
        """Bytes allocated in the current semispace."""
        return int(self._ctx[0]) - self._base

    def blocks(self) -> list[tuple[int, int]]:
        """``(address, size)`` of every data block the heap owns (the semispaces change
        when the heap grows; the others never do)."""
        return [(int(b.address), len(b)) for b in
                (self._ctx_block, *self._spaces, self._stack_block, self._shape_block)]

    def ctx_word(self, offset: int) -> int:
        """The context block's word at byte ``offset``."""
        return int(self._ctx[offset >> 3])

    def root(self, i: int) -> int:
        """Runtime root word ``i`` of the context block (``Ctx.ROOTS + 8*i``)."""
        self._check_index("Heap.root", i, Ctx.NROOTS)
        return int(self._ctx[(Ctx.ROOTS >> 3) + i])

    def set_root(self, i: int, w: int) -> None:
        """Set runtime root word ``i`` (a value word; the collector updates references)."""
        self._check_index("Heap.set_root", i, Ctx.NROOTS)
        self._ctx[(Ctx.ROOTS >> 3) + i] = w

    # -- shapes -----------------------------------------------------------------------

    def _new_shape(self, kind: int, proto: int, capacity: int, slot_offset: int,
                   keys: dict[str, int] | None = None) -> Shape:
        """A new shape cell and its record (``keys``: its key table, taken as is)."""
        shapes = self._shapes
        sid = len(shapes)
        if sid >= self.max_shapes:
            raise JSHeapError(f"heap: shape space exhausted ({self.max_shapes} shapes); "
                              "make the Heap with a larger max_shapes")
        meta = self._shape_base  # shape 0 is the meta shape
        addr = meta + sid * ShapeCell.SIZE
        s = Shape(addr, sid, kind, capacity, slot_offset, {} if keys is None else keys, {},
                  ARRAY_PROPS >> 3 if kind == KIND_ARRAY else CELL_OOB >> 3)
        shapes.append(s)
        self._shape_at[addr] = s
        _SHAPE_CELL.pack_into(self._sw, sid * ShapeCell.SIZE, meta, kind, sid, proto,
                              capacity, slot_offset, 0 if keys is None else len(keys), 0)
        fixed = _FIXED_WORDS.get(kind)
        self._layout[addr] = (kind, 0 if fixed is None else fixed + capacity)
        return s

    def new_shape(self, proto: int = NULL_WORD, *, capacity: int = 4,
                  closure: bool = False) -> Shape:
        """A root shape (no properties) for objects (or closures) with prototype ``proto``
        (a reference word or null) and ``capacity`` inline slots."""
        if proto != NULL_WORD:
            self._cell(proto, "Heap.new_shape: proto")
        if not isinstance(capacity, int) or not 0 <= capacity <= 256:
            raise ValueError(f"Heap.new_shape: capacity must be an int in [0, 256], "
                             f"got {capacity!r}")
        kind = KIND_CLOSURE if closure else KIND_OBJECT
        return self._new_shape(kind, proto, capacity,
                               CLOSURE_SLOTS if closure else OBJECT_SLOTS)

    def shape_of(self, w: Ref) -> Shape:
        """The shape of the cell word ``w`` refers to."""
        a = self._cell(w, "Heap.shape_of")
        return self._shapes[self._sw[((self._w[(a - self._base) >> 3] - self._shape_base)
                                      >> 3) + 2]]

    def shape_proto(self, s: Shape) -> int:
        """The prototype word of shape ``s`` (kept in its cell, updated by the collector)."""
        return int(self._sw[(s.id * ShapeCell.SIZE + ShapeCell.PROTO) >> 3])

    def set_shape_proto(self, s: Shape, proto: Ref) -> None:
        """Set the prototype of every cell of shape ``s`` (for the well-known shapes at
        start-up: ``array_shape`` gets ``Array.prototype``). Shapes made from ``s`` later
        inherit it; ones made before keep theirs."""
        if isinstance(proto, Handle):
            proto = proto.word
        if proto != NULL_WORD:
            self._cell(proto, "Heap.set_shape_proto: proto", KIND_OBJECT)
        self._sw[(s.id * ShapeCell.SIZE + ShapeCell.PROTO) >> 3] = proto

    def with_key(self, s: Shape, key: str) -> Shape:
        """The shape after adding property ``key`` to a cell of shape ``s`` (cached)."""
        t = s.transitions.get(key)
        if t is None:
            keys = s.keys
            if key in keys:
                raise ValueError(f"Heap.with_key: shape {s.id} already has {key!r}")
            t = s.transitions[key] = self._new_shape(
                s.kind, self._sw[(s.id * ShapeCell.SIZE + ShapeCell.PROTO) >> 3], s.capacity,
                s.slot_offset, {**keys, key: len(keys)})
        return t

    # -- allocation -------------------------------------------------------------------

    def _alloc(self, nbytes: int) -> int:
        """Bump-allocate ``nbytes`` (a multiple of 8); collect when the space is full."""
        c = self._ctx
        top = c[0]
        new = top + nbytes
        if new > c[1] or self.stress:
            self.collect(nbytes)
            top = c[0]
            new = top + nbytes
        c[0] = new
        return int(top)

    def alloc_object(self, shape: Shape) -> int:
        """A new object (or closure-shaped cell) of ``shape``, slots undefined."""
        tpl = shape.tpl
        if tpl is None:
            tpl = self._object_template(shape)
        # _alloc in line (the hot path of every `new` and object literal): one bump, then
        # the cell's words from the shape's template in one slice store
        nb = len(tpl) << 3
        c = self._ctx
        top = c[0]
        if top + nb > c[1] or self.stress:
            self.collect(nb)
            top = c[0]
        c[0] = top + nb
        i = (top - self._base) >> 3
        self._w[i:i + len(tpl)] = tpl
        return REF_BASE | top

    def _object_template(self, shape: Shape) -> Any:
        """``shape.tpl``: header, a zero slot-vector pointer (closures: zero code id and
        context), undefined slots; a TypeError for a shape that is not an object's."""
        kind, n = self._layout[shape.address]
        if kind not in (KIND_OBJECT, KIND_CLOSURE):
            raise TypeError(f"Heap.alloc_object: shape {shape.id} is a "
                            f"{KIND_NAMES[kind]} shape, not an object shape")
        raw = 4 if kind == KIND_CLOSURE else 2  # code id and context are raw words
        words = array.array("Q", [shape.address] + [0] * (raw - 1)
                            + [UNDEFINED_WORD] * (n - raw))
        shape.tpl = memoryview(words)
        return shape.tpl

    def alloc_closure(self, shape: Shape, code_id: int, context: int = UNDEFINED_WORD,
                      this: int = UNDEFINED_WORD, home: int = UNDEFINED_WORD) -> int:
        """A closure of ``shape`` (made with ``closure=True``) for code ``code_id`` over
        ``context`` (a context reference or undefined)."""
        if shape.kind != KIND_CLOSURE:
            raise TypeError(f"Heap.alloc_closure: shape {shape.id} is a "
                            f"{KIND_NAMES[shape.kind]} shape; make it with closure=True")
        if not isinstance(code_id, int) or not 0 <= code_id < 1 << 48:
            raise ValueError(f"Heap.alloc_closure: code_id must be in [0, 2**48), "
                             f"got {code_id!r}")
        c = self._ctx
        top = c[0]  # (read once: the check below and the bump)
        if context != UNDEFINED_WORD:
            # the checks of _cell in line: a live, 8-aligned context cell (``a`` is in
            # the live heap only for a reference word: _object's test)
            a = context - REF_BASE
            base = self._base
            if not base <= a < top or a & 7 \
                    or self._w[(a - base) >> 3] != self.context_shape.address:
                self._cell(context, "Heap.alloc_closure: context", KIND_CONTEXT)
        tpl = shape.tpl
        if tpl is None:
            tpl = self._object_template(shape)  # (allocates nothing: a Python template)
        nb = len(tpl) << 3
        if top + nb > c[1] or self.stress:
            sc = self._scratch
            sc += (context, this, home)
            try:
                self.collect(nb)
            finally:
                home, this, context = sc.pop(), sc.pop(), sc.pop()
            top = c[0]
        c[0] = top + nb
        m = self._w
        i = (top - self._base) >> 3
        m[i:i + len(tpl)] = tpl
        m[i + 2] = code_id
        if context != UNDEFINED_WORD:
            m[i + 3] = context & ADDR_MASK
        m[i + 4] = this
        m[i + 5] = home
        return REF_BASE | top

    def alloc_array(self, length: int = 0, capacity: int | None = None,
                    fill: int = HOLE_WORD) -> int:
        """A new array of ``length`` elements (all ``fill``), room for ``capacity``."""
        if capacity is None:
            capacity = length
        tpl = self._arr_tpl.get(capacity)
        if tpl is None or type(capacity) is not int or type(length) is not int \
                or not 0 <= length <= capacity:
            if not isinstance(length, int) or not isinstance(capacity, int) \
                    or not 0 <= length <= capacity or capacity > self.max_semispace // 8:
                raise ValueError(f"Heap.alloc_array: need 0 <= length <= capacity <= "
                                 f"{self.max_semispace // 8}, got length {length!r}, "
                                 f"capacity {capacity!r}")
            tpl = self._array_template(capacity)
        # one bump for both cells (no collection between), the words from the template
        nb = len(tpl) << 3
        c = self._ctx
        top = c[0]
        if top + nb > c[1] or self.stress:
            self._scratch.append(fill)  # (a reference to fill with moves too)
            try:
                self.collect(nb)
            finally:
                fill = self._scratch.pop()
            top = c[0]
        c[0] = top + nb
        w = self._w
        i = (top - self._base) >> 3
        w[i:i + len(tpl)] = tpl
        if capacity:
            w[i + 3] = top + ARRAY_SIZE
            if length:  # (the template's length is 0: `[]` stores one word)
                w[i + 1] = length
                if fill != HOLE_WORD:
                    v = i + (ARRAY_SIZE >> 3) + 2
                    w[v:v + length] = _words(fill, length)
        return REF_BASE | top

    def _array_template(self, capacity: int) -> Any:
        """The words of a new array of ``capacity`` (length 0, its vector's address 0, the
        elements holes); kept for small capacities."""
        words = [self.array_shape.address, 0, capacity, 0, 0]
        if capacity:
            words += [self.vector_shape.address, capacity] + [HOLE_WORD] * capacity
        tpl = memoryview(array.array("Q", words))
        if capacity <= 64:
            self._arr_tpl[capacity] = tpl
        return tpl

    def alloc_string(self, s: str) -> int:
        """A new immutable string of the UTF-16 code units of ``s`` (lone surrogates kept)."""
        data = _utf16_encode(s, "surrogatepass")[0]  # (s.encode looks the codec up)
        nd = len(data)
        size = 16 + ((nd + 7) & -8)  # header, length, the units' words (last zero-padded)
        if size > self.max_semispace:
            raise JSHeapError(f"Heap.alloc_string: a string of {nd >> 1} units does not "
                              f"fit in a {self.max_semispace}-byte semispace")
        c = self._ctx  # _alloc in line (strings are made at every concatenation)
        top = c[0]
        if top + size > c[1] or self.stress:
            self.collect(size)
            top = c[0]
        c[0] = top + size
        # the whole cell in one store: header, length and the units, zero-padded by the
        # struct's "s" (four word stores and a byte view's slice store before)
        st = STRING_CELLS.get(size)
        if st is None and size <= 4096:
            st = string_cell(size)
        a = top - self._base
        if st is not None:
            st.pack_into(self._w, a, self.string_shape.address, nd >> 1, data)
        else:  # (a long string: no struct made for its size)
            _STRING_HEAD.pack_into(self._w, a, self.string_shape.address, nd >> 1)
            self._w[(a + size - 8) >> 3] = 0  # the last word's padding
            self._b[a + 16:a + 16 + nd] = data
        return REF_BASE | top

    def alloc_context(self, n: int, parent: int = UNDEFINED_WORD) -> int:
        """A new context of ``n`` slots (1..n, undefined) whose parent is ``parent``."""
        tpl = self._ctx_tpl.get(n)
        if tpl is None or type(n) is not int:
            if not isinstance(n, int) or not 0 <= n <= self.max_semispace // 8:
                raise ValueError(f"Heap.alloc_context: n must be in "
                                 f"[0, {self.max_semispace // 8}], got {n!r}")
            tpl = memoryview(array.array("Q", [self.context_shape.address, n, 0]
                                         + [UNDEFINED_WORD] * n))
            if n <= 64:
                self._ctx_tpl[n] = tpl
        c = self._ctx
        top = c[0]  # (read once: the check below and the bump)
        if parent != UNDEFINED_WORD:
            # the checks of _cell in line: a live, 8-aligned context cell (``a`` is in
            # the live heap only for a reference word: _object's test)
            a = parent - REF_BASE
            base = self._base
            if not base <= a < top or a & 7 \
                    or self._w[(a - base) >> 3] != self.context_shape.address:
                self._cell(parent, "Heap.alloc_context: parent", KIND_CONTEXT)
        nb = len(tpl) << 3
        if top + nb > c[1] or self.stress:
            self._scratch.append(parent)
            try:
                self.collect(nb)
            finally:
                parent = self._scratch.pop()
            top = c[0]
        c[0] = top + nb
        w = self._w
        i = (top - self._base) >> 3
        w[i:i + len(tpl)] = tpl
        if parent != UNDEFINED_WORD:
            w[i + 2] = parent & ADDR_MASK
        return REF_BASE | top

    def _alloc_vector(self, n: int) -> int:
        """Address of a new vector of ``n`` hole words."""
        a = self._alloc(8 * (2 + n))
        w = self._w
        i = (a - self._base) >> 3
        w[i] = self.vector_shape.address
        w[i + 1] = n
        w[i + 2:i + 2 + n] = _words(HOLE_WORD, n)
        return a

    # -- checked access ---------------------------------------------------------------

    @staticmethod
    def _check_index(what: str, i: object, n: int) -> None:
        if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < n:
            raise IndexError(f"{what}: index {i!r} out of range [0, {n})")

    def _cell(self, w: int | Handle, what: str, kind: int | None = None) -> int:
        """The address of the cell reference ``w`` names, checked (and its kind)."""
        if type(w) is Handle:
            w = w.word
        if not isinstance(w, int) or w >> TAG_SHIFT != TAG_REF:
            raise TypeError(f"{what}: {w!r} is not a reference word" if not isinstance(w, int)
                            else f"{what}: {w:#018x} is not a reference word")
        a = w & ADDR_MASK
        if not self._base <= a < self._ctx[0] or a & 7:
            raise ValueError(f"{what}: {w:#018x} does not point into the live heap "
                             f"[{self._base:#x}, {self._ctx[0]:#x}) (a stale reference?)")
        if kind is not None:
            k = self._layout.get(self._w[(a - self._base) >> 3], (-1, 0))[0]
            if k != kind and not (kind == KIND_OBJECT and k == KIND_CLOSURE):
                got = f"a {KIND_NAMES[k]}" if k >= 0 else "a corrupt cell"
                raise TypeError(f"{what}: {w:#018x} is {_an(got)}, not "
                                f"{_an('a ' + KIND_NAMES[kind])}")
        return a

    def kind(self, w: Ref) -> str:
        """The kind of cell ``w`` refers to (``'object'``, ``'array'``, ...)."""
        a = self._cell(w, "Heap.kind")
        return KIND_NAMES[self._layout[self._w[(a - self._base) >> 3]][0]]

    def _object(self, w: Ref, what: str) -> tuple[int, Shape]:
        """(word index, shape) of the object, closure or array (named properties) ``w``
        refers to, checked."""
        if type(w) is Handle:
            w = w.word
        if type(w) is int:
            a = w - REF_BASE  # in range only for a reference word into the live heap
            base = self._base
            if base <= a < self._ctx[0] and not a & 7:
                i = (a - base) >> 3
                s = self._shape_at.get(self._w[i])
                if s is not None and (s.kind == KIND_OBJECT or s.kind == KIND_CLOSURE
                                      or s.kind == KIND_ARRAY):
                    return i, s
        self._cell(w, what, KIND_OBJECT)  # raises the precise error
        raise RuntimeError(f"{what}: heap corrupt at {w!r}")  # pragma: no cover

    # -- dictionary mode: an object's keys and values in a hash table of its own ------
    #
    # Word 1 of a dictionary object points to a vector (KIND_VECTOR; every word a value
    # word, so the collector traces and moves it as any vector) of ``DICT_HEAD`` words,
    # an index of ``2**bits`` words, then ``2**(bits-1)`` pairs (key, value):
    #
    #   data word 0: pairs used (int32 word), 1: pairs live (int32 word), 2: bits (int32
    #   word); 3 ..: index entries, 0 (empty) or ``tag << 32 | pair + 1`` with ``tag`` the
    #   top 31 bits of the key's hash (below 2**63: a double word to the collector);
    #   then the pairs in insertion order: the key, a string word (the table's own cell),
    #   or the hole word once deleted, and the value.
    #
    # A key's hash (:func:`dict_hash`) is of its UTF-16 units, so it does not change when
    # the collector moves cells; its index entry is at ``hash >> (64 - bits)``, linear
    # probing from there. A deleted pair's entry stays (its hole key matches nothing, so
    # probes go past it); the next growth drops both. Machine code reads the same table
    # (jit/t_elems.py): hash, probe, compare.

    def dict_shape(self, proto: int, capacity: int) -> Shape:
        """The dictionary shape of objects whose prototype is ``proto`` and whose cells
        have ``capacity`` inline slots (unused: the cell keeps its size). Its cell's
        :attr:`ShapeCell.DICT` word is 1."""
        for s in self._dict_shapes:  # (few: one per prototype of dictionary objects)
            if s.capacity == capacity and self.shape_proto(s) == proto:
                return s
        s = self._new_shape(KIND_OBJECT, proto, capacity, OBJECT_SLOTS)
        s.keys = DictKeys()
        s.oob = 0
        s.dict = True
        self._sw[(s.id * ShapeCell.SIZE + ShapeCell.DICT) >> 3] = 1
        self._dict_shapes.append(s)
        return s

    def _dict_key(self, key: str) -> tuple[int, str]:
        """``key``'s hash and its form with one character per UTF-16 unit (how the VM
        holds keys, and what :meth:`_dict_str` reads back), memoized."""
        got = self._dict_keys.get(key)
        if got is None:
            if len(self._dict_keys) >= 1 << 18:
                self._dict_keys.clear()
            got = self._dict_keys[key] = (dict_hash(key), js_str(key))
        return got

    def _dict_str(self, kw: int) -> str:
        """The key of string word ``kw`` (a dictionary's own key cell), cached until the
        next collection."""
        s = self._dict_strs.get(kw)
        if s is None:
            a = kw - self._rb
            n = self._w[(a >> 3) + 1]
            s = self._dict_strs[kw] = js_str(_utf16_decode(
                self._b[a + 16:a + 16 + 2 * n], "surrogatepass", True)[0])
        return s

    def _dict_find(self, v: int, h: int, key: str) -> tuple[int, int]:
        """Probe the table of the vector at word ``v`` for ``key`` (hash ``h``): (word
        index of its pair's key, -1) when present, else (-1, word index of the empty
        index entry where it would go)."""
        w = self._w
        bits = w[v + 4] & 0xFFFF_FFFF
        mask = (1 << bits) - 1
        ix = v + 2 + DICT_HEAD
        pairs = ix + mask + 1
        j = h >> (64 - bits)
        tag = h >> 33
        while True:
            e = w[ix + j]
            if not e:
                return -1, ix + j
            if e >> 32 == tag:
                q = pairs + 2 * ((e & 0xFFFF_FFFF) - 1)
                kw = w[q]
                if kw != HOLE_WORD and self._dict_str(kw) == key:
                    return q, -1
            j = (j + 1) & mask

    def own_index(self, i: int, s: Shape, key: str) -> int | None:
        """Word index of own property ``key`` of the object, closure or array at word ``i``
        of shape ``s`` (None: absent); dictionary objects included."""
        if s.dict:
            return self.dict_slot(i, key)
        k = s.keys.get(key)
        return None if k is None else self._slot_index(i, s, k)

    def dict_slot(self, i: int, key: str) -> int | None:
        """Word index of the value of own property ``key`` of the dictionary object at
        word ``i`` (None: absent)."""
        w = self._w
        a = w[i + 1]
        memo = self._dict_memo.get(a)
        if memo is None:
            memo = self._dict_memo[a] = {}
        else:
            j = memo.get(key)
            if j is not None:
                return j
        got = self._dict_keys.get(key)  # (_dict_find in line: the interpreter's path)
        h, k = self._dict_key(key) if got is None else got
        v = (a - self._base) >> 3
        bits = w[v + 4] & 0xFFFF_FFFF
        ix = v + 2 + DICT_HEAD
        j = h >> (64 - bits)
        e = w[ix + j]
        if not e:
            return None
        tag = h >> 33
        strs = self._dict_strs
        while e:
            if e >> 32 == tag:
                q = ix + (1 << bits) + 2 * ((e & 0xFFFF_FFFF) - 1)
                kw = w[q]
                if kw != HOLE_WORD:
                    ks = strs.get(kw)
                    if (self._dict_str(kw) if ks is None else ks) == k:
                        memo[key] = q + 1
                        return q + 1
            j = (j + 1) & ((1 << bits) - 1)
            e = w[ix + j]
        return None

    def dict_slot_word(self, i: int, kw: int) -> int | None:
        """:meth:`dict_slot` for the key whose string cell is the word ``kw`` (the
        interpreter's ``o[k]``): the probe remembered under the word too, which names its
        string until the next collection, when the memo is emptied anyway."""
        a = self._w[i + 1]
        memo = self._dict_memo.get(a)
        if memo is not None:
            j = memo.get(kw)
            if j is not None:
                return j
        j = self.dict_slot(i, self._dict_str(kw))
        if j is not None:
            self._dict_memo[a][kw] = j  # (dict_slot made the vector's memo)
        return j

    def own_keys(self, i: int, s: Shape) -> list[str]:
        """Own keys (hidden and accessor ones too) of the cell at word ``i``, in insertion
        order."""
        if not s.dict:
            return list(s.keys)
        w = self._w
        v = (w[i + 1] - self._base) >> 3
        count = w[v + 2] & 0xFFFF_FFFF
        p = v + 2 + DICT_HEAD + (1 << (w[v + 4] & 0xFFFF_FFFF))
        key = self._dict_str
        return [key(kw) for kw in w[p:p + 2 * count:2].tolist() if kw != HOLE_WORD]

    def dict_key_words(self, i: int) -> list[int]:
        """The key words of the pairs of the dictionary object at word ``i`` (its table's
        own string cells; the hole word for a deleted pair), by pair number: good until
        the next allocation."""
        w = self._w
        v = (w[i + 1] - self._base) >> 3
        count = w[v + 2] & 0xFFFF_FFFF
        p = v + 2 + DICT_HEAD + (1 << (w[v + 4] & 0xFFFF_FFFF))
        return list(w[p:p + 2 * count:2].tolist())

    def dict_plain_key_words(self, i: int) -> list[int] | None:
        """The live key words of the dictionary object at word ``i`` in insertion order
        when no key is empty or starts with a digit or a unit below 2 (so none is
        index-like, none is one of a VM's own NUL- or accessor-prefixed keys, and the
        order is the pairs'), read from the key cells' first unit words without
        decoding them; None otherwise. Good until the next allocation."""
        w, base = self._w, self._base
        kws = [kw for kw in self.dict_key_words(i) if kw != HOLE_WORD]
        first = STRING_DATA - base
        for kw in kws:
            u = w[((kw & ADDR_MASK) + first) >> 3] & 0xFFFF
            if u < 2 or 0x30 <= u <= 0x39:
                return None
        return kws

    def _dict_alloc(self, n: int) -> tuple[int, int]:
        """A new dictionary vector with room for ``n`` pairs and as many again (allocates:
        the caller roots what it holds): its address and bits."""
        bits = 4
        while 1 << (bits - 1) < 2 * n:
            bits += 1
        return self._alloc_vector(DICT_HEAD + (2 << bits)), bits

    def _dict_fill(self, vec: int, bits: int, pairs: list[tuple[int, int]]) -> None:
        """Write ``pairs`` (key string word, value word; in order) into the new
        dictionary vector at ``vec`` of ``bits`` (allocates nothing)."""
        key, hkey = self._dict_str, self._dict_key
        self._dict_place(vec, bits, [(hkey(key(kw))[0] >> 33, kw, val) for kw, val in pairs])

    def _dict_place(self, vec: int, bits: int, entries: list[tuple[int, int, int]]) -> None:
        """Write ``entries`` (a key's tag -- its hash's top 31 bits --, its string word,
        the value word; in order) into the new dictionary vector at ``vec`` of ``bits``
        (allocates nothing). A tag fixes the key's place (``hash >> (64 - bits)`` is
        ``tag >> (31 - bits)``), so growing needs no key hashed again."""
        n = 1 << bits
        mask = n - 1
        shift = 31 - bits
        index = [0] * n
        out: list[int] = []
        for q, (t, kw, val) in enumerate(entries, 1):
            j = t >> shift
            while index[j]:
                j = (j + 1) & mask
            index[j] = t << 32 | q
            out += (kw, val)
        w = self._w
        v = (vec - self._base) >> 3
        ix = v + 2 + DICT_HEAD
        w[ix:ix + n] = array.array("Q", index)
        w[ix + n:ix + n + len(out)] = array.array("Q", out)
        w[v + 2] = INT_BASE | len(entries)
        w[v + 3] = INT_BASE | len(entries)
        w[v + 4] = INT_BASE | bits

    def to_dictionary(self, obj: Ref) -> None:
        """Move object ``obj`` to dictionary mode (its keys and values, in order)."""
        if isinstance(obj, Handle):
            obj = obj.word
        i, s = self._object(obj, "Heap.to_dictionary")
        if s.dict:
            return
        if s.kind != KIND_OBJECT:
            raise TypeError(f"Heap.to_dictionary: only objects have a dictionary mode, "
                            f"not {_an('a ' + KIND_NAMES[s.kind])}")
        keys = list(s.keys)
        with self.handle(obj) as oh:
            held: list[Handle] = []
            try:
                for key in keys:  # the table's own key cells (each may collect)
                    held.append(self.handle(self.alloc_string(key)))
                vec, bits = self._dict_alloc(len(keys))
                w = self._w
                i = (oh.word - self._rb) >> 3
                self._dict_fill(vec, bits, [
                    (hd.word, int(w[self._slot_index(i, s, s.keys[key])]))
                    for hd, key in zip(held, keys, strict=True)])
            finally:
                for hd in held:
                    hd.release()
        d = self.dict_shape(self.shape_proto(s), s.capacity)
        w[i] = d.address
        w[i + 1] = vec
        w[i + 2:i + 2 + s.capacity] = _undefined(s.capacity)

    def _dict_regrow(self, v: int, bits: int, count: int, vec: int, nbits: int, tag: int,
                     kw: int, value: int) -> None:
        """Fill the new dictionary vector at ``vec`` (of ``nbits``) with the live pairs of
        the full one at word ``v`` (of ``bits``, ``count`` pairs used), in order, then the
        pair (``kw``, ``value``) of tag ``tag``; allocates nothing. Each key's tag is read
        from its old index entry (:meth:`_dict_place`: no key is hashed again)."""
        w = self._w
        ix = v + 2 + DICT_HEAD
        tags = [0] * count
        for e in w[ix:ix + (1 << bits)].tolist():
            if e:
                tags[(e & 0xFFFF_FFFF) - 1] = e >> 32
        p = ix + (1 << bits)
        old = w[p:p + 2 * count].tolist()
        entries = [(tags[c], old[2 * c], old[2 * c + 1]) for c in range(count)
                   if old[2 * c] != HOLE_WORD]
        entries.append((tag, kw, value))
        self._dict_place(vec, nbits, entries)

    def _dict_put(self, obj: int, i: int, key: str, value: int) -> None:
        h, key = self._dict_key(key)
        w = self._w
        v = (w[i + 1] - self._base) >> 3
        q, at = self._dict_find(v, h, key)
        if q >= 0:
            w[q + 1] = value
            return
        at -= v  # (its place in the vector, which the allocation may move)
        sc = self._scratch
        n0 = len(sc)
        sc += (obj, value)
        try:
            sc.append(self.alloc_string(key))  # the table's own cell for the key
            w = self._w
            i = (sc[-3] - self._rb) >> 3
            v = (w[i + 1] - self._base) >> 3
            count = w[v + 2] & 0xFFFF_FFFF
            bits = w[v + 4] & 0xFFFF_FFFF
            if count >= 1 << (bits - 1):  # full: a new table of the live pairs and this one
                vec, nbits = self._dict_alloc((w[v + 3] & 0xFFFF_FFFF) + 1)
                w = self._w  # (the old vector moved with the object: read it again)
                i = (sc[-3] - self._rb) >> 3
                v = (w[i + 1] - self._base) >> 3
                self._dict_regrow(v, bits, count, vec, nbits, h >> 33, sc[-1], sc[-2])
                w[i + 1] = vec
                return
            kw, value = sc[-1], sc[-2]
        finally:
            del sc[n0:]
        p = v + 2 + DICT_HEAD + (1 << bits) + 2 * count
        w[p] = kw
        w[p + 1] = value
        w[v + at] = (h >> 33) << 32 | (count + 1)
        w[v + 2] = INT_BASE | (count + 1)
        w[v + 3] = INT_BASE | ((w[v + 3] & 0xFFFF_FFFF) + 1)

    def dict_delete(self, obj: Ref, key: str) -> bool:
        """Delete own ``key`` of dictionary object ``obj``; whether it was there."""
        if isinstance(obj, Handle):
            obj = obj.word
        i, s = self._object(obj, "Heap.dict_delete")
        if not s.dict:
            raise TypeError("Heap.dict_delete: not a dictionary object")
        h, key = self._dict_key(key)
        w = self._w
        v = (w[i + 1] - self._base) >> 3
        q = self._dict_find(v, h, key)[0]
        if q < 0:
            return False
        memo = self._dict_memo.get(w[i + 1])
        if memo:
            memo.clear()  # (under the caller's form of the key, perhaps another)
        w[q] = HOLE_WORD  # (its index entry stays: probes go past it)
        w[q + 1] = UNDEFINED_WORD
        w[v + 3] = INT_BASE | ((w[v + 3] & 0xFFFF_FFFF) - 1)
        return True

    def _slot_index(self, i: int, s: Shape, k: int) -> int:
        """Word index of property number ``k`` of the cell at word ``i`` of shape ``s``."""
        cap = s.capacity
        if k < cap:
            return i + (s.slot_offset >> 3) + k
        return ((self._w[i + s.oob] - self._base) >> 3) + 2 + k - cap

    def get_own(self, obj: Ref, key: str) -> int | None:
        """Own property ``key`` of object ``obj`` (None if absent)."""
        i, s = self._object(obj, "Heap.get_own")
        j = self.own_index(i, s, key)
        return None if j is None else int(self._w[j])

    def get(self, obj: Ref, key: str) -> int:
        """Property ``key`` of ``obj`` along its prototype chain (undefined if absent)."""
        i, s = self._object(obj, "Heap.get")
        while True:
            j = self.own_index(i, s, key)
            if j is not None:
                return int(self._w[j])
            proto = self._sw[(s.id * ShapeCell.SIZE + ShapeCell.PROTO) >> 3]
            if proto == NULL_WORD:
                return UNDEFINED_WORD
            i, s = self._object(proto, "Heap.get: prototype")

    def put(self, obj: Ref, key: str, value: int) -> None:
        """Set own property ``key`` of ``obj`` (adding it: a shape transition, and an
        out-of-line slot vector once the inline slots are used up)."""
        if isinstance(obj, Handle):
            obj = obj.word
        i, s = self._object(obj, "Heap.put")
        if s.dict:
            self._dict_put(obj, i, key, value)
            return
        keys = s.keys
        k = keys.get(key)
        if k is not None:
            if k < s.capacity:  # an own inline slot
                self._w[i + (s.slot_offset >> 3) + k] = value
                return
        elif (nk := len(keys)) < 8 and nk < s.capacity \
                and 10 * len(self._shapes) <= 9 * self.max_shapes:
            # a key added in an inline slot (object literals, constructors): no dictionary
            # mode below 8 keys while shape space is not nearly full, no slot vector
            t = s.transitions.get(key) or self.with_key(s, key)
            w = self._w
            w[i] = t.address
            w[i + (s.slot_offset >> 3) + nk] = value
            return
        if k is None and s.kind == KIND_OBJECT and (
                len(s.keys) >= DICT_KEYS
                or (len(s.keys) >= 8 and 2 * len(self._shapes) > self.max_shapes)
                or 10 * len(self._shapes) > 9 * self.max_shapes):
            # many keys, or shape space filling up: this object keeps its own keys
            sc = self._scratch
            sc += (obj, value)
            try:
                self.to_dictionary(obj)  # (allocates: both are read back from the roots)
            finally:
                value, obj = sc.pop(), sc.pop()
            self.put(obj, key, value)
            return
        if k is None:
            t = s.transitions.get(key) or self.with_key(s, key)
            k = len(s.keys)
            cap = t.capacity
            if k >= cap:
                w = self._w
                oob = s.oob
                old = w[i + oob]
                have = w[((old - self._base) >> 3) + 1] if old else 0
                if k - cap >= have:
                    sc = self._scratch
                    sc += (obj, value)
                    try:
                        vec = self._alloc_vector(max(4, 2 * have, k - cap + 1))
                    finally:
                        value, obj = sc.pop(), sc.pop()
                    w = self._w  # the objects may have moved
                    i = (obj - self._rb) >> 3
                    old = w[i + oob]
                    if old:
                        o = (old - self._base) >> 3
                        v = (vec - self._base) >> 3
                        w[v + 2:v + 2 + have] = w[o + 2:o + 2 + have]
                    w[i + oob] = vec
            self._w[i] = t.address
            s = t
        self._w[self._slot_index(i, s, k)] = value

    def keys(self, obj: Ref) -> list[str]:
        """Own property names of ``obj`` in insertion order."""
        if self.kind(obj) not in ("object", "closure", "array"):
            return []
        i, s = self._object(obj, "Heap.keys")
        return self.own_keys(i, s)

    def closure_code(self, fn: Ref) -> int:
        """The code id of closure ``fn``."""
        a = self._cell(fn, "Heap.closure_code", KIND_CLOSURE)
        return int(self._w[((a - self._base) >> 3) + 2])

    def closure_context(self, fn: Ref) -> int:
        """The context reference of closure ``fn`` (undefined if none)."""
        a = self._cell(fn, "Heap.closure_context", KIND_CLOSURE)
        c = self._w[((a - self._base) >> 3) + 3]
        return REF_BASE | c if c else UNDEFINED_WORD

    def array_length(self, arr: Ref) -> int:
        """``arr.length``."""
        a = self._cell(arr, "Heap.array_length", KIND_ARRAY)
        return int(self._w[((a - self._base) >> 3) + 1])

    def array_get(self, arr: Ref, index: int) -> int:
        """Element ``index`` of ``arr`` (the hole word for a hole; undefined past the end)."""
        a = self._cell(arr, "Heap.array_get", KIND_ARRAY)
        w = self._w
        i = (a - self._base) >> 3
        if not isinstance(index, int) or index < 0:
            raise IndexError(f"Heap.array_get: index must be an int >= 0, got {index!r}")
        if index >= w[i + 1]:
            return UNDEFINED_WORD
        return int(w[((w[i + 3] - self._base) >> 3) + 2 + index])

    def array_set(self, arr: Ref, index: int, value: int) -> None:
        """Store element ``index`` (growing the backing vector and the length as needed)."""
        if isinstance(arr, Handle):
            arr = arr.word
        a = self._cell(arr, "Heap.array_set", KIND_ARRAY)
        if not isinstance(index, int) or not 0 <= index < self.max_semispace // 8:
            raise IndexError(f"Heap.array_set: index must be in [0, {self.max_semispace // 8}), "
                             f"got {index!r}")
        w = self._w
        i = (a - self._base) >> 3
        cap = w[i + 2]
        if index >= cap:
            sc = self._scratch
            sc += (arr, value)
            try:
                vec = self._alloc_vector(max(4, 2 * cap, index + 1))
            finally:
                value, arr = sc.pop(), sc.pop()
            w = self._w
            a = arr & ADDR_MASK
            i = (a - self._base) >> 3
            if cap:
                o = (w[i + 3] - self._base) >> 3
                v = (vec - self._base) >> 3
                w[v + 2:v + 2 + cap] = w[o + 2:o + 2 + cap]
            w[i + 2] = w[((vec - self._base) >> 3) + 1]
            w[i + 3] = vec
        w[((w[i + 3] - self._base) >> 3) + 2 + index] = value
        if index >= w[i + 1]:
            w[i + 1] = index + 1

    def array_push(self, arr: Ref, value: int) -> int:
        """Append ``value``; returns the new length."""
        n = self.array_length(arr)
        self.array_set(arr, n, value)
        return n + 1

    def string_length(self, s: Ref) -> int:
        """Length of string ``s`` in UTF-16 units."""
        a = self._cell(s, "Heap.string_length", KIND_STRING)
        return int(self._w[((a - self._base) >> 3) + 1])

    def read_string(self, s: Ref) -> str:
        """The Python ``str`` of string ``s`` (UTF-16 units; surrogate pairs joined)."""
        a = self._cell(s, "Heap.read_string", KIND_STRING)
        n = self._w[((a - self._base) >> 3) + 1]
        start = a - self._base + 16
        data = bytes(self._b[start:start + 2 * n])
        return _utf16_decode(data, "surrogatepass", True)[0]

    def context_get(self, ctx: Ref, index: int) -> int:
        """Slot ``index`` (1..n) of context ``ctx``; index 0 is the parent (a reference or
        undefined)."""
        a = self._cell(ctx, "Heap.context_get", KIND_CONTEXT)
        w = self._w
        i = (a - self._base) >> 3
        self._check_index("Heap.context_get", index, w[i + 1] + 1)
        if index == 0:
            p = w[i + 2]
            return REF_BASE | p if p else UNDEFINED_WORD
        return int(w[i + 2 + index])

    def context_set(self, ctx: Ref, index: int, value: int) -> None:
        """Store slot ``index`` (1..n) of context ``ctx``."""
        a = self._cell(ctx, "Heap.context_set", KIND_CONTEXT)
        w = self._w
        i = (a - self._base) >> 3
        self._check_index("Heap.context_set", index - 1, w[i + 1])
        w[i + 2 + index] = value

    def read_word(self, address: int) -> int:
        """The heap word at byte ``address`` (any cell field)."""
        if not self._base <= address < self._ctx[0] or address & 7:
            raise ValueError(f"Heap.read_word: {address:#x} is not an allocated heap word")
        return int(self._w[(address - self._base) >> 3])

    # -- handles ----------------------------------------------------------------------

    def epoch_cache(self) -> dict[Any, Any]:
        """A new dict that every collection empties: for Python-side data keyed by cell
        addresses (which name a cell only until the next collection)."""
        d: dict[Any, Any] = {}
        self._epoch_caches.append(d)
        return d

    def handle(self, w: int) -> Handle:
        """A root for value word ``w`` that follows it when the collector moves it."""
        free = self._free_handles
        if free:
            i = free.pop()
            self._handles[i] = w
        else:
            i = len(self._handles)
            self._handles.append(w)
        # (Handle.__init__'s two stores without its Python frame: a handle per `with`
        # in the built-ins and the realm)
        hd = _new_handle(Handle)
        hd._heap = self
        hd.index = i
        return hd

    @property
    def live_handles(self) -> int:
        """Handles not released."""
        return len(self._handles) - len(self._free_handles)

    # -- the word stack ---------------------------------------------------------------

    def push_frame(self, nslots: int) -> int:
        """Push a frame of ``nslots`` value words (undefined); returns its ``fp`` (the
        address of slot 0; slot n is at ``fp + 8*n``)."""
        c = self._ctx
        sp = c[Ctx.SP >> 3]
        fp = sp + FRAME_HEADER
        end = fp + 8 * nslots
        if not isinstance(nslots, int) or nslots < 0:
            raise ValueError(f"Heap.push_frame: nslots must be an int >= 0, got {nslots!r}")
        if end > c[Ctx.STACK_LIMIT >> 3]:
            raise RecursionError(f"Heap.push_frame: a frame of {nslots} slots overflows the "
                                 f"word stack ({self.stack_words} words)")
        s = self._words_of_stack(end)
        i = (fp - c[Ctx.STACK_BASE >> 3]) >> 3
        s[i - 2] = c[Ctx.FP >> 3]
        s[i - 1] = nslots
        s[i:i + nslots] = _undefined(nslots)
        c[Ctx.FP >> 3] = fp
        c[Ctx.SP >> 3] = end
        return int(fp)

    def pop_frame(self) -> None:
        """Pop the innermost frame."""
        c = self._ctx
        fp = c[Ctx.FP >> 3]
        if not fp:
            raise ValueError("Heap.pop_frame: no frame")
        i = (fp - c[Ctx.STACK_BASE >> 3]) >> 3
        c[Ctx.SP >> 3] = fp - FRAME_HEADER
        c[Ctx.FP >> 3] = self._words_of_stack(0)[i - 2]

    @property
    def fp(self) -> int:
        """The innermost frame's address (0: none)."""
        return int(self._ctx[Ctx.FP >> 3])

    def _frame_index(self, fp: int, n: int, what: str) -> int:
        i = (fp - self._stack_block.address) >> 3
        if not 2 <= i < len(self._stack) or fp & 7:
            raise ValueError(f"{what}: {fp:#x} is not a frame address")
        s = self._words_of_stack(0)
        if i >= len(s):  # (past the listed words: no frame is there)
            raise ValueError(f"{what}: {fp:#x} is not a frame address")
        self._check_index(what, n, s[i - 1])
        return i + n

    def frame_get(self, fp: int, n: int) -> int:
        """Slot ``n`` of the frame at ``fp``."""
        k = self._frame_index(fp, n, "Heap.frame_get")
        return int(self._words_of_stack(0)[k])

    def frame_set(self, fp: int, n: int, w: int) -> None:
        """Store slot ``n`` of the frame at ``fp``."""
        k = self._frame_index(fp, n, "Heap.frame_set")
        self._words_of_stack(0)[k] = w

    def frames(self) -> Iterator[tuple[int, int]]:
        """``(fp, nslots)`` of every frame, innermost first (the frame-pointer chain)."""
        s = self._words_of_stack(0)
        sb = self._stack_block.address
        fp = self._ctx[Ctx.FP >> 3]
        while fp:
            i = (fp - sb) >> 3
            yield int(fp), int(s[i - 1])
            fp = s[i - 2]

    # -- frames held in a Python list ---------------------------------------------------
    #
    # An interpreter may keep the word stack's words in a Python list (an item read or
    # written costs about half a memoryview's, and makes no new int): the list is then
    # the frames' copy, and the memory is brought up to date whenever something else
    # reads it -- before every collection (the collector reads and moves the frames'
    # references; the list is read back after it) and when machine code may run
    # (memory_frames ends the list). Words above the stack pointer are no frame's.

    def list_frames(self, words: int) -> list[int]:
        """Hold the word stack in a Python list of its first ``words`` words (grown by
        :meth:`grow_frames` up to the whole stack); the list, also :attr:`frames_list`."""
        if self.frames_list is None:
            self.frames_list = self._stack[0:min(max(words, 16), len(self._stack))].tolist()
            self._ctx = self._ctxm.tolist()  # (the context words too: ended with the list)
        return self.frames_list

    def grow_frames(self, top: int) -> int:
        """Make the list reach the stack address ``top`` (a frame's end), or raise
        RecursionError when ``top`` is past the word stack's end; the list's new end
        (an address: frames ending there or below fit)."""
        c = self._ctx
        L = self.frames_list
        if top > c[Ctx.STACK_LIMIT >> 3] or L is None:
            raise RecursionError("word stack exhausted")
        sb = self._stack_block.address
        n = len(L)
        if top <= sb + 8 * n:  # (grown already: by another pusher)
            return sb + 8 * n
        want = min(max(2 * n, (top - sb + 7) >> 3), len(self._stack))
        L.extend(self._stack[n:want].tolist())
        return sb + 8 * want

    def frames_end(self) -> int:
        """The address past the last word the frames may use now: the list's end while
        the frames are in a list, else the word stack's."""
        L = self.frames_list
        if L is None:
            return int(self._ctx[Ctx.STACK_LIMIT >> 3])
        return self._stack_block.address + 8 * len(L)

    def memory_frames(self) -> None:
        """Write the listed frames to memory and end the list (the memory is the frames'
        only copy again)."""
        if self.frames_list is not None:
            self._frames_to_memory()
            self.frames_list = None
            self._ctx_to_memory()
            self._ctx = self._ctxm

    def _ctx_to_memory(self) -> None:
        """Write the listed context words to the block (the block is then exact)."""
        c = self._ctx
        if isinstance(c, list):
            self._ctxm[:] = array.array("Q", c)

    def _frames_to_memory(self) -> int:
        """Write the words below the stack pointer from the list to memory; how many."""
        L = self.frames_list
        assert L is not None
        n = (self._ctx[Ctx.SP >> 3] - self._stack_block.address) >> 3
        if n > 0:
            self._stack[0:n] = array.array("Q", L[0:n])
        return max(n, 0)

    def _words_of_stack(self, end: int) -> Any:
        """The word stack's current copy (the list reaching ``end``, or the memory)."""
        L = self.frames_list
        if L is None:
            return self._stack
        if end > self._stack_block.address + 8 * len(L):
            self.grow_frames(end)
        return L

    # -- the collector ----------------------------------------------------------------

    def collect(self, need: int = 0) -> None:
        """Copy every live cell to the other semispace (Cheney); then ``need`` more bytes
        must fit, or :class:`~a64js.errors.JSHeapError` is raised.

        Roots: the context block's runtime roots, the handles, the frames on the word
        stack (the fp chain), the prototypes in shape cells and the scratch roots of an
        allocation in progress.
        """
        live = self._collect()
        if (live + need) * 2 > self.semispace and self.semispace < self.max_semispace:
            self._grow(live + need)
            live = self.stats.last_live
        if live + need > self.semispace:
            raise JSHeapError(f"heap exhausted: {live} bytes live after collection, "
                              f"{need} more requested, semispace is {self.semispace} bytes")

    def _grow(self, want: int) -> None:
        """Move to two semispaces of at least twice ``want`` bytes (up to the maximum):
        the free space is replaced by a bigger block and collected into, then the other."""
        from a64jit import alloc_data

        size = self.semispace
        while size < 2 * want and size < self.max_semispace:
            size *= 2
        size = min(size, self.max_semispace)
        for _ in range(2):
            free = 1 - self._current
            self._views[free].release()
            self._bviews[free].release()
            self._spaces[free].close()
            self._spaces[free] = alloc_data(size, backend=self.backend)
            self._views[free] = memoryview(self._spaces[free]).cast("Q")
            self._bviews[free] = memoryview(self._spaces[free]).cast("B")
            self._collect()
        self.semispace = len(self._spaces[self._current])

    def _make_gc_code(self) -> None:
        """Install the generated collector (``heapgc``) in a buffer of its own."""
        import ctypes

        from a64jit import JitBuffer, MacroAssembler

        from .heapgc import emit_collector

        m = MacroAssembler()
        emit_collector(m)
        self._gc_buf = JitBuffer(backend=self.backend)
        u64 = ctypes.c_uint64
        self._gc_code = self._gc_buf.install(m, restype=u64, argtypes=[u64] * 4,
                                             name="a64js_gc_copy")

    def _collect(self) -> int:
        """One copy into the free semispace; the bytes live. Listed frames are written
        to memory first and read back after (the collector updates their references)."""
        L = self.frames_list
        if L is None:
            return self._copy()
        n = self._frames_to_memory()
        # the listed context words too: the copy runs on the block (the generated
        # collector reads it; the roots are updated there), read back in place after
        # (generated blocks hold the list itself)
        c = self._ctx
        if isinstance(c, list):
            self._ctx_to_memory()
            self._ctx = self._ctxm
        try:
            return self._copy()
        finally:
            if isinstance(c, list):
                c[:] = self._ctxm.tolist()
                self._ctx = c
            if n:
                L[0:n] = self._stack[0:n].tolist()

    def _copy(self) -> int:
        """One copy into the free semispace; the bytes live."""
        if self._collector == "auto":  # the first collection: code natively (see __init__)
            from a64jit import current_backend

            b = self.backend
            name = current_backend() if b is None else getattr(b, "name", b)
            self._collector = "code" if name == "native" else "python"
            if self._collector == "code":
                self._make_gc_code()
        t0 = time.perf_counter()
        c = self._ctx
        st = self.stats
        st.bytes_allocated += c[0] - self._epoch_top
        fw = self._w
        nxt = 1 - self._current
        tw = self._views[nxt]
        tbase = self._spaces[nxt].address
        if self._gc_code is not None:
            live = self._copy_code(tbase)
        else:
            live = self._copy_python(tw, tbase)
        if self._weak:
            self._update_weak(fw)
        if self.poison:
            fw.cast("B")[:] = b"\xdb" * (len(fw) * 8)
        for cache in self._epoch_caches:
            cache.clear()
        self._current = nxt
        self._w = tw
        self._b = self._bviews[nxt]
        self._base = tbase
        self._rb = REF_BASE + tbase
        self._end = tbase + len(self._spaces[nxt])
        c[0] = tbase + live
        c[1] = self._end
        c[Ctx.SPACE_BASE >> 3] = tbase
        c[Ctx.GC_COUNT >> 3] += 1
        self._epoch_top = tbase + live
        dt = time.perf_counter() - t0
        st.collections += 1
        st.bytes_copied += live
        st.last_live = live
        st.last_pause = dt
        st.total_pause += dt
        st.max_pause = max(st.max_pause, dt)
        return live

    def _update_weak(self, fw: Any) -> None:
        """After a copy (from-space ``fw`` still intact): a weak reference to a copied
        cell follows it (the forwarding header), one to a cell not copied is dead."""
        fbase = self._base
        fend = fbase + 8 * len(fw)
        weak = self._weak
        for j, v in enumerate(weak):
            if v >> 48 == TAG_REF and fbase <= v & ADDR_MASK < fend:
                h = fw[((v & ADDR_MASK) - fbase) >> 3]
                weak[j] = int(h) if h >> 48 else UNDEFINED_WORD

    def weak_handle(self, w: int) -> int:
        """A weak reference to value word ``w``: its number, for :meth:`weak_get`. It does
        not keep the cell alive; the collector updates it while the cell lives."""
        if self._weak_free:
            i = self._weak_free.pop()
            self._weak[i] = w
        else:
            i = len(self._weak)
            self._weak.append(w)
        return i

    def weak_get(self, i: int) -> int | None:
        """The word weak reference ``i`` holds (None once its cell died)."""
        w = self._weak[i]
        return None if w == UNDEFINED_WORD else w

    def weak_release(self, i: int) -> None:
        """Forget weak reference ``i`` (its number may be given out again)."""
        self._weak[i] = UNDEFINED_WORD
        self._weak_free.append(i)

    def _copy_python(self, tw: Any, tbase: int) -> int:
        """The Cheney copy in Python (to the space ``tw`` at ``tbase``); returns the
        bytes copied."""
        c = self._ctx
        fw = self._w
        fbase = self._base
        fend = self._end
        layout = self._layout
        free = 0
        ref = REF_BASE
        mask = ADDR_MASK

        def fwd(a: int) -> int:
            """The reference word of the cell at from-space address ``a``, copying it
            (once: its header becomes that word, a forwarding pointer)."""
            nonlocal free
            i = (a - fbase) >> 3
            h = fw[i]
            if h >> 48:
                return int(h)  # already copied
            lay = layout.get(h)
            if lay is None:
                raise RuntimeError(f"heap corrupt: cell at {a:#x} has header {h:#x}")
            n = lay[1] or _var_words(lay[0], fw[i + 1])
            tw[free:free + n] = fw[i:i + n]
            new = ref | (tbase + (free << 3))
            fw[i] = new
            free += n
            return new

        def fwd_words(m: Any, lo: int, hi: int) -> None:
            for j in range(lo, hi):
                v = m[j]
                if v >> 48 == TAG_REF and fbase <= v & mask < fend:
                    m[j] = fwd(v & mask)

        fwd_words(c, Ctx.ROOTS >> 3, (Ctx.ROOTS >> 3) + Ctx.NROOTS)
        sw = self._sw
        for sid in range(len(self._shapes)):
            j = sid * (ShapeCell.SIZE >> 3) + 3
            v = sw[j]
            if v >> 48 == TAG_REF and fbase <= v & mask < fend:
                sw[j] = fwd(v & mask)
        for roots in (self._handles, self._scratch):
            for j, v in enumerate(roots):
                if v >> 48 == TAG_REF and fbase <= v & mask < fend:
                    roots[j] = fwd(v & mask)
        s = self._stack
        sb = self._stack_block.address
        fp = c[Ctx.FP >> 3]
        while fp:
            i = (fp - sb) >> 3
            fwd_words(s, i, i + s[i - 1])
            fp = s[i - 2]

        # Cheney scan: the cells between scan and free are copied but not yet scanned.
        # A kind's value words are [lo, scan + n); its raw pointers are listed in RAW.
        scan = 0
        lo = 0
        while scan < free:
            kind, n = layout[tw[scan]]
            if kind == KIND_OBJECT:
                lo = scan + 2
            elif kind == KIND_VECTOR:
                n = 2 + tw[scan + 1]
                lo = scan + 2
            elif kind == KIND_STRING:
                scan += _var_words(KIND_STRING, tw[scan + 1])
                continue
            elif kind == KIND_CONTEXT:
                n = 3 + tw[scan + 1]
                lo = scan + 3
            elif kind == KIND_CLOSURE:
                lo = scan + 4
            elif kind == KIND_ARRAY:
                lo = scan + n  # raw pointers only
            else:
                raise RuntimeError(f"heap corrupt: a {KIND_NAMES[kind]} cell in the heap "
                                   f"at {tbase + 8 * scan:#x}")
            for f in _RAW[kind]:
                p = tw[scan + f]
                if fbase <= p < fend:
                    tw[scan + f] = fwd(p) & mask
            for j in range(lo, scan + n):
                v = tw[j]
                if v >> 48 == TAG_REF:
                    a = v & mask
                    if fbase <= a < fend:
                        h = fw[(a - fbase) >> 3]
                        tw[j] = h if h >> 48 else fwd(a)
            scan += n

        return free << 3

    def _copy_code(self, tbase: int) -> int:
        """The Cheney copy by generated code (``heapgc``); returns the bytes copied."""
        protos = [self._sw[sid * (ShapeCell.SIZE >> 3) + 3] for sid in range(len(self._shapes))]
        words = protos + self._handles + self._scratch
        n = len(words)
        if self._roots_block is None or len(self._roots_block) < 8 * n:
            from a64jit import alloc_data

            if self._roots_view is not None:
                self._roots_view.release()
            self._roots_block = alloc_data(max(4096, 16 * n), backend=self.backend)
            self._roots_view = memoryview(self._roots_block).cast("Q")
        rv = self._roots_view
        assert rv is not None and self._gc_code is not None
        import array

        rv[:n] = memoryview(array.array("Q", words))
        top = self._gc_code(self.context_address, self._roots_block.address, n, tbase)
        if not top:
            raise RuntimeError("heap corrupt: the collector met a cell of no heap kind")
        back = rv[:n].tolist()
        sw = self._sw
        np_ = len(protos)
        for sid in range(np_):
            sw[sid * (ShapeCell.SIZE >> 3) + 3] = back[sid]
        nh = len(self._handles)
        self._handles[:] = back[np_:np_ + nh]
        self._scratch[:] = back[np_ + nh:]
        return int(top) - tbase

    def allocated_total(self) -> int:
        """Bytes allocated over the heap's life (Python and machine code)."""
        return self.stats.bytes_allocated + int(self._ctx[0]) - self._epoch_top

    def verify(self) -> int:
        """Check every cell of the current semispace and every root; returns the cell
        count. Raises RuntimeError naming the first inconsistency."""
        w = self._w
        base = self._base
        top = self._ctx[0]
        starts: set[int] = set()
        cells: list[tuple[int, int, int]] = []
        i = 0
        while base + 8 * i < top:
            lay = self._layout.get(w[i])
            if lay is None or lay[0] == KIND_SHAPE:
                raise RuntimeError(f"heap verify: bad header {w[i]:#x} at {base + 8 * i:#x}")
            n = lay[1] or _var_words(lay[0], w[i + 1])
            starts.add(base + 8 * i)
            cells.append((i, lay[0], n))
            i += n
        if base + 8 * i != top:
            raise RuntimeError("heap verify: the last cell runs past heap_top")

        def check(v: int, where: str, raw: bool = False) -> None:
            if raw:
                if v and v not in starts:
                    raise RuntimeError(f"heap verify: {where} points to {v:#x}, not a cell")
            elif v >> 48 == TAG_REF and (v & ADDR_MASK) not in starts:
                raise RuntimeError(f"heap verify: {where} holds {v:#x}, not a cell")

        for i, kind, n in cells:
            at = f"{KIND_NAMES[kind]} at {base + 8 * i:#x}"
            if kind == KIND_OBJECT:
                check(w[i + 1], at, True)
                vals = range(i + 2, i + n)
            elif kind == KIND_CLOSURE:
                check(w[i + 1], at, True)
                check(w[i + 3], at, True)
                vals = range(i + 4, i + n)
            elif kind == KIND_ARRAY:
                check(w[i + 3], at, True)
                check(w[i + (ARRAY_PROPS >> 3)], at, True)
                vals = range(0)
            elif kind == KIND_CONTEXT:
                check(w[i + 2], at, True)
                vals = range(i + 3, i + n)
            elif kind == KIND_VECTOR:
                vals = range(i + 2, i + n)
            else:
                vals = range(0)
            for j in vals:
                check(w[j], at)
        for h in self._handles:
            check(h, "a handle")
        for fp, n in self.frames():
            for k in range(n):
                check(self.frame_get(fp, k), f"frame {fp:#x} slot {k}")
        for k in range(Ctx.NROOTS):
            check(self.root(k), f"root {k}")
        for s in self._shapes:
            check(self.shape_proto(s), f"shape {s.id}'s prototype")
        return len(cells)

    # -- calls from generated code ----------------------------------------------------

    def gc_host_function(self) -> Any:
        """A host function ``uint64 gc_alloc(uint64 nbytes)`` for generated code whose bump
        allocation failed: collects, then allocates ``nbytes`` and returns the address,
        or 0 with a :class:`JSHeapError` pending (raised when the code's CodePtr call
        returns). A safepoint: every live reference must be in a frame slot, a handle or
        a context root."""
        if self._gc_host is None:
            import ctypes

            from a64jit import host_function

            def gc_alloc(nbytes: int) -> int:
                if nbytes <= 0 or nbytes & 7 or nbytes > self.max_semispace:
                    raise ValueError(f"gc_alloc: nbytes must be a positive multiple of 8 "
                                     f"up to {self.max_semispace}, got {nbytes}")
                return self._alloc(nbytes)

            self._gc_host = host_function(gc_alloc, ctypes.c_uint64, [ctypes.c_uint64],
                                          backend=self.backend)
        return self._gc_host

    def stack_view(self, fmt: str) -> Any:
        """The word stack as a memoryview of ``fmt`` items (``"d"``: doubles, for a VM that
        reads double words in place), released with the heap by :meth:`close`."""
        v: Any = memoryview(self._stack_block).cast(fmt)  # type: ignore[call-overload]
        self._extra_views.append(v)
        return v

    def close(self) -> None:
        """Release the data blocks (the heap is unusable afterwards)."""
        self.frames_list = None
        self._gc_host = None
        if self._gc_buf is not None:
            self._gc_code = None
            self._gc_buf.close()
        if self._roots_view is not None:
            self._roots_view.release()
            self._roots_block.close()
        self._ctx = self._ctxm  # (a listed copy is unusable afterwards too)
        views = [self._ctxm, *self._views, *self._bviews, self._stack, self._sw,
                 *self._extra_views]
        self._w = self._views[0]
        self._b = self._bviews[0]
        for v in views:
            v.release()
        for b in (self._ctx_block, *self._spaces, self._stack_block, self._shape_block):
            b.close()


_UNDEF_CACHE: dict[tuple[int, int], Any] = {}


def _words(w: int, n: int) -> Any:
    """``n`` copies of word ``w`` as a buffer a ``Q`` memoryview slice accepts."""
    key = (w, n)
    buf = _UNDEF_CACHE.get(key)
    if buf is None:
        buf = memoryview(array.array("Q", [w]) * n)
        if n <= 64:
            _UNDEF_CACHE[key] = buf
    return buf


def _undefined(n: int) -> Any:
    return _words(UNDEFINED_WORD, n)


__all__ = [
    "ARRAY_CAPACITY", "ARRAY_ELEMENTS", "ARRAY_LENGTH", "ARRAY_PROPS", "ARRAY_SIZE",
    "CELL_OOB",
    "CLOSURE_CODE", "CLOSURE_CONTEXT", "CLOSURE_HOME", "CLOSURE_SLOTS", "CLOSURE_THIS",
    "CONTEXT_LENGTH", "CONTEXT_PARENT", "FRAME_CALLER", "FRAME_HEADER", "FRAME_NSLOTS",
    "KIND_ARRAY", "KIND_CLOSURE", "KIND_CONTEXT", "KIND_NAMES", "KIND_OBJECT", "KIND_SHAPE",
    "KIND_STRING", "KIND_VECTOR", "OBJECT_SLOTS", "STRING_DATA", "STRING_LENGTH",
    "VECTOR_DATA", "VECTOR_LENGTH", "Ctx", "GCStats", "Handle", "Heap", "Shape", "ShapeCell",
]
