"""Run one benchmark program in this process and report its time, start-up excluded.

``python _timed.py module a64js [--no-jit] FILE.js`` runs ``python -m a64js ...`` after
importing the whole a64js package (so imports are not timed); ``python _timed.py script
TWIN.py`` runs a CPython twin. The program's stdout is untouched; the last stderr line is
``bench-seconds S`` (the CPU time of this process, all threads, spent parsing/compiling
and running the program; wall time when the environment has ``BENCH_CLOCK=wall``). The
exit status is the program's.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import runpy
import sys
import time
from pathlib import Path


def _preimport(package: str) -> None:
    pkg = importlib.import_module(package)
    for info in pkgutil.walk_packages(pkg.__path__, package + "."):
        if not info.name.endswith("__main__"):
            try:
                importlib.import_module(info.name)
            except Exception as e:  # a module the program does not need
                # (a64js.words imports the assembler; a broken one must not stop the run)
                sys.stderr.write(f"_timed: not preimported: {info.name}: {e}\n")


def main() -> int:
    # This directory holds the twins (json.py among them): keep it off the import path
    # so that they cannot shadow standard modules the VM imports.
    here = str(Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p and str(Path(p).resolve()) != here]
    kind, target, *rest = sys.argv[1:]
    if kind == "module":
        _preimport(target)
        sys.argv = [target, *rest]
    else:
        sys.path.insert(0, str(Path(target).resolve().parent))
        sys.argv = [target, *rest]
    code: int = 0
    # CPU time by default: on a shared, loaded machine it does not count the time spent
    # waiting for a core
    clock = time.perf_counter if os.environ.get("BENCH_CLOCK") == "wall" else time.process_time
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
    sys.stderr.write(f"\nbench-seconds {elapsed:.6f}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
