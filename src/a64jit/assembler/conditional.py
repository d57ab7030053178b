"""Conditional select (csel, csinc, csinv, csneg), their aliases (cset, csetm, cinc,
cinv, cneg) and conditional compare (ccmp, ccmn, register and immediate)."""

from __future__ import annotations

from ..encoding import condsel as enc
from ..errors import bad_operand, bad_value
from ..operands import Cond, GPRegister
from . import checks
from .core import AssemblerCore

_DNM = ("destination", "first source", "second source")
_DN = ("destination", "source")
_NM = ("first operand", "second operand")


def _inverted(insn: str, cond: Cond) -> int:
    """The inverted condition's code for the aliases that invert it (cset, cinc...).

    Inverting AL gives NV, which A64 also executes as "always" (ARM ARM C1.2.4): a
    ``cset x0, al`` would set x0 to 0, the opposite of what it says. LLVM refuses AL
    and NV for these aliases and so do we."""
    if type(cond) is Cond and cond.code < 14:
        return cond.code ^ 1
    checks.cond(insn, "condition", cond)
    raise bad_value(insn, "condition", cond, "any condition except AL and NV")


class ConditionalMixin(AssemblerCore):
    """csel, csinc, csinv, csneg, cset, csetm, cinc, cinv, cneg, ccmp, ccmn."""

    # -- conditional select ------------------------------------------------------------

    def csel(self, rd: GPRegister, rn: GPRegister, rm: GPRegister, cond: Cond) -> None:
        """``csel rd, rn, rm, cond``: rd = cond ? rn : rm."""
        sf = checks.gp_sf("csel", _DNM, rd, rn, rm)
        c = cond.code if type(cond) is Cond else checks.cond("csel", "condition", cond)
        self._put(enc.condsel("csel", sf, 0, 0, rd.code, rn.code, rm.code, c))

    def csinc(self, rd: GPRegister, rn: GPRegister, rm: GPRegister, cond: Cond) -> None:
        """``csinc rd, rn, rm, cond``: rd = cond ? rn : rm + 1."""
        sf = checks.gp_sf("csinc", _DNM, rd, rn, rm)
        c = cond.code if type(cond) is Cond else checks.cond("csinc", "condition", cond)
        self._put(enc.condsel("csinc", sf, 0, 1, rd.code, rn.code, rm.code, c))

    def csinv(self, rd: GPRegister, rn: GPRegister, rm: GPRegister, cond: Cond) -> None:
        """``csinv rd, rn, rm, cond``: rd = cond ? rn : ~rm."""
        sf = checks.gp_sf("csinv", _DNM, rd, rn, rm)
        c = cond.code if type(cond) is Cond else checks.cond("csinv", "condition", cond)
        self._put(enc.condsel("csinv", sf, 1, 0, rd.code, rn.code, rm.code, c))

    def csneg(self, rd: GPRegister, rn: GPRegister, rm: GPRegister, cond: Cond) -> None:
        """``csneg rd, rn, rm, cond``: rd = cond ? rn : -rm."""
        sf = checks.gp_sf("csneg", _DNM, rd, rn, rm)
        c = cond.code if type(cond) is Cond else checks.cond("csneg", "condition", cond)
        self._put(enc.condsel("csneg", sf, 1, 1, rd.code, rn.code, rm.code, c))

    # -- aliases with the inverted condition (AL/NV refused) ---------------------------

    def cset(self, rd: GPRegister, cond: Cond) -> None:
        """``cset rd, cond`` = ``csinc rd, zr, zr, !cond``: rd = cond ? 1 : 0."""
        sf = checks.gp("cset", "destination", rd).size >> 6
        self._put(enc.condsel("cset", sf, 0, 1, rd.code, 31, 31, _inverted("cset", cond)))

    def csetm(self, rd: GPRegister, cond: Cond) -> None:
        """``csetm rd, cond`` = ``csinv rd, zr, zr, !cond``: rd = cond ? -1 : 0."""
        sf = checks.gp("csetm", "destination", rd).size >> 6
        self._put(enc.condsel("csetm", sf, 1, 0, rd.code, 31, 31, _inverted("csetm", cond)))

    def cinc(self, rd: GPRegister, rn: GPRegister, cond: Cond) -> None:
        """``cinc rd, rn, cond`` = ``csinc rd, rn, rn, !cond``: rd = cond ? rn + 1 : rn."""
        sf = checks.gp_sf("cinc", _DN, rd, rn)
        self._put(enc.condsel("cinc", sf, 0, 1, rd.code, rn.code, rn.code,
                              _inverted("cinc", cond)))

    def cinv(self, rd: GPRegister, rn: GPRegister, cond: Cond) -> None:
        """``cinv rd, rn, cond`` = ``csinv rd, rn, rn, !cond``: rd = cond ? ~rn : rn."""
        sf = checks.gp_sf("cinv", _DN, rd, rn)
        self._put(enc.condsel("cinv", sf, 1, 0, rd.code, rn.code, rn.code,
                              _inverted("cinv", cond)))

    def cneg(self, rd: GPRegister, rn: GPRegister, cond: Cond) -> None:
        """``cneg rd, rn, cond`` = ``csneg rd, rn, rn, !cond``: rd = cond ? -rn : rn."""
        sf = checks.gp_sf("cneg", _DN, rd, rn)
        self._put(enc.condsel("cneg", sf, 1, 1, rd.code, rn.code, rn.code,
                              _inverted("cneg", cond)))

    # -- conditional compare -----------------------------------------------------------

    def ccmp(self, rn: GPRegister, op2: GPRegister | int, nzcv: int, cond: Cond) -> None:
        """``ccmp rn, rm|#imm5, #nzcv, cond``: flags = cond ? cmp(rn, op2) : nzcv."""
        self._condcmp("ccmp", 1, rn, op2, nzcv, cond)

    def ccmn(self, rn: GPRegister, op2: GPRegister | int, nzcv: int, cond: Cond) -> None:
        """``ccmn rn, rm|#imm5, #nzcv, cond``: flags = cond ? cmn(rn, op2) : nzcv."""
        self._condcmp("ccmn", 0, rn, op2, nzcv, cond)

    def _condcmp(self, insn: str, op: int, rn: GPRegister, op2: GPRegister | int, nzcv: int,
                 cond: Cond) -> None:
        if type(op2) is int:
            sf = checks.gp_sf(insn, _NM, rn, rn)
            n, m, is_imm = rn.code, op2, 1
            if not 0 <= op2 <= 31:
                raise bad_value(insn, "immediate", op2, "0..31")
        elif type(op2) is GPRegister:
            sf = checks.gp_sf(insn, _NM, rn, op2)
            n, m, is_imm = rn.code, op2.code, 0
        else:
            raise bad_operand(insn, "second operand", op2,
                              "a general-purpose register or an integer 0..31")
        if type(nzcv) is not int or not 0 <= nzcv <= 15:
            checks.imm(insn, "nzcv", nzcv)
            raise bad_value(insn, "nzcv", nzcv, "0..15")
        c = cond.code if type(cond) is Cond else checks.cond(insn, "condition", cond)
        self._put(enc.condcmp(insn, sf, op, is_imm, n, m, c, nzcv))
