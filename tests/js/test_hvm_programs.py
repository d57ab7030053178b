"""The heap VM (``a64js --vm heap``) against node's recorded behaviour of the test programs.

Every program the heap VM supports must do exactly what node did (the contract of
jsprograms.py, checked by test_programs.check); every other one must stop with the clear
"not supported by the heap VM yet" error naming file:line:col, having printed only what
node printed first (never a wrong result). Then the collector's side: programs under
``stress`` (a collection at every allocation, the abandoned space poisoned, so a word held
across an allocation without a handle fails at once) and allocation-heavy programs in a
small fixed semispace. Programs run in this process (tests/js/hvmrun.py).

The benchmark programs take most of the time: on CI (``CI=true``) or with
``A64JS_HVM_FULL=1`` all run; otherwise (a shared, loaded machine) the ``HEAVY`` ones are
skipped here, and benchmarks/bench_js_hvm.py checks their output on every run too.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.js import jsprograms
from tests.js.hvmrun import run_heap
from tests.js.test_programs import check

#: What the heap VM does not run yet, and the construct its error names.
UNSUPPORTED: dict[str, str] = {}
HEAVY = {
    "constraints", "textproc", "linkedlist", "loops", "gc_churn", "trees", "nbody", "fib",
    "deep_recursion", "mandelbrot", "sieve", "hanoi",
}
FULL = os.environ.get("CI") == "true" or os.environ.get("A64JS_HVM_FULL") == "1"
ALL = {p.stem: p for p in jsprograms.programs()}
SUPPORTED = sorted(n for n in ALL if n not in UNSUPPORTED)
#: GC stress: every allocation collects (small programs: a collection costs the live set)
STRESS = ["feat_classes", "feat_destructuring", "feat_holes", "feat_accessors",
          "feat_inherit", "feat_strings", "feat_objects", "feat_string_receivers",
          "feat_position_args", "feat_array_likes", "feat_builtins_es2019",
          "feat_builtins_added", "feat_configurable", "feat_builtins_es2023",
          "feat_hvm_callbacks", "feat_gc_roots", "err_uncaught_name_getter"]
#: allocation-heavy programs in a fixed small semispace (bytes)
SMALL = {"trees": 512 << 10, "linkedlist": 512 << 10, "gc_churn": 2 << 20}


def test_every_program_is_listed() -> None:
    assert set(UNSUPPORTED) <= set(ALL)
    assert set(HEAVY) <= set(ALL)
    assert len(SUPPORTED) + len(UNSUPPORTED) == len(ALL)


@pytest.mark.parametrize("name", SUPPORTED)
def test_program(name: str) -> None:
    if name in HEAVY and not FULL:
        pytest.skip("a benchmark-sized program: run with CI=true or A64JS_HVM_FULL=1")
    check(ALL[name], run_heap(ALL[name], semispace=16 << 20))


def test_a_construct_not_supported_yet_is_a_clear_error(tmp_path: Path) -> None:
    """What the heap VM does not run stops it with one line naming the construct and its
    place (exit 2), after what ran before printed as node would."""
    src = tmp_path / "nul.js"
    src.write_text("console.log('before');\nclass K extends null {}\nconsole.log('after');\n")
    proc = run_heap(src, semispace=1 << 20)
    assert (proc.returncode, proc.stdout) == (2, "before\n"), proc.stderr
    assert proc.stderr == (f"a64js: {src}:2:17: class extends null is not supported by the "
                           "heap VM yet\n")


@pytest.mark.parametrize("name", sorted(UNSUPPORTED))
def test_unsupported_is_a_clear_error(name: str) -> None:
    path = ALL[name]
    proc = run_heap(path, semispace=16 << 20)
    assert proc.returncode == 2, proc.stderr
    first = proc.stderr.splitlines()[0]
    assert "not supported by the heap VM yet" in first
    assert UNSUPPORTED[name] in first
    assert re.search(re.escape(path.name) + r":\d+:\d+: ", first), first
    assert "Traceback" not in proc.stderr
    # what ran before the error printed what node printed
    want = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert want.startswith(proc.stdout)


@pytest.mark.parametrize("name", STRESS)
def test_gc_stress(name: str) -> None:
    from a64js.hvm.core import R

    check(ALL[name], run_heap(ALL[name], semispace=1 << 20, stress=True, poison=True))
    assert R.heap.stats.collections > 100


def test_gc_stress_in_message(tmp_path: Path) -> None:
    """``key in primitive`` with an object key: the key's text (its toString) allocates
    before the message names the primitive, a string cell read first. (Not a program
    compared with node: node names the key '#<Object>', both VMs by its toString.)"""
    src = tmp_path / "in.js"
    src.write_text('try { ({ a: 1 }) in "str"; } catch (e) { console.log(e.message); }\n')
    proc = run_heap(src, semispace=1 << 20, stress=True, poison=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Cannot use 'in' operator to search for ")
    assert proc.stdout.endswith("' in str\n"), proc.stdout


def test_gc_stress_lazy_error_text(tmp_path: Path) -> None:
    """console.log of errors whose stack is made when first read (a subclass's) and whose
    name is a getter that allocates: the text is made before the mirrors, which allocate
    nothing, walk the words. (Not a program compared with node: node prints its frames.)"""
    src = tmp_path / "lazy.js"
    src.write_text('class E extends Error { get name() { return ["E", "x"].join(""); } }\n'
                   'const e = new E("m");\n'
                   'console.log({ e, k: { a: [1, 2] }, g: [new E("o")] });\n'
                   'console.log(e.stack.split("\\n")[0]);\n')
    proc = run_heap(src, semispace=1 << 20, stress=True, poison=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ("{\n  e: Ex: m\n      at <anonymous>,\n  k: { a: [ 1, 2 ] },\n"
                           "  g: [\n    Ex: o\n        at <anonymous>\n  ]\n}\nEx: m\n")


def test_gc_stress_time_log_label(tmp_path: Path) -> None:
    """console.timeLog with an object label (its toString allocates) and data to log
    after it: the data are rooted while the label converts. (Not a program compared
    with node: the elapsed time varies.)"""
    src = tmp_path / "timelog.js"
    src.write_text('console.time("t1");\n'
                   'console.timeLog({ toString() { return ["t", "1"].join(""); } },'
                   ' { a: [1, [2]] }, "x");\n')
    proc = run_heap(src, semispace=1 << 20, stress=True, poison=True)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"t1: [0-9.]+m?s \{ a: \[ 1, \[ 2 \] \] \} x\n", proc.stdout), \
        proc.stdout


@pytest.mark.parametrize("name", sorted(SMALL))
def test_small_heap(name: str) -> None:
    from a64js.hvm.core import R

    if name == "gc_churn" and not FULL:
        pytest.skip("a benchmark-sized program: run with CI=true or A64JS_HVM_FULL=1")
    check(ALL[name], run_heap(ALL[name], semispace=SMALL[name]))
    st = R.heap.stats
    assert st.collections > 0
    assert R.heap.semispace == SMALL[name]
    assert R.heap.allocated_total() > 2 * SMALL[name]  # it ran in a fixed heap


def test_heap_exhaustion_is_clean(tmp_path: Path) -> None:
    src = tmp_path / "grow.js"
    src.write_text("const keep = [];\nfor (;;) keep.push({ a: [1, 2, 3] });\n")
    proc = run_heap(src, semispace=256 << 10)
    assert proc.returncode == 1
    assert "heap exhausted" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_selects_the_heap_vm(tmp_path: Path) -> None:
    import subprocess
    import sys

    src = tmp_path / "t.js"
    src.write_text("let s = 0;\nfor (let i = 0; i < 10; i++) s += i;\nconsole.log(s, [s]);\n")
    proc = subprocess.run([sys.executable, "-m", "a64js", "--vm", "heap", "--no-jit", "--stats",
                           "--print-bytecode", str(src)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.endswith("45 [ 45 ]\n")
    assert "JumpIfLt" in proc.stdout  # the bytecode listing
    assert "vm heap" in proc.stderr and "loop back-edges 10" in proc.stderr
