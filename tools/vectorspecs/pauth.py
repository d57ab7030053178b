"""Pointer authentication: pac*/aut* (register and z forms), xpaci/xpacd, pacga, the
authenticating branches and returns, ldraa/ldrab."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import XSP, XZR, cycle

MATTR = "+v8.3a,+pauth"

KEYED = ["pacia", "pacib", "pacda", "pacdb", "autia", "autib", "autda", "autdb"]
ZERO = ["paciza", "pacizb", "pacdza", "pacdzb", "autiza", "autizb", "autdza", "autdzb",
        "xpaci", "xpacd"]


def lines() -> Iterator[str]:
    for op in KEYED:
        for d, n in zip(cycle(XZR, 32), cycle(XSP, 32, 3), strict=True):
            yield f"{op} {d}, {n}"
        yield f"{op} x1, xzr"
        yield f"{op} sp, x1"
        yield f"{op} w1, x2"
        yield f"{op} x1"
        yield f"{op.upper()} X1, SP"
    for op in ZERO:
        for d in XZR:
            yield f"{op} {d}"
        yield f"{op} sp"
        yield f"{op} w0"
        yield f"{op} x0, x1"
    for d, n, m in zip(cycle(XZR, 32), cycle(XZR, 32, 5), cycle(XSP, 32, 9), strict=True):
        yield f"pacga {d}, {n}, {m}"
    yield "pacga x0, x1, xzr"
    yield "pacga x0, sp, x1"
    yield "pacga sp, x1, x2"
    yield "pacga w0, w1, w2"
    for op in ("braa", "brab", "blraa", "blrab"):
        for n, m in zip(cycle(XZR, 32), cycle(XSP, 32, 4), strict=True):
            yield f"{op} {n}, {m}"
        yield f"{op} x1, xzr"
        yield f"{op} sp, x1"
        yield f"{op} x1"
        yield f"{op} w1, x2"
    for op in ("braaz", "brabz", "blraaz", "blrabz"):
        for n in XZR:
            yield f"{op} {n}"
        yield f"{op} sp"
        yield f"{op} x1, x2"
        yield f"{op}"
    for op in ("retaa", "retab", "eretaa", "eretab"):
        yield op
        yield op.upper()
        yield f"{op} x30"
    for op in ("ldraa", "ldrab"):
        for t, n in zip(cycle(XZR, 32), cycle(XSP, 32, 2), strict=True):
            yield f"{op} {t}, [{n}]"
        for off in (0, 8, -8, 4088, -4096, 4096, -4104, 4, 1, 512, -512, 2048):
            yield f"{op} x1, [x2, #{off}]"
            yield f"{op} x3, [sp, #{off}]!"
        yield f"{op} x1, [x2], #8"
        yield f"{op} w1, [x2]"
        yield f"{op} x1, [x2, x3]"
        yield f"{op} x1, [xzr]"
        yield f"{op} sp, [x2]"
