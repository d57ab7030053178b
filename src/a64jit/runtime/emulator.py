"""The emulator backend: run generated AArch64 code on any host through Unicorn.

The emulator shares the host's address space: every page it can reach is a
host page mapped into Unicorn at the *same* address (``mem_map_ptr``). Code
regions are ordinary host mappings (the native backend's own region classes,
so W^X flipping, the dual mapping and ``/proc/self/maps`` look exactly as
natively); data blocks from :meth:`EmulatorBackend.alloc_data` and the
emulator stack are host memory too. Pointers therefore mean the same thing to
Python (ctypes views) and to generated code. Other host memory that
generated code touches (a ctypes array or ``bytes`` passed by pointer) is
mapped on demand for the rest of the call, with the host's read/write
permissions (``share_host_memory=False`` turns that into a JitFault).

* **W^X.** Code pages are R-X in Unicorn (the host pages flip as natively;
  no emulated code runs while the JitBuffer writes, it holds the backend's
  lock). Generated code that writes to its code
  or jumps into writable memory faults, as on hardware.
* **Stale code.** Unicorn caches translated blocks. :meth:`flush_icache`
  (which the JitBuffer calls after every install, patch and reuse) drops the
  cached translations of the range, and unmapping drops those of the region.
* **Stores.** Unicorn 2.1.2 and later run a store inline only on a page whose TLB
  entry is not executable and that no memory hook covers: the backend fills the TLB
  itself and hooks invalid accesses only outside its writable data mappings, so stores
  to the stack and ``alloc_data`` blocks run ~25x faster than Unicorn's default
  (``fast_stores``; the reasons at ``_TLB_VIRTUAL``).
* **Calls.** A CodePtr call writes the arguments into registers per AAPCS64
  (x0-x7, d0-d7/s0-s7, then 8-byte stack slots at a 16-byte aligned SP),
  sets x30 to a sentinel return address and runs until the PC reaches it. Each
  signature gets a generated, specialized call function: one batched register
  write, ``uc_emu_start``, one register read. No hook runs on this path.
* **Host functions** live in a trap region: one 4-byte slot per function. A
  code hook restricted to that region (never a hook over generated code)
  reads the AAPCS64 arguments, calls the Python function, writes x0/d0 and
  returns to x30. A host function may call CodePtrs again (the registers of
  the outer call are saved and restored around the nested one). When it raises an
  Exception, the code gets a zero result and goes on, and the call raises it on
  return; a KeyboardInterrupt (or SystemExit) stops the code at once.
* **Ctrl-C** stops a running call with KeyboardInterrupt: the watchdog stops code
  that makes no callbacks (:class:`_Watchdog`), and a callback the signal lands in
  stops the emulation and has the call raise it, even when CPython raises it at the
  callback's entry (``_callback_failed``): never a fault in its place, a lost
  interrupt or a host page left mapped.
* **Faults** (unmapped or forbidden access, ``udf``/``brk``/``svc``/``hvc``,
  an instruction the CPU model lacks) raise :class:`~a64jit.errors.JitFault`
  with the PC, the fault address and the instruction. The emulator is usable
  for the next call. A watchdog stops code that runs longer than ``timeout``
  seconds (default 10; :class:`~a64jit.errors.JitTimeout`) without any cost on
  the call path (Unicorn's own timeout starts a thread per call, ~160 us);
  ``max_steps`` bounds the number
  of instructions (it costs speed: Unicorn counts with a hook).

Natively none of this is recoverable: a fault in generated code kills the
process, as in every JIT. Debug with the emulator.

Calls are serialized by a lock (Unicorn is not thread-safe); host functions
may re-enter from the same thread.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import importlib
import os
import select
import signal
import struct
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import JitFault, JitTimeout, NestingLimitError
from . import backend as _backend_mod
from .backend import (
    Backend,
    CodeRegion,
    CType,
    DataBlock,
    HostFunction,
    mark_callback,
    record_pending,
)
from .libc import MAP_ANONYMOUS, MAP_PRIVATE, PROT_NONE, PROT_READ, PROT_WRITE, LibC, libc
from .tlbfill import fill_code

try:
    import unicorn as _unicorn
    from unicorn import arm64_const as _A
except ImportError as _exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "the emulator backend needs the 'unicorn' package: "
        "pip install 'a64jit[emulator]'") from _exc

# The raw C entry points: the Python wrappers cost microseconds per call.
_uclib: Any
_uc_hook_h: Any
try:
    _binding: Any = importlib.import_module("unicorn.unicorn_py3.unicorn")
    _uclib, _uc_hook_h = _binding.uclib, _binding.uc_hook_h
except ImportError:  # pragma: no cover - unicorn 2.0 layout
    _binding = importlib.import_module("unicorn.unicorn")
    _uclib, _uc_hook_h = _binding._uc, _binding.uc_hook_h

#: unicorn ships partial annotations; it is used through Any here.
_uc: Any = _unicorn

__all__ = ["DEFAULT_TIMEOUT", "EmulatorBackend", "EmulatorRegion"]

#: Default wall-clock limit of one top-level call, in seconds (None: no limit).
DEFAULT_TIMEOUT: float | None = 10.0
#: How often the watchdog looks at a running call (timeouts and Ctrl-C).
PREEMPT_PERIOD = 0.04
#: Size of Unicorn's buffer of translated code (its own default is 1 GiB).
#: Translations of code that was freed or patched are dropped but their space
#: is only reclaimed when the buffer fills up and is flushed whole, so the
#: process's resident memory grows until then: this bounds that growth.
DEFAULT_TCG_BUFFER = 8 << 20
#: Default emulator stack size.
DEFAULT_STACK = 1 << 20

_MASK64 = (1 << 64) - 1
_U64 = ctypes.c_uint64
_U64P = ctypes.POINTER(_U64)
_VOIDP = ctypes.c_void_p

_X = [getattr(_A, f"UC_ARM64_REG_X{i}") for i in range(29)] + [
    _A.UC_ARM64_REG_X29, _A.UC_ARM64_REG_X30]
_D = [getattr(_A, f"UC_ARM64_REG_D{i}") for i in range(8)]
_SP = _A.UC_ARM64_REG_SP
_PC = _A.UC_ARM64_REG_PC
_LR = _A.UC_ARM64_REG_X30

_HOOK_CODE = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_uint64, ctypes.c_uint32,
                              ctypes.c_void_p)
_HOOK_INTR = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p)
_HOOK_MEM_INVALID = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_int,
                                     ctypes.c_uint64, ctypes.c_int, ctypes.c_int64,
                                     ctypes.c_void_p)

#: Unicorn permission bits for the PROT_* combinations used here.
_UC_R, _UC_W, _UC_X = _uc.UC_PROT_READ, _uc.UC_PROT_WRITE, _uc.UC_PROT_EXEC


#: Fast stores (Unicorn 2.1.2 and later). A store to a RAM page whose TLB entry is
#: flagged TLB_NOTDIRTY leaves TCG's inline path for store_helper(); its
#: notdirty_write() (qemu/accel/tcg/cputlb.c) clears the flag (tlb_set_dirty) only when
#: the page's TLB entry is not executable (``tlbe->addr_code == -1``) and no memory
#: hook covers the address (``uc_mem_hook_installed``: any UC_HOOK_MEM_*_UNMAPPED,
#: *_PROT, READ or WRITE hook). Every writable RAM page starts flagged (Unicorn's
#: cpu_physical_memory_is_clean() always says "clean"). With the CPU's own TLB fill and
#: the MMU off (Unicorn's default) every page is mapped read-write-execute
#: (target/arm/helper.c get_phys_addr), so the flag never clears and every store takes
#: the slow path (~3-5 M stores/s against ~50-150 M loads/s); 2.1.1 cleared it unless
#: a snapshot or a READ/WRITE hook was active. The backend therefore (1) fills the TLB
#: itself (UC_TLB_VIRTUAL with a UC_HOOK_TLB_FILL hook in machine code, see
#: a64jit.runtime.tlbfill): identity-mapped, read-write for data accesses, read-write-execute for
#: instruction fetches; and (2) hooks invalid accesses over the gaps between its writable data
#: mappings (stack, alloc_data blocks) instead of over the whole address space. Pages in
#: the gaps (code regions, trap pages, host pages mapped on demand) thus never leave
#: the slow path, whose notdirty_write() drops translations a store to an ``rwx``
#: region overwrites, as before; Unicorn checks each region's permissions there, and
#: every page takes it until its first store.
_TLB_VIRTUAL: int = getattr(_uc, "UC_TLB_VIRTUAL", -1)
_HOOK_TLB_FILL_KIND: int = getattr(_uc, "UC_HOOK_TLB_FILL", -1)
_TLB_TYPE_CTL: int = getattr(_uc, "UC_CTL_TLB_TYPE", -1)
_TLB_FLUSH_CTL: int = getattr(_uc, "UC_CTL_TLB_FLUSH", -1)
#: This Unicorn's bindings know the controls and the hook (2.0.1 and later).
_HAS_TLB_FILL = -1 not in (_TLB_VIRTUAL, _HOOK_TLB_FILL_KIND, _TLB_TYPE_CTL, _TLB_FLUSH_CTL)

#: The TLB's size. Unicorn's softmmu TLB is direct-mapped, indexed by address bits 10 and
#: up (AArch64's smallest page, 1 KiB), and resizes only at a full flush (every map,
#: unmap and protect is one): it doubles when more than 70% of its entries were filled
#: since the last resize and, after 100 ms, shrinks towards what was filled, down to 64
#: entries (64 KiB). Generated code's hot data is in a dozen blocks mapped anywhere, so
#: at 64 entries two hot lines often share an entry and evict each other at every other
#: access, each such access then a slow-path load or store (load_helper: a victim-TLB
#: swap and Unicorn's memory-mapping lookup): a64js's fib took 757,000 victim-TLB hits in
#: one run and 15,000 in another, by where the blocks happened to be. So before the first
#: call after such a flush, :meth:`EmulatorBackend._grow_tlb` fills 3/4 of the entries
#: with reads of a scratch mapping and flushes, doubling the TLB up to this many entries
#: (8 MiB of addresses at 1 KiB; ~6,000 fills, ~4 ms, once per such flush; a map in a
#: host function grows it before the code goes on). Blocks of a multiple of 2 MiB start
#: on 2 MiB boundaries (the kernel aligns them for huge pages), so their first lines,
#: where a heap's oldest cells, a word stack's outer frames and the first shapes are,
#: would take the same entries: alloc_data places each such block on a 2 MiB slot of
#: the TLB's span that no other one starts at (:meth:`EmulatorBackend._placed`).
_TLB_ENTRIES = 8192
_TLB_LINE_SHIFT = 10
#: Seconds after a growth in which no flush can shrink the TLB (QEMU shrinks it only at a
#: flush more than 100 ms after its last resize), so none is needed then.
_TLB_KEEPS = 0.09
_clock = time.monotonic
_THP = 2 << 20
_THP_SLOTS = (_TLB_ENTRIES << _TLB_LINE_SHIFT) // _THP
_PLACE_TRIES = 4
#: The scratch code that fills the TLB (llvm-mc 14): ``l: ldr x2, [x0]; add x0, x0,
#: #1024; subs x1, x1, #1; b.ne l; ret``, i.e. x1 lines read from x0 up, 1 KiB apart.
_TLB_GROW_CODE = (0xF9400002, 0x91100000, 0xF1000421, 0x54FFFFA1, 0xD65F03C0)
_MEM_FETCH = _uc.UC_MEM_FETCH

#: (region, address) of the process's one machine-code fill hook; None: not made yet.
_native_fill: tuple[CodeRegion | None, int] | None = None


def _native_fill_hook(host: Any) -> int:
    """The address of the machine-code TLB fill hook (made once per process in a code
    region of ``host``, a NativeBackend, W^X as any), or 0 where there is none."""
    global _native_fill
    if _native_fill is None:
        # os.uname, not platform: a run's timed region imports nothing (tests/js/test_timed)
        code = fill_code(os.uname().machine, _MEM_FETCH)
        if code is None:
            _native_fill = (None, 0)
        else:
            try:
                region = host.map_code(len(code), "wx")
                region.make_writable(0, len(code))
                region.write(0, code)
                region.make_executable(0, len(code))
                if code != fill_code("x86_64", _MEM_FETCH):  # x86 keeps its icache coherent
                    host.flush_icache(region.address, len(code))
            except OSError:  # PROT_EXEC refused: Unicorn's own TLB then
                _native_fill = (None, 0)
            else:
                _native_fill = (region, region.address)
    return _native_fill[1]


#: Errors Unicorn returns for a fetch fault no hook saw (jumping into a data block:
#: data mappings carry no invalid-access hook, see above).
_FETCH_ERRORS = {_uc.UC_ERR_FETCH_PROT: _uc.UC_MEM_FETCH_PROT,
                 _uc.UC_ERR_FETCH_UNMAPPED: _uc.UC_MEM_FETCH_UNMAPPED}

#: ``brk #0xa64`` fills the trap and sentinel pages: if the trap hook ever did
#: not catch a slot, the CPU faults instead of running garbage.
_BRK_WORD = 0xD4200000 | (0xA64 << 5)

#: QEMU's exception numbers (target/arm/cpu.h) as seen by UC_HOOK_INTR.
_INTR_REASONS = {
    1: "undefined instruction (udf, or an instruction the CPU model lacks)",
    2: "svc (system calls are not emulated)",
    3: "instruction fetch abort",
    4: "data abort (e.g. misaligned exclusive or atomic access)",
    7: "breakpoint (brk)",
    11: "hvc",
    12: "trap to a higher exception level",
    13: "smc",
}
#: Exceptions reported with the PC after the instruction (preferred return address).
_INTR_PC_AFTER = {2, 11, 13}

_LAZY_ACCESS = (_uc.UC_MEM_READ_UNMAPPED, _uc.UC_MEM_WRITE_UNMAPPED)


def _uc_ctl(handle: Any, io: int, ctl: int, *args: Any) -> None:
    """``uc_ctl`` with C arguments, the control encoded as unicorn.h's UC_CTL_READ/WRITE
    do (the Python bindings' helpers differ between releases: 2.1.1's lack some)."""
    err = _uclib.uc_ctl(handle, (io << 30) | (len(args) << 26) | ctl, *args)
    if err:
        raise _uc.UcError(err)


def _host_perms(page: int) -> int | None:
    """Unicorn permissions of the host mapping holding ``page`` (Linux), or None."""
    try:
        with open("/proc/self/maps", "rb") as maps:
            for line in maps:
                span, perms = line.split(b" ", 2)[:2]
                lo, hi = (int(x, 16) for x in span.split(b"-"))
                if lo <= page < hi:
                    return ((_UC_R if perms[0:1] == b"r" else 0)
                            | (_UC_W if perms[1:2] == b"w" else 0))
    except OSError:
        return None
    return None


_MEM_REASONS = {
    _uc.UC_MEM_READ_UNMAPPED: "read from unmapped memory",
    _uc.UC_MEM_WRITE_UNMAPPED: "write to unmapped memory",
    _uc.UC_MEM_FETCH_UNMAPPED: "instruction fetch from unmapped memory",
    _uc.UC_MEM_WRITE_PROT: "write to non-writable memory (W^X: code is not writable)",
    _uc.UC_MEM_READ_PROT: "read from non-readable memory",
    _uc.UC_MEM_FETCH_PROT: "instruction fetch from non-executable memory "
                           "(W^X: writable memory is not executable)",
}


# -- argument classes ----------------------------------------------------------------

_FLOAT = "float"
_DOUBLE = "double"
_SIGNED = "signed"      # narrow signed integer: store, then sign-extend to 64 bits
_UNSIGNED = "unsigned"  # integer of any width stored into a zeroed 64-bit slot
_POINTER = "pointer"    # anything ctypes passes as an address


def _classify(t: CType) -> str:
    """How the call path moves a value of ctypes type ``t``, from the calling
    convention's own view of the type (:func:`a64jit.abi.aapcs64.from_ctypes`, the one
    place that knows, e.g., that ``c_char`` is unsigned on AArch64 Linux)."""
    from ..abi.aapcs64 import F32, F64, PTR, Composite, from_ctypes

    at = from_ctypes(t)
    if at is F64:
        return _DOUBLE
    if at is F32:
        return _FLOAT
    if at is None or at is PTR or isinstance(at, Composite) or at.kind != "int":
        return _POINTER
    return _SIGNED if at.signed and at.size < 8 else _UNSIGNED


def _pointer_value(obj: Any, t: CType) -> int:
    """The address ctypes would pass for ``obj`` as an argument of type ``t``."""
    if obj is None:
        return 0
    if obj.__class__ is int:
        return obj & _MASK64
    param = t.from_param(obj) if hasattr(t, "from_param") else obj  # ctypes' own checks
    if isinstance(obj, bytes):
        holder: Any = ctypes.c_char_p(obj)  # points into the bytes object itself
    elif isinstance(obj, str):
        holder = ctypes.c_wchar_p(obj)  # a temporary copy, as ctypes makes natively
        _TEMPORARIES.append(holder)     # kept alive well past the call
    else:
        holder = param if not isinstance(param, _CARG) else obj
    value = ctypes.cast(holder, _VOIDP).value
    return 0 if value is None else value


_CARG = type(ctypes.byref(ctypes.c_int()))
_TEMPORARIES: collections.deque[Any] = collections.deque(maxlen=64)


def _argument_error(index: int, exc: BaseException) -> ctypes.ArgumentError:
    return ctypes.ArgumentError(f"argument {index + 1}: {type(exc).__name__}: {exc}")


def _check_scalar(t: CType, what: str) -> None:
    if isinstance(t, type) and issubclass(t, ctypes.Structure | ctypes.Union):
        raise TypeError(f"emulator: {what} type {t.__name__} is a structure; the emulator "
                        "backend passes scalars and pointers only (natively ctypes passes "
                        "Structures by value)")


class _Piece:
    """One structure passed by value: its registers (Unicorn ids) and the bytes
    each takes, or its stack slot, or a copy passed by reference."""

    __slots__ = ("chunk", "copy_off", "indirect", "regs", "size", "stack")

    def __init__(self, regs: list[int], chunk: int, size: int, stack: int | None,
                 indirect: bool, copy_off: int) -> None:
        self.regs, self.chunk, self.size = regs, chunk, size
        self.stack, self.indirect, self.copy_off = stack, indirect, copy_off


class _Plan:
    """Where each argument of a signature goes: :func:`a64jit.abi.aapcs64.assign_call`
    (the one AAPCS64 implementation, Linux flavour) turned into Unicorn register
    ids and stack offsets. Structures (``callers=True``) become :class:`_Piece`s;
    copies of big ones (and a big result) live above the outgoing arguments."""

    def __init__(self, argtypes: Sequence[CType], restype: CType = None,
                 structs: bool = False) -> None:
        from ..abi.aapcs64 import Composite, align_stack, assign_call, from_ctypes

        self.kinds = [_classify(t) for t in argtypes]
        types = [from_ctypes(t) for t in argtypes]
        for i, t in enumerate(types):
            if t is None or (isinstance(t, Composite) and not structs):
                _check_scalar(argtypes[i], f"argument {i}")
                raise TypeError(f"emulator: argument {i} of type {argtypes[i]!r} is not "
                                "supported (scalars and pointers only)")
        rt = from_ctypes(restype) if structs else None
        layout = assign_call(types, rt)  # type: ignore[arg-type]
        self.regs: list[int | None] = []    # unicorn register id, or None on the stack
        self.stack: list[int | None] = []   # stack offset, or None in a register
        self.pieces: list[_Piece | None] = []
        copies = layout.stack_size
        for t, loc in zip(types, layout.args, strict=True):
            ids = [(_D if r.cls == "fp" else _X)[r.code] for r in loc.regs]
            if isinstance(t, Composite):
                chunk = t.hfa.size if t.hfa is not None else 8
                self.pieces.append(_Piece(ids, chunk, t.size, loc.stack_offset, loc.indirect,
                                          copies))
                if loc.indirect:
                    copies += align_stack(t.size)
                self.regs.append(None)
                self.stack.append(None)
                continue
            self.pieces.append(None)
            self.regs.append(ids[0] if ids else None)
            self.stack.append(None if ids else loc.stack_offset)
        self.result: _Piece | None = None
        if isinstance(rt, Composite) and layout.result is not None:
            regs = [(_D if r.cls == "fp" else _X)[r.code] for r in layout.result.regs]
            self.result = _Piece(regs, rt.hfa.size if rt.hfa is not None else 8, rt.size,
                                 None, layout.indirect_result, copies)
            if layout.indirect_result:
                copies += align_stack(rt.size)
        self.stack_area = copies


# -- the machine ------------------------------------------------------------------------


class _State:
    """Mutable cells the generated call functions and the hooks share."""

    __slots__ = ("count", "depth", "epoch", "intr", "lazy", "mem", "preempt", "raised",
                 "stop", "timed_out", "tlb")

    def __init__(self) -> None:
        self.stop = 0          # set by a hook or the watchdog that stopped emulation
        self.epoch = 0         # odd while a call runs; bumped by every call start/end
        self.depth = 0         # host functions currently running (nested calls)
        self.count = 0         # uc_emu_start instruction limit (0 = none)
        self.intr: tuple[int, int] | None = None        # (intno, pc) from the intr hook
        self.mem: tuple[int, int, int] | None = None    # (access, address, pc)
        self.timed_out = -1    # epoch the watchdog stopped
        self.lazy = 0          # host pages were mapped on demand during this call
        self.preempt = 0       # the watchdog stopped a long call to let signals in
        self.raised = 0        # a callback stopped the call: raise the pending exception
        self.tlb = 0           # the TLB was flushed: grow it before the next call


class EmulatorRegion(CodeRegion):
    """A native code region (host memory) mirrored into Unicorn at its address."""

    def __init__(self, owner: EmulatorBackend, inner: CodeRegion) -> None:
        self._owner = owner
        self._inner = inner
        self.address = inner.address
        self.size = inner.size
        self.mode = inner.mode
        self._closed = False
        self._exec_perms = _UC_R | _UC_X | (_UC_W if self.mode == "rwx" else 0)
        self._token = owner._map(self.address, self.size, self._exec_perms)

    def write(self, offset: int, data: bytes) -> None:
        self._inner.write(offset, data)

    def write_words(self, offset: int, data: bytes) -> None:
        self._inner.write_words(offset, data)

    def write_code(self, offset: int, data: bytes) -> None:
        # The host region's own way (a dual one's pwrite); Unicorn's view stays R-X
        # (see make_writable).
        self._inner.write_code(offset, data)

    def read(self, offset: int, length: int) -> bytes:
        return self._inner.read(offset, length)

    def _span(self, offset: int, length: int) -> tuple[int, int]:
        page = self._owner.page_size
        start = offset // page * page
        end = -(-(offset + length) // page) * page
        return self.address + start, end - start

    def make_writable(self, offset: int, length: int) -> None:
        # The host pages flip (W^X as natively); Unicorn's view stays R-X: no
        # emulated code runs while the JitBuffer writes (it holds the backend's
        # lock), and Unicorn's mem_protect splits regions in ways that let a
        # stale translation of reused code run (seen under thread stress).
        self._inner.make_writable(offset, length)

    def make_executable(self, offset: int, length: int) -> None:
        self._inner.make_executable(offset, length)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._owner._unmap(self.address, self.size, self._token)  # before the host
            self._inner.close()


class _EmuDataBlock(DataBlock):
    """A DataBlock also mapped into the emulator; unmapped there before the host."""

    _emu_unmap: Callable[[], Any] | None = None

    def close(self) -> None:
        super().close()  # raises (and keeps the mapping) while views exist
        if self._emu_unmap is not None:
            self._emu_unmap()


# -- exceptions in callbacks -----------------------------------------------------------
# Unicorn calls the backend's hooks (invalid accesses, CPU exceptions, host-function
# traps, the profiler's block hook) through ctypes callbacks, where an escaping
# exception is printed and dropped and Unicorn gets an undefined result (see
# a64jit.runtime.backend.mark_callback). Each hook catches what its body raises and is
# marked for what is raised at its entry (a Ctrl-C that arrived while Unicorn ran):
# either way _callback_failed stops the emulation and the call raises the exception.


def _callback_failed(exc: BaseException, state: _State, handle: Any) -> None:
    """Stop the emulation because a callback raised ``exc``; the running call raises
    it (in place of a host function's exception: the interruption comes first)."""
    _backend_mod.take_pending()
    record_pending(exc)
    state.raised = 1
    state.stop = 1
    _uclib.uc_emu_stop(handle)


def _mark(fn: Any, state: _State, handle: Any) -> None:
    """Mark ``fn`` as a hook of the machine ``handle``: an exception raised at its entry
    stops the emulation too."""
    mark_callback(fn, lambda exc: _callback_failed(exc, state, handle))


class _SignalPipe:
    """Tells the watchdog thread that Ctrl-C arrived while the main thread is inside
    ``uc_emu_start``, where CPython cannot run the handler.

    CPython's C-level handler writes each signal's number to the *wakeup fd*
    (:func:`signal.set_wakeup_fd`) at once, even while the main thread is in C code.
    The first backend made in the main thread points it at a pipe that the watchdog
    reads. If something else (an asyncio loop) already owns the wakeup fd, it is left
    alone and Ctrl-C waits until the emulated call returns.
    """

    read_fd: int | None = None
    _tried = False

    @classmethod
    def install(cls) -> None:
        if cls._tried or threading.current_thread() is not threading.main_thread():
            return
        cls._tried = True
        r, w = os.pipe()
        os.set_blocking(r, False)
        os.set_blocking(w, False)
        try:
            old = signal.set_wakeup_fd(w, warn_on_full_buffer=False)
        except (ValueError, OSError):
            os.close(r)
            os.close(w)
            return
        if old != -1:  # someone else's: give it back
            signal.set_wakeup_fd(old)
            os.close(r)
            os.close(w)
            return
        cls.read_fd = r

    #: SIGINTs seen so far. Every backend's watchdog reads the one pipe, so whichever
    #: reads the byte counts it here and each compares with the count it last saw.
    sigints = 0

    @classmethod
    def wait(cls, period: float, wake: threading.Event) -> int:
        """Sleep up to ``period``; return :attr:`sigints` (counting SIGINTs whose
        handler raises KeyboardInterrupt, the default, that arrived meanwhile)."""
        fd = cls.read_fd
        if fd is None:
            wake.wait(period)
            return cls.sigints
        try:
            ready, _, _ = select.select([fd], [], [], period)
            data = os.read(fd, 512) if ready else b""
        except (OSError, ValueError):
            return cls.sigints
        if signal.SIGINT in data \
                and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            cls.sigints += 1
        return cls.sigints


class _Watchdog(threading.Thread):
    """Stops a call that runs longer than the backend's timeout.

    The call path only bumps ``state.epoch`` (odd = running); this thread
    polls it and calls ``uc_emu_stop`` when the same odd epoch outlives the
    timeout. A stop that races with the end of that call hits the next one,
    which notices the epoch mismatch and resumes.

    Signals: CPython runs a signal handler (Ctrl-C's KeyboardInterrupt) only
    between bytecodes, never inside ``uc_emu_start``. When Ctrl-C arrives during a
    call (see :class:`_SignalPipe`), the call is stopped so that the handler runs
    and KeyboardInterrupt ends it. A stopped call is never resumed for a signal:
    Unicorn does not always stop on an instruction boundary it reports, so resuming
    at the PC it gives could run an instruction twice (it did: a pointer-chasing
    loop gave wrong results when calls were stopped and resumed every 40 ms).
    """

    def __init__(self, backend: EmulatorBackend) -> None:
        super().__init__(name="a64jit-emulator-watchdog", daemon=True)
        self._backend = weakref.ref(backend)
        self.wake = threading.Event()

    def run(self) -> None:
        seen_epoch, since = -1, time.monotonic()
        heard = _SignalPipe.sigints
        while True:
            backend = self._backend()
            if backend is None or backend._closed:
                return
            timeout = backend.timeout
            state = backend._state
            handle = backend._handle
            del backend
            period = PREEMPT_PERIOD if timeout is None else min(PREEMPT_PERIOD,
                                                                 max(0.005, timeout / 8))
            sigints = _SignalPipe.wait(period, self.wake)
            interrupted, heard = sigints != heard, sigints
            self.wake.clear()
            epoch = state.epoch
            now = time.monotonic()
            if interrupted and epoch & 1 and not state.count:
                state.preempt = 1  # Ctrl-C during a call, however young
                state.stop = 1
                _uclib.uc_emu_stop(handle)
            elif epoch != seen_epoch or not epoch & 1:
                seen_epoch, since = epoch, now
            elif timeout is not None and now - since >= timeout \
                    and state.timed_out != epoch:
                state.timed_out = epoch
                state.stop = 1
                _uclib.uc_emu_stop(handle)


class EmulatorBackend(Backend):
    """Run generated code in Unicorn (ARMv8.x "max" CPU: v8.3 with fjcvtzs, LSE, FP/SIMD).

    :param timeout: wall-clock seconds one top-level call may run before it is
        stopped with :class:`~a64jit.errors.JitTimeout` (None: no limit).
        Time spent in host functions does not count.
    :param max_steps: instruction limit per call (None: no limit). Unicorn
        counts with a per-instruction hook, so this slows emulation.
    :param stack_size: bytes of emulator stack (mapped once).
    :param cpu_model: a ``UC_CPU_ARM64_*`` model (default: the "max" model).
    :param share_host_memory: when generated code touches host memory that is
        not an a64jit mapping (a ctypes array or ``bytes`` passed by pointer,
        memory from another allocator), map that host page into the emulator
        for the rest of the top-level call, with the host's read/write
        permissions (never executable) -- as natively, where the code sees the
        whole process. False: such accesses raise JitFault (stricter checking).
    :param tcg_buffer_size: bytes of Unicorn's translated-code buffer (default
        8 MiB; Unicorn's own default, 1 GiB, lets resident memory grow by
        ~270 bytes per install/call/free cycle until it is full).
    :param fast_stores: keep stores to data memory (the stack, ``alloc_data``
        blocks) on Unicorn's fast path (default; Unicorn 2.1.2 and later otherwise
        take the slow path for every store: see ``_TLB_VIRTUAL`` in this module).
        Needs an x86-64 or AArch64 host (the TLB fill hook is machine code); the
        attribute of that name says whether it is on. False: Unicorn's own TLB and
        one invalid-access hook over all memory (for comparisons:
        ``benchmarks/bench_emulator.py``).

    Change ``timeout``/``max_steps`` on the instance at any time. Pass an
    instance as ``backend=`` to JitBuffer/alloc_data/host_function to use
    settings other than the default instance's.
    """

    name = "emulator"
    #: Deepest nesting of emulated calls (a CodePtr called from a host function
    #: called from generated code ... counts one level per call). Unicorn
    #: kills the process with SIGSEGV at 63 nested emulations; past this limit
    #: the innermost call raises :class:`~a64jit.errors.NestingLimitError`.
    MAX_NESTING = 48

    def __init__(self, *, timeout: float | None = DEFAULT_TIMEOUT,
                 max_steps: int | None = None, stack_size: int = DEFAULT_STACK,
                 cpu_model: int | None = None, share_host_memory: bool = True,
                 lib: LibC | None = None,
                 tcg_buffer_size: int = DEFAULT_TCG_BUFFER, fast_stores: bool = True) -> None:
        from .native import NativeBackend

        self._closed = False
        self.share_host_memory = share_host_memory
        #: Host pages mapped on demand during the current top-level call.
        self._lazy: list[int] = []
        self.libc = lib if lib is not None else libc()
        self.page_size = self.libc.page_size
        # Host memory for code regions comes from the native backend's region
        # classes: the same W^X flips, dual mapping and fallbacks as natively.
        self._host = NativeBackend(self.libc, darwin=False)
        self.uc = _uc.Uc(_uc.UC_ARCH_ARM64, _uc.UC_MODE_ARM)
        if not isinstance(tcg_buffer_size, int) or tcg_buffer_size < 1 << 20:
            raise ValueError(f"EmulatorBackend: tcg_buffer_size must be an int of at least "
                             f"1 MiB, got {tcg_buffer_size!r}")
        # Before anything else touches the machine (Unicorn sizes it at init).
        self._handle: Any = self.uc._uch
        self._ctl(_uc.UC_CTL_TCG_BUFFER_SIZE, ctypes.c_uint32(tcg_buffer_size))
        self._ctl(_uc.UC_CTL_CPU_MODEL,
                  ctypes.c_int(_A.UC_CPU_ARM64_MAX if cpu_model is None else cpu_model))
        # CPACR_EL1.FPEN = 0b11: FP/SIMD instructions do not trap.
        cpacr = self.uc.reg_read(_A.UC_ARM64_REG_CPACR_EL1)
        self.uc.reg_write(_A.UC_ARM64_REG_CPACR_EL1, cpacr | (3 << 20))
        self._lock = threading.RLock()
        self.mutation_lock = self._lock
        self._state = _State()
        self._host_maps: list[tuple[int, int]] = []   # (address, size) host mmaps we own
        self._keep: list[Any] = []                     # ctypes callbacks kept alive
        self._hooks: list[Any] = []
        # Writable data mappings (start -> end) that no invalid-access hook covers, and
        # the hooks over the gaps between them (see _TLB_VIRTUAL).
        self._fast: dict[int, int] = {}
        self._fast_off: dict[int, int] = {}  # fast mappings made read-only for now
        self._gap_hooks: dict[tuple[int, int], Any] = {}
        self._syncing = False  # a _sync_gaps pass is running (see there)
        self._resync = False
        #: the TLB slot of each live 2 MiB-aligned data block (see _THP)
        self._thp_slots: dict[int, int] = {}
        #: each mapping's owner token (start -> token), for _unmap's check (see _map)
        self._owners: dict[int, object] = {}
        #: mappings found stale and dropped by _map (host memory freed, still mapped)
        self.stale_dropped = 0
        state, uch = self._state, self._handle

        def on_invalid(handle: Any, access: int, address: int, size: int, value: int,
                       user: Any) -> bool:
            try:
                return self._on_mem_invalid(access, address)
            except BaseException as exc:
                _callback_failed(exc, state, uch)
                return False

        def on_intr(handle: Any, intno: int, user: Any) -> None:
            try:
                self._on_intr(intno)
            except BaseException as exc:
                _callback_failed(exc, state, uch)

        _mark(on_invalid, state, uch)
        _mark(on_intr, state, uch)
        self._on_invalid = _HOOK_MEM_INVALID(on_invalid)
        self._keep.append(self._on_invalid)
        #: Whether stores to data memory stay on the fast path (``fast_stores`` and a
        #: Unicorn that supports it).
        fill = _native_fill_hook(self._host) if fast_stores and _HAS_TLB_FILL else 0
        self.fast_stores = fill != 0
        if fill:
            self._ctl(_TLB_TYPE_CTL, ctypes.c_int(_TLB_VIRTUAL))
            self._add_hook(_HOOK_TLB_FILL_KIND, _VOIDP(fill), 1, 0)
        self._sync_gaps()

        page = self.page_size
        self.stack_size = max(page, -(-stack_size // page) * page)
        self._stack = self._host_mmap(self.stack_size)
        self._map(self._stack, self.stack_size, _UC_R | _UC_W, fast=True)
        self.stack_top = self._stack + self.stack_size
        # _grow_tlb's code and the lines it reads (never written: the host's zero page)
        self._tlb_code = self._host_mmap(page)
        ctypes.memmove(self._tlb_code, struct.pack(f"<{len(_TLB_GROW_CODE)}I",
                                                   *_TLB_GROW_CODE), 4 * len(_TLB_GROW_CODE))
        self._map(self._tlb_code, page, _UC_R | _UC_X)
        self._tlb_lines = (_TLB_ENTRIES * 3 // 8) << _TLB_LINE_SHIFT
        self._tlb_scan = self._host_mmap(self._tlb_lines)
        self._tlb_grown = -_TLB_KEEPS  # (when _grow_tlb last grew it)
        self._map(self._tlb_scan, self._tlb_lines, _UC_R)

        # Sentinel page (return address of every call) followed by trap pages. The page
        # before it is ours and never mapped in Unicorn: Unicorn translates the exit
        # address as an empty block that it files under the page before (pc + size - 1)
        # and, after every top-level call, drops the blocks there (resume_all_vcpus,
        # uc_exit_invalidate_iter). With a mapped page there, every call translated the
        # sentinel anew until the translation buffer filled and was flushed under a
        # nested call, which crashed the process (seen: a64js JIT stress tests).
        guard = self._host_mmap(2 * page)
        self._host_maps[-1:] = [(guard, page), (guard + page, page)]  # released apart
        self._sentinel = guard + page
        self._fill_brk(self._sentinel, page)
        self._map(self._sentinel, page, _UC_R | _UC_X)
        self._trap_pages: list[int] = []
        self._slots: list[Callable[[Any], None] | None] = []
        self._free_slots: list[int] = []

        #: Shared cells read by every call's batched register write: the
        #: sentinel return address and the stack pointer for the next call.
        self._cells = (_U64 * 2)(self._sentinel, self.stack_top)
        self._cell_lr = ctypes.addressof(self._cells)
        self._cell_sp = self._cell_lr + 8

        self._add_hook(_uc.UC_HOOK_INTR, _HOOK_INTR(on_intr), 1, 0)

        self.timeout = timeout
        self.max_steps = max_steps
        _SignalPipe.install()
        self._watchdog = _Watchdog(self)
        self._watchdog.start()
        self._finalizer = weakref.finalize(self, _release, self.libc, self._host_maps,
                                           self.uc, self._watchdog.wake)

    # -- settings ------------------------------------------------------------------
    @property
    def max_steps(self) -> int | None:
        """Instruction limit per call, or None."""
        return self._state.count or None

    @max_steps.setter
    def max_steps(self, value: int | None) -> None:
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise TypeError(f"EmulatorBackend.max_steps must be an int or None, got "
                            f"{type(value).__name__} {value!r}")
        if value is not None and not 0 < value < 2**63:
            raise ValueError(f"EmulatorBackend.max_steps must be in [1, 2**63) or None, "
                             f"got {value}")
        with self._lock:
            if (value or 0) != self._state.count:
                # Unicorn counts steps with instrumentation compiled into each
                # translated block: blocks translated before the change would
                # not count (and code run once would ignore the limit).
                self._ctl(_uc.UC_CTL_TB_FLUSH)
            self._state.count = value or 0

    @property
    def timeout(self) -> float | None:
        """Wall-clock limit of a top-level call in seconds, or None."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: float | None) -> None:
        if value is not None and (not isinstance(value, (int, float))
                                  or isinstance(value, bool)):
            raise TypeError(f"EmulatorBackend.timeout must be seconds (a number) or None, "
                            f"got {type(value).__name__} {value!r}")
        if value is not None and not value > 0:
            raise ValueError(f"timeout must be positive or None, got {value}")
        self._timeout = value

    # -- Unicorn controls and memory helpers ------------------------------------------
    def _ctl(self, ctl: int, *args: Any) -> None:
        _uc_ctl(self._handle, _uc.UC_CTL_IO_WRITE, ctl, *args)

    @property
    def tcg_buffer_size(self) -> int:
        """The size of Unicorn's translation buffer, as Unicorn reports it."""
        out = ctypes.c_uint32()
        _uc_ctl(self._handle, _uc.UC_CTL_IO_READ, _uc.UC_CTL_TCG_BUFFER_SIZE,
                ctypes.byref(out))
        return out.value

    def _ctl_remove_cache(self, begin: int, end: int) -> None:
        self._ctl(_uc.UC_CTL_TB_REMOVE_CACHE, ctypes.c_uint64(begin), ctypes.c_uint64(end))

    def _host_mmap(self, size: int) -> int:
        address = self.libc.mmap(None, size, PROT_READ | PROT_WRITE,
                                 MAP_PRIVATE | MAP_ANONYMOUS)
        self._host_maps.append((address, size))
        return address

    def _fill_brk(self, address: int, size: int) -> None:
        ctypes.memmove(address, struct.pack("<I", _BRK_WORD) * (size // 4), size)

    def _map(self, address: int, size: int, perms: int, fast: bool = False) -> object:
        """Map host memory at its own address; ``fast``: a writable data mapping whose
        stores stay on Unicorn's fast path (no invalid-access hook over it). Returns the
        mapping's owner token, for :meth:`_unmap`.

        Every mapping here is host memory at its own address, and the host has just
        given this range to its caller: a mapping over it can only be of memory freed
        since (left behind by a finalizer that has not run yet, or raced by a thread
        between the host's unmap and ours: seen as UC_ERR_MAP in a loaded CI run). Such
        mappings are dropped and the map is retried; each stale mapping's own unmap,
        when it comes, finds another owner and leaves the new mapping alone."""
        with self._lock:
            if self._lazy:  # a host function freed a page and the host reused it
                self._drop_lazy(address, address + size)
            try:
                self.uc.mem_map_ptr(address, size, perms, address)
            except _uc.UcError as e:
                if e.errno != _uc.UC_ERR_MAP or not self._drop_stale(address, size):
                    raise
                self.uc.mem_map_ptr(address, size, perms, address)
            token = self._owners[address] = object()
            self._state.tlb = 1  # (a map flushes the TLB)
            if fast and perms & _UC_W and not perms & _UC_X and self.fast_stores:
                self._fast[address] = address + size
                try:
                    self._sync_gaps()
                except BaseException:  # (Ctrl-C here): the caller frees the memory, so
                    # no mapping may stay behind: Unicorn would refuse every later
                    # mapping at that address (UC_ERR_MAP) once the host reuses it
                    del self._fast[address]
                    del self._owners[address]
                    self.uc.mem_unmap(address, size)
                    self._sync_gaps()
                    raise
            return token

    def _drop_stale(self, address: int, size: int) -> bool:
        """Unmap every mapping that overlaps ``[address, address + size)`` (stale: see
        :meth:`_map`), with its bookkeeping; False if there was none."""
        end = address + size
        stale = [(b, e + 1) for b, e, _ in self.uc.mem_regions() if b < end and e >= address]
        for b, e in stale:
            self._ctl_remove_cache(b, e)
            self.uc.mem_unmap(b, e - b)
            self._owners.pop(b, None)
            self._thp_slots.pop(b, None)
            self._fast_off.pop(b, None)
            self._fast.pop(b, None)
            self.stale_dropped += 1
        if stale:
            self._state.tlb = 1
            self._sync_gaps()
        return bool(stale)

    def _protect(self, address: int, size: int, perms: int) -> None:
        with self._lock:
            self.uc.mem_protect(address, size, perms)
            self._state.tlb = 1
            if address in self._fast and not perms & _UC_W:
                self._fast_off[address] = self._fast.pop(address)
                self._sync_gaps()
                # Pages already written are "dirty" in the TLB: their stores would
                # skip the permission check of the slow path.
                self._ctl(_TLB_FLUSH_CTL)
            elif address in self._fast_off and perms & _UC_W:
                self._fast[address] = self._fast_off.pop(address)
                self._sync_gaps()

    def _unmap(self, address: int, size: int, token: object = None) -> None:
        """Unmap a mapping; with ``token`` (:meth:`_map`'s), only if it is still that
        mapping (not one made at the same address after it was found stale)."""
        with self._lock:
            if self._closed:
                return
            if token is not None and self._owners.get(address) is not token:
                return
            self._owners.pop(address, None)
            self._thp_slots.pop(address, None)
            self._ctl_remove_cache(address, address + size)
            self.uc.mem_unmap(address, size)
            self._state.tlb = 1
            self._fast_off.pop(address, None)
            if self._fast.pop(address, None) is not None:
                self._sync_gaps()

    def _sync_gaps(self) -> None:
        """Hook invalid accesses over every address outside the fast data mappings:
        one hook per gap (hook ranges are inclusive), only changed gaps re-hooked.

        A collection can start at any allocation in here and run a data block's
        finalizer, whose _unmap changes ``_fast`` and calls this again (the lock is
        reentrant): that call only asks the running one for another pass, and a pass
        reads a copy of ``_fast``. Before, the nested pass ran in full and the outer one
        went on with its stale list: a KeyError (seen in a whole-file run of
        tests/js/test_jit_programs.py), or hooks for gaps that no longer were."""
        if self._syncing:
            self._resync = True
            return
        self._syncing = True
        try:
            self._resync = True
            while self._resync:
                self._resync = False
                self._sync_gaps_pass()
        finally:
            self._syncing = False

    def _sync_gaps_pass(self) -> None:
        gaps: list[tuple[int, int]] = []
        prev = 0
        # copy() makes no object while it reads the dict (sorting items() does: a
        # collection there ran a finalizer that popped an entry, "dictionary changed size
        # during iteration"); a finalizer that runs later asks for another pass
        for lo, hi in sorted(self._fast.copy().items()):
            if lo > prev:
                gaps.append((prev, lo - 1))
            prev = hi
        if prev <= _MASK64:
            gaps.append((prev, _MASK64))
        wanted = set(gaps)
        for gap in [g for g in self._gap_hooks if g not in wanted]:
            _uclib.uc_hook_del(self._handle, self._gap_hooks.pop(gap))
        for gap in gaps:
            if gap not in self._gap_hooks:
                handle = _uc_hook_h()
                err = _uclib.uc_hook_add(self._handle, ctypes.byref(handle),
                                         _uc.UC_HOOK_MEM_INVALID,
                                         ctypes.cast(self._on_invalid, _VOIDP), None,
                                         ctypes.c_uint64(gap[0]), ctypes.c_uint64(gap[1]))
                if err:
                    raise _uc.UcError(err)
                self._gap_hooks[gap] = handle

    def _add_hook(self, kind: int, callback: Any, begin: int, end: int) -> None:
        handle = _uc_hook_h()
        err = _uclib.uc_hook_add(self._handle, ctypes.byref(handle), kind,
                                 ctypes.cast(callback, _VOIDP), None,
                                 ctypes.c_uint64(begin), ctypes.c_uint64(end))
        if err:
            raise _uc.UcError(err)
        self._keep.append(callback)
        self._hooks.append(handle)

    # -- Backend interface -------------------------------------------------------------
    def map_code(self, size: int, mode: str | None = None) -> CodeRegion:
        # Calls hold the backend lock for their whole run and so do Unicorn's
        # permission changes: a write never disturbs running code here, so
        # EmulatorRegion.disturbs stays False even in "wx" mode.
        return EmulatorRegion(self, self._host.map_code(size, mode))

    def map_code_near(self, size: int, mode: str | None, near: int | None) -> CodeRegion:
        # (host memory at its own address: where the host maps it, Unicorn does too)
        return EmulatorRegion(self, self._host.map_code_near(size, mode, near))

    def flush_icache(self, address: int, size: int) -> None:
        """Drop Unicorn's translations of the range (the emulator's icache)."""
        if size > 0:
            with self._lock:
                self._ctl_remove_cache(address, address + size)

    def alloc_data(self, size: int) -> DataBlock:
        block = _EmuDataBlock(size)
        if len(block) % _THP == 0:
            used = set(self._thp_slots.values())
            block = self._placed(block, lambda: _EmuDataBlock(size),
                                 lambda slot: slot not in used)
            self._thp_slots[block.address] = (block.address // _THP) % _THP_SLOTS
        address, length = block.address, len(block)
        token = self._map(address, length, _UC_R | _UC_W, fast=True)
        backend = weakref.ref(self)

        def unmap() -> None:
            b = backend()
            if b is not None:
                b._unmap(address, length, token)

        # A finalizer runs once: on close() or, at collection, before the mmap
        # object's own dealloc unmaps the host pages (weakrefs are cleared first).
        block._emu_unmap = weakref.finalize(block, unmap)
        # Not at exit: the process's end frees it all, and Unicorn unmaps page by page,
        # a TLB flush each (fib's 76 MiB of blocks left at exit: ~10% of its process)
        block._emu_unmap.atexit = False
        return block

    def _placed(self, block: _EmuDataBlock, make: Callable[[], _EmuDataBlock],
                ok: Callable[[int], bool]) -> _EmuDataBlock:
        """``block`` (2 MiB-aligned), or one from ``make()`` in its place, whose 2 MiB
        slot of the TLB's span ``ok`` accepts (best effort, a few tries). mmap places
        top-down: with the block at A dropped and k * 2 MiB mapped as a pad (at the top
        of the hole it left), the next one lands k slots lower; the pads go at the end."""
        pads: list[tuple[int, int]] = []
        try:
            for _ in range(_PLACE_TRIES):
                here = (block.address // _THP) % _THP_SLOTS
                if ok(here):
                    break
                k = next((d for d in range(1, _THP_SLOTS) if ok((here - d) % _THP_SLOTS)), 0)
                if not k:
                    break
                block.close()
                pads.append((self.libc.mmap(None, k * _THP, PROT_NONE,
                                            MAP_PRIVATE | MAP_ANONYMOUS), k * _THP))
                block = make()
        finally:
            for at, n in pads:
                self.libc.munmap(at, n)
        return block

    def _grow_tlb_nested(self) -> None:
        """:meth:`_grow_tlb` from a host function, with the running call's registers
        saved around it (as a nested call's); past the nesting limit, or if it fails,
        the TLB stays as it is (the next call grows it)."""
        if self._state.depth < self.MAX_NESTING:
            with contextlib.suppress(Exception):
                self._nested(self._grow_tlb)

    def _grow_tlb(self) -> None:
        """Grow Unicorn's TLB to _TLB_ENTRIES (see there): called with the lock held,
        before a top-level call, when a map, unmap or protect flushed it since."""
        st = self._state
        st.tlb = 0
        if _TLB_FLUSH_CTL == -1 or _clock() - self._tlb_grown < _TLB_KEEPS:
            return  # (grown less than a window ago: no flush since could shrink it)
        h, x0, x1 = self._handle, _U64(), _U64()
        sentinel = _U64(self._sentinel)
        n = 64
        while n < _TLB_ENTRIES:
            x0.value, x1.value = self._tlb_scan, n * 3 // 4
            for reg, cell in ((_X[0], x0), (_X[1], x1), (_LR, sentinel)):
                _uclib.uc_reg_write(h, reg, ctypes.byref(cell))
            if _uclib.uc_emu_start(h, self._tlb_code, self._sentinel, 0, 0):
                return  # (never seen; the calls work as before)
            self._ctl(_TLB_FLUSH_CTL)  # the resize happens at the flush
            n *= 2
        self._tlb_grown = _clock()

    def protect_data(self, block: DataBlock, writable: bool) -> None:
        # Only Unicorn's view changes: the host pages stay writable for Python.
        self._protect(block.address, len(block), _UC_R | (_UC_W if writable else 0))

    def make_caller(self, address: int, restype: CType,
                    argtypes: Sequence[CType]) -> Callable[..., Any]:
        return _make_caller(self, address, restype, tuple(argtypes))

    def host_function(self, fn: Callable[..., Any], restype: CType,
                      argtypes: Sequence[CType]) -> HostFunction:
        if not callable(fn):
            raise TypeError(f"host_function: {fn!r} is not callable")
        _check_scalar(restype, "host_function: result")
        dispatch = _make_dispatcher(self, fn, restype, tuple(argtypes))
        with self._lock:
            if not self._free_slots:
                self._add_trap_page()
            slot = self._free_slots.pop()
            self._slots[slot] = dispatch
        hf = HostFunction(self._trap_pages[slot * 4 // self.page_size]
                          + slot * 4 % self.page_size, fn, restype, argtypes)
        weakref.finalize(hf, _free_slot, weakref.ref(self), slot)
        return hf

    def _add_trap_page(self) -> None:
        page = self.page_size
        address = self._host_mmap(page)
        self._fill_brk(address, page)
        self._map(address, page, _UC_R | _UC_X)
        first = len(self._slots)
        self._trap_pages.append(address)
        self._slots.extend([None] * (page // 4))
        self._free_slots.extend(reversed(range(first, first + page // 4)))
        slots, state = self._slots, self._state

        def on_trap(handle: Any, pc: int, size: int, user: Any) -> None:
            try:
                dispatch = slots[first + ((pc - address) >> 2)]
                if dispatch is not None:
                    dispatch(handle)
            except BaseException as exc:  # the dispatcher's own steps (Ctrl-C there)
                _callback_failed(exc, state, handle)

        _mark(on_trap, state, self._handle)
        # A hook over this page only: generated code never runs under a hook.
        self._add_hook(_uc.UC_HOOK_CODE, _HOOK_CODE(on_trap), address, address + page - 1)

    def close(self) -> None:
        """Stop the watchdog and release the emulator's own memory (stack, trap pages).

        JitBuffers and host functions of this backend must not be used afterwards.
        """
        with self._lock:
            self._closed = True
        self._finalizer()

    # -- hooks (cold paths) -----------------------------------------------------------
    def _on_intr(self, intno: int) -> None:
        pc = self._read_reg(_PC)
        if intno in _INTR_PC_AFTER:
            pc -= 4
        self._state.intr = (intno, pc)
        self._state.stop = 1
        _uclib.uc_emu_stop(self._handle)

    def _on_mem_invalid(self, access: int, address: int) -> bool:
        """The invalid-access hook: True to retry the access (a host page was mapped)."""
        if (self.share_host_memory and access in _LAZY_ACCESS
                and self._map_host_page(address, access)):
            return True
        self._state.mem = (access, address, self._read_reg(_PC))
        return False

    def _map_host_page(self, address: int, access: int) -> bool:
        """Map the host page holding ``address`` if the host can access it that way."""
        page = address & ~(self.page_size - 1)
        perms = _host_perms(page)
        if perms is None or not perms & _UC_R:
            return False
        if access == _uc.UC_MEM_WRITE_UNMAPPED and not perms & _UC_W:
            return False
        # Recorded before it is mapped: an exception between the two (Ctrl-C) must not
        # leave a host page mapped past the call (_drop_lazy skips one never mapped).
        self._state.lazy = 1
        self._lazy.append(page)
        try:
            self.uc.mem_map_ptr(page, self.page_size, perms & (_UC_R | _UC_W), page)
        except _uc.UcError:
            self._lazy.remove(page)
            return False
        return True

    def _drop_lazy(self, begin: int = 0, end: int = 1 << 64) -> None:
        """Unmap on-demand host pages in ``[begin, end)`` (all by default)."""
        keep = []
        for page in self._lazy:
            if begin <= page < end:
                self._ctl_remove_cache(page, page + self.page_size)
                with contextlib.suppress(_uc.UcError):  # recorded, never mapped
                    self.uc.mem_unmap(page, self.page_size)
            else:
                keep.append(page)
        self._lazy[:] = keep
        self._state.lazy = 1 if keep else 0

    # -- profiler hook (a64jit.debug.profile) ------------------------------------------------
    def add_block_hook(self, callback: Callable[[int, int], None]) -> object:
        """Call ``callback(address, size)`` as each basic block starts to run.

        For profilers: every block then pays a Python call (none is paid while
        no hook is installed). An exception ``callback`` raises stops the call,
        which raises it. Returns a handle for :meth:`remove_block_hook`.
        """
        state = self._state
        # the backend's own code (_grow_tlb's, run before a call when the TLB was
        # flushed, and only as the clock allows) is not the program's: never reported
        own, own_end = self._tlb_code, self._tlb_code + self.page_size

        def on_block(handle: Any, address: int, size: int, user: Any) -> None:
            if own <= address < own_end:
                return
            try:
                callback(address, size)
            except BaseException as exc:
                _callback_failed(exc, state, handle)

        _mark(on_block, state, self._handle)
        hook = _HOOK_CODE(on_block)
        handle = _uc_hook_h()
        with self._lock:
            err = _uclib.uc_hook_add(self._handle, ctypes.byref(handle), _uc.UC_HOOK_BLOCK,
                                     ctypes.cast(hook, _VOIDP), None, ctypes.c_uint64(1),
                                     ctypes.c_uint64(0))
            if err:
                raise _uc.UcError(err)
            # Kept here until removed, not only in the token: a caller may drop the token,
            # and a freed ctypes thunk's memory goes to the next callback made (a trap
            # page's), which Unicorn would then call for every block.
            self._keep.append(hook)
            self._ctl(_uc.UC_CTL_TB_FLUSH)  # blocks translated earlier carry no hook call
        return (handle, hook)

    def remove_block_hook(self, token: object) -> None:
        """Remove a hook added by :meth:`add_block_hook`."""
        pair: tuple[Any, Any] = token  # type: ignore[assignment]
        with self._lock:
            if not self._closed:
                _uclib.uc_hook_del(self._handle, pair[0])
                self._ctl(_uc.UC_CTL_TB_FLUSH)
                with contextlib.suppress(ValueError):  # (removed twice: nothing kept)
                    self._keep.remove(pair[1])

    def read_link(self) -> tuple[int, int]:
        """``(x30, sp)`` of the code running now (for a profiler's call stack)."""
        return self._read_reg(_LR), self._read_reg(_SP)

    def _end_call(self) -> None:
        """After a top-level call: forget host pages mapped on demand."""
        if not self._state.depth:
            self._drop_lazy()

    def _read_reg(self, reg: int) -> int:
        out = _U64()
        _uclib.uc_reg_read(self._handle, reg, ctypes.byref(out))
        return out.value

    # -- slow paths of a call -------------------------------------------------------------
    def _nested(self, run: Callable[[], Any]) -> Any:
        """Run a call made from inside a host function: below the caller's stack,
        with the caller's registers saved around it."""
        if self._state.depth >= self.MAX_NESTING:
            raise NestingLimitError(
                f"emulated call nested {self._state.depth + 1} deep (JIT -> host function "
                f"-> JIT ...): the emulator backend allows {self.MAX_NESTING} "
                "(EmulatorBackend.MAX_NESTING; Unicorn crashes the process past 63)")
        ctx = self.uc.context_save()
        old_sp = self._cells[1]
        self._cells[1] = (self._read_reg(_SP) - 16) & ~15
        try:
            return run()
        finally:
            self._cells[1] = old_sp
            self.uc.context_restore(ctx)
            # freed here, where the call found stack room: an exception's traceback
            # keeps this frame, and its finalizer would run wherever the exception is
            # dropped, perhaps at the recursion limit (printed, not raised)
            del ctx

    def _after_stop(self, err: int) -> bool:
        """emu_start returned an error or was stopped: raise, or return True to resume."""
        st = self._state
        intr, mem, timed_out, preempt = st.intr, st.mem, st.timed_out, st.preempt
        st.stop = st.preempt = 0
        st.intr = st.mem = None
        if st.raised:  # a callback raised (Ctrl-C, mostly): whatever stopped it follows
            st.raised = 0
            exc = _backend_mod.take_pending()
            if exc is not None:
                raise exc
        pc = self._read_reg(_PC)
        if err == 0 and intr is None and mem is None:
            if pc == self._sentinel:
                return False  # a late watchdog stop after the code had finished
            if preempt and timed_out != st.epoch:
                # Stopped for Ctrl-C: the KeyboardInterrupt handler normally runs on
                # the way here. Resuming is not safe (see _Watchdog), so if it did not
                # raise, the call ends here (a host function's exception with it).
                self._pending_clear()
                raise KeyboardInterrupt
            if timed_out == st.epoch:
                self._pending_clear()
                raise self._fault(JitTimeout, f"timeout: code ran longer than "
                                  f"{self.timeout} s (EmulatorBackend.timeout)", pc, None)
            if st.count:
                self._pending_clear()
                raise self._fault(JitTimeout, f"step limit: code ran more than {st.count} "
                                  "instructions (EmulatorBackend.max_steps)", pc, None)
            return True  # a stop meant for an earlier call: carry on
        self._pending_clear()
        if intr is not None:
            intno, pc = intr
            reason = _INTR_REASONS.get(intno, f"CPU exception {intno}")
            # Unicorn hands the exception to the hook before FAR_EL1 is
            # written, so a data abort's address is not known: report the PC.
            raise self._fault(JitFault, reason, pc, None)
        if mem is not None:
            access, fault_address, mpc = mem
            reason = _MEM_REASONS.get(access, f"invalid memory access ({access})")
            if access in (_uc.UC_MEM_FETCH_UNMAPPED, _uc.UC_MEM_FETCH_PROT):
                mpc = fault_address
            else:
                mpc = self._locate_data_fault(mpc, access, fault_address)
            if access == _uc.UC_MEM_WRITE_PROT and not any(
                    lo <= fault_address <= hi and perms & _UC_X
                    for lo, hi, perms in self.uc.mem_regions()):
                reason = "write to read-only data"  # e.g. a loaded unit's .rodata
            raise self._fault(JitFault, reason, mpc, fault_address)
        if err in _FETCH_ERRORS:  # a jump into a data mapping (no hook there): PC is it
            raise self._fault(JitFault, _MEM_REASONS[_FETCH_ERRORS[err]], pc, pc)
        raise self._fault(JitFault, f"emulation failed: {_uc.UcError(err)}", pc, None)

    def _locate_data_fault(self, pc: int, access: int, address: int) -> int:
        """The address of the instruction that made a data access fault.

        Some Unicorn releases (2.1.1, the one whose stores are fast) report the start
        of the translated block instead. The registers are exact at the fault (the
        faulting instruction has not run), so each instruction from ``pc`` up to the
        block's first branch is run alone, with those registers, in a scratch
        Unicorn that maps only that instruction's page: the first one whose accesses
        cover ``address`` in the same direction is the one. Nothing in this
        machine's memory is touched; where none matches, ``pc`` stands.
        """
        write = access in (_uc.UC_MEM_WRITE_UNMAPPED, _uc.UC_MEM_WRITE_PROT)
        regs = [self._read_reg(r) for r in _X]
        sp = self._read_reg(_SP)
        for i in range(64):
            at = pc + 4 * i
            try:
                word = int.from_bytes(self.uc.mem_read(at, 4), "little")
            except _uc.UcError:
                break
            for kind, lo, size in _accesses(word, at, regs, sp):
                if kind == write and lo <= address < lo + max(size, 1):
                    return at
            if (word >> 26) & 0b111 == 0b101:  # branches, exceptions, system: block ends
                break
        return pc

    def _pending_clear(self) -> None:
        _backend_mod.take_pending()

    def _fault(self, cls: type[JitFault], reason: str, pc: int,
               address: int | None) -> JitFault:
        word: int | None
        try:
            word = int.from_bytes(self.uc.mem_read(pc, 4), "little")
        except _uc.UcError:
            word = None
        regs = {f"x{i}": self._read_reg(r) for i, r in enumerate(_X)}
        regs["sp"] = self._read_reg(_SP)
        regs["pc"] = pc
        return cls(reason, pc, address, word, _disassemble(word, pc), regs)


def _release(lib: LibC, maps: list[tuple[int, int]], uc: Any, wake: threading.Event) -> None:
    wake.set()
    # Unicorn only borrows these pages (mem_map_ptr): unmap them there first.
    # The Uc object closes its own handle when it is collected.
    for address, size in maps:
        with contextlib.suppress(_uc.UcError):
            uc.mem_unmap(address, size)
    for address, size in maps:
        lib.munmap(address, size)
    maps.clear()


def _free_slot(backend_ref: weakref.ref[EmulatorBackend], slot: int) -> None:
    backend = backend_ref()
    if backend is not None and not backend._closed:
        with backend._lock:
            backend._slots[slot] = None
            backend._free_slots.append(slot)


def _accesses(word: int, pc: int, regs: list[int], sp: int) -> list[tuple[bool, int, int]]:
    """The data accesses (is-write, address, size) one instruction at ``pc`` makes with
    these registers, found by running it alone in a scratch Unicorn (see
    :meth:`EmulatorBackend._locate_data_fault`)."""
    uc = _uc.Uc(_uc.UC_ARCH_ARM64, _uc.UC_MODE_ARM)
    # every instruction the machine has
    _uc_ctl(uc._uch, _uc.UC_CTL_IO_WRITE, _uc.UC_CTL_CPU_MODEL, ctypes.c_int(_A.UC_CPU_ARM64_MAX))
    page = pc & ~0xFFF
    uc.mem_map(page, 0x1000, _UC_R | _UC_X)
    uc.mem_write(pc, word.to_bytes(4, "little"))
    for r, v in zip(_X, regs, strict=True):
        uc.reg_write(r, v)
    uc.reg_write(_SP, sp)
    cpacr = uc.reg_read(_A.UC_ARM64_REG_CPACR_EL1)
    uc.reg_write(_A.UC_ARM64_REG_CPACR_EL1, cpacr | (3 << 20))
    seen: list[tuple[bool, int, int]] = []

    def on_access(u: Any, access: int, address: int, size: int, value: int,
                  user: Any) -> bool:
        seen.append((access == _uc.UC_MEM_WRITE_UNMAPPED, address, size))
        if len(seen) > 8:
            return False
        try:  # let the instruction go on to its next access
            u.mem_map(address & ~0xFFF, 0x1000, _UC_R | _UC_W)
        except _uc.UcError:
            return False
        return True

    uc.hook_add(_uc.UC_HOOK_MEM_READ_UNMAPPED | _uc.UC_HOOK_MEM_WRITE_UNMAPPED, on_access)
    with contextlib.suppress(_uc.UcError):
        uc.emu_start(pc, pc + 4, count=1)
    return seen


_cs: Any = None


def _disassemble(word: int | None, pc: int) -> str | None:
    """capstone's rendering of one instruction word, or None without capstone."""
    global _cs
    if word is None:
        return None
    if _cs is None:
        try:
            import capstone
        except ImportError:
            _cs = False
            return None
        arch = getattr(capstone, "CS_ARCH_ARM64", None)
        if arch is None:
            arch = capstone.CS_ARCH_AARCH64
        _cs = capstone.Cs(arch, capstone.CS_MODE_ARM)
    if _cs is False:
        return None
    for insn in _cs.disasm(word.to_bytes(4, "little"), pc):
        return f"{insn.mnemonic} {insn.op_str}".strip()
    return "<undefined>"


# -- generated call functions -----------------------------------------------------------


_COMPILED: dict[str, Any] = {}


def _struct_putter(t: CType, piece: _Piece, slots: list[int]) -> Callable[[Any, int], None]:
    """Store one structure argument: into its registers' cells, its stack slot,
    or as a copy above the arguments whose address goes in a register/slot."""
    size, chunk = piece.size, piece.chunk
    memmove, addressof = ctypes.memmove, ctypes.addressof

    def put(value: Any, sp: int) -> None:
        if type(value) is not t:
            raise TypeError(f"expected a {t.__name__} instance, got {type(value).__name__}")
        src = addressof(value)
        if piece.indirect:
            dst = sp + piece.copy_off
            memmove(dst, src, size)
            where = slots[0] if slots else sp + (piece.stack or 0)
            _U64.from_address(where).value = dst
        elif slots:
            for j, slot in enumerate(slots):
                _U64.from_address(slot).value = 0
                memmove(slot, src + j * chunk, min(chunk, size - j * chunk))
        else:
            memmove(sp + (piece.stack or 0), src, size)

    return put


def _struct_getter(be: EmulatorBackend, restype: CType, piece: _Piece) -> Callable[[int], Any]:
    """Read a structure result from x0/x1, d0-d3/s0-s3, or the memory x8 pointed to."""
    size, chunk = piece.size, piece.chunk
    out = _U64()
    outp, outa = ctypes.byref(out), ctypes.addressof(out)
    rr, h = _uclib.uc_reg_read, be._handle

    def get(sp: int) -> Any:
        res = restype()
        dst = ctypes.addressof(res)
        if piece.indirect:
            ctypes.memmove(dst, sp + piece.copy_off, size)
        else:
            for j, reg in enumerate(piece.regs):
                rr(h, reg, outp)
                ctypes.memmove(dst + j * chunk, outa, min(chunk, size - j * chunk))
        return res

    return get


def _make_caller(be: EmulatorBackend, address: int, restype: CType,
                 argtypes: tuple[CType, ...]) -> Callable[..., Any]:
    """Build the specialized Python function that calls ``address`` in the emulator."""
    plan = _Plan(argtypes, restype, structs=True)
    nregs = sum(r is not None for r in plan.regs) + sum(
        (1 if p.indirect else len(p.regs)) for p in plan.pieces if p is not None and p.regs)
    if plan.result is not None and plan.result.indirect:
        nregs += 1  # x8: where the callee writes a big result
    # Batched register write: argument registers, x30 (shared cell), sp.
    ids = (ctypes.c_int * (nregs + 2))()
    vals = (_U64 * (nregs + 1))()
    ptrs = (_VOIDP * (nregs + 2))()
    ns: dict[str, Any] = {
        "lock": be._lock, "st": be._state, "h": be._handle, "SENT": be._sentinel,
        "wb": _uclib.uc_reg_write_batch, "es": _uclib.uc_emu_start,
        "rr": _uclib.uc_reg_read, "ids": ids, "ptrs": ptrs, "vals": vals,
        "pending": _backend_mod._pending, "raise_pending": _backend_mod.raise_pending,
        "headroom": _backend_mod.check_headroom,
        "after": be._after_stop, "end_call": be._end_call, "nested": be._nested,
        "grow_tlb": be._grow_tlb,
        "aerr": _argument_error,
        "pv": _pointer_value, "cells": be._cells, "I64": ctypes.c_int64, "U64": _U64,
        "F32": ctypes.c_float, "F64": ctypes.c_double, "ADDR": address,
    }
    names = [f"a{i}" for i in range(len(argtypes))]
    body: list[str] = []
    k = 0
    base = ctypes.addressof(vals)
    for i, (t, kind, reg, off) in enumerate(zip(argtypes, plan.kinds, plan.regs, plan.stack,
                                                strict=True)):
        a = names[i]
        ns[f"T{i}"] = t
        piece = plan.pieces[i]
        if piece is not None:
            nslots = (1 if piece.indirect else len(piece.regs)) if piece.regs else 0
            slots = [base + 8 * (k + j) for j in range(nslots)]
            for j in range(nslots):
                ids[k] = piece.regs[j]
                ptrs[k] = base + 8 * k
                k += 1
            ns[f"put{i}"] = _struct_putter(t, piece, slots)
            stmt = f"put{i}({a}, sp)"
        elif reg is not None:
            ids[k] = reg
            ptrs[k] = base + 8 * k
            slot = base + 8 * k
            k += 1
            if kind == _DOUBLE:
                ns[f"v{i}"] = ctypes.c_double.from_address(slot)
                stmt = f"v{i}.value = {a}"
            elif kind == _FLOAT:
                ns[f"v{i}"] = ctypes.c_float.from_address(slot)
                stmt = f"v{i}.value = {a}"
            elif kind == _SIGNED:
                ns[f"v{i}"] = t.from_address(slot)
                ns[f"q{i}"] = ctypes.c_int64.from_address(slot)
                stmt = f"v{i}.value = {a}; q{i}.value = v{i}.value"
            elif kind == _UNSIGNED:
                ns[f"v{i}"] = t.from_address(slot)
                stmt = f"v{i}.value = {a}"
            else:
                ns[f"v{i}"] = _U64.from_address(slot)
                stmt = f"v{i}.value = {a} if {a}.__class__ is int else pv({a}, T{i})"
        else:
            # Stack slot at sp + off, written straight into host memory.
            if kind == _DOUBLE:
                stmt = f"F64.from_address(sp + {off}).value = {a}"
            elif kind == _FLOAT:
                stmt = f"U64.from_address(sp + {off}).value = 0; " \
                       f"F32.from_address(sp + {off}).value = {a}"
            elif kind == _SIGNED:
                stmt = f"I64.from_address(sp + {off}).value = T{i}({a}).value"
            elif kind == _UNSIGNED:
                stmt = f"U64.from_address(sp + {off}).value = 0; " \
                       f"T{i}.from_address(sp + {off}).value = {a}"
            else:
                stmt = f"U64.from_address(sp + {off}).value = pv({a}, T{i})"
        body.append(f"        try:\n            {stmt}\n"
                    f"        except (TypeError, ValueError, OverflowError) as exc:\n"
                    f"            raise aerr({i}, exc) from None")
    res_piece = plan.result
    if res_piece is not None and res_piece.indirect:
        ids[k] = _X[8]
        ptrs[k] = base + 8 * k
        body.append(f"        vals[{k}] = sp + {res_piece.copy_off}")
        k += 1
    ids[k] = _LR
    ptrs[k] = be._cell_lr
    ids[k + 1] = _SP
    if plan.stack_area:
        ptrs[k + 1] = base + 8 * k  # vals[k]: this call's own SP, below the arguments
        sp_setup = f"        sp = vals[{k}] = cells[1] - {plan.stack_area}\n"
    else:
        ptrs[k + 1] = be._cell_sp
        sp_setup = "        sp = 0\n"
    n = k + 2

    # Result: read x0 or d0 into a 64-bit cell and view it as the restype.
    out = _U64()
    ns["out"] = out
    if restype is None:
        read = ""
        result = "None"
    elif res_piece is not None:
        ns["getres"] = _struct_getter(be, restype, res_piece)
        read = ""
        result = "getres(sp)"
    else:
        kind = _classify(restype)
        rid = _D[0] if kind in (_FLOAT, _DOUBLE) else _X[0]
        ns["outp"] = ctypes.byref(out)
        read = f"        rr(h, {rid}, outp)\n"
        if kind == _POINTER and not hasattr(restype, "value"):
            ns["R"] = restype
            result = "R.from_buffer_copy(out)"
        else:
            ns["ov"] = (restype if kind not in (_FLOAT, _DOUBLE) else
                        ctypes.c_float if kind == _FLOAT else ctypes.c_double).from_buffer(out)
            result = "ov.value"

    params = ", ".join(names)
    body_src = (
        sp_setup + "\n".join(body) + "\n"
        f"        wb(h, ids, ptrs, {n})\n"
        "        st.epoch += 1\n"
        "        try:\n"
        "            err = es(h, ADDR, SENT, 0, st.count)\n"
        "            while err or st.stop or st.count:\n"
        "                if not after(err):\n"
        "                    break\n"
        f"                rr(h, {_PC}, pcp)\n"
        "                err = es(h, pcv.value, SENT, 0, st.count)\n"
        "        finally:\n"
        "            st.epoch += 1\n"
        "            if st.lazy:\n"
        "                end_call()\n"
        + read +
        "        if pending:\n"
        "            raise_pending()\n"
        f"        return {result}\n"
    )
    src = (
        f"def call({params}):\n"
        "    headroom()\n"
        "    lock.acquire()\n"
        "    try:\n"
        "        if st.depth:\n"
        f"            return nested(lambda: body({params}))\n"
        "        if st.tlb:\n"
        "            grow_tlb()\n"
        + body_src +
        "    finally:\n"
        "        lock.release()\n"
        f"def body({params}):\n"
        "    if True:\n"
        + body_src
    )
    pcv = _U64()
    ns["pcv"] = pcv
    ns["pcp"] = ctypes.byref(pcv)
    compiled = _COMPILED.get(src)
    if compiled is None:
        # The source depends on the signature only (the address is in ``ns``):
        # compile once per signature, not per install (compile costs ~5 ms).
        compiled = compile(src, f"<a64jit emulator call {len(_COMPILED)}>", "exec")
        if len(_COMPILED) < 4096:
            _COMPILED[src] = compiled
    exec(compiled, ns)
    fn: Callable[..., Any] = ns["call"]
    fn.__qualname__ = f"CodePtr at {address:#x}"  # (named in argument-count errors)
    fn._keep = (ids, vals, ptrs, out, pcv)  # type: ignore[attr-defined]
    return fn


def _make_dispatcher(be: EmulatorBackend, fn: Callable[..., Any], restype: CType,
                     argtypes: tuple[CType, ...]) -> Callable[[Any], None]:
    """The trap-hook handler of one host function: AAPCS64 args in, result out."""
    plan = _Plan(argtypes)
    regs = [r for r in plan.regs if r is not None]
    n = len(regs) + 2
    ids = (ctypes.c_int * n)(*regs, _LR, _SP)
    vals = (_U64 * n)()
    base = ctypes.addressof(vals)
    ptrs = (_VOIDP * n)(*[base + 8 * i for i in range(n)])
    lr_addr = base + 8 * (n - 2)
    getters: list[Callable[[int], Any]] = []
    k = 0
    for t, kind, reg, off in zip(argtypes, plan.kinds, plan.regs, plan.stack, strict=True):
        if reg is not None:
            slot = base + 8 * k
            k += 1
        else:
            slot = -1
        getters.append(_arg_getter(t, kind, slot, off))
    simple = all(getattr(g, "simple", False) for g in getters)
    views = [getattr(g, "view", None) for g in getters]

    res = _U64()
    res_addr = ctypes.addressof(res)
    if restype is None:
        put: Callable[[Any], None] | None = None
        rid = 0
    else:
        kind = _classify(restype)
        rid = _D[0] if kind in (_FLOAT, _DOUBLE) else _X[0]
        rview: Any = (ctypes.c_double if kind == _DOUBLE else ctypes.c_float if kind == _FLOAT
                      else _U64 if kind == _POINTER else restype).from_buffer(res)

        def put(value: Any) -> None:
            res.value = 0
            rview.value = pv(value, restype) if kind == _POINTER else value

        pv = _pointer_value
    zero = _backend_mod.zero_value(restype)
    check = _backend_mod.result_checker(fn, restype)
    rb, wr = _uclib.uc_reg_read_batch, _uclib.uc_reg_write
    st = be._state
    cells = be._cells
    grow = be._grow_tlb_nested

    def dispatch(handle: Any) -> None:
        rb(handle, ids, ptrs, n)
        lr = vals[n - 2]  # the buffer is shared: a nested call of this function rewrites it
        st.depth += 1
        try:
            if simple:
                args = [v.value for v in views]  # type: ignore[union-attr]
            else:
                sp = vals[n - 1]
                args = [g(sp) for g in getters]
            result = fn(*args)
            if check is not None:
                check(result)  # as ctypes would convert it natively
            if put is not None:
                try:
                    put(result)
                except Exception as exc:
                    raise TypeError(f"host function {fn!r} returned {result!r}, not "
                                    f"convertible to {restype.__name__}: {exc}") from exc
        except Exception as exc:  # never unwind into the emulator: re-raised by the caller
            record_pending(exc)
            if put is not None:
                put(zero)
        except BaseException as exc:  # Ctrl-C, exit: the generated code does not go on
            _callback_failed(exc, st, handle)
            if put is not None:
                put(zero)
        finally:
            if st.tlb and not st.stop:  # a map in the host function: see _TLB_ENTRIES
                grow()
            st.depth -= 1
            # Time spent in Python is not the generated code's: restart the
            # watchdog's clock (keeps the epoch odd, i.e. "running").
            if st.epoch & 1:
                st.epoch += 2
        if put is not None:
            wr(handle, rid, res_addr)
        # A single write of PC (not a batch) so Unicorn leaves the trap block.
        vals[n - 2] = lr
        wr(handle, _PC, lr_addr)

    del cells
    return dispatch


def _arg_getter(t: CType, kind: str, slot: int, off: int | None) -> Callable[[int], Any]:
    """How a host function receives one argument: from a register slot or the stack."""
    if slot >= 0:
        if kind == _DOUBLE:
            view: Any = ctypes.c_double.from_address(slot)
        elif kind == _FLOAT:
            view = ctypes.c_float.from_address(slot)
        elif kind != _POINTER or t in (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_wchar_p):
            view = t.from_address(slot)
        else:
            def from_reg(sp: int, slot: int = slot) -> Any:
                return t.from_buffer_copy(_U64.from_address(slot))
            return from_reg

        def from_view(sp: int) -> Any:
            return view.value

        from_view.simple = True  # type: ignore[attr-defined]
        from_view.view = view  # type: ignore[attr-defined]
        return from_view
    assert off is not None
    if kind == _DOUBLE:
        def from_stack(sp: int) -> Any:
            return ctypes.c_double.from_address(sp + off).value
    elif kind == _FLOAT:
        def from_stack(sp: int) -> Any:
            return ctypes.c_float.from_address(sp + off).value
    elif kind == _POINTER and not hasattr(t, "value"):
        def from_stack(sp: int) -> Any:
            return t.from_buffer_copy(_U64.from_address(sp + off))
    else:
        def from_stack(sp: int) -> Any:
            return t.from_address(sp + off).value
    return from_stack
