"""Where a JIT run of one program spends its CPU time (``bench_js_jit.py --breakdown``).

``python _breakdown.py [a64js options] FILE.js`` runs ``a64js --vm heap`` in this process,
imports excluded as in ``_timed.py``, with the JIT's and the heap VM's Python entry points
wrapped so that every moment of the run is charged to one category (a stack of them: a
host call inside compiled code inside the interpreter is charged to the innermost):

- ``startup``: argument parsing, the backend, the realm, the JIT object (until the source
  is read); ``parse``: reading and compiling the source to bytecode;
- ``interp``: the interpreter, including the Python side of entering compiled code
  (``Jit.on_entry``/``on_backedge``: the lookup, the arguments, the result) and the
  interpreter's runs that finish a bailed-out call (``interp.run_at``);
- ``compile``: ``Jit.compile``; ``trampoline``: the JIT's entry trampoline and shared
  stubs, built at the first compile (``Jit._start``);
- ``machine``: inside the call into compiled code (the ctypes call and its return, the
  headroom check, the machine code, direct calls between compiled functions), minus
  what is charged to host calls made from there;
- ``host``: host calls from compiled code (``Jit._step``, ``Jit._guard``, the templates'
  helpers): the callback's Python side and the interpreter's ``step`` they run;
- ``gc``: the collector (``Heap.collect``), wherever it is called from.

Stderr gets ``breakdown CAT SECONDS COUNT`` lines (COUNT: entries into the category), then
``breakdown-clock S N``: the cost of one clock read measured here and the number of
switches, so that the instrumentation's own share can be told (each switch reads the
clock once), and the total as ``breakdown-total S``.
"""

from __future__ import annotations

import importlib.util
import runpy
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

clock = time.process_time
acc: defaultdict[str, float] = defaultdict(float)
cnt: Counter[str] = Counter()
stack = ["startup"]
last = [0.0]
switches = [0]


def _push(cat: str) -> None:
    now = clock()
    acc[stack[-1]] += now - last[0]
    last[0] = now
    stack.append(cat)
    cnt[cat] += 1
    switches[0] += 1


def _pop() -> None:
    now = clock()
    acc[stack.pop()] += now - last[0]
    last[0] = now
    switches[0] += 1


def _wrap(fn: Callable[..., Any], cat: str) -> Callable[..., Any]:
    def wrapped(*args: Any, **kw: Any) -> Any:
        _push(cat)
        try:
            return fn(*args, **kw)
        finally:
            _pop()
    wrapped.__name__ = getattr(fn, "__name__", "wrapped")
    return wrapped


def _install() -> None:
    from a64js.heap import Heap
    from a64js.hvm import interp
    from a64js.hvm import vm as hvm
    from a64js.jit import hostcalls
    from a64js.jit import runtime as jr

    Jit = jr.Jit
    Jit.compile = _wrap(Jit.compile, "compile")  # type: ignore[method-assign]
    Jit._step = _wrap(Jit._step, "host")  # type: ignore[method-assign]
    Jit._guard = _wrap(Jit._guard, "host")  # type: ignore[method-assign]
    hostcalls._dispatch = _wrap(hostcalls._dispatch, "host")
    Heap.collect = _wrap(Heap.collect, "gc")  # type: ignore[method-assign]
    interp.run_at = _wrap(interp.run_at, "interp")
    start = Jit._start

    def _start(self: Any) -> None:
        _push("trampoline")
        try:
            start(self)
        finally:
            _pop()
        self._call = _wrap(self._call, "machine")

    Jit._start = _start  # type: ignore[method-assign]
    compile_file = hvm.HeapVM.compile_file

    def _compile_file(self: Any, path: str) -> Any:
        if stack == ["startup"]:  # the start-up ends: the interpreter is the base
            now = clock()
            acc["startup"] += now - last[0]
            last[0] = now
            stack[0] = "interp"
        _push("parse")
        try:
            return compile_file(self, path)
        finally:
            _pop()

    hvm.HeapVM.compile_file = _compile_file  # type: ignore[method-assign]


def main() -> int:
    spec = importlib.util.spec_from_file_location("_timed_helpers", HERE / "_timed.py")
    assert spec is not None and spec.loader is not None
    timed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(timed)
    sys.path[:] = [p for p in sys.path if p and Path(p).resolve() != HERE]
    timed._preimport_a64js()
    _install()
    k = 2000
    t = clock()
    for _ in range(k):
        clock()
    per_read = (clock() - t) / k
    sys.argv = ["a64js", "--vm", "heap", *sys.argv[1:]]
    code = 0
    last[0] = t0 = clock()
    try:
        runpy.run_module("a64js", run_name="__main__", alter_sys=True)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    now = clock()
    acc[stack[-1]] += now - last[0]
    sys.stdout.flush()
    for cat in ("startup", "parse", "interp", "compile", "trampoline", "machine", "host", "gc"):
        sys.stderr.write(f"\nbreakdown {cat} {acc[cat]:.6f} {cnt[cat]}")
    sys.stderr.write(f"\nbreakdown-clock {per_read:.9f} {switches[0]}")
    sys.stderr.write(f"\nbreakdown-total {now - t0:.6f}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
