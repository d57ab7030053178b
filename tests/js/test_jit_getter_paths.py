"""A GetProp's direct getter call (t_props._getter_sub, one subroutine per function):
a function compiled before the first accessor exists and one compiled after both call
the getter from machine code (no cache miss per access), with getters that return and
that throw; node's output, also under stress."""

from __future__ import annotations

from pathlib import Path

from tests.js.jitrun import run_jit, run_matching, write_program

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
    jit = run_matching(write_program(tmp_path, SRC), WANT)
    # 400 getter calls from machine code (early's and late's); the misses are first
    # sights of each site's shapes only
    assert jit.stats.direct_calls >= 400
    assert jit.stats.ic_misses < 100  # (26 here; 200 more if early missed each time)


def test_getter_paths_under_stress(tmp_path: Path) -> None:
    path = write_program(tmp_path, SRC)
    stresses: tuple[str | int, ...] = ("all", 5)
    for stress in stresses:
        proc, _ = run_jit(path, threshold=0, bailouts=stress)
        assert (proc.stdout, proc.stderr, proc.returncode) == (WANT, "", 0)
