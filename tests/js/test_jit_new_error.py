"""``new E(message)`` of a built-in error constructor allocated in line (jit/t_calls.py
``_new_error``): the error and its ``stack`` string in one bump, the fields as the
constructor sets them (``message`` the string, ``stack`` "NAME: MESSAGE" and the frame
line, NAME the prototype's own ``name`` read at that time); an empty message, a message
not a string, a renamed prototype, another callee under the same name take the generic
path. node's output (the stack's first lines only: node's frames differ), the
interpreter's full stacks, collections in a small poisoned heap, forced bailouts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.js.hvmrun import small_semispace
from tests.js.jitrun import run_jit
from tests.js.jitrun import write_program as _write

PROGRAM = r'''function make(kind, i) {
  let e;
  if (kind === 0) e = new Error("plain " + i);
  else if (kind === 1) e = new TypeError("type " + i);
  else if (kind === 2) e = new RangeError("range " + i);
  else if (kind === 3) e = new SyntaxError(i % 2 ? "" : "syn");
  else if (kind === 4) e = new ReferenceError(i);
  else if (kind === 5) e = new EvalError("é€" + i);
  else e = new URIError("uri\n" + i);
  return e;
}
function show(e) {
  const first = e.stack.split("\n")[0];
  return [e.name, JSON.stringify(e.message), Object.keys(e).length,
    e.hasOwnProperty("message") && e.hasOwnProperty("stack"), JSON.stringify(first),
    String(e) === first, e instanceof Error, e.constructor.name, JSON.stringify(e)].join(" ");
}
const seen = [];
let total = 0;
for (let r = 0; r < 400; r++) {
  const e = make(r % 7, r);
  total += e.stack.split("\n")[0].length + e.message.length;
  if (r < 14) seen.push(show(e));
  const junk = [r, { r: r }, "x" + r];
  total += junk.length;
}
for (const line of seen) console.log(line);
console.log("total", total);
RangeError.prototype.name = "Renamed";
console.log(show(make(2, 7)));
Object.defineProperty(TypeError.prototype, "name", { value: "Defined", writable: true });
console.log(show(make(1, 8)));
const notErr = Error;
function other(f, m) { return new f(m); }
console.log(show(other(notErr, "via other")));
try {
  throw make(6, 1);
} catch (e) {
  console.log("caught", e.stack.split("\n").slice(0, 2).join("|"));
}
'''
WANT = """Error "plain 0" 0 true "Error: plain 0" true true Error {}
TypeError "type 1" 0 true "TypeError: type 1" true true TypeError {}
RangeError "range 2" 0 true "RangeError: range 2" true true RangeError {}
SyntaxError "" 0 true "SyntaxError" true true SyntaxError {}
ReferenceError "4" 0 true "ReferenceError: 4" true true ReferenceError {}
EvalError "é€5" 0 true "EvalError: é€5" true true EvalError {}
URIError "uri\\n6" 0 true "URIError: uri" false true URIError {}
Error "plain 7" 0 true "Error: plain 7" true true Error {}
TypeError "type 8" 0 true "TypeError: type 8" true true TypeError {}
RangeError "range 9" 0 true "RangeError: range 9" true true RangeError {}
SyntaxError "syn" 0 true "SyntaxError: syn" true true SyntaxError {}
ReferenceError "11" 0 true "ReferenceError: 11" true true ReferenceError {}
EvalError "é€12" 0 true "EvalError: é€12" true true EvalError {}
URIError "uri\\n13" 0 true "URIError: uri" false true URIError {}
total 10166
Renamed "range 7" 0 true "Renamed: range 7" true true RangeError {}
Defined "type 8" 0 true "Defined: type 8" true true TypeError {}
Error "via other" 0 true "Error: via other" true true Error {}
caught URIError: uri|1
"""
#: the whole stacks (the heap VM's own frame line): the JIT against the interpreter
STACKS = PROGRAM + r'''
for (let r = 0; r < 21; r++) console.log(JSON.stringify(make(r % 7, r).stack));
'''


# small-heap: a semispace 11 KiB past the realm's live set (36 KiB when it was 24.7
# KiB; 7.5 KiB left too little room: a collection every few errors, each a first sight
# again for the New sites' callee caches)
@pytest.mark.parametrize("margin", [None, 11 << 10], ids=["plain", "small-heap"])
def test_matches_node_and_interpreter(tmp_path: Path, margin: int | None) -> None:
    heap: dict[str, Any] = {} if margin is None else {
        "semispace": small_semispace(margin), "poison": True}
    path = _write(tmp_path, PROGRAM)
    interp, _ = run_jit(path, threshold=None, **heap)
    assert (interp.stdout, interp.stderr, interp.returncode) == (WANT, "", 0)
    proc, jit = run_jit(path, threshold=0, **heap)
    assert (proc.stdout, proc.stderr, proc.returncode) == (WANT, "", 0)
    # 400 errors made in the loop: in line but for SyntaxError's empty messages and
    # ReferenceError's number messages (~28 + 57), and the first sights after the
    # prototypes changed (87 steps in all), and a collection makes the next New a first
    # sight again for its site's callee cache (~1 step in 4 collections: 97 after 46)
    from a64js.hvm.core import R
    collections = R.heap.stats.collections
    assert jit.stats.step_ops["New"] <= 90 + collections // 2, (jit.stats.step_ops,
                                                                 collections)
    assert not jit.stats.bailouts
    if heap:  # the errors were made across collections
        assert collections >= 2, collections


def test_whole_stacks_as_the_interpreter(tmp_path: Path) -> None:
    path = _write(tmp_path, STACKS)
    interp, _ = run_jit(path, threshold=None)
    assert interp.returncode == 0 and "at <anonymous>" in interp.stdout
    proc, _ = run_jit(path, threshold=0)
    assert (proc.stdout, proc.stderr, proc.returncode) == (interp.stdout, "", 0)


@pytest.mark.parametrize("stress", ["all", 3])
def test_stress_bailouts(tmp_path: Path, stress: str | int) -> None:
    proc, jit = run_jit(_write(tmp_path, PROGRAM), threshold=0, bailouts=stress)
    assert (proc.stdout, proc.stderr, proc.returncode) == (WANT, "", 0)
    assert jit.stats.bailouts
