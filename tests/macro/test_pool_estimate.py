"""Issue 9 item 1: the MacroAssembler's estimate of a pool's size counts only the
labels a pool could need a veneer for (those with short-branch references: b.cond,
bc.cond, cbz/cbnz, tbz/tbnz) and the literals. Thousands of labels pending through
b/bl alone (a template JIT's out-of-line paths) must not make every tbz get its
veneer at once; thousands of short branches pending at once must still get every
veneer in time. Programs run in the emulator backend."""

from __future__ import annotations

import ctypes
import random
import struct
from collections.abc import Iterator
from typing import Any

import pytest

from a64jit import Assembler, JitBuffer, MacroAssembler
from a64jit.macro.masm import _COMPACT_MIN, _HEADROOM
from a64jit.operands import EQ, LT, NE, x0, x1, x2, x3, x4

BRK = 0xD4200000  # brk #0: landing here is a fault
TBZ_REACH = 32 * 1024 // 4  # words


@pytest.fixture(scope="module")
def buf() -> Iterator[JitBuffer]:
    with JitBuffer(backend="emulator") as b:
        yield b


def _run(buf: JitBuffer, code: bytes, *args: int) -> list[int]:
    fn = buf.install(code, restype=ctypes.c_uint64, argtypes=[ctypes.c_uint64])
    try:
        return [int(fn(arg)) for arg in args]
    finally:
        buf.free(fn)


def _words(code: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(code) // 4}I", code))


def _far_pending(a: Any, count: int, by: str = "b") -> list[Any]:
    """``count`` labels referenced by b or bl only (``by="b"``), else by b.ne, from
    dead code (jumped over): all pending until bound. Returns them."""
    skip = a.label()
    a.b(skip)
    far = [a.label() for _ in range(count)]
    for i, lbl in enumerate(far):
        if by != "b":
            a.b_cond(NE, lbl)
        elif i % 4 == 3:
            a.bl(lbl)
        else:
            a.b(lbl)
    a.bind(skip)
    return far


def _guards(a: Any, rng: random.Random, blocks: int) -> list[tuple[str, int, int]]:
    """Guards to near labels (bound within a few words), each adding a constant
    to x1 when not taken. x0 is the input; x2 = 0. Returns the guards made
    (kind, operand, constant) for :func:`_model`."""
    made = []
    for _ in range(blocks):
        kind = rng.choice(("tbz", "tbnz", "cbz", "cbnz", "lt", "ne"))
        operand = rng.randrange(64) if kind in ("tbz", "tbnz") else rng.randrange(1 << 12)
        value = rng.randrange(1, 1 << 12)
        skip = a.label()
        if kind == "tbz":
            a.tbz(x0, operand, skip)
        elif kind == "tbnz":
            a.tbnz(x0, operand, skip)
        elif kind in ("cbz", "cbnz"):
            a.sub(x3, x0, operand)
            (a.cbz if kind == "cbz" else a.cbnz)(x3, skip)
        else:
            a.cmp(x0, operand)
            a.b_cond(LT if kind == "lt" else NE, skip)
        a.add(x1, x1, value)
        a.bind(skip)
        made.append((kind, operand, value))
    return made


def _model(made: list[tuple[str, int, int]], x: int) -> int:
    total = 0
    for kind, operand, value in made:
        taken = {"tbz": not x >> operand & 1, "tbnz": bool(x >> operand & 1),
                 "cbz": x == operand, "cbnz": x != operand, "lt": x < operand,
                 "ne": x != operand}[kind]
        if not taken:
            total += value
    return total


def _b_only_then_guards(a: Any, far_tbz: bool, by: str
                        ) -> tuple[int, list[tuple[str, int, int]]]:
    """10,000 labels pending through b/bl (bound after the guards), then 3,000
    guards, then (``far_tbz``) one tbz whose label is bound past tbz's reach, else
    one to a near label. Returns the word count before that last tbz, and the
    guards."""
    rng = random.Random(12)
    a.mov(x1, 0)
    far = _far_pending(a, 10_000, by)
    made = _guards(a, rng, 3_000)
    before = len(a._code)
    target, near = a.label(), a.label()
    a.tbnz(x0, 62, target if far_tbz else near)  # taken for inputs with bit 62 set
    a.bind(near)
    for lbl in far:  # (only dead code branches to them: bound here, their words match)
        a.bind(lbl)
    for _ in range(TBZ_REACH + 100):  # no unconditional branch: a pool needs a branch over
        a.add(x4, x4, 1)
    a.bind(target)
    a.mov(x0, x1)
    a.ret()
    return before, made


@pytest.mark.parametrize("by", ["b", "b.cond"])
def test_labels_pending_far_need_no_veneers(buf: JitBuffer, by: str) -> None:
    """With 10,000 labels pending through b/bl (or through b.ne, whose 1 MiB reach
    they are well within: a template JIT's out-of-line paths), guards by
    tbz/tbnz/cbz/cbnz/b.cond to near labels get no veneer: the MacroAssembler emits
    the Assembler's words exactly, until one tbz's label is bound past its reach;
    that tbz gets one veneer (and the branch over the pool) late in its reach, and
    the program computes the same."""
    asm = Assembler()
    asm_before, made = _b_only_then_guards(asm, False, by)
    masm = MacroAssembler()
    masm_before, masm_made = _b_only_then_guards(masm, True, by)
    assert masm_made == made
    asm_code, masm_code = asm.finalize(), masm.finalize()
    assert masm_before == asm_before  # no veneer while none was needed
    ours, theirs = _words(masm_code), _words(asm_code)
    tbnz = masm_before
    assert ours[:tbnz] == theirs[:tbnz]
    # The pool: where the words part, a branch over it and the veneer, late in reach
    # (its size estimate counts one label, not 10,000).
    at = next(i for i in range(tbnz + 1, len(theirs)) if ours[i] != theirs[i])
    assert ours[at:at + 2] == [0x14000002, ours[at + 1]]
    assert tbnz + TBZ_REACH - 128 < at + 1 <= tbnz + TBZ_REACH - 1
    assert ours[tbnz + 1:at] + ours[at + 2:] == theirs[tbnz + 1:]
    assert (ours[tbnz] >> 5 & 0x3FFF) == at + 1 - tbnz  # the tbnz goes to the veneer
    target = tbnz + 1 + TBZ_REACH + 100 + 2  # past the adds and the pool
    assert ours[at + 1] == 0x14000000 | (target - (at + 1))  # the veneer: b target
    inputs = [0, 1, 5, 77, 4095, 2**62, 2**62 + 1234, 2**63 - 1, 0xDEAD_BEEF]
    got = _run(buf, masm_code, *inputs)
    # x1 when the tbnz at the end is taken (bit 62 set) equals x1 when it is not:
    # the loop of adds only touches x4.
    assert got == [_model(made, x) for x in inputs]
    assert _run(buf, asm_code, *inputs) == got


class _Counting(MacroAssembler):
    """Counts the pools emitted and their words."""

    pools = 0
    pool_words = 0

    def flush_pools(self, *, branch_over: bool = True, incoming: int = 0) -> None:
        before = len(self._code)
        super().flush_pools(branch_over=branch_over, incoming=incoming)
        if len(self._code) != before:
            self.pools += 1
            self.pool_words += len(self._code) - before


def test_thousands_of_short_branches_pending_at_once(buf: JitBuffer) -> None:
    """3,000 tbnz (plus cbz and b.cond) pending at once to labels bound past tbz's
    32 KiB reach, among 10,000 labels pending through b/bl and guards to near labels
    (dead queue entries), some labels referenced twice: each branch gets its veneer
    in time (a late one would not encode) and every one of them lands where it
    should. Input k takes the k-th block's branch; the block's label returns
    k * 7 + 3 (or 1,000,000 + k from its second reference)."""
    rng = random.Random(5)
    m = _Counting()
    n = 3_000
    targets = [m.label() for _ in range(n)]
    second = [m.label() for _ in range(n)]
    m.mov(x1, 0)
    far = _far_pending(m, 10_000)
    for i in range(n):
        m.cmp(x0, i)
        m.cset(x2, EQ)
        m.tbnz(x2, 0, targets[i])
        if i % 7 == 0:
            m.cmp(x0, i + n)  # a second reference of another kind, to another label
            m.b_cond(EQ, second[i])
        if i % 5 == 0:
            m.sub(x3, x0, i + 2 * n)  # a second reference to the same label
            m.cbz(x3, targets[i])
        if i % 3 == 0:
            _guards(m, rng, 1)
    for _ in range(TBZ_REACH):
        m.emit(BRK)
    for i in range(n):
        m.bind(targets[i])
        m.mov(x0, i * 7 + 3)
        m.ret()
        m.bind(second[i])
        m.mov(x0, 1_000_000 + i)
        m.ret()
    for lbl in far:
        m.bind(lbl)
    m.emit(BRK)
    code = m.finalize()
    # One veneer per label (a tbnz and a cbz to one label share it) and a branch
    # over each pool: nothing else.
    assert m.pools > 0
    assert m.pool_words <= n + len(range(0, n, 7)) + m.pools
    ks = sorted({0, 1, 2, n - 1, *rng.sample(range(n), 150)})
    got = _run(buf, code, *ks)
    assert got == [k * 7 + 3 for k in ks]
    seconds = [k for k in range(0, n, 7)][::5]
    assert _run(buf, code, *(k + n for k in seconds)) == [1_000_000 + k for k in seconds]
    thirds = [k for k in range(0, n, 5)][::7]
    assert _run(buf, code, *(k + 2 * n for k in thirds)) == [k * 7 + 3 for k in thirds]


def test_short_branches_to_labels_already_pending_through_b(buf: JitBuffer) -> None:
    """A tbnz pending (the estimate made with few labels pending), then 2,000
    labels pending through b alone, then a tbnz to each of them (the path that
    appends to a label's references, with no recompute on its way): every one
    becomes a label a pool needs a veneer for; all 2,001 veneers (8 KiB) come in
    time. Input k takes the k-th tbnz; its label
    returns k * 3 + 1; input 5,000 the first tbnz (returns 7)."""
    m = MacroAssembler()
    n = 2_000
    first = m.label()
    m.cmp(x0, 5_000)
    m.cset(x2, EQ)
    m.tbnz(x2, 0, first)
    targets = [m.label() for _ in range(n)]
    skip = m.label()
    m.b(skip)
    for lbl in targets:
        m.b(lbl)  # dead code: pending through b alone
    m.bind(skip)
    for i in range(n):
        m.cmp(x0, i)
        m.cset(x2, EQ)
        m.tbnz(x2, 0, targets[i])
    for _ in range(TBZ_REACH):
        m.emit(BRK)
    for i in range(n):
        m.bind(targets[i])
        m.mov(x0, i * 3 + 1)
        m.ret()
    m.bind(first)
    m.mov(x0, 7)
    m.ret()
    code = m.finalize()
    ks = [0, 1, 2, 500, 1024, 1999]
    assert _run(buf, code, *ks, 5_000) == [k * 3 + 1 for k in ks] + [7]


@pytest.mark.parametrize("seed", [1, 2])
def test_mixed_reaches_random_layout(buf: JitBuffer, seed: int) -> None:
    """Blocks that take a tbnz, cbnz or b.eq (input k: the k-th block) to a label
    landed 1 to 400 blocks later, over jumped-around gaps (some past tbz's 32 KiB,
    a few past b.cond's 1 MiB), with literals loaded all along: veneers of both
    reaches and literals share pools. Every block's branch lands where it should."""
    rng = random.Random(seed)
    m = _Counting()
    n = 600
    targets = [m.label() for _ in range(n)]
    lands: dict[int, list[int]] = {}
    for i in range(n):
        lands.setdefault(min(n, i + rng.choice((1, 2, 5, 40, 400))), []).append(i)
    values: dict[int, int] = {}
    for i in range(n + 1):
        if i in lands:
            over = m.label()
            m.b(over)
            for t in lands[i]:
                m.bind(targets[t])
                m.ldr_literal(x0, values.setdefault(t, rng.getrandbits(64)))
                m.ret()
            m.bind(over)
        if i == n:
            break
        m.cmp(x0, i)
        kind = rng.randrange(3)
        if kind == 0:
            m.cset(x2, EQ)
            m.tbnz(x2, 0, targets[i])
        elif kind == 1:
            m.cset(x2, EQ)
            m.cbnz(x2, targets[i])
        else:
            m.b_cond(EQ, targets[i])
        gap = 270_000 if i in (150, 420) else rng.choice((0, 0, 3, 100, 2_000, 9_000))
        if gap:
            over = m.label()
            m.b(over)
            for _ in range(gap):
                m.emit(BRK)
            m.bind(over)
    m.mov(x0, 0)
    m.ret()
    code = m.finalize()
    assert m.pools > 10
    ks = sorted({0, n - 1, *rng.sample(range(n), 120)})
    assert _run(buf, code, *ks) == [values[k] for k in ks]
    assert _run(buf, code, n) == [0]


def test_dead_entries_behind_a_live_front_are_compacted(buf: JitBuffer) -> None:
    """One b.ne pending for long (the front of its queue), 40,000 b.ne to labels
    bound at once behind it, 20,000 labels pending through b: the queue is
    compacted (it never holds all 40,001 entries), the estimate follows the
    entries, not the labels pending, and the program still runs (input 0 takes the first
    b.ne; others fall through to the end)."""
    m = MacroAssembler()
    far = _far_pending(m, 20_000)
    out = m.label()
    m.cmp(x0, 0)
    m.b_cond(EQ, out)  # the live front
    m.mov(x1, 1)
    most = 0
    for _ in range(40_000):
        near = m.label()
        m.b_cond(NE, near)  # (x0 != 0 here: taken)
        m.bind(near)
        most = max(most, sum(map(len, m._mx_queues)))
    assert most <= _COMPACT_MIN + 2 * (_HEADROOM + _COMPACT_MIN // 8)  # compacted
    m._mx_recompute()
    entries = sum(map(len, m._mx_queues))
    assert entries < 40_000 - _COMPACT_MIN
    # (the bound follows the entries, not the 20,001 labels pending)
    assert m._mx_cap == entries + 2 * (_HEADROOM + entries // 8)
    m.mov(x0, 2)
    m.ret()
    m.bind(out)
    for lbl in far:
        m.bind(lbl)
    m.mov(x0, 1)
    m.ret()
    assert _run(buf, m.finalize(), 0, 5) == [1, 2]
