"""Logical (bitmask) immediates: the full set enumerated from N:immr:imms, and
hypothesis properties of encode_bitmask / decode_bitmask."""

from __future__ import annotations

from functools import cache

from hypothesis import assume, given
from hypothesis import strategies as st

from a64jit.encoding.bitmask import decode_bitmask, encode_bitmask


@cache
def table(width: int) -> dict[int, tuple[int, int, int]]:
    """Every value DecodeBitMasks yields for a ``width``-bit register, with its
    canonical encoding (rotation below the element size)."""
    out: dict[int, tuple[int, int, int]] = {}
    for n in (0, 1):
        for imms in range(64):
            for immr in range(64):
                value = decode_bitmask(n, immr, imms, width)
                if value is None:
                    continue
                size = 64 if n else 1 << ((~imms & 0x3F).bit_length() - 1)
                if immr < size:
                    assert value not in out, "two canonical encodings for one value"
                    out[value] = (n, immr, imms)
                else:  # a rotation of size or more repeats a canonical encoding
                    assert value in out or decode_bitmask(n, immr % size, imms, width) == value
    return out


def brute_force(width: int) -> set[int]:
    """The same set from the definition: a rotated run in a replicated element."""
    out = set()
    for size in (2, 4, 8, 16, 32, 64):
        if size > width:
            break
        for ones in range(1, size):
            for rot in range(size):
                run = (1 << ones) - 1
                elem = (run << rot | run >> (size - rot)) & ((1 << size) - 1)
                out.add(sum(elem << i for i in range(0, width, size)))
    return out


def test_exactly_5334_64_bit_and_1302_32_bit_patterns() -> None:
    assert len(table(64)) == 5334
    assert len(table(32)) == 1302
    assert set(table(64)) == brute_force(64)
    assert set(table(32)) == brute_force(32)


def test_every_pattern_encodes_to_its_canonical_fields() -> None:
    for width in (32, 64):
        for value, fields in table(width).items():
            assert encode_bitmask(value, width) == fields, hex(value)


def test_reserved_and_out_of_range() -> None:
    for width in (32, 64):
        full = (1 << width) - 1
        for v in (0, full, full + 1, -1, -2, 1 << width):
            assert encode_bitmask(v, width) is None
    assert decode_bitmask(1, 0, 0, 32) is None  # N=1 is 64-bit only
    assert decode_bitmask(0, 0, 0b111111, 64) is None  # no element size
    assert decode_bitmask(0, 0, 0b111100, 64) == 0x5555555555555555
    assert decode_bitmask(0, 0, 0b111101, 64) is None  # a 2-bit element of all ones
    assert decode_bitmask(1, 0, 0b111111, 64) is None  # all ones
    assert decode_bitmask(2, 0, 0, 64) is None
    assert decode_bitmask(0, 64, 0, 64) is None
    assert decode_bitmask(0, 0, 0, 16) is None


@st.composite
def encodings(draw: st.DrawFn, width: int) -> tuple[int, int, int]:
    n = draw(st.integers(0, 1 if width == 64 else 0))
    return n, draw(st.integers(0, 63)), draw(st.integers(0, 63))


@given(st.sampled_from([32, 64]).flatmap(lambda w: st.tuples(st.just(w), encodings(w))))
def test_decode_then_encode_roundtrips(case: tuple[int, tuple[int, int, int]]) -> None:
    width, (n, immr, imms) = case
    value = decode_bitmask(n, immr, imms, width)
    assume(value is not None)
    assert value is not None
    fields = encode_bitmask(value, width)
    assert fields is not None
    assert decode_bitmask(*fields, width) == value


@given(st.sampled_from([32, 64]), st.data())
def test_encode_then_decode_roundtrips(width: int, data: st.DataObject) -> None:
    value = data.draw(st.sampled_from(sorted(table(width))))
    fields = encode_bitmask(value, width)
    assert fields is not None
    assert decode_bitmask(*fields, width) == value


@given(st.integers(0, (1 << 64) - 1))
def test_random_64_bit_values(value: int) -> None:
    assert (encode_bitmask(value, 64) is not None) == (value in table(64))


@given(st.integers(0, (1 << 32) - 1))
def test_random_32_bit_values(value: int) -> None:
    assert (encode_bitmask(value, 32) is not None) == (value in table(32))


@given(st.sampled_from(sorted(table(64))), st.integers(0, 63))
def test_near_misses_are_rejected(value: int, bit: int) -> None:
    """Flipping one bit of a pattern gives a non-pattern unless it lands on another."""
    flipped = value ^ (1 << bit)
    assert (encode_bitmask(flipped, 64) is None) == (flipped not in table(64))


@given(st.sampled_from(sorted(table(32))))
def test_32_bit_patterns_replicate_into_64_bit_ones(value: int) -> None:
    wide = value | value << 32
    fields = encode_bitmask(wide, 64)
    assert fields is not None
    assert fields[0] == 0 and encode_bitmask(value, 32) == fields
