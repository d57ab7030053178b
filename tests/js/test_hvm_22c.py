"""Session 22 (HVM22C): the heap's context words held in a Python list while the realm's
frames are (``Heap._ctx`` a list: an item costs about half a memoryview's), the block
written from it before the collector reads it (and the list read back in place after)
and for good when a JIT is installed (``Heap.memory_frames``); and reference words
decoded as ``(w - Heap._rb) >> 3`` (``_rb`` = REF_BASE + the semispace's base, updated
by every flip and by the heap growing). The program makes calls, allocations,
collections and a growing heap; each mode gives node's output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.js.hvmrun import closure_code, heap_module, run_heap, small_semispace
from tests.js.jitrun import (
    gc_stress_prints,
    heap_cli_prints,
    jit_prints,
    node_prints,
    write_program,
)

PROGRAM = """\
// the context words held in a list (session 22): calls (the frame and stack pointers),
// allocations (the heap top), collections (the roots, the top after the copy), the heap
// growing, references decoded after every flip
function Node(v, next) { this.v = v; this.next = next; }
function build(n) { let h = null; for (let i = 0; i < n; i++) h = new Node(i, h); return h; }
function sum(h) { let s = 0; while (h) { s += h.v; h = h.next; } return s; }
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function strs(n) {
  const a = [];
  for (let i = 0; i < n; i++) a.push("s" + i + ":" + (i * 0.5));
  return a.join(",").length;
}
function keep(n) {
  const m = {};
  for (let i = 0; i < n; i++) m["k" + (i % 97)] = [i, { i }];
  return Object.keys(m).length + m.k5[1].i;
}
function deep(n) { const o = { n }; return n === 0 ? o : { up: deep(n - 1), n }; }
function depth(o) { let d = 0; while (o.up) { o = o.up; d++; } return d; }
const held = [];
for (let r = 0; r < 3; r++) {
  const lists = [];
  for (let j = 0; j < 5; j++) lists.push(build(200 + j));
  held.push(build(300 * (r + 1)));
  console.log(r, fib(15 + r), lists.map(sum).join(" "), strs(300), keep(500),
              depth(deep(400)), held.map(sum).join(" "), [..."ab" + r].join("|"));
}
"""
PROGRAM_OUT = """\
0 610 19900 20100 20301 20503 20706 2669 587 400 44850 a|b|0
1 987 19900 20100 20301 20503 20706 2669 587 400 44850 179700 a|b|1
2 1597 19900 20100 20301 20503 20706 2669 587 400 44850 179700 404550 a|b|2
"""
# smaller, for a collection at every allocation
SMALL = PROGRAM.replace("build(200 + j)", "build(20 + j)") \
    .replace("build(300 * (r + 1))", "build(30 * (r + 1))").replace("strs(300)", "strs(30)") \
    .replace("keep(500)", "keep(50)").replace("deep(400)", "deep(40)") \
    .replace("fib(15 + r)", "fib(8 + r)")
SMALL_OUT = """\
0 21 190 210 231 253 276 209 55 40 435 a|b|0
1 34 190 210 231 253 276 209 55 40 435 1770 a|b|1
2 55 190 210 231 253 276 209 55 40 435 1770 4005 a|b|2
"""


@pytest.mark.parametrize("small", [False, True])
def test_program_output_is_nodes(tmp_path: Path, node: str, small: bool) -> None:
    node_prints(node, tmp_path, SMALL if small else PROGRAM,
                SMALL_OUT if small else PROGRAM_OUT)


def test_heap_vm_cli(tmp_path: Path) -> None:
    heap_cli_prints(tmp_path, PROGRAM, PROGRAM_OUT)


@pytest.mark.parametrize("hot", [1, 4])
def test_gc_stress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hot: int) -> None:
    gc_stress_prints(tmp_path, monkeypatch, hot, SMALL, SMALL_OUT)


@pytest.mark.parametrize("stress", [None, "all"])
def test_jit_frames_and_context_in_memory(tmp_path: Path, stress: str | None) -> None:
    jit_prints(tmp_path, PROGRAM, PROGRAM_OUT, stress)


def test_small_heap_grows(tmp_path: Path) -> None:
    """A semispace a little past the realm's live set, growing to 8 MiB: many flips and
    two growths, every reference decoded with the _rb of its semispace."""
    from a64js.hvm.core import R
    from a64js.words import REF_BASE

    start = small_semispace(48 << 10)
    proc = run_heap(write_program(tmp_path, PROGRAM), semispace=start,
                    max_semispace=8 << 20)
    assert (proc.stdout, proc.stderr, proc.returncode) == (PROGRAM_OUT, "", 0)
    heap = R.heap
    assert heap.semispace > start and heap.stats.collections > 4
    assert heap._rb == REF_BASE + heap.space_base


# -- the list and the block ---------------------------------------------------------------

@pytest.mark.parametrize("collector", ["python", "code"])
def test_a_collection_reads_the_block_written_from_the_list(collector: str) -> None:
    """With the frames listed, the context words are a list too: a frame pushed and a
    root set after the listing are in the list only; the collector (Python or generated
    code, which reads the block) sees them because the list is written to the block
    first, and the list (the same object) is read back after (roots moved, the new heap
    top)."""
    from a64js.heap import Ctx, Heap
    from a64js.words import INT_BASE, REF_BASE

    h = Heap(1 << 13, poison=True, collector=collector)
    try:
        h.list_frames(64)
        c = h._ctx
        assert isinstance(c, list) and c == h._ctxm.tolist()
        shape = h.new_shape()
        fp = h.push_frame(2)
        a = h.alloc_object(shape)
        h.put(a, "v", INT_BASE | 7)
        h.frame_set(fp, 1, a)
        b = h.alloc_object(shape)
        h.put(b, "v", INT_BASE | 9)
        h.set_root(3, b)
        assert h._ctxm[Ctx.FP >> 3] == 0  # (the block is behind the list until read)
        assert h._ctxm[Ctx.HEAP_TOP >> 3] != h.heap_top
        h.alloc_string("garbage " * 40)
        h.collect()
        assert h._ctx is c and c == h._ctxm.tolist()  # (read back, in place)
        a2, b2 = h.frame_get(fp, 1), h.root(3)
        assert a2 != a and b2 != b  # (moved to the other semispace)
        assert h.get(a2, "v") == INT_BASE | 7 and h.get(b2, "v") == INT_BASE | 9
        assert h.heap_top == h.space_base + h.stats.last_live
        assert h._rb == REF_BASE + h.space_base
        h.verify()
        h.pop_frame()
        h.memory_frames()  # the list ends: the block is exact and the heap's copy again
        now: object = h._ctx
        assert now is h._ctxm and h._ctxm.tolist() == c
    finally:
        h.close()


def test_a_jit_moves_the_context_words_to_the_block() -> None:
    """Installing a JIT writes the listed context words (the heap top bumped by every
    allocation since the realm's start) to the block, and the handlers and blocks
    decoded again afterwards hold the block's view, never the old list."""
    from a64js.hvm import core, interp
    from a64js.hvm.core import R

    fns = heap_module("function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2); }\n"
                      "function g(n) { const a = []; for (let i = 0; i < n; i++)"
                      " a.push({ i, f: f(i % 9) }); return a.length + a[n - 1].f; }\n"
                      "exports.g = g;", ["g"])
    g = fns["g"]
    heap = R.heap
    old = heap._ctx
    assert isinstance(old, list)
    assert core.int_of(interp.call(g.word, core.UNDEFINED_WORD,
                                   [core.num_word(300)])) == 300 + 1
    assert heap._ctxm[0] != old[0]  # (allocations bumped the list's top only)
    top = old[0]
    seen: list[tuple[int, int]] = []

    class NoJit:
        def on_entry(self, code: object, fp: int) -> None:
            seen.append((heap._ctxm[3], fp))  # (the block's frame pointer: this frame)
            return None

        def on_backedge(self, code: object, fp: int, target: int) -> None:
            return None

    interp.set_jit(NoJit())
    try:
        assert heap._ctx is heap._ctxm and heap._ctxm[0] == top
        assert core.int_of(interp.call(g.word, core.UNDEFINED_WORD,
                                       [core.num_word(300)])) == 300 + 1
        assert seen and all(m == fp for m, fp in seen)
        assert heap._ctxm[0] > top
        held = [op for info in R.codes for op in (*(info.ops or ()), *info.run)]
        assert held
        for op in held:
            assert not _holds(op, old), op
            assert getattr(op, "__globals__", {}).get("CTX", heap._ctxm) is heap._ctxm
    finally:
        interp.set_jit(None)
    assert closure_code(g.word) is not None


def _holds(op: Any, obj: object) -> bool:
    """``op`` (a handler or a block) holds ``obj`` in a closure cell or its globals."""
    cells = getattr(op, "__closure__", None) or ()
    for cell in cells:
        try:
            if cell.cell_contents is obj:
                return True
        except ValueError:  # (an empty cell)
            continue
    return any(v is obj for v in getattr(op, "__globals__", {}).values())


def test_rb_follows_every_flip_and_growth() -> None:
    """``Heap._rb`` is REF_BASE plus the current semispace's base after each collection
    (the spaces swap) and each growth (new, bigger blocks); the decoders built on it
    (``hvm.core``) find the cells the reference words name."""
    from a64js.heap import KIND_ARRAY
    from a64js.hvm import core
    from a64js.hvm.core import R
    from a64js.words import ADDR_MASK, REF_BASE

    fns = heap_module("exports.mk = (n) => { const a = [];"
                      " for (let i = 0; i < n; i++) a.push({ i, s: 'x' + i }); return a; };",
                      ["mk"])
    heap = R.heap
    heap.max_semispace = 1 << 24  # (may grow)
    keep = []
    bases = {heap.space_base}
    for n in (10, 2000, 20000):
        got = core.R.call(fns["mk"].word, core.UNDEFINED_WORD, [core.num_word(n)])
        keep.append(heap.handle(got))
        heap.collect()
        bases.add(heap.space_base)
        assert heap._rb == REF_BASE + heap.space_base
        for hd in keep:
            w = hd.word
            assert core.cell_index(w) == ((w & ADDR_MASK) - heap.space_base) >> 3
            assert core.kind_of(w) == KIND_ARRAY
            last = core.array_get(w, core.array_length(w) - 1)
            assert core.str_of(core.get_prop(last, "s")) == f"x{core.array_length(w) - 1}"
    assert heap.semispace > 1 << 20 and len(bases) >= 3  # (flips and a growth)
