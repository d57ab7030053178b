"""The ``a64jit`` command: one-line errors, distinct exit codes, a declared signature
for ``run``, --version, readable --help, listings and disassembly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from a64jit import __version__
from a64jit.cli import (
    EXIT_ASM,
    EXIT_FAULT,
    EXIT_MISSING,
    EXIT_OK,
    EXIT_TIMEOUT,
    EXIT_USAGE,
    main,
)
from tests.cli.clirun import run, write

pytest.importorskip("unicorn")  # run goes through the emulator on this host




def test_float_argument_and_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, "fsqrt s0, s0\nret\n")
    code, out, _ = run(["run", src, "--backend", "emulator", "--sig", "float(float)",
                        "--args", "6.25", "--quiet"], capsys)
    assert (code, out.strip()) == (EXIT_OK, "2.5")


def test_mixed_signature(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # d0 = d0 * (double)s1 + (double)x0
    src = write(tmp_path, "fcvt d1, s1\nfmul d0, d0, d1\nscvtf d2, x0\nfadd d0, d0, d2\nret\n")
    code, out, _ = run(["run", src, "--backend", "emulator", "--sig",
                        "double(double, float, int64)", "--args", "1.5", "4", "-3", "--quiet"],
                       capsys)
    assert (code, float(out)) == (EXIT_OK, 3.0)


def test_integer_signature_and_listing(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, "sub w0, w0, w1\nret\n")
    code, out, _ = run(["run", src, "--backend", "emulator", "--sig", "int32(int32, int32)",
                        "--args", "5", "7"], capsys)
    assert code == EXIT_OK
    assert "result: -2" in out and "sub w0, w0, w1" in out


@pytest.mark.parametrize(("argv", "fragment"), [
    (["--sig", "float(float)"], "declares 1 argument(s), --args gives 0"),
    (["--sig", "float(float)", "--args", "1", "2"], "declares 1 argument(s), --args gives 2"),
    (["--sig", "float(quad)", "--args", "1"], "unknown type 'quad'"),
    (["--sig", "float float", "--args", "1"], "expected 'RESULT(ARG, ...)'"),
    (["--sig", "int64(int8)", "--args", "300"], "300 does not fit int8"),
    (["--sig", "int64(int64)", "--args", "x"], "'x' is not an integer"),
    (["--sig", "int64(int64)", "--ret", "double", "--args", "1"], "not both"),
    (["--args", "abc"], "neither an integer nor a number"),
])
def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                      fragment: str) -> None:
    src = write(tmp_path, "ret\n")
    code, _, err = run(["run", src, "--backend", "emulator", *argv], capsys)
    assert code == EXIT_USAGE
    assert fragment in err and len(err.strip().splitlines()) == 1


def test_entry_symbol_of_a_unit_with_sections(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, ".text\nfirst: mov x0, #1\nret\n.globl second\nsecond:\n"
                          "adrp x1, k\nldr x1, [x1, :lo12:k]\nadd x0, x0, x1\nret\n"
                          ".section .rodata\n.p2align 3\nk: .quad 1000\n")
    code, out, _ = run(["run", src, "--backend", "emulator", "--entry", "second", "--sig",
                        "int64(int64)", "--args", "234", "--quiet"], capsys)
    assert (code, out.strip()) == (EXIT_OK, "1234")
    code, _, err = run(["run", src, "--backend", "emulator", "--entry", "third"], capsys)
    assert code == EXIT_USAGE and "no symbol 'third'" in err and "second" in err


def test_entry_in_a_file_without_symbols_says_so(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, "ret\n")  # it printed "defined: " and nothing after it
    code, _, err = run(["run", src, "--backend", "emulator", "--entry", "f"], capsys)
    assert code == EXIT_USAGE
    assert err.strip().endswith("no symbol 'f' in " + src + "; it defines none (name the "
                                "entry with a label, e.g. 'f:')")


def test_assembly_error_is_one_line_with_position(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, "nop\nadd x32, x1, x2\n")
    for cmd in (["asm", src], ["run", src, "--backend", "emulator"]):
        code, _, err = run(cmd, capsys)
        assert code == EXIT_ASM
        first, source = err.splitlines()
        assert first == (f"{src}:2:5: error: add: unknown register 'x32' "
                         "(allowed: x0-x30, xzr, sp)")
        assert source.strip() == "add x32, x1, x2"


def test_fault_and_timeout_have_their_own_codes(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    fault = write(tmp_path, "mov x0, #0\nldr x0, [x0]\nret\n", "fault.s")
    code, _, err = run(["run", fault, "--backend", "emulator", "--quiet"], capsys)
    assert code == EXIT_FAULT and err.startswith("a64jit: fault: ")
    assert len(err.strip().splitlines()) == 1
    loop = write(tmp_path, "1: b 1b\n", "loop.s")
    code, _, err = run(["run", loop, "--backend", "emulator", "--timeout", "0.2", "--quiet"],
                       capsys)
    assert code == EXIT_TIMEOUT and err.startswith("a64jit: timeout: ")
    assert "timeout: timeout" not in err


def test_missing_file_and_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["asm", str(tmp_path / "absent.s")], capsys)
    assert code == EXIT_USAGE and "cannot read" in err
    code, _, err = run(["asm", "x.s", "--address", "zz"], capsys)
    assert code == EXIT_USAGE and "not an integer address" in err
    code, _, err = run(["frob"], capsys)
    assert code == EXIT_USAGE


def test_missing_extra_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    import a64jit.disasm as disasm

    def no_capstone() -> None:
        raise ImportError("a64jit.disassemble needs the capstone extra", name="capstone")
    monkeypatch.setattr(disasm, "_capstone", no_capstone)
    path = tmp_path / "code.bin"
    path.write_bytes(bytes.fromhex("c0035fd6"))
    code, _, err = run(["disasm", str(path)], capsys)
    assert code == EXIT_MISSING and "pip install 'a64jit[disasm]'" in err


def test_unavailable_backend_is_exit_5(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    import platform
    if platform.machine() in ("aarch64", "arm64"):
        pytest.skip("the native backend is available here")
    src = write(tmp_path, "ret\n")
    code, _, err = run(["run", src, "--backend", "native"], capsys)
    assert code == EXIT_MISSING and "[Errno" not in err and "emulator" in err
    assert len(err.strip().splitlines()) == 1


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert (code, out.strip()) == (0, f"a64jit {__version__}")
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    assert "``" not in out and ":func:" not in out  # no raw reST
    assert "exit status" in out
    code, out, _ = run(["run", "--help"], capsys)
    assert "--sig" in out and "double(double, float, int64)" in out


def test_listing_and_disasm(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("capstone")
    src = write(tmp_path, "loop: subs x0, x0, #1\nb.ne loop\nret\n")
    code, out, _ = run(["asm", src, "--listing", "--address", "0x1000"], capsys)
    assert code == EXIT_OK
    lines = out.splitlines()
    # the source line shows the label: no separate "loop:" row
    assert lines[0].split()[:4] == ["0000000000001000", "f1000400", "subs", "x0,"]
    assert lines[0].rstrip().endswith("loop: subs x0, x0, #1")
    assert "b.ne #0x1000 <loop>" in lines[1] and lines[1].rstrip().endswith("b.ne loop")
    path = tmp_path / "code.bin"
    path.write_bytes(bytes.fromhex("000400f1e1ffff54c0035fd6"))
    code, out, _ = run(["disasm", str(path), "--address", "0x1000"], capsys)
    assert out.splitlines() == [
        "0000000000001000  f1000400  subs x0, x0, #1",
        "0000000000001004  54ffffe1  b.ne #0x1000",
        "0000000000001008  d65f03c0  ret",
    ]


def test_entry_point_never_prints_a_traceback(tmp_path: Path) -> None:
    src = write(tmp_path, "mov x0, #0\nldr x0, [x0]\nret\n")
    proc = subprocess.run([sys.executable, "-m", "a64jit.cli", "run", src, "--backend",
                           "emulator", "--quiet"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == EXIT_FAULT
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    ok = write(tmp_path, "subs x0, x0, #1\nret\n", "ok.s")
    binary = subprocess.run([sys.executable, "-m", "a64jit.cli", "asm", ok, "--binary"],
                            capture_output=True, timeout=120)
    assert (binary.returncode, binary.stdout) == (0, bytes.fromhex("000400f1c0035fd6"))


def test_memory_base_must_be_an_x_register_or_sp(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "bad.s"
    src.write_text("nop\nldr x0, [xzr]\n")
    assert main(["asm", str(src)]) == 1
    err = capsys.readouterr().err
    assert (f"{src}:2:10: error: ldr: base of a memory operand must be x0-x30 or sp, got "
            "'xzr'") in err


def test_run_names_the_backend_it_used(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "examples/sum.s", "--args", "40", "2", "--backend", "emulator"]) == 0
    out = capsys.readouterr().out
    assert "backend: emulator\n" in out and "result: 80" in out


def test_run_passes_zero_in_registers_not_given(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    # sum.s without --args looped on whatever x0 held until the 10 s timeout
    assert main(["run", "examples/sum.s", "--quiet", "--backend", "emulator"]) == 0
    assert capsys.readouterr().out == "0\n"
    src = tmp_path / "regs.s"  # x7 + 2 * x1: x1 and x7 not given hold 0
    src.write_text("add x0, x7, x1, lsl #1\nret\n")
    assert main(["run", str(src), "--quiet", "--backend", "emulator", "--args", "1.5", "9"]) == 0
    assert capsys.readouterr().out == "0\n"
    assert main(["run", str(src), "--quiet", "--backend", "emulator", "--sig",
                 "int64(int64, int64)", "--args", "5", "20"]) == 0
    assert capsys.readouterr().out == "40\n"


def test_binary_and_listing_are_one_or_the_other(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, "ret\n")  # --binary silently won: raw bytes, no listing, status 0
    code, out, err = run(["asm", "--binary", "--listing", src], capsys)
    assert (code, out) == (EXIT_USAGE, "")
    assert "--listing: not allowed with argument --binary" in err
    assert len(err.strip().splitlines()) == 1


def test_run_refuses_a_file_of_data_only(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    # it called the data's first word as code: a fault (exit 3) in the emulator
    src = write(tmp_path, ".data\nx: .quad 1\n.section .rodata\ny: .quad 2\n")
    code, out, err = run(["run", src, "--backend", "emulator"], capsys)
    assert (code, out) == (EXIT_USAGE, "")
    assert err.strip() == (f"a64jit: error: {src}: nothing to run: no instructions, only "
                           "data in .data, .rodata")
    src = write(tmp_path, ".data\nx: .quad 1\n.text\nmov x0, #5\nret\n")  # code after data
    code, out, _ = run(["run", src, "--backend", "emulator", "--quiet"], capsys)
    assert (code, out.strip()) == (EXIT_OK, "5")
