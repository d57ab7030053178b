"""sbfm, ubfm, bfm, sbfx, ubfx, bfxil, sbfiz, ubfiz, bfi, bfc, sxtb, sxth, sxtw,
uxtb, uxth, uxtw, extr."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WSP, WZR, XSP, XZR, regs3


def field_cases(width: int) -> list[tuple[int, int]]:
    """(lsb, width) pairs: the corners of the valid triangle and just outside it."""
    top = width - 1
    cases = [(0, 1), (0, width), (1, top), (1, width), (top, 1), (top, 2), (width, 1),
             (0, 0), (-1, 1), (0, width + 1), (3, 4), (width // 2, width // 2),
             (width // 2, width // 2 + 1), (5, top - 5), (5, width - 5), (8, 8), (16, 16)]
    cases += [(lsb, w) for lsb in range(0, width, 7) for w in (1, width - lsb)]
    return cases


def lines() -> Iterator[str]:
    for op in ("sbfm", "ubfm", "bfm"):
        for width, zr, spr in ((64, XZR, XSP), (32, WZR, WSP)):
            top = width - 1
            for i, (d, n, _) in enumerate(regs3(zr, zr, zr, 64)):
                immr = (0, 1, top, 3 * i % width)[i % 4]
                imms = (0, top, 1, 5 * i % width)[i // 4 % 4]
                yield f"{op} {d}, {n}, #{immr}, #{imms}"
            for immr, imms in ((width, 0), (0, width), (-1, 0), (0, -1)):
                yield f"{op} {zr[1]}, {zr[2]}, #{immr}, #{imms}"
            yield f"{op} {spr[-1]}, {zr[2]}, #1, #2"
            yield f"{op} {zr[1]}, {spr[-1]}, #1, #2"
            yield f"{op} {zr[1]}, {zr[2]}, {zr[3]}, #2"
        yield f"{op} x0, w1, #1, #2"
        yield f"{op} w0, x1, #1, #2"
    for op in ("sbfx", "ubfx", "bfxil", "sbfiz", "ubfiz", "bfi"):
        for width, zr, spr in ((64, XZR, XSP), (32, WZR, WSP)):
            pairs = regs3(zr, zr, zr, 64)
            for i, (lsb, w) in enumerate(field_cases(width)):
                d, n, _ = pairs[i % 64]
                yield f"{op} {d}, {n}, #{lsb}, #{w}"
            for d, n, _ in pairs[:32]:
                yield f"{op} {d}, {n}, #{len(d) % 7}, #{3 + len(n)}"
            yield f"{op} {spr[-1]}, {zr[2]}, #1, #2"
            yield f"{op} {zr[1]}, {spr[-1]}, #1, #2"
        yield f"{op} x0, w1, #1, #2"
        yield f"{op} w0, x1, #1, #2"
    for width, zr, spr in ((64, XZR, XSP), (32, WZR, WSP)):
        for i, (lsb, w) in enumerate(field_cases(width)):
            yield f"bfc {zr[(7 * i) % 32]}, #{lsb}, #{w}"
        yield f"bfc {spr[-1]}, #1, #2"
        yield f"bfc {zr[1]}, {zr[2]}, #1, #2"
    # extends: every register in both positions, every width combination
    for op in ("sxtb", "sxth", "sxtw", "uxtb", "uxth", "uxtw"):
        for d, n, _ in regs3(XZR, WZR, WZR):
            yield f"{op} {d}, {n}"
        for d, n, _ in regs3(WZR, WZR, WZR, 8):
            yield f"{op} {d}, {n}"
        for d, n in (("x0", "x1"), ("xzr", "xzr"), ("x30", "x7"), ("w0", "x1"), ("sp", "w1"),
                     ("x0", "wsp"), ("wsp", "w1"), ("x0", "sp"), ("w0", "wsp")):
            yield f"{op} {d}, {n}"
        yield f"{op} x0, w1, #0"
        yield f"{op} x0"
    # extr
    for width, zr, spr in ((64, XZR, XSP), (32, WZR, WSP)):
        top = width - 1
        for i, (d, n, m) in enumerate(regs3(zr, zr, zr, 64)):
            yield f"extr {d}, {n}, {m}, #{(0, 1, top, i % width)[i % 4]}"
        for lsb in (width, -1, 64):
            yield f"extr {zr[1]}, {zr[2]}, {zr[3]}, #{lsb}"
        yield f"extr {spr[-1]}, {zr[2]}, {zr[3]}, #1"
        yield f"extr {zr[1]}, {zr[2]}, {spr[-1]}, #1"
        yield f"extr {zr[1]}, {zr[2]}, {zr[3]}"
    yield "extr x0, x1, w2, #1"
    yield "extr w0, w1, x2, #1"
