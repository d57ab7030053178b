"""Unit tests of a64js internals: number printing, the compiler's bytecode, the interpreter."""

from __future__ import annotations

import io
import math
import subprocess
import sys
from pathlib import Path

import pytest

from a64js.bytecode import OP, OPCODES
from a64js.compiler import compile_module
from a64js.errors import JSCompileError
from a64js.values import number_to_string, string_to_number, to_int32
from a64js.vm import VM


def run_js(src: str, tmp_path: Path) -> str:
    p = tmp_path / "t.js"
    p.write_text(src)
    out = io.StringIO()
    VM(["node", str(p)], out).load(str(p))
    return out.getvalue()


@pytest.mark.parametrize(("v", "s"), [
    (0, "0"), (-0.0, "0"), (1.5, "1.5"), (0.1 + 0.2, "0.30000000000000004"),
    (1e21, "1e+21"), (1e20, "100000000000000000000"), (123e-7, "0.0000123"),
    (1e-7, "1e-7"), (-1.25e-9, "-1.25e-9"), (math.inf, "Infinity"), (math.nan, "NaN"),
    (2.0 ** 53, "9007199254740992"), (1 / 3, "0.3333333333333333"), (5e-324, "5e-324"),
    (1.7976931348623157e308, "1.7976931348623157e+308"), (123456789012, "123456789012"),
])
def test_number_to_string(v: float, s: str) -> None:
    assert number_to_string(v) == s


def test_string_to_number_and_int32() -> None:
    assert string_to_number("  42 ") == 42
    assert string_to_number("0x1F") == 31
    assert math.isnan(string_to_number("4x"))
    assert string_to_number("") == 0
    assert to_int32(2**31) == -(2**31)
    assert to_int32(-1.9) == -1
    assert to_int32(math.nan) == 0


def test_register_bytecode_shape() -> None:
    code = compile_module("function f(a, b) { return a + b; }\nmodule.exports = f;", "m.js")
    inner = next(c for c in code.consts if getattr(c, "name", None) == "f")
    # parameters arrive in slots 3 and 4; the add names them directly
    assert (OP["Add"], inner.insns[0][1], 3, 4) == inner.insns[0]
    assert inner.insns[1] == (OP["Return"], inner.insns[0][1])
    listing = code.disassemble()
    assert "Add" in listing and "function f" in listing
    assert len({name for name, _ in OPCODES}) == len(OPCODES)


def test_captured_variables_live_in_contexts() -> None:
    code = compile_module("let n = 0; const inc = () => ++n; inc();", "m.js")
    ops = {i[0] for i in code.insns}
    assert OP["NewContext"] in ops and OP["StCtx"] in ops
    arrow = next(c for c in code.consts if getattr(c, "kind", None) == "arrow")
    # a let read from a closure checks its temporal dead zone
    assert OP["LdEnvChecked"] in {i[0] for i in arrow.insns}


def test_programs_run(tmp_path: Path) -> None:
    out = run_js("""
        class P { constructor(x) { this.x = x; } get twice() { return this.x * 2; } }
        class Q extends P { constructor() { super(21); } }
        const fs = [];
        for (let i = 0; i < 3; i++) fs.push(() => i);
        let s = 0;
        for (const f of fs) s += f();
        try { undefined.y; } catch (e) { console.log(e instanceof TypeError, e.message); }
        console.log(new Q().twice, s, [1, , 3], { a: [1, { b: 2 }] }, 7 / 2, -0);
    """, tmp_path)
    assert out == ("true Cannot read properties of undefined (reading 'y')\n"
                   "42 3 [ 1, <1 empty item>, 3 ] { a: [ 1, { b: 2 } ] } 3.5 -0\n")


def test_unsupported_construct_names_place() -> None:
    with pytest.raises(JSCompileError, match=r"m\.js:2:1: unsupported: .*generator"):
        compile_module("let a;\nfunction* g() {}", "m.js")
    with pytest.raises(JSCompileError, match=r"SyntaxError"):
        compile_module("let = ;", "m.js")


def test_cli_exit_statuses(tmp_path: Path) -> None:
    bad = tmp_path / "bad.js"
    bad.write_text("function f() {\n  null.x;\n}\nf();\n")
    r = subprocess.run([sys.executable, "-m", "a64js", "--vm", "python", str(bad)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert r.stderr.splitlines()[0] == (
        "Uncaught TypeError: Cannot read properties of null (reading 'x')")
    assert "bad.js:2" in r.stderr and "Traceback" not in r.stderr
    deep = tmp_path / "deep.js"
    deep.write_text("function r(n) { return r(n + 1) + 1; }\n"
                    "try { r(0); } catch (e) { console.log(e instanceof RangeError); }\n")
    r = subprocess.run([sys.executable, "-m", "a64js", "--vm", "python", str(deep)],
                       capture_output=True, text=True, timeout=120)
    assert (r.returncode, r.stdout) == (0, "true\n")


def test_commonjs_modules(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "shapes.js").write_text(
        "let loads = 0; loads++;\n"
        "class Sq { constructor(s) { this.s = s; } area() { return this.s * this.s; } }\n"
        "module.exports = { Sq, loads: () => loads };\n")
    (tmp_path / "lib" / "index.js").write_text(
        "exports.twice = (x) => 2 * x;\nexports.same = require('./shapes') === "
        "require('./shapes.js');\n")
    out = run_js("const { Sq, loads } = require('./lib/shapes');\n"
                 "const lib = require('./lib');\n"
                 "console.log(new Sq(3).area(), lib.twice(21), lib.same, loads(),\n"
                 "  typeof module, typeof exports, __filename.endsWith('t.js'));\n"
                 "try { require('./missing'); } catch (e) { console.log(e.code); }\n",
                 tmp_path)
    assert out == "9 42 true 1 object object true\nMODULE_NOT_FOUND\n"


def test_cli_flags(tmp_path: Path) -> None:
    p = tmp_path / "p.js"
    p.write_text("function sq(x) { return x * x; }\nconsole.log(sq(7));\n")
    r = subprocess.run([sys.executable, "-m", "a64js", "--vm", "python", "--print-bytecode",
                        "--stats", str(p), "extra"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0
    assert "== function sq" in r.stdout and "Mul" in r.stdout
    assert r.stdout.endswith("49\n")
    assert "a64js stats:" in r.stderr
    q = tmp_path / "argv.js"
    q.write_text("console.log(process.argv.slice(2).join(','));\n")
    r = subprocess.run([sys.executable, "-m", "a64js", "--vm", "python", str(q), "a", "b"],
                       capture_output=True, text=True, timeout=60)
    assert r.stdout == "a,b\n"


def test_heap_exhaustion_is_clean(tmp_path: Path) -> None:
    p = tmp_path / "grow.js"
    p.write_text("const keep = [];\nfor (;;) keep.push(new Array(100000).fill(1));\n")
    r = subprocess.run([sys.executable, "-m", "a64js", "--vm", "python", "--max-heap", "200",
                        str(p)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert "heap exhausted" in r.stderr and "Traceback" not in r.stderr


def test_syntax_error_status(tmp_path: Path) -> None:
    p = tmp_path / "bad.js"
    p.write_text("let ok = 1;\nlet x = ;\n")
    r = subprocess.run([sys.executable, "-m", "a64js", "--vm", "python", str(p)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and r.stdout == ""
    assert "bad.js:2:9" in r.stderr and "SyntaxError" in r.stderr
