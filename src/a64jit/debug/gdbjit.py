"""GDB's JIT compilation interface: GDB names JIT frames and breaks on them.

GDB looks, in every loaded object, for a function ``__jit_debug_register_code``
(it sets a breakpoint there) and a ``__jit_debug_descriptor``::

    struct jit_code_entry { jit_code_entry *next, *prev; const char *symfile_addr;
                            uint64_t symfile_size; };
    struct jit_descriptor { uint32_t version;   /* 1 */
                            uint32_t action_flag;  /* 0 none, 1 register, 2 unregister */
                            jit_code_entry *relevant_entry, *first_entry; };

With no C toolchain at run time, :func:`a64jit.debug.elf.descriptor_library`
writes a 64 KiB-page-aligned shared object exporting the two symbols (the
function is one ``ret``; code R-X and data RW- on separate pages) into a
private temporary directory (or ``$A64JIT_GDB_DIR``), and it is ``dlopen``-ed
once per process. For each installed function an in-memory ELF object
(:func:`a64jit.debug.elf.jit_object`: symbol, DWARF line table when ``lines``
were given) is linked into the descriptor's list and announced by calling
``__jit_debug_register_code``; freeing the code unlinks and announces it
again. The ELF images are ordinary Python-owned data, never executable.

GDB must see the library to find the symbols: natively that is automatic; under
``qemu-aarch64 -g`` with a sysroot, add ``set solib-search-path <dir>``.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import platform
import shutil
import tempfile
import threading
from typing import Any

from .elf import DESCRIPTOR, EM_AARCH64, EM_X86_64, REGISTER_CODE, descriptor_library, jit_object
from .symbols import Symbol

JIT_NOACTION, JIT_REGISTER_FN, JIT_UNREGISTER_FN = 0, 1, 2

_MACHINES = {"aarch64": EM_AARCH64, "arm64": EM_AARCH64, "x86_64": EM_X86_64,
             "amd64": EM_X86_64}


class JitCodeEntry(ctypes.Structure):
    _fields_ = [("next", ctypes.c_void_p), ("prev", ctypes.c_void_p),
                ("symfile_addr", ctypes.c_void_p), ("symfile_size", ctypes.c_uint64)]


class JitDescriptor(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("action_flag", ctypes.c_uint32),
                ("relevant_entry", ctypes.c_void_p), ("first_entry", ctypes.c_void_p)]


class _Interface:
    """The loaded descriptor library (one per process)."""

    def __init__(self) -> None:
        machine = _MACHINES.get(platform.machine().lower())
        if machine is None:
            raise OSError(f"GDB JIT interface: no descriptor library for host "
                          f"{platform.machine()!r} (aarch64 and x86_64 are supported)")
        base = os.environ.get("A64JIT_GDB_DIR")
        if base:
            os.makedirs(base, exist_ok=True)
            self.directory = base
        else:
            self.directory = tempfile.mkdtemp(prefix="a64jit-gdbjit-")
            atexit.register(shutil.rmtree, self.directory, True)
        self.path = os.path.join(self.directory, "liba64jit-gdbjit.so")
        tmp = f"{self.path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            f.write(descriptor_library(machine))
        os.replace(tmp, self.path)  # atomic: another process may be loading it
        self.lib: Any = ctypes.CDLL(self.path)
        self.register: Any = getattr(self.lib, REGISTER_CODE)
        self.register.restype = None
        self.register.argtypes = []
        self.descriptor = JitDescriptor.in_dll(self.lib, DESCRIPTOR)
        if self.descriptor.version != 1:
            raise OSError(f"GDB JIT interface: {self.path} loaded with descriptor version "
                          f"{self.descriptor.version}, expected 1")
        self.lock = threading.Lock()


_interface: _Interface | None = None
_interface_lock = threading.Lock()


def interface() -> _Interface:
    """The process's descriptor library, loaded on first use."""
    global _interface
    with _interface_lock:
        if _interface is None:
            _interface = _Interface()
        return _interface


def registered_images() -> list[bytes]:
    """The ELF images currently in the descriptor's list, first to last (as GDB walks it)."""
    iface = interface()
    out = []
    with iface.lock:
        node = iface.descriptor.first_entry
        while node:
            entry = JitCodeEntry.from_address(node)
            out.append(ctypes.string_at(entry.symfile_addr, entry.symfile_size))
            node = entry.next
    return out


class GdbJit:
    """Registers an ELF image per installed function with GDB (see module doc)."""

    def __init__(self) -> None:
        self._iface = interface()
        # code address -> (entry, image buffer): both must stay alive while linked
        self._live: dict[int, tuple[JitCodeEntry, ctypes.Array[ctypes.c_char]]] = {}

    @property
    def library_path(self) -> str:
        return self._iface.path

    def add(self, symbol: Symbol) -> None:
        image = jit_object(symbol.name, symbol.address, symbol.size, lines=symbol.lines)
        buf = ctypes.create_string_buffer(image, len(image))
        entry = JitCodeEntry(None, None, ctypes.addressof(buf), len(image))
        desc = self._iface.descriptor
        with self._iface.lock:
            old = self._live.pop(symbol.address, None)
            if old is not None:
                self._unlink(old[0])
            first = desc.first_entry
            entry.next = first
            if first:
                JitCodeEntry.from_address(first).prev = ctypes.addressof(entry)
            desc.first_entry = ctypes.addressof(entry)
            self._live[symbol.address] = (entry, buf)
            desc.relevant_entry = ctypes.addressof(entry)
            desc.action_flag = JIT_REGISTER_FN
            self._iface.register()  # GDB's breakpoint: it reads the new image now

    def remove(self, symbol: Symbol) -> None:
        with self._iface.lock:
            old = self._live.pop(symbol.address, None)
            if old is not None:
                self._unlink(old[0])

    def _unlink(self, entry: JitCodeEntry) -> None:
        # Caller holds the lock.
        desc = self._iface.descriptor
        here = ctypes.addressof(entry)
        if entry.prev:
            JitCodeEntry.from_address(entry.prev).next = entry.next
        else:
            desc.first_entry = entry.next
        if entry.next:
            JitCodeEntry.from_address(entry.next).prev = entry.prev
        desc.relevant_entry = here
        desc.action_flag = JIT_UNREGISTER_FN
        self._iface.register()
        entry.next = entry.prev = None

    def close(self) -> None:
        """Unregister every image this instance registered."""
        with self._iface.lock:
            while self._live:
                _, (entry, _buf) = self._live.popitem()
                self._unlink(entry)
