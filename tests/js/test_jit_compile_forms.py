"""What the JIT emits does not depend on how its templates reach the MacroAssembler:
``regs.cmp_wide`` (a compare of a tag as two memo hits) and ``regs.add_wide`` (an add
of a wide offset as two) give the words of the MacroAssembler's own ``cmp`` and
``add``, instruction for instruction and over every function of the benchmark's
workloads, plain and under stress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from a64jit import MacroAssembler, x0, x1, x2, x3, x9, x16, x23
from a64js.jit import regs, t_num, t_props
from a64js.words import TAG_CONST, TAG_INT, TAG_REF

from .test_jit_skeleton import same_words_with

PROGRAMS = Path(__file__).parent / "programs"
WORKLOADS = ["fib", "loops", "sieve", "permutations", "nqueens", "hanoi", "linkedlist",
             "trees", "scheduler", "constraints", "mandelbrot", "nbody", "json", "closures",
             "exceptions", "textproc", "minilang"]


@pytest.mark.parametrize("tag", [TAG_INT, TAG_CONST, TAG_REF, 0xFFFF, 0x1001])
@pytest.mark.parametrize("reg", [x0, x1, x2, x3, x9])
def test_cmp_wide_is_the_macro_s_cmp(reg: Any, tag: int) -> None:
    """The same words as ``MacroAssembler.cmp`` of the value, which puts it in its
    scratch x16 (and leaves x16 as cmp_wide does)."""
    plain, wide = MacroAssembler(), MacroAssembler()
    plain.cmp(reg, tag)
    regs.cmp_wide(wide, reg, tag)
    assert wide.finalize() == plain.finalize()
    assert len(plain.finalize()) == 8
    probe = MacroAssembler()
    probe.mov(x16, tag)
    assert plain.finalize()[:4] == probe.finalize()


@pytest.mark.parametrize("value", [0, 8, 0xFFF, 0x1000, 0x1010, 0x2FF8, 0xABCDE8,
                                   0xFFFFFF, 1 << 24, (1 << 24) + 8])
@pytest.mark.parametrize("rd,rn", [(x3, x23), (x0, x0), (x9, x1)])
def test_add_wide_is_the_macro_s_add(rd: Any, rn: Any, value: int) -> None:
    plain, wide = MacroAssembler(), MacroAssembler()
    plain.add(rd, rn, value)
    regs.add_wide(wide, rd, rn, value)
    assert wide.finalize() == plain.finalize()


def _plain_add(m: MacroAssembler, rd: Any, rn: Any, value: int) -> None:
    m.add(rd, rn, value)


def _plain_cmp(m: MacroAssembler, reg: Any, value: int) -> None:
    m.cmp(reg, value)


@pytest.mark.parametrize("name", WORKLOADS)
def test_every_workload_compiles_to_the_same_words(name: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Every function of the workload, plain and under stress, the same bytes with the
    templates' cmp_wide and add_wide as with the MacroAssembler's cmp and add."""

    def plain_forms(mp: pytest.MonkeyPatch) -> None:
        for module in (t_num, t_props):
            mp.setattr(module, "cmp_wide", _plain_cmp)
        mp.setattr(t_props, "add_wide", _plain_add)

    same_words_with(PROGRAMS / f"{name}.js", monkeypatch, plain_forms)
