"""CRC32 and CRC32C: crc32b/h/w/x, crc32cb/ch/cw/cx."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WZR, XZR, regs3

MATTR = "+v8.3a,+crc"


def lines() -> Iterator[str]:
    for c in ("", "c"):
        for sz in "bhw":
            op = f"crc32{c}{sz}"
            for d, n, m in regs3(WZR, WZR, WZR):
                yield f"{op} {d}, {n}, {m}"
            yield f"{op} w0, w1, x2"
            yield f"{op} x0, w1, w2"
            yield f"{op} w0, wsp, w2"
            yield f"{op} w0, w1"
            yield f"{op} w0, w1, #1"
            yield f"{op.upper()} W3, W4, W5"
        op = f"crc32{c}x"
        for d, n, m in regs3(WZR, WZR, XZR):
            yield f"{op} {d}, {n}, {m}"
        yield f"{op} w0, w1, w2"
        yield f"{op} x0, x1, x2"
        yield f"{op} w0, x1, x2"
        yield f"{op} w0, w1, sp"
