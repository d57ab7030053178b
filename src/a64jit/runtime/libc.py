"""ctypes bindings for the few libc calls the native runtime needs.

Every failing call raises ``OSError`` whose message names the operation and
its arguments, with ``errno`` set (``ctypes.get_errno`` after a call made
through ``CDLL(None, use_errno=True)``, so errno is captured right after the
call, before the interpreter can clobber it).

:class:`LibC` is an object (not module functions) so tests can substitute a
fake one that records calls or injects failures.
"""

from __future__ import annotations

import ctypes
import errno
import mmap
import os
import sys
from typing import Any

PROT_NONE = 0
PROT_READ = 1
PROT_WRITE = 2
PROT_EXEC = 4
MAP_SHARED = 0x01
MAP_PRIVATE = 0x02
MAP_ANONYMOUS: int = getattr(mmap, "MAP_ANONYMOUS", 0x1000 if sys.platform == "darwin" else 0x20)
#: macOS: allocate memory usable with pthread_jit_write_protect_np.
MAP_JIT = 0x800
#: Linux >= 4.17: map at the address given or fail with EEXIST (older kernels ignore
#: it: the address is then a hint, which the caller checks).
MAP_FIXED_NOREPLACE = 0x100000
MFD_CLOEXEC = 0x0001
#: Linux >= 6.3 with vm.memfd_noexec: ask for an executable memfd explicitly.
MFD_EXEC = 0x0010
#: memfd_create syscall numbers, for a libc too old to wrap it.
_SYS_MEMFD_CREATE = {"aarch64": 279, "x86_64": 319}

_MAP_FAILED = ctypes.c_void_p(-1).value


def prot_name(prot: int) -> str:
    """``"r-x"``-style rendering of a PROT_* mask (for messages)."""
    return "".join(c if prot & bit else "-" for c, bit in
                   (("r", PROT_READ), ("w", PROT_WRITE), ("x", PROT_EXEC)))


def os_error(operation: str) -> OSError:
    """OSError for the errno the last ctypes call left, naming ``operation``."""
    err = ctypes.get_errno()
    return OSError(err, f"{operation} failed: {os.strerror(err)}")


class LibC:
    """The libc functions used by the native backend, typed and error-checked."""

    def __init__(self, lib: Any = None) -> None:
        self.lib: Any = ctypes.CDLL(None, use_errno=True) if lib is None else lib
        lib = self.lib
        # c_void_p results: the default c_int would truncate 64-bit addresses.
        lib.mmap.restype = ctypes.c_void_p
        lib.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                             ctypes.c_int, ctypes.c_long]
        lib.mprotect.restype = ctypes.c_int
        lib.mprotect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        lib.munmap.restype = ctypes.c_int
        lib.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        lib.ftruncate.restype = ctypes.c_int
        lib.ftruncate.argtypes = [ctypes.c_int, ctypes.c_long]
        self._memfd: Any = getattr(lib, "memfd_create", None)
        if self._memfd is not None:
            self._memfd.restype = ctypes.c_int
            self._memfd.argtypes = [ctypes.c_char_p, ctypes.c_uint]
        self._syscall: Any = getattr(lib, "syscall", None)

    @property
    def page_size(self) -> int:
        """The OS page size."""
        return mmap.PAGESIZE

    def mmap(self, address: int | None, length: int, prot: int, flags: int,
             fd: int = -1, offset: int = 0) -> int:
        """Map memory; return its address."""
        ctypes.set_errno(0)
        result = self.lib.mmap(address, length, prot, flags, fd, offset)
        if result is None or result == _MAP_FAILED:
            raise os_error(f"mmap(length={length}, prot={prot_name(prot)}, flags={flags:#x}, "
                           f"fd={fd})")
        address_out: int = result
        return address_out

    def mprotect(self, address: int, length: int, prot: int) -> None:
        """Change protection of whole pages."""
        if self.lib.mprotect(address, length, prot) != 0:
            raise os_error(f"mprotect({address:#x}, {length}, {prot_name(prot)})")

    def munmap(self, address: int, length: int) -> None:
        """Unmap pages."""
        if self.lib.munmap(address, length) != 0:
            raise os_error(f"munmap({address:#x}, {length})")

    def memfd_create(self, name: bytes, flags: int) -> int:
        """Create an anonymous memory file; return its descriptor."""
        if self._memfd is not None:
            fd = int(self._memfd(name, flags))
        elif self._syscall is not None and os.uname().machine in _SYS_MEMFD_CREATE:
            fd = int(self._syscall(ctypes.c_long(_SYS_MEMFD_CREATE[os.uname().machine]),
                                   ctypes.c_char_p(name), ctypes.c_uint(flags)))
        else:
            ctypes.set_errno(errno.ENOSYS)
            fd = -1
        if fd < 0:
            raise os_error(f"memfd_create({name!r}, flags={flags:#x})")
        return fd

    def ftruncate(self, fd: int, length: int) -> None:
        """Set a file's length."""
        if self.lib.ftruncate(fd, length) != 0:
            raise os_error(f"ftruncate({fd}, {length})")

    def close(self, fd: int) -> None:
        """Close a file descriptor."""
        os.close(fd)

    def pwrite(self, fd: int, data: bytes, offset: int) -> None:
        """Write all of ``data`` at ``offset`` of the file ``fd``."""
        view = memoryview(data)
        while view:
            done = os.pwrite(fd, view, offset)  # (EINTR is retried by Python)
            if done <= 0:
                raise OSError(errno.EIO, f"pwrite({fd}, {len(view)} bytes, {offset}) "
                              f"wrote {done}")
            view = view[done:]
            offset += done


_default: LibC | None = None


def libc() -> LibC:
    """The process-wide LibC instance."""
    global _default
    if _default is None:
        _default = LibC()
    return _default
