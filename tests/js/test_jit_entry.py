"""Entering compiled code from the interpreter (jit/runtime.py ``Jit.on_entry``): callers
the JIT never compiles call compiled functions, so every call goes through the
interpreter's Call (its handler, then the block that inlines it once hot) and the entry
stub; a compiled callee that throws is caught by the interpreted caller's handler, its
frame popped (the word stack's top is the same after every call). Node's output, and the
counters show each call entered compiled code."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest

from tests.js.hvmrun import in_vm_thread
from tests.js.jitrun import write_program

ENTRY = r'''// interpreted callers (never compiled) calling compiled functions: the interpreter's
// Call enters compiled code itself (its handler, then the block that inlines the call)
function f(a, b) {
  if (b % 7 === 3) throw new Error("x" + b);
  return a + b;
}
const g = (x) => x * 2;
class P { constructor(v) { this.v = v; } get2() { return this.v * 2; } }
// the word stack's top (a test's built-in; node: 0): the same after each call
const top = () => (typeof stackTop === "function" ? stackTop() : 0);
function caller(n) {
  let s = 0, caught = 0, moved = 0;
  const t0 = top();
  for (let i = 0; i < n; i++) {
    try {
      s = f(s, i) & 65535;
    } catch (e) {
      caught++;
      s += e.message.length;
    }
    s += g(i) & 7;
    if (top() !== t0) moved++;
  }
  return s + " " + caught + " " + moved;
}
console.log(caller(1500));
console.log(caller(20));
let t = 0;
for (let i = 0; i < 700; i++) t += new P(i).get2();
console.log("t", t);
'''

#: node's output (node entry.js)
ENTRY_OUT = '''51979 214 0
228 3 0
t 489300
'''

#: the functions the JIT compiles here (the callers and the module stay interpreted)
COMPILED = {"f", "g", "get2"}


def _run(path: Path, stress: str | None) -> tuple[str, Any]:
    """``path`` on the heap VM with a JIT that compiles only COMPILED, at threshold 0."""
    from a64js.hvm import builtins, core, interp, vm
    from a64js.jit import Jit

    class OnlySome(Jit):
        def hot(self, info: Any) -> bool:
            return info.code.name in COMPILED and super().hot(info)

    jit = OnlySome(0, stress)
    out = io.StringIO()

    def stack_top(this: int, args: list[int]) -> int:
        return int(core.num_word(core.R.heap._ctx[2] - core.R.sbase))

    def body() -> None:
        with contextlib.redirect_stdout(out):
            realm = vm.prepare(str(path), [])
            realm.out = out
            builtins.put_native(core.R.global_obj, "stackTop", stack_top)
            vm.run_program(str(path), [], jit=jit, vm=realm)

    try:
        in_vm_thread(body)
    finally:
        interp.set_jit(None)
        jit.close()
    return out.getvalue(), jit


def test_interpreted_callers_enter_compiled_code(tmp_path: Path) -> None:
    text, jit = _run(write_program(tmp_path, ENTRY), None)
    assert text == ENTRY_OUT
    st = jit.stats
    # f and g once per iteration of both caller runs, get2 per P: each an entry (none
    # is a direct call: no compiled caller); f's throws leave through the entry
    assert st.compiled == 3 and st.direct_calls == 0
    assert st.entries == 2 * (1500 + 20) + 700
    assert not st.bailouts and st.caught == 0


@pytest.mark.parametrize("stress", ["all"])
def test_interpreted_callers_under_stress(tmp_path: Path, stress: str) -> None:
    text, jit = _run(write_program(tmp_path, ENTRY), stress)
    assert text == ENTRY_OUT
    assert jit.stats.bailouts
