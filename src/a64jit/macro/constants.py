"""Constant synthesis: the shortest instruction sequence that puts a constant in
a register, as a pure planner (no assembler involved).

The strategy space (the planner always returns a shortest sequence within it;
tests compare against a brute-force search and against the earlier exhaustive
planner). Each strategy is decided directly, in a fixed number of steps, as LLVM's
AArch64 immediate expansion and VIXL's move-immediate helper do: no search over
the 5,334 logical immediates, so a new 64-bit constant costs microseconds.

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

import functools
from functools import lru_cache
from typing import Final, Literal, NamedTuple

from ..encoding.bitmask import encode_bitmask
from ..errors import EncodingError, show

__all__ = ["MovStep", "all_bitmasks", "plan_mov", "run_plan"]

StepOp = Literal["movz", "movn", "movk", "mov_bitmask", "orr", "and", "eor", "orr_lsl32"]

_HW: Final = 0xFFFF


class MovStep(NamedTuple):
    """One instruction of a constant-building sequence (immutable; a named tuple,
    so that building one costs no more than a tuple).

    ``op`` is one of:

    - ``movz`` / ``movn`` / ``movk``: ``imm`` is the 16-bit immediate, ``shift``
      0, 16, 32 or 48;
    - ``mov_bitmask``: ``orr rd, zr, #imm`` (``imm`` a logical immediate);
    - ``orr`` / ``and`` / ``eor``: ``op rd, rd, #imm`` (a logical immediate);
    - ``orr_lsl32``: ``orr xd, xd, xd, lsl #32``.

    ``width`` (32 or 64) is the register view the instruction writes; a 32-bit
    write zeroes the upper half of the x register.
    """

    op: StepOp
    imm: int = 0
    shift: int = 0
    width: int = 64

    def __str__(self) -> str:
        r = "x" if self.width == 64 else "w"
        if self.op in ("movz", "movn", "movk"):
            sh = f", lsl #{self.shift}" if self.shift else ""
            return f"{self.op} {r}d, #{self.imm:#x}{sh}"
        if self.op == "mov_bitmask":
            return f"orr {r}d, {r}zr, #{self.imm:#x}"
        if self.op == "orr_lsl32":
            return "orr xd, xd, xd, lsl #32"
        return f"{self.op} {r}d, {r}d, #{self.imm:#x}"


#: MovStep(op, imm, shift, width) from a tuple, in C (the named tuple's own __new__ is a
#: Python function: a call per step)
_movstep: Final = functools.partial(tuple.__new__, MovStep)


def run_plan(steps: tuple[MovStep, ...] | list[MovStep], width: int = 64) -> int:
    """Execute a plan on an abstract register; return its final ``width``-bit value."""
    r = 0
    for s in steps:
        m = (1 << s.width) - 1
        if s.op == "movz":
            r = s.imm << s.shift
        elif s.op == "movn":
            r = ~(s.imm << s.shift) & m
        elif s.op == "movk":
            r = (r & m & ~(_HW << s.shift)) | (s.imm << s.shift)
        elif s.op == "mov_bitmask":
            r = s.imm
        elif s.op == "orr":
            r = (r & m) | s.imm
        elif s.op == "and":
            r = r & m & s.imm
        elif s.op == "eor":
            r = (r & m) ^ s.imm
        else:
            assert s.op == "orr_lsl32"
            r = (r | (r << 32)) & m
    return r & ((1 << width) - 1)


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
                out.add(_rep(elem, size, width))
        size *= 2
    return tuple(sorted(out))


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
    hws = [v & _HW, v >> 16 & _HW] if width == 32 else \
        [v & _HW, v >> 16 & _HW, v >> 32 & _HW, v >> 48 & _HW]
    n = len(hws)
    nz, nf = n - hws.count(0), n - hws.count(_HW)
    # movz, then movk each other non-zero halfword; or movn, then movk each other
    # halfword that is not 0xffff; the first one the first that differs from the skip
    skip = 0 if nz <= max(nf, 1) else _HW
    steps: list[MovStep] = []
    for j, h in enumerate(hws):
        if h != skip:
            if steps:
                steps.append(_movstep(("movk", h, 16 * j, width)))
            elif skip:
                steps.append(_movstep(("movn", ~h & _HW, 16 * j, width)))
            else:
                steps.append(_movstep(("movz", h, 16 * j, width)))
    if not steps:  # every halfword is the skip: movz #0 (0) or movn #0 (all ones)
        steps.append(_movstep(("movn" if skip else "movz", 0, 0, width)))
    return steps


def _wide64(hws: tuple[int, int, int, int], nz: int, nf: int) -> tuple[MovStep, ...]:
    """:func:`_wide` of a 64-bit value given its halfwords, ``nz`` of them not 0 and
    ``nf`` not 0xffff (the same steps, as a tuple, without counting again)."""
    if nz <= max(nf, 1):  # movz, then movk each other non-zero halfword
        if not nz:
            return (_movstep(("movz", 0, 0, 64)),)
        first, skip = "movz", 0
    else:  # movn, then movk each other halfword that is not 0xffff
        if not nf:
            return (_movstep(("movn", 0, 0, 64)),)
        first, skip = "movn", _HW
    h0, h1, h2, h3 = hws
    steps: list[tuple[str, int, int, int]] = []
    if h0 != skip:
        steps.append(("movk", h0, 0, 64))
    if h1 != skip:
        steps.append(("movk", h1, 16, 64))
    if h2 != skip:
        steps.append(("movk", h2, 32, 64))
    if h3 != skip:
        steps.append(("movk", h3, 48, 64))
    _, h, shift, _ = steps[0]
    steps[0] = (first, h ^ skip, shift, 64)
    return tuple(map(_movstep, steps))


_M64: Final = (1 << 64) - 1


# -- bit helpers on n-bit cyclic values (n a power of two) ----------------------------

def _rotl(x: int, k: int, n: int) -> int:
    k %= n
    return ((x << k) | (x >> (n - k))) & ((1 << n) - 1) if k else x


def _rep(elem: int, e: int, width: int = 64) -> int:
    """``elem`` (``e`` bits) replicated to ``width`` bits."""
    while e < width:
        elem |= elem << e
        e *= 2
    return elem


def _runs(x: int, n: int) -> int:
    """The number of cyclic runs of ones in ``x`` (0 for 0 and for all ones)."""
    return (x ^ _rotl(x, 1, n)).bit_count() >> 1


def _arc(start: int, length: int, n: int) -> int:
    """The cyclic run of ``length`` ones starting at bit ``start``."""
    return _rotl((1 << length) - 1, start, n)


def _within_run(x: int, g: int, n: int, maximal: bool) -> int | None:
    """An arc ``r`` with ``x <= r <= g`` (as bit sets), or None if ``x`` does not
    lie within one cyclic run of ``g``. ``x`` is non-zero; ``g`` is not all ones.
    ``maximal`` returns the whole run of ``g``, else the smallest arc."""
    m = (1 << n) - 1
    holes = ~g & m
    z = (holes & -holes).bit_length() - 1  # rotate a hole of g to bit 0: no wrap
    g1, x1 = _rotl(g, n - z, n), _rotl(x, n - z, n)
    lo = (x1 & -x1).bit_length() - 1
    hi = x1.bit_length()
    hull = ((1 << hi) - 1) ^ ((1 << lo) - 1)
    if hull & ~g1:
        return None
    if maximal:
        above = ~g1 & m & ~((1 << hi) - 1)
        hi = (above & -above).bit_length() - 1 if above else n
        lo = (~g1 & ((1 << lo) - 1)).bit_length()
        hull = ((1 << hi) - 1) ^ ((1 << lo) - 1)
    return _rotl(hull, z, n)


def _fit(v: int, known: int, n: int) -> int | None:
    """A cyclic run of ones (not 0, not all ones) on ``n`` bits that equals ``v``
    wherever ``known`` has a one, or None."""
    m = (1 << n) - 1
    ones, zeros = v & known, ~v & known & m
    free = ~known & m
    if not zeros:
        if not free:
            return None
        return m ^ (free & -free)  # everything but one free bit
    if not ones:
        return free & -free if free else None
    return _within_run(ones, ~zeros & m, n, maximal=False)


def _period(v: int) -> int:
    """The smallest power-of-two period of a 64-bit value (2 .. 64)."""
    size = 64
    while size > 2:
        half = size >> 1
        if v & ((1 << half) - 1) != v >> half & ((1 << half) - 1):
            break
        v &= (1 << half) - 1
        size = half
    return size


def _fold(x: int, e: int, n: int, both: bool) -> int:
    """AND (``both``) or OR of ``x`` rotated by every multiple of ``e`` (n-bit cyclic)."""
    s = n >> 1
    while s >= e:
        x = x & _rotl(x, s, n) if both else x | _rotl(x, s, n)
        s >>= 1
    return x


def _two_runs(u: int, p: int) -> tuple[int, int]:
    """The two cyclic runs of ones of ``u`` (``p`` bits) as 64-bit immediates."""
    holes = ~u & ((1 << p) - 1)
    z = (holes & -holes).bit_length() - 1
    x = _rotl(u, p - z, p)
    low = x ^ (x & (x + (x & -x)))  # the lowest run
    return _rep(_rotl(low, z, p), p), _rep(_rotl(x ^ low, z, p), p)


def _or_small(u: int, e: int, p: int) -> tuple[int, int] | None:
    """``u`` (``p`` bits) as the OR of a run b of ``p`` bits and a run a of ``e`` < p
    bits replicated: the bits outside the e-periodic part of u must lie in b (take
    the whole run of u around them), the rest in a."""
    g = _fold(u, e, p, both=True)  # the largest e-periodic pattern within u
    b = _within_run(u & ~g, u, p, maximal=True)
    if b is None:
        return None
    me = (1 << e) - 1
    rest = _fold(u & ~b, e, p, both=False) & me
    ge = g & me
    if not rest or ge == me:
        return None
    a = _within_run(rest, ge, e, maximal=False)
    return None if a is None else (_rep(a, e), _rep(b, p))


def _eor_small(u: int, d: int, e: int, p: int) -> tuple[int, int] | None:
    """``u`` (``p`` bits) as the XOR of a run b of ``p`` bits and a run a of ``e`` < p
    bits replicated. Then ``d`` = u ^ rot(u, e) = b ^ rot(b, e): two runs from
    which b's ends are read off."""
    m = (1 << p) - 1
    candidates: list[tuple[int, int]] = []
    if d == m:
        if 2 * e == p:  # b is any run of e bits
            candidates += [(start, e) for start in range(p)]
    elif _runs(d, p) <= 2:
        holes = ~d & m
        z = (holes & -holes).bit_length() - 1
        x = _rotl(d, p - z, p)
        starts: list[tuple[int, int]] = []
        while x:
            low = x & -x
            run = x ^ (x & (x + low))
            starts.append(((low.bit_length() - 1 + z) % p, run.bit_count()))
            x ^= run
        if len(starts) == 2:
            (t1, l1), (t2, l2) = starts
            candidates += [(t1, (t2 - t1) % p), (t2, (t1 - t2) % p), (t1, l1), (t2, l2),
                           ((t1 + l1) % p, p - l1), ((t2 + l2) % p, p - l2)]
        else:
            t = starts[0][0]
            candidates += [(t, e), ((t + e) % p, p - e)]
    for start, length in candidates:
        if 0 < length < p:
            b = _arc(start, length, p)
            x = u ^ b
            if x == _rotl(x, e, p):
                a = x & ((1 << e) - 1)
                if _runs(a, e) == 1:
                    return _rep(a, e), _rep(b, p)
    return None


def _logical_pair(v: int, changes: int) -> list[MovStep] | None:
    """``v`` as two logical immediates combined by orr, and or eor, or None.

    With ``p`` the period of ``v``, the immediates may be taken with elements of
    at most ``p`` bits. Both of ``p`` bits: v's element has two runs (of ones for
    orr, of zeros for and; eor of two runs is two runs too). Else one has a
    smaller element e, and u ^ rot(u, e) has at most 2e bits (all three cases).

    ``changes``: for a value whose halves differ (period 64), the number of changes
    between cyclically neighbouring bits; -1 for any other."""
    full = _M64
    if changes >= 0:  # period 64 (the usual case), its changes counted by the caller
        p, m, u = 64, full, v
        runs = changes >> 1
    else:
        p = _period(v)
        m = (1 << p) - 1
        u = v & m
        runs = _runs(u, p)
    if runs == 2:
        a, b = _two_runs(u, p)
        return [MovStep("mov_bitmask", a), MovStep("orr", b)]
    # An element of e bits repeated has p/e runs; or, and, eor with one run of p
    # bits adds at most one: elements too large for u's runs need no look.
    # (the largest power of two e <= p/2 with p/e + 1 >= runs, at once)
    most = p // (runs - 1) if runs > 1 else p
    e = min(p >> 1, 1 << most.bit_length() >> 1)
    # An immediate of e bits is also one of 2e bits replicated: where an e fits, so
    # does the bit count at each larger power of two. A count too large ends the search.
    while e >= 2:
        d = u ^ (((u << e) | (u >> (p - e))) & m)  # u ^ rot(u, e)
        if d.bit_count() > 2 * e:
            return None
        pair = _or_small(u, e, p)
        if pair:
            return [MovStep("mov_bitmask", pair[0]), MovStep("orr", pair[1])]
        pair = _or_small(~u & m, e, p)  # v = a & b  <=>  ~v = ~a | ~b
        if pair:
            return [MovStep("mov_bitmask", ~pair[0] & full),
                    MovStep("and", ~pair[1] & full)]
        pair = _eor_small(u, d, e, p)
        if pair:
            return [MovStep("mov_bitmask", pair[0]), MovStep("eor", pair[1])]
        e >>= 1
    return None


# The halfwords with at most two changes between neighbouring bits (the only ones a
# 32- or 64-bit run can show through a 16-bit window).
_SIMPLE: Final = frozenset(
    ((1 << 16) - 1) ^ mask if top else mask
    for top in (0, 1)
    for mask in {((1 << hi) - 1) ^ ((1 << lo) - 1) for lo in range(17) for hi in range(lo, 17)})

# Halfword subsets to match with one logical immediate, largest first.
_TRIPLES: Final = tuple((s, sum(1 << k for k in s))
                        for s in ((0, 1, 2), (0, 1, 3), (0, 2, 3), (1, 2, 3)))
_PAIRS: Final = tuple((s, sum(1 << k for k in s))
                      for s in ((0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)))


def _bitmask_on(v: int, hws: tuple[int, ...], subset: tuple[int, ...]) -> int | None:
    """A 64-bit logical immediate equal to ``v`` on the halfwords in ``subset``."""
    # Element of 16 bits or less: all four halfwords equal.
    first = hws[subset[0]]
    if all(hws[k] == first for k in subset):
        m = first * 0x0001_0001_0001_0001
        if encode_bitmask(m, 64) is not None:
            return m
    # A run of 32 or 64 bits changes value at most twice inside any halfword.
    for k in subset:
        if hws[k] not in _SIMPLE:
            return None
    # Element of 32 bits: halfwords 0 and 2 are its low half, 1 and 3 its high half.
    lo = [hws[k] for k in subset if not k & 1]
    hi = [hws[k] for k in subset if k & 1]
    if len(set(lo)) <= 1 and len(set(hi)) <= 1:
        known = (0xFFFF if lo else 0) | (0xFFFF0000 if hi else 0)
        w = _fit((lo[0] if lo else 0) | (hi[0] << 16 if hi else 0), known, 32)
        if w is not None:
            return w | w << 32
    # Element of 64 bits: one run.
    known = 0
    for k in subset:
        known |= 0xFFFF << (16 * k)
    return _fit(v, known, 64)


def _bitmask_movk(v: int, hws: tuple[int, ...], subsets: tuple[tuple[tuple[int, ...], int], ...],
                  simple: int, repeats: bool) -> list[MovStep] | None:
    """A logical immediate agreeing with ``v`` on one of ``subsets``, then movk
    (``simple``: the mask of halfwords in _SIMPLE; ``repeats``: two are equal; the
    caller skips the call when neither holds, the usual case for an address or a
    random constant)."""
    for subset, bits in subsets:
        # Cheap necessary condition: halfwords a run can show (elements of 32 or
        # 64 bits) or equal halfwords (elements of 16 bits or less).
        if simple & bits != bits and not repeats:
            continue
        m = _bitmask_on(v, hws, subset)
        if m is not None:
            return _fill(MovStep("mov_bitmask", m), m, v, 64)
    return None


def _single32(v: int) -> list[MovStep]:
    if not v & 0xFFFF0000 or not v & 0xFFFF or v >> 16 == _HW or v & _HW == _HW:
        return _wide(v, 32)
    if encode_bitmask(v, 32) is not None:
        return [MovStep("mov_bitmask", v, 0, 32)]
    return _wide(v, 32)


def _plan(v: int, width: int) -> tuple[MovStep, ...]:
    """The shortest sequence, found directly: each strategy is tried only while it
    could still beat the best so far, and each answers in a fixed number of steps."""
    if width == 32:
        return tuple(_single32(v))
    h0, h1, h2, h3 = hws = (v & _HW, v >> 16 & _HW, v >> 32 & _HW, v >> 48)
    nz, nf = 4 - hws.count(0), 4 - hws.count(_HW)
    wide = min(max(nz, 1), max(nf, 1))
    if wide == 1:
        return _wide64(hws, nz, nf)
    lo = v & 0xFFFFFFFF
    halves = v >> 32 == lo
    if halves:
        changes = -1
        if encode_bitmask(v, 64) is not None:
            return (_movstep(("mov_bitmask", v, 0, 64)),)
    else:
        # Period 64: a logical immediate is then one run of 64 bits (two changes).
        changes = (v ^ ((v << 1 | v >> 63) & _M64)).bit_count()
        if changes == 2:
            return (_movstep(("mov_bitmask", v, 0, 64)),)
    if wide == 2:
        return _wide64(hws, nz, nf)  # nothing shorter than 2 is left
    # What _bitmask_movk needs: halfwords a run can show (elements of 32 or 64 bits)
    # or equal halfwords (elements of 16 bits or less); neither, and it finds nothing.
    s = _SIMPLE
    simple = (h0 in s) | (h1 in s) << 1 | (h2 in s) << 2 | (h3 in s) << 3
    repeats = len({h0, h1, h2, h3}) < 4
    near = simple or repeats
    # Two instructions: a logical immediate and one movk, two logical immediates,
    # or equal halves from one instruction.
    two = (near and _bitmask_movk(v, hws, _TRIPLES, simple, repeats)
           ) or _logical_pair(v, changes)
    if two is not None:
        return tuple(two)
    if halves:
        low = _single32(lo)
        if len(low) == 1:
            return (*low, MovStep("orr_lsl32"))
    if wide == 3:
        return _wide64(hws, nz, nf)
    # Three instructions instead of four.
    three = near and _bitmask_movk(v, hws, _PAIRS, simple, repeats)
    if three:
        return tuple(three)
    if halves:
        return (*_single32(lo), MovStep("orr_lsl32"))
    return _wide64(hws, nz, nf)


def plan_mov(value: int, width: int = 64) -> tuple[MovStep, ...]:
    """Plan the shortest sequence putting ``value`` in a ``width``-bit register.

    ``value`` may be signed or unsigned: any int in ``-2**(width-1) .. 2**width-1``.

    >>> [str(s) for s in plan_mov(0x1234_0000_5678)]
    ['movz xd, #0x5678', 'movk xd, #0x1234, lsl #32']
    >>> [str(s) for s in plan_mov(-2)]
    ['movn xd, #0x1']
    """
    if type(value) is int and width == 64 and -0x8000_0000_0000_0000 <= value <= _M64:
        if 0 <= value <= _HW:  # one movz (what _plan answers), without the cache's lookup
            return (_movstep(("movz", value, 0, 64)),)
        value &= _M64  # (the usual call, its checks in one line)
        plan = _PLANS64.get(value)
        if plan is None:
            plan = _remember(_PLANS64, value, _plan(value, 64))
        return plan
    if width not in (32, 64):
        raise EncodingError(f"mov: register width {show(width)} is not 32 or 64")
    if isinstance(value, bool) or not isinstance(value, int):
        raise EncodingError(f"mov: immediate {show(value)} is not an int")
    if not -(1 << (width - 1)) <= value < (1 << width):
        raise EncodingError(
            f"mov: immediate {show(value)} cannot be encoded; allowed: "
            f"{-(1 << (width - 1))}..{(1 << width) - 1} for a {width}-bit register")
    if 0 <= value <= _HW:  # one movz (what _plan answers), without the cache's lookup
        return (_movstep(("movz", value, 0, width)),)
    value &= (1 << width) - 1
    plans = _PLANS64 if width == 64 else _PLANS32
    plan = plans.get(value)
    if plan is None:
        plan = _remember(plans, value, _plan(value, width))
    return plan


#: The plans made, by value (64-bit and 32-bit registers): a dictionary that starts
#: over at _PLANS_LIMIT entries, where an lru_cache's miss (a new address: most of a
#: JIT's plans) cost a fifth of the plan.
_PLANS64: Final[dict[int, tuple[MovStep, ...]]] = {}
_PLANS32: Final[dict[int, tuple[MovStep, ...]]] = {}
_PLANS_LIMIT: Final = 4096


def _remember(plans: dict[int, tuple[MovStep, ...]], value: int,
              plan: tuple[MovStep, ...]) -> tuple[MovStep, ...]:
    if len(plans) >= _PLANS_LIMIT:
        plans.clear()
    plans[value] = plan
    return plan
