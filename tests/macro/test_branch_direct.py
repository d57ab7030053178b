"""Issue 9 item 1: the short branches' fast paths append their word to the buffer
themselves (no per-word counting closure) and check the pool deadline as the
counting put does. A run made only of such branches must still get its veneers in
time, and a MacroAssembler that records sites or holds a partial word of data must
keep taking the full path."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import Assembler, Label, MacroAssembler
from a64jit.operands import NE, x0, x1

# tbz/tbnz reach 32 KiB forward: 8191 words.
_TBZ_WORDS = 8191


def _target(word: int, index: int) -> int:
    """The byte offset a b/b.cond/cbz/tbz word at ``index`` jumps to."""
    if word >> 26 == 0b000101:  # b
        imm, bits = word & 0x3FFFFFF, 26
    elif word >> 25 & 0x3F == 0b011011:  # tbz/tbnz
        imm, bits = word >> 5 & 0x3FFF, 14
    else:  # b.cond, cbz/cbnz
        imm, bits = word >> 5 & 0x7FFFF, 19
    if imm >> (bits - 1):
        imm -= 1 << bits
    return index * 4 + imm * 4


def _final(code: list[int], index: int) -> int:
    """Where the branch at ``index`` ends up after following veneers (``b``)."""
    at = _target(code[index], index)
    for _ in range(4):
        if at // 4 >= len(code) or code[at // 4] >> 26 != 0b000101:
            break
        at = _target(code[at // 4], at // 4)
    return at


BRANCHES: dict[str, Callable[[MacroAssembler, Label], None]] = {
    "b_cond": lambda m, lbl: m.b_cond(NE, lbl),
    "b_ne": lambda m, lbl: m.b_ne(lbl),
    "cbz": lambda m, lbl: m.cbz(x1, lbl),
    "tbnz": lambda m, lbl: m.tbnz(x1, 3, lbl),
}


@pytest.mark.parametrize("name", sorted(BRANCHES))
def test_a_run_of_fast_path_branches_places_the_veneer_in_time(name: str) -> None:
    m = MacroAssembler()
    far = m.label("far")
    m.tbz(x0, 1, far)  # the deadline: 8191 words on
    branch = BRANCHES[name]
    warm = m.label()
    branch(m, warm)  # (a forward one first: its operands' word is remembered for the fast path)
    m.bind(warm)
    back = m.here("back")
    for _ in range(2 * _TBZ_WORDS):
        branch(m, back)  # backward, in reach: only the fast path's append and check
    m.bind(far)  # raises if the tbz went out of reach
    code = list(m._code)
    assert _final(code, 0) == far.offset
    veneer = _target(code[0], 0)
    assert 0 < veneer <= _TBZ_WORDS * 4
    # Every backward branch still reaches `back`, wherever the pool went.
    for index in range(1, len(code)):
        word = code[index]
        if word >> 26 != 0b000101 and _target(word, index) < index * 4:
            assert _target(word, index) == back.offset


def test_forward_fast_path_branches_get_their_own_veneers() -> None:
    m = MacroAssembler()
    targets = [m.label() for _ in range(3 * _TBZ_WORDS)]
    for lbl in targets:
        m.tbnz(x1, 3, lbl)  # each a pending forward reference with its own deadline
    for lbl in targets:
        m.bind(lbl)
        m.nop()  # (each label its own offset)
    code = list(m._code)
    short = [i for i, w in enumerate(code) if w >> 25 & 0x3F == 0b011011]
    assert len(short) == len(targets)
    for index, lbl in zip(short, targets, strict=True):
        assert _final(code, index) == lbl.offset


def test_recorded_sites_and_partial_words_take_the_full_path() -> None:
    m = MacroAssembler(record_sites=True)
    back = m.here()
    m.b_ne(back)
    m.b_cond(NE, back)
    m.cbz(x1, back)
    m.tbnz(x1, 3, back)
    sites = m._sites
    assert sites is not None and [s[0] for s in sites] == [0, 4, 8, 12]
    ref = Assembler()
    here = ref.here()
    ref.b_ne(here)
    ref.b_cond(NE, here)
    ref.cbz(x1, here)
    ref.tbnz(x1, 3, here)
    assert m.finalize() == ref.finalize()

    m = MacroAssembler()
    back = m.here()
    m.data(b"\x01")  # a partial word: a branch now must raise, not append
    for call in BRANCHES.values():
        with pytest.raises(ValueError, match=r"aligned|cannot be encoded"):
            call(m, back)
    assert len(m._code) == 0


def test_a_far_backward_tbz_with_remembered_operands_is_inverted_over_a_b() -> None:
    # (was a TypeError: the fast path handed the slow one no operands)
    m = MacroAssembler()
    warm = m.label()
    m.tbnz(x1, 3, warm)  # remembers tbnz x1, #3's word
    m.bind(warm)
    back = m.here()
    for _ in range(_TBZ_WORDS + 8):
        m.nop()
    at = m.offset
    m.tbnz(x1, 3, back)
    code = m.finalize()
    ref = Assembler()
    ref.tbz(x1, 3, 8)  # the inverse, over the b
    assert back.offset is not None
    ref.b(back.offset - at - 4)
    assert code[at:at + 8] == ref.finalize()
    assert len(code) == at + 8


@pytest.mark.parametrize("name", ["add", "sub", "adds", "subs", "cmp", "cmn", "and_", "ands",
                                  "orr", "eor", "tst", "ldr", "str", "ldrb", "strb", "ldrh",
                                  "strh", "ldrsb", "ldrsh", "ldrsw", "ldp", "stp"])
def test_the_overrides_take_the_nested_memo_templates(name: str) -> None:
    # Their annotations say which operand may be an int, so their memo is the nested
    # per-class tables' (as the Assembler's own methods), not the key-tuple one.
    from a64jit.assembler import memo

    assert memo._SLOT in vars(getattr(MacroAssembler, name))


def test_bl_inline_matches_the_exact_assembler() -> None:
    """MacroAssembler.bl inline (an own label after whole words), as b's: the same words
    and references as the exact bl, forward, backward, to itself; other targets (an
    address_label, an int offset) through the exact bl."""
    m, ref = MacroAssembler(), Assembler()
    for asm in (m, ref):
        top = asm.here()
        ahead = asm.label()
        asm.bl(ahead)
        assert ahead._refs is not None and ahead._refs[0][0] == 0
        assert ahead._refs[0][2] == "bl"
        asm.bl(top)
        asm.bind(ahead)
        asm.bl(ahead)
        asm.bl(-8)
        sub = asm.label()
        asm.bl(sub)
        asm.bl(asm.address_label(0x8000))
        asm.bind_address(sub, 0x4000)
    assert m.finalize(0x1000) == ref.finalize(0x1000)
    m = MacroAssembler()
    m.data(b"\x01")  # a partial word: the exact bl says what is wrong
    with pytest.raises(ValueError, match=r"aligned|cannot be encoded"):
        m.bl(m.label())


def test_b_inline_matches_the_exact_assembler() -> None:
    """MacroAssembler.b's inline path (an own label after whole words) records a forward
    reference and encodes a backward one as the exact b does: the same words, the
    same pending reference, and a b to a pending pool's deadline still gets its veneer
    (b's words checked against the limit as the counting put did)."""
    m, ref = MacroAssembler(), Assembler()
    for asm in (m, ref):
        top = asm.here()
        ahead = asm.label()
        asm.b(ahead)
        refs = ahead._refs
        assert refs is not None and len(refs) == 1 and refs[0][0] == 0 and refs[0][2] == "b"
        asm.b(top)  # backward: -4
        asm.bind(ahead)
        asm.b(ahead)  # to itself (delta 0)
        asm.b(top)
    assert m.finalize() == ref.finalize()
    from a64jit.macro import masm

    assert ref.label()._refs is None
    probe = Assembler()
    fwd = probe.label()
    probe.b(fwd)
    assert fwd._refs == [(0, masm._B_FIELD, masm._B_NAME)] and probe._code[0] == masm._B_WORD
    m = MacroAssembler()
    far = m.label("far")
    m.tbz(x0, 1, far)
    back = m.here()
    for _ in range(2 * _TBZ_WORDS):
        m.b(back)
    m.bind(far)
    code = list(m._code)
    assert _final(code, 0) == far.offset
    backward = [i for i in range(1, len(code))
                if code[i] >> 26 == 0b000101 and _target(code[i], i) <= i * 4]
    assert len(backward) == 2 * _TBZ_WORDS  # (the pool's b and veneer go forward)
    assert all(_target(code[i], i) == back.offset for i in backward)
