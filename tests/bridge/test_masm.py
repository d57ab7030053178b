"""MacroAssembler sequences executed on a bare Unicorn CPU and checked against
Python arithmetic; scratch scopes; veneers and literal pools with huge gaps."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from a64jit.errors import LabelError
from a64jit.macro.constants import plan_mov
from a64jit.macro.masm import MacroAssembler
from a64jit.macro.scratch import ScratchError
from a64jit.operands import (
    EQ,
    NE,
    FPRegister,
    mem,
    post,
    pre,
    sp,
    w0,
    w1,
    x0,
    x1,
    x2,
    x3,
    x16,
    x17,
    xzr,
)

from . import _emu

M64 = 2**64 - 1
NOP = 0xD503201F


def nops(m: MacroAssembler, count: int) -> None:
    for _ in range(count):
        m.emit(NOP)


# -- constants -------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.one_of(st.integers(-(2**63), M64),
                 st.integers(0, 2**32 - 1).map(lambda v: v | v << 32),
                 st.integers(0, 63).map(lambda n: (1 << n) - 1)))
def test_mov_any_constant_executes(value: int) -> None:
    m = MacroAssembler()
    m.mov(x0, value)
    m.mov(w1, value & 0xFFFFFFFF)
    m.ret()
    code = m.finalize()
    assert len(code) == 4 * (len(plan_mov(value)) + len(plan_mov(value & 0xFFFFFFFF, 32)) + 1)
    uc = _emu.run(code, {0: 0xDEAD, 1: 0xFFFF_FFFF_FFFF_FFFF})
    assert _emu.x(uc, 0) == value & M64
    assert _emu.x(uc, 1) == value & 0xFFFFFFFF  # a w write zeroes the upper half


def test_mov_to_sp_uses_scratch() -> None:
    m = MacroAssembler()
    m.mov(x3, sp)
    m.mov(sp, 0x7000_1230)
    m.mov(x0, sp)
    m.mov(sp, x3)
    m.ret()
    uc = _emu.run(m.finalize())
    assert _emu.x(uc, 0) == 0x7000_1230


# -- arithmetic --------------------------------------------------------------------------

def _flags(result: int, a: int, b: int, sub: bool, bits: int) -> int:
    mask = (1 << bits) - 1
    if sub:
        b = ~b & mask
        full = a + b + 1
    else:
        full = a + b
    r = full & mask
    n = r >> (bits - 1)
    z = int(r == 0)
    c = int(full > mask)
    sa, sb, sr = a >> (bits - 1), b >> (bits - 1), n
    v = int(sa == sb and sr != sa)
    assert r == result & mask
    return n << 3 | z << 2 | c << 1 | v


@settings(max_examples=120, deadline=None)
@given(a=st.integers(0, M64), imm=st.one_of(st.integers(-(2**63), M64), st.integers(-5000, 5000),
                                            st.integers(0, 2**24)),
       op=st.sampled_from(["add", "sub", "adds", "subs", "cmp", "cmn"]),
       width=st.sampled_from([64, 32]))
def test_addsub_any_immediate(a: int, imm: int, op: str, width: int) -> None:
    mask = (1 << width) - 1
    if width == 32:
        imm = imm & mask if imm >= 0 else max(imm, -(2**31))
    rd, rn = (x0, x1) if width == 64 else (w0, w1)
    m = MacroAssembler()
    if op in ("cmp", "cmn"):
        getattr(m, op)(rn, imm)
    else:
        getattr(m, op)(rd, rn, imm)
    m.ret()
    uc = _emu.run(m.finalize(), {0: 0x5A5A, 1: a & mask, 16: 1, 17: 2})
    sub = op in ("sub", "subs", "cmp")
    expect = (a - imm if sub else a + imm) & mask
    if op not in ("cmp", "cmn"):
        assert _emu.x(uc, 0) == expect
    if op in ("adds", "subs", "cmp", "cmn"):
        # The flags of the operation written, on the immediate's bit pattern (a
        # swap to the opposite operation must not change them: issue 10 item 1).
        assert _emu.nzcv(uc) == _flags(expect, a & mask, imm & mask, sub, width)
    assert _emu.x(uc, 1) == a & mask


def test_add_sp_large() -> None:
    m = MacroAssembler()
    m.mov(x3, sp)
    m.sub(sp, sp, 0x12345)
    m.mov(x0, sp)
    m.add(sp, sp, 0x12345)
    m.mov(x1, sp)
    m.sub(x1, x3, x1)
    m.ret()
    uc = _emu.run(m.finalize())
    assert _emu.x(uc, 3) - _emu.x(uc, 0) == 0x12345
    assert _emu.x(uc, 1) == 0


@settings(max_examples=60, deadline=None)
@given(a=st.integers(0, M64), imm=st.integers(-(2**63), M64),
       op=st.sampled_from(["and_", "orr", "eor", "ands"]))
def test_logic_any_immediate(a: int, imm: int, op: str) -> None:
    m = MacroAssembler()
    getattr(m, op)(x0, x1, imm)
    m.ret()
    uc = _emu.run(m.finalize(), {1: a})
    b = imm & M64
    expect = {"and_": a & b, "ands": a & b, "orr": a | b, "eor": a ^ b}[op]
    assert _emu.x(uc, 0) == expect


# -- loads and stores --------------------------------------------------------------------

@settings(max_examples=80, deadline=None)
@given(off=st.one_of(st.integers(-300, 300), st.integers(-0x8_0000, 0x8_0000)),
       size=st.sampled_from([8, 4, 2, 1]))
def test_load_any_offset(off: int, size: int) -> None:
    base = _emu.DATA + 0x10_0000
    m = MacroAssembler()
    ins = {8: ("ldr", x0), 4: ("ldr", w0), 2: ("ldrh", w0), 1: ("ldrb", w0)}[size]
    getattr(m, ins[0])(ins[1], mem(x1, off))
    st_ins = {8: "str", 4: "str", 2: "strh", 1: "strb"}[size]
    getattr(m, st_ins)(ins[1], mem(x2, off))
    m.ret()
    data = bytearray(0x20_0000)
    value = int.from_bytes(bytes((i * 7 + 3) & 0xFF for i in range(size)), "little")
    at = base + off - _emu.DATA
    data[at:at + size] = value.to_bytes(size, "little")
    uc = _emu.run(m.finalize(), {1: base, 2: base + 0x40}, bytes(data))
    assert _emu.x(uc, 0) == value
    assert _emu.x(uc, 1) == base
    got = uc.mem_read(base + 0x40 + off, size)
    assert int.from_bytes(got, "little") == value


def test_pre_post_index_large() -> None:
    m = MacroAssembler()
    m.ldr(x0, pre(x1, 4096))
    m.ldr(x3, post(x1, -8192))
    m.ret()
    data = bytearray(0x20_0000)
    data[0x1000:0x1008] = (0x1122334455667788).to_bytes(8, "little")
    uc = _emu.run(m.finalize(), {1: _emu.DATA}, bytes(data))
    assert _emu.x(uc, 0) == _emu.x(uc, 3) == 0x1122334455667788
    assert _emu.x(uc, 1) == _emu.DATA - 4096


# -- scratch scopes ------------------------------------------------------------------------

def test_scratch_scopes_nest_and_exhaust() -> None:
    m = MacroAssembler()
    with m.scratch("outer") as outer:
        a = outer.acquire()
        assert a is x16
        with m.scratch("helper") as inner:
            assert inner.acquire() is x17
            with pytest.raises(ScratchError, match="no free scratch"):
                inner.acquire()
        # Inside the helper's scope a macro that needs a temp has none left;
        # back in the outer scope x17 is free again.
        with m.scratch("helper2") as inner2:
            assert inner2.acquire() is x17
        with pytest.raises(ScratchError, match="in use"):
            outer.acquire(x16)
    with m.scratch() as s:
        assert s.acquire() is x16  # released


def test_macro_needs_scratch_when_exhausted() -> None:
    m = MacroAssembler()
    with m.scratch("a") as s:
        s.acquire()
        s.acquire()
        with pytest.raises(ScratchError):
            m.cmp(x0, 0x1234_5678_9ABC)
        m.cmp(x0, 5)  # no scratch needed: fine


def test_held_scratch_operand_is_refused() -> None:
    m = MacroAssembler()
    with m.scratch("outer") as outer:
        t = outer.acquire()
        m.add(t, t, 1)  # the owner may use it
        with m.scratch("helper"), pytest.raises(ScratchError, match="held by the enclosing"):
            m.mov(t, 5)  # a nested helper would clobber the outer value


def test_scratch_avoids_operands() -> None:
    m = MacroAssembler()
    m.add(x16, x16, 0x1234_5678_9A)  # the temp must be x17, not x16
    m.ret()
    uc = _emu.run(m.finalize(), {16: 1000})
    assert _emu.x(uc, 16) == 1000 + 0x1234_5678_9A


# -- far branches ---------------------------------------------------------------------------

def _branch_over_gap(kind: str, gap_words: int, taken: bool) -> tuple[bytes, dict[int, int]]:
    m = MacroAssembler()
    target = m.label("far")
    m.mov(x0, 1)
    if kind == "cbz":
        m.cbz(x1, target)
    elif kind == "tbnz":
        m.tbnz(x1, 3, target)
    else:
        m.cmp(x1, 0)
        m.b_cond(EQ, target)
    m.mov(x0, 2)
    m.ret()
    nops(m, gap_words)
    m.bind(target)
    m.mov(x0, 3)
    m.ret()
    want = 0 if kind != "tbnz" else 8
    return m.finalize(), {1: want if taken else 1 + (kind == "tbnz") * 0}


@pytest.mark.parametrize("kind,gap", [("cbz", 300_000), ("b.eq", 270_000), ("tbnz", 9_000),
                                      ("cbz", 10), ("tbnz", 8190)])
def test_forward_far_branch_gets_veneer(kind: str, gap: int) -> None:
    code, regs = _branch_over_gap(kind, gap, taken=True)
    assert _emu.x(_emu.run(code, regs), 0) == 3
    code, regs = _branch_over_gap(kind, gap, taken=False)
    regs[1] = 1 if kind != "tbnz" else 0
    assert _emu.x(_emu.run(code, regs), 0) == 2


def test_backward_far_branch_inverts() -> None:
    m = MacroAssembler()
    done, top = m.label(), m.label()
    m.mov(x0, 0)
    m.b(top)
    back = m.here("back")
    m.add(x0, x0, 1)
    m.b(done)
    nops(m, 10_000)  # > 32 KiB: tbz cannot reach back
    m.bind(top)
    m.tbz(x1, 0, back)
    m.cbnz(x1, back)
    m.bind(done)
    m.ret()
    code = m.finalize()
    assert _emu.x(_emu.run(code, {1: 0}), 0) == 1
    assert _emu.x(_emu.run(code, {1: 1}), 0) == 1
    assert _emu.x(_emu.run(code, {1: 2}), 0) == 1


def test_many_pending_branches_one_label() -> None:
    m = MacroAssembler()
    target = m.label()
    m.mov(x0, 0)
    for i in range(50):
        m.tbnz(x1, i, target)
        nops(m, 300)
    m.mov(x0, 2)
    m.ret()
    m.bind(target)
    m.mov(x0, 3)
    m.ret()
    code = m.finalize()
    for bit in (0, 17, 49):
        assert _emu.x(_emu.run(code, {1: 1 << bit}), 0) == 3
    assert _emu.x(_emu.run(code, {1: 1 << 55}), 0) == 2


def test_unbound_label_is_an_error() -> None:
    m = MacroAssembler()
    m.cbz(x0, m.label("nowhere"))
    with pytest.raises(LabelError, match="nowhere"):
        m.finalize()


# -- literal pool ---------------------------------------------------------------------------

def test_literal_pool_after_ret() -> None:
    m = MacroAssembler()
    m.ldr_literal(x0, 0x1122_3344_5566_7788)
    m.mov_pooled(x1, -2)
    m.ldr_literal(x2, 0x1122_3344_5566_7788)  # shared entry
    m.ret()
    code = m.finalize()
    assert len(code) == 4 * 4 + 16 or len(code) == 4 * 5 + 16  # optional alignment nop
    uc = _emu.run(code)
    assert _emu.x(uc, 0) == _emu.x(uc, 2) == 0x1122_3344_5566_7788
    assert _emu.x(uc, 1) == M64 - 1


def test_literal_pool_in_long_straight_line_code() -> None:
    m = MacroAssembler()
    m.ldr_literal(x0, 0xCAFE_F00D_DEAD_BEEF)
    m.mov(x1, 0)
    for _ in range(300_000):  # 1.2 MB: the pool must be placed (with a branch around it)
        m.emit(NOP)
    m.ldr_literal(x2, 0xCAFE_F00D_DEAD_BEEF)
    m.add(x1, x1, 7)
    m.ret()
    uc = _emu.run(m.finalize())
    assert _emu.x(uc, 0) == _emu.x(uc, 2) == 0xCAFE_F00D_DEAD_BEEF
    assert _emu.x(uc, 1) == 7


def test_literal_fp_and_no_pools_region() -> None:
    m = MacroAssembler()
    m.ldr_literal(_d(0), 3.141592653589793)
    with m.no_pools(8):
        m.b(8)
        m.emit(0)  # skipped data word: no pool may land in between
    m.ret()
    uc = _emu.run(m.finalize())
    assert _emu.d(uc, 0) == struct.unpack("<Q", struct.pack("<d", 3.141592653589793))[0]


def _d(n: int) -> FPRegister:
    from a64jit.operands import FP_BY_PREFIX

    return FP_BY_PREFIX["d"][n]


@pytest.mark.parametrize("value", [1.0, -2.5, 0.0, -0.0, 3.141592653589793, 1e300, 0.1])
def test_fmov_any_double(value: float) -> None:
    m = MacroAssembler()
    m.fmov(_d(1), value)
    m.ret()
    uc = _emu.run(m.finalize(), fp={1: 0x7FF8_DEAD_0000_0001})
    assert _emu.d(uc, 1) == struct.unpack("<Q", struct.pack("<d", value))[0]


def test_call_absolute_and_unused() -> None:
    m = MacroAssembler()
    m.call(0x1234_5678_9ABC)
    code = m.finalize()
    # movz/movk/movk into x16, then blr x16
    assert int.from_bytes(code[-4:], "little") == 0xD63F0000 | 16 << 5
    assert NE is not EQ and xzr is not x17
