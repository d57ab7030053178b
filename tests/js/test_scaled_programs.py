"""The benchmark workloads at a scale: each program reads one from ``process.argv[2]`` (its
CPython twin from ``sys.argv[1]``) and repeats its work that many times, the checksum
covering all of it. Node's output at scale 2 and at each workload's realistic scale
(benchmarks/bench_js.py SCALES) is recorded next to the program as NAME.scale<N>.expected
by tools/gen_js_expected.py --scale; here a few programs run at scale 2 in the Python VM
(and one in the heap VM with its JIT), and every twin at scale 2, against it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.benchmod import load_benchmark
from tests.js import jsprograms

ROOT = jsprograms.ROOT
TWINS = ROOT / "benchmarks" / "js"


def _bench_js() -> ModuleType:
    return load_benchmark("bench_js")


BENCH = _bench_js()
WORKLOADS: list[str] = list(BENCH.WORKLOADS)
#: light in the Python VM at scale 2 (well under a second each on the host)
VM_SAMPLE = ["nqueens", "hanoi", "scheduler", "json", "minilang"]


def _want(name: str, scale: int) -> str:
    path: Path = BENCH.expected_path(name, scale)
    return path.read_text(encoding="utf-8")


def _a64js(name: str, scale: int, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "a64js", *flags, str(jsprograms.PROGRAMS / f"{name}.js"),
         str(scale)], capture_output=True, text=True, timeout=300, cwd=ROOT, check=False)


def test_every_workload_has_recorded_scaled_output() -> None:
    """Scale 2, the realistic scale and a tenth of it (the native table's) are recorded for
    every workload, and differ from scale 1's output (a scale that changed nothing would
    measure nothing new)."""
    for name in WORKLOADS:
        one = _want(name, 1)
        assert BENCH.SCALES[name] > 1
        for scale in {2, BENCH.SCALES[name], BENCH.scale_of(name, "realistic/10")} - {1}:
            got = _want(name, scale)
            assert got != one, f"{name} at scale {scale} prints what it prints at 1"
            assert got.splitlines()[-1].startswith("checksum"), name


@pytest.mark.parametrize("name", VM_SAMPLE)
def test_python_vm_at_scale_2_prints_what_node_prints(name: str) -> None:
    proc = _a64js(name, 2, "--vm", "python")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == _want(name, 2)


def test_heap_vm_jit_at_scale_2_prints_what_node_prints() -> None:
    """The baseline JIT at its default threshold (nqueens: calls, arrays, a closure)."""
    proc = _a64js("nqueens", 2, "--vm", "heap")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == _want("nqueens", 2)


@pytest.mark.parametrize("name", WORKLOADS)
def test_twin_at_scale_2_prints_what_node_prints(name: str) -> None:
    proc = subprocess.run([sys.executable, str(TWINS / f"{name}.py"), "2"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == _want(name, 2)


@pytest.mark.parametrize("bad", ["0", "-3", "x", "1.5"])
def test_twin_refuses_a_bad_scale(bad: str) -> None:
    proc = subprocess.run([sys.executable, str(TWINS / "fib.py"), bad],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert f"the scale {bad!r} is not a whole number of 1 or more" in proc.stderr


def test_bench_scale_argument() -> None:
    assert BENCH.parse_scale("realistic") == "realistic"
    assert BENCH.parse_scale("7") == 7
    assert BENCH.scale_of("fib", "realistic") == BENCH.SCALES["fib"]
    assert BENCH.scale_of("fib", 3) == 3
    assert BENCH.parse_scale("realistic/10") == "realistic/10"
    assert BENCH.scale_of("scheduler", "realistic/10") == BENCH.SCALES["scheduler"] // 10
    assert BENCH.scale_of("fib", "realistic/10") == -(-BENCH.SCALES["fib"] // 10)  # rounded up
    for bad in ("0", "-1", "two", "", "realistic/0", "realistic/", "realistic/x", "real"):
        with pytest.raises(Exception, match="is not a scale"):
            BENCH.parse_scale(bad)


def test_missing_recording_names_the_command_that_makes_it() -> None:
    with pytest.raises(SystemExit) as info:
        BENCH.expected_output("fib", 7)
    assert str(info.value) == (
        "no recorded output of fib at scale 7 (tests/js/programs/fib.scale7.expected is "
        "missing): record node's with tools/gen_js_expected.py --scale 7 fib")
