"""Issue 9 item 1 and issue 12 ("the tables drive the MacroAssembler's overrides"): the
short-range branches the MacroAssembler extends with veneers are the instruction
tables' rows tagged "short_branch"; their fast paths (cached zero-offset words,
forward references kept as the Assembler's pending ones) keep every check and
every guarantee. Programs run in the emulator backend."""

from __future__ import annotations

import ctypes
import struct
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from a64jit import Assembler, JitBuffer, MacroAssembler
from a64jit.assembler import table
from a64jit.errors import A64Error, EncodingError, LabelError, OperandError
from a64jit.macro import ScratchError
from a64jit.operands import EQ, sp, w0, x0, x1, x2, x16

BRK = 0xD4200000  # brk #0: landing here is a fault
NOP = 0xD503201F
FAR = 270_000  # words: past the 1 MiB reach of b.cond/bc.cond/cbz/cbnz


@pytest.fixture(scope="module")
def buf() -> Iterator[JitBuffer]:
    with JitBuffer(backend="emulator") as b:
        yield b


def _run(buf: JitBuffer, code: bytes, *args: int) -> int:
    fn = buf.install(code, restype=ctypes.c_uint64, argtypes=[ctypes.c_uint64] * len(args))
    try:
        return int(fn(*args))
    finally:
        buf.free(fn)


def _words(code: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(code) // 4}I", code))


def _b_target(words: list[int], index: int) -> int:
    """The word index an unconditional ``b`` at ``index`` branches to."""
    word = words[index]
    assert word >> 26 == 0b000101, hex(word)
    imm = word & 0x3FFFFFF
    return index + (imm - (1 << 26) if imm >> 25 else imm)


def _imm19_target(words: list[int], index: int) -> int:
    imm = words[index] >> 5 & 0x7FFFF
    return index + (imm - (1 << 19) if imm >> 18 else imm)


def test_every_short_branch_row_is_overridden() -> None:
    """The overrides come from the tables: every Python name of every row tagged
    short_branch that has an inverse (b.al/b.nv, always taken, have none) is a
    MacroAssembler method of its own, and nothing else is."""
    rows = list(table.tagged("short_branch"))
    overridden = set()
    for spec in rows:
        names = getattr(spec, "methods", (spec.method,))
        for name in names:
            mine = MacroAssembler.__dict__.get(name)
            if spec.fields.get("inverse") is None:  # the exact method: its own memo
                # wrapper at most (memo.own_wrappers), of the same method
                inner = getattr(getattr(MacroAssembler, name), "__wrapped__", None)
                assert inner is getattr(Assembler, name).__wrapped__, name
            else:
                assert mine is not None and mine is not getattr(Assembler, name), name
                overridden.add(name)
    for name in ("beq", "b_ne", "b_cs", "bcc", "bc_eq", "bc_cs", "cbz", "cbnz", "tbz", "tbnz"):
        assert name in overridden


def test_far_bc_cond_gets_a_veneer(buf: JitBuffer) -> None:
    """bc.eq (FEAT_HBC) forward past its 1 MiB reach goes through a veneer, and
    backward past it becomes bc.ne over a b. Neither Unicorn nor qemu 7.2 decodes
    bc.cond, so the run clears its hint bit (bit 4): the same branch as b.cond."""
    m = MacroAssembler()
    entry, far, back = m.label(), m.label("far"), m.label("back")
    m.b(entry)
    m.bind(back)
    m.mov(x0, 7)
    m.ret()
    m.bind(entry)
    m.mov(x0, 1)
    bc_eq = m.bc_eq
    m.cmp(x1, 5)
    branch = m.offset // 4
    bc_eq(far)
    m.cmp(x1, 6)
    again = m.offset // 4
    bc_eq(back)  # bound and near: one exact bc.eq
    m.mov(x0, 2)
    m.ret()
    for _ in range(FAR):
        m.emit(BRK)
    m.bind(far)
    m.cmp(x2, 0)
    far_back = m.offset // 4
    bc_eq(back)  # bound, 1 MiB behind: bc.ne over b
    m.mov(x0, 3)
    m.ret()
    code = m.finalize()
    words = _words(code)
    hinted = [i for i, w in enumerate(words) if w & 0xFF000010 == 0x54000010]
    assert hinted == [branch, again, far_back]
    assert words[branch] & 0xF == 0 and words[far_back] & 0xF == 1  # eq; its inverse ne
    veneer = _imm19_target(words, branch)
    assert branch < veneer < len(words)
    assert _b_target(words, veneer) * 4 == m.label_offset(far)
    assert _imm19_target(words, again) * 4 == m.label_offset(back)
    assert _imm19_target(words, far_back) == far_back + 2
    assert _b_target(words, far_back + 1) * 4 == m.label_offset(back)
    plain = b"".join(struct.pack("<I", w & ~0x10 if i in hinted else w)
                     for i, w in enumerate(words))
    assert _run(buf, plain, 0, 5, 1) == 3
    assert _run(buf, plain, 0, 5, 0) == 7
    assert _run(buf, plain, 0, 6, 0) == 7
    assert _run(buf, plain, 0, 4, 0) == 2


def test_veneer_takes_only_short_references(buf: JitBuffer) -> None:
    """A far label referenced by a short branch and by a b: the veneer retargets the
    short one only (b reaches 128 MiB); both land on the label."""
    m = MacroAssembler()
    far = m.label("far")
    m.cmp(x0, 1)
    m.b_ne(far)  # taken unless x0 == 1
    m.b(far)
    for _ in range(FAR):
        m.emit(BRK)
    m.bind(far)
    m.mov(x0, 42)
    m.ret()
    code = m.finalize()
    words = _words(code)
    veneer = _imm19_target(words, 1)
    assert 2 < veneer < len(words)
    assert _b_target(words, veneer) * 4 == _b_target(words, 2) * 4 == m.label_offset(far)
    assert _run(buf, code, 0) == 42
    assert _run(buf, code, 1) == 42


def test_cached_words_keep_the_checks() -> None:
    """The zero-offset word a short branch remembers is keyed by its operands' exact
    types: a bool bit number, a bad register or bit still raise after a good call."""
    m = MacroAssembler()
    lbl = m.label()
    m.tbz(x0, 1, lbl)
    m.cbz(x1, lbl)
    m.b_cond(EQ, lbl)
    any_m: Any = m  # the operands below are wrong on purpose
    bad: list[Callable[[], object]] = [
        lambda: any_m.tbz(x0, True, lbl), lambda: any_m.tbz(w0, 32, lbl),
        lambda: any_m.tbz(x0, 1.0, lbl), lambda: any_m.cbz(sp, lbl),
        lambda: any_m.cbz([x0], lbl), lambda: any_m.tbz(x0, [1], lbl),
        lambda: any_m.b_cond("eq", lbl), lambda: any_m.cbz(x0, "lbl")]
    for call in bad:
        with pytest.raises(A64Error) as info:
            call()
        assert isinstance(info.value, (OperandError, EncodingError, LabelError))
    m.bind(lbl)
    m.ret()
    assert len(m.finalize()) == 16


def test_scratch_check_survives_the_memo() -> None:
    """add(t, t, 1) is remembered while its own scope holds t; in a nested scope the
    same call is refused (the memo is set aside), and after it the memo serves again."""
    m = MacroAssembler()
    with m.scratch("outer") as outer:
        t = outer.acquire()
        m.add(t, t, 1)
        m.add(t, t, 1)
        with m.scratch("helper"):
            calls: list[Callable[[], object]] = [
                lambda: m.add(t, t, 1), lambda: m.cmp(t, 1), lambda: m.subs(x0, t, 2)]
            for call in calls:
                with pytest.raises(ScratchError, match="held by the enclosing"):
                    call()
            m.add(x0, x0, 1)  # other registers are fine
        m.add(t, t, 1)
        assert "add" not in m.__dict__
    m.add(x16, x16, 1)
    assert len(m.finalize()) == 5 * 4


def test_forward_branches_to_one_label_many_times(buf: JitBuffer) -> None:
    """Thousands of pending references to one label across several deadlines of tbz
    (32 KiB): each reaches it, through the veneer of its time."""
    m = MacroAssembler()
    done = m.label("done")
    m.mov(x0, 0)
    for _ in range(3000):
        m.add(x0, x0, 1)
        m.tbnz(x1, 3, done)  # taken when x1 has bit 3: x0 counts the adds before it
        for _ in range(4):
            m.emit(NOP)
    m.bind(done)
    m.ret()
    code = m.finalize()
    assert len(code) > 2 * 32 * 1024
    assert _run(buf, code, 0, 8) == 1
    assert _run(buf, code, 0, 0) == 3000


@pytest.mark.parametrize("name,operands,words", [
    ("b_eq", (), 0), ("bne", (), 5), ("b_cs", (), 262_144), ("bc_le", (), 7),
    ("cbz", (w0,), 1), ("cbnz", (x1,), 262_144), ("tbz", (x0, 63), 8192),
    ("tbnz", (w0, 31), 8191), ("tbz", (x2, 0), 3)])
def test_back_edges_equal_the_exact_words(name: str, operands: tuple[Any, ...],
                                          words: int) -> None:
    """A backward short branch within reach (up to its farthest, -1 MiB or -32 KiB) is
    the exact instruction, word for word, whether made or from the cache."""
    out = []
    for cls in (Assembler, MacroAssembler):
        a = cls()
        top = a.here()
        for _ in range(3):  # deltas 0, -4, -8 (the first may fill the cache)
            getattr(a, name)(*operands, top)
        a.data(struct.pack("<I", NOP) * max(words - 3, 0))  # (data: no per-word checks)
        getattr(a, name)(*operands, top)  # the farthest: from the cache
        out.append(a.finalize())
    assert out[0] == out[1]
