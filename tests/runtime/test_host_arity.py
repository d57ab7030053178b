"""Host functions of every argument count (the native backend's trampoline is written out
per arity up to 4, a general one beyond): arguments, results and exceptions arrive."""

from __future__ import annotations

import ctypes
from typing import Any

import pytest

from a64jit import (
    JitBuffer,
    MacroAssembler,
    emit_host_call,
    host_function,
    post,
    pre,
    sp,
    x0,
    x1,
    x2,
    x3,
    x4,
    x5,
    x29,
    x30,
)

I64 = ctypes.c_int64
ARGS = [x0, x1, x2, x3, x4, x5]


def _caller(buf: JitBuffer, hf: Any, n: int, restype: Any = I64) -> Any:
    """Code taking ``n`` int64 arguments that calls ``hf`` with them; its result."""
    m = MacroAssembler()
    m.stp(x29, x30, pre(sp, -16))
    m.mov(x29, sp)
    emit_host_call(m, hf, ARGS[:n], result=x0)
    m.ldp(x29, x30, post(sp, 16))
    m.ret()
    return buf.install(m, restype=restype, argtypes=[I64] * n)


@pytest.mark.parametrize("n", range(7))
def test_each_arity_passes_arguments_and_result(n: int) -> None:
    seen: list[tuple[int, ...]] = []

    def fn(*args: int) -> int:
        seen.append(args)
        return sum(a * (i + 1) for i, a in enumerate(args)) - 7

    with JitBuffer() as buf:
        hf = host_function(fn, I64, [I64] * n)
        f: Any = _caller(buf, hf, n)
        args = [(-1) ** i * (1000 + i) for i in range(n)]
        assert f(*args) == sum(a * (i + 1) for i, a in enumerate(args)) - 7
        assert seen == [tuple(args)]


@pytest.mark.parametrize("n", [0, 1, 3, 4, 6])
def test_each_arity_raises_in_the_caller(n: int) -> None:
    def fn(*args: int) -> int:
        raise LookupError(f"from {len(args)}")

    with JitBuffer() as buf:
        hf = host_function(fn, I64, [I64] * n)
        f: Any = _caller(buf, hf, n)
        with pytest.raises(LookupError, match=f"from {n}"):
            f(*range(n))
        ok = host_function(lambda *a: 5, I64, [I64] * n)
        g: Any = _caller(buf, ok, n)
        assert g(*range(n)) == 5  # nothing left pending


@pytest.mark.parametrize(("restype", "value", "want"), [
    (I64, -(1 << 63), -(1 << 63)), (I64, (1 << 63) - 1, (1 << 63) - 1), (I64, True, 1),
    (ctypes.c_uint32, 0xFFFF_FFFF, 0xFFFF_FFFF), (ctypes.c_int32, -5, -5),
])
def test_results_at_the_range_ends(restype: object, value: object, want: int) -> None:
    with JitBuffer() as buf:
        hf = host_function(lambda a: value, restype, [I64])
        f: Any = _caller(buf, hf, 1, restype)
        assert f(0) == want


def test_float_result_still_checked() -> None:
    with JitBuffer() as buf:
        hf = host_function(lambda a: "no", I64, [I64])
        f: Any = _caller(buf, hf, 1)
        with pytest.raises(TypeError, match="not convertible"):
            f(1)
