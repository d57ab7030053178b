"""The AArch64 procedure call standard (AAPCS64) as data and pure functions.

Where each argument and the result of a call live (registers or stack slots),
which registers a callee must preserve, and which it may clobber. The
Apple arm64 variant differs in a few well-defined places; those differences
are fields of :class:`Platform`, so one function serves both:

- x18 is reserved on Apple (never touched); on Linux it is an ordinary
  caller-saved temporary (a JIT still avoids it: shadow call stacks use it).
- Apple packs stack arguments by their natural size and alignment (a ``char``
  takes one byte); AAPCS64 gives every stack argument at least an 8-byte slot.
- Apple passes every variadic (unnamed) argument on the stack, each in an
  8-byte slot; AAPCS64 passes them like named arguments.
- Apple callers sign/zero-extend integer arguments narrower than 32 bits to
  32 bits; AAPCS64 leaves the unused bits unspecified.

The register objects used here are the assembler's own operands (``x0``,
``w0``, ``d0``, ``s0``...), so a layout can be fed straight into code
generation. References: ARM IHI 0055 (AAPCS64) sections 6.4 (stage A-C of
parameter passing) and 6.9 (results); Apple "Writing ARM64 code for Apple
platforms".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Final, Literal

from ..errors import OperandError
from ..operands import FP_BY_PREFIX, W_BY_CODE, X_BY_CODE, FPRegister, GPRegister, Register

__all__ = [
    "APPLE",
    "ARG_FPRS",
    "ARG_GPRS",
    "ArgLoc",
    "ArgType",
    "CALLEE_SAVED_FPRS",
    "CALLEE_SAVED_GPRS",
    "CALLER_SAVED_FPRS",
    "CALLER_SAVED_GPRS",
    "CallLayout",
    "Composite",
    "F32",
    "F64",
    "FRAME_POINTER",
    "I8",
    "I16",
    "I32",
    "I64",
    "INDIRECT_RESULT",
    "IP0",
    "IP1",
    "LINK_REGISTER",
    "LINUX",
    "PLATFORM_REGISTER",
    "PTR",
    "Platform",
    "SCRATCH_GPRS",
    "STACK_ALIGNMENT",
    "U8",
    "U16",
    "U32",
    "U64",
    "align_stack",
    "allocatable_gprs",
    "assign_call",
    "from_ctypes",
]

# ---------------------------------------------------------------------------
# Register roles (AAPCS64 6.1.1, 6.1.2)
# ---------------------------------------------------------------------------

_D = FP_BY_PREFIX["d"]

#: Integer/pointer argument and result registers, in allocation order.
ARG_GPRS: Final[tuple[GPRegister, ...]] = tuple(X_BY_CODE[0:8])
#: Floating-point argument and result registers (the ``d`` view of v0-v7).
ARG_FPRS: Final[tuple[FPRegister, ...]] = tuple(_D[0:8])
#: Indirect result location register: the caller passes the address of the
#: memory a large result is written to.
INDIRECT_RESULT: Final = X_BY_CODE[8]
#: Intra-procedure-call scratch registers: linkers' veneers and PLT stubs may
#: clobber them between a call and the callee, so they never carry values
#: across a call; the MacroAssembler uses them as its scratch registers.
IP0: Final = X_BY_CODE[16]
IP1: Final = X_BY_CODE[17]
#: The platform register (reserved on Apple, Windows and Android with shadow call stack).
PLATFORM_REGISTER: Final = X_BY_CODE[18]
#: Frame record: x29 points at {saved x29, saved x30} on the stack.
FRAME_POINTER: Final = X_BY_CODE[29]
LINK_REGISTER: Final = X_BY_CODE[30]
#: A callee must preserve these (x19-x28).
CALLEE_SAVED_GPRS: Final[tuple[GPRegister, ...]] = tuple(X_BY_CODE[19:29])
#: Only the low 64 bits (the ``d`` view) of v8-v15 are callee-saved; the
#: upper halves and every other vector register are caller-saved.
CALLEE_SAVED_FPRS: Final[tuple[FPRegister, ...]] = tuple(_D[8:16])
#: Registers a call may clobber (x18 excluded: it is platform-defined).
CALLER_SAVED_GPRS: Final[tuple[GPRegister, ...]] = tuple(X_BY_CODE[0:18])
CALLER_SAVED_FPRS: Final[tuple[FPRegister, ...]] = tuple(_D[0:8]) + tuple(_D[16:32])
#: Scratch registers with no role at all in a call (x9-x15 temporaries, IP0/IP1).
SCRATCH_GPRS: Final[tuple[GPRegister, ...]] = tuple(X_BY_CODE[9:18])
#: SP must be a multiple of this at every public interface (and, on AArch64,
#: at every SP-relative access when SP alignment checking is enabled).
STACK_ALIGNMENT: Final = 16


def align_stack(size: int) -> int:
    """Round a stack size up to the 16-byte alignment AAPCS64 requires."""
    return (size + STACK_ALIGNMENT - 1) & -STACK_ALIGNMENT


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


class _Record:
    """An immutable value over the fields named in ``_FIELDS``: equal to a record of the
    same class with equal fields, hashed and shown by them (as a frozen dataclass, which
    these were: a dataclass's generated methods cost ~6 ms each natively under qemu when
    the module loads, and dataclasses imports inspect)."""

    _FIELDS: ClassVar[tuple[str, ...]] = ()
    #: the fields __repr__ shows (all by default)
    _SHOWN: ClassVar[tuple[str, ...] | None] = None

    def _init(self, *values: object) -> None:
        for name, value in zip(self._FIELDS, values, strict=True):
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = self._FIELDS if self._SHOWN is None else self._SHOWN
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({inner})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r} ({type(self).__name__} is "
                             "immutable)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} ({type(self).__name__} is "
                             "immutable)")


# ---------------------------------------------------------------------------
# Platforms
# ---------------------------------------------------------------------------


class Platform(_Record):
    """One platform's variant of AAPCS64, as data."""

    _FIELDS = ("name", "reserved", "pack_stack_args", "variadic_on_stack",
               "extend_small_ints", "red_zone")

    name: str
    #: Registers generated code must never write (nor rely on).
    reserved: frozenset[GPRegister]
    #: Stack arguments take their natural size and alignment, not 8-byte slots.
    pack_stack_args: bool
    #: Variadic (unnamed) arguments always go on the stack, in 8-byte slots.
    variadic_on_stack: bool
    #: Callers extend integer arguments narrower than 32 bits to 32 bits.
    extend_small_ints: bool
    #: Bytes below SP that signal handlers leave alone (usable without moving SP).
    red_zone: int

    def __init__(self, name: str, reserved: frozenset[GPRegister], pack_stack_args: bool,
                 variadic_on_stack: bool, extend_small_ints: bool, red_zone: int) -> None:
        self._init(name, reserved, pack_stack_args, variadic_on_stack, extend_small_ints,
                   red_zone)


#: Linux and the other ELF platforms: plain AAPCS64. x18 is formally the
#: platform register; Linux user space treats it as a temporary.
LINUX: Final = Platform(
    name="linux",
    reserved=frozenset(),
    pack_stack_args=False,
    variadic_on_stack=False,
    extend_small_ints=False,
    red_zone=0,
)

#: macOS and iOS on Apple silicon (arm64, not arm64e pointer authentication).
APPLE: Final = Platform(
    name="apple",
    reserved=frozenset({PLATFORM_REGISTER}),
    pack_stack_args=True,
    variadic_on_stack=True,
    extend_small_ints=True,
    red_zone=128,
)


def allocatable_gprs(platform: Platform = LINUX) -> tuple[GPRegister, ...]:
    """General registers a JIT may hand to its register allocator: everything but
    SP/ZR, the frame record (x29, x30), the scratch pair IP0/IP1 (the
    MacroAssembler's) and x18 (platform register; avoided on every platform
    because some reserve it)."""
    skip = {IP0, IP1, PLATFORM_REGISTER, FRAME_POINTER, LINK_REGISTER} | platform.reserved
    return tuple(r for r in X_BY_CODE[:31] if r not in skip)


# ---------------------------------------------------------------------------
# Argument types
# ---------------------------------------------------------------------------

TypeKind = Literal["int", "fp", "composite"]


class ArgType(_Record):
    """A C scalar type as the calling convention sees it."""

    _FIELDS: ClassVar[tuple[str, ...]] = ("name", "size", "align", "kind", "signed")

    name: str
    size: int
    align: int
    kind: TypeKind
    signed: bool

    def __init__(self, name: str, size: int, align: int, kind: TypeKind,
                 signed: bool = False) -> None:
        self._init(name, size, align, kind, signed)

    def __repr__(self) -> str:
        return self.name


I8: Final = ArgType("int8", 1, 1, "int", True)
U8: Final = ArgType("uint8", 1, 1, "int")
I16: Final = ArgType("int16", 2, 2, "int", True)
U16: Final = ArgType("uint16", 2, 2, "int")
I32: Final = ArgType("int32", 4, 4, "int", True)
U32: Final = ArgType("uint32", 4, 4, "int")
I64: Final = ArgType("int64", 8, 8, "int", True)
U64: Final = ArgType("uint64", 8, 8, "int")
PTR: Final = ArgType("pointer", 8, 8, "int")
F32: Final = ArgType("float", 4, 4, "fp")
F64: Final = ArgType("double", 8, 8, "fp")


class Composite(ArgType):
    """A struct, union or array passed by value.

    ``hfa`` is the member type of a homogeneous floating-point aggregate (one to
    four members of the same float type, e.g. ``struct { double x, y; }``),
    else None. Build one with :meth:`struct` or :meth:`homogeneous`.
    """

    _FIELDS = ("name", "size", "align", "kind", "signed", "hfa")

    hfa: ArgType | None

    def __init__(self, name: str, size: int, align: int, kind: TypeKind,
                 signed: bool = False, hfa: ArgType | None = None) -> None:
        self._init(name, size, align, kind, signed, hfa)

    __repr__ = _Record.__repr__  # (every field, as its dataclass showed it)

    @staticmethod
    def struct(size: int, align: int = 8, name: str = "struct") -> Composite:
        """A non-homogeneous aggregate of ``size`` bytes."""
        if size <= 0 or align not in (1, 2, 4, 8, 16):
            raise OperandError(f"Composite: bad size {size} or alignment {align}")
        return Composite(name, size, align, "composite")

    @staticmethod
    def homogeneous(member: ArgType, count: int) -> Composite:
        """A homogeneous floating-point aggregate of ``count`` (1-4) ``member``s."""
        if member.kind != "fp" or not 1 <= count <= 4:
            raise OperandError("Composite.homogeneous: 1-4 members of float or double")
        return Composite(f"{member.name}[{count}]", member.size * count, member.align,
                         "composite", hfa=member)

    @property
    def members(self) -> int:
        """Member count of an HFA (0 otherwise)."""
        return self.size // self.hfa.size if self.hfa is not None else 0


#: ctypes ``_type_`` codes of integer scalars: (signed, unsigned) by size.
_INT_BY_SIZE: Final = {1: (I8, U8), 2: (I16, U16), 4: (I32, U32), 8: (I64, U64)}
_SIGNED_CODES: Final = "bhilq"
_UNSIGNED_CODES: Final = "BHILQ?"
_POINTER_CODES: Final = "PzZO"


def _scalar(ctype: type, platform: Platform) -> ArgType | None:
    """The ArgType of a ctypes simple type (``_SimpleCData``), or None."""
    import ctypes

    code = getattr(ctype, "_type_", None)
    if not isinstance(code, str) or len(code) != 1:
        return None
    size = ctypes.sizeof(ctype)
    if code == "d":
        return F64
    if code == "f":
        return F32
    if code == "g":
        # long double: 128-bit IEEE quad in a q register on AArch64 Linux, a
        # double on Apple. (ctypes' own size is the host's.)
        if platform.name == "apple":
            return F64
        raise OperandError("from_ctypes: c_longdouble (128-bit quad on AArch64 Linux) is "
                           "not supported; use c_double")
    if code in _POINTER_CODES:
        return PTR
    if code == "c":
        # plain char: unsigned on AArch64 Linux, signed on Apple
        return I8 if platform.name == "apple" else U8
    if code == "u":
        # wchar_t: 32-bit, unsigned on AArch64 Linux, signed on Apple
        return I32 if platform.name == "apple" else U32
    if code in _SIGNED_CODES or code in _UNSIGNED_CODES:
        pair = _INT_BY_SIZE.get(size)
        if pair is not None:
            return pair[0 if code in _SIGNED_CODES else 1]
    return None


def _hfa_members(ctype: type) -> list[ArgType] | None:
    """The flattened floating-point members of a ctypes Structure (arrays and
    nested structures included), or None if any member is not float/double."""
    import ctypes

    if issubclass(ctype, ctypes.Array):
        element: Any = ctype._type_
        length: int = getattr(ctype, "_length_")  # noqa: B009 - typeshed types it oddly
        inner = _hfa_members(element) if isinstance(element, type) else None
        return None if inner is None else inner * length
    if issubclass(ctype, ctypes.Structure):
        out: list[ArgType] = []
        for spec in getattr(ctype, "_fields_", ()):
            if len(spec) != 2:  # bit fields
                return None
            inner = _hfa_members(spec[1])
            if inner is None:
                return None
            out += inner
        return out
    if ctype is ctypes.c_double:
        return [F64]
    if ctype is ctypes.c_float:
        return [F32]
    return None


def from_ctypes(ctype: object, platform: Platform = LINUX) -> ArgType | None:
    """Map a ctypes type (as given to ``JitBuffer.install``) to an :class:`ArgType`;
    None maps to None (void).

    Every ctypes scalar is recognised (``c_char`` is an unsigned byte on Linux,
    ``c_wchar`` a 32-bit integer, pointers and ``c_char_p``/``c_void_p``/function
    pointers/arrays are pointers); ``c_longdouble`` is refused (a 128-bit quad on
    AArch64 Linux). A Structure of one to four floats or doubles of one type
    (nested structures and arrays flattened, no padding) is a homogeneous FP
    aggregate (``struct {double x, y;}`` goes in d0/d1); other Structures and
    Unions are plain composites.
    """
    import ctypes

    if ctype is None:
        return None
    if not isinstance(ctype, type):
        raise OperandError(f"from_ctypes: {ctype!r} is not a ctypes type")
    if issubclass(ctype, ctypes._SimpleCData):
        t = _scalar(ctype, platform)
        if t is not None:
            return t
    elif issubclass(ctype, ctypes._Pointer | ctypes.Array) or issubclass(
            ctype, ctypes.CFUNCTYPE(None).__mro__[1]):
        return PTR
    elif issubclass(ctype, ctypes.Structure | ctypes.Union):
        size, align = ctypes.sizeof(ctype), ctypes.alignment(ctype)
        if size == 0:
            raise OperandError(f"from_ctypes: {ctype.__name__} is empty (size 0)")
        members = _hfa_members(ctype) if issubclass(ctype, ctypes.Structure) else None
        if (members and len(members) <= 4 and all(m is members[0] for m in members)
                and size == members[0].size * len(members)):
            return Composite(ctype.__name__, size, members[0].align, "composite",
                             hfa=members[0])
        return Composite.struct(size, min(max(align, 1), 16), ctype.__name__)
    raise OperandError(f"from_ctypes: unsupported type {ctype!r}")


# ---------------------------------------------------------------------------
# Locations and layouts
# ---------------------------------------------------------------------------


class ArgLoc(_Record):
    """Where one argument (or the result) lives.

    ``regs`` holds the registers in order (several for a composite or an HFA),
    sized to the value: ``w`` for integers of up to 32 bits, ``x`` otherwise,
    ``s`` for float and ``d`` for double members. ``stack_offset`` is the byte
    offset from SP at the call instruction (None when in registers); ``size``
    is the number of bytes the value occupies there. ``indirect`` means the
    location holds a pointer to a caller-owned copy (composites over 16 bytes).
    """

    _FIELDS = ("type", "regs", "stack_offset", "size", "indirect")

    type: ArgType
    regs: tuple[Register, ...]
    stack_offset: int | None
    size: int
    indirect: bool

    def __init__(self, type: ArgType, regs: tuple[Register, ...] = (),
                 stack_offset: int | None = None, size: int = 0,
                 indirect: bool = False) -> None:
        self._init(type, regs, stack_offset, size, indirect)

    @property
    def on_stack(self) -> bool:
        return self.stack_offset is not None

    def __repr__(self) -> str:
        where = ", ".join(map(repr, self.regs)) if self.regs else f"[sp, #{self.stack_offset}]"
        return f"ArgLoc({self.type!r} -> {where}{' (by reference)' if self.indirect else ''})"


class CallLayout(_Record):
    """The complete placement of one call's arguments and result."""

    _FIELDS = ("args", "result", "stack_size", "indirect_result", "platform")
    _SHOWN = ("args", "result", "stack_size", "indirect_result")

    args: tuple[ArgLoc, ...]
    result: ArgLoc | None
    #: Bytes of outgoing stack arguments, rounded up to 16 (SP stays aligned).
    stack_size: int
    #: The result is returned through memory whose address the caller passes in x8.
    indirect_result: bool
    platform: Platform

    def __init__(self, args: tuple[ArgLoc, ...], result: ArgLoc | None, stack_size: int,
                 indirect_result: bool = False, platform: Platform = LINUX) -> None:
        self._init(args, result, stack_size, indirect_result, platform)

    @property
    def gprs_used(self) -> tuple[Register, ...]:
        return tuple(r for a in self.args for r in a.regs if isinstance(r, GPRegister))

    @property
    def fprs_used(self) -> tuple[Register, ...]:
        return tuple(r for a in self.args for r in a.regs if isinstance(r, FPRegister))


def _gpr(n: int, size: int) -> GPRegister:
    return (W_BY_CODE if size <= 4 else X_BY_CODE)[n]


def _fpr(n: int, size: int) -> FPRegister:
    return FP_BY_PREFIX["s" if size == 4 else "d"][n]


def _round(value: int, to: int) -> int:
    return (value + to - 1) // to * to


class _Allocator:
    """The NGRN/NSRN/NSAA state machine of AAPCS64 stage C."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.ngrn = 0  # next general-purpose register number
        self.nsrn = 0  # next SIMD&FP register number
        self.nsaa = 0  # next stacked argument address (offset from SP)

    def stack(self, t: ArgType, size: int, align: int, *, packed: bool,
              indirect: bool = False) -> ArgLoc:
        if packed:
            # Apple: natural size and alignment (composites are padded to 8).
            self.nsaa = _round(self.nsaa, align)
        else:
            # C.12/C.4: at least 8-byte alignment; C.14: at least an 8-byte slot.
            self.nsaa = _round(self.nsaa, max(8, align))
            size = _round(size, 8)
        loc = ArgLoc(t, stack_offset=self.nsaa, size=size, indirect=indirect)
        self.nsaa += size
        return loc

    def place(self, t: ArgType, variadic: bool) -> ArgLoc:
        p = self.platform
        if variadic and p.variadic_on_stack:
            # Apple: every anonymous argument in its own 8-byte aligned slot
            # (big composites still go by reference).
            if isinstance(t, Composite) and t.size > 16 and t.hfa is None:
                return self.stack(t, 8, 8, packed=False, indirect=True)
            return self.stack(t, _round(t.size, 8), max(8, t.align), packed=False)
        if isinstance(t, Composite):
            return self.composite(t)
        if t.kind == "fp":
            if self.nsrn < 8:  # C.1
                self.nsrn += 1
                return ArgLoc(t, (_fpr(self.nsrn - 1, t.size),), size=t.size)
            return self.stack(t, t.size, t.align, packed=p.pack_stack_args)  # C.5/C.6
        if t.size > 8:
            raise OperandError(f"assign_call: integer type {t!r} wider than 64 bits")
        if self.ngrn < 8:  # C.7
            self.ngrn += 1
            return ArgLoc(t, (_gpr(self.ngrn - 1, t.size),), size=t.size)
        self.ngrn = 8
        return self.stack(t, t.size, t.align, packed=p.pack_stack_args)  # C.11-C.15

    def composite(self, t: Composite) -> ArgLoc:
        if t.hfa is not None:
            n = t.members
            if self.nsrn + n <= 8:  # C.2
                regs: tuple[Register, ...] = tuple(
                    _fpr(self.nsrn + i, t.hfa.size) for i in range(n))
                self.nsrn += n
                return ArgLoc(t, regs, size=t.size)
            self.nsrn = 8  # C.3
            return self.stack(t, _round(t.size, 8), max(8, t.align), packed=False)
        if t.size > 16:
            # B.4: replaced by a pointer to a caller-made copy.
            if self.ngrn < 8:
                self.ngrn += 1
                return ArgLoc(t, (X_BY_CODE[self.ngrn - 1],), size=8, indirect=True)
            return self.stack(t, 8, 8, packed=False, indirect=True)
        words = (t.size + 7) // 8
        if t.align == 16 and self.ngrn % 2:  # C.8
            self.ngrn += 1
        if self.ngrn + words <= 8:  # C.10
            regs = tuple(X_BY_CODE[self.ngrn + i] for i in range(words))
            self.ngrn += words
            return ArgLoc(t, regs, size=t.size)
        self.ngrn = 8  # C.11
        return self.stack(t, _round(t.size, 8), max(8, t.align), packed=False)  # C.12/C.13


def _result(t: ArgType | None) -> tuple[ArgLoc | None, bool]:
    if t is None:
        return None, False
    if isinstance(t, Composite):
        if t.hfa is not None:
            return ArgLoc(t, tuple(_fpr(i, t.hfa.size) for i in range(t.members)),
                          size=t.size), False
        if t.size > 16:
            # 6.9: written to memory at the address the caller passed in x8.
            return ArgLoc(t, (INDIRECT_RESULT,), size=8, indirect=True), True
        return ArgLoc(t, tuple(X_BY_CODE[:(t.size + 7) // 8]), size=t.size), False
    if t.kind == "fp":
        return ArgLoc(t, (_fpr(0, t.size),), size=t.size), False
    return ArgLoc(t, (_gpr(0, t.size),), size=t.size), False


def assign_call(
    params: Sequence[ArgType],
    result: ArgType | None = None,
    platform: Platform = LINUX,
    *,
    variadic_from: int | None = None,
) -> CallLayout:
    """Place every argument of a call and its result.

    ``params`` are the argument types in order; ``variadic_from`` is the index of
    the first unnamed argument of a variadic function (``printf(fmt, ...)`` has
    ``variadic_from=1``). Returns a :class:`CallLayout` whose ``stack_size`` is
    the 16-byte aligned size of the outgoing argument area.

    >>> from a64jit.abi.aapcs64 import assign_call, I64, F64
    >>> layout = assign_call([I64, F64, I64], F64)
    >>> [a.regs for a in layout.args], layout.result.regs
    ([(x0,), (d0,), (x1,)], (d0,))
    """
    alloc = _Allocator(platform)
    args = []
    for i, t in enumerate(params):
        if not isinstance(t, ArgType):
            raise OperandError(f"assign_call: argument {i} is {t!r}, expected an ArgType")
        args.append(alloc.place(t, variadic_from is not None and i >= variadic_from))
    res, indirect = _result(result)
    return CallLayout(tuple(args), res, align_stack(alloc.nsaa), indirect, platform)
