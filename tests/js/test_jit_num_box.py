"""The JIT's number boxing in machine code (t_num.NumTemplates._emit_box, integer
instructions only) against ``num_word``'s rule, value by value: an int32 word when the
double is integral, in the int32 range and not -0, else the double's own bits, a NaN
canonical. Edges (0, -0, +-2**31 and their neighbours, fractions just off an integer,
subnormals, infinities, NaNs of every sign and payload) and a seeded random sample."""

from __future__ import annotations

import ctypes
import math
import random
import struct
from collections.abc import Iterator
from typing import Any

import pytest

from a64jit import JitBuffer, MacroAssembler, d0, post, pre, sp, x0, x2, x21, x30
from a64js.jit import t_num
from a64js.jit.t_num import NumTemplates
from a64js.words import CANONICAL_NAN, INT_BASE


def _bits(x: float) -> int:
    got: int = struct.unpack("<Q", struct.pack("<d", x))[0]
    return got


def _want(bits: int) -> int:
    """The word ``num_word`` gives the double of ``bits``."""
    x: float = struct.unpack("<d", struct.pack("<Q", bits))[0]
    if math.isnan(x):
        return CANONICAL_NAN
    if math.isfinite(x) and x == int(x) and -2**31 <= x < 2**31 \
            and not (x == 0 and math.copysign(1.0, x) < 0):
        return INT_BASE | (int(x) & 0xFFFF_FFFF)
    return bits


def _values() -> Iterator[int]:
    edges = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 3.0, 2.0**30, 2.0**30 + 0.5,
             2**31 - 1.0, 2**31 - 0.5, 2.0**31, 2**31 + 1.0, -2.0**31, -2**31 + 0.5,
             -2**31 - 0.5, -2**31 - 1.0, 2.0**32, 2**32 - 1.0, -2.0**32, 3e9, -3e9,
             2.0**52, 2**52 + 0.5, 2.0**53, 2.0**63, 2.0**64, 1e300, -1e300, 5e-324,
             -5e-324, 2.2250738585072014e-308, 0.1, 123456789.0, -123456789.25,
             math.inf, -math.inf]
    for x in edges:
        yield _bits(x)
    yield from (0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000, 0x7FF0_0000_0000_0001,
                0xFFF0_0000_0000_0001, 0x7FF4_0000_0000_0000, 0xFFF1_0000_0000_0000,
                0x7FFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF)
    rng = random.Random(14)
    for _ in range(1500):
        kind = rng.randrange(5)
        if kind == 0:
            yield rng.getrandbits(64)
        elif kind == 1:
            yield _bits(float(rng.randrange(-2**32, 2**32)))
        elif kind == 2:
            yield _bits(rng.randrange(-2**31, 2**31)
                        + rng.choice([0.5, 0.25, 2.0**-20, 2.0**-30]))
        elif kind == 3:
            yield _bits(rng.choice([-1.0, 1.0]) * 2.0 ** rng.randrange(-40, 70))
        else:   # an integral double with one bit of its fraction set
            yield _bits(float(rng.randrange(-2**31, 2**31))) ^ (1 << rng.randrange(52))


class _Box(NumTemplates):
    def __init__(self) -> None:
        self.m = MacroAssembler()


def _box_function() -> Any:
    box = _Box()
    m: Any = box.m
    m.stp(x21, x30, pre(sp, -16))
    m.mov(x21, INT_BASE)                # INTB, as compiled code has it
    m.fmov(d0, x0)
    box._emit_box()
    m.mov(x0, x2)
    m.ldp(x21, x30, post(sp, 16))
    m.ret()
    return m


def test_box_is_num_word(monkeypatch: pytest.MonkeyPatch) -> None:
    """The words recorded at the first use in a process, and those spliced in later."""
    monkeypatch.setattr(t_num, "_BOX_WORDS", [])
    values = sorted(set(_values()))
    for recorded in (False, True):
        assert bool(t_num._BOX_WORDS) == recorded
        m = _box_function()
        with JitBuffer() as buf:
            f = buf.install(m, restype=ctypes.c_uint64, argtypes=[ctypes.c_uint64],
                            name="box")
            wrong = [(v, f(v), _want(v)) for v in values if f(v) != _want(v)]
        assert not wrong, [f"{v:#018x}: {got:#018x}, not {want:#018x}"
                           for v, got, want in wrong[:10]]
    assert len(values) > 1000
