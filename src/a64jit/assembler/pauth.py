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

from ..encoding import baseext as enc
from ..errors import bad_operand
from ..operands import GPRegister, Mem
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


class PauthMixin(AssemblerCore):
    """pacia..autdb, paciza..autdzb, xpaci, xpacd, pacga, braa, brab, blraa, blrab, braaz,
    brabz, blraaz, blrabz, retaa, retab, eretaa, eretab, ldraa, ldrab."""

    def pacia(self, rd: GPRegister, rn: GPRegister) -> None:
        """``pacia xd, xn|sp``: sign the code address xd with key A, modifier xn|sp."""
        self._put(_pac("pacia", 0, rd, rn))

    def pacib(self, rd: GPRegister, rn: GPRegister) -> None:
        """``pacib xd, xn|sp``: sign the code address xd with key B, modifier xn|sp."""
        self._put(_pac("pacib", 1, rd, rn))

    def pacda(self, rd: GPRegister, rn: GPRegister) -> None:
        """``pacda xd, xn|sp``: sign the data address xd with key A, modifier xn|sp."""
        self._put(_pac("pacda", 2, rd, rn))

    def pacdb(self, rd: GPRegister, rn: GPRegister) -> None:
        """``pacdb xd, xn|sp``: sign the data address xd with key B, modifier xn|sp."""
        self._put(_pac("pacdb", 3, rd, rn))

    def autia(self, rd: GPRegister, rn: GPRegister) -> None:
        """``autia xd, xn|sp``: authenticate the code address xd with key A, modifier xn|sp."""
        self._put(_pac("autia", 4, rd, rn))

    def autib(self, rd: GPRegister, rn: GPRegister) -> None:
        """``autib xd, xn|sp``: authenticate the code address xd with key B, modifier xn|sp."""
        self._put(_pac("autib", 5, rd, rn))

    def autda(self, rd: GPRegister, rn: GPRegister) -> None:
        """``autda xd, xn|sp``: authenticate the data address xd with key A, modifier xn|sp."""
        self._put(_pac("autda", 6, rd, rn))

    def autdb(self, rd: GPRegister, rn: GPRegister) -> None:
        """``autdb xd, xn|sp``: authenticate the data address xd with key B, modifier xn|sp."""
        self._put(_pac("autdb", 7, rd, rn))

    def paciza(self, rd: GPRegister) -> None:
        """``paciza xd``: sign the code address xd with key A, modifier zero."""
        self._put(enc.dp1_pauth("paciza", 8, 31, _x("paciza", "register", rd)))

    def pacizb(self, rd: GPRegister) -> None:
        """``pacizb xd``: sign the code address xd with key B, modifier zero."""
        self._put(enc.dp1_pauth("pacizb", 9, 31, _x("pacizb", "register", rd)))

    def pacdza(self, rd: GPRegister) -> None:
        """``pacdza xd``: sign the data address xd with key A, modifier zero."""
        self._put(enc.dp1_pauth("pacdza", 10, 31, _x("pacdza", "register", rd)))

    def pacdzb(self, rd: GPRegister) -> None:
        """``pacdzb xd``: sign the data address xd with key B, modifier zero."""
        self._put(enc.dp1_pauth("pacdzb", 11, 31, _x("pacdzb", "register", rd)))

    def autiza(self, rd: GPRegister) -> None:
        """``autiza xd``: authenticate the code address xd with key A, modifier zero."""
        self._put(enc.dp1_pauth("autiza", 12, 31, _x("autiza", "register", rd)))

    def autizb(self, rd: GPRegister) -> None:
        """``autizb xd``: authenticate the code address xd with key B, modifier zero."""
        self._put(enc.dp1_pauth("autizb", 13, 31, _x("autizb", "register", rd)))

    def autdza(self, rd: GPRegister) -> None:
        """``autdza xd``: authenticate the data address xd with key A, modifier zero."""
        self._put(enc.dp1_pauth("autdza", 14, 31, _x("autdza", "register", rd)))

    def autdzb(self, rd: GPRegister) -> None:
        """``autdzb xd``: authenticate the data address xd with key B, modifier zero."""
        self._put(enc.dp1_pauth("autdzb", 15, 31, _x("autdzb", "register", rd)))

    def xpaci(self, rd: GPRegister) -> None:
        """``xpaci xd``: strip the authentication code from the instruction address xd."""
        self._put(enc.dp1_pauth("xpaci", 16, 31, _x("xpaci", "register", rd)))

    def xpacd(self, rd: GPRegister) -> None:
        """``xpacd xd``: strip the authentication code from the data address xd."""
        self._put(enc.dp1_pauth("xpacd", 17, 31, _x("xpacd", "register", rd)))

    def pacga(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """``pacga xd, xn, xm|sp``: a generic authentication code of xn with modifier xm,
        in the top 32 bits of xd."""
        self._put(enc.pacga("pacga", _xsp("pacga", "modifier", rm), _x("pacga", "source", rn),
                            _x("pacga", "destination", rd)))

    def braa(self, rn: GPRegister, rm: GPRegister) -> None:
        """``braa xn, xm|sp``: branch to xn (key A, modifier xm|sp)."""
        self._put(enc.branch_reg("braa", 8, 2, _x("braa", "target", rn),
                                 _xsp("braa", "modifier", rm)))

    def brab(self, rn: GPRegister, rm: GPRegister) -> None:
        """``brab xn, xm|sp``: branch to xn (key B, modifier xm|sp)."""
        self._put(enc.branch_reg("brab", 8, 3, _x("brab", "target", rn),
                                 _xsp("brab", "modifier", rm)))

    def blraa(self, rn: GPRegister, rm: GPRegister) -> None:
        """``blraa xn, xm|sp``: call xn (key A, modifier xm|sp)."""
        self._put(enc.branch_reg("blraa", 9, 2, _x("blraa", "target", rn),
                                 _xsp("blraa", "modifier", rm)))

    def blrab(self, rn: GPRegister, rm: GPRegister) -> None:
        """``blrab xn, xm|sp``: call xn (key B, modifier xm|sp)."""
        self._put(enc.branch_reg("blrab", 9, 3, _x("blrab", "target", rn),
                                 _xsp("blrab", "modifier", rm)))

    def braaz(self, rn: GPRegister) -> None:
        """``braaz xn``: branch to xn (key A, modifier zero)."""
        self._put(enc.branch_reg("braaz", 0, 2, _x("braaz", "target", rn), 31))

    def brabz(self, rn: GPRegister) -> None:
        """``brabz xn``: branch to xn (key B, modifier zero)."""
        self._put(enc.branch_reg("brabz", 0, 3, _x("brabz", "target", rn), 31))

    def blraaz(self, rn: GPRegister) -> None:
        """``blraaz xn``: call xn (key A, modifier zero)."""
        self._put(enc.branch_reg("blraaz", 1, 2, _x("blraaz", "target", rn), 31))

    def blrabz(self, rn: GPRegister) -> None:
        """``blrabz xn``: call xn (key B, modifier zero)."""
        self._put(enc.branch_reg("blrabz", 1, 3, _x("blrabz", "target", rn), 31))

    def retaa(self) -> None:
        """``retaa``: return to lr authenticated with key A, modifier sp."""
        self._put(enc.branch_reg("retaa", 2, 2, 31, 31))

    def retab(self) -> None:
        """``retab``: return to lr authenticated with key B, modifier sp."""
        self._put(enc.branch_reg("retab", 2, 3, 31, 31))

    def eretaa(self) -> None:
        """``eretaa``: exception return, elr authenticated with key A, modifier sp."""
        self._put(enc.branch_reg("eretaa", 4, 2, 31, 31))

    def eretab(self) -> None:
        """``eretab``: exception return, elr authenticated with key B, modifier sp."""
        self._put(enc.branch_reg("eretab", 4, 3, 31, 31))

    def ldraa(self, rt: GPRegister, addr: Mem) -> None:
        """``ldraa xt, [xn|sp{, #imm}]{!}``: load from the address in xn authenticated
        with data key A (modifier zero), plus imm (a multiple of 8, -4096..4088); ``pre``
        writes the address back."""
        self._put(_ldra("ldraa", 0, rt, addr))

    def ldrab(self, rt: GPRegister, addr: Mem) -> None:
        """``ldrab xt, [xn|sp{, #imm}]{!}``: load from the address in xn authenticated
        with data key B (modifier zero), plus imm (a multiple of 8, -4096..4088); ``pre``
        writes the address back."""
        self._put(_ldra("ldrab", 1, rt, addr))
