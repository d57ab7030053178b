"""What a compilation makes besides its words (session 18, COMP18B): a label only for a
pc a branch targets (every pc's offset is an int), no reference cycle left for the
cyclic collector, a data block's address as plain words (no memo entry per function),
and fixed runs of a template's words copied in one call; the words themselves are the
same as the instruction methods give."""

from __future__ import annotations

import gc
import io
import random
from pathlib import Path
from typing import Any, cast

from a64jit import MacroAssembler, lsl, x0, x1, x2, x3, x23
from a64js.compiler import compile_module, read_source
from a64js.heapcode import emit_untag, emit_untag_ref
from a64js.jit import compiler as jc
from a64js.jit import t_props
from a64js.jit.regs import words_of

from .test_jit_skeleton import _codes

PROGRAMS = Path(__file__).parent / "programs"


def _jit(name: str) -> tuple[Any, list[Any]]:
    from a64js.hvm import vm
    from a64js.jit import Jit

    path = str(PROGRAMS / f"{name}.js")
    codes = _codes(compile_module(read_source(path), path))
    vm.HeapVM(["node", path], io.StringIO())
    jit = Jit(0)
    jit._start()
    return jit, codes


def test_labels_only_for_branch_targets() -> None:
    """Each pc's offset is recorded; labels exist only for the pcs asked for (a jump's
    target, the pc after a call ...), each bound at its pc's offset."""
    jit, codes = _jit("scheduler")
    made: list[jc.FunctionCompiler] = []
    compile_ = jc.FunctionCompiler.compile

    def spy(self: jc.FunctionCompiler) -> jc.Compiled:
        made.append(self)
        return compile_(self)

    jc.FunctionCompiler.compile = spy  # type: ignore[method-assign]
    try:
        for c in codes:
            jit.compile(c)
    finally:
        jc.FunctionCompiler.compile = compile_  # type: ignore[method-assign]
        jit.close()
    pcs = labelled = 0
    for fc in made:
        n = len(fc.code.insns)
        assert len(fc.labels) == n
        assert len(fc.offsets) == n
        assert fc.offsets == sorted(fc.offsets)
        made_labels = cast("jc.PcLabels", fc.labels)  # (typed as the mixins' list)
        for pc, lab in dict.items(made_labels):
            assert lab.offset == fc.offsets[pc]
        pcs += n
        labelled += dict.__len__(made_labels)
    assert 0 < labelled < pcs // 2, (labelled, pcs)


def test_a_label_asked_for_an_emitted_pc_is_bound_there() -> None:
    jit, codes = _jit("loops")
    try:
        fc = jc.FunctionCompiler(codes[0], 1)
        out = fc.compile()
        lab = fc.labels[0]  # (asked for after the whole function: bound at once)
        assert lab.offset == out.offsets[0]
        assert fc.labels[0] is lab
        for bad in (-1, len(codes[0].insns)):
            try:
                fc.labels[bad]
            except IndexError as e:
                assert "no bytecode pc" in str(e)
            else:
                raise AssertionError("no error")
    finally:
        jit.close()


def test_a_compilation_leaves_no_reference_cycle() -> None:
    """The assembler, its labels and fixups, the compiler and its late paths go with
    their last reference (reference counting), not with the cyclic collector (whose
    collections traversed them, alive, after every compilation)."""
    jit, codes = _jit("minilang")
    try:
        for c in codes:
            jit.compile(c)
        gc.collect()
        enabled = gc.isenabled()
        gc.disable()
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            jit.compiled.clear()
            for c in codes:
                jit.compile(c)
            found = gc.collect()
            kinds = sorted({type(o).__name__ for o in gc.garbage})
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
            if enabled:
                gc.enable()
        assert found == 0, kinds
    finally:
        jit.close()


def test_mov48_words_are_movz_and_two_movk() -> None:
    rng = random.Random(18)
    for value in [0, 1, 0xFFFF, 0x1_0000, 0xFFFF_FFFF_FFFF] + [
            rng.randrange(1 << 48) for _ in range(50)]:
        for reg in (x23, x3):
            got, want = MacroAssembler(), MacroAssembler()
            t_props.mov48(got, reg, value)
            want.movz(reg, value & 0xFFFF)
            want.movk(reg, value >> 16 & 0xFFFF, lsl(16))
            want.movk(reg, value >> 32, lsl(32))
            assert got.finalize() == want.finalize(), hex(value)


def test_words_of_is_what_the_instructions_give() -> None:
    def build(a: MacroAssembler) -> None:
        t_props._emit_first_entry(a, t_props.IC_GETTER)
        t_props._emit_get_own(a, 5)

    words = words_of(("test", 1), build)
    assert words_of(("test", 1), build) is words  # made once
    a = MacroAssembler()
    build(a)
    b = MacroAssembler()
    b.emit_words(words)
    assert a.finalize() == b.finalize()
    # the untag run and its branch: emit_untag_ref's words
    c, d = MacroAssembler(), MacroAssembler()
    miss_c, miss_d = c.label(), d.label()
    emit_untag_ref(c, x0, x1, x2, miss_c)
    d.emit_words(words_of(("test", "untag"), lambda a: emit_untag(a, x0, x1, x2)))
    d.cbnz(x2, miss_d)
    c.bind(miss_c)
    d.bind(miss_d)
    assert c.finalize() == d.finalize()
