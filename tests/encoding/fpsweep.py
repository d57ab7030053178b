"""Call the Python API directly (no text front-end) for the fp and fpconvert vectors:
operands are registers, conditions, int immediates and float immediates."""

from __future__ import annotations

import re

from a64jit import Assembler
from a64jit.encoding.fpimm import decode_fpimm
from a64jit.operands import CONDITIONS, LANES, REGISTERS
from tests.encoding.apicheck import sweep_with


def operand(text: str, mnemonic: str = "") -> object:
    low = text.strip().lower()
    if low in REGISTERS:
        return REGISTERS[low]
    lane = re.sub(r"\s*\[\s*(\d+)\s*\]", r"[\1]", low)
    if lane in LANES:
        return LANES[lane]
    if low in CONDITIONS:
        return CONDITIONS[low]
    num = low.lstrip("#")
    if mnemonic == "fmov":  # LLVM: hex is the raw imm8, anything else a decimal value
        return decode_fpimm(int(num, 16)) if num.startswith("0x") else float(num)
    if any(c in num for c in ".e") and not num.startswith("0x"):
        return float(num)
    return int(num, 0)


def call(asm: str) -> bytes:
    mnemonic, _, rest = asm.partition(" ")
    a = Assembler()
    getattr(a, mnemonic)(*(operand(t, mnemonic) for t in rest.split(",")))
    return a.finalize()


def sweep(group: str) -> tuple[int, list[str]]:
    """(vectors checked, mismatches) over every recorded vector of ``group``."""
    return sweep_with(call, group)
