"""The register bytecode: opcodes, their operand kinds, code objects and the disassembler.

An instruction is a tuple ``(opcode, operand, ...)``. Operands are small ints whose
meaning the opcode's signature gives:

- ``r`` a frame slot (register) of the current function,
- ``k`` an index into the function's constant pool,
- ``i`` a plain integer (a count, an index into a context),
- ``l`` a bytecode index (a jump target),
- ``f`` a feedback slot (an inline cache of the function; see ``Code.feedback``).
"""

from __future__ import annotations

import os
from typing import Any

#: name -> operand signature. The opcode number is the position in this table.
OPCODES: list[tuple[str, str]] = [
    ("LoadK", "rk"),          # r[a] = k[b]
    ("Mov", "rr"),            # r[a] = r[b]
    ("Add", "rrr"), ("Sub", "rrr"), ("Mul", "rrr"), ("Div", "rrr"), ("Mod", "rrr"),
    ("Exp", "rrr"), ("BitAnd", "rrr"), ("BitOr", "rrr"), ("BitXor", "rrr"),
    ("Shl", "rrr"), ("Sar", "rrr"), ("Shr", "rrr"),
    ("Eq", "rrr"), ("Ne", "rrr"), ("StrictEq", "rrr"), ("StrictNe", "rrr"),
    ("Lt", "rrr"), ("Le", "rrr"), ("Gt", "rrr"), ("Ge", "rrr"),
    ("InstanceOf", "rrr"), ("In", "rrr"),
    ("AddK", "rrk"),          # r[a] = r[b] + k[c] (k a small int)
    ("Neg", "rr"), ("ToNumber", "rr"), ("Not", "rr"), ("BitNot", "rr"), ("TypeOf", "rr"),
    ("Inc", "rr"), ("Dec", "rr"),
    ("Jump", "l"),
    ("JumpIfTrue", "rl"), ("JumpIfFalse", "rl"),
    ("JumpIfNullish", "rl"), ("JumpIfNotNullish", "rl"),
    ("JumpIfNotLt", "rrl"), ("JumpIfNotLe", "rrl"), ("JumpIfNotGt", "rrl"),
    ("JumpIfNotGe", "rrl"), ("JumpIfLt", "rrl"), ("JumpIfLe", "rrl"), ("JumpIfGt", "rrl"),
    ("JumpIfGe", "rrl"), ("JumpIfNotStrictEq", "rrl"), ("JumpIfStrictEq", "rrl"),
    ("GetProp", "rrkf"),      # r[a] = r[b].k[c]
    ("SetProp", "rkrf"),      # r[a].k[b] = r[c]
    ("GetElem", "rrr"),       # r[a] = r[b][r[c]]
    ("SetElem", "rrr"),       # r[a][r[b]] = r[c]
    ("DeleteProp", "rrr"),    # r[a] = delete r[b][r[c]]
    ("GetGlobal", "rk"), ("SetGlobal", "kr"), ("TypeOfGlobal", "rk"),
    ("NewContext", "rri"),    # r[a] = new context (parent r[b], i slots)
    ("CopyContext", "r"),     # r[a] = fresh copy of context r[a] (per-iteration let)
    ("LdCtx", "rri"),         # r[a] = context r[b] slot i
    ("StCtx", "rir"),         # context r[a] slot i = r[c]
    ("LdEnvChecked", "riik"),  # LdEnv of a let/const/class: ReferenceError before init
    ("LdEnv", "rii"),         # r[a] = slot c of the b-th parent of the closure's context
    ("StEnv", "iir"),
    ("Closure", "rkr"),       # r[a] = closure of code k[b] over context r[c]
    # calls: k names the callee in source form for error messages
    ("Call", "rrrrik"),       # r[a] = r[b].call(this=r[c], args r[d]..r[d+e-1])
    ("CallSpread", "rrrrk"),  # r[a] = r[b].call(this=r[c], args = array r[d])
    ("New", "rrrik"),         # r[a] = new r[b](args r[c]..)
    ("NewSpread", "rrrk"),
    ("SuperCall", "rri"),     # r[a] = super(args r[b]..r[b+c-1])
    ("SuperCallSpread", "rr"),
    ("SuperGet", "rk"),       # r[a] = super[k[b]] (this = r1)
    ("SuperGetElem", "rr"),
    ("Return", "r"),
    ("Throw", "r"),
    ("ThrowConst", "rk"),     # throw new THROW_KINDS[a](k[b]); operand a is an error kind
    ("NewObject", "r"),
    ("NewArray", "rri"),      # r[a] = [r[b] .. r[b+c-1]]
    ("ArrayPush", "rr"),      # r[a].push(r[b]) (literals)
    ("ArrayHole", "r"),
    ("ArraySpread", "rr"),    # append the elements of iterable r[b] to array r[a]
    ("DefineField", "rkr"),   # r[a].k[b] = r[c] (own, no setter)
    ("DefineElem", "rrr"),    # r[a][r[b]] = r[c] (own, computed key)
    ("DefineGetter", "rrr"), ("DefineSetter", "rrr"),
    ("DefineMethod", "rrr"),  # as DefineElem, and sets the home object of the function
    ("SetProto", "rr"),       # r[a]'s prototype = r[b] (`__proto__: v` in a literal)
    ("CopyProps", "rr"),      # object spread {...r[b]} into r[a]
    ("ObjectRest", "rrr"),    # r[a] = copy of r[b] without the keys in array r[c]
    ("Class", "rrrk"),        # r[a] = class with constructor r[b], parent r[c] (or -1), name k
    ("SetClassFields", "rr"),  # the class r[a] initialises instance fields with r[b]
    ("RunFields", ""),        # run the callee's field initialiser on this
    ("Rest", "ri"),           # r[a] = array of the arguments from index i
    ("Arguments", "r"),
    ("Slice", "rri"),         # r[a] = elements of iterable r[b] from index i (array rest)
    ("ToArray", "rr"),        # r[a] = r[b] as an array (for...of / destructuring source)
    ("Keys", "rr"),           # r[a] = the enumerable keys (for...in)
    ("Concat", "rri"),        # r[a] = ToString(r[b]) + ... (c values)
    ("ToPropertyKey", "rr"),
    ("Debugger", ""),
    ("ThisCheck", "r"),
    ("RequireObject", "rk"),   # TypeError when destructuring null / undefined
    ("Nop", ""),
    ("DeletePropStrict", "rrr"),  # DeleteProp in strict code: TypeError where it is false
]

OP: dict[str, int] = {name: i for i, (name, _) in enumerate(OPCODES)}
SIG: list[str] = [sig for _, sig in OPCODES]


class Code:
    """One compiled function: bytecode, constants, frame size and exception table.

    Frame layout (slots of ``regs``): 0 the argument list, 1 ``this``, 2 the callee,
    3 .. 3+nparams-1 the parameters, then locals and temporaries up to ``kbase``, then
    the constant pool (slot ``kbase + k`` holds constant k; never written) up to ``nregs``.
    """

    __slots__ = (
        "calls",
        "consts",
        "direct_argc",
        "direct_new",
        "feedback",
        "filename",
        "handlers",
        "insns",
        "is_class_ctor",
        "is_derived",
        "kbase",
        "kind",
        "length",
        "lines",
        "name",
        "nparams",
        "nregs",
        "ops",
        "pad",
        "source_line",
        "strict",
        "text_at",
        "texts",
        "uses_arguments",
    )

    def __init__(self, name: str, filename: str) -> None:
        self.name = name
        self.filename = filename
        self.insns: list[tuple[int, ...]] = []
        self.consts: list[Any] = []
        self.nregs = 3
        self.nparams = 0
        self.length = 0
        # (start, end, handler, exception register): innermost first
        self.handlers: list[tuple[int, int, int, int]] = []
        self.lines: list[tuple[int, int]] = []   # per instruction (line, column)
        # pc -> the source text node's messages name there ("o.x is not iterable")
        self.texts: dict[int, str] = {}
        self.feedback = 0
        self.kind = "normal"  # normal | arrow | method | ctor
        self.uses_arguments = False
        self.is_class_ctor = False
        self.is_derived = False
        self.ops: Any = None  # the decoded handlers, made at first call
        self.pad: list[Any] = []  # the frame's slots past the parameters
        self.kbase = 3  # slots kbase.. hold the constants (read-only)
        self.calls = 0
        # the argument count with which Call builds the frame itself (set when decoded;
        # -1: not decoded yet, -2: never, the generic interp.run does)
        self.direct_argc = -1
        self.direct_new = -1  # the same for New (a base constructor)
        self.source_line = 0
        #: where the function's source text is in its module (first line, column, last
        #: line, column; lines from 1, columns from 0): Function.prototype.toString
        self.text_at: tuple[int, ...] = ()
        #: strict code ("use strict", a class): a store sloppy code loses is a TypeError
        self.strict = False

    def place(self, pc: int) -> str:
        """Where the instruction at ``pc`` is, as node names a stack frame:
        ``NAME (FILE:LINE:COLUMN)``."""
        line, col = self.lines[pc] if 0 <= pc < len(self.lines) else (0, 0)
        return f"{self.name or '<anonymous>'} ({self.filename}:{line}:{col})"

    def disassemble(self) -> str:
        """A listing of this function and (after it) the functions it creates."""
        out: list[str] = []
        seen: set[int] = set()
        self._dis(out, seen)
        return "\n".join(out)

    def _dis(self, out: list[str], seen: set[int]) -> None:
        if id(self) in seen:
            return
        seen.add(id(self))
        out.append(f"== function {self.name or '<anonymous>'} ({self.filename}:"
                   f"{self.source_line}) params={self.nparams} regs={self.kbase} "
                   f"consts={len(self.consts)} feedback={self.feedback}")
        targets = set()
        for ins in self.insns:
            for kind, v in zip(SIG[ins[0]], ins[1:], strict=False):
                if kind == "l":
                    targets.add(v)
        for pc, ins in enumerate(self.insns):
            name, sig = OPCODES[ins[0]]
            parts = []
            for kind, v in zip(sig, ins[1:], strict=False):
                if kind == "r" and v >= self.kbase:
                    parts.append(f"k{v - self.kbase}({_show_const(self.consts[v - self.kbase])})")
                elif kind == "r":
                    parts.append(f"r{v}" if v >= 0 else "-")
                elif kind == "k":
                    c = self.consts[v]
                    parts.append(f"k{v}({_show_const(c)})")
                elif kind == "l":
                    parts.append(f"@{v}")
                elif kind == "f":
                    parts.append(f"f{v}")
                else:
                    parts.append(str(v))
            mark = ">" if pc in targets else " "
            line = self.lines[pc][0] if pc < len(self.lines) else 0
            out.append(f" {mark}{pc:5d}  {name:<18} {', '.join(parts):<40} ; line {line}")
        for start, end, handler, reg in self.handlers:
            out.append(f"  try [{start}, {end}) -> @{handler} exception in r{reg}")
        out.append("")
        for c in self.consts:
            if isinstance(c, Code):
                c._dis(out, seen)


def source_name(name: str) -> str:
    """``name`` (a function's, which may hold any character: a private member's key has
    NULs, a computed one line breaks) as it may stand in a comment or the file name of
    generated Python source: escaped as a Python literal would be."""
    return ascii(name)[1:-1]


def _show_const(c: Any) -> str:
    if isinstance(c, Code):
        return f"<code {c.name or 'anonymous'}>"
    if c is None:
        return "undefined"
    if isinstance(c, str):
        s = repr(c)
        return s if len(s) < 24 else s[:21] + "..."
    return repr(c)


#: ThrowConst's first operand: the constructor it throws (the compiler and both
#: interpreters read this one table).
THROW_KINDS: tuple[str, ...] = ("Error", "TypeError", "RangeError", "ReferenceError")

__all__ = ["OP", "OPCODES", "SIG", "THROW_KINDS", "Code", "source_name"]


#: a64js's own JavaScript modules (require("assert")): an exception thrown in them is
#: reported at the innermost frame of the program that called them, as node's stack
#: starts at the caller of its assert functions
LIBRARY_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib") + os.sep


def in_library(code: Code) -> bool:
    """Whether ``code`` is from a64js's own JavaScript (a64js/lib)."""
    return code.filename.startswith(LIBRARY_DIR)


def report_place(where: tuple[Code, int], code: Code, pc: int) -> tuple[Code, int]:
    """The place an uncaught-exception report names once the exception thrown at
    ``where`` leaves a frame of ``code`` at ``pc``: the program's frame rather than a
    library function's."""
    return (code, pc) if in_library(where[0]) and not in_library(code) else where
