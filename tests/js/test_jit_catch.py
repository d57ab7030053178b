"""Exceptions caught in compiled code (jit/runtime.py ``Jit._throw_at``): a handler of a
compiled function takes what its own Throw, a direct callee, a built-in or a getter threw,
and the compiled code goes on at the handler (before, the rest of the call ran in the
interpreter); nested try/finally, a rethrow to a compiled caller, a finally without a
catch, return/break/continue through finally. Compared with node's recorded output and
the interpreter at threshold 0, at the default threshold and with bailouts forced;
``--stats`` counts the catches."""

from __future__ import annotations

from pathlib import Path

from a64js.cli import DEFAULT_JIT_THRESHOLD
from tests.js.jitrun import node_case_tests, node_recheck, run_jit, run_matching
from tests.js.jitrun import write_program as _write

CATCH = r'''// a hot function catching what its own Throw, a direct callee, a built-in and a
// getter throw; the loop goes on after each catch (compiled code at the handler)
function thrower(i) { if (i % 3 === 0) throw new Error("e" + i); return i; }
class Box { get v() { if (this.k > 4) throw new RangeError("big " + this.k); return this.k; } }
function hot(n) {
  let sum = 0, caught = 0, msgs = [], seen = {};
  for (let i = 0; i < n; i++) {
    try {
      sum += thrower(i);
      if (i % 5 === 1) throw i * 2;
      if (i % 7 === 2) { const o = null; sum += o.x; }
      const b = new Box(); b.k = i % 7; sum += b.v;
    } catch (e) {
      caught++;
      if (typeof e === "number") sum += e;
      else if (!seen[e.constructor.name]) {
        seen[e.constructor.name] = 1;
        msgs.push(e.constructor.name + ":" + e.message);
      }
    }
    sum += 1;
  }
  return [sum, caught, msgs.join(",")].join(" ");
}
for (let r = 0; r < 4; r++) console.log(hot(20 + r * 7));
// nested try/finally: the finally runs on both ways out, the outer catch takes it
function nested(i) {
  const log = [];
  try {
    try {
      log.push("t" + i);
      if (i % 2) throw new TypeError("odd " + i);
      log.push("ok");
    } finally {
      log.push("f1");
    }
    try {
      if (i % 3 === 0) throw "three";
    } catch (e) {
      log.push("c2:" + e);
      if (i % 6 === 0) throw new Error("again " + i);
    } finally {
      log.push("f2");
    }
  } catch (e) {
    log.push("outer:" + e.message);
  } finally {
    log.push("f3");
  }
  return log.join(" ");
}
for (let i = 0; i < 14; i++) console.log(nested(i));
// rethrow: caught, changed, thrown again to a compiled caller that catches it
function inner(i) {
  try {
    if (i % 2) throw new Error("inner " + i);
    return "fine " + i;
  } catch (e) {
    e.message += " (seen)";
    throw e;
  }
}
function outer(i) {
  try { return inner(i); } catch (e) { return "outer got " + e.message; }
}
for (let i = 0; i < 8; i++) console.log(outer(i));
// a finally without a catch: the exception leaves after it runs, the caller catches
function leaves(i) {
  let s = "";
  try { s += "a"; if (i > 2) throw new Error("left " + i); s += "b"; } finally { s += "f"; }
  return s;
}
for (let i = 0; i < 6; i++) {
  try { console.log(leaves(i)); } catch (e) { console.log("caught", e.message); }
}
// a return and a break through finally after a catch
function through(i) {
  for (let j = 0; ; j++) {
    try {
      if (j === i) throw j;
      if (j > 5) break;
    } catch (e) {
      if (e % 2) return "ret " + e;
      continue;
    } finally {
      if (j === 7) return "fin " + j;
    }
  }
  return "broke " + i;
}
for (let i = 0; i < 9; i++) console.log(through(i));
'''

#: node's output (node catch.js)
CATCH_OUT = '''\
214 14 Error:e0,TypeError:Cannot read properties of null (reading 'x'),RangeError:big 5
394 19 Error:e0,TypeError:Cannot read properties of null (reading 'x'),RangeError:big 5
588 23 Error:e0,TypeError:Cannot read properties of null (reading 'x'),RangeError:big 5
782 28 Error:e0,TypeError:Cannot read properties of null (reading 'x'),RangeError:big 5
t0 ok f1 c2:three f2 outer:again 0 f3
t1 f1 outer:odd 1 f3
t2 ok f1 f2 f3
t3 f1 outer:odd 3 f3
t4 ok f1 f2 f3
t5 f1 outer:odd 5 f3
t6 ok f1 c2:three f2 outer:again 6 f3
t7 f1 outer:odd 7 f3
t8 ok f1 f2 f3
t9 f1 outer:odd 9 f3
t10 ok f1 f2 f3
t11 f1 outer:odd 11 f3
t12 ok f1 c2:three f2 outer:again 12 f3
t13 f1 outer:odd 13 f3
fine 0
outer got inner 1 (seen)
fine 2
outer got inner 3 (seen)
fine 4
outer got inner 5 (seen)
fine 6
outer got inner 7 (seen)
abf
abf
abf
caught left 3
caught left 4
caught left 5
broke 0
ret 1
broke 2
ret 3
broke 4
ret 5
fin 7
broke 7
broke 8
'''

COUNT = r'''// every iteration throws and catches in one compiled function
function f(n) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    try { throw i; } catch (e) { s += e; }
  }
  return s;
}
console.log(f(50));
'''

test_matches_node_and_interpreter, test_stress_bailouts = node_case_tests(
    [("catch", CATCH, CATCH_OUT)])
test_recorded_output_is_nodes = node_recheck([("catch", CATCH, CATCH_OUT)])


def test_caught_in_compiled_code(tmp_path: Path) -> None:
    """Threshold 0: the 50 catches of f's loop all happen in compiled code (the loop
    runs on there: no OSR entry; two entries, the module's code and f), none is a
    bailout."""
    jit = run_matching(_write(tmp_path, COUNT), "1225\n")
    st = jit.stats
    assert st.caught == 50 and st.entries == 2 and st.osr_entries == 0
    assert "exceptions caught in compiled code 50" in st.summary()


def test_default_threshold(tmp_path: Path) -> None:
    """At the default threshold the hot functions are compiled (by OSR too) and catch
    in compiled code; node's output."""
    proc, jit = run_jit(_write(tmp_path, CATCH), threshold=DEFAULT_JIT_THRESHOLD)
    assert (proc.stdout, proc.stderr, proc.returncode) == (CATCH_OUT, "", 0)
    assert jit.stats.caught > 40 and not jit.stats.bailouts
