"""Advanced SIMD executed in the emulator: a NEON memchr, a byte histogram and a
population count with cnt/addv/uaddlv, structure loads/stores, table lookup, permutes,
shifts and immediates, each checked against Python."""

from __future__ import annotations

import collections
import ctypes
import random

from a64jit import Assembler, JitBuffer, alloc_data
from a64jit.operands import (
    b3,
    d0,
    h4,
    lsl,
    mem,
    post,
    v0,
    v1,
    v2,
    v3,
    v4,
    v5,
    v6,
    v7,
    vlist,
    w2,
    w5,
    x0,
    x1,
    x3,
    x4,
    x5,
)
from a64jit.runtime.emulator import EmulatorBackend

I64 = ctypes.c_int64
U64 = ctypes.c_uint64
VP = ctypes.c_void_p


def _data(emu: EmulatorBackend, data: bytes) -> int:
    block = alloc_data(max(len(data), 16), backend=emu)
    ctypes.memmove(block.address, data, len(data))
    _KEEP.append(block)
    return int(block.address)


_KEEP: list[object] = []


def memchr_function() -> Assembler:
    """memchr(ptr, len, byte) -> index or -1: 16 bytes a step (dup, ld1, cmeq, umaxv,
    umov), then byte by byte."""
    a = Assembler()
    loop, tail, tail_loop, found, none = (a.label() for _ in range(5))
    a.dup(v0.b16, w2)
    a.mov(x4, x0)
    a.bind(loop)
    a.cmp(x1, 16)
    a.b_lo(tail)
    a.ld1(vlist(v1.b16, 1), post(x4, 16))
    a.cmeq(v2.b16, v1.b16, v0.b16)
    a.umaxv(b3, v2.b16)
    a.umov(w5, v3.b[0])
    a.sub(x1, x1, 16)
    a.cbz(w5, loop)
    a.sub(x4, x4, 16)  # a hit in this block: find it byte by byte
    a.mov(x1, 16)
    a.bind(tail)
    a.cbz(x1, none)
    a.bind(tail_loop)
    a.ldrb(w5, post(x4, 1))
    a.cmp(w5, w2)
    a.b_eq(found)
    a.subs(x1, x1, 1)
    a.b_ne(tail_loop)
    a.bind(none)
    a.mov(x0, -1)
    a.ret()
    a.bind(found)
    a.sub(x0, x4, x0)
    a.sub(x0, x0, 1)
    a.ret()
    return a


def test_neon_memchr(buf: JitBuffer, emu: EmulatorBackend) -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(1, 200) for _ in range(300))
    ptr = _data(emu, data)
    f = buf.install(memchr_function(), restype=I64, argtypes=[VP, U64, U64])
    for needle in (data[0], data[15], data[16], data[17], data[299], 250, data[150]):
        for n in (0, 1, 15, 16, 17, 31, 32, 100, 300):
            expected = data[:n].find(bytes([needle]))
            assert f(ptr, n, needle) == expected, (needle, n)


def count_function() -> Assembler:
    """count(ptr, blocks, byte): occurrences of byte in blocks * 16 bytes (cmeq gives 0xff
    per match, ushr #7 makes it 1, addv sums a block)."""
    a = Assembler()
    loop, done = a.label(), a.label()
    a.dup(v0.b16, w2)
    a.mov(x3, 0)
    a.bind(loop)
    a.cbz(x1, done)
    a.ld1(vlist(v1.b16, 1), post(x0, 16))
    a.cmeq(v2.b16, v1.b16, v0.b16)
    a.ushr(v2.b16, v2.b16, 7)
    a.addv(b3, v2.b16)
    a.umov(w5, v3.b[0])
    a.add(x3, x3, x5)
    a.sub(x1, x1, 1)
    a.b(loop)
    a.bind(done)
    a.mov(x0, x3)
    a.ret()
    return a


def test_byte_histogram(buf: JitBuffer, emu: EmulatorBackend) -> None:
    rng = random.Random(11)
    data = bytes(rng.choice((0, 1, 2, 3, 0x80, 0xFF, rng.randrange(256))) for _ in range(512))
    ptr = _data(emu, data)
    f = buf.install(count_function(), restype=I64, argtypes=[VP, U64, U64])
    histogram = [f(ptr, len(data) // 16, value) for value in range(256)]
    expected = collections.Counter(data)
    assert histogram == [expected.get(v, 0) for v in range(256)]


def test_popcount_with_cnt_and_uaddlv(buf: JitBuffer, emu: EmulatorBackend) -> None:
    rng = random.Random(3)
    data = bytes(rng.randrange(256) for _ in range(64 * 5))
    ptr = _data(emu, data)
    a = Assembler()
    loop, done = a.label(), a.label()
    a.mov(x3, 0)
    a.bind(loop)
    a.cbz(x1, done)
    a.ld1(vlist(v4.b16, 4), post(x0, 64))  # {v4.16b-v7.16b}
    for v in (v4, v5, v6, v7):
        a.cnt(v.b16, v.b16)
        a.uaddlv(h4, v.b16)  # overwrites v4 after its own use: fine, in order
        a.umov(w5, v4.h[0])
        a.add(x3, x3, x5)
    a.sub(x1, x1, 1)
    a.b(loop)
    a.bind(done)
    a.mov(x0, x3)
    a.ret()
    f = buf.install(a, restype=I64, argtypes=[VP, U64])
    assert f(ptr, 5) == sum(bin(b).count("1") for b in data)


def test_structures_tables_permutes(buf: JitBuffer, emu: EmulatorBackend) -> None:
    pixels = bytes(range(64))  # 16 RGBA pixels
    src = _data(emu, pixels)
    dst = _data(emu, bytes(64 * 3))
    a = Assembler()
    a.ld4(vlist(v0.b16, 4), mem(x0))  # v0 = R, v1 = G, v2 = B, v3 = A
    a.st1(vlist(v0.b16, 4), post(x1, 64))  # planar
    a.ext(v5.b16, v0.b16, v1.b16, 8)  # R[8..15] then G[0..7]
    a.zip1(v6.b16, v0.b16, v1.b16)  # R0 G0 R1 G1 ...
    a.st1(vlist(v5.b16, 2), post(x1, 32))
    a.ret()
    f = buf.install(a, restype=None, argtypes=[VP, VP])
    f(src, dst)
    out = ctypes.string_at(dst, 96)
    planes = [bytes(pixels[c::4]) for c in range(4)]
    assert out[:64] == b"".join(planes)
    assert out[64:80] == planes[0][8:] + planes[1][:8]
    assert out[80:96] == bytes(b for pair in zip(planes[0][:8], planes[1][:8], strict=True)
                               for b in pair)


def test_tbl_reverse_and_immediates(buf: JitBuffer, emu: EmulatorBackend) -> None:
    data = bytes(range(100, 116))
    src = _data(emu, data + bytes(range(15, -1, -1)))
    dst = _data(emu, bytes(64))
    a = Assembler()
    a.ld1(vlist(v0.b16, 2), mem(x0))  # v0 = data, v1 = indexes 15..0
    a.tbl(v2.b16, vlist(v0.b16, 1), v1.b16)  # reverse
    a.movi(v3.s4, 0xAB, lsl(8))
    a.mvni(v4.h8, 0x12)
    a.movi(d0, 0xFF00FF00FF00FF00)
    a.st1(vlist(v2.b16, 3), post(x1, 48))
    a.st1(vlist(v0.d1, 1), mem(x1))
    a.ret()
    f = buf.install(a, restype=None, argtypes=[VP, VP])
    f(src, dst)
    out = ctypes.string_at(dst, 56)
    assert out[:16] == data[::-1]
    assert out[16:32] == (0xAB00).to_bytes(4, "little") * 4
    assert out[32:48] == (0xFFED).to_bytes(2, "little") * 8
    assert out[48:56] == (0xFF00FF00FF00FF00).to_bytes(8, "little")



def test_float_lanes(buf: JitBuffer, emu: EmulatorBackend) -> None:
    import struct

    values = [1.5, -2.0, 3.25, 0.0]
    other = [0.5, 4.0, -1.0, 0.0]
    src = _data(emu, struct.pack("<4f", *values) + struct.pack("<4f", *other))
    dst = _data(emu, bytes(64))
    a = Assembler()
    a.ld1(vlist(v0.s4, 2), mem(x0))
    a.mov(v2.b16, v0.b16)
    a.fmla(v2.s4, v0.s4, v1.s4)  # v2 = v0 + v0 * v1
    a.fabd(v3.s4, v0.s4, v1.s4)
    a.fcmgt(v4.s4, v0.s4, 0.0)
    a.faddp(v5.s4, v0.s4, v1.s4)
    a.st1(vlist(v2.s4, 4), mem(x1))
    a.ret()
    buf.install(a, restype=None, argtypes=[VP, VP])(src, dst)
    out = ctypes.string_at(dst, 64)
    assert list(struct.unpack("<4f", out[:16])) == [a_ + a_ * b for a_, b in zip(values, other,
                                                                               strict=True)]
    assert list(struct.unpack("<4f", out[16:32])) == [abs(a_ - b) for a_, b in zip(values, other,
                                                                                   strict=True)]
    assert list(struct.unpack("<4I", out[32:48])) == [0xFFFFFFFF if v > 0 else 0 for v in values]
    assert list(struct.unpack("<4f", out[48:64])) == [values[0] + values[1], values[2] + values[3],
                                                     other[0] + other[1], other[2] + other[3]]


def test_widening_dot_product(buf: JitBuffer, emu: EmulatorBackend) -> None:
    """sum(a[i] * b[i]) of 16 bytes: umull/umull2, uaddlp/uadalp, addv."""
    from a64jit.operands import s5

    rng = random.Random(13)
    a_bytes = bytes(rng.randrange(256) for _ in range(16))
    b_bytes = bytes(rng.randrange(256) for _ in range(16))
    src = _data(emu, a_bytes + b_bytes)
    a = Assembler()
    a.ld1(vlist(v0.b16, 2), mem(x0))
    a.umull(v2.h8, v0.b8, v1.b8)
    a.umull2(v3.h8, v0.b16, v1.b16)
    a.uaddlp(v4.s4, v2.h8)
    a.uadalp(v4.s4, v3.h8)
    a.addv(s5, v4.s4)
    a.umov(w5, v5.s[0])
    a.mov(x0, x5)
    a.ret()
    f = buf.install(a, restype=I64, argtypes=[VP])
    assert f(src) == sum(p * q for p, q in zip(a_bytes, b_bytes, strict=True))


def test_lane_loads_stores_and_replicate(buf: JitBuffer, emu: EmulatorBackend) -> None:
    import struct

    from a64jit.operands import vlanes

    src = _data(emu, struct.pack("<4I", 11, 22, 33, 44))
    dst = _data(emu, bytes(64))
    a = Assembler()
    a.movi(v0.b16, 0)
    a.ld1(vlanes(v0.s[2]), mem(x0))  # v0 = {0, 0, 11, 0}
    a.add(x4, x0, 4)
    a.ld1r(vlist(v1.s4, 1), mem(x4))  # v1 = {22, 22, 22, 22}
    a.ld2(vlanes(v2.s[1], 2), mem(x0))  # v2.s[1] = 11, v3.s[1] = 22
    a.st1(vlist(v0.s4, 2), post(x1, 32))
    a.st2(vlanes(v2.s[1], 2), post(x1, 8))  # 11, 22
    a.ret()
    f = buf.install(a, restype=None, argtypes=[VP, VP])
    f(src, dst)
    out = struct.unpack("<10I", ctypes.string_at(dst, 40))
    assert out[:4] == (0, 0, 11, 0)
    assert out[4:8] == (22, 22, 22, 22)
    assert out[8:10] == (11, 22)


def test_by_element(buf: JitBuffer, emu: EmulatorBackend) -> None:
    import struct

    src = _data(emu, struct.pack("<4f", 1.0, 2.0, 3.0, 4.0) + struct.pack("<4I", 1, 2, 3, 4))
    dst = _data(emu, bytes(32))
    a = Assembler()
    a.ld1(vlist(v0.s4, 2), mem(x0))  # v0 floats, v1 ints
    a.movi(v2.b16, 0)
    a.fmla(v2.s4, v0.s4, v0.s[3])  # v0 * 4.0
    a.mul(v3.s4, v1.s4, v1.s[2])  # v1 * 3
    a.st1(vlist(v2.s4, 2), mem(x1))
    a.ret()
    buf.install(a, restype=None, argtypes=[VP, VP])(src, dst)
    out = ctypes.string_at(dst, 32)
    assert struct.unpack("<4f", out[:16]) == (4.0, 8.0, 12.0, 16.0)
    assert struct.unpack("<4I", out[16:]) == (3, 6, 9, 12)


def test_vector_forms_of_scalar_fp_names(buf: JitBuffer, emu: EmulatorBackend) -> None:
    import struct

    from a64jit.operands import d1, d2

    src = _data(emu, struct.pack("<2d", 9.0, 16.0) + struct.pack("<2d", 1.0, -2.0))
    dst = _data(emu, bytes(48))
    a = Assembler()
    a.ld1(vlist(v0.d2, 2), mem(x0))
    a.fsqrt(v2.d2, v0.d2)  # 3, 4
    a.fadd(v2.d2, v2.d2, v1.d2)  # 4, 2
    a.fmul(v3.d2, v2.d2, v1.d[1])  # -8, -4
    a.fadd(d1, d1, d2)  # the scalar form still works through the same method
    a.fneg(v4.d2, v3.d2)  # 8, 4 (v4 then stored after v3)
    a.st1(vlist(v2.d2, 3), mem(x1))
    a.ret()
    buf.install(a, restype=None, argtypes=[VP, VP])(src, dst)
    assert struct.unpack("<6d", ctypes.string_at(dst, 48)) == (4.0, 2.0, -8.0, -4.0, 8.0, 4.0)
