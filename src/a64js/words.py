"""Values as 64-bit words (NaN-boxing), and frames marshalled into a64jit data memory.

This is the value encoding compiled code will use (DESIGN.md, "Values"); the interpreter
still holds Python values, and this module converts between the two: ``encode`` /
``decode`` for one value, ``FrameStore`` for whole frames written to and read from an
``a64jit.alloc_data`` block (what a bailout or an on-stack replacement moves).

Word layout (top 16 bits decide):

- below ``0xFFF9``: an IEEE double, its own bits (every NaN is stored as the canonical
  quiet NaN ``0x7FF8_0000_0000_0000``, so no double reaches the tagged range);
- ``0xFFF9``: an int32 in the low 32 bits (``x + y`` is an ``adds w`` and one ``b.vs``);
- ``0xFFFA``: a constant: 0 undefined, 1 null, 2 false, 3 true, 4 the array hole;
- ``0xFFFB``: a reference to a heap value (object, array, function, string) in the low
  48 bits: the cell's address in an ``a64js.heap.Heap`` (``ref_word``/``ref_address``).
  For the interpreter's Python objects, which are not in data memory yet, ``encode``
  makes it ``8 * handle`` where the handle indexes ``HandleTable``.
"""

from __future__ import annotations

import struct
from typing import Any

from .values import HOLE, NULL

TAG_SHIFT = 48
TAG_INT = 0xFFF9
TAG_CONST = 0xFFFA
TAG_REF = 0xFFFB
CANONICAL_NAN = 0x7FF8_0000_0000_0000

INT_BASE = TAG_INT << TAG_SHIFT
CONST_BASE = TAG_CONST << TAG_SHIFT
REF_BASE = TAG_REF << TAG_SHIFT
#: The address bits of a reference word.
ADDR_MASK = (1 << TAG_SHIFT) - 1

UNDEFINED_WORD = CONST_BASE | 0
NULL_WORD = CONST_BASE | 1
FALSE_WORD = CONST_BASE | 2
TRUE_WORD = CONST_BASE | 3
HOLE_WORD = CONST_BASE | 4

_pack_d = struct.Struct("<d").pack
_unpack_q = struct.Struct("<Q").unpack
_pack_q = struct.Struct("<Q").pack
_unpack_d = struct.Struct("<d").unpack


class HandleTable:
    """Heap values referenced from words: a handle is an index into ``values``.

    The table keeps the values alive (it is a root set); ``release`` frees a handle.
    """

    def __init__(self) -> None:
        self.values: list[Any] = [None]  # handle 0 is never used: a null reference
        self.ids: dict[int, int] = {}
        self.free: list[int] = []

    def handle(self, v: Any) -> int:
        h = self.ids.get(id(v))
        if h is not None and self.values[h] is v:
            return h
        if self.free:
            h = self.free.pop()
            self.values[h] = v
        else:
            h = len(self.values)
            self.values.append(v)
        self.ids[id(v)] = h
        return h

    def release(self, h: int) -> None:
        v = self.values[h]
        self.ids.pop(id(v), None)
        self.values[h] = None
        self.free.append(h)


def ref_word(address: int) -> int:
    """The reference word of the heap cell at ``address`` (8-aligned, below 2**48)."""
    if address & 7 or not 0 < address <= ADDR_MASK:
        raise ValueError(f"ref_word: {address:#x} is not an 8-aligned address below 2**48")
    return REF_BASE | address


def ref_address(w: int) -> int:
    """The cell address of reference word ``w``."""
    if w >> TAG_SHIFT != TAG_REF:
        raise ValueError(f"ref_address: {w:#018x} is not a reference word")
    return w & ADDR_MASK


def int_word(i: int) -> int:
    """The word of int32 ``i``."""
    if not -0x8000_0000 <= i <= 0x7FFF_FFFF:
        raise ValueError(f"int_word: {i} is outside the int32 range")
    return INT_BASE | (i & 0xFFFF_FFFF)


def word_int(w: int) -> int:
    """The int32 of int word ``w``."""
    if w >> TAG_SHIFT != TAG_INT:
        raise ValueError(f"word_int: {w:#018x} is not an int32 word")
    i = w & 0xFFFF_FFFF
    return i - 0x1_0000_0000 if i >= 0x8000_0000 else i


def double_word(x: float) -> int:
    """The word of a double (NaNs canonical)."""
    if x != x:
        return CANONICAL_NAN
    w: int = _unpack_q(_pack_d(x))[0]
    return w


def encode(v: Any, handles: HandleTable) -> int:
    """The 64-bit word of interpreter value ``v``."""
    t = type(v)
    if t is int:
        if -0x8000_0000 <= v <= 0x7FFF_FFFF:
            return INT_BASE | (int(v) & 0xFFFF_FFFF)
        return double_word(float(v))
    if t is float:
        return double_word(v)
    if v is None:
        return UNDEFINED_WORD
    if v is NULL:
        return NULL_WORD
    if t is bool:
        return TRUE_WORD if v else FALSE_WORD
    if v is HOLE:
        return HOLE_WORD
    return REF_BASE | (handles.handle(v) << 3)


def decode(w: int, handles: HandleTable) -> Any:
    """The interpreter value of word ``w``."""
    tag = w >> TAG_SHIFT
    if tag < TAG_INT:
        x: float = _unpack_d(_pack_q(w))[0]
        if x.is_integer() and -9007199254740992.0 <= x <= 9007199254740992.0 \
                and not (x == 0 and w >> 63):
            return int(x)
        return x
    if tag == TAG_INT:
        i = w & 0xFFFF_FFFF
        return i - 0x1_0000_0000 if i >= 0x8000_0000 else i
    if tag == TAG_CONST:
        k = w & 0xFFFF_FFFF_FFFF
        consts: tuple[Any, ...] = (None, NULL, False, True, HOLE)
        if k < len(consts):
            return consts[k]
    elif tag == TAG_REF:
        return handles.values[(w & 0xFFFF_FFFF_FFFF) >> 3]
    raise ValueError(f"decode: {w:#018x} is not a value word (tag {tag:#06x})")


class FrameStore:
    """Frames as words in an a64jit data block (one stack of 64-bit slots).

    The block holds at least ``nwords`` words (allocation rounds up to whole pages).
    ``push(regs)`` writes a frame's slots 1.. (slot 0, the Python argument list, stays
    behind) and returns its base index; ``read(base, n)`` gives the values back.
    """

    def __init__(self, nwords: int, handles: HandleTable | None = None,
                 backend: Any = None) -> None:
        from a64jit import alloc_data

        self.block = alloc_data(nwords * 8, backend=backend)
        self.words = memoryview(self.block).cast("Q")
        self.top = 0
        self.handles = handles if handles is not None else HandleTable()

    @property
    def address(self) -> int:
        """The machine address of word 0."""
        return int(self.block.address)

    def push(self, regs: list[Any]) -> int:
        n = len(regs) - 1
        if self.top + n > len(self.words):
            raise MemoryError(f"frame store: {n} slots do not fit "
                              f"({len(self.words) - self.top} words free)")
        base = self.top
        h = self.handles
        words = self.words
        for i, v in enumerate(regs[1:]):
            words[base + i] = encode(v, h)
        self.top += n
        return base

    def read(self, base: int, n: int) -> list[Any]:
        h = self.handles
        return [decode(self.words[base + i], h) for i in range(n)]

    def pop(self, base: int) -> None:
        self.top = base


__all__ = [
    "ADDR_MASK", "CANONICAL_NAN", "FALSE_WORD", "HOLE_WORD", "INT_BASE", "NULL_WORD", "REF_BASE",
    "TAG_CONST", "TAG_INT", "TAG_REF", "TAG_SHIFT", "TRUE_WORD", "UNDEFINED_WORD",
    "FrameStore", "HandleTable", "decode", "double_word", "encode", "int_word", "ref_address",
    "ref_word", "word_int",
]
