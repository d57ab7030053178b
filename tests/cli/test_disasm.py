"""a64jit.disassemble (capstone extra) and the listing renderer."""

from __future__ import annotations

import pytest

import a64jit
from a64jit import assemble, disassemble
from a64jit.disasm import Instruction, format_listing
from a64jit.text import assemble_listing

pytest.importorskip("capstone")


def test_disassemble_words_at_an_address() -> None:
    code = assemble("loop: subs x0, x0, #1\nb.ne loop\nret")
    assert disassemble(code, 0x4000) == [
        Instruction(0x4000, 0xF1000400, "subs x0, x0, #1"),
        Instruction(0x4004, 0x54FFFFE1, "b.ne #0x4000"),
        Instruction(0x4008, 0xD65F03C0, "ret"),
    ]
    assert "disassemble" in a64jit.__all__


def test_undecodable_words_and_partial_tails() -> None:
    rows = disassemble(bytes.fromhex("00000000c0035fd6aa"))
    assert [(r.address, r.text) for r in rows] == [(0, "udf #0"), (4, "ret")]
    assert disassemble(bytes.fromhex("ffffffff"))[0].text is None
    assert str(disassemble(bytes.fromhex("ffffffff"))[0]).endswith(".inst 0xffffffff")


@pytest.mark.parametrize(("code", "address", "error"), [
    ("c0035fd6", 0, TypeError), (b"\xc0\x03\x5f\xd6", -4, ValueError),
    (b"\xc0\x03\x5f\xd6", 1 << 64, ValueError), (b"\xc0\x03\x5f\xd6", 1.0, TypeError),
    (None, 0, TypeError),
])
def test_bad_arguments(code: object, address: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="disassemble"):
        disassemble(code, address)  # type: ignore[arg-type]


def test_listing_shows_address_word_disassembly_and_source() -> None:
    code, listing = assemble_listing("start:\n  mov x0, #5\n  .byte 1, 2\n  .balign 4\n  ret")
    text = format_listing(code, [(e.offset, e.size, e.lineno, e.source) for e in listing],
                          0x1000)
    lines = text.splitlines()
    assert lines[0].split() == ["1", "start:"]
    assert lines[1].split()[:4] == ["0000000000001000", "d28000a0", "mov", "x0,"]
    assert lines[1].endswith("2    mov x0, #5")
    assert lines[2].split()[:4] == ["0000000000001004", "01", "02", ".byte"]
    assert lines[4].split()[:3] == ["0000000000001008", "d65f03c0", "ret"]
