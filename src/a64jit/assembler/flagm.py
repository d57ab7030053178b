"""Flag manipulation (ARMv8.4 FlagM, ARMv8.5 FlagM2): rmif, setf8, setf16, cfinv,
xaflag and axflag."""

from __future__ import annotations

from typing import Final

from ..encoding import baseext as enc
from ..errors import bad_operand
from ..operands import GPRegister
from . import checks, table
from .core import AssemblerCore


def _reg(insn: str, reg: object, size: int) -> int:
    if type(reg) is GPRegister and reg.size == size and not reg.is_sp:
        return reg.code
    p = "x" if size == 64 else "w"
    raise bad_operand(insn, "source", reg,
                      f"a {size}-bit general-purpose register ({p}0-{p}30, {p}zr)")


FLAGM: Final = table.Table("flagm", "flag manipulation")


@FLAGM.form("{name} xn, #shift, #mask")
def _rmif(self: AssemblerCore, spec: table.Spec, rn: GPRegister, shift: int, mask: int) -> None:
    insn = spec.name
    self._put(enc.rmif(insn, checks.imm(insn, "rotation", shift), _reg(insn, rn, 64),
                       checks.imm(insn, "mask", mask)))


@FLAGM.form("{name} wn")
def _setf(self: AssemblerCore, spec: table.Spec, rn: GPRegister) -> None:
    self._put(enc.setf(spec.name, spec["sz"], _reg(spec.name, rn, 32)))


@FLAGM.form("{name}")
def _fixed(self: AssemblerCore, spec: table.Spec) -> None:
    self._put(spec["word"])


class FlagMixin(AssemblerCore):
    """rmif, setf8, setf16, cfinv, xaflag, axflag."""

    rmif = _rmif("rmif", "rotate xn right by shift (0..63) and insert its low four bits "
                 "into the NZCV flags selected by mask (0..15)")
    setf8 = _setf("setf8", "set N, Z and V from wn as a signed 8-bit value (C unchanged)",
                  sz=0)
    setf16 = _setf("setf16", "set N, Z and V from wn as a signed 16-bit value (C unchanged)",
                   sz=1)
    cfinv = _fixed("cfinv", "invert the carry flag", word=0xD500401F)
    xaflag = _fixed("xaflag", "convert floating-point comparison flags from the external "
                    "format", word=0xD500403F)
    axflag = _fixed("axflag", "convert floating-point comparison flags to the external format",
                    word=0xD500405F)
