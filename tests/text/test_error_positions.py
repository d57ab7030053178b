"""Issue 11 item 5: errors point at the mistake (line and column of the operand, the
referencing line for unbound labels, the branch for range errors) and name it."""

from __future__ import annotations

import pytest

from a64jit import AsmSyntaxError, assemble

CASES = [
    # (source, line, column, fragment)
    ("nop\nnop\nb nowhere\nnop", 3, 3, "b: undefined symbol 'nowhere'"),
    ("nop\ncbz x1, 1f\nnop", 2, 9, "cbz: local label 1f: no '1:' after it"),
    (".quad missing + 8", 1, 7, ".quad: undefined symbol 'missing'"),
    ("adrp x0, gone\nadd x0, x0, :lo12:gone", 1, 10, "adrp: undefined symbol 'gone'"),
    ("nop\nb.eq far\n.zero 0x200000\nfar: nop", 2, 6, "distance to 'far'"),
    ("tbz x0, #1, far\n.zero 40000\nfar:", 1, 13, "target offset 40004"),
    ("add x32, x1, x2", 1, 5, "add: unknown register 'x32'"),
    # accepted before (and a wrong 'depends on the address of x' at the use), as llvm-mc
    ("x = x + 1", 1, 5, "recursive use of 'x': it has no value before this definition"),
    ("nop\n.set n, 2 * n", 2, 9, ".set: recursive use of 'n'"),
    ("add x0, x1, w33", 1, 13, "add: unknown register 'w33'"),
    ("cbz x32, l\nl:", 1, 5, "cbz: unknown register 'x32'"),
    ("ldr x0, [x99]", 1, 10, "unknown register 'x99'"),
    ("ldr x0, [x1, x99]", 1, 14, "unknown register 'x99'"),
    ("csel x0, x1, x2, foo", 1, 18, "csel: unknown condition 'foo'"),
    ("b.foo l\nl:", 1, 3, "unknown condition 'foo' in 'b.foo'"),
    ("mov x0, #FOO", 1, 9, "unknown symbol 'FOO'"),
    ("add x0, x1", 1, 1, "add: expected 3 or 4 operands, got 2"),
    ("add x0, x1, x2, x3, x4", 1, 1, "add: expected 3 or 4 operands, got 5"),
    ("nop x0", 1, 1, "nop: expected 0 operands, got 1"),
    ("mov x0, x1, x2", 1, 1, "mov: expected 2 operands, got 3"),
    ("add x0, x1, 4096*4096", 1, 13, "immediate 16777216"),
    ("  add x0, x1, #4097", 1, 15, "immediate 4097"),
    ("add x0, w1, 5", 1, 9, "w1"),
    ("add w0, w1, w2, lsl #32", 1, 17, "shift amount 32"),
    ("orr x0, x1, #0x1234", 1, 13, "4660"),
    ("nop; nop; add x0, x1, #(1 + )", 1, 29, "unexpected ')'"),
    ("ldr x0, =nothing", 1, 10, "undefined symbol 'nothing'"),
    ("adr x0, far\n.data\n.zero 0x100000\nfar: .word 1", 1, 9, "adr: target offset"),
    ("ldr x0, far\n.data\n.zero 0x100000\nfar: .word 1", 1, 9, "ldr: target offset"),
    (".quad (1f - 1b) / 4\n1:", 1, 7, "local label 1b: no '1:' before it"),
    ("nop\nldr x0, =0x123456789\n.zero 0x100000", 2, 9, "put a .ltorg within 1 MiB"),
    ("a:\nnop\na:", 3, 1, "label 'a' is already defined"),
    (".equ k, 1\nk: nop", 2, 1, "already defined by .equ"),
    ("b -1f\n1:", 1, 3, "not a symbol plus or minus a constant"),
    # an address's offset or index: the memory operand
    ("ldr x0, [x1, #0x10000]", 1, 9, "ldr: offset 65536"),
    ("ldp x0, x1, [sp, #1024]", 1, 13, "ldp: offset 1024"),
    ("ldr x0, [x1, x2, lsl #2]", 1, 9, "index shift amount 2"),
]


@pytest.mark.parametrize(("source", "line", "column", "fragment"), CASES)
def test_error_points_at_the_mistake(source: str, line: int, column: int,
                                     fragment: str) -> None:
    with pytest.raises(AsmSyntaxError) as info:
        assemble(source)
    err = info.value
    assert (err.line, err.column) == (line, column), str(err)
    assert fragment in err.reason, str(err)
    assert err.text == source.split("\n")[line - 1]
    assert "Label(" not in str(err)  # never an internal object


def test_references_into_other_sections_before_and_after_definition() -> None:
    forward = assemble("adr x0, d\nldr w1, d\nb.eq d\n.data\nd: .word 5")
    backward = assemble(".data\nd: .word 5\n.text\nadr x0, d\nldr w1, d\nb.eq d")
    # .text first, then .data. Backward: every field reaches d (at 12) directly.
    assert backward.hex() == "60000010" "41000018" "20000054" "05000000"
    # Forward: adr and ldr reach d itself; b.eq goes through a veneer after the code
    # (nop, ldr x16, #8, br x16, .quad d: the address word 8-byte aligned), d at 32.
    assert forward.hex() == ("00010010" "e1000018" "40000054" "1f2003d5" "50000058"
                             "00021fd6" "2000000000000000" "05000000")


def test_errors_are_value_errors_with_one_line_reason() -> None:
    with pytest.raises(ValueError) as info:
        assemble("add x0, x1, #4097")
    assert "\n" not in info.value.reason  # type: ignore[attr-defined]


def test_every_statement_error_is_reported_in_order() -> None:
    # as llvm-mc: a statement that cannot be encoded does not stop the reading
    src = ("add x0, x1, #5000\nnop\nmovz x0, #1, lsl #7\nb later\nfoo x1\n"
           "nop; add x32, x1, x2\nlater: ret")
    with pytest.raises(AsmSyntaxError) as exc:
        assemble(src)
    got = [(e.line, e.column, e.reason.split(":")[0]) for e in exc.value.errors]
    assert got == [(1, 13, "add"), (3, 14, "movz"), (5, 1, "unknown instruction 'foo'"),
                   (6, 10, "add")]
    assert exc.value.errors[0] is exc.value  # the first error is the one raised
    assert exc.value.errors[3].text == "nop; add x32, x1, x2"


def test_errors_at_the_end_come_only_from_a_clean_reading() -> None:
    # 'b nowhere' would be an undefined symbol at the end; a statement's error comes
    # first and the end's checks do not run on a program with statements left out
    with pytest.raises(AsmSyntaxError) as exc:
        assemble("b nowhere\nadd x0, x1, #5000")
    assert [e.line for e in exc.value.errors] == [2]
    with pytest.raises(AsmSyntaxError) as exc:
        assemble("b nowhere\nnop")
    assert [(e.line, e.column) for e in exc.value.errors] == [(1, 3)]


def test_reading_stops_after_max_errors() -> None:
    n = AsmSyntaxError.MAX_ERRORS
    with pytest.raises(AsmSyntaxError) as exc:
        assemble("foo\n" * (n + 5))
    assert [e.line for e in exc.value.errors] == list(range(1, n + 1))
