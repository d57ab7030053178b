"""Session 21's cheaper direct calls (jit/t_calls.py, jit/compiler.py's exits):

- the direct entry stores a string constant that no code reads from its slot (a name
  only ``k`` operands use) as undefined, with no load from the frame block
  (``t_calls.read_string_slots`` says which strings are read: register operands, LoadK,
  every string of a function with ``typeof``);
- every status-0 exit leaves the result in ``t_calls.RESULT`` (x5) as well as in slot 0,
  and a direct call's site stores it from there;
- the call subroutines write the caller's fp from x19 and count the depth from the word
  they loaded for the limit test; a site pops the callee's frame from x19.

programs/feat_jit_calls21.js (node's output) runs each of those through the interpreter,
the JIT at threshold 0, forced bailouts (a bailed-out or generic Return exits through
``_exit_ok``), and a heap small enough that collections happen inside the callees (the
string constants move while frames with undefined name slots are live)."""

from __future__ import annotations

import io
import re
from itertools import pairwise
from typing import Any

import pytest

from a64js.bytecode import OP, Code
from tests.js import jsprograms
from tests.js.jitrun import run_jit, run_matching, run_stressed

PROGRAM = jsprograms.PROGRAMS / "feat_jit_calls21.js"


def _want() -> str:
    return PROGRAM.with_suffix(".expected").read_text(encoding="utf-8")


def test_matches_node_and_interpreter() -> None:
    jit = run_matching(PROGRAM, _want())
    jit.summary()  # reads the direct-call count
    assert jit.stats.direct_calls >= 5000, jit.stats.direct_calls


@pytest.mark.parametrize("stress", ["all", 3, 11])
def test_stress_bailouts(stress: str | int) -> None:
    run_stressed(PROGRAM, _want(), stress)


def test_collections_inside_callees() -> None:
    """A small heap: collections while direct-called frames (name slots undefined) are
    live, and between calls (the frame blocks' strings refreshed)."""
    proc, jit = run_jit(PROGRAM, threshold=0, semispace=96 << 10)
    assert (proc.stdout, proc.stderr, proc.returncode) == (_want(), "", 0)
    jit.summary()
    assert jit.stats.direct_calls >= 5000, jit.stats.direct_calls


def _code(consts: list[Any], insns: list[tuple[int, ...]], kbase: int = 4) -> Code:
    c = Code("f", "t.js")
    c.consts = consts
    c.kbase = kbase
    c.nregs = kbase + len(consts)
    c.insns = insns
    return c


def test_read_string_slots() -> None:
    from a64js.jit.t_calls import read_string_slots

    # GetProp r3 = r2.k0 ("name"): k operands only
    names = _code(["name", 7, "other"], [(OP["GetProp"], 3, 2, 0, 0), (OP["Return"], 3)])
    assert read_string_slots(names) == set()
    # LoadK of k2 ("other"): its slot is read; the name still not
    loadk = _code(["name", 7, "other"], [(OP["GetProp"], 3, 2, 0, 0), (OP["LoadK"], 3, 2),
                                         (OP["Return"], 3)])
    assert read_string_slots(loadk) == {6}
    # a register operand naming the slot of "name" (kbase + 0)
    reg = _code(["name", 7, "other"], [(OP["Mov"], 3, 4), (OP["Return"], 3)])
    assert read_string_slots(reg) == {4}
    # typeof: every string (its result may be the pool's)
    typeof = _code(["name", 7, "other"], [(OP["TypeOf"], 3, 2), (OP["Return"], 3)])
    assert read_string_slots(typeof) == {4, 6}
    assert read_string_slots(_code([1, 2.5], [(OP["Return"], 0)])) == set()


def test_direct_entry_loads_only_read_strings() -> None:
    """The direct entry's words: one load from the frame block (x5) for the LoadK'd
    string, none for the two names; the names' slots stored (as undefined)."""
    pytest.importorskip("capstone")       # (a64jit.disasm's; absent natively)
    from a64jit import MacroAssembler
    from a64jit.disasm import disassemble
    from a64js.hvm import builtins, core, interp
    from a64js.jit import compiler as jc

    if not hasattr(core.R, "info"):
        builtins.setup(["node", "t.js"], io.StringIO(), semispace=1 << 20)
    code = _code(["name", "other", "third"],
                 [(OP["GetProp"], 3, 2, 0, 0), (OP["SetProp"], 2, 2, 3, 0),
                  (OP["LoadK"], 3, 1), (OP["Return"], 3)])
    words = interp.frame_template(code)
    fc = jc.FunctionCompiler(code, 3, None, ctx_address=0x5400_0000_1000,
                             call_table=0x5500_0000_0000, depth_word=0x5600_0000_0000,
                             arena=jc.DataArena())
    fc.m = MacroAssembler()
    fc._store_template(3, words)
    text = [i.text or "" for i in disassemble(bytes(fc.m.finalize()), 0)]
    loads = [t for t in text if t.startswith("ld") and "[x5" in t]
    assert loads == ["ldr x14, [x5, #0x40]"], text   # slot 5 ("other"): 24 + 8 * 5
    stored = sum(2 if t.startswith("stp") else 1 for t in text if t.startswith("st"))
    assert stored == code.nregs - 3, text


def test_function_keeps_x30_alone() -> None:
    """A compiled function saves x30 alone (its direct call's site sets x23 again), and
    the site's words after the call subroutine set x23 to the caller's data block."""
    pytest.importorskip("capstone")       # (a64jit.disasm's; absent natively)
    from a64jit import MacroAssembler
    from a64jit.disasm import disassemble
    from a64js.jit import compiler as jc

    if not jc._W.ready:
        jc._init_words()
    block = 0x7F12_3456_789A
    a = MacroAssembler()
    jc.frame_in(a, block)
    jc._epilogue(a)
    text = [i.text or "" for i in disassemble(bytes(a.finalize()), 0)]
    assert text[0] == "str x30, [sp, #-0x10]!", text
    assert text[-2:] == ["ldr x30, [sp], #0x10", "ret"], text
    words = jc.cid_words(block)
    assert words is not None
    again = [i.text or "" for i in disassemble(words.tobytes(), 0)]
    assert again == ["mov x23, #0x789a", "movk x23, #0x3456, lsl #16",
                     "movk x23, #0x7f12, lsl #32"], again
    assert jc.cid_words(1 << 48) is None


_PLAIN = """function f(a) { return a + 1; }
function g(n) { let s = 0; for (let i = 0; i < n; i++) s += f(i); return s; }
console.log(g(100));
"""


def _run_open(tmp_path: Any, src: str) -> tuple[Any, str, str]:
    """Run ``src`` at threshold 0 with the JIT left open (the caller closes it): the
    JIT, stdout, the --print-code listing."""
    import contextlib

    from a64js.hvm import interp, vm
    from a64js.jit import Jit
    from tests.js.hvmrun import in_vm_thread

    path = tmp_path / "t.js"
    path.write_text(src, encoding="utf-8")
    out, listing = io.StringIO(), io.StringIO()
    jit = Jit(0, print_code=listing)

    def body() -> None:
        with contextlib.redirect_stdout(out):
            vm.run_program(str(path), [], jit=jit)

    try:
        in_vm_thread(body)
    finally:
        interp.set_jit(None)
    return jit, out.getvalue(), listing.getvalue()


def test_frame_block_words(tmp_path: Any) -> None:
    """A compiled function's frame block: word 1 its call word with nregs above
    (FRAME_NREGS_SHIFT: the call subroutines read the epoch, both with one ldp), word 2
    nregs."""
    from a64js.jit.t_calls import FRAME_NREGS_SHIFT, call_word

    jit, out, _ = _run_open(tmp_path, _PLAIN)
    try:
        assert out == "5050\n"
        checked = 0
        for cf in jit._cfs.values():
            word = call_word(cf.info, cf.code)
            if cf.words is None or word is None:
                continue
            n = cf.code.nregs
            assert int(cf.words[1]) == word | n << FRAME_NREGS_SHIFT, cf.code.name
            assert int(cf.words[2]) == n
            checked += 1
        assert checked >= 2, checked
    finally:
        jit.close()


def test_plain_call_this_by_mov(tmp_path: Any) -> None:
    """A plain call's ``this`` (the constant undefined) is set by ``mov``, not loaded
    from the constant's slot."""
    pytest.importorskip("capstone")
    jit, out, listing = _run_open(tmp_path, _PLAIN)
    jit.close()
    assert out == "5050\n"
    # (a listing line: address, word, instruction, then the bytecode at its first)
    lines = [m.group(1) for m in
             (re.match(r"\s*[0-9a-f]{16}\s+[0-9a-f]{8}\s+(.*?)(?:\s{2,}|$)", ln)
              for ln in listing.splitlines()) if m]
    pairs = list(pairwise(lines))
    # g's call of f and the module's of g: this by mov after the callee's load
    assert sum(a.startswith("ldr x0, [x19") and b == "mov x9, #-0x6000000000000"
               for a, b in pairs) >= 2, listing
