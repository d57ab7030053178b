"""b.<cond> and bc.<cond> (FEAT_HBC) executed in the emulator: for every condition and
flag state, the branch is taken exactly when a Python model of the condition holds.

Unicorn's CPU model (and qemu 7.2's "max") lacks FEAT_HBC: bc.<cond> is an undefined
instruction there, so its half skips; its bytes are checked against llvm-mc
(tests/vectors/hbc.txt, labels.txt)."""

from __future__ import annotations

import ctypes

import pytest

from a64jit import Assembler, JitBuffer
from a64jit.errors import JitFault
from a64jit.operands import COND_BY_CODE, Cond, x0, x1

U64 = ctypes.c_uint64
#: (x, y) pairs: cmp x, y sets every NZCV combination a compare can make.
_PAIRS = [(3, 3), (3, 4), (4, 3), (0, 1), (1 << 63, 1), (1, 1 << 63), ((1 << 64) - 1, 0),
          ((1 << 63) - 1, (1 << 64) - 1)]


def _holds(cond: Cond, x: int, y: int) -> bool:
    """The condition after ``cmp x, y`` (64-bit), from NZCV as the Arm ARM defines them."""
    res = (x - y) & ((1 << 64) - 1)
    n, z, c = res >> 63, res == 0, x >= y
    sx, sy = x - (x >> 63 << 64), y - (y >> 63 << 64)
    v = not -(1 << 63) <= sx - sy < 1 << 63
    base = {0: z, 1: c, 2: bool(n), 3: v, 4: c and not z, 5: n == v, 6: n == v and not z,
            7: True}[cond.code >> 1]
    return base if cond.code & 1 == 0 or cond.code >= 14 else not base


def _taken(buf: JitBuffer, emit: str, cond: Cond) -> list[bool]:
    a = Assembler()
    taken = a.label()
    a.cmp(x0, x1)
    getattr(a, emit)(cond, taken)
    a.mov(x0, 0)
    a.ret()
    a.bind(taken)
    a.mov(x0, 1)
    a.ret()
    f = buf.install(a, restype=U64, argtypes=[U64, U64])
    return [bool(f(x, y)) for x, y in _PAIRS]


@pytest.mark.parametrize("emit", ["b_cond", "bc_cond"])
def test_conditional_branches_follow_the_flags(buf: JitBuffer, emit: str) -> None:
    for cond in COND_BY_CODE:
        try:
            got = _taken(buf, emit, cond)
        except JitFault as exc:
            if emit == "bc_cond" and "undefined instruction" in str(exc):
                pytest.skip(f"the emulator's CPU model has no FEAT_HBC: {exc}")
            raise
        assert got == [_holds(cond, x, y) for x, y in _PAIRS], cond
