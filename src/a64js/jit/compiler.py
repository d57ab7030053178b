"""One pass from a function's bytecode to machine code: a template per instruction.

The compiled function has the C signature ``int64 f(int64 fp, int64 pc)``: it runs the
heap VM frame at ``fp`` (already pushed, slot n at ``fp + 8*n``) from bytecode ``pc``
(0 at a call, a loop header for on-stack replacement) until the function returns, and
leaves the result word in slot 0 (its return value in x0 is meaningless; the runtime
reads slot 0, or raises the exception a host call recorded).

Registers (callee-saved, so they survive every host call):

======  ===========================================================================
x19     ``fp``: the word frame; slot n is ``[x19, #8*n]``
x20     the heap's context block (``Ctx``)
x21     ``INT_BASE`` (the int32 tag in the top 16 bits): ``add x, x21, w, uxtw`` boxes
w22     ``INT_BASE >> 32``: ``lsr x, x, #32; cmp w, w22`` tests for an int32 word
======  ===========================================================================

Every value lives in its frame slot between instructions (templates load, compute and
store), so a host call is a safepoint (the collector sees and moves every word) and a
bailout at any pc needs no translation: the frame *is* the interpreter's frame.

An instruction without a template is a host call of ``hvm.interp.step`` (via the
runtime's ``jit_step(cid, fp, pc)``), which returns the next pc: the code continues at
``pc + 1`` in line, or through the *dispatch table* (one ``b`` per bytecode, indexed
by pc) for a jump taken in the interpreter; a negative pc means the function is over
(-1: returned, -2: an exception left it, recorded by the runtime). A template's guard
(an int32 tag check, an overflow) that fails branches to an out-of-line stub that calls
``jit_guard(cid, fp, pc, reason)``: the runtime either does the instruction generically
and returns the next pc (the double path, a string ``+`` ...) or bails out (finishes the
call in the interpreter with ``run_at`` and returns -1).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from a64jit import (
    EQ,
    GE,
    GT,
    HS,
    LE,
    LT,
    NE,
    Cond,
    Frame,
    Label,
    MacroAssembler,
    alloc_data,
    emit_host_call,
    lsl,
    mem,
    post,
    sxtw,
    uxtw,
    w0,
    w1,
    w2,
    w3,
    w22,
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
    x16,
    x19,
    x20,
    x21,
    x22,
)

from ..bytecode import OPCODES, Code
from ..heap import CLOSURE_CODE, CLOSURE_CONTEXT, CONTEXT_PARENT, KIND_CLOSURE, Ctx
from ..heapcode import emit_array_length, emit_load_element, emit_store_element, emit_untag_ref
from ..words import FALSE_WORD, INT_BASE, TAG_INT, TRUE_WORD

FP = x19
CTX = x20
INTB = x21
INTHI = w22

#: Why a guard failed (the ``reason`` argument of ``jit_guard``; index = code).
REASONS: tuple[str, ...] = ("not int32", "int32 overflow", "not a boolean or int32",
                            "not int32 or constant", "stress", "element miss",
                            "length miss", "call not direct", "property cache miss")
(R_NOT_INT, R_OVERFLOW, R_NOT_BOOL, R_NOT_SIMPLE, R_STRESS, R_ELEM, R_LENGTH, R_CALL,
 R_PROP) = range(9)
#: Entries of the direct-call table (by closure code id; larger ids call generically).
CALL_TABLE_SIZE = 1 << 14
#: Direct (machine-code) calls nested beyond this take the generic path, whose word-stack
#: and recursion checks turn runaway recursion into JavaScript's RangeError.
MAX_DIRECT_DEPTH = 4000

#: opcode name -> condition on a signed int32 compare (for the value and jump forms)
_REL: dict[str, Cond] = {"Lt": LT, "Le": LE, "Gt": GT, "Ge": GE}
_INV: dict[Cond, Cond] = {LT: GE, LE: GT, GT: LE, GE: LT, EQ: NE, NE: EQ}


@dataclass
class Guard:
    """An out-of-line guard stub: where it is, for which pc and why."""

    label: Label
    pc: int
    reason: int


@dataclass
class Compiled:
    """The machine code of one function (before installation)."""

    masm: MacroAssembler
    #: pc -> whether it has a template (True) or the generic step (False)
    templated: list[bool]
    guards: int
    forced: int
    #: the inline-cache cells' block and, per cell, its GetProp's pc
    ic_block: Any = None
    ic_pcs: list[int] = field(default_factory=list)
    #: code offset of each bytecode's first instruction (for listings)
    offsets: list[int] = field(default_factory=list)


class Stress:
    """Which guards a compilation forces to fail: every one (``seed`` None) or each with
    probability 1/4 from ``random.Random(seed)`` (reproducible per seed)."""

    def __init__(self, seed: int | None) -> None:
        self.seed = seed
        self.rng = random.Random(seed) if seed is not None else None

    def force(self) -> bool:
        return self.rng is None or self.rng.random() < 0.25


def _slot(n: int) -> Any:
    return mem(FP, 8 * n)


class FunctionCompiler:
    """Compiles one :class:`~a64js.bytecode.Code` (see the module docstring)."""

    def __init__(self, code: Code, cid: int, ctx_address: int, step_address: int,
                 guard_address: int, stress: Stress | None = None, *,
                 call_table: int = 0, depth_word: int = 0, pending_address: int = 0
                 ) -> None:
        self.call_table = call_table
        #: inline-cache cells (16 bytes per cached GetProp), in data memory
        self.ic_pcs: list[int] = []
        nprops = sum(1 for ins in code.insns if OPCODES[ins[0]][0] == "GetProp")
        self.ic_block: Any = alloc_data(16 * nprops) if nprops and call_table else None
        self.ic_address = int(self.ic_block.address) if self.ic_block is not None else 0
        self.depth_word = depth_word
        self.pending_address = pending_address
        self.code = code
        self.cid = cid
        self.ctx_address = ctx_address
        self.step_address = step_address
        self.guard_address = guard_address
        self.stress = stress
        self.m = MacroAssembler()
        self.guards: list[Guard] = []
        self.forced = 0

    # -- helpers -----------------------------------------------------------------------

    def const_of(self, r: int) -> Any:
        """The constant a register operand names (a slot at kbase.. is read-only), or a
        marker object when it is a plain frame slot."""
        if r >= self.code.kbase:
            return self.code.consts[r - self.code.kbase]
        return _NOT_CONST

    def is_int_const(self, r: int) -> bool:
        c = self.const_of(r)
        return type(c) is int and -0x8000_0000 <= c <= 0x7FFF_FFFF

    def guard(self, pc: int, reason: int) -> Label:
        lab = self.m.label()
        self.guards.append(Guard(lab, pc, reason))
        return lab

    def check_int(self, reg: Any, wtmp: Any, r: int, miss: Label) -> None:
        """Branch to ``miss`` unless the word in ``reg`` (from slot ``r``) is an int32."""
        if self.is_int_const(r):
            return
        m = self.m
        m.lsr(wtmp.x, reg, 32)
        m.cmp(wtmp, INTHI)
        m.b_ne(miss)

    def after_call(self, pc: int) -> None:
        """x0 = the next pc from a host call: continue in line at pc+1, else dispatch."""
        m = self.m
        if pc + 1 < len(self.labels):
            m.cmp(x0, pc + 1)
            m.b_eq(self.labels[pc + 1])
        m.b(self.slow_dispatch)

    # -- the pass ------------------------------------------------------------------------

    def compile(self) -> Compiled:
        m = self.m
        code = self.code
        n = len(code.insns)
        self.labels = [m.label() for _ in range(n)]
        self.ret = m.label()
        self.dispatch = m.label()
        self.slow_dispatch = m.label()
        self.ret_host = m.label()
        self.pendings: list[tuple[Label, int]] = []
        table = m.label()
        frame = Frame(m, uses=[x19, x20, x21, x22])
        frame.prologue()
        m.mov(FP, x0)
        m.mov(CTX, self.ctx_address)
        m.mov(INTB, INT_BASE)
        m.mov(INTHI, INT_BASE >> 32)
        m.cbnz(x1, self.dispatch)
        templated: list[bool] = []
        offsets: list[int] = []
        for pc, ins in enumerate(code.insns):
            m.bind(self.labels[pc])
            offsets.append(0)
            name = OPCODES[ins[0]][0]
            emit = getattr(self, "t_" + name, None)
            done = False
            if emit is not None:
                done = bool(emit(pc, *ins[1:]))
            if not done:
                self.generic(pc)
            templated.append(done)
        m.b(self.ret)  # not reached: every function ends in Return
        # a host call returned a pc other than pc+1
        m.bind(self.slow_dispatch)
        m.tbnz(x0, 63, self.ret_host)
        m.mov(x1, x0)
        m.bind(self.dispatch)
        m.adr(x16, table)
        m.add(x16, x16, x1, lsl(2))
        m.br(x16)
        m.bind(table)
        for lab in self.labels:
            m.b(lab)
        for g in self.guards:
            m.bind(g.label)
            emit_host_call(m, self.guard_address, [self.cid, FP, g.pc, g.reason], result=x0)
            self.after_call(g.pc)
        for lab, pc in self.pendings:
            # a direct callee left with an exception: dispatch it at this pc
            m.bind(lab)
            emit_host_call(m, self.pending_address, [self.cid, FP, pc], result=x0)
            self.after_call(pc)
        m.bind(self.ret_host)       # x0 = -1 (returned) or -2 (exception): status 0 / -1
        m.add(x0, x0, 1)
        m.bind(self.ret)
        frame.epilogue()
        return Compiled(m, templated, len(self.guards), self.forced, ic_block=self.ic_block,
                        ic_pcs=self.ic_pcs, offsets=offsets)

    def generic(self, pc: int) -> None:
        """The slow path of any instruction: ``step`` in the interpreter."""
        emit_host_call(self.m, self.step_address, [self.cid, FP, pc], result=x0)
        self.after_call(pc)

    def forced_guard(self, pc: int) -> bool:
        """Under stress, a template's guards all fail: the template is one branch to a
        stub whose reason is ``stress`` (the runtime bails out there)."""
        if self.stress is not None and self.stress.force():
            self.forced += 1
            self.m.b(self.guard(pc, R_STRESS))
            return True
        return False

    # -- templates (each returns True when it emitted the instruction) ---------------------

    def t_LoadK(self, pc: int, a: int, k: int) -> bool:
        self.m.ldr(x0, _slot(self.code.kbase + k))
        self.m.str(x0, _slot(a))
        return True

    def t_Mov(self, pc: int, a: int, b: int) -> bool:
        self.m.ldr(x0, _slot(b))
        self.m.str(x0, _slot(a))
        return True

    def t_Jump(self, pc: int, t: int) -> bool:
        self.m.b(self.labels[t])
        return True

    def t_Return(self, pc: int, a: int) -> bool:
        if a != 0:
            self.m.ldr(x0, _slot(a))
            self.m.str(x0, _slot(0))
        self.m.mov(x0, 0)  # status: returned
        self.m.b(self.ret)
        return True

    def _load_ints(self, pc: int, b: int, c: int) -> None:
        m = self.m
        miss = self.guard(pc, R_NOT_INT)
        m.ldr(x0, _slot(b))
        m.ldr(x1, _slot(c))
        self.check_int(x0, w2, b, miss)
        self.check_int(x1, w3, c, miss)

    def _box_store(self, a: int) -> None:
        self.m.add(x2, INTB, w2, uxtw())
        self.m.str(x2, _slot(a))

    def _arith(self, pc: int, a: int, b: int, c: int, op: str) -> bool:
        if self.forced_guard(pc):
            return True
        m = self.m
        self._load_ints(pc, b, c)
        ovf = self.guard(pc, R_OVERFLOW)
        if op == "add":
            m.adds(w2, w0, w1)
            m.b_vs(ovf)
        elif op == "sub":
            m.subs(w2, w0, w1)
            m.b_vs(ovf)
        else:
            m.smull(x2, w0, w1)
            m.cmp(x2, w2, sxtw())
            m.b_ne(ovf)
            ok = m.label()
            m.cbnz(w2, ok)
            m.orr(w3, w0, w1)
            m.tbnz(w3, 31, ovf)  # 0 with a negative operand is -0: the generic path
            m.bind(ok)
        self._box_store(a)
        return True

    def _bitop(self, pc: int, a: int, b: int, c: int, op: str) -> bool:
        """``&``, ``|``, ``^`` of two int32 words (never overflows); other operands take
        the generic path (ToInt32 of doubles, strings ...)."""
        if self.forced_guard(pc):
            return True
        m = self.m
        self._load_ints(pc, b, c)
        getattr(m, op)(w2, w0, w1)
        self._box_store(a)
        return True

    def t_BitAnd(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._bitop(pc, a, b, c, "and_")

    def t_BitOr(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._bitop(pc, a, b, c, "orr")

    def t_BitXor(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._bitop(pc, a, b, c, "eor")

    def t_Add(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._arith(pc, a, b, c, "add")

    def t_Sub(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._arith(pc, a, b, c, "sub")

    def t_Mul(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._arith(pc, a, b, c, "mul")

    def _add_imm(self, pc: int, a: int, b: int, y: int) -> bool:
        if self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_NOT_INT)
        m.ldr(x0, _slot(b))
        self.check_int(x0, w2, b, miss)
        ovf = self.guard(pc, R_OVERFLOW)
        if y >= 0:
            m.adds(w2, w0, y)
        else:
            m.subs(w2, w0, -y)
        m.b_vs(ovf)
        self._box_store(a)
        return True

    def t_AddK(self, pc: int, a: int, b: int, k: int) -> bool:
        y = self.code.consts[k]
        if type(y) is not int or not -4095 <= y <= 4095:
            return False
        return self._add_imm(pc, a, b, y)

    def t_Inc(self, pc: int, a: int, b: int) -> bool:
        return self._add_imm(pc, a, b, 1)

    def t_Dec(self, pc: int, a: int, b: int) -> bool:
        return self._add_imm(pc, a, b, -1)

    def _cmp_ints(self, pc: int, a: int, b: int) -> bool:
        """Load two int32 operands and compare them (flags set); False under stress."""
        if self.forced_guard(pc):
            return False
        self._load_ints(pc, a, b)
        self.m.cmp(w0, w1)
        return True

    def _cmp_simple(self, pc: int, a: int, b: int) -> bool:
        """Strict equality fast path: both words int32 or constants (undefined, null,
        booleans), where equal values are equal words; flags set by ``cmp x0, x1``."""
        if self.forced_guard(pc):
            return False
        m = self.m
        miss = self.guard(pc, R_NOT_SIMPLE)
        m.ldr(x0, _slot(a))
        m.ldr(x1, _slot(b))
        for reg in (x0, x1):
            m.lsr(x2, reg, 48)
            m.sub(x2, x2, TAG_INT)
            m.cmp(x2, 1)
            m.b_hi(miss)  # a double (below the int tag) wraps around too
        m.cmp(x0, x1)
        return True

    def _set_bool(self, a: int, cond: Cond) -> None:
        m = self.m
        m.cset(w2, cond)
        m.mov(x3, FALSE_WORD)
        m.add(x2, x3, x2)
        m.str(x2, _slot(a))

    def _relop(self, pc: int, a: int, b: int, c: int, cond: Cond) -> bool:
        if not self._cmp_ints(pc, b, c):
            return True
        self._set_bool(a, cond)
        return True

    def _jumpop(self, pc: int, a: int, b: int, t: int, cond: Cond) -> bool:
        if not self._cmp_ints(pc, a, b):
            return True
        self.m.b_cond(cond, self.labels[t])
        return True

    def _eqop(self, pc: int, a: int, b: int, c: int, cond: Cond) -> bool:
        if not self._cmp_simple(pc, b, c):
            return True
        self._set_bool(a, cond)
        return True

    def _eqjump(self, pc: int, a: int, b: int, t: int, cond: Cond) -> bool:
        if not self._cmp_simple(pc, a, b):
            return True
        self.m.b_cond(cond, self.labels[t])
        return True

    def t_Lt(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._relop(pc, a, b, c, LT)

    def t_Le(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._relop(pc, a, b, c, LE)

    def t_Gt(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._relop(pc, a, b, c, GT)

    def t_Ge(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._relop(pc, a, b, c, GE)

    def t_StrictEq(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._eqop(pc, a, b, c, EQ)

    def t_StrictNe(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._eqop(pc, a, b, c, NE)

    def t_JumpIfLt(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, LT)

    def t_JumpIfLe(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, LE)

    def t_JumpIfGt(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, GT)

    def t_JumpIfGe(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, GE)

    def t_JumpIfNotLt(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, GE)

    def t_JumpIfNotLe(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, GT)

    def t_JumpIfNotGt(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, LE)

    def t_JumpIfNotGe(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, LT)

    def t_JumpIfStrictEq(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._eqjump(pc, a, b, t, EQ)

    def t_JumpIfNotStrictEq(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._eqjump(pc, a, b, t, NE)

    def _test(self, pc: int, a: int, t: int, on_true: bool) -> bool:
        if self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_NOT_BOOL)
        taken = self.labels[t]
        nxt = self.labels[pc + 1] if pc + 1 < len(self.labels) else self.ret
        m.ldr(x0, _slot(a))
        m.mov(x9, TRUE_WORD)
        m.cmp(x0, x9)
        m.b_eq(taken if on_true else nxt)
        m.sub(x9, x9, 1)  # FALSE_WORD
        m.cmp(x0, x9)
        m.b_eq(nxt if on_true else taken)
        self.check_int(x0, w2, a, miss)
        if on_true:
            m.cbnz(w0, taken)
        else:
            m.cbz(w0, taken)
        return True

    def t_GetElem(self, pc: int, a: int, b: int, c: int) -> bool:
        """An array element in bounds and not a hole; else the generic path."""
        if self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_ELEM)
        m.ldr(x0, _slot(b))
        m.ldr(x1, _slot(c))
        emit_load_element(m, x0, x1, x2, x3, x4, CTX, miss)
        m.str(x2, _slot(a))
        return True

    def _get_cached(self, pc: int, a: int, b: int) -> bool:
        """An own data property through this instruction's inline cache: a cell in data
        memory ``[shape address, byte offset]`` that the runtime fills on a miss (the
        receiver's shape when the key is an inline slot of it); the code compares the
        receiver's header with the cell's shape and loads at the cell's offset."""
        if self.forced_guard(pc):
            return True
        m = self.m
        cell = self.ic_address + 16 * len(self.ic_pcs)
        self.ic_pcs.append(pc)
        miss = self.guard(pc, R_PROP)
        m.ldr(x0, _slot(b))
        emit_untag_ref(m, x0, x1, x2, miss)
        m.ldr(x2, mem(x1, 0))
        m.mov(x3, cell)
        m.ldp(x4, x5, mem(x3, 0))
        m.cmp(x2, x4)
        m.b_ne(miss)
        m.add(x1, x1, x5)
        m.ldr(x0, mem(x1, 0))
        m.str(x0, _slot(a))
        return True

    def t_SetElem(self, pc: int, a: int, b: int, c: int) -> bool:
        """A store to an array element in bounds (no write barrier: the collector is
        not generational); growth and everything else is the generic path."""
        if self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_ELEM)
        m.ldr(x0, _slot(a))
        m.ldr(x1, _slot(b))
        m.ldr(x2, _slot(c))
        emit_store_element(m, x0, x1, x2, x3, x4, CTX, miss)
        return True

    def t_GetProp(self, pc: int, a: int, b: int, k: int, fb: int) -> bool:
        key = self.code.consts[k]
        if key != "length":
            if type(key) is not str or not self.ic_address:
                return False
            return self._get_cached(pc, a, b)
        if self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_LENGTH)
        m.ldr(x0, _slot(b))
        emit_array_length(m, x0, x2, x3, CTX, miss)
        m.str(x2, _slot(a))
        return True

    def t_Call(self, pc: int, a: int, b: int, c: int, base: int, argc: int, k: int) -> bool:
        """A call of a closure whose code is compiled and takes ``argc`` parameters: push
        its frame on the word stack (header, the frame template with the constants, this,
        callee, arguments) and ``blr`` to its code, all in machine code; else the generic
        path (``step``: the interpreter's Call)."""
        if not self.call_table or argc > 8:
            return False
        if self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_CALL)
        m.ldr(x0, _slot(b))
        emit_untag_ref(m, x0, x1, x2, miss)
        m.ldr(x2, mem(x1, 0))             # the shape cell
        m.ldr(x2, mem(x2, 8))             # its kind
        m.cmp(x2, KIND_CLOSURE)
        m.b_ne(miss)
        m.ldr(x2, mem(x1, CLOSURE_CODE))
        m.cmp(x2, CALL_TABLE_SIZE)
        m.b_cond(HS, miss)
        m.mov(x3, self.call_table)
        m.add(x3, x3, x2, lsl(4))
        m.ldp(x4, x5, mem(x3, 0))         # entry, frame block (0: not direct-callable)
        m.cbz(x4, miss)
        m.ldp(x6, x7, mem(x5, 0))         # template epoch, nregs
        m.ldr(x8, mem(CTX, Ctx.GC_COUNT))
        m.cmp(x6, x8)
        m.b_ne(miss)                      # constants moved since: refreshed on the slow path
        m.ldr(x6, mem(x5, 16))            # parameter count
        m.cmp(x6, argc)
        m.b_ne(miss)
        m.mov(x3, self.depth_word)
        m.ldr(x6, mem(x3, 0))
        m.cmp(x6, MAX_DIRECT_DEPTH)
        m.b_cond(HS, miss)
        m.ldr(x6, mem(CTX, Ctx.SP))
        m.add(x1, x6, 16)                 # the callee's fp
        m.add(x2, x1, x7, lsl(3))         # its end
        m.ldr(x3, mem(CTX, Ctx.STACK_LIMIT))
        m.cmp(x2, x3)
        m.b_hi(miss)
        m.ldr(x3, mem(CTX, Ctx.FP))
        m.stp(x3, x7, mem(x6, 0))         # frame header: caller's fp, slot count
        m.add(x3, x5, 24)
        m.mov(x6, x1)
        loop = m.label()
        m.bind(loop)
        m.ldr(x8, post(x3, 8))
        m.str(x8, post(x6, 8))
        m.subs(x7, x7, 1)
        m.b_ne(loop)
        m.ldr(x3, _slot(c))
        m.stp(x3, x0, mem(x1, 8))         # this, callee
        for j in range(argc):
            m.ldr(x3, _slot(base + j))
            m.str(x3, mem(x1, 24 + 8 * j))
        m.str(x1, mem(CTX, Ctx.FP))
        m.str(x2, mem(CTX, Ctx.SP))
        m.mov(x3, self.depth_word)
        m.ldp(x6, x7, mem(x3, 0))         # depth, direct calls so far (for --stats)
        m.add(x6, x6, 1)
        m.add(x7, x7, 1)
        m.stp(x6, x7, mem(x3, 0))
        m.mov(x0, x1)
        m.mov(x1, 0)
        m.blr(x4)
        m.mov(x3, self.depth_word)
        m.ldr(x6, mem(x3, 0))
        m.sub(x6, x6, 1)
        m.str(x6, mem(x3, 0))
        m.ldr(x1, mem(CTX, Ctx.FP))       # pop the callee's frame
        m.ldr(x2, mem(x1, -16))
        m.str(x2, mem(CTX, Ctx.FP))
        m.sub(x3, x1, 16)
        m.str(x3, mem(CTX, Ctx.SP))
        exc = m.label()
        self.pendings.append((exc, pc))
        m.cbnz(x0, exc)
        m.ldr(x2, mem(x1, 0))
        m.str(x2, _slot(a))
        return True

    def t_LdEnv(self, pc: int, a: int, depth: int, idx: int) -> bool:
        """A captured variable: the callee's context (a raw address in the closure),
        ``depth`` parents up, slot ``idx``; no guard (the compiler guarantees the shape)."""
        m = self.m
        m.ldr(x0, _slot(2))
        m.ubfx(x0, x0, 0, 48)
        m.ldr(x0, mem(x0, CLOSURE_CONTEXT))
        for _ in range(depth):
            m.ldr(x0, mem(x0, CONTEXT_PARENT))
        m.ldr(x0, mem(x0, 16 + 8 * idx))
        m.str(x0, _slot(a))
        return True

    def t_JumpIfTrue(self, pc: int, a: int, t: int) -> bool:
        return self._test(pc, a, t, True)

    def t_JumpIfFalse(self, pc: int, a: int, t: int) -> bool:
        return self._test(pc, a, t, False)


_NOT_CONST = object()

__all__ = ["REASONS", "Compiled", "FunctionCompiler", "Guard", "Stress"]
