"""Issue 10 for the text front-end: line ends, ASCII-only numbers, bad source types,
alignment limits and scale (lines and labels)."""

from __future__ import annotations

import pytest

from a64jit import AsmSyntaxError, assemble
from a64jit.text import assemble_listing
from a64jit.text.parser import MAX_ALIGN, MAX_FILL

NOP = bytes.fromhex("1f2003d5")
ADD1 = bytes.fromhex("00040091")  # add x0, x0, #1


@pytest.mark.parametrize("sep", ["\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_only_newline_ends_a_comment(sep: str) -> None:
    # str.splitlines() would end the line at sep and assemble the add inside the comment
    assert assemble(f"nop // c{sep}add x0, x0, #1") == NOP


@pytest.mark.parametrize("sep", ["\v", "\f", "\x1c", "\x1d", "\x1e"])
def test_control_characters_in_code_are_errors(sep: str) -> None:
    with pytest.raises(AsmSyntaxError, match="unexpected character") as info:
        assemble(f"nop\nnop{sep}add x0, x0, #1")
    assert (info.value.line, info.value.column) == (2, 4)


@pytest.mark.parametrize("sep", ["\x85", "\u2028", "\u2029"])
def test_unicode_line_separators_in_code_are_errors(sep: str) -> None:
    with pytest.raises(AsmSyntaxError) as info:
        assemble(f"nop{sep}add x0, x0, #1\nnop")
    assert info.value.line == 1


def test_crlf_and_lf_end_lines_and_line_numbers_count_them() -> None:
    assert assemble("nop\r\nadd x0, x0, #1\r\n") == NOP + ADD1
    with pytest.raises(AsmSyntaxError) as info:
        assemble("nop // a\x0cb\r\nnop\r\nfrob x0\n")
    assert (info.value.line, info.value.column) == (3, 1)
    assert info.value.text == "frob x0"


def test_lone_cr_separates_statements_as_in_llvm() -> None:
    # llvm-mc 14: "nop\radd x0, x0, #1" is two instructions on one line
    assert assemble("nop\radd x0, x0, #1") == NOP + ADD1
    assert assemble("nop // comment\radd x0, x0, #1") == NOP + ADD1
    with pytest.raises(AsmSyntaxError) as info:
        assemble("nop\rnop\nnop\rfrob")
    assert info.value.line == 2


def test_listing_lines_follow_newlines_only() -> None:
    _, listing = assemble_listing("nop // \x0c x\nnop\n")
    assert [(e.lineno, e.size) for e in listing] == [(1, 4), (2, 4)]


@pytest.mark.parametrize("text", [
    "fmov d0, #\uff11.\uff15", "fmov d0, #1.\uff15", "add x0, x0, #\uff11",
    "add x0, x0, \u0663", ".word \uff13", "ldr x0, [x1, #\uff18]", "lsl x0, x0, #\uff12",
    "add x0, x1, x2, lsl #\uff11", ".byte 0x\uff11", "movz x0, #1, lsl #\uff11\uff16",
    ".float \uff11.0", "b.eq \uff11f\n1:", "\uff11: nop", ".p2align \uff12",
])
def test_non_ascii_digits_are_rejected(text: str) -> None:
    with pytest.raises(AsmSyntaxError):
        assemble(text)


def test_octal_as_llvm_reads_it() -> None:
    # llvm-mc 14: "add x0, x0, #010" is add x0, x0, #8
    assert assemble("add x0, x0, #010") == assemble("add x0, x0, #8")
    with pytest.raises(AsmSyntaxError, match="octal"):
        assemble("add x0, x0, #09")


@pytest.mark.parametrize("source", [None, b"nop", 5, ["nop"]])
def test_source_must_be_str(source: object) -> None:
    with pytest.raises(TypeError, match="assemble: expected the source as a str"):
        assemble(source)  # type: ignore[arg-type]


@pytest.mark.parametrize(("address", "error"), [(-16, ValueError), (1 << 64, ValueError),
                                              (None, TypeError), (1.0, TypeError)])
def test_bad_address(address: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="assemble: address"):
        assemble("nop", address)  # type: ignore[arg-type]
    with pytest.raises(error, match="assemble: address"):
        assemble_listing("nop", address)  # type: ignore[arg-type]


@pytest.mark.parametrize("directive", [
    ".balign 0x100000000000", ".balign 0x40000000", ".p2align 44", ".align 17",
    f".balign {MAX_ALIGN * 2}", ".balign 3", ".balign -8", ".balign 0", ".p2align -1",
])
def test_huge_or_bad_alignment_is_a_clear_error(directive: str) -> None:
    with pytest.raises(AsmSyntaxError, match=r"alignment .* out of range; allowed"):
        assemble(f"nop\n{directive}")


def test_largest_alignment_works() -> None:
    code = assemble(f"nop\n.balign {MAX_ALIGN}\nnop")
    assert len(code) == MAX_ALIGN + 4
    assert assemble("nop\n.p2align 16\nnop") == code


@pytest.mark.parametrize("directive", [f".zero {MAX_FILL + 1}", ".space -1",
                                       f".fill {MAX_FILL}, 8, 0", ".skip 1 << 40"])
def test_huge_fills_are_clear_errors(directive: str) -> None:
    with pytest.raises(AsmSyntaxError, match="out of range"):
        assemble(directive)


def test_huge_number_literal_is_a_clear_error() -> None:
    with pytest.raises(AsmSyntaxError, match="does not fit 64 bits"):
        assemble("add x0, x0, #" + "9" * 5000)
    with pytest.raises(AsmSyntaxError, match="does not fit 64 bits"):
        assemble(".quad " + "1" * 5000)


def test_many_labels_on_one_line_scale_linearly() -> None:
    # 80,000 labels on one line took 2 s (quadratic slicing); now linear
    labels = " ".join(f"l{i}:" for i in range(20_000))
    code = assemble(labels + " nop\nb l19999")
    assert code == NOP + bytes.fromhex("ffffff17")
