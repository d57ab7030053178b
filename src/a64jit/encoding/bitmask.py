"""Logical ("bitmask") immediates, ARM ARM C6.2 / DecodeBitMasks (J1.1.3).

A bitmask immediate is an element of 2, 4, 8, 16, 32 or 64 bits holding one
rotated run of ones, replicated to fill the register. It is stored as
``N:immr:imms``: ``N`` and the high bits of ``imms`` give the element size,
the low bits of ``imms`` the run length minus one, ``immr`` the rotation.
All-zeros and all-ones are not encodable.
"""

from __future__ import annotations

from functools import lru_cache


def _mask(bits: int) -> int:
    return (1 << bits) - 1


@lru_cache(maxsize=4096)
def encode_bitmask(value: int, width: int) -> tuple[int, int, int] | None:
    """Return ``(N, immr, imms)`` for ``value`` in a ``width``-bit register, or None.

    ``value`` is taken as an unsigned ``width``-bit pattern; callers mask
    negative numbers first.
    """
    full = _mask(width)
    if value <= 0 or value >= full:
        return None
    # Shrink to the smallest element that replicates to the whole value.
    size = width
    while size > 2:
        half = size >> 1
        if (value & _mask(half)) != ((value >> half) & _mask(half)):
            break
        size = half
    elem = value & _mask(size)
    ones = bin(elem).count("1")
    run = _mask(ones)
    # Find r such that rotating the element right by r leaves the run at bit 0.
    for r in range(size):
        rotated = ((elem >> r) | (elem << (size - r))) & _mask(size)
        if rotated == run:
            immr = (size - r) % size
            imms = ((~(size - 1) << 1) | (ones - 1)) & 0x3F
            return (1 if size == 64 else 0, immr, imms)
    return None


def decode_bitmask(n: int, immr: int, imms: int, width: int) -> int | None:
    """Inverse of :func:`encode_bitmask`; None for reserved encodings."""
    combined = (n << 6) | (~imms & 0x3F)
    if combined == 0:
        return None
    length = combined.bit_length() - 1
    if length < 1 or (width == 32 and n):
        return None
    size = 1 << length
    levels = size - 1
    s, r = imms & levels, immr & levels
    if s == levels:
        return None
    elem = _mask(s + 1)
    elem = ((elem >> r) | (elem << (size - r))) & _mask(size)
    value = 0
    for shift in range(0, width, size):
        value |= elem << shift
    return value
