"""Issue 9 item 1: the linear MacroAssembler keeps every guarantee: veneers for
forward branches of every reach, literal pools, far backward branches, the dotless
b.cond spellings. Programs run in the emulator backend."""

from __future__ import annotations

import array
import ctypes
import random
from collections.abc import Iterator

import pytest

from a64jit import JitBuffer, MacroAssembler
from a64jit.errors import LabelError
from a64jit.operands import CONDITIONS, EQ, x0, x1, x2, x3, x4, x5, xzr

BRK = 0xD4200000  # brk #0: landing here is a fault


@pytest.fixture(scope="module")
def buf() -> Iterator[JitBuffer]:
    with JitBuffer(backend="emulator") as b:
        yield b


def _call(buf: JitBuffer, m: MacroAssembler, *args: int) -> int:
    fn = buf.install(m, restype=ctypes.c_uint64, argtypes=[ctypes.c_uint64] * len(args))
    try:
        return int(fn(*args))
    finally:
        buf.free(fn)


def _gap(m: MacroAssembler, words: int) -> None:
    for _ in range(words):
        m.emit(BRK)


def test_chain_of_far_forward_branches(buf: JitBuffer) -> None:
    """Blocks joined by always-taken short branches over gaps of faulting words:
    some gaps exceed tbz's 32 KiB, a few b.cond/cbz's 1 MiB; many labels pending
    at once (each block also branches 1..6 blocks ahead, never taken), literals
    loaded all along. x0 counts the blocks run, x5 sums the literals."""
    rng = random.Random(9)
    m = MacroAssembler()
    n = 100
    labels = [m.label(f"L{i}") for i in range(n + 1)]
    m.mov(x2, x0)  # 0: return the block count, else the literal sum
    m.mov(x0, 0)
    m.mov(x5, 0)
    m.mov(x3, 1)
    total = 0
    for i in range(n):
        m.bind(labels[i])
        m.add(x0, x0, 1)
        if i % 3 == 0:
            value = rng.getrandbits(64)
            total = (total + value) & (2**64 - 1)
            m.ldr_literal(x4, value)
            m.add(x5, x5, x4)
        later = labels[min(n, i + rng.randrange(1, 7))]
        m.cbz(x3, later)  # never taken: pending references to many labels
        m.tbnz(xzr, 5, later)
        kind = i % 5
        nxt = labels[i + 1]
        if kind == 0:
            m.cbz(xzr, nxt)
        elif kind == 1:
            m.tbz(xzr, 63, nxt)
        elif kind == 2:
            m.cmp(x0, x0)
            m.beq(nxt)  # the dotless spelling: far-branch safe too
        elif kind == 3:
            m.cbnz(x3, nxt)
        else:
            m.cmp(x0, x0)
            m.b_cond(EQ, nxt)
        big = i in (30, 70)
        _gap(m, 270_000 if big else rng.choice([0, 3, 9_000, 1_000]))
    m.bind(labels[n])
    m.cmp(x2, 0)
    m.csel(x0, x0, x5, EQ)
    m.ret()
    code = m.finalize()
    fn = buf.install(code, restype=ctypes.c_uint64, argtypes=[ctypes.c_uint64])
    try:
        assert fn(0) == n
        assert fn(1) == total
    finally:
        buf.free(fn)


_SPELLINGS = sorted(s for s, c in CONDITIONS.items() if c.code < 14)


@pytest.mark.parametrize("forward", [True, False])
def test_dotless_aliases_take_far_path(buf: JitBuffer, forward: bool) -> None:
    """Every b<cond> and b_<cond> to a target 1 MiB away (past b.cond's reach),
    forward and backward: x0 collects one bit per branch taken."""
    m = MacroAssembler()
    names = [f"b{s}" for s in _SPELLINGS] + [f"b_{s}" for s in _SPELLINGS]
    targets = [m.label(n) for n in names]
    backs = [m.label() for _ in names]
    entry = m.label("entry")

    def landing_pads() -> None:
        for bit, (t, back) in enumerate(zip(targets, backs, strict=True)):
            m.bind(t)
            m.orr(x3, x3, 1 << bit)
            m.b(back)

    if not forward:
        m.b(entry)
        landing_pads()
        _gap(m, 270_000)
    m.bind(entry)
    m.mov(x3, 0)
    for name, t, back in zip(names, targets, backs, strict=True):
        m.cmp(x0, x1)
        getattr(m, name)(t)
        m.bind(back)
    m.mov(x0, x3)
    m.ret()
    if forward:
        _gap(m, 270_000)
        landing_pads()
    fn = buf.install(m, restype=ctypes.c_uint64, argtypes=[ctypes.c_uint64, ctypes.c_uint64])
    try:
        for a, b in ((1, 2), (2, 1), (5, 5), (2**63, 1), (1, 2**63)):
            nzcv = _nzcv_sub(a, b)
            want = sum(1 << i for i, s in enumerate(_SPELLINGS * 2)
                       if _holds(CONDITIONS[s].code, nzcv))
            assert fn(a, b) == want, (a, b)
    finally:
        buf.free(fn)


def _nzcv_sub(a: int, b: int) -> int:
    mask = 2**64 - 1
    full = a + (~b & mask) + 1
    r = full & mask
    sa, sb, sr = a >> 63, (~b & mask) >> 63, r >> 63
    return (sr << 3) | (int(r == 0) << 2) | (int(full > mask) << 1) | int(sa == sb and sr != sa)


def _holds(code: int, nzcv: int) -> bool:
    n, z, c, v = nzcv >> 3 & 1, nzcv >> 2 & 1, nzcv >> 1 & 1, nzcv & 1
    r = [z == 1, c == 1, n == 1, v == 1, c == 1 and z == 0, n == v, n == v and z == 0][code >> 1]
    return not r if code & 1 else r


def test_literal_sum_across_pools(buf: JitBuffer) -> None:
    """Thousands of distinct 64-bit literals in long straight-line code: pools are
    placed with branches around them and every load still reaches its entry."""
    rng = random.Random(4)
    m = MacroAssembler()
    m.mov(x0, 0)
    total = 0
    for i in range(3000):
        value = rng.getrandbits(64)
        total = (total + value) & (2**64 - 1)
        m.ldr_literal(x1, value)
        m.add(x0, x0, x1)
        if i % 100 == 0:
            _gap(m, 0)
            for _ in range(2000):
                m.emit(0xD503201F)  # nop: executed, pushes literals toward their reach
    m.ret()
    assert _call(buf, m) == total


def test_unbound_forward_label_is_reported() -> None:
    m = MacroAssembler()
    m.beq(m.label("nowhere"))
    m.tbz(x0, 1, m.label("gone"))
    with pytest.raises(LabelError, match="gone, nowhere"):
        m.finalize()


def test_no_pools_region_is_exact(buf: JitBuffer) -> None:
    """Veneers for tbnz (32 KiB reach) fall due again and again, never inside a region."""
    m = MacroAssembler()
    far = m.label()
    m.ldr_literal(x1, 0x1234_5678_9ABC_DEF0)
    for i in range(20_000):
        if i % 500 == 0:
            m.tbnz(x0, 1, far)  # never taken for x0 = 0
        with m.no_pools(16):
            start = m.offset
            for _ in range(4):
                m.emit(0xD503201F)
            assert m.offset - start == 16
    m.bind(far)
    m.mov(x0, x1)
    m.ret()
    assert len(m.finalize()) > 320_000
    assert _call(buf, m, 0) == 0x1234_5678_9ABC_DEF0


def test_data_from_a_memoryview_meets_the_pool_deadline_by_its_bytes(buf: JitBuffer) -> None:
    """A memoryview's size is its bytes, not its items (len() of a view of 4-byte items
    is a quarter of that): 36,000 bytes across a tbnz's 32 KiB deadline put the veneer
    before the data, as the same bytes would."""
    words = array.array("I", [0xD503201F] * 9000)  # nops

    def build(raw: bytes | memoryview) -> MacroAssembler:
        m = MacroAssembler()
        far = m.label()
        m.tbnz(x0, 2, far)
        m.mov(x0, 1)
        m.ret()
        m.data(raw)
        m.bind(far)
        m.mov(x0, 9)
        m.ret()
        return m

    view, plain = build(memoryview(words)), build(words.tobytes())
    assert view.finalize() == plain.finalize()
    assert _call(buf, view, 4) == 9
    assert _call(buf, view, 0) == 1


@pytest.mark.parametrize("exact_layout", [True, False])
def test_pools_around_odd_sized_data(buf: JitBuffer, exact_layout: bool) -> None:
    """Data in 3-byte pieces across a tbnz deadline: a pool lands only on a word
    boundary (never padding inside the data); under no_pools the data is contiguous."""
    m = MacroAssembler()
    far = m.label()
    m.tbnz(x0, 2, far)  # a 32 KiB deadline
    m.mov(x0, 1)
    m.ret()
    start = m.offset
    blob = bytes(range(256)) * 160  # 40 KiB: crosses the deadline
    if exact_layout:
        with m.no_pools(len(blob)):
            start = m.offset  # after the pool that fell due inside the region
            for i in range(0, len(blob), 3):
                m.data(blob[i:i + 3])
    else:
        for i in range(0, len(blob), 3):
            m.data(blob[i:i + 3])
    m.align(4)
    m.bind(far)
    m.mov(x0, 9)
    m.ret()
    code = m.finalize()
    if exact_layout:
        assert code[start:start + len(blob)] == blob
    assert _call(buf, m, 4) == 9
    assert _call(buf, m, 0) == 1
