"""Python API of the system group (hints, exceptions, barriers, mrs/msr, dc/ic) against
llvm-mc's recorded bytes (tests/vectors/system.txt), and its errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler
from a64jit.encoding import system as enc
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import sp, w0, x0, x5, x6, x7, x10, x21, x30, xzr
from tests.encoding.apicheck import api, call_of, llvm
from tests.encoding.ctlsweep import sweep

G = "system"
CASES: list[tuple[str, Callable[[Assembler], object]]] = [
    ("yield", lambda a: a.yield_()),
    ("paciasp", lambda a: a.paciasp()),
    ("hint #127", lambda a: a.hint(127)),
    ("bti c", lambda a: a.bti("c")),
    ("brk #65535", lambda a: a.brk(0xFFFF)),
    ("udf #0", lambda a: a.udf(0)),
    ("svc #0", lambda a: a.svc(0)),
    ("hvc #0x1234", lambda a: a.hvc(0x1234)),
    ("smc #1", lambda a: a.smc(1)),
    ("hlt #1", lambda a: a.hlt(1)),
    ("dcps1", lambda a: a.dcps1()),
    ("dmb ish", lambda a: a.dmb("ish")),
    ("dmb ish", lambda a: a.dmb("ISH")),
    ("dmb ish", lambda a: a.dmb(11)),
    ("dmb #0", lambda a: a.dmb(0)),
    ("dsb sy", lambda a: a.dsb("sy")),
    ("isb", lambda a: a.isb()),
    ("isb", lambda a: a.isb("SY")),
    ("isb #0", lambda a: a.isb(0)),
    ("clrex", lambda a: a.clrex()),
    ("mrs x0, nzcv", lambda a: a.mrs(x0, "nzcv")),
    ("mrs x30, nzcv", lambda a: a.mrs(x30, "NZCV")),
    ("mrs x10, ctr_el0", lambda a: a.mrs(x10, "ctr_el0")),
    ("mrs x10, CTR_EL0", lambda a: a.mrs(x10, "s3_3_c0_c0_1")),
    ("msr cntfrq_el0, x21", lambda a: a.msr("cntfrq_el0", x21)),
    ("msr tpidr_el0, x0", lambda a: a.msr("TPIDR_EL0", x0)),
    ("mrs x5, s3_1_c0_c0_0", lambda a: a.mrs(x5, "ccsidr_el1")),
    ("msr s3_7_c15_c15_7, x6", lambda a: a.msr("s3_7_c15_c15_7", x6)),
    ("mrs x7, S3_7_C15_C15_7", lambda a: a.mrs(x7, "S3_7_C15_C15_7")),
    ("msr spsel, #15", lambda a: a.msr("spsel", 15)),
    ("msr daifset, #0", lambda a: a.msr("DAIFSet", 0)),
    ("dc zva, x0", lambda a: a.dc("zva", x0)),
    ("ic ivau, x0", lambda a: a.ic("ivau", x0)),
    ("ic iallu", lambda a: a.ic("iallu")),
]


@pytest.mark.parametrize(("asm", "call"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_api_matches_llvm(asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm(G, asm)


def test_every_vector_through_the_api() -> None:
    count, bad = sweep(G)
    assert count > 700
    assert not bad, "\n".join(bad[:20])


@pytest.mark.parametrize(("name", "imm"), list(enc.HINTS.items()))
def test_hint_aliases_are_hints(name: str, imm: int) -> None:
    method = "yield_" if name == "yield" else name
    assert api(lambda a: getattr(a, method)()) == api(lambda a: a.hint(imm))
    assert getattr(Assembler, method).__doc__ == f"``{name}``: hint #{imm}."


def test_nop_word() -> None:
    assert api(lambda a: a.nop()) == bytes.fromhex("1f2003d5")


def test_one_sysreg_table_for_mrs_and_msr() -> None:
    from a64jit.encoding.sysregs import SYSREGS

    assert len(SYSREGS) > 900  # every name llvm-mc 14 knows (tools/gen_sysregs.py)
    for name in SYSREGS:
        reg = enc.sysreg("mrs", name)
        assert reg.read or reg.write
        generic = f"s{reg.op0}_{reg.op1}_c{reg.crn}_c{reg.crm}_{reg.op2}"
        if reg.read:
            assert api(call_of("mrs", x7, name)) == api(call_of("mrs", x7, generic))
        if reg.write:
            assert api(call_of("msr", name, x7)) == api(call_of("msr", generic, x7))


BAD_OPERANDS: list[tuple[Callable[[Assembler], object], str, str]] = [
    (lambda a: a.hint("nop"), "hint", "immediate"),  # type: ignore[arg-type]
    (lambda a: a.brk(1.0), "brk", "immediate"),  # type: ignore[arg-type]
    (lambda a: a.svc(True), "svc", "immediate"),
    (lambda a: a.dmb(None), "dmb", "option"),  # type: ignore[arg-type]
    (lambda a: a.isb(x0), "isb", "option"),  # type: ignore[arg-type]
    (lambda a: a.bti(1), "bti", "target"),  # type: ignore[arg-type]
    (lambda a: a.mrs(w0, "nzcv"), "mrs", "destination"),
    (lambda a: a.mrs(sp, "nzcv"), "mrs", "destination"),
    (lambda a: a.mrs(x0, 5), "mrs", "system register"),  # type: ignore[arg-type]
    (lambda a: a.msr("nzcv", w0), "msr", "source"),
    (lambda a: a.msr("nzcv", sp), "msr", "source"),
    (lambda a: a.dc("zva", sp), "dc", "register"),
    (lambda a: a.dc("zva", w0), "dc", "register"),
    (lambda a: a.ic("ivau"), "ic", "register"),
    (lambda a: a.ic("iallu", x0), "ic", "register"),
    (lambda a: a.ic("iallu", xzr), "ic", "register"),
]


@pytest.mark.parametrize(("call", "insn", "operand"), BAD_OPERANDS)
def test_bad_operands(call: Callable[[Assembler], object], insn: str, operand: str) -> None:
    with pytest.raises(OperandError) as info:
        call(Assembler())
    assert str(info.value).startswith(insn + ":")
    assert operand in str(info.value)


BAD_VALUES: list[tuple[Callable[[Assembler], object], str, str]] = [
    (lambda a: a.hint(128), "hint", "0..127"),
    (lambda a: a.hint(-1), "hint", "0..127"),
    (lambda a: a.brk(65536), "brk", "0..65535"),
    (lambda a: a.udf(-1), "udf", "0..65535"),
    (lambda a: a.hlt(1 << 40), "hlt", "0..65535"),
    (lambda a: a.dmb("foo"), "dmb", "ishld"),
    (lambda a: a.dsb(16), "dsb", "0..15"),
    (lambda a: a.isb("ish"), "isb", "sy"),
    (lambda a: a.isb(16), "isb", "0..15"),
    (lambda a: a.clrex(16), "clrex", "0..15"),
    (lambda a: a.bti("x"), "bti", "jc"),
    (lambda a: a.mrs(x0, "foo_el0"), "mrs", "s<op0>_<op1>_c<n>_c<m>_<op2>"),
    (lambda a: a.mrs(x0, "s3_8_c0_c0_0"), "mrs", "op1 0-7"),
    (lambda a: a.mrs(x0, "s3_0_c16_c0_0"), "mrs", "n/m 0-15"),
    (lambda a: a.msr("ctr_el0", x0), "msr", "writable"),
    (lambda a: a.msr("nzcv", 1), "msr", "daifclr, daifset, dit, pan, spsel"),
    (lambda a: a.msr("pan", 2), "msr", "0..1"),
    (lambda a: a.msr("daifclr", 16), "msr", "0..15"),
    (lambda a: a.dc("foo", x0), "dc", "zva"),
    (lambda a: a.ic("foo"), "ic", "ivau"),
]


@pytest.mark.parametrize(("call", "insn", "allowed"), BAD_VALUES)
def test_bad_values(call: Callable[[Assembler], object], insn: str, allowed: str) -> None:
    a = Assembler()
    with pytest.raises(EncodingError) as info:
        call(a)
    assert str(info.value).startswith(insn + ":")
    assert allowed in str(info.value)
    assert a.offset == 0


def test_write_only_and_read_only_registers() -> None:
    # one encoding, two names: dbgdtrrx_el0 is read-only, dbgdtrtx_el0 write-only
    with pytest.raises(EncodingError, match=r"mrs: system register 'dbgdtrtx_el0'.*readable"):
        Assembler().mrs(x0, "dbgdtrtx_el0")
    with pytest.raises(EncodingError, match=r"msr: system register 'dbgdtrrx_el0'.*writable"):
        Assembler().msr("dbgdtrrx_el0", x0)
    assert api(lambda a: a.mrs(x0, "dbgdtrrx_el0"))[:3] == \
        api(lambda a: a.msr("dbgdtrtx_el0", x0))[:2] + bytes([0x33])


def test_encoders_check_every_field() -> None:
    assert enc.sysmove("msr", 0, 3, 7, 15, 15, 7, 31) == 0xD51FFFFF
    assert enc.pstate("msr", 3, 15, 7) == 0xD5034FFF
    assert enc.barrier("dmb", 5, 15) == 0xD5033FBF
    assert enc.exception("brk", 1, 0xFFFF, 0) == 0xD43FFFE0
    bads: list[Callable[[], object]] = [
        lambda: enc.sysmove("msr", 2, 0, 0, 0, 0, 0, 0),
        lambda: enc.sysmove("msr", 0, 4, 0, 0, 0, 0, 0),
        lambda: enc.sysmove("msr", 0, 0, 8, 0, 0, 0, 0),
        lambda: enc.sysmove("msr", 0, 0, 0, 16, 0, 0, 0),
        lambda: enc.sysmove("msr", 0, 0, 0, 0, 16, 0, 0),
        lambda: enc.sysmove("msr", 0, 0, 0, 0, 0, 8, 0),
        lambda: enc.sysmove("msr", 0, 0, 0, 0, 0, 0, 32),
        lambda: enc.sysmove("msr", 0, 0, 0, 0, 0, 0, -1),
        lambda: enc.pstate("msr", 8, 0, 0), lambda: enc.pstate("msr", 0, 16, 0),
        lambda: enc.barrier("dmb", 8, 0), lambda: enc.barrier("dmb", 0, -1),
        lambda: enc.exception("svc", 8, 0, 0), lambda: enc.exception("svc", 0, 0, 4),
        lambda: enc.hint("hint", 128), lambda: enc.udf("udf", 1 << 16)]
    for bad in bads:
        with pytest.raises(EncodingError):
            bad()
