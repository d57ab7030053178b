"""Python API of b, bl, b.cond, cbz, cbnz, tbz, tbnz, br, blr, ret, adr, adrp against
llvm-mc's recorded bytes (tests/vectors/branch.txt), and their errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler
from a64jit.encoding import branch as enc
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import (
    AL,
    CC,
    COND_BY_CODE,
    CONDITIONS,
    CS,
    EQ,
    HS,
    LO,
    NV,
    d0,
    sp,
    w0,
    w3,
    w9,
    w30,
    wsp,
    wzr,
    x0,
    x1,
    x3,
    x7,
    x11,
    x19,
    x30,
    xzr,
)
from tests.encoding.apicheck import api, call_of, llvm
from tests.encoding.ctlsweep import sweep

G = "branch"
CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("b #32", lambda a: a.b(32)),
    ("b #-64", lambda a: a.b(-64)),
    ("b #134217724", lambda a: a.b(134217724)),
    ("b #-134217728", lambda a: a.b(-134217728)),
    ("b #0xfffffffffffffff0", lambda a: a.b(0xFFFFFFFFFFFFFFF0)),  # LLVM: 64-bit wrap
    ("bl #0", lambda a: a.bl(0)),
    ("bl #-134217728", lambda a: a.bl(-134217728)),
    ("b.eq #1048572", lambda a: a.b_eq(1048572)),
    ("b.eq #-1048576", lambda a: a.b_eq(-1048576)),
    ("b.ne #4", lambda a: a.b_ne(4)),
    ("b.cs #4", lambda a: a.b_cs(4)),
    ("b.hs #4", lambda a: a.b_cond(HS, 4)),
    ("b.cc #-4", lambda a: a.b_cc(-4)),
    ("b.lo #-4", lambda a: a.b_cond(CC, -4)),
    ("b.al #0", lambda a: a.b_cond(AL, 0)),
    ("b.nv #0", lambda a: a.b_nv(0)),
    ("beq #-8", lambda a: a.beq(-8)),
    ("B.LE #12", lambda a: a.b_le(12)),
    ("cbz x7, #0", lambda a: a.cbz(x7, 0)),
    ("cbz x7, #1048572", lambda a: a.cbz(x7, 1048572)),
    ("cbnz x7, #-1048576", lambda a: a.cbnz(x7, -1048576)),
    ("cbz xzr, #-4", lambda a: a.cbz(xzr, -4)),
    ("cbnz wzr, #32", lambda a: a.cbnz(wzr, 32)),
    ("tbz x30, #0, #4", lambda a: a.tbz(x30, 0, 4)),
    ("tbnz w30, #0, #4", lambda a: a.tbnz(w30, 0, 4)),
    ("tbz w9, #9, #32764", lambda a: a.tbz(w9, 9, 32764)),
    ("tbnz w9, #9, #-32768", lambda a: a.tbnz(w9, 9, -32768)),
    ("br x0", lambda a: a.br(x0)),
    ("blr x30", lambda a: a.blr(x30)),
    ("br xzr", lambda a: a.br(xzr)),
    ("ret", lambda a: a.ret()),
    ("ret x3", lambda a: a.ret(x3)),
    ("adr x11, #1048575", lambda a: a.adr(x11, 1048575)),
    ("adr x11, #-1048576", lambda a: a.adr(x11, -1048576)),
    ("adr x11, #3", lambda a: a.adr(x11, 3)),
    ("adrp x19, #4096", lambda a: a.adrp(x19, 4096)),
    ("adrp x19, #4294963200", lambda a: a.adrp(x19, 4294963200)),
    ("adrp x19, #-4294967296", lambda a: a.adrp(x19, -4294967296)),
]


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[c[0] for c in CASES])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm(G, asm)


def test_every_vector_through_the_api() -> None:
    count, bad = sweep(G)
    assert count > 600
    assert not bad, "\n".join(bad[:20])


def test_tbz_x_register_low_bits_equal_w_register() -> None:
    # LLVM prints "tbz w3, #5" for an x register with a bit below 32: same encoding.
    assert api(lambda a: a.tbz(x3, 5, 32)) == api(lambda a: a.tbz(w3, 5, 32))
    assert api(lambda a: a.tbz(x3, 32, 0)) != api(lambda a: a.tbz(w3, 0, 0))


@pytest.mark.parametrize("cond", COND_BY_CODE)
def test_every_condition_method_equals_b_cond(cond: object) -> None:
    name = [n for n, c in CONDITIONS.items() if c is cond]
    for n in name:
        assert api(call_of(f"b_{n}", -64)) == api(call_of("b_cond", cond, -64))
        assert api(call_of(f"b{n}", -64)) == api(call_of("b_cond", cond, -64))


def test_generated_methods_are_documented() -> None:
    assert Assembler.b_eq.__name__ == "b_eq"
    assert "b.eq" in (Assembler.b_eq.__doc__ or "")
    assert "b.hs" in (Assembler.b_cs.__doc__ or "")


BAD_OPERANDS: list[tuple[Callable[[Assembler], object], str, str]] = [
    (lambda a: a.b("label"), "b", "target"),  # type: ignore[arg-type]
    (lambda a: a.b(x0), "b", "target"),  # type: ignore[arg-type]
    (lambda a: a.bl(1.0), "bl", "target"),  # type: ignore[arg-type]
    (lambda a: a.b_cond("eq", 0), "b.cond", "condition"),  # type: ignore[arg-type]
    (lambda a: a.cbz(sp, 0), "cbz", "register"),
    (lambda a: a.cbnz(wsp, 0), "cbnz", "register"),
    (lambda a: a.cbz(d0, 0), "cbz", "register"),  # type: ignore[arg-type]
    (lambda a: a.tbz(sp, 1, 0), "tbz", "register"),
    (lambda a: a.tbnz(x1, x1, 0), "tbnz", "bit number"),  # type: ignore[arg-type]
    (lambda a: a.tbz(x1, True, 0), "tbz", "bit number"),
    (lambda a: a.br(w0), "br", "register"),
    (lambda a: a.blr(sp), "blr", "register"),
    (lambda a: a.ret(w30), "ret", "register"),
    (lambda a: a.adr(sp, 0), "adr", "destination"),
    (lambda a: a.adr(w0, 0), "adr", "destination"),
    (lambda a: a.adrp(sp, 0), "adrp", "destination"),
]


@pytest.mark.parametrize(("call", "insn", "operand"), BAD_OPERANDS)
def test_bad_operands(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(OperandError) as info:
        call(Assembler())
    assert str(info.value).startswith(insn + ":")
    assert operand in str(info.value)


BAD_VALUES: list[tuple[Callable[[Assembler], object], str, str]] = [
    (lambda a: a.b(2), "b", "-134217728..134217724, a multiple of 4"),
    (lambda a: a.b(134217728), "b", "-134217728..134217724"),
    (lambda a: a.bl(-134217732), "bl", "-134217728..134217724"),
    (lambda a: a.b(1 << 64), "b", "-134217728"),
    (lambda a: a.b_eq(1048576), "b.eq", "-1048576..1048572"),
    (lambda a: a.b_cond(NV, 6), "b.nv", "a multiple of 4"),
    (lambda a: a.b_hs(-1048580), "b.hs", "-1048576..1048572"),
    (lambda a: a.cbz(x0, 1048576), "cbz", "-1048576..1048572"),
    (lambda a: a.cbnz(w0, 2), "cbnz", "a multiple of 4"),
    (lambda a: a.tbz(x0, 64, 0), "tbz", "0..63"),
    (lambda a: a.tbz(w0, 32, 0), "tbz", "0..31"),
    (lambda a: a.tbnz(w0, -1, 0), "tbnz", "0..31"),
    (lambda a: a.tbz(x0, 1, 32768), "tbz", "-32768..32764"),
    (lambda a: a.tbnz(x0, 1, -32772), "tbnz", "-32768..32764"),
    (lambda a: a.adr(x0, 1048576), "adr", "-1048576..1048575"),
    (lambda a: a.adr(x0, -1048577), "adr", "-1048576..1048575"),
    (lambda a: a.adrp(x0, 4095), "adrp", "a multiple of 4096"),
    (lambda a: a.adrp(x0, 1 << 32), "adrp", "-4294967296..4294963200"),
]


@pytest.mark.parametrize(("call", "insn", "allowed"), BAD_VALUES)
def test_bad_values(call: Callable[[Assembler], object], insn: str, allowed: str) -> None:
    a = Assembler()
    with pytest.raises(EncodingError) as info:
        call(a)
    assert str(info.value).startswith(insn + ":")
    assert "target offset" in str(info.value) or "bit number" in str(info.value)
    assert allowed in str(info.value)
    assert a.offset == 0  # nothing emitted


def test_encoders_check_every_field() -> None:
    assert enc.cond_branch("b.cond", 15) == 0x5400000F
    assert enc.compare_branch("cbz", 1, 1, 31) == 0xB500001F
    assert enc.test_branch("tbz", 1, 63, 31) == 0xB7F8001F
    assert enc.branch_reg("ret", 2, 30) == 0xD65F03C0
    assert enc.pcrel_addr("adrp", 1, 31) == 0x9000001F
    assert enc.uncond_imm("bl", 1) == enc.BL
    bads: list[Callable[[], object]] = [
        lambda: enc.cond_branch("b.cond", 16), lambda: enc.cond_branch("b.cond", -1),
        lambda: enc.compare_branch("cbz", 2, 0, 0),
        lambda: enc.compare_branch("cbz", 0, 0, 32),
        lambda: enc.test_branch("tbz", 0, 64, 0),
        lambda: enc.test_branch("tbz", 0, -1, 0),
        lambda: enc.branch_reg("br", 3, 0), lambda: enc.branch_reg("br", 0, 32),
        lambda: enc.pcrel_addr("adr", 0, -1), lambda: enc.uncond_imm("b", 2)]
    for bad in bads:
        with pytest.raises(EncodingError):
            bad()


def test_spellings_are_aliases() -> None:
    assert api(lambda a: a.b_cond(CS, 8)) == api(lambda a: a.b_cond(HS, 8))
    assert api(lambda a: a.b_cond(LO, 8)) == api(lambda a: a.b_lo(8)) == api(lambda a: a.blo(8))
    assert api(lambda a: a.b_cond(EQ, 8)) == bytes.fromhex("40000054")
