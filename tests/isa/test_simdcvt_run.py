"""Advanced SIMD floating-point conversions and rounding executed in the emulator: every
rounding mode of frint* and fcvt*s/u on .4s and .2d lanes, fixed-point #fbits both ways,
fcvtl/fcvtn/fcvtxn between precisions; results checked against Python's own rounding."""

from __future__ import annotations

import ctypes
import math
import struct
from collections.abc import Callable

import pytest

from a64jit import Assembler, JitBuffer, alloc_data
from a64jit.operands import h3, mem, post, s0, s2, v0, v1, v2, v3, vlist, x0, x1
from a64jit.runtime.emulator import EmulatorBackend

VP = ctypes.c_void_p
_KEEP: list[object] = []


def _data(emu: EmulatorBackend, data: bytes) -> int:
    block = alloc_data(max(len(data), 16), backend=emu)
    ctypes.memmove(block.address, data, len(data))
    _KEEP.append(block)
    return int(block.address)


def _f32(x: float) -> float:
    return float(struct.unpack("<f", struct.pack("<f", x))[0])


def _ties_away(x: float) -> float:
    return math.copysign(math.floor(abs(x) + 0.5), x)


#: Rounding of each mode, as Python computes it.
MODES: dict[str, Callable[[float], float]] = {
    "n": lambda x: float(round(x)),  # Python's round() is ties-to-even
    "m": lambda x: float(math.floor(x)),
    "p": lambda x: float(math.ceil(x)),
    "z": lambda x: float(math.trunc(x)),
    "a": _ties_away,
}

SINGLES = [1.5, -2.5, 2.5, -0.75, 0.5, -1.5, 3.25, 1e9]
DOUBLES = [2.5, -3.5, 4.5e15, -0.25]


def _run(buf: JitBuffer, emu: EmulatorBackend, emit: Callable[[Assembler], None],
         data: bytes, out_len: int) -> bytes:
    """Load 32 bytes at x0 into v0-v1, run ``emit``, store v2-v3 to x1."""
    src = _data(emu, data)
    dst = _data(emu, bytes(out_len))
    a = Assembler()
    a.ld1(vlist(v0.b16, 2), mem(x0))
    emit(a)
    a.st1(vlist(v2.b16, 2), post(x1, 32))
    a.ret()
    buf.install(a, restype=None, argtypes=[VP, VP])(src, dst)
    return ctypes.string_at(dst, out_len)


@pytest.mark.parametrize("mode", ["n", "m", "p", "z", "a"])
def test_frint_and_fcvt_every_mode_on_s_lanes(buf: JitBuffer, emu: EmulatorBackend,
                                              mode: str) -> None:
    def emit(a: Assembler) -> None:
        getattr(a, f"frint{mode}")(v2.s4, v0.s4)
        getattr(a, f"fcvt{mode}s")(v3.s4, v1.s4)

    values = SINGLES
    out = _run(buf, emu, emit, struct.pack("<8f", *values), 32)
    rounded = struct.unpack("<4f", out[:16])
    ints = struct.unpack("<4i", out[16:])
    expect = MODES[mode]
    assert list(rounded) == [expect(x) for x in values[:4]]
    assert list(ints) == [max(-2**31, min(2**31 - 1, int(expect(x)))) for x in values[4:]]


@pytest.mark.parametrize("mode", ["n", "m", "p", "z", "a"])
def test_fcvt_unsigned_on_d_lanes(buf: JitBuffer, emu: EmulatorBackend, mode: str) -> None:
    def emit(a: Assembler) -> None:
        getattr(a, f"fcvt{mode}u")(v2.d2, v0.d2)
        getattr(a, f"fcvt{mode}s")(v3.d2, v1.d2)

    out = _run(buf, emu, emit, struct.pack("<4d", *DOUBLES), 32)
    expect = MODES[mode]
    assert list(struct.unpack("<2Q", out[:16])) == [max(0, int(expect(x)))
                                                   for x in DOUBLES[:2]]
    assert list(struct.unpack("<2q", out[16:])) == [int(expect(x)) for x in DOUBLES[2:]]


def test_fixed_point_and_integer_conversions(buf: JitBuffer, emu: EmulatorBackend) -> None:
    ints = [384, -40, 7, 1 << 20]

    def emit(a: Assembler) -> None:
        a.scvtf(v2.s4, v0.s4, 8)  # Q24.8 to float
        a.fcvtzs(v3.s4, v1.s4, 4)  # float to Q28.4, toward zero

    out = _run(buf, emu, emit, struct.pack("<4i4f", *ints, *SINGLES[:4]), 32)
    assert list(struct.unpack("<4f", out[:16])) == [x / 256 for x in ints]
    assert list(struct.unpack("<4i", out[16:])) == [math.trunc(x * 16) for x in SINGLES[:4]]


def test_fixed_point_extremes_d_lanes(buf: JitBuffer, emu: EmulatorBackend) -> None:
    def emit(a: Assembler) -> None:
        a.ucvtf(v2.d2, v0.d2, 64)  # 0..2**64-1 as a fraction of one
        a.fcvtzu(v3.d2, v1.d2, 64)

    raw = [1 << 63, (1 << 64) - 1]
    fractions = [0.25, 0.5]
    out = _run(buf, emu, emit, struct.pack("<2Q2d", *raw, *fractions), 32)
    assert list(struct.unpack("<2d", out[:16])) == [float(r) / 2**64 for r in raw]
    assert list(struct.unpack("<2Q", out[16:])) == [int(f * 2**64) for f in fractions]


def test_widening(buf: JitBuffer, emu: EmulatorBackend) -> None:
    def emit(a: Assembler) -> None:
        a.fcvtl(v2.d2, v0.s2)
        a.fcvtl2(v3.d2, v0.s4)

    singles = [_f32(x) for x in (0.1, -2.5, 3e38, -1e-3)]
    out = _run(buf, emu, emit, struct.pack("<4f4f", *singles, *singles), 32)
    assert list(struct.unpack("<2d", out[:16])) == singles[:2]
    assert list(struct.unpack("<2d", out[16:])) == singles[2:]


def test_narrowing_results(buf: JitBuffer, emu: EmulatorBackend) -> None:
    doubles = [1 + 2**-30, 1e300]

    def emit(a: Assembler) -> None:
        a.fcvtn(v2.s2, v0.d2)
        a.fcvtxn2(v2.s4, v0.d2)
        a.fcvtn(v3.h4, v1.s4)
        a.fcvtl(v3.s4, v3.h4)

    halves = [_f32(x) for x in (1.0 + 2**-11, 65504.0, 1e6, -0.333)]
    out = _run(buf, emu, emit, struct.pack("<2d4f", *doubles, *halves), 32)
    got = struct.unpack("<4f", out[:16])
    # fcvtn rounds to nearest: 1 + 2**-30 is 1.0 and 1e300 overflows to infinity;
    # fcvtxn rounds to odd: 1 + 2**-23 and the largest finite single.
    assert got[:2] == (1.0, math.inf)
    assert got[2:] == (1 + 2**-23, _f32(3.4028234663852886e38))
    back = struct.unpack("<4f", out[16:])
    assert list(back) == [float(struct.unpack("<e", struct.pack("<e", h))[0])
                          if abs(h) <= 65504 else math.inf for h in halves]


def test_fp16_lanes(buf: JitBuffer, emu: EmulatorBackend) -> None:
    halves = [1.5, -2.5, 2.5, -0.75, 0.5, -1.5, 3.25, 1000.0]

    def emit(a: Assembler) -> None:
        a.frintn(v2.h8, v0.h8)
        a.fcvtzs(v3.h8, v0.h8, 2)  # to Q13.2 fixed point, toward zero

    out = _run(buf, emu, emit, struct.pack("<8e", *halves) + bytes(16), 32)
    assert list(struct.unpack("<8e", out[:16])) == [float(round(x)) for x in halves]
    assert list(struct.unpack("<8h", out[16:])) == [math.trunc(x * 4) for x in halves]


def test_fp16_arithmetic(buf: JitBuffer, emu: EmulatorBackend) -> None:
    xs = [1.5, -2.5, 2.0, -0.75, 0.5, -1.5, 3.25, 100.0]
    ys = [0.25, 4.0, -1.0, 8.0, 0.5, 2.0, -0.125, 0.5]

    def emit(a: Assembler) -> None:
        a.fmul(v2.h8, v0.h8, v1.h[1])  # every lane * 4.0
        a.fadd(v2.h8, v2.h8, v1.h8)
        a.fmov(v3.h4, -0.5)  # lanes 4-7 cleared (64-bit form)
        a.fcmgt(v1.h8, v0.h8, 0.0)
        a.ins(v3.d[1], v1.d[1])

    out = _run(buf, emu, emit, struct.pack("<8e8e", *xs, *ys), 32)
    assert list(struct.unpack("<8e", out[:16])) == [x * 4.0 + y for x, y in zip(xs, ys,
                                                                              strict=True)]
    assert struct.unpack("<4e", out[16:24]) == (-0.5,) * 4
    assert list(struct.unpack("<4H", out[24:])) == [0xFFFF if x > 0 else 0 for x in xs[4:]]


def test_fp_across_lanes(buf: JitBuffer, emu: EmulatorBackend) -> None:
    singles = [1.5, -2.5, 7.25, -0.75]
    halves = [0.5, -3.0, 2.0, 9.5, -8.0, 1.0, 0.25, 4.0]

    def emit(a: Assembler) -> None:
        a.movi(v2.b16, 0)
        a.movi(v3.b16, 0)
        a.fmaxv(s2, v0.s4)
        a.fminnmv(h3, v1.h8)
        a.fminv(s0, v0.s4)
        a.ins(v2.s[1], v0.s[0])

    out = _run(buf, emu, emit, struct.pack("<4f8e", *singles, *halves), 32)
    assert struct.unpack("<2f", out[:8]) == (max(singles), min(singles))
    assert struct.unpack("<e", out[16:18])[0] == min(halves)
