"""Fragment instances into a MacroAssembler while forward branches are pending: straight
into the buffer when no pool can fall due within the instance (its counting put's
limit), word by word near a deadline, with the same code as the bodies emitted
directly."""

from __future__ import annotations

from typing import Any

import pytest

from a64jit import Assembler, Fragment, Label, MacroAssembler, hole, mem, x0, x1, x19
from a64jit.assembler import fragment as fragment_module


def _body(a: Assembler, dst: int, src: int, miss: Label) -> None:
    a.ldr(x0, mem(x19, src))
    a.cbz(x0, miss)
    a.str(x0, mem(x19, dst))


FRAG = Fragment(_body, dst=hole.offset(8), src=hole.offset(8), miss=hole.label)


def _count_word_by_word(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    slow = fragment_module.Fragment._emit_words

    def counted(self: Any, *args: Any) -> None:
        calls[0] += 1
        slow(self, *args)

    monkeypatch.setattr(fragment_module.Fragment, "_emit_words", counted)
    return calls


def test_pending_branch_instances_go_straight_in(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_word_by_word(monkeypatch)
    got, ref = MacroAssembler(), MacroAssembler()
    for m in (got, ref):
        m.other = m.label()  # type: ignore[attr-defined]
        m.b_ne(m.other)  # type: ignore[attr-defined]  # a pending forward branch
        assert fragment_module._straight(m, 3)
    misses = [(got.label(), ref.label()) for _ in range(4)]
    for i in range(200):
        g, r = misses[i % 4]
        FRAG.emit(got, 8 * (i % 50), 8 * (i % 7), g)
        _body(ref, 8 * (i % 50), 8 * (i % 7), r)
    assert calls[0] == 0
    for m, k in ((got, 0), (ref, 1)):
        for pair in misses:
            m.bind(pair[k])
        m.bind(m.other)  # type: ignore[attr-defined]
        m.ret()
    assert got.finalize() == ref.finalize()


def test_across_a_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pending tbz (32 KiB reach) and a stream of instances well past it: before the
    deadline straight in, near it word by word (the veneer lands between instances,
    never inside one), the code equal to the bodies emitted inside no_pools(size)."""
    calls = _count_word_by_word(monkeypatch)
    got, ref = MacroAssembler(), MacroAssembler()
    for m in (got, ref):
        m.far = m.label()  # type: ignore[attr-defined]
        m.tbz(x1, 3, m.far)  # type: ignore[attr-defined]
    n = 4_000  # 12 bytes each: 48 KB, past the tbz's reach
    for i in range(n):
        g, r = got.label(), ref.label()
        FRAG.emit(got, 8 * (i % 50), 8 * (i % 7), g)
        with ref.no_pools(FRAG.size):
            _body(ref, 8 * (i % 50), 8 * (i % 7), r)
        got.bind(g)
        ref.bind(r)
    assert 0 < calls[0] < n  # both paths were taken
    for m in (got, ref):
        m.bind(m.far)  # type: ignore[attr-defined]
        m.ret()
    code = got.finalize()
    assert code == ref.finalize()
    assert len(code) > 4 + n * FRAG.size + 4  # the veneer (and a branch over it)


def test_not_straight_while_a_partial_word_or_sites() -> None:
    m = MacroAssembler()
    m.b_ne(m.label())
    m.byte(1)
    assert not fragment_module._straight(m, 1)
    s = MacroAssembler(record_sites=True)
    s.b_ne(s.label())
    assert not fragment_module._straight(s, 1)
