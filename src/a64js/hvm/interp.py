"""The heap VM's interpreter: the same bytecode as ``a64js.interp``, over frames of value
words on the heap's word stack (DESIGN.md, "Frames" and "Heap VM").

A frame of ``code`` at ``fp`` is ``code.nregs`` words, slot n at ``fp + 8*n``: 0 the
argument array (or undefined; the result word on return), 1 ``this``, 2 the callee,
3.. the parameters, then locals and temporaries, then the constants from ``kbase``.
A handler is a closure over its decoded operands taking the frame's word index ``i``
in the stack view (``i = (fp - stack base) >> 3``) and returning the next pc (-1 after
``Return``).

The contract with the baseline JIT (keep these signatures):

- :func:`step` ``(code, fp, pc) -> next pc``: one instruction (the JIT's slow path);
- :func:`run_at` ``(code, fp, pc, pending=None) -> result word``: continue a frame until
  its function returns (a bailout);
- :func:`call` ``(fn_word, this_word, arg_words) -> result word``: call any function;
- :func:`set_jit`: install an object with ``on_entry(code, fp) -> int | None`` (called at
  each interpreted function entry; a word when compiled code ran the whole call) and
  ``on_backedge(code, fp, target_pc) -> int | None`` (at each backward jump; a word when
  compiled code finished the call).
"""

from __future__ import annotations

import array
from collections.abc import Callable
from typing import Any

from ..bytecode import OPCODES, SIG, THROW_KINDS, Code
from ..heap import KIND_ARRAY, KIND_CLOSURE, KIND_OBJECT, KIND_STRING
from ..words import CANONICAL_NAN, TAG_INT, TAG_REF, TAG_SHIFT
from . import core
from .core import (
    ADDR_MASK,
    FALSE_WORD,
    HOLE_WORD,
    INT_BASE,
    NATIVE_BASE,
    NULL_WORD,
    TRUE_WORD,
    UNDEFINED_WORD,
    UNINIT_WORD,
    CodeInfo,
    HThrow,
    R,
    code_info,
    double_of,
    get_elem,
    get_prop,
    int_of,
    is_object,
    is_string,
    kind_of,
    new_str,
    num_word,
    number_of,
    set_elem,
    set_prop,
    str_of,
    throw,
    to_int32,
    to_num,
    to_primitive,
    to_str,
    truthy,
    unsupported,
)

Op = Callable[[int], int]
INT_HI = core.INT_HI
M32 = core.M32
SGN = core.SGN
TAG_STRING_SENTINEL = -1


class Decoder:
    """What a handler factory needs besides the operands."""

    __slots__ = ("code", "consts", "info", "pc")

    def __init__(self, info: CodeInfo) -> None:
        self.info = info
        self.code = info.code
        self.consts = info.code.consts
        self.pc = 0


# -- the contract ------------------------------------------------------------------------

def set_jit(jit: Any) -> None:
    """Install the JIT (``on_entry``/``on_backedge`` hooks) or remove it (None)."""
    R.jit = jit


def frame_index(fp: int) -> int:
    return (fp - R.sbase) >> 3


def step(code: Code, fp: int, pc: int) -> int:
    """Execute instruction ``pc`` of ``code`` on the frame at ``fp``; the next pc (-1
    after ``Return``, the result word then in slot 0). A JavaScript exception propagates
    as :class:`~a64js.hvm.core.HThrow`."""
    info = code_info(code)
    ops = info.ops if info.ops is not None else decode(info)
    return ops[pc]((fp - R.sbase) >> 3)


def run_at(code: Code, fp: int, pc: int, pending: BaseException | None = None) -> int:
    """Interpret the frame of ``code`` at ``fp`` from ``pc`` until the function returns;
    the result word. ``pending``: an exception (HThrow or RecursionError) raised at
    ``pc``, dispatched to the handlers first. The frame stays pushed (its owner pops it).
    """
    info = code_info(code)
    if info.ops is None:
        decode(info)
    return _loop(info, (fp - R.sbase) >> 3, pc, pending)


def call(fn: int, this: int, args: list[int]) -> int:
    """Call the function word ``fn`` with ``this`` and the argument words (any caller:
    the interpreter, built-ins, the JIT's host calls)."""
    if kind_of(fn) != KIND_CLOSURE:
        raise throw("TypeError", f"{core.display(fn)} is not a function")
    cid = core.closure_code_id(fn)
    if cid >= NATIVE_BASE:
        return R.natives[cid - NATIVE_BASE].fn(this, args)
    info = R.codes[cid]
    if info.code.is_class_ctor:
        raise throw("TypeError", f"Class constructor {info.code.name} cannot be invoked "
                                 "without 'new'")
    return invoke(info, fn, this, args)


R.call = call


def _template(info: CodeInfo) -> Any:
    """The frame's initial words: undefined, then the constants (strings are handles,
    so the template is rebuilt after each collection)."""
    code = info.code
    if not info.consts and code.consts:
        for c in code.consts:
            info.consts.append(_const_word(c))
    words = [UNDEFINED_WORD] * code.kbase
    for c in info.consts:
        words.append(c if type(c) is int else c.word)  # type: ignore[union-attr]
    info.template = memoryview(array.array("Q", words))
    info.epoch = R.heap.stats.collections
    return info.template


def _const_word(c: Any) -> Any:
    from ..values import NULL, UNINITIALIZED

    if c is None:
        return UNDEFINED_WORD
    if c is NULL:
        return NULL_WORD
    if c is True:
        return TRUE_WORD
    if c is False:
        return FALSE_WORD
    if c is UNINITIALIZED:
        return UNINIT_WORD
    if type(c) is int or type(c) is float:
        return num_word(c)
    if type(c) is str:
        return R.heap.handle(R.heap.alloc_string(c))
    return UNDEFINED_WORD  # a Code (read by Closure from the constant pool, not the slot)


def frame_template(code: Code) -> Any:
    """The words a new frame of ``code`` starts with (``nregs`` of them: undefined, then
    the constants from ``kbase``), for compiled code that pushes frames itself: valid
    until the next collection (string constants move); decodes ``code`` if needed."""
    info = code_info(code)
    if info.ops is None:
        decode(info)
    if info.epoch != R.heap.stats.collections or info.template is None:
        _template(info)
    return info.template


def push_frame(info: CodeInfo, fn: int, this: int, args: list[int]) -> int:
    """Push the frame of ``info``'s code called with ``this`` and ``args`` (words read
    before the push stay valid: a push allocates nothing on the heap). Returns the frame's
    word index."""
    code = info.code
    tpl = info.template
    if info.epoch != R.heap.stats.collections or tpl is None:
        tpl = _template(info)
    c = R.heap._ctx
    sp = c[2]
    n = code.nregs
    fp = sp + 16
    end = fp + 8 * n
    if end > c[5]:
        raise RecursionError("word stack exhausted")
    S = R.S
    i = (fp - R.sbase) >> 3
    S[i - 2] = c[3]
    S[i - 1] = n
    S[i:i + n] = tpl
    S[i + 1] = this
    S[i + 2] = fn
    np = code.nparams
    if len(args) > np:
        S[i + 3:i + 3 + np] = array.array("Q", args[:np])
    elif args:
        S[i + 3:i + 3 + len(args)] = array.array("Q", args)
    c[3] = fp
    c[2] = end
    return i


def pop_frame(i: int) -> None:
    c = R.heap._ctx
    c[3] = R.S[i - 2]
    c[2] = R.sbase + 8 * (i - 2)


def invoke(info: CodeInfo, fn: int, this: int, args: list[int]) -> int:
    """Run the bytecode function ``fn`` (of ``info``): push, interpret, pop."""
    if info.ops is None:
        decode(info)
    if info.epoch < 0:
        # the first frame: the constant strings are allocated, which may move the
        # cells the argument words name, so they are rooted meanwhile
        hs = [R.heap.handle(w) for w in (fn, this, *args)]
        _template(info)
        fn, this, *args = [h.word for h in hs]
        for h in hs:
            h.release()
    code = info.code
    extra = None
    if code.uses_arguments or info.reads_args:
        extra = [R.heap.handle(w) for w in args]
    i = push_frame(info, fn, this, args)
    try:
        S = R.S
        if code.kind == "arrow":
            S[i + 1] = R.heap._w[(((S[i + 2] & ADDR_MASK) - R.heap._base) >> 3) + 4]
        if extra is not None:
            S[i] = core.new_array_rooted(extra)
        info.calls += 1
        jit = R.jit
        if jit is not None:
            r = jit.on_entry(code, R.sbase + 8 * i)
            if r is not None:
                return int(r)
        return _loop(info, i, 0, None)
    finally:
        pop_frame(i)


def _handler_for(code: Code, pc: int) -> tuple[int, int] | None:
    for start, end, handler, reg in code.handlers:
        if start <= pc < end:
            return handler, reg
    return None


def _first_place(w: int) -> tuple[Code, int] | None:
    for h, where in reversed(R.thrown):
        if h.word == w:
            return where
    return None


def _loop(info: CodeInfo, i: int, pc: int, pending: BaseException | None) -> int:
    ops = info.ops
    assert ops is not None
    S = R.S
    code = info.code
    exc = pending
    while True:
        if exc is not None:
            h = _handler_for(code, pc)
            if isinstance(exc, HThrow):
                if exc.where is None:
                    exc.where = _first_place(exc.word) or (code, pc)
                if h is None:
                    raise exc
                value = exc.word
                # a finally block may rethrow this value: remember where it was thrown
                if len(R.thrown) > 64:
                    R.thrown.clear()
                R.thrown.append((R.heap.handle(value), exc.where))
            else:  # RecursionError: JavaScript's RangeError
                err = throw("RangeError", "Maximum call stack size exceeded")
                if h is None:
                    err.where = (code, pc)
                    raise err from None
                value = err.word
            S[i + h[1]] = value
            pc = h[0]
            exc = None
        try:
            while pc >= 0:
                pc = ops[pc](i)
            return int(S[i])
        except (HThrow, RecursionError) as e:
            exc = e
        except core.HVMUnsupported as e:
            if e.located:
                raise
            raise core.locate(e, (code, pc)) from None


# -- decoding ----------------------------------------------------------------------------

def decode(info: CodeInfo) -> list[Op]:
    """Turn ``info``'s instructions into handlers (once per function)."""
    d = Decoder(info)
    code = info.code
    ops: list[Op] = []
    for pc, ins in enumerate(code.insns):
        d.pc = pc
        name = OPCODES[ins[0]][0]
        fac = FACTORIES.get(name)
        if fac is None:
            op = _unsupported_op(code, pc, name)
        else:
            op = fac(d, *ins[1:])
        sig = SIG[ins[0]]
        if "l" in sig:
            t = ins[1 + sig.index("l")]
            if t <= pc:
                op = _backedge(info, op, t)
        ops.append(op)
    info.reads_args = any(OPCODES[ins[0]][0] in ("Rest", "Arguments")
                          for ins in code.insns)
    direct = code.kind in ("normal", "method") and not code.is_class_ctor \
        and not code.uses_arguments and not info.reads_args
    info.direct_argc = code.nparams if direct else -2
    direct = code.kind in ("normal", "ctor") and not code.is_derived \
        and not code.uses_arguments and not info.reads_args
    info.direct_new = code.nparams if direct else -2
    info.ops = ops
    return ops


def _unsupported_op(code: Code, pc: int, name: str) -> Op:
    def op(i: int) -> int:
        raise unsupported(f"the instruction {name}", (code, pc))
    return op


def _backedge(info: CodeInfo, op: Op, target: int) -> Op:
    code = info.code

    def wrapped(i: int) -> int:
        npc = op(i)
        if npc == target:
            info.backedges += 1
            jit = R.jit
            if jit is not None:
                r = jit.on_backedge(code, R.sbase + 8 * i, target)
                if r is not None:
                    R.S[i] = r
                    return -1
        return npc
    return wrapped


# -- operators ---------------------------------------------------------------------------

def add_slow(x: int, y: int) -> int:
    if is_object(x) or is_object(y):
        with R.heap.handle(x) as hx, R.heap.handle(y) as hy:
            hx.word = to_primitive(hx.word)
            hy.word = to_primitive(hy.word)
            x, y = hx.word, hy.word
    if is_string(x) or is_string(y):
        return new_str(to_str(x) + to_str(y))
    return num_word(to_num(x) + to_num(y))


def _num2(x: int, y: int) -> tuple[float | int, float | int]:
    if is_object(x) or is_object(y):
        with R.heap.handle(y) as hy:
            a = to_num(x)
            return a, to_num(hy.word)
    return to_num(x), to_num(y)


def _sub(a: Any, b: Any) -> Any:
    return a - b


def _mul(a: Any, b: Any) -> Any:
    if type(a) is float or type(b) is float:
        return float(a) * float(b)
    r = a * b
    if r == 0 and (a < 0 or b < 0):
        return -0.0
    return r


def _div(a: Any, b: Any) -> Any:
    a = float(a)
    b = float(b)
    if b == 0:
        if a != a or a == 0:
            return float("nan")
        import math
        neg = (a < 0) != (math.copysign(1.0, b) < 0)
        return -math.inf if neg else math.inf
    return a / b


def _mod(a: Any, b: Any) -> Any:
    import math
    if type(a) is int and type(b) is int and b != 0:
        r = abs(a) % abs(b)
        r = -r if a < 0 else r
        if r == 0 and a < 0:
            return -0.0
        return r
    a = float(a)
    b = float(b)
    if b == 0 or a != a or b != b or math.isinf(a):
        return math.nan
    if math.isinf(b):
        return a
    return math.fmod(a, b)


def _exp(a: Any, b: Any) -> Any:
    from ..runtime import power
    return power(a, b)


def _arith(fn: Callable[[Any, Any], Any]) -> Callable[[int, int], int]:
    def slow(x: int, y: int) -> int:
        a, b = _num2(x, y)
        return num_word(fn(a, b))
    return slow


sub_slow = _arith(_sub)
mul_slow = _arith(_mul)
div_slow = _arith(_div)
mod_slow = _arith(_mod)
exp_slow = _arith(_exp)


def strict_eq(x: int, y: int) -> bool:
    if x == y:
        return x != CANONICAL_NAN
    tx = x >> TAG_SHIFT
    ty = y >> TAG_SHIFT
    if tx <= TAG_INT and ty <= TAG_INT:
        return number_of(x) == number_of(y)
    if tx == TAG_REF and ty == TAG_REF and is_string(x) and is_string(y):
        return str_of(x) == str_of(y)
    return False


def loose_eq(x: int, y: int) -> bool:
    if strict_eq(x, y):
        return True
    nx = x in (UNDEFINED_WORD, NULL_WORD)
    ny = y in (UNDEFINED_WORD, NULL_WORD)
    if nx or ny:
        return nx and ny
    ox, oy = is_object(x), is_object(y)
    if ox and oy:
        return False
    if ox or oy:
        with R.heap.handle(x) as hx, R.heap.handle(y) as hy:
            if ox:
                hx.word = to_primitive(hx.word)
            else:
                hy.word = to_primitive(hy.word)
            return loose_eq(hx.word, hy.word)
    if is_string(x) and is_string(y):
        return False
    return to_num(x) == to_num(y)


def compare(x: int, y: int) -> bool | None:
    """x < y (None: undefined, a NaN)."""
    if is_object(x) or is_object(y):
        with R.heap.handle(x) as hx, R.heap.handle(y) as hy:
            hx.word = to_primitive(hx.word, "number")
            hy.word = to_primitive(hy.word, "number")
            x, y = hx.word, hy.word
    if is_string(x) and is_string(y):
        return str_of(x) < str_of(y)
    a = to_num(x)
    b = to_num(y)
    if a != a or b != b:
        return None
    return a < b


def lt(x: int, y: int) -> bool:
    return compare(x, y) is True


def gt(x: int, y: int) -> bool:
    return compare(y, x) is True


def le(x: int, y: int) -> bool:
    r = compare(y, x)
    return r is False


def ge(x: int, y: int) -> bool:
    r = compare(x, y)
    return r is False


def instance_of(x: int, f: int) -> bool:
    if kind_of(f) != KIND_CLOSURE:
        if is_object(f):
            raise throw("TypeError", "Right-hand side of 'instanceof' is not callable")
        raise throw("TypeError", "Right-hand side of 'instanceof' is not an object")
    if not is_object(x):
        return False
    with R.heap.handle(x) as hx:
        proto = get_prop(f, "prototype")
        x = hx.word
    p = core.proto_word(x)
    while p != NULL_WORD:
        if p == proto:
            return True
        p = core.proto_word(p)
    return False


def has_prop(o: int, k: int) -> bool:
    if not is_object(o):
        raise throw("TypeError", f"Cannot use 'in' operator to search for "
                                 f"'{to_str(k)}' in {to_str(o)}")
    with R.heap.handle(o) as ho:
        key = core.key_of(k)
        o = ho.word
    if kind_of(o) == KIND_ARRAY:
        if key == "length":
            return True
        if core.is_index_key(key):
            from .builtins import raw_get
            return raw_get(o, int(key)) != HOLE_WORD
    acc = core.ACC + key  # named properties (arrays' too) and accessors, then the chain
    while o != NULL_WORD:
        keys = core.shape_of(o).keys
        if key in keys or acc in keys:
            return True
        o = core.proto_word(o)
    return False


# -- handler factories ---------------------------------------------------------------------

def f_LoadK(d: Decoder, a: int, k: int) -> Op:
    n = d.pc + 1
    kb = d.code.kbase + k
    S = R.S

    def op(i: int) -> int:
        S[i + a] = S[i + kb]
        return n
    return op


def f_Mov(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        S[i + a] = S[i + b]
        return n
    return op


def f_Add(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    S = R.S
    SD = R.SD

    def op(i: int) -> int:
        x = S[i + b]
        y = S[i + c]
        if x >> 32 == INT_HI and y >> 32 == INT_HI:
            r = (((x & M32) ^ SGN) - SGN) + (((y & M32) ^ SGN) - SGN)
            if -SGN <= r < SGN:
                S[i + a] = INT_BASE | (r & M32)
                return n
            S[i + a] = num_word(r)
            return n
        if x >> 48 < 0xFFF9 and y >> 48 < 0xFFF9:
            # two doubles: read and written through the stack's double view (a double
            # word is its own bits); a NaN result is stored canonical
            r = SD[i + b] + SD[i + c]
            if r == r:
                SD[i + a] = r
            else:
                S[i + a] = CANONICAL_NAN
            return n
        if (x >> 48 < 0xFFF9 and y >> 48 <= 0xFFF9) or (y >> 48 < 0xFFF9 and x >> 48 <= 0xFFF9):
            S[i + a] = num_word(number_of(x) + number_of(y))
            return n
        S[i + a] = add_slow(x, y)
        return n
    return op


def _binop(fast: Callable[[Any, Any], Any], slow: Callable[[int, int], int]
           ) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, c: int) -> Op:
        n = d.pc + 1
        S = R.S

        SD = R.SD

        def op(i: int) -> int:
            x = S[i + b]
            y = S[i + c]
            if x >> 48 < 0xFFF9 and y >> 48 < 0xFFF9:
                r = fast(SD[i + b], SD[i + c])
                if r == r:
                    SD[i + a] = r
                else:
                    S[i + a] = CANONICAL_NAN
            elif x >> 48 <= 0xFFF9 and y >> 48 <= 0xFFF9:
                S[i + a] = num_word(fast(number_of(x), number_of(y)))
            else:
                S[i + a] = slow(x, y)
            return n
        return op
    return factory


def _intop(kind: str, fast: Callable[[Any, Any], Any], slow: Callable[[int, int], int]
           ) -> Callable[[Decoder, int, int, int], Op]:
    """A factory whose handler does int32 operands inline (``kind``: sub, mul, mod),
    then doubles, then the general case."""
    generic = _binop(fast, slow)

    def factory(d: Decoder, a: int, b: int, c: int) -> Op:
        n = d.pc + 1
        S = R.S
        other = generic(d, a, b, c)

        if kind == "sub":
            def op(i: int) -> int:
                x = S[i + b]
                y = S[i + c]
                if x >> 32 == INT_HI and y >> 32 == INT_HI:
                    r = (((x & M32) ^ SGN) - SGN) - (((y & M32) ^ SGN) - SGN)
                    if -SGN <= r < SGN:
                        S[i + a] = INT_BASE | (r & M32)
                        return n
                return other(i)
        elif kind == "mul":
            def op(i: int) -> int:
                x = S[i + b]
                y = S[i + c]
                if x >> 32 == INT_HI and y >> 32 == INT_HI:
                    r = (((x & M32) ^ SGN) - SGN) * (((y & M32) ^ SGN) - SGN)
                    if -SGN <= r < SGN and (r or ((x & M32) < SGN and (y & M32) < SGN)):
                        S[i + a] = INT_BASE | (r & M32)
                        return n
                return other(i)
        else:
            def op(i: int) -> int:
                x = S[i + b]
                y = S[i + c]
                if x >> 32 == INT_HI and y >> 32 == INT_HI:
                    p = ((x & M32) ^ SGN) - SGN
                    q = ((y & M32) ^ SGN) - SGN
                    if p > 0 and q > 0:
                        S[i + a] = INT_BASE | (p % q)
                        return n
                return other(i)
        return op
    return factory


f_Sub = _intop("sub", _sub, sub_slow)
f_Mul = _intop("mul", _mul, mul_slow)
f_Div = _binop(_div, div_slow)
f_Mod = _intop("mod", _mod, mod_slow)
f_Exp = _binop(_exp, exp_slow)


def _int32op(fn: Callable[[int, int], int], unsigned: bool = False
             ) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, c: int) -> Op:
        n = d.pc + 1
        S = R.S

        def op(i: int) -> int:
            x = S[i + b]
            y = S[i + c]
            if x >> 32 == INT_HI and y >> 32 == INT_HI:
                r = fn(((x & M32) ^ SGN) - SGN, ((y & M32) ^ SGN) - SGN)
            else:
                with R.heap.handle(y) as hy:
                    p = to_int32(x)
                    r = fn(p, to_int32(hy.word))
            if unsigned:
                S[i + a] = num_word(r & M32)
            else:
                S[i + a] = INT_BASE | (r & M32)
            return n
        return op
    return factory


f_BitAnd = _int32op(lambda p, q: p & q)
f_BitOr = _int32op(lambda p, q: p | q)
f_BitXor = _int32op(lambda p, q: p ^ q)
f_Shl = _int32op(lambda p, q: p << (q & 31))
f_Sar = _int32op(lambda p, q: p >> (q & 31))
f_Shr = _int32op(lambda p, q: (p & M32) >> (q & 31), unsigned=True)


def _cmpop(fast: Callable[[Any, Any], bool], slow: Callable[[int, int], bool]
           ) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, c: int) -> Op:
        n = d.pc + 1
        S = R.S
        SD = R.SD

        def op(i: int) -> int:
            x = S[i + b]
            y = S[i + c]
            if x >> 32 == INT_HI and y >> 32 == INT_HI:
                r = fast(((x & M32) ^ SGN) - SGN, ((y & M32) ^ SGN) - SGN)
            elif x >> 48 < 0xFFF9 and y >> 48 < 0xFFF9:
                r = fast(SD[i + b], SD[i + c])
            elif x >> 48 <= 0xFFF9 and y >> 48 <= 0xFFF9:
                r = fast(number_of(x), number_of(y))
            else:
                r = slow(x, y)
            S[i + a] = TRUE_WORD if r else FALSE_WORD
            return n
        return op
    return factory


def _jumpop(fast: Callable[[Any, Any], bool], slow: Callable[[int, int], bool],
            negate: bool) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, t: int) -> Op:
        n = d.pc + 1
        S = R.S
        SD = R.SD

        def op(i: int) -> int:
            x = S[i + a]
            y = S[i + b]
            if x >> 32 == INT_HI and y >> 32 == INT_HI:
                r = fast(((x & M32) ^ SGN) - SGN, ((y & M32) ^ SGN) - SGN)
            elif x >> 48 < 0xFFF9 and y >> 48 < 0xFFF9:
                r = fast(SD[i + a], SD[i + b])
            elif x >> 48 <= 0xFFF9 and y >> 48 <= 0xFFF9:
                r = fast(number_of(x), number_of(y))
            else:
                r = slow(x, y)
            if r != negate:
                return t
            return n
        return op
    return factory


def _lt(p: Any, q: Any) -> bool:
    return bool(p < q)


def _le(p: Any, q: Any) -> bool:
    return bool(p <= q)


def _gt(p: Any, q: Any) -> bool:
    return bool(p > q)


def _ge(p: Any, q: Any) -> bool:
    return bool(p >= q)


def _eqn(p: Any, q: Any) -> bool:
    return bool(p == q)


def _nen(p: Any, q: Any) -> bool:
    return bool(p != q)


f_Lt = _cmpop(_lt, lt)
f_Le = _cmpop(_le, le)
f_Gt = _cmpop(_gt, gt)
f_Ge = _cmpop(_ge, ge)
f_Eq = _cmpop(_eqn, loose_eq)
f_Ne = _cmpop(_nen, lambda x, y: not loose_eq(x, y))
f_StrictEq = _cmpop(_eqn, strict_eq)
f_StrictNe = _cmpop(_nen, lambda x, y: not strict_eq(x, y))
f_JumpIfLt = _jumpop(_lt, lt, False)
f_JumpIfLe = _jumpop(_le, le, False)
f_JumpIfGt = _jumpop(_gt, gt, False)
f_JumpIfGe = _jumpop(_ge, ge, False)
f_JumpIfNotLt = _jumpop(_lt, lt, True)
f_JumpIfNotLe = _jumpop(_le, le, True)
f_JumpIfNotGt = _jumpop(_gt, gt, True)
f_JumpIfNotGe = _jumpop(_ge, ge, True)
f_JumpIfStrictEq = _jumpop(_eqn, strict_eq, False)
f_JumpIfNotStrictEq = _jumpop(_eqn, strict_eq, True)
def _relop(fn: Callable[[int, int], bool]) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, c: int) -> Op:
        n = d.pc + 1
        S = R.S

        def op(i: int) -> int:
            S[i + a] = TRUE_WORD if fn(S[i + b], S[i + c]) else FALSE_WORD
            return n
        return op
    return factory


f_InstanceOf = _relop(instance_of)
f_In = _relop(lambda x, y: has_prop(y, x))


def f_AddK(d: Decoder, a: int, b: int, k: int) -> Op:
    y = d.consts[k]
    if y >= 0:
        return f_Add(d, a, b, d.code.kbase + k)
    # the compiler's `x - k`: a subtraction for every x (a string too)
    n = d.pc + 1
    S = R.S
    yw = num_word(-y)

    def op(i: int) -> int:
        x = S[i + b]
        if x >> 32 == INT_HI:
            r = (((x & M32) ^ SGN) - SGN) + y
            if r >= -SGN:
                S[i + a] = INT_BASE | (r & M32)
                return n
        S[i + a] = sub_slow(x, yw) if x >> 48 > 0xFFF9 else num_word(number_of(x) + y)
        return n
    return op


def _unop(fn: Callable[[int], int]) -> Callable[[Decoder, int, int], Op]:
    def factory(d: Decoder, a: int, b: int) -> Op:
        n = d.pc + 1
        S = R.S

        def op(i: int) -> int:
            S[i + a] = fn(S[i + b])
            return n
        return op
    return factory


def _neg(x: int) -> int:
    v = to_num(x)
    if v == 0 and type(v) is int:
        return num_word(-0.0)
    return num_word(-v)


def _inc(x: int) -> int:
    if x >> 32 == INT_HI:
        return num_word(int_of(x) + 1)
    return num_word(to_num(x) + 1)


def _dec(x: int) -> int:
    if x >> 32 == INT_HI:
        return num_word(int_of(x) - 1)
    return num_word(to_num(x) - 1)


f_Neg = _unop(_neg)
f_ToNumber = _unop(lambda x: x if x >> 48 <= 0xFFF9 else num_word(to_num(x)))
f_Not = _unop(lambda x: FALSE_WORD if truthy(x) else TRUE_WORD)
f_BitNot = _unop(lambda x: INT_BASE | (~to_int32(x) & M32))
f_TypeOf = _unop(lambda x: new_str(core.typeof(x)))
f_Inc = _unop(_inc)
f_Dec = _unop(_dec)
f_ToPropertyKey = _unop(lambda x: x if is_string(x) else new_str(core.key_of(x)))


def f_Jump(d: Decoder, t: int) -> Op:
    def op(i: int) -> int:
        return t
    return op


def _test(pred: Callable[[int], bool]) -> Callable[[Decoder, int, int], Op]:
    def factory(d: Decoder, a: int, t: int) -> Op:
        n = d.pc + 1
        S = R.S

        def op(i: int) -> int:
            return t if pred(S[i + a]) else n
        return op
    return factory


f_JumpIfTrue = _test(lambda x: x == TRUE_WORD or (x != FALSE_WORD and truthy(x)))
f_JumpIfFalse = _test(lambda x: x == FALSE_WORD or (x != TRUE_WORD and not truthy(x)))
f_JumpIfNullish = _test(lambda x: x in (UNDEFINED_WORD, NULL_WORD))
f_JumpIfNotNullish = _test(lambda x: x != UNDEFINED_WORD and x != NULL_WORD)


# -- properties --------------------------------------------------------------------------

def f_GetProp(d: Decoder, a: int, b: int, k: int, fb: int) -> Op:
    n = d.pc + 1
    key = d.consts[k]
    S = R.S
    heap = R.heap
    sw = heap._sw
    sbase = heap._shape_base
    acc = core.ACC + key
    # polymorphic inline caches (up to 4 shapes each): receiver header -> word offset of
    # an own inline slot; receiver header -> (prototype's header, word offset there, is
    # a getter) for a hit on the prototype (the receiver's shape fixes its prototype,
    # the shape cell's word, which the collector updates, and that the key is not own)
    own: dict[int, int] = {}
    proto: dict[int, tuple[int, int, bool]] = {}

    def op(i: int) -> int:
        o = S[i + b]
        if o >> 48 == 0xFFFB:
            base = heap._base
            j = ((o & ADDR_MASK) - base) >> 3
            w = heap._w
            hdr = w[j]
            off = own.get(hdr)
            if off is not None:
                S[i + a] = w[j + off]
                return n
            hit = proto.get(hdr)
            if hit is not None:
                p = sw[((hdr - sbase) >> 3) + 3]
                pj = ((p & ADDR_MASK) - base) >> 3
                if p >> 48 == 0xFFFB and w[pj] == hit[0]:
                    v = w[pj + hit[1]]
                    if not hit[2]:
                        S[i + a] = v
                        return n
                    # a getter: element 0 of the [getter, setter] pair array
                    pair = ((v & ADDR_MASK) - base) >> 3
                    g = w[((w[pair + 3] - base) >> 3) + 2]
                    if g != UNDEFINED_WORD:
                        S[i + a] = call(g, o, [])
                        return n
            s = heap._shape_at.get(hdr)
            if s is not None:
                if s.kind == KIND_OBJECT:
                    kk = s.keys.get(key)
                    if kk is not None and kk < s.capacity:
                        if len(own) >= 4:
                            own.clear()
                        off = own[hdr] = (s.slot_offset >> 3) + kk
                        S[i + a] = w[j + off]
                        return n
                if (s.kind == KIND_OBJECT or s.kind == KIND_CLOSURE or s.kind == KIND_ARRAY
                        or s.kind == KIND_STRING) and key not in s.keys \
                        and acc not in s.keys and key != "length" and not key.isdigit():
                    p = sw[((hdr - sbase) >> 3) + 3]
                    if p >> 48 == 0xFFFB:
                        pj = ((p & ADDR_MASK) - base) >> 3
                        ps = heap._shape_at.get(w[pj])
                        if ps is not None and ps.kind == KIND_OBJECT:
                            kk = ps.keys.get(key)
                            getter = False
                            if kk is None:
                                kk = ps.keys.get(acc)
                                getter = True
                            if kk is not None and kk < ps.capacity:
                                if len(proto) >= 4:
                                    proto.clear()
                                proto[hdr] = (w[pj], (ps.slot_offset >> 3) + kk, getter)
        S[i + a] = get_prop(o, key)
        return n
    return op


def f_SetProp(d: Decoder, a: int, k: int, c: int, fb: int) -> Op:
    n = d.pc + 1
    key = d.consts[k]
    S = R.S
    heap = R.heap
    cache = [0, 0]
    # an added property: old header, new header, word offset, the accessor epoch then
    # (a setter defined anywhere later may intercept the store: the entry is stale)
    tcache = [0, 0, 0, -1]

    def op(i: int) -> int:
        o = S[i + a]
        if o >> 48 == 0xFFFB:
            j = ((o & ADDR_MASK) - heap._base) >> 3
            w = heap._w
            hdr = w[j]
            if hdr == cache[0]:
                w[j + cache[1]] = S[i + c]
                return n
            if hdr == tcache[0] and tcache[3] == R.acc_epoch:
                w[j] = tcache[1]
                w[j + tcache[2]] = S[i + c]
                return n
            s = heap._shape_at.get(hdr)
            if s is not None and s.kind == KIND_OBJECT:
                kk = s.keys.get(key)
                if kk is not None and kk < s.capacity:
                    cache[0] = hdr
                    cache[1] = (s.slot_offset >> 3) + kk
                    w[j + cache[1]] = S[i + c]
                    return n
                if kk is None and len(s.keys) < s.capacity and \
                        core.find_setter(o, key) is None:
                    t = heap.with_key(s, key)
                    tcache[0] = hdr
                    tcache[1] = t.address
                    tcache[2] = (s.slot_offset >> 3) + len(s.keys)
                    tcache[3] = R.acc_epoch
                    w[j] = t.address
                    w[j + tcache[2]] = S[i + c]
                    return n
        set_prop(o, key, S[i + c])
        return n
    return op


def f_GetElem(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap
    arr_hdr = heap.array_shape.address
    str_hdr = heap.string_shape.address

    def op(i: int) -> int:
        o = S[i + b]
        x = S[i + c]
        if x >> 32 == INT_HI and o >> 48 == 0xFFFB:
            w = heap._w
            j = ((o & ADDR_MASK) - heap._base) >> 3
            hdr = w[j]
            if hdr == arr_hdr:
                idx = x & M32
                if idx < w[j + 1]:
                    v = w[((w[j + 3] - heap._base) >> 3) + 2 + idx]
                    S[i + a] = UNDEFINED_WORD if v == HOLE_WORD else v
                    return n
            elif hdr == str_hdr:
                idx = x & M32
                if idx < w[j + 1]:  # one code unit: a shared one-unit string
                    S[i + a] = new_str(str_of(o)[idx])
                    return n
        S[i + a] = get_elem(o, x)
        return n
    return op


def f_SetElem(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap
    arr_hdr = heap.array_shape.address

    def op(i: int) -> int:
        o = S[i + a]
        x = S[i + b]
        if x >> 32 == INT_HI and o >> 48 == 0xFFFB:
            w = heap._w
            j = ((o & ADDR_MASK) - heap._base) >> 3
            if w[j] == arr_hdr:
                idx = x & M32
                if idx < w[j + 1]:
                    w[((w[j + 3] - heap._base) >> 3) + 2 + idx] = S[i + c]
                    return n
        set_elem(o, x, S[i + c])
        return n
    return op


def f_GetGlobal(d: Decoder, a: int, k: int) -> Op:
    n = d.pc + 1
    pc = d.pc
    key = d.consts[k]
    S = R.S

    def op(i: int) -> int:
        g = R.global_obj.word
        j = core.own_slot(g, key)
        if j is None:
            from ..runtime import R as PR
            if key in PR.globals:
                raise unsupported(f"the built-in {key}", (d.code, pc))
            raise throw("ReferenceError", f"{key} is not defined")
        S[i + a] = R.heap._w[j]
        return n
    return op


def f_SetGlobal(d: Decoder, k: int, b: int) -> Op:
    n = d.pc + 1
    key = d.consts[k]
    S = R.S

    def op(i: int) -> int:
        R.heap.put(R.global_obj, key, S[i + b])
        return n
    return op


def f_TypeOfGlobal(d: Decoder, a: int, k: int) -> Op:
    n = d.pc + 1
    key = d.consts[k]
    S = R.S

    def op(i: int) -> int:
        v = core.get_own(R.global_obj.word, key)
        S[i + a] = new_str(core.typeof(v if v is not None else UNDEFINED_WORD))
        return n
    return op


# -- contexts and closures -------------------------------------------------------------------

def _ctx_addr(w: int) -> int:
    return w & ADDR_MASK


def f_NewContext(d: Decoder, a: int, b: int, size: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap

    def op(i: int) -> int:
        if b >= 0:
            parent = S[i + b]
        else:  # the callee's context
            cw = heap._w[(((S[i + 2] & ADDR_MASK) - heap._base) >> 3) + 3]
            parent = core.REF_BASE | cw if cw else UNDEFINED_WORD
        S[i + a] = heap.alloc_context(size, parent)
        return n
    return op


def f_CopyContext(d: Decoder, a: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap

    def op(i: int) -> int:
        old = S[i + a]
        cnt = heap._w[(((old & ADDR_MASK) - heap._base) >> 3) + 1]
        new = heap.alloc_context(cnt)
        old = S[i + a]
        oi = ((old & ADDR_MASK) - heap._base) >> 3
        ni = ((new & ADDR_MASK) - heap._base) >> 3
        w = heap._w
        w[ni + 2:ni + 3 + cnt] = w[oi + 2:oi + 3 + cnt]
        S[i + a] = new
        return n
    return op


def f_LdCtx(d: Decoder, a: int, b: int, idx: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap

    def op(i: int) -> int:
        S[i + a] = heap._w[(((S[i + b] & ADDR_MASK) - heap._base) >> 3) + 2 + idx]
        return n
    return op


def f_StCtx(d: Decoder, a: int, idx: int, c: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap

    def op(i: int) -> int:
        heap._w[(((S[i + a] & ADDR_MASK) - heap._base) >> 3) + 2 + idx] = S[i + c]
        return n
    return op


def _env(i: int, depth: int) -> int:
    """Word index of the context ``depth`` levels up from the callee's context."""
    heap = R.heap
    w = heap._w
    base = heap._base
    c = w[(((R.S[i + 2] & ADDR_MASK) - base) >> 3) + 3]
    for _ in range(depth):
        c = w[((c - base) >> 3) + 2]
    return int(c - base) >> 3


def f_LdEnv(d: Decoder, a: int, depth: int, idx: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap

    if depth == 0:
        def op0(i: int) -> int:
            w = heap._w
            base = heap._base
            S[i + a] = w[((w[(((S[i + 2] & ADDR_MASK) - base) >> 3) + 3] - base) >> 3)
                         + 2 + idx]
            return n
        return op0

    if depth == 1:
        def op1(i: int) -> int:
            w = heap._w
            base = heap._base
            c0 = w[(((S[i + 2] & ADDR_MASK) - base) >> 3) + 3]
            S[i + a] = w[((w[((c0 - base) >> 3) + 2] - base) >> 3) + 2 + idx]
            return n
        return op1

    def op(i: int) -> int:
        S[i + a] = heap._w[_env(i, depth) + 2 + idx]
        return n
    return op


def f_LdEnvChecked(d: Decoder, a: int, depth: int, idx: int, k: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap
    name = d.consts[k]

    def op(i: int) -> int:
        v = heap._w[_env(i, depth) + 2 + idx]
        if v == UNINIT_WORD:
            raise throw("ReferenceError", f"Cannot access '{name}' before initialization")
        S[i + a] = v
        return n
    return op


def f_StEnv(d: Decoder, depth: int, idx: int, c: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap

    def op(i: int) -> int:
        heap._w[_env(i, depth) + 2 + idx] = S[i + c]
        return n
    return op


def f_Closure(d: Decoder, a: int, k: int, e: int) -> Op:
    n = d.pc + 1
    code = d.consts[k]
    S = R.S
    heap = R.heap
    arrow = code.kind == "arrow"

    def op(i: int) -> int:
        info = code_info(code)
        if e >= 0:
            ctx = S[i + e]
        else:
            cw = heap._w[(((S[i + 2] & ADDR_MASK) - heap._base) >> 3) + 3]
            ctx = core.REF_BASE | cw if cw else UNDEFINED_WORD
        this = S[i + 1] if arrow else UNDEFINED_WORD
        home = UNDEFINED_WORD
        if arrow:  # super inside an arrow: the enclosing method's home
            home = heap._w[(((S[i + 2] & ADDR_MASK) - heap._base) >> 3) + 5]
        S[i + a] = heap.alloc_closure(R.fn_shape, info.id, ctx, this, home)
        return n
    return op


# -- calls -------------------------------------------------------------------------------------

def f_Call(d: Decoder, a: int, b: int, c: int, base: int, argc: int, k: int) -> Op:
    n = d.pc + 1
    desc = d.consts[k]
    S = R.S
    heap = R.heap
    end = base + argc

    ctx = heap._ctx
    sbase = R.sbase

    def op(i: int) -> int:
        fn = S[i + b]
        if fn >> 48 == 0xFFFB:
            w = heap._w
            j = ((fn & ADDR_MASK) - heap._base) >> 3
            s = heap._shape_at[w[j]]
            if s.kind == KIND_CLOSURE:
                cid = w[j + 2]
                if cid >= NATIVE_BASE:
                    S[i + a] = R.natives[cid - NATIVE_BASE].fn(S[i + c],
                                                               list(S[i + base:i + end]))
                    return n
                info = R.codes[cid]
                if info.direct_argc == argc and R.jit is None:
                    # the frame built here and the callee's loop run in this handler:
                    # what invoke does for a plain call, with nothing copied twice
                    tpl = info.template
                    if info.epoch != heap.stats.collections:
                        tpl = _template(info)
                    nr = len(tpl)
                    fp = ctx[2] + 16
                    top = fp + 8 * nr
                    if top > ctx[5]:
                        raise RecursionError("word stack exhausted")
                    k2 = (fp - sbase) >> 3
                    S[k2 - 2] = ctx[3]
                    S[k2 - 1] = nr
                    S[k2:k2 + nr] = tpl
                    S[k2 + 1] = S[i + c]
                    S[k2 + 2] = fn
                    S[k2 + 3:k2 + 3 + argc] = S[i + base:i + end]
                    ctx[3] = fp
                    ctx[2] = top
                    info.calls += 1
                    ops = info.ops
                    pc = 0
                    try:
                        while pc >= 0:
                            pc = ops[pc](k2)
                        S[i + a] = S[k2]
                    except (HThrow, RecursionError) as e:
                        S[i + a] = _loop(info, k2, pc, e)
                    finally:
                        ctx[3] = S[k2 - 2]
                        ctx[2] = fp - 16
                    return n
                if info.code.is_class_ctor:
                    raise throw("TypeError", f"Class constructor {info.code.name} cannot "
                                             "be invoked without 'new'")
                S[i + a] = invoke(info, fn, S[i + c], list(S[i + base:i + end]))
                return n
        raise throw("TypeError", f"{desc} is not a function")
    return op


def _spread(w: int) -> list[int]:
    if kind_of(w) != KIND_ARRAY:
        raise unsupported("spreading a non-array")
    return [UNDEFINED_WORD if x == HOLE_WORD else x for x in core.array_words(w)]


def f_CallSpread(d: Decoder, a: int, b: int, c: int, arr: int, k: int) -> Op:
    n = d.pc + 1
    desc = d.consts[k]
    S = R.S

    def op(i: int) -> int:
        fn = S[i + b]
        if kind_of(fn) != KIND_CLOSURE:
            raise throw("TypeError", f"{desc} is not a function")
        S[i + a] = call(fn, S[i + c], _spread(S[i + arr]))
        return n
    return op


def construct(fn: int, args: list[int], desc: str) -> int:
    """``new fn(...args)``."""
    if kind_of(fn) != KIND_CLOSURE:
        raise throw("TypeError", f"{desc} is not a constructor")
    cid = core.closure_code_id(fn)
    if cid >= NATIVE_BASE:
        nat = R.natives[cid - NATIVE_BASE]
        if nat.ctor is None:
            raise throw("TypeError", f"{desc or nat.name} is not a constructor")
        return nat.ctor(None, args)
    info = R.codes[cid]
    if info.code.kind in ("arrow", "method"):
        raise throw("TypeError", f"{desc or info.code.name} is not a constructor")
    heap = R.heap
    hs = [heap.handle(x) for x in args]
    try:
        with heap.handle(fn) as hf:
            proto = get_prop(fn, "prototype")
            if not is_object(proto):
                proto = R.protos["Object"].word
            obj = core.new_object(proto)
            with heap.handle(obj) as ho:
                r = invoke(info, hf.word, ho.word, [h.word for h in hs])
                return r if is_object(r) else ho.word
    finally:
        for h in hs:
            h.release()


def f_New(d: Decoder, a: int, b: int, base: int, argc: int, k: int) -> Op:
    n = d.pc + 1
    desc = d.consts[k]
    S = R.S

    heap = R.heap
    ctx = heap._ctx
    sbase = R.sbase
    end = base + argc
    rcache: list[Any] = [0, None]  # the prototype's header -> its instances' root shape

    def op(i: int) -> int:
        fn = S[i + b]
        if fn >> 48 == 0xFFFB and R.jit is None:
            w = heap._w
            j = ((fn & ADDR_MASK) - heap._base) >> 3
            s = heap._shape_at[w[j]]
            if s.kind == KIND_CLOSURE and w[j + 2] < NATIVE_BASE:
                info = R.codes[w[j + 2]]
                kp = s.keys.get("prototype")
                if info.direct_new == argc and kp is not None:
                    # a base constructor: the object and the frame made here, the
                    # callee's loop run in this handler (as Call does)
                    proto = w[heap._slot_index(j, s, kp)]
                    if proto >> 48 == 0xFFFB:
                        ph = w[((proto & ADDR_MASK) - heap._base) >> 3]
                        shape = rcache[1]
                        if ph != rcache[0] or shape is None:
                            if not is_object(proto):
                                return _new_generic(i)
                            shape = core.root_shape(proto)
                            rcache[0] = w[((proto & ADDR_MASK) - heap._base) >> 3]
                            rcache[1] = shape
                        obj = heap.alloc_object(shape)  # may collect: slots re-read below
                        tpl = info.template
                        if info.epoch != heap.stats.collections:
                            tpl = _template(info)
                        nr = len(tpl)
                        fp = ctx[2] + 16
                        top = fp + 8 * nr
                        if top > ctx[5]:
                            raise RecursionError("word stack exhausted")
                        k2 = (fp - sbase) >> 3
                        S[k2 - 2] = ctx[3]
                        S[k2 - 1] = nr
                        S[k2:k2 + nr] = tpl
                        S[k2 + 1] = obj
                        S[k2 + 2] = S[i + b]
                        S[k2 + 3:k2 + 3 + argc] = S[i + base:i + end]
                        ctx[3] = fp
                        ctx[2] = top
                        info.calls += 1
                        ops = info.ops
                        pc = 0
                        try:
                            while pc >= 0:
                                pc = ops[pc](k2)
                            r = S[k2]
                        except (HThrow, RecursionError) as e:
                            r = _loop(info, k2, pc, e)
                        finally:
                            ctx[3] = S[k2 - 2]
                            ctx[2] = fp - 16
                        S[i + a] = r if is_object(r) else S[k2 + 1]
                        return n
        return _new_generic(i)

    def _new_generic(i: int) -> int:
        S[i + a] = construct(S[i + b], list(S[i + base:i + end]), desc)
        return n
    return op


def f_NewSpread(d: Decoder, a: int, b: int, arr: int, k: int) -> Op:
    n = d.pc + 1
    desc = d.consts[k]
    S = R.S

    def op(i: int) -> int:
        S[i + a] = construct(S[i + b], _spread(S[i + arr]), desc)
        return n
    return op


def _super_call(i: int, args: list[int]) -> int:
    S = R.S
    me = S[i + 2]
    parent = core.proto_word(me)
    if kind_of(parent) != KIND_CLOSURE:
        raise throw("TypeError", "Super constructor is not a constructor")
    cid = core.closure_code_id(parent)
    if cid >= NATIVE_BASE:
        nat = R.natives[cid - NATIVE_BASE]
        if nat.ctor is None:
            raise throw("TypeError", "Super constructor is not a constructor")
        nat.ctor(S[i + 1], args)
    else:
        r = invoke(R.codes[cid], parent, S[i + 1], args)
        if is_object(r) and r != S[i + 1]:
            raise unsupported("a base constructor that returns a different object "
                              "with super()")
    _run_fields(i)
    return int(S[i + 1])


def _run_fields(i: int) -> None:
    S = R.S
    f = core.get_own(S[i + 2], core.K_FIELDS)
    if f is not None:
        call(f, S[i + 1], [])


def f_SuperCall(d: Decoder, a: int, base: int, argc: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        S[i + a] = _super_call(i, list(S[i + base:i + base + argc]))
        return n
    return op


def f_SuperCallSpread(d: Decoder, a: int, arr: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        S[i + a] = _super_call(i, _spread(S[i + arr]))
        return n
    return op


def _home(i: int) -> int:
    heap = R.heap
    return int(heap._w[(((R.S[i + 2] & ADDR_MASK) - heap._base) >> 3) + 5])


def _super_get(i: int, key: str) -> int:
    home = _home(i)
    if not is_object(home):
        raise throw("SyntaxError", "'super' keyword unexpected here")
    p = core.proto_word(home)
    r = core._lookup(p, key, R.S[i + 1]) if p != NULL_WORD else None
    return UNDEFINED_WORD if r is None else r


def f_SuperGet(d: Decoder, a: int, k: int) -> Op:
    n = d.pc + 1
    key = d.consts[k]
    S = R.S

    def op(i: int) -> int:
        S[i + a] = _super_get(i, key)
        return n
    return op


def f_SuperGetElem(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        S[i + a] = _super_get(i, core.key_of(S[i + b]))
        return n
    return op


def f_Return(d: Decoder, a: int) -> Op:
    S = R.S

    def op(i: int) -> int:
        S[i] = S[i + a]
        return -1
    return op


def f_Throw(d: Decoder, a: int) -> Op:
    S = R.S

    def op(i: int) -> int:
        raise HThrow(S[i + a])
    return op


def f_ThrowConst(d: Decoder, kind: int, k: int) -> Op:
    msg = d.consts[k]
    name = THROW_KINDS[kind]

    def op(i: int) -> int:
        raise throw(name, msg)
    return op


# -- literals and classes ------------------------------------------------------------------

def f_NewObject(d: Decoder, a: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        S[i + a] = R.heap.alloc_object(R.obj_shape)
        return n
    return op


def f_NewArray(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap

    def op(i: int) -> int:
        arr = heap.alloc_array(c, max(c, 4))
        j = ((arr & ADDR_MASK) - heap._base) >> 3
        e = ((heap._w[j + 3] - heap._base) >> 3) + 2
        heap._w[e:e + c] = S[i + b:i + b + c]
        S[i + a] = arr
        return n
    return op


def f_ArrayPush(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        R.heap.array_push(S[i + a], S[i + b])
        return n
    return op


def f_ArrayHole(d: Decoder, a: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        R.heap.array_push(S[i + a], HOLE_WORD)
        return n
    return op


def f_ArraySpread(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        for x in _spread(S[i + b]):
            R.heap.array_push(S[i + a], x)
        return n
    return op


def _define(i: int, a: int, key: str, c: int, method: bool) -> None:
    S = R.S
    heap = R.heap
    o = S[i + a]
    if method and kind_of(S[i + c]) == KIND_CLOSURE:
        heap._w[(((S[i + c] & ADDR_MASK) - heap._base) >> 3) + 5] = o
    k = kind_of(o)
    if k in (KIND_OBJECT, KIND_CLOSURE):
        heap.put(o, key, S[i + c])
    else:
        set_prop(o, key, S[i + c])


def f_DefineField(d: Decoder, a: int, k: int, c: int) -> Op:
    n = d.pc + 1
    key = d.consts[k]

    def op(i: int) -> int:
        _define(i, a, key, c, False)
        return n
    return op


def f_DefineElem(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(i: int) -> int:
        _define(i, a, core.key_of(R.S[i + b]), c, False)
        return n
    return op


def f_DefineMethod(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1

    def op(i: int) -> int:
        _define(i, a, core.key_of(R.S[i + b]), c, True)
        return n
    return op


def _accessor(which: int) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, c: int) -> Op:
        n = d.pc + 1
        S = R.S
        heap = R.heap

        def op(i: int) -> int:
            o = S[i + a]
            if kind_of(S[i + c]) == KIND_CLOSURE:
                heap._w[(((S[i + c] & ADDR_MASK) - heap._base) >> 3) + 5] = o
            key = core.key_of(S[i + b])
            core.define_accessor(S[i + a], key, S[i + c], which)
            return n
        return op
    return factory


f_DefineGetter = _accessor(0)
f_DefineSetter = _accessor(1)


def f_Class(d: Decoder, a: int, b: int, c: int, k: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap

    def op(i: int) -> int:
        if c >= 0:
            parent = S[i + c]
            if parent == NULL_WORD:
                raise unsupported("class extends null")
            if kind_of(parent) != KIND_CLOSURE:
                raise throw("TypeError", f"Class extends value {core.display(parent)} is "
                                         "not a constructor or null")
            pp = get_prop(parent, "prototype")
            if not is_object(pp) and pp != NULL_WORD:
                raise throw("TypeError", "Class extends value does not have valid "
                                         "prototype property")
            with heap.handle(pp) as hp:
                cs = core.root_shape(S[i + c], closure=True)
                proto = core.new_object(hp.word)
            # the constructor becomes a closure whose prototype is the parent class
            ctor = S[i + b]
            j = ((ctor & ADDR_MASK) - heap._base) >> 3
            if heap._shape_at[heap._w[j]].keys:
                raise unsupported("a class constructor with properties before 'extends'")
            heap._w[j] = cs.address
        else:
            proto = core.new_object(R.protos["Object"].word)
        with heap.handle(proto) as hp:
            heap.put(hp, "constructor", S[i + b])
            heap.put(S[i + b], "prototype", hp.word)
            ctor = S[i + b]
            heap._w[(((ctor & ADDR_MASK) - heap._base) >> 3) + 5] = hp.word
        S[i + a] = S[i + b]
        return n
    return op


def f_SetClassFields(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap

    def op(i: int) -> int:
        proto = get_prop(S[i + a], "prototype")
        heap._w[(((S[i + b] & ADDR_MASK) - heap._base) >> 3) + 5] = proto
        heap.put(S[i + a], core.K_FIELDS, S[i + b])
        return n
    return op


def f_RunFields(d: Decoder) -> Op:
    n = d.pc + 1

    def op(i: int) -> int:
        _run_fields(i)
        return n
    return op


def f_Rest(d: Decoder, a: int, idx: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        args = S[i]
        words = core.array_words(args)[idx:]
        hs = [R.heap.handle(x) for x in words]
        S[i + a] = core.new_array_rooted(hs)
        return n
    return op


def f_Arguments(d: Decoder, a: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        S[i + a] = S[i]
        return n
    return op


def f_ToArray(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        v = S[i + b]
        if kind_of(v) == KIND_ARRAY:
            S[i + a] = v
        elif is_string(v):
            hs = [R.heap.handle(new_str(ch)) for ch in str_of(v)]
            S[i + a] = core.new_array_rooted(hs)
        else:
            raise unsupported(f"iterating over a {core.typeof(v)} value")
        return n
    return op


def f_Slice(d: Decoder, a: int, b: int, idx: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        v = S[i + b]
        if kind_of(v) != KIND_ARRAY:
            raise unsupported("an array pattern over a non-array")
        hs = [R.heap.handle(x) for x in _spread(v)[idx:]]
        S[i + a] = core.new_array_rooted(hs)
        return n
    return op


def f_Keys(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        hs = [R.heap.handle(new_str(key)) for key in core.for_in_keys(S[i + b])]
        S[i + a] = core.new_array_rooted(hs)
        return n
    return op


def f_Concat(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        parts = []
        for j in range(c):
            x = S[i + b + j]
            parts.append(str_of(x) if is_string(x) else to_str(x))
        S[i + a] = new_str("".join(parts))
        return n
    return op


def f_ThisCheck(d: Decoder, a: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        if S[i + a] == UNINIT_WORD:
            raise throw("ReferenceError", "Must call super constructor in derived class "
                                          "before accessing 'this' or returning from "
                                          "derived constructor")
        return n
    return op


def f_RequireObject(d: Decoder, a: int, k: int) -> Op:
    n = d.pc + 1
    S = R.S
    what = d.consts[k]

    def op(i: int) -> int:
        v = S[i + a]
        if v in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", f"Cannot destructure '{to_str(v)}' as it is "
                                     f"{to_str(v)}." if not what else str(what))
        return n
    return op


def f_DeleteProp(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        o = S[i + b]
        if o in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "Cannot convert undefined or null to object")
        S[i + a] = TRUE_WORD if core.delete_prop(o, core.key_of(S[i + c])) else FALSE_WORD
        return n
    return op


def f_Nop(d: Decoder) -> Op:
    n = d.pc + 1

    def op(i: int) -> int:
        return n
    return op


f_Debugger = f_Nop

FACTORIES: dict[str, Callable[..., Op]] = {
    name[2:]: fn for name, fn in globals().items()
    if name.startswith("f_") and callable(fn)
}

__all__ = ["FACTORIES", "call", "construct", "decode", "frame_template", "invoke",
           "pop_frame", "push_frame", "run_at", "set_jit", "step"]
_ = (KIND_STRING, double_of)
