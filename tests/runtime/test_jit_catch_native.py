"""An exception caught by a handler of a compiled function: the compiled code goes on at
the handler (the machine code entered mid-function after a host call), on the current
backend (natively under qemu in the native suite); hand-written bytecode, as the other
native JIT tests (no parser there)."""

from __future__ import annotations

from a64js.bytecode import Code
from a64js.hvm import core, interp
from a64js.jit import Jit
from a64js.words import UNDEFINED_WORD
from tests.runtime.jitcode import closure, int_word, make_code


def _catch_loop() -> Code:
    # f(n): s = 0; for (i = 0; i < n; i++) { try { throw i } catch (e) { s = s + e } }
    #       return s
    c = make_code("catchLoop", 1, [0, 1], [
        ("LoadK", 4, 0), ("LoadK", 5, 0),
        ("Throw", 5),                      # 2: the try block (pc 2 only)
        ("Jump", 5),                       # 3: (not reached)
        ("Add", 4, 4, 6),                  # 4: the handler, e in slot 6
        ("AddK", 5, 5, 1),                 # 5
        ("JumpIfLt", 5, 3, 2),             # 6
        ("Return", 4)])
    c.handlers = [(2, 3, 4, 6)]
    return c


def _thrower() -> Code:
    # t(x): throw x
    return make_code("thrower", 1, [], [("Throw", 3)])


def _catch_callee() -> Code:
    # g(fn, n): s = 0; for (i = 0; i < n; i++) { try { fn(i) } catch (e) { s = s + e } }
    #           return s    (fn called directly from machine code once compiled)
    c = make_code("catchCallee", 2, [0, 1, None, "fn"], [
        ("LoadK", 5, 0), ("LoadK", 6, 0),
        ("Mov", 9, 6),                     # 2: the argument
        ("Call", 7, 3, 18, 9, 1, 3),       # 3: r7 = fn(r9), this undefined
        ("Add", 5, 5, 8),                  # 4: the handler, e in slot 8
        ("AddK", 6, 6, 1),                 # 5
        ("JumpIfLt", 6, 4, 2),             # 6
        ("Return", 5)])
    c.handlers = [(2, 4, 4, 8)]
    return c


def test_catch_goes_on_in_compiled_code(jit: Jit) -> None:
    fn = closure(_catch_loop())
    n = 40
    assert interp.call(fn.word, UNDEFINED_WORD, [int_word(n)]) == int_word(n * (n - 1) // 2)
    st = jit.stats
    assert st.entries == 1 and st.caught == n and not st.bailouts
    assert "exceptions caught in compiled code 40" in jit.summary()


def test_catch_of_a_direct_callee(jit: Jit) -> None:
    t = _thrower()
    tf = closure(t)
    fn = closure(_catch_callee())
    n = 30
    before = jit.stats.caught
    r = interp.call(fn.word, UNDEFINED_WORD, [tf.word, int_word(n)])
    assert r == int_word(n * (n - 1) // 2)
    assert jit.stats.caught - before == n and not jit.stats.bailouts
    jit.summary()  # (gathers the direct-call count from data memory)
    assert jit.stats.direct_calls >= n - 1  # the first call compiled the thrower
    assert core.code_info(t).id in jit.compiled


def test_catch_under_stress_bailouts(realm: None) -> None:
    jit = Jit(0, "all")
    interp.set_jit(jit)
    try:
        fn = closure(_catch_loop())
        assert interp.call(fn.word, UNDEFINED_WORD, [int_word(12)]) == int_word(66)
        assert jit.stats.bailouts
    finally:
        interp.set_jit(None)
        jit.close()
