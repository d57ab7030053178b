"""The heap's allocation fast paths (issue #13): cells made from per-shape and per-size
templates, strings written through the UTF-16 codec, caches emptied by a collection.

Each cell is checked word for word against the layout DESIGN.md gives (written out here
independently), after templates were made and reused, under stress collection too; bad
sizes that would hit a cached template (3.0 for 3, True for 1) stay clean errors."""

from __future__ import annotations

import pytest

from a64js.heap import ARRAY_SIZE, Heap
from a64js.words import HOLE_WORD, INT_BASE, NULL_WORD, REF_BASE, UNDEFINED_WORD


def words(h: Heap, w: int, n: int) -> list[int]:
    i = ((w - REF_BASE) - h._base) >> 3
    return [int(x) for x in h._w[i:i + n]]


@pytest.mark.parametrize("stress", [False, True])
def test_cells_from_templates_word_for_word(stress: bool) -> None:
    h = Heap(1 << 16, stress=stress, poison=True)
    obj = h.new_shape(NULL_WORD, capacity=3)
    clo = h.new_shape(NULL_WORD, capacity=2, closure=True)
    for _ in range(3):  # the first call makes each template, the others reuse it
        o = h.alloc_object(obj)
        assert words(h, o, 5) == [obj.address, 0] + [UNDEFINED_WORD] * 3
        ctx = h.handle(h.alloc_context(2))
        assert words(h, ctx.word, 5) == [h.context_shape.address, 2, 0] + [UNDEFINED_WORD] * 2
        inner = h.alloc_context(1, ctx.word)
        assert words(h, inner, 4) == [h.context_shape.address, 1,
                                      (ctx.word - REF_BASE), UNDEFINED_WORD]
        f = h.alloc_closure(clo, 7, ctx.word, 0x41, 0x42)
        assert words(h, f, 8) == [clo.address, 0, 7, ctx.word - REF_BASE, 0x41, 0x42] \
            + [UNDEFINED_WORD] * 2
        g = h.alloc_closure(clo, 8)
        assert words(h, g, 8) == [clo.address, 0, 8, 0, UNDEFINED_WORD, UNDEFINED_WORD] \
            + [UNDEFINED_WORD] * 2
        ctx.release()
        for length, cap, fill in ((0, 0, HOLE_WORD), (0, 4, HOLE_WORD), (3, 4, HOLE_WORD),
                                  (2, 3, 0x7), (5, 5, UNDEFINED_WORD)):
            a = h.alloc_array(length, cap, fill)
            addr = a - REF_BASE
            head = words(h, a, 5)
            assert head == [h.array_shape.address, length, cap,
                            addr + ARRAY_SIZE if cap else 0, 0]
            if cap:
                vec = words(h, REF_BASE | (addr + ARRAY_SIZE), 2 + cap)
                assert vec == [h.vector_shape.address, cap] + [fill] * length \
                    + [HOLE_WORD] * (cap - length)


@pytest.mark.parametrize("s", ["", "a", "ab", "abc", "abcd", "abcde", "\u00e9t\u00e9!",
                               "\ud83d\ude00x", "\ud800", "x" * 9, "\uffff\u0001"])
def test_strings_units_and_zero_padding(s: str) -> None:
    h = Heap(1 << 16, poison=True)
    h.collect()
    h.collect()  # back in the first semispace, whose free part is now poison bytes
    w = h.alloc_string(s)  # (so a padding left unwritten would show)
    units = [ord(c) for c in s]  # every test string is one unit per character
    n = len(units)
    nw = (n + 3) // 4
    got = words(h, w, 2 + nw)
    assert got[:2] == [h.string_shape.address, n]
    padded = units + [0] * (4 * nw - n)
    want = [sum(padded[4 * k + j] << (16 * j) for j in range(4)) for k in range(nw)]
    assert got[2:] == want
    assert h.read_string(w) == s.encode("utf-16-le", "surrogatepass").decode(
        "utf-16-le", "surrogatepass")


def test_bad_sizes_equal_to_a_cached_one_are_still_errors() -> None:
    h = Heap(1 << 16)
    h.alloc_array(3, 3)
    h.alloc_context(3)
    for bad in (3.0, "3"):
        with pytest.raises(ValueError, match="alloc_array"):
            h.alloc_array(3, bad)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="alloc_context"):
            h.alloc_context(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="alloc_array"):
        h.alloc_array(4, 3)
    with pytest.raises(TypeError, match="not an object shape"):
        h.alloc_object(h.array_shape)
    with pytest.raises(TypeError, match="closure=True"):
        h.alloc_closure(h.new_shape(NULL_WORD), 1)
    with pytest.raises(TypeError, match="context"):
        h.alloc_context(1, h.alloc_object(h.new_shape(NULL_WORD)))


def test_epoch_caches_and_dictionary_slots_across_collections() -> None:
    h = Heap(1 << 16, poison=True)
    cache = h.epoch_cache()
    cache["k"] = 1
    o = h.handle(h.alloc_object(h.new_shape(NULL_WORD, capacity=2)))
    h.to_dictionary(o)
    for j in range(20):
        h.put(o, f"k{j}", INT_BASE | j)
    i = ((o.word - REF_BASE) - h._base) >> 3
    slot = h.dict_slot(i, "k5")
    assert slot is not None and h._w[slot] == INT_BASE | 5
    assert h.dict_slot(i, "nope") is None
    h.collect()
    assert cache == {}  # emptied: its keys were addresses of the old semispace
    i = ((o.word - REF_BASE) - h._base) >> 3
    slot = h.dict_slot(i, "k19")  # (the index rebuilt for the vector's new address)
    assert slot is not None and h._w[slot] == INT_BASE | 19
    assert h.get(o, "k7") == INT_BASE | 7
