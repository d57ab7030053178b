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
from a64jit.operands import (
    FP_BY_PREFIX,
    V_BY_CODE,
    X_BY_CODE,
    d0,
    d1,
    d2,
    d3,
    d4,
    d5,
    d7,
    d9,
    d16,
    d20,
    mem,
    q9,
    s0,
    s1,
    sp,
    w0,
    w3,
    w9,
    x0,
    x1,
    x2,
    x3,
    x4,
    x5,
    x6,
    x9,
    x10,
    x12,
    x17,
    x20,
    x21,
    x22,
)

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
    for v in CALLEE_SAVED_FPRS:
        m.mov(x9, sentinel(v.code))
        m.fmov(v, x9)
    m.call(bridge.entry_address)  # x0 = ctx, x1 = code already
    m.ldr(x9, f.slot(0))
    for i, r in enumerate(CALLEE_SAVED_GPRS):
        m.str(r, mem(x9, 8 * i))
    for i, v in enumerate(CALLEE_SAVED_FPRS):
        m.str(v, mem(x9, 80 + 8 * i))
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
    for i, v in enumerate(CALLEE_SAVED_FPRS):
        assert vals[10 + i] == sentinel(v.code), f"{v} clobbered"
    assert vals[18] == vals[20], "x29 clobbered"


def clobber_all(m: MacroAssembler) -> None:
    for r in CALLEE_SAVED_GPRS:
        if r.code not in (19, 20):
            m.mov(r, 0xBAD0 + r.code)
    for v in CALLEE_SAVED_FPRS:
        m.fmov(v, float(v.code))


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


# -- emit_host_call: one AAPCS64 for any number of int and FP arguments ----------------

D = ctypes.c_double
F = ctypes.c_float


def test_host_call_many_int_and_fp_arguments(backend: str) -> None:
    """12 ints and 11 doubles: x0-x7 and d0-d7, the rest on the stack, from
    registers and constants, with live x/d/q registers across the call."""
    seen: list[tuple[Any, ...]] = []

    def host(*a: Any) -> float:
        seen.append(a)
        return float(sum(a[:12]) * 0.5 + sum(a[12:]))

    argtypes = [I64] * 12 + [D] * 11
    hf = a64jit.host_function(host, D, argtypes)
    ints: list[Any] = [x3, x2, 7, x1, -5, x0, 2**40, x5, x4, 11, x6, 13]
    dbls: list[Any] = [d2, 1.5, d1, -0.25, d0, d7, 1e300, d3, 2.0, d4, 3.25]
    m = MacroAssembler()
    frame = Frame(m, uses=[x21])
    frame.prologue()
    m.mov(x21, x0)
    for n, v in enumerate([100, 101, 102, 103, 104, 105, 106]):
        m.mov(X_BY_CODE[n], v)
    for n, fv in enumerate([0.5, 1.25, 2.5, 3.75, 4.5]):
        m.fmov(FP_BY_PREFIX["d"][n], fv)
    m.fmov(d7, -8.0)
    live = [x9, x10, d16, d20, q9]
    m.mov(x9, sentinel(1))
    m.mov(x10, sentinel(2))
    m.mov(x17, sentinel(3))
    m.fmov(d16, x17)
    m.mov(x17, sentinel(4))
    m.fmov(d20, x17)
    m.mov(x17, sentinel(5))
    m.fmov(V_BY_CODE[9].d[1], x17)
    emit_host_call(m, hf, [*ints, *dbls], live=live, result=d5)
    m.str(d5, mem(x21, 0))
    m.str(x9, mem(x21, 8))
    m.str(x10, mem(x21, 16))
    m.str(d16, mem(x21, 24))
    m.str(d20, mem(x21, 32))
    m.fmov(x9, V_BY_CODE[9].d[1])
    m.str(x9, mem(x21, 40))
    frame.epilogue()
    data = a64jit.alloc_data(64)
    words = (U64 * 8).from_buffer(data)
    with a64jit.JitBuffer() as buf:
        code = buf.install(m, restype=None, argtypes=[VP])
        code(data.address)
    want_ints = [103, 102, 7, 101, -5, 100, 2**40, 105, 104, 11, 106, 13]
    want_dbls = [2.5, 1.5, 1.25, -0.25, 0.5, -8.0, 1e300, 3.75, 2.0, 4.5, 3.25]
    assert seen == [(*want_ints, *want_dbls)]
    result = struct.unpack("<d", struct.pack("<Q", words[0]))[0]
    assert result == host(*want_ints, *want_dbls)
    assert list(words[1:6]) == [sentinel(1), sentinel(2), sentinel(3), sentinel(4),
                                sentinel(5)]


@pytest.mark.parametrize("result", [x12, w3, d9, s0])
def test_host_call_results_and_float_args(backend: str, result: Any) -> None:
    fp = result.cls == "fp"
    restype = (F if result.size == 32 else D) if fp else (ctypes.c_int32 if result.size == 32
                                                          else I64)

    def host(a: float, b: float, n: int) -> Any:
        v = a * b + n
        return v if fp else int(v)

    hf = a64jit.host_function(host, restype, [F, D, I64])
    m = MacroAssembler()
    frame = Frame(m, uses=[x21])
    frame.prologue()
    m.mov(x21, x0)
    m.fmov(s1, 1.5)
    emit_host_call(m, hf, [s1, 4.0, -3], result=result)
    m.str(result, mem(x21, 0))
    frame.epilogue()
    data = a64jit.alloc_data(16)
    with a64jit.JitBuffer() as buf:
        buf.install(m, restype=None, argtypes=[VP])(data.address)
    raw = bytes(data[:result.size // 8])
    got = (struct.unpack("<f" if result.size == 32 else "<d", raw)[0] if fp
           else int.from_bytes(raw, "little", signed=True))
    assert got == 3


def test_host_call_operand_errors() -> None:
    m = MacroAssembler()
    with pytest.raises(TypeError, match="argument 1 is str"):
        emit_host_call(m, 0x1000, [x0, "x1"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="argument 0 is sp"):
        emit_host_call(m, 0x1000, [sp])
    with pytest.raises(TypeError, match="result is"):
        emit_host_call(m, 0x1000, [], result=5)  # type: ignore[arg-type]
