"""JitBuffer on a real backend: patching, reuse, growth, lifetime, errors; and
natively: /proc/self/maps never shows a64jit memory writable and executable,
dual mapping (chosen and as fallback), 10,000 install/free cycles stay flat."""

from __future__ import annotations

import ctypes
import errno
import gc
import os
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from a64jit import CodePtr, JitBuffer, alloc_data
from a64jit.errors import (
    BufferClosedError,
    BufferFullError,
    CodeSizeError,
    DoubleFreeError,
    FreedCodeError,
    JitMemoryError,
)
from a64jit.runtime.libc import PROT_EXEC, LibC
from tests.runtime.words import ADD, BRANCHY, SUM_TO_N, code

I64 = ctypes.c_int64


@pytest.fixture
def buf(backend: str) -> Iterator[JitBuffer]:
    with JitBuffer() as b:
        yield b


# -- /proc/self/maps helpers (native) -------------------------------------------------

def maps() -> list[tuple[int, int, str]]:
    out = []
    with open("/proc/self/maps") as f:
        for line in f:
            span, perms = line.split()[:2]
            lo, hi = (int(x, 16) for x in span.split("-"))
            out.append((lo, hi, perms))
    return out


def our_ranges(buf: JitBuffer) -> list[tuple[int, int]]:
    """Every mapping a64jit made for this buffer: execute and write aliases."""
    ranges = []
    for chunk in buf._chunks:
        region: Any = chunk.region
        ranges.append((region.address, region.address + region.size))
        wa = getattr(region, "write_address", region.address)
        if wa != region.address:
            ranges.append((wa, wa + region.size))
    return ranges


def perms_over(lo: int, hi: int) -> set[str]:
    return {p for a, b, p in maps() if a < hi and lo < b}


def assert_never_wx(buf: JitBuffer, *extra: tuple[int, int]) -> None:
    for lo, hi in our_ranges(buf) + list(extra):
        perms = perms_over(lo, hi)
        assert perms, f"{lo:#x}-{hi:#x} not mapped"
        bad = [p for p in perms if "w" in p and "x" in p]
        assert not bad, f"{lo:#x}-{hi:#x} is writable and executable: {perms}"


def rss_kib() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


# -- behaviour on every backend -------------------------------------------------------

def test_patch_after_run_changes_behaviour(buf: JitBuffer) -> None:
    f = buf.install(BRANCHY, restype=I64)
    assert f() == 1
    buf.patch(f, 0, code("b #12"))  # retarget the branch
    assert f() == 2
    buf.patch(f.address, 4, code("mov x0, #2"), quiescent=True)
    buf.patch(f, 0, code("b #4"))
    assert f() == 2
    assert buf.read(f)[:8] == code("b #4", "mov x0, #2")


def test_free_and_reuse(buf: JitBuffer) -> None:
    f = buf.install(ADD, restype=I64, argtypes=[I64, I64])
    g = buf.install(SUM_TO_N, restype=I64, argtypes=[I64])
    addr = f.address
    assert f(1, 2) == 3
    buf.free(f)
    assert f.freed and not g.freed
    chunk = buf._chunks[0]
    reusable = not chunk.region.disturbs(addr - chunk.region.address, 16)
    h = buf.install(code("mov x0, #2", "ret"), restype=I64)
    # First fit reuses the freed space, unless rewriting it would change the
    # permissions of a page with live code (qemu-user's stale-code workaround).
    assert (h.address == addr) == reusable
    assert h() == 2  # ...and runs the new code there
    assert g(4) == 10


def test_accounting(buf: JitBuffer) -> None:
    assert buf.used == 0
    f = buf.install(code("ret"), restype=None)
    g = buf.install(SUM_TO_N, restype=I64, argtypes=[I64])
    assert buf.used == 16 + 32 and len(buf) == 2
    assert buf.available == buf.capacity - buf.used
    assert g.address - f.address == 16
    buf.free(f)
    buf.free(g)
    assert buf.used == 0 and buf.available == buf.capacity


@pytest.mark.parametrize("align", [4, 64, 256])
def test_alignment(backend: str, align: int) -> None:
    with JitBuffer(align=align) as b:
        ptrs = [b.install(code("ret"), restype=None) for _ in range(5)]
        assert all(p.address % align == 0 for p in ptrs)
        assert ptrs[1].address - ptrs[0].address == max(align, 4)


def test_grows_and_fixed_capacity(backend: str) -> None:
    with JitBuffer(chunk_size=4096) as b:
        big = bytes(code("ret")) * 3000  # 12000 bytes: bigger than a chunk
        fns = [b.install(ADD, restype=I64, argtypes=[I64, I64]) for _ in range(300)]
        p = b.install(big, restype=None)
        assert len(b.regions()) >= 3
        assert all(fn(2, 3) == 5 for fn in fns) and p() is None
    with JitBuffer(4096) as fixed:
        for _ in range(4096 // 16):
            fixed.install(code("ret"), restype=None)
        with pytest.raises(BufferFullError, match="fixed capacity"):
            fixed.install(code("ret"), restype=None)
        assert len(fixed.regions()) == 1


def test_codeptr_keeps_buffer_alive(backend: str) -> None:
    f = JitBuffer().install(ADD, restype=I64, argtypes=[I64, I64])
    gc.collect()
    assert f(40, 2) == 42
    assert isinstance(f, CodePtr) and not f.buffer.closed


def test_errors(buf: JitBuffer) -> None:
    with pytest.raises(CodeSizeError, match="multiple of 4"):
        buf.install(b"\x00" * 6)
    with pytest.raises(CodeSizeError, match="empty"):
        buf.install(b"")
    with pytest.raises(TypeError):
        buf.install(ADD, restype=I64, argtypes=[ctypes.c_longdouble])
    with pytest.raises(TypeError):
        buf.install(12345)  # type: ignore[arg-type]
    f = buf.install(ADD, restype=I64, argtypes=[I64, I64])
    with pytest.raises(JitMemoryError):
        buf.patch(f, 4, code("ret", "ret"))  # past the end
    with pytest.raises(CodeSizeError):
        buf.patch(f, 2, code("ret"))
    buf.free(f)
    with pytest.raises(FreedCodeError, match="freed"):
        f(1, 2)
    with pytest.raises(DoubleFreeError):
        buf.free(f)
    with pytest.raises(FreedCodeError):
        buf.patch(f, 0, code("ret"))
    with JitBuffer() as other:
        g = other.install(ADD, restype=I64, argtypes=[I64, I64])
        with pytest.raises(JitMemoryError, match="another"):
            buf.free(g)
    assert isinstance(DoubleFreeError("x"), ValueError)


def test_closed_buffer(backend: str) -> None:
    b = JitBuffer()
    f = b.install(ADD, restype=I64, argtypes=[I64, I64])
    assert f(1, 1) == 2
    b.close()
    b.close()  # idempotent
    with pytest.raises(BufferClosedError):
        b.install(ADD)
    with pytest.raises(FreedCodeError):
        f(1, 1)
    with pytest.raises(DoubleFreeError):
        b.free(f)
    with pytest.raises(BufferClosedError), b:
        pass


def test_alloc_data(backend: str) -> None:
    block = alloc_data(24)
    arr = (ctypes.c_int64 * 3).from_buffer(block)
    arr[2] = -5
    assert ctypes.c_int64.from_address(block.address + 16).value == -5
    with pytest.raises(ValueError):
        alloc_data(0)


# -- native only: real mappings ------------------------------------------------------------

@pytest.mark.parametrize("mode", [None, "wx"])
def test_maps_never_writable_and_executable(native: str, mode: str | None) -> None:
    buf = JitBuffer(chunk_size=8192, mode=mode)
    block = alloc_data(64)
    data_range = (block.address, block.address + len(block))
    assert_never_wx(buf) if buf._chunks else None
    f = buf.install(BRANCHY, restype=I64)
    assert_never_wx(buf, data_range)
    shared = "s" if mode is None else "p"  # default: the dual (shared memfd) mapping
    assert perms_over(f.address, f.address + 4) == {"r-x" + shared}
    assert "x" not in "".join(perms_over(*data_range))
    seen_during: list[set[str]] = []
    region: Any = buf._chunks[0].region

    def spy(original: Any) -> Any:
        def spying_write(offset: int, data: bytes) -> None:
            assert_never_wx(buf, data_range)
            wa = region.write_address + offset
            seen_during.append(perms_over(wa, wa + len(data)))
            original(offset, data)
        return spying_write

    # (a live patch stores word by word, a quiescent one copies: both are watched; a
    # dual region writes a copy through its memfd, no mapping made writable)
    region.write_words, region.write = spy(region.write_words), spy(region.write)
    region.write_code = spy(region.write_code)
    buf.patch(f, 0, code("b #12"), quiescent=True)
    del region.write_words, region.write, region.write_code
    if region.mode == "dual":
        assert seen_during == [{"r--s"}]  # (write_code only: the alias never writable)
    else:
        assert seen_during and all("w" in "".join(p) for p in seen_during[1:])
    assert_never_wx(buf, data_range)
    assert f() == 2
    # many functions across several chunks
    fns = [buf.install(SUM_TO_N, restype=I64, argtypes=[I64]) for _ in range(300)]
    assert len(buf.regions()) >= 2
    assert_never_wx(buf, data_range)
    assert fns[-1](3) == 6
    buf.close()


def test_dual_mapping_end_to_end(native: str) -> None:
    with JitBuffer(mode="dual") as buf:
        f = buf.install(BRANCHY, restype=I64)
        region: Any = buf._chunks[0].region
        assert buf.mode == "dual" and region.write_address != region.address
        assert perms_over(f.address, f.address + 4) == {"r-xs"}
        wa = region.write_address
        assert perms_over(wa, wa + 4) == {"r--s"}  # write alias locked when idle
        assert f() == 1
        buf.patch(f, 0, code("b #12"))
        assert f() == 2
        assert_never_wx(buf)
        g = buf.install(ADD, restype=I64, argtypes=[I64, I64])
        buf.free(f)
        # Reused unless qemu-user's workaround would toggle g's live page.
        reusable = not region.disturbs(f.address - region.address, 4)
        backend: Any = buf.backend  # the native backend
        assert reusable is not backend.alias_needs_refresh()
        h = buf.install(code("mov x0, #2", "ret"), restype=I64)
        assert (h.address == f.address) is reusable and h() == 2 and g(2, 2) == 4


class ExecRefusingLibC(LibC):
    """Like SELinux execmem: anonymous private memory may not become executable."""

    def __init__(self) -> None:
        super().__init__()
        self.anon: set[int] = set()

    def mmap(self, address: int | None, length: int, prot: int, flags: int,
             fd: int = -1, offset: int = 0) -> int:
        result = super().mmap(address, length, prot, flags, fd, offset)
        if fd == -1:
            self.anon.add(result)
        return result

    def mprotect(self, address: int, length: int, prot: int) -> None:
        if prot & PROT_EXEC and address in self.anon:
            raise OSError(errno.EACCES, "mprotect refused (test)")
        super().mprotect(address, length, prot)


def test_dual_mapping_fallback(native: str) -> None:
    from a64jit.runtime.native import NativeBackend

    backend = NativeBackend(ExecRefusingLibC())
    with JitBuffer(backend=backend, mode="wx") as buf:
        f = buf.install(ADD, restype=I64, argtypes=[I64, I64])
        assert buf.mode == "dual" and backend.exec_refused
        assert f(40, 2) == 42  # (the flush routine also runs from a dual mapping)
        assert_never_wx(buf)


def test_rwx_is_opt_in(native: str) -> None:
    with JitBuffer(mode="rwx") as buf:
        f = buf.install(ADD, restype=I64, argtypes=[I64, I64])
        assert buf.mode == "rwx" and perms_over(f.address, f.address + 4) == {"rwxp"}
        assert f(1, 2) == 3
    with JitBuffer() as buf:
        assert buf.mode == "dual"


def test_released_on_gc(native: str) -> None:
    buf = JitBuffer()
    f = buf.install(ADD, restype=I64, argtypes=[I64, I64])
    lo, size = buf.regions()[0]
    ref = weakref.ref(buf)
    del buf, f
    gc.collect()
    assert ref() is None
    assert not perms_over(lo, lo + size)


def test_close_unmaps(native: str) -> None:
    buf = JitBuffer()
    buf.install(ADD, restype=I64, argtypes=[I64, I64])
    lo, size = buf.regions()[0]
    buf.close()
    assert not perms_over(lo, lo + size)


def test_install_free_cycles_stay_flat(native: str) -> None:
    n = int(os.environ.get("A64JIT_CYCLES", "10000"))
    with JitBuffer() as buf:
        def cycle(count: int) -> None:
            for i in range(count):
                f = buf.install(SUM_TO_N, restype=I64, argtypes=[I64])
                if i % 500 == 0:
                    assert f(10) == 55
                buf.free(f)

        cycle(500)  # warm up caches, allocator arenas
        gc.collect()
        maps_before, rss_before = len(maps()), rss_kib()
        cycle(n)
        gc.collect()
        maps_after, rss_after = len(maps()), rss_kib()
        assert len(buf.regions()) == 1 and buf.used == 0
        assert maps_after - maps_before <= 2, (maps_before, maps_after)
        assert rss_after - rss_before < 2048, (rss_before, rss_after)
