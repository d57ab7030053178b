"""Scalar FP: fmov (register, general<->FP, every 8-bit immediate), arithmetic,
fused multiply-add, fabs/fneg/fsqrt, frint*, fmin/fmax(nm), fcmp/fcmpe, fccmp/fccmpe,
fcsel, for h, s and d."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import CONDS, WZR, XZR, regs3

H = [f"h{i}" for i in range(32)]
S = [f"s{i}" for i in range(32)]
D = [f"d{i}" for i in range(32)]
FP = {"h": H, "s": S, "d": D}

DP2 = ["fadd", "fsub", "fmul", "fdiv", "fnmul", "fmax", "fmin", "fmaxnm", "fminnm"]
DP3 = ["fmadd", "fmsub", "fnmadd", "fnmsub"]
DP1 = ["fabs", "fneg", "fsqrt", "frintn", "frintm", "frintp", "frintz", "frinta", "frintx",
       "frinti"]


def _imm_values() -> list[float]:
    """The 256 values of VFPExpandImm, computed independently of a64jit."""
    return [s * (1 + m / 16) * 2.0 ** e for s in (1, -1) for e in range(-3, 5)
            for m in range(16)]


# Values that are not FP8 immediates (just outside each bound, finer significands).
BAD_IMMS = ["0.0625", "-0.0625", "32.0", "-32.0", "33.0", "0.1", "1.03125", "1.96875",
            "0.1171875", "15.75", "1e10", "-0.0", "3.14159", "100.0", "0.123", "1.0000001"]


def lines() -> Iterator[str]:
    values = _imm_values()
    for p, pool in FP.items():
        other = [q for q in FP if q != p]
        # fmov register and every immediate, cycling the destination register
        for d, n, _ in regs3(pool, pool, pool):
            yield f"fmov {d}, {n}"
        for i, v in enumerate(values):
            yield f"fmov {pool[(i * 7) % 32]}, #{v!r}"
        for bad in BAD_IMMS:
            yield f"fmov {p}3, #{bad}"
        for ok in ("#0.0", "#0", "#1", "#31", "#-31", "#2", "#1e1", "#1.0e0", "#.5", "#0.00"):
            yield f"fmov {p}7, {ok}"
        for bad in ("#32", "#-32", "#0.0625", "#17.5"):
            yield f"fmov {p}7, {bad}"
        # hex is the raw imm8 of the encoding; other spellings LLVM reads as decimal
        for imm8 in range(256):
            yield f"fmov {pool[(imm8 * 5) % 32]}, #0x{imm8:02x}"
        for odd in ("#0X7F", "#0x0", "#0x00ff", "#0x100", "#-0x70", "#+0x70", "#0b1110000",
                    "#0x70.0", "#010", "#07", "#0o7", "#1.5e0", "#-0", "#0x"):
            yield f"fmov {p}9, {odd}"
        for q in other:
            yield f"fmov {p}1, {q}2"
        if p == "d":  # the upper half of a vector register, both ways
            for i in range(32):
                gp = "xzr" if i == 31 else f"x{i}"
                yield f"fmov {gp}, v{(i * 7) % 32}.d[1]"
                yield f"fmov v{(i * 11) % 32}.d[1], {gp}"
            for odd in ("x0, V5.D[1]", "x0, v0.d[0]", "x0, v0.d[2]", "w0, v0.s[1]",
                        "x0, v0.2d[1]", "v0.d[1], sp", "sp, v0.d[1]", "v0.d[1], w3",
                        "d0, v0.d[1]", "v0.d[1], d0", "v0.d[1], v1.d[1]", "x0, v0.b[1]",
                        "v0.h[1], x0", "x0, v32.d[1]", "x0, v0", "v18.d[ 1 ] , x22",
                        "x1, v2 . d[1]", "x1, v2.d [1]", "x1, v2.d[\t1]"):
                yield f"fmov {odd}"
            yield from ("fmov d18, 0xca", "fmov h7, 0x7b", "fmov s1, 1.5", "fmov d0, 010",
                        "fmov d0, 0x100")
        yield f"fmov {p}1, b2"
        yield f"fmov {p}1, q2"
        # two-source arithmetic, every register in every position
        for op in DP2:
            for d, n, m in regs3(pool, pool, pool):
                yield f"{op} {d}, {n}, {m}"
            for q in other:
                yield f"{op} {p}0, {p}1, {q}2"
                yield f"{op} {p}0, {q}1, {p}2"
                yield f"{op} {q}0, {p}1, {p}2"
            yield f"{op} {p}0, {p}1, x2"
            yield f"{op} {p}0, {p}1, #1.0"
        for op in DP3:
            for i, (d, n, m) in enumerate(regs3(pool, pool, pool)):
                yield f"{op} {d}, {n}, {m}, {pool[(i * 13 + 5) % 32]}"
            for q in other:
                yield f"{op} {p}0, {p}1, {p}2, {q}3"
                yield f"{op} {q}0, {p}1, {p}2, {p}3"
            yield f"{op} {p}0, {p}1, {p}2"
        for op in DP1:
            for d, n, _ in regs3(pool, pool, pool):
                yield f"{op} {d}, {n}"
            for q in other:
                yield f"{op} {p}0, {q}1"
            yield f"{op} {p}0, w1"
        # compares
        for op in ("fcmp", "fcmpe"):
            for _, n, m in regs3(pool, pool, pool):
                yield f"{op} {n}, {m}"
                yield f"{op} {n}, #0.0"
            for q in other:
                yield f"{op} {p}0, {q}1"
            for bad in ("#0", "#1.0", "#-0.0", "#0.5", "x1", "wzr"):
                yield f"{op} {p}4, {bad}"
        for op in ("fccmp", "fccmpe"):
            for i, (_, n, m) in enumerate(regs3(pool, pool, pool)):
                yield f"{op} {n}, {m}, #{i % 16}, {CONDS[i % len(CONDS)]}"
            for c in CONDS:
                yield f"{op} {p}1, {p}2, #15, {c}"
            for nzcv in ("#16", "#-1", "#0", "#15"):
                yield f"{op} {p}1, {p}2, {nzcv}, ne"
            for q in other:
                yield f"{op} {p}1, {q}2, #0, eq"
        for i, (d, n, m) in enumerate(regs3(pool, pool, pool)):
            yield f"fcsel {d}, {n}, {m}, {CONDS[i % len(CONDS)]}"
        for c in CONDS:
            yield f"fcsel {p}1, {p}2, {p}3, {c}"
        for q in other:
            yield f"fcsel {p}1, {p}2, {q}3, eq"
        yield f"fcsel {p}1, {p}2, {p}3"
    # general <-> FP register moves: w<->s, x<->d, w/x<->h, every register number
    for fpool, gpools in ((H, (WZR, XZR)), (S, (WZR,)), (D, (XZR,))):
        for gpool in gpools:
            for i in range(32):
                g, f = gpool[(i * 7) % 32], fpool[i]
                yield f"fmov {f}, {g}"
                yield f"fmov {g}, {f}"
    for bad in ("fmov x0, s1", "fmov w0, d1", "fmov s0, x1", "fmov d0, w1", "fmov d0, sp",
                "fmov s0, wsp", "fmov sp, d0", "fmov wsp, s0", "fmov x0, x1", "fmov w0, #1.0",
                "fmov x0, q1", "fmov q0, x1", "fmov b0, w1", "fmov w0, b1", "fmov q0, #1.0",
                "fmov b0, #1.0", "fmov q0, q1"):
        yield bad
    for bad in ("fabs q0, q1", "fadd b0, b1, b2", "fmadd q0, q1, q2, q3", "fcmp q0, #0.0",
                "fcmp b0, b1", "fcsel q0, q1, q2, eq", "fccmp q0, q1, #0, eq",
                "fsqrt x0, x1", "fadd w0, w1, w2"):
        yield bad
