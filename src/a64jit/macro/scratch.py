"""Scratch registers handed out by nested scopes.

The MacroAssembler owns a small pool of scratch registers (x16 and x17, the
AAPCS64 intra-procedure-call registers: nothing may keep a value in them across
a call anyway). Helpers take them through a scope::

    with masm.scratch() as s:
        t = s.acquire()            # x16, or x17 if an enclosing scope holds x16
        masm.mov(t, 0x1234_5678_9ABC)

A register stays taken until its scope ends, so a nested helper can never get
(and clobber) a register an enclosing scope still uses. Macro instructions that
need a temporary open their own innermost scope, avoiding their operands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Final

from ..errors import A64Error
from ..operands import X_BY_CODE, GPRegister, Register

__all__ = ["DEFAULT_SCRATCH", "ScratchError", "ScratchPool", "ScratchScope"]

#: x16 (IP0) and x17 (IP1).
DEFAULT_SCRATCH: Final = (X_BY_CODE[16], X_BY_CODE[17])


class ScratchError(A64Error, ValueError):
    """No scratch register is free, or an operand is a scratch register that
    an enclosing scope holds (writing it would clobber that scope's value)."""


class ScratchScope:
    """One level of scratch-register ownership; use as a context manager."""

    def __init__(self, pool: ScratchPool, name: str) -> None:
        self._pool = pool
        self.name = name
        self.held: list[GPRegister] = []

    def __enter__(self) -> ScratchScope:
        pool = self._pool
        pool._stack.append(self)
        if pool._owner and not pool._nested:
            pool._set_nested(True)  # what the enclosing scopes hold is theirs
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        stack = self._pool._stack
        if not stack or stack[-1] is not self:
            raise ScratchError(f"scratch scope {self.name!r} closed out of order")
        stack.pop()
        pool = self._pool
        for reg in self.held:
            del pool._owner[reg.code]
        self.held.clear()
        if pool._nested and not (stack and any(o is not stack[-1] for o in pool._owner.values())):
            pool._set_nested(False)

    def acquire(self, reg: GPRegister | None = None, *, avoid: Iterable[Register] = (),
                size: int = 64) -> GPRegister:
        """Take a free scratch register (``reg`` for a particular one), not any in
        ``avoid``; returned as its ``x`` view, or ``w`` view with ``size=32``."""
        pool = self._pool
        if not pool._stack or pool._stack[-1] is not self:
            raise ScratchError(f"scratch scope {self.name!r} is not the innermost open scope")
        if reg is not None:
            if reg.code not in pool.codes:
                raise ScratchError(f"{reg} is not a scratch register ({pool.describe()})")
            if reg.code in pool._owner:
                raise ScratchError(f"{reg} is in use by scratch scope "
                                   f"{pool._owner[reg.code].name!r}")
            choice = X_BY_CODE[reg.code]
        else:
            skip = {r.code for r in avoid if isinstance(r, GPRegister) and not r.is_sp}
            free = [X_BY_CODE[c] for c in pool.codes if c not in pool._owner and c not in skip]
            if not free:
                raise ScratchError(f"{self.name}: no free scratch register ({pool.describe()}"
                                   + (f"; operands use {sorted(skip & set(pool.codes))}"
                                      if skip & set(pool.codes) else "") + ")")
            choice = free[0]
        pool._owner[choice.code] = self
        self.held.append(choice)
        return choice if size == 64 else choice.w


class ScratchPool:
    """The scratch registers of one MacroAssembler and who holds them."""

    def __init__(self, regs: Iterable[GPRegister] = DEFAULT_SCRATCH) -> None:
        self.codes: tuple[int, ...] = tuple(r.code for r in regs)
        self._owner: dict[int, ScratchScope] = {}
        self._stack: list[ScratchScope] = []
        # Whether a scope other than the innermost holds a register (so check() may
        # refuse an operand), and who to tell when that changes.
        self._nested = False
        self.on_nested: Callable[[bool], None] | None = None

    def _set_nested(self, nested: bool) -> None:
        self._nested = nested
        if self.on_nested is not None:
            self.on_nested(nested)

    def scope(self, name: str = "scratch") -> ScratchScope:
        return ScratchScope(self, name)

    def describe(self) -> str:
        parts = []
        for c in self.codes:
            owner = self._owner.get(c)
            parts.append(f"x{c} " + (f"held by {owner.name!r}" if owner else "free"))
        return ", ".join(parts)

    def check(self, insn: str, operands: Iterable[object]) -> None:
        """Refuse an operand that is a scratch register held by a scope other than
        the innermost one: the current code does not own it."""
        if not self._owner:
            return
        inner = self._stack[-1] if self._stack else None
        for op in operands:
            if isinstance(op, GPRegister) and not op.is_sp:
                owner = self._owner.get(op.code)
                if owner is not None and owner is not inner:
                    raise ScratchError(
                        f"{insn}: operand {op} is a scratch register held by the enclosing "
                        f"scope {owner.name!r}; acquire your own with masm.scratch()")
