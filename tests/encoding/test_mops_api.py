"""Memory copy and set (FEAT_MOPS) through the Python API: every recorded llvm-mc vector
called with typed operands (``wb(mem(x0))``, ``wb(x2)``), the writeback operands, the
table's rows and the errors."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any, cast

import pytest

from a64jit import Assembler, assemble
from a64jit.assembler import table
from a64jit.assembler.mops import MOPS
from a64jit.errors import AsmSyntaxError, EncodingError, OperandError
from a64jit.operands import (
    REGISTERS,
    GPRegister,
    WbMem,
    WbReg,
    mem,
    pre,
    sp,
    w2,
    wb,
    x0,
    x1,
    x2,
    x3,
    x30,
    xzr,
)
from tests.encoding.apicheck import api, llvm
from tests.vectorfiles import valid

_OPERAND = re.compile(r"\s*(\[\s*(\w+)\s*\]\s*!|(\w+)\s*(!)?)\s*\Z")


def _typed(text: str) -> object:
    """One operand of a recorded line as the Python API spells it."""
    m = _OPERAND.match(text)
    assert m, text
    if m.group(2):
        base = REGISTERS[m.group(2).lower()]
        assert isinstance(base, GPRegister)
        return wb(mem(base))
    reg = REGISTERS[m.group(3).lower()]
    assert isinstance(reg, GPRegister)
    return wb(reg) if m.group(4) else reg


def test_every_vector_through_the_python_api() -> None:
    vectors = valid("mops")
    assert len(vectors) >= 600
    bad = []
    for code, asm in vectors:
        mnemonic, _, rest = asm.strip().replace("\t", " ").partition(" ")
        args = [_typed(t) for t in rest.split(",")]
        a = Assembler()
        getattr(a, mnemonic.lower())(*args)
        got = a.finalize()
        if got != code:
            bad.append(f"{asm}: got {got.hex()} expected {code.hex()}")
    assert not bad, "\n".join(bad[:20])


def test_table_lists_every_form() -> None:
    names = {spec.name for spec in MOPS.rows.values()}
    assert len(names) == 120  # 2 x 3 phases x 16 copy options, 2 x 3 x 4 set options
    assert {"cpyfp", "cpyfptn", "cpyewtrn", "cpymrtwn", "setp", "setgetn", "setmn"} <= names
    known = table.mnemonics()
    assert all(known[n].table is MOPS for n in names)
    for name in names:  # each row is a real method with the form's signature
        method = getattr(Assembler, name)
        params = list(inspect.signature(method).parameters)
        assert params == (["self", "dst", "src", "size"] if name.startswith("cpy")
                          else ["self", "dst", "size", "src"]), name
        assert method.__doc__.startswith(f"``{name} [xd]!"), name


CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("cpyfp [x0]!, [x1]!, x2!", lambda a: a.cpyfp(wb(mem(x0)), wb(mem(x1)), wb(x2))),
    ("cpymrtwn [x30]!, [x29]!, x28!",
     lambda a: a.cpymrtwn(dst=wb(mem(x30)), src=wb(mem(REG("x29"))), size=wb(REG("x28")))),
    ("cpyfewtn [x1]!, [x30]!, xzr!", lambda a: a.cpyfewtn(wb(mem(x1)), wb(mem(x30)), wb(xzr))),
    ("setp [x0]!, x1!, x2", lambda a: a.setp(wb(mem(x0)), wb(x1), x2)),
    ("setgetn [x17]!, x5!, xzr", lambda a: a.setgetn(wb(mem(REG("x17"))), wb(REG("x5")), xzr)),
]


def REG(name: str) -> GPRegister:
    reg = REGISTERS[name]
    assert isinstance(reg, GPRegister)
    return reg


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm("mops", asm)


def test_writeback_operands() -> None:
    assert repr(wb(x2)) == "x2!" and repr(wb(mem(x0))) == "[x0]!" and repr(wb(mem(sp))) == "[sp]!"
    assert wb(x2) == wb(x2) and hash(wb(x2)) == hash(WbReg(x2)) and wb(x2) != wb(x3)
    assert wb(mem(x0)) == WbMem(x0) and wb(mem(x0)) != wb(x0) and wb(mem(x0)) != mem(x0)
    with pytest.raises(AttributeError):
        wb(x2).reg = x3
    for bad in (mem(x0, 8), pre(x0, 0), mem(x0, x1), 3, "x0", None):
        with pytest.raises(OperandError, match="wb: expected"):
            wb(cast(Any, bad))
    with pytest.raises(OperandError, match="base must be an x register"):
        WbMem(w2)
    with pytest.raises(OperandError, match="general-purpose register"):
        WbReg(3)  # type: ignore[arg-type]


BAD: list[tuple[Callable[[Assembler], object], type[Exception], str]] = [
    (lambda a: a.cpyfp(wb(mem(x0)), wb(mem(x0)), wb(x2)), EncodingError,
     r"cpyfp: destination \[x0\]! and source \[x0\]! are the same register"),
    (lambda a: a.cpyp(wb(mem(x0)), wb(mem(x1)), wb(x0)), EncodingError,
     r"cpyp: destination \[x0\]! and size x0! are the same register"),
    (lambda a: a.cpye(wb(mem(x0)), wb(mem(x1)), wb(x1)), EncodingError,
     r"cpye: source \[x1\]! and size x1! are the same register"),
    (lambda a: a.setp(wb(mem(x0)), wb(x1), x1), EncodingError,
     r"setp: size x1! and source x1 are the same register"),
    (lambda a: a.setm(wb(mem(x0)), wb(xzr), xzr), EncodingError,
     r"setm: size xzr! and source xzr are the same register"),
    (lambda a: a.cpyfp(x0, x1, x2), OperandError,  # type: ignore[arg-type]
     r"cpyfp: destination x0 is not valid here; expected an address register \[x0\]!"),
    (lambda a: a.cpyfp(pre(x0, 0), wb(mem(x1)), wb(x2)), OperandError,  # type: ignore[arg-type]
     r"cpyfp: destination \[x0, #0\]! is a pre-indexed memory operand"),
    (lambda a: a.cpyfp(wb(mem(x0)), wb(mem(sp)), wb(x2)), OperandError,
     r"cpyfp: source \[sp\]! is not valid here; .*not sp"),
    (lambda a: a.cpyfp(wb(mem(x0)), wb(mem(x1)), x2), OperandError,  # type: ignore[arg-type]
     r"cpyfp: size x2 is not valid here; expected x0!..x30! or xzr!"),
    (lambda a: a.cpyfp(wb(mem(x0)), wb(mem(x1)), wb(w2)), OperandError,
     r"cpyfp: size w2! is not valid here"),
    (lambda a: a.setp(wb(mem(x0)), wb(sp), x2), OperandError, r"setp: size sp! is not valid"),
    (lambda a: a.setp(wb(mem(x0)), wb(x1), wb(x2)), OperandError,  # type: ignore[arg-type]
     r"setp: source x2! is not valid here; expected a 64-bit general-purpose register"),
    (lambda a: a.setp(wb(mem(x0)), wb(x1), sp), OperandError, r"setp: source sp is not valid"),
    (lambda a: a.setp(wb(mem(x0)), wb(x1)), OperandError,  # type: ignore[call-arg]
     r"setp: expected 3 operands, got 2"),
]


@pytest.mark.parametrize(("call", "exc", "message"), BAD, ids=[b[2][:40] for b in BAD])
def test_errors(call: Callable[[Assembler], object], exc: type[Exception], message: str) -> None:
    with pytest.raises(exc, match=message):
        call(Assembler())


def test_text_errors_point_at_the_operand() -> None:
    with pytest.raises(AsmSyntaxError, match="column 21: cpyfp: size x2 is not valid"):
        assemble("cpyfp [x0]!, [x1]!, x2")
    with pytest.raises(AsmSyntaxError, match="column 18: setp: source x2! is not valid"):
        assemble("setp [x0]!, x1!, x2!")
    # Only the memory copy and set instructions read "[xn]!" as an updated register.
    with pytest.raises(AsmSyntaxError, match="column 13: ldr: '!' needs an offset"):
        assemble("ldr x0, [x1]!")
