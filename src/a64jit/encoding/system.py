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
from functools import cache
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


#: PSTATE fields whose ``msr <field>, #imm`` takes only 0 or 1 (the others take 0..15).
_ONE_BIT_PSTATE: Final = frozenset({"pan", "uao", "dit", "ssbs"})


def pstate_field(name: str) -> tuple[int, int, int] | None:
    """``msr <field>, #imm``: (op1, op2, largest immediate) of a PSTATE field name (any
    case), or None."""
    from .sysregs import PSTATE  # generated tables load on first use, not at import

    low = name.lower()
    field = PSTATE.get(low)
    if field is None:
        return None
    return field[0], field[1], 1 if low in _ONE_BIT_PSTATE else 15


def pstate_names() -> list[str]:
    """Every PSTATE field name ``msr <field>, #imm`` knows."""
    from .sysregs import PSTATE

    return list(PSTATE)


def sys_op(mnemonic: str) -> dict[str, tuple[int, int, int, int, bool]]:
    """The named operations of a SYS alias (dc, ic, tlbi, at, cfp, dvp, cpp, brb):
    name -> (op1, CRn, CRm, op2, takes a register), from llvm-mc 14 (tools/gen_sysregs.py)."""
    from .sysregs import SYS_OPS

    return SYS_OPS[mnemonic]


@cache  # compiled on first use, not at import (about 1M instructions)
def _generic() -> re.Pattern[str]:
    return re.compile(r"s([0-3])_([0-7])_c(1[0-5]|[0-9])_c(1[0-5]|[0-9])_([0-7])\Z")


def sysreg(insn: str, name: object) -> SysReg:
    """Look up a system register by name, upper or lower case (every name llvm-mc 14
    knows, see tools/gen_sysregs.py), or the generic ``s<op0>_<op1>_c<n>_c<m>_<op2>``
    spelling (readable and writable)."""
    if type(name) is str:
        from .sysregs import READ, SYSREGS, WRITE

        low = name.lower()
        packed = SYSREGS.get(low)
        if packed is not None:
            return SysReg(packed >> 14 & 3, packed >> 11 & 7, packed >> 7 & 15, packed >> 3 & 15,
                          packed & 7, bool(packed & READ), bool(packed & WRITE))
        m = _generic().match(low)
        if m:
            op0, op1, crn, crm, op2 = map(int, m.groups())
            return SysReg(op0, op1, crn, crm, op2)
    raise bad_value(insn, "system register", name,
                    "a known name (nzcv, fpcr, fpsr, tpidr_el0, ctr_el0, cntvct_el0, ...) or "
                    "s<op0>_<op1>_c<n>_c<m>_<op2> with op0 0-3, op1 0-7, n/m 0-15, op2 0-7")
