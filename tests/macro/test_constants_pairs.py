"""The constant planner's two-logical-immediate search (constants._logical_pair) stops
at the first element size whose bit count is too large: every value built as orr, and
or eor of an immediate of a small element and one 64-bit run still gets two
instructions (or one), and the plan computes the value."""

from __future__ import annotations

import random

from a64jit.macro.constants import all_bitmasks, plan_mov, run_plan

M64 = (1 << 64) - 1


def _element(mask: int) -> int:
    """The element size of a logical immediate (its smallest power-of-two period)."""
    size = 64
    while size > 2 and mask & ((1 << size // 2) - 1) == mask >> size // 2 & (
            (1 << size // 2) - 1):
        mask &= (1 << size // 2) - 1
        size //= 2
    return size


def test_small_element_with_one_run() -> None:
    rng = random.Random(3)
    masks = all_bitmasks(64)
    by_size: dict[int, list[int]] = {}
    for m in masks:
        by_size.setdefault(_element(m), []).append(m)
    assert sorted(by_size) == [2, 4, 8, 16, 32, 64]
    checked = 0
    for size in (2, 4, 8, 16, 32):
        for _ in range(400):
            a, b = rng.choice(by_size[size]), rng.choice(by_size[64])
            for v in (a | b, a & b, a ^ b):
                plan = plan_mov(v)
                assert run_plan(plan) == v, hex(v)
                assert len(plan) <= 2, (hex(v), hex(a), hex(b), [str(s) for s in plan])
                checked += 1
    assert checked == 5 * 400 * 3


def test_plans_compute_their_values() -> None:
    rng = random.Random(4)
    for _ in range(3000):
        v = rng.getrandbits(rng.choice((16, 32, 47, 48, 64)))
        for value in (v, -(v >> 1)):
            plan = plan_mov(value)
            assert run_plan(plan) == value & M64 and 1 <= len(plan) <= 4
