"""``===`` and ``!==`` against a constant in line (jit/t_ops.py ``_strict_const``) and
of two values (``_strict_words``), ``!`` of the booleans, and
direct calls with more arguments than the callee has parameters through the counted call
subroutines (jit/t_calls.py ``_emit_call_argc``): programs/feat_jit_strict_const.js,
feat_jit_strict_words.js and feat_jit_extra_args.js (node's output) run in
test_jit_programs at threshold 0, at the
default threshold and with bailouts forced; here the emulated blocks they take are
counted (each conditional branch ends a block; the strict-equality subroutine's ``ret``
returns to a different site each time, which Unicorn pays ~10 blocks for)."""

from __future__ import annotations

from pathlib import Path

from tests.js.jitrun import blocks_per_iteration

CONSTS = r'''const ops = ["+", "-", "*", "<=", "let", null, 0, 7];
function kind(x) {
  if (x === "+") return 1;
  if (x === "-") return 2;
  if (x === "*") return 3;
  if (x === "<=") return 4;
  if (x === "let") return 5;
  if (x === null) return 6;
  if (x === 0) return 7;
  return 8;
}
let s = 0;
for (let i = 0; i < 2000; i++) s += kind(ops[i & 7]);
console.log(s);
'''


def test_blocks_per_constant_compare(tmp_path: Path) -> None:
    """A loop calling a function that compares its argument with string, null and int32
    constants in turn (4.5 compares a call on average): 54.6 emulated blocks an
    iteration through the strict-equality subroutine, 22.6 in line."""
    per = blocks_per_iteration(tmp_path, CONSTS, lambda n: f"{n // 8 * 36}\n")
    assert per <= 30, per


EXTRA = r'''class Num { constructor(v) { this.v = v; } eval() { return this.v; } }
class Neg { constructor(v) { this.v = v; } eval(env) { return -this.v; } }
const nodes = [new Num(1), new Neg(2)];
let s = 0;
for (let i = 0; i < 2000; i++) s += nodes[i & 1].eval(i);
console.log(s);
'''


def test_blocks_per_call_with_an_extra_argument(tmp_path: Path) -> None:
    """A method of no parameters called with one argument (minilang's ``eval()`` of a
    ``Num`` called with ``env``) through the counted subroutine, where it took the
    general one from the site's out-of-line path: 41.5 emulated blocks an iteration of
    the loop (calls of both methods) before, 33.5 after."""
    per = blocks_per_iteration(tmp_path, EXTRA, lambda n: f"{-n // 2}\n")
    assert per <= 37, per


WORDS = r'''const a = { k: 1 }, b = { k: 2 };
const names = ["x", "fib", "n", "x".concat(""), "fi" + "b"];
function same(p, q) { return p === q; }
let s = 0;
for (let i = 0; i < 2000; i++) {
  if (same(a, i & 1 ? a : b)) s += 1;
  if (same(names[i % 5], names[(i + 3) % 5])) s += 2;
  if (!same(i, i & 3)) s += 4;
}
console.log(s);
'''


def test_blocks_per_compare_of_two_values(tmp_path: Path) -> None:
    """``===`` of two values that are not constants (t_ops._strict_words): objects by
    identity, strings of a few units by their unit word, int32 by their words, and
    ``!`` of the booleans, in line where each took the strict-equality subroutine and
    the truthiness one: 82.9 emulated blocks an iteration before, 68.4 after."""
    def want(n: int) -> str:
        s = 0
        names = ["x", "fib", "n", "x", "fib"]
        for i in range(n):
            s += 1 if i & 1 else 0
            s += 2 if names[i % 5] == names[(i + 3) % 5] else 0
            s += 4 if i != i & 3 else 0
        return f"{s}\n"
    per = blocks_per_iteration(tmp_path, WORDS, want)
    assert per <= 75, per
