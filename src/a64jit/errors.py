"""Exception types raised by a64jit.

Every error a caller can provoke with bad input derives from ``ValueError`` or
``TypeError`` (``OSError`` for the operating-system layer), so callers can catch
them with the standard types. Messages name the instruction, the operand and
what would have been allowed.
"""

from __future__ import annotations


class A64Error(Exception):
    """Base class of every a64jit-specific exception."""


class EncodingError(A64Error, ValueError):
    """An operand value cannot be encoded (immediate range, alignment, shift...)."""


class OperandError(A64Error, TypeError):
    """An operand has the wrong type or register class for the instruction."""


class LabelError(A64Error, ValueError):
    """A label was misused: unbound at finalize, bound twice, or foreign."""


class AsmSyntaxError(A64Error, ValueError):
    """The text front-end could not parse or encode a line.

    ``line`` and ``column`` are 1-based and point at the offending text.
    """

    def __init__(self, message: str, line: int, column: int, text: str = "") -> None:
        self.line = line
        self.column = column
        self.text = text
        self.reason = message
        where = f"line {line}, column {column}"
        super().__init__(f"{where}: {message}" + (f"\n    {text}" if text else ""))


def bad_value(insn: str, operand: str, value: object, allowed: str) -> EncodingError:
    """Build the standard "cannot encode" error."""
    return EncodingError(f"{insn}: {operand} {value!r} cannot be encoded; allowed: {allowed}")


def bad_operand(insn: str, operand: str, value: object, allowed: str) -> OperandError:
    """Build the standard "wrong operand kind" error."""
    return OperandError(f"{insn}: {operand} {value!r} is not valid here; expected {allowed}")


# --- runtime (issue 3) ---------------------------------------------------------------


class JitMemoryError(A64Error, ValueError):
    """Misuse of a JitBuffer or CodePtr (base class of the runtime's usage errors)."""


class CodeSizeError(JitMemoryError):
    """Code to install is empty or its length is not a multiple of 4."""


class BufferClosedError(JitMemoryError):
    """The JitBuffer was closed: nothing can be installed, patched or called."""


class BufferFullError(JitMemoryError):
    """A JitBuffer created with a fixed capacity has no room for the request."""


class FreedCodeError(JitMemoryError):
    """The CodePtr's code was freed (or its buffer closed); it cannot be called."""


class DoubleFreeError(FreedCodeError):
    """``JitBuffer.free`` was called twice for the same code."""
