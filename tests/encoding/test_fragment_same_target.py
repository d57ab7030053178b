"""Out-of-line parts that all branch to one label (a template JIT's slow paths going
back to one exit): the placer reads the label's offset once and stores each reference's
word as a constant less its part's position, for a label bound right after the parts
(``out_of_line(bind)``, forward) or before them (backward), every pc-relative kind. The
bytes equal the plain Assembler calls; other targets take the per-record path."""

from __future__ import annotations

import random
from typing import Any

import pytest

from a64jit import EQ, Assembler, Fragment, MacroAssembler, Stamper, hole, mem, x0, x1, x2, x3
from a64jit.operands import x19


def _hot(a: Any, slot: int, slow: Any, back: Any) -> None:
    a.ldr(x0, mem(x19, slot))
    a.cbnz(x0, slow)
    a.tbnz(x0, 2, slow)
    a.bind(back)
    a.str(x0, mem(x19, slot))


def _cold(a: Any, slow: Any, back: Any, exit_: Any) -> None:
    a.bind(slow)
    a.movz(x1, 1)
    a.cbz(x1, back)  # back into the instance
    a.b_cond(EQ, exit_)  # imm19
    a.tbz(x2, 5, exit_)  # imm14
    a.adr(x3, exit_)  # adr
    a.b(exit_)  # imm26


def _guard(a: Any, at: Any, slot: int, exit_: Any, cold: Any) -> None:
    slow, back = a.label(), a.label()
    a.bind(at)
    _hot(a, slot, slow, back)
    a.bind(cold)
    _cold(a, slow, back, exit_)


GUARD = Fragment(_guard, at=hole.label, slot=hole.offset(8), exit_=hole.label,
                 cold=hole.cold)
COUNT = 40


EXIT = COUNT + 1  # label 0: bound before the instances, 1..COUNT: theirs, EXIT: after


def _plan(seed: int) -> list[tuple[int, int, int]]:
    """Per instance: the nops before it, its slot and (the mixed case) its exit."""
    rng = random.Random(seed)
    return [(rng.choice((0, 0, 1, 5, 300)), 8 * rng.randrange(64), rng.choice((0, EXIT)))
            for _ in range(COUNT)]


def _target(case: str, exit_: int) -> int:
    return {"forward": EXIT, "backward": 0, "mixed": exit_}[case]


def _stamped(cls: type[Assembler], plan: list[tuple[int, int, int]], case: str,
             seen: list[Any]) -> bytes:
    a = cls()
    st = Stamper(a, labels=EXIT + 1)
    stamp = st.emitter(GUARD)
    same = st._same_targets

    def spy(*args: Any) -> Any:
        got = same(*args)
        seen.append(got)
        return got

    st._same_targets = spy  # type: ignore[method-assign, assignment]
    st.bind(0)
    a.nop()
    for i, (nops, slot, exit_) in enumerate(plan):
        for _ in range(nops):
            a.nop()
        stamp(i + 1, slot, _target(case, exit_))
    st.out_of_line(EXIT)
    a.ret()
    return a.finalize()


def _plain(cls: type[Assembler], plan: list[tuple[int, int, int]], case: str) -> bytes:
    a = cls()
    labels = [a.label() for _ in range(EXIT + 1)]
    a.bind(labels[0])
    a.nop()
    parts = []
    for i, (nops, slot, exit_) in enumerate(plan):
        for _ in range(nops):
            a.nop()
        slow, back = a.label(), a.label()
        a.bind(labels[i + 1])
        _hot(a, slot, slow, back)
        parts.append((slow, back, labels[_target(case, exit_)]))
    for part in parts:
        _cold(a, *part)
    a.bind(labels[EXIT])
    a.ret()
    return a.finalize()


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
@pytest.mark.parametrize("case", ["forward", "backward", "mixed"])
def test_one_target_for_every_part_equals_the_plain_calls(case: str, cls: type[Assembler],
                                                          seed: int) -> None:
    plan = _plan(seed)
    want = _plain(cls, plan, case)
    seen: list[Any] = []
    assert _stamped(cls, plan, case, seen) == want
    # One target: the placer's constant words, with the label's word index and
    # direction (EXIT at the ret after the parts; label 0 at word 0, behind them).
    # Two targets: per record.
    expect = {"forward": [(len(want) // 4 - 1, 0)], "backward": [(0, 1)], "mixed": None}
    assert seen == [expect[case]]
