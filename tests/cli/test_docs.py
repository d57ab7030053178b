"""The user guide and API reference build with warnings as errors, and every example in
them runs (Sphinx's doctest builder)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sphinx")
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("builder", ["html", "doctest"])
def test_docs_build_without_warnings(builder: str, tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b",
                           builder, str(DOCS), str(tmp_path / builder)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
