"""Templates of the baseline JIT for calls from compiled code to compiled code: ``Call``
(plain calls and method calls, whose callee the property caches found) and ``New`` of a
base constructor (a mixin of :class:`~a64js.jit.compiler.FunctionCompiler`; see
:mod:`a64js.jit.t_ops` for the conventions).

A *direct call* pushes the callee's frame on the word stack in machine code (header,
``this``, the callee, the first min(argc, nparams) arguments: the other parameters
undefined) and ``blr``s to the callee's *direct entry*, which copies the rest of its
frame template (the constants, from its frame block) in a straight line, then runs its
body from pc 0 (:meth:`CallTemplates._emit_direct_entry`; the direct-call table holds
that entry, and the register x26 the table: ``regs.CALLS``). Subroutines per function
(emitted at first use, reached with ``bl``) do it: the *check* finds the callee (x4
entry, x5 frame block, x7 slot count; NE when it cannot be called directly, HS when
that is because it is a built-in) and the *push* pushes, calls and pops (a plain Call's
*call* subroutine does both); a call site is about ten instructions. A
built-in callee takes the generic path in line (not a guard failure: nothing to
compile, nothing speculated), unless :data:`NATIVES` does it in line. The
direct-call table (by closure code id: entry address, frame block) and the frame
blocks are the runtime's; word 2 of a frame block is :func:`call_word`: the parameter
count, ``NOT_CALLABLE`` for code a plain call may not enter directly (a class
constructor), ``NEWABLE`` for a base constructor ``New`` may, ``ARROW`` for an arrow
function (its ``this`` comes from the closure, not from the call).

``New`` finds the callee's ``prototype`` through its own cache cell (as a GetProp of
``prototype`` on the callee would) and the root shape of that prototype's instances in
a second cell, valid while the shape cell's prototype word is that very prototype
(both words are updated by the collector, so the compare holds across collections);
it allocates the object in line (a full space is the generic path) and passes it as
``this``; the result is the callee's return value when that is an object, else the
new object.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Callable
from operator import itemgetter
from typing import Any, cast

import a64jit
from a64jit import (
    EQ,
    GT,
    HI,
    HS,
    LO,
    LS,
    LT,
    MI,
    NE,
    GPRegister,
    Label,
    MacroAssembler,
    d0,
    lsl,
    lsr,
    mem,
    post,
    pre,
    sp,
    uxtw,
    w2,
    w3,
    w4,
    w5,
    w6,
    w7,
    w8,
    w9,
    w10,
    w12,
    w13,
    w17,
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
    x10,
    x11,
    x12,
    x13,
    x14,
    x15,
    x16,
    x17,
    x30,
    xzr,
)

from ..bytecode import OP, Code
from ..heap import (
    ARRAY_CAPACITY,
    ARRAY_ELEMENTS,
    ARRAY_LENGTH,
    ARRAY_PROPS,
    ARRAY_SIZE,
    CLOSURE_CODE,
    CLOSURE_THIS,
    KIND_ARRAY,
    KIND_CLOSURE,
    KIND_OBJECT,
    KIND_STRING,
    OBJECT_SLOTS,
    STRING_DATA,
    STRING_LENGTH,
    VECTOR_DATA,
    Ctx,
    Shape,
    ShapeCell,
)
from ..heapcode import (
    emit_alloc_string,
    emit_bump,
    emit_copy_words,
    emit_header_is,
    emit_kind_of,
    emit_untag,
    emit_untag_ref,
)
from ..hvm import core
from ..hvm.core import R
from ..words import (
    ADDR_MASK,
    CANONICAL_NAN,
    FALSE_WORD,
    HOLE_WORD,
    INT_BASE,
    REF_BASE,
    UNDEFINED_WORD,
)
from . import subcache
from .hostcalls import helper
from .reasons import R_CALL, R_PROP
from .regs import CALL_DEPTH, CALLS, CID, CID_WORD, CTX, FP, INTB, words_of
from .regs import slot as _slot
from .runs import Run, cell_to, emit_cell_run
from .t_alloc import split_at_bhi
from .t_builtins import BuiltinTemplates

#: Frame block word 2 flags (above the parameter count).
NOT_CALLABLE = 1 << 32
NEWABLE = 1 << 33
ARROW = 1 << 34

#: A ``Throw`` caught in its own function (:meth:`CallTemplates.t_Throw`) records the
#: value as element n of the *ring*, an array of THROW_RING elements in context-block
#: root word THROW_ROOT (the collector updates both), and its place, ``cid << 32 | pc``,
#: in the runtime's depth block at THROW_PLACES + 8n, n the count at THROW_COUNT; the
#: runtime hands them to ``hvm.core.throw_places()`` in order before it is next used.
#: A full ring, or none yet (the root undefined), takes the generic path, where the
#: runtime makes the ring.
THROW_ROOT = 1
#: root word of Array.prototype (an object cell in the heap VM, an array in node), which
#: ``Array.isArray`` in line compares with (the collector updates it)
ARRAY_PROTO_ROOT = 2
THROW_RING = 64
THROW_COUNT = 16
THROW_PLACES = 24

#: The error constructors ``new E(message)`` allocates in line (:meth:`_new_error`).
ERROR_KINDS = ("Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError",
               "EvalError", "URIError")
#: What ``hvm.core.set_stack`` puts after an error's description in its ``stack``.
STACK_TAIL = "\n    at <anonymous>"


def call_word(info: Any, code: Code) -> int | None:
    """Word 1 of a function's frame block, below nregs (:data:`FRAME_NREGS_SHIFT`;
    None: no direct calls of either kind), from
    the interpreter's decoding of ``code`` (``hvm.core.CodeInfo`` ``info``): the
    parameter count and the flags."""
    nparams = code.nparams
    kind = code.kind
    callable_ = 0 <= info.direct_argc == nparams and kind in ("normal", "method")
    # an arrow's this is the one its closure captured (the interpreter's invoke)
    arrow = kind == "arrow" and info.ops is not None and not code.uses_arguments \
        and not info.reads_args
    newable = 0 <= info.direct_new == nparams and kind in ("normal", "ctor")
    # a derived constructor too: New makes its object as for a base one (the
    # interpreter's construct), its super() calls the parent with it (t_alloc)
    newable = newable or (kind == "ctor" and code.is_derived and info.ops is not None
                          and not code.uses_arguments and not info.reads_args)
    if not callable_ and not newable and not arrow:
        return None
    return nparams | (0 if callable_ or arrow else NOT_CALLABLE) | \
        (NEWABLE if newable else 0) | (ARROW if arrow else 0)


#: ``new Array(n)`` is made in line for n below 2**NEW_ARRAY_BITS.
NEW_ARRAY_BITS = 24

#: Template words :meth:`CallTemplates._copy_unrolled` copies without a loop.
UNROLLED = 32
#: The word at ``regs.CALL_DEPTH`` holds the direct-call depth in its low half and the
#: count of direct calls (for ``--stats``; modulo 2**32) in its high half: a call adds
#: this, its return subtracts 1 (one load and one store each way, where the two words
#: took a pair of each on the call: in Unicorn every 8-byte access costs about a block).
DEPTH_AND_CALL = 1 << 32 | 1
_FIRST = itemgetter(0)
_LOAD_K = OP["LoadK"]
_TYPE_OF = OP["TypeOf"]
#: Every status-0 exit of a compiled function (its Return, compiler._exit_ok) leaves
#: the result in this register as well as in slot 0: a direct call's site stores it
#: with no load (one 8-byte access a call fewer; Unicorn's cost is per access). Not
#: touched by :func:`_emit_leave` nor by the call subroutines after the callee returns.
RESULT = x5
#: A frame block's word 1 holds :func:`call_word` (the parameter count, flags up to bit
#: 34) with nregs from this bit: one ``ldp`` reads the epoch with both (its word 2
#: holds nregs alone), where the call subroutines loaded three words.
FRAME_NREGS_SHIFT = 40
#: Call and New sites of at most this many arguments have a subroutine of their own
#: count (:meth:`CallTemplates._emit_call_argc`).
ARGC_SUBS = 4


#: Built-ins a Call runs in line (by the called name: the callee is checked to be that
#: very built-in): name -> (where it is: a prototype of ``R.protos`` or a global object
#: ("" the global object itself), its name there, the argument counts done in line).
NATIVES: dict[str, tuple[str, str, tuple[int, ...]]] = {
    "push": ("proto", "Array", (1,)),
    "pop": ("proto", "Array", (0,)),
    "shift": ("proto", "Array", (0,)),
    "slice": ("proto", "Array", (0, 1, 2)),
    "isArray": ("global", "Array", (1,)),
    "charCodeAt": ("proto", "String", (1,)),
    "charAt": ("proto", "String", (1,)),
    "substring": ("proto", "String", (1, 2)),
    "fromCharCode": ("global", "String", (1,)),
    "String": ("global", "", (1,)),
    "parseFloat": ("global", "", (1,)),
    "parseInt": ("global", "", (1, 2)),
    "keys": ("global", "Object", (1,)),
    "sqrt": ("global", "Math", (1,)),
    "floor": ("global", "Math", (1,)),
    "abs": ("global", "Math", (1,)),
    "trunc": ("global", "Math", (1,)),
    "ceil": ("global", "Math", (1,)),
    "map": ("proto", "Array", (1, 2)),
    "forEach": ("proto", "Array", (1, 2)),
    "indexOf": ("proto", "Array", (1,)),
    "sort": ("proto", "Array", (1,)),
    "join": ("proto", "Array", (1,)),
    "fill": ("proto", "Array", (1,)),
}
#: The built-ins that call a function per element (a loop in machine code whose calls
#: are direct calls when the callback is compiled, else :func:`_call_back`).
_ITERATE = ("map", "forEach")
#: The built-ins done in line that keep an array in the callee's slot while they call.
_SCRATCH = ("map", "forEach", "sort")
#: The Math functions of one number done on doubles: name -> the instruction (each
#: rounds as the function does, -0 and NaN and the infinities included).
_MATH1 = {"sqrt": "fsqrt", "floor": "frintm", "abs": "fabs", "trunc": "frintz",
          "ceil": "frintp"}


def native_code_id(name: str) -> int | None:
    """The code id of the realm's own built-in :data:`NATIVES` names ``name``: the first
    native the realm made under that name (its setup makes them before any program
    runs, and only bound functions are made later, under other names; where two share
    a name, as Array's and String's ``slice``, NATIVES names the first). Not what the
    global or prototype holds now: a program may have put another function there
    before its caller was compiled (None when the realm has no such native)."""
    natives = R.natives
    ids = _NATIVE_IDS.get(id(natives))
    if ids is None or ids[0] is not natives:
        _NATIVE_IDS.clear()
        ids = _NATIVE_IDS[id(natives)] = [natives, {}, 0]
    found: dict[str, int] = ids[1]
    got = found.get(name)
    if got is not None:
        return got
    # the list scanned on from where the realm's last lookup stopped, up to this
    # name's first native (a whole pass per realm cost every program's first compile
    # ~220 natives' names, a tenth of sieve's compile time, for the few it inlines)
    i = ids[2]
    while i < len(natives):
        seen = getattr(natives[i], "name", None) or ""
        i += 1
        if seen not in found:
            found[seen] = core.NATIVE_BASE + i - 1
            if seen == name:
                break
    ids[2] = i
    got = found.get(name)
    if got is not None:
        return got
    for i, nat in enumerate(natives):  # (made since: a bound function, another name)
        if getattr(nat, "name", None) == name:
            return core.NATIVE_BASE + i
    return None


#: id(R.natives) -> [that list, name -> the code id of its first native of that name,
#: how far the list is scanned]: the realm's own natives are made at its setup and
#: never given out again (only a bound function's index is), so a first index found
#: stays first
_NATIVE_IDS: dict[int, list[Any]] = {}


def native_function(name: str) -> int | None:
    """The word of the built-in closure :data:`NATIVES` names ``name`` (None when the
    realm has none there)."""
    where, owner, _argcs = NATIVES[name]
    if where == "proto":
        obj: int | None = R.protos[owner].word
    elif not owner:
        obj = R.global_obj.word
    else:
        obj = core.get_own(R.global_obj.word, owner)
    if obj is None or not core.is_object(obj):
        return None
    fn = core.get_own(obj, name)
    if fn is None or core.kind_of(fn) != KIND_CLOSURE:
        return None
    return fn


_M64 = (1 << 64) - 1
def _signed(w: int) -> int:
    """A 64-bit word as the int64 a host function returns."""
    return w - (1 << 64) if w >> 63 else w


@helper(7)
def _call_back(fn: int, this: int, v: int, j: int, arr: int, cid: int, pc: int) -> int:
    """Host call of a map/forEach loop in machine code (:meth:`CallTemplates._iterate`)
    for a callback it cannot call directly (a built-in, not compiled yet, left to the
    interpreter, its frame block stale after a collection): ``fn(v, j, arr)`` with
    ``this`` through the interpreter's ``call``, as the built-in's loop calls it; the
    result word, or ``HOLE_WORD`` (no value is a hole) when it threw: the exception is
    then the JIT's pending one, dispatched at ``pc`` of function ``cid`` like a direct
    callee's."""
    from ..hvm import interp

    try:
        return _signed(interp.call(fn & _M64, this & _M64, [v & _M64, j & _M64, arr & _M64]))
    except BaseException as e:  # recorded: Jit.enter raises it
        _pend(e, cid, pc)
    return _signed(HOLE_WORD)


def _pend(e: BaseException, cid: int, pc: int) -> None:
    """Makes ``e``, raised by a host call from machine code, the JIT's pending exception;
    an unsupported construct is located at ``pc`` of function ``cid`` unless it already
    is."""
    jit = R.jit
    if isinstance(e, core.HVMUnsupported) and not e.located:
        cf = jit._cfs.get(cid)
        if cf is not None:
            e = core.locate(e, (cf.code, pc))
    jit.pending = e


@helper(6)
def _sort_cmp(fn: int, x: int, y: int, r: int, cid: int, pc: int) -> int:
    """Host call of a sort in machine code (:meth:`CallTemplates._sort`): whether a
    comparison puts ``x`` before ``y`` (1: below 0) or not (0), from the comparator's result
    ``r`` (a word that is neither an int32 nor a double: ToNumber, as the built-in
    does), or after calling ``fn(x, y)`` through the interpreter when ``fn`` is not 0
    (a comparator not called directly); 2 when it threw (the JIT's pending exception,
    dispatched at ``pc`` of function ``cid``)."""
    from ..hvm import interp

    try:
        if fn:
            r = interp.call(fn & _M64, UNDEFINED_WORD, [x & _M64, y & _M64])
        r &= _M64
        if r >> 32 == INT_BASE >> 32:
            return 1 if r & 0x8000_0000 else 0
        return 1 if core.to_num(r) < 0 else 0
    except BaseException as e:  # recorded: Jit.enter raises it
        _pend(e, cid, pc)
    return 2


@helper(4)
def _sort_back(arr: int, tmp: int, off: int, n: int) -> int:
    """Host call of a sort in machine code whose array has no room for its ``n``
    elements any more (the comparator shrank it): words ``off``.. of array ``tmp``
    stored as the built-in stores its result (``Heap.array_set``, which grows it)."""
    h = R.heap
    with h.handle(arr & _M64) as a, h.handle(tmp & _M64) as t:
        for j in range(n):
            h.array_set(a, j, core.array_get(t.word, off + j))
    return 0


#: Array.prototype.sort in machine code (CallTemplates._sort): chunks of this many
#: elements are sorted by binary insertion (an array below twice this: one chunk, as
#: CPython's list.sort sorts it), then merged bottom-up through a buffer of n words past
#: the copy (where each insertion into one sorted prefix moved O(n) words: O(n^2)); and
#: the bytes of the machine stack it keeps its indexes in.
_SORT_RUN = 32
_SORT_FRAME = 144


def read_string_slots(code: Code) -> set[int]:
    """The slots of ``code``'s string constants that some code reads from the frame: a
    register operand naming one (any operand of that value, conservatively), a
    ``LoadK`` of one (the interpreter's and the JIT's copy the slot; DefineMethod's
    key test reads the slot a LoadK filled), or all of them when the function has a
    ``typeof`` (t_ops.t_TypeOf's result may be the pool's string, from its slot).
    No other reader exists: the interpreter's handlers and the runtime take a ``k``
    operand's constant from ``code.consts``, and the collector needs only a valid word.
    So a direct call's entry stores the others as undefined, with no load of the
    moving string from the frame block (an 8-byte access a name per call: ~9% of
    minilang's accesses)."""
    kbase = code.kbase
    strings = [kbase + i for i, c in enumerate(code.consts) if type(c) is str]
    if not strings:
        return set()
    insns = code.insns
    # (C loops: a loop over the operands' kinds cost ~1 us a bytecode, 5% of a
    # compile; every value in an instruction counts, its opcode too: conservative)
    ops = set(map(_FIRST, insns))
    if _TYPE_OF in ops:
        return set(strings)
    used = set().union(*insns)
    if _LOAD_K in ops:
        used.update([kbase + ins[2] for ins in insns if ins[0] == _LOAD_K])
    return {j for j in strings if j in used}


def _emit_frame_open(m: MacroAssembler, new: bool, no: Label, argc: int | None) -> None:
    """The call subroutines' common part, with LO set when the code number in x3 is in
    the table: the callee's row (x4 its direct entry, x5 its frame block, x7 nregs, x13
    its parameter word), the checks that send anything but a plain direct call to ``no``
    (no entry, moved constants, not callable / not a constructor, with ``argc``: fewer
    slots than the header and the arguments, the depth limit, no room), then the callee
    frame opened:
    the header at the old sp, x14 the callee's fp, slot 0 and ``this`` stored; x12
    the depth word (:data:`DEPTH_AND_CALL`, for :meth:`CallTemplates._call_enter`)."""
    from .compiler import MAX_DIRECT_DEPTH  # (compiler imports this module)

    m.csel(x3, x3, xzr, LO)           # (else row 0 is read, never used)
    m.add(x3, CALLS, x3, lsl(4))
    m.ldp(x4, x5, mem(x3, 0))         # entry, frame block (0: not direct-callable)
    m.ccmp(x4, 0, 0b0100, LO)         # NE: an entry (else Z: EQ)
    m.csel(x5, x5, CTX, NE)           # no block: read the context block instead
    # template epoch; parameter count, flags and nregs (FRAME_NREGS_SHIFT) in one word
    m.ldp(x6, x13, mem(x5, 0))
    m.ldr(x8, mem(CTX, Ctx.GC_COUNT))
    m.lsr(x7, x13, FRAME_NREGS_SHIFT)  # nregs
    if new:
        m.ubfx(x14, x13, 33, 1)       # NEWABLE
        m.eor(x14, x14, 1)
    else:
        m.and_(x14, x13, NOT_CALLABLE)
    if argc is not None:
        m.mov(w17, w13)               # the parameter count
    m.ldr(x12, CALL_DEPTH)            # (the depth: its low half; kept for _call_enter)
    m.mov(x2, MAX_DIRECT_DEPTH)
    m.ldr(x16, mem(CTX, Ctx.SP))
    m.add(x15, x16, 16 + 8)           # (+8: the direct entry copies by pairs)
    m.add(x15, x15, x7, lsl(3))       # the callee frame's end
    m.ldr(x3, mem(CTX, Ctx.STACK_LIMIT))
    m.ccmp(x6, x8, 0b0000, NE)        # EQ: its constants have not moved since
    m.ccmp(x14, 0, 0b0000, EQ)        # EQ: not a class constructor (New: newable)
    if argc is not None:
        # HS: a slot for every argument (the direct entry copies the template over
        # those past the parameters: extra arguments are dropped, as push_frame does)
        m.ccmp(x7, argc + 2, 0b0000, EQ)
        m.ccmp(w12, w2, 0b0010, HS)   # LO: below the direct-call depth limit
    else:
        m.ccmp(w12, w2, 0b0010, EQ)   # LO: below the direct-call depth limit
    m.ccmp(x15, x3, 0b0010, LO)       # LS: the frame fits (else HI, as all failures)
    m.b_hi(no)
    m.add(x14, x16, 16)               # the callee's fp
    # frame header: the caller's fp (x19: the current frame's, which is the context's
    # FP at every call site; a load fewer), slot count
    m.stp(FP, x7, mem(x16, 0))
    m.ldr(x8, mem(x1, CLOSURE_THIS))
    m.tst(x13, ARROW)                 # an arrow: the this its closure captured
    m.csel(x9, x8, x9, NE)
    m.mov(x3, UNDEFINED_WORD)         # slot 0 (the result; the template's is that)
    m.stp(x3, x9, mem(x14, 0))        # slot 0, this

def _emit_leave(m: MacroAssembler) -> None:
    """After a direct callee returned (x0 its status, kept): the depth down, its frame
    popped, x19 the caller's fp again (from the popped frame's header: the callee does
    not keep x19, compiler.frame_in); x1 = the popped frame's fp (its words still
    readable)."""
    m.ldr(x6, CALL_DEPTH)
    m.sub(x6, x6, 1)
    m.str(x6, CALL_DEPTH)
    # pop the callee's frame: its fp is x19 (its frame_in set it, its own calls' leave
    # set it again, host calls keep it) and the context's FP (a load fewer)
    m.mov(x1, FP)
    m.ldr(x2, mem(x1, -16))
    m.sub(x3, x1, 16)
    m.stp(x3, x2, mem(CTX, Ctx.SP))       # ctx SP, FP
    m.mov(FP, x2)


def _emit_call_args(m: MacroAssembler, b: int, c: int, base: int) -> None:
    """A call site's registers for the call subroutines: x0 = the callee (slot ``b``),
    x9 = ``this`` (slot ``c``), x10 = the address of the first argument (slot
    ``base``)."""
    m.ldr(x0, _slot(b))
    m.ldr(x9, _slot(c))
    m.add(x10, FP, 8 * base)


def _emit_call_args_undefined(m: MacroAssembler, b: int, base: int) -> None:
    """:func:`_emit_call_args` for a site whose ``this`` is the constant undefined (a
    plain call ``f(...)``): x9 by ``mov``, not loaded from the constant's slot (an
    8-byte access a call fewer)."""
    m.ldr(x0, _slot(b))
    m.mov(x9, UNDEFINED_WORD)
    m.add(x10, FP, 8 * base)


def _emit_call_result(m: MacroAssembler, a: int) -> None:
    """After a direct callee returned: its frame popped (:func:`_emit_leave`), its
    result (:data:`RESULT`, as the popped frame's slot 0) into slot ``a``."""
    _emit_leave(m)
    m.str(RESULT, _slot(a))


def _emit_new_proto(m: MacroAssembler, b: int, cell: int) -> None:
    """New's first test: x0 = the callee (slot ``b``), x1 its cell (the context block
    when it is no reference: no shape), x2 its header, x3 the prototype's cache cell
    at byte ``cell``; flags EQ when its first entry is the callee's own inline slot
    (x5 its offset)."""
    m.ldr(x0, _slot(b))
    m.mov(x2, REF_BASE)
    m.sub(x1, x0, x2)
    m.lsr(x2, x1, 48)
    m.cmp(x2, 0)
    m.csel(x1, x1, CTX, EQ)               # not a reference: the context block (no shape)
    m.ldr(x2, mem(x1, 0))
    cell_to(m, x3, cell)
    m.ldp(x4, x5, mem(x3, 0))             # entry 0: shape, offset and flags
    m.ldr(x6, mem(x3, 16))                # its first holder (0: the callee's own)
    m.and_(x7, x5, 7)                     # out of line, absent, getter: the subroutine
    m.cmp(x2, x4)
    m.ccmp(x6, 0, 0b0000, EQ)
    m.ccmp(x7, 0, 0b0000, EQ)


def _emit_new_alloc(m: MacroAssembler, roots: int) -> None:
    """New's allocation test: x0 = callee.prototype (from the own slot; the second
    word is where the out-of-line lookup comes back, x0 its result), the root shape
    from the cache cell at byte ``roots`` (x2; x6 the shape cell, or the context
    block: none), the object's room (x8 the heap's top, x9 its slots, x10 its end, x7
    the slot count); flags HI unless the shape's prototype is x0 and the object
    fits."""
    m.ldr(x0, mem(x1, x5))                # callee.prototype
    cell_to(m, x3, roots)
    m.ldr(x2, mem(x3, 0))                 # the root shape (0: none yet)
    m.cmp(x2, 0)
    m.csel(x6, x2, CTX, NE)
    m.ldr(x3, mem(x6, ShapeCell.PROTO))
    m.ccmp(x3, x0, 0b0000, NE)            # EQ: the cached shape's prototype is this one
    # allocate the object: 16 bytes and the root shape's inline slots
    m.ldr(x7, mem(x6, ShapeCell.CAPACITY))
    m.ldr(x8, mem(CTX, Ctx.HEAP_TOP))
    m.ldr(x4, mem(CTX, Ctx.HEAP_LIMIT))
    m.add(x9, x8, OBJECT_SLOTS)
    m.add(x10, x9, x7, lsl(3))
    m.ccmp(x10, x4, 0b0010, EQ)           # LS: it fits (a failure above: HI)


def _emit_new_header(m: MacroAssembler) -> None:
    """The new object's header (x2), no out-of-line slots, the heap's top past it;
    x3 = undefined, for its slots."""
    m.str(x10, mem(CTX, Ctx.HEAP_TOP))
    m.stp(x2, xzr, mem(x8, 0))            # header, no out-of-line slots
    m.mov(x3, UNDEFINED_WORD)


def _emit_new_slots(m: MacroAssembler, b: int, base: int) -> None:
    """The computed branch's end (x16 the unrolled stores' entry, x17 the loop's) and
    the ``UNROLLED`` stores of undefined into the object's slots (x9) it enters; then
    (``filled``, at word 4 + UNROLLED) x9 = the new object's word and the call's
    registers: x0 = the callee (slot ``b``), x10 the first argument (slot
    ``base``)."""
    m.cmp(x7, UNROLLED)
    m.csel(x16, x16, x17, LS)
    m.br(x16)
    for i in range(UNROLLED - 1, -1, -1):
        m.str(x3, mem(x9, 8 * i))
    m.mov(x3, REF_BASE)
    m.orr(x9, x8, x3)                     # the new object's word (in a register only:
    m.ldr(x0, _slot(b))                   # nothing collects before it is in the frame)
    m.add(x10, FP, 8 * base)


def _emit_new_result(m: MacroAssembler) -> None:
    """After the constructor returned: its frame popped (:func:`_emit_leave`), x2 its
    result, x3 its ``this``; flags NE when the result is not undefined."""
    _emit_leave(m)
    m.mov(x2, RESULT)                     # the result
    m.ldr(x3, mem(x1, 8))                 # this
    m.mov(x4, UNDEFINED_WORD)
    m.cmp(x2, x4)


def _emit_untag_slot(m: MacroAssembler, n: int) -> None:
    """x0 = slot ``n``, x1 its cell and x2 = 0 if it is a reference (the site branches
    on x2: heapcode.emit_untag_ref's branch)."""
    m.ldr(x0, _slot(n))
    emit_untag(m, x0, x1, x2)


def _emit_kind_is(m: MacroAssembler) -> None:
    """After :func:`_emit_untag_slot`: flags EQ when the cell in x1 is a closure's
    (x2 its kind: heapcode.emit_kind_of's loads)."""
    m.ldr(x2, mem(x1, 0))
    m.ldr(x2, mem(x2, ShapeCell.KIND))
    m.cmp(x2, KIND_CLOSURE)


def _emit_code_is(m: MacroAssembler, native: int) -> None:
    """Flags EQ when the closure in x1 has code id ``native``."""
    m.ldr(x2, mem(x1, CLOSURE_CODE))
    m.mov(x3, native)
    m.cmp(x2, x3)


def _emit_receiver_header(m: MacroAssembler, c: int) -> None:
    """x0 = slot ``c`` (a native method's receiver), x1 its cell, x2 = 0 if it is a
    reference (the site branches on x2)."""
    _emit_untag_slot(m, c)


def _emit_push_room(m: MacroAssembler) -> None:
    """``push``: flags LO when the array in x1 (its length x2, capacity x3) has room."""
    m.ldp(x2, x3, mem(x1, ARRAY_LENGTH))  # length, capacity
    m.cmp(x2, x3)


def _emit_push_store(m: MacroAssembler, base: int) -> None:
    """``push``: slot ``base`` stored past the last element of the array in x1 (x2 its
    length), the length up by one, x2 = the new length's word."""
    m.ldr(x4, mem(x1, ARRAY_ELEMENTS))
    m.add(x4, x4, x2, lsl(3))
    m.ldr(x5, _slot(base))
    m.str(x5, mem(x4, VECTOR_DATA))
    m.add(x2, x2, 1)
    m.str(x2, mem(x1, ARRAY_LENGTH))
    m.add(x2, INTB, x2)                   # the new length


def _emit_shape_is(m: MacroAssembler, field: int) -> None:
    """Flags EQ when the header in x2 is the context block's shape word ``field`` (at
    byte 8 * ``field``: ``Ctx.SHAPE_ARRAY >> 3`` ...; x3 clobbered)."""
    m.ldr(x3, mem(CTX, 8 * field))
    m.cmp(x2, x3)


def _emit_int_index(m: MacroAssembler, base: int) -> None:
    """x3 = slot ``base``; flags EQ when it is an int32 (x4 its top half)."""
    m.ldr(x3, _slot(base))
    m.lsr(x4, x3, 32)
    m.cmp(w4, w22)


def _emit_copy_template(m: MacroAssembler, first: int, pairs: int, nregs: int,
                        block: int = 0) -> None:
    """:meth:`CallTemplates._copy_template`'s words: ``pairs`` pairs of the template
    from the frame block (x5) to the frame (x0) from slot ``first``, then
    ``compiler.frame_in`` with x23 from the frame block's word past its ``nregs``
    slots (``block``, the data block's address, in line when that word is beyond an
    ``ldr``'s reach)."""
    from .compiler import frame_in

    if pairs:
        _emit_copy_pairs(m, first, pairs)
    data = 24 + 8 * nregs
    frame_in(m, block, mem(x5, data) if data <= 32760 else None)


def _emit_copy_pairs(m: MacroAssembler, first: int, pairs: int) -> None:
    """:func:`_emit_copy_template`'s loop of ``pairs`` (> 0) pairs from slot ``first``."""
    m.add(x16, x5, 24 + 8 * first)
    m.add(x17, x0, 8 * first)
    loop = m.label()
    m.mov(x15, pairs)
    m.bind(loop)
    m.ldp(x8, x12, post(x16, 16))
    m.stp(x8, x12, post(x17, 16))
    m.subs(x15, x15, 1)
    m.b_ne(loop)


def _emit_copy_run(m: MacroAssembler, first: int, pairs: int, nregs: int) -> None:
    """The run of :func:`_emit_copy_template` with pairs (their loop whatever
    ``pairs`` is: the run's probes give it 0)."""
    _emit_copy_pairs(m, first, pairs)
    _emit_copy_template(m, first, 0, nregs)


def _emit_not_called_args(m: MacroAssembler, b: int, argc: int) -> None:
    """The registers of the not-called subroutine: x1 = the callee (slot ``b``), x11
    the argument count."""
    m.ldr(x1, _slot(b))
    m.mov(x11, argc)


def _new_fill() -> array[int]:
    """New's loop of undefined stores into the object's slots past the unrolled
    ones (x7 > UNROLLED of them from x9): its words, the branch back its own."""
    def build(m: MacroAssembler) -> None:
        fill = m.label()
        m.bind(fill)
        m.str(x3, post(x9, 8))
        m.subs(x7, x7, 1)
        m.b_ne(fill)
    got = _NEW_FILL[0] = words_of("new_fill", build)
    return got


_NEW_FILL: dict[int, array[int]] = {}


def _emit_proto_is_x0(m: MacroAssembler) -> None:
    """New's out-of-line allocation test: flags EQ when the root shape's cell (x2) has
    the prototype x0."""
    m.ldr(x3, mem(x2, ShapeCell.PROTO))
    m.cmp(x3, x0)


def _emit_new_object_result(m: MacroAssembler, a: int,
                            after: Callable[[MacroAssembler], None]) -> None:
    """New's result when the constructor returned one (x2; x3 its ``this``): an object
    to slot ``a``, then the site's ``b`` back (``after``, the run's tail); a
    primitive (not a reference, or a string) goes past that ``b``, where the site
    stores the new object (heapcode.emit_kind_of)."""
    this = m.label()
    emit_kind_of(m, x2, x4, x5, x4, this)
    m.cmp(x4, KIND_STRING)
    m.b_eq(this)                          # a primitive result: the new object
    m.str(x2, _slot(a))
    after(m)
    m.bind(this)


def _emit_alloc_holes(m: MacroAssembler, slow: Label) -> None:
    """:meth:`CallTemplates._alloc_holes`' instructions."""
    body = _Body(m)
    made, fill = m.label(), m.label()
    body._bump_array(made, slow)
    m.add(x14, x12, VECTOR_DATA)
    m.mov(x11, HOLE_WORD)
    m.mov(x15, x8)
    body._holes_then_array(fill, made)


def _alloc_holes_words() -> tuple[array[int], array[int]]:
    """:func:`_emit_alloc_holes`' words before and after its b.hi to ``slow``."""
    global _ALLOC_HOLES
    got = _ALLOC_HOLES = split_at_bhi("alloc_holes", _emit_alloc_holes)
    return got


_ALLOC_HOLES: tuple[array[int], array[int]] | None = None


class _Out:
    """Stands for a site's label in a :class:`_LabelRun`'s build while it learns."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


#: the stand-ins of a label run's site labels (the same objects at every recording:
#: its calls compare equal)
_OUTS = [_Out(i) for i in range(16)]


class _Recorder:
    """A MacroAssembler seen by a :class:`_LabelRun`'s build while it learns: every
    call naming one of the site's labels (an :class:`_Out`) is recorded, with the word
    it is at, and made with a label of the assembler's own bound past the end (its
    word a placeholder the site's call replaces); everything else is the assembler's."""

    def __init__(self, a: MacroAssembler, count: int) -> None:
        self._a = a
        self._own = [a.label() for _ in range(count)]
        self.calls: list[tuple[int, str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        got = getattr(self._a, name)
        if not callable(got):
            return got

        def call(*args: Any) -> Any:
            if not any(type(x) is _Out for x in args):
                return got(*args)
            at = self._a.offset
            self.calls.append((at // 4, name, args))
            got(*[self._own[x.index] if type(x) is _Out else x for x in args])
            if self._a.offset != at + (0 if name == "bind" else 4):
                raise AssertionError(f"{name} of a site's label: not one word")
            return None
        return call

    def finish(self) -> None:
        for lab in self._own:  # (the placeholders' target: past the end)
            if lab.offset is None:
                self._a.bind(lab)


class _LabelRun:
    """A :class:`~a64js.jit.runs.Run` whose build also branches to (or binds) labels of
    the site's: ``build(a, *params, outs)``, ``outs`` the site's labels. It learns, at
    its ``LEARN_AT``-th use in a process, the words with every parameter 0, its holes
    (by probing, checked at the limits and two bit patterns, as a Run's) and the calls
    that name a site's label (their word and operands); a site then emits the words
    between those calls in one ``emit_words`` each and makes each call itself with its
    own labels: one call per stretch between branches out, where every instruction was
    one (the same words: the build's, the site's branches made by its assembler). Kept
    in the process only (a call's operands are not cache-file entries); before it has
    learned, and for values past the limits, the build runs on the site's assembler."""

    LEARN_AT = 2

    def __init__(self, name: str, build: Callable[..., None], nouts: int,
                 *limits: int) -> None:
        self.name = name
        self.build = build
        self.nouts = nouts
        self.limits = limits
        self.uses = 0
        self._learned: tuple[array[int], list[tuple[int, int, int]],
                             list[tuple[int, str, tuple[Any, ...]]]] | None = None

    def _record(self, params: list[int]) -> tuple[array[int],
                                                  list[tuple[int, str, tuple[Any, ...]]]]:
        a = MacroAssembler()
        rec = _Recorder(a, self.nouts)
        self.build(cast(MacroAssembler, rec), *params, _OUTS[:self.nouts])
        rec.finish()
        raw = a.finalize()
        return array("I", raw), rec.calls

    def learn(self) -> None:
        """The base words, holes and calls (see the class's docstring), checked."""
        n = len(self.limits)
        base, calls = self._record([0] * n)
        holes: list[tuple[int, int, int]] = []
        for j in range(n):
            probe = [0] * n
            probe[j] = 1
            got, got_calls = self._record(probe)
            if len(got) != len(base) or got_calls != calls:
                raise AssertionError(f"label run {self.name}: parameter {j} changes the "
                                     "length or the calls")
            for i, (u0, u1) in enumerate(zip(base, got, strict=True)):
                if u0 != u1:
                    step = u1 - u0
                    if step <= 0 or step & (step - 1):
                        raise AssertionError(f"label run {self.name}: parameter {j} is "
                                             f"no plain field of word {i}")
                    holes.append((i, j, step.bit_length() - 1))
        for values in ([lim - 1 for lim in self.limits],
                       [(lim - 1) // 3 for lim in self.limits],
                       [(lim - 1) * 2 // 3 for lim in self.limits]):
            want = array("I", base)
            for i, j, shift in holes:
                want[i] += values[j] << shift
            got, got_calls = self._record(values)
            if got != want or got_calls != calls:
                raise AssertionError(f"label run {self.name}: parameters {values} give "
                                     "other words or calls")
        self._learned = (base, holes, calls)

    def _load(self) -> bool:
        """What an earlier process learned, from the subroutine cache's file (under
        ``lrun:<name>``: marshal of the words, holes and calls, their operands a
        site's label by number, a register by name or an int)."""
        disk = subcache.cache()
        raw = disk.get("lrun:" + self.name) if disk is not None else None
        if raw is None:
            return False
        try:
            nparams, words, holes, calls = marshal.loads(raw)
            base = array("I")
            base.frombytes(words)
            made = [(index, name, tuple(_OUTS[v] if k == "o" else getattr(a64jit, v)
                                        if k == "r" else v for k, v in args))
                    for index, name, args in calls]
        except (ValueError, TypeError, EOFError, AttributeError, IndexError):
            return False
        if nparams != len(self.limits):
            return False
        self._learned = (base, [(int(i), int(j), int(k)) for i, j, k in holes], made)
        return True

    def _store(self) -> None:
        """:meth:`_load`'s entry, when every operand of the calls is one it keeps."""
        disk = subcache.cache()
        assert self._learned is not None
        base, holes, calls = self._learned
        kept: list[tuple[int, str, list[tuple[str, Any]]]] = []
        for index, name, args in calls:
            row: list[tuple[str, Any]] = []
            for x in args:
                if type(x) is _Out:
                    row.append(("o", x.index))
                elif isinstance(x, GPRegister) and getattr(a64jit, str(x), None) is x:
                    row.append(("r", str(x)))
                elif type(x) is int:
                    row.append(("i", x))
                else:
                    return
            kept.append((index, name, row))
        if disk is not None:
            disk.put("lrun:" + self.name, marshal.dumps(
                (len(self.limits), base.tobytes(), holes, kept)))

    def emit(self, m: MacroAssembler, outs: list[Label], *params: int) -> None:
        """The run at a site, ``outs`` its labels."""
        learned = self._learned
        if learned is None:
            self.uses += 1
            if not self._load():
                if self.uses < self.LEARN_AT:
                    self.build(m, *params, outs)
                    return
                self.learn()
                self._store()
            learned = self._learned
            assert learned is not None
        if not all(0 <= v < lim for v, lim in zip(params, self.limits, strict=True)):
            self.build(m, *params, outs)
            return
        base, holes, calls = learned
        buf = array("I", base)
        for i, j, shift in holes:
            buf[i] += params[j] << shift
        start = m.offset
        at = 0
        emit_words = m.emit_words
        for index, name, args in calls:
            if index > at:
                emit_words(buf[at:index])
            getattr(m, name)(*[outs[x.index] if type(x) is _Out else x for x in args])
            at = index if name == "bind" else index + 1
        emit_words(buf[at:])
        if m.offset != start + 4 * len(buf):
            raise AssertionError(f"label run {self.name}: its branches out took more "
                                 "than a word each")


def _emit_sort(m: MacroAssembler, pc: int, b: int, c: int, base: int,
               outs: list[Label]) -> None:
    """:meth:`CallTemplates._sort`'s code; ``outs`` its labels outside it: the slow
    path, the exception's stub, the check, push and two helper subroutines."""
    body = _Body(m)
    S_ARGS, S_N, S_START, S_LO, S_HI, S_P, S_DESC = 0, 16, 24, 32, 40, 48, 56
    S_RUN, S_C, S_E, S_W, S_ML, S_MM, S_MH, S_I, S_J, S_K = range(64, 144, 8)

    def ld(reg: Any, off: int) -> None:
        m.ldr(reg, mem(sp, off))

    def st(reg: Any, off: int) -> None:
        m.str(reg, mem(sp, off))

    def elements() -> None:           # x8 = the copy's first word
        m.ldr(x8, _slot(b))
        m.and_(x8, x8, ADDR_MASK)
        m.ldr(x8, mem(x8, ARRAY_ELEMENTS))
        m.add(x8, x8, VECTOR_DATA)

    slow, exc, check, push, compare, write_back = outs
    unwind = m.label()

    def less() -> None:
        """x3 = 1 when f(the words at ARGS) < 0, else 0."""
        host, notint, odd, decided, cmp = (m.label() for _ in range(5))
        m.ldr(x0, _slot(base))
        m.bl(check)
        m.b_ne(host)
        m.mov(x9, UNDEFINED_WORD)
        m.add(x10, sp, S_ARGS)
        m.mov(x11, 2)
        m.bl(push)
        m.cbnz(x0, unwind)
        m.ldr(x2, mem(x1, 0))         # the comparator's result
        m.lsr(x4, x2, 32)
        m.cmp(w4, w22)
        m.b_ne(notint)
        m.lsr(w3, w2, 31)             # an int32: its sign
        m.b(decided)
        m.bind(notint)
        m.lsr(x4, x2, 48)
        m.mov(x5, 0xFFF9)
        m.cmp(x4, x5)
        m.b_hs(odd)                   # not a number
        m.fmov(d0, x2)
        m.fcmp(d0, 0.0)
        m.cset(w3, MI)                # a double below 0 (not NaN)
        m.b(decided)
        m.bind(odd)
        m.mov(x3, x2)
        m.mov(x0, 0)
        m.b(cmp)
        m.bind(host)                  # x0 = the comparator
        m.ldp(x1, x2, mem(sp, S_ARGS))
        m.mov(x3, 0)
        m.bind(cmp)
        m.ldr(x4, CID_WORD)           # the code id
        m.mov(x5, pc)
        m.bl(compare)
        m.cmp(x3, 2)
        m.b_eq(unwind)                # it threw
        m.bind(decided)

    small, scan, copy, run, run_end, rev, insert, search, place = (
        m.label() for _ in range(9))
    shift, shifted, right, done, back, wb, skip = (m.label() for _ in range(7))
    chunks, next_chunk, merges, widths, pairs, next_pair, next_width = (
        m.label() for _ in range(7))
    merge, take_left, advance, left_rest, to_b, rest = (m.label() for _ in range(6))
    body._array_and_closure(base, slow)
    m.ldr(x7, mem(x1, ARRAY_LENGTH))
    m.cmp(x7, 2)
    m.b_lo(small)                     # nothing to compare
    m.ldr(x3, mem(x1, ARRAY_ELEMENTS))
    m.add(x3, x3, VECTOR_DATA)
    m.mov(x4, x7)
    m.mov(x5, HOLE_WORD)
    m.mov(x6, UNDEFINED_WORD)
    m.bind(scan)                      # holes and undefined go last: the built-in's
    m.ldr(x8, post(x3, 8))
    m.cmp(x8, x5)
    m.b_eq(slow)
    m.cmp(x8, x6)
    m.b_eq(slow)
    m.subs(x4, x4, 1)
    m.b_ne(scan)
    m.lsl(x7, x7, 1)                  # the copy T, then as many words for merging
    body._alloc_holes(slow)           # the copy (x1 kept; x12 its vector)
    m.lsr(x7, x7, 1)
    m.str(x2, _slot(b))
    m.ldr(x3, mem(x1, ARRAY_ELEMENTS))
    m.add(x3, x3, VECTOR_DATA)
    m.add(x14, x12, VECTOR_DATA)
    m.mov(x4, x7)
    emit_copy_words(m, copy, x3, x14, x4, x8)
    m.sub(sp, sp, _SORT_FRAME)
    st(x7, S_N)
    m.mov(x4, _SORT_RUN)              # chunks of _SORT_RUN (below 2 runs: one chunk)
    m.cmp(x7, 2 * _SORT_RUN)
    m.csel(x4, x7, x4, LO)
    st(x4, S_RUN)
    st(xzr, S_C)
    m.bind(chunks)                    # T[C..E) sorted by binary insertion
    ld(x4, S_C)
    ld(x7, S_N)
    m.cmp(x4, x7)
    m.b_hs(merges)
    ld(x5, S_RUN)
    m.add(x5, x4, x5)
    m.cmp(x5, x7)
    m.csel(x5, x7, x5, HI)
    st(x5, S_E)
    m.sub(x6, x5, x4)
    m.cmp(x6, 2)
    m.b_lo(next_chunk)
    # the first run: descending when f(T[C+1], T[C]) < 0, then as long as it stays so
    elements()
    m.add(x5, x8, x4, lsl(3))
    m.ldp(x11, x10, mem(x5, 0))
    m.stp(x10, x11, mem(sp, S_ARGS))
    less()
    st(x3, S_DESC)
    ld(x4, S_C)
    m.add(x4, x4, 2)
    st(x4, S_START)
    m.bind(run)
    ld(x4, S_START)
    ld(x7, S_E)
    m.cmp(x4, x7)
    m.b_hs(run_end)
    elements()
    m.add(x5, x8, x4, lsl(3))
    m.ldp(x11, x10, mem(x5, -8))      # T[k-1], T[k]
    m.stp(x10, x11, mem(sp, S_ARGS))    # f(T[k], T[k-1])
    less()
    ld(x6, S_DESC)
    m.cmp(x3, x6)
    m.b_ne(run_end)
    ld(x4, S_START)
    m.add(x4, x4, 1)
    st(x4, S_START)
    m.b(run)
    m.bind(run_end)
    ld(x6, S_DESC)
    m.cbz(x6, insert)
    elements()                        # a descending run reversed
    ld(x4, S_C)
    m.add(x9, x8, x4, lsl(3))
    ld(x4, S_START)
    m.add(x6, x8, x4, lsl(3))
    m.sub(x6, x6, 8)
    m.bind(rev)
    m.cmp(x9, x6)
    m.b_hs(insert)
    m.ldr(x10, mem(x9, 0))
    m.ldr(x11, mem(x6, 0))
    m.str(x11, post(x9, 8))
    m.str(x10, post(x6, -8))
    m.b(rev)
    m.bind(insert)                    # T[start] into the sorted T[C..start)
    ld(x4, S_START)
    ld(x7, S_E)
    m.cmp(x4, x7)
    m.b_hs(next_chunk)
    ld(x5, S_C)
    st(x5, S_LO)
    st(x4, S_HI)
    m.bind(search)
    ld(x5, S_LO)
    ld(x6, S_HI)
    m.cmp(x5, x6)
    m.b_hs(place)
    m.sub(x9, x6, x5)
    m.add(x9, x5, x9, lsr(1))         # p = lo + (hi - lo) / 2
    st(x9, S_P)
    elements()
    ld(x4, S_START)
    m.ldr(x10, mem(x8, x4, lsl(3)))
    m.ldr(x11, mem(x8, x9, lsl(3)))
    m.stp(x10, x11, mem(sp, S_ARGS))    # f(pivot, T[p])
    less()
    ld(x9, S_P)
    m.cbz(x3, right)
    st(x9, S_HI)
    m.b(search)
    m.bind(right)
    m.add(x9, x9, 1)
    st(x9, S_LO)
    m.b(search)
    m.bind(place)                     # T[lo..start) up one word, the pivot at lo
    elements()
    ld(x4, S_START)
    ld(x5, S_LO)
    m.ldr(x10, mem(x8, x4, lsl(3)))
    m.add(x6, x8, x4, lsl(3))
    m.add(x7, x8, x5, lsl(3))
    m.bind(shift)
    m.cmp(x6, x7)
    m.b_ls(shifted)
    m.ldr(x11, mem(x6, -8))
    m.str(x11, post(x6, -8))
    m.b(shift)
    m.bind(shifted)
    m.str(x10, mem(x7, 0))
    m.add(x4, x4, 1)
    st(x4, S_START)
    m.b(insert)
    m.bind(next_chunk)
    ld(x4, S_E)
    st(x4, S_C)
    m.b(chunks)
    # bottom-up merges of sorted spans of W = RUN, 2 RUN ...: the left span copied
    # to B (the words past T's n), then merged back into T, the left one's word
    # first unless f(right, left) < 0 (stable)
    m.bind(merges)
    ld(x4, S_RUN)
    st(x4, S_W)
    m.bind(widths)
    ld(x4, S_W)
    ld(x7, S_N)
    m.cmp(x4, x7)
    m.b_hs(done)
    st(xzr, S_ML)
    m.bind(pairs)
    ld(x5, S_ML)
    ld(x4, S_W)
    ld(x7, S_N)
    m.add(x6, x5, x4)                 # mid
    m.cmp(x6, x7)
    m.b_hs(next_width)                # no right span
    m.add(x9, x6, x4)
    m.cmp(x9, x7)
    m.csel(x9, x7, x9, HI)            # hi = min(mid + W, n)
    st(x6, S_MM)
    st(x9, S_MH)
    elements()                        # in order already: f(T[mid], T[mid-1]) >= 0
    m.add(x5, x8, x6, lsl(3))
    m.ldp(x11, x10, mem(x5, -8))
    m.stp(x10, x11, mem(sp, S_ARGS))
    less()
    m.cbz(x3, next_pair)
    elements()
    ld(x5, S_ML)
    ld(x6, S_MM)
    ld(x7, S_N)
    m.add(x3, x8, x5, lsl(3))
    m.add(x14, x8, x7, lsl(3))
    m.sub(x4, x6, x5)
    emit_copy_words(m, to_b, x3, x14, x4, x10)
    st(xzr, S_I)
    st(x6, S_J)
    st(x5, S_K)
    m.bind(merge)
    ld(x4, S_I)
    ld(x5, S_MM)
    ld(x6, S_ML)
    m.sub(x5, x5, x6)
    m.cmp(x4, x5)
    m.b_hs(next_pair)                 # the left span used up: the right in place
    ld(x6, S_J)
    ld(x7, S_MH)
    m.cmp(x6, x7)
    m.b_hs(left_rest)
    elements()
    ld(x7, S_N)
    m.add(x9, x8, x7, lsl(3))
    m.ldr(x11, mem(x9, x4, lsl(3)))   # B[i]
    m.ldr(x10, mem(x8, x6, lsl(3)))   # T[j]
    m.stp(x10, x11, mem(sp, S_ARGS))    # f(T[j], B[i])
    less()
    elements()
    ld(x5, S_K)
    m.cbz(x3, take_left)
    ld(x6, S_J)
    m.ldr(x10, mem(x8, x6, lsl(3)))
    m.str(x10, mem(x8, x5, lsl(3)))
    m.add(x6, x6, 1)
    st(x6, S_J)
    m.b(advance)
    m.bind(take_left)
    ld(x4, S_I)
    ld(x7, S_N)
    m.add(x9, x8, x7, lsl(3))
    m.ldr(x10, mem(x9, x4, lsl(3)))
    m.str(x10, mem(x8, x5, lsl(3)))
    m.add(x4, x4, 1)
    st(x4, S_I)
    m.bind(advance)
    m.add(x5, x5, 1)
    st(x5, S_K)
    m.b(merge)
    m.bind(left_rest)                 # the right span used up: B[i..] to T[k..]
    elements()
    ld(x4, S_I)
    ld(x5, S_MM)
    ld(x6, S_ML)
    m.sub(x5, x5, x6)
    m.sub(x5, x5, x4)
    ld(x7, S_N)
    m.add(x3, x8, x7, lsl(3))
    m.add(x3, x3, x4, lsl(3))
    ld(x6, S_K)
    m.add(x14, x8, x6, lsl(3))
    emit_copy_words(m, rest, x3, x14, x5, x10)
    m.bind(next_pair)
    ld(x5, S_ML)
    ld(x4, S_W)
    m.add(x5, x5, x4, lsl(1))
    st(x5, S_ML)
    m.b(pairs)
    m.bind(next_width)
    ld(x4, S_W)
    m.lsl(x4, x4, 1)
    st(x4, S_W)
    m.b(widths)
    m.bind(unwind)                    # the machine stack as it was, then dispatch
    m.add(sp, sp, _SORT_FRAME)
    m.b(exc)
    m.bind(done)                      # the sorted words back into the array
    elements()
    ld(x7, S_N)
    m.ldr(x0, _slot(c))
    m.and_(x1, x0, ADDR_MASK)
    m.ldr(x3, mem(x1, ARRAY_CAPACITY))
    m.cmp(x3, x7)
    m.b_lo(back)
    m.ldr(x4, mem(x1, ARRAY_ELEMENTS))
    m.add(x4, x4, VECTOR_DATA)
    m.mov(x5, x7)
    emit_copy_words(m, wb, x8, x4, x5, x10)
    m.ldr(x3, mem(x1, ARRAY_LENGTH))
    m.cmp(x3, x7)
    m.csel(x3, x7, x3, LO)            # the length at least n, as array_set leaves it
    m.str(x3, mem(x1, ARRAY_LENGTH))
    m.b(skip)
    m.bind(back)                      # no room any more: the heap's array_set
    m.ldr(x1, _slot(b))
    m.mov(x2, 0)
    m.mov(x3, x7)
    m.bl(write_back)
    m.bind(skip)
    m.add(sp, sp, _SORT_FRAME)
    m.bind(small)
    m.ldr(x2, _slot(c))               # sort returns its receiver


#: arr.sort(f)'s code (CallTemplates._sort): parameters pc, b, c, base
_SORT = _LabelRun("sort", _emit_sort, 6, 0x10000, 4096, 4096, 4096)


# -- map/forEach's runs (CallTemplates._iterate), between its branches ---------------

def _emit_iter_length(m: MacroAssembler) -> None:
    """map's result length: x7 = the array's (x1)."""
    m.ldr(x7, mem(x1, ARRAY_LENGTH))


def _emit_iter_frame(m: MacroAssembler) -> None:
    """The loop's words on the machine stack: j = 0, the first length."""
    m.ldr(x3, mem(x1, ARRAY_LENGTH))
    m.sub(sp, sp, 32)
    m.str(INTB, mem(sp, 8))               # j = 0
    m.str(x3, mem(sp, 24))


def _emit_iter_head(m: MacroAssembler, c: int) -> None:
    """Each turn: x0 = the array (slot ``c``), x1 its cell, x6 = j; flags HS when j
    reached the first length."""
    m.ldr(x0, _slot(c))
    m.and_(x1, x0, ADDR_MASK)
    m.ldr(x5, mem(sp, 8))
    m.ldr(x3, mem(sp, 24))
    m.mov(w6, w5)                         # j
    m.cmp(x6, x3)


def _emit_iter_in_length(m: MacroAssembler) -> None:
    """Flags HS when j is past the current length."""
    m.ldr(x2, mem(x1, ARRAY_LENGTH))
    m.cmp(x6, x2)


def _emit_iter_element(m: MacroAssembler) -> None:
    """x3 = element j; flags EQ when it is a hole."""
    m.ldr(x3, mem(x1, ARRAY_ELEMENTS))
    m.add(x3, x3, x6, lsl(3))
    m.ldr(x3, mem(x3, VECTOR_DATA))
    m.mov(x4, HOLE_WORD)
    m.cmp(x3, x4)


def _emit_iter_args(m: MacroAssembler, base: int) -> None:
    """The call's words v and arr on the machine stack; x0 = the callback (slot
    ``base``)."""
    m.str(x3, mem(sp, 0))
    m.str(x0, mem(sp, 16))
    m.ldr(x0, _slot(base))


def _emit_iter_this(m: MacroAssembler, base: int, given: bool = True) -> None:
    """A direct call's registers: x9 = ``this`` (slot ``base + 1``, ``given``; else
    undefined), x10 the three argument words, x11 their count."""
    if given:
        m.ldr(x9, _slot(base + 1))
    else:
        m.mov(x9, UNDEFINED_WORD)
    m.add(x10, sp, 0)
    m.mov(x11, 3)


def _emit_iter_host(m: MacroAssembler, base: int, pc: int, given: bool = True) -> None:
    """A host call's arguments (x0 the callback): x1 = ``this`` (slot ``base + 1``,
    ``given``; else undefined), x2-x4 the three argument words, x5 the code id, x6
    ``pc``."""
    if given:
        m.ldr(x1, _slot(base + 1))
    else:
        m.mov(x1, UNDEFINED_WORD)
    m.ldp(x2, x3, mem(sp, 0))
    m.ldr(x4, mem(sp, 16))
    m.ldr(x5, CID_WORD)                   # the code id
    m.mov(x6, pc)


def _emit_iter_threw(m: MacroAssembler) -> None:
    """Flags EQ when the host call's result (x2) says it threw."""
    m.mov(x4, HOLE_WORD)
    m.cmp(x2, x4)


def _emit_iter_store(m: MacroAssembler, b: int) -> None:
    """map: out[j] = the result (x2), out in slot ``b``."""
    m.ldr(x5, mem(sp, 8))
    m.mov(w5, w5)
    m.ldr(x3, _slot(b))
    m.and_(x3, x3, ADDR_MASK)
    m.ldr(x3, mem(x3, ARRAY_ELEMENTS))
    m.add(x3, x3, x5, lsl(3))
    m.str(x2, mem(x3, VECTOR_DATA))


def _emit_iter_next(m: MacroAssembler) -> None:
    """j + 1."""
    m.ldr(x5, mem(sp, 8))
    m.add(x5, x5, 1)
    m.str(x5, mem(sp, 8))


def _emit_iter_end(m: MacroAssembler, b: int, want: bool = True) -> None:
    """The machine stack as it was; x2 = map's array (slot ``b``, ``want``) or
    undefined."""
    m.add(sp, sp, 32)
    if want:
        m.ldr(x2, _slot(b))
    else:
        m.mov(x2, UNDEFINED_WORD)


_ITER_LENGTH = Run("iter_length", _emit_iter_length)
_ITER_FRAME = Run("iter_frame", _emit_iter_frame)
_ITER_HEAD = Run("iter_head", _emit_iter_head, 4096)
_ITER_IN_LENGTH = Run("iter_in_length", _emit_iter_in_length)
_ITER_ELEMENT = Run("iter_element", _emit_iter_element)
_ITER_ARGS = Run("iter_args", _emit_iter_args, 4096)
_ITER_THIS = Run("iter_this", _emit_iter_this, 4095)
#: (a parameter the build does not read: no hole, any value takes the run)
_UNREAD = 1 << 30
_ITER_NO_THIS = Run("iter_no_this", lambda m, base: _emit_iter_this(m, base, False),
                    _UNREAD)
_ITER_RESULT = Run("iter_result", lambda m: m.ldr(x2, mem(x1, 0)))
_ITER_HOST = Run("iter_host", _emit_iter_host, 4095, 0x10000)
_ITER_HOST_NO_THIS = Run("iter_host_no_this",
                         lambda m, base, pc: _emit_iter_host(m, base, pc, False), _UNREAD,
                         0x10000)
_ITER_THREW = Run("iter_threw", _emit_iter_threw)
_ITER_STORE = Run("iter_store", _emit_iter_store, 4096)
_ITER_NEXT = Run("iter_next", _emit_iter_next)
_ITER_POP = Run("iter_pop", lambda m: m.add(sp, sp, 32))
_ITER_MAPPED = Run("iter_mapped", _emit_iter_end, 4096)
_ITER_UNDEFINED = Run("iter_undefined", lambda m, b: _emit_iter_end(m, b, False), _UNREAD)


def _native_run(name: str, argc: int) -> Run:
    """The run of :meth:`CallTemplates._inline_native`'s call of ``name`` with ``argc``
    arguments (parameters: the callee's slot, the receiver's, the first argument's,
    the result's and the built-in's code id; its tail the site's ``b`` past the call
    paths and its generic step: the run's slow path lands in that step, its other
    callees past it). Only for the built-ins whose code reads nothing of the site but
    those (:data:`_RUN_NATIVES`)."""
    def build(m: MacroAssembler, b: int, c: int, base: int, dst: int, native: int,
              after: Callable[[MacroAssembler], None]) -> None:
        body = _Body(m)
        other, slow = m.label(), m.label()
        body._callee_is(b, native, other)
        body._native_body(0, b, c, base, name, argc, slow)
        m.str(x2, _slot(dst))
        at = m.offset
        after(m)                          # b past the call paths, the generic step
        m.bind_at(slow, at + 4)
        m.bind_at(other, at + 12)

    # (the arguments past the first are slots base + 1 ...: below 4096 too)
    return Run(f"native:{name}/{argc}", build, 4096, 4096, 4000, 4096, 0xFFFF, tail=3)


#: (the slot fields take a slot below 4096, the add's a base below 512: one word each)
_LEAVE = Run("call_leave", _emit_leave)
_CALL_ARGS = Run("call_args", _emit_call_args, 4096, 4096, 512)
_CALL_ARGS_UNDEFINED = Run("call_args_undefined", _emit_call_args_undefined, 4096, 512)
_CALL_RESULT = Run("call_result", _emit_call_result, 4096)
_NEW_PROTO = Run("new_proto", _emit_new_proto, 4096, 4096)
_NEW_ALLOC = Run("new_alloc", _emit_new_alloc, 4096)
_NEW_HEADER = Run("new_header", _emit_new_header)
_NEW_SLOTS = Run("new_slots", _emit_new_slots, 4096, 512)
_NEW_RESULT = Run("new_result", _emit_new_result)
_STORE_X3 = Run("store_x3", lambda m, a: m.str(x3, _slot(a)), 4096)
_LOAD_X0 = Run("load_x0", lambda m, b: m.ldr(x0, _slot(b)), 4096)
_CELL_X3 = Run("cell_x3", lambda m, cell: cell_to(m, x3, cell), 4096)
_STORE_X2 = Run("store_x2", lambda m, a: m.str(x2, _slot(a)), 4096)
_UNTAG_SLOT = Run("untag_slot", _emit_untag_slot, 4096)


def _emit_untag_x0_x6(m: MacroAssembler, n: int) -> None:
    """x0 = slot ``n``, x6 its cell and x2 = 0 if it is a reference."""
    m.ldr(x0, _slot(n))
    emit_untag(m, x0, x6, x2)


def _emit_kind_x6_is(m: MacroAssembler) -> None:
    """After :func:`_emit_untag_x0_x6`: flags EQ when the cell in x6 is a closure's."""
    m.ldr(x2, mem(x6, 0))
    m.ldr(x2, mem(x2, ShapeCell.KIND))
    m.cmp(x2, KIND_CLOSURE)


_UNTAG_X0_X6 = Run("untag_x0_x6", _emit_untag_x0_x6, 4096)
_KIND_X6_IS = Run("kind_x6_is_closure", _emit_kind_x6_is)
_KIND_IS = Run("kind_is_closure", _emit_kind_is)
_CODE_IS = Run("code_is", _emit_code_is, 0x10000)
_PUSH_ROOM = Run("push_room", _emit_push_room)
_PUSH_STORE = Run("push_store", _emit_push_store, 4096)
_SHAPE_IS = Run("shape_is", _emit_shape_is, 4096)
_INT_INDEX = Run("int_index", _emit_int_index, 4096)
_NOT_CALLED_ARGS = Run("not_called_args", _emit_not_called_args, 4096, 0x10000)
_PROTO_IS_X0 = Run("proto_is_x0", _emit_proto_is_x0)
_NEW_OBJECT_RESULT = Run("new_object_result", _emit_new_object_result, 4096, tail=1)
#: (pairs > 0) -> the direct entry's template copy and frame (first slot: an add of 12
#: bits, 24 + 8 first < 4096; the pairs a movz; the slots past the frame block's
#: template an ldr's scaled field, 24 + 8 nregs <= 32760)
_COPY_TEMPLATE = {
    False: Run("copy_template:0", lambda m, first, pairs, nregs: _emit_copy_template(
        m, first, 0, nregs), 509, 1, 4093),
    True: Run("copy_template", _emit_copy_run, 509, 0x10000, 4093)}


class CallTemplates(BuiltinTemplates):
    """Direct Call and New (a FunctionCompiler mixin)."""

    # provided by FunctionCompiler and the other mixins
    m: MacroAssembler
    code: Code
    labels: list[Label]
    call_table: int
    depth_word: int
    block_address: int
    cid: int
    pendings: list[tuple[Label, int]]
    guard: Callable[[int, int], Label]
    forced_guard: Callable[[int], bool]
    generic: Callable[[int], None]
    _ic_cell: Callable[..., int]
    _cell_to: Callable[[Any, int], None]
    _get_sub: Callable[[], Label]
    _double_of: Callable[[int, Label], None]
    _emit_box: Callable[[], None]
    _subroutine: Callable[[Callable[[], None]], Label]

    arena: Any
    #: the data-memory address of :data:`STACK_TAIL`'s units (0: not made yet)
    _stack_tail: int = 0
    _sub_check_call: Label | None = None
    #: the words of :meth:`_cid_again` (this function's data block's address in x23)
    _cid_run: array[int] | None = None
    _sub_check_new: Label | None = None
    _sub_push: Label | None = None
    _sub_call: Label | None = None
    _sub_call_new: Label | None = None
    _sub_calls: dict[tuple[bool, int], Label] | None = None
    _sub_not_call: Label | None = None
    _sub_grow: Label | None = None
    _sub_not_new: Label | None = None
    #: the entry of direct calls (:meth:`_emit_direct_entry`; the runtime's direct-call
    #: table has its address)
    direct_entry: Label | None = None
    #: out-of-line paths of the templates (:meth:`later`), emitted by
    #: :meth:`call_paths` after the body
    _call_ool: list[Callable[[], None]] | None = None

    def _check_sub(self, new: bool) -> Label:
        """The per-function subroutine that finds a direct callee (see :meth:`_emit_check`)
        for Call (``new`` False) or New."""
        if new:
            if self._sub_check_new is None:
                self._sub_check_new = self._subroutine(lambda: self._emit_check(True))
            return self._sub_check_new
        if self._sub_check_call is None:
            self._sub_check_call = self._subroutine(lambda: self._emit_check(False))
        return self._sub_check_call

    def _emit_check(self, new: bool) -> None:
        """A leaf subroutine: x0 = the callee word; flags EQ with x4 = its entry, x5 its
        frame block and x7 its slot count when the direct-call table has it, its frame
        block is current, its kind may be entered by this kind of call (``new``:
        ``NEWABLE``; else not ``NOT_CALLABLE``), the direct-call depth is below the
        limit and its frame fits on the word stack; else NE, and HS when the callee is a
        built-in (nothing to compile: the generic path is its way, not a failed guard)
        or LO (a guard failure: not a function, not compiled yet, left to the
        interpreter, frame block stale, too deep). x1-x8 clobbered."""
        from .compiler import CALL_TABLE_SIZE, MAX_DIRECT_DEPTH

        m = self.m
        fail, other = m.label(), m.label()
        # every test one ccmp chain and one branch (each branch ends an emulated block;
        # session 22: the reference, kind and table tests were three more), the loads
        # of a failed test from cells that exist: the array shape's, the context block
        m.mov(x2, REF_BASE)
        m.sub(x1, x0, x2)                 # the cell, if a reference
        m.lsr(x2, x1, 48)
        m.add(x3, CTX, Ctx.SHAPE_ARRAY)
        m.cmp(x2, 0)
        m.csel(x1, x1, x3, EQ)            # not a reference: a "cell" of the array shape
        m.ldr(x2, mem(x1, 0))
        m.ldr(x2, mem(x2, ShapeCell.KIND))
        m.cmp(x2, KIND_CLOSURE)
        m.csel(x3, x1, CTX, EQ)           # (not a closure: read the context block)
        m.ldr(x1, mem(x3, CLOSURE_CODE))  # x1, x2 kept for the failure's kind
        m.mov(x17, CALL_TABLE_SIZE)
        m.ccmp(x1, x17, 0b0010, EQ)       # LO: a closure the table has a row for
        m.csel(x3, x1, xzr, LO)           # (else row 0, read and not used)
        m.add(x3, CALLS, x3, lsl(4))
        m.ldp(x4, x5, mem(x3, 0))         # entry, frame block (0: not direct-callable)
        m.ccmp(x4, 0, 0b0100, LO)         # NE: an entry
        m.csel(x5, x5, CTX, NE)           # no block: read the context block instead
        m.ldp(x6, x7, mem(x5, 0))         # template epoch; parameters, flags, nregs
        m.ldr(x8, mem(CTX, Ctx.GC_COUNT))
        m.ccmp(x6, x8, 0b0000, NE)        # EQ: its constants have not moved since
        m.ubfx(x8, x7, 33 if new else 32, 1)
        m.lsr(x7, x7, FRAME_NREGS_SHIFT)  # nregs
        m.ccmp(x8, 1 if new else 0, 0b0000, EQ)  # EQ: NEWABLE / not NOT_CALLABLE
        m.ldr(x6, CALL_DEPTH)
        m.mov(x8, MAX_DIRECT_DEPTH)
        m.ccmp(w6, w8, 0b0010, EQ)        # LO: below the direct-call depth limit
        m.ldr(x6, mem(CTX, Ctx.SP))
        m.add(x6, x6, 16 + 8)             # (+8: the direct entry copies by pairs)
        m.add(x6, x6, x7, lsl(3))
        m.ldr(x3, mem(CTX, Ctx.STACK_LIMIT))
        m.ccmp(x6, x3, 0b0010, LO)        # LS: the frame fits (else HI, as all failures)
        m.b_hi(fail)
        m.cmp(x0, x0)                     # EQ: found
        m.ret()
        m.bind(fail)
        m.mov(x17, CALL_TABLE_SIZE)
        m.cmp(x2, KIND_CLOSURE)
        m.ccmp(x1, x17, 0b0000, EQ)       # HS: a closure past the table (a built-in)
        m.b_hs(other)
        m.cmp(xzr, x30)                   # NE, LO (0 - the return address borrows)
        m.ret()
        m.bind(other)
        m.cmp(x30, 0)                     # NE, HS (the return address is not 0)
        m.ret()

    def _push_sub(self) -> Label:
        """The per-function subroutine that pushes a direct callee's frame and calls it
        (see :meth:`_emit_push`)."""
        if self._sub_push is None:
            self._sub_push = self._subroutine(self._emit_push)
        return self._sub_push

    def _emit_push(self) -> None:
        """A subroutine (it calls, so it keeps x23/x30 on the machine stack): x0 = the
        callee word, x4 its entry, x5 its frame block, x7 its slot count (from the check
        subroutine), x9 = ``this`` (replaced by the closure's own for an arrow), x10 =
        the address of the first argument, x11 = the argument count. Pushes the frame
        (header, slot 0, this, the callee, the first min(argc, nparams) arguments: the
        other parameters undefined, extra arguments dropped, as the interpreter's
        ``push_frame`` does; the callee's direct entry copies the rest of its
        template), calls, pops; returns x0 = the callee's
        status (0 returned, -1 an exception left it) and x1 = the popped frame's fp (its
        words still readable)."""
        if Ctx.FP != Ctx.SP + 8:          # one stp writes both
            raise AssertionError("Ctx.FP must follow Ctx.SP")
        m = self.m
        m.stp(CID, x30, pre(sp, -16))     # (x23: the callee does not keep it)
        m.ldr(x6, mem(CTX, Ctx.SP))
        m.add(x1, x6, 16)                 # the callee's fp
        m.add(x2, x1, x7, lsl(3))         # its end
        m.stp(FP, x7, mem(x6, 0))         # frame header: caller's fp (x19), slot count
        one, args = m.label(), m.label()
        m.ldr(x8, mem(x5, 8))             # parameter count and flags (nregs above)
        m.and_(x3, x0, ADDR_MASK)
        m.ldr(x12, mem(x3, CLOSURE_THIS))
        m.tst(x8, ARROW)                  # an arrow: the this its closure captured
        m.csel(x9, x12, x9, NE)
        m.mov(x3, UNDEFINED_WORD)         # slot 0 (the result; the template's is that)
        m.stp(x3, x9, mem(x1, 0))         # slot 0, this
        m.mov(w8, w8)                     # the parameter count
        m.cmp(x11, x8)
        m.csel(x11, x11, x8, LO)          # k = min(argc, nparams)
        m.sub(x7, x8, x11)                # parameters without an argument
        m.add(x6, x1, 16)
        m.cbz(x11, one)
        m.ldr(x8, post(x10, 8))
        m.stp(x0, x8, post(x6, 16))       # callee, first argument
        m.sub(x11, x11, 1)
        self._copy_words(x10, x6, x11)    # the other arguments
        m.b(args)
        m.bind(one)
        m.str(x0, post(x6, 8))            # callee
        m.bind(args)
        self._undefined_params(x6, x7)    # (the callee copies the rest of its template)
        self._call_pop(x2, x1)

    def _call_sub(self, new: bool = False, argc: int | None = None) -> Label:
        """The per-function subroutine of a plain Call (``new``: of a New, whose object
        the site made): check, push, call, pop in one (see :meth:`_emit_call`); with
        ``argc``, the one for exactly that many arguments (:meth:`_emit_call_argc`)."""
        if argc is not None:
            if self._sub_calls is None:
                self._sub_calls = {}
            got = self._sub_calls.get((new, argc))
            if got is None:
                got = self._sub_calls[(new, argc)] = self._subroutine(
                    lambda: self._emit_call_argc(new, argc))
            return got
        if new:
            if self._sub_call_new is None:
                self._sub_call_new = self._subroutine(lambda: self._emit_call(True))
            return self._sub_call_new
        if self._sub_call is None:
            self._sub_call = self._subroutine(self._emit_call)
        return self._sub_call

    def _emit_call_argc(self, new: bool, argc: int) -> None:
        """A leaf subroutine as :meth:`_emit_call` for a site of ``argc`` arguments (at
        most :data:`ARGC_SUBS`; x11 not read): the callee's kind and every condition in
        one ``ccmp`` chain and one branch, a callee of fewer than ``argc`` + 2 slots
        among the failures (x0 = 1: the site's out-of-line path calls the general
        subroutine), the arguments copied in a straight line (past the callee's
        parameters, its direct entry copies its template over them: a callee of fewer
        parameters, minilang's ``eval()`` of a ``Num`` called with ``env``, is called
        here, where it took the general subroutine from the site's out-of-line path,
        ~20 emulated blocks more); per call about four
        emulated blocks fewer than the general one's (the reference test, the kind
        test, the argument loop and its entry test)."""
        from .compiler import CALL_TABLE_SIZE

        if Ctx.FP != Ctx.SP + 8:          # one stp writes both
            raise AssertionError("Ctx.FP must follow Ctx.SP")
        m = self.m
        no = m.label()
        m.mov(x2, REF_BASE)
        m.sub(x1, x0, x2)                 # the cell, if a reference
        m.lsr(x2, x1, 48)
        m.add(x3, CTX, Ctx.SHAPE_ARRAY)
        m.cmp(x2, 0)
        m.csel(x1, x1, x3, EQ)            # not a reference: a "cell" of the array shape
        m.ldr(x2, mem(x1, 0))
        m.ldr(x2, mem(x2, ShapeCell.KIND))
        m.cmp(x2, KIND_CLOSURE)
        m.csel(x3, x1, CTX, EQ)           # (not a closure: read the context block)
        m.ldr(x3, mem(x3, CLOSURE_CODE))
        m.mov(x17, CALL_TABLE_SIZE)
        m.ccmp(x3, x17, 0b0010, EQ)       # LO: a closure the table has a row for
        _emit_frame_open(m, new, no, argc)
        m.add(x2, x14, x7, lsl(3))        # the frame's end
        regs = [x6, x8, x3, x15][:argc]   # the arguments (x3, x15: free by now)
        for k in range(0, argc - 1, 2):
            m.ldp(regs[k], regs[k + 1], mem(x10, 8 * k))
        if argc % 2:
            m.ldr(regs[-1], mem(x10, 8 * (argc - 1)))
        words = [x0, *regs]               # slots 2...: the callee, the arguments
        for k in range(0, len(words) - 1, 2):
            m.stp(words[k], words[k + 1], mem(x14, 16 + 8 * k))
        if len(words) % 2:
            m.str(words[-1], mem(x14, 16 + 8 * (len(words) - 1)))
        m.subs(x7, x17, argc)             # parameters without an argument
        m.csel(x7, x7, xzr, GT)           # (none when it has fewer than argc)
        m.add(x6, x14, 24 + 8 * argc)
        self._undefined_params(x6, x7)    # (the callee copies the rest of its template)
        self._call_enter(x2, x14, x12)
        m.br(x4)                          # a tail call: the callee returns to the site
        m.bind(no)
        m.mov(x0, 1)
        m.ret()

    def _emit_call(self, new: bool = False) -> None:
        """A leaf subroutine: x0 = the callee word, x9 = ``this``, x10 = the address of
        the first argument, x11 = the argument count. When the callee can be called
        directly by a plain Call (``new``: by a New; the predicate of
        :meth:`_emit_check`), pushes its frame
        as :meth:`_emit_push` does and branches to it (a tail call: x30 is still the
        site's, so the callee returns there with x0 = its status, 0 returned, -1 an
        exception left it, and the site pops the frame, :meth:`_call_leave`). Else x0 =
        1, nothing done (the call site's out-of-line path sorts a built-in from a guard
        failure with the check subroutine). The tail call spares a frame record and an
        indirect branch (the ``ret``; natively under qemu each costs a lookup).

        Fewer blocks than check and push (each conditional branch ends an emulated
        block, and each ``ret`` is an indirect-branch lookup): the conditions after the
        callee's kind are one ``ccmp`` chain and one branch; the arrow's ``this`` a
        ``csel``; the template copied by the callee's direct entry, in a straight
        line."""
        from .compiler import CALL_TABLE_SIZE

        if Ctx.FP != Ctx.SP + 8:          # one stp writes both
            raise AssertionError("Ctx.FP must follow Ctx.SP")
        m = self.m
        no = m.label()
        emit_kind_of(m, x0, x1, x2, x2, no)
        m.cmp(x2, KIND_CLOSURE)
        m.b_ne(no)
        m.ldr(x3, mem(x1, CLOSURE_CODE))
        m.cmp(x3, CALL_TABLE_SIZE)        # LO: the table has a row for it
        _emit_frame_open(m, new, no, None)
        m.str(x0, mem(x14, 16))           # callee
        m.add(x2, x14, x7, lsl(3))        # the frame's end
        m.mov(w8, w13)                    # the parameter count
        m.cmp(x11, x8)
        m.csel(x11, x11, x8, LO)          # k = min(argc, nparams)
        m.sub(x7, x8, x11)                # parameters without an argument
        m.add(x6, x14, 24)
        done, loop = m.label(), m.label()
        m.cbz(x11, done)                  # the arguments (few: one word at a time)
        m.bind(loop)
        m.ldr(x8, post(x10, 8))
        m.str(x8, post(x6, 8))
        m.subs(x11, x11, 1)
        m.b_ne(loop)
        m.bind(done)
        self._undefined_params(x6, x7)    # (the callee copies the rest of its template)
        self._call_enter(x2, x14, x12)
        m.br(x4)                          # a tail call: the callee returns to the site
        m.bind(no)
        m.mov(x0, 1)
        m.ret()

    def _call_pop(self, end: Any, fp: Any) -> None:
        """The end of :meth:`_emit_call` and :meth:`_emit_push`: the pushed frame
        (``fp``, ending at ``end``) made current, the depth and call counts up, the
        call (x4, the callee's direct entry: x0 its fp, x5 its frame block), then the
        depth down, the frame popped, the frame record restored, ``ret``: x0 = the
        status, x1 = the popped frame's fp."""
        m = self.m
        self._call_enter(end, fp)
        m.blr(x4)
        self._call_leave()
        # the result to the popped frame's slot 0, where this subroutine's users (New's
        # super call, sort's comparator, the iteration callbacks) read it: a compiled
        # Return leaves it in RESULT only
        m.str(RESULT, mem(x1, 0))
        m.ldp(CID, x30, post(sp, 16))
        m.ret()

    def _cid_again(self) -> None:
        """x23 set again after a call subroutine returned (a direct callee does not
        keep it, compiler.frame_in: a store and a load a call fewer): three ``mov``
        words, before anything reads it (the exception stub of the site does)."""
        words = self._cid_run
        if words is None:
            from .compiler import cid_words

            words = self._cid_run = cid_words(self.block_address)
        if words is None:
            from .t_props import mov48

            mov48(self.m, CID, self.block_address)
        else:
            self.m.emit_words(words)

    def _call_enter(self, end: Any, fp: Any, depth: Any = None) -> None:
        """Before the branch to a direct callee: the pushed frame (``fp``, ending at
        ``end``) made current, the depth and call counts up (one word:
        :data:`DEPTH_AND_CALL`; ``depth``: a register that holds it already, as
        :func:`_emit_frame_open` leaves it in x12), x0 = ``fp``."""
        m = self.m
        m.stp(end, fp, mem(CTX, Ctx.SP))  # ctx SP, FP (adjacent words)
        if depth is None:
            depth = x6
            m.ldr(x6, CALL_DEPTH)         # the depth, and the calls (--stats) above
        m.mov(x7, DEPTH_AND_CALL)
        m.add(x6, depth, x7)
        m.str(x6, CALL_DEPTH)
        m.mov(x0, fp)

    def _call_leave(self) -> None:
        """After a direct callee returned (x0 its status, kept): :func:`_emit_leave`."""
        _LEAVE.emit(self.m)

    def _undefined_params(self, dst: Any, count: Any) -> None:
        """Store ``count`` (a register, any value >= 0; usually 0) undefined words at
        ``dst``: the parameters a direct call has no argument for (the callee's direct
        entry copies its template past its parameters only). ``dst``, ``count`` and
        x8 clobbered."""
        m = self.m
        loop, done = m.label(), m.label()
        m.cbz(count, done)
        m.mov(x8, UNDEFINED_WORD)
        m.bind(loop)
        m.str(x8, post(dst, 8))
        m.subs(count, count, 1)
        m.b_ne(loop)
        m.bind(done)

    def emit_direct_entry(self) -> None:
        """The direct entry just before pc 0, into which it falls (the compiler emits it
        after its prologue: the branch to pc 0 ended an emulated block at every direct
        call)."""
        self._emit_direct_entry(False)

    def _emit_direct_entry(self, branch: bool) -> None:
        """This function's entry for direct calls (the direct-call table's; its label
        :attr:`direct_entry`): x0 = the pushed frame's fp, x5 = this function's frame
        block. The caller stored the header, slot 0, ``this``, the callee and every
        parameter; here the template's words past the parameters are written in a
        straight line (:meth:`_store_template`), then the prologue's frame part (x23,
        the function's data block address, by ``mov``), then pc 0 (no OSR test)."""
        from .compiler import frame_in

        m = self.m
        code = self.code
        self.direct_entry = m.label()
        m.bind(self.direct_entry)
        first = 3 + code.nparams
        words = core.code_info(code).template   # (None: no direct calls are made yet)
        if words is not None and 8 * code.nregs + 24 <= 32760:
            self._store_template(first, words)
            frame_in(m, self.block_address)
        else:
            self._copy_template(first)
        if branch:
            m.b(self.labels[0])

    def _store_template(self, first: int, words: Any) -> None:
        """Slots ``first``.. of the frame (x0) from the template: a word that never
        moves (the registers' undefined, a constant that is not a string) from a
        register set by ``mov`` (one store, where the copy loaded it from the frame
        block too: in Unicorn each 8-byte access costs about a block), a string
        constant (it moves with collections) loaded from the frame block (x5), by
        ``stp`` pairs (``words``: the template as the interpreter made it). Clobbers
        x6-x15."""
        m = self.m
        code = self.code
        n = code.nregs
        kbase = code.kbase
        pool = [x6, x7, x8, x9, x10, x11, x12, x13]
        held: dict[int, Any] = {}         # word -> the register that holds it
        turn = 0
        read = read_string_slots(code)

        def moves(i: int) -> bool:
            return i in read

        def reg_of(i: int, load: Any) -> Any:
            nonlocal turn
            if moves(i):
                m.ldr(load, mem(x5, 24 + 8 * i))
                return load
            # (a string constant no code reads from its slot: undefined, no load)
            w = int(words[i]) if i < kbase or type(code.consts[i - kbase]) is not str \
                else UNDEFINED_WORD
            got = held.get(w)
            if got is None:
                got = pool[turn % len(pool)]
                turn += 1
                for k, r in list(held.items()):
                    if r is got:
                        del held[k]
                m.mov(got, w)
                held[w] = got
            return got

        i = first
        while i < n:
            if i + 1 < n and 8 * i <= 504:
                if moves(i) and moves(i + 1) and 24 + 8 * i <= 504:
                    m.ldp(x14, x15, mem(x5, 24 + 8 * i))
                    a, b = x14, x15
                else:
                    a = reg_of(i, x14)
                    b = reg_of(i + 1, x15)
                m.stp(a, b, mem(x0, 8 * i))
                i += 2
            else:
                m.str(reg_of(i, x14), mem(x0, 8 * i))
                i += 1

    def _copy_template(self, first: int) -> None:
        """As :meth:`_store_template` for a frame too big for it (or no template yet):
        the template's words copied from the frame block by pairs (an odd count copies
        one word more: the frame block's word after the template, to the word after the
        frame, which the caller's check leaves room for), then the prologue's frame
        part with x23 read from that word (the function's data block address). One run
        (:func:`_emit_copy_template`; the slots and the pair count its holes)."""
        nregs = self.code.nregs
        pairs = (nregs - first + 1) // 2
        if 24 + 8 * nregs <= 32760:
            _COPY_TEMPLATE[pairs > 0].emit(self.m, first, pairs, nregs)
        else:
            _emit_copy_template(self.m, first, pairs, nregs, self.block_address)

    def _copy_words(self, src: Any, dst: Any, count: Any) -> None:
        """Copy ``count`` (a register, any value >= 0) words from ``src`` to ``dst``,
        both advanced past them: two at a time (an odd count's first word alone). x8
        and x12 clobbered; ``count`` ends 0."""
        m = self.m
        loop, pairs, done = m.label(), m.label(), m.label()
        m.cbz(count, done)
        m.tbz(count, 0, pairs)
        m.ldr(x8, post(src, 8))
        m.str(x8, post(dst, 8))
        m.subs(count, count, 1)
        m.b_eq(done)
        m.bind(pairs)
        m.bind(loop)
        m.ldp(x8, x12, post(src, 16))
        m.stp(x8, x12, post(dst, 16))
        m.subs(count, count, 2)
        m.b_ne(loop)
        m.bind(done)

    def _check(self, pc: int, new: bool, miss: Label) -> None:
        """The callee word in x0: on to the next instruction with x4, x5, x7 as the
        check subroutine leaves them when it can be called directly; a built-in takes
        the generic path of ``pc`` in line (not a guard failure); else ``miss``."""
        m = self.m
        found = m.label()
        m.bl(self._check_sub(new))
        m.b_eq(found)
        m.b_lo(miss)
        self.generic(pc)
        m.bind(found)

    def _callee_word(self, argc: int, word2: int, miss: Label) -> None:
        """The callee word in x0: x4 = its entry, x5 its frame block, x7 its slot count
        when it can be called directly by a New (``word2`` has ``NEWABLE``) or a Call
        (``argc`` arguments: any count, see :meth:`_emit_push`); else ``miss``."""
        self.m.bl(self._check_sub(bool(word2 & NEWABLE)))
        self.m.b_ne(miss)

    def _push_call(self, pc: int, this: Any, base: int, argc: int) -> None:
        """After :meth:`_callee_word`: call the callee with ``this`` (a slot number or a
        register other than x0-x11) and the ``argc`` arguments from slot ``base``;
        afterwards x1 = the popped frame's fp, and an exception the callee left with is
        dispatched at ``pc``."""
        if isinstance(this, int):
            self.m.ldr(x9, _slot(this))
        elif this is not x9:
            self.m.mov(x9, this)
        self._call_direct(pc, base, argc)

    def _call_direct(self, pc: int, base: int, argc: int) -> None:
        """Call the checked callee (x0, x4, x5, x7; ``this`` in x9) with the ``argc``
        arguments from slot ``base``; afterwards x1 = the popped frame's fp, and an
        exception the callee left with is dispatched at ``pc``."""
        m = self.m
        m.add(x10, FP, 8 * base)
        m.mov(x11, argc)
        m.bl(self._push_sub())
        exc = m.label()
        self.pendings.append((exc, pc))
        m.cbnz(x0, exc)

    def t_Call(self, pc: int, a: int, b: int, c: int, base: int, argc: int, k: int) -> bool:
        """A call of a closure whose code is compiled (any argument count; ``this`` from
        slot ``c``: a method call when the callee came from a property cache), all in
        machine code, or of one of :data:`NATIVES` in line; a built-in takes the
        generic path in line; anything else the guard's (the interpreter's Call)."""
        if not self.call_table:
            return False
        if self.forced_guard(pc):
            return True
        m = self.m
        self.guard(pc, R_CALL)            # (its stub where it always was: call_paths)
        done = None
        desc = self.code.consts[k]
        if isinstance(desc, str):
            name = desc.rsplit(".", 1)[-1]
            spec = NATIVES.get(name)
            if spec is not None and argc in spec[2] and (
                    name not in _SCRATCH or self._scratch_ok(b, c, base, argc)):
                done = m.label()
                self._inline_native(pc, a, b, c, base, name, argc, done)
        code = self.code
        if c >= code.kbase and code.consts[c - code.kbase] is None:
            _CALL_ARGS_UNDEFINED.emit(m, b, base)
        else:
            _CALL_ARGS.emit(m, b, c, base)
        if argc <= ARGC_SUBS:
            m.bl(self._call_sub(False, argc))
        else:
            m.mov(x11, argc)
            m.bl(self._call_sub())
        self._cid_again()
        ool = m.label()
        m.cbnz(x0, ool)
        back = m.offset                   # (the call subroutine's callee returns here)

        def not_called() -> None:
            # the call subroutine's status was not 0 (see _not_called_sub)
            m.bind(ool)
            self._not_called(pc, b, False, argc, m.label_at(back))

        self.later(not_called)
        _CALL_RESULT.emit(m, a)
        if done is not None:
            m.bind(done)
        return True

    def _not_called(self, pc: int, b: int, new: bool, argc: int, back: Label) -> None:
        """A Call or New site's out-of-line path after its call subroutine's status
        (x0) was not 0: the shared subroutine (:meth:`_emit_not_called`) sorts it out
        and its flags say where the site goes on: EQ ``back`` (called after all: the
        callee returned), LO the guard, MI the exception dispatched at ``pc``, else
        the generic path (a built-in). Nine words at the site, where this was ~22 (and
        ~14 us of Python a site)."""
        m = self.m
        if new:
            if self._sub_not_new is None:
                self._sub_not_new = self._subroutine(lambda: self._emit_not_called(True))
            sub = self._sub_not_new
        else:
            if self._sub_not_call is None:
                self._sub_not_call = self._subroutine(self._emit_not_called)
            sub = self._sub_not_call
        exc = m.label()
        self.pendings.append((exc, pc))
        _NOT_CALLED_ARGS.emit(m, b, argc)
        m.bl(sub)
        m.b_eq(back)
        m.b_lo(self.guard(pc, R_CALL))
        m.b_mi(exc)
        self.generic(pc)

    def _emit_not_called(self, new: bool = False) -> None:
        """A subroutine: x0 = the status of a Call's call subroutine (``new``: a New's),
        not 0; x1 = the callee word, x9 and x10 as the site set them, x11 its argument
        count. -1, an exception the callee left with: its frame popped, flags MI (and
        HS, NE). 1, not called directly: the check (a copy of :meth:`_emit_check`'s,
        in this body) tells a guard failure (LO) from a built-in (NE, HS, PL: the
        generic path); a direct callee the site's subroutine did not call (one for
        that many arguments, :meth:`_emit_call_argc`: the callee has fewer
        parameters) is called by a copy of the general subroutine
        (:meth:`_emit_call`), then EQ (it returned; the site pops its frame), MI (an
        exception: its frame popped) or the generic path's flags. Clobbers what the
        call subroutines do."""
        m = self.m
        other, check, out = m.label(), m.label(), m.label()
        general, returned, generic = m.label(), m.label(), m.label()
        m.tbz(x0, 63, other)
        self._call_leave()                # (x0 kept: -1)
        m.cmp(x0, 0)                      # MI, HS, NE
        m.ret()
        m.bind(other)
        m.stp(CID, x30, pre(sp, -16))     # (x23: a callee does not keep it)
        m.mov(x0, x1)
        m.bl(check)
        m.b_ne(out)                       # LO a guard failure, HS a built-in
        m.bl(general)                     # (a tail call there: the callee returns here)
        m.cbz(x0, returned)
        m.cmp(x0, 1)
        m.b_eq(generic)                   # (flags HS, PL, NE)
        self._call_leave()                # -1: an exception the callee left with
        m.cmp(x0, 0)                      # MI, HS, NE
        m.b(out)
        m.bind(returned)
        m.cmp(x0, x0)                     # EQ
        m.b(out)
        m.bind(generic)
        m.cmp(x0, 0)                      # x0 = 1: HS, PL, NE
        m.bind(out)
        m.ldp(CID, x30, post(sp, 16))
        m.ret()
        m.bind(check)
        self._emit_check(new)
        m.bind(general)
        self._emit_call(new)

    def later(self, emit: Callable[[], None]) -> None:
        """Emit a template's rarely taken path out of line, after the function's body
        (:meth:`call_paths`), where it costs the common path no branch over it: each
        branch ends an emulated block. ``emit`` binds its own entry label and must end
        in a branch (back to its template, or a stub)."""
        if self._call_ool is None:
            self._call_ool = []
        self._call_ool.append(emit)

    def call_paths(self) -> None:
        """After the body: the out-of-line paths of the templates (:meth:`later`), in
        the order they were made; then the entry of direct calls."""
        while self._call_ool:  # (a path may make one more)
            paths, self._call_ool = self._call_ool, None
            for emit in paths:
                emit()
        if self.call_table and self.direct_entry is None:
            self._emit_direct_entry(True)

    def _callee_is(self, b: int, native: int, other: Label) -> None:
        """Go on only if slot ``b`` holds a closure of code id ``native`` (a built-in);
        another callee goes to ``other`` (the call paths that follow). x1: its cell."""
        m = self.m
        _UNTAG_SLOT.emit(m, b)            # (heapcode.emit_kind_of)
        m.cbnz(x2, other)
        _KIND_IS.emit(m)
        m.b_ne(other)
        _CODE_IS.emit(m, native)
        m.b_ne(other)                     # another function: the call paths below

    def _inline_native(self, pc: int, a: int, b: int, c: int, base: int, name: str,
                       argc: int, done: Label) -> None:
        """A call of one of :data:`NATIVES` in line when the callee is that very
        built-in (its code id): ``arr.push(x)`` (a full array grows in line, see
        :meth:`_grow`),
        ``arr.pop()`` / ``arr.shift()`` (see :meth:`_pop_shift`), ``Array.isArray(x)``,
        ``s.charCodeAt(i)`` / ``s.charAt(i)`` of an int32 index in range,
        ``s.substring(i[, j])`` (see :meth:`_substring`), ``arr.slice(i, j)`` (see
        :meth:`_array_slice`),
        ``String.fromCharCode(i)`` of an int32, ``String(x)`` of a string or an int32
        (see :meth:`_to_string`), ``Math.sqrt/floor/ceil/trunc/abs`` of a number;
        other receivers and arguments take the generic path (the built-in itself)."""
        native = native_code_id(name)
        if native is None or (name == "keys" and self.arena is None):
            return
        m = self.m
        if name == "isArray":
            R.heap.set_root(ARRAY_PROTO_ROOT, R.protos["Array"].word)
        if name in _RUN_NATIVES:
            # the whole of it one run: its branches to the generic step and past it
            # land in the three words the site emits after it (the run's tail)
            run = _RUN_NATIVES[name].get(argc)
            if run is None:
                run = _RUN_NATIVES[name][argc] = _native_run(name, argc)

            def after(mm: MacroAssembler) -> None:
                mm.b(done)
                self.generic(pc)

            # (a code id is a wide constant, 2**40 + n: its mov's low half, 1 + the
            # hole, is a hole of the run of its high part; a low half 0 is one word
            # fewer: the build itself)
            low = native & 0xFFFF
            if low:
                run.starting_at(native - low + 1).emit(m, b, c, base, a, low - 1, after)
            else:
                run.build(m, b, c, base, a, native, after)
            return
        other, slow = m.label(), m.label()
        self._callee_is(b, native, other)
        self._native_body(pc, b, c, base, name, argc, slow)
        _STORE_X2.emit(m, a)
        m.b(done)
        m.bind(slow)
        if name == "keys":
            self._keys_miss(pc)           # the generic step, and the table filled
        else:
            self.generic(pc)
        m.bind(other)

    def _native_body(self, pc: int, b: int, c: int, base: int, name: str, argc: int,
                     slow: Label) -> None:
        """:meth:`_inline_native`'s call of ``name`` after the callee test: x2 = its
        result, else ``slow``."""
        m = self.m
        if name in _MATH1:
            self._math1(base, name, slow)
        elif name == "isArray":
            no = m.label()
            m.ldr(x0, _slot(base))
            m.mov(x2, FALSE_WORD)
            emit_kind_of(m, x0, x1, x3, x3, no)
            plain = m.label()
            m.cmp(x3, KIND_ARRAY)
            m.b_ne(plain)
            m.ldr(x4, mem(x1, 0))
            m.ldr(x5, mem(CTX, Ctx.SHAPE_ARRAY))
            m.cmp(x4, x5)
            m.b_ne(slow)                  # an array with named keys (an array iterator?)
            m.bind(plain)
            m.cmp(x3, KIND_ARRAY)
            m.ldr(x4, mem(CTX, Ctx.ROOTS + 8 * ARRAY_PROTO_ROOT))
            m.ccmp(x0, x4, 0b0100, NE)    # an array, or Array.prototype: EQ
            m.cset(w3, EQ)
            m.add(x2, x2, x3)             # TRUE_WORD is FALSE_WORD + 1
            m.bind(no)
        elif name == "String":
            self._to_string(base, slow)
        elif name == "parseFloat":
            self._parse_float_call(_slot(base), slow)
        elif name == "parseInt":
            self._parse_int_call(base, argc, slow)
        elif name == "keys":
            self._object_keys(_slot(base), slow)
        elif name == "fromCharCode":
            m.ldr(x3, _slot(base))
            m.lsr(x4, x3, 32)
            m.cmp(w4, w22)
            m.b_ne(slow)                  # not an int32: the built-in's ToUint16
            m.and_(x3, x3, 0xFFFF)
            self._one_unit(slow)
        else:
            _UNTAG_SLOT.emit(m, c)
            m.cbnz(x2, slow)
            m.ldr(x2, mem(x1, 0))
        if name in _MATH1 or name in ("fromCharCode", "isArray", "String", "parseFloat",
                                      "parseInt", "keys"):
            pass
        elif name in ("pop", "shift"):
            self._pop_shift(name == "shift", slow)
        elif name == "substring":
            self._substring(base, argc, slow)
        elif name == "slice":
            self._array_slice(base, argc, slow)
        elif name in _ITERATE:
            self._iterate(pc, b, c, base, argc, name == "map", slow)
        elif name == "indexOf":
            self._index_of(base, slow)
        elif name == "sort":
            self._sort(pc, b, c, base, slow)
        elif name == "join":
            self._join(base, slow)
        elif name == "fill":
            self._fill(base, slow)
        elif name == "push":
            _SHAPE_IS.emit(m, Ctx.SHAPE_ARRAY >> 3)
            m.b_ne(slow)
            _PUSH_ROOM.emit(m)
            room = m.label()
            m.b_lo(room)
            if self._sub_grow is None:    # (a rare path: ~25 words a site in line)
                self._sub_grow = self._subroutine(self._emit_grow_sub)
            m.bl(self._sub_grow)
            m.b_hi(slow)                  # a full space
            m.bind(room)
            _PUSH_STORE.emit(m, base)
        else:
            _SHAPE_IS.emit(m, Ctx.SHAPE_STRING >> 3)
            m.b_ne(slow)
            _INT_INDEX.emit(m, base)
            m.b_ne(slow)                  # not an int32 index
            m.ldr(x4, mem(x1, STRING_LENGTH))
            m.cmp(x4, w3, uxtw())
            if name == "charAt":
                m.b_ls(slow)              # out of range (negative too): ""
                m.add(x1, x1, w3, uxtw(1))
                m.ldrh(w2, mem(x1, STRING_DATA))
                m.mov(x3, x2)
                self._one_unit(slow)
            else:                         # out of range (negative too): NaN
                m.add(x5, x1, w3, uxtw(1))
                m.add(x5, x5, STRING_DATA)
                m.csel(x5, x5, x1, HI)    # (out of range: the header's, unused)
                m.ldrh(w2, mem(x5, 0))
                m.add(x2, INTB, x2)
                m.mov(x3, CANONICAL_NAN)
                m.csel(x2, x2, x3, HI)

    def _scratch_ok(self, b: int, c: int, base: int, argc: int) -> bool:
        """Whether a map/forEach loop may keep its result array in the callee's slot
        ``b`` while it runs: a temporary (a method call's callee; not a parameter, a
        constant, the receiver or an argument), dead once the call is made."""
        code = self.code
        return 3 + code.nparams <= b < code.kbase and b != c \
            and not base <= b < base + argc

    def _iterate(self, pc: int, b: int, c: int, base: int, argc: int, want: bool,
                 slow: Label) -> None:
        """x2 = ``arr.map(f[, t])`` (``want``) / ``arr.forEach(f[, t])`` of the array in
        x1 (header x2) as the built-in's loop does it: for each index below the first
        length that is not a hole (nor past the current length, re-read after every
        call), ``f(v, j, arr)`` with
        ``this`` t (or undefined); map's result array (the first length's elements,
        holes where none was made) is made first, kept in slot ``b`` (see
        :meth:`_scratch_ok`) and filled as the calls return. A compiled callback is a
        direct call, any other one a host call of :func:`_call_back`. The loop's index
        and the call's three argument words are on the machine stack (the array and
        the callback are reloaded from their slots after every call: a collection
        moves them). An exception from a callback is dispatched at ``pc``. Another
        receiver, a callback that is not a function (the built-in throws) or a full
        space for map's array: ``slow``, before any call."""
        m = self.m
        self._array_and_closure(base, slow)
        if want:
            _ITER_LENGTH.emit(m)
            self._alloc_holes(slow)
            _STORE_X2.emit(m, b)
        loop, end, nxt, host, got, unwind = (m.label() for _ in range(6))
        exc = m.label()
        self.pendings.append((exc, pc))
        # [sp] v, [sp+8] j (an int32 word), [sp+16] arr, [sp+24] the first length;
        # runs between the branches (:func:`_emit_iter_head` ...)
        _ITER_FRAME.emit(m)
        m.bind(loop)
        _ITER_HEAD.emit(m, c)
        m.b_hs(end)
        _ITER_IN_LENGTH.emit(m)
        m.b_hs(nxt)                       # past the current length: absent
        _ITER_ELEMENT.emit(m)
        m.b_eq(nxt)                       # a hole: no call
        _ITER_ARGS.emit(m, base)
        m.bl(self._check_sub(False))
        m.b_ne(host)
        (_ITER_THIS if argc > 1 else _ITER_NO_THIS).emit(m, base)
        m.bl(self._push_sub())
        m.cbnz(x0, unwind)
        _ITER_RESULT.emit(m)
        m.b(got)
        m.bind(host)                      # x0 = the callback
        (_ITER_HOST if argc > 1 else _ITER_HOST_NO_THIS).emit(m, base, pc)
        m.bl(self._helper_sub(_call_back, (x0, x1, x2, x3, x4, x5, x6), x2))
        _ITER_THREW.emit(m)
        m.b_eq(unwind)                    # it threw
        m.bind(got)
        if want:                          # out[j] = the result (j < out's length)
            _ITER_STORE.emit(m, b)
        m.bind(nxt)
        _ITER_NEXT.emit(m)
        m.b(loop)
        m.bind(unwind)                    # the machine stack as it was, then dispatch
        _ITER_POP.emit(m)
        m.b(exc)
        m.bind(end)
        (_ITER_MAPPED if want else _ITER_UNDEFINED).emit(m, b)

    def _sort(self, pc: int, b: int, c: int, base: int, slow: Label) -> None:
        """x2 = ``arr.sort(f)`` of the array in x1 (header x2) with a comparator
        function, as the built-in does it (an array with holes or undefined elements:
        ``slow``): on a copy of the elements (an array bumped first and kept in slot
        ``b``), written back at the end, so an exception from ``f`` leaves the array as
        it was. The sort is the first steps of the built-in's (CPython's list.sort):
        the first run found (a strictly descending one reversed), then binary
        insertion of each following element, with "x before y" when ``f(x, y) < 0``;
        for fewer than 64 elements that is all CPython does, so ``f`` sees the same
        calls in the same order and even an inconsistent comparator gives the built-in's
        result; for more, chunks of ``_SORT_RUN`` are sorted so, then merged bottom-up
        (the left span copied to the n words past the copy, which is allocated twice
        as long: value words the collector moves; spans in order already are left
        alone), so the result of a consistent comparator is the same (a stable sort),
        the calls differ. Each call of ``f`` is a direct call when it is compiled (an
        int32 or double result decided in line), else and for other results a host
        call of :func:`_sort_cmp`; the indexes are on the machine stack, the arrays
        reloaded from their slots after every call. Another receiver, a comparator
        that is not a function or a full space: ``slow``, before any call."""
        m = self.m
        exc = m.label()
        self.pendings.append((exc, pc))
        # (the subroutines made in the order the body's first uses made them)
        outs = [slow, exc, self._check_sub(False), self._push_sub(),
                self._helper_sub(_sort_cmp, (x0, x1, x2, x3, x4, x5), x3),
                self._helper_sub(_sort_back, (x0, x1, x2, x3))]
        _SORT.emit(m, outs, pc, b, c, base)

    def _join(self, base: int, slow: Label) -> None:
        """x2 = ``arr.join(sep)`` of the array in x1 (header x2) when ``sep`` and every
        element are strings: a new string of their units with ``sep``'s between, bumped
        in line. Another receiver, separator or element (a number, a hole ...) or a
        full space: ``slow`` (nothing is written before)."""
        m = self.m
        sum_, summed, nosep, loop, unit, units_done, sepu, joined = (
            m.label() for _ in range(8))
        m.ldr(x3, mem(CTX, Ctx.SHAPE_ARRAY))
        m.cmp(x2, x3)
        m.b_ne(slow)
        m.ldr(x6, mem(CTX, Ctx.SHAPE_STRING))
        m.ldr(x3, _slot(base))
        emit_header_is(m, x3, x4, x5, x6, slow)  # x4: the separator's cell
        m.ldr(x7, mem(x4, STRING_LENGTH))
        m.ldr(x8, mem(x1, ARRAY_LENGTH))      # n
        m.ldr(x9, mem(x1, ARRAY_ELEMENTS))
        m.add(x9, x9, VECTOR_DATA)
        m.mov(x10, 0)                         # the units
        m.mov(x11, x8)
        m.bind(sum_)
        m.cbz(x11, summed)
        m.ldr(x12, post(x9, 8))
        emit_header_is(m, x12, x13, x14, x6, slow)  # not a string: the built-in's ToString
        m.ldr(x14, mem(x13, STRING_LENGTH))
        m.add(x10, x10, x14)
        m.sub(x11, x11, 1)
        m.b(sum_)
        m.bind(summed)
        m.cbz(x8, nosep)
        m.sub(x11, x8, 1)
        m.madd(x10, x11, x7, x10)             # and n - 1 separators
        m.bind(nosep)
        emit_alloc_string(m, CTX, x10, x13, x11, x12, slow)  # full: the generic path
        m.add(x14, x13, STRING_DATA)
        m.ldr(x9, mem(x1, ARRAY_ELEMENTS))
        m.add(x9, x9, VECTOR_DATA)
        m.mov(x11, x8)
        m.bind(loop)
        m.cbz(x11, joined)
        m.ldr(x12, post(x9, 8))
        m.and_(x12, x12, ADDR_MASK)
        m.ldr(x15, mem(x12, STRING_LENGTH))
        m.add(x12, x12, STRING_DATA)
        self._units_to_x14(unit, units_done, x12, x15)
        m.bind(units_done)
        m.subs(x11, x11, 1)
        m.b_eq(joined)                        # no separator after the last
        m.add(x3, x4, STRING_DATA)
        m.mov(x0, x7)
        self._units_to_x14(sepu, loop, x3, x0)
        m.bind(joined)
        m.mov(x12, REF_BASE)
        m.orr(x2, x13, x12)

    def _units_to_x14(self, top: Label, out: Label, src: Any, count: Any) -> None:
        """Binds ``top``: ``count`` UTF-16 units (any number, it ends 0) copied from
        ``src`` to x14, both advanced, then on to ``out`` (w5 clobbered)."""
        m = self.m
        m.bind(top)
        m.cbz(count, out)
        m.ldrh(w5, post(src, 2))
        m.strh(w5, post(x14, 2))
        m.sub(count, count, 1)
        m.b(top)

    def _array_and_closure(self, base: int, slow: Label) -> None:
        """To ``slow`` unless the receiver (header x2) is an array and the word in slot
        ``base`` (left in x0, its cell in x6) a closure. x2, x3 clobbered."""
        m = self.m
        _SHAPE_IS.emit(m, Ctx.SHAPE_ARRAY >> 3)
        m.b_ne(slow)
        _UNTAG_X0_X6.emit(m, base)        # (heapcode.emit_kind_of)
        m.cbnz(x2, slow)
        _KIND_X6_IS.emit(m)
        m.b_ne(slow)

    def _bump_array(self, made: Label, slow: Label) -> None:
        """An array of length x7 in x10 with an elements vector (x12, its header and
        length written, its words not) of capacity x8 = max(x7, 4), none for 0, as the
        interpreter's ``new_array_rooted`` makes it: both cells in one bump (a full
        space: ``slow``, whose generic path collects); no vector: to ``made``. x3,
        x9, x11 clobbered."""
        m = self.m
        m.mov(x9, 4)
        m.cmp(x7, 4)
        m.csel(x8, x7, x9, HS)
        m.cmp(x7, 0)
        m.csel(x8, xzr, x8, EQ)               # the capacity: max(count, 4), none for 0
        m.lsl(x9, x8, 3)
        m.add(x9, x9, VECTOR_DATA)
        m.csel(x9, xzr, x9, EQ)
        m.add(x9, x9, ARRAY_SIZE)             # the bytes of both cells
        emit_bump(m, CTX, x10, x11, x12, x9, slow)
        m.ldr(x3, mem(CTX, Ctx.SHAPE_ARRAY))
        m.stp(x3, x7, mem(x10, 0))            # header, length
        m.add(x12, x10, ARRAY_SIZE)
        m.cmp(x8, 0)
        m.csel(x12, xzr, x12, EQ)
        m.stp(x8, x12, mem(x10, ARRAY_CAPACITY))   # capacity, elements vector
        m.str(xzr, mem(x10, ARRAY_PROPS))
        m.cbz(x8, made)
        m.ldr(x11, mem(CTX, Ctx.SHAPE_VECTOR))
        m.stp(x11, x8, mem(x12, 0))           # the vector's header, its length

    def _holes_then_array(self, fill: Label, made: Label) -> None:
        """Binds ``fill``: x15 (> 0) words x11 stored from x14 on; then binds ``made``:
        x2 = the word of the array in x10 (x11 clobbered)."""
        m = self.m
        m.bind(fill)
        m.str(x11, post(x14, 8))
        m.subs(x15, x15, 1)
        m.b_ne(fill)
        m.bind(made)
        m.mov(x11, REF_BASE)
        m.orr(x2, x10, x11)

    def _alloc_holes(self, slow: Label) -> None:
        """x2 = a new array of x7 holes with room for max(x7, 4) (none for 0), as the
        interpreter's ``new_array_rooted`` makes it: array and vector in one bump (a
        full space: ``slow``, whose generic path collects). x3, x8-x15 clobbered.
        The words of :func:`_emit_alloc_holes` around their b.hi to ``slow``."""
        m = self.m
        head, tail = _ALLOC_HOLES or _alloc_holes_words()
        m.emit_words(head)
        m.b_hi(slow)
        m.emit_words(tail)

    def _index_of(self, base: int, slow: Label) -> None:
        """x2 = ``arr.indexOf(x)`` of the array in x1 (header x2) when strict equality
        with ``x`` is equality of words: ``x`` not a double or a string (an int32 ``x``
        meeting a double element, which may be -0, goes to ``slow``; holes never equal
        a value). Another receiver or ``x``: ``slow`` (no side effects: the built-in
        does it all again)."""
        m = self.m
        loop, found, absent, ok = m.label(), m.label(), m.label(), m.label()
        m.ldr(x3, mem(CTX, Ctx.SHAPE_ARRAY))
        m.cmp(x2, x3)
        m.b_ne(slow)
        m.ldr(x3, _slot(base))
        m.lsr(x4, x3, 48)
        m.mov(x5, 0xFFF9)
        m.cmp(x4, x5)
        m.b_lo(slow)                          # a double
        m.csel(x12, x5, xzr, EQ)              # int32 x: double elements are slow
        m.cmp(x4, 0xFFFB)
        m.b_ne(ok)
        m.and_(x6, x3, ADDR_MASK)
        m.ldr(x6, mem(x6, 0))
        m.ldr(x6, mem(x6, ShapeCell.KIND))
        m.cmp(x6, KIND_STRING)
        m.b_eq(slow)                          # a string: compared by its units
        m.bind(ok)
        m.ldr(x6, mem(x1, ARRAY_LENGTH))
        m.ldr(x7, mem(x1, ARRAY_ELEMENTS))
        m.add(x7, x7, VECTOR_DATA)
        m.mov(x8, 0)
        m.bind(loop)
        m.cmp(x8, x6)
        m.b_hs(absent)
        m.ldr(x9, mem(x7, x8, lsl(3)))
        m.cmp(x9, x3)
        m.b_eq(found)
        m.lsr(x10, x9, 48)
        m.cmp(x10, x12)
        m.b_lo(slow)
        m.add(x8, x8, 1)
        m.b(loop)
        m.bind(absent)
        m.mov(x8, 0xFFFF_FFFF)                # -1
        m.bind(found)
        m.add(x2, INTB, w8, uxtw())

    def _to_string(self, base: int, slow: Label) -> None:
        """x2 = ``String(x)`` of the word in slot ``base``: a string is itself; an int32
        is its decimal digits (a '-' first when negative) in a new string bumped in
        line; anything else, or a full space: ``slow``."""
        m = self.m
        made, num, digits, count = m.label(), m.label(), m.label(), m.label()
        m.ldr(x2, _slot(base))
        m.lsr(x4, x2, 32)
        m.cmp(w4, w22)
        m.b_eq(num)
        other = m.label()
        emit_untag_ref(m, x2, x1, x3, other)
        m.ldr(x3, mem(x1, 0))
        m.ldr(x4, mem(CTX, Ctx.SHAPE_STRING))
        m.cmp(x3, x4)
        m.b_eq(made)                      # a string: itself
        m.b(slow)
        m.bind(other)                     # a double or a constant
        self._string_of_other(slow, made)
        m.bind(num)
        m.sxtw(x4, w2)
        m.cmp(x4, 0)
        m.cneg(x6, x4, LT)                # the magnitude
        m.cset(w10, LT)                   # 1 for the '-'
        m.mov(x9, 10)
        m.mov(x8, x6)
        m.bind(count)                     # x10 = the units: digits (at least one) and sign
        m.udiv(x8, x8, x9)
        m.add(x10, x10, 1)
        m.cbnz(x8, count)
        emit_alloc_string(m, CTX, x10, x8, x7, x11, slow)  # full: the generic path collects
        m.add(x11, x8, STRING_DATA)
        m.add(x11, x11, x10, lsl(1))      # past the last unit
        m.bind(digits)                    # the digits from the last
        m.udiv(x12, x6, x9)
        m.msub(x13, x12, x9, x6)
        m.add(w13, w13, ord("0"))
        m.strh(w13, pre(x11, -2))
        m.mov(x6, x12)
        m.cbnz(x6, digits)
        sign = m.label()
        m.tbz(x4, 63, sign)
        m.mov(w13, ord("-"))
        m.strh(w13, pre(x11, -2))
        m.bind(sign)
        m.mov(x11, REF_BASE)
        m.orr(x2, x8, x11)
        m.bind(made)

    def _emit_grow_sub(self) -> None:
        """A subroutine: :meth:`_grow` of the array x1 (capacity x3), then flags LS;
        a full space: HI, nothing done. x2 kept."""
        m = self.m
        full = m.label()
        self._grow(full)
        m.cmp(x2, x2)                     # EQ: LS
        m.ret()
        m.bind(full)
        m.cmp(x30, 0)                     # (the return address is not 0): HI
        m.ret()

    def _grow(self, slow: Label) -> None:
        """A full array (cell x1, capacity x3) gets a new elements vector of max(4,
        2 * capacity) words, as ``Heap.array_set`` grows it: bumped in line, the
        elements copied, the rest holes (a full space: ``slow``, whose built-in
        collects). x2 (the length) is kept."""
        m = self.m
        m.mov(x6, 4)
        m.lsl(x7, x3, 1)
        m.cmp(x7, x6)
        m.csel(x7, x7, x6, HI)            # the new capacity
        m.lsl(x8, x7, 3)
        m.add(x8, x8, VECTOR_DATA)
        emit_bump(m, CTX, x9, x10, x11, x8, slow)
        m.ldr(x10, mem(CTX, Ctx.SHAPE_VECTOR))
        m.stp(x10, x7, mem(x9, 0))        # header, length
        m.add(x12, x9, VECTOR_DATA)
        copied, copy, fill = m.label(), m.label(), m.label()
        m.mov(x14, x3)
        m.cbz(x14, copied)
        m.ldr(x13, mem(x1, ARRAY_ELEMENTS))
        m.add(x13, x13, VECTOR_DATA)
        emit_copy_words(m, copy, x13, x12, x14, x10)
        m.bind(copied)
        m.sub(x14, x7, x3)                # at least 1
        m.mov(x10, HOLE_WORD)
        m.bind(fill)
        m.str(x10, post(x12, 8))
        m.subs(x14, x14, 1)
        m.b_ne(fill)
        m.stp(x7, x9, mem(x1, ARRAY_CAPACITY))   # capacity, elements vector

    def _pop_shift(self, shift: bool, slow: Label) -> None:
        """x2 = ``arr.pop()`` / ``arr.shift()`` of the array in x1 (header in x2): the
        last / first element taken out (a hole left at the end, the others moved down
        for shift), as the built-in does; an empty array gives undefined; another
        receiver, a hole to take (the prototype chain's) goes to ``slow``."""
        m = self.m
        empty, done = m.label(), m.label()
        m.ldr(x3, mem(CTX, Ctx.SHAPE_ARRAY))
        m.cmp(x2, x3)
        m.b_ne(slow)
        m.ldr(x3, mem(x1, ARRAY_LENGTH))
        m.cbz(x3, empty)
        m.ldr(x4, mem(x1, ARRAY_ELEMENTS))
        m.add(x4, x4, VECTOR_DATA)        # element 0's address
        m.mov(x6, HOLE_WORD)
        m.sub(x3, x3, 1)                  # the new length
        if shift:
            m.ldr(x2, mem(x4, 0))
        else:
            m.ldr(x2, mem(x4, x3, lsl(3)))
        m.cmp(x2, x6)
        m.b_eq(slow)                      # a hole: the built-in's
        if shift:
            move, moved = m.label(), m.label()
            m.mov(x5, x3)
            m.bind(move)
            m.cbz(x5, moved)
            m.ldr(x7, mem(x4, 8))
            m.str(x7, post(x4, 8))
            m.sub(x5, x5, 1)
            m.b(move)
            m.bind(moved)
            m.str(x6, mem(x4, 0))         # the last word a hole
        else:
            m.str(x6, mem(x4, x3, lsl(3)))
        m.str(x3, mem(x1, ARRAY_LENGTH))
        m.b(done)
        m.bind(empty)
        m.mov(x2, UNDEFINED_WORD)
        m.bind(done)

    def _array_slice(self, base: int, argc: int, slow: Label) -> None:
        """x2 = ``arr.slice([i[, j]])`` of the array in x1 (header x2) with int32 or
        undefined arguments (relative: a negative one counts from the end; clamped to
        0..length): a new array of the elements between (holes as holes), room for
        max(count, 4) as the built-in makes it, bumped in line (array and vector in one
        bump). Another receiver or argument, or a full space: ``slow``."""
        m = self.m
        m.ldr(x3, mem(CTX, Ctx.SHAPE_ARRAY))
        m.cmp(x2, x3)
        m.b_ne(slow)
        m.ldr(x4, mem(x1, ARRAY_LENGTH))
        for j, reg in enumerate((x5, x6)):
            default = m.label()
            end = m.label()
            if j < argc:
                m.ldr(reg, _slot(base + j))
                m.mov(x3, UNDEFINED_WORD)
                m.cmp(reg, x3)
                m.b_eq(default)
                m.lsr(x3, reg, 32)
                m.cmp(w3, w22)
                m.b_ne(slow)                  # not an int32: the built-in's ToIntegerOrInfinity
                m.sxtw(reg, reg.w)
                pos = m.label()
                m.tbz(reg, 63, pos)
                m.adds(reg, reg, x4)          # from the end ...
                m.csel(reg, xzr, reg, LT)     # ... not below 0
                m.b(end)
                m.bind(pos)
                m.cmp(reg, x4)
                m.csel(reg, x4, reg, GT)      # not past the length
                m.b(end)
            m.bind(default)
            if j == 0:
                m.mov(reg, 0)
            else:
                m.mov(reg, x4)
            m.bind(end)
        made, fill = m.label(), m.label()
        m.subs(x7, x6, x5)
        m.csel(x7, xzr, x7, LT)               # the count
        self._bump_array(made, slow)          # no room: the generic path collects
        m.ldr(x13, mem(x1, ARRAY_ELEMENTS))
        m.add(x13, x13, x5, lsl(3))
        m.add(x13, x13, VECTOR_DATA)          # the first element taken
        m.add(x14, x12, VECTOR_DATA)
        m.mov(x15, x7)
        copy = m.label()
        emit_copy_words(m, copy, x13, x14, x15, x11)  # count > 0 here
        m.subs(x15, x8, x7)
        m.b_eq(made)
        m.mov(x11, HOLE_WORD)
        self._holes_then_array(fill, made)    # the room after them: holes

    def _substring(self, base: int, argc: int, slow: Label) -> None:
        """x2 = ``s.substring(i)`` / ``s.substring(i, j)`` of the string word in x0
        (cell x1, header x2) with int32 (or, for ``j``, undefined) arguments: both
        clamped to 0..length and ordered, the units between copied into a new string
        bumped in line (its last word zeroed first: padding units are 0); the whole
        string is itself. Another receiver or argument, or a full space: ``slow``."""
        m = self.m
        m.ldr(x3, mem(CTX, Ctx.SHAPE_STRING))
        m.cmp(x2, x3)
        m.b_ne(slow)
        m.ldr(x4, mem(x1, STRING_LENGTH))
        for j, reg in enumerate((x5, x6)):
            if j >= argc:
                m.mov(reg, x4)                # no end: the length
                break
            m.ldr(reg, _slot(base + j))
            end = m.label()
            if j == 1:
                m.mov(x3, UNDEFINED_WORD)
                m.cmp(reg, x3)
                m.csel(reg, x4, reg, EQ)
                m.b_eq(end)                   # undefined: the length
            m.lsr(x3, reg, 32)
            m.cmp(w3, w22)
            m.b_ne(slow)                      # not an int32: the built-in's ToIntegerOrInfinity
            m.sxtw(reg, reg.w)
            m.cmp(reg, 0)
            m.csel(reg, xzr, reg, LT)         # clamped to 0 ..
            m.cmp(reg, x4)
            m.csel(reg, x4, reg, GT)          # .. length
            m.bind(end)
        m.cmp(x5, x6)
        m.csel(x3, x6, x5, GT)                # from = min
        m.csel(x6, x5, x6, GT)                # to = max
        whole, made = m.label(), m.label()
        m.sub(x5, x6, x3)                     # the units
        m.cmp(x5, x4)
        m.b_eq(whole)
        emit_alloc_string(m, CTX, x5, x8, x7, x9, slow)  # full: the generic path collects
        m.add(x1, x1, x3, lsl(1))             # the first unit (past STRING_DATA)
        m.add(x7, x8, STRING_DATA)
        self._copy_units(x1, x5, x7, w9)      # (w9: x8 holds the new string)
        m.b(made)
        m.bind(whole)
        m.sub(x8, x0, REF_BASE)               # the receiver itself
        m.bind(made)
        m.mov(x9, REF_BASE)
        m.orr(x2, x8, x9)

    def _one_unit(self, slow: Label) -> None:
        """x2 = a new string of the one UTF-16 unit in x3 (24 bytes bumped; a full space
        branches to ``slow``, whose generic path collects). Not the shared one-unit
        string the interpreter hands out: strings compare by their units."""
        m = self.m
        emit_bump(m, CTX, x4, x5, x6, STRING_DATA + 8, slow)
        m.ldr(x5, mem(CTX, Ctx.SHAPE_STRING))
        m.mov(x6, 1)
        m.stp(x5, x6, mem(x4, 0))         # header, length 1
        m.str(x3, mem(x4, STRING_DATA))   # the unit, the rest of the word zero
        m.mov(x5, REF_BASE)
        m.orr(x2, x4, x5)

    def _math1(self, base: int, name: str, slow: Label) -> None:
        """x2 = the word of ``Math.<name>`` (see _MATH1) of the number in slot
        ``base``, computed on doubles and boxed as ``num_word`` does; not a number:
        ``slow``."""
        self._double_of(base, slow)       # d0 (t_num: a double in line)
        getattr(self.m, _MATH1[name])(d0, d0)
        self._emit_box()

    def t_Throw(self, pc: int, a: int) -> bool:
        """``throw`` where a handler of this function covers ``pc``: the value to the
        handler's register and on at its pc, without leaving machine code (as
        ``hvm.interp``'s dispatch: the first handler in ``code.handlers`` covering
        ``pc``); where it was thrown goes to the ring the runtime reads (see
        :data:`THROW_RING`). A throw out of the function is the generic path."""
        h = next(((hpc, reg) for start, end, hpc, reg in self.code.handlers
                  if start <= pc < end), None)
        if h is None:
            return False
        if self.forced_guard(pc):
            return True
        hpc, reg = h
        m = self.m
        slow = m.label()
        m.mov(x2, self.depth_word)
        m.ldr(x1, mem(x2, THROW_COUNT))
        m.cmp(x1, THROW_RING)
        m.b_hs(slow)                      # full: the runtime empties it on that path
        m.ldr(x3, mem(CTX, Ctx.ROOTS + 8 * THROW_ROOT))
        m.mov(x4, UNDEFINED_WORD)
        m.cmp(x3, x4)
        m.b_eq(slow)                      # no ring yet
        m.mov(x4, REF_BASE)
        m.sub(x3, x3, x4)
        m.ldr(x3, mem(x3, ARRAY_ELEMENTS))
        m.add(x3, x3, x1, lsl(3))
        m.ldr(x0, _slot(a))
        m.str(x0, mem(x3, VECTOR_DATA))
        m.add(x3, x2, x1, lsl(3))
        m.mov(x4, self.cid << 32 | pc)
        m.str(x4, mem(x3, THROW_PLACES))
        m.add(x1, x1, 1)
        m.str(x1, mem(x2, THROW_COUNT))
        m.str(x0, _slot(reg))
        m.b(self.labels[hpc])
        m.bind(slow)
        self.generic(pc)
        return True

    def _error_shapes(self, kind: str) -> tuple[int, Shape, Shape, Shape, int] | None:
        """For ``new kind(message)`` in line: the constructor's native code id, the
        shape of its errors (the prototype's root shape with ``message`` then
        ``stack`` added, as its ``ctor`` adds them), the root shape (whose prototype
        word the collector keeps current), the prototype's shape now and the byte offset
        of its own ``name``; None when anything is unusual."""
        g = core.get_own(R.global_obj.word, kind)
        proto = R.protos.get(kind)
        if g is None or proto is None or core.kind_of(g) != KIND_CLOSURE:
            return None
        native = core.closure_code_id(g)
        if native < core.NATIVE_BASE or R.natives[native - core.NATIVE_BASE].ctor is None:
            return None
        heap = R.heap
        pshape = core.shape_of(proto.word)
        if 10 * (len(heap._shapes) + 3) > 9 * heap.max_shapes or pshape.dict or (
                core.get_own(proto.word, core.K_ROOT) is None
                and len(pshape.keys) >= pshape.capacity):
            return None  # (Heap.put would make a dictionary, or allocate a slot vector)
        # made here if the constructor has not made them yet: nothing allocates (the
        # root shape's number goes to an inline slot of the prototype)
        root = core.root_shape(proto.word)
        one = heap.with_key(root, "message")
        two = heap.with_key(one, "stack")
        pshape = core.shape_of(proto.word)
        at = pshape.offset("name")
        if root.keys or pshape.dict or at is None or two.dict \
                or two.kind != KIND_OBJECT or two.capacity != root.capacity \
                or two.offset("message") is None or two.offset("stack") is None:
            return None
        return native, two, root, pshape, at

    def _new_error(self, pc: int, a: int, b: int, base: int, kind: str,
                   other: Label) -> None:
        """``new kind(message)`` of a string message when the callee is that very
        built-in error constructor: the error (its ``message`` the string itself, its
        ``stack`` "NAME: MESSAGE" and :data:`STACK_TAIL`, NAME the prototype's own
        ``name``, while the prototype keeps the shape it had when compiled) and the
        ``stack`` string bumped together in line; a callee not that one goes to
        ``other``; an empty name or message, another name or message than a string or a
        full space take the generic path (the constructor itself)."""
        got = self._error_shapes(kind)
        if got is None or self.arena is None:
            return
        native, shape, root, pshape, name_at = got
        if self._stack_tail == 0:
            tail = STACK_TAIL.encode("utf-16-le")
            self._stack_tail, words = self.arena.alloc(len(tail))
            words.cast("B")[:len(tail)] = tail
        m = self.m
        slow = m.label()
        self._callee_is(b, native, other)
        m.ldr(x10, _slot(base))           # the message: a string
        emit_kind_of(m, x10, x12, x2, x2, slow)
        m.cmp(x2, KIND_STRING)
        m.b_ne(slow)
        m.mov(x3, root.address)           # the prototype (current after collections)
        m.ldr(x3, mem(x3, ShapeCell.PROTO))
        m.mov(x4, REF_BASE)
        m.sub(x3, x3, x4)
        m.ldr(x4, mem(x3, 0))
        m.mov(x5, pshape.address)
        m.cmp(x4, x5)
        m.b_ne(slow)                      # its keys changed: name may be elsewhere
        m.ldr(x11, mem(x3, name_at))      # its own name: a string
        emit_kind_of(m, x11, x13, x2, x2, slow)
        m.cmp(x2, KIND_STRING)
        m.b_ne(slow)
        m.ldr(x14, mem(x12, STRING_LENGTH))
        m.ldr(x15, mem(x13, STRING_LENGTH))
        m.cbz(x14, slow)                  # "NAME" or "MESSAGE" alone: the generic path
        m.cbz(x15, slow)
        m.add(x9, x14, x15)
        m.add(x9, x9, 2 + len(STACK_TAIL))  # the stack's units
        # one bump: the stack string, then the error object
        m.lsl(x6, x9, 1)
        m.add(x6, x6, STRING_DATA + 7)
        m.and_(x6, x6, ~7 & 0xFFFF_FFFF_FFFF_FFFF)
        m.ldr(x7, mem(CTX, Ctx.HEAP_TOP))
        m.ldr(x8, mem(CTX, Ctx.HEAP_LIMIT))
        m.add(x5, x7, x6)                 # the object
        m.add(x4, x5, OBJECT_SLOTS + 8 * shape.capacity)
        m.cmp(x4, x8)
        m.b_hi(slow)
        m.str(x4, mem(CTX, Ctx.HEAP_TOP))
        m.str(xzr, mem(x5, -8))           # the string's padding units are 0
        m.ldr(x8, mem(CTX, Ctx.SHAPE_STRING))
        m.stp(x8, x9, mem(x7, 0))         # header, length
        m.add(x3, x7, STRING_DATA)
        self._copy_units(x13, x15, x3)    # NAME
        m.mov(w8, ord(":"))
        m.strh(w8, post(x3, 2))
        m.mov(w8, ord(" "))
        m.strh(w8, post(x3, 2))
        self._copy_units(x12, x14, x3)    # MESSAGE
        m.mov(x13, self._stack_tail - STRING_DATA)
        m.mov(x15, len(STACK_TAIL))
        self._copy_units(x13, x15, x3)
        m.mov(x8, shape.address)
        m.stp(x8, xzr, mem(x5, 0))        # header, no out-of-line slots
        m.mov(x8, UNDEFINED_WORD)
        msg_at, stack_at = shape.offset("message"), shape.offset("stack")
        assert msg_at is not None and stack_at is not None  # (_error_shapes checked)
        for j in range(shape.capacity):
            at = shape.slot_offset + 8 * j
            if at not in (msg_at, stack_at):
                m.str(x8, mem(x5, at))
        m.mov(x8, REF_BASE)
        m.orr(x7, x7, x8)
        m.orr(x5, x5, x8)
        m.sub(x6, x5, x8)
        m.str(x10, mem(x6, msg_at))
        m.str(x7, mem(x6, stack_at))
        m.str(x5, _slot(a))
        m.b(self.labels[pc + 1])
        m.bind(slow)
        self.generic(pc)                  # (goes on at the next pc itself)

    def _new_array(self, pc: int, a: int, b: int, base: int, other: Label) -> None:
        """``new Array(n)`` of an int32 n in [0, 2**24) when the callee is the realm's
        ``Array``: n holes (array and vector in one bump, as :meth:`_alloc_holes`), then
        on at the next pc; another n (the built-in's RangeError, or a one-element
        array of a non-number) or a full space: the generic path; another callee:
        ``other``."""
        native = native_code_id("Array")
        if native is None:
            return
        m = self.m
        slow = m.label()
        self._callee_is(b, native, other)
        m.ldr(x7, _slot(base))
        m.lsr(x4, x7, 32)
        m.cmp(w4, w22)
        m.b_ne(slow)                      # not an int32
        m.mov(w7, w7)                     # (a negative one is 2**31 or more)
        m.lsr(x4, x7, NEW_ARRAY_BITS)
        m.cbnz(x4, slow)
        self._alloc_holes(slow)
        m.str(x2, _slot(a))
        m.b(self.labels[pc + 1])
        m.bind(slow)
        self.generic(pc)

    def _fill(self, base: int, slow: Label) -> None:
        """x2 = ``arr.fill(v)`` of the array x0 (cell x1, header x2), v in slot ``base``:
        every element below the length is v (holes too); the array itself. Another
        receiver: ``slow``."""
        m = self.m
        loop, end = m.label(), m.label()
        m.ldr(x5, _slot(base))
        m.ldr(x3, mem(CTX, Ctx.SHAPE_ARRAY))
        m.cmp(x2, x3)
        m.b_ne(slow)
        m.ldr(x3, mem(x1, ARRAY_LENGTH))
        m.cbz(x3, end)
        m.ldr(x4, mem(x1, ARRAY_ELEMENTS))
        m.add(x4, x4, VECTOR_DATA)
        m.bind(loop)
        m.str(x5, post(x4, 8))
        m.subs(x3, x3, 1)
        m.b_ne(loop)
        m.bind(end)
        m.mov(x2, x0)

    def _copy_units(self, cell: Any, count: Any, dst: Any, tmp: Any = w8) -> None:
        """``count`` (>= 0; clobbered) UTF-16 units of the string cell at ``cell``
        (clobbered; or that plus twice a first unit's index) to ``dst``, which ends past
        them; ``tmp`` carries each unit."""
        m = self.m
        loop, out = m.label(), m.label()
        m.add(cell, cell, STRING_DATA)
        m.cbz(count, out)
        m.bind(loop)
        m.ldrh(tmp, post(cell, 2))
        m.strh(tmp, post(dst, 2))
        m.subs(count, count, 1)
        m.b_ne(loop)
        m.bind(out)

    def t_New(self, pc: int, a: int, b: int, base: int, argc: int, k: int) -> bool:
        """``new`` of a base constructor whose code is compiled (see the module
        docstring), or of a built-in error constructor in line (:meth:`_new_error`);
        else the generic path."""
        if not self.call_table:
            return False
        if self.forced_guard(pc):
            return True
        m = self.m
        desc = self.code.consts[k]
        if argc == 1 and desc in ERROR_KINDS:
            other = m.label()
            self._new_error(pc, a, b, base, desc, other)
            m.bind(other)
        if argc == 1 and desc == "Array":
            other = m.label()
            self._new_array(pc, a, b, base, other)
            m.bind(other)
        miss = self.guard(pc, R_CALL)
        pmiss = self.guard(pc, R_PROP)
        cell = self._ic_cell(pc)          # the callee's prototype
        roots = self._ic_cell(-1)         # word 0: the instances' root shape
        # One taken path, few blocks (each branch ends an emulated block): the
        # prototype read in line from the cell's first entry, the root shape and the
        # heap's room in one ccmp chain, the stores into the object's slots one
        # computed branch, then check, push and call in one subroutine (as a Call's);
        # everything else out of line, where the old order decides what failed: the
        # callee first (not direct: the guard; a built-in: the generic path), then
        # its prototype.
        slow_proto, slow_alloc, sort = m.label(), m.label(), m.label()
        emit_cell_run(m, _NEW_PROTO, b, cell - self.block_address)
        m.b_ne(slow_proto)
        have_proto = m.offset + 4         # (the out-of-line lookup's way back)
        emit_cell_run(m, _NEW_ALLOC, roots - self.block_address)
        m.b_hi(slow_alloc)
        _NEW_HEADER.emit(m)
        filled, fill = m.label(), m.label()
        m.adr(x16, filled)                # a computed branch into unrolled stores
        m.sub(x16, x16, x7, lsl(2))
        m.adr(x17, fill)                  # (many slots: a loop, out of line)
        at = m.offset
        _NEW_SLOTS.emit(m, b, base)
        m.bind_at(filled, at + 4 * (3 + UNROLLED))
        if argc <= ARGC_SUBS:
            m.bl(self._call_sub(True, argc))
        else:
            m.mov(x11, argc)
            m.bl(self._call_sub(True))
        self._cid_again()
        called, result = m.label(), m.label()
        m.cbnz(x0, called)
        back = m.offset                   # (the callee returns here)
        _NEW_RESULT.emit(m)
        m.b_ne(result)                    # (a constructor's usual result: undefined)
        _STORE_X3.emit(m, a)
        done = m.offset

        def paths() -> None:
            # (runs between the branches out: :func:`_new_paths_runs`)
            m.bind(fill)                  # x7 > UNROLLED slots from x9
            m.emit_words(_NEW_FILL.get(0) or _new_fill())
            m.b(filled)
            m.bind(slow_proto)            # another entry, or not an own inline slot
            _UNTAG_SLOT.emit(m, b)        # (heapcode.emit_untag_ref)
            m.cbnz(x2, sort)
            emit_cell_run(m, _CELL_X3, cell - self.block_address)
            m.bl(self._get_sub())         # x0 = callee.prototype (x1-x9 clobbered)
            m.b_eq(m.label_at(have_proto))
            m.b(sort)
            m.bind(slow_alloc)            # no root shape, another prototype, or no room
            m.cbz(x2, sort)
            _PROTO_IS_X0.emit(m)
            m.b_ne(sort)
            self.generic(pc)              # no room: the generic New collects
            m.bind(sort)                  # the callee first, then its prototype
            _LOAD_X0.emit(m, b)
            m.bl(self._check_sub(True))
            m.b_lo(miss)
            m.b_eq(pmiss)
            self.generic(pc)              # a built-in
            m.bind(called)                # the subroutine's status was not 0
            self._not_called(pc, b, True, argc, m.label_at(back))
            m.bind(result)                # an object the constructor returned, or this
            joined = m.label_at(done)
            _NEW_OBJECT_RESULT.emit(m, a, lambda mm: mm.b(joined))
            _STORE_X3.emit(m, a)          # (a primitive result: the new object)
            m.b(joined)

        self.later(paths)
        return True


class _Body(CallTemplates):
    """A stand-in of a compiler for a native's run: the templates' own emitting
    methods on an assembler of the run's (they read nothing but ``m``)."""

    def __init__(self, m: MacroAssembler) -> None:
        self.m = m


#: The natives whose call is one run (:func:`_native_run`), per argument count.
_RUN_NATIVES: dict[str, dict[int, Run]] = {
    name: {} for name in ("charAt", "charCodeAt", "join", "slice", "substring", "pop",
                          "shift", "isArray", "fromCharCode")}


__all__ = ["ARROW", "NATIVES", "NEWABLE", "NOT_CALLABLE", "THROW_COUNT", "THROW_PLACES",
           "THROW_RING", "THROW_ROOT", "CallTemplates", "call_word",
           "native_code_id", "native_function"]
