"""The emulator backend grows Unicorn's TLB (``_TLB_ENTRIES`` in a64jit.runtime.emulator)
before the first call after a map, unmap or protect flushed it (or, for a map in a host
function, before the code goes on): what must hold is that the growth runs its scan to
the end and leaves every call's arguments, registers, result and stack as they would be
without it."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

import pytest

from tests.runtime.conftest import needs_unicorn

needs_unicorn()

from a64jit import JitBuffer, alloc_data, assemble, host_function  # noqa: E402
from a64jit.runtime import emulator  # noqa: E402
from a64jit.runtime.emulator import EmulatorBackend  # noqa: E402

I64 = ctypes.c_int64
F64 = ctypes.c_double


@pytest.fixture(params=[True, False], ids=["fast", "slow"])
def emu(request: pytest.FixtureRequest) -> Iterator[EmulatorBackend]:
    be = EmulatorBackend(timeout=5.0, fast_stores=request.param)
    yield be
    be.close()


def test_grow_runs_its_scan_to_the_end(emu: EmulatorBackend) -> None:
    """Each round reads 3/4 of the next size's lines, 1 KiB apart: after the last one
    x0 is past the last line it read and x1 counted down to 0."""
    if emulator._TLB_FLUSH_CTL == -1:
        pytest.skip("this Unicorn has no TLB flush control")
    from unicorn import arm64_const as A

    emu._state.tlb = 1
    emu._grow_tlb()
    assert emu._state.tlb == 0
    last = (emulator._TLB_ENTRIES // 2) * 3 // 4
    assert emu.uc.reg_read(A.UC_ARM64_REG_X0) == emu._tlb_scan + (last << 10)
    assert emu.uc.reg_read(A.UC_ARM64_REG_X1) == 0
    assert emu._tlb_lines == last << 10  # the scan stays inside its mapping


def test_no_growth_within_a_window_of_the_last(emu: EmulatorBackend,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Within _TLB_KEEPS of the last growth no flush can have shrunk the TLB: the scan
    is skipped (x0 keeps its value); after it, the TLB is grown again."""
    if emulator._TLB_FLUSH_CTL == -1:
        pytest.skip("this Unicorn has no TLB flush control")
    from unicorn import arm64_const as A

    now = [1000.0]
    monkeypatch.setattr(emulator, "_clock", lambda: now[0])
    emu._grow_tlb()
    assert emu._tlb_grown == 1000.0
    emu.uc.reg_write(A.UC_ARM64_REG_X0, 12345)
    now[0] += emulator._TLB_KEEPS / 2
    emu._state.tlb = 1
    emu._grow_tlb()
    assert emu.uc.reg_read(A.UC_ARM64_REG_X0) == 12345 and emu._state.tlb == 0
    assert emu._tlb_grown == 1000.0
    now[0] += emulator._TLB_KEEPS
    emu._grow_tlb()
    assert emu.uc.reg_read(A.UC_ARM64_REG_X0) != 12345
    assert emu._tlb_grown == now[0]


def test_calls_after_maps_keep_their_arguments(emu: EmulatorBackend) -> None:
    """A data block mapped before a call (the flag set) and the call that grows the TLB
    first: integer and FP arguments, a stack argument and the result are intact."""
    with JitBuffer(backend=emu) as buf:
        src = """
            ldr x9, [sp]
            add x0, x0, x1
            add x0, x0, x7
            add x0, x0, x9
            fcvtzs x10, d0
            add x0, x0, x10
            ret
        """
        f = buf.install(assemble(src), restype=I64, argtypes=[I64] * 9 + [F64])
        for k in range(3):
            block = alloc_data(4096 * (k + 1), backend=emu)
            assert emu._state.tlb == 1
            assert f(1, 20, 0, 0, 0, 0, 0, 300, 4000, 50000.0) == 54321
            assert emu._state.tlb == 0
            block.close()
            assert emu._state.tlb == 1  # the unmap flushed it too


def test_a_map_in_a_host_function_grows_before_the_code_goes_on(
        emu: EmulatorBackend) -> None:
    """A host function that maps memory while code runs (and makes a nested call after
    it) has the TLB grown when it returns, nested, with the running call's registers
    kept: the nested call and the outer code go on with their values."""
    grows: list[int] = []
    real = emu._grow_tlb

    def counted() -> None:
        grows.append(emu._state.depth)
        real()

    emu._grow_tlb = counted  # type: ignore[method-assign]
    kept: list[object] = []
    with JitBuffer(backend=emu) as buf:
        inner = buf.install(assemble("add x0, x0, #1\nret"), restype=I64, argtypes=[I64])

        def host(x: int) -> int:
            kept.append(alloc_data(8192, backend=emu))
            assert emu._state.tlb == 1
            return int(inner(x)) * 2

        hf = host_function(host, I64, [I64], backend=emu)
        outer = buf.install(assemble(f"""
            stp x29, x30, [sp, #-16]!
            stp x19, x20, [sp, #-16]!
            mov x19, #7
            mov x20, #9
            mov x16, #{hf.address & 0xFFFF}
            movk x16, #{(hf.address >> 16) & 0xFFFF}, lsl #16
            movk x16, #{(hf.address >> 32) & 0xFFFF}, lsl #32
            movk x16, #{(hf.address >> 48) & 0xFFFF}, lsl #48
            blr x16
            add x0, x0, x19
            add x0, x0, x20
            ldp x19, x20, [sp], #16
            ldp x29, x30, [sp], #16
            ret
        """), restype=I64, argtypes=[I64])
        emu._state.tlb = 0
        grows.clear()
        assert outer(10) == 22 + 16
        assert grows == [1] and emu._state.tlb == 0  # in the host function, nested
        assert outer(20) == 42 + 16
        assert grows == [1, 1] and emu._state.tlb == 0


def test_aligned_blocks_are_placed_and_forgotten(emu: EmulatorBackend) -> None:
    """Blocks of a multiple of 2 MiB are recorded by their slot of the TLB's span (the
    placement that spreads them is best effort: mmap decides) and forgotten when freed;
    code reads and writes them at both ends."""
    slots = emulator._THP_SLOTS
    blocks = [alloc_data(2 << 20, backend=emu) for _ in range(3)]
    for b in blocks:
        assert emu._thp_slots[b.address] == (b.address >> 21) % slots
    with JitBuffer(backend=emu) as buf:
        f = buf.install(assemble("str x1, [x0]\nldr x2, [x0]\nadd x0, x1, x2\nret"),
                        restype=I64, argtypes=[I64, I64])
        for b in blocks:
            assert f(b.address, 21) == 42
            assert f(b.address + len(b) - 8, 5) == 10
    small = alloc_data(4096, backend=emu)
    assert small.address not in emu._thp_slots
    for b in blocks:
        b.close()
        assert b.address not in emu._thp_slots
    small.close()


def test_the_tlb_scan_code_is_what_its_text_assembles_to() -> None:
    # the emulator keeps the scan's words (the runtime does not import the assembler)
    words = assemble("l: ldr x2, [x0]\nadd x0, x0, #1024\nsubs x1, x1, #1\nb.ne l\nret")
    assert words == b"".join(w.to_bytes(4, "little") for w in emulator._TLB_GROW_CODE)
