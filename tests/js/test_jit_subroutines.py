"""The JIT's per-function subroutines are recorded once and spliced in (t_ops._subroutine):
the words of a shared one are the words the body emits itself, a body that depends on
the JIT's addresses gets its own recording per address, and a body that touches the
function being compiled (a guard stub, a label outside it) is refused, never shared."""

from __future__ import annotations

import io
from typing import Any

import pytest

from a64jit import MacroAssembler, mem, x0, x2
from a64js.bytecode import OP, Code
from a64js.jit import compiler as jc
from a64js.jit import t_ops


def _fc(call_table: int = 0x5500_0000_0000, depth_word: int = 0x5600_0000_0000) -> Any:
    from a64js.hvm import builtins, core

    if not hasattr(core.R, "info"):  # compiling asks the heap VM's record of the code
        builtins.setup(["node", "t.js"], io.StringIO(), semispace=1 << 20)
    c = Code("f", "t.js")
    c.insns = [(OP["Return"], 0)]
    c.nregs = 2
    c.kbase = 2
    c.consts = []
    fc = jc.FunctionCompiler(c, 3, None, ctx_address=0x5400_0000_1000,
                             call_table=call_table, depth_word=depth_word,
                             arena=jc.DataArena())
    fc.compile()  # labels, guards and pendings exist, as during a compilation
    fc.m = MacroAssembler()
    return fc


def _words(fc: Any, emit: Any) -> bytes:
    start = fc.m.offset
    fc._subroutine(emit)
    while fc._call_ool:  # the body, emitted out of line (t_calls.later)
        paths, fc._call_ool = fc._call_ool, None
        for path in paths:
            path()
    return bytes(fc.m.finalize()[start:])


def test_shared_words_are_the_body_s_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every subroutine the templates have (first sight, recording, instances) gives the
    words its body emits with the cache off: t_ops, t_num, t_props, t_calls, t_elems."""
    monkeypatch.setattr(t_ops, "_SUBROUTINES", {})
    bodies = ["_emit_seq", "_emit_truthy", "_emit_dmod", "_emit_cmp_other", "_emit_str_add",
              "_emit_get", "_emit_push", "_emit_keyed_find"]
    for name in bodies:
        want_fc = _fc()
        monkeypatch.setattr(t_ops, "SUBROUTINE_CACHE", False)
        want = _words(want_fc, getattr(want_fc, name))
        monkeypatch.setattr(t_ops, "SUBROUTINE_CACHE", True)
        for use in range(t_ops.RECORD_AT + 2):
            fc = _fc()
            assert _words(fc, getattr(fc, name)) == want, (name, use)
    frag = [v for v in t_ops._SUBROUTINES.values() if type(v) is not int]
    assert len(frag) == len(bodies)


def test_addresses_are_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """A body that embeds the call table gets its own words in a JIT with other addresses
    (with one key for all, the second JIT would call through the first one's table). The
    callee check embedded it too until x26 held the table (session 14): now its words
    are the same for any table."""
    monkeypatch.setattr(t_ops, "_SUBROUTINES", {})
    seen, checks = [], []
    for table in (0x5500_0000_0000, 0x5510_0000_0000):
        for _ in range(t_ops.RECORD_AT + 1):
            fc = _fc(call_table=table)
            seen.append(_words(fc, lambda fc=fc: _table_body(fc)))
            fc = _fc(call_table=table)
            checks.append(_words(fc, lambda fc=fc: fc._emit_check(False)))
    n = t_ops.RECORD_AT + 1
    assert len(set(seen[:n])) == 1
    assert len(set(seen[n:])) == 1
    assert seen[0] != seen[n]
    assert len(set(checks)) == 1


def _table_body(fc: Any) -> None:
    """A subroutine body embedding ``fc``'s call table (a ``mov`` of its address)."""
    fc.m.mov(x2, fc.call_table)
    fc.m.ldr(x0, mem(x2, 0))
    fc.m.ret()


def test_a_body_touching_the_function_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A body that makes a guard stub of its function cannot be shared: the use that
    records it raises instead of giving words that branch elsewhere."""
    monkeypatch.setattr(t_ops, "_SUBROUTINES", {})

    def body(fc: Any) -> Any:
        def touch() -> None:
            fc.m.b_ne(fc.guard(0, 1))
            fc.m.ret()
        return touch

    for _ in range(t_ops.RECORD_AT - 1):
        fc = _fc()
        fc._subroutine(body(fc))  # emitted as is
    last = _fc()
    with pytest.raises(AssertionError, match="not self-contained"):
        last._subroutine(body(last))
