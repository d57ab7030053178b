"""Python API of adc, adcs, sbc, sbcs, ngc, ngcs against llvm-mc's recorded bytes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler, sp, w0, w3, w5, w7, w28, w30, wsp, x0, x1, x2, x3, x5, x7, x28, x30
from a64jit.encoding.carry import addsub_carry
from a64jit.errors import EncodingError, OperandError
from tests.encoding.apicheck import api, llvm, sweep

CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("adc x0, x3, x7", lambda a: a.adc(x0, x3, x7)),
    ("adc w5, w28, w30", lambda a: a.adc(w5, w28, w30)),
    ("adcs x5, x28, x30", lambda a: a.adcs(x5, x28, x30)),
    ("adcs w0, w3, w7", lambda a: a.adcs(w0, w3, w7)),
    ("sbc x5, x28, x30", lambda a: a.sbc(x5, x28, x30)),
    ("sbc w0, w3, w7", lambda a: a.sbc(w0, w3, w7)),
    ("sbcs x0, x3, x7", lambda a: a.sbcs(x0, x3, x7)),
    ("sbcs w5, w28, w30", lambda a: a.sbcs(w5, w28, w30)),
    ("ngc x5, x30", lambda a: a.ngc(x5, x30)),
    ("ngc w0, w7", lambda a: a.ngc(w0, w7)),
    ("ngcs x0, x7", lambda a: a.ngcs(x0, x7)),
    ("ngcs w5, w30", lambda a: a.ngcs(w5, w30)),
]


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm("carry", asm)


def test_every_vector_through_the_api() -> None:
    assert sweep("carry") == []


def test_ngc_is_sbc_from_zr() -> None:
    from a64jit import xzr

    assert api(lambda a: a.ngcs(x0, x7)) == api(lambda a: a.sbcs(x0, xzr, x7))


@pytest.mark.parametrize(("call", "insn", "operand"), [
    (lambda a: a.adc(x0, x1, w3), "adc", "second source"),
    (lambda a: a.adcs(w0, x1, x2), "adcs", "first source"),
    (lambda a: a.sbc(sp, x1, x2), "sbc", "destination"),
    (lambda a: a.sbcs(x0, sp, x2), "sbcs", "first source"),
    (lambda a: a.adc(x0, x1, 1), "adc", "second source"),
    (lambda a: a.ngc(wsp, w3), "ngc", "destination"),
    (lambda a: a.ngcs(x0, w3), "ngcs", "source"),
    (lambda a: a.ngc("x0", x3), "ngc", "destination"),
])
def test_bad_operands(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(OperandError) as exc:
        call(Assembler())
    msg = str(exc.value)
    assert msg.startswith(f"{insn}: {operand} "), msg


@pytest.mark.parametrize(("args", "operand"), [
    ((2, 0, 0, 0, 1, 2), "sf"),
    ((1, 0, 0, 32, 1, 2), "destination"),
    ((1, 0, 0, 0, -1, 2), "first source"),
    ((1, 0, 0, 0, 1, 1 << 70), "second source"),
    ((1, 0, 2, 0, 1, 2), "S"),
])
def test_encoder_checks_every_field(args: tuple[int, ...], operand: str) -> None:
    with pytest.raises(EncodingError, match=f"^adc: {operand} "):
        addsub_carry("adc", *args)
