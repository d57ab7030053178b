"""Machine code for the runtime tests, as instruction words.

Each entry was produced with ``llvm-mc -triple=aarch64 -show-encoding`` and is
re-checked against llvm-mc by test_words_unit.py whenever llvm-mc is installed
(the native suite under qemu has no llvm-mc; the host suite does). Raw words
keep the runtime tests independent of the assembler.
"""

from __future__ import annotations

WORDS: dict[str, int] = {
    "add x0, x0, x1": 0x8B010000,
    "ret": 0xD65F03C0,
    "sxtb x0, w0": 0x93401C00,
    "fadd d0, d0, d1": 0x1E612800,
    "fadd s0, s0, s1": 0x1E212800,
    "fmul d0, d0, d1": 0x1E610800,
    "fneg d0, d0": 0x1E614000,
    "ldr x0, [sp]": 0xF94003E0,
    "ldr x0, [sp, #8]": 0xF94007E0,
    "ldr d0, [sp]": 0xFD4003E0,
    "ldr d0, [sp, #8]": 0xFD4007E0,
    "mov x1, #0": 0xD2800001,
    "mov x2, #0": 0xD2800002,
    "mov x0, #1": 0xD2800020,
    "mov x0, #2": 0xD2800040,
    "cbz x0, #16": 0xB4000080,
    "cbz x1, #20": 0xB40000A1,
    "add x1, x1, x0": 0x8B000021,
    "add x2, x2, x3": 0x8B030042,
    "subs x0, x0, #1": 0xF1000400,
    "subs x1, x1, #1": 0xF1000421,
    "b.ne #-8": 0x54FFFFC1,
    "b.ne #-12": 0x54FFFFA1,
    "mov x0, x1": 0xAA0103E0,
    "mov x0, x2": 0xAA0203E0,
    "ldr x3, [x0], #8": 0xF8408403,
    "str x1, [x0]": 0xF9000001,
    "b #4": 0x14000001,
    "b #12": 0x14000003,
    "stp x29, x30, [sp, #-16]!": 0xA9BF7BFD,
    "mov x29, sp": 0x910003FD,
    "blr x0": 0xD63F0000,
    "blr x2": 0xD63F0040,
    "ldp x29, x30, [sp], #16": 0xA8C17BFD,
    "ldr x0, #8": 0x58000040,
    "mul x0, x0, x1": 0x9B017C00,
    "neg x0, x0": 0xCB0003E0,
    "scvtf d0, x0": 0x9E620000,
    "fcvtzs x0, d0": 0x9E780000,
}


def code(*lines: str) -> bytes:
    """Little-endian machine code for the given instructions (keys of WORDS)."""
    return b"".join(WORDS[line].to_bytes(4, "little") for line in lines)


ADD = code("add x0, x0, x1", "ret")
RET = code("ret")
SUM_TO_N = code("mov x1, #0", "cbz x0, #16", "add x1, x1, x0", "subs x0, x0, #1",
                "b.ne #-8", "mov x0, x1", "ret")
SUM_ARRAY = code("mov x2, #0", "cbz x1, #20", "ldr x3, [x0], #8", "add x2, x2, x3",
                 "subs x1, x1, #1", "b.ne #-12", "mov x0, x2", "ret")
STORE = code("str x1, [x0]", "ret")
# f(a, b, fn) = fn(a, b)  (frame record kept for the call)
CALL_X2 = code("stp x29, x30, [sp, #-16]!", "mov x29, sp", "blr x2",
               "ldp x29, x30, [sp], #16", "ret")
# g(fn, x: double) = fn(x)
CALL_X0 = code("stp x29, x30, [sp, #-16]!", "mov x29, sp", "blr x0",
               "ldp x29, x30, [sp], #16", "ret")
# b #4 -> returns 1; patching word 0 to "b #12" makes it return 2
BRANCHY = code("b #4", "mov x0, #1", "ret", "mov x0, #2", "ret")
