"""Session 20's runs of the allocation and call templates (a64js/jit/t_alloc.py,
t_calls.py): each emits the words its build function emits one instruction at a time,
for parameters at zero, at and past their limits and at random values, and a closure's
runs are ``heapcode.emit_alloc_closure``'s words (the one source of a closure's
layout)."""

from __future__ import annotations

import random
from collections.abc import Callable
from types import SimpleNamespace
from typing import cast

import pytest

from a64jit import Label, MacroAssembler, mem, x0, x1, x9, x19
from a64js.heap import CLOSURE_CONTEXT, CLOSURE_HOME, KIND_CLOSURE, Shape
from a64js.heapcode import emit_alloc_closure
from a64js.jit import subcache, t_alloc, t_calls
from a64js.jit.regs import CTX, FP
from a64js.jit.runs import Run
from a64js.words import ADDR_MASK


def _cases(run: Run, rng: random.Random) -> list[list[int]]:
    """Zeros, each limit's last value, the limits themselves (past the holes: the
    build on the site's assembler), and random values within and past them."""
    cases = [[0] * len(run.limits), [lim - 1 for lim in run.limits], list(run.limits)]
    cases += [[rng.randrange(lim) for lim in run.limits] for _ in range(6)]
    cases += [[rng.randrange(2 * lim) for lim in run.limits] for _ in range(3)]
    return cases


def _built(run: Run, *params: int) -> bytes:
    a = MacroAssembler()
    run.build(a, *params)
    return a.finalize()


def _emitted(run: Run, *params: int) -> bytes:
    a = MacroAssembler()
    a.ldr(x9, mem(x19, 8))  # (not at offset 0: a run lands after other words)
    run.emit(a, *params)
    return a.finalize()[4:]


@pytest.mark.parametrize("capacity", [0, 1, 4])
def test_closure_runs_are_their_builds(capacity: int) -> None:
    rng = random.Random(20 + capacity)
    for e_own in (False, True):
        for arrow in (False, True):
            run = t_alloc._closure_fields(capacity, e_own, arrow)
            for params in _cases(run, rng):
                assert _emitted(run, *params) == _built(run, *params), (run.name, params)


def _closure_by_calls(address: int, capacity: int, cid: int, e: int, a: int,
                      arrow: bool) -> bytes:
    """A closure site's words as t_Closure emitted them before its runs: heapcode's
    emit_alloc_closure, then the callee's context and home, the store to slot a."""
    shape = cast(Shape, SimpleNamespace(kind=KIND_CLOSURE, keys=(), capacity=capacity,
                                        address=address, id=0))
    m = MacroAssembler()
    slow = m.label()
    emit_alloc_closure(m, CTX, x0, shape, cid, FP, e if e >= 0 else None, x1, None, slow,
                       this_slot=1 if arrow else None)
    if e < 0 or arrow:
        from a64jit import x2, x3
        m.and_(x2, x0, ADDR_MASK)
        m.ldr(x3, mem(FP, 16))
        m.and_(x3, x3, ADDR_MASK)
        if e < 0:
            m.ldr(x1, mem(x3, CLOSURE_CONTEXT))
            m.str(x1, mem(x2, CLOSURE_CONTEXT))
        if arrow:
            m.ldr(x1, mem(x3, CLOSURE_HOME))
            m.str(x1, mem(x2, CLOSURE_HOME))
    m.str(x0, mem(FP, 8 * a))
    m.bind(slow)
    return m.finalize()


def _closure_by_runs(address: int, capacity: int, cid: int, e: int, a: int,
                     arrow: bool) -> bytes:
    m = MacroAssembler()
    slow = m.label()
    head, mid = t_alloc._alloc_closure(address, capacity)
    m.emit_words(head)
    m.b_hi(slow)
    m.emit_words(mid)
    t_alloc._closure_fields(capacity, e < 0, arrow).emit(m, cid, max(e, 0), a)
    m.bind(slow)
    return m.finalize()


@pytest.mark.parametrize("address", [0x10, 0x7F12_3456_7890, 0xFFFF_0000_0008,
                                     0x0000_1234_0000])
def test_a_closure_site_is_emit_alloc_closure(address: int) -> None:
    """t_Closure's three runs around its b.hi (the bump; the sub and the shape's
    address; the fields and the tail) are emit_alloc_closure's words, for shape
    addresses of one to three movz/movk and code ids and slots in and past the
    holes."""
    rng = random.Random(address)
    values = [(0, 0, 0), (1, -1, 3), (0xFFFF, 4095, 4095), (0x10000, 7, 8), (300, 4096, 2),
              (5, 9, 5000)]
    values += [(rng.randrange(1 << 17), rng.randrange(-1, 5000), rng.randrange(5000))
               for _ in range(8)]
    for capacity in (0, 2):
        for cid, e, a in values:
            for arrow in (False, True):
                want = _closure_by_calls(address, capacity, cid, e, a, arrow)
                got = _closure_by_runs(address, capacity, cid, e, a, arrow)
                assert got == want, (hex(address), capacity, cid, e, a, arrow)


def test_copy_template_runs_are_their_builds() -> None:
    """The direct entry's template copy (t_calls._COPY_TEMPLATE: with and without its
    loop of pairs) is _emit_copy_template's words, in and past its holes."""
    rng = random.Random(2020)
    for pairs, run in t_calls._COPY_TEMPLATE.items():
        for params in _cases(run, rng):
            first, count, nregs = params
            if pairs:
                count = max(count, 1)
            else:
                count = 0
            nregs = min(nregs, 4092)  # (the runs' sites: the frame block's word in reach)
            want = MacroAssembler()
            t_calls._emit_copy_template(want, first, count, nregs)
            assert _emitted(run, first, count, nregs) == want.finalize(), (pairs, params)


def test_runs_learn_nothing_else() -> None:
    """A closure's and the template copy's runs have the holes they say: the code id,
    the context slot (unless the callee's own), the target slot; the first slot, the
    pair count and the register count."""
    def holes(run: Run) -> set[int]:
        return {j for _, j, _ in run.learned()[1]}

    assert holes(t_alloc._closure_fields(3, False, False)) == {0, 1, 2}
    assert holes(t_alloc._closure_fields(3, True, True)) == {0, 2}
    assert holes(t_calls._COPY_TEMPLATE[True]) == {0, 1, 2}
    assert holes(t_calls._COPY_TEMPLATE[False]) == {2}


def _sort_outs(m: MacroAssembler) -> list[Label]:
    return [m.label() for _ in range(6)]


def _sort_words(emit: Callable[[MacroAssembler, list[Label]], None]) -> bytes:
    """A sort site's words: before it a word, after it its labels bound (the slow
    path, the exception stub, the subroutines: words of their own)."""
    m = MacroAssembler()
    m.ldr(x9, mem(x19, 8))
    outs = _sort_outs(m)
    emit(m, outs)
    for lab in outs:
        m.bind(lab)
        m.nop()
    return m.finalize()


@pytest.mark.parametrize("params", [(0, 0, 0, 0), (7, 3, 4, 5), (0xFFFF, 4095, 4095, 4095),
                                    (300, 5000, 2, 9), (70000, 1, 2, 3)])
def test_the_sort_label_run_is_its_build(params: tuple[int, int, int, int],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """arr.sort(f)'s code as a label run (its words between the branches to the site's
    labels, each branch the site's own call) is the build's, in and past its holes;
    and what it learned, read back from the cache file's entry, gives the same."""
    run = t_calls._LabelRun("test:sort", t_calls._emit_sort, 6, 0x10000, 4096, 4096, 4096)
    run.learn()
    want = _sort_words(lambda m, outs: t_calls._emit_sort(m, *params, outs))
    assert _sort_words(lambda m, outs: run.emit(m, outs, *params)) == want
    learned = run._learned
    assert learned is not None and len(learned[2]) > 10  # (its branches out)

    class Disk:
        entries: dict[str, bytes] = {}

        def get(self, key: str) -> bytes | None:
            return self.entries.get(key)

        def put(self, key: str, value: bytes) -> None:
            self.entries[key] = value

    disk = Disk()
    monkeypatch.setattr(subcache, "cache", lambda: disk)
    run._store()
    again = t_calls._LabelRun("test:sort", t_calls._emit_sort, 6, 0x10000, 4096, 4096, 4096)
    assert again._load()
    assert _sort_words(lambda m, outs: again.emit(m, outs, *params)) == want
    # a damaged entry is not used
    disk.entries["lrun:test:sort"] = b"\x01\x02"
    assert not t_calls._LabelRun("test:sort", t_calls._emit_sort, 6, 1, 1, 1, 1)._load()


def test_a_label_run_refuses_a_parameter_that_is_no_field() -> None:
    """A parameter that changes the length (a mov of a wide value) or the calls out is
    refused when the run learns, not emitted wrong."""
    def build(m: MacroAssembler, v: int, outs: list[Label]) -> None:
        m.mov(x0, v << 16 | 1)
        m.b_ne(outs[0])

    with pytest.raises(AssertionError, match="changes the length"):
        t_calls._LabelRun("test:bad", build, 1, 4).learn()
