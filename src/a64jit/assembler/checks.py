"""Operand validation shared by every instruction group.

All register-class and width checks go through these helpers, so a misuse is
caught in one place and reported the same way: instruction, operand, what was
given and what would be allowed.
"""

from __future__ import annotations

from ..errors import bad_operand
from ..operands import Cond, FPRegister, GPRegister, Register


def _gp_desc(size: int | None, sp: bool, zr: bool = True) -> str:
    pfx = {64: "x", 32: "w", None: "x or w"}[size]
    names = f"{pfx}0-{pfx}30" if size else "x0-x30 or w0-w30"
    if zr:
        names += ", xzr" if size == 64 else ", wzr" if size == 32 else ", xzr/wzr"
    if sp:
        names += ", sp" if size == 64 else ", wsp" if size == 32 else ", sp/wsp"
    width = f"{size}-bit " if size else ""
    return f"a {width}general-purpose register ({names})"


def gp(insn: str, operand: str, reg: object, size: int | None = None, *, sp: bool = False,
       zr: bool = True) -> GPRegister:
    """Check a general-purpose register. ``size`` 32/64 (None: either).
    ``sp``: register 31 must be written sp/wsp; otherwise it must be xzr/wzr."""
    if (
        type(reg) is not GPRegister
        or (size is not None and reg.size != size)
        or (reg.code == 31 and (reg.is_sp != sp or not (sp or zr)))
    ):
        raise bad_operand(insn, operand, reg, _gp_desc(size, sp, zr))
    return reg


def gp_code(insn: str, operand: str, reg: object, size: int, *, sp: bool = False) -> int:
    """:func:`gp` returning the register number (the hot path of most encoders)."""
    if type(reg) is GPRegister and reg.size == size and (reg.code != 31 or reg.is_sp == sp):
        return reg.code
    raise bad_operand(insn, operand, reg, _gp_desc(size, sp))


def fp(insn: str, operand: str, reg: object, sizes: tuple[int, ...] = (16, 32, 64)) -> FPRegister:
    """Check a scalar SIMD&FP register of one of ``sizes`` bits."""
    if type(reg) is FPRegister and reg.size in sizes:
        return reg
    names = ", ".join({8: "b", 16: "h", 32: "s", 64: "d", 128: "q"}[s] + "0-31" for s in sizes)
    raise bad_operand(insn, operand, reg, f"a SIMD&FP register ({names})")


def same_size(insn: str, operand: str, reg: Register, size: int) -> None:
    """Check that ``reg`` has the width of the instruction's first operand."""
    if reg.size != size:
        raise bad_operand(insn, operand, reg, f"a {size}-bit register like the destination")


def cond(insn: str, operand: str, value: object) -> int:
    """Check a condition code; return its 4-bit code."""
    if type(value) is not Cond:
        raise bad_operand(insn, operand, value, "a condition code (EQ, NE, HS/CS, LO/CC, ...)")
    return value.code


def imm(insn: str, operand: str, value: object) -> int:
    """Check that an immediate operand is a Python int (not bool, not float)."""
    if type(value) is not int:
        raise bad_operand(insn, operand, value, "an integer immediate")
    return value


_ABSENT: object = object()


def gp_sf(insn: str, names: tuple[str, ...], r0: object, r1: object, r2: object = _ABSENT,
          r3: object = _ABSENT) -> int:
    """Check two to four general-purpose registers of one width (31 is the zero
    register, never sp); return ``sf`` (1 for 64-bit, 0 for 32-bit).

    ``names`` names the operands in order, for the error message. The common case is
    one fused test; only a failure walks the operands to say which one is wrong.
    """
    if type(r0) is GPRegister and type(r1) is GPRegister and not (r0.is_sp or r1.is_sp):
        size = r0.size
        if r1.size == size and (
            r2 is _ABSENT
            or (type(r2) is GPRegister and r2.size == size and not r2.is_sp
                and (r3 is _ABSENT
                     or (type(r3) is GPRegister and r3.size == size and not r3.is_sp)))
        ):
            return size >> 6
    size0 = gp(insn, names[0], r0).size
    for name, reg in zip(names[1:], (r1, r2, r3), strict=False):
        if reg is not _ABSENT:
            gp(insn, name, reg, size0)
    raise AssertionError("unreachable: gp_sf found no bad operand")  # pragma: no cover
