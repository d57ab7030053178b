"""The registers every template relies on (callee-saved, so they survive host calls),
in one place for the compiler and its template mixins (see compiler.py's docstring)."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

from a64jit import (
    GPRegister,
    MacroAssembler,
    Mem,
    mem,
    w22,
    x16,
    x19,
    x20,
    x21,
    x23,
    x24,
    x25,
    x26,
)

from . import subcache

#: the word frame: slot n is ``[FP, #8*n]``
FP = x19
#: the heap's context block (``Ctx``)
CTX = x20
#: ``INT_BASE``: ``add x, INTB, w, uxtw`` boxes an int32
INTB = x21
#: ``INT_BASE >> 32``: ``lsr x, x, #32; cmp w, INTHI`` tests for an int32 word
INTHI = w22
#: the compiled function's data block: word 0 its code id (``CID_WORD``: host calls
#: that take the id load it), then its inline-cache cells (``add x3, CID, #offset``
#: addresses one: one instruction where a cell's own address took three)
CID = x23
#: the compiled function's code id, in its data block
CID_WORD = mem(CID, 0)
#: the JIT's shared step and guard stubs
STEP = x24
GUARD = x25
#: the direct-call table (row n at ``CALLS + 16n``: code id n's entry and frame block),
#: with the direct-call depth at ``[CALLS, #-16]`` and the count of direct calls at
#: ``[CALLS, #-8]``: a call reaches all three off one register (each was a movz and
#: two movk of its address)
CALLS = x26
CALL_DEPTH = mem(CALLS, -16)


def slot(n: int) -> Mem:
    """Frame slot ``n`` as a memory operand."""
    got = _SLOTS.get(n)
    if got is None:
        got = _SLOTS[n] = mem(FP, 8 * n)
    return got


def cmp_wide(m: MacroAssembler, reg: GPRegister, value: int) -> None:
    """``cmp reg, #value`` for a 16-bit ``value`` that no compare takes (a tag such as
    ``TAG_INT``, 0xFFF9), as the MacroAssembler expands it -- ``mov`` into its scratch
    x16, then ``cmp`` of the registers: the same words -- but as two memo hits: its
    memo keeps one word per call, so its own ``cmp`` of such a value missed at every
    call (a miss, the memo file asked, the expansion replayed: ~10 us)."""
    m.mov(x16, value)
    m.cmp(reg, x16)


def add_wide(m: MacroAssembler, rd: GPRegister, rn: GPRegister, value: int) -> None:
    """``add rd, rn, #value`` for ``0 <= value < 2**24``: past 4095 with low bits (a
    data block's cell past the 31st) as the MacroAssembler expands it -- ``add`` of the
    high half, then of the low half into ``rd``: the same words -- but as two memo
    hits (or words of the memo file), where its own ``add`` missed at every call."""
    if 0xFFF < value < 1 << 24 and value & 0xFFF:
        m.add(rd, rn, value & ~0xFFF)
        m.add(rd, rd, value & 0xFFF)
    else:
        m.add(rd, rn, value)


def words_of(key: object, build: Callable[[MacroAssembler], None]) -> array[int]:
    """The instruction words ``build`` emits (straight-line code: no label, no branch
    out), made once per process by a MacroAssembler of their own, for
    ``m.emit_words``: a fixed run of a template's words is one C call per site, where
    each instruction was a Python call (a memo hit, ~0.5 us). ``key`` names the run
    (what ``build`` depends on)."""
    got = _WORDS.get(key)
    if got is None:
        # (kept between processes in the subroutine cache, as the box's words: a cold
        # process built its ~40 runs, each instruction a first sight of a fresh
        # MacroAssembler's memo, in 8-27 ms)
        # (not runs.Run's probes: the learned run is kept whole, under "run:<name>")
        disk = (subcache.cache() if type(key) is not tuple or key[:1] != ("run",)
                else None)
        name = "words:" + repr(key)
        entry = disk.get(name) if disk is not None and " at 0x" not in name else None
        if entry is not None and entry[:1] == b"\0" and len(entry) % 4 == 1:
            raw = entry[1:]
        else:
            a = MacroAssembler()
            build(a)
            raw = a.finalize()
            if disk is not None and " at 0x" not in name:
                disk.put(name, b"\0" + raw)  # (t_ops' entry of plain words)
        got = _WORDS[key] = array("I", [int.from_bytes(raw[i:i + 4], "little")
                                        for i in range(0, len(raw), 4)])
    return got


_WORDS: dict[object, array[int]] = {}

def steps(*calls: tuple[Any, ...]) -> Callable[[MacroAssembler], None]:
    """A build function for :func:`words_of` / :func:`buffer` that makes each call in
    turn: ``("ldr", x0, slot(0))`` is ``m.ldr(x0, slot(0))``, ``(f, a, b)`` is
    ``f(m, a, b)`` (a helper that emits on the assembler it is given)."""
    def build(m: MacroAssembler) -> None:
        for call in calls:
            head = call[0]
            if type(head) is str:
                getattr(m, head)(*call[1:])
            else:
                head(m, *call[1:])
    return build


def buffer(key: object, build: Callable[[MacroAssembler], None]) -> array[int]:
    """A copy of ``words_of(key, build)`` that its user owns: the words of a run *with
    holes* (slot offsets, immediates: fields the build left 0), which a template fills
    at each site (``buf[i] = base | value << shift``: a C-level store, no call) and
    emits with one ``m.emit_words(buf)`` (the MacroAssembler copies them). A branch to
    a label is not part of a run: it goes between two runs, through the
    MacroAssembler (which tracks and patches it)."""
    return array("I", words_of(key, build))

#: slot number -> its operand (templates name a slot for nearly every load and store;
#: a lookup here saves mem()'s call; the operands are shared and immutable anyway)
_SLOTS: dict[int, Mem] = {}


__all__ = ["CALLS", "CALL_DEPTH", "CID", "CID_WORD", "CTX", "FP", "GUARD", "INTB", "INTHI",
           "STEP", "add_wide", "buffer", "cmp_wide", "slot", "steps", "words_of"]
