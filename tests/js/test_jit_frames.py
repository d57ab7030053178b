"""Frames that direct calls push (jit/t_calls.py's push subroutine stores each word
once: the header, slot 0 and ``this``, the callee with the arguments two at a time, then
only the frame template's words past the arguments): every parameter count 0-5 called
with 0-6 arguments (missing parameters undefined, extra arguments dropped), locals and
constants past the parameters, arrows (``this`` from the closure), methods and ``new``,
zero-argument calls of closures of one code, slot 0 over words an earlier frame left.
Compared with node's recorded output and the heap VM's interpreter, with bailouts forced
(they read the frames as the interpreter lays them out) and in a small poisoned
semispace (the collector reads every slot)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.js.hvmrun import small_semispace
from tests.js.jitrun import run_jit, run_matching

FRAMES = r'''// direct calls' frames: parameter counts 0-5 called with 0-6 arguments (the missing
// parameters undefined, extra arguments dropped), locals and constants past the
// parameters (the frame template's words after the arguments), arrows, methods, new
function f0() { var l; var k = "c0"; return "" + l + k; }
function f1(a) { var l; var k = 1.5; return "" + a + l + k; }
function f2(a, b) { var l, m; return "" + a + "," + b + "," + l + "," + m + ",c2"; }
function f3(a, b, c) { var l; var s = "" + l; l = a; return "" + a + b + c + l + s; }
function f4(a, b, c, d) { return "" + a + b + c + d; }
function f5(a, b, c, d, e) { var x = "e"; var y; return "" + a + b + c + d + e + x + y; }
function r(n, a, b) {
  if (n === 0) return "" + a + b;
  return r(n - 1, b, a) + r(n - 1, n) + r(n - 1);
}
class P {
  constructor(v, w) { this.v = v; this.w = w; }
  m(a, b) {
    const f = (x, y, z) => "" + this.v + this.w + x + y + z;
    return f() + f(a) + f(a, b) + f(a, b, a) + f(a, b, a, b);
  }
}
let out = [];
let total = 0;
for (let i = 0; i < 40; i++) {
  out = [
    f0(), f0(i), f0(i, 2), f0(i, 2, 3, 4, 5, 6),
    f1(), f1(i), f1(i, 2), f1(i, 2, 3), f1(i, 2, 3, 4, 5, 6),
    f2(), f2(i), f2(i, 2), f2(i, 2, 3), f2(i, 2, 3, 4, 5, 6),
    f3(), f3(i), f3(i, 2), f3(i, 2, 3), f3(i, 2, 3, 4), f3(i, 2, 3, 4, 5, 6),
    f4(), f4(i), f4(i, 2), f4(i, 2, 3), f4(i, 2, 3, 4), f4(i, 2, 3, 4, 5), f4(i, 2, 3, 4, 5, 6),
    f5(), f5(i), f5(i, 2), f5(i, 2, 3), f5(i, 2, 3, 4), f5(i, 2, 3, 4, 5), f5(i, 2, 3, 4, 5, 6),
    r(2, i, "b"), new P(i).m(), new P(i, 1).m(2), new P().m(i, 3),
  ];
  for (const s of out) total += s.length;
}
for (const s of out) console.log(s.split("undefined").join("_"));
console.log("total", total);
// zero-argument calls of closures of one code (the callee word is each call's own)
function mk(v) { return () => "v" + v; }
const gs = [mk(1), mk(2), mk(3)];
let vs = "";
for (let i = 0; i < 30; i++) vs += gs[i % 3]();
console.log(vs);
// slot 0 of a frame where an earlier frame held a reference, live across collections
function hold() { var a = [1, 2, 3]; var b = [a, a]; var c = { x: b }; return c.x.length; }
function alloc0() {
  let s = [];
  for (let i = 0; i < 300; i++) s.push([i, "" + i]);
  return s.length;
}
function outerA() { return hold() + hold(1, 2, 3); }
function outerB() { var p, q, r, t, u, w; return alloc0(); }
function outerC() { var p, q, r; return alloc0(); }
let n = 0;
for (let i = 0; i < 60; i++) n += outerA() + outerB() + outerA() + outerC();
console.log("held", n);
'''

#: node's output
FRAMES_WANT = '''_c0
_c0
_c0
_c0
__1.5
39_1.5
39_1.5
39_1.5
39_1.5
_,_,_,_,c2
39,_,_,_,c2
39,2,_,_,c2
39,2,_,_,c2
39,2,_,_,c2
_____
39__39_
392_39_
392339_
392339_
392339_
____
39___
392__
3923_
39234
39234
39234
_____e_
39____e_
392___e_
3923__e_
39234_e_
392345e_
392345e_
39b1____21_____1___
39____39____39____39____39____
391___3912__3912__3912_23912_2
_______39____393___39339__39339
total 52890
v1v2v3v1v2v3v1v2v3v1v2v3v1v2v3v1v2v3v1v2v3v1v2v3v1v2v3v1v2v3
held 36480
'''


def _write(tmp_path: Path) -> Path:
    p = tmp_path / "frames.js"
    p.write_text(FRAMES, encoding="utf-8")
    return p


def test_frames_match_node_and_interpreter(tmp_path: Path) -> None:
    jit = run_matching(_write(tmp_path), FRAMES_WANT)
    jit.summary()  # reads the direct-call count
    # 40 iterations of 37 calls of f0-f5, r's 13 and P's 3 x 5 arrows and 3 m (the
    # first call of each function is the interpreter's)
    assert jit.stats.direct_calls >= 2500, jit.stats.direct_calls


@pytest.mark.parametrize("stress", ["all", 3])
def test_frames_stress_bailouts(tmp_path: Path, stress: str | int) -> None:
    proc, jit = run_jit(_write(tmp_path), threshold=0, bailouts=stress)
    assert (proc.stdout, proc.stderr, proc.returncode) == (FRAMES_WANT, "", 0)
    assert jit.stats.bailouts


def test_frames_with_collections(tmp_path: Path) -> None:
    from a64js.hvm.core import R

    # 55 KiB past the realm's live set: this program peaks at ~45 KiB more (64 KiB in
    # all left no room when the realm grew), and it still collects dozens of times under
    # its compiled frames
    proc, _ = run_jit(_write(tmp_path), threshold=0, semispace=small_semispace(55 << 10),
                      poison=True)
    assert (proc.stdout, proc.stderr, proc.returncode) == (FRAMES_WANT, "", 0)
    assert R.heap.stats.collections >= 10
