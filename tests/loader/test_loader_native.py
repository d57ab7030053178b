"""Natively (run by scripts/native-test.sh): the loader's pages have the permissions
/proc/self/maps should show: code r-x, writable data rw-, read-only data r--."""

from __future__ import annotations

import ctypes

import pytest

from a64jit.loader import load
from a64jit.runtime.select import host_is_aarch64

pytestmark = pytest.mark.skipif(not host_is_aarch64(), reason="native AArch64 only")

UNIT = """
    .text
get:                            // konst + var
    adrp    x1, konst
    ldr     x0, [x1, :lo12:konst]
    adrp    x2, var
    ldr     x2, [x2, :lo12:var]
    add     x0, x0, x2
    ret
    .section .rodata.cst8,"aM",@progbits,8
    .p2align 3
konst:
    .quad   1000
    .data
    .p2align 3
var:
    .quad   234
"""


def perms_at(address: int) -> str:
    with open("/proc/self/maps") as f:
        for line in f:
            span, perms = line.split()[:2]
            lo, hi = (int(x, 16) for x in span.split("-"))
            if lo <= address < hi:
                return perms[:3]
    raise AssertionError(f"{address:#x} is not mapped")


def test_code_rx_data_rw_rodata_r() -> None:
    with load(UNIT, backend="native") as unit:
        assert unit.function("get", ctypes.c_int64)() == 1234
        assert perms_at(unit.address("get")) == "r-x"
        assert perms_at(unit.address("var")) == "rw-"
        assert perms_at(unit.address("konst")) == "r--"
