"""System instructions: hints (nop, yield, wfe, ... and the PAC/BTI hints, psb/tsb csync),
exception generation (brk, udf, svc, hvc, smc, hlt, dcps1-3), exception return (eret,
drps), barriers (dmb, dsb, isb, clrex, ssbb, pssbb, sb), system register moves (mrs,
msr; every register name llvm-mc 14 knows, from a generated table) and the sys/sysl
instructions with their named aliases (dc, ic, tlbi, at, cfp, dvp, cpp, brb).

Operand names (barrier options, system registers, PSTATE fields, dc/ic operations)
are strings, upper or lower case: ``a.dmb("ish")``, ``a.mrs(x0, "tpidr_el0")``,
``a.msr("S3_3_C4_C2_0", x1)``, ``a.dc("zva", x0)``. An int option is the raw
4-bit field, as in ``dmb #11``.
"""

from __future__ import annotations

from typing import Final

from ..encoding import baseext
from ..encoding import system as enc
from ..errors import bad_operand, bad_value
from ..operands import GPRegister
from . import checks, table
from .core import AssemblerCore

_X_OR_XZR: Final = "a 64-bit general-purpose register (x0-x30, xzr)"
_BARRIERS: Final = ", ".join(enc.BARRIER_OPTIONS)


def _xreg(insn: str, operand: str, reg: object) -> int:
    if type(reg) is GPRegister and reg.size == 64 and not reg.is_sp:
        return reg.code
    raise bad_operand(insn, operand, reg, _X_OR_XZR)


def _name(insn: str, operand: str, value: object, table: dict[str, int]) -> int:
    """A table lookup by name, upper or lower case."""
    if type(value) is str:
        code = table.get(value)
        if code is None:
            code = table.get(value.lower())
        if code is not None:
            return code
        raise bad_value(insn, operand, value, ", ".join(table))
    raise bad_operand(insn, operand, value, f"a name ({', '.join(table)})")


def _barrier_option(insn: str, option: object) -> int:
    if type(option) is int:
        return option  # the raw CRm field, range-checked by the encoder
    if type(option) is str:
        return _name(insn, "option", option, enc.BARRIER_OPTIONS)
    raise bad_operand(insn, "option", option, f"a barrier option ({_BARRIERS}) or an int 0..15")


SYSTEM: Final = table.Table("system", "hints, barriers, exceptions and system instructions")


# -- hints ------------------------------------------------------------------------------

@SYSTEM.form("{name}")
def _hint_alias(self: AssemblerCore, spec: table.Spec) -> None:
    self._put(enc.hint(spec.name, spec.fields["imm"]))


@SYSTEM.form("{name} #imm")
def _hint(self: AssemblerCore, spec: table.Spec, imm: int) -> None:
    self._put(enc.hint(spec.name, checks.imm(spec.name, "immediate", imm)))


@SYSTEM.form("{name} {{c|j|jc}}")
def _bti(self: AssemblerCore, spec: table.Spec, target: str = "") -> None:
    self._put(enc.hint(spec.name, _name(spec.name, "target", target, enc.BTI_TARGETS)))


@SYSTEM.form("{name} csync")
def _csync_hint(self: AssemblerCore, spec: table.Spec, op: str) -> None:
    _csync(spec.name, op)
    self._put(enc.hint(spec.name, spec.fields["imm"]))


# -- exception generation and return ----------------------------------------------------

@SYSTEM.form("{name} #imm")
def _exception(self: AssemblerCore, spec: table.Spec, imm: int) -> None:
    insn = spec.name
    self._put(enc.exception(insn, spec.fields["opc"], checks.imm(insn, "immediate", imm),
                            spec.fields["ll"]))


@SYSTEM.form("{name} {{#imm}}")
def _dcps(self: AssemblerCore, spec: table.Spec, imm: int = 0) -> None:
    insn = spec.name
    self._put(enc.exception(insn, 5, checks.imm(insn, "immediate", imm), spec.fields["ll"]))


@SYSTEM.form("{name} #imm")
def _udf(self: AssemblerCore, spec: table.Spec, imm: int) -> None:
    self._put(enc.udf(spec.name, checks.imm(spec.name, "immediate", imm)))


@SYSTEM.form("{name}")
def _eret(self: AssemblerCore, spec: table.Spec) -> None:
    # The branch-register class with Rn = 31: ERET opc 0100, DRPS opc 0101.
    self._put(baseext.branch_reg(spec.name, spec.fields["opc"], 0, 31, 0))


# -- barriers ---------------------------------------------------------------------------

@SYSTEM.form("{name} <option>")
def _barrier(self: AssemblerCore, spec: table.Spec, option: str | int) -> None:
    self._put(enc.barrier(spec.name, spec.fields["op2"], _barrier_option(spec.name, option)))


@SYSTEM.form("{name} {{sy | #imm}}")
def _isb(self: AssemblerCore, spec: table.Spec, option: str | int = "sy") -> None:
    insn = spec.name
    if type(option) is str:
        if option.lower() != "sy":
            raise bad_value(insn, "option", option, "sy or an int 0..15")
        option = 15
    self._put(enc.barrier(insn, 6, checks.imm(insn, "option", option)))


@SYSTEM.form("{name} {{#imm}}")
def _clrex(self: AssemblerCore, spec: table.Spec, imm: int = 15) -> None:
    self._put(enc.barrier(spec.name, 2, checks.imm(spec.name, "immediate", imm)))


@SYSTEM.form("{name}")
def _barrier_alias(self: AssemblerCore, spec: table.Spec) -> None:
    self._put(enc.barrier(spec.name, spec.fields["op2"], spec.fields["crm"]))


# -- system registers -------------------------------------------------------------------

@SYSTEM.form("{name} xt, <sysreg>")
def _mrs(self: AssemblerCore, spec: table.Spec, rt: GPRegister, sysreg: str) -> None:
    insn = spec.name
    t = _xreg(insn, "destination", rt)
    reg = _sysreg(insn, sysreg)
    if not reg.read:
        raise bad_value(insn, "system register", sysreg, "a readable system register")
    self._put(enc.sysmove(insn, 1, reg.op0, reg.op1, reg.crn, reg.crm, reg.op2, t))


@SYSTEM.form("{name} <sysreg>, xt | {name} <pstate>, #imm")
def _msr(self: AssemblerCore, spec: table.Spec, sysreg: str, rt: GPRegister | int) -> None:
    insn = spec.name
    if type(rt) is int:
        if type(sysreg) is str:
            field = enc.pstate_field(sysreg)
            if field is not None:
                op1, op2, top = field
                if not 0 <= rt <= top:
                    raise bad_value(insn, "immediate", rt, f"0..{top}")
                self._put(enc.pstate(insn, op1, rt, op2))
                return
        raise bad_value(insn, "PSTATE field", sysreg, ", ".join(enc.pstate_names()))
    t = _xreg(insn, "source", rt)
    reg = _sysreg(insn, sysreg)
    if not reg.write:
        raise bad_value(insn, "system register", sysreg, "a writable system register")
    self._put(enc.sysmove(insn, 0, reg.op0, reg.op1, reg.crn, reg.crm, reg.op2, t))


# -- sys, sysl and their named aliases --------------------------------------------------

@SYSTEM.form("{name} <op>, xt")
def _sys_op(self: AssemblerCore, spec: table.Spec, op: str, rt: GPRegister) -> None:
    self._put(_sys_alias(spec.name, op, rt))


@SYSTEM.form("{name} <op>{{, xt}}")
def _sys_op_opt(self: AssemblerCore, spec: table.Spec, op: str,
                rt: GPRegister | None = None) -> None:
    self._put(_sys_alias(spec.name, op, rt))


@SYSTEM.form("{name} <op>")
def _sys_op_bare(self: AssemblerCore, spec: table.Spec, op: str) -> None:
    self._put(_sys_alias(spec.name, op, None))


@SYSTEM.form("{name} #op1, Cn, Cm, #op2{{, xt}}")
def _sys(self: AssemblerCore, spec: table.Spec, op1: int, crn: int | str, crm: int | str,
         op2: int, rt: GPRegister | None = None) -> None:
    insn = spec.name
    t = 31 if rt is None else _xreg(insn, "register", rt)
    self._put(enc.sysmove(insn, 0, 1, checks.imm(insn, "op1", op1), _cr(insn, "Cn", crn),
                          _cr(insn, "Cm", crm), checks.imm(insn, "op2", op2), t))


@SYSTEM.form("{name} xt, #op1, Cn, Cm, #op2")
def _sysl(self: AssemblerCore, spec: table.Spec, rt: GPRegister, op1: int, crn: int | str,
          crm: int | str, op2: int) -> None:
    insn = spec.name
    t = _xreg(insn, "destination", rt)
    self._put(enc.sysmove(insn, 1, 1, checks.imm(insn, "op1", op1), _cr(insn, "Cn", crn),
                          _cr(insn, "Cm", crm), checks.imm(insn, "op2", op2), t))


class SystemMixin(AssemblerCore):
    """nop, yield_, wfe, wfi, sev, sevl, hint, the PAC/BTI/other hint aliases, psb, tsb,
    brk, udf, svc, hvc, smc, hlt, dcps1-3, eret, drps, dmb, dsb, isb, clrex, ssbb, pssbb,
    sb, mrs, msr, sys, sysl, dc, ic, tlbi, at, cfp, dvp, cpp, brb: one row each of the
    SYSTEM table."""

    # -- hints --------------------------------------------------------------------------

    nop = _hint_alias("nop", "hint #0", imm=0)
    yield_ = _hint_alias("yield", "hint #1", method="yield_", imm=1)
    wfe = _hint_alias("wfe", "hint #2", imm=2)
    wfi = _hint_alias("wfi", "hint #3", imm=3)
    sev = _hint_alias("sev", "hint #4", imm=4)
    sevl = _hint_alias("sevl", "hint #5", imm=5)
    dgh = _hint_alias("dgh", "hint #6", imm=6)
    xpaclri = _hint_alias("xpaclri", "hint #7", imm=7)
    pacia1716 = _hint_alias("pacia1716", "hint #8", imm=8)
    pacib1716 = _hint_alias("pacib1716", "hint #10", imm=10)
    autia1716 = _hint_alias("autia1716", "hint #12", imm=12)
    autib1716 = _hint_alias("autib1716", "hint #14", imm=14)
    esb = _hint_alias("esb", "hint #16", imm=16)
    csdb = _hint_alias("csdb", "hint #20", imm=20)
    paciaz = _hint_alias("paciaz", "hint #24", imm=24)
    paciasp = _hint_alias("paciasp", "hint #25", imm=25)
    pacibz = _hint_alias("pacibz", "hint #26", imm=26)
    pacibsp = _hint_alias("pacibsp", "hint #27", imm=27)
    autiaz = _hint_alias("autiaz", "hint #28", imm=28)
    autiasp = _hint_alias("autiasp", "hint #29", imm=29)
    autibz = _hint_alias("autibz", "hint #30", imm=30)
    autibsp = _hint_alias("autibsp", "hint #31", imm=31)
    hint = _hint("hint", "a hint instruction by number (0..127)")
    bti = _bti("bti", "branch target identification landing pad")
    psb = _csync_hint("psb", "hint #17: profiling synchronization barrier", imm=17)
    tsb = _csync_hint("tsb", "hint #18: trace synchronization barrier", imm=18)

    # -- exception generation and return ------------------------------------------------

    brk = _exception("brk", "breakpoint (imm 0..65535)", opc=1, ll=0)
    svc = _exception("svc", "supervisor call (imm 0..65535)", opc=0, ll=1)
    hvc = _exception("hvc", "hypervisor call (imm 0..65535)", opc=0, ll=2)
    smc = _exception("smc", "secure monitor call (imm 0..65535)", opc=0, ll=3)
    hlt = _exception("hlt", "halt, for an external debugger (imm 0..65535)", opc=2, ll=0)
    dcps1 = _dcps("dcps1", "debug change PE state to EL1", ll=1)
    dcps2 = _dcps("dcps2", "debug change PE state to EL2", ll=2)
    dcps3 = _dcps("dcps3", "debug change PE state to EL3", ll=3)
    udf = _udf("udf", "permanently undefined: always traps (imm 0..65535)")
    eret = _eret("eret", "exception return (to elr_eln, restoring spsr_eln)", opc=4)
    drps = _eret("drps", "debug restore process state", opc=5)

    # -- barriers -----------------------------------------------------------------------

    dmb = _barrier("dmb", "data memory barrier (sy, st, ld, ish, ishst, ishld, nsh, ..., "
                   "osh, oshst, oshld, or the raw 4-bit option as an int)", op2=5)
    dsb = _barrier("dsb", "data synchronization barrier (options as for dmb)", op2=4)
    isb = _isb("isb", "instruction synchronization barrier")
    clrex = _clrex("clrex", "clear the local exclusive monitor")
    ssbb = _barrier_alias("ssbb", "dsb #0: speculative store bypass barrier", op2=4, crm=0)
    pssbb = _barrier_alias("pssbb", "dsb #4: physical speculative store bypass barrier",
                           op2=4, crm=4)
    sb = _barrier_alias("sb", "speculation barrier (ARMv8.5)", op2=7, crm=0)

    # -- system registers ---------------------------------------------------------------

    mrs = _mrs("mrs", "read a system register (a name such as 'nzcv' or 'tpidr_el0', or "
               "'s3_3_c4_c2_0')")
    msr = _msr("msr", "write a system register; or a PSTATE field (spsel, daifset, daifclr, "
               "tco: 0..15; pan, uao, dit, ssbs: 0..1)")

    # -- sys and its aliases ------------------------------------------------------------

    sys = _sys("sys", "a system instruction by its fields (op1 and op2 0..7; Cn and Cm "
               "0..15, as ints or the names 'c0'..'c15')")
    sysl = _sysl("sysl", "a system instruction with a result")
    dc = _sys_op("dc", "data cache operation (zva, cvac, cvau, cvap, cvadp, civac, ivac, isw, "
                 "csw, cisw and the MTE tag forms gva, gzva, cgvac, ...) on the address "
                 "(or set/way) in xt")
    at = _sys_op("at", "address translate (s1e1r, s1e0w, s12e1r, s1e1rp, ...)")
    cfp = _sys_op("cfp", "cfp rctx, xt: control flow prediction restriction by context")
    dvp = _sys_op("dvp", "dvp rctx, xt: data value prediction restriction by context")
    cpp = _sys_op("cpp", "cpp rctx, xt: cache prefetch prediction restriction by context")
    ic = _sys_op_opt("ic", "ic ivau, xt | ic iallu | ic ialluis: instruction cache operation")
    tlbi = _sys_op_opt("tlbi", "TLB invalidate (vmalle1, vae1, aside1is, rvae1os, ...; every "
                       "operation llvm-mc 14 knows); the by-address and by-ASID forms take xt")
    brb = _sys_op_bare("brb", "brb iall | brb inj: branch record buffer operation")


def _csync(insn: str, op: object) -> None:
    if type(op) is str and op.lower() == "csync":
        return
    raise bad_value(insn, "operation", op, "csync")


def _cr(insn: str, operand: str, value: object) -> int:
    """A CRn/CRm field: an int 0..15 or the name c0..c15 (any case)."""
    if type(value) is int:
        if 0 <= value <= 15:
            return value
    elif type(value) is str:
        low = value.lower()
        if low[:1] == "c" and low[1:].isdigit() and str(int(low[1:])) == low[1:] \
                and int(low[1:]) <= 15:
            return int(low[1:])
    else:
        raise bad_operand(insn, operand, value, "c0..c15 or an int 0..15")
    raise bad_value(insn, operand, value, "c0..c15 or an int 0..15")


def _sys_alias(insn: str, op: object, rt: object) -> int:
    """dc, ic, tlbi, at, cfp, dvp, cpp, brb: a named ``sys`` operation and its register."""
    table = enc.sys_op(insn)
    fields = table.get(op.lower()) if type(op) is str else None
    if fields is None:
        raise bad_value(insn, "operation", op, ", ".join(table))
    op1, crn, crm, op2, takes_reg = fields
    if takes_reg and rt is None:
        raise bad_operand(insn, "register", rt, f"an x register: {insn} {op} takes one")
    if not takes_reg and rt is not None:
        raise bad_operand(insn, "register", rt, f"nothing: {insn} {op} takes no register")
    t = 31 if rt is None else _xreg(insn, "register", rt)
    return enc.sysmove(insn, 0, 1, op1, crn, crm, op2, t)


def _sysreg(insn: str, name: object) -> enc.SysReg:
    if type(name) is not str:
        raise bad_operand(insn, "system register", name,
                          "a system register name such as 'nzcv' or 's3_3_c4_c2_0'")
    return enc.sysreg(insn, name)
