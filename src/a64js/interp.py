"""The bytecode interpreter.

Each instruction is decoded once, at a function's first call, into a Python closure
(its *handler*) made by the factory that ``FACTORIES`` maps its opcode to. The
closure binds the operands (slot numbers, constants, inline-cache cells, the next
pc) as free variables, so executing an instruction is one call ``pc = ops[pc](regs)``
with nothing left to decode and nothing allocated for the dispatch itself.
A handler returns the next pc; ``Return`` stores the result in slot 0 and returns -1.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from . import runtime as rt
from .bytecode import OP, OPCODES, SIG, THROW_KINDS, Code, report_place, source_name
from .runtime import (
    ACCESSOR_EPOCH,
    READ_ONLY_CONSTANTS,
    R,
    add_slow,
    call,
    construct,
    delete_message,
    delete_prop,
    destructure_message,
    div,
    get,
    get_elem,
    loose_eq,
    mod,
    name_method,
    not_iterable_message,
    object_not_iterable_message,
    power,
    put,
    put_elem,
    read_only,
    strict_eq,
    throw,
    to_boolean,
    to_display,
    to_key,
    to_string,
    typeof,
)
from .values import (
    HOLE,
    NULL,
    PRIVATE,
    UNINITIALIZED,
    Accessor,
    JSArray,
    JSFunction,
    JSObject,
    JSThrow,
    JSValue,
    NativeFunction,
    string_items,
    tdz_message,
    to_int32,
    to_number,
    to_uint32,
)

Regs = list[Any]
Op = Callable[[Regs], int]
MAXI = 9007199254740992
MINI = -9007199254740992


class Stats:
    """Counters for --stats."""

    calls = 0
    functions_decoded = 0
    instructions_decoded = 0
    ic_hits = 0
    ic_misses = 0


class Counts:
    """Opt-in counts of executed instructions, for profiling the interpreter.

    Set ``Counts.enabled = True`` before any function runs (decoding then wraps every
    handler in a counter; nothing is counted, and nothing slows down, otherwise).
    ``ops`` maps an opcode name to its executions, ``pairs`` (name, next name) within one
    function to theirs: the candidates for superinstructions.
    """

    enabled = False
    #: superinstructions on (turn off to count the instructions as compiled)
    fusion = True
    ops: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}


def _counted(name: str, op: Op) -> Op:
    ops = Counts.ops
    pairs = Counts.pairs
    last = _LAST_OP

    def counted(f: Regs) -> int:
        ops[name] = ops.get(name, 0) + 1
        key = (last.get(id(f), ""), name)
        pairs[key] = pairs.get(key, 0) + 1
        last[id(f)] = name
        return op(f)
    return counted


#: id(frame) -> the opcode it executed last (counting mode only)
_LAST_OP: dict[int, str] = {}


class Decoder:
    """What a handler factory needs besides the operands."""

    __slots__ = ("caches", "code", "consts", "insns", "pc")

    def __init__(self, code: Code) -> None:
        self.code = code
        self.insns = code.insns  # with jumps threaded, once decode has done that
        self.pc = 0
        self.consts = code.consts
        # pc -> the inline cache of a GetProp/SetProp there (for superinstructions)
        self.caches: dict[int, list[Any]] = {}


def decode(code: Code) -> list[Op]:
    """Turn the instructions of ``code`` into handlers (once per function)."""
    d = Decoder(code)
    insns = d.insns = _thread_jumps(code.insns)
    ops: list[Op] = []
    for pc, ins in enumerate(insns):
        d.pc = pc
        ops.append(FACTORIES[ins[0]](d, *ins[1:]))
    names = [OPCODES[ins[0]][0] for ins in insns]
    singles = ops
    if Counts.fusion:
        # superinstructions: the handler at pc also does pc+1 (and maybe pc+2) on its
        # fast path; the standalone handlers stay, for jumps to pc+1 and for slow cases
        fused: dict[int, Op] = {}
        for pc in range(len(insns) - 1):
            fuse = FUSIONS.get((insns[pc][0], insns[pc + 1][0]))
            if fuse is not None:
                d.pc = pc
                got = fuse(d, insns[pc], insns[pc + 1], ops)
                if got is not None:
                    fused[pc] = got[0]
                    names[pc] = got[1]
        ops = [fused.get(pc, op) for pc, op in enumerate(ops)]
    if Counts.enabled:
        ops = [_counted(name, op) for name, op in zip(names, ops, strict=True)]
    elif Blocks.enabled:
        ops = list(ops)
        _install_blocks(code, insns, ops, singles, d.caches)
    code.ops = ops
    code.pad = [None] * (code.kbase - 3 - code.nparams) + list(code.consts)
    # Call may build the frame itself (slot 0 unused: no Rest/Arguments reads it) for an
    # ordinary function or method called with as many arguments as it has parameters
    direct = code.kind in ("normal", "method") and not code.is_class_ctor and not any(
        ins[0] in _READS_ARGS for ins in insns)
    code.direct_argc = code.nparams if direct else -2
    # New likewise, for a base constructor (a class's or a function's)
    direct = code.kind in ("normal", "ctor") and not code.is_derived and not any(
        ins[0] in _READS_ARGS for ins in insns)
    code.direct_new = code.nparams if direct else -2
    Stats.functions_decoded += 1
    Stats.instructions_decoded += len(ops)
    return ops


_READS_ARGS = frozenset({OP["Rest"], OP["Arguments"]})
_JUMP = OP["Jump"]
_JUMP_IF = (OP["JumpIfTrue"], OP["JumpIfFalse"])


def _thread_jumps(insns: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """The instructions with every jump target followed through the jumps it lands on:
    a ``Jump``, or a JumpIfTrue/JumpIfFalse that tests the register the jumping
    JumpIfTrue/JumpIfFalse has just tested (``a || b || c``). Those land on tests without
    effects, so skipping them changes nothing but the number of dispatches."""

    def final(t: int, reg: int, truth: bool | None) -> int:
        seen: set[int] = set()
        while 0 <= t < len(insns) and t not in seen:
            seen.add(t)
            ins = insns[t]
            if ins[0] == _JUMP:
                t = ins[1]
            elif truth is not None and ins[0] in _JUMP_IF and ins[1] == reg:
                taken = truth if ins[0] == _JUMP_IF[0] else not truth
                t = ins[2] if taken else t + 1
            else:
                break
        return t

    out = list(insns)
    for pc, ins in enumerate(insns):
        if ins[0] in _JUMP_IF:
            out[pc] = (ins[0], ins[1], final(ins[2], ins[1], ins[0] == _JUMP_IF[0]))
        elif "l" in SIG[ins[0]]:
            out[pc] = tuple(final(v, -1, None) if kind == "l" else v
                            for kind, v in zip("o" + SIG[ins[0]], ins, strict=True))
    return out

#: id(value) -> (value, (code, pc)) of recently caught exceptions, so that a rethrow keeps
#: the place of the original throw (what the uncaught-exception report names).
_THROWN_AT: dict[int, tuple[Any, Any]] = {}


def _handler_for(code: Code, pc: int) -> tuple[int, int] | None:
    for start, end, handler, reg in code.handlers:
        if start <= pc < end:
            return handler, reg
    return None


def run(fn: JSFunction, this: JSValue, args: list[JSValue]) -> JSValue:
    """Call the bytecode function ``fn``: build its frame and interpret it.

    The generic entry (natives calling back, ``new``, calls whose argument count differs
    from the parameter count); ``Call`` builds the frame of a plain call itself.
    """
    code = fn.code
    ops = code.ops
    if ops is None:
        ops = decode(code)
    np = code.nparams
    if code.kind == "arrow":
        this = fn.this_val
    na = len(args)
    if na == np:
        f = [args, this, fn, *args, *code.pad]
    elif na > np:
        f = [args, this, fn, *args[:np], *code.pad]
    else:
        f = [args, this, fn, *args, *([None] * (np - na)), *code.pad]
    pc = 0
    try:
        while pc >= 0:
            pc = ops[pc](f)
        return f[0]
    except (JSThrow, RecursionError) as e:
        return resume(code, ops, f, _fault_pc(e, pc), e)
    except rt.Unsupported as e:
        raise _locate(e, code, _fault_pc(e, pc)) from None


def _locate(e: rt.Unsupported, code: Code, pc: int) -> rt.Unsupported:
    """``e`` with the place of ``code``'s instruction ``pc``."""
    line, col = code.lines[pc] if 0 <= pc < len(code.lines) else (0, 0)
    return e.at(code.filename, line, col)


def resume(code: Code, ops: list[Op], f: Regs, pc: int, exc: Exception) -> JSValue:
    """Continue frame ``f`` of ``code`` after ``exc`` escaped its instruction ``pc``: in the
    innermost exception handler around ``pc``, or (none) re-raise it, annotated with the
    place of the throw. Returns the frame's result."""
    while True:
        h = _handler_for(code, pc)
        if type(exc) is JSThrow:
            where = getattr(exc, "where", None)
            if where is None:
                where = exc.where = (code, pc)  # type: ignore[attr-defined]
            elif where[0] is not code:  # (named at the program's frame, not assert.js's)
                where = exc.where = report_place(where, code, pc)  # type: ignore[attr-defined]
            if h is None:
                raise exc
            # a finally block may rethrow this value: remember where it was first thrown
            if len(_THROWN_AT) > 64:
                _THROWN_AT.clear()
            value = exc.value
            _THROWN_AT[id(value)] = (value, where)
        else:  # RecursionError: JavaScript's RangeError
            err = rt.throw("RangeError", "Maximum call stack size exceeded")
            if h is None:
                err.where = (code, pc)  # type: ignore[attr-defined]
                raise err from None
            value = err.value
        f[h[1]] = value
        pc = h[0]
        try:
            while pc >= 0:
                pc = ops[pc](f)
            return f[0]
        except (JSThrow, RecursionError) as e:
            exc = e
            pc = _fault_pc(e, pc)
        except rt.Unsupported as e:
            raise _locate(e, code, _fault_pc(e, pc)) from None


R.run = run


# -- handler factories --------------------------------------------------------------------
# Each takes the decoder and the operands and returns the handler closure.

def f_LoadK(d: Decoder, a: int, k: int) -> Op:
    n = d.pc + 1
    v = d.consts[k]

    def op(f: Regs) -> int:
        f[a] = v
        return n
    return op


def f_Mov(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = f[b]
        return n
    return op


def f_Add(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    if a == b:
        def op_acc(f: Regs) -> int:
            # s += t: drop the frame's reference first, so that CPython can append to
            # the string in place (amortised O(1)) when nothing else holds it
            x = f[b]
            y = f[c]
            if type(x) is int and type(y) is int:
                r = x + y
                f[a] = r if MINI <= r <= MAXI else float(r)
            elif type(x) is str and type(y) is str:
                f[a] = None
                x += y
                f[a] = x
            elif type(x) is float and type(y) is float:
                f[a] = x + y
            else:
                f[a] = add_slow(x, y)
            return n
        return op_acc

    def op(f: Regs) -> int:
        x = f[b]
        y = f[c]
        if type(x) is int and type(y) is int:
            r = x + y
            f[a] = r if MINI <= r <= MAXI else float(r)
        elif type(x) is float and type(y) is float:
            f[a] = x + y
        else:
            f[a] = add_slow(x, y)
        return n
    return op


def f_AddK(d: Decoder, a: int, b: int, k: int) -> Op:
    n = d.pc + 1
    y = d.consts[k]

    def op(f: Regs) -> int:
        x = f[b]
        if type(x) is int:
            r = x + y
            f[a] = r if MINI <= r <= MAXI else float(r)
        elif type(x) is float:
            f[a] = x + y
        elif y < 0:  # the compiler's `x - k`
            f[a] = rt.sub(x, -y)
        else:
            f[a] = add_slow(x, y)
        return n
    return op


def f_Sub(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        y = f[c]
        if type(x) is int and type(y) is int:
            r = x - y
            f[a] = r if MINI <= r <= MAXI else float(r)
        elif type(x) is float and type(y) is float:
            f[a] = x - y
        else:
            f[a] = rt.sub(x, y)
        return n
    return op


def f_Mul(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        y = f[c]
        if type(x) is int and type(y) is int:
            r = x * y
            if r == 0:
                f[a] = -0.0 if x < 0 or y < 0 else 0
            else:
                f[a] = r if MINI <= r <= MAXI else float(r)
        elif type(x) is float and type(y) is float:
            f[a] = x * y
        else:
            f[a] = rt.mul(x, y)
        return n
    return op


def _simple(fn: Callable[[Any, Any], Any]) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, c: int) -> Op:
        n = d.pc + 1

        def op(f: Regs) -> int:
            f[a] = fn(f[b], f[c])
            return n
        return op
    return factory


def f_Div(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        y = f[c]
        if type(x) is float and type(y) is float and y:
            f[a] = x / y
        else:
            f[a] = div(x, y)
        return n
    return op


def f_Mod(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        y = f[c]
        if type(x) is int and type(y) is int and x >= 0 and y > 0:
            f[a] = x % y
        else:
            f[a] = mod(x, y)
        return n
    return op


def _int32(fn: Callable[[int, int], int]) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, c: int) -> Op:
        n = d.pc + 1

        def op(f: Regs) -> int:
            r = fn(to_int32(f[b]), to_int32(f[c]))
            if not -2147483648 <= r <= 2147483647:
                r = ((r + 2147483648) & 0xFFFFFFFF) - 2147483648
            f[a] = r
            return n
        return op
    return factory


def f_BitAnd(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        y = f[c]
        if type(x) is int and type(y) is int and -2147483648 <= x <= 2147483647 \
                and -2147483648 <= y <= 2147483647:
            f[a] = x & y
        else:
            f[a] = to_int32(x) & to_int32(y)
        return n
    return op


def f_BitOr(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        y = f[c]
        if type(x) is int and type(y) is int and -2147483648 <= x <= 2147483647 \
                and -2147483648 <= y <= 2147483647:
            f[a] = x | y
        else:
            f[a] = to_int32(x) | to_int32(y)
        return n
    return op


def f_Shl(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        r = (to_int32(f[b]) << (to_uint32(f[c]) & 31)) & 0xFFFFFFFF
        f[a] = r - 0x100000000 if r >= 0x80000000 else r
        return n
    return op


def f_Sar(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = to_int32(f[b]) >> (to_uint32(f[c]) & 31)
        return n
    return op


def f_Shr(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = to_uint32(f[b]) >> (to_uint32(f[c]) & 31)
        return n
    return op


def _cmp(fast: Callable[[Any, Any], bool], slow: Callable[[Any, Any], bool]
         ) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, c: int) -> Op:
        n = d.pc + 1

        def op(f: Regs) -> int:
            x = f[b]
            y = f[c]
            if type(x) is int and type(y) is int:
                f[a] = fast(x, y)
            else:
                f[a] = slow(x, y)
            return n
        return op
    return factory


def f_Lt(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        y = f[c]
        if type(x) is int and type(y) is int:
            f[a] = x < y
        else:
            f[a] = rt.lt(x, y)
        return n
    return op


def f_StrictEq(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        y = f[c]
        f[a] = x == y if type(x) is type(y) else strict_eq(x, y)
        return n
    return op


def f_StrictNe(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        y = f[c]
        f[a] = x != y if type(x) is type(y) else not strict_eq(x, y)
        return n
    return op


def _unary(fn: Callable[[Any], Any]) -> Callable[[Decoder, int, int], Op]:
    def factory(d: Decoder, a: int, b: int) -> Op:
        n = d.pc + 1

        def op(f: Regs) -> int:
            f[a] = fn(f[b])
            return n
        return op
    return factory


def _neg(x: JSValue) -> JSValue:
    x = to_number(x)
    if type(x) is int:
        return -x if x != 0 else -0.0
    return -x


def f_Not(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        f[a] = (not x) if type(x) is bool else not to_boolean(x)
        return n
    return op


def f_Inc(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        if type(x) is int and x < MAXI:
            f[a] = x + 1
        else:
            f[a] = rt.arith("+", to_number(x), 1)
        return n
    return op


def f_Dec(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        if type(x) is int and x > MINI:
            f[a] = x - 1
        else:
            f[a] = rt.arith("-", to_number(x), 1)
        return n
    return op


def f_ToNumber(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[b]
        f[a] = x if type(x) is int else to_number(x)
        return n
    return op


def f_Jump(d: Decoder, t: int) -> Op:
    def op(f: Regs) -> int:
        return t
    return op


def f_JumpIfTrue(d: Decoder, a: int, t: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[a]
        if x is True:
            return t
        if x is False:
            return n
        return t if to_boolean(x) else n
    return op


def f_JumpIfFalse(d: Decoder, a: int, t: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[a]
        if x is False:
            return t
        if x is True:
            return n
        return n if to_boolean(x) else t
    return op


def f_JumpIfNullish(d: Decoder, a: int, t: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[a]
        return t if x is None or x is NULL else n
    return op


def f_JumpIfNotNullish(d: Decoder, a: int, t: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[a]
        return n if x is None or x is NULL else t
    return op


def f_JumpIfNotLt(d: Decoder, a: int, b: int, t: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[a]
        y = f[b]
        if type(x) is int and type(y) is int:
            return n if x < y else t
        return n if rt.lt(x, y) else t
    return op


def f_JumpIfNotLe(d: Decoder, a: int, b: int, t: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[a]
        y = f[b]
        if type(x) is int and type(y) is int:
            return n if x <= y else t
        return n if rt.le(x, y) else t
    return op


def f_JumpIfNotGt(d: Decoder, a: int, b: int, t: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[a]
        y = f[b]
        if type(x) is int and type(y) is int:
            return n if x > y else t
        return n if rt.gt(x, y) else t
    return op


def f_JumpIfNotGe(d: Decoder, a: int, b: int, t: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[a]
        y = f[b]
        if type(x) is int and type(y) is int:
            return n if x >= y else t
        return n if rt.ge(x, y) else t
    return op


def _jump_if(fast: Callable[[Any, Any], bool], slow: Callable[[Any, Any], bool]
             ) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, t: int) -> Op:
        n = d.pc + 1

        def op(f: Regs) -> int:
            x = f[a]
            y = f[b]
            if type(x) is int and type(y) is int:
                return t if fast(x, y) else n
            return t if slow(x, y) else n
        return op
    return factory


def f_JumpIfLt(d: Decoder, a: int, b: int, t: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[a]
        y = f[b]
        if type(x) is int and type(y) is int:
            return t if x < y else n
        return t if rt.lt(x, y) else n
    return op


def f_JumpIfLe(d: Decoder, a: int, b: int, t: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[a]
        y = f[b]
        if type(x) is int and type(y) is int:
            return t if x <= y else n
        return t if rt.le(x, y) else n
    return op


# Two values of one type are strictly equal when Python's == says so: numbers (NaN, -0
# included), strings and booleans by value, objects and the singletons by identity (no
# value class defines __eq__).

def f_JumpIfNotStrictEq(d: Decoder, a: int, b: int, t: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[a]
        y = f[b]
        if type(x) is type(y):
            return n if x == y else t
        return n if strict_eq(x, y) else t
    return op


def f_JumpIfStrictEq(d: Decoder, a: int, b: int, t: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        x = f[a]
        y = f[b]
        if type(x) is type(y):
            return t if x == y else n
        return t if strict_eq(x, y) else n
    return op


# -- properties with inline caches -------------------------------------------------------

_VIRTUAL = frozenset({"length", "name", "prototype"})
#: receiver shapes a GetProp site remembers besides its last one
POLY = 8
_CHAINABLE = frozenset({JSObject, JSFunction, JSArray})


def _load_ic(o: JSValue, key: str, cache: list[Any]) -> JSValue:
    """Slow path of GetProp: look up, then remember how (own slot or prototype slot).

    cache: [own shape, own index, receiver shape, chain of (object, shape) up to the
    holder, holder, holder index, accessor?, (String.prototype, its shape, index), the
    chain's one entry when it has one, {receiver shape: own index or (chain, holder,
    holder index, accessor?)}]: the first entries are the handler's (the last shape
    seen); the table holds up to POLY shapes seen at the site (a method called on
    objects of several classes), consulted here before a lookup and made the handler's.
    """
    t = type(o)
    if t is JSObject or t is JSArray or t is JSFunction or t is NativeFunction:
        if t is not JSObject and key in _VIRTUAL:
            return get(o, key)
        sh = o.shape
        seen = cache[9]
        hit = seen.get(sh)
        if hit is not None:
            if type(hit) is int:
                cache[0] = sh
                cache[1] = hit
                return o.slots[hit]
            chain_t, holder, j, acc = hit
            for po, ps in chain_t:
                if po.shape is not ps:
                    break
            else:
                cache[2] = sh
                cache[3] = chain_t
                cache[4] = holder
                cache[5] = j
                cache[6] = acc
                cache[8] = chain_t[0] if len(chain_t) == 1 else None
                v = holder.slots[j]
                return _getter(v, o) if acc else v
            del seen[sh]  # a prototype changed: look up again
        Stats.ic_misses += 1
        i = sh.index.get(key)
        if i is not None:
            if key not in sh.accessors:
                cache[0] = sh
                cache[1] = i
                if not sh.dictionary and len(seen) < POLY:
                    seen[sh] = i
        else:
            # found on a prototype: remember the chain of shapes that must not change
            chain: list[tuple[JSObject, Any]] = []
            cur = sh.proto
            while cur is not None and type(cur) in _CHAINABLE:
                csh = cur.shape
                chain.append((cur, csh))
                j = csh.index.get(key)
                if j is not None:
                    # a dictionary shape gains keys in place: the identity checks of the
                    # chain could not see the key appear on the receiver or on the way
                    if len(chain) <= 4 and not sh.dictionary and \
                            not any(s.dictionary for _, s in chain[:-1]):
                        cache[2] = sh
                        cache[3] = tuple(chain)
                        cache[4] = cur
                        cache[5] = j
                        cache[6] = key in csh.accessors
                        # the usual case, a method of the receiver's class: one check
                        cache[8] = chain[0] if len(chain) == 1 else None
                        if len(seen) < POLY:
                            seen[sh] = (cache[3], cur, j, cache[6])
                    break
                cur = csh.proto
        return get(o, key)
    Stats.ic_misses += 1
    if t is str:
        p = R.string_proto
        j = p.shape.index.get(key)
        if j is not None and key not in p.shape.accessors:
            cache[7] = (p, p.shape, j)
    return get(o, key)


def _getter(acc: Accessor, o: JSValue) -> JSValue:
    return None if acc.get is None else call(acc.get, o, [])


def f_GetProp(d: Decoder, a: int, b: int, k: int, fb: int) -> Op:
    n = d.pc + 1
    key = d.consts[k]
    cache: list[Any] = [None, 0, None, (), None, 0, False, None, None, {}]
    if key != "length":
        d.caches[d.pc] = cache
    if key == "length":
        def op_len(f: Regs) -> int:
            o = f[b]
            t = type(o)
            if t is JSArray:
                f[a] = len(o.elems)
            elif t is str:
                f[a] = len(o)
            else:
                f[a] = get(o, key)
            return n
        return op_len

    def op(f: Regs) -> int:
        o = f[b]
        t = type(o)
        if t is JSObject or t is JSArray or t is JSFunction or t is NativeFunction:
            sh = o.shape
            if sh is cache[0]:
                f[a] = o.slots[cache[1]]
                return n
            if sh is cache[2]:
                one = cache[8]
                if one is not None:
                    if one[0].shape is one[1]:
                        v = cache[4].slots[cache[5]]
                        f[a] = _getter(v, o) if cache[6] else v
                        return n
                else:
                    for po, ps in cache[3]:
                        if po.shape is not ps:
                            break
                    else:
                        v = cache[4].slots[cache[5]]
                        f[a] = _getter(v, o) if cache[6] else v
                        return n
        elif t is str:
            sc = cache[7]
            if sc is not None and sc[0].shape is sc[1]:
                f[a] = sc[0].slots[sc[2]]
                return n
        f[a] = _load_ic(o, key, cache)
        return n
    return op


def _store_ic(o: JSValue, key: str, v: JSValue, cache: list[Any],
              strict: bool = False) -> None:
    if type(o) is JSObject:
        sh = o.shape
        i = sh.index.get(key)
        if i is not None:
            if key not in sh.accessors and not (key in READ_ONLY_CONSTANTS
                                                and read_only(o, key)):
                cache[0] = sh
                cache[1] = i
        else:
            epoch = ACCESSOR_EPOCH[0]
            put(o, key, v, strict)
            nsh = o.shape
            if nsh is not sh and not nsh.dictionary and nsh.index.get(key) == len(sh.keys) \
                    and key not in nsh.accessors:
                cache[2] = sh
                cache[3] = nsh
                cache[4] = epoch
            return
    put(o, key, v, strict)


def f_SetProp(d: Decoder, a: int, k: int, c: int, fb: int) -> Op:
    n = d.pc + 1
    key = d.consts[k]
    cache: list[Any] = [None, 0, None, None, -1]
    d.caches[d.pc] = cache
    strict = d.code.strict

    def op(f: Regs) -> int:
        o = f[a]
        if type(o) is JSObject:
            sh = o.shape
            if sh is cache[0]:
                o.slots[cache[1]] = f[c]
                return n
            if sh is cache[2] and cache[4] == ACCESSOR_EPOCH[0]:
                o.shape = cache[3]
                o.slots.append(f[c])
                return n
        _store_ic(o, key, f[c], cache, strict)
        return n
    return op


def f_GetElem(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        o = f[b]
        k = f[c]
        if type(o) is JSArray and type(k) is int and k >= 0:
            el = o.elems
            if k < len(el):
                v = el[k]
                if v is not HOLE:
                    f[a] = v
                    return n
        f[a] = get_elem(o, k)
        return n
    return op


def f_SetElem(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    strict = d.code.strict

    def op(f: Regs) -> int:
        o = f[a]
        k = f[b]
        if type(o) is JSArray and type(k) is int and k >= 0:
            el = o.elems
            if k < len(el):
                el[k] = f[c]
                return n
            if k == len(el):
                el.append(f[c])
                return n
        put_elem(o, k, f[c], strict)
        return n
    return op


def f_DeleteProp(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        o = f[b]
        k = f[c]
        if type(o) is JSArray and type(k) is int and k >= 0:
            if k < len(o.elems):
                o.elems[k] = HOLE
            f[a] = True
        else:
            f[a] = delete_prop(o, to_key(k))
        return n
    return op


def f_DeletePropStrict(d: Decoder, a: int, b: int, c: int) -> Op:
    """``delete`` in strict code: what cannot be deleted is a TypeError."""
    n = d.pc + 1

    def op(f: Regs) -> int:
        o = f[b]
        key = to_key(f[c])
        if not delete_prop(o, key):
            what = "[object Array]" if type(o) is JSArray else \
                f"function {o.name}() {{ [native code] }}" if type(o) is NativeFunction \
                else to_display(o)
            raise throw("TypeError", delete_message(key, what))
        f[a] = True
        return n
    return op


def f_GetGlobal(d: Decoder, a: int, k: int) -> Op:
    n = d.pc + 1
    name = d.consts[k]
    g = R.globals

    def op(f: Regs) -> int:
        try:
            f[a] = g[name]
        except KeyError:
            v = R.global_obj.get_own(name)  # (a property a program gave globalThis)
            if v is HOLE:
                raise throw("ReferenceError", f"{name} is not defined") from None
            f[a] = get(R.global_obj, name)
        return n
    return op


def f_SetGlobal(d: Decoder, k: int, b: int) -> Op:
    n = d.pc + 1
    name = d.consts[k]
    g = R.globals

    def op(f: Regs) -> int:
        g[name] = f[b]
        put(R.global_obj, name, f[b])
        return n
    return op


def f_TypeOfGlobal(d: Decoder, a: int, k: int) -> Op:
    n = d.pc + 1
    name = d.consts[k]
    g = R.globals

    def op(f: Regs) -> int:
        f[a] = typeof(g[name]) if name in g else typeof(get(R.global_obj, name))
        return n
    return op


# -- contexts (captured variables) and closures ------------------------------------------

def f_NewContext(d: Decoder, a: int, b: int, size: int) -> Op:
    n = d.pc + 1
    pad = [None] * size

    if b < 0:
        def op_env(f: Regs) -> int:
            f[a] = [f[2].env, *pad]
            return n
        return op_env

    def op(f: Regs) -> int:
        f[a] = [f[b], *pad]
        return n
    return op


def f_CopyContext(d: Decoder, a: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = list(f[a])
        return n
    return op


def f_LdCtx(d: Decoder, a: int, b: int, i: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = f[b][i]
        return n
    return op


def f_StCtx(d: Decoder, a: int, i: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a][i] = f[c]
        return n
    return op


def f_LdEnv(d: Decoder, a: int, depth: int, i: int) -> Op:
    n = d.pc + 1
    if depth == 0:
        def op0(f: Regs) -> int:
            f[a] = f[2].env[i]
            return n
        return op0
    if depth == 1:
        def op1(f: Regs) -> int:
            f[a] = f[2].env[0][i]
            return n
        return op1

    def op(f: Regs) -> int:
        c = f[2].env
        for _ in range(depth):
            c = c[0]
        f[a] = c[i]
        return n
    return op


def f_LdEnvChecked(d: Decoder, a: int, depth: int, i: int, k: int) -> Op:
    n = d.pc + 1
    name = d.consts[k]

    def op(f: Regs) -> int:
        c = f[2].env
        for _ in range(depth):
            c = c[0]
        v = c[i]
        if v is UNINITIALIZED:
            raise throw("ReferenceError", tdz_message(name))
        f[a] = v
        return n
    if depth == 0:
        def op0(f: Regs) -> int:
            v = f[2].env[i]
            if v is UNINITIALIZED:
                raise throw("ReferenceError", tdz_message(name))
            f[a] = v
            return n
        return op0
    return op


def f_StEnv(d: Decoder, depth: int, i: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        e = f[2].env
        for _ in range(depth):
            e = e[0]
        e[i] = f[c]
        return n
    return op


def f_Closure(d: Decoder, a: int, k: int, e: int) -> Op:
    n = d.pc + 1
    code = d.consts[k]
    arrow = code.kind == "arrow"

    def op(f: Regs) -> int:
        fn = JSFunction(R.function_proto, code, f[e] if e >= 0 else f[2].env)
        if arrow:
            fn.this_val = f[1]
            callee = f[2]
            if type(callee) is JSFunction:
                fn.home = callee.home
        f[a] = fn
        return n
    return op


# -- calls -----------------------------------------------------------------------------------

def _class_call(fn: JSFunction) -> JSThrow:
    return throw("TypeError", f"Class constructor {fn.code.name} cannot be invoked "
                              "without 'new'")


def _not_function(desc: str) -> JSThrow:
    return throw("TypeError", f"{desc} is not a function")


def f_Call(d: Decoder, a: int, b: int, c: int, base: int, argc: int, k: int) -> Op:
    n = d.pc + 1
    desc = d.consts[k]
    end = base + argc

    def op(f: Regs) -> int:
        fn = f[b]
        t = type(fn)
        if t is JSFunction:
            code = fn.code
            if code.direct_argc == argc:
                # the frame directly, and the callee's instructions run in this handler:
                # one Python call per JavaScript call
                fr = [None, f[c], fn, *f[base:end], *code.pad]
                ops = code.ops
                pc = 0
                try:
                    while pc >= 0:
                        pc = ops[pc](fr)
                    f[a] = fr[0]
                except (JSThrow, RecursionError) as e:
                    f[a] = resume(code, ops, fr, _fault_pc(e, pc), e)
                return n
            if code.is_class_ctor:
                raise _class_call(fn)
            f[a] = run(fn, f[c], f[base:end])
        elif t is NativeFunction:
            f[a] = fn.fn(f[c], f[base:end])
        else:
            raise _not_function(desc)
        return n
    return op


def _spread_args(v: JSValue) -> list[JSValue]:
    assert type(v) is JSArray
    return [None if x is HOLE else x for x in v.elems]


def f_CallSpread(d: Decoder, a: int, b: int, c: int, arr: int, k: int) -> Op:
    n = d.pc + 1
    desc = d.consts[k]

    def op(f: Regs) -> int:
        fn = f[b]
        if not rt.is_callable(fn):
            raise _not_function(desc)
        if type(fn) is JSFunction and fn.code.is_class_ctor:
            raise _class_call(fn)
        f[a] = call(fn, f[c], _spread_args(f[arr]))
        return n
    return op


def f_New(d: Decoder, a: int, b: int, base: int, argc: int, k: int) -> Op:
    n = d.pc + 1
    desc = d.consts[k]
    end = base + argc

    def op(f: Regs) -> int:
        fn = f[b]
        if type(fn) is JSFunction:
            code = fn.code
            if code.direct_new == argc:
                # as construct() does, with the frame built here (as Call does)
                proto = rt.obj_get(fn, "prototype", fn)
                obj = JSObject(proto if isinstance(proto, JSObject) else R.object_proto)
                fr = [None, obj, fn, *f[base:end], *code.pad]
                ops = code.ops
                pc = 0
                try:
                    while pc >= 0:
                        pc = ops[pc](fr)
                    r = fr[0]
                except (JSThrow, RecursionError) as e:
                    r = resume(code, ops, fr, _fault_pc(e, pc), e)
                f[a] = r if isinstance(r, JSObject) else obj
                return n
        f[a] = construct(fn, f[base:end], desc)
        return n
    return op


def f_NewSpread(d: Decoder, a: int, b: int, arr: int, k: int) -> Op:
    n = d.pc + 1
    desc = d.consts[k]

    def op(f: Regs) -> int:
        f[a] = construct(f[b], _spread_args(f[arr]), desc)
        return n
    return op


def _super_call(f: Regs, args: list[JSValue]) -> JSValue:
    me = f[2]
    while type(me) is JSFunction and me.code.kind == "arrow":
        me = None  # super() inside an arrow function is outside the subset
    if type(me) is not JSFunction:
        raise throw("SyntaxError", "'super' keyword unexpected here")
    parent = me.shape.proto
    this = f[1]
    if type(parent) is JSFunction:
        r = run(parent, this, args)
        if isinstance(r, JSObject) and r is not this:
            raise throw("TypeError", "a64js: a base constructor that returns a different "
                                     "object is not supported with super()")
    elif type(parent) is NativeFunction and parent.ctor is not None:
        parent.ctor(this, args)
    else:
        raise throw("TypeError", "Super constructor is not a constructor")
    if me.fields is not None:
        run(me.fields, this, [])
    return this


def f_SuperCall(d: Decoder, a: int, base: int, argc: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = _super_call(f, f[base:base + argc])
        return n
    return op


def f_SuperCallSpread(d: Decoder, a: int, arr: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = _super_call(f, _spread_args(f[arr]))
        return n
    return op


def _super_get(f: Regs, key: str) -> JSValue:
    home = f[2].home
    if home is None:
        raise throw("SyntaxError", "'super' keyword unexpected here")
    proto = home.shape.proto
    if proto is None:
        return None
    return rt.obj_get(proto, key, f[1])


def f_SuperGet(d: Decoder, a: int, k: int) -> Op:
    n = d.pc + 1
    key = d.consts[k]

    def op(f: Regs) -> int:
        f[a] = _super_get(f, key)
        return n
    return op


def f_SuperGetElem(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = _super_get(f, to_key(f[b]))
        return n
    return op


def f_Return(d: Decoder, a: int) -> Op:
    def op(f: Regs) -> int:
        f[0] = f[a]
        return -1
    return op


def f_Throw(d: Decoder, a: int) -> Op:
    def op(f: Regs) -> int:
        v = f[a]
        e = JSThrow(v)
        seen = _THROWN_AT.get(id(v))
        if seen is not None and seen[0] is v:
            e.where = seen[1]  # type: ignore[attr-defined]
        raise e
    return op


def f_ThrowConst(d: Decoder, kind: int, k: int) -> Op:
    msg = d.consts[k]
    name = THROW_KINDS[kind]

    def op(f: Regs) -> int:
        raise throw(name, msg)
    return op


# -- literals ------------------------------------------------------------------------------

def f_NewObject(d: Decoder, a: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = JSObject(R.object_proto)
        return n
    return op


def f_NewArray(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    end = b + c

    def op(f: Regs) -> int:
        f[a] = JSArray(R.array_proto, f[b:end])
        return n
    return op


def f_ArrayPush(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a].elems.append(f[b])
        return n
    return op


def f_ArrayHole(d: Decoder, a: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a].elems.append(HOLE)
        return n
    return op


def iterate(v: JSValue, message: str | None = None) -> list[JSValue]:
    """The values for...of / spread / array destructuring produce (arrays and strings);
    ``message``: node's for a value never iterable, naming its source (Code.texts)."""
    t = type(v)
    if t is JSArray:
        if v.cls == "Array Iterator":  # (keys/values/entries: iterating takes its values)
            items: list[JSValue] = v.elems
            v.elems = []
            return items
        return [None if x is HOLE else x for x in v.elems]
    if t is str:
        return string_items(v)
    if isinstance(v, JSObject) and v.cls in ("Map", "Set"):
        it = get(v, "__values")
        if type(it) is JSArray:
            return list(it.elems)
    if isinstance(v, JSObject):  # (no Symbol.iterator here: no object is iterable)
        raise throw("TypeError", object_not_iterable_message(message))
    desc = "undefined" if v is None else ("null" if v is NULL else typeof(v))
    raise throw("TypeError", not_iterable_message(message, desc, to_string(v)))


def f_ArraySpread(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    message = d.code.texts.get(d.pc)

    def op(f: Regs) -> int:
        f[a].elems.extend(iterate(f[b], message))
        return n
    return op


def f_DefineField(d: Decoder, a: int, k: int, c: int) -> Op:
    n = d.pc + 1
    key = d.consts[k]
    private = key.startswith(PRIVATE)

    def op(f: Regs) -> int:
        o = f[a]
        if type(o) is JSArray and not private:  # (a private name: no brand check)
            put(o, key, f[c])
        else:
            o.put(key, f[c])
        return n
    return op


def f_DefineElem(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a].put(to_key(f[b]), f[c])
        return n
    return op


def f_DefineMethod(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        o = f[a]
        fn = f[c]
        fn.home = o
        key = to_key(f[b])
        o.put(key, fn)
        if not fn.code.name and key:
            name_method(fn, key)
        return n
    return op


def f_DefineGetter(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        o = f[a]
        f[c].home = o
        o.put_accessor(to_key(f[b]), get=f[c])
        ACCESSOR_EPOCH[0] += 1
        return n
    return op


def f_DefineSetter(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        o = f[a]
        f[c].home = o
        o.put_accessor(to_key(f[b]), set=f[c])
        ACCESSOR_EPOCH[0] += 1
        return n
    return op


def f_SetProto(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        p = f[b]
        if p is NULL or isinstance(p, JSObject):
            f[a].set_proto(None if p is NULL else p)
        return n
    return op


def f_CopyProps(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        src = f[b]
        dst = f[a]
        if type(src) is str:
            for i, ch in enumerate(src):
                dst.put(str(i), ch)
        elif isinstance(src, JSObject):
            for key in rt.own_keys(src):
                dst.put(key, get(src, key))
        return n
    return op


def f_ObjectRest(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        src = f[b]
        skip = set(f[c].elems)
        o = JSObject(R.object_proto)
        if isinstance(src, JSObject):
            for key in rt.own_keys(src):
                if key not in skip:
                    o.put(key, get(src, key))
        elif type(src) is str:  # its indices are its own enumerable keys
            for i, ch in enumerate(src):
                if str(i) not in skip:
                    o.put(str(i), ch)
        f[a] = o
        return n
    return op


def f_Class(d: Decoder, a: int, b: int, c: int, k: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        ctor = f[b]
        if c >= 0:
            parent = f[c]
            if parent is NULL:
                proto = JSObject(None)
            elif type(parent) is JSFunction or (type(parent) is NativeFunction
                                                and parent.ctor is not None):
                pp = get(parent, "prototype")
                if not (pp is NULL or isinstance(pp, JSObject)):
                    raise throw("TypeError", "Class extends value does not have valid "
                                             f"prototype property {to_string(pp)}")
                proto = JSObject(pp if isinstance(pp, JSObject) else None)
                ctor.set_proto(parent)
            else:
                raise throw("TypeError", f"Class extends value {rt.to_display(parent)} "
                                         "is not a constructor or null")
        else:
            proto = JSObject(R.object_proto)
        proto.put("constructor", ctor)
        ctor.put("prototype", proto)
        ctor.home = proto
        f[a] = ctor
        return n
    return op


def f_SetClassFields(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        cls = f[a]
        init = f[b]
        init.home = cls.get_own("prototype")
        cls.fields = init
        return n
    return op


def f_RunFields(d: Decoder) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        init = f[2].fields
        if init is not None:
            run(init, f[1], [])
        return n
    return op


def f_Rest(d: Decoder, a: int, i: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = JSArray(R.array_proto, list(f[0][i:]))
        return n
    return op


def f_Arguments(d: Decoder, a: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = JSArray(R.array_proto, list(f[0]))
        return n
    return op


def f_Slice(d: Decoder, a: int, b: int, i: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = JSArray(R.array_proto, iterate(f[b])[i:])
        return n
    return op


def f_ToArray(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    message = d.code.texts.get(d.pc)

    def op(f: Regs) -> int:
        v = f[b]
        f[a] = v if type(v) is JSArray and v.cls == "Array" \
            else JSArray(R.array_proto, iterate(v, message))
        return n
    return op


def f_Keys(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        v = f[b]
        keys: list[JSValue] = []
        if v is not None and v is not NULL:
            seen: set[str] = set()
            cur: JSObject | None
            if isinstance(v, JSObject):
                cur = v
            else:  # a string's indexes, then its prototypes' keys, as a number's
                if type(v) is str:
                    keys = [str(i) for i in range(len(v))]
                    seen.update(keys)
                cur = rt.proto_of_primitive(v, "")
            # own keys, then each prototype's: the built-in ones' are not enumerable, as
            # node's, but a key a program adds to one is (Array.prototype.last = ...)
            while cur is not None:
                for key in rt.own_keys(cur):
                    if key not in seen:
                        seen.add(key)
                        keys.append(key)
                cur = cur.shape.proto
        f[a] = JSArray(R.array_proto, keys)
        return n
    return op


def f_Concat(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    end = b + c

    def op(f: Regs) -> int:
        f[a] = "".join([x if type(x) is str else to_string(x) for x in f[b:end]])
        return n
    return op


def f_ToPropertyKey(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = to_key(f[b])
        return n
    return op


def f_RequireObject(d: Decoder, a: int, k: int) -> Op:
    n = d.pc + 1
    prop = d.consts[k]

    def op(f: Regs) -> int:
        v = f[a]
        if v is None or v is NULL:
            raise throw("TypeError", destructure_message(prop, to_string(v)))
        return n
    return op


def f_Nop(d: Decoder) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        return n
    return op


def f_TypeOf(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1

    def op(f: Regs) -> int:
        f[a] = typeof(f[b])
        return n
    return op


def _bitnot(x: JSValue) -> int:
    return ~to_int32(x)


def _eq(x: JSValue, y: JSValue) -> bool:
    return loose_eq(x, y)


def _ne(x: JSValue, y: JSValue) -> bool:
    return not loose_eq(x, y)


def _exp(x: JSValue, y: JSValue) -> JSValue:
    return power(x, y)


# -- superinstructions -----------------------------------------------------------------
# A fuser gets the decoder (pc = the first instruction), the two instructions and the
# standalone handlers, and returns the fused handler and its name, or None. A fused
# handler does only the fast paths of its parts, which cannot throw; anywhere else it
# hands over to the standalone handler of the part at hand (returning that part's pc),
# so that exceptions, their places and the results are exactly the unfused ones.

Fuser = Callable[[Decoder, tuple[int, ...], tuple[int, ...], list[Op]], tuple[Op, str] | None]

#: compare-and-branch opcode -> the comparison of two ints on which it branches
_INT_BRANCH: dict[int, Callable[[int, int], bool]] = {
    OP["JumpIfLt"]: operator.lt, OP["JumpIfNotLt"]: operator.ge,
    OP["JumpIfLe"]: operator.le, OP["JumpIfNotLe"]: operator.gt,
    OP["JumpIfGt"]: operator.gt, OP["JumpIfNotGt"]: operator.le,
    OP["JumpIfGe"]: operator.ge, OP["JumpIfNotGe"]: operator.lt,
    OP["JumpIfStrictEq"]: operator.eq, OP["JumpIfNotStrictEq"]: operator.ne,
}


def _fuse_add_branch(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                     ops: list[Op]) -> tuple[Op, str] | None:
    """Inc/AddK/Add then a compare-and-branch: a loop's update and test, on ints."""
    n1 = d.pc + 1
    n2 = d.pc + 2
    op1 = ops[d.pc]
    cmp = _INT_BRANCH[i2[0]]
    p, q, t = i2[1], i2[2], i2[3]
    a, b = i1[1], i1[2]
    name = f"{OPCODES[i1[0]][0]}+{OPCODES[i2[0]][0]}"
    if i1[0] == OP["Add"]:
        c = i1[3]

        def fused(f: Regs) -> int:
            x = f[b]
            y = f[c]
            if type(x) is int and type(y) is int:
                r = x + y
                if MINI <= r <= MAXI:
                    f[a] = r
                    x = f[p]
                    y = f[q]
                    if type(x) is int and type(y) is int:
                        return t if cmp(x, y) else n2
                    return n1
            return op1(f)
        return fused, name
    k = 1 if i1[0] == OP["Inc"] else d.consts[i1[3]]

    def fused_k(f: Regs) -> int:
        x = f[b]
        if type(x) is int:
            r = x + k
            if MINI <= r <= MAXI:
                f[a] = r
                x = f[p]
                y = f[q]
                if type(x) is int and type(y) is int:
                    return t if cmp(x, y) else n2
                return n1
        return op1(f)
    return fused_k, name


def _fuse_get_get(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                  ops: list[Op]) -> tuple[Op, str] | None:
    """Two property loads (``a.x - b.x``, ``o.p.q``) that hit own slots of plain objects."""
    c1 = d.caches.get(d.pc)
    c2 = d.caches.get(d.pc + 1)
    if c1 is None or c2 is None:
        return None
    n1 = d.pc + 1
    n2 = d.pc + 2
    op1 = ops[d.pc]
    a1, b1 = i1[1], i1[2]
    a2, b2 = i2[1], i2[2]

    def fused(f: Regs) -> int:
        o = f[b1]
        if type(o) is JSObject and o.shape is c1[0]:
            f[a1] = o.slots[c1[1]]
            o = f[b2]
            if type(o) is JSObject and o.shape is c2[0]:
                f[a2] = o.slots[c2[1]]
                return n2
            return n1
        return op1(f)
    return fused, "GetProp+GetProp"


def _fuse_length_branch(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                        ops: list[Op]) -> tuple[Op, str] | None:
    """``n = a.length`` of an array or string, then a compare-and-branch on ints
    (``i < a.length``; the test of for...of)."""
    if d.consts[i1[3]] != "length":
        return None
    n1 = d.pc + 1
    n2 = d.pc + 2
    op1 = ops[d.pc]
    cmp = _INT_BRANCH[i2[0]]
    a, b = i1[1], i1[2]
    p, q, t = i2[1], i2[2], i2[3]

    def fused(f: Regs) -> int:
        o = f[b]
        tp = type(o)
        if tp is JSArray:
            f[a] = len(o.elems)
        elif tp is str:
            f[a] = len(o)
        else:
            return op1(f)
        x = f[p]
        y = f[q]
        if type(x) is int and type(y) is int:
            return t if cmp(x, y) else n2
        return n1
    return fused, "GetProp.length+" + OPCODES[i2[0]][0]


_ARITH: dict[int, Callable[[Any, Any], Any]] = {
    OP["Add"]: operator.add, OP["Sub"]: operator.sub, OP["Mul"]: operator.mul,
}


def _fuse_arith(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                ops: list[Op]) -> tuple[Op, str] | None:
    """Two of Add/Sub/Mul (``x * y + z``) on two doubles (IEEE arithmetic is Python's) or
    two ints whose result is an exact int (not -0, within 2**53)."""
    n1 = d.pc + 1
    n2 = d.pc + 2
    op1 = ops[d.pc]
    f1 = _ARITH[i1[0]]
    f2 = _ARITH[i2[0]]
    mul1 = i1[0] == OP["Mul"]
    mul2 = i2[0] == OP["Mul"]
    a1, b1, c1 = i1[1], i1[2], i1[3]
    a2, b2, c2 = i2[1], i2[2], i2[3]

    def fused(f: Regs) -> int:
        x = f[b1]
        y = f[c1]
        if type(x) is float and type(y) is float:
            f[a1] = f1(x, y)
        elif type(x) is int and type(y) is int:
            r = f1(x, y)
            if not (MINI <= r <= MAXI and (r or not mul1)):
                return op1(f)
            f[a1] = r
        else:
            return op1(f)
        x = f[b2]
        y = f[c2]
        if type(x) is float and type(y) is float:
            f[a2] = f2(x, y)
            return n2
        if type(x) is int and type(y) is int:
            r = f2(x, y)
            if MINI <= r <= MAXI and (r or not mul2):
                f[a2] = r
                return n2
        return n1
    return fused, f"{OPCODES[i1[0]][0]}+{OPCODES[i2[0]][0]}"


def _fuse_env_elem(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                   ops: list[Op]) -> tuple[Op, str] | None:
    """A captured variable (depth 0), then an element of it: ``cols[c]`` in a closure."""
    if i1[2] != 0:
        return None
    n1 = d.pc + 1
    n2 = d.pc + 2
    op1 = ops[d.pc]
    a, i = i1[1], i1[3]
    a2, b2, c2 = i2[1], i2[2], i2[3]

    def fused(f: Regs) -> int:
        v = f[2].env[i]
        if v is UNINITIALIZED:
            return op1(f)
        f[a] = v
        o = f[b2]
        k = f[c2]
        if type(o) is JSArray and type(k) is int and k >= 0:
            el = o.elems
            if k < len(el):
                v = el[k]
                if v is not HOLE:
                    f[a2] = v
                    return n2
        return n1
    return fused, f"{OPCODES[i1[0]][0]}+GetElem"


def _fuse_env_branch(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                     ops: list[Op]) -> tuple[Op, str] | None:
    """A captured variable (depth 0), then a compare-and-branch on ints (``i < n``)."""
    if i1[2] != 0:
        return None
    n1 = d.pc + 1
    n2 = d.pc + 2
    cmp = _INT_BRANCH[i2[0]]
    a, i = i1[1], i1[3]
    p, q, t = i2[1], i2[2], i2[3]

    def fused(f: Regs) -> int:
        f[a] = f[2].env[i]
        x = f[p]
        y = f[q]
        if type(x) is int and type(y) is int:
            return t if cmp(x, y) else n2
        return n1
    return fused, "LdEnv+" + OPCODES[i2[0]][0]


def _fuse_addk_call(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                    ops: list[Op]) -> tuple[Op, str] | None:
    """``f(n - 1)``: the callee from a captured variable (depth 0) and AddK of an int into
    the argument slot, in one dispatch before the Call."""
    if i1[2] != 0:
        return None
    n1 = d.pc + 1
    n2 = d.pc + 2
    la, li = i1[1], i1[3]
    xa, xb, k = i2[1], i2[2], d.consts[i2[3]]

    def fused(f: Regs) -> int:
        f[la] = f[2].env[li]
        x = f[xb]
        if type(x) is int:
            r = x + k
            if MINI <= r <= MAXI:
                f[xa] = r
                return n2
        return n1
    return fused, "LdEnv+AddK"


def _fuse_branch_return(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                        ops: list[Op]) -> tuple[Op, str] | None:
    """A compare-and-branch on ints that falls through to a Return (``if (n < 2)
    return n;``)."""
    op1 = ops[d.pc]
    cmp = _INT_BRANCH[i1[0]]
    p, q, t = i1[1], i1[2], i1[3]
    r = i2[1]

    def fused(f: Regs) -> int:
        x = f[p]
        y = f[q]
        if type(x) is int and type(y) is int:
            if cmp(x, y):
                return t
            f[0] = f[r]
            return -1
        return op1(f)
    return fused, OPCODES[i1[0]][0] + "+Return"


def _fuse_arith_return(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                       ops: list[Op]) -> tuple[Op, str] | None:
    """Add/Sub/Mul of two ints (an exact int result) or two doubles, then Return it."""
    if i2[1] != i1[1]:
        return None
    op1 = ops[d.pc]
    n1 = d.pc + 1
    fn = _ARITH[i1[0]]
    mul = i1[0] == OP["Mul"]
    b, c = i1[2], i1[3]

    def fused(f: Regs) -> int:
        x = f[b]
        y = f[c]
        if type(x) is int and type(y) is int:
            r = fn(x, y)
            if MINI <= r <= MAXI and (r or not mul):
                f[0] = r
                return -1
        elif type(x) is float and type(y) is float:
            f[0] = fn(x, y)
            return -1
        op1(f)
        return n1
    return fused, OPCODES[i1[0]][0] + "+Return"


def _fuse_method_call(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                      ops: list[Op]) -> tuple[Op, str] | None:
    """``o.m(...)``: the method load (an own slot, or a data slot of the receiver's
    prototype) into the callee slot and up to 3 Movs of arguments, in one dispatch
    before the Call (which runs as its own handler)."""
    cache = d.caches.get(d.pc)
    insns = d.insns
    pc = d.pc
    at = pc + 1
    while at < len(insns) and at - pc <= 3 and insns[at][0] == OP["Mov"]:
        at += 1
    if cache is None or at >= len(insns) or insns[at][0] != OP["Call"] \
            or insns[at][2] != i1[1]:
        return None
    moves = tuple((ins[1], ins[2]) for ins in insns[pc + 1:at])
    op1 = ops[pc]
    a1, b1 = i1[1], i1[2]

    def fused(f: Regs) -> int:
        o = f[b1]
        t = type(o)
        if t is not JSObject and t is not JSArray:
            return op1(f)
        sh = o.shape
        if sh is cache[0]:
            f[a1] = o.slots[cache[1]]
        elif sh is cache[2] and not cache[6]:
            one = cache[8]
            if one is None or one[0].shape is not one[1]:
                return op1(f)
            f[a1] = cache[4].slots[cache[5]]
        else:
            return op1(f)
        for x, y in moves:
            f[x] = f[y]
        return at
    return fused, "GetProp+" + "Mov+" * len(moves) + "(Call)"


def _fuse_moves_call(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                     ops: list[Op]) -> tuple[Op, str] | None:
    """Up to 3 Movs of arguments into place, in one dispatch before the Call (which runs
    as its own handler: a copy of its direct-call loop here measured slower on
    minilang)."""
    insns = d.insns
    pc = d.pc
    at = pc
    while at < len(insns) and at - pc < 3 and insns[at][0] == OP["Mov"]:
        at += 1
    if at - pc < 2 and (at >= len(insns) or insns[at][0] != OP["Call"]):
        return None
    x1, y1 = insns[pc][1], insns[pc][2]
    if at - pc == 1:
        def move1(f: Regs) -> int:
            f[x1] = f[y1]
            return at
        return move1, "Mov+(Call)"
    x2, y2 = insns[pc + 1][1], insns[pc + 1][2]
    if at - pc == 2:
        def move2(f: Regs) -> int:
            f[x1] = f[y1]
            f[x2] = f[y2]
            return at
        return move2, "Mov+Mov"
    x3, y3 = insns[pc + 2][1], insns[pc + 2][2]

    def move3(f: Regs) -> int:
        f[x1] = f[y1]
        f[x2] = f[y2]
        f[x3] = f[y3]
        return at
    return move3, "Mov+Mov+Mov"


def _fuse_get_elem(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                   ops: list[Op]) -> tuple[Op, str] | None:
    """An own-slot property load, then an element (``this.vars[0]``, ``a.domain[i]``)."""
    c1 = d.caches.get(d.pc)
    if c1 is None:
        return None
    n1 = d.pc + 1
    n2 = d.pc + 2
    op1 = ops[d.pc]
    a1, b1 = i1[1], i1[2]
    a2, b2, c2 = i2[1], i2[2], i2[3]

    def fused(f: Regs) -> int:
        o = f[b1]
        if type(o) is JSObject and o.shape is c1[0]:
            f[a1] = o.slots[c1[1]]
            o = f[b2]
            k = f[c2]
            if type(o) is JSArray and type(k) is int and k >= 0:
                el = o.elems
                if k < len(el):
                    v = el[k]
                    if v is not HOLE:
                        f[a2] = v
                        return n2
            return n1
        return op1(f)
    return fused, "GetProp+GetElem"


def _fuse_elem_test(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                    ops: list[Op]) -> tuple[Op, str] | None:
    """An array element, then a JumpIfTrue/JumpIfFalse on it (``if (!seen[i])``)."""
    if i2[1] != i1[1]:
        return None
    n1 = d.pc + 1
    n2 = d.pc + 2
    op1 = ops[d.pc]
    a, b, c = i1[1], i1[2], i1[3]
    t = i2[2]
    # the targets for a true and for a false element
    on_true, on_false = (t, n2) if i2[0] == OP["JumpIfTrue"] else (n2, t)

    def fused(f: Regs) -> int:
        o = f[b]
        k = f[c]
        if type(o) is JSArray and type(k) is int and k >= 0:
            el = o.elems
            if k < len(el):
                v = el[k]
                if v is True:
                    f[a] = v
                    return on_true
                if v is False:
                    f[a] = v
                    return on_false
                if v is not HOLE:
                    f[a] = v
                    return n1
        return op1(f)
    return fused, "GetElem+" + OPCODES[i2[0]][0]


def _fuse_store_step(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                     ops: list[Op]) -> tuple[Op, str] | None:
    """An array element store, then a loop's update and test on ints (``for (...; j <= n;
    j += i) a[j] = x``): SetElem + Add/AddK/Inc + compare-and-branch."""
    insns = d.insns
    pc = d.pc
    if pc + 2 >= len(insns) or insns[pc + 2][0] not in _INT_BRANCH:
        return None
    i3 = insns[pc + 2]
    n1 = pc + 1
    n2 = pc + 2
    n3 = pc + 3
    op1 = ops[pc]
    oa, ob, oc = i1[1], i1[2], i1[3]
    cmp = _INT_BRANCH[i3[0]]
    p, q, t = i3[1], i3[2], i3[3]
    a, b = i2[1], i2[2]
    if i2[0] == OP["Add"]:
        c = i2[3]
        k = 0
    else:
        c = -1
        k = 1 if i2[0] == OP["Inc"] else d.consts[i2[3]]

    def fused(f: Regs) -> int:
        o = f[oa]
        i = f[ob]
        if type(o) is JSArray and type(i) is int and 0 <= i < len(o.elems):
            o.elems[i] = f[oc]
        else:
            return op1(f)
        x = f[b]
        y = f[c] if c >= 0 else k
        if type(x) is int and type(y) is int:
            r = x + y
            if MINI <= r <= MAXI:
                f[a] = r
                x = f[p]
                y = f[q]
                if type(x) is int and type(y) is int:
                    return t if cmp(x, y) else n3
                return n2
        return n1
    return fused, f"SetElem+{OPCODES[i2[0]][0]}+{OPCODES[i3[0]][0]}"


def _fuse_set_set(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                  ops: list[Op]) -> tuple[Op, str] | None:
    """Two property stores (``this.a = a; this.b = b``) that hit an own slot or a cached
    add-property transition of plain objects."""
    c1 = d.caches[d.pc]
    c2 = d.caches[d.pc + 1]
    n1 = d.pc + 1
    n2 = d.pc + 2
    op1 = ops[d.pc]
    o1, v1 = i1[1], i1[3]
    o2, v2 = i2[1], i2[3]
    epoch = ACCESSOR_EPOCH

    def fused(f: Regs) -> int:
        o = f[o1]
        if type(o) is not JSObject:
            return op1(f)
        sh = o.shape
        if sh is c1[0]:
            o.slots[c1[1]] = f[v1]
        elif sh is c1[2] and c1[4] == epoch[0]:
            o.shape = c1[3]
            o.slots.append(f[v1])
        else:
            return op1(f)
        o = f[o2]
        if type(o) is JSObject:
            sh = o.shape
            if sh is c2[0]:
                o.slots[c2[1]] = f[v2]
                return n2
            if sh is c2[2] and c2[4] == epoch[0]:
                o.shape = c2[3]
                o.slots.append(f[v2])
                return n2
        return n1
    return fused, "SetProp+SetProp"


def _fuse_branch_jump(d: Decoder, i1: tuple[int, ...], i2: tuple[int, ...],
                      ops: list[Op]) -> tuple[Op, str] | None:
    """JumpIfFalse/JumpIfTrue over the Jump that follows it (``if (x) continue;``): one
    branch, the other way."""
    if i1[2] != d.pc + 2:
        return None
    a = i1[1]
    n2 = d.pc + 2
    t = i2[1]
    if i1[0] == OP["JumpIfFalse"]:
        def jump_if_true(f: Regs) -> int:
            x = f[a]
            if x is True:
                return t
            if x is False:
                return n2
            return t if to_boolean(x) else n2
        return jump_if_true, "JumpIfFalse+Jump"

    def jump_if_false(f: Regs) -> int:
        x = f[a]
        if x is False:
            return t
        if x is True:
            return n2
        return n2 if to_boolean(x) else t
    return jump_if_false, "JumpIfTrue+Jump"


FUSIONS: dict[tuple[int, int], Fuser] = {}
FUSIONS[OP["JumpIfFalse"], _JUMP] = _fuse_branch_jump
FUSIONS[OP["JumpIfTrue"], _JUMP] = _fuse_branch_jump
FUSIONS[OP["SetProp"], OP["SetProp"]] = _fuse_set_set
FUSIONS[OP["GetProp"], OP["GetElem"]] = _fuse_get_elem
FUSIONS[OP["GetElem"], OP["JumpIfTrue"]] = _fuse_elem_test
FUSIONS[OP["GetElem"], OP["JumpIfFalse"]] = _fuse_elem_test
for _a in ("Inc", "AddK", "Add"):
    FUSIONS[OP["SetElem"], OP[_a]] = _fuse_store_step
FUSIONS[OP["Mov"], OP["Call"]] = _fuse_moves_call
FUSIONS[OP["Mov"], OP["Mov"]] = _fuse_moves_call
FUSIONS[OP["GetProp"], OP["Call"]] = _fuse_method_call
FUSIONS[OP["GetProp"], OP["Mov"]] = _fuse_method_call
for _j in _INT_BRANCH:
    FUSIONS[_j, OP["Return"]] = _fuse_branch_return
for _x in _ARITH:
    FUSIONS[_x, OP["Return"]] = _fuse_arith_return
FUSIONS[OP["LdEnv"], OP["AddK"]] = _fuse_addk_call
for _j in _INT_BRANCH:
    FUSIONS[OP["GetProp"], _j] = _fuse_length_branch
for _x in _ARITH:
    for _y in _ARITH:
        FUSIONS[_x, _y] = _fuse_arith
FUSIONS[OP["LdEnv"], OP["GetElem"]] = _fuse_env_elem
for _j in _INT_BRANCH:
    FUSIONS[OP["LdEnv"], _j] = _fuse_env_branch
FUSIONS[OP["LdEnvChecked"], OP["GetElem"]] = _fuse_env_elem
for _j in _INT_BRANCH:
    for _a in ("Inc", "AddK", "Add"):
        FUSIONS[OP[_a], _j] = _fuse_add_branch
FUSIONS[OP["GetProp"], OP["GetProp"]] = _fuse_get_get


FACTORIES: list[Callable[..., Op]] = []
_special: dict[str, Callable[..., Op]] = {
    "Exp": _simple(_exp),
    "BitXor": _int32(lambda x, y: x ^ y),
    "Eq": _simple(_eq), "Ne": _simple(_ne),
    "Le": _cmp(lambda x, y: x <= y, rt.le), "Gt": _cmp(lambda x, y: x > y, rt.gt),
    "Ge": _cmp(lambda x, y: x >= y, rt.ge),
    "InstanceOf": _simple(rt.instance_of),
    "In": _simple(lambda x, y: rt.has_property(y, x)),
    "Neg": _unary(_neg), "BitNot": _unary(_bitnot),
    "JumpIfGt": _jump_if(lambda x, y: x > y, rt.gt),
    "JumpIfGe": _jump_if(lambda x, y: x >= y, rt.ge),
    "Debugger": f_Nop, "ThisCheck": lambda d, a: f_Nop(d),
}
for _name, _sig in OPCODES:
    _fac = _special.get(_name) or globals().get("f_" + _name)
    if _fac is None:
        raise RuntimeError(f"no handler for {_name}")
    FACTORIES.append(_fac)

# -- blocks: hot straight-line code as one generated Python function ---------------------
# A block starts at a leader (pc 0, a jump target, a handler, the instruction after
# Jump/Return/Throw) and follows the instructions as they run, through Jumps, up to a
# Return/Throw, BLOCK_MAX instructions, one it holds already or (unless it is a loop's
# body that comes back to its start: it runs on) the next leader (``_block_path``); a
# conditional jump inside returns its target when taken, and a jump back to the block's
# start loops inside it (a loop whose body is one block runs without dispatch). Its
# first instruction's handler is a counting stub until the block has been entered
# ``Blocks.hot`` times, then the generated function, which has the common cases of the
# hot opcodes inline and calls the instruction's own handler for everything else.
# An exception leaving a block is placed at its instruction by the line it left from
# (``_fault_pc``), nothing being tracked on the fast path.

class Blocks:
    """Block compilation switches (tests and benchmarks turn it off to compare)."""

    enabled = True
    #: entries before a block is compiled: compiling costs ~250,000 machine instructions
    #: per bytecode instruction, running it in a block saves ~200 per execution (under
    #: cachegrind, 200/500/1000: nqueens 972M/979M/995M, json 1,346M/1,320M/1,313M,
    #: textproc 2,530M/2,560M/-, without blocks 1,123M, 1,243M, 2,967M)
    hot = 500
    compiled = 0


BLOCK_MAX = 48
_ENDS = frozenset({OP["Return"], OP["Throw"], OP["ThrowConst"]})
_TERMINATORS = _ENDS | {OP["Jump"]}
#: generated block code object -> the pc of each of its source lines
_BLOCK_LINES: dict[Any, list[int]] = {}


def _fault_pc(e: BaseException, pc: int) -> int:
    """The pc of the instruction that ``e`` left: ``pc`` (the one the loop dispatched),
    or within the block dispatched there, the instruction of the line it left from."""
    tb = e.__traceback__
    if tb is not None:
        tb = tb.tb_next
        if tb is not None:
            lines = _BLOCK_LINES.get(tb.tb_frame.f_code)
            if lines is not None:
                return lines[tb.tb_lineno]
    return pc


def _block_path(insns: list[tuple[int, ...]], s: int, leaders: frozenset[int]
                ) -> tuple[list[int], int]:
    """The instructions of the block at ``s`` and where it goes after them (-1: it ends
    in a Return or Throw). A block follows its instructions as they run, through Jumps,
    up to BLOCK_MAX instructions or one it holds already. If it comes back to ``s`` (a
    loop's body, its update and its test: the jump back goes around the block's own
    loop), it runs on past other leaders, their code duplicated in it; otherwise it
    stops at the first leader (code reached from elsewhere is not compiled twice)."""
    steps: list[int] = []
    seen: set[int] = set()
    pc = s
    n = len(insns)
    to = -1
    loops = False
    while True:
        if not (0 <= pc < n) or pc in seen or len(steps) >= BLOCK_MAX:
            to = pc
            break
        seen.add(pc)
        steps.append(pc)
        ins = insns[pc]
        if ins[0] == _JUMP:
            pc = ins[1]
            continue
        if ins[0] in _TERMINATORS:
            break
        if any(kind == "l" and v == s for kind, v in zip(SIG[ins[0]], ins[1:], strict=True)):
            loops = True
        pc += 1
    if not (loops or to == s):
        for k in range(1, len(steps)):
            if steps[k] in leaders:
                to = steps[k]
                steps = steps[:k]
                break
    return [pc for pc in steps if insns[pc][0] != _JUMP], to


def _leaders(code: Code, insns: list[tuple[int, ...]]) -> frozenset[int]:
    """Where blocks start: pc 0, jump targets, handlers, after a Jump/Return/Throw."""
    leaders = {0}
    for pc, ins in enumerate(insns):
        for kind, v in zip(SIG[ins[0]], ins[1:], strict=True):
            if kind == "l":
                leaders.add(v)
        if ins[0] in _TERMINATORS:
            leaders.add(pc + 1)
    for _start, _end, handler, _reg in code.handlers:
        leaders.add(handler)
    return frozenset(pc for pc in leaders if pc < len(insns))


def _install_blocks(code: Code, insns: list[tuple[int, ...]], ops: list[Op],
                    singles: list[Op], caches: dict[int, list[Any]]) -> None:
    """Put a counting stub at the start of each block of ``ops`` (``code.ops``)."""
    leaders = _leaders(code, insns)
    for s in leaders:
        if insns[s][0] not in _ENDS:  # (a Return, Throw: nothing to save)
            ops[s] = _block_stub(code, insns, singles, caches, leaders, s, ops[s])


def _block_stub(code: Code, insns: list[tuple[int, ...]], singles: list[Op],
                caches: dict[int, list[Any]], leaders: frozenset[int], s: int,
                first: Op) -> Op:
    left = [Blocks.hot]

    def stub(f: Regs) -> int:
        left[0] -= 1
        if left[0] <= 0:
            ops = code.ops
            try:
                # a running loop picks the block up at its next entry; a block of one
                # instruction would save nothing
                if ops is not None and len(_block_path(insns, s, leaders)[0]) >= 2:
                    ops[s] = _compile_block(code, insns, singles, caches, leaders, s)
                elif ops is not None:
                    ops[s] = first
            except RecursionError:  # compiled at the stack's limit: try again later
                left[0] = Blocks.hot
        return first(f)
    return stub


class _BlockGen:
    """The source of one block: lines, each with the pc it belongs to, and the names
    they use."""

    def __init__(self, code: Code, singles: list[Op], caches: dict[int, list[Any]],
                 start: int) -> None:
        self.code = code
        self.start = start
        self.loops = False  # a jump back to the start: the body is a while loop
        self.singles = singles
        self.caches = caches
        self.lines: list[tuple[str, int]] = []
        self.ns: dict[str, Any] = dict(_BLOCK_NAMES)
        self.pc = 0
        self.env = False  # the block reads the closure's context (_e at its start)

    def emit(self, *lines: str) -> None:
        for line in lines:
            self.lines.append(("    " + line, self.pc))

    def h(self) -> str:
        """The name of this instruction's own handler."""
        name = f"H{self.pc}"
        self.ns[name] = self.singles[self.pc]
        return name

    def r(self, slot: int) -> str:
        """An operand read: a constant's value (its slot is never written) or the slot."""
        kb = self.code.kbase
        if slot >= kb:
            name = f"K{slot}"
            self.ns[name] = self.code.consts[slot - kb]
            return name
        return f"f[{slot}]"

    def const(self, v: Any) -> str:
        name = f"V{self.pc}"
        self.ns[name] = v
        return name

    def slow_jump(self) -> None:
        """The instruction's handler, leaving the block if it does not fall through."""
        self.emit(f"_n = {self.h()}(f)", f"if _n != {self.pc + 1}:", "    return _n")

    def goto(self, t: int) -> str:
        """The statement that goes to pc ``t``: around the block's loop, or out."""
        if t == self.start:
            self.loops = True
            return "continue"
        return f"return {t}"


def _compile_block(code: Code, insns: list[tuple[int, ...]], singles: list[Op],
                   caches: dict[int, list[Any]], leaders: frozenset[int], s: int) -> Op:
    g = _BlockGen(code, singles, caches, s)
    path, to = _block_path(insns, s, leaders)
    for pc in path:
        g.pc = pc
        ins = insns[pc]
        gen = _GENS.get(ins[0])
        if gen is None:
            g.slow_jump()
        else:
            gen(g, *ins[1:])
    if to >= 0:
        g.emit(g.goto(to))
    body = g.lines
    if g.loops:
        body = [("    while True:", s)] + [("    " + text, pc) for text, pc in body]
    name = source_name(code.name)
    lines = [(f"def blk(f):  # {name or '<anonymous>'} from {s}", s), *body]
    src = "\n".join(text for text, _ in lines) + "\n"
    compiled = compile(src, f"<a64js block {source_name(code.filename)}:{name}:{s}>", "exec")
    exec(compiled, g.ns)
    blk: Op = g.ns["blk"]
    _BLOCK_LINES[blk.__code__] = [s] + [pc for _, pc in lines]  # line numbers from 1
    Blocks.compiled += 1
    return blk


def _g_loadk(g: _BlockGen, a: int, k: int) -> None:
    g.emit(f"f[{a}] = {g.const(g.code.consts[k])}")


def _g_mov(g: _BlockGen, a: int, b: int) -> None:
    g.emit(f"f[{a}] = {g.r(b)}")


def _g_arith(sym: str, mul: bool = False) -> Callable[..., None]:
    def gen(g: _BlockGen, a: int, b: int, c: int) -> None:
        # (x = None: s += t appends in place only if the handler holds the only s)
        g.emit(f"x = {g.r(b)}", f"y = {g.r(c)}",
               "if type(x) is int and type(y) is int and "
               f"MINI <= (r := x {sym} y) <= MAXI{' and r' if mul else ''}:",
               f"    f[{a}] = r",
               "elif type(x) is float and type(y) is float:",
               f"    f[{a}] = x {sym} y",
               "else:",
               "    x = None",
               f"    {g.h()}(f)")
    return gen


def _g_addk(g: _BlockGen, a: int, b: int, k: int) -> None:
    y = g.const(g.code.consts[k])
    g.emit(f"x = {g.r(b)}",
           "if type(x) is int:",
           f"    r = x + {y}",
           f"    f[{a}] = r if MINI <= r <= MAXI else float(r)",
           "elif type(x) is float:",
           f"    f[{a}] = x + {y}",
           "else:",
           f"    {g.h()}(f)")


def _g_step(sym: str, bound: str) -> Callable[..., None]:
    def gen(g: _BlockGen, a: int, b: int) -> None:
        g.emit(f"x = {g.r(b)}",
               f"if type(x) is int and x {bound}:",
               f"    f[{a}] = x {sym} 1",
               "else:",
               f"    {g.h()}(f)")
    return gen


def _g_cmp(sym: str) -> Callable[..., None]:
    def gen(g: _BlockGen, a: int, b: int, c: int) -> None:
        g.emit(f"x = {g.r(b)}", f"y = {g.r(c)}",
               "if type(x) is int and type(y) is int:",
               f"    f[{a}] = x {sym} y",
               "else:",
               f"    {g.h()}(f)")
    return gen


def _g_strict(negate: bool) -> Callable[..., None]:
    def gen(g: _BlockGen, a: int, b: int, c: int) -> None:
        op, neg = ("!=", "not ") if negate else ("==", "")
        g.emit(f"x = {g.r(b)}", f"y = {g.r(c)}",
               f"f[{a}] = x {op} y if type(x) is type(y) else {neg}strict_eq(x, y)")
    return gen


def _g_return(g: _BlockGen, a: int) -> None:
    g.emit(f"f[0] = {g.r(a)}", "return -1")


def _g_jump_true(g: _BlockGen, a: int, t: int) -> None:
    g.emit(f"x = {g.r(a)}",
           "if x is True or (x is not False and to_boolean(x)):",
           f"    {g.goto(t)}")


def _g_jump_false(g: _BlockGen, a: int, t: int) -> None:
    g.emit(f"x = {g.r(a)}",
           "if x is False or (x is not True and not to_boolean(x)):",
           f"    {g.goto(t)}")


def _g_jump_nullish(negate: bool) -> Callable[..., None]:
    def gen(g: _BlockGen, a: int, t: int) -> None:
        g.emit(f"x = {g.r(a)}",
               f"if {'not ' if negate else ''}(x is None or x is NULL):",
               f"    {g.goto(t)}")
    return gen


def _g_jump_cmp(sym: str) -> Callable[..., None]:
    """A compare-and-branch on two ints (``sym`` the condition of the jump); the handler
    for other operands."""
    def gen(g: _BlockGen, a: int, b: int, t: int) -> None:
        g.emit(f"x = {g.r(a)}", f"y = {g.r(b)}",
               "if type(x) is int and type(y) is int:",
               f"    if x {sym} y:",
               f"        {g.goto(t)}",
               "else:")
        g.lines.extend(("    " + text, pc) for text, pc in _slow_lines(g))
    return gen


def _slow_lines(g: _BlockGen) -> list[tuple[str, int]]:
    mark = len(g.lines)
    g.slow_jump()
    got = g.lines[mark:]
    del g.lines[mark:]
    return got


def _g_jump_strict(negate: bool) -> Callable[..., None]:
    def gen(g: _BlockGen, a: int, b: int, t: int) -> None:
        op, neg = ("!=", "not ") if negate else ("==", "")
        g.emit(f"x = {g.r(a)}", f"y = {g.r(b)}",
               f"if (x {op} y if type(x) is type(y) else {neg}strict_eq(x, y)):",
               f"    {g.goto(t)}")
    return gen


def _g_env(g: _BlockGen, depth: int) -> str | None:
    """The context ``depth`` levels up from the closure's, read once per block (before
    its first use: a block's instructions all run up to where it leaves)."""
    if depth > 1:
        return None
    if not g.env:
        g.env = True
        g.emit("_e = f[2].env")
    return "_e" if depth == 0 else "_e[0]"


def _g_ldenv(g: _BlockGen, a: int, depth: int, i: int) -> None:
    env = _g_env(g, depth)
    if env is None:
        g.slow_jump()
        return
    g.emit(f"f[{a}] = {env}[{i}]")


def _g_ldenv_checked(g: _BlockGen, a: int, depth: int, i: int, k: int) -> None:
    env = _g_env(g, depth)
    if env is None:
        g.slow_jump()
        return
    g.emit(f"v = {env}[{i}]",
           "if v is UNINITIALIZED:",
           f"    {g.h()}(f)",
           f"f[{a}] = v")


def _g_stenv(g: _BlockGen, depth: int, i: int, c: int) -> None:
    env = _g_env(g, depth)
    if env is None:
        g.slow_jump()
        return
    g.emit(f"{env}[{i}] = {g.r(c)}")


def _g_ldctx(g: _BlockGen, a: int, b: int, i: int) -> None:
    g.emit(f"f[{a}] = f[{b}][{i}]")


def _g_stctx(g: _BlockGen, a: int, i: int, c: int) -> None:
    g.emit(f"f[{a}][{i}] = {g.r(c)}")


def _g_getelem(g: _BlockGen, a: int, b: int, c: int) -> None:
    g.emit(f"o = {g.r(b)}", f"k = {g.r(c)}",
           "if type(o) is JSArray and type(k) is int and 0 <= k < len(o.elems) "
           "and (v := o.elems[k]) is not HOLE:",
           f"    f[{a}] = v",
           "else:",
           f"    {g.h()}(f)")


def _g_setelem(g: _BlockGen, a: int, b: int, c: int) -> None:
    g.emit(f"o = {g.r(a)}", f"k = {g.r(b)}",
           "if type(o) is JSArray and type(k) is int and 0 <= k < len(o.elems):",
           f"    o.elems[k] = {g.r(c)}",
           "else:",
           f"    {g.h()}(f)")


def _g_getprop(g: _BlockGen, a: int, b: int, k: int, fb: int) -> None:
    h = g.h()
    if g.code.consts[k] == "length":
        g.emit(f"o = {g.r(b)}",
               "if type(o) is JSArray:",
               f"    f[{a}] = len(o.elems)",
               "elif type(o) is str:",
               f"    f[{a}] = len(o)",
               "else:",
               f"    {h}(f)")
        return
    cache = g.caches.get(g.pc)
    if cache is None:
        g.slow_jump()
        return
    c = f"C{g.pc}"
    g.ns[c] = cache
    # an own slot, or a data slot of the receiver's prototype (a method): the handler's
    # first two cases
    g.emit(f"o = {g.r(b)}",
           "if type(o) in OBJ3:",
           "    sh = o.shape",
           f"    if sh is {c}[0]:",
           f"        f[{a}] = o.slots[{c}[1]]",
           f"    elif sh is {c}[2] and not {c}[6] and (one := {c}[8]) is not None "
           "and one[0].shape is one[1]:",
           f"        f[{a}] = {c}[4].slots[{c}[5]]",
           "    else:",
           f"        {h}(f)",
           # a method of String.prototype (charCodeAt, slice ...)
           f"elif type(o) is str and (sc := {c}[7]) is not None and sc[0].shape is sc[1]:",
           f"    f[{a}] = sc[0].slots[sc[2]]",
           "else:",
           f"    {h}(f)")


def _g_setprop(g: _BlockGen, a: int, k: int, c: int, fb: int) -> None:
    cache = g.caches.get(g.pc)
    if cache is None:
        g.slow_jump()
        return
    h = g.h()
    cn = f"C{g.pc}"
    g.ns[cn] = cache
    g.emit(f"o = {g.r(a)}",
           "if type(o) is JSObject:",
           "    sh = o.shape",
           f"    if sh is {cn}[0]:",
           f"        o.slots[{cn}[1]] = {g.r(c)}",
           f"    elif sh is {cn}[2] and {cn}[4] == ACCESSOR_EPOCH[0]:",
           f"        o.shape = {cn}[3]",
           f"        o.slots.append({g.r(c)})",
           "    else:",
           f"        {h}(f)",
           "else:",
           f"    {h}(f)")


def _g_call(g: _BlockGen, a: int, b: int, c: int, base: int, argc: int, k: int) -> None:
    # Call's direct path (a plain function with as many arguments as parameters): the
    # callee's frame built and its loop run here
    args = "".join(f"{g.r(base + i)}, " for i in range(argc))
    g.emit(f"fn = {g.r(b)}",
           f"if type(fn) is JSFunction and (_c := fn.code).direct_argc == {argc}:",
           f"    fr = [None, {g.r(c)}, fn, {args}*_c.pad]",
           "    _o = _c.ops",
           "    _q = 0",
           "    try:",
           "        while _q >= 0:",
           "            _q = _o[_q](fr)",
           f"        f[{a}] = fr[0]",
           "    except (JSThrow, RecursionError) as ex:",
           f"        f[{a}] = resume(_c, _o, fr, _fault_pc(ex, _q), ex)",
           "elif type(fn) is NativeFunction:",  # a built-in, as the handler calls it
           f"    f[{a}] = fn.fn({g.r(c)}, [{args}])",
           "else:",
           f"    {g.h()}(f)")


_BLOCK_NAMES: dict[str, Any] = {
    "MINI": MINI, "MAXI": MAXI, "JSArray": JSArray, "JSObject": JSObject,
    "JSFunction": JSFunction, "JSThrow": JSThrow, "HOLE": HOLE, "NULL": NULL,
    "NativeFunction": NativeFunction,
    "UNINITIALIZED": UNINITIALIZED, "ACCESSOR_EPOCH": ACCESSOR_EPOCH,
    "to_boolean": to_boolean, "strict_eq": strict_eq, "resume": resume,
    "OBJ3": frozenset({JSObject, JSArray, JSFunction}),
    "_fault_pc": _fault_pc,
}

_GENS: dict[int, Callable[..., None]] = {
    OP["LoadK"]: _g_loadk, OP["Mov"]: _g_mov,
    OP["Add"]: _g_arith("+"), OP["Sub"]: _g_arith("-"), OP["Mul"]: _g_arith("*", True),
    OP["AddK"]: _g_addk, OP["Inc"]: _g_step("+", "< MAXI"),
    OP["Dec"]: _g_step("-", "> MINI"),
    OP["Lt"]: _g_cmp("<"), OP["Le"]: _g_cmp("<="), OP["Gt"]: _g_cmp(">"),
    OP["Ge"]: _g_cmp(">="),
    OP["StrictEq"]: _g_strict(False), OP["StrictNe"]: _g_strict(True),
    OP["Return"]: _g_return,
    OP["JumpIfTrue"]: _g_jump_true, OP["JumpIfFalse"]: _g_jump_false,
    OP["JumpIfNullish"]: _g_jump_nullish(False),
    OP["JumpIfNotNullish"]: _g_jump_nullish(True),
    OP["JumpIfLt"]: _g_jump_cmp("<"), OP["JumpIfLe"]: _g_jump_cmp("<="),
    OP["JumpIfGt"]: _g_jump_cmp(">"), OP["JumpIfGe"]: _g_jump_cmp(">="),
    OP["JumpIfNotLt"]: _g_jump_cmp(">="), OP["JumpIfNotLe"]: _g_jump_cmp(">"),
    OP["JumpIfNotGt"]: _g_jump_cmp("<="), OP["JumpIfNotGe"]: _g_jump_cmp("<"),
    OP["JumpIfStrictEq"]: _g_jump_strict(False),
    OP["JumpIfNotStrictEq"]: _g_jump_strict(True),
    OP["LdEnv"]: _g_ldenv, OP["LdEnvChecked"]: _g_ldenv_checked, OP["StEnv"]: _g_stenv,
    OP["LdCtx"]: _g_ldctx, OP["StCtx"]: _g_stctx,
    OP["GetElem"]: _g_getelem, OP["SetElem"]: _g_setelem,
    OP["GetProp"]: _g_getprop, OP["SetProp"]: _g_setprop,
    OP["Call"]: _g_call,
}


_ = (math, Accessor)

__all__ = ["FACTORIES", "Counts", "Stats", "decode", "iterate", "run"]
