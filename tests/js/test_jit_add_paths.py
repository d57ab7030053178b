"""Inc, Dec and AddK on every kind of operand: an int32 (and its overflow), a double, a
string, null, undefined, a boolean, NaN, an infinity. Their two guards (not int32,
overflow) share one out-of-line double path per instruction (t_num.slow_paths); node's
output at threshold 0, under stress, and the path taken without a slow-path step."""

from __future__ import annotations

from pathlib import Path

from tests.js.jitrun import run_jit, run_matching, run_stressed, write_program

SRC = """\
function f(x) { let y = x; y++; let z = x; z--; return [y, z, x + 5, x - 7]; }
const xs = [1, 2147483647, -2147483648, 1.5, -0.5, "7", null, undefined, true,
            2147483642, NaN, Infinity];
for (let r = 0; r < 3; r++) for (const x of xs) console.log(String(f(x)));
let s = 0; for (let i = 2147483600; i < 2147483700; i++) s += i % 3; console.log(s);
"""
ROUND = """\
2,0,6,-6
2147483648,2147483646,2147483652,2147483640
-2147483647,-2147483649,-2147483643,-2147483655
2.5,0.5,6.5,-5.5
0.5,-1.5,4.5,-7.5
8,6,75,0
1,-1,5,-7
NaN,NaN,NaN,NaN
2,0,6,-6
2147483643,2147483641,2147483647,2147483635
NaN,NaN,NaN,NaN
Infinity,Infinity,Infinity,Infinity
"""
WANT = ROUND * 3 + "101\n"


def test_add_paths_match_node(tmp_path: Path) -> None:
    run_matching(write_program(tmp_path, SRC), WANT)


def test_add_paths_under_stress(tmp_path: Path) -> None:
    path = write_program(tmp_path, SRC)
    for stress in ("all", 4):
        run_stressed(path, WANT, stress)


def test_doubles_and_overflow_stay_in_machine_code(tmp_path: Path) -> None:
    """Only the non-numbers ("7", null, undefined, true) step in the interpreter:
    4 of the 12 operands, 3 rounds, Inc, Dec and the two AddK."""
    proc, jit = run_jit(write_program(tmp_path, SRC), threshold=0)
    assert proc.stdout == WANT
    ops = jit.stats.step_ops
    assert (ops["Inc"], ops["Dec"], ops["AddK"]) == (12, 12, 24)
