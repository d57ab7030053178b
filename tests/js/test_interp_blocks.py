"""The Python VM's blocks: hot straight-line code compiled into one generated function.

tests/js/programs/feat_hot_blocks.js and err_uncaught_hot.js check them against node at
the default threshold (as every program in test_programs.py does); here every feature
program runs with blocks compiled at their second entry (so that each template meets the
values of many programs), and the switches and the pc of an exception are checked.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from a64js import interp
from a64js.cli import RECURSION_LIMIT, THREAD_STACK
from a64js.values import JSThrow
from a64js.vm import VM
from tests.js import jsprograms

FEATURES = [p for p in jsprograms.programs()
            if p.stem.startswith("feat_") and jsprograms.directive(p) is None
            and not jsprograms.extra_flags(p) and jsprograms.read_expected(p).exit == 0]


@pytest.fixture
def hot() -> Iterator[type[interp.Blocks]]:
    saved = interp.Blocks.hot, interp.Blocks.enabled
    interp.Blocks.hot = 1
    interp.Blocks.enabled = True
    try:
        yield interp.Blocks
    finally:
        interp.Blocks.hot, interp.Blocks.enabled = saved


def run_path(path: Path) -> tuple[str, BaseException | None]:
    """Run ``path`` on the Python VM as the CLI does (its stack and recursion limit)."""
    out = io.StringIO()
    err: list[BaseException | None] = [None]

    def target() -> None:
        try:
            VM(["node", str(path)], out).load(str(path))
        except BaseException as e:  # reported to the test
            err[0] = e

    old_limit = sys.getrecursionlimit()
    old_stack = threading.stack_size(THREAD_STACK)
    try:
        sys.setrecursionlimit(RECURSION_LIMIT)
        t = threading.Thread(target=target)
        t.start()
        t.join()
    finally:
        threading.stack_size(old_stack)
        sys.setrecursionlimit(old_limit)
    return out.getvalue(), err[0]


def run_js(src: str, tmp_path: Path) -> tuple[str, BaseException | None]:
    p = tmp_path / "t.js"
    p.write_text(src)
    return run_path(p)


@pytest.mark.parametrize("path", FEATURES, ids=[p.stem for p in FEATURES])
def test_feature_programs_with_every_block_compiled(path: Path, hot: type[interp.Blocks]
                                                    ) -> None:
    before = hot.compiled
    out, err = run_path(path)
    assert err is None, f"{path.name}: {err!r}"
    assert out == jsprograms.read_expected(path).stdout
    assert hot.compiled > before


LOOP = """
let s = 0, t = "";
for (let i = 0; i < 300; i++) { s += i * 2; t += i % 10; }
console.log(s, t.length);
"""


def test_blocks_compile_only_when_hot_and_enabled(tmp_path: Path) -> None:
    saved = interp.Blocks.hot, interp.Blocks.enabled
    try:
        interp.Blocks.enabled = True
        interp.Blocks.hot = 1000  # the loop's blocks are entered 300 times: none compiled
        before = interp.Blocks.compiled
        assert run_js(LOOP, tmp_path) == ("89700 300\n", None)
        assert interp.Blocks.compiled == before
        interp.Blocks.hot = 100
        assert run_js(LOOP, tmp_path) == ("89700 300\n", None)
        assert interp.Blocks.compiled > before
        interp.Blocks.enabled = False
        before = interp.Blocks.compiled
        assert run_js(LOOP, tmp_path) == ("89700 300\n", None)
        assert interp.Blocks.compiled == before
    finally:
        interp.Blocks.hot, interp.Blocks.enabled = saved


THROWS = """
function f(o, i) {
  const a = i + 1;
  const b = a * 2;
  const c = o[i % 2];
  return b + c.k;
}
const o = [{ k: 1 }, { k: 2 }];
let s = 0;
for (let i = 0; i < 50; i++) {
  if (i === 40) o[1] = undefined;
  s += f(o, i);
}
"""


def test_an_exception_names_its_instruction_in_a_block(tmp_path: Path,
                                                       hot: type[interp.Blocks]) -> None:
    out, err = run_js(THROWS, tmp_path)
    assert out == ""
    assert isinstance(err, JSThrow)
    code, pc = err.where  # type: ignore[attr-defined]
    assert code.name == "f"
    assert code.lines[pc][0] == 6  # the property read, not the block's first line (3)


def test_a_loop_body_block_follows_its_jumps_back_to_its_start() -> None:
    from a64js.bytecode import OP
    from a64js.compiler import compile_module

    code = compile_module(
        "let s = 0;\nfor (let i = 0; i < 9; i++) { if (i === 4) continue; s += i; }\n",
        "t.js")
    insns = interp._thread_jumps(code.insns)
    back = [(pc, ins[-1]) for pc, ins in enumerate(insns)
            if ins[0] == OP["JumpIfLt"] and ins[-1] < pc]
    assert len(back) == 1
    head = back[0][1]
    path, _to = interp._block_path(insns, head, interp._leaders(code, insns))
    # the body, the update and the test whose jump back to the block's start goes around
    # the block's loop: no dispatch per iteration
    assert back[0][0] in path
    assert all(insns[pc][0] != OP["Jump"] for pc in path)
    # and it runs: 0+1+2+3+5+6+7+8
    saved = interp.Blocks.hot
    interp.Blocks.hot = 1
    try:
        out = io.StringIO()
        src = "let s = 0;\nfor (let i = 0; i < 9; i++) { if (i === 4) continue; s += i; }\n" \
              "console.log(s);\n"
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "t.js"
            p.write_text(src)
            VM(["node", str(p)], out).load(str(p))
        assert out.getvalue() == "32\n"
    finally:
        interp.Blocks.hot = saved
