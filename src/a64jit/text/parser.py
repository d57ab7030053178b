"""Text front-end: LLVM assembly syntax -> :class:`~a64jit.Assembler` calls.

The front-end only parses. Each instruction line becomes typed operands
(registers, ints, floats, Shift/Extend, Mem, Cond, Label, names) handed to the
Assembler method of the same mnemonic, so the text and the Python API share one
set of encoders. Parsed operand lists are cached by their text: real programs
repeat the same operands, and parsing is the front-end's main cost.

A source is split into lines at ``\\n`` (and ``\\r\\n``) only, as LLVM does; a lone
``\\r`` separates statements like ``;``. Sections (``.text``, ``.data``,
``.section .rodata`` ...) each get their own Assembler; references that the
Assembler cannot resolve by itself (a label in another section, a label plus an
offset, ``:lo12:``, ``adrp``, label values as data, external symbols) become
*fixups* of this module, resolved by :meth:`Unit.link` once every section's
address is known.
"""

from __future__ import annotations

import functools
import gc
import inspect
import itertools
import keyword
import re
import struct
from collections.abc import Callable
from typing import Any, Final, Literal, NamedTuple, TypeVar

from ..assembler import Assembler, AssemblerCore, Label, table
from ..assembler.branch import BRANCH
from ..assembler.mops import MOPS
from ..encoding.fields import as_int64
from ..encoding.fpimm import decode_fpimm
from ..encoding.pcrel import ADR, ADRP, BRANCH14, BRANCH19, BRANCH26, PcRelField
from ..errors import A64Error, AsmSyntaxError
from ..operands import (
    ASM_REGISTERS,
    CONDITIONS,
    EXTEND_CODES,
    LANES,
    SHIFT_CODES,
    Extend,
    GPRegister,
    Mem,
    Register,
    Shift,
    VElement,
    VRegister,
    WbMem,
    WbReg,
    x16,
)
from ..vecops import (
    ARRANGEMENTS,
    Msl,
    VArrangement,
    VLaneList,
    VList,
    VPacked,
    VPackedLane,
    arranged,
    msl,
    vlanes,
    vlist,
    vpacked_by_name,
    vreg_by_name,
)
from .expr import ExprError, Lin, Node, evaluate, has_symbols, parse_expr, parse_int_literal

#: Mnemonics whose bare identifiers are condition codes rather than labels: the table
#: rows with a ``cond`` operand, and the hand-written FP ones.
COND_MNEMONICS: Final = frozenset(
    [m for m, spec in table.mnemonics().items() if "cond" in spec.form.params]
    + "fcsel fccmp fccmpe".split())
#: Mnemonics whose bare identifiers are system operand names (passed as strings).
NAME_MNEMONICS: Final = frozenset(
    "mrs msr dmb dsb isb dc ic prfm prfum hint sys sysl bti tlbi at cfp dvp cpp brb psb tsb"
    .split())
#: Of those, mnemonics whose name is only the first operand: later identifiers are labels
#: (``prfm pldl1keep, target``).
_NAME_FIRST_ONLY: Final = frozenset(("prfm",))

#: Mnemonics whose ``[xn]!`` is an updated address register (the memory copy and set
#: instructions), not a pre-index that lacks its offset.
_WRITEBACK_ADDRESS: Final = frozenset(MOPS.rows)

#: Instruction methods: public Assembler methods that are not buffer/label/data API.
INSTRUCTIONS: Final = frozenset(
    n for n in dir(Assembler) if not n.startswith("_") and not hasattr(AssemblerCore, n)
)
#: Assembly mnemonic -> Assembler method. Every table row's mnemonic and aliases
#: (``b.eq``, ``beq``: table.mnemonics(), the one list of names); then the hand-written
#: methods of groups not (yet) in tables, named as their mnemonic (a trailing ``_`` for
#: Python keywords). A Python-only name (``b_eq``, ``b_cond``) is no mnemonic.
_TABLE_ROWS: Final = table.mnemonics()
_MNEMONICS: Final[dict[str, str]] = {m: spec.method for m, spec in _TABLE_ROWS.items()}
_MNEMONICS.update((n[:-1] if n[-1] == "_" and keyword.iskeyword(n[:-1]) else n, n)
                  for n in sorted(INSTRUCTIONS - {m for s in _TABLE_ROWS.values()
                                                  for m in s.methods})
                  if "_" not in n.rstrip("_"))
#: Prefixes whose ``prefix.<cond>`` rows take a condition in the mnemonic (b, bc).
_COND_PREFIXES: Final = frozenset(m.partition(".")[0] for m, spec in _TABLE_ROWS.items()
                                  if "cond" in spec.fields)

#: Largest alignment ``.align``/``.balign``/``.p2align`` accept (64 KiB: a page on any
#: AArch64 kernel); larger requests are almost always typos and would allocate gigabytes.
MAX_ALIGN: Final = 1 << 16
#: Largest block ``.zero``/``.space``/``.skip``/``.fill`` emit in one directive (16 MiB).
MAX_FILL: Final = 1 << 24

_CONDITION_NAMES: Final = sorted(CONDITIONS)
_T = TypeVar("_T")

#: PC-relative field of each mnemonic whose operand may be a label.
#: Table rows say it as their ``target`` field; the literal loads are hand-written.
_TARGET_FIELDS: Final[dict[str, PcRelField]] = {"ldr": BRANCH19, "ldrsw": BRANCH19,
                                                "prfm": BRANCH19}
_TARGET_FIELDS.update((spec.method, spec.fields["target"]) for spec in _TABLE_ROWS.values()
                      if "target" in spec.fields)
#: The branches among them (a label they cannot reach in this unit gets a veneer).
_BRANCHES: Final = frozenset(spec.method for spec in BRANCH.rows.values()
                             if spec.fields.get("target") not in (None, ADR, ADRP))

_INT = re.compile(r"[+-]?(0x[0-9a-f]+|0b[01]+|[0-9]+)\Z", re.I | re.ASCII)
_FLOAT = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)(e[+-]?\d+)?\Z", re.I | re.ASCII)
_IDENT = re.compile(r"[A-Za-z_.$][\w.$]*\Z", re.ASCII)
_LABEL_DEF = re.compile(r"[ \t]*([A-Za-z_.$][\w.$]*|[0-9]+)[ \t]*:(?!:)", re.ASCII)
_LANE_INDEX = re.compile(r"\s*\[\s*(0x[0-9a-f]+|\d+)\s*\]\Z", re.ASCII)  # LLVM allows "v1.d [ 1 ]"
_LOCAL_REF = re.compile(r"([0-9]+)([bf])\Z", re.ASCII)
_REGISTER_LIKE = re.compile(r"([xwbhsdqvz]|zt)[0-9]+\Z|[xw]?sp\Z|[xw]zr\Z|ip[01]\Z", re.I)
_ANY_REGISTER: Final = "x0-x30, w0-w30, sp, wsp, xzr, wzr, v0-v31, b/h/s/d/q0-31"
#: What a register name starting with this letter may be (for 'unknown register').
_REGISTER_RANGES: Final = {"x": "x0-x30, xzr, sp", "w": "w0-w30, wzr, wsp", "v": "v0-v31",
                           **{k: f"{k}0-{k}31" for k in "bhsdq"}}
_BAD_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SECTION_NAME = re.compile(r"[\w.$-]+\Z", re.ASCII)
_HEAD = re.compile(r"\s*\S+")
_REQ = re.compile(r"[ \t]*([A-Za-z_][\w$]*)[ \t]+\.req[ \t]+(\S+)[ \t]*\Z",
                  re.ASCII | re.IGNORECASE)
_ASSIGN = re.compile(r"[ \t]*([A-Za-z_.$][\w.$]*)[ \t]*=(?!=)(.*)\Z", re.ASCII)


def _did_you_mean(mnemonic: str) -> str:
    """``; did you mean 'ldr'?`` for a near miss of a known mnemonic (error path only)."""
    import difflib  # only here: not worth its import time on the way in

    close = difflib.get_close_matches(mnemonic, _MNEMONICS, n=3, cutoff=0.75)
    if not close:
        return ""
    return f"; did you mean {' or '.join(repr(c) for c in close)}?"


class _Sym:
    """A bare identifier: a label, an ``.equ`` symbol or (wrongly) a misspelt name."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class _LocalRef:
    """``Nb``/``Nf``: the nearest numeric local label ``N:`` before/after this line."""

    __slots__ = ("forward", "number")

    def __init__(self, number: str, forward: bool) -> None:
        self.number = number
        self.forward = forward


class _Expr:
    """An expression naming symbols, evaluated when the statement is assembled."""

    __slots__ = ("node", "text")

    def __init__(self, node: Node, text: str) -> None:
        self.node = node
        self.text = text


class _Lo12:
    """``:lo12:expr``; ``base`` is set inside a memory operand."""

    __slots__ = ("base", "node", "text")

    def __init__(self, node: Node, base: GPRegister | None = None, text: str = "") -> None:
        self.node = node
        self.base = base
        self.text = text  # the operand as written, for messages


class _MemExpr:
    """``[xn, #expr]`` whose offset names ``.equ`` symbols."""

    __slots__ = ("base", "mode", "node")

    def __init__(self, base: GPRegister, node: Node, mode: Literal["offset", "pre"]) -> None:
        self.base = base
        self.node = node
        self.mode = mode


class _Pool:
    """``=expr``: a literal-pool constant for ``ldr rt, =value``."""

    __slots__ = ("node",)

    def __init__(self, node: Node) -> None:
        self.node = node


#: Parsed operands that name symbols: each program resolves them itself.
_PER_PROGRAM: Final = frozenset({_Sym, _LocalRef, _Expr, _Lo12, _MemExpr, _Pool})


class _ParseError(Exception):
    def __init__(self, message: str, column: int, line: int | None = None) -> None:
        super().__init__(message)
        self.column = column
        self.line = line


def _parse_int(text: str, col: int = 0) -> int | None:
    """An integer literal (ASCII digits, as LLVM spells them), None if ``text`` is not
    one; malformed (``09``) or over-long ones raise."""
    t = text.strip()
    if not _INT.match(t):
        return None
    neg = t[0] == "-"
    try:
        v = parse_int_literal(t.lstrip("+-"))
    except ExprError as exc:
        raise _ParseError(str(exc), col) from None
    return -v if neg else v


def _parse_number(text: str, col: int = 0) -> int | float | None:
    v = _parse_int(text, col)
    if v is not None:
        return v
    t = text.strip()
    return float(t) if _FLOAT.match(t) else None


def _const_expr(text: str, col: int, what: str) -> int:
    """A constant integer expression (no symbols), e.g. a shift amount."""
    v = _parse_int(text, col)
    if v is not None:
        return v
    try:
        node = parse_expr(text)
    except ExprError as exc:
        raise _ParseError(f"{what}: {exc}", col + exc.offset) from None
    if has_symbols(node):
        raise _ParseError(f"{what} must be a constant, got {text!r}", col)
    return _constant(node, col, f"{what}: ")


def _constant(node: Node, col: int, what: str = "") -> int:
    """The value of a constant expression (no symbols); its errors (a shift by 70, a
    division by zero) are parse errors at ``col``."""
    try:
        return evaluate(node, _no_lookup).const
    except ExprError as exc:
        raise _ParseError(f"{what}{exc}", col + exc.offset) from None


def _no_lookup(node: Node) -> Lin:
    raise AssertionError(node)  # pragma: no cover - has_symbols() was False


def _split_top(text: str, base_col: int) -> list[tuple[str, int]]:
    """Split at commas outside brackets/braces/parentheses; (piece, column) pairs."""
    if "(" not in text and "[" not in text and "{" not in text:
        out: list[tuple[str, int]] = []
        start = 0
        for piece in text.split(","):
            stripped = piece.lstrip()
            out.append((stripped.rstrip(), base_col + start + len(piece) - len(stripped)))
            start += len(piece) + 1
        return out
    pieces: list[tuple[str, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in "[{(":
            depth += 1
        elif ch in "]})":
            depth -= 1
        elif ch == "," and depth == 0:
            pieces.append((text[start:i], base_col + start))
            start = i + 1
    pieces.append((text[start:], base_col + start))
    return [(p.strip(), c + len(p) - len(p.lstrip())) for p, c in pieces]


def _modifier(text: str, col: int) -> Shift | Extend | None:
    parts = text.split(None, 1)
    kind = parts[0].lower() if parts else ""
    if kind not in SHIFT_CODES and kind not in EXTEND_CODES:
        return None
    amount: int | None = None
    if len(parts) == 2:
        amt = parts[1].strip()
        amt_col = col + len(text) - len(amt)
        amount = _const_expr(amt[1:] if amt.startswith("#") else amt, amt_col,
                             f"{kind} amount")
    if kind in SHIFT_CODES:
        if amount is None:
            raise _ParseError(f"{kind} needs an amount, e.g. '{kind} #2'", col)
        return Shift(kind, amount)
    return Extend(kind, amount)


def _msl(text: str, col: int) -> Msl | None:
    """``msl #8``: the shifting-ones shift of movi/mvni, else None."""
    parts = text.split(None, 1)
    if not parts or parts[0].lower() != "msl":
        return None
    if len(parts) == 1:
        raise _ParseError("msl needs an amount, e.g. 'msl #8'", col)
    amt = parts[1].strip()
    return msl(_const_expr(amt[1:] if amt.startswith("#") else amt, col + len(text) - len(amt),
                           "msl amount"))


def _lo12(text: str, col: int) -> Node | None:
    """The expression of ``:lo12:expr`` or ``#:lo12:expr``, else None."""
    t = text[1:] if text.startswith("#") else text
    if t[:6].lower() != ":lo12:":
        if t[:1] == ":" and t.count(":") >= 2:
            spec = t[1:t.index(":", 1)]
            raise _ParseError(f"unsupported relocation specifier ':{spec}:'; supported: "
                              ":lo12:", col)
        return None
    return _expr_operand(t[6:], col + len(text) - len(t) + 6)


def _expr_operand(text: str, col: int) -> Node:
    try:
        return parse_expr(text)
    except ExprError as exc:
        raise _ParseError(str(exc), col + exc.offset) from None


def _immediate(text: str, col: int) -> Any:
    """An integer after '#' (or a bare number): constant now, or an _Expr for later."""
    num = _parse_number(text, col)
    if num is not None:
        return as_int64(num) if type(num) is int else num
    node = _expr_operand(text, col)
    if has_symbols(node):
        return _Expr(node, text)
    return as_int64(_constant(node, col))


def _lane_index(m: re.Match[str]) -> str:
    """``[ 1 ]`` or ``[0x1]`` (as capstone prints lane indexes) -> ``[1]``."""
    return f"[{int(m.group(1), 0)}]"


_LANE_LIST: Final = re.compile(r"(\{.*\})\s*\[\s*(0x[0-9a-f]+|\d+)\s*\]\Z", re.I | re.S)
_LANE_REG: Final = re.compile(r"v([0-9]|[12][0-9]|3[01])\.([bhsd])\Z", re.I)


def _lane_list(text: str, index: int, col: int) -> VLaneList:
    """``{v0.s, v1.s}[1]`` or ``{v0.s-v1.s}[1]``: one lane of 1-4 consecutive registers."""
    body = text[1:-1].strip()
    ranged = "-" in body
    parts = [p.strip() for p in body.split("-" if ranged else ",")]
    found = [_LANE_REG.match(p) for p in parts]
    if not all(found) or len({p.partition(".")[2] for p in parts}) != 1:
        raise _ParseError(f"lane list {text!r}: expected registers such as v0.s of one "
                          "element size", col)
    codes = [int(m.group(1)) for m in found if m]
    count = (codes[-1] - codes[0]) % 32 + 1 if ranged else len(codes)
    if (ranged and (len(codes) != 2 or count == 1)) or (not ranged and any(
            c != (codes[0] + i) % 32 for i, c in enumerate(codes))):
        raise _ParseError(f"lane list {text!r}: registers must be consecutive", col)
    if not 1 <= count <= 4:
        raise _ParseError(f"lane list {text!r}: 1 to 4 registers allowed", col)
    lane = LANES.get(f"v{codes[0]}.{parts[0].partition('.')[2].lower()}[{index}]")
    if lane is None:
        raise _ParseError(f"lane list {text!r}: lane index {index} is out of range", col)
    return vlanes(lane, count)


def _vector_list(text: str, col: int) -> VList | VLaneList:
    """``{v0.16b-v3.16b}`` or ``{v0.16b, v1.16b}``: 1-4 consecutive registers (mod 32) of
    one arrangement; ``{v0.s, v1.s}[1]``: one lane of each."""
    lanes = _LANE_LIST.match(text)
    if lanes:
        return _lane_list(lanes.group(1), int(lanes.group(2), 0), col)
    if not text.endswith("}"):
        raise _ParseError(f"expected '}}' to close register list {text!r}", col + len(text))
    body = text[1:-1].strip()
    if "-" in body:
        parts = [p.strip() for p in body.split("-")]
        if len(parts) != 2:
            raise _ParseError(f"bad register range {text!r}", col)
    else:
        parts = [p.strip() for p in body.split(",")]
    # LLVM compares the arrangement suffixes as written: {v0.2s, v1.2S} is an error
    suffixes = {p.partition(".")[2] for p in parts}
    if len(suffixes) > 1:
        raise _ParseError(f"register list {text!r}: mismatched arrangement suffixes", col)
    regs = [vreg_by_name(p.lower()) for p in parts]
    for p, r in zip(parts, regs, strict=True):
        if r is None:
            raise _ParseError(f"expected an arranged vector register such as v0.16b in a "
                              f"register list, got {p!r}", col)
    first = regs[0]
    assert first is not None
    count = len(regs)
    if "-" in body:
        last = regs[1]
        assert last is not None
        count = (last.code - first.code) % 32 + 1
        if count == 1:
            raise _ParseError(f"register list {text!r}: a range needs two registers", col)
        regs = [first, last]
    for i, r in enumerate(regs):
        assert r is not None
        if r.name.split(".")[1] != first.name.split(".")[1]:
            raise _ParseError(f"register list {text!r}: every register needs the same "
                              "arrangement", col)
        step = count - 1 if "-" in body and i else i
        if r.code != (first.code + step) % 32:
            raise _ParseError(f"register list {text!r}: registers must be consecutive", col)
    if not 1 <= count <= 4:
        raise _ParseError(f"register list {text!r}: 1 to 4 registers allowed", col)
    return vlist(first, count)


def _operand(text: str, col: int, mnemonic: str) -> Any:
    if not text:
        raise _ParseError("expected an operand", col)
    low = text.lower()
    reg = ASM_REGISTERS.get(low)
    if reg is not None:
        return reg
    lane = LANES.get(_LANE_INDEX.sub(_lane_index, low) if "[" in low else low)
    if lane is not None:
        return lane
    first = text[0]
    if first == "v" or first == "V":
        arranged = vreg_by_name(low)
        if arranged is not None:
            return arranged
        if ".4b" in low or ".2h" in low:  # v1.2h, v2.4b[3]: the dot products, FP16 pairwise
            try:
                group = vpacked_by_name(_LANE_INDEX.sub(_lane_index, low) if "[" in low
                                        else low)
            except A64Error as exc:  # an index outside 0..3
                raise _ParseError(f"{mnemonic}: {exc}", col) from None
            if group is not None:
                return group
    elif first == "{":
        return _vector_list(text, col)
    if first == "#" or first == ":":
        node = _lo12(text, col)
        if node is not None:
            return _Lo12(node, None, text)
        if first == ":":
            raise _ParseError(f"cannot parse operand {text!r}", col)
        if mnemonic == "fmov":
            return _fmov_immediate(text[1:], col)
        return _immediate(text[1:], col + 1)
    if first == "[":
        return _memory(text, col, mnemonic)
    if text[-1] == "!":  # "x2!": a register the instruction updates (cpy*, set*)
        updated = ASM_REGISTERS.get(text[:-1].rstrip().lower())
        if type(updated) is GPRegister:
            return WbReg(updated)
    if first == "=":
        return _Pool(_expr_operand(text[1:], col + 1))
    mod = _modifier(text, col)
    if mod is not None:
        return mod
    if (first == "m" or first == "M") and mnemonic in ("movi", "mvni", "orr", "bic"):
        ones = _msl(text, col)
        if ones is not None:
            return ones
    if mnemonic in COND_MNEMONICS:
        cond = CONDITIONS.get(low)
        if cond is not None:
            return cond
    num = _parse_number(text, col)
    if num is not None:
        if mnemonic == "fmov":
            return _fmov_immediate(text, col)  # "#" is optional
        return as_int64(num) if type(num) is int else num
    if _IDENT.match(text) and text != ".":  # "b ." is an expression: this instruction
        if mnemonic in NAME_MNEMONICS:
            return low
        return _Sym(text)
    local = _LOCAL_REF.match(text)
    if local:
        return _LocalRef(str(int(local.group(1))), local.group(2) == "f")
    if text[0] == "{":
        raise _ParseError(f"cannot parse operand {text!r}", col)
    return _immediate(text, col)


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


def _memory(text: str, col: int, mnemonic: str) -> Any:
    writeback = text.endswith("!")
    body = text[:-1].rstrip() if writeback else text
    if not body.endswith("]"):
        raise _ParseError(f"expected ']' to close memory operand {text!r}", col + len(text))
    parts = _split_top(body[1:-1], col + 1)
    base = ASM_REGISTERS.get(parts[0][0].lower())
    if not isinstance(base, GPRegister):
        what = "unknown register" if _IDENT.match(parts[0][0]) else "expected a base register,"
        raise _ParseError(f"{what} {parts[0][0]!r} as the base of a memory operand; "
                          "allowed: x0-x30, sp", parts[0][1])
    if base.size != 64 or (base.code == 31 and not base.is_sp):
        raise _ParseError(f"base of a memory operand must be x0-x30 or sp, got "
                          f"{parts[0][0]!r}", parts[0][1])
    if len(parts) == 1:
        if writeback:
            if mnemonic in _WRITEBACK_ADDRESS:  # cpyfp [x0]!, ...: the register is updated
                return WbMem(base)
            raise _ParseError("'!' needs an offset, e.g. [x1, #16]!", col + len(text) - 1)
        return Mem(base)
    off_text, off_col = parts[1]
    if len(parts) > 3:
        raise _ParseError("too many fields in memory operand", parts[3][1])
    index = ASM_REGISTERS.get(off_text.lower())
    if isinstance(index, GPRegister):
        mod = _modifier(parts[2][0], parts[2][1]) if len(parts) == 3 else None
        if len(parts) == 3 and mod is None:
            raise _ParseError(f"expected a shift or extend, got {parts[2][0]!r}", parts[2][1])
        if writeback:
            raise _ParseError("register offsets cannot be pre-indexed", col + len(text) - 1)
        return Mem(base, index, mod)
    if len(parts) == 3:
        raise _ParseError(f"unexpected {parts[2][0]!r}", parts[2][1])
    node = _lo12(off_text, off_col)
    if node is not None:
        if writeback:
            raise _ParseError(":lo12: takes no writeback", col + len(text) - 1)
        return _Lo12(node, base, off_text)
    mode: Literal["offset", "pre"] = "pre" if writeback else "offset"
    value = _parse_int(off_text[1:] if off_text.startswith("#") else off_text, off_col)
    if value is None:
        if _IDENT.match(off_text) and _REGISTER_LIKE.match(off_text):
            raise _ParseError(_unknown_register(off_text, " as the offset of a memory operand"),
                              off_col)
        skip = 1 if off_text.startswith("#") else 0
        imm = _immediate(off_text[skip:], off_col + skip)
        if type(imm) is _Expr:
            return _MemExpr(base, imm.node, mode)
        if type(imm) is not int:
            raise _ParseError(f"expected an offset register or immediate, got {off_text!r}",
                              off_col)
        value = imm
    return Mem(base, as_int64(value), None, "pre" if writeback else "offset")


def _parse_operands(mnemonic: str, text: str, col: int) -> tuple[tuple[Any, ...], tuple[int, ...],
                                                                 bool]:
    if not text.strip():
        return (), (), False
    ops: list[Any] = []
    cols: list[int] = []
    post_candidate = False  # the previous operand was a bare "[xN]"
    for piece, pcol in _split_top(text, col):
        try:
            value = _operand(piece, pcol, "" if ops and mnemonic in _NAME_FIRST_ONLY
                             else mnemonic)
        except _ParseError as exc:  # every operand error names the instruction
            message = str(exc)
            if mnemonic and not message.startswith(f"{mnemonic}:"):
                raise _ParseError(f"{mnemonic}: {message}", exc.column, exc.line) from None
            raise
        if post_candidate and type(value) is int:
            ops[-1] = Mem(ops[-1].base, as_int64(value), None, "post")  # "[xN], #imm"
            post_candidate = False
            continue
        post_candidate = type(value) is Mem and "," not in piece and not piece.endswith("!")
        ops.append(value)
        cols.append(pcol - col)  # relative: the same text may sit at another column
    dynamic = any(type(o) in _PER_PROGRAM for o in ops)
    return tuple(ops), tuple(cols), dynamic


_CACHE: dict[tuple[str, str], tuple[tuple[Any, ...], tuple[int, ...], bool]] = {}
#: Operands that carry their own arrangement or lane (not allowed in the Apple spelling).
_ARRANGED: Final = frozenset((VArrangement, VElement, VPacked, VPackedLane, VList,
                              VLaneList))
#: Apple-syntax mnemonic suffix (``cmls.8b``) -> arrangement attribute (``b8``).
_APPLE_KINDS: Final = {suffix: attr for attr, (_, _, suffix) in ARRANGEMENTS.items()
                       if attr != "q1"}
#: The widening, narrowing and long forms, whose Apple suffix is the destination's
#: arrangement (``sxtl.8h v1, v2`` is sxtl v1.8h, v2.8b), as llvm-mc 14 reads them.
_APPLE_MIXED: Final = frozenset(
    f"{base}{two}" for two in ("", "2") for base in (
        "addhn raddhn subhn rsubhn bfcvtn pmull shrn rshrn sqshrn sqrshrn uqshrn uqrshrn "
        "sqshrun sqrshrun xtn sqxtn uqxtn sqxtun saddl uaddl ssubl usubl sabal uabal sabdl "
        "uabdl smlal umlal smlsl umlsl smull umull sqdmlal sqdmlsl sqdmull saddw uaddw "
        "ssubw usubw shll sshll ushll sxtl uxtl").split()) | frozenset(
    ("sadalp", "uadalp", "saddlp", "uaddlp"))


def _apple(name: str, mnemonic: str, ops: tuple[Any, ...], attr: str) -> tuple[Any, ...]:
    """The operands of an Apple-syntax statement: every bare vector register arranged as
    ``attr``; for the forms of _APPLE_MIXED, the sources as the one arrangement each that
    makes the instruction valid with that destination (else as ``attr``, whose error the
    call then reports)."""
    uniform = tuple(arranged(o.code, attr) if type(o) is VRegister else o for o in ops)
    if mnemonic not in _APPLE_MIXED or not ops or type(ops[0]) is not VRegister:
        return uniform
    method = getattr(Assembler, name)
    sources = [i for i, o in enumerate(ops) if i and type(o) is VRegister]
    found: dict[bytes, tuple[Any, ...]] = {}
    for kinds in itertools.product(_APPLE_KINDS.values(), repeat=len(sources)):
        trial = list(uniform)
        for i, kind in zip(sources, kinds, strict=True):
            trial[i] = arranged(ops[i].code, kind)
        probe = Assembler()
        try:
            method(probe, *trial)
        except (ValueError, TypeError):
            continue
        found[probe.finalize()] = tuple(trial)
    return next(iter(found.values())) if len(found) == 1 else uniform
_CACHE_LIMIT = 65536
#: method name, mnemonic, column offsets of the mnemonic and the operands, operands,
#: their relative columns, whether any operand names a symbol
_Decoded = tuple[str, str, int, int, tuple[Any, ...], tuple[int, ...], bool]
_LINES: dict[str, _Decoded] = {}

_ARITY: dict[str, str] = {}


def _arity(name: str) -> str:
    """``3 or 4`` / ``2`` / ``at least 1``: operand counts an Assembler method takes."""
    text = _ARITY.get(name)
    if text is None:
        params = list(inspect.signature(getattr(Assembler, name)).parameters.values())[1:]
        if any(p.kind is p.VAR_POSITIONAL for p in params):
            text = f"at least {sum(1 for p in params if p.default is p.empty)}"
        else:
            low = sum(1 for p in params if p.default is p.empty)
            text = " or ".join(str(n) for n in range(low, len(params) + 1))
            if len(params) - low > 1:
                text = f"{low} to {len(params)}"
        _ARITY[name] = text
    return text


_ROLES: Final = (("destination", 0), ("first source", 1), ("second source", 2),
                 ("third source", 3), ("first", 0), ("second", 1), ("third", 2))


def _blame(message: str, args: list[Any], cols: tuple[int, ...], default: int) -> int:
    """The column of the operand an Assembler error message names."""
    if not cols:
        return default
    body = message.split(": ", 1)[-1]
    best: tuple[int, int] | None = None
    for i, arg in enumerate(args):
        if i >= len(cols):
            break
        r = repr(arg)
        pos = _find_word(body, r)
        if pos < 0 and type(arg) is Label:
            pos = body.find("Label(")
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, i)
    if best is None:
        for i, arg in enumerate(args[:len(cols)]):
            if (type(arg) is Shift and "shift" in body) or (type(arg) is Extend
                                                            and "extend" in body):
                return cols[i]
        # an address's offset or index is named by its role, not by the operand's repr
        for i, arg in enumerate(args[:len(cols)]):
            if isinstance(arg, (Mem, WbMem)) and ("offset" in body or "index" in body):
                return cols[i]
        return default
    pos, index = best
    same = [i for i, a in enumerate(args[:len(cols)]) if repr(a) == repr(args[index])]
    if len(same) > 1:
        before = body[:pos]
        for role, k in _ROLES:
            if before.rstrip().endswith(role) and k < len(cols):
                return cols[k]
    return cols[index]


def _find_word(text: str, word: str) -> int:
    start = 0
    while True:
        pos = text.find(word, start)
        if pos < 0:
            return -1
        end = pos + len(word)
        if (pos == 0 or not text[pos - 1].isalnum()) and (end == len(text)
                                                         or not text[end].isalnum()):
            return pos
        start = pos + 1


class _Fixup(NamedTuple):
    """A field filled in by :meth:`Unit.link`: ``kind`` is a PcRelField name, "lo12",
    or "data<N>" (an N-byte value)."""

    section: str
    offset: int
    kind: str
    lin: Lin | None  # the value (symbols still symbolic), or None: ``node`` evaluated at link
    node: Node | None
    insn: str
    line: int
    column: int
    text: str


_FIELDS: Final[dict[str, PcRelField]] = {f.name: f for f in
                                         (BRANCH26, BRANCH19, BRANCH14, ADR, ADRP)}


class Section:
    """One section of a unit: its name, kind ("code", "rodata", "data" or "bss"), the
    Assembler that builds it and its alignment."""

    def __init__(self, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind
        self.asm = Assembler()
        self.labels: dict[str, Label] = {}
        self.align = 4 if kind == "code" else 1
        self.key = "\x00" + name  # the symbol standing for the section's start address
        self.pool: list[tuple[object, int, Label, Lin, int, int]] = []
        self.data: bytes = b""


class Symbol(NamedTuple):
    """A label of a unit: its section, byte offset and whether ``.globl`` exported it."""

    section: str
    offset: int
    exported: bool


def _kind_of(name: str, flags: str = "", stype: str = "") -> str:
    if "x" in flags or name == ".text" or name.startswith(".text."):
        return "code"
    if "nobits" in stype or name == ".bss" or name.startswith((".bss.", ".tbss")):
        return "bss"
    if "w" in flags or name.startswith((".data", ".tdata")):
        return "data"
    return "rodata"


class _Program:
    """One assembly run: sections, symbols, fixups and directive handlers."""

    def __init__(self, allow_external: bool) -> None:
        self.allow_external = allow_external
        self.sections: dict[str, Section] = {}
        self.stack: list[tuple[Section, Section]] = []
        self.sec = self.previous = self.section(".text", "code")
        self.asm = self.sec.asm
        self.labels = self.sec.labels
        self.symbols: dict[str, tuple[Section, int]] = {}
        self.exported: set[str] = set()
        self.equs: dict[str, Lin] = {}
        #: ``name .req register`` aliases (lower-case names) and the pattern that finds them
        self.aliases: dict[str, str] = {}
        self.alias_re: re.Pattern[str] | None = None
        self.local_count: dict[str, int] = {}
        self.fixups: list[_Fixup] = []
        # first reference of each label that was unbound when referenced: for errors
        self.refs: dict[Label, list[tuple[int, int, int, str, str, str]]] = {}
        self.lineno = 0
        self.line_text = ""
        self.pending_fix: list[tuple[str, Lin | None, Node | None, int, str]] = []
        self.directives: dict[str, Callable[[str, int], None]] = {
            ".byte": self._data(1), ".hword": self._data(2), ".short": self._data(2),
            ".2byte": self._data(2), ".word": self._data(4), ".long": self._data(4),
            ".int": self._data(4), ".4byte": self._data(4), ".quad": self._data(8),
            ".xword": self._data(8), ".8byte": self._data(8), ".dword": self._data(8),
            ".float": self._floats("<f"), ".single": self._floats("<f"),
            ".double": self._floats("<d"),
            ".ascii": self._strings(b""), ".asciz": self._strings(b"\0"),
            ".string": self._strings(b"\0"),
            ".zero": self._zero, ".space": self._space, ".skip": self._space,
            ".fill": self._fill, ".org": self._org,
            ".align": self._p2align, ".p2align": self._p2align, ".balign": self._balign,
            ".equ": self._set, ".set": self._set,
            ".ltorg": self._ltorg, ".pool": self._ltorg,
            ".text": lambda a, c: self.switch(".text", "code"),
            ".data": lambda a, c: self.switch(".data", "data"),
            ".bss": lambda a, c: self.switch(".bss", "bss"),
            ".rodata": lambda a, c: self.switch(".rodata", "rodata"),
            ".section": self._section, ".pushsection": self._pushsection,
            ".popsection": self._popsection, ".previous": self._previous,
            ".unreq": self._unreq,
            ".globl": self._globl, ".global": self._globl, ".comm": self._comm,
            ".lcomm": self._comm, ".uleb128": self._leb(False), ".sleb128": self._leb(True),
            ".inst": self._inst,
        }
        for name in _IGNORED:
            self.directives[name] = _ignore
        self.directives[".end"] = _end

    # -- sections -----------------------------------------------------------------------

    def section(self, name: str, kind: str) -> Section:
        sec = self.sections.get(name)
        if sec is None:
            sec = self.sections[name] = Section(name, kind)
        return sec

    def switch(self, name: str, kind: str) -> None:
        sec = self.section(name, kind)
        if sec is not self.sec:
            self.previous = self.sec
        self.sec = sec
        self.asm = sec.asm
        self.labels = sec.labels

    def _section(self, args: str, col: int) -> None:
        pieces = _split_top(args, col)
        name = pieces[0][0]
        if not name or not (_SECTION_NAME.match(name) or name.startswith('"')):
            raise _ParseError(f".section: expected a section name, got {name!r}", pieces[0][1])
        name = name.strip('"')
        flags = pieces[1][0].strip('"') if len(pieces) > 1 else ""
        stype = pieces[2][0] if len(pieces) > 2 else ""
        self.switch(name, _kind_of(name, flags, stype))

    def _pushsection(self, args: str, col: int) -> None:
        self.stack.append((self.sec, self.previous))
        self._section(args, col)

    def _popsection(self, args: str, col: int) -> None:
        if not self.stack:
            raise _ParseError(".popsection without .pushsection", col)
        sec, previous = self.stack.pop()
        self.switch(sec.name, sec.kind)
        self.previous = previous

    def _previous(self, args: str, col: int) -> None:
        self.switch(self.previous.name, self.previous.kind)

    def _globl(self, args: str, col: int) -> None:
        for piece, pcol in _split_top(args, col):
            if not _IDENT.match(piece):
                raise _ParseError(f"expected a symbol name, got {piece!r}", pcol)
            self.exported.add(piece)

    def _comm(self, args: str, col: int) -> None:
        pieces = _split_top(args, col)
        if len(pieces) < 2 or not _IDENT.match(pieces[0][0]):
            raise _ParseError("expected '.comm name, size[, alignment]'", col)
        size = self._count(pieces[1][0], pieces[1][1], "size")
        if not 0 <= size <= MAX_FILL:  # (as .zero: the section's bytes are held here)
            raise _ParseError(f"size {size} is out of range; allowed: 0..{MAX_FILL}",
                              pieces[1][1])
        align = self._count(pieces[2][0], pieces[2][1], "alignment") if len(pieces) > 2 else 8
        if align <= 0 or align & (align - 1) or align > MAX_ALIGN:
            raise _ParseError(f"alignment {align} is not a power of two up to {MAX_ALIGN}",
                              pieces[2][1])
        current = self.sec
        self.switch(".bss", "bss")
        self.sec.align = max(self.sec.align, align)
        self._pad(-self.asm.offset % align)
        self.define(pieces[0][0], col)
        self.asm.data(bytes(size))
        self.switch(current.name, current.kind)

    # -- labels and symbols ---------------------------------------------------------------

    def label(self, name: str) -> Label:
        lbl = self.labels.get(name)
        if lbl is None:
            lbl = self.labels[name] = self.asm.label(name)
        return lbl

    def define(self, name: str, col: int) -> None:
        if name[0] in "0123456789":
            number = str(int(name))
            count = self.local_count.get(number, 0)
            self.local_count[number] = count + 1
            name = f"{number}\x02{count}"
        elif name in self.equs:
            raise _ParseError(f"symbol {name!r} is already defined by .equ/.set", col)
        if name in self.symbols:
            shown = name.split("\x02")[0]
            raise _ParseError(f"label {shown!r} is already defined", col)
        sec = self.sec
        lbl = self.labels.get(name)
        if lbl is None:
            lbl = self.labels[name] = sec.asm.label(name)
        if sec.asm.offset % 4:
            # Labels need not be word-aligned (data): the Label stays unbound (its
            # references are fixups) and the symbol table holds the position.
            self.symbols[name] = (sec, sec.asm.offset)
            return
        try:
            sec.asm.bind(lbl)
        except (ValueError, TypeError) as exc:
            self._bind_failed(lbl, exc, col)
        self.symbols[name] = (sec, sec.asm.offset)

    def _bind_failed(self, lbl: Label, exc: Exception, col: int) -> None:
        """A forward branch cannot reach: report it at the branch, not at the label."""
        here = self.asm.offset
        for offset, line, rcol, _, _, method in self.refs.get(lbl, ()):
            field = _TARGET_FIELDS.get(method)
            if field is None:
                continue
            delta = here - offset
            if field is ADRP:
                continue
            limit = 1 << (field.bits - 1)
            if not -limit <= delta // field.scale < limit:
                raise _ParseError(f"{exc} (the distance to {lbl.name!r})", rcol, line) from None
        raise _ParseError(str(exc), col) from None

    def _local_name(self, ref: _LocalRef, col: int) -> str:
        count = self.local_count.get(ref.number, 0)
        if ref.forward:
            return f"{ref.number}\x02{count}"
        if count == 0:
            raise _ParseError(f"local label {ref.number}b: no '{ref.number}:' before it", col)
        return f"{ref.number}\x02{count - 1}"

    def lookup(self, node: Node) -> Lin:
        """The value of a symbol leaf of an expression, as far as it is known now."""
        tag = node[0]
        if tag == ".":
            return Lin(self.asm.offset, {self.sec.key: 1})
        if tag == "l":
            name = self._local_name(_LocalRef(str(node[1]), bool(node[2])), 0)
        else:
            name = str(node[1])
            equ = self.equs.get(name)
            if equ is not None:
                return Lin(equ.const, dict(equ.terms))
        where = self.symbols.get(name)
        if where is not None:
            return Lin(where[1], {where[0].key: 1})
        return Lin(0, {name: 1})

    def evaluate(self, node: Node, col: int) -> Lin:
        try:
            return evaluate(node, self.lookup)
        except ExprError as exc:
            raise _ParseError(str(exc), col + exc.offset) from None
        except _ParseError as exc:
            if exc.column == 0:  # a local label the lookup could not place
                exc.column = col
            raise

    def _set(self, args: str, col: int) -> None:
        pieces = _split_top(args, col)
        if len(pieces) != 2 or not _IDENT.match(pieces[0][0]):
            raise _ParseError("expected '.set name, expression'", col)
        self.assign(pieces[0][0], pieces[1][0], pieces[0][1], pieces[1][1])

    def assign(self, name: str, text: str, name_col: int, col: int) -> None:
        if name in self.symbols:
            raise _ParseError(f"symbol {name!r} is already defined as a label", name_col)
        if name.lower() in ASM_REGISTERS:
            raise _ParseError(f"{name!r} is a register name", name_col)
        value = self.evaluate(_expr_operand(text, col), col)
        if name in value.terms:  # "x = x + 1" before any x: accepted, and wrong when used
            raise _ParseError(f"recursive use of {name!r}: it has no value before this "
                              "definition", col + len(text) - len(text.lstrip()))
        self.equs[name] = value

    # -- operands that name symbols -------------------------------------------------------

    def resolve(self, operand: Any, col: int, mnemonic: str, method: str) -> Any:
        kind = type(operand)
        if kind is _Sym:
            name = operand.name
            if method in _TARGET_FIELDS:
                equ = self.equs.get(name)
                if equ is None:
                    return self.target(name, col, mnemonic, method, operand.name)
                if equ.terms:  # ".set here, ." then "b here"
                    return self.deferred(_TARGET_FIELDS[method].name, equ, col, name)
            return self.constant(Lin(0, {name: 1}) if name not in self.equs
                                 else self.equs[name], col, mnemonic, name)
        if kind is _LocalRef:
            name = self._local_name(operand, col)
            if method in _TARGET_FIELDS:
                return self.target(name, col, mnemonic, method, f"{operand.number}"
                                   f"{'f' if operand.forward else 'b'}")
            raise _ParseError(f"{mnemonic}: a local label is not valid here", col)
        if kind is _Expr:
            lin = self.evaluate(operand.node, col)
            if lin.terms and method in _TARGET_FIELDS:
                return self.deferred(_TARGET_FIELDS[method].name, lin, col, operand.text)
            return self.constant(lin, col, mnemonic, operand.text)
        if kind is _Lo12:
            lin = self.evaluate(operand.node, col)
            _check_relocatable(lin, "lo12", ":lo12:", col)
            self.pending_fix.append(("lo12", lin, None, col, operand.text.lstrip("#")))
            return 0 if operand.base is None else Mem(operand.base, 0)
        if kind is _MemExpr:
            value = self.constant(self.evaluate(operand.node, col), col, mnemonic, "offset")
            return Mem(operand.base, value, None, operand.mode)
        raise _ParseError(f"{mnemonic}: '=value' is only valid as the address of ldr", col)

    def constant(self, lin: Lin, col: int, mnemonic: str, text: str) -> int:
        if not lin.terms:
            return as_int64(lin.const)
        names = [n for n in lin.terms if not n.startswith("\x00")]
        sections = [n[1:] for n in lin.terms if n.startswith("\x00")]
        if len(lin.terms) == 1 and names and lin.const == 0:
            name = names[0]
            if _REGISTER_LIKE.match(name) or (  # (v40.16b too, unless a symbol has that name)
                    _REGISTER_LIKE.match(name.split(".", 1)[0]) and name not in self.symbols):
                raise _ParseError(f"{mnemonic}: {_unknown_register(name)}", col)
            if mnemonic in COND_MNEMONICS:
                raise _ParseError(f"{mnemonic}: unknown condition {name!r}; allowed: "
                                  f"{', '.join(_CONDITION_NAMES)}", col)
            if name not in self.symbols:
                raise _ParseError(f"{mnemonic}: unknown symbol {name!r} (not a register, "
                                  "an .equ/.set constant or a label)", col)
        if names:
            raise _ParseError(f"{mnemonic}: {text!r} is not a constant here: it depends on "
                              f"the address of {', '.join(repr(n) for n in names)}", col)
        raise _ParseError(f"{mnemonic}: {text!r} is not a constant here: it depends on where "
                          f"section {', '.join(sections)} is loaded", col)

    def target(self, name: str, col: int, mnemonic: str, method: str, shown: str) -> Any:
        """A label operand of a branch, adr, adrp or literal load."""
        if method == "adrp":
            return self.deferred("adrp", Lin(0, {name: 1}), col, shown)
        lbl = self.labels.get(name)
        if lbl is None:
            where = self.symbols.get(name)
            if where is not None and where[0] is not self.sec:
                return self.deferred(_TARGET_FIELDS[method].name, Lin(0, {name: 1}), col,
                                     shown)
            lbl = self.labels[name] = self.asm.label(name)
        if lbl.offset is None:
            where = self.symbols.get(name)
            if where is not None:  # a data label not on a word boundary
                return self.deferred(_TARGET_FIELDS[method].name, Lin(0, {name: 1}), col,
                                     shown)
            refs = self.refs.get(lbl)
            if refs is None:
                refs = self.refs[lbl] = []
            refs.append((self.asm.offset, self.lineno, col, mnemonic, shown, method))
        return lbl

    def deferred(self, kind: str, lin: Lin | None, col: int, text: str,
                 node: Node | None = None) -> int:
        if lin is not None:
            _check_relocatable(lin, kind, text, col)
        self.pending_fix.append((kind, lin, node, col, text))
        return 0

    # -- statements --------------------------------------------------------------------

    def statement(self, text: str, col: int) -> None:
        pos = 0
        if ":" in text:
            while True:
                m = _LABEL_DEF.match(text, pos)
                if not m:
                    break
                self.define(m.group(1), col + m.start(1))
                pos = m.end()
            if pos:
                col += pos
                text = text[pos:]
        if self.alias_re is not None and not text.lstrip().startswith(".") \
                and not _REQ.match(text):  # (a .req names the alias it defines)
            text = self._unalias(text)
        # Real programs repeat whole statements: the decoded form is cached by text.
        hit = _LINES.get(text)
        if hit is None:
            hit = self._decode(text, col)
            if hit is None:  # empty, a directive or an assignment: done
                return
        name, mnemonic, lead, ops_off, ops, rel, dynamic = hit
        ops_col = col + ops_off
        col += lead
        if dynamic:
            cols = tuple(ops_col + c for c in rel)
            if type(ops[-1]) is _Pool and len(ops) == 2:
                self._literal(mnemonic, name, ops[0], ops[1], cols)
                return
            args = [self.resolve(o, c, mnemonic, name) if type(o) in _PER_PROGRAM else o
                    for o, c in zip(ops, cols, strict=True)]
            start = self.asm.offset
        else:
            args = ops  # type: ignore[assignment]
            start = 0
        try:
            getattr(self.asm, name)(*args)
        except (ValueError, TypeError) as exc:
            self.pending_fix.clear()
            cols = tuple(ops_col + c for c in rel)
            args = list(args)
            if isinstance(exc, TypeError) and not isinstance(exc, A64Error):
                raise _ParseError(f"{mnemonic}: expected {_arity(name)} operands, got "
                                  f"{len(args)}", col) from None
            raise _ParseError(_rename(str(exc), args, cols, ops),
                              _blame(str(exc), args, cols, col)) from None
        if self.pending_fix:
            for kind, lin, node, fcol, ftext in self.pending_fix:
                self.fixups.append(_Fixup(self.sec.name, start, kind, lin, node, mnemonic,
                                          self.lineno, fcol, ftext))
            self.pending_fix.clear()

    def _req(self, text: str, col: int) -> None:
        """``name .req register``: ``name`` stands for the register where one is read."""
        m = _REQ.match(text)
        assert m is not None
        name, reg = m.group(1).lower(), m.group(2).lower()
        ncol, rcol = col + m.start(1), col + m.start(2)
        reg = self.aliases.get(reg, reg)
        try:
            value = _operand(reg, rcol, ".req")
        except _ParseError:
            value = None
        if not isinstance(value, Register) or "." in reg:
            raise _ParseError(f".req: {m.group(2)!r} is not a register name or alias (a "
                              "register without arrangement: x3, w4, d0, v1)", rcol)
        try:
            own = _operand(name, ncol, ".req")
        except _ParseError:
            own = None
        if isinstance(own, Register):
            raise _ParseError(f".req: {m.group(1)!r} is a register name already", ncol)
        if self.aliases.get(name, reg) != reg:
            raise _ParseError(f".req: {m.group(1)!r} is an alias of {self.aliases[name]} "
                              f"already (.unreq {m.group(1)} first)", ncol)
        self.aliases[name] = reg
        self._alias_pattern()

    def _unreq(self, args: str, col: int) -> None:
        name = args.strip().lower()
        if name not in self.aliases:
            raise _ParseError(f"{args.strip()!r} is not a register alias (.req)", col)
        del self.aliases[name]
        self._alias_pattern()

    def _alias_pattern(self) -> None:
        # an alias is a whole name where a register may stand: not a symbol after '#',
        # ':lo12:' or '=' (as llvm-mc reads 'mov x0, #name')
        self.alias_re = re.compile(
            r"(?<![\w.$#:=])(" + "|".join(map(re.escape, sorted(self.aliases, key=len,
                                                                   reverse=True)))
            + r")(?![\w$])", re.IGNORECASE) if self.aliases else None

    def _unalias(self, text: str) -> str:
        """``text`` with each alias among its operands (not the mnemonic: ``b .req x1``
        leaves ``b label`` a branch) replaced by its register, padded to the alias's
        length where that keeps the columns after it (not before a '.16b' arrangement)."""
        assert self.alias_re is not None
        aliases = self.aliases

        def register(m: re.Match[str]) -> str:
            reg = aliases[m.group(1).lower()]
            after = m.string[m.end():m.end() + 1]
            return reg if after == "." else reg.ljust(len(m.group(1)))

        head = _HEAD.match(text)
        cut = head.end() if head is not None else 0
        return text[:cut] + self.alias_re.sub(register, text[cut:])

    def _decode(self, text: str, col: int) -> _Decoded | None:
        """Decode an instruction statement (cached by the caller), or run a directive or
        an assignment (None)."""
        col0 = col
        stripped = text.strip()
        if not stripped:
            return None
        col += len(text) - len(text.lstrip())
        head, _, rest = stripped.partition(" ")
        if "\t" in head:
            head, _, more = head.partition("\t")
            rest = more + " " + rest
        mnemonic = head.lower()
        ops_col = col + len(stripped) - len(rest)
        if rest and rest[0] == "." and _REQ.match(text):  # (any name: 'b .req x1' too)
            self._req(text, col0)
            return None
        if mnemonic[0] == ".":
            handler = self.directives.get(mnemonic)
            if handler is None:
                if "=" in stripped:
                    self._assignment(text, col)
                    return None
                raise _ParseError(f"unknown directive {head!r}", col)
            try:
                handler(rest.strip(), ops_col)
            except _ParseError as exc:  # every directive error names the directive
                message = str(exc)
                if not message.startswith(mnemonic):
                    raise _ParseError(f"{mnemonic}: {message}", exc.column, exc.line) from None
                raise
            return None
        name = _MNEMONICS.get(mnemonic)
        apple = None
        if name is None and "." in mnemonic:
            # LLVM's Apple NEON spelling: "cmls.8b v0, v2, v1" arranges every bare vector
            # register as the suffix says (instructions whose operands share it)
            base, _, suffix = mnemonic.rpartition(".")
            apple = _APPLE_KINDS.get(suffix)
            if apple is not None:
                name = _MNEMONICS.get(base)
                if name is None:
                    apple = None
                else:
                    mnemonic = base
        if name is None:
            if "=" in stripped and _ASSIGN.match(text):
                self._assignment(text, col)
                return None
            prefix, dot, cond = mnemonic.partition(".")
            if dot and prefix in _COND_PREFIXES and cond not in CONDITIONS:
                raise _ParseError(f"unknown condition {head[len(prefix) + 1:]!r} in {head!r}; "
                                  f"allowed: {', '.join(_CONDITION_NAMES)}", col + len(prefix) + 1)
            raise _ParseError(f"unknown instruction {head!r}{_did_you_mean(mnemonic)}", col)
        key = (mnemonic, rest)
        entry = _CACHE.get(key)
        if entry is None:
            entry = _parse_operands(mnemonic, rest, ops_col)
            if len(_CACHE) >= _CACHE_LIMIT:
                _CACHE.clear()
            _CACHE[key] = entry
        ops, rel, dynamic = entry
        if apple is not None:
            for op, rcol in zip(ops, rel, strict=True):
                if type(op) in _ARRANGED:  # as LLVM: no arrangement beside the suffix
                    raise _ParseError(f"{mnemonic}: with the suffix {head[len(mnemonic):]!r} "
                                      f"vector registers are written bare (v0), not {op}",
                                      ops_col + rcol)
            ops = _apple(name, mnemonic, ops, apple)
        decoded = (name, mnemonic, col - col0, ops_col - col0, ops, rel, dynamic)
        if len(_LINES) >= _CACHE_LIMIT:
            _LINES.clear()
        _LINES[text] = decoded
        return decoded

    def _assignment(self, text: str, col: int) -> None:
        m = _ASSIGN.match(text)
        if not m:
            raise _ParseError(f"cannot parse {text.strip()!r}", col)
        self.assign(m.group(1), m.group(2), col + m.start(1) - 0, col + m.start(2))

    def _literal(self, mnemonic: str, name: str, rt: Any, pool: _Pool,
                 cols: tuple[int, ...]) -> None:
        """``ldr rt, =value``: a mov when one movz does it (as LLVM), else a pool load."""
        if mnemonic != "ldr" or type(rt) is not GPRegister or rt.is_sp:
            raise _ParseError(f"{mnemonic}: '=value' needs ldr with an x or w register",
                              cols[0])
        lin = self.evaluate(pool.node, cols[1])
        size = rt.size // 8
        if not lin.terms:
            value = lin.const
            if not -(1 << (size * 8 - 1)) <= value < (1 << (size * 8)):
                raise _ParseError(f"ldr: literal {value} does not fit a {size * 8}-bit "
                                  f"register", cols[1] + 1)
            bits = value & ((1 << (size * 8)) - 1)
            for shift in range(0, size * 8, 16):
                if bits & ~(0xFFFF << shift) == 0:
                    self.asm.movz(rt, bits >> shift, Shift("lsl", shift))
                    return
            key: object = value  # as LLVM: one entry per value, shared by w and x loads
        else:
            if size != 8:
                raise _ParseError("ldr: a label address needs a 64-bit register", cols[0])
            key = (tuple(sorted(lin.terms.items())), lin.const)
        for k, entry_size, pooled, *_ in self.sec.pool:
            if k == key and entry_size >= size:
                lbl = pooled
                break
        else:
            lbl = self.sec.asm.label(f"literal {len(self.sec.pool)}")
            self.sec.pool.append((key, size, lbl, lin, self.lineno, cols[1]))
        self.asm.ldr(rt, lbl)

    # -- directives ------------------------------------------------------------------------

    def _data(self, size: int) -> Callable[[str, int], None]:
        low, high = -(1 << (size * 8 - 1)), (1 << (size * 8)) - 1
        directive = {1: ".byte", 2: ".hword", 4: ".word", 8: ".quad"}[size]

        def handler(args: str, col: int) -> None:
            out = bytearray()
            for piece, pcol in _split_top(args, col):
                v = _parse_int(piece, pcol)
                if v is None:
                    if not piece:
                        raise _ParseError(f"{directive}: expected a value", pcol)
                    node = _expr_operand(piece, pcol)
                    try:
                        lin = evaluate(node, self.lookup)
                    except ExprError:
                        lin = None  # needs labels defined later: evaluate at link time
                    except _ParseError as exc:
                        exc.column = exc.column or pcol
                        raise
                    if lin is None or lin.terms:
                        if lin is not None:
                            _check_relocatable(lin, "data", piece, pcol)
                        self.emit_data(out)
                        out = bytearray()
                        self.fixups.append(_Fixup(self.sec.name, self.asm.offset, f"data{size}",
                                                  lin, node if lin is None else None,
                                                  directive, self.lineno, pcol, piece))
                        self.asm.data(bytes(size))
                        continue
                    v = lin.const
                if not low <= v <= high:
                    raise _ParseError(f"{directive}: value {v} does not fit {size * 8} bits; "
                                      f"allowed: {low}..{high}", pcol)
                out += (v & high).to_bytes(size, "little")
            self.emit_data(out)
        return handler

    def emit_data(self, raw: bytes | bytearray) -> None:
        if raw:
            self.asm.data(raw)

    def _floats(self, fmt: str) -> Callable[[str, int], None]:
        def handler(args: str, col: int) -> None:
            out = bytearray()
            for piece, pcol in _split_top(args, col):
                t = piece.lower().lstrip("+")
                neg = t.startswith("-")
                body = t.lstrip("-")
                if body == "nan":  # LLVM: the all-ones quiet NaN
                    nan = b"\xff\xff\xff\x7f" if fmt == "<f" else b"\xff" * 7 + b"\x7f"
                    out += nan[:-1] + bytes([nan[-1] | (0x80 if neg else 0)])
                    continue
                if body in ("inf", "infinity"):
                    value = float(body)
                elif _FLOAT.match(piece) or (_INT.match(piece) and not body.startswith("0x")):
                    value = float(piece)
                else:
                    raise _ParseError(f"expected a floating-point number, got {piece!r}", pcol)
                if neg and body in ("inf", "infinity"):
                    value = -value
                try:
                    out += struct.pack(fmt, value)
                except OverflowError:
                    raise _ParseError(f"value {piece} is out of range for a single-precision "
                                      "float", pcol) from None
            self.emit_data(out)
        return handler

    def _strings(self, terminator: bytes) -> Callable[[str, int], None]:
        def handler(args: str, col: int) -> None:
            out = bytearray()
            pos = 0
            while True:
                while pos < len(args) and args[pos] in " \t":
                    pos += 1
                if pos >= len(args) or args[pos] != '"':
                    raise _ParseError("expected a string in double quotes", col + pos)
                raw, pos = _string(args, pos, col)
                out += raw + terminator
                while pos < len(args) and args[pos] in " \t":
                    pos += 1
                if pos >= len(args):
                    break
                if args[pos] != ",":
                    raise _ParseError(f"expected ',' after a string, got {args[pos]!r}",
                                      col + pos)
                pos += 1
            self.emit_data(out)
        return handler

    def _leb(self, signed: bool) -> Callable[[str, int], None]:
        def handler(args: str, col: int) -> None:
            out = bytearray()
            for piece, pcol in _split_top(args, col):
                v = self._count(piece, pcol, "value")
                if not signed and v < 0:
                    raise _ParseError(f".uleb128: value {v} is negative", pcol)
                while True:
                    byte = v & 0x7F
                    v >>= 7
                    done = (v == 0 and not byte & 0x40) or (v == -1 and byte & 0x40) \
                        if signed else v == 0
                    out.append(byte if done else byte | 0x80)
                    if done:
                        break
            self.emit_data(out)
        return handler

    def _inst(self, args: str, col: int) -> None:
        for piece, pcol in _split_top(args, col):
            v = self._count(piece, pcol, "instruction word")
            if not 0 <= v <= 0xFFFFFFFF:
                raise _ParseError(f".inst: {v:#x} does not fit 32 bits", pcol)
            if self.asm.offset % 4:
                raise _ParseError(f".inst at offset {self.asm.offset} is not 4-byte aligned",
                                  col)
            self.asm.emit(v)

    def _count(self, text: str, col: int, what: str) -> int:
        lin = self.evaluate(_expr_operand(text, col), col)
        if lin.terms:
            raise _ParseError(f"{what} must be a constant, got {text!r}", col)
        return lin.const

    def _zero(self, args: str, col: int) -> None:
        self._space(args, col)

    def _org(self, args: str, col: int) -> None:
        """``.org offset[, fill]``: fill up to ``offset`` from the section's start (a
        constant, or a label of this section defined before it plus a constant: ``.org
        vectors + 0x80``), never backwards; zeros by default, in code too, as llvm-mc."""
        pieces = _split_top(args, col)
        if not pieces[0][0]:
            raise _ParseError("expected an offset", col)
        lin = self.evaluate(_expr_operand(pieces[0][0], pieces[0][1]), pieces[0][1])
        if lin.terms and lin.terms != {self.sec.key: 1}:
            raise _ParseError(f"offset {pieces[0][0]!r} is not known here: a constant, or a "
                              "label of this section defined before it plus a constant",
                              pieces[0][1])
        fill = self._count(pieces[1][0], pieces[1][1], "fill") if len(pieces) > 1 else 0
        if not -128 <= fill <= 255:
            raise _ParseError(f"fill {fill} is not a byte; allowed: -128..255", pieces[1][1])
        here = self.asm.offset
        n = lin.const - here
        if n < 0:
            raise _ParseError(f"offset {lin.const:#x} is behind the current position "
                              f"{here:#x} in {self.sec.name}: .org cannot move back",
                              pieces[0][1])
        if n > MAX_FILL:
            raise _ParseError(f"offset {lin.const:#x} is {n} bytes ahead; allowed: up to "
                              f"{MAX_FILL}", pieces[0][1])
        self.emit_data(bytes([fill & 0xFF]) * n)

    def _space(self, args: str, col: int) -> None:
        pieces = _split_top(args, col)
        n = self._count(pieces[0][0], pieces[0][1], "size")
        fill = self._count(pieces[1][0], pieces[1][1], "fill") if len(pieces) > 1 else 0
        if not 0 <= n <= MAX_FILL:
            raise _ParseError(f"size {n} is out of range; allowed: 0..{MAX_FILL}", pieces[0][1])
        if not -128 <= fill <= 255:
            raise _ParseError(f"fill {fill} is not a byte; allowed: -128..255", pieces[1][1])
        self.emit_data(bytes([fill & 0xFF]) * n)

    def _fill(self, args: str, col: int) -> None:
        pieces = _split_top(args, col)
        repeat = self._count(pieces[0][0], pieces[0][1], "repeat")
        size = self._count(pieces[1][0], pieces[1][1], "size") if len(pieces) > 1 else 1
        value = self._count(pieces[2][0], pieces[2][1], "value") if len(pieces) > 2 else 0
        if not 0 <= size <= 8:
            raise _ParseError(f".fill: size {size} is out of range; allowed: 0..8", col)
        if not 0 <= repeat * size <= MAX_FILL:
            raise _ParseError(f".fill: {repeat} x {size} bytes is out of range; allowed: up to "
                              f"{MAX_FILL} bytes", pieces[0][1])
        # as GNU as: the value's low 4 bytes, little-endian, zero-extended to size
        unit = (value & 0xFFFFFFFF).to_bytes(8, "little")[:size]
        self.emit_data(unit * repeat)

    def _p2align(self, args: str, col: int) -> None:
        self._align(args, col, power=True)

    def _balign(self, args: str, col: int) -> None:
        self._align(args, col, power=False)

    def _align(self, args: str, col: int, power: bool) -> None:
        pieces = _split_top(args, col)
        if not pieces[0][0]:
            raise _ParseError("expected an alignment", col)
        n = self._count(pieces[0][0], pieces[0][1], "alignment")
        alignment = (1 << n) if power and 0 <= n <= 16 else n
        if (n < 0 or (power and n > 16) or alignment <= 0 or alignment & (alignment - 1)
                or alignment > MAX_ALIGN):
            limit = "0..16" if power else f"a power of two up to {MAX_ALIGN}"
            raise _ParseError(f"alignment {pieces[0][0]} is out of range; allowed: {limit} "
                              f"(at most {MAX_ALIGN} bytes)", pieces[0][1])
        fill: int | None = None
        if len(pieces) > 1 and pieces[1][0]:
            fill = self._count(pieces[1][0], pieces[1][1], "fill")
            if not -128 <= fill <= 255:
                raise _ParseError(f"fill {fill} is not a byte; allowed: -128..255",
                                  pieces[1][1])
        pad = -self.asm.offset % alignment
        if len(pieces) > 2:
            limit_bytes = self._count(pieces[2][0], pieces[2][1], "max")
            if pad > limit_bytes:
                return
        self.sec.align = max(self.sec.align, alignment)
        if self.sec.kind == "code" and not fill:
            self.asm.align(alignment)
        else:
            self._pad(pad, fill or 0)

    def _pad(self, pad: int, fill: int = 0) -> None:
        if pad:
            self.asm.data(bytes([fill & 0xFF]) * pad)

    def _ltorg(self, args: str, col: int) -> None:
        self.flush_pool(self.sec)

    def flush_pool(self, sec: Section) -> None:
        if not sec.pool:
            return
        asm = sec.asm
        for _, size, lbl, lin, line, col in sec.pool:
            pad = -asm.offset % size
            if pad:
                asm.data(bytes(pad))  # zeros, as LLVM pads pools (not nops)
            try:
                asm.bind(lbl)
            except (ValueError, TypeError) as exc:
                raise _ParseError(f"ldr: the literal pool is out of reach of this load "
                                  f"(put a .ltorg within 1 MiB of it): {exc}", col, line) \
                    from None
            if lin.terms:
                self.fixups.append(_Fixup(sec.name, asm.offset, f"data{size}", lin, None,
                                          "ldr", line, col + 1, "literal"))
                asm.data(bytes(size))
            else:
                asm.data((lin.const & ((1 << (size * 8)) - 1)).to_bytes(size, "little"))
        sec.pool.clear()

    # -- the end -----------------------------------------------------------------------------

    def finish(self) -> Unit:
        """Close every section: literal pools, veneers for far branches, bytes."""
        for sec in self.sections.values():
            self.flush_pool(sec)
            self.veneers(sec)
            sec.data = sec.asm.finalize(0)
        symbols = {name: Symbol(sec.name, offset, name in self.exported)
                   for name, (sec, offset) in self.symbols.items()}
        return Unit([s for s in self.sections.values()], symbols, self.fixups,
                    dict(self.equs), self.allow_external)

    def veneers(self, sec: Section) -> None:
        """Bind each label never defined in this section: branches to it go through a
        veneer (``ldr x16, 8; br x16; .quad target``) filled in at link time."""
        unbound = [lbl for lbl in sec.labels.values() if lbl.offset is None]
        if not unbound:
            return
        for lbl in unbound:
            refs = self.refs.get(lbl, [])
            name = str(lbl.name)
            defined = name in self.symbols or name in self.equs
            if not refs:
                continue
            _, line, col, insn, shown, _ = refs[0]
            if not defined and not self.allow_external:
                raise _ParseError(_undefined(insn, name, shown), col, line)
            asm = sec.asm
            if asm.offset % 4:
                asm.data(bytes(-asm.offset % 4))
            branches = any(ref[5] in _BRANCHES for ref in refs)
            if branches and asm.offset % 8 == 4:
                asm.nop()  # the veneer's address word lands 8-byte aligned
            try:
                asm.bind(lbl)
            except (ValueError, TypeError) as exc:
                self._bind_failed(lbl, exc, col)
            # adr and literal loads reach the real target (in range or an error at link
            # time): their field, patched for the label bound here, is filled in again
            for offset, rline, rcol, rinsn, rshown, rmethod in refs:
                if rmethod not in _BRANCHES:
                    self.fixups.append(_Fixup(sec.name, offset, _TARGET_FIELDS[rmethod].name,
                                              Lin(0, {name: 1}), None, rinsn, rline, rcol,
                                              rshown))
            if branches:
                asm.ldr(x16, 8)
                asm.br(x16)
                self.fixups.append(_Fixup(sec.name, asm.offset, "data8", Lin(0, {name: 1}),
                                          None, insn, line, col, shown))
                asm.data(bytes(8))


def _undefined(insn: str, name: str, shown: str) -> str:
    """The error for a reference to ``name`` that nothing defines: a numeric local label
    (``1f``, stored as ``1\x02N``) says so, as ``2b`` does, rather than naming a symbol
    '1' or '1f' the source never defined."""
    if "\x02" in name:
        number = name.split("\x02")[0]
        return f"{insn}: local label {number}f: no '{number}:' after it"
    return f"{insn}: undefined symbol {shown!r}"


def _check_relocatable(lin: Lin, kind: str, text: str, col: int) -> None:
    """An address field holds one symbol plus a constant (data may also hold the
    difference of two symbols): anything else has no meaning once loaded."""
    weight = sum(lin.terms.values())
    if weight == 1 or (weight == 0 and kind == "data"):
        return
    raise _ParseError(f"expression {text!r} is not a symbol plus or minus a constant"
                      + (" (or a difference of two symbols)" if kind == "data" else ""), col)


def _string(text: str, pos: int, col: int) -> tuple[bytes, int]:
    """Parse the string literal starting at ``text[pos] == '"'``; (bytes, end)."""
    out = bytearray()
    i = pos + 1
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            return bytes(out), i + 1
        if ch == "\\":
            i += 1
            if i >= n:
                break
            esc = text[i]
            if esc in _ESCAPES:
                out.append(_ESCAPES[esc])
                i += 1
            elif esc in "01234567":
                j = i
                while j < n and j < i + 3 and text[j] in "01234567":
                    j += 1
                out.append(int(text[i:j], 8) & 0xFF)
                i = j
            elif esc in "xX":
                j = i + 1
                while j < n and text[j] in "0123456789abcdefABCDEF":
                    j += 1
                if j == i + 1:
                    raise _ParseError("\\x needs hex digits", col + i)
                out.append(int(text[i + 1:j], 16) & 0xFF)
                i = j
            else:
                raise _ParseError(f"unknown escape '\\{esc}' in string", col + i - 1)
            continue
        out += ch.encode("utf-8")
        i += 1
    raise _ParseError("unterminated string", col + pos)


_ESCAPES: Final = {"n": 10, "t": 9, "r": 13, "b": 8, "f": 12, "v": 11, "a": 7, "\\": 92,
                   '"': 34, "'": 39, "e": 27}


def _unknown_register(name: str, role: str = "") -> str:
    """'unknown register NAME[ role] (allowed: ...)', the range by the name's first letter."""
    allowed = _REGISTER_RANGES.get(name[:1].lower(), _ANY_REGISTER)
    return f"unknown register {name!r}{role} (allowed: {allowed})"


def _rename(message: str, args: list[Any], cols: tuple[int, ...], ops: tuple[Any, ...]) -> str:
    """Say 'unknown register x32' instead of showing the Label a misspelling became."""
    for arg, op in zip(args, ops, strict=False):
        if type(arg) is Label and type(op) is _Sym and f"{arg!r}" in message:
            name = op.name
            if _REGISTER_LIKE.match(name):
                return f"{message.split(':', 1)[0]}: {_unknown_register(name)}"
            return message.replace(repr(arg), f"label {name!r}")
    return message


def _ignore(args: str, col: int) -> None:
    pass


class _End(Exception):
    """``.end``: nothing after it is assembled (the rest of its line included)."""


def _end(args: str, col: int) -> None:
    if args.strip():
        raise _ParseError(f"unexpected {args.strip()!r}: nothing follows .end on its line",
                          col)
    raise _End


#: Bookkeeping directives compilers emit that have no effect on the bytes here.
_IGNORED: Final = (
    ".type", ".size", ".ident", ".file", ".loc", ".arch", ".arch_extension", ".cpu",
    ".local", ".weak", ".hidden", ".protected", ".internal", ".addrsig", ".addrsig_sym",
    ".cfi_startproc", ".cfi_endproc", ".cfi_def_cfa", ".cfi_def_cfa_offset",
    ".cfi_def_cfa_register", ".cfi_offset", ".cfi_restore", ".cfi_remember_state",
    ".cfi_restore_state", ".cfi_sections", ".cfi_negate_ra_state", ".cfi_escape",
    ".cfi_rel_offset", ".cfi_adjust_cfa_offset", ".cfi_register", ".cfi_same_value",
    ".cfi_undefined", ".cfi_window_save", ".cfi_signal_frame", ".cfi_personality",
    ".cfi_lsda", ".cfi_b_key_frame", ".variant_pcs",
)


class ListingLine(NamedTuple):
    """One source line of a listing: where its bytes start and how many there are.

    ``offset`` is relative to the start of :func:`assemble`'s output (sections laid out
    one after another) and ``section`` names the section the bytes belong to."""

    offset: int
    size: int
    lineno: int
    source: str
    section: str = ".text"


class Unit:
    """An assembled source: sections with their bytes, symbols and the fixups that
    :meth:`link` fills in once the sections' addresses (and any external symbols')
    are known."""

    def __init__(self, sections: list[Section], symbols: dict[str, Symbol],
                 fixups: list[_Fixup], equs: dict[str, Lin], allow_external: bool) -> None:
        self.sections = {s.name: s for s in sections}
        self.symbols = symbols
        self.fixups = fixups
        self.equs = equs
        self.allow_external = allow_external

    def externals(self) -> list[str]:
        """Names the unit references but does not define (supplied to :meth:`link`)."""
        names: set[str] = set()
        for fix in self.fixups:
            if fix.lin is not None:
                names.update(n for n in fix.lin.terms if n[0] != "\x00"
                             and n not in self.symbols and n not in self.equs)
        return sorted(names)

    def layout(self, address: int) -> dict[str, int]:
        """Addresses of the sections laid out one after another from ``address``: the
        first at ``address`` itself, each next one at a multiple of its alignment from
        there (alignment is relative to the start, as within an Assembler)."""
        bases: dict[str, int] = {}
        pos = 0
        for sec in self.sections.values():
            if not sec.data and sec.name != ".text":
                continue
            pos += -pos % sec.align
            bases[sec.name] = address + pos
            pos += len(sec.data)
        for name in self.sections:
            bases.setdefault(name, address + pos)  # empty sections: nothing lives there
        return bases

    def address_of(self, name: str, bases: dict[str, int],
                   externals: dict[str, int] | None = None) -> int | None:
        sym = self.symbols.get(name)
        if sym is not None:
            return bases[sym.section] + sym.offset
        if externals and name in externals:
            return externals[name]
        return None

    def link(self, bases: dict[str, int],
             externals: dict[str, int] | None = None) -> dict[str, bytes]:
        """Each section's bytes with every fixup filled in for the given addresses."""
        out = {name: bytearray(sec.data) for name, sec in self.sections.items()}
        for fix in self.fixups:
            try:
                value = self._value(fix, bases, externals)
                self._apply(fix, out[fix.section], bases[fix.section] + fix.offset, value)
            except (ValueError, TypeError) as exc:
                if isinstance(exc, AsmSyntaxError):
                    raise
                message = str(exc)  # (an expression's own error does not name the directive)
                if not message.startswith(f"{fix.insn}:"):
                    message = f"{fix.insn}: {message}"
                raise AsmSyntaxError(message, fix.line, fix.column) from None
        return {name: bytes(data) for name, data in out.items()}

    def _value(self, fix: _Fixup, bases: dict[str, int],
               externals: dict[str, int] | None) -> int:
        lin = fix.lin
        if lin is None:
            assert fix.node is not None
            node = fix.node

            def lookup(leaf: Node) -> Lin:
                if leaf[0] == "s":
                    name = str(leaf[1])
                    if name in self.equs:
                        return self.equs[name]
                    sym = self.symbols.get(name)
                    if sym is not None:
                        return Lin(sym.offset, {"\x00" + sym.section: 1})
                    return Lin(0, {name: 1})
                raise ExprError(f"{fix.text!r}: '.' and local labels cannot be resolved late")
            lin = evaluate(node, lookup)
            try:
                _check_relocatable(lin, "data", fix.text, fix.column)
            except _ParseError as exc:
                raise AsmSyntaxError(str(exc), fix.line, fix.column) from None
        value = lin.const
        for name, coeff in lin.terms.items():
            if name[0] == "\x00":
                addr: int | None = bases[name[1:]]
            else:
                addr = self.address_of(name, bases, externals)
                if addr is None and name in self.equs:
                    addr = self._equ_value(name, bases, externals, fix, 0)
                if addr is None:
                    raise AsmSyntaxError(_undefined(fix.insn, name, name), fix.line,
                                         fix.column)
            assert addr is not None
            value += coeff * addr
        return value

    def _equ_value(self, name: str, bases: dict[str, int], externals: dict[str, int] | None,
                   fix: _Fixup, depth: int) -> int:
        """The value of a ``.set`` symbol that names labels (``.set anchor, . + 0``)."""
        if depth > 32:
            raise AsmSyntaxError(f"{fix.insn}: .set symbol {name!r} is defined in terms of "
                                 "itself", fix.line, fix.column)
        eq = self.equs[name]
        value = eq.const
        for term, coeff in eq.terms.items():
            if term[0] == "\x00":
                addr: int | None = bases[term[1:]]
            else:
                addr = self.address_of(term, bases, externals)
                if addr is None and term in self.equs:
                    addr = self._equ_value(term, bases, externals, fix, depth + 1)
            if addr is None:
                raise AsmSyntaxError(f"{fix.insn}: undefined symbol {term!r} (in .set "
                                     f"{name!r})", fix.line, fix.column)
            value += coeff * addr
        return value

    @staticmethod
    def _apply(fix: _Fixup, data: bytearray, place: int, value: int) -> None:
        kind = fix.kind
        off = fix.offset
        if kind.startswith("data"):
            size = int(kind[4:])
            if not -(1 << (size * 8 - 1)) <= value < (1 << (size * 8)):
                raise ValueError(f"{fix.insn}: value {value} of {fix.text!r} does not fit "
                                 f"{size * 8} bits")
            data[off:off + size] = (value & ((1 << (size * 8)) - 1)).to_bytes(size, "little")
            return
        word = int.from_bytes(data[off:off + 4], "little")
        if kind == "lo12":
            word = _patch_lo12(fix, word, value & 0xFFF)
        elif kind == "adrp":
            word = ADRP.patch(fix.insn, word, (value & ~0xFFF) - (place & ~0xFFF))
        else:
            word = _FIELDS[kind].patch(fix.insn, word, value - place)
        data[off:off + 4] = word.to_bytes(4, "little")


def _patch_lo12(fix: _Fixup, word: int, page_offset: int) -> int:
    """Fill imm12 (bits 21..10) of an add (immediate) or an unsigned-offset load/store."""
    scale = 0
    if (word >> 27) & 7 == 7 and (word >> 24) & 3 == 1:  # load/store, unsigned offset
        scale = word >> 30
        if (word >> 26) & 1 and scale == 0 and (word >> 23) & 1:
            scale = 4  # 128-bit q register
    elif (word >> 23) & 0x3F != 0x22 or (word >> 29) & 3:  # add (immediate), not sub/adds
        raise ValueError(f"{fix.insn}: :lo12: is only valid in add (immediate) and in "
                         "loads/stores with an unsigned offset")
    if page_offset & ((1 << scale) - 1):
        raise ValueError(f"{fix.insn}: {fix.text or ':lo12:'} is {page_offset:#x}, not a multiple "
                         f"of {1 << scale} (the access size)")
    return word | (page_offset >> scale) << 10


def _lines(text: object) -> list[str]:
    if not isinstance(text, str):
        raise TypeError(f"assemble: expected the source as a str, got {type(text).__name__}")
    lines = text.split("\n")
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # the newline ending the last line does not start another
    return lines


def _blank_block_comments(lines: list[str]) -> list[str]:
    """``lines`` with each ``/* ... */`` comment (it may span lines) turned into spaces,
    so that columns and line numbers stay those of the source; a ``/*`` inside a string
    or after ``//`` starts none, as in LLVM and GNU as."""
    out: list[str] = []
    start: tuple[int, int] | None = None  # (line, column) of an open comment
    for lineno, line in enumerate(lines, 1):
        if start is None and "/*" not in line:
            out.append(line)
            continue
        chars = list(line)
        in_str = False
        i = 0
        while i < len(line):
            if start is not None:
                if line.startswith("*/", i):
                    chars[i] = chars[i + 1] = " "
                    start = None
                    i += 2
                    continue
                chars[i] = " "
            elif in_str:
                if line[i] == "\\":
                    i += 1
                elif line[i] == '"':
                    in_str = False
            elif line[i] == '"':
                in_str = True
            elif line.startswith("//", i):
                break
            elif line.startswith("/*", i):
                start = (lineno, i + 1)
                chars[i] = chars[i + 1] = " "
                i += 2
                continue
            i += 1
        out.append("".join(chars))
    if start is not None:
        raise AsmSyntaxError("unterminated comment: '/*' has no '*/'", start[0], start[1],
                             lines[start[0] - 1].rstrip("\r"))
    return out


def _split_comment(line: str) -> tuple[str, str]:
    """(code, rest) where rest starts at a '//' comment, outside string literals."""
    if '"' not in line:
        cut = line.find("//")
        return (line, "") if cut < 0 else (line[:cut], line[cut:])
    in_str = False
    i = 0
    while i < len(line):
        ch = line[i]
        if in_str:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch == "/" and line.startswith("//", i):
            return line[:i], line[i:]
        i += 1
    return line, ""


def _statements(code: str) -> list[str]:
    """Split at ';' outside string literals."""
    if '"' not in code:
        return code.split(";")
    out: list[str] = []
    in_str = False
    start = 0
    i = 0
    while i < len(code):
        ch = code[i]
        if in_str:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch == ";":
            out.append(code[start:i])
            start = i + 1
        i += 1
    out.append(code[start:])
    return out


def _without_gc(fn: Callable[..., _T]) -> Callable[..., _T]:
    """Run ``fn`` with the cyclic garbage collector paused: an assembly creates many
    small acyclic objects (labels, symbols, fixups), and the collector's passes over them
    grow with the input (quadratic in the end) and find nothing."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> _T:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()
    return wrapper


def _run(text: object, allow_external: bool,
               listing: list[ListingLine] | None) -> _Program:
    lines = _lines(text)
    assert isinstance(text, str)
    check_chars = _BAD_CHAR.search(text) is not None
    prog = _Program(allow_external)
    statement = prog.statement
    # (the source's own lines stay for messages and listings)
    # ("*" first: a one-character search is memchr's, a fraction of a two-character one)
    code = _blank_block_comments(lines) if "*" in text and "/*" in text else lines
    errors: list[AsmSyntaxError] = []
    for lineno, raw in enumerate(code, 1):
        prog.lineno = lineno
        if listing is not None:
            sec = prog.sec
            start = sec.asm.offset
        try:
            if "/" in raw or ";" in raw or "\r" in raw or '"' in raw or check_chars:
                _line(prog, raw, check_chars)
            else:
                statement(raw, 1)
        except _End:  # as in llvm-mc and GNU as: the lines after .end are not read
            if listing is not None:
                listing.append(ListingLine(prog.sec.asm.offset, 0, lineno,
                                           lines[lineno - 1].rstrip("\r"), prog.sec.name))
            break
        except _ParseError as exc:
            line_no = exc.line or lineno
            src = lines[line_no - 1].rstrip("\r")
            if _failed(errors, AsmSyntaxError(str(exc), line_no, exc.column, src)):
                break
            continue
        except RecursionError:  # expressions are trees walked recursively
            if _failed(errors, AsmSyntaxError(
                    "expression nests too deeply (hundreds of parentheses, operators or "
                    "terms); split it with .set", lineno, 1, lines[lineno - 1].rstrip("\r"))):
                break
            continue
        if listing is not None:
            shown = lines[lineno - 1].rstrip("\r")
            if prog.sec is sec:
                listing.append(ListingLine(start, sec.asm.offset - start, lineno, shown,
                                           sec.name))
            else:  # a section switch: the line's bytes (if any) are in the new section
                listing.append(ListingLine(prog.sec.asm.offset, 0, lineno, shown,
                                           prog.sec.name))
    if errors:
        # the statements' errors only: what is decided at the end (undefined labels,
        # branch ranges) would mostly follow from the statements left out
        errors[0].errors = errors
        raise errors[0]
    return prog


def _failed(errors: list[AsmSyntaxError], error: AsmSyntaxError) -> bool:
    """Record one statement's error; True when the reading should stop (too many).

    A line that failed may have emitted part of its statements (``a; bad; b``): the
    program is never finished then, so what it left does not matter."""
    errors.append(error)
    return len(errors) >= AsmSyntaxError.MAX_ERRORS


def _line(prog: _Program, raw: str, check_chars: bool) -> None:
    """One line with comments, ';', '\\r' or strings (the general path)."""
    if raw.endswith("\r"):
        raw = raw[:-1]
    col = 1
    # a lone '\r' separates statements (and ends a comment), as in LLVM
    for segment in raw.split("\r") if "\r" in raw else (raw,):
        line = segment
        if "/" in segment or '"' in segment:
            line = _split_comment(segment)[0]
        if check_chars:
            bad = _BAD_CHAR.search(line)
            if bad:
                raise _ParseError(f"unexpected character {bad.group()!r}", col + bad.start())
        if ";" in line:
            for stmt in _statements(line):
                prog.statement(stmt, col)
                col += len(stmt) + 1
            col += len(segment) - len(line)
        else:
            prog.statement(line, col)
            col += len(segment) + 1


def _finish(prog: _Program, lines: list[str]) -> Unit:
    try:
        return prog.finish()
    except _ParseError as exc:
        line = exc.line or len(lines)
        raise AsmSyntaxError(str(exc), line, exc.column,
                             lines[line - 1].rstrip("\r") if line <= len(lines) else "") from None


@_without_gc
def assemble_unit(text: str, allow_external: bool = True) -> Unit:
    """Assemble ``text`` into a :class:`Unit` (sections, symbols, fixups) for a loader.

    Symbols the text references but does not define are external: they must be given to
    :meth:`Unit.link` (``allow_external=False`` makes them errors at once)."""
    prog = _run(text, allow_external, None)
    return _finish(prog, text.split("\n"))


def assemble_listing(text: str, address: int = 0) -> tuple[bytes, list[ListingLine]]:
    """Like :func:`assemble`, also returning a listing entry for every source line."""
    listing: list[ListingLine] = []
    return _assemble(text, address, listing), listing


@_without_gc
def _assemble(text: str, address: int, listing: list[ListingLine] | None) -> bytes:
    if type(address) is not int:
        raise TypeError(f"assemble: address must be an int, got {address!r}")
    if not 0 <= address < 1 << 64 or address & 3:
        raise ValueError(f"assemble: address {address:#x} cannot be used; allowed: a "
                         "multiple of 4 in 0..2**64-4")
    prog = _run(text, False, listing)
    assert isinstance(text, str)
    unit = _finish(prog, text.split("\n"))
    bases = unit.layout(address)
    try:
        linked = unit.link(bases)
    except AsmSyntaxError as exc:
        lines = _lines(text)
        src = lines[exc.line - 1].rstrip("\r") if 0 < exc.line <= len(lines) else ""
        raise AsmSyntaxError(exc.reason, exc.line, exc.column, src) from None
    out = bytearray()
    for name, base in bases.items():
        if linked[name]:
            out += bytes(base - address - len(out))
            out += linked[name]
    if address + len(out) > 1 << 64:  # as Assembler.finalize: code never wraps around
        raise ValueError(f"assemble: address {address:#x} cannot be used; allowed: an "
                         f"address where the {len(out)}-byte code ends at or below 2**64")
    starts = {name: base - address for name, base in bases.items()}
    if listing is not None and any(starts.values()):
        listing[:] = [entry._replace(offset=entry.offset + starts.get(entry.section, 0))
                      for entry in listing]
    return bytes(out)


def assemble(text: str, address: int = 0) -> bytes:
    """Assemble LLVM-syntax AArch64 assembly ``text`` to machine code.

    One statement per line or ``;``-separated, ``//`` and ``/* */`` comments, ``name:``
    labels and numeric local labels (``1:``, referenced as ``1b``/``1f``), integer expressions,
    ``.equ``/``.set``, data directives (``.byte .hword .word .quad .float .double .ascii
    .asciz .zero .fill ...``), alignment (``.p2align``/``.balign``, at most 64 KiB),
    ``ldr xN, =value`` with ``.ltorg``, and sections (laid out one after another, each
    at its alignment). ``address`` is where the code will run (it matters only for adrp,
    ``:lo12:`` and label addresses as data). Raises :class:`~a64jit.AsmSyntaxError` (a
    ValueError) naming the line and column of the first error, with every statement's
    error in its ``errors`` (up to ``AsmSyntaxError.MAX_ERRORS``); a non-str source raises
    TypeError.
    """
    return _assemble(text, address, None)
