"""I8MM and BF16 on the native backend (qemu's "max" CPU has them; the emulator's Unicorn
model does not, so tests/isa skips them there): smmla, usdot, bfcvtn(2) and bfdot against
Python models."""

from __future__ import annotations

import ctypes
import random
import struct
from collections.abc import Callable

from a64jit import Assembler, JitBuffer
from a64jit.operands import mem, post, v0, v1, v2, v3, vlist, x0, x1

VP = ctypes.c_void_p


def _run(emit: Callable[[Assembler], None], data: bytes) -> bytes:
    """v0-v3 from 64 bytes of ``data``; run ``emit``; return v2-v3."""
    src = ctypes.create_string_buffer(data, 64)
    dst = ctypes.create_string_buffer(32)
    a = Assembler()
    a.ld1(vlist(v0.b16, 4), mem(x0))
    emit(a)
    a.st1(vlist(v2.b16, 2), post(x1, 32))
    a.ret()
    with JitBuffer() as buf:
        buf.install(a, restype=None, argtypes=[VP, VP])(ctypes.addressof(src),
                                                       ctypes.addressof(dst))
    return dst.raw


def _bf16(x: float) -> int:
    bits = int(struct.unpack("<I", struct.pack("<f", x))[0])
    return (bits + 0x7FFF + (bits >> 16 & 1)) >> 16  # round to nearest even


def test_i8mm_and_bf16(native: str) -> None:
    rng = random.Random(2)
    data = bytes(rng.randrange(256) for _ in range(32)) + bytes(32)

    def mmla(a: Assembler) -> None:
        a.smmla(v2.s4, v0.b16, v1.b16)
        a.usdot(v3.s4, v0.b16, v1.b16)

    out = _run(mmla, data)
    am, bm = struct.unpack("<16b", data[:16]), struct.unpack("<16b", data[16:32])
    assert list(struct.unpack("<4i", out[:16])) == [
        sum(am[8 * r + k] * bm[8 * c + k] for k in range(8)) for r in range(2) for c in range(2)]
    assert list(struct.unpack("<4i", out[16:])) == [
        sum(data[4 * i + k] * bm[4 * i + k] for k in range(4)) for i in range(4)]

    xs = [1.0, 3.14159, -2.0e-3, 65535.0, 1 + 2**-8, 1 + 3 * 2**-8, -7.5, 1e18]

    def narrow(a: Assembler) -> None:
        a.bfcvtn(v2.h4, v0.s4)
        a.bfcvtn2(v2.h8, v1.s4)
        a.bfdot(v3.s4, v2.h8, v2.h8)

    out = _run(narrow, struct.pack("<8f", *xs) + bytes(32))
    halves = [_bf16(x) for x in xs]
    assert list(struct.unpack("<8H", out[:16])) == halves
    vals = [struct.unpack("<f", struct.pack("<I", h << 16))[0] for h in halves]
    dots = struct.unpack("<4f", out[16:])
    for i in range(4):  # bfdot rounds to odd internally: compare to a single's precision
        want = vals[2 * i] ** 2 + vals[2 * i + 1] ** 2
        assert abs(dots[i] - want) <= abs(want) * 2**-20


def test_i8mm_and_bf16_by_element(native: str) -> None:
    """usdot/sudot with a group v1.4b[i] and bfdot with v1.2h[i] (the by-element forms)."""
    rng = random.Random(4)
    data = bytes(rng.randrange(256) for _ in range(32)) + bytes(32)

    def by_group(a: Assembler) -> None:
        a.usdot(v2.s4, v0.b16, v1.b4[3])
        a.sudot(v3.s4, v0.b16, v1.b4[0])

    out = _run(by_group, data)
    sa, sb = struct.unpack("<16b", data[:16]), struct.unpack("<16b", data[16:32])
    ua, ub = data[:16], data[16:32]
    assert list(struct.unpack("<4i", out[:16])) == [
        sum(ua[4 * i + k] * sb[12 + k] for k in range(4)) for i in range(4)]
    assert list(struct.unpack("<4i", out[16:])) == [
        sum(sa[4 * i + k] * ub[k] for k in range(4)) for i in range(4)]

    # small integers and halves: exact in BFloat16, their products sum exactly
    xs = [1.0, -2.0, 3.0, 0.5, 4.0, 5.0, -6.0, 7.0]
    ys = [2.0, 3.0, -1.0, 0.25, 8.0, -0.5, 1.5, 2.0]
    words = struct.pack("<16H", *(_bf16(x) for x in xs + ys))

    def bfdot(a: Assembler) -> None:
        a.bfdot(v2.s4, v0.h8, v1.h2[2])
        a.bfdot(v3.s2, v0.h4, v1.h2[0])

    out = _run(bfdot, words + bytes(32))
    assert list(struct.unpack("<4f", out[:16])) == [
        xs[2 * i] * ys[4] + xs[2 * i + 1] * ys[5] for i in range(4)]
    assert list(struct.unpack("<4f", out[16:])) == [
        xs[2 * i] * ys[0] + xs[2 * i + 1] * ys[1] for i in range(2)] + [0.0, 0.0]
