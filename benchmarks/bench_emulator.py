"""Emulator backend call costs, measured against Unicorn's own floor in one run.

1. CodePtr call with two int64 arguments (``add x0, x0, x1; ret``) through the
   emulator backend, versus a bare ``uc_emu_start`` of the same code (Unicorn's
   floor: no argument marshalling, no result) and versus the same bare start
   through unicorn's Python wrapper (``Uc.emu_start``).
2. A host-function call from generated code into Python: code that calls a host
   function once (``blr x2``), minus a call of code that does the same work
   without the ``blr`` (so the difference is the trap, the dispatch into Python,
   argument/result marshalling and the return).
3. A loop of 10^6 iterations, to show generated code runs at Unicorn's speed
   (no hook on the hot path); and loops of adds, loads and stores (to an alloc_data
   block and to the stack), in one run with the backend's fast stores (the default) and
   without (``EmulatorBackend(fast_stores=False)``: Unicorn's own TLB, one
   invalid-access hook over all memory).

   Why stores need that (Unicorn 2.1.2-2.1.4, qemu/accel/tcg/cputlb.c): every writable
   RAM page enters the TLB flagged TLB_NOTDIRTY, so a store to it leaves TCG's inline
   path for store_helper(), whose notdirty_write() clears the flag (tlb_set_dirty) only
   if the page's TLB entry is not executable (``tlbe->addr_code == -1``) and no memory
   hook covers the address (``!uc_mem_hook_installed(...)``). With Unicorn's default
   TLB and the MMU off, every page is read-write-execute (target/arm/helper.c
   get_phys_addr), and the backend's invalid-access hook covered all memory: both
   conditions failed, so every store took the slow path (2-5 M stores/s; 2.1.1, which
   cleared the flag unless a snapshot or a READ/WRITE hook was active, ran 130-230 M,
   but crashes or hangs once its translation buffer fills during nested or host
   calls). The backend now fills the TLB itself (UC_TLB_VIRTUAL, a machine-code
   UC_HOOK_TLB_FILL hook: data accesses read-write, fetches read-write-execute) and
   hooks invalid accesses only over the gaps between its writable data mappings
   (a64jit.runtime.emulator, ``_TLB_VIRTUAL``).

Targets (issue 4): CodePtr call <= 5 us; host-function call <= 4 us.
Run: ``.venv/bin/python benchmarks/bench_emulator.py``
"""

from __future__ import annotations

import ctypes
import time
from collections.abc import Callable

import unicorn

import a64jit
from a64jit import JitBuffer, assemble, host_function
from a64jit.runtime.emulator import EmulatorBackend, _uclib

I64 = ctypes.c_int64


def best_of(fn: Callable[[], None], n: int, repeat: int = 7) -> float:
    """Best per-iteration time in microseconds over ``repeat`` runs of ``n``."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best / n * 1e6


def main() -> None:
    backend = EmulatorBackend()
    n = 50_000
    with JitBuffer(backend=backend) as buf:
        add = buf.install(assemble("add x0, x0, x1\nret"), restype=I64, argtypes=[I64, I64])
        assert add(40, 2) == 42

        def codeptr_loop() -> None:
            for i in range(n):
                add(i, 2)

        h, entry, sentinel = backend._handle, add.address, backend._sentinel
        es = _uclib.uc_emu_start
        uc = backend.uc

        def floor_loop() -> None:
            for _ in range(n):
                es(h, entry, sentinel, 0, 0)

        def wrapper_loop() -> None:
            for _ in range(n):
                uc.emu_start(entry, sentinel)

        call_us = best_of(codeptr_loop, n)
        floor_us = best_of(floor_loop, n)
        wrapper_us = best_of(wrapper_loop, n)
        print("CodePtr call, two int64 args (emulator)")
        print(f"  a64jit CodePtr call         {call_us:7.2f} us   (target <= 5 us)")
        print(f"  bare uc_emu_start (floor)   {floor_us:7.2f} us")
        print(f"  unicorn Uc.emu_start        {wrapper_us:7.2f} us")
        print(f"  ratio CodePtr / floor       {call_us / floor_us:7.2f}x")

        hf = host_function(lambda a, b: a + b, I64, [I64, I64], backend=backend)
        # Same frame and register moves; one calls the host function, one adds inline.
        with_call = buf.install(assemble(
            "stp x29, x30, [sp, #-16]!\nblr x2\nldp x29, x30, [sp], #16\nret"),
            restype=I64, argtypes=[I64, I64, ctypes.c_void_p])
        without = buf.install(assemble(
            "stp x29, x30, [sp, #-16]!\nadd x0, x0, x1\nldp x29, x30, [sp], #16\nret"),
            restype=I64, argtypes=[I64, I64, ctypes.c_void_p])
        assert with_call(40, 2, hf.address) == 42 == without(40, 2, hf.address)
        address = hf.address

        def host_loop() -> None:
            for i in range(n):
                with_call(i, 2, address)

        def base_loop() -> None:
            for i in range(n):
                without(i, 2, address)

        host_total = best_of(host_loop, n)
        base_total = best_of(base_loop, n)
        host_us = host_total - base_total
        print("Host-function call from generated code into Python")
        print(f"  CodePtr call with one host call    {host_total:7.2f} us")
        print(f"  same CodePtr without the host call {base_total:7.2f} us")
        print(f"  host-function call                 {host_us:7.2f} us   (target <= 4 us)")
        print(f"  ratio host call / floor            {host_us / floor_us:7.2f}x")

        loop = buf.install(assemble(
            "mov x1, #0\nloop:\nadd x1, x1, x0\nsubs x0, x0, #1\nb.ne loop\nmov x0, x1\nret"),
            restype=I64, argtypes=[I64])
        iters = 1_000_000
        t = time.perf_counter()
        assert loop(iters) == iters * (iters + 1) // 2
        loop_s = time.perf_counter() - t
        print("Generated-code speed")
        print(f"  10^6-iteration loop (3 insns/iter) {loop_s * 1e3:7.1f} ms "
              f"({3 * iters / loop_s / 1e6:.0f} M insns/s)")
    backend.close()
    # A JIT's code loads and stores frame slots all the time (see the docstring).
    body = {"add": "add x3, x3, #1", "ldr": "ldr x3, [x1, #{o}]",
            "str": "str x3, [x1, #{o}]", "str sp": "str x3, [sp, #-{o}]",
            "ldr+str": "ldr x4, [x1, #{o}]\nstr x4, [x1, #{o}+64]"}
    version = getattr(unicorn, "__version__", "?")
    print(f"  M instructions/s, 8 (ldr+str: 16) per iteration of a loop (unicorn {version})")
    print("  fast_stores  " + "".join(f"{k:>9}" for k in body))
    rates: dict[bool, dict[str, float]] = {}
    for fast in (False, True, False, True):  # interleaved: the load changes meanwhile
        be = EmulatorBackend(fast_stores=fast)
        block = a64jit.alloc_data(4096, backend=be)
        with JitBuffer(backend=be) as buf:
            row = rates.setdefault(be.fast_stores, {})
            for kind, insn in body.items():
                text = "loop:\n" + "\n".join(insn.format(o=8 * i + 8) for i in range(8)) \
                    + "\nsubs x0, x0, #1\nb.ne loop\nret"
                f = buf.install(assemble(text), restype=I64, argtypes=[I64, I64])
                reps = 1_000_000 // (1 + kind.count("+"))
                t = time.perf_counter()
                f(reps, block.address)
                rate = (8 + 8 * kind.count("+") + 2) * reps / (time.perf_counter() - t) / 1e6
                row[kind] = max(row.get(kind, 0.0), rate)
        block.close()
        be.close()
    for fast, row in rates.items():
        print(f"  {fast!s:11}  " + "".join(f"{row[k]:9.0f}" for k in body))
    if len(rates) == 2:
        print("  fast / not   " + "".join(f"{rates[True][k] / rates[False][k]:8.1f}x"
                                          for k in body))
    ok = call_us <= 5 and host_us <= 4
    print("targets met" if ok else "TARGETS MISSED")


if __name__ == "__main__":
    main()
