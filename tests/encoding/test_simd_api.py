"""Python API of the Advanced SIMD group against llvm-mc's recorded bytes, its operand
types and its errors."""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pytest

from a64jit import Assembler, assemble
from a64jit.errors import AsmSyntaxError, EncodingError, OperandError
from a64jit.operands import (
    b0,
    b5,
    d0,
    d7,
    h5,
    lsl,
    mem,
    post,
    pre,
    s5,
    v0,
    v1,
    v2,
    v3,
    v30,
    v31,
    vlist,
    w0,
    x0,
    x2,
    xzr,
)
from a64jit.vecops import VArrangement, VList
from tests.encoding.apicheck import api, llvm

G = "simd"
CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("cmeq v3.2d, v30.2d, #0", lambda a: a.cmeq(v3.d2, v30.d2, 0)),
    ("addv b5, v31.16b", lambda a: a.addv(b5, v31.b16)),
    ("uaddlv s5, v31.8h", lambda a: a.uaddlv(s5, v31.h8)),
    ("uaddlv h5, v31.16b", lambda a: a.uaddlv(h5, v31.b16)),
    ("movi d7, #0xff00ff00ff00ff00", lambda a: a.movi(d7, 0xFF00FF00FF00FF00)),
    ("movi v31.4s, #255, lsl #8", lambda a: a.movi(v31.s4, 0xFF, lsl(8))),
    ("ld1 {v0.4s-v1.4s}, [x0], xzr", lambda a: a.ld1(vlist(v0.s4, 2), mem(x0), xzr)),
    ("ext v1.16b, v2.16b, v3.16b, #15", lambda a: a.ext(v1.b16, v2.b16, v3.b16, 15)),
]


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm(G, asm)


def test_operands_are_shared_typed_and_named_like_llvm() -> None:
    assert v0.s4 is v0.s4 and type(v0.s4) is VArrangement
    assert repr(v31.b16) == "v31.16b" and v31.b16.q == 1 and v0.s2.q == 0
    assert vlist(v31.s4, 2) is vlist(v31.s4, 2) and type(vlist(v31.s4, 2)) is VList
    assert repr(vlist(v31.s4, 2)) == "{v31.4s, v0.4s}"
    assert pickle.loads(pickle.dumps(v3.h8)) is v3.h8
    with pytest.raises(OperandError, match="vlist: count 5"):
        vlist(v0.b16, 5)
    with pytest.raises(OperandError, match="vlist: first register x0"):
        vlist(x0, 1)  # type: ignore[arg-type]


BAD: list[tuple[Callable[[Assembler], object], type[Exception], str]] = [
    (lambda a: a.cmhi(v0.s4, v1.s4, v2.h8), OperandError, "cmhi: second source v2.8h"),
    (lambda a: a.pmul(v0.s4, v1.s4, v2.s4), OperandError, r"pmul: destination v0.4s .*\.8b"),
    (lambda a: a.addv(b0, v1.s2), OperandError, "addv: source v1.2s"),
    (lambda a: a.addv(d0, v1.s4), OperandError, "addv: destination d0 .*32-bit"),
    (lambda a: a.ushr(v0.s4, v1.s4, 33), EncodingError, "ushr: shift 33 .*1..32"),
    (lambda a: a.shl(v0.b8, v1.b8, 8), EncodingError, "shl: shift 8 .*0..7"),
    (lambda a: a.ext(v0.b8, v1.b8, v2.b8, 8), EncodingError, "ext: index 8 .*0..7"),
    (lambda a: a.ld1(vlist(v0.b16, 2), post(x0, 16)), EncodingError, "ld1: post-index 16"),
    (lambda a: a.ld1(vlist(v0.b16, 2), pre(x0, 32)), OperandError, "ld1: memory operand"),
    (lambda a: a.ld2(vlist(v0.b16, 3), mem(x0)), OperandError, "ld2: register list .*2"),
    (lambda a: a.ld2(vlist(v0.d1, 2), mem(x0)), OperandError, r"ld2: register list .*\.1d"),
    (lambda a: a.movi(v0.b16, 256), EncodingError, "movi: immediate 256"),
    (lambda a: a.movi(d0, 0x1234), EncodingError, "movi: immediate 4660 .*0x00 or 0xff"),
    (lambda a: a.dup(v0.s4, x2), OperandError, "dup: source x2 .*32-bit"),
    (lambda a: a.umov(w0, v1.d[0]), OperandError, "umov: destination w0 .*64-bit"),
    (lambda a: a.cmeq(v0.s4, v1.s4, 1), EncodingError, "cmeq: immediate 1"),
    (lambda a: a.sqadd(d0, d0, s5), OperandError, "sqadd: second source s5"),
    (lambda a: a.tbl(v0.b16, vlist(v1.s4, 1), v2.b16), OperandError, "tbl: table"),
]


@pytest.mark.parametrize(("call", "exc", "match"), BAD, ids=[b[2] for b in BAD])
def test_errors_name_the_instruction_and_operand(call: Callable[[Assembler], object],
                                                  exc: type[Exception], match: str) -> None:
    a = Assembler()
    with pytest.raises(exc, match=match):
        call(a)
    assert a.offset == 0


@pytest.mark.parametrize("text", ["ld1 {v0.16b-v0.16b}, [x0]", "ld1 {v0.16b, v2.16b}, [x0]",
                                  "ld1 {v0.16b, v1.8b}, [x0]", "ld1 {v0.16b, x1}, [x0]",
                                  "ld1 {v0.16b-v4.16b}, [x0]", "ld1 {v0.16b, [x0]",
                                  "ld1 {v0.2s, v1.2S}, [x0]"])
def test_bad_register_lists_are_syntax_errors(text: str) -> None:
    with pytest.raises(AsmSyntaxError):
        assemble(text)
