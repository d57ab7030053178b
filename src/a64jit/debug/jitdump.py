"""jitdump files for ``perf inject --jit`` (Linux perf's jitdump specification).

Layout (little-endian, the writer's byte order; every record's ``total_size``
covers its header and body, unpadded -- perf takes a CODE_LOAD's code as the
*last* ``code_size`` bytes of the record, so padding would shift it):

* file header (40 bytes): magic ``0x4A695444`` ("JiTD"), version 1,
  total_size 40, elf_mach 183 (EM_AARCH64), pad, pid, timestamp, flags 0;
* record header (16 bytes): id, total_size, timestamp;
* ``JIT_CODE_LOAD`` (0): pid, tid, vma, code_addr, code_size, code_index, the
  NUL-terminated name, then the code bytes;
* ``JIT_CODE_MOVE`` (1): pid, tid, vma, old_code_addr, new_code_addr,
  code_size, code_index;
* ``JIT_CODE_DEBUG_INFO`` (2): code_addr, nr_entry, then per entry: addr,
  line, discrim, NUL-terminated file name. Written *before* the CODE_LOAD of
  the same code, as perf requires;
* ``JIT_CODE_CLOSE`` (3): header only.

Timestamps are ``CLOCK_MONOTONIC`` nanoseconds: record with
``perf record -k mono``. perf finds the file through a mapping of it named
``jit-<pid>.dump``: the writer maps its first page **read-only** (``PROT_READ``,
a data mapping; never writable, never executable), so record with
``perf record -k mono -d`` (``-d``/``--data`` records data mappings). Pass
``exec_marker=True`` for the convention of other JITs (the same read-only file
mapped ``PROT_READ|PROT_EXEC``, seen by a plain ``perf record -k mono``).

a64jit never moves installed code, so it never writes CODE_MOVE (a freed and
reused range gets a new CODE_LOAD; perf keeps the newest). :meth:`JitDump.code_move`
exists for embedders that do relocate code.
"""

from __future__ import annotations

import ctypes
import os
import struct
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..runtime.libc import MAP_PRIVATE, PROT_EXEC, PROT_READ, libc
from .symbols import Symbol

MAGIC = 0x4A695444
VERSION = 1
EM_AARCH64 = 183
CODE_LOAD, CODE_MOVE, DEBUG_INFO, CLOSE = 0, 1, 2, 3

_HEADER = struct.Struct("<IIIIIIQQ")
_RECORD = struct.Struct("<IIQ")
_LOAD = struct.Struct("<IIQQQQ")
_MOVE = struct.Struct("<IIQQQQQ")
_DEBUG = struct.Struct("<QQ")
_ENTRY = struct.Struct("<QII")


def timestamp() -> int:
    """The clock perf's ``-k mono`` uses: CLOCK_MONOTONIC in nanoseconds."""
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def default_directory() -> str:
    """``$JITDUMPDIR`` or ``~/.debug/jit`` (created when the dump is opened)."""
    return os.environ.get("JITDUMPDIR") or os.path.join(os.path.expanduser("~"), ".debug", "jit")


def _record(kind: int, body: bytes, ts: int | None = None) -> bytes:
    return _RECORD.pack(kind, _RECORD.size + len(body), timestamp() if ts is None else ts) + body


def _cstr(text: str) -> bytes:
    return text.encode("utf-8", "backslashreplace").replace(b"\0", b"?") + b"\0"


class JitDump:
    """Writes ``<directory>/jit-<pid>.dump`` as code is installed.

    :param directory: where to write (default :func:`default_directory`).
    :param exec_marker: map the marker page ``PROT_READ|PROT_EXEC`` instead of
        ``PROT_READ`` (see the module docstring).
    """

    def __init__(self, directory: str | None = None, *, exec_marker: bool = False) -> None:
        self.directory = directory if directory is not None else default_directory()
        self.exec_marker = exec_marker
        self._lock = threading.Lock()
        self._fd = -1
        self._pid = -1
        self._marker = 0
        self._index = 0
        self.path = ""
        self._open()

    # -- file ----------------------------------------------------------------------------
    def _open(self) -> None:
        pid = os.getpid()
        os.makedirs(self.directory, exist_ok=True)
        path = os.path.join(self.directory, f"jit-{pid}.dump")
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC,
                     0o644)
        try:
            os.write(fd, _HEADER.pack(MAGIC, VERSION, _HEADER.size, EM_AARCH64, 0, pid,
                                      timestamp(), 0))
            lib = libc()
            prot = PROT_READ | (PROT_EXEC if self.exec_marker else 0)
            # The marker perf looks for: a private, read-only mapping of the file.
            self._marker = lib.mmap(None, lib.page_size, prot, MAP_PRIVATE, fd, 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd, self._pid, self.path = fd, pid, path

    def _write(self, data: bytes) -> None:
        # Callers hold self._lock. A forked child starts its own file.
        if self._pid != os.getpid():
            self._drop(close_record=False)
            self._open()
        if self._fd < 0:
            raise OSError(f"jitdump: {self.path} is closed")
        os.write(self._fd, data)

    def _drop(self, close_record: bool) -> None:
        if self._fd >= 0:
            try:
                if close_record and self._pid == os.getpid():
                    os.write(self._fd, _record(CLOSE, b""))
            finally:
                os.close(self._fd)
                self._fd = -1
        if self._marker:
            libc().munmap(self._marker, libc().page_size)
            self._marker = 0

    # -- records ---------------------------------------------------------------------------
    def add(self, symbol: Symbol) -> None:
        """DEBUG_INFO (when the symbol has lines) then CODE_LOAD with the code bytes."""
        code = ctypes.string_at(symbol.address, symbol.size)  # code pages are readable
        with self._lock:
            ts = timestamp()
            out = b""
            if symbol.lines:
                out += self._debug_info(symbol.address, symbol.lines, ts)
            body = _LOAD.pack(os.getpid(), threading.get_native_id() & 0xFFFFFFFF,
                              symbol.address, symbol.address, symbol.size, self._index)
            self._index += 1
            out += _record(CODE_LOAD, body + _cstr(symbol.name) + code, ts)
            self._write(out)

    @staticmethod
    def _debug_info(address: int, lines: Sequence[tuple[int, str, int]], ts: int) -> bytes:
        body = bytearray(_DEBUG.pack(address, len(lines)))
        for offset, file, line in lines:
            body += _ENTRY.pack(address + offset, line, 0) + _cstr(file)
        return _record(DEBUG_INFO, bytes(body), ts)

    def code_move(self, old_address: int, new_address: int, size: int, index: int) -> None:
        """Record that code ``index`` moved (for embedders that relocate code)."""
        with self._lock:
            self._write(_record(CODE_MOVE, _MOVE.pack(
                os.getpid(), threading.get_native_id() & 0xFFFFFFFF, new_address,
                old_address, new_address, size, index)))

    def remove(self, symbol: Symbol) -> None:
        """Nothing: jitdump has no unload record; a reused range gets a newer CODE_LOAD."""

    def close(self) -> None:
        """Write CLOSE and unmap the marker. Idempotent."""
        with self._lock:
            self._drop(close_record=True)


# -- reader (from the specification; used by the tests and for inspection) -------------


@dataclass
class LoadRecord:
    timestamp: int
    pid: int
    tid: int
    vma: int
    code_addr: int
    code_size: int
    code_index: int
    name: str
    code: bytes


@dataclass
class MoveRecord:
    timestamp: int
    pid: int
    tid: int
    vma: int
    old_code_addr: int
    new_code_addr: int
    code_size: int
    code_index: int


@dataclass
class DebugEntry:
    addr: int
    line: int
    discrim: int
    name: str


@dataclass
class DebugInfoRecord:
    timestamp: int
    code_addr: int
    entries: list[DebugEntry]


@dataclass
class CloseRecord:
    timestamp: int


Record = LoadRecord | MoveRecord | DebugInfoRecord | CloseRecord


@dataclass
class DumpFile:
    """A parsed jitdump file."""

    pid: int
    elf_mach: int
    timestamp: int
    flags: int
    records: list[Record] = field(default_factory=list)


def _take_cstr(data: bytes, pos: int, end: int, what: str) -> tuple[str, int]:
    nul = data.find(b"\0", pos, end)
    if nul < 0:
        raise ValueError(f"jitdump: {what} at offset {pos} is not NUL-terminated")
    return data[pos:nul].decode("utf-8", "backslashreplace"), nul + 1


def parse(data: bytes) -> DumpFile:
    """Parse a jitdump image; ValueError names the offset of anything malformed."""
    try:
        return _parse(data)
    except struct.error as exc:
        raise ValueError(f"jitdump: truncated record: {exc}") from None


def _parse(data: bytes) -> DumpFile:
    if len(data) < _HEADER.size:
        raise ValueError(f"jitdump: {len(data)} bytes is shorter than the 40-byte header")
    magic, version, hsize, mach, _pad, pid, ts, flags = _HEADER.unpack_from(data)
    if magic != MAGIC:
        raise ValueError(f"jitdump: magic {magic:#x}, expected {MAGIC:#x} (little-endian)")
    if version != VERSION or hsize < _HEADER.size or hsize > len(data):
        raise ValueError(f"jitdump: version {version} / header size {hsize} not supported")
    out = DumpFile(pid, mach, ts, flags)
    pos = hsize
    while pos < len(data):
        if pos + _RECORD.size > len(data):
            raise ValueError(f"jitdump: truncated record header at offset {pos}")
        kind, size, rts = _RECORD.unpack_from(data, pos)
        end = pos + size
        if size < _RECORD.size or end > len(data):
            raise ValueError(f"jitdump: record at offset {pos} has size {size}, "
                             f"{len(data) - pos} bytes left")
        body = pos + _RECORD.size
        if kind == CODE_LOAD:
            rpid, tid, vma, addr, csize, index = _LOAD.unpack_from(data, body)
            name, cpos = _take_cstr(data, body + _LOAD.size, end, "CODE_LOAD name")
            if cpos + csize > end:
                raise ValueError(f"jitdump: CODE_LOAD at offset {pos}: {csize} code bytes "
                                 "do not fit the record")
            out.records.append(LoadRecord(rts, rpid, tid, vma, addr, csize, index, name,
                                          data[cpos:cpos + csize]))
        elif kind == CODE_MOVE:
            out.records.append(MoveRecord(rts, *_MOVE.unpack_from(data, body)))
        elif kind == DEBUG_INFO:
            addr, count = _DEBUG.unpack_from(data, body)
            epos, entries = body + _DEBUG.size, []
            for _ in range(count):
                eaddr, line, discrim = _ENTRY.unpack_from(data, epos)
                name, epos = _take_cstr(data, epos + _ENTRY.size, end, "DEBUG_INFO file name")
                entries.append(DebugEntry(eaddr, line, discrim, name))
            out.records.append(DebugInfoRecord(rts, addr, entries))
        elif kind == CLOSE:
            out.records.append(CloseRecord(rts))
        # Unknown ids (e.g. 4, unwinding info) are skipped by size, as perf does.
        pos = end
    return out


def read(path: str) -> DumpFile:
    """Parse the jitdump file at ``path``."""
    with open(path, "rb") as f:
        return parse(f.read())
