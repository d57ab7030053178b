"""Instruction group: memory (being written)."""

from __future__ import annotations

from .core import AssemblerCore


class MemoryMixin(AssemblerCore):
    """Placeholder until the group lands."""
