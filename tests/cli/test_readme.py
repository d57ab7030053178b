"""The README's Python examples run as written (from the repository root, as a newcomer
pastes them), and the commands it shows exist with the options it names."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

from a64jit.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()

pytest.importorskip("unicorn")  # the examples install code: the emulator on this host


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, re.S)


def test_python_examples_run_and_print_what_they_say(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    blocks = python_blocks()
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}  # one session: the Stamper example goes on from Fragments
    out = io.StringIO()
    ran = 0
    for block in blocks:
        if "[...]" in block:  # a sketch with elided arguments (the debug tools)
            continue
        with contextlib.redirect_stdout(out):
            exec(compile(block, "README.md", "exec"), namespace)
        ran += 1
    assert ran >= 5
    lines = out.getvalue().splitlines()
    assert lines[0] == "80"  # the Quickstart's sum(40, 2)
    value, address = lines[1].split()
    assert value == "90" and int(address, 16) % 8 == 0  # lookup(2) of examples/lookup.s


def test_the_cli_options_it_names_exist() -> None:
    parser = build_parser()
    helps = {name: sub.format_help() for name, sub in
             parser._subparsers._group_actions[0].choices.items()}  # type: ignore[union-attr]
    for match in re.finditer(r"a64jit (asm|run|disasm)\b([^`\n]*)", README):
        command, rest = match.groups()
        for option in re.findall(r"--[a-z-]+", rest):
            assert option in helps[command], (command, option)


def test_the_paths_it_names_exist() -> None:
    for path in re.findall(r"`((?:examples|docs|tools|benchmarks|scripts|tests)/[\w./-]+)`",
                           README):
        assert (ROOT / path).exists(), path
    for path in ("scripts/main.sh", "scripts/test.sh", "examples/sum.s", "examples/lookup.s"):
        assert (ROOT / path).exists() and os.access(ROOT / path, os.R_OK), path


#: A program for each construct the a64js section names as outside the subset.
_OUTSIDE = {"Map": "new Map()", "Set": "new Set()", "Symbol": "Symbol('s')",
            "Promise": "Promise.resolve(1)", "setTimeout": "setTimeout(() => 0, 1)",
            "regular expressions": "/a/.test('a')",
            "sloppy-mode `arguments` aliasing":
                "function f(a) { arguments[0] = 2; return a; }\nf(1);"}
#: ... and for each built-in it names as there only in part.
_PARTIAL = {"`new Date()`": "new Date()", "`Object.freeze`": "Object.freeze({a: 1})"}


def test_what_it_says_a64js_rejects_and_what_throws(tmp_path: Path) -> None:
    """The a64js section's two lists: what is rejected before the program runs (exit 2,
    'unsupported' with the place) and the built-ins there in part (an uncaught
    TypeError when called, exit 1, after what ran before: Object.freeze was named among
    the rejected, but it throws when called)."""
    import subprocess
    import sys

    text = " ".join(README.split())
    m = re.search(r"rejected with file, line and column \(exit 2\): (.*?)\. Built-ins it "
                  r"has only in part throw a TypeError that says so when they are called "
                  r"\((.*?)\), an uncaught", text)
    assert m is not None
    rejected, partial = m.groups()
    for cases, named, status in ((_OUTSIDE, rejected, 2), (_PARTIAL, partial, 1)):
        for name, program in cases.items():
            assert name in named, name
            p = tmp_path / "t.js"
            p.write_text(f"console.log('before');\n{program}\n")
            r = subprocess.run([sys.executable, "-m", "a64js", str(p)], capture_output=True,
                               text=True, timeout=120, check=False)
            assert r.returncode == status, (name, r.stderr)
            if status == 2:
                assert r.stdout == "" and f"{p}:" in r.stderr and "unsupported" in r.stderr
            else:
                assert r.stdout == "before\n"
                assert r.stderr.startswith("Uncaught TypeError: ") and "a64js" in r.stderr
