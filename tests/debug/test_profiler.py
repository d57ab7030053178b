"""The emulator profiler: exact instruction counts, call stacks, source positions."""

from __future__ import annotations

import ctypes
import json
from pathlib import Path
from typing import Any

import pytest

import a64jit.debug as dbg
from a64jit import (
    Assembler,
    JitBuffer,
    MacroAssembler,
    host_function,
    mem,
    post,
    pre,
    sp,
    x0,
    x1,
    x19,
    x29,
    x30,
)
from a64jit.runtime.select import available_backends

from .programs import sum_loop as _sum_loop

pytestmark = pytest.mark.skipif("emulator" not in available_backends(),
                                reason="the profiler needs the emulator backend")
I64 = ctypes.c_int64


def _fib() -> Assembler:
    a = Assembler()
    start, base = a.here("fib"), a.label("base")
    a.cmp(x0, 2)
    a.b_lt(base)
    a.stp(x29, x30, pre(sp, -32))
    a.mov(x29, sp)
    a.str(x19, mem(sp, 16))
    a.mov(x19, x0)
    a.sub(x0, x19, 1)
    a.bl(start)
    a.str(x0, mem(sp, 24))
    a.sub(x0, x19, 2)
    a.bl(start)
    a.ldr(x1, mem(sp, 24))
    a.add(x0, x0, x1)
    a.ldr(x19, mem(sp, 16))
    a.ldp(x29, x30, post(sp, 32))
    a.ret()
    a.bind(base)
    a.ret()
    return a


def test_exact_counts_and_positions(tmp_path: Path) -> None:
    dbg.enable()
    with JitBuffer(backend="emulator") as buf:
        f = buf.install(_sum_loop(), name="sum_loop", argtypes=[I64, I64],
                        lines=[(0, "sum.js", 1), (8, "sum.js", 2), (20, "sum.js", 3)])
        assert f(3, 1) == 3  # translated before profiling: the hook must still see it
        with dbg.profile(buf.backend) as prof:
            assert f(10, 2) == 20
            assert f(5, 1) == 5
        f(100, 1)  # after the block: not counted
    # Blocks: [mov, cbz] once, [add, subs, b.ne] n times, [mov, ret] once, per call.
    assert prof.total == (2 + 3 * 10 + 2) + (2 + 3 * 5 + 2)
    (row,) = prof.rows()
    assert (row.name, row.self_instructions, row.total_instructions, row.calls) == (
        "sum_loop", prof.total, prof.total, 2)
    assert prof.positions() == [("sum_loop", "sum.js:2", 45), ("sum_loop", "sum.js:1", 4),
                                ("sum_loop", "sum.js:3", 4)]
    assert prof.collapsed() == ("sum_loop;sum.js:1 4\nsum_loop;sum.js:2 45\n"
                                "sum_loop;sum.js:3 4\n")
    assert prof.collapsed(positions=False) == "sum_loop 53\n"
    table = prof.table()
    assert "sum_loop" in table and "sum.js:2" in table and "53 emulated instructions" in table
    out = tmp_path / "p.json"
    prof.write(str(out))
    doc = json.loads(out.read_text())
    assert doc["$schema"] == "https://www.speedscope.app/file-format-schema.json"
    frames = doc["shared"]["frames"]
    (profile,) = doc["profiles"]
    assert profile["type"] == "sampled" and profile["endValue"] == 53
    named = [[frames[i]["name"] for i in s] for s in profile["samples"]]
    assert sorted(zip(map(tuple, named), profile["weights"], strict=True)) == [
        (("sum_loop", "sum.js:1"), 4), (("sum_loop", "sum.js:2"), 45),
        (("sum_loop", "sum.js:3"), 4)]
    assert {"name": "sum.js:2", "file": "sum.js", "line": 2} in frames
    prof.write(str(tmp_path / "p.folded"))
    assert (tmp_path / "p.folded").read_text() == prof.collapsed()


def test_the_backends_own_code_is_not_profiled() -> None:
    """The emulator grows its TLB before a call after a flush by running code of its
    own (EmulatorBackend._grow_tlb), when the clock says a growth may be due: not the
    program's, never in a profile (it showed as '[other]' at the top level, in some runs
    and not others, as the clock went)."""
    dbg.enable()
    with JitBuffer(backend="emulator") as buf:
        f = buf.install(_sum_loop(), name="sum_loop", argtypes=[I64, I64])
        be: Any = buf.backend
        if be._tlb_code is None or not hasattr(be._state, "tlb"):
            pytest.skip("this emulator does not grow its TLB")
        with dbg.profile(be) as prof:
            for _ in range(2):
                be._tlb_grown = float("-inf")  # the last growth long ago
                be._state.tlb = 1  # and a flush since
                assert f(3, 1) == 3
                assert be._tlb_grown != float("-inf")  # it grew
    assert prof.collapsed() == "sum_loop 26\n"  # 2 + 3 * 3 + 2 a call


def test_code_installed_before_the_table_is_other() -> None:
    with JitBuffer(backend="emulator") as buf:
        f = buf.install(_sum_loop(), name="sum_loop", argtypes=[I64, I64])
        with dbg.profile(buf.backend) as prof:
            assert f(1, 1) == 1
    assert prof.collapsed() == "[other] 7\n"
    assert dbg.enabled() == []  # profile() switched the symbol table off again


def _fib_calls(n: int) -> int:
    return 1 if n < 2 else 1 + _fib_calls(n - 1) + _fib_calls(n - 2)


def test_recursion_stacks() -> None:
    dbg.enable()
    with JitBuffer(backend="emulator") as buf:
        fib = buf.install(_fib(), name="fib", argtypes=[I64])
        with dbg.profile(buf.backend) as prof:
            assert fib(10) == 55
    (row,) = prof.rows()
    assert row.calls == _fib_calls(10) == 177
    stacks = [line.rsplit(" ", 1) for line in prof.collapsed().splitlines()]
    depths = {len(s.split(";")) for s, _ in stacks}
    assert depths == set(range(1, 11))  # fib(10), fib(9), ..., fib(1): 10 frames deep
    assert all(set(s.split(";")) == {"fib"} for s, _ in stacks)
    assert sum(int(n) for _, n in stacks) == prof.total == row.self_instructions


def test_host_function_calling_back_keeps_the_stack() -> None:
    dbg.enable()
    with JitBuffer(backend="emulator") as buf:
        leaf = buf.install(_sum_loop(), name="leaf", argtypes=[I64, I64])
        hf = host_function(lambda n: leaf(n, 1), I64, [I64], backend=buf.backend)
        a = MacroAssembler()
        a.stp(x29, x30, pre(sp, -16))
        a.mov(x29, sp)
        a.mov(x1, hf.address)
        a.blr(x1)
        a.ldp(x29, x30, post(sp, 16))
        a.ret()
        outer = buf.install(a, name="outer", argtypes=[I64])
        with dbg.profile(buf.backend) as prof:
            assert outer(4) == 4
            assert leaf(2, 1) == 2  # a new top-level call: a fresh stack
    folded = dict(line.rsplit(" ", 1) for line in prof.collapsed().splitlines())
    assert set(folded) == {"outer", "outer;[other]", "outer;leaf", "leaf"}
    assert int(folded["outer;leaf"]) == 2 + 3 * 4 + 2
    assert int(folded["leaf"]) == 2 + 3 * 2 + 2
    rows = {r.name: r for r in prof.rows()}
    assert rows["outer"].total_instructions == (
        rows["outer"].self_instructions + rows["[other]"].self_instructions + 16)
    assert rows["leaf"].calls == 2 and rows["outer"].calls == 1


def test_other_backends_refused() -> None:
    from tests.runtime.fakes import FakeBackend

    with (pytest.raises(ValueError, match="the 'fake' backend cannot be profiled; the "
                                          "profiler needs the emulator backend"),
          dbg.profile(FakeBackend())):
        pass
