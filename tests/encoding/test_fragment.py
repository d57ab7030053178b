"""Fragments (assembler/fragment.py): every instance equals, bit for bit, what the
Assembler emits for the same operands; bad hole values get clear errors."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

from a64jit import (
    EQ,
    NE,
    Assembler,
    EncodingError,
    Fragment,
    LabelError,
    MacroAssembler,
    OperandError,
    hole,
    lsl,
    mem,
    post,
    sp,
    w0,
    x0,
    x1,
    x2,
    x3,
    x19,
    xzr,
)
from a64jit.operands import FP_BY_PREFIX, W_BY_CODE, X_BY_CODE

RNG = random.Random(2026)
D, S = FP_BY_PREFIX["d"], FP_BY_PREFIX["s"]


def same(body: Callable[..., None], frag: Fragment, *values: Any) -> None:
    """The instance and the body run by the Assembler agree: both raise, or both emit the
    same words, or the fragment says the Assembler picks another form for the value."""
    ref = Assembler()
    try:
        body(ref, *values)
    except (ValueError, TypeError):
        with pytest.raises((ValueError, TypeError)):
            frag.emit(Assembler(), *values)
        return
    got = Assembler()
    try:
        frag.emit(got, *values)
    except EncodingError as exc:
        assert "another form" in str(exc), exc  # e.g. sub xd, sp, xm, lsl #3 is extended
        return
    assert got.finalize() == ref.finalize(), values


# -- one hole kind at a time, against the Assembler over many values -----------------------

def _x_body(a: Assembler, d: Any, n: Any, m: Any) -> None:
    a.add(d, n, 16)  # rd and rn take sp, not xzr
    a.sub(d, n, m, lsl(3))  # no sp: 31 is xzr
    a.ldr(m, mem(n, 8))
    a.stp(d, m, mem(n, 16))


def test_x_holes_every_register() -> None:
    frag = Fragment(_x_body, d=hole.x, n=hole.x, m=hole.x)
    regs = [*X_BY_CODE, sp]
    for d in regs:
        for n in [*RNG.sample(regs, 8), sp, xzr]:
            same(_x_body, frag, d, n, RNG.choice(regs))


def _w_body(a: Assembler, d: Any, n: Any) -> None:
    a.orr(d, n, 0xFF)
    a.ldrb(d, mem(x0, 7))
    a.cmp(n, 0)


def test_w_holes() -> None:
    frag = Fragment(_w_body, d=hole.w, n=hole.w)
    for d in [*W_BY_CODE]:
        for n in W_BY_CODE:
            same(_w_body, frag, d, n)
    with pytest.raises(OperandError, match="hole d = x1 cannot be encoded; allowed: a w"):
        frag.emit(Assembler(), x1, W_BY_CODE[2])


def _fp_body(a: Assembler, dd: Any, ss: Any) -> None:
    a.fadd(dd, dd, dd)
    a.fcvt(ss, dd)
    a.fmul(ss, ss, ss)
    a.str(dd, mem(sp, 24))


def test_fp_holes_every_register() -> None:
    frag = Fragment(_fp_body, dd=hole.d, ss=hole.s)
    for dd in D:
        for ss in S:
            same(_fp_body, frag, dd, ss)
    with pytest.raises(OperandError, match="allowed: a d register"):
        frag.emit(Assembler(), S[1], S[1])


def test_imm12_every_value() -> None:
    def body(a: Assembler, k: int) -> None:
        a.add(x1, x2, k)
        a.subs(w0, W_BY_CODE[3], k)

    frag = Fragment(body, k=hole.imm12)
    for k in range(4096):
        same(body, frag, k)
    for bad in (-1, 4096, 8192):
        with pytest.raises(EncodingError, match=f"hole k = {bad} cannot be encoded; "
                                                "allowed: an int 0..4095"):
            frag.emit(Assembler(), bad)


def test_imm16_and_shift() -> None:
    def body(a: Assembler, k: int, s: int) -> None:
        a.movz(x3, k, lsl(16))
        a.movk(x3, k)
        a.add(x0, x1, x2, lsl(s))
        a.eor(W_BY_CODE[4], W_BY_CODE[4], W_BY_CODE[5], lsl(s % 32))

    with pytest.raises(EncodingError, match="hole s"):
        Fragment(body, k=hole.imm16, s=hole.shift(63))  # s % 32 is not one field

    def body2(a: Assembler, k: int, s: int) -> None:
        a.movz(x3, k, lsl(16))
        a.movk(x3, k)
        a.add(x0, x1, x2, lsl(s))

    frag = Fragment(body2, k=hole.imm16, s=hole.shift(63))
    for _ in range(3000):
        same(body2, frag, RNG.randrange(65536), RNG.randrange(64))
    for s in range(64):
        same(body2, frag, 65535, s)
    with pytest.raises(EncodingError, match="hole s = 64"):
        frag.emit(Assembler(), 1, 64)


@pytest.mark.parametrize(("size", "load"), [(1, "ldrb"), (2, "ldrh"), (4, "ldr_w"),
                                            (8, "ldr"), (16, "ldr_q")])
def test_scaled_offsets(size: int, load: str) -> None:
    rt: Any = {"ldrb": w0, "ldrh": w0, "ldr_w": w0, "ldr": x0, "ldr_q": FP_BY_PREFIX["q"][7]}[load]
    method = load.split("_")[0]

    def body(a: Assembler, off: int) -> None:
        getattr(a, method)(rt, mem(x19, off))
        a.str(x1, mem(sp, 8))

    frag = Fragment(body, off=hole.offset(size))
    for field in [*range(0, 4096, 7), 4095]:
        same(body, frag, field * size)
    if size > 1:
        with pytest.raises(EncodingError, match=f"a multiple of {size}"):
            frag.emit(Assembler(), size + 1)
    with pytest.raises(EncodingError, match=f"0..{4095 * size}"):
        frag.emit(Assembler(), 4096 * size)


# -- labels --------------------------------------------------------------------------------

def _branchy(a: Assembler, r: Any, t: Any) -> None:
    a.cbz(r, t)
    a.b_cond(NE, t)
    a.tbnz(r, 5, t)
    a.adr(x1, t)
    a.ldr(x2, t)
    a.b(t)
    a.bl(t)


def test_label_holes_backward_forward_and_int() -> None:
    frag = Fragment(_branchy, r=hole.x, t=hole.label)
    for lead in (0, 3, 100):
        got, ref = Assembler(), Assembler()
        for asm in (got, ref):
            back, _ = asm.label(), asm.label()
            asm.bind(back)
            for _ in range(lead):
                asm.nop()
        frag.emit(got, x3, got._labels[0])
        _branchy(ref, x3, ref._labels[0])
        frag.emit(got, x3, got._labels[1])
        _branchy(ref, x3, ref._labels[1])
        frag.emit(got, x3, -64)
        _branchy(ref, x3, -64)
        got.bind(got._labels[1])
        ref.bind(ref._labels[1])
        assert got.finalize() == ref.finalize()


def test_label_hole_out_of_reach_and_foreign() -> None:
    frag = Fragment(_branchy, r=hole.x, t=hole.label)
    a = Assembler()
    with pytest.raises(EncodingError, match="tbnz"):
        frag.emit(a, x0, 1 << 15)
    with pytest.raises(LabelError, match="another assembler"):
        frag.emit(a, x0, Assembler().label())
    with pytest.raises(OperandError, match="Label"):
        frag.emit(a, x0, "far")


def test_bound_label_holes_and_internal_labels() -> None:
    def body(a: Assembler, n: Any, top: Any, out: Any) -> None:
        a.bind(top)  # the instance binds the stream's label here
        loop = a.label()  # an internal label: resolved once
        a.bind(loop)
        a.subs(n, n, 1)
        a.b_cond(NE, loop)
        a.cbz(n, out)
        a.b(top)

    frag = Fragment(body, n=hole.x, top=hole.label, out=hole.label)
    for cls in (Assembler, MacroAssembler):
        got, ref = cls(), cls()
        t1, o1, t2, o2 = got.label(), got.label(), ref.label(), ref.label()
        frag.emit(got, x1, t1, o1)
        body(ref, x1, t2, o2)
        got.bind(o1)
        ref.bind(o2)
        assert got.finalize() == ref.finalize()
        with pytest.raises(LabelError, match="already bound"):
            frag.emit(got, x1, t1, got.label())


# -- streams, names, errors ---------------------------------------------------------------

def test_keywords_and_positions() -> None:
    frag = Fragment(_x_body, d=hole.x, n=hole.x, m=hole.x)
    a, b = Assembler(), Assembler()
    frag.emit(a, x1, x2, x3)
    frag.emit(b, m=x3, d=x1, n=x2)
    frag(b, x1, x2, x3)
    assert a.finalize() * 2 == b.finalize()
    with pytest.raises(TypeError, match="'m'"):  # the fast emit's own signature
        frag.emit(a, x1, x2)
    with pytest.raises(OperandError, match="expected 3 hole values"):
        Fragment.emit(frag, a, x1, x2)
    with pytest.raises(TypeError, match="'m'"):
        frag.emit(a, d=x1, n=x2)
    with pytest.raises(OperandError, match="missing hole"):
        Fragment.emit(frag, a, d=x1, n=x2)


def test_ints_only_exactly() -> None:
    def body(a: Assembler, k: int) -> None:
        a.add(x1, x1, k)

    frag = Fragment(body, k=hole.imm12)
    frag.emit(Assembler(), 1)  # 1 is now remembered: True must still fail
    for bad in (True, 1.0):
        with pytest.raises((OperandError, EncodingError), match="hole k"):
            frag.emit(Assembler(), bad)


def test_pair_rules_are_checked_per_instance() -> None:
    def body(a: Assembler, r1: Any, r2: Any) -> None:
        a.ldxp(r1, r2, mem(x0))

    frag = Fragment(body, r1=hole.x, r2=hole.x)
    same(body, frag, x1, x2)
    with pytest.raises(EncodingError, match="both x1"):
        frag.emit(Assembler(), x1, x1)


def test_writeback_base_rule() -> None:
    def body(a: Assembler, rt: Any) -> None:
        a.ldr(rt, post(x1, 8))

    frag = Fragment(body, rt=hole.x)
    for r in [*X_BY_CODE, sp]:
        same(body, frag, r)


def test_build_errors() -> None:
    def grows(a: Assembler, k: int) -> None:
        MacroAssembler.mov(a, x0, k << 20) if isinstance(a, MacroAssembler) else a.add(x0, x0, k)
        for _ in range(k % 3):
            a.nop()

    with pytest.raises(EncodingError, match="number of words"):
        Fragment(grows, k=hole.imm12)

    def unused(a: Assembler, k: int) -> None:
        a.nop()

    with pytest.raises(OperandError, match="not used"):
        Fragment(unused, k=hole.imm12)

    def dangling(a: Assembler) -> None:
        a.b(a.label())

    with pytest.raises(LabelError, match="not bound"):
        Fragment(dangling)
    with pytest.raises(OperandError, match="not a hole kind"):
        Fragment(unused, k=12)  # type: ignore[arg-type]


def test_macroassembler_stream_with_pools() -> None:
    """Instances go word by word through a MacroAssembler with a pending literal, so
    its pool still lands in reach, and the code equals the same calls made directly."""
    def body(a: Assembler, d: Any, off: int) -> None:
        a.ldr(d, mem(x19, off))
        a.add(d, d, 1)
        a.str(d, mem(x19, off))

    frag = Fragment(body, d=hole.x, off=hole.offset(8))
    got, ref = MacroAssembler(), MacroAssembler()
    for m in (got, ref):
        m.ldr_literal(x0, 0x1122_3344_5566_7788)
    for i in range(90_000):  # 1 MiB of code: past the literal's reach
        frag.emit(got, X_BY_CODE[i % 8 + 1], 8 * (i % 64))
        body(ref, X_BY_CODE[i % 8 + 1], 8 * (i % 64))
    got.ret()
    ref.ret()
    assert got.finalize() == ref.finalize()


def test_unaligned_stream() -> None:
    frag = Fragment(_x_body, d=hole.x, n=hole.x, m=hole.x)
    a = Assembler()
    a.byte(1)
    with pytest.raises(EncodingError, match="aligned"):
        frag.emit(a, x1, x2, x3)


def test_words_and_repr() -> None:
    frag = Fragment(_x_body, d=hole.x, n=hole.x, m=hole.x)
    a = Assembler()
    _x_body(a, x1, x2, x3)
    code = a.finalize()
    assert frag.words(x1, x2, x3) == [int.from_bytes(code[i:i + 4], "little")
                                      for i in range(0, len(code), 4)]
    assert "4 words" in repr(frag) and frag.size == 16
    assert EQ  # (imported for the label tests' readers)
