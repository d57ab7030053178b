"""The baseline JIT's inline caches, allocation, number and native-call templates on the
current backend (natively under qemu in the native suite): hand-written bytecode, as in
test_jit_native.py (no parser there). tests/js/test_jit_templates.py covers the same
templates from JavaScript against node."""

from __future__ import annotations

from typing import Any

from a64js.bytecode import OP, Code
from a64js.hvm import core, interp
from a64js.jit import Jit
from a64js.words import INT_BASE, UNDEFINED_WORD

K = 16  # kbase: constant k is slot 16 + k


def iw(i: int) -> int:
    return int(INT_BASE | (i & 0xFFFF_FFFF))


def _loop_code() -> Code:
    """f(n): o = {}; arr = []; acc = 0; for (i = 0; i < n; i++) { o.x = i;
    o.y = i * 2.5; acc += o.x; acc += o.y; if (i % 3 === 0) arr.push(i); }
    return [acc, arr.length]"""
    c = Code("f", "native.js")
    c.nparams = 1
    c.kbase = K
    c.consts = [0, 1, "x", "y", 2.5, "push", "arr.push", 3, "length"]
    c.nregs = K + len(c.consts)
    insns: list[tuple[Any, ...]] = [
        ("NewObject", 4), ("LoadK", 5, 0), ("LoadK", 6, 0), ("NewArray", 7, 0, 0),
        ("SetProp", 4, 2, 5, 0),                 # 4: o.x = i
        ("Mul", 8, 5, K + 4),                    # i * 2.5
        ("SetProp", 4, 3, 8, 1),
        ("GetProp", 9, 4, 2, 2),
        ("GetProp", 10, 4, 3, 3),
        ("Add", 6, 6, 9), ("Add", 6, 6, 10),
        ("Mod", 11, 5, K + 7),
        ("JumpIfNotStrictEq", 11, K + 0, 16),
        ("GetProp", 12, 7, 5, 4),                # the method on Array.prototype
        ("Mov", 13, 5),
        ("Call", 14, 12, 7, 13, 1, 6),           # in line: the built-in push
        ("AddK", 5, 5, 1),                       # 16
        ("JumpIfLt", 5, 3, 4),
        ("Mov", 14, 6), ("GetProp", 15, 7, 8, 5),
        ("NewArray", 13, 14, 2), ("Return", 13)]
    c.insns = [(OP[i[0]], *i[1:]) for i in insns]
    c.lines = [(1, 1)] * len(insns)
    c.feedback = 6
    return c


def test_caches_allocation_doubles_and_push(jit: Jit) -> None:
    info = core.code_info(_loop_code())
    fn = core.R.heap.handle(core.R.heap.alloc_closure(core.R.fn_shape, info.id))
    misses = []
    for n in (30, 31):
        r = interp.call(fn.word, UNDEFINED_WORD, [iw(n)])
        acc = sum(range(n)) * 3.5
        assert [core.number_of(w) for w in core.array_words(r)] == [acc, (n + 2) // 3]
        misses.append(jit.stats.ic_misses)
    st = jit.stats
    assert st.compiled == 1 and not st.bailouts
    # the first call fills the caches: o.x and o.y added (two transitions) then stored
    # again (two own-slot entries), both loaded, push found on the prototype; the
    # second call, with a new object of the same shapes, misses none
    assert misses == [7, 7]
    assert not st.guard_failures.get("not int32")
    jit.summary()  # gathers the per-function step counters
    # only the misses left machine code: pushes that grow the array (capacity 4 -> 8 ->
    # 16, twice per call) grow it in line
    assert dict(st.step_ops) == {"SetProp": 4, "GetProp": 3}
