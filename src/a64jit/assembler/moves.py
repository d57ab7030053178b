"""Instruction group: moves (being written)."""

from __future__ import annotations

from .core import AssemblerCore


class MoveMixin(AssemblerCore):
    """Placeholder until the group lands."""
