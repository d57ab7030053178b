"""Advanced SIMD floating-point conversions and rounding: fcvtzs/fcvtzu/scvtf/ucvtf (also
fixed-point #fbits), fcvtns..fcvtau, frint*, fcvtn/fcvtl/fcvtxn (and the 2 forms),
frecpe/frsqrte/frecpx, urecpe/ursqrte; FP16 .4h/.8h lanes and h scalars too."""

from __future__ import annotations

from collections.abc import Iterator

MATTR = "+v8.3a,+neon,+fullfp16"
FP = ["4h", "8h", "2s", "4s", "2d"]
OTHER = ["8b", "16b", "1d"]
MISC = ["frintn", "frintm", "frintp", "frintz", "frinta", "frintx", "frinti", "fcvtns",
        "fcvtnu", "fcvtms", "fcvtmu", "fcvtps", "fcvtpu", "fcvtas", "fcvtau", "fcvtzs",
        "fcvtzu", "scvtf", "ucvtf", "frecpe", "frsqrte"]
FIXED = ["fcvtzs", "fcvtzu", "scvtf", "ucvtf"]


def lines() -> Iterator[str]:
    regs = [(0, 31), (31, 0), (7, 19), (16, 3)]
    for op in MISC:
        for t in FP:
            for d, n in regs:
                yield f"{op} v{d}.{t}, v{n}.{t}"
        for t in OTHER:
            yield f"{op} v1.{t}, v2.{t}"
        yield f"{op} v1.4s, v2.2s"
        yield f"{op} v1.2d, v2.4s"
        yield f"{op} v1.4s"
        yield f"{op} s1, s2"
        yield f"{op} d31, d0"
        yield f"{op} h7, h8"
        yield f"{op} s1, d2"
        yield f"{op} h1, s2"
        yield f"{op} v1.4h, v2.8h"
        yield f"{op.upper()} V1.4S, V2.4S"
    for op in ("frecpx",):
        yield f"{op} h1, h2"
        yield f"{op} v1.4h, v2.4h"
        yield f"{op} s1, s2"
        yield f"{op} d31, d0"
        yield f"{op} v1.4s, v2.4s"
        yield f"{op} s1, d2"
    for op in FIXED:
        for t, size in (("4h", 16), ("8h", 16), ("2s", 32), ("4s", 32), ("2d", 64)):
            for fbits in (1, 2, size // 2, size - 1, size):
                yield f"{op} v{fbits % 32}.{t}, v{31 - fbits % 32}.{t}, #{fbits}"
            yield f"{op} v1.{t}, v2.{t}, #0"
            yield f"{op} v1.{t}, v2.{t}, #{size + 1}"
        yield f"{op} v1.4h, v2.8h, #3"
        yield f"{op} h1, h2, #16"
        yield f"{op} v1.16b, v2.16b, #3"
        yield f"{op} v1.4s, v2.2d, #3"
        yield f"{op} s1, s2, #32"
        yield f"{op} d1, d2, #64"
    for op in ("urecpe", "ursqrte"):
        for t in ("2s", "4s"):
            for d, n in regs:
                yield f"{op} v{d}.{t}, v{n}.{t}"
        for t in ("2d", "8b", "16b", "4h", "8h"):
            yield f"{op} v1.{t}, v2.{t}"
        yield f"{op} s1, s2"
    for d, n in regs:
        yield f"fcvtn v{d}.4h, v{n}.4s"
        yield f"fcvtn v{d}.2s, v{n}.2d"
        yield f"fcvtn2 v{d}.8h, v{n}.4s"
        yield f"fcvtn2 v{d}.4s, v{n}.2d"
        yield f"fcvtl v{d}.4s, v{n}.4h"
        yield f"fcvtl v{d}.2d, v{n}.2s"
        yield f"fcvtl2 v{d}.4s, v{n}.8h"
        yield f"fcvtl2 v{d}.2d, v{n}.4s"
        yield f"fcvtxn v{d}.2s, v{n}.2d"
        yield f"fcvtxn2 v{d}.4s, v{n}.2d"
        yield f"fcvtxn s{d}, d{n}"
    yield from ("fcvtn v1.8h, v2.4s", "fcvtn v1.4s, v2.2d", "fcvtn v1.4h, v2.2d",
                "fcvtn2 v1.4h, v2.4s", "fcvtn v1.8b, v2.8h", "fcvtn s1, d2",
                "fcvtl v1.4s, v2.8h", "fcvtl v1.2d, v2.4s", "fcvtl2 v1.4s, v2.4h",
                "fcvtl v1.8h, v2.8b", "fcvtl2 v1.2d, v2.2s", "fcvtl d1, s2",
                "fcvtxn v1.4h, v2.4s", "fcvtxn v1.4s, v2.2d", "fcvtxn2 v1.2s, v2.2d",
                "fcvtxn d1, s2", "fcvtxn s1, s2", "fcvtxn h1, s2", "fcvtxn2 s1, d2",
                "fcvtn v1.2s, v2.2s")
