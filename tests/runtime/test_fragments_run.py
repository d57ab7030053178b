"""Code built from Fragments runs (natively under qemu and in the emulator): a template
JIT's loop with register, immediate, scaled-offset and label holes, and a
MacroAssembler stream with a literal pool between instances."""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Iterator
from typing import Any

import pytest

from a64jit import (
    EQ,
    NE,
    Assembler,
    Fragment,
    JitBuffer,
    MacroAssembler,
    Stamper,
    hole,
    lsl,
    mem,
    x0,
    x1,
    x2,
    x3,
    x4,
    x5,
    x9,
)

I64 = ctypes.c_int64


@pytest.fixture
def buf(backend: str) -> Iterator[JitBuffer]:
    with JitBuffer() as b:
        yield b


def _acc(a: Any, r: Any, k: int, shift: int) -> None:
    a.add(r, r, k)  # imm12 hole
    a.add(r, r, x1, lsl(shift))  # shift hole


def _load_add(a: Any, r: Any, off: int) -> None:
    a.ldr(x9, mem(x2, off))  # scaled offset hole
    a.add(r, r, x9)


def _count_down(a: Any, top: Any, done: Any) -> None:
    a.subs(x3, x3, 1)
    a.b_cond(NE, top)  # backward label hole
    a.b(done)  # forward label hole


ACC = Fragment(_acc, r=hole.x, k=hole.imm12, shift=hole.shift(63))
LOAD_ADD = Fragment(_load_add, r=hole.x, off=hole.offset(8))
COUNT_DOWN = Fragment(_count_down, top=hole.label, done=hole.label)


def _program(a: Assembler) -> None:
    """f(x0 = n, x1 = step, x2 = table): repeat n times: x0 += 5 + (x1 << 2) + table[3]."""
    a.mov(x3, x0)
    a.mov(x0, 0)
    top, done = a.label(), a.label()
    a.bind(top)
    ACC.emit(a, x0, 5, 2)
    LOAD_ADD.emit(a, r=x0, off=24)
    COUNT_DOWN.emit(a, top, done)
    a.bind(done)
    a.ret()


@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_fragment_loop_runs(buf: JitBuffer, cls: type[Assembler]) -> None:
    a = cls()
    _program(a)
    table = (I64 * 8)(*range(100, 108))
    f = buf.install(a, restype=I64, argtypes=[I64, I64, ctypes.c_void_p])
    for n, step in ((1, 0), (7, 3), (100, -1)):
        assert f(n, step, ctypes.addressof(table)) == n * (5 + (step << 2) + 103)
    ref = Assembler()
    ref.mov(x3, x0)
    ref.mov(x0, 0)
    top, done = ref.label(), ref.label()
    ref.bind(top)
    _acc(ref, x0, 5, 2)
    _load_add(ref, x0, 24)
    _count_down(ref, top, done)
    ref.bind(done)
    ref.ret()
    assert a.finalize() == ref.finalize()


def _step(a: Any, at: Any, k: int, odd: Any, back: Any) -> None:
    a.bind(at)
    a.tbnz(x3, 0, odd)  # forward, to an out-of-line part
    a.add(x0, x0, k)
    a.bind(back)
    a.subs(x3, x3, 1)


def _odd(a: Any, entry: Any, k: int, back: Any) -> None:
    a.bind(entry)
    a.sub(x0, x0, k)
    a.b(back)  # backward, into the main line


STEP = Fragment(_step, at=hole.label, k=hole.imm12, odd=hole.label, back=hole.label)
ODD = Fragment(_odd, entry=hole.label, k=hole.imm12, back=hole.label)


@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_stamped_program_runs(buf: JitBuffer, cls: type[Assembler]) -> None:
    """f(n): x0 = 0; repeat while x3 = n counts down: x0 += 7 if x3 is even else -= 7,
    stamped with numbered labels: a loop head, out-of-line parts, branches both ways."""
    a = cls()
    st = Stamper(a, labels=4)
    a.mov(x3, x0)
    a.mov(x0, 0)
    st.emitter(STEP)(0, 7, 2, 1)
    a.b_cond(NE, st.label(0))
    a.ret()
    st.emitter(ODD)(2, 7, 1)
    f = buf.install(a, restype=I64, argtypes=[I64])
    for n in (1, 2, 7, 100):
        assert f(n) == sum(-7 if i % 2 else 7 for i in range(1, n + 1))


def _acc_step(a: Any, at: Any, r: Any, k: int, off: int, done: Any) -> None:
    a.bind(at)
    a.add(r, r, k)  # imm12 hole
    a.ldr(x9, mem(x2, off))  # scaled offset hole
    a.add(r, r, x9)
    a.subs(x3, x3, 1)
    a.b_cond(EQ, done)  # forward, filled in at finalize (a word no value hole touches)


def _spin(a: Any, at: Any, k: int, target: Any) -> None:
    a.bind(at)
    a.add(x0, x0, k)
    a.subs(x1, x1, 1)
    a.b_cond(NE, target)  # the label the instance binds itself: a backward reference


# (register, immediate, table slot) of each instance, in order
STEPS = [(x0, 1, 0), (x4, 4095, 1), (x5, 7, 7), (x0, 0, 3), (x4, 300, 2), (x5, 12, 5)]


def _stamped_loop(a: Assembler, acc_step: Fragment, spin_: Fragment,
                  checked: bool = False) -> Stamper:
    """f(x0 = n, x1 = m, x2 = table): m times x0 += 9 (a one-instance loop), then
    instances of ``acc_step`` in a ring until n of them have run; x0 + x4 + x5.
    ``checked``: every instance through the stamper's checked path."""
    st = Stamper(a, labels=len(STEPS) + 3)
    done, spin = len(STEPS), len(STEPS) + 1
    step, stamp_spin = st.emitter(acc_step), st.emitter(spin_)
    if checked:
        step = functools.partial(st._checked, acc_step)
        stamp_spin = functools.partial(st._checked, spin_)
    a.mov(x3, x0)
    a.mov(x0, 0)
    stamp_spin(spin, 9, spin)
    a.mov(x4, 0)
    a.mov(x5, 0)
    for i, (r, k, slot) in enumerate(STEPS):
        step(i, r, k, 8 * slot, done)
    a.b(st.label(0))  # round the ring again
    st.bind(done)
    a.add(x0, x0, x4)
    a.add(x0, x0, x5)
    a.ret()
    return st


def _expected(n: int, m: int, table: list[int]) -> int:
    regs = {x0: 9 * m, x4: 0, x5: 0}
    for i in range(n):
        r, k, slot = STEPS[i % len(STEPS)]
        regs[r] += k + table[slot]
    return sum(regs.values())


@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_stamped_instances_run(buf: JitBuffer, cls: type[Assembler]) -> None:
    """Instances of one fragment with register, immediate, scaled-offset and label holes,
    stamped several times with other values, run; the bytes are the plain calls'. The
    first program takes the stamper's checked path, the second the stamps' fast path
    (references recorded, filled in at finalize)."""
    acc_step = Fragment(_acc_step, at=hole.label, r=hole.x, k=hole.imm12,
                        off=hole.offset(8), done=hole.label)
    spin = Fragment(_spin, at=hole.label, k=hole.imm12, target=hole.label)
    table_values = [3, -5, 1 << 40, 11, 0, 2, 6, -1]
    table = (I64 * 8)(*table_values)
    codes = []
    for fast in (False, True):
        a = cls()
        st = _stamped_loop(a, acc_step, spin, checked=not fast)
        assert any(recs for recs, _ in st._records) is fast
        f = buf.install(a, restype=I64, argtypes=[I64, I64, ctypes.c_void_p])
        for n, m in ((1, 1), (5, 3), (6, 1), (7, 2), (40, 10)):
            assert f(n, m, ctypes.addressof(table)) == _expected(n, m, table_values)
        codes.append(a.finalize())
    ref = cls()
    labels = [ref.label() for _ in range(len(STEPS) + 2)]
    done, spin_at = labels[len(STEPS)], labels[len(STEPS) + 1]
    ref.mov(x3, x0)
    ref.mov(x0, 0)
    _spin(ref, spin_at, 9, spin_at)
    ref.mov(x4, 0)
    ref.mov(x5, 0)
    for i, (r, k, slot) in enumerate(STEPS):
        _acc_step(ref, labels[i], r, k, 8 * slot, done)
    ref.b(labels[0])
    ref.bind(done)
    ref.add(x0, x0, x4)
    ref.add(x0, x0, x5)
    ref.ret()
    assert codes[0] == codes[1] == ref.finalize()


def _guarded(a: Any, at: Any, k: int, fix: int, end: Any, cold: Any) -> None:
    """x0 += k if x0 is even, else (out of line) x0 += fix; count x3 down to the exit."""
    slow, back = a.label(), a.label()
    a.bind(at)
    a.tbnz(x0, 0, slow)  # into the out-of-line part
    a.add(x0, x0, k)
    a.bind(back)
    a.subs(x3, x3, 1)
    a.b_cond(EQ, end)
    a.bind(cold)
    a.bind(slow)
    a.add(x0, x0, fix)  # a value hole out of line
    a.cbz(x3, end)  # a label hole out of line (never taken: x3 > 0 here)
    a.b(back)  # back into the instance


GUARDED = [(3, 8), (4, 1), (100, 7), (1, 2), (2, 5)]  # (k, fix) per instance, in a ring


def _guarded_expected(v: int, n: int) -> int:
    for i in range(n):
        k, fix = GUARDED[i % len(GUARDED)]
        v += fix if v & 1 else k
    return v


@pytest.mark.parametrize("cls", [Assembler, MacroAssembler])
def test_out_of_line_parts_run(buf: JitBuffer, cls: type[Assembler]) -> None:
    """f(x0 = v, x1 = n): instances of a fragment whose odd case is out of line
    (hole.cold), in a ring run n times; the bytes are the plain calls' with the same
    layout (the out-of-line parts after the code)."""
    frag = Fragment(_guarded, at=hole.label, k=hole.imm12, fix=hole.imm12, end=hole.label,
                    cold=hole.cold)
    count = len(GUARDED)
    codes = []
    for _ in range(2):  # new immediates (checked path), then the stamps' fast path
        a = cls()
        st = Stamper(a, labels=count + 1)
        stamp = st.emitter(frag)
        a.mov(x3, x1)
        for i, (k, fix) in enumerate(GUARDED):
            stamp(i, k, fix, count)
        a.b(st.label(0))
        st.out_of_line()
        st.bind(count)
        a.ret()
        f = buf.install(a, restype=I64, argtypes=[I64, I64])
        for v, n in ((0, 1), (1, 1), (5, 7), (2, 30), (7, 101)):
            assert f(v, n) == _guarded_expected(v, n)
        codes.append(a.finalize())
    ref = cls()
    labels = [ref.label() for _ in range(count + 1)]
    ref.mov(x3, x1)
    colds = []
    for i, (k, fix) in enumerate(GUARDED):
        slow, back = ref.label(), ref.label()
        ref.bind(labels[i])
        ref.tbnz(x0, 0, slow)
        ref.add(x0, x0, k)
        ref.bind(back)
        ref.subs(x3, x3, 1)
        ref.b_cond(EQ, labels[count])
        colds.append((slow, back, fix))
    ref.b(labels[0])
    for slow, back, fix in colds:
        ref.bind(slow)
        ref.add(x0, x0, fix)
        ref.cbz(x3, labels[count])
        ref.b(back)
    ref.bind(labels[count])
    ref.ret()
    assert codes[0] == codes[1] == ref.finalize()
