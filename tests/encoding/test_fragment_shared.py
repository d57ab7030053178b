"""What a stamp reads at every instance, kept small: fragments whose immediate-hole runs
have the same words and field share one run table (a value one fragment learned, the
other stamps without the checked path), a stamp reads its stream's objects as locals (no
closure but the refreshed _put0), and a value more than the holes is a clear TypeError."""

from __future__ import annotations

from typing import Any

import pytest

from a64jit import Assembler, Fragment, MacroAssembler, Stamper, hole, mem, x0, x1, x19

SLOT = hole.imm(4095)  # a VM register: slot 8 * r


def _load_add(a: Any, at: Any, src: int, k: int, dst: int) -> None:
    a.bind(at)
    a.ldr(x0, mem(x19, 8 * src))  # the same run as _load_cmp's (word and field)
    a.add(x0, x0, k)
    a.str(x0, mem(x19, 8 * dst))


def _load_cmp(a: Any, at: Any, src: int, other: int) -> None:
    a.bind(at)
    a.ldr(x0, mem(x19, 8 * src))
    a.ldr(x1, mem(x19, 8 * other))
    a.cmp(x0, x1)
    a.str(x0, mem(x19, 8 * src))  # src again: a second run of the hole, not shared


def _fragments() -> tuple[Fragment, Fragment]:
    return (Fragment(_load_add, at=hole.label, src=SLOT, k=hole.imm12, dst=SLOT),
            Fragment(_load_cmp, at=hole.label, src=SLOT, other=SLOT))


def test_runs_of_the_same_words_and_field_share_one_table() -> None:
    add, cmp = _fragments()
    src_add = add._order.index("src")
    src_cmp = cmp._order.index("src")
    assert add._pieces[src_add][0] is cmp._pieces[src_cmp][0]  # ldr x0, [x19, #8*src]
    assert cmp._pieces[src_cmp][0] is not cmp._pieces[src_cmp][1]  # its str: another run
    # the str x0 of add's dst is the same run as cmp's second run of src
    assert add._pieces[add._order.index("dst")][0] is cmp._pieces[src_cmp][1]


def test_a_value_learned_through_a_shared_table_stays_on_the_fast_path(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """add learns src = 2345 (the shared ldr run gets it); cmp stamps 2345 next: its own
    second run of src lacks it, so the stamp learns it there (not the checked path on
    every instance, which it took when only the first table was asked)."""
    add, cmp = _fragments()
    checked: list[Fragment] = []
    original = Stamper._checked

    def counting(self: Stamper, frag: Fragment, *values: Any) -> None:
        checked.append(frag)
        original(self, frag, *values)

    monkeypatch.setattr(Stamper, "_checked", counting)
    a = Assembler()
    st = Stamper(a, labels=12)
    add_, cmp_ = st.emitter(add), st.emitter(cmp)
    add_(0, 2345, 7, 3)
    for i in range(1, 12):
        cmp_(i, 2345, i)
    assert checked == []
    ref = Assembler()
    _load_add(ref, ref.label(), 2345, 7, 3)
    for i in range(1, 12):
        _load_cmp(ref, ref.label(), 2345, i)
    assert a.finalize() == ref.finalize()


@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_shared_tables_give_each_fragment_its_own_words(cls: type[Assembler]) -> None:
    add, cmp = _fragments()
    values = [(i * 37) % 4096 for i in range(300)]
    a = cls()
    st = Stamper(a, labels=2 * len(values))
    add_, cmp_ = st.emitter(add), st.emitter(cmp)
    ref = cls()
    for i, v in enumerate(values):
        add_(2 * i, v, v % 4096, (v * 7) % 4096)
        cmp_(2 * i + 1, (v * 5) % 4096, v)
        _load_add(ref, ref.label(), v, v % 4096, (v * 7) % 4096)
        _load_cmp(ref, ref.label(), (v * 5) % 4096, v)
    assert a.finalize() == ref.finalize()


def test_a_stamp_reads_its_stream_as_locals() -> None:
    add, _ = _fragments()
    a = Assembler()
    stamp = Stamper(a, labels=1).emitter(add)
    assert stamp.__code__.co_freevars == ("_put0",)
    assert "_code" in stamp.__code__.co_varnames


def test_a_value_more_than_the_holes_is_a_clear_error() -> None:
    add, _ = _fragments()
    a = Assembler()
    stamp = Stamper(a, labels=1).emitter(add)
    for extra in ([9], [9, 10], [9, 10, 11, 12]):
        with pytest.raises(TypeError, match=r"Fragment\(_load_add\)\.stamp\(\) takes 4 hole "
                           r"values \(at, src, k, dst\), got more"):
            stamp(0, 1, 2, 3, *extra)
    with pytest.raises(TypeError, match=r"missing 1 required positional argument: 'dst'"):
        stamp(0, 1, 2)
    assert not a._code
