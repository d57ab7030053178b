"""A fake backend for host-independent JitBuffer tests: memory is a bytearray,
page permissions are tracked and checked (never W+X, writes only while
writable), and every flush and protection change is logged."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from a64jit.runtime.backend import Backend, CodeRegion, CType, HostFunction

PAGE = 4096


class FakeRegion(CodeRegion):
    next_address = 0x10_0000_0000

    def __init__(self, backend: FakeBackend, size: int, mode: str) -> None:
        self.backend = backend
        self.address = FakeRegion.next_address
        FakeRegion.next_address += size + 16 * PAGE
        self.size = size
        self.mode = mode
        self.mem = bytearray(size)
        self.perms = ["rwx" if mode == "rwx" else "r-x"] * (size // PAGE)
        self.closed = False

    def _pages(self, offset: int, length: int) -> range:
        return range(offset // PAGE, -(-(offset + length) // PAGE))

    def write(self, offset: int, data: bytes) -> None:
        assert not self.closed
        for p in self._pages(offset, len(data)):
            assert "w" in self.perms[p], f"write to non-writable page {p}"
        self.mem[offset:offset + len(data)] = data
        self.backend.log.append(("write", self.address + offset, len(data)))

    def read(self, offset: int, length: int) -> bytes:
        return bytes(self.mem[offset:offset + length])

    def make_writable(self, offset: int, length: int) -> None:
        for p in self._pages(offset, length):
            self.perms[p] = "rwx" if self.mode == "rwx" else "rw-"
        self.backend.log.append(("writable", self.address + offset, length))

    def make_executable(self, offset: int, length: int) -> None:
        for p in self._pages(offset, length):
            self.perms[p] = "rwx" if self.mode == "rwx" else "r-x"
        self.backend.log.append(("executable", self.address + offset, length))

    def close(self) -> None:
        self.closed = True
        self.backend.log.append(("close", self.address, self.size))

    def disturbs(self, offset: int, length: int) -> bool:
        # As natively: only "wx" flips the permissions of the pages code runs from.
        return self.mode == "wx"


class FakeBackend(Backend):
    """``mode=None`` maps ``default_mode`` ("dual": writes never disturb running code)."""

    name = "fake"
    page_size = PAGE
    default_mode = "dual"

    def __init__(self) -> None:
        self.log: list[tuple[str, int, int]] = []
        self.regions: list[FakeRegion] = []

    def map_code(self, size: int, mode: str | None = None) -> CodeRegion:
        size = max(PAGE, -(-size // PAGE) * PAGE)
        region = FakeRegion(self, size, mode or self.default_mode)
        self.regions.append(region)
        self.log.append(("map", region.address, size))
        return region

    def flush_icache(self, address: int, size: int) -> None:
        self.log.append(("flush", address, size))

    @property
    def flushes(self) -> list[tuple[int, int]]:
        return [(a, n) for kind, a, n in self.log if kind == "flush"]

    def code_at(self, address: int, size: int) -> bytes:
        for r in self.regions:
            if r.address <= address < r.address + r.size:
                return r.read(address - r.address, size)
        raise AssertionError(f"nothing mapped at {address:#x}")

    def make_caller(self, address: int, restype: CType,
                    argtypes: Sequence[CType]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            # "runs" the code: returns what is installed there and the args
            return self.code_at(address, 4), args
        return call

    def host_function(self, fn: Callable[..., Any], restype: CType,
                      argtypes: Sequence[CType]) -> HostFunction:
        return HostFunction(0x1234, fn, restype, argtypes)
