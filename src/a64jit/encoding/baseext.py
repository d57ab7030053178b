"""Encoders for the base-ISA extensions: CRC32 (ARMv8.1 optional in v8.0), pointer
authentication (ARMv8.3), flag manipulation (ARMv8.4 FlagM / v8.5 FlagM2), the
unprivileged loads/stores (ldtr/sttr) and the RCPC2 unscaled acquire/release forms
(ldapur/stlur, ARMv8.4).

Arguments are raw field values (register numbers 0..31, sizes, opcodes); immediates
are range-checked here, register classes by the assembler.
"""

from __future__ import annotations

from ..errors import bad_value
from .fields import simm, uimm


def crc32(insn: str, sf: int, c: int, sz: int, rm: int, rn: int, rd: int) -> int:
    """CRC32{C}{B,H,W,X}: ``sf 0 0 11010110 Rm 010 C sz Rn Rd`` (data-processing 2 src)."""
    return 0x1AC04000 | sf << 31 | rm << 16 | c << 12 | sz << 10 | rn << 5 | rd


def dp1_pauth(insn: str, opcode: int, rn: int, rd: int) -> int:
    """PAC*/AUT*/XPAC*: ``1 1 0 11010110 00001 opcode(6) Rn Rd`` (data-processing 1 src)."""
    return 0xDAC10000 | opcode << 10 | rn << 5 | rd


def pacga(insn: str, rm: int, rn: int, rd: int) -> int:
    """PACGA: ``1 0 0 11010110 Rm 001100 Rn Rd``."""
    return 0x9AC03000 | rm << 16 | rn << 5 | rd


def branch_reg(insn: str, opc: int, op3: int, rn: int, op4: int) -> int:
    """Unconditional branch (register), the PAC forms included:
    ``1101011 opc(4) 11111 op3(6) Rn op4(5)``."""
    return 0xD61F0000 | opc << 21 | op3 << 10 | rn << 5 | op4


def ldra(insn: str, m: int, offset: int, writeback: int, rn: int, rt: int) -> int:
    """LDRAA/LDRAB: ``11111000 M S 1 imm9 W 1 Rn Rt``; the offset is S:imm9 times 8."""
    field = simm(insn, "offset", offset, 10, 8)
    return (0xF8200400 | m << 23 | (field >> 9) << 22 | (field & 0x1FF) << 12
            | writeback << 11 | rn << 5 | rt)


def rmif(insn: str, shift: int, rn: int, mask: int) -> int:
    """RMIF: ``1 0 1 11010000 imm6 00001 Rn 0 mask``."""
    return (0xBA000400 | uimm(insn, "rotation", shift, 6) << 15 | rn << 5
            | uimm(insn, "mask", mask, 4))


def setf(insn: str, sz: int, rn: int) -> int:
    """SETF8 (sz=0) / SETF16 (sz=1): ``0 0 1 11010000 000000 sz 0010 Rn 0 1101``."""
    return 0x3A00080D | sz << 14 | rn << 5


def ldst_unpriv(insn: str, size: int, opc: int, offset: int, rn: int, rt: int) -> int:
    """LDTR*/STTR*: ``size 111 0 00 opc 0 imm9 10 Rn Rt``, byte offset -256..255."""
    return (0x38000800 | size << 30 | opc << 22 | simm(insn, "offset", offset, 9) << 12
            | rn << 5 | rt)


def ldst_rcpc2(insn: str, size: int, opc: int, offset: int, rn: int, rt: int) -> int:
    """LDAPUR*/STLUR* (RCPC2): ``size 011001 opc 0 imm9 00 Rn Rt``, offset -256..255."""
    return (0x19000000 | size << 30 | opc << 22 | simm(insn, "offset", offset, 9) << 12
            | rn << 5 | rt)


def check_reg(insn: str, operand: str, code: int) -> int:
    """A raw 5-bit register number (for callers passing numbers, not registers)."""
    if not 0 <= code <= 31:
        raise bad_value(insn, operand, code, "0..31")
    return code
