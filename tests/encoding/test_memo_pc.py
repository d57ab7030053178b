"""The memo's PC-relative hit path (memo._q templates): a backward label encoded inline
at the edges of each reach, an int or non-Label target after a hit, and the invariants
it relies on (a label is bound at a word boundary at or before the end; a pending
branch word's field is zero until bind)."""

from __future__ import annotations

from typing import Any

import pytest

from a64jit import Assembler
from a64jit.errors import EncodingError, LabelError, OperandError
from a64jit.operands import NE, x3

#: (method, its operands before the target, the reach in bytes: -reach is the farthest
#: backward delta). b's 128 MiB is only tried near, like the others' far edges.
_BRANCHES = [("b", (), 1 << 27), ("b_ne", (), 1 << 20), ("b_cond", (NE,), 1 << 20),
             ("cbz", (x3,), 1 << 20), ("tbz", (x3, 5), 1 << 15)]


def _backward(name: str, args: tuple[Any, ...], back: int, hit: bool) -> bytes | str:
    """The last word of a branch ``back`` bytes back to a bound label (or the error),
    on a fresh class: its first call is the full path, unless ``hit`` warms it first."""
    cls = type("Fresh", (Assembler,), {})
    if hit:
        getattr(cls(), name)(*args, 0)  # an int target: remembered for the class
    a = cls()
    lbl = a.here()
    a.data(bytes(back))  # whole words: the buffer stays aligned
    try:
        getattr(a, name)(*args, lbl)
    except EncodingError as e:
        return str(e)
    code: bytes = a.finalize()
    return code[-4:]


@pytest.mark.parametrize("name, args, reach", _BRANCHES)
def test_backward_edges_match_the_full_path(name: str, args: tuple[Any, ...],
                                            reach: int) -> None:
    backs = [0, 4, 8, 4096] if reach > 1 << 20 else [0, 4, reach - 4, reach, reach + 4]
    for back in backs:
        full, fast = _backward(name, args, back, False), _backward(name, args, back, True)
        assert full == fast, (name, back)
        assert isinstance(full, bytes) == (back <= reach), (name, back, full)


def test_int_and_foreign_targets_after_a_hit_match_the_full_path() -> None:
    cls = type("Fresh", (Assembler,), {})
    warm = cls()
    warm.b_ne(warm.here())  # remembered
    a, b = cls(), Assembler()
    for asm in (a, b):
        asm.b_ne(8)
        asm.b_ne(-4)
        asm.cbz(x3, 1 << 20 - 4)
    assert a.finalize() == b.finalize()
    other = cls()
    for target in (other.label(), "label", 2.0):
        with pytest.raises((LabelError, OperandError)) as got:
            a.b_ne(target)
        with pytest.raises(type(got.value)) as want:
            Assembler().b_ne(target)  # type: ignore[arg-type]
        assert str(got.value) == str(want.value)


def test_a_pending_word_has_its_field_zero_until_bind() -> None:
    for _ in range(2):  # the second time through the memo
        a = Assembler()
        lbl = a.label()
        a.b_ne(lbl)
        a.b(lbl)
        a.cbz(x3, lbl)
        assert list(a._code) == [0x54000001, 0x14000000, 0xB4000003]
        a.nop()
        a.bind(lbl)
        want = [0x54000001 | 4 << 5, 0x14000000 | 3, 0xB4000003 | 2 << 5, 0xD503201F]
        assert a.finalize() == b"".join(w.to_bytes(4, "little") for w in want)


def test_a_label_is_bound_at_a_word_boundary_within_the_code() -> None:
    a = Assembler()
    lbl = a.label()
    a.nop()
    for offset in (2, 8, -4):
        with pytest.raises(LabelError, match="not a word boundary"):
            a._bind_at(lbl, offset)
    a._bind_at(lbl, 4)
    assert lbl.offset == 4
