"""The MacroAssembler layer: constants, scratch registers, veneers, literal pools."""

from __future__ import annotations

from .constants import MovStep, plan_mov, run_plan

__all__ = ["MovStep", "plan_mov", "run_plan"]
