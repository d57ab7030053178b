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


@SYSTEM.form("{name}")
def _hint_alias(self: AssemblerCore, spec: table.Spec) -> None:
    self._put(enc.hint(spec.name, spec["imm"]))


class SystemMixin(AssemblerCore):
    """nop, yield_, wfe, wfi, sev, sevl, hint, the PAC/BTI/other hint aliases, psb, tsb,
    brk, udf, svc, hvc, smc, hlt, dcps1-3, eret, drps, dmb, dsb, isb, clrex, ssbb, pssbb,
    sb, mrs, msr, sys, sysl, dc, ic, tlbi, at, cfp, dvp, cpp, brb."""

    # -- hints: the no-operand aliases are rows of the SYSTEM table -----------------------

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

    def hint(self, imm: int) -> None:
        """``hint #imm`` (0..127): a hint instruction by number."""
        self._put(enc.hint("hint", checks.imm("hint", "immediate", imm)))

    def bti(self, target: str = "") -> None:
        """``bti {c|j|jc}``: branch target identification landing pad."""
        self._put(enc.hint("bti", _name("bti", "target", target, enc.BTI_TARGETS)))

    # -- exception generation ---------------------------------------------------------

    def brk(self, imm: int) -> None:
        """``brk #imm`` (0..65535): breakpoint."""
        self._put(enc.exception("brk", 1, checks.imm("brk", "immediate", imm), 0))

    def udf(self, imm: int) -> None:
        """``udf #imm`` (0..65535): permanently undefined (always traps)."""
        self._put(enc.udf("udf", checks.imm("udf", "immediate", imm)))

    def svc(self, imm: int) -> None:
        """``svc #imm`` (0..65535): supervisor call."""
        self._put(enc.exception("svc", 0, checks.imm("svc", "immediate", imm), 1))

    def hvc(self, imm: int) -> None:
        """``hvc #imm`` (0..65535): hypervisor call."""
        self._put(enc.exception("hvc", 0, checks.imm("hvc", "immediate", imm), 2))

    def smc(self, imm: int) -> None:
        """``smc #imm`` (0..65535): secure monitor call."""
        self._put(enc.exception("smc", 0, checks.imm("smc", "immediate", imm), 3))

    def hlt(self, imm: int) -> None:
        """``hlt #imm`` (0..65535): halt (external debug)."""
        self._put(enc.exception("hlt", 2, checks.imm("hlt", "immediate", imm), 0))

    def dcps1(self, imm: int = 0) -> None:
        """``dcps1 {#imm}``: debug change PE state to EL1."""
        self._put(enc.exception("dcps1", 5, checks.imm("dcps1", "immediate", imm), 1))

    def dcps2(self, imm: int = 0) -> None:
        """``dcps2 {#imm}``: debug change PE state to EL2."""
        self._put(enc.exception("dcps2", 5, checks.imm("dcps2", "immediate", imm), 2))

    def dcps3(self, imm: int = 0) -> None:
        """``dcps3 {#imm}``: debug change PE state to EL3."""
        self._put(enc.exception("dcps3", 5, checks.imm("dcps3", "immediate", imm), 3))

    # -- barriers -----------------------------------------------------------------------

    def dmb(self, option: str | int) -> None:
        """``dmb <option>``: data memory barrier (sy, st, ld, ish, ishst, ishld, nsh, ...,
        osh, oshst, oshld, or the raw 4-bit option as an int)."""
        self._put(enc.barrier("dmb", 5, _barrier_option("dmb", option)))

    def dsb(self, option: str | int) -> None:
        """``dsb <option>``: data synchronization barrier (options as for dmb)."""
        self._put(enc.barrier("dsb", 4, _barrier_option("dsb", option)))

    def isb(self, option: str | int = "sy") -> None:
        """``isb {sy | #imm}``: instruction synchronization barrier."""
        if type(option) is str:
            if option.lower() != "sy":
                raise bad_value("isb", "option", option, "sy or an int 0..15")
            option = 15
        self._put(enc.barrier("isb", 6, checks.imm("isb", "option", option)))

    def clrex(self, imm: int = 15) -> None:
        """``clrex {#imm}``: clear the local exclusive monitor."""
        self._put(enc.barrier("clrex", 2, checks.imm("clrex", "immediate", imm)))

    def ssbb(self) -> None:
        """``ssbb`` = ``dsb #0``: speculative store bypass barrier."""
        self._put(enc.barrier("ssbb", 4, 0))

    def pssbb(self) -> None:
        """``pssbb`` = ``dsb #4``: physical speculative store bypass barrier."""
        self._put(enc.barrier("pssbb", 4, 4))

    # -- system registers --------------------------------------------------------------

    def mrs(self, rt: GPRegister, sysreg: str) -> None:
        """``mrs xt, <sysreg>``: read a system register (a name such as ``"nzcv"`` or
        ``"tpidr_el0"``, or ``"s3_3_c4_c2_0"``)."""
        t = _xreg("mrs", "destination", rt)
        reg = _sysreg("mrs", sysreg)
        if not reg.read:
            raise bad_value("mrs", "system register", sysreg, "a readable system register")
        self._put(enc.sysmove("mrs", 1, reg.op0, reg.op1, reg.crn, reg.crm, reg.op2, t))

    def msr(self, sysreg: str, rt: GPRegister | int) -> None:
        """``msr <sysreg>, xt``: write a system register; or ``msr <pstate>, #imm`` for
        the PSTATE fields spsel, daifset, daifclr, tco (0..15), pan, uao, dit, ssbs (0..1)."""
        if type(rt) is int:
            if type(sysreg) is str:
                field = enc.pstate_field(sysreg)
                if field is not None:
                    op1, op2, top = field
                    if not 0 <= rt <= top:
                        raise bad_value("msr", "immediate", rt, f"0..{top}")
                    self._put(enc.pstate("msr", op1, rt, op2))
                    return
            raise bad_value("msr", "PSTATE field", sysreg, ", ".join(enc.pstate_names()))
        t = _xreg("msr", "source", rt)
        reg = _sysreg("msr", sysreg)
        if not reg.write:
            raise bad_value("msr", "system register", sysreg, "a writable system register")
        self._put(enc.sysmove("msr", 0, reg.op0, reg.op1, reg.crn, reg.crm, reg.op2, t))

    # -- cache maintenance ----------------------------------------------------------------

    def dc(self, op: str, rt: GPRegister) -> None:
        """``dc <op>, xt``: data cache operation (zva, cvac, cvau, cvap, cvadp, civac, ivac,
        isw, csw, cisw and the MTE tag forms gva, gzva, cgvac, ...) on the address (or
        set/way) in xt."""
        self._put(_sys_alias("dc", op, rt))

    def ic(self, op: str, rt: GPRegister | None = None) -> None:
        """``ic ivau, xt`` | ``ic iallu`` | ``ic ialluis``: instruction cache operation."""
        self._put(_sys_alias("ic", op, rt))

    def tlbi(self, op: str, rt: GPRegister | None = None) -> None:
        """``tlbi <op>{, xt}``: TLB invalidate (vmalle1, vae1, aside1is, rvae1os, ...; every
        operation llvm-mc 14 knows); the by-address and by-ASID forms take xt."""
        self._put(_sys_alias("tlbi", op, rt))

    def at(self, op: str, rt: GPRegister) -> None:
        """``at <op>, xt``: address translate (s1e1r, s1e0w, s12e1r, s1e1rp, ...)."""
        self._put(_sys_alias("at", op, rt))

    def cfp(self, op: str, rt: GPRegister) -> None:
        """``cfp rctx, xt``: control flow prediction restriction by context."""
        self._put(_sys_alias("cfp", op, rt))

    def dvp(self, op: str, rt: GPRegister) -> None:
        """``dvp rctx, xt``: data value prediction restriction by context."""
        self._put(_sys_alias("dvp", op, rt))

    def cpp(self, op: str, rt: GPRegister) -> None:
        """``cpp rctx, xt``: cache prefetch prediction restriction by context."""
        self._put(_sys_alias("cpp", op, rt))

    def brb(self, op: str) -> None:
        """``brb iall`` | ``brb inj``: branch record buffer operation."""
        self._put(_sys_alias("brb", op, None))

    def sys(self, op1: int, crn: int | str, crm: int | str, op2: int,
            rt: GPRegister | None = None) -> None:
        """``sys #op1, Cn, Cm, #op2{, xt}``: a system instruction by its fields (op1 and
        op2 0..7; Cn and Cm 0..15, as ints or the names ``"c0"``..``"c15"``)."""
        t = 31 if rt is None else _xreg("sys", "register", rt)
        self._put(enc.sysmove("sys", 0, 1, checks.imm("sys", "op1", op1), _cr("sys", "Cn", crn),
                              _cr("sys", "Cm", crm), checks.imm("sys", "op2", op2), t))

    def sysl(self, rt: GPRegister, op1: int, crn: int | str, crm: int | str,
             op2: int) -> None:
        """``sysl xt, #op1, Cn, Cm, #op2``: a system instruction with a result."""
        t = _xreg("sysl", "destination", rt)
        self._put(enc.sysmove("sysl", 1, 1, checks.imm("sysl", "op1", op1),
                              _cr("sysl", "Cn", crn), _cr("sysl", "Cm", crm),
                              checks.imm("sysl", "op2", op2), t))

    # -- speculation barriers and exception return ----------------------------------------

    def sb(self) -> None:
        """``sb``: speculation barrier (ARMv8.5)."""
        self._put(enc.barrier("sb", 7, 0))

    def psb(self, op: str) -> None:
        """``psb csync`` = ``hint #17``: profiling synchronization barrier."""
        _csync("psb", op)
        self._put(enc.hint("psb", 17))

    def tsb(self, op: str) -> None:
        """``tsb csync`` = ``hint #18``: trace synchronization barrier."""
        _csync("tsb", op)
        self._put(enc.hint("tsb", 18))

    def eret(self) -> None:
        """``eret``: exception return (to elr_eln, restoring spsr_eln)."""
        self._put(0xD69F03E0)

    def drps(self) -> None:
        """``drps``: debug restore process state."""
        self._put(0xD6BF03E0)


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
