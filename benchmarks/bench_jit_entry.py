"""What one transition between the heap VM's interpreter and compiled code costs.

An interpreted loop calls a function (``f(s, i)``, one add) N times; the same loop without
the call is subtracted, so what is left is one call. Measured in one process:

- ``interp``: the callee interpreted, no JIT installed (the interpreter's own call);
- ``interp+jit``: the callee interpreted with a JIT installed (the caller is never
  compiled: what an interpreted call costs while a JIT is on);
- ``entry``: the callee compiled, the caller interpreted: one entry into compiled code
  from the interpreter per call (``Jit.on_entry``, the trampoline, the result);
- ``exit``: a compiled loop whose body takes one slow-path step per iteration (a
  ``Call`` of a built-in the templates leave to the interpreter, ``Math.max``), minus the
  same loop compiled without the call, minus what the interpreter's own handler of that
  call costs (the interpreted loop with the call minus the one without): what one exit
  from compiled code to Python and back costs beyond the interpreter's work (the host
  call, ``Jit._step``, ``interp.step``).

Times are the run thread's CPU time (``performance.now()`` reads ``time.thread_time``
while this runs: on a shared, loaded machine wall time mostly measures the others).
Each figure is the fastest of ``--repeat`` interleaved rounds, in microseconds per
call, with the load average printed beside it. Run it natively
with ``scripts/native-python benchmarks/bench_jit_entry.py --backend native`` (qemu-user
on other hosts: ~12x slower, use a smaller ``-n``).

Usage: .venv/bin/python benchmarks/bench_jit_entry.py [-n N] [--repeat R]
       [--backend emulator|native]
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import tempfile
import threading
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

#: the functions the JIT may compile (all others stay interpreted)
COMPILED = {"f", "maxLoop", "noneJ"}

PROGRAM = """
function f(a, b) { return a + b; }
function g(a, b) { return a + b; }
function callF(n) { let s = 0; for (let i = 0; i < n; i++) { s = f(s, i) & 65535; } return s; }
function callG(n) { let s = 0; for (let i = 0; i < n; i++) { s = g(s, i) & 65535; } return s; }
function none(n) { let s = 0; for (let i = 0; i < n; i++) { s = (s + i) & 65535; } return s; }
function noneJ(n) { let s = 0; for (let i = 0; i < n; i++) { s = (s + i) & 65535; } return s; }
function maxLoop(n) { let s = 0; for (let i = 0; i < n; i++) { s = Math.max(s, i) & 65535; }
  return s; }
function maxInterp(n) { let s = 0; for (let i = 0; i < n; i++) { s = Math.max(s, i) & 65535; }
  return s; }
const which = { callF, callG, none, noneJ, maxLoop, maxInterp };
const name = process.argv[2];
const n = Number(process.argv[3]);
which[name](2);
const t0 = performance.now();
which[name](n);
const t1 = performance.now();
console.log("ms " + (t1 - t0));
"""


def _jit_class() -> Any:
    from a64js.jit import Jit

    class OnlySome(Jit):
        """A JIT that compiles the functions named in COMPILED only."""

        def hot(self, info: Any) -> bool:
            return info.code.name in COMPILED and bool(super().hot(info))

    return OnlySome


def run(path: str, which: str, n: int, jit_on: bool) -> float:
    """The program's loop of ``which`` over ``n`` iterations; milliseconds."""
    import time

    from a64js import cli
    from a64js.hvm import interp, vm

    jit = _jit_class()(0) if jit_on else None
    out = io.StringIO()
    err: list[BaseException] = []

    def target() -> None:
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(cli.RECURSION_LIMIT)
        try:
            with redirect_stdout(out):
                vm.run_program(path, [which, str(n)], jit=jit)
        except BaseException as e:
            err.append(e)
        finally:
            sys.setrecursionlimit(old)

    old_size = threading.stack_size(cli.THREAD_STACK)
    wall = time.perf_counter
    time.perf_counter = time.thread_time  # performance.now(): the thread's CPU time
    try:
        t = threading.Thread(target=target)
        t.start()
        t.join()
    finally:
        time.perf_counter = wall
        threading.stack_size(old_size)
        interp.set_jit(None)
        if jit is not None:
            jit.close()
    if err:
        raise err[0]
    m = re.search(r"ms ([\d.e+-]+)", out.getvalue())
    if m is None:
        raise RuntimeError(f"bench_jit_entry: no time printed by {which}: {out.getvalue()!r}")
    return float(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=20000, help="calls per measurement")
    ap.add_argument("--repeat", type=int, default=3, help="rounds (the fastest is kept)")
    ap.add_argument("--backend", choices=["emulator", "native"], default=None)
    args = ap.parse_args()
    if args.backend:
        os.environ["A64JIT_BACKEND"] = args.backend
    from a64jit import current_backend

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "entry.js")
        Path(path).write_text(PROGRAM, encoding="utf-8")
        cases = [("none", "none", False), ("interp", "callG", False),
                 ("none+jit", "none", True), ("interp+jit", "callG", True),
                 ("entry", "callF", True), ("maxInterp", "maxInterp", True),
                 ("noneJ", "noneJ", True), ("maxLoop", "maxLoop", True)]
        best: dict[str, float] = {}
        for _ in range(args.repeat):
            for label, which, on in cases:
                ms = run(path, which, args.n, on)
                best[label] = min(best.get(label, ms), ms)
    us = 1000.0 / args.n
    load = os.getloadavg()[0]
    print(f"backend {current_backend()}, n {args.n}, fastest of {args.repeat}, "
          f"load {load:.1f}")
    print(f"  interpreted call, no JIT       {(best['interp'] - best['none']) * us:8.2f} us")
    print(f"  interpreted call, JIT on       "
          f"{(best['interp+jit'] - best['none+jit']) * us:8.2f} us")
    print(f"  entry: interpreted -> compiled {(best['entry'] - best['none+jit']) * us:8.2f} us")
    step = best["maxLoop"] - best["noneJ"]
    handler = best["maxInterp"] - best["none+jit"]
    print(f"  exit: one slow-path step       {(step - handler) * us:8.2f} us "
          f"(the step {step * us:.2f} us, the interpreter's handler {handler * us:.2f} us)")
    print(f"  loop without a call            {best['none'] * us:8.2f} us per iteration "
          f"interpreted, {best['noneJ'] * us:.2f} us compiled")


if __name__ == "__main__":
    main()
