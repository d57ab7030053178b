"""Instruction-cache maintenance for freshly written AArch64 code.

AArch64 does not keep the instruction cache coherent with data writes. After
writing code the writer must, over the written range (Arm ARM B2.4.4, "Concurrent
modification and execution of instructions"; the sequence Linux uses in
``caches_clean_inval_pou``):

1. ``DC CVAU`` each data-cache line: push the new bytes to the point of
   unification, where instruction fetches can see them;
2. ``DSB ISH``: wait until those cleans complete (inner shareable domain);
3. ``IC IVAU`` each instruction-cache line: drop stale instructions;
4. ``DSB ISH``: wait for the invalidations;
5. ``ISB``: discard instructions this core already fetched.

``CTR_EL0.IDC`` (bit 28) says step 1 is unnecessary (the D-side is coherent to
PoU), but the DSB is still needed to order the stores; ``CTR_EL0.DIC`` (bit 29)
says step 3 (and its DSB) is unnecessary, but the ISB still is. Line sizes come
from ``CTR_EL0.DminLine`` (bits 19:16) and ``IminLine`` (bits 3:0), log2 of the
line size in 4-byte words.

Why our own routine rather than libgcc's ``__clear_cache``: the routine reads
``CTR_EL0`` on *every* call. On big.LITTLE systems cores can report different
line sizes and a thread may migrate between cores; a value cached once (as
older libgcc versions do) can be too large for the current core and skip
lines. Reading it each time, and Linux's own CTR_EL0 trap that reports the
system-wide safe minimum when cores differ, keeps every line covered. EL0 may
execute ``MRS CTR_EL0``, ``DC CVAU`` and ``IC IVAU`` on Linux (SCTLR_EL1.UCT and
UCI are set by the kernel).

The routine itself is code, so it needs its own coherence once: it lives in a
dedicated, never-rewritten page. Linux/arm64 cleans and invalidates a user page
the first time it is mapped executable (``__sync_icache_dcache`` when
``set_pte_at`` installs an executable PTE for a page not yet marked
PG_dcache_clean), which is exactly what happens when that fresh page is
mprotect-ed to R-X after the routine is written into it.

The pure functions below describe what the routine does for a given CTR_EL0
value and range; the unit tests check them on any host.
"""

from __future__ import annotations

from typing import NamedTuple

CTR_IDC = 1 << 28
CTR_DIC = 1 << 29

# void flush(uintptr_t start /* x0 */, uintptr_t end /* x1, exclusive, > start */)
# Every word was checked with `llvm-mc -triple=aarch64 -show-encoding`; the
# test vector list is tests/runtime/test_cache_unit.py.
FLUSH_ROUTINE: tuple[tuple[int, str], ...] = (
    (0xD53B0022, "mrs x2, ctr_el0"),
    (0x37E00142, "tbnz w2, #28, #40"),      # IDC: skip the D-cache clean
    (0xD3504C43, "ubfx x3, x2, #16, #4"),   # DminLine
    (0xD2800084, "mov x4, #4"),
    (0x9AC32084, "lsl x4, x4, x3"),         # D-line size in bytes
    (0xD1000485, "sub x5, x4, #1"),
    (0x8A250005, "bic x5, x0, x5"),         # first line
    (0xD50B7B25, "dc cvau, x5"),
    (0x8B0400A5, "add x5, x5, x4"),
    (0xEB0100BF, "cmp x5, x1"),
    (0x54FFFFA3, "b.lo #-12"),
    (0xD5033B9F, "dsb ish"),
    (0x37E80162, "tbnz w2, #29, #44"),      # DIC: skip the I-cache invalidate
    (0x92400C43, "and x3, x2, #0xf"),       # IminLine
    (0xD2800084, "mov x4, #4"),
    (0x9AC32084, "lsl x4, x4, x3"),         # I-line size in bytes
    (0xD1000485, "sub x5, x4, #1"),
    (0x8A250005, "bic x5, x0, x5"),
    (0xD50B7525, "ic ivau, x5"),
    (0x8B0400A5, "add x5, x5, x4"),
    (0xEB0100BF, "cmp x5, x1"),
    (0x54FFFFA3, "b.lo #-12"),
    (0xD5033B9F, "dsb ish"),
    (0xD5033FDF, "isb"),
    (0xD65F03C0, "ret"),
)


def flush_routine_code() -> bytes:
    """Machine code of the flush routine (little-endian words)."""
    return b"".join(word.to_bytes(4, "little") for word, _ in FLUSH_ROUTINE)


def line_sizes(ctr: int) -> tuple[int, int]:
    """(data line bytes, instruction line bytes) from a CTR_EL0 value."""
    dminline = (ctr >> 16) & 0xF
    iminline = ctr & 0xF
    return 4 << dminline, 4 << iminline


def line_addresses(start: int, end: int, line: int) -> range:
    """Addresses of the ``line``-byte cache lines covering ``[start, end)``."""
    if end <= start:
        return range(0)
    first = start & ~(line - 1)
    return range(first, end, line)


class FlushPlan(NamedTuple):
    """What the flush routine does for one CTR_EL0 value and range (a NamedTuple, not a
    dataclass: dataclasses imports inspect, ~0.1 s of a start natively under qemu)."""

    dc_cvau: range
    ic_ivau: range
    steps: tuple[str, ...]


def flush_plan(ctr: int, start: int, size: int) -> FlushPlan:
    """Model of the flush routine (and the order of its barriers).

    ``size == 0`` plans nothing: the Python wrapper does not call the routine.
    """
    if size <= 0:
        return FlushPlan(range(0), range(0), ())
    end = start + size
    dline, iline = line_sizes(ctr)
    steps: list[str] = []
    dc = range(0) if ctr & CTR_IDC else line_addresses(start, end, dline)
    if dc:
        steps.append("dc cvau")
    steps.append("dsb ish")
    ic = range(0) if ctr & CTR_DIC else line_addresses(start, end, iline)
    if ic:
        steps += ["ic ivau", "dsb ish"]
    steps.append("isb")
    return FlushPlan(dc, ic, tuple(steps))
