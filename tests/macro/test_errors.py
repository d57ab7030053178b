"""Issue 10 items 7 and 8 (MacroAssembler): bad operands raise ValueError/TypeError
subclasses, never AttributeError/OverflowError/plain ValueError, and the message
names the call the user made, not an instruction of its expansion."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from a64jit import MacroAssembler
from a64jit.errors import A64Error, EncodingError, OperandError
from a64jit.operands import FP_BY_PREFIX, mem, post, pre, sp, w0, w1, w12, x0, x1, xzr

D0, S0 = FP_BY_PREFIX["d"][0], FP_BY_PREFIX["s"][0]
BAD: list[Any] = [None, "x0", 1.5, float("nan"), float("inf"), 2**2000, -(2**70), 2**64,
                  10**5000, True, b"x", [1], object()]
REGS: list[Any] = [x0, w0, sp, xzr, D0, S0]
VALUES: list[Any] = [5, -1, 0x1234_5678_9ABC, -(2**63), 1e300, 0.1]

Call = Callable[[MacroAssembler, Any, Any], object]
CALLS: dict[str, Call] = {
    "add": lambda m, a, b: m.add(a, x1, b),
    "sub": lambda m, a, b: m.sub(x0, a, b),
    "adds": lambda m, a, b: m.adds(x0, a, b),
    "subs": lambda m, a, b: m.subs(a, x1, b),
    "cmp": lambda m, a, b: m.cmp(a, b),
    "cmn": lambda m, a, b: m.cmn(a, b),
    "tst": lambda m, a, b: m.tst(a, b),
    "and": lambda m, a, b: m.and_(x0, a, b),
    "orr": lambda m, a, b: m.orr(a, x1, b),
    "eor": lambda m, a, b: m.eor(x0, x1, b),
    "mov": lambda m, a, b: m.mov(a, b),
    "ldr": lambda m, a, b: m.ldr(a, mem(x1, b) if type(b) is int else b),
    "str": lambda m, a, b: m.str(a, mem(x1, b) if type(b) is int else b),
    "ldrb": lambda m, a, b: m.ldrb(a, pre(x1, b) if type(b) is int else b),
    "ldp": lambda m, a, b: m.ldp(a, x1, post(x0, b) if type(b) is int else b),
    "stp": lambda m, a, b: m.stp(x0, a, mem(sp, b) if type(b) is int else b),
    "ldr_literal": lambda m, a, b: m.ldr_literal(a, b),
    "mov_pooled": lambda m, a, b: m.mov_pooled(a, b),
    "call": lambda m, a, b: m.call(b),
    "jump": lambda m, a, b: m.jump(b),
    "fmov": lambda m, a, b: m.fmov(a, b),
    "cbz": lambda m, a, b: m.cbz(a, b),
    "tbz": lambda m, a, b: m.tbz(a, b, m.label()),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_only_value_and_type_errors(name: str) -> None:
    fn = CALLS[name]
    for a, b in itertools.product(REGS + BAD, REGS + BAD + VALUES):
        m = MacroAssembler()
        try:
            fn(m, a, b)
        except (ValueError, TypeError) as e:
            assert isinstance(e, A64Error), (name, a, b, type(e), e)
            text = str(e)
            assert len(text) < 600, text[:100]
            if name not in ("ldr", "str", "ldrb", "ldp", "stp") or type(b) is int:
                # (mem(x1, "x") itself raises, naming the memory operand)
                assert text.startswith(f"{name}: "), (name, a, b, text)


@pytest.mark.parametrize("call,text", [
    (lambda m: m.add(x0, w12, -1), "add: first source w12"),
    (lambda m: m.add(x0, w12, 0x1234_5678), "add: first source w12"),
    (lambda m: m.cmp(w0, -(2**40)), "cmp: immediate"),
    (lambda m: m.subs(w0, w1, 2**32), "subs: immediate"),
    (lambda m: m.cmn(None, 2**40), "cmn: first source None"),
    (lambda m: m.ldr_literal(D0, 2**2000), "ldr_literal: value 0x1"),
    (lambda m: m.fmov(S0, 1e300), "fmov: value 1e+300"),
    (lambda m: m.mov(x0, 10**5000), "mov: immediate 0x"),
    (lambda m: m.call(x0), "call: target x0"),
    (lambda m: m.jump(-16), "jump: address -16"),
    (lambda m: m.mov_pooled(D0, 1), "mov_pooled: register d0"),
    (lambda m: m.ldr(w0, mem(x1, 2**70)), "ldr: "),
])
def test_message_names_the_call(call: Callable[[MacroAssembler], object], text: str) -> None:
    with pytest.raises((EncodingError, OperandError)) as info:
        call(MacroAssembler())
    assert str(info.value).startswith(text), str(info.value)
    assert "sub:" not in str(info.value) and "movz" not in str(info.value)


def test_expansion_errors_are_renamed_inside_a_scratch_scope() -> None:
    # With a scratch register held, add(x0, w12, -1) takes the macro path, which
    # emits a sub: the error must still be about the add the user wrote.
    m = MacroAssembler()
    with m.scratch("outer") as s:
        s.acquire()
        cases: list[tuple[Callable[[], object], str]] = [
            (lambda: m.add(x0, w12, -1), "add"), (lambda: m.subs(x0, w12, -5), "subs"),
            (lambda: m.cmn(w0, -(2**33)), "cmn"), (lambda: m.ldr(x0, mem(x1, 1 << 40)), "ldr")]
        for call, name in cases:
            try:
                call()
            except (EncodingError, OperandError) as e:
                assert str(e).startswith(f"{name}: "), str(e)
            else:
                assert name == "ldr"  # a 40-bit offset is fine (through the held-free x17)
