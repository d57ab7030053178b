"""Profilers and debuggers see JIT code: perf map, jitdump, GDB JIT interface, profiler.

Everything is off until asked for, by a call or an environment variable read
when :mod:`a64jit` is imported:

* perf map: ``enable(perf_map=True)`` or ``A64JIT_PERF_MAP=1``;
* jitdump for ``perf inject --jit``: ``enable(jitdump=True)`` (or a directory)
  or ``A64JIT_JITDUMP=1`` (or a directory);
* GDB JIT interface: ``enable(gdb=True)`` or ``A64JIT_GDB=1``;
* emulator profiler: ``with a64jit.debug.profile() as prof: ...``.

Name the code you install: ``buf.install(asm, name="fib", lines=[(0, "fib.js", 3)])``
(``lines``: ``(code offset, file, line)``; a VM passes bytecode positions).
:func:`symbolize` turns an address into ``fib+0x8`` or ``fib.loop`` (named
labels of an Assembler) while any tool is on. With everything off, a JitBuffer
pays one empty-list test per install and free, and nothing at call time.

No tool writes into code memory, and nothing is ever writable and executable:
maps, dumps and the ELF images GDB reads are data; the one library the GDB
interface loads keeps its ``ret`` (R-X) and its descriptor (RW-) on separate
pages (see each module).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .hub import HUB
from .perfmap import PerfMap, perf_map_path
from .profiler import Profile, profile
from .symbols import Symbol

if TYPE_CHECKING:
    from ..runtime.memory import JitBuffer

__all__ = [
    "PerfMap", "Profile", "Symbol", "disable", "enable", "enable_from_env", "enabled",
    "listing_labels", "lookup", "perf_map_path", "profile", "symbolize", "symbols",
]


def enable(*, perf_map: bool = False, jitdump: bool | str = False, gdb: bool = False,
           symbols: bool = True) -> None:
    """Switch tools on for code installed from now on (and code already live).

    :param perf_map: append ``/tmp/perf-<pid>.map`` entries.
    :param jitdump: write ``jit-<pid>.dump`` for ``perf inject --jit``; a str
        is the directory (default ``$JITDUMPDIR`` or ``~/.debug/jit``).
    :param gdb: register an ELF image per function with GDB's JIT interface.
    :param symbols: keep the symbol table for :func:`symbolize` (implied by
        every tool).
    """
    for key, value in (("perf_map", perf_map), ("gdb", gdb), ("symbols", symbols)):
        if not isinstance(value, bool):
            raise TypeError(f"enable: {key} must be True or False, got {value!r}")
    if not isinstance(jitdump, (bool, str)):
        raise TypeError(f"enable: jitdump must be a bool or a directory, got {jitdump!r}")
    if perf_map:
        HUB.start("perf_map", PerfMap())
    if jitdump:
        from .jitdump import JitDump

        HUB.start("jitdump", JitDump(jitdump if isinstance(jitdump, str) else None))
    if gdb:
        from .gdbjit import GdbJit

        HUB.start("gdb", GdbJit())
    if symbols or perf_map or jitdump or gdb:
        HUB.start("symbols", None)


def disable(tool: str | None = None) -> None:
    """Switch ``tool`` off (``"perf_map"``, ``"jitdump"``, ``"gdb"``), or everything.

    Turning jitdump off writes its CLOSE record; turning gdb off unregisters
    every image.
    """
    if tool is not None and tool not in ("perf_map", "jitdump", "gdb"):
        raise ValueError(f"disable: unknown tool {tool!r}; choose perf_map, jitdump or gdb")
    HUB.stop(tool)


def enabled() -> list[str]:
    """Names of the tools that are on (plus ``"symbols"`` when the table is kept)."""
    return (["symbols"] if HUB.active else []) + list(HUB.tools)


def enable_from_env(environ: dict[str, str] | None = None) -> None:
    """Switch on what ``A64JIT_PERF_MAP``, ``A64JIT_JITDUMP`` and ``A64JIT_GDB`` ask for.

    ``1``/``true``/``yes``/``on`` switch a tool on; ``A64JIT_JITDUMP`` may
    instead name the dump directory. Other values raise ValueError.
    """
    env = os.environ if environ is None else environ
    on: dict[str, bool | str] = {}
    for key, var in (("perf_map", "A64JIT_PERF_MAP"), ("jitdump", "A64JIT_JITDUMP"),
                     ("gdb", "A64JIT_GDB")):
        value = env.get(var, "").strip()
        if not value or value.lower() in ("0", "false", "no", "off"):
            continue
        if value.lower() in ("1", "true", "yes", "on"):
            on[key] = True
        elif key == "jitdump":
            on[key] = value
        else:
            raise ValueError(f"{var}={value!r}: expected 1/0 (true/false, yes/no, on/off)")
    if on:
        enable(**on)  # type: ignore[arg-type]


def lookup(address: int) -> Symbol | None:
    """The live installed function containing ``address`` (None if none, or all off)."""
    return HUB.table.lookup(address)


def symbols() -> list[Symbol]:
    """Every live installed function seen since the tools were switched on."""
    return HUB.table.symbols()


def symbolize(address: int) -> str | None:
    """``name``, ``name+0x8``, ``name.label`` or ``name.label+0x4`` for a JIT address.

    None outside installed code, or while every tool is off (use
    ``JitBuffer.symbols()`` for names without any tool on).
    """
    return HUB.table.symbolize(address)


def listing_labels(address: int, size: int,
                   buffer: JitBuffer | None = None) -> dict[int, list[str]]:
    """Names to print in a listing of ``[address, address+size)``, by offset from ``address``.

    Installed functions give ``name`` at their first instruction and named
    labels ``name.label`` where they are bound (from the symbol table while a
    tool is on); ``buffer`` adds the names of its live functions even with
    every tool off. The result is what :func:`a64jit.disasm.format_listing`
    takes as ``labels=``.
    """
    end = address + size
    out: dict[int, list[str]] = {}

    def put(at: int, name: str) -> None:
        if address <= at < end and name not in out.setdefault(at - address, []):
            out[at - address].append(name)

    if buffer is not None:
        for start, _size, name in buffer.symbols():
            put(start, name)
    for symbol in HUB.table.symbols():
        if symbol.address < end and symbol.end > address:
            put(symbol.address, symbol.name)
            for offset, label in symbol.labels:
                put(symbol.address + offset, f"{symbol.name}.{label}")
    return out
