"""The emulator backend grows Unicorn's TLB (``_TLB_ENTRIES`` in a64jit.runtime.emulator)
before the first top-level call after a map, unmap or protect flushed it: what must hold
is that the growth runs its scan to the end, happens at top-level calls only, and leaves
every call's arguments, result and stack as they would be without it."""

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


def test_nested_maps_wait_for_the_next_top_level_call(emu: EmulatorBackend) -> None:
    """A host function that maps memory while code runs sets the flag; the nested
    calls it makes and the outer call finish without growing (no emulation under
    emulation), and the next top-level call grows and clears it."""
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
            return int(inner(x)) * 2

        hf = host_function(host, I64, [I64], backend=emu)
        outer = buf.install(assemble(f"""
            stp x29, x30, [sp, #-16]!
            mov x16, #{hf.address & 0xFFFF}
            movk x16, #{(hf.address >> 16) & 0xFFFF}, lsl #16
            movk x16, #{(hf.address >> 32) & 0xFFFF}, lsl #32
            movk x16, #{(hf.address >> 48) & 0xFFFF}, lsl #48
            blr x16
            add x0, x0, #3
            ldp x29, x30, [sp], #16
            ret
        """), restype=I64, argtypes=[I64])
        emu._state.tlb = 0
        grows.clear()
        assert outer(10) == 25
        assert grows == [] and emu._state.tlb == 1
        assert outer(20) == 45  # this one grew first, then mapped again
        assert grows == [0] and emu._state.tlb == 1
