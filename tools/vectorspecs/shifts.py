"""lsl, lsr, asr, ror (immediate and register), lslv, lsrv, asrv, rorv, udiv, sdiv
(the data-processing 2-source class)."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WSP, WZR, XSP, XZR, regs3


def lines() -> Iterator[str]:
    for op in ("lsl", "lsr", "asr", "ror"):
        for width, zr, spr in ((64, XZR, XSP), (32, WZR, WSP)):
            top = width - 1
            for i, (d, n, m) in enumerate(regs3(zr, zr, zr)):
                yield f"{op} {d}, {n}, {m}"
                for amt in (0, 1, top, (5 * i) % width):
                    yield f"{op} {d}, {n}, #{amt}"
            for amt in range(width):
                yield f"{op} {zr[amt % 31]}, {zr[(amt * 3) % 32]}, #{amt}"
            for amt in ("#-1", f"#{width}", "#64", "#0x3f", "#1.0"):
                yield f"{op} {zr[1]}, {zr[2]}, {amt}"
            yield f"{op} {spr[-1]}, {zr[2]}, #1"
            yield f"{op} {zr[1]}, {spr[-1]}, #1"
            yield f"{op} {zr[1]}, {zr[2]}, {spr[-1]}"
            yield f"{op} {zr[1]}, {zr[2]}"
            yield f"{op} {zr[1]}, {zr[2]}, {zr[3]}, lsl #1"
        yield f"{op} x0, x1, w2"
        yield f"{op} w0, w1, x2"
        yield f"{op} x0, w1, #1"
        yield f"{op} w0, x1, x2"
    for op in ("lslv", "lsrv", "asrv", "rorv", "udiv", "sdiv"):
        for zr, spr in ((XZR, XSP), (WZR, WSP)):
            for d, n, m in regs3(zr, zr, zr):
                yield f"{op} {d}, {n}, {m}"
            yield f"{op} {spr[-1]}, {zr[2]}, {zr[3]}"
            yield f"{op} {zr[1]}, {spr[-1]}, {zr[3]}"
            yield f"{op} {zr[1]}, {zr[2]}, {spr[-1]}"
            yield f"{op} {zr[1]}, {zr[2]}, #3"
            yield f"{op} {zr[1]}, {zr[2]}"
        yield f"{op} x0, x1, w2"
        yield f"{op} x0, w1, x2"
        yield f"{op} w0, x1, x2"
