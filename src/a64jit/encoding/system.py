"""Exception generation, hints, barriers and system register moves (ARM ARM C4.1.65:
"Exception generation", "Hints", "Barriers", "PSTATE", "System instructions",
"System register move"), plus the permanently undefined UDF.

Arguments are raw field values; every field is checked (a negative value shifts
right to -1, so one OR of shifted fields catches it too). The operand-name tables
(barrier options, hints, system registers, PSTATE fields, dc/ic operations) live
here too: one table each, used by the Python API and, through it, by the text
front-end.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from ..errors import bad_value
from .fields import uimm, urange


def exception(insn: str, opc: int, imm16: int, ll: int) -> int:
    """SVC/HVC/SMC (opc=0, LL=1/2/3), BRK (1, 0), HLT (2, 0), DCPS1-3 (5, 1-3):
    ``11010100 opc imm16 000 LL``."""
    if opc >> 3 | ll >> 2:
        urange(insn, "opc", opc, 0, 7)
        urange(insn, "LL", ll, 0, 3)
    return 0xD4000000 | opc << 21 | uimm(insn, "immediate", imm16, 16) << 5 | ll


def udf(insn: str, imm16: int) -> int:
    """UDF: ``0000000000000000 imm16`` (permanently undefined)."""
    return uimm(insn, "immediate", imm16, 16)


def hint(insn: str, imm7: int) -> int:
    """HINT and its aliases (nop, yield, ...): ``11010101000000110010 CRm:op2 11111``."""
    return 0xD503201F | uimm(insn, "immediate", imm7, 7) << 5


def barrier(insn: str, op2: int, crm: int) -> int:
    """CLREX (op2=2), DSB (4), DMB (5), ISB (6): ``11010101000000110011 CRm op2 11111``."""
    if op2 >> 3:
        urange(insn, "op2", op2, 0, 7)
    return 0xD503301F | uimm(insn, "option", crm, 4) << 8 | op2 << 5


def pstate(insn: str, op1: int, crm: int, op2: int) -> int:
    """MSR (immediate): ``1101010100000 op1 0100 CRm op2 11111``."""
    if op1 >> 3 | op2 >> 3:
        urange(insn, "op1", op1, 0, 7)
        urange(insn, "op2", op2, 0, 7)
    return 0xD500401F | op1 << 16 | uimm(insn, "immediate", crm, 4) << 8 | op2 << 5


def sysmove(insn: str, l: int, op0: int, op1: int, crn: int, crm: int, op2: int,
            rt: int) -> int:
    """MSR/MRS (register) and SYS/SYSL (dc, ic): ``1101010100 L op0 op1 CRn CRm op2 Rt``.
    MRS/MSR have op0 >= 2; SYS/SYSL (and so dc/ic) have op0 = 1."""
    if (l >> 1 | op0 >> 2 | (op1 | op2) >> 3 | (crn | crm) >> 4 | rt >> 5):
        for name, value, hi in (("L", l, 1), ("op0", op0, 3), ("op1", op1, 7),
                                ("CRn", crn, 15), ("CRm", crm, 15), ("op2", op2, 7),
                                ("register", rt, 31)):
            urange(insn, name, value, 0, hi)
    return (0xD5000000 | l << 21 | op0 << 19 | op1 << 16 | crn << 12 | crm << 8 | op2 << 5
            | rt)


# ---------------------------------------------------------------------------
# Operand-name tables
# ---------------------------------------------------------------------------

#: dmb/dsb options by name -> CRm (ARM ARM C6.2.79). isb takes only ``sy``.
BARRIER_OPTIONS: Final = {
    "oshld": 1, "oshst": 2, "osh": 3, "nshld": 5, "nshst": 6, "nsh": 7,
    "ishld": 9, "ishst": 10, "ish": 11, "ld": 13, "st": 14, "sy": 15,
}

#: Hint aliases without operands -> CRm:op2. All execute as NOP where not implemented.
HINTS: Final = {
    "nop": 0, "yield": 1, "wfe": 2, "wfi": 3, "sev": 4, "sevl": 5, "dgh": 6,
    "xpaclri": 7, "pacia1716": 8, "pacib1716": 10, "autia1716": 12, "autib1716": 14,
    "esb": 16, "csdb": 20, "paciaz": 24, "paciasp": 25, "pacibz": 26, "pacibsp": 27,
    "autiaz": 28, "autiasp": 29, "autibz": 30, "autibsp": 31,
}

#: bti's optional target operand -> CRm:op2 (hint #32 + 2 * index).
BTI_TARGETS: Final = {"": 32, "c": 34, "j": 36, "jc": 38}


class SysReg(NamedTuple):
    """A system register: its encoding and whether mrs may read / msr may write it."""

    op0: int
    op1: int
    crn: int
    crm: int
    op2: int
    read: bool = True
    write: bool = True


def _ro(op0: int, op1: int, crn: int, crm: int, op2: int) -> SysReg:
    return SysReg(op0, op1, crn, crm, op2, True, False)


#: System registers by lower-case name (ARM ARM D13), the ones a JIT or its runtime
#: meets; any other register is reachable with the generic ``s<op0>_<op1>_c<n>_c<m>_<op2>``.
SYSREGS: Final = {
    # EL0 state and thread pointers
    "nzcv": SysReg(3, 3, 4, 2, 0),
    "daif": SysReg(3, 3, 4, 2, 1),
    "fpcr": SysReg(3, 3, 4, 4, 0),
    "fpsr": SysReg(3, 3, 4, 4, 1),
    "tpidr_el0": SysReg(3, 3, 13, 0, 2),
    "tpidrro_el0": SysReg(3, 3, 13, 0, 3),
    # cache geometry and identification
    "ctr_el0": _ro(3, 3, 0, 0, 1),
    "dczid_el0": _ro(3, 3, 0, 0, 7),
    "ccsidr_el1": _ro(3, 1, 0, 0, 0),
    "clidr_el1": _ro(3, 1, 0, 0, 1),
    "csselr_el1": SysReg(3, 2, 0, 0, 0),
    "midr_el1": _ro(3, 0, 0, 0, 0),
    "mpidr_el1": _ro(3, 0, 0, 0, 5),
    "revidr_el1": _ro(3, 0, 0, 0, 6),
    "id_aa64pfr0_el1": _ro(3, 0, 0, 4, 0),
    "id_aa64pfr1_el1": _ro(3, 0, 0, 4, 1),
    "id_aa64dfr0_el1": _ro(3, 0, 0, 5, 0),
    "id_aa64isar0_el1": _ro(3, 0, 0, 6, 0),
    "id_aa64isar1_el1": _ro(3, 0, 0, 6, 1),
    "id_aa64mmfr0_el1": _ro(3, 0, 0, 7, 0),
    "id_aa64mmfr1_el1": _ro(3, 0, 0, 7, 1),
    "id_aa64mmfr2_el1": _ro(3, 0, 0, 7, 2),
    # generic timer
    "cntfrq_el0": SysReg(3, 3, 14, 0, 0),
    "cntpct_el0": _ro(3, 3, 14, 0, 1),
    "cntvct_el0": _ro(3, 3, 14, 0, 2),
    "cntp_tval_el0": SysReg(3, 3, 14, 2, 0),
    "cntp_ctl_el0": SysReg(3, 3, 14, 2, 1),
    "cntp_cval_el0": SysReg(3, 3, 14, 2, 2),
    "cntv_tval_el0": SysReg(3, 3, 14, 3, 0),
    "cntv_ctl_el0": SysReg(3, 3, 14, 3, 1),
    "cntv_cval_el0": SysReg(3, 3, 14, 3, 2),
    "cntkctl_el1": SysReg(3, 0, 14, 1, 0),
    # performance monitors
    "pmcr_el0": SysReg(3, 3, 9, 12, 0),
    "pmccntr_el0": SysReg(3, 3, 9, 13, 0),
    "pmuserenr_el0": SysReg(3, 3, 9, 14, 0),
    # EL1 state (kernels, hypervisors, bare-metal runtimes)
    "currentel": _ro(3, 0, 4, 2, 2),
    "spsel": SysReg(3, 0, 4, 2, 0),
    "pan": SysReg(3, 0, 4, 2, 3),
    "uao": SysReg(3, 0, 4, 2, 4),
    "sp_el0": SysReg(3, 0, 4, 1, 0),
    "spsr_el1": SysReg(3, 0, 4, 0, 0),
    "elr_el1": SysReg(3, 0, 4, 0, 1),
    "sctlr_el1": SysReg(3, 0, 1, 0, 0),
    "cpacr_el1": SysReg(3, 0, 1, 0, 2),
    "ttbr0_el1": SysReg(3, 0, 2, 0, 0),
    "ttbr1_el1": SysReg(3, 0, 2, 0, 1),
    "tcr_el1": SysReg(3, 0, 2, 0, 2),
    "esr_el1": SysReg(3, 0, 5, 2, 0),
    "far_el1": SysReg(3, 0, 6, 0, 0),
    "mair_el1": SysReg(3, 0, 10, 2, 0),
    "vbar_el1": SysReg(3, 0, 12, 0, 0),
    "contextidr_el1": SysReg(3, 0, 13, 0, 1),
    "tpidr_el1": SysReg(3, 0, 13, 0, 4),
}

#: PSTATE fields for ``msr <field>, #imm`` -> (op1, op2, largest immediate).
PSTATE_FIELDS: Final = {
    "spsel": (0, 5, 15), "daifset": (3, 6, 15), "daifclr": (3, 7, 15),
    "pan": (0, 4, 1), "uao": (0, 3, 1),
}

#: dc operations -> (op1, CRm, op2) of ``sys #op1, c7, CRm, #op2, Xt``.
DC_OPS: Final = {
    "zva": (3, 4, 1), "cvac": (3, 10, 1), "cvau": (3, 11, 1), "cvap": (3, 12, 1),
    "civac": (3, 14, 1), "ivac": (0, 6, 1), "isw": (0, 6, 2), "csw": (0, 10, 2),
    "cisw": (0, 14, 2),
}

#: ic operations -> (op1, CRm, op2, takes a register).
IC_OPS: Final = {
    "ialluis": (0, 1, 0, False), "iallu": (0, 5, 0, False), "ivau": (3, 5, 1, True),
}

_GENERIC: Final = re.compile(r"s([0-3])_([0-7])_c(1[0-5]|[0-9])_c(1[0-5]|[0-9])_([0-7])\Z")


def sysreg(insn: str, name: object) -> SysReg:
    """Look up a system register by name, upper or lower case, or the generic
    ``s<op0>_<op1>_c<n>_c<m>_<op2>`` spelling (readable and writable)."""
    if type(name) is str:
        reg = SYSREGS.get(name)
        if reg is not None:
            return reg
        low = name.lower()
        reg = SYSREGS.get(low)
        if reg is not None:
            return reg
        m = _GENERIC.match(low)
        if m:
            op0, op1, crn, crm, op2 = map(int, m.groups())
            return SysReg(op0, op1, crn, crm, op2)
    raise bad_value(insn, "system register", name,
                    "a known name (nzcv, fpcr, fpsr, tpidr_el0, ctr_el0, cntvct_el0, ...) or "
                    "s<op0>_<op1>_c<n>_c<m>_<op2> with op0 0-3, op1 0-7, n/m 0-15, op2 0-7")
