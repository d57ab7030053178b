"""Fragments with label holes: the generated emit (fragment._linked_emit) against the
Assembler's and the MacroAssembler's own calls, bit for bit, over many label distances up
to and past each field's reach, and the checked path for anything unusual."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from a64jit import Assembler, Fragment, hole, mem
from a64jit.assembler.core import Label
from a64jit.errors import A64Error, EncodingError, LabelError, OperandError
from a64jit.macro import MacroAssembler
from a64jit.operands import NE, x0, x1, x2, x3, x4, x19

_Branch = Callable[[Any, Any], None]
#: (name, the instruction with a target, its reach in bytes: -reach is the farthest
#: backward delta, reach - 4 the farthest forward one).
_KINDS: list[tuple[str, _Branch, int]] = [
    ("b_ne", lambda a, t: a.b_ne(t), 1 << 20),
    ("b_cond", lambda a, t: a.b_cond(NE, t), 1 << 20),
    ("cbz", lambda a, t: a.cbz(x3, t), 1 << 20),
    ("tbz", lambda a, t: a.tbz(x3, 5, t), 1 << 15),
    ("adr", lambda a, t: a.adr(x4, t), 1 << 20),
    ("b", lambda a, t: a.b(t), 1 << 27),
    ("bl", lambda a, t: a.bl(t), 1 << 27),
]


def _body(branch: _Branch) -> Callable[..., None]:
    def six(a: Any, k: int, first: Any, second: Any) -> None:  # words 1 and 3 branch
        a.ldr(x0, mem(x19, k))
        branch(a, first)
        a.add(x1, x0, 1)
        branch(a, second)
        a.str(x1, mem(x19, k))
        a.mov(x2, x1)
    return six


def _fragment(branch: _Branch) -> Fragment:
    return Fragment(_body(branch), k=hole.offset(8), first=hole.label, second=hole.label)


def _run(cls: type[Assembler], emit: Callable[..., None], back: int,
         forward: int) -> bytes | tuple[type, str, int]:
    """Code with a label ``back`` bytes before the first branch word and one ``forward``
    bytes after the second (its error and the offset reached instead, if any)."""
    a = cls()
    a.nop()
    behind = a.here()
    a.data(bytes(back - 4))  # whole words (back >= 4: the ldr is one of them)
    ahead = a.label()
    try:
        emit(a, 16, behind, ahead)
        a.data(bytes(forward - 12))  # the str and mov and the branch's own word: 12
        a.bind(ahead)
        a.nop()
        return a.finalize()
    except A64Error as e:
        return type(e), str(e), a.offset


def _distances(reach: int) -> list[int]:
    if reach > 1 << 20:
        return [12, 16, 4096]
    return [12, 16, 40, reach // 2 + 4, reach - 8, reach - 4, reach, reach + 4, reach + 8]


@pytest.mark.parametrize("name, branch, reach", _KINDS)
@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_instances_equal_the_plain_calls_at_every_distance(
        name: str, branch: _Branch, reach: int, cls: type[Assembler]) -> None:
    frag = _fragment(branch)
    assert frag.emit.__qualname__ == "Fragment(six).emit"  # the generated emit
    plain = _body(branch)
    for d in _distances(reach):
        # the first branch d bytes back (the ldr before it is 4 of them); the second
        # d bytes forward
        for back, forward in ((d, 12), (4, d)):
            want = _run(cls, plain, back, forward)
            got = _run(cls, frag.emit, back, forward)
            if isinstance(want, tuple) and isinstance(got, tuple):
                # the same error; an instance is all or nothing, the plain calls leave
                # the words before the branch behind
                assert got[:2] == want[:2], (name, cls.__name__, back, forward)
                assert got[2] <= want[2]
            elif cls is MacroAssembler and back > reach:
                # a MacroAssembler's own conditional branch out of reach backward is an
                # inverted branch over a b; an instance's words are fixed: it says so
                assert isinstance(want, bytes) and isinstance(got, tuple), (name, back)
                assert got[0] is EncodingError and "cannot be encoded" in got[1]
            else:
                assert got == want, (name, cls.__name__, back, forward)
            if cls is Assembler:  # a MacroAssembler gives a far branch a veneer
                in_reach = back <= reach and forward < reach
                assert isinstance(want, bytes) == in_reach, (name, back, forward, want)


def test_many_instances_in_a_row_equal_the_plain_calls() -> None:
    for cls in (Assembler, MacroAssembler):
        for name, branch, _ in _KINDS:
            frag, plain = _fragment(branch), _body(branch)
            out = []
            for emit in (frag.emit, plain):
                a = cls()
                labels = [a.label() for _ in range(40)]
                for i in range(200):
                    if i % 5 == 0:
                        a.bind(labels[i // 5])
                    emit(a, 8 * (i % 7), labels[i // 5], labels[(i // 5 + 3) % 40])
                out.append(a.finalize())
            assert out[0] == out[1], (cls.__name__, name)


def test_a_pending_word_has_its_field_zero_and_bind_fills_it() -> None:
    frag = _fragment(lambda a, t: a.cbz(x3, t))
    a = Assembler()
    first, second = a.label(), a.label()
    frag.emit(a, 8, first, second)
    assert a._code[1] & 0x00FFFFE0 == 0 and a._code[3] & 0x00FFFFE0 == 0
    refs = first._refs
    assert refs is not None and [(i, n) for i, _, n in refs] == [(1, "cbz")]
    assert a._npending == 2
    a.bind(first)
    a.bind(second)
    b = Assembler()
    p, q = b.label(), b.label()
    _body(lambda a, t: a.cbz(x3, t))(b, 8, p, q)
    b.bind(p)
    b.bind(q)
    assert a.finalize() == b.finalize()


def test_keywords_ints_and_foreign_labels_take_the_checked_path() -> None:
    frag = _fragment(lambda a, t: a.b_ne(t))
    a, b = Assembler(), Assembler()
    lbl = a.here()
    frag.emit(a, k=8, first=lbl, second=-8)  # keywords; an int byte offset
    _body(lambda a, t: a.b_ne(t))(b, 8, b.here(), -8)
    assert a.finalize() == b.finalize()
    a = Assembler()
    with pytest.raises(LabelError, match="another assembler"):
        frag.emit(a, 8, Assembler().label(), a.label())
    with pytest.raises(OperandError, match=r"b\.ne: expected a Label, got 'here'"):
        frag.emit(a, 8, a.label(), "here")
    with pytest.raises(EncodingError, match="hole k = 12"):
        frag.emit(a, 12, a.label(), a.label())
    assert a.offset == 0 and a._npending == 0  # nothing left behind


def test_binds_and_references_in_one_fragment() -> None:
    def loop(a: Any, top: Any, out: Any, k: int) -> None:
        a.bind(top)
        a.ldr(x0, mem(x19, k))
        a.cbz(x0, out)
        a.subs(x0, x0, 1)
        a.str(x0, mem(x19, k))
        a.b_ne(top)
    frag = Fragment(loop, top=hole.label, out=hole.label, k=hole.offset(8))
    assert "emit" in frag.emit.__qualname__
    for cls in (Assembler, MacroAssembler):
        out = []
        for emit in (frag.emit, loop):
            a = cls()
            a.nop()
            done = a.label()
            for i in range(3):
                emit(a, a.label(), done, 8 * i)
            a.bind(done)
            out.append(a.finalize())
        assert out[0] == out[1], cls.__name__
    a = Assembler()
    top = a.here()
    with pytest.raises(LabelError, match="already bound"):
        frag.emit(a, top, a.label(), 8)


def test_a_label_subclass_is_refused_as_before() -> None:
    class Mine(Label):
        pass
    frag = _fragment(lambda a, t: a.b(t))
    a = Assembler()
    lbl = Mine()
    lbl.owner, lbl.name, lbl.offset, lbl._refs = a, None, None, None
    with pytest.raises(OperandError, match="b: target must be a Label or an int offset"):
        frag.emit(a, 8, lbl, lbl)
    assert a.offset == 0


def test_the_usual_instances_take_the_generated_path(monkeypatch: pytest.MonkeyPatch) -> None:
    frag = _fragment(lambda a, t: a.b_cond(NE, t))
    warm = Assembler()
    frag.emit(warm, 8, warm.label(), warm.label())  # (generated at the first call)

    def refused(*args: object) -> None:
        raise AssertionError("the checked path")
    monkeypatch.setattr(Fragment, "_emit_linked", refused)
    monkeypatch.setattr(Fragment, "_emit_words", refused)
    monkeypatch.setattr(Fragment, "_fill", refused)
    for cls in (Assembler, MacroAssembler):
        a = cls()
        for k in range(16, 4000, 8):  # values never seen: computed, not checked
            frag.emit(a, k, a.here(), a.label())
        with pytest.raises(AssertionError):  # a bad value: the checked path says why
            frag.emit(a, 4, a.label(), a.label())
        behind = a.here()
        for _ in range(100):
            frag.emit(a, 8, behind, a.label())  # bound and unbound targets


def test_wrong_calls_name_the_hole_at_fault() -> None:
    frag = _fragment(lambda a, t: a.b(t))
    a = Assembler()
    first, second = a.label(), a.label()
    with pytest.raises(OperandError, match=r"expected 3 hole values \(k, first, second\), "
                                           r"got 2"):
        frag.emit(a, 8, first)
    with pytest.raises(OperandError, match=r"expected 3 hole values .*, got 4"):
        frag.emit(a, 8, first, second, second)
    with pytest.raises(OperandError, match=r"missing hole\(s\) \['first'\]"):
        frag.emit(a, 8, second=second)
    with pytest.raises(OperandError, match=r"missing hole\(s\) \[\], unknown \['third'\]"):
        frag.emit(a, 8, first, second, third=second)
    with pytest.raises(OperandError, match=r"missing hole\(s\) \['k'\], unknown \['kk'\]"):
        frag.emit(a, kk=8, first=first, second=second)
    assert a.offset == 0 and a._npending == 0
    frag.emit(a, second=second, k=8, first=first)  # any order by name
    frag.emit(a, 8, first, second=second)
    a.bind(first)
    a.bind(second)
    b = Assembler()
    p, q = b.label(), b.label()
    for _ in range(2):
        _body(lambda a, t: a.b(t))(b, 8, p, q)
    b.bind(p)
    b.bind(q)
    assert a.finalize() == b.finalize()
