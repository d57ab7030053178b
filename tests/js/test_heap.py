"""The a64js heap in data memory: layout, allocation, accessors and the copying collector."""

from __future__ import annotations

import os
import random

import pytest

from a64js.errors import JSHeapError
from a64js.heap import (
    ARRAY_CAPACITY,
    ARRAY_ELEMENTS,
    ARRAY_LENGTH,
    CELL_OOB,
    CLOSURE_CODE,
    CLOSURE_CONTEXT,
    OBJECT_SLOTS,
    STRING_DATA,
    STRING_LENGTH,
    Ctx,
    Heap,
    ShapeCell,
)
from a64js.words import (
    HOLE_WORD,
    NULL_WORD,
    REF_BASE,
    TRUE_WORD,
    UNDEFINED_WORD,
    double_word,
    int_word,
    ref_address,
    word_int,
)


def make_heap(semispace: int = 1 << 14, **kw: object) -> Heap:
    return Heap(semispace, poison=True, **kw)  # type: ignore[arg-type]


def test_context_block_and_cell_layout() -> None:
    h = make_heap()
    base = h.space_base
    assert h.ctx_word(Ctx.HEAP_TOP) == base == h.heap_top
    assert h.ctx_word(Ctx.HEAP_LIMIT) == base + h.semispace == h.heap_limit
    assert h.ctx_word(Ctx.SPACE_BASE) == base
    assert h.ctx_word(Ctx.FP) == 0 and h.ctx_word(Ctx.SP) == h.ctx_word(Ctx.STACK_BASE)
    assert h.ctx_word(Ctx.SHAPE_ARRAY) == h.array_shape.address
    assert h.ctx_word(Ctx.SHAPE_STRING) == h.string_shape.address
    s = h.with_key(h.with_key(h.new_shape(capacity=2), "a"), "b")
    o = h.alloc_object(s)
    a = ref_address(o)
    assert a == base and h.heap_top == base + 16 + 16  # header, oob pointer, 2 slots
    h.put(o, "a", int_word(5))
    h.put(o, "b", TRUE_WORD)
    assert h.read_word(a) == s.address
    assert h.read_word(a + CELL_OOB) == 0
    assert h.read_word(a + OBJECT_SLOTS) == int_word(5) == 0xFFF9_0000_0000_0005
    assert h.read_word(a + s.offset("b")) == TRUE_WORD  # type: ignore[operator]
    # The shape cell: what compiled code may read.
    cell = s.address
    assert h._sw[(cell + ShapeCell.KIND - h._shape_base) >> 3] == 1
    assert h._sw[(cell + ShapeCell.CAPACITY - h._shape_base) >> 3] == 2
    assert h._sw[(cell + ShapeCell.NKEYS - h._shape_base) >> 3] == 2
    arr = h.alloc_array(2, 3, fill=int_word(1))
    aa = ref_address(arr)
    assert [h.read_word(aa + k) for k in (ARRAY_LENGTH, ARRAY_CAPACITY)] == [2, 3]
    vec = h.read_word(aa + ARRAY_ELEMENTS)
    assert vec == aa + 40 and h.read_word(vec) == h.vector_shape.address
    assert h.read_word(aa + 32) == 0  # no named properties (their slot vector)
    assert [h.read_word(vec + 16 + 8 * k) for k in range(3)] == [int_word(1)] * 2 + [HOLE_WORD]
    st = h.alloc_string("héllo")
    sa = ref_address(st)
    assert h.read_word(sa + STRING_LENGTH) == 5
    assert h.read_word(sa + STRING_DATA) == int.from_bytes("héll".encode("utf-16-le"), "little")
    assert h.heap_top - sa == 16 + 16  # 10 bytes of units padded to 16


def test_properties_transitions_out_of_line_and_prototypes() -> None:
    h = make_heap()
    proto = h.alloc_object(h.new_shape(capacity=1))
    h.put(proto, "inherited", int_word(99))
    ph = h.handle(proto)
    root = h.new_shape(ph.word, capacity=2)
    o1 = h.handle(h.alloc_object(root))
    o2 = h.handle(h.alloc_object(root))
    for o in (o1, o2):
        for k, name in enumerate("abcdefghij"):
            h.put(o.word, name, int_word(k * 10 + (o is o2)))
    assert h.shape_of(o1.word) is h.shape_of(o2.word)  # same keys, same order: one shape
    assert h.keys(o1.word) == list("abcdefghij")
    assert h.read_word(ref_address(o1.word) + CELL_OOB) != 0  # 8 keys out of line
    for k, name in enumerate("abcdefghij"):
        assert word_int(h.get(o1.word, name)) == k * 10
        assert word_int(h.get(o2.word, name)) == k * 10 + 1
    assert word_int(h.get(o1.word, "inherited")) == 99
    assert h.get_own(o1.word, "inherited") is None
    assert h.get(o1.word, "nothing") == UNDEFINED_WORD
    h.put(o1.word, "c", double_word(2.5))  # overwrite in place: no new shape
    assert h.get(o1.word, "c") == double_word(2.5)
    swapped = h.alloc_object(root)
    h.put(swapped, "b", int_word(1))
    h.put(swapped, "a", int_word(2))
    assert h.shape_of(swapped).keys == {"b": 0, "a": 1}
    assert h.shape_of(swapped).offset("a") == OBJECT_SLOTS + 8
    h.collect()
    assert word_int(h.get(o2.word, "j")) == 91 and word_int(h.get(o1.word, "inherited")) == 99
    assert h.shape_proto(root) == ph.word  # the shape's prototype word was updated
    h.set_shape_proto(h.array_shape, ph)
    assert h.shape_proto(h.array_shape) == ph.word
    with pytest.raises(TypeError, match=r"set_shape_proto: proto: 0x[0-9a-f]+ is a string"):
        h.set_shape_proto(root, h.alloc_string("not an object"))
    h.verify()


@pytest.mark.parametrize("s", ["", "a", "abcd", "abcde", "héllo wörld", "\U0001F600!",
                               "\ud800 lone", "x" * 1001])
def test_strings_round_trip_in_utf16_units(s: str) -> None:
    h = make_heap()
    w = h.alloc_string(s)
    assert h.kind(w) == "string"
    assert h.string_length(w) == len(s.encode("utf-16-le", "surrogatepass")) // 2
    hs = h.handle(w)
    h.collect()
    assert h.read_string(hs.word) == s


def test_arrays_grow_holes_and_bounds() -> None:
    h = make_heap()
    a = h.handle(h.alloc_array())
    assert h.array_length(a.word) == 0 and h.array_get(a.word, 0) == UNDEFINED_WORD
    for i in range(50):
        assert h.array_push(a.word, int_word(i)) == i + 1
    h.array_set(a.word, 60, NULL_WORD)
    assert h.array_length(a.word) == 61
    assert h.array_get(a.word, 55) == HOLE_WORD
    assert h.array_get(a.word, 61) == UNDEFINED_WORD
    h.collect()
    assert [word_int(h.array_get(a.word, i)) for i in range(50)] == list(range(50))
    assert h.array_get(a.word, 60) == NULL_WORD
    sparse = h.alloc_array(5)
    assert [h.array_get(sparse, i) for i in range(5)] == [HOLE_WORD] * 5
    with pytest.raises(IndexError, match=r"Heap.array_get: index must be an int >= 0, got -1"):
        h.array_get(sparse, -1)
    with pytest.raises(ValueError, match="length <= capacity"):
        h.alloc_array(3, 2)


def test_contexts_and_closures() -> None:
    h = make_heap()
    outer = h.handle(h.alloc_context(2))
    h.context_set(outer.word, 1, int_word(11))
    inner = h.handle(h.alloc_context(1, outer.word))
    h.context_set(inner.word, 1, h.alloc_string("captured"))
    fshape = h.new_shape(closure=True, capacity=1)
    bare = h.alloc_object(fshape)  # a closure-shaped cell: raw fields zero, not undefined
    assert h.closure_code(bare) == 0 and h.closure_context(bare) == UNDEFINED_WORD
    h.verify()
    fn = h.handle(h.alloc_closure(fshape, 7, inner.word))
    fa = ref_address(fn.word)
    assert h.read_word(fa + CLOSURE_CODE) == 7
    assert h.read_word(fa + CLOSURE_CONTEXT) == ref_address(inner.word)
    h.put(fn.word, "prototype", NULL_WORD)
    assert h.shape_of(fn.word).offset("prototype") == 48
    inner.release()
    outer.release()
    for _ in range(3):
        h.alloc_string("garbage" * 50)
        h.collect()
    assert h.closure_code(fn.word) == 7
    ctx = h.closure_context(fn.word)
    assert h.read_string(h.context_get(ctx, 1)) == "captured"
    parent = h.context_get(ctx, 0)
    assert word_int(h.context_get(parent, 1)) == 11
    assert h.context_get(parent, 2) == UNDEFINED_WORD
    assert h.context_get(parent, 0) == UNDEFINED_WORD  # no grandparent
    assert h.get(fn.word, "prototype") == NULL_WORD
    with pytest.raises(IndexError, match=r"Heap.context_set: index 1 out of range \[0, 1\)"):
        h.context_set(ctx, 2, TRUE_WORD)
    h.verify()


def test_roots_frames_handles_context_words_and_cycles() -> None:
    h = make_heap()
    shape = h.with_key(h.new_shape(capacity=1), "self")
    outer = h.push_frame(3)
    o = h.alloc_object(shape)
    h.put(o, "self", o)  # a cycle: copied once, identity kept
    h.frame_set(outer, 1, o)
    h.frame_set(outer, 2, int_word(-4))
    inner = h.push_frame(2)
    h.frame_set(inner, 0, h.alloc_string("in a frame"))
    h.set_root(3, h.alloc_array(1, fill=TRUE_WORD))
    hd = h.handle(h.alloc_string("by handle"))
    before = [h.frame_get(outer, 1), h.frame_get(inner, 0), h.root(3), hd.word]
    for _ in range(2):  # twice: back into the first semispace
        h.alloc_string("garbage" * 30)
        h.collect()
    after = [h.frame_get(outer, 1), h.frame_get(inner, 0), h.root(3), hd.word]
    assert all(a != b for a, b in zip(before, after, strict=True))  # everything moved
    assert [f for f, _ in h.frames()] == [inner, outer]
    obj = h.frame_get(outer, 1)
    assert h.get(obj, "self") == obj
    assert h.frame_get(outer, 2) == int_word(-4)
    assert h.read_string(h.frame_get(inner, 0)) == "in a frame"
    assert h.array_get(h.root(3), 0) == TRUE_WORD
    assert h.read_string(hd.word) == "by handle"
    live = h.used
    h.pop_frame()
    hd.release()
    h.collect()
    assert h.used < live  # the string of the popped frame and the handle's are gone
    h.pop_frame()
    h.set_root(3, UNDEFINED_WORD)
    h.collect()
    assert h.used == 0 and h.live_handles == 0
    with pytest.raises(ValueError, match=r"Heap\.pop_frame: no frame"):
        h.pop_frame()


def test_handles_as_arguments_are_read_after_the_allocation() -> None:
    h = make_heap(1 << 15)
    o = h.handle(h.alloc_object(h.new_shape(capacity=0)))
    a = h.handle(h.alloc_array())
    for i in range(300):  # many collections between reading o and storing into it
        h.put(o, f"k{i % 7}", h.alloc_string("v" * (i % 40)))
        h.array_push(a, h.alloc_string(str(i)))
        h.alloc_string("garbage" * 30)
        if i % 50 == 0:
            h.array_set(a, 0, h.alloc_string("first"))
    assert h.stats.collections > 5
    assert h.read_string(h.get(o, "k6")) == "v" * (293 % 40)
    assert h.read_string(h.array_get(a, 299)) == "299"
    assert h.read_string(h.array_get(a, 0)) == "first"
    stale = o.word
    h.collect()
    with pytest.raises(ValueError, match="stale"):
        h.put(stale, "k0", TRUE_WORD)
    o.release()
    with pytest.raises(ValueError, match=r"Handle\.word: the handle has been released"):
        h.get(o, "k0")


def test_stale_references_and_bad_words_are_clean_errors() -> None:
    h = make_heap()
    o = h.alloc_object(h.new_shape())
    h.collect()
    with pytest.raises(ValueError, match=r"does not point into the live heap.*stale"):
        h.get(o, "x")
    with pytest.raises(TypeError, match=r"Heap.array_length: 0xfff9000000000001 is not a "
                                        r"reference word"):
        h.array_length(int_word(1))
    s = h.alloc_string("s")
    with pytest.raises(TypeError, match=r"Heap.put: 0x[0-9a-f]+ is a string, not an object"):
        h.put(s, "k", TRUE_WORD)
    with pytest.raises(ValueError, match=r"Heap: semispace must be an int in \[4096"):
        Heap(100)
    with pytest.raises(TypeError, match="shape 1 is a string shape"):
        h.alloc_object(h.string_shape)
    # Stress mode: a word held across any allocation is stale at once.
    st = make_heap(stress=True)
    o = st.alloc_object(st.new_shape())
    st.alloc_string("")
    with pytest.raises(ValueError, match="stale"):
        st.put(o, "k", TRUE_WORD)


def test_churn_many_heaps_worth_runs_in_fixed_blocks() -> None:
    """Allocate 100x the semispace in short-lived cells; the live ones stay intact and the
    heap's memory is the same blocks throughout."""
    h = make_heap(1 << 15)
    blocks = h.blocks()
    shape = h.with_key(h.with_key(h.new_shape(capacity=2), "n"), "s")
    keep = h.handle(h.alloc_array())
    rng = random.Random(5)
    i = 0
    while h.allocated_total() < 100 * h.semispace:
        kind = rng.randrange(3)
        if kind == 0:
            w = h.alloc_string("t" * rng.randrange(1, 64))
        elif kind == 1:
            w = h.alloc_array(rng.randrange(0, 16), fill=int_word(i))
        else:
            with h.handle(h.alloc_object(shape)) as o:
                h.put(o.word, "n", int_word(i))
                st = h.alloc_string(str(i))  # before reading o.word: it may move
                h.put(o.word, "s", st)
                w = o.word
        if i % 499 == 0:
            h.array_push(keep.word, w)
        i += 1
    assert h.stats.collections >= 100
    assert h.blocks() == blocks and h.used <= h.semispace
    h.verify()
    rng = random.Random(5)
    kept = keep.word
    j = 0
    for i in range(i):  # noqa: B020 - replay the same sequence
        kind = rng.randrange(3)
        n = rng.randrange(1, 64) if kind == 0 else rng.randrange(0, 16) if kind == 1 else 0
        if i % 499:
            continue
        w = h.array_get(kept, j)
        j += 1
        if kind == 0:
            assert h.read_string(w) == "t" * n
        elif kind == 1:
            assert h.array_length(w) == n
            assert all(h.array_get(w, k) == int_word(i) for k in range(n))
        else:
            assert word_int(h.get(w, "n")) == i and h.read_string(h.get(w, "s")) == str(i)
    assert j == h.array_length(kept) > 50


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux /proc")
def test_resident_memory_stays_flat() -> None:
    """100 MB allocated through a 1 MiB semispace leaves the process's RSS where it was."""
    h = Heap(1 << 20)
    page = os.sysconf("SC_PAGE_SIZE")

    def rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * page

    text = "x" * 2048  # 4 KiB of UTF-16 units per string
    keep = h.handle(h.alloc_string("kept"))
    for _ in range(2 * (h.semispace // 4096)):  # warm both semispaces
        h.alloc_string(text)
    start = rss()
    while h.allocated_total() < 100 * (1 << 20):
        h.alloc_string(text)
    grown = rss() - start
    assert grown < 8 << 20, f"RSS grew by {grown} bytes"
    assert h.read_string(keep.word) == "kept"


def test_exhaustion_is_a_clean_heap_error_and_the_heap_survives() -> None:
    h = make_heap(1 << 14)
    keep = h.handle(h.alloc_array())
    with pytest.raises(JSHeapError, match=r"heap exhausted: \d+ bytes live after collection, "
                                          r"\d+ more requested, semispace is 16384 bytes"):
        while True:
            h.array_push(keep, h.alloc_string("a live string"))  # keep, not keep.word
    assert isinstance(JSHeapError("x"), MemoryError)
    n = h.array_length(keep.word)
    assert h.read_string(h.array_get(keep.word, n - 1)) == "a live string"
    h.verify()
    keep.release()
    h.collect()
    assert h.used == 0
    h.alloc_string("room again")
    with pytest.raises(JSHeapError, match="does not fit"):
        h.alloc_string("y" * 10000)


@pytest.mark.parametrize(("stress", "collector"),
                         [(False, "python"), (True, "python"), (True, "code")])
def test_random_graph_survives_collections(stress: bool, collector: str) -> None:
    """A random object graph (objects, arrays, strings, cycles) reads the same after many
    collections as a Python model of it (with ``stress``: a collection at every
    allocation; ``collector``: the Python or the generated collector)."""
    h = make_heap(1 << 14, stress=stress, collector=collector)
    rng = random.Random(11)
    shape = h.new_shape(capacity=2)
    nodes: list[object] = []  # handles, in step with the model
    model: list[dict[str, int | str]] = []
    for step in range(400):
        op = rng.randrange(4)
        if op == 0 or not nodes:
            nodes.append(h.handle(h.alloc_object(shape)))
            model.append({})
        elif op == 1:
            i, j = rng.randrange(len(nodes)), rng.randrange(len(nodes))
            key = rng.choice("pqrst")
            h.put(nodes[i].word, key, nodes[j].word)  # type: ignore[attr-defined]
            model[i][key] = j
        elif op == 2:
            i = rng.randrange(len(nodes))
            key = rng.choice("uv")
            st = h.alloc_string(f"s{step}")
            h.put(nodes[i].word, key, st)  # type: ignore[attr-defined]
            model[i][key] = f"s{step}"
        else:
            h.alloc_array(rng.randrange(200))  # garbage
    h.collect()
    h.verify()
    words = {nd.word: k for k, nd in enumerate(nodes)}  # type: ignore[attr-defined]
    for k, nd in enumerate(nodes):
        for key, v in model[k].items():
            got = h.get(nd.word, key)  # type: ignore[attr-defined]
            if isinstance(v, str):
                assert h.read_string(got) == v
            else:
                assert words[got] == v
    assert h.stats.collections > 3
    assert REF_BASE & h.space_base == 0



@pytest.mark.parametrize("collector", ["python", "code"])
def test_close_releases_every_block(collector: str) -> None:
    h = Heap(1 << 13, collector=collector)
    keep = h.handle(h.alloc_string("x"))
    h.collect()
    h.close()
    with pytest.raises(ValueError):
        h.read_string(keep)  # the views are released: no access to unmapped memory
    keep.release()


def test_word_stack_overflow_is_a_recursion_error() -> None:
    h = make_heap(stack_words=64)
    fps = []
    with pytest.raises(RecursionError, match=r"Heap\.push_frame: a frame of 10 slots "
                                             r"overflows the word stack \(64 words\)"):
        while True:
            fps.append(h.push_frame(10))
    assert len(fps) == 64 // 12  # 2 header words + 10 slots each
    assert [f for f, _ in h.frames()] == fps[::-1]
    for _ in fps:
        h.pop_frame()
    assert h.fp == 0 and h.ctx_word(Ctx.SP) == h.ctx_word(Ctx.STACK_BASE)
