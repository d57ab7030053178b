"""A memo miss whose word another thread remembers before the slow path looks again
emits that word once (it used to re-raise the lookup's KeyError: seen natively in
tests/runtime/test_stress.py)."""

from __future__ import annotations

from typing import Any

from a64jit import Assembler
from a64jit.assembler import memo
from a64jit.operands import x0, x2


def _memo_of(method: Any) -> dict[Any, int]:
    for cell in method.__closure__:
        if isinstance(cell.cell_contents, dict):
            return cell.cell_contents
    raise AssertionError("no memo dict in the wrapper")


def test_miss_then_racing_insert_emits_the_word_once() -> None:
    reference = Assembler()
    reference.add(x0, x0, x2)
    want = reference.finalize()

    wrapper = type(reference).add
    table = _memo_of(wrapper)
    key = next(k for k in table if k[0] is Assembler and k[1:4] == (x0, x0, x2))
    operands = key[1:]

    a = Assembler()
    # What the fast path saw: the key missing (a KeyError naming it); by now another
    # thread has remembered the word.
    memo._slow(a, wrapper, table, operands, -1, KeyError(key))
    assert a.finalize() == want


def test_other_errors_are_still_raised() -> None:
    a = Assembler()
    a.add(x0, x0, x2)
    table = _memo_of(type(a).add)
    key = next(k for k in table if k[0] is Assembler and k[1:4] == (x0, x0, x2))
    b = Assembler()
    err = OverflowError("put refused it")
    try:
        memo._slow(b, type(b).add, table, key[1:], -1, err)
    except OverflowError as e:
        assert e is err
    else:
        raise AssertionError("a refused word must re-raise")
    assert b.finalize() == b""
