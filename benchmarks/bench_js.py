"""a64js against CPython and node on the JavaScript workloads, measured in one run.

For each workload in tests/js/programs (fib, loops, sieve, ... json, exceptions) this runs:

- ``python -m a64js --no-jit NAME.js`` (the interpreter),
- ``python -m a64js NAME.js`` (the default mode: the baseline JIT once it exists),
- ``python benchmarks/js/NAME.py``: the same algorithm, sizes and output written in Python
  (the twins; helpers in benchmarks/js/jsrt.py),
- ``node NAME.js`` where node is installed,

checks that every engine printed node's recorded output (tests/js/programs/NAME.expected; a
wrong or failed run is shown as such and left out of the means), and prints each engine's
time and the ratios a64js/CPython and a64js/node, with geometric means. Goal (issue 13): the
interpreter within 25x of CPython on every workload.

Times are wall-clock seconds of a whole process, best of ``--repeat`` runs, minus the same
engine's best time for an empty program (its start-up: interpreter launch, imports), so
they cover parsing/compiling and running the program. The machine may be shared and noisy:
ratios measured in the same run are what matters.

Usage: .venv/bin/python benchmarks/bench_js.py [--repeat N] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "tests" / "js" / "programs"
TWINS = ROOT / "benchmarks" / "js"
WORKLOADS = [
    "fib", "loops", "sieve", "permutations", "nqueens", "hanoi", "linkedlist", "trees",
    "scheduler", "constraints", "mandelbrot", "nbody", "json", "closures", "exceptions",
]
GOAL = 25.0
TIMEOUT = 600.0


@dataclass
class Timing:
    """Best time of one engine on one workload, or why there is none."""

    seconds: float | None
    problem: str = ""

    def cell(self) -> str:
        return f"{self.seconds:8.3f}" if self.seconds is not None else f"{self.problem:>8}"


def run_once(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess[str] | None]:
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT, check=False
        )
    except subprocess.TimeoutExpired:
        return TIMEOUT, None
    return time.perf_counter() - t0, proc


def best(cmd: list[str], repeat: int, want: str | None, startup: float) -> Timing:
    """Best of ``repeat`` runs of ``cmd`` less ``startup``; checks stdout against ``want``."""
    times = []
    for _ in range(repeat):
        t, proc = run_once(cmd)
        if proc is None:
            return Timing(None, "timeout")
        if proc.returncode != 0:
            return Timing(None, f"exit {proc.returncode}")
        if want is not None and proc.stdout != want:
            return Timing(None, "WRONG")
        times.append(t)
    return Timing(max(min(times) - startup, 1e-4))


def startup_time(cmd: list[str], repeat: int) -> float:
    """Best wall time of ``cmd`` (an engine running an empty program); 0 if that fails."""
    best_t = math.inf
    for _ in range(max(repeat, 3)):
        t, proc = run_once(cmd)
        if proc is None or proc.returncode != 0:
            return 0.0
        best_t = min(best_t, t)
    return best_t


def ratio(a: Timing, b: Timing) -> float | None:
    if a.seconds is None or b.seconds is None:
        return None
    return a.seconds / b.seconds


def fmt_ratio(r: float | None) -> str:
    return f"{r:7.1f}x" if r is not None else f"{'-':>8}"


def geomean(values: list[float]) -> float | None:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per engine (best is kept)")
    ap.add_argument("--only", nargs="*", default=None, help="workloads to run")
    args = ap.parse_args(argv)
    names = args.only or WORKLOADS
    py = sys.executable
    node = shutil.which("node") or shutil.which("nodejs")
    with tempfile.TemporaryDirectory() as tmp:
        empty_js = Path(tmp) / "empty.js"
        empty_js.write_text("\n")
        empty_py = Path(tmp) / "empty.py"
        empty_py.write_text("\n")
        engines: dict[str, list[str]] = {
            "cpython": [py],
            "interp": [py, "-m", "a64js", "--no-jit"],
            "default": [py, "-m", "a64js"],
        }
        if node is not None:
            engines["node"] = [node]
        start: dict[str, float] = {}
        for eng, cmd in engines.items():
            empty = empty_py if eng == "cpython" else empty_js
            start[eng] = startup_time([*cmd, str(empty)], args.repeat)
    print(f"python {sys.version.split()[0]}, node {'absent' if node is None else node}")
    print("start-up subtracted (s): " + ", ".join(f"{k} {v:.3f}" for k, v in start.items()))
    head = (
        f"{'workload':<13}{'cpython':>8}{'a64js':>9}{'ratio':>9}{'a64js':>9}{'ratio':>9}"
        f"{'node':>9}{'a64js/':>9}"
    )
    print(head)
    print(f"{'':<13}{'s':>8}{'interp s':>9}{'/cpython':>9}{'jit s':>9}{'/cpython':>9}"
          f"{'s':>9}{'node':>9}")
    means: dict[str, list[float]] = {"interp": [], "default": [], "node": []}
    within = 0
    measured = 0
    for name in names:
        js = PROGRAMS / f"{name}.js"
        want = (PROGRAMS / f"{name}.expected").read_text(encoding="utf-8")
        cp = best([py, str(TWINS / f"{name}.py")], args.repeat, want, start["cpython"])
        it = best([*engines["interp"], str(js)], args.repeat, want, start["interp"])
        df = best([*engines["default"], str(js)], args.repeat, want, start["default"])
        nd = (
            best([*engines["node"], str(js)], args.repeat, want, start["node"])
            if "node" in engines else Timing(None, "absent")
        )
        r_it, r_df, r_nd = ratio(it, cp), ratio(df, cp), ratio(it, nd)
        for key, r in (("interp", r_it), ("default", r_df), ("node", r_nd)):
            if r is not None:
                means[key].append(r)
        if r_it is not None:
            measured += 1
            within += r_it <= GOAL
        print(
            f"{name:<13}{cp.cell()}{it.cell():>9}{fmt_ratio(r_it):>9}{df.cell():>9}"
            f"{fmt_ratio(r_df):>9}{nd.cell():>9}{fmt_ratio(r_nd):>9}"
        )
    g = {k: geomean(v) for k, v in means.items()}
    print(
        f"{'geomean':<13}{'':>8}{'':>9}{fmt_ratio(g['interp']):>9}{'':>9}"
        f"{fmt_ratio(g['default']):>9}{'':>9}{fmt_ratio(g['node']):>9}"
    )
    print(
        f"goal: a64js interpreter within {GOAL:.0f}x of CPython on every workload: "
        f"{within}/{len(names)} met ({measured} measured)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
