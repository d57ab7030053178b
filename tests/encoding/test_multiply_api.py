"""Python API of the multiplies (madd ... umulh) against llvm-mc's recorded bytes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import (
    Assembler,
    sp,
    w0,
    w1,
    w2,
    w3,
    w5,
    w7,
    w13,
    w16,
    w28,
    w30,
    x0,
    x1,
    x2,
    x3,
    x5,
    x7,
    x13,
    x16,
    x28,
    x30,
    xzr,
)
from a64jit.encoding import dp3src as enc
from a64jit.errors import EncodingError, OperandError
from tests.encoding.apicheck import api, llvm, sweep

CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("madd x0, x3, x7, x13", lambda a: a.madd(x0, x3, x7, x13)),
    ("madd w5, w28, w30, w16", lambda a: a.madd(w5, w28, w30, w16)),
    ("msub x5, x28, x30, x16", lambda a: a.msub(x5, x28, x30, x16)),
    ("msub w0, w3, w7, w13", lambda a: a.msub(w0, w3, w7, w13)),
    ("mul x5, x28, x30", lambda a: a.mul(x5, x28, x30)),
    ("mul w0, w3, w7", lambda a: a.mul(w0, w3, w7)),
    ("mneg x0, x3, x7", lambda a: a.mneg(x0, x3, x7)),
    ("mneg w5, w28, w30", lambda a: a.mneg(w5, w28, w30)),
    ("smaddl x0, w3, w7, x13", lambda a: a.smaddl(x0, w3, w7, x13)),
    ("smsubl x5, w28, w30, x16", lambda a: a.smsubl(x5, w28, w30, x16)),
    ("umaddl x5, w28, w30, x16", lambda a: a.umaddl(x5, w28, w30, x16)),
    ("umsubl x0, w3, w7, x13", lambda a: a.umsubl(x0, w3, w7, x13)),
    ("smull x0, w3, w7", lambda a: a.smull(x0, w3, w7)),
    ("umull x5, w28, w30", lambda a: a.umull(x5, w28, w30)),
    ("smnegl x5, w28, w30", lambda a: a.smnegl(x5, w28, w30)),
    ("umnegl x0, w3, w7", lambda a: a.umnegl(x0, w3, w7)),
    ("smulh x0, x3, x7", lambda a: a.smulh(x0, x3, x7)),
    ("umulh x5, x28, x30", lambda a: a.umulh(x5, x28, x30)),
]


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm("multiply", asm)


def test_every_vector_through_the_api() -> None:
    assert sweep("multiply") == []


@pytest.mark.parametrize(("alias", "base"), [
    (lambda a: a.mul(x0, x3, x7), lambda a: a.madd(x0, x3, x7, xzr)),
    (lambda a: a.mneg(x0, x3, x7), lambda a: a.msub(x0, x3, x7, xzr)),
    (lambda a: a.smull(x0, w3, w7), lambda a: a.smaddl(x0, w3, w7, xzr)),
    (lambda a: a.umnegl(x0, w3, w7), lambda a: a.umsubl(x0, w3, w7, xzr)),
])
def test_aliases_are_the_zero_addend_forms(alias: Callable[[Assembler], object],
                                            base: Callable[[Assembler], object]) -> None:
    assert api(alias) == api(base)


@pytest.mark.parametrize(("call", "insn", "operand"), [
    (lambda a: a.madd(x0, x1, w2, x3), "madd", "second source"),
    (lambda a: a.madd(x0, x1, x2, w3), "madd", "addend"),
    (lambda a: a.msub(x0, x1, x2, 3), "msub", "addend"),
    (lambda a: a.mul(sp, x1, x2), "mul", "destination"),
    (lambda a: a.mneg(w0, w1, x2), "mneg", "second source"),
    (lambda a: a.smaddl(x0, x1, w2, x3), "smaddl", "first source"),
    (lambda a: a.umaddl(w0, w1, w2, x3), "umaddl", "destination"),
    (lambda a: a.smsubl(x0, w1, w2, w3), "smsubl", "addend"),
    (lambda a: a.umsubl(x0, w1, w2, sp), "umsubl", "addend"),
    (lambda a: a.smull(x0, w1, x2), "smull", "second source"),
    (lambda a: a.umull(x0, w1, 2), "umull", "second source"),
    (lambda a: a.smulh(w0, w1, w2), "smulh", "destination"),
    (lambda a: a.umulh(x0, x1, w2), "umulh", "second source"),
    (lambda a: a.umulh(x0, sp, x2), "umulh", "first source"),
])
def test_bad_operands(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(OperandError) as exc:
        call(Assembler())
    msg = str(exc.value)
    assert msg.startswith(f"{insn}: {operand} "), msg


@pytest.mark.parametrize(("args", "match"), [
    ((0, enc.OP31_SMADDL, 0, 0, 1, 2, 3), "unallocated"),  # long forms are 64-bit only
    ((1, enc.OP31_SMULH, 1, 0, 1, 2, 31), "unallocated"),  # no "smulh" with o0 = 1
    ((1, 0b011, 0, 0, 1, 2, 3), "unallocated"),
    ((1, enc.OP31_UMULH, 0, 0, 1, 2, 3), "Ra field"),
    ((1, 8, 0, 0, 1, 2, 3), "op31"),
    ((1, 0, 0, 0, 1, 2, 32), "addend"),
    ((1, 0, 0, 0, 1, -2, 3), "second source"),
    ((-1, 0, 0, 0, 1, 2, 3), "sf"),
])
def test_encoder_checks_every_field(args: tuple[int, ...], match: str) -> None:
    with pytest.raises(EncodingError, match=f"^x: .*{match}"):
        enc.dp3src("x", *args)
