"""Constant synthesis: the planner is exact over its strategy space.

The brute force below enumerates every strategy independently of the planner
(its own list of logical immediates, every bitmask tried for bitmask+movk, all
pairs of bitmasks for the two-immediate shapes) and the planner's result must
match its minimum length and compute the right value.
"""

from __future__ import annotations

import random
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from a64jit.encoding.bitmask import encode_bitmask
from a64jit.errors import EncodingError
from a64jit.macro.constants import plan_mov, run_plan

M64 = (1 << 64) - 1


@lru_cache(maxsize=2)
def bitmasks(width: int) -> frozenset[int]:
    """Independent enumeration: every (element size, run length, rotation)."""
    out = set()
    for log in range(1, 7):
        size = 1 << log
        if size > width:
            break
        for ones in range(1, size):
            for rot in range(size):
                elem = 0
                for bit in range(ones):
                    elem |= 1 << ((bit + rot) % size)
                out.add(sum(elem << at for at in range(0, width, size)))
    return frozenset(out)


def halfwords(v: int, width: int) -> list[int]:
    return [(v >> (16 * k)) & 0xFFFF for k in range(width // 16)]


def brute(v: int, width: int) -> int:
    """The shortest length over the whole strategy space."""
    hws = halfwords(v, width)
    best = max(1, sum(h != 0 for h in hws))
    best = min(best, max(1, sum(h != 0xFFFF for h in hws)))
    for m in bitmasks(width):
        best = min(best, 1 + sum(a != b for a, b in zip(halfwords(m, width), hws, strict=True)))
    if width == 32 or best <= 2:
        return best
    masks = bitmasks(64)
    if any(v ^ a in masks for a in masks):
        return 2
    for target in (v, ~v & M64):  # orr pair, and pair (by complement)
        inside = [m for m in masks if not m & ~target]
        for a in inside:
            rest = target & ~a
            if any(not rest & ~b for b in inside):
                return 2
    if v >> 32 == v & 0xFFFFFFFF:
        best = min(best, brute(v & 0xFFFFFFFF, 32) + 1)
    return best


def check(value: int, width: int) -> None:
    plan = plan_mov(value, width)
    mask = (1 << width) - 1
    assert run_plan(plan, width) == value & mask, [str(s) for s in plan]
    for s in plan:
        if s.op in ("mov_bitmask", "orr", "and", "eor"):
            assert encode_bitmask(s.imm, s.width) is not None
        if s.op in ("movz", "movn", "movk"):
            assert 0 <= s.imm <= 0xFFFF and s.shift in range(0, s.width, 16)
    assert len(plan) == brute(value & mask, width), [str(s) for s in plan]


def perturbed_bitmask(width: int) -> st.SearchStrategy[int]:
    """A logical immediate with a few halfwords replaced: the interesting cases."""
    ms = sorted(bitmasks(width))

    def build(i: int, edits: list[tuple[int, int]]) -> int:
        v = ms[i % len(ms)]
        for k, h in edits:
            k %= width // 16
            v = (v & ~(0xFFFF << (16 * k))) | (h << (16 * k))
        return v

    return st.builds(build, st.integers(0, len(ms) - 1),
                     st.lists(st.tuples(st.integers(0, 3), st.integers(0, 0xFFFF)),
                              max_size=2))


def two_bitmasks() -> st.SearchStrategy[int]:
    ms = sorted(bitmasks(64))
    return st.builds(lambda i, j, op: [ms[i] | ms[j], ms[i] & ms[j], ms[i] ^ ms[j]][op],
                     st.integers(0, len(ms) - 1), st.integers(0, len(ms) - 1),
                     st.integers(0, 2))


CASES64 = st.one_of(
    st.integers(0, M64),
    st.integers(-(1 << 63), -1),
    perturbed_bitmask(64),
    two_bitmasks(),
    st.integers(0, 0xFFFFFFFF).map(lambda lo: lo | lo << 32),
    st.integers(0, 0xFFFF).map(lambda h: h * 0x0001_0001_0001_0001),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CASES64)
@example(0)
@example(M64)
@example(-1)
@example(0x1234_5678_1234_5678)
@example(0xFFFF_0000_FFFF_1234)
def test_minimal_64(value: int) -> None:
    check(value, 64)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(-(1 << 31), (1 << 32) - 1), perturbed_bitmask(32)))
def test_minimal_32(value: int) -> None:
    check(value, 32)


def test_known_shapes() -> None:
    assert len(plan_mov(0)) == 1 and plan_mov(0)[0].op == "movz"
    assert [s.op for s in plan_mov(-1)] == ["movn"]
    assert [s.op for s in plan_mov(0x5555_5555_5555_5555)] == ["mov_bitmask"]
    assert [s.op for s in plan_mov(0x1234_5678_1234_5678)] == ["movz", "movk", "orr_lsl32"]
    assert [s.op for s in plan_mov(0x1234_5678_9ABC_DEF0)] == ["movz", "movk", "movk", "movk"]
    assert [s.op for s in plan_mov(0xFFFF_FFFF, 32)] == ["movn"]
    assert plan_mov(0xFFFF_FFFF, 32)[0].width == 32
    # A run of ones with one hole in it: orr + and/eor, not four instructions.
    hole = 0x0FFF_FFFF_FFFF_FFF0 & ~(1 << 33)
    assert len(plan_mov(hole)) == 2 and run_plan(plan_mov(hole)) == hole


def test_bad_values() -> None:
    for value, width in ((1 << 64, 64), (-(1 << 63) - 1, 64), (1 << 32, 32), (-(1 << 31) - 1, 32)):
        with pytest.raises(EncodingError):
            plan_mov(value, width)
    with pytest.raises(EncodingError):
        plan_mov(1, 16)
    with pytest.raises(EncodingError):
        plan_mov(1.0)  # type: ignore[arg-type]


def test_never_longer_than_movz_movn() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        v = rng.getrandbits(64)
        for _ in range(rng.randrange(4)):
            v = (v & ~(0xFFFF << (16 * rng.randrange(4)))) | (rng.choice([0, 0xFFFF]) << (
                16 * rng.randrange(4)))
        hws = halfwords(v, 64)
        bound = min(max(1, sum(h != 0 for h in hws)), max(1, sum(h != 0xFFFF for h in hws)))
        plan = plan_mov(v)
        assert len(plan) <= bound and run_plan(plan) == v
