"""Python API of mov, movz, movn, movk against llvm-mc's recorded bytes; LLVM's
choice for ``mov #imm`` (movz, then movn, then orr); errors."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from a64jit import Assembler
from a64jit.encoding.bitmask import decode_bitmask
from a64jit.encoding.movewide import single_mov_encoding
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import (
    asr,
    lsl,
    sp,
    w0,
    w1,
    w7,
    w9,
    w11,
    w18,
    w20,
    wsp,
    wzr,
    x0,
    x1,
    x2,
    x3,
    x4,
    x6,
    x7,
    x8,
    x10,
    x14,
    x16,
    x18,
    x25,
    x28,
    xzr,
)
from tests.encoding.apicheck import api, llvm
from tests.encoding.directcall import sweep
from tests.encoding.test_bitmask_props import table

CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("mov x1, x18", lambda a: a.mov(x1, x18)),
    ("mov sp, x14", lambda a: a.mov(sp, x14)),
    ("mov x0, sp", lambda a: a.mov(x0, sp)),
    ("mov wsp, w11", lambda a: a.mov(wsp, w11)),
    ("mov xzr, x28", lambda a: a.mov(xzr, x28)),
    ("mov x6, #0xffff", lambda a: a.mov(x6, 0xFFFF)),
    ("mov x16, #0x10000", lambda a: a.mov(x16, 0x10000)),  # movz, not orr
    ("mov x28, #-65537", lambda a: a.mov(x28, -65537)),  # movn
    ("mov x25, #0xffffffff", lambda a: a.mov(x25, 0xFFFFFFFF)),  # orr
    ("mov x8, #0xffff0000ffff0000", lambda a: a.mov(x8, 0xFFFF0000FFFF0000)),
    ("mov w7, #0xffff0000", lambda a: a.mov(w7, -65536)),  # movz w7, #0xffff, lsl #16
    ("mov w18, #0x80000000", lambda a: a.mov(w18, -(1 << 31))),
    ("mov w20, #-0x80000001", lambda a: a.mov(w20, 0x7FFFFFFF)),  # movn in 32 bits
    ("mov sp, #0x80000000", lambda a: a.mov(sp, 0x80000000)),  # sp: only orr
    ("mov xzr, #0xffffffffffffedcb", lambda a: a.mov(xzr, ~0x1234)),  # zr: movn
    ("movz x3, #0x8000, lsl #48", lambda a: a.movz(x3, 0x8000, lsl(48))),
    ("movz x2, #0xffff, lsl #32", lambda a: a.movz(x2, 0xFFFF, lsl(32))),
    ("movz w9, #0x8000, lsl #16", lambda a: a.movz(w9, 0x8000, lsl(16))),
    ("movz x0, #0", lambda a: a.movz(x0, 0)),
    ("movn x7, #0x1, lsl #48", lambda a: a.movn(x7, 1, lsl(48))),
    ("movn w1, #1", lambda a: a.movn(w1, 1)),
    ("movk x4, #4660", lambda a: a.movk(x4, 0x1234)),
    ("movk x14, #0xffff, lsl #32", lambda a: a.movk(x14, 0xFFFF, lsl(32))),
    ("movk x0, #0x0, lsl #0", lambda a: a.movk(x0, 0, lsl(0))),
]


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm("moves", asm)


def test_every_vector_through_the_api() -> None:
    checked, bad = sweep("moves")
    assert checked > 9000
    assert bad == []


def _value_of(word: int, width: int) -> int:
    """What a mov word leaves in the register (a tiny model of the three classes)."""
    full = (1 << width) - 1
    if word >> 23 & 0x3F == 0b100101:  # move wide
        imm = (word >> 5 & 0xFFFF) << (16 * (word >> 21 & 3))
        return imm if word >> 29 & 3 == 2 else ~imm & full
    value = decode_bitmask(word >> 22 & 1, word >> 16 & 0x3F, word >> 10 & 0x3F, width)
    assert value is not None
    return value


@pytest.mark.parametrize("width", [32, 64])
def test_single_mov_encoding_loads_the_value(width: int) -> None:
    full = (1 << width) - 1
    samples = [0, 1, full, full - 1, 0xFFFF, 0x10000, 0x12345, 1 << (width - 1),
               0x5555555555555555 & full, 0x00FF00FF00FF00FF & full, full ^ 0x10000]
    samples += [(0xFFFF << s) & full for s in range(0, width, 4)]
    for v in samples:
        word = single_mov_encoding(v, width >> 6)
        if word is not None:
            assert _value_of(word, width) == v, hex(v)
            assert word & 31 == 0
    assert single_mov_encoding(0x12345, width >> 6) is None
    assert single_mov_encoding(full + 1, width >> 6) is None
    assert single_mov_encoding(-1, width >> 6) is None


def test_mov_priority() -> None:
    """movz beats movn beats orr, as LLVM picks (each value is encodable by the later
    forms too)."""
    movz, movn, orr = 0x52800000, 0x12800000, 0x32000000

    def word(value: int, sf: int) -> int:
        w = single_mov_encoding(value, sf)
        assert w is not None
        return w

    assert word(0xFFFF0000, 0) & 0x7F800000 == movz  # also an orr bitmask
    assert word(0xFFFEFFFF, 0) & 0x7F800000 == movn  # also an orr bitmask
    assert word(0xFFFFFFFE, 0) & 0x7F800000 == movn
    assert word(0, 0) & 0x7F800000 == movz  # 0 is movz, not movn #0xffff..
    assert word(0x7FFFFFFF, 0) & 0x7F800000 == movn
    assert word(0x7FFFFFFF, 1) & 0x7F800000 == orr  # 64-bit: no movn
    assert word(0xFFFF, 1) & 0x7F800000 == movz


@pytest.mark.parametrize(("call", "insn", "operand"), [
    (lambda a: a.mov(x0, 0x12345), "mov", "immediate"),
    (lambda a: a.mov(sp, 0x12340000), "mov", "immediate for sp"),
    (lambda a: a.mov(wsp, -1), "mov", "immediate for sp"),
    (lambda a: a.mov(xzr, 0x5555555555555555), "mov", "immediate for the zero register"),
    (lambda a: a.mov(x0, 1 << 64), "mov", "64-bit immediate"),
    # LLVM silently keeps the low 32 bits of these; a64jit refuses them
    (lambda a: a.mov(w0, 1 << 32), "mov", "32-bit immediate"),
    (lambda a: a.mov(w0, 0x100000001), "mov", "32-bit immediate"),
    (lambda a: a.movz(x0, 0x10000), "movz", "immediate"),
    (lambda a: a.movn(x0, -1), "movn", "immediate"),
    (lambda a: a.movk(w0, 1 << 16), "movk", "immediate"),
])
def test_bad_values(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(EncodingError) as exc:
        call(Assembler())
    msg = str(exc.value)
    assert msg.startswith(f"{insn}: {operand} "), msg


def test_mov_error_points_at_the_macro_assembler() -> None:
    with pytest.raises(EncodingError, match=r"MacroAssembler\.mov"):
        Assembler().mov(x0, 0x123456789)


@pytest.mark.parametrize(("call", "insn", "operand"), [
    (lambda a: a.mov(sp, xzr), "mov", "source"),
    (lambda a: a.mov(xzr, sp), "mov", "destination"),
    (lambda a: a.mov(x0, w1), "mov", "source"),
    (lambda a: a.mov(wsp, x1), "mov", "source"),
    (lambda a: a.mov(x0, 1.0), "mov", "source"),
    (lambda a: a.mov(1, x0), "mov", "destination"),
    (lambda a: a.movz(sp, 1), "movz", "destination"),
    (lambda a: a.movz(w0, 1, lsl(32)), "movz", "shift"),
    (lambda a: a.movk(x0, 1, lsl(64)), "movk", "shift"),
    (lambda a: a.movn(x0, 1, lsl(8)), "movn", "shift"),
    (lambda a: a.movk(x0, 1, asr(16)), "movk", "shift"),
    (lambda a: a.movz(x0, "1"), "movz", "immediate"),
    (lambda a: a.movz(wzr, True), "movz", "immediate"),
])
def test_bad_operands(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(OperandError) as exc:
        call(Assembler())
    msg = str(exc.value)
    assert msg.startswith(f"{insn}: {operand} "), msg


def test_fast_path_agrees_with_the_general_path() -> None:
    """Small non-negative values take a shortcut in mov; it must equal movz."""
    for v in (0, 1, 0x1234, 0xFFFF):
        for r in (x10, w9, x0, wzr):
            assert api(functools.partial(Assembler.mov, rd=r, src=v)) == api(
                functools.partial(Assembler.movz, rd=r, imm=v))


def _values(width: int) -> st.SearchStrategy[int]:
    """Random values, biased towards the shapes one instruction can load."""
    full = (1 << width) - 1
    halfword = st.builds(lambda v, s: v << s, st.integers(0, 0xFFFF),
                         st.sampled_from(range(0, width, 16)))
    return st.one_of(st.integers(0, full), halfword, halfword.map(lambda v: ~v & full),
                     st.sampled_from(sorted(table(width))))


@pytest.mark.parametrize("width", [32, 64])
@given(data=st.data())
def test_single_mov_encoding_property(width: int, data: st.DataObject) -> None:
    """A word comes back exactly when movz, movn or orr can load the value, and it
    loads that value."""
    full = (1 << width) - 1
    v = data.draw(_values(width))
    one_halfword = any(not x & ~(0xFFFF << s) for x in (v, ~v & full)
                       for s in range(0, width, 16))
    word = single_mov_encoding(v, width >> 6)
    assert (word is not None) == (one_halfword or v in table(width))
    if word is not None:
        assert _value_of(word, width) == v
