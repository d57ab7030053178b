"""Python API of the bitfield group (sbfm, ubfm, bfm and their aliases, extends, extr)
and the shifts group (lsl, lsr, asr, ror, lslv.., udiv, sdiv) against llvm-mc's
recorded bytes; errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import (
    sp,
    w0,
    w1,
    w2,
    w3,
    w7,
    w8,
    w12,
    w13,
    w18,
    w29,
    wsp,
    wzr,
    x0,
    x1,
    x2,
    x3,
    x7,
    x8,
    x10,
    x12,
    x13,
    x14,
    x15,
    x18,
    x21,
    x28,
    x29,
    xzr,
)
from tests.encoding.apicheck import api, llvm
from tests.encoding.directcall import sweep

BITFIELD: list[tuple[str, Callable[[Assembler], object]]] = [
    ("sbfm x1, x8, #1, #0", lambda a: a.sbfm(x1, x8, 1, 0)),
    ("ubfm w1, w8, #1, #0", lambda a: a.ubfm(w1, w8, 1, 0)),
    ("bfm x1, x8, #1, #0", lambda a: a.bfm(x1, x8, 1, 0)),
    ("sbfx x1, x8, #0, #64", lambda a: a.sbfx(x1, x8, 0, 64)),
    ("sbfx x10, x21, #3, #4", lambda a: a.sbfx(x10, x21, 3, 4)),
    ("sbfx x12, xzr, #3, #6", lambda a: a.sbfx(x12, xzr, 3, 6)),
    ("sbfx x15, x14, #8, #8", lambda a: a.sbfx(x15, x14, 8, 8)),
    ("ubfx w1, w8, #0, #32", lambda a: a.ubfx(w1, w8, 0, 32)),
    ("bfxil x1, x8, #0, #64", lambda a: a.bfxil(x1, x8, 0, 64)),
    ("sbfiz w1, w8, #0, #32", lambda a: a.sbfiz(w1, w8, 0, 32)),
    ("ubfiz x1, x8, #0, #64", lambda a: a.ubfiz(x1, x8, 0, 64)),
    ("bfi x1, x8, #0, #64", lambda a: a.bfi(x1, x8, 0, 64)),
    ("bfi w12, wzr, #3, #6", lambda a: a.bfi(w12, wzr, 3, 6)),
    ("bfc w7, #0, #32", lambda a: a.bfc(w7, 0, 32)),
    ("bfc x28, #63, #1", lambda a: a.bfc(x28, 63, 1)),
    ("sxtb x1, w8", lambda a: a.sxtb(x1, w8)),
    ("sxtb x0, x1", lambda a: a.sxtb(x0, x1)),  # LLVM also takes an x source
    ("sxtb w1, w8", lambda a: a.sxtb(w1, w8)),
    ("sxth x1, w8", lambda a: a.sxth(x1, w8)),
    ("sxtw x1, w8", lambda a: a.sxtw(x1, w8)),
    ("uxtb w1, w8", lambda a: a.uxtb(w1, w8)),
    ("uxtb x1, w8", lambda a: a.uxtb(x1, w8)),  # encoded as the w form, as LLVM
    ("uxth w1, w8", lambda a: a.uxth(w1, w8)),
    ("uxtw x1, w8", lambda a: a.uxtw(x1, w8)),
    ("uxtw x0, x1", lambda a: a.uxtw(x0, x1)),
    ("extr x1, x8, x18, #1", lambda a: a.extr(x1, x8, x18, 1)),
    ("extr w1, w8, w18, #1", lambda a: a.extr(w1, w8, w18, 1)),
]

SHIFTS: list[tuple[str, Callable[[Assembler], object]]] = [
    ("lsl x0, x3, #1", lambda a: a.lsl(x0, x3, 1)),
    ("lsl x0, x3, #63", lambda a: a.lsl(x0, x3, 63)),
    ("lsl w0, w3, #1", lambda a: a.lsl(w0, w3, 1)),
    ("lsr x0, x3, #1", lambda a: a.lsr(x0, x3, 1)),
    ("asr w0, w3, #1", lambda a: a.asr(w0, w3, 1)),
    ("ror x0, x3, #1", lambda a: a.ror(x0, x3, 1)),
    ("ror w0, w3, #1", lambda a: a.ror(w0, w3, 1)),
    ("lsl x0, x3, x7", lambda a: a.lsl(x0, x3, x7)),
    ("lslv x2, x13, x29", lambda a: a.lslv(x2, x13, x29)),
    ("lsrv w2, w13, w29", lambda a: a.lsrv(w2, w13, w29)),
    ("asrv x2, x13, x29", lambda a: a.asrv(x2, x13, x29)),
    ("rorv w2, w13, w29", lambda a: a.rorv(w2, w13, w29)),
    ("udiv x2, x13, x29", lambda a: a.udiv(x2, x13, x29)),
    ("sdiv w2, w13, w29", lambda a: a.sdiv(w2, w13, w29)),
]


@pytest.mark.parametrize(("asm", "call"), BITFIELD, ids=[c[0] for c in BITFIELD])
def test_bitfield_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm("bitfield", asm)


@pytest.mark.parametrize(("asm", "call"), SHIFTS, ids=[c[0] for c in SHIFTS])
def test_shifts_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm("shifts", asm)


@pytest.mark.parametrize("group", ["bitfield", "shifts"])
def test_every_vector_through_the_api(group: str) -> None:
    checked, bad = sweep(group)
    assert checked > 1000
    assert bad == []


def test_aliases_are_their_base_forms() -> None:
    assert api(lambda a: a.lsl(x0, x1, 3)) == api(lambda a: a.ubfm(x0, x1, 61, 60))
    assert api(lambda a: a.lsl(w0, w1, 0)) == api(lambda a: a.lsr(w0, w1, 0))
    assert api(lambda a: a.asr(x0, x1, 5)) == api(lambda a: a.sbfx(x0, x1, 5, 59))
    assert api(lambda a: a.ror(x0, x1, 9)) == api(lambda a: a.extr(x0, x1, x1, 9))
    assert api(lambda a: a.ror(w0, w1, w2)) == api(lambda a: a.rorv(w0, w1, w2))
    assert api(lambda a: a.bfc(x0, 4, 8)) == api(lambda a: a.bfi(x0, xzr, 4, 8))
    assert api(lambda a: a.ubfiz(x0, x1, 63, 1)) == api(lambda a: a.lsl(x0, x1, 63))
    assert api(lambda a: a.uxtw(x0, w1)) == api(lambda a: a.ubfx(x0, x1, 0, 32))


@pytest.mark.parametrize(("call", "insn", "operand"), [
    (lambda a: a.sbfx(x0, x1, 1, 64), "sbfx", "width"),
    (lambda a: a.sbfx(x0, x1, 64, 1), "sbfx", "lsb"),
    (lambda a: a.ubfx(w0, w1, 31, 2), "ubfx", "width"),
    (lambda a: a.bfxil(x0, x1, 0, 0), "bfxil", "width"),
    (lambda a: a.sbfiz(x0, x1, 63, 2), "sbfiz", "width"),
    (lambda a: a.ubfiz(w0, w1, -1, 1), "ubfiz", "lsb"),
    (lambda a: a.bfi(w0, w1, 32, 1), "bfi", "lsb"),
    (lambda a: a.bfc(w0, 31, 2), "bfc", "width"),
    (lambda a: a.sbfm(x0, x1, 64, 0), "sbfm", "immr"),
    (lambda a: a.ubfm(w0, w1, 0, 32), "ubfm", "imms"),
    (lambda a: a.bfm(x0, x1, -1, 0), "bfm", "immr"),
    (lambda a: a.extr(x0, x1, x2, 64), "extr", "lsb"),
    (lambda a: a.extr(w0, w1, w2, 32), "extr", "lsb"),
    (lambda a: a.lsl(x0, x1, 64), "lsl", "shift amount"),
    (lambda a: a.lsr(w0, w1, 32), "lsr", "shift amount"),
    (lambda a: a.asr(x0, x1, -1), "asr", "shift amount"),
    (lambda a: a.ror(w0, w1, 32), "ror", "shift amount"),
])
def test_bad_values(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(EncodingError) as exc:
        call(Assembler())
    msg = str(exc.value)
    assert msg.startswith(f"{insn}: {operand} "), msg
    assert "allowed" in msg


@pytest.mark.parametrize(("call", "insn", "operand"), [
    (lambda a: a.sbfm(sp, x1, 1, 2), "sbfm", "destination"),
    (lambda a: a.ubfm(x0, w1, 1, 2), "ubfm", "source"),
    (lambda a: a.bfm(x0, x1, 1.0, 2), "bfm", "immediate"),
    (lambda a: a.ubfx(x0, sp, 1, 2), "ubfx", "source"),
    (lambda a: a.bfc(wsp, 1, 2), "bfc", "destination"),
    (lambda a: a.sbfx(x0, x1, "1", 2), "sbfx", "lsb/width"),
    (lambda a: a.sxtb(w0, x1), "sxtb", "source"),
    (lambda a: a.sxtw(w0, w1), "sxtw", "destination"),
    (lambda a: a.sxth(sp, w1), "sxth", "destination"),
    (lambda a: a.uxtb(x0, x1), "uxtb", "source"),
    (lambda a: a.uxth(w0, wsp), "uxth", "source"),
    (lambda a: a.uxtw(w0, w1), "uxtw", "destination"),
    (lambda a: a.uxtw(x0, sp), "uxtw", "source"),
    (lambda a: a.extr(x0, x1, w2, 1), "extr", "second source"),
    (lambda a: a.extr(x0, x1, x2, 1.5), "extr", "lsb"),
    (lambda a: a.lsl(sp, x1, 1), "lsl", "destination"),
    (lambda a: a.lsl(x0, x1, w2), "lsl", "shift register"),
    (lambda a: a.lsr(w0, x1, 1), "lsr", "source"),
    (lambda a: a.asr(x0, x1, 1.0), "asr", "shift amount"),
    (lambda a: a.ror(x0, x1, sp), "ror", "shift register"),
    (lambda a: a.lslv(x0, x1, 2), "lslv", "second source"),
    (lambda a: a.udiv(x0, sp, x1), "udiv", "first source"),
    (lambda a: a.sdiv(w0, w1, x2), "sdiv", "second source"),
    (lambda a: a.rorv(xzr, w1, w2), "rorv", "first source"),
])
def test_bad_operands(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(OperandError) as exc:
        call(Assembler())
    msg = str(exc.value)
    assert msg.startswith(f"{insn}: {operand} "), msg
