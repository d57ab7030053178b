"""Typed operands: registers, condition codes, shifts, extends and memory operands.

Registers are interned singletons: ``x0 is XRegister(0)``-style identity holds, so
they hash and compare by identity (fast) and carry everything an encoder needs:
the register number, its width in bits and its class.

Shapes in the Python API::

    a.add(x0, x1, 4)                  # immediate
    a.add(x0, x1, x2, lsl(3))         # shifted register
    a.add(x0, sp, w2, uxtw(2))        # extended register
    a.ldr(x0, mem(x1, 8))             # [x1, #8]
    a.ldr(x0, pre(x1, 16))            # [x1, #16]!
    a.ldr(x0, post(x1, 16))           # [x1], #16
    a.ldr(x0, mem(x1, x2, lsl(3)))    # [x1, x2, lsl #3]
    a.csel(x0, x1, x2, EQ)
"""

from __future__ import annotations

import _thread
import _weakref  # the C module: ``weakref`` costs ~1 ms of import for one mapping
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import TYPE_CHECKING, Final, Literal, Protocol, TypeVar, overload

from .errors import OperandError, text_hint
from .vecops import (
    Msl,
    VArrangement,
    VLaneList,
    VList,
    VPacked,
    VPackedLane,
    arranged,
    msl,
    packed,
    vlanes,
    vlist,
)

_K = TypeVar("_K", bound=Hashable)

__all__ = [
    "AL",
    "AddrMode",
    "CC",
    "CONDITIONS",
    "COND_BY_CODE",
    "CS",
    "Cond",
    "EQ",
    "EXTEND_CODES",
    "Extend",
    "FPRegister",
    "FP_BY_PREFIX",
    "FP_PREFIX_SIZE",
    "GE",
    "GPRegister",
    "GT",
    "HI",
    "HS",
    "LANES",
    "LE",
    "PageOffset",
    "lo12",
    "LO",
    "LS",
    "LT",
    "Lanes",
    "MI",
    "Mem",
    "NE",
    "NV",
    "PL",
    "REGISTERS",
    "RegClass",
    "Register",
    "SHIFT_CODES",
    "Shift",
    "VC",
    "VArrangement",
    "VElement",
    "VLaneList",
    "VList",
    "VPacked",
    "VPackedLane",
    "VRegister",
    "Msl",
    "msl",
    "VS",
    "V_BY_CODE",
    "W_BY_CODE",
    "WbMem",
    "WbReg",
    "X_BY_CODE",
    "asr",
    "b0",
    "b1",
    "b10",
    "b11",
    "b12",
    "b13",
    "b14",
    "b15",
    "b16",
    "b17",
    "b18",
    "b19",
    "b2",
    "b20",
    "b21",
    "b22",
    "b23",
    "b24",
    "b25",
    "b26",
    "b27",
    "b28",
    "b29",
    "b3",
    "b30",
    "b31",
    "b4",
    "b5",
    "b6",
    "b7",
    "b8",
    "b9",
    "d0",
    "d1",
    "d10",
    "d11",
    "d12",
    "d13",
    "d14",
    "d15",
    "d16",
    "d17",
    "d18",
    "d19",
    "d2",
    "d20",
    "d21",
    "d22",
    "d23",
    "d24",
    "d25",
    "d26",
    "d27",
    "d28",
    "d29",
    "d3",
    "d30",
    "d31",
    "d4",
    "d5",
    "d6",
    "d7",
    "d8",
    "d9",
    "fp",
    "h0",
    "h1",
    "h10",
    "h11",
    "h12",
    "h13",
    "h14",
    "h15",
    "h16",
    "h17",
    "h18",
    "h19",
    "h2",
    "h20",
    "h21",
    "h22",
    "h23",
    "h24",
    "h25",
    "h26",
    "h27",
    "h28",
    "h29",
    "h3",
    "h30",
    "h31",
    "h4",
    "h5",
    "h6",
    "h7",
    "h8",
    "h9",
    "ip0",
    "ip1",
    "lr",
    "lsl",
    "lsr",
    "mem",
    "post",
    "pre",
    "q0",
    "q1",
    "q10",
    "q11",
    "q12",
    "q13",
    "q14",
    "q15",
    "q16",
    "q17",
    "q18",
    "q19",
    "q2",
    "q20",
    "q21",
    "q22",
    "q23",
    "q24",
    "q25",
    "q26",
    "q27",
    "q28",
    "q29",
    "q3",
    "q30",
    "q31",
    "q4",
    "q5",
    "q6",
    "q7",
    "q8",
    "q9",
    "ror",
    "s0",
    "s1",
    "s10",
    "s11",
    "s12",
    "s13",
    "s14",
    "s15",
    "s16",
    "s17",
    "s18",
    "s19",
    "s2",
    "s20",
    "s21",
    "s22",
    "s23",
    "s24",
    "s25",
    "s26",
    "s27",
    "s28",
    "s29",
    "s3",
    "s30",
    "s31",
    "s4",
    "s5",
    "s6",
    "s7",
    "s8",
    "s9",
    "sp",
    "sxtb",
    "sxth",
    "sxtw",
    "sxtx",
    "uxtb",
    "uxth",
    "uxtw",
    "uxtx",
    "vlanes",
    "vlist",
    "v0",
    "v1",
    "v10",
    "v11",
    "v12",
    "v13",
    "v14",
    "v15",
    "v16",
    "v17",
    "v18",
    "v19",
    "v2",
    "v20",
    "v21",
    "v22",
    "v23",
    "v24",
    "v25",
    "v26",
    "v27",
    "v28",
    "v29",
    "v3",
    "v30",
    "v31",
    "v4",
    "v5",
    "v6",
    "v7",
    "v8",
    "v9",
    "w0",
    "w1",
    "w10",
    "w11",
    "w12",
    "w13",
    "w14",
    "w15",
    "w16",
    "w17",
    "w18",
    "w19",
    "w2",
    "w20",
    "w21",
    "w22",
    "w23",
    "w24",
    "w25",
    "w26",
    "w27",
    "w28",
    "w29",
    "w3",
    "w30",
    "w4",
    "w5",
    "w6",
    "w7",
    "w8",
    "w9",
    "wb",
    "wsp",
    "wzr",
    "x0",
    "x1",
    "x10",
    "x11",
    "x12",
    "x13",
    "x14",
    "x15",
    "x16",
    "x17",
    "x18",
    "x19",
    "x2",
    "x20",
    "x21",
    "x22",
    "x23",
    "x24",
    "x25",
    "x26",
    "x27",
    "x28",
    "x29",
    "x3",
    "x30",
    "x4",
    "x5",
    "x6",
    "x7",
    "x8",
    "x9",
    "xzr",
]

# ---------------------------------------------------------------------------
# Registers
# ---------------------------------------------------------------------------

RegClass = Literal["gp", "fp"]


class Register:
    """Base class of all registers. ``code`` is the 5-bit register number."""

    __slots__ = ("code", "name", "size")
    cls: RegClass = "gp"

    def __init__(self, code: int, size: int, name: str) -> None:
        self.code: Final = code
        self.size: Final = size
        self.name: Final = name

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self) -> str:  # pickling keeps identity
        return self.name


class GPRegister(Register):
    """A general-purpose register: ``x0``..``x30``, ``xzr``/``sp`` or their ``w`` halves.

    Register number 31 means either the zero register or the stack pointer
    depending on the instruction; ``is_sp`` says which one the user wrote.
    """

    __slots__ = ("is_sp",)
    cls: RegClass = "gp"

    def __init__(self, code: int, size: int, name: str, is_sp: bool = False) -> None:
        super().__init__(code, size, name)
        self.is_sp: Final = is_sp

    @property
    def is_zr(self) -> bool:
        return self.code == 31 and not self.is_sp

    @property
    def x(self) -> GPRegister:
        """The 64-bit view of this register."""
        return X_BY_CODE[self.code] if not self.is_sp else sp

    @property
    def w(self) -> GPRegister:
        """The 32-bit view of this register."""
        return W_BY_CODE[self.code] if not self.is_sp else wsp


class FPRegister(Register):
    """A SIMD&FP register viewed as a scalar: ``b``, ``h``, ``s``, ``d`` or ``q``."""

    __slots__ = ()
    cls: RegClass = "fp"


def _gp(prefix: str, size: int) -> list[GPRegister]:
    regs = [GPRegister(i, size, f"{prefix}{i}") for i in range(31)]
    regs.append(GPRegister(31, size, f"{prefix}zr"))
    return regs


X_BY_CODE: Final = _gp("x", 64)
W_BY_CODE: Final = _gp("w", 32)
sp: Final = GPRegister(31, 64, "sp", is_sp=True)
wsp: Final = GPRegister(31, 32, "wsp", is_sp=True)

FP_PREFIX_SIZE: Final = {"b": 8, "h": 16, "s": 32, "d": 64, "q": 128}
FP_BY_PREFIX: Final = {
    p: [FPRegister(i, size, f"{p}{i}") for i in range(32)] for p, size in FP_PREFIX_SIZE.items()
}

(x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x18, x19,
 x20, x21, x22, x23, x24, x25, x26, x27, x28, x29, x30, xzr) = X_BY_CODE
(w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15, w16, w17, w18, w19,
 w20, w21, w22, w23, w24, w25, w26, w27, w28, w29, w30, wzr) = W_BY_CODE
(b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19,
 b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31) = FP_BY_PREFIX["b"]
(h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, h12, h13, h14, h15, h16, h17, h18, h19,
 h20, h21, h22, h23, h24, h25, h26, h27, h28, h29, h30, h31) = FP_BY_PREFIX["h"]
(s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, s16, s17, s18, s19,
 s20, s21, s22, s23, s24, s25, s26, s27, s28, s29, s30, s31) = FP_BY_PREFIX["s"]
(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12, d13, d14, d15, d16, d17, d18, d19,
 d20, d21, d22, d23, d24, d25, d26, d27, d28, d29, d30, d31) = FP_BY_PREFIX["d"]
(q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, q13, q14, q15, q16, q17, q18, q19,
 q20, q21, q22, q23, q24, q25, q26, q27, q28, q29, q30, q31) = FP_BY_PREFIX["q"]



class VElement:
    """One lane of a vector register, such as ``v1.d[1]``: register ``code``, lane
    ``size`` in bits and ``index``. Lanes are shared objects, compared by identity."""

    __slots__ = ("code", "index", "name", "size")

    def __init__(self, code: int, size: int, index: int, name: str) -> None:
        self.code: Final = code
        self.size: Final = size
        self.index: Final = index
        self.name: Final = name

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self) -> tuple[object, tuple[str]]:  # pickling keeps identity
        return _lane, (self.name,)


class Lanes:
    """The lanes of one size of a vector register: ``v1.d[1]``; a bad index raises."""

    __slots__ = ("_elements", "_what")

    def __init__(self, elements: tuple[VElement, ...], what: str) -> None:
        self._elements: Final = elements
        self._what: Final = what

    def __getitem__(self, index: int) -> VElement:
        if type(index) is int and 0 <= index < len(self._elements):
            return self._elements[index]
        raise OperandError(f"{self._what}[{index!r}]: lane index must be an int "
                           f"0..{len(self._elements) - 1}")

    def __len__(self) -> int:
        return len(self._elements)


class VRegister(Register):
    """A SIMD&FP register viewed as a vector, ``v0``..``v31``: its lanes ``.b[i]``,
    ``.h[i]``, ``.s[i]``, ``.d[i]`` (``v1.d[1]``) and its arrangements ``.b8``, ``.b16``,
    ``.h4``, ``.h8``, ``.s2``, ``.s4``, ``.d1``, ``.d2``, ``.q1`` (``v0.s4`` is v0.4s); the
    32-bit groups ``.b4[i]``, ``.h2[i]`` and ``.h2`` of the dot products and FP16 pairwise
    (``v2.b4[3]`` is v2.4b[3])."""

    __slots__ = ("b", "d", "h", "s")
    cls: RegClass = "fp"
    b: Lanes
    h: Lanes
    s: Lanes
    d: Lanes

    def __init__(self, code: int) -> None:
        super().__init__(code, 128, f"v{code}")

    if not TYPE_CHECKING:  # (b, h, s, d are declared above for type checkers)
        def __getattr__(self, name: str) -> Lanes:
            # The lanes are made on first use (960 objects at import otherwise); the
            # slot is then set, so later reads never come here.
            size = _LANE_BITS.get(name)
            if size is None:
                raise AttributeError(f"'VRegister' object has no attribute {name!r}")
            with _INTERN_LOCK:  # one object per lane, even when two threads race here
                try:
                    return object.__getattribute__(self, name)
                except AttributeError:
                    pass
                code = self.code
                what = f"v{code}.{name}"
                lanes = Lanes(tuple(VElement(code, size, i, f"{what}[{i}]")
                                    for i in range(128 // size)), what)
                object.__setattr__(self, name, lanes)
            return lanes

    # Arrangements (``v0.s4`` is v0.4s): see a64jit.vecops.
    @property
    def b8(self) -> VArrangement:
        return arranged(self.code, "b8")

    @property
    def b16(self) -> VArrangement:
        return arranged(self.code, "b16")

    @property
    def h4(self) -> VArrangement:
        return arranged(self.code, "h4")

    @property
    def h8(self) -> VArrangement:
        return arranged(self.code, "h8")

    @property
    def s2(self) -> VArrangement:
        return arranged(self.code, "s2")

    @property
    def s4(self) -> VArrangement:
        return arranged(self.code, "s4")

    @property
    def d1(self) -> VArrangement:
        return arranged(self.code, "d1")

    @property
    def d2(self) -> VArrangement:
        return arranged(self.code, "d2")

    @property
    def q1(self) -> VArrangement:
        return arranged(self.code, "q1")

    # 32-bit groups of narrow lanes (``v1.h2`` is v1.2h, ``v2.b4[3]`` is v2.4b[3]).
    @property
    def b4(self) -> VPacked:
        return packed(self.code, "b4")

    @property
    def h2(self) -> VPacked:
        return packed(self.code, "h2")


_LANE_BITS: Final = {"b": 8, "h": 16, "s": 32, "d": 64}
V_BY_CODE: Final = [VRegister(i) for i in range(32)]
(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19,
 v20, v21, v22, v23, v24, v25, v26, v27, v28, v29, v30, v31) = V_BY_CODE


class _LaneNames(Mapping[str, VElement]):
    """:data:`LANES`: a read-only mapping made on first use (it holds every lane)."""

    __slots__ = ("_by_name",)

    def __init__(self) -> None:
        self._by_name: dict[str, VElement] | None = None

    def _all(self) -> dict[str, VElement]:
        found = self._by_name
        if found is None:
            found = self._by_name = {e.name: e for v in V_BY_CODE
                                     for lanes in (v.b, v.h, v.s, v.d) for e in lanes._elements}
        return found

    def __getitem__(self, name: str) -> VElement:
        return self._all()[name]

    def get(self, name: str, default: VElement | None = None) -> VElement | None:  # type: ignore[override]
        return self._all().get(name, default)

    def __contains__(self, name: object) -> bool:
        return name in self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


#: Every vector lane by its lower-case assembly name (``"v1.d[1]"``).
LANES: Final[Mapping[str, VElement]] = _LaneNames()


def _lane(name: str) -> VElement:
    return LANES[name]

fp: Final = x29  # frame pointer alias
lr: Final = x30  # link register alias
ip0: Final = x16  # intra-procedure-call scratch registers
ip1: Final = x17

#: Every register by its lower-case assembly name (including aliases fp, lr, ip0, ip1).
REGISTERS: Final[dict[str, Register]] = {
    r.name: r
    for r in [*X_BY_CODE, *W_BY_CODE, sp, wsp, *(r for v in FP_BY_PREFIX.values() for r in v),
              *V_BY_CODE]
}
REGISTERS.update({"fp": x29, "lr": x30, "ip0": x16, "ip1": x17})

#: The register names the text front-end reads: LLVM's (fp and lr, but not ip0/ip1,
#: which llvm-mc 14 rejects; they stay Python-side aliases).
ASM_REGISTERS: Final[dict[str, Register]] = {
    k: r for k, r in REGISTERS.items() if k not in ("ip0", "ip1")}


# ---------------------------------------------------------------------------
# Condition codes (ARM ARM C1.2.4)
# ---------------------------------------------------------------------------


class Cond:
    """A condition code; ``~cond`` is its inverse (``~EQ is NE``)."""

    __slots__ = ("code", "name")

    def __init__(self, code: int, name: str) -> None:
        self.code: Final = code
        self.name: Final = name

    def __invert__(self) -> Cond:
        return COND_BY_CODE[self.code ^ 1]

    def __repr__(self) -> str:
        return self.name.upper()


COND_BY_CODE: Final = [
    Cond(i, n)
    for i, n in enumerate(
        ["eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc",
         "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"]
    )
]
(EQ, NE, HS, LO, MI, PL, VS, VC, HI, LS, GE, LT, GT, LE, AL, NV) = COND_BY_CODE
CS: Final = HS
CC: Final = LO
#: Every condition by its lower-case name, including the cs/cc spellings.
CONDITIONS: Final[dict[str, Cond]] = {c.name: c for c in COND_BY_CODE}
CONDITIONS.update({"cs": HS, "cc": LO})


# ---------------------------------------------------------------------------
# Shifts and extends
# ---------------------------------------------------------------------------

SHIFT_CODES: Final = {"lsl": 0, "lsr": 1, "asr": 2, "ror": 3}
EXTEND_CODES: Final = {
    "uxtb": 0, "uxth": 1, "uxtw": 2, "uxtx": 3, "sxtb": 4, "sxth": 5, "sxtw": 6, "sxtx": 7,
}


class _Frozen:
    """Operand values are shared (interned), so they refuse to change after ``__init__``.
    Their hash is computed once: they are looked up on the assembler's hot path.
    (Shift, Extend and Mem go further, see :func:`_intern`: one object per value, so
    their hash is the identity hash, computed in C.)"""

    __slots__ = ("_hash",)
    _hash: int

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} operands are immutable")

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:  # pickle and copy rebuild
        return type(self), self._args()

    def _args(self) -> tuple[object, ...]:
        raise NotImplementedError

    def _set(self, **fields: object) -> None:
        for name, value in fields.items():
            object.__setattr__(self, name, value)


_F = TypeVar("_F", bound=_Frozen)
# One live object per value of each interned operand class: equal means identical, so
# ``__hash__`` may be object's (no Python frame when a memo key holding one is hashed)
# while ``==`` stays by value. Weak values: an operand nobody holds is freed, and the
# bounded caches of mem()/pre()/post() may start over without breaking uniqueness. The
# lock keeps two threads from making two equal objects.
_INTERN_LOCK: Final = _thread.allocate_lock()  # (threading costs ~2 ms of import)


class _Ref(_weakref.ref[_Frozen]):
    """A weak reference to an interned operand that knows its key in ``_INTERNED``."""

    __slots__ = ("key",)
    key: tuple[object, ...]


def _gone(ref: _Ref) -> None:
    # Called when the operand is freed. Removes the entry only if it is still this dead
    # reference (checked and deleted in C: the key may name a newer object by now).
    _weakref._remove_dead_weakref(_INTERNED, ref.key)  # type: ignore[attr-defined]  # (untyped)


#: Interned operands: (class, *key) -> a weak reference to the one live object.
_INTERNED: Final[dict[tuple[object, ...], _Ref]] = {}


def _intern(cls: type[_F], key: tuple[object, ...], fields: dict[str, object]) -> _F:
    """The one ``cls`` object with ``key`` (its checked value), made from ``fields``."""
    full = (cls, *key)
    with _INTERN_LOCK:
        ref = _INTERNED.get(full)
        got = None if ref is None else ref()
        if got is None:
            got = object.__new__(cls)
            got._set(**fields)
            ref = _Ref(got, _gone)
            ref.key = full
            _INTERNED[full] = ref
    return got  # type: ignore[return-value]


class Shift(_Frozen):
    """A register shift such as ``lsl #3``; ``code`` is the 2-bit shift type."""

    __slots__ = ("__weakref__", "amount", "code", "kind")
    kind: str
    code: int
    amount: int

    def __new__(cls, kind: str, amount: int) -> Shift:
        if kind not in SHIFT_CODES:
            raise OperandError(f"unknown shift {kind!r}; expected one of {', '.join(SHIFT_CODES)}")
        if type(amount) is not int:
            raise OperandError(f"{kind}: shift amount must be an int, got {amount!r}")
        return _intern(cls, (kind, amount),
                       {"kind": kind, "code": SHIFT_CODES[kind], "amount": amount})

    def __repr__(self) -> str:
        return f"{self.kind} #{self.amount}"

    def _args(self) -> tuple[object, ...]:
        return self.kind, self.amount

    def __eq__(self, other: object) -> bool:
        return type(other) is Shift and (other.kind, other.amount) == (self.kind, self.amount)

    __hash__ = object.__hash__  # interned: equal objects are the same object


class Extend(_Frozen):
    """A register extend such as ``uxtw #2``; ``amount`` is None when not written."""

    __slots__ = ("__weakref__", "amount", "code", "kind")
    kind: str
    code: int
    amount: int | None

    def __new__(cls, kind: str, amount: int | None = None) -> Extend:
        if kind not in EXTEND_CODES:
            raise OperandError(
                f"unknown extend {kind!r}; expected one of {', '.join(EXTEND_CODES)}"
            )
        if amount is not None and type(amount) is not int:
            raise OperandError(f"{kind}: extend amount must be an int, got {amount!r}")
        return _intern(cls, (kind, amount),
                       {"kind": kind, "code": EXTEND_CODES[kind], "amount": amount})

    def __repr__(self) -> str:
        return self.kind if self.amount is None else f"{self.kind} #{self.amount}"

    def _args(self) -> tuple[object, ...]:
        return self.kind, self.amount

    def __eq__(self, other: object) -> bool:
        return type(other) is Extend and (other.kind, other.amount) == (self.kind, self.amount)

    __hash__ = object.__hash__  # interned: equal objects are the same object


# The modifier functions hand out shared instances for every amount an instruction
# can take (building an operand object costs more than encoding most instructions);
# other amounts get a fresh object for the instruction to reject with a clear error.


# A maker's shared instances are made on its first use (300 of them at import
# otherwise), all at once: ``shared`` is rebound from an empty tuple to the full one
# (two threads doing it at once make equal tuples: the objects are interned). A try
# costs nothing until it raises, so a hit is the index it always was.


def _shift_maker(kind: str) -> Callable[[int], Shift]:
    shared: tuple[Shift, ...] = ()

    def make(amount: int) -> Shift:
        nonlocal shared
        if type(amount) is int and 0 <= amount < 64:
            try:
                return shared[amount]
            except IndexError:
                shared = tuple(Shift(kind, n) for n in range(64))
                return shared[amount]
        return Shift(kind, amount)

    make.__name__ = make.__qualname__ = kind
    make.__doc__ = f"``{kind} #amount`` operand modifier."
    return make


class ExtendMaker(Protocol):
    """The type of :func:`uxtw` and the other extend functions."""

    def __call__(self, amount: int | None = None) -> Extend: ...


def _extend_maker(kind: str) -> ExtendMaker:
    shared: tuple[Extend, ...] = ()  # amounts 0..4, then None (unwritten)

    def make(amount: int | None = None) -> Extend:
        nonlocal shared
        if amount is None:
            amount = 5
        elif type(amount) is not int or not 0 <= amount <= 4:
            return Extend(kind, amount)
        try:
            return shared[amount]
        except IndexError:
            shared = (*(Extend(kind, n) for n in range(5)), Extend(kind))
            return shared[amount]

    make.__name__ = make.__qualname__ = kind
    make.__doc__ = f"``{kind} [#amount]`` operand modifier (amount 0..4, or None if unwritten)."
    return make


lsl: Final = _shift_maker("lsl")
lsr: Final = _shift_maker("lsr")
asr: Final = _shift_maker("asr")
ror: Final = _shift_maker("ror")
uxtb: Final = _extend_maker("uxtb")
uxth: Final = _extend_maker("uxth")
uxtw: Final = _extend_maker("uxtw")
uxtx: Final = _extend_maker("uxtx")
sxtb: Final = _extend_maker("sxtb")
sxth: Final = _extend_maker("sxth")
sxtw: Final = _extend_maker("sxtw")
sxtx: Final = _extend_maker("sxtx")


# ---------------------------------------------------------------------------
# Memory operands
# ---------------------------------------------------------------------------

AddrMode = Literal["offset", "pre", "post"]


class PageOffset:
    """``:lo12:label``: the low 12 bits of a label's address, the partner of ``adrp``.
    It depends on where the code runs, so the assembler fills it in at
    ``finalize(address)``: in ``add xd, xn, lo12(label)`` and as the offset of a scaled
    load/store, ``ldr x0, mem(x1, lo12(label))``. Build it with :func:`lo12`."""

    __slots__ = ("label",)

    def __init__(self, label: object) -> None:
        self.label: Final = label  # an assembler Label; the assembler checks whose

    def __repr__(self) -> str:
        name = getattr(self.label, "name", None)
        return f":lo12:{name or repr(self.label)}"

    def __eq__(self, other: object) -> bool:
        return type(other) is PageOffset and other.label is self.label

    def __hash__(self) -> int:
        return hash((PageOffset, id(self.label)))


def lo12(label: object) -> PageOffset:
    """``:lo12:label`` (see :class:`PageOffset`)."""
    return PageOffset(label)


class Mem(_Frozen):
    """A memory operand ``[base, offset]``, ``[base, index, ext]``, pre- or post-indexed.

    ``offset`` is an int (byte offset), a register (register offset; ``mode`` is then
    "offset") or a :class:`PageOffset` (``[x1, :lo12:label]``, "offset" mode only).
    ``modifier`` is the Shift/Extend applied to a register index.
    Build them with :func:`mem`, :func:`pre` and :func:`post`.
    """

    __slots__ = ("__weakref__", "base", "mode", "modifier", "offset")
    base: GPRegister
    offset: int | GPRegister | PageOffset
    modifier: Shift | Extend | None
    mode: AddrMode

    def __new__(
        cls,
        base: GPRegister,
        offset: int | GPRegister | PageOffset = 0,
        modifier: Shift | Extend | None = None,
        mode: AddrMode = "offset",
    ) -> Mem:
        if type(base) is not GPRegister or base.size != 64 or base.is_zr:
            raise OperandError(f"memory operand: base must be an x register or sp, got {base!r}"
                               + text_hint(base))
        if type(offset) is PageOffset:
            if mode != "offset" or modifier is not None:
                raise OperandError("memory operand: :lo12: takes no writeback and no modifier")
        elif type(offset) is not int and type(offset) is not GPRegister:
            raise OperandError(
                f"memory operand: offset must be an int, a register or lo12(label), "
                f"got {offset!r}")
        if modifier is not None:
            if type(offset) is not GPRegister:
                raise OperandError("memory operand: a shift or extend needs a register offset")
            if type(modifier) is not Shift and type(modifier) is not Extend:
                raise OperandError(
                    f"memory operand: expected a shift or extend (lsl(3), sxtw(2)...), "
                    f"got {modifier!r}")
        if type(offset) is GPRegister and mode != "offset":
            raise OperandError("memory operand: pre/post-indexing takes an immediate offset")
        if mode not in ("offset", "pre", "post"):
            raise OperandError(f"memory operand: unknown mode {mode!r}")
        return _intern(cls, (base, offset, modifier, mode),
                       {"base": base, "offset": offset, "modifier": modifier, "mode": mode})

    def _args(self) -> tuple[object, ...]:
        return self.base, self.offset, self.modifier, self.mode

    def __repr__(self) -> str:
        if self.mode == "post":
            return f"[{self.base}], #{self.offset}"
        inner = f"{self.base}"
        if isinstance(self.offset, (GPRegister, PageOffset)):
            inner += f", {self.offset}" + (f", {self.modifier}" if self.modifier else "")
        elif self.offset:
            inner += f", #{self.offset}"
        return f"[{inner}]" + ("!" if self.mode == "pre" else "")

    def __eq__(self, other: object) -> bool:
        return type(other) is Mem and (
            other.base, other.offset, other.modifier, other.mode
        ) == (self.base, self.offset, self.modifier, self.mode)

    __hash__ = object.__hash__  # interned: equal objects are the same object


# Shared Mem objects by (base, offset) per mode, and by (base, index, id(modifier)) for
# register offsets: the id is stable because the cached Mem keeps its modifier alive.
# Only exact ints and registers reach a key, so 16 and 16.0 or True never share one.
_MEM_CACHE_LIMIT: Final = 1 << 14
_OFFSET_MEMS: Final[dict[tuple[GPRegister, int], Mem]] = {}
_PRE_MEMS: Final[dict[tuple[GPRegister, int], Mem]] = {}
_POST_MEMS: Final[dict[tuple[GPRegister, int], Mem]] = {}
_INDEXED_MEMS: Final[dict[tuple[GPRegister, GPRegister, int], Mem]] = {}


def _shared(cache: dict[_K, Mem], key: _K, operand: Mem) -> Mem:
    if len(cache) >= _MEM_CACHE_LIMIT:
        cache.clear()
    cache[key] = operand
    return operand


def mem(
    base: GPRegister, offset: int | GPRegister | PageOffset = 0,
    modifier: Shift | Extend | None = None,
) -> Mem:
    """``[base]``, ``[base, #offset]``, ``[base, index{, shift/extend}]`` or
    ``[base, :lo12:label]`` (``offset=lo12(label)``)."""
    if type(offset) is int:
        if modifier is None:
            try:
                return _OFFSET_MEMS[base, offset]
            except (KeyError, TypeError):
                return _shared(_OFFSET_MEMS, (base, offset), Mem(base, offset))
    elif type(offset) is GPRegister:
        try:
            return _INDEXED_MEMS[base, offset, id(modifier)]
        except (KeyError, TypeError):
            operand = Mem(base, offset, modifier)
            return _shared(_INDEXED_MEMS, (base, offset, id(modifier)), operand)
    return Mem(base, offset, modifier)


def pre(base: GPRegister, offset: int) -> Mem:
    """Pre-indexed ``[base, #offset]!``: base is updated before the access."""
    if type(offset) is int:
        try:
            return _PRE_MEMS[base, offset]
        except (KeyError, TypeError):
            return _shared(_PRE_MEMS, (base, offset), Mem(base, offset, None, "pre"))
    return Mem(base, offset, None, "pre")


def post(base: GPRegister, offset: int) -> Mem:
    """Post-indexed ``[base], #offset``: base is updated after the access."""
    if type(offset) is int:
        try:
            return _POST_MEMS[base, offset]
        except (KeyError, TypeError):
            return _shared(_POST_MEMS, (base, offset), Mem(base, offset, None, "post"))
    return Mem(base, offset, None, "post")


class WbMem(_Frozen):
    """``[xn]!``: an address register that the instruction reads and updates, written in
    brackets (the destination and source of the memory copy and set instructions,
    ``cpyfp [x0]!, [x1]!, x2!``). Build it with ``wb(mem(xn))``."""

    __slots__ = ("base",)
    base: GPRegister

    def __init__(self, base: GPRegister) -> None:
        if type(base) is not GPRegister or base.size != 64 or base.is_zr:
            raise OperandError(f"[xn]! operand: base must be an x register or sp, got {base!r}"
                               + text_hint(base))
        self._set(base=base, _hash=hash((WbMem, base)))

    def _args(self) -> tuple[object, ...]:
        return (self.base,)

    def __repr__(self) -> str:
        return f"[{self.base}]!"

    def __eq__(self, other: object) -> bool:
        return type(other) is WbMem and other.base is self.base

    def __hash__(self) -> int:
        return self._hash


class WbReg(_Frozen):
    """``xn!``: a register that the instruction reads and updates (the byte count of
    ``cpyfp [x0]!, [x1]!, x2!`` and ``setp [x0]!, x1!, x2``). Build it with ``wb(xn)``."""

    __slots__ = ("reg",)
    reg: GPRegister

    def __init__(self, reg: GPRegister) -> None:
        if type(reg) is not GPRegister:
            raise OperandError(f"xn! operand: expected a general-purpose register, got {reg!r}")
        self._set(reg=reg, _hash=hash((WbReg, reg)))

    def _args(self) -> tuple[object, ...]:
        return (self.reg,)

    def __repr__(self) -> str:
        return f"{self.reg}!"

    def __eq__(self, other: object) -> bool:
        return type(other) is WbReg and other.reg is self.reg

    def __hash__(self) -> int:
        return self._hash


@overload
def wb(operand: GPRegister) -> WbReg: ...
@overload
def wb(operand: Mem) -> WbMem: ...
def wb(operand: GPRegister | Mem) -> WbReg | WbMem:
    """A writeback operand: ``wb(x2)`` is ``x2!``, ``wb(mem(x0))`` is ``[x0]!`` (the
    operands of the memory copy and set instructions: ``a.cpyfp(wb(mem(x0)),
    wb(mem(x1)), wb(x2))`` is ``cpyfp [x0]!, [x1]!, x2!``)."""
    if type(operand) is GPRegister:
        return WbReg(operand)
    if type(operand) is Mem and operand.mode == "offset" and operand.offset == 0 \
            and type(operand.offset) is int and operand.modifier is None:
        return WbMem(operand.base)
    raise OperandError(f"wb: expected a general-purpose register (x2!) or mem(xn) without "
                       f"an offset ([xn]!), got {operand!r}")
