"""Dictionary mode of the heap (objects used as maps keep their keys in a vector of their
own instead of a shape per key set) and what the heap VM builds on it."""

from __future__ import annotations

import pytest

from a64js.heap import DICT_KEYS, Heap, Shape
from a64js.words import HOLE_WORD, INT_BASE, NULL_WORD, UNDEFINED_WORD


def _int(k: int) -> int:
    return INT_BASE | (k & 0xFFFF_FFFF)


def _obj(heap: Heap) -> int:
    fp = heap.push_frame(1)
    heap.frame_set(fp, 0, heap.alloc_object(heap.new_shape(capacity=6)))
    return fp


@pytest.mark.parametrize("collector", ["python", "code"])
def test_an_object_with_many_keys_becomes_a_dictionary(collector: str) -> None:
    heap = Heap(1 << 20, collector=collector)
    try:
        fp = _obj(heap)
        for k in range(DICT_KEYS):
            heap.put(heap.frame_get(fp, 0), f"k{k}", _int(k))
        assert not heap.shape_of(heap.frame_get(fp, 0)).dict
        shapes = len(heap._shapes)
        for k in range(DICT_KEYS, 5000):
            heap.put(heap.frame_get(fp, 0), f"k{k}", _int(k))
        o = heap.frame_get(fp, 0)
        s = heap.shape_of(o)
        assert s.dict and len(heap._shapes) <= shapes + 1  # one dictionary shape, no more
        assert heap.get_own(o, "k4999") == _int(4999) and heap.get_own(o, "k0") == _int(0)
        assert heap.get_own(o, "nope") is None
        assert heap.keys(o) == [f"k{k}" for k in range(5000)]
        heap.put(o, "k7", _int(-1))  # an existing key keeps its place
        heap.collect()
        heap.verify()
        o = heap.frame_get(fp, 0)
        assert heap.get(o, "k7") == _int(-1) and heap.keys(o)[7] == "k7"
        for k in range(0, 5000, 2):
            assert heap.dict_delete(o, f"k{k}")
        assert not heap.dict_delete(o, "k0")
        heap.put(o, "k0", TRUE)
        heap.collect()
        o = heap.frame_get(fp, 0)
        assert heap.keys(o) == [f"k{k}" for k in range(1, 5000, 2)] + ["k0"]
        assert heap.get(o, "k1") == _int(1) and heap.get(o, "k2") == UNDEFINED_WORD
        heap.verify()
    finally:
        heap.close()


TRUE = 0xFFFA_0000_0000_0003


def test_values_in_a_dictionary_are_roots() -> None:
    heap = Heap(64 << 10, stress=True, poison=True)
    try:
        fp = _obj(heap)
        for k in range(100):
            v = heap.alloc_string(f"value {k}")  # (then the object: the allocation moves it)
            heap.put(heap.frame_get(fp, 0), f"s{k}", v)
        o = heap.frame_get(fp, 0)
        assert heap.shape_of(o).dict
        assert [heap.read_string(heap.get(o, f"s{k}")) for k in (0, 50, 99)] == \
            ["value 0", "value 50", "value 99"]
    finally:
        heap.close()


def test_shape_space_pressure_sends_objects_to_dictionaries() -> None:
    heap = Heap(4 << 20, max_shapes=512)
    try:
        fp = heap.push_frame(400)
        root = heap.new_shape(capacity=6)
        for d in range(400):  # 400 objects of 12 different keys each: 4800 key sets
            heap.frame_set(fp, d, heap.alloc_object(root))
            for j in range(12):
                heap.put(heap.frame_get(fp, d), f"w{d}_{j}", _int(j))
        assert len(heap._shapes) <= 512
        for d in (0, 199, 399):
            o = heap.frame_get(fp, d)
            assert heap.keys(o) == [f"w{d}_{j}" for j in range(12)]
            assert heap.get(o, f"w{d}_11") == _int(11)
    finally:
        heap.close()


def test_a_dictionary_shape_gives_no_inline_cache_anything() -> None:
    from a64js.jit.t_props import fill_get, fill_set

    heap = Heap(1 << 20)
    try:
        fp = _obj(heap)
        for k in range(DICT_KEYS + 1):
            heap.put(heap.frame_get(fp, 0), f"k{k}", _int(k))
        o = heap.frame_get(fp, 0)
        s = heap.shape_of(o)
        assert s.dict and s.offset("k1") is None and s.keys.get("k1") is None
        assert "anything" in s.keys and len(s.keys) > s.capacity and not list(s.keys)
        assert fill_get(heap, lambda w: heap.shape_of(w), o, "k1") is None
        assert fill_set(s, s, "k1") is None
    finally:
        heap.close()


def test_only_objects_have_a_dictionary_mode() -> None:
    heap = Heap(1 << 20)
    try:
        a = heap.alloc_array(1)
        with pytest.raises(TypeError, match="only objects"):
            heap.to_dictionary(a)
    finally:
        heap.close()


def test_dictionary_objects_in_the_heap_vm(tmp_path: object) -> None:
    """Prototype lookups, accessors, `in`, delete and re-add, for-in order on big objects."""
    from pathlib import Path

    from tests.js.hvmrun import run_heap

    src = Path(str(tmp_path)) / "d.js"
    src.write_text(
        "const p = { inherited: 1, get virt() { return 'v' + this.k0; } };\n"
        "const o = Object.create(p);\n"
        "for (let i = 0; i < 100; i++) o['k' + i] = i;\n"
        "o[5] = 'five'; o[1] = 'one';\n"
        "console.log(o.inherited, o.virt, 'k99' in o, 'inherited' in o, o.k50);\n"
        "delete o.k0; console.log(o.virt, Object.keys(o).slice(0, 4).join());\n"
        "let n = 0; for (const k in o) n++; console.log(n);\n"
        "Object.defineProperty(o, 'hid', { get() { return 7; } });\n"
        "console.log(o.hid, Object.keys(o).includes('hid'), o.hasOwnProperty('hid'));\n")
    proc = run_heap(src, semispace=1 << 20, stress=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ("1 v0 true true 50\nvundefined 1,5,k1,k2\n103\n7 false true\n")


_ = (HOLE_WORD, NULL_WORD, Shape)


@pytest.mark.parametrize("collector", ["python", "code"])
def test_named_properties_of_arrays_survive_collections(collector: str) -> None:
    heap = Heap(64 << 10, collector=collector, poison=True)
    try:
        fp = heap.push_frame(1)
        heap.frame_set(fp, 0, heap.alloc_array(3, 3, _int(1)))
        for k in range(20):
            v = heap.alloc_string(f"named {k}")
            heap.put(heap.frame_get(fp, 0), f"p{k}", v)
        for _ in range(3):
            heap.collect()
        heap.verify()
        a = heap.frame_get(fp, 0)
        assert heap.kind(a) == "array" and heap.array_length(a) == 3
        assert heap.array_get(a, 2) == _int(1)
        assert heap.keys(a) == [f"p{k}" for k in range(20)]
        assert heap.read_string(heap.get_own(a, "p19") or 0) == "named 19"
        assert heap.get(a, "p0") != UNDEFINED_WORD and heap.get(a, "nope") == UNDEFINED_WORD
    finally:
        heap.close()
