"""How ``python -m a64js`` ends (a64js.cli.end_process): everything printed is flushed,
the atexit handlers run, the interpreter's finalization of modules and objects is skipped;
A64JS_INTERPRETER_EXIT leaves the ending to the interpreter (harnesses that run a64js with
runpy and report after it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# a module-level object whose finalizer shows whether the interpreter finalized modules,
# an atexit handler registered before a64js's, and the run as python -m runs it
_PROBE = """
import atexit, runpy, sys
class Witness:
    def __del__(self):
        sys.stderr.write("finalized\\n")
witness = Witness()
atexit.register(lambda: sys.stderr.write("atexit ran\\n"))
sys.argv = ["a64js", *sys.argv[1:]]
runpy.run_module("a64js", run_name="__main__", alter_sys=True)
"""


def _probe(tmp_path: Path, source: str, *options: str,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    js = tmp_path / "p.js"
    js.write_text(source)
    full = {k: v for k, v in os.environ.items() if k != "A64JS_INTERPRETER_EXIT"}
    return subprocess.run([sys.executable, "-c", _PROBE, *options, str(js)],
                          capture_output=True, text=True, timeout=300, check=False,
                          env={**full, "A64JS_CACHE": "0", **(env or {})})


@pytest.mark.parametrize("source, status, err", [
    ("for (let i = 0; i < 3000; i++) console.log(i);\n", 0, ""),
    ("console.log(1); process.exit(3);\n", 3, ""),
    ("console.log(1); throw new TypeError('x');\n", 1, "Uncaught TypeError: x"),
])
def test_ends_at_once_after_flushing_and_atexit(tmp_path: Path, source: str, status: int,
                                                err: str) -> None:
    p = _probe(tmp_path, source, "--jit-threshold", "0")
    assert p.returncode == status, p.stderr
    assert p.stdout == ("".join(f"{i}\n" for i in range(3000)) if status == 0 else "1\n")
    assert p.stderr.startswith(err) and p.stderr.endswith("atexit ran\n")
    assert "finalized" not in p.stderr  # (the old ending finalized the modules)


def test_stats_and_syntax_error_print(tmp_path: Path) -> None:
    p = _probe(tmp_path, "console.log(2)\n", "--stats")
    assert (p.returncode, p.stdout) == (0, "2\n")
    assert p.stderr.startswith("a64js stats: vm heap") and p.stderr.endswith("atexit ran\n")
    p = _probe(tmp_path, "let = ;\n")
    assert (p.returncode, p.stdout) == (2, "")
    assert "SyntaxError" in p.stderr and p.stderr.endswith("atexit ran\n")


def test_interpreter_exit_for_harnesses(tmp_path: Path) -> None:
    p = _probe(tmp_path, "console.log(1)\n", env={"A64JS_INTERPRETER_EXIT": "1"})
    assert (p.returncode, p.stdout) == (0, "1\n")
    assert "atexit ran\n" in p.stderr and "finalized" in p.stderr


# the console script as pip makes it: the entry point pyproject names, called as its
# generated wrapper calls it (sys.exit of its result)
_CONSOLE = """
import atexit, sys
from importlib.metadata import entry_points
class Witness:
    def __del__(self):
        sys.stderr.write("finalized\\n")
witness = Witness()
atexit.register(lambda: sys.stderr.write("atexit ran\\n"))
(ep,) = [e for e in entry_points(group="console_scripts") if e.name == "a64js"]
sys.argv = ["a64js", *sys.argv[1:]]
sys.exit(ep.load()())
"""


def test_console_script_ends_as_python_m(tmp_path: Path) -> None:
    js = tmp_path / "p.js"
    js.write_text("console.log(5); throw new RangeError('r');\n")
    full = {k: v for k, v in os.environ.items() if k != "A64JS_INTERPRETER_EXIT"}
    p = subprocess.run([sys.executable, "-c", _CONSOLE, str(js)], capture_output=True,
                       text=True, timeout=300, check=False, env={**full, "A64JS_CACHE": "0"})
    assert (p.returncode, p.stdout) == (1, "5\n"), p.stderr
    assert p.stderr.startswith("Uncaught RangeError: r") and p.stderr.endswith("atexit ran\n")
    assert "finalized" not in p.stderr  # (a64js.cli:main as the entry point finalized)


@pytest.mark.parametrize("vm", ["heap", "python"])
@pytest.mark.parametrize("code, status, err", [
    ('" 263 "', 7, ""),        # a string that reads as a number: that number, modulo 256
    ("-1", 255, ""),
    ("2 ** 40", 0, ""),         # (was a Python traceback)
    ("", 0, ""),
    ("undefined", 0, ""),       # (was 'internal error', status 70, in the heap VM)
    ("null", 0, ""),
    ('"x"', 1, 'Uncaught TypeError: The "code" argument must be of type number. '
              "Received type string ('x')"),
    ("1.5", 1, 'Uncaught RangeError: The value of "code" is out of range. '
               "It must be an integer. Received 1.5"),
])
def test_process_exit_status(tmp_path: Path, vm: str, code: str, status: int,
                             err: str) -> None:
    """process.exit(code)'s status and errors as node 20's (tests/js/programs/
    feat_process_exit.js has the errors programs catch)."""
    js = tmp_path / "p.js"
    js.write_text(f"console.log(1); process.exit({code}); console.log(2);\n")
    p = subprocess.run([sys.executable, "-m", "a64js", "--vm", vm, str(js)],
                       capture_output=True, text=True, timeout=300, check=False,
                       env={**os.environ, "A64JS_CACHE": "0"})
    assert (p.returncode, p.stdout) == (status, "1\n"), p.stderr
    assert p.stderr.startswith(err) and "Traceback" not in p.stderr
    assert "internal error" not in p.stderr


@pytest.mark.parametrize("vm", ["heap", "python"])
@pytest.mark.parametrize("source, status", [
    ("process.exitCode = 4;", 4),              # a normal end exits with it (was 0)
    ('process.exitCode = "5"; process.exit();', 5),
    ("process.exitCode = 3; process.exit(2);", 2),
    ("process.exitCode = 7; process.exit(undefined);", 0),  # an argument, even undefined
    ("process.exitCode = 6; process.exit(null);", 0),
    ("process.exitCode = 260;", 4),
])
def test_process_exit_code(tmp_path: Path, vm: str, source: str, status: int) -> None:
    """process.exitCode as node 20 reads it: at a normal end and by process.exit()."""
    js = tmp_path / "p.js"
    js.write_text(f"console.log(1); {source}\n")
    p = subprocess.run([sys.executable, "-m", "a64js", "--vm", vm, str(js)],
                       capture_output=True, text=True, timeout=300, check=False,
                       env={**os.environ, "A64JS_CACHE": "0"})
    assert (p.returncode, p.stdout, p.stderr) == (status, "1\n", "")
