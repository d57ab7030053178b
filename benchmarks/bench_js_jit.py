"""The heap VM's baseline JIT against its interpreter and CPython, measured in one run.

For each workload of tests/js/programs (the list of benchmarks/bench_js.py) this runs,
each in its own process timed by benchmarks/js/_timed.py (CPU time, start-up excluded):

- ``a64js --vm heap --no-jit`` (the heap VM's interpreter),
- ``a64js --vm heap --jit-threshold N --stats`` (the baseline JIT; N from ``--threshold``,
  default 0: every function compiled at its first call),
- the CPython twin ``benchmarks/js/NAME.py``,

checks each printed node's recorded output (a wrong or failed run shows as such and is
left out of the means) and prints the times, the speedup of the JIT over the interpreter,
the JIT's time over CPython's, and from the JIT's ``--stats`` line: compile time,
bytecodes compiled per second, the share of bytecodes with a template, machine
instructions per bytecode, slow-path steps and bailouts. Geometric means at the end.
The backend is the default one (``A64JIT_BACKEND`` selects another).

Usage: .venv/bin/python benchmarks/bench_js_jit.py [--repeat N] [--threshold N] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import math
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "tests" / "js" / "programs"
TWINS = ROOT / "benchmarks" / "js"
TIMED = TWINS / "_timed.py"
WORKLOADS = [
    "fib", "loops", "sieve", "permutations", "nqueens", "hanoi", "linkedlist", "trees",
    "scheduler", "constraints", "mandelbrot", "nbody", "json", "closures", "exceptions",
    "textproc", "minilang",
]
MARK = "bench-seconds "
TIMEOUT = 900.0
_STATS = re.compile(
    r"jit: functions compiled (\d+), bytecodes (\d+) \((\d+) by template\), compile time "
    r"([\d.]+) ms \(([\d,]+) bytecodes/s\), ([\d.]+) instructions/bytecode, .*"
    r"slow-path steps (\d+), property cache misses \d+, guard failures \((.*?)\), "
    r"bailouts \((.*?)\)")


def run(cmd: list[str], repeat: int, want: str) -> tuple[float | None, str, str]:
    """Best CPU time of ``repeat`` runs, a status ('' when right) and the last stderr."""
    best = math.inf
    err = ""
    for _ in range(repeat):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT,
                               check=False, env={**os.environ, "PYTHONHASHSEED": "0"})
        except subprocess.TimeoutExpired:
            return None, "timeout", ""
        if p.returncode != 0:
            return None, f"exit {p.returncode}", p.stderr
        if p.stdout != want:
            return None, "WRONG", p.stderr
        marks = [ln for ln in p.stderr.splitlines() if ln.startswith(MARK)]
        if not marks:
            return None, "no time", p.stderr
        best = min(best, float(marks[-1][len(MARK):]))
        err = p.stderr
    return best, "", err


def geomean(values: list[float]) -> float | None:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--threshold", type=int, default=0)
    ap.add_argument("--only", nargs="*", default=None)
    args = ap.parse_args(argv)
    py = sys.executable
    names = args.only or WORKLOADS
    print(f"{'workload':<13} {'interp s':>9} {'jit s':>8} {'cpython s':>9} {'speedup':>8} "
          f"{'jit/cpy':>8} {'compile ms':>10} {'bc/s':>9} {'templ%':>7} {'insn/bc':>8} "
          f"{'steps':>9}  bailouts")
    speedups: list[float] = []
    vs_cpy: list[float] = []
    rates: list[float] = []
    for name in names:
        js = str(PROGRAMS / f"{name}.js")
        want = (PROGRAMS / f"{name}.expected").read_text(encoding="utf-8")
        ti, si, _ = run([py, str(TIMED), "module", "a64js", "--vm", "heap", "--no-jit", js],
                        args.repeat, want)
        tj, sj, err = run([py, str(TIMED), "module", "a64js", "--vm", "heap", "--stats",
                           "--jit-threshold", str(args.threshold), js], args.repeat, want)
        tc, sc, _ = run([py, str(TIMED), "script", str(TWINS / f"{name}.py")], args.repeat,
                        want)
        m = _STATS.search(err)

        def show(t: float | None, status: str) -> str:
            return f"{t:.3f}" if t is not None else status

        sp = ti / tj if ti and tj else None
        vc = tj / tc if tj and tc else None
        if sp:
            speedups.append(sp)
        if vc:
            vs_cpy.append(vc)
        extra = "-"
        if m:
            _n, bcs, templ, ms, rate, ipb, steps, _fails, bails = m.groups()
            rates.append(float(rate.replace(",", "")))
            extra = (f"{float(ms):>10.1f} {rate:>9} {100 * int(templ) / max(1, int(bcs)):>6.0f}% "
                     f"{float(ipb):>8.1f} {int(steps):>9}  {bails}")
        print(f"{name:<13} {show(ti, si):>9} {show(tj, sj):>8} {show(tc, sc):>9} "
              f"{(f'{sp:.2f}x' if sp else '-'):>8} {(f'{vc:.1f}x' if vc else '-'):>8} {extra}",
              flush=True)
    g1, g2, g3 = geomean(speedups), geomean(vs_cpy), geomean(rates)
    print(f"geometric means: JIT speedup over the interpreter "
          f"{'-' if g1 is None else f'{g1:.2f}x'}, JIT time / CPython time "
          f"{'-' if g2 is None else f'{g2:.1f}x'}, compile rate "
          f"{'-' if g3 is None else f'{g3:,.0f}'} bytecodes/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
