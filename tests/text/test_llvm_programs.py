"""Whole programs (expressions, directives, literal pools, sections) against the bytes
llvm-mc 14 gives for them, recorded by tools/gen_text_programs.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from a64jit import assemble
from a64jit.text.parser import assemble_unit

ROWS = [json.loads(line) for line in
        (Path(__file__).parent / "llvm_programs.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("row", ROWS, ids=[r["source"][:40] for r in ROWS])
def test_program_matches_llvm(row: dict[str, object]) -> None:
    source = str(row["source"])
    expected = row["sections"]
    assert isinstance(expected, dict)
    unit = assemble_unit(source, allow_external=False)
    linked = unit.link(unit.layout(0x10000))
    ours = {name: data.hex() for name, data in linked.items() if data or name == ".text"}
    assert ours == expected
    if list(expected) == [".text"]:
        assert assemble(source).hex() == expected[".text"]


def test_enough_programs_are_recorded() -> None:
    assert len(ROWS) >= 70
