"""Listings: an Assembler's (address, word, disassembly, labels, Python call site)
and ``a64jit asm --listing`` (labels, data rows not disassembled)."""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path

import pytest

from a64jit import Assembler, JitBuffer, x0, x1
from a64jit.cli import main
from a64jit.disasm import format_listing, listing

pytest.importorskip("capstone")
HERE = Path(__file__).name


def _counting_loop(a: Assembler) -> list[int]:
    """Emit a loop; return the source line numbers of the calls that emitted."""
    first = sys._getframe().f_lineno + 2
    loop = a.label("loop")
    a.mov(x0, 0)
    a.bind(loop)
    a.add(x0, x0, x1)
    a.subs(x1, x1, 1)
    a.b_ne(loop)
    a.ret()
    a.quad(0x1122334455667788)
    return [first + i for i in (0, 2, 3, 4, 5, 6)]


def test_assembler_listing_with_call_sites() -> None:
    a = Assembler(record_sites=True)
    lines = _counting_loop(a)
    text = listing(a, 0x4000).splitlines()
    assert text[0].split()[:4] == ["0000000000004000", "d2800000", "mov", "x0,"]
    assert text[0].endswith(f"{HERE}:{lines[0]}  a.mov(x0, 0)")
    assert text[1].strip() == "loop:"
    assert text[2].split()[:2] == ["0000000000004004", "8b010000"]
    assert text[2].endswith(f"{HERE}:{lines[1]}  a.add(x0, x0, x1)")
    assert "b.ne #0x4004 <loop>" in text[4] and text[4].endswith(f"{HERE}:{lines[3]}  "
                                                                   "a.b_ne(loop)")
    assert text[5].endswith(f"{HERE}:{lines[4]}  a.ret()")
    # data: shown as words, not disassembled, one site for the two words
    assert text[6].split()[:3] == ["0000000000004014", "55667788", ".word"]
    assert text[6].endswith(f"{HERE}:{lines[5]}  a.quad(0x1122334455667788)")
    assert text[7].split() == ["0000000000004018", "11223344", ".word"]
    assert len(text) == 8


def test_recording_changes_no_byte_and_is_off_by_default() -> None:
    plain, recorded = Assembler(), Assembler(record_sites=True)
    _counting_loop(plain)
    _counting_loop(recorded)
    assert plain.finalize(0x4000) == recorded.finalize(0x4000)
    assert plain._sites is None and plain._put == plain._code.append  # the fast path
    text = listing(plain).splitlines()
    assert text[1].strip() == "loop:" and HERE not in "\n".join(text)
    assert text[0].rstrip().endswith("mov x0, #0")


def test_listing_names_installed_functions() -> None:
    a = Assembler()
    a.add(x0, x0, x1)
    a.ret()
    with JitBuffer(backend="emulator") as buf:
        fn = buf.install(a, restype=ctypes.c_int64, argtypes=[ctypes.c_int64] * 2,
                         name="adder")
        assert fn(2, 3) == 5
        b = Assembler()
        b.add(x0, x0, x1)
        b.ret()
        text = listing(b, fn.address, buffer=buf).splitlines()
        assert text[0].strip() == "adder:"
        assert text[1].startswith(f"{fn.address:016x}  8b010000  add x0, x0, x1")


def test_listing_rejects_a_non_assembler() -> None:
    with pytest.raises(TypeError, match="expected an Assembler, got bytes"):
        listing(b"\x00" * 4)  # type: ignore[arg-type]


def test_format_listing_data_rows_and_directives() -> None:
    code = bytes.fromhex("c0035fd6") + (5).to_bytes(8, "little")
    rows = [(0, 4, 1, "ret"), (4, 8, 2, "d: .quad 5")]
    text = format_listing(code, rows, 0, {0: ["f"], 4: ["d"]}).splitlines()
    assert text[0].strip() == "f:" and "ret" in text[1]  # a name the source does not show
    # "d:" is in the source line: not repeated above it; data rows are not disassembled
    assert text[2].split()[:3] == ["0000000000000004", "00000005", ".word"]
    assert text[2].endswith("2  d: .quad 5") and len(text) == 4
    # a label on a line of its own (size 0) is not repeated above the next row
    rows = [(0, 0, 1, "loop:"), (0, 4, 2, "  ret")]
    text = format_listing(code[:4], rows, 0, {0: ["loop"]}).splitlines()
    assert [t.split()[-1] for t in text] == ["loop:", "ret"] and len(text) == 2
    # .inst is an instruction: disassembled
    inst = format_listing(code[:4], [(0, 4, 1, ".inst 0xd65f03c0")], 0)
    assert "ret" in inst


def test_cli_listing_shows_labels_and_data(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "t.s"
    src.write_text("  .text\n  .globl f\nf: adr x0, msg\n  b 1f\n1: ret\n"
                   "  .section .rodata\nmsg: .asciz \"hi\"\n")
    assert main(["asm", str(src), "--listing"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(line.endswith("3  f: adr x0, msg") for line in out)
    assert any(line.endswith('7  msg: .asciz "hi"') for line in out)
    adr = next(line for line in out if " adr " in f" {line} ")
    assert adr.split()[:2] == ["0000000000000000", "10000060"] and "<msg>" in adr
    data = next(line for line in out if "asciz" in line)
    assert data.split()[1:5] == ["68", "69", "00", ".byte"]


def test_macro_assembler_listing_with_call_sites() -> None:
    from a64jit import MacroAssembler
    m = MacroAssembler(record_sites=True)
    line = sys._getframe().f_lineno + 1
    m.mov(x0, 0x1234_5678_9ABC_DEF0)  # four instructions, each shows this call
    m.ret()
    text = listing(m).splitlines()
    assert [t.split()[2] for t in text] == ["mov", "movk", "movk", "movk", "ret"]
    for row in text[:4]:
        assert row.endswith(f"{HERE}:{line}  m.mov(x0, 0x1234_5678_9ABC_DEF0)  "
                            "# four instructions, each shows this call")
    assert text[4].endswith(f"{HERE}:{line + 1}  m.ret()")
