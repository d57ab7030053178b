"""emit_host_call's plans (one per call shape, replayed with each call's constants and
address) against the function as it was before them: the same words for every shape
(random argument lists of registers and constants, stack arguments, move cycles, live
registers of every kind, results, another scratch register than the first), the same
errors, and a plan's words with the constants of another call."""

from __future__ import annotations

import random
import struct
from collections.abc import Iterable, Sequence
from typing import Any

import pytest

from a64jit.abi import emit_host_call, stubs
from a64jit.abi.aapcs64 import CALLER_SAVED_FPRS, CALLER_SAVED_GPRS, align_stack, assign_call
from a64jit.abi.stubs import _arg_type, _fp_parallel_move, _parallel_move
from a64jit.errors import OperandError
from a64jit.macro.masm import MacroAssembler
from a64jit.operands import (
    FP_BY_PREFIX,
    W_BY_CODE,
    X_BY_CODE,
    FPRegister,
    GPRegister,
    Register,
    mem,
    sp,
)

# The function before plans, kept here as the reference (the library has one copy of
# the rules: the plan's).

def _reference(masm: MacroAssembler, function: int,
                   args: Sequence[Any] = (), *,
                   live: Iterable[Any] = (),
                   result: Any = None) -> None:
    """emit_host_call as it was before plans (session 12): the reference."""
    types = [_arg_type(a, i) for i, a in enumerate(args)]
    if result is not None and not isinstance(result, (GPRegister, FPRegister)):
        raise OperandError(f"emit_host_call: result is {type(result).__name__} {result!r}; "
                           "expected an x/w or d/s register")
    result_type = None if result is None else _arg_type(result, -1)
    layout = assign_call(types, result_type)

    # What to save: caller-saved registers named live (except the result's).
    caller_gp = {r.code for r in CALLER_SAVED_GPRS}
    caller_fp = {r.code for r in CALLER_SAVED_FPRS}
    gp_keep: set[int] = set()
    fp_keep: dict[int, int] = {}  # code -> bytes to keep (8: d view, 16: all of q)
    for r in live:
        if isinstance(r, GPRegister):
            if r.code in caller_gp and not (isinstance(result, GPRegister)
                                             and r.code == result.code):
                gp_keep.add(r.code)
        elif isinstance(r, FPRegister):
            if isinstance(result, FPRegister) and r.code == result.code:
                continue
            width = 16 if r.size == 128 else 8
            if r.code in caller_fp or width == 16:
                fp_keep[r.code] = max(width, fp_keep.get(r.code, 0))
        else:
            raise OperandError(f"emit_host_call: live register {r!r} is not an x/w or FP "
                               "register")
    saves: list[tuple[Register, int]] = []
    offset = 0
    for code, width in sorted(fp_keep.items(), key=lambda kv: -kv[1]):  # q first: aligned
        saves.append((FP_BY_PREFIX["q" if width == 16 else "d"][code], offset))
        offset += width
    for code in sorted(gp_keep):
        saves.append((X_BY_CODE[code], offset))
        offset += 8
    save_area = align_stack(offset)
    frame = save_area + layout.stack_size
    if frame:
        masm.sub(sp, sp, frame)
    for reg, off in saves:
        masm.str(reg, mem(sp, layout.stack_size + off))

    # Stack arguments first, while every source register still holds its value.
    gp_moves = [(loc.regs[0], a) for a, loc in zip(args, layout.args, strict=True)
                if loc.regs and isinstance(a, GPRegister)]
    fp_moves = [(loc.regs[0], a) for a, loc in zip(args, layout.args, strict=True)
                if loc.regs and isinstance(a, FPRegister)]
    with masm.scratch("host call") as s:
        temp = s.acquire(avoid=[a for a in args if isinstance(a, GPRegister)])
        for a, loc in zip(args, layout.args, strict=True):
            if loc.stack_offset is None:
                continue
            where = mem(sp, loc.stack_offset)
            if isinstance(a, (GPRegister, FPRegister)):
                masm.str(a, where)
            else:
                bits = struct.unpack("<Q", struct.pack("<d", a))[0] if isinstance(a, float) \
                    else a
                masm.mov(temp, bits)
                masm.str(temp, where)
        # Register arguments: all moves at once, then the constants.
        _parallel_move(masm, [(X_BY_CODE[d.code], a.x) for d, a in gp_moves
                              if isinstance(d, GPRegister)], temp)
    used_fp = {a.code for _, a in fp_moves} | {d.code for d, _ in fp_moves}
    fp_temp = next(FP_BY_PREFIX["d"][c] for c in range(31, -1, -1) if c not in used_fp)
    _fp_parallel_move(masm, [(d, a) for d, a in fp_moves if isinstance(d, FPRegister)],
                      fp_temp)
    for a, loc in zip(args, layout.args, strict=True):
        if not loc.regs or isinstance(a, (GPRegister, FPRegister)):
            continue
        if isinstance(a, float):
            masm.fmov(FP_BY_PREFIX["d"][loc.regs[0].code], a)
        else:
            masm.mov(X_BY_CODE[loc.regs[0].code], a)
    masm.call(function)
    if isinstance(result, GPRegister):
        masm.mov(result.x if result.size == 64 else result, X_BY_CODE[0]
                 if result.size == 64 else W_BY_CODE[0])
    elif isinstance(result, FPRegister):
        src = FP_BY_PREFIX["d" if result.size == 64 else "s"][0]
        if result.code != 0:
            masm.fmov(result, src)
    for reg, off in saves:
        masm.ldr(reg, mem(sp, layout.stack_size + off))
    if frame:
        masm.add(sp, sp, frame)



def _words(emit: Any, function: Any, args: list[Any], live: Any = (), result: Any = None,
           hold: int = 0) -> bytes:
    """The finalized bytes of one ``emit(m, function, args, live=, result=)`` (``hold``
    scratch registers taken first)."""
    m = MacroAssembler()
    m.mov(X_BY_CODE[9], 1)
    if hold:
        with m.scratch("held") as s:
            for _ in range(hold):
                s.acquire()
            with m.scratch("inner"):
                emit(m, function, args, live=live, result=result)
    else:
        emit(m, function, args, live=live, result=result)
    m.ret()
    return m.finalize(0x10000)


def _random_shape(rng: random.Random) -> tuple[list[Any], list[Any], Any]:
    regs: list[Any] = [X_BY_CODE[c] for c in range(0, 16)] + [X_BY_CODE[c] for c in (19, 22, 28)]
    regs += [W_BY_CODE[c] for c in (0, 1, 5, 9, 12)]
    fps: list[Any] = [FP_BY_PREFIX["d"][c] for c in (0, 1, 2, 7, 8, 9, 16, 31)]
    fps += [FP_BY_PREFIX["s"][c] for c in (0, 3, 17)]
    args: list[Any] = []
    for _ in range(rng.randrange(0, 14)):
        kind = rng.randrange(5)
        if kind == 0:
            args.append(rng.choice([0, 1, -1, 7, 0xFFFF, 2**40 + 3, -(2**50), 2**63 - 1]))
        elif kind == 1:
            args.append(rng.choice([0.0, 1.5, -2.25, 1e300]))
        elif kind in (2, 3):
            args.append(rng.choice(regs))
        else:
            args.append(rng.choice(fps))
    pool: list[Any] = [X_BY_CODE[c] for c in (0, 3, 9, 15, 17, 19, 21)]
    pool += [FP_BY_PREFIX["d"][c] for c in (0, 5, 9, 16, 30)]
    pool += [FP_BY_PREFIX["q"][c] for c in (1, 9, 20)]
    live = rng.sample(pool, rng.randrange(0, 6))
    result = rng.choice([None, X_BY_CODE[0], X_BY_CODE[12], W_BY_CODE[3], X_BY_CODE[17],
                         FP_BY_PREFIX["d"][0], FP_BY_PREFIX["d"][9], FP_BY_PREFIX["s"][1]])
    return args, live, result


@pytest.mark.parametrize("hold", [0, 1])
def test_plans_give_the_words_of_the_reference(hold: int) -> None:
    rng = random.Random(1313 + hold)
    stubs._PLANS.clear()
    shapes = [_random_shape(rng) for _ in range(300)]
    # cycles among the argument registers, and the same shapes again (plans replayed)
    shapes += [([X_BY_CODE[1], X_BY_CODE[0]], [], None),
               ([X_BY_CODE[2], X_BY_CODE[0], X_BY_CODE[1], 5], [X_BY_CODE[3]], X_BY_CODE[0]),
               ([FP_BY_PREFIX["d"][1], FP_BY_PREFIX["d"][0]], [], FP_BY_PREFIX["d"][0])]
    shapes += shapes
    for args, live, result in shapes:
        for address in (0x7F00_1234_5678, 0x4000):
            want = _words(_reference, address, args, live, result, hold)
            got = _words(emit_host_call, address, args, live, result, hold)
            assert got == want, (args, live, result, hold)
    assert len(stubs._PLANS) > 100


def test_a_plan_takes_each_calls_constants() -> None:
    """One shape, other constants: the plan's words are the reference's for each."""
    stubs._PLANS.clear()
    for n in (0, 1, 2**32 + 1, -7):
        for f in (0.0, 0.1, -3.5):
            args: list[Any] = [X_BY_CODE[3], n, f, *[n] * 8, f]  # stack arguments too
            want = _words(_reference, 0x1000 + n % 97, args, result=X_BY_CODE[0])
            got = _words(emit_host_call, 0x1000 + n % 97, args, result=X_BY_CODE[0])
            assert got == want
    assert len(stubs._PLANS) == 1


class _Addressed:
    address = 0x5555_0000


@pytest.mark.parametrize("bad", [
    ([X_BY_CODE[0], "x1"], (), None),
    ([sp], (), None),
    ([True], (), None),
    ([], (), 5),
    ([X_BY_CODE[0]], ("x3",), None),
    ([X_BY_CODE[0]], ([1],), None),     # unhashable: planned alone
    ([[1]], (), None),
    ([FP_BY_PREFIX["b"][0]], (), None),
    ([X_BY_CODE[1]], (), FP_BY_PREFIX["h"][2]),
])
def test_errors_are_the_references(bad: tuple[Any, Any, Any]) -> None:
    args, live, result = bad
    with pytest.raises((TypeError, ValueError)) as want:
        _reference(MacroAssembler(), 0x1000, args, live=live, result=result)
    for _ in range(2):  # not remembered as a plan
        with pytest.raises(want.type, match=str(want.value).replace("[", r"\[")
                           .replace("(", r"\(").replace(")", r"\)")):
            emit_host_call(MacroAssembler(), 0x1000, args, live=live, result=result)


def test_an_object_with_an_address_and_a_generator_of_live_registers() -> None:
    want = _words(_reference, _Addressed.address, [X_BY_CODE[5]], [X_BY_CODE[9]],
                  X_BY_CODE[5])
    for _ in range(2):
        got = _words(emit_host_call, _Addressed(), [X_BY_CODE[5]],
                     (r for r in [X_BY_CODE[9]]), X_BY_CODE[5])
        assert got == want


def test_arguments_must_match_the_host_functions_declaration() -> None:
    # each of these emitted a call whose host function read other values (a count, an
    # int for a double, a float for a double), silently
    import ctypes

    from a64jit import host_function

    x0, x1, d1 = X_BY_CODE[0], X_BY_CODE[1], FP_BY_PREFIX["d"][1]
    s2 = FP_BY_PREFIX["s"][2]

    def hyp(a: float, b: float) -> float:
        return float((a * a + b * b) ** 0.5)

    hf = host_function(hyp, ctypes.c_double, [ctypes.c_double, ctypes.c_double])
    cases: list[tuple[list[Any], str]] = [
            ([d1], "emit_host_call: 1 argument(s) given, but host function hyp declares 2"),
            ([x1, 4.0], "emit_host_call: argument 0 passes int64, but host function hyp "
                        "declares c_double (double)"),
            ([d1, s2], "emit_host_call: argument 1 passes float, but host function hyp "
                       "declares c_double (double)"),
            ([d1, 4], "emit_host_call: argument 1 passes int64, but host function hyp "
                      "declares c_double (double)")]
    for args, message in cases:
        for _ in range(2):  # planned, then the plan's shape again
            with pytest.raises(OperandError, match=message.replace("(", r"\(")
                               .replace(")", r"\)")):
                emit_host_call(MacroAssembler(), hf, args, live=[x0], result=d1)
    good: list[list[Any]] = [[d1, 4.0], [2.0, d1]]
    for args in good:  # what it declares: planned once, checked once
        emit_host_call(MacroAssembler(), hf, args, result=d1)
    emit_host_call(MacroAssembler(), 0x1000, [x1, s2, d1])  # a bare address: not checked


def test_the_result_must_match_the_host_functions_declaration() -> None:
    # an x register took a double's result (x0 as it was), a d register a float's
    import ctypes

    from a64jit import host_function

    x0, d0, s0 = X_BY_CODE[0], FP_BY_PREFIX["d"][0], FP_BY_PREFIX["s"][0]
    double = host_function(lambda v: 2.5, ctypes.c_double, [ctypes.c_int64])
    single = host_function(lambda v: 2.5, ctypes.c_float, [ctypes.c_int64])
    void = host_function(lambda v: None, None, [ctypes.c_int64])
    for hf, result, says in (
            (double, x0, "result takes int64, but host function <lambda> returns c_double "
                         "(double)"),
            (single, d0, "result takes double, but host function <lambda> returns c_float "
                         "(float)"),
            (void, x0, "result takes int64, but host function <lambda> returns no result "
                       "(void)")):
        with pytest.raises(OperandError, match=says.replace("(", r"\(").replace(")", r"\)")):
            emit_host_call(MacroAssembler(), hf, [x0], result=result)
    emit_host_call(MacroAssembler(), double, [x0], result=d0)
    emit_host_call(MacroAssembler(), single, [x0], result=s0)
    emit_host_call(MacroAssembler(), void, [x0])


def test_a_plain_assembler_is_refused_before_anything_is_emitted() -> None:
    # (the call needs scratch registers: an exact Assembler has none; it was an
    # AttributeError about 'scratch' after the arguments' moves were emitted)
    from a64jit import Assembler

    a: Any = Assembler()  # (mistyped on purpose)
    with pytest.raises(OperandError, match=r"emit_host_call: masm must be a MacroAssembler"
                                           r".*got Assembler"):
        emit_host_call(a, 0x1000, [X_BY_CODE[0], 5])
    assert a.offset == 0
