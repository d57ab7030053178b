"""The VM<->JIT bridge on the real runtime backends (emulator on x86-64, native
under qemu on AArch64): sentinels in every callee-saved register survive the
trampoline, SP is 16-byte aligned at every host call, exits at many points are
read back, nested VM -> JIT -> host -> VM -> JIT works, and MacroAssembler
sequences give Python's answers."""

from __future__ import annotations

import ctypes
import random
import struct
from typing import Any

import pytest

import a64jit
from a64jit.abi import (
    CALLEE_SAVED_FPRS,
    CALLEE_SAVED_GPRS,
    Bridge,
    ExitReason,
    Frame,
    VMState,
    emit_exit,
    emit_host_call,
)
from a64jit.macro.masm import MacroAssembler
from a64jit.operands import X_BY_CODE, mem, sp, w0, w9, x0, x1, x2, x9, x20, x21, x22

M64 = 2**64 - 1
I64 = ctypes.c_int64
U64 = ctypes.c_uint64
VP = ctypes.c_void_p


def sentinel(n: int) -> int:
    return (0x5E00_0000_0000_0000 | n * 0x0101_0101 | n << 40) & M64


@pytest.fixture
def bridge(backend: str) -> Any:
    b = Bridge()
    yield b
    b.close()


def install(bridge: Bridge, m: MacroAssembler, restype: Any = I64,
            argtypes: list[Any] | None = None) -> Any:
    return bridge.buffer.install(m, restype=restype, argtypes=argtypes or [])


def harness(bridge: Bridge) -> tuple[Any, Any]:
    """``uint64 h(ctx, code, out)``: loads a sentinel into every callee-saved
    register, calls enter(ctx, code), stores every callee-saved register (and
    x29, SP) to ``out`` afterwards, returns enter's result."""
    m = MacroAssembler()
    f = Frame(m, uses=list(CALLEE_SAVED_GPRS) + list(CALLEE_SAVED_FPRS), spill_slots=2)
    f.prologue()
    m.str(x2, f.slot(0))
    m.mov(x9, X_BY_CODE[29])
    m.str(x9, f.slot(1))
    for r in CALLEE_SAVED_GPRS:
        m.mov(r, sentinel(r.code))
    for r in CALLEE_SAVED_FPRS:
        m.mov(x9, sentinel(r.code))
        m.fmov(r, x9)
    m.call(bridge.entry_address)  # x0 = ctx, x1 = code already
    m.ldr(x9, f.slot(0))
    for i, r in enumerate(CALLEE_SAVED_GPRS):
        m.str(r, mem(x9, 8 * i))
    for i, r in enumerate(CALLEE_SAVED_FPRS):
        m.str(r, mem(x9, 80 + 8 * i))
    m.str(X_BY_CODE[29], mem(x9, 144))
    m.mov(x2, sp)
    m.str(x2, mem(x9, 152))
    m.ldr(x2, f.slot(1))
    m.str(x2, mem(x9, 160))
    f.epilogue()
    out = a64jit.alloc_data(256)
    return install(bridge, m, U64, [VP, VP, VP]), out


def check_sentinels(out: Any) -> None:
    vals = (ctypes.c_uint64 * 21).from_buffer(out)
    for i, r in enumerate(CALLEE_SAVED_GPRS):
        assert vals[i] == sentinel(r.code), f"{r} clobbered"
    for i, r in enumerate(CALLEE_SAVED_FPRS):
        assert vals[10 + i] == sentinel(r.code), f"{r} clobbered"
    assert vals[18] == vals[20], "x29 clobbered"


def clobber_all(m: MacroAssembler) -> None:
    for r in CALLEE_SAVED_GPRS:
        if r.code not in (19, 20):
            m.mov(r, 0xBAD0 + r.code)
    for r in CALLEE_SAVED_FPRS:
        m.fmov(r, float(r.code))


def test_sentinels_survive_return_and_exits(bridge: Bridge) -> None:
    h, out = harness(bridge)
    state = VMState(8)
    m = MacroAssembler()
    exits = [m.label(f"e{i}") for i in range(6)]
    m.ldr(x9, mem(x20, 0))  # regs[0] selects the exit point
    clobber_all(m)
    for i, lbl in enumerate(exits):
        m.cmp(x9, i)
        m.b_eq(lbl)
    m.mov(x0, 4242)
    m.ret()
    for i, lbl in enumerate(exits):
        m.bind(lbl)
        frame = Frame(m, uses=[x21], spill_slots=i)
        frame.prologue()
        m.mov(x21, 100 + i)
        m.mov(X_BY_CODE[22], -i)
        emit_exit(m, bridge, ExitReason.BAILOUT if i % 2 else ExitReason.EXCEPTION, pc=10 * i,
                  value=x21, live={1: x21, 2: X_BY_CODE[22]})
    code = install(bridge, m)
    for i in range(6):
        state.regs[0] = i
        reason = h(state.address, code.address, out.address)
        check_sentinels(out)
        assert reason == (ExitReason.BAILOUT if i % 2 else ExitReason.EXCEPTION)
        assert state.ctx.exit_pc == 10 * i and state.ctx.exit_value == 100 + i
        assert (state.regs[1], state.regs[2]) == (100 + i, -i)
        assert state.ctx.depth == 0 and state.ctx.entry_sp == 0
    state.regs[0] = 99
    assert h(state.address, code.address, out.address) == ExitReason.RETURNED
    check_sentinels(out)
    assert state.ctx.exit_value == 4242


def test_sp_aligned_at_every_host_call_and_nesting(bridge: Bridge) -> None:
    seen: list[tuple[int, int]] = []
    inner_state = VMState(4)

    def inner_code() -> Any:
        m = MacroAssembler()
        m.ldr(x0, mem(x20, 0))
        m.add(x0, x0, 1000)
        m.ret()
        return install(bridge, m)

    inner = inner_code()

    def probe(sp_value: int, tag: int) -> int:
        seen.append((sp_value % 16, tag))
        if tag == 3:  # VM -> JIT -> host -> VM -> JIT
            inner_state.regs[0] = tag
            assert bridge.enter(inner_state, inner) == ExitReason.RETURNED
            return int(inner_state.ctx.exit_value)
        return tag * 2

    hf = a64jit.host_function(probe, I64, [U64, I64])
    m = MacroAssembler()
    outer = Frame(m, uses=[x21, x22], spill_slots=1)
    outer.prologue()
    total = x21
    m.mov(total, 0)
    for tag, live in ((1, []), (2, [x9]), (3, [x0, x1, x9]), (4, [x1])):
        m.mov(x9, 7)
        m.mov(x22, sp)
        emit_host_call(m, hf, [x22, tag], live=live, result=x22)
        m.add(total, total, x22)
    m.mov(x0, total)
    outer.epilogue()
    code = install(bridge, m)
    state = VMState(4)
    assert bridge.enter(state, code) == ExitReason.RETURNED
    assert state.ctx.exit_value == 2 + 4 + 1003 + 8
    assert [t for _, t in seen] == [1, 2, 3, 4]
    assert all(mod == 0 for mod, _ in seen), seen


def test_exception_in_host_function_propagates(bridge: Bridge) -> None:
    def boom(x: int) -> int:
        raise KeyError("from host")

    hf = a64jit.host_function(boom, I64, [I64])
    m = MacroAssembler()
    f = Frame(m)
    f.prologue()
    emit_host_call(m, hf, [1])
    f.epilogue()
    code = install(bridge, m)
    with pytest.raises(KeyError):
        bridge.enter(VMState(2), code)


def test_masm_random_operands(backend: str) -> None:
    rng = random.Random(1234)
    buf = a64jit.JitBuffer()
    data = a64jit.alloc_data(1 << 16)
    view = (ctypes.c_uint8 * (1 << 16)).from_buffer(data)
    for i in range(len(view)):
        view[i] = (i * 131 + 7) & 0xFF
    try:
        for _ in range(40):
            value = rng.getrandbits(64)
            imm = rng.choice([rng.getrandbits(64), rng.randrange(-5000, 5000),
                              rng.getrandbits(24)]) % 2**64
            off = rng.randrange(-0x7000, 0x7000) & ~7
            m = MacroAssembler()
            m.mov(x9, value)
            m.add(x9, x9, imm)
            m.ldr(x1, mem(x0, off))
            m.eor(x0, x9, x1)
            m.ret()
            f = buf.install(m, restype=U64, argtypes=[VP])
            base = data.address + 0x8000
            loaded = int.from_bytes(bytes(view[0x8000 + off:0x8000 + off + 8]), "little")
            assert f(base) == ((value + imm) & M64) ^ loaded
    finally:
        buf.close()


def test_fp_constants(backend: str) -> None:
    buf = a64jit.JitBuffer()
    try:
        for v in (1.0, 0.0, -0.0, 0.1, -1234.5678, 1e300, 2.5):
            m = MacroAssembler()
            m.fmov(a64jit.d0, v)
            m.ret()
            f = buf.install(m, restype=ctypes.c_double, argtypes=[])
            assert struct.pack("<d", f()) == struct.pack("<d", v)
        m = MacroAssembler()
        m.mov(w0, -1)
        m.ret()
        assert buf.install(m, restype=U64, argtypes=[])() == 0xFFFF_FFFF
    finally:
        buf.close()


def test_adrp_lo12_reach_data_wherever_the_code_lands(backend: str) -> None:
    """adrp + :lo12: (add and scaled loads, as in the text front-end) depend on the
    load address: finalize(address) fills them in for wherever install puts them."""
    buf = a64jit.JitBuffer()
    try:
        for padding in (0, 1, 1023):
            a = a64jit.Assembler()
            data = a.label("data")
            for _ in range(padding):  # shift the code within its page
                a.nop()
            a.adrp(x1, data)
            a.ldr(x0, mem(x1, a64jit.lo12(data)))  # 40
            a.add(x2, x1, a64jit.lo12(data))
            a.ldr(w9, mem(x2, 8))  # 2 (a 4-byte load, scaled)
            a.add(x0, x0, x9)
            a.ret()
            a.align(4096)
            a.data(bytes(24))
            a.bind(data)  # 8-aligned, in another page than the code
            a.quad(40, 2)
            assert buf.install(a, restype=I64, argtypes=[])() == 42, padding
    finally:
        buf.close()


def test_example_vm(backend: str) -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "examples" / "vm.py"
    spec = importlib.util.spec_from_file_location("example_vm", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    vm = mod.VM()
    f = mod.sum_to(vm, guard=1000)
    g = vm.add([(mod.CALL, 1, f, 0), (mod.ADDI, 1, 1, 1), (mod.RET, 1, 0, 0)])
    vm.compile(f)
    vm.compile(g)
    for n in (0, 1, 10, 44, 45, 46, 100, 300):
        assert vm.call(f, n) == n * (n - 1) // 2
        assert vm.call(g, n) == n * (n - 1) // 2 + 1
    assert any("bailout" in line for line in vm.log)
