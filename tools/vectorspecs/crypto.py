"""Crypto: AES, SHA1, SHA256, SHA512, SHA3, SM3, SM4, PMULL/PMULL2."""

from __future__ import annotations

from collections.abc import Iterator

MATTR = "+v8.4a,+aes,+sha2,+sha3,+sm4"


def _regs(n: int, k: int) -> list[list[int]]:
    return [[(i * 7 + j * 11 + 31 * (i == 0)) % 32 for j in range(k)] for i in range(n)]


def lines() -> Iterator[str]:
    for op in ("aese", "aesd", "aesmc", "aesimc"):
        for d, n in _regs(6, 2):
            yield f"{op} v{d}.16b, v{n}.16b"
        yield f"{op} v0.4s, v1.4s"
        yield f"{op} v0.8b, v1.8b"
        yield f"{op} q0, q1"
    for op in ("sha1c", "sha1p", "sha1m"):
        for d, n, m in _regs(5, 3):
            yield f"{op} q{d}, s{n}, v{m}.4s"
        yield f"{op} q0, q1, v2.4s"
        yield f"{op} v0.4s, s1, v2.4s"
    for op in ("sha256h", "sha256h2"):
        for d, n, m in _regs(5, 3):
            yield f"{op} q{d}, q{n}, v{m}.4s"
        yield f"{op} q0, s1, v2.4s"
    for op in ("sha512h", "sha512h2"):
        for d, n, m in _regs(5, 3):
            yield f"{op} q{d}, q{n}, v{m}.2d"
        yield f"{op} q0, q1, v2.4s"
    for op, t in (("sha1su0", "4s"), ("sha256su1", "4s"), ("sha512su1", "2d"), ("rax1", "2d"),
                  ("sm3partw1", "4s"), ("sm3partw2", "4s"), ("sm4ekey", "4s")):
        for d, n, m in _regs(5, 3):
            yield f"{op} v{d}.{t}, v{n}.{t}, v{m}.{t}"
        yield f"{op} v0.16b, v1.16b, v2.16b"
    for op, t in (("sha1su1", "4s"), ("sha256su0", "4s"), ("sha512su0", "2d"), ("sm4e", "4s")):
        for d, n in _regs(5, 2):
            yield f"{op} v{d}.{t}, v{n}.{t}"
        yield f"{op} v0.2s, v1.2s"
    for d, n in _regs(5, 2):
        yield f"sha1h s{d}, s{n}"
    yield "sha1h d0, d1"
    for op, t in (("eor3", "16b"), ("bcax", "16b"), ("sm3ss1", "4s")):
        for d, n, m, a in _regs(5, 4):
            yield f"{op} v{d}.{t}, v{n}.{t}, v{m}.{t}, v{a}.{t}"
        yield f"{op} v0.8b, v1.8b, v2.8b, v3.8b"
    for rot in (0, 1, 63, 64, -1):
        yield f"xar v1.2d, v30.2d, v7.2d, #{rot}"
    yield "xar v1.4s, v30.4s, v7.4s, #1"
    for op in ("sm3tt1a", "sm3tt1b", "sm3tt2a", "sm3tt2b"):
        for i, (d, n, m) in enumerate(_regs(5, 3)):
            yield f"{op} v{d}.4s, v{n}.4s, v{m}.s[{i % 4}]"
        yield f"{op} v0.4s, v1.4s, v2.s[4]"
        yield f"{op} v0.4s, v1.4s, v2.h[1]"
        yield f"{op} v0.4s, v1.4s, v2.4s"
    for d, n, m in _regs(5, 3):
        yield f"pmull v{d}.8h, v{n}.8b, v{m}.8b"
        yield f"pmull2 v{d}.8h, v{n}.16b, v{m}.16b"
        yield f"pmull v{d}.1q, v{n}.1d, v{m}.1d"
        yield f"pmull2 v{d}.1q, v{n}.2d, v{m}.2d"
    yield from ("pmull v0.8h, v1.16b, v2.16b", "pmull2 v0.8h, v1.8b, v2.8b",
                "pmull v0.1q, v1.2d, v2.2d", "pmull v0.4s, v1.4h, v2.4h",
                "pmull v0.2d, v1.2s, v2.2s", "pmull v0.8h, v1.8b, v2.16b")
