"""Python API of the single-register loads and stores (ldr/str family, ldur family,
prfm, prfum) against llvm-mc's recorded bytes, and their errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import (
    Assembler,
    b0,
    d7,
    h3,
    lsl,
    mem,
    post,
    pre,
    q31,
    s5,
    sp,
    sxtw,
    sxtx,
    uxtw,
    w0,
    w1,
    w2,
    w3,
    w5,
    w30,
    wsp,
    wzr,
    x0,
    x1,
    x2,
    x3,
    x4,
    x5,
    x30,
    xzr,
)
from a64jit.encoding import loadstore as enc
from a64jit.errors import EncodingError, OperandError
from tests.encoding.apicheck import api, llvm
from tests.encoding.memapi import accepted_invalid, sweep

G = "loadstore"

CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    # scaled unsigned offset, every register class
    ("ldr x0, [x3]", lambda a: a.ldr(x0, mem(x3))),
    ("ldr x0, [x3, #0x40]", lambda a: a.ldr(x0, mem(x3, 0x40))),
    ("ldr w5, [sp, #16380]", lambda a: a.ldr(w5, mem(sp, 16380))),
    ("str xzr, [x1, #32760]", lambda a: a.str(xzr, mem(x1, 32760))),
    ("ldr b0, [x3]", lambda a: a.ldr(b0, mem(x3))),
    ("str q31, [x1, #65520]", lambda a: a.str(q31, mem(x1, 65520))),
    ("ldrb w0, [x3, #4095]", lambda a: a.ldrb(w0, mem(x3, 4095))),
    ("strh w30, [x1, #8190]", lambda a: a.strh(w30, mem(x1, 8190))),
    ("ldrsw x2, [x4, #16380]", lambda a: a.ldrsw(x2, mem(x4, 16380))),
    # LLVM's choice of ldur for negative or unaligned offsets written with ldr/str
    ("ldr x0, [x3, #-8]", lambda a: a.ldr(x0, mem(x3, -8))),
    ("str s5, [x1, #1]", lambda a: a.str(s5, mem(x1, 1))),
    ("ldrsh w2, [x4, #-1]", lambda a: a.ldrsh(w2, mem(x4, -1))),
    # pre- and post-index
    ("ldr x0, [x3, #-256]!", lambda a: a.ldr(x0, pre(x3, -256))),
    ("ldr x0, [x3], #-256", lambda a: a.ldr(x0, post(x3, -256))),
    ("str d7, [x1, #255]!", lambda a: a.str(d7, pre(x1, 255))),
    ("ldrsb x2, [sp], #1", lambda a: a.ldrsb(x2, post(sp, 1))),
    ("ldr xzr, [sp, #16]!", lambda a: a.ldr(xzr, pre(sp, 16))),
    # register offset: every modifier shape
    ("ldr x3, [x4, x5]", lambda a: a.ldr(x3, mem(x4, x5))),
    ("ldr x3, [x4, x5, lsl #3]", lambda a: a.ldr(x3, mem(x4, x5, lsl(3)))),
    ("ldr x3, [x4, x5, lsl #0]", lambda a: a.ldr(x3, mem(x4, x5, lsl(0)))),
    ("ldrb w3, [x4, x5, lsl #0]", lambda a: a.ldrb(w3, mem(x4, x5, lsl(0)))),
    ("ldr x3, [x4, x5, sxtx]", lambda a: a.ldr(x3, mem(x4, x5, sxtx()))),
    ("ldr w3, [sp, w5, uxtw #2]", lambda a: a.ldr(w3, mem(sp, w5, uxtw(2)))),
    ("ldr w3, [sp, w5, sxtw]", lambda a: a.ldr(w3, mem(sp, w5, sxtw()))),
    ("ldr h3, [x4, x5, lsl #1]", lambda a: a.ldr(h3, mem(x4, x5, lsl(1)))),
    # unscaled family
    ("ldur x0, [x3, #8]", lambda a: a.ldur(x0, mem(x3, 8))),
    ("stur q31, [x3, #-256]", lambda a: a.stur(q31, mem(x3, -256))),
    ("ldursw x0, [x3, #255]", lambda a: a.ldursw(x0, mem(x3, 255))),
    ("sturb wzr, [sp]", lambda a: a.sturb(wzr, mem(sp))),
    # prefetch
    ("prfm pldl1keep, [x0]", lambda a: a.prfm("pldl1keep", mem(x0))),
    ("prfm pstl3strm, [x3, #40]", lambda a: a.prfm("pstl3strm", mem(x3, 40))),
    ("prfm #31, [sp, xzr, lsl #3]", lambda a: a.prfm(31, mem(sp, xzr, lsl(3)))),
    ("prfm pstl1keep, [sp, w30, sxtw #3]", lambda a: a.prfm("pstl1keep", mem(sp, w30, sxtw(3)))),
    ("prfum pstl2strm, [x5, #-256]", lambda a: a.prfum("pstl2strm", mem(x5, -256))),
]


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm(G, asm)


def test_every_vector_through_the_api() -> None:
    assert sweep(G) == []


def test_every_invalid_vector_raises_through_the_api() -> None:
    accepted, skipped = accepted_invalid(G)
    assert accepted == []
    assert skipped < 40  # only forms the Python API cannot even express


def test_extend_amount_none_vs_zero() -> None:
    # A byte access sets S only when the amount is written: uxtw vs uxtw #0.
    assert api(lambda a: a.ldrb(w0, mem(x1, w2, uxtw()))) != api(
        lambda a: a.ldrb(w0, mem(x1, w2, uxtw(0))))
    # A wider access treats "#0" like no amount.
    assert api(lambda a: a.ldr(x0, mem(x1, w2, sxtw()))) == api(
        lambda a: a.ldr(x0, mem(x1, w2, sxtw(0))))


BAD: list[tuple[Callable[[Assembler], object], type[Exception], str, str]] = [
    (lambda a: a.ldr(x0, mem(x1, 32768)), EncodingError, "ldr", "offset"),
    (lambda a: a.ldr(x0, mem(x1, 260)), EncodingError, "ldr", "offset"),
    (lambda a: a.str(w0, mem(x1, -257)), EncodingError, "str", "offset"),
    (lambda a: a.ldrb(x0, mem(x1)), OperandError, "ldrb", "transfer register"),
    (lambda a: a.ldrsw(w0, mem(x1)), OperandError, "ldrsw", "transfer register"),
    (lambda a: a.ldr(sp, mem(x1)), OperandError, "ldr", "transfer register"),
    (lambda a: a.str(wsp, mem(x1)), OperandError, "str", "transfer register"),
    (lambda a: a.ldr("x0", mem(x1)), OperandError, "ldr", "transfer register"),  # type: ignore[arg-type]
    (lambda a: a.ldr([], mem(x1)), OperandError, "ldr", "transfer register"),  # type: ignore[arg-type]
    (lambda a: a.ldr(x0, pre(x0, 8)), EncodingError, "ldr", "base register"),
    (lambda a: a.str(w1, post(x1, 8)), EncodingError, "str", "base register"),
    (lambda a: a.ldr(x0, pre(x1, 256)), EncodingError, "ldr", "offset"),
    (lambda a: a.ldr(x0, mem(x1, x2, lsl(2))), EncodingError, "ldr", "index shift amount"),
    (lambda a: a.ldr(x0, mem(x1, w2)), OperandError, "ldr", "index modifier"),
    (lambda a: a.ldr(x0, mem(x1, x2, uxtw(3))), OperandError, "ldr", "index modifier"),
    (lambda a: a.ldr(x0, mem(x1, w2, lsl(3))), OperandError, "ldr", "index modifier"),
    (lambda a: a.ldrh(w0, mem(x1, w2, sxtw(2))), EncodingError, "ldrh", "index shift amount"),
    (lambda a: a.ldr(x0, mem(x1, sp)), OperandError, "ldr", "index register"),
    (lambda a: a.str(x0, 8), OperandError, "str", "address"),  # type: ignore[arg-type]
    (lambda a: a.ldr(b0, 8), OperandError, "ldr", "address"),
    (lambda a: a.ldr(x0, x1), OperandError, "ldr", "target"),  # type: ignore[arg-type]
    (lambda a: a.ldur(x0, mem(x1, 256)), EncodingError, "ldur", "offset"),
    (lambda a: a.ldur(x0, pre(x1, 8)), OperandError, "ldur", "address"),
    (lambda a: a.ldurb(w0, mem(x1, x2)), OperandError, "ldurb", "address"),
    (lambda a: a.ldursw(w0, mem(x1)), OperandError, "ldursw", "transfer register"),
    (lambda a: a.prfm("pldl4keep", mem(x0)), OperandError, "prfm", "prefetch operation"),
    (lambda a: a.prfm(32, mem(x0)), EncodingError, "prfm", "prefetch operation"),
    (lambda a: a.prfm(x0, mem(x0)), OperandError, "prfm", "prefetch operation"),  # type: ignore[arg-type]
    (lambda a: a.prfm("pldl1keep", mem(x0, -8)), EncodingError, "prfm", "offset"),
    (lambda a: a.prfm("pldl1keep", mem(x0, 4)), EncodingError, "prfm", "offset"),
    (lambda a: a.prfm("pldl1keep", pre(x0, 8)), OperandError, "prfm", "address"),
    (lambda a: a.prfum("pldl1keep", mem(x0, 256)), EncodingError, "prfum", "offset"),
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
    assert a.offset == 0  # nothing emitted


def test_error_messages_say_what_is_allowed() -> None:
    with pytest.raises(EncodingError, match=r"0\.\.32760, a multiple of 8, or -256\.\.255"):
        Assembler().ldr(x0, mem(x1, 32761))
    with pytest.raises(OperandError, match=r"w0-w30, wzr"):
        Assembler().ldrb(x0, mem(x1))
    with pytest.raises(EncodingError, match=r"distinct"):
        Assembler().ldr(x30, post(x30, 8))


@pytest.mark.parametrize(("fn", "args", "operand"), [
    (enc.ldst_uimm, (4, 0, 1, 0, 1, 0), "size"),
    (enc.ldst_uimm, (3, 2, 1, 0, 1, 0), "V"),
    (enc.ldst_uimm, (3, 0, 4, 0, 1, 0), "opc"),
    (enc.ldst_uimm, (3, 0, 1, 32, 1, 0), "transfer register"),
    (enc.ldst_uimm, (3, 0, 1, 0, -1, 0), "base register"),
    (enc.ldst_uimm, (3, 0, 1, 0, 1, 4), "offset"),
    (enc.ldst_uimm, (3, 0, 1, 0, 1, 1 << 80), "offset"),
    (enc.ldst_uimm, (1, 1, 3, 0, 1, 0), "size"),  # h with opc 1x: unallocated
    (enc.ldst_simm9, (3, 0, 1, 2, 0, 1, 0), "index mode"),
    (enc.ldst_simm9, (3, 0, 1, 1, 0, 1, 256), "offset"),
    (enc.ldst_simm9, (3, 0, 1, 1, 0, 32, 0), "base register"),
    (enc.ldst_regoff, (3, 0, 1, 0, 1, 2, 0, 0), "extend option"),
    (enc.ldst_regoff, (3, 0, 1, 0, 1, 2, 3, 2), "S"),
    (enc.ldst_regoff, (3, 0, 1, 0, 1, 40, 3, 0), "index register"),
    (enc.load_literal, (3, 1, 0), "opc"),
    (enc.load_literal, (0, 0, 1 << 40), "transfer register"),
    (enc.ldst_pair, (3, 0, 2, 1, 0, 1, 2, 0), "opc"),
    (enc.ldst_pair, (1, 0, 2, 0, 0, 1, 2, 0), "opc"),  # ldpsw cannot store
    (enc.ldst_pair, (1 << 60, 0, 2, 1, 0, 1, 2, 0), "opc"),  # no huge shift
    (enc.ldst_pair, (2, 0, 4, 1, 0, 1, 2, 0), "mode"),
    (enc.ldst_pair, (2, 0, 2, 1, 0, 1, 2, 4), "offset"),
    (enc.ldst_pair, (2, 0, 2, 1, 0, 1, 2, 512), "offset"),
    (enc.ldst_pair, (2, 0, 2, 1, 0, 32, 2, 0), "second transfer register"),
])
def test_encoder_checks_every_field(fn: Callable[..., int], args: tuple[int, ...],
                                    operand: str) -> None:
    with pytest.raises(EncodingError, match=f"^x: {operand} "):
        fn("x", *args)
