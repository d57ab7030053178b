"""Session 22 (HVM22A): string relational compares of two string cells and ``o[k]``
reads and writes of a dictionary object's own key, in line in the heap VM's compiled
blocks (hvm.interp: ``_str_order``, GetElem/SetElem's dictionary form over the
heap's probe memo). The program hvm_only/str_dict22a.js compares strings of every
length around a word's four units (equal first words, prefixes, a NUL unit against a
pad unit, units past 255 and surrogates, whose order is not the words'), strings with
other values, and reads and writes a dictionary object's keys by fresh key cells,
absent keys, a key deleted and added again, with the table growing between two reads
of one block, allocations between, a prototype's key and an accessor defined midway;
copies a loop's per-iteration ``let`` context (CopyContext, in line) that closures
keep and write; and adds strings, a double and an int, objects with valueOf/toString
(one throwing inside a ``try``) in a block.
Node's output, with blocks compiled at once in small semispaces and after a few
entries under a collection at every allocation, at the default threshold and with the
JIT (test_hvm_features runs it plain at 1 MiB semispaces too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.js.hvmrun import block_sources, run_heap
from tests.js.jitrun import BLOCKS_SOON_STRESS, gc_stress_prints, heap_cli_prints, jit_prints

PATH = Path(__file__).resolve().parent / "hvm_only" / "str_dict22a.js"
SRC = PATH.read_text(encoding="utf-8")
WANT = PATH.with_suffix(".expected").read_text(encoding="utf-8")


def test_heap_vm_default_threshold(tmp_path: Path) -> None:
    heap_cli_prints(tmp_path, SRC, WANT)


@BLOCKS_SOON_STRESS
def test_blocks_soon_under_gc_stress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     hot: int, stress: bool) -> None:
    gc_stress_prints(tmp_path, monkeypatch, hot, SRC, WANT, stress)


@pytest.mark.parametrize("stress", [None, "all"])
def test_jit_at_threshold_0(tmp_path: Path, stress: str | None) -> None:
    # (the whole program since 7c0199b: the JIT read a dictionary object's key that
    # became an accessor midway as NaN before, feat_dict_own_accessor)
    jit_prints(tmp_path, SRC, WANT, stress)


def test_blocks_have_the_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    """The blocks do compare strings and reach dictionary keys in line (else the tests
    above would test nothing new)."""
    from a64js.hvm import interp

    monkeypatch.setattr(interp, "_BLOCK_HOT", 4)
    seen = block_sources(monkeypatch)
    proc = run_heap(PATH)
    assert proc.stdout == WANT
    text = "\n".join(seen)
    assert "(r := STR_ORDER(x, y)) is not None" in text  # strings ordered in line
    assert "DMEMO.get(" in text and "not R.accessors" in text
    assert "CTX[0] = top + (nw << 3)" in text  # a context copied in line
