"""The MacroAssembler layer: constants, scratch registers, veneers, literal pools."""

from __future__ import annotations

from .constants import MovStep, plan_mov, run_plan
from .masm import HasAddress, MacroAssembler
from .scratch import ScratchError, ScratchPool, ScratchScope

__all__ = ["HasAddress", "MacroAssembler", "MovStep", "ScratchError", "ScratchPool",
           "ScratchScope", "plan_mov", "run_plan"]
