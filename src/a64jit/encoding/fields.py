"""Field checking and packing helpers shared by every encoder.

Python integers are unbounded, so every field is range-checked before it is
shifted into place; a value that does not fit raises ``EncodingError`` naming
the instruction and the operand.
"""

from __future__ import annotations

from ..errors import bad_value


def uimm(insn: str, operand: str, value: int, bits: int, scale: int = 1) -> int:
    """Check that ``value`` is a multiple of ``scale`` and ``value // scale`` fits ``bits``
    unsigned bits; return ``value // scale``."""
    if value % scale or not 0 <= value < (scale << bits):
        mult = f", a multiple of {scale}" if scale > 1 else ""
        raise bad_value(insn, operand, value, f"0..{(scale << bits) - scale}{mult}")
    return value // scale


def simm(insn: str, operand: str, value: int, bits: int, scale: int = 1) -> int:
    """Check that ``value`` is a multiple of ``scale`` and ``value // scale`` fits ``bits``
    signed bits; return the two's-complement field (``bits`` wide)."""
    lo = -(scale << (bits - 1))
    if value % scale or not lo <= value < -lo:
        mult = f", a multiple of {scale}" if scale > 1 else ""
        raise bad_value(insn, operand, value, f"{lo}..{-lo - scale}{mult}")
    return (value // scale) & ((1 << bits) - 1)


def choice(insn: str, operand: str, value: int, allowed: tuple[int, ...]) -> int:
    """Check that ``value`` is one of ``allowed``; return its index."""
    try:
        return allowed.index(value)
    except ValueError:
        raise bad_value(insn, operand, value, " or ".join(map(str, allowed))) from None


def urange(insn: str, operand: str, value: int, lo: int, hi: int) -> int:
    """Check ``lo <= value <= hi``; return ``value``."""
    if not lo <= value <= hi:
        raise bad_value(insn, operand, value, f"{lo}..{hi}")
    return value


def as_int64(value: int) -> int:
    """An integer as LLVM evaluates it: a 64-bit two's-complement value. Anything strictly
    between -2**64 and 2**64 wraps (``0xffffffffffffff00`` is -256, ``-(2**64 - 16)`` is
    16); larger magnitudes stay as they are, for the field check to reject."""
    if -(1 << 64) < value < 1 << 64:
        return (value + (1 << 63)) % (1 << 64) - (1 << 63)
    return value
