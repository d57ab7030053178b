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
