"""Run one benchmark program in this process and report its time, imports excluded.

``python _timed.py module a64js [--no-jit] FILE.js`` runs ``python -m a64js ...``;
``python _timed.py script TWIN.py`` runs a CPython twin. Before the clock starts, both
sides get their code imported: for a64js the whole package, the a64jit backend that
``A64JIT_BACKEND`` (or the host) selects and the standard modules its command line and
VMs import lazily (:data:`STDLIB`); for a twin, its helper module ``jsrt`` and the modules
the twin imports. What stays in the timed region is what a run does: for a64js the VM's
start-up (argument parsing, the backend, the realm's built-ins, the JIT's runtime), then
parsing, compiling and running the program; for a twin, compiling and running it.
CPython's own start-up is counted on neither side.

The program's stdout is untouched. Its stderr gets, last, ``bench-seconds S`` (the CPU
time of this process, all threads, in the timed region; wall time when the environment
has ``BENCH_CLOCK=wall``), and before it, for a64js, ``bench-startup S``: the part of S
spent before the program's source is read (the VM's start-up above). With
``BENCH_IMPORTS=1`` it also writes ``bench-imported M ...``: the modules imported inside
the timed region (none is the aim: tests check it). The exit status is the program's.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import os
import pkgutil
import runpy
import sys
import time
from pathlib import Path
from typing import Any

#: Standard modules that a64js's run imports on first use, measured with BENCH_IMPORTS=1
#: on the host and natively (shutil: argparse's help formatter; resource: the CLI's heap
#: bound; locale: the streams' set-up; atexit: a64jit's debug hooks; the codec of the JS
#: strings): a module's first import is a cost of the harness, not of the program.
STDLIB = ("shutil", "locale", "resource", "atexit", "encodings.utf_16_le")


def _import(name: str) -> None:
    try:
        importlib.import_module(name)
    except Exception as e:  # a module this host lacks (or a broken one) must not stop the run
        sys.stderr.write(f"_timed: not preimported: {name}: {type(e).__name__}: {e}\n")


def _preimport_package(package: str, skip: frozenset[str] = frozenset()) -> None:
    """``package`` and its modules, recursively (each failure reported, not fatal)."""
    try:
        pkg = importlib.import_module(package)
    except Exception as e:
        sys.stderr.write(f"_timed: not preimported: {package}: {type(e).__name__}: {e}\n")
        return
    for info in pkgutil.iter_modules(getattr(pkg, "__path__", []), package + "."):
        if info.name.endswith(".__main__") or info.name in skip:
            continue
        if info.ispkg:
            _preimport_package(info.name, skip)
        else:
            _import(info.name)


def _preimport_a64js() -> None:
    for name in STDLIB:
        _import(name)
    _preimport_package("a64js")
    _preimport_package("esprima")
    # the backend the run will select (its module; the instance is the VM's start-up)
    try:
        from a64jit.runtime import select

        spec = select.BACKENDS[select.default_backend_name()]
    except Exception as e:  # the run reports a bad A64JIT_BACKEND itself
        sys.stderr.write(f"_timed: no backend preimported: {type(e).__name__}: {e}\n")
        return
    chosen = "a64jit.runtime" + spec.partition(":")[0]
    others = {"a64jit.runtime" + s.partition(":")[0] for s in select.BACKENDS.values()}
    _preimport_package("a64jit.runtime", frozenset(others - {chosen}))
    _import(chosen)
    for other in sorted(others - {chosen}):  # the run may import another backend where it can
        with contextlib.suppress(Exception):
            importlib.import_module(other)
    if chosen.endswith(".emulator"):
        # Unicorn imports its architecture's module when the emulator makes its engine
        _import("unicorn.unicorn_py3.arch.arm64")


def _preimport_twin(path: Path) -> None:
    """The modules ``path`` imports (top-level import statements), jsrt among them."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    except (OSError, SyntaxError, ValueError):
        return  # the timed run reports it
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                _import(alias.name)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module != "__future__":
            _import(node.module)


class _Startup:
    """Notes the clock when the program's source is first read (the VM's start-up ends)."""

    def __init__(self, clock: Any) -> None:
        self.clock = clock
        self.at: float | None = None

    def install(self) -> None:
        from a64js import vm
        from a64js.hvm import vm as hvm

        for cls in (vm.VM, hvm.HeapVM):
            self._wrap(cls)

    def _wrap(self, cls: Any) -> None:
        inner = cls.compile_file
        mark = self

        def compile_file(self: Any, path: str) -> Any:
            if mark.at is None:
                mark.at = mark.clock()
            return inner(self, path)

        cls.compile_file = compile_file


def main() -> int:
    # This directory holds the twins (json.py among them): keep it off the import path
    # so that they cannot shadow standard modules the VM imports.
    here = str(Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p and str(Path(p).resolve()) != here]
    kind, target, *rest = sys.argv[1:]
    # CPU time by default: on a shared, loaded machine it does not count the time spent
    # waiting for a core
    clock = time.perf_counter if os.environ.get("BENCH_CLOCK") == "wall" else time.process_time
    startup: _Startup | None = None
    if kind == "module":
        _preimport_a64js()
        if target == "a64js":
            # the interpreter's own exit (a64js.cli.end_process would end the process
            # before the report below)
            os.environ["A64JS_INTERPRETER_EXIT"] = "1"
            startup = _Startup(clock)
            startup.install()
        sys.argv = [target, *rest]
    else:
        sys.path.insert(0, str(Path(target).resolve().parent))
        _preimport_twin(Path(target))
        sys.argv = [target, *rest]
    code: int = 0
    before = set(sys.modules) if os.environ.get("BENCH_IMPORTS") == "1" else None
    t0 = clock()
    try:
        if kind == "module":
            runpy.run_module(target, run_name="__main__", alter_sys=True)
        else:
            runpy.run_path(target, run_name="__main__")
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    elapsed = clock() - t0
    sys.stdout.flush()
    if before is not None:
        new = sorted(m for m in set(sys.modules) - before if m != "__main__")
        sys.stderr.write(f"\nbench-imported {' '.join(new)}\n")
    if startup is not None and startup.at is not None:
        sys.stderr.write(f"\nbench-startup {startup.at - t0:.6f}\n")
    sys.stderr.write(f"\nbench-seconds {elapsed:.6f}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
