"""CodePtr: a callable handle to installed machine code.

The call path must cost no more than 1.2x a bare ctypes ``CFUNCTYPE`` call, so
on the native backend a CodePtr *is* a ctypes function pointer (a subclass of
the function-pointer class of its signature, with this class mixed in):
calling it goes straight from the interpreter into ctypes' C code. Freeing
swaps the instance's class for one whose ``__call__`` raises
:class:`~a64jit.errors.FreedCodeError`, so the hot path has no "freed?" test.

The one Python-level step per call is ctypes' ``errcheck`` hook, which
re-raises an exception a host function recorded during the call (ctypes
callbacks cannot propagate exceptions themselves). To pay for it, native
CodePtrs are ``PYFUNCTYPE`` pointers: the GIL stays held while generated code
runs (no release/re-acquire per call, as for a C extension function that does
not release it). Host functions re-enter Python on the same thread; other
Python threads wait while generated code runs.

Backends without that fast path (the emulator) get :class:`GenericCodePtr`,
which delegates to the callable returned by ``Backend.make_caller``.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from ..errors import FreedCodeError
from .backend import CType, raise_pending


class CodePtr:
    """Installed code, callable like a Python function.

    ``address`` is where the code runs, ``size`` its length in bytes. A CodePtr
    keeps its JitBuffer alive; once its code is freed (``JitBuffer.free``) or
    the buffer closed, calling it raises :class:`~a64jit.errors.FreedCodeError`
    instead of running whatever now occupies the memory.
    """

    __slots__ = ()
    _freed_flag: bool = False

    def __new__(cls, *args: Any, **kwargs: Any) -> CodePtr:
        if cls is CodePtr:  # (it made an empty object whose repr raised AttributeError)
            raise TypeError("CodePtr() is not made directly: JitBuffer.install(code, "
                            "restype, argtypes) returns one for the code it installs, "
                            "loader.load(...).function(name, restype, argtypes) for a "
                            "loaded unit's function")
        ptr: CodePtr = super().__new__(cls, *args, **kwargs)  # (native: a ctypes pointer's)
        return ptr

    #: Address of the first instruction.
    address: int
    #: Length of the installed code in bytes.
    size: int
    #: The JitBuffer holding the code (kept alive by this CodePtr).
    buffer: Any

    if TYPE_CHECKING:
        def __call__(self, *args: Any) -> Any: ...

    @property
    def freed(self) -> bool:
        """True once the code was freed or its buffer closed."""
        return self._freed_flag

    def _mark_freed(self) -> None:
        """Make every later call raise FreedCodeError (used by JitBuffer)."""
        self.__class__ = _freed_class_of(type(self))

    def __repr__(self) -> str:
        state = " (freed)" if self.freed else ""
        return f"<CodePtr at {self.address:#x}, {self.size} bytes{state}>"


def _freed_call(self: CodePtr, *args: Any) -> NoReturn:
    raise FreedCodeError(
        f"code at {self.address:#x} ({self.size} bytes) was freed; it cannot be called")


_FREED: dict[type, type] = {}


def _freed_class_of(cls: type) -> type:
    if cls._freed_flag:  # type: ignore[attr-defined]
        return cls
    return _FREED[cls]


# -- generic (any backend) -----------------------------------------------------------


class GenericCodePtr(CodePtr):
    """CodePtr that delegates to a backend's caller (one Python frame per call)."""

    __slots__ = ("__weakref__", "_call", "address", "buffer", "size")
    _call: Callable[..., Any]

    def __call__(self, *args: Any) -> Any:
        return self._call(*args)


class _FreedGenericCodePtr(GenericCodePtr):
    __slots__ = ()
    _freed_flag = True
    __call__ = _freed_call


_FREED[GenericCodePtr] = _FreedGenericCodePtr


def make_generic_codeptr(call: Callable[..., Any], address: int, size: int,
                         owner: object) -> CodePtr:
    """Wrap ``call`` (from ``Backend.make_caller``) as a CodePtr."""
    ptr = GenericCodePtr()
    ptr._call = call
    ptr.address = address
    ptr.size = size
    ptr.buffer = owner
    return ptr


# -- native: a ctypes function pointer that is also a CodePtr ------------------------

_NATIVE: dict[tuple[Any, tuple[Any, ...]], type] = {}


def _errcheck(result: Any, func: Any, args: Any) -> Any:
    # ctypes calls this after every native call: re-raise what a host function
    # raised during the call (the dict test is the only cost when none did).
    raise_pending()
    return result


def native_codeptr_class(restype: CType, argtypes: Sequence[CType]) -> type:
    """The ctypes-function-pointer CodePtr class for a signature (cached)."""
    key = (restype, tuple(argtypes))
    cls = _NATIVE.get(key)
    if cls is None:
        proto: Any = ctypes.PYFUNCTYPE(restype, *argtypes)  # keeps the GIL, see above
        # ctypes' metaclass insists that a subclass restates its signature.
        ns = {"_flags_": proto._flags_, "_argtypes_": proto._argtypes_,
              "_restype_": proto._restype_, "__module__": __name__}
        cls = type("NativeCodePtr", (CodePtr, proto), dict(ns))
        freed = type("FreedNativeCodePtr", (cls,),
                     {**ns, "_freed_flag": True, "__call__": _freed_call})
        _FREED[cls] = freed
        _NATIVE[key] = cls
    return cls


def make_native_codeptr(address: int, size: int, restype: CType,
                        argtypes: Sequence[CType], owner: object) -> CodePtr:
    """A CodePtr calling ``address`` directly through ctypes/libffi."""
    cls = native_codeptr_class(restype, argtypes)
    ptr: Any = cls(address)
    ptr.errcheck = _errcheck
    ptr.address = address
    ptr.size = size
    ptr.buffer = owner
    result: CodePtr = ptr
    return result
