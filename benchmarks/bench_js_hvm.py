"""The cost of value words: the heap VM against the Python-object VM and CPython, in one run.

For each workload of benchmarks/bench_js.py (the 17 programs of tests/js/programs) this
runs, in the same way bench_js.py does (CPU time measured inside each process by
benchmarks/js/_timed.py, imports excluded on both sides; output checked against node's
recorded .expected, a wrong or failed run shown as such and left out of the means):

- ``a64js --vm heap --no-jit`` (the heap VM interpreting: value words, frames on the word
  stack, cells in data memory, a copying collector; the JIT off, so the cost of words is
  what is measured),
- ``a64js --no-jit`` (the Python-object VM),
- the CPython twin (benchmarks/js/NAME.py),

and prints the times and the ratios heap/python-VM and heap/CPython, with geometric means.
The a64js times include each VM's start-up (argument parsing, the backend, the realm's
built-ins: what runs before the program's source is read), as a user pays it; "heap
start" shows the heap VM's. CPython's own start-up is not counted for the twins (it
comes before the harness runs).

``--scale N|realistic``: every engine at that scale, as bench_js.py's ``--scale``.

``--fallbacks NAME ...`` instead runs each named workload once in this process on the
heap VM (no JIT) with hvm.interp's opt-in counting (``interp.FALLBACKS``) and prints
which instructions compiled blocks handed to their handlers most (the heap VM's
counterpart of bench_js.py ``--profile-ops``: where an inline form would pay).

Each program's bytecode is in a64js's code cache before its runs are timed (as the
twins' ``.pyc``; bench_js.measure warms it); ``--no-code-cache`` makes every run parse.

Usage: .venv/bin/python benchmarks/bench_js_hvm.py [--repeat N] [--only NAME ...]
       [--scale N|realistic] [--no-code-cache]
       .venv/bin/python benchmarks/bench_js_hvm.py --fallbacks NAME ... [--top N] [--scale N]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _bench_js() -> Any:
    """benchmarks/bench_js.py as a module (its timing and checking rules, in one place)."""
    spec = importlib.util.spec_from_file_location("bench_js", HERE / "bench_js.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_js"] = mod
    spec.loader.exec_module(mod)
    return mod


def fallbacks(bj: Any, names: list[str], top: int, scale: int | str) -> int:
    """Print the handler calls from compiled blocks of each workload (heap VM, in
    process, no JIT), by opcode and by instruction."""
    import contextlib
    import io
    import threading

    sys.path.insert(0, str(bj.ROOT / "src"))
    cli = importlib.import_module("a64js.cli")
    vm = importlib.import_module("a64js.hvm.vm")
    interp: Any = importlib.import_module("a64js.hvm.interp")
    for name in names:
        counts: dict[tuple[str, int, str], int] = {}
        sc = bj.scale_of(name, scale)
        status = [0]

        def target(path: Path = bj.PROGRAMS / f"{name}.js", arg: str = str(sc),
                   status: list[int] = status) -> None:
            sys.setrecursionlimit(cli.RECURSION_LIMIT)
            with contextlib.redirect_stdout(io.StringIO()):
                status[0] = vm.run_program(str(path), [arg])

        interp.FALLBACKS = counts
        try:
            threading.stack_size(cli.THREAD_STACK)
            t = threading.Thread(target=target)
            t.start()
            t.join()
        finally:
            interp.FALLBACKS = None
        total = sum(counts.values())
        print(f"== {name} (scale {sc}): {total} handler calls from blocks "
              f"(exit {status[0]})")
        by_op: dict[str, int] = {}
        for (_fn, _pc, op), c in counts.items():
            by_op[op] = by_op.get(op, 0) + c
        for op, c in sorted(by_op.items(), key=lambda kv: -kv[1])[:top]:
            print(f"  {c:>10}  {op}")
        print("  -- by instruction (function, pc, opcode)")
        for (fn, pc, op), c in sorted(counts.items(), key=lambda kv: -kv[1])[:top]:
            print(f"  {c:>10}  {fn or '<anonymous>'} @{pc} {op}")
    return 0


def main(argv: list[str] | None = None) -> int:
    bj = _bench_js()
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=1, help="best of N runs (default 1)")
    p.add_argument("--only", nargs="*", default=None, help="workloads to run")
    p.add_argument("--scale", type=bj.parse_scale, default=1, metavar="N|realistic",
                   help="every engine at this scale, or each workload's realistic one")
    p.add_argument("--no-code-cache", action="store_true",
                   help="a64js parses in every run (A64JS_CACHE=0): the cold case")
    p.add_argument("--fallbacks", nargs="+", default=None, metavar="NAME",
                   help="count the handler calls from compiled blocks of these workloads")
    p.add_argument("--top", type=int, default=12, help="rows shown by --fallbacks")
    ns = p.parse_args(argv)
    if ns.fallbacks:
        return fallbacks(bj, ns.fallbacks, ns.top, ns.scale)
    if ns.no_code_cache:
        bj.ENV["A64JS_CACHE"] = "0"
    names = ns.only or bj.WORKLOADS
    py = sys.executable
    rows = []
    heap_vs_vm: list[float] = []
    heap_vs_cpy: list[float] = []
    vm_vs_cpy: list[float] = []
    print("a64js times include the VM's start-up (heap start: the heap VM's); CPython's "
          "exclude CPython's own; a64js code cache "
          + ("warm" if bj.code_cache_on(bj.ENV) else "off (every run parses)"))
    print(f"{'workload':<14} {'heap s':>9} {'heap start':>10} {'pyvm s':>9} {'CPython s':>9} "
          f"{'heap/pyvm':>10} {'heap/CPy':>9} {'pyvm/CPy':>9}")
    for name in names:
        js, scale = str(bj.PROGRAMS / f"{name}.js"), bj.scale_of(name, ns.scale)
        want, sarg = bj.expected_output(name, scale), [str(scale)]
        heap = bj.measure([py, str(bj.TIMED), "module", "a64js", "--vm", "heap", "--no-jit",
                           js, *sarg], ns.repeat, want)
        pyvm = bj.measure([py, str(bj.TIMED), "module", "a64js", "--vm", "python", js,
                           *sarg], ns.repeat, want)
        cpy = bj.measure([py, str(bj.TIMED), "script", str(bj.TWINS / f"{name}.py"), *sarg],
                         ns.repeat, want)
        r1, r2, r3 = bj.ratio(heap, pyvm), bj.ratio(heap, cpy), bj.ratio(pyvm, cpy)
        for r, acc in ((r1, heap_vs_vm), (r2, heap_vs_cpy), (r3, vm_vs_cpy)):
            if r is not None:
                acc.append(r)
        rows.append(name)
        start = f"{heap.startup:.3f}" if heap.startup is not None else "-"
        print(f"{name:<14} {heap.cell():>9} {start:>10} {pyvm.cell():>9} {cpy.cell():>9} "
              f"{bj.fmt_ratio(r1):>10} {bj.fmt_ratio(r2):>9} {bj.fmt_ratio(r3):>9}",
              flush=True)
    print(f"{'geomean':<14} {'':>9} {'':>10} {'':>9} {'':>9} "
          f"{bj.fmt_ratio(bj.geomean(heap_vs_vm)):>10} "
          f"{bj.fmt_ratio(bj.geomean(heap_vs_cpy)):>9} "
          f"{bj.fmt_ratio(bj.geomean(vm_vs_cpy)):>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
