"""Instruction group: branch (being written)."""

from __future__ import annotations

from .core import AssemblerCore


class BranchMixin(AssemblerCore):
    """Placeholder until the group lands."""
