"""A Stamper's label numbers are ints, never bools: True is not label 1 (nor False
label 0), whether the stamp's fast path or its checked path sees it, as a branch target,
a label the instance binds, an out-of-line part's target or a Stamper method's label."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from a64jit import Assembler, Fragment, Stamper, hole, mem
from a64jit.errors import OperandError
from a64jit.operands import x0, x1, x19


def _check(a: Any, slot: int, slow: Any) -> None:
    a.ldr(x0, mem(x19, slot))
    a.tbnz(x0, 0, slow)


def _binder(a: Any, at: Any) -> None:
    a.bind(at)
    a.nop()


def _cold(a: Any, at: Any, slot: int, exit_: Any, cold: Any) -> None:
    slow = a.label()
    a.bind(at)
    a.ldr(x0, mem(x19, slot))
    a.cbnz(x0, slow)
    a.bind(cold)
    a.bind(slow)
    a.mov(x1, 0)
    a.b(exit_)


CHECK = Fragment(_check, slot=hole.offset(8), slow=hole.label)
BINDER = Fragment(_binder, at=hole.label)
COLD = Fragment(_cold, at=hole.label, slot=hole.offset(8), exit_=hole.label, cold=hole.cold)


def _stamper(warm: bool) -> tuple[Assembler, Stamper, dict[str, Callable[..., None]]]:
    """A stamper with labels 0..7; ``warm``: every emitter has stamped once with ints
    (its tables know the values used below, so the generated fast path runs)."""
    a = Assembler()
    st = Stamper(a, labels=8)
    em = {"check": st.emitter(CHECK), "binder": st.emitter(BINDER),
          "cold": st.emitter(COLD)}
    if warm:
        em["check"](8, 0)
        em["binder"](5)
        em["cold"](6, 8, 0)
    return a, st, em


@pytest.mark.parametrize("warm", [False, True])
@pytest.mark.parametrize("flag", [True, False])
@pytest.mark.parametrize("case", ["branch", "bind", "cold at", "cold target"])
def test_a_stamp_refuses_a_bool_label(case: str, flag: bool, warm: bool) -> None:
    a, _, em = _stamper(warm)
    before = a.offset
    call: dict[str, tuple[str, tuple[Any, ...], str]] = {
        "branch": ("check", (8, flag), "slow"),
        "bind": ("binder", (flag,), "at"),
        "cold at": ("cold", (flag, 8, 2), "at"),
        "cold target": ("cold", (7, 8, flag), "exit_"),
    }
    which, values, hole_name = call[case]
    with pytest.raises(OperandError, match=rf"hole {hole_name}: label {flag} is a bool, not a "
                       r"label number; allowed: an int 0\.\.7"):
        em[which](*values)
    assert a.offset == before  # nothing stamped
    # the same numbers as ints are accepted (the refusal is the type's, not the value's)
    int_values = tuple(int(v) if type(v) is bool else v for v in values)
    if case == "bind" and warm and int(flag) == 5:
        return
    em[which](*int_values)
    assert a.offset > before


@pytest.mark.parametrize("flag", [True, False])
def test_stamper_methods_refuse_a_bool_label(flag: bool) -> None:
    _, st, _ = _stamper(False)
    for method in (st.bind, st.offset, st.label, st.out_of_line):
        with pytest.raises(OperandError, match=rf"Stamper\.\w+: label {flag} is a bool"):
            method(flag)
    st.bind(int(flag))  # the int is fine
    assert st.offset(int(flag)) == 0


def test_bound_bool_label_never_resolves_as_its_int() -> None:
    """Label 1 bound, then True refused as a target: finalize sees no reference to it."""
    a, st, em = _stamper(True)
    st.bind(1)
    with pytest.raises(OperandError, match="is a bool"):
        em["check"](8, True)
    em["check"](8, 1)
    st.out_of_line(0)
    a.ret()
    st.bind(2)
    st.bind(3)
    st.bind(4)
    code = a.finalize()
    assert len(code) % 4 == 0 and len(code) > 0
