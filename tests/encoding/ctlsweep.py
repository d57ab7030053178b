"""Drive the Python API directly (no text front-end) from recorded vector text, for the
branch, system and atomic groups: a tiny independent operand reader."""

from __future__ import annotations

import keyword

from a64jit import Assembler
from a64jit.encoding.fields import as_int64
from a64jit.operands import CONDITIONS, REGISTERS, GPRegister, mem
from tests.encoding.apicheck import sweep_with


def _split(text: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def operand(text: str) -> object:
    low = text.lower()
    if low in REGISTERS:
        return REGISTERS[low]
    if low.startswith("["):
        parts = [p.strip() for p in low.strip("[]").split(",")]
        base = REGISTERS[parts[0]]
        assert isinstance(base, GPRegister)
        assert len(parts) == 1 or parts[1] == "#0", text
        return mem(base)
    num = low.lstrip("#")
    try:
        return as_int64(int(num, 0))  # a literal is 64-bit, as LLVM reads it
    except ValueError:
        return text  # a system operand name, passed through as written


def method_name(mnemonic: str) -> str:
    name = mnemonic.lower().replace(".", "_")
    return name + "_" if keyword.iskeyword(name) else name


def call(asm: str) -> bytes:
    """Assemble one vector line through the Python API."""
    mnemonic, _, rest = asm.partition(" ")
    args = [operand(t) for t in _split(rest)]
    a = Assembler()
    getattr(a, method_name(mnemonic))(*args)
    return a.finalize()


def sweep(group: str) -> tuple[int, list[str]]:
    """(vectors checked, mismatches) over every recorded vector of ``group``."""
    return sweep_with(call, group)


__all__ = ["CONDITIONS", "call", "method_name", "operand", "sweep"]
