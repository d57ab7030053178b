"""Instruction group: bitfield (being written)."""

from __future__ import annotations

from .core import AssemblerCore


class BitfieldMixin(AssemblerCore):
    """Placeholder until the group lands."""
