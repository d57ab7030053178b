"""Built-ins called from compiled code that no template does in line (the generic step
of the Call): ``filter`` calling back into JavaScript, a built-in that throws
(``JSON.parse``) caught in the calling compiled function or in its caller, a callback's
exception through a built-in; beside them ``String`` of a double, ``parseFloat``,
``parseInt`` and ``Object.keys`` (in line since session 13:
tests/js/test_jit_builtins_inline.py).
node's output at threshold 0, at the default threshold and with bailouts forced."""

from __future__ import annotations

from pathlib import Path

import pytest

from a64js.cli import DEFAULT_JIT_THRESHOLD
from tests.js.jitrun import run_jit, run_matching, run_stressed
from tests.js.jitrun import write_program as _write

PROGRAM = r'''function work(n) {
  const out = [];
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const x = i / 8 + 0.5;
    const s = String(x);
    acc += parseFloat(s + "25") > x ? 1 : 0;
    const o = { a: i, b: s, ["k" + (i % 3)]: true };
    acc += Object.keys(o).length;
    const evens = [i, i + 1, i + 2, i + 3].filter((v) => v % 2 === 0);
    acc += evens.length + Math.max(i, 3) + Number("7") + parseInt("12px");
    try {
      if (i % 5 === 0) JSON.parse("{bad " + i);
      acc += 1;
    } catch (e) {
      if (i < 20) out.push(e.name.slice(0, 3));
      acc += 100;
    }
    try {
      [1, 2].filter((v) => { if (v === i % 7) throw new TypeError("cb " + v); return true; });
    } catch (e) {
      acc += e.message.length;
    }
    if (i < 4) out.push(s, Object.keys(o).join("/"));
  }
  return acc + " " + out.join(",");
}
for (let r = 0; r < 3; r++) console.log(work(40 + r));
function outer() {
  return JSON.parse("[1, oops]");
}
try {
  outer();
} catch (e) {
  console.log("outer", e.name);
}
console.log(String(-0), String(1e21), String(0.1 + 0.2), String(NaN), String(-Infinity));
console.log(parseFloat("  -1.5e3x"), parseFloat("x"), Object.keys([5, 6]).join());
'''
WANT = """2666 Syn,0.5,a/b/k0,0.625,a/b/k1,0.75,a/b/k2,0.875,a/b/k0,Syn,Syn,Syn
2831 Syn,0.5,a/b/k0,0.625,a/b/k1,0.75,a/b/k2,0.875,a/b/k0,Syn,Syn,Syn
2898 Syn,0.5,a/b/k0,0.625,a/b/k1,0.75,a/b/k2,0.875,a/b/k0,Syn,Syn,Syn
outer SyntaxError
0 1e+21 0.30000000000000004 NaN -Infinity
-1500 NaN 0,1
"""


def test_matches_node(tmp_path: Path) -> None:
    jit = run_matching(_write(tmp_path, PROGRAM), WANT)
    # per iteration filter twice, Math.max, Number (and JSON.parse every fifth): each
    # the generic step of its Call (String(x) of x = i/8 + 0.5, parseFloat of its
    # digits, parseInt("12px") and Object.keys of o's three shapes are in line)
    assert jit.stats.step_ops["Call"] >= 4 * (40 + 41 + 42), jit.stats.step_ops


def test_default_threshold(tmp_path: Path) -> None:
    proc, _ = run_jit(_write(tmp_path, PROGRAM), threshold=DEFAULT_JIT_THRESHOLD)
    assert (proc.stdout, proc.stderr, proc.returncode) == (WANT, "", 0)


@pytest.mark.parametrize("stress", ["all", 4])
def test_stress_bailouts(tmp_path: Path, stress: str | int) -> None:
    run_stressed(_write(tmp_path, PROGRAM), WANT, stress)
