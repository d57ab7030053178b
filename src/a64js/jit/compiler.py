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
x23     the function's data block: word 0 its code id (``cid``, for the shared stubs'
        host calls), then its inline-cache cells (addressed off x23)
x24     the JIT's shared *stub* entry for a word after the ``blr`` (a step or a guard);
        x25 the shared *guard stub* with x1 = ``pc << 8 | reason``
x26     the direct-call table, the call depth and count before it (``regs.CALLS``)
======  ===========================================================================

x20-x22 and x24-x26 are the same for every compiled function: the JIT's entry
trampoline sets them once per entry from Python (``enter(fp, start, entry, ctx,
calls)``), and
a function's own prologue only saves and sets x19 and x23 (so a direct call from
compiled code to compiled code is a ``blr`` to the callee's entry with x0 = its ``fp``,
x1 = 0). At its entry, x1 is 0 (start at pc 0) or the address of the bytecode to start at
(on-stack replacement).

Every value lives in its frame slot between instructions (templates load, compute and
store), so a host call is a safepoint (the collector sees and moves every word) and a
bailout at any pc needs no translation: the frame *is* the interpreter's frame.

An instruction without a template is ``blr x24; .word pc << 8 | R_STEP``: the shared
step stub reads the word at x30 and calls the runtime's ``jit_step(cid, fp, pc)``
(``hvm.interp.step``), which returns the *code address* to go on at (the next bytecode's,
a jump target's, or one of the function's two exits: status 0, returned, or -1, an
exception left it, recorded by the runtime), and the stub branches there; so no bytecode
needs a dispatch table. A template's guard (an int32 tag check, an overflow) that fails
branches to an out-of-line stub ``blr x24; .word pc << 8 | reason`` (one per pc and
reason): for a reason other than ``R_STEP`` the shared stub calls ``jit_guard(cid, fp,
pc, reason)``, which either does the instruction generically (the double path, a string
``+`` ...) or bails out (finishes the call in the interpreter with ``run_at``), and
returns the address to go on at likewise. (The word after the ``blr`` is data, never
executed; for pc < 256 it is a permanently undefined instruction, ``udf``.) Code that
computes the pc at run time enters the guard stub at x25 with x1 = ``pc << 8 | reason``.
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Callable
from typing import Any, cast

from a64jit import (
    EQ,
    GE,
    GT,
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
    pre,
    sp,
    uxtw,
    w0,
    w1,
    w2,
    w3,
    x0,
    x1,
    x2,
    x3,
    x4,
    x19,
    x20,
    x21,
    x22,
    x23,
    x24,
    x25,
    x30,
)

from ..bytecode import OP, OPCODES, Code
from ..words import FALSE_WORD, INT_BASE
from . import memocache, subcache, t_alloc, t_num, t_ops
from .reasons import (
    R_NOT_INT,
    R_OVERFLOW,
    R_STRESS,
    REASONS,
)
from .regs import (
    CALLS,
    CID,
    CID_WORD,
    CTX,
    FP,
    GUARD,
    INTB,
    INTHI,
    STEP,
    buffer,
    steps,
    words_of,
)
from .regs import slot as _slot
from .runs import IMM12_LIMIT, IMM12_SHIFT, SLOT_LIMIT, SLOT_SHIFT, imm12_word, slot_word
from .t_alloc import AllocTemplates
from .t_calls import RESULT, CallTemplates
from .t_elems import KEYED_OPCODES, ElemTemplates
from .t_num import NumTemplates
from .t_ops import OpTemplates
from .t_props import IC_BYTES, IC_OPCODES, PropTemplates, mov48

#: Reasons of ``jit_guard`` calls that are not guard failures: a direct callee left with
#: an exception (dispatch it at this pc), and ``after_call``'s "go on at the pc in x1".
#: Code that enters the guard stub at x25 passes ``pc << 8 | reason`` in x1.
R_PENDING = 254
R_GOTO = 255
#: The reason of a stub's word that asks for the generic step (not a ``jit_guard`` call).
R_STEP = 253
assert len(REASONS) < R_STEP
#: A stub's word holds ``pc << 8 | reason`` in 32 bits.
_MAX_PC = 1 << 24
#: Entries of the direct-call table (by closure code id; larger ids call generically).
CALL_TABLE_SIZE = 1 << 14
#: Direct (machine-code) calls nested beyond this take the generic path, whose word-stack
#: and recursion checks turn runaway recursion into JavaScript's RangeError.
MAX_DIRECT_DEPTH = 4000

#: opcode name -> condition on a signed int32 compare (for the value and jump forms)
_REL: dict[str, Cond] = {"Lt": LT, "Le": LE, "Gt": GT, "Ge": GE}
_INV: dict[Cond, Cond] = {LT: GE, LE: GT, GT: LE, GE: LT, EQ: NE, NE: EQ}


# (Guard, Compiled and Shared are plain classes: a dataclass's generated methods cost ~6 ms
# each natively under qemu at the first compile, and dataclasses imports inspect)
class Guard:
    """An out-of-line guard stub: where it is, for which pc and why."""

    __slots__ = ("label", "pc", "reason")

    def __init__(self, label: Label, pc: int, reason: int) -> None:
        self.label = label
        self.pc = pc
        self.reason = reason


class Compiled:
    """The machine code of one function (before installation)."""

    __slots__ = (
        "data_block",
        "exit_exc",
        "exit_ok",
        "forced",
        "guard_list",
        "guards",
        "ic_block",
        "ic_pcs",
        "masm",
        "offsets",
        "pending_list",
        "templated",
    )

    def __init__(self, masm: MacroAssembler, templated: list[bool], guards: int, forced: int,
                 ic_block: Any = None, ic_pcs: list[int] | None = None,
                 offsets: list[int] | None = None, exit_ok: Label | None = None,
                 exit_exc: Label | None = None, guard_list: list[Guard] | None = None,
                 pending_list: list[tuple[Label, int]] | None = None,
                 data_block: Any = None) -> None:
        self.masm = masm
        #: pc -> whether it has a template (True) or the generic step (False)
        self.templated = templated
        self.guards = guards
        self.forced = forced
        #: the inline-cache cells' words (a view into the JIT's data arena) and, per cell
        #: (two words), its GetProp's pc
        self.ic_block = ic_block
        self.ic_pcs: list[int] = [] if ic_pcs is None else ic_pcs
        #: per pc, the byte offset of its first instruction; then the two exits' labels
        self.offsets: list[int] = [] if offsets is None else offsets
        self.exit_ok = exit_ok
        self.exit_exc = exit_exc
        #: the guard stubs, and the stubs for exceptions from direct calls (label, pc)
        self.guard_list: list[Guard] = [] if guard_list is None else guard_list
        self.pending_list: list[tuple[Label, int]] = ([] if pending_list is None
                                                      else pending_list)
        #: the function's data block when it is not from an arena (keep it while the code
        #: may run: x23 points into it)
        self.data_block = data_block


class PcLabels(dict[int, Label]):
    """The labels of a function's pcs, made on first use (``labels[pc]``, as a list of
    them was indexed): only the pcs that branches target get one (a jump's target, the
    pc after a call ...), a fifth of them; the compiler records every pc's offset (one
    int) instead. A label asked for a pc already emitted is bound at once at its
    offset (a backward branch); the compiler binds the others when it reaches their
    pc. ``len`` is the function's number of pcs."""

    __slots__ = ("_m", "_n", "_offsets")

    def __init__(self, m: MacroAssembler, offsets: list[int], n: int) -> None:
        super().__init__()
        self._m = m
        self._offsets = offsets
        self._n = n

    def __missing__(self, pc: int) -> Label:
        if type(pc) is not int or not 0 <= pc < self._n:
            raise IndexError(f"JIT: no bytecode pc {pc!r} (the function has {self._n})")
        offsets = self._offsets
        lab = self[pc] = (self._m.label_at(offsets[pc]) if pc < len(offsets)
                          else self._m.label())
        return lab

    def __len__(self) -> int:
        return self._n


class DataArena:
    """Data memory for many small blocks (inline-cache cells, direct-call frame blocks)
    carved from a few big ``alloc_data`` blocks (one ``alloc_data`` per function cost
    ~0.2 ms in the emulator, a tenth of a small function's compile-time budget). Blocks
    live as long as the arena; memory starts zeroed."""

    CHUNK = 1 << 16

    def __init__(self) -> None:
        self.blocks: list[Any] = []
        self._base = 0
        self._view: memoryview | None = None
        self._used = 0
        self._size = 0

    def alloc(self, nbytes: int) -> tuple[int, memoryview]:
        """``nbytes`` of zeroed memory, 16-byte aligned: its address and its words."""
        n = (nbytes + 15) & ~15
        if self._view is None or self._used + n > self._size:
            size = max(self.CHUNK, n)
            block = alloc_data(size)
            self.blocks.append(block)
            self._base = int(block.address)
            self._view = memoryview(block).cast("Q")
            self._used = 0
            self._size = size
        at = self._used
        self._used = at + n
        return self._base + at, self._view[at >> 3:(at + nbytes + 7) >> 3]


class Stress:
    """Which guards a compilation forces to fail: every one (``seed`` None) or each with
    probability 1/4 from ``random.Random(seed)`` (reproducible per seed)."""

    def __init__(self, seed: int | None) -> None:
        self.seed = seed
        if seed is not None:
            import random  # (only for --stress-bailouts=SEED: ~10 ms of a start natively)

            self.rng: random.Random | None = random.Random(seed)
        else:
            self.rng = None

    def force(self) -> bool:
        return self.rng is None or self.rng.random() < 0.25


class Shared:
    """The JIT's shared code (one install): the entry trampoline at offset 0, C signature
    ``int64 enter(fp, start, entry, ctx, calls)`` (runs the function whose code starts
    at ``entry`` on the frame at ``fp``, from the bytecode address ``start`` or pc 0 when
    ``start`` is 0, with ``ctx`` the heap's context block and ``calls`` the direct-call
    table (``regs.CALLS``); returns the status), and the
    step and guard stubs every function branches to."""

    __slots__ = ("guard", "masm", "step")

    def __init__(self, masm: MacroAssembler, step: Label, guard: Label) -> None:
        self.masm = masm
        self.step = step
        self.guard = guard


# -- the fixed parts of every function and the base templates, as plain calls. (They
# were module-level Fragments, built at import by their probing runs: more than their
# instances saved in a program's compile. A whole cold process compiling fib ran
# 3,215M -> 3,182M machine instructions without them, scheduler 3,470M -> 3,436M
# (valgrind); the benchmarks time after the imports, so the builds did not show.)

def frame_in(a: Any, block: int, block_word: Any = None) -> None:
    """x30 saved (no frame record, x29 is the trampoline's and kept; x19 too: a direct
    call's site sets it again from the popped frame's header, t_calls._call_leave; x23
    too: the site sets it again by ``mov``, :func:`cid_words`, and the subroutines that
    call keep it with x30; in Unicorn each 8-byte access costs about a block, and these
    were four stores and four loads a call), x19 = fp (x0), x23 = the function's data
    block (``block``; loaded from ``block_word``, a memory operand holding it, when
    given); also the end of a direct call's entry (t_calls)."""
    if block_word is None and not block >> 48 and block >= 0:
        # one run: the block's address in the movz/movk immediates (t_props.mov48's words)
        run = _W.frame_in
        run[2] = _W.frame_in_base | (block & 0xFFFF) << 5
        run[3] = _W.frame_in_mid | (block >> 16 & 0xFFFF) << 5
        run[4] = _W.frame_in_hi | (block >> 32) << 5
        a.emit_words(run)
        return
    a.str(x30, pre(sp, -16))
    a.mov(FP, x0)
    if block_word is None:
        mov48(a, CID, block)
    else:
        a.ldr(CID, block_word)


def cid_words(block: int) -> array[int] | None:
    """The words that set x23 to ``block`` (a function's data block: its three
    movz/movk of :func:`frame_in`'s run), which a direct call's site emits after the
    call (the callee does not keep x23); None for an address past 48 bits."""
    if block >> 48 or block < 0:
        return None
    w = _W
    return array("I", [w.frame_in_base | (block & 0xFFFF) << 5,
                       w.frame_in_mid | (block >> 16 & 0xFFFF) << 5,
                       w.frame_in_hi | (block >> 32) << 5])


def _prologue(a: Any, block: int) -> None:
    """:func:`frame_in`; then pc 0 in line (x1 = 0) or the bytecode address in x1
    (OSR)."""
    frame_in(a, block)
    a.cbz(x1, 8)  # over the br: pc 0 follows
    a.br(x1)


def _exit_exc(a: Any) -> None:
    a.mov(x0, -1)
    a.b(12)  # over _exit_ok to the epilogue


def _exit_ok(a: Any) -> None:
    """Status 0 (returned), the result in ``t_calls.RESULT`` as every status-0 exit
    leaves it (a direct call's site stores it with no load of the popped slot 0)."""
    a.ldr(RESULT, mem(FP, 0))
    a.mov(x0, 0)


def _epilogue(a: Any) -> None:
    a.ldr(x30, post(sp, 16))  # (x19, x23: the trampoline's, or the direct call site's)
    a.ret()


def _stub(a: Any, pc: int, reason: int) -> None:
    """``blr x24`` and the word ``pc << 8 | reason`` after it (never executed: the
    shared stub reads it at x30 and does not return). A pc and reason as data cost one
    constant instruction and a stored word; as a ``mov`` immediate each new value was
    a constant to plan and words new to the memo (~11% of a small program's compile)."""
    if not 0 <= pc < _MAX_PC:
        raise ValueError(f"JIT stub: bytecode pc {pc} out of range; a compiled function has "
                         f"at most {_MAX_PC} bytecodes")
    a.blr(STEP)
    a.emit(pc << 8 | reason)


def _generic(a: Any, pc: int) -> None:
    _stub(a, pc, R_STEP)


def _guard_stub(a: Any, pc: int, reason: int) -> None:
    _stub(a, pc, reason)


def _move(a: Any, dst: int, src: int) -> None:
    """Frame word at byte offset ``src`` to ``dst`` (LoadK, Mov)."""
    if (dst | src) < 8 * SLOT_LIMIT:
        run = _W.move  # (one run, the slots in its holes)
        run[0] = _W.ldr_x0 | src << (SLOT_SHIFT - 3)
        run[1] = _W.str_x0 | dst << (SLOT_SHIFT - 3)
        a.emit_words(run)
        return
    a.ldr(x0, mem(FP, src))
    a.str(x0, mem(FP, dst))


def _int_test(a: Any, reg: Any, tmp: Any) -> None:
    """Flags NE unless the word in x register ``reg`` is an int32 (``tmp``: a w register)."""
    a.lsr(tmp.x, reg, 32)
    a.cmp(tmp, INTHI)


def _load_int_test(a: Any, src: int) -> None:
    """x0 = the word at byte offset ``src``; flags NE unless it is an int32."""
    a.ldr(x0, mem(FP, src))
    _int_test(a, x0, w2)


def _load(a: Any, src: int) -> None:
    a.ldr(x0, mem(FP, src))


def _box_store(a: Any, dst: int) -> None:
    """The int32 in w2, boxed, to byte offset ``dst``."""
    if dst < 8 * SLOT_LIMIT:
        run = _W.box_store
        run[1] = _W.str_x2 | dst << (SLOT_SHIFT - 3)
        a.emit_words(run)
        return
    a.add(x2, INTB, w2, uxtw())
    a.str(x2, mem(FP, dst))


def _return_words(a: Any) -> None:
    """Return's words after the load of its value into x0: the value to
    ``t_calls.RESULT``, status 0, then :func:`_epilogue`. Not to slot 0: a direct
    call's site reads the register (the push subroutine's users the slot, which
    ``t_calls._call_pop`` writes), and the entry trampoline (:func:`build_shared`)
    writes slot 0 for the runtime, which reads it there (a store a call fewer)."""
    a.mov(RESULT, x0)
    a.mov(x0, 0)
    _epilogue(a)


def _return0_words(a: Any) -> None:
    """``return`` of slot 0 (already the result): it to ``RESULT``, status 0,
    :func:`_epilogue`."""
    a.ldr(RESULT, mem(FP, 0))
    a.mov(x0, 0)
    _epilogue(a)


def _adds(a: Any, imm: int) -> None:
    a.adds(w2, w0, imm)


def _subs(a: Any, imm: int) -> None:
    a.subs(w2, w0, imm)


class _Words:
    """The base words of the compiler's own runs (built by :func:`_init_words` at the
    first compilation of a process, from the Assembler) and the buffers sites fill
    their holes in (``regs.buffer``): a slot ``n`` is ``| n << SLOT_SHIFT`` in a load or
    store, an immediate ``| v << IMM12_SHIFT`` in an ``adds``/``subs``."""

    ready = False
    ldr_x0 = str_x0 = str_x2 = blr_step = 0
    adds_imm = subs_imm = cmp_x0_imm = 0
    frame_in_base = frame_in_mid = frame_in_hi = 0
    move = generic = ret = box_store = load_test = frame_in = tail = one = goto = stub = (
        array("I"))
    set_bool: dict[Cond, array[int]] = {}


_W = _Words


def _init_words() -> None:
    W = _W
    W.ldr_x0 = slot_word("ldr", x0)
    W.str_x0 = slot_word("str", x0)
    W.str_x2 = slot_word("str", x2)
    W.blr_step = _blr_step()
    W.adds_imm = imm12_word("adds:2:0", _adds)
    W.subs_imm = imm12_word("subs:2:0", _subs)
    W.move = array("I", [W.ldr_x0, W.str_x0])
    W.generic = array("I", [W.blr_step, 0])
    W.stub = array("I", [W.blr_step, 0])
    W.one = array("I", [0])  # (a word with holes alone between two branches)
    W.ret = array("I", [W.ldr_x0]) + words_of("return", _return_words)
    W.box_store = buffer("box_store", steps(("add", x2, INTB, w2, uxtw()),
                                            ("str", x2, mem(FP, 0))))
    W.load_test = buffer("load_test", steps(("ldr", x0, mem(FP, 0)), (_int_test, x0, w2)))

    def frame(a: MacroAssembler) -> None:
        a.str(x30, pre(sp, -16))
        a.mov(FP, x0)
        a.movz(CID, 0)
        a.movk(CID, 0, lsl(16))
        a.movk(CID, 0, lsl(32))
    W.frame_in = buffer("frame_in", frame)
    W.frame_in_base, W.frame_in_mid, W.frame_in_hi = W.frame_in[2:5]
    W.set_bool = {}

    def tail(a: MacroAssembler) -> None:
        a.b(20)  # to the epilogue, as m.b(self.ret) would branch
        _exit_exc(a)
        _exit_ok(a)
        _epilogue(a)
    W.tail = words_of("tail", tail)
    W.cmp_x0_imm = imm12_word("cmp:x0", lambda a, v: a.cmp(x0, v))
    W.goto = words_of("goto", steps(("lsl", x1, x0, 8), ("orr", x1, x1, R_GOTO),
                                    ("br", GUARD)))
    t_num.init_words()
    t_ops._init_words()
    t_alloc.init_words()
    W.ready = True


def _set_bool_run(cond: Cond) -> array[int]:
    """``_set_bool``'s words for ``cond`` (its slot a hole in the last)."""
    run = _W.set_bool[cond] = buffer(("set_bool", cond), steps(
        ("cset", w2, cond), ("mov", x3, FALSE_WORD), ("add", x2, x3, x2),
        ("str", x2, mem(FP, 0))))
    return run




def build_shared(step_function: Any, guard_function: Any) -> Shared:
    """Emit the trampoline and the shared stubs. ``step_function(cid, fp, pc)`` and
    ``guard_function(cid, fp, pc, reason)`` are host functions returning the code
    address to go on at; the stubs call them and branch there (no return: the bytecode
    that branched to a stub is finished by the runtime)."""
    m = memocache.JitAssembler()  # (the JIT's memo tables: its compiles reuse these words)
    step, guard = m.label(), m.label()
    frame = Frame(m, uses=[x19, x20, x21, x22, x23, x24, x25, CALLS])
    frame.prologue()
    m.mov(CTX, x3)
    m.mov(CALLS, x4)
    m.mov(INTB, INT_BASE)
    m.mov(INTHI, INT_BASE >> 32)
    m.adr(STEP, step)
    m.adr(GUARD, guard)
    m.blr(x2)
    # status 0: the result (t_calls.RESULT) to the frame's slot 0 for the runtime (a
    # compiled Return leaves it in the register only; x19 is the function's fp still)
    m.cbnz(x0, 8)
    m.str(RESULT, mem(FP, 0))
    frame.epilogue()
    common = m.label()
    m.bind(step)    # from a stub (blr x24): x30 = its word, pc << 8 | reason
    m.ldr(w1, mem(x30, 0))
    m.and_(w2, w1, 0xFF)
    m.lsr(w1, w1, 8)
    m.cmp(w2, R_STEP)
    m.b_ne(common)  # a guard, or a direct callee's exception (R_PENDING)
    m.ldr(x0, CID_WORD)
    emit_host_call(m, step_function, [x0, FP, x1], result=x0)
    m.br(x0)
    m.bind(guard)   # x1 = pc << 8 | reason (pc may be -1 or -2: R_GOTO to an exit)
    m.and_(x2, x1, 0xFF)
    m.asr(x1, x1, 8)
    m.bind(common)
    m.ldr(x0, CID_WORD)
    emit_host_call(m, guard_function, [x0, FP, x1, x2], result=x0)
    m.br(x0)
    return Shared(m, step, guard)


class FunctionCompiler(PropTemplates, OpTemplates, AllocTemplates, CallTemplates,
                       NumTemplates, ElemTemplates):
    """Compiles one :class:`~a64js.bytecode.Code` (see the module docstring)."""

    def __init__(self, code: Code, cid: int, stress: Stress | None = None, *,
                 ctx_address: int = 0, call_table: int = 0, depth_word: int = 0,
                 arena: DataArena | None = None,
                 place_subroutine: Callable[[Any, bytes, str], int] | None = None) -> None:
        self.call_table = call_table
        #: where the JIT keeps one copy of each shared subroutine (``t_ops._subroutine``):
        #: (its key, words, name) -> its address, which the function's ``bl`` reaches;
        #: None: each function carries its own copy (spliced in after its body)
        self.place_subroutine = place_subroutine
        #: the labels of the placed subroutines this function calls, and their addresses
        self.sub_addresses: list[tuple[Label, int]] = []
        #: the function's data block (x23; see _data_block): its address, and the
        #: inline-cache cells in it (t_props._ic_cell): their address, words and pcs
        self.block_address = 0
        self.data_block: Any = None
        self.ic_pcs: list[int] = []
        self.ic_block: Any = None
        self.ic_address = 0
        self.arena = arena
        self.depth_word = depth_word
        self.code = code
        self.cid = cid
        self.ctx_address = ctx_address
        self.stress = stress
        self.m = memocache.JitAssembler()  # (its misses served by the memo cache)
        self.guards: list[Guard] = []
        #: ``pc << 8 | reason`` -> its guard
        self._guard_at: dict[int, Guard] = {}
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
        """The label of the out-of-line stub for a guard of ``pc`` failing for ``reason``
        (one stub per pc and reason, however many branches go there)."""
        key = pc << 8 | reason  # (an int: no tuple made per call)
        g = self._guard_at.get(key)
        if g is not None:
            return g.label
        lab = self.m.label()
        g = self._guard_at[key] = Guard(lab, pc, reason)
        self.guards.append(g)
        return lab

    def _guard_of(self, pc: int, reason: int) -> Guard | None:
        """The guard of ``pc`` failing for ``reason``, if a template made one."""
        return self._guard_at.get(pc << 8 | reason)

    def check_int(self, reg: Any, wtmp: Any, r: int, miss: Label) -> None:
        """Branch to ``miss`` unless the word in ``reg`` (from slot ``r``) is an int32."""
        if self.is_int_const(r):
            return
        _int_test(self.m, reg, wtmp)
        self.m.b_ne(miss)

    def after_call(self, pc: int) -> None:
        """x0 = the next pc from a host call a template made itself: continue in line at
        pc+1, else through the guard stub (reason ``R_GOTO``: the runtime returns that
        pc's code address, or an exit's for -1/-2)."""
        m = self.m
        if pc + 1 < len(self.code.insns):
            if pc + 1 < IMM12_LIMIT:
                one = _W.one
                one[0] = _W.cmp_x0_imm | (pc + 1) << IMM12_SHIFT
                m.emit_words(one)
            else:
                m.cmp(x0, pc + 1)
            m.b_eq(self.labels[pc + 1])
        m.emit_words(_W.goto)  # x1 = x0 << 8 | R_GOTO, to the guard stub

    # -- the pass ------------------------------------------------------------------------

    def compile(self) -> Compiled:
        """The function's machine code (not finalized)."""
        # Without the cyclic collector meanwhile: a compilation makes a few objects per
        # instruction (labels, fixups, queue entries), and a collection every ~700 of
        # them would traverse the young ones again and again, promoting what the
        # compilation still holds to older generations (measured over minilang's 29
        # functions: 34 ms of 166 ms in the collector; deferred, one collection after
        # the compilation, 10 ms of 146 ms, that collection included).
        memocache.cache()  # (the first compilation of a process: the memo's words)
        if not _W.ready:
            _init_words()
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._compile()
        finally:
            if enabled:
                gc.enable()
            subcache.flush()  # subroutines recorded here, for later processes
            memocache.flush()  # the memo's new words, when many

    def _compile(self) -> Compiled:
        m = self.m
        code = self.code
        n = len(code.insns)
        if n > _MAX_PC:
            raise ValueError(f"JIT stub: bytecode pc {n - 1} out of range; a compiled "
                             f"function has at most {_MAX_PC} bytecodes")
        label = m.label
        # Per pc its code's offset; a label only for a pc that a branch targets (made
        # on first use, bound at the pc or, for one emitted already, at its offset)
        self.offsets: list[int] = []
        offsets = self.offsets
        pcl = PcLabels(m, offsets, n)
        # (the template mixins declare list[Label]: indexed and measured as one)
        self.labels = labels = cast("list[Label]", pcl)
        self.ret = label()
        self.pendings: list[tuple[Label, int]] = []
        self._data_block()
        # Prologue: a frame record, x19/x23 saved (the rest are the trampoline's), then
        # pc 0 in line or the bytecode address in x1 (on-stack replacement).
        if self.call_table:
            # and the direct entry (t_calls) just before pc 0, into which it falls
            frame_in(m, self.block_address)
            m.cbz(x1, labels[0])
            m.br(x1)
            self.emit_direct_entry()
        else:
            _prologue(m, self.block_address)
        templated = [True] * n
        emitters = _emitters(type(self))
        bind = m.bind
        record = offsets.append
        emit_words = m.emit_words
        step = _W.generic  # the generic step's stub: blr x24 and its word (a hole)
        for pc, ins in enumerate(code.insns):
            if pc in pcl:  # (a branch's target: its label; no label made)
                bind(pcl[pc])
            record(m.offset)
            emit = emitters[ins[0]]
            if emit is None or not emit(self, pc, *ins[1:]):
                step[1] = pc << 8 | R_STEP  # (self.generic(pc), in line)
                emit_words(step)
                templated[pc] = False
        # The function's tail, one run: a branch to the epilogue (not reached: every
        # function ends in Return), an exception left the function (recorded): status
        # -1; returned (the result in slot 0): status 0; the epilogue
        at = m.offset
        emit_words(_W.tail)
        exit_exc = m.label_at(at + 4)
        exit_ok = m.label_at(at + 12)
        m.bind_at(self.ret, at + 20)
        self.slow_paths()  # t_num: out-of-line number paths of some guards
        self.call_paths()  # t_calls: out-of-line paths of the Call sites
        self._stubs()
        for lab, address in self.sub_addresses:
            # (bound last: the bl before were plain forward references; finalize at the
            # function's address resolves them)
            m.bind_address(lab, address)
        return Compiled(m, templated, len(self.guards), self.forced, ic_block=self.ic_block,
                        ic_pcs=self.ic_pcs, offsets=offsets, exit_ok=exit_ok,
                        exit_exc=exit_exc, guard_list=self.guards,
                        pending_list=self.pendings, data_block=self.data_block)

    def _stubs(self) -> None:
        """The guard stubs, then the stubs for exceptions from direct calls (dispatched
        at their pc): each ``blr x24`` and its word, a stub at a time: its label bound
        (``bind`` patches a forward branch in line, where one run of all the stubs and
        ``bind_at`` per label took a call more and ``field.patch``'s per reference),
        its two words one run (the word a hole)."""
        m = self.m
        bind = m.bind
        put = m.emit_words
        stub = _W.stub
        for g in self.guards:
            bind(g.label)
            stub[1] = g.pc << 8 | g.reason
            put(stub)
        for lab, pc in self.pendings:
            bind(lab)
            stub[1] = pc << 8 | R_PENDING
            put(stub)

    def _data_block(self) -> None:
        """The function's data block, which x23 holds while it runs: word 0 its code id
        (the shared stubs pass it to the runtime), from word 2 the cache cells of its
        cached instructions (a New has two), then a keyed-cache word per GetElem,
        SetElem and In (t_elems._keyed_at), zeroed; from the arena (without one, its
        own ``alloc_data`` block, which ``Compiled.data_block`` keeps)."""
        n = k = 0
        for ins in self.code.insns:
            op = ins[0]
            if op in IC_OPCODES:
                n += 1 + (op == _NEW)
            elif op in KEYED_OPCODES:
                k += 1
        nbytes = 16 + IC_BYTES * n + 8 * k
        if self.arena is not None:
            address, words = self.arena.alloc(nbytes)
        else:
            self.data_block = alloc_data(nbytes)
            address = int(self.data_block.address)
            words = memoryview(self.data_block).cast("Q")
        words[0] = self.cid
        self.block_address = address
        self.ic_address = address + 16
        if n:
            self.ic_block = words[2:2 + IC_WORDS_PER_CELL * n]
        self.block_words = words
        self.keyed_offset = 16 + IC_BYTES * n
        self.keyed_end = nbytes

    def generic(self, pc: int) -> None:
        """The slow path of any instruction: ``step`` in the interpreter, through the
        shared step stub (which goes on at the code address the runtime returns)."""
        run = _W.generic
        run[1] = pc << 8 | R_STEP
        self.m.emit_words(run)

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
        b = self.code.kbase + k
        if (a | b) < SLOT_LIMIT:
            run = _W.move
            run[0] = _W.ldr_x0 | b << SLOT_SHIFT
            run[1] = _W.str_x0 | a << SLOT_SHIFT
            self.m.emit_words(run)
        else:
            _move(self.m, 8 * a, 8 * b)
        return True

    def t_Mov(self, pc: int, a: int, b: int) -> bool:
        if (a | b) < SLOT_LIMIT:
            run = _W.move
            run[0] = _W.ldr_x0 | b << SLOT_SHIFT
            run[1] = _W.str_x0 | a << SLOT_SHIFT
            self.m.emit_words(run)
        else:
            _move(self.m, 8 * a, 8 * b)
        return True

    def t_Jump(self, pc: int, t: int) -> bool:
        self.m.b(self.labels[t])
        return True

    def t_Return(self, pc: int, a: int) -> bool:
        m = self.m
        if 0 < a < SLOT_LIMIT:
            run = _W.ret  # (the load of slot a, then slot 0, status, epilogue)
            run[0] = _W.ldr_x0 | a << SLOT_SHIFT
            m.emit_words(run)
        elif a != 0:
            m.ldr(x0, mem(FP, 8 * a))
            m.emit_words(words_of("return", _return_words))  # (slot 0, status, epilogue)
        else:
            # status: returned; the epilogue in line (a branch to the shared one ended an
            # emulated block)
            m.emit_words(words_of("return0", _return0_words))
        return True

    def _load_ints(self, pc: int, b: int, c: int) -> None:
        m = self.m
        miss = self.guard(pc, R_NOT_INT)
        m.ldr(x0, _slot(b))
        m.ldr(x1, _slot(c))
        self.check_int(x0, w2, b, miss)
        self.check_int(x1, w3, c, miss)

    def _box_store(self, a: int) -> None:
        _box_store(self.m, 8 * a)

    def _bitop(self, pc: int, a: int, b: int, c: int, op: str) -> bool:
        """``&``, ``|``, ``^`` of two int32 words (never overflows); other operands take
        the generic path (ToInt32 of doubles, strings ...)."""
        if self.stress is not None and self.forced_guard(pc):
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

    def _add_imm(self, pc: int, a: int, b: int, y: int) -> bool:
        if self.stress is not None and self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_NOT_INT)
        if b >= self.code.kbase and self.is_int_const(b):
            _load(m, 8 * b)
        elif b < SLOT_LIMIT:
            run = _W.load_test  # ldr x0, slot b; the int32 test
            run[0] = _W.ldr_x0 | b << SLOT_SHIFT
            m.emit_words(run)
            m.b_ne(miss)
        else:
            _load_int_test(m, 8 * b)
            m.b_ne(miss)
        ovf = self.guard(pc, R_OVERFLOW)
        if -IMM12_LIMIT < y < IMM12_LIMIT:
            one = _W.one
            one[0] = (_W.adds_imm | y << IMM12_SHIFT if y >= 0
                      else _W.subs_imm | -y << IMM12_SHIFT)
            m.emit_words(one)
        elif y >= 0:
            _adds(m, y)
        else:
            _subs(m, -y)
        m.b_vs(ovf)
        _box_store(m, 8 * a)
        return True

    def t_AddK(self, pc: int, a: int, b: int, k: int) -> bool:
        y = self.code.consts[k]
        if type(y) is not int:
            return False
        if not -4095 <= y <= 4095:
            return self._addk_wide(pc, a, b, y)  # t_num
        return self._add_imm(pc, a, b, y)

    def t_Inc(self, pc: int, a: int, b: int) -> bool:
        return self._add_imm(pc, a, b, 1)

    def t_Dec(self, pc: int, a: int, b: int) -> bool:
        return self._add_imm(pc, a, b, -1)

    def _set_bool(self, a: int, cond: Cond) -> None:
        m = self.m
        if a < SLOT_LIMIT:
            run = _W.set_bool.get(cond) or _set_bool_run(cond)
            run[-1] = _W.str_x2 | a << SLOT_SHIFT
            m.emit_words(run)
            return
        m.cset(w2, cond)
        m.mov(x3, FALSE_WORD)
        m.add(x2, x3, x2)
        m.str(x2, _slot(a))


def _blr_step() -> int:
    """The word of ``blr x24`` (a stub's first)."""
    return words_of("blr_step", lambda a: a.blr(STEP))[0]


_NOT_CONST = object()
_NEW = OP["New"]
IC_WORDS_PER_CELL = IC_BYTES // 8
_EMITTER_CACHE: dict[type, list[Any]] = {}


def _emitters(cls: type) -> list[Any]:
    """Per opcode number, the class's ``t_<name>`` function (None: generic only)."""
    got = _EMITTER_CACHE.get(cls)
    if got is None:
        got = _EMITTER_CACHE[cls] = [getattr(cls, "t_" + row[0], None) for row in OPCODES]
    return got


__all__ = ["REASONS", "Compiled", "DataArena", "FunctionCompiler", "Guard", "Shared", "Stress",
           "build_shared"]
