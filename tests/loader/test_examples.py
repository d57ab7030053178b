"""Every examples/*.s assembles; the compiler-style one loads and runs."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from a64jit import assemble, current_backend, host_function
from a64jit.loader import load
from a64jit.text.parser import assemble_unit

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.s"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_assembles(path: Path) -> None:
    unit = assemble_unit(path.read_text())
    if not unit.externals():  # self-contained: assemble() takes it as it is
        assert len(assemble(path.read_text())) % 4 == 0


def test_lookup_example_runs() -> None:
    i64 = ctypes.c_int64
    scale = host_function(lambda i: i + 1, i64, [i64], backend=current_backend())
    text = (Path(__file__).resolve().parents[2] / "examples" / "lookup.s").read_text()
    with load(text, {"scale": scale}) as unit:
        lookup = unit.function("lookup", i64, [i64])
        assert [lookup(i) for i in range(5)] == [10, 40, 90, 160, 10]
        assert unit.exported == ["lookup"]
