"""Exclusive and acquire/release accesses (ldxr, stxr, ldaxr, stlxr, ldxp, stxp, ldaxp,
stlxp, ldar, stlr, ldlar, stllr, ldapr, each with b/h variants where they exist) and
the LSE atomics (cas, casp, ldadd, ldclr, ldeor, ldset, ldsmax, ldsmin, ldumax, ldumin,
swp with their a/l/al and b/h variants, and the st<op> aliases).

The memory operand is ``mem(xn)`` / ``mem(sp)``: a base register with no offset and no
writeback (LLVM also accepts ``[xn, #0]`` for the exclusive and acquire/release forms).
Every mnemonic is one row of the table ``ATOMIC`` (see table.py), and each encoding
class one form whose operand checks are written once; the unpredictable forms that
LLVM rejects (a store-exclusive whose status register is also the data or the base)
raise.
"""

from __future__ import annotations

from typing import Final

from ..encoding import atomic as enc
from ..errors import EncodingError, bad_operand
from ..operands import GPRegister, Mem
from . import table
from .core import AssemblerCore

_MEM: Final = "[xn|sp] (a base register with no offset or writeback)"
_SIZE_NAME: Final = ("b", "h", "w", "x")


def _base(insn: str, addr: object) -> int:
    if type(addr) is Mem and addr.mode == "offset" and type(addr.offset) is int \
            and addr.offset == 0:
        return addr.base.code
    raise bad_operand(insn, "memory operand", addr, _MEM)


def _reg(insn: str, operand: str, reg: object, size: int | None) -> int:
    """A data register: w or x (``size`` None: log2 bytes from the register, 2 or 3) or
    exactly w for the byte/halfword forms; 31 is the zero register. Returns the size."""
    if type(reg) is GPRegister and not reg.is_sp:
        if size is None:
            return 3 if reg.size == 64 else 2
        if reg.size == 32:
            return size
    want = "a 32-bit general-purpose register (w0-w30, wzr)" if size is not None else \
        "a general-purpose register (x0-x30, xzr, w0-w30, wzr)"
    raise bad_operand(insn, operand, reg, want)


def _same(insn: str, operand: str, reg: object, size: int) -> int:
    """A register of the same width as the first data register."""
    if type(reg) is GPRegister and not reg.is_sp and (reg.size == 64) == (size == 3):
        return reg.code
    w = "x" if size == 3 else "w"
    raise bad_operand(insn, operand, reg,
                      f"a register of the same width ({w}0-{w}30, {w}zr)")


def _status(insn: str, rs: object) -> int:
    if type(rs) is GPRegister and rs.size == 32 and not rs.is_sp:
        return rs.code
    raise bad_operand(insn, "status register", rs, "a 32-bit register (w0-w30, wzr)")


def _unpredictable(insn: str, s: int, others: tuple[int, ...], n: int) -> None:
    """A store-exclusive's status register must differ from the data registers and from
    the base unless the base is sp (ARM ARM C6.2, STXR: CONSTRAINED UNPREDICTABLE)."""
    if s in others or (s == n and n != 31):
        raise EncodingError(
            f"{insn}: status register w{s} is also a source (data or base); "
            "allowed: a status register different from the data and base registers")


ATOMIC: Final = table.Table("atomic", "exclusive, acquire/release and LSE atomic accesses")


def _pair_first(insn: str, operand: str, reg: object, size: int | None) -> int:
    """The first register of an even/odd pair (x0, x2, ... x30 or w0 ... w30)."""
    if type(reg) is GPRegister and not reg.is_sp and reg.code % 2 == 0 and \
            (size is None or reg.size == size):
        return reg.code
    w = "x" if size == 64 else "w" if size == 32 else "x or w"
    raise bad_operand(insn, operand, reg, f"an even-numbered {w} register (x0, x2, ... x30)")


def _pair_second(insn: str, operand: str, reg: object, first: GPRegister) -> None:
    if type(reg) is GPRegister and not reg.is_sp and reg.size == first.size and \
            reg.code == first.code + 1:
        return
    nxt = ("x" if first.size == 64 else "w") + (str(first.code + 1) if first.code < 30 else "zr")
    raise bad_operand(insn, operand, reg, f"{nxt}, the register after {first}")


# -- one form per encoding class ------------------------------------------------------------
# Row fields: size (None: w or x from the register, else 0 b / 1 h) and the class's bits.

@ATOMIC.form("{name} rt, [xn|sp]")
def _load(self: AssemblerCore, spec: table.Spec, rt: GPRegister, addr: Mem) -> None:
    """ldxr, ldaxr, ldar, ldlar, stlr, stllr (one data register, no status)."""
    insn = spec.name
    sz = _reg(insn, "register", rt, spec["size"])
    self._put(enc.exclusive(insn, sz, spec["o2"], spec["l"], 0, 31, spec["o0"], 31,
                            _base(insn, addr), rt.code))


@ATOMIC.form("{name} rt, [xn|sp]")
def _ldapr(self: AssemblerCore, spec: table.Spec, rt: GPRegister, addr: Mem) -> None:
    insn = spec.name
    sz = _reg(insn, "register", rt, spec["size"])
    self._put(enc.atomic_op(insn, sz, 1, 0, 31, enc.LDAPR, _base(insn, addr), rt.code))


@ATOMIC.form("{name} ws, rt, [xn|sp]")
def _store(self: AssemblerCore, spec: table.Spec, rs: GPRegister, rt: GPRegister,
           addr: Mem) -> None:
    """stxr, stlxr: status, data, [base]."""
    insn = spec.name
    s = _status(insn, rs)
    sz = _reg(insn, "register", rt, spec["size"])
    n = _base(insn, addr)
    _unpredictable(insn, s, (rt.code,), n)
    self._put(enc.exclusive(insn, sz, 0, 0, 0, s, spec["o0"], 31, n, rt.code))


@ATOMIC.form("{name} rt, rt2, [xn|sp]")
def _load_pair(self: AssemblerCore, spec: table.Spec, rt: GPRegister, rt2: GPRegister,
               addr: Mem) -> None:
    insn = spec.name
    sz = _reg(insn, "first register", rt, None)
    t2 = _same(insn, "second register", rt2, sz)
    if t2 == rt.code:
        # CONSTRAINED UNPREDICTABLE (ARM ARM C6.2 LDXP); LLVM 14 accepts it, we don't.
        raise EncodingError(f"{insn}: second register {rt2} repeats the first; "
                            "allowed: two different registers")
    self._put(enc.exclusive(insn, sz, 0, 1, 1, 31, spec["o0"], t2, _base(insn, addr), rt.code))


@ATOMIC.form("{name} ws, rt, rt2, [xn|sp]")
def _store_pair(self: AssemblerCore, spec: table.Spec, rs: GPRegister, rt: GPRegister,
                rt2: GPRegister, addr: Mem) -> None:
    insn = spec.name
    s = _status(insn, rs)
    sz = _reg(insn, "first register", rt, None)
    t2 = _same(insn, "second register", rt2, sz)
    n = _base(insn, addr)
    _unpredictable(insn, s, (rt.code, t2), n)
    self._put(enc.exclusive(insn, sz, 0, 0, 1, s, spec["o0"], t2, n, rt.code))


@ATOMIC.form("{name} rs, rt, [xn|sp]")
def _cas(self: AssemblerCore, spec: table.Spec, rs: GPRegister, rt: GPRegister,
         addr: Mem) -> None:
    insn = spec.name
    sz = _reg(insn, "compare register", rs, spec["size"])
    t = _same(insn, "new value register", rt, sz)
    self._put(enc.exclusive(insn, sz, 1, spec["l"], 1, rs.code, spec["o0"], 31,
                            _base(insn, addr), t))


@ATOMIC.form("{name} rs, rs+1, rt, rt+1, [xn|sp]")
def _casp(self: AssemblerCore, spec: table.Spec, rs: GPRegister, rs2: GPRegister,
          rt: GPRegister, rt2: GPRegister, addr: Mem) -> None:
    insn = spec.name
    s = _pair_first(insn, "first compare register", rs, None)
    _pair_second(insn, "second compare register", rs2, rs)
    t = _pair_first(insn, "first new value register", rt, rs.size)
    _pair_second(insn, "second new value register", rt2, rt)
    self._put(enc.exclusive(insn, rs.size >> 6, 0, spec["l"], 1, s, spec["o0"], 31,
                            _base(insn, addr), t))


@ATOMIC.form("{name} rs, rt, [xn|sp]")
def _ldop(self: AssemblerCore, spec: table.Spec, rs: GPRegister, rt: GPRegister,
          addr: Mem) -> None:
    insn = spec.name
    sz = _reg(insn, "source register", rs, spec["size"])
    t = _same(insn, "destination", rt, sz)
    self._put(enc.atomic_op(insn, sz, spec["a"], spec["r"], rs.code, spec["op"],
                            _base(insn, addr), t))


@ATOMIC.form("{name} rs, [xn|sp]",
             doc=lambda spec: f"= ``ld{spec.name[2:]} rs, zr, [xn|sp]`` (LSE)")
def _stop(self: AssemblerCore, spec: table.Spec, rs: GPRegister, addr: Mem) -> None:
    insn = spec.name
    sz = _reg(insn, "source register", rs, spec["size"])
    self._put(enc.atomic_op(insn, sz, 0, spec["r"], rs.code, spec["op"], _base(insn, addr), 31))


_CAS: Final = "compare and swap (LSE); rs receives the old value"
_CASP: Final = "compare and swap a pair (LSE); even/odd register pairs"
_LDOP: Final = "atomic read-modify-write (LSE); rt receives the old value"
_SWP: Final = "swap (LSE); rt receives the old value"
_STXR: Final = "store exclusive; ws = 0 on success, 1 on failure"
_STLXR: Final = "store-release exclusive; ws = 0 on success, 1 on failure"
_ADD, _CLR, _EOR, _SET, _SMAX, _SMIN, _UMAX, _UMIN = (enc.LDOPS[op] for op in (
    "add", "clr", "eor", "set", "smax", "smin", "umax", "umin"))


class AtomicMixin(AssemblerCore):
    """Exclusive, acquire/release and LSE atomic accesses."""

    # -- load/store exclusive, load-acquire/store-release ---------------------------
    ldxr = _load("ldxr", "load exclusive", size=None, o2=0, l=1, o0=0)
    ldaxr = _load("ldaxr", "load-acquire exclusive", size=None, o2=0, l=1, o0=1)
    stxr = _store("stxr", _STXR, size=None, o0=0)
    stlxr = _store("stlxr", _STLXR, size=None, o0=1)
    ldar = _load("ldar", "load-acquire", size=None, o2=1, l=1, o0=1)
    stlr = _load("stlr", "store-release", size=None, o2=1, l=0, o0=1)
    ldlar = _load("ldlar", "load LOAcquire (ARMv8.1)", size=None, o2=1, l=1, o0=0)
    stllr = _load("stllr", "store LORelease (ARMv8.1)", size=None, o2=1, l=0, o0=0)
    ldapr = _ldapr("ldapr", "load-acquire RCpc (ARMv8.3)", size=None)
    ldxrb = _load("ldxrb", "load exclusive", size=0, o2=0, l=1, o0=0)
    ldaxrb = _load("ldaxrb", "load-acquire exclusive", size=0, o2=0, l=1, o0=1)
    stxrb = _store("stxrb", _STXR, size=0, o0=0)
    stlxrb = _store("stlxrb", _STLXR, size=0, o0=1)
    ldarb = _load("ldarb", "load-acquire", size=0, o2=1, l=1, o0=1)
    stlrb = _load("stlrb", "store-release", size=0, o2=1, l=0, o0=1)
    ldlarb = _load("ldlarb", "load LOAcquire (ARMv8.1)", size=0, o2=1, l=1, o0=0)
    stllrb = _load("stllrb", "store LORelease (ARMv8.1)", size=0, o2=1, l=0, o0=0)
    ldaprb = _ldapr("ldaprb", "load-acquire RCpc (ARMv8.3)", size=0)
    ldxrh = _load("ldxrh", "load exclusive", size=1, o2=0, l=1, o0=0)
    ldaxrh = _load("ldaxrh", "load-acquire exclusive", size=1, o2=0, l=1, o0=1)
    stxrh = _store("stxrh", _STXR, size=1, o0=0)
    stlxrh = _store("stlxrh", _STLXR, size=1, o0=1)
    ldarh = _load("ldarh", "load-acquire", size=1, o2=1, l=1, o0=1)
    stlrh = _load("stlrh", "store-release", size=1, o2=1, l=0, o0=1)
    ldlarh = _load("ldlarh", "load LOAcquire (ARMv8.1)", size=1, o2=1, l=1, o0=0)
    stllrh = _load("stllrh", "store LORelease (ARMv8.1)", size=1, o2=1, l=0, o0=0)
    ldaprh = _ldapr("ldaprh", "load-acquire RCpc (ARMv8.3)", size=1)
    ldxp = _load_pair("ldxp", "load exclusive pair", o0=0)
    ldaxp = _load_pair("ldaxp", "load-acquire exclusive pair", o0=1)
    stxp = _store_pair("stxp", "store exclusive pair; ws = 0 on success", o0=0)
    stlxp = _store_pair("stlxp", "store-release exclusive pair; ws = 0 on success", o0=1)

    # -- compare and swap (LSE) ----------------------------------------------------
    cas = _cas("cas", _CAS, size=None, l=0, o0=0)
    casb = _cas("casb", _CAS, size=0, l=0, o0=0)
    cash = _cas("cash", _CAS, size=1, l=0, o0=0)
    casa = _cas("casa", _CAS, size=None, l=1, o0=0)
    casab = _cas("casab", _CAS, size=0, l=1, o0=0)
    casah = _cas("casah", _CAS, size=1, l=1, o0=0)
    casl = _cas("casl", _CAS, size=None, l=0, o0=1)
    caslb = _cas("caslb", _CAS, size=0, l=0, o0=1)
    caslh = _cas("caslh", _CAS, size=1, l=0, o0=1)
    casal = _cas("casal", _CAS, size=None, l=1, o0=1)
    casalb = _cas("casalb", _CAS, size=0, l=1, o0=1)
    casalh = _cas("casalh", _CAS, size=1, l=1, o0=1)
    casp = _casp("casp", _CASP, l=0, o0=0)
    caspa = _casp("caspa", _CASP, l=1, o0=0)
    caspl = _casp("caspl", _CASP, l=0, o0=1)
    caspal = _casp("caspal", _CASP, l=1, o0=1)

    # -- atomic memory operations (LSE) and their st<op> aliases -------------------
    ldadd = _ldop("ldadd", _LDOP, size=None, a=0, r=0, op=_ADD)
    ldaddb = _ldop("ldaddb", _LDOP, size=0, a=0, r=0, op=_ADD)
    ldaddh = _ldop("ldaddh", _LDOP, size=1, a=0, r=0, op=_ADD)
    ldadda = _ldop("ldadda", _LDOP, size=None, a=1, r=0, op=_ADD)
    ldaddab = _ldop("ldaddab", _LDOP, size=0, a=1, r=0, op=_ADD)
    ldaddah = _ldop("ldaddah", _LDOP, size=1, a=1, r=0, op=_ADD)
    ldaddl = _ldop("ldaddl", _LDOP, size=None, a=0, r=1, op=_ADD)
    ldaddlb = _ldop("ldaddlb", _LDOP, size=0, a=0, r=1, op=_ADD)
    ldaddlh = _ldop("ldaddlh", _LDOP, size=1, a=0, r=1, op=_ADD)
    ldaddal = _ldop("ldaddal", _LDOP, size=None, a=1, r=1, op=_ADD)
    ldaddalb = _ldop("ldaddalb", _LDOP, size=0, a=1, r=1, op=_ADD)
    ldaddalh = _ldop("ldaddalh", _LDOP, size=1, a=1, r=1, op=_ADD)
    stadd = _stop("stadd", size=None, r=0, op=_ADD)
    staddb = _stop("staddb", size=0, r=0, op=_ADD)
    staddh = _stop("staddh", size=1, r=0, op=_ADD)
    staddl = _stop("staddl", size=None, r=1, op=_ADD)
    staddlb = _stop("staddlb", size=0, r=1, op=_ADD)
    staddlh = _stop("staddlh", size=1, r=1, op=_ADD)
    ldclr = _ldop("ldclr", _LDOP, size=None, a=0, r=0, op=_CLR)
    ldclrb = _ldop("ldclrb", _LDOP, size=0, a=0, r=0, op=_CLR)
    ldclrh = _ldop("ldclrh", _LDOP, size=1, a=0, r=0, op=_CLR)
    ldclra = _ldop("ldclra", _LDOP, size=None, a=1, r=0, op=_CLR)
    ldclrab = _ldop("ldclrab", _LDOP, size=0, a=1, r=0, op=_CLR)
    ldclrah = _ldop("ldclrah", _LDOP, size=1, a=1, r=0, op=_CLR)
    ldclrl = _ldop("ldclrl", _LDOP, size=None, a=0, r=1, op=_CLR)
    ldclrlb = _ldop("ldclrlb", _LDOP, size=0, a=0, r=1, op=_CLR)
    ldclrlh = _ldop("ldclrlh", _LDOP, size=1, a=0, r=1, op=_CLR)
    ldclral = _ldop("ldclral", _LDOP, size=None, a=1, r=1, op=_CLR)
    ldclralb = _ldop("ldclralb", _LDOP, size=0, a=1, r=1, op=_CLR)
    ldclralh = _ldop("ldclralh", _LDOP, size=1, a=1, r=1, op=_CLR)
    stclr = _stop("stclr", size=None, r=0, op=_CLR)
    stclrb = _stop("stclrb", size=0, r=0, op=_CLR)
    stclrh = _stop("stclrh", size=1, r=0, op=_CLR)
    stclrl = _stop("stclrl", size=None, r=1, op=_CLR)
    stclrlb = _stop("stclrlb", size=0, r=1, op=_CLR)
    stclrlh = _stop("stclrlh", size=1, r=1, op=_CLR)
    ldeor = _ldop("ldeor", _LDOP, size=None, a=0, r=0, op=_EOR)
    ldeorb = _ldop("ldeorb", _LDOP, size=0, a=0, r=0, op=_EOR)
    ldeorh = _ldop("ldeorh", _LDOP, size=1, a=0, r=0, op=_EOR)
    ldeora = _ldop("ldeora", _LDOP, size=None, a=1, r=0, op=_EOR)
    ldeorab = _ldop("ldeorab", _LDOP, size=0, a=1, r=0, op=_EOR)
    ldeorah = _ldop("ldeorah", _LDOP, size=1, a=1, r=0, op=_EOR)
    ldeorl = _ldop("ldeorl", _LDOP, size=None, a=0, r=1, op=_EOR)
    ldeorlb = _ldop("ldeorlb", _LDOP, size=0, a=0, r=1, op=_EOR)
    ldeorlh = _ldop("ldeorlh", _LDOP, size=1, a=0, r=1, op=_EOR)
    ldeoral = _ldop("ldeoral", _LDOP, size=None, a=1, r=1, op=_EOR)
    ldeoralb = _ldop("ldeoralb", _LDOP, size=0, a=1, r=1, op=_EOR)
    ldeoralh = _ldop("ldeoralh", _LDOP, size=1, a=1, r=1, op=_EOR)
    steor = _stop("steor", size=None, r=0, op=_EOR)
    steorb = _stop("steorb", size=0, r=0, op=_EOR)
    steorh = _stop("steorh", size=1, r=0, op=_EOR)
    steorl = _stop("steorl", size=None, r=1, op=_EOR)
    steorlb = _stop("steorlb", size=0, r=1, op=_EOR)
    steorlh = _stop("steorlh", size=1, r=1, op=_EOR)
    ldset = _ldop("ldset", _LDOP, size=None, a=0, r=0, op=_SET)
    ldsetb = _ldop("ldsetb", _LDOP, size=0, a=0, r=0, op=_SET)
    ldseth = _ldop("ldseth", _LDOP, size=1, a=0, r=0, op=_SET)
    ldseta = _ldop("ldseta", _LDOP, size=None, a=1, r=0, op=_SET)
    ldsetab = _ldop("ldsetab", _LDOP, size=0, a=1, r=0, op=_SET)
    ldsetah = _ldop("ldsetah", _LDOP, size=1, a=1, r=0, op=_SET)
    ldsetl = _ldop("ldsetl", _LDOP, size=None, a=0, r=1, op=_SET)
    ldsetlb = _ldop("ldsetlb", _LDOP, size=0, a=0, r=1, op=_SET)
    ldsetlh = _ldop("ldsetlh", _LDOP, size=1, a=0, r=1, op=_SET)
    ldsetal = _ldop("ldsetal", _LDOP, size=None, a=1, r=1, op=_SET)
    ldsetalb = _ldop("ldsetalb", _LDOP, size=0, a=1, r=1, op=_SET)
    ldsetalh = _ldop("ldsetalh", _LDOP, size=1, a=1, r=1, op=_SET)
    stset = _stop("stset", size=None, r=0, op=_SET)
    stsetb = _stop("stsetb", size=0, r=0, op=_SET)
    stseth = _stop("stseth", size=1, r=0, op=_SET)
    stsetl = _stop("stsetl", size=None, r=1, op=_SET)
    stsetlb = _stop("stsetlb", size=0, r=1, op=_SET)
    stsetlh = _stop("stsetlh", size=1, r=1, op=_SET)
    ldsmax = _ldop("ldsmax", _LDOP, size=None, a=0, r=0, op=_SMAX)
    ldsmaxb = _ldop("ldsmaxb", _LDOP, size=0, a=0, r=0, op=_SMAX)
    ldsmaxh = _ldop("ldsmaxh", _LDOP, size=1, a=0, r=0, op=_SMAX)
    ldsmaxa = _ldop("ldsmaxa", _LDOP, size=None, a=1, r=0, op=_SMAX)
    ldsmaxab = _ldop("ldsmaxab", _LDOP, size=0, a=1, r=0, op=_SMAX)
    ldsmaxah = _ldop("ldsmaxah", _LDOP, size=1, a=1, r=0, op=_SMAX)
    ldsmaxl = _ldop("ldsmaxl", _LDOP, size=None, a=0, r=1, op=_SMAX)
    ldsmaxlb = _ldop("ldsmaxlb", _LDOP, size=0, a=0, r=1, op=_SMAX)
    ldsmaxlh = _ldop("ldsmaxlh", _LDOP, size=1, a=0, r=1, op=_SMAX)
    ldsmaxal = _ldop("ldsmaxal", _LDOP, size=None, a=1, r=1, op=_SMAX)
    ldsmaxalb = _ldop("ldsmaxalb", _LDOP, size=0, a=1, r=1, op=_SMAX)
    ldsmaxalh = _ldop("ldsmaxalh", _LDOP, size=1, a=1, r=1, op=_SMAX)
    stsmax = _stop("stsmax", size=None, r=0, op=_SMAX)
    stsmaxb = _stop("stsmaxb", size=0, r=0, op=_SMAX)
    stsmaxh = _stop("stsmaxh", size=1, r=0, op=_SMAX)
    stsmaxl = _stop("stsmaxl", size=None, r=1, op=_SMAX)
    stsmaxlb = _stop("stsmaxlb", size=0, r=1, op=_SMAX)
    stsmaxlh = _stop("stsmaxlh", size=1, r=1, op=_SMAX)
    ldsmin = _ldop("ldsmin", _LDOP, size=None, a=0, r=0, op=_SMIN)
    ldsminb = _ldop("ldsminb", _LDOP, size=0, a=0, r=0, op=_SMIN)
    ldsminh = _ldop("ldsminh", _LDOP, size=1, a=0, r=0, op=_SMIN)
    ldsmina = _ldop("ldsmina", _LDOP, size=None, a=1, r=0, op=_SMIN)
    ldsminab = _ldop("ldsminab", _LDOP, size=0, a=1, r=0, op=_SMIN)
    ldsminah = _ldop("ldsminah", _LDOP, size=1, a=1, r=0, op=_SMIN)
    ldsminl = _ldop("ldsminl", _LDOP, size=None, a=0, r=1, op=_SMIN)
    ldsminlb = _ldop("ldsminlb", _LDOP, size=0, a=0, r=1, op=_SMIN)
    ldsminlh = _ldop("ldsminlh", _LDOP, size=1, a=0, r=1, op=_SMIN)
    ldsminal = _ldop("ldsminal", _LDOP, size=None, a=1, r=1, op=_SMIN)
    ldsminalb = _ldop("ldsminalb", _LDOP, size=0, a=1, r=1, op=_SMIN)
    ldsminalh = _ldop("ldsminalh", _LDOP, size=1, a=1, r=1, op=_SMIN)
    stsmin = _stop("stsmin", size=None, r=0, op=_SMIN)
    stsminb = _stop("stsminb", size=0, r=0, op=_SMIN)
    stsminh = _stop("stsminh", size=1, r=0, op=_SMIN)
    stsminl = _stop("stsminl", size=None, r=1, op=_SMIN)
    stsminlb = _stop("stsminlb", size=0, r=1, op=_SMIN)
    stsminlh = _stop("stsminlh", size=1, r=1, op=_SMIN)
    ldumax = _ldop("ldumax", _LDOP, size=None, a=0, r=0, op=_UMAX)
    ldumaxb = _ldop("ldumaxb", _LDOP, size=0, a=0, r=0, op=_UMAX)
    ldumaxh = _ldop("ldumaxh", _LDOP, size=1, a=0, r=0, op=_UMAX)
    ldumaxa = _ldop("ldumaxa", _LDOP, size=None, a=1, r=0, op=_UMAX)
    ldumaxab = _ldop("ldumaxab", _LDOP, size=0, a=1, r=0, op=_UMAX)
    ldumaxah = _ldop("ldumaxah", _LDOP, size=1, a=1, r=0, op=_UMAX)
    ldumaxl = _ldop("ldumaxl", _LDOP, size=None, a=0, r=1, op=_UMAX)
    ldumaxlb = _ldop("ldumaxlb", _LDOP, size=0, a=0, r=1, op=_UMAX)
    ldumaxlh = _ldop("ldumaxlh", _LDOP, size=1, a=0, r=1, op=_UMAX)
    ldumaxal = _ldop("ldumaxal", _LDOP, size=None, a=1, r=1, op=_UMAX)
    ldumaxalb = _ldop("ldumaxalb", _LDOP, size=0, a=1, r=1, op=_UMAX)
    ldumaxalh = _ldop("ldumaxalh", _LDOP, size=1, a=1, r=1, op=_UMAX)
    stumax = _stop("stumax", size=None, r=0, op=_UMAX)
    stumaxb = _stop("stumaxb", size=0, r=0, op=_UMAX)
    stumaxh = _stop("stumaxh", size=1, r=0, op=_UMAX)
    stumaxl = _stop("stumaxl", size=None, r=1, op=_UMAX)
    stumaxlb = _stop("stumaxlb", size=0, r=1, op=_UMAX)
    stumaxlh = _stop("stumaxlh", size=1, r=1, op=_UMAX)
    ldumin = _ldop("ldumin", _LDOP, size=None, a=0, r=0, op=_UMIN)
    lduminb = _ldop("lduminb", _LDOP, size=0, a=0, r=0, op=_UMIN)
    lduminh = _ldop("lduminh", _LDOP, size=1, a=0, r=0, op=_UMIN)
    ldumina = _ldop("ldumina", _LDOP, size=None, a=1, r=0, op=_UMIN)
    lduminab = _ldop("lduminab", _LDOP, size=0, a=1, r=0, op=_UMIN)
    lduminah = _ldop("lduminah", _LDOP, size=1, a=1, r=0, op=_UMIN)
    lduminl = _ldop("lduminl", _LDOP, size=None, a=0, r=1, op=_UMIN)
    lduminlb = _ldop("lduminlb", _LDOP, size=0, a=0, r=1, op=_UMIN)
    lduminlh = _ldop("lduminlh", _LDOP, size=1, a=0, r=1, op=_UMIN)
    lduminal = _ldop("lduminal", _LDOP, size=None, a=1, r=1, op=_UMIN)
    lduminalb = _ldop("lduminalb", _LDOP, size=0, a=1, r=1, op=_UMIN)
    lduminalh = _ldop("lduminalh", _LDOP, size=1, a=1, r=1, op=_UMIN)
    stumin = _stop("stumin", size=None, r=0, op=_UMIN)
    stuminb = _stop("stuminb", size=0, r=0, op=_UMIN)
    stuminh = _stop("stuminh", size=1, r=0, op=_UMIN)
    stuminl = _stop("stuminl", size=None, r=1, op=_UMIN)
    stuminlb = _stop("stuminlb", size=0, r=1, op=_UMIN)
    stuminlh = _stop("stuminlh", size=1, r=1, op=_UMIN)
    swp = _ldop("swp", _SWP, size=None, a=0, r=0, op=enc.SWP)
    swpb = _ldop("swpb", _SWP, size=0, a=0, r=0, op=enc.SWP)
    swph = _ldop("swph", _SWP, size=1, a=0, r=0, op=enc.SWP)
    swpa = _ldop("swpa", _SWP, size=None, a=1, r=0, op=enc.SWP)
    swpab = _ldop("swpab", _SWP, size=0, a=1, r=0, op=enc.SWP)
    swpah = _ldop("swpah", _SWP, size=1, a=1, r=0, op=enc.SWP)
    swpl = _ldop("swpl", _SWP, size=None, a=0, r=1, op=enc.SWP)
    swplb = _ldop("swplb", _SWP, size=0, a=0, r=1, op=enc.SWP)
    swplh = _ldop("swplh", _SWP, size=1, a=0, r=1, op=enc.SWP)
    swpal = _ldop("swpal", _SWP, size=None, a=1, r=1, op=enc.SWP)
    swpalb = _ldop("swpalb", _SWP, size=0, a=1, r=1, op=enc.SWP)
    swpalh = _ldop("swpalh", _SWP, size=1, a=1, r=1, op=enc.SWP)
