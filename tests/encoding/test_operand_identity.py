"""Shift, Extend and Mem operands are interned (operands.py): equal values are the same
object, so the memo hashes them by identity in C, while ``==``, hashing in sets and
dicts, pickling and the errors of bad values behave as before."""

from __future__ import annotations

import gc
import pickle
import threading

import pytest

from a64jit import Assembler
from a64jit.errors import OperandError
from a64jit.operands import (
    Extend,
    Mem,
    Shift,
    lo12,
    lsl,
    mem,
    post,
    pre,
    sxtw,
    uxtw,
    w3,
    x0,
    x1,
    x2,
    x5,
    x19,
)


def test_equal_operands_are_the_same_object() -> None:
    assert Mem(x0, 8) is mem(x0, 8) and Mem(x0, 8, None, "pre") is pre(x0, 8)
    assert Mem(x0, 16, None, "post") is post(x0, 16)
    assert Shift("lsl", 3) is lsl(3) and Extend("uxtw", 2) is uxtw(2)
    assert Extend("sxtw") is sxtw() and Shift("lsl", 99) is Shift("lsl", 99)
    assert Mem(x1, x2, lsl(3)) is mem(x1, x2, Shift("lsl", 3))
    assert mem(x0, 8) != pre(x0, 8) != post(x0, 8)
    assert len({mem(x0, 8), Mem(x0, 8), pickle.loads(pickle.dumps(mem(x0, 8)))}) == 1


def test_lo12_operands_compare_by_label() -> None:
    a = Assembler()
    lbl = a.label("data")
    assert mem(x19, lo12(lbl)) is Mem(x19, lo12(lbl))
    assert mem(x19, lo12(lbl)) is not mem(x19, lo12(a.label("data")))


def test_identity_survives_cache_resets() -> None:
    from a64jit import operands

    held = mem(x19, 123_456)
    operands._OFFSET_MEMS.clear()
    assert mem(x19, 123_456) is held
    assert hash(mem(x19, 123_456)) == hash(held)
    ident = id(mem(x19, 654_321))
    operands._OFFSET_MEMS.clear()
    gc.collect()
    again = mem(x19, 654_321)  # freed and made anew: still a valid, equal operand
    assert again == Mem(x19, 654_321) and again is Mem(x19, 654_321)
    del ident


def test_interning_is_thread_safe() -> None:
    made: list[list[Mem]] = []
    barrier = threading.Barrier(4)

    def build() -> None:
        barrier.wait()
        made.append([Mem(x5, 100_000 + i) for i in range(300)])

    threads = [threading.Thread(target=build) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for row in made[1:]:
        assert all(p is q for p, q in zip(row, made[0], strict=True))


def test_bad_operands_still_raise() -> None:
    from a64jit.errors import OperandError

    with pytest.raises(OperandError, match="unknown shift"):
        Shift("rol", 3)
    with pytest.raises(OperandError, match="shift amount must be an int"):
        Shift("lsl", True)
    with pytest.raises(OperandError, match="unknown extend"):
        Extend("zxtw")
    with pytest.raises(OperandError, match="base must be"):
        Mem(w3, 8)
    with pytest.raises(AttributeError):
        mem(x0, 8).offset = 4


def test_freed_operands_leave_the_intern_table() -> None:
    """The table holds its operands weakly: one nobody holds is dropped from it (the
    table does not grow with every offset ever used), and made again it is interned anew."""
    from a64jit import operands

    before = len(operands._INTERNED)
    made = [Mem(x2, 7_000_000 + 8 * i) for i in range(500)]
    assert len(operands._INTERNED) == before + 500
    ids = {id(m) for m in made}
    del made
    gc.collect()
    assert len(operands._INTERNED) == before
    again = Mem(x2, 7_000_000)
    assert again is Mem(x2, 7_000_000) and again == pickle.loads(pickle.dumps(again))
    assert operands._INTERNED[(Mem, x2, 7_000_000, None, "offset")]() is again
    del ids


def test_lanes_and_modifiers_are_made_once_on_first_use() -> None:
    """Vector lanes and the shared shift/extend instances are made when first used (not
    at import), still one object per value, also when threads race to make them."""
    from a64jit import operands
    from a64jit.operands import LANES, VElement, VRegister

    fresh = VRegister(7)  # not one of V_BY_CODE: its lanes are made here
    barrier = threading.Barrier(4)
    seen: list[VElement] = []

    def lane() -> None:
        barrier.wait()
        seen.append(fresh.h[5])

    threads = [threading.Thread(target=lane) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 4 and all(e is seen[0] for e in seen)
    assert (seen[0].code, seen[0].size, seen[0].index, seen[0].name) == (7, 16, 5, "v7.h[5]")
    with pytest.raises(AttributeError, match="no attribute 'q'"):
        fresh.q  # type: ignore[attr-defined]  # noqa: B018  # only b, h, s and d are lanes
    v1 = operands.V_BY_CODE[1]
    assert LANES["v1.d[1]"] is v1.d[1] and LANES.get("v1.d[1]") is v1.d[1]
    assert "v31.b[15]" in LANES and "v0.q[0]" not in LANES and LANES.get("v0.q[0]") is None
    assert len(LANES) == 32 * (16 + 8 + 4 + 2) == len(list(LANES))
    assert pickle.loads(pickle.dumps(v1.s[3])) is v1.s[3]
    assert lsl(63) is lsl(63) is Shift("lsl", 63) and lsl(64) is Shift("lsl", 64)
    assert sxtw() is sxtw() is Extend("sxtw") and uxtw(4) is Extend("uxtw", 4)
    with pytest.raises(OperandError, match="shift amount must be an int"):
        lsl(True)  # (bool is an int to the type checker, not to lsl)
