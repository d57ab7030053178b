"""An Assembler and its labels make no reference cycle: the labels hold a weak
reference to their assembler (Label._home), so everything goes when the last reference
to the assembler does, by reference counting alone (with the cyclic collector off), and
a label kept longer than its assembler says so instead of keeping it alive."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from a64jit import Assembler, Fragment, Stamper, hole, mem
from a64jit.assembler import Label
from a64jit.errors import LabelError
from a64jit.operands import x0, x1, x19


@pytest.fixture
def no_collector() -> Iterator[None]:
    """The cyclic collector off: what is freed is freed by reference counting."""
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _program(a: Assembler) -> list[Label]:
    """Backward and forward branches of every kind, named and unnamed labels, some
    left pending until the end; returns the labels."""
    labels = [a.label(f"l{i}" if i % 3 == 0 else None) for i in range(40)]
    for i, lbl in enumerate(labels):
        if i % 2:
            a.bind(lbl)
        a.cbz(x0, labels[(i + 5) % 40])
        a.b_ne(labels[(i + 7) % 40])
        a.tbnz(x1, 3, lbl)
        a.adr(x1, labels[(i * 7) % 40])
    for i in range(0, 40, 2):
        a.bind(labels[i])
    a.ret()
    return labels


def test_an_assembler_goes_with_its_last_reference(no_collector: None) -> None:
    """Also on the memo's first sights (a miss's exception and the template's frame
    made a cycle holding the assembler: memo._slow cuts it)."""
    a = Assembler()
    labels = _program(a)
    code = a.finalize()
    assert len(code) == 4 * (4 * 40 + 1)
    gone = weakref.ref(a)
    del a
    assert gone() is None  # freed without the collector: no cycle
    # a label outlives it: no owner, and an assembler refuses it as another's
    assert labels[0].owner is None and labels[0].offset is not None
    b = Assembler()
    with pytest.raises(LabelError, match="belongs to another assembler"):
        b.b(labels[0])


def test_pending_labels_do_not_keep_it_alive(no_collector: None) -> None:
    a = Assembler()
    lbl = a.label("later")
    a.b(lbl)  # pending
    gone = weakref.ref(a)
    del a
    assert gone() is None
    assert lbl.owner is None and lbl.offset is None


def _live_labels() -> int:
    return sum(type(o) is Label for o in gc.get_objects())


def test_labels_dropped_first_go_too(no_collector: None) -> None:
    _program(Assembler())  # the memo's first sights, before counting
    before = _live_labels()
    a = Assembler()
    labels = _program(a)
    assert _live_labels() == before + 40
    del labels
    a.finalize()
    del a
    assert _live_labels() == before


def test_owner_is_the_assembler() -> None:
    a, b = Assembler(), Assembler()
    lbl = a.label()
    assert lbl.owner is a
    lbl.owner = b  # (a label subclass sets it so: see test_fragment_labels)
    assert lbl.owner is b
    b.bind(lbl)
    assert b.label_offset(lbl) == 0


def _check(a: Any, slot: int, slow: Any) -> None:
    a.ldr(x0, mem(x19, slot))
    a.tbnz(x0, 0, slow)


def _addz(a: Any, at: Any, slot: int, cold: Any) -> None:
    slow, back = a.label(), a.label()
    a.bind(at)
    a.ldr(x0, mem(x19, slot))
    a.cbnz(x0, slow)
    a.bind(back)
    a.nop()
    a.bind(cold)
    a.bind(slow)
    a.mov(x0, 0)
    a.b(back)


CHECK = Fragment(_check, slot=hole.offset(8), slow=hole.label)
ADDZ = Fragment(_addz, at=hole.label, slot=hole.offset(8), cold=hole.cold)


def _stamped(a: Assembler) -> Stamper:
    st = Stamper(a, labels=9)
    check, addz = st.emitter(CHECK), st.emitter(ADDZ)
    for k in range(8):
        check(8 * k, 0)
        addz(k + 1, 8 * k)
        check(8 * k, k + 1)
    assert st.emitter(CHECK) is check  # remembered while it lives
    st.out_of_line(0)
    a.ret()
    return st


def test_a_stamped_assembler_goes_with_its_last_reference(no_collector: None) -> None:
    _stamped(Assembler())  # first sights
    a = Assembler()
    st = _stamped(a)
    assert len(a.finalize()) == 4 * (8 * 7 + 8 * 2 + 1)
    gone = weakref.ref(a)
    del a
    assert gone() is None  # the stamper does not keep it (its emitters would)
    with pytest.raises(LabelError, match="Stamper: its assembler is gone"):
        st.bind(1)
    keep = weakref.ref(st)
    del st
    assert keep() is None


def test_a_stamper_without_its_assembler_says_so(no_collector: None) -> None:
    a = Assembler()
    st = Stamper(a, labels=2)
    st.emitter(CHECK)  # dropped at once: only the stamper and the assembler's hook left
    del a
    with pytest.raises(LabelError, match="Stamper: its assembler is gone"):
        st.bind(0)


def test_emitters_made_again_share_their_records() -> None:
    a = Assembler()
    st = Stamper(a, labels=2)
    for k in range(5):  # an emitter made per instance and dropped: one set of records
        st.emitter(CHECK)(8 * k, 1)
    st.bind(1)
    a.ret()
    assert len(st._records) == 1
    ref = Assembler()
    slow = ref.label()
    for k in range(5):
        _check(ref, 8 * k, slow)
    ref.bind(slow)
    ref.ret()
    assert a.finalize() == ref.finalize()
