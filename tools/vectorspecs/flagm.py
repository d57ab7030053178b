"""Flag manipulation: rmif, setf8, setf16, cfinv, xaflag, axflag."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WZR, XZR

MATTR = "+v8.5a,+flagm"


def lines() -> Iterator[str]:
    for i, n in enumerate(XZR):
        yield f"rmif {n}, #{(i * 13) % 64}, #{i % 16}"
    for shift in (0, 1, 63, 64, -1):
        for mask in (0, 15, 16, -1):
            yield f"rmif x3, #{shift}, #{mask}"
    yield "rmif w3, #1, #2"
    yield "rmif sp, #1, #2"
    yield "rmif x3, #1"
    for op in ("setf8", "setf16"):
        for n in WZR:
            yield f"{op} {n}"
        yield f"{op} x1"
        yield f"{op} wsp"
        # no bare "setf8": LLVM 14 takes it as "setf8 w0" (and prints "#0"); we raise
        yield f"{op} w1, w2"
    for op in ("cfinv", "xaflag", "axflag"):
        yield op
        yield op.upper()
        yield f"{op} #1"
