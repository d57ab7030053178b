"""Differential tests: every program in tests/js/programs runs under a64js and must do what
node does (recorded in NAME.expected / NAME.status by tools/gen_js_expected.py).

Each program runs on the Python-object VM (``--vm python``); the CLI's default mode (the
heap VM with its JIT) runs the programs whose command-line path matters (DEFAULT_MODE), the
others run on the heap VM in-process (test_hvm_programs.py, test_jit_programs.py, at the
default threshold too). A program a64js cannot run
yet FAILS: these tests are the VM's target. The contract for error cases (first stderr
line ``Uncaught TypeError: ...``, exit 1 or 2, the place named as ``NAME.js:L[:C]``) is
documented in jsprograms.py. Where node is installed, the recorded files are re-checked
against a fresh node run, so they cannot drift from node.
"""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.benchmod import load_benchmark
from tests.js import jsprograms

PROGRAMS = jsprograms.programs()
#: The Python-object VM by name, and whatever the CLI runs without --vm (a64js.cli.DEFAULT_VM;
#: skipped while that is the Python VM, which it would only repeat). The heap VM and its JIT
#: run every program in-process too: test_hvm_programs.py, test_jit_programs.py.
MODES = {"python": ["--vm", "python"], "default": []}
#: The programs the default mode runs through the command line (each run pays the heap VM's
#: start-up, ~0.45 s on the host): uncaught errors and subset errors (the CLI prints them),
#: required modules, deep recursion (the CLI's thread stack and recursion budget with the
#: JIT), a small --max-heap (the memory bound with the JIT's margin) and two workloads.
DEFAULT_MODE = {p.stem for p in PROGRAMS if p.stem.startswith("err_")} | {
    "modules_main", "deep_recursion", "gc_churn", "fib", "scheduler", "feat_console"}


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _explain(proc: subprocess.CompletedProcess[str], want_stdout: str) -> str:
    diff = "".join(
        difflib.unified_diff(
            want_stdout.splitlines(keepends=True), proc.stdout.splitlines(keepends=True),
            "node", "a64js", n=1,
        )
    )
    tail = "\n".join(proc.stderr.splitlines()[-15:])
    return f"exit {proc.returncode}\n--- stdout diff ---\n{diff[:4000]}\n--- stderr ---\n{tail}"


def _first_line(text: str) -> str:
    lines = text.splitlines()
    return lines[0] if lines else ""


def check(path: Path, proc: subprocess.CompletedProcess[str]) -> None:
    """Assert that a64js's run of ``path`` meets the contract in jsprograms.py."""
    name = path.name
    assert "Traceback (most recent call last)" not in proc.stderr, (
        f"{name}: a Python traceback escaped:\n{proc.stderr[-3000:]}"
    )
    first = _first_line(proc.stderr)
    d = jsprograms.directive(path)
    if d is not None:
        want_out = "" if d.exit == 2 else None
        info = _explain(proc, want_out or "")
        assert proc.returncode == d.exit, f"{name}: want exit {d.exit}\n{info}"
        if want_out is not None:
            assert proc.stdout == want_out, f"{name}: nothing may run before exit 2\n{info}"
        if d.at is not None:
            place = f"{name}:{d.at[0]}:{d.at[1]}"
            assert place in first, f"{name}: first stderr line must name {place}\n{info}"
        if d.mentions:
            low = first.lower()
            assert any(m.lower() in low for m in d.mentions), (
                f"{name}: first stderr line must mention one of {d.mentions}\n{info}"
            )
        return
    want = jsprograms.read_expected(path)
    info = _explain(proc, want.stdout)
    if want.exit == 0:
        assert proc.returncode == 0, f"{name}: want exit 0\n{info}"
        assert proc.stdout == want.stdout, f"{name}: stdout differs from node\n{info}"
        return
    assert want.error is not None and want.line is not None
    if want.error.startswith("SyntaxError"):
        place = f"{name}:{want.line}:{want.column}"
        assert proc.returncode == 2, f"{name}: a syntax error exits 2\n{info}"
        assert proc.stdout == "", f"{name}: nothing may run before a syntax error\n{info}"
        assert "SyntaxError" in first and place in first, (
            f"{name}: first stderr line must say SyntaxError and name {place}\n{info}"
        )
        return
    assert proc.returncode == 1, f"{name}: an uncaught exception exits 1\n{info}"
    assert proc.stdout == want.stdout, f"{name}: stdout before the exception differs\n{info}"
    assert first == f"Uncaught {want.error}", f"{name}: first stderr line\n{info}"
    place = f"{want.file or name}:{want.line}"
    assert place in proc.stderr, f"{name}: stderr must name the place {place}\n{info}"


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("path", PROGRAMS, ids=_ids(PROGRAMS))
def test_program(path: Path, mode: str) -> None:
    from a64js.cli import DEFAULT_VM

    if mode == "default" and DEFAULT_VM == "python":
        pytest.skip("the default VM is the Python VM: the 'python' mode runs it")
    if mode == "default" and path.stem not in DEFAULT_MODE:
        pytest.skip("run on the heap VM in-process (test_jit_programs.py: the default "
                    "threshold); the command line's default mode runs DEFAULT_MODE")
    try:
        proc = jsprograms.run_a64js(path, MODES[mode])
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name}: a64js did not finish in {jsprograms.VM_TIMEOUT:.0f} s")
    check(path, proc)


NODE_CHECKED = [p for p in PROGRAMS if (d := jsprograms.directive(p)) is None or d.node]


@pytest.mark.parametrize("path", NODE_CHECKED, ids=_ids(NODE_CHECKED))
def test_recorded_output_matches_node(path: Path, node: str) -> None:
    assert jsprograms.read_expected(path) == jsprograms.run_node(path, node), (
        f"{path.name}: node disagrees with the recorded files; run tools/gen_js_expected.py"
    )


def test_every_program_is_recorded() -> None:
    missing = [p.name for p in NODE_CHECKED if not jsprograms.expected_paths(p)[0].exists()]
    assert not missing, f"not recorded (run tools/gen_js_expected.py): {missing}"
    assert len(PROGRAMS) >= 30


def test_contract_checker_rejects_wrong_runs() -> None:
    """The checker itself: a wrong stdout, exit status or error line must fail it."""
    fib = jsprograms.PROGRAMS / "fib.js"
    want = jsprograms.read_expected(fib).stdout
    ok = subprocess.CompletedProcess([], 0, want, "")
    check(fib, ok)
    for bad in (
        subprocess.CompletedProcess([], 0, want + "x\n", ""),
        subprocess.CompletedProcess([], 1, want, ""),
        subprocess.CompletedProcess([], 0, want, "Traceback (most recent call last):\n"),
    ):
        with pytest.raises(AssertionError):
            check(fib, bad)
    prop = jsprograms.PROGRAMS / "err_uncaught_property.js"
    err = jsprograms.read_expected(prop)
    good = f"Uncaught {err.error}\n    at lookup (err_uncaught_property.js:4:21)\n"
    check(prop, subprocess.CompletedProcess([], 1, err.stdout, good))
    with pytest.raises(AssertionError):
        check(prop, subprocess.CompletedProcess([], 1, err.stdout, good.replace(":4:", ":5:")))
    with pytest.raises(AssertionError):
        check(prop, subprocess.CompletedProcess([], 1, err.stdout, good[len("Uncaught "):]))
    gen = jsprograms.PROGRAMS / "err_generator.js"
    line = "err_generator.js:4:1: generator functions are not supported\n"
    check(gen, subprocess.CompletedProcess([], 2, "", line))
    with pytest.raises(AssertionError):
        check(gen, subprocess.CompletedProcess([], 2, "", line.replace("4:1", "3:1")))
    with pytest.raises(AssertionError):
        check(gen, subprocess.CompletedProcess([], 0, "never printed by a64js\n1\n", ""))


TWINS = sorted((jsprograms.ROOT / "benchmarks" / "js").glob("[!_]*.py"))
TWINS = [t for t in TWINS if t.stem != "jsrt"]


@pytest.mark.parametrize("twin", TWINS, ids=_ids(TWINS))
def test_python_twin_prints_what_node_prints(twin: Path) -> None:
    """benchmarks/bench_js.py compares a64js with these CPython twins: same output, same work."""
    want = jsprograms.read_expected(jsprograms.PROGRAMS / f"{twin.stem}.js")
    proc = subprocess.run(
        [sys.executable, str(twin)], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == want.stdout


def test_benchmark_covers_every_twin() -> None:
    """Every workload of benchmarks/bench_js.py has a program and a twin, and vice versa."""
    bench = load_benchmark("bench_js")
    assert sorted(bench.WORKLOADS) == sorted(t.stem for t in TWINS)
    for name in bench.WORKLOADS:
        assert (jsprograms.PROGRAMS / f"{name}.js").exists()
