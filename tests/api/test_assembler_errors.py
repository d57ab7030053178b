"""Regression tests for Assembler error handling found by adversarial testing
(issue 10 items 3, 7, 8; issue 11 item 5, Python API)."""

from __future__ import annotations

import pytest

from a64jit import (
    Assembler,
    EncodingError,
    LabelError,
    OperandError,
    lsl,
    sp,
    sxtx,
    uxtw,
    w0,
    w1,
    w2,
    wsp,
    x0,
    x1,
    x2,
)


def _bytes(call: str) -> str:
    a = Assembler()
    eval("a." + call, {"a": a, **globals()})
    return a.finalize().hex()


@pytest.mark.parametrize("call", [
    "adds(x0, sp, w1)", "subs(x0, sp, w1)", "cmp(sp, w1)", "cmn(sp, w1)",
    "add(x0, sp, w1)", "sub(x0, sp, w1)", "adds(x0, x1, w2)",
])
def test_w_register_without_extend_is_rejected_in_64_bit_forms(call: str) -> None:
    # llvm-mc: "too few operands for instruction"; it used to be read as uxtw.
    with pytest.raises(OperandError, match="second source w"):
        _bytes(call)


@pytest.mark.parametrize("call, word", [
    # the forms LLVM does take (recorded with llvm-mc 14)
    ("adds(x0, sp, w1, lsl(2))", "e04b21ab"),
    ("subs(x0, sp, w1, lsl(0))", "e04321eb"),
    ("cmp(sp, w1, lsl(2))", "ff4b21eb"),
    ("adds(x0, x1, w2, sxtx(2))", "20e822ab"),
    ("adds(w0, wsp, w1)", "e043212b"),
    ("add(x0, sp, w1, uxtw(0))", "e043218b"),
])
def test_forms_llvm_accepts_still_encode(call: str, word: str) -> None:
    assert _bytes(call) == word


def test_immediate_message_shows_the_value_given() -> None:
    a = Assembler()
    with pytest.raises(EncodingError, match="immediate 16777216 cannot be encoded"):
        a.add(x0, x1, 4096 * 4096)
    with pytest.raises(EncodingError, match="immediate -16777216 cannot be encoded"):
        a.sub(x0, x1, -4096 * 4096)


def test_width_mismatch_blames_the_later_operand() -> None:
    a = Assembler()
    with pytest.raises(OperandError, match="first source w1"):
        a.add(x0, w1, 5)
    with pytest.raises(OperandError, match="first source x1"):
        a.add(w0, x1, 5)
    with pytest.raises(OperandError, match="second source x2"):
        a.cmp(w1, x2)


def test_huge_integers_get_the_instructions_message() -> None:
    a = Assembler()
    huge = 10 ** 5000
    with pytest.raises(EncodingError, match=r"add: immediate 0x[0-9a-f]+\.\.\. \(a 16610-bit"):
        a.add(x0, x1, huge)
    with pytest.raises(EncodingError, match=r"\.quad: value -0x"):
        a.quad(-huge)
    with pytest.raises(EncodingError, match="bit integer"):
        a.movz(x0, huge)


def test_align_has_a_documented_limit() -> None:
    a = Assembler()
    with pytest.raises(EncodingError, match="up to 65536"):
        a.align(2 ** 44)
    with pytest.raises(EncodingError, match="up to 65536"):
        a.align(1 << 17)
    a.nop()
    a.align(1 << 16)
    assert len(a.finalize()) == 1 << 16


@pytest.mark.parametrize("address, kind", [
    (-16, EncodingError), (2 ** 64, EncodingError), (2, EncodingError), (2.0, OperandError),
    (None, OperandError),
])
def test_finalize_address_is_checked(address: object, kind: type[Exception]) -> None:
    a = Assembler()
    a.nop()
    with pytest.raises(kind, match="finalize: address"):
        a.finalize(address)  # type: ignore[arg-type]


def test_finalize_at_the_top_of_the_address_space() -> None:
    a = Assembler()
    a.nop()
    assert a.finalize(2 ** 64 - 4) == bytes.fromhex("1f2003d5")


def test_label_names_must_be_strings() -> None:
    a = Assembler()
    with pytest.raises(OperandError, match="label: label name must be a str"):
        a.label(5)  # type: ignore[arg-type]
    lbl = a.label()  # unnamed labels still sort and report in finalize
    a.b(lbl)
    a.label("other")
    with pytest.raises(LabelError, match="unbound"):
        a.finalize()


@pytest.mark.parametrize("raw", [None, "abc", 5, [1, 2]])
def test_data_takes_bytes_only(raw: object) -> None:
    a = Assembler()
    with pytest.raises(OperandError, match="data: expected bytes"):
        a.data(raw)  # type: ignore[arg-type]
    a.data(memoryview(b"\x01\x02\x03\x04"))
    assert a.finalize() == b"\x01\x02\x03\x04"


def test_shared_operand_helpers_are_imported() -> None:
    # keep the imports honest (used by eval'd calls above)
    assert lsl(2) and uxtw(0) and sxtx(2) and w2 and wsp and sp


@pytest.mark.parametrize("call, message", [
    ("add(x0, x1)", "add: expected 3 or 4 operands, got 2"),
    ("ldr(x0)", "ldr: expected 2 operands, got 1"),
    ("movz()", "movz: expected 2 or 3 operands, got 0"),
])
def test_operand_count_errors_in_the_instructions_terms(call: str, message: str) -> None:
    with pytest.raises(OperandError) as info:
        _bytes(call)
    assert str(info.value) == message
    # the same call with every operand still encodes (the memo never keeps a short call)
    _bytes("add(x0, x1, 2)")


TEXT_HINT = ("the Python API takes objects, not text (registers: from a64jit import x0; "
             "labels: a.label(); a64jit.assemble reads text)")


@pytest.mark.parametrize("call, message", [
    # what a newcomer types at a REPL: names as strings, a register as a load's address
    ("add('x0', x1, x2)", "add: destination 'x0' is not valid here; expected a "
     "general-purpose register (x0-x30 or w0-w30, xzr/wzr); " + TEXT_HINT),
    ("b('loop')", "b: target must be a Label or an int offset, got 'loop'; " + TEXT_HINT),
    ("ldr(x0, mem('x1'))", "memory operand: base must be an x register or sp, got 'x1'; "
     + TEXT_HINT),
    ("ldr(x0, x1)", "ldr: target must be a Label or an int offset, got x1; the address in "
     "x1 is written mem(x1)"),
    ("bl(x2)", "bl: target must be a Label or an int offset, got x2; a branch to the "
     "address in x2 is blr(x2)"),
])
def test_misused_operands_say_what_the_api_takes(call: str, message: str) -> None:
    from a64jit import MacroAssembler, mem
    for cls in (Assembler, MacroAssembler):
        with pytest.raises(OperandError) as info:
            eval("a." + call, {"a": cls(), "mem": mem, **globals()})
        assert str(info.value) == message


def test_mov_to_an_fp_register_points_to_fmov() -> None:
    from a64jit import MacroAssembler, d0, q0
    hint = ("; fmov moves to an FP register (fmov(d0, x1), fmov(d0, 1.5) or "
            "MacroAssembler.fmov of any constant)")
    for cls in (Assembler, MacroAssembler):
        with pytest.raises(OperandError) as info:
            cls().mov(d0, 1.5)  # type: ignore[arg-type]
        assert str(info.value) == ("mov: destination d0 is not valid here; expected a "
                                   "general-purpose register or sp" + hint)
        with pytest.raises(OperandError) as info:
            cls().mov(q0, x1)
        assert "fmov" not in str(info.value)  # no fmov to a whole q register
