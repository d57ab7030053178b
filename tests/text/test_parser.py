"""The text front-end: syntax, errors with line and column, directives, listings."""

from __future__ import annotations

import pytest

from a64jit import AsmSyntaxError, assemble
from a64jit.text import assemble_listing

ADD = bytes.fromhex("20100091")  # add x0, x1, #4
SUB = bytes.fromhex("201000d1")  # sub x0, x1, #4


def test_statements_comments_and_case() -> None:
    assert assemble("add x0, x1, #4") == ADD
    assert assemble("  ADD X0, X1, #4   // comment") == ADD
    assert assemble("add x0, x1, #4; sub x0, x1, #4") == ADD + SUB
    assert assemble("add\tx0,x1,#0x4\n\n// only a comment\n") == ADD
    assert assemble("add x0, x1, 4") == ADD  # '#' is optional, as in LLVM


@pytest.mark.parametrize("imm", ["#4", "#0x4", "#0b100", "#+4", "4"])
def test_integer_spellings(imm: str) -> None:
    assert assemble(f"add x0, x1, {imm}") == ADD


def test_negative_immediates_are_parsed() -> None:
    assert assemble("add x0, x1, #-4") == SUB


def test_labels_on_their_own_and_before_statements() -> None:
    code = assemble("start: add x0, x1, #4\nnext:\n  sub x0, x1, #4\n.quad start, next")
    assert code[:8] == ADD + SUB
    assert code[8:16] == (0).to_bytes(8, "little")
    assert code[16:24] == (4).to_bytes(8, "little")


def test_label_addresses_follow_the_load_address() -> None:
    code = assemble("a: add x0, x1, #4\n.quad a", address=0x10000)
    assert code[4:] == (0x10000).to_bytes(8, "little")


def test_data_directives() -> None:
    assert assemble(".word 1, 0xffffffff") == bytes.fromhex("01000000ffffffff")
    assert assemble(".hword 0x1234\n.byte 1, -1") == bytes.fromhex("341201ff")
    assert assemble(".quad -1") == b"\xff" * 8
    assert assemble(".byte 1\n.balign 4") == bytes.fromhex("01000000")
    assert assemble(".p2align 3\n.word 7") == bytes.fromhex("07000000")


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("add x0, x1, #4\nfrob x0", 2, 1, "unknown instruction 'frob'"),
        ("add x0, x1, #4097", 1, 13, "immediate 4097"),
        ("  add x0, x1, #4097", 1, 15, "add"),
        ("add x0, x1, #4; add x0, x1, #zz", 1, 29, "unknown symbol 'zz'"),
        ("add x0, x1, #4\n.frob 1", 2, 1, "unknown directive"),
        (".word 1, two", 1, 10, "undefined symbol 'two'"),
        ("b9 x0", 1, 1, "unknown instruction"),
        ("add x0, x1", 1, 1, "add: expected 3 or 4 operands, got 2"),
        ("nop\n  b.ne 3b", 2, 8, "no '3:' before it"),
        ("fmov d0, #0x100", 1, 10, "#0x00..#0xff"),
        ("fmov d0, #0b11", 1, 10, "decimal value"),
    ],
)
def test_errors_name_line_and_column(text: str, line: int, column: int, fragment: str) -> None:
    with pytest.raises(AsmSyntaxError) as info:
        assemble(text)
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.line, err.column) == (line, column), str(err)
    assert fragment in str(err)


def test_internal_methods_are_not_instructions() -> None:
    for name in ("finalize", "bind", "emit", "label", "_addsub", "here"):
        with pytest.raises(AsmSyntaxError, match="unknown instruction"):
            assemble(f"{name} x0")


def test_unbound_label_is_an_error() -> None:
    with pytest.raises(AsmSyntaxError, match="undefined symbol 'nowhere'"):
        assemble(".quad nowhere")


def test_local_label_never_defined_is_unbound() -> None:
    with pytest.raises(AsmSyntaxError, match=r"b: local label 1f: no '1:' after it"):
        assemble("1: b 1f")


def test_numeric_labels_repeat_and_named_ones_do_not() -> None:
    assert assemble("1: b 1b\n1: b 1b") == bytes.fromhex("0000001400000014")
    with pytest.raises(AsmSyntaxError, match="already defined"):
        assemble("a1: nop\na1: nop")


def test_duplicate_label_is_an_error() -> None:
    with pytest.raises(AsmSyntaxError, match="already defined") as info:
        assemble("a:\nadd x0, x1, #4\na:")
    assert info.value.line == 3


def test_listing_maps_lines_to_bytes() -> None:
    code, listing = assemble_listing("add x0, x1, #4\nhere:\n.word 5, 6\n", 0x1000)
    assert code == ADD + bytes.fromhex("0500000006000000")
    assert [(e.offset, e.size, e.lineno) for e in listing] == [(0, 4, 1), (4, 0, 2), (4, 8, 3)]


def test_dot_alone_is_the_instructions_own_address() -> None:
    # llvm-mc 14 (-filetype=obj, llvm-objdump -d) for the same lines after a nop
    src = "nop\nb .\nb.ne .\ncbz x0, .\nadr x0, .\nbl .\nb . - 4\ntbz x1, #3, .\nldr x2, .\n"
    words = ["d503201f", "14000000", "54000001", "b4000000", "10000000", "94000000",
             "17ffffff", "36180001", "58000002"]
    code = assemble(src)
    assert [code[i:i + 4][::-1].hex() for i in range(0, len(code), 4)] == words
