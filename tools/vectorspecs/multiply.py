"""madd, msub, mul, mneg; the 64-bit long forms [su]m{add,sub}l, [su]mull, [su]mnegl;
smulh, umulh. Every register in every position, wrong widths and sp."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WZR, XZR, cycle, regs3


def lines() -> Iterator[str]:
    for op in ("madd", "msub"):
        for zr in (XZR, WZR):
            ras = cycle(zr, 64, 13)
            for (d, n, m), a in zip(regs3(zr, zr, zr, 64), ras, strict=True):
                yield f"{op} {d}, {n}, {m}, {a}"
        yield f"{op} x0, x1, x2, w3"
        yield f"{op} x0, x1, w2, x3"
        yield f"{op} x0, w1, x2, x3"
        yield f"{op} w0, x1, x2, x3"
        yield f"{op} w0, w1, w2, x3"
        yield f"{op} sp, x1, x2, x3"
        yield f"{op} x0, sp, x2, x3"
        yield f"{op} x0, x1, sp, x3"
        yield f"{op} x0, x1, x2, sp"
        yield f"{op} wsp, w1, w2, w3"
        yield f"{op} x0, x1, x2"
        yield f"{op} x0, x1, x2, #3"
        yield f"{op} x0, x1, x2, x3, lsl #1"
    for op in ("mul", "mneg"):
        for zr in (XZR, WZR):
            for d, n, m in regs3(zr, zr, zr, 64):
                yield f"{op} {d}, {n}, {m}"
        yield f"{op} x0, x1, w2"
        yield f"{op} x0, w1, x2"
        yield f"{op} w0, x1, x2"
        yield f"{op} sp, x1, x2"
        yield f"{op} x0, x1, sp"
        yield f"{op} w0, wsp, w2"
        yield f"{op} x0, x1, #2"
        yield f"{op} x0, x1, x2, lsl #1"
        yield f"{op} d0, d1, d2"
    for op in ("smaddl", "smsubl", "umaddl", "umsubl"):
        ras = cycle(XZR, 64, 13)
        for (d, n, m), a in zip(regs3(XZR, WZR, WZR, 64), ras, strict=True):
            yield f"{op} {d}, {n}, {m}, {a}"
        yield f"{op} x0, x1, x2, x3"
        yield f"{op} w0, w1, w2, w3"
        yield f"{op} w0, w1, w2, x3"
        yield f"{op} x0, w1, w2, w3"
        yield f"{op} x0, x1, w2, x3"
        yield f"{op} x0, w1, x2, x3"
        yield f"{op} sp, w1, w2, x3"
        yield f"{op} x0, wsp, w2, x3"
        yield f"{op} x0, w1, wsp, x3"
        yield f"{op} x0, w1, w2, sp"
        yield f"{op} x0, w1, w2"
    for op in ("smull", "umull", "smnegl", "umnegl"):
        for d, n, m in regs3(XZR, WZR, WZR, 64):
            yield f"{op} {d}, {n}, {m}"
        yield f"{op} x0, x1, x2"
        yield f"{op} w0, w1, w2"
        yield f"{op} x0, x1, w2"
        yield f"{op} x0, w1, x2"
        yield f"{op} sp, w1, w2"
        yield f"{op} x0, wsp, w2"
        yield f"{op} x0, w1, w2, x3"
    for op in ("smulh", "umulh"):
        for d, n, m in regs3(XZR, XZR, XZR, 64):
            yield f"{op} {d}, {n}, {m}"
        yield f"{op} w0, w1, w2"
        yield f"{op} x0, x1, w2"
        yield f"{op} x0, w1, x2"
        yield f"{op} w0, x1, x2"
        yield f"{op} sp, x1, x2"
        yield f"{op} x0, sp, x2"
        yield f"{op} x0, x1, sp"
        yield f"{op} x0, x1, x2, xzr"
        yield f"{op} x0, x1, x2, x3"
