"""Turn a recorded load/store vector's text into a direct Python API call (no text
front-end), so every vector can be checked through ``Assembler`` methods too."""

from __future__ import annotations

from a64jit import Assembler, mem, post, pre
from a64jit.encoding.fields import as_int64
from a64jit.operands import REGISTERS, Extend, GPRegister, Mem, Shift
from tests.vectorfiles import invalid, valid


def _imm(text: str) -> int:
    # The text means a 64-bit two's-complement value; the Python API takes the int.
    return as_int64(int(text.strip().lstrip("#"), 0))


def _modifier(text: str) -> Shift | Extend:
    kind, _, amount = text.strip().partition(" ")
    if kind == "lsl":
        return Shift("lsl", _imm(amount))
    return Extend(kind, _imm(amount) if amount else None)


def _address(inner: str, after: str) -> Mem:
    parts = [p.strip() for p in inner.split(",")]
    base = REGISTERS[parts[0]]
    assert isinstance(base, GPRegister)
    after = after.strip()
    if after == "!":
        return pre(base, _imm(parts[1]))
    if after.startswith(","):
        return post(base, _imm(after[1:]))
    assert not after, f"cannot express {after!r} after a memory operand"
    if len(parts) == 1:
        return mem(base)
    if parts[1].startswith("#"):
        return mem(base, _imm(parts[1]))
    index = REGISTERS[parts[1]]
    assert isinstance(index, GPRegister)
    return mem(base, index, _modifier(parts[2]) if len(parts) == 3 else None)


def _plain(text: str) -> object:
    t = text.strip()
    low = t.lower()
    if low in REGISTERS:
        return REGISTERS[low]
    if t.startswith("#") or t[0].isdigit() or t[0] == "-":
        return _imm(t)
    return low  # a prefetch operation name


def call_args(asm: str) -> tuple[str, list[object]]:
    """The method name and arguments for one vector line."""
    mnemonic, _, rest = asm.partition(" ")
    if "[" not in rest:
        return mnemonic, [_plain(t) for t in rest.split(",")]
    head, _, tail = rest.partition("[")
    inner, _, after = tail.partition("]")
    args = [_plain(t) for t in head.rstrip().rstrip(",").split(",")]
    return mnemonic, [*args, _address(inner, after)]


def sweep(group: str) -> list[str]:
    """Mismatches between llvm-mc and direct API calls over every vector of ``group``."""
    bad = []
    for code, asm in valid(group):
        name, args = call_args(asm)
        a = Assembler()
        try:
            getattr(a, name)(*args)
            got = a.finalize()
        except (ValueError, TypeError) as exc:
            bad.append(f"{asm}: raised {exc}")
            continue
        if got != code:
            bad.append(f"{asm}: got {got.hex()} expected {code.hex()}")
    return bad


def accepted_invalid(group: str) -> tuple[list[str], int]:
    """Invalid vectors that direct API calls accept, and how many lines could not be
    turned into a call at all (operands the Python API cannot even express)."""
    accepted, skipped = [], 0
    for asm in invalid(group):
        try:
            name, args = call_args(asm)
        except (LookupError, ValueError, TypeError, AssertionError):
            skipped += 1
            continue
        a = Assembler()
        try:
            getattr(a, name)(*args)
            a.finalize()
        except (ValueError, TypeError):
            continue
        accepted.append(asm)
    return accepted, skipped
