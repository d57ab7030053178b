"""Heap VM behaviours that node has and the Python-object VM does not (yet), so they are
not in tests/js/programs (every program there must pass on both VMs): code points in
string iteration, enumerability of class members, literal accessors and defineProperty'd
ones, callbacks given to string built-ins. tests/js/hvm_only/NAME.expected is node's
output (v20, recorded with ``node NAME.js > NAME.expected``); where node is installed it
is checked again."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.js import jsprograms
from tests.js.hvmrun import run_heap

HERE = Path(__file__).resolve().parent / "hvm_only"
PROGRAMS = sorted(HERE.glob("*.js"))
#: programs another test runs under the collector's stress (a collection at every
#: allocation costs the live set: str_dict22a's 17,600 take two minutes)
STRESSED_ELSEWHERE = {"str_dict22a": "test_hvm_22a.py"}


@pytest.mark.parametrize("stress", [False, True], ids=["plain", "gc-stress"])
@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_heap_vm_matches_node(path: Path, stress: bool) -> None:
    if stress and path.stem in STRESSED_ELSEWHERE:
        pytest.skip(f"under the collector's stress in {STRESSED_ELSEWHERE[path.stem]}")
    proc = run_heap(path, semispace=1 << 20, stress=stress, poison=stress)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == path.with_suffix(".expected").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_recorded_output_is_nodes(path: Path) -> None:
    node = jsprograms.node_binary()
    if node is None:
        pytest.skip("node is not installed")
    got = subprocess.run([node, str(path)], capture_output=True, text=True, timeout=60,
                         check=True).stdout
    assert got == path.with_suffix(".expected").read_text(encoding="utf-8")


def test_every_opcode_has_a_heap_vm_handler() -> None:
    from a64js.bytecode import OPCODES
    from a64js.hvm import builtins  # noqa: F401 - registers core's handlers
    from a64js.hvm.interp import FACTORIES

    names = list(OPCODES) if isinstance(OPCODES, dict) else [op[0] for op in OPCODES]
    assert [n for n in names if n not in FACTORIES] == []
