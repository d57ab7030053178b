"""``:lo12:label``: filled in by finalize(address) for add and every scaled load/store.

llvm-mc leaves these to the linker (a relocation), so there are no recorded bytes to
compare; the templates below are llvm-mc's encodings with the fixup field zero, and the
field is the label's address & 0xfff scaled by the access size (ARM ARM C6.2 "ADD
(immediate)", "LDR (immediate)" unsigned offset). tests/bridge/test_bridge_runtime.py
runs adrp + :lo12: natively and in the emulator.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler, MacroAssembler, assemble
from a64jit.errors import AsmSyntaxError, EncodingError, LabelError, OperandError
from a64jit.operands import (
    PageOffset,
    d0,
    lo12,
    mem,
    post,
    q0,
    sp,
    w0,
    w3,
    w4,
    x0,
    x1,
    x2,
)

Emit = Callable[[Assembler, PageOffset], None]

# (text with {} for the label, API call, llvm-mc template, log2 of the access size)
FORMS: list[tuple[str, Emit, int, int]] = [
    ("add x0, x1, :lo12:{}", lambda a, p: a.add(x0, x1, p), 0x91000020, 0),
    ("add w3, w4, #:lo12:{}", lambda a, p: a.add(w3, w4, p), 0x11000083, 0),
    ("add x0, sp, :lo12:{}", lambda a, p: a.add(x0, sp, p), 0x910003E0, 0),
    ("ldr x0, [x1, :lo12:{}]", lambda a, p: a.ldr(x0, mem(x1, p)), 0xF9400020, 3),
    ("ldr w0, [x1, :lo12:{}]", lambda a, p: a.ldr(w0, mem(x1, p)), 0xB9400020, 2),
    ("ldrb w0, [x1, :lo12:{}]", lambda a, p: a.ldrb(w0, mem(x1, p)), 0x39400020, 0),
    ("ldrh w0, [x1, :lo12:{}]", lambda a, p: a.ldrh(w0, mem(x1, p)), 0x79400020, 1),
    ("ldrsw x0, [x1, :lo12:{}]", lambda a, p: a.ldrsw(x0, mem(x1, p)), 0xB9800020, 2),
    ("ldr q0, [x1, :lo12:{}]", lambda a, p: a.ldr(q0, mem(x1, p)), 0x3DC00020, 4),
    ("str d0, [x1, :lo12:{}]", lambda a, p: a.str(d0, mem(x1, p)), 0xFD000020, 3),
    ("prfm pldl1keep, [x1, #:lo12:{}]", lambda a, p: a.prfm("pldl1keep", mem(x1, p)),
     0xF9800020, 3),
]


def word_at(code: bytes, offset: int) -> int:
    return int.from_bytes(code[offset:offset + 4], "little")


@pytest.mark.parametrize("text,emit,template,scale", FORMS)
@pytest.mark.parametrize("address", [0, 0x10000, 0x7FFF_F000_0FF0])
def test_field_is_the_scaled_page_offset(text: str, emit: Emit, template: int, scale: int,
                                         address: int) -> None:
    a = Assembler()
    target = a.label("target")
    emit(a, lo12(target))
    a.align(4096)
    a.quad(*[0] * 30)
    a.bind(target)  # at 0x10f0
    a.quad(0, 0)
    code = a.finalize(address)
    page_offset = (address + 0x10F0) & 0xFFF
    assert word_at(code, 0) == template | (page_offset >> scale) << 10
    zeros = ", ".join(["0"] * 30)
    source = f"{text.format('target')}\n.p2align 12\n.quad {zeros}\ntarget: .quad 0, 0"
    assert assemble(source, address) == code


def test_misaligned_page_offset_names_the_label_and_size() -> None:
    a = Assembler()
    data = a.label("data")
    a.ldr(x0, mem(x1, lo12(data)))
    a.bind(data)  # offset 4: not a multiple of 8
    a.nop()
    with pytest.raises(EncodingError, match=r"ldr: :lo12:data is 0x4, not a multiple of 8"):
        a.finalize()
    assert a.finalize(0x1004)  # 0x1008 & 0xfff = 8: fine there


def test_unbound_and_foreign_labels() -> None:
    a, b = Assembler(), Assembler()
    a.add(x0, x1, lo12(a.label("nowhere")))
    with pytest.raises(LabelError, match="nowhere"):
        a.finalize()
    with pytest.raises(LabelError, match="another assembler"):
        b.ldr(x0, mem(x1, lo12(a.label("theirs"))))


def test_only_the_forms_llvm_accepts() -> None:
    a = Assembler()
    target = a.here("t")
    bads: list[Callable[[], None]] = [
        lambda: a.sub(x0, x1, lo12(target)), lambda: a.adds(x0, x1, lo12(target)),
        lambda: a.add(x0, x1, lo12(target), x2),  # type: ignore[arg-type]
        lambda: a.ldur(x0, mem(x1, lo12(target))),
        lambda: a.ldp(x0, x1, mem(x2, lo12(target)))]
    for bad in bads:
        with pytest.raises(OperandError):
            bad()
    with pytest.raises(OperandError, match="writeback"):
        post(x1, lo12(target))  # type: ignore[arg-type]
    for text in ("sub x0, x1, :lo12:t", "ldr x0, [x1, :lo12:t]!", "ldp x0, x1, [x2, :lo12:t]"):
        with pytest.raises(AsmSyntaxError):
            assemble(f"t: {text}")


def test_never_replayed_from_the_memo() -> None:
    a = Assembler()
    data = a.label("data")
    for _ in range(3):
        a.ldr(x0, mem(x1, lo12(data)))
        a.add(x2, x1, lo12(data))
    a.bind(data)
    code = a.finalize(0)
    assert {word_at(code, i) for i in range(0, 24, 8)} == {0xF9400020 | 3 << 10}
    assert {word_at(code, i) for i in range(4, 24, 8)} == {0x91000022 | 24 << 10}


def test_macro_assembler_passes_it_through() -> None:
    m = MacroAssembler()
    data = m.label("data")
    m.adrp(x1, data)
    m.ldr(x0, mem(x1, lo12(data)))
    m.add(x0, x1, lo12(data))
    m.ret()
    m.bind(data)
    code = m.finalize(0x2000)
    assert word_at(code, 4) == 0xF9400020 | (0x2010 & 0xFFF) >> 3 << 10
    assert word_at(code, 8) == 0x91000020 | 0x010 << 10
