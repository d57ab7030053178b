# ruff: noqa: E702  (the baseline loop is unrolled on purpose)
"""Assembler throughput, measured in one run (the machine is noisy, so ratios matter).

1. Python API: a realistic mix of 100,000 instructions (arithmetic, logic, moves,
   loads/stores, pairs, compares, branches to forward and backward labels) versus a
   bare ``array.append(int)`` loop appending the same number of words.
2. Text front-end: a 10,000-line program with labels, assembled with ``assemble``.

Run: ``.venv/bin/python benchmarks/bench_assembler.py``
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable

from a64jit import (
    EQ,
    Assembler,
    assemble,
    lsl,
    mem,
    post,
    pre,
    sp,
    uxtw,
    w0,
    w1,
    w2,
    x0,
    x1,
    x2,
    x3,
    x4,
    x5,
    x6,
    x7,
    x8,
    x19,
    x20,
    x29,
    x30,
)

N = 100_000
BLOCK = 20  # instructions per loop iteration below


def emit_mix(n: int = N) -> Assembler:
    a = Assembler()
    top = a.here("top")
    for _ in range(n // BLOCK):
        fwd = a.label()
        a.stp(x29, x30, pre(sp, -32))
        a.add(x0, x1, 4)
        a.sub(x2, x2, x3, lsl(2))
        a.ldr(x4, mem(x5, 16))
        a.str(x4, mem(x6, x7, lsl(3)))
        a.ldr(w0, mem(x1, w2, uxtw(2)))
        a.mov(x3, x4)
        a.mov(x5, 0x1234)
        a.orr(x6, x7, 0xFF)
        a.and_(w0, w1, w2)
        a.cmp(x0, x2)
        a.csel(x1, x2, x3, EQ)
        a.lsl(x8, x1, 3)
        a.cbz(x0, fwd)
        a.madd(x1, x2, x3, x4)
        a.b_ne(top)
        a.bind(fwd)
        a.ldr(x19, post(x20, 8))
        a.eor(x2, x2, x3)
        a.ldp(x29, x30, post(sp, 32))
        a.ret()
    return a


def bare_append(n: int = N) -> array[int]:
    buf = array("I")
    ap = buf.append
    for _ in range(n // BLOCK):
        ap(0xA9BE7BFD); ap(0x91001020); ap(0xCB030842); ap(0xF94008A4); ap(0xF82778C4)
        ap(0xB8625820); ap(0xAA0403E3); ap(0xD2824685); ap(0xB2401CE6); ap(0x0A020020)
        ap(0xEB02001F); ap(0x9A830041); ap(0xD37DF028); ap(0xB4000040); ap(0x9B031041)
        ap(0x54FFFDA1); ap(0xF8408693); ap(0xCA030042); ap(0xA8C27BFD); ap(0xD65F03C0)
    return buf


def text_program(lines: int = 10_000) -> str:
    body = [
        "add x0, x1, #4", "sub x2, x2, x3, lsl #2", "ldr x4, [x5, #16]", "str x4, [x6, x7, lsl #3]",
        "mov x3, x4", "orr x6, x7, #0xff", "cmp x0, x2", "csel x1, x2, x3, eq",
        "stp x29, x30, [sp, #-32]!", "ldp x29, x30, [sp], #32",
    ]
    out = []
    n = 0
    while len(out) < lines:
        out.append(f"L{n}:")
        out.extend(body[:7])
        out.append(f"b.ne L{n}")
        out.append(f"cbz x0, L{n + 1}")
        n += 1
    out.append(f"L{n}:")
    out.append("ret")
    return "\n".join([*out[:lines - 2], f"L{n}:", "ret"])


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    n_emitted = len(emit_mix().finalize()) // 4
    t_api = best_of(emit_mix)
    t_bare = best_of(bare_append)
    src = text_program()
    n_lines = src.count("\n") + 1
    t_text = best_of(lambda: assemble(src))
    print(f"Python API : {n_emitted} instructions in {t_api * 1e3:.1f} ms = "
          f"{n_emitted / t_api / 1e6:.2f} M instructions/s (goal >= 2.0)")
    print(f"bare append: {n_emitted} words in {t_bare * 1e3:.1f} ms = "
          f"{n_emitted / t_bare / 1e6:.2f} M words/s")
    print(f"ratio API / bare append: {t_api / t_bare:.1f}x (goal <= 2x)")
    print(f"text front-end: {n_lines} lines in {t_text * 1e3:.1f} ms = "
          f"{n_lines / t_text / 1e3:.0f} k lines/s (goal >= 100)")


if __name__ == "__main__":
    main()
