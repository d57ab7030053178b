"""console.log formatting, following the layout rules of node's util.inspect for the
values the subset has (numbers, strings, arrays, plain objects, class instances,
functions, errors)."""

from __future__ import annotations

import math
import re
from typing import Any

from .runtime import R, get, hidden_keys, to_string
from .values import (
    HOLE,
    NULL,
    Accessor,
    JSArray,
    JSFunction,
    JSObject,
    NativeFunction,
    number_to_string,
)

BREAK_LENGTH = 80
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def fmt_number(v: float | int) -> str:
    if type(v) is float and v == 0 and math.copysign(1.0, v) < 0:
        return "-0"
    return number_to_string(v)


def quote(s: str) -> str:
    """A string as inspect shows it inside a container."""
    q = "'"
    if "'" in s:
        if '"' not in s:
            q = '"'
        elif "`" not in s and "${" not in s:
            q = "`"
    out = []
    n = len(s)
    for j, ch in enumerate(s):
        if "\ud800" <= ch <= "\udfff":  # a lone surrogate: escaped (a pair is printed)
            pair = (ch <= "\udbff" and j + 1 < n and "\udc00" <= s[j + 1] <= "\udfff") or (
                ch >= "\udc00" and j > 0 and "\ud800" <= s[j - 1] <= "\udbff")
            out.append(ch if pair else f"\\u{ord(ch):x}")
        elif ch == q or ch == "\\":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\f":
            out.append("\\f")
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            out.append(f"\\x{ord(ch):02X}")
        else:
            out.append(ch)
    return q + "".join(out) + q


class Ctx:
    def __init__(self) -> None:
        self.indent = 0
        self.seen: list[Any] = []
        #: objects met again inside themselves, numbered as met: [Circular *N], <ref *N>
        self.circular: dict[int, int] = {}
        self.current_depth = 0
        self.depth: float = 2
        self.max_array: float = 100  # (util.inspect's maxArrayLength)
        self.break_length: float = BREAK_LENGTH
        #: util.inspect's compact (False: every object on lines of its own) and sorted
        self.compact: int | bool = 3
        self.sorted = False
        #: console.log's %o (node's showHidden): an array's length as [length]: n
        self.show_length = False


def inspect(v: Any) -> str:
    """util.inspect(v) with node's defaults."""
    return _value(Ctx(), v, 0, False)


def inspect_shallow(v: Any) -> str:
    """util.inspect(v, { depth: -1 }): an object as [Object] (or {} when it has no keys)."""
    ctx = Ctx()
    ctx.depth = -1
    return _value(ctx, v, 0, False)


def inspect_cell(v: Any) -> str:
    """A console.table cell: util.inspect(v) with node's table options (depth 0, or -1
    for an object of more than two keys: [Object]; three array items; one line)."""
    ctx = Ctx()
    many = isinstance(v, JSObject) and type(v) is not JSArray and len(v.own_keys()) > 2
    ctx.depth = -1 if many else 0
    ctx.max_array = 3
    ctx.break_length = math.inf
    return _value(ctx, v, 0, True)


def string_width(s: str) -> int:
    """The columns ``s`` (UTF-16 units) takes in a terminal, as node's getStringWidth
    with ICU: East Asian wide and fullwidth characters two, control, format and
    combining characters none."""
    import unicodedata
    text = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    n = 0
    for c in text:
        if unicodedata.east_asian_width(c) in ("W", "F"):
            n += 2
        elif c == "\u00ad" or unicodedata.category(c) not in ("Cc", "Cf", "Me", "Mn"):
            n += 1
    return n


def _function_base(v: Any) -> str:
    if type(v) is JSFunction:
        own = v.get_own("name")  # (a method named by a computed key: runtime.name_method)
        name = own if type(own) is str else v.code.name
        if v.code.is_class_ctor:
            parent = v.shape.proto
            ext = ""
            if parent is not R.function_proto and parent is not None:
                pname = parent.code.name if type(parent) is JSFunction else getattr(
                    parent, "name", "")
                ext = f" extends {pname}" if pname else ""
            return f"[class {name or '(anonymous)'}{ext}]"
    else:
        name = v.name
    return f"[Function: {name}]" if name else "[Function (anonymous)]"


def _ctor_name(o: JSObject) -> str | None:
    """node's name for ``o``'s class: the first own ``constructor`` on ``o``'s chain (``o``
    first) that is a named function ``o`` is an instance of (an anonymous class, or a
    prototype's replaced ``constructor``, passes on to the next one up)."""
    chain = []
    cur: JSObject | None = o
    while cur is not None:
        chain.append(cur)
        cur = cur.shape.proto
    for holder in chain:
        c = holder.get_own("constructor") if "constructor" in holder.shape.index else None
        if type(c) is JSFunction:
            name = str(c.code.name)
        elif type(c) is NativeFunction:
            name = c.name
        else:
            continue
        if name and any(p is get(c, "prototype") for p in chain[1:]):
            return name
    return None


#: util.inspect's maxStringLength: a longer string in a container shows this many units
MAX_STRING = 10000


def _string(ctx: Ctx, s: str) -> str:
    """A string as inspect shows it inside a container: past MAX_STRING units cut with
    node's trailer; longer than 16 units and than the line has room for, its lines
    (each ending at a newline) quoted one by one, joined by `` +`` and a line break."""
    trailer = ""
    if len(s) > MAX_STRING:
        more = len(s) - MAX_STRING
        s = s[:MAX_STRING]
        trailer = f"... {more} more character{'s' if more > 1 else ''}"
    if len(s) > 16 and len(s) > ctx.break_length - ctx.indent - 4 and "\n" in s[:-1]:
        lines = [line + "\n" for line in s.split("\n")]  # (one past the last newline)
        last = lines.pop()[:-1]
        if last:
            lines.append(last)
        return (" +\n" + " " * (ctx.indent + 2)).join(map(quote, lines)) + trailer
    return quote(s) + trailer


def _value(ctx: Ctx, v: Any, depth: int, nested: bool) -> str:
    t = type(v)
    if t is str:
        return _string(ctx, v) if nested else v
    if t is int or t is float:
        return fmt_number(v)
    if t is bool:
        return "true" if v else "false"
    if v is None:
        return "undefined"
    if v is NULL:
        return "null"
    if not isinstance(v, JSObject):
        return str(v)
    if any(s is v for s in ctx.seen):
        n = ctx.circular.setdefault(id(v), len(ctx.circular) + 1)
        return f"[Circular *{n}]"
    return _raw(ctx, v, depth)


def _raw(ctx: Ctx, o: Any, depth: int) -> str:
    t = type(o)
    keys = o.own_keys()
    hidden = hidden_keys(o, keys)
    if hidden:  # node prints enumerable keys only
        keys = [k for k in keys if k not in hidden]
    base = ""
    extras_array = False
    cause = False
    items: list[tuple[str, Any]] = []  # an Arguments object's elements, as keys
    if t is JSArray and o.cls == "Arguments":
        t = JSObject
        items = [(str(i), e) for i, e in enumerate(o.elems) if e is not HOLE]
        braces = ["[Arguments] {", "}"]
        if not keys and not items:
            return "[Arguments] {}"
    elif t is JSArray and o.cls == "Array Iterator":  # (an iterator: its values not shown)
        t = JSObject
        braces = ["Object [Array Iterator] {", "}"]
        if not keys:
            return "Object [Array Iterator] {}"
    elif t is JSArray:
        cname = _ctor_name(o)
        prefix = "" if cname == "Array" else f"{cname}({len(o.elems)}) "
        braces = [f"{prefix}[", "]"]
        extras_array = True
        if not o.elems and not keys and not ctx.show_length:
            return f"{braces[0]}]"
    elif t is JSFunction or t is NativeFunction:
        base = _function_base(o)
        keys = [k for k in keys if k not in ("prototype",)]
        if not keys:
            return base
        braces = ["{", "}"]
    elif o.cls == "Error":
        base, keys, cause = _error_base(ctx, o, keys)
        if not keys and not cause:
            return base
        braces = ["{", "}"]
    else:
        cname = _ctor_name(o)
        if o.shape.proto is None:
            prefix = "[Object: null prototype] "
        elif o.cls in ("Math", "JSON"):  # (their Symbol.toStringTag)
            prefix = f"Object [{o.cls}] "
        elif cname == "Object":
            prefix = ""
        else:
            prefix = f"{cname} " if cname else ""
        braces = [prefix + "{", "}"]
        if not keys:
            return f"{prefix}{{}}"
    if depth > ctx.depth:
        if t is JSArray:
            return "[Array]"
        if o.cls == "Arguments":  # (its constructor: Object)
            return "[Object]"
        if o.shape.proto is None:  # (node's prefix without its trailing space, unbracketed)
            return "[Object: null prototype]"
        cname = _ctor_name(o) or "Object"
        return f"[{cname}]"
    ctx.seen.append(o)
    ctx.current_depth = depth
    output: list[str] = []
    if t is JSArray:
        # as node's formatArray / formatSpecialArray: a run of holes is one entry, and
        # what is left past the entries shown counts the indexes they did not reach
        elems = o.elems
        index = 0  # (the next index to show)
        for i, e in enumerate(elems):
            if len(output) >= ctx.max_array:
                break
            if e is HOLE:
                continue
            if i != index:
                output.append(f"<{i - index} empty item{'s' if i - index > 1 else ''}>")
                index = i
                if len(output) >= ctx.max_array:
                    break
            output.append(_prop(ctx, e, depth, None))
            index += 1
        remaining = len(elems) - index
        if remaining > 0:
            output.append(f"<{remaining} empty item{'s' if remaining > 1 else ''}>"
                          if len(output) < ctx.max_array else
                          f"... {remaining} more item{'s' if remaining > 1 else ''}")
    for k, e in items:
        output.append(_prop(ctx, e, depth, k))
    for k in keys:
        output.append(_prop(ctx, o.slots[o.shape.index[k]], depth, k))
    if ctx.show_length and t is JSArray:
        output.append(f"[length]: {len(o.elems)}")
    if cause:  # (not enumerable: node shows it in brackets)
        output.append("[cause]: " + _prop(ctx, get(o, "cause"), depth, None))
    ctx.seen.pop()
    ref = ctx.circular.get(id(o))
    if ref is not None:  # the object a [Circular *N] inside it names
        base = f"<ref *{ref}>" + (f" {base}" if base else "")
    entries = len(output)
    if ctx.sorted:  # (an array's elements keep their order, its keys are sorted)
        n = len(output) - len(keys) if extras_array else 0
        output = output[:n] + sorted(output[n:], key=_utf16)
    if extras_array and entries > 6 and ctx.compact is not False:
        output = _group(ctx, output, o)
    res = _reduce(ctx, output, base, braces, depth, extras_array, entries)
    return res


def _error_base(ctx: Ctx, o: JSObject, keys: list[str]) -> tuple[str, list[str], bool]:
    """An error as node's inspect (formatError) begins it: its stack (the property, else
    name: message), the class named where the stack names another error (``F [Error]:
    m``), in brackets when it has no frame lines, its lines indented to the depth;
    the keys left to print (not an own name, message or stack the stack shows) and
    whether its cause follows."""
    name_v = get(o, "name")
    name = "Error" if name_v is None or name_v is NULL else to_string(name_v)
    st = get(o, "stack")
    if st is None or st is NULL or st is False or st == "" or st == 0:
        msg_v = get(o, "message")
        msg = "" if msg_v is None else to_string(msg_v)
        stack = f"{name}: {msg}" if name and msg else name or msg
    else:
        stack = to_string(st)
    # (an error's message and stack are not enumerable; an own name the stack shows
    # is not printed again)
    keys = [k for k in keys if k not in ("message", "stack")
            and (k != "name" or to_string(get(o, k)) not in stack)]
    cause = "cause" not in keys and any(
        "cause" in p.shape.index for p in _chain(o))
    ctor = _ctor_name(o)
    n = len(name)
    if ctor is not None and name.endswith("Error") and stack.startswith(name) \
            and stack[n:n + 1] in ("", ":", "\n") and name != ctor:
        stack = ctor + stack[n:] if name in ctor else f"{ctor} [{name}]{stack[n:]}"
    msg_v = get(o, "message")
    msg = to_string(msg_v) if msg_v is not None and msg_v is not NULL else ""
    pos = stack.find(msg) if msg else -1
    if pos > 0:
        pos += len(msg)
    else:
        pos = 0
    if stack.find("\n    at", pos) == -1:
        stack = f"[{stack}]"
    if ctx.indent:
        stack = stack.replace("\n", "\n" + " " * ctx.indent)
    return stack, keys, cause


def _chain(o: JSObject) -> list[JSObject]:
    out = []
    cur: JSObject | None = o
    while cur is not None:
        out.append(cur)
        cur = cur.shape.proto
    return out


def _prop(ctx: Ctx, v: Any, depth: int, key: str | None) -> str:
    if type(v) is Accessor:
        s = "[Getter/Setter]" if v.get is not None and v.set is not None else (
            "[Getter]" if v.get is not None else "[Setter]")
    else:
        ctx.indent += 2
        s = _value(ctx, v, depth + 1, True)
        ctx.indent -= 2
    if key is None:
        return s
    # node writes an own "__proto__" key as ['__proto__'] (not the prototype's syntax)
    name = key if _IDENT.match(key) and key != "__proto__" else \
        f"[{quote(key)}]" if key == "__proto__" else quote(key)
    return f"{name}: {s}"


def _reduce(ctx: Ctx, output: list[str], base: str, braces: list[str], depth: int,
            is_array: bool, entries: int) -> str:
    start = len(output) + ctx.indent + len(braces[0]) + len(base) + 10
    if ctx.compact is not False and ctx.current_depth - depth < ctx.compact \
            and entries == len(output):
        total = len(output) + start
        fits = total + len(output) <= ctx.break_length
        if fits:
            for s in output:
                total += len(s)
                if total > ctx.break_length:
                    fits = False
                    break
        if fits and "\n" not in base:
            joined = ", ".join(output)
            if "\n" not in joined:
                return f"{base + ' ' if base else ''}{braces[0]} {joined} {braces[1]}"
    ind = "\n" + " " * ctx.indent
    return (f"{base + ' ' if base else ''}{braces[0]}{ind}  "
            f"{(',' + ind + '  ').join(output)}{ind}{braces[1]}")


def _group(ctx: Ctx, output: list[str], arr: JSArray) -> list[str]:
    total = 0
    maxlen = 0
    n = len(output)
    if ctx.max_array < n:  # (node's test: the "... more items" entry left out, or the
        n -= 1  # last of an array's own keys after it)
    sep = 2
    lens = []
    for i in range(n):
        ln = string_width(output[i])  # (columns: a wide character takes two)
        lens.append(ln)
        total += ln + sep
        if maxlen < ln:
            maxlen = ln
    actual = maxlen + sep
    if actual * 3 + ctx.indent < BREAK_LENGTH and (total / actual > 5 or maxlen <= 6):
        bias = math.sqrt(actual - total / len(output))
        biased = max(actual - 3 - bias, 1)
        # (Math.round: a half rounds up, where Python's round goes to even)
        cols = min(math.floor(math.sqrt(2.5 * biased * n) / biased + 0.5),
                   (BREAK_LENGTH - ctx.indent) // actual, 3 * 4, 15)
        if cols <= 1:
            return output
        maxline = []
        for i in range(cols):
            w = 0
            for j in range(i, len(output), cols):
                if j < n and lens[j] > w:
                    w = lens[j]
            maxline.append(w + sep)
        # numbers right-aligned when every entry's index holds one (node's test, keys
        # past the elements too)
        numeric = len(output) <= len(arr.elems) and \
            all(type(e) in (int, float) for e in arr.elems[:len(output)])
        tmp = []
        for i in range(0, n, cols):
            mx = min(i + cols, n)
            s = ""
            j = i
            while j < mx - 1:
                cell = output[j] + ", "
                w = maxline[j - i] + len(output[j]) - lens[j]  # (in units, as padStart)
                s += cell.rjust(w) if numeric else cell.ljust(w)
                j += 1
            if numeric:
                s += output[j].rjust(maxline[j - i] + len(output[j]) - lens[j] - sep)
            else:
                s += output[j]
            tmp.append(s)
        if n < len(output):
            tmp.append(output[n])
        return tmp
    return output


def _utf16(s: str) -> bytes:
    """A sort key ordering strings as JavaScript's default sort (by UTF-16 units)."""
    return s.encode("utf-16-be", "surrogatepass")


class InspectOptionError(ValueError):
    """An util.inspect option a64js does not have (the message names it)."""


def inspect_options(v: Any, opts: dict[str, Any]) -> str:
    """util.inspect(v, opts) (both VMs): ``opts`` the options object's own values as
    Python values (None for undefined, NULL for null); depth, compact, sorted,
    breakLength, maxArrayLength, and colors/showHidden false. Raises
    InspectOptionError for another option or value."""
    ctx = Ctx()
    for key, val in opts.items():
        if key == "depth":  # (a negative depth shows the value itself as [Object])
            ctx.depth = math.inf if val is NULL or val == math.inf else \
                2 if val is None else -1 if isinstance(val, (int, float)) \
                and not isinstance(val, bool) and val < 0 else _count(key, val)
        elif key == "compact":
            ctx.compact = val if type(val) is bool and not val else \
                3 if val is None or val is True else _count(key, val)
        elif key == "sorted" and type(val) is bool:
            ctx.sorted = val
        elif key == "breakLength":
            ctx.break_length = math.inf if val == math.inf else _count(key, val)
        elif key == "maxArrayLength":
            ctx.max_array = math.inf if val is NULL or val == math.inf else \
                _count(key, val)
        elif key in ("colors", "showHidden", "customInspect", "getters", "showProxy") \
                and (val is None or val is False):
            pass
        else:
            raise InspectOptionError(f"util.inspect's option {key}: {inspect(val)} is not "
                                     "supported by a64js")
    return _string(ctx, v) if type(v) is str else _value(ctx, v, 0, False)


def _count(key: str, val: Any) -> int:
    if type(val) is bool or not isinstance(val, (int, float)) or val != val or val < 0:
        raise InspectOptionError(f"util.inspect's option {key}: {inspect(val)} is not "
                                 "supported by a64js")
    return int(val) if val != math.inf else 1 << 62


def user_to_string(o: JSObject) -> bool:
    """Whether %s writes String(o) (node's hasBuiltInToString false): a function, or an
    object whose toString is its own or found on a prototype whose constructor is not a
    built-in (a class's toString)."""
    from .values import JSFunction, NativeFunction
    if isinstance(o, (JSFunction, NativeFunction)):
        return True
    cur: JSObject | None = o
    while cur is not None:
        if "toString" in cur.shape.index:
            if cur is o:
                return True
            ctor = cur.get_own("constructor")
            if isinstance(ctor, NativeFunction):
                return ctor.name not in R.globals
            return isinstance(ctor, JSFunction)
        cur = cur.shape.proto
    return False


def _joined(a: JSObject) -> str | None:
    """String(a) of an array of primitives and such arrays (its join, with no user code
    to run); None for anything else."""
    if type(a) is not JSArray or a.cls != "Array" or "toString" in a.shape.index \
            or "valueOf" in a.shape.index or "join" in a.shape.index:
        return None
    parts = []
    for e in a.elems:
        if e is HOLE or e is None or e is NULL:
            parts.append("")
        elif isinstance(e, JSObject):
            inner = _joined(e)
            if inner is None:
                return None
            parts.append(inner)
        else:
            parts.append(to_string(e))
    return ",".join(parts)


def format_log(args: list[Any]) -> str:
    """The line console.log prints for ``args`` (with %s/%d/%i/%f/%o/%j format)."""
    parts: list[str] = []
    rest = args
    if args and type(args[0]) is str and "%" in args[0] and len(args) > 1:
        fmt = args[0]
        rest = list(args[1:])
        out = []
        i = 0
        while i < len(fmt):
            ch = fmt[i]
            if ch == "%" and i + 1 < len(fmt):
                c = fmt[i + 1]
                if c == "%":
                    out.append("%")
                    i += 2
                    continue
                if c in "sdifoOjc" and rest:
                    v = rest.pop(0)
                    if c == "s":  # (node: String() of a function or of an object
                        # with its own toString, else inspect at depth 0)
                        if isinstance(v, JSObject) and not user_to_string(v):
                            sctx = Ctx()
                            sctx.depth = 0
                            out.append(_value(sctx, v, 0, True))
                        else:
                            out.append(v if type(v) is str else to_string(v)
                                       if type(v) is not float else fmt_number(v))
                    elif c == "d":  # node's Number(v) (an object: NaN, but an array of
                        from .values import string_to_number, to_number  # primitives:
                        n = to_number(v) if not isinstance(v, JSObject) else \
                            string_to_number(t) if (t := _joined(v)) is not None \
                            else math.nan  # Number of its join: [] 0, [5] 5)
                        out.append(fmt_number(n))
                    elif c in "if":  # node's parseInt / parseFloat of the value
                        from .builtins import js_parse_float, js_parse_int
                        text = (_joined(v) if isinstance(v, JSObject)  # (of String(v):
                                else to_string(v))  # an array's join, '1,a' is 1)
                        n = math.nan if text is None else js_parse_int(text, 0) \
                            if c == "i" else js_parse_float(text)
                        out.append(fmt_number(n))
                    elif c == "c":
                        pass
                    elif c == "j":  # JSON.stringify's text ('[Circular]' for a cycle)
                        from .builtins import json_stringify
                        from .values import JSThrow
                        try:
                            j = json_stringify(v, None, None)
                        except JSThrow:
                            j = "[Circular]"
                        out.append("undefined" if j is None else str(j))
                    elif c == "o":  # (showHidden, depth 4: an array's [length] shown)
                        ctx = Ctx()
                        ctx.depth = 4
                        ctx.show_length = True
                        out.append(_value(ctx, v, 0, True))
                    else:  # %O: util.inspect's text (a string quoted, as in %o)
                        out.append(_value(Ctx(), v, 0, True))
                    i += 2
                    continue
            out.append(ch)
            i += 1
        parts.append("".join(out))
    for v in rest:
        parts.append(inspect(v))
    return " ".join(parts)


__all__ = ["InspectOptionError", "format_log", "inspect", "inspect_cell", "inspect_options",
           "quote", "string_width"]
