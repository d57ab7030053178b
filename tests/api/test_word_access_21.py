"""a64jit's words read back and replaced (session 21, a64js's value forwarding):
``branch_offset`` against llvm-mc's encodings, ``word_at``/``replace_word`` and
``label_offsets``, ``words``, ``references``/``move_references`` and
``with_branch_offset``."""

from __future__ import annotations

import pytest

from a64jit import (
    EncodingError,
    LabelError,
    MacroAssembler,
    OperandError,
    branch_offset,
    mem,
    with_branch_offset,
    x0,
    x1,
    x19,
)

# (llvm-mc -triple=aarch64 -mattr=+v8.8a,+hbc -show-encoding: word, byte offset or None)
VECTORS = [
    (0x14000002, 8),                 # b #8
    (0x17FFFFFF, -4),                # b #-4
    (0x95FFFFFF, 134217724),         # bl #134217724
    (0x96000000, -134217728),        # bl #-134217728
    (0x54000060, 12),                # b.eq #12
    (0x54800001, -1048576),          # b.ne #-1048576
    (0x547FFFEE, 1048572),           # b.al #1048572
    (0x54FFFFDB, -8),                # bc.lt #-8
    (0xB4000083, 16),                # cbz x3, #16
    (0x35FFFF67, -20),               # cbnz w7, #-20
    (0xB6FBFFE5, 32764),             # tbz x5, #63, #32764
    (0x371C0001, -32768),            # tbnz w1, #3, #-32768
    (0x10000080, None),              # adr x0, #16
    (0x58000041, None),              # ldr x1, #8 (literal)
    (0xD61F0080, None),              # br x4
    (0xD65F03C0, None),              # ret
]


@pytest.mark.parametrize(("word", "want"), VECTORS)
def test_branch_offset_llvm_mc(word: int, want: int | None) -> None:
    assert branch_offset(word) == want


def test_branch_offset_of_emitted_branches() -> None:
    a = MacroAssembler()
    lab = a.label()
    a.b(lab)
    a.cbz(x0, lab)
    a.tbnz(x1, 5, lab)
    a.b_ne(lab)
    a.bind(lab)
    a.b(lab)
    words = a.finalize()
    got = [branch_offset(int.from_bytes(words[i:i + 4], "little"))
           for i in range(0, len(words), 4)]
    assert got == [16, 12, 8, 4, 0]


def test_word_at_and_replace_word() -> None:
    a = MacroAssembler()
    a.ldr(x0, mem(x19, 8))
    a.str(x0, mem(x19, 16))
    first = a.word_at(0)
    second = a.word_at(4)
    a.replace_word(0, second)
    code = a.finalize()
    assert code[:4] == second.to_bytes(4, "little")
    assert code[4:8] == second.to_bytes(4, "little")
    assert first != second
    with pytest.raises(OperandError):
        a.word_at(8)
    with pytest.raises(OperandError):
        a.word_at(2)
    with pytest.raises(EncodingError):
        a.replace_word(0, 1 << 32)


def test_label_offsets() -> None:
    a = MacroAssembler()
    a.label()  # unbound: not listed
    a.ldr(x0, mem(x19, 8))
    a.bind(a.label())
    a.ldr(x0, mem(x19, 8))
    a.label_at(0)
    far = a.label()
    a.bind_address(far, 0x10000)  # an address, not an offset of this code
    assert a.label_offsets() == {0, 4}


def test_references_and_move_references() -> None:
    a = MacroAssembler()
    lab, other = a.label(), a.label()
    a.b(lab)            # 0
    a.cbz(x0, lab)      # 4
    a.b_ne(lab)         # 8
    assert a.references(lab) == [0, 4, 8]
    a.move_references(lab, [4], other)
    assert a.references(lab) == [0, 8]
    assert a.references(other) == [4]
    a.bind_at(other, 0)   # a backward target for the moved reference
    a.ldr(x1, mem(x19, 8))
    a.bind(lab)           # 16
    assert a.references(lab) == []
    code = a.finalize()
    got = [branch_offset(int.from_bytes(code[i:i + 4], "little")) for i in (0, 4, 8)]
    assert got == [16, -4, 8]
    with pytest.raises(LabelError):
        a.move_references(lab, [0], a.label())  # bound already
    c = MacroAssembler()
    one, two = c.label(), c.label()
    c.b(one)
    with pytest.raises(LabelError):
        c.move_references(one, [4], two)        # not a reference of it


def test_words_copy() -> None:
    a = MacroAssembler()
    a.ldr(x0, mem(x19, 8))
    a.str(x0, mem(x19, 16))
    got = a.words()
    assert list(got) == [a.word_at(0), a.word_at(4)]
    assert list(a.words(4)) == [a.word_at(4)] and list(a.words(0, 4)) == [a.word_at(0)]
    got[0] = 0  # (a copy: the code stays)
    assert a.word_at(0) != 0
    with pytest.raises(OperandError):
        a.words(2)
    with pytest.raises(OperandError):
        a.words(0, 12)


@pytest.mark.parametrize(("word", "want"), [v for v in VECTORS if v[1] is not None])
def test_with_branch_offset_llvm_mc(word: int, want: int) -> None:
    """Each llvm-mc branch made to reach its offset from a zero field is that word; and
    any word of its kind is retargeted within its reach (not beyond)."""
    for d in (0, 8, -4):
        assert branch_offset(with_branch_offset(word, d)) == d
    assert with_branch_offset(with_branch_offset(word, 0), want) == word
    with pytest.raises(EncodingError):
        with_branch_offset(word, 1 << 28)
    with pytest.raises(ValueError):
        with_branch_offset(0xD61F0080, 8)  # br x4: no offset
