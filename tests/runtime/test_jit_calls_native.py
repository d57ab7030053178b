"""The baseline JIT's calls (jit/t_calls.py) on the current backend (natively under qemu
in the native suite), from hand-written bytecode (no parser there): direct calls whose
argument count differs from the callee's parameter count (through the per-function
check and push subroutines), and the built-ins done in line (push growing the array,
pop, slice, substring, String of an int32). tests/js/test_jit_calls.py covers them from
JavaScript against node."""

from __future__ import annotations

from a64js.hvm import core, interp
from a64js.jit import Jit
from a64js.words import UNDEFINED_WORD
from tests.runtime.jitcode import closure
from tests.runtime.jitcode import int_word as _int
from tests.runtime.jitcode import make_code as _make


def test_direct_calls_with_other_argument_counts(jit: Jit) -> None:
    # g(a, b, c): return [a, b, c]
    g = _make("g", 3, [], [("NewArray", 6, 3, 3), ("Return", 6)])
    # f(g, x): return [g(x), g(x, x, x, x, x)]
    f = _make("f", 2, ["g"], [
        ("Mov", 6, 4), ("Call", 13, 3, 1, 6, 1, 0),
        ("Mov", 8, 4), ("Mov", 9, 4), ("Mov", 10, 4), ("Mov", 11, 4), ("Mov", 12, 4),
        ("Call", 14, 3, 1, 8, 5, 0),
        ("NewArray", 15, 13, 2), ("Return", 15)])
    gf = closure(g)
    ff = closure(f)
    for n in range(30):
        r = interp.call(ff.word, UNDEFINED_WORD, [gf.word, _int(n - 7)])
        one, five = core.array_words(r)
        assert core.array_words(one) == [_int(n - 7), UNDEFINED_WORD, UNDEFINED_WORD]
        assert core.array_words(five) == [_int(n - 7)] * 3
    jit.summary()
    st = jit.stats
    assert st.compiled == 2 and not st.bailouts
    # only g's first call (not compiled yet) steps; the other 59 are direct
    assert st.step_ops["Call"] == 1, st.step_ops
    assert st.direct_calls == 59


def test_builtins_in_line(jit: Jit) -> None:
    consts = ["pop", "arr.pop", "push", "arr.push", "slice", "arr.slice", "substring",
              "s.substring", "String", 1]
    # b(arr, s, n): return [arr.push(n) + arr.push(n) (the second's), arr.pop(),
    #                       arr.slice(1), s.substring(1), String(n)]
    b = _make("b", 3, consts, [
        ("GetProp", 6, 3, 2, 0), ("Mov", 7, 5),
        ("Call", 8, 6, 3, 7, 1, 3), ("Call", 8, 6, 3, 7, 1, 3),
        ("GetProp", 6, 3, 0, 1), ("Call", 9, 6, 3, 7, 0, 1),
        ("GetProp", 6, 3, 4, 2), ("LoadK", 7, 9), ("Call", 10, 6, 3, 7, 1, 5),
        ("GetProp", 6, 4, 6, 3), ("Call", 11, 6, 4, 7, 1, 7),
        ("GetGlobal", 6, 8), ("Mov", 7, 5), ("Call", 12, 6, 1, 7, 1, 8),
        ("NewArray", 13, 8, 5), ("Return", 13)], feedback=4)
    h = core.R.heap
    fn = closure(b)
    arr = h.handle(core.new_array([]))
    text = "h\u00e9llo w\u00f6rld"
    s = h.handle(core.new_str(text))
    values: list[int] = []
    for i in range(40):
        n = i * 37 - 700
        r = interp.call(fn.word, UNDEFINED_WORD, [arr.word, s.word, _int(n)])
        length, popped, sliced, sub, string = core.array_words(r)
        values.append(n)
        assert length == _int(i + 2) and popped == _int(n)
        assert [core.number_of(w) for w in core.array_words(sliced)] == values[1:]
        assert core.str_of(sub) == text[1:]
        assert core.str_of(string) == str(n)
    assert [core.number_of(w) for w in core.array_words(arr.word)] == values
    jit.summary()
    st = jit.stats
    assert st.compiled == 1 and not st.bailouts
    assert "Call" not in st.step_ops, st.step_ops
