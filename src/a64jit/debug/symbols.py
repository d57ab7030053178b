"""The symbol table of installed code: names, labels and source lines by address.

One :class:`SymbolTable` observes every JitBuffer (through
:func:`a64jit.runtime.memory.add_code_observer`) while any tool of
:mod:`a64jit.debug` is on; :func:`symbolize` turns an address into
``name+offset`` (or ``name.label``) for listings, profilers and fault reports.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..runtime.memory import JitBuffer, LineEntry


@dataclass(frozen=True)
class Symbol:
    """One installed function as the tools see it."""

    #: Address of the first instruction.
    address: int
    #: Length of the code in bytes.
    size: int
    #: The name given to ``install(name=...)``, or ``jit_<address>`` without one.
    name: str
    #: ``(offset, label name)`` of the named labels bound in the code, by offset.
    labels: tuple[tuple[int, str], ...] = ()
    #: ``(offset, file, line)`` source positions given to ``install(lines=...)``.
    lines: tuple[LineEntry, ...] = field(default=())

    @property
    def end(self) -> int:
        return self.address + self.size

    def label_at(self, offset: int) -> tuple[int, str] | None:
        """The last named label at or before ``offset`` (``(offset, name)``)."""
        i = bisect.bisect_right(self.labels, (offset, "\U0010ffff")) - 1
        return self.labels[i] if i >= 0 else None

    def line_at(self, offset: int) -> LineEntry | None:
        """The source position covering ``offset`` (the last entry at or before it)."""
        i = bisect.bisect_right(self.lines, (offset, "\U0010ffff", 1 << 62)) - 1
        return self.lines[i] if i >= 0 else None


def default_name(address: int) -> str:
    """The name of code installed without ``name=``."""
    return f"jit_{address:x}"


def labels_of(code: object) -> tuple[tuple[int, str], ...]:
    """Named, bound labels of an Assembler (``(offset, name)`` sorted); () otherwise."""
    found: list[tuple[int, str]] = []
    # Assemblers keep every label they made in ``_labels`` (a64jit.assembler.core).
    for label in getattr(code, "_labels", ()) or ():
        name, offset = getattr(label, "name", None), getattr(label, "offset", None)
        if isinstance(name, str) and isinstance(offset, int):
            found.append((offset, name))
    return tuple(sorted(found))


def check_lines(lines: Sequence[LineEntry], size: int) -> tuple[LineEntry, ...]:
    """Validate ``install(lines=...)``: ``(offset, file, line)`` inside the code."""
    out: list[LineEntry] = []
    for i, entry in enumerate(lines):
        if not (isinstance(entry, tuple) and len(entry) == 3):
            raise TypeError(f"install: lines[{i}] must be a tuple (offset, file, line), "
                            f"got {entry!r}")
        offset, file, line = entry
        if not isinstance(offset, int) or not 0 <= offset < size or offset % 4:
            raise ValueError(f"install: lines[{i}] offset {offset!r} must be a multiple of 4 "
                             f"in [0, {size})")
        if not isinstance(file, str) or "\0" in file:
            raise TypeError(f"install: lines[{i}] file must be a str without NUL, got {file!r}")
        if not isinstance(line, int) or not 0 <= line < 1 << 32:
            raise ValueError(f"install: lines[{i}] line {line!r} must be in [0, 2**32)")
        out.append((offset, file, line))
    return tuple(sorted(out))


class SymbolTable:
    """Address -> :class:`Symbol` for every live function of every buffer.

    A code observer: :meth:`code_installed` and :meth:`code_freed` are called by
    JitBuffer with its lock held. Lookups take this table's own lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._starts: list[int] = []
        self._symbols: list[Symbol] = []

    def code_installed(self, buffer: JitBuffer, address: int, size: int, name: str | None,
                       code: object, lines: Sequence[LineEntry]) -> Symbol:
        symbol = Symbol(address, size, name if name is not None else default_name(address),
                        labels_of(code), check_lines(lines, size))
        with self._lock:
            i = bisect.bisect_left(self._starts, address)
            if i < len(self._starts) and self._starts[i] == address:
                self._symbols[i] = symbol  # a range reused after a GC'd buffer
            else:
                self._starts.insert(i, address)
                self._symbols.insert(i, symbol)
        return symbol

    def code_freed(self, buffer: JitBuffer, address: int, size: int) -> Symbol | None:
        return self.forget(address)

    def forget(self, address: int) -> Symbol | None:
        """Drop the function starting at ``address``; return it (None if unknown)."""
        with self._lock:
            i = bisect.bisect_left(self._starts, address)
            if i < len(self._starts) and self._starts[i] == address:
                symbol = self._symbols[i]
                del self._starts[i], self._symbols[i]
                return symbol
        return None

    def lookup(self, address: int) -> Symbol | None:
        """The live function containing ``address``, or None."""
        with self._lock:
            i = bisect.bisect_right(self._starts, address) - 1
            if i >= 0 and address < self._symbols[i].end:
                return self._symbols[i]
        return None

    def symbols(self) -> list[Symbol]:
        """Every live function, by address."""
        with self._lock:
            return list(self._symbols)

    def symbolize(self, address: int) -> str | None:
        """``name``, ``name.label``, ``name+0x8``, ``name.label+0x4``; None outside JIT code."""
        symbol = self.lookup(address)
        if symbol is None:
            return None
        offset = address - symbol.address
        label = symbol.label_at(offset)
        base, start = symbol.name, 0
        if label is not None:
            base, start = f"{symbol.name}.{label[1]}", label[0]
        delta = offset - start
        return base if delta == 0 else f"{base}+{delta:#x}"
