"""Templates of the baseline JIT for operators, truthiness, equality and variables.

A mixin of :class:`~a64js.jit.compiler.FunctionCompiler`: each ``t_<Opcode>`` emits one
bytecode on ``self.m`` (values in frame slots before and after, as the compiler's
module docstring says) and returns True, or False to leave the instruction to the
generic path. Registers: x0-x9 and d0-d2 only (x19-x25 are the compiler's).

Some operations are one shared subroutine per function (emitted at first use, behind a
branch, and reached with ``bl``: the compiled function saved x30 in its prologue):

- *strict equality* (``===``): x0, x1 words; flags EQ when equal. Equal words are equal
  values but for NaN; different words are equal only as numbers (an int32 against a
  double, 0 against -0: compared as doubles) or as strings of the same units;
- *truthiness*: x0 a word; x0 = 1 when truthy (a non-empty string, a non-zero number
  that is not NaN, an object, true), else 0.

So ``===`` and the branches on a value never leave machine code.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from types import CodeType, MethodType
from typing import Any

from a64jit import (
    EQ,
    GT,
    HI,
    LO,
    LS,
    NE,
    Cond,
    Label,
    MacroAssembler,
    d0,
    d1,
    d2,
    lsl,
    mem,
    post,
    w0,
    w1,
    w2,
    w3,
    w6,
    w7,
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
    x30,
    xzr,
)
from a64jit.operands import W_BY_CODE, X_BY_CODE

from ..bytecode import Code
from ..heap import (
    CLOSURE_CONTEXT,
    CONTEXT_PARENT,
    KIND_CLOSURE,
    STRING_DATA,
    STRING_LENGTH,
    Ctx,
    ShapeCell,
)
from ..hvm.core import UNINIT_WORD
from ..values import NULL
from ..words import (
    ADDR_MASK,
    CANONICAL_NAN,
    CONST_BASE,
    FALSE_WORD,
    INT_BASE,
    NULL_WORD,
    REF_BASE,
    TAG_CONST,
    TAG_INT,
    TAG_REF,
    TRUE_WORD,
    UNDEFINED_WORD,
    double_word,
)
from . import hostcalls, subcache
from .reasons import R_NOT_INT, R_TDZ, R_TYPEOF
from .regs import (
    CTX,
    INTB,
    INTHI,
    buffer,
    steps,
    words_of,
)
from .regs import slot as _slot
from .runs import SLOT_LIMIT, SLOT_SHIFT, slot_word

#: Whether :meth:`OpTemplates._subroutine` shares a subroutine's words between
#: functions (the tests compile with and without: the same bytes).
SUBROUTINE_CACHE = True
#: (the body's code, its closure's values but the compiler, the JIT's call table, depth
#: word, context address) -> the subroutine's machine code (an int: the uses so far, not
#: recorded yet)
_SUBROUTINES: dict[tuple[Any, ...], bytes | int] = {}
#: The use of a subroutine (in one process) that records it; every use from it on
#: splices the recorded words (the first: a recording is one emission, into a scratch
#: MacroAssembler, then its finalize)
RECORD_AT = 1

class _Body:
    """A subroutine body's code object in :func:`_sub_key`'s key, hashed by identity: a
    code object's own hash reads its whole bytecode and constants at every call (~2.6
    us for _emit_call's, at each use of a subroutine in each function)."""

    __slots__ = ("code",)

    def __init__(self, code: CodeType) -> None:
        self.code = code


#: id(code) -> its _Body (which keeps the code alive: its id is never another's)
_BODIES: dict[int, _Body] = {}


def _sub_key(fc: Any, emit: Callable[[], None]) -> tuple[Any, ...] | None:
    """What a subroutine's words depend on: its body's code, the values its closure holds
    (a flag, not the compiler itself), and the JIT-wide addresses a body may embed; None
    when that cannot be told (a method of another object, an unhashable value held)."""
    fn: Any = emit
    if type(emit) is MethodType:
        if emit.__self__ is not fc:
            return None
        fn = emit.__func__
    cells = fn.__closure__
    code = fn.__code__
    body = _BODIES.get(id(code))
    if body is None:
        body = _BODIES[id(code)] = _Body(code)
    if cells is None:  # (a method of the compiler's, as a rule: hashable as it is)
        return (body, (), fc.call_table, fc.depth_word, fc.ctx_address)
    held = tuple([c.cell_contents for c in cells if c.cell_contents is not fc])
    key = (body, held, fc.call_table, fc.depth_word, fc.ctx_address)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _stable_key(key: tuple[Any, ...]) -> str | None:
    """The on-disk cache's name for the in-process key ``key`` (its body's code object
    named by its file's path, line and qualified name; the values its closure holds by ``repr``;
    which of the JIT's addresses are set), or None when a held value has no stable
    ``repr`` (only None, bools, ints, floats and strings have)."""
    body, held, call_table, depth_word, ctx_address = key
    code = body.code
    if any(type(v) not in _PLAIN_TYPES for v in held):
        return None
    flags = f"{int(bool(call_table))}{int(bool(depth_word))}{int(bool(ctx_address))}"
    return f"{code.co_filename}:{code.co_firstlineno}:{code.co_qualname}|{held!r}|{flags}"


_PLAIN_TYPES = (type(None), bool, int, float, str)
#: The longest string constant ``===`` compares in line (its unit words as immediates).
STRING_UNITS_INLINE = 16


#: A cache entry's first byte: the words as they are, the words with ``mov`` instructions of the
#: JIT's addresses to redo, or none (the body is recorded in every process).
_PLAIN, _RELOCATED, _OWN = 0, 1, 2
#: The registers a relocatable entry may name.
_MOV_REGS: dict[str, Any] = {str(r): r for r in (*X_BY_CODE, *W_BY_CODE)}


def _moved(address: int) -> int:
    """``address`` moved (for :meth:`OpTemplates._entry`): each of its 16-bit chunks
    that is neither 0 nor 0xFFFF changed to another such value, so that a ``mov`` of it
    has other words but, as a rule, the same instructions (the zero and all-ones chunks
    decide which and how many)."""
    out = address
    for shift in range(0, 64, 16):
        chunk = address >> shift & 0xFFFF
        if chunk not in (0, 0xFFFF):
            new = chunk ^ 0x10 if chunk ^ 0x10 not in (0, 0xFFFF) else chunk ^ 0x20
            out ^= (chunk ^ new) << shift
    return out


class _Moved:
    """A stand-in for a host function at another address (``_movable``)."""

    def __init__(self, address: int) -> None:
        self.address = address


#: The word of -0 (a double: only the sign bit).
NEG_ZERO = 1 << 63
#: ``typeof``'s results; the string of ``TYPEOF_NAMES[i]`` is kept in the context block's
#: root word ``ROOT_TYPEOF + i`` once made (t_props uses root 0)
TYPEOF_NAMES = ("number", "undefined", "object", "boolean", "string", "function")
ROOT_TYPEOF = 10


def _emit_env(m: MacroAssembler, reg: Any, depth: int) -> None:
    """``reg`` = the address of the callee's context ``depth`` parents up."""
    m.ldr(reg, _slot(2))
    m.and_(reg, reg, ADDR_MASK)
    m.ldr(reg, mem(reg, CLOSURE_CONTEXT))
    for _ in range(depth):
        m.ldr(reg, mem(reg, CONTEXT_PARENT))


class _Words:
    """Base words of t_ops' runs of words with holes (:func:`_init_words`, at the
    first use in a process): a slot n is ``| n << SLOT_SHIFT`` in a frame access, a
    context's variable ``idx`` ``| (2 + idx) << SLOT_SHIFT`` in ``ldr``/``str``
    ``[x0, #16 + 8 idx]`` (the same scaled field)."""

    ready = False
    ldr_x0 = ldr_x1 = str_x0 = str_x2 = 0
    ldr_x0_x0 = str_x1_x0 = 0
    ld_ctx = st_ctx = str_one = array("I")
    #: (kind, depth) -> the run of a LdEnv / LdEnvChecked / StEnv of that depth
    env: dict[tuple[str, int], array[int]] = {}
    #: the word compared (undefined, null, true, false) -> _strict_const's run
    strict_word: dict[int, array[int]] = {}
    truthy_head = truthy_mid = strict_pair = int_head = ccmp_x4_x5 = array("I")
    cmp_x0_x1 = fmov_d0_x0 = fmov_fcmp = array("I")
    #: _strict_const's string runs: the head by the length, a unit word's load by offset
    str_head: dict[int, array[int]] = {}
    str_unit: dict[int, array[int]] = {}
    strict_segments: tuple[array[int], ...] = ()


def _init_words() -> None:
    W = _Words
    W.ldr_x0 = slot_word("ldr", x0)
    W.ldr_x1 = slot_word("ldr", x1)
    W.str_x0 = slot_word("str", x0)
    W.str_x2 = slot_word("str", x2)
    W.ldr_x0_x0 = slot_word("ldr", x0, x0)
    W.str_x1_x0 = slot_word("str", x1, x0)
    W.ld_ctx = buffer("ld_ctx", steps(
        ("ldr", x0, _slot(0)), ("and_", x0, x0, ADDR_MASK), ("ldr", x0, mem(x0, 0)),
        ("str", x0, _slot(0))))
    W.st_ctx = buffer("st_ctx", steps(
        ("ldr", x0, _slot(0)), ("and_", x0, x0, ADDR_MASK), ("ldr", x1, _slot(0)),
        ("str", x1, mem(x0, 0))))
    W.str_one = array("I", [W.str_x0])
    W.env = {}
    W.strict_word = {}
    W.str_head = {}
    W.str_unit = {}
    W.int_head = buffer("int_head", steps(("ldr", x0, _slot(0)), ("cmp", x0, INTB)))
    W.ccmp_x4_x5 = words_of("ccmp_x4_x5", steps(("ccmp", x4, x5, 0b0000, EQ)))
    W.cmp_x0_x1 = words_of("cmp_x0_x1", steps(("cmp", x0, x1)))
    W.fmov_d0_x0 = words_of("fmov_d0_x0", steps(("fmov", d0, x0)))
    W.fmov_fcmp = words_of("fmov_fcmp", steps(("fmov", d1, x1), ("fcmp", d0, d1)))
    W.truthy_head = buffer("truthy_head", steps(
        ("ldr", x0, _slot(0)), ("mov", x9, TRUE_WORD), ("cmp", x0, x9)))
    W.truthy_mid = words_of("truthy_mid", steps(("sub", x9, x9, 1), ("cmp", x0, x9)))
    W.strict_pair = buffer("strict_pair", steps(
        ("ldr", x0, _slot(0)), ("ldr", x1, _slot(0)), (_strict_segment, 0)))
    W.strict_segments = tuple(words_of(("strict_segment", i), steps((_strict_segment, i)))
                              for i in range(7))
    W.ready = True


def _env_run(kind: str, depth: int) -> array[int]:
    """The run of a LdEnv (``kind`` "ld": the variable to slot a), the head of a
    LdEnvChecked ("ldc": the variable, UNINIT_WORD compared) or a StEnv ("st": slot c
    to the variable) ``depth`` contexts up: its holes in the words after the walk."""
    def build(m: MacroAssembler) -> None:
        _emit_env(m, x0, depth)
        if kind == "st":
            m.ldr(x1, _slot(0))
            m.str(x1, mem(x0, 0))
            return
        m.ldr(x0, mem(x0, 0))
        if kind == "ld":
            m.str(x0, _slot(0))
        else:
            m.mov(x1, UNINIT_WORD)
            m.cmp(x0, x1)
    run = _Words.env[kind, depth] = buffer(("env_run", kind, depth), build)
    return run


def _str_head(m: MacroAssembler, n: int, r: int = 0) -> None:
    """:meth:`OpTemplates._strict_const`'s test of a string of ``n < 32`` units in slot
    ``r`` (its load first; 0 in the run, whose hole it is): its shape and length, the
    cell for its unit words."""
    m.ldr(x0, _slot(r))
    m.mov(x2, REF_BASE)
    m.sub(x1, x0, x2)                     # the cell, if a reference
    m.lsr(x2, x1, 48)
    m.add(x3, CTX, Ctx.SHAPE_ARRAY)
    m.cmp(x2, 0)
    m.csel(x1, x1, x3, EQ)                # else a stand-in cell (never a string)
    m.ldr(x2, mem(x1, 0))
    m.ldr(x3, mem(CTX, Ctx.SHAPE_STRING))
    m.ldr(x4, mem(x1, STRING_LENGTH))
    m.cmp(x2, x3)
    m.ccmp(x4, n, 0b0000, EQ)             # EQ: a string of n units
    if n:
        m.csel(x1, x1, CTX, EQ)           # (its unit words exist only then)


def _str_head_run(n: int) -> array[int]:
    run = _Words.str_head[n] = buffer(("str_head", n), steps((_str_head, n)))
    return run


def _str_unit_run(i: int) -> array[int]:
    """The load of a string's unit word at byte ``i`` of its data (x1 the cell)."""
    run = _Words.str_unit[i] = words_of(("str_unit", i),
                                        steps(("ldr", x4, mem(x1, STRING_DATA + i))))
    return run


#: (b tested, c tested) -> t_Mod's four runs and their holes (run, word, kind: 0 slot
#: b's load, 1 slot c's, 2 a store to slot a, 3 the generic stub's pc word)
_MOD: dict[tuple[bool, bool], tuple[list[array[int]], list[tuple[int, int, int]]]] = {}
#: the generic step's reason (compiler.R_STEP; the stub word is pc << 8 | R_STEP)
_R_STEP = 253


def _mod_runs(key: tuple[bool, bool]) -> tuple[list[array[int]], list[tuple[int, int,
                                                                              int]]]:
    """t_Mod's words for operands tested as ``key`` says, built once with every slot
    and the pc 0 and the three ``bl`` to a stand-in label: split at the ``bl`` (the
    site emits its own), the holes found as the words of a slot-0 access (each kind's
    count checked) and the word after the stub's ``blr``."""
    from .compiler import FunctionCompiler, _blr_step  # (the template's own emission)

    m = MacroAssembler()
    sub = m.label()

    class Scratch(FunctionCompiler):
        def _num2(self) -> Label:
            return sub

        def _dmod(self) -> Label:
            return sub

        def _box(self) -> Label:
            return sub

        def is_int_const(self, r: int) -> bool:
            return not key[r - 1]  # (slot 1 is b, slot 2 c)

    fc = Scratch.__new__(Scratch)
    fc.m = m
    fc.stress = None
    fc._mod_plain(0, 0, 1, 2)
    n = m.offset // 4
    m.bind(sub)
    words = array("I", [int.from_bytes(w, "little") for w in
                        (lambda raw: [raw[i:i + 4] for i in range(0, 4 * n, 4)])(
                            m.finalize())])
    top = words_of("bl0", steps(("bl", 0)))[0] & 0xFC00_0000  # (bl's opcode bits)
    bl_at = [i for i, w in enumerate(words) if w & 0xFC00_0000 == top]
    assert len(bl_at) == 3, bl_at
    segs: list[array[int]] = []
    start = 0
    for i in [*bl_at, n]:
        segs.append(words[start:i])
        start = i + 1
    ldr0 = slot_word("ldr", x0) | 1 << SLOT_SHIFT
    ldr1 = slot_word("ldr", x1) | 2 << SLOT_SHIFT
    str2 = slot_word("str", x2)
    blr = _blr_step()
    holes: list[tuple[int, int, int]] = []
    for j, seg in enumerate(segs):
        for i, w in enumerate(seg):
            kind = {ldr0: 0, ldr1: 1, str2: 2}.get(w)
            if kind is None and i and seg[i - 1] == blr and w == _R_STEP:
                kind = 3
            if kind is not None:
                holes.append((j, i, kind))
    kinds = [h[2] for h in holes]
    assert (kinds.count(0), kinds.count(1), kinds.count(2), kinds.count(3)) == (1, 1, 4, 1), kinds
    _MOD[key] = (segs, holes)
    return segs, holes


def _strict_word_run(word: int) -> array[int]:
    """:meth:`OpTemplates._strict_const`'s run against the constant ``word``
    (undefined, null, true, false): the slot's load (a hole) and the compare."""
    run = _Words.strict_word[word] = buffer(("strict_word", word), steps(
        ("ldr", x0, _slot(0)), ("mov", x1, word), ("cmp", x0, x1)))
    return run


def _strict_segment(m: MacroAssembler, i: int) -> None:
    """Segment ``i`` of :meth:`OpTemplates._strict_words`: its straight-line words
    between two branches (one run each)."""
    if i == 0:
        m.mov(x2, CANONICAL_NAN)
        m.cmp(x0, x2)
        m.ccmp(x0, x1, 0b0000, NE)        # EQ: the same word, not NaN
    elif i == 1:
        m.mov(x2, REF_BASE)
        m.sub(x3, x0, x2)                 # the cells, if references
        m.sub(x4, x1, x2)
        m.orr(x5, x3, x4)
        m.lsr(x5, x5, 48)                 # 0: both references
    elif i == 2:
        m.mov(x2, CONST_BASE)
        m.cmp(x0, x2)
        m.ccmp(x1, x2, 0b0010, LO)        # LO: both numbers
        m.cset(x5, LO)
        m.lsr(x6, x0, 32)
        m.lsr(x7, x1, 32)
        m.cmp(w6, INTHI)
        m.ccmp(w7, INTHI, 0b0000, EQ)     # EQ: both int32 (other words: unequal)
        m.csel(x5, xzr, x5, EQ)
    elif i == 3:
        m.cmp(x0, x1)                     # NE
    elif i == 4:
        m.ldr(x6, mem(x3, 0))
        m.ldr(x7, mem(x4, 0))
        m.ldr(x8, mem(CTX, Ctx.SHAPE_STRING))
        m.ldr(x9, mem(x3, STRING_LENGTH))  # (every cell has a second word)
        m.ldr(x10, mem(x4, STRING_LENGTH))
        m.cmp(x6, x8)
        m.ccmp(x7, x8, 0b0000, EQ)        # EQ: both strings (by their units)
    elif i == 5:
        m.sub(x9, x9, 1)
        m.cmp(x9, 3)
    else:
        m.ldr(x6, mem(x3, STRING_DATA))   # (padding units are 0)
        m.ldr(x7, mem(x4, STRING_DATA))
        m.cmp(x6, x7)


class OpTemplates:
    """Operator, equality, truthiness and variable templates (a FunctionCompiler mixin)."""

    # provided by FunctionCompiler
    m: MacroAssembler
    stress: Any  # (compiler.Stress or None)
    code: Code
    call_table: int
    depth_word: int
    ctx_address: int
    place_subroutine: Callable[[Any, bytes, str], int] | None
    sub_addresses: list[tuple[Label, int]]
    labels: list[Label]
    guard: Callable[[int, int], Label]
    forced_guard: Callable[[int], bool]
    generic: Callable[[int], None]
    check_int: Callable[[Any, Any, int, Label], None]
    is_int_const: Callable[[int], bool]
    _load_ints: Callable[[int, int, int], None]
    _ints_or: Callable[[int, int, Label], None]
    _num2: Callable[[], Label]
    _box: Callable[[], Label]
    _box_store: Callable[[int], None]
    _set_bool: Callable[[int, Cond], None]
    later: Callable[[Callable[[], None]], None]
    const_of: Callable[[int], Any]

    _sub_seq: Label | None = None
    _sub_truthy: Label | None = None
    _sub_dmod: Label | None = None

    # -- shared subroutines ------------------------------------------------------------

    def _subroutine(self, emit: Callable[[], None]) -> Label:
        """A subroutine, emitted out of line after the function's body (t_calls.later:
        where it was emitted at its first use behind a branch over it, that branch
        ended an emulated block at every run of that site); its label.

        Its words are the same in every function of one JIT (its labels are its own, and
        it reads nothing of the function: only the JIT's call table, depth word and
        context address, which the key holds), so its ``RECORD_AT``-th use in a process
        records them (one emission into a scratch MacroAssembler, finalized) and every
        use from then on splices them in as data (``MacroAssembler.data``: one call
        where an emission is ~200, and no Fragment to build: a build cost about one
        emission, which is why it used to wait for the third use). A body that reads
        anything else (the function's code, its constants, cells or pcs) must emit its
        code itself, not through here: its words would be another function's
        (``_record`` refuses only the guards, cells and pending stubs it can see; the
        tests compare every body with the cache off).

        A compiler given ``place_subroutine`` (the JIT's: runtime.Jit._place_subroutine)
        splices nothing: the words are placed once per JIT in its buffer, at their first
        use, and the label returned is bound to that address at the end of the function
        (``bind_address``: its ``bl`` are resolved when the function is placed), so no
        function carries a copy (~37% of the words the JIT emitted over the benchmark's
        workloads)."""
        m = self.m
        words: bytes | None = None
        key = _sub_key(self, emit) if SUBROUTINE_CACHE else None
        if key is not None:
            got = _SUBROUTINES.get(key, 0)
            if isinstance(got, int):
                if got + 1 < RECORD_AT:
                    _SUBROUTINES[key] = got + 1
                else:
                    words = _SUBROUTINES[key] = self._recorded(emit, key)
            else:
                words = got
            place = self.place_subroutine
            if words is not None and place is not None:
                # one copy per JIT, placed at its first use: the function's bl reach it
                # at its address (the label bound to it at the end: compiler._compile)
                entry = m.label()
                self.sub_addresses.append(
                    (entry, place(key, words, getattr(emit, "__name__", "sub"))))
                return entry
        entry = m.label()

        def body(words: bytes | None = words) -> None:
            m.bind(entry)
            if words is None:
                emit()
            else:
                m.data(words)  # (a pool due within is placed before: MacroAssembler.data)

        self.later(body)
        return entry

    def _recorded(self, emit: Callable[[], None], key: tuple[Any, ...]) -> bytes:
        """The subroutine's words: from the on-disk cache (jit/subcache.py) when an
        earlier process stored them, else recorded here and stored (:meth:`_entry`):
        as words when they embed none of the JIT's addresses; as words with the
        ``mov`` instructions of the call table, depth word or context block to redo (each a
        ``MacroAssembler.mov`` of this process's address, of the same length, put in
        its place); else as a mark that the body is recorded in every process."""
        disk = subcache.cache()
        stable = _stable_key(key) if disk is not None else None
        if disk is None or stable is None:
            return self._kept(emit, key)
        entry = disk.get(stable)
        if entry:
            if entry[0] == _PLAIN:
                return entry[1:]
            if entry[0] == _RELOCATED:
                words = self._relocate(entry)
                if words is not None:
                    return words
            return self._kept(emit, key)  # bound to its process, or another mov length
        spans: list[tuple[int, int, str, int]] = []
        words = self._record(emit, spans)
        disk.put(stable, self._entry(emit, words, spans))
        return words

    def _entry(self, emit: Callable[[], None], words: bytes,
               spans: list[tuple[int, int, str, int]]) -> bytes:
        """The cache entry of a body that gave ``words`` (with ``spans``: the ``mov`` instructions
        of the JIT's addresses in it), found by recording it again with every address
        a process chooses moved (the call table, depth word and context block, those
        not zero: a zero one may choose another path; and the helpers' host function):
        the same words, plain; different only inside the same spans, relocatable; else
        bound to this process (a helper's address, a literal, another length)."""
        saved = (self.call_table, self.depth_word, self.ctx_address)
        helpers = dict(hostcalls._FUNCTIONS)
        moved: list[tuple[int, int, str, int]] = []
        try:
            self.call_table, self.depth_word, self.ctx_address = (_moved(a) for a in saved)
            for name, function in helpers.items():
                hostcalls._FUNCTIONS[name] = _Moved(_moved(int(function.address)))
            again = self._record(emit, moved)
        except (AssertionError, ValueError, TypeError, AttributeError, LookupError):
            return bytes([_OWN])  # the body cannot run so: it stays this process's
        finally:
            self.call_table, self.depth_word, self.ctx_address = saved
            hostcalls._FUNCTIONS.update(helpers)
        if again == words and not spans:
            return bytes([_PLAIN]) + words
        if not spans or moved != spans or len(again) != len(words):
            return bytes([_OWN])
        outside = bytearray(again)
        for start, end, _, _ in spans:
            outside[start:end] = words[start:end]
        if bytes(outside) != words:
            return bytes([_OWN])
        head = ";".join(f"{a},{b},{r},{k}" for a, b, r, k in spans).encode()
        return bytes([_RELOCATED]) + len(head).to_bytes(2, "little") + head + words

    def _kept(self, emit: Callable[[], None], key: tuple[Any, ...]) -> bytes:
        """The words of a body the disk cache cannot keep (it names a helper's host
        function, whose address is this process's, or holds a value with no stable
        ``repr``): recorded in each JIT (the key holds the JIT's addresses) unless this
        process found them independent of those: at a second JIT's recording, once
        more with each of its addresses moved (:func:`_moved`); the same words, and
        every later JIT of the backend takes them (a steady process's new JIT recorded
        dict_access and each helper subroutine again: ~0.5 ms each)."""
        body, held, *addresses = key
        backend = hostcalls.backend
        if backend is None:
            return self._record(emit)
        same = ("same", body, held, backend, tuple(bool(a) for a in addresses))
        got = _SUBROUTINES.get(same)
        if type(got) is bytes:
            return got
        words = self._record(emit)
        if got is None:
            _SUBROUTINES[same] = 1  # (one JIT so far: a process with one pays nothing)
        elif got == 1:
            saved = (self.call_table, self.depth_word, self.ctx_address)
            try:
                self.call_table, self.depth_word, self.ctx_address = (
                    _moved(a) for a in saved)
                again: bytes | None = self._record(emit)
            except (AssertionError, ValueError, TypeError, AttributeError, LookupError):
                again = None
            finally:
                self.call_table, self.depth_word, self.ctx_address = saved
            _SUBROUTINES[same] = words if again == words else 0
        return words

    def _relocate(self, entry: bytes) -> bytes | None:
        """A relocatable entry's words with this process's addresses moved in; None when
        a ``mov`` of one is not as long here (the body is recorded then)."""
        n = int.from_bytes(entry[1:3], "little")
        words = bytearray(entry[3 + n:])
        addresses = (self.call_table, self.depth_word, self.ctx_address)
        try:
            spans = [(int(a), int(b), r, int(k)) for a, b, r, k in
                     (span.split(",") for span in entry[3:3 + n].decode().split(";"))]
        except (ValueError, UnicodeDecodeError):
            return None
        for start, end, reg, role in spans:
            if reg not in _MOV_REGS or not 0 <= role < 3 or not addresses[role] \
                    or not 0 <= start < end <= len(words):
                return None
            scratch = MacroAssembler()
            scratch.mov(_MOV_REGS[reg], addresses[role])
            got = scratch.finalize()
            if len(got) != end - start:
                return None
            words[start:end] = got
        return bytes(words)

    def _record(self, emit: Callable[[], None],
                spans: list[tuple[int, int, str, int]] | None = None) -> bytes:
        """``emit``'s machine code (run into a scratch MacroAssembler, finalized); with
        ``spans``, the byte ranges of its ``mov`` instructions of a JIT address (call table 0,
        depth word 1, context block 2) appended there as (start, end, register, which).
        Raises AssertionError if the body touched the function's state (its guards,
        labels, cache cells) or left a label unbound: such a body may not be shared."""
        state = (len(getattr(self, "guards", ())), len(getattr(self, "ic_pcs", ())),
                 len(getattr(self, "pendings", ())))
        saved = self.m
        scratch = self.m = type(saved)()  # (the JIT's class: its memo, its cache)
        if spans is not None:
            roles = {a: k for k, a in enumerate((self.call_table, self.depth_word,
                                                 self.ctx_address)) if a}
            plain_mov = scratch.mov

            def mov(dst: Any, src: Any, *args: Any, **kw: Any) -> None:
                start = scratch.offset
                plain_mov(dst, src, *args, **kw)
                if type(src) is int and src in roles:
                    spans.append((start, scratch.offset, str(dst), roles[src]))

            scratch.mov = mov  # type: ignore[method-assign, assignment]
        try:
            emit()
        finally:
            self.m = saved
        size = scratch.offset
        after = (len(getattr(self, "guards", ())), len(getattr(self, "ic_pcs", ())),
                 len(getattr(self, "pendings", ())))
        why = f"subroutine {getattr(emit, '__name__', emit)!r} is not self-contained"
        try:
            data = scratch.finalize()  # fails on a label used but not bound in the body
        except (ValueError, TypeError) as e:
            raise AssertionError(f"{why}: {e}") from e
        if state != after or len(data) != size or size % 4:
            raise AssertionError(f"{why}: it cannot be shared between functions")
        return bytes(data)

    def _seq(self) -> Label:
        """The strict-equality subroutine (see the module docstring)."""
        if self._sub_seq is None:
            self._sub_seq = self._subroutine(self._emit_seq)
        return self._sub_seq

    def _emit_seq(self) -> None:
        m = self.m
        differ, ne, eq, ref, loop = m.label(), m.label(), m.label(), m.label(), m.label()
        m.cmp(x0, x1)
        m.b_ne(differ)
        m.mov(x2, CANONICAL_NAN)
        m.cmp(x0, x2)
        m.b_eq(ne)                   # NaN is not equal to itself
        m.bind(eq)
        m.cmp(x0, x0)
        m.ret()
        m.bind(ne)
        m.cmp(x30, 0)                # x30, the return address, is not 0: NE
        m.ret()
        m.bind(differ)
        m.lsr(x2, x0, 48)
        m.lsr(x3, x1, 48)
        m.cmp(x2, TAG_INT)
        m.b_hi(ref)
        m.cmp(x3, TAG_INT)
        m.b_hi(ne)                   # a number and a non-number
        for reg, tag, dreg in ((x0, x2, d0), (x1, x3, d1)):
            dbl, done = m.label(), m.label()
            m.cmp(tag, TAG_INT)
            m.b_ne(dbl)
            m.scvtf(dreg, reg.w)
            m.b(done)
            m.bind(dbl)
            m.fmov(dreg, reg)
            m.bind(done)
        m.fcmp(d0, d1)               # unordered (NaN): NE
        m.ret()
        m.bind(ref)                  # x0 is a constant or a reference
        m.cmp(x2, TAG_REF)
        m.b_ne(ne)
        m.cmp(x3, TAG_REF)
        m.b_ne(ne)
        m.and_(x4, x0, ADDR_MASK)
        m.and_(x5, x1, ADDR_MASK)
        m.ldr(x6, mem(x4, 0))
        m.ldr(x7, mem(x5, 0))
        m.ldr(x8, mem(CTX, Ctx.SHAPE_STRING))
        m.cmp(x6, x8)
        m.b_ne(ne)                   # different cells, not both strings
        m.cmp(x7, x8)
        m.b_ne(ne)
        m.ldr(x6, mem(x4, STRING_LENGTH))
        m.ldr(x7, mem(x5, STRING_LENGTH))
        m.cmp(x6, x7)
        m.b_ne(ne)
        m.add(x6, x6, 3)             # words of UTF-16 units (zero-padded)
        m.lsr(x6, x6, 2)
        m.add(x4, x4, STRING_DATA)
        m.add(x5, x5, STRING_DATA)
        m.bind(loop)
        m.cbz(x6, eq)                # every unit equal
        m.ldr(x7, post(x4, 8))
        m.ldr(x8, post(x5, 8))
        m.sub(x6, x6, 1)
        m.cmp(x7, x8)
        m.b_eq(loop)
        m.ret()                      # NE

    def _truthy(self) -> Label:
        """The truthiness subroutine (see the module docstring)."""
        if self._sub_truthy is None:
            self._sub_truthy = self._subroutine(self._emit_truthy)
        return self._sub_truthy

    def _emit_truthy(self) -> None:
        m = self.m
        dbl, i32, const, true = m.label(), m.label(), m.label(), m.label()
        m.lsr(x2, x0, 48)
        m.cmp(x2, TAG_INT)
        m.b_lo(dbl)
        m.b_eq(i32)
        m.cmp(x2, TAG_CONST)
        m.b_eq(const)
        m.and_(x3, x0, ADDR_MASK)   # a reference: only the empty string is falsy
        m.ldr(x4, mem(x3, 0))
        m.ldr(x5, mem(CTX, Ctx.SHAPE_STRING))
        m.cmp(x4, x5)
        m.b_ne(true)
        m.ldr(x4, mem(x3, STRING_LENGTH))
        m.cmp(x4, 0)
        m.cset(x0, NE)
        m.ret()
        m.bind(true)
        m.mov(x0, 1)
        m.ret()
        m.bind(i32)
        m.cmp(w0, 0)
        m.cset(x0, NE)
        m.ret()
        m.bind(const)
        m.mov(x2, TRUE_WORD)
        m.cmp(x0, x2)
        m.cset(x0, EQ)
        m.ret()
        m.bind(dbl)
        m.fmov(d0, x0)
        m.fabs(d0, d0)
        m.fcmp(d0, 0.0)             # NaN: unordered, not GT
        m.cset(x0, GT)
        m.ret()

    # -- equality ----------------------------------------------------------------------

    def _strict(self, b: int, c: int) -> None:
        """Flags EQ when slots ``b`` and ``c`` are strictly equal, else NE: in line
        against a constant (:meth:`_strict_const`), else the subroutine."""
        if not self._strict_const(b, c) and not self._strict_const(c, b):
            if (b | c) < SLOT_LIMIT:
                run = _Words.strict_pair  # the loads and the words' first segment
                run[0] = _Words.ldr_x0 | b << SLOT_SHIFT
                run[1] = _Words.ldr_x1 | c << SLOT_SHIFT
                self.m.emit_words(run)
                self._strict_words(first=False)
                return
            self.m.ldr(x0, _slot(b))
            self.m.ldr(x1, _slot(c))
            self._strict_words()

    def _strict_words(self, first: bool = True) -> None:
        """Flags EQ when the words in x0 and x1 are strictly equal, else NE: in line
        for the same word (but NaN), words that are not both references nor both
        numbers (unequal), two int32 (unequal), two references not both strings
        (unequal: objects by identity), strings of other lengths (unequal) or of one
        to four units (their unit word); other strings, and an int32 against a
        double, through the subroutine, out of line. x2-x10 clobbered."""
        m = self.m
        seg = _Words.strict_segments  # (the straight-line parts: _strict_segment)
        put = m.emit_words
        done, refs, slow = m.label(), m.label(), m.label()
        if first:
            put(seg[0])
        m.b_eq(done)
        put(seg[1])
        m.cbz(x5, refs)
        put(seg[2])
        m.cbnz(x5, slow)                  # numbers of other kinds or doubles
        put(seg[3])
        m.b(done)
        m.bind(refs)
        put(seg[4])
        m.b_ne(done)                      # NE: objects are equal by identity
        m.cmp(x9, x10)
        m.b_ne(done)                      # NE: other lengths
        put(seg[5])
        m.b_hs(slow)                      # empty, or longer than one unit word
        put(seg[6])
        m.bind(done)

        def late() -> None:
            m.bind(slow)
            m.bl(self._sub_seq or self._seq())
            m.b(done)
        self.later(late)

    def _strict_const(self, r: int, k: int) -> bool:
        """Slot ``r`` against constant slot ``k`` in line, where the subroutine took a
        ``bl``, five to ten emulated blocks and a ``ret`` whose target varies with the
        site (in Unicorn ~10 blocks' time): undefined, null, true and false by their
        word (one block); an int32 by its word, a double operand compared as a double
        out of line (two blocks); a string of at most :data:`STRING_UNITS_INLINE` units
        by its shape, length and unit words, with no branch (a non-reference reads a
        stand-in cell of the array shape; another shape or length reads the context
        block's words instead of units past the cell). False for other constants."""
        c = self.const_of(k)
        m = self.m
        if (c is None or c is NULL or type(c) is bool) and r < SLOT_LIMIT:
            word = (UNDEFINED_WORD if c is None else NULL_WORD if c is NULL
                    else TRUE_WORD if c else FALSE_WORD)
            run = _Words.strict_word.get(word) or _strict_word_run(word)
            run[0] = _Words.ldr_x0 | r << SLOT_SHIFT
            m.emit_words(run)
            return True
        if c is None or c is NULL or type(c) is bool:
            m.ldr(x0, _slot(r))
            m.mov(x1, UNDEFINED_WORD if c is None else NULL_WORD if c is NULL
                  else TRUE_WORD if c else FALSE_WORD)
            m.cmp(x0, x1)
            return True
        if type(c) is int and -0x8000_0000 <= c <= 0x7FFF_FFFF:
            dbl, back = m.label(), m.label()
            if r < SLOT_LIMIT:
                run = _Words.int_head  # ldr x0, slot r; cmp x0, INTB
                run[0] = _Words.ldr_x0 | r << SLOT_SHIFT
                m.emit_words(run)
            else:
                m.ldr(x0, _slot(r))
                m.cmp(x0, INTB)
            m.b_lo(dbl)                       # a double: as a double, out of line
            if c:                             # (the constant's words: a64jit's mov's)
                m.emit_words(array("I", m.mov_words(x1, INT_BASE | (c & 0xFFFF_FFFF)))
                             + _Words.cmp_x0_x1)
            else:
                m.cmp(x0, INTB)               # (0's word is INT_BASE itself)
            m.bind(back)

            def late() -> None:
                m.bind(dbl)
                m.emit_words(_Words.fmov_d0_x0 + array("I", m.mov_words(
                    x1, double_word(float(c)))) + _Words.fmov_fcmp)
                m.b(back)                     # (fcmp unordered, a NaN: NE)
            self.later(late)
            return True
        if type(c) is not str:
            return False
        units = c.encode("utf-16-le", "surrogatepass")
        n = len(units) // 2
        if n > STRING_UNITS_INLINE:
            return False
        # the test of shape and length one run (slot r a hole; a slot past the field:
        # the run's build itself), then per unit word its load (fixed), the word's mov
        # and the ccmp (n <= STRING_UNITS_INLINE: the length an immediate of ccmp)
        if r < SLOT_LIMIT:
            run = _Words.str_head.get(n) or _str_head_run(n)
            run[0] = _Words.ldr_x0 | r << SLOT_SHIFT
            m.emit_words(run)
        else:
            _str_head(m, n, r)
        if n:
            # one run of every unit word's load, mov (a64jit's words for the
            # constant: MacroAssembler.mov_words) and ccmp
            units += bytes(-len(units) % 8)   # (a string's padding units are 0)
            mov_words = m.mov_words
            ccmp = _Words.ccmp_x4_x5
            words = array("I")
            for i in range(0, len(units), 8):
                words += _Words.str_unit.get(i) or _str_unit_run(i)
                words.extend(mov_words(x5, int.from_bytes(units[i:i + 8], "little")))
                words += ccmp
            m.emit_words(words)
        return True

    def t_StrictEq(self, pc: int, a: int, b: int, c: int) -> bool:
        self._strict(b, c)
        self._set_bool(a, EQ)
        return True

    def t_StrictNe(self, pc: int, a: int, b: int, c: int) -> bool:
        self._strict(b, c)
        self._set_bool(a, NE)
        return True

    def t_JumpIfStrictEq(self, pc: int, a: int, b: int, t: int) -> bool:
        self._strict(a, b)
        self.m.b_eq(self.labels[t])
        return True

    def t_JumpIfNotStrictEq(self, pc: int, a: int, b: int, t: int) -> bool:
        self._strict(a, b)
        self.m.b_ne(self.labels[t])
        return True

    # -- truthiness ----------------------------------------------------------------------

    def _branch_truthy(self, a: int, t: int, on_true: bool) -> bool:
        m = self.m
        taken = self.labels[t]
        done = m.label()
        if a < SLOT_LIMIT:
            run = _Words.truthy_head
            run[0] = _Words.ldr_x0 | a << SLOT_SHIFT
            m.emit_words(run)
            m.b_eq(taken if on_true else done)
            m.emit_words(_Words.truthy_mid)  # x9 = FALSE_WORD, compared
            m.b_eq(done if on_true else taken)
        else:
            m.ldr(x0, _slot(a))
            m.mov(x9, TRUE_WORD)
            m.cmp(x0, x9)
            m.b_eq(taken if on_true else done)
            m.sub(x9, x9, 1)  # FALSE_WORD
            m.cmp(x0, x9)
            m.b_eq(done if on_true else taken)
        m.bl(self._sub_truthy or self._truthy())
        if on_true:
            m.cbnz(x0, taken)
        else:
            m.cbz(x0, taken)
        m.bind(done)
        return True

    def t_JumpIfTrue(self, pc: int, a: int, t: int) -> bool:
        return self._branch_truthy(a, t, True)

    def t_JumpIfFalse(self, pc: int, a: int, t: int) -> bool:
        return self._branch_truthy(a, t, False)

    def t_Not(self, pc: int, a: int, b: int) -> bool:
        """``!b``: of true and false in line, of anything else through the truthiness
        subroutine, out of line."""
        m = self.m
        other, back = m.label(), m.label()
        m.ldr(x0, _slot(b))
        m.mov(x2, FALSE_WORD)
        m.sub(x3, x0, x2)            # 0 false, 1 true
        m.cmp(x3, 1)
        m.b_hi(other)
        m.mov(x2, TRUE_WORD)
        m.sub(x2, x2, x3)
        m.bind(back)
        m.str(x2, _slot(a))

        def late() -> None:
            m.bind(other)
            m.bl(self._sub_truthy or self._truthy())
            m.mov(x2, TRUE_WORD)
            m.sub(x2, x2, x0)        # truthy: false, else true
            m.b(back)
        self.later(late)
        return True

    def t_JumpIfNullish(self, pc: int, a: int, t: int) -> bool:
        return self._nullish(a, t, True)

    def t_JumpIfNotNullish(self, pc: int, a: int, t: int) -> bool:
        return self._nullish(a, t, False)

    def _nullish(self, a: int, t: int, jump_if: bool) -> bool:
        m = self.m
        m.ldr(x0, _slot(a))
        m.mov(x1, UNDEFINED_WORD)    # null is undefined + 1
        m.sub(x0, x0, x1)
        m.cmp(x0, 1)
        m.b_cond(LS if jump_if else HI, self.labels[t])
        return True

    # -- int32 operators -----------------------------------------------------------------

    def t_Mod(self, pc: int, a: int, b: int, c: int) -> bool:
        """``%``: of two int32 words with ``sdiv``/``msub`` (a zero divisor gives NaN, a
        zero remainder of a negative dividend -0); of other numbers when both are
        integral and at most 2**53 in magnitude, exactly in 64-bit integers (the result
        has the dividend's sign, -0 included: what fmod gives); other finite doubles
        by long division (both in the ``_dmod`` subroutine); the rest (a zero,
        subnormal, infinite or NaN operand, a non-number) is the generic path."""
        if self.stress is not None and self.forced_guard(pc):
            return True
        if (a | b | c) < SLOT_LIMIT:
            # the whole template as four runs between its three bl (its own branches
            # are all inside it: relative, fixed), the slots and the pc in holes
            key = (not self.is_int_const(b), not self.is_int_const(c))
            segs, holes = _MOD.get(key) or _mod_runs(key)
            ldr_x0, ldr_x1, str_x2 = _Words.ldr_x0, _Words.ldr_x1, _Words.str_x2
            for seg, i, kind in holes:
                segs[seg][i] = (ldr_x0 | b << SLOT_SHIFT if kind == 0 else
                                ldr_x1 | c << SLOT_SHIFT if kind == 1 else
                                str_x2 | a << SLOT_SHIFT if kind == 2 else
                                pc << 8 | _R_STEP)
            m = self.m
            m.emit_words(segs[0])
            m.bl(self._num2())
            m.emit_words(segs[1])
            m.bl(self._dmod())
            m.emit_words(segs[2])
            m.bl(self._box())
            m.emit_words(segs[3])
            return True
        self._mod_plain(pc, a, b, c)
        return True

    def _mod_plain(self, pc: int, a: int, b: int, c: int) -> None:
        """t_Mod's emission by calls (slots past SLOT_LIMIT; and the runs' build)."""
        m = self.m
        dbl, nan, negz, slow, done, ok = (
            m.label(), m.label(), m.label(), m.label(), m.label(), m.label())
        self._ints_or(b, c, dbl)
        m.cbz(w1, nan)
        m.sdiv(w2, w0, w1)           # INT_MIN / -1 gives INT_MIN: remainder 0, below
        m.msub(w2, w2, w1, w0)
        m.cbnz(w2, ok)
        m.tbnz(w0, 31, negz)
        m.bind(ok)
        self._box_store(a)
        m.b(done)
        m.bind(nan)
        m.mov(x2, CANONICAL_NAN)
        m.str(x2, _slot(a))
        m.b(done)
        m.bind(negz)
        m.mov(x2, NEG_ZERO)
        m.str(x2, _slot(a))
        m.b(done)
        m.bind(dbl)
        m.bl(self._num2())
        m.b_ne(slow)
        m.bl(self._dmod())
        m.b_ne(slow)
        m.bl(self._box())
        m.str(x2, _slot(a))
        m.b(done)
        m.bind(slow)
        self.generic(pc)
        m.bind(done)

    def _dmod(self) -> Label:
        """The double ``%`` subroutine: d0 = d0 % d1 and flags EQ, or NE for what it
        leaves to the generic path. Operands both integral and at most 2**53 in
        magnitude: exactly in 64-bit integers (the result has the dividend's sign, -0
        included: what fmod gives; a zero divisor: NE); other finite doubles by long
        division (:meth:`_emit_fmod`). x2-x8, d2 clobbered. One subroutine where every
        Mod had the integral path in line."""
        if self._sub_dmod is None:
            self._sub_dmod = self._subroutine(self._emit_dmod)
        return self._sub_dmod

    def _emit_dmod(self) -> None:
        m = self.m
        general, ne = m.label(), m.label()
        # both integral (NaN and infinities fail) and within 2**53 (exact in both
        # forms: x + 2**53 at most 2**54 unsigned), one branch where each test was one
        m.fcvtzs(x2, d0)
        m.fcvtzs(x3, d1)
        m.scvtf(d2, x2)
        m.fcmp(d2, d0)
        m.scvtf(d2, x3)
        m.fccmp(d2, d1, 0b0000, EQ)
        m.mov(x5, 1 << 53)
        m.add(x6, x2, x5)
        m.add(x7, x3, x5)
        m.mov(x8, 1 << 54)
        m.ccmp(x6, x8, 0b0010, EQ)   # (not integral: HI)
        m.ccmp(x7, x8, 0b0010, LS)
        m.b_hi(general)
        m.cbz(x3, ne)                # a zero divisor: NaN (the generic path's)
        m.sdiv(x4, x2, x3)
        m.msub(x4, x4, x3, x2)
        m.scvtf(d2, x4)
        m.fmov(x6, d0)               # the dividend's sign for a zero remainder
        m.and_(x6, x6, NEG_ZERO)
        m.fmov(x7, d2)
        m.cmp(x4, 0)
        m.csel(x7, x6, x7, EQ)
        m.fmov(d0, x7)
        m.cmp(x4, x4)                # EQ
        m.ret()
        m.bind(ne)
        m.cmp(x30, 0)                # the return address is not 0: NE
        m.ret()
        m.bind(general)              # other finite doubles: fmod by long division
        self._emit_fmod()

    def _emit_fmod(self) -> None:
        """d0 = d0 % d1 exactly (the remainder of the truncated quotient, the dividend's
        sign, -0 for a zero remainder of a negative dividend) by long division on the
        53-bit significands, one bit a step; flags EQ, or NE for a zero, subnormal,
        infinite or NaN operand or a subnormal result (part of ``_dmod``)."""
        m = self.m
        ne, zero, retx, loop, shift, tail, norm = (m.label(), m.label(), m.label(),
                                                   m.label(), m.label(), m.label(), m.label())
        frac = (1 << 52) - 1
        m.fmov(x2, d0)
        m.fmov(x3, d1)
        m.and_(x8, x2, NEG_ZERO)     # the result's sign: the dividend's
        m.ubfx(x4, x2, 52, 11)       # exponents
        m.ubfx(x5, x3, 52, 11)
        for e in (x4, x5):
            m.cbz(e, ne)             # zero or subnormal
            m.cmp(e, 0x7FF)
            m.b_eq(ne)               # infinite or NaN
        m.and_(x6, x2, ~NEG_ZERO & 0xFFFF_FFFF_FFFF_FFFF)
        m.and_(x7, x3, ~NEG_ZERO & 0xFFFF_FFFF_FFFF_FFFF)
        m.cmp(x6, x7)                # magnitudes (ordered as their bits)
        m.b_lo(retx)                 # |x| < |y|: x
        m.b_eq(zero)
        m.and_(x6, x2, frac)         # significands with the implicit bit
        m.orr(x6, x6, 1 << 52)
        m.and_(x7, x3, frac)
        m.orr(x7, x7, 1 << 52)
        m.bind(loop)                 # one quotient bit per exponent step
        m.cmp(x4, x5)
        m.b_le(tail)
        m.subs(x2, x6, x7)
        m.b_mi(shift)
        m.cbz(x2, zero)
        m.mov(x6, x2)
        m.bind(shift)
        m.lsl(x6, x6, 1)
        m.sub(x4, x4, 1)
        m.b(loop)
        m.bind(tail)
        m.subs(x2, x6, x7)
        m.b_mi(norm)
        m.cbz(x2, zero)
        m.mov(x6, x2)
        m.bind(norm)                 # below 2**53 here: normalize to bit 52
        m.clz(x2, x6)
        m.sub(x2, x2, 11)
        m.lsl(x6, x6, x2)
        m.sub(x4, x4, x2)
        m.cmp(x4, 0)
        m.b_le(ne)                   # a subnormal result
        m.and_(x6, x6, frac)
        m.orr(x6, x6, x4, lsl(52))
        m.orr(x6, x6, x8)
        m.fmov(d0, x6)
        m.cmp(x6, x6)                # EQ
        m.ret()
        m.bind(retx)
        m.cmp(x2, x2)
        m.ret()
        m.bind(zero)
        m.fmov(d0, x8)               # +0 or -0
        m.cmp(x8, x8)
        m.ret()
        m.bind(ne)
        m.cmp(x30, 0)                # the return address is not 0: NE
        m.ret()

    def _shift(self, pc: int, a: int, b: int, c: int, op: str) -> bool:
        """``<<``, ``>>``, ``>>>`` of two int32 words (the count taken mod 32 as the
        instructions do); a ``>>>`` result of 2**31 or more is stored as a double."""
        if self.stress is not None and self.forced_guard(pc):
            return True
        m = self.m
        self._load_ints(pc, b, c)
        getattr(m, op)(w2, w0, w1)
        if op == "lsr":
            small = m.label()
            done = m.label()
            m.tbz(w2, 31, small)
            m.ucvtf(d0, w2)
            m.fmov(x2, d0)
            m.str(x2, _slot(a))
            m.b(done)
            m.bind(small)
            self._box_store(a)
            m.bind(done)
            return True
        self._box_store(a)
        return True

    def t_Shl(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._shift(pc, a, b, c, "lsl")

    def t_Sar(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._shift(pc, a, b, c, "asr")

    def t_Shr(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._shift(pc, a, b, c, "lsr")

    def t_ToNumber(self, pc: int, a: int, b: int) -> bool:
        """A number is itself; anything else converts on the generic path."""
        m = self.m
        slow, done = m.label(), m.label()
        m.ldr(x0, _slot(b))
        m.lsr(x1, x0, 48)
        m.cmp(x1, TAG_INT)
        m.b_hi(slow)
        m.str(x0, _slot(a))
        m.b(done)
        m.bind(slow)
        self.generic(pc)
        m.bind(done)
        return True

    def t_TypeOf(self, pc: int, a: int, b: int) -> bool:
        """``typeof``: the result is one of six strings; the function's constant pool's
        one when it holds it (``typeof x === "string"`` puts it there), else the
        context block's root word ``ROOT_TYPEOF + i`` for ``TYPEOF_NAMES[i]``, which the
        runtime fills with the string the generic path made at that type's first miss
        (reason "typeof string missing": strings compare by their units, so one shared
        string serves every later result; the collector keeps and moves root words)."""
        pool = {c: self.code.kbase + i for i, c in enumerate(self.code.consts)
                if type(c) is str}
        m = self.m
        missing = self.guard(pc, R_TYPEOF)
        store = m.label()
        labels = {n: m.label() for n in TYPEOF_NAMES}
        m.ldr(x0, _slot(b))
        m.lsr(x1, x0, 48)
        m.cmp(x1, TAG_INT)
        m.b_ls(labels["number"])
        m.cmp(x1, TAG_CONST)
        const = m.label()
        m.b_eq(const)
        m.and_(x2, x0, ADDR_MASK)     # a reference: its shape's kind
        m.ldr(x2, mem(x2, 0))
        m.ldr(x3, mem(CTX, Ctx.SHAPE_STRING))
        m.cmp(x2, x3)
        m.b_eq(labels["string"])
        m.ldr(x2, mem(x2, ShapeCell.KIND))
        m.cmp(x2, KIND_CLOSURE)
        m.b_eq(labels["function"])
        m.b(labels["object"])
        m.bind(const)
        m.mov(x2, UNDEFINED_WORD)
        m.cmp(x0, x2)
        m.b_eq(labels["undefined"])
        m.add(x2, x2, 1)              # null
        m.cmp(x0, x2)
        m.b_eq(labels["object"])
        m.b(labels["boolean"])
        for i, n in enumerate(TYPEOF_NAMES):
            m.bind(labels[n])
            if n in pool:
                m.ldr(x0, _slot(pool[n]))
                m.b(store)
            else:
                m.ldr(x0, mem(CTX, Ctx.ROOTS + 8 * (ROOT_TYPEOF + i)))
                m.mov(x2, UNDEFINED_WORD)
                m.cmp(x0, x2)
                m.b_ne(store)
                m.b(missing)
        m.bind(store)
        m.str(x0, _slot(a))
        return True

    def t_BitNot(self, pc: int, a: int, b: int) -> bool:
        if self.stress is not None and self.forced_guard(pc):
            return True
        m = self.m
        miss = self.guard(pc, R_NOT_INT)
        m.ldr(x0, _slot(b))
        self.check_int(x0, w3, b, miss)
        m.mvn(w2, w0)
        self._box_store(a)
        return True

    # -- contexts and captured variables -------------------------------------------------

    def _env(self, reg: Any, depth: int) -> None:
        """``reg`` = the address of the callee's context ``depth`` parents up."""
        _emit_env(self.m, reg, depth)

    def t_LdEnv(self, pc: int, a: int, depth: int, idx: int) -> bool:
        """A captured variable: no guard (the bytecode compiler guarantees the shape)."""
        if a < SLOT_LIMIT and idx < SLOT_LIMIT - 2:
            run = _Words.env.get(("ld", depth)) or _env_run("ld", depth)
            run[-2] = _Words.ldr_x0_x0 | (2 + idx) << SLOT_SHIFT
            run[-1] = _Words.str_x0 | a << SLOT_SHIFT
            self.m.emit_words(run)
            return True
        self._env(x0, depth)
        self.m.ldr(x0, mem(x0, 16 + 8 * idx))
        self.m.str(x0, _slot(a))
        return True

    def t_LdEnvChecked(self, pc: int, a: int, depth: int, idx: int, k: int) -> bool:
        """A captured let/const/class: the generic path throws the ReferenceError of a
        read before the declaration ran."""
        if self.stress is not None and self.forced_guard(pc):
            return True
        m = self.m
        tdz = self.guard(pc, R_TDZ)
        if a < SLOT_LIMIT and idx < SLOT_LIMIT - 2:
            run = _Words.env.get(("ldc", depth)) or _env_run("ldc", depth)
            run[3 + depth] = _Words.ldr_x0_x0 | (2 + idx) << SLOT_SHIFT
            m.emit_words(run)
            m.b_eq(tdz)
            one = _Words.str_one
            one[0] = _Words.str_x0 | a << SLOT_SHIFT
            m.emit_words(one)
            return True
        self._env(x0, depth)
        m.ldr(x0, mem(x0, 16 + 8 * idx))
        m.mov(x1, UNINIT_WORD)
        m.cmp(x0, x1)
        m.b_eq(tdz)
        m.str(x0, _slot(a))
        return True

    def t_StEnv(self, pc: int, depth: int, idx: int, c: int) -> bool:
        if c < SLOT_LIMIT and idx < SLOT_LIMIT - 2:
            run = _Words.env.get(("st", depth)) or _env_run("st", depth)
            run[-2] = _Words.ldr_x1 | c << SLOT_SHIFT
            run[-1] = _Words.str_x1_x0 | (2 + idx) << SLOT_SHIFT
            self.m.emit_words(run)
            return True
        self._env(x0, depth)
        self.m.ldr(x1, _slot(c))
        self.m.str(x1, mem(x0, 16 + 8 * idx))
        return True

    def t_LdCtx(self, pc: int, a: int, b: int, idx: int) -> bool:
        m = self.m
        if (a | b) < SLOT_LIMIT and idx < SLOT_LIMIT - 2:
            run = _Words.ld_ctx
            run[0] = _Words.ldr_x0 | b << SLOT_SHIFT
            run[2] = _Words.ldr_x0_x0 | (2 + idx) << SLOT_SHIFT
            run[3] = _Words.str_x0 | a << SLOT_SHIFT
            m.emit_words(run)
            return True
        m.ldr(x0, _slot(b))
        m.and_(x0, x0, ADDR_MASK)
        m.ldr(x0, mem(x0, 16 + 8 * idx))
        m.str(x0, _slot(a))
        return True

    def t_StCtx(self, pc: int, a: int, idx: int, c: int) -> bool:
        m = self.m
        if (a | c) < SLOT_LIMIT and idx < SLOT_LIMIT - 2:
            run = _Words.st_ctx
            run[0] = _Words.ldr_x0 | a << SLOT_SHIFT
            run[2] = _Words.ldr_x1 | c << SLOT_SHIFT
            run[3] = _Words.str_x1_x0 | (2 + idx) << SLOT_SHIFT
            m.emit_words(run)
            return True
        m.ldr(x0, _slot(a))
        m.and_(x0, x0, ADDR_MASK)
        m.ldr(x1, _slot(c))
        m.str(x1, mem(x0, 16 + 8 * idx))
        return True


__all__ = ["NEG_ZERO", "ROOT_TYPEOF", "TYPEOF_NAMES", "OpTemplates"]
