"""Python API of ldp, stp, ldpsw, ldnp, stnp against llvm-mc's recorded bytes, and the
unpredictable forms LLVM rejects."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import (
    Assembler,
    b1,
    b2,
    d0,
    d1,
    mem,
    post,
    pre,
    q0,
    q1,
    s0,
    s1,
    sp,
    w0,
    w1,
    x0,
    x1,
    x2,
    x3,
    x29,
    x30,
    xzr,
)
from a64jit.errors import EncodingError, OperandError
from tests.encoding.apicheck import api, llvm
from tests.encoding.memapi import accepted_invalid, sweep

G = "pairs"

CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("stp x29, x30, [sp, #-16]!", lambda a: a.stp(x29, x30, pre(sp, -16))),
    ("ldp x29, x30, [sp], #16", lambda a: a.ldp(x29, x30, post(sp, 16))),
    ("ldp x0, x1, [x2]", lambda a: a.ldp(x0, x1, mem(x2))),
    ("ldp x0, x1, [sp, #504]", lambda a: a.ldp(x0, x1, mem(sp, 504))),
    ("stp w0, w1, [x2, #-256]", lambda a: a.stp(w0, w1, mem(x2, -256))),
    ("ldp s0, s1, [x2, #252]!", lambda a: a.ldp(s0, s1, pre(x2, 252))),
    ("stp d0, d1, [x2], #-512", lambda a: a.stp(d0, d1, post(x2, -512))),
    ("ldp q0, q1, [sp, #1008]", lambda a: a.ldp(q0, q1, mem(sp, 1008))),
    ("stp q0, q1, [sp, #-1024]!", lambda a: a.stp(q0, q1, pre(sp, -1024))),
    ("ldpsw x0, x1, [x2, #-256]", lambda a: a.ldpsw(x0, x1, mem(x2, -256))),
    ("ldpsw x0, x1, [x2], #252", lambda a: a.ldpsw(x0, x1, post(x2, 252))),
    ("ldnp x0, x1, [x2, #8]", lambda a: a.ldnp(x0, x1, mem(x2, 8))),
    ("stnp q0, q1, [sp, #-1024]", lambda a: a.stnp(q0, q1, mem(sp, -1024))),
    ("stp xzr, xzr, [sp, #-16]!", lambda a: a.stp(xzr, xzr, pre(sp, -16))),
    # LLVM 14 accepts these unpredictable forms (its checks have gaps); so do we.
    ("ldnp x0, x0, [x1, #8]", lambda a: a.ldnp(x0, x0, mem(x1, 8))),
    ("ldp x0, x0, [x3], #8", lambda a: a.ldp(x0, x0, post(x3, 8))),
    ("ldpsw x1, x0, [x0], #4", lambda a: a.ldpsw(x1, x0, post(x0, 4))),
    ("stp x0, x0, [x1, #16]!", lambda a: a.stp(x0, x0, pre(x1, 16))),
]


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm(G, asm)


def test_every_vector_through_the_api() -> None:
    assert sweep(G) == []


def test_every_invalid_vector_raises_through_the_api() -> None:
    accepted, skipped = accepted_invalid(G)
    assert accepted == []
    assert skipped < 20


BAD: list[tuple[Callable[[Assembler], object], type[Exception], str, str]] = [
    (lambda a: a.ldp(x0, x0, mem(x1)), EncodingError, "ldp", "second transfer register"),
    (lambda a: a.ldp(d0, d0, pre(x1, 8)), EncodingError, "ldp", "second transfer register"),
    (lambda a: a.ldpsw(x0, x0, post(x1, 4)), EncodingError, "ldpsw",
     "second transfer register"),
    (lambda a: a.ldp(x0, x1, pre(x0, 16)), EncodingError, "ldp", "base register"),
    (lambda a: a.ldp(x0, x1, post(x1, 16)), EncodingError, "ldp", "base register"),
    (lambda a: a.stp(w0, w1, pre(x1, 8)), EncodingError, "stp", "base register"),
    (lambda a: a.ldpsw(x0, x1, pre(x1, 8)), EncodingError, "ldpsw", "base register"),
    (lambda a: a.ldp(x0, w1, mem(x2)), OperandError, "ldp", "second transfer register"),
    (lambda a: a.stp(s0, d1, mem(x2)), OperandError, "stp", "second transfer register"),
    (lambda a: a.ldp(x0, sp, mem(x2)), OperandError, "ldp", "second transfer register"),
    (lambda a: a.ldp(b1, b2, mem(x2)), OperandError, "ldp", "first transfer register"),
    (lambda a: a.ldpsw(w0, w1, mem(x2)), OperandError, "ldpsw", "first transfer register"),
    (lambda a: a.stp(sp, x1, mem(x2)), OperandError, "stp", "first transfer register"),
    (lambda a: a.ldp(x0, x1, mem(x2, 4)), EncodingError, "ldp", "offset"),
    (lambda a: a.ldp(x0, x1, mem(x2, 512)), EncodingError, "ldp", "offset"),
    (lambda a: a.stp(q0, q1, pre(x2, -1040)), EncodingError, "stp", "offset"),
    (lambda a: a.ldp(x0, x1, mem(x2, x3)), OperandError, "ldp", "address"),
    (lambda a: a.ldp(x0, x1, 8), OperandError, "ldp", "address"),  # type: ignore[arg-type]
    (lambda a: a.ldnp(x0, x1, pre(x2, 16)), OperandError, "ldnp", "address"),
    (lambda a: a.stnp(x0, x1, post(x2, 16)), OperandError, "stnp", "address"),
    (lambda a: a.ldnp(x0, w1, mem(x2)), OperandError, "ldnp", "second transfer register"),
    (lambda a: a.stnp(x0, x1, mem(x2, 1)), EncodingError, "stnp", "offset"),
]


@pytest.mark.parametrize(("call", "exc", "insn", "operand"), BAD,
                         ids=[f"{i}-{b[2]}-{b[3]}" for i, b in enumerate(BAD)])
def test_bad_input(call: Callable[[Assembler], object], exc: type[Exception], insn: str,
                   operand: str) -> None:
    a = Assembler()
    with pytest.raises(exc) as info:
        call(a)
    msg = str(info.value)
    assert msg.startswith(f"{insn}: {operand} "), msg
    assert a.offset == 0


def test_offset_message_names_the_scale() -> None:
    with pytest.raises(EncodingError, match=r"-1024\.\.1008, a multiple of 16"):
        Assembler().ldp(q0, q1, mem(x2, 8))
