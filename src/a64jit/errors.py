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
        #: every error found in the source, in order, this one first: a statement that
        #: cannot be encoded does not stop the reading (as llvm-mc, the text front-end goes
        #: on to the next statement and reports them all, up to ``MAX_ERRORS``)
        self.errors: list[AsmSyntaxError] = [self]
        where = f"line {line}, column {column}"
        super().__init__(f"{where}: {message}" + (f"\n    {text}" if text else ""))

    #: the most errors one source reports (the rest are counted, not kept)
    MAX_ERRORS = 20


def show(value: object) -> str:
    """``repr(value)`` for an error message, safe and short for any value.

    Python refuses to print an int of more than 4300 decimal digits (and such a
    number would drown the message): huge ints are shown by their size and leading
    hex digits instead."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        digits = f"{abs(value):x}"
        sign = "-" if value < 0 else ""
        return f"{sign}0x{digits[:16]}... (a {value.bit_length()}-bit integer)"
    try:
        text = repr(value)
    except Exception:  # a user object whose __repr__ fails must not hide the real error
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= 200 else text[:197] + "..."


def bad_value(insn: str, operand: str, value: object, allowed: str) -> EncodingError:
    """Build the standard "cannot encode" error."""
    return EncodingError(f"{insn}: {operand} {show(value)} cannot be encoded; allowed: {allowed}")


def text_hint(value: object) -> str:
    """For a str operand (``"x0"``, ``"loop"``): what the Python API takes instead, else ""."""
    if not isinstance(value, str):
        return ""
    return ("; the Python API takes objects, not text (registers: from a64jit import x0; "
            "labels: a.label(); a64jit.assemble reads text)")


def bad_operand(insn: str, operand: str, value: object, allowed: str) -> OperandError:
    """Build the standard "wrong operand kind" error."""
    return OperandError(f"{insn}: {operand} {show(value)} is not valid here; expected {allowed}"
                        + (text_hint(value) if "register" in allowed else ""))


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


class BackendUnavailableError(A64Error, OSError):
    """The requested backend cannot run on this host (e.g. ``native`` on x86-64)."""


class NestingLimitError(A64Error, RecursionError):
    """Emulator: JIT -> host -> JIT calls nested deeper than the backend allows
    (``EmulatorBackend.MAX_NESTING``; Unicorn itself crashes past 63 levels)."""


class ConcurrentPatchError(JitMemoryError):
    """A patch of live code cannot be made safe for threads that may be running it."""


# --- emulator (issue 4) ----------------------------------------------------------------


class JitFault(A64Error, RuntimeError):
    """Generated code faulted while running in the emulator backend.

    Natively a fault (bad memory access, ``udf``, ``brk``, an instruction the
    CPU lacks) kills the process, as in every JIT; the emulator turns it into
    this exception and stays usable for the next call.

    ``pc`` is the address of the faulting instruction, ``address`` the address
    that faulted (the data address of a bad load/store, the fetch address of a
    bad branch target, else ``pc``), ``instruction`` the 32-bit word at ``pc``
    (None if unreadable) and ``disassembly`` its text when capstone is
    installed. ``reason`` says what happened; ``registers`` maps ``"x0"`` ..
    ``"x30"``, ``"sp"``, ``"pc"`` to their values at the fault.
    """

    def __init__(self, reason: str, pc: int, address: int | None = None,
                 instruction: int | None = None, disassembly: str | None = None,
                 registers: dict[str, int] | None = None) -> None:
        self.reason = reason
        self.pc = pc
        self.address = pc if address is None else address
        self.instruction = instruction
        self.disassembly = disassembly
        self.registers = dict(registers or {})
        where = f"at pc={pc:#x}"
        if instruction is not None:
            text = f" ({disassembly})" if disassembly else ""
            where += f": {instruction:#010x}{text}"
        if self.address != pc:
            where += f", fault address {self.address:#x}"
        super().__init__(f"{reason} {where}")


class JitTimeout(JitFault):
    """The emulator stopped generated code that exceeded its time or step limit.

    ``pc`` is where it was stopped. Raise the limit (``EmulatorBackend(timeout=...,
    max_steps=...)``) for code that legitimately runs longer.
    """
