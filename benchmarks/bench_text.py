"""Text front-end throughput at growing input sizes (issue 10 item 10, issue 11 speed).

Prints lines/s for the 10,000-line benchmark program of bench_assembler.py, the same
program at 200,000 lines, a 100,000-line compiler-style file (many distinct operands,
labels, data directives, sections) and labels per second for 8,000 and 80,000 labels on
one line, with the ratios measured in this run: throughput must not fall with size
(ratios near 1.0; goal: 10k-line program >= 250 k lines/s on an unloaded machine).
Repeated runs of one text hit the front-end's statement caches (best of N); the cold
rate of a fresh gcc-style text, the first assembly in the process, is printed too.

Run: ``.venv/bin/python benchmarks/bench_text.py`` (``--against REV`` also measures the
front-end of git revision REV, alternately in fresh processes, and prints the ratios).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_assembler import text_program

from a64jit import assemble


def compiler_style(lines: int, seed: int = 1) -> str:
    """gcc -O2 -S shaped text: functions with prologues, varied registers/offsets, local
    labels, cfi directives, a rodata table per function."""
    rng = random.Random(seed)
    out: list[str] = ["\t.arch armv8-a", "\t.text"]
    fn = 0
    while len(out) < lines:
        out += ["\t.align\t2", f"\t.global\tf{fn}", f"\t.type\tf{fn}, %function", f"f{fn}:",
                "\t.cfi_startproc", "\tstp\tx29, x30, [sp, -32]!", "\tmov\tx29, sp"]
        for b in range(rng.randint(3, 12)):
            out.append(f".L{fn}_{b}:")
            for _ in range(rng.randint(2, 8)):
                r = [rng.randint(0, 28) for _ in range(3)]
                out.append(rng.choice([
                    f"\tadd\tx{r[0]}, x{r[1]}, x{r[2]}", f"\tsub\tw{r[0]}, w{r[1]}, #{r[2]}",
                    f"\tldr\tx{r[0]}, [x{r[1]}, {8 * r[2]}]",
                    f"\tstr\tw{r[0]}, [x{r[1]}, x{r[2]}, lsl 2]",
                    f"\tcmp\tx{r[0]}, {r[1]}", f"\tcsel\tx{r[0]}, x{r[1]}, x{r[2]}, lt",
                    f"\tmadd\tx{r[0]}, x{r[1]}, x{r[2]}, x{r[0]}",
                    f"\tlsl\tx{r[0]}, x{r[1]}, {r[2]}",
                ]))
            out.append(f"\tb.ne\t.L{fn}_{rng.randint(0, b)}")
        out += [f"\tadrp\tx0, .LC{fn}", f"\tadd\tx0, x0, :lo12:.LC{fn}",
                "\tldp\tx29, x30, [sp], 32", "\tret", "\t.cfi_endproc",
                f"\t.size\tf{fn}, .-f{fn}", "\t.section\t.rodata", "\t.align\t3",
                f".LC{fn}:", f"\t.xword\t{rng.randint(0, 1 << 40)}", f"\t.string\t\"f{fn}\"",
                "\t.text"]
        fn += 1
    return "\n".join([*out[:lines], "\t.text", "\tret"])


def best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def rate(src: str, repeat: int) -> float:
    n = src.count("\n") + 1
    return n / best_of(lambda: assemble(src), repeat)


def measure() -> dict[str, float]:
    """Every rate of this benchmark (0.0 where this version rejects the input)."""
    out: dict[str, float] = {}
    few = " ".join(f"l{i}:" for i in range(8_000)) + " nop"
    many = " ".join(f"l{i}:" for i in range(80_000)) + " nop"
    cases: list[tuple[str, Callable[[], float]]] = [
        # first: the front-end's statement caches are empty (a fresh process)
        ("gcc20k-cold", lambda: rate(compiler_style(20_000, seed=7), 1)),
        ("10k", lambda: rate(text_program(10_000), 5)),
        ("200k", lambda: rate(text_program(200_000), 2)),
        ("gcc100k", lambda: rate(compiler_style(100_000), 2)),
        ("labels8k", lambda: 8_000 / best_of(lambda: assemble(few), 3)),
        ("labels80k", lambda: 80_000 / best_of(lambda: assemble(many), 2)),
    ]
    for key, fn in cases:
        try:
            out[key] = fn()
        except ValueError:  # an older front-end without these directives
            out[key] = 0.0
    return out


def report(now: dict[str, float], before: dict[str, float] | None = None,
           rev: str = "") -> None:
    small = now["10k"]

    def vs(key: str) -> str:
        if before is None:
            return ""
        if not before[key]:
            return f"  ({rev}: rejects it)"
        return f"  ({now[key] / before[key]:.2f}x {rev}: {before[key] / 1e3:.0f} k)"

    print(f"10,000-line program      : {small / 1e3:6.0f} k lines/s (goal >= 250){vs('10k')}")
    print(f"200,000-line program     : {now['200k'] / 1e3:6.0f} k lines/s = "
          f"{now['200k'] / small:.2f}x the 10k rate (goal: no fall){vs('200k')}")
    print(f"100,000-line gcc-style   : {now['gcc100k'] / 1e3:6.0f} k lines/s = "
          f"{now['gcc100k'] / small:.2f}x the 10k rate{vs('gcc100k')}")
    print(f"20,000-line gcc-style, cold caches (first run in the process): "
          f"{now['gcc20k-cold'] / 1e3:.0f} k lines/s{vs('gcc20k-cold')}")
    print(f"labels on one line, 8k   : {now['labels8k'] / 1e3:6.0f} k labels/s{vs('labels8k')}")
    print(f"labels on one line, 80k  : {now['labels80k'] / 1e3:6.0f} k labels/s = "
          f"{now['labels80k'] / now['labels8k']:.2f}x the 8k rate (goal: no fall)"
          f"{vs('labels80k')}")


def _child(src: str | None) -> dict[str, float]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, __file__, "--json"], env=env,
                          capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"bench_text: the measuring process failed:\n{proc.stderr}")
    result: dict[str, float] = json.loads(proc.stdout)
    return result


def against(rev: str, rounds: int) -> None:
    """This tree and ``rev``'s src/a64jit, measured alternately in fresh processes (the
    machine's load shifts: the best of the rounds of each side is compared)."""
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(root), "archive", rev, "src/a64jit"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        old_src = os.path.join(tmp, "src")
        now: dict[str, float] = {}
        before: dict[str, float] = {}
        for _ in range(rounds):
            for side, src in ((now, None), (before, old_src)):
                for key, value in _child(src).items():
                    side[key] = max(side.get(key, 0.0), value)
    report(now, before, rev)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", metavar="REV",
                        help="also measure the front-end of git revision REV, alternately")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure()))
    elif args.against:
        against(args.against, args.rounds)
    else:
        report(measure())


if __name__ == "__main__":
    main()
