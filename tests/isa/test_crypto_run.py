"""Crypto instructions executed in the emulator: AES-128 against the FIPS-197 example,
pmull against a carry-less multiply in Python, eor3/bcax/rax1/xar against Python."""

from __future__ import annotations

import ctypes
import random

from a64jit import Assembler, JitBuffer, alloc_data
from a64jit.operands import (
    V_BY_CODE,
    mem,
    post,
    q0,
    q1,
    q2,
    v0,
    v1,
    v2,
    v3,
    v4,
    v5,
    v6,
    v7,
    v16,
    v20,
    v24,
    v25,
    v26,
    vlist,
    x0,
    x1,
    x2,
)
from a64jit.runtime.emulator import EmulatorBackend

VP = ctypes.c_void_p


def _gmul(a: int, b: int) -> int:
    p = 0
    while b:
        if b & 1:
            p ^= a
        a = (a << 1) ^ (0x11B if a & 0x80 else 0)
        b >>= 1
    return p


def _sbox() -> list[int]:
    inverse = [0] * 256
    for a in range(1, 256):
        inverse[a] = next(b for b in range(1, 256) if _gmul(a, b) == 1)
    out = []
    for x in inverse:
        s = x
        for shift in range(1, 5):
            s ^= ((x << shift) | (x >> (8 - shift))) & 0xFF
        out.append(s ^ 0x63)
    return out


def round_keys(key: bytes) -> list[bytes]:
    """The AES-128 key schedule (FIPS-197 5.2): 11 round keys."""
    sbox = _sbox()
    words = [list(key[i:i + 4]) for i in range(0, 16, 4)]
    rcon = 1
    for i in range(4, 44):
        t = list(words[i - 1])
        if i % 4 == 0:
            t = [sbox[b] for b in t[1:] + t[:1]]
            t[0] ^= rcon
            rcon = _gmul(rcon, 2)
        words.append([a ^ b for a, b in zip(words[i - 4], t, strict=True)])
    return [bytes(b for w in words[4 * r:4 * r + 4] for b in w) for r in range(11)]


def test_aes128_encrypts_the_fips197_example(buf: JitBuffer, emu: EmulatorBackend) -> None:
    key = bytes(range(16))
    plaintext = bytes.fromhex("00112233445566778899aabbccddeeff")
    keys = alloc_data(11 * 16, backend=emu)
    ctypes.memmove(keys.address, b"".join(round_keys(key)), 11 * 16)
    block = alloc_data(16, backend=emu)
    ctypes.memmove(block.address, plaintext, 16)
    a = Assembler()
    a.ld1(vlist(v0.b16, 1), mem(x0))  # the state
    a.ld1(vlist(v16.b16, 4), mem(x1))  # round keys 0-3 in v16-v19
    a.add(x2, x1, 64)
    a.ld1(vlist(v20.b16, 4), mem(x2))  # 4-7 in v20-v23
    a.add(x2, x1, 128)
    a.ld1(vlist(v24.b16, 3), mem(x2))  # 8-10 in v24-v26
    for r in range(9):
        a.aese(v0.b16, V_BY_CODE[16 + r].b16)
        a.aesmc(v0.b16, v0.b16)
    a.aese(v0.b16, v25.b16)
    a.eor(v0.b16, v0.b16, v26.b16)
    a.st1(vlist(v0.b16, 1), mem(x0))
    a.ret()
    buf.install(a, restype=None, argtypes=[VP, VP])(block.address, keys.address)
    assert ctypes.string_at(block.address, 16).hex() == "69c4e0d86a7b0430d8cdb78070b4c55a"


def clmul(a: int, b: int) -> int:
    out = 0
    for i in range(64):
        if b >> i & 1:
            out ^= a << i
    return out


def test_pmull_is_a_carry_less_multiply(buf: JitBuffer, emu: EmulatorBackend) -> None:
    rng = random.Random(5)
    values = [rng.getrandbits(64) for _ in range(4)]
    data = alloc_data(64, backend=emu)
    ctypes.memmove(data.address, b"".join(v.to_bytes(8, "little") for v in values), 32)
    a = Assembler()
    a.ld1(vlist(v0.d2, 2), mem(x0))  # v0 = values 0, 1; v1 = values 2, 3
    a.pmull(v2.q1, v0.d1, v1.d1)  # values[0] * values[2]
    a.pmull2(v3.q1, v0.d2, v1.d2)  # values[1] * values[3]
    a.st1(vlist(v2.d2, 2), mem(x0))
    a.ret()
    buf.install(a, restype=None, argtypes=[VP])(data.address)
    out = ctypes.string_at(data.address, 32)
    assert int.from_bytes(out[:16], "little") == clmul(values[0], values[2])
    assert int.from_bytes(out[16:], "little") == clmul(values[1], values[3])


def test_sha3_helpers(buf: JitBuffer, emu: EmulatorBackend) -> None:
    rng = random.Random(9)
    a_, b_, c_ = (rng.getrandbits(128) for _ in range(3))
    data = alloc_data(16 * 8, backend=emu)
    ctypes.memmove(data.address, b"".join(v.to_bytes(16, "little") for v in (a_, b_, c_)), 48)
    a = Assembler()
    a.ld1(vlist(v0.b16, 3), mem(x0))
    a.eor3(v4.b16, v0.b16, v1.b16, v2.b16)
    a.bcax(v5.b16, v0.b16, v1.b16, v2.b16)
    a.rax1(v6.d2, v0.d2, v1.d2)
    a.xar(v7.d2, v0.d2, v1.d2, 13)
    a.add(x1, x0, 48)
    a.st1(vlist(v4.b16, 4), mem(x1))
    a.ret()
    buf.install(a, restype=None, argtypes=[VP])(data.address)
    out = ctypes.string_at(data.address + 48, 64)
    got = [int.from_bytes(out[i:i + 16], "little") for i in range(0, 64, 16)]
    mask = (1 << 128) - 1
    assert got[0] == a_ ^ b_ ^ c_
    assert got[1] == a_ ^ (b_ & ~c_ & mask)

    def lanes(v: int) -> list[int]:
        return [v & (1 << 64) - 1, v >> 64]

    def rol(x: int, n: int) -> int:
        return ((x << n) | (x >> (64 - n))) & (1 << 64) - 1

    assert lanes(got[2]) == [p ^ rol(q, 1) for p, q in zip(lanes(a_), lanes(b_), strict=True)]
    assert lanes(got[3]) == [rol(p ^ q, 64 - 13) for p, q in zip(lanes(a_), lanes(b_),
                                                                  strict=True)]


def _primes(n: int) -> list[int]:
    out: list[int] = []
    k = 2
    while len(out) < n:
        if all(k % p for p in out):
            out.append(k)
        k += 1
    return out


def _icbrt(n: int) -> int:
    lo, hi = 0, 1 << (n.bit_length() // 3 + 2)
    while lo < hi:  # the largest x with x**3 <= n
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if mid ** 3 <= n else (lo, mid - 1)
    return lo


def test_sha256_block_matches_hashlib(buf: JitBuffer, emu: EmulatorBackend) -> None:
    """One SHA-256 compression with sha256h/h2/su0/su1 (constants derived from the primes
    as FIPS 180-4 defines them), the padded block of b"abc" against hashlib."""
    import hashlib
    import math
    import struct

    primes = _primes(64)
    k = [_icbrt(p << 96) & 0xFFFFFFFF for p in primes]
    h0 = [math.isqrt(p << 64) & 0xFFFFFFFF for p in primes[:8]]
    message = b"abc"
    block = message + b"\x80" + bytes(64 - len(message) - 9) + (8 * len(message)).to_bytes(8, "big")
    words = struct.unpack(">16I", block)  # big-endian message words, passed as integers
    data = alloc_data(256 + 64 + 32, backend=emu)
    ctypes.memmove(data.address, struct.pack("<64I", *k) + struct.pack("<16I", *words)
                   + struct.pack("<8I", *h0), 352)
    a = Assembler()
    for group in range(4):
        a.ld1(vlist(V_BY_CODE[16 + 4 * group].s4, 4), post(x0, 64))  # K in v16-v31
    a.ld1(vlist(v4.s4, 4), post(x0, 64))  # the schedule in v4-v7
    a.ld1(vlist(v0.s4, 2), mem(x0))  # abcd, efgh
    a.mov(V_BY_CODE[8].b16, v0.b16)
    a.mov(V_BY_CODE[9].b16, v1.b16)
    w = [v4, v5, v6, v7]
    for i in range(16):
        a.add(v3.s4, w[i % 4].s4, V_BY_CODE[16 + i].s4)
        a.mov(v2.b16, v0.b16)
        if i < 12:
            a.sha256su0(w[i % 4].s4, w[(i + 1) % 4].s4)
        a.sha256h(q0, q1, v3.s4)
        a.sha256h2(q1, q2, v3.s4)
        if i < 12:
            a.sha256su1(w[i % 4].s4, w[(i + 2) % 4].s4, w[(i + 3) % 4].s4)
    a.add(v0.s4, v0.s4, V_BY_CODE[8].s4)
    a.add(v1.s4, v1.s4, V_BY_CODE[9].s4)
    a.st1(vlist(v0.s4, 2), mem(x0))
    a.ret()
    buf.install(a, restype=None, argtypes=[VP])(data.address)
    state = struct.unpack("<8I", ctypes.string_at(data.address + 320, 32))
    assert struct.pack(">8I", *state) == hashlib.sha256(message).digest()
