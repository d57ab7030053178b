"""The native backend: generated code runs on this AArch64 CPU.

Linux: code pages come from anonymous ``mmap`` and flip between RW- and R-X
with ``mprotect`` (mode ``"wx"``). If the OS refuses PROT_EXEC on anonymous
memory (SELinux ``execmem``, PaX-style hardening: EACCES/EPERM), the backend
switches to ``"dual"``: a ``memfd_create`` object mapped twice, an execute
alias (R-X, never writable) and a write alias that is read-only except while
the JitBuffer patches live code (new code is written through the object's
descriptor, ``pwrite``: no mapping changes permissions). ``"rwx"`` maps one
RWX mapping, only when asked by name.

macOS on Apple silicon uses MAP_JIT, see :mod:`a64jit.runtime.macos`.

Calls go through ctypes/libffi, so they follow the platform's C ABI (AAPCS64).
A fault in generated code (bad access, ``udf``, ``brk``) kills the process:
nothing can recover from that natively. Use the emulator backend to debug.
"""

from __future__ import annotations

import ctypes
import errno
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import BackendUnavailableError
from .backend import (
    MODES,
    NEAR_REACH,
    Backend,
    CodeRegion,
    CType,
    HostFunction,
    mark_callback,
    record_pending,
    result_checker,
    zero_value,
)
from .cache import flush_routine_code
from .codeptr import make_native_codeptr, native_codeptr_class
from .libc import (
    MAP_ANONYMOUS,
    MAP_FIXED_NOREPLACE,
    MAP_PRIVATE,
    MAP_SHARED,
    MFD_CLOEXEC,
    MFD_EXEC,
    PROT_EXEC,
    PROT_READ,
    PROT_WRITE,
    LibC,
    libc,
)
from .select import host_is_aarch64

if TYPE_CHECKING:
    from .codeptr import CodePtr

RX = PROT_READ | PROT_EXEC
RW = PROT_READ | PROT_WRITE
RWX = PROT_READ | PROT_WRITE | PROT_EXEC


def _page_span(offset: int, length: int, page: int, size: int) -> tuple[int, int]:
    """Page-aligned (offset, length) covering ``[offset, offset+length)``."""
    if offset < 0 or length < 0 or offset + length > size:
        raise ValueError(f"range {offset}+{length} outside region of {size} bytes")
    start = offset // page * page
    end = -(-(offset + length) // page) * page
    return start, end - start


def _near_candidates(near: int, size: int) -> list[int]:
    """Addresses to try for a ``size``-byte mapping near ``near`` (page-aligned both),
    all within NEAR_REACH, the nearest first: in each free range of the address space
    (/proc/self/maps) the place nearest ``near``; without /proc, fixed steps around it
    (a region's neighbours first, then doubling distances)."""
    try:
        with open("/proc/self/maps", "rb") as maps:
            text = maps.read()
        spans = []
        for line in text.splitlines():  # "start-end perms ...": the two hex numbers
            low, _, rest = line.partition(b"-")
            spans.append((int(low, 16), int(rest[:rest.index(b" ")], 16)))
    except (OSError, ValueError):
        steps = [k * size for k in range(1, 17)] + [1 << k for k in range(21, 26)]
        return [at for d in steps for at in (near - d, near + d)
                if at > 0 and abs(at - near) + size <= NEAR_REACH]
    spans.sort()
    found = []
    lo, hi = near - NEAR_REACH + size, near + NEAR_REACH - size  # (where a start may go)
    lo = max(lo, 1 << 16)
    top = hi + size
    prev_end = 0
    # (ranges wholly below the reach add nothing but their end: plain compares, no
    # min/max calls, over the hundreds of lines of a process with many mappings)
    for start, end in spans:
        if start > lo:
            gap_lo = prev_end if prev_end > lo else lo
            gap_hi = (start if start < top else top) - size
            if gap_lo <= gap_hi:  # a place in the free range [prev_end, start)
                at = near if gap_lo <= near <= gap_hi else gap_lo if near < gap_lo else gap_hi
                found.append((abs(at - near), at))
        if end > prev_end:
            prev_end = end
    gap_lo = prev_end if prev_end > lo else lo  # (after the last mapping)
    gap_hi = (top if top < 1 << 64 else 1 << 64) - size
    if gap_lo <= gap_hi:
        at = near if gap_lo <= near <= gap_hi else gap_lo if near < gap_lo else gap_hi
        found.append((abs(at - near), at))
    found.sort()
    return [at for _, at in found]


def _mmap_near(lib: LibC, size: int, prot: int, flags: int, fd: int = -1,
               near: int | None = None) -> int:
    """``mmap`` of ``size`` bytes, within NEAR_REACH of ``near`` if a free range there
    takes it (MAP_FIXED_NOREPLACE: an occupied candidate fails at once, EEXIST), else
    anywhere. A kernel that ignores the flag treats the address as a hint: a mapping
    elsewhere is undone and the next candidate tried. First the places beside the
    last mapping made near ``near`` (a growing buffer's chunks: usually free), then
    the free ranges of /proc/self/maps, nearest first (reading it is ~1 ms of a
    process with a JIT's mappings)."""
    if near is not None:
        last = _LAST_NEAR.get(near)
        beside = () if last is None else (last[0] - size, last[0] + last[1])
        for at in beside:
            if at >= 1 << 16 and abs(at - near) + size <= NEAR_REACH:
                got = _mmap_at(lib, at, size, prot, flags, fd)
                if got is not None:
                    _LAST_NEAR[near] = (at, size)
                    return got
        for at in _near_candidates(near, size):
            got = _mmap_at(lib, at, size, prot, flags, fd)
            if got is not None:
                if len(_LAST_NEAR) >= 64:  # (buffers closed long ago: forget them)
                    _LAST_NEAR.clear()
                _LAST_NEAR[near] = (at, size)
                return got
    return lib.mmap(None, size, prot, flags, fd, 0)


def _mmap_at(lib: LibC, at: int, size: int, prot: int, flags: int, fd: int) -> int | None:
    """``mmap`` at exactly ``at`` if the range is free, else None (nothing mapped)."""
    try:
        got = lib.mmap(at, size, prot, flags | MAP_FIXED_NOREPLACE, fd, 0)
    except OSError:
        return None  # (occupied, or refused)
    if got == at:
        return got
    lib.munmap(got, size)  # (a kernel that took the address as a hint)
    return None


#: near -> (address, size) of the last mapping _mmap_near placed near it (the next
#: chunk of the same buffer tries beside it first).
_LAST_NEAR: dict[int, tuple[int, int]] = {}


class _LinuxRegion(CodeRegion):
    """Shared parts: one execute address, one write address (maybe the same)."""

    write_address: int

    def __init__(self, lib: LibC, size: int) -> None:
        self._libc = lib
        self.size = size
        self._page = lib.page_size
        self._closed = False

    def write(self, offset: int, data: bytes) -> None:
        if offset < 0 or offset + len(data) > self.size:
            raise ValueError(f"write of {len(data)} bytes at {offset} outside the region")
        ctypes.memmove(self.write_address + offset, data, len(data))

    def read(self, offset: int, length: int) -> bytes:
        if offset < 0 or offset + length > self.size:
            raise ValueError(f"read of {length} bytes at {offset} outside the region")
        return ctypes.string_at(self.address + offset, length)

    def write_words(self, offset: int, data: bytes) -> None:
        if offset < 0 or offset % 4 or len(data) % 4 or offset + len(data) > self.size:
            raise ValueError(f"word write of {len(data)} bytes at {offset} outside the "
                             "region or not word-aligned")
        base = self.write_address + offset
        for i in range(0, len(data), 4):
            # One aligned 32-bit store per instruction (ctypes' uint32 setter).
            ctypes.c_uint32.from_address(base + i).value = int.from_bytes(
                data[i:i + 4], "little")


class AnonRegion(_LinuxRegion):
    """Anonymous private mapping; ``"wx"``: flipped RW <-> R-X, ``"rwx"``: both always."""

    def __init__(self, lib: LibC, size: int, mode: str, near: int | None = None) -> None:
        super().__init__(lib, size)
        self.mode = mode
        if mode == "rwx":
            self.address = _mmap_near(lib, size, RWX, MAP_PRIVATE | MAP_ANONYMOUS, near=near)
        else:
            self.address = _mmap_near(lib, size, RW, MAP_PRIVATE | MAP_ANONYMOUS, near=near)
            try:
                # Also the probe for "may anonymous memory become executable?"
                lib.mprotect(self.address, size, RX)
            except OSError:
                lib.munmap(self.address, size)
                raise
        self.write_address = self.address

    def disturbs(self, offset: int, length: int) -> bool:
        return self.mode == "wx"

    def make_writable(self, offset: int, length: int) -> None:
        if self.mode == "wx":
            start, span = _page_span(offset, length, self._page, self.size)
            self._libc.mprotect(self.address + start, span, RW)

    def make_executable(self, offset: int, length: int) -> None:
        if self.mode == "wx":
            start, span = _page_span(offset, length, self._page, self.size)
            self._libc.mprotect(self.address + start, span, RX)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._libc.munmap(self.address, self.size)


class DualRegion(_LinuxRegion):
    """One memfd mapped twice: execute alias R-X, write alias R-- (RW- while writing).

    Neither mapping is ever writable and executable. On hardware the execute
    alias keeps R-X for its whole life: a write goes through the other alias
    and the icache flush that follows makes it visible, so threads running
    code on the same pages are never disturbed. New code (:meth:`write_code`)
    is written through the memfd's descriptor, kept open for it: the write
    alias stays R-- (a place is one ``pwrite``, not two ``mprotect`` and a copy).

    ``refresh_exec``: emulators that cache translations per virtual address
    (qemu-user) do not see writes made through the other alias, and keep
    running stale code at addresses that already ran. They drop their
    translations when a page loses PROT_EXEC, so with ``refresh_exec`` a
    write over bytes that were written before toggles the execute alias of
    its pages R-- and back to R-X (two system calls), and :meth:`disturbs`
    says so, so that the JitBuffer puts such writes only on pages without
    live code. Writes above the highest byte ever written (first-fit fills
    a region from the bottom: most installs) are not toggled: nothing there
    can have been translated.
    :meth:`NativeBackend.alias_needs_refresh` decides by a probe.
    """

    mode = "dual"

    def __init__(self, lib: LibC, size: int, refresh_exec: bool = False,
                 near: int | None = None) -> None:
        super().__init__(lib, size)
        self.refresh_exec = refresh_exec
        #: Bytes below this offset may have been written (and run) before.
        self._high = 0
        try:
            fd = lib.memfd_create(b"a64jit-code", MFD_CLOEXEC | MFD_EXEC)
        except OSError as exc:
            if exc.errno != errno.EINVAL:  # kernels before 6.3 do not know MFD_EXEC
                raise
            fd = lib.memfd_create(b"a64jit-code", MFD_CLOEXEC)
        try:
            lib.ftruncate(fd, size)
            self.address = _mmap_near(lib, size, RX, MAP_SHARED, fd, near)
            try:
                self.write_address = lib.mmap(None, size, PROT_READ, MAP_SHARED, fd, 0)
            except OSError:
                lib.munmap(self.address, size)
                raise
        except BaseException:
            lib.close(fd)
            raise
        #: The memory object's descriptor, kept for write_code (-1 once closed; the
        #: mappings keep the object alive without it).
        self._fd = fd

    def disturbs(self, offset: int, length: int) -> bool:
        return self.refresh_exec and offset < self._high

    def make_writable(self, offset: int, length: int) -> None:
        start, span = _page_span(offset, length, self._page, self.size)
        self._libc.mprotect(self.write_address + start, span, RW)

    def make_executable(self, offset: int, length: int) -> None:
        start, span = _page_span(offset, length, self._page, self.size)
        self._libc.mprotect(self.write_address + start, span, PROT_READ)
        self._refresh(offset, length)

    def _refresh(self, offset: int, length: int) -> None:
        """After a write: qemu-user's stale translations of rewritten bytes (see above)."""
        if self.refresh_exec:
            if offset < self._high:
                start, span = _page_span(offset, length, self._page, self.size)
                self._libc.mprotect(self.address + start, span, PROT_READ)
                self._libc.mprotect(self.address + start, span, RX)
            self._high = max(self._high, offset + length)

    def write_code(self, offset: int, data: bytes) -> None:
        """Write through the memory object's descriptor (``pwrite``): neither mapping
        changes permissions (no mprotect on the write alias, which stays read-only;
        the write is one system call where the alias took three), so no mapping is
        ever writable for new code. The shared page cache makes the bytes visible at
        both aliases; the caller flushes the icache as after any write."""
        if offset < 0 or offset + len(data) > self.size:
            raise ValueError(f"write of {len(data)} bytes at {offset} outside the region")
        if self._fd < 0:
            raise ValueError("write to a closed region")
        self._libc.pwrite(self._fd, data, offset)
        self._refresh(offset, len(data))

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            if self._fd >= 0:
                fd, self._fd = self._fd, -1
                self._libc.close(fd)
            self._libc.munmap(self.write_address, self.size)
            self._libc.munmap(self.address, self.size)


#: Probe code: ``mov w0, #1; ret`` rewritten to ``mov w0, #2; ret``.
_PROBE_OLD = bytes.fromhex("20008052" "c0035fd6")
_PROBE_NEW = bytes.fromhex("40008052" "c0035fd6")


class NativeBackend(Backend):
    """Run generated code on the host CPU (AArch64 Linux; macOS via MAP_JIT)."""

    name = "native"

    def __init__(self, lib: LibC | None = None, *, darwin: bool | None = None) -> None:
        self.darwin = sys.platform == "darwin" if darwin is None else darwin
        lib_given = lib is not None
        if lib is None and not host_is_aarch64():
            # Without this, the first install would run AArch64 code (the
            # icache flush routine) on this CPU and crash the process.
            import platform  # (here: its import is ~15 ms of a start under qemu)

            raise BackendUnavailableError(
                errno.ENOEXEC,
                f"the native backend runs AArch64 code on this CPU, but this host is "
                f"{platform.machine() or 'unknown'}; use backend='emulator' "
                "(or A64JIT_BACKEND=emulator), or run on an AArch64 host")
        if lib is None:
            if self.darwin:
                from .macos import DarwinLibC

                lib = DarwinLibC()
            else:
                lib = libc()
        self.libc = lib
        self.page_size = lib.page_size
        #: Set once mprotect(PROT_EXEC) on anonymous memory was refused.
        self.exec_refused = False
        #: Set once memfd_create or an executable shared mapping was refused.
        self.dual_refused = False
        #: Does the execute alias of a dual mapping need a PROT_EXEC toggle
        #: to show rewritten code? None until probed (see alias_needs_refresh);
        #: with an injected libc (tests, the emulator's host memory) never.
        self.stale_alias: bool | None = None if lib_given is False else False
        self._flush: Callable[[int, int], None] | None = None
        self._flush_region: CodeRegion | None = None
        self._lock = threading.RLock()

    # -- code memory -------------------------------------------------------------
    @property
    def default_mode(self) -> str:  # type: ignore[override]
        """``"wx"`` on macOS (MAP_JIT), else ``"dual"`` (``"wx"`` after a refusal)."""
        return "wx" if self.darwin or self.dual_refused else "dual"

    def map_code(self, size: int, mode: str | None = None) -> CodeRegion:
        return self.map_code_near(size, mode, None)

    def map_code_near(self, size: int, mode: str | None, near: int | None) -> CodeRegion:
        if mode is not None and mode not in MODES:
            raise ValueError(f"unknown code memory mode {mode!r}; choose one of {MODES}")
        page = self.page_size
        size = max(page, -(-size // page) * page)
        if self.darwin:
            from .macos import DarwinRegion

            if mode not in (None, "wx"):
                raise ValueError(
                    f"JitBuffer: mode {mode!r} is not available on macOS: code memory is "
                    "MAP_JIT, switched per thread between writable and executable "
                    "(mode 'wx', the default there)")
            return DarwinRegion(self.libc, size)  # type: ignore[arg-type]
        if mode is None:
            # Default: the dual mapping (writes never touch the permissions of
            # the pages code runs from); plain "wx" where memfd is refused.
            if not self.dual_refused:
                try:
                    return self._dual(size, near)
                except OSError as exc:
                    if exc.errno not in (errno.EACCES, errno.EPERM, errno.ENOSYS,
                                         errno.EINVAL, errno.ENOMEM):
                        raise
                    self.dual_refused = True
            mode = "wx"
        if mode == "dual" or (mode == "wx" and self.exec_refused):
            return self._dual(size, near)
        if mode == "rwx":
            return AnonRegion(self.libc, size, "rwx", near)
        try:
            return AnonRegion(self.libc, size, "wx", near)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EPERM):
                raise
            self.exec_refused = True
            return self._dual(size, near)

    def _dual(self, size: int, near: int | None = None) -> DualRegion:
        return DualRegion(self.libc, size, self.alias_needs_refresh(), near)

    def alias_needs_refresh(self) -> bool:
        """Does code written through a dual mapping's write alias stay invisible at
        the execute alias after an icache flush? (Detected once, by a probe.)

        On hardware it never does: the flush (DC CVAU / IC IVAU / DSB / ISB) is
        what the architecture asks for. qemu-user caches translated code per
        virtual address and only drops it when that page's protection changes,
        so it keeps running the old code. The probe is that exact case: install
        ``mov w0, #1; ret`` through a dual mapping, call it, rewrite it to
        ``mov w0, #2`` through the write alias, flush, call again. A 1 means
        stale code: dual regions then toggle PROT_EXEC on rewritten pages.
        """
        if self.stale_alias is None:
            with self._lock:
                if self.stale_alias is None:
                    self.stale_alias = self._probe_stale_alias()
        return self.stale_alias

    def _probe_stale_alias(self) -> bool:
        region = DualRegion(self.libc, self.page_size, refresh_exec=False)
        try:
            proto = ctypes.CFUNCTYPE(ctypes.c_int)
            results = []
            for code in (_PROBE_OLD, _PROBE_NEW):
                region.write_code(0, code)  # (the path new code takes: JitBuffer._place)
                self.flush_icache(region.address, len(code))
                results.append(int(proto(region.address)()))
        finally:
            region.close()
        if results[0] != 1 or results[1] not in (1, 2):
            raise OSError(errno.EIO, f"dual mapping probe returned {results}, expected "
                          "[1, 2] (or [1, 1] under an emulator with stale translations)")
        return results[1] == 1

    def flush_icache(self, address: int, size: int) -> None:
        if size <= 0:
            return
        if self.darwin:
            self.libc.sys_icache_invalidate(address, size)  # type: ignore[attr-defined]
            return
        flush = self._flush
        if flush is None:
            flush = self._install_flush_routine()
        flush(address, address + size)

    def _install_flush_routine(self) -> Callable[[int, int], None]:
        with self._lock:
            if self._flush is None:
                code = flush_routine_code()
                region: CodeRegion
                try:
                    region = AnonRegion(self.libc, self.page_size, "wx")
                except OSError as exc:
                    if exc.errno not in (errno.EACCES, errno.EPERM):
                        raise
                    # Written once into a fresh page: no stale translation possible.
                    region = DualRegion(self.libc, self.page_size)
                region.make_writable(0, len(code))
                region.write(0, code)
                # First time this fresh page becomes executable: the kernel
                # makes it coherent (see cache.py), so the routine needs no flush.
                region.make_executable(0, len(code))
                # PYFUNCTYPE: a few instructions, no reason to drop the GIL
                proto = ctypes.PYFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
                self._flush_region = region
                self._flush = proto(region.address)
            return self._flush

    # -- calls ---------------------------------------------------------------------
    def make_caller(self, address: int, restype: CType,
                    argtypes: Sequence[CType]) -> Callable[..., Any]:
        fn: Callable[..., Any] = native_codeptr_class(restype, argtypes)(address)
        return fn

    def new_codeptr(self, address: int, size: int, restype: CType,
                    argtypes: Sequence[CType], owner: object) -> CodePtr:
        return make_native_codeptr(address, size, restype, argtypes, owner)

    def host_function(self, fn: Callable[..., Any], restype: CType,
                      argtypes: Sequence[CType]) -> HostFunction:
        if not callable(fn):
            raise TypeError(f"host_function: {fn!r} is not callable")
        proto: Any = ctypes.CFUNCTYPE(restype, *argtypes)
        trampoline = _trampoline(fn, restype, len(argtypes))
        # An exception raised at the trampoline's entry (a Ctrl-C that arrived while
        # generated code ran) is recorded too; the generated code then gets an
        # undefined result from ctypes: natively nothing can stop it.
        mark_callback(trampoline, record_pending)
        callback = proto(trampoline)
        address = ctypes.cast(callback, ctypes.c_void_p).value
        assert address is not None
        return HostFunction(address, fn, restype, argtypes, keepalive=(callback, trampoline))


#: The integer result types whose range a trampoline checks in line (the others call
#: ``result_checker``'s check on every result).
_INT_RANGES = {t: ((-(1 << (8 * ctypes.sizeof(t) - 1)), (1 << (8 * ctypes.sizeof(t) - 1)) - 1)
                   if t(-1).value == -1 else (0, (1 << (8 * ctypes.sizeof(t))) - 1))
               for t in (ctypes.c_int8, ctypes.c_int16, ctypes.c_int32, ctypes.c_int64,
                         ctypes.c_uint8, ctypes.c_uint16, ctypes.c_uint32, ctypes.c_uint64,
                         ctypes.c_long, ctypes.c_ulong, ctypes.c_longlong,
                         ctypes.c_ulonglong, ctypes.c_size_t, ctypes.c_ssize_t)}

def _trampoline(fn: Callable[..., Any], restype: CType, nargs: int) -> Callable[..., Any]:
    """The Python function ctypes calls for a host function: up to 4 arguments as
    parameters of its own (no ``*args`` tuple: under qemu-user a call costs
    microseconds), its result checked (an int result in range without a call), and
    never an exception left to ctypes, which would print and drop it: it is recorded
    for the CodePtr call to raise, and the generated code gets a zero."""
    # A result ctypes would reject makes it print "Exception ignored" and hand
    # garbage to the generated code: check it first, so the Python caller gets the
    # TypeError, as in the emulator. lo > hi: every result goes to the check.
    check = result_checker(fn, restype)
    lo, hi = _INT_RANGES.get(restype, (1, 0))
    zero = zero_value(restype)

    # (one closure per arity, written out, the check in line: a generated one costs a
    # compile, ~8 ms natively under qemu, per host function; a helper, a call)
    if nargs == 0:
        def t0() -> Any:
            try:
                r = fn()
                if check is not None and (r.__class__ is not int or not lo <= r <= hi):
                    check(r)
                return r
            except BaseException as exc:
                record_pending(exc)
                return zero
        return t0
    if nargs == 1:
        def t1(a: Any) -> Any:
            try:
                r = fn(a)
                if check is not None and (r.__class__ is not int or not lo <= r <= hi):
                    check(r)
                return r
            except BaseException as exc:
                record_pending(exc)
                return zero
        return t1
    if nargs == 2:
        def t2(a: Any, b: Any) -> Any:
            try:
                r = fn(a, b)
                if check is not None and (r.__class__ is not int or not lo <= r <= hi):
                    check(r)
                return r
            except BaseException as exc:
                record_pending(exc)
                return zero
        return t2
    if nargs == 3:
        def t3(a: Any, b: Any, c: Any) -> Any:
            try:
                r = fn(a, b, c)
                if check is not None and (r.__class__ is not int or not lo <= r <= hi):
                    check(r)
                return r
            except BaseException as exc:
                record_pending(exc)
                return zero
        return t3
    if nargs == 4:
        def t4(a: Any, b: Any, c: Any, d: Any) -> Any:
            try:
                r = fn(a, b, c, d)
                if check is not None and (r.__class__ is not int or not lo <= r <= hi):
                    check(r)
                return r
            except BaseException as exc:
                record_pending(exc)
                return zero
        return t4

    def tn(*args: Any) -> Any:
        try:
            r = fn(*args)
            if check is not None and (r.__class__ is not int or not lo <= r <= hi):
                check(r)
            return r
        except BaseException as exc:
            record_pending(exc)
            return zero
    return tn
