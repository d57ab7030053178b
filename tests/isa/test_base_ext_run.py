"""CRC32, pointer authentication, flag manipulation, ldtr/sttr and RCPC2 executed in the
emulator: results checked against Python (zlib.crc32, a bitwise CRC-32C)."""

from __future__ import annotations

import ctypes
import zlib

from a64jit import Assembler, JitBuffer, alloc_data
from a64jit.operands import (
    mem,
    post,
    w0,
    w1,
    w2,
    w3,
    x0,
    x1,
    x2,
    x3,
    x30,
)
from a64jit.runtime.emulator import EmulatorBackend

U32 = ctypes.c_uint32
U64 = ctypes.c_uint64
VP = ctypes.c_void_p


def crc_function(castagnoli: bool) -> Assembler:
    """crc(ptr, len, crc) with zlib's conventions (inverted in and out): 8 bytes a step
    with crc32x, then the tail byte by byte with crc32b."""
    a = Assembler()
    wide, byte = (a.crc32cx, a.crc32cb) if castagnoli else (a.crc32x, a.crc32b)
    loop8, tail, done = a.label(), a.label(), a.label()
    a.mvn(w2, w2)
    a.bind(loop8)
    a.cmp(x1, 8)
    a.b_lo(tail)
    a.ldr(x3, post(x0, 8))
    wide(w2, w2, x3)
    a.sub(x1, x1, 8)
    a.b(loop8)
    a.bind(tail)
    a.cbz(x1, done)
    a.ldrb(w3, post(x0, 1))
    byte(w2, w2, w3)
    a.sub(x1, x1, 1)
    a.b(tail)
    a.bind(done)
    a.mvn(w0, w2)
    a.ret()
    return a


def crc32c_reference(data: bytes, crc: int = 0) -> int:
    crc ^= 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def test_crc32_of_a_buffer_matches_zlib(buf: JitBuffer, emu: EmulatorBackend) -> None:
    data = bytes((i * 37 + 11) & 0xFF for i in range(1000)) + b"tail!"
    block = alloc_data(len(data), backend=emu)
    ctypes.memmove(block.address, data, len(data))
    f = buf.install(crc_function(False), restype=U32, argtypes=[VP, U64, U32])
    for n in (0, 1, 7, 8, 9, 64, len(data)):
        assert f(block.address, n, 0) == zlib.crc32(data[:n])
    assert f(block.address, 100, 0x12345678) == zlib.crc32(data[:100], 0x12345678)


def test_crc32c_matches_the_castagnoli_check_value(buf: JitBuffer, emu: EmulatorBackend) -> None:
    data = b"123456789" * 30
    block = alloc_data(len(data), backend=emu)
    ctypes.memmove(block.address, data, len(data))
    f = buf.install(crc_function(True), restype=U32, argtypes=[VP, U64, U32])
    assert f(block.address, 9, 0) == 0xE3069283  # the published CRC-32C check value
    assert f(block.address, len(data), 0) == crc32c_reference(data)


def test_pac_sign_authenticate_round_trip(buf: JitBuffer) -> None:
    def run(build: object) -> int:
        a = Assembler()
        build(a)  # type: ignore[operator]
        a.ret()
        return int(buf.install(a, restype=U64, argtypes=[U64, U64])(0x0000_7FFF_1234_5678, 42))

    signed = run(lambda a: a.pacia(x0, x1))
    assert run(lambda a: (a.pacia(x0, x1), a.autia(x0, x1))) == 0x7FFF_1234_5678
    assert run(lambda a: (a.pacdb(x0, x1), a.autdb(x0, x1))) == 0x7FFF_1234_5678
    assert run(lambda a: (a.paciza(x0), a.xpaci(x0))) == 0x7FFF_1234_5678
    assert run(lambda a: (a.pacdzb(x0), a.autdzb(x0))) == 0x7FFF_1234_5678
    if signed != 0x7FFF_1234_5678:  # keys enabled: a wrong modifier must corrupt the pointer
        assert run(lambda a: (a.pacia(x0, x1), a.add(x1, x1, 1), a.autia(x0, x1))) \
            != 0x7FFF_1234_5678
    # pacga is not run: Unicorn's "max" CPU model traps it as undefined


def test_pac_branch_and_return(buf: JitBuffer) -> None:
    # paciasp/retaa pair around a call through blraaz of a signed pointer
    a = Assembler()
    callee, after = a.label(), a.label()
    a.paciasp()
    a.b(after)
    a.bind(callee)
    a.add(x0, x0, 5)
    a.ret()
    a.bind(after)
    a.mov(x3, x30)
    a.adr(x2, callee)
    a.paciza(x2)
    a.blraaz(x2)
    a.mov(x30, x3)
    a.retaa()
    f = buf.install(a, restype=U64, argtypes=[U64])
    assert f(10) == 15


def test_flag_manipulation(buf: JitBuffer) -> None:
    def flags(build: object) -> int:
        a = Assembler()
        build(a)  # type: ignore[operator]
        a.mrs(x0, "nzcv")
        a.lsr(x0, x0, 28)
        a.ret()
        return int(buf.install(a, restype=U64, argtypes=[U64])(0x8F))

    assert flags(lambda a: (a.cmp(x0, x0), a.cfinv())) == 0b0100  # Z, C inverted to 0
    assert flags(lambda a: (a.cmp(x0, 1000), a.cfinv())) == 0b1010  # N, C inverted to 1
    # 0x8f: N (negative as int8), V (bit 8 differs from bit 7); C is left as it was
    assert flags(lambda a: a.setf8(w0)) & 0b1101 == 0b1001
    assert flags(lambda a: (a.mov(w1, 0x80), a.setf16(w1))) & 0b1101 == 0b0000
    assert flags(lambda a: (a.mov(x1, 0xF0), a.rmif(x1, 4, 0b1111))) == 0b1111
    assert flags(lambda a: (a.mov(x1, 0b0101), a.rmif(x1, 0, 0b0011))) & 0b0011 == 0b0001


def test_unprivileged_and_rcpc2_accesses(buf: JitBuffer, emu: EmulatorBackend) -> None:
    block = alloc_data(64, backend=emu)
    a = Assembler()
    a.sttr(x1, mem(x0, 8))
    a.ldtrsb(x2, mem(x0, 8))  # low byte 0x80 -> -128
    a.stlurh(w1, mem(x0, 20))
    a.ldapursw(x3, mem(x0, 20))  # halfword 0xff80 and zero above -> 0x0000ff80
    a.add(x0, x2, x3)
    a.ret()
    f = buf.install(a, restype=ctypes.c_int64, argtypes=[VP, U64])
    assert f(block.address, 0x1122_3344_5566_FF80) == -128 + 0xFF80
    view = (ctypes.c_uint64 * 8).from_address(block.address)
    assert view[1] == 0x1122_3344_5566_FF80
