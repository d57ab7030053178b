"""Instruction group: system (being written)."""

from __future__ import annotations

from .core import AssemblerCore


class SystemMixin(AssemblerCore):
    """Placeholder until the group lands."""
