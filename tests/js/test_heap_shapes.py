"""Shape cells as Heap._new_shape writes them in one call: every word, for root shapes,
transitions (the key count and the prototype carried over) and dictionary shapes."""

from __future__ import annotations

from a64js.heap import (
    CELL_OOB,
    CLOSURE_SLOTS,
    KIND_CLOSURE,
    KIND_OBJECT,
    OBJECT_SLOTS,
    Heap,
    Shape,
    ShapeCell,
)
from a64js.words import NULL_WORD


def _cell(heap: Heap, s: Shape) -> list[int]:
    base = s.id * ShapeCell.SIZE >> 3
    return [int(heap._sw[base + k]) for k in range(ShapeCell.SIZE >> 3)]


def test_shape_cells_word_by_word() -> None:
    heap = Heap(1 << 16, max_shapes=64)
    meta = heap.meta_shape.address
    root = heap.new_shape(NULL_WORD, capacity=3)
    proto = heap.alloc_object(root)
    obj = heap.new_shape(proto, capacity=2)
    assert obj.address == meta + obj.id * ShapeCell.SIZE
    assert _cell(heap, obj) == [meta, KIND_OBJECT, obj.id, proto, 2, OBJECT_SLOTS, 0, 0]
    s = obj
    for n, key in enumerate("abcde", 1):
        t = heap.with_key(s, key)
        assert heap.with_key(s, key) is t  # the transition is cached
        assert t.keys == {k: i for i, k in enumerate("abcde"[:n])}
        assert s.keys == {k: i for i, k in enumerate("abcde"[:n - 1])}  # not shared
        assert (t.capacity, t.slot_offset, t.oob, t.kind) == (2, OBJECT_SLOTS, CELL_OOB >> 3,
                                                              KIND_OBJECT)
        assert _cell(heap, t) == [meta, KIND_OBJECT, t.id, proto, 2, OBJECT_SLOTS, n, 0]
        assert heap._layout[t.address] == (KIND_OBJECT, 2 + 2)
        s = t
    fn = heap.new_shape(NULL_WORD, capacity=1, closure=True)
    assert _cell(heap, fn) == [meta, KIND_CLOSURE, fn.id, NULL_WORD, 1, CLOSURE_SLOTS, 0, 0]
    assert heap._layout[fn.address] == (KIND_CLOSURE, 6 + 1)
    assert heap._shape_at[fn.address] is fn and heap._shapes[fn.id] is fn
    d = heap.dict_shape(proto, 4)
    # the last word is ShapeCell.DICT: machine code tells a dictionary shape by it
    assert _cell(heap, d) == [meta, KIND_OBJECT, d.id, proto, 4, OBJECT_SLOTS, 0, 1]
    heap.close()
