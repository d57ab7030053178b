"""What the a64jit.debug tools cost, measured in one run (ratios against "off").

1. The tools' work per install + free of a small named function (symbol table
   alone, then with the perf map, jitdump or the GDB JIT interface), beside a
   whole install + free. With every tool off a JitBuffer pays one loop over an
   empty list per install and per free.
2. An emulated call running a 1000-iteration loop, without and with the block
   profiler (every basic block then calls into Python).

Run: ``.venv/bin/python benchmarks/bench_debug.py``
"""

from __future__ import annotations

import ctypes
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import a64jit.debug as dbg
from a64jit import JitBuffer
from a64jit.debug.hub import HUB

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.debug.programs import sum_loop

I64 = ctypes.c_int64


def best_of(fn: Callable[[], None], n: int, repeat: int = 5) -> float:
    """Best per-iteration time in microseconds over ``repeat`` runs of ``n``."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best / n * 1e6


def main() -> None:
    code = sum_loop().finalize()
    buf = JitBuffer()
    n = 300

    def churn() -> None:
        for _ in range(n):
            buf.free(buf.install(code, name="f", lines=[(0, "f.js", 1)]))

    # The tools' own share: what the hub does per install + free, without the
    # backend's mapping work (which dominates a real install and is noisy).
    ptr = buf.install(code, name="f", lines=[(0, "f.js", 1)])
    hub = HUB
    lines = [(0, "f.js", 1)]

    def observe() -> None:
        for _ in range(n):
            hub.code_installed(buf, ptr.address, ptr.size, "f", code, lines)
            hub.code_freed(buf, ptr.address, ptr.size)

    def empty() -> None:  # what JitBuffer does with every tool off, twice
        observers: list[object] = []
        for _ in range(n):
            for _o in observers:
                pass
            for _o in observers:
                pass

    churn()
    whole = best_of(churn, n)
    print(f"install+free through the backend, tools off: {whole:8.1f} us")
    print(f"  tools off (two empty-list loops):          {best_of(empty, n):8.3f} us")
    with tempfile.TemporaryDirectory() as tmp:
        for label, kwargs in (("symbol table", {}), ("+ perf map", {"perf_map": True}),
                              ("+ jitdump", {"jitdump": tmp}), ("+ gdb jit", {"gdb": True})):
            dbg.enable(**kwargs)
            t = best_of(observe, n)
            dbg.disable()
            print(f"  {label + ':':42s} {t:8.1f} us  ({100 * t / whole:.1f}% of the install)")
    import os
    if os.path.exists(dbg.perf_map_path()):
        os.unlink(dbg.perf_map_path())
    buf.free(ptr)

    if buf.backend.name == "emulator":
        f = buf.install(sum_loop(), argtypes=[I64, I64], name="sum_loop")
        calls = 50
        def run() -> None:
            for _ in range(calls):
                f(1000, 1)

        plain = best_of(run, calls)
        dbg.enable()
        with dbg.profile(buf.backend) as prof:
            profiled = best_of(run, calls)
        dbg.disable()
        print(f"emulated call, 1000-iteration loop: {plain:8.1f} us; profiled "
              f"{profiled:8.1f} us ({profiled / plain:.1f}x; "
              f"{prof.total // (5 * calls)} instructions/call)")
    buf.close()


if __name__ == "__main__":
    main()
