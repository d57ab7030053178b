"""Exclusive and acquire/release accesses (ldxr, stxr, ldaxr, stlxr, ldxp, stxp, ldaxp,
stlxp, ldar, stlr, ldlar, stllr, ldapr, each with b/h variants where they exist) and
the LSE atomics (cas, casp, ldadd, ldclr, ldeor, ldset, ldsmax, ldsmin, ldumax, ldumin,
swp with their a/l/al and b/h variants, and the st<op> aliases).

The memory operand is ``mem(xn)`` / ``mem(sp)``: a base register with no offset and no
writeback (LLVM also accepts ``[xn, #0]`` for the exclusive and acquire/release forms).
Every mnemonic is one method, made by a factory per encoding class so that each
class's operand checks are written once; the unpredictable forms that LLVM rejects
(a store-exclusive whose status register is also the data or the base) raise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from ..encoding import atomic as enc
from ..errors import EncodingError, bad_operand
from ..operands import GPRegister, Mem
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


# -- one factory per encoding class --------------------------------------------------------

Load = Callable[["AtomicMixin", GPRegister, Mem], None]
Store = Callable[["AtomicMixin", GPRegister, GPRegister, Mem], None]
LoadPair = Callable[["AtomicMixin", GPRegister, GPRegister, Mem], None]
StorePair = Callable[["AtomicMixin", GPRegister, GPRegister, GPRegister, Mem], None]
Cas = Callable[["AtomicMixin", GPRegister, GPRegister, Mem], None]
CasPair = Callable[["AtomicMixin", GPRegister, GPRegister, GPRegister, GPRegister, Mem], None]
StOp = Callable[["AtomicMixin", GPRegister, Mem], None]


def _named(method: Callable[..., None], name: str, doc: str) -> None:
    method.__name__ = method.__qualname__ = name
    method.__doc__ = doc


def _load(insn: str, size: int | None, o2: int, l: int, o0: int,
          what: str) -> Load:
    """ldxr, ldaxr, ldar, ldlar, stlr, stllr (one data register, no status)."""
    def method(self: AtomicMixin, rt: GPRegister, addr: Mem) -> None:
        sz = _reg(insn, "register", rt, size)
        self._put(enc.exclusive(insn, sz, o2, l, 0, 31, o0, 31, _base(insn, addr), rt.code))
    _named(method, insn, f"``{insn} rt, [xn|sp]``: {what}.")
    return method


def _ldapr(insn: str, size: int | None) -> Load:
    def method(self: AtomicMixin, rt: GPRegister, addr: Mem) -> None:
        sz = _reg(insn, "register", rt, size)
        self._put(enc.atomic_op(insn, sz, 1, 0, 31, enc.LDAPR, _base(insn, addr), rt.code))
    _named(method, insn, f"``{insn} rt, [xn|sp]``: load-acquire RCpc (ARMv8.3).")
    return method


def _store(insn: str, size: int | None, o0: int) -> Store:
    """stxr, stlxr: status, data, [base]."""
    def method(self: AtomicMixin, rs: GPRegister, rt: GPRegister, addr: Mem) -> None:
        s = _status(insn, rs)
        sz = _reg(insn, "register", rt, size)
        n = _base(insn, addr)
        _unpredictable(insn, s, (rt.code,), n)
        self._put(enc.exclusive(insn, sz, 0, 0, 0, s, o0, 31, n, rt.code))
    kind = "store-release exclusive" if o0 else "store exclusive"
    _named(method, insn, f"``{insn} ws, rt, [xn|sp]``: {kind}; ws = 0 on success, 1 on "
           "failure.")
    return method


def _load_pair(insn: str, o0: int) -> LoadPair:
    def method(self: AtomicMixin, rt: GPRegister, rt2: GPRegister, addr: Mem) -> None:
        sz = _reg(insn, "first register", rt, None)
        t2 = _same(insn, "second register", rt2, sz)
        if t2 == rt.code:
            # CONSTRAINED UNPREDICTABLE (ARM ARM C6.2 LDXP); LLVM 14 accepts it, we don't.
            raise EncodingError(f"{insn}: second register {rt2} repeats the first; "
                                "allowed: two different registers")
        self._put(enc.exclusive(insn, sz, 0, 1, 1, 31, o0, t2, _base(insn, addr), rt.code))
    kind = "load-acquire exclusive pair" if o0 else "load exclusive pair"
    _named(method, insn, f"``{insn} rt, rt2, [xn|sp]``: {kind}.")
    return method


def _store_pair(insn: str, o0: int) -> StorePair:
    def method(self: AtomicMixin, rs: GPRegister, rt: GPRegister, rt2: GPRegister,
               addr: Mem) -> None:
        s = _status(insn, rs)
        sz = _reg(insn, "first register", rt, None)
        t2 = _same(insn, "second register", rt2, sz)
        n = _base(insn, addr)
        _unpredictable(insn, s, (rt.code, t2), n)
        self._put(enc.exclusive(insn, sz, 0, 0, 1, s, o0, t2, n, rt.code))
    kind = "store-release exclusive pair" if o0 else "store exclusive pair"
    _named(method, insn, f"``{insn} ws, rt, rt2, [xn|sp]``: {kind}; ws = 0 on success.")
    return method


def _cas(insn: str, size: int | None, l: int, o0: int) -> Cas:
    def method(self: AtomicMixin, rs: GPRegister, rt: GPRegister, addr: Mem) -> None:
        sz = _reg(insn, "compare register", rs, size)
        t = _same(insn, "new value register", rt, sz)
        self._put(enc.exclusive(insn, sz, 1, l, 1, rs.code, o0, 31, _base(insn, addr), t))
    _named(method, insn, f"``{insn} rs, rt, [xn|sp]``: compare and swap (LSE); rs "
           "receives the old value.")
    return method


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


def _casp(insn: str, l: int, o0: int) -> CasPair:
    def method(self: AtomicMixin, rs: GPRegister, rs2: GPRegister, rt: GPRegister,
               rt2: GPRegister, addr: Mem) -> None:
        s = _pair_first(insn, "first compare register", rs, None)
        _pair_second(insn, "second compare register", rs2, rs)
        t = _pair_first(insn, "first new value register", rt, rs.size)
        _pair_second(insn, "second new value register", rt2, rt)
        self._put(enc.exclusive(insn, rs.size >> 6, 0, l, 1, s, o0, 31, _base(insn, addr), t))
    _named(method, insn, f"``{insn} rs, rs+1, rt, rt+1, [xn|sp]``: compare and swap a "
           "pair (LSE); even/odd register pairs.")
    return method


def _ldop(insn: str, size: int | None, a: int, r: int, op: int) -> Cas:
    def method(self: AtomicMixin, rs: GPRegister, rt: GPRegister, addr: Mem) -> None:
        sz = _reg(insn, "source register", rs, size)
        t = _same(insn, "destination", rt, sz)
        self._put(enc.atomic_op(insn, sz, a, r, rs.code, op, _base(insn, addr), t))
    what = "swap" if op == enc.SWP else "atomic read-modify-write"
    _named(method, insn, f"``{insn} rs, rt, [xn|sp]``: {what} (LSE); rt receives the old "
           "value.")
    return method


def _stop(insn: str, size: int | None, r: int, op: int) -> StOp:
    def method(self: AtomicMixin, rs: GPRegister, addr: Mem) -> None:
        sz = _reg(insn, "source register", rs, size)
        self._put(enc.atomic_op(insn, sz, 0, r, rs.code, op, _base(insn, addr), 31))
    base = "ld" + insn[2:]
    _named(method, insn, f"``{insn} rs, [xn|sp]`` = ``{base} rs, zr, [xn|sp]`` (LSE).")
    return method


class AtomicMixin(AssemblerCore):
    """Exclusive, acquire/release and LSE atomic accesses."""

    # -- load/store exclusive, load-acquire/store-release ---------------------------
    ldxr = _load("ldxr", None, 0, 1, 0, "load exclusive")
    ldaxr = _load("ldaxr", None, 0, 1, 1, "load-acquire exclusive")
    stxr = _store("stxr", None, 0)
    stlxr = _store("stlxr", None, 1)
    ldar = _load("ldar", None, 1, 1, 1, "load-acquire")
    stlr = _load("stlr", None, 1, 0, 1, "store-release")
    ldlar = _load("ldlar", None, 1, 1, 0, "load LOAcquire (ARMv8.1)")
    stllr = _load("stllr", None, 1, 0, 0, "store LORelease (ARMv8.1)")
    ldapr = _ldapr("ldapr", None)
    ldxrb = _load("ldxrb", 0, 0, 1, 0, "load exclusive")
    ldaxrb = _load("ldaxrb", 0, 0, 1, 1, "load-acquire exclusive")
    stxrb = _store("stxrb", 0, 0)
    stlxrb = _store("stlxrb", 0, 1)
    ldarb = _load("ldarb", 0, 1, 1, 1, "load-acquire")
    stlrb = _load("stlrb", 0, 1, 0, 1, "store-release")
    ldlarb = _load("ldlarb", 0, 1, 1, 0, "load LOAcquire (ARMv8.1)")
    stllrb = _load("stllrb", 0, 1, 0, 0, "store LORelease (ARMv8.1)")
    ldaprb = _ldapr("ldaprb", 0)
    ldxrh = _load("ldxrh", 1, 0, 1, 0, "load exclusive")
    ldaxrh = _load("ldaxrh", 1, 0, 1, 1, "load-acquire exclusive")
    stxrh = _store("stxrh", 1, 0)
    stlxrh = _store("stlxrh", 1, 1)
    ldarh = _load("ldarh", 1, 1, 1, 1, "load-acquire")
    stlrh = _load("stlrh", 1, 1, 0, 1, "store-release")
    ldlarh = _load("ldlarh", 1, 1, 1, 0, "load LOAcquire (ARMv8.1)")
    stllrh = _load("stllrh", 1, 1, 0, 0, "store LORelease (ARMv8.1)")
    ldaprh = _ldapr("ldaprh", 1)
    ldxp = _load_pair("ldxp", 0)
    ldaxp = _load_pair("ldaxp", 1)
    stxp = _store_pair("stxp", 0)
    stlxp = _store_pair("stlxp", 1)

    # -- compare and swap (LSE) ----------------------------------------------------
    cas = _cas("cas", None, 0, 0)
    casb = _cas("casb", 0, 0, 0)
    cash = _cas("cash", 1, 0, 0)
    casa = _cas("casa", None, 1, 0)
    casab = _cas("casab", 0, 1, 0)
    casah = _cas("casah", 1, 1, 0)
    casl = _cas("casl", None, 0, 1)
    caslb = _cas("caslb", 0, 0, 1)
    caslh = _cas("caslh", 1, 0, 1)
    casal = _cas("casal", None, 1, 1)
    casalb = _cas("casalb", 0, 1, 1)
    casalh = _cas("casalh", 1, 1, 1)
    casp = _casp("casp", 0, 0)
    caspa = _casp("caspa", 1, 0)
    caspl = _casp("caspl", 0, 1)
    caspal = _casp("caspal", 1, 1)

    # -- atomic memory operations (LSE) and their st<op> aliases -------------------
    ldadd = _ldop("ldadd", None, 0, 0, enc.LDOPS["add"])
    ldaddb = _ldop("ldaddb", 0, 0, 0, enc.LDOPS["add"])
    ldaddh = _ldop("ldaddh", 1, 0, 0, enc.LDOPS["add"])
    ldadda = _ldop("ldadda", None, 1, 0, enc.LDOPS["add"])
    ldaddab = _ldop("ldaddab", 0, 1, 0, enc.LDOPS["add"])
    ldaddah = _ldop("ldaddah", 1, 1, 0, enc.LDOPS["add"])
    ldaddl = _ldop("ldaddl", None, 0, 1, enc.LDOPS["add"])
    ldaddlb = _ldop("ldaddlb", 0, 0, 1, enc.LDOPS["add"])
    ldaddlh = _ldop("ldaddlh", 1, 0, 1, enc.LDOPS["add"])
    ldaddal = _ldop("ldaddal", None, 1, 1, enc.LDOPS["add"])
    ldaddalb = _ldop("ldaddalb", 0, 1, 1, enc.LDOPS["add"])
    ldaddalh = _ldop("ldaddalh", 1, 1, 1, enc.LDOPS["add"])
    stadd = _stop("stadd", None, 0, enc.LDOPS["add"])
    staddb = _stop("staddb", 0, 0, enc.LDOPS["add"])
    staddh = _stop("staddh", 1, 0, enc.LDOPS["add"])
    staddl = _stop("staddl", None, 1, enc.LDOPS["add"])
    staddlb = _stop("staddlb", 0, 1, enc.LDOPS["add"])
    staddlh = _stop("staddlh", 1, 1, enc.LDOPS["add"])
    ldclr = _ldop("ldclr", None, 0, 0, enc.LDOPS["clr"])
    ldclrb = _ldop("ldclrb", 0, 0, 0, enc.LDOPS["clr"])
    ldclrh = _ldop("ldclrh", 1, 0, 0, enc.LDOPS["clr"])
    ldclra = _ldop("ldclra", None, 1, 0, enc.LDOPS["clr"])
    ldclrab = _ldop("ldclrab", 0, 1, 0, enc.LDOPS["clr"])
    ldclrah = _ldop("ldclrah", 1, 1, 0, enc.LDOPS["clr"])
    ldclrl = _ldop("ldclrl", None, 0, 1, enc.LDOPS["clr"])
    ldclrlb = _ldop("ldclrlb", 0, 0, 1, enc.LDOPS["clr"])
    ldclrlh = _ldop("ldclrlh", 1, 0, 1, enc.LDOPS["clr"])
    ldclral = _ldop("ldclral", None, 1, 1, enc.LDOPS["clr"])
    ldclralb = _ldop("ldclralb", 0, 1, 1, enc.LDOPS["clr"])
    ldclralh = _ldop("ldclralh", 1, 1, 1, enc.LDOPS["clr"])
    stclr = _stop("stclr", None, 0, enc.LDOPS["clr"])
    stclrb = _stop("stclrb", 0, 0, enc.LDOPS["clr"])
    stclrh = _stop("stclrh", 1, 0, enc.LDOPS["clr"])
    stclrl = _stop("stclrl", None, 1, enc.LDOPS["clr"])
    stclrlb = _stop("stclrlb", 0, 1, enc.LDOPS["clr"])
    stclrlh = _stop("stclrlh", 1, 1, enc.LDOPS["clr"])
    ldeor = _ldop("ldeor", None, 0, 0, enc.LDOPS["eor"])
    ldeorb = _ldop("ldeorb", 0, 0, 0, enc.LDOPS["eor"])
    ldeorh = _ldop("ldeorh", 1, 0, 0, enc.LDOPS["eor"])
    ldeora = _ldop("ldeora", None, 1, 0, enc.LDOPS["eor"])
    ldeorab = _ldop("ldeorab", 0, 1, 0, enc.LDOPS["eor"])
    ldeorah = _ldop("ldeorah", 1, 1, 0, enc.LDOPS["eor"])
    ldeorl = _ldop("ldeorl", None, 0, 1, enc.LDOPS["eor"])
    ldeorlb = _ldop("ldeorlb", 0, 0, 1, enc.LDOPS["eor"])
    ldeorlh = _ldop("ldeorlh", 1, 0, 1, enc.LDOPS["eor"])
    ldeoral = _ldop("ldeoral", None, 1, 1, enc.LDOPS["eor"])
    ldeoralb = _ldop("ldeoralb", 0, 1, 1, enc.LDOPS["eor"])
    ldeoralh = _ldop("ldeoralh", 1, 1, 1, enc.LDOPS["eor"])
    steor = _stop("steor", None, 0, enc.LDOPS["eor"])
    steorb = _stop("steorb", 0, 0, enc.LDOPS["eor"])
    steorh = _stop("steorh", 1, 0, enc.LDOPS["eor"])
    steorl = _stop("steorl", None, 1, enc.LDOPS["eor"])
    steorlb = _stop("steorlb", 0, 1, enc.LDOPS["eor"])
    steorlh = _stop("steorlh", 1, 1, enc.LDOPS["eor"])
    ldset = _ldop("ldset", None, 0, 0, enc.LDOPS["set"])
    ldsetb = _ldop("ldsetb", 0, 0, 0, enc.LDOPS["set"])
    ldseth = _ldop("ldseth", 1, 0, 0, enc.LDOPS["set"])
    ldseta = _ldop("ldseta", None, 1, 0, enc.LDOPS["set"])
    ldsetab = _ldop("ldsetab", 0, 1, 0, enc.LDOPS["set"])
    ldsetah = _ldop("ldsetah", 1, 1, 0, enc.LDOPS["set"])
    ldsetl = _ldop("ldsetl", None, 0, 1, enc.LDOPS["set"])
    ldsetlb = _ldop("ldsetlb", 0, 0, 1, enc.LDOPS["set"])
    ldsetlh = _ldop("ldsetlh", 1, 0, 1, enc.LDOPS["set"])
    ldsetal = _ldop("ldsetal", None, 1, 1, enc.LDOPS["set"])
    ldsetalb = _ldop("ldsetalb", 0, 1, 1, enc.LDOPS["set"])
    ldsetalh = _ldop("ldsetalh", 1, 1, 1, enc.LDOPS["set"])
    stset = _stop("stset", None, 0, enc.LDOPS["set"])
    stsetb = _stop("stsetb", 0, 0, enc.LDOPS["set"])
    stseth = _stop("stseth", 1, 0, enc.LDOPS["set"])
    stsetl = _stop("stsetl", None, 1, enc.LDOPS["set"])
    stsetlb = _stop("stsetlb", 0, 1, enc.LDOPS["set"])
    stsetlh = _stop("stsetlh", 1, 1, enc.LDOPS["set"])
    ldsmax = _ldop("ldsmax", None, 0, 0, enc.LDOPS["smax"])
    ldsmaxb = _ldop("ldsmaxb", 0, 0, 0, enc.LDOPS["smax"])
    ldsmaxh = _ldop("ldsmaxh", 1, 0, 0, enc.LDOPS["smax"])
    ldsmaxa = _ldop("ldsmaxa", None, 1, 0, enc.LDOPS["smax"])
    ldsmaxab = _ldop("ldsmaxab", 0, 1, 0, enc.LDOPS["smax"])
    ldsmaxah = _ldop("ldsmaxah", 1, 1, 0, enc.LDOPS["smax"])
    ldsmaxl = _ldop("ldsmaxl", None, 0, 1, enc.LDOPS["smax"])
    ldsmaxlb = _ldop("ldsmaxlb", 0, 0, 1, enc.LDOPS["smax"])
    ldsmaxlh = _ldop("ldsmaxlh", 1, 0, 1, enc.LDOPS["smax"])
    ldsmaxal = _ldop("ldsmaxal", None, 1, 1, enc.LDOPS["smax"])
    ldsmaxalb = _ldop("ldsmaxalb", 0, 1, 1, enc.LDOPS["smax"])
    ldsmaxalh = _ldop("ldsmaxalh", 1, 1, 1, enc.LDOPS["smax"])
    stsmax = _stop("stsmax", None, 0, enc.LDOPS["smax"])
    stsmaxb = _stop("stsmaxb", 0, 0, enc.LDOPS["smax"])
    stsmaxh = _stop("stsmaxh", 1, 0, enc.LDOPS["smax"])
    stsmaxl = _stop("stsmaxl", None, 1, enc.LDOPS["smax"])
    stsmaxlb = _stop("stsmaxlb", 0, 1, enc.LDOPS["smax"])
    stsmaxlh = _stop("stsmaxlh", 1, 1, enc.LDOPS["smax"])
    ldsmin = _ldop("ldsmin", None, 0, 0, enc.LDOPS["smin"])
    ldsminb = _ldop("ldsminb", 0, 0, 0, enc.LDOPS["smin"])
    ldsminh = _ldop("ldsminh", 1, 0, 0, enc.LDOPS["smin"])
    ldsmina = _ldop("ldsmina", None, 1, 0, enc.LDOPS["smin"])
    ldsminab = _ldop("ldsminab", 0, 1, 0, enc.LDOPS["smin"])
    ldsminah = _ldop("ldsminah", 1, 1, 0, enc.LDOPS["smin"])
    ldsminl = _ldop("ldsminl", None, 0, 1, enc.LDOPS["smin"])
    ldsminlb = _ldop("ldsminlb", 0, 0, 1, enc.LDOPS["smin"])
    ldsminlh = _ldop("ldsminlh", 1, 0, 1, enc.LDOPS["smin"])
    ldsminal = _ldop("ldsminal", None, 1, 1, enc.LDOPS["smin"])
    ldsminalb = _ldop("ldsminalb", 0, 1, 1, enc.LDOPS["smin"])
    ldsminalh = _ldop("ldsminalh", 1, 1, 1, enc.LDOPS["smin"])
    stsmin = _stop("stsmin", None, 0, enc.LDOPS["smin"])
    stsminb = _stop("stsminb", 0, 0, enc.LDOPS["smin"])
    stsminh = _stop("stsminh", 1, 0, enc.LDOPS["smin"])
    stsminl = _stop("stsminl", None, 1, enc.LDOPS["smin"])
    stsminlb = _stop("stsminlb", 0, 1, enc.LDOPS["smin"])
    stsminlh = _stop("stsminlh", 1, 1, enc.LDOPS["smin"])
    ldumax = _ldop("ldumax", None, 0, 0, enc.LDOPS["umax"])
    ldumaxb = _ldop("ldumaxb", 0, 0, 0, enc.LDOPS["umax"])
    ldumaxh = _ldop("ldumaxh", 1, 0, 0, enc.LDOPS["umax"])
    ldumaxa = _ldop("ldumaxa", None, 1, 0, enc.LDOPS["umax"])
    ldumaxab = _ldop("ldumaxab", 0, 1, 0, enc.LDOPS["umax"])
    ldumaxah = _ldop("ldumaxah", 1, 1, 0, enc.LDOPS["umax"])
    ldumaxl = _ldop("ldumaxl", None, 0, 1, enc.LDOPS["umax"])
    ldumaxlb = _ldop("ldumaxlb", 0, 0, 1, enc.LDOPS["umax"])
    ldumaxlh = _ldop("ldumaxlh", 1, 0, 1, enc.LDOPS["umax"])
    ldumaxal = _ldop("ldumaxal", None, 1, 1, enc.LDOPS["umax"])
    ldumaxalb = _ldop("ldumaxalb", 0, 1, 1, enc.LDOPS["umax"])
    ldumaxalh = _ldop("ldumaxalh", 1, 1, 1, enc.LDOPS["umax"])
    stumax = _stop("stumax", None, 0, enc.LDOPS["umax"])
    stumaxb = _stop("stumaxb", 0, 0, enc.LDOPS["umax"])
    stumaxh = _stop("stumaxh", 1, 0, enc.LDOPS["umax"])
    stumaxl = _stop("stumaxl", None, 1, enc.LDOPS["umax"])
    stumaxlb = _stop("stumaxlb", 0, 1, enc.LDOPS["umax"])
    stumaxlh = _stop("stumaxlh", 1, 1, enc.LDOPS["umax"])
    ldumin = _ldop("ldumin", None, 0, 0, enc.LDOPS["umin"])
    lduminb = _ldop("lduminb", 0, 0, 0, enc.LDOPS["umin"])
    lduminh = _ldop("lduminh", 1, 0, 0, enc.LDOPS["umin"])
    ldumina = _ldop("ldumina", None, 1, 0, enc.LDOPS["umin"])
    lduminab = _ldop("lduminab", 0, 1, 0, enc.LDOPS["umin"])
    lduminah = _ldop("lduminah", 1, 1, 0, enc.LDOPS["umin"])
    lduminl = _ldop("lduminl", None, 0, 1, enc.LDOPS["umin"])
    lduminlb = _ldop("lduminlb", 0, 0, 1, enc.LDOPS["umin"])
    lduminlh = _ldop("lduminlh", 1, 0, 1, enc.LDOPS["umin"])
    lduminal = _ldop("lduminal", None, 1, 1, enc.LDOPS["umin"])
    lduminalb = _ldop("lduminalb", 0, 1, 1, enc.LDOPS["umin"])
    lduminalh = _ldop("lduminalh", 1, 1, 1, enc.LDOPS["umin"])
    stumin = _stop("stumin", None, 0, enc.LDOPS["umin"])
    stuminb = _stop("stuminb", 0, 0, enc.LDOPS["umin"])
    stuminh = _stop("stuminh", 1, 0, enc.LDOPS["umin"])
    stuminl = _stop("stuminl", None, 1, enc.LDOPS["umin"])
    stuminlb = _stop("stuminlb", 0, 1, enc.LDOPS["umin"])
    stuminlh = _stop("stuminlh", 1, 1, enc.LDOPS["umin"])
    swp = _ldop("swp", None, 0, 0, enc.SWP)
    swpb = _ldop("swpb", 0, 0, 0, enc.SWP)
    swph = _ldop("swph", 1, 0, 0, enc.SWP)
    swpa = _ldop("swpa", None, 1, 0, enc.SWP)
    swpab = _ldop("swpab", 0, 1, 0, enc.SWP)
    swpah = _ldop("swpah", 1, 1, 0, enc.SWP)
    swpl = _ldop("swpl", None, 0, 1, enc.SWP)
    swplb = _ldop("swplb", 0, 0, 1, enc.SWP)
    swplh = _ldop("swplh", 1, 0, 1, enc.SWP)
    swpal = _ldop("swpal", None, 1, 1, enc.SWP)
    swpalb = _ldop("swpalb", 0, 1, 1, enc.SWP)
    swpalh = _ldop("swpalh", 1, 1, 1, enc.SWP)
