"""Long thread-race and re-entrancy stress of the runtime (the CI-sized run is
tests/runtime/test_stress.py).

    .venv/bin/python tools/stress_runtime.py --rounds 20             # emulator
    A64JIT_BACKEND=native scripts/native-python tools/stress_runtime.py --rounds 5

Each round runs tests/runtime/stress.py's workload with a new seed, in the
default mode and in "wx"; a wrong result or an exception is printed and the
exit status is 1 (natively, a race that breaks W^X handling kills the process).
With the emulator it also measures how long Ctrl-C takes to interrupt a
running call (goal: under 100 ms).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from a64jit import JitBuffer, assemble, current_backend
from a64jit.runtime import get_backend
from tests.runtime.stress import run_stress


def sigint_latency(samples: int) -> list[float]:
    """Seconds from SIGINT to KeyboardInterrupt while emulated code loops."""
    out: list[float] = []
    with JitBuffer() as buf:
        spin = buf.install(assemble("1: b 1b"), restype=None)
        for i in range(samples):
            sent: list[float] = []

            def kill(delay: float, sent: list[float] = sent) -> None:
                time.sleep(delay)
                sent.append(time.perf_counter())
                os.kill(os.getpid(), signal.SIGINT)

            threading.Thread(target=kill, args=(0.1 + 0.013 * i,)).start()
            try:
                spin()
            except KeyboardInterrupt:
                out.append(time.perf_counter() - sent[0])
    return out


def main() -> int:
    from toolargs import whole

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=whole(1), default=10)
    p.add_argument("--threads", type=whole(1), default=8)
    p.add_argument("--ops", type=whole(1), default=1000)
    p.add_argument("--depth", type=whole(1), default=30,
                   help="re-entrancy depth (emulator max 48)")
    args = p.parse_args()
    backend = current_backend()
    native: Any = get_backend()
    qemu = backend == "native" and bool(native.alias_needs_refresh())
    print(f"backend {backend}{' (qemu-user)' if qemu else ''}, {args.threads} threads x "
          f"{args.ops} ops, depth {args.depth}")
    failed = False
    for r in range(args.rounds):
        for mode in (None, "wx"):
            t0 = time.perf_counter()
            stats = run_stress(threads=args.threads, ops=args.ops, mode=mode,
                               patch=mode is None and not qemu, depth=args.depth, seed=r)
            print(f"round {r} mode {mode or 'default'}: {stats.installs} installs, "
                  f"{stats.frees} frees, {stats.calls} calls, {stats.patches} patches, "
                  f"{stats.reentries} re-entries, {len(stats.errors)} errors, "
                  f"{time.perf_counter() - t0:.1f} s", flush=True)
            for e in stats.errors[:10]:
                print("   ", e)
            failed |= bool(stats.errors)
    if backend == "emulator":
        lat = sigint_latency(20)
        print(f"SIGINT -> KeyboardInterrupt: {len(lat)}/20 delivered, "
              f"max {max(lat) * 1e3:.1f} ms, mean {sum(lat) / len(lat) * 1e3:.1f} ms "
              f"(goal < 100 ms)")
        failed |= len(lat) != 20 or max(lat) >= 0.1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
