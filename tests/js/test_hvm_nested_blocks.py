"""The heap VM's blocks past their nested forward jumps and its in-line calls
(hvm.interp, "blocks"): a block runs on through the targets of its own short-circuit
and ``if`` jumps (taken by skipping ahead under ``if not _t:``), and calls the last
callee of a Call site (bytecode or built-in) without the handler. Hot code with every
shape of these gives node's output; a throw from inside a skipped-over region finds
its handler."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.js.hvmrun import closure_code, heap_module

# Hot (each function entered thousands of times: its blocks compiled) short circuits,
# if/else, early returns inside regions, calls of functions, arrows and built-ins
# from inside regions, a throw from a region caught in the same block, a throw from a
# callee caught by the caller; int32 adds, subtractions and AddK past int32 both ways;
# node v20 printed these four lines.
PROGRAM = """\
function classify(a, b, c) {
  let r = 0;
  if (a > 0 && (b < 10 || c === 3)) r += 1;
  if (!(a & 1) || b > 5 && c !== 0) r += 2; else r -= 1;
  const t = a < b ? (b < c ? 4 : 8) : 16;
  if (a === b) return r * 100 + t;
  if (c > 7 && a > 2) { r += t; if (b === 9) return -r; }
  return r * 10 + t;
}
function pick(xs, i) {
  if (i < 0 || i >= xs.length || xs[i] === undefined) return -1;
  return xs[i] > 3 ? xs[i] * 2 : xs[i];
}
const sq = (x) => x * x;
function mix(n, o) {
  let s = 0;
  if (n > 5 && o.k) s = sq(n) + Math.max(n, 7); else s = o.f(n) + 1;
  if (n % 3 === 0 || n % 5 === 0) {
    try {
      if (n % 15 === 0 && o.bad) o.bad.boom(n);
      s += 3;
    } catch (e) {
      s += e instanceof TypeError ? 1000 : 2000;
    }
  }
  return s;
}
let total = 0;
const xs = [1, 5, undefined, 7, 2];
for (let i = 0; i < 3000; i++) {
  total += classify(i % 11 - 3, i % 13, i % 9);
  total += pick(xs, i % 8 - 1);
  total += mix(i % 20, i % 4 ? { k: 1, f: sq } : { f: (v) => v - 1, bad: i % 8 === 0 ? {} : null });
  total %= 1000000007;
}
console.log(total);
function thrower(v) {
  if (v > 2 && v < 1000000) throw new RangeError("v " + v);
  return v;
}
let caught = 0;
for (let i = 0; i < 1500; i++) {
  try {
    if (i % 2 === 0 || i % 7 === 1) caught += thrower(i % 5);
  } catch (e) {
    caught += e.message.length;
  }
}
console.log(caught);
function deep(n) { return n === 0 ? 0 : 1 + deep(n - 1); }
let d = 0;
for (let i = 0; i < 600; i++) d += deep(i % 30);
console.log(d);
function ov(a, b) {
  const s = a + b, d = a - b, k = a + 1000, m = b - 7;
  return (s + d * 3 + k - m) % 1000003;
}
let acc = 0;
for (let i = 0; i < 3000; i++) {
  const a = 2147483000 + i, b = -2147483000 - i * 3;
  acc = (acc + ov(a, b) + ov(b, a) + ov(i, -i) + ov(a, a)) % 1000000007;
}
console.log(acc);
"""
NODE_OUTPUT = "530823\n1543\n8700\n898428986\n"


def _extent_at(info: Any, s: int) -> tuple[list[bool], int, dict[int, int]]:
    """The partition's starts of ``info``'s code and the extent (end, nested jumps) of
    the block starting at ``s``, from a decoder's templates as decode made them."""
    from a64js.bytecode import OPCODES, SIG
    from a64js.hvm import interp

    insns = info.code.insns
    starts = interp._block_starts(info.code)
    incoming: dict[int, list[int]] = {}
    for q, ins in enumerate(insns):
        if "l" in SIG[ins[0]]:
            incoming.setdefault(ins[1 + SIG[ins[0]].index("l")], []).append(q)
    d = interp.Decoder(info)
    for pc, ins in enumerate(insns):
        d.pc = pc
        interp.FACTORIES[OPCODES[ins[0]][0]](d, *ins[1:])
    end, nested = interp._extent(d, s, starts, incoming, set())
    return starts, end, nested


def test_hot_nested_jumps_and_inline_calls_give_nodes_output(tmp_path: Path) -> None:
    src = tmp_path / "nest.js"
    src.write_text(PROGRAM)
    r = subprocess.run([sys.executable, "-m", "a64js", "--vm", "heap", "--no-jit", str(src)],
                       capture_output=True, text=True, timeout=300)
    assert (r.returncode, r.stdout) == (0, NODE_OUTPUT), r.stderr


def test_a_block_runs_on_through_its_nested_targets() -> None:
    from a64js.hvm import core, interp
    from a64js.hvm.core import UNDEFINED_WORD, int_of

    f = heap_module(
        "function f(a, b) { let r = 0; if (a > 2 && (b < 5 || a === 7)) r = 1; else r = 2;"
        " if (b & 1) r += 10; return r + (a < b ? 100 : 200); }\nexports.f = f;", ["f"])["f"]
    finfo = core.code_info(closure_code(f.word))

    def want(a: int, b: int) -> int:
        r = 1 if a > 2 and (b < 5 or a == 7) else 2
        if b & 1:
            r += 10
        return r + (100 if a < b else 200)

    for n in range(2000):  # hot: the blocks compiled after 500 entries
        a, b = n % 11, n % 7
        got = int_of(interp.call(f.word, UNDEFINED_WORD, [core.num_word(a),
                                                          core.num_word(b)]))
        assert got == want(a, b), (a, b)
    assert finfo.ops is not None
    insns = finfo.code.insns
    starts, end, nested = _extent_at(finfo, 0)
    # the short circuit's targets (the partition's block starts) are inside the first
    # block, which the if/else's join (reached by a Jump) ends
    assert len(nested) >= 2 and all(q < t < end for q, t in nested.items())
    assert any(starts[t] for t in range(1, end))
    assert end < len(insns) and starts[end]
    b0 = finfo.run[0]
    assert getattr(b0, "__name__", "") == "B0"


def test_a_short_block_runs_on_through_a_join() -> None:
    """The `i++` after an `if` (a join the `if`'s jump reaches too) is one instruction
    before the loop's test (another join): its block runs on through the test and past
    the loop, as the join's own blocks do; hot, with a loop entered from such a block."""
    from a64js.bytecode import OPCODES
    from a64js.hvm import core, interp
    from a64js.hvm.core import UNDEFINED_WORD, int_of

    mod = heap_module(
        "function sieve(n) {\n"
        "  const marks = new Array(n + 1).fill(false);\n"
        "  let count = 0, sum = 0;\n"
        "  for (let i = 2; i <= n; i++) {\n"
        "    if (!marks[i]) {\n"
        "      count++; sum += i;\n"
        "      for (let j = i * i; j <= n; j += i) marks[j] = true;\n"
        "    }\n"
        "  }\n"
        "  return count * 100000 + sum;\n"
        "}\n"
        "function g(n) { let s = 0; if (n & 1) s = 1; while (s < n) s += 3; return s * 2; }\n"
        "exports.sieve = sieve; exports.g = g;", ["sieve", "g"])

    def primes(n: int) -> int:
        marks = [False] * (n + 1)
        ps = [i for i in range(2, n + 1) if not marks[i]
              and not any(marks.__setitem__(j, True) for j in range(i * i, n + 1, i))]
        return len(ps) * 100000 + sum(ps)

    def g(n: int) -> int:
        s = n & 1
        while s < n:
            s += 3
        return s * 2

    for n in (3000, 1, 2, 97, 2000):
        got = int_of(interp.call(mod["sieve"].word, UNDEFINED_WORD, [core.num_word(n)]))
        assert got == primes(n), n
    for n in range(1500):
        got = int_of(interp.call(mod["g"].word, UNDEFINED_WORD, [core.num_word(n % 40)]))
        assert got == g(n % 40), n
    info = core.code_info(closure_code(mod["sieve"].word))
    names = [OPCODES[ins[0]][0] for ins in info.code.insns]
    starts = interp._block_starts(info.code)
    # the outer loop's `i++`: an Inc right before a conditional jump back, both starts
    inc = next(q for q, nm in enumerate(names) if nm == "Inc" and starts[q]
               and starts[q + 1] and names[q + 1].startswith("JumpIf"))
    _starts, end, _nested = _extent_at(info, inc)
    assert end > inc + 2 and names[end - 1] == "Return"
    assert callable(info.run[inc]) and getattr(info.run[inc], "__name__", "") == f"B{inc}"
