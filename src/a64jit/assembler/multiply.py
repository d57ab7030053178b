"""Instruction group: multiply (being written)."""

from __future__ import annotations

from .core import AssemblerCore


class MultiplyMixin(AssemblerCore):
    """Placeholder until the group lands."""
