"""The dot products by element (``v2.4b[i]``, ``v2.2h[i]``), FP16 scalar pairwise
(``faddp h0, v1.2h``) and the swapped-source register compares (cmle, cmlo, fcmle, facle,
...) executed in the emulator, each checked against a Python model."""

from __future__ import annotations

import ctypes
import random
import struct
from collections.abc import Callable

import pytest

from a64jit import Assembler, JitBuffer, alloc_data
from a64jit.errors import JitFault
from a64jit.operands import (
    d0,
    d1,
    d3,
    d4,
    h2,
    h3,
    mem,
    s0,
    s1,
    s2,
    s4,
    v0,
    v1,
    v2,
    v3,
    v4,
    vlist,
    x0,
    x1,
)
from a64jit.runtime.emulator import EmulatorBackend

VP = ctypes.c_void_p
_KEEP: list[object] = []


def _run(buf: JitBuffer, emu: EmulatorBackend, emit: Callable[[Assembler], None],
         data: bytes, init: bytes = bytes(32), feature: str = "") -> bytes:
    """v0-v1 from ``data``, v2-v3 from ``init``; run ``emit``; return v2-v3. With
    ``feature``, skip when the emulator's CPU model lacks it (the encodings are checked
    against llvm-mc elsewhere)."""
    src = alloc_data(64, backend=emu)
    dst = alloc_data(32, backend=emu)
    _KEEP.extend((src, dst))
    ctypes.memmove(src.address, data + init, 64)
    a = Assembler()
    a.ld1(vlist(v0.b16, 4), mem(x0))
    emit(a)
    a.st1(vlist(v2.b16, 2), mem(x1))
    a.ret()
    f = buf.install(a, restype=None, argtypes=[VP, VP])
    try:
        f(src.address, dst.address)
    except JitFault as exc:
        if feature and "undefined instruction" in str(exc):
            pytest.skip(f"the emulator's CPU model has no {feature}: {exc}")
        raise
    return ctypes.string_at(dst.address, 32)


def _dot(a: bytes, b: bytes, lane: int, group: int, sa: bool, sb: bool) -> int:
    xs = struct.unpack("<16b" if sa else "<16B", a)
    ys = struct.unpack("<16b" if sb else "<16B", b)
    return sum(xs[4 * lane + k] * ys[4 * group + k] for k in range(4))


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_sdot_udot_by_element(buf: JitBuffer, emu: EmulatorBackend, index: int) -> None:
    rng = random.Random(index)
    data = bytes(rng.randrange(256) for _ in range(32))
    init = struct.pack("<4i4i", 7, -9, 1 << 30, -(1 << 30), 0, 0, 0, 0)

    def emit(a: Assembler) -> None:
        a.sdot(v2.s4, v0.b16, v1.b4[index])
        a.udot(v3.s2, v1.b8, v0.b4[3 - index])  # the 64-bit form clears lanes 2-3

    out = _run(buf, emu, emit, data, init)
    x, y = data[:16], data[16:]
    acc = struct.unpack("<4i", init[:16])
    want = [(acc[i] + _dot(x, y, i, index, True, True) + 2**31) % 2**32 - 2**31
            for i in range(4)]
    assert list(struct.unpack("<4i", out[:16])) == want
    assert list(struct.unpack("<4I", out[16:])) == [
        _dot(y, x, i, 3 - index, False, False) for i in range(2)] + [0, 0]


def test_usdot_sudot_by_element(buf: JitBuffer, emu: EmulatorBackend) -> None:
    rng = random.Random(5)
    data = bytes(rng.randrange(256) for _ in range(32))

    def emit(a: Assembler) -> None:
        a.usdot(v2.s4, v0.b16, v1.b4[2])
        a.sudot(v3.s4, v0.b16, v1.b4[1])

    out = _run(buf, emu, emit, data, feature="I8MM")
    x, y = data[:16], data[16:]
    assert list(struct.unpack("<4i", out[:16])) == [_dot(x, y, i, 2, False, True)
                                                     for i in range(4)]
    assert list(struct.unpack("<4i", out[16:])) == [_dot(x, y, i, 1, True, False)
                                                     for i in range(4)]


def test_bfdot_by_element(buf: JitBuffer, emu: EmulatorBackend) -> None:
    # small integers are exact in BFloat16 and their products sum exactly in single
    def bf16(x: float) -> bytes:
        return struct.pack("<f", x)[2:]

    xs = [1.0, -2.0, 3.0, 0.5, 4.0, 5.0, -6.0, 7.0]
    ys = [2.0, 3.0, -1.0, 0.25, 8.0, -0.5, 1.5, 2.0]
    data = b"".join(bf16(x) for x in xs) + b"".join(bf16(y) for y in ys)

    def emit(a: Assembler) -> None:
        a.bfdot(v2.s4, v0.h8, v1.h2[3])

    out = _run(buf, emu, emit, data, feature="BF16")
    want = [xs[2 * i] * ys[6] + xs[2 * i + 1] * ys[7] for i in range(4)]
    assert list(struct.unpack("<4f", out[:16])) == want


def test_fp16_scalar_pairwise(buf: JitBuffer, emu: EmulatorBackend) -> None:
    # v0.h[0..1] = (1.5, -2.25); v1.h[0..1] = (-0.0, +0.0): the signed zeros tell max/min
    data = struct.pack("<8e", 1.5, -2.25, *[9.0] * 6) + struct.pack("<8e", -0.0, 0.0,
                                                                     *[9.0] * 6)

    def emit(a: Assembler) -> None:
        a.faddp(h2, v0.h2)      # a scalar write clears the rest of v2
        a.fmaxp(h3, v0.h2)
        a.ins(v2.h[1], v3.h[0])
        a.fminp(h3, v0.h2)
        a.ins(v2.h[2], v3.h[0])
        a.fmaxnmp(h3, v1.h2)    # max(-0, +0) is +0
        a.ins(v2.h[3], v3.h[0])
        a.fminnmp(h3, v1.h2)    # min(-0, +0) is -0

    out = _run(buf, emu, emit, data)
    assert out[:16] == struct.pack("<4e", -0.75, 1.5, -2.25, 0.0) + bytes(8)
    assert out[16:] == struct.pack("<e", -0.0) + bytes(14)


def test_swapped_compares(buf: JitBuffer, emu: EmulatorBackend) -> None:
    xs = [5, -3, 0, 127, -128, 1, 1, -1, 9, 9, -56, 3, -7, 0, 44, 100]
    ys = [3, -3, 1, -128, 127, 1, 2, -2, 9, 10, 3, -56, -7, 0, 45, 99]
    data = struct.pack("<16b", *xs) + struct.pack("<16b", *ys)

    def emit(a: Assembler) -> None:
        a.cmle(v2.b16, v0.b16, v1.b16)   # x <= y signed
        a.cmlo(v3.b16, v0.b16, v1.b16)   # x < y unsigned

    out = _run(buf, emu, emit, data)
    assert list(out[:16]) == [255 if x <= y else 0 for x, y in zip(xs, ys, strict=True)]
    assert list(out[16:]) == [255 if x % 256 < y % 256 else 0
                              for x, y in zip(xs, ys, strict=True)]


def test_swapped_fp_compares(buf: JitBuffer, emu: EmulatorBackend) -> None:
    xs = [1.0, -2.0, 3.0, -4.0]
    ys = [1.0, 2.0, -3.0, 3.0]
    data = struct.pack("<4f", *xs) + struct.pack("<4f", *ys)

    def emit(a: Assembler) -> None:
        a.fcmlt(v2.s4, v0.s4, v1.s4)   # x < y
        a.facle(v3.s4, v0.s4, v1.s4)   # |x| <= |y|

    out = _run(buf, emu, emit, data)
    ones = 0xFFFF_FFFF
    assert struct.unpack("<4I", out[:16]) == tuple(
        ones if x < y else 0 for x, y in zip(xs, ys, strict=True))
    assert struct.unpack("<4I", out[16:]) == tuple(
        ones if abs(x) <= abs(y) else 0 for x, y in zip(xs, ys, strict=True))


def test_swapped_scalar_compares(buf: JitBuffer, emu: EmulatorBackend) -> None:
    # each alias is checked on operands where swapping its sources wrongly gives the
    # opposite answer
    data = struct.pack("<fIQ", -1.5, 0, 1 << 63) + struct.pack("<fIQ", 2.5, 0, 5)

    def emit(a: Assembler) -> None:
        a.facle(s2, s0, s1)         # |-1.5| <= |2.5|: ones; the rest of v2 is cleared
        a.fcmle(s4, s0, s1)         # -1.5 <= 2.5: ones
        a.ins(v2.s[1], v4.s[0])
        a.cmls(d3, d1, d0)          # 0x40200000 <= 0xbfc00000 unsigned: ones
        a.ins(v1.d[0], v0.d[1])     # d1 = 1 << 63: negative when signed
        a.cmle(d4, d1, d0)          # -2**63 <= 0xbfc00000 signed: ones
        a.ins(v3.d[1], v4.d[0])

    out = _run(buf, emu, emit, data)
    assert struct.unpack("<4I", out[:16]) == (0xFFFF_FFFF, 0xFFFF_FFFF, 0, 0)
    assert struct.unpack("<2Q", out[16:]) == ((1 << 64) - 1, (1 << 64) - 1)


def _cmla(d: list[float], n: list[float], m: list[float], rot: int) -> list[float]:
    """FCMLA on (real, imaginary) pairs, from the ARM ARM's element choice per rotation."""
    out = list(d)
    for k in range(0, len(d), 2):
        re_n, im_n, re_m, im_m = n[k], n[k + 1], m[k], m[k + 1]
        if rot == 0:
            out[k] += re_n * re_m
            out[k + 1] += re_n * im_m
        elif rot == 90:
            out[k] -= im_n * im_m
            out[k + 1] += im_n * re_m
        elif rot == 180:
            out[k] -= re_n * re_m
            out[k + 1] -= re_n * im_m
        else:
            out[k] += im_n * im_m
            out[k + 1] -= im_n * re_m
    return out


@pytest.mark.parametrize("rot", [0, 90, 180, 270])
def test_fcmla_and_fcadd(buf: JitBuffer, emu: EmulatorBackend, rot: int) -> None:
    n = [1.5, -2.0, 3.0, 0.25]
    m = [-4.0, 0.5, 2.0, 8.0]
    acc = [10.0, 20.0, -30.0, 40.0]
    data = struct.pack("<4f4f", *n, *m)

    def emit(a: Assembler) -> None:
        a.fcmla(v2.s4, v0.s4, v1.s4, rot)
        a.fcmla(v3.s4, v0.s4, v1.s[1], rot)  # the pair (m[2], m[3]) for every pair
        if rot in (90, 270):
            a.fcadd(v3.s4, v0.s4, v1.s4, rot)  # overwrites v3 with n + rot(m)

    out = _run(buf, emu, emit, data, struct.pack("<4f4f", *acc, *acc), feature="FCMA")
    assert list(struct.unpack("<4f", out[:16])) == _cmla(acc, n, m, rot)
    if rot in (90, 270):
        sign = 1 if rot == 90 else -1
        want = [n[0] - sign * m[1], n[1] + sign * m[0], n[2] - sign * m[3], n[3] + sign * m[2]]
    else:
        want = _cmla(acc, n, m[2:] * 2, rot)
    assert list(struct.unpack("<4f", out[16:])) == want


def test_fmlal_fmlsl(buf: JitBuffer, emu: EmulatorBackend) -> None:
    n = [1.0, -2.0, 0.5, 3.0, 4.0, -1.5, 2.0, 0.25]
    m = [2.0, 0.5, -3.0, 4.0, 1.0, 8.0, -0.5, 6.0]
    data = struct.pack("<8e8e", *n, *m)
    acc = [1.0, 2.0, 3.0, 4.0]

    def emit(a: Assembler) -> None:
        a.fmlal(v2.s4, v0.h4, v1.h4)          # lower halves, lanes 0-3
        a.fmlsl2(v2.s4, v0.h4, v1.h[5])       # minus upper halves (4-7) times m[5]
        a.fmlal2(v3.s2, v0.h2, v1.h2)         # the .2h upper half: lanes 2-3
        a.fmlsl(v3.s2, v0.h2, v1.h[7])        # minus lanes 0-1 times m[7]

    out = _run(buf, emu, emit, data, struct.pack("<4f4f", *acc, *acc), feature="FHM")
    assert list(struct.unpack("<4f", out[:16])) == [
        acc[i] + n[i] * m[i] - n[4 + i] * m[5] for i in range(4)]
    assert list(struct.unpack("<4f", out[16:])) == [
        acc[i] + n[2 + i] * m[2 + i] - n[i] * m[7] for i in range(2)] + [0.0, 0.0]
