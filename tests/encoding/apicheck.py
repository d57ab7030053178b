"""Helpers for the per-group Python API tests: llvm-mc's recorded bytes by asm text,
and the bytes one Assembler call produces."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from a64jit import Assembler
from tests.vectorfiles import valid


@cache
def _table(group: str) -> dict[str, bytes]:
    return {asm: code for code, asm in valid(group)}


def sweep_with(call: Callable[[str], bytes], group: str) -> tuple[int, list[str]]:
    """(vectors checked, mismatches) over every recorded vector of ``group``, each line's
    bytes made by ``call(asm)``."""
    bad = []
    vectors = valid(group)
    for code, asm in vectors:
        got = call(asm)
        if got != code:
            bad.append(f"{asm}: got {got.hex()} expected {code.hex()}")
    return len(vectors), bad


def llvm(group: str, asm: str) -> bytes:
    """llvm-mc's bytes for ``asm``, which must be a recorded valid vector of ``group``."""
    table = _table(group)
    assert asm in table, f"{asm!r} is not a recorded {group} vector"
    return table[asm]


def call_of(name: str, *args: object) -> Callable[[Assembler], object]:
    """``asm.<name>(*args)`` as a function of the assembler (for :func:`api`)."""
    return lambda a: getattr(a, name)(*args)


def api(call: Callable[[Assembler], object]) -> bytes:
    """The machine code of one fresh Assembler after ``call(asm)``."""
    a = Assembler()
    call(a)
    return a.finalize()


def _operand(text: str) -> object:
    from a64jit.operands import CONDITIONS, REGISTERS

    low = text.strip().lower()
    if low in REGISTERS:
        return REGISTERS[low]
    if low in CONDITIONS:
        return CONDITIONS[low]
    return int(low.lstrip("#"), 0)


def sweep(group: str) -> list[str]:
    """Call the Python API directly (no text front-end) for every recorded vector of a
    group whose operands are registers, conditions and immediates; return mismatches."""
    bad = []
    for code, asm in valid(group):
        mnemonic, _, rest = asm.partition(" ")
        args = [_operand(t) for t in rest.split(",")]
        a = Assembler()
        getattr(a, mnemonic)(*args)
        got = a.finalize()
        if got != code:
            bad.append(f"{asm}: got {got.hex()} expected {code.hex()}")
    return bad
