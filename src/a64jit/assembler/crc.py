"""CRC32 checksums (ARMv8 CRC extension): crc32b/h/w/x (polynomial 0x04C11DB7, the
zlib/Ethernet CRC) and crc32cb/ch/cw/cx (Castagnoli, 0x1EDC6F41).

``crc32b(w0, w1, w2)`` folds the low byte of w2 into the running CRC in w1; the x
forms take the data from an x register: ``crc32x(w0, w1, x2)``. The CRC is kept
bit-reflected and without the final inversion, as zlib keeps it between calls.
"""

from __future__ import annotations

from ..encoding import baseext as enc
from ..errors import bad_operand
from ..operands import GPRegister
from .core import AssemblerCore

_NAMES = ("destination", "accumulator", "data")


def _crc(insn: str, c: int, sz: int, rd: object, rn: object, rm: object) -> int:
    """Check ``wd, wn, wm`` (``xm`` for the x forms; 31 is the zero register)."""
    wide = sz == 3
    for operand, reg, size in zip(_NAMES, (rd, rn, rm), (32, 32, 64 if wide else 32),
                                  strict=True):
        if type(reg) is not GPRegister or reg.size != size or reg.is_sp:
            p = "x" if size == 64 else "w"
            raise bad_operand(insn, operand, reg,
                              f"a {size}-bit general-purpose register ({p}0-{p}30, {p}zr)")
    assert isinstance(rd, GPRegister) and isinstance(rn, GPRegister)
    assert isinstance(rm, GPRegister)
    return enc.crc32(insn, 1 if wide else 0, c, sz, rm.code, rn.code, rd.code)


class CrcMixin(AssemblerCore):
    """crc32b, crc32h, crc32w, crc32x, crc32cb, crc32ch, crc32cw, crc32cx."""

    def crc32b(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``crc32b wd, wn, wm``: CRC-32 of the low byte of wm, accumulator wn."""
        self._put(_crc("crc32b", 0, 0, rd, rn, rm))

    def crc32h(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``crc32h wd, wn, wm``: CRC-32 of the low halfword of wm."""
        self._put(_crc("crc32h", 0, 1, rd, rn, rm))

    def crc32w(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``crc32w wd, wn, wm``: CRC-32 of the word wm."""
        self._put(_crc("crc32w", 0, 2, rd, rn, rm))

    def crc32x(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``crc32x wd, wn, xm``: CRC-32 of the doubleword xm."""
        self._put(_crc("crc32x", 0, 3, rd, rn, rm))

    def crc32cb(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``crc32cb wd, wn, wm``: CRC-32C (Castagnoli) of the low byte of wm."""
        self._put(_crc("crc32cb", 1, 0, rd, rn, rm))

    def crc32ch(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``crc32ch wd, wn, wm``: CRC-32C of the low halfword of wm."""
        self._put(_crc("crc32ch", 1, 1, rd, rn, rm))

    def crc32cw(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``crc32cw wd, wn, wm``: CRC-32C of the word wm."""
        self._put(_crc("crc32cw", 1, 2, rd, rn, rm))

    def crc32cx(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``crc32cx wd, wn, xm``: CRC-32C of the doubleword xm."""
        self._put(_crc("crc32cx", 1, 3, rd, rn, rm))
