"""Smoke test of the ISA extensions on every backend (natively under qemu too): a CRC32
against zlib and a PAC sign/authenticate round trip. The full execution tests run in
the emulator only (tests/isa)."""

from __future__ import annotations

import ctypes
import zlib
from collections.abc import Iterator

import pytest

from a64jit import Assembler, JitBuffer, alloc_data
from a64jit.operands import post, w0, w2, w3, x0, x1

U64 = ctypes.c_uint64


@pytest.fixture
def buf(backend: str) -> Iterator[JitBuffer]:
    with JitBuffer() as b:
        yield b


def test_crc32_matches_zlib(buf: JitBuffer) -> None:
    data = bytes(range(256)) * 2 + b"xyz"
    block = alloc_data(len(data))
    ctypes.memmove(block.address, data, len(data))
    a = Assembler()
    loop, done = a.label(), a.label()
    a.mvn(w2, w2)
    a.bind(loop)
    a.cbz(x1, done)
    a.ldrb(w3, post(x0, 1))
    a.crc32b(w2, w2, w3)
    a.sub(x1, x1, 1)
    a.b(loop)
    a.bind(done)
    a.mvn(w0, w2)
    a.ret()
    f = buf.install(a, restype=ctypes.c_uint32, argtypes=[ctypes.c_void_p, U64, ctypes.c_uint32])
    assert f(block.address, len(data), 0) == zlib.crc32(data)


def test_pac_round_trip(buf: JitBuffer, backend: str) -> None:
    pointer = 0x0000_7FFF_1234_5670
    sign = Assembler()
    sign.pacia(x0, x1)
    sign.ret()
    auth = Assembler()
    auth.autia(x0, x1)
    auth.ret()
    f_sign = buf.install(sign, restype=U64, argtypes=[U64, U64])
    f_auth = buf.install(auth, restype=U64, argtypes=[U64, U64])
    signed = f_sign(pointer, 7)
    assert f_auth(signed, 7) == pointer
    if backend == "native":
        # Linux enables the keys for user space (qemu-user's CPU has PAuth): a code is
        # inserted, and authenticating with another modifier does not give the pointer
        assert signed != pointer
        # A wrong modifier's code matches by chance once in 2**(PAC bits) (keys are per
        # process): over 16 wrong modifiers, a PAC that checks anything fails on some.
        assert any(f_auth(signed, wrong) != pointer for wrong in range(8, 24))
