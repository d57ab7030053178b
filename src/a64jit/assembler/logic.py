"""Logical instructions: and, ands, orr, eor, bic, bics, orn, eon and the tst, mvn
aliases, with a shifted register or a logical (bitmask) immediate."""

from __future__ import annotations

from typing import Final

from ..encoding import logical as enc
from ..encoding.bitmask import encode_imm13, imm_pattern
from ..errors import bad_operand, bad_value
from ..operands import W_BY_CODE, X_BY_CODE, GPRegister, Shift, VArrangement
from . import checks, table
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


LOGIC = table.Table("logic", "logical operations with a shifted register or a bitmask immediate")


def _logic(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
           op2: int | GPRegister, shift: Shift | None = None) -> None:
    insn = spec.name
    fields = spec.fields
    if type(op2) is GPRegister:
        sf = checks.gp_sf(insn, _MVN_NAMES if insn == "mvn" else _NAMES, rd, rn, op2)
        if shift is None:
            self._put(enc.logical_shifted(insn, sf, fields["opc"], fields["inv"], rd.code,
                                          rn.code, op2.code, 0, 0))
            return
        if type(shift) is not Shift:
            raise bad_operand(insn, "shift", shift,
                              f"lsl, lsr, asr or ror #0..{31 + 32 * sf}")
        self._put(enc.logical_shifted(insn, sf, fields["opc"], fields["inv"], rd.code,
                                      rn.code, op2.code, shift.code, shift.amount))
    elif type(op2) is int:
        if shift is not None:
            raise bad_operand(insn, "shift", shift, "no shift after a logical immediate")
        self._put(logical_imm_word(insn, fields["opc"], fields["inv"], rd, rn, op2))
    elif not vector_dp(self, insn, rd, rn, op2, shift):  # vector forms (simd.py)
        if op2 is None:  # two operands: only the vector immediate form has them
            raise bad_operand(insn, "first source", rn, "a register followed by a "
                              "second source, or a vector destination with #imm8")
        raise bad_operand(insn, "second source", op2,
                          "a general-purpose register or an integer logical immediate")


def _logic_vector(self: AssemblerCore, spec: table.Spec, rd: GPRegister | VArrangement,
                  rn: GPRegister | VArrangement, op2: int | GPRegister | VArrangement,
                  shift: Shift | None = None) -> None:
    """and, eor, orn: also ``vd.8b|16b, vn, vm`` (simd.vector_dp)."""


def _logic_or_vector(self: AssemblerCore, spec: table.Spec, rd: GPRegister | VArrangement,
                     rn: GPRegister | VArrangement,
                     op2: int | GPRegister | VArrangement | None = None,
                     shift: Shift | None = None) -> None:
    """orr, bic: also ``vd.8b|16b, vn, vm``, and ``vd.4h|8h|2s|4s, #imm8{, lsl #n}``
    with op2 left out (the immediate in rn, an int: not in these types, which would
    make the memo check rn on every call)."""


_LOGIC_SYNTAX = "{name} rd, rn, #imm | rm{{, shift #n}}"
_logical = LOGIC.form(_LOGIC_SYNTAX)(_logic)
_logical_vector = LOGIC.form(_LOGIC_SYNTAX + " | {name} vd.8b|16b, vn, vm")(
    table.typed_as(_logic, _logic_vector))
_logical_or_vector = LOGIC.form(
    _LOGIC_SYNTAX + " | {name} vd.8b|16b, vn, vm | {name} vd.4h|8h|2s|4s, #imm8{{, lsl #n}}")(
    table.typed_as(_logic, _logic_or_vector))


@LOGIC.form("{name} rn, #imm | rm{{, shift #n}}")
def _test(self: AssemblerCore, spec: table.Spec, rn: GPRegister, op2: int | GPRegister,
          shift: Shift | None = None) -> None:
    _logic(self, spec, _WZR if type(rn) is GPRegister and rn.size == 32 else _XZR, rn, op2,
           shift)


def _not_encode(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rm: GPRegister,
                shift: Shift | None = None) -> None:
    if type(rm) is not GPRegister:
        if vector_mvn(self, rd, rm, shift):  # vector registers (simd.py)
            return
        raise bad_operand("mvn", "source", rm, "a general-purpose register")
    _logic(self, spec, rd, _WZR if rm.size == 32 else _XZR, rm, shift)


def _mvn(self: AssemblerCore, spec: table.Spec, rd: GPRegister | VArrangement,
         rm: GPRegister | VArrangement, shift: Shift | None = None) -> None:
    """mvn: also ``vd.8b|16b, vn`` (simd.vector_mvn)."""


_not = LOGIC.form("{name} rd, rm{{, shift #n}} | {name} vd.8b|16b, vn")(
    table.typed_as(_not_encode, _mvn))


class LogicMixin(AssemblerCore):
    """and, ands, orr, eor, bic, bics, orn, eon, tst, mvn.

    The second operand is a register with an optional ``lsl``/``lsr``/``asr``/``ror``
    shift, or an int logical immediate, signed or unsigned as LLVM reads it (see
    :func:`~a64jit.encoding.bitmask.imm_pattern`: ``and_(w0, w1, -2)`` is
    ``and w0, w1, #0xfffffffe``). bic, bics, orn and eon with an immediate assemble as
    and, ands, orr and eor of its complement, as LLVM does. Every mnemonic is one row
    of the table ``LOGIC``; its fields are the encoding's ``opc`` and ``inv`` (N) bits.
    """

    and_ = _logical_vector("and", "bitwise and (rd may be sp with #imm)", method="and_",
                    opc=enc.AND, inv=0)
    ands = _logical("ands", "bitwise and, setting flags", opc=enc.ANDS, inv=0)
    orr = _logical_or_vector("orr", "bitwise or (rd may be sp with #imm; vector immediate: "
                             "``orr vd.4h|8h|2s|4s, #imm8{, lsl #n}``, see simd.vector_dp)",
                             opc=enc.ORR, inv=0)
    eor = _logical_vector("eor", "bitwise exclusive or (rd may be sp with #imm)", opc=enc.EOR,
                          inv=0)
    bic = _logical_or_vector("bic", "rn AND NOT rm (``#imm``: ``and`` of ~imm; vector "
                             "immediate: ``bic vd.4h|8h|2s|4s, #imm8{, lsl #n}``)",
                             opc=enc.AND, inv=1)
    bics = _logical("bics", "bic setting flags (``#imm``: ``ands`` of ~imm)", opc=enc.ANDS,
                    inv=1)
    orn = _logical_vector("orn", "rn OR NOT rm (``#imm``: ``orr`` of ~imm)", opc=enc.ORR, inv=1)
    eon = _logical("eon", "rn XOR NOT rm (``#imm``: ``eor`` of ~imm)", opc=enc.EOR, inv=1)
    tst = _test("tst", "= ``ands zr, rn, op2``", opc=enc.ANDS, inv=0)
    mvn = _not("mvn", "= ``orn rd, zr, rm{, shift #n}``", opc=enc.ORR, inv=1)


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
