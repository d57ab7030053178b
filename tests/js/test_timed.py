"""benchmarks/js/_timed.py: the timed region imports nothing and reports the VM's start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.benchmod import load_benchmark

ROOT = Path(__file__).resolve().parents[2]
TIMED = ROOT / "benchmarks" / "js" / "_timed.py"


def _timed(tmp_path: Path, *args: str) -> dict[str, str]:
    env = {**os.environ, "BENCH_IMPORTS": "1"}
    p = subprocess.run([sys.executable, str(TIMED), *args], capture_output=True, text=True,
                       cwd=tmp_path, env=env, timeout=300, check=False)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "1\n" or args[0] == "script", p.stdout
    marks: dict[str, str] = {}
    for line in p.stderr.splitlines():
        key, _, value = line.partition(" ")
        if key.startswith("bench-"):
            marks[key] = value
    return marks


@pytest.mark.parametrize("mode", [["--vm", "heap"], ["--vm", "heap", "--no-jit"],
                                  ["--vm", "python"]],
                         ids=["heap-jit", "heap-interp", "python-vm"])
def test_a64js_timed_region_imports_nothing(tmp_path: Path, mode: list[str]) -> None:
    js = tmp_path / "one.js"
    js.write_text("console.log(1)\n")
    marks = _timed(tmp_path, "module", "a64js", *mode, str(js))
    # every module the run needs was imported before the clock started
    assert marks["bench-imported"] == ""
    total, startup = float(marks["bench-seconds"]), float(marks["bench-startup"])
    assert 0 < startup <= total


def test_twin_timed_region_imports_nothing(tmp_path: Path) -> None:
    marks = _timed(tmp_path, "script", str(ROOT / "benchmarks" / "js" / "closures.py"))
    assert marks["bench-imported"] == ""
    assert "bench-startup" not in marks  # start-up is a64js's alone
    assert float(marks["bench-seconds"]) > 0


def test_bench_js_jit_reads_the_startup(tmp_path: Path) -> None:
    bench = load_benchmark("bench_js_jit")
    js = tmp_path / "one.js"
    js.write_text("console.log(1)\n")
    cmd = [sys.executable, str(TIMED), "module", "a64js", "--vm", "heap", "--no-jit", str(js)]
    t, status, _err, start = bench.run(cmd, 1, "1\n", dict(os.environ))
    assert status == "" and t is not None and start is not None
    assert 0 < start <= t
    # a wrong output is reported as such, with no time and no start-up
    t, status, _err, start = bench.run(cmd, 1, "2\n", dict(os.environ))
    assert (t, status, start) == (None, "WRONG", None)


def test_bench_js_jit_against_runs_the_other_tree(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bench = load_benchmark("bench_js_jit")
    shared = load_benchmark("bench_js")  # (against_env: bench_js_jit's and bench_js_hvm's)
    trees = []
    for name in ("one", "two"):
        pkg = tmp_path / name / "src" / "a64js"
        pkg.mkdir(parents=True)
        (pkg / "__init__.py").write_text(f"TREE = {name!r}\n")
        trees.append(tmp_path / name)
    envs = [shared.against_env({**os.environ, "PYTHONPATH": "/x"}, t)
            for t in trees]
    for name, env in zip(("one", "two"), envs, strict=True):
        p = subprocess.run([sys.executable, "-c", "import a64js; print(a64js.TREE)"],
                           capture_output=True, text=True, env=env, check=False, timeout=60)
        assert p.stdout == f"{name}\n", p.stderr
        assert env["PYTHONPATH"].endswith(os.pathsep + "/x")  # the backend's path kept
    # each tree's caches apart from the other's and from this tree's
    assert envs[0]["PYTHONPYCACHEPREFIX"] != envs[1]["PYTHONPYCACHEPREFIX"]
    # a directory that is not a source tree is refused before anything runs
    with pytest.raises(SystemExit) as exc:
        bench.main(["--against", str(tmp_path), "--only", "fib"])
    assert exc.value.code == 2
    assert "has no src/a64js" in capsys.readouterr().err


def test_bench_js_hvm_against_checks_the_tree(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """bench_js_hvm's ``--against`` refuses a directory that is not a source tree before
    anything runs (its runs take bench_js.against_env's environment, tested above)."""
    bench = load_benchmark("bench_js_hvm")
    with pytest.raises(SystemExit) as exc:
        bench.main(["--against", str(tmp_path), "--only", "fib", "--no-pyvm"])
    assert exc.value.code == 2
    assert "has no src/a64js" in capsys.readouterr().err
