"""MacroAssembler.mov of vector constants on every backend here (natively under qemu in the
native suite): one-instruction forms, movi+orr/bic pairs and literal-pool loads of every
width (a 16-byte literal after 4- and 8-byte ones), read back from the registers."""

from __future__ import annotations

import ctypes

from a64jit import JitBuffer, MacroAssembler
from a64jit.operands import FP_BY_PREFIX, d1, h2, mem, q0, s3, v4, v5, x0

M128 = (1 << 128) - 1


def test_vector_constants_land_in_the_registers(backend: str) -> None:
    q = FP_BY_PREFIX["q"]
    cases: list[tuple[object, object, int]] = [
        (s3, 0x1234_5678, 0x1234_5678),                            # ldr s (4-byte literal)
        (q0, 0, 0),                                                # movi
        (d1, 0x0011_2233_4455_6677, 0x0011_2233_4455_6677),        # ldr d
        (v4.s4, (0xABFF,) * 4, 0xABFF * 0x0000_0001_0000_0001_0000_0001_0000_0001),  # msl
        (q0, 0x0123_4567_89AB_CDEF_FEDC_BA98_7654_3210,
         0x0123_4567_89AB_CDEF_FEDC_BA98_7654_3210),                # ldr q (16-byte literal)
        (v5.h8, (0x1234,) * 8, 0x1234 * 0x0001_0001_0001_0001_0001_0001_0001_0001),  # pair
        (h2, -1, 0xFFFF),                                          # ldr s of 0xffff
        (d1, 0x3FF8_0000_0000_0000, 0x3FF8_0000_0000_0000),        # fmov d1, #1.5
        (q0, M128, M128),                                          # movi v0.2d, #-1
    ]
    m = MacroAssembler()
    for i, (rd, value, _) in enumerate(cases):
        m.mov(rd, value)  # type: ignore[arg-type]
        m.str(q[rd.code], mem(x0, 16 * i))  # type: ignore[attr-defined]
    m.ret()
    out = ctypes.create_string_buffer(16 * len(cases))
    with JitBuffer() as buf:
        fn = buf.install(m, restype=None, argtypes=[ctypes.c_void_p])
        fn(ctypes.addressof(out))
    got = [int.from_bytes(out.raw[16 * i:16 * i + 16], "little") for i in range(len(cases))]
    assert got == [want for _, _, want in cases]
