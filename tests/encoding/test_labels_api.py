"""Labels through the Python API: forward and backward references from every PC-relative
form (backpatching), reach checks at both ends, misuse errors, adrp and label addresses
with finalize(address).

Expected bytes come from the recorded llvm-mc vectors: a reference to a label ``d`` bytes
away must encode exactly like the numeric form ``#d`` (tests/vectors/branch.txt), and
the whole programs in tests/vectors/labels.txt are checked by test_llvm_vectors.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler, assemble
from a64jit.assembler import Label
from a64jit.errors import AsmSyntaxError, EncodingError, LabelError, OperandError
from a64jit.operands import EQ, GT, d9, w2, w6, x0, x1, x4, x5, x7, x30
from tests.encoding.ctlsweep import call

NOP = bytes.fromhex("1f2003d5")

# (method call with target t, numeric llvm-mc text with {} for the offset, reach)
FORMS: list[tuple[str, Callable[[Assembler, object], None], str]] = [
    ("b", lambda a, t: a.b(t), "b {}"),  # type: ignore[arg-type]
    ("bl", lambda a, t: a.bl(t), "bl {}"),  # type: ignore[arg-type]
    ("b.eq", lambda a, t: a.b_eq(t), "b.eq {}"),  # type: ignore[arg-type]
    ("b.gt", lambda a, t: a.b_cond(GT, t), "b.gt {}"),  # type: ignore[arg-type]
    ("cbz", lambda a, t: a.cbz(x7, t), "cbz x7, {}"),  # type: ignore[arg-type]
    ("cbnz", lambda a, t: a.cbnz(w2, t), "cbnz w2, {}"),  # type: ignore[arg-type]
    ("tbz", lambda a, t: a.tbz(x1, 63, t), "tbz x1, #63, {}"),  # type: ignore[arg-type]
    ("tbnz", lambda a, t: a.tbnz(w6, 31, t), "tbnz w6, #31, {}"),  # type: ignore[arg-type]
    ("adr", lambda a, t: a.adr(x4, t), "adr x4, {}"),  # type: ignore[arg-type]
    ("ldr", lambda a, t: a.ldr(x5, t), "ldr x5, {}"),  # type: ignore[arg-type]
    ("ldr d", lambda a, t: a.ldr(d9, t), "ldr d9, {}"),  # type: ignore[arg-type]
]
IDS = [f[0] for f in FORMS]


def numeric(text: str, delta: int) -> bytes:
    """llvm-mc-compatible bytes of the numeric form, via the text front-end."""
    return assemble(text.format(f"#{delta}"))


@pytest.mark.parametrize(("name", "emit", "text"), FORMS, ids=IDS)
def test_backward_reference(name: str, emit: Callable[[Assembler, object], None],
                            text: str) -> None:
    a = Assembler()
    top = a.here("top")
    a.nop()
    a.nop()
    emit(a, top)
    assert a.finalize()[8:] == numeric(text, -8)


@pytest.mark.parametrize(("name", "emit", "text"), FORMS, ids=IDS)
def test_forward_reference_is_backpatched(name: str, emit: Callable[[Assembler, object], None],
                                          text: str) -> None:
    a = Assembler()
    end = a.label("end")
    emit(a, end)
    emit(a, end)
    a.nop()
    a.bind(end)
    emit(a, end)
    code = a.finalize()
    assert code[0:4] == numeric(text, 12)
    assert code[4:8] == numeric(text, 8)
    assert code[8:12] == NOP
    assert code[12:16] == numeric(text, 0)


@pytest.mark.parametrize(("name", "emit", "text"), FORMS, ids=IDS)
@pytest.mark.parametrize("delta", [-1024, -64, 0, 4, 64, 1024])
def test_label_equals_int_offset(name: str, emit: Callable[[Assembler, object], None],
                                 text: str, delta: int) -> None:
    a = Assembler()
    lbl = a.label()
    if delta <= 0:
        a.bind(lbl)
        a.data(bytes(-delta))
        emit(a, lbl)
        assert a.finalize()[-delta:] == numeric(text, delta)
    else:
        emit(a, lbl)
        a.data(bytes(delta - 4))
        a.bind(lbl)
        assert a.finalize()[:4] == numeric(text, delta)


# -- reach: exactly at the limits works, one word further raises ----------------------

REACH = [
    # name, emit, max forward delta, min backward delta
    ("b.eq", lambda a, t: a.b_eq(t), 1048572, -1048576),
    ("cbz", lambda a, t: a.cbz(x0, t), 1048572, -1048576),
    ("tbz", lambda a, t: a.tbz(x0, 3, t), 32764, -32768),
    ("tbnz", lambda a, t: a.tbnz(x0, 40, t), 32764, -32768),
    ("adr", lambda a, t: a.adr(x0, t), 1048572, -1048576),
    ("ldr", lambda a, t: a.ldr(x0, t), 1048572, -1048576),
]


@pytest.mark.parametrize(("name", "emit", "fwd", "back"), REACH, ids=[r[0] for r in REACH])
def test_reach_forward(name: str, emit: Callable[[Assembler, object], None], fwd: int,
                       back: int) -> None:
    ok = Assembler()
    far = ok.label()
    emit(ok, far)
    ok.data(bytes(fwd - 4))
    ok.bind(far)
    assert ok.finalize()[:4] == call_numeric(emit, fwd)

    # One word further: LLVM 14 silently wraps b.cond/cbz/ldr/adr at +1 MiB (its range
    # check is one bit too wide); a64jit raises when the label is bound.
    bad = Assembler()
    far = bad.label("far")
    emit(bad, far)
    bad.data(bytes(fwd))
    with pytest.raises(EncodingError) as info:
        bad.bind(far)
    assert str(info.value).startswith(name.split()[0])
    assert "target offset" in str(info.value)


@pytest.mark.parametrize(("name", "emit", "fwd", "back"), REACH, ids=[r[0] for r in REACH])
def test_reach_backward(name: str, emit: Callable[[Assembler, object], None], fwd: int,
                        back: int) -> None:
    ok = Assembler()
    top = ok.here()
    ok.data(bytes(-back))
    emit(ok, top)
    assert ok.finalize()[-back:] == call_numeric(emit, back)

    bad = Assembler()
    top = bad.here()
    bad.data(bytes(-back + 4))
    with pytest.raises(EncodingError, match="target offset"):
        emit(bad, top)
    assert bad.offset == -back + 4  # nothing emitted


def call_numeric(emit: Callable[[Assembler, object], None], delta: int) -> bytes:
    a = Assembler()
    emit(a, delta)
    return a.finalize()


def test_b_reach_128_mib() -> None:
    a = Assembler()
    far = a.label()
    a.b(far)
    a.data(bytes((1 << 27) - 8))
    a.bind(far)
    assert a.finalize()[:4] == call("b #134217724")
    a = Assembler()
    far = a.label()
    a.bl(far)
    a.data(bytes((1 << 27) - 4))
    with pytest.raises(EncodingError, match=r"^bl: target offset 134217728"):
        a.bind(far)


# -- misuse ---------------------------------------------------------------------------


def test_unbound_label_at_finalize() -> None:
    a = Assembler()
    a.b(a.label("nowhere"))
    with pytest.raises(LabelError, match=r"unbound label.*nowhere"):
        a.finalize()


def test_unbound_label_in_quad_and_adrp() -> None:
    uses: list[Callable[[Assembler, Label], object]] = [
        lambda a, l: a.quad(l), lambda a, l: a.adrp(x0, l)]
    for use in uses:
        a = Assembler()
        use(a, a.label("missing"))
        with pytest.raises(LabelError, match="missing"):
            a.finalize()


def test_binding_twice() -> None:
    a = Assembler()
    lbl = a.here("twice")
    a.nop()
    with pytest.raises(LabelError, match=r"bind: label .?twice.? is already bound"):
        a.bind(lbl)


def test_another_assemblers_label() -> None:
    a, other = Assembler(), Assembler()
    foreign = other.label("theirs")
    uses: list[Callable[[], object]] = [
        lambda: a.b(foreign), lambda: a.cbz(x0, foreign), lambda: a.adr(x0, foreign),
        lambda: a.adrp(x0, foreign), lambda: a.quad(foreign), lambda: a.bind(foreign),
        lambda: a.tbz(x0, 1, foreign), lambda: a.b_eq(foreign)]
    for use in uses:
        with pytest.raises(LabelError, match="belongs to another assembler"):
            use()
    other.bind(foreign)
    with pytest.raises(LabelError, match="another assembler"):
        a.b(foreign)
    assert a.offset == 0


def test_bind_requires_a_label() -> None:
    with pytest.raises(OperandError, match="bind: expected a Label"):
        Assembler().bind("top")  # type: ignore[arg-type]


def test_bind_at_unaligned_offset() -> None:
    a = Assembler()
    a.byte(1)
    with pytest.raises(EncodingError, match="not 4-byte aligned"):
        a.bind(a.label())


def test_label_offsets() -> None:
    a = Assembler()
    a.nop()
    lbl = a.here("x")
    assert isinstance(lbl, Label) and lbl.bound and a.label_offset(lbl) == 4
    with pytest.raises(LabelError, match="not bound"):
        a.label_offset(a.label("later"))


# -- address-dependent forms: adrp and label addresses --------------------------------


def _adrp_expected(rd: int, pc: int, target: int) -> bytes:
    pages = (target >> 12) - (pc >> 12)
    imm = pages & 0x1FFFFF
    word = 0x90000000 | (imm & 3) << 29 | (imm >> 2) << 5 | rd
    return word.to_bytes(4, "little")


@pytest.mark.parametrize("address", [0, 0x1000, 0xFFC, 0x7FFFF000, 0x4000_0000_0000])
def test_adrp_to_label_depends_on_address(address: int) -> None:
    a = Assembler()
    data = a.label("data")
    a.adrp(x0, data)  # forward
    a.data(bytes(0x2000 - 4))
    a.bind(data)
    a.adrp(x30, data)  # backward, same position
    code = a.finalize(address)
    assert code[:4] == _adrp_expected(0, address, address + 0x2000)
    assert code[0x2000:0x2004] == _adrp_expected(30, address + 0x2000, address + 0x2000)


def test_adrp_matches_llvm_numeric_form() -> None:
    a = Assembler()
    lbl = a.label()
    a.adrp(x1, lbl)
    a.data(bytes(4096 - 4))
    a.bind(lbl)
    assert a.finalize(0)[:4] == assemble("adrp x1, #4096")
    assert a.finalize(0x800)[:4] == assemble("adrp x1, #4096")
    assert a.finalize(0xC00)[:4] == assemble("adrp x1, #4096")
    b = Assembler()
    lbl = b.label()
    b.adrp(x1, lbl)
    b.data(bytes(0x800 - 4))
    b.bind(lbl)
    assert b.finalize(0)[:4] == assemble("adrp x1, #0")
    assert b.finalize(0x900)[:4] == assemble("adrp x1, #4096")
    assert b.finalize(0x1_0000_0000 - 0x400)[:4] == assemble("adrp x1, #4096")


def test_adrp_out_of_range_at_finalize() -> None:
    a = Assembler()
    lbl = a.here()
    a.adrp(x0, lbl)
    assert a.finalize(0)
    # the label is in the same page wherever the code runs: never out of range
    assert a.finalize((1 << 48) - 8)


def test_quad_label_address() -> None:
    a = Assembler()
    table = a.label("table")
    end = a.label("end")
    a.quad(table, end, 7)
    a.bind(table)
    a.nop()
    a.bind(end)
    code = a.finalize(address=0x10000)
    assert code[0:8] == (0x10000 + 24).to_bytes(8, "little")
    assert code[8:16] == (0x10000 + 28).to_bytes(8, "little")
    assert code[16:24] == (7).to_bytes(8, "little")
    assert a.finalize()[0:8] == (24).to_bytes(8, "little")


def test_jump_table_through_the_text_front_end() -> None:
    code = assemble("adr x1, table; ldr x0, [x1]; br x0; nop; table: .quad l1, l2; "
                    "l1: ret; l2: ret", address=0x4000)
    assert code[16:24] == (0x4000 + 32).to_bytes(8, "little")
    assert code[24:32] == (0x4000 + 36).to_bytes(8, "little")


# -- the text front-end ------------------------------------------------------------------


def test_text_duplicate_label() -> None:
    with pytest.raises(AsmSyntaxError, match=r"line 2.*label 'l' is already defined"):
        assemble("l: nop\nl: nop")


def test_text_unbound_label() -> None:
    with pytest.raises(AsmSyntaxError, match=r"line 1, column 3: b: undefined symbol 'nowhere'"):
        assemble("b nowhere")


def test_text_branch_out_of_range_names_line() -> None:
    # reported at the branch that cannot reach (issue 11), not where the label is bound
    with pytest.raises(AsmSyntaxError, match=r"line 1, column 13: tbz: target offset 32768"):
        assemble("tbz x0, #1, far\n.balign 32768\nfar: nop")


def test_condition_code_api_and_text_agree() -> None:
    a = Assembler()
    loop = a.here()
    a.b_cond(EQ, loop)
    assert a.finalize() == assemble("loop: b.eq loop")
    assert assemble("x: b x; nop") == call("b #0") + NOP
