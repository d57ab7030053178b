"""Issue 9 item 1: the MacroAssembler's fast paths (its memoized methods, the words of
``mov(reg, constant)`` remembered per class) emit exactly what the full paths emit,
and never skip a check the full path makes."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

from a64jit import MacroAssembler
from a64jit.macro import ScratchError
from a64jit.macro.masm import _MOV_WORDS
from a64jit.operands import mem, post, pre, sp, w0, w1, x0, x1, x2, x3, x16, x17

_NAMES = ("ldr", "str", "ldrb", "strh", "ldrsw", "ldp", "stp", "add", "sub", "adds", "subs",
          "cmp", "cmn", "and_", "ands", "orr", "eor", "tst", "mov")


def _calls(rng: random.Random) -> list[tuple[str, tuple[Any, ...]]]:
    """Calls that are one exact instruction or a macro expansion, by chance."""
    imm = [0, 1, 8, 4095, 4096, 0x1234, -8, 0xFFF000, 0x123456, 2**40 + 3, 0xFF, 0xFF00FF00]
    off = [0, 8, 16, 255, -256, 32760, 32768, 1 << 20, -4096, 3]
    out: list[tuple[str, tuple[Any, ...]]] = []
    for _ in range(300):
        name = rng.choice(_NAMES)
        rd, rn = rng.choice([x0, x1, x2, x3]), rng.choice([x0, x1, x2, sp])
        k, o = rng.choice(imm), rng.choice(off)
        if name in ("ldr", "str", "ldrsw"):
            args: tuple[Any, ...] = (rd, rng.choice([mem(rn, o), pre(rn, o % 256), post(rn, 8)]))
        elif name in ("ldrb", "strh"):
            args = (rd.w, mem(rn, o))
        elif name in ("ldp", "stp"):
            args = (x2, x3, mem(rn, o))
        elif name in ("cmp", "cmn", "tst"):
            args = (rd if name == "tst" else rn, k)
        elif name == "mov":
            args = (rng.choice([x0, w1, x17]), k if rng.random() < 0.8 else -k)
        elif name in ("and_", "ands", "orr", "eor"):
            args = (rd, rd, k)
        else:
            args = (rd, rn, k)
        out.append((name, args))
    return out


def _words(m: MacroAssembler) -> bytes:
    return bytes(m._code)


def test_memoized_calls_equal_the_full_path() -> None:
    """Each call made twice on one MacroAssembler (the second from the memo) emits
    the words its full method emits on a fresh one."""
    rng = random.Random(5)
    m = MacroAssembler()
    for name, args in _calls(rng):
        fresh = MacroAssembler()
        method = getattr(MacroAssembler, name)
        full: Callable[..., None] = getattr(method, "__wrapped__", method)  # mov: not memoized
        try:
            full(fresh, *args)
        except (ValueError, TypeError):
            with pytest.raises((ValueError, TypeError)):
                getattr(m, name)(*args)
            continue
        for _ in range(2):
            before = len(m._code)
            getattr(m, name)(*args)
            assert bytes(m._code[before:]) == _words(fresh), (name, args)


def test_mov_words_are_remembered_per_class_and_checked() -> None:
    """mov of a constant replays its words (per class: a subclass that plans its own
    way keeps its own); with a scratch register held by an enclosing scope the full
    path runs and refuses it."""
    m = MacroAssembler()
    m.mov(x0, 0x1234_5678_9ABC_DEF0)
    first = _words(m)
    assert (MacroAssembler, x0, 0x1234_5678_9ABC_DEF0) in _MOV_WORDS
    m.mov(x0, 0x1234_5678_9ABC_DEF0)
    assert _words(m) == first * 2

    class Nops(MacroAssembler):
        def _mx_emit_plan(self, rd: Any, steps: Any) -> None:
            for _ in steps:
                self.nop()

    n = Nops()
    n.mov(x0, 0x1234_5678_9ABC_DEF0)
    n.mov(x0, 0x1234_5678_9ABC_DEF0)
    assert _words(n) == bytes.fromhex("1f2003d5") * 8
    with m.scratch("outer") as outer:
        t = outer.acquire()
        m.mov(t, 0x55_0000_0000)
        with m.scratch("helper"), pytest.raises(ScratchError, match="held by the enclosing"):
            m.mov(t, 0x55_0000_0000)
    with pytest.raises(ValueError, match="mov: immediate"):
        m.mov(w0, 2**32)
    m.mov(x16, 1)
    with pytest.raises(TypeError, match="mov: source True"):
        m.mov(x16, True)  # equal to 1, but not an int: never the remembered words


def test_sp_and_wide_constants_are_not_remembered_wrongly() -> None:
    m = MacroAssembler()
    m.mov(sp, 0x1234_5678)  # through a scratch register, then mov sp
    m.mov(sp, 0x1234_5678)
    half = len(m._code) // 2
    assert m._code[:half] == m._code[half:]
    assert (MacroAssembler, sp, 0x1234_5678) not in _MOV_WORDS


def test_recorded_sites_take_every_fast_path() -> None:
    """With record_sites every word goes through emit (a site each): the memoized
    methods, replayed mov words and inline branches too, and a veneer still falls due."""
    m = MacroAssembler(record_sites=True)
    far = m.label()
    m.tbnz(x1, 0, far)
    for _ in range(2):
        m.mov(x0, 0x1234_5678_9ABC)
    for _ in range(9000):  # 36 KiB: past tbnz's reach, so a veneer is placed
        m.add(x0, x0, 1)
    m.ret()
    m.bind(far)
    m.ret()
    code = m.finalize()
    assert m._sites is not None and len(m._sites) == len(code) // 4
    assert len(code) // 4 > 1 + 6 + 9000 + 2  # the veneer and its branch around
    assert all(site[1] == __file__ for site in m._sites)
