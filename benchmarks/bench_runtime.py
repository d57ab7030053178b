"""Runtime costs, measured in one run (ratios matter; the machine is noisy).

1. A CodePtr call versus a bare ctypes ``CFUNCTYPE`` call to the same code
   (``add x0, x0, x1; ret``, two int64 arguments). Target: ratio <= 1.2.
   Calls are interleaved in rounds and the best round of each is kept.
2. Installing one function into a live buffer (install + free), and a batch of
   100 functions into a fresh buffer (buffer creation and close included).

Needs the native backend: ``scripts/native-python benchmarks/bench_runtime.py``
(under qemu-user on x86-64 hosts; every figure is then ~10x a real core's).
``A64JIT_BACKEND=emulator`` (the default on other hosts) measures the emulator
backend's call and install costs; the bare ctypes comparison exists only natively.
"""

from __future__ import annotations

import ctypes
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

from a64jit import JitBuffer, current_backend, host_function

ADD = bytes.fromhex("0000018b" "c0035fd6")  # add x0, x0, x1 ; ret
I64 = ctypes.c_int64


def best_per_call(fn: Callable[..., Any], n: int, rounds: int = 7) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(n):
            fn(40, 2)
        best = min(best, time.perf_counter() - t0)
    return best / n


def emulated_call(n: int) -> float:
    """The emulator has no bare ctypes call to compare with (the code is AArch64:
    calling its address on this CPU would crash): time the CodePtr call alone."""
    with JitBuffer() as buf:
        ptr = buf.install(ADD, restype=I64, argtypes=[I64, I64])
        assert ptr(40, 2) == 42
        return min(best_per_call(ptr, n, 3) for _ in range(5))


def call_ratio(n: int) -> tuple[float, float, float, float]:
    with JitBuffer() as buf:
        ptr = buf.install(ADD, restype=I64, argtypes=[I64, I64])
        bare = ctypes.CFUNCTYPE(I64, I64, I64)(ptr.address)
        bare_py = ctypes.PYFUNCTYPE(I64, I64, I64)(ptr.address)
        assert ptr(40, 2) == bare(40, 2) == bare_py(40, 2) == 42
        t_bare = t_ptr = t_py = float("inf")
        for _ in range(5):  # interleave so drift hits all alike
            t_bare = min(t_bare, best_per_call(bare, n, 3))
            t_ptr = min(t_ptr, best_per_call(ptr, n, 3))
            t_py = min(t_py, best_per_call(bare_py, n, 3))
        return t_bare, t_ptr, t_py, t_ptr / t_bare


def install_costs(rounds: int) -> tuple[float, float]:
    with JitBuffer() as buf:
        buf.free(buf.install(ADD))  # warm up (maps the chunk, the flush routine)
        best_one = float("inf")
        for _ in range(rounds):
            t0 = time.perf_counter()
            for _ in range(20):
                buf.free(buf.install(ADD, restype=I64, argtypes=[I64, I64]))
            best_one = min(best_one, (time.perf_counter() - t0) / 20)
    best_batch = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        with JitBuffer() as buf:
            for _ in range(100):
                buf.install(ADD, restype=I64, argtypes=[I64, I64])
        best_batch = min(best_batch, time.perf_counter() - t0)
    return best_one, best_batch


def main() -> int:
    quick = "--quick" in sys.argv
    n = 2_000 if quick else 20_000
    print(f"backend: {current_backend()} on {platform.machine()} "
          f"(Python {platform.python_version()})")
    keep = host_function(lambda a, b: a + b, I64, [I64, I64])  # a live host function
    ratio = 1.0
    if current_backend() == "native":
        t_bare, t_ptr, t_py, ratio = call_ratio(n)
        print(f"bare CFUNCTYPE call : {t_bare * 1e6:8.2f} us")
        print(f"bare PYFUNCTYPE call: {t_py * 1e6:8.2f} us   (GIL kept, as CodePtr does)")
        print(f"CodePtr call        : {t_ptr * 1e6:8.2f} us")
        print(f"ratio CodePtr/bare  : {ratio:8.3f}   (target <= 1.2) "
              f"{'OK' if ratio <= 1.2 else 'OVER'}")
    else:
        print(f"CodePtr call        : {emulated_call(n) * 1e6:8.2f} us (emulated; no bare "
              "ctypes call to compare with, see bench_emulator.py)")
    one, batch = install_costs(3 if quick else 7)
    print(f"install one function: {one * 1e6:8.1f} us (install + free, warm buffer)")
    print(f"install batch of 100: {batch * 1e3:8.2f} ms ({batch * 1e4:.1f} us per function, "
          "fresh buffer incl. map/close)")
    del keep
    return 0 if ratio <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
