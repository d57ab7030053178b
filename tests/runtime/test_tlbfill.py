"""The emulator's TLB fill hook in AArch64 machine code (a64jit.runtime.tlbfill), run
as the C function Unicorn calls on an AArch64 host: natively in the native suite
(scripts/native-test.sh), in the emulator elsewhere. Its words are also what a64jit
assembles from the listing."""

from __future__ import annotations

import ctypes

import pytest

from a64jit import JitBuffer, assemble
from a64jit.runtime.tlbfill import fill_code

#: unicorn.h's uc_mem_type values (UC_MEM_READ = 16, ...); the hook compares with the
#: one it is given, so any value under 128 would do.
READ, WRITE, FETCH = 16, 17, 18


class Entry(ctypes.Structure):
    """unicorn.h's uc_tlb_entry."""

    _fields_ = (("paddr", ctypes.c_uint64), ("perms", ctypes.c_uint32))


def test_words_are_the_listing() -> None:
    for fetch in (FETCH, 0, 127):
        assert fill_code("aarch64", fetch) == assemble(f"""
            str x1, [x3]
            mov w8, #3
            mov w9, #7
            cmp w2, #{fetch}
            csel w8, w9, w8, eq
            str w8, [x3, #8]
            mov w0, #1
            ret""")
    x86 = fill_code("x86_64", FETCH)
    assert x86 is not None and x86[14:17] == bytes([0x83, 0xFA, FETCH]) and x86[-1] == 0xC3
    assert fill_code("riscv64", FETCH) is None
    with pytest.raises(ValueError, match="UC_MEM_FETCH must fit"):
        fill_code("aarch64", 128)


def test_aarch64_hook_fills(backend: str) -> None:
    code = fill_code("aarch64", FETCH)
    assert code is not None
    with JitBuffer() as buf:
        fill = buf.install(code, restype=ctypes.c_bool, argtypes=[
            ctypes.c_void_p, ctypes.c_uint64, ctypes.c_int, ctypes.POINTER(Entry),
            ctypes.c_void_p])
        for vaddr, access, perms in ((0x7F12_3456_7000, FETCH, 7),
                                     (0xFFFF_FFFF_FFFF_F000, READ, 3),
                                     (0x1000, WRITE, 3)):
            entry = Entry(0x5A5A_5A5A_5A5A_5A5A, 0xA5A5_A5A5)
            assert fill(None, vaddr, access, ctypes.pointer(entry), None) is True
            assert (entry.paddr, entry.perms) == (vaddr, perms)
