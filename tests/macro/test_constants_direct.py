"""Issue 9 item 2: the direct constant planner is never longer than the earlier
exhaustive one (tests/macro/_old_planner.py), over random values, edge values and
the shapes where the clever strategies apply; and every plan computes its value."""

from __future__ import annotations

import random

import pytest

from a64jit.macro.constants import all_bitmasks, plan_mov, run_plan

from . import _old_planner

M64 = (1 << 64) - 1


def _values(seed: int, count: int) -> list[int]:
    rng = random.Random(seed)
    masks = all_bitmasks(64)
    out = [0, 1, M64, M64 - 1, 1 << 63, (1 << 63) - 1, 0xFFFF, 0x10000, 0xFFFF_FFFF,
           0x1_0000_0000, 0xFFFF_0000_FFFF_0000, 0x0000_FFFF_FFFF_0000]
    out += [(1 << k) + d for k in range(64) for d in (-1, 0, 1) if 0 <= (1 << k) + d <= M64]
    while len(out) < count:
        k = rng.randrange(8)
        if k == 0:
            v = rng.getrandbits(64)
        elif k == 1:  # pointers and small negatives
            v = rng.getrandbits(rng.choice((32, 40, 47, 48))) * rng.choice((1, -1)) & M64
        elif k == 2:  # two logical immediates combined
            a, b = rng.choice(masks), rng.choice(masks)
            v = (a | b, a & b, a ^ b)[rng.randrange(3)]
        elif k == 3:  # a logical immediate with halfwords replaced
            v = rng.choice(masks)
            for _ in range(rng.randrange(1, 3)):
                s = 16 * rng.randrange(4)
                v = (v & ~(0xFFFF << s)) | (rng.choice((0, 0xFFFF, rng.getrandbits(16))) << s)
        elif k == 4:  # equal halves
            lo = rng.choice((rng.getrandbits(32), rng.choice(all_bitmasks(32)),
                             rng.getrandbits(16) << 16, 0xFFFF0000 | rng.getrandbits(16)))
            v = lo | lo << 32
        elif k == 5:  # 0 / 0xFFFF halfwords
            v = rng.getrandbits(64)
            for _ in range(rng.randrange(4)):
                s = 16 * rng.randrange(4)
                v = (v & ~(0xFFFF << s)) | (rng.choice((0, 0xFFFF)) << s)
        elif k == 6:  # a bitmask with one bit flipped, or off by a little
            v = rng.choice(masks) ^ (1 << rng.randrange(64)) if rng.random() < 0.5 else \
                (rng.choice(masks) + rng.randrange(-3, 4)) & M64
        else:  # repeated 16-bit patterns
            v = rng.getrandbits(16) * 0x0001_0001_0001_0001 ^ (rng.getrandbits(16) << 32)
        out.append(v)
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_never_longer_than_the_exhaustive_planner(seed: int) -> None:
    longer = []
    for v in _values(seed, 900):
        plan = plan_mov(v)
        assert run_plan(plan) == v, (hex(v), [str(s) for s in plan])
        old = _old_planner.plan_mov(v)
        if len(plan) > len(old):
            longer.append((hex(v), [str(s) for s in plan], [str(s) for s in old]))
    assert not longer, longer[:5]


def test_32_bit_values_match() -> None:
    rng = random.Random(3)
    values = [rng.getrandbits(32) for _ in range(2000)] + list(all_bitmasks(32)[::7])
    for v in values:
        plan = plan_mov(v, 32)
        assert run_plan(plan, 32) == v
        assert len(plan) <= len(_old_planner.plan_mov(v, 32))


def test_shapes_need_two_logical_immediates() -> None:
    # Each needs a pair with different element sizes: found without a search.
    for v in (0x01C3_FE3C_01C3_FE3C, 0x5555_5555_FFFF_5555, 0x0F0F_0F0F_0F0F_FF0F,
              0xFFF0_0000_0000_0FFF ^ 0x0101_0101_0101_0101):
        plan = plan_mov(v)
        assert run_plan(plan) == v
        assert len(plan) <= len(_old_planner.plan_mov(v)), hex(v)
