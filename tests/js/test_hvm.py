"""The heap VM's contract with the JIT: step, run_at, call, the entry/back-edge hooks."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

import pytest

from a64js.bytecode import Code
from a64js.heap import Handle
from a64js.hvm import core, interp
from a64js.hvm.core import R, int_of
from a64js.words import INT_BASE, UNDEFINED_WORD
from tests.js.hvmrun import closure_code, heap_module

SRC = """
function add(a, b) { return a + b; }
function loop(n) { let s = 0; for (let i = 0; i < n; i++) s = s + i; return s; }
function boom(x) { if (x > 1) throw new RangeError("big " + x); return x; }
function guard(x) { try { return boom(x); } catch (e) { return -1; } }
exports.add = add; exports.loop = loop; exports.boom = boom; exports.guard = guard;
"""


def _module(out: io.StringIO | None = None) -> dict[str, Handle]:
    return heap_module(SRC, ("add", "loop", "boom", "guard"), out)


def iw(i: int) -> int:
    return INT_BASE | (i & 0xFFFF_FFFF)


def test_call_and_int_words() -> None:
    f = _module()
    assert interp.call(f["add"].word, UNDEFINED_WORD, [iw(2), iw(40)]) == iw(42)
    # overflow leaves int32 for a double
    r = interp.call(f["add"].word, UNDEFINED_WORD, [iw(0x7FFF_FFFF), iw(1)])
    assert core.double_of(r) == 2147483648.0
    assert int_of(interp.call(f["loop"].word, UNDEFINED_WORD, [iw(100)])) == 4950


@contextlib.contextmanager
def _frame(name: str, arg: int) -> Iterator[tuple[Code, int]]:
    """A frame of the module's function ``name`` called with ``arg``, pushed for the
    body (its code and frame pointer), popped after."""
    fn = _module()[name].word
    code = closure_code(fn)
    i = interp.push_frame(core.code_info(code), fn, UNDEFINED_WORD, [iw(arg)])
    try:
        yield code, R.sbase + 8 * i
    finally:
        interp.pop_frame(i)


def test_step_runs_one_instruction_each() -> None:
    with _frame("loop", 10) as (code, fp):
        pc = 0
        steps = 0
        while pc >= 0:
            pc = interp.step(code, fp, pc)
            steps += 1
        assert int_of(R.heap.frame_get(fp, 0)) == 45
        assert steps > 10 * 3  # every iteration took several instructions


def test_run_at_continues_a_frame_midway() -> None:
    with _frame("loop", 10) as (code, fp):
        pc = 0
        for _ in range(7):  # part of the way, then a "bailout"
            pc = interp.step(code, fp, pc)
        assert int_of(interp.run_at(code, fp, pc)) == 45


def test_run_at_dispatches_a_pending_exception() -> None:
    with _frame("guard", 5) as (code, fp):
        start = code.handlers[0][0]  # an instruction inside the try
        exc = core.throw("Error", "from compiled code")
        assert int_of(interp.run_at(code, fp, start, exc)) == -1


def test_exception_propagates_as_hthrow() -> None:
    f = _module()
    with pytest.raises(core.HThrow) as ei:
        interp.call(f["boom"].word, UNDEFINED_WORD, [iw(7)])
    assert core.to_str(core.get_prop(ei.value.word, "message")) == "big 7"
    assert int_of(interp.call(f["guard"].word, UNDEFINED_WORD, [iw(7)])) == -1
    assert int_of(interp.call(f["guard"].word, UNDEFINED_WORD, [iw(1)])) == 1


class FakeJit:
    def __init__(self, entry: int | None = None, backedge: int | None = None) -> None:
        self.entries: list[str] = []
        self.backedges: list[tuple[str, int]] = []
        self.entry = entry
        self.backedge = backedge

    def on_entry(self, code: Code, fp: int) -> int | None:
        self.entries.append(code.name)
        assert R.heap.fp == fp  # the frame is pushed and innermost
        return self.entry

    def on_backedge(self, code: Code, fp: int, target: int) -> int | None:
        self.backedges.append((code.name, target))
        return self.backedge


def test_hooks_count_and_defer() -> None:
    f = _module()
    jit = FakeJit()
    interp.set_jit(jit)
    try:
        assert int_of(interp.call(f["loop"].word, UNDEFINED_WORD, [iw(5)])) == 10
        assert jit.entries == ["loop"]
        assert len(jit.backedges) == 5 and len({t for _, t in jit.backedges}) == 1
        info = core.code_info(closure_code(f["loop"].word))
        assert info.calls == 1 and info.backedges == 5
    finally:
        interp.set_jit(None)


def test_hooks_take_over() -> None:
    f = _module()
    interp.set_jit(FakeJit(entry=iw(99)))
    try:
        assert int_of(interp.call(f["add"].word, UNDEFINED_WORD, [iw(1), iw(2)])) == 99
    finally:
        interp.set_jit(None)
    interp.set_jit(FakeJit(backedge=iw(-7)))  # OSR: compiled code finished the call
    try:
        assert int_of(interp.call(f["loop"].word, UNDEFINED_WORD, [iw(50)])) == -7
    finally:
        interp.set_jit(None)
    assert R.heap.fp == 0  # every frame popped
