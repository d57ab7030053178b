"""a64js: a JavaScript VM with a register bytecode, built on a64jit (see DESIGN.md)."""

from __future__ import annotations

from .errors import JSCompileError, JSHeapError

__all__ = ["JSCompileError", "JSHeapError"]
