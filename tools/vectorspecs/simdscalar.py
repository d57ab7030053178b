"""Advanced SIMD scalar forms and saturating shifts: scalar shifts by immediate (sshr..sli
on d, sqshl/uqshl/sqshlu on b/h/s/d), sqshlu, the saturating narrowing shifts (sqshrn,
sqrshrn, uqshrn, uqrshrn, sqshrun, sqrshrun and their 2 forms, vector and scalar), scalar
sqxtn/uqxtn/sqxtun, scalar abs/neg/sqabs/sqneg/suqadd/usqadd."""

from __future__ import annotations

from collections.abc import Iterator

MATTR = "+v8.3a,+neon,+fullfp16"
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
    yield from pairwise_lines()
    yield from element_lines()
    yield from copy_lines()


def pairwise_lines() -> Iterator[str]:
    for d, n in REGS:
        yield f"addp d{d}, v{n}.2d"
        for op in ("faddp", "fmaxp", "fminp", "fmaxnmp", "fminnmp"):
            yield f"{op} s{d}, v{n}.2s"
            yield f"{op} d{d}, v{n}.2d"
            yield f"{op} h{d}, v{n}.2h"
    yield "addp s1, v2.2s"
    yield "addp d1, v2.4s"
    yield "addp d1, v2.2s"
    yield "addp v1.2d, v2.2d"
    for op in ("faddp", "fmaxp", "fminp", "fmaxnmp", "fminnmp"):
        yield f"{op} s1, v2.4s"
        yield f"{op} d1, v2.2s"
        yield f"{op} s1, v2.2d"
        yield f"{op} b1, v2.8b"
        yield f"{op} v1.2s, v2.2s"
        yield f"{op} h1, v2.4h"
        yield f"{op} h1, v2.2s"
        yield f"{op} s1, v2.2h"
        yield f"{op} h1, v2.4b"
        yield f"{op} h1, v2.2h[0]"
        yield f"{op} v1.2h, v2.2h, v3.2h"


def element_lines() -> Iterator[str]:
    for op in ("sqdmulh", "sqrdmulh"):
        for d, n in REGS:
            for i in (0, 3, 7):
                yield f"{op} h{d}, h{n}, v{(d + 5) % 16}.h[{i}]"
            for i in (0, 3):
                yield f"{op} s{d}, s{n}, v{31 - d}.s[{i}]"
        yield f"{op} h1, h2, v16.h[0]"
        yield f"{op} h1, h2, v3.h[8]"
        yield f"{op} s1, s2, v3.s[4]"
        yield f"{op} d1, d2, v3.d[0]"
        yield f"{op} b1, b2, v3.b[0]"
        yield f"{op} s1, h2, v3.h[0]"
    for op in ("fmla", "fmls", "fmul", "fmulx"):
        for d, n in REGS:
            for i in (0, 3):
                yield f"{op} s{d}, s{n}, v{31 - n}.s[{i}]"
            for i in (0, 1):
                yield f"{op} d{d}, d{n}, v{31 - n}.d[{i}]"
        yield f"{op} s1, s2, v3.s[4]"
        yield f"{op} d1, d2, v3.d[2]"
        yield f"{op} d1, d2, v3.s[0]"
        yield f"{op} s1, d2, v3.s[0]"
        yield f"{op} b1, b2, v3.b[0]"
    for op in ("sqdmull", "sqdmlal", "sqdmlsl"):
        for d, n in REGS:
            yield f"{op} s{d}, h{n}, h{31 - d}"
            yield f"{op} d{d}, s{n}, s{31 - d}"
            for i in (0, 7):
                yield f"{op} s{d}, h{n}, v{(d + 3) % 16}.h[{i}]"
            for i in (0, 3):
                yield f"{op} d{d}, s{n}, v{31 - d}.s[{i}]"
        yield f"{op} d1, d2, d3"
        yield f"{op} h1, b2, b3"
        yield f"{op} s1, h2, s3"
        yield f"{op} d1, s2, v3.h[0]"
        yield f"{op} s1, h2, v16.h[0]"
        yield f"{op}2 d1, s2, s3"
        yield f"{op}2 d1, s2, v3.s[0]"
    for op in ("mla", "mul", "smull", "smlal"):
        yield f"{op} s1, s2, v3.s[0]"
        yield f"{op} d1, s2, v3.s[0]"


def copy_lines() -> Iterator[str]:
    for r, lanes in (("b", 16), ("h", 8), ("s", 4), ("d", 2)):
        for d, n in REGS:
            for i in (0, lanes - 1):
                yield f"dup {r}{d}, v{n}.{r}[{i}]"
                yield f"mov {r}{d}, v{n}.{r}[{i}]"
        yield f"dup {r}1, v2.{r}[{lanes}]"
        yield f"mov {r}1, v2.{r}[{lanes}]"
    yield "dup s1, v2.d[0]"
    yield "mov d1, v2.s[0]"
    yield "dup q1, v2.d[0]"
    for t, n, size in (("8h", "8b", 8), ("4s", "4h", 16), ("2d", "2s", 32)):
        for d, m in REGS:
            yield f"shll v{d}.{t}, v{m}.{n}, #{size}"
            wide = {"8b": "16b", "4h": "8h", "2s": "4s"}[n]
            yield f"shll2 v{d}.{t}, v{m}.{wide}, #{size}"
        yield f"shll v1.{t}, v2.{n}, #{size - 1}"
        yield f"shll v1.{t}, v2.{n}, #0"
        yield f"shll2 v1.{t}, v2.{n}, #{size}"
    yield "shll v1.2d, v2.2d, #32"
    # vector orr/bic immediate without a shift (lsl #0 implied)
    for op in ("orr", "bic"):
        for t in ("4h", "8h", "2s", "4s"):
            for d, imm in ((0, 0), (31, 255), (7, 0x5A), (16, 1)):
                yield f"{op} v{d}.{t}, #{imm}"
            yield f"{op} v1.{t}, #256"
            yield f"{op} v1.{t}, #-1"
        for t in ("8b", "16b", "2d", "1d"):
            yield f"{op} v1.{t}, #1"
        yield f"{op} x1, #1"
        yield f"{op} w1, w2"
        yield f"{op} d1, #1"
    # vector forms of the data-processing (1 source) names
    for op in ("rev64", "rev32", "rev16", "cls", "clz", "rbit"):
        for t in ("8b", "16b", "4h", "8h", "2s", "4s", "2d", "1d"):
            for d, n in REGS:
                yield f"{op} v{d}.{t}, v{n}.{t}"
        yield f"{op} v1.16b, v2.8b"
        yield f"{op} v1.4s, x2"
        yield f"{op} x1, v2.4s"
        yield f"{op} d1, d2"
    yield from fp16_lines()


def fp16_lines() -> Iterator[str]:
    """FP16 (.4h/.8h and h scalars) forms of the floating-point vector instructions."""
    same = ["fadd", "fsub", "fmul", "fdiv", "fmax", "fmin", "fmaxnm", "fminnm", "fmla", "fmls",
            "fmulx", "frecps", "frsqrts", "faddp", "fmaxp", "fminp", "fmaxnmp", "fminnmp",
            "fabd", "facge", "facgt", "fcmeq", "fcmge", "fcmgt"]
    for op in same:
        for t in ("4h", "8h"):
            for d, n in REGS:
                yield f"{op} v{d}.{t}, v{n}.{t}, v{(d + n) % 32}.{t}"
        yield f"{op} h1, h2, h3"
        yield f"{op} v1.4h, v2.8h, v3.8h"
    for op in ("fcmeq", "fcmge", "fcmgt", "fcmle", "fcmlt"):
        for t in ("4h", "8h"):
            yield f"{op} v3.{t}, v30.{t}, #0.0"
        yield f"{op} h3, h30, #0.0"
    for op in ("fabs", "fneg", "fsqrt"):
        for t in ("4h", "8h"):
            for d, n in REGS:
                yield f"{op} v{d}.{t}, v{n}.{t}"
    for t in ("4h", "8h"):
        for imm in ("1.0", "-0.5", "31.0", "0.1"):
            yield f"fmov v5.{t}, #{imm}"
    for op in ("fmla", "fmls", "fmul", "fmulx"):
        for t in ("4h", "8h"):
            for d, n in REGS:
                for i in (0, 7):
                    yield f"{op} v{d}.{t}, v{n}.{t}, v{(d + 1) % 16}.h[{i}]"
            yield f"{op} v1.{t}, v2.{t}, v16.h[0]"
            yield f"{op} v1.{t}, v2.{t}, v3.h[8]"
        for i in (0, 7):
            yield f"{op} h1, h2, v15.h[{i}]"
        yield f"{op} h1, h2, v16.h[0]"
        yield f"{op} h1, s2, v3.h[0]"
    for op in ("fmaxv", "fminv", "fmaxnmv", "fminnmv"):
        for d, n in REGS:
            yield f"{op} s{d}, v{n}.4s"
            yield f"{op} h{d}, v{n}.4h"
            yield f"{op} h{d}, v{n}.8h"
        for t in ("2s", "2d", "8b", "16b"):
            yield f"{op} s1, v2.{t}"
        yield f"{op} d1, v2.2d"
        yield f"{op} h1, v2.4s"
        yield f"{op} s1, v2.8h"
