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
  element with type and bounds checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from a64jit import GPRegister, Label, MacroAssembler, emit_host_call, mem, uxtw

from .heap import (
    ARRAY_ELEMENTS,
    ARRAY_LENGTH,
    VECTOR_DATA,
    Ctx,
)
from .words import HOLE_WORD, INT_BASE, REF_BASE, TAG_INT, TAG_SHIFT


def _distinct(what: str, *regs: GPRegister) -> None:
    codes = [r.code for r in regs]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{what}: registers must be distinct, got "
                         f"{', '.join(str(r) for r in regs)}")


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
    """
    _distinct("emit_alloc", ctx, dst, tmp)
    if not isinstance(nbytes, int) or nbytes <= 0 or nbytes & 7:
        raise ValueError(f"emit_alloc: nbytes must be a positive multiple of 8, got {nbytes!r}")
    slow, done = m.label(), m.label()
    m.ldr(dst, mem(ctx, Ctx.HEAP_TOP))
    m.ldr(tmp, mem(ctx, Ctx.HEAP_LIMIT))
    m.add(dst, dst, nbytes)
    m.cmp(dst, tmp)
    m.b_hi(slow)
    m.str(dst, mem(ctx, Ctx.HEAP_TOP))
    m.sub(dst, dst, nbytes)
    m.b(done)
    m.bind(slow)
    emit_host_call(m, gc, [nbytes], live=[ctx, *live], result=dst)
    m.cbz(dst, fail)
    m.bind(done)


def emit_untag_ref(m: MacroAssembler, word: GPRegister, dst: GPRegister, tmp: GPRegister,
                   miss: Label) -> None:
    """``dst`` = the cell address of reference word ``word``; ``miss`` if not a reference."""
    _distinct("emit_untag_ref", dst, tmp)
    m.mov(tmp, REF_BASE)
    m.sub(dst, word, tmp)           # a reference is REF_BASE | address
    m.lsr(tmp, dst, TAG_SHIFT)
    m.cbnz(tmp, miss)               # any other tag leaves bits above 47


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
    emit_untag_ref(m, arr, addr, t, miss)
    m.ldr(t, mem(addr, 0))
    with m.scratch("emit_check_array") as s:
        k = s.acquire(avoid=[arr, addr, t, ctx])
        m.ldr(k, mem(ctx, Ctx.SHAPE_ARRAY))
        m.cmp(t, k)
    m.b_ne(miss)


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


__all__ = ["emit_alloc", "emit_array_length", "emit_check_array", "emit_load_element",
           "emit_load_property", "emit_untag_ref"]
