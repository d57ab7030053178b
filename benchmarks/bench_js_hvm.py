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

``--against DIR`` runs another source tree's heap VM (``DIR/src`` first on the path, its
caches apart: bench_js.against_env) beside this tree's at each workload, in the same run
(the machine is noisy: two tables taken minutes apart cannot tell a 5% change), and adds
its heap/CPython ratio and this tree's time over its. ``--no-pyvm`` leaves the
Python-object VM out (a third of the run's time).

``--fallbacks NAME ...`` instead runs each named workload once in this process on the
heap VM (no JIT) with hvm.interp's opt-in counting (``interp.FALLBACKS``) and prints
which instructions compiled blocks handed to their handlers most (the heap VM's
counterpart of bench_js.py ``--profile-ops``: where an inline form would pay).

Each program's bytecode is in a64js's code cache before its runs are timed (as the
twins' ``.pyc``; bench_js.measure warms it); ``--no-code-cache`` makes every run parse.

Usage: .venv/bin/python benchmarks/bench_js_hvm.py [--repeat N] [--only NAME ...]
       [--scale N|realistic] [--no-code-cache] [--against DIR] [--no-pyvm]
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
    p.add_argument("--against", metavar="DIR", type=Path, default=None,
                   help="another source tree's heap VM measured beside this one's, "
                        "workload by workload in the same run")
    p.add_argument("--no-pyvm", action="store_true",
                   help="leave the Python-object VM out")
    ns = p.parse_args(argv)
    if ns.fallbacks:
        return fallbacks(bj, ns.fallbacks, ns.top, ns.scale)
    if ns.against is not None and not (ns.against / "src" / "a64js").is_dir():
        p.error(f"--against: {ns.against} has no src/a64js (a source tree, e.g. one made "
                "by `git archive REV src benchmarks tests/js | tar -x -C DIR`)")
    if ns.no_code_cache:
        bj.ENV["A64JS_CACHE"] = "0"
    names = ns.only or bj.WORKLOADS
    env_b = bj.against_env(bj.ENV, ns.against) if ns.against is not None else None
    py = sys.executable
    means: dict[str, list[float]] = {k: [] for k in ("vm", "cpy", "vmcpy", "base", "new")}
    print("a64js times include the VM's start-up (heap start: the heap VM's); CPython's "
          "exclude CPython's own; a64js code cache "
          + ("warm" if bj.code_cache_on(bj.ENV) else "off (every run parses)"))
    # the table's columns: (title, width, the row's key)
    cols = [("workload", 14, "name"), ("heap s", 9, "heap_s"), ("heap start", 10, "start")]
    if not ns.no_pyvm:
        cols.append(("pyvm s", 9, "pyvm_s"))
    cols.append(("CPython s", 9, "cpy_s"))
    if not ns.no_pyvm:
        cols.append(("heap/pyvm", 10, "vm"))
    cols.append(("heap/CPy", 9, "cpy"))
    if not ns.no_pyvm:
        cols.append(("pyvm/CPy", 9, "vmcpy"))
    if env_b is not None:
        cols += [("base s", 9, "base_s"), ("base/CPy", 9, "base"), ("heap/base", 9, "new")]

    def show(cells: dict[str, str]) -> None:
        print(" ".join(f"{cells.get(k, ''):<{w}}" if k == "name" else f"{cells.get(k, ''):>{w}}"
                       for _, w, k in cols).rstrip(), flush=True)

    def ratios(rs: dict[str, float | None]) -> dict[str, str]:
        return {k: _fraction(r) if k == "new" else bj.fmt_ratio(r) for k, r in rs.items()}

    show({k: title for title, _, k in cols})
    for name in names:
        js, scale = str(bj.PROGRAMS / f"{name}.js"), bj.scale_of(name, ns.scale)
        want, sarg = bj.expected_output(name, scale), [str(scale)]
        heap_cmd = [py, str(bj.TIMED), "module", "a64js", "--vm", "heap", "--no-jit", js,
                    *sarg]
        if env_b is not None and len(means["new"]) % 2:
            # (the two trees take turns going first: a load that rises or falls during
            # the run favours neither)
            base = bj.measure(heap_cmd, ns.repeat, want, env_b)
            heap = bj.measure(heap_cmd, ns.repeat, want)
        else:
            heap = bj.measure(heap_cmd, ns.repeat, want)
            base = bj.measure(heap_cmd, ns.repeat, want, env_b) if env_b is not None else None
        pyvm = None if ns.no_pyvm else bj.measure(
            [py, str(bj.TIMED), "module", "a64js", "--vm", "python", js, *sarg],
            ns.repeat, want)
        cpy = bj.measure([py, str(bj.TIMED), "script", str(bj.TWINS / f"{name}.py"), *sarg],
                         ns.repeat, want)
        row: dict[str, float | None] = {"cpy": bj.ratio(heap, cpy)}
        cells = {"name": name, "heap_s": heap.cell(), "cpy_s": cpy.cell(),
                 "start": f"{heap.startup:.3f}" if heap.startup is not None else "-"}
        if pyvm is not None:
            row.update(vm=bj.ratio(heap, pyvm), vmcpy=bj.ratio(pyvm, cpy))
            cells["pyvm_s"] = pyvm.cell()
        if base is not None:
            row.update(base=bj.ratio(base, cpy), new=bj.ratio(heap, base))
            cells["base_s"] = base.cell()
        for key, r in row.items():
            if r is not None:
                means[key].append(r)
        show({**cells, **ratios(row)})
    show({"name": "geomean", **ratios({k: bj.geomean(v) for k, v in means.items() if v})})
    within = sum(1 for r in means["cpy"] if r <= bj.GOAL)
    print(f"within {bj.GOAL:g}x of CPython: {within} of {len(means['cpy'])} workloads"
          + (f" (against: {sum(1 for r in means['base'] if r <= bj.GOAL)})"
             if env_b is not None else ""))
    return 0


def _fraction(r: float | None) -> str:
    """This tree's time over the other's (0.900: 10% less time)."""
    return "-" if r is None else f"{r:.3f}"


if __name__ == "__main__":
    raise SystemExit(main())
