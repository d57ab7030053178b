"""Hand-written bytecode for the native JIT tests (no parser there): a function's
``Code``, an int32's word, a closure of a code on the current realm's heap."""

from __future__ import annotations

from typing import Any

from a64js.bytecode import OP, Code
from a64js.hvm import core
from a64js.words import INT_BASE

K = 16  # kbase: constant k is slot 16 + k


def make_code(name: str, nparams: int, consts: list[Any], insns: list[tuple[Any, ...]],
              feedback: int = 0, kbase: int = K) -> Code:
    """A function ``name`` of ``nparams`` parameters (slots 3 ...), its constants from
    slot ``kbase`` on, each instruction an opcode name and its operands, on line 1."""
    c = Code(name, "native.js")
    c.nparams = nparams
    c.kbase = kbase
    c.consts = consts
    c.nregs = kbase + len(consts)
    c.insns = [(OP[i[0]], *i[1:]) for i in insns]
    c.lines = [(1, 1)] * len(insns)
    c.feedback = feedback
    return c


def int_word(n: int) -> int:
    """The word of int32 ``n``."""
    return INT_BASE | (n & 0xFFFF_FFFF)


def closure(code: Code) -> Any:
    """A handle of a new closure of ``code`` (no context)."""
    h = core.R.heap
    return h.handle(h.alloc_closure(core.R.fn_shape, core.code_info(code).id))
