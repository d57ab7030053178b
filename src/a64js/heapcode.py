"""Machine-code templates over the a64js heap (DESIGN.md, "Heap"): what compiled code does.

Each ``emit_*`` function writes a short sequence onto an ``a64jit.MacroAssembler``; the
registers are the caller's choice. Values are words (``a64js.words``), cells and the
context block are laid out as ``a64js.heap`` says, so the sequences here are the whole
contract between the heap and generated code:

- :func:`emit_alloc`: bump ``heap_top`` with a limit check; when the semispace is full,
  call the collector (``Heap.gc_host_function``) at a safepoint;
- :func:`emit_load_property`: a shape check (one compare of the header with a constant)
  and a load at a fixed offset, else a branch to ``miss``;
- :func:`emit_array_length` and :func:`emit_load_element`: an array's length, and an
  element with type and bounds checks;
- :func:`emit_alloc_object`, :func:`emit_alloc_array`, :func:`emit_alloc_context` and
  :func:`emit_alloc_closure` (allocate and initialise),
  :func:`emit_store_property` (shape check and store), :func:`emit_store_element` (checks
  as for a load), and :func:`emit_push_frame` /
  :func:`emit_pop_frame` (frames on the word stack, which the collector scans).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from a64jit import GPRegister, Label, MacroAssembler, Shift, emit_host_call, mem, post, uxtw, xzr

from .heap import (
    ARRAY_CAPACITY,
    ARRAY_ELEMENTS,
    ARRAY_LENGTH,
    ARRAY_PROPS,
    ARRAY_SIZE,
    CLOSURE_CODE,
    CLOSURE_CONTEXT,
    CLOSURE_HOME,
    CLOSURE_SLOTS,
    CLOSURE_THIS,
    CONTEXT_LENGTH,
    CONTEXT_PARENT,
    FRAME_CALLER,
    FRAME_HEADER,
    KIND_CLOSURE,
    KIND_OBJECT,
    STRING_DATA,
    VECTOR_DATA,
    Ctx,
    Shape,
    ShapeCell,
)
from .words import (
    ADDR_MASK,
    HOLE_WORD,
    INT_BASE,
    REF_BASE,
    TAG_INT,
    TAG_SHIFT,
    UNDEFINED_WORD,
)


def _distinct(what: str, *regs: GPRegister) -> None:
    if regs in _DISTINCT:  # (the JIT passes a few tuples, per template instance)
        return
    codes = [r.code for r in regs]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{what}: registers must be distinct, got "
                         f"{', '.join(str(r) for r in regs)}")
    _DISTINCT.add(regs)


#: Register tuples found distinct already.
_DISTINCT: set[tuple[GPRegister, ...]] = set()


def emit_alloc(m: MacroAssembler, ctx: GPRegister, dst: GPRegister, nbytes: int,
               tmp: GPRegister, gc: Any, fail: Label, *,
               live: Iterable[GPRegister] = ()) -> None:
    """``dst`` = the address of ``nbytes`` fresh heap bytes (uninitialised).

    Fast path: load ``heap_top`` and ``heap_limit`` from the context block at ``ctx``,
    bump, compare, store. Slow path: call ``gc`` (``Heap.gc_host_function()``), which
    collects and allocates; it returns 0 when the heap is exhausted, and the code branches
    to ``fail`` (the error is raised when the code returns). The slow path is a safepoint:
    references must be in frame slots (registers holding them are stale afterwards);
    ``live`` lists caller-saved registers holding non-references to keep (``ctx`` is kept).
    ``gc`` None: no call, a full space branches to ``fail`` (whose code collects itself).
    """
    _distinct("emit_alloc", ctx, dst, tmp)
    if not isinstance(nbytes, int) or nbytes <= 0 or nbytes & 7:
        raise ValueError(f"emit_alloc: nbytes must be a positive multiple of 8, got {nbytes!r}")
    slow, done = m.label(), m.label()
    emit_bump(m, ctx, dst, tmp, dst, nbytes, slow if gc is not None else fail)
    m.sub(dst, dst, nbytes)
    if gc is None:
        return
    m.b(done)
    m.bind(slow)
    emit_host_call(m, gc, [nbytes], live=[ctx, *live], result=dst)
    m.cbz(dst, fail)
    m.bind(done)


def emit_bump(m: MacroAssembler, ctx: GPRegister, top: GPRegister, limit: GPRegister,
              end: GPRegister, size: GPRegister | int, full: Label,
              shift: Shift | None = None) -> None:
    """Bumps the heap of the context block at ``ctx`` by ``size`` bytes (a register
    shifted by ``shift``, or a number): ``top`` = the cell's address, ``end`` = its end,
    stored as the new top; no room below the limit (in ``limit`` after) branches to
    ``full`` with nothing stored. ``end`` may be ``top`` or ``size``."""
    _distinct("emit_bump", ctx, top, limit)
    _distinct("emit_bump", ctx, end, limit)
    m.ldr(top, mem(ctx, Ctx.HEAP_TOP))
    m.ldr(limit, mem(ctx, Ctx.HEAP_LIMIT))
    m.add(end, top, size, shift)
    m.cmp(end, limit)
    m.b_hi(full)
    m.str(end, mem(ctx, Ctx.HEAP_TOP))


def emit_copy_words(m: MacroAssembler, loop: Label, src: GPRegister, dst: GPRegister,
                    count: GPRegister, tmp: GPRegister) -> None:
    """Binds ``loop``: ``count`` (> 0; it ends 0) words copied one at a time from ``src``
    to ``dst``, both advanced past them, through ``tmp``."""
    _distinct("emit_copy_words", src, dst, count, tmp)
    m.bind(loop)
    m.ldr(tmp, post(src, 8))
    m.str(tmp, post(dst, 8))
    m.subs(count, count, 1)
    m.b_ne(loop)


def emit_cell_of(m: MacroAssembler, ctx: GPRegister, word: GPRegister, cell: GPRegister,
                 t1: GPRegister, t2: GPRegister, shape_field: int, miss: Label) -> None:
    """``cell`` = the cell address of ``word`` when it refers to a cell whose header is
    the context block's word at ``shape_field`` (``Ctx.SHAPE_ARRAY``,
    ``Ctx.SHAPE_STRING``, ...); else branch to ``miss``."""
    _distinct("emit_cell_of", ctx, cell, t1, t2)
    emit_untag_ref(m, word, cell, t1, miss)
    m.ldr(t1, mem(cell, 0))
    m.ldr(t2, mem(ctx, shape_field))
    m.cmp(t1, t2)
    m.b_ne(miss)


def emit_alloc_string(m: MacroAssembler, ctx: GPRegister, units: GPRegister,
                      obj: GPRegister, end: GPRegister, tmp: GPRegister, full: Label) -> None:
    """``obj`` = a new string cell of ``units`` UTF-16 units (header and length
    written, the last word zeroed so the padding units are 0; the units themselves
    are the caller's), bumped from the heap of the context block at ``ctx``; ``end``
    = its end. A full space branches to ``full`` (whose code collects: a generic path).
    """
    _distinct("emit_alloc_string", ctx, units, obj, end, tmp)
    m.lsl(end, units, 1)
    m.add(end, end, STRING_DATA + 7)
    m.and_(end, end, ~7 & 0xFFFF_FFFF_FFFF_FFFF)
    emit_bump(m, ctx, obj, tmp, end, end, full)
    m.str(xzr, mem(end, -8))
    m.ldr(tmp, mem(ctx, Ctx.SHAPE_STRING))
    m.stp(tmp, units, mem(obj, 0))  # header, length


def emit_untag_ref(m: MacroAssembler, word: GPRegister, dst: GPRegister, tmp: GPRegister,
                   miss: Label) -> None:
    """``dst`` = the cell address of reference word ``word``; ``miss`` if not a reference."""
    emit_untag(m, word, dst, tmp)
    m.cbnz(tmp, miss)               # any other tag leaves bits above 47


def emit_untag(m: MacroAssembler, word: GPRegister, dst: GPRegister,
               tmp: GPRegister) -> None:
    """:func:`emit_untag_ref` but its branch: ``dst`` = the cell address of reference
    word ``word`` and ``tmp`` = 0 if it is one (for a run of words that ends there: the
    caller branches on ``tmp``)."""
    _distinct("emit_untag_ref", dst, tmp)
    m.mov(tmp, REF_BASE)
    m.sub(dst, word, tmp)           # a reference is REF_BASE | address
    m.lsr(tmp, dst, TAG_SHIFT)


def emit_header_is(m: MacroAssembler, word: GPRegister, cell: GPRegister, tmp: GPRegister,
                   header: GPRegister, miss: Label) -> None:
    """``cell`` = the cell address of reference word ``word`` when the cell's header is
    ``header`` (a shape loaded by the caller, who may test several words against it);
    else branch to ``miss``. ``tmp`` clobbered."""
    _distinct("emit_header_is", cell, tmp, header)
    emit_untag_ref(m, word, cell, tmp, miss)
    m.ldr(tmp, mem(cell, 0))
    m.cmp(tmp, header)
    m.b_ne(miss)


def emit_kind_of(m: MacroAssembler, word: GPRegister, cell: GPRegister, tmp: GPRegister,
                 dst: GPRegister, miss: Label) -> None:
    """``cell`` = the cell address of reference word ``word`` and ``dst`` its shape's
    kind (``KIND_CLOSURE``, ``KIND_STRING``, ...; ``dst`` may be ``tmp`` or ``cell``);
    ``miss`` if ``word`` is not a reference."""
    emit_untag_ref(m, word, cell, tmp, miss)
    m.ldr(dst, mem(cell, 0))
    m.ldr(dst, mem(dst, ShapeCell.KIND))


def emit_load_property(m: MacroAssembler, obj: GPRegister, dst: GPRegister,
                       shape_address: int, offset: int, t1: GPRegister, t2: GPRegister,
                       miss: Label) -> None:
    """``dst`` = the word at byte ``offset`` of the object ``obj`` refers to, when the
    object's shape is the one at ``shape_address``; else branch to ``miss``.

    ``shape_address`` and ``offset`` come from ``Shape.address`` and ``Shape.offset(key)``
    (shapes never move, so they are constants of the code).
    """
    _distinct("emit_load_property", t1, t2, dst)
    _distinct("emit_load_property", obj, t1, t2)
    emit_untag_ref(m, obj, t1, t2, miss)
    m.ldr(t2, mem(t1, 0))
    m.mov(dst, shape_address)
    m.cmp(t2, dst)
    m.b_ne(miss)
    m.ldr(dst, mem(t1, offset))


def emit_check_array(m: MacroAssembler, arr: GPRegister, addr: GPRegister, t: GPRegister,
                     ctx: GPRegister, miss: Label) -> None:
    """``addr`` = the cell address of ``arr`` if it is an array (header equal to the
    context block's ``SHAPE_ARRAY``), else branch to ``miss``."""
    _distinct("emit_check_array", addr, t, ctx)
    with m.scratch("emit_check_array") as s:
        k = s.acquire(avoid=[arr, addr, t, ctx])
        emit_cell_of(m, ctx, arr, addr, t, k, Ctx.SHAPE_ARRAY, miss)


def emit_array_length(m: MacroAssembler, arr: GPRegister, dst: GPRegister, t: GPRegister,
                      ctx: GPRegister, miss: Label) -> None:
    """``dst`` = ``arr.length`` as an int32 word; ``miss`` if ``arr`` is not an array."""
    _distinct("emit_array_length", dst, t, ctx)
    emit_check_array(m, arr, dst, t, ctx, miss)
    m.ldr(t, mem(dst, ARRAY_LENGTH))
    m.mov(dst, INT_BASE)
    m.orr(dst, dst, t)  # lengths are below 2**31 (a semispace is smaller)


def emit_load_element(m: MacroAssembler, arr: GPRegister, index: GPRegister,
                      dst: GPRegister, t1: GPRegister, t2: GPRegister, ctx: GPRegister,
                      miss: Label) -> None:
    """``dst`` = ``arr[index]`` for an array ``arr`` and an int32 word ``index`` within
    ``0 <= index < length`` whose element is not a hole; else branch to ``miss`` (the
    runtime then handles strings, negative or fractional indices, holes and prototypes).
    """
    _distinct("emit_load_element", arr, index, t1, t2, ctx)
    _distinct("emit_load_element", index, dst, t1, t2, ctx)
    emit_check_array(m, arr, t1, t2, ctx, miss)
    m.lsr(t2, index, 32)
    m.cmp(t2, TAG_INT << 16)
    m.b_ne(miss)
    m.ldr(t2, mem(t1, ARRAY_LENGTH))
    m.cmp(t2, index.w, uxtw())      # unsigned: a negative int32 is out of range too
    m.b_ls(miss)
    m.ldr(t1, mem(t1, ARRAY_ELEMENTS))
    m.add(t1, t1, index.w, uxtw(3))
    m.ldr(dst, mem(t1, VECTOR_DATA))
    m.mov(t2, HOLE_WORD)
    m.cmp(dst, t2)
    m.b_eq(miss)


def emit_store_element(m: MacroAssembler, arr: GPRegister, index: GPRegister,
                       value: GPRegister, t1: GPRegister, t2: GPRegister, ctx: GPRegister,
                       miss: Label) -> None:
    """``arr[index] = value`` for an array ``arr`` and an int32 word ``index`` with
    ``0 <= index < length``; else branch to ``miss`` (growing, holes past the end and
    everything else are the runtime's)."""
    _distinct("emit_store_element", arr, index, value, t1, t2, ctx)
    emit_check_array(m, arr, t1, t2, ctx, miss)
    m.lsr(t2, index, 32)
    m.cmp(t2, TAG_INT << 16)
    m.b_ne(miss)
    m.ldr(t2, mem(t1, ARRAY_LENGTH))
    m.cmp(t2, index.w, uxtw())
    m.b_ls(miss)
    m.ldr(t1, mem(t1, ARRAY_ELEMENTS))
    m.add(t1, t1, index.w, uxtw(3))
    m.str(value, mem(t1, VECTOR_DATA))


def emit_alloc_array(m: MacroAssembler, ctx: GPRegister, dst: GPRegister, capacity: int,
                     tmp: GPRegister, gc: Any, fail: Label, *,
                     live: Iterable[GPRegister] = ()) -> None:
    """``dst`` = a reference to a new empty array (length 0) with room for ``capacity``
    elements (holes), its elements vector right behind it: one bump for both cells. A
    safepoint, as :func:`emit_alloc`."""
    if not isinstance(capacity, int) or not 0 <= capacity <= 1 << 20:
        raise ValueError(f"emit_alloc_array: capacity must be an int in [0, 2**20], "
                         f"got {capacity!r}")
    nbytes = ARRAY_SIZE + (VECTOR_DATA + 8 * capacity if capacity else 0)
    emit_alloc(m, ctx, dst, nbytes, tmp, gc, fail, live=live)
    m.ldr(tmp, mem(ctx, Ctx.SHAPE_ARRAY))
    m.stp(tmp, xzr, mem(dst, 0))                # header, length 0
    m.str(xzr, mem(dst, ARRAY_PROPS))           # no named properties
    if capacity:
        m.mov(tmp, capacity)
        m.str(tmp, mem(dst, ARRAY_CAPACITY))
        m.add(tmp, dst, ARRAY_SIZE)
        m.str(tmp, mem(dst, ARRAY_ELEMENTS))
        m.ldr(tmp, mem(ctx, Ctx.SHAPE_VECTOR))
        m.str(tmp, mem(dst, ARRAY_SIZE))
        m.mov(tmp, capacity)
        m.str(tmp, mem(dst, ARRAY_SIZE + 8))
        m.mov(tmp, HOLE_WORD)
        for k in range(capacity):
            m.str(tmp, mem(dst, ARRAY_SIZE + VECTOR_DATA + 8 * k))
    else:
        m.stp(xzr, xzr, mem(dst, ARRAY_CAPACITY))  # capacity 0, no elements vector
    m.mov(tmp, REF_BASE)
    m.orr(dst, dst, tmp)


def emit_alloc_context(m: MacroAssembler, ctx: GPRegister, dst: GPRegister, n: int,
                       fp: GPRegister, parent_slot: int | None, tmp: GPRegister, gc: Any,
                       fail: Label) -> None:
    """``dst`` = a reference to a new context of ``n`` undefined slots whose parent is
    the context in frame slot ``parent_slot`` (of the frame at ``fp``; undefined there or
    None: no parent). The parent is read after the allocation, which may move it."""
    if not isinstance(n, int) or not 0 <= n <= 1 << 16:
        raise ValueError(f"emit_alloc_context: n must be an int in [0, 65536], got {n!r}")
    _distinct("emit_alloc_context", ctx, dst, fp, tmp)
    emit_alloc(m, ctx, dst, 8 * (3 + n), tmp, gc, fail, live=[fp])
    m.ldr(tmp, mem(ctx, Ctx.SHAPE_CONTEXT))
    m.str(tmp, mem(dst, 0))
    m.mov(tmp, n)
    m.str(tmp, mem(dst, CONTEXT_LENGTH))
    _raw_from_slot(m, tmp, fp, parent_slot)
    m.str(tmp, mem(dst, CONTEXT_PARENT))
    if n:
        m.mov(tmp, UNDEFINED_WORD)
        for k in range(n):
            m.str(tmp, mem(dst, CONTEXT_PARENT + 8 + 8 * k))
    m.mov(tmp, REF_BASE)
    m.orr(dst, dst, tmp)


def emit_alloc_closure(m: MacroAssembler, ctx: GPRegister, dst: GPRegister, shape: Shape,
                       code_id: int, fp: GPRegister, context_slot: int | None,
                       tmp: GPRegister, gc: Any, fail: Label, *,
                       this_slot: int | None = None) -> None:
    """``dst`` = a reference to a new closure of ``shape`` (made with ``closure=True``)
    for code ``code_id`` over the context in frame slot ``context_slot`` (None or
    undefined: none), with ``this`` from frame slot ``this_slot`` (None: undefined), home
    undefined and every inline slot undefined. Frame slots are read after the allocation.
    """
    if shape.kind != KIND_CLOSURE or len(shape.keys) > shape.capacity:
        raise ValueError(f"emit_alloc_closure: shape {shape.id} is not a closure shape "
                         "with every key inline")
    if not isinstance(code_id, int) or not 0 <= code_id < 1 << 48:
        raise ValueError(f"emit_alloc_closure: code_id must be in [0, 2**48), got {code_id!r}")
    _distinct("emit_alloc_closure", ctx, dst, fp, tmp)
    emit_alloc(m, ctx, dst, CLOSURE_SLOTS + 8 * shape.capacity, tmp, gc, fail, live=[fp])
    m.mov(tmp, shape.address)
    emit_closure_fields(m, dst, shape.capacity, code_id, fp, context_slot, tmp,
                        this_slot=this_slot)


def emit_closure_fields(m: MacroAssembler, dst: GPRegister, capacity: int, code_id: int,
                        fp: GPRegister, context_slot: int | None, tmp: GPRegister, *,
                        this_slot: int | None = None) -> None:
    """:func:`emit_alloc_closure` after its allocation and its ``mov tmp`` of the shape's
    address: the header from ``tmp``, the fields, ``capacity`` inline slots undefined,
    ``dst`` tagged (its words but the address's: a JIT emits them as a run whose holes
    are the code id and the slots)."""
    m.stp(tmp, xzr, mem(dst, 0))                # header, no out-of-line slots
    m.mov(tmp, code_id)
    m.str(tmp, mem(dst, CLOSURE_CODE))
    _raw_from_slot(m, tmp, fp, context_slot)
    m.str(tmp, mem(dst, CLOSURE_CONTEXT))
    if this_slot is not None:
        m.ldr(tmp, mem(fp, 8 * this_slot))
        m.str(tmp, mem(dst, CLOSURE_THIS))
    m.mov(tmp, UNDEFINED_WORD)
    if this_slot is None:
        m.str(tmp, mem(dst, CLOSURE_THIS))
    m.str(tmp, mem(dst, CLOSURE_HOME))
    for k in range(capacity):
        m.str(tmp, mem(dst, CLOSURE_SLOTS + 8 * k))
    m.mov(tmp, REF_BASE)
    m.orr(dst, dst, tmp)


def _raw_from_slot(m: MacroAssembler, dst: GPRegister, fp: GPRegister,
                   slot: int | None) -> None:
    """``dst`` = the cell address in frame slot ``slot`` as a raw pointer field wants it:
    the address of a reference, 0 for undefined (its low 48 bits are 0) or no slot."""
    if slot is None:
        m.mov(dst, 0)
        return
    m.ldr(dst, mem(fp, 8 * slot))
    m.and_(dst, dst, ADDR_MASK)


def emit_alloc_object(m: MacroAssembler, ctx: GPRegister, dst: GPRegister, shape: Shape,
                      tmp: GPRegister, gc: Any, fail: Label, *,
                      live: Iterable[GPRegister] = ()) -> None:
    """``dst`` = a reference to a new object of ``shape`` (a plain object shape):
    header, no out-of-line slots, every inline slot undefined. A safepoint, as
    :func:`emit_alloc`."""
    if shape.kind != KIND_OBJECT:
        raise ValueError(f"emit_alloc_object: shape {shape.id} is not a plain object shape")
    if len(shape.keys) > shape.capacity:
        raise ValueError(f"emit_alloc_object: shape {shape.id} has {len(shape.keys)} keys, "
                         f"more than its {shape.capacity} inline slots")
    nbytes = 16 + 8 * shape.capacity
    emit_alloc(m, ctx, dst, nbytes, tmp, gc, fail, live=live)
    m.mov(tmp, shape.address)
    m.stp(tmp, xzr, mem(dst, 0))                # header, no out-of-line slots (0)
    if shape.capacity:
        m.mov(tmp, UNDEFINED_WORD)
        for k in range(shape.capacity):
            m.str(tmp, mem(dst, shape.slot_offset + 8 * k))
    m.mov(tmp, REF_BASE)
    m.orr(dst, dst, tmp)


def emit_store_property(m: MacroAssembler, obj: GPRegister, value: GPRegister,
                        shape_address: int, offset: int, t1: GPRegister, t2: GPRegister,
                        miss: Label) -> None:
    """Store ``value`` at byte ``offset`` of the object ``obj`` refers to, when its shape
    is the one at ``shape_address`` (an existing property: no transition); else branch to
    ``miss``. No write barrier is needed: the collector is not generational."""
    _distinct("emit_store_property", obj, value, t1, t2)
    emit_untag_ref(m, obj, t1, t2, miss)
    m.ldr(t2, mem(t1, 0))
    with m.scratch("emit_store_property") as s:
        k = s.acquire(avoid=[obj, value, t1, t2])
        m.mov(k, shape_address)
        m.cmp(t2, k)
    m.b_ne(miss)
    m.str(value, mem(t1, offset))


def emit_push_frame(m: MacroAssembler, ctx: GPRegister, nslots: int, fp: GPRegister,
                    t1: GPRegister, t2: GPRegister, overflow: Label) -> None:
    """Push a frame of ``nslots`` undefined slots on the word stack, as
    ``Heap.push_frame`` does: ``fp`` = its slot 0 (slot n at ``fp + 8*n``), ``Ctx.FP``
    and ``Ctx.SP`` updated, so the collector scans it. ``overflow`` if the stack is full.
    """
    _distinct("emit_push_frame", ctx, fp, t1, t2)
    if not isinstance(nslots, int) or nslots < 0:
        raise ValueError(f"emit_push_frame: nslots must be an int >= 0, got {nslots!r}")
    m.ldr(fp, mem(ctx, Ctx.SP))
    m.add(fp, fp, FRAME_HEADER)
    m.add(t1, fp, 8 * nslots)                  # the new sp
    m.ldr(t2, mem(ctx, Ctx.STACK_LIMIT))
    m.cmp(t1, t2)
    m.b_hi(overflow)
    m.str(t1, mem(ctx, Ctx.SP))
    m.ldr(t1, mem(ctx, Ctx.FP))
    m.mov(t2, nslots)
    m.stp(t1, t2, mem(fp, FRAME_CALLER))       # caller's fp, slot count
    if nslots:
        m.mov(t1, UNDEFINED_WORD)
        for k in range(nslots):
            m.str(t1, mem(fp, 8 * k))
    m.str(fp, mem(ctx, Ctx.FP))                # last: the frame is complete


def emit_pop_frame(m: MacroAssembler, ctx: GPRegister, fp: GPRegister,
                   t1: GPRegister) -> None:
    """Pop the frame at ``fp`` (the innermost): ``Ctx.FP`` = its caller's, ``Ctx.SP`` =
    its header."""
    _distinct("emit_pop_frame", ctx, fp, t1)
    m.ldr(t1, mem(fp, FRAME_CALLER))
    m.str(t1, mem(ctx, Ctx.FP))
    m.sub(t1, fp, FRAME_HEADER)
    m.str(t1, mem(ctx, Ctx.SP))


__all__ = ["emit_alloc", "emit_alloc_array", "emit_alloc_closure", "emit_alloc_context",
           "emit_closure_fields",
           "emit_alloc_object", "emit_array_length",
           "emit_check_array", "emit_load_element", "emit_load_property", "emit_pop_frame",
           "emit_push_frame", "emit_store_element", "emit_store_property", "emit_untag_ref"]
