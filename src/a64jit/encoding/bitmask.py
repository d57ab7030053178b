"""Logical ("bitmask") immediates, ARM ARM C6.2 / DecodeBitMasks (J1.1.3).

A bitmask immediate is an element of 2, 4, 8, 16, 32 or 64 bits holding one
rotated run of ones, replicated to fill the register. It is stored as
``N:immr:imms``: ``N`` and the high bits of ``imms`` give the element size,
the low bits of ``imms`` the run length minus one, ``immr`` the rotation
(right) applied to the run. All-zeros and all-ones are not encodable, which
leaves 5,334 values for a 64-bit register and 1,302 for a 32-bit one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from ..errors import bad_value

__all__ = ["decode_bitmask", "encode_bitmask", "encode_imm13", "imm_pattern"]

_MASK32: Final = 0xFFFFFFFF
_MASK64: Final = 0xFFFFFFFFFFFFFFFF


def imm_pattern(insn: str, value: int, width: int) -> int:
    """The ``width``-bit pattern an integer immediate stands for, LLVM's way: the value
    is read as a 64-bit integer, signed or unsigned (``-2**63 .. 2**64-1``); for a
    32-bit register its upper 32 bits must be all zeros or all ones (so ``-2`` and
    ``0xfffffffffffffffe`` both mean ``0xfffffffe``)."""
    if -(1 << 63) <= value <= _MASK64:
        if width == 64:
            return value & _MASK64
        upper = value >> 32 & _MASK32
        if upper == 0 or upper == _MASK32:
            return value & _MASK32
        allowed = ("a 32-bit value, signed or unsigned, or a 64-bit one whose upper 32 "
                   "bits are all ones")
    else:
        allowed = "a 64-bit value, signed or unsigned (-2**63 .. 2**64-1)"
    raise bad_value(insn, f"{width}-bit immediate", value, allowed)


@lru_cache(maxsize=8192)
def encode_bitmask(value: int, width: int) -> tuple[int, int, int] | None:
    """Return ``(N, immr, imms)`` for ``value`` in a ``width``-bit register, or None.

    ``value`` is taken as an unsigned ``width``-bit pattern (``width`` is 32 or 64);
    callers mask negative numbers first. Anything outside ``1 .. 2**width - 2`` is
    not encodable.
    """
    full = (1 << width) - 1
    if value <= 0 or value >= full:
        return None
    # Shrink to the smallest element that replicates to the whole value.
    size = width
    while size > 2:
        half = size >> 1
        low = value & ((1 << half) - 1)
        if low != value >> half & ((1 << half) - 1):
            break
        size = half
    mask = (1 << size) - 1
    elem = value & mask
    tz = (elem & -elem).bit_length() - 1
    run = elem >> tz
    if run & (run + 1) == 0:
        # A run that does not wrap: elem == run << tz == ROR(run, size - tz).
        ones = run.bit_length()
        start = tz
    else:
        # The run wraps around the element: its complement is a plain run of zeros,
        # and the ones start right above it.
        inv = ~elem & mask
        ztz = (inv & -inv).bit_length() - 1
        zrun = inv >> ztz
        if zrun & (zrun + 1):
            return None
        zeros = zrun.bit_length()
        ones = size - zeros
        start = ztz + zeros
    immr = (size - start) & (size - 1)
    # imms: the element size in unary from the top (0 for 64 and 32 bits, 10xxxx
    # for 16, ..., 11110x for 2) above the run length minus one.
    imms = (~(size - 1) << 1 | (ones - 1)) & 0x3F
    return (1 if size == 64 else 0, immr, imms)


@lru_cache(maxsize=8192)
def encode_imm13(value: int, width: int) -> int | None:
    """:func:`encode_bitmask` packed as the 13-bit ``N:immr:imms`` field of the
    logical (immediate) class, or None."""
    fields = encode_bitmask(value, width)
    return None if fields is None else fields[0] << 12 | fields[1] << 6 | fields[2]


def decode_bitmask(n: int, immr: int, imms: int, width: int) -> int | None:
    """Inverse of :func:`encode_bitmask` (DecodeBitMasks with immediate=True):
    the ``width``-bit value, or None for a reserved encoding."""
    if n not in (0, 1) or not (0 <= immr < 64 and 0 <= imms < 64) or width not in (32, 64):
        return None
    combined = n << 6 | (~imms & 0x3F)
    length = combined.bit_length() - 1
    if length < 1 or (width == 32 and n):
        return None
    size = 1 << length
    levels = size - 1
    s, r = imms & levels, immr & levels
    if s == levels:  # all ones: reserved
        return None
    run = (1 << (s + 1)) - 1
    elem = (run >> r | run << (size - r)) & ((1 << size) - 1)
    value = 0
    for shift in range(0, width, size):
        value |= elem << shift
    return value
