"""Templates of the baseline JIT for number arithmetic and comparisons: int32 and
doubles in line, int32/double mixes out of line (a mixin of
:class:`~a64js.jit.compiler.FunctionCompiler`; see :mod:`a64js.jit.t_ops` for the
conventions).

``+ - *`` and the comparisons put the likelier of their int32 and double paths in line
(a hint from :meth:`NumTemplates._kinds`), each one test of both operands and no taken
branch, the other after the function's body with the rest: an int32 overflow (or a
product of 0 with a negative operand, -0) redone on doubles, other numbers converted
(``scvtf`` for an int32, a double word is its own bits) by one shared subroutine per
function, strings and everything else. ``/`` is always done on doubles. A result is
boxed as ``num_word`` does, in branch-free integer code (:meth:`NumTemplates._emit_box`):
an int32 word when the value is integral, in range and not -0, else the double's bits,
NaN canonical. Comparisons take the int32 compare or ``fcmp``, whose conditions are
false for NaN (and their inverses true, for the ``JumpIfNot*`` forms). Anything that is
not a number (strings, objects ...) takes the generic path: nothing failed, so nothing
is counted.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

from a64jit import (
    EQ,
    GE,
    GT,
    HI,
    HS,
    LE,
    LO,
    LS,
    LT,
    MI,
    NE,
    PL,
    Cond,
    Label,
    MacroAssembler,
    d0,
    d1,
    d2,
    lsl,
    mem,
    post,
    pre,
    sxtw,
    uxtw,
    w0,
    w1,
    w2,
    w3,
    w4,
    w5,
    w7,
    w8,
    w9,
    w11,
    w22,
    wzr,
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
    x12,
    x13,
    x16,
    x17,
    x30,
    xzr,
)

from ..bytecode import OP, OPCODES, Code
from ..heap import STRING_DATA, STRING_LENGTH, Ctx
from ..heapcode import emit_alloc_string, emit_untag_ref
from ..words import CANONICAL_NAN, REF_BASE, TAG_INT, TAG_SHIFT
from . import subcache
from .reasons import R_NOT_INT, R_OVERFLOW
from .regs import (
    CTX,
    INTB,
    cmp_wide,
    steps,
    words_of,
)
from .regs import slot as _slot
from .runs import SLOT_LIMIT, Run

#: opcode suffix -> (condition after an int32 ``cmp``, after an ``fcmp``)
_CONDS: dict[str, tuple[Cond, Cond]] = {"Lt": (LT, MI), "Le": (LE, LS), "Gt": (GT, GT),
                                        "Ge": (GE, GE)}
#: the negation of a condition after ``fcmp`` (true when unordered)
_FNOT: dict[Cond, Cond] = {MI: PL, LS: HI, GT: LE, GE: LT}
_INOT: dict[Cond, Cond] = {LT: GE, LE: GT, GT: LE, GE: LT}
#: the compiler's int32-only templates whose guards get out-of-line number paths
_BITOPS = {"BitAnd": "and_", "BitOr": "orr", "BitXor": "eor"}
_ADDS = {"AddK": 0, "Inc": 1, "Dec": -1}
_UNARY_INT = {"Shl": "lsl", "Sar": "asr", "Shr": "lsr", "BitNot": "mvn"}


#: what a register's values likely are (:meth:`NumTemplates._kinds`), in join order
_K_INT, _K_UNK, _K_DBL = 1, 2, 3
#: how an instruction's result kind follows: int32 or boolean, unknown, a LoadK's
#: constant, its operand b's, the join of operands b and c, a ``/`` (unknown, but
#: the function computes doubles)
_R_INT, _R_UNK, _R_LOADK, _R_SAME, _R_JOIN, _R_DIV = range(6)
_KIND_RULES: dict[int, int] = {OP[n]: rule for names, rule in (
    (("BitAnd", "BitOr", "BitXor", "Shl", "Sar", "Shr", "Eq", "Ne", "StrictEq",
      "StrictNe", "Lt", "Le", "Gt", "Ge", "InstanceOf", "In", "Not", "BitNot", "TypeOf"),
     _R_INT),
    (("LoadK",), _R_LOADK),
    (("Mov", "Inc", "Dec", "Neg", "ToNumber", "AddK"), _R_SAME),
    (("Add", "Sub", "Mul", "Mod", "Exp"), _R_JOIN),
    (("Div",), _R_DIV)) for n in names}
#: the opcodes whose operand a is the register they write
_WRITES: list[bool] = [
    bool(sig) and sig[0] == "r" and not name.startswith(("Jump", "Set", "Define", "Throw"))
    and name not in ("StCtx", "Return", "ArrayPush", "ArrayHole", "ArraySpread",
                     "CopyProps", "ThisCheck", "RequireObject")
    for name, sig in OPCODES]
#: by opcode: its rule (``_KIND_RULES``, else unknown) when it writes operand a, else -1
_RULE_OF: list[int] = [_KIND_RULES.get(op, _R_UNK) if writes else -1
                       for op, writes in enumerate(_WRITES)]

#: the words of ``NumTemplates._emit_box``, made at its first use in a process (they
#: hold no address and no label: x21 is INT_BASE in all compiled code), or read from the
#: subroutine cache's file under this name (jit/subcache.py: an edit of any source
#: makes the file stale), where a later process finds them
_BOX_WORDS: list[array[int]] = []
_BOX_KEY = "words:NumTemplates._emit_box_code"


def _tag_test_words(word: Any) -> array[int]:
    """The words of ``lsr x9, word, #48`` and ``cmp_wide(x9, TAG_INT)``: LO for a
    double, EQ for an int32 (x16 clobbered)."""
    def build(m: MacroAssembler) -> None:
        m.lsr(x9, word, 48)
        cmp_wide(m, x9, TAG_INT)
    return words_of(("tag_test", word.code), build)


def _emit_add_y(m: MacroAssembler) -> None:
    """d0 += the int32 in w9 (AddK's constant)."""
    m.scvtf(d1, w9)
    m.fadd(d0, d0, d1)


def _emit_int_test2(m: MacroAssembler) -> None:
    """NumTemplates._int_test of two registers but its branch: NE unless x0 and x1 are
    both int32 words (x2, x3 clobbered)."""
    m.lsr(x2, x0, 32)
    m.lsr(x3, x1, 32)
    m.cmp(w2, w22)                  # INT_BASE >> 32
    m.ccmp(w3, w22, 0b0000, EQ)     # NE when the first is not


def _emit_int_mul(m: MacroAssembler) -> None:
    """NumTemplates._int_op's product but its branch: w2 = w0 * w1, LT on an overflow
    or a -0 (a product 0 with a negative operand)."""
    m.smull(x2, w0, w1)
    m.orr(w3, w0, w1)
    m.cmp(w2, 0)
    m.csel(w3, w3, wzr, EQ)         # w3 < 0: the product is -0
    m.cmp(x2, w2, sxtw())           # EQ: no overflow
    m.ccmp(w3, 0, 0b1000, EQ)       # overflow: N, so LT


def _emit_tests(m: MacroAssembler, tested: tuple[bool, bool], double: bool) -> None:
    """The words of :meth:`NumTemplates._int_test` (``double``: ``_dbl_test``) but its
    branch, for operands x0, x1 of which ``tested`` are tested."""
    regs = [reg for reg, t in zip((x0, x1), tested, strict=True) if t]
    if double:
        if len(regs) == 2:
            m.cmp(x0, INTB)
            m.ccmp(x1, INTB, 0b0010, LO)
        elif regs:
            m.cmp(regs[0], INTB)
    elif len(regs) == 2:
        _emit_int_test2(m)
    elif regs:
        m.lsr(x2, regs[0], 32)
        m.cmp(w2, w22)


def _load_test(key: tuple[bool, bool, bool]) -> Run:
    """The run ``ldr x0, slot b; ldr x1, slot c`` and the operands' test but its branch
    (``key``: which are tested, whether for doubles): :meth:`NumTemplates._ints_or`'s
    words or those of the double test, the slots its holes (``emit(m, b, c)``)."""
    run = _LOAD_TEST.get(key)
    if run is None:
        def build(m: MacroAssembler, b: int, c: int) -> None:
            m.ldr(x0, _slot(b))
            m.ldr(x1, _slot(c))
            _emit_tests(m, key[:2], key[2])
        run = _LOAD_TEST[key] = Run(f"num_load_test:{key[0]:d}{key[1]:d}{key[2]:d}",
                                    build, SLOT_LIMIT, SLOT_LIMIT)
    return run


def _dbl_op(key: tuple[bool, bool, str]) -> Run:
    """The run of the double operation ``key[2]`` on x0, x1 that its test passed: each
    to d0, d1 (an int32 constant ``key[0]``/``key[1]`` converted, a double word its
    own bits), the operation, the box (:meth:`NumTemplates._emit_box`) and
    ``str x2, slot a`` (``emit(m, a)``)."""
    run = _DBL_OP.get(key)
    if run is None:
        def build(m: MacroAssembler, a: int) -> None:
            for reg, dreg, i in ((x0, d0, key[0]), (x1, d1, key[1])):
                if i:
                    m.scvtf(dreg, reg.w)
                else:
                    m.fmov(dreg, reg)
            _emit_fop(m, key[2], a)
        run = _DBL_OP[key] = Run(f"num_dbl_op:{key[0]:d}{key[1]:d}:{key[2]}", build,
                                 SLOT_LIMIT)
    return run


def _emit_fop(m: MacroAssembler, op: str, a: int) -> None:
    """``op d0, d0, d1``, the box, ``str x2, slot a``."""
    getattr(m, op)(d0, d0, d1)
    m.emit_words(_box_words())
    m.str(x2, _slot(a))


def _fop(op: str) -> Run:
    """:func:`_emit_fop` as a run (``emit(m, a)``)."""
    run = _FOP.get(op)
    if run is None:
        run = _FOP[op] = Run("num_fop:" + op, lambda m, a: _emit_fop(m, op, a), SLOT_LIMIT)
    return run


def _emit_box_store(m: MacroAssembler, a: int) -> None:
    """The int32 result w2 boxed into x2 and stored to slot ``a``."""
    m.add(x2, INTB, w2, uxtw())
    m.str(x2, _slot(a))


def _emit_store_x0(m: MacroAssembler, a: int) -> None:
    m.str(x0, _slot(a))


def _emit_store_x2(m: MacroAssembler, a: int) -> None:
    m.str(x2, _slot(a))


def _emit_add_head(m: MacroAssembler, b: int) -> None:
    """``ldr x0, slot b`` and its tag test (:func:`_tag_test_words`)."""
    m.ldr(x0, _slot(b))
    m.emit_words(_tag_test_words(x0))


_BOX_STORE = Run("num_box_store", _emit_box_store, SLOT_LIMIT)
_STORE_X2 = Run("num_store_x2", _emit_store_x2, SLOT_LIMIT)
_ADD_HEAD = Run("num_add_head", _emit_add_head, SLOT_LIMIT)
_STORE_X0 = Run("num_store_x0", _emit_store_x0, SLOT_LIMIT)


def _box_words() -> array[int]:
    """The words of ``NumTemplates._emit_box`` (built by one if none is yet)."""
    if not _BOX_WORDS:
        class Boxer(NumTemplates):
            def __init__(self, m: MacroAssembler) -> None:
                self.m = m
        Boxer(MacroAssembler())._emit_box()
    return _BOX_WORDS[0]


def _tests_run(key: tuple[bool, bool, bool]) -> array[int]:
    """The operands' test of :func:`_load_test` without the loads (x0, x1 loaded)."""
    run = _RUNS["tests", key] = words_of(("num_tests", key),
                                         lambda m: _emit_tests(m, key[:2], key[2]))
    return run


def _add_y_run(y: int) -> array[int]:
    """``_add_slow``'s words after its branch to the add: ``fmov d0, x0`` (a double
    operand; the add's label after it), ``mov w9, #y``, the double add."""
    def build(m: MacroAssembler) -> None:
        m.fmov(d0, x0)
        m.mov(w9, y & 0xFFFF_FFFF)
        _emit_add_y(m)
    run = words_of(("add_y_run", y), build)
    if len(_ADD_Y) < 256:  # (AddK's constants: a few per program)
        _ADD_Y[y] = run
    return run


def _fcmp_run(key: tuple[str, bool, bool]) -> array[int]:
    """The double loads of x0, x1 (``key``: which are int32 constants) and ``fcmp``."""
    def build(m: MacroAssembler) -> None:
        for reg, dreg, i in ((x0, d0, key[1]), (x1, d1, key[2])):
            if i:
                m.scvtf(dreg, reg.w)
            else:
                m.fmov(dreg, reg)
        m.fcmp(d0, d1)
    run = _RUNS[key] = words_of(("num_fcmp", key), build)
    return run


#: the runs of the number paths by their key (:func:`_load_test`, :func:`_dbl_op`,
#: :func:`_fop`), and the plain words of the tests and double compares
_LOAD_TEST: dict[tuple[bool, bool, bool], Run] = {}
_DBL_OP: dict[tuple[bool, bool, str], Run] = {}
_FOP: dict[str, Run] = {}
_RUNS: dict[Any, array[int]] = {}
_ADD_Y: dict[int, array[int]] = {}


class _Words:
    """Base words of t_num's runs (``init_words``, at a process's first compilation)."""

    cmp_w = scvtf2 = scvtf0 = array("I")
    ops: dict[str, array[int]] = {}


def init_words() -> None:
    """The base words of the runs (compiler.FunctionCompiler.compile, once)."""
    W = _Words
    W.cmp_w = words_of("cmp_w0_w1", lambda m: m.cmp(w0, w1))
    W.scvtf2 = words_of("scvtf2", steps(("scvtf", d0, w0), ("scvtf", d1, w1)))
    W.scvtf0 = words_of("scvtf0", lambda m: m.scvtf(d0, w0))
    W.ops = {"fadd": words_of("adds_w", lambda m: m.adds(w2, w0, w1)),
             "fsub": words_of("subs_w", lambda m: m.subs(w2, w0, w1)),
             "fmul": words_of("int_mul", _emit_int_mul)}


class NumTemplates:
    """Arithmetic and comparison templates (a FunctionCompiler mixin)."""

    # provided by FunctionCompiler and the other mixins
    m: MacroAssembler
    stress: Any  # (compiler.Stress or None)
    code: Code
    labels: list[Label]
    forced_guard: Callable[[int], bool]
    generic: Callable[[int], None]
    is_int_const: Callable[[int], bool]
    const_of: Callable[[int], Any]
    _set_bool: Callable[[int, Cond], None]
    _subroutine: Callable[[Callable[[], None]], Label]
    _concat_words: Callable[[Label], None]
    guards: list[Any]
    _guard_of: Callable[[int, int], Any]

    _sub_num2: Label | None = None
    _sub_box: Label | None = None
    _sub_cmp: Label | None = None
    _sub_str_add: Label | None = None
    _generic_labels: dict[int, Label] | None = None
    _late_paths: list[Callable[[], None]] | None = None
    _num_kinds: dict[int, int] | None = None

    # -- shared subroutines ------------------------------------------------------------

    def _num2(self) -> Label:
        """x0, x1 words -> d0, d1 and flags EQ when both are numbers, else NE."""
        if self._sub_num2 is None:
            def emit() -> None:
                m = self.m
                ne = m.label()
                self._emit_to_doubles(ne)
                m.cmp(x2, x2)               # EQ
                m.ret()
                m.bind(ne)
                m.cmp(x30, 0)               # the return address is not 0: NE
                m.ret()
            self._sub_num2 = self._subroutine(emit)
        return self._sub_num2

    def _box(self) -> Label:
        """d0 -> x2, the number's word (int32 when integral in range and not -0; x3-x5
        clobbered): :meth:`_emit_box` behind a ``bl``."""
        if self._sub_box is None:
            def emit() -> None:
                self._emit_box()
                self.m.ret()
            self._sub_box = self._subroutine(emit)
        return self._sub_box

    def _emit_box(self) -> None:
        """d0 -> x2 as ``num_word`` boxes it, in integer instructions only and with no
        branch (the emulators run each floating-point instruction as a call; a
        ``fcvtzs``/``scvtf``/``fcmp`` test took a third of mandelbrot's time): d0's
        bits x3 = s|e|f; with k = e - 1023, 1.f * 2**k is an int32 when 0 <= k <= 31,
        f has no bits below 2**-k and the signed value fits (-2**31 does, 2**31 not);
        +0 is int32 0 too; -0, the rest: the bits, a NaN canonical. x3-x5 clobbered."""
        if _BOX_WORDS:
            self.m.emit_words(_BOX_WORDS[0])  # (one call where the emission is ~20)
            return
        disk = subcache.cache()
        entry = disk.get(_BOX_KEY) if disk is not None else None
        if entry is not None and entry[:1] == b"\0" and len(entry) % 4 == 1:
            words = entry[1:]  # (recording them: ~0.5 ms, a tenth of fib's compile)
        else:
            saved = self.m
            scratch = self.m = type(saved)()  # (the words are the same in every function)
            try:
                self._emit_box_code()
            finally:
                self.m = saved
            words = bytes(scratch.finalize())
            if disk is not None:
                disk.put(_BOX_KEY, b"\0" + words)  # (t_ops' entry of plain words)
        _BOX_WORDS.append(array("I", [int.from_bytes(words[i:i + 4], "little")
                                      for i in range(0, len(words), 4)]))
        self.m.emit_words(_BOX_WORDS[0])

    def _emit_box_code(self) -> None:
        m = self.m
        m.fmov(x3, d0)
        m.mov(x4, 0xFFE0 << 48)
        m.cmp(x4, x3, lsl(1))               # LO: a NaN's bits
        m.mov(x4, CANONICAL_NAN)
        m.csel(x3, x4, x3, LO)
        m.ubfx(x4, x3, 52, 11)
        m.sub(x4, x4, 1023)                 # k
        m.lsl(x2, x3, 11)
        m.orr(x2, x2, 1 << 63)              # 1.f at the top
        m.mvn(x5, x4)                       # 63 - k (mod 64: the shift takes 6 bits)
        m.lsr(x2, x2, x5)                   # |value| when 0 <= k <= 31
        m.cmp(x3, 0)
        m.cneg(x2, x2, LT)
        m.csel(x2, xzr, x2, EQ)             # +0
        m.add(x5, x4, 12)
        m.lsl(x5, x3, x5)                   # the bits of f below 2**-k
        m.cmp(x2, w2, sxtw())               # EQ: fits an int32
        m.ccmp(x5, 0, 0b0000, EQ)           # EQ: and integral
        m.ccmp(x4, 31, 0b0010, EQ)          # LS: and 0 <= k <= 31 (else HI)
        m.ccmp(x3, 0, 0b0100, HI)           # LS: or +0
        m.add(x4, INTB, w2, uxtw())
        m.csel(x2, x4, x3, LS)

    # -- arithmetic ----------------------------------------------------------------------

    def _ints_or(self, b: int, c: int, other: Label) -> None:
        """x0, x1 = slots ``b``, ``c``; branch to ``other`` unless both are int32."""
        m = self.m
        m.ldr(x0, _slot(b))
        m.ldr(x1, _slot(c))
        self._int_test(b, c, other)

    def _int_test(self, b: int, c: int, other: Label) -> None:
        """Branch to ``other`` unless x0 and x1 (slots ``b``, ``c``) are both int32 words:
        one branch (``ccmp`` chains the second test); int32 constants are not tested.
        x2, x3 clobbered."""
        m = self.m
        regs = [reg for reg, r in ((x0, b), (x1, c)) if not self.is_int_const(r)]
        if len(regs) == 2:
            m.emit_words(words_of("int_test2", _emit_int_test2))
            m.b_ne(other)
        elif regs:
            m.lsr(x2, regs[0], 32)
            m.cmp(w2, w22)
            m.b_ne(other)

    def _const_kind(self, r: int) -> str:
        """``i`` when slot ``r`` is an int32 constant's word, ``d`` a double constant's,
        ``x`` another constant's, ``-`` not a constant."""
        if r < self.code.kbase:
            return "-"
        c = self.const_of(r)
        if type(c) is int:
            return "i" if -0x8000_0000 <= c <= 0x7FFF_FFFF else "d"
        return "d" if type(c) is float else "x"

    def _double_of(self, base: int, slow: Label) -> None:
        """d0 = the number in slot ``base`` (x0 its word): a double in line (one test, no
        taken branch), an int32 converted out of line; not a number: ``slow``. For the
        built-ins done on doubles (``Math.sqrt`` ...), then :meth:`_emit_box`."""
        m = self.m
        other, back = m.label(), m.label()
        m.ldr(x0, _slot(base))
        m.cmp(x0, INTB)
        m.b_hs(other)
        m.fmov(d0, x0)
        m.bind(back)

        def late() -> None:
            m.bind(other)
            m.lsr(x2, x0, 32)
            m.cmp(w2, w22)
            m.b_ne(slow)
            m.scvtf(d0, w0)
            m.b(back)
        self._late(late)

    def _late(self, emit: Callable[[], None]) -> None:
        """Emit ``emit`` with the out-of-line paths (:meth:`slow_paths`), after the
        function's body, so the fast path falls through to the next bytecode."""
        if self._late_paths is None:
            self._late_paths = []
        self._late_paths.append(emit)

    def _prefers_double(self, b: int, c: int) -> bool:
        """Whether the double path of an operation on slots ``b``, ``c`` goes in line
        (the int32 one out of line): an operand is likely a double (see
        :meth:`_kinds`), or both are unknown in a function that computes doubles."""
        kinds = self._kinds()
        kb, kc = kinds.get(b, _K_UNK), kinds.get(c, _K_UNK)
        if _K_DBL in (kb, kc):
            return True
        if _K_INT in (kb, kc):
            return False
        return kinds.get(-1) == _K_DBL

    def _kinds(self) -> dict[int, int]:
        """Register -> what its values likely are (``_K_INT``, ``_K_UNK``, ``_K_DBL``),
        the join over every instruction that writes it, to a fixed point (a hint for
        the layout only: each path checks the words anyway). Key -1: ``_K_DBL`` when
        any register is or the function divides (a quotient is unknown itself: often
        integral, as collatz's ``n / 2``)."""
        if self._num_kinds is not None:
            return self._num_kinds
        try:
            kinds = self._kinds_by_list()
        except IndexError:  # (a register past the constants: the dict's way)
            kinds = self._kinds_by_dict()
        self._num_kinds = kinds
        return kinds

    def _kinds_by_list(self) -> dict[int, int]:
        """:meth:`_kinds` over a list indexed by register (0: none yet), each write's
        rule and operands found once: the same kinds (the fixed point's passes were
        ~3.7 dict lookups an instruction each)."""
        code = self.code
        kbase = code.kbase
        consts = code.consts
        n = kbase + len(consts)
        known = [0] * n
        for i, c in enumerate(consts):
            known[kbase + i] = (_K_INT if type(c) is not float and not (
                type(c) is int and not -0x8000_0000 <= c <= 0x7FFF_FFFF) else _K_DBL)
        # a write of a fixed kind (int32/boolean, unknown, a quotient) joins it in
        # once; only the copies and joins (Mov, Inc, Add ...) iterate to the fixed
        # point (a join is a max: any order of the steps reaches the same kinds)
        steps: list[tuple[int, int, int]] = []
        written = [False] * n
        divides = False
        rule_of = _RULE_OF
        for ins in code.insns:
            rule = rule_of[ins[0]]
            if rule < 0:
                continue
            dst = ins[1]
            if dst < 0 or (rule >= _R_SAME and (ins[2] < 0 or (rule == _R_JOIN and ins[3] < 0))):
                raise IndexError(dst)  # (no register: the dict's way)
            written[dst] = True
            if rule in (_R_INT, _R_UNK, _R_DIV):
                if rule == _R_DIV:
                    divides = True
                k = _K_INT if rule == _R_INT else _K_UNK
                if k > known[dst]:
                    known[dst] = k
            elif rule == _R_LOADK:
                steps.append((dst, kbase + ins[2], kbase + ins[2]))
            elif rule == _R_SAME:
                steps.append((dst, ins[2], ins[2]))
            else:
                steps.append((dst, ins[2], ins[3]))
        for r in range(kbase):
            if not written[r]:
                known[r] = _K_UNK           # parameters, this, the callee
        changed = True
        while changed:
            changed = False
            for dst, s1, s2 in steps:
                k = known[s1]
                k2 = known[s2]
                if k2 > k:
                    k = k2
                if k > known[dst]:
                    known[dst] = k
                    changed = True
        kinds = {r: k for r, k in enumerate(known) if k}
        if divides or _K_DBL in kinds.values():
            kinds[-1] = _K_DBL
        return kinds

    def _kinds_by_dict(self) -> dict[int, int]:
        code = self.code
        kinds: dict[int, int] = {}
        kbase = code.kbase
        for r in range(kbase, kbase + len(code.consts)):
            kinds[r] = _K_INT if self._const_kind(r) in "ix" else _K_DBL
        insns = [ins for ins in code.insns if _WRITES[ins[0]]]
        written = {ins[1] for ins in insns}
        for r in range(kbase):
            if r not in written:
                kinds[r] = _K_UNK           # parameters, this, the callee
        divides = False
        changed = True
        while changed:
            changed = False
            for ins in insns:
                rule = _KIND_RULES.get(ins[0], _R_UNK)
                if rule == _R_UNK:
                    k = _K_UNK
                elif rule == _R_INT:
                    k = _K_INT
                elif rule == _R_LOADK:
                    k = kinds[kbase + ins[2]]
                elif rule == _R_SAME:
                    k = kinds.get(ins[2], 0)
                elif rule == _R_JOIN:
                    k = max(kinds.get(ins[2], 0), kinds.get(ins[3], 0))
                else:
                    k = _K_UNK              # / (often integral: n / 2 of an even n)
                    divides = True
                if k > kinds.get(ins[1], 0):
                    kinds[ins[1]] = k
                    changed = True
        if divides or _K_DBL in kinds.values():
            kinds[-1] = _K_DBL
        return kinds

    def _num_op(self, pc: int, a: int, b: int, c: int, op: str) -> bool:
        """``a = b op c``: the likelier of the int32 and the double paths in line, with
        no taken branch (one conditional branch each), the other out of line
        (:meth:`_num_late`)."""
        if self.stress is not None and self.forced_guard(pc):
            return True
        m = self.m
        kb, kc = self._const_kind(b), self._const_kind(c)
        other = m.label()
        if op == "fadd" and "x" in (kb, kc):
            # a string (or another non-number) constant: straight to the string +
            m.ldr(x0, _slot(b))
            m.ldr(x1, _slot(c))
            m.bl(self._sub_str_add or self._str_add())
            m.b_ne(other)
            _STORE_X0.emit(m, a)

            def late() -> None:
                m.bind(other)
                self.generic(pc)
            self._late(late)
            return True
        if op == "fdiv" or self._prefers_double(b, c):
            key = (kb not in "id", kc not in "id", True)
            (_LOAD_TEST.get(key) or _load_test(key)).emit(m, b, c)
            if key[0] or key[1]:
                m.b_hs(other)
            dkey = (kb == "i", kc == "i", op)
            (_DBL_OP.get(dkey) or _dbl_op(dkey)).emit(m, a)
            self._late(lambda: self._num_late(pc, a, b, c, op, other, False))
            return True
        redo = m.label()
        key = (kb != "i", kc != "i", False)
        (_LOAD_TEST.get(key) or _load_test(key)).emit(m, b, c)
        if key[0] or key[1]:
            m.b_ne(other)
        self._int_op_box(op, a, redo)
        self._late(lambda: self._num_late(pc, a, b, c, op, other, True, redo))
        return True

    def _int_op_box(self, op: str, a: int, redo: Label) -> None:
        """The int32 operation ``op`` on w0, w1 (its overflow, or a product 0 with a
        negative operand, -0, to ``redo``: one branch) and its result boxed and stored
        to slot ``a``."""
        m = self.m
        m.emit_words(_Words.ops[op])
        if op == "fmul":
            m.b_lt(redo)
        else:
            m.b_vs(redo)
        _BOX_STORE.emit(m, a)

    def _num_late(self, pc: int, a: int, b: int, c: int, op: str, entry: Label,
                  ints_inline: bool, redo: Label | None = None) -> None:
        """The out-of-line paths of :meth:`_num_op` from ``entry`` (x0, x1 the operands):
        the int32 path (not for ``/``) or the double one, whichever is not in line;
        an int32 overflow redone on doubles; other numbers through the number
        subroutine; strings and the rest. The label of the double operation is made
        where it lands (its branches all come after it)."""
        m = self.m
        nxt = self.labels[pc + 1]
        mixed = m.label()
        kb, kc = self._const_kind(b), self._const_kind(c)
        if ints_inline:
            m.bind(entry)
            key = (kb not in "id", kc not in "id", True)
            if key[0] or key[1]:
                m.emit_words(_RUNS.get(("tests", key)) or _tests_run(key))
                m.b_hs(mixed)
            at = m.offset
            dkey = (kb == "i", kc == "i", op)
            (_DBL_OP.get(dkey) or _dbl_op(dkey)).emit(m, a)
            fop = m.label_at(at + 8)  # (after the two loads into d0, d1)
        else:
            if op != "fdiv":
                m.bind(entry)
                redo = m.label()
                key = (kb != "i", kc != "i", False)
                if key[0] or key[1]:
                    m.emit_words(_RUNS.get(("tests", key)) or _tests_run(key))
                    m.b_ne(mixed)
                self._int_op_box(op, a, redo)
                m.b(nxt)
            fop = m.label_at(m.offset)
            (_FOP.get(op) or _fop(op)).emit(m, a)
        m.b(nxt)
        if redo is not None:
            m.bind(redo)                    # the int32 operands as doubles
            m.emit_words(_Words.scvtf2)
            m.b(fop)
        if op == "fdiv" and not ints_inline:
            m.bind(entry)                   # / has no int32 path
        m.bind(mixed)
        m.bl(self._sub_num2 or self._num2())
        m.b_eq(fop)
        if op == "fadd":
            # x0, x1 are still the operands (the number subroutine reads them only)
            gen = m.label()
            m.bl(self._sub_str_add or self._str_add())
            m.b_ne(gen)
            _STORE_X0.emit(m, a)
            m.b(nxt)
            m.bind(gen)
        self.generic(pc)

    def _str_add(self) -> Label:
        """The string ``+`` subroutine: x0, x1 words; flags EQ and x0 = the result when
        both are strings (``AllocTemplates._concat_words``) or one is a string and the
        other an int32 (a new string of the string's units and the int32's decimal
        digits in operand order, bumped in line, its last word zeroed first, as every
        string's padding units are 0); else, or when the space is full (the generic
        path collects), NE. x2-x13 clobbered. One subroutine (where every Add had the
        concatenation in line: ~40 instructions of compile work a site)."""
        if self._sub_str_add is None:
            self._sub_str_add = self._subroutine(self._emit_str_add)
        return self._sub_str_add

    def _emit_str_add(self) -> None:
        m = self.m
        other = m.label()
        self._concat_words(other)
        m.cmp(x0, x0)                               # EQ
        m.ret()
        m.bind(other)                               # x0, x1 as they were
        self._emit_str_int()

    def _emit_str_int(self) -> None:
        """x0, x1: a string and an int32 in either order -> x0 the concatenation, EQ;
        else NE (part of the string ``+`` subroutine)."""
        m = self.m
        ne, num_right, have, count, counted, left_copy, digits, loop, sign, made = (
            m.label(), m.label(), m.label(), m.label(), m.label(), m.label(), m.label(),
            m.label(), m.label(), m.label())
        # x10 = the string's word, w11 = the int32, x12 = 1 when the digits come first
        m.lsr(x2, x1, 32)
        m.cmp(w2, w22)
        m.b_eq(num_right)
        m.lsr(x2, x0, 32)
        m.cmp(w2, w22)
        m.b_ne(ne)
        m.mov(x10, x1)
        m.mov(w11, w0)
        m.mov(x12, 1)
        m.b(have)
        m.bind(num_right)
        m.mov(x10, x0)
        m.mov(w11, w1)
        m.mov(x12, 0)
        m.bind(have)
        emit_untag_ref(m, x10, x3, x2, ne)          # x3 = the string's cell
        m.ldr(x2, mem(x3, 0))
        m.ldr(x4, mem(CTX, Ctx.SHAPE_STRING))
        m.cmp(x2, x4)
        m.b_ne(ne)
        m.ldr(x4, mem(x3, STRING_LENGTH))           # x4 = its units
        m.cmp(w11, 0)
        m.cneg(w5, w11, LT)                         # w5 = |n| (unsigned: INT_MIN too)
        m.cset(x6, LT)                              # x6 = digits, from the sign
        m.mov(w7, w5)
        m.mov(w8, 10)
        m.bind(count)
        m.add(x6, x6, 1)
        m.udiv(w7, w7, w8)
        m.cbnz(w7, count)
        m.bind(counted)
        m.add(x9, x4, x6)                           # the result's units
        emit_alloc_string(m, CTX, x9, x13, x7, x2, ne)  # full: the generic path collects
        # the string's units: at 0 (digits after them) or after the digits
        m.add(x0, x3, STRING_DATA)
        m.add(x1, x13, STRING_DATA)
        m.cbz(x12, left_copy)
        m.add(x1, x1, x6, lsl(1))
        m.bind(left_copy)
        m.mov(x7, x4)
        copy = m.label()
        m.bind(copy)
        m.cbz(x7, digits)
        m.ldrh(w2, post(x0, 2))
        m.strh(w2, post(x1, 2))
        m.sub(x7, x7, 1)
        m.b(copy)
        m.bind(digits)                              # x1 = past the digits' last unit
        m.cbnz(x12, loop_end := m.label())
        m.add(x1, x1, x6, lsl(1))
        m.b(sign)
        m.bind(loop_end)
        m.add(x1, x13, STRING_DATA)
        m.add(x1, x1, x6, lsl(1))
        m.bind(sign)
        m.sub(x0, x1, x6, lsl(1))                   # the first digit's (or sign's) unit
        m.bind(loop)                                # written from the last digit back
        m.udiv(w7, w5, w8)
        m.msub(w2, w7, w8, w5)
        m.add(w2, w2, ord("0"))
        m.strh(w2, pre(x1, -2))
        m.mov(w5, w7)
        m.cbnz(w5, loop)
        m.cmp(w11, 0)
        m.b_ge(made)
        m.mov(w2, ord("-"))
        m.strh(w2, mem(x0, 0))
        m.bind(made)
        m.mov(x2, REF_BASE)
        m.orr(x0, x13, x2)
        m.cmp(x0, x0)                               # EQ
        m.ret()
        m.bind(ne)
        m.cmp(x30, 0)                               # the return address is not 0: NE
        m.ret()

    def t_Add(self, pc: int, a: int, b: int, c: int) -> bool:
        """``+`` of numbers, of two strings (see ``AllocTemplates._concat_words``);
        anything else (objects, a number and a string ...): the generic path."""
        return self._num_op(pc, a, b, c, "fadd")

    def t_Sub(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._num_op(pc, a, b, c, "fsub")

    def t_Mul(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._num_op(pc, a, b, c, "fmul")

    def t_Div(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._num_op(pc, a, b, c, "fdiv")

    # -- out-of-line number paths of the compiler's int32 templates ---------------------

    def slow_paths(self) -> None:
        """Before the guard stubs are emitted: out-of-line number paths for the guards
        of the int32-only templates, so doubles stay in machine code. A "not int32"
        guard of ``& | ^ << >> >>> ~`` converts double operands with ToInt32 (below);
        a "not int32" or "int32 overflow" guard of AddK/Inc/Dec adds on doubles. Each
        path ends at the next bytecode; a non-number operand takes the generic path in
        line (nothing failed), anything else the guard's stub (its label moves there).
        The two guards of an add (not int32, overflow) share one path: it starts from
        the operand's word either way. First the out-of-line paths of the arithmetic
        and comparisons (:meth:`_late`)."""
        m = self.m
        while self._late_paths:  # (then dropped: closures over self, a cycle kept)
            late, self._late_paths = self._late_paths, None
            for emit in late:
                emit()
        shared: set[int] = set()  # ids of guards whose label went to the other's path
        for g in self.guards:
            if shared and id(g) in shared:
                continue
            ins = self.code.insns[g.pc]
            name = OPCODES[ins[0]][0]
            bitop = g.reason == R_NOT_INT and name in _BITOPS
            if g.reason == R_NOT_INT and name in _UNARY_INT:
                m.bind(g.label)
                g.label = m.label()
                self._int_slow(g.pc, name, ins, g.label)
                continue
            y = _ADDS.get(name) if g.reason in (R_NOT_INT, R_OVERFLOW) else None
            if name == "AddK" and y is not None:
                y = self.code.consts[ins[3]]
                if type(y) is not int:
                    continue
            if not bitop and y is None:
                continue
            m.bind(g.label)
            g.label = m.label()          # the stub's, bound where the stubs are emitted
            if not bitop:
                other = self._guard_of(g.pc, R_OVERFLOW if g.reason == R_NOT_INT
                                       else R_NOT_INT)
                if other is not None:
                    m.bind(other.label)
                    other.label = m.label()
                    shared.add(id(other))
            if bitop:
                self._bitop_slow(g.pc, ins[1], ins[2], ins[3], _BITOPS[name], g.label)
            else:
                assert y is not None
                self._add_slow(g.pc, ins[1], ins[2], y, g.label)

    def _to_int32(self, word: Any, wdst: Any, pc: int, stub: Label) -> None:
        """``wdst`` = ToInt32 of the number in ``word`` (an int32 word: itself; a double:
        truncated toward zero modulo 2**32, NaN 0, as ``fcvtzs`` to 64 bits gives when
        it does not saturate); a non-number: the generic path; a double of 2**63 or more
        in magnitude (or an infinity): ``stub``. x9, d0 clobbered."""
        m = self.m
        dbl, done = m.label(), m.label()
        m.emit_words(_tag_test_words(word))
        m.b_lo(dbl)
        m.b_ne(self._generic_here(pc))
        m.mov(wdst, word.w)
        m.b(done)
        m.bind(dbl)
        m.fmov(d0, word)
        m.fcvtzs(wdst.x, d0)
        m.mov(x9, 1 << 63)               # saturated (INT64_MIN or INT64_MAX): the stub
        m.cmp(wdst.x, x9)
        m.b_eq(stub)
        m.sub(x9, x9, 1)
        m.cmp(wdst.x, x9)
        m.b_eq(stub)
        m.bind(done)

    def _generic_here(self, pc: int) -> Label:
        """A label of this pc's generic path, emitted once per pc behind a branch."""
        got = self._generic_labels.get(pc) if self._generic_labels is not None else None
        if got is None:
            if self._generic_labels is None:
                self._generic_labels = {}
            m = self.m
            over = m.label()
            got = self._generic_labels[pc] = m.label()
            m.b(over)
            m.bind(got)
            self.generic(pc)
            m.bind(over)
        return got

    def _bitop_slow(self, pc: int, a: int, b: int, c: int, op: str, stub: Label) -> None:
        m = self.m
        self._generic_here(pc)
        m.ldr(x0, _slot(b))
        m.ldr(x1, _slot(c))
        self._to_int32(x0, w3, pc, stub)
        self._to_int32(x1, w4, pc, stub)
        getattr(m, op)(w2, w3, w4)
        m.add(x2, INTB, w2, uxtw())
        m.str(x2, _slot(a))
        m.b(self.labels[pc + 1])

    def _int_slow(self, pc: int, name: str, ins: tuple[int, ...], stub: Label) -> None:
        """``<< >> >>>`` and ``~`` of numbers that are not all int32: ToInt32 of each
        (the count's low five bits, as the instructions take them), a ``>>>`` result of
        2**31 or more as a double."""
        m = self.m
        self._generic_here(pc)
        a, b = ins[1], ins[2]
        m.ldr(x0, _slot(b))
        self._to_int32(x0, w3, pc, stub)
        if name == "BitNot":
            m.mvn(w2, w3)
        else:
            m.ldr(x1, _slot(ins[3]))
            self._to_int32(x1, w4, pc, stub)
            getattr(m, _UNARY_INT[name])(w2, w3, w4)
            if name == "Shr":
                small = m.label()
                m.tbz(w2, 31, small)
                m.ucvtf(d0, w2)
                m.fmov(x2, d0)
                m.str(x2, _slot(a))
                m.b(self.labels[pc + 1])
                m.bind(small)
        m.add(x2, INTB, w2, uxtw())
        m.str(x2, _slot(a))
        m.b(self.labels[pc + 1])

    def _add_slow(self, pc: int, a: int, b: int, y: int, stub: Label) -> None:
        """``a = b + y`` on doubles (an int32 ``b`` converted: its overflow), boxed."""
        m = self.m
        gen = self._generic_here(pc)
        dbl, add = m.label(), m.label()
        _ADD_HEAD.emit(m, b)  # ldr x0, slot b; the tag test
        m.b_lo(dbl)
        m.b_ne(gen)
        m.emit_words(_Words.scvtf0)
        m.b(add)
        at = m.offset
        m.emit_words(_ADD_Y.get(y) or _add_y_run(y))  # fmov; mov w9, #y; the add
        m.bind_at(dbl, at)
        m.bind_at(add, at + 4)
        m.bl(self._sub_box or self._box())
        _STORE_X2.emit(m, a)
        m.b(self.labels[pc + 1])

    def _addk_wide(self, pc: int, a: int, b: int, y: int) -> bool:
        """AddK of an int32 constant too wide for an ``adds`` immediate: in a register
        (an overflow or a double ``b``: on doubles, in line; a non-number: the generic
        path)."""
        if not -0x8000_0000 <= y <= 0x7FFF_FFFF:
            return False
        if self.stress is not None and self.forced_guard(pc):
            return True
        m = self.m
        dbl, slow, done = m.label(), m.label(), m.label()
        m.ldr(x0, _slot(b))
        m.lsr(x9, x0, 32)
        m.cmp(w9, w22)
        m.b_ne(dbl)
        m.mov(w3, y & 0xFFFF_FFFF)
        m.adds(w2, w0, w3)
        m.b_vs(dbl)
        m.add(x2, INTB, w2, uxtw())
        m.str(x2, _slot(a))
        m.b(done)
        m.bind(dbl)
        num = m.label()
        m.lsr(x9, x0, 48)
        cmp_wide(m, x9, TAG_INT)
        m.b_hi(slow)
        m.b_lo(num)
        m.scvtf(d0, w0)
        add = m.label()
        m.b(add)
        m.bind(num)
        m.fmov(d0, x0)
        m.bind(add)
        m.mov(w3, y & 0xFFFF_FFFF)
        m.scvtf(d1, w3)
        m.fadd(d0, d0, d1)
        m.bl(self._sub_box or self._box())
        m.str(x2, _slot(a))
        m.b(done)
        m.bind(slow)
        self.generic(pc)
        m.bind(done)
        return True

    # -- comparisons ---------------------------------------------------------------------

    def _compare(self, pc: int, b: int, c: int, icond: Cond, fcond: Cond,
                 then: Callable[[Cond], None]) -> bool:
        """Compare slots ``b`` and ``c``; ``then(cond)`` consumes the flags (a boolean
        store or a branch) on both the int32 and the double path: the likelier one in
        line (see :meth:`_prefers_double`), one test and no taken branch to reach
        ``then``, the other out of line. The loads and the test are one run, the
        double loads and ``fcmp`` another."""
        if self.stress is not None and self.forced_guard(pc):
            return True
        m = self.m
        other = m.label()
        dbl = self._prefers_double(b, c)
        kb, kc = self._const_kind(b), self._const_kind(c)
        ikey = (kb != "i", kc != "i", False)
        dkey = (kb not in "id", kc not in "id", True)
        fkey = ("fcmp", kb == "i", kc == "i")
        key = dkey if dbl else ikey
        (_LOAD_TEST.get(key) or _load_test(key)).emit(m, b, c)
        if dbl:
            if key[0] or key[1]:
                m.b_hs(other)
            m.emit_words(_RUNS.get(fkey) or _fcmp_run(fkey))
            then(fcond)
        else:
            if key[0] or key[1]:
                m.b_ne(other)
            m.emit_words(_Words.cmp_w)
            then(icond)

        def late() -> None:
            nxt = self.labels[pc + 1]
            slow, mixed = m.label(), m.label()
            m.bind(other)
            if dbl:
                if ikey[0] or ikey[1]:
                    m.emit_words(_RUNS.get(("tests", ikey)) or _tests_run(ikey))
                    m.b_ne(mixed)
                m.emit_words(_Words.cmp_w)
                then(icond)
            else:
                if dkey[0] or dkey[1]:
                    m.emit_words(_RUNS.get(("tests", dkey)) or _tests_run(dkey))
                    m.b_hs(mixed)
                m.emit_words(_RUNS.get(fkey) or _fcmp_run(fkey))
                then(fcond)
            m.b(nxt)
            m.bind(mixed)
            m.bl(self._sub_cmp or self._cmp_other())
            m.cbnz(x9, slow)
            then(fcond)
            m.b(nxt)
            m.bind(slow)
            self.generic(pc)
        self._late(late)
        return True

    def _cmp_other(self) -> Label:
        """The comparison subroutine for words that are not both int32 (x0, x1): x9 = 0
        and the flags of ``fcmp`` on them as doubles when both are numbers, or of
        ``fcmp`` of -1.0, 0.0 or 1.0 with 0.0 when both are strings (their order: the
        after-``fcmp`` conditions then hold as for numbers); else x9 = 1 (the generic
        path). x2-x9, d0, d1 clobbered. One subroutine where every comparison had the
        number conversion and the string order's call and tests in line."""
        if self._sub_cmp is None:
            self._sub_cmp = self._subroutine(self._emit_cmp_other)
        return self._sub_cmp

    def _emit_to_doubles(self, not_numbers: Label) -> None:
        """x0, x1 words -> d0, d1 (int32 converted), or to ``not_numbers`` when either is
        not a number (x2, x16, x17, d2 clobbered). Emulated blocks (session 22): both
        tests one branch, both doubles one more, an int32 operand a third (both
        converted by ``fcsel``), where each operand was three blocks."""
        m = self.m
        done = m.label()
        m.lsr(x2, x0, 48)
        m.lsr(x17, x1, 48)
        m.mov(x16, TAG_INT)
        m.cmp(x2, x16)
        m.ccmp(x17, x16, 0b0010, LS)    # x0 not a number: HI
        m.b_hi(not_numbers)
        m.fmov(d0, x0)
        m.fmov(d1, x1)
        m.cmp(x2, x16)
        m.ccmp(x17, x16, 0b0100, NE)    # x0 an int32: EQ
        m.b_ne(done)                    # both doubles
        for word, dreg, tag in ((x0, d0, x2), (x1, d1, x17)):
            m.scvtf(d2, word.w)
            m.cmp(tag, x16)
            m.fcsel(dreg, d2, dreg, EQ)
        m.bind(done)

    def _emit_cmp_other(self) -> None:
        m = self.m
        strs, other = m.label(), m.label()
        self._emit_to_doubles(strs)
        m.mov(x9, 0)
        m.fcmp(d0, d1)
        m.ret()
        m.bind(strs)
        self._emit_strcmp(other)
        m.scvtf(d0, x2)
        m.mov(x9, 0)
        m.fcmp(d0, 0.0)
        m.ret()
        m.bind(other)
        m.mov(x9, 1)
        m.ret()

    def _emit_strcmp(self, other: Label) -> None:
        """x0, x1 words -> x2 = -1, 0 or 1 as string x0 sorts before, equal to or after
        string x1 (UTF-16 units compared in order, then the lengths); ``other`` when
        either is not a string (x2-x9 clobbered).

        Emulated blocks (session 22): four units a block, where it was a unit a block.
        The units are packed little-endian in a word, so a differing word is compared
        with its units reversed (``rev`` then ``rev16``: the first unit most
        significant, each unit's bytes kept); the last 0-3 units of the shorter are
        compared in one word masked to them (read from the word before when there are
        none, so no read passes the string's data)."""
        m = self.m
        loop, tail, rev, bylen, r = m.label(), m.label(), m.label(), m.label(), m.label()
        m.mov(x9, REF_BASE)
        m.sub(x3, x0, x9)
        m.sub(x4, x1, x9)
        m.orr(x9, x3, x4)
        m.lsr(x9, x9, TAG_SHIFT)
        m.cbnz(x9, other)            # either is not a reference
        m.ldr(x9, mem(CTX, Ctx.SHAPE_STRING))
        m.ldr(x5, mem(x3, 0))
        m.ldr(x6, mem(x4, 0))
        m.cmp(x5, x9)
        m.ccmp(x6, x9, 0b0000, EQ)
        m.b_ne(other)                # either is not a string
        m.ldr(x5, mem(x3, STRING_LENGTH))
        m.ldr(x6, mem(x4, STRING_LENGTH))
        m.cmp(x5, x6)
        m.csel(x7, x5, x6, LO)       # the shorter length
        m.add(x3, x3, STRING_DATA)
        m.add(x4, x4, STRING_DATA)
        m.subs(x7, x7, 4)            # the units left past the next word
        m.b_lo(tail)
        m.bind(loop)                 # x7 >= 0: a whole word of units in both
        m.ldr(x8, post(x3, 8))
        m.ldr(x2, post(x4, 8))
        m.sub(x7, x7, 4)
        m.cmp(x8, x2)
        m.ccmp(x7, 0, 0b1000, EQ)    # words differ: N, so LT
        m.b_ge(loop)
        m.cmp(x8, x2)
        m.b_ne(rev)                  # x8, x2 differ; else 0-3 units left
        m.bind(tail)                 # x7 = the units left - 4
        m.cmn(x7, 4)                 # EQ: none left
        m.lsl(x9, x7, 4)             # 16 bits a unit, mod 64
        m.mov(x8, 1)
        m.lsl(x9, x8, x9)
        m.sub(x9, x9, 1)             # their mask (0 when none)
        m.csetm(x8, EQ)
        m.lsl(x8, x8, 3)             # none: the word before (or the length)
        m.ldr(x2, mem(x4, x8))
        m.ldr(x8, mem(x3, x8))
        m.and_(x8, x8, x9)
        m.and_(x2, x2, x9)
        m.bind(rev)
        for w in (x8, x2):           # the first unit most significant
            m.rev(w, w)
            m.rev16(w, w)
        m.cmp(x8, x2)
        m.b_ne(r)                    # the first unit that differs decides
        m.bind(bylen)
        m.cmp(x5, x6)                # a prefix sorts first
        m.bind(r)                    # unsigned flags: HI 1, EQ 0, LO -1
        m.cset(x2, HI)
        m.csinv(x2, x2, xzr, HS)

    def _relop(self, pc: int, a: int, b: int, c: int, name: str) -> bool:
        icond, fcond = _CONDS[name]
        return self._compare(pc, b, c, icond, fcond, lambda cond: self._set_bool(a, cond))

    def _jumpop(self, pc: int, a: int, b: int, t: int, name: str, negate: bool) -> bool:
        icond, fcond = _CONDS[name]
        if negate:
            icond, fcond = _INOT[icond], _FNOT[fcond]
        target = self.labels[t]
        return self._compare(pc, a, b, icond, fcond,
                             lambda cond: self.m.b_cond(cond, target))

    def t_Lt(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._relop(pc, a, b, c, "Lt")

    def t_Le(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._relop(pc, a, b, c, "Le")

    def t_Gt(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._relop(pc, a, b, c, "Gt")

    def t_Ge(self, pc: int, a: int, b: int, c: int) -> bool:
        return self._relop(pc, a, b, c, "Ge")

    def t_JumpIfLt(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Lt", False)

    def t_JumpIfLe(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Le", False)

    def t_JumpIfGt(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Gt", False)

    def t_JumpIfGe(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Ge", False)

    def t_JumpIfNotLt(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Lt", True)

    def t_JumpIfNotLe(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Le", True)

    def t_JumpIfNotGt(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Gt", True)

    def t_JumpIfNotGe(self, pc: int, a: int, b: int, t: int) -> bool:
        return self._jumpop(pc, a, b, t, "Ge", True)


__all__ = ["NumTemplates"]
