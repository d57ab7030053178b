"""Instruction memo: the assembler's fast path.

A JIT emits the same instructions over and over (the same registers, the same frame
offsets, the same constants), and an instruction's word depends on its operands
only, never on where it lands, unless an operand is a :class:`Label`. So each
instruction method remembers the word it built for each operand tuple, and a
repeated call is one dictionary lookup and one append instead of the operand checks
and the encoder.

What makes a hit exact:

* Registers, vector lanes, conditions and labels compare by identity; :class:`Mem`,
  :class:`Shift` and :class:`Extend` are interned (equal means identical, see
  operands.py). A tuple of those can only equal a tuple of the same objects.
* An int or a str can equal a value of another type (``1 == 1.0 == True``). For those
  positions the entry records the exact type, and a hit must match it, so
  ``add(x0, x1, True)`` still raises after ``add(x0, x1, 1)`` was remembered. (An
  operand annotated as an int, or a union with int such as ``Operand2``, has its type
  in the key instead: see the typed templates.)
* The memo is per class: the key starts with ``type(self)``. The full path may call
  methods a subclass overrides (``mov`` calls ``orr``; a subclass may replace an
  encoder helper), so an entry made for one class is never replayed for another.
* Only calls that emitted exactly one whole word, left no fixup for
  ``finalize(address)`` (``:lo12:``) and raised nothing are remembered,
  and only if every operand is one of the above: not with a Label (the word depends
  on where the label is) and not with a float (``-0.0 == 0.0``). Errors are raised
  by the full path every time.

Where a method is registered (:func:`memoized`), the rule "the word depends only on
the operands" is checked against its signature: only plain positional-or-keyword
parameters, and a parameter annotated as nothing but a branch ``Target`` (or a
``Label``) makes the method position-dependent: it must be declared with
:func:`position_dependent`, and is never memoized, unless it is :func:`pc_relative`
(a branch whose last operand is its target): such a method is memoized on its other
operands, and a hit resolves the target inline (forward labels are recorded for
``bind``, backward ones in reach encoded at once, anything else goes through
``_emit_pcrel``, the full path's own resolution, which raises what it raises).

Wrappers are built on first use (:class:`Memoized`, :class:`LazyMethod`): ``import
a64jit`` builds none of the hundreds it declares. The signature check runs at once.

No code is generated: the wrapper is one hand-written template per parameter count
(and kind: plain, typed, fast, PC-relative; below), whose parameter names are renamed to the
method's (``CodeType.replace``) so that keyword calls, defaults and
``inspect.signature`` behave as the method's own. Forwarding ``*args`` instead would
cost more in CPython than the whole memo hit.
"""

from __future__ import annotations

import itertools
import sys
import types
from collections.abc import Callable, Mapping
from typing import Any, Concatenate, Final, ParamSpec, TypeVar, cast

from ..encoding.pcrel import PcRelField
from ..errors import OperandError
from ..operands import Cond, Extend, FPRegister, GPRegister, Mem, Shift, VElement
from .core import AssemblerCore, Target

P = ParamSpec("P")
A = TypeVar("A", bound="AssemblerCore")

#: Operand types whose equality already implies the exact same type (``type``: the
#: class of ``self`` that starts every key compares by identity).
_EXACT: Final = frozenset(
    {GPRegister, FPRegister, VElement, Cond, Mem, Shift, Extend, type(None), type})
#: Entries per instruction method before its memo starts over (bounds memory).
MEMO_LIMIT: Final = 65536

# An entry is ``word | code << 32``; ``code`` says which operands' exact types a hit must
# check: 0 none; 1..63 a mask of positions that must be exactly ``int`` (checked inline by
# the templates); _GENERAL + i the positions and types listed in ``_CHECKS[i]``. A failed
# lookup reads as ``_NOT_FOUND`` (code _MISS). Plain ints keep the memo out of the GC's way.
_Entry = int
_Checks = tuple[tuple[int, type], ...]
_CHECKS: Final[list[_Checks]] = [()]
_MISS: Final = 64
_GENERAL: Final = 128
_NOT_FOUND: Final = _MISS << 32

_Memo = dict[tuple[object, ...], _Entry]


class _Missing:
    """The default of a wrapper's required operands: a call that leaves one out reaches
    :func:`_miss` (a key holding it is never remembered), which says so in the
    instruction's own terms rather than Python's ("Mixin.add() missing 1 required ...")."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<missing>"


_MISSING: Final = _Missing()


def _arity_error(method: Callable[..., None], key: tuple[object, ...]) -> OperandError:
    code = method.__code__
    total = code.co_argcount - 1
    required = total - len(method.__defaults__ or ())
    given = next(i for i, k in enumerate(key) if k is _MISSING)  # positional calls
    want = f"{required}" if required == total else f"{required} to {total}"
    if total - required == 1:
        want = f"{required} or {total}"
    name = method.__name__.rstrip("_")
    return OperandError(f"{name}: expected {want} operands, got {given}")


def _miss(self: AssemblerCore, method: Callable[..., None], memo: _Memo,
          key: tuple[object, ...], typed: int = -1) -> None:
    """Run the full path with the key's operands; remember a one-word result (``typed``:
    the position whose type the key holds, see _TYPED)."""
    for operand in key:
        if operand is _MISSING:
            raise _arity_error(method, key)
    code = self._code
    before = len(code)
    late = len(self._late)
    method(self, *key)
    # One word, not waiting for finalize(address) (:lo12:), no pool after it.
    if len(code) == before + 1 and len(self._late) == late:
        _remember(memo, type(self), key, code[-1], typed)


def _checked(code: int, key: tuple[object, ...]) -> bool:
    """Whether ``key`` passes the exact-type checks of an entry's ``code`` (not _MISS)."""
    if code < _MISS:
        return all(type(key[i]) is int for i in range(len(key)) if code >> i & 1)
    if code == _MISS:
        return False
    return all(type(key[position]) is exact for position, exact in _CHECKS[code - _GENERAL])


# The templates. The key starts with the class of ``self``: an entry is only ever
# replayed for the class that made it (a subclass, or a MacroAssembler calling
# Assembler's method, has entries of its own). The hit path is inline: a plain entry (no
# exact-type checks) is a word below 2**32, appended at once; an entry whose one int
# operand must be exact checks it inline (the usual positions first), the rare others
# through _checked. A miss (or an unhashable operand) goes to _miss, outside the
# ``except`` (an error it raises must not chain the KeyError). Local names start with
# "_m" so that no instruction parameter can collide with them. (Written out once per
# parameter count: a loop or ``*args`` costs more than the whole hit.)

def _t0(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore) -> None:
        try:
            _m_entry = _m_memo[type(self),]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        _miss(self, _m_method, _m_memo, ())
    return instruction


def _t1(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        _m_c = _m_entry >> 32
        if _m_c == 1:
            if type(_p0) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c != _MISS and _checked(_m_c, (_p0,)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0,))
    return instruction


def _t2(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        _m_c = _m_entry >> 32
        if _m_c == 2:
            if type(_p1) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c == 1:
            if type(_p0) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c != _MISS and _checked(_m_c, (_p0, _p1)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1))
    return instruction


def _t3(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        _m_c = _m_entry >> 32
        if _m_c == 2:
            if type(_p1) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c == 4:
            if type(_p2) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c == 1:
            if type(_p0) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c != _MISS and _checked(_m_c, (_p0, _p1, _p2)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2))
    return instruction


def _t4(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, _p3]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        _m_c = _m_entry >> 32
        if _m_c == 2:
            if type(_p1) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c == 4:
            if type(_p2) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c == 1:
            if type(_p0) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c != _MISS and _checked(_m_c, (_p0, _p1, _p2, _p3)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2, _p3))
    return instruction


def _t5(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object, _p4: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, _p3, _p4]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        _m_c = _m_entry >> 32
        if _m_c == 2:
            if type(_p1) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c == 4:
            if type(_p2) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c == 1:
            if type(_p0) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c != _MISS and _checked(_m_c, (_p0, _p1, _p2, _p3, _p4)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2, _p3, _p4))
    return instruction


def _t6(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object, _p4: object, _p5: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, _p3, _p4, _p5]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        _m_c = _m_entry >> 32
        if _m_c == 2:
            if type(_p1) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c == 4:
            if type(_p2) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c == 1:
            if type(_p0) is int:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        elif _m_c != _MISS and _checked(_m_c, (_p0, _p1, _p2, _p3, _p4, _p5)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2, _p3, _p4, _p5))
    return instruction


_TEMPLATES: Final = (_t0, _t1, _t2, _t3, _t4, _t5, _t6)


# The typed templates: for a method with an operand annotated as (or with) int (an
# immediate), the key also holds that operand's type, so an entry needs no check for it
# (True and 1.0 make keys of their own, whose first call raises as it should).

def _u10(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, type(_p0)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0,)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0,), 0)
    return instruction


def _u20(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, type(_p0)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1), 0)
    return instruction


def _u21(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, type(_p1)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1), 1)
    return instruction


def _u30(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, type(_p0)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1, _p2)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2), 0)
    return instruction


def _u31(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, type(_p1)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1, _p2)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2), 1)
    return instruction


def _u32(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, type(_p2)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1, _p2)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2), 2)
    return instruction


def _u40(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, _p3, type(_p0)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1, _p2, _p3)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2, _p3), 0)
    return instruction


def _u41(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, _p3, type(_p1)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1, _p2, _p3)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2, _p3), 1)
    return instruction


def _u42(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, _p3, type(_p2)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1, _p2, _p3)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2, _p3), 2)
    return instruction


def _u43(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, _p3, type(_p3)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1, _p2, _p3)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2, _p3), 3)
    return instruction


def _u50(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object, _p4: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, _p3, _p4, type(_p0)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1, _p2, _p3, _p4)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2, _p3, _p4), 0)
    return instruction


def _u51(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object, _p4: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, _p3, _p4, type(_p1)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1, _p2, _p3, _p4)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2, _p3, _p4), 1)
    return instruction


def _u52(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object, _p4: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, _p3, _p4, type(_p2)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1, _p2, _p3, _p4)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2, _p3, _p4), 2)
    return instruction


def _u53(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object, _p4: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, _p3, _p4, type(_p3)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1, _p2, _p3, _p4)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2, _p3, _p4), 3)
    return instruction


def _u54(_m_method: Callable[..., None]) -> Callable[..., None]:
    _m_memo: _Memo = {}

    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object, _p4: object) -> None:
        try:
            _m_entry = _m_memo[type(self), _p0, _p1, _p2, _p3, _p4, type(_p4)]
        except (KeyError, TypeError):
            _m_entry = _NOT_FOUND
        if _m_entry <= 0xFFFFFFFF:
            self._put(_m_entry)
            return
        if _m_entry != _NOT_FOUND and _checked(_m_entry >> 32, (_p0, _p1, _p2, _p3, _p4)):
            self._put(_m_entry & 0xFFFFFFFF)
            return
        _miss(self, _m_method, _m_memo, (_p0, _p1, _p2, _p3, _p4), 4)
    return instruction


#: The typed templates by operand count and the position of the int operand.
_TYPED: Final = ((), (_u10,),
                 (_u20, _u21),
                 (_u30, _u31, _u32),
                 (_u40, _u41, _u42, _u43),
                 (_u50, _u51, _u52, _u53, _u54))


# The fast templates: for a method none of whose operands (but the typed one, whose type
# is in the key) is declared as an int or a str, an entry never needs a check (unless a
# call passes an int against its annotation, or an int target: rare), so the hit is the
# lookup and the ``_put``, with no test of the entry. An entry that does need checks is
# at or above 2**32, which ``_put`` refuses (``array('I').append`` raises OverflowError,
# ``emit`` an EncodingError, before either stores anything); _slow sorts out why the hit
# path failed. Chosen by wrap_for (see _unchecked); the templates above stay for the
# rest, whose checks are inline (an exception costs several hits).

#: What the fast templates' hit path may raise: a lookup that fails (a key not
#: remembered, an unhashable operand, a table not made yet) or a word ``_put`` refuses.
_LOOKUP: Final = (KeyError, TypeError, IndexError)
_LOOKUP_OR_PUT: Final = (KeyError, TypeError, IndexError, OverflowError, ValueError)


def _slow(self: AssemblerCore, slot: int, key: tuple[object, ...], typed: int,
          error: Exception) -> None:
    """Why the fast hit path failed: ``key`` not remembered (or unhashable), its entry
    needs checks, or ``_put`` refused a plain word (data before it, a pool): re-raised."""
    # The template's frame holds ``error`` (its _m_e) and the error's traceback holds
    # that frame: a cycle that would keep the assembler until the cyclic collector
    # runs. Cut it here; the traceback goes back only where the error is re-raised.
    trace, error.__traceback__ = error.__traceback__, None
    method = _SLOT_METHODS[slot]
    entry = _nested_get(self._memos, slot, _path(key, typed))
    if entry <= 0xFFFFFFFF:
        if isinstance(error, _LOOKUP):
            # The lookup missed and another thread has remembered the word since:
            # nothing was emitted yet, so emit it now.
            self._put(entry)
            return
        raise error.with_traceback(trace)
    del trace
    if entry != _NOT_FOUND and _checked(entry >> 32, key):
        self._put(entry & 0xFFFFFFFF)
        return
    source: MissSource | None = getattr(self, "miss_source", None)  # (see MissSource)
    if source is not None and entry == _NOT_FOUND:
        # a word remembered beyond this process: remembered here, then as a hit; a
        # source that fails is a miss (the full path below says what is wrong)
        try:
            word = source(self, slot, key, typed)
        except Exception:
            word = None
        if word is not None:
            entry = _nested_put(self._memos, slot, key, word, typed)  # (what it stored)
            if entry <= 0xFFFFFFFF or (entry != _NOT_FOUND and _checked(entry >> 32, key)):
                self._put(entry & 0xFFFFFFFF)
                return
    code = self._code
    for operand in key:
        if operand is _MISSING:
            raise _arity_error(method, key)
    before = len(code)
    late = len(self._late)
    method(self, *key)
    # One word, not waiting for finalize(address) (:lo12:), no pool after it.
    if len(code) == before + 1 and len(self._late) == late:
        _nested_put(self._memos, slot, key, code[-1], typed)


#: Where a fast template's miss may find a word remembered beyond this process: the
#: assembler's ``miss_source`` attribute, of this type (of its class or of the instance;
#: none on a64jit's own classes): :class:`a64jit.MemoCache` (memo_cache.py) sets it on the
#: class it is attached to, so that only that class's assemblers consult its file.
#: ``source(asm, slot, key, typed)`` returns the word the method of ``slot`` emits for the
#: operands ``key`` (``typed``: see _path) or None; a word it returns is remembered as if
#: the full path had made it; one that raises is a miss. Read on a miss only: the hit
#: path does not look.
MissSource = Callable[[AssemblerCore, int, tuple[object, ...], int], "int | None"]


# The fast templates keep their entries in nested dictionaries, one level per operand
# (a typed operand's type first and its value last: see _path), in a list per class:
# ``self._memos`` (see AssemblerCore.__init__), at the wrapper's slot. A hit is then a
# list index and a dict lookup per operand, each by identity hash (no key tuple to
# build, hash and compare). A method without operands keeps its entry in the slot itself.

def _nested_get(table: list[Any], slot: int, path: tuple[object, ...]) -> int:
    """The entry at ``path`` under ``table[slot]``, _NOT_FOUND if none."""
    node: Any = table[slot] if slot < len(table) else None
    try:
        for k in path:
            if type(node) is not dict:
                return _NOT_FOUND
            node = node.get(k)
    except TypeError:  # an unhashable operand: the full path says what is wrong
        return _NOT_FOUND
    return node if type(node) is int else _NOT_FOUND


#: The count of entries under a slot's dictionary (a key no operand can equal).
_COUNT: Final = _Missing()


def _nested_put(table: list[Any], slot: int, key: tuple[object, ...], word: int,
                typed: int) -> int:
    """Remember ``word`` for ``key`` (see _remember) under ``table[slot]``; the entry
    stored (_NOT_FOUND: none, ``key`` holds an operand never remembered)."""
    plan = _code_for(key)
    if plan < 0:
        return _NOT_FOUND
    if typed >= 0:
        plan = _without(plan, typed)
    entry = word | plan << 32
    _nested_store(table, slot, _path(key, typed), entry)
    return entry


def _path(key: tuple[object, ...], typed: int) -> tuple[object, ...]:
    """Where the fast templates keep the entry of ``key`` under its slot: the operands
    in order; with a typed operand (an int, mostly), first its type, then the others,
    then it: the level of the immediate's many values is the last, so that its
    entries are the words themselves in one dictionary per other operands, not a
    dictionary (or two) of their own per value, cold in the cache on every hit."""
    if typed < 0:
        return key
    return (type(key[typed]), *key[:typed], *key[typed + 1:], key[typed])


def _nested_store(table: list[Any], slot: int, path: tuple[object, ...],
                  entry: object) -> None:
    """Store ``entry`` at ``path`` under ``table[slot]`` (the slot itself if ``path`` is
    empty); a slot holding MEMO_LIMIT entries starts over."""
    if len(table) <= slot:
        table.extend([None] * (slot + 1 - len(table)))
    if not path:
        table[slot] = entry
        return
    root = table[slot]
    if type(root) is not dict or root.get(_COUNT, 0) >= MEMO_LIMIT:
        root = table[slot] = {}
    root[_COUNT] = root.get(_COUNT, 0) + 1
    node = root
    for k in path[:-1]:
        below = node.get(k)
        if below is None:
            below = node[k] = {}
        node = below
    node[path[-1]] = entry


_SLOTS: Final = itertools.count()
#: The method of each slot (the slow paths run it: the templates have no closure).
_SLOT_METHODS: Final[dict[int, Callable[..., None]]] = {}
#: The number the templates below are written with where their slot goes: each
#: wrapper's code has its own slot in its place (a constant, see _with_slot), so a hit
#: reads no closure cell (a function with one pays for copying its cells on every call).
_SLOT_MARK: Final = 0x5107_5107


def _with_slot(code: types.CodeType, slot: int) -> types.CodeType:
    """``code`` (a template's, renamed) with its slot mark replaced by ``slot``."""
    consts = code.co_consts
    if consts.count(_SLOT_MARK) != 1:
        raise AssertionError(f"memo template {code.co_name}: no slot mark")
    return code.replace(co_consts=tuple(slot if c == _SLOT_MARK and type(c) is int else c
                                        for c in consts))


def _f0(self: AssemblerCore) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (), -1, _m_e)


def _f1(self: AssemblerCore, _p0: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][_p0])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0,), -1, _m_e)


def _f2(self: AssemblerCore, _p0: object, _p1: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][_p0][_p1])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1), -1, _m_e)


def _f3(self: AssemblerCore, _p0: object, _p1: object, _p2: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][_p0][_p1][_p2])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2), -1, _m_e)


def _f4(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][_p0][_p1][_p2][_p3])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3), -1, _m_e)


def _f5(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object,
        _p4: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][_p0][_p1][_p2][_p3][_p4])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), -1, _m_e)


def _f6(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object, _p4: object,
        _p5: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][_p0][_p1][_p2][_p3][_p4][_p5])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4, _p5), -1, _m_e)


def _g10(self: AssemblerCore, _p0: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p0)][_p0])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0,), 0, _m_e)


def _g20(self: AssemblerCore, _p0: object, _p1: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p0)][_p1][_p0])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1), 0, _m_e)


def _g21(self: AssemblerCore, _p0: object, _p1: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p1)][_p0][_p1])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1), 1, _m_e)


def _g30(self: AssemblerCore, _p0: object, _p1: object, _p2: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p0)][_p1][_p2][_p0])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2), 0, _m_e)


def _g31(self: AssemblerCore, _p0: object, _p1: object, _p2: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p1)][_p0][_p2][_p1])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2), 1, _m_e)


def _g32(self: AssemblerCore, _p0: object, _p1: object, _p2: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p2)][_p0][_p1][_p2])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2), 2, _m_e)


def _g40(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p0)][_p1][_p2][_p3][_p0])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3), 0, _m_e)


def _g41(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p1)][_p0][_p2][_p3][_p1])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3), 1, _m_e)


def _g42(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p2)][_p0][_p1][_p3][_p2])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3), 2, _m_e)


def _g43(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p3)][_p0][_p1][_p2][_p3])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3), 3, _m_e)


def _g50(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object,
         _p4: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p0)][_p1][_p2][_p3][_p4][_p0])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), 0, _m_e)


def _g51(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object,
         _p4: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p1)][_p0][_p2][_p3][_p4][_p1])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), 1, _m_e)


def _g52(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object,
         _p4: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p2)][_p0][_p1][_p3][_p4][_p2])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), 2, _m_e)


def _g53(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object,
         _p4: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p3)][_p0][_p1][_p2][_p4][_p3])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), 3, _m_e)


def _g54(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object,
         _p4: object) -> None:
    _m_p = self._put  # (a call of self._put would look it up in the class first)
    try:
        return _m_p(self._memos[0x5107_5107][type(_p4)][_p0][_p1][_p2][_p3][_p4])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), 4, _m_e)



#: The fast templates: untyped by operand count, typed by count and int position.
_FAST: Final = (_f0, _f1, _f2, _f3, _f4, _f5, _f6)
_FAST_TYPED: Final = ((),
                       (_g10,),
                       (_g20, _g21),
                       (_g30, _g31, _g32),
                       (_g40, _g41, _g42, _g43),
                       (_g50, _g51, _g52, _g53, _g54))


# The checked fast templates: the fast templates for a class that sets ``_checked_hits``
# (the MacroAssembler): a hit puts its word with ``self._hit_put`` (the buffer's own
# append, or ``emit`` while words cannot go straight in); then, only while
# ``self._mx_pending`` (a pool is pending), it compares the length with
# ``self._mx_limit`` (words; at it ``self._mx_due()`` runs: a pool may be due). That
# class's ``_put`` counts every word against the limit while a pool is pending (a
# Python call per word); a hit here pays one comparison instead (and a flag test when
# nothing is pending). A miss goes to _slow, whose full path puts through ``_put``.

def _c0(self: Any) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (), -1, _m_e)


def _c1(self: Any, _p0: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][_p0])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0,), -1, _m_e)


def _c2(self: Any, _p0: object, _p1: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][_p0][_p1])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1), -1, _m_e)


def _c3(self: Any, _p0: object, _p1: object, _p2: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][_p0][_p1][_p2])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2), -1, _m_e)


def _c4(self: Any, _p0: object, _p1: object, _p2: object, _p3: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][_p0][_p1][_p2][_p3])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3), -1, _m_e)


def _c5(self: Any, _p0: object, _p1: object, _p2: object, _p3: object,
        _p4: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][_p0][_p1][_p2][_p3][_p4])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), -1, _m_e)


def _c6(self: Any, _p0: object, _p1: object, _p2: object, _p3: object, _p4: object,
        _p5: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][_p0][_p1][_p2][_p3][_p4][_p5])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4, _p5), -1, _m_e)


def _d10(self: Any, _p0: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p0)][_p0])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0,), 0, _m_e)


def _d20(self: Any, _p0: object, _p1: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p0)][_p1][_p0])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1), 0, _m_e)


def _d21(self: Any, _p0: object, _p1: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p1)][_p0][_p1])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1), 1, _m_e)


def _d30(self: Any, _p0: object, _p1: object, _p2: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p0)][_p1][_p2][_p0])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2), 0, _m_e)


def _d31(self: Any, _p0: object, _p1: object, _p2: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p1)][_p0][_p2][_p1])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2), 1, _m_e)


def _d32(self: Any, _p0: object, _p1: object, _p2: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p2)][_p0][_p1][_p2])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2), 2, _m_e)


def _d40(self: Any, _p0: object, _p1: object, _p2: object, _p3: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p0)][_p1][_p2][_p3][_p0])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3), 0, _m_e)


def _d41(self: Any, _p0: object, _p1: object, _p2: object, _p3: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p1)][_p0][_p2][_p3][_p1])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3), 1, _m_e)


def _d42(self: Any, _p0: object, _p1: object, _p2: object, _p3: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p2)][_p0][_p1][_p3][_p2])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3), 2, _m_e)


def _d43(self: Any, _p0: object, _p1: object, _p2: object, _p3: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p3)][_p0][_p1][_p2][_p3])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3), 3, _m_e)


def _d50(self: Any, _p0: object, _p1: object, _p2: object, _p3: object,
         _p4: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p0)][_p1][_p2][_p3][_p4][_p0])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), 0, _m_e)


def _d51(self: Any, _p0: object, _p1: object, _p2: object, _p3: object,
         _p4: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p1)][_p0][_p2][_p3][_p4][_p1])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), 1, _m_e)


def _d52(self: Any, _p0: object, _p1: object, _p2: object, _p3: object,
         _p4: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p2)][_p0][_p1][_p3][_p4][_p2])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), 2, _m_e)


def _d53(self: Any, _p0: object, _p1: object, _p2: object, _p3: object,
         _p4: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p3)][_p0][_p1][_p2][_p4][_p3])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), 3, _m_e)


def _d54(self: Any, _p0: object, _p1: object, _p2: object, _p3: object,
         _p4: object) -> None:
    _m_p = self._hit_put
    try:
        _m_p(self._memos[0x5107_5107][type(_p4)][_p0][_p1][_p2][_p3][_p4])
    except _LOOKUP_OR_PUT as _m_x:
        _m_e: Exception = _m_x
    else:
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    _slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), 4, _m_e)


#: The checked fast templates (see above), as _FAST and _FAST_TYPED.
_CHECKED_FAST: Final = (_c0, _c1, _c2, _c3, _c4, _c5, _c6)
_CHECKED_FAST_TYPED: Final = ((),
                              (_d10,),
                              (_d20, _d21),
                              (_d30, _d31, _d32),
                              (_d40, _d41, _d42, _d43),
                              (_d50, _d51, _d52, _d53, _d54))


# The templates of PC-relative methods (see pc_relative): the last parameter is the
# target; the entries are nested under ``self._memos`` as the fast templates' are (one
# level per other operand, then the typed one's type), and an entry is ``_PcEntry``.
# Only keys that need no exact-type check are remembered, so a hit tests nothing but
# the target: a label of this assembler at a word boundary (its ``_home`` is the
# assembler's ``_bind_home``, None after a partial word of data; anything without a
# ``_home``, such as an int offset, takes _pc_slow) is resolved inline: a forward one is
# recorded on the label for bind after the word is put (the index is taken before, as a
# MacroAssembler's counting put may place a pool after the word), a backward one in
# reach is encoded at once (a label
# is bound at a word boundary at or before the end, and the buffer never shrinks, so
# its delta is a multiple of 4 and at most 0). Anything else (a foreign or far label,
# adr, a label after a partial word) goes through _emit_pcrel, which raises as the full
# path does.

def _q1(self: AssemblerCore, _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = self._memos[0x5107_5107]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (), _m_t, -1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._put  # (see the fast templates)
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._put
        _m_p(_m_d * _m_mul + _m_top)
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


def _q2(self: AssemblerCore, _p0: object, _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = self._memos[0x5107_5107][_p0]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (_p0,), _m_t, -1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._put  # (see the fast templates)
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._put
        _m_p(_m_d * _m_mul + _m_top)
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


def _q3(self: AssemblerCore, _p0: object, _p1: object, _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = self._memos[0x5107_5107][_p0][_p1]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (_p0, _p1), _m_t, -1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._put  # (see the fast templates)
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._put
        _m_p(_m_d * _m_mul + _m_top)
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


def _q4(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = self._memos[0x5107_5107][_p0][_p1][_p2]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (_p0, _p1, _p2), _m_t, -1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._put  # (see the fast templates)
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._put
        _m_p(_m_d * _m_mul + _m_top)
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


def _q5(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object,
        _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = self._memos[0x5107_5107][_p0][_p1][_p2][_p3]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3), _m_t, -1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._put  # (see the fast templates)
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._put
        _m_p(_m_d * _m_mul + _m_top)
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


def _q6(self: AssemblerCore, _p0: object, _p1: object, _p2: object, _p3: object, _p4: object,
        _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = \
            self._memos[0x5107_5107][_p0][_p1][_p2][_p3][_p4]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), _m_t, -1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._put  # (see the fast templates)
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._put
        _m_p(_m_d * _m_mul + _m_top)
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


# Typed: a PC-relative method with an operand annotated as an int (tbz/tbnz's bit).
def _r21(self: AssemblerCore, _p0: object, _p1: object, _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = self._memos[0x5107_5107][_p0][_p1][type(_p1)]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (_p0, _p1), _m_t, 1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._put  # (see the fast templates)
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._put
        _m_p(_m_d * _m_mul + _m_top)
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


# The checked PC-relative templates: the templates above for a class that sets
# ``_checked_hits`` (the MacroAssembler, as _CHECKED_FAST): the word goes in with
# ``self._hit_put`` and, only while ``self._mx_pending``, the length is compared with
# ``self._mx_limit`` after the reference is recorded, where ``self._put`` is a Python
# call per word while a pool is pending (a JIT's forward branches to its out-of-line
# paths keep one pending nearly all the time: its b and bl took that call each).

def _k1(self: Any, _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = self._memos[0x5107_5107]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (), _m_t, -1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._hit_put
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        if self._mx_pending and _m_i >= self._mx_limit - 1:
            self._mx_due()
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._hit_put
        _m_p(_m_d * _m_mul + _m_top)
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


def _k2(self: Any, _p0: object, _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = self._memos[0x5107_5107][_p0]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (_p0,), _m_t, -1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._hit_put
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        if self._mx_pending and _m_i >= self._mx_limit - 1:
            self._mx_due()
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._hit_put
        _m_p(_m_d * _m_mul + _m_top)
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


def _k3(self: Any, _p0: object, _p1: object, _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = self._memos[0x5107_5107][_p0][_p1]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (_p0, _p1), _m_t, -1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._hit_put
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        if self._mx_pending and _m_i >= self._mx_limit - 1:
            self._mx_due()
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._hit_put
        _m_p(_m_d * _m_mul + _m_top)
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


def _k4(self: Any, _p0: object, _p1: object, _p2: object, _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = self._memos[0x5107_5107][_p0][_p1][_p2]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (_p0, _p1, _p2), _m_t, -1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._hit_put
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        if self._mx_pending and _m_i >= self._mx_limit - 1:
            self._mx_due()
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._hit_put
        _m_p(_m_d * _m_mul + _m_top)
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


def _k5(self: Any, _p0: object, _p1: object, _p2: object, _p3: object,
        _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = self._memos[0x5107_5107][_p0][_p1][_p2][_p3]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3), _m_t, -1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._hit_put
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        if self._mx_pending and _m_i >= self._mx_limit - 1:
            self._mx_due()
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._hit_put
        _m_p(_m_d * _m_mul + _m_top)
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


def _k6(self: Any, _p0: object, _p1: object, _p2: object, _p3: object, _p4: object,
        _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = \
            self._memos[0x5107_5107][_p0][_p1][_p2][_p3][_p4]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (_p0, _p1, _p2, _p3, _p4), _m_t, -1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._hit_put
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        if self._mx_pending and _m_i >= self._mx_limit - 1:
            self._mx_due()
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._hit_put
        _m_p(_m_d * _m_mul + _m_top)
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


def _l21(self: Any, _p0: object, _p1: object, _m_t: Any) -> None:
    try:
        _m_w, _m_f, _m_n, _m_lo, _m_mul, _m_top = self._memos[0x5107_5107][_p0][_p1][type(_p1)]
        _m_off = _m_t.offset if _m_t._home is self._bind_home else _FOREIGN
    except _PC_LOOKUP:
        return _pc_slow(self, 0x5107_5107, (_p0, _p1), _m_t, 1)
    if _m_off is None:  # forward: bind patches it
        _m_i = len(self._code)
        _m_p = self._hit_put
        _m_p(_m_w)  # (first: data before it raises, nothing is pending)
        _m_r = _m_t._refs
        if _m_r is None:
            _m_t._refs = [(_m_i, _m_f, _m_n)]
            self._npending += 1
        else:
            _m_r.append((_m_i, _m_f, _m_n))
        if self._mx_pending and _m_i >= self._mx_limit - 1:
            self._mx_due()
        return
    _m_d = (_m_off >> 2) - len(self._code)  # backward, in words: < 0 (0 below)
    if _m_d and _m_d >= _m_lo:  # in reach
        _m_p = self._hit_put
        _m_p(_m_d * _m_mul + _m_top)
        if self._mx_pending and len(self._code) >= self._mx_limit:
            self._mx_due()
        return
    self._emit_pcrel(_m_w, _m_t, _m_f, _m_n)


#: The offset the PC-relative templates read for a label of another assembler: no
#: delta from it is in reach, so the hit path hands it to _emit_pcrel (which raises).
_FOREIGN: Final = -1 << 62
_PC_TEMPLATES: Final = (None, _q1, _q2, _q3, _q4, _q5, _q6)
_CHECKED_PC_TEMPLATES: Final = (None, _k1, _k2, _k3, _k4, _k5, _k6)
#: The typed PC-relative templates by (operands before the target, int position).
_PC_TYPED: Final = {(2, 1): _r21}
_CHECKED_PC_TYPED: Final = {(2, 1): _l21}

F = TypeVar("F", bound=Callable[..., None])
_POSITION_DEPENDENT: Final = "_a64jit_position_dependent"
_MEMOIZED: Final = "_a64jit_memo"
#: Set by table.bind on a row whose form was checked: its operand names.
_CHECKED: Final = "_a64jit_checked"


_PC_RELATIVE: Final = "_a64jit_pc_relative"
#: Set on a wrapper whose entries are in ``self._memos``: its slot there.
_SLOT: Final = "_a64jit_memo_slot"


def position_dependent(method: F, *, pc_relative: bool = False) -> F:
    """Mark a method whose word (nearly) always depends on where it lands (branches to
    labels): :func:`memoize_methods` leaves it alone rather than pay for misses.

    ``pc_relative=True`` promises more (see :func:`pc_relative`): the method is then
    memoized on its operands other than the target."""
    method.__dict__[_POSITION_DEPENDENT] = True
    if pc_relative:
        method.__dict__[_PC_RELATIVE] = True
    return method


def pc_relative(method: F) -> F:
    """Mark a position-dependent method whose last operand is its target (a Label or an
    int offset) and which emits exactly one word by handing it to ``_emit_pcrel``, with a
    word (zero offset) and field that depend on its other operands only, whatever the
    target. :func:`memoize_methods` then memoizes it on those other operands: a hit skips
    their checks and encoder and resolves the target inline (see the ``_q`` templates)."""
    return position_dependent(method, pc_relative=True)


def is_position_dependent(method: object) -> bool:
    """Whether ``method`` was declared with :func:`position_dependent`."""
    return bool(getattr(method, _POSITION_DEPENDENT, False))


def is_pc_relative(method: object) -> bool:
    """Whether ``method`` was declared with :func:`pc_relative`."""
    return bool(getattr(method, _PC_RELATIVE, False))


_TARGETS: Final = frozenset({"Target", "Label"})


def check_registration(method: Callable[..., None]) -> tuple[str, ...]:
    """The method's parameter names after ``self``, once its signature is checked
    against the memo's rule (see the module docstring); TypeError if it breaks it."""
    return _check(method, pc=False)


def check_pc_registration(method: Callable[..., None]) -> tuple[str, ...]:
    """:func:`check_registration` for a :func:`pc_relative` method: the same rules, except
    that the last operand is the target."""
    return _check(method, pc=True)


def _check(method: Callable[..., None], pc: bool) -> tuple[str, ...]:
    name = getattr(method, "__qualname__", repr(method))
    code = getattr(method, "__code__", None)
    if not isinstance(code, types.CodeType):
        raise TypeError(f"memoized: {name} is not a plain Python function")
    if code.co_flags & (0x04 | 0x08) or code.co_kwonlyargcount or code.co_posonlyargcount:
        raise TypeError(f"memoized: {name} has a *, ** or keyword-only parameter")
    return check_signature(name, code.co_varnames[1:code.co_argcount],
                           getattr(method, "__annotations__", {}), pc)


def check_signature(name: str, params: tuple[str, ...], notes: Mapping[str, object],
                    pc: bool = False) -> tuple[str, ...]:
    """The memo's rule on a method's operand names (after ``self``) and annotations
    (:func:`check_registration` reads them from the method; a table checks its forms'
    signatures with it before any row is built); returns ``params``."""
    if len(params) >= len(_TEMPLATES):
        raise TypeError(f"memoized: {name} has more than {len(_TEMPLATES) - 1} operands")
    if pc and not params:
        raise TypeError(f"memoized: {name} is pc_relative but has no target operand")
    for p in params[:-1] if pc else params:
        if p[:3] == "_m_":
            raise TypeError(f"memoized: {name}: parameter names starting with _m_ are reserved")
        note = notes.get(p)
        if note is None:
            continue
        text = note if type(note) is str else getattr(note, "__name__", "")
        if text in _TARGETS or text.replace(" ", "") in _TARGETS:
            raise TypeError(
                f"memoized: {name}: operand {p!r} is a branch target, so the word depends on "
                "where it lands; declare the method @position_dependent" +
                (" (only the last operand of a pc_relative one is its target)" if pc else ""))
    return params


_RENAMED: Final[dict[tuple[types.CodeType, tuple[str, ...], str | None], types.CodeType]] = {}


def renamed(code: types.CodeType, params: tuple[str, ...],
            name: str | None = None) -> types.CodeType:
    """``code`` of a template whose parameters after the first are ``_p0``.. ``_pN``, with
    those renamed to ``params`` (cached: every method with these names shares it), and
    the code itself to ``name`` if given (tracebacks, and error messages that name the
    method from its frame, see core._caller)."""
    key = (code, params, name)
    got = _RENAMED.get(key)
    if got is None:
        varnames = (code.co_varnames[0], *params, *code.co_varnames[1 + len(params):])
        if name is None:
            got = code.replace(co_varnames=varnames)
        else:
            got = code.replace(co_varnames=varnames, co_name=name)
        _RENAMED[key] = got
    return got


def wrap_for(method: Callable[..., None], cls: type,
             params: tuple[str, ...] | None = None) -> Callable[..., None]:
    """The memo wrapper of ``method`` made for the class ``cls`` (calls on exactly that
    class take the fastest path; any other class still gets a memo of its own)."""
    if params is None:
        params = check_registration(method)
    position = int_position(method, params)
    slot = -1
    template: Callable[..., None]
    checked = getattr(cls, "_checked_hits", False)  # (see _CHECKED_FAST)
    if position >= 0 and len(params) < len(_TYPED):
        if _unchecked(method, params, position):
            slot = _new_slot(method)
            template = (_CHECKED_FAST_TYPED if checked else _FAST_TYPED)[len(params)][position]
        else:
            template = _TYPED[len(params)][position](method)
    elif _unchecked(method, params, -1):
        slot = _new_slot(method)
        template = (_CHECKED_FAST if checked else _FAST)[len(params)]
    else:
        template = _TEMPLATES[len(params)](method)
    defaults = method.__defaults__ or ()
    code = renamed(template.__code__, params, method.__name__)
    wrapper = types.FunctionType(code if slot < 0 else _with_slot(code, slot),
                                 template.__globals__, method.__name__,
                                 (_MISSING,) * (len(params) - len(defaults)) + defaults,
                                 template.__closure__)
    # functools.update_wrapper, without its getattr/setattr loop.
    wrapper.__qualname__ = method.__qualname__
    wrapper.__module__ = method.__module__
    wrapper.__doc__ = method.__doc__
    wrapper.__annotations__ = method.__annotations__
    wrapper.__dict__.update(method.__dict__)
    wrapper.__dict__["__wrapped__"] = method
    wrapper.__dict__[_MEMOIZED] = True
    if slot >= 0:
        wrapper.__dict__[_SLOT] = slot
    return wrapper


def wrap_pc_for(method: Callable[..., None], cls: type,
                params: tuple[str, ...] | None = None) -> Callable[..., None]:
    """:func:`wrap_for` for a :func:`pc_relative` method (its own defaults: a call that
    leaves out the target fails as Python says, as it did before it was memoized)."""
    if params is None:
        params = check_pc_registration(method)
    position = int_position(method, params[:-1])
    if getattr(cls, "_checked_hits", False):  # (see _k1)
        template = (_CHECKED_PC_TYPED.get((len(params) - 1, position))
                    or _CHECKED_PC_TEMPLATES[len(params)])
    else:
        template = _PC_TYPED.get((len(params) - 1, position)) or _PC_TEMPLATES[len(params)]
    assert template is not None
    slot = _new_slot(method)
    wrapper = types.FunctionType(
        _with_slot(renamed(template.__code__, params, method.__name__), slot),
        template.__globals__, method.__name__, method.__defaults__)
    wrapper.__qualname__ = method.__qualname__
    wrapper.__module__ = method.__module__
    wrapper.__doc__ = method.__doc__
    wrapper.__annotations__ = method.__annotations__
    wrapper.__dict__.update(method.__dict__)
    wrapper.__dict__["__wrapped__"] = method
    wrapper.__dict__[_MEMOIZED] = "pc"
    wrapper.__dict__[_SLOT] = slot
    return wrapper


def _new_slot(method: Callable[..., None]) -> int:
    """A new slot in every class's memo tables, for a wrapper of ``method``."""
    slot = next(_SLOTS)
    _SLOT_METHODS[slot] = method
    return slot


class Memoized:
    """A memoized instruction method as it sits in a class body until first used.

    Registration (the signature check) happens when it is made; the wrapper is built on
    first access, for the class it is looked up on, and put in that class's namespace
    (so later lookups are plain functions). This keeps ``import a64jit`` from building
    hundreds of wrappers nobody calls. Looked up on a class that overrides the method
    further down (a ``super()`` call), the wrapper is returned but not installed."""

    __slots__ = ("_by_class", "_make", "_method", "_name", "_params", "_pc")

    def __init__(self, method: Callable[..., None] | None, name: str | None = None,
                 params: tuple[str, ...] | None = None,
                 make: Callable[[], Callable[..., None]] | None = None,
                 pc: bool | None = False) -> None:
        """``method``, or (a table row, see :class:`LazyMethod`) ``make`` to build it on
        first use with its checked ``params``. ``pc``: a :func:`pc_relative` method; None
        for a position-dependent row, memoized only if the method it builds is one."""
        self._method = method
        self._make = make
        self._pc = pc
        if params is None:
            if method is None:
                raise TypeError("memoized: a lazy method needs its checked params")
            params = check_pc_registration(method) if pc else check_registration(method)
        self._params: Final = params
        self._name = name if name is not None else getattr(method, "__name__", "")
        self._by_class: dict[type, Callable[..., None]] = {}

    @property
    def __wrapped__(self) -> Callable[..., None]:
        method = self._method
        if method is None:
            assert self._make is not None
            method = self._method = self._make()
        return method

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def for_class(self, cls: type) -> Callable[..., None]:
        """The wrapper for ``cls`` (built once), installed on ``cls`` when a lookup of
        the method's name on ``cls`` finds this object."""
        wrapper = self._by_class.get(cls)
        if wrapper is None:
            method = self.__wrapped__
            pc = self._pc
            if pc is None:  # a position-dependent row: memoized only if pc_relative
                pc = is_pc_relative(method)
                if pc:
                    check_pc_registration(method)
            if pc:
                wrapper = wrap_pc_for(method, cls, self._params)
            elif self._pc is None:
                wrapper = method
            else:
                wrapper = wrap_for(method, cls, self._params)
            self._by_class[cls] = wrapper
            name = self._name
            for klass in cls.__mro__:
                found = klass.__dict__.get(name)
                if found is not None:
                    if found is self:
                        setattr(cls, name, wrapper)
                        if wrapper is not method:
                            wrapper.__dict__[_MEMO_OF] = self
                            _give_own(cls, name, self)
                    break
        return wrapper

    def __get__(self, obj: object, cls: type | None = None) -> Callable[..., None]:
        wrapper = self.for_class(type(obj) if cls is None or obj is not None else cls)
        return wrapper if obj is None else types.MethodType(wrapper, obj)

    def __call__(self, obj: object, *args: object, **kwargs: object) -> None:
        self.for_class(type(obj))(obj, *args, **kwargs)

    def __repr__(self) -> str:
        return f"<memoized {self._name}>"


#: Set on a wrapper that :meth:`Memoized.for_class` installed on a class: the
#: :class:`Memoized` it came from (own_wrappers gives a subclass its own from it).
_MEMO_OF: Final = "_a64jit_memoized"
#: The classes that make their own memo wrappers (see own_wrappers).
_OWN: Final[list[type]] = []


def own_wrappers(cls: type) -> None:
    """Make ``cls`` build its own memo wrapper for every memoized method it inherits,
    never running one a base class installed (whichever class used the method first).

    A wrapper's code is its own (its inline caches specialize for the class that runs it),
    and a class with ``_checked_hits`` gets the checked templates: the MacroAssembler,
    whose calls of inherited instructions (movz, csel, ...) would otherwise run the
    Assembler's wrappers, which put each word through its counting ``_put``. Its memo
    tables are its own either way (``self._memos``). Call once, after the class body."""
    if cls in _OWN:
        return
    _OWN.append(cls)
    seen = set(vars(cls))
    for klass in cls.__mro__[1:]:
        for name, value in vars(klass).items():
            if name in seen:
                continue
            seen.add(name)
            if isinstance(value, types.FunctionType):
                memo = value.__dict__.get(_MEMO_OF)
                if memo is not None:  # a base's installed wrapper: build cls's own instead
                    setattr(cls, name, memo)


def _give_own(cls: type, name: str, memo: Memoized) -> None:
    """``memo``'s wrapper was just installed on ``cls`` as ``name``: each class of
    own_wrappers that would inherit it gets ``memo`` itself, to build its own."""
    for sub in _OWN:
        if sub is not cls and issubclass(sub, cls):
            for klass in sub.__mro__:
                if name in klass.__dict__:
                    if klass is cls:
                        setattr(sub, name, memo)
                    break


class LazyMethod:
    """A method built on first access (a table row: see table.py): ``make()`` builds it
    (or a subclass's ``build``, when ``make`` is None), and it replaces this object in
    the class that holds it under ``name``. That class is found on first access (in the
    MRO of the class looked up), not when the class is made: no ``__set_name__``, so a
    class body of hundreds of rows makes no call per row. ``params`` are its checked
    operand names; a position-dependent one is never memoized.

    :func:`memoize_methods` only marks it (``memoize``): on first access it is replaced
    by its :class:`Memoized` instead, which builds the method and the wrapper (so that
    ``import a64jit`` makes no object per row beyond the row itself)."""

    __slots__ = ("_make", "_memo", "_method", "_name", "memoize", "params",
                 "position_dependent")

    def __init__(self, make: Callable[[], Callable[..., None]] | None, name: str,
                 params: tuple[str, ...], position_dependent: bool) -> None:
        self._make = make
        self._method: Callable[..., None] | None = None
        self._memo: Memoized | None = None
        self._name = name
        self.memoize = False
        self.params: Final = params
        self.position_dependent: Final = position_dependent

    def build(self) -> Callable[..., None]:
        """The method (built once)."""
        method = self._method
        if method is None:
            assert self._make is not None, "a LazyMethod without make must override build"
            method = self._method = self._make()
        return method

    def _replace(self, cls: type, value: object) -> None:
        """Put ``value`` where this object is, in the class of ``cls``'s MRO that holds
        it under its name (nowhere if none does: it stays a descriptor there)."""
        name = self._name
        for klass in cls.__mro__:
            if klass.__dict__.get(name) is self:
                setattr(klass, name, value)
                return

    def memoized(self, cls: type) -> Memoized:
        """The :class:`Memoized` that replaces this marked method (made once), put in
        its place (see :meth:`_replace`) for lookups on ``cls``."""
        memo = self._memo
        if memo is None:
            memo = self._memo = Memoized(None, self._name, self.params, self.build,
                                         None if self.position_dependent else False)
        self._replace(cls, memo)
        return memo

    def __get__(self, obj: object, cls: type | None = None) -> Callable[..., None]:
        if cls is None:
            cls = type(obj)
        if self.memoize:
            return self.memoized(cls).__get__(obj, cls)
        method = self.build()
        self._replace(cls, method)
        return method if obj is None else types.MethodType(method, obj)

    def __call__(self, obj: object, *args: object, **kwargs: object) -> None:
        if self.memoize:
            self.memoized(type(obj))(obj, *args, **kwargs)
        else:
            self.build()(obj, *args, **kwargs)

    def __repr__(self) -> str:
        return f"<lazy method {self._name}>"


def memoized(method: Callable[Concatenate[A, P], None]) -> Callable[Concatenate[A, P], None]:
    """Wrap an instruction method that emits one word computed from its operands (a
    :class:`Memoized`: put it in a class body, or call it with the instance first).

    Its parameters must all be positional-or-keyword (every instruction method's are),
    at most six, and none a branch target: checked here, where it is registered."""
    return cast("Callable[Concatenate[A, P], None]", Memoized(method))


def exact_for(method: Callable[..., None], cls: type) -> Callable[..., None]:
    """``method`` (a class attribute looked up as ``Base.name``: a memo wrapper, or any
    function) as the function to call on instances of ``cls``, whose own class overrides
    the name: a MacroAssembler calling the exact Assembler instruction on itself. A memo
    wrapper is rebuilt for ``cls`` so those calls take the fastest path."""
    inner = getattr(method, "__wrapped__", None)
    kind = getattr(method, _MEMOIZED, False)
    if inner is None or not kind:
        return method
    return wrap_pc_for(inner, cls) if kind == "pc" else wrap_for(inner, cls)


# How to remember a call, by the exact types of its operands: -1 for never (a Label's
# word depends on where the label is; floats have -0.0 == 0.0), else the entry's check
# code (see _Entry). There are only a few dozen signatures in practice.
_PLANS: Final[dict[tuple[type, ...], int]] = {}


def _plan(types_: tuple[type, ...]) -> int:
    checked = []
    for position, exact in enumerate(types_):
        if exact not in _EXACT:
            if exact is not int and exact is not str:
                return -1
            checked.append((position, exact))
    if all(exact is int for _, exact in checked):
        return sum(1 << position for position, _ in checked)  # 0..63: inline int checks
    plan = tuple(checked)
    if plan not in _CHECKS:
        _CHECKS.append(plan)
    return _GENERAL + _CHECKS.index(plan)


def _code_for(key: tuple[object, ...]) -> int:
    types_ = tuple(map(type, key))
    plan = _PLANS.get(types_)
    if plan is None:
        if len(_PLANS) >= MEMO_LIMIT:
            return -1  # an unusual signature: not worth a plan
        plan = _PLANS[types_] = _plan(types_)
    return plan


def _remember(memo: _Memo, cls: type, key: tuple[object, ...], word: int,
              typed: int = -1) -> None:
    plan = _code_for(key)
    if plan < 0:
        return
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    if typed < 0:
        full = (cls, *key)
    else:
        full = (cls, *key, type(key[typed]))
        plan = _without(plan, typed)
    memo[full] = word | plan << 32


def _without(code: int, position: int) -> int:
    """The check code ``code`` without the check of ``position`` (its type is in the key)."""
    if code < _MISS:
        return code & ~(1 << position)
    plan = tuple(c for c in _CHECKS[code - _GENERAL] if c[0] != position)
    if all(exact is int for _, exact in plan):
        return sum(1 << p for p, _ in plan)
    if plan not in _CHECKS:
        _CHECKS.append(plan)
    return _GENERAL + _CHECKS.index(plan)


def int_position(method: Callable[..., None], params: tuple[str, ...]) -> int:
    """The first operand of ``method`` annotated as an int (or a union with int, also
    through an alias of its module such as ``Operand2``), -1 if none."""
    notes = getattr(method, "__annotations__", {})
    module = sys.modules.get(getattr(method, "__module__", "") or "")
    scope = vars(module) if module is not None else {}  # (a table row's own globals
    # are table.py's: its aliases are in the module it is declared in)
    for position, name in enumerate(params):
        note = notes.get(name)
        if note is None:
            continue
        text = note if type(note) is str else getattr(note, "__name__", repr(note))
        for token in text.replace("[", "|").replace("]", "|").replace(",", "|").split("|"):
            token = token.strip()
            if token in _TARGETS:
                continue  # an int offset to a target: rare next to labels (ldr literal)
            if token == "int":
                return position
            alias = scope.get(token)
            if alias is not None and not isinstance(alias, type) and int in getattr(
                    alias, "__args__", ()):
                return position
    return -1


def _unchecked(method: Callable[..., None], params: tuple[str, ...], typed: int) -> bool:
    """Whether every operand of ``method`` but ``typed`` is annotated as something that
    is never an int or a str (registers, Mem, Shift, conditions; a branch ``Target``
    counts too: an int offset there is rare), so that its entries need no checks."""
    notes = getattr(method, "__annotations__", {})
    module = sys.modules.get(getattr(method, "__module__", "") or "")
    scope = vars(module) if module is not None else {}
    for position, name in enumerate(params):
        if position == typed:
            continue
        note = notes.get(name)
        if type(note) is not str:
            return False  # unannotated, or not a string (from __future__ import annotations)
        for token in note.replace("[", "|").replace("]", "|").replace(",", "|").split("|"):
            token = token.strip()
            if token in _TARGETS or token == "None":
                continue
            found = scope.get(token)
            if found is object or found is Any:  # (Any is a class in Python 3.11+)
                return False
            if isinstance(found, type) and not issubclass(found, int | str | float):
                continue
            args = getattr(found, "__args__", None)
            if found is None or isinstance(found, type) or args is None or any(
                    not isinstance(a, type) or issubclass(a, int | str | float) for a in args):
                return False
    return True


_EMIT_PCREL: Final = AssemblerCore._emit_pcrel
#: An entry of a PC-relative method: the word to emit (its field cleared if it is a
#: plain one), the field and the mnemonic; then what encodes a backward delta of ``d``
#: words (below 0; 0 takes _emit_pcrel) inline: for a plain field (imm26/imm19/imm14:
#: ``bits`` bits of words at ``lsb``), ``d`` is in reach when ``d >= lo`` (lo =
#: -2**(bits-1), the reach in words) and the word is ``d * mul + top`` (mul = 2**lsb;
#: top = the word plus 2**(lsb+bits): the field becomes 2**bits + d, d in two's
#: complement, with no mask, shift or or: Python specializes + and * on ints, not the
#: bit operators). For other fields (adr) no delta passes (lo = 1).
_PcEntry = tuple[int, PcRelField, str, int, int, int]
_NEVER_INLINE: Final = (1, 0, 0)
#: What the PC-relative templates' hit path may raise before it emits: a lookup that
#: fails (as _LOOKUP) or a target without a ``_home`` (not a Label).
_PC_LOOKUP: Final = (KeyError, TypeError, IndexError, AttributeError)


def _pc_slow(self: AssemblerCore, slot: int, key: tuple[object, ...], target: object,
             typed: int) -> None:
    """Why a PC-relative hit path stopped: no entry for ``key`` (a miss, an unhashable
    operand), or ``target`` is no Label (an int offset; anything else, which
    _emit_pcrel refuses)."""
    node: Any = self._memos[slot] if slot < len(self._memos) else None
    try:
        for k in key if typed < 0 else (*key, type(key[typed])):
            node = node.get(k) if type(node) is dict else None
    except TypeError:  # an unhashable operand: the full path says what is wrong
        node = None
    if type(node) is tuple:
        self._emit_pcrel(node[0], cast(Target, target), node[1], node[2])
    else:
        _pc_miss(self, _SLOT_METHODS[slot], slot, key, target, typed)


def _pc_miss(self: AssemblerCore, method: Callable[..., None], slot: int,
             key: tuple[object, ...], target: object, typed: int = -1) -> None:
    """Run the full path of a pc_relative method; remember what it handed _emit_pcrel
    (``typed``: the position whose type the key holds, as in _miss)."""
    code = self._code
    before = len(code)
    late = len(self._late)
    self._pcrel_last = None
    method(self, *key, target)
    last = self._pcrel_last
    if len(code) != before + 1 or (len(self._late) != late
                                   and self._late[-1].kind != "branch26"):
        return  # a pool in between (MacroAssembler), or a fixup left for finalize (but
        # a b/bl to an address_label: the same word and field for a label of its own)
    if last is None:  # not through _emit_pcrel (adrp): the full path every time
        return
    if type(self)._emit_pcrel is not _EMIT_PCREL:
        return  # a hit resolves labels inline: a class that does more there gets no entry
    plan = _code_for(key)
    if plan < 0:
        return
    if typed >= 0:
        plan = _without(plan, typed)
    if plan:  # an operand an int or a str against its annotation: never remembered,
        return  # so that a hit needs no check (the full path every time)
    word, field, insn = last
    entry: _PcEntry
    if type(field) is PcRelField and field.scale == 4:  # imm26/imm19/imm14, in words
        # (a forward reference's field is replaced when bind patches it)
        word &= field.clear
        entry = (word, field, insn, -1 << (field.bits - 1), 1 << field.lsb,
                 word + (1 << (field.lsb + field.bits)))
    else:
        entry = (word, field, insn, *_NEVER_INLINE)
    _nested_store(self._memos, slot, key if typed < 0 else (*key, type(key[typed])), entry)


def memoize_methods(cls: type) -> None:
    """Memoize every public instruction method that ``cls`` itself defines (once): the
    plain ones on all their operands, :func:`pc_relative` ones on all but the target;
    other position-dependent methods are left alone.

    The signature check runs now; the wrappers are built on first use (see :class:`Memoized`)."""
    for name, value in list(vars(cls).items()):
        if name.startswith("_"):
            continue
        if isinstance(value, types.FunctionType) and not getattr(value, _MEMOIZED, False):
            if is_pc_relative(value):
                setattr(cls, name, Memoized(value, name, pc=True))
            elif not is_position_dependent(value):
                setattr(cls, name, Memoized(value, name, getattr(value, _CHECKED, None)))
        elif isinstance(value, LazyMethod):
            value.memoize = True  # its Memoized is made on first access (import speed)
