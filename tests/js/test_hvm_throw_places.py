"""The heap VM names the place a value was first thrown when a finally block throws it
again (hvm.core.ThrowPlaces): found by word in one lookup, after collections too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.js.hvmrun import run_heap

PROGRAM = """\
var caught = 0;
for (var i = 0; i < 150; i++) {
  try { throw { i: i }; } catch (e) { caught += 1; }
}
function inner() {
  try {
    throw new Error("first " + caught);
  } finally {
    var junk = [1, 2, 3].map(function (x) { return { x: x }; });
  }
}
function outer() {
  try { inner(); } finally { var more = [{ a: 1 }, { b: 2 }]; }
}
outer();
"""


@pytest.mark.parametrize("stress", [False, True], ids=["plain", "gc-stress"])
def test_a_rethrown_value_keeps_its_first_place(tmp_path: Path, stress: bool) -> None:
    """More catches than ThrowPlaces keeps, then two finally blocks that allocate (under
    stress every allocation collects, emptying the word-keyed lookup) and rethrow."""
    path = tmp_path / "rethrow.js"
    path.write_text(PROGRAM)
    run = run_heap(path, stress=stress) if stress else run_heap(path)
    assert run.returncode == 1, run.stderr
    lines = run.stderr.splitlines()
    assert lines[0] == "Uncaught Error: first 150"
    assert "rethrow.js:7:" in run.stderr, run.stderr
