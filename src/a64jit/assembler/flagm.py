"""Flag manipulation (ARMv8.4 FlagM, ARMv8.5 FlagM2): rmif, setf8, setf16, cfinv,
xaflag and axflag."""

from __future__ import annotations

from ..encoding import baseext as enc
from ..errors import bad_operand
from ..operands import GPRegister
from . import checks
from .core import AssemblerCore


def _reg(insn: str, reg: object, size: int) -> int:
    if type(reg) is GPRegister and reg.size == size and not reg.is_sp:
        return reg.code
    p = "x" if size == 64 else "w"
    raise bad_operand(insn, "source", reg,
                      f"a {size}-bit general-purpose register ({p}0-{p}30, {p}zr)")


class FlagMixin(AssemblerCore):
    """rmif, setf8, setf16, cfinv, xaflag, axflag."""

    def rmif(self, rn: GPRegister, shift: int, mask: int) -> None:
        """``rmif xn, #shift, #mask``: rotate xn right by shift (0..63) and insert its low
        four bits into the NZCV flags selected by mask (0..15)."""
        self._put(enc.rmif("rmif", checks.imm("rmif", "rotation", shift), _reg("rmif", rn, 64),
                           checks.imm("rmif", "mask", mask)))

    def setf8(self, rn: GPRegister) -> None:
        """``setf8 wn``: set N, Z and V from wn as a signed 8-bit value (C unchanged)."""
        self._put(enc.setf("setf8", 0, _reg("setf8", rn, 32)))

    def setf16(self, rn: GPRegister) -> None:
        """``setf16 wn``: set N, Z and V from wn as a signed 16-bit value (C unchanged)."""
        self._put(enc.setf("setf16", 1, _reg("setf16", rn, 32)))

    def cfinv(self) -> None:
        """``cfinv``: invert the carry flag."""
        self._put(0xD500401F)

    def xaflag(self) -> None:
        """``xaflag``: convert floating-point comparison flags from the external format."""
        self._put(0xD500403F)

    def axflag(self) -> None:
        """``axflag``: convert floating-point comparison flags to the external format."""
        self._put(0xD500405F)
