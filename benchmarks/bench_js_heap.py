"""The a64js heap (src/a64js/heap.py): allocation and collection throughput, in one run.

1. Python-side allocation: objects/s for ``alloc_object`` alone, an object with two
   properties stored, a 16-unit string and a 4-element array, each in a churn that
   allocates many semispaces' worth (collections included, small live set).
2. Generated code (the default backend: the emulator on x86-64, native on AArch64):
   a loop that bump-allocates and initialises 32-byte objects (``heapcode.emit_alloc``),
   calling the collector when the semispace is full; objects/s and the ratio to 1.
3. Collector pause for a given live set (a linked list of N objects with a string each,
   plus one N-element array): seconds per collection and live bytes copied per second,
   for the Python collector and the generated one (``a64js.heapgc``), and their ratio.

Times are CPU seconds of this process (best of 3). ``python benchmarks/bench_js_heap.py
[--quick]``; ``A64JIT_BACKEND=native`` with
``scripts/native-python`` runs part 2 natively (under qemu-user on x86-64 hosts).
"""

from __future__ import annotations

import ctypes
import sys
import time
from collections.abc import Callable
from pathlib import Path

from a64jit import JitBuffer, current_backend
from a64js.heap import Heap
from a64js.words import NULL_WORD, UNDEFINED_WORD, int_word

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.js.test_heap_code import alloc_loop

U64 = ctypes.c_uint64


def best(fn: Callable[[], int], rounds: int) -> tuple[float, int]:
    """Best CPU seconds over ``rounds`` runs of ``fn`` (which returns its operation count).

    CPU time of this process, not wall time: the emulator and the collector run in it,
    and on a shared machine wall time mostly measures the neighbours."""
    t_best, count = float("inf"), 0
    for _ in range(rounds):
        t0 = time.process_time()
        count = fn()
        t_best = min(t_best, time.process_time() - t0)
    return t_best, count


def python_churn(n: int) -> list[tuple[str, float, int, int]]:
    rows = []
    heap = Heap(1 << 18)
    shape = heap.with_key(heap.with_key(heap.new_shape(capacity=2), "x"), "y")
    root = heap.new_shape(capacity=2)

    def objects() -> int:
        for _ in range(n):
            heap.alloc_object(shape)
        return n

    def with_props() -> int:
        for i in range(n):
            o = heap.handle(heap.alloc_object(root))
            heap.put(o, "x", int_word(i))
            heap.put(o, "y", NULL_WORD)
            o.release()
        return n

    def strings() -> int:
        for _ in range(n):
            heap.alloc_string("sixteen units ..")
        return n

    def arrays() -> int:
        for _ in range(n):
            heap.alloc_array(4, fill=UNDEFINED_WORD)
        return n

    for name, fn in (("alloc_object (4 words)", objects),
                     ("object + 2 puts via a handle", with_props),
                     ("alloc_string (16 units)", strings),
                     ("alloc_array (4 elements)", arrays)):
        before = heap.stats.collections
        t, count = best(fn, 3)
        rows.append((name, t, count, (heap.stats.collections - before) // 3))
    return rows


def code_churn(n: int) -> tuple[float, int, int]:
    """Objects/s of generated code allocating 32-byte objects (every 4096th kept)."""
    heap = Heap(1 << 18)
    shape = heap.with_key(heap.with_key(heap.new_shape(capacity=2), "i"), "next")
    fp = heap.push_frame(1)
    heap.frame_set(fp, 0, NULL_WORD)
    with JitBuffer() as buf:
        # The same loop tests/js/test_heap_code.py checks (live list in frame slot 0).
        run = alloc_loop(heap, buf, 4095)
        before = heap.stats.collections

        def go() -> int:
            assert run(heap.context_address, n, shape.address) == 1
            return n

        t, count = best(go, 3)
        heap.verify()
        return t, count, (heap.stats.collections - before) // 3


def pauses(sizes: list[int], collector: str) -> list[tuple[int, int, float]]:
    rows = []
    for size in sizes:
        heap = Heap(1 << 23, collector=collector)
        shape = heap.with_key(heap.with_key(heap.new_shape(capacity=2), "s"), "next")
        head = heap.handle(NULL_WORD)
        arr = heap.handle(heap.alloc_array(size, fill=NULL_WORD))
        for i in range(size):
            with heap.handle(heap.alloc_object(shape)) as o:
                heap.put(o, "s", heap.alloc_string(f"node {i}"))
                heap.put(o, "next", head.word)
                head.word = o.word
                heap.array_set(arr, i, o.word)
        heap.collect()

        def one(heap: Heap = heap) -> int:
            heap.collect()
            return 1

        t, _ = best(one, 3)
        rows.append((size, heap.stats.last_live, t))
    return rows


def main() -> None:
    quick = "--quick" in sys.argv
    n = 20_000 if quick else 100_000
    print(f"a64js heap benchmark (Python {sys.version.split()[0]}, backend "
          f"{current_backend()})\n")
    print("1. Python-side allocation, 256 KiB semispace, nothing kept (best of 3)")
    py = python_churn(n)
    for name, t, count, gcs in py:
        print(f"   {name:32s} {count / t:12,.0f} objects/s  ({gcs} collections per run)")
    print("\n2. Generated code: bump allocation + init of a 32-byte object, "
          "256 KiB semispace")
    cn = 200_000 if quick else 2_000_000
    t, count, gcs = code_churn(cn)
    code_rate = count / t
    print(f"   {'alloc loop':32s} {code_rate:12,.0f} objects/s  ({gcs} collections per run, "
          f"{count * 32 / t / 1e6:,.0f} MB/s)")
    print(f"   generated code / Python alloc_object: {code_rate / (py[0][2] / py[0][1]):.1f}x")
    print("\n3. Collector pause by live set (objects with a string each, and an array of "
          "them):\n   the Python collector, and the same copy as generated code "
          "(Heap(collector='code'))")
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 50_000]
    for (size, live, py_t), (_, live2, code_t) in zip(pauses(sizes, "python"),
                                                      pauses(sizes, "code"), strict=True):
        assert live == live2
        print(f"   {size:7,d} objects, {live / 1024:7,.0f} KiB live: python {py_t * 1e3:8.2f} ms "
              f"({live / py_t / 1e6:5.1f} MB/s), code {code_t * 1e3:7.2f} ms "
              f"({live / code_t / 1e6:6.1f} MB/s): {py_t / code_t:5.1f}x")


if __name__ == "__main__":
    main()
