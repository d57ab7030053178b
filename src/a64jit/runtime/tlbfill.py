"""The emulator backend's TLB fill hook, as host machine code (no Unicorn import here,
so the native suite can run the AArch64 version: tests/runtime/test_tlbfill.py).

Unicorn 2.1.2 and later keep stores on their fast path only for pages whose TLB entry
is not executable (see ``_TLB_VIRTUAL`` in :mod:`a64jit.runtime.emulator`), so the
backend fills Unicorn's TLB itself (``UC_TLB_VIRTUAL``) with this hook, unicorn.h's
``uc_cb_tlbevent_t``::

    bool fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type, uc_tlb_entry *result,
              void *user_data)
    {
        result->paddr = vaddr;                      /* identity mapping */
        result->perms = type == UC_MEM_FETCH ? 7 : 3;   /* RWX : RW */
        return true;
    }

Unicorn calls it on every TLB miss. It is not a Python callback: a ctypes callback can
run a signal handler on entry, and when that raises (Ctrl-C) ctypes returns an
undefined value without filling the entry, so Unicorn would map the page to whatever the
entry held (seen: address 0). Encodings from llvm-mc 14 (``-triple=x86_64
-x86-asm-syntax=intel``, ``-triple=aarch64``), for hosts with the SysV x86-64 or the
AAPCS64 C calling convention; ``UC_MEM_FETCH`` comes from the caller (the bindings).
"""

from __future__ import annotations

import os

__all__ = ["fill_code"]

#: x86-64, SysV: rdi uc, rsi vaddr, edx type, rcx result, r8 user_data.
_X86_64 = (
    b"\x48\x89\x31",               # mov qword ptr [rcx], rsi
    b"\xb8\x03\x00\x00\x00",       # mov eax, 3              (RW)
    b"\x41\xb8\x07\x00\x00\x00",   # mov r8d, 7              (RWX)
    b"\x83\xfa",                   # cmp edx, UC_MEM_FETCH   (imm8 follows)
    b"\x41\x0f\x44\xc0",           # cmove eax, r8d
    b"\x89\x41\x08",               # mov dword ptr [rcx + 8], eax
    b"\xb8\x01\x00\x00\x00",       # mov eax, 1
    b"\xc3")                       # ret
#: AArch64, AAPCS64: x0 uc, x1 vaddr, w2 type, x3 result, x4 user_data.
_AARCH64 = (
    0xF9000061,  # str x1, [x3]
    0x52800068,  # mov w8, #3                 (RW)
    0x528000E9,  # mov w9, #7                 (RWX)
    0x7100005F,  # cmp w2, #UC_MEM_FETCH      (imm12 at bit 10)
    0x1A880128,  # csel w8, w9, w8, eq
    0xB9000868,  # str w8, [x3, #8]
    0x52800020,  # mov w0, #1
    0xD65F03C0)  # ret


def fill_code(machine: str, fetch: int) -> bytes | None:
    """The fill hook for a host CPU (``platform.machine()``) given the bindings'
    ``UC_MEM_FETCH``, or None for a CPU or OS without one."""
    if not 0 <= fetch < 128:
        raise ValueError(f"fill_code: UC_MEM_FETCH must fit a signed byte, got {fetch}")
    if os.name != "posix":
        return None
    if machine in ("x86_64", "AMD64"):
        parts = list(_X86_64)
        parts[3] += bytes([fetch])
        return b"".join(parts)
    if machine in ("aarch64", "arm64"):
        words = list(_AARCH64)
        words[3] |= fetch << 10
        return b"".join(w.to_bytes(4, "little") for w in words)
    return None
