"""The ISA coverage list (docs/isa_coverage.py, ``.. isa-coverage::`` in
docs/guide/isa.rst) is built from the instruction tables, and the README's coverage
section does not call anything missing that the tables have."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from a64jit.assembler import table
from a64jit.text import parser

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs"))
import isa_coverage  # noqa: E402


def test_every_mnemonic_is_listed_once_per_spelling() -> None:
    text = isa_coverage.render()
    listed = re.findall(r"``([^`]+)``", text)
    assert sorted(listed) == sorted(parser._MNEMONICS)  # every text mnemonic, once
    groups = [group for group, _ in isa_coverage.rows()]
    assert {t.name for t in table.tables()} <= set(groups)
    assert "``b.hs`` (``bhs``, ``b.cs``, ``bcs``)" in text
    assert "``bc.eq``" in text and "``and``" in text


def test_the_isa_page_uses_the_generated_list() -> None:
    page = (ROOT / "docs" / "guide" / "isa.rst").read_text()
    assert ".. isa-coverage::" in page
    assert "isa_coverage" in (ROOT / "docs" / "conf.py").read_text()


def _families(sentence: str) -> list[str]:
    """Mnemonic-like words of a sentence (``bc.cond``, ``cpy*``, ``rev16``), outside
    code spans and parentheses (examples), and not the English "and"/"or"."""
    prose = re.sub(r"`[^`]*`|\([^)]*\)", " ", sentence.lower())
    words = re.findall(r"(?<![\w.*-])[a-z][a-z0-9]*(?:\.[a-z]+)?\*?", prose)
    return [w for w in words if w not in ("and", "or")]


def _covered(family: str) -> bool:
    names = parser._MNEMONICS
    if family.endswith("*"):
        return any(m.startswith(family[:-1]) for m in names)
    if family.endswith(".cond"):
        return any(m.startswith(family[:-4]) for m in names)
    return family in names


def test_readme_does_not_call_covered_instructions_missing() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Instruction coverage", 1)[1].split("\n## ", 1)[0]
    missing = section.split("Not covered yet", 1)
    if len(missing) == 2:
        claimed = re.split(r"\.\s", missing[1], maxsplit=1)[0]
        wrong = [f for f in _families(claimed) if _covered(f)]
        assert not wrong, f"README calls these missing, but the tables have them: {wrong}"
    assert "bc.eq" in section  # listed as covered
