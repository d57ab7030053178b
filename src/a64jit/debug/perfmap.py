"""``/tmp/perf-<pid>.map``: the symbol file Linux perf reads for JIT code.

One line per function, ``START SIZE name`` with START and SIZE in hex without
``0x``, appended when the code is installed (perf keeps the last entry that
covers an address, so reused ranges resolve to their newest name).

Writers: CPython 3.12+ has its own perf map (``python -X perf``,
``sys.activate_stack_trampoline``) and a C API for others to add to the same
file under CPython's lock (``PyUnstable_WritePerfMapEntry``); where that
exists it is used, so the two never clobber each other. On older Pythons
each line is one ``write()`` to a file opened ``O_APPEND`` under an exclusive
``flock``: lines from several buffers, threads and processes never tear, and
nothing is ever truncated. The file name follows ``os.getpid()`` (a forked
child writes its own file).
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import threading
from typing import Any

from .symbols import Symbol


def perf_map_path(pid: int | None = None) -> str:
    """Where perf looks for the map of process ``pid`` (default: this one)."""
    return f"/tmp/perf-{os.getpid() if pid is None else pid}.map"


def format_entry(address: int, size: int, name: str) -> bytes:
    """One perf map line; newlines in ``name`` become spaces (a line is one entry)."""
    clean = name.replace("\n", " ").replace("\r", " ")
    return f"{address:x} {size:x} {clean}\n".encode("utf-8", "backslashreplace")


def _cpython_writer() -> Any:
    """CPython's ``PyUnstable_WritePerfMapEntry`` (3.12+), or None."""
    try:
        fn = ctypes.pythonapi.PyUnstable_WritePerfMapEntry
    except AttributeError:
        return None
    fn.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_char_p]
    fn.restype = ctypes.c_int
    return fn


class PerfMap:
    """Appends a perf map line for every installed function.

    :param use_cpython: use CPython's perf map API when it exists (default);
        False forces the locked-append writer (tests use it to check both).
    """

    def __init__(self, *, use_cpython: bool = True) -> None:
        self._cpython = _cpython_writer() if use_cpython else None
        self._lock = threading.Lock()
        self._fd = -1
        self._pid = -1

    @property
    def writer(self) -> str:
        """``"cpython"`` (PyUnstable_WritePerfMapEntry) or ``"append"`` (locked O_APPEND)."""
        return "cpython" if self._cpython is not None else "append"

    @property
    def path(self) -> str:
        return perf_map_path()

    def add(self, symbol: Symbol) -> None:
        if self._cpython is not None:
            clean = symbol.name.replace("\n", " ").replace("\r", " ")
            if self._cpython(symbol.address, symbol.size,
                             clean.encode("utf-8", "backslashreplace")) != 0:
                raise OSError(f"perf map: PyUnstable_WritePerfMapEntry failed for "
                              f"{symbol.name!r} at {symbol.address:#x}")
            return
        line = format_entry(symbol.address, symbol.size, symbol.name)
        with self._lock:
            fd = self._file()
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                os.write(fd, line)  # one write per line: O_APPEND keeps lines whole
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)

    def remove(self, symbol: Symbol) -> None:
        """Nothing to do: perf map files are append-only; a new entry at the same
        address supersedes the old one."""

    def close(self) -> None:
        with self._lock:
            if self._fd >= 0:
                os.close(self._fd)
            self._fd = self._pid = -1

    def _file(self) -> int:
        pid = os.getpid()
        if self._fd < 0 or self._pid != pid:
            if self._fd >= 0:
                os.close(self._fd)  # inherited from the parent across fork
                self._fd = -1
            # O_NOFOLLOW: /tmp is shared; never write through someone's symlink.
            self._fd = os.open(perf_map_path(pid),
                               os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW
                               | os.O_CLOEXEC, 0o644)
            self._pid = pid
        return self._fd
