"""Load assembled units: code read-execute, data read-write, symbols resolved.

:func:`load` assembles text (or takes a :class:`~a64jit.text.parser.Unit`), places every
code section (``.text``, ``.text.*``, sections flagged ``"ax"``) together in a
:class:`~a64jit.JitBuffer` — pages that are never writable and executable at once — and
the writable data sections (``.data``, ``.bss`` ...) in one read-write,
never-executable block from :func:`~a64jit.alloc_data`, and the read-only data
(``.rodata``, ``.section .rodata.*`` and other sections without the ``w`` or ``x``
flag) in a block of its own that is made read-only once it is linked: a store to it
faults (:class:`~a64jit.JitFault` in the emulator, SIGSEGV natively). Code, writable
data and read-only data never share a page. References
between sections (``adrp`` + ``:lo12:``, ``ldr`` literals, ``.quad sym``, branches) and
to external symbols the caller supplies (host functions, other installed code, data
addresses) are resolved for those addresses; branches to code outside the unit go
through veneers, so any address is reachable.

The result, a :class:`LoadedUnit`, hands out any symbol as a typed
:class:`~a64jit.CodePtr` (:meth:`LoadedUnit.function`) or as an address
(:meth:`LoadedUnit.address`). This is what runs the ``.s`` that ``gcc -O2 -S`` or
``clang -O2 -S`` writes for self-contained C functions (static tables and string
constants included) unchanged.

Not supported: GOT-relative relocations (``:got:``; compile with ``-fno-pic`` or
``-fno-PIE`` when the C code takes the address of an external object), thread-local
storage and C++ exception tables; ``.cfi_*`` directives are accepted and ignored.
"""

from __future__ import annotations

import ctypes
import weakref
from collections.abc import Mapping
from typing import Any

from .runtime import CodePtr, DataBlock, HostFunction, JitBuffer, alloc_data
from .runtime.backend import CType
from .runtime.memory import check_ctype, check_ctypes
from .text.parser import Unit, assemble_unit

#: What an external symbol may be given as.
External = int | CodePtr | HostFunction | DataBlock


def _address_of(name: str, value: object) -> int:
    if isinstance(value, bool):
        raise TypeError(f"load: symbol {name!r}: expected an address, a CodePtr, a "
                        f"HostFunction or a DataBlock, got {value!r}")
    if isinstance(value, int):
        if not 0 <= value < 1 << 64:
            raise ValueError(f"load: symbol {name!r}: address {value:#x} is out of range; "
                             "allowed: 0..2**64-1")
        return value
    address = getattr(value, "address", None)
    if isinstance(value, (CodePtr, HostFunction, DataBlock)) and isinstance(address, int):
        return address
    raise TypeError(f"load: symbol {name!r}: expected an address, a CodePtr, a HostFunction "
                    f"or a DataBlock, got {type(value).__name__}")


def _symbol_name(name: object) -> str:
    if not isinstance(name, str):
        raise TypeError(f"load: symbols: a key must be a symbol name (a str), got {name!r}")
    return name


def _place(names: list[str], unit: Unit, buf: JitBuffer, offsets: dict[str, int],
           bases: dict[str, int]) -> DataBlock | None:
    """One block (pages of its own) for the sections ``names``; offsets and bases filled."""
    if not names:
        return None
    size = 0
    for name in names:
        sec = unit.sections[name]
        size += -size % sec.align
        offsets[name] = size
        size += len(sec.data)
    block = alloc_data(size, backend=buf.backend)
    bases.update((name, block.address + offsets[name]) for name in names)
    return block


class _CodeImage:
    """The unit's code, finalized for the address JitBuffer.install puts it at."""

    def __init__(self, unit: Unit, code: list[str], data_bases: dict[str, int],
                 externals: dict[str, int]) -> None:
        self.unit = unit
        self.code = code
        self.data_bases = data_bases
        self.externals = externals
        self.bases: dict[str, int] = {}
        self.linked: dict[str, bytes] = {}

    def finalize(self, address: int = 0) -> bytes:
        if address == 0:  # JitBuffer.install's size probe: data may be out of reach of 0
            end = 0
            for name in self.code:
                sec = self.unit.sections[name]
                end += -end % sec.align + len(sec.data)
            return bytes(end)
        bases = dict(self.data_bases)
        pos = 0
        for name in self.code:
            sec = self.unit.sections[name]
            pos += -pos % sec.align  # relative to the start, as the size probe computed
            bases[name] = address + pos
            pos += len(sec.data)
        for name in self.unit.sections:
            bases.setdefault(name, address)  # empty sections: nothing lives there
        self.bases = bases
        self.linked = self.unit.link(bases, self.externals)
        out = bytearray()
        for name in self.code:
            out += bytes(bases[name] - address - len(out))
            out += self.linked[name]
        return bytes(out)


class LoadedUnit:
    """An assembled unit placed in memory: fetch symbols as CodePtrs or addresses.

    Function pointers and data addresses stay valid until :meth:`close` (or the end of
    a ``with`` block); calling a pointer after that raises
    :class:`~a64jit.errors.FreedCodeError`, as for code a JitBuffer freed.
    """

    def __init__(self, unit: Unit, buffer: JitBuffer, owns_buffer: bool, entry: CodePtr | None,
                 data: DataBlock | None, bases: dict[str, int]) -> None:
        self.unit = unit
        self.buffer = buffer
        self._owns_buffer = owns_buffer
        self._entry = entry
        self.data = data
        self.bases = bases
        #: The read-only block of the ``.rodata*`` sections (never write to it).
        self._rodata: DataBlock | None = None
        self._closed = False
        #: The CodePtrs :meth:`function` handed out, by id, made uncallable by
        #: :meth:`close` (they are not the buffer's installs, which it marks itself);
        #: weak references, as a native CodePtr (a ctypes pointer) is unhashable.
        self._pointers: dict[int, weakref.ref[CodePtr]] = {}

    @property
    def symbols(self) -> dict[str, int]:
        """Every label of the unit (local ``.L`` labels included) and its address."""
        return {name: self.bases[sym.section] + sym.offset
                for name, sym in self.unit.symbols.items() if "\x02" not in name}

    @property
    def exported(self) -> list[str]:
        """The names ``.globl``/``.global`` exported."""
        return sorted(n for n, s in self.unit.symbols.items() if s.exported)

    def address(self, name: str) -> int:
        """The address of symbol ``name`` (code or data)."""
        return self._address(name, "address")

    def _address(self, name: str, what: str) -> int:
        self._check_open(what)
        if not isinstance(name, str):
            raise TypeError(f"{what}: expected a symbol name, got {name!r}")
        sym = self.unit.symbols.get(name)
        if sym is None:
            raise KeyError(f"{what}: no symbol {name!r} in the unit; defined: "
                           f"{', '.join(sorted(self.symbols)[:20]) or 'none'}")
        return self.bases[sym.section] + sym.offset

    def function(self, name: str, restype: CType = ctypes.c_int64,
                 argtypes: tuple[CType, ...] | list[CType] = ()) -> CodePtr:
        """A callable CodePtr for the code symbol ``name`` with this C signature."""
        address = self._address(name, "function")
        sym = self.unit.symbols[name]
        if self.unit.sections[sym.section].kind != "code":
            raise ValueError(f"function: {name!r} is in data section {sym.section}, not code")
        size = self.bases[sym.section] + len(self.unit.sections[sym.section].data) - address
        check_ctype(restype, "function: restype", allow_none=True)
        args = check_ctypes(argtypes, "function")
        ptr = self.buffer.backend.new_codeptr(address, max(size, 4), restype, args, self)
        pointers, key = self._pointers, id(ptr)

        def forget(ref: weakref.ref[CodePtr]) -> None:
            if pointers.get(key) is ref:
                del pointers[key]

        pointers[key] = weakref.ref(ptr, forget)
        return ptr

    def _check_open(self, what: str) -> None:
        if self._closed:
            raise ValueError(f"{what}: the LoadedUnit is closed")

    def close(self) -> None:
        """Free the code (and the buffer, if :func:`load` made it) and drop the data."""
        if self._closed:
            return
        self._closed = True
        for ref in list(self._pointers.values()):
            ptr = ref()
            if ptr is not None:
                ptr._mark_freed()
        if self._owns_buffer:
            self.buffer.close()
        elif self._entry is not None:
            self.buffer.free(self._entry)
        self.data = None
        self._rodata = None

    def __enter__(self) -> LoadedUnit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load(source: str | Unit, symbols: Mapping[str, External] | None = None, *,
         buffer: JitBuffer | None = None, backend: Any = None) -> LoadedUnit:
    """Assemble (if ``source`` is text) and load a unit; see the module docstring.

    ``symbols`` gives the addresses of external symbols the unit references (an int, a
    :class:`~a64jit.CodePtr`, a host function from :func:`~a64jit.host_function` or a
    :class:`~a64jit.runtime.DataBlock`). ``buffer`` is the JitBuffer to install the code
    in (default: a new one, closed with the unit, on ``backend``). Raises
    :class:`~a64jit.AsmSyntaxError` for assembly errors and for references to symbols
    that are neither defined nor supplied (at the line that references them).
    """
    unit = assemble_unit(source) if isinstance(source, str) else source
    if not isinstance(unit, Unit):
        raise TypeError(f"load: expected assembly text or a Unit, got {type(source).__name__}")
    if symbols is not None and not isinstance(symbols, Mapping):
        raise TypeError(f"load: symbols must map names to addresses (a dict), got "
                        f"{type(symbols).__name__}")
    externals = {_symbol_name(name): _address_of(name, value)
                 for name, value in (symbols or {}).items()}
    missing = [n for n in unit.externals() if n not in externals]
    if missing:
        unit.link({name: 0 for name in unit.sections}, {})  # raises at the first reference
    code = [n for n, s in unit.sections.items() if s.kind == "code" and (s.data or n == ".text")]
    data_secs = [n for n, s in unit.sections.items() if s.kind != "code" and s.data]
    ro_secs = [n for n in data_secs if unit.sections[n].kind == "rodata"]
    rw_secs = [n for n in data_secs if unit.sections[n].kind != "rodata"]
    owns = buffer is None
    buf = JitBuffer(backend=backend) if buffer is None else buffer
    try:
        data_bases: dict[str, int] = {}
        offsets: dict[str, int] = {}
        block = _place(rw_secs, unit, buf, offsets, data_bases)
        rodata = _place(ro_secs, unit, buf, offsets, data_bases)
        image = _CodeImage(unit, code, data_bases, externals)
        entry: CodePtr | None = None
        if any(unit.sections[n].data for n in code):
            entry = buf.install(image, restype=None)
        else:
            image.finalize(data_bases[data_secs[0]] if data_secs else 1 << 12)
        for part, names in ((block, rw_secs), (rodata, ro_secs)):
            if part is not None:
                for name in names:
                    raw = image.linked[name]
                    part[offsets[name]:offsets[name] + len(raw)] = raw
        if rodata is not None:  # filled and linked: from now on read-only
            buf.backend.protect_data(rodata, writable=False)
        loaded = LoadedUnit(unit, buf, owns, entry, block, image.bases)
        loaded._rodata = rodata
        return loaded
    except BaseException:
        if owns:
            buf.close()
        raise
