"""Text front-end throughput at growing input sizes (issue 10 item 10, issue 11 speed).

Prints lines/s for the 10,000-line benchmark program of bench_assembler.py, the same
program at 200,000 lines, a 100,000-line compiler-style file (many distinct operands,
labels, data directives, sections) and labels per second for 8,000 and 80,000 labels on
one line, with the ratios measured in this run: throughput must not fall with size
(ratios near 1.0; goal: 10k-line program >= 250 k lines/s on an unloaded machine).

Run: ``.venv/bin/python benchmarks/bench_text.py``
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

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


def main() -> None:
    small = rate(text_program(10_000), 5)
    large = rate(text_program(200_000), 2)
    compiler = rate(compiler_style(100_000), 2)
    few = " ".join(f"l{i}:" for i in range(8_000)) + " nop"
    many = " ".join(f"l{i}:" for i in range(80_000)) + " nop"
    few_rate = 8_000 / best_of(lambda: assemble(few), 3)
    many_rate = 80_000 / best_of(lambda: assemble(many), 2)
    print(f"10,000-line program      : {small / 1e3:6.0f} k lines/s (goal >= 250)")
    print(f"200,000-line program     : {large / 1e3:6.0f} k lines/s = {large / small:.2f}x the "
          "10k rate (goal: no fall)")
    print(f"100,000-line gcc-style   : {compiler / 1e3:6.0f} k lines/s = "
          f"{compiler / small:.2f}x the 10k rate")
    print(f"labels on one line, 8k   : {few_rate / 1e3:6.0f} k labels/s")
    print(f"labels on one line, 80k  : {many_rate / 1e3:6.0f} k labels/s = "
          f"{many_rate / few_rate:.2f}x the 8k rate (goal: no fall)")


if __name__ == "__main__":
    main()
