"""The ``a64jit`` command with the wrong inputs a newcomer gives it: each one a single
line naming the option, operand or value at fault and what is allowed, with its own
exit status; never a traceback, never wrong bytes or a silently changed value."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from a64jit.cli import EXIT_ASM, EXIT_FAULT, EXIT_MISSING, EXIT_OK, EXIT_PIPE, EXIT_USAGE
from a64jit.text import assemble
from tests.cli.clirun import run, write

ROOT = Path(__file__).resolve().parents[2]


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_no_command_names_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([], capsys)
    assert code == EXIT_USAGE
    assert one_line(err) == ("a64jit: error: a command is required: asm, run or disasm "
                             "(see --help)")


def test_unknown_option_before_a_command_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--frobnicate"], capsys)
    assert code == EXIT_USAGE
    assert "unknown option '--frobnicate'" in one_line(err)
    assert "asm, run, disasm" in err


def test_source_that_is_not_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "code.bin"
    path.write_bytes(b"\x1f\x20\x03\xd5\xc0\x03\x5f\xd6")
    code, _, err = run(["asm", str(path)], capsys)
    assert code == EXIT_USAGE
    line = one_line(err)
    assert "not UTF-8 text (byte 0xd5 at offset 3)" in line and "a64jit disasm" in line
    assert "codec" not in line


@pytest.mark.parametrize("command", ["asm", "disasm"])
def test_address_must_be_4_aligned(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   command: str) -> None:
    src = write(tmp_path, "ret\n")
    code, _, err = run([command, src, "--address", "0x1002"], capsys)
    assert code == EXIT_USAGE
    assert "--address: address 0x1002 is not a multiple of 4" in one_line(err)


def test_code_may_not_run_past_the_top_of_memory(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, "nop\nret\n")
    code, out, err = run(["asm", src, "--address", hex((1 << 64) - 4)], capsys)
    assert (code, out) == (EXIT_USAGE, "")
    assert "8-byte code ends at or below 2**64" in one_line(err)
    code, out, _ = run(["asm", src, "--address", hex((1 << 64) - 8)], capsys)
    assert code == EXIT_OK and out.splitlines()[1].startswith("fffffffffffffffc  c0 03 5f d6")


def test_text_assemble_checks_the_address_as_finalize_does() -> None:
    with pytest.raises(ValueError, match="address 0x3 cannot be used; allowed: a multiple of 4"):
        assemble("ret", 3)
    with pytest.raises(ValueError, match="the 8-byte code ends at or below 2"):
        assemble("nop\nret", (1 << 64) - 4)
    assert assemble("ret", (1 << 64) - 4) == bytes.fromhex("c0035fd6")


def test_lo12_misalignment_names_the_symbol(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, ".data\n.byte 1\nv: .quad 5\n.text\nadrp x0, v\n"
                          "ldr x1, [x0, #:lo12:v]\nret\n")
    code, _, err = run(["asm", src], capsys)
    assert code == EXIT_ASM
    assert err.splitlines()[0] == (f"{src}:6:9: error: ldr: :lo12:v is 0xd, not a multiple "
                                   "of 8 (the access size)")


@pytest.mark.parametrize(("argv", "message"), [
    (["--args", "1e400"], "--args[0]: 1e400 overflows double; allowed: magnitudes up to "
                          "1.797693e+308, inf or nan"),
    (["--sig", "float(float)", "--args", "1e39"], "--args[0]: 1e39 overflows float"),
    (["--args", "010"], "--args[0]: '010' has a leading zero; write 10 (decimal), 0o10 "
                        "(octal) or 0x10 (hex)"),
    (["--sig", "int32(int32)", "--args", "-007"], "--args[0]: '-007' has a leading zero"),
    (["--args", "1", "0x1ffffffffffffffff"], "--args[1]: 0x1ffffffffffffffff does not fit "
                                             "64 bits"),
    (["--args", "7", "x"], "--args[1]: 'x' is neither an integer nor a number"),
    (["--sig", "int64(int64,)", "--args", "1"], "--sig: argument 2 of 'int64(int64,)' has "
                                                "no type"),
    (["--sig", "quad()"], "--sig: unknown type 'quad' (the result)"),
    (["--sig", "int64(int64, quad)", "--args", "1", "2"], "--sig: unknown type 'quad' (argument "
                                                          "2)"),
])
def test_argument_values_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     argv: list[str], message: str) -> None:
    src = write(tmp_path, "ret\n")
    code, out, err = run(["run", src, "--backend", "emulator", *argv], capsys)
    assert (code, out) == (EXIT_USAGE, "")
    assert message in one_line(err)


@pytest.mark.parametrize(("argv", "result"), [
    (["--sig", "double(double)", "--args", "-1e5"], "-100000.0"),
    (["--sig", "float(float)", "--args", "-inf"], "-inf"),
    (["--args", "-0x10"], "-16"),
    (["--args", "00"], "0"),
    (["--sig", "uint64(uint64)", "--args", "0xffffffffffffffff"], "18446744073709551615"),
    (["--args", "0xffffffffffffffff"], "-1"),  # the register's bits, read as int64
])
def test_negative_and_edge_values_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       argv: list[str], result: str) -> None:
    src = write(tmp_path, "ret\n")
    code, out, _ = run(["run", src, "--backend", "emulator", "--quiet", *argv], capsys)
    assert (code, out.strip()) == (EXIT_OK, result)


def test_void_argument_list_is_no_arguments(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, "mov x0, #77\nret\n")
    code, out, _ = run(["run", src, "--backend", "emulator", "--quiet", "--sig",
                        "int64(void)"], capsys)
    assert (code, out.strip()) == (EXIT_OK, "77")
    code, _, err = run(["run", src, "--backend", "emulator", "--sig", "int64(void)",
                        "--args", "1"], capsys)
    assert code == EXIT_USAGE and "declares 0 argument(s), --args gives 1" in err


def test_more_than_eight_arguments_go_on_the_stack(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # x0 + the 9th and 10th arguments, from the caller's stack slots
    src = write(tmp_path, "ldp x9, x10, [sp]\nadd x0, x0, x9\nadd x0, x0, x10\nret\n")
    sig = "int64(" + ", ".join(["int64"] * 10) + ")"
    values = [str(v) for v in (1, 2, 3, 4, 5, 6, 7, 8, 900, 10000)]
    for extra in (["--sig", sig], []):
        code, out, _ = run(["run", src, "--backend", "emulator", "--quiet", *extra, "--args",
                            *values], capsys)
        assert (code, out.strip()) == (EXIT_OK, "10901")


def test_empty_source_has_nothing_to_run(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, "// only a comment\n")
    code, _, err = run(["run", src, "--backend", "emulator"], capsys)
    assert code == EXIT_USAGE
    assert one_line(err) == f"a64jit: error: {src}: nothing to run: it assembles to no code"


@pytest.mark.parametrize("flags", [[], ["--binary"]])
def test_empty_source_lists_nothing(tmp_path: Path, flags: list[str],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """An empty file assembles to no code: no output (it printed an empty line; the
    --listing form lists its one empty source line)."""
    src = write(tmp_path, "")
    assert run(["asm", *flags, src], capsys) == (EXIT_OK, "", "")


def test_native_backend_elsewhere_speaks_in_options(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import platform
    if platform.machine() in ("aarch64", "arm64"):
        pytest.skip("the native backend is available here")
    src = write(tmp_path, "ret\n")
    code, _, err = run(["run", src, "--backend", "native"], capsys)
    assert code == EXIT_MISSING
    line = one_line(err)
    assert "--backend emulator" in line and "backend='emulator'" not in line


def test_native_backend_from_the_environment_speaks_in_options(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    # was the API's words: "use backend='emulator' (or A64JIT_BACKEND=emulator)"
    import platform
    if platform.machine() in ("aarch64", "arm64"):
        pytest.skip("the native backend is available here")
    monkeypatch.setenv("A64JIT_BACKEND", "native")
    src = write(tmp_path, "ret\n")
    code, _, err = run(["run", src], capsys)
    assert code == EXIT_MISSING
    assert one_line(err) == (
        f"a64jit: error: A64JIT_BACKEND=native runs AArch64 code on this CPU, but this host "
        f"is {platform.machine()}; use --backend emulator or A64JIT_BACKEND=emulator, or run "
        "on an AArch64 host")


def test_closed_output_pipe_stops_quietly(tmp_path: Path) -> None:
    src = write(tmp_path, "nop\n" * 20000)
    proc = subprocess.Popen([sys.executable, "-m", "a64jit.cli", "asm", src],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode()
    assert (proc.wait(timeout=120), err) == (EXIT_PIPE, "")


@pytest.mark.parametrize(("line", "message"), [
    ("ldr x0, [x1", "1:12: error: ldr: expected ']' to close memory operand '[x1'"),
    ("ldr x0, [w1]", "1:10: error: ldr: base of a memory operand must be x0-x30 or sp, "
                     "got 'w1'"),
    ("ld1 {v0.16b-v5.16b}, [x0]", "1:5: error: ld1: register list '{v0.16b-v5.16b}': 1 to "
                                  "4 registers allowed"),
    ("mov x0, #(1+", "1:13: error: mov: expression '(1+' ends early"),
    (".p2align 20", "1:10: error: .p2align: alignment 20 is out of range; allowed: 0..16"),
    (".balign 3", "1:9: error: .balign: alignment 3 is out of range"),
    (".byte 300", "1:7: error: .byte: value 300 does not fit 8 bits"),  # named already: once
    # a constant expression's own errors (were 'a64jit: error: ...' with no place, exit 2)
    ("mov x0, #(1 << 70)", "1:10: error: mov: shift amount 70 is out of range; allowed: 0..63"),
    ("mov x0, #(1 / 0)", "1:10: error: mov: division by zero in expression"),
    ("add x0, x0, #4, lsl #(2/0)", "1:21: error: add: lsl amount: division by zero"),
    # a register out of range says which ones there are (was only 'unknown register')
    ("add x0, x1, x33", "1:13: error: add: unknown register 'x33' (allowed: x0-x30, xzr, sp)"),
    ("fadd d0, d1, d40", "1:14: error: fadd: unknown register 'd40' (allowed: d0-d31)"),
    ("mov v0.16b, v40.16b", "1:13: error: mov: unknown register 'v40.16b' (allowed: v0-v31)"),
    ("ldr x0, [x99]", "1:10: error: ldr: unknown register 'x99' as the base of a memory "
                      "operand; allowed: x0-x30, sp"),
    ("ldr x0, [x1, w77]", "1:14: error: ldr: unknown register 'w77' as the offset of a memory "
                          "operand (allowed: w0-w30, wzr, wsp)"),
    ("mov w0, x1", "1:9: error: mov: source x1 is not valid here; expected a 32-bit "
                   "general-purpose register (w0-w30, wzr)"),
    # a data directive's expression errors name the directive (they did not: evaluated
    # when the unit is linked, they were the expression's message alone)
    (".quad 1 << 64", "1:7: error: .quad: shift amount 64 is out of range; allowed: 0..63"),
    (".word 1 / 0", "1:7: error: .word: division by zero in expression"),
    # a label's address in arithmetic is named so, not by its section's internal key
    ("f: .quad f / 2", "1:10: error: .quad: operator '/' needs constant operands; an "
                       "address in .text is not a constant here"),
    # a numeric local label never defined ahead says so, as one never defined behind
    # does (was "undefined symbol '1f'", and for data "undefined symbol '1'")
    ("b 1f", "1:3: error: b: local label 1f: no '1:' after it"),
    (".quad 1f", "1:7: error: .quad: local label 1f: no '1:' after it"),
    ("ldr x0, =2f", "1:10: error: ldr: local label 2f: no '2:' after it"),
    ("1: b 1f", "1:6: error: b: local label 1f: no '1:' after it"),
    # /* */ comments (they were 'unexpected '/' in expression'): columns after one are
    # the source's, one never closed is named where it opens
    ("nop; /* x */ add x0, x0, #5000", "1:26: error: add: immediate 5000 cannot be encoded"),
    ("nop /* never closed", "1:5: error: unterminated comment: '/*' has no '*/'"),
    # a character constant is one character (they were not read at all: "unexpected
    # character"; 'A' is now 65, as in llvm-mc)
    ("mov w0, #'ab'", "1:10: error: mov: bad character constant in expression \"'ab'\": "
                      "one ASCII character, or a backslash and one, in single quotes"),
    # register aliases (.req was 'unknown instruction'); the column of an error after an
    # alias is the source's
    ("acc .req x3; add acc, acc, #5000", "1:28: error: add: immediate 5000 cannot be "
                                         "encoded"),
    ("acc .req xx", "1:10: error: .req: 'xx' is not a register name or alias"),
    ("x1 .req x2", "1:1: error: .req: 'x1' is a register name already"),
    ("a .req x1; a .req x2", "1:12: error: .req: 'a' is an alias of x1 already (.unreq a "
                             "first)"),
    (".unreq a", "1:8: error: .unreq: 'a' is not a register alias (.req)"),
    # a common symbol's size is bounded as .zero's (a MemoryError after allocating it)
    (".lcomm buf, 99999999999", "1:13: error: .lcomm: size 99999999999 is out of range; "
                                "allowed: 0..16777216"),
    (".comm buf, -1", "1:12: error: .comm: size -1 is out of range; allowed: 0..16777216"),
    (".end now", "1:6: error: .end: unexpected 'now': nothing follows .end on its line"),
    # .org (was 'unknown directive')
    ("nop; nop; .org 4", "1:16: error: .org: offset 0x4 is behind the current position 0x8 "
                         "in .text: .org cannot move back"),
    (".org later; later: nop", "1:6: error: .org: offset 'later' is not known here: a "
                               "constant, or a label of this section defined before it"),
])
def test_every_error_names_the_instruction_or_directive(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, message: str) -> None:
    src = write(tmp_path, line + "\n")
    code, _, err = run(["asm", src], capsys)
    assert code == EXIT_ASM
    assert err.splitlines()[0].startswith(f"{src}:{message}")
    assert err.splitlines()[1].strip() == line


@pytest.mark.parametrize("expression", [
    "#" + "(" * 3000 + "1" + ")" * 3000,
    "#" + "-" * 3000 + "1",
    "#" + "+".join(["1"] * 3000),
])
def test_deeply_nested_expression_is_an_assembly_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], expression: str) -> None:
    src = write(tmp_path, f"nop\nmov x0, {expression}\n")
    code, _, err = run(["asm", src], capsys)
    assert code == EXIT_ASM  # was an internal error (RecursionError)
    assert err.startswith(f"{src}:2:1: error: expression nests too deeply")


def test_a_byte_order_mark_is_not_source(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    # was "1:1: error: unknown instruction '\\ufeffmov'"
    path = tmp_path / "bom.s"
    path.write_bytes(b"\xef\xbb\xbfmov x0, #1\r\nadd x0, x0, x33\r\n")
    code, _, err = run(["asm", str(path)], capsys)
    assert code == EXIT_ASM
    assert err.splitlines()[0] == (f"{path}:2:13: error: add: unknown register 'x33' "
                                   "(allowed: x0-x30, xzr, sp)")
    path.write_bytes(b"\xef\xbb\xbfmov x0, #1\nret\n")
    code, out, _ = run(["asm", str(path)], capsys)
    assert code == EXIT_OK and "20 00 80 d2  mov x0, #1" in out


def test_a_symbol_named_like_a_register_lane_is_still_a_symbol() -> None:
    # 's1.end' has a register's head, as 'v40.16b' has: a register only when no symbol has it
    assert assemble("b s1.end\ns1.end:\nret\n") == bytes.fromhex("01000014c0035fd6")


def test_python_dash_m_a64jit(tmp_path: Path) -> None:
    src = write(tmp_path, "ret\n")
    proc = subprocess.run([sys.executable, "-m", "a64jit", "asm", "--binary", src],
                          capture_output=True, timeout=120)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, bytes.fromhex("c0035fd6"), b"")


def test_entry_naming_data_is_a_usage_error(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, ".text\nf: ret\n.data\nv: .quad 5\n")
    code, _, err = run(["run", src, "--backend", "emulator", "--entry", "v"], capsys)
    assert code == EXIT_USAGE
    assert one_line(err) == "a64jit: error: --entry: 'v' is in data section .data, not code"


def test_disasm_shows_the_bytes_after_the_last_word(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """They were listed as a bare '.byte' (no values after it)."""
    path = tmp_path / "code.bin"
    path.write_bytes(bytes.fromhex("c0035fd6") + b"\xb9\xd8\xf6")
    code, out, _ = run(["disasm", str(path)], capsys)
    assert code == EXIT_OK
    assert out.splitlines()[-1].split("  ")[-1] == ".byte 0xb9, 0xd8, 0xf6"


def test_timeout_names_the_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("unicorn")
    loop = write(tmp_path, "1: b 1b\n")
    code, _, err = run(["run", loop, "--backend", "emulator", "--timeout", "0.1", "--quiet"],
                       capsys)
    assert code == 4
    line = one_line(err)
    assert "longer than 0.1 s (--timeout SECONDS)" in line and "EmulatorBackend" not in line


STORES_TO_DATA = """\
f:
    adrp    x1, v
    add     x1, x1, :lo12:v
    str     x0, [x1]
    ldr     x0, [x1]
    ret
    .data
    .p2align 3
v:  .quad   0
"""


def test_a_store_to_its_own_data_says_to_use_entry(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Without --entry the file is placed whole as code (never writable): a store to its
    .data faults, and the fault says why and what loads the data read-write (it said
    only 'write to non-writable memory (W^X: code is not writable)'); with --entry
    the same file runs."""
    src = write(tmp_path, STORES_TO_DATA)
    code, _, err = run(["run", src, "--backend", "emulator", "--args", "7", "--quiet"],
                       capsys)
    assert code == EXIT_FAULT
    line = one_line(err)
    assert line.startswith("a64jit: fault: write to non-writable memory")
    assert line.endswith("; without --entry the whole file is placed as code, its .data not "
                         "writable: --entry SYMBOL loads data sections read-write")
    code, out, _ = run(["run", src, "--backend", "emulator", "--args", "7", "--quiet",
                        "--entry", "f"], capsys)
    assert (code, out) == (EXIT_OK, "7\n")


def test_asm_reports_every_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "add x0, x1, #5000\nnop\nfoo x1\n")
    code, out, err = run(["asm", path], capsys)
    assert code == EXIT_ASM and out == ""
    assert err.splitlines() == [
        f"{path}:1:13: error: add: immediate 5000 cannot be encoded; allowed: -4095..4095, "
        "optionally with lsl #12 (or a multiple of 4096 up to +-16773120)",
        "    add x0, x1, #5000",
        f"{path}:3:1: error: unknown instruction 'foo'",
        "    foo x1"]
    path = write(tmp_path, "foo\n" * 30)
    code, out, err = run(["asm", path], capsys)
    assert code == EXIT_ASM
    assert err.count(": error: ") == 20
    assert err.splitlines()[-1] == (f"{path}: too many errors (20); the rest of the file "
                                    "was not read")
