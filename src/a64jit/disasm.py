"""Disassembly through the optional capstone extra (``pip install a64jit[disasm]``).

:func:`disassemble` turns machine code into :class:`Instruction` rows (address, word,
text); :func:`format_listing` renders an assembled source as address, word,
disassembly, labels and the source line, the form ``a64jit asm --listing`` prints;
:func:`listing` does the same for an :class:`~a64jit.Assembler`, with the Python call
site of each instruction when it was made with ``Assembler(record_sites=True)``.
"""

from __future__ import annotations

import itertools
import linecache
import os
import re
from collections.abc import Container, Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .assembler.core import AssemblerCore
    from .runtime import JitBuffer


class Instruction(NamedTuple):
    """One disassembled 32-bit word: ``text`` is ``None`` for a word capstone cannot
    decode (data, or an instruction it does not know)."""

    address: int
    word: int
    text: str | None

    def __str__(self) -> str:
        return f"{self.address:#x}: {self.word:08x}  {self.text or '.inst ' + hex(self.word)}"


_CS: Any = None


def _capstone() -> Any:
    global _CS
    if _CS is None:
        try:
            import capstone
        except ImportError:
            raise ImportError("a64jit.disassemble needs the capstone extra: "
                              "pip install 'a64jit[disasm]'") from None
        arch = getattr(capstone, "CS_ARCH_ARM64", None)
        if arch is None:  # capstone 6 renamed it
            arch = capstone.CS_ARCH_AARCH64
        _CS = capstone.Cs(arch, capstone.CS_MODE_ARM)
        _CS.skipdata = False
    return _CS


def disassemble(code: bytes | bytearray | memoryview, address: int = 0) -> list[Instruction]:
    """Disassemble A64 ``code`` (little-endian words) as if loaded at ``address``.

    Every whole 32-bit word gives one :class:`Instruction`; words capstone cannot decode
    get ``text=None``. A trailing partial word is ignored. Raises ImportError naming the
    extra when capstone is not installed, TypeError for a non-bytes ``code`` and
    ValueError for a negative or over-64-bit ``address``.
    """
    if not isinstance(code, (bytes, bytearray, memoryview)):
        raise TypeError(f"disassemble: code must be bytes, got {type(code).__name__}")
    if type(address) is not int:
        raise TypeError(f"disassemble: address must be an int, got {address!r}")
    if not 0 <= address < 1 << 64:
        raise ValueError(f"disassemble: address {address:#x} is out of range; allowed: "
                         "0..2**64-1")
    cs = _capstone()
    raw = bytes(code)
    out: list[Instruction] = []
    for offset in range(0, len(raw) - 3, 4):
        chunk = raw[offset:offset + 4]
        word = int.from_bytes(chunk, "little")
        text: str | None = None
        for insn in cs.disasm(chunk, address + offset, 1):
            text = f"{insn.mnemonic} {insn.op_str}".strip()
        out.append(Instruction(address + offset, word, text))
    return out


_DIRECTIVE = re.compile(r"\s*(?:[\w.$]+:\s*)*\.(?!inst\b)", re.ASCII)
_DEFINED = re.compile(r"\s*([\w.$]+):")
_TARGET = re.compile(r"#(0x[0-9a-f]+|\d+)\Z")
_PCREL = frozenset(("b", "bl", "cbz", "cbnz", "tbz", "tbnz", "adr", "adrp", "ldr", "ldrsw",
                    "prfm"))


def _annotate(text: str, names: Mapping[int, str]) -> str:
    """``b #0x1c`` -> ``b #0x1c <loop>`` when a label is bound at the target."""
    mnemonic = text.split(None, 1)[0]
    if mnemonic in _PCREL or mnemonic.startswith("b."):
        m = _TARGET.search(text)
        if m and "[" not in text:
            name = names.get(int(m.group(1), 0))
            if name is not None:
                return f"{text} <{name}>"
    return text


def format_listing(code: bytes, rows: Iterable[tuple[int, int, int, str]], address: int,
                   labels: Mapping[int, list[str]] | None = None,
                   disassembly: bool = True, data: Container[int] | None = None) -> str:
    """Render ``address  word  disassembly  line  source`` lines.

    ``rows`` are ``(offset, size, line number, source)`` (a listing of the text
    front-end; a line number of 0 is not shown); ``labels`` maps offsets to the label
    names bound there, printed as ``name:`` above the row (unless its source line, or
    one before it at the same offset, defines it) and after the disassembly of a
    branch or address to them. Rows whose offset is in ``data`` are data, not
    disassembled (default: rows whose source is a directive such as ``.quad``). Words
    are shown one per row; bytes that do not fill a word are shown as bytes.
    """
    out: list[str] = []
    texts: dict[int, str | None] = {}
    labels = labels or {}
    names = {address + off: found[0] for off, found in labels.items() if found}
    if disassembly:
        texts = {i.address - address: i.text for i in disassemble(code, address)}
    in_source: set[tuple[int, str]] = set()  # labels a source line already shows
    for offset, size, lineno, source in rows:
        pos = 0
        while m := _DEFINED.match(source, pos):
            in_source.add((offset, m.group(1)))
            pos = m.end()
        for name in labels.get(offset, []) if size else []:
            if (offset, name) not in in_source:
                out.append(f"{'':16}  {'':8}  {name}:")
        is_data = (offset in data) if data is not None else bool(_DIRECTIVE.match(source))
        first = True
        pos = offset
        end = offset + size
        while pos < end or first:
            src = ((f"{lineno:5}  " if lineno > 0 else "") + source.rstrip()) if first else ""
            if pos >= end:
                out.append(f"{'':16}  {'':8}  {'':32}  {src}".rstrip())
                break
            if pos % 4 == 0 and end - pos >= 4:
                word = int.from_bytes(code[pos:pos + 4], "little")
                if is_data:
                    shown = ".word"
                elif not disassembly:
                    shown = ""
                else:
                    text = texts.get(pos)
                    shown = ".inst" if text is None else _annotate(text, names)
                out.append(f"{address + pos:016x}  {word:08x}  {shown:<32}  {src}".rstrip())
                pos += 4
            else:
                n = min(end - pos, 4 - pos % 4)
                hexbytes = " ".join(f"{b:02x}" for b in code[pos:pos + n])
                out.append(f"{address + pos:016x}  {hexbytes:<8}  {'.byte':<32}  {src}".rstrip())
                pos += n
            first = False
    return "\n".join(out)


def listing(asm: AssemblerCore, address: int = 0, *, buffer: JitBuffer | None = None,
            disassembly: bool = True) -> str:
    """A listing of an :class:`~a64jit.Assembler` finalized at ``address``: address,
    word, disassembly (needs capstone; ``disassembly=False`` without it), the names of
    its labels and the Python call site (``file:line`` and the line's text) of each
    instruction or datum.

    Call sites are known only when the assembler was made with
    ``Assembler(record_sites=True)`` (recording costs a stack walk per call, so it is
    off by default and the assembler's fast path stays as it is). ``buffer`` adds the
    names of functions installed in that :class:`~a64jit.JitBuffer` (with
    :func:`a64jit.debug.listing_labels`), for a listing at an installed address.
    """
    from .assembler.core import AssemblerCore as _Core
    if not isinstance(asm, _Core):
        raise TypeError(f"listing: expected an Assembler, got {type(asm).__name__}")
    code = asm.finalize(address)
    names: dict[int, list[str]] = {}
    for lbl in asm._labels:
        if lbl.offset is not None and lbl.name is not None:
            names.setdefault(lbl.offset, []).append(lbl.name)
    if buffer is not None or address:
        from .debug import listing_labels
        for off, found in listing_labels(address, len(code), buffer).items():
            have = names.setdefault(off, [])
            have[:0] = [n for n in found if n not in have]
    sites: dict[int, tuple[str, int, bool]] = {}
    for offset, filename, line, is_data in asm._sites or ():
        sites.setdefault(offset, (filename, line, is_data))  # the outermost call wins
    cuts = sorted({0, len(code), *sites, *(o for o in names if o < len(code))})
    rows: list[tuple[int, int, int, str]] = []
    data: set[int] = set()
    for start, end in itertools.pairwise(cuts):
        site = sites.get(start)
        source = ""
        if site is not None:
            filename, line, is_data = site
            text = linecache.getline(filename, line).strip()
            source = f"{os.path.basename(filename)}:{line}" + (f"  {text}" if text else "")
            if is_data:
                data.add(start)
        rows.append((start, end - start, 0, source))
    return format_listing(code, rows, address, names, disassembly, data)
