"""The exhaustive constant planner as it was before the direct method (issue 9
item 2), kept as the reference the direct planner must never be longer than.
Slow on purpose: it searches every logical immediate.

The strategy space searched exactly (the planner always returns a shortest
sequence within it; tests compare against a brute-force search):

``movz`` + ``movk``\\*
    one instruction per non-zero halfword (at least one);
``movn`` + ``movk``\\*
    one per halfword that is not 0xFFFF;
``orr #bitmask`` + ``movk``\\*
    any logical immediate, then fix the halfwords that differ;
``orr #a`` + ``orr``/``and``/``eor #b``
    two logical immediates combined (64-bit only; e.g. a run of ones with a hole);
replicate
    a constant whose two 32-bit halves are equal: build the low half in the
    ``w`` register (at most two instructions), then ``orr x, x, x, lsl #32``.

For 32-bit registers the answer is always one or two instructions; for 64-bit
at most four, and three or fewer wherever one of the cleverer shapes applies.
The logical-immediate test is :func:`a64jit.encoding.bitmask.encode_bitmask`.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Final

from a64jit.encoding.bitmask import encode_bitmask
from a64jit.errors import EncodingError
from a64jit.macro.constants import MovStep

__all__ = ["plan_mov"]


_HW: Final = 0xFFFF


@lru_cache(maxsize=2)
def all_bitmasks(width: int) -> tuple[int, ...]:
    """Every logical immediate of a ``width``-bit register (5334 for 64, 1302 for 32)."""
    out: set[int] = set()
    size = 2
    while size <= width:
        emask = (1 << size) - 1
        for ones in range(1, size):
            run = (1 << ones) - 1
            for rot in range(size):
                elem = ((run << rot) | (run >> (size - rot))) & emask
                value = 0
                for at in range(0, width, size):
                    value |= elem << at
                out.add(value)
        size *= 2
    return tuple(sorted(out))


@lru_cache(maxsize=1)
def _pair_index() -> dict[tuple[int, int, int, int], list[int]]:
    """64-bit bitmasks keyed by (i, j, halfword i, halfword j) for i < j: finds
    every bitmask that agrees with a value on at least two halfwords."""
    index: dict[tuple[int, int, int, int], list[int]] = {}
    for m in all_bitmasks(64):
        hw = [(m >> (16 * k)) & _HW for k in range(4)]
        for i in range(4):
            for j in range(i + 1, 4):
                index.setdefault((i, j, hw[i], hw[j]), []).append(m)
    return index


def _halfwords(v: int, width: int) -> list[int]:
    return [(v >> (16 * k)) & _HW for k in range(width // 16)]


def _fill(first: MovStep, base: int, v: int, width: int) -> list[MovStep]:
    """``first`` (leaving ``base`` in the register) then movk every halfword of
    ``v`` that differs from ``base``."""
    steps = [first]
    pairs = zip(_halfwords(base, width), _halfwords(v, width), strict=True)
    for k, (have, want) in enumerate(pairs):
        if have != want:
            steps.append(MovStep("movk", want, 16 * k, width))
    return steps


def _wide(v: int, width: int) -> list[MovStep]:
    """The better of movz+movk* and movn+movk* (movz on a tie)."""
    hws = _halfwords(v, width)
    m = (1 << width) - 1
    nz = [k for k, h in enumerate(hws) if h]
    nf = [k for k, h in enumerate(hws) if h != _HW]
    if len(nz) <= max(len(nf), 1):
        k = nz[0] if nz else 0
        return _fill(MovStep("movz", hws[k], 16 * k, width), hws[k] << (16 * k), v, width)
    k = nf[0] if nf else 0
    base = ~((~hws[k] & _HW) << (16 * k)) & m
    return _fill(MovStep("movn", ~hws[k] & _HW, 16 * k, width), base, v, width)


def _maximal(subsets: list[int]) -> list[int]:
    """The elements not contained (as bit sets) in another element."""
    kept: list[int] = []
    for s in sorted(subsets, key=int.bit_count, reverse=True):
        if all(s & ~k for k in kept):
            kept.append(s)
    return kept


def _or_pair(v: int) -> tuple[int, int] | None:
    """Two 64-bit bitmasks whose OR is ``v`` (only maximal ones need checking:
    growing an operand within ``v`` keeps the OR equal to ``v``)."""
    inside = _maximal([m for m in all_bitmasks(64) if not m & ~v])
    for a in inside:
        rest = v & ~a
        for b in inside:
            if not rest & ~b:
                return a, b
    return None


def _logical_pair(v: int) -> list[MovStep] | None:
    bitmasks = all_bitmasks(64)
    known = _bitmask_set()
    for a in bitmasks:
        if (v ^ a) in known:
            return [MovStep("mov_bitmask", a), MovStep("eor", v ^ a)]
    pair = _or_pair(v)
    if pair:
        return [MovStep("mov_bitmask", pair[0]), MovStep("orr", pair[1])]
    full = (1 << 64) - 1
    pair = _or_pair(~v & full)  # v = a & b  <=>  ~v = ~a | ~b
    if pair:
        return [MovStep("mov_bitmask", ~pair[0] & full), MovStep("and", ~pair[1] & full)]
    return None


@lru_cache(maxsize=1)
def _bitmask_set() -> frozenset[int]:
    return frozenset(all_bitmasks(64))


def _bitmask_movk(v: int) -> list[MovStep] | None:
    """The bitmask agreeing with ``v`` on the most halfwords (at least two)."""
    hws = _halfwords(v, 64)
    index = _pair_index()
    best: tuple[int, int] | None = None  # (mismatches, bitmask)
    for i in range(4):
        for j in range(i + 1, 4):
            for m in index.get((i, j, hws[i], hws[j]), ()):
                miss = sum(1 for k in range(4) if (m >> (16 * k)) & _HW != hws[k])
                if best is None or (miss, m) < best:
                    best = (miss, m)
    if best is None:
        return None
    return _fill(MovStep("mov_bitmask", best[1]), best[1], v, 64)


def _single32(v: int) -> list[MovStep]:
    if not v & 0xFFFF0000 or not v & 0xFFFF or v >> 16 == _HW or v & _HW == _HW:
        return _wide(v, 32)
    if encode_bitmask(v, 32) is not None:
        return [MovStep("mov_bitmask", v, 0, 32)]
    return _wide(v, 32)


@cache
def _plan(v: int, width: int) -> tuple[MovStep, ...]:
    if width == 32:
        return tuple(_single32(v))
    best = _wide(v, 64)
    if len(best) == 1:
        return tuple(best)
    if encode_bitmask(v, 64) is not None:
        return (MovStep("mov_bitmask", v),)
    if len(best) == 2:
        return tuple(best)  # nothing shorter than 2 is left
    options: list[list[MovStep]] = [best]
    via_bitmask = _bitmask_movk(v)
    if via_bitmask is not None:
        options.append(via_bitmask)
    if min(map(len, options)) > 2:
        pair = _logical_pair(v)
        if pair is not None:
            options.append(pair)
    lo = v & 0xFFFFFFFF
    if v >> 32 == lo:
        options.append([*_single32(lo), MovStep("orr_lsl32")])
    shortest = min(options, key=len)
    return tuple(shortest)  # min keeps the first (simplest) on ties


def plan_mov(value: int, width: int = 64) -> tuple[MovStep, ...]:
    """Plan the shortest sequence putting ``value`` in a ``width``-bit register.

    ``value`` may be signed or unsigned: any int in ``-2**(width-1) .. 2**width-1``.

    >>> [str(s) for s in plan_mov(0x1234_0000_5678)]
    ['movz xd, #0x5678', 'movk xd, #0x1234, lsl #32']
    >>> [str(s) for s in plan_mov(-2)]
    ['movn xd, #0x1']
    """
    if width not in (32, 64):
        raise EncodingError(f"mov: register width {width} is not 32 or 64")
    if isinstance(value, bool) or not isinstance(value, int):
        raise EncodingError(f"mov: immediate {value!r} is not an int")
    if not -(1 << (width - 1)) <= value < (1 << width):
        raise EncodingError(
            f"mov: immediate {value} cannot be encoded; allowed: "
            f"{-(1 << (width - 1))}..{(1 << width) - 1} for a {width}-bit register")
    return _plan(value & ((1 << width) - 1), width)
