"""The baseline JIT's in-line built-ins (``s.charAt(i)``, ``String.fromCharCode(i)``,
``Math.sqrt(x)``: jit/t_calls.py NATIVES) and string ``+`` (jit/t_alloc.py) on the
current backend (natively under qemu in the native suite), from hand-written bytecode
(no parser there). tests/js/test_jit_templates_natives.py covers them from JavaScript
against node."""

from __future__ import annotations

import math
from typing import Any

from a64js.bytecode import OP, Code
from a64js.hvm import core, interp
from a64js.jit import Jit
from a64js.words import INT_BASE, UNDEFINED_WORD

K = 16  # kbase: constant k is slot 16 + k


def _code() -> Code:
    """f(s, n): out = ""; acc = 0; for (i = 0; i < n; i++) { out += s.charAt(i);
    out += String.fromCharCode(i + 65); acc += Math.sqrt(i); } return [out, acc]"""
    c = Code("f", "native.js")
    c.nparams = 2
    c.kbase = K
    c.consts = [0, "", "charAt", "s.charAt", "Math", "sqrt", "Math.sqrt", "String",
                "fromCharCode", "String.fromCharCode", 65, 1]
    c.nregs = K + len(c.consts)
    insns: list[tuple[Any, ...]] = [
        ("LoadK", 5, 0), ("LoadK", 6, 1), ("LoadK", 7, 0),
        ("GetGlobal", 8, 4), ("GetGlobal", 9, 7),
        ("GetProp", 10, 3, 2, 0), ("Mov", 11, 5),                    # 5: the loop
        ("Call", 12, 10, 3, 11, 1, 3), ("Add", 6, 6, 12),          # out += s.charAt(i)
        ("GetProp", 10, 9, 8, 1), ("AddK", 11, 5, 10),
        ("Call", 12, 10, 9, 11, 1, 9), ("Add", 6, 6, 12),          # fromCharCode(i + 65)
        ("GetProp", 10, 8, 5, 2), ("Mov", 11, 5),
        ("Call", 12, 10, 8, 11, 1, 6), ("Add", 7, 7, 12),          # acc += Math.sqrt(i)
        ("AddK", 5, 5, 11), ("JumpIfLt", 5, 4, 5),
        ("Mov", 13, 6), ("Mov", 14, 7), ("NewArray", 12, 13, 2), ("Return", 12)]
    c.insns = [(OP[i[0]], *i[1:]) for i in insns]
    c.lines = [(1, 1)] * len(insns)
    c.feedback = 3
    return c


def test_char_at_from_char_code_sqrt_and_concat_in_line(jit: Jit) -> None:
    info = core.code_info(_code())
    h = core.R.heap
    fn = h.handle(h.alloc_closure(core.R.fn_shape, info.id))
    s = h.handle(core.new_str("h\u00e9llo"))
    n = 8  # charAt past the end (i = 5, 6, 7) is the built-in's ""
    for _ in range(2):
        r = interp.call(fn.word, UNDEFINED_WORD, [s.word, INT_BASE | n])
        out, acc = core.array_words(r)
        want = "".join(("h\u00e9llo" + "   ")[i].strip() + chr(65 + i) for i in range(n))
        assert core.str_of(out) == want
        assert core.number_of(acc) == sum(math.sqrt(i) for i in range(n))
    st = jit.stats
    assert st.compiled == 1 and not st.bailouts
    jit.summary()  # gathers the per-function step counters
    # only the out-of-range charAt calls and the first lookups left machine code
    assert st.step_ops["Call"] == 2 * 3, st.step_ops
    assert "Add" not in st.step_ops, st.step_ops


def _rel_code() -> Code:
    """g(x, y): return [x < y, x <= y, x > y, x >= y]"""
    c = Code("g", "native.js")
    c.nparams = 2
    c.kbase = K
    c.consts = []
    c.nregs = K
    insns: list[tuple[Any, ...]] = [
        ("Lt", 5, 3, 4), ("Le", 6, 3, 4), ("Gt", 7, 3, 4), ("Ge", 8, 3, 4),
        ("NewArray", 9, 5, 4), ("Return", 9)]
    c.insns = [(OP[i[0]], *i[1:]) for i in insns]
    c.lines = [(1, 1)] * len(insns)
    c.feedback = 0
    return c


def test_strings_compared_in_line(jit: Jit) -> None:
    info = core.code_info(_rel_code())
    h = core.R.heap
    fn = h.handle(h.alloc_closure(core.R.fn_shape, info.id))
    ws = ["", "a", "b", "ab", "abc", "abd", "B", "\u00e9", "\U0001F600", "\uffff", "a\x00",
          "abcdefghij", "abcdefghik"]
    hs = [h.handle(core.new_str(w)) for w in ws]

    def units(s: str) -> bytes:  # JavaScript compares UTF-16 units
        return s.encode("utf-16-be", "surrogatepass")
    for x, hx in zip(ws, hs, strict=True):
        for y, hy in zip(ws, hs, strict=True):
            r = interp.call(fn.word, UNDEFINED_WORD, [hx.word, hy.word])
            got = [core.truthy(w) for w in core.array_words(r)]
            ux, uy = units(x), units(y)
            assert got == [ux < uy, ux <= uy, ux > uy, ux >= uy], (x, y)
    jit.summary()
    assert not jit.stats.step_ops, jit.stats.step_ops
