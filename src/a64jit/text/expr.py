"""Integer expressions of the text front-end, as LLVM's assembler reads them.

Grammar (GNU precedence, which LLVM uses for AArch64; higher binds tighter)::

    level 1   +  -
    level 2   |  &  ^  !          (``!`` is or-not)
    level 3   *  /  %  <<  >>
    unary     -  +  ~

Operands are numbers (decimal, ``0x`` hex, ``0b`` binary, ``0`` octal, ASCII
digits only), character constants (``'A'``, ``'\\n'``: one ASCII character, or a
backslash and one, as LLVM reads them), symbols (``.equ`` names and labels), numeric
local label references (``1b``/``1f``), ``.`` (the current position) and parentheses.

A value is *linear*: ``const + sum(coeff * symbol)``. Labels stay symbolic until
the layout is known; ``*``, ``/``, ``%``, shifts and the bitwise operators need
constant operands (``(end - start) / 4`` is constant once both labels are in the
same section).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

#: An expression tree: ("n", int) | ("s", name) | ("l", number, forward) | (".",)
#: | ("u", op, node) | ("b", op, left, right)
Node = tuple[object, ...]


class Lin:
    """``const + sum(coeff * symbol)``: a value that may still depend on symbols."""

    __slots__ = ("const", "terms")

    def __init__(self, const: int, terms: dict[str, int] | None = None) -> None:
        self.const = const
        self.terms: dict[str, int] = terms or {}

    def __repr__(self) -> str:
        return f"Lin({self.const}, {self.terms})"


class ExprError(ValueError):
    """A malformed or non-constant expression; ``offset`` is the character at fault."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset


_TOKEN: Final = re.compile(
    r"\s*(?:"
    r"(?P<local>[0-9]+[bf])(?![\w.$])"
    r"|(?P<num>0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)(?![\w.$])"
    r"|(?P<ident>[A-Za-z_.$][\w.$]*)"
    r"|(?P<char>'(?:\\[\x20-\x7e]|[\x20-\x26\x28-\x5b\x5d-\x7e])')"
    r"|(?P<op><<|>>|[-+*/%&|^~!()])"
    r"|(?P<bad>\S))",
    re.ASCII,
)


def parse_int_literal(text: str) -> int:
    """An ASCII integer literal as LLVM reads it (``010`` is octal)."""
    low = text.lower()
    if len(low) > 70:  # also keeps Python's 4,300-digit int() limit out of the way
        raise ExprError(f"number {text[:20]}... does not fit 64 bits")
    if low.startswith("0x"):
        return int(low[2:], 16)
    if low.startswith("0b"):
        return int(low[2:], 2)
    if len(low) > 1 and low[0] == "0":
        if not all("0" <= c <= "7" for c in low):
            raise ExprError(f"invalid octal number {text!r}")
        return int(low, 8)
    return int(low, 10)


#: LLVM's escapes in a character constant; any other escaped character is itself
#: (``'\\0'`` is 48, ``'\\q'`` 113, as llvm-mc 14 gives them).
_ESCAPES: Final = {"b": 8, "f": 12, "n": 10, "r": 13, "t": 9}


def char_value(token: str) -> int:
    """The value of a character constant token (``'A'``, ``'\\n'``)."""
    if token[1] == "\\":
        return _ESCAPES.get(token[2], ord(token[2]))
    return ord(token[1])


class _Parser:
    __slots__ = ("pos", "text", "tokens")

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[tuple[str, str, int]] = []
        pos = 0
        end = len(text.rstrip())
        while pos < end:
            m = _TOKEN.match(text, pos)
            assert m is not None  # "bad" matches any non-space character
            kind = m.lastgroup
            assert kind is not None
            value = m.group(kind)
            start = m.start(kind)
            if kind == "bad" and value == "'":
                raise ExprError(f"bad character constant in expression {text!r}: one ASCII "
                                "character, or a backslash and one, in single quotes ('A', "
                                "'\\n')", start)
            if kind == "bad":
                raise ExprError(f"unexpected character {value!r} in expression {text!r}", start)
            self.tokens.append((kind, value, start))
            pos = m.end()
        self.pos = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse(self) -> Node:
        if not self.tokens:
            raise ExprError("expected an expression", 0)
        node = self.binary(1)
        tok = self.peek()
        if tok is not None:
            raise ExprError(f"unexpected {tok[1]!r} in expression {self.text!r}", tok[2])
        return node

    def binary(self, level: int) -> Node:
        if level > 3:
            return self.unary()
        ops = _LEVELS[level]
        left = self.binary(level + 1)
        while True:
            tok = self.peek()
            if tok is None or tok[0] != "op" or tok[1] not in ops:
                return left
            self.pos += 1
            right = self.binary(level + 1)
            left = ("b", tok[1], left, right)

    def unary(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise ExprError(f"expression {self.text!r} ends early", len(self.text))
        kind, value, start = tok
        self.pos += 1
        if kind == "op":
            if value in "-+~":
                return ("u", value, self.unary())
            if value == "(":
                inner = self.binary(1)
                close = self.peek()
                if close is None or close[1] != ")":
                    raise ExprError(f"missing ')' in expression {self.text!r}", len(self.text))
                self.pos += 1
                return inner
            raise ExprError(f"unexpected {value!r} in expression {self.text!r}", start)
        if kind == "num":
            try:
                return ("n", parse_int_literal(value))
            except ExprError as exc:
                exc.offset = start
                raise
        if kind == "char":
            return ("n", char_value(value))
        if kind == "local":
            return ("l", str(int(value[:-1])), value[-1] == "f")
        if value == ".":
            return (".",)
        return ("s", value)


_LEVELS: Final = {1: ("+", "-"), 2: ("|", "&", "^", "!"), 3: ("*", "/", "%", "<<", ">>")}


def parse_expr(text: str) -> Node:
    """Parse ``text`` into an expression tree (raises :class:`ExprError`)."""
    return _Parser(text).parse()


def has_symbols(node: Node) -> bool:
    """Whether the tree names any symbol, local label or ``.``."""
    tag = node[0]
    if tag == "n":
        return False
    if tag == "u":
        return has_symbols(node[2])  # type: ignore[arg-type]
    if tag == "b":
        return has_symbols(node[2]) or has_symbols(node[3])  # type: ignore[arg-type]
    return True


Lookup = Callable[[Node], Lin]


def evaluate(node: Node, lookup: Lookup) -> Lin:
    """Evaluate a tree; ``lookup`` gives the value of ``s``, ``l`` and ``.`` leaves."""
    tag = node[0]
    if tag == "n":
        return Lin(node[1])  # type: ignore[arg-type]
    if tag == "u":
        v = evaluate(node[2], lookup)  # type: ignore[arg-type]
        op = node[1]
        if op == "+":
            return v
        if op == "-":
            return Lin(-v.const, {k: -c for k, c in v.terms.items()})
        return Lin(~_const(v, "~"))
    if tag == "b":
        op = node[1]
        a = evaluate(node[2], lookup)  # type: ignore[arg-type]
        b = evaluate(node[3], lookup)  # type: ignore[arg-type]
        if op == "+" or op == "-":
            sign = 1 if op == "+" else -1
            terms = dict(a.terms)
            for k, c in b.terms.items():
                n = terms.get(k, 0) + sign * c
                if n:
                    terms[k] = n
                else:
                    terms.pop(k, None)
            return Lin(a.const + sign * b.const, terms)
        if op == "*" and (not a.terms or not b.terms):
            factor, v = (a.const, b) if not a.terms else (b.const, a)
            return Lin(factor * v.const,
                       {s: factor * c for s, c in v.terms.items() if factor * c})
        x, y = _const(a, str(op)), _const(b, str(op))
        return Lin(_BINARY[str(op)](x, y))
    return lookup(node)


def _const(v: Lin, op: str) -> int:
    if v.terms:
        # (a label already placed stands as its section's start, "\x00" + the name)
        names = ", ".join(sorted(f"an address in {n[1:]}" if n.startswith("\x00") else n
                                 for n in v.terms))
        raise ExprError(f"operator {op!r} needs constant operands; {names} is not a constant "
                        "here (a label whose address is not known yet)")
    return v.const


def _div(x: int, y: int) -> int:
    if y == 0:
        raise ExprError("division by zero in expression")
    q = abs(x) // abs(y)
    return q if (x < 0) == (y < 0) else -q


def _mod(x: int, y: int) -> int:
    return x - _div(x, y) * y


def _shift_left(x: int, y: int) -> int:
    if not 0 <= y < 64:
        raise ExprError(f"shift amount {y} is out of range; allowed: 0..63")
    return (x << y) & 0xFFFFFFFFFFFFFFFF


def _shift_right(x: int, y: int) -> int:
    if not 0 <= y < 64:
        raise ExprError(f"shift amount {y} is out of range; allowed: 0..63")
    return x >> y


_BINARY: Final[dict[str, Callable[[int, int], int]]] = {
    "/": _div, "%": _mod, "<<": _shift_left, ">>": _shift_right, "*": lambda x, y: x * y,
    "|": lambda x, y: x | y, "&": lambda x, y: x & y, "^": lambda x, y: x ^ y,
    "!": lambda x, y: x | ~y,
}
