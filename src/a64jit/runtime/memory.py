"""JitBuffer: executable memory for many functions, W^X by default.

Life of a function: ``install`` finds aligned room in a chunk (first fit over a
coalescing free list; a new chunk is mapped when none has room unless the
capacity was fixed), makes the pages writable, copies the code, makes them
executable again, flushes the instruction cache over the range and returns a
:class:`~a64jit.runtime.codeptr.CodePtr`. ``free`` returns the range to the free
list; ``patch`` rewrites part of live code with the same write/flush sequence.
Every write path goes through :meth:`JitBuffer._write`, so every write is
followed by an icache flush (tests count them).

Threads: mutations are serialized by a lock, and install, free and calls may
run concurrently from any number of threads in every mode. In the default
mode (``"dual"`` on Linux) writes go through a second mapping and never touch
the permissions of the pages code runs from. Where a write must change them
(``"wx"`` on Linux, where one mapping flips between RW and R-X) the buffer
never writes to a page that holds live code: new code goes to pages of its
own. ``patch`` rewrites live code with single aligned 32-bit stores and
refuses rewrites a running thread could observe half-done (see :meth:`JitBuffer.patch`).
Installed code becomes visible to *other* threads only after they pass a
context synchronization event (any system call or exception return does).
"""

from __future__ import annotations

import bisect
import ctypes
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from ..errors import (
    BufferClosedError,
    BufferFullError,
    CodeSizeError,
    ConcurrentPatchError,
    DoubleFreeError,
    FreedCodeError,
    JitMemoryError,
)
from .backend import MODES, Backend, CodeRegion, CType
from .codeptr import CodePtr
from .select import get_backend

#: Default size of the first chunk a growable buffer maps.
DEFAULT_CHUNK = 64 * 1024
#: Each further chunk doubles the one before, up to ``chunk_size << CHUNK_GROWTH``: a
#: buffer of n bytes has O(log n) chunks, each mapped near the first (see
#: Backend.map_code_near), so that code in one reaches code in another with a b/bl
#: (a64js's JIT compiled a function again, with its shared subroutines placed again,
#: whenever it landed beyond their reach: up to 96 of the 558 compiles of a warm round
#: of the 17 workloads, with 64 KiB chunks mapped up to 285 MiB apart). Pages never
#: written cost no memory.
CHUNK_GROWTH = 6


class Finalizable(Protocol):
    """Anything with ``finalize() -> bytes`` (an Assembler); may take ``address=``."""

    def finalize(self) -> bytes: ...


class FreeList:
    """Free ranges of one chunk: sorted, non-overlapping, coalesced.

    Pure bookkeeping (no memory), so it is unit-tested on any host.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._starts: list[int] = [0]
        self._sizes: list[int] = [size]
        #: the largest free range, None when not known (after a change): a full chunk
        #: is skipped in one compare, where first fit walked its ranges at every install
        self._largest: int | None = size

    @property
    def largest(self) -> int:
        """The size of the largest free range (0 when full)."""
        if self._largest is None:
            self._largest = max(self._sizes, default=0)
        return self._largest

    @property
    def free_bytes(self) -> int:
        return sum(self._sizes)

    def ranges(self) -> list[tuple[int, int]]:
        """The free ``(offset, size)`` ranges in address order."""
        return list(zip(self._starts, self._sizes, strict=True))

    def alloc(self, size: int, align: int, accept: Callable[[int, int], bool] | None = None,
              step: int = 0) -> int | None:
        """First fit of ``size`` bytes at an ``align``-aligned offset, or None.

        ``accept(offset, size)`` may veto a candidate; the next one tried in the
        same free range starts at the following multiple of ``step`` (a page).
        """
        for i, (start, avail) in enumerate(zip(self._starts, self._sizes, strict=True)):
            offset = -(-start // align) * align
            if accept is not None:
                while offset + size <= start + avail and not accept(offset, size):
                    offset = (offset // step + 1) * step
            pad = offset - start
            if avail < pad + size:
                continue
            tail = avail - pad - size
            self._largest = None
            # Replace range i by what is left before and after the allocation.
            del self._starts[i], self._sizes[i]
            if tail:
                self._starts.insert(i, offset + size)
                self._sizes.insert(i, tail)
            if pad:
                self._starts.insert(i, start)
                self._sizes.insert(i, pad)
            return offset
        return None

    def release(self, offset: int, size: int) -> None:
        """Return ``[offset, offset+size)``; merges with free neighbours."""
        if size <= 0 or offset < 0 or offset + size > self.size:
            raise ValueError(f"release of {size} bytes at {offset} outside {self.size}")
        i = bisect.bisect_right(self._starts, offset)
        if i > 0 and self._starts[i - 1] + self._sizes[i - 1] > offset:
            raise ValueError(f"range at {offset} is already free")
        if i < len(self._starts) and offset + size > self._starts[i]:
            raise ValueError(f"range at {offset}+{size} overlaps free space")
        self._largest = None
        merge_prev = i > 0 and self._starts[i - 1] + self._sizes[i - 1] == offset
        merge_next = i < len(self._starts) and offset + size == self._starts[i]
        if merge_prev and merge_next:
            self._sizes[i - 1] += size + self._sizes[i]
            del self._starts[i], self._sizes[i]
        elif merge_prev:
            self._sizes[i - 1] += size
        elif merge_next:
            self._starts[i] = offset
            self._sizes[i] += size
        else:
            self._starts.insert(i, offset)
            self._sizes.insert(i, size)


class _Chunk:
    __slots__ = ("free", "live_pages", "page", "region", "watch")

    def __init__(self, region: CodeRegion, page: int) -> None:
        self.region = region
        self.free = FreeList(region.size)
        self.page = page
        #: page index -> number of live allocations touching it
        self.live_pages: dict[int, int] = {}
        #: Whether the region may ever say a write disturbs running code (its class has
        #: its own ``disturbs``): else every range is quiet, and an allocation needs no
        #: page counts (the emulator's regions: a place without two calls and a loop).
        self.watch = type(region).disturbs is not CodeRegion.disturbs

    def _page_range(self, offset: int, size: int) -> range:
        return range(offset // self.page, -(-(offset + size) // self.page))

    def quiet(self, offset: int, size: int) -> bool:
        """May ``[offset, offset+size)`` be written now without disturbing running code?"""
        region = self.region
        if not region.disturbs(offset, size):
            return True
        live = self.live_pages
        return not any(p in live for p in self._page_range(offset, size))

    def hold(self, offset: int, size: int, delta: int) -> None:
        if not self.watch:
            return  # (quiet() never asks)
        live = self.live_pages
        for p in self._page_range(offset, size):
            n = live.get(p, 0) + delta
            if n:
                live[p] = n
            else:
                del live[p]


class _Allocation:
    __slots__ = ("chunk", "name", "offset", "ptr", "reserved", "size")

    def __init__(self, chunk: _Chunk, offset: int, reserved: int,
                 ptr: weakref.ref[CodePtr] | None, size: int = 0,
                 name: str | None = None) -> None:
        self.chunk = chunk
        self.offset = offset
        self.reserved = reserved
        self.ptr = ptr
        self.size = size
        self.name = name


#: ``(offset, file, line)``: code at ``offset`` bytes into a function comes from
#: ``line`` of ``file`` (for a VM: a bytecode index of a function or script).
LineEntry = tuple[int, str, int]


class CodeObserver(Protocol):
    """Told about every install and free (debuggers/profilers: :mod:`a64jit.debug`).

    Called with the buffer's lock held, after the code is in place (install;
    raising there undoes the install) or before its range is reused (free);
    must not call back into the buffer.
    """

    def code_installed(self, buffer: JitBuffer, address: int, size: int, name: str | None,
                       code: object, lines: Sequence[LineEntry]) -> None: ...

    def code_freed(self, buffer: JitBuffer, address: int, size: int) -> None: ...


# The runtime never imports a64jit.debug: tools register here. Empty (one
# truth test per install/free) unless a tool is switched on.
_observers: list[CodeObserver] = []


def add_code_observer(observer: CodeObserver) -> None:
    """Call ``observer`` on every later install and free (in every JitBuffer)."""
    if observer not in _observers:
        _observers.append(observer)


def remove_code_observer(observer: CodeObserver) -> None:
    """Stop calling ``observer``; no error if it was not registered."""
    if observer in _observers:
        _observers.remove(observer)


def _release_regions(regions: list[CodeRegion]) -> None:
    # weakref.finalize callback: must not reference the JitBuffer itself.
    for region in regions:
        region.close()
    regions.clear()


_ADDRESS_AWARE: dict[type, bool] = {}
_FunctionType = type(_release_regions)
_CO_VARKEYWORDS = 0x08  # (inspect.CO_VARKEYWORDS)


def _finalize_takes_address(code: object) -> bool:
    """Does ``code.finalize`` accept ``address=``? (cached per type)"""
    cls = type(code)
    known = _ADDRESS_AWARE.get(cls)
    if known is None:
        fn = getattr(code, "finalize", None)
        func = getattr(fn, "__func__", fn)
        if type(func) is _FunctionType and not hasattr(func, "__wrapped__"):
            # a plain Python function: its code object says it (inspect's import is ~50 ms
            # of a start natively under qemu, the first install's)
            co = func.__code__
            known = ("address" in co.co_varnames[:co.co_argcount + co.co_kwonlyargcount]
                     or bool(co.co_flags & _CO_VARKEYWORDS))
            _ADDRESS_AWARE[cls] = known
            return known
        import inspect

        try:
            params = inspect.signature(code.finalize).parameters  # type: ignore[attr-defined]
        except (TypeError, ValueError):
            known = False
        else:
            known = "address" in params or any(
                p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
        _ADDRESS_AWARE[cls] = known
    return known


def check_ctype(t: CType, what: str, allow_none: bool = False) -> None:
    """Accept what :func:`a64jit.abi.aapcs64.from_ctypes` places (every ctypes
    scalar, pointers, arrays as pointers, Structures by value); None: void."""
    if t is None:
        if allow_none:
            return
        raise TypeError(f"{what}: None is only valid as restype (void)")
    # The calling convention's own table of types (one source of truth); a
    # lazy import: the ABI package sits above the runtime.
    from ..abi.aapcs64 import from_ctypes

    try:
        from_ctypes(t)
    except TypeError as exc:
        raise TypeError(f"{what}: {t!r} is not a supported ctypes type ({exc}); use "
                        "integers, pointers, c_float, c_double, Structures, or None for a "
                        "void result") from None
    if isinstance(t, type) and issubclass(t, ctypes.Union):
        raise TypeError(f"{what}: {t.__name__} is a Union: ctypes cannot pass unions by "
                        "value; pass a pointer to it")


def check_ctypes(argtypes: object, what: str) -> tuple[CType, ...]:
    """``argtypes`` as a tuple, each checked by :func:`check_ctype`."""
    if isinstance(argtypes, (str, bytes)) or not hasattr(argtypes, "__iter__"):
        raise TypeError(f"{what}: argtypes must be a sequence of ctypes types, got "
                        f"{type(argtypes).__name__} {argtypes!r}")
    out = tuple(argtypes)
    for i, t in enumerate(out):
        check_ctype(t, f"{what}: argtypes[{i}]")
    return out


#: Largest fixed capacity or chunk size a JitBuffer accepts (1 TiB).
MAX_CODE_SIZE = 1 << 40


def _check_size_operand(value: object, name: str, low: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"JitBuffer: {name} must be an int, got {type(value).__name__} "
                        f"{value!r}")
    if not low <= value <= MAX_CODE_SIZE:
        raise ValueError(f"JitBuffer: {name} must be in [{low}, {MAX_CODE_SIZE:#x}] bytes, "
                         f"got {value:#x}" if value > 0 else
                         f"JitBuffer: {name} must be positive, got {value}")
    return value


class JitBuffer:
    """Executable memory holding many functions; W^X unless ``mode="rwx"``.

    :param capacity: bytes to reserve once (rounded up to pages); installs that
        do not fit raise :class:`~a64jit.errors.BufferFullError`. ``None``
        (default) grows by mapping more chunks.
    :param mode: ``None`` (default): the backend's safest mode -- ``"dual"``
        on Linux (``"wx"`` where memfd is refused), ``"wx"`` (MAP_JIT) on
        macOS; see :data:`~a64jit.runtime.backend.MODES`. ``"wx"``: flip
        RW/R-X (falls back to ``"dual"`` if
        the OS refuses executable anonymous memory), ``"dual"`` (memfd mapped
        writable at one address, executable at another) or ``"rwx"`` (explicit
        opt-in to writable+executable pages).
    :param backend: ``"native"``, ``"emulator"``, a Backend, or None for the
        default (see :func:`a64jit.current_backend`).
    :param align: alignment of every installed function (power of two >= 4).

    Memory is released by :meth:`close`, at the end of a ``with`` block, or
    when the buffer is garbage-collected (a CodePtr keeps its buffer alive).
    Code that is never freed stays until then (dropping a CodePtr does not
    free its code: other code may still branch to it).
    """

    def __init__(self, capacity: int | None = None, *, mode: str | None = None,
                 backend: str | Backend | None = None, align: int = 16,
                 chunk_size: int = DEFAULT_CHUNK) -> None:
        if mode is not None and mode not in MODES:
            raise ValueError(f"JitBuffer: unknown mode {mode!r}; choose one of {MODES} "
                             "or None (the default)")
        self.backend: Backend = get_backend(backend, "JitBuffer")
        page = self.backend.page_size
        if not isinstance(align, int) or isinstance(align, bool) or align < 4 \
                or align & (align - 1) or align > page:
            raise ValueError(f"JitBuffer: align must be a power of two in [4, {page}], "
                             f"got {align}")
        if capacity is not None:
            _check_size_operand(capacity, "capacity", 1)
        _check_size_operand(chunk_size, "chunk_size", 1)
        self.requested_mode: str | None = mode
        self.align = align
        self.fixed_capacity = capacity is not None
        self._chunk_size = max(page, -(-chunk_size // page) * page)
        self._chunks: list[_Chunk] = []
        self._regions: list[CodeRegion] = []
        self._live: dict[int, _Allocation] = {}  # code address -> allocation
        # The emulator runs calls under its own lock: sharing it keeps one lock
        # order when a host function installs while another thread installs.
        self._lock = self.backend.mutation_lock or threading.RLock()
        self._closed = False
        self._used = 0
        self._finalizer = weakref.finalize(self, _release_regions, self._regions)
        if capacity is not None:
            self._new_chunk(capacity)

    # -- properties -----------------------------------------------------------------
    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def mode(self) -> str:
        """Mode in use: the requested one, or ``"dual"`` after a fallback."""
        if self._chunks:
            return self._chunks[0].region.mode
        return self.requested_mode or self.backend.default_mode

    @property
    def capacity(self) -> int:
        """Bytes of code memory currently mapped."""
        return sum(c.region.size for c in self._chunks)

    @property
    def used(self) -> int:
        """Bytes reserved by live functions (sizes rounded up to ``align``)."""
        return self._used

    @property
    def available(self) -> int:
        """Free bytes in the mapped chunks (alignment may make less usable)."""
        return sum(c.free.free_bytes for c in self._chunks)

    free_bytes = available

    def __len__(self) -> int:
        """Number of live functions."""
        return len(self._live)

    def __iter__(self) -> Iterator[CodePtr]:
        """Live CodePtrs still referenced somewhere."""
        for alloc in list(self._live.values()):
            ptr = alloc.ptr() if alloc.ptr is not None else None
            if ptr is not None:
                yield ptr

    def symbols(self) -> list[tuple[int, int, str]]:
        """``(address, size, name)`` of every live function installed with a name."""
        with self._lock:
            return sorted((address, a.size, a.name) for address, a in self._live.items()
                          if a.name is not None)

    def regions(self) -> list[tuple[int, int]]:
        """``(address, size)`` of every code mapping (execute addresses)."""
        return [(c.region.address, c.region.size) for c in self._chunks]

    def __repr__(self) -> str:
        state = "closed" if self._closed else f"{len(self._live)} functions, {self._used} bytes"
        return f"<JitBuffer {self.backend.name}/{self.mode} {state}>"

    # -- context manager ------------------------------------------------------------
    def __enter__(self) -> JitBuffer:
        self._check_open("use")
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- install / free / patch ---------------------------------------------------
    def install(self, code: bytes | bytearray | memoryview | Finalizable, *,
                restype: CType = ctypes.c_int64,
                argtypes: Sequence[CType] = (), name: str | None = None,
                lines: Sequence[LineEntry] = (), size: int | None = None) -> CodePtr:
        """Copy ``code`` into executable memory; return a callable CodePtr.

        ``code`` is machine code (bytes-like) or an object with ``finalize()``
        (an Assembler). If ``finalize`` takes ``address=``, it is finalized for
        the address the code is installed at, so adrp and label addresses are
        right. ``restype``/``argtypes`` are ctypes types (integers of every
        width, pointers, ``c_void_p``, ``c_float``, ``c_double``; restype
        ``None`` for void; default ``int64 f(void)``).
        ``name`` names the function for :meth:`symbols`, listings, profilers
        and debuggers; ``lines`` maps code offsets to source positions for
        them (see :mod:`a64jit.debug`; unused while no tool is on); ``size``: see
        :meth:`place`.
        """
        check_ctype(restype, "install: restype", allow_none=True)
        argtypes = check_ctypes(argtypes, "install")
        with self._lock:
            chunk, offset, reserved, address, size, name = self._place(code, name, lines,
                                                                       "install", size)
            ptr = self.backend.new_codeptr(address, size, restype, argtypes, self)
            self._live[address] = _Allocation(chunk, offset, reserved, weakref.ref(ptr),
                                              size, name)
            return ptr

    def place(self, code: bytes | bytearray | memoryview | Finalizable, *,
              name: str | None = None, lines: Sequence[LineEntry] = (),
              size: int | None = None) -> int:
        """Like :meth:`install`, without a CodePtr: copy ``code`` into executable memory
        and return its address.

        For code that is only reached from other code (a branch or ``blr`` from code
        installed earlier, an address a JIT keeps in a table), where a callable per
        function would only cost time (making a CodePtr is most of a small install in
        the emulator backend). ``name`` and ``lines`` are as for :meth:`install`.
        ``size``: the length in bytes ``code.finalize(address=...)`` will return, known
        beforehand (an assembler whose pools are placed: its ``offset``): the space is
        taken first and ``code`` finalized once, at its address, where it would be
        finalized at 0 first to learn its length (code branching to an
        :meth:`~a64jit.Assembler.address_label` cannot be finalized at 0: the branch
        is out of reach there). A finalize that raises, or returns another length
        (:class:`~a64jit.errors.CodeSizeError`), places nothing.
        Release the memory with :meth:`free` of the address.
        """
        with self._lock:
            chunk, offset, reserved, address, size, name = self._place(code, name, lines,
                                                                       "place", size)
            self._live[address] = _Allocation(chunk, offset, reserved, None, size, name)
            return address

    def _place(self, code: bytes | bytearray | memoryview | Finalizable, name: str | None,
               lines: Sequence[LineEntry], what: str, size: int | None = None
               ) -> tuple[_Chunk, int, int, int, int, str | None]:
        """Copy code in (the lock held): chunk, offset, reserved bytes, address, size
        (``size``: see :meth:`place`)."""
        if name is not None and not isinstance(name, str):
            raise TypeError(f"{what}: name must be a str or None, got {type(name).__name__}")
        self._check_open(f"{what} into")
        late = False
        once = False  # finalized at its address only (size given)
        if isinstance(code, (bytes, bytearray, memoryview)):
            data = bytes(code)
            if size is not None and size != len(data):
                raise CodeSizeError(f"{what}: size={size!r}, but the code is {len(data)} "
                                    "bytes")
        elif callable(getattr(code, "finalize", None)):
            late = _finalize_takes_address(code)
            if size is not None:
                if not late:
                    raise TypeError(f"{what}: size= needs code whose finalize() takes "
                                    f"address=; {type(code).__name__}'s does not")
                if type(size) is not int or size <= 0 or size % 4:
                    raise CodeSizeError(f"{what}: size must be a positive multiple of 4, "
                                        f"got {size!r}")
                once = True
                data = b""
            else:
                data = code.finalize(address=0) if late else code.finalize()  # type: ignore[call-arg]
                data = bytes(data)
        else:
            raise TypeError(f"{what}: expected bytes or an object with finalize(), "
                            f"got {type(code).__name__}")
        if not once:
            _check_size(data)
        want = size if once else len(data)
        assert want is not None
        chunk, offset, reserved = self._allocate(want)
        address = chunk.region.address + offset
        try:
            if once or (late and address != 0):
                again = bytes(code.finalize(address=address))  # type: ignore[union-attr,call-arg]
                if len(again) != want:
                    raise CodeSizeError(
                        f"{what}: finalize(address={address:#x}) returned {len(again)} "
                        f"bytes, " + (f"size={want}" if once else f"{want} at address 0"))
                data = again
            region = chunk.region
            region.write_code(offset, data)  # (new code: no W^X flip where the region has none)
            self.backend.flush_icache(region.address + offset, len(data))
            # Inside the try: an observer refusing bad ``lines`` undoes the install.
            for observer in _observers:
                observer.code_installed(self, address, len(data), name, code, lines)
        except BaseException:
            chunk.free.release(offset, reserved)
            chunk.hold(offset, reserved, -1)
            self._used -= reserved
            raise
        return chunk, offset, reserved, address, len(data), name

    def free(self, code: CodePtr | int) -> None:
        """Release ``code``'s memory for reuse; later calls of it raise FreedCodeError.
        ``code`` is a CodePtr, or the address :meth:`place` returned."""
        if isinstance(code, int) and not isinstance(code, bool):
            self._free_placed(code)
            return
        if not isinstance(code, CodePtr):
            raise TypeError(f"free: expected a CodePtr or an address from place(), got "
                            f"{type(code).__name__}")
        with self._lock:
            if code.freed:
                raise DoubleFreeError(f"free: code at {code.address:#x} was already freed")
            if code.buffer is not self:
                raise JitMemoryError(f"free: code at {code.address:#x} belongs to another "
                                     "JitBuffer")
            self._check_open("free from")
            alloc = self._live.pop(code.address)
            code._mark_freed()
            for observer in _observers:
                observer.code_freed(self, code.address, alloc.size)
            alloc.chunk.free.release(alloc.offset, alloc.reserved)
            alloc.chunk.hold(alloc.offset, alloc.reserved, -1)
            self._used -= alloc.reserved

    def _free_placed(self, address: int) -> None:
        with self._lock:
            self._check_open("free from")
            alloc = self._live.get(address)
            if alloc is None or alloc.ptr is not None:
                raise FreedCodeError(f"free: no code placed at {address:#x} in this buffer "
                                     "(freed already, or installed: free its CodePtr)")
            del self._live[address]
            for observer in _observers:
                observer.code_freed(self, address, alloc.size)
            alloc.chunk.free.release(alloc.offset, alloc.reserved)
            alloc.chunk.hold(alloc.offset, alloc.reserved, -1)
            self._used -= alloc.reserved

    def patch(self, code: CodePtr | int, offset: int, data: bytes, *,
              quiescent: bool = False) -> None:
        """Overwrite ``data`` at ``offset`` bytes into live code (e.g. retarget a branch).

        ``code`` is a CodePtr or its address; ``offset`` and ``len(data)`` must
        be multiples of 4 inside the code. Each word is written with one
        aligned 32-bit store, then the range is flushed from the instruction
        cache.

        By default the patch must be safe while other threads run the code:
        the Arm ARM (B2.2.5, concurrent modification and execution of
        instructions) guarantees a running thread sees either the old or the
        new instruction only when both are one of B, BL, NOP, BRK, SVC, HVC,
        SMC or ISB; any other change raises
        :class:`~a64jit.errors.ConcurrentPatchError`, as does every patch in
        ``"wx"`` mode (its write removes execute permission from the page).
        Pass ``quiescent=True`` when no thread can be running the code: then
        any words may be written, in any mode, as one copy (not a store per word).
        (Natively under qemu-user, a
        patch briefly removes PROT_EXEC from the page: see DualRegion.)
        """
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"patch: data must be bytes-like, got {type(data).__name__}")
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise TypeError(f"patch: offset must be an int, got {type(offset).__name__} "
                            f"{offset!r}")
        if not isinstance(code, (CodePtr, int)) or isinstance(code, bool):
            raise TypeError(f"patch: code must be a CodePtr or its address, got "
                            f"{type(code).__name__}")
        data = bytes(data)
        with self._lock:
            self._check_open("patch")
            address = code.address if isinstance(code, CodePtr) else int(code)
            alloc = self._live.get(address)
            if alloc is None or (isinstance(code, CodePtr) and code.freed):
                raise FreedCodeError(f"patch: no live code at {address:#x} in this buffer")
            ptr = alloc.ptr() if alloc.ptr is not None else None
            size = ptr.size if ptr is not None else alloc.reserved
            if offset % 4 or len(data) % 4 or not data:
                raise CodeSizeError(f"patch: offset ({offset}) and length ({len(data)}) must "
                                    "be non-zero multiples of 4")
            if offset < 0 or offset + len(data) > size:
                raise JitMemoryError(f"patch: {len(data)} bytes at offset {offset} do not fit "
                                     f"in {size} bytes of code")
            region = alloc.chunk.region
            at = alloc.offset + offset
            if not quiescent:
                # (A dual mapping under qemu-user also toggles PROT_EXEC, but only
                # to work around qemu's stale translations: allowed, see DualRegion.)
                if region.mode == "wx" and region.disturbs(at, len(data)):
                    raise ConcurrentPatchError(
                        f"patch: code at {address:#x} is in mode {region.mode!r}, whose writes "
                        "remove execute permission from the page: a thread running it would "
                        "fault. Pass quiescent=True if no thread runs this code, or use "
                        "JitBuffer(mode='dual')")
                old = region.read(at, len(data))
                for i in range(0, len(data), 4):
                    was = int.from_bytes(old[i:i + 4], "little")
                    new = int.from_bytes(data[i:i + 4], "little")
                    if was != new and not (hot_patchable(was) and hot_patchable(new)):
                        raise ConcurrentPatchError(
                            f"patch: word at offset {offset + i} ({was:#010x} -> {new:#010x}) "
                            "is not a rewrite a running thread can observe safely (both old "
                            "and new must be B, BL, NOP, BRK, SVC, HVC, SMC or ISB); pass "
                            "quiescent=True if no thread runs this code")
            if quiescent:  # no thread runs these words: one copy, as new code's
                region.write_code(at, data)
                self.backend.flush_icache(region.address + at, len(data))
            else:
                self._write(alloc.chunk, at, data, words=True)

    def read(self, code: CodePtr) -> bytes:
        """The installed machine code of ``code``."""
        if not isinstance(code, CodePtr):
            raise TypeError(f"read: expected a CodePtr, got {type(code).__name__}")
        with self._lock:
            self._check_open("read")
            alloc = self._live.get(code.address)
            if alloc is None or code.freed:
                raise FreedCodeError(f"read: no live code at {code.address:#x}")
            return alloc.chunk.region.read(alloc.offset, code.size)

    def close(self) -> None:
        """Free every function and unmap the memory. Idempotent.

        Every CodePtr of this buffer refuses calls afterwards. Do not close a
        buffer whose code is running (e.g. from inside a host function).
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for address, alloc in self._live.items():
                for observer in _observers:
                    observer.code_freed(self, address, alloc.size)
                ptr = alloc.ptr() if alloc.ptr is not None else None
                if ptr is not None and not ptr.freed:
                    ptr._mark_freed()
            self._live.clear()
            self._chunks.clear()
            self._used = 0
            self._finalizer()

    # -- internals -------------------------------------------------------------------
    def _check_open(self, what: str) -> None:
        if self._closed:
            raise BufferClosedError(f"cannot {what} a closed JitBuffer")

    def _new_chunk(self, size: int) -> _Chunk:
        mode = self.requested_mode
        if mode in ("wx", None) and self._chunks:
            mode = self._chunks[0].region.mode  # keep a fallback decision
        # near the first chunk: code in any two chunks within a b/bl of each other (a
        # JIT's calls of subroutines it placed earlier; a chunk mapped where the address
        # space had room was seen 125+ MiB away, and a64js compiled such functions twice)
        near = self._chunks[0].region.address if self._chunks else None
        region = self.backend.map_code_near(size, mode, near)
        self._regions.append(region)
        chunk = _Chunk(region, self.backend.page_size)
        self._chunks.append(chunk)
        return chunk

    def _allocate(self, size: int) -> tuple[_Chunk, int, int]:
        reserved = -(-size // self.align) * self.align
        page = self.backend.page_size
        for chunk in self._chunks:
            if chunk.free.largest < reserved:
                continue  # (no free range of this chunk is as large)
            if chunk.watch:
                offset = chunk.free.alloc(reserved, self.align, chunk.quiet, page)
                if offset is not None:
                    chunk.hold(offset, reserved, 1)
            else:  # (every range quiet: no veto to ask, no pages to count)
                offset = chunk.free.alloc(reserved, self.align)
            if offset is not None:
                self._used += reserved
                return chunk, offset, reserved
        if self.fixed_capacity:
            raise BufferFullError(
                f"install: {size} bytes do not fit; the buffer's fixed capacity is "
                f"{self.capacity} bytes with {self.available} free (largest free range: "
                f"{max((s for c in self._chunks for _, s in c.free.ranges()), default=0)})")
        grown = self._chunk_size << min(len(self._chunks), CHUNK_GROWTH)
        chunk = self._new_chunk(max(grown, reserved))
        offset = chunk.free.alloc(reserved, self.align)
        assert offset is not None
        self._used += reserved
        chunk.hold(offset, reserved, 1)
        return chunk, offset, reserved

    def _write(self, chunk: _Chunk, offset: int, data: bytes, words: bool = False) -> None:
        """The write path of live patches: W^X flip around the copy, then flush (new
        code, and quiescent patches, go through the region's ``write_code``).

        ``words``: one aligned 32-bit store per instruction (live patching).
        """
        region = chunk.region
        region.make_writable(offset, len(data))
        try:
            if words:
                region.write_words(offset, data)
            else:
                region.write(offset, data)
        finally:
            region.make_executable(offset, len(data))
        self.backend.flush_icache(region.address + offset, len(data))


def hot_patchable(word: int) -> bool:
    """Is ``word`` an instruction the Arm ARM lets one thread replace while another
    executes it (B, BL, NOP, BRK, SVC, HVC, SMC, ISB; ARM DDI 0487 B2.2.5)?"""
    top6 = word & 0xFC000000
    if top6 in (0x14000000, 0x94000000):  # b, bl
        return True
    if word & 0xFFE0001F in (0xD4200000, 0xD4000001, 0xD4000002, 0xD4000003):
        return True  # brk, svc, hvc, smc
    return word == 0xD503201F or word & 0xFFFFF0FF == 0xD50330DF  # nop, isb


def _check_size(data: bytes) -> None:
    if not data:
        raise CodeSizeError("install: code is empty")
    if len(data) % 4:
        raise CodeSizeError(f"install: code length {len(data)} is not a multiple of 4 "
                            "(AArch64 instructions are 4 bytes)")


