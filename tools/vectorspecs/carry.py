"""adc, adcs, sbc, sbcs, ngc, ngcs: 32- and 64-bit, every register in every position."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WZR, XZR, regs3


def lines() -> Iterator[str]:
    for op in ("adc", "adcs", "sbc", "sbcs"):
        for zr in (XZR, WZR):
            for d, n, m in regs3(zr, zr, zr, 64):
                yield f"{op} {d}, {n}, {m}"
        # wrong widths, sp, shifts and immediates are errors
        yield f"{op} x0, x1, w2"
        yield f"{op} x0, w1, x2"
        yield f"{op} w0, x1, x2"
        yield f"{op} w0, w1, x2"
        yield f"{op} sp, x1, x2"
        yield f"{op} x0, sp, x2"
        yield f"{op} x0, x1, sp"
        yield f"{op} wsp, w1, w2"
        yield f"{op} x0, x1, x2, lsl #1"
        yield f"{op} x0, x1, x2, uxtx"
        yield f"{op} x0, x1, #1"
        yield f"{op} x0, x1"
        yield f"{op} x0, x1, d2"
        yield f"{op} s0, s1, s2"
    for op in ("ngc", "ngcs"):
        for zr in (XZR, WZR):
            for d, _, m in regs3(zr, zr, zr, 64):
                yield f"{op} {d}, {m}"
        yield f"{op} x0, w1"
        yield f"{op} w0, x1"
        yield f"{op} sp, x1"
        yield f"{op} x0, sp"
        yield f"{op} x0, x1, lsl #2"
        yield f"{op} x0, #1"
        yield f"{op} x0, x1, x2"
