"""Errors the VM reports to its caller (not JavaScript exceptions: see values.JSThrow)."""

from __future__ import annotations


class JSCompileError(ValueError):
    """The program does not parse or uses a construct outside the supported subset.

    The message names the file, line and column and the construct.
    """


class JSHeapError(MemoryError):
    """The program's live data exceeds the heap limit."""


__all__ = ["JSCompileError", "JSHeapError"]
