"""Advanced SIMD scalar forms and saturating shifts: scalar shifts by immediate (sshr..sli
on d, sqshl/uqshl/sqshlu on b/h/s/d), sqshlu, the saturating narrowing shifts (sqshrn,
sqrshrn, uqshrn, uqrshrn, sqshrun, sqrshrun and their 2 forms, vector and scalar), scalar
sqxtn/uqxtn/sqxtun, scalar abs/neg/sqabs/sqneg/suqadd/usqadd."""

from __future__ import annotations

from collections.abc import Iterator

MATTR = "+v8.3a,+neon"
SIZES = {"b": 8, "h": 16, "s": 32, "d": 64}
RIGHT = ["sshr", "ssra", "srshr", "srsra", "ushr", "usra", "urshr", "ursra", "sri"]
LEFT = ["shl", "sli"]
QLEFT = ["sqshl", "uqshl", "sqshlu"]
QNARROW = ["sqshrn", "sqrshrn", "uqshrn", "uqrshrn", "sqshrun", "sqrshrun"]
QMISC = ["sqabs", "sqneg", "suqadd", "usqadd"]
XTN = ["sqxtn", "uqxtn", "sqxtun"]
REGS = [(0, 31), (31, 0), (9, 22)]


def lines() -> Iterator[str]:
    for op in RIGHT:
        for d, n in REGS:
            for sh in (1, 2, 33, 63, 64):
                yield f"{op} d{d}, d{n}, #{sh}"
        yield f"{op} d1, d2, #0"
        yield f"{op} d1, d2, #65"
        yield f"{op} s1, s2, #3"
        yield f"{op} b1, b2, #3"
        yield f"{op} d1, s2, #3"
    for op in LEFT:
        for d, n in REGS:
            for sh in (0, 1, 32, 63):
                yield f"{op} d{d}, d{n}, #{sh}"
        yield f"{op} d1, d2, #64"
        yield f"{op} s1, s2, #3"
    for op in QLEFT:
        for r, size in SIZES.items():
            for d, n in REGS:
                for sh in (0, 1, size - 1):
                    yield f"{op} {r}{d}, {r}{n}, #{sh}"
            yield f"{op} {r}1, {r}2, #{size}"
            yield f"{op} {r}1, {r}2, #-1"
        yield f"{op} s1, d2, #3"
        for t, size in (("8b", 8), ("16b", 8), ("4h", 16), ("8h", 16), ("2s", 32), ("4s", 32),
                        ("2d", 64)):
            for sh in (0, size - 1):
                yield f"{op} v3.{t}, v29.{t}, #{sh}"
            yield f"{op} v3.{t}, v29.{t}, #{size}"
        yield f"{op} v3.1d, v29.1d, #3"
        yield f"{op} v3.4s, v29.2s, #3"
    for base in QNARROW:
        for op, narrow in ((base, ("8b", "4h", "2s")), (base + "2", ("16b", "8h", "4s"))):
            for t, wide, size in zip(narrow, ("8h", "4s", "2d"), (8, 16, 32), strict=True):
                for d, n in REGS:
                    for sh in (1, size // 2, size):
                        yield f"{op} v{d}.{t}, v{n}.{wide}, #{sh}"
                yield f"{op} v1.{t}, v2.{wide}, #0"
                yield f"{op} v1.{t}, v2.{wide}, #{size + 1}"
                yield f"{op} v1.{t}, v2.{t}, #1"
            yield f"{op} v1.2d, v2.2d, #1"
        for r, w, size in (("b", "h", 8), ("h", "s", 16), ("s", "d", 32)):
            for d, n in REGS:
                for sh in (1, size):
                    yield f"{base} {r}{d}, {w}{n}, #{sh}"
            yield f"{base} {r}1, {w}2, #{size + 1}"
            yield f"{base}2 {r}1, {w}2, #1"
            yield f"{base} {r}1, {r}2, #1"
        yield f"{base} d1, d2, #1"
    for op in XTN:
        for r, w in (("b", "h"), ("h", "s"), ("s", "d")):
            for d, n in REGS:
                yield f"{op} {r}{d}, {w}{n}"
            yield f"{op} {r}1, {r}2"
            yield f"{op}2 {r}1, {w}2"
        yield f"{op} d1, d2"
    yield "xtn s1, d2"
    for op in (*QMISC, "abs", "neg"):
        for r in SIZES:
            for d, n in REGS:
                yield f"{op} {r}{d}, {r}{n}"
        yield f"{op} s1, d2"
