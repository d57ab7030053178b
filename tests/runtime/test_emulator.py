"""Emulator-backend behaviour that has no native counterpart: faults become
exceptions, W^X is enforced by the emulated MMU, stale translations never run,
runaway code is stopped, and the backend is selected by host/env/parameter."""

from __future__ import annotations

import ctypes
import os
import struct
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.runtime.conftest import needs_unicorn

needs_unicorn()

import a64jit  # noqa: E402
from a64jit import (  # noqa: E402
    JitBuffer,
    JitFault,
    JitTimeout,
    alloc_data,
    assemble,
    host_function,
)
from a64jit.runtime import get_backend  # noqa: E402
from a64jit.runtime.emulator import EmulatorBackend  # noqa: E402

I64 = ctypes.c_int64
VP = ctypes.c_void_p
SMSTART = struct.pack("<I", 0xD503477F)  # llvm-mc -mattr=+sme: smstart (not in the CPU model)

try:
    import capstone  # noqa: F401

    HAVE_CAPSTONE = True
except ImportError:
    HAVE_CAPSTONE = False


@pytest.fixture(scope="module")
def emu() -> Iterator[EmulatorBackend]:
    be = EmulatorBackend(timeout=2.0)
    yield be
    be.close()


@pytest.fixture
def buf(emu: EmulatorBackend) -> Iterator[JitBuffer]:
    with JitBuffer(backend=emu) as b:
        yield b


def install(buf: JitBuffer, text: str, restype: Any = I64, argtypes: Any = ()) -> Any:
    return buf.install(assemble(text), restype=restype, argtypes=argtypes)


# -- CPU model ---------------------------------------------------------------------------


def test_v83_and_lse_instructions_run(buf: JitBuffer) -> None:
    fj = install(buf, "fjcvtzs w0, d0\nret", ctypes.c_int32, [ctypes.c_double])
    assert fj(42.9) == 42 and fj(-1.5) == -1 and fj(2.0**32 + 7) == 7  # JS ToInt32: mod 2^32
    block = alloc_data(16, backend=buf.backend)
    cell = I64.from_buffer(block)
    cell.value = 40
    ldadd = install(buf, "ldaddal x1, x0, [x0]\nret", I64, [VP, I64])
    assert ldadd(block.address, 2) == 40 and cell.value == 42
    cas = install(buf, "casal x1, x2, [x0]\nmov x0, x1\nret", I64, [VP, I64, I64])
    assert cas(block.address, 42, 7) == 42 and cell.value == 7     # swapped
    assert cas(block.address, 42, 9) == 7 and cell.value == 7      # compare failed


def test_fp_and_simd_enabled(buf: JitBuffer) -> None:
    f = install(buf, "fmul d0, d0, d1\nret", ctypes.c_double, [ctypes.c_double] * 2)
    assert f(1.5, -4.0) == -6.0


# -- same addresses as the host ------------------------------------------------------------


def test_data_and_ctypes_views_share_addresses(buf: JitBuffer) -> None:
    block = alloc_data(64, backend=buf.backend)
    arr = (I64 * 8).from_buffer(block)
    arr[3] = 1234
    load = install(buf, "ldr x0, [x0]\nret", I64, [ctypes.POINTER(I64)])
    store = install(buf, "str x1, [x0]\nret", None, [VP, I64])
    assert load(ctypes.cast(ctypes.addressof(arr) + 24, ctypes.POINTER(I64))) == 1234
    store(block.address + 8, -5)
    assert arr[1] == -5


def test_host_memory_by_pointer_like_native(buf: JitBuffer) -> None:
    """ctypes arrays and bytes passed by pointer work as natively (pages are
    mapped for the duration of the call), and are unmapped afterwards."""
    arr = (I64 * 3)(10, 20, 30)
    load = install(buf, "ldr x0, [x0, #16]\nret", I64, [ctypes.POINTER(I64)])
    store = install(buf, "str x1, [x0]\nret", None, [VP, I64])
    assert load(arr) == 30
    store(ctypes.addressof(arr), -9)
    assert arr[0] == -9
    first_byte = install(buf, "ldrb w0, [x0]\nret", I64, [ctypes.c_char_p])
    assert first_byte(b"A64") == ord("A")
    emu = buf.backend
    assert isinstance(emu, EmulatorBackend) and not emu._lazy
    # read-only host memory stays read-only
    from a64jit.runtime.libc import MAP_ANONYMOUS, MAP_PRIVATE, PROT_READ, libc

    page = libc().mmap(None, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS)
    try:
        assert load(ctypes.cast(page, ctypes.POINTER(I64))) == 0
        with pytest.raises(JitFault, match="write to unmapped"):
            store(page, 1)
    finally:
        libc().munmap(page, 4096)


def test_strict_mode_refuses_foreign_host_memory() -> None:
    strict = EmulatorBackend(share_host_memory=False)
    try:
        with JitBuffer(backend=strict) as b:
            arr = (I64 * 1)(5)
            load = install(b, "ldr x0, [x0]\nret", I64, [VP])
            with pytest.raises(JitFault, match="unmapped"):
                load(ctypes.addressof(arr))
            block = alloc_data(8, backend=strict)
            assert load(block.address) == 0
    finally:
        strict.close()


def test_closed_data_block_is_unmapped_in_the_emulator(buf: JitBuffer) -> None:
    block = alloc_data(16, backend=buf.backend)
    address = block.address
    load = install(buf, "ldr x0, [x0]\nret", I64, [VP])
    assert load(address) == 0
    block.close()
    with pytest.raises(JitFault) as info:
        load(address)
    assert info.value.address == address and "unmapped" in info.value.reason


# -- W^X ------------------------------------------------------------------------------------


def test_writing_code_faults(buf: JitBuffer) -> None:
    f = install(buf, "str x1, [x0]\nret", None, [VP, I64])
    with pytest.raises(JitFault) as info:
        f(f.address, 0)
    exc = info.value
    assert exc.pc == f.address and exc.address == f.address
    assert exc.instruction == 0xF9000001 and "W^X" in exc.reason
    assert f(alloc_data(8, backend=buf.backend).address, 1) is None  # still usable


def test_executing_data_faults(buf: JitBuffer) -> None:
    block = alloc_data(16, backend=buf.backend)
    block[:8] = assemble("mov x0, #1\nret")
    jump = install(buf, "br x0", I64, [VP])
    with pytest.raises(JitFault) as info:
        jump(block.address)
    assert info.value.pc == block.address and "non-executable" in info.value.reason


def test_rwx_mode_allows_self_modification(emu: EmulatorBackend) -> None:
    with JitBuffer(mode="rwx", backend=emu) as b:
        # f(where, word): store the word, then the maintenance hardware needs
        f = install(b, "str w1, [x0]\ndc cvau, x0\ndsb ish\nic ivau, x0\ndsb ish\nisb\nret",
                    None, [VP, I64])
        g = install(b, "mov x0, #1\nret")
        assert [g(), g()] == [1, 1]  # translated and cached
        f(g.address, int.from_bytes(assemble("mov x0, #7"), "little"))
        assert g() == 7  # the code rewrote g; the emulator runs the new code
        assert b.read(g)[:4] == assemble("mov x0, #7")
    with JitBuffer(backend=emu) as b:  # W^X: the same store faults
        f = install(b, "str w1, [x0]\nret", None, [VP, I64])
        g = install(b, "mov x0, #1\nret")
        with pytest.raises(JitFault, match="write to non-writable"):
            f(g.address, 0)
        assert g() == 1


# -- stale translations never run -------------------------------------------------------------


def test_patch_after_run_runs_new_code(buf: JitBuffer) -> None:
    f = install(buf, "mov x0, #1\nret")
    assert [f() for _ in range(3)] == [1, 1, 1]  # translated and cached
    buf.patch(f, 0, assemble("mov x0, #2"), quiescent=True)
    assert f() == 2


def test_reused_range_runs_new_code(buf: JitBuffer) -> None:
    f = install(buf, "mov x0, #1\nret")
    address = f.address
    assert f() == 1
    buf.free(f)
    g = install(buf, "mov x0, #7\nret")
    assert g.address == address and g() == 7


def test_without_the_flush_stale_code_would_run(emu: EmulatorBackend,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests above are meaningful: Unicorn really caches translations."""
    with JitBuffer(backend=emu) as b:
        f = install(b, "mov x0, #1\nret")
        assert f() == 1
        monkeypatch.setattr(emu, "flush_icache", lambda address, size: None)
        b.patch(f, 0, assemble("mov x0, #2"), quiescent=True)
        assert f() == 1  # stale translation
        monkeypatch.undo()
        emu.flush_icache(f.address, 4)
        assert f() == 2


def test_reinstall_after_buffer_close(emu: EmulatorBackend) -> None:
    for value in (3, 4, 5):  # new regions may land where closed ones were
        with JitBuffer(backend=emu) as b:
            assert install(b, f"mov x0, #{value}\nret")() == value


# -- faults -------------------------------------------------------------------------------


@pytest.mark.parametrize("text, reason, insn", [
    ("udf #5", "undefined instruction", "udf"),
    ("brk #7", "brk", "brk"),
    ("svc #3", "svc", "svc"),
    ("hvc #1", "hvc", "hvc"),
])
def test_exception_instructions_fault(buf: JitBuffer, text: str, reason: str,
                                      insn: str) -> None:
    f = install(buf, f"nop\n{text}\nret")
    with pytest.raises(JitFault, match=reason) as info:
        f()
    exc = info.value
    assert exc.pc == f.address + 4 and exc.address == exc.pc
    assert exc.instruction == int.from_bytes(assemble(text), "little")
    if HAVE_CAPSTONE:
        assert exc.disassembly is not None and exc.disassembly.startswith(insn)
        assert insn in str(exc)
    assert install(buf, "mov x0, #1\nret")() == 1


@pytest.mark.parametrize("text, index, write", [
    # the faulting access is not the block's first instruction, nor its first access
    ("mov x2, #9\nldr x3, [x0]\nadd x0, x0, #8\nldr x4, [x1, #16]\nret", 3, False),
    ("ldr x3, [x0]\nstr x3, [x0, #8]\nstp x3, x3, [x1, #-16]!\nret", 2, True),
    # an atomic reads first
    ("ldr x3, [x0]\nadd x1, x1, x3\nmov x5, x1\nldaddal x3, x4, [x5]\nret", 3, False),
])
def test_data_fault_names_the_faulting_instruction(buf: JitBuffer, text: str, index: int,
                                                   write: bool) -> None:
    """Some Unicorn releases report a data fault at the start of the translated block;
    the backend finds the instruction itself, with the registers as they were."""
    good = a64jit.alloc_data(4096)
    f = install(buf, text, I64, [I64, I64])
    bad = 0x10000  # never mapped
    with pytest.raises(JitFault) as info:
        f(good.address, bad)
    exc = info.value
    assert exc.pc == f.address + 4 * index, str(exc)
    assert ("write to" if write else "read from") in exc.reason
    assert exc.registers["x0"] in (good.address, good.address + 8)
    assert exc.registers["x1"] == bad


def test_instruction_missing_from_the_cpu_model_faults(buf: JitBuffer) -> None:
    f = buf.install(assemble("nop") + SMSTART + assemble("ret"))
    with pytest.raises(JitFault, match="undefined instruction") as info:
        f()
    assert info.value.pc == f.address + 4 and info.value.instruction == 0xD503477F


def test_unmapped_access_fault_carries_addresses_and_registers(buf: JitBuffer) -> None:
    f = install(buf, "mov x2, #9\nldr x0, [x1]\nret", I64, [I64, I64])
    bad = 0x10  # the zero page is never mapped
    with pytest.raises(JitFault) as info:
        f(5, bad)
    exc = info.value
    assert exc.pc == f.address + 4 and exc.address == bad
    assert "read from unmapped" in exc.reason
    assert exc.registers["x0"] == 5 and exc.registers["x2"] == 9 and exc.registers["pc"] == exc.pc
    assert f"{bad:#x}" in str(exc)
    store = install(buf, "str x0, [x1]\nret", None, [I64, I64])
    with pytest.raises(JitFault, match="write to unmapped"):
        store(1, bad)


def test_branch_to_unmapped_memory(buf: JitBuffer) -> None:
    f = install(buf, "br x0", I64, [I64])
    with pytest.raises(JitFault, match="fetch from unmapped") as info:
        f(0x1000)
    assert info.value.pc == 0x1000 and info.value.instruction is None


def test_misaligned_exclusive_faults(buf: JitBuffer) -> None:
    block = alloc_data(16, backend=buf.backend)
    f = install(buf, "ldxr x0, [x0]\nret", I64, [I64])
    with pytest.raises(JitFault, match="data abort") as info:
        f(block.address + 1)
    assert info.value.pc == f.address


def test_fault_inside_host_function_call_chain(buf: JitBuffer) -> None:
    crash = install(buf, "udf #1")
    hf = host_function(lambda: crash(), I64, [], backend=buf.backend)
    f = install(buf, "stp x29, x30, [sp, #-16]!\nblr x0\nldp x29, x30, [sp], #16\nret",
                I64, [VP])
    with pytest.raises(JitFault, match="undefined"):
        f(hf.address)
    assert install(buf, "mov x0, #3\nret")() == 3


# -- limits --------------------------------------------------------------------------------------


def test_timeout_stops_a_runaway_loop(emu: EmulatorBackend) -> None:
    old = emu.timeout
    emu.timeout = 0.2
    try:
        with JitBuffer(backend=emu) as b:
            spin = install(b, "loop:\nb loop")
            with pytest.raises(JitTimeout, match="timeout") as info:
                spin()
            assert info.value.pc == spin.address
            assert isinstance(info.value, JitFault)
            assert install(b, "mov x0, #5\nret")() == 5
    finally:
        emu.timeout = old


def test_step_limit(emu: EmulatorBackend) -> None:
    emu.max_steps = 1000
    try:
        with JitBuffer(backend=emu) as b:
            count = install(b, "loop:\nsubs x0, x0, #1\nb.ne loop\nret", I64, [I64])
            assert count(100) == 0
            with pytest.raises(JitTimeout, match="step limit"):
                count(10_000)
            assert count(10) == 0
    finally:
        emu.max_steps = None
    with pytest.raises(ValueError):
        emu.max_steps = 0
    with pytest.raises(ValueError):
        emu.timeout = -1


def test_long_host_function_does_not_count_against_timeout(emu: EmulatorBackend) -> None:
    import time

    old = emu.timeout
    # The few instructions around the host call must finish within the timeout even
    # when a loaded machine deschedules this thread: 0.3 s for them, 1 s in the host.
    emu.timeout = 0.3
    try:
        with JitBuffer(backend=emu) as b:
            def sleep_then_6() -> int:
                time.sleep(1.0)
                return 6

            slow = host_function(sleep_then_6, I64, [], backend=emu)
            f = install(b, "stp x29, x30, [sp, #-16]!\nblr x0\nldp x29, x30, [sp], #16\nret",
                        I64, [VP])
            assert f(slow.address) == 6
    finally:
        emu.timeout = old


# -- host functions ----------------------------------------------------------------------------


CALL_X0 = "stp x29, x30, [sp, #-16]!\nblr x0\nldp x29, x30, [sp], #16\nret"


def test_host_function_argument_kinds(buf: JitBuffer) -> None:
    seen: list[tuple[Any, ...]] = []

    def py(*args: Any) -> float:
        seen.append(args)
        return 0.5

    types = [ctypes.c_int8, ctypes.c_uint16, ctypes.c_double, ctypes.c_float, VP,
             ctypes.c_bool, I64, I64, I64, I64, ctypes.c_double, VP]
    hf = host_function(py, ctypes.c_double, types, backend=buf.backend)
    # Eight integers fill x0-x7, so the 12th argument (the target) is on the
    # stack; the code tail-calls it, and the host function reads it from there.
    f = install(buf, "ldr x9, [sp]\nbr x9", ctypes.c_double, types)
    assert f(-1, 65535, 2.5, 1.25, None, True, 7, 8, 9, 10, -0.0, hf.address) == 0.5
    (args,) = seen
    assert args[:4] == (-1, 65535, 2.5, 1.25)
    assert args[4] is None and args[5] is True and args[6:10] == (7, 8, 9, 10)
    assert struct.pack("<d", args[10]) == struct.pack("<d", -0.0) and args[11] == hf.address


def test_nested_host_calls_keep_the_outer_frame(buf: JitBuffer) -> None:
    add = install(buf, "add x0, x0, x1\nret", I64, [I64, I64])
    depth: list[int] = []

    def outer(a: int, b: int) -> int:
        depth.append(a)
        return int(add(a, b) * 10 if a < 3 else add(a, b))

    hf = host_function(outer, I64, [I64, I64], backend=buf.backend)
    # callee-saved x19 must survive the host call that re-enters the emulator
    f = install(buf, "stp x19, x30, [sp, #-16]!\nmov x19, #77\nblr x2\nadd x0, x0, x19\n"
                "ldp x19, x30, [sp], #16\nret", I64, [I64, I64, VP])
    assert f(1, 2, hf.address) == 30 + 77
    # host function calling code that calls a host function again
    inner = host_function(lambda a, b: a * b, I64, [I64, I64], backend=buf.backend)
    mid = host_function(lambda a, b: f(a, b, inner.address), I64, [I64, I64],
                        backend=buf.backend)
    assert f(3, 4, mid.address) == (12 + 77) + 77


def test_nesting_limit_is_a_clear_error(buf: JitBuffer) -> None:
    """JIT -> host -> JIT ... : Unicorn crashes at 63 nested emulations; the backend
    stops at MAX_NESTING with NestingLimitError reaching the outermost caller."""
    from a64jit.errors import NestingLimitError

    holder: list[Any] = []

    def host(n: int) -> int:
        return 0 if n <= 0 else int(holder[0](n - 1, hf.address)) + 1

    hf = host_function(host, I64, [I64], backend=buf.backend)
    # f(n, host): call host(n), return its result
    f = install(buf, "stp x29, x30, [sp, #-16]!\nblr x1\nldp x29, x30, [sp], #16\nret",
                I64, [I64, VP])
    holder.append(f)
    limit = EmulatorBackend.MAX_NESTING
    assert f(limit - 1, hf.address) == limit - 1  # limit levels of emulation: fine
    with pytest.raises(NestingLimitError, match=f"allows {limit}"):
        f(limit, hf.address)
    with pytest.raises(NestingLimitError):
        f(100, hf.address)  # far past Unicorn's own crash depth (63)
    assert f(3, hf.address) == 3  # the emulator is usable afterwards


def _depth() -> int:
    frame: Any = sys._getframe(1)
    n = 0
    while frame is not None:
        n += 1
        frame = frame.f_back
    return n


def _at_depth(n: int, fn: Any) -> Any:
    """Call ``fn`` from ``n`` Python frames further down."""
    return fn() if n <= 0 else _at_depth(n - 1, fn)


def test_deep_python_stack_refuses_the_call(buf: JitBuffer,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A call starting within CALLBACK_HEADROOM frames of the recursion limit raises
    RecursionError before running anything: a host function's callback entered there
    would raise at its entry, where no Python caller can catch it (issue #14's CI: deep
    JS recursion through compiled code printed "Exception ignored" tracebacks). Further
    from the limit the call runs, its host function included."""
    from a64jit.runtime import CALLBACK_HEADROOM
    from a64jit.runtime import backend as backend_mod

    ignored: list[Any] = []
    monkeypatch.setattr(backend_mod, "_prev_unraisable_hook", ignored.append)
    hf = host_function(lambda a: a + 1, I64, [I64], backend=buf.backend)
    f = install(buf, "stp x29, x30, [sp, #-16]!\nmov x2, x0\nmov x0, #41\nblr x2\n"
                "ldp x29, x30, [sp], #16\nret", I64, [VP])
    old = sys.getrecursionlimit()
    here = _depth()
    limit = here + 3 * CALLBACK_HEADROOM + 200
    sys.setrecursionlimit(limit)
    try:
        # room: the call and its callback run
        room = limit - here - CALLBACK_HEADROOM - 40
        assert _at_depth(room, lambda: f(hf.address)) == 42
        # no room: refused before it starts, with a message saying why
        with pytest.raises(RecursionError, match="host-function callbacks"):
            _at_depth(limit - here - CALLBACK_HEADROOM + 10, lambda: f(hf.address))

        # a host function that recurses until the limit: its RecursionError reaches
        # the caller like any exception of a host function
        def deep(a: int) -> int:
            return int(_at_depth(10 * limit, lambda: a))

        hd = host_function(deep, I64, [I64], backend=buf.backend)
        with pytest.raises(RecursionError):
            f(hd.address)
    finally:
        sys.setrecursionlimit(old)
    assert f(hf.address) == 42  # usable afterwards
    assert ignored == []



def test_max_steps_set_after_a_first_run_applies() -> None:
    emu = EmulatorBackend(timeout=30)
    with JitBuffer(backend=emu) as b:
        f = install(b, "1: subs x0, x0, #1\nb.ne 1b\nret", I64, [I64])
        assert f(1000) == 0  # translated and cached without step counting
        emu.max_steps = 500
        with pytest.raises(JitTimeout, match="step limit"):
            f(10**15)
        assert f(100) == 0
        emu.max_steps = None
        assert f(10_000) == 0
    with pytest.raises(TypeError, match="max_steps must be an int"):
        emu.max_steps = 1.5  # type: ignore[assignment]
    with pytest.raises(ValueError, match="max_steps must be in"):
        emu.max_steps = 2**64
    emu.close()


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/status")
def test_install_call_free_cycles_stay_bounded() -> None:
    """Unicorn keeps dead translations until its code buffer fills up (1 GiB by
    default: RSS grew ~270 bytes a cycle for a one-instruction body). The backend bounds
    the buffer. Each cycle here installs, calls and frees a 128-instruction body (~1.6 KB
    of translation a cycle), so a 1 MiB buffer fills within ~650 cycles, and the next
    2,000 must not grow RSS by 1 MiB. Without the bound those 2,000 cycles grow it by
    2-4 MiB (measured: Unicorn's buffer grows in 2 MiB steps), a signal well clear of
    the allocator's noise (0-20 KiB measured under load 7): an earlier form, 4,000
    one-instruction cycles against 512 KiB, had ~2x margin on each side."""
    import gc

    assert EmulatorBackend().tcg_buffer_size == 8 << 20  # the default
    emu = EmulatorBackend(tcg_buffer_size=1 << 20)
    n = 128
    body = assemble("add x0, x0, x1\n" * n + "ret")
    with JitBuffer(backend=emu) as b:
        def cycles(count: int) -> None:
            for _ in range(count):
                f = b.install(body, restype=I64, argtypes=[I64, I64])
                assert f(1, 2) == 1 + 2 * n
                b.free(f)

        cycles(1500)
        gc.collect()
        before = _rss_kib()
        cycles(2000)
        gc.collect()
        assert _rss_kib() - before < 1024, (before, _rss_kib())
    emu.close()
    with pytest.raises(ValueError, match="tcg_buffer_size"):
        EmulatorBackend(tcg_buffer_size=4096)


def test_sigint_reaches_a_long_emulated_call() -> None:
    """CPython runs signal handlers only between bytecodes: the watchdog hears Ctrl-C
    through the wakeup fd and stops the call, so KeyboardInterrupt arrives (well
    before this backend's 30 s timeout)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals are delivered to the main thread")
    emu = EmulatorBackend(timeout=30)
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with JitBuffer(backend=emu) as b:
            f = install(b, "1: b 1b", None)
            timer = threading.Timer(0.02, os.kill, (os.getpid(), signal.SIGINT))
            timer.start()
            with pytest.raises(KeyboardInterrupt):
                f()
            assert emu._state.timed_out == -1  # stopped for the signal, not by the timeout
            assert install(b, "mov x0, #5\nret")() == 5  # usable afterwards
    finally:
        signal.signal(signal.SIGINT, old)
        emu.close()


def test_long_calls_are_never_stopped_and_resumed() -> None:
    """A stop-and-resume at the PC Unicorn reports can run an instruction twice: this
    pointer chase (x1 = table[x1], 20 million times, ~0.5 s) came out wrong when long
    calls were stopped and resumed every 40 ms to let signals in."""
    import random

    n = 4096
    perm = list(range(n))
    random.Random(1).shuffle(perm)
    emu = EmulatorBackend(timeout=60)
    try:
        table = alloc_data(4 * n, backend=emu)
        view = memoryview(table).cast("I")
        for i, p in enumerate(perm):
            view[i] = 4 * p
        with JitBuffer(backend=emu) as b:
            f = install(b, "mov x1, #0\n1: ldr w1, [x2, x1]\nsubs x0, x0, #1\n"
                           "b.ne 1b\nmov x0, x1\nret", I64, [I64, I64, VP])
            steps = 20_000_000
            # The model: the chain from offset 0 runs into a cycle; walk it once.
            seen: dict[int, int] = {}
            chain = [0]
            while chain[-1] not in seen:
                seen[chain[-1]] = len(chain) - 1
                chain.append(perm[chain[-1] // 4] * 4)
            start = seen[chain[-1]]
            cycle = len(chain) - 1 - start
            offset = chain[steps] if steps < len(chain) else \
                chain[start + (steps - start) % cycle]
            assert f(steps, 0, table.address) == offset
        del view
    finally:
        emu.close()


def test_host_function_bad_result_type_raises(buf: JitBuffer) -> None:
    hf = host_function(lambda: "nope", I64, [], backend=buf.backend)
    f = install(buf, CALL_X0, I64, [VP])
    with pytest.raises(TypeError, match="not convertible"):
        f(hf.address)


def test_host_function_slots_are_reused(emu: EmulatorBackend) -> None:
    import gc

    gc.collect()
    pages = len(emu._trap_pages)
    for i in range(3000):  # more than one trap page holds, if slots were not reused
        host_function(lambda i=i: i, I64, [], backend=emu)
        gc.collect(0)
    assert len(emu._trap_pages) <= pages + 1


def test_many_host_functions_grow_the_trap_region(emu: EmulatorBackend) -> None:
    fns = [host_function(lambda i=i: i, I64, [], backend=emu) for i in range(1500)]
    with JitBuffer(backend=emu) as b:
        f = install(b, CALL_X0, I64, [VP])
        assert [f(fns[i].address) for i in (0, 1023, 1024, 1499)] == [0, 1023, 1024, 1499]


# -- argument marshalling --------------------------------------------------------------------


def test_argument_type_errors_match_ctypes(buf: JitBuffer) -> None:
    f = install(buf, "ret", I64, [I64])
    with pytest.raises(ctypes.ArgumentError, match="argument 1"):
        f(1.5)
    with pytest.raises(TypeError):
        f()
    assert f(2**64 + 5) == 5  # ctypes truncates silently, as natively


def test_narrow_arguments_are_extended_like_libffi(buf: JitBuffer) -> None:
    f = install(buf, "ret", ctypes.c_uint64, [ctypes.c_int32])
    assert f(-1) == 2**64 - 1
    g = install(buf, "ret", ctypes.c_uint64, [ctypes.c_uint32])
    assert g(-1) == 2**32 - 1


def test_pointer_results(buf: JitBuffer) -> None:
    f = install(buf, "ret", ctypes.POINTER(I64), [VP])
    block = alloc_data(8, backend=buf.backend)
    I64.from_buffer(block).value = 99
    assert f(block.address).contents.value == 99
    assert not f(None)


# -- backend selection ----------------------------------------------------------------------------


def test_backend_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("A64JIT_BACKEND", "emulator")
    assert a64jit.current_backend() == "emulator"
    assert isinstance(get_backend(), EmulatorBackend)
    assert JitBuffer().backend is get_backend("emulator")
    monkeypatch.setenv("A64JIT_BACKEND", "bogus")
    with pytest.raises(ValueError, match="A64JIT_BACKEND"):
        a64jit.current_backend()
    monkeypatch.delenv("A64JIT_BACKEND")
    import platform

    expected = "native" if platform.machine().lower() in ("aarch64", "arm64") else "emulator"
    assert a64jit.current_backend() == expected


def test_missing_unicorn_names_the_extra() -> None:
    code = ("import sys; sys.modules['unicorn'] = None\n"
            "from a64jit.runtime import get_backend\n"
            "try:\n    get_backend('emulator')\n"
            "except ImportError as e:\n    print(e)\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=60)
    assert "a64jit[emulator]" in out.stdout, out.stdout + out.stderr


def _gaps_of(fast: dict[int, int]) -> set[tuple[int, int]]:
    """The gaps between the fast data mappings, as the invalid-access hooks must cover."""
    gaps, prev = set(), 0
    for lo, hi in sorted(fast.items()):
        if lo > prev:
            gaps.add((prev, lo - 1))
        prev = hi
    gaps.add((prev, (1 << 64) - 1))
    return gaps


def test_a_block_freed_while_the_gap_hooks_are_synced(monkeypatch: pytest.MonkeyPatch) -> None:
    """A collection may run a data block's finalizer anywhere in the gap-hook sync (any
    allocation starts one), and its unmap syncs again from inside: here the finalizer
    runs at the sync's first hook call. The hooks must end up covering exactly the gaps
    of the mappings there are (the nested sync ran in full and the outer one went on with
    its stale list: a KeyError, or hooks over gaps that were gone)."""
    from a64jit.runtime import emulator

    emu = EmulatorBackend(timeout=30)
    try:
        blocks = [emu.alloc_data(4096 * (1 + i)) for i in range(6)]
        victims = [blocks[1], blocks[3]]
        real = emulator._uclib

        class Dropping:
            """The binding, but its first hook_add frees a block first (a finalizer)."""

            def __getattr__(self, name: str) -> Any:
                return getattr(real, name)

            def uc_hook_add(self, *args: Any) -> Any:
                if victims:
                    victims.pop().close()
                return real.uc_hook_add(*args)

        monkeypatch.setattr(emulator, "_uclib", Dropping())
        extra = emu.alloc_data(3 * 4096)  # a new gap: its sync adds a hook
        assert victims == []  # both freed inside syncs
        monkeypatch.setattr(emulator, "_uclib", real)
        assert set(emu._gap_hooks) == _gaps_of(emu._fast)
        # and the emulator still sees every block and faults outside them
        with JitBuffer(backend=emu) as b:
            f = install(b, "ldr x0, [x0]\nret", I64, [VP])
            for blk in (blocks[0], blocks[2], extra):
                memoryview(blk).cast("Q")[0] = 0x1234 + blk.address % 97
                assert f(blk.address) == 0x1234 + blk.address % 97
    finally:
        emu.close()


def test_a_failed_data_mapping_leaves_nothing_mapped(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception while alloc_data hooks the gaps (Ctrl-C there) frees the block's
    memory: its Unicorn mapping must go too, or every later block the host places at
    that address fails with UC_ERR_MAP."""
    emu = EmulatorBackend(timeout=30)
    try:
        real = emu._sync_gaps
        calls = [0]

        def interrupted() -> None:
            calls[0] += 1
            if calls[0] == 1:
                raise KeyboardInterrupt
            real()

        monkeypatch.setattr(emu, "_sync_gaps", interrupted)
        with pytest.raises(KeyboardInterrupt):
            emu.alloc_data(4096)
        monkeypatch.setattr(emu, "_sync_gaps", real)
        assert set(emu._gap_hooks) == _gaps_of(emu._fast)
        mapped = {(r[0], r[1]) for r in emu.uc.mem_regions()}
        blocks = [emu.alloc_data(4096) for _ in range(8)]  # the host reuses the address
        for blk in blocks:
            memoryview(blk)[0] = 7
        assert {(r[0], r[1]) for r in emu.uc.mem_regions()} - mapped == {
            (blk.address, blk.address + 4095) for blk in blocks}
    finally:
        emu.close()


def test_a_stale_mapping_is_dropped_when_the_host_reuses_its_address() -> None:
    """A data block's memory freed while Unicorn still maps it (its unmap not run yet: a
    finalizer to come, or a thread between the host's unmap and the emulator's) must not
    make the next block the host places there fail with UC_ERR_MAP (103 tests of one
    loaded CI run did); the stale mapping is dropped, and its own unmap, when it comes
    late, leaves the new mapping alone."""
    emu = EmulatorBackend(timeout=30)
    try:
        size = 256 << 10
        old = emu.alloc_data(size)
        late = old._emu_unmap.detach()  # type: ignore[attr-defined]
        assert late is not None
        stale = old.address
        old.close()  # the host's pages go; Unicorn's mapping of them stays
        blocks = [emu.alloc_data(size) for _ in range(4)]  # the host reuses the address
        new = next(b for b in blocks if b.address == stale)
        assert emu.stale_dropped == 1
        _, unmap, args, kwargs = late
        unmap(*args, **kwargs)  # the stale block's unmap, late
        assert (new.address, new.address + size - 1) in {
            (r[0], r[1]) for r in emu.uc.mem_regions()}
        struct.pack_into("<q", new, 8, -12345)
        with JitBuffer(backend=emu) as b:
            f = install(b, "ldr x0, [x0, #8]\nret", restype=ctypes.c_int64,
                        argtypes=[ctypes.c_uint64])
            assert f(new.address) == -12345  # emulated code reads the new block
    finally:
        emu.close()


def test_collections_anywhere_in_the_gap_hook_sync(monkeypatch: pytest.MonkeyPatch) -> None:
    """A collection at every allocation of the sync's passes (gc threshold 1), each one
    running a data block's finalizer first (a gc callback frees one): no error, and the
    hooks cover exactly the gaps there are. Sorting ``_fast.items()`` raised "dictionary
    changed size during iteration" here (and once in a whole-suite run of tests/js)."""
    import gc

    emu = EmulatorBackend(timeout=30)
    blocks = [emu.alloc_data(4096 * (1 + i % 3)) for i in range(40)]
    victims = blocks[::2]
    del blocks[::2]
    inside = [False]
    real = emu._sync_gaps_pass

    def on_collection(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and inside[0] and victims:
            inside[0] = False  # (the finalizer's own unmap must not recurse in here)
            victims.pop().close()
            inside[0] = True

    def collected_pass() -> None:
        old = gc.get_threshold()
        inside[0] = True
        gc.set_threshold(1, 1, 1)
        try:
            real()
        finally:
            gc.set_threshold(*old)
            inside[0] = False

    monkeypatch.setattr(emu, "_sync_gaps_pass", collected_pass)
    gc.callbacks.append(on_collection)
    try:
        more = [emu.alloc_data(4096 * (1 + i % 2)) for i in range(30)]
        assert victims == []  # all freed inside passes
    finally:
        gc.callbacks.remove(on_collection)
        monkeypatch.setattr(emu, "_sync_gaps_pass", real)
    try:
        assert set(emu._gap_hooks) == _gaps_of(emu._fast)
        assert set(emu._fast) == {b.address for b in blocks + more} | {emu._stack}
    finally:
        emu.close()


# -- block hooks -----------------------------------------------------------------------------


def test_block_hook_survives_its_token_being_dropped() -> None:
    """A profiler may keep no token: the hook's ctypes thunk must still be kept alive.
    (It was kept only in the token; once freed, the next callback made, the first trap
    page's, got its memory, and Unicorn called that one for every block: an IndexError
    in the trap dispatch, the hook never called.)"""
    import gc

    be = EmulatorBackend(timeout=5.0)
    try:
        seen: list[int] = []
        be.add_block_hook(lambda address, size: seen.append(size))  # token dropped
        gc.collect()
        hf = host_function(lambda v: v * 3, I64, [I64], backend=be)  # a new trap page
        with JitBuffer(backend=be) as b:
            f = b.install(assemble("stp x29, x30, [sp, #-16]!\nmov x9, x0\nmov x0, x1\n"
                                   "blr x9\nadd x0, x0, #1\nldp x29, x30, [sp], #16\nret"),
                          restype=I64, argtypes=[VP, I64])
            assert f(hf.address, 14) == 43
        assert seen and all(size % 4 == 0 for size in seen)
    finally:
        be.close()
