"""The baseline JIT's contexts, methods and derived constructors (jit/t_alloc.py
NewContext and SuperCall, jit/t_props.py DefineMethod, New of a derived constructor) on
the current backend (natively under qemu in the native suite), from hand-written
bytecode (no parser there). tests/js/test_jit_alloc.py covers them from JavaScript
against node."""

from __future__ import annotations

from typing import Any

from a64js.bytecode import OP, Code
from a64js.hvm import core, interp
from a64js.jit import Jit
from a64js.words import INT_BASE, UNDEFINED_WORD

K = 24  # kbase: constant k is slot 24 + k


def _code(name: str, nparams: int, consts: list[Any], insns: list[tuple[Any, ...]],
          kind: str = "normal", derived: bool = False) -> Code:
    c = Code(name, "native.js")
    c.nparams = nparams
    c.kbase = K
    c.consts = consts
    c.nregs = K + len(consts)
    c.kind = kind
    c.is_class_ctor = kind == "ctor"
    c.is_derived = derived
    c.insns = [(OP[i[0]], *i[1:]) for i in insns]
    c.lines = [(1, 1)] * len(insns)
    c.feedback = 5
    return c


def _codes() -> Code:
    """main(n):
        class P { constructor(x) { this.x = x; this.a = x; ... this.g = x; } }
        class D extends P { constructor(x) { super(x); this.y = 1; } }
        function mk(v) { let c = v; { let e = c; return { m() { return e + c; } }; } }
        acc = 0; for (i = 0; i < n; i++) { acc += new D(i).x + new D(i).y + mk(i).m()
                                                 + new D(i).g; if (d.zz != null) return d.zz }
        return acc"""
    # P's instances get eight properties: the last ones out of line, in a slot vector
    # the transitions grow in code (the root shape has fewer inline slots)
    keys = ["x", "a", "b", "c", "d", "e", "f", "g"]
    p = _code("P", 1, [*keys, None],
              [("SetProp", 1, j, 3, 0) for j in range(len(keys))] + [("Return", K + 8)],
              kind="ctor")
    d = _code("D", 1, ["y", 1, None], [
        ("Mov", 4, 3), ("SuperCall", 5, 4, 1), ("SetProp", 1, 0, K + 1, 0),
        ("Return", K + 2)], kind="ctor", derived=True)
    m = _code("m", 0, [], [("LdEnv", 3, 0, 1), ("LdEnv", 4, 1, 1), ("Add", 5, 3, 4),
                           ("Return", 5)], kind="method")
    mk = _code("mk", 1, [m, "m"], [
        ("NewContext", 4, -1, 1), ("StCtx", 4, 1, 3),                # let c = v
        ("NewContext", 5, 4, 1), ("LdCtx", 6, 4, 1), ("StCtx", 5, 1, 6),  # let e = c
        ("NewObject", 7), ("Closure", 8, 0, 5), ("LoadK", 9, 1),
        ("DefineMethod", 7, 9, 8), ("Return", 7)])
    main = _code("main", 1, [p, "P", d, "D", 0, mk, "m", "mk", "mk(...).m", "x", "y", "g",
                             "zz"], [
        ("Closure", 4, 0, -1), ("Class", 5, 4, -1, 1),
        ("Closure", 6, 2, -1), ("Class", 7, 6, 5, 3),
        ("Closure", 8, 5, -1),
        ("LoadK", 9, 4), ("LoadK", 10, 4),                           # acc, i
        ("Mov", 11, 10), ("New", 12, 7, 11, 1, 3),                   # 7: the loop
        ("GetProp", 13, 12, 9, 0), ("Add", 9, 9, 13),
        ("GetProp", 13, 12, 10, 1), ("Add", 9, 9, 13),
        ("Mov", 11, 10), ("Call", 14, 8, 1, 11, 1, 7),
        ("GetProp", 15, 14, 6, 2), ("Call", 16, 15, 14, 11, 0, 8), ("Add", 9, 9, 16),
        ("GetProp", 13, 12, 11, 3), ("Add", 9, 9, 13),
        # d.zz: absent three prototypes up (D's, P's, Object's): a chain list
        ("GetProp", 13, 12, 12, 4), ("JumpIfNotNullish", 13, 25),
        ("Inc", 10, 10), ("JumpIfLt", 10, 3, 7),
        ("Return", 9), ("Return", 13)])
    return main


def test_contexts_methods_and_super_calls_in_machine_code(jit: Jit) -> None:
    info = core.code_info(_codes())
    h = core.R.heap
    fn = h.handle(h.alloc_closure(core.R.fn_shape, info.id))
    n = 40
    for _ in range(2):
        r = interp.call(fn.word, UNDEFINED_WORD, [INT_BASE | n])
        assert core.number_of(r) == sum(i + 1 + 2 * i + i for i in range(n))
    st = jit.stats
    assert st.compiled == 5 and not st.bailouts
    jit.summary()  # gathers the per-function step counters
    # every context is bumped in code; the method, New and super() take the generic
    # path only while their caches fill and their callees are first compiled
    assert "NewContext" not in st.step_ops, st.step_ops
    assert st.step_ops["DefineMethod"] <= 1, st.step_ops
    assert st.step_ops["SuperCall"] <= 3, st.step_ops
    assert st.step_ops["New"] <= 3, st.step_ops
    assert st.step_ops["SetProp"] <= 2 * 9, st.step_ops   # first sights only
    assert st.step_ops["GetProp"] <= 10, st.step_ops
    assert st.direct_calls >= 2 * (2 * n - 2)    # New D and its super(): both direct
