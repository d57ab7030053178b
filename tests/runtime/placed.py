"""A routine the placement tests (test_place.py, test_address_labels.py) put in a
JitBuffer by itself: finalized bytes that run at any address."""

from __future__ import annotations

from a64jit import Assembler, x0


def adder(k: int) -> bytes:
    """``int64 f(int64 x)``: ``x + k`` (``k`` an add immediate: 0..4095, or shifted)."""
    a = Assembler()
    a.add(x0, x0, k)
    a.ret()
    return a.finalize()
