"""Python API of CRC32, PAuth, FlagM, ldtr/sttr, RCPC2 and the system additions against
llvm-mc's recorded bytes, and their errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import (
    W_BY_CODE,
    X_BY_CODE,
    GPRegister,
    mem,
    post,
    pre,
    sp,
    w0,
    w1,
    w2,
    x0,
    x1,
    x2,
    xzr,
)
from tests.encoding.apicheck import api, llvm

CASES: list[tuple[str, str, Callable[[Assembler], object]]] = [
    ("crc", "crc32b w1, w8, w18", lambda a: a.crc32b(w1, _w(8), _w(18))),
    ("crc", "crc32cx w1, w8, x18", lambda a: a.crc32cx(w1, _w(8), _x(18))),
    ("pauth", "pacia x28, sp", lambda a: a.pacia(_x(28), sp)),
    ("pauth", "autdzb xzr", lambda a: a.autdzb(xzr)),
    ("pauth", "braa x7, x11", lambda a: a.braa(_x(7), _x(11))),
    ("pauth", "retab", lambda a: a.retab()),
    ("pauth", "ldraa x1, [x2, #-4096]", lambda a: a.ldraa(x1, mem(x2, -4096))),
    ("pauth", "ldrab x3, [sp, #4088]!", lambda a: a.ldrab(_x(3), pre(sp, 4088))),
    ("flagm", "rmif x3, #63, #15", lambda a: a.rmif(_x(3), 63, 15)),
    ("flagm", "setf16 wzr", lambda a: a.setf16(_w(31))),
    ("flagm", "axflag", lambda a: a.axflag()),
    ("unpriv", "ldtrsb x5, [x7, #-256]", lambda a: a.ldtrsb(_x(5), mem(_x(7), -256))),
    ("unpriv", "stlurh w5, [x7, #255]", lambda a: a.stlurh(_w(5), mem(_x(7), 255))),
    ("sysext", "tlbi vmalle1", lambda a: a.tlbi("vmalle1")),
    ("sysext", "at s1e1r, x30", lambda a: a.at("S1E1R", _x(30))),
    ("sysext", "sys #3, c7, c5, #1, x9", lambda a: a.sys(3, "c7", 5, 1, _x(9))),
    ("sysext", "sysl x1, #0, c7, c1, #0", lambda a: a.sysl(x1, 0, 7, "C1", 0)),
    ("sysext", "psb csync", lambda a: a.psb("csync")),
    ("sysext", "sb", lambda a: a.sb()),
    ("sysext", "msr dit, #1", lambda a: a.msr("DIT", 1)),
]


def _w(n: int) -> GPRegister:
    return W_BY_CODE[n]


def _x(n: int) -> GPRegister:
    return X_BY_CODE[n]


@pytest.mark.parametrize(("group", "asm", "call"), CASES, ids=[c[1] for c in CASES])
def test_api_matches_llvm(group: str, asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm(group, asm)


BAD: list[tuple[Callable[[Assembler], object], type[Exception], str]] = [
    (lambda a: a.crc32x(w0, w1, w2), OperandError, "crc32x: data w2 .*64-bit"),
    (lambda a: a.crc32b(x0, w1, w2), OperandError, "crc32b: destination x0"),
    (lambda a: a.pacia(sp, x1), OperandError, "pacia: register sp"),
    (lambda a: a.ldraa(x0, mem(x1, 4)), EncodingError, "ldraa: offset 4 .*multiple of 8"),
    (lambda a: a.ldraa(x0, post(x1, 8)), OperandError, "ldraa: memory operand"),
    (lambda a: a.rmif(x1, 64, 0), EncodingError, "rmif: rotation 64"),
    (lambda a: a.ldtrb(x1, mem(x2)), OperandError, "ldtrb: register x1 .*w0-w30"),
    (lambda a: a.ldapur(x1, mem(x2, 256)), EncodingError, "ldapur: offset 256 .*-256..255"),
    (lambda a: a.stlur(w1, pre(x2, 8)), OperandError, "stlur: memory operand"),
    (lambda a: a.tlbi("vae1"), OperandError, "tlbi: register None .*takes one"),
    (lambda a: a.tlbi("vmalle1", x0), OperandError, "tlbi: register x0 .*takes no register"),
    (lambda a: a.at("foo", x0), EncodingError, "at: operation 'foo' .*s1e1r"),
    (lambda a: a.sys(8, 0, 0, 0), EncodingError, "sys: op1 8"),
    (lambda a: a.sys(0, "c16", 0, 0), EncodingError, "sys: Cn 'c16'"),
    (lambda a: a.psb("sy"), EncodingError, "psb: operation 'sy' .*csync"),
    (lambda a: a.msr("pan", 2), EncodingError, "msr: immediate 2 .*0..1"),
    (lambda a: a.mrs(x0, "icc_eoir0_el1"), EncodingError, "mrs: .*readable"),
]


@pytest.mark.parametrize(("call", "exc", "match"), BAD, ids=[b[2] for b in BAD])
def test_errors_name_the_instruction_and_operand(call: Callable[[Assembler], object],
                                                  exc: type[Exception], match: str) -> None:
    a = Assembler()
    with pytest.raises(exc, match=match):
        call(a)
    assert a.offset == 0
