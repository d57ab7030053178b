"""Conditional select (csel, csinc, csinv, csneg), their aliases (cset, csetm, cinc,
cinv, cneg) and conditional compare (ccmp, ccmn, register and immediate).

Every mnemonic is one row of the table ``CONDITIONAL`` (see table.py); row fields are
the encoding's ``op`` and ``o2`` bits."""

from __future__ import annotations

from ..encoding import condsel as enc
from ..errors import bad_operand, bad_value
from ..operands import Cond, GPRegister
from . import checks, table
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


CONDITIONAL = table.Table("conditional", "conditional select and conditional compare")


@CONDITIONAL.form("{name} rd, rn, rm, cond")
def _select(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
            rm: GPRegister, cond: Cond) -> None:
    insn = spec.name
    sf = checks.gp_sf(insn, _DNM, rd, rn, rm)
    c = cond.code if type(cond) is Cond else checks.cond(insn, "condition", cond)
    self._put(enc.condsel(insn, sf, spec["op"], spec["o2"], rd.code, rn.code, rm.code, c))


@CONDITIONAL.form("{name} rd, cond")
def _set(self: AssemblerCore, spec: table.Spec, rd: GPRegister, cond: Cond) -> None:
    insn = spec.name
    sf = checks.gp(insn, "destination", rd).size >> 6
    self._put(enc.condsel(insn, sf, spec["op"], spec["o2"], rd.code, 31, 31,
                          _inverted(insn, cond)))


@CONDITIONAL.form("{name} rd, rn, cond")
def _same(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
          cond: Cond) -> None:
    insn = spec.name
    sf = checks.gp_sf(insn, _DN, rd, rn)
    self._put(enc.condsel(insn, sf, spec["op"], spec["o2"], rd.code, rn.code, rn.code,
                          _inverted(insn, cond)))


@CONDITIONAL.form("{name} rn, rm|#imm5, #nzcv, cond")
def _condcmp(self: AssemblerCore, spec: table.Spec, rn: GPRegister, op2: GPRegister | int,
             nzcv: int, cond: Cond) -> None:
    insn = spec.name
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
    self._put(enc.condcmp(insn, sf, spec["op"], is_imm, n, m, c, nzcv))


class ConditionalMixin(AssemblerCore):
    """csel, csinc, csinv, csneg, cset, csetm, cinc, cinv, cneg, ccmp, ccmn."""

    # -- conditional select ------------------------------------------------------------
    csel = _select("csel", "rd = cond ? rn : rm", op=0, o2=0)
    csinc = _select("csinc", "rd = cond ? rn : rm + 1", op=0, o2=1)
    csinv = _select("csinv", "rd = cond ? rn : ~rm", op=1, o2=0)
    csneg = _select("csneg", "rd = cond ? rn : -rm", op=1, o2=1)

    # -- aliases with the inverted condition (AL/NV refused) ---------------------------
    cset = _set("cset", "= ``csinc rd, zr, zr, !cond``: rd = cond ? 1 : 0", op=0, o2=1)
    csetm = _set("csetm", "= ``csinv rd, zr, zr, !cond``: rd = cond ? -1 : 0", op=1, o2=0)
    cinc = _same("cinc", "= ``csinc rd, rn, rn, !cond``: rd = cond ? rn + 1 : rn", op=0, o2=1)
    cinv = _same("cinv", "= ``csinv rd, rn, rn, !cond``: rd = cond ? ~rn : rn", op=1, o2=0)
    cneg = _same("cneg", "= ``csneg rd, rn, rn, !cond``: rd = cond ? -rn : rn", op=1, o2=1)

    # -- conditional compare -----------------------------------------------------------
    ccmp = _condcmp("ccmp", "flags = cond ? cmp(rn, op2) : nzcv", op=1)
    ccmn = _condcmp("ccmn", "flags = cond ? cmn(rn, op2) : nzcv", op=0)
