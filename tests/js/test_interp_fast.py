"""The interpreter's fast paths: superinstructions, direct calls and the opt-in counts.

The programs in tests/js/programs (feat_fastpaths.js above all) check the results against
node; these tests check that the fast paths are in fact taken, and that the counts which
guide the choice of superinstructions add up.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from a64js.bytecode import OPCODES
from a64js.interp import Counts
from a64js.values import JSThrow
from a64js.vm import VM


@pytest.fixture
def counts() -> Iterator[type[Counts]]:
    Counts.enabled = True
    Counts.ops.clear()
    Counts.pairs.clear()
    try:
        yield Counts
    finally:
        Counts.enabled = False
        Counts.fusion = True
        Counts.ops.clear()
        Counts.pairs.clear()


def run_js(src: str, tmp_path: Path) -> str:
    p = tmp_path / "t.js"
    p.write_text(src)
    out = io.StringIO()
    VM(["node", str(p)], out).load(str(p))
    return out.getvalue()


LOOP = """
let s = 0;
for (let i = 0; i < 10; i++) s += i;
console.log(s);
"""


def test_loop_update_and_test_fuse(tmp_path: Path, counts: type[Counts]) -> None:
    assert run_js(LOOP, tmp_path) == "45\n"
    # ten updates, each fused with the test that follows; the entry test runs alone
    assert counts.ops["Inc+JumpIfLt"] == 10
    assert counts.ops["JumpIfLt"] == 1
    assert "Inc" not in counts.ops


def test_counts_without_fusion(tmp_path: Path, counts: type[Counts]) -> None:
    counts.fusion = False
    assert run_js(LOOP, tmp_path) == "45\n"
    assert counts.ops["Inc"] == 10
    assert counts.ops["JumpIfLt"] == 11
    assert counts.pairs["Inc", "JumpIfLt"] == 10
    assert not any("+" in name for name in counts.ops)


def test_fused_loop_leaves_the_fast_path(tmp_path: Path, counts: type[Counts]) -> None:
    # the counter turns into a double past 2**53 (an int until then), the bound is one:
    # the fused handler hands over to the standalone AddK or JumpIfLt
    src = ("let n = 0;\nfor (let i = 9007199254740990; i < 9007199254740998; i += 2) n++;\n"
           "console.log(n);\n")
    assert run_js(src, tmp_path) == "4\n"
    assert counts.ops["AddK+JumpIfLt"] == 4
    # the bound, beyond 2**53, is a double: after each update the test runs standalone
    assert counts.ops["JumpIfLt"] == 1 + 4


def test_property_pairs_fuse(tmp_path: Path, counts: type[Counts]) -> None:
    src = """
function d(a, b) { return a.x - b.x; }
let t = 0;
const p = { x: 5 }, q = { x: 2 }, r = { y: 1, x: 7 };
for (let i = 0; i < 4; i++) t += d(p, q);
t += d(r, p) + d(p, r);
console.log(t);
"""
    assert run_js(src, tmp_path) == "12\n"
    # every call dispatches the pair once; the second load runs alone after a miss of
    # the first: in call 1 (empty caches), 5 and 6 (r's shape, then p's again)
    assert counts.ops["GetProp+GetProp"] == 6
    assert counts.ops["GetProp"] == 3
    # console.log(t): the method load, the argument's move and the call are one
    assert counts.ops["GetProp+Mov+(Call)"] == 1


def test_direct_calls(tmp_path: Path) -> None:
    src = """
function f(n) { return n === 0 ? 0 : 1 + f(n - 1); }
function g() { return arguments.length; }
function h(a, ...r) { return r.length; }
const k = (x) => x;
class C { m(a, b) { return a + b; } }
console.log(f(50), g(1, 2), h(1, 2, 3), k(4), new C().m(1, 2));
"""
    p = tmp_path / "t.js"
    p.write_text(src)
    out = io.StringIO()
    vm = VM(["node", str(p)], out)
    vm.load(str(p))
    assert out.getvalue() == "50 2 2 4 3\n"
    codes = {c.name: c for c in vm.codes[0].consts if hasattr(c, "direct_argc")}
    # plain functions and methods: Call builds their frames; slot 0 is needed, or an
    # arrow's this is its own: the generic run()
    assert codes["f"].direct_argc == 1
    assert codes["g"].direct_argc == -2
    assert codes["h"].direct_argc == -2
    assert codes["k"].direct_argc == -2


def test_fused_call_places_native_errors(tmp_path: Path, counts: type[Counts]) -> None:
    # the argument's Mov (line 4) and the Call (line 3) are one superinstruction: an
    # error thrown by the native callee is placed at the Call, as without fusion
    src = "function f(s) {\n  const x = s;\n  return JSON.parse(\n    x);\n}\nf('{bad');\n"
    p = tmp_path / "t.js"
    p.write_text(src)
    with pytest.raises(JSThrow) as info:
        VM(["node", str(p)], io.StringIO()).load(str(p))
    assert counts.ops["Mov+(Call)"] == 1
    code, pc = info.value.where  # type: ignore[attr-defined]
    assert OPCODES[code.insns[pc][0]][0] == "Call"
    assert code.lines[pc][0] == 3
