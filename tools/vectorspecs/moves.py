"""mov (register, to/from sp, immediate), movz, movn, movk.

``mov #imm`` is tried with every logical immediate, every single-halfword value
shape and its complement, so LLVM's choice (movz, then movn, then orr) is pinned
down for both widths.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WSP, WZR, XSP, XZR, regs3
from .logic import bitmasks


def halfword_values(width: int) -> list[int]:
    """movz-shaped values (one non-zero halfword) at every position, and their
    complements (movn-shaped)."""
    full = (1 << width) - 1
    out = []
    for hw in range(width // 16):
        for imm in (0, 1, 0x8000, 0xFFFF, 0x1234, 0xFFFE, 0x7FFF):
            out.append(imm << (16 * hw))
            out.append(~(imm << (16 * hw)) & full)
    return out


# Deliberately absent: w values whose upper 32 bits are neither all zeros nor all
# ones (#0x100000000, #-0x100000001): LLVM silently truncates them for mov (not for
# and/orr/...); a64jit rejects them. Also absent: "mov x1, #1.0", which LLVM
# assembles as the double's bit pattern; a64jit takes only ints.
EDGE_W = ["#0", "#-1", "#0xffffffff", "#-0x80000000", "#-0x80000001",
          "#0x7fffffff", "#-0x100000000", "#0xfffffffffffffffe",
          "#0xffffffff00000001", "#0x12345", "#-0x12345", "#0x10001", "#65535", "#65536",
          "#-65536", "#-65537", "#0xfffeffff", "#4294901760", "#0x10000000000000000"]
EDGE_X = ["#0", "#-1", "#0xffffffffffffffff", "#0x10000000000000000",
          "#-0x8000000000000000", "#0x8000000000000000", "#0x7fffffffffffffff",
          "#0xffffffff", "#0x100000000", "#0xffffffff80000000", "#-2147483648",
          "#0x12345", "#-0x12345", "#0x123456789", "#0xffff0000ffff0000", "#65535",
          "#65536", "#-65536", "#-65537", "#0xfffeffffffffffff", "#0x0000ffff00000000"]


def lines() -> Iterator[str]:
    # register moves: orr zr form, add #0 form with sp
    for zr, spr in ((XZR, XSP), (WZR, WSP)):
        for d, _, m in regs3(zr, zr, zr):
            yield f"mov {d}, {m}"
        for i in range(32):
            yield f"mov {spr[-1]}, {spr[i % 32]}"
            yield f"mov {spr[i % 32]}, {spr[-1]}"
        yield f"mov {spr[-1]}, {zr[-1]}"
        yield f"mov {zr[-1]}, {spr[-1]}"
        yield f"mov {zr[3]}, {zr[4]}, lsl #1"
    yield "mov x0, w1"
    yield "mov w0, x1"
    yield "mov sp, w1"
    yield "mov wsp, x1"
    yield "mov x0, wsp"
    # immediates
    for width, zr, spr in ((64, XZR, XSP), (32, WZR, WSP)):
        full = (1 << width) - 1
        pool = zr[:31]
        values = halfword_values(width) + bitmasks(width)
        for i, v in enumerate(values):
            d = pool[i % 31]
            yield f"mov {d}, #{v:#x}"
            if v >> (width - 1) and i % 3 == 0:
                yield f"mov {d}, #{v - (1 << width)}"
            if i % 4 == 0:
                yield f"mov {d}, #{v}"
        for i, imm in enumerate(EDGE_X if width == 64 else EDGE_W):
            yield f"mov {pool[(5 * i) % 31]}, {imm}"
        # sp takes only orr (bitmask); zr only movz/movn
        for v in halfword_values(width)[::3] + bitmasks(width)[::97]:
            yield f"mov {spr[-1]}, #{v:#x}"
            yield f"mov {zr[-1]}, #{v:#x}"
        yield f"mov {zr[1]}, #1, lsl #16"
        yield f"mov {zr[1]}, #{full:#x}"
        yield f"mov {zr[1]}, 7"
    # movz, movn, movk
    for op in ("movz", "movn", "movk"):
        for zr, spr in ((XZR, XSP), (WZR, WSP)):
            for i, d in enumerate(zr):
                imm = (0, 1, 0xFFFF, 0x8000, 0x1234, 7 * i)[i % 6]
                yield f"{op} {d}, #{imm}"
                yield f"{op} {d}, #{imm:#x}, lsl #{(0, 16, 32, 48)[i % 4]}"
            for sh in range(0, 65, 8):
                yield f"{op} {zr[9]}, #0xabcd, lsl #{sh}"
            for imm in ("#0", "#65535", "#65536", "#-1", "#0x10000", "#-65536", "#1.5",
                        "x0"):
                yield f"{op} {zr[2]}, {imm}"
            for mod in ("lsr #16", "asr #16", "lsl #-16", "ror #16", "uxtw"):
                yield f"{op} {zr[2]}, #1, {mod}"
            yield f"{op} {spr[-1]}, #1"
            yield f"{op} {zr[2]}, #0, lsl #16"
            yield f"{op} {zr[2]}, #5, lsl 16"
            yield f"{op} {zr[2]}"
    # literals wrap at 64 bits (found by differential fuzzing against llvm-mc)
    yield from ("mov x0, #-18446744073709551615", "mov x3, #-18446744073708503040",
                "movz x0, #-18446744073709551615", "mov x0, #-18446744073709551616",
                "mov w0, #-4294967295")
