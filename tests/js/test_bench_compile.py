"""benchmarks/bench_js_compile.py's ``--split``: a workload's cold compile, then the same
functions with the JIT assembler's memo emptied, then warm, in one process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.benchmod import load_benchmark

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> Any:
    return load_benchmark("bench_js_compile")


def test_split_reports_the_three_rounds() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_js_compile.py"),
                           "--one", "fib", "--split"], capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert set(got) == {"bytecodes", "cold", "emptied", "warm"}
    assert got["bytecodes"] > 50 and all(got[k] > 0 for k in ("cold", "emptied", "warm"))


def test_empty_memo_forgets_the_jit_assemblers_words() -> None:
    from a64jit import mem, x0, x3, x19
    from a64jit.assembler import core
    from a64jit.macro import masm
    from a64js.jit.memocache import JitAssembler

    a = JitAssembler()
    a.ldr(x0, mem(x19, 8))
    a.mov(x3, 0x7FFF_1234_5678)
    memos = core._CLASS_MEMOS[JitAssembler]
    assert any(t is not None for t in memos)
    assert any(k[0] is JitAssembler for k in masm._MOV_WORDS)
    _bench().empty_memo()
    assert all(t is None for t in memos)
    assert not any(k[0] is JitAssembler for k in masm._MOV_WORDS)
    b = JitAssembler()  # (and the words are the same when made again)
    b.ldr(x0, mem(x19, 8))
    b.mov(x3, 0x7FFF_1234_5678)
    assert a.finalize() == b.finalize()


def test_split_is_alone() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_js_compile.py"),
                           "--split", "--warm"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert proc.returncode == 2 and "--split: measures one tree" in proc.stderr
