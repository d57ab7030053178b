"""hvm.core.ThrowPlaces.remember_thrown, the JIT's hand-over of the throws compiled code
caught (64 at a time): the same places, values and lookups as remembering each in turn
(``remember(word, find(word) or place)``), with handles reused."""

from __future__ import annotations

import random

import pytest

from a64js.heap import Heap
from a64js.hvm.core import ThrowPlaces
from a64js.words import int_word


def _state(p: ThrowPlaces) -> list[tuple[int, object]]:
    return [(h.word, where) for h, where in p._caught]


@pytest.mark.parametrize("seed", range(40))
def test_bulk_equals_one_by_one(seed: int) -> None:
    rng = random.Random(seed)
    heap = Heap(1 << 16)
    one, bulk = ThrowPlaces(heap), ThrowPlaces(heap)
    codes = [object(), object()]
    for _ in range(12):
        # a batch: mostly new values, some caught again (rethrown), of 0 to 3 rings
        n = rng.choice([0, 1, 5, 63, 64, 65, 64, 64, 130, 200])
        again = rng.choice([0.0, 0.0, 0.3])  # (none: every value new, the common case)
        batch = [(int_word(rng.randrange(300 if rng.random() < again else 1 << 20)),
                  (rng.choice(codes), rng.randrange(50))) for _ in range(n)]
        for word, place in batch:
            one.remember(word, one.find(word) or place)  # type: ignore[arg-type]
        bulk.remember_thrown([w for w, _ in batch], [p for _, p in batch])  # type: ignore[misc]
        assert _state(bulk) == _state(one)
        assert bulk._by_word == one._by_word
        for word, _ in batch:
            assert bulk.find(word) == one.find(word)
        if rng.random() < 0.3:  # a collection empties the word-keyed lookups
            one._by_word.clear()
            bulk._by_word.clear()
    live = len(bulk._caught) + len(one._caught)
    assert heap.live_handles == live  # every handle not kept was released


def test_a_full_ring_reuses_the_handles() -> None:
    heap = Heap(1 << 16)
    p = ThrowPlaces(heap)
    code = object()
    p.remember_thrown([int_word(i) for i in range(64)], [(code, i) for i in range(64)])  # type: ignore[misc]
    handles = [h for h, _ in p._caught]
    p.remember_thrown([int_word(100 + i) for i in range(64)],
                      [(code, i) for i in range(64)])  # type: ignore[misc]
    assert [h for h, _ in p._caught] == handles
    assert [h.word for h in handles] == [int_word(100 + i) for i in range(64)]
    assert heap.live_handles == 64
