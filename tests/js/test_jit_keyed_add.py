"""The baseline JIT's keyed stores that add a key to a plain object (jit/t_elems.py
transition entries): the SetElem site's table gets, for the receiver's shape and the
key, the shape after the addition and the inline slot, once that transition exists, and
the code adds the key in line (shape word, then the value) instead of a step; nine keys
(past the inline slots), keys in other orders, a key stored twice, class instances,
and a setter defined later (every transition entry goes: the setter runs). Compared
with node's recorded output and the interpreter, with bailouts forced, and by the
steps left."""

from __future__ import annotations

from pathlib import Path

import pytest

from a64js.jit import t_elems
from tests.js.jitrun import run_jit, run_matching, run_stressed
from tests.js.jitrun import write_program as _write

ADD = r'''// keyed stores that add keys to plain objects (transition entries), then setters
function make(keys, base) {
  const o = {};
  for (let i = 0; i < keys.length; i++) o[keys[i]] = base + i;
  return o;
}
const ks = ["a", "b", "c", "d"];
let t = 0;
for (let r = 0; r < 50; r++) { const o = make(ks, r); t += o.a + o.b + o.c + o.d; }
console.log(t, JSON.stringify(make(ks, 1)));
// nine keys: the first six in line (the cell's slots), the rest out of line
const many = ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9"];
let u = 0;
for (let r = 0; r < 20; r++) { const o = make(many, r); u += o.k1 + o.k9 + Object.keys(o).length; }
console.log(u, Object.keys(make(many, 0)).join(""));
// one site, objects whose keys come in other orders, and a key stored twice
let v = "";
for (let r = 0; r < 20; r++) {
  const o = make(r % 2 ? ["x", "y", "x"] : ["y", "x"], r);
  v += Object.keys(o).join("") + o.x + ",";
}
console.log(v);
class P { constructor(n) { this.n = n; } get twice() { return 2 * this.n; } }
function tag(o, k, x) { o[k] = x; return o; }
let w = 0;
for (let r = 0; r < 30; r++) w += tag(new P(r), "extra", r).extra + tag({}, "extra", 1).extra;
console.log(w, JSON.stringify(tag(new P(2), "z", 3)), tag(new P(4), "z", 0).twice);
// a setter for "c" on Object.prototype: the cached additions of "c" must go
const seen = [];
Object.defineProperty(Object.prototype, "c", {
  set(x) { seen.push(x); }, get() { return "got"; }, configurable: true });
const o2 = make(ks, 100);
console.log(o2.a, o2.b, o2.c, o2.d, Object.keys(o2).join(","), seen.join(","));
let z = 0;
for (let r = 0; r < 20; r++) { const o = make(ks, r); z += o.a + o.d + Object.keys(o).length; }
console.log(z, seen.length, tag(new P(1), "c", 5).c, seen.length);
'''
# node's output of ADD
ADD_WANT = '''5200 {"a":1,"b":2,"c":3,"d":4}
720 k1k2k3k4k5k6k7k8k9
yx1,xy3,yx3,xy5,yx5,xy7,yx7,xy9,yx9,xy11,yx11,xy13,yx13,xy15,yx15,xy17,yx17,xy19,yx19,xy21,
465 {"n":2,"z":3} 8
100 101 got 103 a,b,d 102
500 21 got 22
'''


def test_matches_node_and_interpreter(tmp_path: Path) -> None:
    jit = run_matching(_write(tmp_path, ADD), ADD_WANT)
    assert jit.stats.left_to_interpreter == 0


@pytest.mark.parametrize("threshold", [0, 10])
def test_additions_are_machine_code(tmp_path: Path, threshold: int,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """With transition entries the SetElem steps are the first additions of each key
    on each shape (and those on the setter's key, and out-of-line ones): fewer than
    half of those without them."""
    path = _write(tmp_path, ADD)
    proc, jit = run_jit(path, threshold=threshold)
    assert (proc.stdout, proc.returncode) == (ADD_WANT, 0)
    jit.summary()
    with_entries = jit.stats.step_ops["SetElem"]
    monkeypatch.setattr(t_elems, "keyed_transition", lambda *a: None)
    proc, jit = run_jit(path, threshold=threshold)
    assert (proc.stdout, proc.returncode) == (ADD_WANT, 0)
    jit.summary()
    without = jit.stats.step_ops["SetElem"]
    assert 2 * with_entries < without, (with_entries, without)


@pytest.mark.parametrize("stress", ["all", 5])
def test_stress_bailouts(tmp_path: Path, stress: str | int) -> None:
    run_stressed(_write(tmp_path, ADD), ADD_WANT, stress)
