"""The base groups as tables (branch, ...): rows, aliases and their Python spellings,
MacroAssembler tags, bc.cond (FEAT_HBC) against llvm-mc's recorded bytes, and the
text front-end's names coming from table.mnemonics()."""

from __future__ import annotations

import re

import pytest

from a64jit import AsmSyntaxError, Assembler, assemble
from a64jit.assembler import table
from a64jit.assembler.branch import BRANCH
from a64jit.assembler.core import AssemblerCore, Target
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import AL, COND_BY_CODE, CONDITIONS, EQ, HS, LO, NE, x0
from a64jit.text import parser
from tests.vectorfiles import invalid, valid

_NUMERIC = re.compile(r"(bc\.[a-z]{2}) #(-?\d+)\Z")


def test_bc_cond_api_matches_llvm() -> None:
    """Every recorded bc.<cond> #offset line, through bc_<cond> and bc_cond."""
    checked = 0
    for expected, asm in valid("hbc"):
        m = _NUMERIC.match(asm)
        if not m:
            continue
        name, offset = m.group(1), int(m.group(2))
        a = Assembler()
        getattr(a, table.python_name(name))(offset)
        a.bc_cond(CONDITIONS[name[3:]], offset)
        assert a.finalize() == expected * 2, asm
        checked += 1
    assert checked >= 100


def test_bc_cond_errors() -> None:
    a = Assembler()
    with pytest.raises(EncodingError, match=r"bc\.eq: .*2"):
        a.bc_eq(2)
    with pytest.raises(EncodingError, match=r"bc\.ne"):
        a.bc_ne(1 << 20)
    with pytest.raises(OperandError, match=r"bc\.cond: condition"):
        a.bc_cond("eq", 4)  # type: ignore[arg-type]
    with pytest.raises(OperandError, match=r"bc\.hs: target must be a Label"):
        a.bc_cs(x0)  # type: ignore[arg-type]
    for line in invalid("hbc"):
        with pytest.raises((ValueError, TypeError)):
            assemble(line)


def test_bc_cond_to_labels() -> None:
    a = Assembler()
    top, done = a.label(), a.label()
    a.bind(top)
    a.bc_ne(done)
    a.bc_cond(EQ, top)
    a.bind(done)
    a.bc_al(top)
    assert a.finalize() == assemble("top: bc.ne done; bc.eq top; done: bc.al top")
    assert a.finalize().hex() == "51000054f0ffff54deffff54"  # checked by hand: bit 4 set


def _inner(method: object) -> object:
    """The row's function under a memo wrapper, if any (each name may have its own)."""
    return getattr(method, "__wrapped__", method)


def test_aliases_are_python_spellings() -> None:
    rows = table.mnemonics()
    for alias, method in (("b.cs", "b_hs"), ("bcs", "b_hs"), ("bhs", "b_hs"), ("beq", "b_eq"),
                          ("b.cc", "b_lo"), ("blo", "b_lo"), ("bc.cs", "bc_hs"),
                          ("bc.cc", "bc_lo"), ("bnv", "b_nv")):
        spec = rows[alias]
        assert spec.method == method and alias in spec.aliases
        assert table.python_name(alias) in spec.methods
        for name in spec.methods:
            assert _inner(getattr(Assembler, name)) is _inner(getattr(Assembler, method)), name
    assert rows["b.hs"].methods == ("b_hs", "bhs", "b_cs", "bcs")
    assert Assembler.b_cs.__doc__ == "``b.hs target``: conditional branch, +-1 MiB."
    assert Assembler.bc_eq.__doc__ == ("``bc.eq target``: conditional branch, hinted "
                                       "consistent (FEAT_HBC), +-1 MiB.")
    a = Assembler()
    for name in ("b_cs", "bcs", "bhs", "b_hs"):
        getattr(a, name)(8)
    a.b_cond(HS, 8)
    assert a.finalize() == assemble("b.hs #8") * 5
    assert "bceq" not in rows  # LLVM 14 has no dotless bc


def test_spellings_are_checked() -> None:
    toy = table.Table("toy_alias", "aliases", register=False)

    @toy.form("{name} target", position_dependent=True)
    def _branch(self: AssemblerCore, spec: table.Spec, target: Target) -> None: ...

    class Missing(AssemblerCore):
        b_x = _branch("b.x", "toy", method="b_x", aliases=("bx",))

    with pytest.raises(TypeError, match=r"Missing\.bx must be b_x \(the alias bx of b\.x\)"):
        table.spellings(Missing, toy)

    class Lazy(AssemblerCore):
        b_y = _branch("b.y", "toy", method="b_y")
        b_z = _branch("b.z", "toy", method="b_z", aliases=("bz", "b.zz"))
        bz = b_zz = b_z

    table.spellings(Lazy, toy)
    assert toy.rows["b.z"].methods == ("b_z", "bz", "b_zz")
    # each name is its own lazy method, replaced by the one function on first use
    assert vars(Lazy)["bz"] is not vars(Lazy)["b_z"]
    assert Lazy.bz is Lazy.b_zz is Lazy.b_z
    assert vars(Lazy)["b_z"] is vars(Lazy)["bz"]


def test_short_branches_are_tagged_with_their_inverse() -> None:
    short = {spec.name: spec for spec in table.tagged("short_branch")}
    expected = {f"b.{c.name}" for c in COND_BY_CODE} | {f"bc.{c.name}" for c in COND_BY_CODE}
    assert expected | {"cbz", "cbnz", "tbz", "tbnz"} <= set(short)
    for name, spec in short.items():
        if spec.table is not BRANCH:
            continue
        assert spec.position_dependent
        inverse = spec.fields["inverse"]
        if name.endswith((".al", ".nv")):
            assert inverse is None
        else:
            assert short[inverse].fields["inverse"] == name
    a = Assembler()
    a.b_cond(NE, 0)
    a.b_cond(LO, 0)
    a.b_cond(AL, 0)
    words = a.finalize()
    for i, name in enumerate(("b.ne", "b.lo", "b.al")):
        assert int.from_bytes(words[4 * i:4 * i + 4], "little") == short[name].fields["word"]


def test_text_names_come_from_the_tables() -> None:
    rows = table.mnemonics()
    for mnemonic, spec in rows.items():
        assert parser._MNEMONICS[mnemonic] == spec.method, mnemonic
    # Python-only names are not mnemonics; near misses get suggestions
    with pytest.raises(AsmSyntaxError, match=r"unknown instruction 'b_eq'; did you mean "):
        assemble("b_eq #4")
    with pytest.raises(AsmSyntaxError, match=r"unknown instruction 'b_cond'"):
        assemble("b_cond eq, #4")
    with pytest.raises(AsmSyntaxError, match=r"unknown instruction 'bceq'; did you mean "
                                             r"'bc\.eq'"):
        assemble("bceq #4")
    with pytest.raises(AsmSyntaxError, match=r"column 4: unknown condition 'xx' in 'bc\.xx'"):
        assemble("bc.xx #4")
    with pytest.raises(AsmSyntaxError, match=r"column 3: unknown condition 'cond' in 'b\.cond'"):
        assemble("b.cond #4")
    with pytest.raises(AsmSyntaxError, match=r"unknown instruction 'frob'\n"):
        assemble("frob x0")
    # every branch row with a target takes a label in text; bc.cond ones get veneers too
    assert {"b_eq", "bc_eq", "cbz", "tbz", "b", "bl"} <= parser._BRANCHES
    assert {"adr", "adrp"}.isdisjoint(parser._BRANCHES)
    assert parser._TARGET_FIELDS["bc_ne"] is parser._TARGET_FIELDS["b_ne"]
    assert "ccmp" in parser.COND_MNEMONICS and "fcsel" in parser.COND_MNEMONICS
