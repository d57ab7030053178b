"""The backend interface: what a JitBuffer needs from the machine that runs code.

Two backends implement it: :class:`~a64jit.runtime.native.NativeBackend` (real
AArch64 hardware, libc ``mmap``/``mprotect`` and ctypes calls) and the emulator
backend (issue 4). :class:`~a64jit.runtime.memory.JitBuffer` is written against
this interface only, so allocation, W^X flipping order, icache flushing and
free-list bookkeeping are shared by both.

Contract in short:

* :meth:`Backend.map_code` returns a :class:`CodeRegion`: whole pages, never
  writable and executable at once (unless the caller named ``mode="rwx"``).
  The JitBuffer brackets every write with ``make_writable`` ... ``write`` ...
  ``make_executable`` and then calls :meth:`Backend.flush_icache`.
* :meth:`Backend.make_caller` turns an address and ctypes signature into a
  Python callable; :meth:`Backend.new_codeptr` wraps it in a
  :class:`~a64jit.runtime.codeptr.CodePtr` (a backend may override it with a
  faster path, as the native one does).
* :meth:`Backend.host_function` exposes a Python callable at a machine address.
  If the callable raises, the backend records the exception with
  :func:`record_pending` and returns a zero value to the generated code; the
  CodePtr call that is running re-raises it when it returns
  (:func:`raise_pending`).
* :meth:`Backend.alloc_data` returns a :class:`DataBlock`: read-write,
  never-executable memory visible to generated code at ``block.address``.
"""

from __future__ import annotations

import ctypes
import mmap
import sys
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .codeptr import CodePtr

#: Code memory modes. ``"dual"`` (the default on Linux): one memfd object
#: mapped twice, a write alias (read-only except while writing) and an execute
#: alias that stays R-X, so writes never disturb threads running code.
#: ``"wx"``: one mapping whose pages flip between RW and RX with mprotect
#: (the default on macOS, where it is MAP_JIT's per-thread switch; on Linux the
#: fallback when memfd is refused; a JitBuffer then never writes to a page
#: holding live code, so each install takes pages of its own). ``"rwx"``: one
#: mapping that is writable and executable at once -- only when the user asks
#: for it by name.
MODES = ("wx", "dual", "rwx")

#: How far from the address it is asked to be near (either way) a region of
#: :meth:`Backend.map_code_near` goes: half a ``b``/``bl``'s reach, so that two regions
#: mapped near one address are within a branch of each other.
NEAR_REACH = 64 << 20

#: Largest alloc_data request (1 TiB): beyond it mmap cannot succeed anyway.
MAX_DATA_SIZE = 1 << 40

#: A ctypes type usable as restype/argtype (``None`` as restype means void).
CType = Any


class CodeRegion(ABC):
    """Whole pages of code memory obtained from :meth:`Backend.map_code`.

    Offsets are relative to the start of the region. ``make_writable`` and
    ``make_executable`` act on every page that overlaps the byte range.
    """

    #: Address the code runs at (the execute view).
    address: int
    #: Size in bytes (a multiple of the page size).
    size: int
    #: The mode actually in use: ``"wx"``, ``"dual"`` or ``"rwx"``.
    mode: str

    @abstractmethod
    def write(self, offset: int, data: bytes) -> None:
        """Copy ``data`` to ``offset``. The range must be writable."""

    @abstractmethod
    def read(self, offset: int, length: int) -> bytes:
        """Return ``length`` bytes from ``offset``."""

    @abstractmethod
    def make_writable(self, offset: int, length: int) -> None:
        """Allow writes to the range (in "wx" mode the pages stop being executable)."""

    @abstractmethod
    def make_executable(self, offset: int, length: int) -> None:
        """Make the range executable again and forbid writes."""

    @abstractmethod
    def close(self) -> None:
        """Unmap the region. Idempotent."""

    def disturbs(self, offset: int, length: int) -> bool:
        """Would writing the range change the permissions of pages code may be
        running from (so that a thread executing there could fault)?

        The JitBuffer never writes such a range while its pages hold live code
        (new code then goes to other pages). False unless a region says so.
        """
        return False

    def write_words(self, offset: int, data: bytes) -> None:
        """Like :meth:`write`, but each aligned 4-byte word with one 32-bit store
        (what a concurrently running thread may observe: old word or new)."""
        self.write(offset, data)

    def write_code(self, offset: int, data: bytes) -> None:
        """Copy ``data`` (new code: no thread runs it yet) to ``offset`` and leave the
        range executable, not writable: :meth:`make_writable`, :meth:`write`,
        :meth:`make_executable` unless a region has a cheaper way that keeps W^X (a
        dual region writes through its memory object's descriptor: no mapping is
        made writable, no system call but the write)."""
        self.make_writable(offset, len(data))
        try:
            self.write(offset, data)
        finally:
            self.make_executable(offset, len(data))


class HostFunction:
    """A Python callable exposed at a machine address (for ``blr`` from generated code).

    Keep this object alive as long as generated code may call ``address``.
    """

    def __init__(self, address: int, fn: Callable[..., Any], restype: CType,
                 argtypes: Sequence[CType], keepalive: object = None) -> None:
        #: Address generated code branches to.
        self.address = address
        #: The wrapped Python callable.
        self.fn = fn
        self.restype = restype
        self.argtypes = tuple(argtypes)
        self._keepalive = keepalive

    def __repr__(self) -> str:
        name = getattr(self.fn, "__qualname__", repr(self.fn))
        return f"<HostFunction {name} at {self.address:#x}>"


class DataBlock(mmap.mmap):
    """Read-write, never-executable anonymous memory for generated code's data.

    Page-aligned and page-granular (so the emulator can map the very same host
    pages at the same address). Supports the buffer protocol, so
    ``(ctypes.c_int64 * n).from_buffer(block)`` views it. Unmapped when
    garbage-collected; views made with ``from_buffer`` keep it alive.
    """

    address: int
    #: Bytes requested (``len(block)`` is the page-rounded size).
    requested: int

    def __new__(cls, size: int) -> DataBlock:
        if not isinstance(size, int) or isinstance(size, bool):
            raise TypeError(f"alloc_data: size must be an int, got {type(size).__name__} "
                            f"{size!r}")
        if size <= 0 or size > MAX_DATA_SIZE:
            raise ValueError(f"alloc_data: size must be in [1, {MAX_DATA_SIZE:#x}] bytes, "
                             f"got {size:#x}" if size > 0 else
                             f"alloc_data: size must be positive, got {size}")
        page = mmap.PAGESIZE
        rounded = (size + page - 1) // page * page
        self = super().__new__(cls, -1, rounded,
                               flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS,
                               prot=mmap.PROT_READ | mmap.PROT_WRITE)
        probe = ctypes.c_char.from_buffer(self)
        self.address = ctypes.addressof(probe)
        del probe  # drop the export so close() stays possible
        self.requested = size
        return self

    def __repr__(self) -> str:
        state = "closed" if self.closed else f"{len(self)} bytes"
        return f"<DataBlock at {self.address:#x}, {state}>"


class Backend(ABC):
    """Everything machine-specific a JitBuffer needs. See the module docstring."""

    #: ``"native"`` or ``"emulator"``.
    name: str = "abstract"
    #: Granularity of map_code sizes and protection changes.
    page_size: int = mmap.PAGESIZE
    #: The mode ``map_code(size, None)`` gives (the JitBuffer default).
    default_mode: str = "dual"
    #: A lock every JitBuffer of this backend must use for its mutations
    #: (None: each buffer has its own). The emulator's, which also serializes
    #: calls: otherwise a host function that installs code while another
    #: thread installs would deadlock (buffer lock vs. backend lock).
    mutation_lock: threading.RLock | None = None

    @abstractmethod
    def map_code(self, size: int, mode: str | None = None) -> CodeRegion:
        """Map at least ``size`` bytes (rounded up to pages) of code memory.

        Fresh regions start executable-not-writable (or "rwx" when asked).
        ``mode=None`` is the backend's safest default (see :data:`MODES`).
        """

    def map_code_near(self, size: int, mode: str | None, near: int | None) -> CodeRegion:
        """:meth:`map_code`, its execute address within :data:`NEAR_REACH` of ``near``
        where the address space allows (so that a ``b``/``bl`` between any two regions
        mapped near one address reaches); anywhere otherwise, or when ``near`` is None.
        A backend that cannot choose maps anywhere (this default)."""
        return self.map_code(size, mode)

    @abstractmethod
    def flush_icache(self, address: int, size: int) -> None:
        """Make instructions written to ``[address, address+size)`` visible to
        instruction fetch (the execute address)."""

    @abstractmethod
    def make_caller(self, address: int, restype: CType,
                    argtypes: Sequence[CType]) -> Callable[..., Any]:
        """A Python callable that calls the code at ``address`` (AAPCS64) and
        re-raises a pending host-function exception when the call returns."""

    @abstractmethod
    def host_function(self, fn: Callable[..., Any], restype: CType,
                      argtypes: Sequence[CType]) -> HostFunction:
        """Expose ``fn`` at an address callable from generated code."""

    def alloc_data(self, size: int) -> DataBlock:
        """Read-write memory visible to generated code at ``.address``."""
        return DataBlock(size)

    def protect_data(self, block: DataBlock, writable: bool) -> None:
        """Make ``block`` read-only (``writable=False``) or read-write again for the
        generated code (the loader's ``.rodata``). Natively the host pages change too:
        a Python write into a read-only block crashes the process, so keep it private."""
        from .libc import PROT_READ, PROT_WRITE, libc
        libc().mprotect(block.address, len(block), PROT_READ | (PROT_WRITE if writable else 0))

    def new_codeptr(self, address: int, size: int, restype: CType,
                    argtypes: Sequence[CType], owner: object) -> CodePtr:
        """Build the CodePtr for installed code (generic: wraps make_caller)."""
        from .codeptr import make_generic_codeptr

        return make_generic_codeptr(self.make_caller(address, restype, argtypes),
                                    address, size, owner)

    def close(self) -> None:  # noqa: B027 - optional hook, empty on purpose
        """Release backend-wide resources (optional)."""


# -- pending host-function exceptions ------------------------------------------------
# Keyed by thread id. The fast path in a CodePtr call is one truth test of this
# dict, which is empty unless a host function raised.
_pending: dict[int, BaseException] = {}


def record_pending(exc: BaseException) -> None:
    """Remember ``exc`` (raised by a host function) for the current thread.

    The first exception wins; later ones raised before the CodePtr call returns
    are dropped (the first one is the cause of what followed).
    """
    _pending.setdefault(threading.get_ident(), exc)


def take_pending() -> BaseException | None:
    """Remove and return the current thread's pending exception, if any."""
    if not _pending:
        return None
    return _pending.pop(threading.get_ident(), None)


def raise_pending() -> None:
    """Raise the current thread's pending host-function exception, if any."""
    if _pending:
        exc = _pending.pop(threading.get_ident(), None)
        if exc is not None:
            raise exc


# -- exceptions at the entry of a ctypes callback ----------------------------------------
# ctypes prints and drops an exception that leaves a callback and hands the C caller an
# undefined result. A callback's own ``try`` cannot catch everything: a Ctrl-C that
# arrives while C code runs is raised by CPython at the entry of the next Python
# function called, the callback itself, before its first statement. Such exceptions
# reach sys.unraisablehook, where _unraisable_hook gives those of marked callbacks to
# their handler instead of printing them.

_prev_unraisable_hook: Callable[[Any], Any] = sys.unraisablehook


def _unraisable_hook(unraisable: Any) -> None:
    try:
        on_error = getattr(unraisable.object, "_a64jit_on_error", None)
    except Exception:  # an object with an odd __getattr__: not one of ours
        on_error = None
    if on_error is not None and unraisable.exc_value is not None:
        on_error(unraisable.exc_value)
        return
    _prev_unraisable_hook(unraisable)


# -- Python stack room for callbacks ------------------------------------------------------
#: Frames of Python recursion that a call into generated code keeps free below the
#: recursion limit. Host functions are callbacks entered from C: a RecursionError at a
#: callback's entry (or in a hook or finalizer that runs on the way) cannot reach the
#: Python caller, so a call is refused before it starts instead.
CALLBACK_HEADROOM = 100


def check_headroom() -> None:
    """Raise RecursionError unless the Python stack is at least
    :data:`CALLBACK_HEADROOM` frames below the recursion limit (the emulator's calls into
    generated code do this first, so deep recursion through generated code and host
    functions ends in an ordinary RecursionError in the caller; a native CodePtr call does
    not, to stay a bare ctypes call: a caller that may recurse through host functions
    natively calls this before the call, as a64js's JIT entry does)."""
    limit = sys.getrecursionlimit()
    if limit <= 2 * CALLBACK_HEADROOM:
        return
    try:
        # refused when the current depth is at or past the lowered limit
        sys.setrecursionlimit(limit - CALLBACK_HEADROOM)
    except RecursionError:
        raise RecursionError(
            f"a call into generated code needs {CALLBACK_HEADROOM} frames of Python "
            f"recursion free for its host-function callbacks; the stack is within that "
            f"of the limit ({limit})") from None
    sys.setrecursionlimit(limit)


def mark_callback(fn: Callable[..., Any], on_error: Callable[[BaseException], None]) -> None:
    """Have ``on_error(exc)`` called, instead of ctypes printing ``exc``, when ``exc``
    leaves ``fn`` (the Python function of a ctypes callback: a function of its own,
    not a bound method, whose attributes are its class's function's) at its entry.

    Puts the hook in front of the current ``sys.unraisablehook`` (again if something
    replaced it since); every other unraisable exception goes on to that hook.
    """
    global _prev_unraisable_hook
    fn._a64jit_on_error = on_error  # type: ignore[attr-defined]
    if sys.unraisablehook is not _unraisable_hook:
        _prev_unraisable_hook = sys.unraisablehook
        sys.unraisablehook = _unraisable_hook


def result_checker(fn: Callable[..., Any], restype: CType) -> Callable[[Any], None] | None:
    """A check that a host function's result converts to ``restype`` as ctypes
    converts it (the same on every backend); raises TypeError naming ``fn``.
    None when there is nothing to check (void, structures)."""
    if restype is None or not hasattr(restype, "value"):
        return None
    cell = restype()

    def check(result: Any) -> None:
        try:
            cell.value = result
        except (TypeError, ValueError, OverflowError) as exc:
            raise TypeError(f"host function {fn!r} returned {result!r}, not convertible "
                            f"to {restype.__name__}: {exc}") from exc

    return check


def zero_value(restype: CType) -> Any:
    """What a host function returns to generated code after it raised."""
    if restype is None:
        return None
    if restype in (ctypes.c_float, ctypes.c_double, ctypes.c_longdouble):
        return 0.0
    if restype is ctypes.c_bool:
        return False
    return 0
