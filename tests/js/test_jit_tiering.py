"""The JIT's tier-up budget (``a64js.jit.runtime.Jit.hot``): per function, interpreted
calls count one each and loop iterations their loop's share of the function's bytecodes;
the function is compiled once the count passes the threshold (at a back-edge: entered
there, on-stack replacement). Each program's output is checked against values computed
here; the counters say what was compiled and how it was entered."""

from __future__ import annotations

from pathlib import Path

from a64js.bytecode import Code
from a64js.compiler import compile_module
from a64js.jit.runtime import loop_lengths
from tests.js.jitrun import run_jit, write_program


def _function(module: Code, name: str) -> Code:
    """The code of the function called ``name`` in a compiled module."""
    todo = [module]
    while todo:
        code = todo.pop()
        if code.name == name:
            return code
        todo += [c for c in code.consts if isinstance(c, Code)]
    raise AssertionError(f"no function {name}")


def test_loop_lengths() -> None:
    # 0 LoadK, 1 LoadK, 2 Jump @5, 3 Add, 4 Inc, 5 JumpIfLt @3, 6.. the console.log call
    code = compile_module("let s = 0;\nfor (let i = 0; i < 5; i++) { s += i; }\n"
                          "console.log(s);", "m.js")
    assert loop_lengths(code) == {3: 3}
    nested = compile_module("let s = 0;\nfor (let i = 0; i < 5; i++) {\n"
                            "  for (let j = 0; j < i; j++) s += j;\n  s += i;\n}\n", "m.js")
    lens = loop_lengths(nested)
    assert len(lens) == 2
    outer, inner = min(lens), max(lens)  # the outer loop's body starts first
    assert lens[outer] > lens[inner] >= 3
    assert lens[outer] <= len(nested.insns)


#: a top level of ~170 bytecodes whose only loop is short (4 bytecodes an iteration)
BIG = "let s = 0;\n" + "".join(f"let v{i} = s + {i};\ns = s + v{i} * 2;\n"
                               for i in range(24))


def _big_program(iterations: int) -> tuple[str, int]:
    s = 0
    for i in range(24):
        v = s + i
        s = s + v * 2
    top = s
    s += sum(range(iterations))
    src = BIG + f"for (let i = 0; i < {iterations}; i++) {{ s += i; }}\nconsole.log(s);\n"
    assert top < 2 ** 53 and s < 2 ** 53  # exact as doubles
    return src, s


def test_a_short_loop_in_big_run_once_code_stays_interpreted(tmp_path: Path) -> None:
    src, want = _big_program(40)
    code = compile_module(src, "t.js")
    (length,) = loop_lengths(code).values()
    # 40 back-edges (more than the threshold) of a loop far smaller than the code
    assert 40 * length <= 10 * len(code.insns)
    proc, jit = run_jit(write_program(tmp_path, src), threshold=10)
    assert (proc.stdout, proc.returncode) == (f"{want}\n", 0), proc.stderr
    assert jit.stats.compiled == 0 and jit.stats.osr_entries == 0


def test_a_long_loop_in_big_run_once_code_is_entered_compiled(tmp_path: Path) -> None:
    src, want = _big_program(3000)
    code = compile_module(src, "t.js")
    (length,) = loop_lengths(code).values()
    assert 3000 * length > 10 * len(code.insns)
    proc, jit = run_jit(write_program(tmp_path, src), threshold=10)
    assert (proc.stdout, proc.returncode) == (f"{want}\n", 0), proc.stderr
    assert jit.stats.compiled == 1 and jit.stats.osr_entries == 1
    # the 0 threshold still compiles at the first back-edge (no call but the module's)
    proc, jit = run_jit(write_program(tmp_path, src), threshold=0)
    assert proc.stdout == f"{want}\n" and jit.stats.compiled == 1


CALLS = """
function f(a) { return a * 3 + 1; }
let s = 0;
for (const a of [%s]) s = s + f(a);
console.log(s);
"""


def test_each_call_counts_one(tmp_path: Path) -> None:
    for calls, compiled in ((10, False), (11, True)):
        args = list(range(calls))
        src = CALLS % ", ".join(map(str, args))
        proc, jit = run_jit(write_program(tmp_path, src), threshold=10)
        assert proc.stdout == f"{sum(3 * a + 1 for a in args)}\n", proc.stderr
        # the module's loop runs ``calls`` times: far below its size times 10
        assert jit.stats.compiled == int(compiled)
        assert jit.stats.entries == int(compiled)  # the 11th call runs compiled


MIXED = """
function f(k) {
  let s = 0;
  for (let i = 0; i < k; i++) { s = s + i * 3; s = s - (i & 1); s = s + 7; }
  return s;
}
let t = 0;
for (let n = 0; n < %d; n++) t = t + f(2);
console.log(t);
"""


def test_calls_and_loop_iterations_share_one_budget(tmp_path: Path) -> None:
    f = _function(compile_module(MIXED % 1, "t.js"), "f")
    (length,) = loop_lengths(f).values()
    n = len(f.insns)
    calls = 5  # each with two iterations: 10 back-edges, 5 calls
    assert calls <= 10 and 2 * calls <= 10  # neither count alone passes 10
    assert calls * n + 2 * calls * length > 10 * n  # together they do
    proc, jit = run_jit(write_program(tmp_path, MIXED % calls), threshold=10)
    per_call = (0 * 3 - 0 + 7) + (1 * 3 - 1 + 7)
    assert proc.stdout == f"{calls * per_call}\n", proc.stderr
    assert jit.stats.compiled == 1
    # four calls with two iterations each stay below: 4n + 8 length <= 10n
    assert 4 * n + 8 * length <= 10 * n
    proc, jit = run_jit(write_program(tmp_path, MIXED % 4), threshold=10)
    assert proc.stdout == f"{4 * per_call}\n" and jit.stats.compiled == 0
