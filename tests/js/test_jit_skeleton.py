"""The JIT's compiler gives the same bytes with its shared subroutines spliced in as
recorded machine code (t_ops._subroutine) as with each one emitted in place (the cache
off): every function of several test programs, plain and under stress, and hand-made
code with slots above 4095 and pcs above 255 (the plain calls' larger offsets and
immediates)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from a64js.bytecode import OP, Code
from a64js.compiler import compile_module, read_source
from a64js.jit import compiler as jc
from a64js.jit import t_ops

PROGRAMS = Path(__file__).parent / "programs"


class _FixedArena(jc.DataArena):
    """Data blocks at made-up addresses (a compilation embeds them in its code): two
    compilations of one function then give comparable bytes."""

    def __init__(self, real: Any) -> None:
        super().__init__()
        self.real = real
        self.n = 0

    def alloc(self, nbytes: int) -> tuple[int, memoryview]:
        _, view = self.real.alloc(nbytes)
        self.n += 1
        return 0x7700_0000_0000 + 0x1000 * self.n, view


def _codes(code: Code) -> list[Code]:
    out = [code]
    for c in code.consts:
        if isinstance(c, Code):
            out += _codes(c)
    return out


def _compile(code: Code, cid: int, arena: Any, stress: jc.Stress | None = None) -> bytes:
    fc = jc.FunctionCompiler(code, cid, stress, ctx_address=0x5400_0000_1000,
                             call_table=0x5500_0000_0000, depth_word=0x5600_0000_0000,
                             arena=_FixedArena(arena))
    return fc.compile().masm.finalize()


def same_words_with(path: Path, monkeypatch: pytest.MonkeyPatch,
                    change: Callable[[pytest.MonkeyPatch], None]) -> None:
    """Every function of the program at ``path``, plain and under stress, compiles to the
    same bytes as it does with ``change`` made (in a monkeypatch context of its own), and
    to more than a few words."""
    from a64js.hvm import core, vm
    from a64js.jit import Jit

    codes = _codes(compile_module(read_source(str(path)), str(path)))
    vm.HeapVM(["node", str(path)], io.StringIO())
    jit = Jit(0)

    def all_bytes() -> list[list[bytes]]:
        return [[_compile(c, core.code_info(c).id, jit._arena, stress)
                 for stress in (None, jc.Stress(3))] for c in codes]

    try:
        got = all_bytes()
        with monkeypatch.context() as mp:
            change(mp)
            changed = all_bytes()
    finally:
        jit.close()
    assert got == changed
    assert sum(len(b) for row in got for b in row) > 1000


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every subroutine emitted in place."""
    monkeypatch.setattr(t_ops, "SUBROUTINE_CACHE", False)


@pytest.mark.parametrize("name", ["fib", "sieve", "minilang", "feat_dictionary", "closures"])
def test_spliced_subroutines_are_emitted_ones(name: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import core, vm
    from a64js.jit import Jit

    path = str(PROGRAMS / f"{name}.js")
    codes = _codes(compile_module(read_source(path), path))
    vm.HeapVM(["node", path], io.StringIO())
    jit = Jit(0)
    try:
        got = [[_compile(c, core.code_info(c).id, jit._arena, stress)
                for stress in (None, jc.Stress(None), jc.Stress(7))] for c in codes]
        with monkeypatch.context() as mp:
            _plain(mp)
            want = [[_compile(c, core.code_info(c).id, jit._arena, stress)
                     for stress in (None, jc.Stress(None), jc.Stress(7))] for c in codes]
    finally:
        jit.close()
    assert got == want


def test_huge_slots_and_late_pcs() -> None:
    """Slots above 4095 (LoadK, Mov, Return, Inc, AddK, a bit op's boxing) and guard
    stubs of pcs above 255 compile (offsets and immediates past one instruction's
    fields), the same with the subroutine cache off."""
    c = Code("big", "t.js")
    big = 5000
    body: list[tuple[int, ...]] = [
            (OP["LoadK"], big, 0), (OP["Mov"], 4, big), (OP["Inc"], big + 1, big),
            (OP["Inc"], 4095, 4095), (OP["Inc"], 3, 4)]
    body += [(OP["Mov"], 5, 6)] * 300  # pcs past 255
    body += [(OP["Dec"], 7, 3), (OP["AddK"], big, big, 1), (OP["BitAnd"], big, 3, 4),
             (OP["Return"], big)]
    c.insns = body
    c.nregs = big + 10
    c.kbase = big + 8
    c.consts = [7, 100]
    arena = jc.DataArena()
    got = _compile(c, 3, arena)
    mp = pytest.MonkeyPatch()
    try:
        _plain(mp)
        want = _compile(c, 3, arena)
    finally:
        mp.undo()
    assert got == want
    assert len(got) > 4 * (len(body) * 2)
