"""A template JIT's emission cost through Assembler, MacroAssembler and Fragments,
measured in one run (the machine is noisy: the ratios are what to read).

The workload is a baseline JIT for a register VM: a random but fixed program of
bytecodes (constants of every size, arithmetic with an overflow check, compares
and conditional jumps forward and back, bit tests, zero tests, calls to runtime
functions), each bytecode a label, each overflow check a branch to an
out-of-line slow path emitted after the body. The same instruction stream is
emitted through

* an empty-method driver (the same calls on methods that do nothing: the floor
  for a one-method-per-instruction API in CPython),
* the Assembler,
* the MacroAssembler (the same exact instructions: its bookkeeping for far
  branches and pools is the difference), and the MacroAssembler with its
  constants written as ``mov(reg, value)``,
* Fragments (see :func:`emit_fragments`).

Next to the times it prints the bytecodes each run executes (counted with a trace
function: noise-free, unlike the times on a loaded machine, but blind to time spent in
C) and their ratio to the floor's. It also prints the MacroAssembler's time per
instruction from 100 to 10,000 bytecodes (flat means linear), the cost of planning a
new 64-bit constant, and ``import a64jit`` in a fresh interpreter (bytecode caches warm).

Goals (issue 9): MacroAssembler within 1.5x of Assembler, a flat curve, a new
64-bit constant in 20 us or less, import under 60 ms.

With ``--instructions`` it also counts the machine instructions one run of the floor,
of the Assembler and of the MacroAssembler executes, under valgrind (noise-free: the
ratios to read on a loaded machine); with ``--cache``, the cache misses of one run in cachegrind's
simulation of this machine's caches (what CPU time pays beyond the instructions).

Run: ``.venv/bin/python benchmarks/bench_jit.py [--bytecodes N] [--instructions] [--cache]``
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: The tree measured: this checkout's src, or $BENCH_JIT_SRC (a copy of another tree, for
#: an A/B comparison; the --instructions processes inherit it).
SRC = Path(os.environ.get("BENCH_JIT_SRC") or ROOT / "src")
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(ROOT / "benchmarks"))

import _valgrind  # noqa: E402

from a64jit import Assembler, MacroAssembler  # noqa: E402
from a64jit.macro import constants as _constants  # noqa: E402
from a64jit.macro.constants import plan_mov  # noqa: E402
from a64jit.operands import (  # noqa: E402
    GE,
    LT,
    NE,
    VS,
    X_BY_CODE,
    lsl,
    mem,
)

x0, x1, x2, x16, x19 = (X_BY_CODE[i] for i in (0, 1, 2, 16, 19))
RUNTIME = 0x0000_7F3A_1C2B_4000  # the address slow paths and CALL call


@dataclass(frozen=True)
class Op:
    """One bytecode: ``kind`` with virtual registers ``a``, ``b``, ``c`` (frame slots),
    an immediate/constant ``k`` and a jump target ``t`` (a bytecode index)."""

    kind: str
    a: int = 0
    b: int = 0
    c: int = 0
    k: int = 0
    t: int = 0


def make_program(n: int, seed: int = 1) -> list[Op]:
    """``n`` bytecodes; jumps go up to 40 bytecodes forward or back."""
    rng = random.Random(seed)
    kinds = ["loadk"] * 4 + ["add"] * 5 + ["addi"] * 3 + ["jlt"] * 2 + ["jmp", "tbit", "jz",
                                                                        "call", "mov"]
    out = []
    for i in range(n):
        kind = rng.choice(kinds)
        k = 0
        if kind == "loadk":
            k = rng.choice((rng.getrandbits(16), rng.getrandbits(32), RUNTIME + 8 * rng.randrange(
                4096), -rng.getrandbits(rng.choice((8, 20, 40))), rng.getrandbits(64),
                rng.getrandbits(16) << 16))
        elif kind == "addi":
            k = rng.randrange(1, 4096)
        elif kind == "call":
            k = RUNTIME + 16 * rng.randrange(64)
        t = max(0, min(n - 1, i + rng.randrange(-40, 41)))
        out.append(Op(kind, rng.randrange(16), rng.randrange(16), rng.randrange(16), k, t))
    return out


_MEMS = [mem(x19, 8 * r) for r in range(16)]
_SHIFT = {s: lsl(s) for s in (0, 16, 32, 48)}


def _const_words(value: int) -> list[tuple[str, int, int]]:
    """A constant as exact movz/movn/movk steps (the same for every driver)."""
    out: list[tuple[str, int, int]] = []
    for s in plan_mov(value):
        if s.op in ("movz", "movn", "movk"):
            out.append((s.op, s.imm, s.shift))
    if len(out) != len(plan_mov(value)):  # a logical-immediate shape: plain halfwords
        v = value & (2**64 - 1)
        out = [("movz", v & 0xFFFF, 0)] + [("movk", (v >> s) & 0xFFFF, s)
                                            for s in (16, 32, 48) if (v >> s) & 0xFFFF]
    return out


def emit(a: Any, prog: list[Op], consts: dict[int, list[tuple[str, int, int]]],
         macro_consts: bool = False) -> None:
    """The template JIT: ``a`` is an Assembler, a MacroAssembler or the empty driver.
    ``macro_consts`` writes constants as ``a.mov(reg, value)`` (MacroAssembler only)."""
    labels = [a.label() for _ in prog]
    end = a.label()
    slow: list[tuple[Any, Any, int]] = []
    m = _MEMS
    for i, op in enumerate(prog):
        a.bind(labels[i])
        kind = op.kind
        if kind == "loadk":
            if macro_consts:
                a.mov(x0, op.k)
            else:
                for name, imm, shift in consts[op.k]:
                    getattr(a, name)(x0, imm, _SHIFT[shift])
            a.str(x0, m[op.a])
        elif kind == "add":
            a.ldr(x0, m[op.b])
            a.ldr(x1, m[op.c])
            s, back = a.label(), a.label()
            a.orr(x2, x0, x1)  # both small integers (tag bit 0 clear)?
            a.tst(x2, 1)
            a.b_ne(s)
            a.adds(x0, x0, x1)
            a.b_vs(s)
            a.bind(back)
            a.str(x0, m[op.a])
            slow.append((s, back, i))
        elif kind == "addi":
            a.ldr(x0, m[op.b])
            a.tst(x0, 1)
            a.b_cond(NE, labels[op.t])  # not a small integer: deoptimize
            a.adds(x0, x0, op.k)
            s, back = a.label(), a.label()
            a.b_cond(VS, s)
            a.bind(back)
            a.str(x0, m[op.a])
            slow.append((s, back, i))
        elif kind == "jlt":
            a.ldr(x0, m[op.a])
            a.ldr(x1, m[op.b])
            a.cmp(x0, x1)
            a.b_cond(LT, labels[op.t])
        elif kind == "jmp":
            if op.t <= i:  # a loop's back edge: poll for an interrupt first
                a.ldr(x2, m[15])
                a.cbnz(x2, end)
            a.b(labels[op.t])
        elif kind == "tbit":
            a.ldr(x0, m[op.a])
            a.tbnz(x0, op.b, labels[op.t])
        elif kind == "jz":
            a.ldr(x0, m[op.a])
            a.cbz(x0, labels[op.t])
        elif kind == "call":
            a.ldr(x0, m[op.a])
            a.ldr(x1, m[op.b])
            if macro_consts:
                a.mov(x16, op.k)
            else:
                for name, imm, shift in consts[op.k]:
                    getattr(a, name)(x16, imm, _SHIFT[shift])
            a.blr(x16)
            a.str(x0, m[op.c])
        else:  # mov
            a.ldr(x2, m[op.b])
            a.cmp(x2, 0)
            a.csel(x0, x2, x1, GE)
            a.str(x0, m[op.a])
    a.b(end)
    for s, back, i in slow:  # out of line: the overflow paths
        a.bind(s)
        a.movz(x0, i & 0xFFFF)
        for name, imm, shift in consts[RUNTIME]:
            getattr(a, name)(x16, imm, _SHIFT[shift])
        a.blr(x16)
        a.cmp(x0, 0)
        a.b_cond(NE, back)
        a.b(end)
    a.bind(end)
    a.ret()


class EmptyDriver:
    """The same method calls, doing nothing: the floor."""

    def label(self) -> object:
        return object()

    def bind(self, label: object) -> None:
        pass

    def str(self, rt: object, addr: object) -> None:
        pass

    def ldr(self, rt: object, addr: object) -> None:
        pass

    def adds(self, rd: object, rn: object, op2: object) -> None:
        pass

    def orr(self, rd: object, rn: object, op2: object) -> None:
        pass

    def tst(self, rn: object, op2: object) -> None:
        pass

    def cbnz(self, rt: object, target: object) -> None:
        pass

    def cmp(self, rn: object, op2: object) -> None:
        pass

    def csel(self, rd: object, rn: object, rm: object, cond: object) -> None:
        pass

    def b(self, target: object) -> None:
        pass

    def b_vs(self, target: object) -> None:
        pass

    def b_ne(self, target: object) -> None:
        pass

    def b_cond(self, cond: object, target: object) -> None:
        pass

    def tbnz(self, rt: object, bit: object, target: object) -> None:
        pass

    def cbz(self, rt: object, target: object) -> None:
        pass

    def blr(self, rn: object) -> None:
        pass

    def ret(self) -> None:
        pass

    def movz(self, rd: object, imm: object, shift: object = None) -> None:
        pass

    def movn(self, rd: object, imm: object, shift: object = None) -> None:
        pass

    def movk(self, rd: object, imm: object, shift: object = None) -> None:
        pass

    def finalize(self) -> bytes:
        return b""


# -- where the Assembler's time goes (the breakdown after the main table) --------------
# Assemblers whose other methods are the empty driver's: the difference between two of
# them is what one group of calls costs in the Assembler (over an empty call).
_LABEL_CALLS = ("label", "bind")
_BRANCH_CALLS = ("b", "b_vs", "b_ne", "b_cond", "tbnz", "cbz", "cbnz")


def _partial_assembler(keep: tuple[str, ...]) -> type:
    empty = {name: value for name, value in vars(EmptyDriver).items()
             if callable(value) and not name.startswith("_")
             and name not in keep and name != "finalize"}
    if "label" not in keep:  # an empty label() needs an empty bind() and empty branches
        empty.update({n: vars(EmptyDriver)[n] for n in _BRANCH_CALLS})
    return type("Partial", (Assembler,), empty)


class _Counter:
    """Counts the calls the workload makes, by method name."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}

    def __getattr__(self, name: str) -> Callable[..., object]:
        def call(*args: object) -> object:
            self.calls[name] = self.calls.get(name, 0) + 1
            return object()

        return call


def breakdown(prog: list[Op], consts: dict[int, list[tuple[str, int, int]]]) -> None:
    """Time the workload with the Assembler's labels only, labels and branches, and
    everything, in one run; print what each group of calls costs over an empty call,
    in CPU time and (noise-free, the same four runs) in bytecodes executed."""
    runs = {
        "floor": driver(EmptyDriver, prog, consts),
        "labels": driver(_partial_assembler(_LABEL_CALLS), prog, consts),
        "labels+branches": driver(_partial_assembler(_LABEL_CALLS + _BRANCH_CALLS), prog,
                                  consts),
        "all": driver(Assembler, prog, consts),
    }
    t = compare(runs)
    counter = _Counter()
    emit(counter, prog, consts)
    calls = counter.calls
    n_labels = sum(calls.get(n, 0) for n in _LABEL_CALLS)
    n_branches = sum(calls.get(n, 0) for n in _BRANCH_CALLS)
    n_other = sum(calls.values()) - n_labels - n_branches - calls.get("finalize", 0)
    rows = [("label() and bind()", t["labels"] - t["floor"], n_labels),
            ("branches to labels", t["labels+branches"] - t["labels"], n_branches),
            ("other instructions (memo hits)", t["all"] - t["labels+branches"], n_other)]
    ops = {name: bytecodes(fn) for name, fn in runs.items()}
    op_rows = [ops["labels"] - ops["floor"], ops["labels+branches"] - ops["labels"],
               ops["all"] - ops["labels+branches"]]
    gap = t["all"] - t["floor"]
    op_gap = ops["all"] - ops["floor"]
    print(f"\nwhere the Assembler's time goes (this run: floor {1000 * t['floor']:.1f} ms, "
          f"Assembler {1000 * t['all']:.1f} ms, {t['all'] / t['floor']:.2f}x; bytecodes "
          f"{ops['floor']:,} and {ops['all']:,}, {ops['all'] / ops['floor']:.2f}x):")
    print(f"  {'calls':34} {'count':>7} {'ms over empty':>14} {'ns/call':>8} {'share':>6} "
          f"{'bytecodes/call':>15} {'share':>6}")
    for (name, cost, count), extra in zip(rows, op_rows, strict=True):
        print(f"  {name:34} {count:7} {1000 * cost:14.1f} {1e9 * cost / count:8.0f} "
              f"{100 * cost / gap:5.1f}% {extra / count:15.1f} {100 * extra / op_gap:5.1f}%")
    print("  (bytecodes/call: over the empty call's; a branch's share of bind's work on "
          "its label included)")


def emit_fragments(prog: list[Op], consts: dict[int, list[tuple[str, int, int]]]
                   ) -> Callable[[], int] | None:
    """FRAGMENTS ROW: build per-bytecode templates once, then return a function that
    instantiates the whole program and returns its instruction count.

    The templates are in benchmarks/jit_fragments.py; the bytes are checked against the
    Assembler's before timing."""
    from jit_fragments import check, fragment_driver  # benchmarks/ (the script's directory)

    run = fragment_driver(prog, consts, RUNTIME)
    reference = Assembler()
    emit(reference, prog, consts)
    check(run, reference)
    return run


def timed(fn: Callable[[], object]) -> float:
    """One run of ``fn`` in seconds of this process's CPU time (the machine may be
    shared: wall-clock time would count other processes' turns), GC off."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        fn()
        return time.process_time() - start
    finally:
        gc.enable()


def compare(runs: dict[str, Callable[[], object]], rounds: int = 15) -> dict[str, float]:
    """The fastest of ``rounds`` runs of each, interleaved (a shared machine's load
    then hits every contender alike; on a loaded machine more rounds give the
    fastest run more chances to be undisturbed)."""
    best = {name: float("inf") for name in runs}
    for _ in range(rounds):
        for name, fn in runs.items():
            best[name] = min(best[name], timed(fn))
    return best


def with_collector(runs: dict[str, Callable[[], object]], batch: int = 10,
                   rounds: int = 3) -> dict[str, float]:
    """CPU time per run with the cyclic collector on, as a JIT runs: ``batch`` runs in a
    row, no collection before them (what one run leaves in reference cycles, the
    collector pays for in later ones: :func:`timed` collects outside the timing and
    turns the collector off), the fastest of ``rounds`` batches, interleaved."""
    best = {name: float("inf") for name in runs}
    for _ in range(rounds):
        for name, fn in runs.items():
            start = time.process_time()
            for _ in range(batch):
                fn()
            best[name] = min(best[name], (time.process_time() - start) / batch)
    return best


def driver(make: Callable[[], Any], prog: list[Op],
           consts: dict[int, list[tuple[str, int, int]]], macro_consts: bool = False,
           sizes: dict[str, int] | None = None, name: str = "") -> Callable[[], object]:
    """A run: emit and finalize ``prog`` with a fresh ``make()`` (records its size)."""
    def once() -> None:
        a = make()
        emit(a, prog, consts, macro_consts)
        n = len(a.finalize()) // 4
        if sizes is not None:
            sizes[name] = n

    return once


def bytecodes(fn: Callable[[], object]) -> int:
    """The bytecodes one call of ``fn`` executes (after a first, untraced call: memos warm).
    Counted by a trace function, so every Python frame counts; time spent in C does not."""
    fn()
    count = 0

    def trace(frame: Any, event: str, arg: object) -> Any:
        nonlocal count
        if event == "opcode":
            count += 1
        else:
            frame.f_trace_opcodes = True
        return trace

    sys.settrace(trace)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


#: The assemblers ``--run-only`` runs besides the floor, the Assembler and the Fragments:
#: the breakdown's partial ones (only label/bind real; labels and branches real).
_GROUPS = {"labels": _LABEL_CALLS, "labels+branches": _LABEL_CALLS + _BRANCH_CALLS}


def _run_only(which: str, runs: int, size: int) -> None:
    """The body of one ``--instructions`` count: two warm runs, then ``runs`` more
    (``which``: "floor", "asm", "masm" (the MacroAssembler, the same stream), "frag" or a
    key of _GROUPS)."""
    prog = make_program(size)
    consts = {v: _const_words(v) for v in {op.k for op in prog} | {RUNTIME}}
    frag = emit_fragments(prog, consts) if which == "frag" else None
    make: Callable[[], Any] = (EmptyDriver if which == "floor" else
                               _partial_assembler(_GROUPS[which]) if which in _GROUPS
                               else MacroAssembler if which == "masm" else Assembler)
    fn = frag or driver(make, prog, consts)
    fn()
    fn()
    gc.collect()
    gc.disable()
    for _ in range(runs):
        fn()


def instructions(which: str, size: int, runs: int = 3) -> int:
    """Machine instructions one emission of the workload executes (``which``: "floor",
    "asm" or "masm"), counted by valgrind: the process with ``runs`` timed runs minus the
    same process with none, over ``runs`` (noise-free, unlike CPU time)."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}

    def count(n: int) -> int:
        return _valgrind.count([sys.executable, __file__, "--bytecodes", str(size),
                                "--run-only", which, str(n)], env)[0]

    return (count(runs) - count(0)) // runs


_MISSES = {"I1": re.compile(r"I1\s+misses:\s+([\d,]+)"),
           "D1": re.compile(r"D1\s+misses:\s+([\d,]+)"),
           "LL": re.compile(r"LL misses:\s+([\d,]+)")}


def cache_misses(which: str, size: int, runs: int = 3) -> dict[str, int]:
    """Cache misses one emission of the workload causes (``which``: "floor", "asm",
    "frag" or a group of _GROUPS), simulated by cachegrind (its L1 instruction and data
    caches and last level, sized as this machine's): the process with ``runs`` runs
    minus the same process with none, over ``runs``. Noise-free, like the instruction
    counts, and what those miss: memory touched in scattered places costs CPU time that
    the instructions do not show."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    sim = [a for a in _valgrind.VALGRIND if not a.startswith("--cache-sim")]

    def count(n: int) -> dict[str, int]:
        p = subprocess.run([*sim, "--cache-sim=yes", sys.executable, __file__, "--bytecodes",
                            str(size), "--run-only", which, str(n)], check=True,
                           capture_output=True, text=True, env=env)
        found = {k: pat.search(p.stderr) for k, pat in _MISSES.items()}
        if not all(found.values()):
            raise RuntimeError(f"no cache counts in cachegrind's output: {p.stderr[-300:]!r}")
        return {k: int(m.group(1).replace(",", "")) for k, m in found.items() if m}

    # (As with the instruction counts, an edit anywhere moves objects, hence identity
    # hashes and dict probes: an unrelated change to memo.py moved the Assembler's count
    # by 0.45%; compare alternatives alike.)
    none, some = count(0), count(runs)
    return {k: (some[k] - none[k]) // runs for k in _MISSES}


def import_time() -> float:
    """``from a64jit import Assembler`` in a fresh interpreter, bytecode caches warm: best of
    5, ms (the Assembler loads on first use since session 13: ``import a64jit`` alone
    would not time it)."""
    code = ("import time; t = time.perf_counter(); from a64jit import Assembler; "
            "print(time.perf_counter() - t)")
    env_path = str(SRC)
    cmd = [sys.executable, "-c", f"import sys; sys.path.insert(0, {env_path!r}); {code}"]
    # "With bytecode caches": an environment that forbids writing them would time the
    # compiler instead (__pycache__ is in .gitignore).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, check=True, capture_output=True, env=env)  # write the caches
    return 1000 * min(float(subprocess.run(cmd, check=True, capture_output=True, text=True,
                                           env=env).stdout) for _ in range(5))


def constant_cost(count: int = 2000, passes: int = 5) -> tuple[float, float]:
    """Microseconds to plan a new 64-bit constant (random and pointer-like values),
    wall-clock and process CPU time (the machine may be shared): the fastest of
    ``passes`` passes over the same values, the planner's cache cleared before each."""
    rng = random.Random(99)
    values = [rng.getrandbits(64) if i % 2 else rng.getrandbits(47) for i in range(count)]
    best_wall = best_cpu = float("inf")
    for _ in range(passes):
        # (the planner's remembered plans: an lru_cache before session 20)
        clear = getattr(_constants._plan, "cache_clear", None)
        if clear is not None:
            clear()
        for name in ("_PLANS64", "_PLANS32"):
            getattr(_constants, name, {}).clear()
        wall, cpu = time.perf_counter(), time.process_time()
        for v in values:
            plan_mov(v)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return 1e6 * best_wall / count, 1e6 * best_cpu / count


def _repeated(fn: Callable[[], object], times: int) -> Callable[[], object]:
    def run() -> None:
        for _ in range(times):
            fn()

    return run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="template-JIT emission benchmark")
    parser.add_argument("--bytecodes", type=int, default=2500)
    parser.add_argument("--instructions", action="store_true",
                        help="also count the machine instructions of the floor, the "
                        "Assembler and the MacroAssembler under valgrind (noise-free; a few "
                        "minutes)")
    parser.add_argument("--cache", action="store_true",
                        help="also count the cache misses of one run of the floor, the "
                        "Assembler and the Fragments under cachegrind's cache simulation "
                        "(noise-free; a few minutes)")
    parser.add_argument("--run-only", nargs=2, metavar=("WHICH", "RUNS"),
                        help=argparse.SUPPRESS)  # (one process of --instructions)
    args = parser.parse_args(argv)
    if args.run_only:
        _run_only(args.run_only[0], int(args.run_only[1]), args.bytecodes)
        return
    prog = make_program(args.bytecodes)
    consts = {v: _const_words(v) for v in {op.k for op in prog} | {RUNTIME}}

    sizes: dict[str, int] = {}
    runs = {
        "empty-method driver (floor)": driver(EmptyDriver, prog, consts),
        "Assembler": driver(Assembler, prog, consts, sizes=sizes, name="asm"),
        "MacroAssembler, same stream": driver(MacroAssembler, prog, consts, sizes=sizes,
                                              name="masm"),
        "MacroAssembler, mov(reg, value) constants": driver(
            MacroAssembler, prog, consts, True, sizes=sizes, name="mc"),
    }
    frag = emit_fragments(prog, consts)
    if frag is not None:
        runs["Fragments"] = lambda: sizes.__setitem__("frag", frag())
    best = compare(runs)
    n_asm = sizes["asm"]
    labels = len(prog) + 2 * sum(op.kind in ("add", "addi") for op in prog) + 1
    print(f"workload: {len(prog)} bytecodes, {n_asm} instructions, {labels} labels")
    floor, t_asm = best["empty-method driver (floor)"], best["Assembler"]
    t_masm = best["MacroAssembler, same stream"]
    counts = {"Assembler": n_asm, "MacroAssembler, same stream": sizes["masm"],
              "MacroAssembler, mov(reg, value) constants": sizes["mc"],
              "empty-method driver (floor)": n_asm, "Fragments": sizes.get("frag", 0)}
    print(f"{'':44} {'CPU ms':>8} {'instr/s':>12} {'x floor':>8} {'x Assembler':>12}")
    for name, t in best.items():
        count = counts[name]
        print(f"{name:44} {1000 * t:8.1f} {count / t:12,.0f} {t / floor:8.2f} "
              f"{t / t_asm:12.2f}")
    if frag is None:
        print(f"{'Fragments (not available yet)':44} {'-':>8}")
    print(f"\nMacroAssembler / Assembler on the same stream: {t_masm / t_asm:.2f}x "
          "(goal <= 1.5x)")
    print(f"Assembler / empty-method floor: {t_asm / floor:.2f}x (goal <= 3x)")
    gc_on = with_collector({k: runs[k] for k in ("empty-method driver (floor)", "Assembler",
                                                 "Fragments") if k in runs})
    g_floor = gc_on["empty-method driver (floor)"]
    print("with the collector on (10 runs in a row, as a JIT runs): " + ", ".join(
        f"{name} {1000 * t:.2f} ms ({t / g_floor:.2f}x the floor)" for name, t in gc_on.items()))
    n_floor = bytecodes(runs["empty-method driver (floor)"])
    n_asm_ops = bytecodes(runs["Assembler"])
    print(f"bytecodes executed (noise-free): floor {n_floor:,}, Assembler {n_asm_ops:,}, "
          f"{n_asm_ops / n_floor:.2f}x")
    if args.instructions:
        if shutil.which("valgrind") is None:
            print("machine instructions: valgrind is not installed")
        else:
            i_floor = instructions("floor", args.bytecodes)
            i_asm = instructions("asm", args.bytecodes)
            i_masm = instructions("masm", args.bytecodes)
            print(f"machine instructions per run (valgrind, noise-free): floor {i_floor:,}, "
                  f"Assembler {i_asm:,}, {i_asm / i_floor:.2f}x; MacroAssembler (the same "
                  f"stream) {i_masm:,}, {i_masm / i_asm:.2f}x the Assembler")
    if args.cache:
        if shutil.which("valgrind") is None:
            print("cache misses: valgrind is not installed")
        else:
            m_floor = cache_misses("floor", args.bytecodes)
            m_asm = cache_misses("asm", args.bytecodes)
            m_frag = cache_misses("frag", args.bytecodes)
            print("cache misses per run (cachegrind's simulation, noise-free): " + ", ".join(
                f"{k} floor {m_floor[k]:,} Assembler {m_asm[k]:,} Fragments {m_frag[k]:,}"
                for k in _MISSES))
            # The Assembler's misses over the floor by group of calls, as the breakdown
            # below splits the time: what each group adds to the one before it.
            steps = [m_floor, *(cache_misses(g, args.bytecodes) for g in _GROUPS), m_asm]
            print("  of which (over the floor): " + ", ".join(
                f"{k} label()/bind() {steps[1][k] - steps[0][k]:+,} branches "
                f"{steps[2][k] - steps[1][k]:+,} other instructions {steps[3][k] - steps[2][k]:+,}"
                for k in ("I1", "D1")))
    breakdown(prog, consts)

    print()
    from jit_fragments import nested  # benchmarks/ (the script's directory)

    nested(rounds=3, pendings=(0, 3000), classes=("MacroAssembler",))

    print("\ntime per instruction by program size (flat = linear):")
    print(f"{'bytecodes':>10} {'instr':>8} {'Assembler us':>13} {'MacroAsm us':>12} {'ratio':>6}")
    for size in (100, 300, 1000, 3000, 10_000):
        p = make_program(size, seed=size)
        c = {v: _const_words(v) for v in {op.k for op in p} | {RUNTIME}}
        got: dict[str, int] = {}
        reps = max(1, 3000 // size)  # small programs: several per timing
        a_run = driver(Assembler, p, c, sizes=got, name="a")
        m_run = driver(MacroAssembler, p, c, sizes=got, name="m")
        times = compare({"a": _repeated(a_run, reps), "m": _repeated(m_run, reps)}, rounds=3)
        ta, tm = times["a"] / reps, times["m"] / reps
        na, nm = got["a"], got["m"]
        print(f"{size:10} {na:8} {1e6 * ta / na:13.3f} {1e6 * tm / nm:12.3f} {tm / ta:6.2f}")

    wall, cpu = constant_cost()
    print(f"\nnew 64-bit constant (plan_mov, cache cleared): {wall:.1f} us wall, "
          f"{cpu:.1f} us CPU (goal <= 20 us)")
    print(f"from a64jit import Assembler (fresh interpreter, caches warm): {import_time():.1f} ms "
          "(goal < 60 ms)")


if __name__ == "__main__":
    main()
