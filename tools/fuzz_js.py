#!/usr/bin/env python3
"""Differential fuzzing of a64js's execution modes against node on random programs.

Each seed makes one JavaScript program within a64js's subset (``random.Random(seed)``: the
same seed gives the same program) of a few *sections*; each section is a function with
random statements over its arguments (int32 values near overflow, -0, NaN, Infinity,
integral and other doubles, strings, booleans, null, undefined, objects and arrays), called
in a loop long enough to tier up (the JIT's threshold and on-stack replacement) with values
that change type after the function was compiled, each call inside try/catch. The
statements cover arithmetic, bitwise and shift operators and comparisons of mixed
operands, property reads and writes at one site on objects of several shapes (polymorphic
and megamorphic), getters and setters, class instances with inheritance, array element
loads and stores with holes and out-of-range, negative, double and string indexes,
``length`` writes, push/pop, closures, calls with missing and extra arguments, string
building and exceptions thrown from deep calls, built-ins the JIT does in line on odd
arguments, keyed access and for-in, prototypes and shapes changed after the code was
compiled, and int32 loops across the edges. Every value computed is folded into a
checksum, printed after each section (``--print SEED --trace`` prints each value too: diff
node's and a64js's output to find the first one that differs, then reduce by hand).

Left out on purpose, as a64js refuses them with a clear error (see DESIGN.md): element
stores far past an array's end (dense arrays), ``Object.freeze``, read-only
``defineProperty``; no ``Math.pow`` (a64js's integer powers are exact, V8's past 2**53 are
not always: the known last-bit difference); no class method is replaced (a64js keeps no
property attributes: a function stored over a class's method, by assignment or
defineProperty, is enumerable).

Each program runs under node (the reference) and under ``a64js`` in each mode
(default: ``--no-jit``, ``--jit-threshold 0``, ``--stress-bailouts`` at every guard and
with seed 1, and the default threshold); a mode whose stdout or exit status differs from
node's is reported with the program kept in ``--keep`` (default
/tmp/fuzz_js) as ``SEED.js``. Set ``A64JIT_BACKEND`` and ``--python`` to run another
backend (``--python scripts/native-python`` with ``A64JIT_BACKEND=native``).

Usage: tools/fuzz_js.py [--seeds A:B] [--jobs N] [--modes M,...] [--keep DIR]
       tools/fuzz_js.py --print SEED       (print the program of one seed)
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The modes by name: the a64js options of each.
MODES: dict[str, list[str]] = {
    "nojit": ["--no-jit"],
    "t0": ["--jit-threshold", "0"],
    "stress": ["--stress-bailouts"],
    "stress1": ["--stress-bailouts=1"],
    "stress2": ["--stress-bailouts=2"],
    "default": [],
}
DEFAULT_MODES = "nojit,t0,stress,stress1,default"

# Operands: int32 near the edges, -0, NaN, infinities, integral and other doubles,
# numeric and other strings, booleans, null, undefined.
NUMBERS = [
    "0", "-0", "1", "-1", "2", "7", "-7", "31", "32", "33", "2147483647", "-2147483648",
    "2147483646", "-2147483647", "1073741824", "65536", "46341", "-46341", "NaN",
    "Infinity", "-Infinity", "0.5", "-1.5", "3.0", "4294967295", "4294967296",
    "9007199254740992", "-2147483649", "2147483648", "1e21", "0.1", "-0.0", "1.5e300",
    "5e-324",
]
OTHERS = ['"3"', '""', '"abc"', '"-0"', '" 12 "', "true", "false", "null", "undefined",
          "[]", "[2]", "({})", '"0x10"']
BINOPS = ["+", "-", "*", "/", "%", "<<", ">>", ">>>", "&", "|", "^"]
CMPOPS = ["<", "<=", ">", ">=", "==", "!=", "===", "!=="]
PROPS = ["a", "b", "c", "x", "length"]

PRELUDE = """\
let h = 0;
function mix(v) {
  let s;
  if (typeof v === "number") s = v === 0 && 1 / v < 0 ? "-0" : String(v);
  else if (typeof v === "string") s = "s" + v;
  else if (typeof v === "object" && v !== null) s = Array.isArray(v) ? "A" + v.length : "O";
  else if (typeof v === "function") s = "F";
  else s = String(v);
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  TRACE
  return v;
}
function err(e) {
  mix(e instanceof Error ? e.name + ":" + e.message : "thrown:" + String(e));
}
class Base {
  constructor(a) { this.a = a; }
  get g() { return this.a; }
  m(x) { return this.a + x; }
}
class Sub extends Base {
  constructor(a, b) { super(a); this.b = b; }
  m(x) { return super.m(x) * 2; }
}
function deep(n, v) {
  if (n === 0) { if (v === 7) throw new RangeError("seven"); return v; }
  return deep(n - 1, v);
}
"""


class Gen:
    """One program's text from a seeded random source."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.lines: list[str] = []

    def value(self) -> str:
        r = self.r
        return r.choice(NUMBERS) if r.random() < 0.75 else r.choice(OTHERS)

    def operand(self, names: list[str]) -> str:
        r = self.r
        k = r.random()
        if k < 0.55:
            return r.choice(names)
        if k < 0.85:
            return self.value()
        return f"({self.expr(names, 1)})"

    def expr(self, names: list[str], depth: int = 0) -> str:
        r = self.r
        k = r.random()
        a, b = self.operand(names), self.operand(names)
        if depth > 1 or k < 0.45:
            return f"{a} {r.choice(BINOPS)} {b}"
        if k < 0.6:
            return f"({a} {r.choice(CMPOPS)} {b})"
        if k < 0.7:
            return f"{r.choice(['-', '~', '+', '!'])}({a})"
        if k < 0.8:
            return f"({a} {r.choice(CMPOPS)} {b} ? {self.operand(names)} : {self.operand(names)})"
        if k < 0.9:
            return f"({self.expr(names, depth + 1)}) {r.choice(BINOPS)} {b}"
        return f"{a} {r.choice(BINOPS)} {r.choice(['1', '2', '-1', '31', '0x7fffffff'])}"

    # Statements of a section's function (parameters p, q; locals r, o, arr).
    def stmt(self, names: list[str]) -> str:
        r = self.r
        kind = r.choice(["arith", "arith", "arith", "update", "prop", "prop", "elem",
                         "elem", "call", "closure", "str", "cls", "throw", "loop",
                         "builtin", "builtin", "keyed", "proto", "misc", "misc", "edge"])
        e = self.expr(names)
        if kind == "arith":
            return f"r = mix({e});"
        if kind == "update":
            op = r.choice(["+=", "-=", "*=", "|=", "<<=", ">>>=", "%=", "/="])
            pre = r.choice(["r++", "--r", "r = -r", "r = ~r"])
            return f"r {op} {self.operand(names)}; {pre}; mix(r);"
        if kind == "prop":
            p = r.choice(PROPS)
            if r.random() < 0.5:
                return f"mix(o.{p});"
            if p == "length":
                p = "c"
            return f"o.{p} = {e}; mix(o.{p});"
        if kind == "elem":
            idx = r.choice(["p", "q", "r", "0", "1", "3", "-1", "1.5", "2147483648",
                            '"1"', "arr.length", "arr.length - 1", "8", "-0", "NaN"])
            k = r.random()
            if k < 0.4:
                return f"mix(arr[{idx}]);"
            if k < 0.7:  # (no store far past the end: a64js's arrays are dense)
                idx = r.choice(["p & 15", "q & 7", "0", "1", "3", "-1", "1.5", '"1"', "-0",
                                "NaN", "arr.length", "arr.length - 1", "8"])
                return f"arr[{idx}] = {self.operand(names)}; mix(arr[{idx}]); mix(arr.length);"
            if k < 0.8:
                n = r.choice(["0", "1", "2", "5", "p & 7", "q & 3"])
                return f"arr.length = {n}; mix(arr.length); mix(arr[1]);"
            if k < 0.9:
                return f"arr.push({self.operand(names)}); mix(arr.length);"
            return "mix(arr.pop()); mix(arr.length);"
        if kind == "call":
            args = ", ".join(self.operand(names) for _ in range(r.randint(0, 4)))
            fn = r.choice(["two", "rest", "argc", "deep3"])
            return f"mix({fn}({args}));"
        if kind == "closure":
            return (f"{{ const k = {self.operand(names)}; const f = (z) => "
                    f"{self.expr(['k', 'z', 'p'])}; mix(f({self.operand(names)})); mix(f()); }}")
        if kind == "str":
            return (f"s = s + {self.operand(names)}; if (s.length > 40) s = s.substring(4); "
                    f"mix(s); mix(s.charCodeAt({self.operand(names)}));")
        if kind == "cls":
            c = r.choice(["new Base(p)", "new Sub(q, p)", "new Sub(p)"])
            w = r.choice([f"mix(v.g); mix(v.m({self.operand(names)}));",
                          "v.a = r; mix(v.g + v.b);", "mix(v instanceof Sub); mix(v.m(q));"])
            return f"{{ const v = {c}; {w} }}"
        if kind == "throw":
            depth = r.randint(1, 6)
            return f"try {{ mix(deep({depth}, {self.operand(names)})); }} catch (e) {{ err(e); }}"
        if kind == "builtin":  # the built-ins the JIT does in line, on odd arguments
            x, y = self.operand(names), self.operand(names)
            call = r.choice([
                f"Math.sqrt({x})", f"Math.floor({x})", f"Math.ceil({x})", f"Math.trunc({x})",
                f"Math.abs({x})", f"Math.max({x}, {y})", f"Math.min({x}, {y})",
                f"Math.round({x})", f"String({x})", f"String.fromCharCode({x})",
                f"parseInt({x})", f"parseInt({x}, {y})", f"parseFloat({x})",
                f"Array.isArray({x})", "Object.keys(o).length", f"new Array({x} & 7).length",
                f"arr.slice({x}, {y}).length", f"arr.slice({x})[0]", "arr.shift()",
                f"arr.indexOf({x})", f"arr.includes({x})", f"arr.join({y})",
                f"String({x}).charCodeAt({y})", f"String({x}).charAt({y})",
                f"String({x}).substring({y})", f"String({x}).substring({y}, {x})",
                f"String({x}).indexOf({y})", f"({x}).toString()", f"Number({x})",
                f"Boolean({x})", f"arr.fill({x}, 1).length", f"Math.hypot({x}, {y})",
                f"({x}).toFixed(2)", f"isNaN({x})", f"[{x}, {y}].sort().join()"])
            return f"mix({call});"
        if kind == "keyed":  # o[k] and `in` through keyed caches
            kk = r.choice(['"a"', '"b"', '"c"', '"x"', '"length"', "String(p)", '"0"',
                           "r", '"toString"', "p & 1 ? \"a\" : \"b\""])
            if r.random() < 0.4:  # (no length store: o may be an array)
                kk = '"c"' if kk == '"length"' else kk
                return f"o[{kk}] = {self.operand(names)}; mix(o[{kk}]);"
            if r.random() < 0.5:
                return f"mix({kk} in o); mix(o[{kk}]);"
            return "for (const key in o) { mix(key); mix(o[key]); }"
        if kind == "proto":  # shapes and prototypes that change after the code was compiled
            return r.choice([
                "if (i === 20) Base.prototype.b = -5;",
                "if (i === 40) Object.defineProperty(Base.prototype, \"g\", "
                "{ get() { return -1; }, configurable: true });",
                "if (i % 37 === 5) delete o.a;",
                "if (i === 30) o.a = undefined;",
                "if (i % 50 === 13) Object.defineProperty(o, \"b\", "
                "{ value: i, writable: true });",
                "if (i === 25) Object.prototype.zz = 1; mix(o.zz);",
                "if (i % 19 === 3) o = Object.assign({}, o); o.x = i; mix(o.x);",
                "if (i === 60) Object.setPrototypeOf(o, { a: 77 }); mix(o.a);",
            ])
        if kind == "misc":
            x, y = self.operand(names), self.operand(names)
            return r.choice([
                f"mix(typeof {x});", f"mix({x} ?? {y});", f"mix(o?.a ?? {y});",
                f"mix({x} instanceof Object);", f"mix({x} && {y});", f"mix({x} || {y});",
                f"switch ({x}) {{ case 1: r = 5; break; case \"3\": r = 6; "
                f"case -0: r += 1; break; default: r = {y}; }} mix(r);",
                f"{{ let c = 0; const inc = () => ++c + {x}; mix(inc()); mix(inc()); }}",
                f"{{ const [u, w = {y}, ...z] = [{x}]; mix(u); mix(w); mix(z.length); }}",
                f"{{ const {{a, b = {x}}} = o; mix(a); mix(b); }}",
                f"mix(`t${{{x}}}/${{{y}}}`);",
                f"r = {x}; r += {y}; r -= {y}; mix(r);",
                f"mix(new (function F(v) {{ this.v = v; }})({x}).v);",
            ])
        if kind == "edge":  # int32 loops that cross the edges (AddK, Inc, compares)
            start = r.choice(["2147483640", "-2147483640", "1073741820", "-5", "4294967290"])
            step = r.choice(["j++", "j--", "j += 3", "j -= 2", "j *= 2", "j = j + 0.5"])
            return (f"for (let j = {start}, t = 0; t < 12; t++, {step}) "
                    f"{{ mix(j); mix(j | 0); mix(j + 1); mix(j % 7); }}")
        # loop: a short inner loop.
        n = r.choice(['3', '20', '(p & 15)'])
        return f"for (let j = 0; j < {n}; j++) {{ r = {self.expr([*names, 'j'])}; mix(r); }}"

    def shapes(self) -> list[str]:
        r = self.r
        all_shapes = [
            "{a: 1, b: 2}", "{b: 2, a: 1}", "{a: 1}", "{x: 0, a: 3, c: 4}", "{c: 5}",
            "{a: 1, b: 2, c: 3, x: 4}", "new Base(2)", "new Sub(3, 4)", "[1, 2]",
            "{get a() { return 9; }, set a(v) { this.b = v; }}", "Object.create({a: 6})",
            "{length: 3, a: -0}", '{"a": NaN, b: "s"}',
        ]
        return r.sample(all_shapes, r.randint(1, 7))

    def arrays(self) -> list[str]:
        r = self.r
        return r.sample(["[1, 2, 3]", "[1, , 3]", "[]", "[0.5, -0, NaN]", '["a", "b"]',
                         "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", "new Array(4)", "[[1], {}]",
                         "[2147483647, -2147483648]"], r.randint(1, 4))

    def section(self, n: int) -> None:
        r = self.r
        names = ["p", "q", "r", "i"]
        body = [self.stmt(names) for _ in range(r.randint(2, 7))]
        iters = r.choice([1, 5, 12, 30, 80, 300])
        switch = r.choice([iters + 1, iters // 2, iters - 1, 3])
        shapes = self.shapes()
        arrays = self.arrays()
        vals = [self.value() for _ in range(r.randint(1, 6))]
        out = self.lines
        out.append(f"function s{n}(p, q, i, o, arr) {{")
        out.append("  let r = 0; let s = \"\";")
        out.extend("  " + b for b in body)
        out.append("  return r;")
        out.append("}")
        out.append(f"{{ const V{n} = [{', '.join(vals)}];")
        out.append(f"  const S{n} = [{', '.join(shapes)}];")
        out.append(f"  for (let i = 0; i < {iters}; i++) {{")
        # int32 (or double) arguments until `switch`, then the section's values
        mul = r.choice(["1", "7", "65599", "268435456"])
        q = r.choice(["i", "2147483647 - i", "-i", "0.5 + i", "1"])
        out.append(f"    const p = i < {switch} ? (i * {mul}) | 0 : V{n}[i % V{n}.length];")
        out.append(f"    const q = i < {switch} ? {q} : V{n}[(i * 3 + 1) % V{n}.length];")
        out.append(f"    const arr = [{', '.join(arrays)}][i % {len(arrays)}];")
        call = f"s{n}(p, q, i, S{n}[i % S{n}.length], arr)"
        out.append(f"    try {{ mix({call}); }} catch (e) {{ err(e); }}")
        out.append("  }")
        out.append(f"  console.log(\"s{n}\", h);")
        out.append("}")

    def program(self) -> str:
        self.lines = [PRELUDE.rstrip("\n"),
                      "function two(a, b) { return a + b; }",
                      "function rest(...xs) { return xs.length; }",
                      "function argc() { return arguments.length; }",
                      "function deep3(a, b, c) { return deep(3, a) + b + c; }"]
        for n in range(self.r.randint(2, 5)):
            self.section(n)
        return "\n".join(self.lines) + "\n"


def program(seed: int, trace: bool = False) -> str:
    """The program of one seed; with trace, it prints every value it folds in."""
    text = Gen(seed).program()
    return text.replace("TRACE", "console.log(s);" if trace else "", 1)


def run(cmd: list[str], timeout: float) -> tuple[int, str, str]:
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return -1, "", "timeout"
    return p.returncode, p.stdout, p.stderr


def verdict(rc: int, out: str, err: str) -> tuple[int, str, str]:
    first = err.strip().splitlines()[0] if err.strip() else ""
    if first.startswith("Uncaught "):
        first = first[len("Uncaught "):]
    return rc, out, first


def check(seed: int, modes: list[str], python: list[str], keep: Path, timeout: float) -> list[str]:
    """Run one seed's program everywhere; the differences from node as report lines."""
    text = program(seed)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"fuzz{seed}.js"
        path.write_text(text)
        rc, nout, nerr = run(["node", str(path)], timeout)
        if rc != 0:
            return [f"seed {seed}: node exits {rc}: {nerr.strip().splitlines()[-1:]}"]
        found = []
        for m in modes:
            res = run([*python, "-m", "a64js", "--no-cache", *MODES[m], str(path)], timeout)
            if res[0] != 0 or res[1] != nout:
                rc2, out2, first = verdict(*res)
                pairs = zip(nout.splitlines(), out2.splitlines(), strict=False)
                diff = next((f"line {k + 1}: node {a!r}, a64js {b!r}"
                             for k, (a, b) in enumerate(pairs) if a != b), f"exit {rc2}: {first}")
                found.append(f"seed {seed} mode {m}: {diff}")
        if found:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"{seed}.js").write_text(text)
        return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="modes: " + ", ".join(f"{k} ({' '.join(v) or 'no option'})"
                                                               for k, v in MODES.items()))
    ap.add_argument("--seeds", default="0:50", help="A:B, the seeds A to B-1 (default 0:50)")
    ap.add_argument("--jobs", type=int, default=2, help="programs run at once (default 2)")
    ap.add_argument("--modes", default=DEFAULT_MODES, help=f"default {DEFAULT_MODES}")
    ap.add_argument("--keep", type=Path, default=Path("/tmp/fuzz_js"),
                    help="where the programs that differ are written (default /tmp/fuzz_js)")
    ap.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"),
                    help="the Python that runs a64js (e.g. scripts/native-python)")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per run (default 300)")
    ap.add_argument("--print", type=int, metavar="SEED", help="print one seed's program and exit")
    ap.add_argument("--trace", action="store_true",
                    help="with --print: the program prints each value it folds in")
    args = ap.parse_args(argv)
    if args.print is not None:
        sys.stdout.write(program(args.print, args.trace))
        return 0
    try:
        lo, hi = (int(x) for x in args.seeds.split(":"))
        modes = args.modes.split(",")
        bad = [m for m in modes if m not in MODES]
        if bad:
            raise ValueError(f"unknown mode {bad[0]!r} (modes: {', '.join(MODES)})")
    except ValueError as e:
        ap.error(f"--seeds/--modes: {e}")
    total = 0
    with ThreadPoolExecutor(args.jobs) as pool:
        for lines in pool.map(lambda s: check(s, modes, [args.python], args.keep, args.timeout),
                              range(lo, hi)):
            for line in lines:
                print(line, flush=True)
            total += bool(lines)
    print(f"{hi - lo} programs, {len(modes)} modes: {total} with differences", flush=True)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
