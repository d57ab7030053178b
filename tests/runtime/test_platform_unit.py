"""Host-independent tests of the OS layer: libc bindings and their errors,
memfd fallback without MFD_EXEC, the macOS MAP_JIT path against a fake libc,
and backend selection."""

from __future__ import annotations

import ctypes
import errno
import sys
from typing import Any

import pytest

from a64jit.runtime import JitBuffer, select
from a64jit.runtime.libc import (
    MAP_ANONYMOUS,
    MAP_JIT,
    MAP_PRIVATE,
    MFD_EXEC,
    PROT_EXEC,
    PROT_READ,
    PROT_WRITE,
    LibC,
    prot_name,
)
from a64jit.runtime.macos import DARWIN_MAP_ANON
from tests.runtime.words import ADD

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux libc")


@linux
def test_libc_roundtrip_and_errors() -> None:
    lib = LibC()
    page = lib.page_size
    addr = lib.mmap(None, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS)
    assert addr > 0 and addr % page == 0
    ctypes.memmove(addr, b"abcd", 4)
    lib.mprotect(addr, page, PROT_READ)
    assert ctypes.string_at(addr, 4) == b"abcd"
    with pytest.raises(OSError) as info:
        lib.mprotect(addr + 1, page, PROT_READ)  # unaligned
    assert info.value.errno == errno.EINVAL and "mprotect(0x" in str(info.value)
    lib.munmap(addr, page)
    with pytest.raises(OSError) as info:
        lib.mmap(None, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS)
    assert info.value.errno == errno.EINVAL and "mmap(" in str(info.value)
    fd = lib.memfd_create(b"t", 0)
    lib.ftruncate(fd, page)
    lib.close(fd)
    with pytest.raises(OSError, match="memfd_create"):
        lib.memfd_create(b"t", 0xFFFF_0000)
    assert prot_name(PROT_READ | PROT_EXEC) == "r-x"


@linux
def test_dual_region_retries_memfd_without_mfd_exec() -> None:
    from a64jit.runtime.native import DualRegion

    class OldKernel(LibC):
        flags_seen: list[int] = []

        def memfd_create(self, name: bytes, flags: int) -> int:
            self.flags_seen.append(flags)
            if flags & MFD_EXEC:
                raise OSError(errno.EINVAL, "memfd_create: unknown flag (test)")
            return super().memfd_create(name, flags)

    lib = OldKernel()
    region = DualRegion(lib, lib.page_size)
    assert [bool(f & MFD_EXEC) for f in lib.flags_seen] == [True, False]
    region.make_writable(0, 4)
    region.write(0, b"\x01\x02\x03\x04")
    region.make_executable(0, 4)
    assert region.read(0, 4) == b"\x01\x02\x03\x04"  # seen through the execute alias
    region.close()
    region.close()


class SpyLibC(LibC):
    def __init__(self) -> None:
        super().__init__()
        self.protects: list[tuple[int, int]] = []

    def mprotect(self, address: int, length: int, prot: int) -> None:
        self.protects.append((address, prot))
        super().mprotect(address, length, prot)


@linux
@pytest.mark.parametrize("refresh", [False, True])
def test_dual_region_execute_alias_stays_executable(refresh: bool) -> None:
    """Hardware (refresh=False): the execute alias is never touched by a write.
    qemu-user (refresh=True): only a rewrite of bytes written before toggles it."""
    from a64jit.runtime.native import RX, DualRegion

    lib = SpyLibC()
    page = lib.page_size
    region = DualRegion(lib, 2 * page, refresh_exec=refresh)

    def write(offset: int, data: bytes) -> list[tuple[int, int]]:
        lib.protects.clear()
        region.make_writable(offset, len(data))
        region.write(offset, data)
        region.make_executable(offset, len(data))
        return [(a, p) for a, p in lib.protects if a == region.address + offset // page * page]

    assert not region.disturbs(0, 8) and write(0, ADD) == []  # fresh bytes
    assert not region.disturbs(8, 8) and write(8, ADD) == []
    assert region.disturbs(0, 8) is refresh
    toggles = write(0, ADD)  # a rewrite: qemu would keep its stale translation
    assert toggles == ([(region.address, PROT_READ), (region.address, RX)] if refresh else [])
    assert region.read(0, 8) == ADD
    region.close()


def _perms(lo: int, hi: int) -> set[str]:
    """The permissions /proc/self/maps shows over ``[lo, hi)``."""
    out = set()
    with open("/proc/self/maps") as f:
        for line in f:
            span, perms = line.split()[:2]
            a, b = (int(x, 16) for x in span.split("-"))
            if a < hi and lo < b:
                out.add(perms)
    return out


@linux
@pytest.mark.parametrize("refresh", [False, True])
def test_dual_region_write_code_changes_no_permission(refresh: bool) -> None:
    """New code goes in through the memfd's descriptor: no mprotect (the write alias
    stays read-only, not flipped RW and back), the bytes seen at both aliases; under
    qemu-user (refresh) a rewrite of bytes written before still toggles the execute
    alias, as a write through the alias does."""
    from a64jit.runtime.native import RX, DualRegion

    class PwriteSpy(SpyLibC):
        def pwrite(self, fd: int, data: bytes, offset: int) -> None:
            self.protects.append((-1, offset))  # (a pwrite, in order with the mprotects)
            super().pwrite(fd, data, offset)

    lib = PwriteSpy()
    page = lib.page_size
    region = DualRegion(lib, 2 * page, refresh_exec=refresh)
    region.write_code(page + 8, ADD)
    assert lib.protects == [(-1, page + 8)]
    assert region.read(page + 8, 8) == ADD  # through the execute alias
    assert ctypes.string_at(region.write_address + page + 8, 8) == ADD
    assert _perms(region.write_address, region.write_address + 2 * page) == {"r--s"}
    assert _perms(region.address, region.address + 2 * page) == {"r-xs"}
    lib.protects.clear()
    region.write_code(8, ADD)  # below the highest byte written: a rewrite for qemu
    assert lib.protects == [(-1, 8)] + ([(region.address, PROT_READ), (region.address, RX)]
                                        if refresh else [])
    with pytest.raises(ValueError, match="outside the region"):
        region.write_code(2 * page - 4, ADD)
    region.close()
    with pytest.raises(ValueError, match="closed"):
        region.write_code(0, ADD)


@linux
def test_place_in_dual_mode_makes_no_mprotect() -> None:
    """A JitBuffer's place/install of new code in a dual region: one pwrite, no
    mprotect (the emulator backend over the host's regions, as the JIT uses it)."""
    pytest.importorskip("unicorn")
    from a64jit.runtime.emulator import EmulatorBackend

    lib = SpyLibC()
    backend = EmulatorBackend(lib=lib)
    with JitBuffer(backend=backend, mode="dual") as buf:
        buf.place(ADD)  # (the first maps the chunk)
        lib.protects.clear()
        f = buf.install(ADD, restype=ctypes.c_int64,
                        argtypes=[ctypes.c_int64, ctypes.c_int64])
        address = buf.place(ADD)
        assert lib.protects == []
        assert f(2, 3) == 5 and buf.read(f) == ADD
        assert buf._chunks[0].region.read(address - buf._chunks[0].region.address, 8) == ADD
    backend.close()


@linux
@pytest.mark.parametrize("kind", ["dual", "wx"])
def test_region_mapped_near_an_address(kind: str) -> None:
    """A region asked to be near an address goes to a free range within NEAR_REACH of it
    (here the one hole in a 512 MiB reservation), where the kernel's own choice is
    anywhere; a JitBuffer maps its chunks near its first (every b/bl between them in
    reach)."""
    from a64jit.runtime.backend import NEAR_REACH
    from a64jit.runtime.native import AnonRegion, DualRegion

    lib = LibC()
    chunk = 1 << 16
    big = 512 << 20
    base = lib.mmap(None, big, 0, MAP_PRIVATE | MAP_ANONYMOUS)  # PROT_NONE: occupied
    try:
        hole = base + (big // 2 & ~(chunk - 1))
        lib.munmap(hole, 4 * chunk)  # the only free range near ``hole``
        near = hole + 2 * chunk  # (a pretend first chunk's address, in the hole)
        region = (DualRegion(lib, chunk, near=near) if kind == "dual"
                  else AnonRegion(lib, chunk, "wx", near=near))
        try:
            assert hole <= region.address < hole + 4 * chunk
            assert abs(region.address - near) < NEAR_REACH
        finally:
            region.close()
        far = (DualRegion(lib, chunk) if kind == "dual" else AnonRegion(lib, chunk, "wx"))
        far.close()  # (without ``near``: anywhere; nothing to assert but that it maps)
    finally:
        lib.munmap(base, big)


def test_jit_buffer_maps_chunks_near_its_first() -> None:
    """JitBuffer asks its backend for every chunk after the first near the first."""
    from tests.runtime.fakes import FakeBackend

    asked: list[int | None] = []

    class Near(FakeBackend):
        def map_code_near(self, size: int, mode: str | None, near: int | None) -> Any:
            asked.append(near)
            return self.map_code(size, mode)

    buf = JitBuffer(backend=Near(), chunk_size=4096)
    for _ in range(4):  # (chunks of one page, two, four)
        buf.place(bytes(4096))
    first = buf._chunks[0].region.address
    assert asked == [None, first, first] and len(buf._chunks) == 3


class FakeDarwinLibC:
    """Records what the macOS path calls; memory is a real ctypes buffer."""

    page_size = 16384

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.buffers: list[Any] = []

    def mmap(self, address: int | None, length: int, prot: int, flags: int,
             fd: int = -1, offset: int = 0) -> int:
        buf = ctypes.create_string_buffer(length)
        self.buffers.append(buf)
        self.calls.append(("mmap", length, prot, flags))
        return ctypes.addressof(buf)

    def munmap(self, address: int, length: int) -> None:
        self.calls.append(("munmap", address, length))

    def pthread_jit_write_protect_np(self, enabled: int) -> None:
        self.calls.append(("jit_write_protect", enabled))

    def sys_icache_invalidate(self, address: int, size: int) -> None:
        self.calls.append(("icache_invalidate", address, size))


def test_macos_map_jit_path_with_fake_libc() -> None:
    from a64jit.runtime.native import NativeBackend

    fake = FakeDarwinLibC()
    backend = NativeBackend(fake, darwin=True)  # type: ignore[arg-type]
    buf = JitBuffer(backend=backend)
    f = buf.install(ADD, restype=ctypes.c_int64, argtypes=[ctypes.c_int64] * 2)
    # (f is not called: this host cannot run AArch64 code natively)
    mmap_call = fake.calls[0]
    assert mmap_call == ("mmap", 64 * 1024, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | DARWIN_MAP_ANON | MAP_JIT)
    assert fake.calls[1:] == [("jit_write_protect", 0), ("jit_write_protect", 1),
                              ("icache_invalidate", f.address, len(ADD))]
    assert ctypes.string_at(f.address, len(ADD)) == ADD
    fake.calls.clear()
    buf.patch(f, 0, ADD[4:8], quiescent=True)
    assert fake.calls == [("jit_write_protect", 0), ("jit_write_protect", 1),
                          ("icache_invalidate", f.address, 4)]
    assert buf.mode == "wx" and backend.default_mode == "wx"
    buf.close()
    assert fake.calls[-1][0] == "munmap"


@pytest.mark.parametrize("mode", ["dual", "rwx"])
def test_macos_rejects_modes_it_cannot_honour(mode: str) -> None:
    from a64jit.runtime.native import NativeBackend

    fake = FakeDarwinLibC()
    backend = NativeBackend(fake, darwin=True)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=f"mode '{mode}' is not available on macOS"):
        JitBuffer(4096, backend=backend, mode=mode)
    assert not [c for c in fake.calls if c[0] == "mmap"]
    JitBuffer(4096, backend=backend, mode="wx").close()  # the mode MAP_JIT gives


def test_backend_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("A64JIT_BACKEND", "native")
    assert select.current_backend() == "native"
    monkeypatch.setenv("A64JIT_BACKEND", "bogus")
    with pytest.raises(ValueError, match="A64JIT_BACKEND"):
        select.current_backend()
    monkeypatch.delenv("A64JIT_BACKEND")
    assert select.current_backend() == ("native" if select.host_is_aarch64() else "emulator")
    with pytest.raises(ValueError, match="unknown backend"):
        select.get_backend("bogus")
    monkeypatch.setattr(select, "BACKENDS", {**select.BACKENDS, "x": ".nonexistent:X"})
    with pytest.raises(ImportError, match="'x' backend is not available"):
        select.get_backend("x")
