"""A GetProp's direct getter call (t_props._getter_sub) is emitted only while the realm
has an accessor when the function is compiled: a function compiled before the first
accessor exists takes the generic path at a getter hit (correct, one cache miss per
access), one compiled after calls the getter from machine code (no miss). Both give
node's output, with getters that return, throw, and built-in getters' absence."""

from __future__ import annotations

from pathlib import Path

from tests.js.jitrun import run_jit, write_program

# ``early`` is compiled at its first call (threshold 0), before class G exists;
# ``late`` after it. Each reads g.v 200 times (the getter counts its calls).
SRC = """
function early(o, n) { let s = 0; for (let i = 0; i < n; i++) s = s + o.v; return s; }
early({v: 2}, 3);
let calls = 0;
class G { constructor(k) { this.k = k; } get v() { calls++; return this.k; } }
class Bad { get v() { throw new Error("no v"); } }
function late(o, n) { let s = 0; for (let i = 0; i < n; i++) s = s + o.v; return s; }
const g = new G(3);
console.log(early(g, 200), calls);
console.log(late(g, 200), calls);
console.log(early({v: 1}, 5), late({v: 1}, 5));
for (const f of [early, late]) {
  try { f(new Bad(), 2); } catch (e) { console.log(f.name, e.message); }
}
"""
WANT = "600 200\n600 400\n5 5\nearly no v\nlate no v\n"


def test_getter_paths_before_and_after_the_first_accessor(tmp_path: Path) -> None:
    path = write_program(tmp_path, SRC)
    interp, _ = run_jit(path, threshold=None)
    assert (interp.stdout, interp.stderr) == (WANT, "")
    proc, jit = run_jit(path, threshold=0)
    assert (proc.stdout, proc.stderr, proc.returncode) == (WANT, "", 0)
    # early's 200 getter hits each missed (the generic path), late's none: the
    # misses are early's and the first sights of each site's shapes
    assert jit.stats.ic_misses >= 200
    assert jit.stats.direct_calls >= 200  # late called the getter directly


def test_getter_paths_under_stress(tmp_path: Path) -> None:
    path = write_program(tmp_path, SRC)
    stresses: tuple[str | int, ...] = ("all", 5)
    for stress in stresses:
        proc, _ = run_jit(path, threshold=0, stress=stress)
        assert (proc.stdout, proc.stderr, proc.returncode) == (WANT, "", 0)
