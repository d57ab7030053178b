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
* Only calls that emitted exactly one whole word, left no fixup for
  ``finalize(address)`` (``:lo12:``) and raised nothing are remembered,
  and only if every operand is one of the above: not with a Label (the word depends
  on where the label is) and not with a float (``-0.0 == 0.0``). Errors are raised
  by the full path every time.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, Final, ParamSpec, TypeVar, cast

from ..operands import Cond, Extend, FPRegister, GPRegister, Mem, Shift, VElement

if TYPE_CHECKING:
    from .core import AssemblerCore

P = ParamSpec("P")
A = TypeVar("A", bound="AssemblerCore")

#: Operand types whose equality already implies the exact same type.
_EXACT: Final = frozenset(
    {GPRegister, FPRegister, VElement, Cond, Mem, Shift, Extend, type(None)})
#: Entries per instruction method before its memo starts over (bounds memory).
MEMO_LIMIT: Final = 4096

# An entry is ``word | checks << 32``: ``_CHECKS[checks]`` lists the positions whose exact
# type a hit must check (entry 0: none). Plain ints keep the memo out of the GC's way.
_Entry = int
_Checks = tuple[tuple[int, type], ...]
_CHECKS: Final[list[_Checks]] = [()]


# The wrapper is generated with the method's own parameter list: forwarding ``*args``
# costs more in CPython than the whole memo hit, and binding every parameter (defaults
# included) makes ``add(x0, x1, 2)`` and ``add(x0, x1, 2, None)`` one entry.
_WRAPPER = """
def instruction(self{params}):
    key = ({key})
    try:
        entry = memo.get(key)  # a miss must not cost an exception
    except TypeError:  # an unhashable operand: the full path says what is wrong
        entry = None
    if entry is not None:
        if entry <= 0xFFFFFFFF:
            self._put(entry)
            return
        for position, exact in checks[entry >> 32]:
            if type(key[position]) is not exact:
                break
        else:
            self._put(entry & 0xFFFFFFFF)
            return
    code = self._code
    before = len(code)
    late = len(self._late)
    method(self{params})
    # One word, not waiting for finalize(address) (:lo12:), no pool after it.
    if len(code) == before + 1 and len(self._late) == late:
        remember(memo, key, code[-1])
"""


def memoized(method: Callable[Concatenate[A, P], None]) -> Callable[Concatenate[A, P], None]:
    """Wrap an instruction method that emits one word computed from its operands.

    Its parameters must all be positional-or-keyword (every instruction method's are)."""
    parameters = list(inspect.signature(method).parameters.values())[1:]
    if any(p.kind is not p.POSITIONAL_OR_KEYWORD for p in parameters):
        raise TypeError(f"memoized: {method.__qualname__} has a *, ** or keyword-only parameter")
    names = [p.name for p in parameters]
    namespace: dict[str, object] = {
        "method": method, "memo": {}, "remember": _remember, "checks": _CHECKS}
    exec(_WRAPPER.format(params="".join(f", {n}" for n in names),
                         key="".join(f"{n}, " for n in names)), namespace)
    wrapper = cast("Callable[Concatenate[A, P], None]", namespace["instruction"])
    functools.update_wrapper(wrapper, method)
    wrapper.__defaults__ = method.__defaults__
    return wrapper


# How to remember a call, by the exact types of its operands: -1 for never (a Label's
# word depends on where the label is; floats have -0.0 == 0.0), else an index into
# _CHECKS. There are only a few dozen signatures in practice.
_PLANS: Final[dict[tuple[type, ...], int]] = {}


def _plan(types: tuple[type, ...]) -> int:
    checked = []
    for position, exact in enumerate(types):
        if exact not in _EXACT:
            if exact is not int and exact is not str:
                return -1
            checked.append((position, exact))
    plan = tuple(checked)
    if plan not in _CHECKS:
        _CHECKS.append(plan)
    return _CHECKS.index(plan)


def _remember(memo: dict[tuple[object, ...], _Entry], key: tuple[object, ...],
              word: int) -> None:
    types = tuple(map(type, key))
    plan = _PLANS.get(types)
    if plan is None:
        if len(_PLANS) >= MEMO_LIMIT:
            return  # an unusual signature: not worth a plan
        plan = _PLANS[types] = _plan(types)
    if plan < 0:
        return
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    memo[key] = word | plan << 32


F = TypeVar("F", bound=Callable[..., None])
_POSITION_DEPENDENT: Final = "_a64jit_position_dependent"


def position_dependent(method: F) -> F:
    """Mark a method whose word (nearly) always depends on where it lands (branches to
    labels): :func:`memoize_methods` leaves it alone rather than pay for misses."""
    method.__dict__[_POSITION_DEPENDENT] = True
    return method


def memoize_methods(cls: type) -> None:
    """Wrap every public instruction method that ``cls`` itself defines."""
    for name, value in list(vars(cls).items()):
        if (not name.startswith("_") and callable(value)
                and not getattr(value, _POSITION_DEPENDENT, False)):
            setattr(cls, name, memoized(value))
