"""clz, cls, rbit, rev, rev16 (32/64-bit), rev32 and rev64 (64-bit only)."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WZR, XZR, regs3


def lines() -> Iterator[str]:
    for op in ("clz", "cls", "rbit", "rev", "rev16", "rev32", "rev64"):
        for zr in (XZR, WZR):
            for d, n, _ in regs3(zr, zr, zr, 64):
                yield f"{op} {d}, {n}"
        yield f"{op} x0, w1"
        yield f"{op} w0, x1"
        yield f"{op} sp, x1"
        yield f"{op} x0, sp"
        yield f"{op} wsp, w1"
        yield f"{op} w0, wsp"
        yield f"{op} x0, x1, x2"
        yield f"{op} x0"
        yield f"{op} x0, #1"
        yield f"{op} x0, x1, lsl #1"
        yield f"{op} d0, d1"
