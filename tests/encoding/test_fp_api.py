"""Python API of the scalar FP group (fmov, arithmetic, fma, compares, fcsel,
rounding) against llvm-mc's recorded bytes, and its error reporting."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import (
    AL,
    EQ,
    FP_BY_PREFIX,
    GE,
    HS,
    NE,
    NV,
    b1,
    d0,
    d1,
    d2,
    d3,
    d7,
    h0,
    h1,
    h2,
    h3,
    h7,
    q0,
    q1,
    s0,
    s1,
    s2,
    s3,
    s7,
    sp,
    w1,
    wsp,
    wzr,
    x0,
    x1,
    xzr,
)
from a64jit.operands import REGISTERS as R
from a64jit.operands import V_BY_CODE as V
from tests.encoding.apicheck import api, llvm
from tests.encoding.fpsweep import sweep

G = "fp"

CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("fmov h7, #1", lambda a: a.fmov(h7, 1)),
    ("fmov s7, #-31", lambda a: a.fmov(s7, -31)),
    ("fmov d7, #2.125", lambda a: a.fmov(d7, 2.125)),
    ("fmov h7, #-0.53125", lambda a: a.fmov(h7, -0.53125)),
    ("fmov d7, #0.0", lambda a: a.fmov(d7, 0.0)),
    ("fmov d7, #0", lambda a: a.fmov(d7, 0)),
    ("fmov s7, #0.0", lambda a: a.fmov(s7, 0.0)),
    ("fmov h7, #0.0", lambda a: a.fmov(h7, 0.0)),
    ("fmov d7, #1e1", lambda a: a.fmov(d7, 10.0)),
    ("fmov d7, d6", lambda a: a.fmov(d7, FP_BY_PREFIX["d"][6])),
    ("fmov h7, w17", lambda a: a.fmov(h7, R["w17"])),
    ("fmov h7, x17", lambda a: a.fmov(h7, R["x17"])),
    ("fmov s7, w17", lambda a: a.fmov(s7, R["w17"])),
    ("fmov d7, x17", lambda a: a.fmov(d7, R["x17"])),
    ("fmov h9, wzr", lambda a: a.fmov(FP_BY_PREFIX["h"][9], wzr)),
    ("fmov d9, xzr", lambda a: a.fmov(FP_BY_PREFIX["d"][9], xzr)),
    ("fmov wzr, h9", lambda a: a.fmov(wzr, FP_BY_PREFIX["h"][9])),
    ("fmov xzr, d9", lambda a: a.fmov(xzr, FP_BY_PREFIX["d"][9])),
    ("fadd d0, d3, d7", lambda a: a.fadd(d0, d3, d7)),
    ("fadd h0, h3, h7", lambda a: a.fadd(h0, h3, h7)),
    ("fsub s0, s3, s7", lambda a: a.fsub(s0, s3, s7)),
    ("fmul d0, d3, d7", lambda a: a.fmul(d0, d3, d7)),
    ("fdiv h0, h3, h7", lambda a: a.fdiv(h0, h3, h7)),
    ("fnmul s0, s3, s7", lambda a: a.fnmul(s0, s3, s7)),
    ("fmax d0, d3, d7", lambda a: a.fmax(d0, d3, d7)),
    ("fmin d0, d3, d7", lambda a: a.fmin(d0, d3, d7)),
    ("fmaxnm s0, s3, s7", lambda a: a.fmaxnm(s0, s3, s7)),
    ("fminnm h0, h3, h7", lambda a: a.fminnm(h0, h3, h7)),
    ("fmadd d0, d3, d7, d5", lambda a: a.fmadd(d0, d3, d7, FP_BY_PREFIX["d"][5])),
    ("fmsub s0, s3, s7, s5", lambda a: a.fmsub(s0, s3, s7, FP_BY_PREFIX["s"][5])),
    ("fnmadd h0, h3, h7, h5", lambda a: a.fnmadd(h0, h3, h7, FP_BY_PREFIX["h"][5])),
    ("fnmsub d0, d3, d7, d5", lambda a: a.fnmsub(d0, d3, d7, FP_BY_PREFIX["d"][5])),
    ("fabs d0, d3", lambda a: a.fabs(d0, d3)),
    ("fneg s0, s3", lambda a: a.fneg(s0, s3)),
    ("fsqrt h0, h3", lambda a: a.fsqrt(h0, h3)),
    ("frintn d0, d3", lambda a: a.frintn(d0, d3)),
    ("frintm s0, s3", lambda a: a.frintm(s0, s3)),
    ("frintp h0, h3", lambda a: a.frintp(h0, h3)),
    ("frintz d0, d3", lambda a: a.frintz(d0, d3)),
    ("frinta s0, s3", lambda a: a.frinta(s0, s3)),
    ("frintx h0, h3", lambda a: a.frintx(h0, h3)),
    ("frinti d0, d3", lambda a: a.frinti(d0, d3)),
    ("fcmp d3, d7", lambda a: a.fcmp(d3, d7)),
    ("fcmp d3, #0.0", lambda a: a.fcmp(d3, 0.0)),
    ("fcmpe h3, h7", lambda a: a.fcmpe(h3, h7)),
    ("fcmpe s3, #0.0", lambda a: a.fcmpe(s3, 0.0)),
    ("fccmp d1, d2, #15, eq", lambda a: a.fccmp(d1, d2, 15, EQ)),
    ("fccmp s1, s2, #0, ne", lambda a: a.fccmp(s1, s2, 0, NE)),
    ("fccmpe h1, h2, #15, nv", lambda a: a.fccmpe(h1, h2, 15, NV)),
    ("fccmpe d1, d2, #15, hs", lambda a: a.fccmpe(d1, d2, 15, HS)),
    ("fcsel d1, d2, d3, al", lambda a: a.fcsel(d1, d2, d3, AL)),
    ("fcsel h1, h2, h3, ge", lambda a: a.fcsel(h1, h2, h3, GE)),
    ("fcsel s1, s2, s3, eq", lambda a: a.fcsel(s1, s2, s3, EQ)),
]




@pytest.mark.parametrize("asm,call", CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm(G, asm)


def test_every_vector_through_the_python_api() -> None:
    count, bad = sweep(G)
    assert count > 4000
    assert not bad, "\n".join(bad[:20])


def test_every_fp8_immediate_through_the_api() -> None:
    from a64jit.encoding.fpimm import FPIMM_VALUES

    for reg, ftype in ((h1, 3), (s1, 0), (d1, 1)):
        for imm8, value in enumerate(FPIMM_VALUES):
            a = Assembler()
            a.fmov(reg, value)
            word = int.from_bytes(a.finalize(), "little")
            assert word == 0x1E201000 | ftype << 22 | imm8 << 13 | 1


ERRORS: list[tuple[Callable[[Assembler], object], type[Exception], tuple[str, ...]]] = [
    (lambda a: a.fmov(d0, 0.1), EncodingError, ("fmov", "immediate", "0.1", "m/16")),
    (lambda a: a.fmov(d0, 32.0), EncodingError, ("fmov", "immediate", "32.0")),
    (lambda a: a.fmov(s0, -0.0), EncodingError, ("fmov", "immediate", "-0.0")),
    (lambda a: a.fmov(s0, float("nan")), EncodingError, ("fmov", "immediate")),
    (lambda a: a.fmov(d0, True), OperandError, ("fmov", "source")),
    (lambda a: a.fmov(d0, "1.0"), OperandError, ("fmov", "source")),
    (lambda a: a.fmov(q0, 1.0), OperandError, ("fmov", "destination", "q0")),
    (lambda a: a.fmov(d0, s1), OperandError, ("fmov", "source", "s1", "64-bit")),
    (lambda a: a.fmov(R["x0"], V[3].d[0]), OperandError, ("fmov", "source", "v3.d[0]", "d[1]")),
    (lambda a: a.fmov(V[3].s[1], R["x0"]), OperandError, ("fmov", "destination", "v3.s[1]")),
    (lambda a: a.fmov(R["w0"], V[3].d[1]), OperandError, ("fmov", "destination", "w0", "x")),
    (lambda a: a.fmov(V[3].d[1], R["sp"]), OperandError, ("fmov", "source", "sp")),
    (lambda a: a.fmov(q0, q1), OperandError, ("fmov", "destination", "q0")),
    (lambda a: a.fmov(x0, s1), OperandError, ("fmov", "destination", "x0", "w register")),
    (lambda a: a.fmov(s0, x1), OperandError, ("fmov", "source", "x1", "w register")),
    (lambda a: a.fmov(d0, w1), OperandError, ("fmov", "source", "w1", "x register")),
    (lambda a: a.fmov(d0, sp), OperandError, ("fmov", "source", "sp")),
    (lambda a: a.fmov(wsp, s0), OperandError, ("fmov", "destination", "wsp")),
    (lambda a: a.fmov(x0, x1), OperandError, ("fmov", "source", "x1")),
    (lambda a: a.fmov(x0, 1.0), OperandError, ("fmov", "source")),
    (lambda a: a.fadd(d0, d1, s2), OperandError, ("fadd", "second source", "s2", "64-bit")),
    (lambda a: a.fadd(d0, s1, d2), OperandError, ("fadd", "first source", "s1")),
    (lambda a: a.fsub(b1, b1, b1), OperandError, ("fsub", "destination", "b1", "h0-31")),
    (lambda a: a.fmul(x0, x1, x1), OperandError, ("fmul", "destination", "x0")),
    (lambda a: a.fmadd(d0, d1, d2, s3), OperandError, ("fmadd", "addend", "s3")),
    (lambda a: a.fabs(q0, q1), OperandError, ("fabs", "destination", "q0")),
    (lambda a: a.fsqrt(d0, h1), OperandError, ("fsqrt", "source", "h1")),
    (lambda a: a.fcmp(d0, 0), OperandError, ("fcmp", "second source", "0.0")),
    (lambda a: a.fcmp(d0, 1.0), EncodingError, ("fcmp", "immediate", "1.0", "0.0")),
    (lambda a: a.fcmpe(d0, -0.0), EncodingError, ("fcmpe", "immediate", "-0.0")),
    (lambda a: a.fcmp(d0, s1), OperandError, ("fcmp", "second source", "s1")),
    (lambda a: a.fcmp(q0, 0.0), OperandError, ("fcmp", "first source", "q0")),
    (lambda a: a.fccmp(d0, d1, 16, EQ), EncodingError, ("fccmp", "nzcv", "16", "0..15")),
    (lambda a: a.fccmp(d0, d1, -1, EQ), EncodingError, ("fccmp", "nzcv", "-1")),
    (lambda a: a.fccmpe(d0, d1, 1, "eq"), OperandError,  # type: ignore[arg-type]
     ("fccmpe", "condition")),
    (lambda a: a.fccmp(d0, h1, 1, EQ), OperandError, ("fccmp", "second source", "h1")),
    (lambda a: a.fcsel(d0, d1, d2, 3), OperandError,  # type: ignore[arg-type]
     ("fcsel", "condition")),
    (lambda a: a.fcsel(d0, d1, s2, EQ), OperandError, ("fcsel", "second source", "s2")),
]


@pytest.mark.parametrize("call,exc,words", ERRORS)
def test_errors(call: Callable[[Assembler], object], exc: type[Exception],
                words: tuple[str, ...]) -> None:
    a = Assembler()
    with pytest.raises(exc) as info:
        call(a)
    for w in words:
        assert w in str(info.value), (w, str(info.value))
    assert a.finalize() == b""  # nothing emitted on error


def test_errors_are_standard_types() -> None:
    with pytest.raises(ValueError):
        Assembler().fmov(d0, 0.3)
    with pytest.raises(TypeError):
        Assembler().fadd(d0, d1, x1)


def test_lane_index_is_checked() -> None:
    assert V[0].d[1] is V[0].d[1] and len(V[0].b) == 16
    for bad in (2, -1, True, "1"):
        with pytest.raises(OperandError, match=r"v0\.d\[.*0\.\.1"):
            V[0].d[bad]  # type: ignore[index]
