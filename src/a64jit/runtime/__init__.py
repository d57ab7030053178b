"""Executable memory, typed function pointers and host functions.

* :class:`JitBuffer` -- code memory (W^X by default), ``install`` -> :class:`CodePtr`.
* :func:`alloc_data` -- read-write memory for generated code's data.
* :func:`host_function` -- a Python callable at an address generated code can ``blr`` to.
* :func:`current_backend` -- ``"native"`` on AArch64 hosts, else ``"emulator"``.
* :func:`check_headroom` -- RecursionError unless the Python stack has room for host
  functions' callbacks (emulated calls check it themselves; a native CodePtr call does
  not, to stay as cheap as a bare ctypes call: call it first where recursion runs deep).

Natively, a fault in generated code (bad memory access, ``udf``, ``brk``) kills
the process, as in every JIT; the emulator backend turns it into an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .backend import (
    CALLBACK_HEADROOM,
    MODES,
    Backend,
    CodeRegion,
    CType,
    DataBlock,
    HostFunction,
    check_headroom,
)
from .codeptr import CodePtr
from .memory import JitBuffer
from .select import available_backends, current_backend, get_backend


def alloc_data(size: int, *, backend: str | Backend | None = None) -> DataBlock:
    """Read-write memory for generated code (``.address``, buffer protocol)."""
    return get_backend(backend, "alloc_data").alloc_data(size)


def host_function(fn: Callable[..., Any], restype: CType = None,
                  argtypes: Sequence[CType] = (), *,
                  backend: str | Backend | None = None) -> HostFunction:
    """Expose ``fn`` at ``.address`` so generated code can call it with ``blr``.

    Keep the returned object alive while code may call it. An exception raised
    by ``fn`` is recorded, a zero value is returned to the generated code, and
    the exception is raised by the CodePtr call once it returns.
    """
    from .memory import check_ctype, check_ctypes

    check_ctype(restype, "host_function: restype", allow_none=True)
    argtypes = check_ctypes(argtypes, "host_function")
    return get_backend(backend, "host_function").host_function(fn, restype, argtypes)


__all__ = [
    "CALLBACK_HEADROOM", "MODES", "Backend", "CodePtr", "CodeRegion", "DataBlock",
    "HostFunction", "JitBuffer", "alloc_data", "available_backends", "check_headroom",
    "current_backend", "get_backend", "host_function",
]
