"""Branches (b, bl, b.cond, cbz, cbnz, tbz, tbnz, br, blr, ret) and PC-relative
addresses (adr, adrp).

A target is a :class:`~a64jit.assembler.core.Label` (bound or not: forward references
are backpatched when the label is bound) or an int byte offset from the instruction,
like LLVM's ``b #8``. Every reach is checked: b/bl +-128 MiB, b.cond/cbz/cbnz/adr
+-1 MiB, tbz/tbnz +-32 KiB, adrp +-4 GiB in 4 KiB pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from ..encoding import branch as enc
from ..encoding.pcrel import ADR, BRANCH14, BRANCH19, BRANCH26
from ..errors import bad_operand, bad_value
from ..operands import COND_BY_CODE, CONDITIONS, Cond, GPRegister, x30
from . import checks
from .core import AssemblerCore, Target
from .memo import position_dependent

_X_NOT_SP: Final = "a 64-bit general-purpose register (x0-x30, xzr)"
_GP_NOT_SP: Final = "a general-purpose register (x0-x30, xzr, w0-w30, wzr)"

#: b.cond words with a zero offset, by condition code.
_BCOND: Final = tuple(enc.cond_branch("b.cond", c) for c in range(16))
_BCOND_NAME: Final = tuple(f"b.{c.name}" for c in COND_BY_CODE)


def _xreg(insn: str, operand: str, reg: object) -> int:
    """The number of a 64-bit register that is not sp (xzr allowed)."""
    if type(reg) is GPRegister and reg.size == 64 and not reg.is_sp:
        return reg.code
    raise bad_operand(insn, operand, reg, _X_NOT_SP)


class BranchMixin(AssemblerCore):
    """b, bl, b.<cond> (b_eq ... b_nv, b_cs, b_cc; also LLVM's beq ... spellings),
    b_cond, cbz, cbnz, tbz, tbnz, br, blr, ret, adr, adrp."""

    # -- immediate branches --------------------------------------------------------

    @position_dependent
    def b(self, target: Target) -> None:
        """``b target``: branch, +-128 MiB."""
        self._emit_pcrel(enc.B, target, BRANCH26, "b")

    @position_dependent
    def bl(self, target: Target) -> None:
        """``bl target``: branch with link (x30 = return address), +-128 MiB."""
        self._emit_pcrel(enc.BL, target, BRANCH26, "bl")

    @position_dependent
    def b_cond(self, cond: Cond, target: Target) -> None:
        """``b.<cond> target``: conditional branch, +-1 MiB."""
        if type(cond) is not Cond:
            checks.cond("b.cond", "condition", cond)
        self._emit_pcrel(_BCOND[cond.code], target, BRANCH19, _BCOND_NAME[cond.code])

    # b_eq ... b_nv and the other spellings are generated below the class.
    if TYPE_CHECKING:
        def b_eq(self, target: Target) -> None: ...
        def b_ne(self, target: Target) -> None: ...
        def b_hs(self, target: Target) -> None: ...
        def b_cs(self, target: Target) -> None: ...
        def b_lo(self, target: Target) -> None: ...
        def b_cc(self, target: Target) -> None: ...
        def b_mi(self, target: Target) -> None: ...
        def b_pl(self, target: Target) -> None: ...
        def b_vs(self, target: Target) -> None: ...
        def b_vc(self, target: Target) -> None: ...
        def b_hi(self, target: Target) -> None: ...
        def b_ls(self, target: Target) -> None: ...
        def b_ge(self, target: Target) -> None: ...
        def b_lt(self, target: Target) -> None: ...
        def b_gt(self, target: Target) -> None: ...
        def b_le(self, target: Target) -> None: ...
        def b_al(self, target: Target) -> None: ...
        def b_nv(self, target: Target) -> None: ...

    # -- compare and branch ------------------------------------------------------------

    @position_dependent
    def cbz(self, rt: GPRegister, target: Target) -> None:
        """``cbz rt, target``: branch if rt (x or w) is zero, +-1 MiB."""
        if type(rt) is not GPRegister or rt.is_sp:
            raise bad_operand("cbz", "register", rt, _GP_NOT_SP)
        self._emit_pcrel(enc.compare_branch("cbz", rt.size >> 6, 0, rt.code), target,
                         BRANCH19, "cbz")

    @position_dependent
    def cbnz(self, rt: GPRegister, target: Target) -> None:
        """``cbnz rt, target``: branch if rt (x or w) is not zero, +-1 MiB."""
        if type(rt) is not GPRegister or rt.is_sp:
            raise bad_operand("cbnz", "register", rt, _GP_NOT_SP)
        self._emit_pcrel(enc.compare_branch("cbnz", rt.size >> 6, 1, rt.code), target,
                         BRANCH19, "cbnz")

    @position_dependent
    def tbz(self, rt: GPRegister, bit: int, target: Target) -> None:
        """``tbz rt, #bit, target``: branch if bit ``bit`` of rt is zero, +-32 KiB.
        Bits 0..63 of an x register, 0..31 of a w register."""
        self._emit_pcrel(_test_branch("tbz", 0, rt, bit), target, BRANCH14, "tbz")

    @position_dependent
    def tbnz(self, rt: GPRegister, bit: int, target: Target) -> None:
        """``tbnz rt, #bit, target``: branch if bit ``bit`` of rt is one, +-32 KiB."""
        self._emit_pcrel(_test_branch("tbnz", 1, rt, bit), target, BRANCH14, "tbnz")

    # -- register branches ---------------------------------------------------------------

    def br(self, rn: GPRegister) -> None:
        """``br rn``: branch to the address in an x register."""
        self._put(enc.branch_reg("br", enc.BR, _xreg("br", "register", rn)))

    def blr(self, rn: GPRegister) -> None:
        """``blr rn``: call the address in an x register (x30 = return address)."""
        self._put(enc.branch_reg("blr", enc.BLR, _xreg("blr", "register", rn)))

    def ret(self, rn: GPRegister = x30) -> None:
        """``ret {rn}``: return to the address in rn (default x30)."""
        self._put(enc.branch_reg("ret", enc.RET, _xreg("ret", "register", rn)))

    # -- PC-relative addresses ---------------------------------------------------------

    @position_dependent
    def adr(self, rd: GPRegister, target: Target) -> None:
        """``adr rd, target``: rd = address of target, +-1 MiB, byte granular."""
        self._emit_pcrel(enc.pcrel_addr("adr", 0, _xreg("adr", "destination", rd)), target,
                         ADR, "adr")

    @position_dependent
    def adrp(self, rd: GPRegister, target: Target) -> None:
        """``adrp rd, target``: rd = the 4 KiB page of target, +-4 GiB.

        A label target depends on where the code runs, so it is resolved by
        ``finalize(address)``; an int target is a byte offset between pages and
        must be a multiple of 4096 (as in LLVM's ``adrp x0, #4096``)."""
        self._emit_adrp(enc.pcrel_addr("adrp", 1, _xreg("adrp", "destination", rd)), target,
                        "adrp")


def _test_branch(insn: str, op: int, rt: GPRegister, bit: int) -> int:
    if type(rt) is not GPRegister or rt.is_sp:
        raise bad_operand(insn, "register", rt, _GP_NOT_SP)
    if type(bit) is not int or not 0 <= bit < rt.size:
        checks.imm(insn, "bit number", bit)
        raise bad_value(insn, "bit number", bit,
                        f"0..{rt.size - 1} for a {rt.size}-bit register")
    return enc.test_branch(insn, op, bit, rt.code)


def _make_bcond(code: int, spelling: str) -> Callable[[BranchMixin, Target], None]:
    word = _BCOND[code]
    insn = _BCOND_NAME[code]

    @position_dependent
    def method(self: BranchMixin, target: Target) -> None:
        self._emit_pcrel(word, target, BRANCH19, insn)

    method.__name__ = method.__qualname__ = spelling
    method.__doc__ = f"``{insn} target``: conditional branch, +-1 MiB."
    return method


# b.eq ... b.nv plus the cs/cc spellings as b_<cond>, and LLVM's dotless beq ... bnv.
for _name, _cond in CONDITIONS.items():
    setattr(BranchMixin, f"b_{_name}", _make_bcond(_cond.code, f"b_{_name}"))
    setattr(BranchMixin, f"b{_name}", _make_bcond(_cond.code, f"b{_name}"))
del _name, _cond
