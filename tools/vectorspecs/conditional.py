"""csel, csinc, csinv, csneg; cset, csetm, cinc, cinv, cneg (al/nv refused);
ccmp, ccmn register and immediate. Every condition (incl. cs/cc) and register."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import CONDS, WZR, XZR, regs3

NZCV = [str(v) for v in range(16)]


def lines() -> Iterator[str]:
    for op in ("csel", "csinc", "csinv", "csneg"):
        for zr in (XZR, WZR):
            for i, (d, n, m) in enumerate(regs3(zr, zr, zr, 64)):
                for cond in CONDS[i % 3::3]:
                    yield f"{op} {d}, {n}, {m}, {cond}"
        yield f"{op} x0, x1, x2, EQ"
        yield f"{op} w0, w1, w2, Hs"
        yield f"{op} x0, x1, w2, eq"
        yield f"{op} x0, w1, x2, eq"
        yield f"{op} w0, x1, x2, eq"
        yield f"{op} sp, x1, x2, eq"
        yield f"{op} x0, sp, x2, eq"
        yield f"{op} x0, x1, sp, eq"
        yield f"{op} wsp, w1, w2, ne"
        yield f"{op} x0, x1, x2, #1"
        yield f"{op} x0, x1, x2"
        yield f"{op} x0, x1, x2, foo"
        yield f"{op} x0, x1, #1, eq"
    for op in ("cset", "csetm"):
        for zr in (XZR, WZR):
            for i, d in enumerate(zr):
                for cond in CONDS[i % 2::2]:
                    yield f"{op} {d}, {cond}"
        yield f"{op} x0, EQ"
        yield f"{op} sp, eq"
        yield f"{op} wsp, eq"
        yield f"{op} x0, x1, eq"
        yield f"{op} x0, #1"
        yield f"{op} x0"
    for op in ("cinc", "cinv", "cneg"):
        for zr in (XZR, WZR):
            for i, (d, n, _) in enumerate(regs3(zr, zr, zr, 64)):
                for cond in CONDS[i % 3::3]:
                    yield f"{op} {d}, {n}, {cond}"
        yield f"{op} x0, w1, eq"
        yield f"{op} w0, x1, eq"
        yield f"{op} sp, x1, eq"
        yield f"{op} x0, sp, eq"
        yield f"{op} x0, x1, x2, eq"
        yield f"{op} x0, #1, eq"
    for op in ("ccmp", "ccmn"):
        for zr in (XZR, WZR):
            for i, (_, n, m) in enumerate(regs3(zr, zr, zr, 64)):
                cond = CONDS[i % len(CONDS)]
                for nzcv in NZCV[i % 4::4]:
                    yield f"{op} {n}, {m}, #{nzcv}, {cond}"
                for imm in (0, 1, 15, 16, 31, i % 32):
                    yield f"{op} {n}, #{imm}, #{NZCV[(i + imm) % 16]}, {cond}"
            for cond in CONDS:
                yield f"{op} {zr[5]}, {zr[9]}, #7, {cond}"
                yield f"{op} {zr[30]}, #17, #8, {cond}"
        # out-of-range fields, wrong widths and classes
        yield f"{op} x0, #32, #0, eq"
        yield f"{op} x0, #-1, #0, eq"
        yield f"{op} x0, #0, #16, eq"
        yield f"{op} x0, #0, #-1, eq"
        yield f"{op} x0, x1, #16, eq"
        yield f"{op} x0, x1, #-1, eq"
        yield f"{op} w0, #32, #15, ne"
        yield f"{op} x0, 5, 3, eq"
        yield f"{op} x0, #0x1f, #0xf, hs"
        yield f"{op} x0, w1, #3, eq"
        yield f"{op} w0, x1, #3, eq"
        yield f"{op} sp, x1, #3, eq"
        yield f"{op} x0, sp, #3, eq"
        yield f"{op} wsp, #1, #3, eq"
        yield f"{op} x0, x1, #3"
        yield f"{op} x0, x1, x2, eq"
        yield f"{op} x0, x1, #3, #1"
        yield f"{op} x0, x1, lsl #1, #3, eq"
