"""Logical instructions: and, ands, orr, eor, bic, bics, orn, eon and the tst, mvn
aliases, with a shifted register or a logical (bitmask) immediate."""

from __future__ import annotations

from typing import Final

from ..encoding import logical as enc
from ..encoding.bitmask import encode_imm13, imm_pattern
from ..errors import bad_operand, bad_value
from ..operands import W_BY_CODE, X_BY_CODE, GPRegister, Shift
from . import checks
from .core import AssemblerCore
from .simd import vector_dp, vector_mvn

_XZR: Final = X_BY_CODE[31]
_WZR: Final = W_BY_CODE[31]
_NAMES: Final = ("destination", "first source", "second source")
_MVN_NAMES: Final = ("destination", "zero register", "source")
_LOGICAL_IMM: Final = (
    "a logical immediate: one run of ones, rotated and replicated in 2/4/8/16/32/64-bit "
    "elements (not 0, not all ones)"
)


class LogicMixin(AssemblerCore):
    """and, ands, orr, eor, bic, bics, orn, eon, tst, mvn.

    The second operand is a register with an optional ``lsl``/``lsr``/``asr``/``ror``
    shift, or an int logical immediate, signed or unsigned as LLVM reads it (see
    :func:`~a64jit.encoding.bitmask.imm_pattern`: ``and_(w0, w1, -2)`` is
    ``and w0, w1, #0xfffffffe``). bic, bics, orn and eon with an immediate assemble as
    and, ands, orr and eor of its complement, as LLVM does.
    """

    def and_(self, rd: GPRegister, rn: GPRegister, op2: int | GPRegister,
             shift: Shift | None = None) -> None:
        """``and rd, rn, #imm`` (rd may be sp) | ``and rd, rn, rm{, shift #n}``."""
        self._logic("and", enc.AND, 0, rd, rn, op2, shift)

    def ands(self, rd: GPRegister, rn: GPRegister, op2: int | GPRegister,
             shift: Shift | None = None) -> None:
        """Bitwise and, setting flags."""
        self._logic("ands", enc.ANDS, 0, rd, rn, op2, shift)

    def orr(self, rd: GPRegister, rn: GPRegister, op2: int | GPRegister | None = None,
            shift: Shift | None = None) -> None:
        """``orr rd, rn, #imm`` (rd may be sp) | ``orr rd, rn, rm{, shift #n}`` (vector
        immediate: ``orr vd.4h|8h|2s|4s, #imm8{, lsl #n}``, see simd.vector_dp)."""
        self._logic("orr", enc.ORR, 0, rd, rn, op2, shift)

    def eor(self, rd: GPRegister, rn: GPRegister, op2: int | GPRegister,
            shift: Shift | None = None) -> None:
        """``eor rd, rn, #imm`` (rd may be sp) | ``eor rd, rn, rm{, shift #n}``."""
        self._logic("eor", enc.EOR, 0, rd, rn, op2, shift)

    def bic(self, rd: GPRegister, rn: GPRegister, op2: int | GPRegister | None = None,
            shift: Shift | None = None) -> None:
        """``bic rd, rn, rm{, shift #n}``: rn AND NOT rm (``#imm``: ``and`` of ~imm; vector
        immediate: ``bic vd.4h|8h|2s|4s, #imm8{, lsl #n}``)."""
        self._logic("bic", enc.AND, 1, rd, rn, op2, shift)

    def bics(self, rd: GPRegister, rn: GPRegister, op2: int | GPRegister,
             shift: Shift | None = None) -> None:
        """``bics``: bic setting flags (``#imm``: ``ands`` of ~imm)."""
        self._logic("bics", enc.ANDS, 1, rd, rn, op2, shift)

    def orn(self, rd: GPRegister, rn: GPRegister, op2: int | GPRegister,
            shift: Shift | None = None) -> None:
        """``orn rd, rn, rm{, shift #n}``: rn OR NOT rm (``#imm``: ``orr`` of ~imm)."""
        self._logic("orn", enc.ORR, 1, rd, rn, op2, shift)

    def eon(self, rd: GPRegister, rn: GPRegister, op2: int | GPRegister,
            shift: Shift | None = None) -> None:
        """``eon rd, rn, rm{, shift #n}``: rn XOR NOT rm (``#imm``: ``eor`` of ~imm)."""
        self._logic("eon", enc.EOR, 1, rd, rn, op2, shift)

    def tst(self, rn: GPRegister, op2: int | GPRegister, shift: Shift | None = None) -> None:
        """``tst rn, #imm`` | ``tst rn, rm{, shift #n}`` = ``ands zr, rn, op2``."""
        zr = _WZR if type(rn) is GPRegister and rn.size == 32 else _XZR
        self._logic("tst", enc.ANDS, 0, zr, rn, op2, shift)

    def mvn(self, rd: GPRegister, rm: GPRegister, shift: Shift | None = None) -> None:
        """``mvn rd, rm{, shift #n}`` = ``orn rd, zr, rm{, shift #n}``."""
        if type(rm) is not GPRegister:
            if vector_mvn(self, rd, rm, shift):  # vector registers (simd.py)
                return
            raise bad_operand("mvn", "source", rm, "a general-purpose register")
        zr = _WZR if rm.size == 32 else _XZR
        self._logic("mvn", enc.ORR, 1, rd, zr, rm, shift)

    # -- shared encoding logic -----------------------------------------------------

    def _logic(self, insn: str, opc: int, inv: int, rd: GPRegister, rn: GPRegister,
               op2: int | GPRegister | None, shift: Shift | None) -> None:
        if type(op2) is GPRegister:
            sf = checks.gp_sf(insn, _MVN_NAMES if insn == "mvn" else _NAMES, rd, rn, op2)
            if shift is None:
                self._put(enc.logical_shifted(insn, sf, opc, inv, rd.code, rn.code, op2.code,
                                              0, 0))
                return
            if type(shift) is not Shift:
                raise bad_operand(insn, "shift", shift,
                                  f"lsl, lsr, asr or ror #0..{31 + 32 * sf}")
            self._put(enc.logical_shifted(insn, sf, opc, inv, rd.code, rn.code, op2.code,
                                          shift.code, shift.amount))
        elif type(op2) is int:
            if shift is not None:
                raise bad_operand(insn, "shift", shift, "no shift after a logical immediate")
            self._put(logical_imm_word(insn, opc, inv, rd, rn, op2))
        elif not vector_dp(self, insn, rd, rn, op2, shift):  # vector forms (simd.py)
            if op2 is None:  # two operands: only the vector immediate form has them
                raise bad_operand(insn, "first source", rn, "a register followed by a "
                                  "second source, or a vector destination with #imm8")
            raise bad_operand(insn, "second source", op2,
                              "a general-purpose register or an integer logical immediate")


def logical_imm_word(insn: str, opc: int, inv: int, rd: GPRegister, rn: GPRegister,
                     value: int) -> int:
    """The and/orr/eor/ands (immediate) word; ``inv`` complements ``value`` first
    (bic/orn/eon/bics). rd may be sp except for ands; rn is never sp."""
    if type(rn) is not GPRegister or rn.is_sp:
        raise bad_operand(insn, "first source", rn,
                          "a general-purpose register (x0-x30, xzr, w0-w30, wzr)")
    size = rn.size
    d = checks.gp_code(insn, "destination", rd, size, sp=opc != enc.ANDS)
    mask = (1 << size) - 1
    # Plain unsigned values need no reinterpretation (the common case).
    pattern = value if 0 <= value <= mask else imm_pattern(insn, value, size)
    imm13 = encode_imm13(pattern ^ mask if inv else pattern, size)
    if imm13 is None:
        allowed = f"the complement of {_LOGICAL_IMM}" if inv else _LOGICAL_IMM
        raise bad_value(insn, f"{size}-bit immediate", value, allowed)
    return enc.logical_imm(insn, size >> 6, opc, d, rn.code, imm13)
