"""Instruction memo: the assembler's fast path.

A JIT emits the same instructions over and over (the same registers, the same frame
offsets, the same constants), and an instruction's word depends on its operands
only, never on where it lands, unless an operand is a :class:`Label`. So each
instruction method remembers the word it built for each operand tuple, and a
repeated call is one dictionary lookup and one append instead of the operand checks
and the encoder.

What makes a hit exact:

* Registers, conditions and labels compare by identity; :class:`Mem`, :class:`Shift`
  and :class:`Extend` compare by value but only with their own exact type. A tuple of
  those can only equal a tuple of the same objects.
* An int or a str can equal a value of another type (``1 == 1.0 == True``). For those
  positions the entry records the exact type, and a hit must match it, so
  ``add(x0, x1, True)`` still raises after ``add(x0, x1, 1)`` was remembered.
* Only calls that emitted exactly one whole word and raised nothing are remembered,
  and only if every operand is one of the above: not with a Label (the word depends
  on where the label is) and not with a float (``-0.0 == 0.0``). Errors are raised
  by the full path every time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, Final, ParamSpec, TypeVar

from ..operands import Cond, Extend, FPRegister, GPRegister, Mem, Shift

if TYPE_CHECKING:
    from .core import AssemblerCore

P = ParamSpec("P")
A = TypeVar("A", bound="AssemblerCore")

#: Operand types whose equality already implies the exact same type.
_EXACT: Final = frozenset({GPRegister, FPRegister, Cond, Mem, Shift, Extend, type(None)})
#: Entries per instruction method before its memo starts over (bounds memory).
MEMO_LIMIT: Final = 4096

# An entry is the word itself, or (word, ((position, exact type), ...)) when some
# operand needs its type checked on a hit.
_Entry = int | tuple[int, tuple[tuple[int, type], ...]]


def memoized(method: Callable[Concatenate[A, P], None]) -> Callable[Concatenate[A, P], None]:
    """Wrap an instruction method that emits one word computed from its operands."""
    memo: dict[tuple[object, ...], _Entry] = {}

    def instruction(self: A, /, *args: P.args, **kwargs: P.kwargs) -> None:
        if not kwargs:
            try:
                entry = memo[args]
            except (KeyError, TypeError):  # TypeError: an unhashable operand
                pass
            else:
                if not isinstance(entry, tuple):
                    self._put(entry)
                    return
                word, must_be = entry
                for position, exact in must_be:
                    if type(args[position]) is not exact:
                        break
                else:
                    self._put(word)
                    return
        code = self._code
        before = len(code)
        method(self, *args, **kwargs)
        if kwargs or len(code) != before + 1 or self._tail:
            return
        checked: tuple[tuple[int, type], ...] = ()
        for position, arg in enumerate(args):
            exact = type(arg)
            if exact not in _EXACT:
                if exact is not int and exact is not str:
                    # Labels: the word depends on where the label is. Floats: -0.0 == 0.0.
                    return
                checked += ((position, exact),)
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[args] = (code[-1], checked) if checked else code[-1]

    functools.update_wrapper(instruction, method)
    return instruction


F = TypeVar("F", bound=Callable[..., None])


def position_dependent(method: F) -> F:
    """Mark a method whose word (nearly) always depends on where it lands (branches to
    labels): :func:`memoize_methods` leaves it alone rather than pay for misses."""
    method.__dict__[_POSITION_DEPENDENT] = True
    return method


_POSITION_DEPENDENT: Final = "_a64jit_position_dependent"


def memoize_methods(cls: type) -> None:
    """Wrap every public instruction method that ``cls`` itself defines."""
    for name, value in list(vars(cls).items()):
        if (not name.startswith("_") and callable(value)
                and not getattr(value, _POSITION_DEPENDENT, False)):
            setattr(cls, name, memoized(value))
