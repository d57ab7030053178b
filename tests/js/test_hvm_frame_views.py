"""The heap VM's blocks read their frame through views of it (hvm.interp, "blocks"):
``F[n]`` for slot n (``FD[n]`` as a double), one pair of views per frame index kept for
the realm and released with its heap; the pc an exception leaves a block at is found
from the line of the block's source it left."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.js.hvmrun import heap_module, run_heap


def test_frame_views_are_the_frames_words_and_go_with_the_heap(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import core, interp
    from a64js.hvm.builtins import setup
    from a64js.hvm.core import int_of

    monkeypatch.setattr(interp, "_BLOCK_HOT", 1)
    h = heap_module("function f(n) { let s = 0.5; for (let i = 0; i < n; i++) s = s + i;"
                    " return s; }\nexports.f = f;", ["f"])["f"]
    core.use_memory_frames()  # (views are of frames in memory: a JIT's realm)
    r = interp.call(h.word, core.UNDEFINED_WORD, [core.num_word(100)])
    assert core.double_of(r) == 4950.5
    views = interp._views[1]
    assert views, "a block ran without a frame view"
    S = core.R.S
    for i, (F, FD) in views.items():
        S[i + 7] = core.num_word(12345)
        assert F[7] == S[i + 7] and int_of(F[7]) == 12345
        S[i + 7] = core.num_word(0.25)
        assert FD[7] == 0.25
    kept = list(views.values())
    setup(["node", "t.js"], None, semispace=1 << 20)  # a new realm: the old heap closed
    for F, FD in kept:
        with pytest.raises(ValueError):
            F[0]  # (released with the old heap)
        with pytest.raises(ValueError):
            FD[0]
    assert interp._frame_views() is not views


def test_more_frames_than_views_kept_and_a_frame_wider_than_a_view(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import core, interp
    from a64js.hvm.core import int_of

    monkeypatch.setattr(interp, "_BLOCK_HOT", 1)
    monkeypatch.setattr(interp, "_FRAME_VIEWS_MAX", 8)
    wide = interp._FRAME_VIEW + 40
    body = "".join(f"let v{k} = a + {k}; " for k in range(wide))
    total = " + ".join(f"v{k}" for k in range(wide))
    src = ("function deep(n) { let x = n + 1; let y = x * 2; if (n === 0) return y;"
           " return deep(n - 1) + y - x; }\n"
           f"function wide(a) {{ {body}return {total}; }}\n"
           "exports.deep = deep; exports.wide = wide;")
    fns = heap_module(src, ["deep", "wide"])
    core.use_memory_frames()  # (views are of frames in memory: a JIT's realm)
    for _ in range(3):
        got = int_of(interp.call(fns["deep"].word, core.UNDEFINED_WORD, [core.num_word(40)]))
        assert got == sum(k + 1 for k in range(1, 41)) + 2
        got = int_of(interp.call(fns["wide"].word, core.UNDEFINED_WORD, [core.num_word(3)]))
        assert got == sum(3 + k for k in range(wide))
    assert 0 < len(interp._views[1]) <= 8


# One block (no jump between) holds a read before the try and one inside it: each throw
# must be dispatched from its own instruction (the first is not the try's to catch).
PROGRAM = """\
function f(o, p) {
  let r = o.a.b;
  try {
    r = r + p.a.b;
  } catch (e) {
    return "in " + (e instanceof TypeError);
  }
  return r;
}
let s = 0;
for (let i = 0; i < 3000; i++) s += f({ a: { b: i } }, { a: { b: 1 } });
console.log(s);
console.log(f({ a: { b: 1 } }, {}));
try {
  f({}, { a: { b: 1 } });
} catch (e) {
  console.log("out " + (e instanceof TypeError));
}
f({}, {});
"""


def test_a_throw_before_a_try_in_the_same_block_is_not_caught_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import interp

    src = tmp_path / "views.js"
    src.write_text(PROGRAM)
    want = "4501500\nin true\nout true\n"
    monkeypatch.setattr(interp, "_BLOCK_HOT", 3)
    proc = run_heap(src, semispace=1 << 20, stress=True, poison=True)
    assert proc.stdout == want, proc.stderr
    assert f"({src}:2:" in proc.stderr
    r = subprocess.run([sys.executable, "-m", "a64js", "--vm", "heap", "--no-jit", str(src)],
                       capture_output=True, text=True, timeout=300)
    assert (r.stdout, r.returncode) == (want, 1), r.stderr
    assert "TypeError: Cannot read properties of undefined (reading 'b')" in r.stderr
    assert f"at f ({src}:2:" in r.stderr
