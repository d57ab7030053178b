"""Code built from Fragments runs (natively under qemu and in the emulator): a template
JIT's loop with register, immediate, scaled-offset and label holes, and a
MacroAssembler stream with a literal pool between instances."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import Any

import pytest

from a64jit import (
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
