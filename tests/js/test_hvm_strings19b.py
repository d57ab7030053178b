"""The heap VM realm's fast paths of session 19 (HVM19B): string cells written in one
store (``Heap.alloc_string`` and ``hvm.core.new_str``'s inline copy of it), read through
the heap's byte views (which follow the semispaces through collections and growth),
``to_str``/``key_of`` answered from the string cache, ``num_word`` of an int past int32,
handles made without ``Handle.__init__``, errors the runtime makes from the realm's own
prototypes; ``set_elem`` of string keys of moved cells on a dictionary object. Each is
checked against what the slow form gives, across collections (moved cells) and under GC
stress; the program feat_string_cells (node's output) runs plain and stressed.
"""

from __future__ import annotations

import io
import math
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from a64js.heap import Handle, Heap
from a64js.words import CANONICAL_NAN, INT_BASE
from tests.js import jsprograms
from tests.js.hvmrun import run_heap
from tests.js.test_programs import check

#: strings of every padding of the last unit word, with non-ASCII units, a surrogate
#: pair and lone surrogates (as JavaScript sees them: one character per UTF-16 unit)
SAMPLES = ["", "a", "ab", "abc", "abcd", "abcde", "\u00e9", "\u4e2d\u6587", "\ud83d\ude00",
           "x\ud800", "\udfffy", "\ud800\ud800\udc00", "\x00", "a\x00b\x00"] + \
    ["".join(chr(0x41 + (i * 7) % 0x2000) for i in range(n)) for n in range(6, 40)] + \
    ["z" * 700, "\u00e9" * 3000, "x" * 2040, "y" * 2041, "w" * 2044]


def _units(s: str) -> list[int]:
    data = s.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[j:j + 2], "little") for j in range(0, len(data), 2)]


def _cell_words(heap: Heap, w: int) -> list[int]:
    """The words of string cell ``w``: header, length, its unit words (padding too)."""
    i = ((w & ((1 << 48) - 1)) - heap._base) >> 3
    n = heap._w[i + 1]
    return list(heap._w[i:i + 2 + (n + 3) // 4])


def _want_words(heap: Heap, s: str) -> list[int]:
    units = _units(s)
    units += [0] * (-len(units) % 4)
    words = [sum(units[j + k] << (16 * k) for k in range(4)) for j in range(0, len(units), 4)]
    return [heap.string_shape.address, len(_units(s)), *words]


def _joined(s: str) -> str:
    """``s`` as Heap.read_string gives it (surrogate pairs joined)."""
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


@pytest.mark.parametrize("collector", ["python", "code"])
def test_string_cells_survive_moves_and_growth(collector: str) -> None:
    # a small space that grows while the strings are live: the byte views follow both
    heap = Heap(32 << 10, max_semispace=4 << 20, collector=collector)
    try:
        handles = []
        for r in range(12):
            for s in SAMPLES:
                handles.append((heap.handle(heap.alloc_string(s)), s))
            if r % 3 == 2:
                heap.collect()
        assert heap.semispace > 32 << 10 and heap.stats.collections > 4
        heap.verify()
        for hd, s in handles:
            assert _cell_words(heap, hd.word) == _want_words(heap, s), s
            assert heap.read_string(hd.word) == _joined(s)
            assert heap.string_length(hd.word) == len(_units(s))
    finally:
        heap.close()


def test_a_string_too_long_for_the_space_is_a_clear_error() -> None:
    from a64js.errors import JSHeapError

    heap = Heap(4096, max_semispace=4096)
    try:
        with pytest.raises(JSHeapError, match="does not fit"):
            heap.alloc_string("x" * 4096)
    finally:
        heap.close()


@pytest.fixture
def realm() -> Iterator[Heap]:
    from a64js.hvm.builtins import setup
    from a64js.hvm.core import R

    setup(["node", "t.js"], io.StringIO(), semispace=1 << 20)
    yield R.heap


@pytest.mark.parametrize("stress", [False, True], ids=["plain", "gc-stress"])
def test_new_str_writes_the_cell_alloc_string_writes(realm: Heap, stress: bool) -> None:
    from a64js.hvm import core
    from a64js.values import js_str

    heap = realm
    heap.stress = stress  # (every allocation collects: new_str's slow path)
    handles = [(heap.handle(core.new_str(s)), s) for s in SAMPLES]
    heap.stress = False
    heap.collect()  # every string moved, the string cache emptied
    for hd, s in handles:
        if len(s) <= 1:
            assert hd.word == core.new_str(s)  # one-unit strings are shared
        assert _cell_words(heap, hd.word) == _want_words(heap, s), s
        assert core.str_of(hd.word) == js_str(s)
        assert core.to_str(hd.word) == s and core.key_of(hd.word) == s
        assert core.is_string(hd.word) and not core.is_object(hd.word)
        assert core.typeof(hd.word) == "string"
        hd.release()


def test_to_str_and_key_of_take_no_stale_word(realm: Heap) -> None:
    from a64js.hvm import core
    from a64js.hvm.core import R

    heap = realm
    a = heap.handle(core.new_str("first"))
    old = a.word
    assert R.str_cache.get(old) == "first"
    heap.collect()
    assert old not in R.str_cache and a.word != old
    b = heap.handle(core.new_str("second"))  # may take a word the first had before
    assert core.to_str(a.word) == "first" and core.key_of(b.word) == "second"
    for v in (0, 1, -1, 2**31 - 1, -2**31, 42):
        w = INT_BASE | (v & 0xFFFF_FFFF)
        assert core.to_str(w) == str(v) and core.key_of(w) == str(v)
    assert core.to_str(core.num_word(-0.0)) == "0" and core.to_str(CANONICAL_NAN) == "NaN"
    o = core.new_object(R.protos["Object"].word)
    assert core.is_object(o) and not core.is_string(o) and core.typeof(o) == "object"


def _bits(x: float) -> int:
    (r,) = struct.unpack("<Q", struct.pack("<d", x))
    return int(r)


@pytest.mark.parametrize("x", [2**31, -2**31 - 1, 2**31 + 7, 2**53, 2**53 + 1, -2**62,
                               1103515245 * 12345, 2**31 - 1, -2**31, 0, 7, -7])
def test_num_word_of_an_int(x: int) -> None:
    from a64js.hvm import core

    w = core.num_word(x)
    if -2**31 <= x < 2**31:
        assert w == INT_BASE | (x & 0xFFFF_FFFF)
    else:
        assert w == _bits(float(x)) and core.number_of(w) == float(x)


@pytest.mark.parametrize("x", [0.5, -0.0, 0.0, 3.0, -2147483648.0, 2147483648.0, 1e300,
                               math.inf, -math.inf, math.nan, 2.5e-320])
def test_num_word_of_a_float(x: float) -> None:
    from a64js.hvm import core

    w = core.num_word(x)
    if x != x:
        assert w == CANONICAL_NAN
    elif not math.isinf(x) and x == int(x) and -2**31 <= x < 2**31 \
            and (x != 0 or math.copysign(1.0, x) > 0):  # integral, in range, not -0
        assert w == INT_BASE | (int(x) & 0xFFFF_FFFF)
    else:
        assert w == _bits(x)


def test_handles_root_and_release(realm: Heap) -> None:
    from a64js.hvm import core

    heap = realm
    before = heap.live_handles
    with heap.handle(core.new_str("kept")) as h:
        assert type(h) is Handle and heap.live_handles == before + 1
        heap.collect()
        assert core.str_of(h.word) == "kept"
    assert heap.live_handles == before
    with pytest.raises(ValueError, match="released"):
        _ = h.word
    with pytest.raises(KeyError), heap.handle(core.new_str("raised")):
        raise KeyError("x")
    assert heap.live_handles == before
    dropped = heap.handle(core.new_str("dropped"))
    del dropped  # (a dropped handle releases itself)
    assert heap.live_handles == before


def test_set_elem_of_a_string_key_on_a_dictionary_object(realm: Heap) -> None:
    from a64js.hvm import core
    from a64js.hvm.core import R

    heap = realm
    o = heap.handle(core.new_object(R.protos["Object"].word))
    for j in range(80):  # past the keys an object keeps in its shape: dictionary mode
        core.set_prop(o.word, f"k{j}", INT_BASE | j)
    assert core.shape_of(o.word).dict
    for j in range(80):
        with heap.handle(core.new_str(f"k{j}")) as k:  # another cell of the same units
            heap.collect()
            core.set_elem(o.word, k.word, INT_BASE | (1000 + j))
            core.set_elem(o.word, k.word, INT_BASE | (2000 + j))  # (the probe remembered)
    with heap.handle(core.new_str("new")) as k:  # absent: added by the generic path
        core.set_elem(o.word, k.word, INT_BASE | 5)
    assert core.get_prop(o.word, "new") == INT_BASE | 5
    assert [core.get_prop(o.word, f"k{j}") for j in range(80)] == \
        [INT_BASE | (2000 + j) for j in range(80)]


def test_the_program_under_gc_stress() -> None:
    path = Path(jsprograms.PROGRAMS) / "feat_string_cells.js"
    check(path, run_heap(path, semispace=1 << 20))
    check(path, run_heap(path, semispace=1 << 20, stress=True, poison=True))


def test_a_bad_context_is_a_clear_error() -> None:
    # alloc_context/alloc_closure test their context word in line: every wrong one
    # still gets _cell's error, a right one is linked
    from a64js.words import REF_BASE, UNDEFINED_WORD

    heap = Heap(64 << 10)
    try:
        ctx = heap.handle(heap.alloc_context(2))
        obj = heap.handle(heap.alloc_object(heap.new_shape(capacity=2)))
        fn_shape = heap.new_shape(capacity=2, closure=True)
        stale = ctx.word
        heap.collect()
        bad: list[tuple[int, type[Exception], str]] = [
            (INT_BASE | 5, TypeError, "not a reference"),
            (obj.word, TypeError, "not a context"),
            (ctx.word + 8, TypeError, "corrupt"),
            (ctx.word + 4, ValueError, "live heap"),
            (stale, ValueError, "live heap"),
            (REF_BASE | (heap._base - 8), ValueError, "live heap"),
        ]
        for w, exc, msg in bad:
            with pytest.raises(exc, match=msg):
                heap.alloc_context(1, w)
            with pytest.raises(exc, match=msg):
                heap.alloc_closure(fn_shape, 0, w)
        inner = heap.alloc_context(1, ctx.word)
        assert heap.context_get(inner, 0) == ctx.word
        f = heap.alloc_closure(fn_shape, 3, ctx.word)
        assert heap.closure_context(f) == ctx.word and heap.closure_code(f) == 3
        assert heap.context_get(heap.alloc_context(1), 0) == UNDEFINED_WORD
    finally:
        heap.close()


def test_root_shapes_follow_their_prototypes_across_collections(realm: Heap) -> None:
    # root_shape remembers its answers by prototype word until the next collection: a
    # word that names another prototype after one must not get the old one's shape
    from a64js.hvm import core
    from a64js.hvm.core import R

    heap = realm
    protos = []
    for r in range(6):
        for _ in range(5):
            protos.append(heap.handle(core.new_object(R.protos["Object"].word)))
        for p in protos:
            s = core.root_shape(p.word)
            assert core.root_shape(p.word) is s
            with heap.handle(core.new_object(p.word)) as o:
                assert core.proto_word(o.word) == p.word
            assert core.shape_of(core.new_object(p.word)) is s
        if r % 2:
            for p in protos[::2]:
                p.release()
            protos = protos[1::2]
        heap.collect()


def test_a_root_shape_is_not_found_by_a_dead_prototypes_word(realm: Heap) -> None:
    from a64js.hvm import core
    from a64js.hvm.core import R

    heap = realm
    for _ in range(4):  # (until the live data is what it will be after two collections)
        a = heap.handle(core.new_object(R.protos["Object"].word))
        old = a.word
        sa = core.root_shape(a.word)
        assert core.root_shape(a.word) is sa  # (made, then found: remembered)
        a.release()
        heap.collect()
        heap.collect()  # the same live data: the next cell takes a's old word
        b = heap.handle(core.new_object(R.protos["Object"].word))
        if b.word == old:
            break
        b.release()
    assert b.word == old
    sb = core.root_shape(b.word)
    assert sb is not sa
    assert core.proto_word(core.new_object(b.word)) == b.word
