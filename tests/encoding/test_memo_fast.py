"""The memo's fast hit path (memo._FAST templates: nested lookups and ``_put``, no test of
the entry): an entry that needs checks, a word ``_put`` refuses and a ``_put`` that fails
after storing must all end as the full path would, with no word stored twice."""

from __future__ import annotations

from typing import Any

import pytest

from a64jit import Assembler
from a64jit.assembler import memo
from a64jit.assembler.memo import memoized
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import EQ, GPRegister, Mem, mem, x0, x1, x2, x19


def words(a: Assembler) -> list[int]:
    code = a.finalize()
    return [int.from_bytes(code[i:i + 4], "little") for i in range(0, len(code), 4)]


def test_fast_templates_only_where_no_operand_can_be_an_int() -> None:
    def uses_fast(name: str) -> bool:
        return "_LOOKUP_OR_PUT" in getattr(Assembler, name).__code__.co_names

    assert uses_fast("ldr") and uses_fast("str") and uses_fast("csel")
    assert uses_fast("add") and uses_fast("movz")  # the int operand's type is in the key
    assert not uses_fast("ubfx")  # lsb and width: two ints, one checked inline


@pytest.mark.parametrize("record_sites", [False, True])
def test_entry_that_needs_a_check_on_the_fast_path(record_sites: bool,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """ldr's address may be an int offset (a literal): such an entry is checked; the
    fast path's _put refuses it (OverflowError, or emit's EncodingError), _slow checks."""
    why: list[type] = []
    slow = memo._slow

    def spy(*args: Any) -> None:
        why.append(type(args[-1]))
        slow(*args)

    monkeypatch.setattr(memo, "_slow", spy)
    fresh = type("Fresh", (Assembler,), {})  # a memo of its own: every first call misses
    a = fresh(record_sites=record_sites)
    for _ in range(3):
        a.ldr(x0, 8)
    with pytest.raises(OperandError):
        a.ldr(x0, 8.0)  # == 8, the same hash: found, and the check sends it to the full path
    a.ldr(x0, mem(x19, 8))
    a.ldr(x0, mem(x19, 8))
    refused = EncodingError if record_sites else OverflowError
    lookup = (KeyError, IndexError, TypeError)  # a miss: no entry (or no table) yet
    assert why[0] in lookup and why[4] in lookup  # first calls
    assert why[1:4] == [refused, refused, refused]
    first = type("Fresh", (Assembler,), {})()  # each a first call: the full path's words
    first.ldr(x0, 8)
    second = type("Fresh", (Assembler,), {})()
    second.ldr(x0, mem(x19, 8))
    assert words(a) == words(first) * 3 + words(second) * 2
    if record_sites:
        assert a._sites is not None and len(a._sites) == 5


def test_word_refused_after_data_raises_as_before() -> None:
    a = Assembler()
    a.str(x0, mem(x19, 16))
    a.str(x0, mem(x19, 16))
    a.byte(7)
    with pytest.raises(EncodingError, match=r"^str: instruction at offset 9 is not 4-byte "):
        a.str(x0, mem(x19, 16))
    assert len(a) == 9
    a.align(4)
    a.str(x0, mem(x19, 16))
    assert len(a) == 16


class _Failing(Assembler):
    """Every word goes through emit, which stores it and then fails (as a pool placed
    after the word could): the error must reach the caller with the word stored once."""

    def _direct(self) -> bool:
        return False

    def emit(self, word: int) -> None:
        super().emit(word)
        if len(self._code) > 2:
            raise ValueError("after the word")


def test_put_that_fails_after_storing_is_not_retried() -> None:
    a = _Failing()
    a.csel(x0, x1, x2, EQ)
    a.csel(x0, x1, x2, EQ)  # remembered by now: the fast path
    with pytest.raises(ValueError, match="after the word"):
        a.csel(x0, x1, x2, EQ)
    assert len(a._code) == 3
    assert len(set(a._code)) == 1


def test_unhashable_operand_on_the_fast_path() -> None:
    a = Assembler()
    a.ldr(x0, mem(x19, 8))
    with pytest.raises(OperandError, match="ldr"):
        a.ldr(x0, [8])  # type: ignore[arg-type]
    assert len(a) == 4


class _Declared(Assembler):
    """Memoized methods whose second operand is declared in several ways."""

    @memoized
    def as_any(self, rd: GPRegister, value: Any) -> None:
        self.movz(rd, value)

    @memoized
    def as_object(self, rd: GPRegister, value: object) -> None:
        self.movz(rd, value)  # type: ignore[arg-type]

    @memoized
    def as_mem(self, rt: GPRegister, addr: Mem) -> None:
        self.ldr(rt, addr)


def test_any_or_object_keeps_the_inline_checks() -> None:
    """``Any`` (a class since Python 3.11) or ``object`` may be an int: such a method's
    entries may need checks, so it keeps the templates that check inline."""
    assert "_LOOKUP_OR_PUT" not in _Declared.as_any.__code__.co_names
    assert "_LOOKUP_OR_PUT" not in _Declared.as_object.__code__.co_names
    assert "_LOOKUP_OR_PUT" in _Declared.as_mem.__code__.co_names
    a = _Declared()
    for _ in range(2):
        a.as_any(x0, 5)
        a.as_object(x1, 5)
        a.as_mem(x2, mem(x19, 8))
    with pytest.raises(OperandError):
        a.as_any(x0, 5.0)
    ref = Assembler()
    ref.movz(x0, 5)
    ref.movz(x1, 5)
    ref.ldr(x2, mem(x19, 8))
    assert words(a) == words(ref) * 2


def _dicts_under(node: object) -> int:
    return 1 + sum(_dicts_under(v) for v in node.values()) if type(node) is dict else 0


def test_an_immediates_many_values_share_one_dictionary() -> None:
    """A typed operand's values are the last level of its slot's tables (its type the
    first): movz with 600 immediates and add with 600 adds two or three dictionaries
    each, not one or two per value (1.2 MB of them on the template-JIT workload,
    cold in the cache on every hit), and True, 1.0 and a register still take their
    own paths."""

    class Fresh(Assembler):  # memos of its own: none from the tests run before this one
        pass

    a = Fresh()
    slots = [getattr(type(a), n).__dict__["_a64jit_memo_slot"] for n in ("movz", "add")]
    for v in range(600):
        a.movz(x0, v)
        a.add(x1, x2, v)
    before = [_dicts_under(a._memos[s]) for s in slots]
    for v in range(600):  # hits: nothing new
        a.movz(x0, v)
        a.add(x1, x2, v)
    assert [_dicts_under(a._memos[s]) for s in slots] == before
    assert max(before) <= 6, before
    b = Assembler()
    b.add(x1, x2, x0)
    b.add(x1, x2, 1)
    for bad in (True, 1.0):
        with pytest.raises(OperandError):
            b.add(x1, x2, bad)  # type: ignore[arg-type]
        with pytest.raises(OperandError):
            b.movz(x0, bad)  # type: ignore[arg-type]
    assert words(b) == [0x8B000041, 0x91000441]
