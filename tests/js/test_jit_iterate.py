"""The baseline JIT's map/forEach/indexOf/sort (jit/t_calls.py ``_iterate``,
``_index_of``, ``_sort``): loops in machine code whose callbacks are direct calls when
compiled, else host calls (``t_calls._call_back``, ``_sort_cmp``: built-ins, callbacks
not compiled yet, frame blocks stale after a collection), ``indexOf`` of a value whose
strict equality is word equality, sort's binary insertion making the built-in's
comparator calls in its order (below 64 elements), and ``join`` of strings. Compared
with node's recorded output and the heap VM's interpreter, with bailouts forced, in a
small poisoned semispace, and counters that show the calls stay in machine code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.js.hvmrun import small_semispace
from tests.js.jitrun import node_case_tests, node_recheck, run_jit, run_matching
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


def _iter_round(r: int) -> str:
    """node's output of ITER's ``run(r)``: three of its lines depend on the round (the
    holes' map, ``this.k`` and the nested maps)."""
    k = ",".join(str(x + 10 * r + i) for i, x in enumerate([1, 2, 3, 4, 5]))
    return _ITER_ROUND.format(hm=f"{1 + r}//{3 + r}", k=k, nested=f"{r}+{2 * r};{3 * r};")


# node's output of ITER: a round of run(r) (see _iter_round) ...
_ITER_ROUND = '''1,4,9,16,25
65
3

false
{hm}
1|2|3|4|5
1.5 2 3
{k}
boom 3
TypeError
TypeError
1,2,10,20
4,6
1,2,3
3
4
2/4//
{nested}
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
'''
# ... four rounds and the total
ITER_WANT = "".join(_iter_round(r) for r in range(4)) + "total 50571\n"


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

SORT = r'''// sort with a comparator from compiled code
function run(r) {
  const out = [];
  const a = [5, 3, 9, 1, 5, 7, 2, 8, 0, 6];
  out.push(a.slice().sort((x, y) => x - y).join(","));
  out.push(a.slice().sort((x, y) => y - x).join(","));
  out.push(a.slice().sort((x, y) => (x % 3) - (y % 3)).join(","));  // stable
  out.push([0.5, -1.25, 3, 2.75, -0, 0].sort((x, y) => x - y).join(" "));
  const fruit = ["pear", "fig", "apple", "kiwi", "date"];
  out.push(fruit.sort((x, y) => x < y ? -1 : x > y ? 1 : 0).join());
  out.push(["bb", "a", "ccc", "dd"].sort((x, y) => x.length > y.length).join());
  out.push([3, 1, 2].sort((x, y) => String(x - y)).join());
  out.push([4, 2, 9].sort(Math.max === 0 ? null : (x, y) => NaN).join());
  out.push([1].sort((x, y) => y - x).join(), [].sort((x, y) => x - y).length);
  const s = [1, 2, 3];
  out.push(s.sort((x, y) => y - x) === s);
  try {
    [3, 1, 2].sort((x, y) => { throw new Error("cmp " + r); });
  } catch (e) { out.push(e.message); }
  const keep = [3, 1, 2];
  try {
    keep.sort((x, y) => { if (x === 2 || y === 2) throw 1; return x - y; });
  } catch (e) { out.push(keep.join()); }
  out.push([3, undefined, 1, , 2].sort((x, y) => x - y).join("/"));
  try { [2, 1].sort(5); } catch (e) { out.push(e.constructor.name); }
  const objs = [];
  for (let i = 0; i < 30; i++) objs.push({ k: (i * 7919) % 13, i: i });
  objs.sort((p, q) => p.k - q.k);
  out.push(objs.map((o) => o.i).join(","));
  const shrink = [5, 4, 3, 2, 1];
  shrink.sort((x, y) => { shrink.length = 1; return x - y; });
  out.push(shrink.join());
  return out.join("\n");
}
for (let r = 0; r < 3; r++) console.log(run(r));
const big = [];
let seed = 11;
for (let i = 0; i < 500; i++) { seed = (seed * 16807) % 2147483647; big.push("w" + (seed % 997)); }
const freq = {};
for (const w of big) freq[w] = (freq[w] || 0) + 1;
const top = Object.keys(freq).sort((a, b) =>
  freq[b] - freq[a] || (a < b ? -1 : a > b ? 1 : 0));
console.log(top.length, top.slice(0, 12).join(" "), top[top.length - 1]);
const calls = [];
const a = [5, 3, 9, 1, 5, 7, 2, 8, 0, 6, 4, 4, 11, 10, 3];
a.sort((x, y) => { calls.push(x + ":" + y); return x - y; });
console.log(a.join(","), calls.length);
for (let i = 0; i < calls.length; i += 14) console.log(calls.slice(i, i + 14).join(" "));
const d = [9, 8, 7, 6, 5, 1, 2, 3];
const c2 = [];
d.sort((x, y) => { c2.push(x + ":" + y); return x - y; });
console.log(d.join(","), c2.join(" "));
'''
# node's output of SORT: three rounds of one block, then the lines after them
_SORT_ROUND = '''0,1,2,3,5,5,6,7,8,9
9,8,7,6,5,5,3,2,1,0
3,9,0,6,1,7,5,5,2,8
-1.25 0 0 0.5 2.75 3
apple,date,fig,kiwi,pear
bb,a,ccc,dd
1,2,3
4,2,9
1
0
true
cmp {r}
3,1,2
1/2/3//
TypeError
0,13,26,7,20,1,14,27,8,21,2,15,28,9,22,3,16,29,10,23,4,17,11,24,5,18,12,25,6,19
1,2,3,4,5
'''
_SORT_REST = '''403 w139 w207 w271 w372 w385 w464 w496 w516 w523 w566 w617 w643 w993
0,1,2,3,3,4,4,5,5,6,7,8,9,10,11 42
3:5 9:3 9:5 1:5 1:3 5:5 5:9 7:5 7:9 7:5 2:5 2:3 2:1 8:5
8:7 8:9 0:5 0:3 0:2 0:1 6:5 6:8 6:7 6:5 4:5 4:2 4:5 4:3
4:5 4:2 4:4 11:5 11:7 11:9 10:5 10:8 10:11 10:9 3:5 3:3 3:4 3:4
1,2,3,5,6,7,8,9 8:9 7:8 6:7 5:6 1:5 2:1 2:7 2:5 2:1 3:6 3:2 3:5
'''
SORT_WANT = "".join(_SORT_ROUND.format(r=r) for r in range(3)) + _SORT_REST

JOIN = r'''// join of strings from compiled code
function run(r) {
  const out = [];
  out.push(["a", "bc", "", "d"].join(","), ["x"].join("--"), [].join("+").length);
  out.push(["h\u00e9", "w\u00f6rld", "\ud83d\ude00"].join(" \u00b7 "), ["p", "q"].join(""));
  out.push([1, "a", 2.5].join("/"), ["a", , "b"].join("-"), ["a", null, undefined].join("|"));
  out.push([["n", "m"], "o"].join(":"), ["s" + r, "t" + r].join(String(r)));
  const parts = [];
  for (let i = 0; i < 30; i++) parts.push("item" + i);
  const j = parts.join(", ");
  out.push(j.length, j.slice(0, 20), j.charCodeAt(j.length - 1));
  try {
    ["a"].join({ toString() { throw new Error("sep " + r); } });
  } catch (e) { out.push(e.message); }
  return out.join("\n");
}
for (let r = 0; r < 3; r++) console.log(run(r));
let total = 0;
for (let i = 0; i < 300; i++) total += ["ab", "cde", "f" + i].join(i % 2 ? "," : "").length;
console.log(total);
'''
# node's output of JOIN: three rounds of one block, then the total
_JOIN_ROUND = '''a,bc,,d
x
0
hé · wörld · 😀
pq
1/a/2.5
a--b
a||
n,m:o
s{r}{r}t{r}
228
item0, item1, item2,
57
sep {r}
'''
JOIN_WANT = "".join(_JOIN_ROUND.format(r=r) for r in range(3)) + "2890\n"

CASES = [("iter", ITER, ITER_WANT), ("alloc", ALLOC, ALLOC_WANT), ("sort", SORT, SORT_WANT),
         ("join", JOIN, JOIN_WANT)]


test_matches_node_and_interpreter, test_stress_bailouts = node_case_tests(CASES)
test_recorded_output_is_nodes = node_recheck(CASES)


@pytest.mark.parametrize(("src", "want", "kib"), [(ALLOC, ALLOC_WANT, 231),
                                                  (SORT, SORT_WANT, 47)], ids=["alloc", "sort"])
def test_with_collections(tmp_path: Path, src: str, want: str, kib: int) -> None:
    """In a poisoned semispace ``kib`` KiB past the realm's live set: the loops reload
    the array, the callback and their own array (map's result, sort's copy) from their
    slots after every call, and a callback whose frame block a collection left stale is
    called through the host until it is refreshed."""
    from a64js.hvm.core import R

    proc, _ = run_jit(_write(tmp_path, src), threshold=0, semispace=small_semispace(kib << 10),
                      poison=True)
    assert (proc.stdout, proc.stderr, proc.returncode) == (want, "", 0)
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


def test_sort_calls_the_comparator_directly(tmp_path: Path) -> None:
    """SORT's comparators are called from machine code: of its 3,737 calls 3,287 are
    direct; the entries from Python are the rest of each run() after the comparator
    that throws (an exception dispatched in a function interprets the rest of that
    call) and the first call of each function. The call sequences it prints are
    node's (and the built-in's)."""
    proc, jit = run_jit(_write(tmp_path, SORT), threshold=0)
    assert proc.stdout == SORT_WANT
    jit.summary()
    st = jit.stats
    assert st.direct_calls >= 3200, st.direct_calls
    assert st.entries <= 500, st.entries


def test_join_of_strings_in_line(tmp_path: Path) -> None:
    """JOIN's 300-iteration loop joins in line (no Call step); only the arrays with
    numbers, holes, null or undefined, nested arrays, the object separator and the
    first sights take the generic path."""
    proc, jit = run_jit(_write(tmp_path, JOIN), threshold=0)
    assert proc.stdout == JOIN_WANT
    jit.summary()
    # 38, and 3 in the handlers of its catches, which run on in compiled code
    assert jit.stats.step_ops["Call"] <= 43, jit.stats.step_ops


def test_helper_calls_check_their_arguments() -> None:
    """The templates' helpers share one host function (jit/hostcalls.py); a call with
    the wrong argument count is refused, naming the helper."""
    from a64jit import MacroAssembler, x0
    from a64js.jit import hostcalls, t_calls

    with pytest.raises(ValueError, match="_sort_back takes 4 arguments, got 1"):
        hostcalls.emit_helper_call(MacroAssembler(), t_calls._sort_back, [x0])
    with pytest.raises(ValueError, match="at most 7 arguments, got 8"):
        hostcalls.helper(8)
    # the dispatcher passes each helper its own arguments (x7 names it)
    seen: list[tuple[int, ...]] = []

    @hostcalls.helper(2)
    def probe(a: int, b: int) -> int:
        seen.append((a, b))
        return a + b
    assert hostcalls._dispatch(3, 4, 0, 0, 0, 0, 0, probe.__dict__["host_index"]) == 7
    assert seen == [(3, 4)]
