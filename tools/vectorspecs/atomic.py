"""Exclusive, acquire/release and LSE atomic accesses."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WZR, XSP, XZR

BASES = XSP
ORDERS = ["", "a", "l", "al"]
LDOPS = ["add", "clr", "eor", "set", "smax", "smin", "umax", "umin"]


def _regs(pool: list[str], i: int) -> tuple[str, str, str]:
    """Three registers from ``pool`` and a base, walking every number in every slot."""
    return pool[i % 32], pool[(i * 5 + 3) % 32], BASES[(i * 11 + 7) % 32]


def lines() -> Iterator[str]:
    single = ["ldxr", "ldaxr", "ldar", "stlr", "ldlar", "stllr", "ldapr"]
    for op in single:
        for i in range(32):
            t, _, n = _regs(XZR if i % 2 else WZR, i)
            yield f"{op} {t}, [{n}]"
        for suf in ("b", "h"):
            for i in range(0, 32, 3):
                t, _, n = _regs(WZR, i)
                yield f"{op}{suf} {t}, [{n}]"
            yield f"{op}{suf} x1, [x2]"
        yield f"{op} x1, [x2, #0]" if op != "ldapr" else f"{op} x1, [x2]"
        yield f"{op} x1, [x2, #8]"
        yield f"{op} x1, [x2, #0]!"
        yield f"{op} x1, [x2], #8"
        yield f"{op} x1, [x2, x3]"
        yield f"{op} x1, [xzr]"
        yield f"{op} sp, [x2]"
        yield f"{op} s1, [x2]"
        yield f"{op} x1, x2"
    for op in ("stxr", "stlxr"):
        for i in range(32):
            s, t, n = _regs(XZR if i % 2 else WZR, i)
            s = "w" + s[1:]
            yield f"{op} {s}, {t}, [{n}]"
        for suf in ("b", "h"):
            for i in range(0, 32, 3):
                s, t, n = _regs(WZR, i)
                yield f"{op}{suf} {s}, {t}, [{n}]"
            yield f"{op}{suf} w0, x1, [x2]"
            yield f"{op}{suf} w1, w1, [x2]"
        # unpredictable: status is also the data or the base (but sp is not w31)
        for bad in ("w0, x0, [x2]", "w2, x1, [x2]", "wzr, xzr, [x2]", "wzr, x1, [sp]",
                    "w0, w0, [sp]", "w5, w6, [x5]", "x0, x1, [x2]", "wsp, x1, [x2]",
                    "w0, x1, [x2, #0]", "w0, x1, [x2, #4]"):
            yield f"{op} {bad}"
    for op in ("ldxp", "ldaxp"):
        for i in range(32):
            t, t2, n = _regs(XZR if i % 2 else WZR, i)
            if t != t2:
                yield f"{op} {t}, {t2}, [{n}]"
        # rt == rt2 is CONSTRAINED UNPREDICTABLE: LLVM 14 accepts it, capstone refuses to
        # decode it and a64jit raises (tests/encoding/test_atomic_api.py), so no vector.
        yield f"{op} x0, w1, [x2]"
        yield f"{op} w0, x1, [x2]"
        yield f"{op} x0, x1, [x2, #0]"
        yield f"{op} x0, x1, [x2, #16]"
        yield f"{op} x0, x1, [x0]"
        yield f"{op} sp, x1, [x2]"
    for op in ("stxp", "stlxp"):
        for i in range(32):
            s, t, n = _regs(XZR if i % 2 else WZR, i)
            t2 = (XZR if i % 2 else WZR)[(i * 7 + 13) % 32]
            yield f"{op} w{s[1:]}, {t}, {t2}, [{n}]"
        for bad in ("w0, x0, x1, [x2]", "w1, x0, x1, [x2]", "w2, x0, x1, [x2]",
                    "wzr, x0, x1, [sp]", "wzr, xzr, x1, [sp]", "w0, x1, w2, [x3]",
                    "x0, x1, x2, [x3]", "w0, x1, x1, [x3]", "w0, w1, w2, [x3, #0]"):
            yield f"{op} {bad}"
    # LSE: compare and swap
    for order in ORDERS:
        op = f"cas{order}"
        for i in range(32):
            s, t, n = _regs(XZR if i % 2 else WZR, i)
            yield f"{op} {s}, {t}, [{n}]"
        for suf in ("b", "h"):
            for i in range(0, 32, 4):
                s, t, n = _regs(WZR, i)
                yield f"{op}{suf} {s}, {t}, [{n}]"
            yield f"{op}{suf} x0, x1, [x2]"
        yield f"{op} x0, x0, [x0]"
        yield f"{op} x0, w1, [x2]"
        yield f"{op} sp, x1, [x2]"
        yield f"{op} x0, x1, [x2, #8]"
        yield f"{op} x0, x1, [xzr]"
        op = f"casp{order}"
        for i in range(16):
            s, t, n = 2 * i, 2 * ((i * 5 + 3) % 16), BASES[(i * 11 + 7) % 32]
            for p in ("x", "w"):
                s2 = f"{p}{s + 1}" if s < 30 else f"{p}zr"
                t2 = f"{p}{t + 1}" if t < 30 else f"{p}zr"
                yield f"{op} {p}{s}, {s2}, {p}{t}, {t2}, [{n}]"
        for bad in ("x1, x2, x4, x5, [x6]", "x0, x2, x4, x5, [x6]", "x0, x1, x3, x4, [x6]",
                    "x0, x1, x4, x6, [x6]", "x0, x1, w2, w3, [x4]", "w0, x1, w2, w3, [x4]",
                    "x30, sp, x0, x1, [x2]", "x0, x1, x2, x3, [x4, #16]"):
            yield f"{op} {bad}"
    # LSE: atomic memory operations, swp and the st<op> aliases
    for j, op in enumerate([*LDOPS, "swp"]):
        base = op if op == "swp" else f"ld{op}"
        for order in ORDERS:
            for i in range(j, 32 + j, 2):
                s, t, n = _regs(XZR if i % 4 < 2 else WZR, i)
                yield f"{base}{order} {s}, {t}, [{n}]"
            for suf in ("b", "h"):
                for i in range(j, 32 + j, 5):
                    s, t, n = _regs(WZR, i)
                    yield f"{base}{order}{suf} {s}, {t}, [{n}]"
                yield f"{base}{order}{suf} x0, x1, [x2]"
            yield f"{base}{order} x0, w1, [x2]"
            yield f"{base}{order} x0, x1, [x2, #8]"
            yield f"{base}{order} x0, x1, [x2], #8"
            yield f"{base}{order} sp, x1, [x2]"
            yield f"{base}{order} x0, x1, [xzr]"
        if op == "swp":
            continue
        for order in ("", "l", "a", "al"):
            for suf in ("", "b", "h"):
                for i in range(j, 32 + j, 3 if suf == "" else 7):
                    s, _, n = _regs(XZR if (i % 2 and suf == "") else WZR, i)
                    yield f"st{op}{order}{suf} {s}, [{n}]"
                yield f"st{op}{order}{suf} {'x0' if suf else 'sp'}, [x2]"
            yield f"st{op}{order} x0, [x2, #8]"
    yield "stswp x0, [x1]"
