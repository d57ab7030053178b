"""Python API of clz, cls, rbit, rev, rev16, rev32, rev64 against llvm-mc's bytes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler
from a64jit.encoding import dp1src as enc
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import sp, w0, w1, w3, w12, wsp, wzr, x0, x1, x3, x12, xzr
from tests.encoding.apicheck import api, llvm, sweep

CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("clz x0, x3", lambda a: a.clz(x0, x3)),
    ("clz w12, wzr", lambda a: a.clz(w12, wzr)),
    ("cls x12, xzr", lambda a: a.cls(x12, xzr)),
    ("cls w0, w3", lambda a: a.cls(w0, w3)),
    ("rbit x0, x3", lambda a: a.rbit(x0, x3)),
    ("rbit w12, wzr", lambda a: a.rbit(w12, wzr)),
    ("rev x0, x3", lambda a: a.rev(x0, x3)),
    ("rev w0, w3", lambda a: a.rev(w0, w3)),
    ("rev16 x12, xzr", lambda a: a.rev16(x12, xzr)),
    ("rev16 w0, w3", lambda a: a.rev16(w0, w3)),
    ("rev32 x0, x3", lambda a: a.rev32(x0, x3)),
    ("rev64 x12, xzr", lambda a: a.rev64(x12, xzr)),
]


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm("bits", asm)


def test_every_vector_through_the_api() -> None:
    assert sweep("bits") == []


def test_rev64_is_rev_and_32_bit_rev_is_not_rev32() -> None:
    assert api(lambda a: a.rev64(x0, x3)) == api(lambda a: a.rev(x0, x3))
    assert api(lambda a: a.rev(x0, x3)) != api(lambda a: a.rev32(x0, x3))


@pytest.mark.parametrize(("call", "insn", "operand"), [
    (lambda a: a.clz(x0, w1), "clz", "source"),
    (lambda a: a.cls(sp, x1), "cls", "destination"),
    (lambda a: a.rbit(w0, wsp), "rbit", "source"),
    (lambda a: a.rev(w0, x1), "rev", "source"),
    (lambda a: a.rev16(1, x1), "rev16", "destination"),
    (lambda a: a.rev32(w0, w1), "rev32", "destination"),
    (lambda a: a.rev32(x0, w1), "rev32", "source"),
    (lambda a: a.rev64(w0, w1), "rev64", "destination"),
])
def test_bad_operands(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(OperandError) as exc:
        call(Assembler())
    msg = str(exc.value)
    assert msg.startswith(f"{insn}: {operand} "), msg


@pytest.mark.parametrize(("args", "match"), [
    ((0, enc.OP_REV64, 0, 1), "unallocated"),  # 32-bit has no opcode 000011
    ((1, 6, 0, 1), "unallocated"),
    ((1, -1, 0, 1), "unallocated"),
    ((2, enc.OP_CLZ, 0, 1), "sf"),
    ((1, enc.OP_CLZ, 32, 1), "destination"),
    ((1, enc.OP_CLZ, 0, -1), "source"),
])
def test_encoder_checks_every_field(args: tuple[int, int, int, int], match: str) -> None:
    with pytest.raises(EncodingError, match=f"^x: .*{match}"):
        enc.dp1src("x", *args)
