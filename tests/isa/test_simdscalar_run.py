"""Advanced SIMD scalar forms and saturating shifts executed in the emulator, each lane
checked against a Python model of the saturation and rounding."""

from __future__ import annotations

import ctypes
import random
import struct
from collections.abc import Callable

from a64jit import Assembler, JitBuffer, alloc_data
from a64jit.operands import (
    b2,
    d0,
    d1,
    d2,
    d3,
    h2,
    mem,
    post,
    s0,
    s1,
    s2,
    s3,
    v0,
    v1,
    v2,
    v3,
    vlist,
    x0,
    x1,
)
from a64jit.runtime.emulator import EmulatorBackend

VP = ctypes.c_void_p
_KEEP: list[object] = []


def _sat(x: int, bits: int, signed: bool) -> int:
    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    return max(lo, min(hi, x))


def _run(buf: JitBuffer, emu: EmulatorBackend, emit: Callable[[Assembler], None],
         data: bytes) -> bytes:
    """Load 32 bytes at x0 into v0-v1, run ``emit``, store v2-v3 to x1."""
    blocks = [alloc_data(32, backend=emu) for _ in range(2)]
    _KEEP.extend(blocks)
    ctypes.memmove(blocks[0].address, data, 32)
    a = Assembler()
    a.ld1(vlist(v0.b16, 2), mem(x0))
    emit(a)
    a.st1(vlist(v2.b16, 2), post(x1, 32))
    a.ret()
    buf.install(a, restype=None, argtypes=[VP, VP])(blocks[0].address, blocks[1].address)
    return ctypes.string_at(blocks[1].address, 32)


def test_saturating_narrowing_shifts(buf: JitBuffer, emu: EmulatorBackend) -> None:
    rng = random.Random(5)
    wide = [rng.choice((rng.randrange(-40000, 40000), 32767, -32768, 255 * 16))
            for _ in range(8)]
    wide += [rng.randrange(0, 65536) for _ in range(8)]

    def emit(a: Assembler) -> None:
        a.sqshrn(v2.b8, v0.h8, 4)
        a.sqrshrun2(v2.b16, v0.h8, 3)
        a.uqrshrn(v3.b8, v1.h8, 7)
        a.uqshrn2(v3.b16, v1.h8, 1)

    out = _run(buf, emu, emit, struct.pack("<8h8H", *wide))
    signed, unsigned = wide[:8], wide[8:]
    assert list(struct.unpack("<8b", out[:8])) == [_sat(x >> 4, 8, True) for x in signed]
    assert list(out[8:16]) == [_sat((x + 4) >> 3, 8, False) for x in signed]
    assert list(out[16:24]) == [_sat((x + 64) >> 7, 8, False) for x in unsigned]
    assert list(out[24:32]) == [_sat(x >> 1, 8, False) for x in unsigned]


def test_scalar_shifts_and_saturation(buf: JitBuffer, emu: EmulatorBackend) -> None:
    a_val, b_val = -(1 << 62) - 12345, 0x7FFF_FFFF_0000_0001

    def emit(a: Assembler) -> None:
        a.movi(v2.b16, 0)
        a.movi(v3.b16, 0)
        a.sshr(d2, d0, 3)
        a.ushr(d3, d0, 64)  # all bits shifted out
        a.usra(d3, d1, 60)
        a.sqshl(s2, s2, 0)  # lane 0 of v2 only: the rest of v2 is zeroed
        a.sqshlu(d1, d0, 1)  # negative: saturates to 0
        a.ins(v3.d[1], v1.d[0])
        a.sqabs(b2, b2)

    out = _run(buf, emu, emit, struct.pack("<q8xq8x", a_val, b_val))
    lo2, hi2, lo3, hi3 = struct.unpack("<qqQQ", out)
    assert lo2 == _scalar_model(a_val)
    assert hi2 == 0  # a scalar write clears the rest of the register
    assert lo3 == b_val >> 60
    assert hi3 == 0  # sqshlu of a negative value saturates to 0


def _scalar_model(a_val: int) -> int:
    """sshr d2, d0, #3, then sqshl s2 #0 and sqabs b2 (each scalar write zeroes the rest)."""
    shifted = a_val >> 3
    low32 = shifted & 0xFFFF_FFFF
    low8 = struct.unpack("<b", bytes([low32 & 0xFF]))[0]
    return _sat(abs(low8), 8, True) & 0xFF


def test_scalar_narrowing(buf: JitBuffer, emu: EmulatorBackend) -> None:
    def emit(a: Assembler) -> None:
        a.movi(v3.b16, 0)
        a.sqxtn(s2, d0)
        a.ins(v3.s[1], v2.s[0])
        a.uqxtn(h2, s2)  # 0x80000000 read as unsigned
        a.ins(v3.h[4], v2.h[0])
        a.sqrshrn(s2, d1, 32)
        a.ins(v3.s[0], v2.s[0])

    values = [-(1 << 40), (3 << 32) + (1 << 31)]
    out = _run(buf, emu, emit, struct.pack("<q8xq8x", *values))
    expected = _sat((values[1] + (1 << 31)) >> 32, 32, True)
    assert struct.unpack("<iiH", out[16:26]) == (expected, -(1 << 31), 0xFFFF)
    assert struct.unpack("<i", out[:4])[0] == expected


def test_scalar_pairwise_element_and_copies(buf: JitBuffer, emu: EmulatorBackend) -> None:
    xs = [1.5, -4.0, 10.25, 0.5]

    def emit(a: Assembler) -> None:
        a.faddp(s2, v0.s2)  # xs[0] + xs[1]
        a.fmaxp(d3, v1.d2)  # max of the two doubles
        a.fmul(s2, s2, v0.s[2])  # * xs[2]
        a.fmla(s2, s2, v0.s[3])  # += s2 * xs[3]
        a.dup(s0, v0.s[3])
        a.ins(v2.s[1], v0.s[0])
        a.addp(d1, v1.d2)  # the two doubles' bit patterns as integers
        a.ins(v3.d[1], v1.d[0])

    doubles = [2.5, -7.0]
    out = _run(buf, emu, emit, struct.pack("<4f2d", *xs, *doubles))
    f32 = [struct.unpack("<f", struct.pack("<f", v))[0] for v in xs]
    s = (f32[0] + f32[1]) * f32[2]
    s = s + s * f32[3]
    assert struct.unpack("<2f", out[:8]) == (s, f32[3])
    assert struct.unpack("<d", out[16:24])[0] == max(doubles)
    bits = [struct.unpack("<Q", struct.pack("<d", v))[0] for v in doubles]
    assert struct.unpack("<Q", out[24:32])[0] == sum(bits) & (2**64 - 1)


def test_scalar_saturating_doubling(buf: JitBuffer, emu: EmulatorBackend) -> None:
    def emit(a: Assembler) -> None:
        a.sqdmull(d2, s0, v0.s[1])  # 2 * a * b, saturating
        a.sqdmulh(s3, s1, v1.s[1])
        a.sqdmlal(d3, s0, s0)  # d3 = sat(s3 zero-extended + 2 * a * a)

    a_val, b_val, c_val, e_val = -(1 << 31), -(1 << 31), 0x40000000, 0x7FFF0000
    out = _run(buf, emu, emit, struct.pack("<iiQ ii8x", a_val, b_val, 0, c_val, e_val))
    assert struct.unpack("<q", out[:8])[0] == _sat(2 * a_val * b_val, 64, True)
    high = _sat((2 * c_val * e_val) >> 32, 32, True) & 0xFFFF_FFFF
    assert struct.unpack("<q", out[16:24])[0] == _sat(high + 2 * a_val * a_val, 64, True)


def test_orr_bic_immediate_without_shift(buf: JitBuffer, emu: EmulatorBackend) -> None:
    words = [0x12345600, 0xFFFFFFFF, 0, 0x80000001]
    halves = [0x1234, 0xFFFF, 0x00FF, 0xAB00, 0, 1, 0x7F7F, 0x8080]

    def emit(a: Assembler) -> None:
        a.orr(v0.s4, 0x5A)  # type: ignore[arg-type]  # vector form, typed for GP
        a.bic(v1.h8, 0xFF)  # type: ignore[arg-type]
        a.ins(v2.d[0], v0.d[0])
        a.ins(v2.d[1], v0.d[1])
        a.ins(v3.d[0], v1.d[0])
        a.ins(v3.d[1], v1.d[1])

    out = _run(buf, emu, emit, struct.pack("<4I8H", *words, *halves))
    assert list(struct.unpack("<4I", out[:16])) == [w | 0x5A for w in words]
    assert list(struct.unpack("<8H", out[16:])) == [h & 0xFF00 for h in halves]


def test_vector_rev_rbit_cls_clz(buf: JitBuffer, emu: EmulatorBackend) -> None:
    data = bytes(range(1, 17)) + bytes([0x80, 0x01, 0xFF, 0x00] * 4)

    def emit(a: Assembler) -> None:
        # vector forms of GP-typed methods (reached through their error path)
        a.rev64(v2.s4, v0.s4)  # type: ignore[arg-type]
        a.rbit(v3.b16, v1.b16)  # type: ignore[arg-type]
        a.clz(v1.b16, v1.b16)  # type: ignore[arg-type]
        a.ins(v3.d[1], v1.d[0])

    out = _run(buf, emu, emit, data)
    words = struct.unpack("<4I", data[:16])
    assert struct.unpack("<4I", out[:16]) == (words[1], words[0], words[3], words[2])
    assert list(out[16:24]) == [int(f"{b:08b}"[::-1], 2) for b in data[16:24]]
    assert list(out[24:32]) == [8 - b.bit_length() for b in data[16:24]]
