"""``new RangeError(msg)`` allocated in line and ``throw`` caught by a handler of its own
function without leaving machine code (jit/t_calls.py ``_new_error``, ``t_Throw``), on
the current backend (natively under qemu in the native suite); hand-written bytecode, as
the other native JIT tests (no parser there). tests/js/test_jit_new_error.py and
test_jit_throw.py cover them from JavaScript against node."""

from __future__ import annotations

from a64js.bytecode import Code
from a64js.hvm import core, interp
from a64js.jit import Jit
from a64js.words import UNDEFINED_WORD
from tests.runtime.jitcode import closure, int_word, make_code


def _throw_loop() -> Code:
    # f(n, msg): c = 0; for (i = 0; i < n; i++) { try { throw new RangeError(msg) }
    #            catch (e) { c++ } }  return e (the last one caught)
    c = make_code("throwLoop", 2, [0, "RangeError"], [
        ("LoadK", 5, 0), ("LoadK", 6, 0),
        ("GetGlobal", 7, 1),               # 2: the loop
        ("New", 8, 7, 4, 1, 1),            # 3: the try block (3, 4)
        ("Throw", 8),                      # 4
        ("Inc", 5, 5),                     # 5: the handler, e in slot 9
        ("Inc", 6, 6),
        ("JumpIfLt", 6, 3, 2),
        ("Return", 9)])
    c.handlers = [(3, 5, 5, 9)]
    return c


def _text(w: int) -> str:
    return core.str_of(w)


def test_errors_made_and_caught_in_machine_code(jit: Jit) -> None:
    code = _throw_loop()
    fn = closure(code)
    h = core.R.heap
    n = 150
    with h.handle(core.new_str("odd é")) as msg:
        e = interp.call(fn.word, UNDEFINED_WORD, [int_word(n), msg.word])
    with h.handle(e) as err:
        assert _text(core.get_prop(err.word, "message")) == "odd é"
        assert _text(core.get_prop(err.word, "stack")) == \
            "RangeError: odd é\n    at <anonymous>"
        assert core.proto_word(err.word) == core.R.protos["RangeError"].word
        # where it was thrown is remembered, as the interpreter's dispatch does
        assert core.throw_places().find(err.word) == (code, 4)
    st = jit.stats
    assert st.caught == n and not st.bailouts
    jit.summary()  # (gathers the per-function step counters)
    assert "New" not in st.step_ops, st.step_ops
    assert st.step_ops["Throw"] <= 1 + n // 64, st.step_ops   # the ring: made, full
    # a message that is not a string: the constructor itself (the generic path)
    e = interp.call(fn.word, UNDEFINED_WORD, [int_word(3), int_word(7)])
    assert _text(core.get_prop(e, "stack")) == "RangeError: 7\n    at <anonymous>"
