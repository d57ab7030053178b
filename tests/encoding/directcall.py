"""Call the Python API directly (no text front-end) for recorded vectors whose
operands are registers, immediates and shifts: the logic, moves, bitfield and shifts
groups. Shared by their API tests."""

from __future__ import annotations

import keyword

from a64jit import Assembler
from a64jit.encoding.fields import as_int64
from a64jit.operands import REGISTERS, SHIFT_CODES, Shift
from tests.encoding.apicheck import sweep_with


def operand(text: str) -> object:
    low = text.strip().lower()
    if low in REGISTERS:
        return REGISTERS[low]
    kind, _, amount = low.partition(" ")
    if kind in SHIFT_CODES:
        return Shift(kind, int(amount.lstrip("#"), 0))
    return as_int64(int(low.lstrip("#"), 0))  # a literal is 64-bit, as LLVM reads it


def call(asm: str) -> bytes:
    """The bytes of ``asm`` emitted through ``getattr(Assembler(), mnemonic)(*operands)``."""
    mnemonic, _, rest = asm.partition(" ")
    name = mnemonic + "_" if keyword.iskeyword(mnemonic) else mnemonic
    a = Assembler()
    getattr(a, name)(*(operand(t) for t in rest.split(",")))
    return a.finalize()


def sweep(group: str) -> tuple[int, list[str]]:
    """(vectors checked, mismatches) over every recorded vector of ``group``."""
    return sweep_with(call, group)
