"""A memo miss whose word another thread remembers before the slow path looks again
emits that word once (it used to re-raise the lookup's KeyError: seen natively in
tests/runtime/test_stress.py)."""

from __future__ import annotations

from typing import Any

from a64jit import Assembler
from a64jit.assembler import memo
from a64jit.operands import x0, x2


def _slot_of(method: Any) -> int:
    """The slot of a fast-template wrapper in ``self._memos``."""
    slot = method.__dict__.get("_a64jit_memo_slot")
    assert type(slot) is int, "not a fast-template wrapper"
    return slot


def test_miss_then_racing_insert_emits_the_word_once() -> None:
    reference = Assembler()
    reference.add(x0, x0, x2)
    want = reference.finalize()

    wrapper = type(reference).add
    slot = _slot_of(wrapper)
    # (add's operands with its default shift; op2 may be an int: its type first, it last)
    path = (type(x2), x0, x0, None, x2)
    assert memo._path((x0, x0, x2, None), 2) == path
    assert memo._nested_get(reference._memos, slot, path) <= 0xFFFFFFFF

    a = Assembler()
    # What the fast path saw: the key missing (a KeyError); by now another thread has
    # remembered the word.
    memo._slow(a, slot, (x0, x0, x2, None), 2, KeyError(x2))
    assert a.finalize() == want


def test_other_errors_are_still_raised() -> None:
    a = Assembler()
    a.add(x0, x0, x2)
    slot = _slot_of(type(a).add)
    b = Assembler()
    err = OverflowError("put refused it")
    try:
        memo._slow(b, slot, (x0, x0, x2, None), 2, err)
    except OverflowError as e:
        assert e is err
    else:
        raise AssertionError("a refused word must re-raise")
    assert b.finalize() == b""
