"""a64jit: a pure-Python toolkit for writing JIT compilers that target AArch64."""

from __future__ import annotations

from .errors import A64Error, AsmSyntaxError, EncodingError, LabelError, OperandError
from .operands import *  # registers, conditions, shifts, extends, memory operands
from .assembler import Assembler, Label
from .assembler.fragment import Fragment, hole
from .text import assemble
from .disasm import disassemble

# --- runtime exports (issue 3/4) ---
from .runtime import JitBuffer, CodePtr, current_backend, alloc_data, host_function
from .errors import JitFault, JitTimeout
# --- abi / macro exports (issue 5) ---
from .macro import MacroAssembler, ScratchError, plan_mov
from .abi import (
    Bridge, ExitReason, Frame, VMContext, VMState, assign_call, build_bridge, emit_exit,
    emit_host_call,
)

__version__ = "0.1.0"

from . import operands as _operands

#: The public API (explicit, so type checkers treat these names as re-exported).
__all__ = [
    *_operands.__all__,
    "A64Error", "AsmSyntaxError", "EncodingError", "LabelError", "OperandError",
    "Assembler", "Label", "assemble", "Fragment", "hole", "disassemble",
    "JitBuffer", "CodePtr", "current_backend", "alloc_data", "host_function",
    "JitFault", "JitTimeout",
    "MacroAssembler", "ScratchError", "plan_mov",
    "Bridge", "ExitReason", "Frame", "VMContext", "VMState", "assign_call", "build_bridge",
    "emit_exit", "emit_host_call",
]

# --- debug tools (issue 15): off unless asked for; see a64jit.debug ---
import os as _os

if any(_os.environ.get(_v) for _v in ("A64JIT_PERF_MAP", "A64JIT_JITDUMP", "A64JIT_GDB")):
    import warnings as _warnings

    from . import debug as _debug

    try:
        _debug.enable_from_env()
    except (ValueError, OSError) as _exc:  # a bad variable must not break every import
        _warnings.warn(f"a64jit.debug: not switched on: {_exc}", RuntimeWarning, stacklevel=2)
