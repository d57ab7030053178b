"""Disassembly through the optional capstone extra (``pip install a64jit[disasm]``).

:func:`disassemble` turns machine code into :class:`Instruction` rows (address, word,
text); :func:`format_listing` renders an assembled source as address, word,
disassembly, labels and the source line, the form ``a64jit asm --listing`` prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple


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


def format_listing(code: bytes, rows: Iterable[tuple[int, int, int, str]], address: int,
                   labels: Mapping[int, list[str]] | None = None,
                   disassembly: bool = True) -> str:
    """Render ``address  word  disassembly  source`` lines.

    ``rows`` are ``(offset, size, line number, source)`` (a listing of the text
    front-end); ``labels`` maps offsets to the label names bound there. Words are shown
    one per row; bytes that do not fill a word are shown as bytes.
    """
    out: list[str] = []
    texts: dict[int, str | None] = {}
    if disassembly:
        texts = {i.address - address: i.text for i in disassemble(code, address)}
    for offset, size, lineno, source in rows:
        for name in (labels or {}).get(offset, []) if size else []:
            out.append(f"{'':16}  {'':8}  {name}:")
        first = True
        pos = offset
        end = offset + size
        while pos < end or first:
            src = f"{lineno:5}  {source.rstrip()}" if first else ""
            if pos >= end:
                out.append(f"{'':16}  {'':8}  {'':32}  {src}".rstrip())
                break
            if pos % 4 == 0 and end - pos >= 4:
                word = int.from_bytes(code[pos:pos + 4], "little")
                text = texts.get(pos) if disassembly else ""
                shown = text if text is not None else ".inst"
                out.append(f"{address + pos:016x}  {word:08x}  {shown:<32}  {src}".rstrip())
                pos += 4
            else:
                n = min(end - pos, 4 - pos % 4)
                hexbytes = " ".join(f"{b:02x}" for b in code[pos:pos + n])
                out.append(f"{address + pos:016x}  {hexbytes:<8}  {'.byte':<32}  {src}".rstrip())
                pos += n
            first = False
    return "\n".join(out)
