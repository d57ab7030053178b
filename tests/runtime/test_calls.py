"""Installed code called through CodePtr on a real backend: signatures, edge
values, stack arguments, loops, memory through pointers, host functions."""

from __future__ import annotations

import ctypes
import math
import struct
from collections.abc import Iterator
from typing import Any

import pytest

import a64jit
from a64jit import JitBuffer, alloc_data, assemble, host_function
from tests.runtime.words import (
    ADD,
    CALL_X0,
    CALL_X2,
    RET,
    STORE,
    SUM_ARRAY,
    SUM_TO_N,
    code,
)

I64 = ctypes.c_int64
U64 = ctypes.c_uint64
D = ctypes.c_double
F = ctypes.c_float
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


@pytest.fixture
def buf(backend: str) -> Iterator[JitBuffer]:
    with JitBuffer() as b:
        yield b


def bits(x: float) -> int:
    return int(struct.unpack("<Q", struct.pack("<d", x))[0])


def test_current_backend_names_the_fixture(backend: str) -> None:
    assert a64jit.current_backend() == backend


def test_add(buf: JitBuffer) -> None:
    f = buf.install(ADD, restype=I64, argtypes=[I64, I64])
    assert f(40, 2) == 42
    assert f.size == 8 and f.address % 16 == 0 and f.buffer is buf


@pytest.mark.parametrize("a, b, want", [
    (INT64_MIN, 0, INT64_MIN), (INT64_MIN, -1, INT64_MAX), (-1, -1, -2),
    (INT64_MAX, 1, INT64_MIN), (0, 0, 0)])
def test_int64_edges(buf: JitBuffer, a: int, b: int, want: int) -> None:
    assert buf.install(ADD, restype=I64, argtypes=[I64, I64])(a, b) == want


@pytest.mark.parametrize("ctype, values", [
    (ctypes.c_int8, [-128, -1, 0, 127]), (ctypes.c_uint8, [0, 255]),
    (ctypes.c_int16, [-32768, 32767]), (ctypes.c_uint16, [65535]),
    (ctypes.c_int32, [-(2**31), -1, 2**31 - 1]), (ctypes.c_uint32, [2**32 - 1]),
    (ctypes.c_int64, [INT64_MIN, -1, INT64_MAX]), (ctypes.c_uint64, [2**64 - 1, 2**63]),
    (ctypes.c_bool, [True, False]),
])
def test_identity_every_int_width(buf: JitBuffer, ctype: Any, values: list[int]) -> None:
    f = buf.install(RET, restype=ctype, argtypes=[ctype])
    for v in values:
        assert f(v) == v


@pytest.mark.parametrize("ctype, value", [
    (ctypes.c_char, b"a"), (ctypes.c_char, b"\xff"), (ctypes.c_wchar, "\u20ac"),
    (ctypes.c_byte, -7), (ctypes.c_ubyte, 200), (ctypes.c_short, -300),
    (ctypes.c_ushort, 60000), (ctypes.c_int, -5), (ctypes.c_uint, 2**32 - 2),
    (ctypes.c_long, -(2**40)), (ctypes.c_ulong, 2**63), (ctypes.c_longlong, -2),
    (ctypes.c_ulonglong, 2**64 - 2), (ctypes.c_size_t, 2**50), (ctypes.c_ssize_t, -(2**50)),
    (ctypes.c_float, 0.5), (ctypes.c_double, -1.25), (ctypes.c_char_p, b"text"),
])
def test_every_ctypes_scalar_round_trips(buf: JitBuffer, ctype: Any, value: Any) -> None:
    """``ret`` returns its first argument: x0 or d0/s0 (c_char crashed before)."""
    f = buf.install(RET, restype=ctype, argtypes=[ctype])
    assert f(value) == value
    # as the 9th integer / FP argument: from its stack slot
    fp = ctype in (ctypes.c_float, ctypes.c_double)
    g = buf.install(code("ldr d0, [sp]", "ret") if fp else code("ldr x0, [sp]", "ret"),
                    restype=ctype, argtypes=[ctype] * 9)
    assert g(*[value] * 8, value) == value


def test_unions_by_value_are_refused(buf: JitBuffer) -> None:
    class U(ctypes.Union):
        _fields_ = [("i", I64), ("d", D)]

    with pytest.raises(TypeError, match="Union"):
        buf.install(RET, restype=I64, argtypes=[U])
    with pytest.raises(TypeError, match="c_longdouble"):
        buf.install(RET, restype=ctypes.c_longdouble)


class Pt(ctypes.Structure):
    _fields_ = [("x", D), ("y", D)]


class Pair(ctypes.Structure):
    _fields_ = [("a", I64), ("b", I64)]


class Rgb(ctypes.Structure):
    _fields_ = [("c", F * 3)]


class Big(ctypes.Structure):
    _fields_ = [("v", I64 * 4)]


class Tri(ctypes.Structure):
    _fields_ = [("a", ctypes.c_int32), ("b", ctypes.c_int32), ("c", ctypes.c_int32)]


def test_structs_by_value(buf: JitBuffer) -> None:
    """Structures by value as AAPCS64 places them (assign_call in the emulator,
    libffi natively): HFAs in d/s registers, small ones in x registers, big ones
    by reference (arguments) or through x8 (results), and on the stack."""
    def fn(text: str, restype: Any, argtypes: list[Any]) -> Any:
        return buf.install(assemble(text), restype=restype, argtypes=argtypes)

    assert fn("fadd d0, d0, d1\nret", D, [Pt])(Pt(1.5, 2.25)) == 3.75
    p = fn("ret", Pt, [Pt])(Pt(-1.0, 8.5))
    assert (p.x, p.y) == (-1.0, 8.5)
    swap = fn("fmov d2, d0\nfmov d0, d1\nfmov d1, d2\nret", Pt, [Pt])(Pt(1.0, 2.0))
    assert (swap.x, swap.y) == (2.0, 1.0)
    assert fn("fadd s0, s0, s1\nfadd s0, s0, s2\nret", F, [Rgb])(Rgb((F * 3)(1, 2, 4))) == 7
    assert fn("add x0, x0, x1\nret", I64, [Pair])(Pair(40, 2)) == 42
    tri = fn("lsr x2, x0, #32\nadd w0, w0, w2\nadd w0, w0, w1\nret", ctypes.c_int32, [Tri])
    assert tri(Tri(1, 20, 300)) == 321
    big_arg = fn("ldr x1, [x0]\nldr x2, [x0, #24]\nadd x0, x1, x2\nret", I64, [Big])
    assert big_arg(Big((I64 * 4)(5, 6, 7, 100))) == 105
    big_res = fn("stp x0, x1, [x8]\nstp x1, x0, [x8, #16]\nret", Big, [I64, I64])
    assert list(big_res(3, -4).v) == [3, -4, -4, 3]
    on_stack = fn("ldp x0, x1, [sp]\nadd x0, x0, x1\nret", I64, [I64] * 8 + [Pair])
    assert on_stack(*range(8), Pair(1000, 7)) == 1007
    with pytest.raises((TypeError, ctypes.ArgumentError)):
        fn("ret", I64, [Pair])(5)


def test_pointer_types(buf: JitBuffer) -> None:
    f = buf.install(RET, restype=ctypes.c_void_p, argtypes=[ctypes.c_void_p])
    assert f(0xDEAD_BEEF_0000) == 0xDEAD_BEEF_0000
    assert f(None) is None  # NULL comes back as None, as with any ctypes c_void_p
    arr = (I64 * 2)(5, 6)
    g = buf.install(RET, restype=ctypes.c_void_p, argtypes=[ctypes.POINTER(I64)])
    assert g(arr) == ctypes.addressof(arr)


def test_sign_extension(buf: JitBuffer) -> None:
    f = buf.install(code("sxtb x0, w0", "ret"), restype=I64, argtypes=[ctypes.c_uint8])
    assert f(0xFF) == -1 and f(0x7F) == 127


@pytest.mark.parametrize("x", [0.0, -0.0, 1.5, -2.25, math.inf, -math.inf, 5e-324, 1e308])
def test_double_identity_bits(buf: JitBuffer, x: float) -> None:
    f = buf.install(RET, restype=D, argtypes=[D])
    assert bits(f(x)) == bits(x)


def test_nan_payload_and_signed_zero(buf: JitBuffer) -> None:
    f = buf.install(RET, restype=D, argtypes=[D])
    nan = struct.unpack("<d", struct.pack("<Q", 0x7FF8_0000_0000_1234))[0]
    assert bits(f(nan)) == 0x7FF8_0000_0000_1234
    neg = buf.install(code("fneg d0, d0", "ret"), restype=D, argtypes=[D])
    assert bits(neg(0.0)) == bits(-0.0) and bits(neg(-0.0)) == bits(0.0)
    assert math.isnan(neg(math.nan))


def test_double_and_float_arithmetic(buf: JitBuffer) -> None:
    fadd = buf.install(code("fadd d0, d0, d1", "ret"), restype=D, argtypes=[D, D])
    assert fadd(0.1, 0.2) == 0.1 + 0.2
    assert bits(fadd(-0.0, -0.0)) == bits(-0.0)
    assert math.isnan(fadd(math.inf, -math.inf))
    fadds = buf.install(code("fadd s0, s0, s1", "ret"), restype=F, argtypes=[F, F])
    assert fadds(1.5, 2.25) == 3.75
    assert fadds(3.4e38, 3.4e38) == math.inf  # float overflow, so really single precision
    conv = buf.install(code("scvtf d0, x0", "ret"), restype=D, argtypes=[I64])
    assert conv(INT64_MIN) == float(INT64_MIN)
    trunc = buf.install(code("fcvtzs x0, d0", "ret"), restype=I64, argtypes=[D])
    assert trunc(-2.9) == -2 and trunc(math.nan) == 0 and trunc(1e300) == INT64_MAX


def test_stack_arguments_int(buf: JitBuffer) -> None:
    args = [INT64_MIN, -1, 2, 3, 4, 5, 6, 7, 0x1111_2222_3333_4444, -0x5555]
    a8 = buf.install(code("ldr x0, [sp]", "ret"), restype=I64, argtypes=[I64] * 10)
    a9 = buf.install(code("ldr x0, [sp, #8]", "ret"), restype=I64, argtypes=[I64] * 10)
    assert a8(*args) == args[8] and a9(*args) == args[9]


def test_stack_arguments_double(buf: JitBuffer) -> None:
    args = [float(i) + 0.5 for i in range(8)] + [-0.0, math.inf]
    d8 = buf.install(code("ldr d0, [sp]", "ret"), restype=D, argtypes=[D] * 10)
    d9 = buf.install(code("ldr d0, [sp, #8]", "ret"), restype=D, argtypes=[D] * 10)
    assert bits(d8(*args)) == bits(-0.0) and d9(*args) == math.inf


def test_stack_arguments_mixed(buf: JitBuffer) -> None:
    # 9 ints and 9 doubles interleaved: x0-x7 and d0-d7 fill, the 9th int goes
    # to [sp] and the 9th double to [sp+8] (order of the C argument list).
    argtypes: list[Any] = []
    args: list[Any] = []
    for i in range(9):
        argtypes += [I64, D]
        args += [100 + i, 0.25 + i]
    i8 = buf.install(code("ldr x0, [sp]", "ret"), restype=I64, argtypes=argtypes)
    d8 = buf.install(code("ldr d0, [sp, #8]", "ret"), restype=D, argtypes=argtypes)
    assert i8(*args) == 108 and d8(*args) == 8.25


def test_void_result(buf: JitBuffer) -> None:
    block = alloc_data(16)
    view = (I64 * 2).from_buffer(block)
    f = buf.install(STORE, restype=None, argtypes=[ctypes.c_void_p, I64])
    assert f(block.address, INT64_MIN) is None
    assert view[0] == INT64_MIN


def test_loop(buf: JitBuffer) -> None:
    f = buf.install(SUM_TO_N, restype=I64, argtypes=[I64])
    assert [f(n) for n in (0, 1, 10)] == [0, 1, 55]
    assert f(100_000) == 100_000 * 100_001 // 2


def test_memory_through_pointers(buf: JitBuffer) -> None:
    n = 1000
    block = alloc_data(8 * n)
    assert block.address % 4096 == 0 and len(block) >= 8 * n
    arr = (I64 * n).from_buffer(block)
    for i in range(n):
        arr[i] = i * i - 7
    total = buf.install(SUM_ARRAY, restype=I64, argtypes=[ctypes.c_void_p, I64])
    assert total(block.address, n) == sum(i * i - 7 for i in range(n))
    assert total(block.address, 0) == 0
    # also through a typed pointer argument
    typed = buf.install(SUM_ARRAY, restype=I64, argtypes=[ctypes.POINTER(I64), I64])
    assert typed(arr, 3) == -7 + -6 + -3
    store = buf.install(STORE, restype=None, argtypes=[ctypes.c_void_p, I64])
    store(block.address + 8 * 5, -123)
    assert arr[5] == -123


def test_host_function_called_from_code(buf: JitBuffer) -> None:
    seen: list[tuple[int, int]] = []

    def py(a: int, b: int) -> int:
        seen.append((a, b))
        return a * 10 + b

    hf = host_function(py, I64, [I64, I64])
    f = buf.install(CALL_X2, restype=I64, argtypes=[I64, I64, ctypes.c_void_p])
    assert f(4, 2, hf.address) == 42
    assert f(-(2**59), -1, hf.address) == -(2**59) * 10 - 1
    assert seen == [(4, 2), (-(2**59), -1)]
    hd = host_function(lambda x: x * 2.5, D, [D])
    g = buf.install(CALL_X0, restype=D, argtypes=[ctypes.c_void_p, D])
    assert g(hd.address, 4.0) == 10.0


def test_host_function_exception_reaches_caller(buf: JitBuffer) -> None:
    class Boom(Exception):
        pass

    def bad(a: int, b: int) -> int:
        raise Boom(f"boom {a} {b}")

    hf = host_function(bad, I64, [I64, I64])
    f = buf.install(CALL_X2, restype=I64, argtypes=[I64, I64, ctypes.c_void_p])
    with pytest.raises(Boom, match="boom 1 2"):
        f(1, 2, hf.address)
    # nothing stays pending: the next call is normal
    ok = host_function(lambda a, b: a - b, I64, [I64, I64])
    assert f(5, 3, ok.address) == 2
    with pytest.raises(Boom):
        f(3, 4, hf.address)


@pytest.mark.parametrize(("restype", "bad"), [
    (I64, "abc"), (I64, None), (I64, 1.5), (U64, b"x"), (D, "1.0"), (D, None),
    (ctypes.c_int32, [1]), (ctypes.c_void_p, "p"),
])
def test_host_function_wrong_result_type_raises_in_caller(
        buf: JitBuffer, restype: Any, bad: object) -> None:
    """Natively ctypes would print "Exception ignored" and return garbage."""
    hf = host_function(lambda a, b: bad, restype, [I64, I64])
    f = buf.install(CALL_X2, restype=restype, argtypes=[I64, I64, ctypes.c_void_p])
    with pytest.raises(TypeError, match=r"host function .* returned .*not convertible to"):
        f(1, 2, hf.address)
    ok = host_function(lambda a, b: a + b, restype, [I64, I64])
    assert f(1, 2, ok.address) == 3  # nothing left pending


def test_host_function_reenters_jit_code(buf: JitBuffer) -> None:
    add = buf.install(ADD, restype=I64, argtypes=[I64, I64])
    hf = host_function(lambda a, b: add(a, b) * 2, I64, [I64, I64])
    f = buf.install(CALL_X2, restype=I64, argtypes=[I64, I64, ctypes.c_void_p])
    assert f(20, 1, hf.address) == 42


def test_installs_assembler_objects(buf: JitBuffer) -> None:
    class SelfAddress:
        """Like an Assembler with an absolute label: finalize depends on address."""

        def __init__(self) -> None:
            self.calls: list[int] = []

        def finalize(self, address: int = 0) -> bytes:
            self.calls.append(address)
            return code("ldr x0, #8", "ret") + address.to_bytes(8, "little")

    obj = SelfAddress()
    f = buf.install(obj, restype=U64)
    assert f() == f.address and obj.calls[-1] == f.address

    class Plain:
        def finalize(self) -> bytes:
            return ADD

    assert buf.install(Plain(), restype=I64, argtypes=[I64, I64])(1, 2) == 3


def test_real_assembler(buf: JitBuffer) -> None:
    asm = a64jit.Assembler()
    asm.add(a64jit.x0, a64jit.x0, a64jit.x1)
    asm.ret()
    f = buf.install(asm, restype=I64, argtypes=[I64, I64])
    assert f(40, 2) == 42
    g = buf.install(a64jit.assemble("mul x0, x0, x1\nret"), restype=I64, argtypes=[I64, I64])
    assert g(-6, 7) == -42


def test_calls_and_host_functions_from_threads(buf: JitBuffer) -> None:
    import threading

    f = buf.install(CALL_X2, restype=I64, argtypes=[I64, I64, ctypes.c_void_p])
    hf = host_function(lambda a, b: a * b, I64, [I64, I64])

    def boom(a: int, b: int) -> int:
        raise KeyError(threading.get_ident())

    bad = host_function(boom, I64, [I64, I64])
    results: dict[int, Any] = {}

    def worker(k: int) -> None:
        out = [f(k, i, hf.address) for i in range(50)]
        try:
            f(k, 0, bad.address)
        except KeyError as exc:  # raised in this thread, for this thread's call
            out.append(exc.args[0] == threading.get_ident())
        results[k] = out

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {k: [k * i for i in range(50)] + [True] for k in range(4)}


def test_codeptr_is_not_made_directly() -> None:
    # CodePtr() made an empty object whose repr raised AttributeError
    for args in ((), (0x1000,), (0x1000, 4, None)):
        with pytest.raises(TypeError, match=r"CodePtr\(\) is not made directly: "
                                            r"JitBuffer\.install"):
            a64jit.CodePtr(*args)


def test_a_wrong_argument_count_names_the_codeptr() -> None:
    # the emulator's caller was named 'emulated_call_0x...' (natively ctypes says its own)
    if a64jit.current_backend() != "emulator":
        pytest.skip("the emulator's caller; natively ctypes reports the count")
    code = assemble("ret")
    with JitBuffer() as buf:
        f = buf.install(code, restype=ctypes.c_int64, argtypes=[ctypes.c_int64] * 2)
        with pytest.raises(TypeError, match=rf"^CodePtr at {f.address:#x}\(\) missing 2 "
                           r"required positional arguments"):
            f()
        with pytest.raises(TypeError, match=rf"^CodePtr at {f.address:#x}\(\) takes 2 "):
            f(1, 2, 3)
