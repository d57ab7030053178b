"""Keyed reads and stores of a big dictionary-mode object in machine code (jit/t_elems.py:
the site's table names the dictionary shape, the JIT's big table holds the keys with
their pair as a hint, checked against the object's pairs) on the current backend
(natively under qemu in the native suite), from hand-written bytecode (no parser
there). tests/js/test_jit_bigdict.py covers the same from JavaScript against node."""

from __future__ import annotations

from a64js.hvm import core, interp
from a64js.jit import Jit, t_elems
from a64js.words import UNDEFINED_WORD
from tests.runtime.jitcode import closure, int_word, make_code

N = 120  # keys: past the 64 that make an object a dictionary, past the 32 code scans


def _code() -> object:
    """f(o, keys, n): t = 0; for (i = 0; i < n; i++) { k = keys[i]; v = o[k];
    t += v; o[k] = v + 1 } return t"""
    return make_code("f", 3, [0, 1], [
        ("LoadK", 6, 0), ("LoadK", 7, 0),
        ("GetElem", 8, 4, 6),                          # 2: k = keys[i]
        ("GetElem", 9, 3, 8), ("Add", 7, 7, 9),        # t += o[k]
        ("AddK", 9, 9, 1), ("SetElem", 3, 8, 9),       # o[k] = v + 1
        ("AddK", 6, 6, 1), ("JumpIfLt", 6, 5, 2),
        ("Return", 7)])


def test_big_dictionary_read_and_updated_in_machine_code(jit: Jit) -> None:
    h = core.R.heap
    names = [f"key{i}" for i in range(N)]
    o = h.handle(core.new_object(core.R.protos["Object"].word))
    for i, k in enumerate(names):
        h.put(o, k, int_word(i))
    assert core.shape_of(o.word).dict
    # the keys in another order than the pairs: the sites see every hint
    order = names[::-1]
    keys = h.handle(core.new_array_rooted([h.handle(core.new_str(k)) for k in order]))
    fn = closure(_code())  # type: ignore[arg-type]
    want = {k: i for i, k in enumerate(names)}

    def run() -> int:
        r = interp.call(fn.word, UNDEFINED_WORD, [o.word, keys.word, int_word(N)])
        total = sum(want[k] for k in order)
        for k in order:
            want[k] += 1
        assert core.int_of(r) == total
        for k in names:
            assert core.get_own(o.word, k) == int_word(want[k]), k
        return t_elems.STATS["calls"]

    calls0 = t_elems.STATS["calls"]
    calls1 = run()  # the first call: each key's first read and store go to dict_access
    assert calls1 - calls0 <= 2 * N
    calls2 = run()  # all in machine code: the big table's entries, hints checked
    assert calls2 == calls1
    # pairs moved: a deleted key leaves a hole, the growth that follows compacts the
    # vector, so the hints of the keys after it are one pair off (checked, then found)
    core.delete_prop(o.word, names[0])
    del want[names[0]]
    for i in range(N, 2 * N):
        h.put(o, f"key{i}", int_word(0))
    order = names[1:]
    keys.word = core.new_array_rooted([h.handle(core.new_str(k)) for k in order])
    r = interp.call(fn.word, UNDEFINED_WORD, [o.word, keys.word, int_word(len(order))])
    assert core.int_of(r) == sum(want[k] for k in order)
    for k in order:
        assert core.get_own(o.word, k) == int_word(want[k] + 1), k
    assert core.get_own(o.word, names[0]) is None
    st = jit.stats
    assert not st.bailouts and st.left_to_interpreter == 0


def _make_code() -> object:
    """make(keys, n): o = {}; for (i = 0; i < n; i++) o[keys[i]] = i; return o"""
    return make_code("make", 2, [0], [
        ("NewObject", 6), ("Mov", 5, 6), ("LoadK", 6, 0), ("Jump", 7),
        ("GetElem", 7, 3, 6), ("SetElem", 5, 7, 6), ("Inc", 6, 6),   # 4: o[keys[i]] = i
        ("JumpIfLt", 6, 4, 4), ("Return", 5)])


def test_keyed_stores_adding_keys_in_machine_code(jit: Jit) -> None:
    """The SetElem site's transition entries (t_elems.keyed_transition) add the keys in
    line: after the first objects (each key's first addition makes the transition,
    the next one caches it), objects get their keys, in order and with their values,
    without a step; a setter defined afterwards drops the entries."""
    h = core.R.heap
    names = ["p", "q", "r", "s"]
    keys = h.handle(core.new_array_rooted([h.handle(core.new_str(k)) for k in names]))
    fn = closure(_make_code())  # type: ignore[arg-type]

    def make() -> list[tuple[str, int]]:
        o = interp.call(fn.word, UNDEFINED_WORD, [keys.word, int_word(len(names))])
        return [(k, core.int_of(core.get_own(o, k) or 0)) for k in core.visible_keys(o)]

    want = [(k, i) for i, k in enumerate(names)]
    for _ in range(3):
        assert make() == want
    jit.summary()
    steps = jit.stats.step_ops["SetElem"]
    for _ in range(5):
        assert make() == want
    jit.summary()
    assert jit.stats.step_ops["SetElem"] == steps  # all in machine code now
    assert steps <= 2 * len(names)
    # a setter for "r" on Object.prototype: the object no longer gets its own "r"
    from a64js.hvm.builtins import native

    seen: list[int] = []

    def set_r(this: int, args: list[int]) -> int:
        seen.append(core.int_of(args[0]))
        return UNDEFINED_WORD

    fset = native("set r", set_r, 1)
    core.define_accessor(core.R.protos["Object"].word, "r", fset, 1)
    assert make() == [("p", 0), ("q", 1), ("s", 3)]
    assert seen == [2]
    st = jit.stats
    assert not st.bailouts and st.left_to_interpreter == 0
