"""Operand pools shared by the vector specs: every register number, edge values."""

from __future__ import annotations

X = [f"x{i}" for i in range(31)]
W = [f"w{i}" for i in range(31)]
XZR = [*X, "xzr"]
WZR = [*W, "wzr"]
XSP = [*X, "sp"]
WSP = [*W, "wsp"]
CONDS = ["eq", "ne", "cs", "hs", "cc", "lo", "mi", "pl", "vs", "vc",
         "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"]


def cycle(pool: list[str], n: int, start: int = 0) -> list[str]:
    """``n`` entries of ``pool`` walking with a stride, so every register shows up."""
    return [pool[(start + 7 * i) % len(pool)] for i in range(n)]


def regs3(pool_d: list[str], pool_n: list[str], pool_m: list[str], n: int = 32):
    """Triples covering every register number in every position."""
    return [(pool_d[i % len(pool_d)], pool_n[(i * 5 + 3) % len(pool_n)],
             pool_m[(i * 11 + 7) % len(pool_m)]) for i in range(n)]
