"""Instruction group: logic (being written)."""

from __future__ import annotations

from .core import AssemblerCore


class LogicMixin(AssemblerCore):
    """Placeholder until the group lands."""
