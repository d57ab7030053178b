"""Natively (run by scripts/native-test.sh, under qemu-user on other hosts): issue 14's
correctness matrix on the native backend. The test programs give node's recorded output
(tests/js/jsprograms.py) on the heap VM with the JIT compiling every function at its
first call, with every guard forced to bail out, with seeded random bailouts, at the
command line's default threshold (on-stack replacement), in a small heap (collections
under compiled code), and through ``a64js`` itself (its default VM).

Which programs, and why (Python runs ~12x slower under qemu; the budget is a few minutes
of CI over the native suite's minute): machine code runs natively at full speed, the
interpreter and the compiler do not, so the costs are where a run stays interpreted or
compiles much. Measured natively (qemu, load ~1-2): the whole set at threshold 0 takes
~55 s, of which deep_recursion, feat_dictionary and gc_churn take 31 s (the interpreter's
recursion, dictionary-mode objects in the interpreter, 400 MB of allocation): those three
run on the emulator (test_jit_programs.py) only. Stressed, the workloads leave compiled
code at every guard and run interpreted (fib 13 s, trees 20 s, textproc 10 s stressed),
so the stress modes run the feature and error programs (each one construct family) and
the quicker workloads; between them every template family runs natively:

- calls: fib, closures, feat_call_frames (frame sizes, too few and too many arguments),
  feat_params, feat_this;
- property inline caches: scheduler, feat_accessors, feat_classes, feat_inherit,
  feat_objects, feat_proto_dictionary, feat_redefine;
- elements: sieve, nqueens, feat_arrays, feat_holes;
- allocation and the collector: trees, linkedlist, json in a 256 KiB first semispace
  (COLLECTED: collections while compiled code holds words), closures and json stressed;
- doubles: mandelbrot, nbody, feat_numbers, feat_math, feat_numeric_edges;
- exceptions: exceptions, feat_exceptions2, feat_finally, err_uncaught_* (thrown out of
  compiled code);
- on-stack replacement: loops, sieve, mandelbrot, nbody, trees at the default threshold
  (OSR: each enters a hot loop mid-way), and sieve entered so and then stressed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from a64jit.runtime.select import host_is_aarch64
from tests.js import jsprograms
from tests.js.jitrun import run_jit
from tests.js.test_programs import check

pytestmark = pytest.mark.skipif(not host_is_aarch64(), reason="native AArch64 only")

#: heap_exhaustion (node=skip: a 1.5 GB heap); the three slowest natively (see above).
NOT_NATIVE = {"heap_exhaustion", "deep_recursion", "feat_dictionary", "gc_churn"}
PROGRAMS = [p for p in jsprograms.programs() if p.stem not in NOT_NATIVE]
#: Slow under stress natively (stressed, they run mostly interpreted) or covered by others.
NOT_STRESSED = {"feat_compare_mixed", "feat_hot_blocks", "feat_builtins_hot",
                "feat_hvm_words", "feat_fastpaths"}
STRESSED = [p for p in PROGRAMS if p.stem.startswith(("feat_", "err_"))
            and p.stem not in NOT_STRESSED] + [
    jsprograms.PROGRAMS / f"{n}.js" for n in
    ("closures", "exceptions", "json", "scheduler", "mandelbrot", "nqueens")]
#: Hot loops entered by on-stack replacement at the default threshold.
OSR = ["loops", "sieve", "mandelbrot", "nbody", "trees"]
#: Collections while compiled code runs (a small first semispace, growing as needed).
COLLECTED = ["trees", "linkedlist", "json"]
SMALL_HEAP = {"semispace": 1 << 18, "max_semispace": 1 << 26}


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _path(name: str) -> Path:
    return jsprograms.PROGRAMS / f"{name}.js"


@pytest.fixture(scope="module", autouse=True)
def _native_backend() -> None:
    """The matrix is the native backend's: a run on another would prove nothing here."""
    from a64jit.runtime import get_backend

    assert os.environ.get("A64JIT_BACKEND", "native") == "native", (
        "scripts/native-test.sh runs this file with A64JIT_BACKEND=native")
    assert type(get_backend()).__name__.lower().startswith("native"), get_backend()
    try:
        import esprima  # noqa: F401
    except ImportError as e:  # pragma: no cover - a broken environment
        pytest.fail(f"the parser is missing from the native environment ({e}): "
                    "scripts/native-env.sh installs esprima-fork into .native/site")


@pytest.mark.parametrize("path", PROGRAMS, ids=_ids(PROGRAMS))
def test_threshold_zero(path: Path) -> None:
    proc, jit = run_jit(path, threshold=0)
    check(path, proc)
    if jsprograms.directive(path) is None and jsprograms.read_expected(path).exit == 0:
        assert jit.stats.compiled > 0


@pytest.mark.parametrize("path", STRESSED, ids=_ids(STRESSED))
def test_stress_every_guard(path: Path) -> None:
    proc, _ = run_jit(path, threshold=0, bailouts="all")
    check(path, proc)


@pytest.mark.parametrize("path", STRESSED, ids=_ids(STRESSED))
def test_stress_random_guards(path: Path) -> None:
    proc, _ = run_jit(path, threshold=0, bailouts=len(path.stem))
    check(path, proc)


@pytest.mark.parametrize("name", OSR)
def test_default_threshold_enters_loops(name: str) -> None:
    from a64js import cli

    proc, jit = run_jit(_path(name), threshold=cli.DEFAULT_JIT_THRESHOLD)
    check(_path(name), proc)
    assert jit.stats.osr_entries > 0, jit.summary()


@pytest.mark.parametrize("name", ["sieve"])
def test_loops_entered_then_stressed(name: str) -> None:
    from a64js import cli

    proc, jit = run_jit(_path(name), threshold=cli.DEFAULT_JIT_THRESHOLD, bailouts="all")
    check(_path(name), proc)
    assert jit.stats.bailouts, jit.summary()


@pytest.mark.parametrize("name", COLLECTED)
def test_collections_under_compiled_code(name: str) -> None:
    from a64js.hvm.core import R

    proc, jit = run_jit(_path(name), threshold=0, **SMALL_HEAP)
    check(_path(name), proc)
    assert R.heap.stats.collections > 0 and jit.stats.compiled > 0


@pytest.mark.parametrize("stress", ["all", 5])
def test_collections_stressed(stress: str | int) -> None:
    from a64js.hvm.core import R

    for name in ("closures", "json"):
        proc, _ = run_jit(_path(name), threshold=0, bailouts=stress, **SMALL_HEAP)
        check(_path(name), proc)
        assert R.heap.stats.collections > 0


def test_the_command_runs_the_jit_natively() -> None:
    """``a64js FILE`` (no --vm): the heap VM with its JIT on the native backend."""
    path = _path("fib")
    # through scripts/native-python: under qemu-user sys.executable is an arm64 binary
    # the host cannot exec (no binfmt handler needed)
    python = str(jsprograms.ROOT / "scripts" / "native-python")
    r = subprocess.run([python, "-m", "a64js", "--stats", "--jit-threshold", "0", str(path)],
                       capture_output=True, text=True, timeout=600, cwd=jsprograms.ROOT,
                       check=False, env={**os.environ, "A64JIT_BACKEND": "native"})
    assert (r.returncode, r.stdout) == (0, jsprograms.read_expected(path).stdout), r.stderr
    stats = r.stderr.splitlines()[-1]
    assert stats.startswith("a64js stats: vm heap,") and "functions compiled 4," in stats


def test_cache_files_stay_out_of_the_hosts_way() -> None:
    """This interpreter's caches (compiled programs, the JIT's subroutines and words) are
    named for it and, with the prefix scripts/native-python sets, kept under
    .native/pycache: the host's interpreter never reads them (nor they the host's)."""
    from a64js import codecache
    from a64js.jit import memocache

    prefix = sys.pycache_prefix
    if prefix is None:
        pytest.skip("no sys.pycache_prefix (not run through scripts/native-python)")
    for path in (codecache.entry_path(str(_path("fib"))), memocache.default_path()):
        assert os.path.commonpath([prefix, path]) == prefix, path
