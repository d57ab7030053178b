"""Issue 10 item 1: a negated immediate swaps cmp/cmn, add/sub, adds/subs only where
that is exact. Executed in the emulator backend; flags checked with mrs and cset."""

from __future__ import annotations

import ctypes
import random
from collections.abc import Iterator

import pytest

from a64jit import JitBuffer, MacroAssembler
from a64jit.operands import GE, HS, LO, LT, VS, w0, w1, x0, x1

from ._fuzz import fuzz_masm as F


@pytest.fixture(scope="module")
def buf() -> Iterator[JitBuffer]:
    with JitBuffer(backend="emulator") as b:
        yield b


def _cset_after(buf: JitBuffer, op: str, width: int, imm: int, cond: object, a: int) -> int:
    m = MacroAssembler()
    rn = x0 if width == 64 else w0
    getattr(m, op)(rn, imm)
    m.cset(x0, cond)  # type: ignore[arg-type]
    m.ret()
    fn = buf.install(m, restype=ctypes.c_uint64, argtypes=[ctypes.c_uint64])
    try:
        return int(fn(a))
    finally:
        buf.free(fn)


def test_cmp_int_min_is_signed_less_than(buf: JitBuffer) -> None:
    # The report: cmp(x0, -2**63) became cmn x0, x16 and cset LT gave 1 for x0 = 5.
    assert _cset_after(buf, "cmp", 64, -(2**63), LT, 5) == 0
    assert _cset_after(buf, "cmp", 64, -(2**63), GE, 5) == 1
    assert _cset_after(buf, "cmp", 32, -(2**31), LT, 5) == 0
    assert _cset_after(buf, "cmp", 32, -(2**31), VS, 5) == 1  # 5 - INT_MIN overflows
    assert _cset_after(buf, "cmn", 64, -(2**63), LT, 5) == 1  # 5 + INT_MIN < 0
    assert _cset_after(buf, "cmn", 32, -(2**31), HS, 5) == 0  # no carry out
    assert _cset_after(buf, "cmp", 64, -5, LO, 3) == 1  # 3 < 2**64 - 5 unsigned


def test_adds_subs_int_min_flags(buf: JitBuffer) -> None:
    for op, width in (("adds", 64), ("subs", 64), ("adds", 32), ("subs", 32)):
        imm = -(1 << (width - 1))
        cases = [F.Case(op, width, 0, 1, imm, a, 0, 0)
                 for a in (0, 1, 5, (1 << (width - 1)) - 1, 1 << (width - 1), (1 << width) - 1)]
        assert F.check_cases(cases, buf) == []
    m = MacroAssembler()
    m.subs(w0, w1, -(2**31))
    m.cset(x0, VS)
    m.ret()
    fn = buf.install(m, restype=ctypes.c_uint64, argtypes=[ctypes.c_uint64, ctypes.c_uint64])
    assert fn(0, 1) == 1  # 1 - INT_MIN overflows; 1 + INT_MIN would not
    buf.free(fn)
    assert x1 is not x0


@pytest.mark.parametrize("op", F.ARITH)
def test_every_edge_immediate_both_widths(buf: JitBuffer, op: str) -> None:
    """Every edge immediate against edge and random register values: result and flags."""
    rng = random.Random(op)
    cases = []
    for width in (64, 32):
        values = F.edge_values(width)
        for imm in values:
            for a in [*rng.sample(values, 6), rng.getrandbits(64)]:
                cases.append(F.Case(op, width, 0, 1, imm, a, 0xD0D0, rng.randrange(16)))
    bad = F.check_cases(cases, buf)
    assert not bad, "\n".join(map(str, bad[:20]))
