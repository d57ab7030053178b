"""Vector operands of the Advanced SIMD instructions: arranged registers and register
lists. Re-exported by :mod:`a64jit.operands`, where the registers get them::

    v0.s4          # v0.4s: four 32-bit lanes     (b8 b16 h4 h8 s2 s4 d1 d2, q1 for 1q)
    v1.b16         # v1.16b
    vlist(v0.b16, 4)            # {v0.16b-v3.16b}, for ld1..ld4/st1..st4, tbl/tbx
    a.add(v0.s4, v1.s4, v2.s4)  # add v0.4s, v1.4s, v2.4s

Single lanes (``v3.s[1]``) are :class:`~a64jit.operands.VElement`. The 32-bit groups
of narrow lanes that a few instructions name are :class:`VPacked` (``v1.h2`` is v1.2h, as in
``faddp h0, v1.2h``) and, indexed, :class:`VPackedLane` (``v2.b4[3]`` is v2.4b[3], as in
``sdot v0.4s, v1.16b, v2.4b[3]``; ``v2.h2[1]`` is v2.2h[1], as in bfdot). Every arranged
register and list is a shared, immutable object compared by identity.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Final

from .errors import OperandError

if TYPE_CHECKING:
    from .operands import VElement

__all__ = ["ARRANGEMENTS", "Msl", "VArrangement", "VLaneList", "VList", "VPacked",
           "VPackedLane", "arranged", "msl", "packed", "vlanes", "vlist", "vpacked_by_name",
           "vreg_by_name"]

#: Arrangement attribute -> (element bits, lanes, LLVM suffix).
ARRANGEMENTS: Final = {
    "b8": (8, 8, "8b"), "b16": (8, 16, "16b"), "h4": (16, 4, "4h"), "h8": (16, 8, "8h"),
    "s2": (32, 2, "2s"), "s4": (32, 4, "4s"), "d1": (64, 1, "1d"), "d2": (64, 2, "2d"),
    "q1": (128, 1, "1q"),
}


class VArrangement:
    """A vector register with an arrangement, such as ``v0.4s`` (``v0.s4``): register
    ``code``, element size ``esize`` in bits, ``lanes``, ``q`` (1 for 128 bits) and
    ``size`` (log2 of the element bytes, the encodings' size field)."""

    __slots__ = ("code", "esize", "lanes", "name", "q", "size")

    def __init__(self, code: int, esize: int, lanes: int, suffix: str) -> None:
        self.code: Final = code
        self.esize: Final = esize
        self.lanes: Final = lanes
        self.q: Final = 1 if esize * lanes == 128 else 0
        self.size: Final = {8: 0, 16: 1, 32: 2, 64: 3, 128: 4}[esize]
        self.name: Final = f"v{code}.{suffix}"

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self) -> tuple[object, tuple[str]]:  # pickling keeps identity
        return _by_name, (self.name,)


class VList:
    """A list of 1-4 consecutive vector registers of one arrangement (wrapping from v31
    to v0), such as ``{v0.16b-v3.16b}``: build it with :func:`vlist`."""

    __slots__ = ("count", "first", "name")

    def __init__(self, first: VArrangement, count: int) -> None:
        self.first: Final = first
        self.count: Final = count
        suffix = first.name.split(".")[1]
        regs = ", ".join(f"v{(first.code + i) % 32}.{suffix}" for i in range(count))
        self.name: Final = "{" + regs + "}"

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self) -> tuple[object, tuple[VArrangement, int]]:
        return vlist, (self.first, self.count)


# Arranged registers are made on first use (importing stays cheap), then shared.
_ARRANGED: Final[dict[tuple[int, str], VArrangement]] = {}
_LISTS: Final[dict[tuple[VArrangement, int], VList]] = {}


@cache  # compiled on first use, not at import (about 1M instructions each)
def _name() -> re.Pattern[str]:
    return re.compile(r"v([0-9]|[12][0-9]|3[01])\.(8b|16b|4h|8h|2s|4s|1d|2d|1q)\Z")


_ATTR_BY_SUFFIX: Final = {suffix: attr for attr, (_, _, suffix) in ARRANGEMENTS.items()}


def arranged(code: int, attr: str) -> VArrangement:
    """Register ``code`` (0-31) with arrangement ``attr`` (``"s4"``...): what ``v<code>.s4``
    returns."""
    reg = _ARRANGED.get((code, attr))
    if reg is None:
        esize, lanes, suffix = ARRANGEMENTS[attr]
        reg = _ARRANGED[code, attr] = VArrangement(code, esize, lanes, suffix)
    return reg


def vreg_by_name(name: str) -> VArrangement | None:
    """The arranged register of a lower-case LLVM name (``"v0.4s"``), else None."""
    m = _name().match(name)
    if m is None:
        return None
    return arranged(int(m.group(1)), _ATTR_BY_SUFFIX[m.group(2)])


def _by_name(name: str) -> VArrangement:
    reg = vreg_by_name(name)
    assert reg is not None
    return reg


def vlist(first: VArrangement, count: int) -> VList:
    """``count`` (1-4) consecutive registers from ``first``, all arranged like it:
    ``vlist(v0.b16, 4)`` is ``{v0.16b-v3.16b}``."""
    if type(first) is not VArrangement:
        raise OperandError(f"vlist: first register {first!r} is not an arranged vector "
                           "register; expected e.g. v0.b16 or v4.s4")
    if type(count) is not int or not 1 <= count <= 4:
        raise OperandError(f"vlist: count {count!r} is not valid; expected 1, 2, 3 or 4")
    key = (first, count)
    lst = _LISTS.get(key)
    if lst is None:
        lst = _LISTS[key] = VList(first, count)
    return lst


class VLaneList:
    """One lane of 1-4 consecutive vector registers, such as ``{v0.s, v1.s}[1]``, for the
    single-structure loads and stores: build it with :func:`vlanes`."""

    __slots__ = ("count", "esize", "first", "index", "name")

    def __init__(self, first: int, esize: int, index: int, count: int) -> None:
        self.first: Final = first
        self.esize: Final = esize
        self.index: Final = index
        self.count: Final = count
        t = {8: "b", 16: "h", 32: "s", 64: "d"}[esize]
        regs = ", ".join(f"v{(first + i) % 32}.{t}" for i in range(count))
        self.name: Final = "{" + regs + "}" + f"[{index}]"

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self) -> tuple[object, tuple[int, int, int, int]]:
        return _lanes, (self.first, self.esize, self.index, self.count)


_LANE_LISTS: Final[dict[tuple[int, int, int, int], VLaneList]] = {}


def _lanes(first: int, esize: int, index: int, count: int) -> VLaneList:
    key = (first, esize, index, count)
    lst = _LANE_LISTS.get(key)
    if lst is None:
        lst = _LANE_LISTS[key] = VLaneList(first, esize, index, count)
    return lst


def vlanes(first: VElement, count: int = 1) -> VLaneList:
    """Lane ``first.index`` of ``count`` (1-4) consecutive registers from ``first``'s:
    ``vlanes(v0.s[1], 2)`` is ``{v0.s, v1.s}[1]``."""
    code = getattr(first, "code", None)
    esize = getattr(first, "size", None)
    index = getattr(first, "index", None)
    if type(code) is not int or esize not in (8, 16, 32, 64) or type(index) is not int \
            or type(first).__name__ != "VElement":
        raise OperandError(f"vlanes: first {first!r} is not a vector lane; expected e.g. "
                           "v0.s[1]")
    if type(count) is not int or not 1 <= count <= 4:
        raise OperandError(f"vlanes: count {count!r} is not valid; expected 1, 2, 3 or 4")
    assert isinstance(esize, int)
    return _lanes(code, esize, index, count)


class VPackedLane:
    """One 32-bit group of narrow lanes of a vector register, such as ``v2.4b[3]``
    (``v2.b4[3]``: bytes 12-15) or ``v2.2h[1]`` (``v2.h2[1]``): the by-element operand of
    the dot products. ``code``, lane size ``esize`` (8 or 16), ``lanes`` in the group (4 or
    2) and the group's ``index`` (0-3)."""

    __slots__ = ("code", "esize", "index", "lanes", "name")

    def __init__(self, code: int, esize: int, lanes: int, index: int) -> None:
        self.code: Final = code
        self.esize: Final = esize
        self.lanes: Final = lanes
        self.index: Final = index
        self.name: Final = f"v{code}.{lanes}{'b' if esize == 8 else 'h'}[{index}]"

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self) -> tuple[object, tuple[int, str, int]]:  # pickling keeps identity
        return _packed_lane, (self.code, "b4" if self.esize == 8 else "h2", self.index)


class VPacked:
    """A vector register viewed as 32-bit groups of narrow lanes: ``v1.h2`` is v1.2h (two
    16-bit lanes, the source of ``faddp h0, v1.2h``), ``v2.b4`` is v2.4b; ``v2.b4[3]`` is
    the :class:`VPackedLane` v2.4b[3] (index 0-3)."""

    __slots__ = ("code", "esize", "lanes", "name")

    def __init__(self, code: int, esize: int, lanes: int) -> None:
        self.code: Final = code
        self.esize: Final = esize
        self.lanes: Final = lanes
        self.name: Final = f"v{code}.{lanes}{'b' if esize == 8 else 'h'}"

    def __getitem__(self, index: int) -> VPackedLane:
        if type(index) is int and 0 <= index <= 3:
            return _packed_lane(self.code, "b4" if self.esize == 8 else "h2", index)
        raise OperandError(f"{self.name}[{index!r}]: lane index must be an int 0..3")

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self) -> tuple[object, tuple[int, str]]:
        return packed, (self.code, "b4" if self.esize == 8 else "h2")


_PACKED_KINDS: Final = {"b4": (8, 4), "h2": (16, 2)}
_PACKED: Final[dict[tuple[int, str], VPacked]] = {}
_PACKED_LANES: Final[dict[tuple[int, str, int], VPackedLane]] = {}


@cache  # compiled on first use (see _name)
def _packed_name() -> re.Pattern[str]:
    return re.compile(r"v([0-9]|[12][0-9]|3[01])\.(4b|2h)(?:\[(\d+)\])?\Z")


def packed(code: int, kind: str) -> VPacked:
    """Register ``code`` (0-31) viewed as ``kind`` ``"b4"`` or ``"h2"``: what
    ``v<code>.b4`` returns."""
    reg = _PACKED.get((code, kind))
    if reg is None:
        esize, lanes = _PACKED_KINDS[kind]
        reg = _PACKED[code, kind] = VPacked(code, esize, lanes)
    return reg


def _packed_lane(code: int, kind: str, index: int) -> VPackedLane:
    key = (code, kind, index)
    lane = _PACKED_LANES.get(key)
    if lane is None:
        esize, lanes = _PACKED_KINDS[kind]
        lane = _PACKED_LANES[key] = VPackedLane(code, esize, lanes, index)
    return lane


def vpacked_by_name(name: str) -> VPacked | VPackedLane | None:
    """``"v1.2h"`` or ``"v2.4b[3]"`` (lower case, index in decimal) -> its operand; None
    if ``name`` is not of that shape; OperandError for an index outside 0..3."""
    m = _packed_name().match(name)
    if m is None:
        return None
    suffix = m.group(2)
    reg = packed(int(m.group(1)), suffix[1] + suffix[0])
    return reg if m.group(3) is None else reg[int(m.group(3))]


class Msl:
    """``msl #8`` or ``msl #16``: the "shifting ones" left shift of the 32-bit movi/mvni
    immediate (``movi v0.4s, #0xab, msl #8`` sets each lane to 0x0000abff). Build it
    with :func:`msl`; the instruction checks the amount (8 or 16)."""

    __slots__ = ("amount",)

    def __init__(self, amount: int) -> None:
        self.amount: Final = amount

    def __repr__(self) -> str:
        return f"msl #{self.amount}"

    def __eq__(self, other: object) -> bool:
        return type(other) is Msl and other.amount == self.amount

    def __hash__(self) -> int:
        return hash(("msl", self.amount))

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return msl, (self.amount,)


def msl(amount: int) -> Msl:
    """``msl #amount`` for movi/mvni on 32-bit lanes (8 or 16, checked there)."""
    if type(amount) is not int:
        raise OperandError(f"msl: amount {amount!r} is not valid; expected an int (8 or 16)")
    return Msl(amount)
