"""The a64js collector as generated code: the same Cheney copy as ``Heap.collect`` in
Python, emitted with a64jit and run natively (or in the emulator), for short pauses.

``uint64 gc_copy(ctx, roots, nroots, to_base)`` copies every cell reachable from

1. the context block's root words (``Ctx.ROOTS``),
2. ``nroots`` value words at ``roots`` (the heap puts the shape prototypes, the handles and
   its scratch roots there, in that order, and reads them back afterwards),
3. the frames on the word stack (the fp chain from ``Ctx.FP``),

from the current semispace (``Ctx.SPACE_BASE`` .. ``Ctx.HEAP_LIMIT``) to ``to_base``, then
scans the copies; it returns the new ``heap_top`` (0 if it met a cell whose shape is not a
heap kind: a corrupt heap). The roots are visited, and each cell's fields scanned, in the
same order as the Python collector, so both produce the same bytes (the tests compare).
The caller flips the spaces (``Heap.collect`` does).
"""

from __future__ import annotations

from a64jit import (
    Frame,
    GPRegister,
    Label,
    MacroAssembler,
    lsl,
    mem,
    post,
    x0,
    x1,
    x2,
    x3,
    x4,
    x5,
    x6,
    x7,
    x8,
    x9,
    x10,
    x11,
    x12,
    x13,
    x14,
    x19,
    x20,
    x21,
    x30,
)

from .heap import (
    ARRAY_ELEMENTS,
    ARRAY_PROPS,
    ARRAY_SIZE,
    KIND_ARRAY,
    KIND_CLOSURE,
    KIND_CONTEXT,
    KIND_OBJECT,
    KIND_STRING,
    KIND_VECTOR,
    Ctx,
    ShapeCell,
)
from .words import ADDR_MASK, REF_BASE, TAG_REF

# Registers (x16/x17 stay free for the MacroAssembler's scratch use).
CTX, ROOTS, NROOTS, RAW = x0, x1, x2, x3   # RAW: 1 while forwarding a raw pointer field
FBASE, FEND, FREE, SCAN = x4, x5, x6, x7
REF, TAG = x8, x9
END, SLOT, FP = x19, x20, x21               # survive the forwarding subroutine


def emit_collector(m: MacroAssembler) -> None:
    """Emit ``gc_copy`` (see the module docstring) as one function onto ``m``."""
    f = Frame(m, uses=[END, SLOT, FP, x30])
    f.prologue()
    fwd_slot, fwd_raw, common, store, leave = (m.label() for _ in range(5))
    exit_, corrupt = m.label(), m.label()

    m.ldr(FBASE, mem(CTX, Ctx.SPACE_BASE))
    m.ldr(FEND, mem(CTX, Ctx.HEAP_LIMIT))
    m.mov(FREE, x3)
    m.mov(SCAN, x3)
    m.mov(REF, REF_BASE)
    m.mov(TAG, TAG_REF)

    def each_slot(first: GPRegister | None, sub: Label) -> None:
        """bl ``sub`` for SLOT = first (if given), first + 8, ... while SLOT < END."""
        loop, done, skip = m.label(), m.label(), m.label()
        if first is not None:
            m.mov(SLOT, first)
        m.bind(loop)
        m.cmp(SLOT, END)
        m.b_hs(done)
        m.ldr(x10, mem(SLOT, 0))                   # the common case inline: not a reference
        m.lsr(x11, x10, 48)
        m.cmp(x11, TAG)
        m.b_ne(skip)
        m.bl(sub)
        m.bind(skip)
        m.add(SLOT, SLOT, 8)
        m.b(loop)
        m.bind(done)

    # 1. context roots, 2. the root buffer
    m.add(SLOT, CTX, Ctx.ROOTS)
    m.add(END, CTX, Ctx.ROOTS + 8 * Ctx.NROOTS)
    each_slot(None, fwd_slot)
    m.add(END, ROOTS, NROOTS, lsl(3))
    each_slot(ROOTS, fwd_slot)
    # 3. frames: slots [fp, fp + 8*n), n at fp - 8, the caller's fp at fp - 16
    frames, frames_done = m.label(), m.label()
    m.ldr(FP, mem(CTX, Ctx.FP))
    m.bind(frames)
    m.cbz(FP, frames_done)
    m.ldr(x10, mem(FP, -8))
    m.add(END, FP, x10, lsl(3))
    each_slot(FP, fwd_slot)
    m.ldr(FP, mem(FP, -16))
    m.b(frames)
    m.bind(frames_done)

    # Cheney scan: SCAN walks the copies; FREE is where the next copy goes.
    scan, scan_done = m.label(), m.label()
    k_obj, k_clo, k_arr, k_vec, k_ctx, values = (m.label() for _ in range(6))
    m.bind(scan)
    m.cmp(SCAN, FREE)
    m.b_hs(scan_done)
    m.ldr(x11, mem(SCAN, 0))                       # header: the shape cell
    m.ldr(x12, mem(x11, ShapeCell.KIND))
    m.ldr(x13, mem(x11, ShapeCell.CAPACITY))
    for kind, lab in ((KIND_OBJECT, k_obj), (KIND_CLOSURE, k_clo), (KIND_ARRAY, k_arr),
                      (KIND_VECTOR, k_vec), (KIND_CONTEXT, k_ctx)):
        m.cmp(x12, kind)
        m.b_eq(lab)
    m.cmp(x12, KIND_STRING)
    m.b_ne(corrupt)
    m.ldr(x13, mem(SCAN, 8))                       # string: skip its units
    m.lsl(x13, x13, 1)
    m.add(x13, x13, 7)
    m.lsr(x13, x13, 3)
    m.add(SCAN, SCAN, x13, lsl(3))
    m.add(SCAN, SCAN, 16)
    m.b(scan)

    m.bind(k_obj)                                  # raw +8; values +16 .. +16+8cap
    m.add(END, SCAN, 16)                           # (before the bl: it clobbers x13)
    m.add(END, END, x13, lsl(3))
    m.add(SLOT, SCAN, 8)
    m.bl(fwd_raw)
    m.add(SLOT, SCAN, 16)
    m.b(values)

    m.bind(k_clo)                                  # raw +8, +24; values +32 .. +48+8cap
    m.add(END, SCAN, 48)
    m.add(END, END, x13, lsl(3))
    m.add(SLOT, SCAN, 8)
    m.bl(fwd_raw)
    m.add(SLOT, SCAN, 24)
    m.bl(fwd_raw)
    m.add(SLOT, SCAN, 32)
    m.b(values)

    m.bind(k_arr)                                  # raw +24, +32; ARRAY_SIZE bytes
    m.add(SLOT, SCAN, ARRAY_ELEMENTS)
    m.bl(fwd_raw)
    m.add(SLOT, SCAN, ARRAY_PROPS)
    m.bl(fwd_raw)
    m.add(SCAN, SCAN, ARRAY_SIZE)
    m.b(scan)

    m.bind(k_vec)                                  # values +16 .. +16+8n
    m.ldr(x13, mem(SCAN, 8))
    m.add(END, SCAN, 16)
    m.add(END, END, x13, lsl(3))
    m.add(SLOT, SCAN, 16)
    m.b(values)

    m.bind(k_ctx)                                  # raw +16; values +24 .. +24+8n
    m.ldr(x13, mem(SCAN, 8))
    m.add(END, SCAN, 24)
    m.add(END, END, x13, lsl(3))
    m.add(SLOT, SCAN, 16)
    m.bl(fwd_raw)
    m.add(SLOT, SCAN, 24)

    m.bind(values)                                 # SLOT .. END, then the next cell
    each_slot(None, fwd_slot)
    m.mov(SCAN, END)
    m.b(scan)

    m.bind(scan_done)
    m.mov(x0, FREE)
    m.bind(exit_)
    f.epilogue()
    m.bind(corrupt)
    m.mov(x0, 0)
    m.b(exit_)

    # -- the forwarding subroutine: SLOT points at a value word (fwd_slot) or a raw
    # pointer (fwd_raw); a from-space cell it names is copied once (its header becomes
    # the new reference word) and SLOT is updated. Clobbers x10-x14 and RAW.
    m.bind(fwd_slot)
    m.ldr(x10, mem(SLOT, 0))
    m.lsr(x11, x10, 48)
    m.cmp(x11, TAG)
    m.b_ne(leave)
    m.and_(x10, x10, ADDR_MASK)
    m.mov(RAW, 0)
    m.b(common)
    m.bind(fwd_raw)
    m.ldr(x10, mem(SLOT, 0))
    m.mov(RAW, 1)
    m.bind(common)
    m.cmp(x10, FBASE)
    m.b_lo(leave)
    m.cmp(x10, FEND)
    m.b_hs(leave)
    m.ldr(x11, mem(x10, 0))
    m.lsr(x12, x11, 48)
    m.cbnz(x12, store)                             # already copied: x11 is its reference
    m.ldr(x12, mem(x11, ShapeCell.KIND))
    m.ldr(x13, mem(x11, ShapeCell.CAPACITY))
    size_done = m.label()
    for kind, fixed in ((KIND_OBJECT, 2), (KIND_CLOSURE, 6)):
        nxt = m.label()
        m.cmp(x12, kind)
        m.b_ne(nxt)
        m.add(x13, x13, fixed)
        m.b(size_done)
        m.bind(nxt)
    nxt = m.label()
    m.cmp(x12, KIND_ARRAY)
    m.b_ne(nxt)
    m.mov(x13, ARRAY_SIZE >> 3)
    m.b(size_done)
    m.bind(nxt)
    m.ldr(x13, mem(x10, 8))                        # variable size: word 1
    for kind, fixed in ((KIND_VECTOR, 2), (KIND_CONTEXT, 3)):
        nxt = m.label()
        m.cmp(x12, kind)
        m.b_ne(nxt)
        m.add(x13, x13, fixed)
        m.b(size_done)
        m.bind(nxt)
    m.cmp(x12, KIND_STRING)
    m.b_ne(corrupt)                                # (branches out of the subroutine: the
    m.lsl(x13, x13, 1)                             # epilogue restores x30 and sp)
    m.add(x13, x13, 7)
    m.lsr(x13, x13, 3)
    m.add(x13, x13, 2)
    m.bind(size_done)
    m.orr(x11, FREE, REF)                          # the new reference word
    m.mov(x12, x10)
    copy = m.label()
    m.bind(copy)
    m.ldr(x14, post(x12, 8))
    m.str(x14, post(FREE, 8))
    m.subs(x13, x13, 1)
    m.b_ne(copy)
    m.str(x11, mem(x10, 0))                        # forwarding header
    m.bind(store)
    raw_done = m.label()
    m.cbz(RAW, raw_done)
    m.and_(x11, x11, ADDR_MASK)
    m.bind(raw_done)
    m.str(x11, mem(SLOT, 0))
    m.bind(leave)
    m.ret()


__all__ = ["emit_collector"]
