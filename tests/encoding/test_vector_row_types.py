"""The general-purpose mnemonics that also take Advanced SIMD operands (add, sub, neg,
and, orr, eor, bic, orn, mvn, mul, smull, umull: their error paths hand vector operands
to simd.vector_dp/vector_mull) say so in their types, and the rows of the same encoding
class that take no vector operand (adds, subs, negs, ands, bics, eon, mneg, smnegl,
umnegl) do not. mypy --strict on tests/isa, which passes vectors to these methods, checks
the static side; this checks what the rows carry at run time (help(), the memo) and that
widening changed neither the words nor the memo's choice of template."""

from __future__ import annotations

import inspect

import pytest

from a64jit import Assembler, MacroAssembler
from a64jit.assembler import memo, table
from a64jit.operands import d0, d1, d2, lsl, v0, v1, v2, w0, w1, w2, x0, x1, x2

VECTOR_ROWS = {"add": "FPRegister", "sub": "FPRegister", "neg": "FPRegister",
               "and_": "VArrangement", "orr": "VArrangement", "eor": "VArrangement",
               "bic": "VArrangement", "orn": "VArrangement", "mvn": "VArrangement",
               "mul": "VElement", "smull": "VElement", "umull": "VElement"}
GP_ONLY = ("adds", "subs", "negs", "ands", "bics", "eon", "mneg", "smnegl", "umnegl")


def _notes(cls: type, name: str) -> str:
    params = list(inspect.signature(getattr(cls, name)).parameters.values())[1:]
    return " ; ".join(str(p.annotation) for p in params)


@pytest.mark.parametrize("name", sorted(VECTOR_ROWS))
def test_vector_capable_rows_name_their_vector_operands(name: str) -> None:
    notes = _notes(Assembler, name)
    assert "VArrangement" in notes and VECTOR_ROWS[name] in notes, notes
    assert "GPRegister" in notes


@pytest.mark.parametrize("name", GP_ONLY)
def test_general_purpose_only_rows_do_not(name: str) -> None:
    notes = _notes(Assembler, name)
    assert "GPRegister" in notes
    for vector in ("VArrangement", "VElement", "FPRegister"):
        assert vector not in notes, (name, notes)


@pytest.mark.parametrize("name", ["add", "sub", "and_", "orr", "eor"])
def test_macro_overrides_take_what_the_instruction_takes(name: str) -> None:
    notes = _notes(MacroAssembler, name)
    assert "GPRegister" in notes and "VArrangement" in notes, notes
    assert ("FPRegister" in notes) == (name in ("add", "sub")), notes


@pytest.mark.parametrize("vector, plain", [("add", "adds"), ("and_", "ands"),
                                           ("eor", "eon"), ("mul", "mneg"),
                                           ("umull", "umnegl"), ("neg", "negs")])
def test_the_memo_treats_widened_rows_as_before(vector: str, plain: str) -> None:
    """The wider annotations are classes that are never ints, so the memo picks the
    same template (the same typed operand, no per-call checks) as for the narrow row."""
    for name in (vector, plain):
        method = getattr(Assembler, name)
        fn = getattr(method, "__wrapped__", method)
        params = tuple(inspect.signature(fn).parameters)[1:]
        position = memo.int_position(fn, params)
        assert memo._unchecked(fn, params, position), name
    a, b = (getattr(Assembler, n) for n in (vector, plain))
    pa = tuple(inspect.signature(a).parameters)[1:]
    pb = tuple(inspect.signature(b).parameters)[1:]
    assert memo.int_position(getattr(a, "__wrapped__", a), pa) == \
        memo.int_position(getattr(b, "__wrapped__", b), pb)


def test_words_of_both_kinds_unchanged() -> None:
    """A few words of each kind, as llvm-mc 14 encodes them (recorded here)."""
    for cls in (Assembler, MacroAssembler):
        a = cls()
        a.add(x0, x1, x2)            # 8b020020
        a.add(v0.s4, v1.s4, v2.s4)   # 4ea28420
        a.add(d0, d1, d2)            # 5ee28420
        a.eor(v0.b16, v1.b16, v2.b16)  # 6e221c20
        a.eor(w0, w1, 1)             # 52000020
        a.mul(v0.s4, v1.s4, v2.s[1])  # 4fa28020
        a.umull(v0.s4, v1.h4, v2.h4)  # 2e62c020
        a.umull(x0, w1, w2)          # 9ba27c20
        a.neg(v0.s4, v1.s4)          # 6ea0b820
        a.mvn(v0.b8, v1.b8)          # 2e205820
        # the vector immediate form is not in orr's types (an int rn would make the
        # memo check rn on every call): the one form typed checkers reject
        a.orr(v0.s4, 0x12, lsl(8))  # type: ignore[arg-type]  # 4f003640
        words = [int.from_bytes(a.finalize()[i:i + 4], "little")
                 for i in range(0, 44, 4)]
        assert words == [0x8B020020, 0x4EA28420, 0x5EE28420, 0x6E221C20, 0x52000020,
                         0x4FA28020, 0x2E62C020, 0x9BA27C20, 0x6EA0B820, 0x2E205820,
                         0x4F003640], [hex(w) for w in words]


def test_typed_as_refuses_other_parameter_names() -> None:
    def encode(self: object, spec: object, rd: object) -> None:
        raise AssertionError("not called")

    def signature(self: object, spec: object, rt: object) -> None:
        """Another operand name."""

    with pytest.raises(TypeError, match=r"encode: parameters .* but .*signature has .*rt"):
        table.typed_as(encode, signature)


def test_typed_as_shares_the_code() -> None:
    def encode(self: object, spec: object, rd: int) -> None:
        raise AssertionError("not called")

    def signature(self: object, spec: object, rd: int | str = 3) -> None:
        """Wider, with a default."""

    made = table.typed_as(encode, signature)
    assert made.__code__ is encode.__code__
    assert made.__defaults__ == (3,)
    assert made.__annotations__ == signature.__annotations__
