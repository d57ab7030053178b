"""Small machine-code programs the debug-tooling tests and benchmarks/bench_debug.py share."""

from __future__ import annotations

from a64jit import Assembler, x0, x1, x2


def sum_loop() -> Assembler:
    """``int64 f(int64 n, int64 k)``: k added n times (a loop with a label on each side)."""
    a = Assembler()
    loop, done = a.label("loop"), a.label("done")
    a.mov(x2, 0)
    a.cbz(x0, done)
    a.bind(loop)
    a.add(x2, x2, x1)
    a.subs(x0, x0, 1)
    a.b_ne(loop)
    a.bind(done)
    a.mov(x0, x2)
    a.ret()
    return a
