"""Instruction group: atomic (being written)."""

from __future__ import annotations

from .core import AssemblerCore


class AtomicMixin(AssemblerCore):
    """Placeholder until the group lands."""
