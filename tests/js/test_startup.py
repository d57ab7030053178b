"""The heap VM's start-up: what a run that compiles nothing loads (a64js.jit.runtime's
compiler, templates and MacroAssembler load at the first compile; a64jit's Assembler at
its first use)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_PROBE = """
import sys
from a64js.cli import main
rc = main(sys.argv[1:])
sys.stdout.flush()
heavy = sorted(m for m in sys.modules
               if m.startswith(("a64js.jit.", "a64jit.macro", "a64jit.abi", "a64jit.assembler"))
               and m not in ("a64js.jit.runtime", "a64js.jit.reasons"))
print("rc", rc, "heavy", " ".join(heavy) or "-")
"""


def _run(tmp_path: Path, source: str, *options: str) -> list[str]:
    js = tmp_path / "p.js"
    js.write_text(source)
    env = {**os.environ, "A64JS_CACHE": "0"}
    p = subprocess.run([sys.executable, "-c", _PROBE, "--vm", "heap", *options, str(js)],
                       capture_output=True, text=True, env=env, timeout=300, check=False)
    assert p.returncode == 0, p.stderr
    return p.stdout.splitlines()


def test_a_run_that_compiles_nothing_loads_no_compiler(tmp_path: Path) -> None:
    out = _run(tmp_path, "console.log(1)\n")
    assert out == ["1", "rc 0 heavy -"]


@pytest.mark.parametrize("threshold", ["0", "1"])
def test_the_first_compile_loads_the_compiler(tmp_path: Path, threshold: str) -> None:
    src = ("function f(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }\n"
           "let t = 0;\nfor (let k = 0; k < 20; k++) t += f(k);\nconsole.log(t);\n")
    out = _run(tmp_path, src, "--jit-threshold", threshold, "--stats")
    assert out[0] == "1140"  # node's output
    assert out[1].startswith("rc 0 heavy ")
    assert "a64js.jit.compiler" in out[1].split() and "a64jit.macro.masm" in out[1].split()
