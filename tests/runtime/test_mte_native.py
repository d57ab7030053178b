"""MTE register instructions on the native backend (qemu's "max" CPU has FEAT_MTE; Unicorn
does not). The process has no tagged memory (no PROT_MTE, tag checks off), so as the Arm
ARM specifies, addg/subg/irg produce tag 0 while subp/gmi/cmpp work on the tag bits."""

from __future__ import annotations

import ctypes

import pytest

from a64jit import Assembler, JitBuffer
from a64jit.operands import HI, x0, x1

U64 = ctypes.c_uint64
HWCAP2_MTE = 1 << 18
AT_HWCAP2 = 26


def _has_mte() -> bool:
    libc = ctypes.CDLL(None)
    libc.getauxval.restype = ctypes.c_ulong
    libc.getauxval.argtypes = [ctypes.c_ulong]
    return bool(libc.getauxval(AT_HWCAP2) & HWCAP2_MTE)


def test_mte_register_forms(native: str) -> None:
    if not _has_mte():
        pytest.skip("this CPU has no FEAT_MTE (HWCAP2_MTE)")
    p, q = (5 << 56) | 0x1000, (7 << 56) | 0x10
    cases: list[tuple[str, tuple[object, ...], int]] = [
        ("subp", (x0, x0, x1), 0x1000 - 0x10),  # tags ignored
        ("gmi", (x0, x0, x1), q | 1 << 5),  # mask | 1 << tag(x0)
        ("addg", (x0, x0, 1008, 3), 0x1000 + 1008),
        ("subg", (x0, x0, 16, 15), 0x1000 - 16),
        ("irg", (x0, x0, x1), 0x1000),
    ]
    for name, operands, want in cases:
        a = Assembler()
        getattr(a, name)(*operands)
        a.ret()
        with JitBuffer() as buf:
            f = buf.install(a, restype=U64, argtypes=[U64, U64])
            assert f(p, q) == want
    a = Assembler()
    a.cmpp(x0, x1)  # compares the 56-bit addresses: x0 > x1
    a.cset(x0, HI)
    a.ret()
    with JitBuffer() as buf:
        f = buf.install(a, restype=U64, argtypes=[U64, U64])
        assert (f(p, q), f(q, p), f(p, 0x1000)) == (1, 0, 0)
