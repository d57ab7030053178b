"""Pointer authentication (ARMv8.3 PAuth): sign and authenticate pointers (pac*/aut*,
with a register or sp modifier or the z forms with a zero modifier), strip codes
(xpaci/xpacd; xpaclri is a hint in system.py), pacga, the authenticating branches and
returns (braa/brab/blraa/blrab and their z forms, retaa/retab, eretaa/eretab) and the
authenticating loads ldraa/ldrab (``mem(xn, off)`` or ``pre(xn, off)``, off a multiple of
8 in -4096..4088).

The hint-space forms that run as NOP on cores without PAuth (paciasp, autiasp,
pacia1716, ...) are in system.py.
"""

from __future__ import annotations

from typing import Final

from ..encoding import baseext as enc
from ..errors import bad_operand
from ..operands import GPRegister, Mem
from . import table
from .core import AssemblerCore


def _x(insn: str, operand: str, reg: object) -> int:
    """An x register, 31 = xzr."""
    if type(reg) is GPRegister and reg.size == 64 and not reg.is_sp:
        return reg.code
    raise bad_operand(insn, operand, reg, "a 64-bit general-purpose register (x0-x30, xzr)")


def _xsp(insn: str, operand: str, reg: object) -> int:
    """An x register, 31 = sp."""
    if type(reg) is GPRegister and reg.size == 64 and (reg.code != 31 or reg.is_sp):
        return reg.code
    raise bad_operand(insn, operand, reg, "a 64-bit general-purpose register (x0-x30, sp)")


def _pac(insn: str, opcode: int, rd: object, rn: object) -> int:
    return enc.dp1_pauth(insn, opcode, _xsp(insn, "modifier", rn), _x(insn, "register", rd))


def _ldra(insn: str, m: int, rt: object, addr: object) -> int:
    t = _x(insn, "register", rt)
    if type(addr) is Mem and type(addr.offset) is int and addr.mode != "post":
        return enc.ldra(insn, m, addr.offset, addr.mode == "pre", addr.base.code, t)
    raise bad_operand(insn, "memory operand", addr,
                      "[xn|sp{, #imm}] or [xn|sp, #imm]! (imm a multiple of 8, -4096..4088)")


PAUTH: Final = table.Table("pauth", "pointer authentication")


@PAUTH.form("{name} xd, xn|sp")
def _keyed(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister) -> None:
    self._put(_pac(spec.name, spec["opcode"], rd, rn))


@PAUTH.form("{name} xd")
def _zero(self: AssemblerCore, spec: table.Spec, rd: GPRegister) -> None:
    self._put(enc.dp1_pauth(spec.name, spec["opcode"], 31, _x(spec.name, "register", rd)))


@PAUTH.form("{name} xn, xm|sp")
def _branch(self: AssemblerCore, spec: table.Spec, rn: GPRegister, rm: GPRegister) -> None:
    insn = spec.name
    self._put(enc.branch_reg(insn, spec["opc"], spec["op3"], _x(insn, "target", rn),
                             _xsp(insn, "modifier", rm)))


@PAUTH.form("{name} xn")
def _branch_z(self: AssemblerCore, spec: table.Spec, rn: GPRegister) -> None:
    insn = spec.name
    self._put(enc.branch_reg(insn, spec["opc"], spec["op3"], _x(insn, "target", rn), 31))


@PAUTH.form("{name}")
def _ret(self: AssemblerCore, spec: table.Spec) -> None:
    self._put(enc.branch_reg(spec.name, spec["opc"], spec["op3"], 31, 31))


@PAUTH.form("{name} xd, xn, xm|sp")
def _pacga(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
           rm: GPRegister) -> None:
    insn = spec.name
    self._put(enc.pacga(insn, _xsp(insn, "modifier", rm), _x(insn, "source", rn),
                        _x(insn, "destination", rd)))


@PAUTH.form("{name} xt, [xn|sp{{, #imm}}]{{!}}")
def _ldra_form(self: AssemblerCore, spec: table.Spec, rt: GPRegister, addr: Mem) -> None:
    self._put(_ldra(spec.name, spec["m"], rt, addr))


class PauthMixin(AssemblerCore):
    """pacia..autdb, paciza..autdzb, xpaci, xpacd, pacga, braa, brab, blraa, blrab, braaz,
    brabz, blraaz, blrabz, retaa, retab, eretaa, eretab, ldraa, ldrab."""

    pacia = _keyed("pacia", "sign the code address xd with key A, modifier xn|sp", opcode=0)
    pacib = _keyed("pacib", "sign the code address xd with key B, modifier xn|sp", opcode=1)
    pacda = _keyed("pacda", "sign the data address xd with key A, modifier xn|sp", opcode=2)
    pacdb = _keyed("pacdb", "sign the data address xd with key B, modifier xn|sp", opcode=3)
    autia = _keyed("autia", "authenticate the code address xd with key A, modifier xn|sp", opcode=4)
    autib = _keyed("autib", "authenticate the code address xd with key B, modifier xn|sp", opcode=5)
    autda = _keyed("autda", "authenticate the data address xd with key A, modifier xn|sp", opcode=6)
    autdb = _keyed("autdb", "authenticate the data address xd with key B, modifier xn|sp", opcode=7)
    paciza = _zero("paciza", "sign the code address xd with key A, modifier zero", opcode=8)
    pacizb = _zero("pacizb", "sign the code address xd with key B, modifier zero", opcode=9)
    pacdza = _zero("pacdza", "sign the data address xd with key A, modifier zero", opcode=10)
    pacdzb = _zero("pacdzb", "sign the data address xd with key B, modifier zero", opcode=11)
    autiza = _zero("autiza", "authenticate the code address xd, key A, modifier zero", opcode=12)
    autizb = _zero("autizb", "authenticate the code address xd, key B, modifier zero", opcode=13)
    autdza = _zero("autdza", "authenticate the data address xd, key A, modifier zero", opcode=14)
    autdzb = _zero("autdzb", "authenticate the data address xd, key B, modifier zero", opcode=15)
    xpaci = _zero("xpaci", "strip the code from the instruction address xd", opcode=16)
    xpacd = _zero("xpacd", "strip the authentication code from the data address xd", opcode=17)
    braa = _branch("braa", "branch to xn (key A, modifier xm|sp)", opc=8, op3=2)
    brab = _branch("brab", "branch to xn (key B, modifier xm|sp)", opc=8, op3=3)
    blraa = _branch("blraa", "call xn (key A, modifier xm|sp)", opc=9, op3=2)
    blrab = _branch("blrab", "call xn (key B, modifier xm|sp)", opc=9, op3=3)
    braaz = _branch_z("braaz", "branch to xn (key A, modifier zero)", opc=0, op3=2)
    brabz = _branch_z("brabz", "branch to xn (key B, modifier zero)", opc=0, op3=3)
    blraaz = _branch_z("blraaz", "call xn (key A, modifier zero)", opc=1, op3=2)
    blrabz = _branch_z("blrabz", "call xn (key B, modifier zero)", opc=1, op3=3)
    retaa = _ret("retaa", "return to lr authenticated with key A, modifier sp", opc=2, op3=2)
    retab = _ret("retab", "return to lr authenticated with key B, modifier sp", opc=2, op3=3)
    eretaa = _ret("eretaa", "exception return, elr authenticated (key A, sp)", opc=4, op3=2)
    eretab = _ret("eretab", "exception return, elr authenticated (key B, sp)", opc=4, op3=3)
    pacga = _pacga("pacga", "a generic authentication code of xn with modifier xm, in the "
                   "top 32 bits of xd")
    ldraa = _ldra_form("ldraa", "load from the address in xn authenticated with data key A "
                       "(modifier zero), plus imm (a multiple of 8, -4096..4088); ``pre`` "
                       "writes the address back", m=0)
    ldrab = _ldra_form("ldrab", "load from the address in xn authenticated with data key B "
                       "(modifier zero), plus imm (a multiple of 8, -4096..4088); ``pre`` "
                       "writes the address back", m=1)
