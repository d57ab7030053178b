"""The calling convention (AAPCS64), stack frames and VM<->JIT stubs."""

from __future__ import annotations

from .aapcs64 import *  # noqa: F403
from .aapcs64 import __all__ as _aapcs64_all
from .frame import Frame
from .stubs import (
    CTX_REG,
    PINNED,
    REGS_REG,
    Bridge,
    ExitReason,
    VMContext,
    VMState,
    build_bridge,
    emit_exit,
    emit_host_call,
)

__all__ = [*_aapcs64_all, "Bridge", "CTX_REG", "ExitReason", "Frame", "PINNED", "REGS_REG",
           "VMContext", "VMState", "build_bridge", "emit_exit", "emit_host_call"]
