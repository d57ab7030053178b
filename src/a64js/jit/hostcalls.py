"""One host function for the templates' own host calls (jit/t_calls.py's callbacks and
sort comparisons, jit/t_elems.py's dictionary accesses): making a host function costs
~9 ms in the emulator, so the helpers share one, made at the first compilation that
needs it (one per backend for the process), and a call names its helper by number in
x7 (the last argument: the others stay where the template put them)."""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Sequence
from typing import Any

from a64jit import MacroAssembler, current_backend, emit_host_call, host_function

#: the helpers by number, with their argument counts (at most 7)
_HELPERS: list[tuple[Callable[..., int], int]] = []
#: the shared host function, per backend name
_FUNCTIONS: dict[str, Any] = {}
#: the backend the code being compiled runs on (the JIT sets it at each compilation:
#: its buffer's); None: a64jit's default. (``current_backend()`` at each call read
#: $A64JIT_BACKEND and uname: 3.3 us a helper call)
backend: str | None = None


def helper(nargs: int) -> Callable[[Callable[..., int]], Callable[..., int]]:
    """Register a helper of ``nargs`` int64 arguments (a decorator)."""
    if not 0 <= nargs <= 7:
        raise ValueError(f"hostcalls.helper: at most 7 arguments, got {nargs}")

    def register(fn: Callable[..., int]) -> Callable[..., int]:
        fn.__dict__["host_index"] = len(_HELPERS)
        _HELPERS.append((fn, nargs))
        return fn
    return register


def _dispatch(a: int, b: int, c: int, d: int, e: int, f: int, g: int, which: int) -> int:
    fn, n = _HELPERS[which]
    return fn(*(a, b, c, d, e, f, g)[:n])


def emit_helper_call(m: MacroAssembler, fn: Callable[..., int], args: Sequence[Any],
                     result: Any = None) -> None:
    """Call the registered helper ``fn`` with ``args`` (registers or ints, in x0 up as
    :func:`a64jit.emit_host_call` places them), its result to ``result``."""
    index = fn.__dict__["host_index"]
    if len(args) != _HELPERS[index][1]:
        raise ValueError(f"hostcalls: {fn.__name__} takes {_HELPERS[index][1]} arguments, "
                         f"got {len(args)}")
    name = backend or current_backend()
    hf = _FUNCTIONS.get(name)
    if hf is None:
        i64 = ctypes.c_int64
        hf = _FUNCTIONS[name] = host_function(_dispatch, i64, [i64] * 8, backend=name)
    emit_host_call(m, hf, [*args, *([0] * (7 - len(args))), index], result=result)


__all__ = ["emit_helper_call", "helper"]
