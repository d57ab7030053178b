"""ESTree (from esprima) -> register bytecode.

Variables live in frame registers unless an inner function refers to them; those
live in *contexts* (a Python list ``[parent, slot1, ...]``) that a scope creates when
entered. Closures capture the innermost context. The analysis is conservative: a
name is captured when any nested function mentions it freely.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from . import codecache, jsmath
from .bytecode import OP, THROW_KINDS, Code
from .errors import JSCompileError
from .values import (
    ARGUMENTS_MARK,
    NO_SUPER_MESSAGE,
    NULL,
    PRIVATE,
    THIS_BINDING,
    UNINITIALIZED,
    js_str,
    key_text,
    normalize,
    number_to_string,
    private_member_key,
    tdz_message,
    to_int32,
    to_uint32,
)

Node = dict[str, Any]

BINOPS = {
    "+": "Add", "-": "Sub", "*": "Mul", "/": "Div", "%": "Mod", "**": "Exp",
    "&": "BitAnd", "|": "BitOr", "^": "BitXor", "<<": "Shl", ">>": "Sar", ">>>": "Shr",
    "==": "Eq", "!=": "Ne", "===": "StrictEq", "!==": "StrictNe",
    "<": "Lt", "<=": "Le", ">": "Gt", ">=": "Ge", "instanceof": "InstanceOf", "in": "In",
}
# comparisons fused with a following conditional jump: op -> jump-if-not opcode
FUSED = {"<": "JumpIfNotLt", "<=": "JumpIfNotLe", ">": "JumpIfNotGt", ">=": "JumpIfNotGe",
         "===": "JumpIfNotStrictEq", "!==": "JumpIfStrictEq"}

# the same, jumping when the comparison holds (loop back edges)
FUSED_TRUE = {"<": "JumpIfLt", "<=": "JumpIfLe", ">": "JumpIfGt", ">=": "JumpIfGe",
              "===": "JumpIfStrictEq", "!==": "JumpIfNotStrictEq"}

FUNCTION_TYPES = ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression")
CLASS_TYPES = ("ClassDeclaration", "ClassExpression")


def parse(source: str, filename: str) -> Node:
    """Parse ``source`` as a script; syntax errors become JSCompileError."""
    global _SourceLocation
    # imported here, not with this module: a run whose program is in the code cache
    # never parses (the import costs about as much as parsing a small program)
    try:
        import esprima
    except ImportError as e:
        raise JSCompileError(f"{filename}: cannot parse: the parser is missing ({e}; "
                             "a64js needs the esprima-fork package)") from None
    _SourceLocation = esprima.scanner.SourceLocation
    try:
        tree = esprima.parseScript(source, {"loc": True, "range": False})
    except esprima.Error as e:
        line = getattr(e, "lineNumber", 0)
        col = getattr(e, "column", 0)
        desc = getattr(e, "description", None) or str(e)
        head, sep, rest = desc.partition(": ")
        if sep and head.startswith("Line ") and head[5:].isdigit():
            desc = rest  # esprima's own "Line N: ": the place is said already
        raise JSCompileError(f"{filename}:{line}:{col}: SyntaxError: {desc}") from None
    except RecursionError:
        raise JSCompileError(f"{filename}: program nests too deeply to parse") from None
    d: Node = _to_dict(tree)
    return d


def _to_dict(n: Any) -> Any:
    """esprima's nodes as plain dicts (what its toDict gives, several times faster).

    A location keeps only its start's and end's line and column (no ``source``, no
    ``offset``: nothing reads them), built directly: locations are about half of the
    objects of a tree."""
    t = type(n)
    if t is list:
        return [_to_dict(x) for x in n]
    if t is _SourceLocation:
        s, e = n.start, n.end
        return {"start": {"line": s.line, "column": s.column},
                "end": {"line": e.line, "column": e.column}}
    d = getattr(n, "__dict__", None)
    if d is not None:
        return {_RENAMED.get(k, k): _to_dict(v) for k, v in d.items() if k[0] != "_"}
    return n


_SourceLocation: Any = None  # esprima.scanner.SourceLocation once parse imported esprima


_RENAMED = {"isAsync": "async", "allowAwait": "await"}  # the ESTree names


# -- free-variable analysis ------------------------------------------------------------

#: How an unsupported construct is named to the user (the JavaScript, not the ESTree type).
_CONSTRUCTS = {
    "WithStatement": "a 'with' statement",
    "ImportExpression": "import()",
    "ImportDeclaration": "an 'import' declaration (a64js runs CommonJS: use require)",
    "ExportNamedDeclaration": "an 'export' declaration (a64js runs CommonJS: use exports)",
    "ExportDefaultDeclaration": "an 'export' declaration (a64js runs CommonJS: use exports)",
    "ExportAllDeclaration": "an 'export' declaration (a64js runs CommonJS: use exports)",
}


def _construct(kind: str, t: str) -> str:
    """``the <kind> <t>`` unless the construct has a JavaScript name."""
    return _CONSTRUCTS.get(t) or f"the {kind} {t}"


def _pattern_names(p: Node | None, out: set[str]) -> None:
    if p is None:
        return
    t = p["type"]
    if t == "Identifier":
        out.add(p["name"])
    elif t == "ArrayPattern":
        for e in p["elements"]:
            _pattern_names(e, out)
    elif t == "ObjectPattern":
        for prop in p["properties"]:
            _pattern_names(prop["value"] if prop["type"] == "Property" else prop, out)
    elif t == "AssignmentPattern":
        _pattern_names(p["left"], out)
    elif t == "RestElement":
        _pattern_names(p["argument"], out)


#: node's globals a64js has in neither VM: a free reference to one (typeof too) is refused
#: before anything runs, where it was a ReferenceError at run time or undefined to typeof
#: (a program testing typeof Map took another path than under node)
NODE_ONLY_GLOBALS = frozenset((
    "Symbol", "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry",
    "Promise", "Proxy", "Reflect", "BigInt", "Intl", "RegExp", "ArrayBuffer",
    "SharedArrayBuffer", "DataView", "Atomics", "Int8Array", "Uint8Array",
    "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
    "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "TextEncoder",
    "TextDecoder", "Buffer", "setTimeout", "setInterval", "setImmediate", "clearTimeout",
    "clearInterval", "clearImmediate", "queueMicrotask", "structuredClone", "eval",
    "escape", "unescape", "AggregateError", "URL", "URLSearchParams", "fetch",
    "AbortController", "EventTarget", "Event", "Blob", "atob", "btoa", "crypto",
    "WebAssembly", "global"))


def _is_arguments(n: Node) -> bool:
    return n.get("type") == "Identifier" and n["name"] == "arguments"


def _aliasing_write(body: Node, params: set[str]) -> Node | None:
    """The first write to a parameter or to ``arguments[i]`` in the own code of a
    sloppy-mode function with simple parameters, when that code reads ``arguments`` other
    than as ``arguments.length``: node's parameters and arguments alias there, a64js's do
    not (a clear error rather than a different value). None when there is none."""
    uses = lengths = 0
    first: Node | None = None
    for n in _nodes(body, _own_code):
        t = n.get("type")
        if _is_arguments(n):
            uses += 1
        elif t == "MemberExpression" and _is_arguments(n["object"]) and not n["computed"] \
                and n["property"].get("name") == "length":
            lengths += 1
        if first is not None:
            continue
        target = n["left"] if t in ("AssignmentExpression", "ForInStatement",
                                    "ForOfStatement") else \
            n["argument"] if t == "UpdateExpression" else None
        if target is None:
            continue
        if target.get("type") == "MemberExpression":
            if _is_arguments(target["object"]):
                first = n
            continue
        names: set[str] = set()
        if target.get("type") != "VariableDeclaration":
            _pattern_names(target, names)
        if names & params:
            first = n
    return first if uses > lengths else None


def _has_use_strict(body: list[Node]) -> bool:
    """Whether a function body's directive prologue holds "use strict"."""
    for st in body:
        directive = st.get("directive") if st["type"] == "ExpressionStatement" else None
        if directive is None:
            return False
        if directive == "use strict":
            return True
    return False


def _nodes(node: Any, descend: Callable[[Node], bool] | None = None) -> Iterator[Node]:
    """The AST nodes (dicts) in ``node`` (a node or a list of them), each before the
    nodes inside it, which are left out when ``descend(node)`` is False. ``loc``s are
    not nodes."""
    stack = [node]
    pop, push = stack.pop, stack.append
    while stack:
        n = pop()
        if type(n) is list:
            stack.extend(reversed(n))
        elif type(n) is dict:
            yield n
            if descend is None or descend(n):
                for k, v in n.items():
                    if k != "loc" and type(v) in (dict, list):
                        push(v)


_Ctx = TypeVar("_Ctx")


def _walk(roots: list[tuple[Any, _Ctx]],
          inner: Callable[[Node, _Ctx], Callable[[str], _Ctx] | None]
          ) -> Iterator[tuple[Node, _Ctx]]:
    """The AST nodes (dicts) below ``roots`` (nodes or lists of them, each with its
    context), each with the context it was reached in, as _nodes does but with a
    context: ``inner(node, context)`` gives the context of the value under each key of
    ``node`` (None: the nodes inside are left out); a list's items share the list's."""
    stack = list(roots)
    while stack:
        n, at = stack.pop()
        if type(n) is list:
            stack.extend((x, at) for x in n)
        elif type(n) is dict:
            yield n, at
            below = inner(n, at)
            if below is not None:
                stack.extend((v, below(k)) for k, v in n.items()
                             if k != "loc" and type(v) in (dict, list))


def _not_a_function(n: Node) -> bool:
    return n.get("type") not in FUNCTION_TYPES


def _own_code(n: Node) -> bool:
    """Inside ``n`` is code of the function being looked at (not a nested non-arrow
    function's or a class body's, which have their own ``var``s and ``this``)."""
    t = n.get("type")
    return (t not in FUNCTION_TYPES and t not in CLASS_TYPES) or t == "ArrowFunctionExpression"


def _uses_this(node: Any) -> bool:
    """Whether ``this`` appears in ``node`` outside nested non-arrow functions and class
    bodies (a class's heritage is the enclosing function's code)."""
    for n in _nodes(node, _own_code):
        t = n.get("type")
        if t == "ThisExpression" or (t in CLASS_TYPES and _uses_this(n.get("superClass"))):
            return True
    return False


def _collect_vars(node: Any, out: set[str]) -> None:
    """``var`` declarations anywhere in a function body (not in nested functions)."""
    for n in _nodes(node, _not_a_function_or_class):
        if n.get("type") == "VariableDeclaration" and n["kind"] == "var":
            for d in n["declarations"]:
                _pattern_names(d["id"], out)


def _block_functions(body: Node, params: set[str]) -> set[str]:
    """The names of the functions declared in blocks of sloppy function ``body`` that
    are also its vars (Annex B.3.3): not a parameter's, nor one a let, const or class
    of an enclosing block (or of the function's top level) declares, where node's var
    would be an early error."""
    found: set[str] = set()
    top = frozenset(_lexical_names(body["body"]) | params)

    def inner(n: Node, at: tuple[frozenset[str], bool]) -> Callable[[str], Any] | None:
        t = n.get("type")
        if t in FUNCTION_TYPES or t in CLASS_TYPES:  # (their own scopes; classes strict)
            return None
        enclosing = at[0]
        if t == "BlockStatement":
            enclosing = enclosing | _lexical_names(n["body"])
        elif t == "SwitchStatement":
            enclosing = enclosing | _lexical_names(
                [c for case in n["cases"] for c in case["consequent"]])
        elif t in ("ForStatement", "ForInStatement", "ForOfStatement"):
            enclosing = enclosing | _lexical_names([n.get("init") or n.get("left")])
        below = (enclosing, False)
        return lambda key: below

    for n, (enclosing, at_top) in _walk([(st, (top, True)) for st in body["body"]], inner):
        if n.get("type") == "FunctionDeclaration" and not at_top and n.get("id") \
                and n["id"]["name"] not in enclosing:
            found.add(n["id"]["name"])
    return found


def _lexical_names(stmts: list[Any]) -> set[str]:
    """The names the let, const and class declarations among ``stmts`` declare."""
    out: set[str] = set()
    for st in stmts:
        if type(st) is not dict:
            continue
        if st.get("type") == "VariableDeclaration" and st["kind"] != "var":
            for d in st["declarations"]:
                _pattern_names(d["id"], out)
        elif st.get("type") == "ClassDeclaration" and st.get("id"):
            out.add(st["id"]["name"])
    return out


def _not_a_function_or_class(n: Node) -> bool:
    t = n.get("type")
    return t not in FUNCTION_TYPES and t not in CLASS_TYPES


def _refs(node: Any, out: set[str], functions: bool = True) -> None:
    """Every identifier name mentioned in ``node`` (an over-approximation: not property
    names or labels), in nested non-arrow functions too unless ``functions`` is False."""
    for n in _nodes(node, lambda n: _refs_inside(n, out, functions)):
        if n.get("type") == "Identifier":
            out.add(n["name"])


def _refs_inside(n: Node, out: set[str], functions: bool) -> bool:
    t = n.get("type")
    if not functions and t in ("FunctionDeclaration", "FunctionExpression"):
        return False
    if t == "MemberExpression" and not n["computed"]:
        _refs(n["object"], out, functions)  # not the property's name
        return False
    if t in ("Property", "MethodDefinition") and not n["computed"]:
        _refs(n["value"], out, functions)  # not the key
        return False
    if "label" in n:  # a statement's label is not a name
        _refs([v for k, v in n.items() if k not in ("loc", "label")], out, functions)
        return False
    return True


def _function_level_names(fn: Node) -> set[str]:
    """Parameters, vars and top-level lexical names of a function (not inner blocks)."""
    names: set[str] = set()
    for p in fn["params"]:
        _pattern_names(p, names)
    if fn.get("id") and fn["type"] != "FunctionDeclaration":
        names.add(fn["id"]["name"])
    body = fn["body"]
    if body["type"] == "BlockStatement":
        for st in body["body"]:
            if st["type"] == "VariableDeclaration":
                for d in st["declarations"]:
                    _pattern_names(d["id"], names)
            elif st["type"] in ("FunctionDeclaration", "ClassDeclaration") and st["id"]:
                names.add(st["id"]["name"])
        _collect_vars(body, names)
    return names


_free_cache: dict[int, set[str]] = {}


#: The global object's read-only properties a program may name as variables: an
#: assignment is lost in sloppy code and node's TypeError in strict code.
READ_ONLY_GLOBALS = frozenset(("undefined", "NaN", "Infinity"))
#: the binding of a class constructor's new.target (not a name a program can write)
NEW_TARGET = "new.target"


def _text_at(node: Node) -> tuple[int, ...]:
    """Code.text_at of ``node``'s source (empty where it has no place)."""
    loc = node.get("loc")
    if not loc or "end" not in loc:
        return ()
    return (loc["start"]["line"], loc["start"]["column"], loc["end"]["line"],
            loc["end"]["column"])


def free_names(fn: Node) -> set[str]:
    """Names a function mentions that it does not declare at function level."""
    key = id(fn)
    r = _free_cache.get(key)
    if r is None:
        refs: set[str] = set()
        _refs(fn["params"], refs)
        _refs(fn["body"], refs)
        r = refs - _function_level_names(fn)
        _free_cache[key] = r
    return r


def _inner_free(node: Any, out: set[str]) -> None:
    """Union of free names of the functions directly nested in ``node``, and the names a
    class's field initialisers and static blocks mention (they run in functions of their
    own: the class's field and static initialisers)."""
    for n in _nodes(node, _not_a_function):
        t = n.get("type")
        if t in FUNCTION_TYPES:
            out |= free_names(n)
        elif t == "PropertyDefinition":
            _refs(n["value"], out)
            if n.get("computed"):
                _refs(n["key"], out)
        elif t == "StaticBlock":
            _refs(n["body"], out)


# -- compile-time scopes ---------------------------------------------------------------

class Binding:
    __slots__ = ("case", "const", "init", "kind", "lexical", "name", "reg", "scope", "silent",
                 "slot")

    def __init__(self, name: str, kind: str, reg: int, slot: int, scope: Scope,
                 const: bool) -> None:
        self.name = name
        self.kind = kind  # "reg" or "ctx"
        self.reg = reg    # the register of the value, or of the context
        self.slot = slot
        self.scope = scope
        self.const = const
        self.init = True  # False while a let/const/class is in its temporal dead zone
        self.lexical = False  # a let/const/class (reads from closures check the TDZ)
        #: a switch body's let/const/class: the case clause that declares it (-1: none)
        self.case = -1
        #: a function expression's own name: sloppy code's stores to it do nothing
        self.silent = False


class Scope:
    __slots__ = ("case", "ctx_reg", "func", "names", "nslots", "parent")

    def __init__(self, parent: Scope | None, func: FuncState) -> None:
        self.names: dict[str, Binding] = {}
        self.parent = parent
        self.func = func
        self.ctx_reg = -1  # register holding this scope's context, -1 when none
        self.nslots = 0
        self.case = -1  # a switch body's: the case clause being compiled


class Jumps:
    """A break/continue target."""

    __slots__ = ("breaks", "continues", "is_loop", "is_switch", "labels", "try_depth")

    def __init__(self, labels: set[str], is_loop: bool, try_depth: int) -> None:
        self.labels = labels
        self.breaks: list[int] = []
        self.continues: list[int] = []
        self.is_loop = is_loop
        self.try_depth = try_depth
        self.is_switch = False


class TryState:
    """An enclosing try statement whose region may need cutting."""

    __slots__ = ("finalizer", "ranges", "scope", "start")

    def __init__(self, start: int, finalizer: Node | None, scope: Scope) -> None:
        self.ranges: list[tuple[int, int]] = []
        self.start = start
        self.finalizer = finalizer
        self.scope = scope


class FuncState:
    __slots__ = (
        "annexb",
        "captured",
        "code",
        "in_ctor",
        "is_arrow",
        "jumps",
        "kindex",
        "no_super",
        "node",
        "pending_labels",
        "this_binding",
        "this_dead",
        "top",
        "tries",
        "var_scope",
    )

    def __init__(self, code: Code, node: Node, captured: set[str], is_arrow: bool) -> None:
        self.code = code
        self.top = 3
        self.captured = captured
        self.jumps: list[Jumps] = []
        self.tries: list[TryState] = []
        self.node = node
        self.is_arrow = is_arrow
        self.pending_labels: set[str] = set()
        self.kindex: dict[tuple[str, str], int] = {}
        # a derived constructor that never calls super(): `this` and its return throw
        self.no_super = False
        #: ``this`` is never initialized here (such a constructor, an arrow function in one)
        self.this_dead = False
        #: the binding of a derived constructor's ``this`` when where super() runs is not
        #: known statically (THIS_BINDING; arrow functions in it share it), else None
        self.this_binding: Binding | None = None
        #: in a class constructor (or an arrow function within one): new.target is known
        self.in_ctor = False
        #: sloppy code's functions declared in blocks that are also the function's vars
        #: (node's web-compatibility rule, Annex B.3.3), and the scope of those vars
        self.annexb: set[str] = set()
        self.var_scope: Scope | None = None


class Compiler:
    """Compiles one file (a CommonJS module) to a Code object."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.fs: FuncState
        self.scope: Scope
        self.loc: tuple[int, int] = (0, 0)
        self.fields_pending = False
        self.chain: list[int] | None = None
        #: the source's lines (for the place of a token the tree does not locate: the
        #: ``.``, ``[``, ``(`` or ``=`` that node names in an error)
        self.source_lines: list[str] = []
        self.pattern_source: Node | None = None
        #: compiling strict code ("use strict", class bodies): ``this`` is never replaced
        self.strict = False
        #: the private names of the classes being compiled, innermost last: a method's or
        #: accessor's key names its class for node's messages (values.private_member_key)
        self.private_names: list[dict[str, str]] = []

    # -- errors and emission --------------------------------------------------------
    def error(self, node: Node, what: str) -> JSCompileError:
        loc = node.get("loc") or {"start": {"line": self.loc[0], "column": self.loc[1]}}
        line, col = loc["start"]["line"], loc["start"]["column"] + 1
        return JSCompileError(f"{self.filename}:{line}:{col}: unsupported: {what} "
                              "(outside the a64js JavaScript subset)")

    def emit(self, name: str, *args: int) -> int:
        code = self.fs.code
        code.insns.append((OP[name], *args))
        code.lines.append(self.loc)
        return len(code.insns) - 1

    def note(self, pc: int, node: Node | None, call_args: bool = False,
             pattern: str = "", loop: bool = False) -> None:
        """Keep node's message for iterating what ``node`` gives (undefined, null, a number
        or a boolean) at ``pc`` in Code.texts ("o.x is not iterable"): node names the
        expression by its source (a call by its callee); for a spread among a call's
        arguments, \\x01 and the source; for an array pattern's value that node names
        by its type and value, \\x02 (runtime.not_iterable_message). ``pattern``: the
        value of an array pattern "declared" or "assigned"; ``loop``: for...of's."""
        t = node["type"] if node is not None else ""
        if node is _FOR:
            self.fs.code.texts[pc] = ".for is not iterable"
        elif pattern == "assigned" or node is _PARAM or (loop and t == "ChainExpression"):
            self.fs.code.texts[pc] = "\x02"  # (node names the value by its type)
        elif t == "ObjectExpression" and not call_args and pattern != "assigned":
            # node names a literal by its shape ({} or one "(intermediate value)" a
            # property), but for...of over one whose values are not all constants by
            # its type, as an assigned array pattern's value (the \x02 below)
            assert node is not None
            self.fs.code.texts[pc] = "\x02" if loop and not _constant_literal(node) \
                else f"{_describe(node)} is not iterable"
        elif pattern and t not in ("Identifier", "CallExpression", "Literal", "ThisExpression",
                                   "NewExpression"):
            self.fs.code.texts[pc] = "\x02"
        elif node is None:
            return
        elif call_args:
            self.fs.code.texts[pc] = "\x01" + _describe(node)
        elif t == "CallExpression" or t == "NewExpression":
            self.fs.code.texts[pc] = (f"{_describe(node['callee'])} is not a function or "
                                      "its return value is not iterable")
        elif t == "ConditionalExpression" and loop and not (
                _folded(node["consequent"]) and _folded(node["alternate"])):
            # (node names for...of's value by its type when a branch is not a literal)
            self.fs.code.texts[pc] = "\x02"
        else:
            self.fs.code.texts[pc] = f"{_describe(node)} is not iterable"

    def pc(self) -> int:
        return len(self.fs.code.insns)

    def patch(self, at: int, target: int) -> None:
        ins = self.fs.code.insns[at]
        self.fs.code.insns[at] = (*ins[:-1], target)

    def const(self, v: Any) -> int:
        consts = self.fs.code.consts
        key = None if isinstance(v, Code) else (type(v).__name__, repr(v))
        if key is not None:
            i = self.fs.kindex.get(key)
            if i is not None:
                return i
        consts.append(v)
        if key is not None:
            self.fs.kindex[key] = len(consts) - 1
        return len(consts) - 1

    def kreg(self, v: Any) -> int:
        """A read-only register holding constant ``v`` (the frame's constant slots)."""
        return -2 - self.const(v)

    def feedback(self) -> int:
        self.fs.code.feedback += 1
        return self.fs.code.feedback - 1

    def alloc(self, n: int = 1) -> int:
        r = self.fs.top
        self.fs.top += n
        if self.fs.top > self.fs.code.nregs:
            self.fs.code.nregs = self.fs.top
        return r

    def set_loc(self, node: Node) -> None:
        loc = node.get("loc")
        if loc:
            self.loc = (loc["start"]["line"], loc["start"]["column"] + 1)

    def token_near(self, node: Node, chars: str, after: bool,
                   parens: bool = True) -> tuple[int, int] | None:
        """The place (line, column from 1) of the token in ``chars`` just before ``node``
        (or just after it, ``after``), past whitespace and comments (and, after, closing
        parentheses unless not ``parens``: the tree keeps none); None when another token
        is there or no source is known."""
        loc = node.get("loc")
        lines = self.source_lines
        if not loc or not lines:
            return None
        skip = " \t)" if after and parens else " \t"
        edge = loc["end"] if after else loc["start"]
        line, col = edge["line"], edge["column"]
        while 1 <= line <= len(lines):
            text = lines[line - 1]
            if after:
                while col < len(text):
                    if text[col] in skip:
                        col += 1
                    elif text.startswith("/*", col) and "*/" in text[col + 2:]:
                        col = text.index("*/", col + 2) + 2
                    else:
                        break
                if col < len(text) and not text.startswith("//", col):
                    return (line, col + 1) if text[col] in chars else None
                line, col = line + 1, 0
            else:
                col = min(col, len(text))
                while col > 0:
                    if text[col - 1] in skip:
                        col -= 1
                    elif text.endswith("*/", 0, col) and "/*" in text[:col - 2]:
                        col = text.rindex("/*", 0, col - 2)
                    else:
                        break
                if col > 0:  # (a line comment before is not looked for: rare)
                    return (line, col) if text[col - 1] in chars else None
                line, col = line - 1, 1 << 30
        return None

    def access_loc(self, member: Node) -> None:
        """The place node gives an error of the property access ``member``: its ``[``
        when computed, else its name (the ``.`` once the chain has a call: ``f().x``)."""
        prop = member["property"]
        place = None
        if member["computed"]:
            place = self.token_near(prop, "[", after=False)
        elif _after_call(member["object"]):
            place = self.token_near(prop, ".", after=False)
        if place is not None:
            self.loc = place
        else:
            self.set_loc(prop)

    # -- entry --------------------------------------------------------------------------
    def compile_module(self, source: str, cache: bool | None = None) -> Code:
        """The module's Code, through the code cache (:mod:`a64js.codecache`) unless
        ``cache`` is False (None: when ``codecache.enabled()`` and ``filename`` is a file,
        as it is for every module a VM loads; a source under a made-up name writes
        nothing): stored bytecode of the same source, file name and front end is read
        back, else the source is parsed (or its stored tree read back) and compiled, and
        the result stored. Errors are those of the parser and compiler, as without the
        cache."""
        if cache is None:
            cache = codecache.enabled() and os.path.isfile(self.filename)
        got = codecache.load(source, self.filename) if cache else None
        if isinstance(got, Code):
            return got
        tree = got if got is not None else parse(source, self.filename)
        self.source_lines = source.split("\n")
        try:
            code = self._module(tree)
        except JSCompileError:
            if cache and got is None:  # outside the subset: the tree saves the parse
                codecache.store(source, self.filename, tree)
            raise
        if cache:
            codecache.store(source, self.filename, code)
        return code

    def _module(self, tree: Node) -> Code:
        _free_cache.clear()  # keyed by node id: valid only while this tree is alive
        # the module wrapper: function (exports, require, module, __filename, __dirname)
        fn: Node = {
            "type": "FunctionExpression", "id": None, "generator": False, "async": False,
            "params": [{"type": "Identifier", "name": n} for n in
                       ("exports", "require", "module", "__filename", "__dirname")],
            "body": {"type": "BlockStatement", "body": tree["body"], "loc": tree.get("loc")},
            "loc": tree.get("loc") or {"start": {"line": 1, "column": 0}},
        }
        return self.function(fn, "<module>", None)

    # -- functions ----------------------------------------------------------------------
    def function(self, node: Node, name: str, outer: Scope | None,
                 kind: str = "normal", derived: bool = False) -> Code:
        if node.get("generator"):
            raise self.error(node, "a generator function (function*)")
        if node.get("async"):
            raise self.error(node, "an async function")
        code = Code(name, self.filename)
        code.source_line = node["loc"]["start"]["line"] if node.get("loc") else 0
        code.text_at = _text_at(node)
        is_arrow = node["type"] == "ArrowFunctionExpression"
        code.kind = "arrow" if is_arrow else kind
        code.is_class_ctor = kind == "ctor"
        code.is_derived = derived
        captured: set[str] = set()
        _inner_free(node["params"], captured)
        _inner_free(node["body"], captured)
        saved = (getattr(self, "fs", None), getattr(self, "scope", None), self.loc,
                 self.strict)
        body = node["body"]
        if body["type"] == "BlockStatement" and _has_use_strict(body["body"]):
            self.strict = True
        code.strict = self.strict
        fs = FuncState(code, node, captured, is_arrow)
        fs.in_ctor = kind == "ctor" or (is_arrow and saved[0] is not None
                                        and saved[0].in_ctor)
        fs.no_super = derived and kind == "ctor" and not any(
            (n.get("type") == "CallExpression" and n["callee"]["type"] == "Super")
            or (n.get("type") == "ReturnStatement" and n["argument"] is not None)
            for n in _nodes(body, _own_code))
        outer_fs = saved[0]
        if is_arrow and outer_fs is not None:
            fs.this_dead = outer_fs.this_dead
            fs.this_binding = outer_fs.this_binding
        else:
            fs.this_dead = fs.no_super
        this_tracked = derived and kind == "ctor" and not fs.no_super and (
            not _plain_derived_ctor(body, node["params"]))
        if this_tracked and any(
                n.get("type") == "ArrowFunctionExpression" and _reads_this(n["body"])
                for n in _nodes([node["params"], body], _own_code)):
            captured.add(THIS_BINDING)
        self.fs = fs
        params = node["params"]
        simple = all(p["type"] == "Identifier" for p in params)
        code.nparams = len(params) if simple else 0
        code.length = 0
        for p in params:
            if p["type"] in ("AssignmentPattern", "RestElement"):
                break
            code.length += 1
        fs.top = 3 + code.nparams
        code.nregs = fs.top
        scope = Scope(outer, fs)
        self.scope = scope
        if kind == "ctor" and self.fields_pending:
            self.fields_pending = False
            self.emit("RunFields")
        if name == "<module>" and outer is None:
            if _uses_this(body):
                self.emit("Mov", 1, 3)  # node calls a module with this = module.exports
        elif not self.strict and not is_arrow and _uses_this(body):
            # A sloppy function called with this undefined or null gets the global object
            # (arrows read the this of the function they are in: done there).
            skip = self.emit("JumpIfNotNullish", 1, -1)
            self.emit("GetGlobal", 1, self.const("globalThis"))
            self.patch(skip, self.pc())
        # function-level declarations: params, vars, top-level lexical names
        names: list[tuple[str, bool]] = []
        pnames: set[str] = set()
        for p in params:
            _pattern_names(p, pnames)
        vnames: set[str] = set()
        if body["type"] == "BlockStatement":
            _collect_vars(body, vnames)
            if not self.strict:
                fs.annexb = _block_functions(body, pnames)
                vnames |= fs.annexb
        fs.var_scope = scope
        if not is_arrow and ("arguments" in _refs_of(body) or (
                not simple and "arguments" in _refs_of(params))):
            code.uses_arguments = True
            if not self.strict and simple and params:
                w = _aliasing_write(body, pnames)
                if w is not None:
                    raise self.error(w, "a parameter or arguments[i] assigned in a sloppy-mode "
                                        "function that reads arguments (their aliasing)")
        if simple:
            # uncaptured parameters are used in place, in their incoming slots
            for i, p in enumerate(params):
                pn = p["name"]
                if pn not in captured:
                    scope.names[pn] = Binding(pn, "reg", 3 + i, 0, scope, False)
        all_names = list(dict.fromkeys([*sorted(pnames), *sorted(vnames)]))
        for n in all_names:
            names.append((n, False))
        self.declare_all(scope, names)
        if this_tracked:
            self.declare_all(scope, [(THIS_BINDING, False)])
            tb = scope.names[THIS_BINDING]
            tb.init = False
            tb.lexical = True
            self.store_binding(tb, self.kreg(UNINITIALIZED))
            fs.this_binding = tb
        if node["type"] == "FunctionExpression" and node.get("id") and kind != "method":
            fname = node["id"]["name"]
            if fname not in scope.names:
                self.declare_all(scope, [(fname, True)])
                b = scope.names[fname]
                b.silent = True
                self.store_binding(b, 2)
        if kind == "ctor" and not fs.no_super and any(
                n.get("type") == "MetaProperty" for n in _nodes(body, _own_code)):
            self.bind_new_target(scope, body)
        if code.uses_arguments and "arguments" not in scope.names:
            self.declare_all(scope, [("arguments", False)])
            b = scope.names["arguments"]
            t = self.alloc()
            self.emit("Arguments", t)
            if _arguments_escape(body):  # (node's Arguments object: values.ARGUMENTS_MARK)
                mark = self.alloc()
                self.emit("GetGlobal", mark, self.const(ARGUMENTS_MARK))
                self.emit("Call", t, mark, mark, t, 1, self.const("arguments"))
            self.store_binding(b, t)
        # parameters
        if simple:
            for i, p in enumerate(params):
                b = scope.names[p["name"]]
                if b.kind == "ctx":
                    self.emit("StCtx", b.reg, b.slot, 3 + i)
                elif b.reg != 3 + i:
                    self.emit("Mov", b.reg, 3 + i)
        else:
            for n in pnames:  # (a default reads the parameters before its own: node's TDZ)
                scope.names[n].init = False
            for i, p in enumerate(params):
                self.set_loc(p)
                if p["type"] == "RestElement":
                    t = self.alloc()
                    self.emit("Rest", t, i)
                    self.bind_pattern(p["argument"], t, "let")
                    break
                t = self.alloc()
                self.emit("Rest", t, i)  # the argument list from i; element 0 is the value
                v = self.alloc()
                zero = self.alloc()
                self.emit("LoadK", zero, self.const(0))
                self.emit("GetElem", v, t, zero)
                self.pattern_source = _PARAM if p["type"] in _PATTERNS else None
                self.bind_pattern(p, v, "let")
        if body["type"] == "BlockStatement":
            self.hoist_block(body["body"], scope, function_level=True)
            this_b = fs.this_binding if kind == "ctor" else None
            for st in body["body"]:
                self.stmt(st)
                if this_b is not None and st["type"] == "ExpressionStatement" and (
                        st["expression"]["type"] == "CallExpression"
                        and st["expression"]["callee"]["type"] == "Super"):
                    this_b.init = True  # (from here on, super() has returned)
            if fs.no_super:
                self.throw_no_super()
            self.check_this()
            self.emit("Return", self.kreg(None))
        else:
            r = self.expr(body)
            self.emit("Return", r)
        _place_constants(code)
        self.fs, self.scope, self.loc, self.strict = saved  # type: ignore[assignment]
        return code

    def declare_all(self, scope: Scope, names: list[tuple[str, bool]]) -> None:
        """Declare names in ``scope``: registers, or slots of the scope's context."""
        fs = self.fs
        for n, const in names:
            if n in scope.names:
                continue
            if n in fs.captured:
                if scope.ctx_reg < 0:
                    scope.ctx_reg = self.alloc()
                    parent = self.ctx_of(scope.parent)
                    self.emit("NewContext", scope.ctx_reg, parent, 0)
                    scope.nslots = 0
                scope.nslots += 1
                scope.names[n] = Binding(n, "ctx", scope.ctx_reg, scope.nslots, scope, const)
                self.fix_context_size(scope)
            else:
                r = self.alloc()
                scope.names[n] = Binding(n, "reg", r, 0, scope, const)

    def fix_context_size(self, scope: Scope) -> None:
        # the NewContext that made this scope's context gets its final size
        code = self.fs.code
        for i in range(len(code.insns) - 1, -1, -1):
            ins = code.insns[i]
            if ins[0] == OP["NewContext"] and ins[1] == scope.ctx_reg:
                code.insns[i] = (ins[0], ins[1], ins[2], scope.nslots)
                return

    def ctx_of(self, scope: Scope | None) -> int:
        """The register of the innermost context visible from ``scope`` in this function
        (-1: the closure's own context)."""
        s = scope
        while s is not None and s.func is self.fs:
            if s.ctx_reg >= 0:
                return s.ctx_reg
            s = s.parent
        return -1

    def hoist_block(self, body: list[Node], scope: Scope, function_level: bool = False) -> None:
        names: list[tuple[str, bool]] = []
        lexical: list[str] = []
        for st in body:
            t = st["type"]
            if t == "VariableDeclaration" and st["kind"] != "var":
                s: set[str] = set()
                for d in st["declarations"]:
                    _pattern_names(d["id"], s)
                names += [(n, st["kind"] == "const") for n in sorted(s)]
                lexical += sorted(s)
            elif t == "ClassDeclaration" or t == "FunctionDeclaration":
                names.append((st["id"]["name"], False))
                if t == "ClassDeclaration":
                    lexical.append(st["id"]["name"])
        fresh = [n for n, _ in names if n not in scope.names]
        self.declare_all(scope, names)
        for n in fresh:
            if n in lexical:
                b = scope.names[n]
                b.init = False
                b.lexical = True
                if b.kind == "ctx":  # closures may read it before the declaration runs
                    self.emit("StCtx", b.reg, b.slot, self.kreg(UNINITIALIZED))
        for st in body:
            if st["type"] == "FunctionDeclaration":
                self.set_loc(st)
                fb = self.scope_lookup(st["id"]["name"])
                assert fb is not None
                r = self.make_closure(st, st["id"]["name"])
                self.store_binding(fb, r)

    def make_closure(self, node: Node, name: str, kind: str = "normal",
                     derived: bool = False, dst: int | None = None,
                     text: Node | None = None) -> int:
        """A closure of function ``node``; ``text``: the node whose source is the
        function's text (a method's with its key, a class constructor's class)."""
        code = self.function(node, name, self.scope, kind, derived)
        if text is not None and text.get("loc"):
            code.text_at = _text_at(text)
            if text.get("static") and text["type"] == "MethodDefinition":
                # node's text of a static method starts at its key, past ``static``
                l0, c0 = code.text_at[:2]
                line = js_str(self.source_lines[l0 - 1]) if l0 <= len(
                    self.source_lines) else ""
                if line.startswith("static", c0):
                    c = c0 + 6
                    while c < len(line) and line[c] in " \t":
                        c += 1
                    code.text_at = (l0, c, *code.text_at[2:])
        r = self.alloc() if dst is None else dst
        self.emit("Closure", r, self.const(code), self.ctx_of(self.scope))
        return r

    # -- name resolution ----------------------------------------------------------------
    def scope_lookup(self, name: str) -> Binding | None:
        s: Scope | None = self.scope
        while s is not None:
            b = s.names.get(name)
            if b is not None:
                return b
            s = s.parent
        return None

    def env_depth(self, b: Binding) -> int:
        """Hops from the current function's closure context to ``b``'s context."""
        s: Scope | None = self.scope
        while s is not None and s.func is self.fs:
            s = s.parent
        depth = 0
        while s is not None and s is not b.scope:
            if s.ctx_reg >= 0:
                depth += 1
            s = s.parent
        return depth

    def load_name(self, node: Node, dst: int | None) -> int:
        name = node["name"]
        b = self.scope_lookup(name)
        if b is None:
            if name == "undefined":
                if dst is None:
                    return self.kreg(None)
                self.emit("LoadK", dst, self.const(None))
                return dst
            if name in NODE_ONLY_GLOBALS:
                raise self.error(node, f"node's built-in {name}")
            r = self.alloc() if dst is None else dst
            self.emit("GetGlobal", r, self.const(name))
            return r
        if b.scope.func is self.fs:
            if not b.init:
                self.emit("ThrowConst", THROW_KINDS.index("ReferenceError"), self.const(
                    f"Cannot access '{name}' before initialization"))
            elif b.case != b.scope.case:
                self.check_init(b)
            if b.kind == "reg":
                if dst is not None and dst != b.reg:
                    self.emit("Mov", dst, b.reg)
                    return dst
                return b.reg
            r = self.alloc() if dst is None else dst
            self.emit("LdCtx", r, b.reg, b.slot)
            return r
        r = self.alloc() if dst is None else dst
        if b.lexical:
            self.emit("LdEnvChecked", r, self.env_depth(b), b.slot, self.const(name))
        else:
            self.emit("LdEnv", r, self.env_depth(b), b.slot)
        return r

    def check_init(self, b: Binding) -> None:
        """A switch body's let/const/class used in a later case clause than the one
        declaring it: in its TDZ when the switch jumped past the declaration."""
        fs = self.fs
        mark = fs.top
        if b.kind == "reg":
            r = b.reg
        else:
            r = self.alloc()
            self.emit("LdCtx", r, b.reg, b.slot)
        j = self.emit("JumpIfNotStrictEq", r, self.kreg(UNINITIALIZED), -1)
        fs.top = mark
        self.emit("ThrowConst", THROW_KINDS.index("ReferenceError"),
                  self.const(tdz_message(b.name)))
        self.patch(j, self.pc())

    def store_binding(self, b: Binding, src: int) -> None:
        if b.scope.func is self.fs:
            if b.kind == "reg":
                if b.reg != src:
                    self.emit("Mov", b.reg, src)
            else:
                self.emit("StCtx", b.reg, b.slot, src)
        else:
            self.emit("StEnv", self.env_depth(b), b.slot, src)

    def store_name(self, node: Node, src: int, init: bool = False,
                   read: bool = False) -> None:
        """Store to the name ``node``; ``read``: the store's own expression read the
        name, unconditionally, before (its TDZ checked then)."""
        name = node["name"]
        b = self.scope_lookup(name)
        if b is None:
            if self.strict:
                self.store_loc(node)  # (node's place of both errors: the ``=``)
            if name in READ_ONLY_GLOBALS:  # lost in sloppy code, node's TypeError in strict
                if self.strict:
                    self.emit("ThrowConst", THROW_KINDS.index("TypeError"), self.const(
                        f"Cannot assign to read only property '{name}' of object "
                        "'#<Object>'"))
                return
            if self.strict:  # no such global: node's ReferenceError, not a new global
                mark = self.fs.top
                g, has = self.alloc(), self.alloc()
                self.emit("GetGlobal", g, self.const("globalThis"))
                self.emit("In", has, self.kreg(name), g)
                j = self.emit("JumpIfTrue", has, -1)
                self.emit("ThrowConst", THROW_KINDS.index("ReferenceError"),
                          self.const(f"{name} is not defined"))
                self.patch(j, self.pc())
                self.fs.top = mark
            self.emit("SetGlobal", self.const(name), src)
            return
        loc = self.loc
        self.set_loc(node)  # (node's place of a store in the TDZ: the name)
        if b.scope.func is self.fs:
            if not b.init:
                self.emit("ThrowConst", THROW_KINDS.index("ReferenceError"), self.const(
                    f"Cannot access '{name}' before initialization"))
            elif b.case != b.scope.case and not init:
                self.check_init(b)
        elif b.lexical and not read and (not b.init or b.case != b.scope.case):
            # a closure's store: the binding may be in its TDZ (the function may run
            # before the declaration does; not when made after it)
            mark = self.fs.top
            self.emit("LdEnvChecked", self.alloc(), self.env_depth(b), b.slot,
                      self.const(name))
            self.fs.top = mark
        self.loc = loc
        if b.const and not init:
            if not (b.silent and not self.strict):
                self.emit("ThrowConst", THROW_KINDS.index("TypeError"),
                          self.const("Assignment to constant variable."))
            return
        self.store_binding(b, src)

    # -- statements ----------------------------------------------------------------------
    def stmt(self, node: Node) -> None:
        self.set_loc(node)
        mark = self.fs.top
        t = node["type"]
        m = getattr(self, "s_" + t, None)
        if m is None:
            raise self.error(node, _construct("statement", t))
        labels = self.fs.pending_labels
        if t not in ("LabeledStatement",) and labels and t not in (
                "ForStatement", "ForOfStatement", "ForInStatement", "WhileStatement",
                "DoWhileStatement"):
            # a labelled non-loop statement: only `break label` applies
            self.fs.pending_labels = set()
            j = Jumps(labels, False, len(self.fs.tries))
            self.fs.jumps.append(j)
            m(node)
            self.fs.jumps.pop()
            for at in j.breaks:
                self.patch(at, self.pc())
        else:
            m(node)
        self.fs.top = mark

    def s_EmptyStatement(self, node: Node) -> None:
        pass

    def s_DebuggerStatement(self, node: Node) -> None:
        pass

    def s_ExpressionStatement(self, node: Node) -> None:
        self.expr(node["expression"], discard=True)

    def s_VariableDeclaration(self, node: Node) -> None:
        for d in node["declarations"]:
            self.set_loc(d)
            init = d["init"]
            if init is None:
                if node["kind"] == "var":
                    continue
                r = self.alloc()
                self.emit("LoadK", r, self.const(None))
            else:
                target = d["id"]
                if target["type"] == "Identifier":
                    b = self.scope_lookup(target["name"])
                    if b is not None and b.kind == "reg" and b.scope.func is self.fs:
                        self.expr(init, b.reg, name=target["name"])
                        b.init = True
                        continue
                    r = self.expr(init, name=target["name"])
                else:
                    r = self.expr(init)
            if d["id"]["type"] in ("ObjectPattern", "ArrayPattern"):
                self.pattern_source = init  # (named by destructuring's messages)
            self.bind_pattern(d["id"], r, node["kind"])

    def s_FunctionDeclaration(self, node: Node) -> None:
        # hoisted; in a block of sloppy code, the function's var of the name takes the
        # block's function here (Annex B.3.3: `{ function f() {} } f()` calls it)
        name = node["id"]["name"]
        fs = self.fs
        if name in fs.annexb and fs.var_scope is not None:
            inner, outer = self.scope_lookup(name), fs.var_scope.names.get(name)
            if inner is not None and outer is not None and inner is not outer:
                self.store_binding(outer, self.load_name(node["id"], None))

    def s_ClassDeclaration(self, node: Node) -> None:
        r = self.class_(node)
        b = self.scope_lookup(node["id"]["name"])
        assert b is not None
        self.store_binding(b, r)
        b.init = True

    def s_ReturnStatement(self, node: Node) -> None:
        if self.fs.no_super:
            self.throw_no_super()
        if node["argument"] is not None:
            r = self.expr(node["argument"])
        else:
            r = self.kreg(None)
        if self.fs.tries and any(t.finalizer is not None for t in self.fs.tries):
            t = self.alloc()
            self.emit("Mov", t, r)
            r = t
            self.run_finalizers(0)
        code = self.fs.code
        if code.kind == "ctor" and code.is_derived:
            if node["argument"] is None:
                self.check_this()
            else:
                self.derived_return(r)
        self.emit("Return", r)

    def derived_return(self, r: int) -> None:
        """``return v;`` in a derived constructor: node's TypeError unless v is an object
        or undefined (then super() must have been called)."""
        undef = self.emit("JumpIfStrictEq", r, self.kreg(None), -1)
        bad = self.emit("JumpIfStrictEq", r, self.kreg(NULL), -1)
        t = self.alloc()
        self.emit("TypeOf", t, r)
        obj = self.emit("JumpIfStrictEq", t, self.kreg("object"), -1)
        fn = self.emit("JumpIfStrictEq", t, self.kreg("function"), -1)
        self.patch(bad, self.pc())
        self.emit("ThrowConst", THROW_KINDS.index("TypeError"), self.const(
            "Derived constructors may only return object or undefined"))
        self.patch(undef, self.pc())
        self.check_this()
        self.patch(obj, self.pc())
        self.patch(fn, self.pc())

    def is_local(self, r: int) -> bool:
        s: Scope | None = self.scope
        while s is not None and s.func is self.fs:
            for b in s.names.values():
                if b.kind == "reg" and b.reg == r:
                    return True
            s = s.parent
        return r < 3 + self.fs.code.nparams

    def run_finalizers(self, depth: int) -> None:
        """Emit the finally blocks of the try statements above ``depth`` (innermost
        first), each cut out of the protected regions it leaves."""
        tries = self.fs.tries
        saved = list(tries)
        saved_scope = self.scope
        for i in range(len(tries) - 1, depth - 1, -1):
            for t in saved[i:]:
                if self.pc() > t.start:
                    t.ranges.append((t.start, self.pc()))
                t.start = -1
            fin = saved[i].finalizer
            if fin is not None:
                self.fs.tries = saved[:i]
                self.scope = saved[i].scope
                self.block(fin)
        self.fs.tries = saved
        self.scope = saved_scope
        after = self.pc() + 1  # regions resume after the jump that follows
        for t in saved[depth:]:
            t.start = after

    def s_ThrowStatement(self, node: Node) -> None:
        r = self.expr(node["argument"])
        self.emit("Throw", r)

    def s_BlockStatement(self, node: Node) -> None:
        self.block(node)

    def block(self, node: Node) -> None:
        saved = self.scope
        self.scope = Scope(saved, self.fs)
        self.hoist_block(node["body"], self.scope)
        for st in node["body"]:
            self.stmt(st)
        self.scope = saved

    def s_IfStatement(self, node: Node) -> None:
        jf = self.cond_jump(node["test"])
        self.stmt(node["consequent"])
        if node["alternate"] is not None:
            j = self.emit("Jump", -1)
            for at in jf:
                self.patch(at, self.pc())
            self.stmt(node["alternate"])
            self.patch(j, self.pc())
        else:
            for at in jf:
                self.patch(at, self.pc())

    def compare_operands(self, test: Node) -> tuple[int, int]:
        """The registers of a comparison's two operands for a fused compare-and-jump
        (the left one copied first when evaluating the right one may assign it)."""
        a = self.expr(test["left"])
        mark = self.fs.top
        if self.is_local(a) and _may_assign(test["right"]):
            t = self.alloc()
            self.emit("Mov", t, a)
            a = t
        b = self.expr(test["right"])
        self.fs.top = mark
        return a, b

    def cond_jump(self, test: Node) -> list[int]:
        """Emit a test; returns the jumps taken when it is false."""
        self.set_loc(test)
        if test["type"] == "BinaryExpression" and test["operator"] in FUSED:
            a, b = self.compare_operands(test)
            return [self.emit(FUSED[test["operator"]], a, b, -1)]
        if test["type"] == "UnaryExpression" and test["operator"] == "!":
            r = self.expr(test["argument"])
            return [self.emit("JumpIfTrue", r, -1)]
        if test["type"] == "LogicalExpression" and test["operator"] == "&&":
            f1 = self.cond_jump(test["left"])
            f2 = self.cond_jump(test["right"])
            return f1 + f2
        r = self.expr(test)
        return [self.emit("JumpIfFalse", r, -1)]

    def loop_jumps(self) -> Jumps:
        labels = self.fs.pending_labels
        self.fs.pending_labels = set()
        j = Jumps(labels, True, len(self.fs.tries))
        self.fs.jumps.append(j)
        return j

    def end_loop(self, j: Jumps, cont: int, brk: int) -> None:
        self.fs.jumps.pop()
        for at in j.continues:
            self.patch(at, cont)
        for at in j.breaks:
            self.patch(at, brk)

    def cond_jump_true(self, test: Node, target: int) -> None:
        """Emit a test that jumps to ``target`` when it is true (loops test at the
        bottom, so each iteration takes one conditional jump and no unconditional one)."""
        self.set_loc(test)
        if test["type"] == "BinaryExpression" and test["operator"] in FUSED_TRUE:
            a, b = self.compare_operands(test)
            self.emit(FUSED_TRUE[test["operator"]], a, b, target)
            return
        if test["type"] == "UnaryExpression" and test["operator"] == "!":
            r = self.expr(test["argument"])
            self.emit("JumpIfFalse", r, target)
            return
        r = self.expr(test)
        self.emit("JumpIfTrue", r, target)

    def s_WhileStatement(self, node: Node) -> None:
        j = self.loop_jumps()
        jtest = self.emit("Jump", -1)
        top = self.pc()
        self.stmt(node["body"])
        cont = self.pc()
        self.patch(jtest, cont)
        mark = self.fs.top
        self.cond_jump_true(node["test"], top)
        self.fs.top = mark
        self.end_loop(j, cont, self.pc())

    def s_DoWhileStatement(self, node: Node) -> None:
        j = self.loop_jumps()
        top = self.pc()
        self.stmt(node["body"])
        cont = self.pc()
        mark = self.fs.top
        self.cond_jump_true(node["test"], top)
        self.fs.top = mark
        self.end_loop(j, cont, self.pc())

    def s_ForStatement(self, node: Node) -> None:
        saved = self.scope
        self.scope = Scope(saved, self.fs)
        j = self.loop_jumps()
        init = node["init"]
        per_iter = False
        if init is not None:
            if init["type"] == "VariableDeclaration":
                if init["kind"] != "var":
                    self.hoist_block([init], self.scope)
                    per_iter = self.scope.ctx_reg >= 0
                self.stmt(init)
            else:
                self.expr(init, discard=True)
        jtest = self.emit("Jump", -1) if node["test"] is not None else -1
        top = self.pc()
        self.stmt(node["body"])
        cont = self.pc()
        if per_iter:
            self.emit("CopyContext", self.scope.ctx_reg)
        if node["update"] is not None:
            mark = self.fs.top
            self.expr(node["update"], discard=True)
            self.fs.top = mark
        if node["test"] is not None:
            self.patch(jtest, self.pc())
            mark = self.fs.top
            self.cond_jump_true(node["test"], top)
            self.fs.top = mark
        else:
            self.emit("Jump", top)
        end = self.pc()
        self.end_loop(j, cont, end)
        self.scope = saved

    def s_ForOfStatement(self, node: Node) -> None:
        self.for_each(node, "ToArray")

    def s_ForInStatement(self, node: Node) -> None:
        self.for_each(node, "Keys")

    def for_each(self, node: Node, how: str) -> None:
        src = self.expr(node["right"])
        arr = self.alloc()
        at = self.emit(how, arr, src)
        self.note(at, node["right"], loop=True)
        checked = how == "Keys" and any(
            n.get("type") == "UnaryExpression" and n["operator"] == "delete"
            for n in _nodes(node["body"]))
        if checked:  # (the object as the loop began: the body may assign its variable)
            obj, key, has = self.alloc(), self.alloc(), self.alloc()
            self.emit("Mov", obj, src)
        idx = self.alloc()
        self.emit("LoadK", idx, self.const(0))
        n = self.alloc()
        v = self.alloc()
        j = self.loop_jumps()
        jtest = self.emit("Jump", -1)
        top = self.pc()
        skip = -1
        if checked:
            # a key deleted before its turn is not visited (node): checked where the body
            # deletes (a deletion from a function it calls is not seen)
            self.emit("GetElem", key, arr, idx)
            self.emit("In", has, key, obj)
            skip = self.emit("JumpIfFalse", has, -1)
        saved = self.scope
        self.scope = Scope(saved, self.fs)
        left = node["left"]
        if left["type"] == "VariableDeclaration":
            kind = left["kind"]
            if kind != "var":
                self.hoist_block([left], self.scope)
            pat = left["declarations"][0]["id"]
            b = self.scope_lookup(pat["name"]) if pat["type"] == "Identifier" else None
            if b is not None and b.kind == "reg" and b.scope.func is self.fs:
                # `for (const x of a)` with x in a register: the element goes there directly
                self.emit("GetElem", b.reg, arr, idx)
                b.init = True
            else:
                self.emit("GetElem", v, arr, idx)
                self.pattern_source = _FOR if pat["type"] in _PATTERNS else None
                self.bind_pattern(pat, v, kind)
        else:
            self.emit("GetElem", v, arr, idx)
            self.pattern_source = _nested(left)
            self.assign_to(left, v)
        self.stmt(node["body"])
        self.scope = saved
        cont = self.pc()
        if skip >= 0:
            self.patch(skip, cont)
        self.emit("Inc", idx, idx)
        self.patch(jtest, self.pc())
        # the length is read every time: an array may grow while it is iterated
        self.emit("GetProp", n, arr, self.const("length"), self.feedback())
        self.emit("JumpIfLt", idx, n, top)
        self.end_loop(j, cont, self.pc())

    def s_LabeledStatement(self, node: Node) -> None:
        self.fs.pending_labels = self.fs.pending_labels | {node["label"]["name"]}
        self.stmt(node["body"])
        self.fs.pending_labels = set()

    def find_jump(self, node: Node, is_continue: bool) -> Jumps:
        label = node["label"]["name"] if node["label"] else None
        for j in reversed(self.fs.jumps):
            if label is None:
                if is_continue and j.is_loop:
                    return j
                if not is_continue and (j.is_loop or j.is_switch):
                    return j
            elif label in j.labels:
                if is_continue and not j.is_loop:
                    break
                return j
        raise self.error(node, f"{'continue' if is_continue else 'break'} "
                               f"without a matching {'loop' if is_continue else 'target'}")

    def s_BreakStatement(self, node: Node) -> None:
        j = self.find_jump(node, False)
        if len(self.fs.tries) > j.try_depth:
            self.run_finalizers(j.try_depth)
        j.breaks.append(self.emit("Jump", -1))

    def s_ContinueStatement(self, node: Node) -> None:
        j = self.find_jump(node, True)
        if len(self.fs.tries) > j.try_depth:
            self.run_finalizers(j.try_depth)
        j.continues.append(self.emit("Jump", -1))

    def s_SwitchStatement(self, node: Node) -> None:
        d = self.expr(node["discriminant"])
        if self.is_local(d):
            t = self.alloc()
            self.emit("Mov", t, d)
            d = t
        saved = self.scope
        self.scope = Scope(saved, self.fs)
        body = [st for c in node["cases"] for st in c["consequent"]]
        self.hoist_block(body, self.scope)
        if len(node["cases"]) > 1:
            # a later case clause may be run without the declaration in an earlier one
            # having run: such names start UNINITIALIZED and are checked there
            for i, c in enumerate(node["cases"]):
                for n in _lexical_names(c["consequent"]):
                    b = self.scope.names[n]
                    b.case = i
                    if b.kind == "reg":
                        self.emit("LoadK", b.reg, self.const(UNINITIALIZED))
        labels = self.fs.pending_labels
        self.fs.pending_labels = set()
        j = Jumps(labels, False, len(self.fs.tries))
        j.is_switch = True
        self.fs.jumps.append(j)
        tests: list[int] = []
        default = -1
        for i, c in enumerate(node["cases"]):
            if c["test"] is None:
                default = i
                tests.append(-1)
                continue
            mark = self.fs.top
            v = self.expr(c["test"])
            self.fs.top = mark
            tests.append(self.emit("JumpIfStrictEq", d, v, -1))
        jdefault = self.emit("Jump", -1)
        for i, c in enumerate(node["cases"]):
            if tests[i] >= 0:
                self.patch(tests[i], self.pc())
            if i == default:
                self.patch(jdefault, self.pc())
            if len(node["cases"]) > 1:
                self.scope.case = i
            for st in c["consequent"]:
                self.stmt(st)
        end = self.pc()
        if default < 0:
            self.patch(jdefault, end)
        self.fs.jumps.pop()
        for at in j.breaks:
            self.patch(at, end)
        self.scope = saved

    def s_TryStatement(self, node: Node) -> None:
        fin = node["finalizer"]
        handler = node["handler"]
        code = self.fs.code
        ft: TryState | None = None
        if fin is not None:
            ft = TryState(self.pc(), fin, self.scope)
            self.fs.tries.append(ft)
        ct = TryState(self.pc(), None, self.scope)
        self.fs.tries.append(ct)
        self.block(node["block"])
        self.fs.tries.pop()
        if ct.start >= 0 and self.pc() > ct.start:
            ct.ranges.append((ct.start, self.pc()))
        jend = self.emit("Jump", -1)
        if handler is not None:
            exc = self.alloc()
            hpc = self.pc()
            for s, e in ct.ranges:
                code.handlers.append((s, e, hpc, exc))
            saved = self.scope
            self.scope = Scope(saved, self.fs)
            if handler["param"] is not None:
                ps: set[str] = set()
                _pattern_names(handler["param"], ps)
                self.declare_all(self.scope, [(n, False) for n in sorted(ps)])
                self.bind_pattern(handler["param"], exc, "let")
            self.block(handler["body"])
            self.scope = saved
        else:
            # try/finally without catch: the exception path below handles it
            pass
        self.patch(jend, self.pc())
        if ft is not None:
            self.fs.tries.pop()
            if ft.start >= 0 and self.pc() > ft.start:
                ft.ranges.append((ft.start, self.pc()))
            self.block(fin)
            jover = self.emit("Jump", -1)
            exc2 = self.alloc()
            hpc2 = self.pc()
            for s, e in ft.ranges:
                code.handlers.append((s, e, hpc2, exc2))
            self.block(fin)
            self.emit("Throw", exc2)
            self.patch(jover, self.pc())

    # -- patterns -------------------------------------------------------------------------
    def bind_pattern(self, p: Node, src: int, kind: str) -> None:
        """Declaration binding (let/const/var/param) of pattern ``p`` to register ``src``."""
        self.set_loc(p)
        t = p["type"]
        if t == "Identifier":
            b = self.scope_lookup(p["name"])
            if b is None:
                self.emit("SetGlobal", self.const(p["name"]), src)
            else:
                self.store_binding(b, src)
                b.init = True
            return
        self.destructure(p, src, lambda target, r: self.bind_pattern(target, r, kind))

    def assign_to(self, target: Node, src: int) -> None:
        t = target["type"]
        if t == "Identifier":
            self.store_name(target, src)
        elif t == "MemberExpression":
            obj = self.expr(target["object"])
            if target["computed"]:
                k = self.expr(target["property"])
                self.emit("SetElem", obj, k, src)
            else:
                self.emit("SetProp", obj, self.const(self.pname(target["property"])), src,
                          self.feedback())
        elif t in ("ObjectPattern", "ArrayPattern", "AssignmentPattern"):
            self.destructure(target, src, self.assign_to)
        else:
            raise self.error(target, f"assignment to {t}")

    def destructure(self, p: Node, src: int, store: Any) -> None:
        # the expression destructured, when the caller knows it (not for nested patterns)
        source, self.pattern_source = self.pattern_source, None
        t = p["type"]
        if t == "AssignmentPattern":
            v = self.alloc()
            self.emit("Mov", v, src)
            j = self.emit("JumpIfStrictEq", v, self.undef_reg(), -1)
            jover = self.emit("Jump", -1)
            self.patch(j, self.pc())
            name = p["left"]["name"] if p["left"]["type"] == "Identifier" else ""
            self.expr(p["right"], v, name=name)
            self.patch(jover, self.pc())
            self.pattern_source = source if p["left"]["type"] in _PATTERNS else None
            store(p["left"], v)
        elif t == "ObjectPattern":
            first = next((pr for pr in p["properties"] if pr["type"] == "Property"
                          and not pr["computed"]), None)
            what = ""
            if first is not None:
                fk = first["key"]
                what = str(fk["name"] if fk["type"] == "Identifier" else fk.get("value"))
                if first["value"]["type"] == "AssignmentPattern" or source is _NESTED:
                    what = "\x01" + what  # node's message: the read of a property
            elif source is _NESTED and not any(
                    pr["type"] == "Property" for pr in p["properties"]):
                what = "\x01"  # ({} or {...r}: node's message reads no property)
            if source is _PARAM:
                what += "\x00\x02"  # (node names the value by its type)
            elif source is _FOR:
                what += "\x00.for"
            elif source is not None and source["type"] == "ChainExpression":
                what += "\x00(intermediate value)"
            elif source is not None and (source["type"] in _NAMED or (
                    source["type"] == "Literal" and source.get("value") is None
                    and source.get("regex") is None)):
                what += "\x00" + _describe(source)  # node names the value by its source
            self.emit("RequireObject", src, self.const(what))
            keys: list[int] = []
            for prop in p["properties"]:
                self.set_loc(prop)
                if prop["type"] == "RestElement":
                    st = self.early_target(prop["argument"], store)
                    karr = self.alloc(len(keys) + 1)
                    for i, k in enumerate(keys):
                        self.emit("Mov", karr + 1 + i, k)
                    self.emit("NewArray", karr, karr + 1, len(keys))
                    r = self.alloc()
                    self.emit("ObjectRest", r, src, karr)
                    st(prop["argument"], r)
                    continue
                v = self.alloc()
                if prop["computed"]:
                    k = self.expr(prop["key"])
                    kk = self.alloc()
                    self.emit("ToPropertyKey", kk, k)
                    keys.append(kk)
                    st = self.early_target(prop["value"], store)
                    self.emit("GetElem", v, src, kk)
                else:
                    key = prop["key"]
                    name = key["name"] if key["type"] == "Identifier" else str(key["value"])
                    kk = self.alloc()
                    self.emit("LoadK", kk, self.const(name))
                    keys.append(kk)
                    st = self.early_target(prop["value"], store)
                    self.emit("GetProp", v, src, self.const(name), self.feedback())
                self.pattern_source = _nested(prop["value"])
                st(prop["value"], v)
        elif t == "ArrayPattern":
            arr = self.alloc()
            self.note(self.emit("ToArray", arr, src), source,
                      pattern="assigned" if store == self.assign_to else "declared")
            for i, e in enumerate(p["elements"]):
                if e is None:
                    continue
                self.set_loc(e)
                v = self.alloc()
                if e["type"] == "RestElement":
                    st = self.early_target(e["argument"], store)
                    self.emit("Slice", v, arr, i)
                    st(e["argument"], v)
                    break
                st = self.early_target(e, store)
                k = self.alloc()
                self.emit("LoadK", k, self.const(i))
                self.emit("GetElem", v, arr, k)
                self.pattern_source = _nested(e)
                st(e, v)
        elif t == "Identifier" or t == "MemberExpression":
            store(p, src)
        else:
            raise self.error(p, f"the pattern {t}")

    def early_target(self, target: Node, store: Any) -> Any:
        """In an assignment's pattern, a property target's object (and computed key) is
        evaluated before the value it gets is read (node's order: ``[o().a = d()] = s``
        calls o, reads s's element, then calls d): the store to use for ``target``."""
        t = target["left"] if target["type"] == "AssignmentPattern" else target
        if store != self.assign_to or t["type"] != "MemberExpression" or (
                t["object"]["type"] == "Super"):
            return store
        obj = self.local_copy(self.expr(t["object"]), True)
        key = -1
        if t["computed"]:
            key = self.local_copy(self.expr(t["property"]), True)

        def st(tg: Node, r: int) -> None:
            if tg is t:
                if key >= 0:
                    self.emit("SetElem", obj, key, r)
                else:
                    self.emit("SetProp", obj, self.const(self.pname(t["property"])), r,
                              self.feedback())
            elif tg["type"] == "AssignmentPattern":
                self.destructure(tg, r, st)
            else:
                self.assign_to(tg, r)
        return st

    def undef_reg(self) -> int:
        return self.kreg(None)

    # -- expressions -------------------------------------------------------------------
    def expr(self, node: Node, dst: int | None = None, discard: bool = False,
             name: str = "") -> int:
        """Compile ``node``; the value ends in ``dst`` (when given) and its register is
        returned."""
        self.set_loc(node)
        t = node["type"]
        if t in ("FunctionExpression", "ArrowFunctionExpression"):
            nm = node["id"]["name"] if node.get("id") else name
            return self.make_closure(node, nm, dst=dst)
        if t == "ClassExpression":
            r = self.class_(node, name)
            return self.move(r, dst)
        m = getattr(self, "e_" + t, None)
        if m is None:
            raise self.error(node, _construct("expression", t))
        if t in ("AssignmentExpression", "UpdateExpression"):
            res: int = m(node, dst, discard)
        else:
            res = m(node, dst)
        return res

    def move(self, r: int, dst: int | None) -> int:
        if dst is not None and dst != r:
            self.emit("Mov", dst, r)
            return dst
        return r

    def target(self, dst: int | None) -> int:
        return self.alloc() if dst is None else dst

    def e_Literal(self, node: Node, dst: int | None) -> int:
        v = node["value"]
        c: Any
        if node.get("regex") is not None:
            raise self.error(node, "regular expressions")
        if node.get("bigint") is not None:  # esprima gives it value None: not null
            raise self.error(node, f"the BigInt literal {node.get('raw')}")
        if isinstance(v, str):
            c = js_str(v)
        elif isinstance(v, bool) or v is None:
            c = v if v is not None else NULL
        elif isinstance(v, int):
            c = v if -(2**53) <= v <= 2**53 else float(v)
        elif isinstance(v, float):
            c = normalize(v)
        else:
            raise self.error(node, f"the literal {node.get('raw')}")
        if dst is None:
            return self.kreg(c)
        self.emit("LoadK", dst, self.const(c))
        return dst

    def e_Identifier(self, node: Node, dst: int | None) -> int:
        return self.load_name(node, dst)

    def e_ThisExpression(self, node: Node, dst: int | None) -> int:
        fs = self.fs
        if fs.this_dead:
            self.throw_no_super()
        elif fs.this_binding is not None:
            b = fs.this_binding
            if b.scope.func is not fs:  # (an arrow function: the constructor's binding)
                r = self.target(dst)
                self.emit("LdEnvChecked", r, self.env_depth(b), b.slot,
                          self.const(THIS_BINDING))
                return r
            self.check_this()
        return self.move(1, dst)

    def throw_no_super(self) -> None:
        """node's ReferenceError of a derived constructor that reads ``this`` or returns
        without having called super() (a64js makes ``this`` before the call)."""
        self.emit("ThrowConst", THROW_KINDS.index("ReferenceError"),
                  self.const(NO_SUPER_MESSAGE))

    def this_binding_reg(self, b: Binding) -> int:
        """The register holding this function's own ``this`` binding's value."""
        if b.kind == "reg":
            return b.reg
        r = self.alloc()
        self.emit("LdCtx", r, b.reg, b.slot)
        return r

    def check_this(self) -> None:
        """Where super() may not have run yet (in a derived constructor whose super()
        is not a statement of its body, or before it): node's ReferenceError unless it
        has; nothing where it is known to have (or the constructor has no super() call,
        its ``this`` never initialized: the callers throw)."""
        fs = self.fs
        b = fs.this_binding
        if fs.this_dead:
            self.throw_no_super()
            return
        if b is None or b.init:
            return
        if b.scope.func is not fs:
            t = self.alloc()
            self.emit("LdEnvChecked", t, self.env_depth(b), b.slot, self.const(THIS_BINDING))
            return
        mark = fs.top
        j = self.emit("JumpIfNotStrictEq", self.this_binding_reg(b),
                      self.kreg(UNINITIALIZED), -1)
        fs.top = mark
        self.throw_no_super()
        self.patch(j, self.pc())

    def e_TemplateLiteral(self, node: Node, dst: int | None) -> int:
        parts: list[tuple[str, Any]] = []
        quasis = node["quasis"]
        for i, q in enumerate(quasis):
            s = js_str(q["value"]["cooked"] or "")
            if s:
                parts.append(("s", s))
            if i < len(node["expressions"]):
                parts.append(("e", node["expressions"][i]))
        if not parts:
            parts.append(("s", ""))
        base = self.alloc(len(parts))
        for i, (kind, v) in enumerate(parts):
            if kind == "s":
                self.emit("LoadK", base + i, self.const(v))
            else:
                self.expr(v, base + i)
        r = self.target(dst)
        self.emit("Concat", r, base, len(parts))
        return r

    def e_TaggedTemplateExpression(self, node: Node, dst: int | None) -> int:
        raise self.error(node, "tagged templates")

    def e_ArrayExpression(self, node: Node, dst: int | None) -> int:
        els = node["elements"]
        simple = all(e is not None and e["type"] != "SpreadElement" for e in els)
        if simple:
            base = self.alloc(len(els))
            for i, e in enumerate(els):
                self.expr(e, base + i)
            r = self.target(dst)
            self.emit("NewArray", r, base, len(els))
            return r
        arr = self.alloc()
        self.emit("NewArray", arr, 0, 0)
        for e in els:
            mark = self.fs.top
            if e is None:
                self.emit("ArrayHole", arr)
            elif e["type"] == "SpreadElement":
                v = self.expr(e["argument"])
                self.note(self.emit("ArraySpread", arr, v), e["argument"],
                          bool(node.get("call_args")))
            else:
                v = self.expr(e)
                self.emit("ArrayPush", arr, v)
            self.fs.top = mark
        return self.move(arr, dst)

    def prop_key(self, prop: Node) -> tuple[str | None, int]:
        """A static key name, or (None, register of the computed key)."""
        key = prop["key"]
        if prop["computed"]:
            k = self.expr(key)
            kk = self.alloc()
            self.emit("ToPropertyKey", kk, k)
            return None, kk
        if key["type"] == "Identifier":
            return key["name"], -1
        if key["type"] == "PrivateIdentifier":
            return self.pname(key), -1
        v = key["value"]
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            from .values import number_to_string
            return number_to_string(normalize(float(v))), -1
        return str(v), -1

    def e_ObjectExpression(self, node: Node, dst: int | None) -> int:
        obj = self.alloc()
        self.emit("NewObject", obj)
        for prop in node["properties"]:
            mark = self.fs.top
            self.set_loc(prop)
            if prop["type"] == "SpreadElement":
                v = self.expr(prop["argument"])
                self.emit("CopyProps", obj, v)
                self.fs.top = mark
                continue
            name, kreg = self.prop_key(prop)
            kind = prop["kind"]
            value = prop["value"]
            if name == "__proto__" and kind == "init" and not prop.get("shorthand") \
                    and not prop.get("method"):
                v = self.expr(value)
                self.emit("SetProto", obj, v)
                self.fs.top = mark
                continue
            if kind in ("get", "set") or prop.get("method"):
                fnr = self.make_closure(value, _accessor_name(kind, name or ""), "method",
                                        text=prop)
                if kreg < 0:
                    kreg = self.alloc()
                    self.emit("LoadK", kreg, self.const(name))
                op = {"get": "DefineGetter", "set": "DefineSetter"}.get(kind, "DefineMethod")
                self.emit(op, obj, kreg, fnr)
            else:
                v = self.expr(value, name=name or "")
                if kreg >= 0:
                    self.emit("DefineElem", obj, kreg, v)
                else:
                    self.emit("DefineField", obj, self.const(name), v)
            self.fs.top = mark
        return self.move(obj, dst)

    def class_(self, node: Node, name: str = "") -> int:
        strict, self.strict = self.strict, True  # all of a class is strict code
        cls = node["id"]["name"] if node.get("id") else "anonymous"  # (node's name)
        own: dict[str, str] = {}
        for m in node["body"]["body"]:
            key = m.get("key") or {}
            if key.get("type") == "PrivateIdentifier" and not m.get("computed"):
                pn = str(key["name"])
                own[pn] = private_member_key(pn, bool(m.get("static")), cls) \
                    if m["type"] == "MethodDefinition" else PRIVATE + pn
        self.private_names.append(own)
        try:
            return self.class_body(node, name)
        finally:
            self.strict = strict
            self.private_names.pop()

    def pname(self, prop: Node) -> str:
        """The key of a non-computed member: ``PRIVATE + "x"`` for field ``#x``, a
        method's or accessor's :func:`private_member_key` of the class that declares it."""
        if prop["type"] == "PrivateIdentifier":
            name = str(prop["name"])
            for own in reversed(self.private_names):
                if name in own:
                    return own[name]
            return PRIVATE + name
        return str(prop["name"])

    def class_body(self, node: Node, name: str) -> int:
        self.set_loc(node)
        cname = node["id"]["name"] if node.get("id") else name
        saved = self.scope
        self.scope = Scope(saved, self.fs)
        if node.get("id"):
            self.declare_all(self.scope, [(cname, True)])
            # in its TDZ in the heritage and computed keys (a method that reads it runs
            # once the class is made: not checked there)
            self.scope.names[cname].init = False
        parent = -1
        if node["superClass"] is not None:
            parent = self.expr(node["superClass"])
        derived = parent >= 0
        ctor_node = None
        fields: list[Node] = []
        static_fields: list[Node] = []
        for m in node["body"]["body"]:
            if m["type"] == "PropertyDefinition" or m["type"] == "StaticBlock":
                (static_fields if m.get("static", True) else fields).append(m)
                continue
            if m["type"] != "MethodDefinition":
                raise self.error(m, _construct("class element", m["type"]))
            if m["kind"] == "constructor":
                ctor_node = m["value"]
        if ctor_node is None:
            # the default constructor
            ctor_node = _default_ctor(derived)
            _strip_loc(ctor_node, node["loc"])
        self.fields_pending = bool(fields) and not derived
        ctor = self.make_closure(ctor_node, cname, "ctor", derived, text=node)
        r = self.alloc()
        self.emit("Class", r, ctor, parent, self.const(cname))
        proto = self.alloc()
        self.emit("GetProp", proto, r, self.const("prototype"), self.feedback())
        if fields:
            init: Node = {
                "type": "FunctionExpression", "id": None, "params": [],
                "loc": fields[0].get("loc"),
                "body": {"type": "BlockStatement", "body": [
                    {"type": "FieldInit", "field": m, "loc": m.get("loc")} for m in fields]},
            }
            fr = self.make_closure(init, "<instance_members_initializer>", "method")
            self.emit("SetClassFields", r, fr)
        for m in node["body"]["body"]:
            if m["type"] in ("PropertyDefinition", "StaticBlock") or m["kind"] == "constructor":
                continue
            mark = self.fs.top
            self.set_loc(m)
            name_, kreg = self.prop_key(m)
            if kreg < 0:
                kreg = self.alloc()
                self.emit("LoadK", kreg, self.const(name_))
            fnr = self.make_closure(m["value"], _accessor_name(m["kind"], key_text(name_ or "")),
                                    "method", text=m)
            holder = r if m["static"] else proto
            op = {"get": "DefineGetter", "set": "DefineSetter"}.get(m["kind"], "DefineMethod")
            self.emit(op, holder, kreg, fnr)
            self.fs.top = mark
        if node.get("id"):
            b = self.scope.names[cname]
            self.store_binding(b, r)
            b.init = True
        if static_fields:
            # static fields and static blocks, in order, run by one function called with
            # the class as ``this`` (node's: ``static n = this.name``, arrows in them)
            init = {
                "type": "FunctionExpression", "id": None, "params": [],
                "loc": static_fields[0].get("loc"),
                "body": {"type": "BlockStatement", "body": [
                    {"type": "FieldInit", "field": m, "loc": m.get("loc")}
                    if m["type"] == "PropertyDefinition" else
                    {"type": "BlockStatement", "body": m["body"], "loc": m.get("loc")}
                    for m in static_fields]},
            }
            mark = self.fs.top
            self.set_loc(static_fields[0])
            fr = self.make_closure(init, "<static_initializer>", "method")
            out = self.alloc()
            self.emit("Call", out, fr, r, out, 0, self.const("<static_initializer>"))
            self.fs.top = mark
        self.scope = saved
        return r

    def s_FieldInit(self, node: Node) -> None:
        m = node["field"]
        name_, kreg = self.prop_key(m)
        v = self.undef_reg() if m["value"] is None else self.expr(m["value"],
                                                                   name=key_text(name_ or ""))
        if kreg < 0:
            self.emit("DefineField", 1, self.const(name_), v)
        else:
            self.emit("DefineElem", 1, kreg, v)

    def e_SequenceExpression(self, node: Node, dst: int | None) -> int:
        exprs = node["expressions"]
        for e in exprs[:-1]:
            self.expr(e, discard=True)
        return self.expr(exprs[-1], dst)

    def e_UnaryExpression(self, node: Node, dst: int | None) -> int:
        op = node["operator"]
        arg = node["argument"]
        if op == "typeof" and arg["type"] == "Identifier" and self.scope_lookup(
                arg["name"]) is None:
            if arg["name"] in NODE_ONLY_GLOBALS:
                raise self.error(arg, f"node's built-in {arg['name']}")
            r = self.target(dst)
            self.emit("TypeOfGlobal", r, self.const(arg["name"]))
            return r
        if op == "delete":
            chain = arg["type"] == "ChainExpression" and \
                arg["expression"]["type"] == "MemberExpression"
            if chain:  # delete o?.a.b: true, deleting nothing, where the chain stops
                saved = self.chain
                self.chain = []
                arg = arg["expression"]
            elif arg["type"] != "MemberExpression":
                r = self.target(dst)
                self.emit("LoadK", r, self.const(True))
                return r
            obj = self.expr(arg["object"])
            if chain:
                self.optional(arg, obj)
            if arg["computed"]:
                k = self.expr(arg["property"])
            else:
                k = self.alloc()
                self.emit("LoadK", k, self.const(self.pname(arg["property"])))
            r = self.target(dst)
            self.emit("DeletePropStrict" if self.strict else "DeleteProp", r, obj, k)
            if chain:
                jumps, self.chain = self.chain, saved
                j = self.emit("Jump", -1)
                for at in jumps or ():
                    self.patch(at, self.pc())
                self.emit("LoadK", r, self.const(True))
                self.patch(j, self.pc())
            return r
        if op == "-" and arg["type"] == "Literal" and isinstance(arg["value"], (int, float)) \
                and not isinstance(arg["value"], bool):
            v = arg["value"]
            r = self.target(dst)
            c = -v if v != 0 else -0.0
            if isinstance(c, int) and not -(2**53) <= c <= 2**53:
                c = float(c)
            elif isinstance(c, float):
                c = normalize(c)
            self.emit("LoadK", r, self.const(c))
            return r
        a = self.expr(arg)
        r = self.target(dst)
        if op == "void":
            self.emit("LoadK", r, self.const(None))
            return r
        name = {"-": "Neg", "+": "ToNumber", "!": "Not", "~": "BitNot", "typeof": "TypeOf"}[op]
        self.emit(name, r, a)
        return r

    def e_BinaryExpression(self, node: Node, dst: int | None) -> int:
        op = node["operator"]
        right = node["right"]
        if op == "in" and node["left"]["type"] == "PrivateIdentifier":
            return self.private_in(node, dst)
        a = self.expr(node["left"])
        if self.is_local(a) and _may_assign(right):
            t = self.alloc()
            self.emit("Mov", t, a)
            a = t
        if op in ("+", "-") and right["type"] == "Literal" and type(right["value"]) is int \
                and -(2**30) < right["value"] < 2**30:
            v = right["value"] if op == "+" else -right["value"]
            r = self.target(dst)
            if op == "-" and v == 0:
                self.emit("Sub", r, a, self.e_Literal(right, None))
                return r
            self.emit("AddK", r, a, self.const(v))
            return r
        b = self.expr(right)
        r = self.target(dst)
        self.emit(BINOPS[op], r, a, b)
        return r

    def private_in(self, node: Node, dst: int | None) -> int:
        """``#x in o`` (a class's brand check): ``In`` with the private key, after a test
        that ``o`` is an object, whose failure throws node's TypeError naming ``#x`` (the
        VMs' own message would show the key's internal form)."""
        name = str(node["left"]["name"])
        key = self.pname(node["left"])
        o = self.expr(node["right"])
        if self.is_local(o):
            t0 = self.alloc()
            self.emit("Mov", t0, o)
            o = t0
        t = self.alloc()
        c = self.alloc()
        self.emit("TypeOf", t, o)
        self.emit("LoadK", c, self.const("function"))
        self.emit("StrictEq", c, t, c)
        good = [self.emit("JumpIfTrue", c, -1)]
        self.emit("LoadK", c, self.const("object"))
        self.emit("StrictEq", c, t, c)
        bad = self.emit("JumpIfFalse", c, -1)
        good.append(self.emit("JumpIfNotNullish", o, -1))
        self.patch(bad, self.pc())
        self.set_loc(node)
        fn = self.alloc()
        self.emit("GetGlobal", fn, self.const("TypeError"))
        msg = self.alloc()
        self.emit("LoadK", msg, self.const(f"Cannot use 'in' operator to search for "
                                           f"'#{name}' in "))
        self.emit("Add", msg, msg, o)
        self.emit("New", t, fn, msg, 1, self.const("TypeError"))
        self.emit("Throw", t)
        for at in good:
            self.patch(at, self.pc())
        k = self.alloc()
        self.emit("LoadK", k, self.const(key))
        r = self.target(dst)
        if key == PRIVATE + name:  # a field: the object's own (not found through its
            # prototypes), Object.prototype.hasOwnProperty's answer
            f = self.alloc()
            self.emit("GetGlobal", f, self.const("Object"))
            self.emit("GetProp", f, f, self.const("prototype"), self.feedback())
            self.emit("GetProp", f, f, self.const("hasOwnProperty"), self.feedback())
            self.emit("Call", r, f, o, k, 1, self.const("hasOwnProperty"))
        else:  # a method or accessor: on the class's prototype (or the class)
            self.emit("In", r, k, o)
        return r

    def e_LogicalExpression(self, node: Node, dst: int | None) -> int:
        if dst is not None and self.is_local(dst):
            return self.move(self.e_LogicalExpression(node, None), dst)
        op = node["operator"]
        r = self.target(dst)
        self.expr(node["left"], r)
        if op == "&&":
            j = self.emit("JumpIfFalse", r, -1)
        elif op == "||":
            j = self.emit("JumpIfTrue", r, -1)
        else:
            j = self.emit("JumpIfNotNullish", r, -1)
        mark = self.fs.top
        self.expr(node["right"], r)
        self.fs.top = mark
        self.patch(j, self.pc())
        return r

    def e_ConditionalExpression(self, node: Node, dst: int | None) -> int:
        if dst is not None and self.is_local(dst):
            return self.move(self.e_ConditionalExpression(node, None), dst)
        r = self.target(dst)
        jf = self.cond_jump(node["test"])
        mark = self.fs.top
        self.expr(node["consequent"], r)
        self.fs.top = mark
        j = self.emit("Jump", -1)
        for at in jf:
            self.patch(at, self.pc())
        self.expr(node["alternate"], r)
        self.fs.top = mark
        self.patch(j, self.pc())
        return r

    def e_AssignmentExpression(self, node: Node, dst: int | None, discard: bool) -> int:
        op = node["operator"]
        left = node["left"]
        lt = left["type"]
        if op == "=":
            if lt == "Identifier":
                b = self.scope_lookup(left["name"])
                if b is not None and b.kind == "reg" and b.scope.func is self.fs \
                        and not b.const and b.init and b.case == b.scope.case:
                    self.expr(node["right"], b.reg, name=left["name"])
                    return self.move(b.reg, dst)
                v = self.expr(node["right"], dst, name=left["name"])
                self.store_name(left, v, read=_reads_first(node["right"], left["name"]))
                return v
            if lt == "MemberExpression":
                assigns = _may_assign(node["right"])
                obj = self.local_copy(self.expr(left["object"]), assigns)
                if left["computed"]:
                    k = self.local_copy(self.expr(left["property"]), assigns)
                    v = self.expr(node["right"], dst)
                    self.store_loc(left)
                    self.emit("SetElem", obj, k, v)
                else:
                    v = self.expr(node["right"], dst)
                    self.store_loc(left)
                    self.emit("SetProp", obj, self.const(self.pname(left["property"])), v,
                              self.feedback())
                return v
            v = self.expr(node["right"], dst)
            self.pattern_source = node["right"]
            if lt in ("ObjectPattern", "ArrayPattern") and not self.is_local(v):
                self.destructure(left, v, self.assign_to)
            else:
                t = self.alloc()
                self.emit("Mov", t, v)
                self.destructure(left, t, self.assign_to)
            return v
        bop = op[:-1]
        if lt == "Identifier":
            cur = self.load_name(left, None)
            if bop in ("&&", "||", "??"):
                return self.logical_assign(bop, cur, node["right"], lambda r: self.store_name(
                    left, r, read=True), dst)
            b = self.scope_lookup(left["name"])
            if b is not None and b.kind == "reg" and b.scope.func is self.fs \
                    and not b.const and not _may_assign(node["right"]):
                self.binop_into(bop, b.reg, cur, node["right"])
                return self.move(b.reg, dst)
            cur = self.local_copy(cur, _may_assign(node["right"]))
            r = self.target(dst)
            self.binop_into(bop, r, cur, node["right"])
            self.store_name(left, r, read=True)
            return r
        if lt != "MemberExpression":
            raise self.error(left, f"compound assignment to {lt}")
        obj = self.local_copy(self.expr(left["object"]), _may_assign(node["right"]))
        cur = self.alloc()
        if left["computed"]:
            k = self.local_copy(self.expr(left["property"]), True)
            self.emit("GetElem", cur, obj, k)

            def store(r: int) -> None:
                self.emit("SetElem", obj, k, r)
        else:
            kc = self.const(self.pname(left["property"]))
            self.emit("GetProp", cur, obj, kc, self.feedback())

            def store(r: int) -> None:
                self.emit("SetProp", obj, kc, r, self.feedback())
        if bop in ("&&", "||", "??"):
            return self.logical_assign(bop, cur, node["right"], store, dst)
        r = self.target(dst)
        self.binop_into(bop, r, cur, node["right"])
        store(r)
        return r

    def local_copy(self, r: int, assigns: bool) -> int:
        """``r``, or a copy of it when it is a variable's register and what is evaluated
        next ``assigns`` (may assign a variable): node's value is the one read before."""
        if assigns and self.is_local(r):
            t = self.alloc()
            self.emit("Mov", t, r)
            return t
        return r

    def store_loc(self, left: Node) -> None:
        """The place node gives an error of the store ``left = ...``: the ``=``."""
        place = self.token_near(left, "=", after=True)
        if place is not None:
            self.loc = place

    def logical_assign(self, op: str, cur: int, right: Node, store: Any,
                       dst: int | None) -> int:
        r = self.target(dst)
        self.emit("Mov", r, cur)
        name = {"&&": "JumpIfFalse", "||": "JumpIfTrue", "??": "JumpIfNotNullish"}[op]
        j = self.emit(name, r, -1)
        self.expr(right, r)
        store(r)
        self.patch(j, self.pc())
        return r

    def binop_into(self, op: str, r: int, a: int, right: Node) -> None:
        if op in ("+", "-") and right["type"] == "Literal" and type(right["value"]) is int \
                and 0 < right["value"] < 2**30:
            self.emit("AddK", r, a, self.const(right["value"] if op == "+"
                                               else -right["value"]))
            return
        b = self.expr(right)
        self.emit(BINOPS[op], r, a, b)

    def e_UpdateExpression(self, node: Node, dst: int | None, discard: bool) -> int:
        op = "Inc" if node["operator"] == "++" else "Dec"
        arg = node["argument"]
        prefix = node["prefix"]
        if arg["type"] == "Identifier":
            b = self.scope_lookup(arg["name"])
            if b is not None and b.kind == "reg" and b.scope.func is self.fs and (
                    not b.const and b.init and b.case == b.scope.case):
                if prefix or discard:
                    self.emit(op, b.reg, b.reg)
                    return self.move(b.reg, dst)
                old = self.target(dst)
                self.emit("ToNumber", old, b.reg)
                self.emit(op, b.reg, old)
                return old
            cur = self.load_name(arg, None)
            if prefix or discard:
                # Inc/Dec convert their operand themselves: the old value is not needed
                new = self.alloc()
                self.emit(op, new, cur)
                self.store_name(arg, new, read=True)
                return self.move(new, dst)
            old = self.alloc()
            self.emit("ToNumber", old, cur)
            new = self.alloc()
            self.emit(op, new, old)
            self.store_name(arg, new, read=True)
            return self.move(new if prefix else old, dst)
        if arg["type"] != "MemberExpression":
            raise self.error(arg, f"{node['operator']} applied to {arg['type']}")
        obj = self.expr(arg["object"])
        cur = self.alloc()
        if arg["computed"]:
            k = self.expr(arg["property"])
            if self.is_local(k):
                t = self.alloc()
                self.emit("Mov", t, k)
                k = t
            self.emit("GetElem", cur, obj, k)
        else:
            kc = self.const(self.pname(arg["property"]))
            self.emit("GetProp", cur, obj, kc, self.feedback())
        if prefix or discard:
            old = cur  # Inc/Dec convert it themselves
        else:
            old = self.alloc()
            self.emit("ToNumber", old, cur)
        new = self.alloc()
        self.emit(op, new, old)
        if arg["computed"]:
            self.emit("SetElem", obj, k, new)
        else:
            self.emit("SetProp", obj, kc, new, self.feedback())
        return self.move(new if prefix else old, dst)

    def e_MemberExpression(self, node: Node, dst: int | None) -> int:
        if node["object"]["type"] == "Super":
            self.check_this()
            r = self.target(dst)
            if node["computed"]:
                k = self.expr(node["property"])
                self.emit("SuperGetElem", r, k)
            else:
                self.emit("SuperGet", r, self.const(self.pname(node["property"])))
            return r
        obj = self.expr(node["object"])
        self.optional(node, obj)
        if node["computed"]:
            k = self.expr(node["property"])
            r = self.target(dst)
            self.access_loc(node)
            self.emit("GetElem", r, obj, k)
            return r
        r = self.target(dst)
        self.access_loc(node)
        self.emit("GetProp", r, obj, self.const(self.pname(node["property"])), self.feedback())
        return r

    def args(self, args: list[Node]) -> tuple[int, int, bool]:
        """Arguments in consecutive registers, or (when spread) one array register."""
        if any(a["type"] == "SpreadElement" for a in args):
            arr = self.e_ArrayExpression({"type": "ArrayExpression", "elements": args,
                                          "call_args": True}, None)
            return arr, 0, True
        base = self.alloc(len(args))
        for i, a in enumerate(args):
            mark = self.fs.top
            self.expr(a, base + i)
            self.fs.top = mark
        return base, len(args), False

    def e_CallExpression(self, node: Node, dst: int | None) -> int:
        callee = node["callee"]
        if callee["type"] == "Super":
            if self.fs.is_arrow:  # (the VMs find the constructor in the caller's frame)
                raise self.error(node, "super() inside an arrow function")
            base, n, spread = self.args(node["arguments"])
            r = self.target(dst)
            if spread:
                self.emit("SuperCallSpread", r, base)
            else:
                self.emit("SuperCall", r, base, n)
            b = self.fs.this_binding
            if b is not None:  # (the constructor ran; its result binds this once)
                mark = self.fs.top
                j = self.emit("JumpIfStrictEq", self.this_binding_reg(b),
                              self.kreg(UNINITIALIZED), -1)
                self.fs.top = mark
                self.emit("ThrowConst", THROW_KINDS.index("ReferenceError"),
                          self.const("Super constructor may only be called once"))
                self.patch(j, self.pc())
                self.store_binding(b, 1)
            return r
        if callee["type"] == "MemberExpression":
            if callee["object"]["type"] == "Super":
                this = 1
                fn = self.e_MemberExpression(callee, None)
            else:
                this = self.expr(callee["object"])
                self.optional(callee, this)
                if self.is_local(this) and any(_may_assign(a) for a in node["arguments"]):
                    t = self.alloc()
                    self.emit("Mov", t, this)
                    this = t
                fn = self.alloc()
                if callee["computed"]:
                    k = self.expr(callee["property"])
                    self.access_loc(callee)
                    self.emit("GetElem", fn, this, k)
                else:
                    self.access_loc(callee)
                    self.emit("GetProp", fn, this, self.const(self.pname(callee["property"])),
                              self.feedback())
        else:
            fn = self.expr(callee)
            if self.is_local(fn) and any(_may_assign(a) for a in node["arguments"]):
                t = self.alloc()
                self.emit("Mov", t, fn)
                fn = t
            this = self.kreg(None)
        self.optional(node, fn)
        base, n, spread = self.args(node["arguments"])
        r = self.target(dst)
        self.call_loc(node)
        desc = self.const(_describe(callee))
        if spread:
            self.emit("CallSpread", r, fn, this, base, desc)
        else:
            self.emit("Call", r, fn, this, base, n, desc)
        return r

    def call_loc(self, node: Node) -> None:
        """The place node gives a call (its errors, its frame in a stack): the callee's
        name when the callee ends in one (``f(``, ``o.m(``), else the ``(``."""
        callee = node["callee"]
        named = callee["type"] == "Identifier" or (
            callee["type"] == "MemberExpression" and not callee["computed"])
        if named and self.token_near(callee, "(", after=True, parens=False) is not None:
            self.set_loc(callee if callee["type"] == "Identifier" else callee["property"])
            return
        place = self.token_near(callee, "(", after=True)
        if place is None:
            self.set_loc(node)
        else:
            self.loc = place

    def e_NewExpression(self, node: Node, dst: int | None) -> int:
        fn = self.expr(node["callee"])
        base, n, spread = self.args(node["arguments"])
        r = self.target(dst)
        self.set_loc(node)
        desc = self.const(_describe(node["callee"]))
        if spread:
            self.emit("NewSpread", r, fn, base, desc)
        else:
            self.emit("New", r, fn, base, n, desc)
        return r

    def e_ChainExpression(self, node: Node, dst: int | None) -> int:
        saved = self.chain
        self.chain = []
        r = self.target(dst)
        self.expr(node["expression"], r)
        jumps = self.chain
        self.chain = saved
        j = self.emit("Jump", -1)
        for at in jumps:
            self.patch(at, self.pc())
        self.emit("LoadK", r, self.const(None))
        self.patch(j, self.pc())
        return r

    def optional(self, node: Node, r: int) -> None:
        """``?.``: leave the chain with undefined when ``r`` is null or undefined."""
        if node.get("optional"):
            if self.chain is None:
                raise self.error(node, "`?.` outside an optional chain")
            self.chain.append(self.emit("JumpIfNullish", r, -1))

    def e_Super(self, node: Node, dst: int | None) -> int:
        # (reads and calls compile elsewhere: here super.x is a store's target, or super
        # stands alone)
        raise self.error(node, "a store to a super property (`super.x = ...`), or `super` "
                               "outside a call or property read")

    def bind_new_target(self, scope: Scope, body: Node) -> None:
        """``new.target`` of a class constructor, found at its entry (before its code can
        change ``this``'s prototype) and kept in a binding its arrow functions see: a64js
        makes ``this`` from ``new``'s constructor N before any constructor runs (a derived
        one's too), so ``this``'s prototype is N.prototype, which a class cannot replace.
        N is this constructor when that is its own prototype, else the prototype's
        ``constructor``, checked to be the function whose prototype it is (a replaced
        ``constructor`` is an error, not a wrong answer)."""
        if any(n.get("type") == "ArrowFunctionExpression" and any(
                m.get("type") == "MetaProperty" for m in _nodes(n["body"], _own_code))
               for n in _nodes(body, _own_code)):
            self.fs.captured.add(NEW_TARGET)
        self.declare_all(scope, [(NEW_TARGET, True)])
        f, g, p, arg0, nt, t = (self.alloc() for _ in range(6))
        self.emit("GetGlobal", f, self.const("Object"))
        self.emit("GetProp", g, f, self.const("getPrototypeOf"), self.feedback())
        self.emit("Mov", arg0, 1)
        self.emit("Call", p, g, f, arg0, 1, self.const("getPrototypeOf"))
        self.emit("Mov", nt, 2)
        self.emit("GetProp", t, nt, self.const("prototype"), self.feedback())
        own = self.emit("JumpIfStrictEq", p, t, -1)
        self.emit("GetProp", nt, p, self.const("constructor"), self.feedback())
        self.emit("TypeOf", t, nt)
        k = self.kreg("function")
        bad = self.emit("JumpIfNotStrictEq", t, k, -1)
        self.emit("GetProp", t, nt, self.const("prototype"), self.feedback())
        good = self.emit("JumpIfStrictEq", p, t, -1)
        self.patch(bad, self.pc())
        self.emit("ThrowConst", THROW_KINDS.index("TypeError"), self.const(
            "new.target is not supported by a64js where the prototype's constructor "
            "property was replaced (a64js finds new.target through it)"))
        self.patch(own, self.pc())
        self.patch(good, self.pc())
        self.store_binding(scope.names[NEW_TARGET], nt)

    def e_MetaProperty(self, node: Node, dst: int | None) -> int:
        """``new.target`` in a class constructor (or an arrow function in one): the
        binding its entry set (bind_new_target); elsewhere (a function called with or
        without new, a field initializer) outside the subset."""
        if not self.fs.in_ctor or self.fs.no_super:
            raise self.error(node, "new.target outside a class constructor")
        return self.load_name({"type": "Identifier", "name": NEW_TARGET,
                               "loc": node.get("loc")}, dst)

    def e_YieldExpression(self, node: Node, dst: int | None) -> int:
        raise self.error(node, "yield")

    def e_AwaitExpression(self, node: Node, dst: int | None) -> int:
        raise self.error(node, "await")


def _accessor_name(kind: str, name: str) -> str:
    """A method's function name: node's ``get x`` / ``set x`` for an accessor's (a
    computed key's, named when the class or object is made, stays as the runtime
    names it)."""
    return f"{kind} {name}" if name and kind in ("get", "set") else name


def _reads_first(node: Any, name: str) -> bool:
    """Whether evaluating expression ``node`` reads identifier ``name`` on every path
    (not in a branch of ?:, &&, ||, ??, an optional chain or a nested function)."""
    if type(node) is list:
        return any(_reads_first(n, name) for n in node)
    if type(node) is not dict:
        return False
    t = node.get("type")
    if t == "Identifier":
        return bool(node["name"] == name)
    if t in FUNCTION_TYPES or t in CLASS_TYPES or t in (
            "ChainExpression", "ObjectPattern", "ArrayPattern", "AssignmentPattern"):
        return False
    if t == "ConditionalExpression":
        return _reads_first(node["test"], name)
    if t == "LogicalExpression":
        return _reads_first(node["left"], name)
    if t == "AssignmentExpression":
        return node["operator"] not in ("&&=", "||=", "??=") and (
            _reads_first(node["right"], name))
    if t == "MemberExpression":
        return _reads_first(node["object"], name) or (
            node["computed"] and _reads_first(node["property"], name))
    if t == "Property":
        return _reads_first(node["value"], name) or (
            node["computed"] and _reads_first(node["key"], name))
    return any(_reads_first(v, name) for k, v in node.items()
               if k != "loc" and type(v) in (dict, list))


def _is_super_call(n: Node) -> bool:
    return n.get("type") == "CallExpression" and n["callee"]["type"] == "Super"


def _reads_this(node: Any) -> bool:
    """``this`` or a super property in ``node``'s own code (its arrow functions')."""
    return _uses_this(node) or any(
        n.get("type") == "MemberExpression" and n["object"]["type"] == "Super"
        for n in _nodes(node, _own_code))


def _plain_derived_ctor(body: Node, params: list[Node]) -> bool:
    """A derived constructor whose only super() call is a statement of its body and
    nothing before it (parameters, the call's arguments) reads ``this``, a super property
    or returns: ``this`` is known to be initialized after that statement and nothing
    needs it before (no binding, no checks: the default constructor is one)."""
    if body["type"] != "BlockStatement":
        return False
    calls = [n for n in _nodes(body, _own_code) if _is_super_call(n)]
    if len(calls) != 1:
        return False
    stmts = body["body"]
    for i, st in enumerate(stmts):
        if st["type"] == "ExpressionStatement" and st["expression"] is calls[0]:
            before = [params, stmts[:i], calls[0]["arguments"]]
            return not _reads_this(before) and not any(
                n.get("type") == "ReturnStatement" for n in _nodes(before, _own_code))
    return False


#: the sources of patterns the compiler knows by where they are (Compiler.pattern_source),
#: for node's messages: the value of an outer pattern's element or property (and of an
#: assigned for...of's pattern), of a parameter, of a declared for...of's pattern
_NESTED: Node = {"type": "%nested"}
_PARAM: Node = {"type": "%param"}
_FOR: Node = {"type": "%for"}
_PATTERNS = ("ObjectPattern", "ArrayPattern")


def _nested(target: Node) -> Node | None:
    """The source to note for an outer pattern's element or property ``target``."""
    t = target["left"] if target["type"] == "AssignmentPattern" else target
    return _NESTED if t["type"] in _PATTERNS else None


def _default_ctor(derived: bool) -> Node:
    """A class's default constructor, as esprima parses ``constructor(...args) {
    super(...args); }`` (derived) or ``constructor() {}``, locations to be set (built
    here, not parsed: a run from the code cache imports no parser)."""
    loc = None
    body: list[Node] = []
    params: list[Node] = []
    if derived:
        def args() -> Node:
            return {"type": "Identifier", "name": "args", "loc": loc}

        params.append({"type": "RestElement", "argument": args(), "loc": loc})
        call = {"type": "CallExpression", "callee": {"type": "Super", "loc": loc},
                "arguments": [{"type": "SpreadElement", "argument": args(), "loc": loc}],
                "optional": False, "loc": loc}
        body.append({"type": "ExpressionStatement", "expression": call, "loc": loc})
    return {"type": "FunctionExpression", "id": None, "params": params,
            "body": {"type": "BlockStatement", "body": body, "loc": loc},
            "generator": False, "expression": False, "async": False, "loc": loc}


def _strip_loc(node: Any, loc: Any) -> None:
    if isinstance(node, list):
        for n in node:
            _strip_loc(n, loc)
    elif isinstance(node, dict):
        if "loc" in node:
            node["loc"] = loc
        for k, v in node.items():
            if k != "loc":
                _strip_loc(v, loc)


def _arguments_escape(body: Node) -> bool:
    """Whether a function's ``arguments`` may reach code that tells node's Arguments
    object from an array (console.log, Array.isArray, JSON.stringify, String(), a
    method called on it): every use but reading or storing its elements and length,
    spreading it, for...of over it, ``f.apply(t, arguments)``, ``Array.from(arguments)``
    and ``Array.prototype.m.call(arguments, ...)`` (or ``[].m.call``), where the array
    a64js makes needs no mark (its cost: a call per call of the function)."""
    up: dict[int, tuple[Node, str]] = {}

    def inner(n: Node, at: tuple[Node | None, str]) -> Callable[[str], Any] | None:
        t = n.get("type")
        if t in ("FunctionDeclaration", "FunctionExpression") or t in CLASS_TYPES:
            return None  # (their own arguments)
        return lambda key: (n, key)

    for n, (parent, key) in _walk([(body, (None, ""))], inner):
        if parent is None:
            continue
        up[id(n)] = (parent, key)
        if n.get("type") == "Identifier" and n["name"] == "arguments" \
                and not _arguments_use_is_safe(n, parent, key, up):
            return True
    return False


def _arguments_use_is_safe(ref: Node, parent: Node, key: str,
                           up: dict[int, tuple[Node, str]]) -> bool:
    pt = parent.get("type")
    if pt == "MemberExpression":
        if key == "property":
            return not parent["computed"]  # (o.arguments: a name, not the variable)
        above = up.get(id(parent))  # arguments.length, arguments[i]: not a method call
        return above is None or not (above[0].get("type") == "CallExpression"
                                     and above[1] == "callee")
    if pt == "Property" and key == "key":
        return not parent["computed"]
    if pt == "SpreadElement" or (pt == "ForOfStatement" and key == "right"):
        return True
    if pt != "CallExpression" or key != "arguments":
        return False
    callee, args = parent["callee"], parent["arguments"]
    i = next(j for j, a in enumerate(args) if a is ref)
    if callee.get("type") != "MemberExpression" or callee["computed"]:
        return False
    name, obj = callee["property"].get("name"), callee["object"]
    if name == "apply":
        return i == 1
    if name == "from":
        return i == 0 and obj.get("type") == "Identifier" and obj["name"] == "Array"
    if name == "call" and i == 0 and obj.get("type") == "MemberExpression":
        holder = obj["object"]  # Array.prototype.m or [].m
        return holder.get("type") == "ArrayExpression" or (
            holder.get("type") == "MemberExpression" and not holder["computed"]
            and holder["object"].get("name") == "Array"
            and holder["property"].get("name") == "prototype")
    return False


def _refs_of(node: Any) -> set[str]:
    """The names ``node`` mentions outside nested non-arrow functions."""
    s: set[str] = set()
    _refs(node, s, functions=False)
    return s


def _place_constants(code: Code) -> None:
    """Give constant registers (-2 - k while compiling) their final slots after the
    locals and temporaries: slot ``kbase + k`` holds constant k in every frame."""
    from .bytecode import SIG
    base = code.nregs
    code.kbase = base
    out = []
    for ins in code.insns:
        sig = SIG[ins[0]]
        if any(kind == "r" and v <= -2 for kind, v in zip(sig, ins[1:], strict=False)):
            ins = (ins[0], *[base - 2 - v if kind == "r" and v <= -2 else v
                             for kind, v in zip(sig, ins[1:], strict=False)])
        out.append(ins)
    code.insns = out
    code.nregs = base + len(code.consts)


#: expressions node's messages name by their source (an identifier, a.b, a[0], f(), this)
_NAMED = frozenset({"Identifier", "MemberExpression", "CallExpression", "ThisExpression"})



def _constant_literal(node: Node) -> bool:
    """Whether object literal ``node`` has only plain keys and constant values (literals,
    negated numbers, literals of them), accessors allowed: node's for...of names such a
    literal by its shape."""
    if [p["type"] for p in node["properties"]] == ["SpreadElement"]:
        return True  # (node's {...o}, by its shape too)
    for p in node["properties"]:
        if p["type"] != "Property" or p["computed"] or p.get("method") or p.get("shorthand"):
            return False
        if p.get("kind", "init") == "init" and not _constant(p["value"]):
            return False
    return True


def _constant(v: Node) -> bool:
    t = v["type"]
    if t == "UnaryExpression" and v["operator"] in ("-", "+"):
        return _constant(v["argument"])
    if t == "ObjectExpression":
        return _constant_literal(v)
    if t == "ArrayExpression":
        return all(e is not None and _constant(e) for e in v["elements"])
    return t == "Literal" and v.get("regex") is None


def _describe(node: Node) -> str:
    """Source-like text of an expression for error messages (``a.b.c``, ``f(...)``,
    ``(a + b)``): the rules of V8's call printer, which node's "is not a function" and
    "is not iterable" messages use. Operators print in parentheses (a chain of one
    left-associative operator as one: ``(a + b + c)``); ``a != b`` as ``(!(a == b))``;
    number literals by their value, folded as V8's parser folds them (``1 + 2`` is
    ``3``, ``!1`` is ``false``); what it does not print, ``(intermediate value)``."""
    t = node["type"]
    if t == "Identifier":
        return str(node["name"])
    if t == "ThisExpression":
        return "this"
    if t == "Super":
        return "super"
    if t == "MemberExpression":
        inner = _describe(node["object"])
        opt = "?." if node.get("optional") else ""
        if node["computed"]:  # as node prints them: o["m"] as o.m, o[i], o[0], o?.[i]
            key = node["property"]
            text = _string_text(key)
            if text is not None:
                return f"{inner}{opt or '.'}{text}"
            return f"{inner}{opt}[{_describe(key)}]"
        return f"{inner}{opt or '.'}{node['property']['name']}"
    if t == "CallExpression":
        return f"{_describe(node['callee'])}(...)"
    value = _folded(node)
    if value is not None:
        return value
    if t == "Literal" and node.get("regex") is not None:
        return str(node["raw"])
    if t == "TemplateLiteral":  # (with no substitution it is a string: _folded)
        return "".join(_describe(e) for e in node["expressions"])
    if t == "UnaryExpression":
        op = node["operator"]
        sep = " " if op in ("typeof", "void", "delete") else ""
        return f"({op}{sep}{_describe(node['argument'])})"
    if t == "UpdateExpression":
        op = node["operator"]
        arg = _describe(node["argument"])
        return f"({op}{arg})" if node["prefix"] else f"({arg}{op})"
    if t in ("BinaryExpression", "LogicalExpression"):
        op = node["operator"]
        if op in ("!=", "!=="):  # (V8 parses a != b as !(a == b))
            return f"(!({_describe(node['left'])} {op[1:]}= {_describe(node['right'])}))"
        terms = [node["right"]]
        left = node["left"]
        while op in _NARY and left["type"] == t and left["operator"] == op \
                and _folded(left) is None:
            terms.append(left["right"])
            left = left["left"]
        terms.append(left)
        return "(" + f" {op} ".join(_describe(e) for e in reversed(terms)) + ")"
    if t == "SequenceExpression":
        return "(" + " , ".join(_describe(e) for e in node["expressions"]) + ")"
    if t == "AssignmentExpression":
        return _describe(node["left"])
    if t == "ConditionalExpression":  # (its three parts, none printed)
        return "(intermediate value)" * 3
    if t == "ObjectExpression":  # node's text for a literal: its shape, not its source
        return "{" + "(intermediate value)" * len(node["properties"]) + "}"
    if t == "ArrayExpression":  # its items' texts
        return "[" + ",".join("(intermediate value)" if e is None else _describe(e)
                              for e in node["elements"]) + "]"
    return "(intermediate value)"


#: operators V8's parser makes one n-ary operation of when repeated (a + b + c); not
#: the comparisons nor the right-associative **
_NARY = frozenset(("+", "-", "*", "/", "%", "|", "&", "^", "<<", ">>", ">>>", ",",
                   "&&", "||", "??"))


def _bits(f: Callable[[int, int], int]) -> Callable[[float, float], float]:
    return lambda x, y: float(to_int32(f(to_int32(x), to_uint32(y))))


#: binary operators V8's parser folds when both operands are numbers
_FOLD: dict[str, Callable[[float, float], float]] = {
    "+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y,
    "/": lambda x, y: x / y if y else (math.nan if x == 0 or x != x else
                                       math.copysign(math.inf, x) * math.copysign(1.0, y)),
    "%": lambda x, y: math.nan if y == 0 or x != x or y != y or math.isinf(x) else
    x if math.isinf(y) else math.fmod(x, y),
    "**": lambda x, y: jsmath.pow(x, y),
    "|": _bits(lambda x, y: x | y), "&": _bits(lambda x, y: x & y),
    "^": _bits(lambda x, y: x ^ y), "<<": _bits(lambda x, y: x << (y & 31)),
    ">>": _bits(lambda x, y: x >> (y & 31)),
    ">>>": lambda x, y: float(to_uint32(x) >> (to_uint32(y) & 31)),
}


def _number(node: Node) -> float | None:
    """The number ``node`` is once V8's parser folded it (a number literal, ``-1``,
    ``~1``, ``2 ** 10``), or None."""
    t = node["type"]
    if t == "Literal":
        v = node["value"]
        return float(v) if type(v) in (int, float) else None
    if t == "UnaryExpression" and node["operator"] in ("-", "+", "~"):
        x = _number(node["argument"])
        if x is None:
            return None
        op = node["operator"]
        return -x if op == "-" else x if op == "+" else float(~to_int32(x))
    if t == "BinaryExpression" and node["operator"] in _FOLD:
        x = _number(node["left"])
        y = _number(node["right"]) if x is not None else None
        return None if x is None or y is None else _FOLD[node["operator"]](x, y)
    return None


def _string_text(node: Node) -> str | None:
    """The string of a string literal or a template without substitutions, or None."""
    if node["type"] == "Literal" and isinstance(node["value"], str):
        return node["value"]
    if node["type"] == "TemplateLiteral" and not node["expressions"]:
        return str(node["quasis"][0]["value"]["cooked"])
    return None


def _folded(node: Node) -> str | None:
    """V8's text of ``node`` when its parser made a literal of it: a number by its value,
    a string quoted (as it is: nothing escaped), ``!`` of a literal its boolean."""
    x = _number(node)
    if x is not None:
        return number_to_string(int(x) if x.is_integer() and abs(x) < 2 ** 53 else x)
    text = _string_text(node)
    if text is not None:
        return f'"{text}"'
    t = node["type"]
    if t == "Literal" and node.get("regex") is None:
        v = node["value"]
        return "null" if v is None else "true" if v is True else "false"
    if t == "UnaryExpression" and node["operator"] == "!":
        inner = _folded(node["argument"])
        if inner is not None:
            truthy = inner not in ('""', "null", "false", "0", "NaN")
            return "false" if truthy else "true"
    return None


def _after_call(node: Node) -> bool:
    """Does the member chain ending in ``node`` have a call or an optional link in it
    (``f().a``, ``o?.a``)? Node places a property access after one at its ``.``, before
    one at its name."""
    while node["type"] == "MemberExpression":
        if node.get("optional"):
            return True
        node = node["object"]
    return bool(node["type"] == "CallExpression")


def _may_assign(node: Any) -> bool:
    """Could evaluating ``node`` change a local variable (an assignment, ++, a call)?"""
    return any(n.get("type") in ("AssignmentExpression", "UpdateExpression")
               for n in _nodes(node, _not_a_function))


def compile_module(source: str, filename: str, cache: bool | None = None) -> Code:
    """Compile a CommonJS module's source to the Code of its wrapper function (through
    the code cache: see :meth:`Compiler.compile_module`)."""
    return Compiler(filename).compile_module(source, cache)


#: The module name of a program read from stdin (``a64js -``), as node names it.
STDIN = "[stdin]"
_stdin_text: list[str] = []  # stdin's program, read once


def module_path(path: str) -> str:
    """The name a VM gives the module ``path`` of the command line: its absolute path,
    :data:`STDIN` for ``-``."""
    return STDIN if path == "-" else os.path.abspath(path)


def module_dir(path: str) -> str:
    """A module's ``__dirname`` (and where its ``require`` looks): ``.`` for stdin."""
    return "." if path == STDIN else os.path.dirname(path)


def read_source(path: str) -> str:
    """A module's source text (UTF-8; a ``#!`` first line becomes a comment, as node
    reads it); a file that cannot be read is a JSCompileError naming it. :data:`STDIN`
    reads standard input (once; line ends read as a file's are)."""
    try:
        if path == STDIN:
            if not _stdin_text:
                data = sys.stdin.buffer.read().decode("utf-8")
                _stdin_text.append(data.replace("\r\n", "\n").replace("\r", "\n"))
            source = _stdin_text[0]
        else:
            with open(path, encoding="utf-8") as fh:
                source = fh.read()
    except OSError as e:
        raise JSCompileError(f"{path}: cannot read: {e.strerror}") from None
    except UnicodeDecodeError as e:
        raise JSCompileError(f"{path}: cannot read: not UTF-8 text (byte "
                             f"{e.object[e.start]:#04x} at offset {e.start})") from None
    if source.startswith("#!"):
        source = "//" + source[2:]
    return source


__all__ = ["STDIN", "Compiler", "compile_module", "module_dir", "module_path", "parse",
           "read_source"]
