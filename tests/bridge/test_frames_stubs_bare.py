"""Frames and the entry/exit trampoline on a bare Unicorn CPU: every callee-saved
register filled with a sentinel survives, exits from any depth unwind, the
context records why and where. (The runtime suite repeats this on the real
backends with host calls.)"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

import pytest

from a64jit.abi import CALLEE_SAVED_FPRS, CALLEE_SAVED_GPRS, ExitReason, Frame, VMContext
from a64jit.abi.stubs import OFF_DEPTH, OFF_ENTRY_SP, build_bridge, emit_exit
from a64jit.macro.masm import MacroAssembler
from a64jit.operands import X_BY_CODE, d8, d9, d15, mem, sp, x0, x1, x9, x19, x20, x21, x28

from . import _emu

M64 = 2**64 - 1


def sentinel(n: int) -> int:
    return (0x5E00_0000_0000_0000 | n * 0x0101_0101 | n << 40) & M64


# -- frames -------------------------------------------------------------------------------

@pytest.mark.parametrize("uses,slots", [((), 0), ((x19,), 1), ((x19, x20, x21), 3),
                                        (tuple(CALLEE_SAVED_GPRS) + tuple(CALLEE_SAVED_FPRS), 5),
                                        ((d8,), 0), ((x28, d9, d15), 2)])
def test_frame_saves_exactly_what_it_uses(uses: tuple[object, ...], slots: int) -> None:
    m = MacroAssembler()
    f = Frame(m, uses=uses, spill_slots=slots)  # type: ignore[arg-type]
    other = m.label("early")
    f.prologue()
    for i, r in enumerate(uses):
        m.mov(x9, 1000 + i)
        if r in CALLEE_SAVED_FPRS:
            m.emit(0x9E670000 | 9 << 5 | r.code)  # fmov d, x9
        else:
            m.mov(r, x9)  # type: ignore[arg-type]
    for i in range(slots):
        m.mov(x9, 77 + i)
        m.str(x9, f.slot(i))
    m.cbz(x0, other)
    m.mov(x0, 0)
    for i in range(slots):
        m.ldr(x9, f.slot(i))
        m.add(x0, x0, x9)
    f.epilogue()
    m.bind(other)  # a second return point
    m.mov(x0, 5)
    f.epilogue()
    code = m.finalize()
    n_pairs = (len([r for r in uses if r in CALLEE_SAVED_GPRS]) + 1) // 2 + (
        len([r for r in uses if r in CALLEE_SAVED_FPRS]) + 1) // 2
    assert f.save_size == 16 + 16 * n_pairs
    for arg, want in ((1, sum(77 + i for i in range(slots))), (0, 5)):
        regs = {i: sentinel(i) for i in range(19, 30)}
        regs[0] = arg
        uc = _emu.run(code, regs, fp={i: sentinel(i) for i in range(8, 16)})
        assert _emu.x(uc, 0) == want
        for i in range(19, 30):
            assert _emu.x(uc, i) == sentinel(i), f"x{i}"
        for i in range(8, 16):
            assert _emu.d(uc, i) == sentinel(i), f"d{i}"
        assert uc.reg_read(_emu.A.UC_ARM64_REG_SP) == _emu.STACK + _emu.STACK_SIZE - 256


def test_frame_record_chain() -> None:
    m = MacroAssembler()
    f = Frame(m, uses=[x19], spill_slots=2)
    f.prologue()
    m.mov(x0, X_BY_CODE[29])  # our frame record
    m.ldr(x1, mem(X_BY_CODE[29], 0))  # caller's x29
    f.epilogue()
    uc = _emu.run(m.finalize(), {29: 0xF0F0})
    entry_sp = _emu.STACK + _emu.STACK_SIZE - 256
    assert _emu.x(uc, 0) == entry_sp - f.save_size
    assert _emu.x(uc, 1) == 0xF0F0
    assert f.size % 16 == 0 and f.slot_fp(0).offset == -f.spill_size


# -- the trampoline ----------------------------------------------------------------------

CTX = _emu.DATA
REGS = _emu.DATA + 0x1000


def run_bridge(jit: Callable[[MacroAssembler, int], None], *, old_entry_sp: int = 0xABC0
               ) -> tuple[object, VMContext, list[int]]:
    """Bridge at offset 0, JIT code after it; call enter(ctx, code) with every
    callee-saved register holding a sentinel; check they all survive."""
    m, entry, exit_at = build_bridge()
    code_label = m.label("jit")
    m.align(16)
    m.bind(code_label)
    jit(m, _emu.CODE + exit_at)
    code = m.finalize()
    ctx = VMContext()
    ctx.regs = REGS
    ctx.entry_sp = old_entry_sp
    ctx.depth = 7
    data = bytearray(0x2000)
    data[0:ctypes.sizeof(ctx)] = bytes(ctx)
    regs = {i: sentinel(i) for i in range(19, 30)}
    regs.update({0: CTX, 1: _emu.CODE + m.label_offset(code_label)})
    uc = _emu.run(code, regs, bytes(data), fp={i: sentinel(i) for i in range(8, 16)})
    for i in range(19, 30):
        assert _emu.x(uc, i) == sentinel(i), f"x{i} not restored"
    for i in range(8, 16):
        assert _emu.d(uc, i) == sentinel(i), f"d{i} not restored"
    assert uc.reg_read(_emu.A.UC_ARM64_REG_SP) == _emu.STACK + _emu.STACK_SIZE - 256
    out = VMContext.from_buffer_copy(bytes(uc.mem_read(CTX, ctypes.sizeof(VMContext))))
    assert out.entry_sp == old_entry_sp and out.depth == 7  # links restored
    vm_regs = list(ctypes.cast(ctypes.create_string_buffer(
        bytes(uc.mem_read(REGS, 8 * 16)), 8 * 16), ctypes.POINTER(ctypes.c_int64))[:16])
    assert entry == 0
    return uc, out, vm_regs


def clobber_all(m: MacroAssembler) -> None:
    for r in CALLEE_SAVED_GPRS:
        m.mov(r, 0xBAD0 + r.code)
    for v in CALLEE_SAVED_FPRS:
        m.emit(0x9E670000 | 31 << 5 | v.code)  # fmov d, xzr


def test_return_normally() -> None:
    def jit(m: MacroAssembler, exit_stub: int) -> None:
        # Pinned registers arrive loaded.
        m.sub(x0, x19, CTX)
        m.sub(x1, x20, REGS)
        m.orr(x0, x0, x1)
        m.add(x9, x0, 42)  # 42 only if both pinned registers were right
        clobber_all(m)
        m.mov(x0, x9)
        m.ret()

    uc, ctx, _ = run_bridge(jit)
    assert _emu.x(uc, 0) == ExitReason.RETURNED
    assert ctx.exit_reason == ExitReason.RETURNED and ctx.exit_value == 42


@pytest.mark.parametrize("depth", [0, 1, 3])
@pytest.mark.parametrize("reason", [ExitReason.BAILOUT, ExitReason.EXCEPTION, 9])
def test_exit_from_any_depth(depth: int, reason: int) -> None:
    def jit(m: MacroAssembler, exit_stub: int) -> None:
        funcs = [m.label(f"f{i}") for i in range(depth)]
        frame = Frame(m, uses=[x19, x20, x21], spill_slots=3)
        frame.prologue()
        clobber_all(m)
        if depth:
            m.bl(funcs[0])
        m.mov(x0, 99)
        frame.epilogue()
        for i, f in enumerate(funcs):
            m.bind(f)
            inner = Frame(m, uses=[x28], spill_slots=i + 1)
            inner.prologue()
            m.sub(sp, sp, 32)  # junk on the stack: the exit must not care
            if i + 1 < depth:
                m.bl(funcs[i + 1])
            else:
                # x19/x20 must hold the pinned values at exit: reload them.
                m.mov(x19, CTX)
                m.mov(x20, REGS)
                m.mov(x21, 1234)
                m.mov(x28, -5)
                emit_exit(m, exit_stub, reason, pc=17 + i, value=x28, live={3: x21, 0: x28})
            inner.epilogue()

    uc, ctx, regs = run_bridge(jit)
    if depth == 0:
        assert _emu.x(uc, 0) == ExitReason.RETURNED and ctx.exit_value == 99
        return
    assert _emu.x(uc, 0) == reason
    assert ctx.exit_reason == reason and ctx.exit_pc == 17 + depth - 1
    assert ctx.exit_value == (-5) & M64
    assert regs[3] == 1234 and regs[0] == -5


def test_layout_constants() -> None:
    assert OFF_ENTRY_SP % 8 == 0 and OFF_DEPTH % 8 == 0
    assert ctypes.sizeof(VMContext) % 16 == 0
