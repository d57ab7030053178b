"""Running the ``a64jit`` command in this process, for tests/cli."""

from __future__ import annotations

from pathlib import Path

import pytest

from a64jit.cli import main


def write(tmp_path: Path, text: str, name: str = "t.s") -> str:
    """Write ``text`` to ``tmp_path/name``; its path as a string (a command argument)."""
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``a64jit argv``: (exit status, stdout, stderr); never a traceback in either."""
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err
