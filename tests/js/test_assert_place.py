"""Where a64js reports an uncaught exception thrown inside its own JavaScript library
(require("assert"), a64js/lib/assert.js): at the program's frame that called it, the
line and column node's stack starts at (node's AssertionError omits assert's frames).
Node's first stderr line names node:assert's own source, which tests/js/jsprograms.py's
contract cannot record, so the place is checked here against node's stack frame."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

_PROGRAM = """const assert = require('assert');
function check(x, want) {
  assert.strictEqual(x * 2, want);
}
for (let i = 0; i < 30; i++) check(i, i * 2);
try {
  check(3, 7);
} catch (e) {
  console.log(e.code, e.actual, e.expected);
}
check(5, 11);
"""
#: node's innermost frame: `at check (.../p.js:3:10)` (the call's `strictEqual`)
_PLACE = "p.js:3:10"


@pytest.mark.parametrize("flags", [["--vm", "python"], ["--no-jit"], ["--jit-threshold", "0"],
                                   ["--stress-bailouts", "--jit-threshold", "0"]],
                         ids=["python-vm", "heap-vm", "jit", "jit-stressed"])
def test_assert_failure_named_at_the_callers_line(tmp_path: Path, flags: list[str]) -> None:
    js = tmp_path / "p.js"
    js.write_text(_PROGRAM)
    p = subprocess.run([sys.executable, "-m", "a64js", "--no-cache", *flags, str(js)],
                       capture_output=True, text=True, timeout=300, check=False)
    assert p.returncode == 1, p.stderr
    assert p.stdout == "ERR_ASSERTION 6 7\n"
    assert p.stderr.startswith("Uncaught AssertionError [ERR_ASSERTION]: Expected values "
                               "to be strictly equal:")
    at = [ln for ln in p.stderr.splitlines() if ln.startswith("    at ")]
    assert at == [f"    at check ({js.parent}/{_PLACE})"], p.stderr
    assert "assert.js" not in p.stderr
