"""macOS on Apple silicon: MAP_JIT memory and per-thread write protection.

Apple's hardened runtime forbids mprotect-ing pages to executable; JIT memory
is mapped once RWX with ``MAP_JIT`` and each *thread* switches it between
writable and executable with ``pthread_jit_write_protect_np`` (0 = writable,
1 = executable); ``sys_icache_invalidate`` does the cache maintenance.

This path cannot run on this project's Linux CI (no macOS, no Apple silicon):
it is kept small and is unit-tested against a fake libc that records the
calls (tests/runtime/test_macos_unit.py). Note the W^X toggle is per thread:
the writing thread cannot execute the JIT region until the JitBuffer makes it
executable again, which it does before returning from every write.
"""

from __future__ import annotations

import ctypes
from typing import Any

from .backend import CodeRegion
from .libc import MAP_JIT, MAP_PRIVATE, PROT_EXEC, PROT_READ, PROT_WRITE, LibC

#: Darwin's MAP_ANON (Linux uses 0x20): spelled out so fake-libc tests on
#: Linux build exactly the flags macOS would see.
DARWIN_MAP_ANON = 0x1000


class DarwinLibC(LibC):
    """LibC plus the two Apple JIT calls."""

    def __init__(self, lib: Any = None) -> None:
        super().__init__(lib)
        self.lib.pthread_jit_write_protect_np.restype = None
        self.lib.pthread_jit_write_protect_np.argtypes = [ctypes.c_int]
        self.lib.sys_icache_invalidate.restype = None
        self.lib.sys_icache_invalidate.argtypes = [ctypes.c_void_p, ctypes.c_size_t]

    def pthread_jit_write_protect_np(self, enabled: int) -> None:
        """Make MAP_JIT memory executable (1) or writable (0) for this thread."""
        self.lib.pthread_jit_write_protect_np(enabled)

    def sys_icache_invalidate(self, address: int, size: int) -> None:
        """Make written instructions visible to instruction fetch."""
        self.lib.sys_icache_invalidate(address, size)


class DarwinRegion(CodeRegion):
    """MAP_JIT region; W^X is enforced per thread by pthread_jit_write_protect_np."""

    mode = "wx"

    def __init__(self, lib: DarwinLibC, size: int) -> None:
        self._libc = lib
        self.size = size
        self.address = lib.mmap(None, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                                MAP_PRIVATE | DARWIN_MAP_ANON | MAP_JIT)
        self._closed = False

    def write(self, offset: int, data: bytes) -> None:
        if offset < 0 or offset + len(data) > self.size:
            raise ValueError(f"write of {len(data)} bytes at {offset} outside the region")
        ctypes.memmove(self.address + offset, data, len(data))

    def read(self, offset: int, length: int) -> bytes:
        return ctypes.string_at(self.address + offset, length)

    def write_words(self, offset: int, data: bytes) -> None:
        if offset < 0 or offset % 4 or len(data) % 4 or offset + len(data) > self.size:
            raise ValueError(f"word write of {len(data)} bytes at {offset} outside the "
                             "region or not word-aligned")
        for i in range(0, len(data), 4):
            ctypes.c_uint32.from_address(self.address + offset + i).value = int.from_bytes(
                data[i:i + 4], "little")

    def make_writable(self, offset: int, length: int) -> None:
        self._libc.pthread_jit_write_protect_np(0)

    def make_executable(self, offset: int, length: int) -> None:
        self._libc.pthread_jit_write_protect_np(1)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._libc.munmap(self.address, self.size)
