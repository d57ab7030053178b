"""Session 20: the heap VM's frames held in a Python list (``Heap.list_frames``; the
realm's ``R.S`` while no JIT is installed) and the memory brought up to date whenever
something else reads it: before every collection (the collector moves the references
the frames hold; the list is read back after it) and, for good, when a JIT is installed
(``hvm.core.use_memory_frames``). The program keeps objects in live frames across
collections, stores and reads doubles (the list holds their bits), grows the list by
deep recursion up to the word stack's end (RangeError), unwinds exceptions through
frames holding objects. Each mode gives node's output: the CLI (frames in the list),
blocks compiled at once or soon under a collection at every allocation, the JIT at
threshold 0 with and without forced bailouts (frames in memory)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.js.hvmrun import closure_code, heap_module, in_vm_thread
from tests.js.jitrun import gc_stress_prints, heap_cli_prints, jit_prints, node_prints

if TYPE_CHECKING:
    from a64js.bytecode import Code

PROGRAM = """\
// frames held in a Python list (heap VM, session 20): references in live frames across
// collections, doubles stored and read back, the list grown by deep recursion, the word
// stack exhausted (RangeError), exceptions unwinding through frames holding objects
function build(n) {
  const node = { n: n, tag: "t" + n, xs: [n, n * 0.5, -n] };
  if (n === 0) return node;
  const child = build(n - 1);
  node.next = child;
  return node;
}
function walk(o) {
  let s = 0, cat = 0, d = 0.0;
  while (o) { s += o.n; cat += o.tag.length; d += o.xs[1] * 1.5 - o.xs[2] / 4; o = o.next; }
  return s + ":" + cat + ":" + d;
}
function doubles(n) {
  let x = 0.1, y = 1e300, z = -0.0, acc = 0;
  for (let i = 0; i < n; i++) {
    x = x * 1.0001 + i / 7;
    y = y * 10;              // Infinity after a few
    z = z * -1;
    acc += (x < 1e6 ? x : -x) + (y === Infinity ? 1 : 0) + (Object.is(z, -0) ? 2 : 3);
  }
  const nan = 0 / 0;
  return [acc.toFixed(6), x, y, Object.is(z, -0), nan !== nan, Math.sqrt(2) * Math.PI];
}
function deep(n) { return n === 0 ? [0.25] : [n + deep(n - 1)[0]]; }
function down(n) { const k = { n }; return n === 0 ? k.n : 1 + down(n - 1); }
function overflow() { try { return "ok " + down(1e7); } catch (e) { return e.constructor.name; } }
function thrower(n, keep) {
  const mine = { v: n, s: "s" + n };
  if (n === 0) throw new Error("bottom " + keep.length);
  try { return thrower(n - 1, keep.concat([mine])); } finally { keep.push(mine.s); }
}
function unwind(n) {
  const keep = [];
  try { thrower(n, keep); } catch (e) { return e.message + " " + keep.length + " " + keep[0]; }
}
function closures(n) {
  const fs = [];
  for (let i = 0; i < n; i++) { let c = i * 0.5; fs.push(() => c += 1.25); }
  let s = 0;
  for (const f of fs) s += f() + f();
  return s;
}
for (let rep = 0; rep < 2; rep++) {
  console.log("walk", walk(build(300)));
  console.log("doubles", doubles(400).join(" "));
  console.log("deep", deep(1500)[0]);
  console.log("overflow", overflow(), overflow());
  console.log("unwind", unwind(200));
  console.log("closures", closures(300));
}
"""
_ROUND = (
    'walk 45150:1094:45150\n'
    'doubles 1540515.806590 11552.857104948505 Infinity true true 4.442882938158366\n'
    'deep 1125750.25\n'
    'overflow RangeError RangeError\n'
    'unwind bottom 200 1 s200\n'
    'closures 45975\n'
)
PROGRAM_OUT = _ROUND * 2  # node's (test_program_output_is_nodes)
# smaller, for a collection at every allocation (the overflow without an allocation
# per frame: every collection writes and reads the live words)
SMALL = PROGRAM.replace("build(300)", "build(40)").replace("doubles(400)", "doubles(30)") \
    .replace("deep(1500)", "deep(120)").replace("unwind(200)", "unwind(20)") \
    .replace("closures(300)", "closures(20)").replace('"ok " + down(1e7)', '"ok " + down2(1e7)') \
    .replace("function down(n)", "function down2(n) { return n === 0 ? 0 : 1 + down2(n - 1); }"
             "\nfunction down(n)")
_SMALL_ROUND = (
    'walk 820:113:820\n'
    'doubles 742.597254 62.301196748629906 Infinity true true 4.442882938158366\n'
    'deep 7260.25\n'
    'overflow RangeError RangeError\n'
    'unwind bottom 20 1 s20\n'
    'closures 265\n'
)
SMALL_OUT = _SMALL_ROUND * 2


@pytest.mark.parametrize("small", [False, True])
def test_program_output_is_nodes(tmp_path: Path, node: str, small: bool) -> None:
    node_prints(node, tmp_path, SMALL if small else PROGRAM,
                SMALL_OUT if small else PROGRAM_OUT)


def test_heap_vm_cli_frames_in_a_list(tmp_path: Path) -> None:
    heap_cli_prints(tmp_path, PROGRAM, PROGRAM_OUT)


@pytest.mark.parametrize("hot", [1, 4])
def test_blocks_soon_under_gc_stress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     hot: int) -> None:
    gc_stress_prints(tmp_path, monkeypatch, hot, SMALL, SMALL_OUT)


@pytest.mark.parametrize("stress", [None, "all"])
def test_jit_at_threshold_0_frames_in_memory(tmp_path: Path, stress: str | None) -> None:
    jit_prints(tmp_path, PROGRAM, PROGRAM_OUT, stress)


def test_a_collection_moves_the_references_listed_frames_hold() -> None:
    """A realm starts with its frames in a list; a collection while a listed frame holds
    an object's reference leaves the moved cell's new address in the list (written to
    memory before the copy, read back after), and memory_frames writes the list out."""
    from a64js.hvm import core, interp
    from a64js.hvm.core import R, int_of

    heap_module("exports.x = 1;", [])
    heap = R.heap
    assert type(R.S) is list and heap.frames_list is R.S
    o = core.new_object(R.protos["Object"].word)
    heap.put(heap.handle(o), "v", core.num_word(41))
    info = core.code_info(_any_code())
    i = interp.push_frame(info, core.UNDEFINED_WORD, core.UNDEFINED_WORD, [])
    try:
        R.S[i] = o
        fp = R.sbase + 8 * i
        assert heap.frame_get(fp, 0) == o
        heap.collect()
        moved = R.S[i]
        assert moved != o  # (copied to the other semispace)
        assert int_of(core.get_prop(moved, "v")) == 41
        assert heap.frame_get(fp, 0) == moved
        heap.memory_frames()
        assert heap._stack[i] == moved and heap.frames_list is None
    finally:
        interp.pop_frame(i)


def _any_code() -> Code:
    from a64js.compiler import compile_module

    return compile_module("let a = 1;", "u.js")


def test_the_list_grows_to_the_word_stack_then_recursion_error() -> None:
    """Frames past the list's end grow it (doubling, up to the word stack's words); a
    frame past the word stack's end is a RecursionError (a RangeError to the program)."""
    from a64js.hvm import core
    from a64js.hvm.core import R, int_of

    fns = heap_module("function d(n) { return n === 0 ? 0 : 1 + d(n - 1); }\n"
                      "exports.d = d;", ["d"])
    start = len(R.S)
    assert start == core.LIST_WORDS
    from a64js.hvm import interp
    got: list[int] = []
    in_vm_thread(lambda: got.append(interp.call(fns["d"].word, core.UNDEFINED_WORD,
                                                [core.num_word(5000)])))
    assert int_of(got[0]) == 5000 and len(R.S) > start
    assert R.slimit == R.sbase + 8 * len(R.S)
    with pytest.raises(RecursionError):
        R.heap.grow_frames(R.heap._ctx[5] + 8)
    assert len(R.S) <= len(R.heap._stack)


def test_a_jit_moves_the_frames_to_memory_only_with_no_frame_live() -> None:
    """Installing a JIT writes the listed frames out and drops handlers decoded over the
    list (decoded again over memory); refused while a frame is live (its handlers hold
    the list), and the realm stays in the list then."""
    from a64js.hvm import core, interp
    from a64js.hvm.core import R

    fns = heap_module("function f(n) { let s = 0.5; for (let i = 0; i < n; i++)"
                      " s = s + i; return s; }\nexports.f = f;", ["f"])
    f = fns["f"]
    assert core.double_of(interp.call(f.word, core.UNDEFINED_WORD,
                                      [core.num_word(600)])) == 179700.5
    info = core.code_info(closure_code(f.word))
    assert info.ops is not None
    i = interp.push_frame(info, f.word, core.UNDEFINED_WORD, [])
    with pytest.raises(RuntimeError):
        core.use_memory_frames()
    assert type(R.S) is list
    interp.pop_frame(i)

    seen: list[int] = []

    class NoJit:
        def on_entry(self, code: object, fp: int) -> None:
            seen.append(R.heap._stack[((fp - R.sbase) >> 3) + 3])  # (in memory)
            return None

        def on_backedge(self, code: object, fp: int, target: int) -> None:
            return None

    interp.set_jit(NoJit())
    try:
        assert isinstance(R.S, memoryview) and R.heap.frames_list is None
        assert info.ops is None  # (decoded again at the next call, over memory)
        assert core.double_of(interp.call(f.word, core.UNDEFINED_WORD,
                                          [core.num_word(7)])) == 21.5
        assert core.double_of(interp.call(f.word, core.UNDEFINED_WORD,
                                          [core.num_word(600)])) == 179700.5
        assert seen == [core.num_word(7), core.num_word(600)]
    finally:
        interp.set_jit(None)
    assert isinstance(R.S, memoryview)  # (for good)
