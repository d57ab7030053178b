"""The memory, floating-point and system groups are tables: every public method of
their mixins is a row, with its form's signature; rows that share a body keep their own
operand types."""

from __future__ import annotations

import inspect

import pytest

from a64jit.assembler import floating, memory, system, table
from a64jit.assembler.floating import FLOAT, FloatMixin
from a64jit.assembler.memory import MEMORY, MemoryMixin
from a64jit.assembler.system import SYSTEM, SystemMixin

GROUPS = [(MemoryMixin, MEMORY), (FloatMixin, FLOAT), (SystemMixin, SYSTEM)]


@pytest.mark.parametrize(("mixin", "tab"), GROUPS, ids=[t.name for _, t in GROUPS])
def test_every_method_is_a_row(mixin: type, tab: table.Table) -> None:
    public = {n for n in vars(mixin) if not n.startswith("_")}
    methods = {spec.method for spec in tab.rows.values()}
    assert public == methods
    known = table.mnemonics()
    for mnemonic, spec in tab.rows.items():
        assert known[mnemonic] is spec
        doc = getattr(mixin, spec.method).__doc__
        assert doc.startswith(f"``{spec.name}"), (spec.name, doc)


def test_rows_keep_their_operand_types() -> None:
    def annotations(method: str) -> dict[str, str]:
        sig = inspect.signature(getattr(MemoryMixin, method))
        return {n: str(p.annotation) for n, p in sig.parameters.items() if n != "self"}

    assert annotations("ldr") == {"rt": "Register", "addr": "Mem | Target"}
    assert annotations("str") == {"rt": "Register", "addr": "Mem"}
    assert annotations("ldrb") == {"rt": "GPRegister", "addr": "Mem"}
    assert annotations("ldrsw") == {"rt": "GPRegister", "addr": "Mem | Target"}
    assert annotations("ldursw") == {"rt": "GPRegister", "addr": "Mem"}
    assert annotations("ldpsw") == {"rt": "GPRegister", "rt2": "GPRegister", "addr": "Mem"}
    assert annotations("prfm") == {"op": "str | int", "addr": "Mem | Target"}
    # The narrower forms run the shared body's code itself (no extra call).
    assert memory._ldst_gp.encode.__code__ is memory._ldst.encode.__code__
    assert memory._pair_gp.encode.__code__ is memory._pair.encode.__code__


def test_same_body_checks_the_parameters() -> None:
    def body(self: object, spec: object, rt: object, addr: object) -> None:
        """A body."""

    def other(self: object, spec: object, reg: object, addr: object) -> None:
        """Another parameter name."""

    with pytest.raises(TypeError, match="parameters differ"):
        memory._same_body(body)(other)


def test_signatures_and_defaults() -> None:
    sig = inspect.signature
    assert list(sig(SystemMixin.dcps1).parameters) == ["self", "imm"]
    assert sig(SystemMixin.dcps1).parameters["imm"].default == 0
    assert sig(SystemMixin.isb).parameters["option"].default == "sy"
    assert sig(SystemMixin.clrex).parameters["imm"].default == 15
    assert sig(SystemMixin.tlbi).parameters["rt"].default is None
    assert sig(SystemMixin.dc).parameters["rt"].default is inspect.Parameter.empty
    assert sig(FloatMixin.scvtf).parameters["fbits"].default is None
    assert SYSTEM.rows["yield"].method == "yield_"
    assert floating.FLOAT.rows["fmadd"].fields == {"o1": 0, "o0": 0}
    assert system.SYSTEM.rows["eret"].fields == {"opc": 4}
