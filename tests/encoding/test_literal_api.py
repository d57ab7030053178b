"""Literal loads (ldr w/x/s/d/q, ldrsw, prfm) through the Python API: int offsets
against llvm-mc's recorded bytes, and forward/backward labels patched to the same
words llvm-mc gives for the equivalent numeric offset."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler, d7, q1, s0, w3, x0, x1, x2, xzr
from a64jit.errors import EncodingError, LabelError, OperandError
from a64jit.operands import Register
from tests.encoding.apicheck import api, llvm
from tests.encoding.memapi import accepted_invalid, sweep

G = "literal"

CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("ldr x0, #8", lambda a: a.ldr(x0, 8)),
    ("ldr w3, #-4", lambda a: a.ldr(w3, -4)),
    ("ldr xzr, #1048572", lambda a: a.ldr(xzr, 1048572)),
    ("ldr s0, #-1048576", lambda a: a.ldr(s0, -1048576)),
    ("ldr d7, #0", lambda a: a.ldr(d7, 0)),
    ("ldr q1, #256", lambda a: a.ldr(q1, 256)),
    ("ldrsw x2, #-16", lambda a: a.ldrsw(x2, -16)),
    ("prfm pldl1keep, #8", lambda a: a.prfm("pldl1keep", 8)),
    ("prfm #31, #-4096", lambda a: a.prfm(31, -4096)),
]


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm(G, asm)


def test_every_vector_through_the_api() -> None:
    assert sweep(G) == []


def test_every_invalid_vector_raises_through_the_api() -> None:
    assert accepted_invalid(G) == ([], 0)


FILL = 0x8B010000  # add x0, x0, x1: any instruction word will do


@pytest.mark.parametrize(("asm", "method", "reg"), [
    ("ldr x0, #-12", "ldr", x0), ("ldr q1, #-12", "ldr", q1), ("ldrsw x2, #-12", "ldrsw", x2),
    ("prfm pstl2strm, #-12", "prfm", "pstl2strm"),
])
def test_backward_label(asm: str, method: str, reg: Register | str) -> None:
    a = Assembler()
    a.emit(FILL)
    top = a.here("top")
    for _ in range(3):
        a.emit(FILL)
    getattr(a, method)(reg, top)
    assert a.finalize()[16:] == llvm(G, asm)


@pytest.mark.parametrize(("asm", "method", "reg"), [
    ("ldr w3, #12", "ldr", w3), ("ldr d7, #12", "ldr", d7), ("ldrsw x2, #12", "ldrsw", x2),
    ("prfm pldl3keep, #12", "prfm", "pldl3keep"),
])
def test_forward_label(asm: str, method: str, reg: Register | str) -> None:
    a = Assembler()
    fwd = a.label("data")
    getattr(a, method)(reg, fwd)
    for _ in range(2):
        a.emit(FILL)
    a.bind(fwd)
    a.quad(0x1122334455667788)
    code = a.finalize()
    assert code[:4] == llvm(G, asm)
    assert code[12:] == bytes.fromhex("8877665544332211")


def test_label_at_the_instruction_itself() -> None:
    a = Assembler()
    here = a.here()
    a.ldr(x0, here)
    assert a.finalize() == llvm(G, "ldr x0, #0")


def test_text_front_end_labels_agree() -> None:
    from a64jit import assemble

    a = Assembler()
    lit = a.label()
    a.ldr(x1, lit)
    a.prfm("pldl1keep", lit)
    a.bind(lit)
    a.quad(7)
    assert assemble("ldr x1, lit\nprfm pldl1keep, lit\nlit: .quad 7") == a.finalize()


def test_forward_label_out_of_range() -> None:
    a = Assembler()
    far = a.label("far")
    a.ldr(x0, far)
    a.data(bytes((1 << 20) - 4))  # the label lands exactly 1 MiB ahead: one word too far
    with pytest.raises(EncodingError, match=r"^ldr: target offset 1048576 "):
        a.bind(far)


def test_backward_label_edge_of_range() -> None:
    a = Assembler()
    top = a.here()
    a.data(bytes(1 << 20))
    a.ldr(x0, top)  # exactly -1 MiB: the last one that fits
    assert a.finalize()[-4:] == llvm(G, "ldr x0, #-1048576")
    a.emit(FILL)
    with pytest.raises(EncodingError, match=r"^ldrsw: target offset -1048584 "):
        a.ldrsw(x0, top)


@pytest.mark.parametrize(("call", "exc", "insn", "operand"), [
    (lambda a: a.ldr(x0, 2), EncodingError, "ldr", "target offset"),
    (lambda a: a.ldr(x0, 1 << 20), EncodingError, "ldr", "target offset"),
    (lambda a: a.ldr(x0, 4.0), OperandError, "ldr", "target"),
    (lambda a: a.ldr(x0, Assembler().label()), LabelError, "ldr", "label"),
    (lambda a: a.prfm("pldl1keep", -1048580), EncodingError, "prfm", "target offset"),
    (lambda a: a.ldrsw(w3, 8), OperandError, "ldrsw", "transfer register"),
    (lambda a: a.ldrb(w3, 8), OperandError, "ldrb", "address"),
])
def test_bad_literals(call: Callable[[Assembler], object], exc: type[Exception], insn: str,
                      operand: str) -> None:
    a = Assembler()
    with pytest.raises(exc) as info:
        call(a)
    assert str(info.value).startswith(f"{insn}: {operand}"), str(info.value)
    assert a.offset == 0


def test_unbound_label_at_finalize() -> None:
    a = Assembler()
    a.ldr(x0, a.label("nowhere"))
    with pytest.raises(LabelError, match="nowhere"):
        a.finalize()
