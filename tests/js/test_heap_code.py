"""Generated code on the a64js heap: bump allocation with a collector call, a shape-checked
property load, and array length/element loads with bounds checks (a64js.heapcode).

These run on the default backend (the emulator on x86-64 hosts; natively on AArch64).
"""

from __future__ import annotations

import ctypes
import random
from collections.abc import Iterator

import pytest

from a64jit import (
    CodePtr,
    Frame,
    JitBuffer,
    MacroAssembler,
    mem,
    x0,
    x1,
    x2,
    x3,
    x9,
    x10,
    x11,
    x12,
    x13,
    x19,
    x20,
    x21,
    x22,
    x23,
    xzr,
)
from a64js.errors import JSHeapError
from a64js.heap import ARRAY_SIZE, OBJECT_SLOTS, Ctx, Heap
from a64js.heapcode import (
    emit_alloc,
    emit_alloc_array,
    emit_alloc_closure,
    emit_alloc_context,
    emit_alloc_object,
    emit_array_length,
    emit_load_element,
    emit_load_property,
    emit_pop_frame,
    emit_push_frame,
    emit_store_element,
    emit_store_property,
)
from a64js.words import (
    HOLE_WORD,
    INT_BASE,
    NULL_WORD,
    REF_BASE,
    TRUE_WORD,
    UNDEFINED_WORD,
    double_word,
    int_word,
    word_int,
)

U64 = ctypes.c_uint64
BAIL = 0xFFFF_DEAD_0000_0000  # not a value word: the code's "miss" status


@pytest.fixture
def buf() -> Iterator[JitBuffer]:
    with JitBuffer() as b:
        yield b


def alloc_loop(heap: Heap, buf: JitBuffer, keep_mask: int) -> CodePtr:
    """``uint64 f(ctx, n, shape)``: n times, allocate a 4-word object of ``shape`` with
    slot 0 = int i and slot 1 = undefined; link every object whose i & keep_mask == 0 into
    the list in frame slot 0 (slot 1 of the object: next). Returns 1, or 0 if the heap ran
    out. Every reference lives in the frame across an allocation (a safepoint)."""
    m = MacroAssembler()
    f = Frame(m, uses=[x19, x20, x21, x22, x23])
    f.prologue()
    loop, done, fail, nxt = m.label(), m.label(), m.label(), m.label()
    m.mov(x19, x0)   # ctx
    m.mov(x20, x1)   # n
    m.mov(x21, 0)    # i
    m.mov(x22, x2)   # shape address
    m.bind(loop)
    m.cmp(x21, x20)
    m.b_hs(done)
    emit_alloc(m, x19, x9, 32, x10, heap.gc_host_function(), fail)
    m.str(x22, mem(x9, 0))
    m.str(xzr, mem(x9, 8))
    m.mov(x10, INT_BASE)
    m.orr(x10, x10, x21)
    m.str(x10, mem(x9, OBJECT_SLOTS))
    m.mov(x10, UNDEFINED_WORD)
    m.str(x10, mem(x9, OBJECT_SLOTS + 8))
    m.tst(x21, keep_mask)
    m.b_ne(nxt)
    m.ldr(x12, mem(x19, Ctx.FP))        # the frame: slot 0 holds the list head
    m.ldr(x13, mem(x12, 0))
    m.str(x13, mem(x9, OBJECT_SLOTS + 8))
    m.mov(x11, REF_BASE)
    m.orr(x11, x11, x9)
    m.str(x11, mem(x12, 0))
    m.bind(nxt)
    m.add(x21, x21, 1)
    m.b(loop)
    m.bind(done)
    m.mov(x0, 1)
    f.epilogue()
    m.bind(fail)
    m.mov(x0, 0)
    f.epilogue()
    return buf.install(m, restype=U64, argtypes=[U64, U64, U64], name="alloc_loop")


@pytest.mark.parametrize("collector", ["python", "code"])
def test_machine_code_allocates_100_heaps_worth_with_a_small_live_set(
        buf: JitBuffer, collector: str) -> None:
    """(With ``code``, the collector is generated code too, called from the host
    function that the allocating code called.)"""
    heap = Heap(1 << 14, poison=True, collector=collector)
    shape = heap.with_key(heap.with_key(heap.new_shape(capacity=2), "i"), "next")
    blocks = heap.blocks()
    fp = heap.push_frame(1)
    heap.frame_set(fp, 0, NULL_WORD)
    f = alloc_loop(heap, buf, 1023)
    n = 100 * heap.semispace // 32
    assert f(heap.context_address, n, shape.address) == 1
    assert heap.allocated_total() >= 100 * heap.semispace
    assert heap.stats.collections >= 99
    assert heap.ctx_word(Ctx.GC_COUNT) == heap.stats.collections
    assert heap.blocks() == blocks and heap.used <= heap.semispace
    heap.verify()
    # The kept objects, newest first, each intact after ~100 moves.
    seen = []
    w = heap.frame_get(fp, 0)
    while w != NULL_WORD:
        seen.append(word_int(heap.get(w, "i")))
        w = heap.get(w, "next")
    assert seen == list(range((n - 1) // 1024 * 1024, -1, -1024))
    # The Python side allocates into the same heap afterwards.
    with heap.handle(heap.alloc_object(shape)) as o:
        heap.put(o, "i", int_word(-1))
        assert heap.shape_of(o) is shape


def test_machine_code_heap_exhaustion_is_a_clean_error(buf: JitBuffer) -> None:
    heap = Heap(1 << 13)
    shape = heap.with_key(heap.with_key(heap.new_shape(capacity=2), "i"), "next")
    fp = heap.push_frame(1)
    heap.frame_set(fp, 0, NULL_WORD)
    f = alloc_loop(heap, buf, 0)  # keep everything
    with pytest.raises(JSHeapError, match="heap exhausted: 8192 bytes live after collection, "
                                          "32 more requested, semispace is 8192 bytes"):
        f(heap.context_address, 10_000, shape.address)
    heap.verify()
    count = 0
    w = heap.frame_get(fp, 0)
    while w != NULL_WORD:
        assert word_int(heap.get(w, "i")) == 255 - count
        w = heap.get(w, "next")
        count += 1
    assert count == 256  # exactly a semispace of 32-byte objects survived


def property_loader(buf: JitBuffer, shape_address: int, offset: int) -> CodePtr:
    m = MacroAssembler()
    miss = m.label()
    emit_load_property(m, x0, x1, shape_address, offset, x2, x3, miss)
    m.mov(x0, x1)
    m.ret()
    m.bind(miss)
    m.mov(x0, BAIL)
    m.ret()
    return buf.install(m, restype=U64, argtypes=[U64], name="load_prop")


def test_machine_code_property_load_is_a_shape_check_and_a_fixed_load(buf: JitBuffer) -> None:
    heap = Heap(1 << 14, poison=True)
    root = heap.new_shape(capacity=2)
    xy = heap.with_key(heap.with_key(root, "x"), "y")
    offset = xy.offset("y")
    assert offset == OBJECT_SLOTS + 8
    load_y = property_loader(buf, xy.address, offset)
    objs = []
    for k, keys in enumerate((["x", "y"], ["y", "x"], ["x", "y", "z", "w"], ["x"])):
        o = heap.handle(heap.alloc_object(root))
        for j, key in enumerate(keys):
            heap.put(o, key, int_word(100 * k + j))
        objs.append(o)
    s = heap.handle(heap.alloc_string("not an object"))
    for _ in range(2):  # before and after the objects move
        got = [load_y(o.word) for o in objs]
        assert got[0] == heap.get(objs[0], "y") == int_word(1)
        assert got[1] == BAIL                              # y at another offset: miss
        assert got[2] == BAIL and heap.shape_of(objs[2]) is not xy
        assert got[3] == BAIL                              # no y at all
        assert load_y(s.word) == BAIL                      # a string's header
        for w in (int_word(5), double_word(1.5), UNDEFINED_WORD, NULL_WORD, 0):
            assert load_y(w) == BAIL                       # not a reference
        heap.alloc_string("garbage" * 100)
        heap.collect()
    # Shapes never move: the constant baked into the code stays valid.
    assert load_y(objs[0].word) == int_word(1)
    loads_w = property_loader(buf, heap.shape_of(objs[2]).address,
                              heap.shape_of(objs[2]).offset("y") or 0)
    assert loads_w(objs[2].word) == int_word(201)


def test_machine_code_array_length_and_element_with_bounds_checks(buf: JitBuffer) -> None:
    heap = Heap(1 << 14, poison=True)
    m = MacroAssembler()
    miss = m.label()
    emit_array_length(m, x0, x2, x3, x1, miss)  # ctx in x1
    m.mov(x0, x2)
    m.ret()
    m.bind(miss)
    m.mov(x0, BAIL)
    m.ret()
    length = buf.install(m, restype=U64, argtypes=[U64, U64], name="length")
    m = MacroAssembler()
    miss = m.label()
    emit_load_element(m, x0, x1, x3, x9, x10, x2, miss)  # (arr, index, ctx)
    m.mov(x0, x3)
    m.ret()
    m.bind(miss)
    m.mov(x0, BAIL)
    m.ret()
    element = buf.install(m, restype=U64, argtypes=[U64, U64, U64], name="element")
    ctx = heap.context_address

    arr = heap.handle(heap.alloc_array())
    for v in (int_word(10), int_word(-20), HOLE_WORD, double_word(2.5)):
        heap.array_push(arr, v)
    heap.array_set(arr, 9, heap.alloc_string("ten"))  # grows: elements 4..8 are holes
    obj = heap.handle(heap.alloc_object(heap.new_shape()))
    for _ in range(2):
        a = arr.word
        assert length(a, ctx) == int_word(10)
        assert word_int(length(a, ctx)) == heap.array_length(a)
        for i in range(12):
            want = heap.array_get(a, i)
            got = element(a, int_word(i), ctx)
            if want in (HOLE_WORD, UNDEFINED_WORD):
                assert got == BAIL, i                        # hole or past the end
            else:
                assert got == want, i
        assert heap.read_string(element(a, int_word(9), ctx)) == "ten"
        for bad in (int_word(-1), int_word(-(2**31)), double_word(1.0), UNDEFINED_WORD):
            assert element(a, bad, ctx) == BAIL              # not an int32 in range
        assert element(obj.word, int_word(0), ctx) == BAIL   # not an array
        assert element(int_word(3), int_word(0), ctx) == BAIL
        assert length(obj.word, ctx) == BAIL and length(NULL_WORD, ctx) == BAIL
        heap.alloc_array(100)
        heap.collect()


@pytest.mark.parametrize("collector", ["python", "code"])
def test_machine_code_frames_are_roots(buf: JitBuffer, collector: str) -> None:
    """Code pushes its own frame on the word stack, keeps a list only there while it
    allocates ~50 semispaces' worth (emit_alloc_object, emit_store_property), pops the
    frame and returns the list: the collector found it through the frame chain."""
    heap = Heap(1 << 13, poison=True, collector=collector)
    shape = heap.with_key(heap.with_key(heap.new_shape(capacity=2), "i"), "next")
    i_off, next_off = shape.offset("i"), shape.offset("next")
    assert i_off is not None and next_off is not None
    m = MacroAssembler()
    f = Frame(m, uses=[x19, x20, x21, x22, x23])
    f.prologue()
    loop, done, fail, nxt, miss = m.label(), m.label(), m.label(), m.label(), m.label()
    m.mov(x19, x0)   # ctx
    m.mov(x20, x1)   # n
    m.mov(x21, 0)    # i
    emit_push_frame(m, x19, 2, x22, x9, x10, fail)
    m.mov(x9, NULL_WORD)
    m.str(x9, mem(x22, 0))
    m.bind(loop)
    m.cmp(x21, x20)
    m.b_hs(done)
    emit_alloc_object(m, x19, x23, shape, x9, heap.gc_host_function(), fail)
    m.mov(x11, INT_BASE)
    m.orr(x11, x11, x21)
    emit_store_property(m, x23, x11, shape.address, i_off, x9, x10, miss)
    m.tst(x21, 511)
    m.b_ne(nxt)
    m.ldr(x11, mem(x22, 0))
    emit_store_property(m, x23, x11, shape.address, next_off, x9, x10, miss)
    m.str(x23, mem(x22, 0))
    m.bind(nxt)
    m.add(x21, x21, 1)
    m.b(loop)
    m.bind(done)
    m.ldr(x0, mem(x22, 0))
    emit_pop_frame(m, x19, x22, x9)
    f.epilogue()
    m.bind(miss)
    m.mov(x0, 1)     # not a value word: a miss (must not happen)
    f.epilogue()
    m.bind(fail)
    m.mov(x0, 0)
    f.epilogue()
    run = buf.install(m, restype=U64, argtypes=[U64, U64], name="frames")
    outer = heap.push_frame(1)
    n = 50 * heap.semispace // 32
    head = heap.handle(run(heap.context_address, n))
    assert heap.fp == outer and heap.ctx_word(Ctx.SP) == outer + 8  # popped
    assert heap.stats.collections >= 49
    heap.verify()
    seen = []
    w = head.word
    while w != NULL_WORD:
        seen.append(word_int(heap.get(w, "i")))
        w = heap.get(w, "next")
    assert seen == list(range((n - 1) // 512 * 512, -1, -512))


def test_emitters_reject_bad_operands() -> None:
    heap = Heap(1 << 13)
    m = MacroAssembler()
    with pytest.raises(ValueError, match="emit_alloc: nbytes must be a positive multiple of 8"):
        emit_alloc(m, x19, x9, 12, x10, 0, m.label())
    with pytest.raises(ValueError, match="emit_alloc: registers must be distinct"):
        emit_alloc(m, x19, x19, 16, x10, 0, m.label())
    with pytest.raises(ValueError, match="shape 1 is not a plain object shape"):
        emit_alloc_object(m, x19, x9, heap.string_shape, x10, 0, m.label())
    big = heap.with_key(heap.new_shape(capacity=0), "k")
    with pytest.raises(ValueError, match="has 1 keys, more than its 0 inline slots"):
        emit_alloc_object(m, x19, x9, big, x10, 0, m.label())


def snapshot(h: Heap) -> list[object]:
    """The live semispace and the handles, with addresses made relative (to the space,
    or shape numbers), so two heaps at different addresses compare."""
    base, top = h.space_base, h.heap_top
    shapes = h._shape_base
    out: list[object] = []
    for w in [*(h.read_word(a) for a in range(base, top, 8)), *h._handles]:
        if base <= w < top:
            out.append(("A", w - base))
        elif w >> 48 == 0xFFFB and base <= w & ((1 << 48) - 1) < top:
            out.append(("R", (w & ((1 << 48) - 1)) - base))
        elif shapes <= w < shapes + 64 * h.max_shapes:
            out.append(("S", (w - shapes) // 64))
        else:
            out.append(w)
    return out


def test_generated_collector_makes_the_same_bytes_as_the_python_one() -> None:
    """Both collectors run the same program; every 100 steps the two heaps hold the same
    cells in the same order (relative addresses), and the roots agree."""
    heaps = [Heap(4096, poison=True), Heap(4096, poison=True, collector="code")]
    rngs = [random.Random(3), random.Random(3)]
    states = []
    for h in heaps:
        shape = h.new_shape(capacity=1)
        fshape = h.new_shape(h.alloc_object(h.new_shape()), closure=True, capacity=1)
        keep = [h.handle(NULL_WORD) for _ in range(8)]
        states.append((shape, fshape, keep, h.push_frame(4)))
    for step in range(1500):
        for h, rng, (shape, fshape, keep, fp) in zip(heaps, rngs, states, strict=True):
            op = rng.randrange(6)
            slot = keep[rng.randrange(8)]
            other = keep[rng.randrange(8)]
            if op == 0:
                slot.word = h.alloc_object(shape)
            elif op == 1:
                if other.word >> 48 == 0xFFFB and h.kind(other) in ("object", "closure"):
                    h.put(other, rng.choice("abc"), slot.word)
            elif op == 2:
                slot.word = h.alloc_array(rng.randrange(6), fill=other.word)
            elif op == 3:
                c = h.alloc_context(2)
                h.context_set(c, 1, other.word)
                slot.word = h.alloc_closure(fshape, step, c, this=slot.word)
            elif op == 4:
                slot.word = h.alloc_string("s" * rng.randrange(20))
            else:
                h.frame_set(fp, rng.randrange(4), other.word)
        if step % 100 == 99:
            a, b = heaps
            a.collect()
            b.collect()
            assert snapshot(a) == snapshot(b)
            assert a.verify() == b.verify() > 0
            assert [snapshot_word(a, a.frame_get(a.fp, k)) for k in range(4)] == \
                [snapshot_word(b, b.frame_get(b.fp, k)) for k in range(4)]
    assert heaps[0].stats.collections == heaps[1].stats.collections > 20


def snapshot_word(h: Heap, w: int) -> object:
    if w >> 48 == 0xFFFB:
        return ("R", (w & ((1 << 48) - 1)) - h.space_base)
    return w


def test_machine_code_frame_push_checks_the_stack_limit(buf: JitBuffer) -> None:
    heap = Heap(1 << 13, stack_words=32)
    m = MacroAssembler()
    overflow = m.label()
    emit_push_frame(m, x0, 20, x1, x2, x3, overflow)   # 22 words: fits once
    emit_push_frame(m, x0, 20, x1, x2, x3, overflow)   # not twice
    m.mov(x0, 1)
    m.ret()
    m.bind(overflow)
    m.mov(x0, 2)
    m.ret()
    run = buf.install(m, restype=U64, argtypes=[U64], name="push2")
    assert run(heap.context_address) == 2
    frames = list(heap.frames())
    assert len(frames) == 1 and frames[0][1] == 20
    assert all(heap.frame_get(frames[0][0], k) == UNDEFINED_WORD for k in range(20))
    heap.pop_frame()
    assert heap.fp == 0


@pytest.mark.parametrize("capacity", [0, 3])
def test_machine_code_allocates_arrays(buf: JitBuffer, capacity: int) -> None:
    """Code allocates ~40 semispaces' worth of arrays, keeping the newest in a frame slot;
    the survivor is a well-formed empty array the Python side can grow."""
    heap = Heap(1 << 13, poison=True)
    m = MacroAssembler()
    f = Frame(m, uses=[x19, x20, x21, x22])
    f.prologue()
    loop, done, fail = m.label(), m.label(), m.label()
    m.mov(x19, x0)
    m.mov(x20, x1)
    m.ldr(x22, mem(x19, Ctx.FP))
    m.bind(loop)
    m.cbz(x20, done)
    emit_alloc_array(m, x19, x21, capacity, x9, heap.gc_host_function(), fail)
    m.str(x21, mem(x22, 0))
    m.sub(x20, x20, 1)
    m.b(loop)
    m.bind(done)
    m.mov(x0, 1)
    f.epilogue()
    m.bind(fail)
    m.mov(x0, 0)
    f.epilogue()
    run = buf.install(m, restype=U64, argtypes=[U64, U64], name="arrays")
    fp = heap.push_frame(1)
    size = ARRAY_SIZE + (16 + 8 * capacity if capacity else 0)
    assert run(heap.context_address, 40 * heap.semispace // size) == 1
    assert heap.stats.collections >= 39
    heap.verify()
    heap.collect()
    assert heap.verify() == (2 if capacity else 1)  # only the newest array survives
    a = heap.frame_get(fp, 0)
    assert heap.kind(a) == "array" and heap.array_length(a) == 0
    assert heap.used == size
    for i in range(5):
        heap.array_push(heap.frame_get(fp, 0), int_word(i))
    a = heap.frame_get(fp, 0)
    assert [word_int(heap.array_get(a, i)) for i in range(5)] == list(range(5))


def test_machine_code_element_store_with_bounds_checks(buf: JitBuffer) -> None:
    heap = Heap(1 << 13, poison=True)
    m = MacroAssembler()
    miss = m.label()
    emit_store_element(m, x0, x1, x2, x9, x10, x3, miss)  # (arr, index, value, ctx)
    m.mov(x0, 1)
    m.ret()
    m.bind(miss)
    m.mov(x0, 0)
    m.ret()
    store = buf.install(m, restype=U64, argtypes=[U64, U64, U64, U64], name="store")
    ctx = heap.context_address
    arr = heap.handle(heap.alloc_array(3, 8))
    obj = heap.handle(heap.alloc_object(heap.new_shape()))
    for round_ in range(2):
        for i in range(3):
            assert store(arr.word, int_word(i), int_word(10 * i + round_), ctx) == 1
        for bad in (int_word(3), int_word(7), int_word(-1), double_word(0.0), NULL_WORD):
            assert store(arr.word, bad, TRUE_WORD, ctx) == 0     # past the length, not int
        assert store(obj.word, int_word(0), TRUE_WORD, ctx) == 0  # not an array
        assert [word_int(heap.array_get(arr, i)) for i in range(3)] == \
            [round_, 10 + round_, 20 + round_]
        assert heap.array_length(arr) == 3 and heap.array_get(arr, 3) == UNDEFINED_WORD
        heap.alloc_array(200)
        heap.collect()


def test_machine_code_allocates_contexts_and_a_closure(buf: JitBuffer) -> None:
    """Code builds a chain of 100 contexts (each the parent of the next, kept through
    frame slot 0) between garbage arrays that force collections, then a closure over the
    chain with ``this`` from frame slot 1: all intact on the Python side."""
    heap = Heap(1 << 13, poison=True)
    fshape = heap.new_shape(closure=True, capacity=1)
    m = MacroAssembler()
    f = Frame(m, uses=[x19, x20, x21, x22])
    f.prologue()
    loop, done, fail = m.label(), m.label(), m.label()
    gc = heap.gc_host_function()
    m.mov(x19, x0)
    m.mov(x20, 0)
    m.ldr(x22, mem(x19, Ctx.FP))
    m.bind(loop)
    m.cmp(x20, 100)
    m.b_hs(done)
    emit_alloc_array(m, x19, x21, 30, x9, gc, fail)        # garbage
    emit_alloc_context(m, x19, x21, 1, x22, 0, x9, gc, fail)
    m.mov(x10, INT_BASE)
    m.orr(x10, x10, x20)
    m.sub(x11, x21, x9)                                     # x9 = REF_BASE here
    m.str(x10, mem(x11, 24))                                # slot 1
    m.str(x21, mem(x22, 0))
    m.add(x20, x20, 1)
    m.b(loop)
    m.bind(done)
    emit_alloc_closure(m, x19, x21, fshape, 77, x22, 0, x9, gc, fail, this_slot=1)
    m.str(x21, mem(x22, 16))
    m.mov(x0, 1)
    f.epilogue()
    m.bind(fail)
    m.mov(x0, 0)
    f.epilogue()
    run = buf.install(m, restype=U64, argtypes=[U64], name="contexts")
    fp = heap.push_frame(3)
    heap.frame_set(fp, 1, heap.alloc_string("this"))
    assert run(heap.context_address) == 1
    assert heap.stats.collections >= 3  # the chain moved (a 30-element array is 288 bytes)
    heap.verify()
    fn = heap.frame_get(fp, 2)
    assert heap.closure_code(fn) == 77
    assert heap.read_string(heap.read_word((fn & ((1 << 48) - 1)) + 32)) == "this"
    c = heap.closure_context(fn)
    assert c == heap.frame_get(fp, 0)
    values = []
    while c != UNDEFINED_WORD:
        values.append(word_int(heap.context_get(c, 1)))
        c = heap.context_get(c, 0)
    assert values == list(range(99, -1, -1))
    assert heap.get(fn, "anything") == UNDEFINED_WORD
