"""The baseline JIT of the heap VM (issue 14): one pass over a function's bytecode, one
machine-code template per instruction, on the heap VM's word frames (DESIGN.md, "Baseline
JIT"). :class:`~a64js.jit.runtime.Jit` is what ``hvm.interp.set_jit`` installs."""

from __future__ import annotations

from .runtime import Jit, JitStats

__all__ = ["Jit", "JitStats"]
