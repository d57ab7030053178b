"""Entry and exit stubs between a VM (Python) and JIT code.

One reusable trampoline, installed once, with the C signature::

    uint64_t enter(VMContext *ctx, void *code);

It saves every callee-saved register (x19-x28, the x29/x30 frame record, d8-d15),
builds a frame, loads the *pinned* registers from the context and calls
``code``. JIT code leaves in one of two ways:

- it returns (``ret`` to the x30 it was entered with, SP as on entry; x19-x28
  and d8-d15 may be left clobbered, the trampoline restores them) with a
  value in x0: ``enter`` returns
  :attr:`ExitReason.RETURNED` and ``ctx.exit_value`` holds x0;
- it jumps to the exit stub (:func:`emit_exit`) with a reason, a bytecode pc
  and a value, from any call depth, with anything on the stack: the stub resets
  SP to the entry frame, records the three in the context, restores every
  callee-saved register and returns the reason from ``enter``. The VM then
  resumes interpretation at ``ctx.exit_pc`` with the register file as the JIT
  code left it.

Register convention inside JIT code entered through the trampoline
(:data:`PINNED`):

========  ===============================================================
x19       the VMContext (``ctx``); must hold it whenever code exits
x20       base of the VM register file (``ctx.regs``): VM register *i* is
          the int64 at ``[x20, #8*i]``
x21-x28   free: already saved by the trampoline, and preserved across
          host calls (callee-saved), so they are the natural homes of
          long-lived values
x16, x17  the MacroAssembler's scratch registers (also clobbered by calls)
x18       never touched (platform register)
x29, x30  x29 points at the trampoline's frame record; JIT code that calls
          out builds its own frame (:class:`~a64jit.abi.frame.Frame`)
========  ===============================================================

On entry x0 = ctx and x1 = code as well, and SP is 16-byte aligned. Host
functions (``a64jit.host_function``) are called with :func:`emit_host_call`,
which keeps SP aligned and saves the caller-saved registers named live; since
x19/x20 are callee-saved they survive, and a host function may itself enter
JIT code again (VM -> JIT -> host -> VM -> JIT): every ``enter`` saves and
restores the context's entry-SP link, so an exit always unwinds to the
innermost ``enter`` of that context.
"""

from __future__ import annotations

import ctypes
import enum
import struct
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, cast

from ..errors import OperandError
from ..operands import (
    FP_BY_PREFIX,
    W_BY_CODE,
    X_BY_CODE,
    FPRegister,
    GPRegister,
    Register,
    mem,
    post,
    pre,
    sp,
    xzr,
)
from .aapcs64 import (
    CALLEE_SAVED_FPRS,
    CALLEE_SAVED_GPRS,
    CALLER_SAVED_FPRS,
    CALLER_SAVED_GPRS,
    F32,
    F64,
    I32,
    I64,
    ArgType,
    align_stack,
    assign_call,
    from_ctypes,
)

if TYPE_CHECKING:
    from ..macro.masm import HasAddress, MacroAssembler

__all__ = [
    "Bridge",
    "CTX_REG",
    "ExitReason",
    "PINNED",
    "REGS_REG",
    "VMContext",
    "VMState",
    "build_bridge",
    "emit_exit",
    "emit_host_call",
]

#: The pinned registers.
CTX_REG: Final = X_BY_CODE[19]
REGS_REG: Final = X_BY_CODE[20]
PINNED: Final = {"ctx": CTX_REG, "regs": REGS_REG}


class ExitReason(enum.IntEnum):
    """Why JIT code gave control back to the VM (``enter``'s return value)."""

    RETURNED = 0  # returned normally; exit_value = x0
    BAILOUT = 1  # resume interpreting at exit_pc (e.g. a failed type guard)
    EXCEPTION = 2  # raise; exit_value is the VM's exception payload
    HALT = 3  # the program ended (the VM's own convention)


class VMContext(ctypes.Structure):
    """The context block the trampoline and JIT code share (all 64-bit fields).

    ``user`` is free for the VM (constant pools, globals, counters...).
    """

    _fields_ = [
        ("regs", ctypes.c_uint64),  # address of the int64 register file
        ("exit_reason", ctypes.c_uint64),
        ("exit_pc", ctypes.c_uint64),
        ("exit_value", ctypes.c_uint64),
        ("entry_sp", ctypes.c_uint64),  # SP of the innermost active enter() (internal)
        ("exit_stub", ctypes.c_uint64),  # address of the exit stub
        ("depth", ctypes.c_uint64),  # active enter() calls on this context
        ("user", ctypes.c_uint64 * 9),
    ]


def _offset(name: str) -> int:
    off: int = getattr(VMContext, name).offset
    return off


OFF_REGS: Final = _offset("regs")
OFF_EXIT_REASON: Final = _offset("exit_reason")
OFF_EXIT_PC: Final = _offset("exit_pc")
OFF_EXIT_VALUE: Final = _offset("exit_value")
OFF_ENTRY_SP: Final = _offset("entry_sp")
OFF_EXIT_STUB: Final = _offset("exit_stub")
OFF_DEPTH: Final = _offset("depth")
OFF_USER: Final = _offset("user")

# Trampoline frame: record, x19-x28, d8-d15, then the outer entry_sp link and ctx.
_SAVE_GP: Final = 16
_SAVE_FP: Final = _SAVE_GP + 8 * len(CALLEE_SAVED_GPRS)
_LINK: Final = _SAVE_FP + 8 * len(CALLEE_SAVED_FPRS)
_FRAME: Final = _LINK + 16


def build_bridge(masm: MacroAssembler | None = None) -> tuple[MacroAssembler, int, int]:
    """Emit the trampoline; return ``(masm, entry_offset, exit_offset)``.

    At the exit stub JIT code must have x19 = ctx, x0 = reason, x1 = pc and
    x2 = value (see :func:`emit_exit`).
    """
    from ..macro.masm import MacroAssembler

    m = masm if masm is not None else MacroAssembler()
    x0, x1, x2, x9 = X_BY_CODE[0], X_BY_CODE[1], X_BY_CODE[2], X_BY_CODE[9]
    with m.no_pools(0):
        entry = m.offset
        m.stp(X_BY_CODE[29], X_BY_CODE[30], pre(sp, -_FRAME))
        m.mov(X_BY_CODE[29], sp)
        for i in range(0, len(CALLEE_SAVED_GPRS), 2):
            m.stp(CALLEE_SAVED_GPRS[i], CALLEE_SAVED_GPRS[i + 1], mem(sp, _SAVE_GP + 8 * i))
        for i in range(0, len(CALLEE_SAVED_FPRS), 2):
            m.stp(CALLEE_SAVED_FPRS[i], CALLEE_SAVED_FPRS[i + 1], mem(sp, _SAVE_FP + 8 * i))
        m.mov(CTX_REG, x0)
        m.ldr(REGS_REG, mem(CTX_REG, OFF_REGS))
        # Link this entry into the context: exits unwind to the innermost enter().
        m.ldr(x9, mem(CTX_REG, OFF_ENTRY_SP))
        m.stp(x9, CTX_REG, mem(sp, _LINK))
        m.mov(x9, sp)
        m.str(x9, mem(CTX_REG, OFF_ENTRY_SP))
        m.ldr(x9, mem(CTX_REG, OFF_DEPTH))
        m.add(x9, x9, 1)
        m.str(x9, mem(CTX_REG, OFF_DEPTH))
        m.blr(x1)
        # Normal return: x0 is the value. SP is ours again; x19 may not be ctx.
        m.ldr(CTX_REG, mem(sp, _LINK + 8))
        m.str(x0, mem(CTX_REG, OFF_EXIT_VALUE))
        m.str(xzr, mem(CTX_REG, OFF_EXIT_PC))
        m.mov(x0, int(ExitReason.RETURNED))
        done = m.label("bridge.done")
        m.b(done)
        exit_at = m.offset
        # Exit stub: any depth, any SP. Back to this context's innermost entry frame.
        m.ldr(x9, mem(CTX_REG, OFF_ENTRY_SP))
        m.mov(sp, x9)
        m.str(x1, mem(CTX_REG, OFF_EXIT_PC))
        m.str(x2, mem(CTX_REG, OFF_EXIT_VALUE))
        m.bind(done)
        m.str(x0, mem(CTX_REG, OFF_EXIT_REASON))
        m.ldr(x9, mem(sp, _LINK))
        m.str(x9, mem(CTX_REG, OFF_ENTRY_SP))
        m.ldr(x9, mem(CTX_REG, OFF_DEPTH))
        m.sub(x9, x9, 1)
        m.str(x9, mem(CTX_REG, OFF_DEPTH))
        for i in range(0, len(CALLEE_SAVED_FPRS), 2):
            m.ldp(CALLEE_SAVED_FPRS[i], CALLEE_SAVED_FPRS[i + 1], mem(sp, _SAVE_FP + 8 * i))
        for i in range(0, len(CALLEE_SAVED_GPRS), 2):
            m.ldp(CALLEE_SAVED_GPRS[i], CALLEE_SAVED_GPRS[i + 1], mem(sp, _SAVE_GP + 8 * i))
        m.ldp(X_BY_CODE[29], X_BY_CODE[30], post(sp, _FRAME))
        m.ret()
    return m, entry, exit_at


def _address(target: int | HasAddress) -> int:
    return target if isinstance(target, int) else target.address


def emit_exit(masm: MacroAssembler, exit_stub: int | HasAddress | Bridge, reason: int,
              pc: int = 0, value: GPRegister | int | None = None,
              live: Mapping[int, GPRegister] | None = None) -> None:
    """Emit a jump from JIT code to the exit stub.

    ``live`` maps VM register numbers to the machine registers holding their
    current values: each is stored to ``[x20, #8*n]`` first, so the VM sees
    them when it resumes at ``pc``. ``value`` (a register or a constant) ends
    up in ``ctx.exit_value``. Uses x0-x2 and a scratch register; needs x19/x20
    to hold the pinned values.
    """
    for n, reg in sorted((live or {}).items()):
        masm.str(reg.x, mem(REGS_REG, 8 * n))
    x0, x1, x2 = X_BY_CODE[0], X_BY_CODE[1], X_BY_CODE[2]
    if isinstance(value, GPRegister):
        masm.mov(x2, value.x)
    else:
        masm.mov(x2, value or 0)
    masm.mov(x1, pc)
    masm.mov(x0, int(reason))
    target = exit_stub.exit_address if isinstance(exit_stub, Bridge) else _address(exit_stub)
    masm.jump(target)


def _parallel_move(masm: MacroAssembler, moves: list[tuple[GPRegister, GPRegister]],
                   temp: GPRegister) -> None:
    """Perform ``dst <- src`` for all pairs at once (sources read before any write)."""
    pending = [(d, s) for d, s in moves if d.code != s.code]
    while pending:
        sources = {s.code for _, s in pending}
        ready = [(d, s) for d, s in pending if d.code not in sources]
        if ready:
            d, s = ready[0]
            masm.mov(d, s)
            pending.remove((d, s))
            continue
        # Only cycles left: break one through the temporary.
        d, s = pending[0]
        masm.mov(temp, s)
        pending = [(dd, temp if ss.code == s.code else ss) for dd, ss in pending]


HostArg = GPRegister | FPRegister | int | float


def _arg_type(value: object, i: int) -> ArgType:
    """The C type an emit_host_call argument stands for (from its operand kind)."""
    if isinstance(value, bool):
        raise OperandError(f"emit_host_call: argument {i} is {value!r}; expected an int, a "
                           "float or a register")
    if isinstance(value, GPRegister):
        if value.is_sp or value.code == 31:
            raise OperandError(f"emit_host_call: argument {i} is {value}; expected x0-x30 "
                               "or w0-w30")
        return I32 if value.size == 32 else I64
    if isinstance(value, FPRegister):
        if value.size not in (32, 64):
            raise OperandError(f"emit_host_call: argument {i} is {value}; expected an s or "
                               "d register")
        return F32 if value.size == 32 else F64
    if isinstance(value, int):
        return I64
    if isinstance(value, float):
        return F64
    raise OperandError(f"emit_host_call: argument {i} is {type(value).__name__} "
                       f"{value!r}; expected an int, a float, an x/w or d/s register")


def _check_signature(function: object, sig: tuple[tuple[Any, ...], Any],
                     types: list[ArgType], result: ArgType | None) -> None:
    """Arguments or a result that do not match the host function's declared argtypes and
    restype (their count, integer or floating point, float or double) would be other
    values."""
    declared, restype = sig
    name = getattr(getattr(function, "fn", None), "__name__", None) or repr(function)
    if result is not None:
        want = None if restype is None else from_ctypes(restype)
        if restype is None or (want is not None and (
                result.kind != want.kind or (want.kind == F64.kind
                                             and result.size != want.size))):
            shown = "no result (void)" if restype is None else \
                f"{restype.__name__} ({want.name if want else '?'})"
            raise OperandError(f"emit_host_call: result takes {result.name}, but host "
                               f"function {name} returns {shown}")
    if len(declared) != len(types):
        raise OperandError(f"emit_host_call: {len(types)} argument(s) given, but host "
                           f"function {name} declares {len(declared)}")
    for i, (given, ctype) in enumerate(zip(types, declared, strict=True)):
        want = from_ctypes(ctype)
        if want is not None and (given.kind != want.kind
                                 or (want.kind == F64.kind and given.size != want.size)):
            raise OperandError(f"emit_host_call: argument {i} passes {given.name}, but host "
                               f"function {name} declares {ctype.__name__} ({want.name}); "
                               "x/w registers and ints pass integers, d registers and "
                               "floats doubles, s registers floats")


def _fp_parallel_move(masm: MacroAssembler, moves: list[tuple[FPRegister, FPRegister]],
                      temp: FPRegister) -> None:
    """``dst <- src`` for FP registers, all at once (a cycle goes through ``temp``)."""
    pending = [(d, s) for d, s in moves if d.code != s.code or d.size != s.size]
    while pending:
        sources = {s.code for _, s in pending}
        ready = [(d, s) for d, s in pending if d.code not in sources]
        if ready:
            d, s = ready[0]
            masm.fmov(d, s)
            pending.remove((d, s))
            continue
        d, s = pending[0]
        t = FP_BY_PREFIX["d" if s.size == 64 else "s"][temp.code]
        masm.fmov(t, s)
        pending = [(dd, t if ss.code == s.code else ss) for dd, ss in pending]


class _Value:
    """Where a plan's instruction takes a value of the call itself: argument ``index``
    (as is, or a float's bits: ``bits``), or the function's address (index -1)."""

    __slots__ = ("bits", "index")

    def __init__(self, index: int, bits: bool = False) -> None:
        self.index = index
        self.bits = bits


#: One MacroAssembler call of a plan: the method's name, its operands, and the
#: positions among them of values of the call (None: the operands are the call's own).
_Op = tuple[str, tuple[Any, ...], tuple[tuple[int, _Value], ...] | None]


class _Recorder:
    """Stands for the MacroAssembler while a plan's register moves are worked out."""

    def __init__(self) -> None:
        self.ops: list[_Op] = []

    def mov(self, *operands: Any) -> None:
        self.ops.append(("mov", operands, None))

    def fmov(self, *operands: Any) -> None:
        self.ops.append(("fmov", operands, None))


def _op(name: str, *operands: Any) -> _Op:
    values = tuple((i, o) for i, o in enumerate(operands) if isinstance(o, _Value))
    return (name, operands, values or None)


class _Plan:
    """What :func:`emit_host_call` emits for one call shape (the kinds of its arguments,
    the registers live, the result's): the calls before the scratch scope, the scratch
    register's ``avoid`` list, the calls inside the scope (per scratch register chosen,
    worked out at its first use) and after it."""

    __slots__ = ("after", "args", "avoid", "before", "inner", "layout", "result_type", "signed",
                 "types")

    def __init__(self, args: tuple[HostArg, ...], live: tuple[Register, ...],
                 result: object) -> None:
        # the checks, in order, before anything is emitted
        types = [_arg_type(a, i) for i, a in enumerate(args)]
        if result is not None and not isinstance(result, (GPRegister, FPRegister)):
            raise OperandError(f"emit_host_call: result is {type(result).__name__} "
                               f"{result!r}; expected an x/w or d/s register")
        result_type = None if result is None else _arg_type(result, -1)
        layout = assign_call(types, result_type)
        self.types = types
        self.result_type = result_type
        self.signed: set[tuple[Any, ...]] = set()  # host functions' signatures checked

        # What to save: caller-saved registers named live (except the result's).
        caller_gp = {r.code for r in CALLER_SAVED_GPRS}
        caller_fp = {r.code for r in CALLER_SAVED_FPRS}
        gp_keep: set[int] = set()
        fp_keep: dict[int, int] = {}  # code -> bytes to keep (8: d view, 16: all of q)
        for r in live:
            if isinstance(r, GPRegister):
                if r.code in caller_gp and not (isinstance(result, GPRegister)
                                                 and r.code == result.code):
                    gp_keep.add(r.code)
            elif isinstance(r, FPRegister):
                if isinstance(result, FPRegister) and r.code == result.code:
                    continue
                width = 16 if r.size == 128 else 8
                if r.code in caller_fp or width == 16:
                    fp_keep[r.code] = max(width, fp_keep.get(r.code, 0))
            else:
                raise OperandError(f"emit_host_call: live register {r!r} is not an x/w or FP "
                                   "register")
        saves: list[tuple[Register, int]] = []
        offset = 0
        for code, width in sorted(fp_keep.items(), key=lambda kv: -kv[1]):  # q: aligned
            saves.append((FP_BY_PREFIX["q" if width == 16 else "d"][code], offset))
            offset += width
        for code in sorted(gp_keep):
            saves.append((X_BY_CODE[code], offset))
            offset += 8
        save_area = align_stack(offset)
        frame = save_area + layout.stack_size
        before: list[_Op] = []
        if frame:
            before.append(_op("sub", sp, sp, frame))
        for reg, off in saves:
            before.append(_op("str", reg, mem(sp, layout.stack_size + off)))
        self.before = before
        self.args = args
        self.layout = layout
        self.avoid = tuple(a for a in args if isinstance(a, GPRegister))
        self.inner: dict[GPRegister, list[_Op]] = {}

        # After the scope: FP moves all at once, then the constants, the call, the
        # result, the saved registers back.
        after: list[_Op] = []
        fp_moves = [(loc.regs[0], a) for a, loc in zip(args, layout.args, strict=True)
                    if loc.regs and isinstance(a, FPRegister)]
        used_fp = {a.code for _, a in fp_moves} | {d.code for d, _ in fp_moves}
        fp_temp = next(FP_BY_PREFIX["d"][c] for c in range(31, -1, -1) if c not in used_fp)
        moves = _Recorder()
        _fp_parallel_move(cast("MacroAssembler", moves),
                          [(d, a) for d, a in fp_moves if isinstance(d, FPRegister)], fp_temp)
        after += moves.ops
        for i, (a, loc) in enumerate(zip(args, layout.args, strict=True)):
            if not loc.regs or isinstance(a, (GPRegister, FPRegister)):
                continue
            if isinstance(a, float):
                after.append(_op("fmov", FP_BY_PREFIX["d"][loc.regs[0].code], _Value(i)))
            else:
                after.append(_op("mov", X_BY_CODE[loc.regs[0].code], _Value(i)))
        after.append(_op("call", _Value(-1)))
        if isinstance(result, GPRegister):
            after.append(_op("mov", result.x if result.size == 64 else result,
                             X_BY_CODE[0] if result.size == 64 else W_BY_CODE[0]))
        elif isinstance(result, FPRegister):
            src = FP_BY_PREFIX["d" if result.size == 64 else "s"][0]
            if result.code != 0:
                after.append(_op("fmov", result, src))
        for reg, off in saves:
            after.append(_op("ldr", reg, mem(sp, layout.stack_size + off)))
        if frame:
            after.append(_op("add", sp, sp, frame))
        self.after = after

    def inside(self, temp: GPRegister) -> list[_Op]:
        """The calls inside the scratch scope, ``temp`` its register: the stack
        arguments first, while every source register still holds its value, then the
        register arguments' moves all at once."""
        got = self.inner.get(temp)
        if got is not None:
            return got
        args, layout = self.args, self.layout
        ops: list[_Op] = []
        gp_moves = [(loc.regs[0], a) for a, loc in zip(args, layout.args, strict=True)
                    if loc.regs and isinstance(a, GPRegister)]
        for i, (a, loc) in enumerate(zip(args, layout.args, strict=True)):
            if loc.stack_offset is None:
                continue
            where = mem(sp, loc.stack_offset)
            if isinstance(a, (GPRegister, FPRegister)):
                ops.append(_op("str", a, where))
            else:
                ops.append(_op("mov", temp, _Value(i, bits=True)))
                ops.append(_op("str", temp, where))
        moves = _Recorder()
        _parallel_move(cast("MacroAssembler", moves),
                       [(X_BY_CODE[d.code], a.x) for d, a in gp_moves
                        if isinstance(d, GPRegister)], temp)
        ops += moves.ops
        if len(self.inner) < 8:  # (the pool has two scratch registers unless changed)
            self.inner[temp] = ops
        return ops


#: The plans of emit_host_call by call shape: per argument the register or the type
#: of the constant, the live registers, the result register.
_PLANS: dict[tuple[Any, ...], _Plan] = {}
#: Shapes kept at most (then the table starts over: a JIT has a few dozen).
_PLAN_LIMIT: Final = 1024


def _run(masm: MacroAssembler, ops: list[_Op], args: Sequence[HostArg],
         function: int | HasAddress) -> None:
    """Make a plan's calls on ``masm`` with this call's values in their places."""
    for name, operands, values in ops:
        if values is not None:
            filled = list(operands)
            for at, v in values:
                if v.index < 0:
                    filled[at] = _address(function)
                else:
                    a = args[v.index]
                    filled[at] = struct.unpack("<Q", struct.pack("<d", a))[0] \
                        if v.bits and isinstance(a, float) else a
            operands = tuple(filled)
        getattr(masm, name)(*operands)


def emit_host_call(masm: MacroAssembler, function: int | HasAddress,
                   args: Sequence[HostArg] = (), *,
                   live: Iterable[Register] = (),
                   result: GPRegister | FPRegister | None = None) -> None:
    """Call a host function (e.g. ``a64jit.host_function``) from JIT code.

    ``args`` are placed by :func:`~a64jit.abi.aapcs64.assign_call`, the one
    AAPCS64 implementation: any number of them, integers in x0-x7 and
    floating-point values in d0-d7/s0-s7, the rest in 8-byte stack slots.
    Each argument's type comes from its operand: an ``x`` register or an
    ``int`` is an int64, a ``w`` register an int32, a ``d`` register or a
    ``float`` a double, an ``s`` register a float (declare the host function's
    argtypes to match). ``result``, if given, receives the result: an x/w
    register the integer result (x0), a d/s register the floating-point one
    (d0/s0).

    ``live`` lists registers whose values must survive the call. Caller-saved
    ones are stored below SP and reloaded after it: x0-x17, d0-d7 and d16-d31
    (a ``q`` register keeps all 128 bits, also for v8-v15, whose upper halves
    the callee may clobber); callee-saved ones (x19-x28, the d views of
    d8-d15) survive anyway. SP must be 16-byte aligned before the call and
    stays so at the ``blr``. Clobbers x16/x17 and the argument registers.

    The placement is worked out once per call shape (the registers and the kinds
    of constants passed, the live registers, the result) and replayed with each
    call's constants and address: a JIT makes the same few calls at many sites.
    """
    if not hasattr(masm, "scratch"):  # (before anything is emitted)
        raise OperandError(f"emit_host_call: masm must be a MacroAssembler (the call "
                           f"needs its scratch registers); got {type(masm).__name__}")
    args = tuple(args)
    live = tuple(live)
    key = (*[a if isinstance(a, Register) else type(a) for a in args], None, *live, None,
           result)
    try:
        plan = _PLANS.get(key)
        keep = True
    except TypeError:  # an unhashable operand: planned alone (its checks say what is wrong)
        plan = None
        keep = False
    if plan is None:
        plan = _Plan(args, live, result)
        if keep:
            if len(_PLANS) >= _PLAN_LIMIT:
                _PLANS.clear()
            _PLANS[key] = plan
    declared = getattr(function, "argtypes", None)  # a host_function's (not a bare address)
    if type(declared) is tuple:
        sig = (declared, getattr(function, "restype", None))
        if sig not in plan.signed:
            _check_signature(function, sig, plan.types, plan.result_type)
            plan.signed.add(sig)
    _run(masm, plan.before, args, function)
    with masm.scratch("host call") as s:
        temp = s.acquire(avoid=plan.avoid)
        _run(masm, plan.inside(temp), args, function)
    _run(masm, plan.after, args, function)


class VMState:
    """A VMContext and its register file in ``alloc_data`` memory (visible to
    generated code at the same address on every backend)."""

    def __init__(self, nregs: int = 16) -> None:
        from .. import runtime

        self.nregs = nregs
        self._ctx_block: Any = runtime.alloc_data(ctypes.sizeof(VMContext))
        self._regs_block: Any = runtime.alloc_data(max(8, 8 * nregs))
        self.ctx = VMContext.from_buffer(self._ctx_block)
        self.regs = (ctypes.c_int64 * nregs).from_buffer(self._regs_block)
        self.ctx.regs = self.regs_address

    @property
    def address(self) -> int:
        """Address of the VMContext (the ``ctx`` argument of ``enter``)."""
        address: int = self._ctx_block.address
        return address

    @property
    def regs_address(self) -> int:
        address: int = self._regs_block.address
        return address


class Bridge:
    """The trampoline installed in a JitBuffer: ``enter`` from Python, the exit
    stub's address for JIT code generation."""

    def __init__(self, buffer: Any = None) -> None:
        from .. import runtime

        self._own = buffer is None
        self.buffer: Any = runtime.JitBuffer() if buffer is None else buffer
        masm, entry, exit_at = build_bridge()
        assert entry == 0
        self._entry: Any = self.buffer.install(
            masm, restype=ctypes.c_uint64, argtypes=[ctypes.c_void_p, ctypes.c_void_p])
        #: Address of ``uint64 enter(VMContext *ctx, void *code)``.
        self.entry_address: int = self._entry.address
        #: Where JIT code jumps to leave (see :func:`emit_exit`).
        self.exit_address: int = self._entry.address + exit_at

    @property
    def address(self) -> int:
        return self.entry_address

    def enter(self, state: VMState | int, code: int | HasAddress) -> int:
        """Run JIT ``code`` with the VM ``state``; return why it came back (an
        :class:`ExitReason`, or the VM's own int reason code)."""
        if isinstance(state, VMState):
            state.ctx.exit_stub = self.exit_address
            ctx = state.address
        else:
            ctx = state
        reason = int(self._entry(ctx, _address(code)))
        try:
            return ExitReason(reason)
        except ValueError:
            return reason

    def close(self) -> None:
        if self._own:
            self.buffer.close()
