"""RDM, dot product, I8MM and BF16 executed in the emulator (Unicorn's "max" CPU), each
checked against a Python model."""

from __future__ import annotations

import ctypes
import random
import struct
from collections.abc import Callable

import pytest

from a64jit import Assembler, JitBuffer, alloc_data
from a64jit.errors import JitFault
from a64jit.operands import h2, mem, post, s1, v0, v1, v2, v3, vlist, x0, x1
from a64jit.runtime.emulator import EmulatorBackend

VP = ctypes.c_void_p
_KEEP: list[object] = []


def _run(buf: JitBuffer, emu: EmulatorBackend, emit: Callable[[Assembler], None],
         data: bytes, init: bytes = bytes(32), feature: str = "") -> bytes:
    """v0-v1 from ``data``, v2-v3 from ``init``; run ``emit``; return v2-v3. With
    ``feature``, skip when the emulator's CPU model lacks the instructions (Unicorn 2's
    "max" has no I8MM or BF16); the encodings are still checked against llvm-mc."""
    blocks = [alloc_data(64, backend=emu) for _ in range(2)]
    _KEEP.extend(blocks)
    ctypes.memmove(blocks[0].address, data + init, 64)
    a = Assembler()
    a.ld1(vlist(v0.b16, 4), mem(x0))
    emit(a)
    a.st1(vlist(v2.b16, 2), post(x1, 32))
    a.ret()
    f = buf.install(a, restype=None, argtypes=[VP, VP])
    try:
        f(blocks[0].address, blocks[1].address)
    except JitFault as exc:
        if feature and "undefined instruction" in str(exc):
            pytest.skip(f"the emulator's CPU model has no {feature}: {exc}")
        raise
    return ctypes.string_at(blocks[1].address, 32)


def test_dot_products(buf: JitBuffer, emu: EmulatorBackend) -> None:
    rng = random.Random(9)
    data = bytes(rng.randrange(256) for _ in range(32))
    init = struct.pack("<4i4i", 1, -2, 3, 1 << 20, 0, 0, 0, 0)

    def emit(a: Assembler) -> None:
        a.sdot(v2.s4, v0.b16, v1.b16)
        a.udot(v3.s4, v0.b16, v1.b16)
        a.udot(v3.s2, v1.b8, v0.b8)  # lanes 2-3 of v3 are cleared (64-bit form)

    out = _run(buf, emu, emit, data, init)
    sa, sb = struct.unpack("<16b", data[:16]), struct.unpack("<16b", data[16:])
    ua, ub = data[:16], data[16:]
    acc = struct.unpack("<4i", init[:16])
    sdot = [acc[i] + sum(sa[4 * i + k] * sb[4 * i + k] for k in range(4)) for i in range(4)]
    udot = [sum(ua[4 * i + k] * ub[4 * i + k] for k in range(4)) for i in range(4)]
    twice = [udot[i] + sum(ub[4 * i + k] * ua[4 * i + k] for k in range(4)) for i in range(2)]
    assert list(struct.unpack("<4i", out[:16])) == sdot
    assert list(struct.unpack("<4I", out[16:])) == [v & 0xFFFF_FFFF for v in twice] + [0, 0]


def test_matrix_multiply_accumulate(buf: JitBuffer, emu: EmulatorBackend) -> None:
    rng = random.Random(2)
    data = bytes(rng.randrange(256) for _ in range(32))

    def emit(a: Assembler) -> None:
        a.smmla(v2.s4, v0.b16, v1.b16)
        a.ummla(v3.s4, v0.b16, v1.b16)

    out = _run(buf, emu, emit, data, feature="I8MM")
    # vn is a 2x8 matrix (rows of 8 bytes), vm the transpose of an 8x2: result 2x2
    for signed, chunk in ((True, out[:16]), (False, out[16:])):
        fmt = "<16b" if signed else "<16B"
        a_m, b_m = struct.unpack(fmt, data[:16]), struct.unpack(fmt, data[16:])
        want = [sum(a_m[8 * r + k] * b_m[8 * c + k] for k in range(8))
                for r in range(2) for c in range(2)]
        assert list(struct.unpack("<4i", chunk)) == want


def _rdm(acc: int, a: int, b: int, sub: bool) -> int:
    """sqrdmlah/sqrdmlsh on 16-bit lanes: saturate((acc << 16 +/- 2ab + rounding) >> 16)."""
    product = 2 * a * b
    total = (acc << 16) + (-product if sub else product) + (1 << 15)
    return max(-32768, min(32767, total >> 16))


def test_rdm(buf: JitBuffer, emu: EmulatorBackend) -> None:
    rng = random.Random(4)
    a_v = [rng.choice((rng.randrange(-32768, 32768), -32768, 32767)) for _ in range(8)]
    b_v = [rng.choice((rng.randrange(-32768, 32768), -32768, 32767)) for _ in range(8)]
    acc = [rng.randrange(-32768, 32768) for _ in range(8)]

    def emit(a: Assembler) -> None:
        a.sqrdmlah(v2.h8, v0.h8, v1.h8)
        a.sqrdmlsh(v3.h8, v0.h8, v1.h[5])

    out = _run(buf, emu, emit, struct.pack("<8h8h", *a_v, *b_v),
               struct.pack("<8h8h", *acc, *acc))
    assert list(struct.unpack("<8h", out[:16])) == [
        _rdm(c, x, y, False) for c, x, y in zip(acc, a_v, b_v, strict=True)]
    assert list(struct.unpack("<8h", out[16:])) == [
        _rdm(c, x, b_v[5], True) for c, x in zip(acc, a_v, strict=True)]


def _bf16(x: float) -> int:
    """Round-to-nearest-even single -> BFloat16 bits (finite inputs)."""
    bits = int(struct.unpack("<I", struct.pack("<f", x))[0])
    return (bits + 0x7FFF + (bits >> 16 & 1)) >> 16


def test_usdot(buf: JitBuffer, emu: EmulatorBackend) -> None:
    data = bytes(range(200, 232))

    def emit(a: Assembler) -> None:
        a.usdot(v2.s4, v0.b16, v1.b16)

    out = _run(buf, emu, emit, data, feature="I8MM")
    ua, sb = data[:16], struct.unpack("<16b", data[16:])
    assert list(struct.unpack("<4i", out[:16])) == [
        sum(ua[4 * i + k] * sb[4 * i + k] for k in range(4)) for i in range(4)]


def test_bf16_conversions(buf: JitBuffer, emu: EmulatorBackend) -> None:
    xs = [1.0, 3.14159, -2.0e-3, 65535.0, 1 + 2**-8, 1 + 3 * 2**-8, -7.5, 1e30]

    def emit(a: Assembler) -> None:
        a.bfcvtn(v2.h4, v0.s4)
        a.bfcvtn2(v2.h8, v1.s4)
        a.bfcvt(h2, s1)  # overwrites lane 0 with v1's lane 0 and zeroes the rest
        a.ins(v3.h[0], v2.h[0])

    out = _run(buf, emu, emit, struct.pack("<8f", *xs), feature="BF16")
    assert struct.unpack("<H", out[16:18])[0] == _bf16(xs[4])
    assert struct.unpack("<8H", out[:16]) == (_bf16(xs[4]),) + (0,) * 7
