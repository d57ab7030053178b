"""Session 18: int32 values forwarded in locals between the instructions of a compiled
block of the heap VM (hvm.interp: ``_use_known``, ``_inc_known``, ``_set_known``). A
forwarded value must never be stale: the program below writes a forwarded slot through
handlers (a property read of an int, a double, a string), at a nested jump's join (an
``if`` that may assign it), past int32 (Add, Inc, Dec leaving the range: the local is
None there), in a ``try`` whose ``catch`` changed it, with allocations (collections
under stress) between the producer and the use, and at negative and out-of-range array
indices. Each mode gives node's output: blocks compiled at once under a collection at
every allocation, after a few entries (the stub's note of which slots held doubles), at
the default threshold, and with the JIT (threshold 0, stress bailouts into the blocks).
A mutation of the invalidation rules (a write not forgetting its slot, the join keeping
what one way changed, Inc's range test dropped) changes the output."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.js.jitrun import block_text, heap_program_tests

PROGRAM = """\
// int32 values forwarded between the instructions of a block (heap VM, session 18)
function idx(n) {
  const a = new Array(3 * n).fill(0);
  let s = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const d1 = r + c;
      const d2 = r - c + n;
      const d3 = r - c;
      a[d1] += 1;
      a[d2] += 2;
      if (a[d1] > a[d2]) s += d1; else s -= d2;
      if (a[d3] === undefined) s += 3; else s += a[d3];
    }
  }
  return s;
}
function over(k) {
  let s = 0;
  for (let i = 0; i < k; i++) {
    const base = i % 4 === 0 ? 2147483000 : i;
    const x = base + 640;
    const y = x + 10;
    s += (y - x) + (y > 2147483647 ? 1 : 0) + (x % 1000);
  }
  return s;
}
function rewrite(objs) {
  let t = 0;
  let cat = "";
  for (let i = 0; i < objs.length; i++) {
    let x = i + 1;
    const y = x;
    x = objs[i].v;
    const z = x + 1;
    if (typeof z === "string") cat += z; else t += z * 3 + y;
  }
  return t + " " + cat;
}
function join(n) {
  let s = 0;
  let str = "";
  for (let i = 0; i < n; i++) {
    let x = i + 1;
    if (i % 3 === 0) x = "k" + i;
    const z = x + 1;
    if (typeof z === "string") str += z.length; else s += z;
    let w = i - 2;
    if (i % 5 === 1) w = 0.25;
    s += w * 2 + (w < 3 ? 1 : 0);
  }
  return s + ":" + str.length;
}
function thrower(n) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let d = i + 1;
    try {
      if (i % 7 === 3) { d = d * 1.5; throw d; }
      s += d;
    } catch (e) {
      s += e * 2;
    }
    s += d + 1;
  }
  return s;
}
function gcs(n) {
  let s = 0;
  const keep = [];
  for (let i = 0; i < n; i++) {
    const d = i + 7;
    keep.push({ v: d, w: [d, d + 1, "s" + d] });
    s += d + keep[keep.length - 1].w[1] + keep[keep.length - 1].w[2].length;
    if (keep.length > 40) keep.pop();
  }
  return s;
}
function edges() {
  let s = 0;
  for (let r = 0; r < 12; r++) {
    for (let i = 2147483600; i < 2147483650; i++) s += (i + 3) % 7;
    for (let i = -2147483600; i > -2147483655; i--) s += (i - 3) % 7;
  }
  let m = 0;
  for (let j = 0; j < 600; j++) { m = m + 1; m = m * 2; m = m % 1000003; s += m & 7; }
  return s;
}
const objs = [];
for (let i = 0; i < 700; i++) {
  const k = i % 4;
  objs.push({ v: k === 0 ? i : k === 1 ? i + 0.5 : k === 2 ? "s" + i : 2147483647 });
}
let total = 0;
for (let rep = 0; rep < 3; rep++) {
  console.log("idx", idx(24 + rep));
  console.log("over", over(900));
  console.log("rewrite", rewrite(objs).length, rewrite(objs).slice(0, 40));
  console.log("join", join(800));
  console.log("thrower", thrower(800));
  console.log("gcs", gcs(700));
  console.log("edges", edges());
}
"""

_ROUND = (  # a round's lines after its first
    'over 483975\n'
    'rewrite 864 1127429466362.5 s21s61s101s141s181s221s2\n'
    'join 723497:267\n'
    'thrower 755457.5\n'
    'gcs 502504\n'
    'edges 2020\n'
)
PROGRAM_OUT = "".join(  # node's output (test_program_output_is_nodes)
    f"idx {n}\n" + _ROUND for n in (5296, 6322, 6669))


(test_program_output_is_nodes, test_heap_vm_default_threshold,
 test_blocks_soon_under_gc_stress, test_jit_at_threshold_0) = heap_program_tests(
    PROGRAM, PROGRAM_OUT)


def test_blocks_forward_ints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The program's blocks do forward (else the tests above would test nothing): a
    known local's fast case, a learnt operand, Inc from a known value."""
    text = block_text(tmp_path, monkeypatch, PROGRAM, PROGRAM_OUT)
    assert " is not None and " in text  # a fast case over a forwarded value
    assert "x ^ 2147483648\n" in text  # an operand learnt
    assert " + 1\n" in text and " = _v" in text

