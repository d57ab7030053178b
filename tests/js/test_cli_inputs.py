"""The ``a64js`` command with the inputs a newcomer gets wrong: one line naming the file,
position or option at fault, a documented exit status, never a Python traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def a64js(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([sys.executable, "-m", "a64js", *argv], capture_output=True, text=True,
                       timeout=timeout)
    assert "Traceback" not in r.stderr, r.stderr
    return r


@pytest.mark.parametrize("vm", [["--vm", "python"], ["--vm", "heap", "--no-jit"]])
def test_closed_output_pipe_stops_quietly(tmp_path: Path, vm: list[str]) -> None:
    p = tmp_path / "many.js"
    p.write_text("for (let i = 0; i < 100000; i++) console.log(i);\n")
    proc = subprocess.Popen([sys.executable, "-m", "a64js", *vm, str(p)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline() == b"0\n"
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode()
    assert (proc.wait(timeout=120), err) == (141, "")


def test_print_bytecode_into_head() -> None:
    # the README's `a64js --print-bytecode tests/js/programs/scheduler.js | head -30`
    prog = Path(__file__).parent / "programs" / "scheduler.js"
    proc = subprocess.Popen([sys.executable, "-m", "a64js", "--print-bytecode", str(prog)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b"== function <module>")
    proc.stdout.close()
    # 141 once a write finds the pipe closed; a write cut short by the close ends quietly
    assert proc.wait(timeout=120) in (0, 141)
    assert proc.stderr.read() == b""


def test_max_heap_must_be_a_size(tmp_path: Path) -> None:
    p = tmp_path / "hi.js"
    p.write_text("console.log('hi');\n")
    for bad in ("0", "-5", "lots"):
        r = a64js("--max-heap", bad, str(p))
        assert r.returncode == 2 and r.stdout == ""
        assert f"--max-heap: '{bad}' is not a size in MiB (1 or more)" in r.stderr
    # the VM's own code is loaded before the bound: a small one still runs a small program
    r = a64js("--max-heap", "1", str(p))
    assert (r.returncode, r.stdout) == (0, "hi\n")


@pytest.mark.parametrize("vm", [["--vm", "python"], ["--vm", "heap"]])
def test_max_heap_beyond_the_largest_heap(tmp_path: Path, vm: list[str]) -> None:
    """A --max-heap larger than a heap can be (its semispaces are at most 2**40 bytes)
    is as large as the heap goes: the program runs (the heap VM stopped with 'internal
    error: ValueError: Heap: max_semispace must be an int in [33554432, 2**40]')."""
    from a64js.hvm import vm as hvm

    assert hvm.heap_options(99_999_999_999)["max_semispace"] == 1 << 40
    assert hvm.heap_options(1 << 22)["max_semispace"] == 1 << 40
    assert hvm.heap_options((1 << 22) - 4)["max_semispace"] == (1 << 40) - (1 << 20)
    p = tmp_path / "hi.js"
    p.write_text("console.log('hi');\n")
    r = a64js(*vm, "--max-heap", "99999999999", str(p))
    assert (r.returncode, r.stdout, r.stderr) == (0, "hi\n", "")


@pytest.mark.parametrize("mb", [str(1 << 43), "99999999999999999999"])
def test_max_heap_past_any_address_space(tmp_path: Path, mb: str) -> None:
    """A --max-heap whose bound does not fit setrlimit's 64-bit limit (2**43 MiB and
    up) bounds nothing, as a larger address space than any would: the program runs (it
    was a traceback, OverflowError: Python int too large to convert to C long)."""
    p = tmp_path / "hi.js"
    p.write_text("console.log('hi');\n")
    for vm in ("python", "heap"):
        r = a64js("--vm", vm, "--max-heap", mb, str(p))
        assert (r.returncode, r.stdout, r.stderr) == (0, "hi\n", ""), vm


@pytest.mark.parametrize("jit", [["--no-jit"], []])
def test_heap_vm_with_the_smallest_heap(tmp_path: Path, jit: list[str]) -> None:
    # its realm (and JIT) are set up before the bound, and its heap grows from small: a
    # small program runs in --max-heap 1 as on the Python VM
    p = tmp_path / "hi.js"
    p.write_text("console.log('hi');\n")
    r = a64js("--vm", "heap", *jit, "--max-heap", "1", str(p))
    assert (r.returncode, r.stdout, r.stderr) == (0, "hi\n", "")


@pytest.mark.parametrize("vm", ["python", "heap"])
def test_source_that_is_not_text(tmp_path: Path, vm: str) -> None:
    p = tmp_path / "prog.js"
    p.write_bytes(b"console.log(1);\n\xff\xfe")
    r = a64js("--vm", vm, "--no-jit", str(p))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == f"a64js: {p}: cannot read: not UTF-8 text (byte 0xff at offset 16)\n"


@pytest.mark.parametrize("vm", ["python", "heap"])
def test_bigint_literal_is_outside_the_subset(tmp_path: Path, vm: str) -> None:
    # esprima gives a BigInt literal the value None: it printed "null" instead of 2n
    p = tmp_path / "big.js"
    p.write_text("let x = 1;\nx = 2n;\nconsole.log(x);\n")
    r = a64js("--vm", vm, "--no-jit", str(p))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == (f"a64js: {p}:2:5: unsupported: the BigInt literal 2n (outside the "
                        "a64js JavaScript subset)\n")


@pytest.mark.parametrize("vm", ["python", "heap"])
@pytest.mark.parametrize(("source", "col", "construct"), [
    ("with (Math) { console.log(PI); }", 1, "a 'with' statement"),  # was 'WithStatement'
    ("import('x');", 1, "import()"),
    ("function* g() { yield 1; }", 1, "a generator function (function*)"),
])
def test_unsupported_constructs_are_named_as_javascript(tmp_path: Path, vm: str, source: str,
                                                        col: int, construct: str) -> None:
    p = tmp_path / "u.js"
    p.write_text(f"console.log(1);\n{source}\n")
    r = a64js("--vm", vm, "--no-jit", str(p))
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == (f"a64js: {p}:2:{col}: unsupported: {construct} (outside the a64js "
                        "JavaScript subset)\n")


def test_an_option_is_never_abbreviated(tmp_path: Path) -> None:
    # "--jit" was taken as --jit-threshold: "argument --jit-threshold: expected one argument"
    p = tmp_path / "hi.js"
    p.write_text("console.log('hi');\n")
    r = a64js("--jit", str(p))
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "a64js: error: unrecognized arguments: --jit (see --help)\n"


def test_stats_say_which_vm_has_a_jit(tmp_path: Path) -> None:
    p = tmp_path / "hi.js"
    p.write_text("console.log('hi');\n")
    r = a64js("--vm", "python", "--stats", str(p))
    assert r.returncode == 0
    assert "jit: none (this VM interprets; --vm heap has the baseline JIT)" in r.stderr
    assert "not built yet" not in r.stderr


def test_help_documents_the_exit_statuses() -> None:
    r = a64js("--help")
    assert r.returncode == 0
    text = " ".join(r.stdout.split())
    for status in ("0 ok", "1 uncaught exception", "2 syntax error", "70 internal error",
                   "141 output pipe closed", "process.exit(N) exits with N"):
        assert status in text


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    p = tmp_path / "hi.js"
    p.write_text("console.log('hi');\n")
    for argv, says in ((["--vm", "nope", str(p)], "argument --vm: invalid choice: 'nope'"),
                       (["--bogus", str(p)], "unrecognized arguments: --bogus"),
                       ([], "a JavaScript file is required")):
        r = a64js(*argv)
        assert (r.returncode, r.stdout) == (2, "")
        lines = r.stderr.splitlines()  # argparse printed the whole usage first
        assert len(lines) == 1 and lines[0].startswith(f"a64js: error: {says}"), r.stderr
        assert lines[0].endswith("(see --help)")


@pytest.mark.parametrize(("argv", "says"), [
    (["--vm", "python", "--jit-threshold", "0", "p.js"],
     "--jit-threshold applies to --vm heap (the python VM"),
    (["--vm", "python", "--print-code", "p.js"], "--print-code applies to --vm heap"),
    (["--vm", "python", "--stress-bailouts", "p.js"], "--stress-bailouts applies to --vm heap"),
    (["--no-jit", "--print-code", "p.js"], "--print-code applies to the JIT, which --no-jit"),
    (["--vm", "heap", "--no-jit", "--jit-threshold", "5", "p.js"],
     "--jit-threshold applies to the JIT, which --no-jit turns off"),
    (["--vm", "heap", "--stress-bailouts", "x", "p.js"], "'x' is not a seed"),
])
def test_jit_options_without_the_jit_are_refused(capsys: pytest.CaptureFixture[str],
                                                 argv: list[str], says: str) -> None:
    """They were ignored without a word (a64js --jit-threshold 0 p.js ran the Python VM
    while it was the default)."""
    from a64js import cli

    with pytest.raises(SystemExit) as exc:
        cli._parse(argv)
    assert exc.value.code == 2
    assert says in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "seed", "file", "args"), [
    (["--vm", "heap", "--stress-bailouts", "p.js"], "all", "p.js", []),
    (["--vm", "heap", "--stress-bailouts", "7", "p.js", "x"], 7, "p.js", ["x"]),
    (["--vm", "heap", "--stress-bailouts=3", "p.js"], 3, "p.js", []),
    (["--vm", "heap", "--stress-bailouts", "all", "p.js"], "all", "p.js", []),
    (["--vm", "heap", "--stress-bailouts", "prog"], "all", "prog", []),
    (["--vm", "heap", "--stress-bailouts", "--stats", "p.js"], "all", "p.js", []),
    (["--vm", "heap", "--stress-bailouts", "-4", "p.js"], -4, "p.js", []),
    (["--vm", "heap", "p.js", "--stress-bailouts", "7"], None, "p.js",
     ["--stress-bailouts", "7"]),
])
def test_stress_bailouts_seed(argv: list[str], seed: object, file: str,
                              args: list[str]) -> None:
    """A bare --stress-bailouts takes no SEED; one written before the file is its SEED
    (it was taken for the file: 'cannot read .../7'); after the file, the program's."""
    from a64js import cli

    ns = cli._parse(argv)
    assert (ns.stress_bailouts, ns.file, ns.args) == (seed, file, args)


@pytest.mark.parametrize("name", ["bogus", "native"])
def test_heap_vm_without_a_backend(tmp_path: Path, name: str) -> None:
    """A64JIT_BACKEND naming no backend, or the native one on another CPU: one line, exit
    2 (was a traceback from the backend's set-up)."""
    import os
    import platform

    if name == "native" and platform.machine() in ("aarch64", "arm64"):
        pytest.skip("the native backend runs here")
    p = tmp_path / "hi.js"
    p.write_text("console.log('hi');\n")
    r = subprocess.run([sys.executable, "-m", "a64js", "--vm", "heap", str(p)],
                       capture_output=True, text=True, timeout=120,
                       env={**os.environ, "A64JIT_BACKEND": name})
    assert (r.returncode, r.stdout) == (2, "")
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("a64js: error: --vm heap: no runtime "
                                                   "backend: "), r.stderr
    assert name in lines[0] or "AArch64" in lines[0]
    assert "backend=" not in lines[0]  # the API's words: this command has no such option
    if name == "native":
        assert "use A64JIT_BACKEND=emulator (or leave it unset)" in lines[0], lines[0]
    else:
        assert "choose one of ['emulator', 'native']" in lines[0], lines[0]


@pytest.mark.parametrize("vm", [["--vm", "python"], ["--vm", "heap"]])
def test_ctrl_c_stops_quietly(tmp_path: Path, vm: list[str]) -> None:
    """Ctrl-C: exit 130 (node's), what was printed kept, nothing on stderr (was a
    KeyboardInterrupt traceback from the main thread's join, and with the JIT on the
    emulator a second one from the VM's thread)."""
    import os
    import signal

    p = tmp_path / "long.js"
    p.write_text("console.log('started');\nvar s = 0;\n"
                 "for (var i = 0; i < 1e12; i++) { s += i; }\nconsole.log(s);\n")
    # (SIGINT's default action in the child, as a terminal's: a pytest-xdist worker
    # ignores SIGINT, and a Python started with it ignored never hears Ctrl-C)
    proc = subprocess.Popen([sys.executable, "-m", "a64js", *vm, str(p)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline() == b"started\n"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()  # a run that missed the signal loops for hours: never leave it behind
        proc.wait()
    assert (proc.returncode, out, err) == (130, b"", b"")


def test_ctrl_c_as_the_vm_thread_starts(tmp_path: Path) -> None:
    """Ctrl-C heard while the VM thread's start() returns (the thread may have printed by
    then: a race the test above met once under load) is the same quiet exit 130, not a
    KeyboardInterrupt traceback: here start() raises it after starting the thread."""
    p = tmp_path / "long.js"
    p.write_text("console.log('started');\nvar s = 0;\n"
                 "for (var i = 0; i < 1e12; i++) { s += i; }\n")
    driver = ("import sys, threading\n"
              "from a64js import cli\n"
              "start = threading.Thread.start\n"
              "def late(self):\n"
              "    start(self)\n"
              "    if self.name == 'a64js':\n"
              "        raise KeyboardInterrupt\n"
              "threading.Thread.start = late\n"
              f"sys.argv = ['a64js', '--vm', 'python', {str(p)!r}]\n"
              "cli.console()\n")
    proc = subprocess.run([sys.executable, "-c", driver], capture_output=True, text=True,
                          timeout=120, check=False)
    assert (proc.returncode, proc.stderr) == (130, "")


@pytest.mark.parametrize("vm", [["--vm", "python"], ["--vm", "heap"]])
def test_a_file_that_is_not_a_program(tmp_path: Path, vm: list[str]) -> None:
    """A missing file or a directory: one line naming it and why (exit 2); an empty
    file is an empty program (nothing printed, exit 0), as in node."""
    missing, folder, empty = tmp_path / "nope.js", tmp_path / "dir.js", tmp_path / "e.js"
    folder.mkdir()
    empty.write_text("")
    r = a64js(*vm, str(missing))
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == f"a64js: {missing}: cannot read: No such file or directory\n"
    r = a64js(*vm, str(folder))
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == f"a64js: {folder}: cannot read: Is a directory\n"
    assert a64js(*vm, str(empty)).returncode == 0


@pytest.mark.parametrize("vm", [["--vm", "python"], ["--vm", "heap", "--no-jit"],
                                ["--vm", "heap", "--jit-threshold", "0"]])
@pytest.mark.parametrize("src, thrown", [
    ("var a = null;\nconsole.log(a.x);\n", "TypeError: Cannot read properties of null "
     "(reading 'x')"),
    ("console.log(1);\nthrow 42;\n", "42"),
    ("console.log(1);\nthrow { a: 1 };\n", "{ a: 1 }")])
def test_uncaught_values_name_the_place(tmp_path: Path, vm: list[str], src: str,
                                        thrown: str) -> None:
    """null.x and a thrown value that is not an Error, uncaught: 'Uncaught <value>' and
    the place (exit 1), the same in every VM and with the JIT. (For a throw node names
    the statement, a64js the last instruction of its argument; the column of a.x is
    node's: test_uncaught_error_places_are_nodes.)"""
    p = tmp_path / "t.js"
    p.write_text(src)
    r = a64js(*vm, str(p))
    assert r.returncode == 1
    assert r.stdout == ("" if src.startswith("var") else "1\n")
    first, at = r.stderr.splitlines()
    assert first == f"Uncaught {thrown}"
    assert at.startswith(f"    at <module> ({p}:2:") and at.endswith(")"), at


#: Uncaught errors of property accesses and calls: the program, node's place (line:column
#: from its caret) and node's error line (node v20; re-checked by test_places_are_nodes).
PLACES = [
    ("var a;\nconsole.log(a.x);\n", "2:15",
     "TypeError: Cannot read properties of undefined (reading 'x')"),
    ("var a = {};\nconsole.log(a.b.c);\n", "2:17",
     "TypeError: Cannot read properties of undefined (reading 'c')"),
    ("var a, i = 0;\nconsole.log(a[i]);\n", "2:14",
     "TypeError: Cannot read properties of undefined (reading '0')"),
    ("function f() {}\nconsole.log(f().x);\n", "2:16",
     "TypeError: Cannot read properties of undefined (reading 'x')"),
    ("function f() { return {}; }\nf().a.b;\n", "2:6",
     "TypeError: Cannot read properties of undefined (reading 'b')"),
    ("var g = 5;\ng(1);\n", "2:1", "TypeError: g is not a function"),
    ("var o = {};\no.m();\n", "2:3", "TypeError: o.m is not a function"),
    ("var o = {};\no[\"m\"](1);\n", "2:7", "TypeError: o.m is not a function"),
    ("var g = {};\n(g)(1);\n", "2:4", "TypeError: g is not a function"),
    ("var a = null;\n  a.x = 1;\n", "2:7",
     "TypeError: Cannot set properties of null (setting 'x')"),
    ("var a;\na[0] = 2;\n", "2:6", "TypeError: Cannot set properties of undefined (setting '0')"),
    ("var a;\nconsole.log(a\n  .x);\n", "3:4",
     "TypeError: Cannot read properties of undefined (reading 'x')"),
    ("var o = {a: {}};\no?.a.b.c;\n", "2:7",
     "TypeError: Cannot read properties of undefined (reading 'c')"),
    ("var a;\na[ /* c */ 0];\n", "2:2",
     "TypeError: Cannot read properties of undefined (reading '0')"),
    ("var a;\na.x // c\n  = 1;\n", "3:3",
     "TypeError: Cannot set properties of undefined (setting 'x')"),
    ("var o = {};\no?.m();\n", "2:4", "TypeError: o?.m is not a function"),
    ("var o = {}, i = 'm';\no?.[i]();\n", "2:7", "TypeError: o?.[i] is not a function"),
]


@pytest.mark.parametrize("vm", [["--vm", "python"], ["--vm", "heap", "--jit-threshold", "0"]],
                         ids=["python", "jit"])
@pytest.mark.parametrize(("src", "place", "error"), PLACES, ids=[p[1] for p in PLACES])
def test_uncaught_error_places_are_nodes(tmp_path: Path, vm: list[str], src: str,
                                         place: str, error: str) -> None:
    """The place of an uncaught error is node's: a property read at its name (a64js named
    the object: a.x at a), after a call at its '.', a computed one at its '[', a store at
    its '=', a call of a non-function at the callee's name or else its '('."""
    p = tmp_path / "t.js"
    p.write_text(src)
    r = a64js(*vm, str(p))
    assert (r.returncode, r.stdout) == (1, "")
    first, at = r.stderr.splitlines()
    assert (first, at) == (f"Uncaught {error}", f"    at <module> ({p}:{place})")


def _node_place(node: str, path: Path, *argv: str, stdin: str | None = None
                ) -> tuple[str, str, str]:
    """Node's run of ``path``: (stdout, its place line:column, its error line)."""
    r = subprocess.run([node, str(path), *argv], capture_output=True, text=True, timeout=60,
                       input=stdin, cwd=path.parent)
    lines = r.stderr.splitlines()
    line = lines[0].rsplit(":", 1)[1]
    column = lines[2].index("^") + 1
    error = next(ln for ln in lines[3:] if ln.strip())
    return r.stdout, f"{line}:{column}", error


@pytest.mark.parametrize(("src", "place", "error"), PLACES, ids=[p[1] for p in PLACES])
def test_places_are_nodes(tmp_path: Path, node: str, src: str, place: str,
                          error: str) -> None:
    p = tmp_path / "t.js"
    p.write_text(src)
    assert _node_place(node, p) == ("", place, error)


STDIN_PROGRAM = ("const lib = require('./lib/m');\n"
                 "console.log(__filename, __dirname, process.argv.slice(1), lib.v);\n"
                 "let a;\nconsole.log(a.x);\n")


@pytest.mark.parametrize("vm", [["--vm", "python"], ["--vm", "heap", "--no-jit"], []],
                         ids=["python", "heap", "default"])
def test_program_from_stdin(tmp_path: Path, vm: list[str]) -> None:
    """``a64js -`` runs the program on stdin as ``node -`` does: named [stdin] (its
    __filename and messages), __dirname '.', process.argv[1] '-', require from the
    working directory (a64js took '-' for a file: 'cannot read: No such file')."""
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "m.js").write_text("exports.v = 42;\n")
    r = subprocess.run([sys.executable, "-m", "a64js", *vm, "-", "x", "y"], input=STDIN_PROGRAM,
                       capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert r.stdout == "[stdin] . [ '-', 'x', 'y' ] 42\n"
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        "Uncaught TypeError: Cannot read properties of undefined (reading 'x')",
        "    at <module> ([stdin]:4:15)"]
    # errors before the run name it too (exit 2)
    # (esprima's "Line 1: " repeated the place: "[stdin]:1:9: SyntaxError: Line 1: ...")
    for text, says in (("let x = ;\n", "a64js: [stdin]:1:9: SyntaxError: Unexpected token ;\n"),
                       ("\xff", "a64js: [stdin]: cannot read: not UTF-8 text (byte 0xff at "
                                "offset 0)")):
        raw = subprocess.run([sys.executable, "-m", "a64js", *vm, "-"],
                             input=text.encode("latin-1"), capture_output=True, timeout=120,
                             cwd=tmp_path)
        assert (raw.returncode, raw.stdout) == (2, b"")
        assert raw.stderr.decode().startswith(says), raw.stderr


def test_program_from_stdin_is_nodes(tmp_path: Path, node: str) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "m.js").write_text("exports.v = 42;\n")
    r = subprocess.run([node, "-", "x", "y"], input=STDIN_PROGRAM, capture_output=True,
                       text=True, timeout=60, cwd=tmp_path)
    assert (r.returncode, r.stdout) == (1, "[stdin] . [ '-', 'x', 'y' ] 42\n")
    lines = r.stderr.splitlines()
    assert lines[0] == "[stdin]:4" and lines[2].index("^") + 1 == 15
    assert "TypeError: Cannot read properties of undefined (reading 'x')" in lines


def test_stdin_dash_is_the_file_for_the_seed_rule() -> None:
    """'-' ends the options as a .js file does: a word after --stress-bailouts before it
    is its seed, a bare one means every guard."""
    from a64js import cli

    ns = cli._parse(["--stress-bailouts", "-", "a"])
    assert (ns.stress_bailouts, ns.file, ns.args) == ("all", "-", ["a"])
    ns = cli._parse(["--stress-bailouts", "5", "-"])
    assert (ns.stress_bailouts, ns.file) == (5, "-")


def test_version() -> None:
    # it said "a JavaScript file is required" (a64jit --version worked, a64js had none)
    from a64jit import __version__
    for argv in (["--version"], ["--version", "p.js"]):
        r = a64js(*argv)
        assert (r.returncode, r.stdout, r.stderr) == (0, f"a64js {__version__}\n", "")
    assert "--version" in a64js("--help").stdout


@pytest.mark.parametrize("call", ["new Function('return 1')", "Function('return 1')"])
def test_function_constructor_is_named_in_the_heap_vm(tmp_path: Path, call: str) -> None:
    # code from strings is outside the subset; `new Function(...)` was the TypeError
    # "Function is not a constructor", as if the program had a bug
    p = tmp_path / "f.js"
    p.write_text(f"console.log(1);\nconst f = {call};\n")
    r = a64js("--no-jit", str(p))
    assert (r.returncode, r.stdout) == (2, "1\n")
    assert r.stderr.startswith(f"a64js: {p}:2:11: ")
    assert "Function() is not supported" in r.stderr and "Traceback" not in r.stderr
