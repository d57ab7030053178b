"""One way to make an instruction (issue #12): every instruction method of the Assembler
is made by a table (a row, or an overload of rows), never written by hand; the only
public methods that are not are the buffer, label and data API of AssemblerCore."""

from __future__ import annotations

import inspect

import pytest

from a64jit import Assembler, d1, s0, v0, v1, x0
from a64jit.assembler import AssemblerCore, table
from a64jit.assembler.memo import LazyMethod, Memoized
from a64jit.errors import OperandError

#: Instruction methods still written by hand, each with why. Keep it empty: a new
#: instruction is a table row (or an overload of rows), never a method.
PENDING: dict[str, str] = {}


def _rows_of(cls: type, name: str) -> tuple[table.Spec, ...] | None:
    """The rows the method ``name`` of ``cls`` emits, None if it is hand-written."""
    for klass in cls.__mro__:
        if name in vars(klass):
            found = vars(klass)[name]
            break
    else:  # pragma: no cover - dir() listed it
        raise AssertionError(name)
    if isinstance(found, LazyMethod):
        found = found.build()
    elif isinstance(found, Memoized):
        found = found.__wrapped__
    found = getattr(found, "__wrapped__", found)  # a memo wrapper built already
    rows = getattr(found, table.ROW, None)
    return rows if isinstance(rows, tuple) else None


def _instruction_names() -> list[str]:
    api = {n for n in dir(AssemblerCore) if not n.startswith("_")}
    return sorted(n for n in dir(Assembler) if not n.startswith("_") and n not in api
                  and callable(getattr(Assembler, n)))


def test_every_instruction_method_is_made_by_a_table() -> None:
    names = _instruction_names()
    assert len(names) > 900  # the whole ISA, not an empty list
    hand_written = {n for n in names if _rows_of(Assembler, n) is None}
    assert hand_written == set(PENDING), (
        "hand-written instruction methods (declare them as table rows): "
        f"{sorted(hand_written - set(PENDING))}; no longer hand-written: "
        f"{sorted(set(PENDING) - hand_written)}")


def test_each_rows_method_is_its_own() -> None:
    """A method's rows name it (or it is one of their aliases' spellings)."""
    for name in _instruction_names():
        rows = _rows_of(Assembler, name)
        if rows is None:
            continue
        assert all(name in spec.methods for spec in rows), (name, rows)


def test_the_check_sees_a_hand_written_method() -> None:
    class Extra(Assembler):
        def nop2(self) -> None:
            self._put(0xD503201F)

    assert _rows_of(Extra, "nop2") is None
    assert _rows_of(Extra, "add") is not None


def test_condition_operand_branches_are_rows_kept_out_of_the_text() -> None:
    (spec,) = _rows_of(Assembler, "b_cond") or ()
    assert spec.name == "b.cond" and spec.table.name == "branch_cond"
    assert "b.cond" not in table.mnemonics() and "bc.cond" not in table.mnemonics()
    sig = str(inspect.signature(Assembler.bc_cond))
    assert sig == "(self, cond: 'Cond', target: 'Target') -> 'None'"


@pytest.mark.parametrize("name", ["fadd", "fmul", "fabs", "frintn", "fcvtzs", "scvtf"])
def test_overloads_list_their_rows(name: str) -> None:
    rows = table.overloads()[name]
    assert [spec.table.name for spec in rows] == ["floating", "simd_fp"]
    assert table.rows(name) == rows
    assert table.mnemonics()[name] is rows[0]  # the default: the scalar row
    doc = getattr(Assembler, name).__doc__
    assert doc.count(f"``{name} ") == 2, doc  # every form's syntax


def test_an_overload_dispatches_and_is_memoized() -> None:
    a = Assembler()
    for _ in range(2):  # the second round is memo hits
        a.fadd(v0.s4, v1.s4, v0.s4)
        a.fadd(s0, s0, s0)
        a.fmul(d1, d1, v1.d[1])
        a.fcvtzs(x0, d1, 3)
        a.fcvtzs(v0.d2, v1.d2, 3)
    words = a.finalize()
    # llvm-mc -triple=aarch64: fadd v0.4s, v1.4s, v0.4s; fadd s0, s0, s0;
    # fmul d1, d1, v1.d[1]; fcvtzs x0, d1, #3; fcvtzs v0.2d, v1.2d, #3
    one = bytes.fromhex("20d4204e" "0028201e" "2198c15f" "20f4589e" "20fc7d4f")
    assert words == one * 2
    sig = inspect.signature(Assembler.fmul)
    assert str(sig.parameters["rm"].annotation) == "FPRegister | VArrangement | VElement"


def test_an_overloads_errors_are_its_forms() -> None:
    """A destination of neither class gets the default (scalar) row's message; a vector
    destination with scalar sources gets the vector row's."""
    with pytest.raises(OperandError, match=r"fadd: destination x0 .*SIMD&FP register"):
        Assembler().fadd(x0, s0, s0)
    with pytest.raises(OperandError, match=r"fadd: first source s0 .*vector register"):
        Assembler().fadd(v0.s4, s0, s0)


def test_overload_declaration_errors() -> None:
    t = table.Table("toy_overload", "a test table", register=False)

    @t.form("{name} rd")
    def one(self: AssemblerCore, spec: table.Spec, rd: object) -> None:
        self._put(spec["word"])

    @t.form("{name} rd, rn")
    def two(self: AssemblerCore, spec: table.Spec, rd: object, rn: object) -> None:
        self._put(spec["word"])

    one("aaa", "a", word=1)
    one("bbb", "b", word=2)
    two("ccc", "c", word=3)
    with pytest.raises(TypeError, match="bbb"):
        table.overload(t.rows["aaa"], ("rd", int, t.rows["bbb"]))
    with pytest.raises(TypeError, match="need"):
        table.overload(t.rows["aaa"], ("rd", int, t.rows["ccc"]))
