"""A fragment's generated emit computes an immediate hole's bits (one range test, one
product) instead of looking the value up: every value of every immediate kind equals
the Assembler's words on its first sight, bad values raise what they raised (naming the
hole, the value and what is allowed) and emit nothing, and an instance never takes the
checked path for a value it has not seen (a new pc per instance, nested into a
MacroAssembler with thousands of labels pending)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

from a64jit import (
    Assembler,
    EncodingError,
    Fragment,
    MacroAssembler,
    OperandError,
    Stamper,
    hole,
    lsl,
    mem,
    x0,
    x1,
    x2,
    x3,
    x19,
)
from a64jit.assembler import fragment as fragment_module
from a64jit.assembler.fragment import Hole

RNG = random.Random(913)


def _bodies() -> list[tuple[str, Hole, Callable[..., None], list[int]]]:
    """(name, hole, body, its valid values: edges, every bit, random ones)."""
    out: list[tuple[str, Hole, Callable[..., None], list[int]]] = []

    def values(top: int, scale: int) -> list[int]:
        fields = {0, 1, top, top - 1, *(1 << b for b in range(top.bit_length())),
                  *(RNG.randrange(top + 1) for _ in range(60))}
        return sorted(f * scale for f in fields if 0 <= f <= top)

    def addi(a: Any, v: int, lbl: Any) -> None:
        a.add(x1, x2, v)
        a.cbz(x1, lbl)

    def movz(a: Any, v: int, lbl: Any) -> None:
        a.movz(x0, v, lsl(16))
        a.b(lbl)

    def shifted(a: Any, v: int, lbl: Any) -> None:
        a.add(x1, x2, x0, lsl(v))
        a.b(lbl)

    out.append(("imm12", hole.imm12, addi, values(4095, 1)))
    out.append(("imm16", hole.imm16, movz, values(65535, 1)))
    out.append(("shift(63)", hole.shift(63), shifted, values(63, 1)))
    for size, load in ((1, "ldrb"), (2, "ldrh"), (4, "ldr_w"), (8, "ldr")):
        def ld(a: Any, v: int, lbl: Any, load: str = load) -> None:
            if load == "ldr_w":
                a.ldr(x0.w, mem(x19, v))
            else:
                getattr(a, load)(x0 if load == "ldr" else x0.w, mem(x19, v))
            a.b(lbl)
        out.append((f"offset({size})", hole.offset(size), ld, values(4095, size)))

    def slot(a: Any, v: int, lbl: Any) -> None:
        a.ldr(x0, mem(x19, v))
        a.b(lbl)
    # not a mask of bits: a general range (0..800 in steps of 8) and a plain one
    out.append(("imm(100, 8)", hole.imm(100, 8), slot, values(100, 8)))
    out.append(("imm(3000)", hole.imm(3000), addi, values(3000, 1)))
    return out


CASES = _bodies()


def _bad_values(h: Hole) -> list[Any]:
    top = h.top * h.scale
    bad: list[Any] = [-1, -h.scale, top + h.scale, top + 1 if h.scale > 1 else top + 7,
                      1 << 40, -(1 << 40), True, False, 1.0, None, "8"]
    if h.scale > 1:
        bad += [h.scale // 2 or 1, top - 1]
    return bad


@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_every_value_on_first_sight_equals_the_assembler(
        case: tuple[str, Hole, Callable[..., None], list[int]], cls: type[Assembler]) -> None:
    name, h, body, good = case
    frag = Fragment(body, v=h, lbl=hole.label)
    got, ref = cls(), cls()
    for v in good:  # each value the first time (no table holds it)
        a_lbl, r_lbl = got.label(), ref.label()
        frag.emit(got, v, a_lbl)
        body(ref, v, r_lbl)
        got.bind(a_lbl)
        ref.bind(r_lbl)
    assert got.finalize() == ref.finalize(), name


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_values_raise_naming_the_hole_and_emit_nothing(
        case: tuple[str, Hole, Callable[..., None], list[int]]) -> None:
    name, h, body, good = case
    frag = Fragment(body, v=h, lbl=hole.label)
    a = Assembler()
    lbl = a.label()
    frag.emit(a, good[-1], lbl)  # generated now
    before = bytes(a._code)
    for bad in _bad_values(h):
        with pytest.raises((OperandError, EncodingError)) as info:
            frag.emit(a, bad, lbl)
        message = str(info.value)
        assert "hole v" in message and repr(bad) in message, (name, bad, message)
        assert "allowed: an int 0.." in message, message
        assert bytes(a._code) == before and a._npending == 1


def _getprop(a: Any, obj: Any, dst: Any, shape: int, slot: int, pc: int, miss: Any) -> None:
    """A property load with a shape guard and the site's pc (a new value per site)."""
    a.tst(obj, 7)
    a.b_ne(miss)
    a.ldr(x2, mem(obj, 0))
    a.ldr(x0, mem(x19, shape))
    a.cmp(x2, x0)
    a.b_ne(miss)
    a.ldr(x2, mem(obj, 8))
    a.ldr(dst, mem(x2, slot))
    a.movz(x0, pc)
    a.str(x0, mem(x19, 16))


def test_new_values_nested_in_a_macroassembler_take_no_checked_path(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of labels pending, a new pc per instance, a new guard label per
    instance: every instance goes through the generated emit (the checked path is
    refused), and the code equals the plain calls'."""
    frag = Fragment(_getprop, obj=hole.x, dst=hole.x, shape=hole.offset(8),
                    slot=hole.offset(8), pc=hole.imm16, miss=hole.label)
    got, ref = MacroAssembler(), MacroAssembler()
    olds = [(got.label(), ref.label()) for _ in range(3000)]
    for g, r in olds:
        got.b_ne(g)
        ref.b_ne(r)
    frag.emit(got, x1, x3, 8, 16, 0, olds[0][0])  # generated now (not counted)
    _getprop(ref, x1, x3, 8, 16, 0, olds[0][1])

    def refused(*args: object) -> None:
        raise AssertionError("the checked path")
    for name in ("_emit_linked", "_emit_words", "_fill", "emit"):
        monkeypatch.setattr(Fragment, name, refused)
    stubs = []
    for i in range(1, 2001):
        g, r = got.label(), ref.label()
        stubs.append((g, r))
        frag.emit(got, x1, x3, 8 * (i & 7), 16 * (i & 31), (977 * i) & 0xFFFF, g)
        _getprop(ref, x1, x3, 8 * (i & 7), 16 * (i & 31), (977 * i) & 0xFFFF, r)
    monkeypatch.undo()
    for g, r in stubs + olds:
        got.bind(g)
        got.nop()
        ref.bind(r)
        ref.nop()
    assert got.finalize() == ref.finalize()


def test_a_kept_emit_is_generated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """``emit = frag.emit`` before the first call: the kept function generates the emit
    at its first call only (it regenerated it at every call)."""
    made: list[Fragment] = []
    real = fragment_module._linked_emit

    def counting(frag: Fragment) -> Any:
        made.append(frag)
        return real(frag)
    monkeypatch.setattr(fragment_module, "_linked_emit", counting)
    frag = Fragment(_getprop, obj=hole.x, dst=hole.x, shape=hole.offset(8),
                    slot=hole.offset(8), pc=hole.imm16, miss=hole.label)
    emit = frag.emit
    a = Assembler()
    lbl = a.label()
    for pc in range(50):
        emit(a, x1, x3, 8, 16, pc, lbl)
    a.bind(lbl)
    assert made == [frag]
    ref = Assembler()
    lbl = ref.label()
    for pc in range(50):
        _getprop(ref, x1, x3, 8, 16, pc, lbl)
    ref.bind(lbl)
    assert a.finalize() == ref.finalize()


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_stamp_takes_new_values_without_the_checked_path(
        case: tuple[str, Hole, Callable[..., None], list[int]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A Stamper's stamp enters a value it has not seen into its run tables itself:
    values never seen stay off the checked stamp (refused here), the code equals the
    Assembler's, and a bad value raises naming the hole (and stamps nothing)."""
    name, h, body, good = case
    frag = Fragment(body, v=h, lbl=hole.label)
    got, ref = Assembler(), Assembler()
    st = Stamper(got, labels=1)
    checked = Stamper._checked

    def refused(*args: object) -> None:
        raise AssertionError("the checked path")
    monkeypatch.setattr(Stamper, "_checked", refused)
    stamp = st.emitter(frag)  # (its fallback: the stamper's _checked, refused)
    end = ref.label()
    for v in good:
        stamp(v, 0)
        body(ref, v, end)
    monkeypatch.setattr(Stamper, "_checked", checked)
    other = Assembler()  # (a stamper holds its assembler weakly)
    fresh = Stamper(other, labels=1).emitter(frag)
    for bad in _bad_values(h):
        with pytest.raises((OperandError, EncodingError), match="hole v"):
            fresh(bad, 0)
        assert not other._code
    st.bind(0)
    ref.bind(end)
    assert got.finalize() == ref.finalize(), name


def _wide(a: Any, k: int, r: int, lbl: Any) -> None:
    """An imm16 hole in two words with constant words around them, beside an imm12
    hole (a table's) and a label."""
    a.nop()
    a.movz(x0, k)
    a.add(x1, x2, r)
    a.movk(x0, k, lsl(16))
    a.str(x0, mem(x19, 8))
    a.movk(x3, k, lsl(32))
    a.nop()
    a.cbz(x0, lbl)


def test_a_stamp_computes_an_imm16_holes_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """A hole of many values (imm16: a constant's halves, an index, a pc, each instance
    a new one) has its words computed by the stamp, not entered in run tables: more
    distinct values than a table keeps (_CACHE_LIMIT) stay off the checked path, the
    code equals the Assembler's, the hole's tables stay empty while the imm12 hole's
    learn its values, and a bad value raises naming the hole."""
    frag = Fragment(_wide, k=hole.imm16, r=hole.imm12, lbl=hole.label)
    got, ref = Assembler(), Assembler()
    st = Stamper(got, labels=1)
    checked = Stamper._checked

    def refused(*args: object) -> None:
        raise AssertionError("the checked path")
    monkeypatch.setattr(Stamper, "_checked", refused)
    stamp = st.emitter(frag)
    end = ref.label()
    ks = [*RNG.sample(range(65536), fragment_module._CACHE_LIMIT + 500), 0, 65535]
    for i, k in enumerate(ks):
        stamp(k, i % 7 * 600, 0)
        _wide(ref, k, i % 7 * 600, end)
    monkeypatch.setattr(Stamper, "_checked", checked)
    st.bind(0)
    ref.bind(end)
    assert got.finalize() == ref.finalize()
    k_pos, r_pos = frag._order.index("k"), frag._order.index("r")
    assert all(not table for table in frag._pieces[k_pos])
    # (a run table may be shared with another fragment's run of the same words)
    assert all({i * 600 for i in range(7)} <= set(table) for table in frag._pieces[r_pos])
    other = Assembler()
    fresh = Stamper(other, labels=1).emitter(frag)
    for bad in (-1, 65536, 1 << 40, True, 1.0, None):
        with pytest.raises((OperandError, EncodingError), match="hole k"):
            fresh(bad, 8, 0)
        assert not other._code
