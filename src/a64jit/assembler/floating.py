"""Instruction group: floating (being written)."""

from __future__ import annotations

from .core import AssemblerCore


class FloatMixin(AssemblerCore):
    """Placeholder until the group lands."""
