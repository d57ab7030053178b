"""The heap VM interpreter's inline caches where the Python VM cannot serve as the
oracle: a dictionary-mode object (more keys than a shape tracks) on a prototype chain.

Its shape's key table hides its keys, so GetProp must not cache a hit found past it
(adding a key to it changes no header). The expected lines are node's output for the
same program (recorded from node; the Python VM's own cache misses the
added method, so it cannot stand in for node here).
"""

from __future__ import annotations

from pathlib import Path

from tests.js.hvmrun import run_heap

PROGRAM = """
const base0 = { m() { return "base"; } };
const big0 = {};
for (let i = 0; i < 70; i++) big0["k" + i] = i;
Object.setPrototypeOf(big0, base0);
const kid0 = {};
Object.setPrototypeOf(kid0, big0);
function getM(o) { return o.m() + o.k5; }
const got = [];
for (let i = 0; i < 4; i++) {
  got.push(getM(kid0));
  if (i === 1) big0.m = function () { return "big"; };
  if (i === 2) big0.k5 = "five";
}
const mid = { n() { return "mid"; } };
Object.setPrototypeOf(mid, base0);
const top = {};
Object.setPrototypeOf(top, mid);
function getN(o) { return o.m() + o.n(); }
for (let i = 0; i < 3; i++) {
  got.push(getN(top));
  if (i === 0) mid.m = function () { return "mid.m"; };
  if (i === 1) base0.m = function () { return "base2"; };
}
console.log(got.join(" "));
"""

NODE = "base5 base5 big5 bigfive basemid mid.mmid mid.mmid\n"


def test_nothing_cached_past_a_dictionary_prototype(tmp_path: Path) -> None:
    js = tmp_path / "dict_proto.js"
    js.write_text(PROGRAM, encoding="utf-8")
    proc = run_heap(js, semispace=1 << 20)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == NODE
