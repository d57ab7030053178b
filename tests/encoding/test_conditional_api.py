"""Python API of csel ... cneg, ccmp, ccmn against llvm-mc's recorded bytes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler
from a64jit.encoding.condsel import condcmp, condsel
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import (
    AL,
    CC,
    COND_BY_CODE,
    CS,
    EQ,
    HS,
    LE,
    LO,
    NV,
    Cond,
    sp,
    w0,
    w1,
    w3,
    w5,
    w7,
    w12,
    w28,
    w30,
    wzr,
    x0,
    x1,
    x2,
    x3,
    x5,
    x7,
    x12,
    x13,
    x19,
    x23,
    x28,
    x29,
    x30,
    xzr,
)
from tests.encoding.apicheck import api, llvm, sweep

CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("csel x0, x3, x7, eq", lambda a: a.csel(x0, x3, x7, EQ)),
    ("csel x0, x3, x7, le", lambda a: a.csel(x0, x3, x7, LE)),
    ("csel w5, w28, w30, cs", lambda a: a.csel(w5, w28, w30, CS)),
    ("csel x2, x13, x29, nv", lambda a: a.csel(x2, x13, x29, NV)),
    ("csinc x5, x28, x30, cs", lambda a: a.csinc(x5, x28, x30, HS)),
    ("csinc w0, w3, w7, eq", lambda a: a.csinc(w0, w3, w7, EQ)),
    ("csinv x0, x3, x7, eq", lambda a: a.csinv(x0, x3, x7, EQ)),
    ("csinv w5, w28, w30, cs", lambda a: a.csinv(w5, w28, w30, CS)),
    ("csneg x5, x28, x30, cs", lambda a: a.csneg(x5, x28, x30, CS)),
    ("csneg w0, w3, w7, eq", lambda a: a.csneg(w0, w3, w7, EQ)),
    ("cset x30, eq", lambda a: a.cset(x30, EQ)),
    ("cset w0, eq", lambda a: a.cset(w0, EQ)),
    ("csetm x0, eq", lambda a: a.csetm(x0, EQ)),
    ("csetm w30, eq", lambda a: a.csetm(w30, EQ)),
    ("cinc x12, xzr, eq", lambda a: a.cinc(x12, xzr, EQ)),
    ("cinc w0, w3, eq", lambda a: a.cinc(w0, w3, EQ)),
    ("cinv x0, x3, eq", lambda a: a.cinv(x0, x3, EQ)),
    ("cinv w12, wzr, eq", lambda a: a.cinv(w12, wzr, EQ)),
    ("cneg x12, xzr, eq", lambda a: a.cneg(x12, xzr, EQ)),
    ("cneg w0, w3, eq", lambda a: a.cneg(w0, w3, EQ)),
    ("ccmp x28, x30, #1, lo", lambda a: a.ccmp(x28, x30, 1, LO)),
    ("ccmp x23, x19, #0, cc", lambda a: a.ccmp(x23, x19, 0, CC)),
    ("ccmp x13, #31, #1, cs", lambda a: a.ccmp(x13, 31, 1, CS)),
    ("ccmp x19, #15, #15, al", lambda a: a.ccmp(x19, 15, 15, AL)),
    ("ccmp w28, w30, #1, lo", lambda a: a.ccmp(w28, w30, 1, LO)),
    ("ccmn x3, x7, #0, eq", lambda a: a.ccmn(x3, x7, 0, EQ)),
    ("ccmn w28, w30, #1, lo", lambda a: a.ccmn(w28, w30, 1, LO)),
]


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm("conditional", asm)


def test_every_vector_through_the_api() -> None:
    assert sweep("conditional") == []


@pytest.mark.parametrize("cond", COND_BY_CODE[:14], ids=repr)
def test_aliases_invert_the_condition(cond: Cond) -> None:
    inv = ~cond
    assert api(lambda a: a.cset(x1, cond)) == api(lambda a: a.csinc(x1, xzr, xzr, inv))
    assert api(lambda a: a.csetm(w1, cond)) == api(lambda a: a.csinv(w1, wzr, wzr, inv))
    assert api(lambda a: a.cinc(x0, x2, cond)) == api(lambda a: a.csinc(x0, x2, x2, inv))
    assert api(lambda a: a.cinv(x0, x2, cond)) == api(lambda a: a.csinv(x0, x2, x2, inv))
    assert api(lambda a: a.cneg(x0, x2, cond)) == api(lambda a: a.csneg(x0, x2, x2, inv))


@pytest.mark.parametrize("insn", ["cset", "csetm"])
@pytest.mark.parametrize("cond", [AL, NV], ids=repr)
def test_set_aliases_refuse_al_nv(insn: str, cond: object) -> None:
    with pytest.raises(EncodingError, match=f"^{insn}: condition .*except AL and NV"):
        getattr(Assembler(), insn)(x0, cond)


@pytest.mark.parametrize("insn", ["cinc", "cinv", "cneg"])
@pytest.mark.parametrize("cond", [AL, NV], ids=repr)
def test_invert_aliases_refuse_al_nv(insn: str, cond: object) -> None:
    with pytest.raises(EncodingError, match=f"^{insn}: condition .*except AL and NV"):
        getattr(Assembler(), insn)(x0, x1, cond)


@pytest.mark.parametrize(("call", "insn", "operand"), [
    (lambda a: a.csel(x0, x1, w3, EQ), "csel", "second source"),
    (lambda a: a.csinc(sp, x1, x2, EQ), "csinc", "destination"),
    (lambda a: a.csinv(w0, x1, w3, EQ), "csinv", "first source"),
    (lambda a: a.csneg(x0, x1, x2, "eq"), "csneg", "condition"),
    (lambda a: a.csel(x0, x1, x2, 0), "csel", "condition"),
    (lambda a: a.cset(sp, EQ), "cset", "destination"),
    (lambda a: a.csetm(x0, None), "csetm", "condition"),
    (lambda a: a.cinc(x0, w1, EQ), "cinc", "source"),
    (lambda a: a.cneg(x0, x1, "ne"), "cneg", "condition"),
    (lambda a: a.ccmp(x0, w1, 0, EQ), "ccmp", "second operand"),
    (lambda a: a.ccmn(sp, x1, 0, EQ), "ccmn", "first operand"),
    (lambda a: a.ccmp(x0, 1.0, 0, EQ), "ccmp", "second operand"),
    (lambda a: a.ccmp(x0, x1, "nzcv", EQ), "ccmp", "nzcv"),
    (lambda a: a.ccmp(x0, 3, 0, "eq"), "ccmp", "condition"),
])
def test_bad_operands(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(OperandError) as exc:
        call(Assembler())
    msg = str(exc.value)
    assert msg.startswith(f"{insn}: {operand} "), msg


@pytest.mark.parametrize(("call", "insn", "operand"), [
    (lambda a: a.ccmp(x0, 32, 0, EQ), "ccmp", "immediate"),
    (lambda a: a.ccmn(w0, -1, 0, EQ), "ccmn", "immediate"),
    (lambda a: a.ccmp(x0, x1, 16, EQ), "ccmp", "nzcv"),
    (lambda a: a.ccmn(x0, 0, -1, EQ), "ccmn", "nzcv"),
])
def test_bad_values(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(EncodingError) as exc:
        call(Assembler())
    msg = str(exc.value)
    assert msg.startswith(f"{insn}: {operand} "), msg


def test_encoders_check_every_field() -> None:
    with pytest.raises(EncodingError, match=r"^csel: condition 16 "):
        condsel("csel", 1, 0, 0, 0, 1, 2, 16)
    with pytest.raises(EncodingError, match=r"^csel: o2 2 "):
        condsel("csel", 1, 0, 2, 0, 1, 2, 0)
    with pytest.raises(EncodingError, match=r"^csel: destination -1 "):
        condsel("csel", 1, 0, 0, -1, 1, 2, 0)
    with pytest.raises(EncodingError, match=r"^ccmp: immediate 32 "):
        condcmp("ccmp", 1, 1, 1, 0, 32, 0, 0)
    with pytest.raises(EncodingError, match=r"^ccmp: second operand 32 "):
        condcmp("ccmp", 1, 1, 0, 0, 32, 0, 0)
    with pytest.raises(EncodingError, match=r"^ccmp: nzcv 16 "):
        condcmp("ccmp", 1, 1, 1, 0, 0, 0, 16)
