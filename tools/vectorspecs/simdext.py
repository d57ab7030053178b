"""Advanced SIMD extensions: RDM (sqrdmlah/sqrdmlsh vector, scalar, by element), dot
product (sdot/udot, also by element), I8MM (smmla/ummla/usmmla/usdot, usdot/sudot by
element), BF16 (bfdot also by element, bfmmla, bfmlalb/t also by element, bfcvtn(2),
bfcvt), FHM (fmlal/fmlsl/fmlal2/fmlsl2, also by element), FCMA (fcmla also by element,
fcadd)."""

from __future__ import annotations

from collections.abc import Iterator

MATTR = "+v8.6a,+neon,+rdm,+dotprod,+i8mm,+bf16,+fullfp16,+fp16fml"
REGS = [(0, 31, 15), (31, 0, 16), (7, 19, 3)]
BAD = ["8b", "16b", "4h", "8h", "2s", "4s", "2d", "1d"]


def lines() -> Iterator[str]:
    for op in ("sqrdmlah", "sqrdmlsh"):
        for t in ("4h", "8h", "2s", "4s"):
            for d, n, m in REGS:
                yield f"{op} v{d}.{t}, v{n}.{t}, v{m}.{t}"
        for t in ("8b", "16b", "2d"):
            yield f"{op} v1.{t}, v2.{t}, v3.{t}"
        yield f"{op} v1.4s, v2.2s, v3.4s"
        for d, n, m in REGS:
            yield f"{op} h{d}, h{n}, h{m}"
            yield f"{op} s{d}, s{n}, s{m}"
            for i in (0, 5, 7):
                yield f"{op} v{d}.8h, v{n}.8h, v{m % 16}.h[{i}]"
                yield f"{op} v{d}.4h, v{n}.4h, v{m % 16}.h[{i}]"
                yield f"{op} h{d}, h{n}, v{m % 16}.h[{i}]"
            for i in (0, 3):
                yield f"{op} v{d}.4s, v{n}.4s, v{m}.s[{i}]"
                yield f"{op} v{d}.2s, v{n}.2s, v{m}.s[{i}]"
                yield f"{op} s{d}, s{n}, v{m}.s[{i}]"
        yield f"{op} b1, b2, b3"
        yield f"{op} d1, d2, d3"
        yield f"{op} h1, s2, h3"
        yield f"{op} v1.8h, v2.8h, v16.h[0]"
        yield f"{op} v1.8h, v2.8h, v3.h[8]"
        yield f"{op} v1.4s, v2.4s, v3.s[4]"
        yield f"{op} v1.4s, v2.4s, v3.h[0]"
    for op in ("sdot", "udot", "usdot"):
        for d, n, m in REGS:
            yield f"{op} v{d}.2s, v{n}.8b, v{m}.8b"
            yield f"{op} v{d}.4s, v{n}.16b, v{m}.16b"
        yield f"{op} v1.4s, v2.8b, v3.8b"
        yield f"{op} v1.2s, v2.16b, v3.16b"
        yield f"{op} v1.4s, v2.16b, v3.8b"
        yield f"{op} v1.2d, v2.8h, v3.8h"
        yield f"{op} v1.16b, v2.16b, v3.16b"
        yield f"{op} s1, b2, b3"
    for op, src in (("smmla", "16b"), ("ummla", "16b"), ("usmmla", "16b"), ("bfmmla", "8h")):
        for d, n, m in REGS:
            yield f"{op} v{d}.4s, v{n}.{src}, v{m}.{src}"
        for t in BAD:
            yield f"{op} v1.4s, v2.{t}, v3.{t}" if t != src else f"{op} v1.2s, v2.{t}, v3.{t}"
        yield f"{op} v1.8h, v2.{src}, v3.{src}"
    for d, n, m in REGS:
        yield f"bfdot v{d}.2s, v{n}.4h, v{m}.4h"
        yield f"bfdot v{d}.4s, v{n}.8h, v{m}.8h"
        for op in ("bfmlalb", "bfmlalt"):
            yield f"{op} v{d}.4s, v{n}.8h, v{m}.8h"
            for i in (0, 3, 7):
                yield f"{op} v{d}.4s, v{n}.8h, v{m % 16}.h[{i}]"
        yield f"bfcvtn v{d}.4h, v{n}.4s"
        yield f"bfcvtn2 v{d}.8h, v{n}.4s"
        yield f"bfcvt h{d}, s{n}"
    yield from ("bfdot v1.4s, v2.4h, v3.4h", "bfdot v1.2s, v2.8h, v3.8h",
                "bfdot v1.2d, v2.8h, v3.8h", "bfmlalb v1.2s, v2.4h, v3.4h",
                "bfmlalt v1.4s, v2.4h, v3.4h", "bfmlalb v1.4s, v2.8h, v16.h[0]",
                "bfmlalt v1.4s, v2.8h, v3.h[8]", "bfmlalb v1.4s, v2.8h, v3.s[0]",
                "bfcvtn v1.8h, v2.4s", "bfcvtn2 v1.4h, v2.4s", "bfcvtn v1.4h, v2.2d",
                "bfcvt s1, h2", "bfcvt h1, d2", "bfcvt v1.4h, v2.4s")

    yield from by_group_lines()
    yield from fhm_lines()
    yield from complex_lines()


def by_group_lines() -> Iterator[str]:
    """The dot products by element: vm.4b[i] (sdot, udot, usdot, sudot) and vm.2h[i]
    (bfdot), every index, vm up to v31."""
    for op in ("sdot", "udot", "usdot", "sudot"):
        for d, n, m in REGS:
            for i in range(4):
                yield f"{op} v{d}.2s, v{n}.8b, v{m}.4b[{i}]"
                yield f"{op} v{d}.4s, v{n}.16b, v{(m + i) % 32}.4b[{i}]"
        yield f"{op} v1.4s, v2.16b, v3.4b[4]"
        yield f"{op} v1.2s, v2.8b, v3.4b[-1]"
        yield f"{op} v1.4s, v2.8b, v3.4b[0]"
        yield f"{op} v1.2s, v2.16b, v3.4b[0]"
        yield f"{op} v1.8h, v2.16b, v3.4b[0]"
        yield f"{op} v1.4s, v2.16b, v3.s[0]"
        yield f"{op} v1.4s, v2.16b, v3.b[0]"
        yield f"{op} v1.4s, v2.16b, v3.2h[0]"
        yield f"{op} v1.4s, v2.16b, v3.4b"
        yield f"{op} s1, v2.16b, v3.4b[0]"
    yield "sudot v1.4s, v2.16b, v3.16b"
    yield "sudot v1.2s, v2.8b, v3.8b"
    for d, n, m in REGS:
        for i in range(4):
            yield f"bfdot v{d}.2s, v{n}.4h, v{m}.2h[{i}]"
            yield f"bfdot v{d}.4s, v{n}.8h, v{(m + i) % 32}.2h[{i}]"
    yield from ("bfdot v1.4s, v2.8h, v3.2h[4]", "bfdot v1.2s, v2.8h, v3.2h[0]",
                "bfdot v1.4s, v2.4h, v3.2h[0]", "bfdot v1.4s, v2.8h, v3.h[0]",
                "bfdot v1.4s, v2.8h, v3.s[0]", "bfdot v1.4s, v2.8h, v3.4b[0]",
                "bfdot v1.4s, v2.8h, v3.2h", "bfdot v1.2d, v2.8h, v3.2h[0]")


def fhm_lines() -> Iterator[str]:
    """fmlal/fmlsl/fmlal2/fmlsl2: .2s from .2h, .4s from .4h; by element vm.h[0-7] of
    v0-v15 (llvm-mc 14 also takes v16-v31 there and encodes v16 as v0: left out, a test
    checks that a64jit rejects them)."""
    for op in ("fmlal", "fmlsl", "fmlal2", "fmlsl2"):
        for d, n, m in REGS:
            yield f"{op} v{d}.2s, v{n}.2h, v{m}.2h"
            yield f"{op} v{d}.4s, v{n}.4h, v{m}.4h"
            for i in (0, 3, 4, 7):
                yield f"{op} v{d}.2s, v{n}.2h, v{m % 16}.h[{i}]"
                yield f"{op} v{d}.4s, v{n}.4h, v{(m + i) % 16}.h[{i}]"
        yield from (f"{op} v1.4s, v2.8h, v3.8h", f"{op} v1.2s, v2.4h, v3.4h",
                    f"{op} v1.4s, v2.2h, v3.2h", f"{op} v1.2d, v2.4s, v3.4s",
                    f"{op} v1.4s, v2.4h, v3.s[1]", f"{op} v1.4s, v2.4h, v3.h[8]",
                    f"{op} v1.2s, v2.2h, v3.4h", f"{op} v1.8h, v2.8h, v3.8h",
                    f"{op} s1, h2, h3", f"{op} v1.4s, v2.4h, v3.2h[0]")


def complex_lines() -> Iterator[str]:
    """fcmla (rotation #0/#90/#180/#270; by element: a lane pair of .4h/.8h/.4s) and fcadd
    (#90/#270)."""
    for t in ("4h", "8h", "2s", "4s", "2d"):
        for (d, n, m), rot in zip(REGS, (0, 90, 180), strict=True):
            yield f"fcmla v{d}.{t}, v{n}.{t}, v{m}.{t}, #{rot}"
        yield f"fcmla v1.{t}, v2.{t}, v3.{t}, #270"
        for rot in (90, 270):
            for d, n, m in REGS:
                yield f"fcadd v{d}.{t}, v{n}.{t}, v{m}.{t}, #{rot}"
        for bad in (45, 360, -90, 1):
            yield f"fcmla v1.{t}, v2.{t}, v3.{t}, #{bad}"
        for bad in (0, 180, 45):
            yield f"fcadd v1.{t}, v2.{t}, v3.{t}, #{bad}"
    for t in ("8b", "16b", "1d"):
        yield f"fcmla v1.{t}, v2.{t}, v3.{t}, #0"
        yield f"fcadd v1.{t}, v2.{t}, v3.{t}, #90"
    for t, lane, pairs in (("4h", "h", 2), ("8h", "h", 4), ("4s", "s", 2)):
        for d, n, m in REGS:
            for i in range(pairs):
                yield f"fcmla v{d}.{t}, v{n}.{t}, v{(m + i) % 32}.{lane}[{i}], #{90 * i % 360}"
        yield f"fcmla v1.{t}, v2.{t}, v3.{lane}[{pairs}], #0"
        yield f"fcmla v1.{t}, v2.{t}, v3.{lane}[0], #45"
        yield f"fcadd v1.{t}, v2.{t}, v3.{lane}[0], #90"
    yield from ("fcmla v1.2s, v2.2s, v3.s[0], #0", "fcmla v1.2d, v2.2d, v3.d[0], #0",
                "fcmla v1.8h, v2.8h, v3.s[0], #0", "fcmla v1.4s, v2.4s, v3.h[0], #0",
                "fcmla v1.4s, v2.2s, v3.4s, #0", "fcmla v1.4s, v2.4s, v3.4s",
                "fcadd v1.4s, v2.4s, v3.4s", "fcmla s1, s2, s3, #0")
