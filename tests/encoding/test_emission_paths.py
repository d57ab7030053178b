"""The Assembler's fast emission paths against its full paths (assembler/memo.py,
assembler/core.py, operands.py): a branch remembered on its other operands, the inline
label resolution of a hit, bind's inline backpatching, the inline exact-int checks of
the memo and interned Mem/Shift/Extend operands must give exactly the bytes and the
errors the full path gives."""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest

from a64jit import Assembler, MacroAssembler
from a64jit.assembler import memo
from a64jit.assembler.core import AssemblerCore, Label, Target
from a64jit.encoding.pcrel import BRANCH19
from a64jit.errors import A64Error, EncodingError, LabelError
from a64jit.operands import (
    EQ,
    NE,
    lsl,
    w3,
    x0,
    x1,
    x2,
    x5,
)

# Every PC-relative method (with the operands before its target) and its reach in bytes.
BRANCHES: list[tuple[str, tuple[Any, ...], int]] = [
    ("b", (), 1 << 27), ("bl", (), 1 << 27), ("b_ne", (), 1 << 20), ("beq", (), 1 << 20),
    ("b_cond", (NE,), 1 << 20), ("b_cond", (EQ,), 1 << 20), ("cbz", (x5,), 1 << 20),
    ("cbnz", (w3,), 1 << 20), ("tbz", (x2, 40), 1 << 15), ("tbnz", (w3, 7), 1 << 15),
    ("adr", (x1,), 1 << 20),
]


def _full(name: str) -> Callable[..., None]:
    """The method without its memo wrapper: the full path."""
    method: Callable[..., None] = getattr(Assembler, name)
    full: Callable[..., None] = getattr(method, "__wrapped__", method)
    return full


def _outcome(call: Callable[[], object]) -> tuple[str, str]:
    try:
        call()
    except A64Error as exc:
        return type(exc).__name__, str(exc)
    return "ok", ""


def test_branches_are_memoized_on_their_other_operands() -> None:
    for name, _, _ in BRANCHES:
        assert memo.is_pc_relative(_full(name)), name
        assert getattr(getattr(Assembler, name), "__wrapped__", None) is not None, name
    # adrp goes through the memo too, remembered as "always the full path"
    assert getattr(Assembler.adrp, "__wrapped__", None) is not None


@pytest.mark.parametrize("seed", range(6))
def test_random_programs_match_the_full_path(seed: int) -> None:
    """Random labels, binds, padding and branches of every kind, near and beyond their
    reach, forward and backward, with int offsets and foreign labels: the memoized
    methods (second pass: all hits) and the full paths agree on every outcome and byte."""
    rng = random.Random(seed)
    ops: list[tuple[Any, ...]] = []
    n_labels = 12
    for _ in range(400):
        r = rng.random()
        if r < 0.08:
            ops.append(("bind", rng.randrange(n_labels)))
        elif r < 0.16:
            reach = rng.choice((1 << 15, 1 << 20))
            ops.append(("pad", rng.choice((4, 64, reach - 8, reach - 4, reach, reach + 4))))
        elif r < 0.2:
            ops.append(("data", rng.randrange(1, 4)))  # unaligned: the next word must fail
        else:
            name, args, reach = rng.choice(BRANCHES)
            if rng.random() < 0.2:
                value = rng.choice((0, 4, -8, reach - 4, reach, -reach, -reach - 4, 2))
                ops.append(("br", name, args, "int", value))
            elif rng.random() < 0.05:
                ops.append(("br", name, args, "foreign", 0))
            else:
                ops.append(("br", name, args, "label", rng.randrange(n_labels)))
    for _ in range(2):  # the second pass replays every word from the memo
        got, ref, other = Assembler(), Assembler(), Assembler()
        foreign = other.label("foreign")
        labels = {id(a): [a.label(f"l{i}") for i in range(n_labels)] for a in (got, ref)}
        for op in ops:
            results = [_step(a, op, labels[id(a)], foreign, fast)
                       for a, fast in ((got, True), (ref, False))]
            assert results[0] == results[1], op
        for i in range(n_labels):  # bind the rest (some fail: out of reach)
            op = ("align",) if i == 0 else ("bind", i)
            assert (_step(got, op, labels[id(got)], foreign, True)
                    == _step(ref, op, labels[id(ref)], foreign, False)), op
        outcomes = []
        for a in (got, ref):
            try:
                outcomes.append(a.finalize())
            except A64Error as exc:
                outcomes.append(str(exc).encode())
        assert outcomes[0] == outcomes[1]


def _step(a: Assembler, op: tuple[Any, ...], lbls: list[Label], foreign: Label,
          fast: bool) -> tuple[str, str]:
    """Do ``op`` on ``a`` (through the memo wrappers if ``fast``, else the full paths);
    its outcome: ("ok", "") or the error's type and message."""
    try:
        if op[0] == "bind":
            a.bind(lbls[op[1]])
        elif op[0] == "align":
            a.align(4)
        elif op[0] == "pad":
            a.data(bytes(op[1] - len(a) % 4))
        elif op[0] == "data":
            a.data(bytes(op[1]))
        else:
            _, name, args, kind, value = op
            target = value if kind == "int" else foreign if kind == "foreign" else lbls[value]
            method = getattr(a, name) if fast else _full(name).__get__(a)
            method(*args, target)
    except A64Error as exc:
        message = str(exc)
        if "not 4-byte aligned" in message:  # named from the stack: emit, or the method
            message = message.split(":", 1)[1]
        return type(exc).__name__, message
    return "ok", ""


def test_forward_patch_at_bind_matches_the_field_encoder() -> None:
    """bind patches imm19/imm26 inline: the same words as encoding the delta at once."""
    for delta in (12, 16, 4096, (1 << 20) - 4):
        a = Assembler()
        lbl = a.label()
        a.b_ne(lbl)
        a.b(lbl)
        a.cbz(x0, lbl)
        a.data(bytes(delta - 12))
        a.bind(lbl)
        code = a.finalize()
        b = Assembler()
        b.b_ne(delta)
        b.b(delta - 4)
        b.cbz(x0, delta - 8)
        assert code[:12] == b.finalize()
    bad = Assembler()
    lbl = bad.label("far")
    bad.b_ne(lbl)
    bad.data(bytes(1 << 20))
    with pytest.raises(EncodingError, match=r"^b\.ne: target offset 1048580"):
        bad.bind(lbl)


def test_backward_hits_check_reach_and_alignment() -> None:
    a = Assembler()
    top = a.here("top")
    a.b_ne(top)  # remembered
    a.data(bytes((1 << 20) - 4))
    a.b_ne(top)  # -1 MiB exactly: in reach
    with pytest.raises(EncodingError, match=r"^b\.ne: target offset -1048580"):
        a.b_ne(top)
    assert len(a) == (1 << 20) + 4
    top.offset = 2  # a label moved by hand to an odd place: the full path explains
    with pytest.raises(EncodingError, match="multiple of 4"):
        a.b_ne(top)


def test_exact_int_checks_on_hits() -> None:
    """An entry remembered with ints replays only for exact ints: bool and float (equal
    and with the same hash) take the full path, which rejects them, every time."""
    a = Assembler()
    calls: list[Callable[[Any], None]] = [
        lambda v: a.movk(x0, v, lsl(16)),
        lambda v: a.ubfx(x0, x1, v, 5),
        lambda v: a.ubfx(x0, x1, 3, v),
        lambda v: a.ccmp(x0, v, 3, EQ),
        lambda v: a.tbz(x0, v, 8),
        lambda v: a.add(x0, x1, v),
    ]
    for call in calls:
        call(1)
        call(1)
        for bad in (True, 1.0):
            for _ in range(2):
                with pytest.raises(A64Error):
                    call(bad)
    n = len(a)
    assert n == 4 * 2 * len(calls)


def test_str_operands_are_checked_exactly() -> None:
    class Name(str):
        pass

    a = Assembler()
    a.mrs(x0, "nzcv")
    a.mrs(x0, "nzcv")
    with pytest.raises(A64Error):
        a.mrs(x0, Name("nzcv"))
    assert len(a) == 8


def test_a_subclass_that_changes_emit_pcrel_keeps_its_full_path() -> None:
    seen: list[str] = []

    class Logging(Assembler):
        def _emit_pcrel(self, word: int, target: Target, field: Any, insn: str) -> None:
            seen.append(insn)
            super()._emit_pcrel(word, target, field, insn)

    a = Logging()
    top = a.here()
    for _ in range(3):
        a.b_ne(top)
        a.cbz(x0, top)
    assert seen == ["b.ne", "cbz"] * 3


def test_macro_assembler_streams_still_resolve() -> None:
    """The MacroAssembler calls the exact branches with its own memo (its words may be
    followed by pools): forward, backward and far targets still resolve."""
    m = MacroAssembler()
    top = m.here()
    fwd = m.label()
    for _ in range(3):
        m.b_ne(fwd)
        m.cbz(x0, top)
        m.b(fwd)
    m.bind(fwd)
    m.ret()
    a = Assembler()
    top2 = a.here()
    fwd2 = a.label()
    for _ in range(3):
        a.b_ne(fwd2)
        a.cbz(x0, top2)
        a.b(fwd2)
    a.bind(fwd2)
    a.ret()
    assert m.finalize() == a.finalize()


def test_pc_relative_registration() -> None:
    def two_targets(self: Assembler, target: Target, other: Target) -> None: ...
    def no_target(self: Assembler) -> None: ...

    for bad, why in ((two_targets, "branch target"), (no_target, "no target")):
        with pytest.raises(TypeError, match=why):
            memo.check_pc_registration(bad)

    class Group(Assembler):
        @memo.pc_relative
        def jump_twice_as_far(self, reg: Any, target: Target) -> None:
            self._emit_pcrel(0x14000000, target, BRANCH19, "demo")

        @memo.position_dependent
        def left_alone(self, target: Target) -> None:
            self.b(target)

    memo.memoize_methods(Group)
    assert getattr(Group.jump_twice_as_far, "__wrapped__", None) is not None
    assert not hasattr(Group.left_alone, "__wrapped__")
    g = Group()
    top = g.here()
    for _ in range(2):
        g.jump_twice_as_far(x0, top)
    assert len(g) == 8


def test_unbound_and_foreign_labels_still_fail_where_they_did() -> None:
    a, other = Assembler(), Assembler()
    foreign = other.label("elsewhere")
    for _ in range(2):
        with pytest.raises(LabelError, match=r"^b\.ne: label 'elsewhere' belongs to another"):
            a.b_ne(foreign)
    a.b_ne(a.label("nowhere"))
    with pytest.raises(LabelError, match=r"unbound label.*nowhere"):
        a.finalize()
    assert isinstance(a._labels[0], Label)


def test_core_emission_of_a_subclass_label() -> None:
    """A Label subclass (not the fast path's exact type) still resolves."""
    class Tagged(Label):
        __slots__ = ()

        def __init__(self, owner: Assembler, name: str) -> None:  # (Label has none:
            self.owner, self.name, self.offset, self._refs = owner, name, None, None  # label())

    a = Assembler()
    lbl = Tagged(a, "t")
    a._labels.append(lbl)
    a.b_ne(lbl)
    a.b_ne(lbl)
    AssemblerCore.bind(a, lbl)
    assert a.finalize()[:8] == bytes.fromhex("4100005421000054")


def test_a_refused_forward_branch_leaves_nothing_pending() -> None:
    """A branch after a partial word of data raises; once aligned, binding its label must
    not patch a word the refused branch never wrote (the data here)."""
    for _ in range(2):  # the second time through the memo
        a = Assembler()
        lbl = a.label()
        a.data(b"\x01")
        with pytest.raises(EncodingError, match="not 4-byte aligned"):
            a.b(lbl)
        a.align(4)
        a.nop()
        a.bind(lbl)
        assert a.finalize() == bytes.fromhex("01000000" "1f2003d5")


def test_branches_after_a_partial_word_raise() -> None:
    """A branch after a partial word of data raises as the full path does, through the
    memo too (a label's owner test there includes the alignment), and emits nothing:
    to a label bound before, its delta is no multiple of 4; to a later one, the word
    cannot be put."""
    for cls in (Assembler, MacroAssembler):
        for _ in range(2):  # the second time through the memo
            a = cls()
            top = a.here()
            later = a.label()
            a.nop()
            a.data(b"\x01")
            for name, branch in (("b", a.b), ("b.ne", a.b_ne),
                                 ("cbz", partial(a.cbz, x0)), ("tbnz", partial(a.tbnz, x0, 3))):
                with pytest.raises(EncodingError, match=f"^{name}: target offset -5 cannot "):
                    branch(top)
                with pytest.raises(EncodingError, match="not 4-byte aligned"):
                    branch(later)
                assert len(a) == 5 and later._refs is None
            a.align(4)
            a.b_ne(top)
            a.bind(later)
            assert a.finalize() == bytes.fromhex("1f2003d5" "01000000" "c1ffff54")
