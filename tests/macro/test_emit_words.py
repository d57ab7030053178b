"""Assembler.emit_words (a run of words made once, copied in one call) and
Assembler.label_at (a label for an offset recorded earlier as an int), on both
assemblers: the same words as the instruction methods, pools and veneers honoured,
misuse refused; and a MacroAssembler is no reference cycle (its labels and fixups go
with its last reference)."""

from __future__ import annotations

import gc
from array import array

import pytest

from a64jit import Assembler, MacroAssembler, x0, x1
from a64jit.errors import EncodingError, LabelError, OperandError

NOP = 0xD503201F


def _words(build: object) -> array[int]:
    a = MacroAssembler()
    build(a)  # type: ignore[operator]
    raw = a.finalize()
    return array("I", [int.from_bytes(raw[i:i + 4], "little") for i in range(0, len(raw), 4)])


@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_emit_words_gives_the_instructions_words(cls: type[Assembler]) -> None:
    def body(a: Assembler) -> None:
        a.add(x0, x0, 1)
        a.eor(x1, x1, x0)

    run = _words(body)
    a, b = cls(), cls()
    for asm in (a, b):
        done = asm.label()
        asm.cbz(x0, done)
        if asm is a:
            body(asm)
        else:
            asm.emit_words(run)
        asm.bind(done)
        asm.ret()
    assert a.finalize() == b.finalize()


@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_emit_words_refuses_other_sequences(cls: type[Assembler]) -> None:
    a = cls()
    for bad in ([NOP], (NOP,), array("H", [1]), array("i", [1]), b"\x1f\x20\x03\xd5"):
        with pytest.raises(OperandError, match="emit_words: expected an array"):
            a.emit_words(bad)  # type: ignore[arg-type]
    a.byte(1)
    with pytest.raises(EncodingError, match="not 4-byte aligned"):
        a.emit_words(array("I", [NOP]))


def test_emit_words_lets_a_veneer_in_when_one_falls_due() -> None:
    """A b.cond pending over more than its 1 MiB reach: the words of a long run are
    counted as the instruction methods' are, and the pool goes where it is due."""
    run = array("I", [NOP] * 4096)
    a, b = MacroAssembler(), MacroAssembler()
    for asm, by_run in ((a, False), (b, True)):
        far = asm.label()
        asm.b_eq(far)
        for _ in range(80):  # 80 x 16 KiB
            if by_run:
                asm.emit_words(run)
            else:
                for _ in range(4096):
                    asm.nop()
        asm.bind(far)
        asm.ret()
    assert a.finalize() == b.finalize()
    assert len(a.finalize()) > 80 * 4096 * 4 + 8  # (a veneer and the branch over it)


@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_label_at_binds_an_earlier_offset(cls: type[Assembler]) -> None:
    a, b = cls(), cls()
    top = a.here()
    at = b.offset
    a.add(x0, x0, 1)
    b.add(x0, x0, 1)
    a.b_ne(top)
    back = b.label_at(at, "top")
    assert back.offset == at and back.name == "top"
    b.b_ne(back)
    assert a.finalize() == b.finalize()
    with pytest.raises(LabelError, match="not a word boundary"):
        b.label_at(2)
    with pytest.raises(LabelError, match="not a word boundary"):
        b.label_at(b.offset + 4)
    with pytest.raises(OperandError, match="offset must be an int"):
        b.label_at("0")  # type: ignore[arg-type]
    plain = b.label_at(at)  # (no name: the inline path)
    assert plain.offset == at and plain.name is None and plain._refs is None
    assert plain.owner is b and plain in b._labels
    b.cbz(x1, plain)
    assert b.finalize()[-4:] == _cbz_back(b.offset - 4 - at)
    with pytest.raises(LabelError, match="not a word boundary"):
        b.label_at(-4)


def _cbz_back(delta: int) -> bytes:
    ref = Assembler()
    ref.cbz(x1, -delta)
    return ref.finalize()


def test_a_macro_assembler_is_no_reference_cycle() -> None:
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        m = MacroAssembler()
        far = m.label()
        m.cbz(x0, far)  # (a pending short branch: the counting put)
        with m.scratch() as s:
            s.acquire()
            with m.scratch():  # (a nested scope over a held register: the pool's hook)
                m.add(x0, x0, 1)
        m.mov(x1, 0x1234_5678_9ABC)
        m.bind(far)
        m.finalize()
        del m, far, s
        found = gc.collect()
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()
    assert found == 0


@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_bind_at_binds_a_label_with_references_to_an_emitted_word(cls: type[Assembler]) -> None:
    """Forward references to stubs emitted as one run, their labels bound after it:
    the words of binding each before its stub."""
    a, b = cls(), cls()
    la, lb = [a.label() for _ in range(3)], [b.label() for _ in range(3)]
    for asm, labs in ((a, la), (b, lb)):
        asm.cbz(x0, labs[2])
        asm.b_ne(labs[0])
        asm.b(labs[1])
    for lab in la:
        a.bind(lab)
        a.nop()
    start = b.offset
    b.emit_words(array("I", [NOP] * 3))
    for i, lab in enumerate(lb):
        b.bind_at(lab, start + 4 * i)
    assert a.finalize() == b.finalize()
    with pytest.raises(LabelError, match="already bound"):
        b.bind_at(lb[0], 0)
    with pytest.raises(LabelError, match="not a word boundary"):
        b.bind_at(b.label(), b.offset + 4)
    with pytest.raises(OperandError, match="offset must be an int"):
        b.bind_at(b.label(), None)  # type: ignore[arg-type]
    with pytest.raises(LabelError):
        b.bind_at(a.label(), 0)  # another assembler's
    with pytest.raises(LabelError, match="not a word boundary"):
        b.bind_at(b.label(), -4)
    with pytest.raises(OperandError, match="expected a Label"):
        b.bind_at(0, 0)  # type: ignore[arg-type]
    sub = type("Sub", (type(lb[0]),), {})()  # a subclass of Label is bound, as before
    sub._home, sub.offset, sub._refs = b._home, None, None
    b.bind_at(sub, 4)
    assert sub.offset == 4
