"""Fragments with an out-of-line part (``hole.cold``): a Stamper places the parts at
``out_of_line()`` and fills in the branches between each part and its instance; the
bytes equal the plain Assembler calls with the same layout (every pc-relative kind,
both directions, at many distances), and every misuse is a clear error."""

from __future__ import annotations

import random
from typing import Any

import pytest

from a64jit import EQ, NE, Assembler, Fragment, MacroAssembler, Stamper, hole, x0, x1, x2, x3
from a64jit.assembler.fragment import _unplace
from a64jit.errors import EncodingError, LabelError, OperandError
from a64jit.operands import X_BY_CODE


def _hot(a: Any, at: Any, r: Any, slow: Any, back: Any) -> None:
    a.bind(at)
    a.cbnz(r, slow)  # a register hole in a word that branches out of line
    a.tbnz(x0, 3, slow)  # imm14
    a.b_cond(NE, slow)  # imm19
    a.adr(x1, slow)  # adr
    a.b(slow)  # imm26
    a.bind(back)
    a.add(x0, x0, 1)


def _cold(a: Any, slow: Any, back: Any, k: int, at: Any, done: Any) -> None:
    a.bind(slow)
    a.movz(x2, k)  # a value hole out of line
    a.adr(x3, back)  # backward into the instance: adr, imm14, imm26
    a.tbz(x2, 1, back)
    a.cbz(x2, at)  # the label the instance binds
    a.b_cond(EQ, done)  # a label hole from out of line
    a.b(back)


def _body(a: Any, at: Any, r: Any, k: int, done: Any, cold: Any) -> None:
    slow, back = a.label(), a.label()
    _hot(a, at, r, slow, back)
    a.bind(cold)
    _cold(a, slow, back, k, at, done)


FRAG = Fragment(_body, at=hole.label, r=hole.x, k=hole.imm16, done=hole.label,
                cold=hole.cold)


def _plan(seed: int, count: int = 60) -> list[tuple[Any, ...]]:
    """A random program: fillers, instances (done: a bytecode label bound before,
    after, or the exit) and out_of_line points."""
    rng = random.Random(seed)
    out: list[tuple[Any, ...]] = []
    for i in range(count):
        out.append(("nops", rng.choice((0, 0, 1, 3, 40))))
        out.append(("inst", i, X_BY_CODE[rng.randrange(31)], rng.randrange(65536),
                    rng.choice((rng.randrange(count + 1), count))))
        if rng.random() < 0.1:
            out.append(("ool",))
    out.append(("ool",))
    return out


def _stamped(cls: type[Assembler], plan: list[tuple[Any, ...]], count: int) -> bytes:
    a = cls()
    st = Stamper(a, labels=count + 1)
    stamp = st.emitter(FRAG)
    for step in plan:
        if step[0] == "nops":
            for _ in range(step[1]):
                a.nop()
        elif step[0] == "inst":
            stamp(*step[1:])
        else:
            st.out_of_line()
    st.bind(count)
    a.ret()
    return a.finalize()


def _plain(cls: type[Assembler], plan: list[tuple[Any, ...]], count: int) -> bytes:
    a = cls()
    labels = [a.label() for _ in range(count + 1)]
    pending: list[tuple[Any, ...]] = []
    for step in plan:
        if step[0] == "nops":
            for _ in range(step[1]):
                a.nop()
        elif step[0] == "inst":
            _, i, r, k, done = step
            slow, back = a.label(), a.label()
            _hot(a, labels[i], r, slow, back)
            pending.append((slow, back, k, labels[i], labels[done]))
        else:
            for args in pending:
                _cold(a, *args)
            pending.clear()
    a.bind(labels[count])
    a.ret()
    return a.finalize()


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_out_of_line_parts_equal_the_plain_calls(seed: int, cls: type[Assembler]) -> None:
    plan = _plan(seed)
    want = _plain(cls, plan, 60)
    assert _stamped(cls, plan, 60) == want  # new immediates: the checked path
    assert _stamped(cls, plan, 60) == want  # the tables filled: the stamps' fast path


def test_the_fragment_finds_every_branch_between_its_parts() -> None:
    assert FRAG._split == 6
    # (word, step): into the out-of-line part +, back out of it - (the label the
    # instance binds too); not the reference to a label hole (word 10)
    assert FRAG._cross == ((0, 32), (1, 32), (2, 32), (3, 32), (4, 1), (7, -32), (8, -32),
                           (9, -32), (11, -1))


def test_an_instance_with_no_distance_and_far_away() -> None:
    """The part right after its instance (distance 0) and ~1 MiB - 1 word further (the
    largest an adr or imm19 field reaches) for a fragment without tbz."""
    def body(a: Any, at: Any, done: Any, cold: Any) -> None:
        slow = a.label()
        a.bind(at)
        a.cbz(x0, slow)
        a.bind(cold)
        a.bind(slow)
        a.b(done)

    frag = Fragment(body, at=hole.label, done=hole.label, cold=hole.cold)
    assert frag._cross_limit == (1 << 18) - 2
    for filler in (0, (1 << 18) - 2):
        a = Assembler()
        st = Stamper(a, labels=2)
        st.emitter(frag)(0, 1)
        for _ in range(filler):
            a._code.append(0xD503201F)  # nops, quickly
        st.out_of_line()
        st.bind(1)
        code = a.finalize()
        ref = Assembler()
        slow, done = ref.label(), ref.label()
        ref.cbz(x0, slow)
        for _ in range(filler):
            ref._code.append(0xD503201F)
        ref.bind(slow)
        ref.b(done)
        ref.bind(done)
        assert code == ref.finalize()


def test_out_of_reach_raises_and_places_nothing() -> None:
    def body(a: Any, at: Any, cold: Any) -> None:
        slow, back = a.label(), a.label()
        a.bind(at)
        a.tbnz(x0, 0, slow)  # +-32 KiB
        a.bind(back)
        a.nop()
        a.bind(cold)
        a.bind(slow)
        a.b(back)

    frag = Fragment(body, at=hole.label, cold=hole.cold)
    a = Assembler()
    st = Stamper(a, labels=2)
    stamp = st.emitter(frag)
    stamp(0)
    for _ in range(8200):
        a.nop()
    stamp(1)
    before = bytes(a._code)
    with pytest.raises(EncodingError, match=r"Fragment body: the out-of-line part of the "
                       r"instance at offset 0x0 would be at 0x8030: a branch"):
        st.out_of_line()
    assert bytes(a._code) == before  # nothing placed, no word changed
    with pytest.raises(LabelError, match=r"out-of-line parts of 2 instance\(s\) were "
                       r"stamped but never placed"):
        a.finalize()


def test_a_failed_placement_undoes_the_fragments_placed_before_it() -> None:
    def short(a: Any, at: Any, done: Any, cold: Any) -> None:
        slow = a.label()
        a.bind(at)
        a.cbz(x0, slow)  # +-1 MiB
        a.bind(cold)
        a.bind(slow)
        a.b(done)

    near = Fragment(short, at=hole.label, done=hole.label, cold=hole.cold)

    def far(a: Any, at: Any, cold: Any) -> None:
        slow = a.label()
        a.bind(at)
        a.tbnz(x0, 0, slow)
        a.bind(cold)
        a.bind(slow)
        a.ret()

    tb = Fragment(far, at=hole.label, cold=hole.cold)
    a = Assembler()
    st = Stamper(a, labels=3)
    st.emitter(near)(0, 2)  # placed first (its fragment's records come first)
    st.emitter(tb)(1)
    for _ in range(8200):
        a.nop()
    before = bytes(a._code)
    with pytest.raises(EncodingError, match="Fragment far: the out-of-line part"):
        st.out_of_line()
    assert bytes(a._code) == before
    assert all(not recs for recs, _ in st._records)  # no reference recorded


def test_unplace_is_the_placer_backwards() -> None:
    a = Assembler()
    st = Stamper(a, labels=2)
    st.emitter(FRAG)(0, x1, 9, 1)
    a.nop()
    words = list(a._code)
    recs, lists = st._colds[FRAG]
    start = len(a._code)
    a._code += st._cold
    assert FRAG._placer()(a._code, start, recs, lists, st._offsets, False) is None
    assert list(a._code[:start]) != words
    _unplace(a._code, start, recs, FRAG)
    assert list(a._code[:start]) == words


def test_bad_values_name_the_fragment_the_hole_and_the_value() -> None:
    a = Assembler()
    st = Stamper(a, labels=3)
    stamp = st.emitter(FRAG)
    with pytest.raises(EncodingError, match=r"Fragment _body: hole k = 65536 cannot be "
                       r"encoded; allowed: an int 0..65535"):
        stamp(0, x1, 65536, 1)
    with pytest.raises(OperandError, match=r"hole k = True cannot be encoded"):
        stamp(0, x1, True, 1)
    with pytest.raises(OperandError, match=r"hole done: label -1 is not a label number"):
        stamp(0, x1, 5, -1)
    with pytest.raises(OperandError, match=r"hole done: label 3 is not a label number"):
        stamp(0, x1, 5, 3)
    with pytest.raises(OperandError, match=r"hole done: label 1.0 is not a label number"):
        stamp(0, x1, 5, 1.0)
    assert not a._code and not st._cold  # nothing stamped by a refused instance
    stamp(0, x1, 5, 1)
    with pytest.raises(LabelError, match="hole at: label 0 is already bound"):
        stamp(0, x1, 5, 1)


def test_a_bound_label_as_the_out_of_line_target() -> None:
    a = Assembler()
    top = a.here()
    a.nop()
    st = Stamper(a, labels=1)
    st.emitter(FRAG)(0, x2, 77, top)  # a Label: the checked path, resolved at finalize
    st.out_of_line()
    code = a.finalize()
    ref = Assembler()
    top2 = ref.here()
    ref.nop()
    at, slow, back = ref.label(), ref.label(), ref.label()
    _hot(ref, at, x2, slow, back)
    _cold(ref, slow, back, 77, at, top2)
    assert code == ref.finalize()


def _bodies() -> dict[str, Any]:
    def two(a: Any, c1: Any, c2: Any) -> None:
        a.nop()

    def unbound(a: Any, cold: Any) -> None:
        a.nop()

    def at_start(a: Any, cold: Any) -> None:
        a.bind(cold)
        a.nop()

    def at_end(a: Any, cold: Any) -> None:
        a.nop()
        a.bind(cold)

    def bound_out_of_line(a: Any, entry: Any, cold: Any) -> None:
        a.nop()
        a.bind(cold)
        a.bind(entry)
        a.nop()

    def moving_count(a: Any, cold: Any) -> None:
        a.nop()
        a.bind(cold)
        if a.offset > 4:
            a.nop()
        a.nop()

    def moving_word(a: Any, cold: Any) -> None:
        a.nop()
        a.bind(cold)
        a.movz(x0, a.offset)

    return {"two": two, "unbound": unbound, "at_start": at_start, "at_end": at_end,
            "bound_out_of_line": bound_out_of_line, "moving_count": moving_count,
            "moving_word": moving_word}


@pytest.mark.parametrize(("name", "holes", "error", "message"), [
    ("two", {"c1": hole.cold, "c2": hole.cold}, OperandError,
     "Fragment two: holes c1, c2 are all hole.cold; a fragment has at most one"),
    ("unbound", {"cold": hole.cold}, LabelError,
     r"Fragment unbound: hole cold \(hole.cold\) is not bound in the body"),
    ("at_start", {"cold": hole.cold}, EncodingError,
     r"Fragment at_start: hole cold \(hole.cold\) is bound at word 0 of 1: the inline "
     "and the out-of-line part must both have instructions"),
    ("at_end", {"cold": hole.cold}, EncodingError, r"is bound at word 1 of 1"),
    ("bound_out_of_line", {"entry": hole.label, "cold": hole.cold}, LabelError,
     r"Fragment bound_out_of_line: label hole entry is bound in the out-of-line part "
     r"\(word 1\); bind it before a.bind\(cold\)"),
    ("moving_count", {"cold": hole.cold}, EncodingError,
     "Fragment moving_count: the body emits other words when its out-of-line part moves"),
    ("moving_word", {"cold": hole.cold}, EncodingError,
     r"Fragment moving_word: word 1 \(0xd2800080\) changes with the place of the "
     "out-of-line part, and not as a pc-relative field"),
])
def test_bad_bodies_are_refused(name: str, holes: dict[str, Any], error: type[Exception],
                                message: str) -> None:
    with pytest.raises(error, match=message):
        Fragment(_bodies()[name], **holes)


def test_emit_refuses_a_fragment_with_an_out_of_line_part() -> None:
    with pytest.raises(OperandError, match=r"Fragment _body: it has an out-of-line part "
                       r"\(hole cold\); stamp it with a Stamper"):
        FRAG.emit(Assembler(), Assembler().label(), x0, 1, Assembler().label())


def test_finalize_without_out_of_line_says_what_to_do() -> None:
    a = Assembler()
    st = Stamper(a, labels=2)
    st.emitter(FRAG)(0, x1, 2, 1)
    st.bind(1)
    with pytest.raises(LabelError, match=r"call Stamper.out_of_line\(\) where they go"):
        a.finalize()


def test_out_of_line_binds_the_label_after_the_parts() -> None:
    """out_of_line(bind): the parts' references to it (and to labels bound before)
    filled in by the placer at once; the same bytes as placing, then binding."""
    plan = _plan(4)
    want = _plain(Assembler, plan, 60)
    for _ in range(2):
        a = Assembler()
        st = Stamper(a, labels=61)
        stamp = st.emitter(FRAG)
        for step in plan[:-1]:
            if step[0] == "nops":
                for _ in range(step[1]):
                    a.nop()
            elif step[0] == "inst":
                stamp(*step[1:])
            else:
                st.out_of_line()
        recorded = sum(len(recs) for recs, _ in st._records)
        st.out_of_line(60)
        # every reference of the last parts filled in: none recorded for resolve
        assert sum(len(recs) for recs, _ in st._records) == recorded
        assert st.offset(60) == len(a._code) * 4
        a.ret()
        assert a.finalize() == want


def test_out_of_line_refuses_a_bound_label_and_binds_with_nothing_pending() -> None:
    a = Assembler()
    st = Stamper(a, labels=3)
    st.emitter(FRAG)(0, x1, 2, 1)
    with pytest.raises(LabelError, match=r"Stamper\.out_of_line: label 0 is already bound"):
        st.out_of_line(0)
    with pytest.raises(OperandError, match=r"Stamper\.out_of_line: label 5 is not a "
                       r"label number; allowed: an int 0\.\.2"):
        st.out_of_line(5)
    st.out_of_line(1)
    st.out_of_line(2)  # nothing pending: binds here
    assert st.offset(1) == st.offset(2) == len(a._code) * 4


def _one(a: Any, at: Any, k: int) -> None:
    a.bind(at)
    a.add(x0, x0, k)


def test_a_one_piece_table_takes_new_values_and_refuses_bad_ones() -> None:
    """A value not seen yet in a hole's run table takes the checked path, which fills
    it in or names what is wrong (out of range, negative, not an int: True is not 1)."""
    frag = Fragment(_one, at=hole.label, k=hole.imm12)
    values = [5, 5, 4095, 0, 5, 4095]
    a = Assembler()
    st = Stamper(a, labels=len(values))
    stamp = st.emitter(frag)
    for i, k in enumerate(values):
        stamp(i, k)
    ref = Assembler()
    for k in values:
        ref.add(x0, x0, k)
    assert a.finalize() == ref.finalize()
    a = Assembler()
    st = Stamper(a, labels=1)
    stamp = st.emitter(frag)
    for bad in (-1, -8192, -8193, 4096, 8192, 1 << 70):
        with pytest.raises(EncodingError, match=rf"Fragment _one: hole k = {bad} cannot be "
                           r"encoded; allowed: an int 0..4095"):
            stamp(0, bad)
    for wrong in (True, 5.0, "5", None):
        with pytest.raises(OperandError, match=rf"Fragment _one: hole k = {wrong!r} cannot "
                           "be encoded"):
            stamp(0, wrong)
    assert not a._code


def _shared(a: Any, at: Any, r: Any, k: int, cold: Any) -> None:
    slow, back = a.label(), a.label()
    a.bind(at)
    a.add(r, r, k)  # two value holes in one word: the instance's words as one integer
    a.cbz(r, slow)
    a.bind(back)
    a.bind(cold)
    a.bind(slow)
    a.sub(r, r, k)
    a.b(back)


def test_value_holes_sharing_a_word_with_an_out_of_line_part() -> None:
    frag = Fragment(_shared, at=hole.label, r=hole.x, k=hole.imm12, cold=hole.cold)
    assert frag._runs is None
    values = [(X_BY_CODE[i % 31], (37 * i) % 4096) for i in range(40)]
    for _ in range(2):  # new immediates (checked path), then the fast path
        a = Assembler()
        st = Stamper(a, labels=len(values))
        stamp = st.emitter(frag)
        for i, (r, k) in enumerate(values):
            stamp(i, r, k)
        a.nop()
        st.out_of_line()
        ref = Assembler()
        parts = []
        for r, k in values:
            slow, back = ref.label(), ref.label()
            ref.add(r, r, k)
            ref.cbz(r, slow)
            ref.bind(back)
            parts.append((slow, back, r, k))
        ref.nop()
        for slow, back, r, k in parts:
            ref.bind(slow)
            ref.sub(r, r, k)
            ref.b(back)
        assert a.finalize() == ref.finalize()


def _twice(a: Any, at: Any, done: Any, cold: Any) -> None:
    slow = a.label()
    a.bind(at)
    a.cbnz(x0, slow)
    a.bind(cold)
    a.bind(slow)
    a.cbz(x1, done)  # two references to one label hole out of line
    a.b(done)


@pytest.mark.parametrize("bind_after", [False, True])
def test_two_references_to_one_label_out_of_line(bind_after: bool) -> None:
    """Bound before (filled in by the placer), bound right after the parts
    (out_of_line(bind)) or later (recorded for resolve): the plain calls' bytes."""
    frag = Fragment(_twice, at=hole.label, done=hole.label, cold=hole.cold)
    targets = [0, 3, 5, 1, 6, 6]  # 6: the exit
    for _ in range(2):
        a = Assembler()
        st = Stamper(a, labels=7)
        stamp = st.emitter(frag)
        for i, t in enumerate(targets[:6]):
            stamp(i, t)
        if bind_after:
            st.out_of_line(6)
        else:
            st.out_of_line()
            a.nop()
            st.bind(6)
        a.ret()
        ref = Assembler()
        labels = [ref.label() for _ in range(7)]
        slows = []
        for i in range(6):
            slow = ref.label()
            ref.bind(labels[i])
            ref.cbnz(x0, slow)
            slows.append(slow)
        for slow, t in zip(slows, targets, strict=True):
            ref.bind(slow)
            ref.cbz(x1, labels[t])
            ref.b(labels[t])
        if not bind_after:
            ref.nop()
        ref.bind(labels[6])
        ref.ret()
        assert a.finalize() == ref.finalize()


def test_repr_says_where_the_out_of_line_part_starts() -> None:
    assert repr(FRAG) == ("Fragment(_body, 12 words, at=hole.label, r=hole.x, k=hole.imm16, "
                          "done=hole.label, cold=hole.cold (out of line from word 6))")
    assert repr(hole.cold) == "hole.cold"
    assert hole.cold.describe() == "no value (it marks where the out-of-line part starts)"


def test_two_stampers_of_one_fragment_keep_to_their_own_streams() -> None:
    # The stamps of one fragment share its generated module (and its _frag); each
    # stamper's fallback (the checked path: a new immediate, a Label target) must still
    # stamp into its own assembler, with its own labels and out-of-line parts.
    plans = [_plan(seed, 20) for seed in (4, 5)]
    asms = [Assembler(), Assembler()]
    stampers = [Stamper(a, labels=21) for a in asms]
    stamps = [st.emitter(FRAG) for st in stampers]
    assert stamps[0] is not stamps[1]
    assert stamps[0].__qualname__ == stamps[1].__qualname__ == "Fragment(_body).stamp"
    for steps in zip(*plans, strict=False):  # interleaved: one step of each in turn
        for a, st, stamp, step in zip(asms, stampers, stamps, steps, strict=True):
            if step[0] == "nops":
                for _ in range(step[1]):
                    a.nop()
            elif step[0] == "inst":
                stamp(*step[1:])
            else:
                st.out_of_line()
    got = []
    for a, st, plan in zip(asms, stampers, plans, strict=True):
        rest = plan[min(len(p) for p in plans):]
        for step in rest:
            if step[0] == "nops":
                for _ in range(step[1]):
                    a.nop()
            elif step[0] == "inst":
                st.emitter(FRAG)(*step[1:])
            else:
                st.out_of_line()
        st.bind(20)
        a.ret()
        got.append(a.finalize())
    assert got == [_plain(Assembler, plan, 20) for plan in plans]
