"""The correctness matrix of the baseline JIT: every test program the heap VM runs gives
node's recorded output with the JIT compiling every function at its first call, at the
command line's default threshold (the JIT as users run it: functions tier up from the
interpreter after some calls, loops by on-stack replacement), with every guard forced to
bail out, and with seeded random bailouts (on the default backend)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from a64js import cli
from tests.js import jsprograms
from tests.js.jitrun import run_jit
from tests.js.test_programs import check

#: heap_exhaustion (node=skip: it fills a 1.5 GB heap, 40 s with or without the JIT).
NOT_HEAP_VM = {"heap_exhaustion"}
PROGRAMS = [p for p in jsprograms.programs() if p.stem not in NOT_HEAP_VM]
#: The stress modes run the feature programs and the quicker workloads (every program
#: under stress takes ~4 minutes on the emulator: over the CI budget).
STRESSED = [p for p in PROGRAMS if p.stem.startswith(("feat_", "err_")) or p.stem in
          {"closures", "exceptions", "permutations", "nqueens", "deep_recursion"}]


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


@pytest.mark.parametrize("path", PROGRAMS, ids=_ids(PROGRAMS))
def test_threshold_zero(path: Path) -> None:
    proc, jit = run_jit(path, threshold=0)
    check(path, proc)
    if jsprograms.directive(path) is None and jsprograms.read_expected(path).exit == 0:
        assert jit.stats.compiled > 0


#: The benchmark workloads (benchmarks/bench_js_jit.py): each one's hot functions and loops
#: tier up at the default threshold, so those runs go through the tier-up paths.
HOT = {"fib", "loops", "sieve", "permutations", "nqueens", "hanoi", "linkedlist", "trees",
       "scheduler", "constraints", "mandelbrot", "nbody", "json", "closures", "exceptions",
       "textproc", "minilang"}


@pytest.mark.parametrize("path", PROGRAMS, ids=_ids(PROGRAMS))
def test_default_threshold(path: Path) -> None:
    """The JIT as ``a64js --vm heap`` runs it: a64js.cli.DEFAULT_JIT_THRESHOLD."""
    proc, jit = run_jit(path, threshold=cli.DEFAULT_JIT_THRESHOLD)
    check(path, proc)
    if path.stem in HOT:
        st = jit.stats
        assert st.compiled > 0 and st.entries + st.osr_entries + st.direct_calls > 0, (
            f"{path.stem}: nothing tiered up at threshold {cli.DEFAULT_JIT_THRESHOLD}: "
            f"{jit.summary()}")


@pytest.mark.parametrize("path", STRESSED, ids=_ids(STRESSED))
def test_stress_every_guard(path: Path) -> None:
    proc, _ = run_jit(path, threshold=0, bailouts="all")
    check(path, proc)


@pytest.mark.parametrize("path", STRESSED, ids=_ids(STRESSED))
def test_stress_random_guards(path: Path) -> None:
    proc, _ = run_jit(path, threshold=0, bailouts=len(path.stem))
    check(path, proc)


def test_no_wall_clock_limit() -> None:
    """A JS program runs as long as it takes: the JIT lifts the emulator's per-call
    wall-clock limit while it is open and puts it back at close (issue #14: under load a
    call of nbody, ~0.2 s idle, ran past the default 10 s and the run ended in JitTimeout)."""
    from a64jit.runtime import get_backend

    backend: Any = get_backend()
    if getattr(backend, "timeout", None) is None:
        pytest.skip("the backend has no wall-clock limit (not the emulator)")
    old = backend.timeout
    backend.timeout = 0.01  # nbody's longest call takes 20x that on an idle machine
    try:
        path = next(p for p in PROGRAMS if p.stem == "nbody")
        proc, jit = run_jit(path, threshold=0)
        check(path, proc)
        assert jit.stats.compiled > 0
        assert backend.timeout == 0.01
    finally:
        backend.timeout = old
