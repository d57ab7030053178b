"""The 8-bit floating-point immediate of FMOV (scalar, immediate), ARM ARM C2.2.3 /
VFPExpandImm (J1.1.3).

``imm8 = a:b:cd:efgh`` stands for ``(-1)**a * (1 + efgh/16) * 2**e`` where the
exponent ``e`` is ``cd + 1`` when ``b`` is 0 and ``cd - 3`` when ``b`` is 1, so
``e`` runs over -3..4. That gives exactly 256 values: ±0.125 .. ±31.0, each with a
five-bit significand. Zero, infinities and NaNs are not encodable. Every value is
exact in half, single and double precision, so one table serves all three.
"""

from __future__ import annotations

from typing import Final

__all__ = ["FPIMM_RULE", "FPIMM_VALUES", "decode_fpimm", "encode_fpimm"]

#: A human-readable statement of the encodable set, for error messages.
FPIMM_RULE: Final = "±(1 + m/16) * 2**e with m in 0..15 and e in -3..4 (0.125 .. 31.0)"


#: Every encodable value; index = imm8 (VFPExpandImm). Bits 6..4 are NOT(b):cd, i.e.
#: (e + 3) with its top bit flipped; the significand is 1.efgh. (One expression, no
#: call per value: it runs at import.)
FPIMM_VALUES: Final = tuple((-1.0 if imm8 & 0x80 else 1.0) * (16 + (imm8 & 15))
                            * 2.0 ** (((imm8 >> 4 & 7) ^ 4) - 7) for imm8 in range(256))


def decode_fpimm(imm8: int) -> float:
    """The value of an 8-bit FMOV immediate (VFPExpandImm)."""
    if not 0 <= imm8 <= 0xFF:
        raise ValueError(f"imm8 {imm8!r} is not an 8-bit value")
    return FPIMM_VALUES[imm8]


# Lookup by value. int keys would hash alike (1 == 1.0), so callers may pass ints;
# -0.0 == 0.0 is never a key because zero is not encodable.
_ENCODE: Final[dict[float, int]] = {v: i for i, v in enumerate(FPIMM_VALUES)}


def encode_fpimm(value: float) -> int | None:
    """Return ``imm8`` for ``value`` or None when it is not one of the 256 values.

    ``value`` must be a float or int (callers reject bool); NaN and zero give None.
    """
    return _ENCODE.get(value)
