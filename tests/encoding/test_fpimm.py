"""The 8-bit FMOV immediate: exactly the 256 VFPExpandImm values, round trips, and
agreement with the imm8 field llvm-mc chose in the recorded fmov vectors."""

from __future__ import annotations

import math
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from a64jit.encoding.fpimm import FPIMM_VALUES, decode_fpimm, encode_fpimm
from tests.vectorfiles import valid

# Computed here from the definition ±(1 + m/16) * 2**e, independently of the module.
EXPECTED = {s * (16 + m) / 16 * 2.0 ** e for s in (1, -1) for e in range(-3, 5)
            for m in range(16)}


def test_exactly_256_distinct_values() -> None:
    assert len(FPIMM_VALUES) == 256
    assert set(FPIMM_VALUES) == EXPECTED
    assert min(FPIMM_VALUES) == -31.0 and max(FPIMM_VALUES) == 31.0
    assert min(abs(v) for v in FPIMM_VALUES) == 0.125


@pytest.mark.parametrize("imm8", range(256))
def test_round_trip(imm8: int) -> None:
    assert encode_fpimm(decode_fpimm(imm8)) == imm8


def test_known_encodings() -> None:
    # ARM ARM examples: 1.0 = 0x70, 2.0 = 0x00, -1.5 = 0xF8, 31.0 = 0x3F, 0.125 = 0x40.
    assert encode_fpimm(1.0) == 0x70
    assert encode_fpimm(2.0) == 0x00
    assert encode_fpimm(-1.5) == 0xF8
    assert encode_fpimm(31.0) == 0x3F
    assert encode_fpimm(0.125) == 0x40
    assert encode_fpimm(1) == 0x70  # an int is taken at its value


@pytest.mark.parametrize("value", [0.0, -0.0, math.inf, -math.inf, math.nan, 32.0, 0.0625,
                                   1.03125, 0.1, 1e300, 5e-324, -33.0])
def test_not_encodable(value: float) -> None:
    assert encode_fpimm(value) is None


def test_decode_rejects_wide_values() -> None:
    for bad in (-1, 256):
        with pytest.raises(ValueError):
            decode_fpimm(bad)


def test_imm8_matches_llvm() -> None:
    """Every recorded ``fmov <fp>, #<value>`` vector holds imm8 = encode(value)."""
    seen = set()
    for code, asm in valid("fp"):
        reg, _, imm = asm[len("fmov "):].partition(", #")
        if not asm.startswith("fmov ") or not imm or "." not in imm:
            continue
        value = float(imm)
        if value == 0.0:
            continue
        word = struct.unpack("<I", code)[0]
        imm8 = word >> 13 & 0xFF
        assert decode_fpimm(imm8) == value, asm
        assert encode_fpimm(value) == imm8, asm
        seen.add((reg[0], imm8))
    assert len(seen) == 3 * 256  # every immediate for h, s and d


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_encodable_iff_in_set(value: float) -> None:
    imm8 = encode_fpimm(value)
    assert (imm8 is not None) == (value in EXPECTED)
    if imm8 is not None:
        assert decode_fpimm(imm8) == value


@given(st.integers(-40, 40), st.integers(0, 15), st.booleans())
def test_exponent_bounds(e: int, m: int, neg: bool) -> None:
    """A five-bit significand is encodable exactly when the exponent is in -3..4."""
    value = (-1.0 if neg else 1.0) * (16 + m) / 16 * 2.0 ** e
    assert (encode_fpimm(value) is not None) == (-3 <= e <= 4)


@given(st.integers(0, 15), st.integers(1, 15), st.integers(-3, 4))
def test_finer_significand_not_encodable(m: int, extra: int, e: int) -> None:
    """Anything between two adjacent values (a sixth significand bit and beyond) fails."""
    value = (16 + m + extra / 16) / 16 * 2.0 ** e
    assert encode_fpimm(value) is None
