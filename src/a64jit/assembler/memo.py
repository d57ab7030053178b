"""Instruction memo: the assembler's fast path.

A JIT emits the same instructions over and over (the same registers, the same frame
offsets, the same constants), and an instruction's word depends on its operands
only, never on where it lands, unless an operand is a :class:`Label`. So each
instruction method remembers the word it built for each operand tuple, and a
repeated call is one dictionary lookup and one append instead of the operand checks
and the encoder.

What makes a hit exact:

* Registers, vector lanes, conditions and labels compare by identity; :class:`Mem`, :class:`Shift`
  and :class:`Extend` compare by value but only with their own exact type. A tuple of
  those can only equal a tuple of the same objects.
* An int or a str can equal a value of another type (``1 == 1.0 == True``). For those
  positions the entry records the exact type, and a hit must match it, so
  ``add(x0, x1, True)`` still raises after ``add(x0, x1, 1)`` was remembered.
* The memo is per class: the key ends with ``type(self)``. The full path may call
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
:func:`position_dependent`, and is never memoized.

No code is generated: the wrapper is one hand-written template per parameter count
(below), whose parameter names are renamed to the method's (``CodeType.replace``) so
that keyword calls, defaults and ``inspect.signature`` behave as the method's own.
Forwarding ``*args`` instead would cost more in CPython than the whole memo hit.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, Final, ParamSpec, TypeVar, cast

from ..operands import Cond, Extend, FPRegister, GPRegister, Mem, Shift, VElement

if TYPE_CHECKING:
    from .core import AssemblerCore

P = ParamSpec("P")
A = TypeVar("A", bound="AssemblerCore")

#: Operand types whose equality already implies the exact same type (``type``: the
#: class of ``self`` that ends every key compares by identity).
_EXACT: Final = frozenset(
    {GPRegister, FPRegister, VElement, Cond, Mem, Shift, Extend, type(None), type})
#: Entries per instruction method before its memo starts over (bounds memory).
MEMO_LIMIT: Final = 4096

# An entry is ``word | checks << 32``: ``_CHECKS[checks]`` lists the positions whose exact
# type a hit must check (entry 0: none). Plain ints keep the memo out of the GC's way.
_Entry = int
_Checks = tuple[tuple[int, type], ...]
_CHECKS: Final[list[_Checks]] = [()]

_Memo = dict[tuple[object, ...], _Entry]


def _miss(self: AssemblerCore, method: Callable[..., None], memo: _Memo,
          key: tuple[object, ...]) -> None:
    """Run the full path with the key's operands; remember a one-word result."""
    code = self._code
    before = len(code)
    late = len(self._late)
    method(self, *key[:-1])
    # One word, not waiting for finalize(address) (:lo12:), no pool after it.
    if len(code) == before + 1 and len(self._late) == late:
        _remember(memo, key, code[-1])


# The templates. The hit path is inline: a plain entry (no exact-type checks) is a word
# below 2**32, appended at once; an entry with checks compares the exact types of the
# positions _CHECKS lists. A miss (or an unhashable operand) goes to _miss. Local names start with
# "_m" so that no instruction parameter can collide with them.

def _t0(_m_method: Callable[..., None], _m_memo: _Memo) -> Callable[..., None]:
    def instruction(self: AssemblerCore) -> None:
        _m_key = (type(self),)
        _m_entry = _m_memo.get(_m_key)
        if _m_entry is not None:
            if _m_entry <= 0xFFFFFFFF:
                self._put(_m_entry)
                return
            for _m_position, _m_exact in _CHECKS[_m_entry >> 32]:
                if type(_m_key[_m_position]) is not _m_exact:
                    break
            else:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        _miss(self, _m_method, _m_memo, _m_key)
    return instruction


def _t1(_m_method: Callable[..., None], _m_memo: _Memo) -> Callable[..., None]:
    def instruction(self: AssemblerCore, _p0: object) -> None:
        _m_key = (_p0, type(self))
        try:
            _m_entry = _m_memo.get(_m_key)
        except TypeError:
            _m_entry = None
        if _m_entry is not None:
            if _m_entry <= 0xFFFFFFFF:
                self._put(_m_entry)
                return
            for _m_position, _m_exact in _CHECKS[_m_entry >> 32]:
                if type(_m_key[_m_position]) is not _m_exact:
                    break
            else:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        _miss(self, _m_method, _m_memo, _m_key)
    return instruction


def _t2(_m_method: Callable[..., None], _m_memo: _Memo) -> Callable[..., None]:
    def instruction(self: AssemblerCore, _p0: object, _p1: object) -> None:
        _m_key = (_p0, _p1, type(self))
        try:
            _m_entry = _m_memo.get(_m_key)
        except TypeError:
            _m_entry = None
        if _m_entry is not None:
            if _m_entry <= 0xFFFFFFFF:
                self._put(_m_entry)
                return
            for _m_position, _m_exact in _CHECKS[_m_entry >> 32]:
                if type(_m_key[_m_position]) is not _m_exact:
                    break
            else:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        _miss(self, _m_method, _m_memo, _m_key)
    return instruction


def _t3(_m_method: Callable[..., None], _m_memo: _Memo) -> Callable[..., None]:
    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object) -> None:
        _m_key = (_p0, _p1, _p2, type(self))
        try:
            _m_entry = _m_memo.get(_m_key)
        except TypeError:
            _m_entry = None
        if _m_entry is not None:
            if _m_entry <= 0xFFFFFFFF:
                self._put(_m_entry)
                return
            for _m_position, _m_exact in _CHECKS[_m_entry >> 32]:
                if type(_m_key[_m_position]) is not _m_exact:
                    break
            else:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        _miss(self, _m_method, _m_memo, _m_key)
    return instruction


def _t4(_m_method: Callable[..., None], _m_memo: _Memo) -> Callable[..., None]:
    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object) -> None:
        _m_key = (_p0, _p1, _p2, _p3, type(self))
        try:
            _m_entry = _m_memo.get(_m_key)
        except TypeError:
            _m_entry = None
        if _m_entry is not None:
            if _m_entry <= 0xFFFFFFFF:
                self._put(_m_entry)
                return
            for _m_position, _m_exact in _CHECKS[_m_entry >> 32]:
                if type(_m_key[_m_position]) is not _m_exact:
                    break
            else:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        _miss(self, _m_method, _m_memo, _m_key)
    return instruction


def _t5(_m_method: Callable[..., None], _m_memo: _Memo) -> Callable[..., None]:
    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object, _p4: object) -> None:
        _m_key = (_p0, _p1, _p2, _p3, _p4, type(self))
        try:
            _m_entry = _m_memo.get(_m_key)
        except TypeError:
            _m_entry = None
        if _m_entry is not None:
            if _m_entry <= 0xFFFFFFFF:
                self._put(_m_entry)
                return
            for _m_position, _m_exact in _CHECKS[_m_entry >> 32]:
                if type(_m_key[_m_position]) is not _m_exact:
                    break
            else:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        _miss(self, _m_method, _m_memo, _m_key)
    return instruction


def _t6(_m_method: Callable[..., None], _m_memo: _Memo) -> Callable[..., None]:
    def instruction(self: AssemblerCore, _p0: object, _p1: object, _p2: object,
                    _p3: object, _p4: object, _p5: object) -> None:
        _m_key = (_p0, _p1, _p2, _p3, _p4, _p5, type(self))
        try:
            _m_entry = _m_memo.get(_m_key)
        except TypeError:
            _m_entry = None
        if _m_entry is not None:
            if _m_entry <= 0xFFFFFFFF:
                self._put(_m_entry)
                return
            for _m_position, _m_exact in _CHECKS[_m_entry >> 32]:
                if type(_m_key[_m_position]) is not _m_exact:
                    break
            else:
                self._put(_m_entry & 0xFFFFFFFF)
                return
        _miss(self, _m_method, _m_memo, _m_key)
    return instruction


_TEMPLATES: Final = (_t0, _t1, _t2, _t3, _t4, _t5, _t6)

F = TypeVar("F", bound=Callable[..., None])
_POSITION_DEPENDENT: Final = "_a64jit_position_dependent"
_MEMOIZED: Final = "_a64jit_memo"


def position_dependent(method: F) -> F:
    """Mark a method whose word (nearly) always depends on where it lands (branches to
    labels): :func:`memoize_methods` leaves it alone rather than pay for misses."""
    method.__dict__[_POSITION_DEPENDENT] = True
    return method


def is_position_dependent(method: object) -> bool:
    """Whether ``method`` was declared with :func:`position_dependent`."""
    return bool(getattr(method, _POSITION_DEPENDENT, False))


def check_registration(method: Callable[..., None]) -> tuple[str, ...]:
    """The method's parameter names after ``self``, once its signature is checked
    against the memo's rule (see the module docstring); TypeError if it breaks it."""
    name = getattr(method, "__qualname__", repr(method))
    code = getattr(method, "__code__", None)
    if not isinstance(code, types.CodeType):
        raise TypeError(f"memoized: {name} is not a plain Python function")
    if code.co_flags & (0x04 | 0x08) or code.co_kwonlyargcount or code.co_posonlyargcount:
        raise TypeError(f"memoized: {name} has a *, ** or keyword-only parameter")
    params = code.co_varnames[1:code.co_argcount]
    if len(params) >= len(_TEMPLATES):
        raise TypeError(f"memoized: {name} has more than {len(_TEMPLATES) - 1} operands")
    if any(p.startswith("_m_") for p in params):
        raise TypeError(f"memoized: {name}: parameter names starting with _m_ are reserved")
    notes = getattr(method, "__annotations__", {})
    for p in params:
        note = notes.get(p)
        text = note if isinstance(note, str) else getattr(note, "__name__", "")
        if text.replace(" ", "") in ("Target", "Label"):
            raise TypeError(
                f"memoized: {name}: operand {p!r} is a branch target, so the word depends on "
                "where it lands; declare the method @position_dependent")
    return params


_RENAMED: Final[dict[tuple[types.CodeType, tuple[str, ...]], types.CodeType]] = {}


def renamed(code: types.CodeType, params: tuple[str, ...]) -> types.CodeType:
    """``code`` of a template whose parameters after the first are ``_p0``.. ``_pN``, with
    those renamed to ``params`` (cached: every method with these names shares it)."""
    key = (code, params)
    got = _RENAMED.get(key)
    if got is None:
        varnames = (code.co_varnames[0], *params, *code.co_varnames[1 + len(params):])
        got = _RENAMED[key] = code.replace(co_varnames=varnames)
    return got


def memoized(method: Callable[Concatenate[A, P], None]) -> Callable[Concatenate[A, P], None]:
    """Wrap an instruction method that emits one word computed from its operands.

    Its parameters must all be positional-or-keyword (every instruction method's are),
    at most six, and none a branch target."""
    params = check_registration(method)
    template = _TEMPLATES[len(params)](method, {})
    wrapper = types.FunctionType(renamed(template.__code__, params),
                                 template.__globals__, method.__name__, method.__defaults__,
                                 template.__closure__)
    functools.update_wrapper(wrapper, method)
    wrapper.__dict__[_MEMOIZED] = True
    return cast("Callable[Concatenate[A, P], None]", wrapper)


# How to remember a call, by the exact types of its operands: -1 for never (a Label's
# word depends on where the label is; floats have -0.0 == 0.0), else an index into
# _CHECKS. There are only a few dozen signatures in practice.
_PLANS: Final[dict[tuple[type, ...], int]] = {}


def _plan(types_: tuple[type, ...]) -> int:
    checked = []
    for position, exact in enumerate(types_):
        if exact not in _EXACT:
            if exact is not int and exact is not str:
                return -1
            checked.append((position, exact))
    plan = tuple(checked)
    if plan not in _CHECKS:
        _CHECKS.append(plan)
    return _CHECKS.index(plan)


def _remember(memo: _Memo, key: tuple[object, ...], word: int) -> None:
    types_ = tuple(map(type, key))
    plan = _PLANS.get(types_)
    if plan is None:
        if len(_PLANS) >= MEMO_LIMIT:
            return  # an unusual signature: not worth a plan
        plan = _PLANS[types_] = _plan(types_)
    if plan < 0:
        return
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    memo[key] = word | plan << 32


def memoize_methods(cls: type) -> None:
    """Wrap every public instruction method that ``cls`` itself defines (once)."""
    for name, value in list(vars(cls).items()):
        if (not name.startswith("_") and isinstance(value, types.FunctionType)
                and not is_position_dependent(value) and not getattr(value, _MEMOIZED, False)):
            setattr(cls, name, memoized(value))
