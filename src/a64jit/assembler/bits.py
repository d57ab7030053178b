"""Instruction group: bits (being written)."""

from __future__ import annotations

from .core import AssemblerCore


class BitsMixin(AssemblerCore):
    """Placeholder until the group lands."""
