"""The baseline JIT on the heap VM: templates, the generic step path, guards, bailouts,
tier-up thresholds and on-stack replacement (in this process, on the default backend)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from a64js.jit import Jit
from a64js.jit import runtime as jit_runtime
from tests.benchmod import load_benchmark
from tests.js.jitrun import run_jit

ARITH = """
function add(a, b) { return a + b; }
function sub(a, b) { return a - b; }
function mul(a, b) { return a * b; }
function cmp(a, b) { return [a < b, a <= b, a > b, a >= b, a === b, a !== b]; }
function count(n) {
  let s = 0;
  for (let i = 0; i < n; i++) { if (i % 3 === 0) continue; s += i; }
  return s;
}
function truthy(x) { if (x) return 1; return 0; }
const M = 2147483647;
console.log(add(1, 2), add(M, 1), add(-M, -2), add(1.5, 2), add("a", 1), add(1, "b"));
console.log(sub(5, 7), sub(-M, 2), sub(0.5, 1), sub(0, 0), sub(-0, 0));
console.log(mul(6, 7), mul(M, 2), mul(0, -1), mul(-4, 0), mul(65536, 65536), mul(-3, 5));
console.log(cmp(1, 2).join(), cmp(2, 2).join(), cmp(3, 2).join(),
            cmp(1.5, 2).join(), cmp("a", "b").join());
console.log(count(100), count(7));
console.log(truthy(0), truthy(5), truthy(true), truthy(false), truthy(""), truthy("x"),
            truthy(null), truthy(-0.0), truthy(NaN), truthy({}));
let x = M; x++; let y = -M - 1; y--;
console.log(x, y);
function thrower(v) { if (v > 3) throw new RangeError("big " + v); return v * 2; }
function catcher(v) {
  try { return thrower(v); } catch (e) { return e.message; } finally { count(1); }
}
console.log(catcher(2), catcher(9));
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
console.log(fib(12));
"""
# node's output of ARITH
ARITH_OUT = """3 2147483648 -2147483649 3.5 a1 1b
-2 -2147483649 -0.5 0 -0
42 4294967294 -0 -0 4294967296 -15
true,true,false,false,false,true false,true,false,true,true,false \
false,false,true,true,false,true true,true,false,false,false,true \
true,true,false,false,false,true
3267 12
0 1 1 0 0 1 0 0 0 1
2147483648 -2147483649
4 big 9
144
"""


def _write(tmp_path: Path, src: str, name: str = "t.js") -> Path:
    p = tmp_path / name
    p.write_text(src, encoding="utf-8")
    return p


def test_templates_and_slow_paths_match_node(tmp_path: Path) -> None:
    proc, jit = run_jit(_write(tmp_path, ARITH), threshold=0)
    assert proc.stderr == "" and proc.returncode == 0
    assert proc.stdout == ARITH_OUT
    st = jit.stats
    assert st.compiled >= 9          # the module, its 8 functions, the catch path's callee
    assert 0 < st.templated < st.bytecodes
    # fib(12) alone is 465 calls: compiled code calls compiled code directly
    assert st.entries + st.direct_calls > 465 and st.direct_calls > 400
    # doubles and int32 overflows of + - * and ++/-- are done in code (jit/t_num.py), so
    # is + of a string and an int32; no guard fails
    assert not st.guard_failures["not int32"] and not st.guard_failures["int32 overflow"]
    assert st.step_ops["Add"] == 0 and st.step_ops["Mul"] == 0
    assert not st.bailouts


@pytest.mark.parametrize("stress", ["all", 1, 2])
def test_stress_bailouts_match_node(tmp_path: Path, stress: str | int) -> None:
    proc, jit = run_jit(_write(tmp_path, ARITH), threshold=0, bailouts=stress)
    assert proc.stderr == "" and proc.returncode == 0
    assert proc.stdout == ARITH_OUT
    st = jit.stats
    assert st.bailouts["stress"] > 0
    assert st.bailouts["stress"] == st.guard_failures["stress"]


def test_random_stress_differs_by_seed(tmp_path: Path) -> None:
    counts = {s: run_jit(_write(tmp_path, ARITH), 0, s)[1].stats.bailouts["stress"]
              for s in (1, 2, "all")}
    assert counts["all"] > counts[1] and counts["all"] > counts[2]


LOOP = """
function f(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i * 7) | 0; return s; }
function g(n) { let t = 0; for (let i = 0; i < n; i++) t = t + (i & 255); return t; }
console.log(f(3), f(4), f(5), f(1000), g(300));
"""
LOOP_OUT = "21 42 70 3496500 33586\n"


def test_threshold_delays_compilation(tmp_path: Path) -> None:
    path = _write(tmp_path, LOOP)
    proc, jit = run_jit(path, threshold=3)
    assert proc.stdout == LOOP_OUT
    # f was called 4 times: compiled at its 4th call (or by its loop's back-edges)
    assert jit.stats.compiled >= 1
    proc, jit = run_jit(path, threshold=10_000)
    assert proc.stdout == LOOP_OUT and jit.stats.compiled == 0


def test_on_stack_replacement_enters_a_running_loop(tmp_path: Path) -> None:
    proc, jit = run_jit(_write(tmp_path, LOOP), threshold=50)
    assert proc.stdout == LOOP_OUT
    # g(300)'s loop and f(1000)'s loop go compiled mid-way
    assert jit.stats.osr_entries >= 2
    assert jit.stats.entries == 0  # no function was called 50 times


def test_too_many_guard_failures_leave_the_function_to_the_interpreter(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jit_runtime, "MAX_GUARD_FAILURES", 5)
    # an int32 key on a plain object is not done in line: an element miss, 40 times
    src = """
function at(o, i) { return o[i]; }
const o = {0: "a", 1: "b", 2: "c", 3: "d"};
let s = "";
for (let i = 0; i < 40; i++) s = s + at(o, i % 4);
console.log(s.length, s.slice(0, 6));
"""
    proc, jit = run_jit(_write(tmp_path, src), threshold=0)
    assert proc.stdout == "40 abcdab\n"
    st = jit.stats
    assert st.left_to_interpreter >= 1
    assert sum(st.bailouts.values()) >= 1


def test_uncaught_exception_from_compiled_code(tmp_path: Path) -> None:
    src = "function f(o) { return o.x.y; }\nfunction g(n) { return f({}) + n; }\ng(1);\n"
    proc, _ = run_jit(_write(tmp_path, src), threshold=0)
    assert proc.returncode == 1
    first = proc.stderr.splitlines()[0]
    assert first.startswith("Uncaught TypeError: Cannot read properties of undefined")
    assert "t.js:1" in proc.stderr


def test_deep_recursion_stays_within_the_nesting_budget(tmp_path: Path) -> None:
    src = "function d(n) { return n === 0 ? 0 : 1 + d(n - 1); }\nconsole.log(d(3000));\n"
    proc, jit = run_jit(_write(tmp_path, src), threshold=0)
    assert proc.stdout == "3000\n", proc.stderr
    assert jit.stats.entries <= 3001


def test_bad_threshold_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="threshold: -1 is negative"):
        Jit(-1)


def test_host_function_reentered_from_two_call_sites() -> None:
    """Compiled code calls one host function (``step``) from many places, and calls nest
    (JIT -> step -> JIT -> step): each must return to its own call site (the emulator
    backend kept one return-address cell per host function; fixed with the JIT)."""
    import ctypes

    from a64jit import Frame, JitBuffer, MacroAssembler, emit_host_call, host_function, x0, x19

    i64 = ctypes.c_int64
    fns: dict[str, object] = {}

    def h(n: int) -> int:
        if n == 0:
            return 0
        f = fns["g" if n % 2 else "f"]
        return int(f(n - 1))  # type: ignore[operator]

    hf = host_function(h, i64, [i64])
    with JitBuffer() as buf:
        for name, k in (("f", 1), ("g", 100)):
            m = MacroAssembler()
            fr = Frame(m, uses=[x19])
            fr.prologue()
            emit_host_call(m, hf, [x0], result=x0)
            m.add(x0, x0, k)
            fr.epilogue()
            fns[name] = buf.install(m, restype=i64, argtypes=[i64], name=name)

        def model(n: int, name: str) -> int:
            k = 1 if name == "f" else 100
            return k + (0 if n == 0 else model(n - 1, "g" if n % 2 else "f"))

        for n in range(6):
            assert fns["f"](n) == model(n, "f")  # type: ignore[operator]


def test_cli_flags(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = _write(tmp_path, LOOP)
    base = [sys.executable, "-m", "a64js", "--vm", "heap"]
    p = subprocess.run([*base, "--jit-threshold", "0", "--stats", "--print-code", str(path)],
                       capture_output=True, text=True, timeout=120, check=False)
    assert p.returncode == 0, p.stderr
    assert p.stdout.endswith(LOOP_OUT)
    assert "-- machine code of f at 0x" in p.stdout and "JumpIfLt" in p.stdout
    # each bytecode beside its first instruction, branch targets and stubs named
    listing = p.stdout.split("-- machine code of f at ")[1].split("== function")[0]
    assert "@0:" in listing and "exit: returned (status 0):" in listing
    assert "guard @" in listing and ": int32 overflow:" in listing
    assert any("JumpIfLt" in ln and ln.startswith("0") for ln in listing.splitlines())
    assert "jit: functions compiled 3" in p.stderr
    p = subprocess.run([*base, "--stress-bailouts=3", "--jit-threshold", "0", "--stats",
                        str(path)], capture_output=True, text=True, timeout=120, check=False)
    assert p.stdout == LOOP_OUT and "bailouts (stress: " in p.stderr
    p = subprocess.run([*base, "--no-jit", "--stats", str(path)], capture_output=True,
                       text=True, timeout=120, check=False)
    assert p.stdout == LOOP_OUT and "jit: off" in p.stderr
    p = subprocess.run([*base, "--jit-threshold", "-2", str(path)], capture_output=True,
                       text=True, timeout=120, check=False)
    assert p.returncode == 2 and "'-2' is not a count" in p.stderr


PROPS = """
function sumx(objs) {
  let s = 0; for (let i = 0; i < objs.length; i++) s = s + objs[i].x; return s;
}
const same = []; for (let i = 0; i < 50; i++) same.push({x: i, y: 1});
const mixed = []; for (let i = 0; i < 50; i++) mixed.push(i % 2 ? {x: i} : {y: 2, x: -i});
class P { get x() { return 7; } }
const getters = [new P(), {x: 1}, new P()];
console.log(sumx(same), sumx(mixed), sumx(getters));
const o = {x: 1}; console.log(sumx([o])); delete o.x; o.x = 5; console.log(sumx([o, o]));
"""


def test_property_inline_cache(tmp_path: Path) -> None:
    proc, jit = run_jit(_write(tmp_path, PROPS), threshold=0)
    assert proc.stderr == "" and proc.stdout == "1225 25 15\n1\n10\n"
    # 150 more loads of one shape's x: at most one miss fills the cell, the rest hit
    more = PROPS + "for (let r = 0; r < 3; r++) sumx(same);\n"
    proc2, jit2 = run_jit(_write(tmp_path, more, "u.js"), threshold=0)
    assert proc2.stdout == proc.stdout
    assert jit.stats.ic_misses > 0 and jit2.stats.ic_misses - jit.stats.ic_misses <= 1
    proc, _ = run_jit(_write(tmp_path, PROPS), threshold=0, bailouts="all")
    assert proc.stdout == "1225 25 15\n1\n10\n"


def test_slow_path_steps_by_opcode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                   ) -> None:
    """--stats names the opcodes that took the generic path, most frequent first: here
    Mul, whose template is switched off, 1,300 times in f's and g's loops."""
    from a64js.jit.compiler import FunctionCompiler

    class NoMul(FunctionCompiler):
        def t_Mul(self, pc: int, a: int, b: int, c: int) -> bool:
            return False

    monkeypatch.setattr(jit_runtime, "FunctionCompiler", NoMul)
    src = LOOP.replace("(i & 255)", "(i * 1)")
    proc, jit = run_jit(_write(tmp_path, src), threshold=0)
    assert proc.stdout == "21 42 70 3496500 44850\n"
    st = jit.stats
    assert st.step_ops["Mul"] == 3 + 4 + 5 + 1000 + 300
    assert st.step_ops.most_common(1)[0][0] == "Mul"
    assert st.steps == sum(st.step_ops.values())
    assert f"slow-path steps {st.steps} (Mul 1312" in st.summary()


def test_guard_stubs_are_shared_per_pc_and_reason() -> None:
    from a64js.bytecode import OP, Code
    from a64js.jit.compiler import FunctionCompiler

    c = Code("f", "t.js")
    c.insns = [(OP["Return"], 0)]
    fc = FunctionCompiler(c, 1)
    a, b = fc.guard(0, 1), fc.guard(0, 1)
    assert a is b and fc.guard(0, 2) is not a and fc.guard(1, 1) is not a
    assert len(fc.guards) == 3


def test_data_arena_blocks() -> None:
    from a64js.jit.compiler import DataArena

    arena = DataArena()
    seen = []
    for n in (8, 24, 16, DataArena.CHUNK, 40):
        addr, words = arena.alloc(n)
        assert addr % 16 == 0 and len(words) == (n + 7) // 8
        assert not any(words)            # zeroed
        words[len(words) - 1] = 0xA5A5
        seen.append((addr, n))
    # no two blocks overlap; the big one took a chunk of its own
    spans = sorted((a, a + n) for a, n in seen)
    assert all(e1 <= s2 for (_, e1), (s2, _) in itertools.pairwise(spans))
    assert len(arena.blocks) >= 2


def test_after_call_goes_on_at_any_pc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                     ) -> None:
    """A template that makes its own host call and hands the next pc to ``after_call``:
    pc+1 goes on in line, any other pc through the guard stub (R_GOTO); here every
    Jump is such a host call returning its target (a for loop's entry jumps over its
    body to the test: four calls of f and one of g enter their loops so)."""
    import ctypes

    from a64jit import emit_host_call, host_function, x0
    from a64js.jit.compiler import FunctionCompiler

    calls: list[int] = []

    def target(t: int) -> int:
        calls.append(t)
        return t

    hf = host_function(target, ctypes.c_int64, [ctypes.c_int64])

    class Hosted(FunctionCompiler):
        def t_Jump(self, pc: int, t: int) -> bool:
            emit_host_call(self.m, hf, [t], result=x0)
            self.after_call(pc)
            return True

    monkeypatch.setattr(jit_runtime, "FunctionCompiler", Hosted)
    proc, jit = run_jit(_write(tmp_path, LOOP), threshold=0)
    assert proc.stdout == LOOP_OUT
    assert len(calls) == 5
    assert not jit.stats.bailouts


def test_bench_table_parses_the_stats_line(tmp_path: Path) -> None:
    """benchmarks/bench_js_jit.py (scripts/main.sh's table) reads the --stats line."""
    bench = load_benchmark("bench_js_jit")
    _, jit = run_jit(_write(tmp_path, LOOP), threshold=0)
    m = bench._STATS.search(jit.summary())
    assert m is not None
    _n, bcs, templ, _ms, _rate, _ipb, steps, ops, _fails, _bails = m.groups()
    assert int(bcs) == jit.stats.bytecodes and int(templ) == jit.stats.templated
    assert int(steps) == jit.stats.steps
    top = ", ".join(f"{k} {v}" for k, v in jit.stats.step_ops.most_common(8))
    assert (ops or "").startswith(top)
