"""Memory copy and set (FEAT_MOPS): cpyf*/cpy* with every read/write option suffix,
set*/setg* (MTE) with t/n/tn; the register constraints LLVM checks."""

from __future__ import annotations

from collections.abc import Iterator

MATTR = "+mops,+mte"

_RW = ("", "wt", "rt", "t")
_NT = ("", "wn", "rn", "n")
CPY = [base + phase + _RW[op2 & 3] + _NT[op2 >> 2]
       for base in ("cpyf", "cpy") for phase in "pme" for op2 in range(16)]
SET = [base + phase + suffix
       for base in ("set", "setg") for phase in "pme" for suffix in ("", "t", "n", "tn")]
# (destination, source, size) numbers, 31 = xzr (allowed for the size only)
CPY_REGS = [(0, 1, 2), (30, 29, 28), (1, 30, 31), (17, 5, 9), (2, 0, 1)]
# (destination, size, source) numbers, 31 = xzr (allowed for the size and the source)
SET_REGS = [(0, 1, 2), (30, 29, 28), (1, 31, 30), (17, 5, 31), (2, 0, 1)]


def _x(n: int) -> str:
    return "xzr" if n == 31 else f"x{n}"


def lines() -> Iterator[str]:
    for op in CPY:
        for d, s, n in CPY_REGS:
            yield f"{op} [{_x(d)}]!, [{_x(s)}]!, {_x(n)}!"
    for op in SET:
        for d, n, s in SET_REGS:
            yield f"{op} [{_x(d)}]!, {_x(n)}!, {_x(s)}"
    # Spellings LLVM accepts: spaces, upper case, aliases.
    yield "cpyfp [ x0 ] !, [ x1 ]!, x2 !"
    yield "CPYFPWTN [X3]!, [X4]!, X5!"
    yield "cpyp [fp]!, [lr]!, x2!"
    yield "setp\t[x0]!,x1!,x2"
    yield "SETGETN [X7]!, X8!, XZR"
    for op in ("cpyfp", "cpye", "cpyfmrtwn"):
        yield f"{op} [x0]!, [x0]!, x2!"      # destination == source
        yield f"{op} [x0]!, [x1]!, x0!"      # destination == size
        yield f"{op} [x0]!, [x1]!, x1!"      # source == size
        yield f"{op} [sp]!, [x1]!, x2!"
        yield f"{op} [x0]!, [sp]!, x2!"
        yield f"{op} [x0]!, [x1]!, sp!"
        yield f"{op} [xzr]!, [x1]!, x2!"
        yield f"{op} [x0]!, [xzr]!, x2!"
        yield f"{op} [w0]!, [x1]!, x2!"
        yield f"{op} [x0]!, [w1]!, x2!"
        yield f"{op} [x0]!, [x1]!, w2!"
        yield f"{op} [x0, #0]!, [x1]!, x2!"
        yield f"{op} [x0, #16]!, [x1]!, x2!"
        yield f"{op} [x0], [x1]!, x2!"
        yield f"{op} [x0]!, [x1], x2!"
        yield f"{op} [x0]!, [x1]!, x2"
        yield f"{op} x0!, [x1]!, x2!"
        yield f"{op} [x0]!, x1!, x2!"
        yield f"{op} [x0]!, [x1]!, [x2]!"
        yield f"{op} [x0]!, [x1]!"
        yield f"{op} [x0]!, [x1]!, x2!, x3"
        yield f"{op} [x0]!, [x1]!, x2!!"
    for op in ("setp", "setge", "setmtn"):
        yield f"{op} [x0]!, x0!, x2"         # destination == size
        yield f"{op} [x0]!, x1!, x0"         # destination == source
        yield f"{op} [x0]!, x1!, x1"         # size == source
        yield f"{op} [x0]!, xzr!, xzr"       # size == source (both zero)
        yield f"{op} [sp]!, x1!, x2"
        yield f"{op} [xzr]!, x1!, x2"
        yield f"{op} [x0]!, sp!, x2"
        yield f"{op} [x0]!, x1!, sp"
        yield f"{op} [w0]!, x1!, x2"
        yield f"{op} [x0]!, w1!, x2"
        yield f"{op} [x0]!, x1!, w2"
        yield f"{op} [x0, #0]!, x1!, x2"
        yield f"{op} [x0]!, x1!, x2!"
        yield f"{op} [x0]!, x1, x2"
        yield f"{op} [x0]!, [x1]!, x2"
        yield f"{op} x0!, x1!, x2"
        yield f"{op} [x0], x1!, x2"
        yield f"{op} [x0]!, x1!"
        yield f"{op} [x0]!, x1!, x2, x3"
        yield f"{op} [x0]!, x1!, #0"
