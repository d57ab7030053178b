"""The heap VM's blocks (hvm.interp, "blocks"): hot straight-line code runs as one
generated function; an exception raised in the middle of one is dispatched from the
instruction that raised it (the handler of its try, the line in the message)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.js.hvmrun import closure_code, heap_module

# A try in the middle of a function that is hot (its blocks compiled after 500
# entries), then a throw from inside the try and one from the middle of another hot
# block; node prints the same three lines and the same place (line 18).
PROGRAM = """\
function f(o, k) {
  let a = k + 1;
  let b = a * 2;
  try {
    b = b + o.p.q;
  } catch (e) {
    return "caught " + (e instanceof TypeError);
  }
  return b;
}
let s = 0;
for (let i = 0; i < 2000; i++) s += f({ p: { q: i } }, i);
console.log(s);
console.log(f({}, 1));
function g(o, k) {
  let a = k + 1;
  let b = a * 2;
  return b + o.p.q;
}
for (let i = 0; i < 2000; i++) s += g({ p: { q: i } }, i);
console.log(s);
g({}, 1);
"""


def test_a_throw_inside_a_compiled_block_finds_its_handler_and_line(tmp_path: Path) -> None:
    src = tmp_path / "blocks.js"
    src.write_text(PROGRAM)
    r = subprocess.run([sys.executable, "-m", "a64js", "--vm", "heap", "--no-jit", str(src)],
                       capture_output=True, text=True, timeout=300)
    assert r.stdout == "6001000\ncaught true\n12002000\n", r.stderr
    assert r.returncode == 1
    assert "TypeError: Cannot read properties of undefined (reading 'q')" in r.stderr
    assert f"at g ({src}:18:" in r.stderr


def test_blocks_are_compiled_when_hot_and_run_the_same() -> None:
    from a64js.hvm import core, interp
    from a64js.hvm.core import UNDEFINED_WORD, int_of

    h = heap_module(
        "function h(n) { let s = 0; for (let i = 0; i < n; i++) { s = s + i * 3;"
        " if (s > 1000000) s = s - 1000000; } return s; }\nexports.h = h;", ["h"])["h"]
    hinfo = core.code_info(closure_code(h.word))
    small = int_of(interp.call(h.word, UNDEFINED_WORD, [core.num_word(10)]))
    assert small == sum(3 * i for i in range(10))
    assert hinfo.ops is not None
    assert not any(getattr(f, "__name__", "").startswith("B") for f in hinfo.run)
    want = 0
    for i in range(3000):
        want += 3 * i
        if want > 1000000:
            want -= 1000000
    assert int_of(interp.call(h.word, UNDEFINED_WORD, [core.num_word(3000)])) == want
    assert any(getattr(f, "__name__", "").startswith("B") for f in hinfo.run)
