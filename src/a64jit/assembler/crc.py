"""CRC32 checksums (ARMv8 CRC extension): crc32b/h/w/x (polynomial 0x04C11DB7, the
zlib/Ethernet CRC) and crc32cb/ch/cw/cx (Castagnoli, 0x1EDC6F41).

``crc32b(w0, w1, w2)`` folds the low byte of w2 into the running CRC in w1; the x
forms take the data from an x register: ``crc32x(w0, w1, x2)``. The CRC is kept
bit-reflected and without the final inversion, as zlib keeps it between calls.
"""

from __future__ import annotations

from typing import Final

from ..encoding import baseext as enc
from ..errors import bad_operand
from ..operands import GPRegister
from . import table
from .core import AssemblerCore

_NAMES = ("destination", "accumulator", "data")

CRC: Final = table.Table("crc", "CRC32 and CRC32C checksums")


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


@CRC.form("{name} wd, wn, wm")
def _crc_w(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
           rm: GPRegister) -> None:
    self._put(_crc(spec.name, spec["c"], spec["sz"], rd, rn, rm))


@CRC.form("{name} wd, wn, xm")
def _crc_x(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
           rm: GPRegister) -> None:
    self._put(_crc(spec.name, spec["c"], 3, rd, rn, rm))


class CrcMixin(AssemblerCore):
    """crc32b, crc32h, crc32w, crc32x, crc32cb, crc32ch, crc32cw, crc32cx."""

    crc32b = _crc_w("crc32b", "CRC-32 of the low byte of wm, accumulator wn", c=0, sz=0)
    crc32h = _crc_w("crc32h", "CRC-32 of the low halfword of wm", c=0, sz=1)
    crc32w = _crc_w("crc32w", "CRC-32 of the word wm", c=0, sz=2)
    crc32x = _crc_x("crc32x", "CRC-32 of the doubleword xm", c=0)
    crc32cb = _crc_w("crc32cb", "CRC-32C (Castagnoli) of the low byte of wm", c=1, sz=0)
    crc32ch = _crc_w("crc32ch", "CRC-32C of the low halfword of wm", c=1, sz=1)
    crc32cw = _crc_w("crc32cw", "CRC-32C of the word wm", c=1, sz=2)
    crc32cx = _crc_x("crc32cx", "CRC-32C of the doubleword xm", c=1)
