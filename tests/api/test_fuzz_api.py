"""A CI-sized run of the API misuse fuzzer (tools/fuzz_api.py): only ValueError,
TypeError and OSError subclasses may escape the public API, naming the call."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import fuzz_api


@pytest.mark.parametrize("only", ["Assembler", "MacroAssembler", "text", "runtime"])
def test_misuse_raises_only_clean_errors(only: str) -> None:
    report = fuzz_api.run(seed=20261128, count=4000, only=only)
    assert report.calls >= 400
    assert not report.findings, "\n".join(map(str, report.findings))


def test_the_fuzzer_reports_a_wrong_exception_type() -> None:
    # The checker itself must be able to fail.
    report = fuzz_api.Report()
    empty: dict[str, int] = {}
    fuzz_api._check(report, "Assembler", "add", lambda: empty["missing"], lambda: "add()")
    fuzz_api._check(report, "Assembler", "add", lambda: int("x"), lambda: "add()")
    assert [f.error.split(":")[0] for f in report.findings] == [
        "KeyError", "ValueError does not name the call"]
