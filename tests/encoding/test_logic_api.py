"""Python API of and, ands, orr, eor, bic, bics, orn, eon, tst, mvn against llvm-mc's
recorded bytes, and their errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import (
    asr,
    lsl,
    lsr,
    ror,
    sp,
    uxtw,
    w0,
    w1,
    w3,
    w4,
    w7,
    w8,
    w9,
    w13,
    w16,
    w17,
    w18,
    w22,
    w24,
    wsp,
    wzr,
    x0,
    x1,
    x2,
    x3,
    x7,
    x10,
    x16,
    x18,
    x21,
    x25,
    x27,
    x30,
    xzr,
)
from tests.encoding.apicheck import api, llvm
from tests.encoding.directcall import sweep

CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("and x0, x3, x7, lsl #0", lambda a: a.and_(x0, x3, x7, lsl(0))),
    ("and sp, x30, #0xf0", lambda a: a.and_(sp, x30, 0xF0)),
    ("and sp, x30, #0xfffffffffffffc00", lambda a: a.and_(sp, x30, -0x400)),
    ("and w17, w24, #-257", lambda a: a.and_(w17, w24, -257)),
    ("and w9, w17, #-2147483648", lambda a: a.and_(w9, w17, -(1 << 31))),
    ("ands x10, x21, x21, asr #6", lambda a: a.ands(x10, x21, x21, asr(6))),
    ("orr w0, w3, w7, lsl #1", lambda a: a.orr(w0, w3, w7, lsl(1))),
    ("orr x27, x10, x16, ror #63", lambda a: a.orr(x27, x10, x16, ror(63))),
    ("eor sp, x30, #0xffe0000000000007", lambda a: a.eor(sp, x30, 0xFFE0000000000007)),
    ("bic x3, x18, #0xff0", lambda a: a.bic(x3, x18, 0xFF0)),
    ("bic w13, w4, w22, lsr #27", lambda a: a.bic(w13, w4, w22, lsr(27))),
    ("bics x25, x0, #0x3fffe0000", lambda a: a.bics(x25, x0, 0x3FFFE0000)),
    ("orn x27, x10, #0x1ffffffff8000", lambda a: a.orn(x27, x10, 0x1FFFFFFFF8000)),
    ("eon w9, w16, #0xfffe0", lambda a: a.eon(w9, w16, 0xFFFE0)),
    ("mvn w8, w18, lsr #0", lambda a: a.mvn(w8, w18, lsr(0))),
]




@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm("logic", asm)


def test_every_vector_through_the_api() -> None:
    checked, bad = sweep("logic")
    assert checked > 10000
    assert bad == []


def test_tst_and_mvn_are_their_base_forms() -> None:
    assert api(lambda a: a.tst(x1, 0xFF)) == api(lambda a: a.ands(xzr, x1, 0xFF))
    assert api(lambda a: a.tst(w1, w3, lsl(3))) == api(lambda a: a.ands(wzr, w1, w3, lsl(3)))
    assert api(lambda a: a.mvn(x0, x1, ror(3))) == api(lambda a: a.orn(x0, xzr, x1, ror(3)))


def test_signed_and_unsigned_spellings_agree() -> None:
    """LLVM reads an immediate as a 64-bit value: for w registers -2, 0xfffffffe and
    0xfffffffffffffffe are the same pattern."""
    want = api(lambda a: a.and_(w0, w1, 0xFFFFFFFE))
    assert api(lambda a: a.and_(w0, w1, -2)) == want
    assert api(lambda a: a.and_(w0, w1, 0xFFFFFFFFFFFFFFFE)) == want
    assert api(lambda a: a.and_(x0, x1, -2)) == api(lambda a: a.and_(x0, x1, (1 << 64) - 2))
    # bic w: the complement is taken in 32 bits (LLVM: and w0, w1, #0x7fffffff)
    assert api(lambda a: a.bic(w0, w1, 0x80000000)) == api(lambda a: a.and_(w0, w1, 0x7FFFFFFF))


@pytest.mark.parametrize(("call", "insn", "operand"), [
    (lambda a: a.and_(x0, x1, 0), "and", "64-bit immediate"),
    (lambda a: a.orr(w0, w1, 0xFFFFFFFF), "orr", "32-bit immediate"),
    (lambda a: a.eor(x0, x1, 0x12345), "eor", "64-bit immediate"),
    (lambda a: a.and_(w0, w1, 0x1FFFFFFFE), "and", "32-bit immediate"),
    (lambda a: a.and_(w0, w1, -(1 << 32)), "and", "32-bit immediate"),
    (lambda a: a.and_(x0, x1, 1 << 64), "and", "64-bit immediate"),
    # LLVM wraps values below -2**63; a64jit refuses them
    (lambda a: a.and_(x0, x1, -(1 << 63) - 1), "and", "64-bit immediate"),
    (lambda a: a.bic(x0, x1, -1), "bic", "64-bit immediate"),
    (lambda a: a.tst(x0, 0), "tst", "64-bit immediate"),
    (lambda a: a.orr(x0, x1, x2, lsl(64)), "orr", "shift amount"),
    (lambda a: a.eon(w0, w1, w3, ror(32)), "eon", "shift amount"),
    (lambda a: a.mvn(w0, w1, asr(-1)), "mvn", "shift amount"),
])
def test_bad_values(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(EncodingError) as exc:
        call(Assembler())
    msg = str(exc.value)
    assert msg.startswith(f"{insn}: {operand} "), msg
    assert "allowed" in msg


@pytest.mark.parametrize(("call", "insn", "operand"), [
    (lambda a: a.ands(sp, x1, 1), "ands", "destination"),
    (lambda a: a.and_(xzr, x1, 1), "and", "destination"),
    (lambda a: a.and_(x0, sp, 1), "and", "first source"),
    (lambda a: a.orr(sp, x1, x2), "orr", "destination"),
    (lambda a: a.orr(x0, x1, sp), "orr", "second source"),
    (lambda a: a.eor(x0, w1, x2), "eor", "first source"),
    (lambda a: a.eor(w0, w1, x2), "eor", "second source"),
    (lambda a: a.orr(wsp, x1, 1), "orr", "destination"),
    (lambda a: a.and_(x0, x1, x2, uxtw(2)), "and", "shift"),
    (lambda a: a.and_(x0, x1, 1, lsl(12)), "and", "shift"),
    (lambda a: a.and_(x0, x1, 1.0), "and", "second source"),
    (lambda a: a.bics(x0, x1, True), "bics", "second source"),
    (lambda a: a.tst(sp, 1), "tst", "first source"),
    (lambda a: a.tst(x0, w1), "tst", "second source"),
    (lambda a: a.mvn(x0, 1), "mvn", "source"),
    (lambda a: a.mvn(sp, x1), "mvn", "destination"),
    (lambda a: a.mvn(x0, sp), "mvn", "source"),
    (lambda a: a.orn(w0, w1, w3, "lsl"), "orn", "shift"),
])
def test_bad_operands(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(OperandError) as exc:
        call(Assembler())
    msg = str(exc.value)
    assert msg.startswith(f"{insn}: {operand} "), msg


def test_nothing_emitted_after_an_error() -> None:
    a = Assembler()
    with pytest.raises(EncodingError):
        a.and_(x0, x1, 0)
    assert a.finalize() == b""
