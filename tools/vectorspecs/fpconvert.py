"""FP conversions: fcvt between h, s, d; scvtf/ucvtf and fcvtzs/fcvtzu (integer and
fixed-point, every #fbits); fcvtn/m/p/a s/u; fjcvtzs. Also the Advanced SIMD scalar
forms LLVM accepts with FP registers on both sides (``fcvtns s0, s1``,
``scvtf d0, d1, #3``)."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WZR, XZR

H = [f"h{i}" for i in range(32)]
S = [f"s{i}" for i in range(32)]
D = [f"d{i}" for i in range(32)]
FP = {"h": H, "s": S, "d": D}
GP = {"w": WZR, "x": XZR}

ROUNDING = ["fcvtns", "fcvtnu", "fcvtms", "fcvtmu", "fcvtps", "fcvtpu", "fcvtas", "fcvtau"]


def _pairs(a: list[str], b: list[str]) -> Iterator[tuple[str, str]]:
    """32 pairs with every register number in each position."""
    for i in range(32):
        yield a[i % len(a)], b[(i * 7 + 3) % len(b)]


def lines() -> Iterator[str]:
    # fcvt: every ordered pair of precisions, and the same-precision error
    for p, pa in FP.items():
        for q, pb in FP.items():
            for d, n in _pairs(pa, pb):
                yield f"fcvt {d}, {n}"
                if p == q:
                    break
    for bad in ("fcvt q0, d1", "fcvt d0, q1", "fcvt b0, h1", "fcvt d0, x1", "fcvt x0, d1"):
        yield bad
    for g, gpool in GP.items():
        top = 32 if g == "w" else 64
        for p, fpool in FP.items():
            # int -> FP
            for op in ("scvtf", "ucvtf"):
                for f, r in _pairs(fpool, gpool):
                    yield f"{op} {f}, {r}"
                for i, fb in enumerate(range(0, top + 2)):
                    yield f"{op} {fpool[(i * 5) % 32]}, {gpool[(i * 3) % 32]}, #{fb}"
                yield f"{op} {p}0, {g}sp"
                yield f"{op} {gpool[0]}, {p}0"
            # FP -> int, toward zero, integer and fixed-point
            for op in ("fcvtzs", "fcvtzu"):
                for r, f in _pairs(gpool, fpool):
                    yield f"{op} {r}, {f}"
                for i, fb in enumerate(range(0, top + 2)):
                    yield f"{op} {gpool[(i * 3) % 32]}, {fpool[(i * 5) % 32]}, #{fb}"
                yield f"{op} {g}sp, {p}0"
                yield f"{op} {p}0, {gpool[1]}"
            # FP -> int with the other rounding modes (no fixed-point forms)
            for op in ROUNDING:
                for r, f in _pairs(gpool, fpool):
                    yield f"{op} {r}, {f}"
                yield f"{op} {gpool[0]}, {p}1, #1"
                yield f"{op} {g}sp, {p}1"
    for bad in ("scvtf q0, x1", "ucvtf b0, w1", "fcvtzs x0, q1", "fcvtns w0, b1",
                "scvtf d0, d1", "fcvtzs x0, x1", "scvtf d0, x1, #1.0"):
        yield bad
    # Advanced SIMD scalar forms: same-width FP registers, fbits up to the element width
    for p, fpool in FP.items():
        esize = {"h": 16, "s": 32, "d": 64}[p]
        other = [q for q in FP if q != p]
        for op in ("scvtf", "ucvtf", "fcvtzs", "fcvtzu", *ROUNDING):
            for d, n in _pairs(fpool, fpool):
                yield f"{op} {d}, {n}"
            for q in other:
                yield f"{op} {p}0, {q}1"
        for op in ("scvtf", "ucvtf", "fcvtzs", "fcvtzu"):
            for i, fb in enumerate(range(0, esize + 2)):
                yield f"{op} {fpool[(i * 5) % 32]}, {fpool[(i * 11 + 3) % 32]}, #{fb}"
            for q in other:
                yield f"{op} {p}0, {q}1, #1"
        for op in ROUNDING:
            yield f"{op} {p}0, {p}1, #1"
    # fjcvtzs: w destination, d source only
    for r, f in _pairs(WZR, D):
        yield f"fjcvtzs {r}, {f}"
    for bad in ("fjcvtzs x0, d1", "fjcvtzs w0, s1", "fjcvtzs w0, h1", "fjcvtzs wsp, d1",
                "fjcvtzs d0, w1", "fjcvtzs w0, d1, #1"):
        yield bad
