"""The baseline JIT's compile speed: every function of every workload, compiled, not run.

For each workload of benchmarks/bench_js_jit.py this makes the heap VM's realm and its
JIT, compiles the program to bytecode, and hands every function in it (the module's code
and every nested function, depth first) to ``Jit.compile``, which is what a first call
at ``--jit-threshold 0`` does: the templates, ``finalize`` and placing the bytes. Each
workload runs in a fresh process (``--one NAME``), as ``a64js`` would: the Assembler's
memo starts empty there, so first-use costs count as they do for users. It prints per
workload the functions, bytecodes, compile time (CPU), bytecodes/s and machine
instructions per bytecode, then the total rate (all bytecodes over all time) and the
geometric mean of the rates.

``--against DIR``: the same for another source tree (e.g. a copy of ``src`` as it was
before a change), run alternately with this one, workload by workload (best of
``--repeat`` processes each), and the ratio of the rates: a comparison measured in one
run on a noisy machine.

The JIT's shared subroutines and the Assembler's memo of its instructions are kept
between processes (a64js/jit/subcache.py, a64js/jit/memocache.py: files next to the tree's
bytecode caches, valid while no source of a64js or a64jit changes), as for every ``a64js``
run after the first: each tree's caches are filled by one process per workload before
the measured ones. ``--no-jit-cache``: every process records its subroutines and encodes
every instruction it meets first (the first run after an edit; A64JS_JIT_CACHE=0).

``--split``: where a cold compile's time goes, per workload, in one process each (best
of ``--repeat``): the cold compile; the same functions again with the JIT's
instruction memo emptied (its tables and the MacroAssembler's words of ``mov``
constants: every instruction a first sight again, served from the memo file as in a
cold process, while everything else the process built stays); and again (warm). Their
differences: *words* (the memo's first sights: served misses and ``mov`` plans) and
*process* (every other first use in a process: the memo file's read, wrappers and
plans made per process, host functions, interned operands, Python's own warm-up).

``--steady``: each workload compiled in a process that first compiled every other
workload (each by a JIT of its own): its functions are new to the memo and the JIT, the
process is warmed by the others: a JIT's steady state compiling new functions (``--warm``
compiles the same functions again, which a cache keyed by function would inflate).

The instructions per bytecode count the functions' words and the shared subroutines'
that the JIT placed once in its buffer (a tree before session 17 spliced a copy into
every function that used one: counted in the functions).

Usage: .venv/bin/python benchmarks/bench_js_compile.py [--only NAME ...] [--repeat N]
       [--warm | --steady | --split] [--src DIR] [--against DIR] [--instructions]
       [--no-jit-cache]
       (--warm: compile each workload twice in its process, report the second;
       --instructions: count machine instructions under valgrind instead of timing;
       both report the setup before the compilations, imports included, beside them)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "tests" / "js" / "programs"
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
import _valgrind  # noqa: E402
from bench_js_jit import WORKLOADS  # noqa: E402


def one(name: str, warm: bool, skip: bool = False, split: bool = False,
        steady: bool = False) -> dict[str, float]:
    """Compile every function of workload ``name`` in this process; the figures
    (``skip``: everything but the compilations, the baseline of ``--instructions``;
    ``split``: see ``--split``; ``steady``: see ``--steady``)."""
    import gc

    t_setup = time.thread_time()
    from a64js.jit import Jit
    from tests.js.jitrun import jit_compiled, program_functions

    if steady:  # every other workload compiled first, each by a JIT of its own
        for other in WORKLOADS:
            if other != name:
                for _ in jit_compiled(PROGRAMS / f"{other}.js"):
                    pass
    codes = program_functions(PROGRAMS / f"{name}.js")
    jit = Jit(0)
    try:
        jit._start()  # the trampoline and stubs: not a compilation
        # what the process spent before compiling (imports, among them module-level
        # Fragments' builds; the realm; the JIT's start): work moved there from the
        # compilations would not show in their rate
        setup = time.thread_time() - t_setup
        rounds = 0 if skip else 2 if warm else 1
        spent = [0.0, 0.0]  # the cyclic collector's time while compiling, its start

        def collecting(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                spent[1] = time.thread_time()
            else:
                spent[0] += time.thread_time() - spent[1]

        gc.callbacks.append(collecting)
        for _ in range(rounds):
            spent[0] = 0.0
            jit.stats.compile_time = 0.0
            jit.stats.bytecodes = 0
            jit.stats.code_bytes = 0
            jit.compiled.clear()
            t0 = time.thread_time()
            for c in codes:
                jit.compile(c)
            wall = time.thread_time() - t0
        gc.callbacks.remove(collecting)
        if skip:
            return {}
        if split:
            return {"bytecodes": jit.stats.bytecodes, **_split(jit, codes, wall)}
        st = jit.stats
        # (the words emitted: the functions' and the shared subroutines' placed by
        # this JIT, which a tree before 2026-11 counted inside the functions)
        shared = getattr(st, "subroutine_bytes", 0)
        return {"functions": len(codes), "bytecodes": st.bytecodes,
                "seconds": st.compile_time, "outer": wall, "gc": spent[0],
                "instructions": (st.code_bytes + shared) / 4, "setup": setup,
                "shared": shared / 4}
    finally:
        jit.close()


def empty_memo() -> None:
    """Forget the JIT assembler's memo words in this process (its memo tables and the
    MacroAssembler's words of ``mov`` constants): its next instructions are first
    sights (served from the memo file, as in a new process)."""
    from a64jit.assembler import core
    from a64jit.macro import masm
    from a64js.jit.memocache import JitAssembler

    memos = core._CLASS_MEMOS.get(JitAssembler, [])
    memos[:] = [None] * len(memos)  # (a slot's table gone: every lookup a miss)
    for key in [k for k in masm._MOV_WORDS if k[0] is JitAssembler]:
        del masm._MOV_WORDS[key]


def _split(jit: Any, codes: list[Any], cold: float) -> dict[str, float]:
    """``--split``'s rounds after the cold one (``cold`` seconds): the functions again
    with the JIT assembler's memo emptied, then again; thread seconds of each."""

    def again() -> float:
        jit.compiled.clear()
        t0 = time.thread_time()
        for c in codes:
            jit.compile(c)
        return time.thread_time() - t0

    empty_memo()
    emptied = again()
    warm = min(again(), again())
    return {"cold": cold, "emptied": emptied, "warm": warm}


def _env(src: Path) -> dict[str, str]:
    """The environment of a process measuring the tree ``src``: it first on the path,
    then what else the path held but this checkout's src (scripts/native-python's
    site directory: esprima for the arm64 interpreter)."""
    rest = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
            if p and Path(p).resolve() != (ROOT / "src").resolve()]
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(src), *rest]))


def _python() -> list[str]:
    """The command that runs this interpreter again: under qemu-user (the arm64 CPython
    of scripts/native-python on another host, which cannot be executed directly)
    qemu-aarch64 with its sysroot; its environment (PYTHONHOME, the bytecode cache
    prefix) is inherited."""
    sysroot = ROOT / ".native" / "sysroot"
    if Path(sys.prefix).resolve().is_relative_to(sysroot.resolve()) \
            and shutil.which("qemu-aarch64") is not None:
        return ["qemu-aarch64", "-L", str(sysroot), sys.executable]
    return [sys.executable]


def _prime(names: list[str], trees: list[Path]) -> None:
    """One process per tree and workload: the subroutine and memo caches of each tree
    filled (when they are on) before any measured process."""
    if os.environ.get("A64JS_JIT_CACHE", "1").strip().lower() in ("0", "off", "no", "false"):
        return
    for tree in trees:
        for name in names:
            subprocess.run([*_python(), __file__, "--one", name], capture_output=True,
                           env=_env(tree), check=False)


def _measure(name: str, src: Path, repeat: int, warm: bool,
             split: bool = False, steady: bool = False) -> dict[str, float] | str:
    """Best of ``repeat`` processes compiling workload ``name`` with the tree ``src``;
    or the error's last line."""
    env = _env(src)
    best: dict[str, float] | None = None
    for _ in range(repeat):
        cmd = [*_python(), __file__, "--one", name] + (["--warm"] if warm else []) + (
            ["--split"] if split else []) + (["--steady"] if steady else [])
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        if p.returncode != 0:
            return (p.stderr.strip().splitlines() or ["exit " + str(p.returncode)])[-1]
        got = json.loads(p.stdout)
        order = "cold" if split else "seconds"
        if best is None or got[order] < best[order]:
            best = got
    assert best is not None
    return best


def instructions(name: str, src: Path) -> tuple[int, int, int]:
    """Machine instructions a cold compilation of workload ``name`` executes with the
    tree ``src``, counted by valgrind (the process minus the same process without the
    compilations: noise-free, unlike CPU time), its bytecodes, and the instructions of
    that process without the compilations (imports, module-level Fragments' builds,
    the realm, the JIT's start: work moved there would not show in the first)."""
    env = dict(_env(src), PYTHONHASHSEED="0")

    def count(*extra: str) -> tuple[int, str]:
        return _valgrind.count([sys.executable, __file__, "--one", name, *extra], env)

    total, out = count()
    base, _ = count("--skip")
    return total - base, int(json.loads(out)["bytecodes"]), base


def _geomean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="+", metavar="NAME", choices=WORKLOADS)
    ap.add_argument("--repeat", type=int, default=1, help="best of N processes")
    ap.add_argument("--warm", action="store_true")
    ap.add_argument("--src", metavar="DIR", type=Path, default=ROOT / "src",
                    help="the source tree to measure (default: this checkout's src)")
    ap.add_argument("--against", metavar="DIR", type=Path,
                    help="another source tree to compare with (its a64jit and a64js)")
    ap.add_argument("--instructions", action="store_true",
                    help="machine instructions of each cold compilation under valgrind "
                    "(noise-free; slow: two valgrind processes per workload and tree)")
    ap.add_argument("--no-jit-cache", action="store_true",
                    help="every process records the JIT's shared subroutines (no cache "
                    "kept between processes: A64JS_JIT_CACHE=0)")
    ap.add_argument("--split", action="store_true",
                    help="where a cold compile goes: the instruction memo's first sights, "
                    "other first uses in a process, the warm compile (see above)")
    ap.add_argument("--steady", action="store_true",
                    help="each workload compiled in a process that compiled every other "
                    "workload first (each with a JIT of its own): new functions to a "
                    "warmed process, a JIT's steady state")
    ap.add_argument("--one", metavar="NAME", help=argparse.SUPPRESS)
    ap.add_argument("--skip", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.warm, args.skip, args.split, args.steady)))
        return 0
    if args.split and (args.warm or args.against is not None or args.instructions
                       or args.steady):
        ap.error("--split: measures one tree, cold (not with --warm, --steady, --against "
                 "or --instructions)")
    if args.steady and (args.warm or args.instructions):
        ap.error("--steady: not with --warm or --instructions")
    if args.repeat < 1:
        ap.error(f"--repeat {args.repeat}: expected 1 or more")
    for flag, tree in (("--src", args.src), ("--against", args.against)):
        if tree is not None and not (tree / "a64js").is_dir():
            ap.error(f"{flag} {tree}: not a source tree (no a64js package in it)")
    names = args.only or WORKLOADS
    trees = [args.src] + ([args.against] if args.against is not None else [])
    if args.no_jit_cache:
        os.environ["A64JS_JIT_CACHE"] = "0"
    _prime(names, trees)
    print(f"JIT subroutine and memo caches: {'off' if args.no_jit_cache else 'on (filled)'}")
    if args.instructions:
        return _count_instructions(names, trees)
    if args.split:
        return _print_split(names, args.src, args.repeat)
    head = f"{'workload':<14}{'functions':>10}{'bytecodes':>10}{'ms':>9}{'bytecodes/s':>13}" \
           f"{'insns/bc':>10}{'gc ms':>8}{'setup ms':>9}"
    if args.against is not None:
        head += f"{'other ms':>10}{'other bc/s':>12}{'other i/bc':>11}{'ratio':>7}"
    print(head)
    tot = [[0.0] * 4 for _ in trees]  # bytecodes, seconds, instructions, gc
    rates: list[list[float]] = [[] for _ in trees]
    for name in names:
        got = [_measure(name, tree, args.repeat, args.warm, steady=args.steady)
               for tree in trees]
        bad = [g for g in got if isinstance(g, str)]
        if bad:
            print(f"{name:<14} failed: {bad[0]}")
            continue
        line = f"{name:<14}"
        for k, best in enumerate(got):
            assert not isinstance(best, str)
            rate = best["bytecodes"] / best["seconds"]
            rates[k].append(rate)
            for i, key in enumerate(("bytecodes", "seconds", "instructions", "gc")):
                tot[k][i] += best[key]
            if k == 0:
                line += (f"{best['functions']:>10.0f}{best['bytecodes']:>10.0f}"
                         f"{best['seconds'] * 1000:>9.1f}{rate:>13,.0f}"
                         f"{best['instructions'] / best['bytecodes']:>10.1f}"
                         f"{best['gc'] * 1000:>8.1f}{best['setup'] * 1000:>9.1f}")
            else:
                line += (f"{best['seconds'] * 1000:>10.1f}{rate:>12,.0f}"
                         f"{best['instructions'] / best['bytecodes']:>11.1f}"
                         f"{rates[0][-1] / rate:>7.2f}")
        print(line)
    if rates[0]:
        line = f"{'all':<14}{'':>10}{tot[0][0]:>10.0f}{tot[0][1] * 1000:>9.1f}" \
               f"{tot[0][0] / tot[0][1]:>13,.0f}{tot[0][2] / tot[0][0]:>10.1f}" \
               f"{tot[0][3] * 1000:>8.1f}{'':>9}"
        if len(trees) > 1:
            line += (f"{tot[1][1] * 1000:>10.1f}{tot[1][0] / tot[1][1]:>12,.0f}"
                     f"{tot[1][2] / tot[1][0]:>11.1f}"
                     f"{(tot[0][0] / tot[0][1]) / (tot[1][0] / tot[1][1]):>7.2f}")
        print(line)
        line = f"geometric mean of the rates: {_geomean(rates[0]):,.0f} bytecodes/s"
        if len(trees) > 1:
            line += (f"; the other tree {_geomean(rates[1]):,.0f} "
                     f"(ratio {_geomean(rates[0]) / _geomean(rates[1]):.2f})")
        print(line)
    return 0


def _print_split(names: list[str], src: Path, repeat: int) -> int:
    """``--split``'s table: per workload, thread ms of the cold compile, of its parts
    (the memo's first sights, the process's other first uses, the warm compile), and
    the rates cold and warm."""
    print(f"{'workload':<14}{'bytecodes':>10}{'cold ms':>9}{'words ms':>10}{'process ms':>11}"
          f"{'warm ms':>9}{'cold bc/s':>11}{'warm bc/s':>11}")
    tot = [0.0] * 5
    for name in names:
        got = _measure(name, src, repeat, False, split=True)
        if isinstance(got, str):
            print(f"{name:<14} failed: {got}")
            continue
        bc, cold, emptied, warm = got["bytecodes"], got["cold"], got["emptied"], got["warm"]
        for i, v in enumerate((bc, cold, emptied - warm, cold - emptied, warm)):
            tot[i] += v
        print(f"{name:<14}{bc:>10.0f}{cold * 1000:>9.1f}{(emptied - warm) * 1000:>10.1f}"
              f"{(cold - emptied) * 1000:>11.1f}{warm * 1000:>9.1f}{bc / cold:>11,.0f}"
              f"{bc / warm:>11,.0f}")
    if tot[1]:
        print(f"{'all':<14}{tot[0]:>10.0f}{tot[1] * 1000:>9.1f}{tot[2] * 1000:>10.1f}"
              f"{tot[3] * 1000:>11.1f}{tot[4] * 1000:>9.1f}{tot[0] / tot[1]:>11,.0f}"
              f"{tot[0] / tot[4]:>11,.0f}")
    return 0


def _count_instructions(names: list[str], trees: list[Path]) -> int:
    """``--instructions``: per workload, machine instructions per bytecode of a cold
    compilation in each tree, and their ratio (the other tree's over this one's)."""
    if shutil.which("valgrind") is None:
        print("--instructions: valgrind is not installed")
        return 1
    head = f"{'workload':<14}{'bytecodes':>10}{'M instr':>10}{'instr/bc':>10}{'setup M':>10}"
    if len(trees) > 1:
        head += f"{'other M':>10}{'other i/bc':>11}{'ratio':>7}{'o. setup M':>11}"
    print(head)
    for name in names:
        got = [instructions(name, tree) for tree in trees]
        n, bc, setup = got[0]
        line = f"{name:<14}{bc:>10}{n / 1e6:>10.1f}{n / bc:>10,.0f}{setup / 1e6:>10.1f}"
        if len(got) > 1:
            n2, bc2, setup2 = got[1]
            line += (f"{n2 / 1e6:>10.1f}{n2 / bc2:>11,.0f}{n2 / n:>7.2f}"
                     f"{setup2 / 1e6:>11.1f}")
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
