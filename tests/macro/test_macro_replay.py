"""add/sub/adds/subs/cmp/cmn and and/ands/orr/eor/tst with an immediate no one
instruction takes: the expansion (a scratch mov and the register form, or two
immediates) is remembered and replayed while no scratch register is held, with the
same words as a fresh MacroAssembler."""

from __future__ import annotations

import random

import pytest

from a64jit import EncodingError, MacroAssembler, OperandError, ScratchError, w3, x0, x1, x2
from a64jit.macro import masm as masm_module
from a64jit.operands import X_BY_CODE


def _words(m: MacroAssembler, start: int = 0) -> list[int]:
    return list(m._code[start:])


def _fresh(name: str, *args: object, scratch: tuple[object, ...] | None = None) -> list[int]:
    masm_module._MACRO_WORDS.clear()
    m = MacroAssembler() if scratch is None else MacroAssembler(scratch)  # type: ignore[arg-type]
    getattr(m, name)(*args)
    masm_module._MACRO_WORDS.clear()
    return _words(m)


def test_replayed_words_are_the_expansion(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(9)
    cases: list[tuple[str, tuple[object, ...]]] = []
    for _ in range(150):
        v = rng.choice([0xFFF9, 0x1_0001, 0xFFFB_0000_0000_0000, rng.getrandbits(64) >> 1,
                        -rng.getrandbits(20) - 4096, rng.getrandbits(24) | 1])
        rd, rn = X_BY_CODE[rng.randrange(10)], X_BY_CODE[rng.randrange(10)]
        name = rng.choice(["add", "sub", "adds", "subs", "cmp", "cmn",
                           "and_", "ands", "orr", "eor", "tst"])
        if name in ("and_", "ands", "orr", "eor", "tst"):
            v = rng.choice([-6, 0x1234, 0xFFF9, rng.getrandbits(64), 0x5555])
        cases.append((name, (rn, v) if name in ("cmp", "cmn", "tst") else (rd, rn, v)))
    expected = [_fresh(name, *args) for name, args in cases]
    expansions = [0]
    for name in ("_mx_addsub_body", "_mx_logic_body"):
        def counted(self: MacroAssembler, *args: object,
                    body: object = getattr(masm_module.MacroAssembler, name)) -> None:
            expansions[0] += 1
            body(self, *args)  # type: ignore[operator]

        monkeypatch.setattr(masm_module.MacroAssembler, name, counted)
    m = MacroAssembler()
    for _ in range(2):
        for case, want in zip(cases, expected, strict=True):
            before = len(m._code)
            getattr(m, case[0])(*case[1])
            assert _words(m, before) == want, case
    # the second round replayed every one (single-word ones are the memo's)
    assert 0 < expansions[0] <= len(set(cases))


def test_held_scratch_register_is_never_replayed() -> None:
    m = MacroAssembler()
    m.cmp(x2, 0xFFF9)  # remembered with x16 as the scratch register
    x16_words = _words(m)
    with m.scratch("outer") as outer:
        held = outer.acquire()
        assert held.code == 16
        before = len(m._code)
        m.cmp(x2, 0xFFF9)  # x16 is held: the expansion takes x17
        assert _words(m, before) != x16_words
        assert _words(m, before) == _fresh("cmp", x2, 0xFFF9, scratch=(X_BY_CODE[17],))
        with m.scratch("inner"), pytest.raises(ScratchError, match="held by the enclosing"):
            m.add(held, x1, 0x12_3456_7)
    before = len(m._code)
    m.cmp(x2, 0xFFF9)
    assert _words(m, before) == x16_words


def test_other_scratch_registers_other_words() -> None:
    a, b = MacroAssembler(), MacroAssembler((X_BY_CODE[9],))
    a.cmp(x2, 0xFFF9)
    b.cmp(x2, 0xFFF9)
    assert _words(a) != _words(b)
    assert _words(b) == _fresh("cmp", x2, 0xFFF9, scratch=(X_BY_CODE[9],))


def test_errors_still_raise_after_a_replay() -> None:
    m = MacroAssembler()
    m.add(x0, x1, 0x1_0001)
    with pytest.raises((OperandError, EncodingError)):
        m.add(x0, x1, True)
    with pytest.raises(EncodingError, match="add: immediate"):
        m.add(w3, w3, 1 << 40)
    m.add(x0, x1, 0x1_0001)  # and it still replays
