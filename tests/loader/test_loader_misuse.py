"""a64jit.loader used wrongly: each misuse a TypeError, ValueError or KeyError naming
the call and the value at fault, never an AttributeError from inside; a function of a
closed unit is FreedCodeError on every backend (natively it ran freed memory)."""

from __future__ import annotations

import ctypes

import pytest

from a64jit import JitBuffer, host_function
from a64jit.errors import FreedCodeError
from a64jit.loader import load
from a64jit.runtime.select import available_backends

I64 = ctypes.c_int64
UNIT = """
    .text
    .globl  twice
twice:
    add     x0, x0, x0
    ret
    .data
    .p2align 3
table:
    .quad   7
"""
CALLS = """
    .text
f:
    b       helper
"""


@pytest.mark.parametrize("backend", available_backends())
def test_a_closed_units_function_is_freed(backend: str) -> None:
    """CodePtr's promise (a call after its code is freed raises) holds for a unit's
    functions too, whether the unit made its buffer or was given one; the unit's own
    buffer closing did not mark them (they are not the buffer's installs)."""
    with load(UNIT, backend=backend) as unit:
        twice = unit.function("twice", I64, [I64])
        assert twice(21) == 42 and not twice.freed
    assert twice.freed
    with pytest.raises(FreedCodeError, match="was freed; it cannot be called"):
        twice(21)
    with JitBuffer(backend=backend) as buf:
        unit = load(UNIT, buffer=buf)
        again = unit.function("twice", I64, [I64])
        unit.close()
        assert len(buf) == 0
        with pytest.raises(FreedCodeError):
            again(1)
    with load(UNIT, backend=backend) as unit:
        for _ in range(100):  # pointers dropped are not kept
            assert unit.function("twice", I64, [I64])(2) == 4
        assert len(unit._pointers) == 0


def test_symbols_must_be_a_mapping_of_names() -> None:
    helper = host_function(lambda x: x, I64, [I64])
    with pytest.raises(TypeError, match=r"load: symbols must map names to addresses \(a "
                       r"dict\), got list"):
        load(CALLS, [helper])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"load: symbols: a key must be a symbol name \(a "
                       r"str\), got 5"):
        load(CALLS, {5: helper})  # type: ignore[dict-item]
    load(CALLS, {"helper": helper}).close()


def test_function_names_itself_in_its_errors() -> None:
    with load(UNIT) as unit:
        with pytest.raises(KeyError, match="function: no symbol 'nope' in the unit; "
                           "defined: table, twice"):
            unit.function("nope")
        with pytest.raises(TypeError, match=r"function: restype: <class 'int'> is not a "
                           "supported ctypes type"):
            unit.function("twice", int)
        with pytest.raises(TypeError, match=r"function: argtypes\[1\]: 'x' is not a "
                           "supported ctypes type"):
            unit.function("twice", I64, [I64, "x"])
        with pytest.raises(TypeError, match="function: argtypes must be a sequence"):
            unit.function("twice", I64, I64)  # type: ignore[arg-type]
        with pytest.raises(KeyError, match="address: no symbol 'nope'"):
            unit.address("nope")
