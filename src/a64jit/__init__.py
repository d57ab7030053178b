"""a64jit: a pure-Python toolkit for writing JIT compilers that target AArch64."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import A64Error, AsmSyntaxError, EncodingError, LabelError, OperandError
from .operands import *  # registers, conditions, shifts, extends, memory operands
from .errors import JitFault, JitTimeout

# The Assembler, text front-end, disassembler, runtime, MacroAssembler, ABI layers and
# Fragments load on first use (PEP 562): ``import a64jit`` costs the operands, not
# ctypes, threading and the parser's regular expressions (issue 9: import under 60 ms),
# and a user of the runtime alone (a64js's heap VM until its JIT compiles) no Assembler.
_LAZY: dict[str, str] = {
    **dict.fromkeys(("Assembler", "Label"), "assembler"),
    "assemble": "text", "disassemble": "disasm", "branch_offset": "encoding.pcrel",
    "with_branch_offset": "encoding.pcrel",
    **dict.fromkeys(("Fragment", "Stamper", "hole"), "assembler.fragment"),
    "FragmentCache": "assembler.fragment_cache", "MemoCache": "assembler.memo_cache",
    **dict.fromkeys(("JitBuffer", "CodePtr", "current_backend", "alloc_data",
                     "host_function"), "runtime"),
    **dict.fromkeys(("MacroAssembler", "ScratchError", "plan_mov"), "macro"),
    **dict.fromkeys(("Bridge", "ExitReason", "Frame", "VMContext", "VMState", "assign_call",
                     "build_bridge", "emit_exit", "emit_host_call"), "abi"),
}
_SUBMODULES = frozenset({"abi", "cachefile", "cli", "debug", "disasm", "loader", "macro",
                         "runtime", "text", "vecops"})

if TYPE_CHECKING:
    from .assembler import Assembler, Label
    from .assembler.fragment import Fragment, Stamper, hole
    from .assembler.fragment_cache import FragmentCache
    from .assembler.memo_cache import MemoCache
    from .abi import (
        Bridge, ExitReason, Frame, VMContext, VMState, assign_call, build_bridge, emit_exit,
        emit_host_call,
    )
    from .disasm import disassemble
    from .encoding.pcrel import branch_offset, with_branch_offset
    from .macro import MacroAssembler, ScratchError, plan_mov
    from .runtime import JitBuffer, CodePtr, current_backend, alloc_data, host_function
    from .text import assemble
else:
    def __getattr__(name: str) -> object:
        """Load a lazily exported name (or a submodule) on first use."""
        module = _LAZY.get(name)
        if module is None:
            if name in _SUBMODULES:
                return importlib.import_module(f"{__name__}.{name}")
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_LAZY})

__version__ = "0.1.0"

from . import operands as _operands

#: The public API (explicit, so type checkers treat these names as re-exported).
__all__ = [
    *_operands.__all__,
    "A64Error", "AsmSyntaxError", "EncodingError", "LabelError", "OperandError",
    "Assembler", "Label", "assemble", "Fragment", "FragmentCache", "MemoCache", "Stamper",
    "hole", "disassemble", "branch_offset", "with_branch_offset",
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
