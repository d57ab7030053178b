"""The heap VM's memory: a heap that grows with its live data up to a bound, the realm's
heap released when a new realm replaces it, the CLI's --max-heap and --vm defaults."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from a64js.errors import JSHeapError
from a64js.heap import Heap
from a64js.words import INT_BASE, NULL_WORD
from tests.js import jsprograms
from tests.js.hvmrun import run_heap
from tests.js.test_programs import check


def _chain(heap: Heap, n: int) -> int:
    """Push a frame whose slot 0 holds a list of ``n`` objects {v: i, next}; its fp."""
    fp = heap.push_frame(1)
    heap.frame_set(fp, 0, NULL_WORD)
    shape = heap.new_shape(capacity=2)
    for i in range(n):
        o = heap.alloc_object(shape)
        heap.put(o, "v", INT_BASE | i)
        heap.put(o, "next", heap.frame_get(fp, 0))
        heap.frame_set(fp, 0, o)
    return fp


def _walk(heap: Heap, fp: int) -> list[int]:
    out = []
    o = heap.frame_get(fp, 0)
    while o != NULL_WORD:
        out.append(heap.get(o, "v") & 0xFFFF_FFFF)
        o = heap.get(o, "next")
    return out


@pytest.mark.parametrize("collector", ["python", "code"])
def test_heap_grows_with_its_live_data(collector: str) -> None:
    heap = Heap(64 << 10, max_semispace=1 << 20, collector=collector)
    try:
        fp = _chain(heap, 8000)  # 8000 objects of 4 words + their growth: ~256 KiB live
        assert heap.semispace > 64 << 10 and heap.semispace <= 1 << 20
        assert heap.stats.collections > 2
        heap.verify()
        assert _walk(heap, fp) == list(range(7999, -1, -1))
        live = heap.stats.last_live
        assert live * 2 <= heap.semispace  # it grew until half a space held the live data
        heap.pop_frame()
        heap.collect()
        assert heap.stats.last_live < 1024
    finally:
        heap.close()


def test_heap_growth_stops_at_its_bound() -> None:
    heap = Heap(64 << 10, max_semispace=256 << 10)
    try:
        with pytest.raises(JSHeapError, match=r"semispace is 262144 bytes"):
            _chain(heap, 100_000)
        assert heap.semispace == 256 << 10
    finally:
        heap.close()


def test_a_fixed_heap_does_not_grow() -> None:
    heap = Heap(64 << 10)
    try:
        with pytest.raises(JSHeapError):
            _chain(heap, 100_000)
        assert heap.semispace == heap.max_semispace == 64 << 10
    finally:
        heap.close()


def test_heap_growth_under_gc_stress_keeps_every_value() -> None:
    heap = Heap(16 << 10, max_semispace=512 << 10, stress=True, poison=True)
    try:
        fp = _chain(heap, 600)
        assert _walk(heap, fp) == list(range(599, -1, -1))
        assert heap.semispace > 16 << 10
        heap.verify()
    finally:
        heap.close()


def test_a_new_realm_closes_the_old_heap() -> None:
    from a64js.hvm import builtins
    from a64js.hvm.core import R

    builtins.setup(["node", "x"], io.StringIO(), semispace=1 << 20)
    old = R.heap
    sd = R.SD
    builtins.setup(["node", "x"], io.StringIO(), semispace=1 << 20)
    assert R.heap is not old
    with pytest.raises(ValueError):  # its views were released with it (R.SD too)
        sd[0]
    with pytest.raises(ValueError):
        old._w[0]


def test_program_in_a_growing_heap() -> None:
    from a64js.hvm.core import R

    path = jsprograms.PROGRAMS / "trees.js"
    check(path, run_heap(path, semispace=64 << 10, max_semispace=8 << 20))
    assert 64 << 10 < R.heap.semispace <= 8 << 20


def test_heap_options_follow_max_heap() -> None:
    from a64js.hvm.vm import INITIAL_SEMISPACE, heap_options

    assert heap_options(1536) == {"semispace": INITIAL_SEMISPACE, "max_semispace": 384 << 20}
    assert heap_options(1) == {"semispace": 1 << 20, "max_semispace": 1 << 20}


def _a64js(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "a64js", *argv], capture_output=True,
                          text=True, timeout=120, check=False)


def test_exhaustion_with_the_jit_is_clean(tmp_path: Path) -> None:
    src = tmp_path / "grow.js"
    src.write_text("const keep = [];\nfor (let i = 0; ; i++) keep.push([i, i + 1, i + 2]);\n")
    r = _a64js("--vm", "heap", "--jit-threshold", "0", "--max-heap", "4", str(src))
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith("a64js: fatal: heap exhausted: JavaScript heap out of memory")
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1
    assert r.stderr.count("heap exhausted") == 1, r.stderr  # it was said twice


def test_the_default_vm_is_decided_in_one_place(tmp_path: Path) -> None:
    from a64js import cli

    assert cli.DEFAULT_VM in cli.VMS
    assert cli._parser().parse_args(["x.js"]).vm == cli.DEFAULT_VM
    src = tmp_path / "t.js"
    src.write_text("console.log([1, 2].map(x => x * 2));\n")
    for vm in cli.VMS:  # --vm names either, whichever the default is
        r = _a64js("--vm", vm, "--stats", str(src))
        assert (r.returncode, r.stdout) == (0, "[ 2, 4 ]\n"), r.stderr
        assert ("stats: vm heap" in r.stderr) == (vm == "heap")


def test_dense_array_limits_are_the_python_vms(tmp_path: Path) -> None:
    """Arrays are dense on both VMs: the same RangeErrors where node would go sparse; an
    array the heap's bound cannot hold is a clean heap exhaustion."""
    src = tmp_path / "dense.js"
    src.write_text(
        "const a = []; a[500000] = 1; console.log(a.length);\n"
        "try { const b = []; b[5000000] = 1; } catch (e) { console.log(e.name, e.message); }\n"
        "const c = [1]; c.length = 100000; console.log(c.length, c[99999]);\n"
        "try { new Array(4e9); } catch (e) { console.log(e.name, e.message); }\n"
        "try { const d = [1]; d.length = 4e9; } catch (e) { console.log(e.name, e.message); }\n")
    py = _a64js("--vm", "python", str(src))
    assert py.returncode == 0, py.stderr
    proc = run_heap(src, semispace=8 << 20)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, py.stdout, "")
    small = run_heap(src, semispace=1 << 20)
    assert small.returncode == 1 and small.stdout == ""
    assert "heap exhausted" in small.stderr and "500001 elements" in small.stderr


def test_bound_functions_are_collected() -> None:
    """A program binding in a loop: the bound functions' data is in their cells (traced),
    their natives' numbers are given out again once they died: a small heap holds it."""
    from a64js.hvm.core import R

    path = Path(__file__).resolve().parent / "hvm_only" / "heavy" / "bind_loop.js"
    proc = run_heap(path, semispace=256 << 10)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == path.with_suffix(".expected").read_text(encoding="utf-8")
    assert R.heap.stats.collections > 5
    assert len(R.natives) < 4000 and R.heap.live_handles < 200  # 12,100 binds
