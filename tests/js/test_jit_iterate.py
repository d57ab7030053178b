"""The baseline JIT's map/forEach/indexOf (jit/t_calls.py ``_iterate``, ``_index_of``):
a loop in machine code whose callbacks are direct calls when compiled, else host calls
of ``t_calls._call_back`` (built-ins, callbacks not compiled yet, frame blocks stale
after a collection), and ``indexOf`` of a value whose strict equality is word
equality. Compared with node's recorded output and the heap VM's interpreter, with
bailouts forced, in a small poisoned semispace, and counters that show the calls stay
in machine code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.js.jitrun import run_jit, run_matching, run_stressed
from tests.js.jitrun import write_program as _write

ITER = r'''// map / forEach / indexOf from compiled code: callbacks of every kind
function sq(x) { return x * x; }
function run(round) {
  const a = [1, 2, 3, 4, 5];
  const out = [];
  out.push(a.map(sq).join(","));
  let s = 0;
  a.forEach((x, i, arr) => { s += x * i + arr.length; });
  out.push(s);
  const holes = [1, , 3];
  const hm = holes.map((x) => x + round);
  out.push(hm.length, hm[1], 1 in hm, hm.join("/"));
  out.push(a.map(String).join("|"), [1.5, -2, 3].map(Math.abs).join(" "));
  const o = { k: 10 * round };
  out.push(a.map(function (x, i) { return x + this.k + i; }, o).join(","));
  try {
    a.forEach((x) => { if (x === 3) throw new Error("boom " + x); });
  } catch (e) { out.push(e.message); }
  try { a.map(42); } catch (e) { out.push(e.constructor.name); }
  try { a.forEach(); } catch (e) { out.push(e.constructor.name); }
  const grow = [1, 2];
  grow.forEach((x) => { if (grow.length < 5) grow.push(x * 10); });
  const grown = [1, 2].map((x, i, arr) => { arr.push(i); return x + arr.length; });
  out.push(grow.join(","), grown.join(","));
  const shrink = [1, 2, 3, 4, 5, 6];
  const seen = [];
  shrink.forEach((x) => { seen.push(x); shrink.pop(); });
  const sm = [1, 2, 3, 4].map((x, i, arr) => { arr.length = 2; return x * 2; });
  out.push(seen.join(","), shrink.length, sm.length, sm.join("/"));
  const nested = [[1, 2], [3], []].map((r) => r.map((x) => x * round).join("+"));
  out.push(nested.join(";"));
  const own = { map(f) { return "own " + f(1); }, forEach(f) { return f(2); } };
  out.push(own.map(sq), own.forEach(sq));
  out.push([].map(sq).length, [].forEach(sq));
  const t = [a, o, "s", 0, 1, undefined, null, true, -0, NaN, 2.5];
  out.push(t.indexOf(o), t.indexOf(a), t.indexOf("s"), t.indexOf(1), t.indexOf(0),
           t.indexOf(undefined), t.indexOf(null), t.indexOf(true), t.indexOf(false),
           t.indexOf(NaN), t.indexOf(2.5), t.indexOf({}), [1, , 3].indexOf(undefined),
           [-0].indexOf(0), [0].indexOf(-0), [3, 4].indexOf(4, 1), a.indexOf(9));
  return out.join("\n");
}
for (let r = 0; r < 4; r++) console.log(run(r));
class Pt { constructor(x) { this.x = x; } twice() { return this.x * 2; } }
const pts = [];
for (let i = 0; i < 40; i++) pts.push(new Pt(i));
let tot = 0;
for (let r = 0; r < 30; r++) {
  tot += pts.map((p) => p.twice()).reduce((u, v) => u + v, 0);
  pts.forEach((p, i) => { if (i % 7 === r % 7) tot += p.x; });
  tot += pts.indexOf(pts[r]);
}
console.log("total", tot);
'''
# node's output of ITER
ITER_WANT = '''1,4,9,16,25
65
3

false
1//3
1|2|3|4|5
1.5 2 3
1,3,5,7,9
boom 3
TypeError
TypeError
1,2,10,20
4,6
1,2,3
3
4
2/4//
0+0;0;
own 1
4
0

1
0
2
4
3
5
6
7
-1
-1
10
-1
-1
0
0
1
-1
1,4,9,16,25
65
3

false
2//4
1|2|3|4|5
1.5 2 3
11,13,15,17,19
boom 3
TypeError
TypeError
1,2,10,20
4,6
1,2,3
3
4
2/4//
1+2;3;
own 1
4
0

1
0
2
4
3
5
6
7
-1
-1
10
-1
-1
0
0
1
-1
1,4,9,16,25
65
3

false
3//5
1|2|3|4|5
1.5 2 3
21,23,25,27,29
boom 3
TypeError
TypeError
1,2,10,20
4,6
1,2,3
3
4
2/4//
2+4;6;
own 1
4
0

1
0
2
4
3
5
6
7
-1
-1
10
-1
-1
0
0
1
-1
1,4,9,16,25
65
3

false
4//6
1|2|3|4|5
1.5 2 3
31,33,35,37,39
boom 3
TypeError
TypeError
1,2,10,20
4,6
1,2,3
3
4
2/4//
3+6;9;
own 1
4
0

1
0
2
4
3
5
6
7
-1
-1
10
-1
-1
0
0
1
-1
total 50571
'''

ALLOC = r'''// map / forEach whose callbacks allocate (collections between the calls)
function label(x, i) { return "item-" + x + "-" + i + "-" + [x, i, x * i].join(":"); }
const base = [];
for (let i = 0; i < 60; i++) base.push(i);
let chars = 0;
let last = "";
for (let r = 0; r < 25; r++) {
  const ls = base.map(label);
  const objs = ls.map((s, i) => ({ s: s, n: i, tag: "t" + r }));
  objs.forEach((o) => { chars += o.s.length + o.tag.length; last = o.s; });
  const keep = [];
  objs.forEach(function (o) { if (o.n % 9 === 0) keep.push([o.s, this.z].join("/")); }, { z: r });
  chars += keep.join(",").length + objs.indexOf(objs[r]);
}
console.log(chars, last);
'''
# node's output of ALLOC
ALLOC_WANT = '''37455 item-59-59-59:59:3481
'''

CASES = [("iter", ITER, ITER_WANT), ("alloc", ALLOC, ALLOC_WANT)]


@pytest.mark.parametrize(("name", "src", "want"), CASES, ids=[c[0] for c in CASES])
def test_matches_node_and_interpreter(tmp_path: Path, name: str, src: str, want: str) -> None:
    run_matching(_write(tmp_path, src), want)


@pytest.mark.parametrize("stress", ["all", 3])
@pytest.mark.parametrize(("name", "src", "want"), CASES, ids=[c[0] for c in CASES])
def test_stress_bailouts(tmp_path: Path, name: str, src: str, want: str,
                         stress: str | int) -> None:
    run_stressed(_write(tmp_path, src), want, stress)


def test_with_collections(tmp_path: Path) -> None:
    """In a 256 KiB poisoned semispace: the loop reloads the array, the callback and
    map's result from their slots after every call, and a callback whose frame block a
    collection left stale is called through the host until it is refreshed."""
    from a64js.hvm.core import R

    proc, _ = run_jit(_write(tmp_path, ALLOC), threshold=0, semispace=256 << 10,
                      poison=True)
    assert (proc.stdout, proc.stderr, proc.returncode) == (ALLOC_WANT, "", 0)
    assert R.heap.stats.collections >= 2


def test_callbacks_stay_in_machine_code(tmp_path: Path) -> None:
    """ALLOC's 75 map and 50 forEach calls (6,000 callbacks) take no slow-path step and
    enter no compiled code from Python (5 entries: the first call of each function);
    the callbacks are direct calls. Its Call steps are the join calls only."""
    proc, jit = run_jit(_write(tmp_path, ALLOC), threshold=0)
    assert proc.stdout == ALLOC_WANT
    jit.summary()
    st = jit.stats
    assert st.entries <= 6, st.entries
    assert st.direct_calls >= 5990, st.direct_calls  # all but the first of each
    # 60 x 25 joins in label(), 25 in the loop, one more per kept o
    assert st.step_ops["Call"] <= 1701, st.step_ops


def test_index_of_in_line(tmp_path: Path) -> None:
    """indexOf of objects, int32s and constants is found in line: no Call step."""
    src = ("const a = [];\nfor (let i = 0; i < 50; i++) a.push({ i });\n"
           "const b = [1, 2, 3, null, true];\nlet n = 0;\n"
           "for (let r = 0; r < 200; r++) n += a.indexOf(a[r % 50]) + b.indexOf(r % 4) "
           "+ b.indexOf(null) + a.indexOf(b);\nconsole.log(n);\n")
    want = str(sum((r % 50) + [-1, 0, 1, 2][r % 4] + 3 - 1 for r in range(200))) + "\n"
    jit = run_matching(_write(tmp_path, src), want)
    jit.summary()
    assert jit.stats.step_ops["Call"] <= 2, jit.stats.step_ops
