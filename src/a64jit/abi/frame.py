"""Stack frames: prologues and epilogues that save exactly what a function uses.

Layout built by :class:`Frame` (addresses grow upwards; SP and x29 16-byte aligned)::

    caller's frame
    ------------------------------  <- SP at entry
    d-register pairs (d8..d15 used)
    x-register pairs (x19..x28 used)
    saved x30 (lr)                  [x29, #8]
    saved x29 (caller's fp)         [x29, #0]   <- x29: the frame record
    spill slots (8 bytes each)      [sp, #outgoing + 8*i]
    outgoing stack arguments        [sp, #0 ...]
    ------------------------------  <- SP in the body

x29 points at the frame record ``{caller's x29, return address}``, so debuggers,
profilers and unwinders following the frame-pointer chain can walk through
generated code. Registers are saved in ``stp`` pairs (one ``str`` for an odd
one out); the save area is placed with a single pre-indexed ``stp`` of the
frame record. Each call of :meth:`Frame.epilogue` emits a complete return
path, so a function may have several return points.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import OperandError
from ..operands import FPRegister, GPRegister, Mem, Register, mem, post, pre, sp
from .aapcs64 import CALLEE_SAVED_FPRS, CALLEE_SAVED_GPRS, FRAME_POINTER, LINK_REGISTER, align_stack

if TYPE_CHECKING:
    from ..macro.masm import MacroAssembler

__all__ = ["Frame"]


def _pairs(regs: list[Register], base: int) -> list[tuple[Register, Register | None, int]]:
    out: list[tuple[Register, Register | None, int]] = []
    for i in range(0, len(regs), 2):
        second = regs[i + 1] if i + 1 < len(regs) else None
        out.append((regs[i], second, base + 8 * i))
    return out


class Frame:
    """A function's frame on a :class:`~a64jit.MacroAssembler`.

    ``uses``: every register the function body writes; only the callee-saved
    ones among them (x19-x28, d8-d15; ``w``/``s`` views count as their x/d
    register) are saved. ``spill_slots``: 8-byte slots for the body (see
    :meth:`slot`). ``outgoing``: bytes of stack arguments for calls the body
    makes (``CallLayout.stack_size``), at ``[sp, #0]`` upwards.

    >>> from a64jit import MacroAssembler, x0, x19, x20
    >>> m = MacroAssembler()
    >>> f = Frame(m, uses=[x0, x19, x20], spill_slots=3)
    >>> f.prologue()
    >>> m.str(x19, f.slot(2))
    >>> f.epilogue()
    >>> f.save_size, f.spill_size
    (32, 32)
    """

    def __init__(self, masm: MacroAssembler, uses: Iterable[Register] = (), *,
                 spill_slots: int = 0, outgoing: int = 0) -> None:
        if spill_slots < 0 or outgoing < 0 or outgoing % 8:
            raise OperandError("Frame: spill_slots >= 0 and outgoing a multiple of 8 bytes")
        self.masm = masm
        codes_gp = {r.code for r in uses if type(r) is GPRegister and not r.is_sp}
        codes_fp = {r.code for r in uses if type(r) is FPRegister}
        # Only the low 64 bits of v8-v15 are callee-saved: the d view is enough
        # whatever view (s, d, q) the body uses.
        #: Callee-saved registers this frame saves and restores, in save order.
        self.saved_gprs: list[Register] = [r for r in CALLEE_SAVED_GPRS if r.code in codes_gp]
        self.saved_fprs: list[Register] = [r for r in CALLEE_SAVED_FPRS if r.code in codes_fp]
        gp_bytes = (len(self.saved_gprs) + 1) // 2 * 16
        fp_bytes = (len(self.saved_fprs) + 1) // 2 * 16
        #: Bytes of the save area, frame record included.
        self.save_size = 16 + gp_bytes + fp_bytes
        self._gp_pairs = _pairs(self.saved_gprs, 16)
        self._fp_pairs = _pairs(self.saved_fprs, 16 + gp_bytes)
        self.spill_slots = spill_slots
        self.outgoing = outgoing
        #: Bytes below the frame record: outgoing arguments plus spill slots.
        self.spill_size = align_stack(outgoing + 8 * spill_slots)
        self._done_prologue = False

    @property
    def size(self) -> int:
        """Total bytes this frame takes on the stack (a multiple of 16)."""
        return self.save_size + self.spill_size

    def slot(self, index: int) -> Mem:
        """Spill slot ``index`` as ``[sp, #offset]`` (valid while SP is where the
        prologue left it)."""
        if not 0 <= index < self.spill_slots:
            raise OperandError(f"Frame.slot: index {index} outside 0..{self.spill_slots - 1}")
        return mem(sp, self.outgoing + 8 * index)

    def slot_fp(self, index: int) -> Mem:
        """Spill slot ``index`` addressed from x29 (valid wherever SP is)."""
        if not 0 <= index < self.spill_slots:
            raise OperandError(f"Frame.slot_fp: index {index} outside 0..{self.spill_slots - 1}")
        return mem(FRAME_POINTER, self.outgoing + 8 * index - self.spill_size)

    def prologue(self) -> None:
        """Emit the prologue: frame record, callee-saved registers, spill area."""
        m = self.masm
        m.stp(FRAME_POINTER, LINK_REGISTER, pre(sp, -self.save_size))
        m.mov(FRAME_POINTER, sp)
        for first, second, off in self._gp_pairs + self._fp_pairs:
            if second is None:
                m.str(first, mem(sp, off))
            else:
                m.stp(first, second, mem(sp, off))
        if self.spill_size:
            m.sub(sp, sp, self.spill_size)
        self._done_prologue = True

    def epilogue(self, ret: bool = True) -> None:
        """Emit one return path: free the spill area, restore every saved register
        and the frame record, then ``ret`` (unless ``ret=False``: a tail call may
        follow). Call once per return point."""
        if not self._done_prologue:
            raise OperandError("Frame.epilogue: emit the prologue first")
        m = self.masm
        # From x29 rather than by adding: correct even if the body moved SP.
        m.mov(sp, FRAME_POINTER)
        for first, second, off in self._gp_pairs + self._fp_pairs:
            if second is None:
                m.ldr(first, mem(sp, off))
            else:
                m.ldp(first, second, mem(sp, off))
        m.ldp(FRAME_POINTER, LINK_REGISTER, post(sp, self.save_size))
        if ret:
            m.ret()
