"""PC-relative immediate fields: one definition per layout, used both when an
instruction is first encoded and when a label fixup is patched later.

Layouts (ARM ARM C4.1):
  imm26 at [25:0], words     b, bl                         +-128 MiB
  imm19 at [23:5], words     b.cond, cbz/cbnz, ldr literal  +-1 MiB
  imm14 at [18:5], words     tbz/tbnz                       +-32 KiB
  immhi:immlo at [23:5]:[30:29], bytes   adr                +-1 MiB
  immhi:immlo, 4 KiB pages               adrp               +-4 GiB
"""

from __future__ import annotations

from typing import Final

from .fields import simm


class PcRelField:
    """A PC-relative immediate field: ``bits`` signed bits of ``delta / scale`` at ``lsb``."""

    __slots__ = ("bits", "clear", "lsb", "name", "scale")

    def __init__(self, name: str, bits: int, scale: int, lsb: int) -> None:
        self.name: Final = name
        self.bits: Final = bits
        self.scale: Final = scale
        self.lsb: Final = lsb
        self.clear: Final = ~(((1 << bits) - 1) << lsb) & 0xFFFFFFFF

    def patch(self, insn: str, word: int, delta: int) -> int:
        """Return ``word`` with its field replaced by ``delta`` (checked)."""
        return (word & self.clear) | (simm(insn, "target offset", delta, self.bits, self.scale)
                                      << self.lsb)


class AdrField(PcRelField):
    """ADR/ADRP: the 21-bit immediate is split into immlo [30:29] and immhi [23:5]."""

    __slots__ = ()

    def __init__(self, name: str, scale: int) -> None:
        super().__init__(name, 21, scale, 0)

    def patch(self, insn: str, word: int, delta: int) -> int:
        imm = simm(insn, "target offset", delta, 21, self.scale)
        return (word & 0x9F00001F) | ((imm & 3) << 29) | ((imm >> 2) << 5)


BRANCH26: Final = PcRelField("imm26", 26, 4, 0)
BRANCH19: Final = PcRelField("imm19", 19, 4, 5)
BRANCH14: Final = PcRelField("imm14", 14, 4, 5)
ADR: Final = AdrField("adr", 1)
ADRP: Final = AdrField("adrp", 4096)


def branch_offset(word: int) -> int | None:
    """The byte offset from a direct branch word to its target (``b``, ``bl``,
    ``b.cond``, ``bc.cond``, ``cbz``/``cbnz``, ``tbz``/``tbnz``); None for any other
    word (``adr``, a literal load and indirect branches included). For code that reads
    back the words it emitted: which of them jump where."""
    if word & 0x7C000000 == 0x14000000:        # b, bl: imm26
        imm, bits = word & 0x3FFFFFF, 26
    elif (word & 0xFF000000 == 0x54000000        # b.cond, bc.cond: imm19
          or word & 0x7E000000 == 0x34000000):   # cbz, cbnz: imm19
        imm, bits = word >> 5 & 0x7FFFF, 19
    elif word & 0x7E000000 == 0x36000000:      # tbz, tbnz: imm14
        imm, bits = word >> 5 & 0x3FFF, 14
    else:
        return None
    if imm >> (bits - 1):
        imm -= 1 << bits
    return imm * 4


def with_branch_offset(word: int, delta: int) -> int:
    """The direct branch word ``word`` (one :func:`branch_offset` decodes) made to
    reach the byte offset ``delta`` from itself instead (checked against its field's
    reach): for code that writes branch words without an assembler's label."""
    if word & 0x7C000000 == 0x14000000:
        return BRANCH26.patch("b", word, delta)
    if word & 0xFF000000 == 0x54000000 or word & 0x7E000000 == 0x34000000:
        return BRANCH19.patch("b.cond", word, delta)
    if word & 0x7E000000 == 0x36000000:
        return BRANCH14.patch("tbz", word, delta)
    raise ValueError(f"with_branch_offset: {word:#010x} is not a direct branch word")
