"""The baseline JIT's map/forEach loops, indexOf and array spread (jit/t_calls.py
``_iterate`` / ``_index_of``, jit/t_alloc.py ``t_ArraySpread``) on the current backend
(natively under qemu in the native suite), from hand-written bytecode (no parser there):
a compiled callback called directly from the loop, a built-in one through the host,
holes skipped, spread growing the literal's vector. tests/js/test_jit_iterate.py and
test_jit_spread.py cover them from JavaScript against node."""

from __future__ import annotations

from a64js.bytecode import Code
from a64js.hvm import core, interp
from a64js.jit import Jit
from a64js.words import HOLE_WORD, UNDEFINED_WORD
from tests.runtime.jitcode import closure as _closure
from tests.runtime.jitcode import int_word as _int
from tests.runtime.jitcode import make_code as _make


def _method_of_arg(method: str) -> Code:
    """f(arr, x): return arr.<method>(x)"""
    return _make("f", 2, [method, f"arr.{method}"], [
        ("GetProp", 5, 3, 0, 0), ("Mov", 6, 4), ("Call", 7, 5, 3, 6, 1, 1),
        ("Return", 7)], feedback=1)


def test_map_and_for_each(jit: Jit) -> None:
    # g(x, j, arr): return [x, j, arr.length]
    g = _make("g", 3, ["length"], [
        ("GetProp", 6, 5, 0, 0), ("Mov", 7, 6), ("Mov", 6, 4), ("Mov", 8, 7),
        ("Mov", 7, 6), ("Mov", 6, 3), ("NewArray", 9, 6, 3), ("Return", 9)], feedback=1)
    # f(cb, arr): return [arr.map(cb), arr.forEach(cb)]
    f = _make("f", 2, ["map", "arr.map", "forEach", "arr.forEach"], [
        ("GetProp", 6, 4, 0, 0), ("Mov", 7, 3), ("Call", 9, 6, 4, 7, 1, 1),
        ("GetProp", 6, 4, 2, 1), ("Mov", 7, 3), ("Call", 10, 6, 4, 7, 1, 3),
        ("NewArray", 11, 9, 2), ("Return", 11)], feedback=2)
    gf, ff = _closure(g), _closure(f)
    string = core.get_own(core.R.global_obj.word, "String")
    assert string is not None
    h = core.R.heap
    for n in range(12):
        words = [_int(7 * i - 20) for i in range(n)]
        if n > 4:
            words[2] = HOLE_WORD
        arr = h.handle(core.new_array(words))
        r = interp.call(ff.word, UNDEFINED_WORD, [gf.word, arr.word])
        mapped, each = core.array_words(r)
        assert each == UNDEFINED_WORD
        got = core.array_words(mapped)
        assert len(got) == n
        for j, w in enumerate(got):
            if words[j] == HOLE_WORD:
                assert w == HOLE_WORD
            else:
                assert core.array_words(w) == [words[j], _int(j), _int(n)]
        r = interp.call(ff.word, UNDEFINED_WORD, [string, arr.word])
        mapped, each = core.array_words(r)
        want = [HOLE_WORD if w == HOLE_WORD else str(7 * j - 20) for j, w in enumerate(words)]
        assert [w if w == HOLE_WORD else core.str_of(w) for w in core.array_words(mapped)] \
            == want
        arr.release()
    jit.summary()
    st = jit.stats
    assert st.compiled == 2 and not st.bailouts
    assert "Call" not in st.step_ops, st.step_ops
    # the callbacks of g after its first call (through the host: not compiled yet)
    assert st.direct_calls == 2 * sum(n - (n > 4) for n in range(12)) - 1, st.direct_calls


def test_index_of(jit: Jit) -> None:
    # f(arr, x): return arr.indexOf(x)
    f = _method_of_arg("indexOf")
    ff = _closure(f)
    h = core.R.heap
    objs = [h.handle(core.new_array([])) for _ in range(5)]
    words = [o.word for o in objs] + [_int(3), UNDEFINED_WORD, HOLE_WORD, _int(-1)]
    arr = h.handle(core.new_array(words))
    probes = [(objs[3].word, 3), (_int(3), 5), (UNDEFINED_WORD, 6), (_int(-1), 8),
              (_int(4), -1), (core.R.global_obj.word, -1)]
    for x, want in probes * 3:
        assert interp.call(ff.word, UNDEFINED_WORD, [arr.word, x]) == _int(want)
    jit.summary()
    assert "Call" not in jit.stats.step_ops, jit.stats.step_ops


def test_array_spread(jit: Jit) -> None:
    # f(a, b): return [...a, ...b, ...a]
    f = _make("f", 2, [], [
        ("NewArray", 5, 5, 0), ("ArraySpread", 5, 3), ("ArraySpread", 5, 4),
        ("ArraySpread", 5, 3), ("Return", 5)])
    ff = _closure(f)
    h = core.R.heap
    for n in range(9):
        a = [_int(i) for i in range(n)]
        b = [_int(100 + i) for i in range(2 * n % 7)]
        if len(b) > 1:
            b[1] = HOLE_WORD
        aw, bw = h.handle(core.new_array(a)), h.handle(core.new_array(b))
        r = interp.call(ff.word, UNDEFINED_WORD, [aw.word, bw.word])
        want = [UNDEFINED_WORD if w == HOLE_WORD else w for w in a + b + a]
        assert core.array_words(r) == want
        aw.release()
        bw.release()
    jit.summary()
    assert "ArraySpread" not in jit.stats.step_ops, jit.stats.step_ops


def test_sort_with_a_compiled_comparator(jit: Jit) -> None:
    # g(x, y): return y - x
    g = _make("g", 2, [], [("Sub", 5, 4, 3), ("Return", 5)])
    # f(cb, arr): return arr.sort(cb)
    f = _make("f", 2, ["sort", "arr.sort"], [
        ("GetProp", 5, 4, 0, 0), ("Mov", 6, 3), ("Call", 7, 5, 4, 6, 1, 1),
        ("Return", 7)], feedback=1)
    gf, ff = _closure(g), _closure(f)
    h = core.R.heap
    for n in (0, 1, 2, 3, 7, 20, 70):
        values = [(i * 7919) % 101 - 50 for i in range(n)]
        arr = h.handle(core.new_array([_int(v) for v in values]))
        r = interp.call(ff.word, UNDEFINED_WORD, [gf.word, arr.word])
        assert r == arr.word
        assert [core.number_of(w) for w in core.array_words(arr.word)] == \
            sorted(values, reverse=True)
        arr.release()
    jit.summary()
    st = jit.stats
    assert st.compiled == 2 and not st.bailouts
    assert "Call" not in st.step_ops, st.step_ops
    assert st.direct_calls > 300, st.direct_calls


def test_big_dictionary_by_key(jit: Jit) -> None:
    # f(o, k): return [o[k], k in o]; s(o, k, v): o[k] = v
    f = _make("f", 2, [], [("GetElem", 5, 3, 4), ("In", 6, 4, 3), ("NewArray", 7, 5, 2),
                           ("Return", 7)])
    s = _make("s", 3, [], [("SetElem", 3, 4, 5), ("Return", 5)])
    ff, sf = _closure(f), _closure(s)
    h = core.R.heap
    o = h.handle(core.new_object(core.R.protos["Object"].word))
    names = [f"key{i}" for i in range(100)]
    for i, name in enumerate(names):
        h.put(o, name, _int(i))
    assert h._shape_at[int(h._w[core.cell_index(o.word)])].dict
    keys = [h.handle(core.new_str(name)) for name in names]
    for r in range(3):
        for i, k in enumerate(keys):
            got, has = core.array_words(interp.call(ff.word, UNDEFINED_WORD, [o.word, k.word]))
            assert got == _int(i + r) and core.truthy(has)
            interp.call(sf.word, UNDEFINED_WORD, [o.word, k.word, _int(i + r + 1)])
    jit.summary()
    st = jit.stats
    assert not st.bailouts and st.left_to_interpreter == 0
    # the first access of each site fills its table (naming the dictionary's shape)
    ops = st.step_ops
    assert ops["GetElem"] + ops["In"] + ops["SetElem"] <= 6, ops


def test_join_of_strings(jit: Jit) -> None:
    # f(arr, sep): return arr.join(sep)
    f = _method_of_arg("join")
    ff = _closure(f)
    h = core.R.heap
    for n in range(7):
        parts = [f"p\u00e9{i}" * (i % 3) for i in range(n)]
        for sep in ("", ", ", "\U0001f600"):
            arr = h.handle(core.new_array([core.new_str(p) for p in parts]))
            sw = h.handle(core.new_str(sep))
            r = interp.call(ff.word, UNDEFINED_WORD, [arr.word, sw.word])
            units = core.str_of(r).encode("utf-16-le", "surrogatepass")
            assert units == sep.join(parts).encode("utf-16-le", "surrogatepass")
            arr.release()
            sw.release()
    jit.summary()
    assert "Call" not in jit.stats.step_ops, jit.stats.step_ops
