"""The a64js baseline JIT's machine code on the current backend (natively under qemu in
the native suite): hand-written bytecode (no parser needed there), compiled at the first
call, with int32 templates, an overflow guard, direct recursive calls and a bailout."""

from __future__ import annotations

from typing import Any

from a64js.bytecode import Code
from a64js.hvm import core, interp
from a64js.jit import Jit
from a64js.words import INT_BASE, UNDEFINED_WORD
from tests.runtime.jitcode import make_code


def iw(i: int) -> int:
    return int(INT_BASE | (i & 0xFFFF_FFFF))


def _code(name: str, nparams: int, kbase: int, consts: list[Any],
          insns: list[tuple[Any, ...]]) -> Code:
    return make_code(name, nparams, consts, insns, kbase=kbase)


def _sum_code() -> Code:
    # sum(n): s = 0; i = 0; do { s = s + i; i = i + 1 } while (i < n); return s
    return _code("sum", 1, 6, [0, 1], [
        ("LoadK", 4, 0), ("LoadK", 5, 0), ("Add", 4, 4, 5), ("AddK", 5, 5, 1),
        ("JumpIfLt", 5, 3, 2), ("Return", 4)])


def _rec_code() -> Code:
    # rec(self, n): n >= 1 ? self(self, n - 1) + n : 0
    return _code("rec", 2, 9, [1, 0, None, "rec", -1], [
        ("JumpIfGe", 4, 9, 2), ("Return", 10), ("Mov", 6, 3), ("AddK", 7, 4, 4),
        ("Call", 5, 3, 11, 6, 2, 3), ("Add", 8, 5, 4), ("Return", 8)])


def _closure(code: Code) -> int:
    info = core.code_info(code)
    return int(core.R.heap.alloc_closure(core.R.fn_shape, info.id))


def test_int_loop_and_overflow(jit: Jit) -> None:
    fn = core.R.heap.handle(_closure(_sum_code()))
    assert interp.call(fn.word, UNDEFINED_WORD, [iw(1000)]) == iw(499500)
    # 2**16 + 100 iterations pass int32 range: Add's double path (in machine code since
    # t_num; before, the overflow guard's generic step)
    r = interp.call(fn.word, UNDEFINED_WORD, [iw(66000)])
    assert core.double_of(r) == 66000 * 65999 / 2
    st = jit.stats
    assert st.compiled == 1 and st.entries == 2
    assert not st.bailouts


def test_direct_recursion_and_stress_bailout(jit: Jit) -> None:
    fn = core.R.heap.handle(_closure(_rec_code()))
    assert interp.call(fn.word, UNDEFINED_WORD, [fn.word, iw(300)]) == iw(45150)
    assert jit.stats.entries == 1
    assert jit.summary().count("direct calls 300") == 1
    # doubles at every level (0 + 1.5 + 2.5): in line (AddK's guard has an out-of-line
    # double path since t_num.slow_paths), so no guard fails
    r = interp.call(fn.word, UNDEFINED_WORD, [fn.word, core.num_word(2.5)])
    assert core.number_of(r) == 4
    assert not jit.stats.guard_failures["not int32"] and not jit.stats.bailouts
    interp.set_jit(None)
    stressed = Jit(0, "all")
    interp.set_jit(stressed)
    try:
        assert interp.call(fn.word, UNDEFINED_WORD, [fn.word, iw(50)]) == iw(1275)
        assert stressed.stats.bailouts["stress"] > 0
    finally:
        stressed.close()
