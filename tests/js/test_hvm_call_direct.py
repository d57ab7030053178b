"""``hvm.interp.call`` of a bytecode function that never reads its arguments object (a
built-in's callback, a getter) builds the frame itself (``_call_direct``: arguments past
its parameters dropped, missing ones undefined), as Call's fast path does; other calls
go through ``invoke``. Both give node's results."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.js.hvmrun import heap_module, run_heap

# callbacks of sort, map, forEach and reduce: arrows (this from where they were made),
# plain functions, too few and too many arguments, throws caught inside the callback and
# outside it, arguments read (the generic path), and collections inside the callbacks
PROGRAM = """\
class Box {
  constructor(k) { this.k = k; }
  sorted(xs) { return xs.slice().sort((a, b) => (a - b) * this.k); }
}
const big = [];
for (let i = 0; i < 300; i++) big.push((i * 7919) % 301);
console.log(new Box(1).sorted(big).slice(0, 5).join(","), new Box(-1).sorted(big)[0]);
function twice(x) { return [x, x * 2]; }
console.log(big.map(twice).length, big.map((x, i) => x + i).slice(0, 3).join(","));
let s = 0;
big.forEach(function (x) { s += x; });
console.log(s, big.reduce((a, x) => a + x, 0));
function one(x, y) { return y === undefined ? "u" : "d"; }
console.log([1, 2].map(one).join(""));
function many() { return arguments.length; }
console.log([7].map(many).join(""));
let caught = 0;
for (let i = 0; i < 50; i++) {
  big.forEach((x) => { try { if (x === i) throw new Error("e" + x); } catch (e) { caught++; } });
}
console.log("caught", caught);
try {
  big.forEach((x) => { if (x === 150) throw new TypeError("out " + x); });
} catch (e) {
  console.log(e instanceof TypeError, e.message);
}
const words = big.map((x) => "w" + x);
console.log(words.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, 3).join(","));
"""
PROGRAM_OUT = (  # node's output (test_program_output_is_nodes)
    "0,1,2,3,4 300\n"
    "300 0,94,188\n"
    "44942 44942\n"
    "dd\n"
    "3\n"
    "caught 50\n"
    "true out 150\n"
    "w0,w1,w10\n")


def test_program_output_is_nodes(tmp_path: Path, node: str) -> None:
    path = tmp_path / "callbacks.js"
    path.write_text(PROGRAM, encoding="utf-8")
    proc = subprocess.run([node, str(path)], capture_output=True, text=True, timeout=300,
                          check=False)
    assert (proc.stdout, proc.returncode) == (PROGRAM_OUT, 0), proc.stderr


def test_callbacks_give_nodes_results_under_gc_stress(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import interp

    monkeypatch.setattr(interp, "_BLOCK_HOT", 3)
    path = tmp_path / "callbacks.js"
    path.write_text(PROGRAM, encoding="utf-8")
    proc = run_heap(path, semispace=1 << 20, stress=True, poison=True)
    assert proc.stdout == PROGRAM_OUT, proc.stderr
    assert proc.returncode == 0, proc.stderr


def test_call_builds_the_frame_of_a_function_that_reads_no_arguments_object(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import core, interp
    from a64js.hvm.core import int_of

    fns = heap_module("function f(a, b) { return a * 10 + (b === undefined ? 7 : b); }\n"
                      "function g(a) { return arguments.length * 100 + a; }\n"
                      "exports.f = f; exports.g = g;", ["f", "g"])
    direct: list[int] = []
    real = interp._call_direct

    def spy(info: core.CodeInfo, fn: int, this: int, args: list[int]) -> int:
        direct.append(len(args))
        return real(info, fn, this, args)

    monkeypatch.setattr(interp, "_call_direct", spy)
    f = fns["f"].word
    w = core.num_word
    # the first call goes through invoke (which makes the frame template)
    assert int_of(interp.call(f, core.UNDEFINED_WORD, [w(1), w(2)])) == 12
    assert direct == []
    assert int_of(interp.call(f, core.UNDEFINED_WORD, [w(1), w(2)])) == 12
    assert int_of(interp.call(f, core.UNDEFINED_WORD, [w(3)])) == 37
    assert int_of(interp.call(f, core.UNDEFINED_WORD, [w(4), w(5), w(6)])) == 45
    for _ in range(2):
        assert int_of(interp.call(fns["g"].word, core.UNDEFINED_WORD, [w(4), w(5)])) == 204
    assert direct == [2, 1, 3]
