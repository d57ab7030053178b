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
    Stamper,
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
    # the generated emit names what is missing as the checked method does
    with pytest.raises(OperandError, match=r"expected 3 hole values \(d, n, m\), got 2"):
        frag.emit(a, x1, x2)
    with pytest.raises(OperandError, match="expected 3 hole values"):
        Fragment.emit(frag, a, x1, x2)
    with pytest.raises(OperandError, match=r"expected 3 hole values \(d, n, m\), got 2"):
        frag.emit(a, d=x1, n=x2)
    with pytest.raises(OperandError, match=r"missing hole\(s\) \['n'\]"):
        frag.emit(a, d=x1, m=x2)
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
    its pool still lands in reach, never inside an instance (an internal branch spans
    it): the code equals the same calls made directly inside ``no_pools(size)``."""
    def body(a: Assembler, d: Any, off: int) -> None:
        a.ldr(d, mem(x19, off))
        skip = a.label()
        a.cbz(d, skip)  # an internal label across the words a pool could split
        a.add(d, d, 1)
        a.str(d, mem(x19, off))
        a.bind(skip)

    frag = Fragment(body, d=hole.x, off=hole.offset(8))
    got, ref, st_got = MacroAssembler(), MacroAssembler(), MacroAssembler()
    for m in (got, ref, st_got):
        m.ldr_literal(x0, 0x1122_3344_5566_7788)
        m.data(bytes(1_040_000))  # most of the literal's reach (1 MiB)
    stamp = Stamper(st_got).emitter(frag)
    for i in range(1_000):  # past the literal's reach
        frag.emit(got, X_BY_CODE[i % 8 + 1], 8 * (i % 64))
        stamp(X_BY_CODE[i % 8 + 1], 8 * (i % 64))
        with ref.no_pools(frag.size):
            body(ref, X_BY_CODE[i % 8 + 1], 8 * (i % 64))
    for m in (got, ref, st_got):
        m.ret()
    code = ref.finalize()
    assert got.finalize() == code
    assert st_got.finalize() == code
    assert len(code) == 1_040_004 + 1_000 * frag.size + 4 + 12  # and the pool (b, literal)


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


# -- Stamper: numbered labels, references resolved at finalize ----------------------------

def _every_branch(a: Assembler, at: Any, r: Any, k: int, t: Any, u: Any, back: Any) -> None:
    a.bind(at)
    a.add(r, r, k)
    a.cbz(r, t)
    a.b_cond(NE, u)
    a.tbnz(r, 3, t)
    a.bind(back)
    a.adr(x1, u)
    a.ldr(x2, t)  # literal
    a.b(u)
    a.bl(t)


def test_stamper_equals_assembler_over_random_programs() -> None:
    """Random streams of instances (labels forward, backward, bound by the instance,
    bound between instances) are the Assembler's bytes, on Assembler and
    MacroAssembler (no pool pending: its words go straight in too)."""
    frag = Fragment(_every_branch, at=hole.label, r=hole.x, k=hole.imm12, t=hole.label,
                    u=hole.label, back=hole.label)
    rng = random.Random(7)
    for cls in (Assembler, MacroAssembler):
        for _ in range(20):
            n = rng.randrange(1, 40)
            got, ref = cls(), cls()
            st = Stamper(got, labels=3 * n + 1)
            stamp = st.emitter(frag)
            labels = [ref.label() for _ in range(3 * n + 1)]
            extra = 3 * n  # bound by st.bind between instances
            order = list(range(n))
            rng.shuffle(order)
            for i in range(n):
                r, k = rng.choice(X_BY_CODE[:31]), rng.randrange(4096)
                t = rng.choice((rng.randrange(n), n + i))
                u = rng.choice((rng.randrange(n), extra, 2 * n + rng.randrange(i + 1)))
                stamp(i, r, k, t, u, 2 * n + i)
                _every_branch(ref, labels[i], r, k, labels[t], labels[u], labels[2 * n + i])
                if i == n // 2:
                    st.bind(extra)
                    ref.bind(labels[extra])
                    got.nop()
                    ref.nop()
            for i in order:  # the n + i labels: bound out of line, in any order
                st.bind(n + i)
                ref.bind(labels[n + i])
                got.ret()
                ref.ret()
            assert got.finalize() == ref.finalize()
            assert st.offset(0) == 0 and st.offset(extra) == ref.label_offset(labels[extra])


def test_stamper_checks_values_like_emit() -> None:
    frag = Fragment(_every_branch, at=hole.label, r=hole.x, k=hole.imm12, t=hole.label,
                    u=hole.label, back=hole.label)
    a = Assembler()
    st = Stamper(a, labels=4)
    stamp = st.emitter(frag)
    assert st.emitter(frag) is stamp
    with pytest.raises(EncodingError, match=r"Fragment _every_branch: hole k = 4096 cannot be "
                                            r"encoded; allowed: an int 0\.\.4095"):
        stamp(0, x1, 4096, 1, 1, 2)
    with pytest.raises((OperandError, EncodingError), match="hole k = True"):
        stamp(0, x1, True, 1, 1, 2)
    with pytest.raises(OperandError, match="hole r = w0 cannot be encoded; allowed: an x"):
        stamp(0, w0, 1, 1, 1, 2)
    with pytest.raises(TypeError, match=r"Fragment\(_every_branch\).stamp\(\) missing .* 'back'"):
        stamp(0, x1, 1, 1, 1)
    for bad in (-1, 4, "top", 1.0):
        with pytest.raises(OperandError, match=f"hole at: label {bad!r} is not a label "
                                               "number; allowed: an int 0..3"):
            stamp(bad, x1, 1, 1, 1, 2)
    with pytest.raises(LabelError, match="hole back: label 0 is already bound"):
        stamp(0, x1, 1, 1, 1, 0)  # at and back both 0
    assert a.offset == 0  # nothing emitted by the failed instances
    stamp(0, x1, 1, 1, 1, 2)
    with pytest.raises(LabelError, match="hole at: label 0 is already bound"):
        stamp(0, x1, 1, 1, 1, 3)
    with pytest.raises(LabelError, match=r"Stamper\.bind: label 2 is already bound"):
        st.bind(2)
    with pytest.raises(OperandError, match=r"Stamper\.bind: label 9"):
        st.bind(9)
    a.byte(0)
    with pytest.raises(EncodingError, match="offset 33 is not 4-byte aligned"):
        stamp(3, x1, 1, 1, 1, 1)
    assert list(st.labels(2)) == [4, 5]


def test_stamper_errors_at_finalize_are_all_or_nothing() -> None:
    frag = Fragment(_every_branch, at=hole.label, r=hole.x, k=hole.imm12, t=hole.label,
                    u=hole.label, back=hole.label)
    a = Assembler()
    st = Stamper(a, labels=5)
    stamp = st.emitter(frag)
    stamp(0, x3, 5, 1, 4, 2)
    with pytest.raises(LabelError, match=r"Fragment _every_branch: hole t: the cbz at offset "
                                         r"0x4: label 1 is never bound"):
        a.finalize()
    a.nop()
    st.bind(1)
    with pytest.raises(LabelError, match=r"hole u: the b\.ne at offset 0x8: label 4 is never"):
        a.finalize()
    st.bind(4)
    ref = Assembler()
    lbl = [ref.label() for _ in range(5)]
    _every_branch(ref, lbl[0], x3, 5, lbl[1], lbl[4], lbl[2])
    ref.nop()
    ref.bind(lbl[1])
    ref.bind(lbl[4])
    assert a.finalize() == ref.finalize()
    assert a.finalize() == ref.finalize()  # resolved once: a second finalize is the same


def test_stamper_reach_and_assembler_labels() -> None:
    def tb(a: Assembler, t: Any) -> None:
        a.tbz(x0, 1, t)

    frag = Fragment(tb, t=hole.label)
    a = Assembler()
    st = Stamper(a, labels=1)
    stamp = st.emitter(frag)
    stamp(0)
    for _ in range(8192):
        a.nop()
    st.bind(0)
    with pytest.raises(EncodingError, match=r"Fragment tb: hole t: the tbz at offset 0x0 to "
                                            r"label 0 at 0x8004: target offset 32772 cannot "
                                            r"be encoded; allowed: -32768..32764"):
        a.finalize()
    # Backward: resolved when stamped while in reach, else at finalize (checked there).
    for gap, ok in ((8190, True), (8192, True), (8193, False), (9000, False)):
        c = Assembler()
        st3 = Stamper(c, labels=1)
        st3.bind(0)
        for _ in range(gap):
            c.nop()
        st3.emitter(frag)(0)
        if ok:
            ref = Assembler()
            top = ref.here()
            for _ in range(gap):
                ref.nop()
            ref.tbz(x0, 1, top)
            assert c.finalize() == ref.finalize()
        else:
            with pytest.raises(EncodingError, match=f"target offset {-4 * gap} cannot be "):
                c.finalize()
    # A bound Label of the assembler is a target too; another assembler's is refused.
    b = Assembler()
    top = b.here()
    b.nop()
    st2 = Stamper(b)
    st2.emitter(frag)(top)
    ref = Assembler()
    ref.nop()
    ref.tbz(x0, 1, -4)
    assert b.finalize() == ref.finalize()
    st2.emitter(frag)(a.label())
    with pytest.raises(LabelError, match="belongs to another assembler"):
        b.finalize()


def test_stamper_labels_for_assembler_code() -> None:
    def jump(a: Assembler, at: Any, t: Any) -> None:
        a.bind(at)
        a.b(t)

    frag = Fragment(jump, at=hole.label, t=hole.label)
    for cls in (Assembler, MacroAssembler):
        a = cls()
        st = Stamper(a, labels=2)
        st.emitter(frag)(0, 0)
        a.b_cond(EQ, st.label(0))  # bound: a Label at the same place
        a.cbz(x0, st.label(1))  # bound at finalize (a MacroAssembler's veneers see it pending)
        st.bind(1)
        a.ret()
        ref = Assembler()
        l0, l1 = ref.label(), ref.label()
        jump(ref, l0, l0)
        ref.b_cond(EQ, l0)
        ref.cbz(x0, l1)
        ref.bind(l1)
        ref.ret()
        assert a.finalize() == ref.finalize(), cls
    with pytest.raises(OperandError, match="Stamper: expected an Assembler"):
        Stamper("code")  # type: ignore[arg-type]
    with pytest.raises(OperandError, match="count -1"):
        Stamper(Assembler(), labels=-1)


def same_stamp(body: Callable[..., None], frag: Fragment, *values: Any) -> None:
    """As :func:`same`, through a Stamper's generated stamp function."""
    ref = Assembler()
    try:
        body(ref, *values)
    except (ValueError, TypeError):
        with pytest.raises((ValueError, TypeError)):
            Stamper(Assembler()).emitter(frag)(*values)
        return
    got = Assembler()
    try:
        Stamper(got).emitter(frag)(*values)
    except EncodingError as exc:
        # The Assembler picks another form (ldur for a negative offset): the hole's
        # field cannot hold the value, and the error says what it takes.
        assert "another form" in str(exc) or "allowed" in str(exc), exc
        assert exc.__suppress_context__
        return
    assert got.finalize() == ref.finalize(), values


def test_stamper_every_register_and_immediate_hole_kind() -> None:
    """The stamp function's words against the Assembler, hole kind by hole kind."""
    def imm16_shift(a: Assembler, k: int, s: int) -> None:
        a.movz(x3, k, lsl(16))
        a.movk(x3, k)
        a.add(x0, x1, x2, lsl(s))

    def imm12(a: Assembler, k: int) -> None:
        a.add(x1, x2, k)
        a.subs(w0, W_BY_CODE[3], k)

    def offsets(a: Assembler, b: int, h: int, w: int, d: int, q: int) -> None:
        a.ldrb(w0, mem(x19, b))
        a.ldrh(w0, mem(x19, h))
        a.ldr(w0, mem(x19, w))
        a.ldr(x0, mem(x19, d))
        a.ldr(FP_BY_PREFIX["q"][7], mem(sp, q))

    xs, ws = [*X_BY_CODE, sp], list(W_BY_CODE)
    frags: list[tuple[Callable[..., None], Fragment, Callable[[], tuple[Any, ...]]]] = [
        (_x_body, Fragment(_x_body, d=hole.x, n=hole.x, m=hole.x),
         lambda: (RNG.choice(xs), RNG.choice(xs), RNG.choice(xs))),
        (_w_body, Fragment(_w_body, d=hole.w, n=hole.w), lambda: (RNG.choice(ws),
                                                                   RNG.choice(ws))),
        (_fp_body, Fragment(_fp_body, dd=hole.d, ss=hole.s), lambda: (RNG.choice(D),
                                                                       RNG.choice(S))),
        (imm12, Fragment(imm12, k=hole.imm12), lambda: (RNG.randrange(-2, 4098),)),
        (imm16_shift, Fragment(imm16_shift, k=hole.imm16, s=hole.shift(63)),
         lambda: (RNG.randrange(-1, 65537), RNG.randrange(-1, 65))),
        (offsets, Fragment(offsets, b=hole.offset(1), h=hole.offset(2), w=hole.offset(4),
                           d=hole.offset(8), q=hole.offset(16)),
         lambda: tuple(RNG.randrange(-1, 4097) * size + RNG.choice((0, 0, 0, 1))
                       for size in (1, 2, 4, 8, 16))),
    ]
    for body, frag, values in frags:
        for _ in range(300):
            same_stamp(body, frag, *values())
    same_stamp(imm12, frags[3][1], True)
    same_stamp(_w_body, frags[1][1], x1, W_BY_CODE[2])


def test_stamper_fast_path_over_many_values() -> None:
    """Each instance stamped twice (the second surely takes the generated fast path:
    the joined runs of bytes where no word holds two value holes, an OR of integers
    where one does), against the Assembler emitting the same twice; immediate tables
    overflowing their cache limit (4,096 values) included."""
    def pieces(a: Assembler, at: Any, s: int, k: int, r: Any, t: Any) -> None:
        a.bind(at)
        a.ldr(x0, mem(x19, s))
        a.movz(x1, k)
        a.movk(x1, k, lsl(32))
        a.cbz(r, t)  # a value hole and a label hole in one word
        a.str(x2, mem(x19, s))  # a second run of hole s

    def shared(a: Assembler, d: Any, n: Any, k: int, t: Any) -> None:
        a.add(d, n, k)  # three value holes in one word
        a.b_cond(NE, t)

    fp = Fragment(pieces, at=hole.label, s=hole.offset(8), k=hole.imm16, r=hole.x,
                  t=hole.label)
    fs = Fragment(shared, d=hole.x, n=hole.x, k=hole.imm12, t=hole.label)
    assert fp._runs is not None and fs._runs is None
    rng = random.Random(11)
    got, ref = Assembler(), Assembler()
    st = Stamper(got, labels=2 * 5000 + 1)
    sp_, ss = st.emitter(fp), st.emitter(fs)
    labels = [ref.label() for _ in range(2 * 5000 + 1)]
    ks = rng.sample(range(65536), 5000)
    for i, k in enumerate(ks):
        s, r = 8 * rng.randrange(4096), rng.choice(X_BY_CODE[:31])
        t = rng.choice((rng.randrange(2 * i + 1), 2 * 5000))  # bound or forward
        for j in (2 * i, 2 * i + 1):
            sp_(j, s, k, r, t)
            pieces(ref, labels[j], s, k, r, labels[t])
        d, n = rng.choice(X_BY_CODE[:31]), rng.choice(X_BY_CODE[:31])
        kk = rng.randrange(4096)
        for _ in range(2):
            ss(d, n, kk, t)
            shared(ref, d, n, kk, labels[t])
    st.bind(2 * 5000)
    ref.bind(labels[2 * 5000])
    assert got.finalize() == ref.finalize()


def test_stamper_long_code_all_or_nothing() -> None:
    """Past a field's reach (tbz: 8,192 words) its references take the checked path
    while the others take the short loop; an unbound label then leaves no field of
    either filled in, and binding it later gives the Assembler's bytes."""
    def two(a: Assembler, t: Any, u: Any) -> None:
        a.b(t)
        a.tbz(x0, 3, u)

    frag = Fragment(two, t=hole.label, u=hole.label)
    got, ref = Assembler(), Assembler()
    st = Stamper(got, labels=3)
    stamp = st.emitter(frag)
    lt, lu, lv = ref.label(), ref.label(), ref.label()
    stamp(1, 1)  # filled in by the short loop first, then undone
    two(ref, lu, lu)
    for _ in range(3000):
        stamp(0, 1)
        two(ref, lt, lu)
    st.bind(1)
    ref.bind(lu)
    for _ in range(6000):
        got.nop()
        ref.nop()
    stamp(0, 2)
    two(ref, lt, lv)
    before = got._code.tobytes()
    with pytest.raises(LabelError, match=r"Fragment two: hole t: the b at offset 0x8: label 0 "
                                         r"is never bound"):
        got.finalize()
    assert got._code.tobytes() == before  # nothing filled in
    st.bind(0)
    ref.bind(lt)
    with pytest.raises(LabelError, match=r"hole u: the tbz at offset 0xbb8c: label 2 is never"):
        got.finalize()
    assert got._code.tobytes() == before
    got.nop()
    ref.nop()
    st.bind(2)
    ref.bind(lv)
    assert got.finalize() == ref.finalize()


def test_macro_assembler_veneers_for_label_holes() -> None:
    """A fragment's forward short branches into a MacroAssembler get veneers like its
    own (the same bytes as the body emitted directly), whether the instance goes
    straight into the buffer or word by word (a pool pending); a Stamper's numbered
    references get none and say so at finalize, naming the fragment."""
    def jz(a: Assembler, t: Any, u: Any) -> None:
        a.cbz(x0, t)
        a.tbz(x0, 3, u)
        a.b(t)

    frag = Fragment(jz, t=hole.label, u=hole.label)
    for pending in (False, True):
        got, ref = MacroAssembler(), MacroAssembler()
        for m in (got, ref):
            m.other = m.label()  # type: ignore[attr-defined]
            if pending:  # the MacroAssembler's _put counts words against a deadline
                m.tbnz(x1, 2, m.other)  # type: ignore[attr-defined]
        t1, u1, t2, u2 = got.label(), got.label(), ref.label(), ref.label()
        frag.emit(got, t1, u1)
        jz(ref, t2, u2)
        for _ in range(10_000):  # past tbz's reach: veneers
            got.nop()
            ref.nop()
        for m, t, u in ((got, t1, u1), (ref, t2, u2)):
            m.bind(u)
            m.bind(m.other)  # type: ignore[attr-defined]
            m.bind(t)
            m.ret()
        code = got.finalize()
        assert code == ref.finalize(), pending
        assert len(code) > 4 * 10_005  # the veneers are there
    m = MacroAssembler()
    st = Stamper(m, labels=2)
    st.emitter(frag)(0, 1)
    for _ in range(10_000):
        m.nop()
    st.bind(0)
    st.bind(1)
    with pytest.raises(EncodingError, match=r"Fragment jz: hole u: the tbz at offset 0x4 to "
                                            r"label 1 at 0x9c4c: target offset 40008 cannot"):
        m.finalize()


def _fixed_refs(a: Assembler, at: Any, t: Any, k: int) -> None:
    a.b(t)  # word 0: no value hole in it
    a.bind(at)
    a.add(x0, x0, k)
    a.b_cond(NE, t)  # word 2: no value hole in it
    a.cbz(x1, at)  # word 3: to the label the instance binds (inside the fragment)
    a.adr(x2, t)  # word 4


@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_stamper_fixed_words_at_every_distance(cls: type[Assembler]) -> None:
    """References in words no value hole touches are stored whole (inline to a bound
    label, at finalize to a forward one): at word 0 and later, to a label bound right
    there (delta 0), bound by the instance itself (a recorded backward reference),
    bound before, bound after, with immediates seen before (the stamps' fast path):
    the Assembler's bytes."""
    frag = Fragment(_fixed_refs, at=hole.label, t=hole.label, k=hole.imm12)
    assert [frag._fixed_word(i) >= 0 for i in range(5)] == [True, False, True, True, True]
    got, ref = cls(), cls()
    st = Stamper(got, labels=9)
    stamp = st.emitter(frag)
    labels = [ref.label() for _ in range(9)]

    def both(at: int, t: int, k: int) -> None:
        stamp(at, t, k)
        _fixed_refs(ref, labels[at], labels[t], k)

    def bind(n: int) -> None:
        st.bind(n)
        ref.bind(labels[n])

    for at, k in ((5, 1), (6, 2), (0, 3)):  # first sights: the checked path
        both(at, 7, k)
    bind(1)
    both(2, 1, 1)  # delta 0 at word 0 (inline), -2 at word 2, -4 at word 4
    both(3, 3, 2)  # its own label: recorded, then filled in backward at finalize
    both(4, 0, 3)  # bound several instances back (inline)
    both(8, 2, 1)
    got.nop()
    ref.nop()
    bind(7)  # forward references of the first instances
    assert any(recs for recs, _ in st._records)
    assert got.finalize() == ref.finalize()


def _guard_pair(a: Assembler, at: Any, k: int, mid: Any, slow: Any) -> None:
    a.bind(at)
    a.b_cond(NE, slow)  # word 0
    a.add(x0, x0, k)
    a.bind(mid)
    a.adds(x0, x0, x1)
    a.b_vs(slow)  # word 3: two fixed words branch to one label hole


@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_stamper_two_fixed_references_of_one_hole(cls: type[Assembler]) -> None:
    """A hole referenced by two fixed words is filled in in one pass at finalize: both
    forward, both backward (the label the instance binds at its first word), one of
    each (a label bound between the two): the Assembler's bytes."""
    frag = Fragment(_guard_pair, at=hole.label, k=hole.imm12, mid=hole.label,
                    slow=hole.label)
    got, ref = cls(), cls()
    st = Stamper(got, labels=20)
    stamp = st.emitter(frag)
    labels = [ref.label() for _ in range(20)]
    # (at, k, mid, slow): cold, then warm; slow = 19 forward, = at, = mid
    for n, (at, k, mid, slow) in enumerate([(0, 5, 1, 19), (2, 5, 3, 19), (4, 6, 5, 4),
                                            (6, 7, 7, 7), (8, 5, 9, 19), (10, 6, 11, 10),
                                            (12, 7, 13, 13)]):
        stamp(at, k, mid, slow)
        _guard_pair(ref, labels[at], k, labels[mid], labels[slow])
        if n == 2:
            assert any(recs for recs, _ in st._records)
    got.nop()
    ref.nop()
    st.bind(19)
    ref.bind(labels[19])
    assert got.finalize() == ref.finalize()


def test_holes_must_name_the_bodys_parameters() -> None:
    # a missing or a stray hole raised Python's own TypeError from the body's first run
    # ("add_slots() missing 1 required positional argument: 'rhs'"), naming no fragment
    def add_slots(a: Any, dst: int, lhs: int, rhs: int, k: int = 1) -> None:
        a.add(dst, lhs, rhs)

    slots = {"dst": hole.x, "lhs": hole.x}
    with pytest.raises(OperandError, match=r"^Fragment add_slots: the body's parameters "
                       r"after the assembler are dst, lhs, rhs, k; no hole given for rhs$"):
        Fragment(add_slots, **slots)
    with pytest.raises(OperandError, match=r"; no parameter for hole z$"):
        Fragment(add_slots, **slots, rhs=hole.x, z=hole.x)
    Fragment(add_slots, **slots, rhs=hole.x)  # k keeps its default

    class Holder:
        def body(self, a: Any, dst: Any) -> None:
            a.mov(dst, 1)

    Fragment(Holder().body, dst=hole.x)  # a bound method: self is not a hole
