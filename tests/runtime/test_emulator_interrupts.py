"""Exceptions in the emulator backend's callbacks (Ctrl-C above all).

Unicorn calls the backend's hooks through ctypes callbacks; an exception leaving one
is printed and dropped by ctypes, which hands Unicorn an undefined result. A Ctrl-C
that arrives while Unicorn runs is raised by CPython at the entry of the next Python
callback. Each case here must end the call with that exception, print nothing, leave
no host page mapped and leave the backend usable.
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.runtime.conftest import needs_unicorn

needs_unicorn()

from a64jit import JitBuffer, assemble, host_function  # noqa: E402
from a64jit.runtime import backend as backend_mod  # noqa: E402
from a64jit.runtime import emulator as emulator_mod  # noqa: E402
from a64jit.runtime.emulator import EmulatorBackend  # noqa: E402
from a64jit.runtime.libc import MAP_ANONYMOUS, MAP_PRIVATE, PROT_READ, libc  # noqa: E402

I64 = ctypes.c_int64

#: Calls the host function at x0 forever (x19 keeps its address).
CALL_FOREVER = ("stp x29, x30, [sp, #-32]!\nstr x19, [sp, #16]\nmov x19, x0\n"
                "1: blr x19\nb 1b\n")
#: Reads one word from each of x1 pages from x0 on, returns their sum.
TOUCH_PAGES = ("mov x2, #0\n1: ldr x3, [x0]\nadd x2, x2, x3\nadd x0, x0, #4096\n"
               "subs x1, x1, #1\nb.ne 1b\nmov x0, x2\nret")


@pytest.fixture
def emu() -> Iterator[EmulatorBackend]:
    be = EmulatorBackend(timeout=5.0)
    yield be
    be.close()


def regions(emu: EmulatorBackend) -> list[tuple[int, int]]:
    return sorted((lo, hi) for lo, hi, _ in emu.uc.mem_regions())


def still_usable(buf: JitBuffer) -> None:
    assert not backend_mod._pending
    assert buf.install(assemble("mov x0, #5\nret"), restype=I64, argtypes=[])() == 5


def test_keyboard_interrupt_in_a_host_function_stops_the_code(
        emu: EmulatorBackend, capfd: pytest.CaptureFixture[str]) -> None:
    """The code would call the host function forever (until the 5 s timeout) if it got
    a zero result and went on, as it does after an ordinary exception."""
    calls = []

    def fn(x: int) -> int:
        calls.append(x)
        if len(calls) == 3:
            raise KeyboardInterrupt("third call")
        return x

    hf = host_function(fn, I64, [I64], backend=emu)
    with JitBuffer(backend=emu) as buf:
        f = buf.install(assemble(CALL_FOREVER), restype=I64, argtypes=[I64])
        with pytest.raises(KeyboardInterrupt, match="third call"):
            f(hf.address)
        # stopped at once, not by the watchdog's timeout (no wall-clock bound: CI is loaded)
        assert len(calls) == 3 and emu._state.timed_out == -1
        still_usable(buf)
    assert capfd.readouterr().err == ""


def test_a_host_functions_exception_then_keyboard_interrupt(emu: EmulatorBackend) -> None:
    """An ordinary exception lets the code go on; the Ctrl-C after it is what the
    call raises (and nothing stays pending for the next call)."""
    calls = []

    def fn(x: int) -> int:
        calls.append(x)
        if len(calls) == 1:
            raise ValueError("first")
        if len(calls) == 4:
            raise KeyboardInterrupt
        return x

    hf = host_function(fn, I64, [I64], backend=emu)
    with JitBuffer(backend=emu) as buf:
        f = buf.install(assemble(CALL_FOREVER), restype=I64, argtypes=[I64])
        with pytest.raises(KeyboardInterrupt):
            f(hf.address)
        assert len(calls) == 4
        still_usable(buf)


def test_exception_at_a_hooks_entry_stops_the_call(
        emu: EmulatorBackend, capfd: pytest.CaptureFixture[str]) -> None:
    """What a hook raises before its first statement (where a Ctrl-C that arrived
    during emulation lands) reaches sys.unraisablehook, not the hook's own ``try``:
    it must stop the call and be raised by it, not printed and lost."""
    with JitBuffer(backend=emu) as buf:
        f = buf.install(assemble("mov x0, #1\nmov x0, #2\nret"), restype=I64, argtypes=[])
        assert f() == 2
        seen: list[int] = []

        def hook(handle: Any, address: int, size: int, user: Any) -> None:
            seen.append(address)
            raise KeyboardInterrupt("at the hook's entry")

        emulator_mod._mark(hook, emu._state, emu._handle)
        emu._add_hook(emulator_mod._uc.UC_HOOK_CODE, emulator_mod._HOOK_CODE(hook),
                      f.address + 4, f.address + 7)
        emu._ctl(emulator_mod._uc.UC_CTL_TB_FLUSH)
        with pytest.raises(KeyboardInterrupt, match="hook's entry"):
            f()
        assert seen == [f.address + 4]
        g = buf.install(assemble("mov x0, #5\nret"), restype=I64, argtypes=[])
        assert g() == 5
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("when", ["after the mapping", "after it is recorded"])
def test_interrupted_host_page_mapping_is_undone(emu: EmulatorBackend, when: str,
                                                 capfd: pytest.CaptureFixture[str]) -> None:
    """A Ctrl-C while the invalid-access hook maps a host page on demand: the call raises
    it and the page is unmapped with the call's other on-demand pages (it stayed mapped
    in Unicorn, over memory the host may unmap and reuse, when the interrupt came
    between the mapping and its record)."""
    lib = libc()
    size = 16 * 4096
    base = lib.mmap(None, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS)
    try:
        with JitBuffer(backend=emu) as buf:
            f = buf.install(assemble(TOUCH_PAGES), restype=I64, argtypes=[I64, I64])
            assert f(base, 16) == 0
            before = regions(emu)
            real_map = emu.uc.mem_map_ptr
            real_page = emu._map_host_page
            calls = []

            def map_then_interrupt(*args: Any) -> None:
                real_map(*args)
                calls.append(args)
                if len(calls) == 3:
                    raise KeyboardInterrupt

            def page_then_interrupt(address: int, access: int) -> bool:
                mapped = real_page(address, access)
                calls.append((address,))
                if len(calls) == 3:
                    raise KeyboardInterrupt
                return mapped

            if when == "after the mapping":
                emu.uc.mem_map_ptr = map_then_interrupt
            else:
                emu._map_host_page = page_then_interrupt  # type: ignore[method-assign]
            try:
                with pytest.raises(KeyboardInterrupt):
                    f(base, 16)
            finally:
                emu.uc.mem_map_ptr = real_map
                emu._map_host_page = real_page  # type: ignore[method-assign]
            assert len(calls) == 3
            assert regions(emu) == before and not emu._lazy
            still_usable(buf)
    finally:
        lib.munmap(base, size)
    assert capfd.readouterr().err == ""


def _raise_keyboard_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt("SIGINT")


@pytest.fixture
def sigint_raises() -> Iterator[None]:
    """SIGINT raises KeyboardInterrupt, from a handler of the test's own: the watchdog
    stops a call for Ctrl-C only under Python's default handler (test_emulator.py
    covers that), so here the interrupt reaches the call through the callbacks alone,
    where each one lands, and the watchdog never stops a later call for it."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals are delivered to the main thread")
    old = signal.signal(signal.SIGINT, _raise_keyboard_interrupt)
    yield
    signal.signal(signal.SIGINT, old)


def _interrupt(call: Callable[[], Any], delay: float) -> None:
    """``call()`` with a SIGINT ``delay`` seconds later: it must raise KeyboardInterrupt."""
    timer = threading.Timer(delay, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt, match="SIGINT"):
            call()
    finally:
        timer.join()


@pytest.mark.usefixtures("sigint_raises")
def test_ctrl_c_during_host_calls(emu: EmulatorBackend,
                                  capfd: pytest.CaptureFixture[str]) -> None:
    """A real SIGINT while the code calls a host function in a loop: it lands in the
    trap hook's entry or inside the host function; each time a KeyboardInterrupt (it
    was a 'breakpoint (brk)' JitFault at times, with ctypes' 'Exception ignored'
    printed)."""
    hf = host_function(lambda x: x + 1, I64, [I64], backend=emu)
    with JitBuffer(backend=emu) as buf:
        f = buf.install(assemble(CALL_FOREVER), restype=I64, argtypes=[I64])
        for i in range(4):
            _interrupt(lambda: f(hf.address), 0.05 + 0.013 * i)
            assert emu._state.depth == 0
        still_usable(buf)
    assert capfd.readouterr().err == ""


@pytest.mark.usefixtures("sigint_raises")
def test_ctrl_c_while_host_pages_are_mapped_on_demand(
        emu: EmulatorBackend, capfd: pytest.CaptureFixture[str]) -> None:
    """A real SIGINT while nearly all the time goes to the invalid-access hook (every
    read is a new host page): KeyboardInterrupt, and no host page left mapped."""
    lib = libc()
    pages = 1 << 16
    base = lib.mmap(None, pages * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS)
    try:
        with JitBuffer(backend=emu) as buf:
            f = buf.install(assemble(TOUCH_PAGES), restype=I64, argtypes=[I64, I64])
            before = regions(emu)
            for i in range(3):
                _interrupt(lambda: f(base, pages), 0.05 + 0.013 * i)
                assert regions(emu) == before and not emu._lazy
            still_usable(buf)
    finally:
        lib.munmap(base, pages * 4096)
    assert capfd.readouterr().err == ""
