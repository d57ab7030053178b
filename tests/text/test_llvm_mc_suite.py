"""LLVM's own AArch64 MC tests (issue 11 item 4): every in-scope row of
``../shared/llvm-mc-suite/llvm_mc_cases.tsv`` (relative to the repository) assembles to
the bytes the test file gives, both the ``core`` rows and the ``ext:*`` ones. Rows that
llvm-mc 14 itself rejects (``differ:error:...``: a read-only system register written,
unpredictable stxp/stlxp) must be rejected here too. Skips where the file is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from a64jit import assemble

SUITE = Path(__file__).resolve().parents[2].parent / "shared" / "llvm-mc-suite"
CASES = SUITE / "llvm_mc_cases.tsv"


def _rows() -> list[list[str]]:
    return [line.split("\t") for line in CASES.read_text().splitlines()
            if line and not line.startswith("#")]


@pytest.mark.skipif(not CASES.exists(), reason=f"{CASES} is absent")
def test_every_row_matches_llvm() -> None:
    wrong: list[str] = []
    counts = {"exact": 0, "rejected as llvm-mc 14 does": 0}
    for text, hexbytes, source, llvm, scope, *_ in _rows():
        llvm_rejects = llvm.startswith("differ:error")
        try:
            got = assemble(text).hex()
        except ValueError as exc:
            if llvm_rejects:
                counts["rejected as llvm-mc 14 does"] += 1
            else:
                wrong.append(f"{scope} {source}: {text!r} rejected: {exc}")
            continue
        if llvm_rejects:
            wrong.append(f"{scope} {source}: {text!r} accepted ({got}); llvm-mc 14: {llvm}")
        elif got != hexbytes:
            wrong.append(f"{scope} {source}: {text!r} -> {got}, expected {hexbytes}")
        else:
            counts["exact"] += 1
    assert not wrong, f"{len(wrong)} rows differ ({counts}):\n" + "\n".join(wrong[:50])
    assert counts["exact"] >= 3170
