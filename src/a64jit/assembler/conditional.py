"""Instruction group: conditional (being written)."""

from __future__ import annotations

from .core import AssemblerCore


class ConditionalMixin(AssemblerCore):
    """Placeholder until the group lands."""
