"""Python API of the FP conversions (fcvt, scvtf/ucvtf, fcvt[nmpaz][su], fjcvtzs, and
their Advanced SIMD scalar forms) against llvm-mc's recorded bytes; error reporting."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import (
    FP_BY_PREFIX,
    b1,
    d0,
    d1,
    d3,
    h0,
    h1,
    h3,
    q0,
    q1,
    s0,
    s1,
    s3,
    sp,
    w0,
    w1,
    w3,
    wsp,
    wzr,
    x0,
    x1,
    x3,
    xzr,
)
from tests.encoding.apicheck import api, llvm
from tests.encoding.fpsweep import sweep

G = "fpconvert"

CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("fcvt d0, h3", lambda a: a.fcvt(d0, h3)),
    ("fcvt s0, d3", lambda a: a.fcvt(s0, d3)),
    ("fcvt d0, s3", lambda a: a.fcvt(d0, s3)),
    ("fcvt s0, h3", lambda a: a.fcvt(s0, h3)),
    ("fcvt h31, s28", lambda a: a.fcvt(FP_BY_PREFIX["h"][31], FP_BY_PREFIX["s"][28])),
    ("scvtf h0, w3", lambda a: a.scvtf(h0, w3)),
    ("scvtf d0, x3", lambda a: a.scvtf(d0, x3)),
    ("scvtf d4, xzr", lambda a: a.scvtf(FP_BY_PREFIX["d"][4], xzr)),
    ("ucvtf s0, w3", lambda a: a.ucvtf(s0, w3)),
    ("ucvtf d0, x3", lambda a: a.ucvtf(d0, x3)),
    ("scvtf d0, w0, #32", lambda a: a.scvtf(d0, w0, 32)),
    ("scvtf h0, x0, #64", lambda a: a.scvtf(h0, x0, 64)),
    ("ucvtf s5, x3, #1", lambda a: a.ucvtf(FP_BY_PREFIX["s"][5], x3, 1)),
    ("fcvtzs w0, d3", lambda a: a.fcvtzs(w0, d3)),
    ("fcvtzs wzr, d28", lambda a: a.fcvtzs(wzr, FP_BY_PREFIX["d"][28])),
    ("fcvtzu x0, h3", lambda a: a.fcvtzu(x0, h3)),
    ("fcvtzs w0, s0, #32", lambda a: a.fcvtzs(w0, s0, 32)),
    ("fcvtzu x0, d0, #64", lambda a: a.fcvtzu(x0, d0, 64)),
    ("fcvtzs x3, h5, #1", lambda a: a.fcvtzs(x3, FP_BY_PREFIX["h"][5], 1)),
    ("fcvtns w0, s3", lambda a: a.fcvtns(w0, s3)),
    ("fcvtnu x0, d3", lambda a: a.fcvtnu(x0, d3)),
    ("fcvtms w0, h3", lambda a: a.fcvtms(w0, h3)),
    ("fcvtmu x0, s3", lambda a: a.fcvtmu(x0, s3)),
    ("fcvtps w0, d3", lambda a: a.fcvtps(w0, d3)),
    ("fcvtpu x0, h3", lambda a: a.fcvtpu(x0, h3)),
    ("fcvtas w0, s3", lambda a: a.fcvtas(w0, s3)),
    ("fcvtau x0, d3", lambda a: a.fcvtau(x0, d3)),
    # Advanced SIMD scalar forms
    ("fcvtns s0, s3", lambda a: a.fcvtns(s0, s3)),
    ("fcvtzu d0, d3", lambda a: a.fcvtzu(d0, d3)),
    ("ucvtf h0, h3", lambda a: a.ucvtf(h0, h3)),
    ("scvtf d0, d3, #64", lambda a: a.scvtf(d0, d3, 64)),
    ("fcvtzs h5, h14, #1", lambda a: a.fcvtzs(FP_BY_PREFIX["h"][5], FP_BY_PREFIX["h"][14], 1)),
    ("ucvtf s0, s3, #32", lambda a: a.ucvtf(s0, s3, 32)),
    ("fcvtzu h16, h19, #16", lambda a: a.fcvtzu(FP_BY_PREFIX["h"][16], FP_BY_PREFIX["h"][19], 16)),
    ("fjcvtzs w0, d3", lambda a: a.fjcvtzs(w0, d3)),
    ("fjcvtzs wzr, d28", lambda a: a.fjcvtzs(wzr, FP_BY_PREFIX["d"][28])),
]


@pytest.mark.parametrize("asm,call", CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm(G, asm)


def test_every_vector_through_the_python_api() -> None:
    count, bad = sweep(G)
    assert count > 5000
    assert not bad, "\n".join(bad[:20])


ERRORS: list[tuple[Callable[[Assembler], object], type[Exception], tuple[str, ...]]] = [
    (lambda a: a.fcvt(d0, d1), OperandError, ("fcvt", "source", "d1", "another precision")),
    (lambda a: a.fcvt(q0, d1), OperandError, ("fcvt", "destination", "q0")),
    (lambda a: a.fcvt(d0, x1), OperandError,  # type: ignore[arg-type]
     ("fcvt", "source", "x1")),
    (lambda a: a.scvtf(d0, w1, 0), EncodingError, ("scvtf", "fbits", "0", "1..32")),
    (lambda a: a.scvtf(d0, w1, 33), EncodingError, ("scvtf", "fbits", "33", "1..32")),
    (lambda a: a.ucvtf(s0, x1, 65), EncodingError, ("ucvtf", "fbits", "65", "1..64")),
    (lambda a: a.fcvtzs(w0, d1, 33), EncodingError, ("fcvtzs", "fbits", "1..32")),
    (lambda a: a.fcvtzu(x0, h1, 0), EncodingError, ("fcvtzu", "fbits", "1..64")),
    (lambda a: a.scvtf(h0, h1, 17), EncodingError, ("scvtf", "fbits", "1..16")),
    (lambda a: a.fcvtzs(s0, s1, 33), EncodingError, ("fcvtzs", "fbits", "1..32")),
    (lambda a: a.scvtf(d0, x1, 1.0), OperandError, ("scvtf", "fbits")),
    (lambda a: a.scvtf(d0, sp), OperandError, ("scvtf", "source", "sp")),
    (lambda a: a.scvtf(q0, x1), OperandError, ("scvtf", "destination", "q0")),
    (lambda a: a.scvtf(d0, s1), OperandError, ("scvtf", "source", "s1", "64-bit")),
    (lambda a: a.fcvtzs(wsp, d1), OperandError, ("fcvtzs", "destination", "wsp")),
    (lambda a: a.fcvtzs(x0, x1), OperandError, ("fcvtzs", "source", "x1")),
    (lambda a: a.fcvtzs(x0, q1), OperandError, ("fcvtzs", "source", "q1")),
    (lambda a: a.fcvtns(w0, b1), OperandError, ("fcvtns", "source", "b1")),
    (lambda a: a.fcvtps(d0, s1), OperandError, ("fcvtps", "source", "s1", "64-bit")),
    (lambda a: a.fcvtau(d0, x1), OperandError, ("fcvtau", "source", "x1")),
    (lambda a: a.fjcvtzs(x0, d1), OperandError, ("fjcvtzs", "destination", "x0")),
    (lambda a: a.fjcvtzs(w0, s1), OperandError, ("fjcvtzs", "source", "s1", "d0-31")),
    (lambda a: a.fjcvtzs(w1, h3), OperandError, ("fjcvtzs", "source", "h3")),
]


@pytest.mark.parametrize("call,exc,words", ERRORS)
def test_errors(call: Callable[[Assembler], object], exc: type[Exception],
                words: tuple[str, ...]) -> None:
    a = Assembler()
    with pytest.raises(exc) as info:
        call(a)
    for w in words:
        assert w in str(info.value), (w, str(info.value))
    assert a.finalize() == b""


def test_text_and_api_agree_on_fixed_point_bounds() -> None:
    from a64jit import assemble

    assert assemble("scvtf d1, x3, #64") == api(lambda a: a.scvtf(d1, x3, 64))
    assert assemble("fcvtzu w1, s1, #32") == api(lambda a: a.fcvtzu(w1, s1, 32))
    with pytest.raises(ValueError):
        assemble("scvtf d1, w3, #33")
