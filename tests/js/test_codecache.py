"""The code cache of compiled programs (a64js.codecache): entries written, read back,
never trusted when stale, truncated or corrupt; the switches; errors as without the
cache; bytecode read back the same as compiled."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from a64jit import cachefile
from a64js import codecache, compiler
from a64js.errors import JSCompileError

PROGRAM = """\
class A { get v() { return 1; } }
class B extends A { }
function f(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }
console.log(f(10), new B().v, `t${1 + 1}`, [..."ab"].join("-"));
"""
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(codecache.ENV, raising=False)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    codecache.set_enabled(True)


def _counting_parse(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each real parse (the cache's misses)."""
    calls: list[str] = []
    real = compiler.parse

    def parse(source: str, filename: str) -> Any:
        calls.append(filename)
        return real(source, filename)

    monkeypatch.setattr(compiler, "parse", parse)
    return calls


def _program(tmp_path: Path, text: str = PROGRAM, name: str = "p.js") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_cold_then_warm_same_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_parse(monkeypatch)
    path = _program(tmp_path)
    cold = compiler.compile_module(PROGRAM, path).disassemble()
    entry = Path(codecache.entry_path(path))
    assert entry.parent == tmp_path / "__pycache__" and entry.is_file()
    assert entry.name.startswith(f"p.js.a64js-{sys.implementation.cache_tag}-")
    warm = compiler.compile_module(PROGRAM, path)
    assert calls == [path]  # the second compile read the entry
    assert warm.disassemble() == cold
    assert codecache._encode(warm) == codecache._encode(compiler.compile_module(
        PROGRAM, path, cache=False))
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no temporary left


def test_edited_source_reparsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_parse(monkeypatch)
    path = _program(tmp_path)
    compiler.compile_module(PROGRAM, path)
    edited = PROGRAM.replace("f(10)", "f(11)")
    code = compiler.compile_module(edited, path).disassemble()
    assert len(calls) == 2
    assert compiler.compile_module(edited, path).disassemble() == code
    assert len(calls) == 2  # the entry now holds the edited source's code
    assert code == compiler.compile_module(edited, path, cache=False).disassemble() \
        != compiler.compile_module(PROGRAM, path, cache=False).disassemble()


def test_file_name_is_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_parse(monkeypatch)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = _program(tmp_path / "a")
    b = str(tmp_path / "b" / "p.js")
    compiler.compile_module(PROGRAM, a)
    os.makedirs(os.path.dirname(codecache.entry_path(b)))
    # a's entry copied where b's would be: the same source, another name, not used
    Path(codecache.entry_path(b)).write_bytes(Path(codecache.entry_path(a)).read_bytes())
    assert compiler.compile_module(PROGRAM, b).filename == b
    assert calls == [a, b]
    assert codecache.key(PROGRAM, a) != codecache.key(PROGRAM, b)


def _damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Any) -> None:
    calls = _counting_parse(monkeypatch)
    path = _program(tmp_path)
    want = compiler.compile_module(PROGRAM, path).disassemble()
    entry = Path(codecache.entry_path(path))
    entry.write_bytes(damage(entry.read_bytes()))
    assert compiler.compile_module(PROGRAM, path).disassemble() == want
    assert len(calls) == 2  # parsed again ...
    assert compiler.compile_module(PROGRAM, path).disassemble() == want
    assert len(calls) == 2  # ... and the entry written whole again


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],                                   # truncated
    lambda b: b[:-1],                                             # one byte short
    lambda b: b[:-20] + bytes([b[-20] ^ 1]) + b[-19:],            # a payload bit flipped
    lambda b: b"x" + b[1:],                                       # another magic
    lambda b: b[:20] + bytes([b[20] ^ 0x80]) + b[21:],            # another key
    lambda b: b"",                                                # empty
    lambda b: os.urandom(len(b)),                                 # garbage
], ids=["truncated", "short", "payload", "magic", "key", "empty", "garbage"])
def test_damaged_entry_reparsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                damage: Any) -> None:
    _damaged(tmp_path, monkeypatch, damage)


def _stored(code: Any) -> dict[str, Any]:
    return codecache._encode(code)


_GOOD = compiler.compile_module(PROGRAM, "p.js", cache=False)


@pytest.mark.parametrize("payload", [
    marshal.dumps([1, 2]), marshal.dumps(("tree", {"type": "Program", "body": 3})),
    marshal.dumps(("tree", {"type": "Script", "body": []})), b"\xff\xfe not marshal",
    marshal.dumps(("code", {"name": "x"})), marshal.dumps(("code", [])),
    marshal.dumps(("code", {**_stored(_GOOD), "consts": [("bogus",)]})),
    marshal.dumps(("code", {**_stored(_GOOD), "consts": [("code", {})]})),
    marshal.dumps(("code", {**_stored(_GOOD), "extra": 1})),
    marshal.dumps(("other", _stored(_GOOD))), marshal.dumps(("code",)),
], ids=["list", "body", "type", "not-marshal", "slots", "code-list", "const-kind",
        "nested-code", "extra-slot", "kind", "short"])
def test_checksummed_entry_not_a_tree_unused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             payload: bytes) -> None:
    """A whole entry (right key, right checksum) whose payload is not a program's tree,
    or not marshal data, is not used either."""
    def forge(b: bytes) -> bytes:
        head = b[:len(codecache.MAGIC) + 16]
        return head + cachefile.checksum(payload) + payload

    _damaged(tmp_path, monkeypatch, forge)


def test_switches_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_parse(monkeypatch)
    path = _program(tmp_path)
    for value in ("0", "off", "No", "false"):
        monkeypatch.setenv(codecache.ENV, value)
        assert not codecache.enabled()
        compiler.compile_module(PROGRAM, path)
    monkeypatch.delenv(codecache.ENV)
    codecache.set_enabled(False)
    compiler.compile_module(PROGRAM, path)
    codecache.set_enabled(True)
    compiler.compile_module(PROGRAM, path, cache=False)
    assert len(calls) == 6 and not (tmp_path / "__pycache__").exists()
    compiler.compile_module(PROGRAM, path)
    assert (tmp_path / "__pycache__").is_dir()


def test_unwritable_directory_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "__pycache__").write_text("a file where the directory would be")
    calls = _counting_parse(monkeypatch)
    path = _program(tmp_path)
    want = compiler.compile_module(PROGRAM, path, cache=False).disassemble()
    assert compiler.compile_module(PROGRAM, path).disassemble() == want
    assert compiler.compile_module(PROGRAM, path).disassemble() == want
    assert len(calls) == 3  # every compile parsed
    assert not codecache.store(PROGRAM, path, compiler.parse(PROGRAM, path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["__pycache__", "p.js"]


def test_pycache_prefix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prefix = tmp_path / "prefix"
    monkeypatch.setattr(sys, "pycache_prefix", str(prefix))
    path = _program(tmp_path)
    compiler.compile_module(PROGRAM, path)
    entry = Path(codecache.entry_path(path))
    assert entry.is_file() and str(entry).startswith(str(prefix) + os.sep)
    assert not (tmp_path / "__pycache__").exists()


def test_tree_marshal_refuses_not_stored(tmp_path: Path) -> None:
    path = _program(tmp_path)
    deep: dict[str, Any] = {"type": "Program", "body": []}
    for _ in range(5000):
        deep = {"type": "X", "x": deep}
    assert not codecache.store(PROGRAM, path, deep)
    assert not codecache.store(PROGRAM, path, {"type": "Program", "body": [object()]})
    odd = compiler.compile_module(PROGRAM, path, cache=False)
    odd.consts.append(object())
    assert not codecache.store(PROGRAM, path, odd)
    odd.consts.pop()
    odd.ops = []  # (decoded: it ran)
    assert not codecache.store(PROGRAM, path, odd)
    assert not (tmp_path / "__pycache__").exists() or \
        not any((tmp_path / "__pycache__").iterdir())


def test_fingerprint_follows_the_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any change to a file of the parser's package (its version, a reinstall) gives
    other keys; the package found is the one an import would load."""
    import esprima
    assert codecache._esprima_dir() == os.path.dirname(os.path.realpath(esprima.__file__))
    fake = tmp_path / "esprima"
    fake.mkdir()
    (fake / "_version.py").write_text('__version__ = "5.0.0"\n')
    (fake / "parser.py").write_text("# parser\n")
    monkeypatch.setattr(codecache, "_esprima_dir", lambda: str(fake))
    monkeypatch.setattr(codecache, "_fingerprint", [])
    seen = [codecache.key(PROGRAM, "p.js")]
    for change in ((fake / "_version.py", '__version__ = "5.0.1"\n'),
                   (fake / "parser.py", "# parser, edited\n")):
        change[0].write_text(change[1])
        codecache._fingerprint.clear()
        seen.append(codecache.key(PROGRAM, "p.js"))
    os.utime(fake / "parser.py", ns=(1, 1))
    codecache._fingerprint.clear()
    seen.append(codecache.key(PROGRAM, "p.js"))
    assert len(set(seen)) == 4


def test_default_constructors_as_parsed() -> None:
    """The default constructors built without the parser are the trees it gives."""
    for derived, src in ((True, "(class extends B { constructor(...args) { super(...args); } })"),
                         (False, "(class { constructor() {} })")):
        node = compiler.parse(src, "x.js")["body"][0]["expression"]["body"]["body"][0]["value"]
        compiler._strip_loc(node, None)
        assert compiler._default_ctor(derived) == node


def test_syntax_error_not_stored(tmp_path: Path) -> None:
    path = _program(tmp_path, "let x = ;\n")
    for _ in range(2):
        with pytest.raises(JSCompileError, match=r"p\.js:1:9: SyntaxError: Unexpected"):
            compiler.compile_module("let x = ;\n", path)
    assert not (tmp_path / "__pycache__").exists()


def _a64js(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != codecache.ENV}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "a64js", *args], capture_output=True,
                          text=True, env=full, timeout=120, cwd=ROOT)


@pytest.mark.parametrize("name, text", [
    ("syntax.js", "const a = 1;\nlet b = (;\n"),
    ("with.js", "const o = {};\nwith (o) { x = 1; }\n"),
    ("generator.js", "function* g() { yield 1; }\n"),
])
def test_cli_errors_cold_and_warm(tmp_path: Path, name: str, text: str) -> None:
    """Errors read as without the cache, in the first run and later ones (exit 2)."""
    path = _program(tmp_path, text, name)
    without = _a64js("--no-cache", path)
    assert without.returncode == 2 and without.stderr.startswith(f"a64js: {path}:")
    assert not (tmp_path / "__pycache__").exists()
    for _ in range(2):
        run = _a64js(path)
        assert (run.returncode, run.stdout, run.stderr) == (2, "", without.stderr)


def test_cli_warm_run_imports_no_parser(tmp_path: Path) -> None:
    path = _program(tmp_path)
    # the Python VM's run (the emulator backend's unicorn imports random and shutil itself)
    probe = ("import sys, runpy\nsys.argv = ['a64js', '--vm', 'python', sys.argv[1]]\n"
             "try:\n    runpy.run_module('a64js', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print('esprima' in sys.modules)\n"
             "print(*[m for m in ('json', 'random', 'decimal', 'shutil') if m in sys.modules])\n")
    runs = [subprocess.run([sys.executable, "-c", probe, path], capture_output=True,
                           text=True, timeout=120, cwd=ROOT,
                           env={**{k: v for k, v in os.environ.items() if k != codecache.ENV},
                                "A64JS_INTERPRETER_EXIT": "1"})  # (the probe prints after)
            for _ in range(2)]
    # (nor the modules of built-ins it does not call: start-up, see builtins._LAZY)
    assert runs[0].stdout.startswith("45 1 t2 a-b\nTrue\n")  # (esprima imports json)
    assert runs[1].stdout == "45 1 t2 a-b\nFalse\n\n"
    off = _a64js("--no-cache", path)
    assert off.stdout == "45 1 t2 a-b\n" and off.returncode == 0
    env_off = _a64js(path, env={codecache.ENV: "0"})
    assert env_off.stdout == "45 1 t2 a-b\n"


def test_has_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _program(tmp_path)
    assert not codecache.has_entry(PROGRAM, path)
    compiler.compile_module(PROGRAM, path)
    assert codecache.has_entry(PROGRAM, path)
    assert not codecache.has_entry(PROGRAM + " ", path)
    monkeypatch.setenv(codecache.ENV, "0")
    assert not codecache.has_entry(PROGRAM, path)


@pytest.mark.parametrize("vm", ["python", "heap"])
def test_cli_smallest_heap_cold_and_warm(tmp_path: Path, vm: str) -> None:
    """A run that parses and compiles and one that reads the cache (no parser loaded)
    both fit in the smallest bound (cli.FRONTEND_MARGIN_MB)."""
    path = _program(tmp_path)
    for _ in range(2):
        run = _a64js("--vm", vm, "--no-jit", "--max-heap", "1", path)
        assert (run.returncode, run.stdout, run.stderr) == (0, "45 1 t2 a-b\n", "")


def test_main_stores_entries(tmp_path: Path) -> None:
    """``python -m a64js.codecache FILE...`` stores what a run reads (the absolute name);
    a file that does not read or parse is reported on one line, exit 2."""
    good = _program(tmp_path)
    bad = _program(tmp_path, "let x = ;\n", "bad.js")
    run = subprocess.run([sys.executable, "-m", "a64js.codecache", "p.js", bad, "none.js"],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path,
                         env={k: v for k, v in os.environ.items() if k != codecache.ENV})
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines() == [
        f"a64js.codecache: {bad}:1:9: SyntaxError: Unexpected token ;",
        f"a64js.codecache: {tmp_path / 'none.js'}: cannot read: No such file or directory"]
    assert codecache.has_entry(PROGRAM, good) and not codecache.has_entry("let x = ;\n", bad)
    usage = subprocess.run([sys.executable, "-m", "a64js.codecache"], capture_output=True,
                           text=True, timeout=120, cwd=tmp_path)
    assert usage.returncode == 2 and usage.stderr.startswith("usage: python -m a64js.codecache")
    # --help asked for it: stdout, status 0 (it was the usage error); an option is named
    helped = subprocess.run([sys.executable, "-m", "a64js.codecache", "--help"],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert (helped.returncode, helped.stderr) == (0, "")
    assert helped.stdout.startswith("usage: python -m a64js.codecache FILE.js")
    bad_option = subprocess.run([sys.executable, "-m", "a64js.codecache", "-x", "p.js"],
                                capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert bad_option.returncode == 2
    assert bad_option.stderr.splitlines()[0] == "a64js.codecache: unknown option '-x'"


def _programs() -> list[Path]:
    return sorted((ROOT / "tests" / "js" / "programs").glob("*.js"))


def test_every_program_read_back_as_compiled() -> None:
    """Each test program's bytecode read back is what the compiler made (every slot of
    every Code, constants of every kind: null, uninitialized, -0, nested functions), and
    compiling leaves the parse tree as it was (what a rejected program's entry holds)."""
    kinds: set[str] = set()
    for path in _programs():
        source = compiler.read_source(str(path))
        try:
            tree = compiler.parse(source, str(path))
        except JSCompileError:
            continue
        before = marshal.dumps(tree)
        try:
            code = compiler.Compiler(str(path))._module(tree)
        except JSCompileError:
            assert tree == marshal.loads(before), path.name
            continue
        assert tree == marshal.loads(before), path.name
        stored = codecache._encode(code)
        back = codecache._decode(marshal.loads(marshal.dumps(stored)))
        assert codecache._encode(back) == stored, path.name
        assert back.disassemble() == code.disassemble()
        kinds.update(type(k).__name__ for k in _all_consts(back))
    assert {"_Null", "_Uninitialized", "Code", "float", "str", "bool", "NoneType"} <= kinds


def _all_consts(code: Any) -> list[Any]:
    out = list(code.consts)
    for k in code.consts:
        if type(k) is type(code):
            out += _all_consts(k)
    return out


def test_rejected_program_keeps_its_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A construct outside the subset: the entry holds the tree (no parse in later
    runs), and every compile raises the same error."""
    calls = _counting_parse(monkeypatch)
    text = "const o = {};\nwith (o) { x = 1; }\n"
    path = _program(tmp_path, text)
    errors = []
    for _ in range(3):
        with pytest.raises(JSCompileError) as e:
            compiler.compile_module(text, path)
        errors.append(str(e.value))
    assert errors == [f"{path}:2:1: unsupported: a 'with' statement (outside the a64js "
                      "JavaScript subset)"] * 3
    assert calls == [path]
    assert type(codecache.load(text, path)) is dict


def test_parser_missing_is_a_clear_error(tmp_path: Path) -> None:
    """Without esprima a program not in the cache is refused on one line (exit 2); one
    in the cache runs."""
    path = _program(tmp_path)
    probe = ("import sys\nsys.modules['esprima'] = None\nfrom a64js import cli\n"
             "raise SystemExit(cli.main(sys.argv[1:]))\n")
    env = {k: v for k, v in os.environ.items() if k != codecache.ENV}
    run = subprocess.run([sys.executable, "-c", probe, path], capture_output=True, text=True,
                         timeout=120, cwd=ROOT, env=env)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (f"a64js: {path}: cannot parse: the parser is missing (import of "
                          "esprima halted; None in sys.modules; a64js needs the esprima-fork "
                          "package)\n")
    _a64js(path)  # fills the cache
    run = subprocess.run([sys.executable, "-c", probe, path], capture_output=True, text=True,
                         timeout=120, cwd=ROOT, env=env)
    assert (run.returncode, run.stdout, run.stderr) == (0, "45 1 t2 a-b\n", "")


def test_math_random_made_on_first_use() -> None:
    """Math.random's generator, made at its first call, gives the sequence it gave when
    made with the realm (seeded: runs are reproducible)."""
    import random

    from a64js.vm import VM
    out: list[str] = []

    class Out:
        def write(self, text: str) -> None:
            out.append(text)

    vm = VM(["node", "x.js"], Out())  # type: ignore[arg-type]
    code = compiler.compile_module("console.log(Math.random(), Math.random());\n",
                                   "x.js", cache=False)
    from a64js.interp import run
    from a64js.runtime import R
    from a64js.values import JSFunction
    run(JSFunction(R.function_proto, code, None), None, [None] * 5)
    rng = random.Random(0x5EED)
    want = [rng.random(), rng.random()]
    assert [float(x) for x in "".join(out).split()] == want
    assert vm.globals is not None


def test_made_up_name_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A source compiled under a name that is no file (an API caller's) writes nothing."""
    monkeypatch.chdir(tmp_path)
    compiler.compile_module(PROGRAM, "made-up.js")
    compiler.compile_module(PROGRAM, str(tmp_path / "none" / "p.js"))
    assert list(tmp_path.iterdir()) == []
