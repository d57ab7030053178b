"""The baseline JIT's contexts, methods and derived constructors (jit/t_alloc.py,
jit/t_props.py): NewContext bumped in line (a parent in a slot or the callee's own, more
slots than are stored in line), DefineMethod through the store caches with the home
object set, New of a derived constructor and SuperCall as direct calls. Each program is
compared with node's recorded output and the heap VM's interpreter, at threshold 0, with
bailouts forced at every guard and at random ones, in a small poisoned semispace (so
contexts made in code meet collections), and counters show the instruction no longer
goes down the generic path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.js.jitrun import run_jit

CTX = r'''// contexts made in machine code: a function's own scope captured (parent: the callee's
// context, or none), block scopes (parent: a context in a slot), per-iteration copies,
// more slots than are stored in line, nested closures kept across collections
function counter(start) {
  let n = start;
  return { inc: () => ++n, get: () => n };
}
function nest(a) {
  let x = a;
  return function (b) {
    let y = b;
    return function (c) {
      let z = c;
      return () => x * 100 + y * 10 + z + (x = x + 1, 0);
    };
  };
}
function block(k) {
  let out = 0;
  {
    let p = k;
    const f = () => p * 2;
    {
      let q = k + 1;
      const g = () => q + p + f();
      out += g();
    }
  }
  return out;
}
function wide(v) {
  let a0 = v, a1 = v + 1, a2 = v + 2, a3 = v + 3, a4 = v + 4, a5 = v + 5, a6 = v + 6;
  let a7 = v + 7, a8 = v + 8, a9 = v + 9, a10 = v + 10, a11 = v + 11, a12 = v + 12;
  let a13 = v + 13, a14 = v + 14, a15 = v + 15, a16 = v + 16, a17 = v + 17, a18;
  const all = () => a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 +
    a13 + a14 + a15 + a16 + a17 + (a18 === undefined ? 1000 : -1000);
  return all;
}
function tdz() {
  const read = () => late;
  let r;
  try { r = read(); } catch (e) { r = e.name; }
  let late = 3;
  return r + read();
}
const kept = [];
let sum = 0;
for (let i = 0; i < 400; i++) {
  const c = counter(i);
  c.inc(); c.inc();
  sum = (sum + c.get()) % 1000003;
  const f = nest(i % 7)(i % 5)(i % 3);
  sum = (sum + f() + f()) % 1000003;
  sum = (sum + block(i)) % 1000003;
  const w = wide(i);
  sum = (sum + w()) % 1000003;
  if (i % 50 === 0) kept.push(c, w, f);
}
console.log("sum", sum);
console.log("kept", kept.length, kept[0].get(), kept[1](), kept[2](), kept[21].get(),
            kept[22](), kept[23]());
console.log("tdz", tdz(), tdz());
const fs = [];
for (let i = 0; i < 5; i++) { let j = i * i; fs.push(() => i + j); }
console.log("loop", fs.map((f) => f()).join());
function shadow(n) {
  let t = 0;
  for (let i = 0; i < n; i++) {
    let v = i;
    const g = () => v + t;
    t = g();
  }
  return t;
}
console.log("shadow", shadow(30), shadow(0));
'''
# node's output of CTX
CTX_OUT = '''sum 593992
kept 24 2 1153 200 352 7453 202
tdz ReferenceError3 ReferenceError3
loop 0,2,6,12,20
shadow 435 0
'''

#: (name, source, node's output, {opcode: slow-path steps at most, at threshold 0})
CASES = [("ctx", CTX, CTX_OUT, {"NewContext": 0})]
IDS = [c[0] for c in CASES]


def _write(tmp_path: Path, src: str) -> Path:
    p = tmp_path / "t.js"
    p.write_text(src, encoding="utf-8")
    return p


@pytest.mark.parametrize(("name", "src", "want", "steps"), CASES, ids=IDS)
def test_matches_node_and_interpreter(tmp_path: Path, name: str, src: str, want: str,
                                      steps: dict[str, int]) -> None:
    path = _write(tmp_path, src)
    interp, _ = run_jit(path, threshold=None)
    assert (interp.stdout, interp.stderr) == (want, "")
    proc, jit = run_jit(path, threshold=0)
    assert (proc.stdout, proc.stderr, proc.returncode) == (want, "", 0)
    assert not jit.stats.bailouts
    for op, most in steps.items():
        assert jit.stats.step_ops[op] <= most, (op, jit.stats.step_ops)


@pytest.mark.parametrize("stress", ["all", 3])
@pytest.mark.parametrize(("name", "src", "want", "steps"), CASES, ids=IDS)
def test_stress_bailouts(tmp_path: Path, name: str, src: str, want: str,
                         steps: dict[str, int], stress: str | int) -> None:
    proc, jit = run_jit(_write(tmp_path, src), threshold=0, stress=stress)
    assert (proc.stdout, proc.stderr, proc.returncode) == (want, "", 0)
    assert jit.stats.bailouts


@pytest.mark.parametrize(("name", "src", "want", "steps"), CASES, ids=IDS)
def test_with_collections(tmp_path: Path, name: str, src: str, want: str,
                          steps: dict[str, int]) -> None:
    """A 64 KiB poisoned semispace: a full space sends the allocation down the generic
    path, which collects; cells made in code survive with every word right."""
    proc, jit = run_jit(_write(tmp_path, src), threshold=0, semispace=64 << 10,
                        poison=True)
    assert (proc.stdout, proc.stderr, proc.returncode) == (want, "", 0)
    assert jit.stats.compiled
