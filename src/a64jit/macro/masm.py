"""The MacroAssembler: the exact :class:`~a64jit.Assembler` plus the conveniences
a JIT needs, none of which the hardware has as one instruction.

- ``mov(reg, value)`` for any 32/64-bit constant, with the shortest sequence
  (:func:`~a64jit.macro.constants.plan_mov`).
- add/sub/adds/subs/cmp/cmn and and/orr/eor/ands/tst with any immediate.
- Loads and stores with any offset (scaled, unscaled, else through a register).
- ``fmov(dreg, value)`` for any float/double constant: ``fmov`` immediate when
  encodable, ``fmov d, xzr`` for +0.0, else a literal-pool load.
- ``call(address)``: absolute calls through a scratch register and ``blr``.
- Far conditional branches: every short-range branch reaches any label. Which
  those are comes from the instruction tables: the rows tagged ``short_branch``
  (b.cond and its spellings, bc.cond, cbz/cbnz, tbz/tbnz), with the PC-relative
  field they fill and their inverse, so a new row needs no edit here. A backward
  target out of range becomes the inverse branch over a ``b``; a forward
  reference is tracked, and if the code grows close to its range before the
  label is bound, a *veneer* (``b label``) is emitted within reach and the short
  branch retargeted to it (as VIXL does).
- A literal pool for 64-bit, 32-bit and FP constants (``ldr_literal``,
  ``mov_pooled``), emitted after an unconditional branch when one comes, else
  with a branch around it before any reference would go out of range, and at
  ``finalize``.

Pools (veneers and literals) can appear between any two instructions emitted
through this class; code that needs an exact layout (jump tables of branches,
int PC-relative offsets) goes inside ``with masm.no_pools(size):``.

Scratch registers: see :mod:`a64jit.macro.scratch`. The unmodified exact
instruction of any overridden name stays reachable as ``Assembler.name(masm,
...)``.

Speed: an instruction through this class costs about what it costs through the
Assembler. The overrides whose usual case is one exact instruction are memoized
like the Assembler's own methods (a repeat is one lookup and one append); a
forward short branch is recorded as the Assembler's pending reference (``bind``
patches it) plus one entry in a queue sorted by deadline; ``mov`` of a constant
replays its words; and the one cost per word is a comparison with the offset of
the next pool check while anything is pending (see ``_mx_recompute``).
"""

from __future__ import annotations

import math
import struct
import types
from _weakref import ref as _weak  # (as assembler/core.py: weakref.py not imported)
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Final, Protocol

from ..assembler import Assembler, Label, Target, table
from ..assembler.arith import Modifier, Operand2
from ..assembler.memo import exact_for, memoized, own_wrappers
from ..encoding.bitmask import encode_bitmask, encode_imm13
from ..encoding.logical import AND, EOR, ORR, logical_imm, logical_shifted
from ..encoding.movewide import MOVK, MOVN, MOVZ, move_wide
from ..encoding.pcrel import BRANCH26, PcRelField
from ..errors import EncodingError, LabelError, OperandError, show
from ..operands import (
    CONDITIONS,
    W_BY_CODE,
    X_BY_CODE,
    Cond,
    FPRegister,
    GPRegister,
    Mem,
    Register,
    Shift,
    VArrangement,
    VElement,
    lsl,
    mem,
    x30,
)
from .constants import MovStep, plan_mov
from .scratch import DEFAULT_SCRATCH, ScratchPool, ScratchScope
from .vecconst import mov_vector

__all__ = ["HasAddress", "MacroAssembler"]

_LITERAL_RANGE = (1 << 20) - 4  # ldr (literal): imm19 words, forward reach
_SLACK = 64  # bytes of headroom when deciding that a pool is due
_NO_CHECK = 1 << 62  # _mx_next_check when no pool is pending
#: _mx_limit (words) when no pool is pending: a length no buffer reaches (4 GiB of code)
#: that is still a one-digit int, so that the hit paths' comparisons with it stay
#: specialized (CPython specializes int comparisons of one digit only).
_NO_LIMIT = (1 << 30) - 1
_HEADROOM = 32  # entries a queue may take before the pool-size estimate is made again
_COMPACT_MIN = 16384  # queue entries (64 KiB of veneers) below which compacting does not pay
_WORDS_LIMIT = 4096  # operand tuples whose zero-offset word a short branch remembers

_BranchFn = Callable[..., None]
#: The register operands of add/sub and of and/orr/eor: general-purpose ones, and the
#: vector (and for add/sub, d register) forms, which go to the exact instruction.
_AddSubReg = GPRegister | VArrangement | FPRegister
_LogicReg = GPRegister | VArrangement
#: The methods whose one-instruction form still checks the scratch registers (see
#: MacroAssembler._mx_nested); every other memoized one checks only when it expands.
_SCRATCH_CHECKED: Final = ("add", "sub", "adds", "subs", "cmp", "cmn")


class HasAddress(Protocol):
    """Anything with an absolute ``.address`` (CodePtr, host functions, data blocks)."""

    @property
    def address(self) -> int: ...


# A short-range branch to a label unbound when it was emitted: (word index, field,
# instruction name). Plain tuples: one is made for every forward branch.
_Ref = tuple[int, PcRelField, str]


def _weak_call(owner: MacroAssembler, name: str) -> Callable[..., None]:
    """``owner.name`` through a weak reference to ``owner``, for what ``owner`` keeps
    itself (its counting put, its scratch pool's hook): a bound method there would make
    every MacroAssembler a reference cycle, whose labels, fixups and words then wait
    for the cyclic collector instead of going with the last reference (a JIT makes an
    assembler per function). Called rarely (a pool falling due, a nested scope)."""
    ref = _weak(owner)

    def call(*args: Any) -> None:
        target = ref()
        if target is not None:
            getattr(target, name)(*args)

    return call


def _no_put(word: int) -> None:
    raise AssertionError("MacroAssembler: no counting put made yet")  # (never called)


def _counting_put(owner: MacroAssembler, limit: list[int]) -> Callable[[int], None]:
    """``_put`` while a pool is pending: append, then compare the length with the limit
    in ``limit[0]`` (after the word, never before: callers record fixups at the index the
    word is about to take). Made once per buffer: a pool check that moves the limit
    stores the new one in the cell (and in ``put.limit``), where a new function was made
    at every move (~2.5 a JIT's function). The defaults (not a closure's cells: fast
    locals, no cell copying per call) keep the per-word cost to a C append, a length, a
    list index and one comparison. The short branches' fast paths do the same inline
    (see _mx_direct)."""
    code = owner._code
    due_weak = _weak_call(owner, "_mx_due")

    def put(word: int, append: Callable[[int], None] = code.append, code: Any = code,
            limit: list[int] = limit, due: Callable[[], None] = due_weak,
            len: Callable[[Any], int] = len) -> None:
        append(word)
        if len(code) >= limit[0]:
            due()

    # Words that keep the buffer below the limit may go straight in (a fragment
    # instance: see fragment._straight); kept equal to limit[0] by _reroute.
    put.limit = limit[0]  # type: ignore[attr-defined]
    return put


class _Queue(deque[tuple[int, Label]]):
    """The forward short branches of one reach, as (deadline, label) in deadline
    order, and ``cap``: the length past which the pool-size estimate is made again
    (see MacroAssembler._mx_recompute). A slot: the hot paths read it."""

    __slots__ = ("cap",)

    def __init__(self) -> None:
        super().__init__()
        self.cap = _HEADROOM


class _Short:
    """One short-range branch the MacroAssembler extends with veneers: a table row
    tagged ``"short_branch"`` (b.cond, bc.cond, cbz/cbnz, tbz/tbnz, ...)."""

    __slots__ = ("arity", "back", "exact", "field", "inverse", "kind", "mask", "methods",
                 "name", "reach", "shift", "word0", "words")

    def __init__(self, name: str, methods: tuple[str, ...], field: PcRelField, kind: int,
                 exact: _BranchFn, inverse: _BranchFn) -> None:
        self.name: Final = name  # the mnemonic (what errors and fixups call it)
        self.methods: Final = methods  # every Python name of the row's method
        self.field: Final = field  # the PC-relative field its target fills
        self.kind: Final = kind  # index of its reach in _KINDS
        self.exact: Final = exact  # the Assembler's method
        self.inverse: Final = inverse  # the Assembler's method of the inverse branch
        code = getattr(exact, "__code__", None)
        if code is None or code.co_argcount < 2:
            raise TypeError(f"MacroAssembler: short branch {name} is not a method "
                            "(self, ..., target)")
        self.arity: Final = code.co_argcount - 2  # operands before the target
        self.reach: Final = ((1 << (field.bits - 1)) - 1) * field.scale  # farthest forward
        self.back: Final = -(1 << (field.bits - 1)) * field.scale  # farthest backward
        if field.scale & (field.scale - 1):
            raise TypeError(f"MacroAssembler: short branch {name}: field scale {field.scale} "
                            "is not a power of two")
        self.shift: Final = field.scale.bit_length() - 1  # delta -> field value
        self.mask: Final = (1 << field.bits) - 1
        # The word with a zero offset (word0 without operands, else by operands: see
        # _word_key): a branch with operands seen before needs no checks.
        self.word0: int | None = None
        self.words: Final[dict[object, int]] = {}

    def __repr__(self) -> str:
        return f"_Short({self.name!r})"


#: Operand types that compare by identity: a cached word's key may hold them as is.
_IDENTITY: Final = frozenset({GPRegister, FPRegister, VElement, Cond})


def _word_key(args: tuple[object, ...]) -> object:
    """The key of ``args`` in :attr:`_Short.words`, or None when not to remember it.
    An int is kept with its exact type (``True == 1``: the exact method tells them apart)."""
    if len(args) == 1:
        return args[0] if type(args[0]) in _IDENTITY else None
    a, b = args[0], args[-1]
    if len(args) == 2 and type(a) in _IDENTITY and (type(b) in _IDENTITY or type(b) is int):
        return (a, b, type(b))
    return None


def _table_rows() -> list[tuple[str, tuple[str, ...], PcRelField, str]]:
    """(mnemonic, Python names, field, inverse's Python name) of every short branch:
    the rows tagged ``"short_branch"`` in the instruction tables (their ``target``
    field and ``inverse`` mnemonic), so a new row gets veneers here with no edit.
    Rows without an inverse (b.al, b.nv: always taken) stay exact."""
    names = table.mnemonics()
    rows = []
    for spec in table.tagged("short_branch"):
        inverse = spec.fields.get("inverse")
        if inverse is not None:
            rows.append((spec.name, spec.methods, spec.fields["target"], names[inverse].method))
    return rows


def _short_branches() -> tuple[tuple[_Short, ...], tuple[PcRelField, ...]]:
    rows: list[_Short] = []
    kinds: list[PcRelField] = []
    for name, methods, fld, inverse in _table_rows():
        if fld not in kinds:
            kinds.append(fld)
        rows.append(_Short(name, methods, fld, kinds.index(fld), getattr(Assembler, methods[0]),
                           getattr(Assembler, inverse)))
    return tuple(rows), tuple(kinds)


_SHORT, _KINDS = _short_branches()
_SHORT_NAMES: Final = frozenset(row.name for row in _SHORT)
_SHORT_BY_NAME: Final = {row.name: row for row in _SHORT}
#: The forward reach of each kind: a veneer must be placed at most this far after the branch.
_REACH: Final = tuple(((1 << (f.bits - 1)) - 1) * f.scale for f in _KINDS)
#: The kinds in the order of their veneers in a pool: shortest reach first.
_ORDER: Final = tuple(sorted(range(len(_KINDS)), key=lambda kind: _REACH[kind]))
#: (kind, half its reach) in _ORDER (for _mx_recompute)
_ORDER_HALF: Final = tuple((kind, _REACH[kind] // 2) for kind in _ORDER)


class _Literal:
    # (a plain class: a dataclass's generated methods cost ~6 ms each natively under
    # qemu at import, and dataclasses imports inspect)
    __slots__ = ("data", "first_use", "label", "uses")

    def __init__(self, data: bytes, label: Label, first_use: int) -> None:
        self.data = data
        self.label = label
        self.first_use = first_use  # offset of the first referencing load
        self.uses: list[int] = []


def _zr(size: int) -> GPRegister:
    return (X_BY_CODE if size == 64 else W_BY_CODE)[31]


def _is_plain_gp(reg: object) -> bool:
    return type(reg) is GPRegister and reg.code != 31


# Access size in bytes of each load/store mnemonic (None: from the register).
_ACCESS: dict[str, int | None] = {
    "ldr": None, "str": None, "ldrb": 1, "strb": 1, "ldrh": 2, "strh": 2,
    "ldrsb": 1, "ldrsh": 2, "ldrsw": 4,
}
_UNSCALED = {"ldr": "ldur", "str": "stur", "ldrb": "ldurb", "strb": "sturb", "ldrh": "ldurh",
             "strh": "sturh", "ldrsb": "ldursb", "ldrsh": "ldursh", "ldrsw": "ldursw"}


class MacroAssembler(Assembler):
    """An :class:`~a64jit.Assembler` whose instructions accept any operand value.

    >>> from a64jit import MacroAssembler, x0
    >>> m = MacroAssembler()
    >>> m.mov(x0, 0x1234_5678_1234_5678)
    >>> m.ret()
    >>> len(m.finalize())
    16
    """

    #: The memo's fast hits put through ``_hit_put`` and, while ``_mx_pending``,
    #: compare the length with ``_mx_limit`` themselves (memo._CHECKED_FAST), where
    #: ``_put`` is a Python call per word while a pool is pending; own_wrappers (below
    #: the class) gives this class such wrappers for the instructions it inherits too.
    _checked_hits = True

    def __init__(self, scratch: tuple[GPRegister, ...] = DEFAULT_SCRATCH, *,
                 record_sites: bool = False) -> None:
        # Pool bookkeeping is incremental, so each instruction costs O(1) amortized:
        # the pending forward branches are queues in deadline order, the pool's size
        # two counters, and _mx_next_check (the offset at which to look again) one
        # integer compared after each word (see _mx_recompute).
        self._mx_next_check = _NO_CHECK  # read by _reroute() during super().__init__()
        self._mx_limit = _NO_LIMIT  # _mx_next_check in words
        self._mx_pending = False  # _mx_limit is not _NO_LIMIT (the memo's checked hits)
        # (the buffer, the limit's cell, the counting put made for them: see _reroute)
        self._mx_put_fn: tuple[object, list[int], Callable[[int], None]] = (None, [-1],
                                                                          _no_put)
        self._mx_blocked = 0
        super().__init__(record_sites=record_sites)
        self._mx_scratch = ScratchPool(scratch)
        self._mx_owner = self._mx_scratch._owner  # non-empty while a scope holds a register
        self._mx_scratch.on_nested = _weak_call(self, "_mx_nested")
        # per reach (_KINDS): (deadline, label) of each forward short branch, in order
        self._mx_queues = [_Queue() for _ in _KINDS]
        self._mx_cap = _HEADROOM * len(_KINDS)  # the veneers _mx_next_check allows for
        self._mx_compact_at = _COMPACT_MIN  # queue entries that make _mx_recompute compact
        self._mx_uncond_at = _NO_CHECK  # see _mx_recompute
        self._mx_literals: dict[bytes, _Literal] = {}
        self._mx_lit_bytes = 0
        self._mx_placed: dict[bytes, int] = {}  # literal bytes -> offset of latest copy
        self._mx_pools = 0  # pools emitted so far (a replayed expansion must have none inside)

    # -- scratch registers -----------------------------------------------------

    def scratch(self, name: str = "scratch") -> ScratchScope:
        """A new scratch-register scope (a context manager)."""
        return self._mx_scratch.scope(name)

    @contextmanager
    def _mx_temp(self, insn: str, operands: tuple[object, ...], size: int = 64
              ) -> Iterator[GPRegister]:
        """One scratch register for the duration of a macro instruction."""
        with self.scratch(insn) as s:
            yield s.acquire(avoid=[o for o in operands if isinstance(o, Register)], size=size)

    def _mx_check(self, insn: str, *operands: object) -> None:
        if self._mx_scratch._owner:
            self._mx_scratch.check(insn, operands)

    def _mx_nested(self, nested: bool) -> None:
        """A scope that is not the innermost holds a scratch register (or no longer
        does). Then add/sub/adds/subs/cmp/cmn refuse it as an operand even where one
        exact instruction does, so their memo (which never checks) is set aside:
        this instance's attributes shadow it with the full methods meanwhile."""
        # (setattr/delattr, not self.__dict__: that would make every attribute
        # lookup on this instance slower from then on)
        cls = type(self)
        for name in _SCRATCH_CHECKED:
            full = getattr(getattr(cls, name), "__wrapped__", None)
            if full is None:
                continue  # a subclass's own method: not memoized, nothing to set aside
            if nested:
                setattr(self, name, types.MethodType(full, self))
            elif hasattr(self, name) and getattr(self, name).__func__ is full:
                delattr(self, name)

    # -- pools: emission hooks ---------------------------------------------------

    def _reroute(self) -> None:
        # Assembler._reroute's choice (its _direct(): subclasses add conditions), the
        # buffer's append made once
        code = self._code
        append = code.append
        straight = self._direct()
        # Whether the short branches' fast paths may append to the buffer themselves
        # (checking _mx_limit as the counting put would): no partial word, no sites.
        self._mx_direct = direct = not self._tail and self._sites is None
        # What the memo's checked hits put with (they compare with _mx_limit after).
        self._hit_put = append if direct else self.emit
        # While a pool is pending, every word is counted against the deadline.
        if straight and self._mx_next_check != _NO_CHECK:
            made = self._mx_put_fn  # (code, cell, put): data() reroutes after every piece
            if made[0] is not code:
                cell = [self._mx_limit]
                made = self._mx_put_fn = (code, cell, _counting_put(self, cell))
            put = made[2]
            made[1][0] = put.limit = self._mx_limit  # type: ignore[attr-defined]
            self._put = put
        else:
            self._put = append if straight else self.emit

    def _mx_due(self) -> None:
        """The word just emitted reached ``_mx_limit``: a pool may be due."""
        if not self._mx_blocked:
            self._mx_pool_check()

    def emit(self, word: int) -> None:
        Assembler.emit(self, word)
        if len(self._code) >= self._mx_limit and not self._mx_blocked:
            self._mx_pool_check()

    def emit_words(self, words: array[int]) -> None:
        if type(words) is array and self._mx_direct:
            code = self._code
            try:
                code.extend(words)  # (an array of another typecode raises, adding nothing)
            except TypeError:
                pass  # (the checked path below says what is wrong)
            else:
                if len(code) < self._mx_limit:
                    return  # (no word reached a pool's check: as the counting put)
                del code[len(code) - len(words):]  # (rare: word by word, as below)
        Assembler.emit_words(self, words)

    def data(self, raw: bytes | bytearray | memoryview) -> None:
        if not self._mx_blocked:
            if type(raw) in (bytes, bytearray):
                self._mx_pool_check(incoming=len(raw))
            elif isinstance(raw, memoryview):  # its len() counts items, not bytes
                self._mx_pool_check(incoming=raw.nbytes)
        Assembler.data(self, raw)

    def align(self, alignment: int, fill: int | None = None) -> None:
        if not self._mx_blocked and type(alignment) is int and 0 < alignment <= 1 << 20:
            self._mx_pool_check(incoming=alignment)
        Assembler.align(self, alignment, fill)

    @contextmanager
    def no_pools(self, size: int = 0) -> Iterator[None]:
        """Emit the next ``size`` bytes with no pool in between (exact layout).
        A pool that would fall due inside is emitted before the region."""
        if type(size) is not int or not 0 <= size < _LITERAL_RANGE // 2:
            raise EncodingError(f"no_pools: size {show(size)} cannot be honoured; allowed: "
                                f"0..{_LITERAL_RANGE // 2 - 1} bytes")
        self._mx_reserve(size)
        self._mx_blocked += 1
        try:
            yield
        finally:
            self._mx_blocked -= 1

    def _mx_reserve(self, size: int) -> None:
        """Make room for ``size`` bytes that no pool may split."""
        if not self._mx_blocked and self.offset + size >= self._mx_next_check:
            self._mx_pool_check(incoming=size)

    def _mx_pool_size(self) -> int:
        """The most bytes a pool emitted now takes: a branch over it, a veneer for
        each of up to ``_mx_cap`` labels (see _mx_recompute) and the literals."""
        lits = self._mx_lit_bytes
        return 4 + 4 * self._mx_cap + (4 + lits if lits else 0)

    # The pending forward branches of each reach (_KINDS) are a FIFO queue of
    # (deadline, label), the deadline being the last offset from which a veneer still
    # reaches the branch. Deadlines grow with the offset, so a queue is sorted as it
    # is built: no heap. An entry whose label is no longer pending (bound, or sent
    # through a veneer) is dropped when it reaches the front; a label that was sent
    # through a veneer and referenced again counts as pending (at worst it gets its
    # next veneer early).
    #
    # A pool is laid out as: the branch over it, the veneers of each reach in _ORDER
    # (shortest first), each reach's in queue order, then the literals. Within one
    # reach, the n-th veneer is for an entry at least n places behind the front, so
    # its deadline is at least 4n bytes later than the front's: if the reach's first
    # veneer is in time, all are. So a reach only needs room for the veneers placed
    # before its own, and the literals for the whole pool.
    #
    # The invariant: _mx_next_check <= (the deadline at the front of every queue) -
    # (the branch and at most the veneers of the queues before it in _ORDER) -
    # _SLACK, and <= (the first literal's deadline) - (a pool of _mx_cap veneers and
    # the literals) - _SLACK. A new entry behind others only has a later deadline,
    # so a forward branch costs two appends and two comparisons; the whole minimum
    # is recomputed only when a queue was empty or grew past its cap, a literal is
    # added, or a check is due. _mx_uncond_at is the offset after which an
    # unconditional branch is a good place for a pool (its reach half used, or
    # literals waiting).
    #
    # The veneers of a pool are for labels taken from the queues, so the labels with
    # an entry are all it can need: labels pending through b/bl/adr/ldr alone need
    # none. When recomputed, they are at most the entries, and at most the pending
    # labels; each short reference since adds at most one label, and adds an entry
    # (whatever the label had before: a label pending through b alone gains its
    # first short reference on the path that appends to its references). Each
    # queue may take ``room`` more entries before its cap makes a recompute due,
    # so _mx_cap (that minimum plus the room of every queue) bounds them, and the
    # caps of the queues before a reach bound its veneers ahead. A veneer takes
    # the label's references of its own reach only (a tbz's must not wait behind
    # b.cond veneers). Dead entries behind a live front would inflate the count,
    # so once the queues hold more than _mx_compact_at entries they are compacted:
    # entries of labels no longer pending go, and so does every entry of a label
    # after its first in a queue (the first has the earliest deadline, and its
    # veneer takes all the label's references of that reach). The threshold is
    # twice the entries kept, so compacting costs O(1) per entry, amortized.

    def _mx_recompute(self) -> None:
        # (a JIT's short branch makes one every ~30: the arithmetic below as plain
        # compares, no min() calls, _mx_room inline)
        queues = self._mx_queues
        entries = 0
        for queue in queues:
            while queue and queue[0][1]._refs is None:  # (bound, or a veneer took them)
                queue.popleft()
            entries += len(queue)
        if entries > self._mx_compact_at:  # (see above)
            self._mx_compact_at = max(2 * self._mx_compact(), _COMPACT_MIN)
            entries = sum(map(len, queues))
        # _mx_room: at most the labels the queues hold, the room of each queue
        npending = self._npending
        base = entries if entries < npending else npending
        room = _HEADROOM + base // 8
        self._mx_cap = total = base + room * len(queues)
        check = mark = _NO_CHECK
        ahead = 0  # veneers of the kinds before this one in a pool (at most)
        for kind, half in _ORDER_HALF:
            queue = queues[kind]
            queue.cap = cap = len(queue) + room
            if queue:
                deadline = queue[0][0]
                due = deadline - 4 - 4 * (ahead if ahead < total else total)
                if due < check:
                    check = due
                if deadline - half < mark:
                    mark = deadline - half
            ahead += cap
        if self._mx_literals:
            first = next(iter(self._mx_literals.values())).first_use + _LITERAL_RANGE
            check = min(check, first - self._mx_pool_size())
            mark = 0
        self._mx_uncond_at = mark
        if check == _NO_CHECK:
            self._mx_next_check = _NO_CHECK
            self._mx_limit = _NO_LIMIT
            self._mx_pending = False
        else:
            check -= _SLACK
            self._mx_next_check = check
            self._mx_limit = max(check, 0) // 4
            self._mx_pending = True
        self._reroute()

    def _mx_room(self) -> tuple[int, int]:
        """(at most the labels the queues hold, entries each queue may take before a
        recompute is due): see above."""
        base = min(sum(map(len, self._mx_queues)), self._npending)
        return base, _HEADROOM + base // 8  # (room grows with the count: recomputes stay rare)

    def _mx_compact(self) -> int:
        """Drop the queue entries no pool needs (see above); return how many stay."""
        entries = 0
        for queue in self._mx_queues:
            seen: set[Label] = set()
            kept = []
            for entry in queue:
                lbl = entry[1]
                if lbl._refs is not None and lbl not in seen:
                    seen.add(lbl)
                    kept.append(entry)
            if len(kept) != len(queue):
                queue.clear()  # (in place: the deque objects stay those of self)
                queue.extend(kept)
            entries += len(kept)
        return entries

    def _mx_pool_check(self, *, incoming: int = 0) -> None:
        """Emit a pool (with a branch around it) if one falls due within ``incoming`` bytes."""
        self._mx_recompute()
        # Not after a partial word of data: a pool (code) needs a word boundary,
        # and padding would split the caller's data; the next instruction checks.
        if self.offset + incoming >= self._mx_next_check and not self._tail:
            self.flush_pools(branch_over=True, incoming=incoming)

    def flush_pools(self, *, branch_over: bool = True, incoming: int = 0) -> None:
        """Emit pending literals and the veneers whose branches are getting close
        to their range, here. ``branch_over`` jumps around them (needed unless the
        previous instruction is an unconditional branch)."""
        here = self.offset
        queues = self._mx_queues
        # Which veneers: those within half their reach (they share this pool), and
        # any whose deadline would otherwise make a check due right after the pool
        # (or within ``incoming``), the pool's size counted as it grows.
        lit_bytes = self._mx_lit_bytes
        size = 4 + (4 + lit_bytes if lit_bytes else 0)
        base, room = self._mx_room()  # (at least what _mx_recompute makes after)
        total = base + room * len(queues)
        by_kind: list[list[tuple[Label, list[_Ref]]]] = [[] for _ in queues]
        grown = True
        while grown:
            grown = False
            ahead = 0
            for kind in _ORDER:
                queue = queues[kind]
                fld = _KINDS[kind]
                near = here + max(_REACH[kind] // 2,
                                  size + incoming + 4 + 4 * min(ahead, total) + _SLACK)
                while queue and queue[0][0] <= near:
                    lbl = queue.popleft()[1]
                    refs = self._mx_short_refs(lbl, fld)
                    if refs:
                        by_kind[kind].append((lbl, refs))
                        size += 4
                        grown = True
                ahead += len(queue) + room
        veneers = [veneer for kind in _ORDER for veneer in by_kind[kind]]
        if not veneers and not self._mx_literals:
            self._mx_recompute()
            return
        self._mx_pools += 1
        self._mx_blocked += 1
        try:
            after = self.label("pool.after") if branch_over else None
            if after is not None:
                Assembler.b(self, after)
            code = self._code
            for lbl, refs in veneers:
                at = self.offset
                for index, fld, insn in refs:
                    code[index] = fld.patch(insn, code[index], at - index * 4)
                Assembler.b(self, lbl)
            if self._mx_literals:
                lits = sorted(self._mx_literals.values(), key=lambda lit: -len(lit.data))
                self._mx_literals = {}
                self._mx_lit_bytes = 0
                if len(lits[0].data) >= 8:  # 8 or 16 (a q register's): natural alignment
                    Assembler.align(self, len(lits[0].data))
                for lit in lits:
                    self.bind(lit.label)
                    self._mx_placed[lit.data] = self.offset
                    Assembler.data(self, lit.data)
            if after is not None:
                self.bind(after)
        finally:
            self._mx_blocked -= 1
        self._mx_recompute()

    def _mx_after_uncond(self) -> None:
        """The previous instruction never falls through, and it ended past
        ``_mx_uncond_at``: a free spot for a pool, if one is still worth it."""
        if self._mx_blocked:
            return
        self._mx_recompute()  # the front entries may have been bound since
        if len(self._code) * 4 > self._mx_uncond_at and not self._tail:
            self.flush_pools(branch_over=False)

    def _mx_short_refs(self, label: Label, fld: PcRelField) -> list[_Ref]:
        """Take the short-branch references of the unbound ``label`` that fill
        ``fld`` (one reach) out of the pending ones (for a veneer); the others (other
        reaches, b, bl, adr, literals) stay."""
        refs = label._refs
        if not refs:
            return []
        short = [ref for ref in refs if ref[2] in _SHORT_NAMES and ref[1] == fld]
        if short:
            self._set_refs(label, [ref for ref in refs
                                   if ref[2] not in _SHORT_NAMES or ref[1] != fld])
        return short

    # -- labels ----------------------------------------------------------------
    # A forward short branch is a pending reference of the Assembler's like any
    # other (bind patches it); the queues only say when a veneer falls due.

    def finalize(self, address: int = 0) -> bytes:
        """Emit the remaining literals, check every label is bound, return the code."""
        if self._mx_literals:
            self.flush_pools(branch_over=False)
        return super().finalize(address)

    # -- branches ------------------------------------------------------------------
    #
    # Every short-range branch (the rows of _SHORT) gets a method made below the class
    # by _short_method: a forward branch to an own label with operands seen before
    # is recorded and emitted at once, a backward one within reach is patched at
    # once; anything else goes to _mx_short_branch.

    def _mx_short_branch(self, row: _Short, args: tuple[object, ...], target: Target) -> None:
        """Emit ``row`` (a short branch) with operands ``args``, far-branch safe: a far
        bound target becomes the inverse branch over a ``b``; an unbound one is
        recorded with its deadline, for a veneer if it would go out of reach."""
        if type(target) is not Label or target._home is not self._home:
            row.exact(self, *args, target)  # int offsets, foreign labels: the exact assembler
            return
        off = target.offset
        if off is not None:
            delta = off - self.offset
            fld = row.field
            reach = (1 << (fld.bits - 1)) * fld.scale
            if -reach <= delta < reach:
                row.exact(self, *args, target)
            else:
                self._mx_reserve(8)
                self._mx_blocked += 1
                try:
                    row.inverse(self, *args, 8)  # skip the b when the condition is false
                    Assembler.b(self, target)
                finally:
                    self._mx_blocked -= 1
            return
        self._mx_reserve(4)
        self._mx_blocked += 1
        try:
            row.exact(self, *args, 0)  # checks the operands; patched when the label is bound
        finally:
            self._mx_blocked -= 1
        code = self._code
        index = len(code) - 1
        if not args:
            row.word0 = code[index]
        else:
            key = _word_key(args)
            if key is not None:
                if len(row.words) >= _WORDS_LIMIT:
                    row.words.clear()
                row.words[key] = code[index]
        self._mx_track(target, index, row)
        if len(code) >= self._mx_limit and not self._mx_blocked:
            self._mx_pool_check()

    def _mx_track(self, target: Label, index: int, row: _Short) -> None:
        """Record the short branch ``row`` at word ``index`` to the unbound ``target``."""
        self._add_ref(target, (index, row.field, row.name))
        queue = self._mx_queues[row.kind]
        queue.append((index * 4 + row.reach, target))
        if len(queue) == 1 or len(queue) > queue.cap:
            self._mx_recompute()

    def _mx_track_ref(self, target: Label, index: int, fld: PcRelField, insn: str) -> None:
        """A reference made outside the branch methods (a fragment instance's word
        ``index``) to the unbound ``target``: a short branch is tracked for a veneer
        like one of ours, anything else is an exact fixup."""
        row = _SHORT_BY_NAME.get(insn)
        if row is None or row.field is not fld:
            self._add_ref(target, (index, fld, insn))
            return
        # _mx_track and _add_ref inline (a fragment's label hole: one call, not three)
        refs = target._refs
        if refs is None:
            target._refs = [(index, fld, row.name)]
            self._npending += 1
        else:
            refs.append((index, fld, row.name))
        queue = self._mx_queues[row.kind]
        queue.append((index * 4 + row.reach, target))
        if len(queue) == 1 or len(queue) > queue.cap:
            self._mx_recompute()

    # b_eq ... b_le, LLVM's dotless beq ... ble and bc_eq ... are made below the class.

    # b_cond(cond, target) (and bc_cond) are made below the class too.

    def b(self, target: Target) -> None:
        """``b target``; a good place for a pool follows."""
        # A label of this assembler after whole words inline (as the short branches':
        # a JIT's b is one to an own label every few instructions): one call where the
        # memo's wrapper made two.
        if type(target) is Label and target._home is self._home and self._mx_direct:
            code = self._code
            index = len(code)
            off = target.offset
            if off is None:  # forward: bind patches the zero field
                refs = target._refs
                if refs is None:
                    target._refs = [(index, _B_FIELD, _B_NAME)]
                    self._npending += 1
                else:
                    refs.append((index, _B_FIELD, _B_NAME))
                code.append(_B_WORD)
            elif off - index * 4 >= _B_BACK:  # backward (a bound label is at or before
                code.append(_B_WORD | ((off >> 2) - index) & 0x3FFFFFF)  # the end)
            else:
                _B(self, target)  # out of reach: raises
            if index >= self._mx_limit - 1:
                self._mx_due()
        else:
            _B(self, target)
        if len(self._code) * 4 > self._mx_uncond_at:
            self._mx_after_uncond()

    def bl(self, target: Target) -> None:
        """``bl target``."""
        # As b's: a JIT's calls of its out-of-line subroutines, forward to own labels
        if type(target) is Label and target._home is self._home and self._mx_direct:
            code = self._code
            index = len(code)
            off = target.offset
            if off is None:
                refs = target._refs
                if refs is None:
                    target._refs = [(index, _B_FIELD, _BL_NAME)]
                    self._npending += 1
                else:
                    refs.append((index, _B_FIELD, _BL_NAME))
                code.append(_BL_WORD)
            elif off - index * 4 >= _B_BACK:
                code.append(_BL_WORD | ((off >> 2) - index) & 0x3FFFFFF)
            else:
                _BL(self, target)  # out of reach: raises
                return
            if index >= self._mx_limit - 1:
                self._mx_due()
            return
        _BL(self, target)

    def br(self, rn: GPRegister) -> None:
        """``br rn``; a good place for a pool follows."""
        _BR(self, rn)
        if len(self._code) * 4 > self._mx_uncond_at:
            self._mx_after_uncond()

    def ret(self, rn: GPRegister = x30) -> None:
        """``ret`` (x30 or ``rn``); a good place for a pool follows."""
        _RET(self, rn)
        if len(self._code) * 4 > self._mx_uncond_at:
            self._mx_after_uncond()

    def call(self, target: int | Label | HasAddress) -> None:
        """Call ``target``: a label (``bl``) or an absolute address / object with
        ``.address`` (materialized into a scratch register, then ``blr``).
        Clobbers only that scratch register (x16 unless it is held) and x30."""
        if isinstance(target, Label):
            try:
                self.bl(target)
            except LabelError as e:  # a foreign label: the error names the call
                raise LabelError(f"call: {str(e).partition(': ')[2]}") from None
            return
        address = _absolute("call", target)
        try:
            with self._mx_temp("call", ()) as t:
                self.mov(t, address)
                self.blr(t)
        except (EncodingError, OperandError) as e:
            raise _renamed(e, "call") from None

    def jump(self, target: int | Label | HasAddress) -> None:
        """Tail-jump to ``target`` (``b`` or absolute through a scratch register)."""
        if isinstance(target, Label):
            try:
                self.b(target)
            except LabelError as e:  # a foreign label: the error names the call
                raise LabelError(f"jump: {str(e).partition(': ')[2]}") from None
            return
        address = _absolute("jump", target)
        try:
            with self._mx_temp("jump", ()) as t:
                self.mov(t, address)
                self.br(t)
        except (EncodingError, OperandError) as e:
            raise _renamed(e, "jump") from None

    # -- constants -------------------------------------------------------------------

    def mov(self, rd: Register | VArrangement | VElement, src: Any, *rest: Any) -> None:
        """``mov rd, src``: registers as the exact assembler does; an int ``src`` may
        be any 64-bit (x) or 32-bit (w) constant, signed or unsigned. Into a b/h/s/d/q
        register or an arranged vector register (``v0.s4``), an int is the register's
        bit pattern and a tuple gives each lane: the shortest movi/mvni/fmov, movi with
        orr/bic, or a literal-pool load (see :mod:`a64jit.macro.vecconst`)."""
        if type(src) is GPRegister and not rest:
            _MOV(self, rd, src)  # a register move: the exact instruction (memoized)
            return
        if type(src) is not int or rest or type(rd) is not GPRegister:
            if (type(src) is int or type(src) is tuple) and not rest and (
                    type(rd) in (FPRegister, VArrangement)):
                mov_vector(self, rd, src)  # a vector constant: see macro/vecconst.py
                return
            Assembler.mov(self, rd, src, *rest)
            return
        if self._mx_owner:
            self._mx_check("mov", rd)
        words = _MOV_WORDS.get((type(self), rd, src))
        if words is None:  # this constant into this register first: plan it
            if rd.code == 31 or type(self)._mx_emit_plan is not _EMIT_PLAN:
                self._mx_mov_planned(rd, src)  # sp, zr, a subclass's own emission
                return
            words = _new_mov_words(type(self), "mov", rd, src)
        code = self._code
        if self._mx_direct and len(code) + len(words) < self._mx_limit:
            code.extend(words)  # (no word reaches a pool's check: one C call)
            return
        for word in words:
            self._put(word)  # (self._put: a pool may change it in between)

    @classmethod
    def mov_words(cls, rd: GPRegister, value: int) -> tuple[int, ...]:
        """The instruction words ``mov(rd, value)`` emits for the int ``value`` into the
        general-purpose register ``rd`` (x0-x30, w0-w30, xzr, wzr; not sp): one to four
        32-bit words, the planner's choice of movz/movn/movk/orr (the same words, from the
        same per-class table, as :meth:`mov`). For a code generator that keeps runs of
        precomputed words (:meth:`~a64jit.Assembler.emit_words`) holding a 64-bit
        constant. ``value`` is signed or unsigned in the register's range; anything
        else raises as ``mov`` does (naming ``mov_words``)."""
        if type(value) is int and type(rd) is GPRegister:
            words = _MOV_WORDS.get((cls, rd, value))
            if words is not None:
                return words
        if type(rd) is not GPRegister:
            raise OperandError(f"mov_words: register {show(rd)} is not valid here; expected "
                               "a general-purpose register (x0-x30, w0-w30, xzr, wzr)")
        if rd.is_sp:
            raise OperandError(f"mov_words: {rd} is not valid here (a constant reaches it "
                               "through a scratch register); use mov")
        if isinstance(value, bool) or not isinstance(value, int):
            raise OperandError(f"mov_words: value {show(value)} is not valid here; "
                               "expected an int")
        if rd.code != 31 and cls._mx_emit_plan is _EMIT_PLAN:
            return _new_mov_words(cls, "mov_words", rd, value)
        # zr, or a subclass that emits plans its own way: what its mov emits
        probe = cls()
        try:
            probe.mov(rd, value)
        except (EncodingError, OperandError) as e:
            raise _renamed(e, "mov_words") from None
        return tuple(probe._code)

    def _mx_mov_planned(self, rd: GPRegister, src: int) -> None:
        """mov of an int into sp or zr, or through a subclass's ``_mx_emit_plan``."""
        steps = _plan_for("mov", rd, src)
        if rd.is_sp:
            with self._mx_temp("mov", (), rd.size) as t:
                self._mx_emit_plan(t, steps)
                Assembler.mov(self, rd, t)
            return
        code = self._code
        before = len(code)
        self._mx_emit_plan(rd, steps)
        if len(code) == before + len(steps):  # (no pool in between)
            if len(_MOV_WORDS) >= _WORDS_LIMIT:
                _MOV_WORDS.clear()
            _MOV_WORDS[type(self), rd, src] = tuple(code[before:])

    def _mx_emit_plan(self, rd: GPRegister, steps: tuple[MovStep, ...]) -> None:
        code = rd.code
        if code != 31:
            # The words straight from the encoders: no memo entry for a one-off immediate
            # (an address is seen once, and a memo miss costs ~20 calls).
            for base, mult in _plan_words(steps):
                self._put(base | code * mult)  # (self._put: a pool may change it in between)
            return
        for s in steps:
            r = rd.x if s.width == 64 else rd.w
            op = s.op
            if op == "movk":
                Assembler.movk(self, r, s.imm, _LSL[s.shift])
            elif op == "movz":
                Assembler.movz(self, r, s.imm, _LSL[s.shift])
            elif op == "movn":
                Assembler.movn(self, r, s.imm, _LSL[s.shift])
            elif op == "mov_bitmask":
                Assembler.orr(self, r, _zr(s.width), s.imm)
            elif op == "orr":
                Assembler.orr(self, r, r, s.imm)
            elif op == "and":
                Assembler.and_(self, r, r, s.imm)
            elif op == "eor":
                Assembler.eor(self, r, r, s.imm)
            else:
                Assembler.orr(self, r, r, r, _LSL[32])

    def ldr_literal(self, rt: Register, value: int | float) -> None:
        """``ldr rt, =value``: load a constant from the literal pool. ``rt`` is an
        x/w register (int ``value``) or an s/d register (float ``value``)."""
        self._mx_ldr_literal("ldr_literal", rt, value)

    def _mx_ldr_literal(self, call: str, rt: Register, value: object) -> None:
        self._mx_ldr_raw(call, rt, self._mx_literal_bytes(call, rt, value))

    def _mx_ldr_raw(self, call: str, rt: Register, raw: bytes) -> None:
        """``ldr rt, <literal>`` of the pool entry ``raw`` (4, 8 or 16 bytes, as ``rt``)."""
        if self._mx_owner:
            self._mx_check(call, rt)
        self._mx_reserve(4)
        placed = self._mx_placed.get(raw)
        if placed is not None and self.offset - placed < _LITERAL_RANGE - _SLACK:
            Assembler.ldr(self, rt, placed - self.offset)  # reuse a copy already emitted
            return
        lit = self._mx_literals.get(raw)
        self._mx_blocked += 1
        try:
            if lit is None:
                lit = self._mx_literals[raw] = _Literal(raw, self.label("literal"), self.offset)
                self._mx_lit_bytes += len(raw)
                self._mx_recompute()
            lit.uses.append(self.offset)
            Assembler.ldr(self, rt, lit.label)
        finally:
            self._mx_blocked -= 1
        if self.offset >= self._mx_next_check and not self._mx_blocked:
            self._mx_pool_check()

    @staticmethod
    def _mx_literal_bytes(insn: str, rt: object, value: object) -> bytes:
        """The pool entry for ``value`` loaded into ``rt`` (checked)."""
        if type(rt) is FPRegister and rt.size in (32, 64):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise OperandError(f"{insn}: value {show(value)} is not valid here; expected "
                                   f"an int or float for {rt}")
            try:
                return struct.pack("<d" if rt.size == 64 else "<f", float(value))
            except (OverflowError, struct.error):
                kind = "a double" if rt.size == 64 else "a single (about +-3.4e38)"
                raise EncodingError(f"{insn}: value {show(value)} cannot be encoded; allowed: "
                                    f"{kind} for {rt}") from None
        if type(rt) is GPRegister and not rt.is_sp and rt.code != 31:
            if isinstance(value, bool) or not isinstance(value, int):
                raise OperandError(f"{insn}: value {show(value)} is not valid here; expected "
                                   f"an int for {rt}")
            bits = rt.size
            if not -(1 << (bits - 1)) <= value < (1 << bits):
                raise EncodingError(f"{insn}: value {show(value)} cannot be encoded; allowed: "
                                    f"{-(1 << (bits - 1))}..{(1 << bits) - 1} for {rt}")
            return (value & ((1 << bits) - 1)).to_bytes(bits // 8, "little")
        raise OperandError(f"{insn}: register {show(rt)} is not valid here; expected a w/x "
                           "register (not sp/zr) or an s/d register")

    def mov_pooled(self, rd: GPRegister, value: int) -> None:
        """``mov`` through the literal pool: one load instead of up to four moves."""
        if type(rd) is not GPRegister:
            raise OperandError(f"mov_pooled: register {show(rd)} is not valid here; expected "
                               "a w/x register (not sp/zr)")
        self._mx_ldr_literal("mov_pooled", rd, value)

    def fmov(self, rd: Register | VElement, src: Any, *rest: Any) -> None:
        """``fmov``: registers as the exact assembler does; a float ``src`` into an
        s/d register may be any value (immediate, zero register, or literal pool)."""
        if type(rd) is not FPRegister or type(src) not in (int, float) or rest:
            Assembler.fmov(self, rd, src, *rest)
            return
        if rd.size not in (32, 64):
            raise OperandError(f"fmov: register {rd} is not valid here for a constant; "
                               "expected an s or d register")
        try:
            value = float(src)
        except OverflowError:
            raise EncodingError(f"fmov: value {show(src)} cannot be encoded; allowed: a "
                                f"finite {'double' if rd.size == 64 else 'single'}") from None
        if value == 0.0 and math.copysign(1.0, value) > 0:
            Assembler.fmov(self, rd, _zr(rd.size))  # +0.0: fmov from the zero register
            return
        if math.isfinite(value):
            try:
                Assembler.fmov(self, rd, value)
                return
            except EncodingError:
                pass  # not an 8-bit FP immediate
        self._mx_ldr_literal("fmov", rd, value)

    # -- arithmetic with any immediate -------------------------------------------------
    #
    # Each first tries the exact instruction (a dict hit for a repeat): a macro
    # sequence is needed only when that raises EncodingError for an int immediate.

    @memoized
    def add(self, rd: GPRegister | VArrangement | FPRegister,
            rn: GPRegister | VArrangement | FPRegister,
            op2: Operand2 | VArrangement | FPRegister, mod: Modifier = None) -> None:
        """``add`` with any immediate."""
        self._mx_any_addsub("add", _ADD, "sub", rd, rn, op2, mod)

    @memoized
    def sub(self, rd: GPRegister | VArrangement | FPRegister,
            rn: GPRegister | VArrangement | FPRegister,
            op2: Operand2 | VArrangement | FPRegister, mod: Modifier = None) -> None:
        """``sub`` with any immediate."""
        self._mx_any_addsub("sub", _SUB, "add", rd, rn, op2, mod)

    @memoized
    def adds(self, rd: GPRegister, rn: GPRegister, op2: Operand2,
             mod: Modifier = None) -> None:
        """``adds`` with any immediate (flags as ``adds`` of its bit pattern)."""
        self._mx_any_addsub("adds", _ADDS, "subs", rd, rn, op2, mod)

    @memoized
    def subs(self, rd: GPRegister, rn: GPRegister, op2: Operand2,
             mod: Modifier = None) -> None:
        """``subs`` with any immediate (flags as ``subs`` of its bit pattern)."""
        self._mx_any_addsub("subs", _SUBS, "adds", rd, rn, op2, mod)

    @memoized
    def cmp(self, rn: GPRegister, op2: Operand2, mod: Modifier = None) -> None:
        """``cmp`` with any immediate (flags as ``subs`` of its bit pattern)."""
        self._mx_any_compare("cmp", _CMP, "subs", "adds", rn, op2, mod)

    @memoized
    def cmn(self, rn: GPRegister, op2: Operand2, mod: Modifier = None) -> None:
        """``cmn`` with any immediate (flags as ``adds`` of its bit pattern)."""
        self._mx_any_compare("cmn", _CMN, "adds", "subs", rn, op2, mod)

    def _mx_any_addsub(self, call: str, exact: Callable[..., None], opposite: str,
                       rd: _AddSubReg, rn: _AddSubReg, op2: Operand2 | VArrangement | FPRegister,
                       mod: Modifier) -> None:
        """``call`` (add, sub, adds, subs) with any immediate: ``exact`` (the instruction
        itself) when it takes the operands or a macro sequence is not wanted, a
        remembered expansion of the same operands, else the expansion (``opposite``: the
        instruction that takes the negated immediate)."""
        if not self._mx_owner:
            if type(op2) is int and mod is None and type(rn) is GPRegister \
                    and type(rd) is GPRegister and self._mx_replay(call, rd, rn, op2):
                return
            try:
                exact(self, rd, rn, op2, mod)
                return
            except EncodingError:
                if type(op2) is not int or mod is not None:
                    raise
        if type(rd) is not GPRegister or type(rn) is not GPRegister:
            exact(self, rd, rn, op2, mod)  # a vector form, or the error saying what is wrong
            return
        self._mx_addsub(call, call, opposite, rd, rn, op2, mod)

    def _mx_any_compare(self, call: str, exact: Callable[..., None], insn: str,
                        opposite: str, rn: GPRegister, op2: Operand2, mod: Modifier) -> None:
        """``call`` (cmp, cmn) with any immediate, as :meth:`_mx_any_addsub` (the
        expansion is ``insn`` or ``opposite`` into the zero register)."""
        if not self._mx_owner or type(op2) is not int:
            if type(op2) is int and mod is None and type(rn) is GPRegister \
                    and self._mx_replay(call, None, rn, op2):
                return
            try:
                exact(self, rn, op2, mod)
                return
            except EncodingError:
                if type(op2) is not int or mod is not None:
                    raise
        if type(rn) is not GPRegister:
            exact(self, rn, op2, mod)  # raises: says what rn should be
            return
        self._mx_addsub(call, insn, opposite, _zr(rn.size), rn, op2, mod)

    @staticmethod
    def _mx_fits_addsub(value: int) -> bool:
        return 0 <= value <= 0xFFF or (not value & 0xFFF and value >> 12 <= 0xFFF)

    def _mx_addsub(self, call: str, insn: str, opposite: str, rd: GPRegister, rn: GPRegister,
                   op2: Any, mod: Any) -> None:
        """``call`` (the user's name) as ``insn``/``opposite`` with any int immediate."""
        code = self._code
        before, pools, late = len(code), self._mx_pools, len(self._late)
        try:
            self._mx_addsub_body(call, insn, opposite, rd, rn, op2, mod)
        except (EncodingError, OperandError) as e:
            raise _renamed(e, call) from None
        if mod is None:
            self._mx_remember(call, rd, rn, op2, before, pools, late)

    def _mx_remember(self, call: str, rd: GPRegister, rn: GPRegister, op2: Any, before: int,
                     pools: int, late: int) -> None:
        """Remember the expansion just emitted from word ``before`` (an int immediate
        no one instruction takes, e.g. cmp x2, #0xfff9: a scratch mov, then the register
        form) for _mx_replay: it depends only on the operands and the scratch registers
        while none is held. Not if a pool came in between or a word waits for
        ``finalize(address)``."""
        code = self._code
        if (type(op2) is int and not self._mx_owner and self._mx_pools == pools
                and len(self._late) == late and len(code) > before + 1
                and type(rn) is GPRegister
                and (call in _NO_RD or type(rd) is GPRegister)):
            if len(_MACRO_WORDS) >= _WORDS_LIMIT:
                _MACRO_WORDS.clear()
            key = (type(self), self._mx_scratch.codes, call,
                   None if call in _NO_RD else rd, rn, op2)
            _MACRO_WORDS[key] = tuple(code[before:])

    def _mx_replay(self, call: str, rd: GPRegister | None, rn: GPRegister, op2: int) -> bool:
        """Emit the words ``call`` made before for these operands (no scratch register
        held then or now; see _mx_addsub), if any: True when it did."""
        words = _MACRO_WORDS.get((type(self), self._mx_scratch.codes, call, rd, rn, op2))
        if words is None:
            return False
        for word in words:
            self._put(word)  # (self._put: a pool may change it in between)
        return True

    def _mx_addsub_body(self, call: str, insn: str, opposite: str, rd: GPRegister,
                        rn: GPRegister, op2: Any, mod: Any) -> None:
        exact = getattr(Assembler, insn)
        if type(op2) is not int or mod is not None or type(rn) is not GPRegister:
            exact(self, rd, rn, op2, mod)
            return
        size = rn.size
        value: int = op2
        if not -(1 << (size - 1)) <= value < (1 << size):
            raise EncodingError(f"{call}: immediate {show(value)} cannot be encoded; allowed: "
                                f"{-(1 << (size - 1))}..{(1 << size) - 1} for a {size}-bit "
                                "register")
        self._mx_check(call, rd, rn)
        mask = (1 << size) - 1
        value &= mask
        neg = -value & mask
        if insn.endswith("s"):
            # Flag-setting: x - v and x + (-v) form the same sum (so N, Z and C
            # agree) unless v is 0 (x - 0 carries, x + 0 does not), and overflow
            # agrees unless -v overflows (v = INT_MIN). Every other negative v
            # (as a signed value of the width) is swapped: cmp x0, #-5 is
            # cmn x0, #5 with the very same flags, as in the exact assembler.
            if value > (1 << (size - 1)):
                insn, opposite, value = opposite, insn, neg
            flags = True
        else:
            # Without flags the result is the same modulo 2**size for any v:
            # take the form whose immediate is cheaper.
            flags = False
            if op2 < 0 or (neg < value and not self._mx_fits_addsub(value)):
                insn, opposite, value = opposite, insn, neg
        exact = getattr(Assembler, insn)
        if self._mx_fits_addsub(value):
            exact(self, rd, rn, value)
            return
        if not flags and value < (1 << 24):
            # Two halves: no scratch register, and only two instructions.
            exact(self, rd, rn, value & ~0xFFF)
            exact(self, rd, rd, value & 0xFFF)
            return
        if _is_plain_gp(rd) and rd.code != rn.code:
            self.mov(rd, value)  # rd is about to be overwritten: use it as the temporary
            exact(self, rd, rn, rd)
            return
        with self._mx_temp(call, (rd, rn), size) as t:
            self.mov(t, value)
            exact(self, rd, rn, t)

    # -- logic with any immediate ---------------------------------------------------

    def _mx_logic(self, call: str, insn: str, rd: GPRegister, rn: GPRegister, op2: Any,
                  rest: tuple[Any, ...]) -> None:
        code = self._code
        before, pools, late = len(code), self._mx_pools, len(self._late)
        self._mx_logic_body(call, insn, rd, rn, op2, rest)
        if not rest:
            self._mx_remember(call, rd, rn, op2, before, pools, late)

    def _mx_logic_body(self, call: str, insn: str, rd: GPRegister, rn: GPRegister, op2: Any,
                       rest: tuple[Any, ...]) -> None:
        exact = getattr(Assembler, insn)
        if type(op2) is not int or rest or type(rn) is not GPRegister:
            exact(self, rd, rn, op2, *rest)
            return
        try:
            size = rn.size
            if not -(1 << (size - 1)) <= op2 < (1 << size):
                raise EncodingError(
                    f"{call}: immediate {show(op2)} cannot be encoded; allowed: "
                    f"{-(1 << (size - 1))}..{(1 << size) - 1} for a {size}-bit register")
            value = op2 & ((1 << size) - 1)
            if encode_bitmask(value, size) is not None:
                exact(self, rd, rn, value)
                return
            self._mx_check(call, rd, rn)
            if _is_plain_gp(rd) and rd.code != rn.code:
                self.mov(rd, value)  # rd is about to be overwritten: use it as the temporary
                exact(self, rd, rn, rd)
                return
            with self._mx_temp(call, (rd, rn), size) as t:
                self.mov(t, value)
                exact(self, rd, rn, t)
        except (EncodingError, OperandError) as e:
            raise _renamed(e, call) from None

    def _mx_logic_any(self, call: str, insn: str, exact: Callable[..., None], rd: _LogicReg,
                      rn: _LogicReg, op2: Any, shift: Shift | None) -> None:
        """``call`` (and, ands, orr, eor) with any immediate: the words remembered for
        these operands, else ``exact`` (the instruction itself) when it encodes them,
        else the planned sequence (:meth:`_mx_logic`)."""
        if shift is None:
            if type(op2) is int and not self._mx_owner and type(rn) is GPRegister \
                    and type(rd) is GPRegister and self._mx_replay(call, rd, rn, op2):
                return
            try:
                exact(self, rd, rn, op2)  # one exact instruction
                return
            except EncodingError:
                if type(op2) is not int:
                    raise
        rest = () if shift is None else (shift,)
        if type(rd) is not GPRegister or type(rn) is not GPRegister:
            exact(self, rd, rn, op2, *rest)  # a vector form, or the error saying what is wrong
            return
        self._mx_logic(call, insn, rd, rn, op2, rest)

    @memoized
    def and_(self, rd: GPRegister | VArrangement, rn: GPRegister | VArrangement,
             op2: int | GPRegister | VArrangement,
             shift: Shift | None = None) -> None:
        """``and`` with any immediate."""
        self._mx_logic_any("and", "and_", _AND, rd, rn, op2, shift)

    @memoized
    def ands(self, rd: GPRegister, rn: GPRegister, op2: int | GPRegister,
            shift: Shift | None = None) -> None:
        """``ands`` with any immediate."""
        self._mx_logic_any("ands", "ands", _ANDS, rd, rn, op2, shift)

    @memoized
    def orr(self, rd: GPRegister | VArrangement, rn: GPRegister | VArrangement,
            op2: int | GPRegister | VArrangement | None = None,
            shift: Shift | None = None) -> None:
        """``orr`` with any immediate."""
        self._mx_logic_any("orr", "orr", _ORR, rd, rn, op2, shift)

    @memoized
    def eor(self, rd: GPRegister | VArrangement, rn: GPRegister | VArrangement,
            op2: int | GPRegister | VArrangement,
            shift: Shift | None = None) -> None:
        """``eor`` with any immediate."""
        self._mx_logic_any("eor", "eor", _EOR, rd, rn, op2, shift)

    @memoized
    def tst(self, rn: GPRegister, op2: int | GPRegister, shift: Shift | None = None) -> None:
        """``tst`` with any immediate."""
        if shift is None:
            if type(op2) is int and not self._mx_owner and type(rn) is GPRegister \
                    and self._mx_replay("tst", None, rn, op2):
                return
            try:
                _TST(self, rn, op2)  # one exact instruction
                return
            except EncodingError:
                if type(op2) is not int:
                    raise
        if type(op2) is int and shift is None and type(rn) is GPRegister:
            self._mx_logic("tst", "ands", _zr(rn.size), rn, op2, ())
        else:
            _TST(self, rn, op2, shift)

    # -- loads and stores with any offset -----------------------------------------------

    def _mx_access(self, insn: str, rt: Register, addr: Any, rest: tuple[Any, ...]) -> None:
        """A load/store the exact instruction could not take (or with a scratch
        register held, which needs the operand check first)."""
        exact = getattr(Assembler, insn)
        off = addr.offset if type(addr) is Mem else None
        if type(off) is not int or rest or not isinstance(rt, Register):
            exact(self, rt, addr, *rest)  # literals, register offsets, :lo12:: exact
            return
        try:
            self._mx_access_body(insn, exact, rt, addr, off)
        except (EncodingError, OperandError) as e:
            raise _renamed(e, insn) from None

    def _mx_access_body(self, insn: str, exact: Callable[..., None], rt: Register, addr: Mem,
                        off: int) -> None:
        size = _ACCESS[insn] or rt.size // 8
        base = addr.base
        if addr.mode != "offset":
            if -256 <= off < 256:
                exact(self, rt, addr)
                return
            self._mx_check(insn, rt, base)
            if addr.mode == "pre":
                self.add(base, base, off)
                exact(self, rt, mem(base))
            else:
                exact(self, rt, mem(base))
                self.add(base, base, off)
            return
        if 0 <= off < 4096 * size and off % size == 0:
            exact(self, rt, addr)
            return
        if -256 <= off < 256:
            getattr(Assembler, _UNSCALED[insn])(self, rt, addr)
            return
        self._mx_check(insn, rt, base)
        if insn.startswith("ldr") and _is_plain_gp(rt) and rt.code != base.code:
            # A load overwrites rt anyway: build the offset in it.
            tx = X_BY_CODE[rt.code]
            self.mov(tx, off)
            exact(self, rt, mem(base, tx))
            return
        with self._mx_temp(insn, (rt, base)) as t:
            self.mov(t, off)
            exact(self, rt, mem(base, t))

    def _mx_pair(self, insn: str, r1: Register, r2: Register, addr: Any) -> None:
        exact = getattr(Assembler, insn)
        if not self._mx_owner:
            try:
                exact(self, r1, r2, addr)  # the common case: one exact instruction
                return
            except EncodingError:
                pass
        off = addr.offset if type(addr) is Mem else None
        if type(off) is not int or not isinstance(r1, Register):
            exact(self, r1, r2, addr)
            return
        try:
            size = 4 if insn == "ldpsw" else r1.size // 8
            if off % size == 0 and -64 * size <= off < 64 * size:
                exact(self, r1, r2, addr)
                return
            base = addr.base
            self._mx_check(insn, r1, r2, base)
            if addr.mode == "pre":
                self.add(base, base, off)
                exact(self, r1, r2, mem(base))
            elif addr.mode == "post":
                exact(self, r1, r2, mem(base))
                self.add(base, base, off)
            else:
                with self._mx_temp(insn, (r1, r2, base)) as t:
                    self.add(t, base, off)
                    exact(self, r1, r2, mem(t))
        except (EncodingError, OperandError) as e:
            raise _renamed(e, insn) from None

    @memoized
    def ldp(self, r1: Register, r2: Register, addr: Mem) -> None:
        """``ldp`` with any offset."""
        self._mx_pair("ldp", r1, r2, addr)

    @memoized
    def stp(self, r1: Register, r2: Register, addr: Mem) -> None:
        """``stp`` with any offset."""
        self._mx_pair("stp", r1, r2, addr)

    def _mx_any_offset(self, call: str, exact: Callable[..., None], rt: Register,
                       addr: Mem | Target) -> None:
        """``call`` (a load or store) with any offset: ``exact`` (the instruction
        itself) when it takes the operands, else the sequence (:meth:`_mx_access`)."""
        if not self._mx_owner:
            try:
                exact(self, rt, addr)  # one exact instruction
                return
            except EncodingError:
                pass
        self._mx_access(call, rt, addr, ())

    @memoized
    def ldr(self, rt: Register, addr: Mem | Target) -> None:
        """``ldr`` with any offset."""
        self._mx_any_offset("ldr", _EXACT_LDR, rt, addr)

    @memoized
    def str(self, rt: Register, addr: Mem | Target) -> None:
        """``str`` with any offset."""
        self._mx_any_offset("str", _EXACT_STR, rt, addr)

    @memoized
    def ldrb(self, rt: Register, addr: Mem | Target) -> None:
        """``ldrb`` with any offset."""
        self._mx_any_offset("ldrb", _EXACT_LDRB, rt, addr)

    @memoized
    def strb(self, rt: Register, addr: Mem | Target) -> None:
        """``strb`` with any offset."""
        self._mx_any_offset("strb", _EXACT_STRB, rt, addr)

    @memoized
    def ldrh(self, rt: Register, addr: Mem | Target) -> None:
        """``ldrh`` with any offset."""
        self._mx_any_offset("ldrh", _EXACT_LDRH, rt, addr)

    @memoized
    def strh(self, rt: Register, addr: Mem | Target) -> None:
        """``strh`` with any offset."""
        self._mx_any_offset("strh", _EXACT_STRH, rt, addr)

    @memoized
    def ldrsb(self, rt: Register, addr: Mem | Target) -> None:
        """``ldrsb`` with any offset."""
        self._mx_any_offset("ldrsb", _EXACT_LDRSB, rt, addr)

    @memoized
    def ldrsh(self, rt: Register, addr: Mem | Target) -> None:
        """``ldrsh`` with any offset."""
        self._mx_any_offset("ldrsh", _EXACT_LDRSH, rt, addr)

    @memoized
    def ldrsw(self, rt: Register, addr: Mem | Target) -> None:
        """``ldrsw`` with any offset."""
        self._mx_any_offset("ldrsw", _EXACT_LDRSW, rt, addr)


def _renamed(err: EncodingError | OperandError, call: str) -> EncodingError | OperandError:
    """``err`` as raised by an instruction of the expansion, retold as the user's ``call``
    (``add(x0, w12, -1)`` is emitted as a sub; its error must still say add)."""
    text = str(err)
    head, sep, rest = text.partition(": ")
    if sep and head == call:
        return err
    if sep and " " not in head:
        text = rest  # the expansion's own instruction name: replaced
    new = type(err)(f"{call}: {text}")
    new.__cause__ = err.__cause__
    return new


def _absolute(call: str, target: object) -> int:
    """The absolute address of a call/jump target other than a Label."""
    address = target
    if type(address) is not int:
        address = getattr(target, "address", None)
        if type(address) is not int:
            raise OperandError(
                f"{call}: target {show(target)} is not valid here; expected a Label, an int "
                "address or an object with an int .address (CodePtr, host_function, ...)")
    if not 0 <= address < 1 << 64:
        raise EncodingError(f"{call}: address {show(address)} cannot be encoded; allowed: "
                            "0..2**64-1")
    return address


# The exact instructions the fast paths call: the memoized Assembler methods, with their
# memo wrappers made for the MacroAssembler (its calls take the memo's fastest path).
_ADD: Final = exact_for(Assembler.add, MacroAssembler)
_SUB: Final = exact_for(Assembler.sub, MacroAssembler)
_ADDS: Final = exact_for(Assembler.adds, MacroAssembler)
_SUBS: Final = exact_for(Assembler.subs, MacroAssembler)
_CMP: Final = exact_for(Assembler.cmp, MacroAssembler)
_CMN: Final = exact_for(Assembler.cmn, MacroAssembler)
_AND: Final[Callable[..., None]] = exact_for(Assembler.and_, MacroAssembler)
_ANDS: Final[Callable[..., None]] = exact_for(Assembler.ands, MacroAssembler)
_ORR: Final[Callable[..., None]] = exact_for(Assembler.orr, MacroAssembler)
_EOR: Final[Callable[..., None]] = exact_for(Assembler.eor, MacroAssembler)
_TST: Final[Callable[..., None]] = exact_for(Assembler.tst, MacroAssembler)
_LSL: Final = {s: lsl(s) for s in (0, 16, 32, 48)}
_LOGICAL_OPC: Final = {"orr": ORR, "and": AND, "eor": EOR}
_MOVE_OPC: Final = {"movz": MOVZ, "movn": MOVN, "movk": MOVK}


def _plan_words(steps: tuple[MovStep, ...]) -> tuple[tuple[int, int], ...]:
    """The words of a mov plan as ``(base, mult)``: the word for destination register
    number ``r`` (0..30) is ``base | r * mult`` (``mult`` puts ``r`` in Rd, and in Rn
    and Rm where the step reads the register it writes), as _mx_emit_plan emits them."""
    out = []
    for op, imm, shift, width in steps:
        base = _STEP_BASES.get((op, imm, shift, width)) if op not in _MOVE_OPC else None
        if base is None:
            base = _step_base(op, imm, shift, width)
        out.append((base, 0x10021 if op == "orr_lsl32" else 0x21 if op in _LOGICAL_OPC
                    else 1))
    return tuple(out)


def _step_base(op: str, imm: int, shift: int, width: int) -> int:
    """The word of one plan step for destination register 0 (see _plan_words): a move's
    from the word of its (op, shift, width) with imm16 0 (bits 5-20 the immediate: the
    words of an address or a boxed value are new ones), a logical step's remembered."""
    if op in _MOVE_OPC:
        zero = _STEP_BASES.get((op, 0, shift, width))
        if zero is None:
            zero = _STEP_BASES[op, 0, shift, width] = move_wide(
                op, width >> 6, _MOVE_OPC[op], 0, 0, shift >> 4)
        return zero | imm << 5
    sf = width >> 6
    if op == "orr_lsl32":
        word = logical_shifted("orr", 1, ORR, 0, 0, 0, 0, 0, 32)
    else:
        imm13 = encode_imm13(imm, width)
        assert imm13 is not None  # (plan_mov only plans logical immediates)
        if op == "mov_bitmask":
            word = logical_imm("orr", sf, ORR, 0, 31, imm13)
        else:
            word = logical_imm(op, sf, _LOGICAL_OPC[op], 0, 0, imm13)
    if len(_STEP_BASES) >= _WORDS_LIMIT:
        _STEP_BASES.clear()
    _STEP_BASES[op, imm, shift, width] = word
    return word


#: (op, imm, shift, width) of a plan step -> its word for register 0 (see _step_base):
#: moves' with imm 0, logical immediates' (their encoding is the costly part).
_STEP_BASES: Final[dict[tuple[str, int, int, int], int]] = {}


def _plan_for(call: str, rd: GPRegister, value: int) -> tuple[MovStep, ...]:
    """plan_mov for ``rd``, its range error naming ``call``."""
    try:
        return plan_mov(value, rd.size)
    except EncodingError as e:
        raise EncodingError(f"{call}: immediate {show(value)} cannot be encoded; allowed: "
                            f"{-(1 << (rd.size - 1))}..{(1 << rd.size) - 1} for {rd}"
                            ) from e


def _new_mov_words(cls: type, call: str, rd: GPRegister, value: int) -> tuple[int, ...]:
    """The words of ``mov(rd, value)`` (rd x0-x30/w0-w30, ``value`` an int), planned and
    remembered for ``cls`` (the one place they are made: mov and mov_words)."""
    code = rd.code
    out = []
    for op, imm, shift, width in _plan_for(call, rd, value):
        if op in _MOVE_OPC:  # (most steps: an address's, a boxed value's)
            zero = _STEP_BASES.get((op, 0, shift, width))
            out.append((zero if zero is not None else _step_base(op, 0, shift, width))
                       | imm << 5 | code)
        else:
            base = _STEP_BASES.get((op, imm, shift, width))
            if base is None:
                base = _step_base(op, imm, shift, width)
            out.append(base | code * (0x10021 if op == "orr_lsl32" else
                                      0x21 if op in _LOGICAL_OPC else 1))
    words = tuple(out)
    if len(_MOV_WORDS) >= _WORDS_LIMIT:
        _MOV_WORDS.clear()
    _MOV_WORDS[cls, rd, value] = words
    return words


#: (class, register, int constant) -> the words of mov(register, constant): a plan's
#: words depend on nothing else (the int is exactly an int: mov checks type(src)); per
#: class, as the memo is, since a subclass may emit plans its own way.
_MOV_WORDS: Final[dict[tuple[type, GPRegister, int], tuple[int, ...]]] = {}
#: add/sub/adds/subs/cmp/cmn and and/ands/orr/eor/tst expanded for an immediate: (class,
#: scratch register codes, name, rd (None for cmp/cmn/tst), rn, immediate) -> the words
#: (see _mx_remember)
_MACRO_WORDS: Final[dict[tuple[object, ...], tuple[int, ...]]] = {}
_NO_RD: Final = ("cmp", "cmn", "tst")
_EXACT_LDR: Final[Callable[..., None]] = exact_for(Assembler.ldr, MacroAssembler)
_EXACT_STR: Final[Callable[..., None]] = exact_for(Assembler.str, MacroAssembler)
_EXACT_LDRB: Final[Callable[..., None]] = exact_for(Assembler.ldrb, MacroAssembler)
_EXACT_STRB: Final[Callable[..., None]] = exact_for(Assembler.strb, MacroAssembler)
_EXACT_LDRH: Final[Callable[..., None]] = exact_for(Assembler.ldrh, MacroAssembler)
_EXACT_STRH: Final[Callable[..., None]] = exact_for(Assembler.strh, MacroAssembler)
_EXACT_LDRSB: Final[Callable[..., None]] = exact_for(Assembler.ldrsb, MacroAssembler)
_EXACT_LDRSH: Final[Callable[..., None]] = exact_for(Assembler.ldrsh, MacroAssembler)
_EXACT_LDRSW: Final[Callable[..., None]] = exact_for(Assembler.ldrsw, MacroAssembler)
_B: Final[Callable[..., None]] = exact_for(Assembler.b, MacroAssembler)
_BL: Final[Callable[..., None]] = exact_for(Assembler.bl, MacroAssembler)


#: ``b``'s word with a zero offset, its field and name: what the exact assembler
#: records for a forward reference (MacroAssembler.b's inline path does the same).
_B_WORD: Final = 0x14000000
_B_FIELD: Final = BRANCH26
_B_NAME: Final = "b"
_BL_WORD: Final = 0x94000000  # (bl: the same field)
_BL_NAME: Final = "bl"
#: The farthest backward delta (bytes) of b: -128 MiB.
_B_BACK: Final = -(1 << 27)
_MOV: Final[Callable[..., None]] = exact_for(Assembler.mov, MacroAssembler)
#: The default plan emission (mov plans through mov_words' words while a class keeps it).
_EMIT_PLAN: Final = MacroAssembler._mx_emit_plan
_BR: Final[Callable[..., None]] = exact_for(Assembler.br, MacroAssembler)
_RET: Final[Callable[..., None]] = exact_for(Assembler.ret, MacroAssembler)


def _short_method(row: _Short, pyname: str) -> Callable[..., None]:
    """The MacroAssembler's method ``pyname`` of the short branch ``row``: the common
    cases inline (a forward branch to an own label with operands seen before: record
    it, append the word; a backward one within reach: patch, append), the rest in
    ``_mx_short_branch``. One template per operand count keeps it one call deep."""
    words, fld, name, kind = row.words, row.field, row.name, row.kind
    reach, back = row.reach, row.back
    # A backward delta in reach, into the zero field: (delta >> shift) & mask at lsb.
    shift, mask, lsb = row.shift, row.mask, fld.lsb

    def emit(self: MacroAssembler, word: int, target: Label) -> bool:
        """Emit ``word`` to ``target``; False (nothing emitted) for a backward target
        out of reach, which the caller hands to _mx_short_branch with its operands."""
        # (only for arities above 0: the b.cond template has it inline)
        code = self._code
        index = len(code)
        off = target.offset
        if off is None:
            refs = target._refs
            queue = self._mx_queues[kind]
            queue.append((index * 4 + reach, target))
            if refs is None:
                target._refs = [(index, fld, name)]
                self._npending += 1
            else:
                refs.append((index, fld, name))
            n = len(queue)
            if n == 1 or n > queue.cap:  # (see _mx_recompute)
                self._mx_recompute()
            code.append(word)  # (direct: see _mx_direct)
            if index >= self._mx_limit - 1:
                self._mx_due()
            return True
        if off - index * 4 >= back:
            code.append(word | ((off - index * 4) >> shift & mask) << lsb)
            if index >= self._mx_limit - 1:
                self._mx_due()
            return True
        return False  # (out of reach backward: the inverse branch over a b)

    method: Callable[..., None]
    if row.arity == 0:
        word0 = row.word0
        assert word0 is not None  # (_install_short_branches made it)

        def method0(self: MacroAssembler, target: Target) -> None:
            if type(target) is Label and target._home is self._home and self._mx_direct:
                code = self._code
                index = len(code)
                off = target.offset
                if off is None:
                    refs = target._refs
                    queue = self._mx_queues[kind]
                    queue.append((index * 4 + reach, target))
                    if refs is None:
                        target._refs = [(index, fld, name)]
                        self._npending += 1
                    else:
                        refs.append((index, fld, name))
                    n = len(queue)
                    if n == 1 or n > queue.cap:  # (see _mx_recompute)
                        self._mx_recompute()
                    code.append(word0)  # (direct: see _mx_direct)
                    if index >= self._mx_limit - 1:
                        self._mx_due()
                    return
                if off - index * 4 >= back:
                    code.append(word0 | ((off - index * 4) >> shift & mask) << lsb)
                    if index >= self._mx_limit - 1:
                        self._mx_due()
                    return
            self._mx_short_branch(row, (), target)
        method = method0
    elif row.arity == 1:
        def method1(self: MacroAssembler, rt: object, target: Target) -> None:
            if type(target) is Label and target._home is self._home and self._mx_direct:
                try:
                    word = words.get(rt)
                except TypeError:  # an unhashable operand: the exact method says what is wrong
                    word = None
                if word is not None:
                    code = self._code
                    index = len(code)
                    off = target.offset
                    if off is None:
                        refs = target._refs
                        queue = self._mx_queues[kind]
                        queue.append((index * 4 + reach, target))
                        if refs is None:
                            target._refs = [(index, fld, name)]
                            self._npending += 1
                        else:
                            refs.append((index, fld, name))
                        n = len(queue)
                        if n == 1 or n > queue.cap:  # (see _mx_recompute)
                            self._mx_recompute()
                        code.append(word)  # (direct: see _mx_direct)
                        if index >= self._mx_limit - 1:
                            self._mx_due()
                        return
                    if off - index * 4 >= back:
                        code.append(word | ((off - index * 4) >> shift & mask) << lsb)
                        if index >= self._mx_limit - 1:
                            self._mx_due()
                        return
            self._mx_short_branch(row, (rt,), target)
        method = method1
    elif row.arity == 2:
        def method2(self: MacroAssembler, rt: object, bit: object, target: Target) -> None:
            if type(target) is Label and target._home is self._home and self._mx_direct:
                try:
                    word = words.get((rt, bit, type(bit)))
                except TypeError:
                    word = None
                if word is not None and emit(self, word, target):
                    return
            self._mx_short_branch(row, (rt, bit), target)
        method = method2
    else:
        def method_n(self: MacroAssembler, *operands: Any) -> None:
            self._mx_short_branch(row, operands[:-1], operands[-1])
        method = method_n
    method.__name__ = method.__qualname__ = pyname
    method.__doc__ = f"``{name}`` with unlimited reach (see the module docs)."
    return method


def _cond_method(prefix: str, rows: tuple[_Short | None, ...]) -> Callable[..., None]:
    """``<prefix>_cond(cond, target)`` (b_cond, bc_cond) for the short branch rows of
    each condition code (None: al/nv, always taken, stay exact): the same inline paths
    as the rows' own methods, and the exact method for anything else (it says what
    is wrong with a bad condition)."""
    exact: _BranchFn = getattr(Assembler, f"{prefix}_cond")
    # By condition code: what the inline paths need, unpacked in one step.
    fast = tuple(None if row is None or row.word0 is None else
                 (row.word0, row.field, row.name, row.kind, row.reach, row.back, row.shift,
                  row.mask, row.field.lsb, row) for row in rows)

    def cond_method(self: MacroAssembler, cond: Cond, target: Target) -> None:
        if type(cond) is Cond and type(target) is Label and target._home is self._home:
            entry = fast[cond.code]
            if entry is not None:
                word, fld, name, kind, reach, back, shift, mask, lsb, row = entry
                if self._mx_direct:
                    code = self._code
                    index = len(code)
                    off = target.offset
                    if off is None:
                        refs = target._refs
                        queue = self._mx_queues[kind]
                        queue.append((index * 4 + reach, target))
                        if refs is None:
                            target._refs = [(index, fld, name)]
                            self._npending += 1
                        else:
                            refs.append((index, fld, name))
                        n = len(queue)
                        if n == 1 or n > queue.cap:  # (see _mx_recompute)
                            self._mx_recompute()
                        code.append(word)  # (direct: see _mx_direct)
                        if index >= self._mx_limit - 1:
                            self._mx_due()
                        return
                    if off - index * 4 >= back:
                        code.append(word | ((off - index * 4) >> shift & mask) << lsb)
                        if index >= self._mx_limit - 1:
                            self._mx_due()
                        return
                self._mx_short_branch(row, (), target)
                return
        exact(self, cond, target)

    cond_method.__name__ = cond_method.__qualname__ = f"{prefix}_cond"
    cond_method.__doc__ = (f"``{prefix}.<cond> target`` with unlimited reach (see the module "
                           "docs); the condition an operand.")
    return cond_method


def _install_short_branches() -> None:
    """Give every short branch row its MacroAssembler methods, and b_cond/bc_cond
    (a condition operand) the rows of b.<cond>/bc.<cond>."""
    by_cond: dict[str, list[_Short | None]] = {}
    probe = Assembler()
    for row in _SHORT:
        if row.arity == 0:  # its one word, with a zero offset
            row.exact(probe, 0)
            row.word0 = probe._code[-1]
        for pyname in row.methods:
            setattr(MacroAssembler, pyname, _short_method(row, pyname))
        prefix, dot, spelling = row.name.partition(".")
        if dot and spelling in CONDITIONS:
            by_cond.setdefault(prefix, [None] * 16)[CONDITIONS[spelling].code] = row
    for prefix, rows in by_cond.items():
        if hasattr(Assembler, f"{prefix}_cond"):
            setattr(MacroAssembler, f"{prefix}_cond", _cond_method(prefix, tuple(rows)))


_install_short_branches()
own_wrappers(MacroAssembler)
