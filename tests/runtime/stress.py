"""Thread-race and re-entrancy stress for a JitBuffer on any backend.

Used by tests/runtime/test_stress.py (CI-sized) and tools/stress_runtime.py
(long runs). Every thread shares one buffer and, in a loop, installs
functions, calls its own and other threads' published functions, and frees
some of its own (never one another thread may call: calling code while it is
freed is a use-after-free in any JIT, and no runtime can order the two).
Each function calls a host function in the middle (JIT -> Python -> JIT), so
natively other threads get the GIL while generated code is suspended on the
stack and then resumes: exactly the window in which a write that changes the
permissions of the page it runs from would crash the process. A patcher
thread flips a live branch between two targets (b -> b: a rewrite the Arm ARM
allows while the code runs) and callers must see one of the two results.
Re-entrancy: a host function calls back into JIT code recursively.

A crash natively is a crash of the whole process (there is nothing to
catch); wrong results and exceptions are counted and returned.
"""

from __future__ import annotations

import ctypes
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from a64jit import Assembler, JitBuffer, host_function
from a64jit.operands import mem, post, pre, sp, x0, x1, x2, x16, x19, x29, x30

I64 = ctypes.c_int64
VP = ctypes.c_void_p


def worker_code(tag: int) -> Assembler:
    """``f(host, k) = host(k) + k + tag``, keeping k in x19 across the call."""
    a = Assembler()
    a.stp(x29, x30, pre(sp, -32))
    a.str(x19, mem(sp, 16))
    a.mov(x19, x1)
    a.mov(x16, x0)
    a.mov(x0, x1)
    a.blr(x16)
    a.add(x0, x0, x19)
    a.movz(x2, tag)
    a.add(x0, x0, x2)
    a.ldr(x19, mem(sp, 16))
    a.ldp(x29, x30, post(sp, 32))
    a.ret()
    return a


def branchy_code() -> Assembler:
    """Word 0 is ``b`` to one of two returns: 1 (``b #8``) or 2 (``b #16``)."""
    a = Assembler()
    a.emit(0x14000002)  # b #8
    a.emit(0xD503201F)  # nop (padding)
    a.movz(x0, 1)
    a.ret()
    a.movz(x0, 2)
    a.ret()
    return a


B_TO_1 = (0x14000002).to_bytes(4, "little")  # b #8
B_TO_2 = (0x14000004).to_bytes(4, "little")  # b #16


def recursive_code() -> Assembler:
    """``r(host, n) = host(n)`` with a frame (the host function recurses)."""
    a = Assembler()
    a.stp(x29, x30, pre(sp, -16))
    a.mov(x16, x0)
    a.mov(x0, x1)
    a.blr(x16)
    a.ldp(x29, x30, post(sp, 16))
    a.ret()
    return a


@dataclass
class Stats:
    installs: int = 0
    frees: int = 0
    calls: int = 0
    patches: int = 0
    reentries: int = 0
    errors: list[str] = field(default_factory=list)


def run_stress(*, threads: int = 4, ops: int = 200, mode: str | None = None,
               patch: bool = True, depth: int = 8, seed: int = 1,
               backend: Any = None) -> Stats:
    """Run the stress; returns counts and every wrong result or exception."""
    stats = Stats()
    lock = threading.Lock()
    buf = JitBuffer(mode=mode, backend=backend)
    shared: list[tuple[Any, int]] = []  # (CodePtr, tag): any thread calls, none frees

    def host(k: int) -> int:
        time.sleep(0)  # hand the GIL to another thread while JIT code is on the stack
        return 2 * k

    hf = host_function(host, I64, [I64], backend=buf.backend)
    recur_holder: list[Any] = []

    def recur_host(n: int) -> int:
        time.sleep(0)
        if n <= 0:
            return 0
        return int(recur_holder[0](recur_hf.address, n - 1)) + 1

    recur_hf = host_function(recur_host, I64, [I64], backend=buf.backend)
    recur = buf.install(recursive_code(), restype=I64, argtypes=[VP, I64])
    recur_holder.append(recur)
    branchy = buf.install(branchy_code(), restype=I64)
    stop = threading.Event()

    def error(msg: str) -> None:
        with lock:
            stats.errors.append(msg)

    def call_checked(ptr: Any, tag: int, k: int) -> None:
        try:
            got = ptr(hf.address, k)
        except Exception as exc:
            error(f"call raised {type(exc).__name__}: {exc}")
            return
        if got != 3 * k + tag:
            error(f"f(k={k}) with tag {tag} returned {got}, expected {3 * k + tag}")

    def worker(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        mine: list[tuple[Any, int]] = []
        try:
            for _ in range(ops):
                op = rng.random()
                if op < 0.3 or not mine:
                    tag = rng.randrange(1 << 16)
                    ptr = buf.install(worker_code(tag), restype=I64, argtypes=[VP, I64])
                    with lock:
                        stats.installs += 1
                        if rng.random() < 0.2:
                            shared.append((ptr, tag))
                        else:
                            mine.append((ptr, tag))
                elif op < 0.45:
                    ptr, tag = mine.pop(rng.randrange(len(mine)))
                    buf.free(ptr)
                    with lock:
                        stats.frees += 1
                elif op < 0.55:
                    n = rng.randrange(depth + 1)
                    got = recur(recur_hf.address, n)
                    if got != n:
                        error(f"recursion {n} deep returned {got}")
                    with lock:
                        stats.reentries += 1
                elif op < 0.65:
                    got = branchy()
                    if got not in (1, 2):
                        error(f"patched branch returned {got}")
                    with lock:
                        stats.calls += 1
                else:
                    with lock:
                        pick = shared if shared and rng.random() < 0.5 else mine
                        ptr, tag = pick[rng.randrange(len(pick))]
                    call_checked(ptr, tag, rng.randrange(-(1 << 40), 1 << 40))
                    with lock:
                        stats.calls += 1
        except Exception as exc:
            error(f"worker {index}: {type(exc).__name__}: {exc}")

    def patcher() -> None:
        flip = False
        while not stop.is_set():
            try:
                buf.patch(branchy, 0, B_TO_2 if flip else B_TO_1)
            except Exception as exc:
                error(f"patch: {type(exc).__name__}: {exc}")
                return
            flip = not flip
            with lock:
                stats.patches += 1
            time.sleep(0.0005)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    patch_thread = threading.Thread(target=patcher) if patch else None
    if patch_thread is not None:
        patch_thread.start()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    stop.set()
    if patch_thread is not None:
        patch_thread.join()
    buf.close()
    return stats
