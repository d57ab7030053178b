"""System instructions: hints (nop, yield, wfe, ... and the PAC/BTI hints), exception
generation (brk, udf, svc, hvc, smc, hlt, dcps1-3), barriers (dmb, dsb, isb, clrex,
ssbb, pssbb), system register moves (mrs, msr) and cache maintenance (dc, ic).

Operand names (barrier options, system registers, PSTATE fields, dc/ic operations)
are strings, upper or lower case: ``a.dmb("ish")``, ``a.mrs(x0, "tpidr_el0")``,
``a.msr("S3_3_C4_C2_0", x1)``, ``a.dc("zva", x0)``. An int option is the raw
4-bit field, as in ``dmb #11``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from ..encoding import system as enc
from ..errors import bad_operand, bad_value
from ..operands import GPRegister
from . import checks
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


class SystemMixin(AssemblerCore):
    """nop, yield_, wfe, wfi, sev, sevl, hint, the PAC/BTI/other hint aliases, brk, udf,
    svc, hvc, smc, hlt, dcps1-3, dmb, dsb, isb, clrex, ssbb, pssbb, mrs, msr, dc, ic."""

    # -- hints (the no-operand aliases are generated below the class) -----------------

    if TYPE_CHECKING:
        def nop(self) -> None: ...
        def yield_(self) -> None: ...
        def wfe(self) -> None: ...
        def wfi(self) -> None: ...
        def sev(self) -> None: ...
        def sevl(self) -> None: ...
        def dgh(self) -> None: ...
        def xpaclri(self) -> None: ...
        def pacia1716(self) -> None: ...
        def pacib1716(self) -> None: ...
        def autia1716(self) -> None: ...
        def autib1716(self) -> None: ...
        def esb(self) -> None: ...
        def csdb(self) -> None: ...
        def paciaz(self) -> None: ...
        def paciasp(self) -> None: ...
        def pacibz(self) -> None: ...
        def pacibsp(self) -> None: ...
        def autiaz(self) -> None: ...
        def autiasp(self) -> None: ...
        def autibz(self) -> None: ...
        def autibsp(self) -> None: ...

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
        the PSTATE fields spsel, daifset, daifclr, pan and uao."""
        if type(rt) is int:
            if type(sysreg) is str:
                field = enc.PSTATE_FIELDS.get(sysreg.lower())
                if field is not None:
                    op1, op2, top = field
                    if not 0 <= rt <= top:
                        raise bad_value("msr", "immediate", rt, f"0..{top}")
                    self._put(enc.pstate("msr", op1, rt, op2))
                    return
            raise bad_value("msr", "PSTATE field", sysreg, ", ".join(enc.PSTATE_FIELDS))
        t = _xreg("msr", "source", rt)
        reg = _sysreg("msr", sysreg)
        if not reg.write:
            raise bad_value("msr", "system register", sysreg, "a writable system register")
        self._put(enc.sysmove("msr", 0, reg.op0, reg.op1, reg.crn, reg.crm, reg.op2, t))

    # -- cache maintenance ----------------------------------------------------------------

    def dc(self, op: str, rt: GPRegister) -> None:
        """``dc <op>, xt``: data cache operation (zva, cvac, cvau, cvap, civac, ivac, isw,
        csw, cisw) on the address (or set/way) in xt."""
        if type(op) is not str or op.lower() not in enc.DC_OPS:
            raise bad_value("dc", "operation", op, ", ".join(enc.DC_OPS))
        op1, crm, op2 = enc.DC_OPS[op.lower()]
        self._put(enc.sysmove("dc", 0, 1, op1, 7, crm, op2, _xreg("dc", "register", rt)))

    def ic(self, op: str, rt: GPRegister | None = None) -> None:
        """``ic ivau, xt`` | ``ic iallu`` | ``ic ialluis``: instruction cache operation."""
        if type(op) is not str or op.lower() not in enc.IC_OPS:
            raise bad_value("ic", "operation", op, ", ".join(enc.IC_OPS))
        op1, crm, op2, takes_reg = enc.IC_OPS[op.lower()]
        if takes_reg and rt is None:
            raise bad_operand("ic", "register", rt, f"an x register: ic {op} takes an address")
        if not takes_reg and rt is not None:
            raise bad_operand("ic", "register", rt, f"nothing: ic {op} takes no register")
        t = 31 if rt is None else _xreg("ic", "register", rt)
        self._put(enc.sysmove("ic", 0, 1, op1, 7, crm, op2, t))


def _sysreg(insn: str, name: object) -> enc.SysReg:
    if type(name) is not str:
        raise bad_operand(insn, "system register", name,
                          "a system register name such as 'nzcv' or 's3_3_c4_c2_0'")
    return enc.sysreg(insn, name)


def _make_hint(name: str, imm: int) -> Callable[[SystemMixin], None]:
    word = enc.hint(name, imm)

    def method(self: SystemMixin) -> None:
        self._put(word)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"``{name}`` = ``hint #{imm}``."
    return method


for _name_, _imm in enc.HINTS.items():
    _attr = _name_ + "_" if _name_ == "yield" else _name_
    setattr(SystemMixin, _attr, _make_hint(_name_, _imm))
del _name_, _imm, _attr
