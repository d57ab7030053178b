"""Runs of words with holes (a64js/jit/runs.py): a run emits the words its build
function emits, for parameters in and out of its holes' range; a parameter that is no
plain field is refused; what a run learned is read back from the cache file; and the
call, property and element templates emit, function by function, the same words as
their build functions emitted one instruction at a time."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from a64jit import MacroAssembler, mem, x0, x1, x3, x9, x19, x23
from a64js.jit import regs, runs, subcache, t_alloc, t_calls, t_elems, t_props
from a64js.jit.runs import Run

from .test_jit_skeleton import same_words_with

PROGRAMS = Path(__file__).parent / "programs"
#: the template modules whose straight stretches are runs
MODULES = (t_calls, t_props, t_elems)


def _module_runs() -> list[Run]:
    return [obj for module in MODULES for obj in vars(module).values()
            if isinstance(obj, Run)]


def _native_runs() -> list[Run]:
    """A run of every built-in call that is one (t_calls._RUN_NATIVES), per argument
    count it is inlined for."""
    return [t_calls._native_run(name, argc) for name in t_calls._RUN_NATIVES
            for argc in t_calls.NATIVES[name][2]]


def _nops(count: int) -> Any:
    def after(a: MacroAssembler) -> None:
        for _ in range(count):
            a.nop()
    return after


def _built(run: Run, *params: int) -> bytes:
    a = MacroAssembler()
    run.build(a, *params, *([_nops(run.tail)] if run.tail else []))
    return a.finalize()


def _emitted(run: Run, *params: int) -> bytes:
    a = MacroAssembler()
    a.ldr(x9, mem(x19, 8))  # (not at offset 0: a run lands after other words)
    run.emit(a, *params, *([_nops(run.tail)] if run.tail else []))
    return a.finalize()[4:]


def _loads(m: MacroAssembler, a: int, b: int) -> None:
    m.ldr(x0, regs.slot(a))
    m.add(x3, x23, 8 * b)
    m.str(x0, regs.slot(a))


def test_a_run_is_its_build_in_and_out_of_range() -> None:
    run = Run("test:loads", _loads, 4096, 512)
    for a, b in [(0, 0), (1, 1), (4095, 511), (77, 300), (4096, 3), (5000, 511),
                 (3, 512), (9, 4000)]:
        assert _emitted(run, a, b) == _built(run, a, b), (a, b)


def test_every_template_run_matches_its_build() -> None:
    """Each run of the templates, at zeros, at each limit's last value, past it and
    at random values: its build's words."""
    rng = random.Random(19)
    found = _module_runs()
    assert len(found) > 30
    fills = [t_alloc._array_fill(c) for c in range(t_alloc.MAX_LITERAL + 1)]
    for run in [*found, *_native_runs(), *fills]:
        cases = [[0] * len(run.limits), [lim - 1 for lim in run.limits],
                 [lim for lim in run.limits]]
        cases += [[rng.randrange(lim) for lim in run.limits] for _ in range(5)]
        for params in cases:
            assert _emitted(run, *params) == _built(run, *params), (run.name, params)


@pytest.mark.parametrize("cell", [16 + 128 * k for k in (0, 1, 31, 32, 33, 63, 64, 200, 1000)])
def test_cell_runs_are_add_wide(cell: int) -> None:
    """A cache cell's add (runs.cell_to) is regs.add_wide's words, and a run with a
    cell past 4096 (a run per high part) its build's."""
    plain, mine = MacroAssembler(), MacroAssembler()
    regs.add_wide(plain, x3, x23, cell)
    runs.cell_to(mine, x3, cell)
    assert mine.finalize() == plain.finalize()
    run = t_props._GET_FIRST
    a = MacroAssembler()
    runs.emit_cell_run(a, run, cell)
    assert a.finalize() == _built(run, cell)


def test_a_tail_of_other_words_is_refused() -> None:
    """A run's labels past its end assume its tail's words: a site that emits another
    count there is an error, not wrong code."""
    run = t_calls._native_run("charAt", 1)
    with pytest.raises(AssertionError, match="tail"):
        run.emit(MacroAssembler(), 5, 6, 7, 8, 9, _nops(2))


def test_no_plain_field_is_refused() -> None:
    """An unscaled offset (a byte offset 1 is ldur, not ldr's scaled field), a value
    that changes the length (a slot past ldr's reach, a mov of a wide constant) and a
    field narrower than the limit (a 12-bit field for a limit of 8192) are no holes."""
    cases = [(lambda m, n: m.ldr(x0, mem(x19, n)), 4096, "no plain field"),
             (lambda m, n: m.ldr(x0, regs.slot(n)), 8192, "length"),
             (lambda m, n: m.mov(x0, n << 16 | 1), 2, "length"),
             (lambda m, n: m.emit(0xD2800000 | (n & 0xFFF) << 5), 8192, "give word")]
    for j, (build, limit, says) in enumerate(cases):
        with pytest.raises(AssertionError, match=says):
            Run(f"test:bad{j}", build, limit).learn()


@pytest.mark.parametrize("n", [0, 1, 2, 0x555, 0xAAA, 4095])
def test_fields_are_the_assemblers(n: int) -> None:
    """The words sites fill themselves (``word | n << SLOT_SHIFT``, ``| v <<
    IMM12_SHIFT``) are the Assembler's for every kind a template fills, the shifts
    learned (runs.field), not declared."""
    from a64jit import w0, w2, x1, x2
    cases = [(runs.slot_word("ldr", x0), runs.SLOT_SHIFT, lambda m: m.ldr(x0, regs.slot(n))),
             (runs.slot_word("str", x2), runs.SLOT_SHIFT, lambda m: m.str(x2, regs.slot(n))),
             (runs.slot_word("ldr", x0, x0), runs.SLOT_SHIFT,
              lambda m: m.ldr(x0, mem(x0, 8 * n))),
             (runs.slot_word("str", x1, x0), runs.SLOT_SHIFT,
              lambda m: m.str(x1, mem(x0, 8 * n))),
             (runs.imm12_word("test:adds", lambda m, v: m.adds(w2, w0, v)), runs.IMM12_SHIFT,
              lambda m: m.adds(w2, w0, n)),
             (runs.imm12_word("test:cmp", lambda m, v: m.cmp(x0, v)), runs.IMM12_SHIFT,
              lambda m: m.cmp(x0, n))]
    build: Callable[[MacroAssembler], None]
    for word, shift, build in cases:
        m = MacroAssembler()
        build(m)
        assert int.from_bytes(m.finalize(), "little") == word | n << shift


def test_a_field_of_another_shape_is_refused() -> None:
    """runs.field takes one word with one field: two words, a parameter in two places or
    a field at another bit than the one asked for are errors."""
    def two(m: MacroAssembler, n: int) -> None:
        m.ldr(x0, regs.slot(n))
        m.str(x0, regs.slot(n))
    with pytest.raises(AssertionError, match="not one field"):
        runs.field("test:two", two, 4096)
    with pytest.raises(AssertionError, match="no plain field"):
        runs.field("test:both", lambda m, n: m.emit(n << 5 | n << 16), 16)
    with pytest.raises(AssertionError, match="not 5"):
        runs.field("test:shift", lambda m, n: m.ldr(x0, regs.slot(n)), 4096, 5)


def test_learned_runs_are_read_from_the_cache(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A run learned once is stored in the subroutine cache's file; a later process (a
    new Run of the same name, a new cache object on the file) builds nothing."""
    subcache.reset(tmp_path / "subs.bin")
    try:
        first = Run("test:cached", _loads, 4096, 512)
        want = _emitted(first, 12, 34)
        subcache.flush()
        assert subcache.cache() is not None
        assert "run:test:cached" in subcache.cache().entries  # type: ignore[union-attr]
        subcache.reset(tmp_path / "subs.bin")
        later = Run("test:cached", _loads, 4096, 512)

        def no_learning(self: Run) -> Any:
            raise AssertionError("learned again")

        monkeypatch.setattr(Run, "learn", no_learning)
        assert _emitted(later, 12, 34) == want
        # a damaged entry is not used: the run is learned again
        subcache.cache().entries["run:test:cached"] = b"\x01\x02"  # type: ignore[union-attr]
        monkeypatch.undo()
        again = Run("test:cached", _loads, 4096, 512)
        assert _emitted(again, 12, 34) == want
    finally:
        subcache.reset()


@pytest.mark.parametrize("name", ["scheduler", "json", "minilang", "textproc", "closures",
                                  "feat_dictionary", "feat_jit_call_paths"])
def test_templates_emit_the_words_of_their_builds(name: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Every function of the program, plain and under stress, the same bytes with the
    templates' runs as with every run's build emitted instruction by instruction (the
    templates' code before runs)."""
    path = PROGRAMS / f"{name}.js"
    if not path.exists():
        pytest.skip(f"no {path.name}")

    def builds(mp: pytest.MonkeyPatch) -> None:
        mp.setattr(runs, "_emitter", lambda name, build, *rest: build)
        for run in _module_runs():
            mp.setattr(run, "emit", run.build)
            mp.setattr(run, "_from", {})
        mp.setattr(t_calls, "_RUN_NATIVES", {k: {} for k in t_calls._RUN_NATIVES})
        mp.setattr(t_alloc, "_ARRAY_FILL", {})

    same_words_with(path, monkeypatch, builds)


@pytest.mark.parametrize("c", [0, 1, 4, 5, 16])
def test_new_array_allocation_words(c: int) -> None:
    """NewArray's allocation as two runs around its b.hi (t_alloc._alloc_array) is
    heapcode.emit_alloc_array's words, its slow path far away."""
    from a64js.heapcode import emit_alloc_array
    from a64js.jit.regs import CTX

    def far(emit: Callable[[MacroAssembler, Any], None]) -> bytes:
        m = MacroAssembler()
        slow = m.label()
        emit(m, slow)
        for _ in range(100):
            m.nop()
        m.bind(slow)
        return m.finalize()

    def runs_(m: MacroAssembler, slow: Any) -> None:
        head, tail = t_alloc._alloc_array(c)
        m.emit_words(head)
        m.b_hi(slow)
        m.emit_words(tail)

    want = far(lambda m, slow: emit_alloc_array(m, CTX, x0, max(c, 4), x1, None, slow))
    assert far(runs_) == want
