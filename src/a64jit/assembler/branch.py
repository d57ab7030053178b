"""Branches (b, bl, b.cond, bc.cond, cbz, cbnz, tbz, tbnz, br, blr, ret) and
PC-relative addresses (adr, adrp).

A target is a :class:`~a64jit.assembler.core.Label` (bound or not: forward references
are backpatched when the label is bound) or an int byte offset from the instruction,
like LLVM's ``b #8``. Every reach is checked: b/bl +-128 MiB, b.cond/bc.cond/cbz/cbnz/adr
+-1 MiB, tbz/tbnz +-32 KiB, adrp +-4 GiB in 4 KiB pages.

Every mnemonic is one row of the table ``BRANCH`` (see table.py). Rows with a label
operand carry ``target``, the PC-relative field their target fills (the text
front-end reads it); the short-range branches (b.cond, bc.cond, cbz/cbnz, tbz/tbnz)
carry the MacroAssembler tag ``"short_branch"`` and ``inverse``, the mnemonic of the
branch taken exactly when they are not (None for the always-taken al/nv).
"""

from __future__ import annotations

from typing import Any, Final

from ..encoding import branch as enc
from ..encoding.pcrel import ADR, ADRP, BRANCH14, BRANCH19, BRANCH26
from ..errors import bad_operand, bad_value
from ..operands import COND_BY_CODE, Cond, GPRegister, x30
from . import checks, table
from .core import AssemblerCore, Target

_X_NOT_SP: Final = "a 64-bit general-purpose register (x0-x30, xzr)"
_GP_NOT_SP: Final = "a general-purpose register (x0-x30, xzr, w0-w30, wzr)"

#: b.cond and bc.cond words with a zero offset, and their mnemonics, by condition code.
_BCOND: Final = tuple(enc.cond_branch("b.cond", c) for c in range(16))
_BCOND_NAME: Final = tuple(f"b.{c.name}" for c in COND_BY_CODE)
_BCCOND: Final = tuple(enc.cond_branch("bc.cond", c, 1) for c in range(16))
_BCCOND_NAME: Final = tuple(f"bc.{c.name}" for c in COND_BY_CODE)


def _xreg(insn: str, operand: str, reg: object) -> int:
    """The number of a 64-bit register that is not sp (xzr allowed)."""
    if type(reg) is GPRegister and reg.size == 64 and not reg.is_sp:
        return reg.code
    raise bad_operand(insn, operand, reg, _X_NOT_SP)


BRANCH = table.Table("branch", "branches, compare/test and branch, PC-relative addresses")


@BRANCH.form("{name} target", position_dependent=True)
def _uncond(self: AssemblerCore, spec: table.Spec, target: Target) -> None:
    self._emit_pcrel(spec.fields["word"], target, BRANCH26, spec.name)


@BRANCH.form("{name} target", position_dependent=True, masm=("short_branch",),
             doc=lambda spec: "conditional branch, hinted consistent (FEAT_HBC), +-1 MiB"
             if spec.name.startswith("bc.") else "conditional branch, +-1 MiB")
def _cond(self: AssemblerCore, spec: table.Spec, target: Target) -> None:
    self._emit_pcrel(spec.fields["word"], target, BRANCH19, spec.name)


@BRANCH.form("{name} rt, target", position_dependent=True, masm=("short_branch",))
def _compare(self: AssemblerCore, spec: table.Spec, rt: GPRegister, target: Target) -> None:
    insn = spec.name
    if type(rt) is not GPRegister or rt.is_sp:
        raise bad_operand(insn, "register", rt, _GP_NOT_SP)
    self._emit_pcrel(enc.compare_branch(insn, rt.size >> 6, spec.fields["op"], rt.code),
                     target, BRANCH19, insn)


@BRANCH.form("{name} rt, #bit, target", position_dependent=True, masm=("short_branch",))
def _test(self: AssemblerCore, spec: table.Spec, rt: GPRegister, bit: int,
          target: Target) -> None:
    insn = spec.name
    if type(rt) is not GPRegister or rt.is_sp:
        raise bad_operand(insn, "register", rt, _GP_NOT_SP)
    if type(bit) is not int or not 0 <= bit < rt.size:
        checks.imm(insn, "bit number", bit)
        raise bad_value(insn, "bit number", bit,
                        f"0..{rt.size - 1} for a {rt.size}-bit register")
    self._emit_pcrel(enc.test_branch(insn, spec.fields["op"], bit, rt.code), target,
                     BRANCH14, insn)


@BRANCH.form("{name} rn")
def _register(self: AssemblerCore, spec: table.Spec, rn: GPRegister) -> None:
    insn = spec.name
    self._put(enc.branch_reg(insn, spec.fields["opc"], _xreg(insn, "register", rn)))


@BRANCH.form("{name} {{rn}}")
def _return(self: AssemblerCore, spec: table.Spec, rn: GPRegister = x30) -> None:
    insn = spec.name
    self._put(enc.branch_reg(insn, spec.fields["opc"], _xreg(insn, "register", rn)))


@BRANCH.form("{name} rd, target", position_dependent=True)
def _adr(self: AssemblerCore, spec: table.Spec, rd: GPRegister, target: Target) -> None:
    self._emit_pcrel(enc.pcrel_addr("adr", 0, _xreg("adr", "destination", rd)), target,
                     ADR, "adr")


@BRANCH.form("{name} rd, target", position_dependent=True)
def _adrp(self: AssemblerCore, spec: table.Spec, rd: GPRegister, target: Target) -> None:
    self._emit_adrp(enc.pcrel_addr("adrp", 1, _xreg("adrp", "destination", rd)), target,
                    "adrp")


#: b_cond and bc_cond: the condition an operand. Rows of their own table, kept out of
#: table.mnemonics() (``b.cond`` is no assembly mnemonic: the text front-end reads
#: ``b.eq``); the MacroAssembler builds its versions from the b.<cond> rows.
BRANCH_COND: Final = table.Table("branch_cond", "conditional branches, the condition an "
                                 "operand", register=False)


@BRANCH_COND.form("{name} cond, target", position_dependent=True)
def _cond_operand(self: AssemblerCore, spec: table.Spec, cond: Cond, target: Target) -> None:
    if type(cond) is not Cond:
        checks.cond(spec.name, "condition", cond)
    code = cond.code
    self._emit_pcrel(spec.fields["words"][code], target, BRANCH19, spec.fields["names"][code])


def _b(code: int, *aliases: str) -> dict[str, Any]:
    """The fields of the b.cond row of condition ``code``, LLVM's dotless spelling first."""
    name = COND_BY_CODE[code].name
    return {"aliases": (f"b{name}", *aliases), "cond": code, "word": _BCOND[code],
            "target": BRANCH19, "inverse": _BCOND_NAME[code ^ 1] if code < 14 else None}


def _bc(code: int, *aliases: str) -> dict[str, Any]:
    """The fields of the bc.cond row of condition ``code`` (LLVM 14 has no dotless bc)."""
    return {"aliases": aliases, "cond": code, "word": _BCCOND[code], "target": BRANCH19,
            "inverse": _BCCOND_NAME[code ^ 1] if code < 14 else None}


class BranchMixin(AssemblerCore):
    """b, bl, b.<cond> (b_eq ... b_nv, b_cs, b_cc; also LLVM's beq ... spellings),
    b_cond, bc.<cond> (bc_eq ... bc_nv, FEAT_HBC), bc_cond, cbz, cbnz, tbz, tbnz, br,
    blr, ret, adr, adrp."""

    # -- immediate branches --------------------------------------------------------------
    b = _uncond("b", "branch, +-128 MiB", word=enc.B, target=BRANCH26)
    bl = _uncond("bl", "branch with link (x30 = return address), +-128 MiB", word=enc.BL,
                 target=BRANCH26)

    # -- conditional branches: b.<cond>, with LLVM's dotless beq ... and cs/cc spellings
    b_eq = _cond("b.eq", method="b_eq", **_b(0))
    b_ne = _cond("b.ne", method="b_ne", **_b(1))
    b_hs = _cond("b.hs", method="b_hs", **_b(2, "b.cs", "bcs"))
    b_lo = _cond("b.lo", method="b_lo", **_b(3, "b.cc", "bcc"))
    b_mi = _cond("b.mi", method="b_mi", **_b(4))
    b_pl = _cond("b.pl", method="b_pl", **_b(5))
    b_vs = _cond("b.vs", method="b_vs", **_b(6))
    b_vc = _cond("b.vc", method="b_vc", **_b(7))
    b_hi = _cond("b.hi", method="b_hi", **_b(8))
    b_ls = _cond("b.ls", method="b_ls", **_b(9))
    b_ge = _cond("b.ge", method="b_ge", **_b(10))
    b_lt = _cond("b.lt", method="b_lt", **_b(11))
    b_gt = _cond("b.gt", method="b_gt", **_b(12))
    b_le = _cond("b.le", method="b_le", **_b(13))
    b_al = _cond("b.al", method="b_al", **_b(14))
    b_nv = _cond("b.nv", method="b_nv", **_b(15))
    beq, bne, bmi, bpl, bvs, bvc = b_eq, b_ne, b_mi, b_pl, b_vs, b_vc
    bhi, bls, bge, blt, bgt, ble, bal, bnv = b_hi, b_ls, b_ge, b_lt, b_gt, b_le, b_al, b_nv
    b_cs = bhs = bcs = b_hs
    b_cc = blo = bcc = b_lo

    b_cond = _cond_operand("b.cond", "conditional branch, +-1 MiB (the condition an operand: "
                           "``b_cond(EQ, label)`` is ``b.eq label``)", method="b_cond",
                           words=_BCOND, names=_BCOND_NAME, target=BRANCH19)

    # -- hinted conditional branches (FEAT_HBC): bc.<cond> -------------------------------
    bc_eq = _cond("bc.eq", method="bc_eq", **_bc(0))
    bc_ne = _cond("bc.ne", method="bc_ne", **_bc(1))
    bc_hs = _cond("bc.hs", method="bc_hs", **_bc(2, "bc.cs"))
    bc_lo = _cond("bc.lo", method="bc_lo", **_bc(3, "bc.cc"))
    bc_mi = _cond("bc.mi", method="bc_mi", **_bc(4))
    bc_pl = _cond("bc.pl", method="bc_pl", **_bc(5))
    bc_vs = _cond("bc.vs", method="bc_vs", **_bc(6))
    bc_vc = _cond("bc.vc", method="bc_vc", **_bc(7))
    bc_hi = _cond("bc.hi", method="bc_hi", **_bc(8))
    bc_ls = _cond("bc.ls", method="bc_ls", **_bc(9))
    bc_ge = _cond("bc.ge", method="bc_ge", **_bc(10))
    bc_lt = _cond("bc.lt", method="bc_lt", **_bc(11))
    bc_gt = _cond("bc.gt", method="bc_gt", **_bc(12))
    bc_le = _cond("bc.le", method="bc_le", **_bc(13))
    bc_al = _cond("bc.al", method="bc_al", **_bc(14))
    bc_nv = _cond("bc.nv", method="bc_nv", **_bc(15))
    bc_cs = bc_hs
    bc_cc = bc_lo

    bc_cond = _cond_operand("bc.cond", "hinted conditional branch (FEAT_HBC), +-1 MiB (the "
                            "condition an operand)", method="bc_cond", words=_BCCOND,
                            names=_BCCOND_NAME, target=BRANCH19)

    # -- compare and branch, test and branch ---------------------------------------------
    cbz = _compare("cbz", "branch if rt (x or w) is zero, +-1 MiB", op=0, target=BRANCH19,
                   inverse="cbnz")
    cbnz = _compare("cbnz", "branch if rt (x or w) is not zero, +-1 MiB", op=1,
                    target=BRANCH19, inverse="cbz")
    tbz = _test("tbz", "branch if bit ``bit`` of rt is zero, +-32 KiB. Bits 0..63 of an x "
                "register, 0..31 of a w register", op=0, target=BRANCH14, inverse="tbnz")
    tbnz = _test("tbnz", "branch if bit ``bit`` of rt is one, +-32 KiB", op=1,
                 target=BRANCH14, inverse="tbz")

    # -- register branches ---------------------------------------------------------------
    br = _register("br", "branch to the address in an x register", opc=enc.BR)
    blr = _register("blr", "call the address in an x register (x30 = return address)",
                    opc=enc.BLR)
    ret = _return("ret", "return to the address in rn (default x30)", opc=enc.RET)

    # -- PC-relative addresses -----------------------------------------------------------
    adr = _adr("adr", "rd = address of target, +-1 MiB, byte granular", target=ADR)
    adrp = _adrp("adrp", "rd = the 4 KiB page of target, +-4 GiB. A label target depends "
                 "on where the code runs, so it is resolved by ``finalize(address)``; an "
                 "int target is a byte offset between pages and must be a multiple of "
                 "4096 (as in LLVM's ``adrp x0, #4096``)", target=ADRP)


table.spellings(BranchMixin, BRANCH)
