"""The declarative instruction tables (assembler/table.py): rows become real methods
with the form's signature, and the table drives mnemonics, memo eligibility and tags."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

import pytest

from a64jit import Assembler, Label, assemble, mem, w2, x0, x1
from a64jit.assembler import table
from a64jit.assembler.atomic import ATOMIC
from a64jit.assembler.core import AssemblerCore, Target
from a64jit.assembler.memo import is_pc_relative
from a64jit.operands import GPRegister

if TYPE_CHECKING:
    from a64jit.assembler.memo import LazyMethod

def test_rows_are_real_methods() -> None:
    sig = inspect.signature(Assembler.stlxr)
    assert list(sig.parameters) == ["self", "rs", "rt", "addr"]
    assert sig.parameters["addr"].annotation == "Mem"
    assert Assembler.stlxr.__name__ == "stlxr"
    assert Assembler.stlxr.__doc__ == (
        "``stlxr ws, rt, [xn|sp]``: store-release exclusive; ws = 0 on success, 1 on failure.")
    a = Assembler()
    a.stlxr(w2, x0, mem(x1))
    a.stlxr(rs=w2, rt=x0, addr=mem(x1))
    assert a.finalize() == assemble("stlxr w2, x0, [x1]") * 2


def test_every_row_is_an_assembler_method() -> None:
    """Every row of every table (those of other groups too) is a method of Assembler
    with its docstring, memoized unless its form is position-dependent."""
    for t in table.tables():
        for name, spec in t.rows.items():
            method = getattr(Assembler, spec.method)
            assert (method.__doc__ or "").startswith("``"), (t.name, name)
            # position-dependent rows are memoized only on their operands before the
            # target, when the row's target fills a PC-relative field (memo.pc_relative)
            memoized = not spec.position_dependent or is_pc_relative(
                getattr(method, "__wrapped__", method))
            assert hasattr(method, "__wrapped__") == memoized, (t.name, name)
    assert {"atomic", "conditional"} <= {t.name for t in table.tables()}


def test_every_atomic_mnemonic_is_a_row() -> None:
    rows = ATOMIC.rows
    assert len(rows) == 203
    for name, spec in rows.items():
        assert spec.table is ATOMIC and spec.name == name
        assert getattr(Assembler, spec.method).__doc__.startswith(f"``{name} ")
    assert table.mnemonics()["ldaddal"] is rows["ldaddal"]
    assert ATOMIC in table.tables()


def _toy_table() -> tuple[table.Table, type[AssemblerCore]]:
    toy = table.Table("toy", "a test group", register=False)

    @toy.form("{name} rd, #imm")
    def _imm(self: AssemblerCore, spec: table.Spec, rd: GPRegister, imm: int = 0) -> None:
        self._put(spec["base"] | imm << 5 | rd.code)

    @toy.form("{name} target", position_dependent=True, masm=("short_branch",))
    def _branch(self: AssemblerCore, spec: table.Spec, target: Target) -> None:
        self._emit_pcrel(spec["base"], target, __import__(
            "a64jit.encoding.pcrel", fromlist=["BRANCH26"]).BRANCH26, spec.name)

    class Toy(AssemblerCore):
        movz_ = _imm("movz", "move wide (toy)", method="movz_", aliases=("mz",),
                     base=0xD2800000)
        b = _branch("b", "branch (toy)", base=0x14000000)

    return toy, Toy


def test_a_toy_group() -> None:
    toy, cls = _toy_table()
    from a64jit.assembler.memo import memoize_methods
    memoize_methods(cls)
    t = cls()
    t.movz_(x1, 0x1234)  # type: ignore[attr-defined]
    t.movz_(x1)  # type: ignore[attr-defined]  # the form's default
    here = t.label()
    t.bind(here)
    t.b(here)  # type: ignore[attr-defined]
    assert t.finalize() == assemble("movz x1, #0x1234; movz x1, #0; l: b l")
    assert hasattr(cls.movz_, "__wrapped__")  # type: ignore[attr-defined]  # memoized
    assert not hasattr(cls.b, "__wrapped__")  # type: ignore[attr-defined]  # position-dependent
    assert toy.rows["mz"] is toy.rows["movz"]
    assert [s.name for f in toy.forms if "short_branch" in f.masm for s in f.rows] == ["b"]
    assert toy not in table.tables() and "mz" not in table.mnemonics()
    assert inspect.signature(cls.movz_).parameters["imm"].default == 0  # type: ignore[attr-defined]


def test_declaration_errors() -> None:
    toy = table.Table("toy2", "bad declarations", register=False)

    @toy.form("{name}")
    def _ok(self: AssemblerCore, spec: table.Spec, rd: GPRegister) -> None: ...

    _ok("one", "first")
    with pytest.raises(ValueError, match="twice"):
        _ok("one", "again")
    with pytest.raises(TypeError, match="self, spec"):
        toy.form("{name}")(lambda self, rd: None)
    with pytest.raises(TypeError, match=r"\*"):
        def star(self: AssemblerCore, spec: table.Spec, *regs: GPRegister) -> None: ...
        toy.form("{name}")(star)

    @toy.form("{name}")
    def _labelled(self: AssemblerCore, spec: table.Spec, target: Label) -> None: ...
    with pytest.raises(TypeError, match="position_dependent"):
        _labelled("bad", "a label operand in a memoized form")


def test_rows_are_built_on_first_use() -> None:
    """No row is built at declaration (the row is its own lazy method; the form's
    signature is checked where its first row is declared); a row is built when first
    looked up, then sits in the class as a plain function. A form's doc(spec) runs
    when the doc is first asked for."""
    toy = table.Table("toy3", "lazy rows", register=False)
    docs: list[str] = []

    def doc(spec: table.Spec) -> str:
        docs.append(spec.name)
        return f"toy {spec['base']:#x}"

    @toy.form("{name} rd, #imm", doc=doc)
    def _imm(self: AssemblerCore, spec: table.Spec, rd: GPRegister, imm: int = 0) -> None:
        self._put(spec["base"] | imm << 5 | rd.code)

    class Toy(AssemblerCore):
        movz_ = _imm("movz", method="movz_", base=0xD2800000)
        movn_ = _imm("movn", method="movn_", base=0x92800000)

    assert vars(Toy)["movz_"] is toy.rows["movz"] and docs == []
    assert isinstance(vars(Toy)["movz_"], memo_lazy())
    assert isinstance(vars(Toy)["movn_"], memo_lazy())
    assert vars(Toy)["movn_"].position_dependent is False
    assert Toy.movn_.__name__ == "movn_"
    assert not isinstance(vars(Toy)["movn_"], memo_lazy())
    t = Toy()
    t.movn_(x1, 3)
    t.movz_(x1, 3)
    assert t.finalize() == assemble("movn x1, #3; movz x1, #3")
    assert sorted(docs) == ["movn", "movz"]
    assert Toy.movz_.__doc__ == "``movz rd, #imm``: toy 0xd2800000."
    assert toy.rows["movz"].doc == "toy 0xd2800000" and len(docs) == 2  # computed once


def test_memoized_rows_are_made_on_first_use() -> None:
    """memoize_methods only marks a lazy row; its memo wrapper is made when the row is
    first looked up (and the class's own wrapper installed, as for any memoized method)."""
    from a64jit.assembler.memo import Memoized, memoize_methods

    _, cls = _toy_table()
    memoize_methods(cls)
    row = vars(cls)["movz_"]
    assert isinstance(row, memo_lazy()) and row.memoize
    sub: Any = type("Sub", (cls,), {})  # (a class made at run time: its rows are not typed)
    got = sub.movz_
    assert hasattr(got, "__wrapped__") and isinstance(vars(cls)["movz_"], Memoized)
    assert vars(sub)["movz_"] is got  # the subclass's own wrapper, installed there
    assert cls.movz_ is not got and hasattr(cls.movz_, "__wrapped__")  # type: ignore[attr-defined]
    t = sub()
    t.movz_(x1, 7)
    t.movz_(x1, 7)  # a memo hit
    assert t.finalize() == assemble("movz x1, #7") * 2
    assert not hasattr(cls.b, "__wrapped__")  # type: ignore[attr-defined]  # position-dependent


def memo_lazy() -> type[LazyMethod]:
    from a64jit.assembler.memo import LazyMethod
    return LazyMethod
