"""The generator tools (tools/gen_*.py) with a newcomer's first arguments: ``--help``
prints the tool's docstring and regenerates nothing; a misspelt name or an option is
one line naming it, exit status 2, nothing run (``--help`` used to regenerate
sysregs.py or the text programs' file, or end in a traceback; a misspelt program name
made gen_js_expected do nothing with status 0)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools"
#: Each generator and a file it writes when it runs.
GENERATORS = {
    "gen_js_expected": ROOT / "tests" / "js" / "programs" / "fib.expected",
    "gen_programs": ROOT / "tests" / "vectors" / "labels.txt",
    "gen_vectors": ROOT / "tests" / "vectors" / "arith.txt",
    "gen_sysregs": ROOT / "src" / "a64jit" / "encoding" / "sysregs.py",
    "gen_text_programs": ROOT / "tests" / "text" / "llvm_programs.jsonl",
}


def tool(name: str, *argv: str) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([sys.executable, str(TOOLS / f"{name}.py"), *argv],
                       capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert "Traceback" not in r.stderr, r.stderr
    return r


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_help_writes_nothing(name: str) -> None:
    out = GENERATORS[name]
    before = out.stat().st_mtime_ns
    r = tool(name, "--help")
    assert (r.returncode, r.stderr) == (0, "")
    first = (TOOLS / f"{name}.py").read_text().split('"""')[1].splitlines()[0]
    assert r.stdout.splitlines()[0] == first
    assert out.stat().st_mtime_ns == before


@pytest.mark.parametrize(("argv", "message"), [
    (["gen_js_expected", "fibb"], "gen_js_expected.py: unknown program 'fibb'; did you "
                                  "mean 'fib'?"),
    (["gen_js_expected", "--scale", "2", "fibb"], "gen_js_expected.py: unknown workload "
                                                  "'fibb'; did you mean 'fib'?"),
    (["gen_js_expected", "--frob"], "gen_js_expected.py: unknown option '--frob' "
                                    "(see --help)"),
    (["gen_programs", "lables"], "gen_programs.py: unknown group 'lables'; did you mean "
                                 "'labels'?"),
    (["gen_vectors", "zzzz"], "gen_vectors.py: unknown group 'zzzz'; allowed: arith, "),
    (["gen_sysregs", "all"], "gen_sysregs.py: takes no arguments, got 'all' (see --help)"),
    (["gen_text_programs", "-v"], "gen_text_programs.py: unknown option '-v' (see --help)"),
])
def test_a_mistake_is_one_line_and_runs_nothing(argv: list[str], message: str) -> None:
    out = GENERATORS[argv[0]]
    before = out.stat().st_mtime_ns
    r = tool(*argv)
    assert (r.returncode, r.stdout) == (2, "")
    assert len(r.stderr.splitlines()) == 1 and r.stderr.startswith(message), r.stderr
    assert out.stat().st_mtime_ns == before


@pytest.mark.parametrize(("argv", "message"), [
    # (a traceback: ValueError: range() arg 3 must not be zero)
    (["fuzz_masm", "--batch", "0"], "argument --batch: '0' is not a whole number of 1 or "
                                    "more"),
    # (ran nothing and reported success)
    (["fuzz_api", "--count", "-1"], "argument --count: '-1' is not a whole number of 1"),
    (["stress_runtime", "--rounds", "-1"], "argument --rounds: '-1' is not a whole number"),
    # (a traceback: FileNotFoundError: ... tests/vectors/nosuch.txt)
    (["fuzz_vs_llvm", "--groups", "arith,nosuch"], "fuzz_vs_llvm.py: unknown group "
                                                   "'nosuch'; allowed: arith, "),
])
def test_fuzzers_check_their_values(argv: list[str], message: str) -> None:
    r = tool(*argv)
    assert (r.returncode, r.stdout) == (2, "")
    assert message in r.stderr.splitlines()[-1], r.stderr
