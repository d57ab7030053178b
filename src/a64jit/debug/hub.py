"""The one code observer of a64jit.debug: keeps the symbol table and feeds the tools.

Registered with :func:`a64jit.runtime.memory.add_code_observer` only while some
tool is on; with nothing on, JitBuffer pays one empty-list test per install.
"""

from __future__ import annotations

import threading
import warnings
import weakref
from collections.abc import Sequence
from typing import Protocol

from ..runtime import memory as _memory
from ..runtime.memory import JitBuffer, LineEntry
from .symbols import Symbol, SymbolTable


class Tool(Protocol):
    """What the hub feeds: perf map, jitdump, GDB JIT interface."""

    def add(self, symbol: Symbol) -> None: ...

    def remove(self, symbol: Symbol) -> None: ...

    def close(self) -> None: ...


class Hub:
    """Symbol table plus the active tools. Use the module-level :data:`HUB`."""

    def __init__(self) -> None:
        self.table = SymbolTable()
        self.tools: dict[str, Tool] = {}
        self._lock = threading.RLock()
        self._registered = False
        self._watched: weakref.WeakSet[JitBuffer] = weakref.WeakSet()
        self._warned: set[str] = set()

    # -- switching ------------------------------------------------------------------
    def start(self, key: str, tool: Tool | None) -> None:
        """Turn on the symbol table and, if given, ``tool`` under ``key``."""
        with self._lock:
            if tool is not None:
                old = self.tools.pop(key, None)
                if old is not None:
                    old.close()
                self.tools[key] = tool
                for symbol in self.table.symbols():  # code installed before the tool
                    self._feed(key, tool, "add", symbol)
            if not self._registered:
                _memory.add_code_observer(self)
                self._registered = True

    def stop(self, key: str | None = None) -> None:
        """Turn off ``key`` (or every tool and the symbol table with None)."""
        with self._lock:
            keys = list(self.tools) if key is None else [key]
            for k in keys:
                tool = self.tools.pop(k, None)
                if tool is not None:
                    tool.close()
            if key is None and self._registered:
                _memory.remove_code_observer(self)
                self._registered = False
                self.table = SymbolTable()

    @property
    def active(self) -> bool:
        return self._registered

    # -- CodeObserver ------------------------------------------------------------------
    def code_installed(self, buffer: JitBuffer, address: int, size: int, name: str | None,
                       code: object, lines: Sequence[LineEntry]) -> None:
        symbol = self.table.code_installed(buffer, address, size, name, code, lines)
        with self._lock:
            if buffer not in self._watched:
                self._watched.add(buffer)
                # A buffer collected without close() unmaps its code: forget it.
                weakref.finalize(buffer, self._buffer_gone)
            for key, tool in list(self.tools.items()):
                self._feed(key, tool, "add", symbol)

    def code_freed(self, buffer: JitBuffer, address: int, size: int) -> None:
        symbol = self.table.code_freed(buffer, address, size)
        if symbol is None:
            return
        with self._lock:
            for key, tool in list(self.tools.items()):
                self._feed(key, tool, "remove", symbol)

    def _buffer_gone(self) -> None:
        # A buffer died without close(): its chunks are unmapped, so drop every
        # symbol that no live buffer's mapping holds any more.
        with self._lock:
            live = [(a, a + n) for b in list(self._watched) for a, n in b.regions()]
            for symbol in self.table.symbols():
                if not any(lo <= symbol.address < hi for lo, hi in live):
                    self.table.forget(symbol.address)
                    for key, tool in list(self.tools.items()):
                        self._feed(key, tool, "remove", symbol)

    def _feed(self, key: str, tool: Tool, what: str, symbol: Symbol) -> None:
        """Call ``tool.add``/``remove``; an OS error warns once instead of failing
        the install (a full disk must not stop the JIT)."""
        try:
            getattr(tool, what)(symbol)
        except OSError as exc:
            if key not in self._warned:
                self._warned.add(key)
                warnings.warn(f"a64jit.debug: {key} stopped recording: {exc}",
                              RuntimeWarning, stacklevel=2)


#: The process-wide hub.
HUB = Hub()
