"""The heap VM's blocks keep slot words in Python locals (hvm.interp, "slot values kept
in locals across a block"): a block reads a slot's word from the frame once and then
from a local while the word is known to be the slot's; every store still goes to the
frame. What may change a slot behind the block (a handler, a getter or ``valueOf``
that allocates and so collects, a string built by ``+``) makes the block read the
slots again; a throw finds the frame exact. Hot code of each such kind, under GC stress
with poisoning, gives node's output."""

from __future__ import annotations

import builtins
import re
from pathlib import Path
from typing import Any

import pytest

from tests.js.hvmrun import run_heap

# each function is hot (its blocks compiled); node v20 printed the results below
PROGRAM = """\
class P {
  constructor(n) { this.n = n; }
  get g() { return { v: this.n * 2, pad: [this.n, this.n + 1] }; }
}
const objs = [{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 6 }];
const ps = [new P(1), new P(2)];
const lt = { valueOf() { const junk = [1, 2, 3]; return junk.length + 2; } };
function viaGetter(i) {
  const a = objs[i % 3];
  const t = ps[i % 2].g;
  const b = objs[(i + 1) % 3];
  return a.x + t.v + b.y + a.y + t.pad[1];
}
function viaConcat(i, s) {
  const o = objs[i % 3];
  let str = s + "ab" + i;
  const n = o.x + o.y;
  str = str + n;
  return str.length + o.x + n;
}
function viaValueOf(i) {
  const o = objs[i % 3];
  const k = i % 7;
  const r = k < lt ? o.x : o.y;
  return r + k + o.x;
}
function viaThrow(i) {
  let a = i * 3;
  const o = objs[i % 3];
  let b = a + o.x;
  try {
    a = a + 1;
    b = b + a;
    if (i % 5 === 0) null.boom;
    a = a + 100;
  } catch (e) {
    return a + b + o.y + (e instanceof TypeError ? 7 : 9);
  }
  return a - b;
}
function overwrite(i) {
  let x = i;
  x = x * 65537;
  x = x * 65537;
  let y = x | 0;
  y = y + x;
  let z = "s" + y;
  z = z.length + x % 1000;
  x = 1.5 * i;
  x = x + z;
  return x + y % 1000;
}
let total = 0;
let strs = 0;
for (let i = 0; i < N; i++) {
  total += viaGetter(i);
  strs += viaConcat(i, i % 2 ? "q" : "");
  total += viaValueOf(i);
  total += viaThrow(i);
  total = (total + overwrite(i)) % 1000000007;
}
console.log(total, strs);
"""
#: node's output for N iterations
NODE = {200: "239714 3250\n", 1500: "2681979 25640\n"}


def _program(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "slots.js"
    path.write_text(PROGRAM.replace("i < N", f"i < {n}"), encoding="utf-8")
    return path


def test_blocks_at_once_under_gc_stress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    """Blocks compiled at their third entry, a collection at every allocation and the
    old space poisoned: a word kept in a local past a collection would read garbage."""
    from a64js.hvm import interp

    monkeypatch.setattr(interp, "_BLOCK_HOT", 3)
    proc = run_heap(_program(tmp_path, 200), semispace=1 << 20, stress=True, poison=True)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, NODE[200], "")


def test_hot_program_gives_nodes_output(tmp_path: Path) -> None:
    proc = run_heap(_program(tmp_path, 1500), semispace=1 << 20)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, NODE[1500], "")


def test_blocks_read_known_slots_from_locals(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The block of viaGetter's body reads ``a`` (an object) from the frame once for its
    two property reads, and reads the slots again after the getter's handler call."""
    from a64js.hvm import interp

    sources: list[str] = []

    def spy(src: str, name: str, mode: str, *a: Any, **k: Any) -> Any:
        if "block viaGetter@" in name:
            sources.append(src)
        return builtins.compile(src, name, mode, *a, **k)

    monkeypatch.setattr(interp, "compile", spy, raising=False)
    proc = run_heap(_program(tmp_path, 1500), semispace=1 << 20)
    assert proc.stdout == NODE[1500]
    src = max(sources, key=len)
    lines = [ln.strip() for ln in src.splitlines()]
    # a first read kept (o = sN = S[i + N]), a later one from the local (o = sN)
    assert any(re.fullmatch(r"[oxy] = s(\d+) = S\[i \+ \1\]", ln) for ln in lines), src
    assert any(re.fullmatch(r"o = s\d+", ln) for ln in lines), src
    assert "; s" in src, src  # the reads again after a handler call


def test_keep_slots_rules() -> None:
    from a64js.hvm.interp import _keep_slots

    body = ["x = S[i + 4]",
            "if INT_BASE <= x < INT_END:",
            "    S[i + 5] = x + 1",
            "else:",
            "    _o3(i)"]
    out, known = _keep_slots(body, {7}, True)
    assert out == ["x = s4 = S[i + 4]",
                   "if INT_BASE <= x < INT_END:",
                   "    S[i + 5] = s5 = x + 1",
                   "else:",
                   "    _o3(i)",
                   "    s4 = S[i + 4]; s5 = S[i + 5]; s7 = S[i + 7]"]
    assert known == {4, 5, 7}
    # a known slot read from its local; a destination stored through the double view
    # is read back (its word), any other slot stored there is forgotten
    body = ["x = S[i + 4]", "y = S[i + 7]", "SD[i + 4] = 1.0"]
    out, known = _keep_slots(body, {4, 7}, True)
    assert out == ["x = s4", "y = s7", "SD[i + 4] = 1.0", "s4 = S[i + 4]"]
    assert known == {4, 7}
    out, known = _keep_slots(body, {4, 7}, False)
    assert out == ["x = s4", "y = s7", "SD[i + 4] = 1.0"]
    assert known == {7}
    # an allocating call in a condition: no place to read again after it, read the frame
    body = ["x = S[i + 4]", "if GEN(x, x):", "    S[i + 5] = x"]
    assert _keep_slots(body, {4}, True) == (body, set())
    # slot 0 (the argument array, the result) is never kept
    out, known = _keep_slots(["x = S[i + 0]", "S[i + 0] = x"], set(), True)
    assert known == set() and out[0] == "x = S[i + 0]"


# Division of two doubles in line (a zero divisor, NaN, infinities, -0, an integral
# quotient used as an index), hot; node v20 printed DIV_NODE.
DIV_PROGRAM = """\
const xs = [1.5, -2.25, 0.0, -0.0, NaN, Infinity, -Infinity, 3.0, 7.5, 1e308, 5e-324];
let out = [];
let acc = 0;
for (let r = 0; r < 700; r++) {
  for (let a = 0; a < xs.length; a++) {
    for (let b = 0; b < xs.length; b++) {
      const q = xs[a] / xs[b];
      if (r === 0) out.push(Object.is(q, -0) ? "-0" : String(q));
      if (q === q && q !== Infinity && q !== -Infinity) acc = (acc + q) % 1000003;
    }
  }
  const h = 6.0 / 2.0;
  if (h !== 3 || [10, 20, 30, 40][h] !== 40) throw new Error("integral double");
}
console.log(out.join(" "));
console.log(acc);
"""
DIV_NODE = ('1 -0.6666666666666666 Infinity -Infinity NaN 0 -0 0.5 0.2 1.5e-308 Infinity -1.5'
    ' 1 -Infinity Infinity NaN -0 0 -0.75 -0.3 -2.25e-308 -Infinity 0 -0 NaN NaN NaN '
    '0 -0 0 0 0 0 -0 0 NaN NaN NaN -0 0 -0 -0 -0 -0 NaN NaN NaN NaN NaN NaN NaN NaN '
    'NaN NaN NaN Infinity -Infinity Infinity -Infinity NaN NaN NaN Infinity Infinity '
    'Infinity Infinity -Infinity Infinity -Infinity Infinity NaN NaN NaN -Infinity '
    '-Infinity -Infinity -Infinity 2 -1.3333333333333333 Infinity -Infinity NaN 0 -0 '
    '1 0.4 2.9999999999999997e-308 Infinity 5 -3.3333333333333335 Infinity -Infinity '
    'NaN 0 -0 2.5 1 7.5e-308 Infinity 6.666666666666666e+307 -4.4444444444444443e+307'
    ' Infinity -Infinity NaN 0 -0 3.333333333333333e+307 1.3333333333333332e+307 1 '
    'Infinity 5e-324 -0 Infinity -Infinity NaN 0 -0 0 0 0 1') + "\n11116\n"


def test_double_division_gives_nodes_output(tmp_path: Path) -> None:
    path = tmp_path / "div.js"
    path.write_text(DIV_PROGRAM, encoding="utf-8")
    proc = run_heap(path, semispace=1 << 20)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, DIV_NODE, "")
