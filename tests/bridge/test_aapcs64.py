"""AAPCS64 argument/result assignment and register sets (pure, no runtime)."""

from __future__ import annotations

import ctypes

import pytest

from a64jit.abi import aapcs64 as abi
from a64jit.abi.aapcs64 import (
    APPLE,
    F32,
    F64,
    I8,
    I16,
    I32,
    I64,
    LINUX,
    PTR,
    U8,
    Composite,
    assign_call,
)
from a64jit.errors import OperandError
from a64jit.operands import (
    FP_BY_PREFIX,
    d0,
    d1,
    d2,
    s0,
    s1,
    s2,
    s3,
    s4,
    s5,
    w0,
    w1,
    x0,
    x1,
    x2,
    x3,
    x4,
    x5,
    x6,
    x7,
    x8,
    x16,
    x17,
    x18,
)


def regs(layout: abi.CallLayout) -> list[object]:
    return [a.regs if a.regs else ("stack", a.stack_offset) for a in layout.args]


def test_register_sets() -> None:
    assert [r.name for r in abi.CALLEE_SAVED_GPRS] == [f"x{i}" for i in range(19, 29)]
    assert [r.name for r in abi.CALLEE_SAVED_FPRS] == [f"d{i}" for i in range(8, 16)]
    assert abi.INDIRECT_RESULT is x8
    assert (x16, x17, x18) == (abi.IP0, abi.IP1, abi.PLATFORM_REGISTER)
    assert abi.FRAME_POINTER.name == "x29" and abi.LINK_REGISTER.name == "x30"
    callee = set(abi.CALLEE_SAVED_GPRS)
    assert not callee & set(abi.CALLER_SAVED_GPRS)
    assert set(abi.CALLER_SAVED_FPRS).isdisjoint(abi.CALLEE_SAVED_FPRS)
    assert len(abi.CALLER_SAVED_FPRS) + len(abi.CALLEE_SAVED_FPRS) == 32
    alloc = abi.allocatable_gprs()
    assert x16 not in alloc and x17 not in alloc and x18 not in alloc
    assert len(alloc) == 31 - 5
    assert abi.align_stack(0) == 0 and abi.align_stack(1) == 16 and abi.align_stack(32) == 32


def test_integer_and_fp_interleave() -> None:
    layout = assign_call([I64, F64, I32, F32, PTR], F64)
    assert regs(layout) == [(x0,), (d0,), (w1,), (s1,), (x2,)]
    assert layout.result is not None and layout.result.regs == (d0,)
    assert layout.stack_size == 0 and not layout.indirect_result


def test_nine_integers_spill_to_stack() -> None:
    layout = assign_call([I64] * 10, I32)
    assert regs(layout)[:8] == [(r,) for r in (x0, x1, x2, x3, x4, x5, x6, x7)]
    assert regs(layout)[8:] == [("stack", 0), ("stack", 8)]
    assert layout.stack_size == 16
    assert layout.result is not None and layout.result.regs == (w0,)


def test_small_stack_args_linux_vs_apple() -> None:
    params = [I64] * 8 + [I8, I16, I32, U8, F32, F64]
    linux = assign_call(params, None, LINUX)
    assert [a.stack_offset for a in linux.args[8:12]] == [0, 8, 16, 24]
    assert [a.size for a in linux.args[8:12]] == [8, 8, 8, 8]
    # FP arguments still go to s0/d1: FP registers are counted apart from GPRs.
    assert regs(linux)[12:] == [(s0,), (d1,)]
    assert linux.stack_size == 32
    params2 = [I64] * 8 + [I8, I16, I32, U8]
    apple = assign_call(params2, None, APPLE)
    assert [a.stack_offset for a in apple.args[8:]] == [0, 2, 4, 8]
    assert apple.stack_size == 16


def test_fp_overflow() -> None:
    layout = assign_call([F64] * 9 + [F32, F32], F32)
    assert regs(layout)[:8] == [(abi.ARG_FPRS[i],) for i in range(8)]
    assert [a.stack_offset for a in layout.args[8:]] == [0, 8, 16]
    apple = assign_call([F64] * 9 + [F32, F32], F32, APPLE)
    assert [a.stack_offset for a in apple.args[8:]] == [0, 8, 12]
    assert layout.result is not None and layout.result.regs == (s0,)


def test_variadic() -> None:
    # printf("%d %f", 1, 2.0)
    linux = assign_call([PTR, I32, F64], I32, LINUX, variadic_from=1)
    assert regs(linux) == [(x0,), (w1,), (d0,)]
    apple = assign_call([PTR, I32, F64], I32, APPLE, variadic_from=1)
    assert regs(apple) == [(x0,), ("stack", 0), ("stack", 8)]
    assert apple.stack_size == 16


def test_composites() -> None:
    pair = Composite.struct(16)
    big = Composite.struct(24)
    layout = assign_call([I64, pair, big], big)
    assert regs(layout) == [(x0,), (x1, x2), (x3,)]
    assert layout.args[2].indirect
    assert layout.indirect_result and layout.result is not None
    assert layout.result.regs == (x8,)
    # A 16-byte composite never straddles registers and stack (C.11).
    layout = assign_call([I64] * 7 + [pair, I64])
    assert regs(layout)[7:] == [("stack", 0), ("stack", 16)]
    # Composites aligned to 16 start at an even register (C.8).
    aligned = Composite("i128s", 16, 16, "composite")
    assert regs(assign_call([I64, aligned])) == [(x0,), (x2, x3)]


def test_hfa() -> None:
    vec3 = Composite.homogeneous(F32, 3)
    layout = assign_call([F64, vec3, vec3, vec3], vec3)
    assert regs(layout)[:3] == [(d0,), (s1, s2, FP_BY_PREFIX["s"][3]), tuple(
        FP_BY_PREFIX["s"][i] for i in (4, 5, 6))]
    # The third HFA does not fit in v7 alone: stack, and NSRN is exhausted.
    assert layout.args[3].on_stack and layout.args[3].size == 16
    assert layout.result is not None and layout.result.regs == (s0, s1, s2)
    after = assign_call([F64] * 7 + [Composite.homogeneous(F64, 2), F64])
    assert regs(after)[7:] == [("stack", 0), ("stack", 16)]
    assert after.args[8].stack_offset == 16


def test_from_ctypes() -> None:
    assert abi.from_ctypes(ctypes.c_int64) is I64
    assert abi.from_ctypes(ctypes.c_uint32) is abi.U32
    assert abi.from_ctypes(ctypes.c_double) is F64
    assert abi.from_ctypes(ctypes.c_float) is F32
    assert abi.from_ctypes(ctypes.c_void_p) is PTR
    assert abi.from_ctypes(ctypes.POINTER(ctypes.c_int)) is PTR
    assert abi.from_ctypes(None) is None

    class S(ctypes.Structure):
        _fields_ = [("a", ctypes.c_int64), ("b", ctypes.c_int32)]

    s = abi.from_ctypes(S)
    assert isinstance(s, Composite) and s.size == 16
    with pytest.raises(OperandError):
        abi.from_ctypes(int)


def test_errors() -> None:
    with pytest.raises(OperandError):
        assign_call([int])  # type: ignore[list-item]
    with pytest.raises(OperandError):
        Composite.homogeneous(I64, 2)


def test_stack_size_always_aligned() -> None:
    for n in range(20):
        for t in (I8, I64, F32, F64):
            for platform in (LINUX, APPLE):
                layout = assign_call([t] * n, platform=platform)
                assert layout.stack_size % 16 == 0
                ends = [a.stack_offset + a.size for a in layout.args if a.stack_offset is not None]
                assert max(ends, default=0) <= layout.stack_size


def _all_simple_ctypes() -> list[type]:
    out = []
    for name in dir(ctypes):
        t = getattr(ctypes, name)
        if isinstance(t, type) and issubclass(t, ctypes._SimpleCData) and t is not \
                ctypes._SimpleCData and name.startswith(("c_", "py_")):
            out.append(t)
    return out


@pytest.mark.parametrize("ctype", _all_simple_ctypes(), ids=lambda t: t.__name__)
def test_from_ctypes_knows_every_scalar(ctype: type) -> None:
    if ctype is ctypes.c_longdouble:
        with pytest.raises(OperandError, match="c_longdouble"):
            abi.from_ctypes(ctype)
        assert abi.from_ctypes(ctype, abi.APPLE) is F64
        return
    t = abi.from_ctypes(ctype)
    assert t is not None and t.kind in ("int", "fp")
    if t is not PTR:
        assert t.size == ctypes.sizeof(ctype)
        if t.kind == "int" and ctype not in (ctypes.c_char, ctypes.c_wchar, ctypes.c_bool):
            assert t.signed == (ctype(-1).value == -1)


def test_from_ctypes_char_and_wchar_signedness_per_platform() -> None:
    assert abi.from_ctypes(ctypes.c_char) is abi.U8
    assert abi.from_ctypes(ctypes.c_char, abi.APPLE) is abi.I8
    assert abi.from_ctypes(ctypes.c_wchar) is abi.U32
    assert abi.from_ctypes(ctypes.c_wchar, abi.APPLE) is abi.I32
    assert abi.from_ctypes(ctypes.c_int * 4) is PTR  # arrays decay to pointers
    assert abi.from_ctypes(ctypes.CFUNCTYPE(None)) is PTR


class Pt(ctypes.Structure):
    _fields_ = [("x", ctypes.c_double), ("y", ctypes.c_double)]


class Rgb(ctypes.Structure):
    _fields_ = [("c", ctypes.c_float * 3)]


class Nest(ctypes.Structure):
    _fields_ = [("p", Pt), ("z", ctypes.c_double)]


class Mixed(ctypes.Structure):
    _fields_ = [("a", ctypes.c_float), ("b", ctypes.c_double)]


class Five(ctypes.Structure):
    _fields_ = [("v", ctypes.c_float * 5)]


def test_from_ctypes_homogeneous_fp_aggregates() -> None:
    pt, rgb, nest = abi.from_ctypes(Pt), abi.from_ctypes(Rgb), abi.from_ctypes(Nest)
    assert isinstance(pt, Composite) and pt.hfa is F64 and pt.members == 2
    assert isinstance(rgb, Composite) and rgb.hfa is F32 and rgb.members == 3
    assert isinstance(nest, Composite) and nest.hfa is F64 and nest.members == 3
    for not_hfa in (Mixed, Five):
        t = abi.from_ctypes(not_hfa)
        assert isinstance(t, Composite) and t.hfa is None
    layout = assign_call([abi.from_ctypes(Pt), F64, abi.from_ctypes(Rgb)],  # type: ignore[list-item]
                         abi.from_ctypes(Pt))
    assert [a.regs for a in layout.args] == [(d0, d1), (d2,), (s3, s4, s5)]
    assert layout.result is not None and layout.result.regs == (d0, d1)
