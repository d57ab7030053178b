"""Data-processing (1 source): clz, cls, rbit, rev, rev16, rev32, rev64.

Every mnemonic is one row of the table ``BITS`` (see table.py); the row field
``opcode`` is the encoding's 6-bit opcode."""

from __future__ import annotations

from ..encoding import dp1src as enc
from ..errors import OperandError
from ..operands import GPRegister
from . import checks, table
from .core import AssemblerCore
from .simd import vector_bits

_DN = ("destination", "source")

BITS = table.Table("bits", "data-processing (1 source)")


@BITS.form("{name} rd, rn")
def _either(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister) -> None:
    """x or w registers; for rev the opcode's low bit is sf."""
    insn = spec.name
    try:
        sf = checks.gp_sf(insn, _DN, rd, rn)
    except OperandError:
        if vector_bits(self, insn, rd, rn):  # vector forms (simd.py)
            return
        raise
    self._put(enc.dp1src(insn, sf, spec["opcode"] | (sf & spec["sf_bit"]), rd.code, rn.code))


@BITS.form("{name} xd, xn")
def _x_only(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister) -> None:
    insn = spec.name
    try:
        d = checks.gp_code(insn, "destination", rd, 64)
    except OperandError:
        if vector_bits(self, insn, rd, rn):  # vector forms (simd.py)
            return
        raise
    n = checks.gp_code(insn, "source", rn, 64)
    self._put(enc.dp1src(insn, 1, spec["opcode"], d, n))


class BitsMixin(AssemblerCore):
    """clz, cls, rbit, rev, rev16, rev32 (64-bit only), rev64 (64-bit rev)."""

    clz = _either("clz", "count leading zero bits", opcode=enc.OP_CLZ, sf_bit=0)
    cls = _either("cls", "count leading bits equal to the sign bit (not counting it)",
                  opcode=enc.OP_CLS, sf_bit=0)
    rbit = _either("rbit", "reverse the bit order", opcode=enc.OP_RBIT, sf_bit=0)
    rev16 = _either("rev16", "reverse the bytes in each 16-bit halfword", opcode=enc.OP_REV16,
                    sf_bit=0)
    # opcode = 0b10 | sf: the 32-bit REV is 000010, the same opcode as the 64-bit REV32
    # (both reverse the bytes within each 32-bit word); 000011 is REV of 64.
    rev = _either("rev", "reverse the bytes of the whole register", opcode=enc.OP_REV32,
                  sf_bit=1)
    rev32 = _x_only("rev32", "reverse the bytes in each 32-bit word (64-bit only)",
                    opcode=enc.OP_REV32)
    rev64 = _x_only("rev64", "= ``rev xd, xn`` (64-bit only)", opcode=enc.OP_REV64)
