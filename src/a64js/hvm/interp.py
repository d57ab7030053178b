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
- :func:`catch` ``(code, fp, pc, exc) -> handler pc``: an exception raised at ``pc``
  given to the function's handler (compiled code goes on there), or raised on;
- :func:`call` ``(fn_word, this_word, arg_words) -> result word``: call any function;
- :func:`set_jit`: install an object with ``on_entry(code, fp) -> int | None`` (called at
  each interpreted function entry; a word when compiled code ran the whole call) and
  ``on_backedge(code, fp, target_pc) -> int | None`` (at each backward jump; a word when
  compiled code finished the call).
"""

from __future__ import annotations

import array
import re
from codecs import utf_16_le_encode as _utf16_encode
from collections.abc import Callable
from typing import Any

from a64jit.runtime import check_headroom

from ..bytecode import OPCODES, SIG, THROW_KINDS, Code, report_place, source_name
from ..heap import ARRAY_SIZE, KIND_ARRAY, KIND_CLOSURE, KIND_OBJECT, KIND_STRING, ShapeCell
from ..runtime import (
    READ_ONLY_KEYS,
    destructure_message,
    not_iterable_message,
    object_not_iterable_message,
)
from ..values import NULL, PRIVATE, UNINITIALIZED, tdz_message
from ..words import CANONICAL_NAN, TAG_INT, TAG_REF, TAG_SHIFT
from . import core
from .core import (
    ADDR_MASK,
    CLOSURE_OWN_KEYS,
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
#: Tag tests as comparisons of the word: ``INT_BASE <= w < INT_END`` an int32,
#: ``w < INT_BASE`` a double, ``w < CONST_BASE`` a number, ``w >= REF_BASE`` a reference.
INT_END = INT_BASE + (1 << 32)
CONST_BASE = 0xFFFA << 48
REF_BASE = core.REF_BASE
#: ``w ^ SGN`` of an int32 word is ``K + its value``.
K = INT_BASE + SGN


class Decoder:
    """What a handler factory needs besides the operands."""

    __slots__ = ("blocks", "cache", "code", "consts", "gen", "info", "pc")

    def __init__(self, info: CodeInfo) -> None:
        self.info = info
        self.code = info.code
        self.consts = info.code.consts
        self.pc = 0
        #: pc -> (kind, key, make's arguments) of a handler made from a source template
        #: (the block compiler inlines that source)
        self.gen: dict[int, tuple[str, tuple[str, ...], tuple[Any, ...]]] = {}
        #: pc -> a handler's one-entry cache [header, word offset] (GetProp, SetProp)
        self.cache: dict[int, list[Any]] = {}
        #: pc -> how to compile again each compiled block holding it (see _refresh)
        self.blocks: dict[int, list[Callable[[], None]]] = {}


# -- the contract ------------------------------------------------------------------------

def set_jit(jit: Any) -> None:
    """Install the JIT (``on_entry``/``on_backedge`` hooks) or remove it (None). A JIT
    moves the realm's frames to memory for good (machine code reads them there)."""
    if jit is not None:
        core.use_memory_frames()
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
    if fn < REF_BASE:
        raise throw("TypeError", f"{core.display(fn)} is not a function")
    h = R.heap
    w = h._w
    j = (fn - h._rb) >> 3
    if h._layout[w[j]][0] != KIND_CLOSURE:
        raise throw("TypeError", f"{core.display(fn)} is not a function")
    cid = w[j + 2]
    if cid >= NATIVE_BASE:
        return R.natives[cid - NATIVE_BASE].fn(this, args)
    info = R.codes[cid]
    if info.direct_call >= 0 and info.epoch == h.stats.collections:
        # (a callback of a built-in, a getter: the frame built here, as Call's fast path)
        if info.code.kind == "arrow":
            this = w[j + 4]
        return _call_direct(info, fn, this, args)
    if info.code.is_class_ctor:
        raise throw("TypeError", f"Class constructor {info.code.name} cannot be invoked "
                                 "without 'new'")
    return invoke(info, fn, this, args)


R.call = call


def _call_direct(info: CodeInfo, fn: int, this: int, args: list[int]) -> int:
    """Run ``fn`` (of ``info``: decoded, its template of this epoch, its arguments
    object never read, so arguments past its parameters are dropped and missing ones
    are the template's undefined) with its frame pushed here: what :func:`invoke` does,
    with its checks for other functions left out."""
    tpl = info.template
    c = R.heap._ctx
    S = R.S
    nr = len(tpl)
    cfp = c[3]
    sp = c[2]  # (restored as read: no subtraction)
    fp = sp + 16
    top = fp + 8 * nr
    if top > R.slimit:
        core.grow_frames(top)
    i = (fp - R.sbase) >> 3
    S[i - 2] = cfp
    S[i - 1] = nr
    S[i:i + nr] = tpl
    S[i + 1] = this
    S[i + 2] = fn
    k = i + 3
    if len(args) > info.direct_call:
        args = args[:info.direct_call]
    for x in args:
        S[k] = x
        k += 1
    c[3] = fp
    c[2] = top
    info.calls += 1
    try:
        jit = R.jit
        if jit is not None:
            r = jit.on_entry(info.code, fp)
            if r is not None:
                return int(r)
        ops: Any = info.run
        pc = 0
        try:
            while pc >= 0:
                pc = ops[pc](i)
            return S[i]  # type: ignore[no-any-return]
        except BaseException as e:
            return _callee_fault(info, i, pc, e)
    finally:
        c[3] = cfp
        c[2] = sp


def call_getter(g: int, o: int) -> int:
    """``call(g, o, [])`` for a getter found by an inline cache: a bytecode function
    that takes its arguments directly runs with its frame pushed here (what ``invoke``
    does, with its checks for other functions left out); anything else through
    :func:`call`."""
    h = R.heap
    w = h._w
    j = (g - h._rb) >> 3
    cid = w[j + 2]
    if cid < NATIVE_BASE and h._layout[w[j]][0] == KIND_CLOSURE:
        info = R.codes[cid]
        if info.direct_argc >= 0 and info.epoch == h.stats.collections \
                and info.template is not None:
            return _call_direct(info, g, o, [])
    return call(g, o, [])


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
    # (a list while frames are: a slice of the frame list takes its items as they are)
    info.template = words if type(R.S) is list else memoryview(array.array("Q", words))
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
    if end > R.slimit:
        core.grow_frames(end)
    S = R.S
    i = (fp - R.sbase) >> 3
    S[i - 2] = c[3]
    S[i - 1] = n
    S[i:i + n] = tpl
    S[i + 1] = this
    S[i + 2] = fn
    m = min(len(args), code.nparams)
    if m <= 4:
        for j in range(m):
            S[i + 3 + j] = args[j]
    else:
        S[i + 3:i + 3 + m] = array.array("Q", args[:m])
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
            S[i + 1] = R.heap._w[((S[i + 2] - R.heap._rb) >> 3) + 4]
        if extra is not None:
            S[i] = core.new_array_rooted(extra)
        info.calls += 1
        jit = R.jit
        if jit is not None:
            r = jit.on_entry(code, R.sbase + 8 * i)
            if r is not None:
                return int(r)
        ops: Any = info.run
        pc = 0
        try:  # (what _loop does, without its set-up on the path with no exception)
            while pc >= 0:
                pc = ops[pc](i)
            return S[i]  # type: ignore[no-any-return]
        except (HThrow, RecursionError) as e:
            return _loop(info, i, _fault_pc(e, pc), e)
        except core.HVMUnsupported as e:
            pc = _fault_pc(e, pc)
            if e.located:
                raise
            raise core.locate(e, (code, pc)) from None
    finally:
        c = R.heap._ctx
        c[3] = R.S[i - 2]
        c[2] = R.sbase + 8 * (i - 2)


def _handler_for(code: Code, pc: int) -> tuple[int, int] | None:
    for start, end, handler, reg in code.handlers:
        if start <= pc < end:
            return handler, reg
    return None


def _loop(info: CodeInfo, i: int, pc: int, pending: BaseException | None) -> int:
    ops = info.run
    assert ops is not None
    S = R.S
    code = info.code
    exc = pending
    del pending  # (see below: no local of this frame holds the exception it raises on)
    while True:
        if exc is not None:
            try:
                pc = _catch(code, i, pc, exc)
            finally:
                # (no local of this frame holds the exception once it leaves: its
                # traceback holds this frame, and such a cycle keeps a deep recursion's
                # frames and their handles for Python's cyclic collector, whose
                # finalizers may then run near the recursion limit and fail, printed)
                exc = None
        try:
            while pc >= 0:
                pc = ops[pc](i)
            return S[i]  # type: ignore[no-any-return]
        except (HThrow, RecursionError) as e:
            exc = e
            pc = _fault_pc(e, pc)
        except core.HVMUnsupported as e:
            pc = _fault_pc(e, pc)
            if e.located:
                raise
            raise core.locate(e, (code, pc)) from None


def _stack_room() -> bool:
    """Whether the Python stack has a64jit's CALLBACK_HEADROOM frames left."""
    try:
        check_headroom()
    except RecursionError:
        return False
    return True


def _catch(code: Code, i: int, pc: int, exc: BaseException) -> int:
    """Dispatch ``exc`` (an HThrow or RecursionError raised at ``pc``) to the handler of
    ``code`` covering ``pc`` in the frame at word index ``i``: the handler's pc, its
    register holding the thrown value; raises ``exc`` (a RecursionError as a RangeError)
    when no handler covers ``pc``."""
    # (the exception raised on is deleted from this frame on its way out: see _loop)
    h = _handler_for(code, pc)
    if isinstance(exc, HThrow):
        if exc.where is None:
            exc.where = core.throw_places().find(exc.word) or (code, pc)
        elif exc.where[0] is not code:  # (named at the program's frame, not assert.js's)
            exc.where = report_place(exc.where, code, pc)
        if h is None:
            try:
                raise exc
            finally:
                del exc
        value = exc.word
        # a finally block may rethrow this value: remember where it was thrown
        assert exc.where is not None
        core.throw_places().remember(value, exc.where)
    else:  # RecursionError: JavaScript's RangeError
        if not _stack_room():
            # too near Python's limit to handle it here: the finalizers that dropping
            # the exception runs (handles, the emulator's contexts) would fail and be
            # printed, not raised; a caller's frame converts it
            try:
                raise exc
            finally:
                del exc
        err = throw("RangeError", "Maximum call stack size exceeded")
        if h is None:
            err.where = (code, pc)
            try:
                raise err from None
            finally:
                del err, exc
        value = err.word
    R.S[i + h[1]] = value
    return h[0]


def catch(code: Code, fp: int, pc: int, exc: BaseException) -> int:
    """The JIT's exception dispatch: ``exc`` (an HThrow or RecursionError raised at
    ``pc`` of the frame of ``code`` at ``fp``) given to the function's handler covering
    ``pc``, as the interpreter's loop does; the handler's pc to go on at (the frame
    holds the thrown value), or ``exc`` raised when no handler covers ``pc``."""
    return _catch(code, (fp - R.sbase) >> 3, pc, exc)


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
            if t <= pc and name not in _BACK_AWARE:
                op = _backedge(info, op, t)
        ops.append(op)
    info.reads_args = any(OPCODES[ins[0]][0] in ("Rest", "Arguments")
                          for ins in code.insns)
    direct = code.kind in ("normal", "method") and not code.is_class_ctor \
        and not code.uses_arguments and not info.reads_args
    info.direct_argc = code.nparams if direct else -2
    info.direct_call = code.nparams if direct or (
        code.kind == "arrow" and not code.uses_arguments and not info.reads_args) else -2
    direct = code.kind in ("normal", "ctor") and not code.is_derived \
        and not code.uses_arguments and not info.reads_args
    info.direct_new = code.nparams if direct else -2
    info.run = _plan_blocks(d, ops)
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


def compare(x: int, y: int, left_first: bool = True) -> bool | None:
    """x < y (None: undefined, a NaN); ``left_first`` False: y is the left operand (a > b
    is b < a), converted first."""
    if is_object(x) or is_object(y):
        with R.heap.handle(x) as hx, R.heap.handle(y) as hy:
            if left_first:
                hx.word = to_primitive(hx.word, "number")
                hy.word = to_primitive(hy.word, "number")
            else:
                hy.word = to_primitive(hy.word, "number")
                hx.word = to_primitive(hx.word, "number")
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
    return compare(y, x, False) is True


def le(x: int, y: int) -> bool:
    r = compare(y, x, False)
    return r is False


def ge(x: int, y: int) -> bool:
    r = compare(x, y)
    return r is False


def instance_of(x: int, f: int) -> bool:
    if kind_of(f) != KIND_CLOSURE:
        if is_object(f):
            raise throw("TypeError", "Right-hand side of 'instanceof' is not callable")
        raise throw("TypeError", "Right-hand side of 'instanceof' is not an object")
    target = core.bound_target(f)
    if target is not None:  # a bound function: its target's (hvm.builtins' bind)
        return instance_of(x, target)
    if not is_object(x):
        return False
    with R.heap.handle(x) as hx:
        proto = get_prop(f, "prototype")
        x = hx.word
    if not is_object(proto):
        raise throw("TypeError", f"Function has non-object prototype '{to_str(proto)}' "
                                 "in instanceof check")
    return core.on_proto_chain(x, proto)


def has_prop(o: int, k: int) -> bool:
    if not is_object(o):
        where = to_str(o)  # (a primitive, read before the key's toString may collect)
        raise throw("TypeError", f"Cannot use 'in' operator to search for "
                                 f"'{to_str(k)}' in {where}")
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
        if core.has_own_key(o, key) or core.has_own_key(o, acc):
            return True
        o = core.proto_word(o)
    return False


# -- handler factories ---------------------------------------------------------------------

def f_LoadK(d: Decoder, a: int, k: int) -> Op:
    n = d.pc + 1
    kb = d.code.kbase + k
    S = R.S
    c = d.consts[k]
    if type(c) is not str and not isinstance(c, Code):
        cw = _const_word(c)

        def op_word(i: int) -> int:
            S[i + a] = cw
            return n
        return op_word

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


# Binary arithmetic is generated from one template too: two int32 words inline (``x ^
# SGN`` is ``K + value``, so a sum's word is ``(x ^ SGN) + (y ^ SGN) - K`` back through
# ``^ SGN`` when in range), two doubles through the stack's double view (a double word
# is its own bits; a NaN result stored canonical), anything else through ``GEN``.

#: operator -> the int32 case (x, y int words; stores into slot A and returns N)
_INT_CASES: dict[str, str] = {
    "Add": """
            s = (x ^ SGN) + (y ^ SGN) - K
            if INT_BASE <= s < INT_END:
                S[i + A] = s ^ SGN
            else:
                S[i + A] = num_word(s - K)
            return N""",
    "Sub": """
            s = (x ^ SGN) - (y ^ SGN) + K
            if INT_BASE <= s < INT_END:
                S[i + A] = s ^ SGN
            else:
                S[i + A] = num_word(s - K)
            return N""",
    "Mul": """
            r = ((x ^ SGN) - K) * ((y ^ SGN) - K)
            if r and -SGN <= r < SGN:
                S[i + A] = INT_BASE | (r & M32)
            elif r:  # (past int32: the double of the product, as a double multiply rounds)
                S[i + A] = num_word(r)
            else:  # (0 or -0, by the signs)
                S[i + A] = num_word(_mul((x ^ SGN) - K, (y ^ SGN) - K))
            return N""",
    "Mod": """
            p = (x ^ SGN) - K
            q = (y ^ SGN) - K
            if p >= 0 and q > 0:
                S[i + A] = INT_BASE | (p % q)
            else:
                S[i + A] = num_word(_mod(p, q))
            return N""",
    "Div": """
            S[i + A] = num_word(_div((x ^ SGN) - K, (y ^ SGN) - K))
            return N""",
    "BitAnd": """
            S[i + A] = x & y
            return N""",
    "BitOr": """
            S[i + A] = x | y
            return N""",
    "BitXor": """
            S[i + A] = INT_BASE | (x ^ y)
            return N""",
    "Shl": """
            S[i + A] = INT_BASE | ((x << (y & 31)) & M32)
            return N""",
    "Sar": """
            S[i + A] = INT_BASE | ((((x ^ SGN) - K) >> (y & 31)) & M32)
            return N""",
    "Shr": """
            S[i + A] = num_word((x & M32) >> (y & 31))
            return N""",
}
#: operator -> the two-doubles case (absent: through GEN)
_DBL_CASES: dict[str, str] = {
    "Add": "SD[i + B] + SD[i + C]", "Sub": "SD[i + B] - SD[i + C]",
    "Mul": "SD[i + B] * SD[i + C]",
    # (a zero divisor through _div: its infinities and NaN)
    "Div": "SD[i + B] / q if (q := SD[i + C]) else _div(SD[i + B], q)",
}
#: operator -> the case of two numbers, one a double, as floats p and q (the result
#: through num_word: an integral one becomes an int word, as GEN makes it)
_MIXED_CASES: dict[str, str] = {
    "Add": """
            S[i + A] = num_word(p + q)
            return N""",
    "Sub": """
            S[i + A] = num_word(p - q)
            return N""",
    "Mul": """
            S[i + A] = num_word(p * q)
            return N""",
    "Mod": """
            if p > 0 and q > 0:  # (else -0, NaN and the signs through GEN)
                S[i + A] = num_word(p % q)
                return N""",
}


def _arith_source(opname: str) -> str:
    L = ["def make(S, SD, A, B, C, N, GEN):",
         "    def op(i):",
         "        x = S[i + B]",
         "        y = S[i + C]",
         "        if INT_BASE <= x < INT_END and INT_BASE <= y < INT_END:"]
    L += _INT_CASES[opname][1:].split("\n")
    dbl = _DBL_CASES.get(opname)
    if dbl is not None:
        L += ["        if x < INT_BASE and y < INT_BASE:",
              f"            r = {dbl}",
              "            if r == r:",
              "                SD[i + A] = r",
              "            else:",
              "                S[i + A] = CANONICAL_NAN",
              "            return N"]
    mixed = _MIXED_CASES.get(opname)
    if mixed is not None:
        L += ["        if x < CONST_BASE and y < CONST_BASE:",
              "            p = SD[i + B] if x < INT_BASE else float((x ^ SGN) - K)",
              "            q = SD[i + C] if y < INT_BASE else float((y ^ SGN) - K)"]
        L += mixed[1:].split("\n")
    L += ["        S[i + A] = GEN(x, y)",
          "        return N",
          "    return op"]
    return "\n".join(L) + "\n"


def _gen_arith(fast: Callable[[Any, Any], Any], slow: Callable[[int, int], int]
               ) -> Callable[[int, int], int]:
    """The general case of an arithmetic operator: numbers (one a double, or an operand
    the inline cases leave), else ``slow`` (conversions)."""
    def gen(x: int, y: int) -> int:
        if x < CONST_BASE and y < CONST_BASE:
            return num_word(fast(number_of(x), number_of(y)))
        return slow(x, y)
    return gen


def _gen_add(x: int, y: int) -> int:
    if x < CONST_BASE and y < CONST_BASE:
        return num_word(number_of(x) + number_of(y))
    if x >= REF_BASE and y >= REF_BASE:
        h = R.heap
        sh = h.string_shape.address
        w = h._w
        if w[(x - h._rb) >> 3] == sh and w[(y - h._rb) >> 3] == sh:
            return new_str(str_of(x) + str_of(y))  # (the strings read before allocating)
    return add_slow(x, y)


def _gen_int32(fn: Callable[[int, int], int], unsigned: bool = False
               ) -> Callable[[int, int], int]:
    def gen(x: int, y: int) -> int:
        with R.heap.handle(y) as hy:
            p = to_int32(x)
            r = fn(p, to_int32(hy.word))
        return num_word(r & M32) if unsigned else INT_BASE | (r & M32)
    return gen


def _arith_op(opname: str, gen: Callable[[int, int], int]
              ) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, c: int) -> Op:
        args = (R.S, R.SD, a, b, c, d.pc + 1, gen)
        d.gen[d.pc] = ("arith", (opname,), args)
        return _maker("arith", opname)(*args)
    return factory


f_Add = _arith_op("Add", _gen_add)
f_Sub = _arith_op("Sub", _gen_arith(_sub, sub_slow))
f_Mul = _arith_op("Mul", _gen_arith(_mul, mul_slow))
f_Div = _arith_op("Div", _gen_arith(_div, div_slow))
f_Mod = _arith_op("Mod", _gen_arith(_mod, mod_slow))
f_BitAnd = _arith_op("BitAnd", _gen_int32(lambda p, q: p & q))
f_BitOr = _arith_op("BitOr", _gen_int32(lambda p, q: p | q))
f_BitXor = _arith_op("BitXor", _gen_int32(lambda p, q: p ^ q))
f_Shl = _arith_op("Shl", _gen_int32(lambda p, q: p << (q & 31)))
f_Sar = _arith_op("Sar", _gen_int32(lambda p, q: p >> (q & 31)))
f_Shr = _arith_op("Shr", _gen_int32(lambda p, q: (p & M32) >> (q & 31), unsigned=True))


def _exp_factory(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    S = R.S
    gen = _gen_arith(_exp, exp_slow)

    def op(i: int) -> int:
        S[i + a] = gen(S[i + b], S[i + c])
        return n
    return op


f_Exp = _exp_factory


# Comparisons and conditional jumps are generated from one template per form (the
# operator, a constant right operand and a backward target decided at decode time), so
# that the hot cases run inline: no helper call, no shift (a tag test is a chained
# comparison of the word, which allocates nothing). For int32 words ``x ^ SGN`` is
# ``K + value`` (K = INT_BASE + SGN): ordered as the values, so two ints compare as words.

#: JavaScript operator -> (Python operator, the slow helper over words)
_CMP: dict[str, tuple[str, str]] = {
    "Lt": ("<", "lt"), "Le": ("<=", "le"), "Gt": (">", "gt"), "Ge": (">=", "ge"),
    "Eq": ("==", "loose_eq"), "Ne": ("!=", "loose_ne"),
    "StrictEq": ("==", "strict_eq"), "StrictNe": ("!=", "strict_ne"),
}
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}

_TAKEN_BACK = """
            info.backedges += 1
            jit = R.jit
            if jit is not None:
                rr = jit.on_backedge(code, R.sbase + 8 * i, T)
                if rr is not None:
                    S[i] = rr
                    return -1
            return T"""


def _cmp_source(opname: str, form: str, jump: str) -> str:
    """The source of ``make(...) -> handler`` for comparison ``opname``. ``form``: reg
    (two slots), int / dbl (a number constant right operand), rint / rdbl (a number
    constant left operand), word (a constant that is equal only to itself: undefined,
    null, true, false), str (strict equality with a string constant), nullish (loose
    equality with null or undefined). ``jump``:
    value (store true/false), fwd / back (jump when the result is true), nfwd / nback
    (jump when false)."""
    pyop = _CMP[opname][0]
    if form in ("rint", "rdbl"):
        pyop = _MIRROR[pyop]  # the constant moved to the right
    slow_call = "SLOW(YW, x)" if form in ("rint", "rdbl") else "SLOW(x, YW)"
    L = ["def make(S, SD, X, Y, D, T, N, YB, YF, YW, SLOW, info, code, HEAP, STR_HDR, KS,"
         "         KL):",
         "    def op(i):",
         "        x = S[i + X]"]
    if form == "reg":
        L += ["        y = S[i + Y]",
              "        if INT_BASE <= x < INT_END and INT_BASE <= y < INT_END:",
              f"            r = (x ^ SGN) {pyop} (y ^ SGN)",
              "        elif x < INT_BASE and y < INT_BASE:",
              f"            r = SD[i + X] {pyop} SD[i + Y]",
              "        elif x < CONST_BASE and y < CONST_BASE:",
              f"            r = number_of(x) {pyop} number_of(y)",
              "        elif x >= REF_BASE and y >= REF_BASE and HEAP._w[(x - "
              "HEAP._rb) >> 3] == STR_HDR and HEAP._w[(y - HEAP._rb) "
              ">> 3] == STR_HDR:",  # two strings: by their code units
              f"            r = str_of(x) {pyop} str_of(y)",
              "        else:",
              "            r = SLOW(x, y)"]
    elif form in ("int", "rint"):
        L += ["        if INT_BASE <= x < INT_END:",
              f"            r = (x ^ SGN) {pyop} YB",
              "        elif x < INT_BASE:",
              f"            r = SD[i + X] {pyop} YF",
              "        else:",
              f"            r = {slow_call}"]
    elif form in ("dbl", "rdbl"):
        L += ["        if x < INT_BASE:",
              f"            r = SD[i + X] {pyop} YF",
              "        elif x < INT_END:",
              f"            r = (((x & M32) ^ SGN) - SGN) {pyop} YF",
              "        else:",
              f"            r = {slow_call}"]
    elif form == "word":
        L += [f"        r = x {pyop} YW"]
    elif form in ("str", "str1"):
        # strict equality with a string constant of KL units: a string cell of that
        # length and the constant's unit words (KS: the one word of str1, 1-4 units; else
        # a view of them), zero-padded as the cell's
        same = "w[j + 2] == KS" if form == "str1" else \
            "w[j + 2:j + 2 + ((KL + 3) >> 2)] == KS"
        L += ["        if x == S[i + Y]:",
              "            r = True",
              "        elif x >= REF_BASE:",
              "            w = HEAP._w",
              "            j = (x - HEAP._rb) >> 3",
              f"            r = w[j] == STR_HDR and w[j + 1] == KL and {same}",
              "        else:",
              "            r = False"]
        if pyop == "!=":
            L += ["        r = not r"]
    else:  # nullish
        L += ["        r = x == UNDEFINED_WORD or x == NULL_WORD"]
        if pyop == "!=":
            L += ["        r = not r"]
    if jump == "value":
        L += ["        S[i + D] = TRUE_WORD if r else FALSE_WORD",
              "        return N"]
    else:
        L += ["        if r:" if jump in ("fwd", "back") else "        if not r:"]
        L += _TAKEN_BACK[1:].split("\n") if jump in ("back", "nback") else \
            ["            return T"]
        L += ["        return N"]
    L += ["    return op"]
    return "\n".join(L) + "\n"


def loose_ne(x: int, y: int) -> bool:
    return not loose_eq(x, y)


def strict_ne(x: int, y: int) -> bool:
    return not strict_eq(x, y)


_made: dict[tuple[str, ...], Callable[..., Op]] = {}

# Frames in a list (no JIT installed: core.use_list_frames) hold words, and a double's
# word is its bits: generated handlers that read ``SD[i + n]`` (the stack's memory as
# doubles) read the list's word through a one-word scratch view instead (_DV), and a
# store ``SD[i + n] = r`` becomes the bits of ``r`` through it stored in the list.
_TQ: Any = memoryview(array.array("Q", [0, 0]))
_TD: Any = _TQ.cast("B").cast("d")
# Per line (a line after the templates' test of the operand words ``x`` and ``y``
# for doubles reads their doubles from those locals through the scratch, in line;
# other reads of two slots or one slot and a name through it too; the rest by _DV).
# Cachegrind, a product of two slots: ~2,030 instructions, ~2,700 through two _DV
# calls, ~850 from the stack's double view. The expressions are compiled at the first
# use and only lines naming SD are matched: six multi-line patterns over each block's
# whole text cost json ~5% of its run.
_SD: list[re.Pattern[str]] = []


def _sd_patterns() -> list[re.Pattern[str]]:
    if not _SD:
        _SD.extend(re.compile(p) for p in (
            r" *(?:el)?if x < \w+ and y < \w+:",             # 0: the x/y test
            r" *(?:el)?if x < \w+:",                         # 1: the x test
            r"( *)(r = .*)",                                 # 2: a result after it
            r"( *)r = SD\[([^\]]+)\] (\S+) SD\[([^\]]+)\]",  # 3: two slots
            r"( *)r = SD\[([^\]]+)\] (\S+) (\w+)",           # 4: a slot and a name
            r"( *)SD\[([^\]]+)\] = (.+)",                    # 5: a store
            r"SD\[([^\]]+)\]"))                              # 6: a read
    return _SD


def _DV(w: int) -> float:
    """The double of a double word (generated code over a frame list)."""
    _TQ[0] = w
    r: float = _TD[0]
    return r


def _list_line(ln: str, prev: str) -> str:
    """One line of generated source naming ``SD`` as source over the frame list (one
    line still: a block finds an exception's pc by the line it left)."""
    P = _sd_patterns()
    m = P[2].fullmatch(ln)
    if m is not None and P[0].fullmatch(prev):
        slots: list[str] = []
        for k in P[6].findall(m[2]):
            if k not in slots:
                slots.append(k)
        if len(slots) <= 2:  # (the first slot is x's, the second y's)
            line = m[2]
            for n, k in enumerate(slots):
                line = line.replace(f"SD[{k}]", f"_TD[{n}]")
            return f"{m[1]}_TQ[0] = x; _TQ[1] = y; {line}"
    m = P[4].fullmatch(ln)
    if m is not None:
        w = "x" if P[1].fullmatch(prev) else f"S[{m[2]}]"
        return f"{m[1]}_TQ[0] = {w}; r = _TD[0] {m[3]} {m[4]}"
    m = P[3].fullmatch(ln)
    if m is not None:
        return f"{m[1]}_TQ[0] = S[{m[2]}]; _TQ[1] = S[{m[4]}]; r = _TD[0] {m[3]} _TD[1]"
    m = P[5].fullmatch(ln)
    if m is not None:
        ln = f"{m[1]}_TD[0] = {m[3]}; S[{m[2]}] = _TQ[0]"
    return P[6].sub(r"_DV(S[\1])", ln)


def _listify(src: str) -> str:
    """Generated source over the word stack made source over the frame list (its
    double reads and stores converted) while frames are in a list; else ``src``."""
    if type(R.S) is not list or "SD[" not in src:
        return src
    lines = src.split("\n")
    for k, ln in enumerate(lines):
        if "SD[" in ln:
            lines[k] = _list_line(ln, lines[k - 1] if k else "")
    return "\n".join(lines)


def _maker(kind: str, *key: str) -> Callable[..., Op]:
    """The compiled ``make`` of a generated handler form (compiled at first use)."""
    listed = type(R.S) is list
    mk = (kind, str(listed), *key)
    got = _made.get(mk)
    if got is None:
        src = _SOURCES[kind](*key)
        if listed:
            src = _listify(src)
        scope: dict[str, Any] = dict(_GEN_SCOPE)
        exec(compile(src, f"<a64js.hvm.interp {kind} {' '.join(key)}>", "exec"), scope)
        got = _made[mk] = scope["make"]
    return got


def _number_const(d: Decoder, slot: int) -> tuple[str, int, float] | None:
    """("int" | "dbl", word, float value) when ``slot`` is a number constant."""
    if slot < d.code.kbase:
        return None
    c = d.consts[slot - d.code.kbase]
    if type(c) is not int and type(c) is not float:
        return None
    w = num_word(c)
    if INT_BASE <= w < INT_END:
        return "int", w, float(c)
    return "dbl", w, float(c)


def _str_const(d: Decoder, slot: int) -> str | None:
    """The string of a string constant ``slot`` (as str_of gives it: one char a unit)."""
    if slot < d.code.kbase:
        return None
    c = d.consts[slot - d.code.kbase]
    if type(c) is not str:
        return None
    from ..values import js_str
    return js_str(c)


def _word_const(d: Decoder, slot: int) -> int | None:
    """The word of a constant ``slot`` that is strictly equal only to itself."""
    if slot < d.code.kbase:
        return None
    c = d.consts[slot - d.code.kbase]
    from ..values import NULL
    if c is None or c is NULL or c is True or c is False:
        return int(_const_word(c))
    return None


def _compare(d: Decoder, opname: str, x: int, y: int, dst: int, t: int, jump: str) -> Op:
    """A comparison handler: ``jump`` value (store into ``dst``), or when/unless to jump
    to ``t`` (back: a loop's edge, counted and offered to the JIT)."""
    slow = _CMP[opname][1]
    if jump != "value" and t <= d.pc:
        jump = "back" if jump == "fwd" else "nback"
    S, SD = R.S, R.SD
    info, code = d.info, d.code
    slowf = _GEN_SCOPE[slow]
    form, yw, yb, yf = "reg", 0, 0, 0.0
    ks: str | None = None
    if opname in ("Eq", "Ne", "StrictEq", "StrictNe"):
        if _word_const(d, x) is not None or _str_const(d, x) is not None:
            x, y = y, x
        wc = _word_const(d, y)
        if wc is not None:
            if opname in ("StrictEq", "StrictNe"):
                form, yw = "word", wc
            elif wc in (UNDEFINED_WORD, NULL_WORD):
                form = "nullish"
        elif opname in ("StrictEq", "StrictNe"):
            ks = _str_const(d, y)
            if ks is not None:
                form = "str"
    if form == "reg":
        ny = _number_const(d, y)
        nx = _number_const(d, x)
        if ny is not None:
            form, yw, yf = ny
        elif nx is not None:
            x, y = y, x
            form, yw, yf = nx
            form = "r" + form
        if form != "reg":
            yb = yw ^ SGN
    heap = R.heap
    kw: Any = None
    if ks is not None:  # the constant's unit words as its string cell holds them
        units = _utf16_encode(ks, "surrogatepass")[0]
        kw = array.array("Q", units + bytes(-len(units) % 8))
        if 1 <= len(ks) <= 4:
            form, kw = "str1", kw[0]
        else:
            kw = memoryview(kw)
    args = (S, SD, x, y, dst, t, d.pc + 1, yb, yf, yw, slowf, info, code, heap,
            heap.string_shape.address, kw, len(ks) if ks is not None else 0)
    d.gen[d.pc] = ("cmp", (opname, form, jump), args)
    return _maker("cmp", opname, form, jump)(*args)


def _cmp_value(opname: str) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, c: int) -> Op:
        return _compare(d, opname, b, c, a, 0, "value")
    return factory


def _cmp_jump(opname: str, when: bool) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, t: int) -> Op:
        return _compare(d, opname, a, b, 0, t, "fwd" if when else "nfwd")
    return factory


f_Lt = _cmp_value("Lt")
f_Le = _cmp_value("Le")
f_Gt = _cmp_value("Gt")
f_Ge = _cmp_value("Ge")
f_Eq = _cmp_value("Eq")
f_Ne = _cmp_value("Ne")
f_StrictEq = _cmp_value("StrictEq")
f_StrictNe = _cmp_value("StrictNe")
f_JumpIfLt = _cmp_jump("Lt", True)
f_JumpIfLe = _cmp_jump("Le", True)
f_JumpIfGt = _cmp_jump("Gt", True)
f_JumpIfGe = _cmp_jump("Ge", True)
f_JumpIfNotLt = _cmp_jump("Lt", False)
f_JumpIfNotLe = _cmp_jump("Le", False)
f_JumpIfNotGt = _cmp_jump("Gt", False)
f_JumpIfNotGe = _cmp_jump("Ge", False)
f_JumpIfStrictEq = _cmp_jump("StrictEq", True)
f_JumpIfNotStrictEq = _cmp_jump("StrictEq", False)


def _relop(fn: Callable[[int, int], bool]) -> Callable[[Decoder, int, int, int], Op]:
    def factory(d: Decoder, a: int, b: int, c: int) -> Op:
        n = d.pc + 1
        S = R.S

        def op(i: int) -> int:
            S[i + a] = TRUE_WORD if fn(S[i + b], S[i + c]) else FALSE_WORD
            return n
        return op
    return factory


def f_InstanceOf(d: Decoder, a: int, b: int, c: int) -> Op:
    """``x instanceof f``, with the site's last right-hand side remembered: a closure
    whose own ``prototype`` is an inline slot (its word, the collection epoch, its
    header: the shape, so the key's offset). Then the prototype is read from that slot
    (an assignment to it stays seen) and the left operand's chain walked through the
    shapes' prototype words; anything else (and a non-object prototype's TypeError)
    through :func:`instance_of`."""
    n = d.pc + 1
    S = R.S
    heap = R.heap
    stats = heap.stats
    objs = (KIND_OBJECT, KIND_CLOSURE, KIND_ARRAY)
    ic: list[int] = [-1, -1, -1, 0]
    d.cache[d.pc] = ic  # (blocks read it)

    def op(i: int) -> int:
        x = S[i + b]
        f = S[i + c]
        if f == ic[0] and stats.collections == ic[1]:
            w = heap._w
            rb = heap._rb
            fj = (f - rb) >> 3
            if w[fj] == ic[2]:
                if x < REF_BASE:  # a primitive: false before the prototype is read
                    S[i + a] = FALSE_WORD
                    return n
                hx = w[(x - rb) >> 3]
                if heap._layout[hx][0] not in objs:
                    S[i + a] = FALSE_WORD
                    return n
                proto = w[fj + ic[3]]
                if proto >= REF_BASE and heap._layout[w[(proto - rb) >> 3]][0] \
                        in objs:
                    sw = heap._sw
                    shb = heap._shape_base
                    p = sw[((hx - shb) >> 3) + 3]
                    while p != NULL_WORD:
                        if p == proto:
                            S[i + a] = TRUE_WORD
                            return n
                        p = sw[((w[(p - rb) >> 3] - shb) >> 3) + 3]
                    S[i + a] = FALSE_WORD
                    return n
        r = instance_of(x, f)
        S[i + a] = TRUE_WORD if r else FALSE_WORD
        f = S[i + c]
        if f >= REF_BASE:
            w = heap._w
            fj = (f - heap._rb) >> 3
            sh = heap._shape_at[w[fj]]
            if sh.kind == KIND_CLOSURE and not sh.dict:
                k = sh.keys.get("prototype")
                if k is not None and k < sh.capacity:
                    ic[:] = [f, stats.collections, w[fj], (sh.slot_offset >> 3) + k]
        return n
    return op


f_In = _relop(lambda x, y: has_prop(y, x))


def f_AddK(d: Decoder, a: int, b: int, k: int) -> Op:
    y = d.consts[k]
    n = d.pc + 1
    S = R.S
    SD = R.SD
    # y >= 0: the compiler's `x + k` (a string x concatenates); y < 0: its `x - k`, a
    # subtraction for every x (a string too)
    yw = num_word(y) if y >= 0 else num_word(-y)
    slow = add_slow if y >= 0 else sub_slow

    def op(i: int) -> int:
        x = S[i + b]
        if INT_BASE <= x < INT_END:
            s = (x ^ SGN) + y
            if INT_BASE <= s < INT_END:
                S[i + a] = s ^ SGN
            else:
                S[i + a] = num_word(s - K)
            return n
        if x < INT_BASE:  # (an integral result becomes an int word, as before)
            S[i + a] = num_word(SD[i + b] + y)
            return n
        S[i + a] = slow(x, yw)
        return n
    return op


def f_Not(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        x = S[i + b]
        if x == TRUE_WORD:
            S[i + a] = FALSE_WORD
        elif x == FALSE_WORD:
            S[i + a] = TRUE_WORD
        else:
            S[i + a] = FALSE_WORD if truthy(x) else TRUE_WORD
        return n
    return op


def f_Inc(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    S = R.S
    top = INT_END - 1 - SGN  # the word of 2**31 - 1

    def op(i: int) -> int:
        x = S[i + b]
        if INT_BASE <= x < top:  # 0 .. 2**31 - 2
            S[i + a] = x + 1
        else:
            S[i + a] = _inc(x)
        return n
    return op


def f_Dec(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    S = R.S
    top = INT_END - SGN  # the word of 2**31 - 1, and one

    def op(i: int) -> int:
        x = S[i + b]
        if INT_BASE < x < top:  # 1 .. 2**31 - 1
            S[i + a] = x - 1
        else:
            S[i + a] = _dec(x)
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
f_BitNot = _unop(lambda x: INT_BASE | (~to_int32(x) & M32))
def _typeof_word(x: int) -> int:
    """``typeof x``'s string word: each of the names made once per realm and kept
    (core.shared_str), where each typeof made a new string cell."""
    return core.shared_str(core.typeof(x))


f_TypeOf = _unop(_typeof_word)
f_ToPropertyKey = _unop(lambda x: x if is_string(x) else new_str(core.key_of(x)))


#: conditional jumps on one value: the condition over ``x`` (the word)
_TESTS: dict[str, str] = {
    "JumpIfTrue": "x == TRUE_WORD or (x != FALSE_WORD and (INT_BASE < x < INT_END "
                  "if INT_BASE <= x < INT_END else truthy(x)))",
    "JumpIfFalse": "x == FALSE_WORD or (x != TRUE_WORD and (x == INT_BASE "
                   "if INT_BASE <= x < INT_END else not truthy(x)))",
    "JumpIfNullish": "x == UNDEFINED_WORD or x == NULL_WORD",
    "JumpIfNotNullish": "x != UNDEFINED_WORD and x != NULL_WORD",
    "Jump": "True",
}


def _test_source(opname: str, back: str) -> str:
    L = ["def make(S, X, T, N, info, code):",
         "    def op(i):"]
    if opname == "Jump":
        if back != "back":
            L += ["        return T"]
        else:
            L += [ln[4:] for ln in _TAKEN_BACK[1:].split("\n")]
    else:
        L += ["        x = S[i + X]",
              f"        if {_TESTS[opname]}:"]
        L += _TAKEN_BACK[1:].split("\n") if back == "back" else ["            return T"]
        L += ["        return N"]
    L += ["    return op"]
    return "\n".join(L) + "\n"


def _test(opname: str) -> Callable[..., Op]:
    def factory(d: Decoder, *ops: int) -> Op:
        a, t = (ops[0], ops[1]) if len(ops) == 2 else (0, ops[0])
        back = "back" if t <= d.pc else "fwd"
        args = (R.S, a, t, d.pc + 1, d.info, d.code)
        d.gen[d.pc] = ("test", (opname, back), args)
        return _maker("test", opname, back)(*args)
    return factory


f_Jump = _test("Jump")
f_JumpIfTrue = _test("JumpIfTrue")
f_JumpIfFalse = _test("JumpIfFalse")
f_JumpIfNullish = _test("JumpIfNullish")
f_JumpIfNotNullish = _test("JumpIfNotNullish")


# -- properties --------------------------------------------------------------------------

def f_GetProp(d: Decoder, a: int, b: int, k: int, fb: int) -> Op:
    pc = d.pc
    n = pc + 1
    key = d.consts[k]
    S = R.S
    heap = R.heap
    sw = heap._sw
    sbase = heap._shape_base
    acc = core.ACC + key
    is_length = key == "length"
    len_hdrs = (heap.array_shape.address, heap.string_shape.address)
    # polymorphic inline caches keyed by the receiver's header (shape cells never move;
    # up to 4 shapes each): an own inline slot (-> its word offset), an own out-of-line
    # slot (-> the vector pointer's offset, the index in the vector), or a hit on the
    # prototype (-> the prototype's header, the offset there or in its vector, is a
    # getter, the vector pointer's offset or 0 for an inline slot). The receiver's shape
    # fixes its prototype (the shape cell's word, which the collector updates) and that
    # the key is not own. The last own inline hit is checked first, then the last data
    # hit on the prototype.
    own: dict[int, int] = {}
    own_oob: dict[int, tuple[int, int]] = {}
    proto: dict[int, tuple[int, int, bool, int]] = {}
    # a data hit two levels up: receiver header -> (the prototype's header, its
    # prototype's header, the offset there or in its vector, the vector pointer's offset)
    proto2: dict[int, tuple[int, int, int, int]] = {}
    # the last own hits (a list: blocks read it inline): inline [header, word offset],
    # out of line [header, the vector pointer's offset, the index in the vector]
    # and the last data hit on the prototype [5]: the receiver's header, [6] the entry
    # and the last getter hit on the prototype: [7] the receiver's header, [8] the entry;
    # [9] the own inline slots table and [10] the prototype hits' (polymorphic sites
    # read them in blocks)
    # [11]: the last getter a block called with its frame pushed inline (see
    # _getter_call): [closure word, epoch, CodeInfo, frame image, frame size]
    mono: list[Any] = [0, 0, 0, 0, 0, 0, (0, 0, False, 0), 0, (0, 0, True, 0), own, proto,
                       [-1, -1, None, None, 0]]
    d.cache[d.pc] = mono
    mono.append(proto2)  # [12]: the data hits two prototypes up (blocks read them)

    def op(i: int) -> int:
        o = S[i + b]
        if o >= REF_BASE:
            w = heap._w
            base = heap._base
            rb = heap._rb
            j = (o - rb) >> 3
            hdr = w[j]
            if hdr == mono[0]:
                S[i + a] = w[j + mono[1]]
                return n
            if hdr == mono[7]:  # the last getter on the prototype, called directly
                p = sw[((hdr - sbase) >> 3) + 3]
                if p >= REF_BASE:
                    pj = (p - rb) >> 3
                    mh = mono[8]
                    if w[pj] == mh[0]:
                        if mh[3]:
                            v = w[((w[pj + mh[3]] - base) >> 3) + mh[1]]
                        else:
                            v = w[pj + mh[1]]
                        pair = (v - rb) >> 3
                        g = w[((w[pair + 3] - base) >> 3) + 2]
                        if g != UNDEFINED_WORD:
                            S[i + a] = call_getter(g, o)
                            return n
            if hdr == mono[2]:
                S[i + a] = w[((w[j + mono[3]] - base) >> 3) + mono[4]]
                return n
            if is_length and hdr in len_hdrs:
                ln = w[j + 1]
                S[i + a] = INT_BASE | ln if ln < SGN else num_word(ln)
                return n
            if hdr == mono[5]:
                p = sw[((hdr - sbase) >> 3) + 3]
                if p >= REF_BASE:
                    pj = (p - rb) >> 3
                    mh = mono[6]
                    if w[pj] == mh[0]:
                        if mh[3]:
                            S[i + a] = w[((w[pj + mh[3]] - base) >> 3) + mh[1]]
                        else:
                            S[i + a] = w[pj + mh[1]]
                        return n
            off = own.get(hdr)
            if off is not None:
                mono[0] = hdr
                mono[1] = off
                S[i + a] = w[j + off]
                return n
            hit = proto.get(hdr)
            if hit is not None:
                p = sw[((hdr - sbase) >> 3) + 3]
                if p >= REF_BASE:
                    pj = (p - rb) >> 3
                    if w[pj] == hit[0]:
                        if hit[3]:
                            v = w[((w[pj + hit[3]] - base) >> 3) + hit[1]]
                        else:
                            v = w[pj + hit[1]]
                        if not hit[2]:
                            mono[5] = hdr
                            mono[6] = hit
                            S[i + a] = v
                            return n
                        # a getter: element 0 of the [getter, setter] pair array
                        pair = (v - rb) >> 3
                        g = w[((w[pair + 3] - base) >> 3) + 2]
                        if g != UNDEFINED_WORD:
                            if not mono[7] and pc in d.blocks:
                                _refresh(d, pc)  # (first getter hit)
                            mono[7] = hdr
                            mono[8] = hit
                            S[i + a] = call_getter(g, o)
                            return n
            oo = own_oob.get(hdr)
            if oo is not None:
                mono[2] = hdr
                mono[3] = oo[0]
                mono[4] = oo[1]
                S[i + a] = w[((w[j + oo[0]] - base) >> 3) + oo[1]]
                return n
            h2 = proto2.get(hdr)
            if h2 is not None:  # a data property two prototypes up
                p = sw[((hdr - sbase) >> 3) + 3]
                if p >= REF_BASE and w[(p - rb) >> 3] == h2[0]:
                    p = sw[((h2[0] - sbase) >> 3) + 3]
                    pj = (p - rb) >> 3
                    if p >= REF_BASE and w[pj] == h2[1]:
                        if h2[3]:
                            S[i + a] = w[((w[pj + h2[3]] - base) >> 3) + h2[2]]
                        else:
                            S[i + a] = w[pj + h2[2]]
                        return n
            _fill(o, j, hdr)
        S[i + a] = get_prop(o, key)
        return n

    # (a function's name, length and prototype are its own, never a prototype's hit)
    closure_own = key in CLOSURE_OWN_KEYS

    def _fill(o: int, j: int, hdr: int) -> None:
        """Remember where ``key`` is for receivers of header ``hdr`` (a miss)."""
        w = heap._w
        rb = heap._rb
        s = heap._shape_at.get(hdr)
        if s is None:
            return
        if s.kind == KIND_OBJECT or s.kind == KIND_CLOSURE:
            kk = s.keys.get(key)
            if kk is not None:
                if len(own) >= 8 or len(own_oob) >= 8:
                    own.clear()
                    own_oob.clear()
                    mono[0] = 0
                    mono[2] = 0
                    mono[5] = 0
                if kk < s.capacity:
                    own[hdr] = (s.slot_offset >> 3) + kk
                else:
                    own_oob[hdr] = (s.oob, 2 + kk - s.capacity)
                return
        if (s.kind == KIND_OBJECT or (s.kind == KIND_CLOSURE and not closure_own)
                or s.kind == KIND_ARRAY or s.kind == KIND_STRING) and key not in s.keys \
                and acc not in s.keys and key != "length" and not key.isdigit():
            p = sw[((hdr - sbase) >> 3) + 3]
            if p >= REF_BASE:
                pj = (p - rb) >> 3
                ps = heap._shape_at.get(w[pj])
                if ps is not None and ps.kind == KIND_OBJECT:
                    kk = ps.keys.get(key)
                    getter = False
                    if kk is None:
                        kk = ps.keys.get(acc)
                        getter = True
                    if kk is not None:
                        if len(proto) >= 8:
                            proto.clear()
                            mono[5] = 0
                            mono[7] = 0
                        if kk < ps.capacity:
                            proto[hdr] = (w[pj], (ps.slot_offset >> 3) + kk, getter, 0)
                        else:
                            proto[hdr] = (w[pj], 2 + kk - ps.capacity, getter, ps.oob)
                        return
                    if key in ps.keys or acc in ps.keys:
                        return  # (a dictionary object's keys are all "in" its shape)
                    p2 = sw[((w[pj] - sbase) >> 3) + 3]
                    if p2 >= REF_BASE:
                        p2j = (p2 - rb) >> 3
                        ps2 = heap._shape_at.get(w[p2j])
                        if ps2 is not None and ps2.kind == KIND_OBJECT:
                            kk = ps2.keys.get(key)
                            if kk is not None:
                                if len(proto2) >= 8:
                                    proto2.clear()
                                if kk < ps2.capacity:
                                    proto2[hdr] = (w[pj], w[p2j],
                                                   (ps2.slot_offset >> 3) + kk, 0)
                                else:
                                    proto2[hdr] = (w[pj], w[p2j], 2 + kk - ps2.capacity,
                                                   ps2.oob)
    return op


def f_SetProp(d: Decoder, a: int, k: int, c: int, fb: int) -> Op:
    n = d.pc + 1
    key = d.consts[k]
    S = R.S
    heap = R.heap
    # an existing own slot: header and word offset (inline), or header, the vector
    # pointer's offset and the index in the vector (out of line)
    # an own slot (a list: blocks read it inline): inline [header, word offset], out of
    # line [header, the vector pointer's offset, the index in the vector]
    # and an added property (blocks store it inline too): [5] the old header, [6] the
    # new one, [7] the word offset, [8] the accessor epoch then (a setter defined
    # anywhere later may intercept the store: the entry is stale)
    cset: list[Any] = [0, 0, 0, 0, 0, 0, 0, 0, -1]
    d.cache[d.pc] = cset
    # [9]: the own inline slots seen (shape -> word offset; blocks read it)
    owns: dict[int, int] = {}
    cset.append(owns)
    private = key.startswith(PRIVATE)
    strict = d.code.strict
    ro = key in READ_ONLY_KEYS  # (Math.PI, f.name: set_prop's, never cached)

    def op(i: int) -> int:
        o = S[i + a]
        if o >= REF_BASE:
            base = heap._base
            rb = heap._rb
            j = (o - rb) >> 3
            w = heap._w
            hdr = w[j]
            if hdr == cset[0]:
                w[j + cset[1]] = S[i + c]
                return n
            if hdr == cset[5] and cset[8] == R.acc_epoch:
                w[j] = cset[6]
                w[j + cset[7]] = S[i + c]
                return n
            if hdr == cset[2]:
                w[((w[j + cset[3]] - base) >> 3) + cset[4]] = S[i + c]
                return n
            s = heap._shape_at.get(hdr)
            if s is not None and (s.kind == KIND_OBJECT or s.kind == KIND_CLOSURE) \
                    and not (ro and core.read_only(o, key)):
                kk = s.keys.get(key)
                if kk is not None and kk < s.capacity:
                    cset[0] = hdr
                    cset[1] = (s.slot_offset >> 3) + kk
                    if len(owns) >= 8:
                        owns.clear()
                    owns[hdr] = cset[1]
                    w[j + cset[1]] = S[i + c]
                    return n
                if kk is not None:
                    cset[2] = hdr
                    cset[3] = s.oob
                    cset[4] = 2 + kk - s.capacity
                    w[((w[j + cset[3]] - base) >> 3) + cset[4]] = S[i + c]
                    return n
                if s.kind == KIND_OBJECT and len(s.keys) < s.capacity and not private \
                        and core.find_setter(o, key) is None:  # (#x: set_prop's brand check)
                    t = heap.with_key(s, key)
                    cset[5] = hdr
                    cset[6] = t.address
                    cset[7] = (s.slot_offset >> 3) + len(s.keys)
                    cset[8] = R.acc_epoch
                    w[j] = cset[6]
                    w[j + cset[7]] = S[i + c]
                    return n
        set_prop(o, key, S[i + c], strict)
        return n
    return op


#: (code id, pc) of the GetElem/SetElem sites that have met a dictionary object with a
#: string key: only their blocks get the in-line form over the probe memo (its source
#: in every keyed site's block cost nqueens 0.7% in compiling)
DICT_KEYED: set[tuple[int, int]] = set()


def f_GetElem(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    site = (id(d.code), d.pc)
    S = R.S
    heap = R.heap
    arr_hdr = heap.array_shape.address
    str_hdr = heap.string_shape.address
    stats = heap.stats
    # a string key on a plain object: (receiver header, key word) -> the word offset of
    # an own inline slot; a key word names its string only until the next collection
    keyed: dict[tuple[int, int], int] = {}
    kep = [-1, 0]  # [1]: the misses (a fresh key string each time: blocks skip the table)
    d.cache[d.pc] = [keyed, kep]  # (blocks read them)

    def op(i: int) -> int:
        o = S[i + b]
        x = S[i + c]
        if INT_BASE <= x < INT_END and o >= REF_BASE:
            w = heap._w
            base = heap._base
            rb = heap._rb
            j = (o - rb) >> 3
            hdr = w[j]
            idx = x - INT_BASE  # (a negative index is above any length)
            if hdr == arr_hdr:
                if idx < w[j + 1]:
                    v = w[((w[j + 3] - base) >> 3) + 2 + idx]
                    S[i + a] = UNDEFINED_WORD if v == HOLE_WORD else v
                    return n
            elif hdr == str_hdr and idx < w[j + 1]:
                S[i + a] = new_str(str_of(o)[idx])  # one code unit: a shared string
                return n
        elif x >= REF_BASE and o >= REF_BASE:
            w = heap._w
            base = heap._base
            rb = heap._rb
            j = (o - rb) >> 3
            if stats.collections != kep[0]:
                keyed.clear()
                kep[0] = stats.collections
            off = keyed.get((w[j], x))
            if off is not None:
                S[i + a] = w[j + off]
                return n
            kep[1] += 1
            if w[(x - rb) >> 3] == str_hdr:
                s = heap._shape_at.get(w[j])
                if s is not None and s.kind == KIND_OBJECT:
                    if s.dict:  # an object used as a map: its own key, by the key's word
                        if site not in DICT_KEYED:
                            DICT_KEYED.add(site)
                        q = heap.dict_slot_word(j, x)
                        if q is not None:
                            S[i + a] = w[q]
                            return n
                    # (str_of allocates nothing: o stays valid)
                    key = str_of(x)
                    kk = s.keys.get(key)
                    if kk is not None and kk < s.capacity:
                        if len(keyed) >= 8:
                            keyed.clear()
                        off = keyed[(w[j], x)] = (s.slot_offset >> 3) + kk
                        S[i + a] = w[j + off]
                        return n
                    S[i + a] = get_prop(o, key)
                    return n
        S[i + a] = get_elem(o, x)
        return n
    return op


def f_SetElem(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    site = (id(d.code), d.pc)
    S = R.S
    heap = R.heap
    arr_hdr = heap.array_shape.address
    str_hdr = heap.string_shape.address
    stats = heap.stats
    # a string key naming an own inline slot of a plain object (as GetElem's)
    keyed: dict[tuple[int, int], int] = {}
    kep = [-1]
    strict = d.code.strict

    def op(i: int) -> int:
        o = S[i + a]
        x = S[i + b]
        if INT_BASE <= x < INT_END and o >= REF_BASE:
            w = heap._w
            base = heap._base
            rb = heap._rb
            j = (o - rb) >> 3
            if w[j] == arr_hdr:
                idx = x - INT_BASE
                if idx < w[j + 1]:
                    w[((w[j + 3] - base) >> 3) + 2 + idx] = S[i + c]
                    return n
        elif x >= REF_BASE and o >= REF_BASE:
            w = heap._w
            base = heap._base
            rb = heap._rb
            j = (o - rb) >> 3
            if stats.collections != kep[0]:
                keyed.clear()
                kep[0] = stats.collections
            off = keyed.get((w[j], x))
            if off is not None:
                w[j + off] = S[i + c]
                return n
            if w[(x - rb) >> 3] == str_hdr:
                s = heap._shape_at.get(w[j])
                if s is not None and s.kind == KIND_OBJECT:
                    if s.dict and site not in DICT_KEYED:
                        DICT_KEYED.add(site)
                    key = str_of(x)
                    kk = s.keys.get(key)
                    if kk is not None and kk < s.capacity and not (
                            key in READ_ONLY_KEYS and core.read_only(o, key)):
                        if len(keyed) >= 8:
                            keyed.clear()
                        off = keyed[(w[j], x)] = (s.slot_offset >> 3) + kk
                        w[j + off] = S[i + c]
                        return n
        set_elem(o, x, S[i + c], strict)
        return n
    return op


def f_GetGlobal(d: Decoder, a: int, k: int) -> Op:
    n = d.pc + 1
    pc = d.pc
    key = d.consts[k]
    S = R.S
    heap = R.heap
    # the global object's header when the key was last found there, and where: the word
    # offset of an inline slot (0: out of line), the vector pointer's offset and the
    # index in the vector (a shape fixes both; a dictionary shape is never cached)
    cache = [0, 0, 0, 0]
    d.cache[pc] = cache  # (blocks read it)

    def op(i: int) -> int:
        g = R.global_obj.word
        w = heap._w
        base = heap._base
        rb = heap._rb
        j = (g - rb) >> 3
        hdr = w[j]
        if hdr == cache[0]:
            if cache[1]:
                S[i + a] = w[j + cache[1]]
            else:
                S[i + a] = w[((w[j + cache[2]] - base) >> 3) + cache[3]]
            return n
        s = heap._shape_at.get(hdr)
        if s is not None and not s.dict:
            kk = s.keys.get(key)
            if kk is not None:
                if kk < s.capacity:
                    cache[1] = (s.slot_offset >> 3) + kk
                else:
                    cache[1] = 0
                    cache[2] = s.oob
                    cache[3] = 2 + kk - s.capacity
                cache[0] = hdr
        at = core.own_slot(g, key)
        if at is None:
            from ..runtime import R as PR
            if key in PR.globals:
                raise unsupported(f"the built-in {key}", (d.code, pc))
            raise throw("ReferenceError", f"{key} is not defined")
        S[i + a] = R.heap._w[at]
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
        S[i + a] = _typeof_word(v if v is not None else UNDEFINED_WORD)
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
            cw = heap._w[((S[i + 2] - heap._rb) >> 3) + 3]
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
        cnt = heap._w[((old - heap._rb) >> 3) + 1]
        new = heap.alloc_context(cnt)
        old = S[i + a]
        oi = (old - heap._rb) >> 3
        ni = (new - heap._rb) >> 3
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
        S[i + a] = heap._w[((S[i + b] - heap._rb) >> 3) + 2 + idx]
        return n
    return op


def f_StCtx(d: Decoder, a: int, idx: int, c: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap

    def op(i: int) -> int:
        heap._w[((S[i + a] - heap._rb) >> 3) + 2 + idx] = S[i + c]
        return n
    return op


def _env(i: int, depth: int) -> int:
    """Word index of the context ``depth`` levels up from the callee's context."""
    heap = R.heap
    w = heap._w
    base = heap._base
    rb = heap._rb
    c = w[((R.S[i + 2] - rb) >> 3) + 3]
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
            rb = heap._rb
            S[i + a] = w[((w[((S[i + 2] - rb) >> 3) + 3] - base) >> 3)
                         + 2 + idx]
            return n
        return op0

    if depth == 1:
        def op1(i: int) -> int:
            w = heap._w
            base = heap._base
            rb = heap._rb
            c0 = w[((S[i + 2] - rb) >> 3) + 3]
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
    ix = 2 + idx

    def uninit() -> HThrow:
        return throw("ReferenceError", tdz_message(name))

    if depth <= 1:
        def op01(i: int) -> int:
            w = heap._w
            base = heap._base
            rb = heap._rb
            c0 = w[((S[i + 2] - rb) >> 3) + 3]
            if depth:
                c0 = w[((c0 - base) >> 3) + 2]
            v = w[((c0 - base) >> 3) + ix]
            if v == UNINIT_WORD:
                raise uninit()
            S[i + a] = v
            return n
        return op01

    def op(i: int) -> int:
        v = heap._w[_env(i, depth) + ix]
        if v == UNINIT_WORD:
            raise uninit()
        S[i + a] = v
        return n
    return op


def f_StEnv(d: Decoder, depth: int, idx: int, c: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap
    ix = 2 + idx

    if depth <= 1:
        def op01(i: int) -> int:
            w = heap._w
            base = heap._base
            rb = heap._rb
            c0 = w[((S[i + 2] - rb) >> 3) + 3]
            if depth:
                c0 = w[((c0 - base) >> 3) + 2]
            w[((c0 - base) >> 3) + ix] = S[i + c]
            return n
        return op01

    def op(i: int) -> int:
        heap._w[_env(i, depth) + ix] = S[i + c]
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
            cw = heap._w[((S[i + 2] - heap._rb) >> 3) + 3]
            ctx = core.REF_BASE | cw if cw else UNDEFINED_WORD
        this = S[i + 1] if arrow else UNDEFINED_WORD
        home = UNDEFINED_WORD
        if arrow:  # super inside an arrow: the enclosing method's home
            home = heap._w[((S[i + 2] - heap._rb) >> 3) + 5]
        S[i + a] = heap.alloc_closure(R.fn_shape, info.id, ctx, this, home)
        return n
    return op


# -- calls -------------------------------------------------------------------------------------

def _callee_fault(info: CodeInfo, k2: int, pc: int, e: BaseException) -> int:
    """An exception out of the callee's frame at ``k2`` run by a call fast path: a
    JavaScript one goes to the callee's handlers (its result word, or raised on), an
    unsupported construct gets its place; anything else goes on."""
    if isinstance(e, (HThrow, RecursionError)):
        try:
            return _loop(info, k2, _fault_pc(e, pc), e)
        finally:
            del e  # (this frame, in the traceback of what _loop raises, holds no exception)
    if isinstance(e, core.HVMUnsupported):
        pc = _fault_pc(e, pc)
        if e.located:
            raise e
        raise core.locate(e, (info.code, pc)) from None
    raise e


#: a Call site's cache (a list, read by its handler and by the block that inlines it):
#: the last bytecode callee's closure word and the collection epoch then (an address
#: names a cell until the next collection), its CodeInfo, frame template (valid in that
#: epoch too) and frame size, whether it is an arrow (``this`` is the closure's); the
#: last built-in callee's word, epoch and Python function; the words a frame of the
#: bytecode callee starts with from its size word on (``nr``, then the template with the
#: callee's closure word in slot 2): one copy writes all but the saved fp
CC_FN, CC_EP, CC_INFO, CC_TPL, CC_NR, CC_ARROW, CC_NAT_FN, CC_NAT_EP, CC_NAT, CC_IMG = \
    range(10)


def _frame_image(fn: int, tpl: Any) -> Any:
    """A call site's frame image (CC_IMG) of the callee ``fn`` with template ``tpl``."""
    if type(tpl) is list:
        img = [len(tpl), *tpl]
        img[3] = fn
        return img
    words = array.array("Q", [len(tpl)])
    words.frombytes(tpl.tobytes())
    words[3] = fn
    return memoryview(words)


def f_Call(d: Decoder, a: int, b: int, c: int, base: int, argc: int, k: int) -> Op:
    n = d.pc + 1
    desc = d.consts[k]
    S = R.S
    heap = R.heap
    end = base + argc
    ctx = heap._ctx
    sbase = R.sbase
    stats = heap.stats
    # `this` undefined (a plain call): the template's slot 1 holds it already
    this_undefined = c >= d.code.kbase and d.consts[c - d.code.kbase] is None
    # the bytecode callees seen at this site (closure word -> an entry laid out as cc,
    # the built-in's fields unused): a polymorphic site (a method of several classes)
    # refills cc from here, and its blocks read it (cc[10])
    poly: dict[int, list[Any]] = {}
    # cc[11]: how many arguments the bytecode callee takes from the site (its parameters,
    # at most argc: extra ones dropped, missing ones the image's undefined)
    cc: list[Any] = [-1, -1, None, None, 0, False, -1, -1, None, None, poly, argc]
    d.cache[d.pc] = cc
    # the frames' end when decoded (past it grow_frames: the list grown, or the word
    # stack exhausted)
    limit = R.slimit
    grow = core.grow_frames

    def op(i: int) -> int:
        fn = S[i + b]
        if fn != cc[0] or stats.collections != cc[1]:
            if fn == cc[6] and stats.collections == cc[7]:
                S[i + a] = cc[8](S[i + c], list(S[i + base:i + end]))
                return n
            if not resolve(i, fn):
                return n
            fn = S[i + b]
        # the frame built here and the callee's loop run in this handler: what invoke
        # does for a plain call, with nothing copied twice
        info: CodeInfo = cc[2]
        nr = cc[4]
        cfp = ctx[3]
        sp = ctx[2]
        fp = sp + 16
        top = fp + 8 * nr
        if top > limit:
            grow(top)
        k2 = (fp - sbase) >> 3
        S[k2 - 2] = cfp
        S[k2 - 1:k2 + nr] = cc[9]
        if cc[5]:
            S[k2 + 1] = heap._w[((fn - heap._rb) >> 3) + 4]
        elif not this_undefined:
            S[k2 + 1] = S[i + c]
        na = cc[11]
        if na == argc:
            if argc == 1:
                S[k2 + 3] = S[i + base]
            elif argc == 2:
                S[k2 + 3] = S[i + base]
                S[k2 + 4] = S[i + base + 1]
            elif argc:
                S[k2 + 3:k2 + 3 + argc] = S[i + base:i + end]
        elif na:
            S[k2 + 3:k2 + 3 + na] = S[i + base:i + base + na]
        ctx[3] = fp
        ctx[2] = top
        info.calls += 1
        jit = R.jit
        if jit is not None:  # compiled code runs the call (a word), or None
            try:
                r = jit.on_entry(info.code, fp)
            except BaseException:  # it left the callee: the caller's to dispatch
                ctx[3] = cfp
                ctx[2] = sp
                raise
            if r is not None:
                S[i + a] = r
                ctx[3] = cfp
                ctx[2] = sp
                return n
        ops: Any = info.run
        pc = 0
        try:
            while pc >= 0:
                pc = ops[pc](k2)
            S[i + a] = S[k2]
        except BaseException as e:
            S[i + a] = _callee_fault(info, k2, pc, e)
        finally:
            ctx[3] = cfp
            ctx[2] = sp
        return n

    def resolve(i: int, fn: int) -> bool:
        """A callee other than the last: remember it when the fast path applies (True);
        else make the call here (False)."""
        e = poly.get(fn)
        if e is not None:
            if e[1] == stats.collections:  # a callee seen before at this site
                cc[0:6] = e[0:6]
                cc[9] = e[9]
                cc[11] = e[11]
                return True
            poly.clear()  # (addresses from before a collection)
        if fn >= REF_BASE:
            w = heap._w
            j = (fn - heap._rb) >> 3
            s = heap._shape_at[w[j]]
            if s.kind == KIND_CLOSURE:
                cid = w[j + 2]
                if cid >= NATIVE_BASE:
                    nat = R.natives[cid - NATIVE_BASE].fn
                    cc[6] = fn
                    cc[7] = stats.collections
                    cc[8] = nat
                    S[i + a] = nat(S[i + c], list(S[i + base:i + end]))
                    return False
                info = R.codes[cid]
                code = info.code
                # (direct_call: decoded, a plain function, method or arrow that reads
                # no arguments object, so any argument count is its parameters')
                arrow = code.kind == "arrow"
                if info.direct_call >= 0:
                    tpl = info.template
                    if info.epoch != stats.collections:
                        tpl = _template(info)  # (the first one allocates: fn re-read)
                    cc[0] = S[i + b]
                    cc[1] = stats.collections
                    cc[2] = info
                    cc[3] = tpl
                    cc[4] = len(tpl)
                    cc[5] = arrow
                    cc[9] = _frame_image(cc[0], tpl)
                    cc[11] = min(argc, info.direct_call)
                    if len(poly) >= 8:
                        poly.clear()
                    poly[cc[0]] = [*cc[0:6], -1, -1, None, cc[9], None, cc[11]]
                    return True
                if info.code.is_class_ctor:
                    raise throw("TypeError", f"Class constructor {info.code.name} cannot "
                                             "be invoked without 'new'")
                S[i + a] = invoke(info, fn, S[i + c], list(S[i + base:i + end]))
                return False
        raise throw("TypeError", f"{desc} is not a function")
    return op


def _array_iterator(w: int) -> bool:
    """Whether array ``w`` is an array iterator (keys/values/entries; hvm.builtins)."""
    return bool(core.shape_of(w).keys) \
        and core.get_own(w, "next") == R.protos["%ArrayIteratorNext%"].word


def _spread(w: int, message: str | None = None) -> list[int]:
    if kind_of(w) != KIND_ARRAY:
        if is_string(w):  # its code points (shared one-unit strings or new pairs)
            return core.string_items(w)
        raise _not_iterable(w, "spreading", message)
    ws = [UNDEFINED_WORD if x == HOLE_WORD else x for x in core.array_words(w)]
    if _array_iterator(w):
        core.set_length(w, core.INT_BASE)  # (an iterator's values are taken: it is done)
    return ws


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
    rcache: list[Any] = [0, None]  # [1]: the root shape of the last prototype's instances
    # the last constructor the fast path ran, for blocks (_new_inline): its closure word
    # and the epoch, CodeInfo, frame image (size word on), frame size, header, the word
    # offset of its inline `prototype`, the index of its instances' root shape's
    # prototype word in the shape words, that shape's object template and byte size
    nc: list[Any] = [-1, -1, None, None, 0, 0, 0, 0, None, 0]
    d.cache[d.pc] = nc
    stats = heap.stats

    def op(i: int) -> int:
        fn = S[i + b]
        if fn >= REF_BASE and R.jit is None:
            w = heap._w
            j = (fn - heap._rb) >> 3
            fh = w[j]
            s = heap._shape_at[fh]
            if s.kind == KIND_CLOSURE and w[j + 2] < NATIVE_BASE:
                info = R.codes[w[j + 2]]
                kp = s.keys.get("prototype")
                if info.direct_new == argc and kp is not None:
                    # a base constructor: the object and the frame made here, the
                    # callee's loop run in this handler (as Call does)
                    proto = w[heap._slot_index(j, s, kp)]
                    if proto >= REF_BASE:
                        shape = rcache[1]
                        # the cached root shape belongs to this very prototype object
                        # (its shape cell's prototype word; two prototypes may share
                        # a shape, so the header would not tell them apart)
                        if shape is None or heap._sw[shape.id * 8 + 3] != proto:
                            if not is_object(proto):
                                return _new_generic(i)
                            shape = core.root_shape(proto)
                            rcache[1] = shape
                        if info.epoch < 0:
                            _template(info)  # (the first one allocates the strings)
                        obj = heap.alloc_object(shape)  # may collect: slots re-read below
                        tpl = info.template
                        if info.epoch != heap.stats.collections:
                            tpl = _template(info)
                        nr = len(tpl)
                        cfp = ctx[3]
                        fp = ctx[2] + 16
                        top = fp + 8 * nr
                        if top > R.slimit:
                            core.grow_frames(top)
                        k2 = (fp - sbase) >> 3
                        S[k2 - 2] = cfp
                        S[k2 - 1] = nr
                        S[k2:k2 + nr] = tpl
                        S[k2 + 1] = obj
                        S[k2 + 2] = S[i + b]
                        if argc == 1:
                            S[k2 + 3] = S[i + base]
                        elif argc:
                            S[k2 + 3:k2 + 3 + argc] = S[i + base:i + end]
                        if (nc[0] != S[k2 + 2] or nc[1] != stats.collections) \
                                and kp < s.capacity and shape.tpl is not None:
                            img = [nr, *tpl]
                            img[3] = S[k2 + 2]
                            nc[:] = [S[k2 + 2], stats.collections, info, img, nr, fh,
                                     (s.slot_offset >> 3) + kp, shape.id * 8 + 3,
                                     shape.tpl, len(shape.tpl) << 3]
                        ctx[3] = fp
                        ctx[2] = top
                        info.calls += 1
                        ops = info.run
                        pc = 0
                        try:
                            while pc >= 0:
                                pc = ops[pc](k2)
                            r = S[k2]
                        except (HThrow, RecursionError) as e:
                            r = _loop(info, k2, _fault_pc(e, pc), e)
                        except core.HVMUnsupported as e:
                            pc = _fault_pc(e, pc)
                            if e.located:
                                raise
                            raise core.locate(e, (info.code, pc)) from None
                        finally:
                            ctx[3] = cfp
                            ctx[2] = fp - 16
                        S[i + a] = r if r >= REF_BASE and is_object(r) else S[k2 + 1]
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
            raise unsupported(core.SUPER_OTHER_OBJECT)
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
    return int(heap._w[((R.S[i + 2] - heap._rb) >> 3) + 5])


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
    if a >= d.code.kbase and d.consts[a - d.code.kbase] is None:
        def op_undefined(i: int) -> int:
            S[i] = UNDEFINED_WORD
            return -1
        return op_undefined

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
    listed = S if type(S) is list else None
    heap = R.heap

    def op(i: int) -> int:
        arr = heap.alloc_array(c, max(c, 4))
        j = (arr - heap._rb) >> 3
        e = ((heap._w[j + 3] - heap._base) >> 3) + 2
        heap._w[e:e + c] = S[i + b:i + b + c] if listed is None \
            else array.array("Q", S[i + b:i + b + c])
        S[i + a] = arr
        return n

    def op0(i: int) -> int:  # `[]`: nothing to copy
        S[i + a] = heap.alloc_array(0, 4)
        return n
    return op0 if c == 0 else op


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
    message = d.code.texts.get(d.pc)

    def op(i: int) -> int:
        xs = _spread(S[i + b], message)
        heap = R.heap
        w = heap._w
        j = (S[i + a] - heap._rb) >> 3
        if w[j + 1] + len(xs) <= w[j + 2]:  # room in the vector: nothing allocated
            for x in xs:
                heap.array_push(S[i + a], x)
            return n
        # the vector grows (a collection may move the words read): each held in a handle
        hs = [heap.handle(x) for x in xs]
        try:
            for h in hs:
                heap.array_push(S[i + a], h.word)
        finally:
            for h in hs:
                h.release()
        return n
    return op


def _define(i: int, a: int, key: str, c: int, method: bool) -> None:
    S = R.S
    heap = R.heap
    o = S[i + a]
    if method and kind_of(S[i + c]) == KIND_CLOSURE:
        heap._w[((S[i + c] - heap._rb) >> 3) + 5] = o
    k = kind_of(o)
    if k in (KIND_OBJECT, KIND_CLOSURE) or (k == KIND_ARRAY and key.startswith(PRIVATE)):
        heap.put(o, key, S[i + c])  # (a private field: defined, no brand check)
    else:
        set_prop(o, key, S[i + c])


def f_DefineField(d: Decoder, a: int, k: int, c: int) -> Op:
    n = d.pc + 1
    key = d.consts[k]
    S = R.S
    heap = R.heap
    # the last key added in an inline slot (an object literal's fields, class fields):
    # the old header, the new one, the word offset, as Heap.put made them (the same for
    # every object of that shape; a definition passes setters by)
    tr = [0, 0, 0]
    d.cache[d.pc] = tr  # (blocks read it: _literals)

    def op(i: int) -> int:
        o = S[i + a]
        if o < REF_BASE:
            _define(i, a, key, c, False)
            return n
        w = heap._w
        j = (o - heap._rb) >> 3
        hdr = w[j]
        if hdr == tr[0]:
            w[j] = tr[1]
            w[j + tr[2]] = S[i + c]
            return n
        _define(i, a, key, c, False)
        s = heap._shape_at.get(hdr)
        if s is not None and s.kind == KIND_OBJECT and not s.dict and key not in s.keys \
                and len(s.keys) < s.capacity:
            w = heap._w  # (the object read again: put may have moved it)
            o = S[i + a]
            t = heap._shape_at.get(w[(o - heap._rb) >> 3])
            if t is not None and not t.dict and t.keys.get(key) == len(s.keys) \
                    and t.capacity == s.capacity and t.slot_offset == s.slot_offset:
                tr[0] = hdr
                tr[1] = t.address
                tr[2] = (s.slot_offset >> 3) + len(s.keys)
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
        key = core.key_of(R.S[i + b])
        _define(i, a, key, c, True)
        if key:
            core.name_method(R.S[i + c], key)
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
                heap._w[((S[i + c] - heap._rb) >> 3) + 5] = o
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
                                         f"prototype property {to_str(pp)}")
            with heap.handle(pp) as hp:
                cs = core.root_shape(S[i + c], closure=True)
                proto = core.new_object(hp.word)
            # the constructor becomes a closure whose prototype is the parent class
            ctor = S[i + b]
            j = (ctor - heap._rb) >> 3
            if heap._shape_at[heap._w[j]].keys:
                raise unsupported("a class constructor with properties before 'extends'")
            heap._w[j] = cs.address
        else:
            proto = core.new_object(R.protos["Object"].word)
        with heap.handle(proto) as hp:
            heap.put(hp, "constructor", S[i + b])
            heap.put(S[i + b], "prototype", hp.word)
            ctor = S[i + b]
            heap._w[((ctor - heap._rb) >> 3) + 5] = hp.word
            # class syntax makes methods and accessors non-enumerable (Object.keys, for-in)
            heap.put(hp, core.K_CLASS, TRUE_WORD)
            heap.put(S[i + b], core.K_CLASS, TRUE_WORD)
        S[i + a] = S[i + b]
        return n
    return op


def f_SetClassFields(d: Decoder, a: int, b: int) -> Op:
    n = d.pc + 1
    S = R.S
    heap = R.heap

    def op(i: int) -> int:
        proto = get_prop(S[i + a], "prototype")
        heap._w[((S[i + b] - heap._rb) >> 3) + 5] = proto
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
    message = d.code.texts.get(d.pc)

    def op(i: int) -> int:
        v = S[i + b]
        if kind_of(v) == KIND_ARRAY:
            if _array_iterator(v):
                # keys/values/entries: the loop takes the iterator's values, which
                # leaves it done (a copy to iterate, the iterator emptied)
                with R.heap.handle(v) as vh:
                    hs = [R.heap.handle(x) for x in core.array_words(v)]
                    S[i + a] = core.new_array_rooted(hs)
                    core.set_length(vh.word, core.INT_BASE)
            else:
                S[i + a] = v
        elif is_string(v):
            hs = [R.heap.handle(x) for x in core.string_items(v)]
            S[i + a] = core.new_array_rooted(hs)
        else:
            raise _not_iterable(v, "iterating over", message)
        return n
    return op


def _not_iterable(w: int, what: str, message: str | None = None) -> Exception:
    """The error for iterating ``w`` (neither an array nor a string): node's TypeError
    for undefined, null, a number or a boolean (never iterable; ``message``: node's,
    naming the source, Code.texts); for an object too (no Symbol.iterator in the subset:
    no object is iterable; the Python VM's words, runtime.object_not_iterable_message)."""
    if not is_object(w):
        desc = "null" if w == NULL_WORD else core.typeof(w)
        return throw("TypeError", not_iterable_message(message, desc, to_str(w)))
    return throw("TypeError", object_not_iterable_message(message))


def f_Slice(d: Decoder, a: int, b: int, idx: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        v = S[i + b]
        if kind_of(v) != KIND_ARRAY and not is_string(v):
            raise unsupported(f"an array pattern over a {core.typeof(v)} value")
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
            raise throw("TypeError", destructure_message(str(what), to_str(v)))
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


def f_DeletePropStrict(d: Decoder, a: int, b: int, c: int) -> Op:
    n = d.pc + 1
    S = R.S

    def op(i: int) -> int:
        S[i + a] = core.delete_strict(S[i + b], core.key_of(S[i + c]))
        return n
    return op


def f_Nop(d: Decoder) -> Op:
    n = d.pc + 1

    def op(i: int) -> int:
        return n
    return op


f_Debugger = f_Nop

#: constant words that the blocks' inline bodies of generated handlers name, as literals
_LITERALS = {nm: repr(globals()[nm]) for nm in (
    "INT_BASE", "INT_END", "CONST_BASE", "SGN", "M32", "TRUE_WORD", "FALSE_WORD",
    "UNDEFINED_WORD", "NULL_WORD", "REF_BASE", "ADDR_MASK", "K", "CANONICAL_NAN")}
#: what generated handlers see (besides their ``make`` arguments)
_GEN_SCOPE: dict[str, Any] = {
    "INT_BASE": INT_BASE, "INT_END": INT_END, "CONST_BASE": CONST_BASE, "SGN": SGN,
    "M32": M32, "TRUE_WORD": TRUE_WORD, "FALSE_WORD": FALSE_WORD,
    "UNDEFINED_WORD": UNDEFINED_WORD, "NULL_WORD": NULL_WORD, "R": R,
    "_TQ": _TQ, "_TD": _TD, "_DV": _DV,
    "number_of": number_of, "truthy": truthy, "lt": lt, "le": le, "gt": gt, "ge": ge,
    "loose_eq": loose_eq, "loose_ne": loose_ne, "strict_eq": strict_eq,
    "strict_ne": strict_ne, "str_of": str_of, "REF_BASE": REF_BASE,
    "ADDR_MASK": ADDR_MASK, "K": K, "CANONICAL_NAN": CANONICAL_NAN, "num_word": num_word,
    "_mul": _mul, "_mod": _mod, "_div": _div,
}
_SOURCES: dict[str, Callable[..., str]] = {
    "cmp": _cmp_source, "test": _test_source, "arith": _arith_source}
#: jumps whose handlers count back edges and call the JIT's hook themselves
_BACK_AWARE = frozenset(("Jump", "JumpIfTrue", "JumpIfFalse", "JumpIfNullish",
                         "JumpIfNotNullish", "JumpIfLt", "JumpIfLe", "JumpIfGt",
                         "JumpIfGe", "JumpIfNotLt", "JumpIfNotLe", "JumpIfNotGt",
                         "JumpIfNotGe", "JumpIfStrictEq", "JumpIfNotStrictEq"))


# -- blocks ------------------------------------------------------------------------------
# The loops run a function's hot straight-line stretches as one generated Python
# function each (a block: from a jump target, a handler or the instruction after Jump,
# Return or Throw to the next such place; a conditional jump taken leaves it), compiled
# once entered _BLOCK_HOT times: the hot instructions' handler bodies are inlined (their
# source templates, or the fast paths below, falling back to the instruction's own
# handler), the others are calls of their handlers, so most cost no dispatch. An
# exception leaving a block carries the pc of the instruction it left from (`hvm_pc`,
# found from the line of the block's source it left by a table per block) to the loop
# that dispatches it (`_fault_pc`). A block reads its frame's slots through views of
# the frame (`F[n]`, `FD[n]` for doubles; kept by frame index). `step` and the first
# instructions of a bailout mid-block still run the single handlers (`info.ops`).

#: opcodes after which a block ends (a conditional jump leaves it when taken)
_ENDS = frozenset(("Return", "Throw", "ThrowConst", "Jump"))
#: the longest block
_BLOCK_MAX = 48
#: entries into a block before it is compiled (compiling costs about as much as
#: running the block's instructions some thousand times)
_BLOCK_HOT = 500
_PARAMS = {
    "arith": ("S", "SD", "A", "B", "C", "N", "GEN"),
    "cmp": ("S", "SD", "X", "Y", "D", "T", "N", "YB", "YF", "YW", "SLOW", "info", "code",
            "HEAP", "STR_HDR", "KS", "KL"),
    "test": ("S", "X", "T", "N", "info", "code"),
}
_IDENT = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def _fault_pc(e: BaseException, pc: int) -> int:
    """The pc of the instruction that raised ``e`` (a block's, else ``pc``); forgets it
    so that no outer loop reads it."""
    d = getattr(e, "__dict__", None)
    if d is None:
        return pc
    got = d.pop("hvm_pc", pc)
    return int(got)


def _compact_body(kind: str, key: tuple[str, ...]) -> list[str] | None:
    """A shorter body than the handler's for the block of binary arithmetic and of
    comparisons of two registers: the int32 and double cases inline, the rest through
    the handler ``OP`` (less source to compile per block)."""
    if kind == "arith":
        opname = key[0]
        L = ["x = S[i + B]",
             "y = S[i + C]",
             "if INT_BASE <= x < INT_END and INT_BASE <= y < INT_END:"]
        L += [ln[8:] for ln in _INT_CASES[opname][1:].split("\n")]
        dbl = _DBL_CASES.get(opname)
        if dbl is not None:
            L += ["if x < INT_BASE and y < INT_BASE:",
                  f"    r = {dbl}",
                  "    if r == r:",
                  "        SD[i + A] = r",
                  "    else:",
                  "        S[i + A] = CANONICAL_NAN",
                  "    return N"]
        if opname == "Mod":
            # a double and an int or two doubles, both above zero: `x = (x * a) % m`
            # (the product past int32) in a random number generator's step
            L += ["if x < CONST_BASE and y < CONST_BASE:",
                  "    p = SD[i + B] if x < INT_BASE else float((x ^ SGN) - K)",
                  "    q = SD[i + C] if y < INT_BASE else float((y ^ SGN) - K)"]
            L += [ln[8:] for ln in _MIXED_CASES["Mod"][1:].split("\n")]
        return [*L, "OP(i)", "return N"]
    if kind == "cmp" and key[1] == "reg":
        opname, _form, jump = key
        pyop = _CMP[opname][0]
        L = ["x = S[i + X]",
             "y = S[i + Y]",
             "if INT_BASE <= x < INT_END and INT_BASE <= y < INT_END:",
             f"    r = (x ^ SGN) {pyop} (y ^ SGN)",
             "elif x < INT_BASE and y < INT_BASE:",
             f"    r = SD[i + X] {pyop} SD[i + Y]"]
        if opname in ("StrictEq", "StrictNe"):
            # two words that are not numbers: strictly equal when the same word, but
            # for two strings (their units compare): identity of objects in the block
            # and two string cells by length and unit words (zero-padded, so a word
            # compares four units; the handler would make Python strings of both)
            ne = "not " if pyop == "!=" else ""
            L += ["elif x >= CONST_BASE and y >= CONST_BASE:",
                  "    if x == y or x < REF_BASE or y < REF_BASE:",
                  f"        r = x {pyop} y",
                  "    else:",
                  "        w = HEAP._w",
                  "        j = (x - HEAP._rb) >> 3",
                  "        k = (y - HEAP._rb) >> 3",
                  "        if w[j] != STR_HDR or w[k] != STR_HDR:",
                  f"            r = {pyop == '!='}",
                  "        else:",
                  "            n = w[j + 1]",
                  "            if n != w[k + 1]:",
                  f"                r = {pyop == '!='}",
                  "            elif n <= 4:",
                  f"                r = {ne}(n == 0 or w[j + 2] == w[k + 2])",
                  "            else:",
                  f"                r = {ne}(w[j + 2:j + 2 + ((n + 3) >> 2)]"
                  " == w[k + 2:k + 2 + ((n + 3) >> 2)])"]
        elif opname in ("Lt", "Le", "Gt", "Ge"):
            L += _str_order_lines(pyop)
        L += ["else:",
              "    return OP(i)"]  # (the next instruction's own handler goes on)
        if jump == "value":
            return [*L, "S[i + D] = TRUE_WORD if r else FALSE_WORD", "return N"]
        L += ["if r:" if jump in ("fwd", "back") else "if not r:"]
        L += [ln[8:] for ln in _TAKEN_BACK[1:].split("\n")] if jump in ("back", "nback") \
            else ["    return T"]
        return [*L, "return N"]
    return None


def _str_order(x: int, y: int) -> int | None:
    """-1, 0 or 1 as string cells ``x`` and ``y`` (reference words) compare by UTF-16
    units, without the handler's two Python strings; None when either is not a
    string. A cell holds four units a word, unit 0 in the low bits and the last word
    zero-padded, so the words' order is not the units': the lowest unit in which the
    first words differ decides (a pad unit is 0, below any unit there: the padded
    string is a prefix of the other); first words alike decide by length when either
    string has at most four units (it is then a prefix of the other)."""
    h = R.heap
    w = h._w
    rb = h._rb
    j = (x - rb) >> 3
    k = (y - rb) >> 3
    hdr = h.string_shape.address
    if w[j] != hdr or w[k] != hdr:
        return None
    n = w[j + 1]
    m = w[k + 1]
    if n and m:  # (an empty cell has no unit word)
        p = w[j + 2]
        q = w[k + 2]
        if (u := p & 65535) != (v := q & 65535):  # (unit 0 decides: the usual case)
            return -1 if u < v else 1
        if p != q:
            e = p ^ q
            s = ((e & -e).bit_length() - 1) & 48
            return -1 if (p >> s) & 65535 < (q >> s) & 65535 else 1
        if n > 4 and m > 4:
            a, b = str_of(x), str_of(y)
            return -1 if a < b else 0 if a == b else 1
    return -1 if n < m else 0 if n == m else 1


_GEN_SCOPE["STR_ORDER"] = _str_order


def _str_order_lines(pyop: str) -> list[str]:
    """The lines of a relational compare (``x pyop y``, their words in ``x``, ``y``) of
    two string cells in a block (:func:`_str_order`)."""
    return ["elif x >= REF_BASE and y >= REF_BASE and (r := STR_ORDER(x, y)) is not None:",
            f"    r = r {pyop} 0"]


_BODIES: dict[tuple[str, tuple[str, ...], bool], str] = {}


def _body_format(kind: str, key: tuple[str, ...], last: bool) -> str | None:
    """The inline body of a generated handler form as a format string over its
    parameters (and OP, the handler); ``last``: the block's last instruction (its
    returns kept), else ``return N`` falls through (a ``while True`` left by ``break``).
    """
    ck = (kind, key, last)
    got = _BODIES.get(ck)
    if got is None:
        body = _compact_body(kind, key)
        if body is None:
            lines = _SOURCES[kind](*key).split("\n")
            try:
                start = lines.index("    def op(i):") + 1
                end = lines.index("    return op")
            except ValueError:
                return None
            body = [ln[8:] for ln in lines[start:end]]
        if not last:
            out = ["while True:"]
            for ln in body:
                if ln.strip() == "return N":
                    ln = ln[:len(ln) - len(ln.lstrip())] + "break"
                out.append("    " + ln)  # (a jump taken returns its target: leaves)
            body = out
        params = (set(_PARAMS[kind]) - {"S", "SD"}) | {"OP"}
        text = "\n".join(body).replace("{", "{{").replace("}", "}}")
        # (the constant words as literals: a constant load, not a global's)
        got = _BODIES[ck] = _IDENT.sub(
            lambda m: "{" + m.group(0) + "}" if m.group(0) in params
            else _LITERALS.get(m.group(0), m.group(0)), text)
    return got


def _template_body(kind: str, key: tuple[str, ...], args: tuple[Any, ...], pc: int,
                   last: bool, scope: dict[str, Any]) -> list[str] | None:
    """The body of a generated handler with its operands substituted (values that are
    not ints become names in ``scope``)."""
    fmt = _body_format(kind, key, last)
    if fmt is None:
        return None
    subst: dict[str, str] = {"OP": f"_o{pc}"}
    for name, v in zip(_PARAMS[kind], args, strict=True):
        if name in ("S", "SD"):
            continue
        if type(v) is int:
            subst[name] = repr(v)
        else:
            nm = f"{name}_{pc}"
            scope[nm] = v
            subst[name] = nm
    return fmt.format(**subst).split("\n")


def _inline(d: Decoder, ins: Any, pc: int, last: bool, scope: dict[str, Any]
            ) -> list[str] | None:
    """The fast path of a hot hand-written handler inline (``O{pc}(i)``, the handler
    itself, for the rest); None: call the handler."""
    name = OPCODES[ins[0]][0]
    ops = ins[1:]
    code = d.code
    kb = code.kbase
    O = f"_o{pc}(i)"
    if name == "LoadK":
        a, k = ops
        c = d.consts[k]
        if type(c) is not str and not isinstance(c, Code):
            return [f"S[i + {a}] = {int(_const_word(c))}"]
        return [f"S[i + {a}] = S[i + {kb + k}]"]
    if name == "Mov":
        return [f"S[i + {ops[0]}] = S[i + {ops[1]}]"]
    if name == "AddK":
        a, b, k = ops
        y = d.consts[k]
        if type(y) is not int:
            return None
        return [f"x = S[i + {b}]",
                "if INT_BASE <= x < INT_END:",
                f"    s = (x ^ SGN) + {y}",
                "    if INT_BASE <= s < INT_END:",
                f"        S[i + {a}] = s ^ SGN",
                "    else:",
                f"        {O}",
                "elif x < INT_BASE:",
                f"    S[i + {a}] = num_word(SD[i + {b}] + {y})",
                "else:",
                f"    {O}"]
    if name == "Inc":
        a, b = ops
        return [f"x = S[i + {b}]",
                f"if INT_BASE <= x < {INT_END - 1 - SGN}:",
                f"    S[i + {a}] = x + 1",
                "else:",
                f"    {O}"]
    if name == "Dec":
        a, b = ops
        return [f"x = S[i + {b}]",
                f"if INT_BASE < x < {INT_END - SGN}:",
                f"    S[i + {a}] = x - 1",
                "else:",
                f"    {O}"]
    if name in ("LdEnv", "LdEnvChecked", "StEnv"):
        if name == "StEnv":
            depth, idx, c = ops
        else:
            a, depth, idx = ops[:3]
        if depth > 1:
            return None
        # the context's word index, found once per block and collection (the context
        # of a frame's callee never changes; its address does at a collection)
        e = f"_e{depth}"
        # ... and across entries: the last closure's context index, by closure word and
        # epoch (a frame's callee is the same closure call after call)
        ec = f"_ec{pc}"
        scope[ec] = [-1, -1, 0]
        L = [f"if _ep{depth} != STATS.collections:",
             "    fw = S[i + 2]",
             f"    ec = {ec}",
             "    if fw == ec[0] and ec[1] == STATS.collections:",
             f"        {e} = ec[2]",
             "    else:",
             "        w = HEAP._w",
             "        base = HEAP._base",
             "        rb = HEAP._rb",
             "        c0 = w[((fw - rb) >> 3) + 3]"]
        if depth:
            L.append("        c0 = w[((c0 - base) >> 3) + 2]")
        L += [f"        {e} = (c0 - base) >> 3",
              "        ec[0] = fw",
              "        ec[1] = STATS.collections",
              f"        ec[2] = {e}",
              f"    _ep{depth} = STATS.collections"]
        if name == "LdEnv":
            L.append(f"S[i + {a}] = HEAP._w[{e} + {2 + idx}]")
        elif name == "StEnv":
            L.append(f"HEAP._w[{e} + {2 + idx}] = S[i + {c}]")
        else:
            L += [f"v = HEAP._w[{e} + {2 + idx}]",
                  "if v == UNINIT_WORD:",
                  f"    {O}",  # (raises the ReferenceError)
                  f"S[i + {a}] = v"]
        return L
    if name == "LdCtx":
        a, b, idx = ops
        return [f"S[i + {a}] = HEAP._w[((S[i + {b}] - HEAP._rb) >> 3)"
                f" + {2 + idx}]"]
    if name == "StCtx":
        a, idx, c = ops
        return [f"HEAP._w[((S[i + {a}] - HEAP._rb) >> 3) + {2 + idx}]"
                f" = S[i + {c}]"]
    if name == "Not":
        a, b = ops
        return [f"x = S[i + {b}]",
                f"if x == {TRUE_WORD}:",
                f"    S[i + {a}] = {FALSE_WORD}",
                f"elif x == {FALSE_WORD}:",
                f"    S[i + {a}] = {TRUE_WORD}",
                "else:",
                f"    {O}"]
    if name == "ToNumber":  # (a number is its own)
        a, b = ops
        return [f"x = S[i + {b}]",
                "if x < CONST_BASE:",
                f"    S[i + {a}] = x",
                "else:",
                f"    {O}"]
    if name == "CopyContext":
        # a loop's per-iteration `let` context: the new cell is the old one's words
        # (header, count, parent, slots) bumped in place of alloc_context's undefined
        # template and the handler's copy over it; a collection due (or stress mode)
        # through the handler
        (a,) = ops
        return [f"o = S[i + {a}]",
                "w = HEAP._w",
                "j = (o - HEAP._rb) >> 3",
                "nw = w[j + 1] + 3",
                "top = CTX[0]",
                "if top + (nw << 3) <= CTX[1] and not HEAP.stress:",
                "    CTX[0] = top + (nw << 3)",
                "    k = (top - HEAP._base) >> 3",
                "    w[k:k + nw] = w[j:j + nw]",
                f"    S[i + {a}] = REF_BASE | top",
                "else:",
                f"    {O}"]
    if name == "ToArray":  # (an array is iterated as itself)
        a, b = ops
        return [f"o = S[i + {b}]",
                "if o >= REF_BASE and HEAP._w[(o - HEAP._rb) >> 3]"
                " == ARR_HDR:",
                f"    S[i + {a}] = o",
                "else:",
                f"    {O}"]
    if name == "Return":
        (a,) = ops
        if a >= kb and d.consts[a - kb] is None:
            return [f"S[i] = {UNDEFINED_WORD}", "return -1"]
        return [f"S[i] = S[i + {a}]", "return -1"]
    if name in ("GetProp", "SetProp") and pc in d.cache:
        cache = d.cache[pc]
        scope[f"_m{pc}"] = cache
        a, b = ops[0], ops[1] if name == "GetProp" else ops[2]
        m = f"_m{pc}"
        L = [f"o = S[i + {a if name == 'SetProp' else b}]",
             "if o >= REF_BASE:",
             "    w = HEAP._w",
             "    j = (o - HEAP._rb) >> 3",
             "    h = w[j]"]
        if cache[0]:
            # the own inline slot the site hit last when the block is compiled, as
            # literals (a shape cell never moves nor changes its keys' slots: never
            # stale), then the site's last one now
            L.append(f"    if h == {cache[0]}:")
            L.append(f"        S[i + {a}] = w[j + {cache[1]}]" if name == "GetProp" else
                     f"        w[j + {cache[1]}] = S[i + {b}]")
            L.append(f"    elif h == {m}[0]:")
        else:
            L.append(f"    if h == {m}[0]:")
        L.append(f"        S[i + {a}] = w[j + {m}[1]]" if name == "GetProp" else
                 f"        w[j + {m}[1]] = S[i + {b}]")
        if name == "GetProp" and len(cache[9]) > 1:
            # a site of several receiver shapes (a method of several classes): their
            # own inline slots from the handler's table (shape -> word offset)
            L += [f"    elif (off := {m}[9].get(h)) is not None:",
                  f"        S[i + {a}] = w[j + off]"]
        # the other entries only where the site has used them by now (the block is
        # compiled when hot: its sites have seen their receivers); a later one goes
        # through the handler (less source to compile per block)
        if cache[2]:
            L.append(f"    elif h == {m}[2]:")
            slot = f"w[((w[j + {m}[3]] - HEAP._base) >> 3) + {m}[4]]"
            L.append(f"        S[i + {a}] = {slot}" if name == "GetProp" else
                     f"        {slot} = S[i + {b}]")
        if name == "SetProp" and cache[5]:  # a property added (a constructor's stores)
            L += [f"    elif h == {m}[5] and {m}[8] == R.acc_epoch:",
                  f"        w[j] = {m}[6]",
                  f"        w[j + {m}[7]] = S[i + {b}]"]
        if name == "GetProp" and cache[5]:  # the last data hit on the prototype
            L += [f"    elif h == {m}[5]:",
                  "        p = SW[((h - SHB) >> 3) + 3]",
                  f"        e = {m}[6]",
                  "        if p >= REF_BASE:",
                  "            pj = (p - HEAP._rb) >> 3",
                  "            if w[pj] == e[0]:",
                  "                if e[3]:",
                  f"                    S[i + {a}] = w[((w[pj + e[3]] - HEAP._base) >> 3)"
                  " + e[1]]",
                  "                else:",
                  f"                    S[i + {a}] = w[pj + e[1]]",
                  "            else:",
                  f"                {O}",
                  "        else:",
                  f"            {O}"]
        if name == "GetProp" and len(cache[10]) > 1:
            # a polymorphic site's data hits on their prototypes (methods of classes)
            L += [f"    elif (e := {m}[10].get(h)) is not None and not e[2]:",
                  "        p = SW[((h - SHB) >> 3) + 3]",
                  "        if p >= REF_BASE:",
                  "            pj = (p - HEAP._rb) >> 3",
                  "            if w[pj] == e[0]:",
                  f"                S[i + {a}] = w[((w[pj + e[3]] - HEAP._base) >> 3)"
                  " + e[1]] if e[3] else w[pj + e[1]]",
                  "            else:",
                  f"                {O}",
                  "        else:",
                  f"            {O}"]
        if name == "GetProp" and cache[7]:
            # the last getter on the prototype (element 0 of its [getter, setter] pair),
            # called without going through the handler
            L += [f"    elif h == {m}[7]:",
                  "        p = SW[((h - SHB) >> 3) + 3]",
                  f"        e = {m}[8]",
                  "        g = UNDEFINED_WORD",
                  "        if p >= REF_BASE:",
                  "            pj = (p - HEAP._rb) >> 3",
                  "            if w[pj] == e[0]:",
                  "                v = w[((w[pj + e[3]] - HEAP._base) >> 3) + e[1]] if e[3]"
                  " else w[pj + e[1]]",
                  "                pair = (v - HEAP._rb) >> 3",
                  "                g = w[((w[pair + 3] - HEAP._base) >> 3) + 2]",
                  "        if g != UNDEFINED_WORD:"]
            if R.jit is None:
                # the getter's frame pushed here as Call's inline path pushes a
                # callee's (its closure word, epoch, CodeInfo and frame image
                # remembered in the site's [11] by _getter_call)
                L += [f"            gc = {m}[11]",
                      "            if g == gc[0] and STATS.collections == gc[1]"
                      " and R.jit is None:",
                      *["            " + ln for ln in _push_inline(
                          d, "gc[4]", "gc[3]", "gc[2]", a, ["S[k2 + 1] = o"])],
                      "            else:",
                      f"                S[i + {a}] = GETTER_CALL(g, o, gc)"]
            else:
                L.append(f"            S[i + {a}] = CALL_GETTER(g, o)")
            L += ["        else:",
                  f"            {O}"]
        if name == "GetProp" and cache[12]:
            # data hits two prototypes up (a method of a base class), as the handler
            L += [f"    elif (e := {m}[12].get(h)) is not None:",
                  "        p = SW[((h - SHB) >> 3) + 3]",
                  "        if p >= REF_BASE and w[(p - HEAP._rb) >> 3] == e[0]:",
                  "            p = SW[((e[0] - SHB) >> 3) + 3]",
                  "            pj = (p - HEAP._rb) >> 3",
                  "            if p >= REF_BASE and w[pj] == e[1]:",
                  f"                S[i + {a}] = w[((w[pj + e[3]] - HEAP._base) >> 3)"
                  " + e[2]] if e[3] else w[pj + e[2]]",
                  "            else:",
                  f"                {O}",
                  "        else:",
                  f"            {O}"]
        if name == "SetProp" and len(cache[9]) > 1:
            # a site of several receiver shapes: their own inline slots (the handler's
            # table, shape -> word offset)
            L += [f"    elif (off := {m}[9].get(h)) is not None:",
                  f"        w[j + off] = S[i + {b}]"]
        if name == "GetProp" and d.consts[ops[2]] == "length":
            L += ["    elif h == ARR_HDR or h == STR_HDR:",  # (their own length word)
                  "        ln = w[j + 1]",
                  f"        S[i + {a}] = INT_BASE | ln if ln < SGN else num_word(ln)"]
        L += ["    else:",
              f"        {O}",
              "else:",
              f"    {O}"]
        return L
    if name == "GetGlobal" and pc in d.cache:
        # the handler's last hit on the global object (its built-ins are out of line:
        # the slot vector's word, then the slot), else the handler
        m = f"_m{pc}"
        scope[m] = d.cache[pc]
        return ["w = HEAP._w",
                "j = (GLOBAL.word - HEAP._rb) >> 3",
                f"if w[j] != {m}[0]:",
                f"    {O}",
                f"elif {m}[1]:",
                f"    S[i + {ops[0]}] = w[j + {m}[1]]",
                "else:",
                f"    S[i + {ops[0]}] = w[((w[j + {m}[2]] - HEAP._base) >> 3) + {m}[3]]"]
    if name == "Call" and pc in d.cache:
        return _inline_call(d, ops, pc, scope)
    if name in ("GetElem", "SetElem"):
        a, b, c = ops
        o, x = (b, c) if name == "GetElem" else (a, b)
        L = [f"o = S[i + {o}]",
             f"x = S[i + {x}]",
             "if INT_BASE <= x < INT_END and o >= REF_BASE:",
             "    w = HEAP._w",
             "    base = HEAP._base",
             "    rb = HEAP._rb",
             "    j = (o - rb) >> 3",
             "    x -= INT_BASE",
             "    if w[j] == ARR_HDR and x < w[j + 1]:"]
        if name == "GetElem":
            L += ["        v = w[((w[j + 3] - base) >> 3) + 2 + x]",
                  f"        S[i + {a}] = UNDEFINED_WORD if v == HOLE_WORD else v"]
        else:
            L += [f"        w[((w[j + 3] - base) >> 3) + 2 + x] = S[i + {c}]"]
        L += ["    else:",
              f"        {O}"]
        kc = d.cache.get(pc)
        if name == "GetElem" and kc is not None and kc[0] and kc[1][1] < 64:
            # a string key on a plain object: the handler's (header, key word) -> own
            # inline slot table, valid until the next collection (a map's lookups by the
            # same key strings; not where the table missed often: keys made each time)
            scope[f"_g{pc}"] = kc
            L += [f"elif x >= REF_BASE and o >= REF_BASE and _g{pc}[1][0] == STATS.collections"
                  f" and (off := _g{pc}[0].get((HEAP._w[j := (o - HEAP._rb) >> 3], x)))"
                  " is not None:",
                  f"    S[i + {a}] = HEAP._w[j + off]"]
        # a string key of a dictionary object (a map built by computed keys) found in
        # the heap's probe memo by the key's word (its vector's memo: a table grown is
        # a new vector, a delete empties its memo, a collection all of them); a store
        # as set_prop's own-key store (no accessor defined anywhere); the rest (a
        # first probe, an absent key) through the handler, which fills the memo
        if (id(code), pc) in DICT_KEYED:
            scope["DMEMO"] = R.heap._dict_memo
            L += ["elif x >= REF_BASE and o >= REF_BASE and "
                  "SW[((HEAP._w[(j := (o - HEAP._rb) >> 3)] - SHB) >> 3)"
                  f" + {ShapeCell.DICT >> 3}] == 1"
                  + ("" if name == "GetElem" else " and not R.accessors") + " and "
                  "(mm := DMEMO.get(HEAP._w[j + 1])) is not None and "
                  "(q := mm.get(x)) is not None:",
                  f"    S[i + {a}] = HEAP._w[q]" if name == "GetElem" else
                  f"    HEAP._w[q] = S[i + {c}]"]
        L += ["else:",
              f"    {O}"]
        return L
    if name == "InstanceOf" and pc in d.cache and d.cache[pc][0] != -1:
        # the site's last constructor (see f_InstanceOf) and a left operand whose own
        # prototype is that constructor's prototype; anything else through the handler
        a, b, c = ops
        scope[f"_k{pc}"] = d.cache[pc]
        return [f"x = S[i + {b}]",
                f"f = S[i + {c}]",
                f"ic = _k{pc}",
                "if f == ic[0] and ic[1] == STATS.collections and x >= REF_BASE:",
                "    w = HEAP._w",
                "    fj = (f - HEAP._rb) >> 3",
                "    h = w[(x - HEAP._rb) >> 3]",
                "    if w[fj] == ic[2] and h != STR_HDR and (p := w[fj + ic[3]]) >= REF_BASE"
                " and SW[((h - SHB) >> 3) + 3] == p:",
                f"        S[i + {a}] = {TRUE_WORD}",
                "    else:",
                f"        {O}",
                "else:",
                f"    {O}"]
    if name in ("NewObject", "DefineField", "NewArray"):
        return _alloc_inline(d, name, ops, pc, scope)
    if name == "New" and pc in d.cache and d.cache[pc][2] is not None and R.jit is None:
        return _new_inline(d, ops, pc, scope)
    return None


def _new_inline(d: Decoder, ops: Any, pc: int, scope: dict[str, Any]) -> list[str]:
    """`new F(...)` of the site's last base constructor (no JIT installed), as New's fast
    path: F's `prototype` slot still its instances' root shape's prototype, the object
    bumped in line (a full or stressed space goes through the handler, before anything
    is written), the constructor's frame pushed above the block's and run; its result
    if an object, else the new object (the frame's `this`)."""
    a, b, base, argc, _k = ops
    m = f"_m{pc}"
    scope[m] = d.cache[pc]
    scope["IS_OBJECT"] = is_object
    fill = ["S[k2 + 1] = REF_BASE | ot"]  # (top: _push_inline's)
    if argc <= 2:
        fill += [f"S[k2 + {3 + q}] = S[i + {base + q}]" for q in range(argc)]
    else:
        fill.append(f"S[k2 + 3:k2 + {3 + argc}] = S[i + {base}:i + {base + argc}]")
    return [f"fn = S[i + {b}]",
            f"nc = {m}",
            "if fn == nc[0] and STATS.collections == nc[1] and R.jit is None"
            " and (w := HEAP._w)[fj := (fn - HEAP._rb) >> 3] == nc[5]"
            " and w[fj + nc[6]] == SW[nc[7]]"
            " and (ot := CTX[0]) + nc[9] <= CTX[1] and not HEAP.stress:",
            "    CTX[0] = ot + nc[9]",
            "    j = (ot - HEAP._base) >> 3",
            "    w[j:j + (nc[9] >> 3)] = nc[8]",
            *_push_inline(d, "nc[4]", "nc[3]", "nc[2]", a, fill),
            f"    r = S[i + {a}]",
            "    if r < REF_BASE or not IS_OBJECT(r):",
            f"        S[i + {a}] = S[k2 + 1]",
            "else:",
            f"    _o{pc}(i)"]


# Allocation in blocks (session 22). An object literal whose fields a block defines
# (NewObject, then DefineFields of constant keys on its register, nothing else reading
# or writing that register between, no jump that could skip one) is allocated with its
# final shape at once when the sites' transitions (DefineField's `tr`: old header -> new
# header, offset) chain from the empty literal's shape: each DefineField then stores its
# word in its slot. A DefineField run by its handler on such an object (past the block's
# end, a block entered mid-literal) finds the key own and stores it there: the same
# object. `[]` and small array literals are bumped in line. Every bump checks the space
# as the handlers do and leaves the full or stressed case to the heap's allocator (which
# collects): nothing held in a local is used after it.

#: opcodes a literal's fields may be computed by besides _WRITES_A and _WRITES_NONE's
#: (their register operands checked)
_LIT_MORE = frozenset(("NewObject", "NewArray", "DefineField", "Concat"))
#: opcodes reading a range of registers: (position of the first, of the count)
_RANGES = {"Call": (3, 4), "New": (2, 3), "NewArray": (1, 2), "Concat": (1, 2)}


def _touches(name: str, ins: Any, r: int) -> bool:
    """Whether instruction ``ins`` names register ``r`` among its operands."""
    sig = SIG[ins[0]]
    if any(c == "r" and ins[1 + k] == r for k, c in enumerate(sig)):
        return True
    rg = _RANGES.get(name)
    return rg is not None and ins[1 + rg[0]] <= r < ins[1 + rg[0]] + ins[1 + rg[1]]


def _literals(d: Decoder, pc: int, end: int) -> dict[int, Any]:
    """The object literals of block ``pc .. end - 1`` allocated with their final shape:
    NewObject's pc -> the shape, each of its DefineFields' pc -> the word offset."""
    insns = d.code.insns
    plans: dict[int, Any] = {}
    obj = R.obj_shape.address
    at = R.heap._shape_at
    ok = (_WRITES_A | _WRITES_NONE | _LIT_MORE) - {"Jump", "Return", "Throw"}
    for q in range(pc, end):
        if OPCODES[insns[q][0]][0] != "NewObject":
            continue
        a = insns[q][1]
        hdr = obj
        skip = q  # (the farthest forward jump target seen: no field before it)
        found: dict[int, int] = {}
        for p in range(q + 1, end):
            ins = insns[p]
            nm = OPCODES[ins[0]][0]
            if nm == "DefineField" and ins[1] == a:
                tr = d.cache.get(p)
                if p < skip or tr is None or tr[0] != hdr or ins[3] == a:
                    break
                found[p] = tr[2]
                hdr = tr[1]
                continue
            if nm not in ok or _touches(nm, ins, a):
                break
            if nm.startswith("Jump"):
                t = _jump_target(ins)
                if t <= p:
                    break
                skip = max(skip, t)
        shape = at.get(hdr)
        if found and shape is not None:
            plans[q] = shape
            plans.update(found)
    return plans


def _alloc_inline(d: Decoder, name: str, ops: Any, pc: int, scope: dict[str, Any]
                  ) -> list[str] | None:
    """NewObject, DefineField and NewArray in a block (see above)."""
    O = f"_o{pc}(i)"
    plan = scope.get("_lits", {}).get(pc)
    heap = R.heap
    if name == "NewObject":
        if plan is None:
            return None
        tpl = plan.tpl if plan.tpl is not None else heap._object_template(plan)
        scope[f"_n{pc}"] = plan
        scope[f"_n{pc}t"] = tpl
        n = len(tpl)
        return ["c = CTX",
                "top = c[0]",
                f"if top + {n << 3} <= c[1] and not HEAP.stress:",
                f"    c[0] = top + {n << 3}",
                "    j = (top - HEAP._base) >> 3",
                f"    HEAP._w[j:j + {n}] = _n{pc}t",
                f"    S[i + {ops[0]}] = REF_BASE | top",
                "else:",  # (a collection first: the allocator's own path)
                f"    S[i + {ops[0]}] = HEAP.alloc_object(_n{pc})"]
    if name == "DefineField":
        a, _k, c = ops
        if plan is not None:  # (the object has the key's slot: its final shape)
            return [f"HEAP._w[((S[i + {a}] - HEAP._rb) >> 3) + {plan}]"
                    f" = S[i + {c}]"]
        tr = d.cache.get(pc)
        if tr is None or not tr[0]:
            return None
        scope[f"_d{pc}"] = tr
        return [f"o = S[i + {a}]",
                "if o >= REF_BASE:",
                "    w = HEAP._w",
                "    j = (o - HEAP._rb) >> 3",
                f"    if w[j] == _d{pc}[0]:",
                f"        w[j] = _d{pc}[1]",
                f"        w[j + _d{pc}[2]] = S[i + {c}]",
                "    else:",
                f"        {O}",
                "else:",
                f"    {O}"]
    # NewArray: a, b, c (the elements from slots b .. b + c - 1)
    a, b, c = ops
    cap = max(c, 4)
    if c > 8:
        return None
    tpl = heap._arr_tpl.get(cap)
    if tpl is None:
        tpl = heap._array_template(cap)
    scope[f"_n{pc}t"] = tpl
    n = len(tpl)
    vec = (ARRAY_SIZE >> 3) + 2
    L = ["c = CTX",
         "top = c[0]",
         f"if top + {n << 3} <= c[1] and not HEAP.stress:",
         f"    c[0] = top + {n << 3}",
         "    w = HEAP._w",
         "    j = (top - HEAP._base) >> 3",
         f"    w[j:j + {n}] = _n{pc}t",
         f"    w[j + 3] = top + {ARRAY_SIZE}"]
    if c:
        L.append(f"    w[j + 1] = {c}")
        L += [f"    w[j + {vec + e}] = S[i + {b + e}]" for e in range(c)]
    L += [f"    S[i + {a}] = REF_BASE | top",
          "else:",
          f"    {O}"]
    return L


#: whether the calls blocks make with no JIT installed are counted (``CodeInfo.calls``,
#: read by ``--stats`` alone then: a JIT installed later takes the handlers' path, which
#: counts them for its heat); set by hvm.vm before a run with stats (~3% of a call)
COUNT_CALLS = False


def _push_inline(d: Decoder, nr: str, image: str, info: str, a: int, fill: list[str]
                 ) -> list[str]:
    """The lines (no JIT installed) that push a bytecode callee's frame right above the
    block's frame, run its loop and leave its result in slot ``a``: ``nr`` its frame
    size, ``image`` its words from the size word on (closure word in slot 2), ``info``
    its CodeInfo (expressions), ``fill`` lines writing the rest (``this``, arguments)
    into the frame at ``k2``. With no JIT every frame is pushed by the interpreter
    (push_frame's layout: fp = SBASE + 8*i, the stack top fp + 8*nregs while the frame
    is innermost), so the callee's index is a constant offset from ``i``: the context
    words are written, not read, and the block's own frame pointer (``_fp``, set at its
    entry) is what the callee's frame saves and what the context gets back."""
    n = d.code.nregs
    return [f"    k2 = i + {n + 2}",
            f"    fp = _fp + {8 * (n + 2)}",
            f"    top = fp + 8 * {nr}",
            "    if top > LIMIT:",
            "        GROW(top)",
            "    S[k2 - 2] = _fp",
            f"    S[k2 - 1:k2 + {nr}] = {image}",
            *["    " + ln for ln in fill],
            "    CTX[3] = fp",
            "    CTX[2] = top",
            f"    inf = {info}",
            *(["    inf.calls += 1"] if COUNT_CALLS else []),
            "    cpc = 0",
            "    try:",
            "        cpc = inf.run[0](k2)",  # (its first block: the loop's first test saved)
            "        while cpc >= 0:",
            "            cpc = inf.run[cpc](k2)",
            f"        S[i + {a}] = S[k2]",
            "    except BaseException as e:",
            f"        S[i + {a}] = CALLEE_FAULT(inf, k2, cpc, e)",
            "    finally:",
            "        CTX[3] = _fp",
            "        CTX[2] = fp - 16"]


def _getter_call(g: int, o: int, gc: list[Any]) -> int:
    """:func:`call_getter` for a block's getter site, remembering in ``gc`` (the site's
    cache entry [11]) the getter whose frame the block then pushes itself."""
    h = R.heap
    w = h._w
    j = (g - h._rb) >> 3
    cid = w[j + 2]
    if cid < NATIVE_BASE and h._layout[w[j]][0] == KIND_CLOSURE:
        info = R.codes[cid]
        tpl = info.template
        if info.direct_argc >= 0 and info.epoch == h.stats.collections \
                and tpl is not None:
            gc[0] = g
            gc[1] = h.stats.collections
            gc[2] = info
            gc[3] = _frame_image(g, tpl)
            gc[4] = len(tpl)
            return _call_direct(info, g, o, [])
    return call(g, o, [])


def _inline_call(d: Decoder, ops: Any, pc: int, scope: dict[str, Any]) -> list[str]:
    """Call's fast paths inline (its handler's, with the site's cache list ``_m{pc}``):
    the last bytecode callee's frame pushed and its loop run here, or the last built-in
    called; the handler for anything else."""
    a, b, c, base, argc, _k = ops
    m = f"_m{pc}"
    scope[m] = d.cache[pc]
    kb = d.code.kbase
    this_undefined = c >= kb and d.consts[c - kb] is None
    jit_on = R.jit is not None
    L = [f"fn = S[i + {b}]",
         f"cc = {m}"]
    if len(d.cache[pc][10]) > 1:  # a polymorphic site: its other callees' entries
        L += ["if fn != cc[0] and (pe := cc[10].get(fn)) is not None:",
              "    cc = pe"]
    # the callee's `this` and parameters from the site (cc[11] of them: fewer when it
    # takes fewer)
    fill = ["if cc[5]:",
            "    S[k2 + 1] = HEAP._w[((fn - HEAP._rb) >> 3) + 4]"]
    if not this_undefined:
        fill += ["else:",
                 f"    S[k2 + 1] = S[i + {c}]"]
    if argc:
        fill.append(f"if cc[11] == {argc}:")
        if argc <= 2:
            fill += [f"    S[k2 + {3 + q}] = S[i + {base + q}]" for q in range(argc)]
        else:
            fill.append(f"    S[k2 + 3:k2 + {3 + argc}] = S[i + {base}:i + {base + argc}]")
        fill += ["elif cc[11]:",
                 f"    S[k2 + 3:k2 + 3 + cc[11]] = S[i + {base}:i + {base} + cc[11]]"]
    if not jit_on:
        # without a JIT (--no-jit: none is installed before blocks are compiled) the
        # lean form: no on_entry hook, less source to compile; the handler makes the
        # call if a JIT came later
        L += ["if fn == cc[0] and STATS.collections == cc[1] and R.jit is None:",
              *_push_inline(d, "cc[4]", "cc[9]", "cc[2]", a, fill)]
    else:
        L += ["if fn == cc[0] and STATS.collections == cc[1]:",
              "    nr = cc[4]",
              "    cfp = CTX[3]",
              "    sp = CTX[2]",
              "    fp = sp + 16",
              "    top = fp + 8 * nr",
              "    if top > LIMIT:",
              "        GROW(top)",
              "    k2 = (fp - SBASE) >> 3",
              "    S[k2 - 2] = cfp",
              "    S[k2 - 1:k2 + nr] = cc[9]",
              *["    " + ln for ln in fill],
              "    CTX[3] = fp",
              "    CTX[2] = top",
              "    inf = cc[2]",
              "    inf.calls += 1",
              "    jit = R.jit",
              "    r = None",
              "    if jit is not None:",  # as the handler: compiled code may run the call
              "        try:",
              "            r = jit.on_entry(inf.code, fp)",
              "        except BaseException:",
              "            CTX[3] = cfp",
              "            CTX[2] = sp",
              "            raise",
              "    if r is not None:",
              f"        S[i + {a}] = r",
              "        CTX[3] = cfp",
              "        CTX[2] = sp",
              "    else:",
              "        ops = inf.run",
              "        cpc = 0",
              "        try:",
              "            while cpc >= 0:",
              "                cpc = ops[cpc](k2)",
              f"            S[i + {a}] = S[k2]",
              "        except BaseException as e:",
              f"            S[i + {a}] = CALLEE_FAULT(inf, k2, cpc, e)",
              "        finally:",
              "            CTX[3] = cfp",
              "            CTX[2] = sp"]
    # a built-in's argument list: up to three words read singly (cheaper than a list
    # of a slice)
    args = f"list(S[i + {base}:i + {base + argc}])" if argc > 3 else \
        "[" + ", ".join(f"S[i + {base + q}]" for q in range(argc)) + "]"
    call = f"S[i + {a}] = cc[8](S[i + {c}], {args})"
    fast = _array_method(d.cache[pc][8], a, c, base, argc, scope)
    L += ["elif fn == cc[6] and STATS.collections == cc[7]:",
          *([*fast, "    else:", "        " + call] if fast else ["    " + call]),
          "else:",
          f"    _o{pc}(i)"]
    return L


def _array_method(fn: Any, a: int, c: int, base: int, argc: int, scope: dict[str, Any]
                  ) -> list[str]:
    """The lines (an `if`: the call after them as its `else`) of a site whose
    last built-in was Array.prototype.push of one value or pop on an array: their fast
    paths (room in the vector; a non-empty array) in line, where the built-in's call
    made an argument list and a Python call (constraints: ~27,000 pushes at scale 1)."""
    name = getattr(fn, "__name__", "")
    if getattr(fn, "__module__", "") != "a64js.hvm.builtins" \
            or not ((name == "push" and argc == 1) or (name == "pop" and argc == 0)):
        return []
    scope[f"_A{name}"] = fn
    L = [f"    o = S[i + {c}]",
         f"    if cc[8] is _A{name} and o >= REF_BASE and (w := HEAP._w)"
         "[j := (o - HEAP._rb) >> 3] == ARR_HDR"]
    if name == "push":
        L[-1] += " and (n := w[j + 1]) < w[j + 2]:"
        L += [f"        w[((w[j + 3] - HEAP._base) >> 3) + 2 + n] = S[i + {base}]",
              "        w[j + 1] = n + 1",
              f"        S[i + {a}] = INT_BASE | (n + 1)"]
    else:
        L[-1] += " and (n := w[j + 1]):"
        L += ["        e = ((w[j + 3] - HEAP._base) >> 3) + n + 1",  # (the last element)
              "        v = w[e]",
              "        w[e] = HOLE_WORD",
              "        w[j + 1] = n - 1",
              f"        S[i + {a}] = UNDEFINED_WORD if v == HOLE_WORD else v"]
    return L


def _block_starts(code: Code) -> list[bool]:
    n = len(code.insns)
    starts = [False] * (n + 1)
    starts[0] = True
    for pc, ins in enumerate(code.insns):
        sig = SIG[ins[0]]
        if "l" in sig:
            starts[ins[1 + sig.index("l")]] = True
        if OPCODES[ins[0]][0] in _ENDS:
            starts[pc + 1] = True
    for _s, _e, handler, _r in code.handlers:
        starts[handler] = True
    return starts


def _plan_blocks(d: Decoder, ops: list[Op]) -> list[Op]:
    """The list the loops index by pc: at a block's first instruction a stub that runs
    the single handler until the block has been entered ``_BLOCK_HOT`` times, then
    compiles it and puts the block's function there (in place: a loop running this
    code picks it up at its next entry); the single handlers elsewhere. A block starts
    where today's partition says and runs on past the targets of its own nested
    forward jumps (see :func:`_extent`), so blocks may overlap."""
    code = d.code
    insns = code.insns
    starts = _block_starts(code)
    incoming: dict[int, list[int]] = {}
    for q, ins in enumerate(insns):
        sig = SIG[ins[0]]
        if "l" in sig:
            incoming.setdefault(ins[1 + sig.index("l")], []).append(q)
    handlers = {h for _s, _e, h, _r in code.handlers}
    run = list(ops)
    scope: dict[str, Any] = {}
    n = len(insns)
    pc = 0
    while pc < n:
        end = pc + 1  # the partition's block is pc .. end - 1
        while end < n and not starts[end] and end - pc < _BLOCK_MAX \
                and OPCODES[insns[end - 1][0]][0] not in _ENDS:
            end += 1
        xend, nested = _extent(d, pc, starts, incoming, handlers)
        if xend - pc >= 2:
            run[pc] = _stub(d, ops, run, scope, pc, xend, nested)
        pc = end
    return run


#: a block shorter than this runs on through a join that other code jumps to (its own
#: block starts there too): sieve's `i++` after an `if`, then the loop's test, was two
#: dispatches and a handler call per iteration. Only a lone instruction: blocks of two
#: or three run on too cost json 8% more instructions at scale 4 (more and longer blocks
#: compiled, none of them faster)
_JOIN_RUN = 2
#: forward conditional jumps a block can take inside itself (their taken ``return T``
#: becomes a flag and the instructions up to T go under ``if not _t:``)
_NESTABLE = frozenset(("fwd", "nfwd"))


def _extent(d: Decoder, s: int, starts: list[bool], incoming: dict[int, list[int]],
            handlers: set[int]) -> tuple[int, dict[int, int]]:
    """The end of the block starting at ``s`` and its nested jumps (pc -> target). The
    block goes on past a jump target only when every jump there is a nested forward
    jump of this block (a short-circuit ``a || b``, an ``if`` without a loop), or when
    the block is still shorter than ``_JOIN_RUN``: code reached from anywhere else (a
    loop header, the code after an ``if``) starts its own block, and a catch handler
    starts one always."""
    insns = d.code.insns
    n = len(insns)
    nested: dict[int, int] = {}
    stack: list[int] = []  # the open regions' targets, innermost (smallest) last
    q = s
    while True:
        ins = insns[q]
        name = OPCODES[ins[0]][0]
        g = d.gen.get(q)
        if g is not None and name != "Jump" and g[0] in ("cmp", "test") \
                and g[1][-1] in _NESTABLE:
            sig = SIG[ins[0]]
            t = ins[1 + sig.index("l")]
            if t > q and (not stack or t <= stack[-1]):
                nested[q] = t
                stack.append(t)
        nxt = q + 1
        if nxt >= n or nxt - s >= _BLOCK_MAX:
            break
        while stack and stack[-1] == nxt:
            stack.pop()
        if starts[nxt]:
            src = incoming.get(nxt, ())
            close = -1 if stack else _loop_close(d, nxt, s, handlers)
            if close >= 0:
                # the rest of a loop (its update, its condition jumping back here)
                # taken in the block: the back edge loops in the block's function, no
                # dispatch per iteration; entries from elsewhere (the loop's first Jump,
                # a `continue`) go to the partition's blocks there
                q = close
                break
            if nxt in handlers:
                break
            if (not src or any(nested.get(p) != nxt for p in src)) \
                    and (stack or name in _ENDS or nxt - s >= _JOIN_RUN):
                break
        elif name in _ENDS:
            break
        q = nxt
    end = q + 1
    return end, {p: t for p, t in nested.items() if t < end}


def _jump_target(ins: Any) -> int:
    return int(ins[1 + SIG[ins[0]].index("l")])


def _loops_to(d: Decoder, q: int, s: int) -> bool:
    """Whether instruction ``q`` is a generated conditional jump back to ``s``."""
    g = d.gen.get(q)
    if g is None or g[0] not in ("cmp", "test") or g[1][-1] not in ("back", "nback"):
        return False
    ins = d.code.insns[q]
    return OPCODES[ins[0]][0] != "Jump" and _jump_target(ins) == s


def _loop_close(d: Decoder, q: int, s: int, handlers: set[int]) -> int:
    """The pc of a conditional jump back to ``s`` that instructions ``q ..`` reach
    straight (no Jump, Return or Throw, no catch handler, within the longest block),
    else -1."""
    insns = d.code.insns
    for p in range(q, min(len(insns), s + _BLOCK_MAX)):
        if p in handlers:
            return -1
        if _loops_to(d, p, s):
            return p
        if OPCODES[insns[p][0]][0] in _ENDS:
            return -1
    return -1


#: how many times a block is compiled again after a site in it called a getter for
#: the first time (see _refresh), at most
_RECOMPILES = 2
#: entries of a block's stub before it is compiled again
_REHOT = 8


def _refresh(d: Decoder, pc: int) -> None:
    """The GetProp site at ``pc`` has just called a getter for the first time: the
    compiled blocks holding it, made when it had not, go back to a stub that compiles
    them again after a few entries (so the getter is called inline; at most
    _RECOMPILES times a block). (Done for the other entries too, the first data hit on
    the prototype and own slot out of line: linkedlist +0.4%, json +0.3% at scale 1,
    the compiles.)"""
    for again in d.blocks.pop(pc, ()):
        again()


def _stub(d: Decoder, ops: list[Op], run: list[Op], scope: dict[str, Any], b: int,
          end: int, nested: dict[int, int], hot: int = 0, made: int = 0) -> Op:
    hot = hot or _BLOCK_HOT
    half = hot // 2  # (entries left when the slots' kinds are noted)
    left = hot - half
    sampled = False
    op0 = ops[b]

    def again() -> None:
        if run[b] is f:  # (not already a stub)
            for q in range(b, end):
                fs = d.blocks.get(q)
                if fs is not None and again in fs:
                    fs.remove(again)
            run[b] = _stub(d, ops, run, scope, b, end, nested, _REHOT, made + 1)
    f: Op = op0

    def stub(i: int) -> int:
        nonlocal left, sampled
        left -= 1
        if left > 0:
            return op0(i)
        if not sampled:  # (halfway: no test per entry but at the count's end)
            sampled = True
            left = half
            _sample(d.code, run, b, end, i)
            if left > 0:
                return op0(i)
        nonlocal f
        f = _compile_block(d, ops, scope, b, end, nested, i, _DOUBLES.pop((id(run), b), None))
        run[b] = f
        if made < _RECOMPILES:
            for q in range(b, end):
                d.blocks.setdefault(q, []).append(again)
        return f(i)
    return stub


#: constant words named in the inline forms, replaced by their literals in a block
_INLINE_LITERALS = ("INT_BASE", "INT_END", "REF_BASE", "ADDR_MASK", "UNDEFINED_WORD",
                    "CONST_BASE")
#: (id of the run list, block pc) -> the slots the stub noted holding doubles
_DOUBLES: dict[tuple[int, int], set[int]] = {}


def _sample(code: Code, run: list[Op], b: int, end: int, i: int) -> None:
    """Note which of the block's register operands hold doubles at its middle entry (a
    loop header's entries are its iterations): no int32 is forwarded through them (nor
    through one holding a double when it is compiled). Not in the stub itself: a
    comprehension over ``i`` there would make ``i`` a cell, made at every stub call."""
    S = R.S
    _DOUBLES[id(run), b] = {s for s in _operands(code, b, end) if S[i + s] < INT_BASE}


def _operands(code: Code, b: int, end: int) -> set[int]:
    """The registers that instructions ``b .. end - 1`` name."""
    out: set[int] = set()
    for ins in code.insns[b:end]:
        sig = SIG[ins[0]]
        out.update(ins[1 + k] for k, c in enumerate(sig) if c == "r")
    return out


#: words in a frame view (a function with more registers indexes the stack itself)
_FRAME_VIEW = 256
#: frame views kept (by frame index), at most
_FRAME_VIEWS_MAX = 4096
_views: tuple[Any, dict[int, tuple[Any, Any]]] = (None, {})
#: the fewest reads and writes of the frame (in the block's source) for which a block
#: that does not loop uses frame views
_VIEW_MIN = 6
_VIEW_HEAD = "    F = FV.get(i)\n    if F is None:\n        F = FRAME_VIEW(i)\n    F, FD = F"
#: a name other than S or SD indexed by i (its `S[i + ` must not become a view's)
_ODD_SLOT = re.compile(r"[A-Za-z_0-9.](?:S|SD)\[i[ \]]")


def _frame_views() -> dict[int, tuple[Any, Any]]:
    """This realm's frame views by frame index (a new realm, a new dict)."""
    global _views
    if _views[0] is not R.heap:
        _views = (R.heap, {})
    return _views[1]


def _frame_view(i: int) -> tuple[Any, Any]:
    """The words ``i .. i + _FRAME_VIEW - 1`` of the word stack as views of their own,
    of words and of doubles (a block reads its frame's slot n as ``F[n]``, its double
    as ``FD[n]``), kept for the next frame at ``i`` and released with the heap."""
    v = (R.S[i:i + _FRAME_VIEW], R.SD[i:i + _FRAME_VIEW])
    views = _frame_views()
    if len(views) < _FRAME_VIEWS_MAX:
        views[i] = v
        R.heap._extra_views.extend(v)  # (released by Heap.close with the stack's)
    return v


_STORE = re.compile(r"S\[i \+ (\d+)\] = (.+)")
_LOAD = re.compile(r"(\w+) = S\[i \+ (\d+)\]")


def _forward(chunks: list[tuple[int, str, list[str]]], targets: set[int]) -> None:
    """Where an instruction ends by storing a slot and the next one (not a jump target)
    starts by reading it, the word goes on in a local (``_f``) instead of being read
    back (a new int each read): nothing runs between the store and the read, so no
    collection can have moved what it names. In place."""
    prev: tuple[int, str, list[str]] | None = None
    for q, ind, body in chunks:
        if body[0].startswith("_pc = "):
            continue
        if prev is not None and prev[1] == ind and q not in targets:
            st = _STORE.fullmatch(prev[2][-1])
            k = 1 if body[0] == "while True:" and len(body) > 1 else 0
            ld = _LOAD.fullmatch(body[k].strip()) if st is not None else None
            if st is not None and ld is not None and ld.group(2) == st.group(1) \
                    and body[k].startswith("    " * k + ld.group(1)):
                prev[2][-1:] = [f"_f = {st.group(2)}", f"S[i + {st.group(1)}] = _f"]
                body[k] = "    " * k + f"{ld.group(1)} = _f"
        prev = (q, ind, body)


# Decoded int32 values forwarded within a block (session 18). An instruction whose int32
# fast path computes the biased value ``s = K + v`` of its result (Add, Sub, AddK, Inc,
# Dec; a LoadK of an int constant; a Mov of a known slot) leaves ``s`` in a local
# ``_v{pc}`` (None when another path ran: a double, the handler), and a later instruction
# of the block that reads the slot as an int32 operand takes it from there: no word read,
# no tag test, no ``^ SGN``. The slot is still stored (handlers, callees, the collector,
# exceptions and bailouts see the frame). Known at compile time per instruction: a slot's
# local is dropped at any instruction that may write the slot (its destination; anything
# not known to write its first operand alone forgets all), and at the join of a nested
# forward jump unless the same local holds on both ways. Ints are not references, so a
# collection does not stale them; a callee cannot write its caller's registers.

#: opcodes that write their first (register) operand and no other slot of the frame
_WRITES_A = frozenset((
    "LoadK", "Mov", "Add", "Sub", "Mul", "Div", "Mod", "Exp", "BitAnd", "BitOr", "BitXor",
    "Shl", "Sar", "Shr", "Eq", "Ne", "StrictEq", "StrictNe", "Lt", "Le", "Gt", "Ge",
    "InstanceOf", "In", "AddK", "Neg", "ToNumber", "Not", "BitNot", "TypeOf", "Inc", "Dec",
    "GetProp", "GetElem", "DeleteProp", "GetGlobal", "TypeOfGlobal", "LdCtx",
    "LdEnvChecked", "LdEnv", "Closure", "Call", "New"))
#: opcodes that write no slot of the frame
_WRITES_NONE = frozenset((
    "Jump", "JumpIfTrue", "JumpIfFalse", "JumpIfNullish", "JumpIfNotNullish",
    "JumpIfNotLt", "JumpIfNotLe", "JumpIfNotGt", "JumpIfNotGe", "JumpIfLt", "JumpIfLe",
    "JumpIfGt", "JumpIfGe", "JumpIfNotStrictEq", "JumpIfStrictEq", "SetProp", "SetElem",
    "SetGlobal", "StCtx", "StEnv", "Return", "Throw"))
#: inline forms (not generated) that may read an int32 operand as ``x``
_USES_INT = frozenset(("AddK", "GetElem", "SetElem"))
# (string tests, no new regular expressions: compiling one costs more than a small
# program's blocks gain)
_XTESTS = ("if INT_BASE <= x < INT_END", f"if {INT_BASE} <= x < {INT_END}")
_YTESTS = (" and INT_BASE <= y < INT_END", f" and {INT_BASE} <= y < {INT_END}")
_SGNS = ("SGN", str(SGN))


def _names(ln: str) -> list[str]:
    return _IDENT.findall(ln)


def _int_test(ln: str) -> tuple[bool, str] | None:
    """(whether y is tested too, the rest of the condition) of an int32 test of x."""
    for xt in _XTESTS:
        if ln.startswith(xt) and ln.endswith(":"):
            rest = ln[len(xt):-1]
            has_y = False
            for yt in _YTESTS:
                if rest.startswith(yt):
                    rest = rest[len(yt):]
                    has_y = True
                    break
            if rest and not rest.startswith(" and "):
                return None
            return has_y, rest[5:]
    return None


def _biased_sub(ln: str, var: str, v: str) -> str:
    for sg in _SGNS:
        ln = ln.replace(f"({var} ^ {sg})", v)
    return ln


def _indent(ln: str) -> int:
    return len(ln) - len(ln.lstrip())


def _exits(lines: list[str], pad: int) -> bool:
    """Whether the lines (a block at indentation ``pad``) always leave by break/return."""
    last = [ln for ln in lines if _indent(ln) == pad]
    return bool(last) and last[-1].strip().split(" ")[0] in ("break", "return", "continue")


def _biased_in(lines: list[str], var: str) -> bool:
    return any(f"({var} ^ {sg})" in ln for ln in lines for sg in _SGNS)


def _use_known(body: list[str], known: dict[int, str], q: int, dest: int,
               isint: Callable[[int], bool], used: set[str]
               ) -> tuple[list[str], dict[int, str]]:
    """``body`` with an int32 fast case first where an operand it reads as ``x`` (and
    ``y``) is a known slot: the instruction's int case over the known biased values; the
    original lines (reads, tag tests) when a local is None or the other operand is not
    an int32. An operand read and found an int32 whose biased value the int case
    computes anyway (``x ^ SGN``) is learnt: left in ``_v{q}x`` / ``_v{q}y`` (None on the
    other paths) for the instructions after (the slots learnt, not ``dest``); the locals
    read go to ``used``."""
    ix = next((k for k, ln in enumerate(body) if ln.lstrip().startswith("x = S[i + ")
               and _LOAD.fullmatch(ln.strip()) is not None), -1)
    if ix < 0:
        return body, {}
    pad = _indent(body[ix])
    sx = int(_LOAD.fullmatch(body[ix].strip()).group(2))  # type: ignore[union-attr]
    k = ix + 1
    sy = -1
    if k < len(body) and (m := _LOAD.fullmatch(body[k].strip())) is not None \
            and m.group(1) == "y" and _indent(body[k]) == pad:
        sy = int(m.group(2))
        k += 1
    if k >= len(body) or _indent(body[k]) != pad:
        return body, {}
    tm = _int_test(body[k].strip())
    if tm is None:
        return body, {}
    has_y, rest = tm
    has_y = has_y and sy >= 0
    vx = known.get(sx)
    vy = known.get(sy) if has_y else None
    it = k
    ie = it + 1
    while ie < len(body) and _indent(body[ie]) > pad:
        ie += 1
    ce = ie
    while ce < len(body) and _indent(body[ce]) == pad and (
            body[ce].strip().startswith("elif ") or body[ce].strip() == "else:"):
        ce += 1
        while ce < len(body) and _indent(body[ce]) > pad:
            ce += 1
    case0 = body[it + 1:ie]
    lx = f"_v{q}x" if vx is None and sx != dest and isint(sx) and _biased_in(case0, "x") \
        else None
    ly = f"_v{q}y" if has_y and vy is None and sy != dest and sy != sx and isint(sy) \
        and _biased_in(case0, "y") else None
    sp = " " * pad
    init = [f"{sp}{v} = None" for v in (lx, ly) if v is not None]
    learned = {s_: v for s_, v in ((sx, lx), (sy, ly)) if v is not None}

    def learn(case: list[str], x_int: bool, y_int: bool) -> list[str]:
        head: list[str] = []
        if lx is not None and x_int:
            head.append(f"{sp}    {lx} = x ^ {SGN}")
            case = [_biased_sub(ln, "x", lx) for ln in case]
        if ly is not None and y_int:
            head.append(f"{sp}    {ly} = y ^ {SGN}")
            case = [_biased_sub(ln, "y", ly) for ln in case]
        return [*head, *case]
    if vx is None and vy is None:
        if not init:
            return body, {}
        return [*body[:it], *init, body[it], *learn(case0, True, True),
                *body[ie:]], learned
    case = case0
    conds: list[str] = []
    pre: list[str] = []
    if vx is not None:
        if not vx.isdigit():
            conds.append(f"{vx} is not None")
        case = [_biased_sub(ln, "x", vx) for ln in case]
        if any(ln.strip() == "x -= INT_BASE" for ln in case):  # an index: v, signed
            case = [(ln[:_indent(ln)] + f"x = {vx} - {K}") if ln.strip() == "x -= INT_BASE"
                    else ln.replace(" and x < w[j + 1]", " and 0 <= x < w[j + 1]")
                    for ln in case]
        elif any("x" in _names(ln) for ln in case):
            return body, {}
    else:
        pre = [body[ix]]  # x read as before: y is the known one
    if has_y:
        if vy is not None:
            if not vy.isdigit():
                conds.append(f"{vy} is not None")
            case = [_biased_sub(ln, "y", vy) for ln in case]
            if any("y" in _names(ln) for ln in case):
                return body, {}
        else:
            conds.append(f"{INT_BASE} <= (y := S[i + {sy}]) < {INT_END}")
    if vx is None:
        conds.insert(0, f"{INT_BASE} <= x < {INT_END}")
    if rest:
        conds.append(rest)
    if not _exits(case, pad + 4) and any(
            "x" in (nm := _names(ln)) or "y" in nm for ln in body[ce:]):
        return body, {}
    cond = " and ".join(conds) if conds else "True"
    case = learn(case, vx is None, vy is None)
    used.update(v for v in (vx, vy) if v is not None and not v.isdigit())
    # (the original lines when the fast case does not apply; x not read again)
    orig = [*body[ix + len(pre):it + 1], *learn(case0, True, True), *body[ie:ce]]
    return [*body[:ix], *[sp + ln.strip() for ln in pre], *init, f"{sp}if {cond}:", *case,
            f"{sp}else:", *["    " + ln for ln in orig], *body[ce:]], learned


def _may_use(ins: Any, known: dict[int, str], isint: Callable[[int], bool], skip: int
             ) -> bool:
    """Whether a register operand of ``ins`` (past the first ``skip``) is known or may
    be learnt (less analysis per block: its compile time is the cost)."""
    sig = SIG[ins[0]]
    regs = [ins[1 + k] for k, c in enumerate(sig) if c == "r"][skip:]
    return any(r in known for r in regs) or any(isint(r) for r in regs)


def _s_stores(a: int) -> tuple[str, ...]:
    """The lines that store a biased int32 ``s`` to slot ``a``."""
    return tuple(f"S[i + {a}] = s ^ {sg}" for sg in _SGNS)


def _set_known(body: list[str], var: str, a: int) -> list[str]:
    """``body`` leaving its result's biased value in ``var`` where it stores ``s ^ SGN``
    to slot ``a`` (None set first: the other paths)."""
    out: list[str] = []
    stores = _s_stores(a)
    for ln in body:
        if ln.strip() in stores:
            out.append(ln[:_indent(ln)] + f"{var} = s")
        out.append(ln)
    k = 1 if out and out[0] == "while True:" else 0
    first = out[k] if k < len(out) else ""
    if _LOAD.fullmatch(first.strip()) is not None:  # (after the opening read: _forward)
        k += 1
    return [*out[:k], " " * _indent(out[k] if k < len(out) else "") + f"{var} = None",
            *out[k:]] if k < len(out) else out


def _inc_known(ins: Any, q: int, name: str, known: dict[int, str], used: set[str]
               ) -> tuple[list[str], str]:
    """Inc/Dec leaving the result's biased value in ``_v{q}`` (from a known operand
    without reading its word)."""
    a, b = ins[1], ins[2]
    O = f"_o{q}(i)"
    var = f"_v{q}"
    vb = known.get(b)
    inc = name == "Inc"
    test = f"INT_BASE <= x < {INT_END - 1 - SGN}" if inc else f"INT_BASE < x < {INT_END - SGN}"
    words = [f"x = S[i + {b}]",
             f"if {test}:",
             f"    S[i + {a}] = x {'+' if inc else '-'} 1",
             f"    {var} = (x ^ {SGN}) {'+' if inc else '-'} 1",
             "else:",
             f"    {var} = None",
             f"    {O}"]
    if vb is not None:
        used.update((vb, var))  # (var: its own store reads it)
        lim = f"{vb} < {K + SGN - 1}" if inc else f"{vb} > {K - SGN}"
        nb = f"{vb} {'+' if inc else '-'} 1"
        fast = [f"    {var} = {nb}",
                f"    S[i + {a}] = {var} ^ {SGN}"]
        if vb.isdigit():
            return ([f"if {lim}:", *fast, "else:", f"    {var} = None", f"    {O}"], var)
        # a local None where the value is not known (a loop's first pass: the word's
        # test then, which learns it)
        return ([f"if {vb} is not None and {lim}:", *fast, "else:",
                 *["    " + ln for ln in words]], var)
    return (words, var)


def _frame_use(d: Decoder, pc: int, end: int) -> tuple[set[int], dict[int, list[int]]] | None:
    """The registers instructions ``pc .. end - 1`` read, and the instructions writing
    each register they write (None: one may write a slot other than its first)."""
    read: set[int] = set()
    writers: dict[int, list[int]] = {}
    for q in range(pc, end):
        ins = d.code.insns[q]
        name = OPCODES[ins[0]][0]
        regs = [ins[1 + k] for k, c in enumerate(SIG[ins[0]]) if c == "r"]
        if name in _WRITES_A:
            writers.setdefault(ins[1], []).append(q)
            read.update(regs[1:])
        elif name in _WRITES_NONE:
            read.update(regs)
        else:
            return None
    return read, writers


def _const_reads(text: str, d: Decoder) -> str:
    """``text`` reading the constant slots that hold no reference (numbers, booleans,
    null, undefined: the frame template's words, which no instruction writes) as
    literals: a constant load instead of an index sum and a list read."""
    kb = d.code.kbase
    words: dict[int, int] = {}
    for k, c in enumerate(d.consts):
        if c is not None and type(c) not in (bool, int, float) \
                and c is not NULL and c is not UNINITIALIZED:
            continue
        words[kb + k] = int(_const_word(c))

    # (no stores to them; not their double reads, SD[..]: the frame list's double
    # patterns pay more)
    for s_, w in words.items():
        rd = f"S[i + {s_}]"
        if rd in text:
            text = text.replace(rd, str(w))
    return text


def _flush(slot: int, var: str) -> str:
    """The line that writes a deferred slot's word from its local."""
    return f"if {var} is not None: S[i + {slot}] = {var} ^ {SGN}"


#: lines after which the frame may be read by other code than the block's own
_LEAVES = re.compile(r"\b(?:return|_o\d+\(i\)|jit\.on_backedge)")
_SLICE = re.compile(r"S\[i \+ (\d+):")


def _defer_store(L: list[str], top: int, slot: int, var: str, q: int) -> bool:
    """Leave out the store of ``slot`` where instruction ``q`` (the loop block's one
    writer of it) computed its int32 value into the carried local ``var``: the local
    holds the slot's value whenever it is not None (else the slot does). The word is
    written (:func:`_flush`) before any line that reads the slot, calls a handler
    (handlers read the frame), returns (leaves the block) or calls the JIT's back-edge
    hook, and when an exception leaves (the catch handler reads the frame); within
    ``q``'s lines a copy made at their start (``_u{q}``, the one it makes of its own
    operand) holds the value: ``q`` sets the local None before it is done. In place on
    ``L[top:]``; False (``L`` unchanged) where a slice may read the slot, a line that
    needs the write cannot have a line put before it, or a read every iteration takes
    would write it anyway."""
    body = L[top:]
    if any(int(m) <= slot for ln in body for m in _SLICE.findall(ln)):
        return False
    rd = f"S[i + {slot}]"
    rd_d = f"SD[i + {slot}]"
    stores = {*_s_stores(slot), *(f"{rd} = {var} ^ {sg}" for sg in _SGNS)}
    out: list[str] = []
    cur = -1
    holder = var
    dropped = 0
    base = 0  # (the indentation of the instruction's lines)
    opened: list[tuple[int, bool]] = []  # the compound statements a line is in: if-like?
    for k, ln in enumerate(body):
        st = ln.strip()
        pad = _indent(ln)
        if st.startswith("_pc = "):
            cur = int(st[6:])
            holder = var
            base = pad
            out.append(ln)
            if cur == q:
                # (the writer sets its local None before it is done: its old value in a
                # copy, written should its handler throw)
                holder = f"_u{q}"
                if k + 1 < len(body) and body[k + 1].strip() != f"{holder} = {var}":
                    out.append(" " * pad + f"{holder} = {var}")
            continue
        if cur < 0:  # (the block's entry: the locals decoded, this one None till then)
            out.append(ln)
            continue
        while opened and opened[-1][0] >= pad:
            opened.pop()
        # (a read on a path every iteration takes: its write would cost what leaving
        # the store out saves; a handler call costs far more than the write)
        sure = not any(cond for ind, cond in opened if ind >= base)
        if st.endswith(":"):
            opened.append((pad, st.startswith(("if ", "elif ", "else:"))))
        if cur == q and st in stores and k and (prev := body[k - 1].strip()).startswith(
                f"{var} = ") and prev != f"{var} = None":
            dropped += 1  # (the fast path: the local holds the value)
            continue
        reads = (rd in ln and not st.startswith(rd + " = ")) or rd_d in ln
        if reads or _LEAVES.search(ln):
            if st.startswith(("elif ", "else:", "except", "finally")) \
                    or (sure and reads):
                return False
            out.append(" " * _indent(ln) + _flush(slot, holder))
        out.append(ln)
    if not dropped:
        return False
    L[top:] = out
    return True


def _drop_unused(chunks: list[tuple[int, str, list[str]]], made: set[str],
                 learnt: set[str], used: set[str]) -> None:
    """Remove the assignments of forwarded locals that no later instruction reads
    (``used``: those some instruction's fast case took), and give back their own
    ``x ^ SGN`` to learnt ones (in place; the local ``_v{q}`` or ``_v{q}x`` is assigned
    in instruction q's chunk alone)."""
    dead = made - used
    idle = learnt - used
    if not dead and not idle:
        return
    at: dict[int, list[str]] = {}
    for v in dead | idle:
        at.setdefault(int(v[2:].rstrip("xy")), []).append(v)
    for q, _i, body in chunks:
        for v in at.get(q, ()):
            sets = f"{v} = "
            body[:] = [ln for ln in body if not ln.lstrip().startswith(sets)]
            if v in idle:
                back = f"({v[-1]} ^ {SGN})"
                body[:] = [ln.replace(v, back) for ln in body]


#: opt-in (benchmarks/bench_js_hvm.py --fallbacks): (function, pc, opcode) -> the calls
#: of instruction handlers from compiled blocks (where a block's inline form handed an
#: instruction over, or had none); None: not counted (blocks call the handlers directly)
FALLBACKS: dict[tuple[str, int, str], int] | None = None


def _counted(op: Op, key: tuple[str, int, str]) -> Op:
    """``op`` counting its calls in :data:`FALLBACKS`."""
    counts = FALLBACKS
    assert counts is not None

    def counted(i: int) -> int:
        counts[key] = counts.get(key, 0) + 1
        return op(i)
    return counted


def _compile_block(d: Decoder, ops: list[Op], scope: dict[str, Any], pc: int, end: int,
                   nested: dict[int, int] | None = None, frame: int | None = None,
                   doubles: set[int] | None = None) -> Op:
    """The function of the block of instructions ``pc .. end - 1``; ``nested``: its
    forward jumps to targets inside it (pc -> target), taken by skipping ahead;
    ``frame``: the word index of a frame about to run it (its slots' kinds now decide
    which int32 values are forwarded: not through a slot holding a double, nor one of
    ``doubles``, seen holding one before)."""
    insns = d.code.insns
    nregs = d.code.nregs
    S = R.S

    def isint(s: int) -> bool:
        if doubles and s in doubles:
            return False
        if frame is None or not 0 <= s < nregs:
            return True
        # (not: is an int32 now; a temporary holds whatever its last use left there)
        return bool(S[frame + s] >= INT_BASE)
    nested = nested or {}
    if not scope:
        scope.update(_GEN_SCOPE)
        scope.update(HEAP=R.heap, S=R.S, SD=R.SD, UNINIT_WORD=UNINIT_WORD,
                     HOLE_WORD=HOLE_WORD, ARR_HDR=R.heap.array_shape.address,
                     STR_HDR=R.heap.string_shape.address, SW=R.heap._sw,
                     GLOBAL=R.global_obj, SHB=R.heap._shape_base, CTX=R.heap._ctx,
                     LIMIT=R.slimit, GROW=core.grow_frames,
                     SBASE=R.sbase, STATS=R.heap.stats, CALLEE_FAULT=_callee_fault,
                     CALL_GETTER=call_getter, GETTER_CALL=_getter_call,
                     FV=_frame_views(), FRAME_VIEW=_frame_view)
    L = [f"def B{pc}(i):", "    (prologue)"]  # (its assignments, once the body is known)
    # (frames in a list: no views, an item of the list costs less than a view's)
    views = d.code.nregs <= _FRAME_VIEW and type(R.S) is not list
    if views:
        # the frame's slots through a view of it (F[n] for S[i + n]): no index sum per
        # access (a fresh int each), the view found once per block entry
        L += _VIEW_HEAD.split("\n")
    L.append("    try:")
    top = len(L)
    scope["_lits"] = _literals(d, pc, end)
    g = d.gen.get(end - 1)
    # a loop: the block's last instruction jumps back to its first
    loop = g is not None and g[0] in ("cmp", "test") and g[1][-1] in ("back", "nback") \
        and _jump_target(insns[end - 1]) == pc and end - 1 not in nested

    def emit(known: dict[int, str]) -> tuple[list[tuple[int, str, list[str]]],
                                             dict[int, str], set[str], set[str], set[str],
                                             list[int], set[str]]:
        """The chunks of the block's instructions with ``known`` at its start, and the
        locals known at its end, made, learnt and used, the open regions, and the
        locals of ``known`` at the start that an instruction read."""
        chunks: list[tuple[int, str, list[str]]] = []  # (pc, indentation, lines)
        regions: list[int] = []  # the targets of the open `if not _t:` regions
        snaps: list[dict[int, str]] = []  # what was known at each open region's jump
        made: set[str] = set()
        learnt: set[str] = set()
        used: set[str] = set()  # (the locals a later instruction reads)
        # the entries of ``known`` it started with that still hold, and the locals an
        # instruction read from them (a loop's carried locals that pay)
        carry = {s_: v for s_, v in known.items() if not v.isdigit()}
        via: set[str] = set()

        def kn(ins: Any, skip: int) -> dict[int, str]:
            """``known`` for instruction ``ins``: without the constant slots when another
            operand may hold a double (an int32 test first would cost its double case)."""
            regs = [ins[1 + k] for k, c in enumerate(SIG[ins[0]]) if c == "r"][skip:]
            if all(r in consts or r in known or isint(r) for r in regs):
                return known
            return {s_: v for s_, v in known.items() if s_ not in consts}

        def reads(u: set[str]) -> None:
            via.update(v for s_, v in carry.items() if v in u and known.get(s_) == v)
            used.update(u)
        for q in range(pc, end):
            last = q == end - 1
            ins = insns[q]
            name = OPCODES[ins[0]][0]
            while regions and regions[-1] == q:
                regions.pop()
                before = snaps.pop()  # (the join: what holds both ways)
                known = {s: v for s, v in before.items() if known.get(s) == v}
            # (a local this instruction learns, carried round the loop: learnt again)
            mine = (f"_v{q}x", f"_v{q}y")
            for s_ in [s_ for s_, v in known.items() if v in mine]:
                del known[s_]
            ind = "        " + "    " * len(regions)
            if q > pc:
                chunks.append((q, ind, [f"_pc = {q}"]))
            scope[f"_o{q}"] = ops[q] if FALLBACKS is None else \
                _counted(ops[q], (d.code.name, q, name))
            body: list[str] | None = None
            g = d.gen.get(q)
            t = nested.get(q)
            if g is not None:
                body = _template_body(g[0], g[1], g[2], q, last, scope)
                if body is not None and t is not None:
                    # taken: a flag and out of the body's `while True` (to the target's
                    # place in this block); the body's `return N` is a break already
                    taken = f"return {t}"
                    out = ["_t = 0"]
                    for ln in body:
                        if ln.strip() == taken:
                            pad = ln[:len(ln) - len(ln.lstrip())]
                            out += [pad + "_t = 1", pad + "break"]
                        else:
                            out.append(ln)
                    body = [*out, "if not _t:"]
                    regions.append(t)
            if body is None:
                body = _inline(d, ins, q, last, scope)
                if body is not None and not last and name != "Return" and any(
                        ln.lstrip().startswith("return") for ln in body):
                    body = None
            inline = body is not None
            if body is None:
                if last and name in _ENDS:
                    body = [f"return _o{q}(i)"]
                else:  # (a handler that jumps elsewhere leaves the block there)
                    body = [f"nx = _o{q}(i)", f"if nx != {q + 1}:", "    return nx"]
            # int32 values forwarded in locals (see _use_known)
            if inline and name in ("Inc", "Dec") and (ins[2] in known or isint(ins[2])):
                u: set[str] = set()
                body, var = _inc_known(ins, q, name, known, u)
                reads(u)
                known[ins[1]] = var
                carry.pop(ins[1], None)
                made.add(var)
            elif name in _WRITES_A:
                learned: dict[int, str] = {}
                if inline and (name in _USES_INT or (g is not None and g[0] != "test")) \
                        and _may_use(ins, known, isint, 1):
                    u = set()
                    body, learned = _use_known(body, kn(ins, 1), q, ins[1], isint, u)
                    reads(u)
                a = ins[1]
                stores = _s_stores(a)
                if name == "Mov":
                    if ins[2] in known:
                        known[a] = known[ins[2]]
                        if carry.get(ins[2]) == known[a]:
                            carry[a] = known[a]
                        else:
                            carry.pop(a, None)
                    else:
                        known.pop(a, None)
                else:
                    known.pop(a, None)
                    if name == "LoadK" and type(c := d.consts[ins[2]]) is not str \
                            and not isinstance(c, Code) \
                            and INT_BASE <= (w := int(_const_word(c))) < INT_END:
                        known[a] = str(w ^ SGN)
                    elif inline and (name == "AddK" or (g is not None and g[0] == "arith")) \
                            and all(r in known or isint(r) for r in ins[2:4 if name != "AddK"
                                                                         else 3]) \
                            and any(ln.strip() in stores for ln in body):
                        own = f"_v{q}"
                        if any(own in _names(ln) for ln in body):
                            # (it reads its own local, carried round a loop: a copy
                            # first, the local is set anew below)
                            body = [re.sub(rf"\b{own}\b", f"_u{q}", ln) for ln in body]
                            body = [f"_u{q} = {own}", *_set_known(body, own, a)]
                        else:
                            body = _set_known(body, own, a)
                        known[a] = f"_v{q}"
                        made.add(f"_v{q}")
                known.update(learned)
                learnt.update(learned.values())
                if name != "Mov":
                    carry.pop(a, None)
                for s_ in learned:
                    carry.pop(s_, None)
            elif name in _WRITES_NONE:
                if inline and (name in _USES_INT or (g is not None and g[0] != "test")) \
                        and _may_use(ins, known, isint, 0):
                    u = set()
                    body, learned = _use_known(body, kn(ins, 0), q, -1, isint, u)
                    reads(u)
                    known.update(learned)
                    for s_ in learned:
                        carry.pop(s_, None)
                    learnt.update(learned.values())
            else:
                known.clear()
            if len(regions) > len(snaps):  # (a nested jump opened a region)
                snaps.append(dict(known))
            chunks.append((q, ind, body))
        if OPCODES[insns[end - 1][0]][0] not in _ENDS:
            chunks.append((end, "        ", [f"return {end}"]))
        return chunks, known, made, learnt, used, regions, via

    # the constant slots' int32 values, known in every frame (the frame template's)
    kb = d.code.kbase
    consts = {kb + k: str(w ^ SGN) for k, c in enumerate(d.consts)
              if type(c) in (int, float) and INT_BASE <= (w := int(num_word(c))) < INT_END}
    # a loop's invariant slots (read, written by no instruction of the block: only they
    # write its frame) holding int32 values now: decoded once at the block's entry into
    # ``_k{slot}`` (None when not an int32 then), carried round the loop as its own
    # locals are (the bound of `i < n`, the step of `j += i`)
    use = _frame_use(d, pc, end) if loop else None
    inv = {s_: f"_k{s_}" for s_ in sorted(use[0].difference(use[1]))
           if 3 <= s_ < kb and frame is not None and isint(s_)
           and INT_BASE <= S[frame + s_] < INT_END} if use is not None else {}
    base = {**consts, **inv}
    chunks, known, made, learnt, used, regions, via = emit(dict(base))
    if inv and regions:  # (no loop in the block's function: no entry to decode them at)
        inv = {}
        base = dict(consts)
        chunks, known, made, learnt, used, regions, via = emit(dict(base))
    if loop and not regions:
        # the int32 locals known where the back edge is taken hold on at the loop's top
        # (the slots are not written between): a second pass starts with them (None at
        # the block's entry: the instructions' tag tests then), keeping those that
        # still hold at the end (the locals' names are the instructions' own)
        carried = {s_: v for s_, v in known.items() if not v.isdigit()}
        for _ in range(3):
            if not carried:
                break
            chunks, known, made, learnt, used, regions, via = emit({**base, **carried})
            held = {s_: v for s_, v in carried.items() if known.get(s_) == v}
            if held == carried:
                break
            carried = held
        else:
            carried = {}
        if not carried:
            chunks, known, made, learnt, used, regions, via = emit(dict(base))
        # (those no instruction read before setting them again are not carried)
        carried = {s_: v for s_, v in carried.items() if v in via}
        carried.update((s_, v) for s_, v in inv.items() if v in via)
    else:
        carried = {}
    _drop_unused(chunks, made, learnt, used)
    _forward(chunks, set(nested.values()))
    for _q, ind, body in chunks:
        L += [ind + ln for ln in body]
    loop = loop and not regions
    counted = ""
    deferred: dict[int, str] = {}  # slot -> the local holding its value (see _defer_store)
    if loop:
        # a loop: its back edge taken (counted, the JIT's hook called) goes on here
        # instead of returning to the dispatch loop, which would call this again
        back = f"return {pc}"
        tail = max(k for k, ln in enumerate(L) if ln.strip() == f"_pc = {end - 1}") \
            if end - 1 > pc else top
        body = [ln if q < tail or ln.strip() != back else
                ln[:len(ln) - len(ln.lstrip())] + "continue"
                for q, ln in enumerate(L[top:], top)]
        # the carried locals at the block's entry: the slot's value when an int32 (a
        # short loop runs its first pass fast too); None where the local stands for two
        # slots (a Mov in the loop: not equal before it)
        inits: list[str] = []
        for v in sorted(set(carried.values())):
            slots = [s_ for s_, w in carried.items() if w == v]
            inits.append(f"        {v} = None" if len(slots) > 1 else
                         f"        {v} = x ^ SGN if INT_BASE <= (x := S[i + {slots[0]}]) "
                         "< INT_END else None")
        # the back edges counted in a local, added to the function's count before the
        # JIT's hook runs and when the block is left (its `finally`)
        cnt = f"info_{end - 1}.backedges += 1"
        at = next((k for k in range(tail - top, len(body) - 2) if body[k].strip() == cnt
                   and body[k + 1].strip() == "jit = R.jit"
                   and body[k + 2].strip() == "if jit is not None:"), None)
        if at is not None:
            pad = " " * (_indent(body[at + 2]) + 4)
            body[at] = " " * _indent(body[at]) + "_be += 1"
            body[at + 3:at + 3] = [pad + cnt.replace("+= 1", "+= _be"), pad + "_be = 0"]
            inits.insert(0, "        _be = 0")
            counted = f"info_{end - 1}"
        L[top:] = [*inits, "        while True:", f"            _pc = {pc}",
                   *["    " + ln for ln in body]]
        # a carried local whose slot one instruction of the loop writes: its fast
        # path's store left out, the word written when something may read the frame
        for s_, v in carried.items():
            if (m := re.fullmatch(r"_v(\d+)", v)) is not None \
                    and list(carried.values()).count(v) == 1 \
                    and use is not None and use[1].get(s_) == [int(m[1])] \
                    and _defer_store(L, top, s_, v, int(m[1])):
                deferred[s_] = v
    # the locals the body reads before it may set them: the contexts' epochs of the
    # depths it reads (no context read, no assignment: 4 instructions a block entry) and
    # the deferred counters
    body_text = "\n".join(L[top:])
    first = [f"_ep{k} = " for k in (0, 1) if f"_ep{k} " in body_text]
    first = ["".join(first) + "-1"] if first else []
    if re.search(r"\b_fp\b", body_text):  # (a callee's frame pushed: see _push_inline)
        first.append("_fp = SBASE + (i << 3)")
    first += [f"{v} = None" for v in deferred.values()]
    if first:
        L[1] = "    " + "; ".join(first)
    else:
        del L[1]
        top -= 1
    # the pc an exception leaves at, from the line it left (no store of the pc per
    # instruction): the `_pc = q` lines mark where instruction q's lines begin
    lines: list[str] = []
    pcs: list[int] = []
    cur = pc
    for ln in L:
        st = ln.strip()
        if st.startswith("_pc = "):
            cur = int(st[6:])
            continue
        lines.append(ln)
        pcs.append(cur)
    L = lines
    scope[f"_L{pc}"] = (pc, *pcs)  # (by line number, 1-based)
    L += ["    except BaseException as _e:",
          f"        _e.hvm_pc = _L{pc}[_e.__traceback__.tb_lineno]",
          *[f"        {_flush(s_, v)}" for s_, v in deferred.items()],
          "        raise"]
    if counted:
        L += ["    finally:", f"        {counted}.backedges += _be"]
    head = "\n".join(L[:top])
    text = _const_reads("\n".join(L[top:]), d)
    if views:
        # views pay where the block reads its frame often (a lookup per entry)
        n = text.count("S[i + ") + text.count("S[i]")
        if (n < _VIEW_MIN and not loop) or _ODD_SLOT.search(text):
            head = head.replace("\n" + _VIEW_HEAD, "")
        else:
            text = text.replace("SD[i + ", "FD[").replace("S[i + ", "F[") \
                .replace(":i + ", ":").replace("SD[i]", "FD[0]").replace("S[i]", "F[0]")
            if "FD[" not in text:
                head = head.replace("F, FD = F", "F = F[0]")
    # the hand-written inline forms' constant words as literals too (a constant load, not
    # a global's; the names are the generator's own, no other name contains them)
    for nm in _INLINE_LITERALS:
        if nm in text:
            text = text.replace(nm, _LITERALS[nm])
    exec(compile(_listify(head + "\n" + text + "\n"),
                 f"<a64js.hvm block {source_name(d.code.name)}@{pc}>", "exec"), scope)
    f: Op = scope.pop(f"B{pc}")
    return f


FACTORIES: dict[str, Callable[..., Op]] = {
    name[2:]: fn for name, fn in globals().items()
    if name.startswith("f_") and callable(fn)
}

__all__ = ["FACTORIES", "call", "catch", "construct", "decode", "frame_template", "invoke",
           "pop_frame", "push_frame", "run_at", "set_jit", "step"]
_ = (KIND_STRING, double_of)
