"""The heap VM's baseline JIT against its interpreter and CPython, measured in one run.

For each workload of tests/js/programs (the list of benchmarks/bench_js.py) this runs,
each in its own process timed by benchmarks/js/_timed.py (CPU time inside the process,
imports excluded on both sides):

- ``a64js --vm heap --no-jit`` (the heap VM's interpreter),
- ``a64js --vm heap --stats`` (the baseline JIT as users run it: at the command line's
  default threshold, ``a64js.cli.DEFAULT_JIT_THRESHOLD``; ``--threshold N`` passes
  ``--jit-threshold N`` instead, 0 compiling every function at its first call),
- the CPython twin ``benchmarks/js/NAME.py``,

checks each printed node's recorded output (a wrong or failed run shows as such and is
left out of the means) and prints the times, the JIT run's VM start-up ("start s": from
the clock's start until the program's source is read: argument parsing, the backend, the
realm's built-ins and the JIT's runtime), the speedup of the JIT over the interpreter,
the JIT's time over CPython's, and from the JIT's ``--stats`` line: compile time (CPU),
bytecodes compiled per second, the share of bytecodes with a template, machine
instructions per bytecode, slow-path steps (host calls of the interpreter's ``step``)
and the opcodes that took most of them, and bailouts. Geometric means at the end.

The a64js times include the VM's start-up, as a user running a program pays it; CPython's
own start-up (its interpreter, its builtins) is not counted for the twins, since it
comes before any code of the harness runs. The whole-process columns (``jit proc``,
``cpy proc``, ``proc x``; ``--no-process`` leaves them out) are what ``time`` shows a
user: the CPU time (user + system, all threads, from rusage) of ``python -m a64js --vm
heap FILE.js`` and of ``python TWIN.py``, each a process of its own with nothing
preimported: interpreter start, imports and teardown included on both sides. Runs get
the environment without PYTHONDONTWRITEBYTECODE (an installed package has its ``.pyc``).
Each program's bytecode is in a64js's code cache before its runs are timed
(bench_js.warm_code_cache: ``python -m a64js.codecache`` with the interpreter and
environment of the runs, untimed), as the twins' ``.pyc`` files
are warm; ``--no-code-cache`` (A64JS_CACHE=0 in every run) measures every run parsing.
The start-up column shows how much of the JIT's time that is, and the means line gives
JIT / CPython with it left out as well.

Backends (``--backend``): ``default`` (the default one: ``A64JIT_BACKEND`` selects
another), ``emulator``, ``native`` (``--native``: every column, CPython's too, under
scripts/native-python, i.e. the arm64 CPython under qemu-user on other hosts: build it
with scripts/native-env.sh; the parser is installed for it in .native/js-site on first
use), or ``both`` (the emulator's table, then the native one). Under qemu the interpreter
runs ~12x slower than on the host: use ``--only`` and ``--repeat 1`` to iterate. Natively
at ``--scale realistic`` the interpreter's column takes 40-80 s of CPU per quick
workload (fib 42, sieve 64, scheduler 81, nbody 40, json 38; minutes of wall on a loaded
machine), the JIT's and CPython's 1-4 s: ``--no-interp`` leaves that column out (the JIT
against CPython at full size in a few minutes), ``--scale realistic/10`` is the quick
form of the whole table (every column, the fixed costs a larger share).

``--scale N`` runs every column (interpreter, JIT, CPython twin) at scale N (each program
reads it as ``process.argv[2]``, each twin as ``sys.argv[1]``: the work repeats N times)
and checks node's output recorded at that scale (NAME.scale<N>.expected,
tools/gen_js_expected.py --scale N); ``--scale realistic`` runs each workload at its own
scale (benchmarks/bench_js.py SCALES: CPython ~0.3 s on the host), where the VM's fixed
costs (start-up, parsing, compiling) no longer dominate; ``--scale realistic/K`` at those
divided by K, rounded up (natively under qemu: ``realistic/10``). Every mode takes it.

``--quick``: five representative workloads (calls, arrays, objects and methods, doubles,
strings), one run each (scripts/main.sh shows this table).

``--sweep N,N,...``: the tiering threshold measured instead of the table: per workload
the interpreter once and the JIT at each threshold, each JIT time with its compile time
and functions compiled, and per threshold the geometric mean of the JIT's speedup over
the interpreter (the default threshold is chosen from this).

``--breakdown``: where the JIT run's time goes instead of the table: per workload, the
whole process's CPU seconds (rusage) and wall, split into the interpreter's start
(``python``), every import (``imports``: a64js, a64jit, the backend, the compiler at the
first compile), the rest of the VM's start-up, parsing, the interpreter (with the Python
side of entries into compiled code), compiling, the entry trampoline's build, compiled
code (the calls into it, minus its host calls), host calls from it (slow-path steps and
the built-ins they run, guards, helpers), the collector and the teardown after the run
(atexit, finalizing modules, freeing the backend: the process's CPU minus the rest), with
the count of each (benchmarks/js/_breakdown.py runs a64js as ``-m a64js`` would, nothing
preimported, and wraps those entry points as their modules load; its clock reads are
charged too, the count of them is printed). The categories sum to the whole process.

Usage: .venv/bin/python benchmarks/bench_js_jit.py [--repeat N] [--threshold N]
       [--sweep N,N,...] [--breakdown] [--only NAME ...] [--quick] [--scale N|realistic[/K]]
       [--backend default|emulator|native|both | --native] [--no-code-cache]
       [--no-interp] [--no-process] [--against DIR]

``--against DIR``: the table with another source tree's interpreter and JIT run beside
each workload (a line of their own under it), then that tree's speedup and this tree's
JIT and interpreter times over its (geometric means): a change measured in one run.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from a64js.cli import DEFAULT_JIT_THRESHOLD

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_js  # (the workloads' scales and recorded outputs, in one place)

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "tests" / "js" / "programs"
TWINS = ROOT / "benchmarks" / "js"
TIMED = TWINS / "_timed.py"
WORKLOADS = [
    "fib", "loops", "sieve", "permutations", "nqueens", "hanoi", "linkedlist", "trees",
    "scheduler", "constraints", "mandelbrot", "nbody", "json", "closures", "exceptions",
    "textproc", "minilang",
]
#: --quick: direct calls, arrays and int loops, objects and method calls, doubles, strings
QUICK = ["fib", "sieve", "scheduler", "nbody", "json"]
MARK = "bench-seconds "
TIMEOUT = 1800.0
NATIVE_PYTHON = ROOT / "scripts" / "native-python"
#: where the native interpreter finds a64js's parser (a pure-Python wheel)
NATIVE_SITE = ROOT / ".native" / "js-site"
PARSER = "esprima-fork>=5.0.0"
_STATS = re.compile(
    r"jit: functions compiled (\d+), bytecodes (\d+) \((\d+) by template\), compile time "
    r"([\d.]+) ms \(([\d,]+) bytecodes/s\), ([\d.]+) instructions/bytecode, .*"
    r"slow-path steps (\d+)(?: \((.*?)\))?, property cache misses \d+, "
    r"guard failures \((.*?)\), bailouts \((.*?)\)")

_SWEEP = re.compile(r"jit: functions compiled (\d+), .*?compile time ([\d.]+) ms .*?"
                    r"OSR entries (\d+)")

STARTUP = "bench-startup "


def run(cmd: list[str], repeat: int, want: str, env: dict[str, str]
        ) -> tuple[float | None, str, str, float | None]:
    """Best CPU time of ``repeat`` runs, a status ('' when right), the last stderr and the
    best VM start-up time (None when the run does not report one)."""
    best = math.inf
    start = math.inf
    err = ""
    bench_js.warm_code_cache(cmd, env)  # the program's bytecode cached, as a twin's .pyc
    for _ in range(repeat):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT,
                               check=False, env=env)
        except subprocess.TimeoutExpired:
            return None, "timeout", "", None
        if p.returncode != 0:
            return None, f"exit {p.returncode}", p.stderr, None
        if p.stdout != want:
            return None, "WRONG", p.stderr, None
        lines = p.stderr.splitlines()
        marks = [ln for ln in lines if ln.startswith(MARK)]
        if not marks:
            return None, "no time", p.stderr, None
        best = min(best, float(marks[-1][len(MARK):]))
        starts = [ln for ln in lines if ln.startswith(STARTUP)]
        if starts:
            start = min(start, float(starts[-1][len(STARTUP):]))
        err = p.stderr
    return best, "", err, (start if start < math.inf else None)


def run_process(cmd: list[str], env: dict[str, str], timeout: float = TIMEOUT
                ) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run ``cmd`` (its output captured); it, its whole-process CPU time (user + system,
    all threads, from the child's rusage: interpreter start, imports and teardown
    included) and its wall time. Children are run one at a time, so the delta of this
    process's children's rusage is the one child's."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                       check=False, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p, cpu, wall


def process_time(cmd: list[str], repeat: int, want: str, env: dict[str, str]
                 ) -> tuple[float | None, float | None, str]:
    """The best whole-process CPU time of ``repeat`` runs of ``cmd`` as a user runs it
    (``a64js FILE`` or ``python TWIN.py``: no harness), the wall time of that run, and a
    status ('' when the output was right)."""
    best: tuple[float, float] | None = None
    for _ in range(repeat):
        try:
            p, cpu, wall = run_process(cmd, env)
        except subprocess.TimeoutExpired:
            return None, None, "timeout"
        if p.returncode != 0:
            return None, None, f"exit {p.returncode}"
        if p.stdout != want:
            return None, None, "WRONG"
        if best is None or cpu < best[0]:
            best = (cpu, wall)
    assert best is not None
    return best[0], best[1], ""


def geomean(values: list[float]) -> float | None:
    """The geometric mean of the positive ``values`` (a rate of 0, nothing compiled, has
    none); None when there are none."""
    pos = [v for v in values if v > 0]
    return math.exp(sum(math.log(v) for v in pos) / len(pos)) if pos else None


def native_setup() -> list[str]:
    """The command prefix that runs Python natively, with the parser on its path
    (installed into .native/js-site the first time); exits with a message when the
    native environment is missing."""
    try:
        probe = subprocess.run([str(NATIVE_PYTHON), "-c", "import platform; "
                                "print(platform.machine())"], capture_output=True,
                               text=True, check=False)
    except OSError as exc:  # (the script itself missing: a tree copied without scripts/)
        sys.exit(f"bench_js_jit: cannot run {NATIVE_PYTHON}: {exc.strerror or exc}")
    if probe.returncode != 0 or probe.stdout.strip() not in ("aarch64", "arm64"):
        sys.exit("bench_js_jit: no native AArch64 Python here (scripts/native-python said: "
                 f"{(probe.stderr or probe.stdout).strip()[-300:]}); build it with "
                 "scripts/native-env.sh (root and apt needed on a non-AArch64 host)")
    if not (NATIVE_SITE / "esprima").is_dir():
        print(f"== installing {PARSER} for the native interpreter into {NATIVE_SITE}",
              flush=True)
        pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q",
                              "--disable-pip-version-check", "--no-compile", "--target",
                              str(NATIVE_SITE), "--only-binary=:all:", "--implementation",
                              "py", "--python-version", "3.11", "--platform", "any", PARSER],
                             check=False)
        if pip.returncode != 0:
            sys.exit(f"bench_js_jit: installing {PARSER} into {NATIVE_SITE} failed "
                     f"(pip exit {pip.returncode}); the native table needs it")
    return [str(NATIVE_PYTHON)]


def setup(backend: str) -> tuple[list[str], dict[str, str], str]:
    """The Python command, the environment and the label of ``backend``'s runs."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    # a user's installed packages have their .pyc: an environment that forbids writing
    # them would time the bytecode compiler at every import (the whole-process columns,
    # the breakdown's imports); scripts/native-python writes its own anyway
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    py = [sys.executable]
    if backend == "native":
        py = native_setup()
        env["A64JIT_BACKEND"] = "native"
        env["PYTHONPATH"] = str(NATIVE_SITE)
    elif backend == "emulator":
        env["A64JIT_BACKEND"] = "emulator"
    label = backend if backend != "default" else \
        "default (" + (env.get("A64JIT_BACKEND") or _default_backend()) + ")"
    label += "; a64js code cache " + ("warm" if bench_js.code_cache_on(env) else "off")
    return py, env, label


def threshold_args(threshold: int | None) -> tuple[list[str], str]:
    """The a64js options that set the JIT's threshold (none for the default: what a user
    runs) and how the tables name it."""
    if threshold is None:
        return [], f"the default threshold {DEFAULT_JIT_THRESHOLD} (a64js.cli)"
    return ["--jit-threshold", str(threshold)], f"threshold {threshold}"


def scale_label(scale: int | str) -> str:
    """How the tables name a ``--scale``."""
    if isinstance(scale, int):
        return f"scale {scale}"
    return f"each workload's realistic scale{scale[len('realistic'):]} (bench_js.SCALES)"


def table(backend: str, names: list[str], repeat: int, threshold: int | None,
          scale: int | str = 1, interp: bool = True, process: bool = True,
          against: Path | None = None) -> None:
    """Measure and print one backend's table (the JIT at ``threshold``, None: the
    command line's default); ``interp``: the interpreter's column too; ``process``: the
    whole-process columns too; ``against``: another source tree's interpreter and JIT
    measured beside each workload's (a line of its own, then the ratios' geometric
    means)."""
    py, env, label = setup(backend)
    env_b = bench_js.against_env(env, against) if against is not None else None
    base_speedups: list[float] = []
    jit_ratio: list[float] = []
    interp_ratio: list[float] = []
    if env_b is not None and names:
        # each tree's modules imported once untimed (the JIT's are imported at its first
        # compile, which the code cache's warming does not reach): no .pyc is written in a
        # timed run of either
        js0 = str(PROGRAMS / f"{names[0]}.js")
        for e in (env, env_b):
            subprocess.run([*py, "-m", "a64js", "--vm", "heap", "--jit-threshold", "0", js0,
                            "1"], capture_output=True, timeout=TIMEOUT, cwd=ROOT, check=False,
                           env=e)
    targs, tname = threshold_args(threshold)
    print(f"== backend: {label}; CPU seconds, best of {repeat}; JIT at {tname}; a64js "
          "times include its start-up (start s: the JIT run's), CPython's exclude "
          "CPython's own" + ("; whole processes (jit proc, cpy proc: 'a64js FILE' and "
                             "'python TWIN.py' as a user runs them, interpreter start, "
                             "imports and teardown included)" if process else "")
          + f"; {scale_label(scale)}")
    print(f"{'workload@scale':<16} {'interp s':>9} {'jit s':>8} {'start s':>8} {'cpython s':>9} "
          f"{'speedup':>8} {'jit/cpy':>8} "
          + (f"{'jit proc':>8} {'cpy proc':>8} {'proc x':>7} " if process else "")
          + f"{'compile ms':>10} {'bc/s':>9} {'templ%':>7} "
          f"{'insn/bc':>8} {'steps':>8}  slow-path opcodes; bailouts")
    speedups: list[float] = []
    vs_cpy: list[float] = []
    vs_cpy_run: list[float] = []
    vs_cpy_proc: list[float] = []
    starts: list[float] = []
    rates: list[float] = []
    for name in names:
        js, n = str(PROGRAMS / f"{name}.js"), bench_js.scale_of(name, scale)
        want, sarg = bench_js.expected_output(name, n), [str(n)]
        ti, si = None, "-"
        if interp:
            ti, si, _, _ = run([*py, str(TIMED), "module", "a64js", "--vm", "heap",
                                "--no-jit", js, *sarg], repeat, want, env)
        tj, sj, err, st = run([*py, str(TIMED), "module", "a64js", "--vm", "heap", "--stats",
                               *targs, js, *sarg], repeat, want, env)
        tc, sc, _, _ = run([*py, str(TIMED), "script", str(TWINS / f"{name}.py"), *sarg],
                           repeat, want, env)
        m = _STATS.search(err)
        if env_b is not None:
            tib, sib, _, _ = run([*py, str(TIMED), "module", "a64js", "--vm", "heap",
                                  "--no-jit", js, *sarg], repeat, want, env_b) \
                if interp else (None, "-", "", None)
            tjb, sjb, _, _ = run([*py, str(TIMED), "module", "a64js", "--vm", "heap",
                                  *targs, js, *sarg], repeat, want, env_b)
            spb = tib / tjb if tib and tjb else None
            if spb:
                base_speedups.append(spb)
            if tj and tjb:
                jit_ratio.append(tj / tjb)
            if ti and tib:
                interp_ratio.append(ti / tib)
            base_row = (f"{'  (against)':<16} {(f'{tib:.3f}' if tib else sib):>9} "
                        f"{(f'{tjb:.3f}' if tjb else sjb):>8} {'':>8} {'':>9} "
                        f"{(f'{spb:.2f}x' if spb else '-'):>8}")

        def show(t: float | None, status: str) -> str:
            return f"{t:.3f}" if t is not None else status

        proc = ""
        if process:
            pj, _, spj = process_time([*py, "-m", "a64js", "--vm", "heap", *targs, js, *sarg],
                                      repeat, want, env)
            pc, _, spc = process_time([*py, str(TWINS / f"{name}.py"), *sarg], repeat, want,
                                      env)
            px = pj / pc if pj and pc else None
            if px:
                vs_cpy_proc.append(px)
            proc = (f"{show(pj, spj):>8} {show(pc, spc):>8} "
                    f"{(f'{px:.2f}x' if px else '-'):>7} ")
        sp = ti / tj if ti and tj else None
        vc = tj / tc if tj and tc else None
        if sp:
            speedups.append(sp)
        if vc:
            vs_cpy.append(vc)
        if st is not None:
            starts.append(st)
            if tj and tc and tj > st:
                vs_cpy_run.append((tj - st) / tc)
        extra = "-"
        if m:
            _n, bcs, templ, ms, rate, ipb, steps, ops, _fails, bails = m.groups()
            if tj is not None:  # (a failed run's stats are not the workload's)
                rates.append(float(rate.replace(",", "")))
            top = ", ".join((ops or "").split(", ")[:3]) or "-"
            extra = (f"{float(ms):>10.1f} {rate:>9} {100 * int(templ) / max(1, int(bcs)):>6.0f}% "
                     f"{float(ipb):>8.1f} {int(steps):>8}  {top}; {bails}")
        print(f"{name + '@' + str(n):<16} {show(ti, si):>9} {show(tj, sj):>8} "
              f"{(f'{st:.3f}' if st is not None else '-'):>8} {show(tc, sc):>9} "
              f"{(f'{sp:.2f}x' if sp else '-'):>8} {(f'{vc:.1f}x' if vc else '-'):>8} "
              f"{proc}{extra}", flush=True)
        if env_b is not None:
            print(base_row, flush=True)
    g1, g2, g3 = geomean(speedups), geomean(vs_cpy), geomean(rates)
    g4, g5, g6 = geomean(vs_cpy_run), geomean(starts), geomean(vs_cpy_proc)
    print(f"geometric means ({label}, JIT at {tname}): JIT speedup over the interpreter "
          f"{'-' if g1 is None else f'{g1:.2f}x'}, JIT time / CPython time "
          f"{'-' if g2 is None else f'{g2:.1f}x'} ({'-' if g4 is None else f'{g4:.1f}x'} "
          f"without the VM's start-up; start-up {'-' if g5 is None else f'{g5:.3f}'} s"
          + (f"; whole processes {'-' if g6 is None else f'{g6:.2f}x'}" if process else "")
          + f"), compile rate {'-' if g3 is None else f'{g3:,.0f}'} bytecodes/s", flush=True)
    if env_b is not None:
        gb, gj, gi = geomean(base_speedups), geomean(jit_ratio), geomean(interp_ratio)
        print(f"against {against}: its JIT speedup over its interpreter "
              f"{'-' if gb is None else f'{gb:.2f}x'}; this tree's time / its, geometric "
              f"means: JIT {'-' if gj is None else f'{gj:.3f}'}, interpreter "
              f"{'-' if gi is None else f'{gi:.3f}'}", flush=True)


def sweep(backend: str, names: list[str], repeat: int, thresholds: list[int],
          scale: int | str = 1) -> None:
    """The JIT's time at each of ``thresholds`` against the interpreter's, per workload,
    with the compile time and the functions compiled at each (``--sweep``)."""
    py, env, label = setup(backend)
    print(f"== backend: {label}; CPU seconds, best of {repeat}, start-up included; per "
          "threshold T: the JIT's time, then (compile ms / functions compiled / OSR "
          f"entries); the default threshold is {DEFAULT_JIT_THRESHOLD}; {scale_label(scale)}")
    print(f"{'workload@scale':<16} {'interp s':>9} " + " ".join(f"{'T=' + str(t):>26}"
                                                        for t in thresholds))
    speedups: dict[int, list[float]] = {t: [] for t in thresholds}
    compile_ms: dict[int, list[float]] = {t: [] for t in thresholds}
    for name in names:
        js, n = str(PROGRAMS / f"{name}.js"), bench_js.scale_of(name, scale)
        want, sarg = bench_js.expected_output(name, n), [str(n)]
        ti, si, _, _ = run([*py, str(TIMED), "module", "a64js", "--vm", "heap", "--no-jit",
                            js, *sarg], repeat, want, env)
        cells = []
        for t in thresholds:
            tj, sj, err, _ = run([*py, str(TIMED), "module", "a64js", "--vm", "heap",
                                  "--stats", "--jit-threshold", str(t), js, *sarg], repeat,
                                 want, env)
            m = _SWEEP.search(err)
            if tj is None or m is None:
                cells.append(sj or "no stats")
                continue
            n, ms, osr = int(m.group(1)), float(m.group(2)), int(m.group(3))
            compile_ms[t].append(ms)
            if ti:
                speedups[t].append(ti / tj)
            cells.append(f"{tj:.3f} ({ms:.0f}/{n}/{osr})")
        print(f"{name + '@' + str(n):<16} {(f'{ti:.3f}' if ti is not None else si):>9} "
              + " ".join(f"{c:>26}" for c in cells), flush=True)
    print(f"geometric means ({label}) of the JIT's speedup over the interpreter, and the "
          "total compile ms, by threshold:")
    for t in thresholds:
        g = geomean(speedups[t])
        print(f"  T={t:<6} {'-' if g is None else f'{g:.2f}x':>7}  "
              f"compile {sum(compile_ms[t]):>9.0f} ms  ({len(speedups[t])} workloads)",
              flush=True)


BREAKDOWN = TWINS / "_breakdown.py"
#: _breakdown.py's categories, in its order, then the teardown (the process's CPU after the
#: run returned: the whole process's rusage minus _breakdown.py's total)
PARTS = ("python", "imports", "startup", "parse", "interp", "compile", "trampoline", "machine",
         "host", "gc", "teardown")
_PART = re.compile(r"^breakdown (\w+) ([\d.]+) (\d+)$", re.M)
_CLOCK = re.compile(r"^breakdown-clock ([\d.]+) (\d+)$", re.M)
_TOTAL = re.compile(r"^breakdown-total ([\d.]+)$", re.M)


def breakdown(backend: str, names: list[str], repeat: int, threshold: int | None,
              scale: int | str = 1) -> None:
    """Per workload, the JIT run's CPU time by category (``--breakdown``), summing to the
    whole process's: the run with the fastest process of ``repeat``."""
    py, env, label = setup(backend)
    targs, tname = threshold_args(threshold)
    print(f"== backend: {label}; JIT at {tname}; the whole process's CPU seconds (all "
          f"threads, rusage) by where they went (the fastest of {repeat}), then the count "
          "of entries into each: 'python' the interpreter's start, 'imports' every module "
          "loaded (the compiler's at the first compile too), compiled code is 'machine' "
          "(calls from the interpreter), 'host' host calls from it, 'compile' functions "
          "compiled, 'teardown' after the run (atexit, finalizing, the backend freed); "
          "clock: the instrumentation's own reads (s, count); wall: the process's; "
          f"{scale_label(scale)}")
    print(f"{'workload@scale':<16} {'process':>7} {'wall':>6} "
          + " ".join(f"{p:>10}" for p in PARTS) + f" {'clock':>12}")
    sums: dict[str, float] = dict.fromkeys(PARTS, 0.0)
    for name in names:
        js, n = str(PROGRAMS / f"{name}.js"), bench_js.scale_of(name, scale)
        want, sarg = bench_js.expected_output(name, n), [str(n)]
        best: tuple[float, float, float, str] | None = None
        status = ""
        bench_js.warm_program(py, js, env)
        for _ in range(repeat):
            try:
                p, cpu, wall = run_process([*py, str(BREAKDOWN), *targs, js, *sarg], env)
            except subprocess.TimeoutExpired:
                status = "timeout"
                break
            m = _TOTAL.search(p.stderr)
            if p.returncode != 0 or p.stdout != want or m is None:
                status = f"exit {p.returncode}" if p.returncode else "WRONG"
                break
            if best is None or cpu < best[0]:
                best = (cpu, wall, float(m.group(1)), p.stderr)
        if best is None or status:
            print(f"{name + '@' + str(n):<16} {status or 'no run'}", flush=True)
            continue
        cpu, wall, total, err = best
        parts = {k: (float(v), int(n)) for k, v, n in _PART.findall(err)}
        # (rusage counts in clock ticks natively under qemu: a short run's teardown can
        # come out a tick below zero)
        parts["teardown"] = (max(0.0, cpu - total), 1)
        c = _CLOCK.search(err)
        clock = f"{float(c.group(1)) * int(c.group(2)):.3f}/{c.group(2)}" if c else "-"
        for k in PARTS:
            sums[k] += parts.get(k, (0.0, 0))[0]
        cells = " ".join(f"{parts.get(k, (0.0, 0))[0]:>5.3f}/{parts.get(k, (0.0, 0))[1]:<4}"
                         for k in PARTS)
        print(f"{name + '@' + str(n):<16} {cpu:>7.3f} {wall:>6.2f} {cells} {clock:>12}",
              flush=True)
    whole = sum(sums.values())
    if whole:
        print("share of the sum over these workloads: " + ", ".join(
            f"{k} {100 * v / whole:.0f}%" for k, v in sums.items()), flush=True)


def _thresholds(text: str) -> list[int]:
    """``--sweep``'s list: counts of 0 or more, comma-separated."""
    out = []
    for part in text.split(","):
        try:
            t = int(part)
        except ValueError:
            t = -1
        if t < 0:
            raise argparse.ArgumentTypeError(
                f"{part.strip()!r} is not a threshold (a count of 0 or more); expected a "
                "comma-separated list such as 0,1,10,1000")
        out.append(t)
    return out


def _nonneg(text: str) -> int:
    try:
        t = int(text)
    except ValueError:
        t = -1
    if t < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a threshold (a count of 0 or more)")
    return t


def _default_backend() -> str:
    import platform

    return "native" if platform.machine() in ("aarch64", "arm64") else "emulator"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=None,
                    help="runs of each program, the best counts (default 1)")
    ap.add_argument("--threshold", type=_nonneg, default=None, metavar="N",
                    help="the JIT's --jit-threshold (default: a64js's own, "
                         f"{DEFAULT_JIT_THRESHOLD})")
    ap.add_argument("--sweep", type=_thresholds, default=None, metavar="N,N,...",
                    help="measure the JIT at each of these thresholds instead of the table")
    ap.add_argument("--breakdown", action="store_true",
                    help="where the JIT run's time goes, by category, instead of the table")
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--quick", action="store_true",
                    help=f"only {', '.join(QUICK)}, one run each")
    ap.add_argument("--backend", choices=["default", "emulator", "native", "both"],
                    default="default")
    ap.add_argument("--native", action="store_true", help="the same as --backend native")
    ap.add_argument("--no-interp", action="store_true",
                    help="leave the interpreter's column out of the table (natively at "
                         "--scale realistic it takes 40-80 s of CPU per quick workload)")
    ap.add_argument("--no-process", action="store_true",
                    help="leave the whole-process columns out of the table")
    ap.add_argument("--against", metavar="DIR", type=Path, default=None,
                    help="the table only: another source tree (DIR/src, e.g. "
                         "'git archive REV src | tar -x -C DIR') measured beside each "
                         "workload, in the same run")
    ap.add_argument("--no-code-cache", action="store_true",
                    help="a64js parses in every run (A64JS_CACHE=0): the cold case")
    ap.add_argument("--scale", type=bench_js.parse_scale, default=1,
                    metavar="N|realistic[/K]",
                    help="run every column at this scale (the work repeats N times), or at "
                         "each workload's realistic one (bench_js.SCALES); default 1")
    args = ap.parse_args(argv)
    if args.no_code_cache:
        os.environ["A64JS_CACHE"] = "0"  # in every run's environment (setup)
    names = args.only or (QUICK if args.quick else WORKLOADS)
    unknown = [n for n in names if not (PROGRAMS / f"{n}.js").is_file()
               or not (TWINS / f"{n}.py").is_file()]
    if unknown:
        ap.error(f"--only: no workload {', '.join(unknown)} (a program in tests/js/programs "
                 f"with a CPython twin in benchmarks/js); the workloads: {', '.join(WORKLOADS)}")
    if args.repeat is not None and args.repeat < 1:
        ap.error(f"--repeat: {args.repeat} is not a count of runs (1 or more)")
    repeat = args.repeat or 1
    backend = "native" if args.native else args.backend
    if args.sweep is not None and args.threshold is not None:
        ap.error("--sweep and --threshold: give one (a sweep sets the thresholds itself)")
    if args.sweep is not None and args.breakdown:
        ap.error("--sweep and --breakdown: give one")
    if args.against is not None and (args.sweep is not None or args.breakdown):
        ap.error("--against: only with the table (not with --sweep or --breakdown)")
    if args.against is not None and not (args.against / "src" / "a64js").is_dir():
        ap.error(f"--against: {args.against} has no src/a64js (a source tree, e.g. "
                 "'git archive REV src | tar -x -C DIR')")
    for b in (["emulator", "native"] if backend == "both" else [backend]):
        if args.sweep is not None:
            sweep(b, names, repeat, args.sweep, args.scale)
        elif args.breakdown:
            breakdown(b, names, repeat, args.threshold, args.scale)
        else:
            table(b, names, repeat, args.threshold, args.scale, not args.no_interp,
                  not args.no_process, args.against)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
