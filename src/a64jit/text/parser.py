"""Text front-end: LLVM assembly syntax -> :class:`~a64jit.Assembler` calls.

The front-end only parses. Each instruction line becomes typed operands
(registers, ints, floats, Shift/Extend, Mem, Cond, Label, names) handed to the
Assembler method of the same mnemonic, so the text and the Python API share one
set of encoders. Parsed operand lists are cached by their text: real programs
repeat the same operands, and parsing is the front-end's main cost.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable
from typing import Any, Final, NamedTuple

from ..assembler import Assembler, AssemblerCore, Label
from ..encoding.fields import as_int64
from ..encoding.fpimm import decode_fpimm
from ..errors import A64Error, AsmSyntaxError
from ..operands import (
    CONDITIONS,
    EXTEND_CODES,
    LANES,
    REGISTERS,
    SHIFT_CODES,
    Extend,
    GPRegister,
    Mem,
    Shift,
    lo12,
    mem,
)

#: Mnemonics whose bare identifiers are condition codes rather than labels.
COND_MNEMONICS: Final = frozenset(
    "csel csinc csinv csneg cset csetm cinc cinv cneg ccmp ccmn fcsel fccmp fccmpe".split()
)
#: Mnemonics whose bare identifiers are system operand names (passed as strings).
NAME_MNEMONICS: Final = frozenset("mrs msr dmb dsb isb dc ic prfm prfum hint sys sysl bti".split())
#: Of those, mnemonics whose name is only the first operand: later identifiers are labels
#: (``prfm pldl1keep, target``).
_NAME_FIRST_ONLY: Final = frozenset(("prfm",))

#: Instruction methods: public Assembler methods that are not buffer/label/data API.
INSTRUCTIONS: Final = frozenset(
    n for n in dir(Assembler) if not n.startswith("_") and n not in dir(AssemblerCore)
)

_INT = re.compile(r"[+-]?(0x[0-9a-f]+|0b[01]+|0o?[0-7]+|[0-9]+)\Z", re.I)
_FLOAT = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)(e[+-]?\d+)?\Z", re.I)
_IDENT = re.compile(r"[A-Za-z_.$][\w.$]*\Z")
_LABEL_DEF = re.compile(r"\s*([A-Za-z_.$][\w.$]*|\d+)\s*:")
_LANE_INDEX = re.compile(r"\s*\[\s*(\d+)\s*\]\Z")  # LLVM allows "v1.d [ 1 ]"
_LOCAL_REF = re.compile(r"(\d+)([bf])\Z")


class _Sym:
    """A reference to a label by name, resolved per assembly."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class _LocalRef:
    """``Nb``/``Nf``: the nearest numeric local label ``N:`` before/after this line."""

    __slots__ = ("forward", "number")

    def __init__(self, number: str, forward: bool) -> None:
        self.number = number
        self.forward = forward


class _Lo12:
    """``:lo12:name`` by label name; ``base`` is set inside a memory operand."""

    __slots__ = ("base", "name")

    def __init__(self, name: str, base: GPRegister | None = None) -> None:
        self.name = name
        self.base = base


def _lo12_name(text: str) -> str | None:
    """The label name of ``:lo12:name`` or ``#:lo12:name``, else None."""
    t = text[1:] if text.startswith("#") else text
    if t[:6].lower() != ":lo12:":
        return None
    name = t[6:].strip()
    return name if _IDENT.match(name) else None


#: Parsed operands that name labels: each program resolves them to its own Label.
_PER_PROGRAM: Final = frozenset({_Sym, _LocalRef, _Lo12})


class _ParseError(Exception):
    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.column = column


def _parse_int(text: str) -> int | None:
    t = text.strip()
    if not _INT.match(t):
        return None
    neg = t.startswith("-")
    t = t.lstrip("+-").lower()
    if t.startswith("0x"):
        v = int(t, 16)
    elif t.startswith("0b"):
        v = int(t[2:], 2)
    elif t.startswith("0o"):
        v = int(t[2:], 8)
    else:
        v = int(t, 10)
    return -v if neg else v


def _parse_number(text: str) -> int | float | None:
    v = _parse_int(text)
    if v is not None:
        return v
    t = text.strip()
    return float(t) if _FLOAT.match(t) else None


def _split_top(text: str, base_col: int) -> list[tuple[str, int]]:
    """Split at commas outside brackets/braces; return (piece, column) pairs."""
    out: list[tuple[str, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append((text[start:i], base_col + start))
            start = i + 1
    out.append((text[start:], base_col + start))
    return [(p.strip(), c + len(p) - len(p.lstrip())) for p, c in out]


def _modifier(text: str, col: int) -> Shift | Extend | None:
    parts = text.split(None, 1)
    kind = parts[0].lower() if parts else ""
    if kind not in SHIFT_CODES and kind not in EXTEND_CODES:
        return None
    amount: int | None = None
    if len(parts) == 2:
        amt = parts[1].strip()
        amount = _parse_int(amt[1:] if amt.startswith("#") else amt)
        if amount is None:
            raise _ParseError(f"expected a shift amount after {kind!r}, got {parts[1]!r}", col)
    if kind in SHIFT_CODES:
        if amount is None:
            raise _ParseError(f"{kind} needs an amount, e.g. '{kind} #2'", col)
        return Shift(kind, amount)
    return Extend(kind, amount)


def _operand(text: str, col: int, mnemonic: str) -> Any:
    if not text:
        raise _ParseError("expected an operand", col)
    low = text.lower()
    reg = REGISTERS.get(low)
    if reg is not None:
        return reg
    lane = LANES.get(_LANE_INDEX.sub(r"[\1]", low) if "[" in low else low)
    if lane is not None:
        return lane
    page_offset = _lo12_name(text)
    if page_offset is not None:
        return _Lo12(page_offset)
    if text[0] == "#":
        if mnemonic == "fmov":
            return _fmov_immediate(text[1:], col)
        num = _parse_number(text[1:])
        if num is None:
            raise _ParseError(f"expected a number after '#', got {text!r}", col)
        return as_int64(num) if type(num) is int else num
    if text[0] == "[":
        return _memory(text, col, mnemonic)
    mod = _modifier(text, col)
    if mod is not None:
        return mod
    if low in CONDITIONS and mnemonic in COND_MNEMONICS:
        return CONDITIONS[low]
    num = _parse_number(text)
    if num is not None:
        if mnemonic == "fmov":
            return _fmov_immediate(text, col)  # "#" is optional
        return as_int64(num) if type(num) is int else num
    if _IDENT.match(text):
        if mnemonic in NAME_MNEMONICS:
            return low
        return _Sym(text)
    local = _LOCAL_REF.match(text)
    if local:
        return _LocalRef(str(int(local.group(1))), local.group(2) == "f")
    raise _ParseError(f"cannot parse operand {text!r}", col)


def _fmov_immediate(text: str, col: int) -> float:
    """LLVM reads an fmov immediate as a decimal float, or in hex as the raw imm8 of the
    encoding (``#0x70`` is 1.0): a value, checked by the same encoder as any other."""
    t = text.strip()
    if t.startswith("0x") and _INT.match(t):  # lower-case only, as in LLVM
        imm8 = int(t, 16)
        if imm8 > 0xFF:
            raise _ParseError(f"fmov: encoded immediate {text} is out of range; allowed: "
                              "#0x00..#0xff (the raw imm8) or a decimal value", col)
        return decode_fpimm(imm8)
    if not _FLOAT.match(t):
        raise _ParseError(f"fmov: expected a decimal value or a raw #0x00..#0xff imm8, got "
                          f"#{text}", col)
    return float(t)


def _memory(text: str, col: int, mnemonic: str) -> Mem | _Lo12:
    writeback = text.endswith("!")
    body = text[:-1].rstrip() if writeback else text
    if not body.endswith("]"):
        raise _ParseError(f"expected ']' to close memory operand {text!r}", col + len(text))
    parts = _split_top(body[1:-1], col + 1)
    base = REGISTERS.get(parts[0][0].lower())
    if not isinstance(base, GPRegister):
        raise _ParseError(f"expected a base register, got {parts[0][0]!r}", parts[0][1])
    if len(parts) == 1:
        if writeback:
            raise _ParseError("'!' needs an offset, e.g. [x1, #16]!", col + len(text) - 1)
        return Mem(base)
    off_text, off_col = parts[1]
    if len(parts) > 3:
        raise _ParseError("too many fields in memory operand", parts[3][1])
    index = REGISTERS.get(off_text.lower())
    if isinstance(index, GPRegister):
        mod = _modifier(parts[2][0], parts[2][1]) if len(parts) == 3 else None
        if len(parts) == 3 and mod is None:
            raise _ParseError(f"expected a shift or extend, got {parts[2][0]!r}", parts[2][1])
        if writeback:
            raise _ParseError("register offsets cannot be pre-indexed", col + len(text) - 1)
        return Mem(base, index, mod)
    if len(parts) == 3:
        raise _ParseError(f"unexpected {parts[2][0]!r}", parts[2][1])
    page_offset = _lo12_name(off_text)
    if page_offset is not None:
        if writeback:
            raise _ParseError(":lo12: takes no writeback", col + len(text) - 1)
        return _Lo12(page_offset, base)
    value = _parse_int(off_text[1:] if off_text.startswith("#") else off_text)
    if value is None:
        raise _ParseError(f"expected an offset register or immediate, got {off_text!r}", off_col)
    return Mem(base, as_int64(value), None, "pre" if writeback else "offset")


def _parse_operands(mnemonic: str, text: str, col: int) -> tuple[Any, ...]:
    if not text.strip():
        return ()
    ops: list[Any] = []
    post_candidate = False  # the previous operand was a bare "[xN]"
    for piece, pcol in _split_top(text, col):
        value = _operand(piece, pcol, "" if ops and mnemonic in _NAME_FIRST_ONLY else mnemonic)
        if post_candidate and type(value) is int:
            ops[-1] = Mem(ops[-1].base, as_int64(value), None, "post")  # "[xN], #imm"
            post_candidate = False
            continue
        post_candidate = type(value) is Mem and "," not in piece and not piece.endswith("!")
        ops.append(value)
    return tuple(ops)


_CACHE: dict[tuple[str, str], tuple[Any, ...]] = {}
_CACHE_LIMIT = 65536


class _Program:
    """One assembly run: the assembler, its labels by name, and directive handlers."""

    def __init__(self) -> None:
        self.asm = Assembler()
        self.labels: dict[str, Label] = {}
        # Numeric local labels: "N:" may be defined again and again. Nb means the latest
        # definition so far, Nf the next one (created when first referenced).
        self.latest_local: dict[str, Label] = {}
        self.next_local: dict[str, Label] = {}
        self.directives: dict[str, Callable[[str, int], None]] = {
            ".word": self._ints(self.asm.word), ".long": self._ints(self.asm.word),
            ".4byte": self._ints(self.asm.word), ".hword": self._ints(self.asm.hword),
            ".short": self._ints(self.asm.hword), ".2byte": self._ints(self.asm.hword),
            ".byte": self._ints(self.asm.byte), ".quad": self._quads,
            ".xword": self._quads, ".8byte": self._quads, ".dword": self._quads,
            ".align": self._p2align, ".p2align": self._p2align, ".balign": self._balign,
            ".text": _ignore, ".globl": _ignore, ".global": _ignore, ".type": _ignore,
            ".size": _ignore, ".section": _ignore,
        }

    def label(self, name: str) -> Label:
        lbl = self.labels.get(name)
        if lbl is None:
            lbl = self.labels[name] = self.asm.label(name)
        return lbl

    def define(self, name: str) -> None:
        if not name.isdigit():
            self.asm.bind(self.label(name))
            return
        number = str(int(name))
        lbl = self.next_local.pop(number, None) or self.asm.label(f"{number}f")
        self.asm.bind(lbl)
        self.latest_local[number] = lbl

    def local(self, ref: _LocalRef, col: int) -> Label:
        if ref.forward:
            lbl = self.next_local.get(ref.number)
            if lbl is None:
                lbl = self.next_local[ref.number] = self.asm.label(f"{ref.number}f")
            return lbl
        lbl = self.latest_local.get(ref.number)
        if lbl is None:
            raise _ParseError(f"local label {ref.number}b: no '{ref.number}:' before it", col)
        return lbl

    def resolve(self, operand: Any, col: int) -> Any:
        if type(operand) is _Sym:
            return self.label(operand.name)
        if type(operand) is _LocalRef:
            return self.local(operand, col)
        if type(operand) is _Lo12:
            page_offset = lo12(self.label(operand.name))
            return page_offset if operand.base is None else mem(operand.base, page_offset)
        return operand

    def _ints(self, emit: Callable[..., None]) -> Callable[[str, int], None]:
        def handler(args: str, col: int) -> None:
            values = []
            for piece, pcol in _split_top(args, col):
                v = _parse_int(piece)
                if v is None:
                    raise _ParseError(f"expected an integer, got {piece!r}", pcol)
                values.append(v)
            emit(*values)
        return handler

    def _quads(self, args: str, col: int) -> None:
        values: list[int | Label] = []
        for piece, pcol in _split_top(args, col):
            v = _parse_int(piece)
            if v is None and _IDENT.match(piece):
                values.append(self.label(piece))
            elif v is None:
                raise _ParseError(f"expected an integer or a label, got {piece!r}", pcol)
            else:
                values.append(v)
        self.asm.quad(*values)

    def _p2align(self, args: str, col: int) -> None:
        self._align(args, col, power=True)

    def _balign(self, args: str, col: int) -> None:
        self._align(args, col, power=False)

    def _align(self, args: str, col: int, power: bool) -> None:
        pieces = _split_top(args, col)
        n = _parse_int(pieces[0][0])
        if n is None or n < 0 or (power and n > 16):
            raise _ParseError(f"expected an alignment, got {pieces[0][0]!r}", pieces[0][1])
        fill = _parse_int(pieces[1][0]) if len(pieces) > 1 else None
        self.asm.align(1 << n if power else n, fill)

    def statement(self, text: str, col: int) -> None:
        while True:
            m = _LABEL_DEF.match(text)
            if not m or text[m.end():m.end() + 1] == ":":
                break
            self.define(m.group(1))
            col += m.end()
            text = text[m.end():]
        stripped = text.strip()
        if not stripped:
            return
        col += len(text) - len(text.lstrip())
        head, _, rest = stripped.partition(" ")
        if "\t" in head:
            head, _, more = head.partition("\t")
            rest = more + " " + rest
        mnemonic = head.lower()
        ops_col = col + len(stripped) - len(rest)
        if mnemonic.startswith("."):
            handler = self.directives.get(mnemonic)
            if handler is None:
                raise _ParseError(f"unknown directive {head!r}", col)
            handler(rest.strip(), ops_col)
            return
        name = mnemonic.replace(".", "_")
        if keyword.iskeyword(name):
            name += "_"
        if name not in INSTRUCTIONS:
            raise _ParseError(f"unknown instruction {head!r}", col)
        key = (mnemonic, rest)
        ops = _CACHE.get(key)
        if ops is None:
            ops = _parse_operands(mnemonic, rest, ops_col)
            if len(_CACHE) >= _CACHE_LIMIT:
                _CACHE.clear()
            _CACHE[key] = ops
        args = [self.resolve(o, ops_col) if type(o) in _PER_PROGRAM else o for o in ops]
        try:
            getattr(self.asm, name)(*args)
        except TypeError as exc:
            if isinstance(exc, A64Error):
                raise
            raise _ParseError(f"{mnemonic}: wrong operands ({exc})", col) from None


def _ignore(args: str, col: int) -> None:
    pass


def _strip_comment(line: str) -> str:
    cut = line.find("//")
    return line if cut < 0 else line[:cut]


class ListingLine(NamedTuple):
    """One source line of a listing: where its bytes start and how many there are."""

    offset: int
    size: int
    lineno: int
    source: str


def assemble_listing(text: str, address: int = 0) -> tuple[bytes, list[ListingLine]]:
    """Like :func:`assemble`, also returning a listing entry for every source line."""
    prog = _Program()
    listing: list[ListingLine] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw)
        start = prog.asm.offset
        col = 1
        for stmt in line.split(";"):
            try:
                prog.statement(stmt, col)
            except _ParseError as exc:
                raise AsmSyntaxError(str(exc), lineno, exc.column, raw) from None
            except (ValueError, TypeError) as exc:
                raise AsmSyntaxError(str(exc), lineno, col + len(stmt) - len(stmt.lstrip()),
                                     raw) from None
            col += len(stmt) + 1
        listing.append(ListingLine(start, prog.asm.offset - start, lineno, raw))
    try:
        return prog.asm.finalize(address), listing
    except (ValueError, TypeError) as exc:
        raise AsmSyntaxError(str(exc), len(listing) or 1, 1) from None


def assemble(text: str, address: int = 0) -> bytes:
    """Assemble LLVM-syntax AArch64 assembly ``text`` to machine code.

    One statement per line or ``;``-separated, ``//`` comments, ``name:`` labels and
    numeric local labels (``1:``, referenced as ``1b``/``1f``),
    ``.word/.quad/.byte/.hword/.align/.p2align/.balign`` directives. ``address``
    is where the code will run (it matters only for adrp and label addresses as
    data). Raises :class:`~a64jit.AsmSyntaxError` (a ValueError) naming the line
    and column of the first error.
    """
    return assemble_listing(text, address)[0]
