"""Fragments: encode a sequence of instructions once, instantiate it many times.

A template JIT emits the same handful of instructions for every occurrence of a
bytecode, with other registers, offsets, constants and branch targets. A
:class:`Fragment` runs a body of Assembler calls once (plus a few probing runs),
finds where each *hole* lands in the words, and from then on an instance is the
pre-encoded words with the hole values ORed in::

    from a64jit import Assembler, Fragment, hole, mem, x0, x1, x19

    def add_slots(a, dst, lhs, rhs, done):
        a.ldr(x0, mem(x19, lhs))
        a.ldr(x1, mem(x19, rhs))
        a.adds(x0, x0, x1)
        a.b_vs(done)
        a.str(x0, mem(x19, dst))

    ADD = Fragment(add_slots, dst=hole.offset(8), lhs=hole.offset(8), rhs=hole.offset(8),
                   done=hole.label)
    a = Assembler()
    slow = a.label()
    ADD.emit(a, 16, 24, 32, slow)        # positional, in the order the holes were declared
    ADD.emit(a, dst=8, lhs=8, rhs=40, done=slow)
    a.bind(slow)

Hole kinds (:data:`hole`): ``x``, ``w`` (general-purpose registers; register 31 is
``xzr``/``sp`` as the instruction takes it), ``d``, ``s`` (scalar FP registers),
``imm12`` (the add/sub immediate field), ``imm16`` (movz/movk), ``offset(size)`` (a
scaled unsigned load/store offset: a multiple of ``size`` up to 4095 * size),
``shift(max)`` (a shift amount field, e.g. ``lsl #n`` of a shifted register),
``label`` (a branch, ``adr`` or literal target: a Label of the stream the instance goes
into, or an int byte offset), and ``cold`` (no value: where the body's out-of-line part
starts, ``a.bind(cold)``; a :class:`Stamper` places those parts at
:meth:`Stamper.out_of_line`, as a template JIT places its slow paths after the code).

What building checks: the body emits the same number of words whatever the hole
values; each hole is one field (the same bits in every value, ORed in linearly: every
register is tried; for an immediate every bit, both ends of its range and a few values
between), so an instance equals, bit for bit, what the Assembler emits for the same
operands. A register value the Assembler encodes with another form (``sub xd, sp, xm``
is the extended form) is refused with that reason. A register
value the body's instructions reject (say, a writeback base equal to the loaded
register) is rejected by the fragment too, and two register holes that may not be equal
(``ldxp x0, x0``) are checked at each instance. Internal labels (bound inside the body)
are resolved once; label holes become ordinary fixups of the stream the instance goes
into (a MacroAssembler's pools and checks see every word; it gives a forward short
branch a veneer when needed, as its own; a Stamper's numbered references get none).

Speed: a fragment without pair rules gets a generated ``emit`` (compiled at its first
call: a Stamper's user never pays it), with the hole names as parameters: per register
hole one dict lookup, per immediate hole an exact type test, its range as one AND (a
negative value has bits above the mask) and its bits as one product, so that a value
never seen (a new pc per instance) costs what any value does; then one append of all the
words (a 12-instruction fragment costs less than twelve empty method calls; see
benchmarks/jit_fragments.py). Per label hole a type and owner test, per reference to a
bound label one delta compared with the reach and ORed in, per reference to an unbound
one a record on the label (a MacroAssembler tracks it for a veneer), per bind one
``_bind_at``; an int target, a delta out of reach or a pool falling due take the checked
path. A :class:`Stamper` takes label holes at full speed too, with numbered labels
instead of Label objects: per fragment it generates a straight-line stamp function. Its
words are, per run of a hole's words (with the words no value hole touches next to
them), one table lookup (value -> an array of the words) appended to the buffer with
``+=`` (an immediate a table lacks is entered by the stamp itself: Fragment._learn);
integers ORed only where two value holes share a word;
binds and backward references are inline, a forward reference appends its word and label
number to the hole's record, filled in by one short loop at ``finalize``. A reference in
a word no value hole touches is stored whole, the word plus its field as a product (no
read of the buffer, no mask: integer + and * are what CPython 3.11 specializes). An
out-of-line part is appended to the stamper's buffer of such parts with one record (the
instance's first word, the part's offset, its label targets); ``out_of_line`` appends
the buffer to the code and runs one generated placer per fragment, which moves each
branch between the two parts by the distance the part landed from its instance (found
once when the fragment is built, by running the body with nops before the part) and
fills in the parts' references (a label every part targets, bound before the parts or
by ``out_of_line``'s bind, read once: each such word a constant less its part's
position, see Stamper._same_targets).

Kept between processes: what building finds is a plain record (:meth:`Fragment._probe`,
:meth:`Fragment._install`); a :class:`~a64jit.FragmentCache` stores it in a file with
the generated functions' code and loads it in later processes, checked
(``assembler/fragment_cache.py``).
"""

from __future__ import annotations

import _thread
import contextlib
import functools
import keyword
import re
import sys
import types
from _weakref import ref as _weak  # (not weakref.py: a module less to import)
from array import array
from collections.abc import Callable, Sequence
from typing import Any, Final

from ..encoding.fields import as_int64
from ..encoding.pcrel import ADR, BRANCH14, BRANCH19, BRANCH26, AdrField, PcRelField
from ..errors import A64Error, EncodingError, LabelError, OperandError
from ..operands import FP_BY_PREFIX, W_BY_CODE, X_BY_CODE, Register, sp, wsp
from .core import AssemblerCore, Label

_REG, _IMM, _LABEL, _COLD = 0, 1, 2, 3
_NOP: Final = 0xD503201F


class Hole:
    """One kind of hole: what values it takes and how to probe its field."""

    __slots__ = ("kind", "name", "regs", "scale", "top")

    def __init__(self, kind: int, name: str, *, regs: Sequence[Register] = (),
                 top: int = 0, scale: int = 1) -> None:
        self.kind: Final = kind
        self.name: Final = name
        self.regs: Final = tuple(regs)  # codes 0..30 (and 31 for FP) for register holes
        self.top: Final = top  # largest field value of an immediate hole
        self.scale: Final = scale  # immediate = field value * scale

    def __repr__(self) -> str:
        return f"hole.{self.name}"

    def describe(self) -> str:
        if self.kind == _IMM:
            what = f"an int 0..{self.top * self.scale}"
            return what + (f", a multiple of {self.scale}" if self.scale > 1 else "")
        if self.kind == _LABEL:
            return "a Label of the target assembler or an int byte offset"
        if self.kind == _COLD:
            return "no value (it marks where the out-of-line part starts)"
        return f"{'an' if self.name in ('x', 's') else 'a'} {self.name} register"


class _Holes:
    """The hole kinds: ``hole.x``, ``hole.imm12``, ``hole.offset(8)`` ..."""

    x: Final = Hole(_REG, "x", regs=X_BY_CODE[:31])
    w: Final = Hole(_REG, "w", regs=W_BY_CODE[:31])
    d: Final = Hole(_REG, "d", regs=FP_BY_PREFIX["d"])
    s: Final = Hole(_REG, "s", regs=FP_BY_PREFIX["s"])
    imm12: Final = Hole(_IMM, "imm12", top=4095)
    imm16: Final = Hole(_IMM, "imm16", top=65535)
    label: Final = Hole(_LABEL, "label")
    #: Where the out-of-line part starts: the body binds it (``a.bind(cold)``); the
    #: words after it go where :meth:`Stamper.out_of_line` is called. Takes no value.
    cold: Final = Hole(_COLD, "cold")

    @staticmethod
    def offset(size: int) -> Hole:
        """A scaled unsigned load/store offset: 0, size, ... 4095 * size."""
        if size not in (1, 2, 4, 8, 16):
            raise OperandError(f"hole.offset: size {size!r} is not 1, 2, 4, 8 or 16")
        return Hole(_IMM, f"offset({size})", top=4095, scale=size)

    @staticmethod
    def shift(top: int = 63) -> Hole:
        """A shift amount field, 0..top (63 for x registers, 31 for w)."""
        if type(top) is not int or not 1 <= top <= 63:
            raise OperandError(f"hole.shift: top {top!r} is not 1..63")
        return Hole(_IMM, f"shift({top})", top=top)

    @staticmethod
    def imm(top: int, scale: int = 1) -> Hole:
        """Any other immediate bound to one field: 0..top * scale in steps of scale."""
        return Hole(_IMM, f"imm({top}, {scale})", top=top, scale=scale)


#: The hole kinds (see the module docstring).
hole: Final = _Holes()

_Body = Callable[..., None]


def _check_params(name: str, body: object, holes: dict[str, Hole]) -> None:
    """The holes name the body's parameters after the assembler, each one: else the body's
    first run raised Python's own TypeError ("add_slots() missing 1 required ...")."""
    code = getattr(body, "__code__", None)
    if code is None or code.co_flags & 0x0C:  # not a plain function, or *args/**kwargs
        return
    skip = 2 if isinstance(body, types.MethodType) else 1  # self (bound), the assembler
    params = code.co_varnames[skip:code.co_argcount + code.co_kwonlyargcount]
    defaults = len(getattr(body, "__defaults__", None) or ())
    kwdefaults = getattr(body, "__kwdefaults__", None) or {}
    required = [p for p in params[:code.co_argcount - skip - defaults] if p not in holes]
    required += [p for p in params[code.co_argcount - skip:] if p not in kwdefaults
                 and p not in holes]
    extra = [key for key in holes if key not in params]
    if required or extra:
        want = ", ".join(params) or "none"
        raise OperandError(f"Fragment {name}: the body's parameters after the assembler are "
                           f"{want}; " + (f"no hole given for {', '.join(required)}"
                                          if required else
                                          f"no parameter for hole {', '.join(extra)}"))


class Fragment:
    """Instructions encoded once, with typed holes filled in per instance."""

    def __init__(self, body: _Body, /, **holes: Hole) -> None:
        self._setup(body, holes, None)

    def _setup(self, body: _Body, holes: dict[str, Hole], cache: Any) -> None:
        """Build (or, with ``cache``, a :class:`FragmentCache`, load) the fragment."""
        declared = holes
        self.name: str = getattr(body, "__name__", "fragment")
        for key, h in holes.items():
            if not isinstance(h, Hole):
                raise OperandError(f"Fragment {self.name}: hole {key} is {h!r}, not a hole kind")
        _check_params(self.name, body, holes)
        cold = [key for key, h in holes.items() if h.kind == _COLD]
        if len(cold) > 1:
            raise OperandError(f"Fragment {self.name}: holes {', '.join(cold)} are all "
                               "hole.cold; a fragment has at most one out-of-line part")
        #: The hole that marks the out-of-line part (it takes no value), or None.
        self._cold_key: str | None = cold[0] if cold else None
        #: Words in the inline part (the rest is out of line), or None: all inline.
        self._split: int | None = None
        holes = {key: h for key, h in holes.items() if h.kind != _COLD}
        self.holes: dict[str, Hole] = dict(holes)
        self._body = body
        self._order: tuple[str, ...] = tuple(holes)
        self._rejected: dict[tuple[str, Any], str] = {}
        # generated sources -> their code (compiled on first use, or loaded by the cache)
        self._codes: dict[str, types.CodeType] = {}
        record = cache._load(self, declared) if cache is not None else None
        built = record is None
        if record is None:
            record = self._probe()
        self._install(record)
        if built and cache is not None:
            cache._store(self, record)
        # generated (compiled) at the first emit: a Stamper's user never pays it
        fast = _lazy_linked_emit(self) if _linked_applies(self) else _fast_emit(self)
        if fast is not None:
            self.emit = fast  # type: ignore[method-assign]

    # -- building -----------------------------------------------------------------

    def _run(self, values: dict[str, Any], pad: int = 0
             ) -> tuple[list[int], AssemblerCore, dict[str, Any]]:
        from . import Assembler  # the package imports this module

        a: Any = Assembler() if not pad else _padded()(pad)
        actual = dict(values)
        for key, h in self.holes.items():
            if h.kind == _LABEL:
                actual[key] = a.label(key)
        if self._cold_key is not None:
            actual[self._cold_key] = split = a.label(self._cold_key)
            if pad:
                a._split = split
        self._body(a, **actual)
        if self._cold_key is not None and split.offset is None:
            raise LabelError(f"Fragment {self.name}: hole {self._cold_key} (hole.cold) is "
                             "not bound in the body; a.bind(it) where the out-of-line part "
                             "starts")
        if a._tail:
            raise EncodingError(f"Fragment {self.name}: the body ends with a partial word; "
                                "align(4) at the end")
        if a._late or a._far:
            raise EncodingError(f"Fragment {self.name}: adrp/:lo12: and branches to an "
                                "address_label depend on the load address; they cannot be "
                                "in a fragment")
        holes = {id(actual[k]) for k, h in self.holes.items() if h.kind == _LABEL}
        unbound = [lbl for lbl in a._pending_labels() if id(lbl) not in holes]
        if unbound:
            raise LabelError(f"Fragment {self.name}: label(s) used but not bound in the body "
                             f"and not holes: {', '.join(str(lbl.name) for lbl in unbound)}")
        return list(a._code), a, actual

    def _probe(self) -> _Record:
        """Run the body with probing values: the fragment's record (see :data:`_Record`;
        plain data, so that a :class:`FragmentCache` can keep it in a file)."""
        regs = [k for k, h in self.holes.items() if h.kind == _REG]
        if len(regs) > 15:
            raise OperandError(f"Fragment {self.name}: at most 15 register holes")
        # Register hole j sits at code 1 + j; its probe is the complement (31 ^ code,
        # 16..30), so probing one hole never makes it equal to another.
        # If the body's own registers clash with the samples (a writeback base), other
        # samples are tried.
        codes = list(range(1, 16))
        for attempt in range(8):
            base: dict[str, Any] = {}
            for j, key in enumerate(regs):
                base[key] = self.holes[key].regs[codes[j]]
            for key, h in self.holes.items():
                if h.kind == _IMM:
                    base[key] = 0
            try:
                words, _, actual = self._run(base)
                break
            except A64Error as exc:
                if attempt == 7 or not regs:
                    raise type(exc)(f"Fragment {self.name}: the body fails with the sample "
                                    f"values {base}: {exc}") from None
                codes = codes[3:] + codes[:3]  # other samples (import-light: no random)
        n = len(words)
        if n == 0:
            raise EncodingError(f"Fragment {self.name}: the body emits nothing")
        split: int | None = None
        cross: tuple[tuple[int, int], ...] = ()
        cross_limit = 0
        if self._cold_key is not None:
            split = actual[self._cold_key].offset // 4
            if not 0 < split < n:
                raise EncodingError(
                    f"Fragment {self.name}: hole {self._cold_key} (hole.cold) is bound at "
                    f"word {split} of {n}: the inline and the out-of-line part must both "
                    "have instructions")
            self._split = split
            cross, cross_limit = self._cross_refs(base, words, split)
        labels, binds = self._shape(actual)
        self._rejected.clear()
        self._masks = 0  # every hole's field bits, to check that no two overlap
        self._base_words = words
        plans: list[Any] = []
        for key, h in self.holes.items():
            if h.kind == _REG:
                cands = _candidates(h)
                bits = self._probe_reg(key, h, base, regs)
                plans.append(tuple((cands.index(reg), b) for reg, b in bits.items()))
            elif h.kind == _IMM:
                plans.append(self._probe_imm(key, h, base))
            else:
                plans.append(None)
        # Register holes of one class that the body's instructions may not make equal.
        distinct: list[tuple[int, int]] = []
        for i, k1 in enumerate(regs):
            for k2 in regs[i + 1:]:
                h1, h2 = self.holes[k1], self.holes[k2]
                if h1.regs[0].cls != h2.regs[0].cls:
                    continue
                if isinstance(self._try({**base, k2: h2.regs[base[k1].code]}), A64Error):
                    distinct.append((self._order.index(k1), self._order.index(k2)))
        rejected = tuple((key, _candidates(self.holes[key]).index(reg), why)
                         for (key, reg), why in self._rejected.items())
        return (tuple(words), split, cross, cross_limit, labels, binds, rejected,
                self._masks, tuple(plans), tuple(distinct))

    def _shape(self, actual: dict[str, Any]) -> tuple[tuple[tuple[int, int, str, str], ...],
                                                      tuple[tuple[int, int], ...]]:
        """The label holes after a run of the body (``actual``: its values): their
        references (word index, hole position, field name, instruction), sorted, and
        where the body binds them (word index, hole position), sorted."""
        # Label holes the body branches to keep a zero field (each instance adds the
        # fixup); those it binds are bound in the stream at the same word.
        labels: list[tuple[int, int, str, str]] = []
        binds: list[tuple[int, int]] = []
        for key, h in self.holes.items():
            if h.kind != _LABEL:
                continue
            lbl, position = actual[key], self._order.index(key)
            refs = lbl._refs or ()  # its pending references in the body
            for index, fld, insn in refs:
                name = getattr(fld, "name", "")
                if _FIELDS.get(name) is not fld:
                    raise EncodingError(f"Fragment {self.name}: hole {key}: {insn} takes a "
                                        "label a fragment cannot hold")
                labels.append((index, position, name, insn))
            if lbl.offset is not None:
                if self._split is not None and lbl.offset // 4 >= self._split:
                    raise LabelError(
                        f"Fragment {self.name}: label hole {key} is bound in the out-of-line "
                        f"part (word {lbl.offset // 4}); bind it before a.bind("
                        f"{self._cold_key})")
                binds.append((lbl.offset // 4, position))
            elif not refs:
                raise LabelError(f"Fragment {self.name}: label hole {key} is neither a "
                                 "target nor bound in the body")
        labels.sort()
        binds.sort()
        return tuple(labels), tuple(binds)

    def _install(self, record: _Record) -> None:
        """Set up the fragment's tables from its record (made by :meth:`_probe` or read
        by a :class:`FragmentCache`)."""
        (words_t, split, cross, cross_limit, labels_r, binds, rejected, masks, plans_r,
         distinct) = record
        words = list(words_t)
        n = len(words)
        self.size = n * 4
        self._split = split
        self._cross = tuple(cross)
        self._cross_limit = cross_limit
        self._binds: tuple[tuple[int, int], ...] = tuple(binds)
        self._rejected = {
            (key, _candidates(self.holes[key])[cand]): why for key, cand, why in rejected}
        self._masks = masks
        self._base_words = words
        plans: list[tuple[int, Any, Any]] = []
        for (key, h), data in zip(self.holes.items(), plans_r, strict=True):
            if h.kind == _REG:
                cands = _candidates(h)
                plans.append((_REG, {cands[cand]: bits for cand, bits in data}, None))
            elif h.kind == _IMM:
                plans.append((_IMM, data, h))
            else:
                plans.append((_LABEL, key, None))
        labels = [(index, position, _FIELDS[name], insn)
                  for index, position, name, insn in labels_r]
        self._distinct: list[tuple[int, int]] = [(i, j) for i, j in distinct]
        self._plans = tuple(plans)
        self._count = len(plans)
        # Per hole, the table of valid values -> bits (registers: all of them, immediates:
        # those seen so far; labels: none, they take the checked path), and the exact
        # type every value must have for the fast path (so True is not taken for 1).
        self._tables: tuple[dict[Any, int], ...] = tuple(
            dict(data) if kind == _REG else {} for kind, data, _ in plans)
        self._types: tuple[type, ...] = tuple(
            type(next(iter(data))) if kind == _REG and data else int if kind == _IMM
            else Label for kind, data, _ in plans)
        # What a table lookup gives for a value it lacks: None makes the sum fail (the
        # checked path says why); a label hole adds nothing here (see _emit_linked).
        self._misses: tuple[int | None, ...] = tuple(
            0 if kind == _LABEL else None for kind, _, _ in plans)
        # Register holes were sampled at nonzero codes: instances start from zero fields.
        self._base = _pack(words) & ~self._masks
        self._labels = tuple(labels)
        for index, _, fld, insn in labels:  # a stamper ORs the target in
            assert not words[index] & _field_mask(fld), (insn, hex(words[index]))
        # For stampers: the pc-relative fields used, and each reference's id in _REFS.
        self._fields: tuple[PcRelField, ...] = tuple(dict.fromkeys(f for _, _, f, _ in labels))
        with _REFS_LOCK:  # fragments may be built on several threads
            self._ref_ids = tuple(range(len(_REFS), len(_REFS) + len(labels)))
            _REFS.extend((self.name, self._order[position], insn, index)
                         for index, position, _, insn in labels)
        self._stamp_factory: tuple[Callable[..., _Emit], tuple[_HoleRefs, ...],
                                   tuple[_HoleRefs, ...]] | None = None
        self._runs, self._pieces = self._piece_tables(words)
        # the words of each run no value hole touches, by its first word (for stamps)
        self._const_runs = {start: array("I", _words(self._base >> 32 * start, count))
                            for start, count, p in self._runs or () if p < 0}
        self._place_fn: Callable[..., int | None] | None = None
        # Per instance, its out-of-line part's record: first word, bytes' offset, targets
        self._cold_width = 2 + len(_targets(self, 1))
        # Code shorter than this: no reference out of line can be out of reach.
        self._cold_reach = min((_pcrel_params(f)[0] for _, refs in _targets(self, 1)
                                for _, f in refs), default=1 << 62)

    def _verify(self, record: _Record) -> bool:
        """Whether ``record`` (read from a file) is what building gives: one run of the
        body with values other than the probes' (each register hole another register of
        its table, each immediate hole a value inside its range), its words compared with
        the record's, and its labels (and the out-of-line part's moves) with the
        record's. Checks the record's form first: anything malformed is False."""
        try:
            return self._verify_record(record)
        except Exception:  # a malformed record, or a body that fails with
            return False  # the check's values: built as without a cache, which says why)

    def _verify_record(self, record: _Record) -> bool:
        if type(record) is not tuple or len(record) != 10:
            return False
        (words, split, cross, cross_limit, labels, binds, rejected, masks, plans,
         distinct) = record
        n = len(words)
        if (type(words) is not tuple or not n
                or any(type(w) is not int or not 0 <= w <= 0xFFFFFFFF for w in words)
                or type(plans) is not tuple or len(plans) != len(self.holes)
                or type(masks) is not int or masks < 0
                or (split is None) != (self._cold_key is None)
                or not all(_plain(x) for x in (cross, labels, binds, rejected, distinct))
                or type(cross_limit) is not int):
            return False
        for index, position, name, insn in labels:
            if (name not in _FIELDS or type(insn) is not str or not 0 <= index < n
                    or self.holes[self._order[position]].kind != _LABEL):
                return False
        for key, cand, why in rejected:
            if not 0 <= cand < len(_candidates(self.holes[key])) or type(why) is not str:
                return False
        values: dict[str, Any] = {}
        expect = _pack(list(words)) & ~masks
        used: set[tuple[Any, int]] = set()
        claimed = 0  # the holes' fields: they must be the record's masks
        for (key, h), data in zip(self.holes.items(), plans, strict=True):
            if h.kind == _REG:
                cands = _candidates(h)
                table = {cands[cand]: bits for cand, bits in data}
                if len(table) != len(data) or not table:
                    return False
                # every register's bits: its code times one multiplier (one field)
                mult = next(b // r.code for r, b in table.items() if r.code)
                if (_multiplier(0x1F * mult, 0x1F) != mult
                        or any(b != r.code * mult for r, b in table.items())):
                    return False
                claimed |= 0x1F * mult
                # the highest register of its class no other hole took
                reg = next((r for r in sorted(table, key=lambda r: -r.code)
                            if (r.cls, r.code) not in used and r.code < 31), None)
                if reg is None:
                    return False
                used.add((reg.cls, reg.code))
                values[key] = reg
                expect |= table[reg]
            elif h.kind == _IMM:
                if type(data) is not int or _multiplier(data, 1) != data:
                    return False
                claimed |= ((1 << h.top.bit_length()) - 1) * data
                field = h.top * 5 // 9 | 1  # a value the probes tried
                values[key] = field * h.scale
                expect |= field * data
            elif data is not None:
                return False
        if claimed != masks:
            return False
        words_now, _, actual = self._run(values)
        if len(words_now) != n or _pack(words_now) != expect:
            return False
        if split is not None:
            self._split = split
            if actual[str(self._cold_key)].offset != 4 * split:
                return False
            if self._cross_refs(values, words_now, split) != (tuple(cross), cross_limit):
                return False
        return self._shape(actual) == (tuple(tuple(x) for x in labels),
                                       tuple(tuple(x) for x in binds))

    def _piece_tables(self, words: list[int]) -> tuple[
            tuple[tuple[int, int, int], ...] | None, tuple[tuple[Any, ...], ...]]:
        """The words as runs ``(start, count, hole position or -1)``: a run of one hole's
        words (with the words no value hole touches next to them), or the words of a
        fragment without value holes; and per value hole, one table per run of it (value
        -> the run's bytes). None (and no tables) where a word holds two value holes'
        fields: then a stamp ORs integers instead."""
        n = len(words)
        owner = [-1] * n
        for p, (kind, data, h) in enumerate(self._plans):
            if kind == _REG:
                mask = 0
                for bits in data.values():
                    mask |= bits
            elif kind == _IMM:
                mask = ((1 << h.top.bit_length()) - 1) * data
            else:
                continue
            for i in range(n):
                if mask >> 32 * i & 0xFFFFFFFF:
                    if owner[i] != -1 or not _LITTLE:
                        return None, ()
                    owner[i] = p
        # Words no value hole touches join the run before them (else the one after):
        # fewer pieces to join per instance. No run spans the two parts of a fragment
        # with an out-of-line part; a run no value hole touches is constant (-1).
        touched = list(owner)
        last = next((p for p in owner if p != -1), -1)
        for i, p in enumerate(owner):
            if p == -1:
                owner[i] = last
            else:
                last = p
        runs: list[tuple[int, int, int]] = []
        for i, p in enumerate(owner):
            if runs and runs[-1][2] == p and i != self._split:
                start, count, _ = runs[-1]
                runs[-1] = (start, count + 1, p)
            else:
                runs.append((i, 1, p))
        runs = [(start, count, p if p in touched[start:start + count] else -1)
                for start, count, p in runs]
        pieces: tuple[tuple[Any, ...], ...] = tuple(
            tuple(self._run_table(r) for r in runs if r[2] == p)
            for p in range(self._count))
        for p, (kind, data, _) in enumerate(self._plans):
            if kind == _REG:
                for reg, bits in data.items():
                    self._add_pieces(p, reg, bits, runs, pieces)
        return tuple(runs), pieces

    def _run_table(self, run: tuple[int, int, int]) -> dict[Any, Any]:
        """A new table for ``run`` of a value hole (value -> the run's words); for an
        immediate hole, the one table of every fragment's run of the same words and
        field (the same value gives the same words): a template JIT's fragments share
        many runs (a VREG's ldr or str beside the same constant words), and an
        instance reads fewer distinct tables and arrays, which stay in the cache."""
        start, count, position = run
        kind, mult, h = self._plans[position]
        if kind != _IMM:
            return {}
        mask = (1 << 32 * count) - 1
        key = (h.top, h.scale, mult >> 32 * start & mask, self._base >> 32 * start & mask,
               count)
        with _RUN_TABLES_LOCK:
            table = _RUN_TABLES.get(key)
            if table is None:
                table = _RUN_TABLES[key] = {}
        return table

    def _add_pieces(self, position: int, value: Any, bits: int,
                    runs: Sequence[tuple[int, int, int]],
                    pieces: tuple[tuple[Any, ...], ...]) -> None:
        """Enter ``value`` (whose field bits are ``bits``) in hole ``position``'s run
        tables."""
        acc = self._base | bits
        tables = iter(pieces[position])
        for start, count, p in runs:
            if p == position:
                next(tables)[value] = array("I", _words(acc >> 32 * start, count))

    def _try(self, values: dict[str, Any]) -> list[int] | A64Error:
        try:
            return self._run(values)[0]
        except A64Error as exc:
            return exc

    def _diff(self, key: str, trial: dict[str, Any], what: str) -> int:
        """The probe's words XOR the base words, as one integer (word i at bit 32 * i)."""
        got = self._try(trial)
        if isinstance(got, A64Error):
            raise OperandError(f"Fragment {self.name}: hole {key} = {what}: {got}") from None
        if len(got) != len(self._base_words):
            raise EncodingError(
                f"Fragment {self.name}: hole {key} = {what} changes the number of words "
                f"({len(self._base_words)} -> {len(got)}); a hole must be one encoding field")
        diff = _pack(got) ^ _pack(self._base_words)
        if not diff:
            raise OperandError(f"Fragment {self.name}: hole {key} is not used by the body")
        return diff

    def _cross_refs(self, base: dict[str, Any], words: list[int], split: int
                    ) -> tuple[tuple[tuple[int, int], ...], int]:
        """The words whose pc-relative field crosses between the inline and the
        out-of-line part, as ``(word index, step)``: when the out-of-line part lands D
        words further than right after the inline part, an inline word's field grows by
        D (its word by ``D * step``), an out-of-line word's shrinks by D. Found by
        running the body with 1 and 2 nops before the out-of-line part (every other
        word must stay as it is). Also the largest D every such field reaches."""
        cross: list[tuple[int, int]] = []
        limit = 1 << 62
        for pad in (1, 2):
            got = self._try_padded(base, pad)
            if len(got) != len(words) + pad or got[split:split + pad] != [_NOP] * pad:
                raise EncodingError(f"Fragment {self.name}: the body emits other words when "
                                    "its out-of-line part moves; it must not depend on where "
                                    "that part lands")
            got = got[:split] + got[split + pad:]
            for k, (old, new) in enumerate(zip(words, got, strict=True)):
                if old == new:
                    if pad == 2 and any(k == c for c, _ in cross):
                        raise EncodingError(f"Fragment {self.name}: word {k} moves with the "
                                            "out-of-line part for one nop but not two")
                    continue
                fld = _pcrel_field_of(old)
                sign = 1 if k < split else -1
                if fld is None or (old + sign * pad * (1 << _pcrel_params(fld)[2])
                                   ) & 0xFFFFFFFF != new:
                    raise EncodingError(
                        f"Fragment {self.name}: word {k} ({old:#010x}) changes with the "
                        "place of the out-of-line part, and not as a pc-relative field "
                        "between the two parts")
                if pad == 2:
                    if not any(k == c for c, _ in cross):
                        raise EncodingError(f"Fragment {self.name}: word {k} moves with "
                                            "the out-of-line part for two nops but not one")
                    continue
                if pad == 1:
                    half, mask, lsb = _pcrel_params(fld)
                    raw = old >> lsb & mask
                    delta = raw - (mask + 1) if raw >= half else raw
                    # forward: delta + D < half; backward: delta - D >= -half
                    limit = min(limit, half - 1 - delta if sign > 0 else delta + half)
                    cross.append((k, sign << lsb))
        return tuple(cross), limit

    def _try_padded(self, base: dict[str, Any], pad: int) -> list[int]:
        try:
            return self._run(base, pad)[0]
        except A64Error as exc:
            raise EncodingError(f"Fragment {self.name}: the body fails when its out-of-line "
                                f"part moves: {exc}") from None

    def _claim(self, key: str, mask: int) -> None:
        if self._masks & mask:
            raise EncodingError(f"Fragment {self.name}: hole {key} shares bits with another "
                                "hole")
        self._masks |= mask

    def _probe_reg(self, key: str, h: Hole, base: dict[str, Any],
                   regs: list[str]) -> dict[Any, int]:
        c0 = base[key].code
        # Where the 5-bit field lands: flip all five bits at once.
        mult = _multiplier(self._diff(key, {**base, key: h.regs[31 ^ c0]}, "a probe"), 0x1F)
        if mult is None:
            raise EncodingError(f"Fragment {self.name}: hole {key} is not one register field "
                                "in every instruction that uses it")
        field = 0x1F * mult
        self._claim(key, field)
        contributions: dict[Any, int] = {}
        for reg in _candidates(h):
            # Another hole sampled at this code moves to its complement: a register the
            # body may not repeat (ldxp x1, x1) is a pair rule, checked per instance.
            trial = {**base, key: reg}
            for other in regs:
                if other != key and base[other].code == reg.code:
                    trial[other] = self.holes[other].regs[31 ^ reg.code]
            reference = {k: v for k, v in trial.items() if k != key} | {key: base[key]}
            want = self._try(reference)
            got = self._try(trial)
            if isinstance(got, A64Error) or isinstance(want, A64Error):
                self._rejected[key, reg] = str(got)
                continue
            if len(got) != len(want) or _pack(got) != (_pack(want) & ~field) | reg.code * mult:
                self._rejected[key, reg] = (
                    "the body encodes it with another form, not in this fragment's words")
                continue
            contributions[reg] = reg.code * mult
        return contributions

    def _probe_imm(self, key: str, h: Hole, base: dict[str, Any]) -> int:
        mult = _multiplier(self._diff(key, {**base, key: h.scale}, str(h.scale)), 1)
        if mult is None:
            raise EncodingError(f"Fragment {self.name}: hole {key} does not map to one field")
        top = h.top
        self._claim(key, ((1 << top.bit_length()) - 1) * mult)
        tries = {top, *(1 << b for b in range(top.bit_length())),
                 *(top * i // 9 | 1 for i in range(1, 9))}  # and values in between
        for field in sorted(tries):
            value = field * h.scale
            if self._diff(key, {**base, key: value}, str(value)) != field * mult:
                raise EncodingError(
                    f"Fragment {self.name}: hole {key} = {value} is not encoded in the "
                    f"{h.name} field (the body picks another form for it)")
        return mult

    # -- instances -------------------------------------------------------------------

    def words(self, *values: Any, **named: Any) -> list[int]:
        """The instance's words (label holes' fields left zero)."""
        acc = self._fill(self._values(values, named))
        return [(acc >> 32 * i) & 0xFFFFFFFF for i in range(self.size // 4)]

    def _values(self, values: tuple[Any, ...], named: dict[str, Any]) -> tuple[Any, ...]:
        if named:
            if values:
                raise OperandError(f"Fragment {self.name}: pass hole values either by "
                                   "position or by name, not both")
            missing = [k for k in self._order if k not in named]
            extra = [k for k in named if k not in self.holes]
            if missing or extra:
                raise OperandError(f"Fragment {self.name}: missing hole(s) {missing}, "
                                   f"unknown {extra}; holes: {', '.join(self._order)}")
            return tuple(named[k] for k in self._order)
        if len(values) != len(self._order):
            raise OperandError(f"Fragment {self.name}: expected {len(self._order)} hole "
                               f"values ({', '.join(self._order)}), got {len(values)}")
        return values

    def _fill(self, values: Sequence[Any]) -> int:
        """The instance as one integer (word i at bit 32 * i), every value checked."""
        if tuple(map(type, values)) == self._types:
            try:
                # Each hole's table maps a valid value to its bits in every word (immediate
                # tables fill up as values are first seen); a miss is None, and None in
                # the sum raises: the checked path below finds out why.
                acc = self._base | sum(map(_get, self._tables, values, self._misses))
            except TypeError:
                pass
            else:
                if not self._distinct:
                    return acc
        acc = self._base
        for (kind, data, h), table, v in zip(self._plans, self._tables, values, strict=True):
            if kind == _REG:
                try:
                    acc |= data[v]
                except (KeyError, TypeError):
                    raise self._bad(v, values) from None
            elif kind == _IMM:
                if type(v) is not int or not 0 <= v <= h.top * h.scale or v % h.scale:
                    raise self._bad(v, values)
                bits = v // h.scale * data
                if len(table) >= _CACHE_LIMIT:
                    table.clear()
                table[v] = bits  # (for the checked path's sum; stamps compute theirs)
                acc |= bits
        for i, j in self._distinct:
            if values[i] is values[j]:
                raise EncodingError(
                    f"Fragment {self.name}: holes {self._order[i]} and {self._order[j]} are "
                    f"both {values[i]}; the body's instructions need different registers")
        return acc

    def _learn(self, values: tuple[Any, ...]) -> bool:
        """A stamp's miss: enter each immediate of ``values`` its run tables lack (an
        exact int in the hole's range; at most _CACHE_LIMIT values a hole, then its
        tables start again). True if one was entered (the stamp tries again), False if
        none was missing or one is bad (the checked stamp says what is wrong)."""
        if len(values) != self._count or not self._runs:
            return False
        added = False
        for position, ((kind, mult, h), v) in enumerate(zip(self._plans, values,
                                                             strict=True)):
            if kind != _IMM or _computed(self, position):
                continue
            pieces = self._pieces[position]
            if type(v) is not int or not 0 <= v <= h.top * h.scale or v % h.scale:
                return False
            if all(v in piece for piece in pieces):  # (a shared table may have it)
                continue
            if len(pieces[0]) >= _CACHE_LIMIT:
                for piece in pieces:
                    piece.clear()
            self._add_pieces(position, v, v // h.scale * mult, self._runs, self._pieces)
            added = True
        return added

    def _bad(self, value: Any, values: Sequence[Any]) -> A64Error:
        position = next(i for i, v in enumerate(values) if v is value)
        key = self._order[position]
        h = self.holes[key]
        why = None
        if h.kind == _REG:
            with contextlib.suppress(TypeError):  # unhashable: no reason recorded
                why = self._rejected.get((key, value))
        if why:
            return EncodingError(f"Fragment {self.name}: hole {key} = {value}: {why}")
        cls = OperandError if h.kind == _REG or type(value) is not int else EncodingError
        return cls(f"Fragment {self.name}: hole {key} = {value!r} cannot be encoded; "
                   f"allowed: {h.describe()}")

    def emit(self, asm: AssemblerCore, /, *values: Any, **named: Any) -> None:
        """Append an instance to ``asm`` (an Assembler or a MacroAssembler): hole values
        by position (the order the holes were declared in) or by name.

        (Most fragments replace this method with a faster one of the same behaviour
        when they are built: see :func:`_fast_emit`.)"""
        if self._split is not None:
            raise OperandError(f"Fragment {self.name}: it has an out-of-line part (hole "
                               f"{self._cold_key}); stamp it with a Stamper, whose "
                               "out_of_line() says where that part goes")
        if named or len(values) != self._count:
            values = self._values(values, named)
        # The fast path of _fill, inline (a call costs as much as the rest).
        acc = None
        if tuple(map(type, values)) == self._types:
            try:  # noqa: SIM105 (contextlib.suppress costs more than the rest)
                acc = self._base | sum(map(_get, self._tables, values, self._misses))
            except TypeError:
                pass
        if acc is None or self._distinct:
            acc = self._fill(values)
        put = asm._put
        if (self._binds and type(asm).bind is not _BIND) or (
                type(put) is not _BUILTIN
                and len(asm._code) + (self.size >> 2) >= getattr(put, "limit", 0)):
            # unaligned, a MacroAssembler near a pool, or a subclass that does more
            # when binding (see _straight)
            self._emit_words(asm, acc, values)
        elif self._labels or self._binds:
            self._emit_linked(asm, acc, values)
        elif _LITTLE:  # the usual case: straight into the buffer
            asm._code.frombytes(acc.to_bytes(self.size, "little"))
        else:
            asm._code.extend(_words(acc, self.size // 4))

    def _emit_linked(self, asm: AssemblerCore, acc: int, values: Sequence[Any]) -> None:
        """Straight into the buffer, with the label holes resolved or left pending."""
        code = asm._code
        start = len(code)
        forward: list[tuple[Label, int, PcRelField, str]] = []
        for index, position, fld, insn in self._labels:
            target = values[position]
            if type(target) is Label and target._home is asm._home:
                if target.offset is None:
                    forward.append((target, start + index, fld, insn))
                    continue
                delta = target.offset - (start + index) * 4
            elif type(target) is int:
                delta = as_int64(target)
            else:
                asm._own(target, insn)  # raises: says what is wrong
                raise OperandError(f"{insn}: target must be a Label or an int offset, got "
                                   f"{target!r}")
            acc |= fld.patch(insn, 0, delta) << 32 * index
        if _LITTLE:
            code.frombytes(acc.to_bytes(self.size, "little"))
        else:
            code.extend(_words(acc, self.size // 4))
        # A MacroAssembler tracks a forward short branch for a veneer (placed after
        # the instance: its reach is far beyond any fragment's size).
        track = getattr(asm, "_mx_track_ref", None)
        for target, index, fld, insn in forward:
            if track is not None:
                track(target, index, fld, insn)
            else:
                asm._add_ref(target, (index, fld, insn))
        for index, position in self._binds:
            label = values[position]
            if type(label) is not Label or label._home is not asm._home:
                asm._own(label, "bind")  # raises: says what is wrong
            if label.offset is not None:
                raise LabelError(f"Fragment {self.name}: label {label.name or label!r} is "
                                 "already bound")
            asm._bind_at(label, (start + index) * 4)

    def _emit_words(self, asm: AssemblerCore, acc: int, values: Sequence[Any]) -> None:
        """Word by word through ``asm._put`` (a MacroAssembler's checks, alignment),
        with the label holes' fixups and binds."""
        if asm._tail:
            raise EncodingError(f"Fragment {self.name}: offset {asm.offset} is not 4-byte "
                                "aligned; use align(4)")
        ws = _words(acc, self.size // 4)
        refs = {index: (position, fld, insn) for index, position, fld, insn in self._labels}
        binds = dict(self._binds)
        # No pool inside an instance: its internal branches were resolved for its words
        # in a row (a pool that falls due is placed before it).
        no_pools = getattr(asm, "no_pools", None)
        # A MacroAssembler tracks a forward short branch for a veneer (placed after the
        # instance: its reach is far beyond any fragment's size).
        track = getattr(asm, "_mx_track_ref", None)
        with no_pools(self.size) if no_pools is not None else contextlib.nullcontext():
            for index in range(len(ws)):
                if index in binds:
                    asm.bind(values[binds[index]])
                ref = refs.get(index)
                if ref is None:
                    asm._put(ws[index])
                    continue
                position, fld, insn = ref
                target = values[position]
                if (track is not None and type(target) is Label and target._home is asm._home
                        and target.offset is None):
                    asm._put(ws[index])
                    track(target, len(asm._code) - 1, fld, insn)
                else:
                    asm._emit_pcrel(ws[index], target, fld, insn)
            end = len(ws)
            if end in binds:
                asm.bind(values[binds[end]])

    def _factory(self) -> tuple[Callable[..., _Emit], tuple[_HoleRefs, ...],
                                tuple[_HoleRefs, ...]]:
        """The maker of this fragment's stamp functions (generated once, see
        :func:`_stamp_source`), and per label hole it records references for, the
        references: (word index, field, reference id, fixed word); first those of the
        inline part, then those of the out-of-line part."""
        if self._stamp_factory is None:
            source = _stamp_source(self)
            namespace: dict[str, Any] = {
                "_types": self._types, "_tables": self._tables, "_pieces": self._pieces,
                "_consts": self._const_runs, "_base": self._base, "_size": self.size,
                "_BUILTIN": _BUILTIN, "_frag_learn": self._learn, "_array": array}
            exec(_compile(self, source, "stamp"), namespace)
            namespace["_frag"] = self
            # the stamps' name (a TypeError names it), set once here: an assignment to
            # each stamp's __qualname__ costs as much as the rest of an emitter
            _rename_inner(namespace["factory"], "stamp", f"Fragment({self.name}).stamp")
            ids = {index: ref for (index, _, _, _), ref in zip(self._labels, self._ref_ids,
                                                                strict=True)}
            hot, cold = (tuple(tuple((index, fld, ids[index], self._fixed_word(index))
                                     for index, fld in refs)
                               for _, refs in _targets(self, part)) for part in (0, 1))
            self._stamp_factory = namespace["factory"], hot, cold
        return self._stamp_factory

    def _placer(self) -> Callable[..., int | None]:
        """This fragment's placer of out-of-line parts (generated once, see
        :func:`_place_source`)."""
        if self._place_fn is None:
            namespace: dict[str, Any] = {}
            exec(_compile(self, _place_source(self), "placer"), namespace)
            self._place_fn = namespace["place"]
        return self._place_fn

    def _fixed_word(self, index: int) -> int:
        """Word ``index`` of every instance (its label field zero) if no value hole
        touches it, else -1: a reference in a fixed word is filled in by a store of the
        whole word, without reading it (see Stamper._short_loop)."""
        if self._masks >> 32 * index & 0xFFFFFFFF:
            return -1
        return self._base >> 32 * index & 0xFFFFFFFF

    def __call__(self, asm: AssemblerCore, /, *values: Any, **named: Any) -> None:
        """The same as :meth:`emit`."""
        self.emit(asm, *values, **named)

    def __repr__(self) -> str:
        holes = ", ".join(f"{k}={h!r}" for k, h in self.holes.items())
        if self._cold_key is not None:
            holes += f", {self._cold_key}=hole.cold (out of line from word {self._split})"
        return f"Fragment({self.name}, {self.size // 4} words, {holes})"


#: What building a fragment finds, as plain data (ints, strings, tuples, None: what a
#: :class:`FragmentCache` keeps in a file): (words of the probing run, the out-of-line
#: part's first word or None, the words moving with it (word index, step) and their
#: reach, the label references (word index, hole position, field name, instruction),
#: the binds (word index, hole position), the register values refused (hole, candidate
#: index, why), every hole's field bits, per hole its plan (a register hole: (candidate
#: index, bits) per register taken; an immediate hole: its field's multiplier; a label
#: hole: None), the register hole pairs that may not be equal (positions)).
_Record = tuple[Any, ...]
#: The pc-relative fields a fragment's label hole may use, by name.
_FIELDS: Final[dict[str, PcRelField]] = {f.name: f for f in (BRANCH26, BRANCH19, BRANCH14, ADR)}


def _candidates(h: Hole) -> list[Register]:
    """The registers a register hole is probed with (its record numbers them)."""
    candidates: list[Register] = list(h.regs)
    if h.name == "x":
        candidates += [X_BY_CODE[31], sp]
    elif h.name == "w":
        candidates += [W_BY_CODE[31], wsp]
    return candidates


def _plain(x: Any) -> bool:
    """Whether ``x`` is a tuple of tuples of ints and strings (a record's part)."""
    return type(x) is tuple and all(type(t) is tuple and all(type(v) in (int, str) for v in t)
                                    for t in x)


_LITTLE: Final = sys.byteorder == "little"
_BUILTIN: Final[type] = type([].append)  # AssemblerCore._put when words go straight in
_BIND: Final = AssemblerCore.bind
_CACHE_LIMIT: Final = 4096  # immediate values remembered per hole
#: An immediate hole with more values than this (imm16: a constant's halves, an index,
#: a pc) has its words computed by a stamp, not looked up in run tables (_computed).
_TABLE_TOP: Final = 4095
_get: Final[Callable[..., int]] = dict.get

#: The run tables of immediate holes, shared by every fragment whose run has the same
#: words and field (see Fragment._run_table): (top, scale, the run's field multiplier,
#: its words as built, its word count) -> value -> the run's words.
_RUN_TABLES: Final[dict[tuple[int, int, int, int, int], dict[Any, Any]]] = {}
_RUN_TABLES_LOCK: Final = _thread.allocate_lock()


def _straight(asm: AssemblerCore, words: int) -> bool:
    """Whether ``words`` instruction words may go straight into ``asm``'s buffer: its
    ``_put`` is the buffer's own append, or a function that counts words against a
    ``limit`` (a MacroAssembler's while a pool is pending: nothing is due below it).
    (Inline in the fast emit templates below, where a call would cost as much.)"""
    put = asm._put
    return type(put) is _BUILTIN or len(asm._code) + words < getattr(put, "limit", 0)


_PADDED: list[type] = []


def _padded() -> type:
    """An Assembler class that puts ``pad`` nops before binding its ``_split`` label
    (how Fragment._cross_refs moves a fragment's out-of-line part)."""
    if not _PADDED:
        from . import Assembler

        class _Padded(Assembler):
            def __init__(self, pad: int) -> None:
                super().__init__()
                self._pad = pad
                self._split: Label | None = None

            def bind(self, label: Label) -> None:
                if label is self._split:
                    for _ in range(self._pad):
                        self.nop()
                super().bind(label)

        _PADDED.append(_Padded)
    return _PADDED[0]


def _pcrel_field_of(word: int) -> PcRelField | None:
    """The pc-relative field of an instruction word (b/bl, b.cond, cbz/cbnz, tbz/tbnz,
    ldr literal, adr), or None."""
    if word & 0x7C000000 == 0x14000000:
        return BRANCH26
    if word & 0xFE000000 == 0x54000000 or word & 0x7E000000 == 0x34000000:
        return BRANCH19
    if word & 0x7E000000 == 0x36000000:
        return BRANCH14
    if word & 0x3B000000 == 0x18000000:
        return BRANCH19
    if word & 0x9F000000 == 0x10000000:
        return ADR
    return None


def _pack(words: list[int]) -> int:
    return sum(w << 32 * i for i, w in enumerate(words))


def _words(acc: int, n: int) -> list[int]:
    return [(acc >> 32 * i) & 0xFFFFFFFF for i in range(n)]


def _multiplier(flip: int, pattern: int) -> int | None:
    """``flip`` as ``pattern * mult`` where mult is a sum of distinct powers of two
    (one per occurrence of the field), else None."""
    mult = 0
    rest = flip
    while rest:
        low = rest & -rest
        if (rest & pattern * low) != pattern * low:
            return None
        mult |= low
        rest &= ~(pattern * low)
    return mult if mult and flip == pattern * mult else None


# -- the fast instance path --------------------------------------------------------------
# For a fragment without label holes or pair rules, emit is one of these templates: each
# value's exact type, one dict lookup per hole for its bits, and one append of the words.
# The parameters _p0.._pN are renamed to the hole names (CodeType.replace, as in memo.py),
# so keyword calls work; anything unusual goes to the checked method.

_Emit = Callable[..., None]
#: A label hole's references in its fragment: (word index, field, reference id, the
#: word if it is fixed, else -1: see Fragment._fixed_word).
_HoleRefs = tuple[tuple[int, PcRelField, int, int], ...]


def _f0(base: int, size: int, tables: tuple[dict[Any, int], ...], types: tuple[type, ...],
        checked: _Emit) -> _Emit:
    words = size >> 2
    data = base.to_bytes(size, "little")

    def emit(asm: AssemblerCore) -> None:
        if (type(put := asm._put) is _BUILTIN
                or len(asm._code) + words < getattr(put, "limit", 0)):
            asm._code.frombytes(data)
            return
        checked(asm)
    return emit


def _f1(base: int, size: int, tables: tuple[dict[Any, int], ...], types: tuple[type, ...],
        checked: _Emit) -> _Emit:
    words = size >> 2
    (t0,), (y0,) = tables, types

    def emit(asm: AssemblerCore, _p0: Any) -> None:
        if type(_p0) is y0 and (type(put := asm._put) is _BUILTIN
                or len(asm._code) + words < getattr(put, "limit", 0)):
            try:
                acc = base | t0[_p0]
            except KeyError:
                pass
            else:
                asm._code.frombytes(acc.to_bytes(size, "little"))
                return
        checked(asm, _p0)
    return emit


def _f2(base: int, size: int, tables: tuple[dict[Any, int], ...], types: tuple[type, ...],
        checked: _Emit) -> _Emit:
    words = size >> 2
    (t0, t1), (y0, y1) = tables, types

    def emit(asm: AssemblerCore, _p0: Any, _p1: Any) -> None:
        if type(_p0) is y0 and type(_p1) is y1 and (type(put := asm._put) is _BUILTIN
                or len(asm._code) + words < getattr(put, "limit", 0)):
            try:
                acc = base | t0[_p0] | t1[_p1]
            except KeyError:
                pass
            else:
                asm._code.frombytes(acc.to_bytes(size, "little"))
                return
        checked(asm, _p0, _p1)
    return emit


def _f3(base: int, size: int, tables: tuple[dict[Any, int], ...], types: tuple[type, ...],
        checked: _Emit) -> _Emit:
    words = size >> 2
    (t0, t1, t2), (y0, y1, y2) = tables, types

    def emit(asm: AssemblerCore, _p0: Any, _p1: Any, _p2: Any) -> None:
        if type(_p0) is y0 and type(_p1) is y1 and type(_p2) is y2 \
                and (type(put := asm._put) is _BUILTIN
                or len(asm._code) + words < getattr(put, "limit", 0)):
            try:
                acc = base | t0[_p0] | t1[_p1] | t2[_p2]
            except KeyError:
                pass
            else:
                asm._code.frombytes(acc.to_bytes(size, "little"))
                return
        checked(asm, _p0, _p1, _p2)
    return emit


def _f4(base: int, size: int, tables: tuple[dict[Any, int], ...], types: tuple[type, ...],
        checked: _Emit) -> _Emit:
    words = size >> 2
    (t0, t1, t2, t3), (y0, y1, y2, y3) = tables, types

    def emit(asm: AssemblerCore, _p0: Any, _p1: Any, _p2: Any, _p3: Any) -> None:
        if type(_p0) is y0 and type(_p1) is y1 and type(_p2) is y2 and type(_p3) is y3 \
                and (type(put := asm._put) is _BUILTIN
                or len(asm._code) + words < getattr(put, "limit", 0)):
            try:
                acc = base | t0[_p0] | t1[_p1] | t2[_p2] | t3[_p3]
            except KeyError:
                pass
            else:
                asm._code.frombytes(acc.to_bytes(size, "little"))
                return
        checked(asm, _p0, _p1, _p2, _p3)
    return emit


def _f5(base: int, size: int, tables: tuple[dict[Any, int], ...], types: tuple[type, ...],
        checked: _Emit) -> _Emit:
    words = size >> 2
    (t0, t1, t2, t3, t4), (y0, y1, y2, y3, y4) = tables, types

    def emit(asm: AssemblerCore, _p0: Any, _p1: Any, _p2: Any, _p3: Any, _p4: Any) -> None:
        if type(_p0) is y0 and type(_p1) is y1 and type(_p2) is y2 and type(_p3) is y3 \
                and type(_p4) is y4 and (type(put := asm._put) is _BUILTIN
                or len(asm._code) + words < getattr(put, "limit", 0)):
            try:
                acc = base | t0[_p0] | t1[_p1] | t2[_p2] | t3[_p3] | t4[_p4]
            except KeyError:
                pass
            else:
                asm._code.frombytes(acc.to_bytes(size, "little"))
                return
        checked(asm, _p0, _p1, _p2, _p3, _p4)
    return emit


def _f6(base: int, size: int, tables: tuple[dict[Any, int], ...], types: tuple[type, ...],
        checked: _Emit) -> _Emit:
    words = size >> 2
    (t0, t1, t2, t3, t4, t5), (y0, y1, y2, y3, y4, y5) = tables, types

    def emit(asm: AssemblerCore, _p0: Any, _p1: Any, _p2: Any, _p3: Any, _p4: Any,
             _p5: Any) -> None:
        if type(_p0) is y0 and type(_p1) is y1 and type(_p2) is y2 and type(_p3) is y3 \
                and type(_p4) is y4 and type(_p5) is y5 and (type(put := asm._put) is _BUILTIN
                or len(asm._code) + words < getattr(put, "limit", 0)):
            try:
                acc = base | t0[_p0] | t1[_p1] | t2[_p2] | t3[_p3] | t4[_p4] | t5[_p5]
            except KeyError:
                pass
            else:
                asm._code.frombytes(acc.to_bytes(size, "little"))
                return
        checked(asm, _p0, _p1, _p2, _p3, _p4, _p5)
    return emit


_FAST: Final = (_f0, _f1, _f2, _f3, _f4, _f5, _f6)


def _fast_emit(frag: Fragment) -> _Emit | None:
    """The fast ``emit`` of ``frag``, or None where only the checked one applies."""
    keys = frag._order
    if (not _LITTLE or frag._labels or frag._binds or frag._distinct or len(keys) >= len(_FAST)
            or frag._split is not None
            or any(k in ("asm", "acc", "bits", "put") or k.startswith("_p") for k in keys)):
        return None
    template = _FAST[len(keys)](frag._base, frag.size, frag._tables, frag._types,
                                Fragment.emit.__get__(frag))
    code = template.__code__
    varnames = (code.co_varnames[0], *keys, *code.co_varnames[1 + len(keys):])
    fast = types.FunctionType(code.replace(co_varnames=varnames), template.__globals__,
                              "emit", None, template.__closure__)
    fast.__doc__ = Fragment.emit.__doc__
    fast.__qualname__ = f"Fragment({frag.name}).emit"
    return fast


# -- the fast instance path with label holes ----------------------------------------------
# A fragment with label holes (and no pair rules) gets a generated emit: the value holes
# as in the templates above; per label hole an exact type and owner test; a bound target's
# delta (backward: at most 0 words) compared with the reach and ORed into the integer; one
# append of the words; then per unbound target its references (appended to Label._refs on
# an Assembler, _mx_track_ref on a MacroAssembler, as _emit_linked does) and the binds.
# Anything unusual (an int target, another owner's label, a delta out of reach, a pool
# due) goes to the checked method, which says what is wrong.

#: Per assembler class, its _mx_track_ref (a MacroAssembler's) or None (see _track_of).
_TRACKS: Final[dict[type, Any]] = {}


def _track_of(asm: AssemblerCore) -> Any:
    """The ``_mx_track_ref`` function of ``asm``'s class, or None (remembered)."""
    cls = type(asm)
    track = getattr(cls, "_mx_track_ref", None)
    _TRACKS[cls] = track
    return track


def _imm_check(h: Hole, mult: int, name: str) -> tuple[str, str]:
    """Python expressions for an immediate hole's value ``name`` (an exact int): one
    true when it is out of range (or not a multiple of the scale), and its field bits.
    Where the valid values are the bits of one mask (a power-of-two scale and a top of
    2**k - 1: every hole kind but a general ``imm``), the range test is one AND: a
    negative value has bits above the mask, too."""
    top, scale = h.top, h.scale
    log = scale.bit_length() - 1
    if scale == 1 << log and top & (top + 1) == 0:
        bad = f"{name} & {~(top << log)}"
    else:
        bad = f"not 0 <= {name} <= {top * scale}" + (f" or {name} % {scale}" if scale > 1
                                                      else "")
    if mult % scale == 0:  # (v // scale) * mult as one product, which CPython specializes
        bits = f"{name} * {mult // scale}" if mult != scale else name
    else:
        bits = f"({name} // {scale}) * {mult}"
    return bad, bits


def _linked_source(frag: Fragment, names: list[str]) -> tuple[str, list[PcRelField]]:
    """Python source of a function making ``frag``'s generated emit (label holes or
    none), and the fields it takes (``_fields``). A register hole: one lookup in its
    table; an immediate hole: its range checked (one AND, see :func:`_imm_check`) and
    its bits computed, with no table: a new value (say, a pc) costs what any does."""
    params = ", ".join(names)
    values = [p for p, (kind, _, _) in enumerate(frag._plans) if kind != _LABEL]
    imms = [p for p in values if frag._plans[p][0] == _IMM]
    targets = _targets(frag)
    binds = [p for _, p in frag._binds]
    labels = sorted({p for p, _ in targets} | set(binds))
    insns = {index: insn for index, _, _, insn in frag._labels}
    tests = ["not _more", "not _named"]
    checks = {p: _imm_check(frag._plans[p][2], frag._plans[p][1], names[p]) for p in imms}
    tests += [f"_type({names[p]}) is _int and not ({checks[p][0]})" for p in imms]
    tests += [f"_type({names[p]}) is _Label and {names[p]}._home is _asm._home" for p in labels]
    tests += [f"{names[p]}.offset is None" for p in binds]
    tests += [f"{names[i]} is not {names[j]}" for n, i in enumerate(binds)
              for j in binds[n + 1:]]
    if binds:
        tests.append("_type(_asm).bind is _BIND")
    tests.append("(_type(_put := _asm._put) is _BUILTIN "
                 "or _len(_code) + _words < _getattr(_put, 'limit', 0))")
    lines = ["def factory(_base, _size, _tables, _types, _checked, _BUILTIN, _Label, _BIND,",
             "            _fields, _tracks, _track_of, _M, _slow):",
             "    _type = type",
             "    _int = int",
             "    _len = len",
             "    _getattr = getattr",
             "    _words = _size >> 2"]
    for p in values:
        lines.append(f"    _t{p} = _tables[{p}]")
    fields: list[PcRelField] = []
    for _, refs in targets:
        for _, fld in refs:
            if fld not in fields:
                fields.append(fld)
    for j in range(len(fields)):
        lines.append(f"    _f{j} = _fields[{j}]")
    # Defaults and *_more/**_named: a wrong call reaches the checked method, which names
    # the missing or unknown hole (a Python TypeError would not).
    given = ", ".join(f"{k}=_M" for k in names)
    lines.append(f"    def emit(_asm, /, {given}, *_more, **_named):")
    lines.append("        _code = _asm._code")
    lines.append("        if " + " and ".join(tests) + ":")
    body: list[str] = []
    slow = f"return _slow(_asm, ({params},), _more, _named)"
    if values:
        acc = "_base" + "".join(f" | _t{p}[{names[p]}]" if p not in checks
                                else f" | {checks[p][1]}" for p in values)
        if len(imms) < len(values):
            body += ["try:", f"    _acc = {acc}", "except (KeyError, TypeError):",
                     f"    {slow}"]
        else:
            body.append(f"_acc = {acc}")
    else:
        body.append("_acc = _base")
    body.append("_n = _len(_code)")
    for p, refs in targets:
        body.append(f"_o{p} = {names[p]}.offset")
        body.append(f"if _o{p} is not None:")
        body.append(f"    _o{p} = (_o{p} >> 2) - _n")
        for index, fld in refs:
            half, mask, lsb = _pcrel_params(fld)
            delta = f"_o{p} - {index}" if index else f"_o{p}"
            # A bound label is at or before the end: the delta is at most 0 words.
            body.append(f"    if {delta} < {-half}:")
            body.append(f"        {slow}")
            body.append(f"    _acc |= (({delta}) & {mask:#x}) << {lsb + 32 * index}")
    body.append("_code.frombytes(_acc.to_bytes(_size, 'little'))")
    if targets:  # who records a forward reference: only looked up when there is one
        body.append("if " + " or ".join(f"_o{p} is None" for p, _ in targets) + ":")
        body.append("    _tr = _tracks.get(_type(_asm), _track_of)")
        body.append("    if _tr is _track_of:")
        body.append("        _tr = _track_of(_asm)")
    for p, refs in targets:
        lbl = names[p]
        entries = [(f"_n + {index}" if index else "_n", f"_f{fields.index(fld)}",
                    repr(insns[index])) for index, fld in refs]
        body.append(f"if _o{p} is None:")
        body.append("    if _tr is None:")
        body.append(f"        _r = {lbl}._refs")
        body.append("        if _r is None:")
        tuples = ", ".join(f"({at}, {f}, {i})" for at, f, i in entries)
        body.append(f"            {lbl}._refs = [{tuples}]")
        body.append("            _asm._npending += 1")
        body.append("        else:")
        for at, f, i in entries:
            body.append(f"            _r.append(({at}, {f}, {i}))")
        body.append("    else:")
        for at, f, i in entries:
            body.append(f"        _tr(_asm, {lbl}, {at}, {f}, {i})")
    for index, p in frag._binds:
        at = f"(_n + {index}) * 4" if index else "_n * 4"
        body.append(f"_asm._bind_at({names[p]}, {at})")
    body.append("return None")
    lines += ["            " + b for b in body]
    lines.append(f"        {slow}")
    lines.append("    return emit")
    return "\n".join(lines) + "\n", fields


class _Missing:
    """The default of a generated emit's parameters: a hole value not given."""

    def __repr__(self) -> str:
        return "<no value>"


_MISSING: Final = _Missing()


def _slow_call(checked: _Emit, order: tuple[str, ...]) -> Callable[..., None]:
    """The fallback of a generated emit: the checked method, called as the user called
    the emit (a value not given is left out, so the error names what is missing)."""
    def slow(asm: AssemblerCore, given: tuple[Any, ...], more: tuple[Any, ...],
             named: dict[str, Any]) -> None:
        missing = [i for i, v in enumerate(given) if v is _MISSING]
        if more or not (missing or named):
            return checked(asm, *given, *more, **named)
        if not named and all(v is _MISSING for v in given[missing[0]:]):
            return checked(asm, *given[:missing[0]])  # too few positional values
        # by name: the error lists the missing and the unknown holes
        return checked(asm, **{k: v for k, v in zip(order, given, strict=True)
                               if v is not _MISSING}, **named)
    return slow


def _linked_emit(frag: Fragment) -> _Emit | None:
    """The fast ``emit`` of a fragment with label holes, or None where only the checked
    one applies (pair rules, a big-endian host, a hole name that is no plain
    identifier: the parameters are the hole names, so keyword calls work)."""
    keys = frag._order
    if not _linked_applies(frag):
        return None
    source, fields = _linked_source(frag, list(keys))
    namespace: dict[str, Any] = {}
    exec(_compile(frag, source, "emit"), namespace)
    checked = Fragment.emit.__get__(frag)
    fast: _Emit = namespace["factory"](
        frag._base, frag.size, frag._tables, frag._types, checked, _BUILTIN, Label, _BIND,
        tuple(fields), _TRACKS, _track_of, _MISSING, _slow_call(checked, keys))
    fast.__doc__ = Fragment.emit.__doc__
    fast.__qualname__ = f"Fragment({frag.name}).emit"
    return fast


def _linked_applies(frag: Fragment) -> bool:
    """Whether ``frag`` gets a generated emit (see _linked_emit)."""
    return (_LITTLE and not frag._distinct
            and frag._split is None
            and not any(not k.isidentifier() or keyword.iskeyword(k) or k.startswith("_")
                        for k in frag._order))


def _compile(frag: Fragment, source: str, what: str) -> types.CodeType:
    """``source`` (generated for ``frag``) compiled, or the code a FragmentCache loaded
    for exactly this source (compiling costs ~1-3 ms a function)."""
    code = frag._codes.get(source)
    if code is None:
        code = frag._codes[source] = compile(source, f"<{what} of fragment {frag.name}>",
                                             "exec")
    return code


def _sources(frag: Fragment) -> list[tuple[str, str]]:
    """Every source generated for ``frag`` (a FragmentCache compiles them when it stores
    the fragment): (source, what it is)."""
    out = [(_stamp_source(frag), "stamp")]
    if frag._split is not None:
        out.append((_place_source(frag), "placer"))
    if _linked_applies(frag):
        out.append((_linked_source(frag, list(frag._order))[0], "emit"))
    return out


def _lazy_linked_emit(frag: Fragment) -> _Emit:
    """An ``emit`` that makes the fragment's generated one (:func:`_linked_emit`, or the
    checked method where none applies) at its first call, and then is replaced by it.
    A caller that kept this function (``emit = frag.emit`` before the first call) gets
    the one made at its first call from then on, not a new one per call."""
    made: list[_Emit] = []

    def emit(asm: AssemblerCore, /, *values: Any, **named: Any) -> None:
        if made:
            return made[0](asm, *values, **named)
        fast = _linked_emit(frag)
        if fast is None:
            del frag.emit  # the class's checked method from now on
            made.append(frag.emit)
        else:
            frag.emit = fast  # type: ignore[method-assign]
            made.append(fast)
        return made[0](asm, *values, **named)
    emit.__doc__ = Fragment.emit.__doc__
    emit.__qualname__ = f"Fragment({frag.name}).emit"
    return emit


# -- Stamper: instances at full speed, labels by number ---------------------------------------

class Stamper:
    """Instances of fragments stamped into one assembler at full speed.

    A stamper's labels are numbers (``0, 1, ...``: made with ``Stamper(asm, labels=n)``
    or :meth:`labels`), not :class:`Label` objects, so a template JIT makes no object
    per label: a label hole of a fragment takes a number. A hole the fragment binds
    (``a.bind`` in the body) binds the number at that word; a hole it branches to
    records a reference, and every reference is resolved in one pass when the
    assembler is finalized (checked there: a number never bound, or a target out of
    the instruction's reach, raises naming the fragment, the hole, the instruction and
    its offset). A bound :class:`Label` of the assembler may also be a branch target.

    ::

        a = Assembler()
        st = Stamper(a, labels=2)
        add = st.emitter(ADD)          # ADD's instance function for this stream
        add(16, 24, 32, 0, 1)          # hole values by position; label holes: numbers
        ...
        code = a.finalize()            # resolves the references

    Instances go straight into an Assembler's buffer; into a MacroAssembler they go
    word by word with no pool inside an instance (its pools and checks see every
    word). Code emitted by other means can bind a number with :meth:`bind` and reach
    one through :meth:`label`. A fragment's out-of-line part (``hole.cold``) waits in
    the stamper until :meth:`out_of_line` places the parts stamped so far (a template
    JIT's slow paths after its code); parts never placed raise at finalize.
    """

    def __init__(self, asm: AssemblerCore, labels: int = 0) -> None:
        if not isinstance(asm, AssemblerCore):
            raise OperandError(f"Stamper: expected an Assembler or a MacroAssembler, got "
                               f"{asm!r}")
        # The assembler keeps the stamper (its finalize hook) and the emitters keep the
        # assembler; the stamper holds it weakly and its emitters weakly, so that none of
        # them makes a reference cycle: all go by reference counting (see Label._home).
        self._home = asm._home
        self._offsets: list[int | None] = []  # label number -> word index once bound
        self._refs: dict[PcRelField, list[Any]] = {}  # field -> flat (index, ref id, label)
        self._aliases: list[tuple[int, Label]] = []  # Labels handed out for unbound numbers
        # Each fragment's emitter while it lives (a weak reference: an emitter holds
        # the assembler, the assembler this stamper).
        self._emitters: dict[Fragment, _weak[_Emit]] = {}
        # Per fragment, its emitters' record lists (one set however many emitters).
        self._frag_records: dict[Fragment, list[list[int]]] = {}
        # Per label hole of each emitter: its forward references recorded by the stamp
        # (flat: word index of the instance, label number, ...), and the references of
        # the hole in the fragment: (word index in it, field, reference id).
        self._records: list[tuple[list[int], _HoleRefs]] = []
        # Out-of-line parts stamped and not placed yet: their bytes; per fragment, one
        # record per instance (its first word, the bytes' offset in _cold, the label
        # numbers they branch to) and per label hole those branch to, its records.
        self._cold = array("I")  # words
        self._cold_labels = False  # a Label among the parts' targets (the checked path)
        self._colds: dict[Fragment, tuple[list[Any], list[list[int]]]] = {}
        self.labels(labels)
        asm._on_finalize = (*asm._on_finalize, self.resolve)

    @property
    def asm(self) -> AssemblerCore:
        """The assembler this stamper stamps into."""
        asm = self._home()
        if asm is None:
            raise LabelError("Stamper: its assembler is gone (a stamper does not keep it "
                             "alive; keep a reference to the assembler while stamping)")
        return asm

    def labels(self, count: int) -> range:
        """``count`` new labels: their numbers."""
        if type(count) is not int or count < 0:
            raise OperandError(f"Stamper.labels: count {count!r} is not an int >= 0")
        start = len(self._offsets)
        self._offsets.extend([None] * count)
        return range(start, start + count)

    def emitter(self, frag: Fragment) -> _Emit:
        """The function that stamps an instance of ``frag`` into this stream: it takes
        the hole values by position (label holes: label numbers) and returns None."""
        ref = self._emitters.get(frag)
        known = ref() if ref is not None else None
        if known is not None:
            return known
        if not isinstance(frag, Fragment):
            raise OperandError(f"Stamper.emitter: expected a Fragment, got {frag!r}")
        # (a JIT makes a stamper per function: this runs per fragment and function)
        factory, holes, cold_holes = frag._stamp_factory or frag._factory()
        records = self._frag_records.get(frag)
        if records is None:
            # Plain loops: `+= zip(...)` and a comprehension cost several times more here.
            every = self._records
            records = self._frag_records[frag] = []
            for refs in holes:
                recs: list[int] = []
                records.append(recs)
                every.append((recs, refs))
            if frag._split is not None:
                # The out-of-line parts' records (see out_of_line), and per label hole
                # they branch to, its references' records for resolve.
                cold_records: list[list[int]] = []
                for refs in cold_holes:
                    recs = []
                    cold_records.append(recs)
                    every.append((recs, refs))
                self._colds[frag] = ([], cold_records)
        if not _LITTLE:
            fn: _Emit = functools.partial(self._checked, frag)  # the values, positionally
        else:
            asm = self.asm
            # the stamp's fallback calls _checked(frag, values...): frag is a global of
            # the stamp's module (no partial per emitter)
            fn = factory(asm, asm._code, self._offsets, self._checked, records, self._cold,
                         self._colds[frag][0] if frag._split is not None else None)
        self._emitters[frag] = _weak(fn)
        return fn

    def bind(self, label: int) -> None:
        """Bind label number ``label`` at the assembler's current offset (code emitted
        by other means)."""
        asm = self.asm
        self._check_unbound(label, "Stamper.bind")
        if asm._tail:
            raise EncodingError(f"Stamper.bind: offset {asm.offset} is not 4-byte aligned; "
                                "use align(4)")
        self._offsets[label] = len(asm._code)

    def offset(self, label: int) -> int | None:
        """The byte offset label number ``label`` is bound at, or None while unbound."""
        index = self._offsets[self._check(label, "Stamper.offset")]
        return None if index is None else index * 4

    def label(self, label: int) -> Label:
        """A :class:`Label` of the assembler at label number ``label``: bound now if the
        number is, else when the assembler is finalized (not for a subclass whose
        ``bind`` does more than the Assembler's: there the number must be bound first)."""
        asm = self.asm
        index = self._offsets[self._check(label, "Stamper.label")]
        lbl = asm.label(f"stamper label {label}")
        if index is not None:
            asm._bind_at(lbl, index * 4)
        elif type(asm).bind is not _BIND:
            raise LabelError(f"Stamper.label: label {label} is not bound yet; a "
                             f"{type(asm).__name__} takes Labels of bound numbers only")
        else:
            self._aliases.append((label, lbl))
        return lbl

    def out_of_line(self, bind: int | None = None) -> None:
        """Place here every out-of-line part (see ``hole.cold``) stamped since the last
        call, in the order they were stamped, and fill in the branches between each and
        its inline part (checked: if one is out of reach, this raises and places
        nothing). A template JIT calls it after the last bytecode: its slow paths
        follow the code, as if emitted there one after another. ``bind``: a label
        number to bind right after them (the parts' references to it are filled in at
        once, as every reference to a label bound before)."""
        cold = self._cold
        if bind is not None:
            self._check_unbound(bind, "Stamper.out_of_line")
        if not cold:
            if bind is not None:
                self.bind(bind)
            return
        asm = self.asm
        if asm._tail:
            raise EncodingError(f"Stamper.out_of_line: offset {asm.offset} is not 4-byte "
                                "aligned; use align(4)")
        code = asm._code
        start = len(code)
        if type(asm._put) is _BUILTIN:
            code += cold
        else:
            no_pools = getattr(asm, "no_pools", None)
            with no_pools(4 * len(cold)) if no_pools is not None else contextlib.nullcontext():
                for word in cold:
                    asm._put(word)
        if bind is not None:
            self._offsets[bind] = len(code)
        placed: list[tuple[Fragment, list[Any], list[int]]] = []
        short = len(code)
        for frag, (recs, lists) in self._colds.items():
            if not recs:
                continue
            sizes = [len(records) for records in lists]
            split = frag._split
            assert split is not None
            # d <= this for every record (n grows along recs); the references'
            # deltas are within the code, its length below their reach
            fast = (start + len(cold) - recs[0] - split <= frag._cross_limit
                    and short < frag._cold_reach and not self._cold_labels)
            same = self._same_targets(recs, frag._cold_width, start, len(code)) if fast else None
            failed = frag._placer()(code, start, recs, lists, self._offsets, fast, same)
            if failed is not None:  # out of reach: undo, say which
                width = frag._cold_width
                done = next(i for i in range(0, len(recs), width) if recs[i] == failed)
                _unplace(code, start, recs[:done], frag)
                for records, size in zip(lists, sizes, strict=True):
                    del records[size:]
                for f, r, ss in placed:
                    _unplace(code, start, r, f)
                    for records, size in zip(self._colds[f][1], ss, strict=True):
                        del records[size:]
                del code[start:]
                if bind is not None:
                    self._offsets[bind] = None
                rec = recs[done:done + 2]
                raise EncodingError(
                    f"Fragment {frag.name}: the out-of-line part of the instance at offset "
                    f"{4 * rec[0]:#x} would be at {4 * (start + rec[1]):#x}: a "
                    "branch between the two parts cannot reach it; call out_of_line "
                    "more often")
            placed.append((frag, recs, sizes))
        for _, recs, _ in placed:
            recs.clear()
        del cold[:]
        self._cold_labels = False

    def _same_targets(self, recs: list[Any], width: int, start: int, end: int
                      ) -> list[tuple[int, int]] | None:
        """For a placer's fast loop: if every record of ``recs`` (``width`` ints each)
        branches to the same label numbers from its out-of-line part, each bound before
        the parts (placed from word ``start``) or right after them (word ``end``, as
        ``out_of_line``'s ``bind``), per target its word index and 1 if it is behind
        every part (backward), else 0; None otherwise. (A JIT's slow paths all go back to
        one exit: one read of its offset, not one per instance.)"""
        same: list[tuple[int, int]] = []
        for j in range(2, width):
            column = recs[j::width]
            target = column[0]
            if column.count(target) != len(column):
                return None
            at = self._offsets[target]
            if at is None or start <= at < end:
                return None
            same.append((at, 1 if at < start else 0))
        return same or None

    def resolve(self) -> None:
        """Fill in every reference recorded so far (run by the assembler's finalize;
        all or nothing: on an error no field is filled in)."""
        if self._cold:
            count = sum(len(recs) // f._cold_width for f, (recs, _) in self._colds.items())
            raise LabelError(f"Stamper: the out-of-line parts of {count} instance(s) were "
                             "stamped but never placed; call Stamper.out_of_line() where "
                             "they go, before finalize")
        fast = self._short_loop()
        self._move_records(lambda j, k: (j, k) not in fast)
        done: list[tuple[PcRelField, list[Any]]] = []
        try:
            for fld, refs in self._refs.items():
                if refs:
                    self._apply(fld, refs)
                    done.append((fld, refs))
        except BaseException:
            for f, r in done:
                self._undo(f, r, None)
            self._undo_records(fast)
            self._move_records(lambda j, k: (j, k) in fast)  # checked next time too
            for recs, _ in self._records:
                recs.clear()
            raise
        for _, refs in done:
            refs.clear()
        for recs, _ in self._records:
            recs.clear()
        aliases, self._aliases = self._aliases, []
        for label, lbl in aliases:
            index = self._offsets[label]
            if index is None:
                self._aliases = aliases
                raise LabelError(f"Stamper: label {label} (see Stamper.label) is never bound")
            self.asm._bind_at(lbl, index * 4)

    # -- internals ------------------------------------------------------------------

    def _short_loop(self) -> set[tuple[int, int]]:
        """Fill in the stamps' recorded references; their (record list, word) pairs.
        Where a field reaches past both ends of the code, every delta is in range; a
        fixed word (see Fragment._fixed_word) is then stored whole, with integer
        arithmetic CPython specializes: its field (``delta << lsb`` as a product)
        added to the word, no read and no mask (a delta below 0, say to a label the
        instance binds itself, as its two's complement in the field). Elsewhere each
        delta is compared with the reach. None is filled in if a label is not bound or a
        target is out of reach: the checked path says which."""
        code = self.asm._code
        offs = self._offsets
        size = len(code)
        done: set[tuple[int, int]] = set()
        try:
            for j, (recs, refs) in enumerate(self._records):
                if not recs:
                    continue
                ns, labels = recs[0::2], recs[1::2]
                if len(refs) == 2 and all(w >= 0 and size < _pcrel_params(f)[0]
                                          for _, f, _, w in refs):
                    self._fixed_pair(j, refs, ns, labels, done)
                    continue
                for k, fld, _, word in refs:
                    half, mask, lsb = _pcrel_params(fld)
                    done.add((j, k))
                    if size < half and word >= 0:
                        step = 1 << lsb
                        start = word - k * step  # word + (target - n - k) * step
                        wrap = mask + 1
                        for n, label in zip(ns, labels, strict=True):
                            d = offs[label] - n  # type: ignore[operator]
                            if d < k:  # backward: a label bound by the instance itself
                                d += wrap  # (or late, past a short field's inline reach)
                            code[n + k] = start + d * step
                        continue
                    for n, label in zip(ns, labels, strict=True):
                        i = n + k
                        delta = offs[label] - i  # type: ignore[operator]
                        if not -half <= delta < half:
                            raise _OutOfReach
                        code[i] |= (delta & mask) << lsb
        except (TypeError, _OutOfReach):  # a label never bound, a target out of reach
            self._undo_records(done)
            done.clear()
        return done

    def _fixed_pair(self, j: int, refs: _HoleRefs, ns: list[int], labels: list[int],
                    done: set[tuple[int, int]]) -> None:
        """The short loop for a label hole referenced by two fixed words (a guard's two
        branches to one stub): both in one pass over its records."""
        code = self.asm._code
        offs = self._offsets
        (k1, f1, _, w1), (k2, f2, _, w2) = refs
        _, m1, l1 = _pcrel_params(f1)
        _, m2, l2 = _pcrel_params(f2)
        s1, s2 = 1 << l1, 1 << l2
        a1, a2 = w1 - k1 * s1, w2 - k2 * s2
        low = max(k1, k2)
        done.add((j, k1))
        done.add((j, k2))
        for n, label in zip(ns, labels, strict=True):
            d = offs[label] - n  # type: ignore[operator]
            if d < low:  # backward for one or both: the two's complement in the field
                code[n + k1] = a1 + (d + m1 + 1 if d < k1 else d) * s1
                code[n + k2] = a2 + (d + m2 + 1 if d < k2 else d) * s2
                continue
            code[n + k1] = a1 + d * s1
            code[n + k2] = a2 + d * s2

    def _undo_records(self, which: set[tuple[int, int]]) -> None:
        """Clear the fields of the recorded references ``which`` (zero when recorded)."""
        code = self.asm._code
        for j, (recs, refs) in enumerate(self._records):
            for k, fld, _, _ in refs:
                if (j, k) in which:
                    clear = ~_field_mask(fld)
                    for n in recs[0::2]:
                        code[n + k] &= clear

    def _move_records(self, pick: Callable[[int, int], bool]) -> None:
        """The recorded references ``pick`` selects into the checked lists (merged in
        word order: the first error is the first in the code)."""
        moved: dict[PcRelField, list[tuple[int, int, Any]]] = {}
        for j, (recs, refs) in enumerate(self._records):
            ns, labels = recs[0::2], recs[1::2]
            for k, fld, ref, _ in refs:
                if recs and pick(j, k):
                    moved.setdefault(fld, []).extend(
                        (n + k, ref, label) for n, label in zip(ns, labels, strict=True))
        for fld, triples in moved.items():
            flat = self._refs.setdefault(fld, [])
            it = iter(flat)
            triples += zip(it, it, it, strict=True)
            flat[:] = [x for triple in sorted(triples) for x in triple]

    def _check(self, label: Any, who: str) -> int:
        if type(label) is not int or not 0 <= label < len(self._offsets):
            if type(label) is bool:
                raise OperandError(f"{who}: label {label!r} is a bool, not a label number; "
                                   f"allowed: an int 0..{len(self._offsets) - 1}")
            raise OperandError(f"{who}: label {label!r} is not a label number; allowed: an "
                               f"int 0..{len(self._offsets) - 1} (Stamper.labels makes more)")
        return label

    def _check_unbound(self, label: Any, who: str) -> None:
        if self._offsets[self._check(label, who)] is not None:
            raise LabelError(f"{who}: label {label} is already bound")

    def _checked(self, frag: Fragment, *values: Any) -> None:
        """An instance with every value checked (the emitters' fallback)."""
        try:
            self._stamp_checked(frag, values)
        except A64Error as exc:
            exc.__suppress_context__ = True  # the stamp's KeyError is no part of it
            raise

    def _stamp_checked(self, frag: Fragment, values: tuple[Any, ...]) -> None:
        if len(values) != frag._count:
            raise OperandError(f"Fragment {frag.name}: expected {frag._count} hole values "
                               f"({', '.join(frag._order)}), got {len(values)}")
        acc = frag._fill(values)
        bound: list[int] = []
        for _, position in frag._binds:
            who = f"Fragment {frag.name}: hole {frag._order[position]}"
            self._check_unbound(values[position], who)
            if values[position] in bound:
                raise LabelError(f"{who}: label {values[position]} is already bound")
            bound.append(values[position])
        for _, position, _, _ in frag._labels:
            label = values[position]
            if type(label) is not Label:  # a bound Label is checked when resolving
                self._check(label, f"Fragment {frag.name}: hole {frag._order[position]}")
        asm = self.asm
        if asm._tail:
            raise EncodingError(f"Fragment {frag.name}: offset {asm.offset} is not 4-byte "
                                "aligned; use align(4)")
        code = asm._code
        words = _words(acc, frag.size // 4)
        split = frag._split
        if split is not None:  # the out-of-line part waits for out_of_line
            words, cold = words[:split], words[split:]
        if type(asm._put) is _BUILTIN:
            start = len(code)
            code.extend(words)
        else:  # a MacroAssembler (no pool inside an instance) or recorded call sites
            no_pools = getattr(asm, "no_pools", None)
            with no_pools(4 * len(words)) if no_pools is not None else contextlib.nullcontext():
                start = len(code)
                for word in words:
                    asm._put(word)
        for index, position in frag._binds:
            self._offsets[values[position]] = start + index
        for (index, position, fld, _), ref in zip(frag._labels, frag._ref_ids, strict=True):
            if split is None or index < split:
                self._refs.setdefault(fld, []).extend((start + index, ref, values[position]))
        if split is not None:
            targets = [values[p] for p, _ in _targets(frag, 1)]
            if any(type(t) is not int for t in targets):
                self._cold_labels = True
            self._colds[frag][0].extend((start, len(self._cold), *targets))
            self._cold.extend(cold)

    def _apply(self, fld: PcRelField, refs: list[Any]) -> None:
        """OR the targets of ``refs`` (one field kind) into their words."""
        code = self.asm._code
        offsets = self._offsets
        half, mask, lsb = _pcrel_params(fld)
        try:
            short = len(code) < half and min(refs[2::3]) >= 0
        except TypeError:  # a Label among the numbers
            short = False
        if short:
            # No delta can be out of reach: the short loop. A number never bound (None),
            # too large, or not an int raises and takes the long one.
            index = -1
            try:
                for index, label in zip(refs[0::3], refs[2::3], strict=True):
                    code[index] |= ((offsets[label] - index) & mask) << lsb
                return
            except (TypeError, IndexError):
                self._undo(fld, refs, index)
        it = iter(refs)
        index = -1
        try:
            for index, ref, label in zip(it, it, it, strict=True):
                target = self._target(label, ref, index)
                delta = target - index
                if not -half <= delta < half:
                    name, hole_name, insn, _ = _REFS[ref]
                    raise EncodingError(
                        f"Fragment {name}: hole {hole_name}: the {insn} at offset "
                        f"{4 * index:#x} to label {label} at {4 * target:#x}: target offset "
                        f"{4 * delta} cannot be encoded; allowed: {-4 * half}..{4 * half - 4}")
                code[index] |= (delta & mask) << lsb
        except BaseException:
            self._undo(fld, refs, index)
            raise

    def _target(self, label: Any, ref: int, index: int) -> int:
        """The word index label ``label`` is bound at (checked)."""
        asm = self.asm
        if type(label) is Label:
            if label._home is asm._home and label.offset is not None:
                return label.offset // 4
        elif type(label) is int and 0 <= label < len(self._offsets):
            target = self._offsets[label]
            if target is not None:
                return target
        name, hole_name, insn, _ = _REFS[ref]  # an error: say where
        where = f"Fragment {name}: hole {hole_name}: the {insn} at offset {4 * index:#x}"
        if type(label) is Label:
            if label._home is not asm._home:
                raise LabelError(f"{where}: label {label.name or label!r} belongs to another "
                                 "assembler")
            raise LabelError(f"{where}: Label {label.name or label!r} is not bound")
        self._check(label, where)
        raise LabelError(f"{where}: label {label} is never bound")

    def _undo(self, fld: PcRelField, refs: list[Any], stop: int | None) -> None:
        """Clear the fields filled in before word ``stop`` (None: all of them)."""
        code = self.asm._code
        clear = ~_field_mask(fld)
        for index in refs[::3]:
            if index == stop:
                return
            code[index] &= clear


def _place_source(frag: Fragment) -> str:
    """Python source of ``frag``'s placer: for each record of an instance (its first
    word, the out-of-line bytes' offset, the label numbers its out-of-line part
    branches to), the distance ``d`` its out-of-line part lands further than right
    after the instance, each branch between the two parts moved by ``d`` steps (a word
    no value hole touches stored whole, without reading it), and the out-of-line
    part's references to label holes. Two loops: the checked one compares ``d`` with
    the reach of those branches and records the references for resolve (as if the
    instance had started ``split`` words before its out-of-line part), returning the
    first record out of reach, if any; the fast one (``_fast``: no ``d`` can be out of
    reach, the code is too short for any reference to be, every target is a label
    number) fills in the references to labels bound already at once."""
    split = frag._split
    assert split is not None
    colds = _targets(frag, 1)
    labels = [f"_t{j}" for j in range(len(colds))]
    head = (f"for _n, _mb{''.join(', ' + t for t in labels)} in "
            f"zip({', '.join(['_it'] * (2 + len(labels)))}):")
    lines = ["def place(_code, _start, _recs, _lists, _offs, _fast, _same=None):",
             "    _it = iter(_recs)"]
    for j, _ in enumerate(labels):
        lines.append(f"    _l{j} = _lists[{j}]")
    lines.append(f"    _start -= {split}")
    # d steps of each size once (d << lsb), then per word the word as stamped (d = 0)
    # plus or minus those (a word no value hole touches stored whole)
    steps = sorted({abs(step) for _, step in frag._cross})
    moves = [f"_u{step} = _d * {step}" if step > 1 else "_u1 = _d" for step in steps]
    # the fast loop needs no _d of its own where one size of step does
    first = [moves[0].replace("_d", "(_m - _n)")] if len(steps) == 1 else ["_d = _m - _n",
                                                                            *moves]
    stores: list[str] = []
    for k, step in frag._cross:
        at = f"_n + {k}" if k < split else f"_m + {k}"
        word = frag._fixed_word(k)
        sign = "+" if step > 0 else "-"
        if word >= 0:
            stores.append(f"_code[{at}] = {word:#x} {sign} _u{abs(step)}")
        else:
            stores.append(f"_code[{at}] {sign}= _u{abs(step)}")
    lines.append("    if not _fast:")
    lines.append(f"        {head}")
    lines.append("            _m = _start + _mb")
    lines.append("            _d = _m - _n")
    lines.append(f"            if _d > {frag._cross_limit}:")
    lines.append("                return _n")
    lines += ["            " + m for m in (*moves, *stores)]
    for j, t in enumerate(labels):
        lines.append(f"            _l{j}.append(_m)")
        lines.append(f"            _l{j}.append({t})")
    lines.append("        return None")
    if colds and all(frag._fixed_word(k) >= 0 for _, refs in colds for k, _ in refs):
        # _same (see Stamper._same_targets): every record's targets are the same labels,
        # bound before the out-of-line parts or right after them; per target its word
        # index and 1 if backward. A reference's word is then a constant less _m's
        # multiple (its field's two's complement for a backward one): no read, no mask.
        lines.append("    if _same is not None:")
        for j, (_, refs) in enumerate(colds):
            lines.append(f"        _T{j}, _w{j} = _same[{j}]")
            for k, fld in refs:
                _, mask, lsb = _pcrel_params(fld)
                lines.append(f"        _e{j}_{k} = {frag._fixed_word(k):#x} + (_T{j} - {k} + "
                             f"_w{j} * {mask + 1:#x}) * {1 << lsb}")
        lines.append(f"        {head}")
        lines.append("            _m = _start + _mb")
        lines += ["            " + m for m in (*first, *stores)]
        for j, (_, refs) in enumerate(colds):
            for k, fld in refs:
                lsb = _pcrel_params(fld)[2]
                times = f" * {1 << lsb}" if lsb else ""
                lines.append(f"            _code[_m + {k}] = _e{j}_{k} - _m{times}")
        lines.append("        return None")
    lines.append(f"    {head}")
    lines.append("        _m = _start + _mb")
    lines += ["        " + m for m in (*first, *stores)]
    for j, (t, (_, refs)) in enumerate(zip(labels, colds, strict=True)):
        one = refs[0][0] if len(refs) == 1 else 0  # folded into _o
        if one:  # its word's index, once: the delta and the store share it
            lines.append(f"        _i = _m + {one}")
        lines.append("        try:")  # None (not bound yet) - int raises
        lines.append(f"            _o = _offs[{t}] - " + ("_i" if one else "_m"))
        lines.append("        except TypeError:")
        lines.append(f"            _l{j}.append(_m)")
        lines.append(f"            _l{j}.append({t})")
        lines.append("        else:")
        for k, fld in refs:
            _, mask, lsb = _pcrel_params(fld)
            word = frag._fixed_word(k)
            delta = "_o" if k == one else f"(_o - {k})"
            field = f"(({delta} & {mask:#x}){f' << {lsb}' if lsb else ''})"
            at = "_i" if one else f"_m + {k}"
            if word >= 0:
                lines.append(f"            _code[{at}] = {word:#x} + {field}")
            else:
                lines.append(f"            _code[{at}] |= {field}")
    lines.append("    return None")
    return "\n".join(lines) + "\n"


def _unplace(code: Any, start: int, recs: list[Any], frag: Fragment) -> None:
    """Undo what ``frag``'s placer did to the words of ``recs`` (placed from word
    ``start``)."""
    split = frag._split
    assert split is not None
    for i in range(0, len(recs), frag._cold_width):
        n = recs[i]
        m = start + recs[i + 1] - split
        d = m - n
        for k, step in frag._cross:
            code[(n if k < split else m) + k] -= d * step


class _OutOfReach(Exception):
    """A recorded reference's target is out of its field's reach (Stamper._short_loop)."""


def _field_mask(fld: PcRelField) -> int:
    """The bits of a word that ``fld`` holds."""
    if isinstance(fld, AdrField):
        return 0x60FFFFE0  # immlo [30:29], immhi [23:5]
    return ~fld.clear & 0xFFFFFFFF


def _pcrel_params(fld: PcRelField) -> tuple[int, int, int]:
    """A field as (half range, mask, lsb) of a word delta: the Assembler's reach."""
    if isinstance(fld, AdrField):  # imm21 in bytes; immlo (bits 29-30) stays 0 for words
        return 1 << 18, 0x7FFFF, 5
    assert fld.scale == 4, fld
    return 1 << (fld.bits - 1), (1 << fld.bits) - 1, fld.lsb


#: Every label reference of every fragment: (fragment name, hole, instruction, word
#: index in the fragment), named in the errors a stamper finds when resolving.
_REFS: Final[list[tuple[str, str, str, int]]] = []
_REFS_LOCK: Final = _thread.allocate_lock()


def _stamp_source(frag: Fragment) -> str:
    """Python source of a function making ``frag``'s stamp function for one stream:
    straight-line code with the hole values' type tests, the instance's words (the
    constant runs and one table lookup per run of a hole's words, or a word computed
    for an immediate hole of many values (see _computed); where two value holes share
    a word, an OR of integers, the immediates computed), the binds (each label
    checked unbound) and the references: to a label bound already, ORed into the words
    at once (while the code is short enough for every backward delta to be in reach);
    else the word index and the label number appended to the hole's record for
    ``resolve``. Anything unusual goes to the checked stamp.

    The parameters are the hole names (so a wrong call names the missing one); every
    other name starts with an underscore, so no hole name shadows it."""
    v = [k if k.isidentifier() and not keyword.iskeyword(k) and not k.startswith("_")
         else f"_v{p}" for p, k in enumerate(frag._order)]
    params = ", ".join(v)
    values = [p for p, (kind, _, _) in enumerate(frag._plans) if kind != _LABEL]
    binds = [v[p] for _, p in frag._binds]
    # label holes with references: [(position, [(index, field)])]
    targets = _targets(frag, 0)
    colds = [p for p, _ in _targets(frag, 1)]  # recorded for out_of_line
    split = frag._split
    # Inline while _n < limit: then a backward delta (to a label bound at or before
    # _n) of any reference is within its field's reach.
    limit = min((_pcrel_params(f)[0] - index for _, refs in targets for index, f in refs),
                default=0)
    tests = ["_end is None", "_asm._put is _put0"]
    # Register tables hold Register objects, which compare by identity: only an
    # immediate needs its type tested (8.0 and False would find 8 and 0).
    imms = [p for p in values if frag._plans[p][0] == _IMM]
    if frag._runs is None:  # computed, their range checked here (else: the run tables)
        checks = {p: _imm_check(frag._plans[p][2], frag._plans[p][1], v[p]) for p in imms}
        tests += [f"_type({v[p]}) is _int and not ({checks[p][0]})" for p in imms]
    else:
        # a computed hole's range too (see _computed); the others' tables hold only
        # valid values
        tests += [f"_type({v[p]}) is _int and not ({_imm_check(frag._plans[p][2], 1, v[p])[0]})"
                  if _computed(frag, p) else f"_type({v[p]}) is _int" for p in imms]
        imms = [p for p in imms if not _computed(frag, p)]  # those with tables (_learn)
    tests += [f"{v[i]} is not {v[j]}" for i, j in frag._distinct]
    # A label number's exact type: True would index the list as 1 (the checked stamp
    # says what is wrong); a bound Label fails here too and takes the checked path.
    tests += [f"_type({v[p]}) is _int"
              for p in sorted({p for p, _ in targets} | set(colds) | {p for _, p in frag._binds})]
    tests += [f"{k1} != {k2}" for i, k1 in enumerate(binds) for k2 in binds[i + 1:]]
    # The fragment's own tables are globals of the generated module (made once per
    # fragment); a stream's are the factory's (made per emitter: kept few).
    lines = ["_type = type", "_len = len", "_int = int"]
    for p in values:
        if frag._runs is None:
            if frag._plans[p][0] == _IMM:
                continue  # computed (see _data_parts)
            lines.append(f"_t{p} = _tables[{p}]")
        elif not _computed(frag, p):
            for j in range(len(frag._pieces[p])):
                lines.append(f"_q{p}_{j} = _pieces[{p}][{j}]")
    for start in frag._const_runs:
        lines.append(f"_c{start} = _consts[{start}]")
    for _, expr in (*_data_parts(frag, v, 0), *(_data_parts(frag, v, 1) if frag._split
                                                is not None else [])):
        if expr.startswith("_k"):  # constant words beside a computed one
            first, count = map(int, expr[2:].split("_"))
            lines.append(f"{expr} = _array('I', {_words(frag._base >> 32 * first, count)!r})")
    # the module's names a stamp may read (passed in as its defaults, see below)
    hot = [line.split(" = ")[0] for line in lines] + (["_base", "_size"] if frag._runs
                                                       is None else [])
    lines.append("_learn = _frag_learn")
    lines += ["def factory(_asm, _code, _offs, _checked, _records, _cb, _rc):",
              "    _frombytes = _code.frombytes",
              "    _append = _code.append",
              "    _put0 = _asm._put if _type(_asm._put) is _BUILTIN else None"]
    for j, (p, _) in enumerate(targets):  # _r.append(x) is specialized, a bound append not
        lines.append(f"    _r{p} = _records[{j}]")
    lines.append(f"    def stamp({params}):")
    lines.append("        nonlocal _put0, _code" + (", _cb" if split is not None else ""))
    lines.append(f"        if {' and '.join(tests)}:")
    body = []
    data = _data_parts(frag, v, 0)
    cold = _data_parts(frag, v, 1) if split is not None else []
    # the lookups, done (and checked) before anything is appended: _p<i>
    names: dict[str, str] = {}
    for how, expr in (*data, *cold):
        if how != "word" and not expr.startswith(("_c", "_k")):
            names[expr] = f"_p{len(names)}"
    if names or binds or targets or colds:
        tried: list[str] = []
        for expr, name in names.items():
            tried.append(f"{name} = {expr}")
        for p, _ in targets:  # None while unbound; a Label or a bad number raises
            tried.append(f"_o{p} = _offs[{v[p]}]")
        for p in colds:
            if p not in (q for q, _ in targets):
                tried.append(f"_offs[{v[p]}]")
        # A negative number would count from the end of the list.
        taken = [f"{v[p]} < 0" for p, _ in targets]
        taken += [f"{v[p]} < 0" for p in colds if p not in (q for q, _ in targets)]
        taken += [f"{k} < 0 or _offs[{k}] is not None" for k in binds]
        if taken:
            tried.append(f"if {' or '.join(taken)}:")
            tried.append("    raise KeyError")
        body.append("try:")
        body += ["    " + t for t in tried]
        body.append("except (KeyError, TypeError, IndexError):")
        if imms and frag._runs is not None:
            # an immediate not in its run tables yet: entered (checked), the lookups
            # again (inline: the stamp calling itself would be a reference cycle)
            body.append(f"    if not _learn(({params},)):")
            body.append(f"        return _checked(_frag, {params})")
            body.append("    try:")
            body += ["        " + t for t in tried]
            body.append("    except (KeyError, TypeError, IndexError):")
            body.append(f"        return _checked(_frag, {params})")
        else:
            body.append(f"    return _checked(_frag, {params})")
    body.append("_n = _len(_code)")
    for how, expr in data:
        name = names.get(expr, expr)
        body.append(f"_frombytes({name})" if how == "bytes" else f"_append({name})"
                    if how == "word" else f"_code += {name}")
    for p, refs in targets:
        body.append(f"if _o{p} is not None and _n < {limit}:")
        body.append(f"    _d = _o{p} - _n")  # <= 0: the label is bound at or before _n
        for index, f in refs:
            _, mask, lsb = _pcrel_params(f)
            at = f"_n + {index}" if index else "_n"
            word = frag._fixed_word(index)
            if word >= 0 and index:
                # delta = _d - index < 0: its field is (delta + mask + 1) << lsb, stored
                # with the word in one go (integer + and *, which CPython specializes)
                base = word + ((mask + 1 - index) << lsb)
                times = f" * {1 << lsb}" if lsb else ""
                body.append(f"    _code[{at}] = {base:#x} + _d{times}")
                continue
            delta = f"_d - {index}" if index else "_d"
            shift = f" << {lsb}" if lsb else ""
            body.append(f"    _code[{at}] |= (({delta}) & {mask:#x}){shift}")
        body.append("else:")
        body.append(f"    _r{p}.append(_n)")
        body.append(f"    _r{p}.append({v[p]})")
    for index, p in frag._binds:
        body.append(f"_offs[{v[p]}] = _n + {index}" if index else f"_offs[{v[p]}] = _n")
    if split is not None:  # the out-of-line part: its bytes and one record
        body.append("_rc.append(_n)")  # flat: cheaper than a tuple
        body.append("_rc.append(_len(_cb))")
        body += [f"_rc.append({v[p]})" for p in colds]
        for how, expr in cold:
            name = names.get(expr, expr)
            body.append(f"_cb.frombytes({name})" if how == "bytes" else f"_cb.append({name})"
                        if how == "word" else f"_cb += {name}")
    body.append("return None")
    lines += ["            " + b for b in body]
    lines.append("        if _end is not None:")  # a value more than the holes
    lines.append(f"            raise TypeError('Fragment({frag.name}).stamp() takes "
                 f"{frag._count} hole values ({', '.join(frag._order)}), got more')")
    # Words go straight in while _put is the array's append: refreshed here (an
    # alignment or a MacroAssembler's check may have replaced it for a while).
    lines.append("        if _type(_asm._put) is _BUILTIN:")
    lines.append("            _put0 = _asm._put")
    lines.append(f"        return _checked(_frag, {params})")
    lines.append("    return stamp")
    # What the stamp reads is passed in as defaults after the hole values: a local
    # (LOAD_FAST, 2 bytes of bytecode) where a closure's cell is one more object per
    # name and stamp and a global's LOAD_GLOBAL 12 bytes, each read at every instance
    # (the stamps take turns in the data cache: the fewer lines an instance touches,
    # the fewer misses; cachegrind, bench_jit's workload: D1 read misses -9%). _put0
    # alone is rebound: a cell. A value more than the holes lands in _end (None by
    # default): the fast path's first test, and the fallback raises.
    sig = lines.index(f"    def stamp({params}):")
    text = "\n".join(lines[sig:])
    passed = [name for name in ("_asm", "_code", "_offs", "_checked", "_append", "_frombytes",
                                "_cb", "_rc", *(f"_r{p}" for p, _ in targets), *hot,
                                "_BUILTIN")
              if re.search(rf"\b{name}\b", text)]
    lines[sig] = (f"    def stamp({params}, _end=None"
                  f"{''.join(f', {n}={n}' for n in passed)}):")
    lines[sig + 1] = "        nonlocal _put0"
    return "\n".join(lines) + "\n"


def _rename_inner(fn: Callable[..., Any], inner: str, qualname: str) -> None:
    """Give the functions ``fn`` defines as ``inner`` the qualified name ``qualname``
    (its nested code object's on 3.11+, the name MAKE_FUNCTION takes on 3.10)."""
    code = fn.__code__
    default = f"{code.co_name}.<locals>.{inner}"
    consts: list[Any] = []
    for c in code.co_consts:
        if isinstance(c, types.CodeType) and c.co_name == inner and hasattr(c, "co_qualname"):
            replace: Any = c.replace
            c = replace(co_qualname=qualname)
        elif type(c) is str and c == default:
            c = qualname
        consts.append(c)
    fn.__code__ = code.replace(co_consts=tuple(consts))


def _data_parts(frag: Fragment, v: list[str], part: int = 0) -> list[tuple[str, str]]:
    """How a stamp appends an instance's words (label fields zero), of its inline part
    (``part`` 0) or of its out-of-line part (1), in order, as ``(how, expression)``:
    ``array``, an array of words appended (per run of a hole's words a lookup in the
    run's table, per constant run its array ``_c<start>`` or ``_k<start>_<count>``);
    ``word``, one word computed (see _computed); or, where two value holes share a
    word, ``bytes``: one expression of the bytes (integers ORed, immediates
    computed)."""
    values = [p for p, (kind, _, _) in enumerate(frag._plans) if kind != _LABEL]
    split = frag._split
    if frag._runs is None:  # value holes share words: OR the integers
        acc = "_base" + "".join(
            f" | {_imm_check(frag._plans[p][2], frag._plans[p][1], v[p])[1]}"
            if frag._plans[p][0] == _IMM else f" | _t{p}[{v[p]}]" for p in values)
        whole = f"({acc}).to_bytes(_size, 'little')"
        if split is None:
            return [("bytes", whole)]
        return [("bytes", f"{whole}[:{4 * split}]" if part == 0 else f"{whole}[{4 * split}:]")]
    parts: list[tuple[str, str]] = []
    seen = [0] * frag._count
    for start, count, p in frag._runs:
        if split is not None and (start >= split) != part:
            if p >= 0:
                seen[p] += 1
            continue
        if p < 0:
            parts.append(("array", f"_c{start}"))
        elif _computed(frag, p):
            parts += _computed_words(frag, p, v[p], start, count)
            seen[p] += 1
        else:
            parts.append(("array", f"_q{p}_{seen[p]}[{v[p]}]"))
            seen[p] += 1
    return parts


def _computed(frag: Fragment, p: int) -> bool:
    """Whether a stamp computes immediate hole ``p``'s words rather than looking its
    value up in the hole's run tables: where a hole has many values (each instance a
    new one, as a constant's halves, an index or a pc), a table lookup reads a cold
    dict entry, key and array per instance (cache misses that cost more CPU time than
    the arithmetic), a new value goes through ``_learn`` and the tables grow with
    every value."""
    kind, _, h = frag._plans[p]
    return kind == _IMM and h.top > _TABLE_TOP


def _computed_words(frag: Fragment, p: int, name: str, start: int, count: int
                    ) -> list[tuple[str, str]]:
    """The parts of a run of computed immediate hole ``p`` (value ``name``, checked by
    the stamp's tests) from word ``start``: each word its field touches as ``word``,
    an expression (the word as built, its field clear, plus the field), and the
    constant words between as arrays ``_k<first>_<count>``."""
    _, mult, h = frag._plans[p]
    parts: list[tuple[str, str]] = []
    first = -1
    for i in range(start, start + count):
        m = mult >> 32 * i & 0xFFFFFFFF
        if not m:
            if first < 0:
                first = i
            continue
        if first >= 0:
            parts.append(("array", f"_k{first}_{i - first}"))
            first = -1
        word = frag._base >> 32 * i & 0xFFFFFFFF
        # (the field is clear in the word as built: + is |, and CPython specializes +)
        parts.append(("word", f"{word:#x} + {_imm_check(h, m, name)[1]}"))
    if first >= 0:
        parts.append(("array", f"_k{first}_{start + count - first}"))
    return parts


def _targets(frag: Fragment, part: int | None = None
             ) -> list[tuple[int, list[tuple[int, PcRelField]]]]:
    """The label holes ``frag`` branches to: (position, [(word index, field)]), in the
    order of their first reference; ``part`` 0: from the inline part only, 1: from the
    out-of-line part only, None: all."""
    split = frag._split
    out: dict[int, list[tuple[int, PcRelField]]] = {}
    for index, p, fld, _ in frag._labels:
        cold = split is not None and index >= split
        if part is None or cold == part:
            out.setdefault(p, []).append((index, fld))
    return list(out.items())
