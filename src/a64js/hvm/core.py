"""The heap VM's realm and value model: words, strings, objects, calls on the heap of
``a64js.heap`` (DESIGN.md, "Heap VM").

Every JavaScript value is a 64-bit word (``a64js.words``); objects, arrays, strings,
closures and contexts are cells of one :class:`~a64js.heap.Heap`. A word held in a
Python local is valid only until the next allocation (which may collect and move
cells): code here reads frame slots again after anything that can allocate, and keeps
a :class:`~a64js.heap.Handle` for what it must hold across one.
"""

from __future__ import annotations

import array
import math
from codecs import utf_16_le_decode as _utf16_decode
from codecs import utf_16_le_encode as _utf16_encode
from collections.abc import Callable
from typing import Any

from ..bytecode import Code
from ..errors import JSCompileError, JSHeapError
from ..heap import (
    CLOSURE_HOME,
    CLOSURE_THIS,
    KIND_ARRAY,
    KIND_CLOSURE,
    KIND_CONTEXT,
    KIND_OBJECT,
    KIND_STRING,
    STRING_CELLS,
    Handle,
    Heap,
    Shape,
    string_cell,
)
from ..runtime import (
    MAX_DENSE_GAP,
    READ_ONLY_CONSTANTS,
    READ_ONLY_KEYS,
    accessor_message,
    delete_message,
    function_text,
    getter_only_message,
    nullish_message,
    primitive_store_message,
    private_message,
    read_only_message,
)
from ..values import (
    FIXED,
    HIDDEN,
    PRIVATE,
    is_index_key,
    js_str,
    number_to_string,
    string_to_number,
)
from ..words import (
    ADDR_MASK,
    CANONICAL_NAN,
    CONST_BASE,
    FALSE_WORD,
    HOLE_WORD,
    INT_BASE,
    NULL_WORD,
    REF_BASE,
    TAG_CONST,
    TAG_INT,
    TAG_REF,
    TAG_SHIFT,
    TRUE_WORD,
    UNDEFINED_WORD,
)

#: The word of a let/const/class binding before its declaration ran (the temporal dead
#: zone): a constant word past words.py's five, never a value a program can see.
UNINIT_WORD = CONST_BASE | 5
#: ``w >> 32 == INT_HI`` for every int32 word.
INT_HI = INT_BASE >> 32
M32 = 0xFFFF_FFFF
SGN = 0x8000_0000
#: Closure code ids from here up name native (Python) functions, below it bytecode.
NATIVE_BASE = 1 << 40
#: Hidden own keys (never listed): the root shape of objects whose prototype holds them.
K_ROOT = "\x00root"
K_CROOT = "\x00croot"
K_FIELDS = "\x00fields"
#: On a class's prototype and constructor: their methods and accessors are not
#: enumerable (as class syntax makes them).
K_CLASS = "\x00class"
#: Own keys made non-enumerable by Object.defineProperty: a string of them, joined by
#: NUL characters (the Python VM's rule too).
K_HIDDEN = HIDDEN
#: An accessor property ``k`` is the own key ``ACC + k`` holding a [getter, setter]
#: array (so a shape never mixes the data and accessor forms of one key).
ACC = "\x01"

# One word seen as a double (_bd) and as its bits (_bq): a double's word is two item
# stores and loads, where struct's pack and unpack took two calls and a tuple.
_bd: Any = memoryview(array.array("d", [0.0]))  # (typeshed: items are ints)
_bq: Any = _bd.cast("B").cast("Q")


class HVMUnsupported(JSCompileError):
    """A construct or built-in the heap VM does not run yet (CLI status 2). ``located``:
    the message names file:line:col (the interpreter adds the place of the instruction
    that met it)."""

    located = False


class ThrowPlaces:
    """Where each recently caught value was thrown first, for a finally block that throws
    it again: the place of the latest catch of that value word, found in one dict lookup.

    The values stay rooted (handles) while remembered, at most :attr:`LIMIT` of them; the
    lookup is keyed by word, which names a cell only until the next collection, so the
    dict is an epoch cache, refilled from the handles when a collection emptied it.
    """

    LIMIT = 64

    def __init__(self, heap: Heap) -> None:
        self.heap = heap
        self._caught: list[tuple[Handle, tuple[Code, int]]] = []
        self._by_word: dict[int, tuple[Code, int]] = heap.epoch_cache()

    def remember(self, word: int, where: tuple[Code, int]) -> None:
        """``word`` was caught; it was thrown first at ``where``."""
        caught = self._caught
        if len(caught) >= self.LIMIT:
            for h, _ in caught:
                h.release()
            caught.clear()
            self._by_word.clear()
        elif caught and not self._by_word:
            self._refill()
        caught.append((self.heap.handle(word), where))
        self._by_word[word] = where

    def remember_thrown(self, words: list[int], places: list[tuple[Code, int]]) -> None:
        """``words[k]`` caught, thrown at ``places[k]``, for each k in order: the same as
        ``remember(word, find(word) or place)`` for each in turn, with handles made only
        for the values kept (the JIT hands over 64 throws caught in machine code at a
        time; a handle made and released per value was most of the hand-over)."""
        n = len(words)
        if not n:
            return
        caught = self._caught
        by_word = self._by_word
        if caught and not by_word:
            self._refill()
        limit = self.LIMIT
        room = limit - len(caught)
        # the entries since the last clear, in order: the list is cleared when it holds
        # LIMIT and one more comes (remember's rule), so at the first value past the
        # room left, then at every LIMIT values
        cleared = n > room
        if by_word.keys().isdisjoint(words) and len(set(words)) == n:
            # (the usual case, checked in C: no value caught lately or twice here, so
            # each one's place is its own: only the last entries matter)
            if cleared:
                r = (n - room - 1) % limit + 1
                kept = list(zip(words[n - r:], places[n - r:], strict=True))
                by_word.clear()
            else:
                kept = list(zip(words, places, strict=True))
            by_word.update(kept)
        else:
            get = by_word.get
            kept = []
            start, end = 0, room
            while True:
                for word, place in zip(words[start:end], places[start:end], strict=True):
                    where = get(word) or place
                    by_word[word] = where
                    kept.append((word, where))
                if end >= n:
                    break
                word = words[end]
                where = get(word) or places[end]  # (find, then remember's clear)
                kept.clear()
                by_word.clear()
                by_word[word] = where
                kept.append((word, where))
                start, end = end + 1, end + limit
        old = []
        if cleared:  # the old entries went: their handles take the first kept values
            old = [h for h, _ in caught]
            caught.clear()
        heap = self.heap
        handles = heap._handles
        for h, (word, where) in zip(old, kept, strict=False):
            handles[h.index] = word
            caught.append((h, where))
        for word, where in kept[len(old):]:
            caught.append((heap.handle(word), where))
        for h in old[len(kept):]:
            h.release()

    def find(self, word: int) -> tuple[Code, int] | None:
        """The place ``word`` was thrown first, if it was caught lately."""
        if not self._caught:
            return None
        if not self._by_word:
            self._refill()
        return self._by_word.get(word)

    def _refill(self) -> None:
        by_word = self._by_word
        for h, where in self._caught:  # in order: the latest catch of a word wins
            by_word[h.word] = where


_places: ThrowPlaces | None = None
#: Called with the places before each use: the JIT's throws caught in machine code
#: record their values and places in data memory and hand them over here, in order.
places_hook: Callable[[ThrowPlaces], None] | None = None


def throw_places() -> ThrowPlaces:
    """The realm's :class:`ThrowPlaces` (made anew for a new heap)."""
    global _places
    places = _places
    if places is None or places.heap is not R.heap:
        places = _places = ThrowPlaces(R.heap)
    if places_hook is not None:
        places_hook(places)
    return places


class HThrow(Exception):
    """A JavaScript exception in flight in the heap VM; the thrown word is rooted."""

    def __init__(self, word: int) -> None:
        Exception.__init__(self)
        self.handle: Handle = R.heap.handle(word)
        self.where: tuple[Code, int] | None = None

    @property
    def word(self) -> int:
        """The thrown value (current after any collection)."""
        return self.handle.word


# -- numbers ----------------------------------------------------------------------------

def double_of(w: int) -> float:
    """The double of a double word."""
    _bq[0] = w
    r: float = _bd[0]
    return r


def int_of(w: int) -> int:
    """The int32 of an int word."""
    return ((w & M32) ^ SGN) - SGN


def num_word(x: float | int) -> int:
    """The word of number ``x``: an int32 word when integral in range (never -0)."""
    if type(x) is int:
        if -SGN <= x < SGN:
            return INT_BASE | (x & M32)
        _bd[0] = x  # (a double outside the int32 range: never NaN, never integral in it)
        w: int = _bq[0]
        return w
    if -2147483648.0 <= x <= 2147483647.0:  # (never NaN)
        i = int(x)
        if i == x and (i or math.copysign(1.0, x) > 0):  # integral, not -0
            return INT_BASE | (i & M32)
    elif x != x:
        return CANONICAL_NAN
    _bd[0] = x
    r: int = _bq[0]
    return r


def is_number(w: int) -> bool:
    """Whether ``w`` is a number word (int32 or double)."""
    return w >> TAG_SHIFT <= TAG_INT


def number_of(w: int) -> float | int:
    """The number of a number word (int for int32 words)."""
    if w >> 32 == INT_HI:
        return ((w & M32) ^ SGN) - SGN
    return double_of(w)


def bool_word(b: bool) -> int:
    return TRUE_WORD if b else FALSE_WORD


# -- the realm --------------------------------------------------------------------------

class CodeInfo:
    """The heap VM's per-function data: decoded handlers, the frame template, counters."""

    __slots__ = ("backedges", "calls", "code", "consts", "direct_argc", "direct_call",
                 "direct_new", "epoch", "id", "ops", "reads_args", "run", "template")

    def __init__(self, code: Code, cid: int) -> None:
        self.code = code
        self.id = cid
        self.ops: list[Callable[[int], int]] | None = None
        #: what the loops run, by pc: a block's function at its first instruction (see
        #: hvm.interp, "blocks"), else the instruction's handler (set with ``ops``)
        self.run: list[Callable[[int], int]] = []
        #: constant words of strings, by constant index (handles: strings move)
        self.consts: list[Handle | int] = []
        self.template: Any = None  # the frame's initial words (valid in one GC epoch)
        self.epoch = -1
        self.calls = 0
        self.backedges = 0
        self.reads_args = False
        #: the argument count with which Call builds the frame itself (-1: not decoded,
        #: -2: never: the code reads its argument array, or is an arrow or constructor)
        self.direct_argc = -1
        self.direct_new = -1  # the same for New of a base constructor
        #: the parameter count when ``hvm.interp.call`` builds the frame itself (a
        #: function, method or arrow that never reads its arguments object; any number
        #: of arguments); -1: not decoded, -2: never
        self.direct_call = -1


class Native:
    """A built-in: ``fn(this, args) -> word``; ``ctor(this, args) -> word`` for ``new``
    (``this`` None) and for ``super(...)`` (``this`` the object being constructed)."""

    __slots__ = ("ctor", "fn", "length", "name")

    def __init__(self, name: str, fn: Callable[[int, list[int]], int], length: int,
                 ctor: Callable[[int | None, list[int]], int] | None) -> None:
        self.name = name
        self.fn = fn
        self.length = length
        self.ctor = ctor


class Realm:
    """The heap VM's state (one per process at a time: the module global ``R``)."""

    heap: Heap
    #: the word stack's words: a Python list (the frames' copy, Heap.list_frames) while
    #: no JIT is installed, else a memoryview of the memory (see use_memory_frames)
    S: Any
    SD: Any         # the same words as doubles (a double word is its own bits)
    sbase: int      # address of the word stack's word 0
    #: the address frames may reach before the list is grown (grow_frames): the list's
    #: end, or the word stack's with frames in memory
    slimit: int = 0
    out: Any
    jit: Any = None
    codes: list[CodeInfo]
    info: dict[int, CodeInfo]
    natives: list[Native]
    protos: dict[str, Handle]
    global_obj: Handle
    obj_shape: Shape
    fn_shape: Shape
    #: the root shape of marked arguments arrays (hvm.builtins.mark_arguments): an
    #: array's cell whose prototype is Object.prototype, as node's Arguments object's
    args_shape: Shape
    #: Math and Number: the holders of runtime.READ_ONLY_CONSTANTS (read_only)
    constant_holders: tuple[Handle, ...] = ()
    #: string word -> its Python string (Heap.epoch_cache: emptied by every collection)
    str_cache: dict[int, str]
    chars: dict[str, Handle]
    #: the words of ``chars`` until the next collection (Heap.epoch_cache)
    char_words: dict[str, int]
    argv: list[str]
    null_shapes: dict[str, Shape]
    call: Callable[[int, int, list[int]], int]
    accessors: bool = False  # any accessor defined yet (else stores skip the setter walk)
    acc_epoch: int = 0       # bumped by every accessor definition (SetProp caches)
    #: (heap object, label, names the Python VM's counterpart has): for missing_builtin
    builtins: list[tuple[Handle, str, frozenset[str]]]
    #: every name of ``builtins``
    builtin_keys: frozenset[str] = frozenset()
    #: the built-ins' hidden names, kept here: their K_HIDDEN value is a list's number
    #: (hide_all), which a small heap has no room to spell out
    hidden_lists: list[tuple[str, ...]]
    #: natives of bound functions: (native index, weak reference to its closure); the
    #: indices of those whose closure died are given out again (free_natives)
    bound: list[tuple[int, int]]
    bound_epoch: int
    free_natives: list[int]


R = Realm()

#: the words a realm's frame list starts with (it doubles as frames need, up to the
#: word stack's size): a long list costs every full collection of Python's own cycle
#: collector a pass over it (1M items: ~40 ms)
LIST_WORDS = 1 << 14


class ListDoubles:
    """Doubles of a frame list by index (a double word is its own bits), for the
    handlers that read ``R.SD``; generated code converts in line (hvm.interp)."""

    __slots__ = ("heap", "words")

    def __init__(self, heap: Heap, words: list[int]) -> None:
        self.heap = heap
        self.words = words

    def _live(self) -> list[int]:
        if self.heap.frames_list is not self.words:  # (as a released view: ValueError)
            raise ValueError("the frame list's doubles: its heap closed or its frames "
                             "in memory now")
        return self.words

    def __getitem__(self, k: int) -> float:
        return double_of(self._live()[k])

    def __setitem__(self, k: int, r: float) -> None:
        _bd[0] = r
        self._live()[k] = _bq[0]


def use_list_frames() -> None:
    """Hold the realm's frames in a Python list (the realm's start: ``R.S`` the list)."""
    heap = R.heap
    R.S = heap.list_frames(LIST_WORDS)
    R.SD = ListDoubles(heap, R.S)
    R.slimit = heap.frames_end()


def use_memory_frames() -> None:
    """Hold the realm's frames in the word stack's memory only (before machine code
    may run: a JIT installed); the list's words are written out first. Handlers
    decoded over the list are dropped (decoded again at their next call); refused
    while a frame is live (its running handlers hold the list)."""
    heap = R.heap
    if heap.frames_list is None:
        return
    if heap.fp:
        raise RuntimeError("the heap VM's frames cannot move to memory while a frame "
                           "is live (install the JIT before running code)")
    heap.memory_frames()
    R.S = heap._stack
    R.SD = heap.stack_view("d")
    R.slimit = heap.frames_end()
    for info in R.codes:
        info.ops = None  # (and no fast path takes it before it is decoded again)
        info.run = []
        info.direct_argc = info.direct_call = info.direct_new = -1
        if type(info.template) is list:
            info.template = memoryview(array.array("Q", info.template))


def grow_frames(top: int) -> None:
    """A frame is to end at address ``top`` past ``R.slimit``: the frame list grown to
    reach it, or RecursionError past the word stack's end."""
    if top > R.slimit:
        R.slimit = R.heap.grow_frames(top)


def gc_epoch() -> int:
    return R.heap.stats.collections


def code_info(code: Code) -> CodeInfo:
    """The heap VM's record of ``code`` (made at first use; its id is the closure code id)."""
    info = R.info.get(id(code))
    if info is None:
        info = CodeInfo(code, len(R.codes))
        R.codes.append(info)
        R.info[id(code)] = info
    return info


# -- cells ------------------------------------------------------------------------------

def cell_index(w: int) -> int:
    """Word index (in the current semispace) of the cell reference ``w`` names."""
    return (w - R.heap._rb) >> 3


def kind_of(w: int) -> int:
    """``KIND_*`` of a reference word (-1 for a non-reference)."""
    if w >> TAG_SHIFT != TAG_REF:
        return -1
    h = R.heap
    return h._layout[h._w[(w - h._rb) >> 3]][0]


def is_string(w: int) -> bool:
    if w >> TAG_SHIFT != TAG_REF:
        return False
    h = R.heap
    return bool(h._w[(w - h._rb) >> 3] == h.string_shape.address)


_OBJECT_KINDS = frozenset((KIND_OBJECT, KIND_CLOSURE, KIND_ARRAY))


def is_object(w: int) -> bool:
    """An object, closure or array (anything with properties but a string)."""
    if w >> TAG_SHIFT != TAG_REF:
        return False
    h = R.heap  # (kind_of in line: called on both operands of every generic `+`)
    k = h._layout[h._w[(w - h._rb) >> 3]][0]
    return k in _OBJECT_KINDS


def shape_of(w: int) -> Shape:
    h = R.heap
    return h._shape_at[h._w[(w - h._rb) >> 3]]


def proto_word(w: int) -> int:
    """The prototype of an object, closure or array (null at the end)."""
    h = R.heap
    hdr = h._w[(w - h._rb) >> 3]
    return int(h._sw[((hdr - h._shape_base) >> 3) + 3])


def on_proto_chain(x: int, proto: int) -> bool:
    """Whether the object word ``proto`` is on object ``x``'s prototype chain
    (instanceof, isPrototypeOf; no allocation: words stay valid)."""
    p = proto_word(x)
    while p != NULL_WORD:
        if p == proto:
            return True
        p = proto_word(p)
    return False


def str_of(w: int) -> str:
    """The Python string of a string word (cached until the next collection)."""
    s = R.str_cache.get(w)
    if s is None:
        # Heap.read_string without its checks: w is a string (the callers tested it)
        h = R.heap
        a = w - h._rb
        n = h._w[(a >> 3) + 1]
        s = js_str(_utf16_decode(h._b[a + 16:a + 16 + 2 * n],
                                 "surrogatepass", True)[0])  # one char per UTF-16 unit
        R.str_cache[w] = s
    return s


def shared_str(s: str) -> int:
    """The realm's one string cell for ``s``, made at its first use and kept (rooted in
    ``R.chars``; its word cached in ``R.char_words`` until a collection moves it): for
    one-unit strings and the few names the VM hands out again and again (typeof's)."""
    w = R.char_words.get(s)
    if w is None:
        hd = R.chars.get(s)
        if hd is None:
            hd = R.chars[s] = R.heap.handle(R.heap.alloc_string(s))
        w = R.char_words[s] = hd.word  # (read after the allocation)
    return w


def new_str(s: str) -> int:
    """A string word for ``s`` (one-unit strings shared)."""
    if len(s) <= 1:
        w = R.char_words.get(s)
        return shared_str(s) if w is None else w
    # Heap.alloc_string in line (a string per concatenation): a bump and one store
    h = R.heap
    data = _utf16_encode(s, "surrogatepass")[0]
    size = 16 + ((len(data) + 7) & -8)
    c = h._ctx
    top = c[0]
    if top + size > c[1] or h.stress or size > 4096:
        w = h.alloc_string(s)  # (a collection first, or too long a string's error)
    else:
        c[0] = top + size
        st = STRING_CELLS.get(size)
        if st is None:
            st = string_cell(size)
        st.pack_into(h._w, top - h._base, h.string_shape.address, len(data) >> 1, data)
        w = REF_BASE | top
    R.str_cache[w] = s  # (emptied by a collection, so w is current)
    return w


def string_items(w: int) -> list[int]:
    """The words of what iterating string ``w`` gives: its code points, each a string of
    one unit (shared) or of a surrogate pair (new): valid until the next allocation (a
    caller that allocates roots them in handles first)."""
    s = str_of(w)
    items: list[str | Handle] = []
    j = 0
    n = len(s)
    while j < n:
        c = s[j]
        if "\ud800" <= c <= "\udbff" and j + 1 < n and "\udc00" <= s[j + 1] <= "\udfff":
            items.append(R.heap.handle(new_str(s[j:j + 2])))
            j += 2
        else:
            new_str(c)  # (made once, rooted in R.chars: its word is read at the end)
            items.append(c)
            j += 1
    words = [R.chars[x].word if isinstance(x, str) else x.word for x in items]
    for x in items:
        if isinstance(x, Handle):
            x.release()
    return words


def closure_code_id(w: int) -> int:
    return int(R.heap._w[cell_index(w) + 2])


def closure_code(w: int) -> Code | None:
    """The bytecode of a closure (None for a native)."""
    cid = closure_code_id(w)
    return None if cid >= NATIVE_BASE else R.codes[cid].code


# -- properties -------------------------------------------------------------------------

def own_slot(w: int, key: str) -> int | None:
    """Word index of own property ``key`` of object/closure ``w`` (None: absent)."""
    h = R.heap
    i = (w - h._rb) >> 3
    s = h._shape_at[h._w[i]]
    if s.dict:
        return h.own_index(i, s, key)
    k = s.keys.get(key)
    if k is None:
        return None
    return h._slot_index(i, s, k)


def own_keys(w: int) -> list[str]:
    """Every own key of object/closure/array ``w`` (hidden and accessor ones too), in
    insertion order (dictionary objects included)."""
    h = R.heap
    i = (w - h._rb) >> 3
    return h.own_keys(i, h._shape_at[h._w[i]])


def has_own_key(w: int, key: str) -> bool:
    """Whether object/closure/array ``w`` has own key ``key`` (as stored: ``ACC + k``
    for an accessor)."""
    return own_slot(w, key) is not None


def get_own(w: int, key: str) -> int | None:
    j = own_slot(w, key)
    return None if j is None else int(R.heap._w[j])


def array_length(w: int) -> int:
    return int(R.heap._w[cell_index(w) + 1])


def array_get(w: int, idx: int) -> int:
    h = R.heap
    i = (w - h._rb) >> 3
    m = h._w
    if 0 <= idx < m[i + 1]:
        v = int(m[((m[i + 3] - h._base) >> 3) + 2 + idx])
        return UNDEFINED_WORD if v == HOLE_WORD else v
    return UNDEFINED_WORD


def array_words(w: int) -> list[int]:
    """The elements of array ``w`` (holes as the hole word)."""
    h = R.heap
    i = (w - h._rb) >> 3
    m = h._w
    n = m[i + 1]
    if not n:
        return []
    e = ((m[i + 3] - h._base) >> 3) + 2
    return list(m[e:e + n])


def new_array(words: list[int]) -> int:
    """A new array of ``words`` (the words must be rooted elsewhere or not references:
    they are written after the allocation, so a list read from rooted slots is stale;
    callers pass lists whose references are held in handles and re-read, or numbers)."""
    h = R.heap
    a = h.alloc_array(len(words), max(len(words), 4) if words else 0)
    if words:
        i = (a - h._rb) >> 3
        e = ((h._w[i + 3] - h._base) >> 3) + 2
        for j, x in enumerate(words):
            h._w[e + j] = x
    return a


def new_array_rooted(handles: list[Handle]) -> int:
    """A new array of the handles' words (released afterwards)."""
    try:
        a = R.heap.alloc_array(len(handles), max(len(handles), 4) if handles else 0)
        h = R.heap
        if handles:
            i = (a - h._rb) >> 3
            e = ((h._w[i + 3] - h._base) >> 3) + 2
            for j, x in enumerate(handles):
                h._w[e + j] = x.word
        return a
    finally:
        for x in handles:
            x.release()


#: root_shape's answers found in the prototypes (objects', closures') by prototype word,
#: in the heap's epoch caches (a word names its cell until the next collection)
_root_memo: list[Any] = [None, {}, {}]


def root_shape(proto: int, closure: bool = False) -> Shape:
    """The empty shape of objects (closures) whose prototype is ``proto``."""
    h = R.heap
    memo = _root_memo
    if memo[0] is not h:
        memo[:] = [h, h.epoch_cache(), h.epoch_cache()]
    known: dict[int, Shape] = memo[2 if closure else 1]
    s = known.get(proto)
    if s is not None:
        return s
    if proto == NULL_WORD:
        key = "null-closure" if closure else "null"
        s = R.null_shapes.get(key)
        if s is None:
            s = R.null_shapes[key] = h.new_shape(NULL_WORD, capacity=6, closure=closure)
        return s
    hk = K_CROOT if closure else K_ROOT
    got = get_own(proto, hk)
    if got is not None:
        s = known[proto] = h._shapes[int_of(got)]  # (nothing allocated: proto current)
        return s
    s = h.new_shape(proto, capacity=6, closure=closure)
    h.put(proto, hk, INT_BASE | s.id)
    return s


def new_object(proto: int) -> int:
    """A new empty object whose prototype is ``proto`` (a rooted word is re-read by the
    caller: the shape's prototype word is itself a root)."""
    return R.heap.alloc_object(root_shape(proto))


def key_of(w: int) -> str:
    """ToPropertyKey."""
    if w >> 32 == INT_HI:
        return str(((w & M32) ^ SGN) - SGN)
    s = R.str_cache.get(w)  # (only string words are keys there, until a collection)
    if s is not None:
        return s
    if is_string(w):
        return str_of(w)
    return to_str(w)


def visible_keys(w: int) -> list[str]:
    """Own enumerable property names in JavaScript order (indices first)."""
    k = kind_of(w)
    out: list[str] = []
    if k == KIND_ARRAY:
        out = [str(i) for i, x in enumerate(array_words(w)) if x != HOLE_WORD]
        # named properties (never index keys: those are elements) in insertion order
        named = own_keys(w)
        if named:  # (a defineProperty'd hidden name: runtime.own_keys)
            hidden = _hidden_keys(w, named, k)
            out += [x for x in named if x[:1] not in ("\x00", ACC) and x not in hidden]
        return out
    if k == KIND_STRING:
        return [str(i) for i in range(len(str_of(w)))]
    if k not in (KIND_OBJECT, KIND_CLOSURE):
        return out
    raw = own_keys(w)
    hidden = _hidden_keys(w, raw, k)
    keys = [x[1:] if x[:1] == ACC else x for x in raw
            if x[:1] != "\x00" and not (x[:1] == ACC and K_CLASS in hidden)]
    if hidden:
        keys = [x for x in keys if x not in hidden]
    ints = sorted((x for x in keys if is_index_key(x)), key=int)
    return ints + [x for x in keys if not is_index_key(x)]


def keys_array(w: int) -> int:
    """``Object.keys(w)``: a new array of :func:`visible_keys`. A dictionary object's
    keys are its table's own key cells (strings are immutable: the same units), not a
    new string each: all of them in order, undecoded, when none is index-like or the
    VM's own and none can be hidden (``constructor``, an error's ``message`` and
    ``stack``: :func:`_hidden_keys`); else those of :func:`visible_keys` that are a
    table's key as they stand."""
    h = R.heap
    if w >> TAG_SHIFT == TAG_REF and kind_of(w) == KIND_OBJECT \
            and h._shape_at[h._w[cell_index(w)]].dict:
        i = cell_index(w)
        plain = None
        if all(h.dict_slot(i, k) is None for k in ("constructor", "message", "stack")):
            plain = h.dict_plain_key_words(i)
        if plain is not None:
            places = None
        else:
            key_of = h._dict_str
            at = {key_of(kw): c for c, kw in enumerate(h.dict_key_words(i))
                  if kw != HOLE_WORD}
            keys = visible_keys(w)
            places = [at.get(k, -1) for k in keys]
            if -1 in places:
                return new_array_rooted([h.handle(new_str(k)) for k in keys])
        n = len(places) if places is not None else len(plain or ())
        with h.handle(w) as hw:
            a = h.alloc_array(n, max(n, 4) if n else 0)
            kws = h.dict_key_words(cell_index(hw.word))  # (after the allocation)
        if n:
            e = ((h._w[cell_index(a) + 3] - h._base) >> 3) + 2
            words = [kw for kw in kws if kw != HOLE_WORD] if places is None \
                else [kws[c] for c in places]
            h._w[e:e + n] = array.array("Q", words)
        return a
    return new_array_rooted([h.handle(new_str(k)) for k in visible_keys(w)])


def _hidden_keys(w: int, raw: list[str], kind: int) -> set[str]:
    """The own keys of ``w`` that are not enumerable (this VM keeps no attributes: they
    follow from how the keys were made). K_CLASS in the result: accessors too."""
    hidden: set[str] = set()
    if kind == KIND_CLOSURE and "prototype" in raw:
        hidden.add("prototype")
    if K_CLASS in raw:  # a class's prototype or constructor: its methods and accessors
        hidden.update((K_CLASS, "constructor", "prototype"))
        hidden.update(x for x in raw if x[:1] not in ("\x00", ACC)
                      and _is_method_of(w, x, _own_or_undefined(w, x)))
    elif "constructor" in raw:  # a function's prototype object: its constructor
        c = _own_or_undefined(w, "constructor")
        if kind_of(c) == KIND_CLOSURE and get_own(c, "prototype") == w:
            hidden.add("constructor")
    if K_HIDDEN in raw:
        hidden.update(_names(_own_or_undefined(w, K_HIDDEN)))
    if ("message" in raw or "stack" in raw) and is_error(w):
        hidden.update(("message", "stack"))  # an error's message and stack are not enumerable
    return hidden


def _is_method_of(w: int, key: str, v: int) -> bool:
    """Whether ``v``, own ``key`` of ``w``, is a method the class body defined there (a
    closure named ``key`` whose home object is ``w``): a function stored later, as
    ``C.prototype.f = function () {}``, stays enumerable (runtime.is_method_of)."""
    if kind_of(v) != KIND_CLOSURE:
        return False
    h = R.heap
    if int(h._w[cell_index(v) + (CLOSURE_HOME >> 3)]) != w:
        return False
    own = get_own(v, "name")  # (a computed key's method: name_method)
    if own is not None:
        return is_string(own) and str_of(own) == key
    code = closure_code(v)
    return code is not None and code.name == key


def hide_key(o: int, key: str) -> None:
    """Make own property ``key`` of ``o`` non-enumerable."""
    set_key_attr(o, K_HIDDEN, key, True)


def _names(v: int) -> list[str]:
    """The names a K_HIDDEN or FIXED value ``v`` lists: a string of them joined by NULs,
    or an int32, the number of a list kept in the realm (hide_all)."""
    if v >> 32 == INT_HI:
        return list(R.hidden_lists[int_of(v)])
    return to_str(v).split("\x00")


def hide_all(o: int) -> None:
    """Make every own property of built-in ``o`` non-enumerable (runtime.hide_all): its
    K_HIDDEN value is the number of a list kept in the realm, not a string on the heap
    (a small heap has little room beside the built-ins)."""
    old = get_own(o, K_HIDDEN)
    names = _names(old) if old is not None else []
    keys = [k for k in visible_keys(o) if k not in names]
    if keys:
        R.hidden_lists.append((*names, *keys))
        R.heap.put(o, K_HIDDEN, INT_BASE | (len(R.hidden_lists) - 1))


def key_attr(o: int, which: str, key: str) -> bool:
    """Whether own ``key`` of ``o`` is listed under ``which`` (K_HIDDEN: not enumerable,
    FIXED: not configurable; as runtime.key_attr)."""
    v = get_own(o, which)
    return v is not None and key in _names(v)


def set_key_attr(o: int, which: str, key: str, on: bool) -> None:
    """List (``on``) or unlist own ``key`` of ``o`` under ``which`` (K_HIDDEN, FIXED)."""
    with R.heap.handle(o) as oh:
        old = get_own(oh.word, which)
        names = _names(old) if old is not None else []
        if on and key not in names:
            R.heap.put(oh, which, new_str("\x00".join([*names, key])))
        elif not on and key in names:
            names.remove(key)
            R.heap.put(oh, which, new_str("\x00".join(names)))


def is_error(w: int) -> bool:
    """Whether object ``w`` inherits from Error.prototype."""
    return on_proto_chain(w, R.protos["Error"].word)


def for_in_keys(w: int) -> list[str]:
    """The keys ``for (k in w)`` visits: own enumerable ones, then each prototype's (the
    built-ins' own keys are hidden since start-up: hide_all), as node's."""
    keys: list[str] = []
    if is_string(w):
        keys = visible_keys(w)
        cur = R.protos["String"].word
    elif is_object(w):
        cur = w
    elif w in (UNDEFINED_WORD, NULL_WORD):
        return []
    else:
        cur = R.protos["Boolean" if w in (TRUE_WORD, FALSE_WORD) else "Number"].word
    seen: set[str] = set(keys)
    while cur != NULL_WORD:
        for key in visible_keys(cur):
            if key not in seen:
                seen.add(key)
                keys.append(key)
        cur = proto_word(cur)
    return keys


# -- errors -----------------------------------------------------------------------------

def make_error(kind: str, message: str) -> int:
    """A new ``kind`` error object with ``message`` (a word valid until the next
    allocation)."""
    ph = R.protos.get(kind)  # the realm's own prototype, as node's (not the global's)
    if ph is not None:
        proto = ph.word
    else:
        proto = get_prop(get_prop(R.global_obj.word, kind), "prototype")
    with R.heap.handle(new_object(proto)) as e:
        R.heap.put(e, "message", new_str(message))
        set_stack(e, message)
        return e.word


def set_stack(e: Handle, msg: str | None = None) -> None:
    """Give error ``e`` its ``stack`` (an own data property made at construction, as
    node's; not enumerable): its description and a frame line (no real frames yet).
    ``msg``: its message as a string, when the caller has just stored it."""
    name = to_str(get_prop(e.word, "name"))
    if msg is None:
        msg = to_str(get_prop(e.word, "message"))
    head = f"{name}: {msg}" if msg and name else name or msg
    R.heap.put(e, "stack", new_str(head + "\n    at <anonymous>"))


def throw(kind: str, message: str) -> HThrow:
    """The exception to raise for a ``kind`` error with ``message``."""
    return HThrow(make_error(kind, message))


#: What the heap VM does not run yet (interpreter and JIT alike): super() of a base
#: constructor that returns another object than its ``this``.
SUPER_OTHER_OBJECT = "a base constructor that returns a different object with super()"


def unsupported(what: str, where: tuple[Code, int] | None = None) -> HVMUnsupported:
    e = HVMUnsupported(f"{what} is not supported by the heap VM yet")
    return locate(e, where) if where is not None else e


def locate(e: HVMUnsupported, where: tuple[Code, int]) -> HVMUnsupported:
    """``e`` with the place of instruction ``where`` (once: the innermost place)."""
    if e.located:
        return e
    code, pc = where
    line, col = code.lines[pc] if pc < len(code.lines) else (0, 0)
    located = HVMUnsupported(f"{code.filename}:{line}:{col}: {e}")
    located.located = True
    return located


# -- conversions ------------------------------------------------------------------------

def typeof(w: int) -> str:
    tag = w >> TAG_SHIFT
    if tag <= TAG_INT:
        return "number"
    if tag == TAG_CONST:
        if w == UNDEFINED_WORD:
            return "undefined"
        if w == NULL_WORD:
            return "object"
        return "boolean"
    h = R.heap  # (kind_of in line)
    k = h._layout[h._w[(w - h._rb) >> 3]][0]
    if k == KIND_STRING:
        return "string"
    if k == KIND_CLOSURE:
        return "function"
    return "object"


def truthy(w: int) -> bool:
    tag = w >> TAG_SHIFT
    if tag == TAG_INT:
        return w != INT_BASE
    if tag < TAG_INT:
        x = double_of(w)
        return x == x and x != 0
    if tag == TAG_CONST:
        return w == TRUE_WORD
    if is_string(w):
        return R.heap._w[cell_index(w) + 1] != 0
    return True


def to_primitive(w: int, hint: str = "default") -> int:
    """ToPrimitive: an object's valueOf/toString (when it defines them) or its default
    string."""
    if not is_object(w):
        return w
    order = ("toString", "valueOf") if hint == "string" else ("valueOf", "toString")
    with R.heap.handle(w) as hw:
        for name in order:
            f = _get_prop(hw.word, name)
            if kind_of(f) == KIND_CLOSURE:
                r = call(f, hw.word, [])
                if not is_object(r):
                    return r
    raise throw("TypeError", "Cannot convert object to primitive value")


def to_str(w: int) -> str:
    """ToString as a Python string."""
    tag = w >> TAG_SHIFT
    if tag == TAG_INT:
        return str(((w & M32) ^ SGN) - SGN)
    if tag == TAG_REF:
        s = R.str_cache.get(w)  # (only string words are keys there, until a collection)
        if s is not None:
            return s
    elif tag < TAG_INT:
        return number_to_string(double_of(w))
    if tag == TAG_CONST:
        return ("undefined", "null", "false", "true", "", "")[w & 7]
    if is_string(w):
        return str_of(w)
    return to_str(to_primitive(w, "string"))


def to_num(w: int) -> float | int:
    """ToNumber as a Python number."""
    tag = w >> TAG_SHIFT
    if tag == TAG_INT:
        return int_of(w)
    if tag < TAG_INT:
        return double_of(w)
    if tag == TAG_CONST:
        return (math.nan, 0, 0, 1, math.nan, math.nan)[w & 7]
    if is_string(w):
        return string_to_number(str_of(w))
    return to_num(to_primitive(w, "number"))


def to_int32(w: int) -> int:
    if w >> 32 == INT_HI:
        return ((w & M32) ^ SGN) - SGN
    x = to_num(w)
    if type(x) is float:
        if x != x or math.isinf(x):
            return 0
        x = int(x)
    r = int(x) & M32
    return r - 0x1_0000_0000 if r >= SGN else r


def display(w: int) -> str:
    """A short description of a value for error messages (as node words them)."""
    if is_string(w):
        return '"' + str_of(w) + '"'
    k = kind_of(w)
    if k == KIND_CLOSURE:
        code = closure_code(w)
        name = code.name if code is not None else R.natives[closure_code_id(w)
                                                            - NATIVE_BASE].name
        return f"function {name}" if name else "function"
    if k == KIND_ARRAY:
        return "object"
    if k == KIND_OBJECT:
        return "#<Object>"
    return to_str(w)


# -- property access --------------------------------------------------------------------

def _lookup(w: int, key: str, receiver: int | None = None) -> int | None:
    """Property ``key`` along the prototype chain of object/closure/array ``w`` (a getter
    found on the way is called with ``receiver``, by default ``w``)."""
    h = R.heap
    m = h._w  # (nothing below allocates before a getter's call, which returns)
    base = h._base
    rb = h._rb
    shape_at = h._shape_at
    sw = h._sw
    sbase = h._shape_base
    acc = R.accessors
    start = w
    r: int
    while w != NULL_WORD:
        i = (w - rb) >> 3
        hdr = m[i]
        s = shape_at[hdr]
        if s.dict:
            j = h.dict_slot(i, key)
            if j is not None:
                r = m[j]
                return r
            ja = h.dict_slot(i, ACC + key) if acc else None
        else:
            k = s.keys.get(key)
            if k is not None:  # (Heap._slot_index in line)
                cap = s.capacity
                r = m[i + (s.slot_offset >> 3) + k] if k < cap else \
                    m[((m[i + s.oob] - base) >> 3) + 2 + k - cap]
                return r
            ja = None
            if acc:
                k = s.keys.get(ACC + key)
                if k is not None:
                    ja = h._slot_index(i, s, k)
        if ja is not None:
            getter = array_get(int(h._w[ja]), 0)
            if getter == UNDEFINED_WORD:
                if key.startswith(PRIVATE):
                    raise throw("TypeError", accessor_message(key, True))
                return UNDEFINED_WORD
            return call(getter, start if receiver is None else receiver, [])
        w = sw[((hdr - sbase) >> 3) + 3]
    return None


def find_setter(w: int, key: str) -> int | None:
    """The setter of accessor ``key`` along ``w``'s chain (UNDEFINED_WORD for a getter
    without one; None: no accessor, a data store)."""
    h = R.heap
    while w != NULL_WORD:
        if own_slot(w, key) is not None:
            return None
        j = own_slot(w, ACC + key)
        if j is not None:
            return array_get(int(h._w[j]), 1)
        w = proto_word(w)
    return None


def define_accessor(o: int, key: str, fn: int, which: int) -> None:
    """Define the getter (``which`` 0) or setter (1) ``fn`` of ``o``'s own ``key``."""
    h = R.heap
    R.accessors = True
    R.acc_epoch += 1
    hook = getattr(R.jit, "on_accessor", None)
    if hook is not None:  # the JIT's cached stores that add a key may now meet a setter
        hook()
    with h.handle(o) as oh, h.handle(fn) as fh:
        pair = get_own(oh.word, ACC + key)
        if pair is None:
            h.put(oh, ACC + key, h.alloc_array(2, 2, UNDEFINED_WORD))
            pair = get_own(oh.word, ACC + key)
            assert pair is not None
        h.array_set(pair, which, fh.word)


def get_prop(w: int, key: str) -> int:
    """``w[key]`` for any value (a TypeError for undefined and null); a built-in the
    Python VM has and this one lacks is an HVMUnsupported error, not undefined."""
    if w >= REF_BASE:
        h = R.heap
        i = (w - h._rb) >> 3
        if h._shape_at[h._w[i]].dict:  # an object used as a map: its own key first
            j = h.dict_slot(i, key)
            if j is not None:
                return int(h._w[j])
        epoch = h.stats.collections
        r = _get_prop(w, key)
        if r == UNDEFINED_WORD and h.stats.collections != epoch:
            # a getter ran and collected (w is stale now): the key is there, so neither
            # check below applies
            return r
    else:
        r = _get_prop(w, key)
    if r == UNDEFINED_WORD:
        if key.startswith(PRIVATE) and not _has_private(w, key):
            raise throw("TypeError", private_message(key, False))
        if R.builtins:
            missing_builtin(w, key)
    return r


def _has_private(w: int, key: str) -> bool:
    """Whether ``w`` or a prototype holds private name ``key`` (a field, or a private
    method or accessor on the class's prototype): the brand check, no getter run."""
    if w >> TAG_SHIFT != TAG_REF or kind_of(w) not in (KIND_OBJECT, KIND_CLOSURE, KIND_ARRAY):
        return False
    while w != NULL_WORD:
        if own_slot(w, key) is not None or own_slot(w, ACC + key) is not None:
            return True
        w = proto_word(w)
    return False


def missing_builtin(w: int, key: str) -> None:
    """Raise HVMUnsupported when ``w[key]`` would find a built-in of the Python VM."""
    if key not in R.builtin_keys:  # (the common case: a key no built-in has)
        return
    if w >> TAG_SHIFT <= TAG_INT:
        w = R.protos["Number"].word
    elif is_string(w):
        w = R.protos["String"].word
    elif not is_object(w):
        return
    seen = 0
    while w != NULL_WORD and seen < 64:
        if has_own_key(w, key) or has_own_key(w, ACC + key):
            return  # (a property whose value, or getter's, is undefined: not missing)
        for h, label, names in R.builtins:
            if h.word == w and key in names:
                raise unsupported(f"the built-in {label}{key}")
        w = proto_word(w)
        seen += 1


def _get_prop(w: int, key: str) -> int:
    tag = w >> TAG_SHIFT
    if tag == TAG_REF:
        h = R.heap
        i = (w - h._rb) >> 3
        hdr = h._w[i]
        kind = h._layout[hdr][0]
        if kind == KIND_OBJECT:
            r = _lookup(w, key)
            return UNDEFINED_WORD if r is None else r
        if kind == KIND_ARRAY:
            if key == "length":
                return INT_BASE | int(h._w[i + 1])
            if is_index_key(key):
                return array_get(w, int(key))
            r = _lookup(w, key)  # named properties, then the prototype's
            return UNDEFINED_WORD if r is None else r
        if kind == KIND_STRING:
            if key == "length":
                return INT_BASE | int(h._w[i + 1])
            if key.isdigit():
                s = str_of(w)
                j = int(key)
                return new_str(s[j]) if j < len(s) else UNDEFINED_WORD
            r = _lookup(R.protos["String"].word, key)
            return UNDEFINED_WORD if r is None else r
        if kind == KIND_CLOSURE:
            if key in CLOSURE_OWN_KEYS and own_slot(w, key) is None \
                    and own_slot(w, ACC + key) is None:
                # a function's own (unless an own key replaced it), found before its
                # prototypes': a "name" on Object.prototype does not hide it
                r = _closure_virtual(w, key)
                if r != UNDEFINED_WORD:
                    return r
            r = _lookup(w, key)
            if r is not None:
                return r
            return _closure_virtual(w, key)
        raise unsupported(f"property access on a {kind} cell")
    if tag <= TAG_INT:
        r = _lookup(R.protos["Number"].word, key)
        return UNDEFINED_WORD if r is None else r
    if w in (TRUE_WORD, FALSE_WORD):
        r = _lookup(R.protos["Boolean"].word, key)
        return UNDEFINED_WORD if r is None else r
    raise throw("TypeError", nullish_message(to_str(w), key, False))


#: A function's own properties that its cell does not store until written
#: (:func:`_closure_virtual`: a constructor's ``prototype`` made at first use): never a
#: prototype's hit in a cache
CLOSURE_OWN_KEYS = frozenset(("name", "length", "prototype"))


def _closure_virtual(w: int, key: str) -> int:
    cid = closure_code_id(w)
    if cid >= NATIVE_BASE:
        nat = R.natives[cid - NATIVE_BASE]
        if key == "name":
            return new_str(nat.name)
        if key == "length":
            return INT_BASE | nat.length
        return UNDEFINED_WORD
    code = R.codes[cid].code
    if key == "name":
        return new_str(code.name)
    if key == "length":
        return INT_BASE | code.length
    if key == "prototype" and code.kind in ("normal", "ctor"):
        # made at first use, as most functions are never constructors
        with R.heap.handle(w) as fw:
            p = new_object(R.protos["Object"].word)
            with R.heap.handle(p) as ph:
                R.heap.put(ph, "constructor", fw.word)
                R.heap.put(fw, "prototype", ph.word)
                return ph.word
    return UNDEFINED_WORD


def set_prop(w: int, key: str, v: int, strict: bool = False) -> None:
    """``w[key] = v``; ``strict``: strict code's, where a store sloppy code loses is
    node's TypeError (runtime.put)."""
    if w >= REF_BASE and not R.accessors:
        h = R.heap
        i = (w - h._rb) >> 3
        if h._shape_at[h._w[i]].dict:  # an object used as a map: an own key's store
            j = h.dict_slot(i, key)
            if j is not None:
                h._w[j] = v
                return
    k = kind_of(w)
    if k == KIND_ARRAY:
        if key == "length":
            set_length(w, v)
            return
        if is_index_key(key):
            array_store(w, int(key), v)
            return
        k = KIND_OBJECT  # a named property: stored as an object's out-of-line one
    if k in (KIND_OBJECT, KIND_CLOSURE):
        if R.accessors:
            st = find_setter(w, key)
            if st is not None:
                if st != UNDEFINED_WORD:
                    call(st, w, [v])
                elif key.startswith(PRIVATE):
                    raise throw("TypeError", accessor_message(key, False))
                elif strict:
                    raise throw("TypeError", getter_only_message(key, strict_name(w)))
                return
        if key.startswith(PRIVATE) and own_slot(w, key) is None:
            raise throw("TypeError", private_message(key, True, _has_private(w, key)))
        if key in READ_ONLY_KEYS and read_only(w, key):
            if strict:
                raise throw("TypeError", read_only_message(key, _read_only_what(w)))
            return  # (sloppy code loses it)
        R.heap.put(w, key, v)
        return
    if w in (UNDEFINED_WORD, NULL_WORD):
        raise throw("TypeError", nullish_message(to_str(w), key, True))
    if key.startswith(PRIVATE):
        raise throw("TypeError", private_message(key, True))
    if strict:
        raise throw("TypeError", primitive_store_message(to_py_primitive(w), key))
    # primitives: the store is lost (sloppy mode)


def define_data(w: int, key: str, v: int) -> None:
    """Object.defineProperty's data property ``key`` of object or closure ``w``, own
    (runtime.define_data): no setter of a prototype runs and no read-only rule applies (a
    function's ``name`` or ``length`` is replaced); an array's ``length`` or index as
    its store."""
    if kind_of(w) == KIND_ARRAY and (key == "length" or is_index_key(key)):
        set_prop(w, key, v)
        return
    R.heap.put(w, key, v)


def read_only(w: int, key: str) -> bool:
    """Whether ``w[key] = v`` (object or closure ``w``) meets a read-only data property
    of ``key`` in READ_ONLY_KEYS, as runtime.read_only: a closure's virtual ``name`` or
    ``length``, a class's ``prototype``, a constant of Math or Number (own or inherited).
    Also what the store caches (interpreter, JIT) ask before holding an entry."""
    if kind_of(w) == KIND_CLOSURE:
        if key == "prototype":
            code = closure_code(w)
            return code is not None and bool(code.is_class_ctor)
        if (key == "name" or key == "length") and own_slot(w, key) is None:
            return True
    if key not in READ_ONLY_CONSTANTS:
        return False
    while w != NULL_WORD:
        if kind_of(w) not in (KIND_OBJECT, KIND_CLOSURE):
            return False
        if own_slot(w, key) is not None:
            return any(w == h.word for h in R.constant_holders)
        w = proto_word(w)
    return False


def _read_only_what(w: int) -> str:
    """Object or closure ``w`` as node's read-only TypeError names it (its source text)."""
    if kind_of(w) != KIND_CLOSURE:
        return f"object '{strict_name(w)}'"
    code = closure_code(w)
    if code is None:
        return f"function '{strict_name(w)}'"
    text = function_text(code)
    return f"function '{text if text is not None else code.name}'"


def _own_or_undefined(o: int, key: str) -> int:
    v = get_own(o, key)
    return UNDEFINED_WORD if v is None else v


def delete_prop(o: int, key: str) -> bool:
    """``delete o[key]``: an array element becomes a hole; an object (or an array's named
    property) gets the shape of its other keys (re-added in order from its root shape,
    so it is shared like any other), its values re-stored."""
    h = R.heap
    k = kind_of(o)
    if k == KIND_ARRAY:
        if is_index_key(key):
            if int(key) < array_length(o):
                i = cell_index(o)
                h._w[((h._w[i + 3] - h._base) >> 3) + 2 + int(key)] = HOLE_WORD
            return True
        if key == "length":
            return False
    elif k not in (KIND_OBJECT, KIND_CLOSURE):
        return True
    elif key == "prototype" and _has_prototype(o):
        return False  # a function's prototype is not configurable
    s = shape_of(o)
    if own_slot(o, key) is None:
        if own_slot(o, ACC + key) is None:
            return True
        if key_attr(o, FIXED, key):
            return False
        key = ACC + key  # an accessor property goes as a whole
    elif key_attr(o, FIXED, key):
        return False
    if own_slot(o, K_HIDDEN) is not None:  # re-added later, the key is enumerable again
        with R.heap.handle(o) as oh:  # (the new list is allocated: the object may move)
            set_key_attr(oh.word, K_HIDDEN, key[1:] if key[:1] == ACC else key, False)
            o = oh.word
        s = shape_of(o)
    if not s.dict and k == KIND_OBJECT and len(s.keys) >= 8:
        with h.handle(o) as oh:  # (its key cells are allocated: the object may move)
            h.to_dictionary(oh)  # deletes from a big object: no shape per remaining key set
            o = oh.word
        s = shape_of(o)
    if s.dict:
        h.dict_delete(o, key)
        return True
    keys = [x for x in s.keys if x != key]
    with h.handle(o) as oh:
        vals = [h.handle(_own_or_undefined(o, x)) for x in keys]
        # the root shape: the one with no keys on this prototype and kind
        root = h.array_shape if k == KIND_ARRAY else \
            root_shape(proto_word(o), closure=k == KIND_CLOSURE)
        i = cell_index(oh.word)
        h._w[i] = root.address
        h._w[i + s.oob] = 0
        for x, v in zip(keys, vals, strict=True):
            h.put(oh, x, v.word)
            v.release()
    return True


def delete_strict(o: int, key: str) -> int:
    """``delete o[key]`` in strict code: TRUE_WORD, or node's TypeError where it is false
    (the object named as node does: ``[object Array]``, ``#<C>`` by its constructor)."""
    if o in (UNDEFINED_WORD, NULL_WORD):
        raise throw("TypeError", "Cannot convert undefined or null to object")
    with R.heap.handle(o) as oh:
        if delete_prop(o, key):
            return TRUE_WORD
        raise throw("TypeError", delete_message(key, strict_name(oh.word)))


def strict_name(o: int) -> str:
    """Object ``o`` as node names it in strict code's TypeErrors: ``[object Array]``,
    a native function by its text, else ``#<C>`` by its constructor."""
    if kind_of(o) == KIND_CLOSURE and closure_code(o) is None:
        nat = R.natives[closure_code_id(o) - NATIVE_BASE]
        return f"function {nat.name}() {{ [native code] }}"
    if kind_of(o) == KIND_ARRAY:
        return "[object Array]"
    c = get_prop(o, "constructor")
    code = closure_code(c) if kind_of(c) == KIND_CLOSURE else None
    return f"#<{code.name if code is not None and code.name else 'Object'}>"


def to_py_primitive(w: int) -> Any:
    """String, number or boolean word ``w`` as the Python VM's value (for messages)."""
    if is_string(w):
        return str_of(w)
    if w in (TRUE_WORD, FALSE_WORD):
        return w == TRUE_WORD
    return number_of(w)


def bound_target(fn: int) -> int | None:
    """The target of closure ``fn`` when Function.prototype.bind made it (its data array
    in the home slot: target, this, arguments), else None."""
    if closure_code(fn) is not None:
        return None
    nid = closure_code_id(fn) - NATIVE_BASE
    h = R.heap
    for i, weak in R.bound:
        if i == nid and h.weak_get(weak) == fn:
            return array_get(int(h._w[cell_index(fn) + (CLOSURE_HOME >> 3)]), 0)
    return None


def name_method(fn: int, key: str) -> None:
    """A method defined under a computed key is named by it (``[k]() {}``: the compiler
    left its name empty): an own, hidden ``name`` (runtime.name_method)."""
    if kind_of(fn) != KIND_CLOSURE:
        return
    code = closure_code(fn)
    if code is None or code.name or own_slot(fn, "name") is not None:
        return
    with R.heap.handle(fn) as fh:
        R.heap.put(fh, "name", new_str(key))
        hide_key(fh.word, "name")


def _has_prototype(fn: int) -> bool:
    """Whether closure ``fn`` has a ``prototype`` (own, or made at first use)."""
    if own_slot(fn, "prototype") is not None:
        return True
    code = closure_code(fn)
    return code is not None and code.kind in ("normal", "ctor")


def set_proto(o: int, proto: int) -> int:
    """``Object.setPrototypeOf(o, proto)`` for an object or closure: the keys re-added
    from the root shape of the new prototype (a shape fixes its prototype); the object."""
    h = R.heap
    k = kind_of(o)
    if k == KIND_ARRAY:
        if proto == proto_word(o):
            return o
        raise unsupported("Object.setPrototypeOf of an array")
    s = shape_of(o)
    with h.handle(o) as oh, h.handle(proto) as ph:
        keys = own_keys(o)
        vals = [h.handle(_own_or_undefined(o, x)) for x in keys]
        root = root_shape(ph.word, closure=k == KIND_CLOSURE)
        if s.capacity != root.capacity:
            raise unsupported("Object.setPrototypeOf of an object made with another "
                              "inline capacity")
        i = cell_index(oh.word)
        h._w[i] = root.address
        h._w[i + (1 if s.dict else s.oob)] = 0
        for x, v in zip(keys, vals, strict=True):
            h.put(oh, x, v.word)
            v.release()
        return oh.word


def array_store(w: int, j: int, v: int) -> None:
    """``w[j] = v`` for an array (growing it: arrays are dense, so an index far past the
    end is a RangeError, as on the Python VM, and one that cannot fit the heap a heap
    exhaustion)."""
    n = array_length(w)
    if j > n and j - n > MAX_DENSE_GAP:
        raise throw("RangeError", f"array index {j} is too far past the end "
                    f"(length {n}) for a64js's dense arrays")
    _check_fits(j + 1)
    R.heap.array_set(w, j, v)


def _check_fits(n: int) -> None:
    """A JSHeapError when an array of ``n`` elements cannot fit in the heap's bound."""
    top = R.heap.max_semispace
    if 8 * n + 64 > top:
        raise JSHeapError(f"an array of {n} elements does not fit in the {top}-byte "
                          f"semispace")


def set_length(w: int, v: int) -> None:
    if v >= REF_BASE and is_object(v):  # its valueOf may run JavaScript that collects
        with R.heap.handle(w) as wh:
            n = to_num(v)
            w = wh.word
    else:
        n = to_num(v)
    if type(n) is float and n.is_integer():
        n = int(n)
    if not (type(n) is int and 0 <= n < 1 << 32):
        raise throw("RangeError", "Invalid array length")
    h = R.heap
    i = cell_index(w)
    old = int(h._w[i + 1])
    if n <= old:
        if n < old:
            e = ((h._w[i + 3] - h._base) >> 3) + 2
            for j in range(n, old):
                h._w[e + j] = HOLE_WORD
        h._w[i + 1] = n
    else:
        if n - old > MAX_DENSE_GAP * 16:
            raise throw("RangeError", f"array length {n} is too large for a64js")
        _check_fits(n)
        h.array_set(w, n - 1, HOLE_WORD)


def get_elem(o: int, k: int) -> int:
    if k >> 32 == INT_HI and kind_of(o) == KIND_ARRAY and int_of(k) >= 0:  # a[-1]: a key
        return array_get(o, int_of(k))
    if k >> TAG_SHIFT < TAG_INT:
        x = double_of(k)
        if x.is_integer() and 0 <= x < 4294967295.0 and kind_of(o) == KIND_ARRAY:
            return array_get(o, int(x))
    if is_string(o) and k >> 32 == INT_HI:
        s = str_of(o)
        j = int_of(k)
        return new_str(s[j]) if 0 <= j < len(s) else UNDEFINED_WORD
    if o in (UNDEFINED_WORD, NULL_WORD):
        raise throw("TypeError", f"Cannot read properties of {to_str(o)} "
                                 f"(reading '{to_str(k)}')")
    if k >> 32 == INT_HI or is_string(k):  # a key found without allocating
        return get_prop(o, key_of(k))
    with R.heap.handle(o) as oh:
        key = key_of(k)
        return get_prop(oh.word, key)


def set_elem(o: int, k: int, v: int, strict: bool = False) -> None:
    if k >> 32 == INT_HI and kind_of(o) == KIND_ARRAY:
        j = int_of(k)
        if j >= 0:
            array_store(o, j, v)
            return
    if k >> 32 == INT_HI or is_string(k):  # a key found without allocating
        set_prop(o, key_of(k), v, strict)
        return
    h = R.heap
    with h.handle(o) as oh, h.handle(v) as vh:
        key = key_of(k)
        set_prop(oh.word, key, vh.word, strict)


# -- object-literal instructions (handler factories, registered with the interpreter's
# FACTORIES by hvm.builtins: a frame's slots are re-read after every allocation) --------

def f_SetProto(d: Any, a: int, b: int) -> Callable[[int], int]:
    """``{__proto__: r[b], ...}``: r[a]'s prototype becomes r[b] (an object or null)."""
    n: int = d.pc + 1

    def op(i: int) -> int:
        S = R.S
        p = S[i + b]
        if p == NULL_WORD or is_object(p):
            S[i + a] = set_proto(S[i + a], p)
        return n
    return op


def _copy_props(i: int, dst: int, src: int, skip: set[str]) -> None:
    """Own enumerable properties of slot ``src`` (an object or a string) onto the object
    in slot ``dst``, as own data properties, but those in ``skip``."""
    S = R.S
    w = S[i + src]
    if is_string(w):
        keys = [str(j) for j in range(len(str_of(w)))]
    elif is_object(w):
        keys = visible_keys(w)
    else:
        return
    for key in keys:
        if key in skip:
            continue
        v = get_prop(S[i + src], key)
        R.heap.put(S[i + dst], key, v)


def f_CopyProps(d: Any, a: int, b: int) -> Callable[[int], int]:
    """Object spread ``{...r[b]}`` into r[a]."""
    n: int = d.pc + 1

    def op(i: int) -> int:
        _copy_props(i, a, b, set())
        return n
    return op


def f_ObjectRest(d: Any, a: int, b: int, c: int) -> Callable[[int], int]:
    """``const {x, ...r[a]} = r[b]``: a new object of r[b]'s own enumerable properties but
    the keys listed in array r[c]."""
    n: int = d.pc + 1

    def op(i: int) -> int:
        S = R.S
        skip = {to_str(x) for x in array_words(S[i + c]) if x != HOLE_WORD}
        S[i + a] = new_object(R.protos["Object"].word)
        _copy_props(i, a, b, skip)
        return n
    return op


OBJECT_OPS: dict[str, Callable[..., Callable[[int], int]]] = {
    "SetProto": f_SetProto, "CopyProps": f_CopyProps, "ObjectRest": f_ObjectRest}


# -- calls ------------------------------------------------------------------------------

def call(fn: int, this: int, args: list[int]) -> int:
    """Call any callable value (set by the interpreter module: ``interp.call``)."""
    return R.call(fn, this, args)


__all__ = [
    "ADDR_MASK", "FALSE_WORD", "HOLE_WORD", "INT_BASE", "NATIVE_BASE", "NULL_WORD",
    "REF_BASE", "TRUE_WORD", "UNDEFINED_WORD", "UNINIT_WORD", "CodeInfo", "HThrow",
    "CLOSURE_OWN_KEYS", "HVMUnsupported", "Native", "R", "Realm", "bool_word", "call",
    "code_info", "double_of",
    "for_in_keys", "get_elem", "get_prop", "int_of", "is_error", "is_index_key", "is_number",
    "is_object", "is_string", "kind_of",
    "make_error", "new_array", "new_object", "new_str", "num_word", "number_of", "set_elem",
    "set_prop", "str_of", "throw", "to_int32", "to_num", "to_str", "truthy", "typeof",
    "K_CLASS", "OBJECT_OPS", "string_items", "has_own_key", "hide_key", "own_keys", "own_slot",
]
_ = (CLOSURE_HOME, CLOSURE_THIS, KIND_CONTEXT)
