"""Moves: mov (register, to/from sp, single-instruction immediates), movz, movn, movk."""

from __future__ import annotations

from typing import Final

from ..encoding import movewide as enc
from ..encoding.bitmask import encode_imm13, imm_pattern
from ..encoding.dataproc import addsub_imm
from ..encoding.logical import ORR, logical_imm, logical_shifted
from ..errors import bad_operand, bad_value
from ..operands import FPRegister, GPRegister, Register, Shift, VArrangement, VElement
from . import checks, table
from .core import AssemblerCore
from .simd import vector_mov

_NAMES: Final = ("destination", "zero register", "source")
_USE_MASM: Final = "use MacroAssembler.mov for any other constant"


MOVES = table.Table("moves", "register moves and single-instruction immediates, move wide")


@MOVES.form("{name} rd, rm | #imm")
def _mov(self: AssemblerCore, spec: table.Spec, rd: Register | VArrangement | VElement,
         src: int | Register | VArrangement | VElement) -> None:
    if type(src) is int and type(rd) is GPRegister:
        if 0 <= src <= 0xFFFF and rd.code != 31:  # the common case: one movz
            self._put(enc.move_wide("mov", rd.size >> 6, enc.MOVZ, rd.code, src, 0))
        else:
            self._put(_mov_imm(rd, src))
    elif type(src) is GPRegister and type(rd) is GPRegister:
        if rd.is_sp or src.is_sp:
            size = rd.size
            d = checks.gp_code("mov", "destination", rd, size, sp=True)
            n = checks.gp_code("mov", "source", src, size, sp=True)
            self._put(addsub_imm("mov", size >> 6, 0, 0, d, n, 0, 0))
        else:
            sf = checks.gp_sf("mov", _NAMES, rd, rd, src)
            self._put(logical_shifted("mov", sf, ORR, 0, rd.code, 31, src.code, 0, 0))
    elif vector_mov(self, rd, src):  # vector registers and lanes (simd.py)
        return
    elif type(rd) is not GPRegister:
        fp = type(rd) is FPRegister and rd.size < 128  # (fmov moves to and from d/s/h)
        raise bad_operand("mov", "destination", rd, "a general-purpose register or sp"
                          + ("; fmov moves to an FP register (fmov(d0, x1), fmov(d0, 1.5) "
                             "or MacroAssembler.fmov of any constant)" if fp else ""))
    else:
        raise bad_operand("mov", "source", src,
                          "a general-purpose register, sp or an integer immediate")


@MOVES.form("{name} rd, #imm16{{, lsl #0|16|32|48}}")
def _move_wide(self: AssemblerCore, spec: table.Spec, rd: GPRegister, imm: int,
               shift: Shift | None = None) -> None:
    insn = spec.name
    size = rd.size if type(rd) is GPRegister else 64
    d = checks.gp_code(insn, "destination", rd, size)
    if type(imm) is not int:
        raise bad_operand(insn, "immediate", imm, "an integer 0..65535")
    hw = 0
    if shift is not None:
        if (type(shift) is not Shift or shift.kind != "lsl" or shift.amount & 15
                or not 0 <= shift.amount < size):
            raise bad_operand(insn, "shift", shift,
                              "lsl #0, #16, #32 or #48" if size == 64 else "lsl #0 or #16")
        hw = shift.amount >> 4
    self._put(enc.move_wide(insn, size >> 6, spec.fields["opc"], d, imm, hw))


class MoveMixin(AssemblerCore):
    """mov, movz, movn, movk: rows of the table ``MOVES``."""

    mov = _mov("mov", "``orr rd, zr, rm`` (``add rd, rn, #0`` to or from sp), or for an "
               "immediate the one movz, movn or ``orr rd, zr, #bitmask`` that LLVM picks, in "
               "that order. A constant needing more instructions raises; use "
               ":meth:`MacroAssembler.mov <a64jit.MacroAssembler.mov>` for those")
    movz = _move_wide("movz", "rd = imm << shift (lsl #0/16 for w)", opc=enc.MOVZ)
    movn = _move_wide("movn", "rd = ~(imm << shift)", opc=enc.MOVN)
    movk = _move_wide("movk", "replace one halfword of rd, keep the rest", opc=enc.MOVK)


def _mov_imm(rd: GPRegister, value: int) -> int:
    """``mov rd, #value`` for every case but the small-movz fast path."""
    size = rd.size
    pattern = imm_pattern("mov", value, size)
    sf = size >> 6
    if rd.is_sp:
        # movz/movn cannot write sp; only orr with a logical immediate can.
        imm13 = encode_imm13(pattern, size)
        if imm13 is None:
            raise bad_value("mov", "immediate for sp", value,
                            f"a logical immediate (orr sp, xzr, #imm); {_USE_MASM}")
        return logical_imm("mov", sf, ORR, 31, 31, imm13)
    word = enc.single_mov_encoding(pattern, sf)
    if word is None:
        raise bad_value("mov", "immediate", value,
                        f"a value one movz, movn or orr (bitmask) can load; {_USE_MASM}")
    if rd.code == 31 and not word >> 23 & 1:
        # Bit 23 is 1 in move-wide and 0 in logical (immediate) words; the orr form's
        # Rd = 31 would write sp, not the zero register (LLVM rejects it too).
        raise bad_value("mov", "immediate for the zero register", value,
                        "a value one movz or movn can load")
    return word | rd.code
