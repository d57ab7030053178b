# ruff: noqa: E702  (the baseline loops are unrolled on purpose)
"""Assembler throughput, measured in one run (the machine is noisy, so ratios matter).

1. Python API: 100,000 instructions of a realistic mix (prologue/epilogue pairs,
   arithmetic, logic, moves, loads/stores in four addressing modes, compares,
   conditional select, shifts, multiply-add, branches to forward and backward
   labels). A JIT emits the same shapes again and again with other registers,
   offsets and constants, so each 20-instruction block draws its operands from a
   table of operand sets:

   * ``64 operand sets``: the typical case; most instructions repeat an earlier one
     exactly and hit the assembler's instruction memo (assembler/memo.py);
   * ``all distinct``: a fresh operand set for every block, so nearly every
     instruction is new: the full operand checks and encoders every time.

   Both are compared with a bare ``array.append(int)`` loop appending the same
   number of words, and with the same loop calling an empty Python method: the
   least a one-method-per-instruction API can cost in CPython.
2. Text front-end: a 10,000-line program with labels, assembled with ``assemble``.

Run: ``.venv/bin/python benchmarks/bench_assembler.py``
"""

from __future__ import annotations

import random
import time
from array import array
from collections.abc import Callable, Sequence

from a64jit import (
    COND_BY_CODE,
    X_BY_CODE,
    Assembler,
    GPRegister,
    assemble,
    lsl,
    mem,
    post,
    pre,
    sp,
    uxtw,
    x29,
    x30,
)

N = 100_000
BLOCK = 20  # instructions per loop iteration below

OperandSet = tuple[GPRegister, GPRegister, GPRegister, GPRegister, GPRegister,
                   GPRegister, GPRegister, GPRegister, int, int, int, object]


def operand_sets(count: int, seed: int = 2026) -> list[OperandSet]:
    """``count`` operand sets: five distinct x registers (x0..x28), the w views of
    three, a scaled offset, an add immediate, a shift and a condition."""
    rng = random.Random(seed)
    sets: list[OperandSet] = []
    for _ in range(count):
        d, n, m, t, u = rng.sample(X_BY_CODE[:29], 5)
        sets.append((d, n, m, t, u, d.w, n.w, m.w, rng.randrange(512) * 8,
                     rng.randrange(4096), rng.randrange(1, 64), COND_BY_CODE[rng.randrange(14)]))
    return sets


def emit_mix(sets: Sequence[OperandSet], n: int = N) -> Assembler:
    a = Assembler()
    top = a.here("top")
    count = len(sets)
    for i in range(n // BLOCK):
        d, n_, m, t, u, dw, nw, mw, off, imm, sh, cond = sets[i % count]
        fwd = a.label()
        a.stp(x29, x30, pre(sp, -32))
        a.add(d, n_, imm)
        a.sub(d, d, m, lsl(2))
        a.ldr(t, mem(n_, off))
        a.str(t, mem(u, m, lsl(3)))
        a.ldr(dw, mem(n_, mw, uxtw(2)))
        a.mov(m, t)
        a.mov(u, imm)
        a.orr(d, n_, 0xFF)
        a.and_(dw, nw, mw)
        a.cmp(d, m)
        a.csel(n_, m, t, cond)  # type: ignore[arg-type]
        a.lsl(u, n_, sh)
        a.cbz(d, fwd)
        a.madd(n_, m, t, u)
        a.b_ne(top)
        a.bind(fwd)
        a.ldr(t, post(u, 8))
        a.eor(m, m, t)
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


class _Empty:
    def op(self, *operands: object) -> None:
        pass


def empty_calls(n: int = N) -> None:
    """The bare append loop's shape, but each word is an empty Python method call."""
    e = _Empty()
    r, k = X_BY_CODE[1], 8
    for _ in range(n // BLOCK):
        e.op(r, r, r); e.op(r, r, k); e.op(r, r, r, r); e.op(r, r); e.op(r, r)
        e.op(r, r); e.op(r, r); e.op(r, k); e.op(r, r, k); e.op(r, r, r)
        e.op(r, r); e.op(r, r, r, r); e.op(r, r, k); e.op(r, r); e.op(r, r, r, r)
        e.op(r); e.op(r, r); e.op(r, r, r); e.op(r, r, r); e.op()


def text_program(lines: int = 10_000) -> str:
    body = [
        "add x0, x1, #4", "sub x2, x2, x3, lsl #2", "ldr x4, [x5, #16]", "str x4, [x6, x7, lsl #3]",
        "mov x3, x4", "orr x6, x7, #0xff", "cmp x0, x2", "csel x1, x2, x3, eq",
        "stp x29, x30, [sp, #-32]!", "ldp x29, x30, [sp], #32",
    ]
    out: list[str] = []
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


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    return min(timed(fn) for _ in range(repeat))


def main() -> None:
    typical = operand_sets(64)
    distinct = operand_sets(N // BLOCK, seed=7)
    # The first run of a fresh process starts with an empty memo.
    t_cold = timed(lambda: emit_mix(typical))
    n_emitted = len(emit_mix(typical[:1], BLOCK).finalize()) // 4 * (N // BLOCK)
    t_api = best_of(lambda: emit_mix(typical))
    t_distinct = best_of(lambda: emit_mix(distinct))
    t_bare = best_of(bare_append)
    t_empty = best_of(empty_calls)
    src = text_program()
    n_lines = src.count("\n") + 1
    t_text = best_of(lambda: assemble(src))

    def rate(t: float) -> str:
        return f"{n_emitted / t / 1e6:.2f} M instructions/s, {t / t_bare:.1f}x bare append"

    print(f"Python API, 64 operand sets  : {rate(t_api)}   (goal >= 2.0 M/s, <= 2x)")
    print(f"  same, first run (cold memo): {rate(t_cold)}")
    print(f"Python API, all distinct     : {rate(t_distinct)}")
    print(f"bare array.append loop       : {n_emitted / t_bare / 1e6:.2f} M words/s")
    print(f"empty Python method per word : {rate(t_empty)}  (the floor of any such API)")
    print(f"text front-end: {n_lines} lines in {t_text * 1e3:.1f} ms = "
          f"{n_lines / t_text / 1e3:.0f} k lines/s (goal >= 100)")


if __name__ == "__main__":
    main()
