"""Data directives and alignment through the Python API, against the llvm-mc programs
recorded in tests/vectors/data.txt (``.text`` of ``llvm-mc -filetype=obj``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from a64jit import Assembler
from a64jit.errors import EncodingError, OperandError
from tests.encoding.apicheck import api, llvm

G = "data"
NOP = bytes.fromhex("1f2003d5")
RET = bytes.fromhex("c0035fd6")

#: A call of an Assembler method: its name and arguments.
Step = tuple[str, tuple[Any, ...]]


def steps(*calls: Step) -> Callable[[Assembler], None]:
    """The Assembler calls ``calls``, in order, as one function of the assembler."""
    def run(a: Assembler) -> None:
        for name, args in calls:
            getattr(a, name)(*args)
    return run


NOP_ = ("nop", ())
RET_ = ("ret", ())
CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    (".byte 0, 1, 127, 128, 255, -1, -128, 90; .balign 4; nop",
     steps(("byte", (0, 1, 127, 128, 255, -1, -128, 90)), ("align", (4,)), NOP_)),
    (".hword 0, 1, 32767, 32768, 65535, -1, -32768, 4660; .balign 4; nop",
     steps(("hword", (0, 1, 32767, 32768, 65535, -1, -32768, 4660)), ("align", (4,)), NOP_)),
    (".word 0xffffffff, 4294967295; .balign 16",
     steps(("word", (0xFFFFFFFF, 4294967295)), ("align", (16,)))),
    (".quad -9223372036854775808, -9223372036854775808; .balign 16",
     steps(("quad", (-(1 << 63), -(1 << 63))), ("align", (16,)))),
    (".quad 0x123456789abcdef, 81985529216486895; .balign 16",
     lambda a: a.quad(0x0123456789ABCDEF, 81985529216486895)),
    (".byte 1; .p2align 4; ret; nop", steps(("byte", (1,)), ("align", (16,)), RET_, NOP_)),
    (".byte 1, 2, 3; .balign 8, 0; ret; nop",
     steps(("byte", (1, 2, 3)), ("align", (8, 0)), RET_, NOP_)),
    (".hword 1; .balign 32, 0xaa; ret; nop",
     steps(("hword", (1,)), ("align", (32, 0xAA)), RET_, NOP_)),
    (".balign 8, -1; .byte 1; .balign 8, -1; nop",
     steps(("align", (8, -1)), ("byte", (1,)), ("align", (8, -1)), NOP_)),
    ("nop; .byte 7; .p2align 6, 0x11; .byte 2, 3, 4; .balign 4; nop",
     steps(NOP_, ("byte", (7,)), ("align", (64, 0x11)), ("byte", (2, 3, 4)), ("align", (4,)),
           NOP_)),
    ("nop; .balign 4096; ret", steps(NOP_, ("align", (4096,)), RET_)),
    (".byte 0x12, 0x34, 0x56, 0x78, 0x9a; .balign 4; ret",
     steps(("data", (bytes.fromhex("123456789a"),)), ("align", (4,)), RET_)),
]


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm(G, asm)


def test_code_alignment_is_zeros_then_nops() -> None:
    a = Assembler()
    a.byte(1)
    a.align(16)
    assert a.finalize() == b"\x01\x00\x00\x00" + NOP * 3


def test_fill_zero_is_code_fill_like_llvm() -> None:
    assert api(steps(NOP_, ("align", (16, 0)))) == NOP * 4
    assert api(steps(NOP_, ("align", (16, 0xFF)))) == NOP + b"\xff" * 12


def test_align_already_aligned_is_a_no_op() -> None:
    assert api(steps(NOP_, ("align", (4,)), ("align", (1,)), ("align", (2,)))) == NOP


@pytest.mark.parametrize("alignment", [0, -4, 3, 12, 2.0, True])
def test_align_needs_a_power_of_two(alignment: object) -> None:
    with pytest.raises(EncodingError, match="align: alignment"):
        Assembler().align(alignment)  # type: ignore[arg-type]


@pytest.mark.parametrize("fill", [256, -129, 0x1234])
def test_align_fill_must_be_a_byte(fill: int) -> None:
    with pytest.raises(EncodingError, match=r"align: fill .* allowed: -128\.\.255"):
        Assembler().align(8, fill)


RANGES = [("byte", 1), ("hword", 2), ("word", 4), ("quad", 8)]


@pytest.mark.parametrize(("directive", "size"), RANGES)
def test_data_ranges(directive: str, size: int) -> None:
    bits = 8 * size
    a = Assembler()
    emit = getattr(a, directive)
    emit(-(1 << (bits - 1)), (1 << bits) - 1, 0)
    assert a.finalize() == (b"\x00" * (size - 1) + b"\x80") + b"\xff" * size + bytes(size)
    for bad in (1 << bits, -(1 << (bits - 1)) - 1):
        with pytest.raises(EncodingError, match=rf"^\.{directive}: value {bad}"):
            emit(bad)
    for bad_type in (1.0, "1", True, None):
        with pytest.raises(OperandError, match=rf"^\.{directive}: expected an int"):
            emit(bad_type)


def test_instruction_after_partial_word_raises() -> None:
    a = Assembler()
    a.byte(1)
    with pytest.raises(EncodingError, match="not 4-byte aligned"):
        a.nop()
    a.align(4)
    a.nop()
    assert a.finalize() == b"\x01\x00\x00\x00" + NOP


def test_data_keeps_a_partial_tail() -> None:
    a = Assembler()
    a.data(b"\x01\x02")
    a.data(b"\x03")
    assert a.offset == 3
    a.data(b"\x04\x05")
    assert a.offset == 5
    assert a.finalize() == bytes([1, 2, 3, 4, 5])


def test_quad_mixes_ints_and_labels() -> None:
    a = Assembler()
    here = a.here()
    a.quad(1, here, -1)
    assert a.finalize(0x1000) == (1).to_bytes(8, "little") + (0x1000).to_bytes(8, "little") \
        + b"\xff" * 8
