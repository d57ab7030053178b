"""Where a JIT run of one program spends its CPU time (``bench_js_jit.py --breakdown``).

``python _breakdown.py [a64js options] FILE.js`` runs ``a64js --vm heap`` in this process
as ``python -m a64js`` would (nothing of a64js imported beforehand), with the JIT's and the
heap VM's Python entry points wrapped as their modules load, so that every moment of the
process, from its start, is charged to one category (a stack of them: a host call inside
compiled code inside the interpreter is charged to the innermost):

- ``python``: the interpreter's own start (its init, site, the standard modules this
  harness needs: as ``python -c pass`` plus a little), until the run begins;
- ``imports``: every module the run imports, wherever (a64js, a64jit, the backend,
  unicorn, the compiler and templates at the first compile, the parser);
- ``startup``: the rest of the VM's start-up: argument parsing, the backend, the realm,
  the JIT object (until the source is read); ``parse``: reading and compiling the
  source to bytecode;
- ``interp``: the interpreter, including the Python side of entering compiled code
  (``Jit.on_entry``/``on_backedge``: the lookup, the arguments, the result) and the
  interpreter's runs that finish a bailed-out call (``interp.run_at``);
- ``compile``: ``Jit.compile`` (its imports aside); ``trampoline``: the JIT's entry
  trampoline and shared stubs, built at the first compile (``Jit._start``);
- ``machine``: inside the call into compiled code (the ctypes call and its return, the
  headroom check, the machine code, direct calls between compiled functions), minus
  what is charged to host calls made from there;
- ``host``: host calls from compiled code (``Jit._step``, ``Jit._guard``, the templates'
  helpers): the callback's Python side and the interpreter's ``step`` they run;
- ``gc``: the collector (``Heap.collect``), wherever it is called from.

Stderr gets ``breakdown CAT SECONDS COUNT`` lines (COUNT: entries into the category;
for ``imports`` the modules loaded), then ``breakdown-clock S N``: the cost of one clock
read measured here and the number of switches, so that the instrumentation's own share
can be told (each switch reads the clock once), and ``breakdown-total S``: the process's
CPU time (all threads) from its start until the report, an atexit handler registered
before a64js's (``python -m a64js`` ends in ``a64js.cli.end_process``: the atexit handlers,
then ``os._exit``), which the categories sum to. What comes after (the rest of the
process's end) is the difference between the process's whole CPU time, which the parent reads
(``bench_js_jit.py``: ``teardown``), and that total.
"""

from __future__ import annotations

import importlib._bootstrap as _bootstrap  # (frozen: loaded with the interpreter)
import os
import sys
import time

TYPE_CHECKING = False  # (typing is not imported before the hook: a64js imports it)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

#: CPU time of this process (all threads) since it started
clock = time.process_time
acc: dict[str, float] = {}
cnt: dict[str, int] = {}
stack = ["python"]
last = [0.0]
switches = [0]
CATEGORIES = ("python", "imports", "startup", "parse", "interp", "compile", "trampoline",
              "machine", "host", "gc")
for _cat in CATEGORIES:
    acc[_cat] = 0.0
    cnt[_cat] = 0


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


def _wrap_jit(jr: Any) -> None:
    Jit = jr.Jit
    Jit.compile = _wrap(Jit.compile, "compile")
    Jit._step = _wrap(Jit._step, "host")
    Jit._guard = _wrap(Jit._guard, "host")
    start = Jit._start

    def _start(self: Any) -> None:
        _push("trampoline")
        try:
            start(self)
        finally:
            _pop()
        self._call = _wrap(self._call, "machine")

    Jit._start = _start


def _wrap_hostcalls(hostcalls: Any) -> None:
    hostcalls._dispatch = _wrap(hostcalls._dispatch, "host")


def _wrap_heap(heap: Any) -> None:
    heap.Heap.collect = _wrap(heap.Heap.collect, "gc")


def _wrap_interp(interp: Any) -> None:
    interp.run_at = _wrap(interp.run_at, "interp")


def _wrap_vm(hvm: Any) -> None:
    compile_file = hvm.HeapVM.compile_file

    def _compile_file(self: Any, path: str) -> Any:
        if stack[0] == "startup":  # the start-up ends: the interpreter is the base
            now = clock()
            acc[stack[-1]] += now - last[0]
            last[0] = now
            stack[0] = "interp"
        _push("parse")
        try:
            return compile_file(self, path)
        finally:
            _pop()

    hvm.HeapVM.compile_file = _compile_file


#: module -> how its entry points are wrapped once it has loaded
_WRAPS: dict[str, Callable[[Any], None]] = {
    "a64js.jit.runtime": _wrap_jit, "a64js.jit.hostcalls": _wrap_hostcalls,
    "a64js.heap": _wrap_heap, "a64js.hvm.interp": _wrap_interp, "a64js.hvm.vm": _wrap_vm,
}


def _install() -> None:
    """Charge every import to ``imports`` (CPython's import statement and
    ``importlib.import_module`` both load a module through ``_bootstrap._find_and_load``,
    looked up by name at each import), and wrap the run's entry points as they load."""
    find_and_load = _bootstrap._find_and_load

    def _find_and_load(name: str, import_: Any) -> Any:
        _push("imports")
        try:
            module = find_and_load(name, import_)
        finally:
            _pop()
        wrap = _WRAPS.get(name)
        if wrap is not None:
            wrap(module)
        return module

    _bootstrap._find_and_load = _find_and_load  # type: ignore[attr-defined]


def main() -> int:
    k = 2000
    t = clock()
    for _ in range(k):
        clock()
    per_read = (clock() - t) / k
    _install()
    now = clock()  # the interpreter's start ends; the harness's few imports (runpy and
    acc["python"] += now - last[0]  # what it loads, which ``python -m`` loads too) are
    last[0] = now  # charged to imports like the run's
    stack[0] = "startup"
    import runpy

    here = os.path.dirname(os.path.realpath(__file__))
    sys.path[:] = [p for p in sys.path if p and os.path.realpath(p) != here]
    sys.argv = ["a64js", "--vm", "heap", *sys.argv[1:]]
    # python -m a64js ends in a64js.cli.end_process (the atexit handlers, then os._exit):
    # the report is one, registered first so that it runs after a64js's own handlers
    import atexit

    atexit.register(_report, per_read)
    code = 0
    try:
        runpy.run_module("a64js", run_name="__main__", alter_sys=True)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    return code


def _report(per_read: float) -> None:
    now = clock()
    acc[stack[-1]] += now - last[0]
    sys.stdout.flush()
    for cat in CATEGORIES:
        sys.stderr.write(f"\nbreakdown {cat} {acc[cat]:.6f} {cnt[cat]}")
    sys.stderr.write(f"\nbreakdown-clock {per_read:.9f} {switches[0]}")
    sys.stderr.write(f"\nbreakdown-total {now:.6f}\n")
    sys.stderr.flush()


if __name__ == "__main__":
    sys.exit(main())
