"""add, adds, sub, subs, cmp, cmn, neg, negs: immediate, shifted, extended, SP forms."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WSP, WZR, XSP, XZR, regs3

EXTENDS = ["uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"]


def lines() -> Iterator[str]:
    for op in ("add", "adds", "sub", "subs"):
        for sf, zr, spr in (("x", XZR, XSP), ("w", WZR, WSP)):
            for d, n, _ in regs3(spr, spr, zr):
                for imm in ("#0", "#1", "#4095", "#4096", "#0xfff000", "#0x1000",
                            "#-1", "#-4095", "#4097", "#0x1001", "#-4096"):
                    yield f"{op} {d}, {n}, {imm}"
                yield f"{op} {d}, {n}, #1, lsl #12"
                yield f"{op} {d}, {n}, #4095, lsl #12"
                yield f"{op} {d}, {n}, #0, lsl #0"
                yield f"{op} {d}, {n}, #1, lsl #1"
                yield f"{op} {d}, {n}, #4096, lsl #12"
            for d, n, m in regs3(zr, zr, zr):
                yield f"{op} {d}, {n}, {m}"
                top = 63 if sf == "x" else 31
                for sh in ("lsl", "lsr", "asr", "ror"):
                    for amt in (0, 1, top, top + 1):
                        yield f"{op} {d}, {n}, {m}, {sh} #{amt}"
            for d, n, m in regs3(spr, spr, zr):
                yield f"{op} {d}, {n}, {m}"
                yield f"{op} {d}, {n}, {m}, lsl #2"
                for ext in EXTENDS:
                    for amt in ("", " #0", " #4", " #5"):
                        for mreg in (m, m.replace("x", "w") if m.startswith("x") else "x" + m[1:]):
                            if mreg in ("xsp", "wsp", "xzr", "wzr"):
                                continue
                            yield f"{op} {d}, {n}, {mreg}, {ext}{amt}"
        # mixed widths are errors
        yield f"{op} x0, w1, x2"
        yield f"{op} w0, x1, #1"
    for op in ("cmp", "cmn"):
        for n, _, m in regs3(XSP, XSP, XZR):
            yield f"{op} {n}, #7"
            yield f"{op} {n}, #-7"
            yield f"{op} {n}, #4095, lsl #12"
            yield f"{op} {n}, {m}"
            yield f"{op} {n}, {m}, lsl #3"
            yield f"{op} {n}, {m.replace('x', 'w')}, sxtw #2"
            yield f"{op} {n}, {m}, asr #63"
        for n, _, m in regs3(WSP, WSP, WZR):
            yield f"{op} {n}, #4095"
            yield f"{op} {n}, {m}, uxtb"
            yield f"{op} {n}, {m}, lsr #31"
    for op in ("neg", "negs"):
        for d, _, m in regs3(XZR, XZR, XZR):
            yield f"{op} {d}, {m}"
            yield f"{op} {d}, {m}, lsl #63"
            yield f"{op} {d}, {m}, asr #7"
            yield f"{op} {d}, {m}, ror #7"
        for d, _, m in regs3(WZR, WZR, WZR):
            yield f"{op} {d}, {m}, lsr #31"
            yield f"{op} {d}, {m}, lsr #32"
        yield f"{op} sp, x1"
    # found by differential fuzzing against llvm-mc: negative immediates flip the
    # operation even with lsl #12, lsl #0 is no shift, rn is never the zero register,
    # and literals wrap at 64 bits.
    yield from (
        "add x0, x1, #-1, lsl #12", "sub w2, w3, #-4095, lsl #12", "add x0, x1, #-4096, lsl #12",
        "add x0, x1, #0x1000, lsl #0", "sub x16, x19, #0x1000, lsl #0",
        "add x0, x1, #-0x1000, lsl #0", "sub w28, w15, #-1, lsl #0", "adds x19, x2, #-1, lsl #0",
        "add x0, x1, #-0, lsl #12", "sub x0, x1, #0x1001, lsl #0",
        "cmp xzr, #1", "cmn wzr, #1", "add x0, xzr, #1", "adds x0, xzr, #1", "sub w1, wzr, #2",
        "adds x22, xzr, #4095, lsl #12", "subs w23, wzr, #1", "cmp wzr, #0, lsl #12",
        "add x0, x1, #18446744073709551615", "add x0, x1, #-18446744073709551615",
        "cmp x0, #0xffffffffffffffff", "add x0, x1, #18446744073709551616",
        "add x0, x1, #-18446744073709551616",
    )
    # LLVM 14 reads a 64-bit flag-setting form with a w index and lsl as uxtw
    yield from (
        "subs x3, x18, w5, lsl #3", "subs x3, x18, wzr, lsl #0", "cmp x0, w2, lsl #1",
        "adds x0, x1, w2, lsl #4", "adds x0, x1, w2, lsl #5", "cmn x0, w2, lsl #2",
        "adds x0, sp, w2, lsl #2", "subs x0, x1, w2, lsr #1", "add x0, x1, w2, lsl #0",
        "sub x0, sp, w2, lsl #1", "subs w0, w1, w2, lsl #0", "adds xzr, x1, w30, lsl #4",
    )
