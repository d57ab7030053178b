"""Memory copy and memory set (FEAT_MOPS, ARMv8.8): the cpyf*/cpy* and set*/setg*
instructions, each a prologue (``p``), main (``m``) and epilogue (``e``) that a program
issues in that order::

    a.cpyfp(wb(mem(x0)), wb(mem(x1)), wb(x2))   # cpyfp [x0]!, [x1]!, x2!
    a.cpyfm(wb(mem(x0)), wb(mem(x1)), wb(x2))   # cpyfm [x0]!, [x1]!, x2!
    a.cpyfe(wb(mem(x0)), wb(mem(x1)), wb(x2))   # cpyfe [x0]!, [x1]!, x2!
    a.setp(wb(mem(x0)), wb(x1), x2)             # setp [x0]!, x1!, x2

Every register is updated (``!``): the destination and source addresses and the byte
count of a copy; the destination address and the count of a set (its third operand is
the byte value, in its low 8 bits). ``cpyf*`` copies forward only, ``cpy*`` handles
overlap; ``setg*`` also stores the allocation tags (FEAT_MTE). Suffixes: ``wt``/``rt``/``t``
make the writes/reads/both unprivileged, ``wn``/``rn``/``n`` non-temporal (copies, in that
order: ``cpyfpwtrn``); ``t`` and ``n`` for sets (``setptn``).

As in LLVM, the three registers must be distinct; addresses are x0-x30 (not sp or xzr),
a count or a set's value may be xzr.
"""

from __future__ import annotations

from typing import Final

from ..encoding import mops as enc
from ..errors import EncodingError, OperandError, bad_operand
from ..operands import GPRegister, Mem, WbMem, WbReg
from . import checks, table
from .core import AssemblerCore

MOPS: Final = table.Table("mops", "memory copy and memory set (FEAT_MOPS)")

_PHASES: Final = ("prologue", "main", "epilogue")
_UNPRIV: Final = ("", "writes unprivileged", "reads unprivileged",
                  "reads and writes unprivileged")
_NONTEMP: Final = ("", "writes non-temporal", "reads non-temporal",
                   "reads and writes non-temporal")


def _cpy_doc(spec: table.Spec) -> str:
    kind = "memory copy, forward-only" if spec["o0"] == 0 else "memory copy"
    op2 = spec["op2"]
    notes = [n for n in (_UNPRIV[op2 & 3], _NONTEMP[op2 >> 2]) if n]
    return "; ".join([f"{kind}: {_PHASES[spec['op1']]}", *notes])


def _set_doc(spec: table.Spec) -> str:
    kind = "memory set" if spec["o0"] == 0 else "memory set with allocation tags (MTE)"
    op2 = spec["op2"]
    notes = [n for n, bit in (("unprivileged", 1), ("non-temporal", 2)) if op2 & bit]
    return "; ".join([f"{kind}: {_PHASES[op2 >> 2]}", *notes])


def _address(insn: str, operand: str, value: object) -> int:
    if type(value) is WbMem and not value.base.is_sp:
        return value.base.code
    if type(value) is Mem and value.mode == "pre":  # [x0, #0]! prints as [x0]!: say which
        raise OperandError(f"{insn}: {operand} [{value.base}, #{value.offset}]! is a "
                           "pre-indexed memory operand; expected an address register "
                           "[x0]!..[x30]! with no offset (wb(mem(xn)))")
    raise bad_operand(insn, operand, value,
                      "an address register [x0]!..[x30]! (wb(mem(xn)); not sp)")


def _count(insn: str, value: object) -> int:
    if type(value) is WbReg and value.reg.size == 64 and not value.reg.is_sp:
        return value.reg.code
    raise bad_operand(insn, "size", value, "x0!..x30! or xzr! (wb(xn))")


def _distinct(insn: str, named: tuple[tuple[str, int, object], ...]) -> None:
    """LLVM rejects a register used twice (the instruction updates each one)."""
    for i, (first, code, shown) in enumerate(named):
        for second, other, shown2 in named[i + 1:]:
            if code == other:
                raise EncodingError(
                    f"{insn}: {first} {shown!r} and {second} {shown2!r} are the same "
                    "register; allowed: distinct destination, source and size registers")


@MOPS.form("{name} [xd]!, [xs]!, xn!", doc=_cpy_doc)
def _cpy(self: AssemblerCore, spec: table.Spec, dst: WbMem, src: WbMem, size: WbReg) -> None:
    insn = spec.name
    d = _address(insn, "destination", dst)
    s = _address(insn, "source", src)
    n = _count(insn, size)
    _distinct(insn, (("destination", d, dst), ("source", s, src), ("size", n, size)))
    self._put(enc.cpy(spec["o0"], spec["op1"], spec["op2"], s, n, d))


@MOPS.form("{name} [xd]!, xn!, xs", doc=_set_doc)
def _set(self: AssemblerCore, spec: table.Spec, dst: WbMem, size: WbReg,
         src: GPRegister) -> None:
    insn = spec.name
    d = _address(insn, "destination", dst)
    n = _count(insn, size)
    s = checks.gp_code(insn, "source", src, 64)
    _distinct(insn, (("destination", d, dst), ("size", n, size), ("source", s, src)))
    self._put(enc.set_(spec["o0"], spec["op2"], s, n, d))


class MopsMixin(AssemblerCore):
    """cpyf{p,m,e}* and cpy{p,m,e}* (16 read/write option suffixes each), set{p,m,e}* and
    setg{p,m,e}* (t, n, tn): see the module docstring."""

    cpyfp = _cpy("cpyfp", o0=0, op1=0, op2=0x0)
    cpyfpwt = _cpy("cpyfpwt", o0=0, op1=0, op2=0x1)
    cpyfprt = _cpy("cpyfprt", o0=0, op1=0, op2=0x2)
    cpyfpt = _cpy("cpyfpt", o0=0, op1=0, op2=0x3)
    cpyfpwn = _cpy("cpyfpwn", o0=0, op1=0, op2=0x4)
    cpyfpwtwn = _cpy("cpyfpwtwn", o0=0, op1=0, op2=0x5)
    cpyfprtwn = _cpy("cpyfprtwn", o0=0, op1=0, op2=0x6)
    cpyfptwn = _cpy("cpyfptwn", o0=0, op1=0, op2=0x7)
    cpyfprn = _cpy("cpyfprn", o0=0, op1=0, op2=0x8)
    cpyfpwtrn = _cpy("cpyfpwtrn", o0=0, op1=0, op2=0x9)
    cpyfprtrn = _cpy("cpyfprtrn", o0=0, op1=0, op2=0xa)
    cpyfptrn = _cpy("cpyfptrn", o0=0, op1=0, op2=0xb)
    cpyfpn = _cpy("cpyfpn", o0=0, op1=0, op2=0xc)
    cpyfpwtn = _cpy("cpyfpwtn", o0=0, op1=0, op2=0xd)
    cpyfprtn = _cpy("cpyfprtn", o0=0, op1=0, op2=0xe)
    cpyfptn = _cpy("cpyfptn", o0=0, op1=0, op2=0xf)
    cpyfm = _cpy("cpyfm", o0=0, op1=1, op2=0x0)
    cpyfmwt = _cpy("cpyfmwt", o0=0, op1=1, op2=0x1)
    cpyfmrt = _cpy("cpyfmrt", o0=0, op1=1, op2=0x2)
    cpyfmt = _cpy("cpyfmt", o0=0, op1=1, op2=0x3)
    cpyfmwn = _cpy("cpyfmwn", o0=0, op1=1, op2=0x4)
    cpyfmwtwn = _cpy("cpyfmwtwn", o0=0, op1=1, op2=0x5)
    cpyfmrtwn = _cpy("cpyfmrtwn", o0=0, op1=1, op2=0x6)
    cpyfmtwn = _cpy("cpyfmtwn", o0=0, op1=1, op2=0x7)
    cpyfmrn = _cpy("cpyfmrn", o0=0, op1=1, op2=0x8)
    cpyfmwtrn = _cpy("cpyfmwtrn", o0=0, op1=1, op2=0x9)
    cpyfmrtrn = _cpy("cpyfmrtrn", o0=0, op1=1, op2=0xa)
    cpyfmtrn = _cpy("cpyfmtrn", o0=0, op1=1, op2=0xb)
    cpyfmn = _cpy("cpyfmn", o0=0, op1=1, op2=0xc)
    cpyfmwtn = _cpy("cpyfmwtn", o0=0, op1=1, op2=0xd)
    cpyfmrtn = _cpy("cpyfmrtn", o0=0, op1=1, op2=0xe)
    cpyfmtn = _cpy("cpyfmtn", o0=0, op1=1, op2=0xf)
    cpyfe = _cpy("cpyfe", o0=0, op1=2, op2=0x0)
    cpyfewt = _cpy("cpyfewt", o0=0, op1=2, op2=0x1)
    cpyfert = _cpy("cpyfert", o0=0, op1=2, op2=0x2)
    cpyfet = _cpy("cpyfet", o0=0, op1=2, op2=0x3)
    cpyfewn = _cpy("cpyfewn", o0=0, op1=2, op2=0x4)
    cpyfewtwn = _cpy("cpyfewtwn", o0=0, op1=2, op2=0x5)
    cpyfertwn = _cpy("cpyfertwn", o0=0, op1=2, op2=0x6)
    cpyfetwn = _cpy("cpyfetwn", o0=0, op1=2, op2=0x7)
    cpyfern = _cpy("cpyfern", o0=0, op1=2, op2=0x8)
    cpyfewtrn = _cpy("cpyfewtrn", o0=0, op1=2, op2=0x9)
    cpyfertrn = _cpy("cpyfertrn", o0=0, op1=2, op2=0xa)
    cpyfetrn = _cpy("cpyfetrn", o0=0, op1=2, op2=0xb)
    cpyfen = _cpy("cpyfen", o0=0, op1=2, op2=0xc)
    cpyfewtn = _cpy("cpyfewtn", o0=0, op1=2, op2=0xd)
    cpyfertn = _cpy("cpyfertn", o0=0, op1=2, op2=0xe)
    cpyfetn = _cpy("cpyfetn", o0=0, op1=2, op2=0xf)
    cpyp = _cpy("cpyp", o0=1, op1=0, op2=0x0)
    cpypwt = _cpy("cpypwt", o0=1, op1=0, op2=0x1)
    cpyprt = _cpy("cpyprt", o0=1, op1=0, op2=0x2)
    cpypt = _cpy("cpypt", o0=1, op1=0, op2=0x3)
    cpypwn = _cpy("cpypwn", o0=1, op1=0, op2=0x4)
    cpypwtwn = _cpy("cpypwtwn", o0=1, op1=0, op2=0x5)
    cpyprtwn = _cpy("cpyprtwn", o0=1, op1=0, op2=0x6)
    cpyptwn = _cpy("cpyptwn", o0=1, op1=0, op2=0x7)
    cpyprn = _cpy("cpyprn", o0=1, op1=0, op2=0x8)
    cpypwtrn = _cpy("cpypwtrn", o0=1, op1=0, op2=0x9)
    cpyprtrn = _cpy("cpyprtrn", o0=1, op1=0, op2=0xa)
    cpyptrn = _cpy("cpyptrn", o0=1, op1=0, op2=0xb)
    cpypn = _cpy("cpypn", o0=1, op1=0, op2=0xc)
    cpypwtn = _cpy("cpypwtn", o0=1, op1=0, op2=0xd)
    cpyprtn = _cpy("cpyprtn", o0=1, op1=0, op2=0xe)
    cpyptn = _cpy("cpyptn", o0=1, op1=0, op2=0xf)
    cpym = _cpy("cpym", o0=1, op1=1, op2=0x0)
    cpymwt = _cpy("cpymwt", o0=1, op1=1, op2=0x1)
    cpymrt = _cpy("cpymrt", o0=1, op1=1, op2=0x2)
    cpymt = _cpy("cpymt", o0=1, op1=1, op2=0x3)
    cpymwn = _cpy("cpymwn", o0=1, op1=1, op2=0x4)
    cpymwtwn = _cpy("cpymwtwn", o0=1, op1=1, op2=0x5)
    cpymrtwn = _cpy("cpymrtwn", o0=1, op1=1, op2=0x6)
    cpymtwn = _cpy("cpymtwn", o0=1, op1=1, op2=0x7)
    cpymrn = _cpy("cpymrn", o0=1, op1=1, op2=0x8)
    cpymwtrn = _cpy("cpymwtrn", o0=1, op1=1, op2=0x9)
    cpymrtrn = _cpy("cpymrtrn", o0=1, op1=1, op2=0xa)
    cpymtrn = _cpy("cpymtrn", o0=1, op1=1, op2=0xb)
    cpymn = _cpy("cpymn", o0=1, op1=1, op2=0xc)
    cpymwtn = _cpy("cpymwtn", o0=1, op1=1, op2=0xd)
    cpymrtn = _cpy("cpymrtn", o0=1, op1=1, op2=0xe)
    cpymtn = _cpy("cpymtn", o0=1, op1=1, op2=0xf)
    cpye = _cpy("cpye", o0=1, op1=2, op2=0x0)
    cpyewt = _cpy("cpyewt", o0=1, op1=2, op2=0x1)
    cpyert = _cpy("cpyert", o0=1, op1=2, op2=0x2)
    cpyet = _cpy("cpyet", o0=1, op1=2, op2=0x3)
    cpyewn = _cpy("cpyewn", o0=1, op1=2, op2=0x4)
    cpyewtwn = _cpy("cpyewtwn", o0=1, op1=2, op2=0x5)
    cpyertwn = _cpy("cpyertwn", o0=1, op1=2, op2=0x6)
    cpyetwn = _cpy("cpyetwn", o0=1, op1=2, op2=0x7)
    cpyern = _cpy("cpyern", o0=1, op1=2, op2=0x8)
    cpyewtrn = _cpy("cpyewtrn", o0=1, op1=2, op2=0x9)
    cpyertrn = _cpy("cpyertrn", o0=1, op1=2, op2=0xa)
    cpyetrn = _cpy("cpyetrn", o0=1, op1=2, op2=0xb)
    cpyen = _cpy("cpyen", o0=1, op1=2, op2=0xc)
    cpyewtn = _cpy("cpyewtn", o0=1, op1=2, op2=0xd)
    cpyertn = _cpy("cpyertn", o0=1, op1=2, op2=0xe)
    cpyetn = _cpy("cpyetn", o0=1, op1=2, op2=0xf)
    setp = _set("setp", o0=0, op2=0x0)
    setpt = _set("setpt", o0=0, op2=0x1)
    setpn = _set("setpn", o0=0, op2=0x2)
    setptn = _set("setptn", o0=0, op2=0x3)
    setm = _set("setm", o0=0, op2=0x4)
    setmt = _set("setmt", o0=0, op2=0x5)
    setmn = _set("setmn", o0=0, op2=0x6)
    setmtn = _set("setmtn", o0=0, op2=0x7)
    sete = _set("sete", o0=0, op2=0x8)
    setet = _set("setet", o0=0, op2=0x9)
    seten = _set("seten", o0=0, op2=0xa)
    setetn = _set("setetn", o0=0, op2=0xb)
    setgp = _set("setgp", o0=1, op2=0x0)
    setgpt = _set("setgpt", o0=1, op2=0x1)
    setgpn = _set("setgpn", o0=1, op2=0x2)
    setgptn = _set("setgptn", o0=1, op2=0x3)
    setgm = _set("setgm", o0=1, op2=0x4)
    setgmt = _set("setgmt", o0=1, op2=0x5)
    setgmn = _set("setgmn", o0=1, op2=0x6)
    setgmtn = _set("setgmtn", o0=1, op2=0x7)
    setge = _set("setge", o0=1, op2=0x8)
    setget = _set("setget", o0=1, op2=0x9)
    setgen = _set("setgen", o0=1, op2=0xa)
    setgetn = _set("setgetn", o0=1, op2=0xb)
