"""The global object: Object, Function, Array, String, Number, Boolean, Math, Error and
its subclasses, JSON, console, process, parseInt/parseFloat/isNaN/isFinite."""

from __future__ import annotations

import functools
import math
import os
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

from . import jsmath
from . import runtime as rt
from .inspect import format_log, inspect_cell, quote, string_width
from .runtime import (
    R,
    call,
    get,
    get_elem,
    is_callable,
    put,
    put_elem,
    throw,
    to_boolean,
    to_integer,
    to_key,
    to_string,
)
from .values import (
    ARGUMENTS,
    ARGUMENTS_MARK,
    FIXED,
    HIDDEN,
    HOLE,
    JS_SPACE,
    NULL,
    Accessor,
    JSArray,
    JSFunction,
    JSObject,
    JSThrow,
    JSValue,
    NativeFunction,
    host_str,
    is_index_key,
    js_str,
    normalize,
    number_to_string,
    string_items,
    string_to_number,
    to_int32,
    to_number,
    to_uint32,
)

Args = list[JSValue]
Fn = Callable[[JSValue, Args], JSValue]


class ProcessExit(Exception):
    """process.exit(code) was called."""

    def __init__(self, code: int) -> None:
        Exception.__init__(self)
        self.code = code


def arg(args: Args, i: int) -> JSValue:
    return args[i] if i < len(args) else None


def exit_status(kind: str, number: float, shown: str) -> int | tuple[str, str]:
    """The status ``process.exit(code)`` exits with, as node 20 gives it, or the
    (TypeError or RangeError, message) it throws instead; both VMs describe the code:
    ``kind`` its typeof (``"null"`` for null), ``number`` its value as a number (a
    string's ToNumber), ``shown`` how node's TypeError names a code that is no number
    (``type string ('x')``, ``type boolean (true)``, ``function f``, ``an instance of
    Object``). A string that reads as a number is that number, an integer up to 2**53-1
    exits with its low 8 bits (-1: 255)."""
    if kind in ("undefined", "null"):
        return 0
    if kind == "string" and shown != "type string ('')" and not math.isnan(number):
        kind = "number"
    if kind != "number":
        return ("TypeError", f'The "code" argument must be of type number. Received {shown}')
    if not math.isfinite(number) or number != int(number):
        return ("RangeError", 'The value of "code" is out of range. It must be an integer. '
                f"Received {_received(number)}")
    if abs(number) > 2**53 - 1:
        return ("RangeError", 'The value of "code" is out of range. It must be >= '
                "-9007199254740991 && <= 9007199254740991. "
                f"Received {_received(number)}")
    return int(number) & 0xFF


class ConsoleState:
    """What console's grouping, counting and timing keep (one realm's; both VMs)."""

    def __init__(self) -> None:
        self.indent = ""  # console.group's: two spaces a level, before every line
        self.counts: dict[str, int] = {}
        self.timers: dict[str, float] = {}

    def lines(self, text: str) -> str:
        """``text`` as console prints it inside the current groups."""
        if not self.indent:
            return text
        return "\n".join(self.indent + line for line in text.split("\n"))

    def count(self, label: str) -> str:
        n = self.counts.get(label, 0) + 1
        self.counts[label] = n
        return f"{label}: {n}"

    def count_reset(self, label: str) -> str | None:
        """None, or the warning node prints for a label never counted."""
        if label not in self.counts:
            return f"Warning: Count for '{label}' does not exist"
        self.counts[label] = 0
        return None

    def time(self, label: str) -> str | None:
        import time
        if label in self.timers:
            return f"Warning: Label '{label}' already exists for console.time()"
        self.timers[label] = time.perf_counter()
        return None

    def elapsed(self, label: str, end: bool, what: str) -> tuple[str | None, str | None]:
        """(the text ``label: time`` or None, the warning or None) for timeEnd/timeLog."""
        import time
        start = self.timers.get(label)
        if start is None:
            return None, f"Warning: No such label '{label}' for console.{what}()"
        if end:
            del self.timers[label]
        return f"{label}: {format_elapsed((time.perf_counter() - start) * 1000.0)}", None


def format_elapsed(ms: float) -> str:
    """console.timeEnd's duration as node writes it (1.234ms, 2.500s, 1:02.003 (m:ss.mmm))."""
    if ms < 1000.0:
        return f"{number_to_string(normalize(float(f'{ms:.3f}')))}ms"
    if ms < 60_000.0:
        return f"{ms / 1000.0:.3f}s"
    total = ms / 1000.0
    hours, rest = divmod(total, 3600.0)
    minutes, seconds = divmod(rest, 60.0)
    sec, frac = f"{seconds:06.3f}".split(".")
    if hours:
        return f"{int(hours)}:{int(minutes):02d}:{sec}.{frac} (h:mm:ss.mmm)"
    return f"{int(minutes)}:{sec}.{frac} (m:ss.mmm)"


#: the realm's console state (builtins.setup makes a new one; the heap VM's uses it too)
CONSOLE = ConsoleState()


def exit_code(code: JSValue) -> int:
    """The status of ``process.exit(code)`` or of a program ending with
    ``process.exitCode = code`` (Python VM); node's TypeError or RangeError thrown for a
    code that is not an integer."""
    kind = "null" if code is NULL else rt.typeof(code)
    name = None
    if kind == "object":
        ctor = rt.get(code, "constructor")
        name = rt.get(ctor, "name") if rt.typeof(ctor) == "function" else None
    elif kind == "function":
        name = rt.get(code, "name")
    text = name if kind == "function" else (
        "" if kind in ("undefined", "null", "object") else host_str(to_string(code)))
    number = to_number(code) if kind in ("number", "string") else math.nan
    status = exit_status(kind, number, shown_value(kind, str(text), (
        str(name) if isinstance(name, str) and name else None)))
    if isinstance(status, tuple):
        raise throw(*status)
    return status


def _received(n: float) -> str:
    """A number as node's range errors show it: past 2**32 with '_' between groups of
    three digits from the right (of its Number::toString, exponent and all)."""
    text = number_to_string(n)
    if not (math.isfinite(n) and n == int(n) and abs(n) > 2**32):
        return text
    start = 1 if text[0] == "-" else 0
    i, rest = len(text), ""
    while i >= start + 4:
        rest = f"_{text[i - 3:i]}{rest}"
        i -= 3
    return text[:i] + rest


def shown_value(kind: str, text: str, name: str | None) -> str:
    """How node's argument-type errors name a value that is not of the expected type:
    a primitive by its typeof and text (``text``, a string's contents: cut to 25
    characters and '...' when longer than 28, then quoted), a function by its name, an object by its
    constructor's ``name`` (None: no constructor name)."""
    if kind == "function":
        return f"function {text}"
    if kind == "object":
        return f"an instance of {name}" if name else "[Object: null prototype] {}"
    if len(text) > 28:
        text = text[:25] + "..."
    return f"type {kind} ({quote(text) if kind == 'string' else text})"


def native(name: str, fn: Fn, length: int = 0, ctor: Fn | None = None) -> NativeFunction:
    return NativeFunction(R.function_proto, name, fn, length, ctor)


def method(obj: JSObject, name: str, length: int = 0) -> Callable[[Fn], Fn]:
    def deco(fn: Fn) -> Fn:
        obj.put(name, native(name, fn, length))
        return fn
    return deco


def js_parse_int(s: str, radix: int) -> int | float:
    """parseInt of string ``s`` in ``radix`` (0: 10, or 16 after 0x)."""
    s = s.strip(JS_SPACE)
    sign = 1
    if s[:1] in ("+", "-"):
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    if radix == 0:
        radix = 10
        if s[:2].lower() == "0x":
            radix = 16
            s = s[2:]
    elif radix == 16 and s[:2].lower() == "0x":
        s = s[2:]
    if not 2 <= radix <= 36:
        return math.nan
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"[:radix]
    n = 0
    while n < len(s) and s[n].lower() in digits:
        n += 1
    if n == 0:
        return math.nan
    v = sign * int(s[:n], radix)
    if v == 0 and sign < 0:
        return -0.0
    return v if abs(v) <= 2**53 else float(v)


def js_parse_float(s: str) -> int | float:
    """parseFloat of string ``s``."""
    import re  # (when first used: a run that never parses loads no re)
    m = re.match(r"[+-]?(Infinity|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)",
                 s.lstrip(JS_SPACE))
    if not m:
        return math.nan
    t = m.group(0)
    if "Infinity" in t:
        return -math.inf if t.startswith("-") else math.inf
    return normalize(float(t)) if t not in ("-0", "-0.0") and not (
        t.startswith("-") and float(t) == 0) else -0.0


def new_array(elems: list[JSValue]) -> JSArray:
    return JSArray(R.array_proto, elems)


def this_array(this: JSValue, name: str) -> JSArray:
    if type(this) is not JSArray:  # (an array-like: outside the subset, exit 2 as the
        # heap VM's, not an error a catch could hide)
        if isinstance(this, JSObject) and rt.on_proto_chain(this, R.array_proto):
            raise rt.Unsupported(f"Array.prototype.{name} on an instance of a class "
                                 f"extending Array is not supported by a64js (such "
                                 f"instances are not arrays here)")
        raise rt.Unsupported(f"Array.prototype.{name} on a non-array is not supported by "
                             "a64js")
    return this


def callback(f: JSValue, name: str) -> JSValue:
    if not is_callable(f):
        raise throw("TypeError", f"{rt.to_display(f)} is not a function")
    return f


def rel_index(v: JSValue, n: int, default: int) -> int:
    if v is None:
        return default
    i = to_integer(v)
    if i < 0:
        return int(max(n + i, 0))
    return int(min(i, n))


def to_exponential(x: int | float, f: int | None) -> str:
    """Number.prototype.toExponential of finite ``x`` with ``f`` fraction digits (None:
    as many as the shortest round trip needs): the exact value rounded half up."""
    from decimal import ROUND_HALF_UP, Decimal, localcontext  # (on first use: _LAZY)
    sign = "-" if x < 0 else ""
    x = abs(x)
    if x == 0:
        digits, e = "0" * ((f or 0) + 1), 0
    elif f is None:
        t = Decimal(repr(float(x))).normalize().as_tuple()
        digits = "".join(map(str, t.digits))
        e = len(digits) - 1 + int(t.exponent)
    else:
        with localcontext() as ctx:
            ctx.prec = 400
            e = Decimal(x).adjusted()
            q = Decimal(x).scaleb(-e).quantize(Decimal(1).scaleb(-f), rounding=ROUND_HALF_UP)
            if q >= 10:
                e += 1
                q = Decimal(x).scaleb(-e).quantize(Decimal(1).scaleb(-f),
                                                   rounding=ROUND_HALF_UP)
            digits = f"{q:f}".replace(".", "")
    m = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{sign}{m}e{'+' if e >= 0 else '-'}{abs(e)}"


#: Date() and new Date() (both VMs): outside the subset, where Date() gave a string
DATE_UNSUPPORTED = "Date objects are not supported by a64js (only Date.now() is)"
#: Object.getOwnPropertyNames of a function or an error (both VMs): node lists own names
#: a64js does not hold (length, name, arguments, caller, stack), so it is an error
OWN_NAMES_UNSUPPORTED = ("Object.getOwnPropertyNames of a function or an error is not "
                         "supported by a64js (its own keys are node's: use Object.keys)")


def normalize_string(s: str, form: str) -> str:
    """String.prototype.normalize of ``s`` (UTF-16 code units) to ``form``, node's
    RangeError for any other form (both VMs)."""
    if form not in ("NFC", "NFD", "NFKC", "NFKD"):
        raise throw("RangeError", "The normalization form should be one of NFC, NFD, "
                                  "NFKC, NFKD.")
    if s.isascii():
        return s
    import unicodedata  # (on first use: see _LAZY)
    points = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return js_str(unicodedata.normalize(form, points))  # type: ignore[arg-type]

#: the characters that make String.prototype.search's argument a regular expression
#: pattern rather than the text it finds (node compiles it with new RegExp)
SEARCH_PATTERN = frozenset("\\^$.|?*+()[]{}")


#: Object.freeze of an object (both VMs): a frozen object's writes would not be refused,
#: so freezing is an error rather than a silent no-op (a primitive is returned as is)
FREEZE_UNSUPPORTED = ("Object.freeze of an object is not supported by a64js (its writes "
                      "would not be refused)")


#: The class of an array iterator (an array of the values to come: keys/values/entries)
ARRAY_ITERATOR = "Array Iterator"


#: Object.seal of an object (both VMs), as Object.freeze's
SEAL_UNSUPPORTED = ("Object.seal of an object is not supported by a64js (its new keys "
                    "would not be refused)")


#: process.arch: node's names of the machines
NODE_ARCH = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64",
             "i386": "ia32", "i686": "ia32", "armv7l": "arm"}


#: Function(...) and new Function(...) (both VMs; ``{}`` the form)
FUNCTION_UNSUPPORTED = "{} is not supported by a64js (code from strings)"


#: new String/Number/Boolean(...) (both VMs): wrapper objects are outside the subset (exit
#: 2 naming the place, not node's object a program would then use as a primitive)
WRAPPER_UNSUPPORTED = "new {}(...) (a wrapper object) is not supported by a64js"


#: Object(v) and new Object(v) of a string, number or boolean (both VMs): node's wrapper
#: object, outside the subset as new Number(...) is (of undefined or null: a new object)
OBJECT_WRAPPER_UNSUPPORTED = ("Object(...) of a {} (a wrapper object) is not supported "
                              "by a64js")


def no_wrapper(name: str) -> Callable[[JSValue, Args], JSValue]:
    """The ``new`` of String, Number or Boolean: outside the subset."""
    def ctor(this: JSValue, args: Args) -> JSValue:
        raise rt.Unsupported(WRAPPER_UNSUPPORTED.format(name))
    return ctor


#: Function.prototype.toString of a function whose module cannot be read again
FN_TEXT_UNKNOWN = ("Function.prototype.toString of this function is not supported by "
                   "a64js (its module's source cannot be read again)")

#: The globals whose own properties node enumerates (Object.keys(console) lists its
#: methods): every other built-in's are hidden, in both VMs
ENUMERABLE_BUILTINS = frozenset(("console", "process", "performance"))


def copy_within_range(n: int, ints: list[int | float | None]) -> tuple[int, int, int]:
    """Array.prototype.copyWithin(target, start, end) on ``n`` elements, from its
    arguments as integers (None: left out): (to, from, count), both VMs' rule."""
    def rel(i: int | float | None, default: int) -> int:
        if i is None:
            return default
        return int(max(n + i, 0)) if i < 0 else int(min(i, n))
    to = rel(ints[0] if ints else 0, 0)
    frm = rel(ints[1] if len(ints) > 1 else 0, 0)
    end = rel(ints[2] if len(ints) > 2 else None, n)
    return to, frm, min(end - frm, n - to)


def string_raw(template: Any, subs: list[Any], get_: Callable[[Any, str], Any],
               text: Callable[[Any], str]) -> str:
    """String.raw(template, ...subs) (both VMs: ``get_`` reads a property of a value,
    ``text`` is ToString): the template's raw strings with the substitutions between."""
    if template is None or template is NULL:
        raise throw("TypeError", "Cannot convert undefined or null to object")
    raw = get_(template, "raw")
    if raw is None or raw is NULL:
        raise throw("TypeError", "Cannot convert undefined or null to object")
    n = rt.array_like_length(get_(raw, "length"))
    out: list[str] = []
    for i in range(n):
        out.append(text(get_(raw, str(i))))
        if i + 1 < n and i < len(subs):
            out.append(text(subs[i]))
    return "".join(out)


#: node's default (ICU root) collation of ASCII, from node: the characters in order, each
#: with its primary weight (a letter's two cases share one); control characters other
#: than TAB..CR are ignored.
_COLLATION = ("\t\n\x0b\x0c\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789"
              "aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ")
_LETTERS = _COLLATION.index("a")
_PRIMARY = {c: i if i < _LETTERS else _LETTERS + (i - _LETTERS) // 2
            for i, c in enumerate(_COLLATION)}


def locale_compare(a: str, b: str, numeric: bool = False, case_level: bool = True,
                   upper_first: bool = False, ignore_punctuation: bool = False) -> int:
    """``a.localeCompare(b)`` as node's default ICU collation orders ASCII strings: by
    primary weights first (letters without case; punctuation before digits before
    letters), then by case (lower before upper); other strings are outside the subset.
    The options of Intl.Collator: ``numeric`` (a run of digits weighs its value, leading
    zeros ignored), ``case_level`` False (sensitivity base or accent: case not
    compared), ``upper_first`` (caseFirst upper), ``ignore_punctuation`` (punctuation
    and spaces ignored)."""
    keys = []
    digit = _PRIMARY["0"]
    for s in (a, b):
        prim: list[tuple[int, int]] = []
        case: list[int] = []
        i = 0
        while i < len(s):
            c = s[i]
            p = _PRIMARY.get(c)
            if p is None:
                if c > "\x7f":
                    raise throw("TypeError", "String.prototype.localeCompare of a string "
                                "beyond ASCII is not supported by a64js (node's ICU "
                                "collation)")
                i += 1
                continue  # a control character: ignored
            if ignore_punctuation and not c.isalnum():
                i += 1
                continue
            if numeric and c.isdigit():
                j = i
                while j < len(s) and s[j].isdigit():
                    j += 1
                prim.append((digit, int(s[i:j])))
                i = j
                continue
            prim.append((p, 0))
            case.append((0 if "A" <= c <= "Z" else 1) if upper_first
                        else (1 if "A" <= c <= "Z" else 0))
            i += 1
        keys.append((prim, case))
    (pa, ca), (pb, cb) = keys
    if pa != pb:
        return -1 if pa < pb else 1
    if case_level and ca != cb:
        return -1 if ca < cb else 1
    return 0


#: Intl.Collator's sensitivity values (both VMs' localeCompare)
_SENSITIVITY = ("base", "accent", "case", "variant")


def _check_locales(locales: JSValue, what: str) -> None:
    """``locales`` of ``what`` (undefined, a tag or an array of tags): node's RangeError
    for a malformed tag; a TypeError naming ``what`` for a locale other than en-US."""
    tags = list(locales.elems) if isinstance(locales, JSArray) else \
        [] if locales is None else [locales]
    for tag in tags:
        text = to_string(tag)
        if not text or not all(c.isascii() and (c.isalnum() or c == "-") for c in text) \
                or text.startswith("-") or text.endswith("-") or "--" in text:
            raise throw("RangeError", "Incorrect locale information provided")
    if tags and to_string(tags[0]).lower() not in LOCALE_NAMES:
        raise throw("TypeError", f"{what} for the locale "
                                 f"{quote(to_string(tags[0]))} is not supported by a64js "
                                 f"(only node's default, en-US)")


def locale_compare_with(a: str, b: str, locales: JSValue, has_options: bool,
                        read: Callable[[str], JSValue]) -> int:
    """``a.localeCompare(b, locales, options)`` (both VMs; as locale_format reads its
    arguments): en-US's collation with the options numeric, sensitivity, caseFirst,
    ignorePunctuation and usage "sort" (node's RangeErrors for bad values); another
    locale, usage "search" or a collation is a TypeError saying a64js lacks it."""
    _check_locales(locales, "String.prototype.localeCompare")
    if not has_options:
        return locale_compare(a, b)

    def choice(name: str, allowed: tuple[str, ...]) -> str | None:
        v = read(name)
        if v is None:
            return None
        text = to_string(v)
        if text not in allowed:
            raise throw("RangeError", f"Value {text} out of range for "
                                      f"String.prototype.localeCompare options property "
                                      f"{name}")
        return text
    if choice("usage", ("sort", "search")) == "search":
        raise throw("TypeError", "String.prototype.localeCompare with the option usage "
                                 "'search' is not supported by a64js")
    choice("localeMatcher", ("lookup", "best fit"))
    if read("collation") is not None:
        raise throw("TypeError", "String.prototype.localeCompare with the option "
                                 "collation is not supported by a64js")
    numeric = read("numeric")
    case_first = choice("caseFirst", ("upper", "lower", "false"))
    sensitivity = choice("sensitivity", _SENSITIVITY) or "variant"
    ignore = read("ignorePunctuation")
    return locale_compare(a, b, numeric is not None and to_boolean(numeric),
                          sensitivity in ("case", "variant"), case_first == "upper",
                          ignore is not None and to_boolean(ignore))


def same_value(x: JSValue, y: JSValue) -> bool:
    """``Object.is``: strict equality, except that NaN is NaN and +0 is not -0."""
    if type(x) in (int, float) and type(y) in (int, float):
        if x != x and y != y:
            return True
        if x == 0 and y == 0:
            return math.copysign(1.0, x) == math.copysign(1.0, y)
        return bool(x == y)
    return rt.strict_eq(x, y)


#: The longest string node makes (UTF-16 units): a longer padStart is a RangeError.
MAX_STRING_LENGTH = (1 << 29) - 24


def substitution(text: str, s: str, at: int, matched: str) -> str:
    """GetSubstitution for a string pattern (no captures): ``$$`` is ``$``, ``$&`` the
    match, `` $` `` what precedes it, ``$'`` what follows; any other ``$`` is itself."""
    if "$" not in text:
        return text
    parts = text.split("$")
    out = [parts[0]]
    k = 1
    while k < len(parts):
        p = parts[k]
        if p == "" and k + 1 < len(parts):  # "$$"
            out.append("$" + parts[k + 1])
            k += 2
            continue
        c = p[:1]
        rest = p[1:]
        if c == "&":
            out.append(matched + rest)
        elif c == "`":
            out.append(s[:at] + rest)
        elif c == "'":
            out.append(s[at + len(matched):] + rest)
        else:
            out.append("$" + p)
        k += 1
    return "".join(out)


def str_index(s: str, v: JSValue) -> int:
    if v is None:
        return 0
    i = to_integer(v)
    if type(i) is float:  # an infinity: past either end (even once at() adds the length)
        return len(s) + 1 if i > 0 else -len(s) - 1
    return int(i)


def last_index_from(n: int, pos: int | float | None) -> int:
    """Where Array.prototype.lastIndexOf starts on ``n`` elements, given its fromIndex
    as a number (None when absent: the last element; counted from the end when
    negative); -1 for nowhere. Both VMs' rule."""
    if pos is None:
        return n - 1
    k = 0 if pos != pos else pos if math.isinf(pos) else int(pos)
    return int(min(k, n - 1)) if k >= 0 else int(max(n + k, -1))


def setup(argv: list[str], out: Any) -> dict[str, JSValue]:
    """Create the realm and return the global bindings."""
    object_proto = JSObject(None)
    function_proto = JSObject(object_proto)
    R.object_proto = object_proto
    R.function_proto = function_proto
    R.array_proto = JSArray(object_proto, [])
    R.string_proto = JSObject(object_proto)
    R.number_proto = JSObject(object_proto)
    R.boolean_proto = JSObject(object_proto)
    g: dict[str, JSValue] = {}
    R.globals = g
    R.constant_holders = ()

    # -- Object ----------------------------------------------------------------------------
    def object_ctor(this: JSValue, args: Args) -> JSValue:
        v = arg(args, 0)
        if isinstance(v, JSObject):
            return v
        if v is not None and v is not NULL:
            raise rt.Unsupported(OBJECT_WRAPPER_UNSUPPORTED.format(rt.typeof(v)))
        return JSObject(object_proto)
    obj_ctor = native("Object", object_ctor, 1, object_ctor)
    obj_ctor.put("prototype", object_proto)
    object_proto.put("constructor", obj_ctor)
    g["Object"] = obj_ctor

    def need_obj(v: JSValue) -> JSObject:
        if v is None or v is NULL:
            raise throw("TypeError", "Cannot convert undefined or null to object")
        if not isinstance(v, JSObject):
            return JSObject(object_proto)
        return v

    @method(obj_ctor, "keys", 1)
    def _keys(this: JSValue, args: Args) -> JSValue:
        v = arg(args, 0)
        if type(v) is str:
            return new_array([str(i) for i in range(len(v))])
        return new_array(list(rt.own_keys(need_obj(v))))

    @method(obj_ctor, "getOwnPropertyNames", 1)
    def _ownnames(this: JSValue, args: Args) -> JSValue:
        v = arg(args, 0)
        if type(v) is str:
            return new_array([str(i) for i in range(len(v))] + ["length"])
        o = need_obj(v)
        if isinstance(o, JSFunction | NativeFunction) or o.cls == "Error":
            raise throw("TypeError", OWN_NAMES_UNSUPPORTED)
        if type(o) is JSArray:
            return new_array([str(i) for i, x in enumerate(o.elems) if x is not HOLE]
                             + ["length"] + o.own_keys())
        return new_array(list(o.own_keys()))

    @method(obj_ctor, "is", 2)
    def _is(this: JSValue, args: Args) -> JSValue:
        return same_value(arg(args, 0), arg(args, 1))

    @method(obj_ctor, "values", 1)
    def _values(this: JSValue, args: Args) -> JSValue:
        o = arg(args, 0)
        if type(o) is str:  # its String object's indexes (the heap VM's visible_keys)
            return new_array(list(o))
        o = need_obj(o)
        return new_array([get(o, k) for k in rt.own_keys(o)])

    @method(obj_ctor, "entries", 1)
    def _entries(this: JSValue, args: Args) -> JSValue:
        o = arg(args, 0)
        if type(o) is str:
            return new_array([new_array([str(i), c]) for i, c in enumerate(o)])
        o = need_obj(o)
        return new_array([new_array([k, get(o, k)]) for k in rt.own_keys(o)])

    @method(obj_ctor, "fromEntries", 1)
    def _fromentries(this: JSValue, args: Args) -> JSValue:
        src = arg(args, 0)
        if src is None or src is NULL:
            raise throw("TypeError", "undefined is not iterable")
        if type(src) is str:
            items: list[JSValue] = string_items(src)
        elif type(src) is JSArray:
            items = [None if x is HOLE else x for x in src.elems]
        else:
            what = "object" if isinstance(src, JSObject) else \
                f"{rt.typeof(src)} {to_string(src)}"
            raise throw("TypeError", rt.no_iterator_message(what))
        o = JSObject(object_proto)
        for e in items:
            if not isinstance(e, JSObject):
                raise throw("TypeError", rt.not_entry_message(to_string(e)))
            put(o, to_key(get(e, "0")), get(e, "1"))
        return o

    @method(obj_ctor, "hasOwn", 2)
    def _hasownstatic(this: JSValue, args: Args) -> JSValue:
        o = arg(args, 0)
        if o is None or o is NULL:
            raise throw("TypeError", "Cannot convert undefined or null to object")
        return _hasown(o, args[1:])

    @method(obj_ctor, "assign", 2)
    def _assign(this: JSValue, args: Args) -> JSValue:
        target = need_obj(arg(args, 0))
        for src in args[1:]:
            if isinstance(src, JSObject):
                for k in rt.own_keys(src):  # (node's Set throws: a strict store)
                    put(target, k, get(src, k), True)
        return target

    @method(obj_ctor, "freeze", 1)
    def _freeze(this: JSValue, args: Args) -> JSValue:
        o = arg(args, 0)
        if isinstance(o, JSObject):
            raise throw("TypeError", FREEZE_UNSUPPORTED)
        return o

    # nothing here is frozen, sealed or not extensible (freeze and seal of an object are
    # errors): node's answers for primitives and ordinary objects
    obj_ctor.put("isFrozen", native("isFrozen", lambda t, a: not isinstance(
        arg(a, 0), JSObject), 1))
    obj_ctor.put("isSealed", native("isSealed", lambda t, a: not isinstance(
        arg(a, 0), JSObject), 1))
    obj_ctor.put("isExtensible", native("isExtensible", lambda t, a: isinstance(
        arg(a, 0), JSObject), 1))

    @method(obj_ctor, "seal", 1)
    def _seal(this: JSValue, args: Args) -> JSValue:
        o = arg(args, 0)
        if isinstance(o, JSObject):
            raise throw("TypeError", SEAL_UNSUPPORTED)
        return o

    @method(obj_ctor, "create", 2)
    def _create(this: JSValue, args: Args) -> JSValue:
        p = arg(args, 0)
        if p is not NULL and not isinstance(p, JSObject):
            raise throw("TypeError", f"Object prototype may only be an Object or null: "
                                     f"{to_string(p)}")
        o = JSObject(p if isinstance(p, JSObject) else None)
        if len(args) > 1 and args[1] is not None:
            _defprops(None, [o, args[1]])
        return o

    @method(obj_ctor, "defineProperties", 2)
    def _defprops(this: JSValue, args: Args) -> JSValue:
        """Each own enumerable key of the descriptors object as Object.defineProperty
        defines it, every descriptor checked first (node's order)."""
        o, props = arg(args, 0), arg(args, 1)
        if not isinstance(o, JSObject):
            raise throw("TypeError", "Object.defineProperties called on non-object")
        if props is None or props is NULL:
            raise throw("TypeError", "Cannot convert undefined or null to object")
        descs = [(k, get(props, k)) for k in rt.own_keys(props)] \
            if isinstance(props, JSObject) else []
        for _, d in descs:
            if not isinstance(d, JSObject):
                raise throw("TypeError",
                            f"Property description must be an object: {rt.to_display(d)}")
        for k, d in descs:
            _defprop(None, [o, k, d])
        return o

    @method(obj_ctor, "getPrototypeOf", 1)
    def _getproto(this: JSValue, args: Args) -> JSValue:
        v = arg(args, 0)
        if isinstance(v, JSObject):
            p = v.shape.proto
            return NULL if p is None else p
        return rt.proto_of_primitive(v, "__proto__")

    @method(obj_ctor, "setPrototypeOf", 2)
    def _setproto(this: JSValue, args: Args) -> JSValue:
        v, p = arg(args, 0), arg(args, 1)
        if isinstance(v, JSObject):
            v.set_proto(None if p is NULL else p)
        return v

    @method(obj_ctor, "defineProperty", 3)
    def _defprop(this: JSValue, args: Args) -> JSValue:
        o, k, desc = arg(args, 0), to_key(arg(args, 1)), arg(args, 2)
        if not isinstance(o, JSObject):
            raise throw("TypeError", "Object.defineProperty called on non-object")
        if not isinstance(desc, JSObject):
            raise throw("TypeError",
                        f"Property description must be an object: {rt.to_display(desc)}")
        names = rt.own_keys(desc)
        i = o.shape.index.get(k)
        existed = None if i is None else "accessor" if k in o.shape.accessors else "data"
        try:
            what, hide, fix = rt.define_plan(
                k, names, lambda n: to_boolean(get(desc, n)), existed,
                rt.key_attr(o, HIDDEN, k), rt.key_attr(o, FIXED, k))
        except rt.DescriptorError as e:
            if e.kind == "TypeError":
                raise throw("TypeError", e.message) from None
            # (outside the subset: exit 2 naming the place, as the heap VM's; a catchable
            # error would let a program's catch hide the difference)
            raise rt.Unsupported(f"{e.message} is not supported by a64js") from None
        if what == "data":
            if existed == "accessor":  # a data property replaces the accessor (no setter)
                o.remove(k)
                rt.ACCESSOR_EPOCH[0] += 1
            rt.define_data(o, k, get(desc, "value"))
        elif what == "accessor":
            if existed == "data":
                o.remove(k)
            o.put_accessor(k, get(desc, "get"), get(desc, "set"))
            rt.ACCESSOR_EPOCH[0] += 1
        rt.set_key_attr(o, HIDDEN, k, hide)
        rt.set_key_attr(o, FIXED, k, fix)
        return o

    def own_descriptor(v: JSValue, k: str) -> JSValue:
        """Object.getOwnPropertyDescriptor(v, k): node's attributes, which this VM derives
        from how the property was made (hvm.builtins.own_descriptor)."""
        if v is None or v is NULL:
            raise throw("TypeError", "Cannot convert undefined or null to object")
        if type(v) is str:  # its String object's read-only indexes and length
            if k == "length":
                return rt.descriptor(len(v), False, False, False)
            if is_index_key(k) and int(k) < len(v):
                return rt.descriptor(v[int(k)], False, True, False)
            return None
        if not isinstance(v, JSObject):
            return None
        if isinstance(v, JSArray):
            if k == "length":
                return rt.descriptor(len(v.elems), True, False, False)
            if is_index_key(k):
                i = int(k)
                if i < len(v.elems) and v.elems[i] is not HOLE:
                    return rt.descriptor(v.elems[i], True, True, True)
                return None
        fn = isinstance(v, JSFunction | NativeFunction)
        if fn and k in ("name", "length"):  # (made by the function: read-only)
            return rt.descriptor(get(v, k), False, k in rt.own_keys(v), True)
        if k == "prototype" and isinstance(v, JSFunction) and v.code.kind == "normal":
            get(v, k)  # (made at first use)
        at = v.shape.index.get(k)
        if at is None or k[:1] == "\x00":
            return None
        enumerable = k in rt.own_keys(v)
        if k == "prototype" and fn:  # not configurable; a class's not writable either
            return rt.descriptor(v.slots[at], not (isinstance(v, JSFunction)
                                                   and v.code.is_class_ctor),
                                 enumerable, False)
        fixed = rt.key_attr(v, FIXED, k)
        acc = v.slots[at]
        if type(acc) is Accessor:
            return rt.descriptor(None, None, enumerable, not fixed, acc.get, acc.set)
        # the built-in constants (Math.PI, Number.MAX_SAFE_INTEGER) are read-only
        writable = not (fixed and (v is g["Math"] or v is g["Number"]))
        return rt.descriptor(acc, writable, enumerable, not fixed)

    @method(obj_ctor, "getOwnPropertyDescriptor", 2)
    def _owndesc(this: JSValue, args: Args) -> JSValue:
        return own_descriptor(arg(args, 0), to_key(arg(args, 1)))

    @method(obj_ctor, "getOwnPropertyDescriptors", 1)
    def _owndescs(this: JSValue, args: Args) -> JSValue:
        v = arg(args, 0)
        out = JSObject(object_proto)
        if v is None or v is NULL:
            raise throw("TypeError", "Cannot convert undefined or null to object")
        if type(v) is str:
            names = [str(i) for i in range(len(v))] + ["length"]
        elif not isinstance(v, JSObject):
            names = []
        else:
            names = list(_ownnames(None, [v]).elems)
        for k in names:
            out.put(k, own_descriptor(v, k))
        return out

    @method(object_proto, "hasOwnProperty", 1)
    def _hasown(this: JSValue, args: Args) -> JSValue:
        k = to_key(arg(args, 0))
        if type(this) is JSArray and is_index_key(k):
            i = int(k)
            return i < len(this.elems) and this.elems[i] is not HOLE
        if type(this) is JSArray and k == "length":
            return True
        if type(this) is str:  # its String object's own length and indexes
            return k == "length" or (is_index_key(k) and int(k) < len(this))
        return isinstance(this, JSObject) and k in this.shape.index

    @method(object_proto, "propertyIsEnumerable", 1)
    def _propenum(this: JSValue, args: Args) -> JSValue:
        k = to_key(arg(args, 0))
        if type(this) is str:  # its String object's indexes (its length is not)
            return is_index_key(k) and int(k) < len(this)
        if type(this) is JSArray and is_index_key(k):
            i = int(k)
            return i < len(this.elems) and this.elems[i] is not HOLE
        return isinstance(this, JSObject) and k in rt.own_keys(this)

    @method(object_proto, "toString", 0)
    def _objtostring(this: JSValue, args: Args) -> JSValue:
        t = type(this)
        if t is JSArray:
            return "[object Arguments]" if this.cls == ARGUMENTS else "[object Array]"
        if this is None:
            return "[object Undefined]"
        if this is NULL:
            return "[object Null]"
        if t is str or t is bool or t is int or t is float:
            return "[object " + ("String" if t is str else "Boolean" if t is bool
                                 else "Number") + "]"
        if t is JSFunction or t is NativeFunction:
            return "[object Function]"
        if isinstance(this, JSObject) and this.cls == "Error":
            return "[object Error]"
        for tag in ("Math", "JSON"):  # (their Symbol.toStringTag)
            if this is g.get(tag):
                return f"[object {tag}]"
        return "[object Object]"

    @method(object_proto, "toLocaleString", 0)
    def _objtolocale(this: JSValue, args: Args) -> JSValue:
        if this is None or this is NULL:
            raise throw("TypeError", "Object.prototype.toLocaleString called on null or "
                                     "undefined")
        f = get(this, "toString")
        if not is_callable(f):
            raise throw("TypeError", f"{rt.to_display(f)} is not a function")
        return call(f, this, [])

    @method(object_proto, "isPrototypeOf", 1)
    def _isprotoof(this: JSValue, args: Args) -> JSValue:
        v = arg(args, 0)
        if not isinstance(v, JSObject):
            return False
        return rt.on_proto_chain(v, need_obj(this))

    @method(object_proto, "valueOf", 0)
    def _valueof(this: JSValue, args: Args) -> JSValue:
        return this

    # -- Function ----------------------------------------------------------------------------
    # code from strings is outside the subset: exit 2 naming the place, in both VMs (a
    # catchable Error would let a program's catch hide the difference)
    def function_ctor(this: JSValue, args: Args) -> JSValue:
        raise rt.Unsupported(FUNCTION_UNSUPPORTED.format("Function()"))

    def function_new(this: JSValue, args: Args) -> JSValue:
        raise rt.Unsupported(FUNCTION_UNSUPPORTED.format("new Function()"))
    fn_ctor = native("Function", function_ctor, 1, function_new)
    fn_ctor.put("prototype", function_proto)
    function_proto.put("constructor", fn_ctor)
    g["Function"] = fn_ctor

    @method(function_proto, "call", 1)
    def _call(this: JSValue, args: Args) -> JSValue:
        return call(callback(this, "call"), arg(args, 0), list(args[1:]))

    @method(function_proto, "apply", 2)
    def _apply(this: JSValue, args: Args) -> JSValue:
        a = arg(args, 1)
        lst = [] if a is None or a is NULL else list_of(a)
        return call(callback(this, "apply"), arg(args, 0), lst)

    @method(function_proto, "bind", 1)
    def _bind(this: JSValue, args: Args) -> JSValue:
        target = callback(this, "bind")
        bound_this = arg(args, 0)
        pre = list(args[1:])

        def bound(_this: JSValue, a: Args) -> JSValue:
            return call(target, bound_this, pre + a)

        def bound_new(_this: JSValue, a: Args) -> JSValue:
            return rt.construct(target, pre + a)
        name = get(target, "name")
        length = get(target, "length")  # (the target's, less the arguments bound: node's)
        n = max(0, int(length) - len(pre)) \
            if type(length) in (int, float) and math.isfinite(length) else 0
        f = native(f"bound {to_string(name)}", bound, n, bound_new)
        f.put(rt.BOUND_TARGET, target)  # (instanceof asks the target)
        return f

    @method(function_proto, "toString", 0)
    def _fntostring(this: JSValue, args: Args) -> JSValue:
        if type(this) is JSFunction:
            text = rt.function_text(this.code)
            if text is None:
                raise throw("TypeError", FN_TEXT_UNKNOWN)
            return text
        if type(this) is not NativeFunction:
            raise throw("TypeError", "Function.prototype.toString requires that 'this' be "
                                     "a Function")
        return f"function {to_string(get(this, 'name'))}() {{ [native code] }}"

    # -- Array ----------------------------------------------------------------------------------
    def array_ctor(this: JSValue, args: Args) -> JSValue:
        if len(args) == 1 and type(args[0]) in (int, float):
            n = args[0]
            if (type(n) is float and not n.is_integer()) or not 0 <= n <= 0xFFFFFFFF:
                raise throw("RangeError", "Invalid array length")
            if n > rt.MAX_DENSE_GAP * 16:
                raise throw("RangeError", f"array length {int(n)} is too large for a64js")
            return new_array([HOLE] * int(n))
        return new_array(list(args))
    arr_ctor = native("Array", array_ctor, 1, array_ctor)
    arr_ctor.put("prototype", R.array_proto)
    R.array_proto.put("constructor", arr_ctor)
    g["Array"] = arr_ctor
    ap = R.array_proto

    @method(arr_ctor, "isArray", 1)
    def _isarray(this: JSValue, args: Args) -> JSValue:
        v = arg(args, 0)
        return type(v) is JSArray and v.cls != ARRAY_ITERATOR and v.cls != ARGUMENTS

    @method(arr_ctor, "of", 0)
    def _of(this: JSValue, args: Args) -> JSValue:
        return new_array(list(args))

    @method(arr_ctor, "from", 1)
    def _from(this: JSValue, args: Args) -> JSValue:
        src = arg(args, 0)
        fn = arg(args, 1)
        if type(src) is str:
            items: list[JSValue] = list(string_items(src))
        elif type(src) is JSArray and src.cls == ARRAY_ITERATOR:  # (taken: it is done)
            items = [None if x is HOLE else x for x in src.elems]
            src.elems = []
        elif isinstance(src, JSObject):  # an array or an array-like
            items = list_of(src)
        elif src is None or src is NULL:
            raise throw("TypeError", rt.no_iterator_message(
                "undefined" if src is None else "object null"))
        else:
            items = []
        if fn is not None:
            callback(fn, "from")
            items = [call(fn, None, [v, i]) for i, v in enumerate(items)]
        return new_array(items)

    @method(ap, "push", 1)
    def _push(this: JSValue, args: Args) -> JSValue:
        a = this_array(this, "push")
        a.elems.extend(args)
        return len(a.elems)

    @method(ap, "pop", 0)
    def _pop(this: JSValue, args: Args) -> JSValue:
        el = this_array(this, "pop").elems
        if not el:
            return None
        v = el.pop()
        return None if v is HOLE else v

    @method(ap, "shift", 0)
    def _shift(this: JSValue, args: Args) -> JSValue:
        el = this_array(this, "shift").elems
        if not el:
            return None
        v = el.pop(0)
        return None if v is HOLE else v

    @method(ap, "unshift", 1)
    def _unshift(this: JSValue, args: Args) -> JSValue:
        el = this_array(this, "unshift").elems
        el[0:0] = args
        return len(el)

    @method(ap, "fill", 1)
    def _fill(this: JSValue, args: Args) -> JSValue:
        a = this_array(this, "fill")
        n = len(a.elems)
        s = rel_index(arg(args, 1), n, 0)
        e = rel_index(arg(args, 2), n, n)
        if e > s:
            a.elems[s:e] = [arg(args, 0)] * (e - s)
        return a

    @method(ap, "copyWithin", 2)
    def _copywithin(this: JSValue, args: Args) -> JSValue:
        a = this_array(this, "copyWithin")
        el = a.elems
        to, frm, count = copy_within_range(len(el), [to_integer(v) if v is not None else None
                                                     for v in args[:3]])
        if count > 0:
            el[to:to + count] = el[frm:frm + count]
        return a

    @method(ap, "slice", 2)
    def _slice(this: JSValue, args: Args) -> JSValue:
        el = this_array(this, "slice").elems
        n = len(el)
        s = rel_index(arg(args, 0), n, 0)
        e = rel_index(arg(args, 1), n, n)
        return new_array(el[s:e])

    @method(ap, "splice", 2)
    def _splice(this: JSValue, args: Args) -> JSValue:
        el = this_array(this, "splice").elems
        n = len(el)
        s = rel_index(arg(args, 0), n, 0)
        if not args:  # (splice(): nothing removed)
            dc = 0
        elif len(args) < 2:
            dc = n - s
        else:
            dc = int(min(max(to_integer(args[1]), 0), n - s))
        removed = el[s:s + dc]
        el[s:s + dc] = args[2:]
        return new_array(removed)

    @method(ap, "concat", 1)
    def _concat(this: JSValue, args: Args) -> JSValue:
        res = list(this_array(this, "concat").elems)
        for v in args:
            if type(v) is JSArray and v.cls != ARGUMENTS and v.cls != ARRAY_ITERATOR:
                res.extend(v.elems)
            else:
                res.append(v)
        return new_array(res)

    def _search(el: list[JSValue], v: JSValue, start: int) -> int:
        for i in range(start, len(el)):
            if rt.strict_eq(el[i], v):
                return i
        return -1

    @method(ap, "indexOf", 1)
    def _indexof(this: JSValue, args: Args) -> JSValue:
        el = this_array(this, "indexOf").elems
        return _search(el, arg(args, 0), rel_index(arg(args, 1), len(el), 0))

    @method(ap, "lastIndexOf", 1)
    def _lastindexof(this: JSValue, args: Args) -> JSValue:
        el = this_array(this, "lastIndexOf").elems
        v = arg(args, 0)
        for i in range(last_index_from(len(el), to_number(args[1]) if len(args) > 1 else None),
                       -1, -1):
            if rt.strict_eq(el[i], v):
                return i
        return -1

    @method(ap, "includes", 1)
    def _includes(this: JSValue, args: Args) -> JSValue:
        el = this_array(this, "includes").elems
        el = el[rel_index(arg(args, 1), len(el), 0):]
        v = arg(args, 0)
        if type(v) is float and v != v:
            return any(type(x) is float and x != x for x in el)
        return _search([None if x is HOLE else x for x in el], v, 0) >= 0

    def _iter(name: str) -> Callable[[JSValue, Args], tuple[JSArray, JSValue, JSValue]]:
        def prep(this: JSValue, args: Args) -> tuple[JSArray, JSValue, JSValue]:
            return this_array(this, name), callback(arg(args, 0), name), arg(args, 1)
        return prep

    def _live(a: JSArray, i: int) -> JSValue:
        """Element ``i`` as a callback loop reads it at each step (HOLE when absent): the
        loops visit the indexes below the length at the start and see the callbacks'
        writes, pushes and truncations, as node's."""
        el = a.elems
        return el[i] if i < len(el) else HOLE

    @method(ap, "forEach", 1)
    def _foreach(this: JSValue, args: Args) -> JSValue:
        a, f, t = _iter("forEach")(this, args)
        for i in range(len(a.elems)):
            v = _live(a, i)
            if v is not HOLE:
                call(f, t, [v, i, a])
        return None

    @method(ap, "map", 1)
    def _map(this: JSValue, args: Args) -> JSValue:
        a, f, t = _iter("map")(this, args)
        el = a.elems
        res: list[JSValue] = [HOLE] * len(el)
        for i in range(len(el)):
            if i < len(el) and el[i] is not HOLE:
                res[i] = call(f, t, [el[i], i, a])
        return new_array(res)

    @method(ap, "filter", 1)
    def _filter(this: JSValue, args: Args) -> JSValue:
        a, f, t = _iter("filter")(this, args)
        el = a.elems
        res = []
        for i in range(len(el)):
            if i < len(el) and el[i] is not HOLE:
                v = el[i]
                if to_boolean(call(f, t, [v, i, a])):
                    res.append(v)
        return new_array(res)

    def _reduce(this: JSValue, args: Args, rev: bool) -> JSValue:
        a = this_array(this, "reduce")
        f = callback(arg(args, 0), "reduce")
        n = len(a.elems)
        idx = iter(range(n - 1, -1, -1) if rev else range(n))
        if len(args) >= 2:
            acc = args[1]
        else:
            for i in idx:
                acc = a.elems[i]
                if acc is not HOLE:
                    break
            else:
                raise throw("TypeError", "Reduce of empty array with no initial value")
        for i in idx:
            v = _live(a, i)
            if v is not HOLE:
                acc = call(f, None, [acc, v, i, a])
        return acc

    ap.put("reduce", native("reduce", lambda t, a: _reduce(t, a, False), 1))
    ap.put("reduceRight", native("reduceRight", lambda t, a: _reduce(t, a, True), 1))

    @method(ap, "some", 1)
    def _some(this: JSValue, args: Args) -> JSValue:
        a, f, t = _iter("some")(this, args)
        for i in range(len(a.elems)):
            v = _live(a, i)
            if v is not HOLE and to_boolean(call(f, t, [v, i, a])):
                return True
        return False

    @method(ap, "every", 1)
    def _every(this: JSValue, args: Args) -> JSValue:
        a, f, t = _iter("every")(this, args)
        for i in range(len(a.elems)):
            v = _live(a, i)
            if v is not HOLE and not to_boolean(call(f, t, [v, i, a])):
                return False
        return True

    @method(ap, "find", 1)
    def _find(this: JSValue, args: Args) -> JSValue:
        a, f, t = _iter("find")(this, args)
        for i in range(len(a.elems)):
            v = _live(a, i)
            v = None if v is HOLE else v
            if to_boolean(call(f, t, [v, i, a])):
                return v
        return None

    @method(ap, "findIndex", 1)
    def _findindex(this: JSValue, args: Args) -> JSValue:
        a, f, t = _iter("findIndex")(this, args)
        for i in range(len(a.elems)):
            v = _live(a, i)
            v = None if v is HOLE else v
            if to_boolean(call(f, t, [v, i, a])):
                return i
        return -1

    def find_last(name: str, index: bool) -> Fn:
        def f(this: JSValue, args: Args) -> JSValue:
            a, fn, t = _iter(name)(this, args)
            for i in range(len(a.elems) - 1, -1, -1):  # (the length at the start)
                v = a.elems[i] if i < len(a.elems) else None
                v = None if v is HOLE else v
                if to_boolean(call(fn, t, [v, i, a])):
                    return i if index else v
            return -1 if index else None
        return f
    ap.put("findLast", native("findLast", find_last("findLast", False), 1))
    ap.put("findLastIndex", native("findLastIndex", find_last("findLastIndex", True), 1))

    @method(ap, "flatMap", 1)
    def _flatmap(this: JSValue, args: Args) -> JSValue:
        if not is_callable(arg(args, 0)):
            raise throw("TypeError", "flatMap mapper function is not callable")
        a, f, t = _iter("flatMap")(this, args)
        out: list[JSValue] = []
        for i in range(len(a.elems)):
            v = _live(a, i)
            if v is HOLE:
                continue
            r = call(f, t, [v, i, a])
            if type(r) is JSArray:  # one level, holes skipped
                out.extend(x for x in r.elems if x is not HOLE)
            else:
                out.append(r)
        return new_array(out)

    @method(ap, "join", 1)
    def _join(this: JSValue, args: Args) -> JSValue:
        return join(this_array(this, "join"), arg(args, 0))

    @method(ap, "toString", 0)
    def _arrtostring(this: JSValue, args: Args) -> JSValue:
        if type(this) is not JSArray:
            return "[object Object]"
        if this.cls == ARGUMENTS:  # (node's inherits Object.prototype's)
            return "[object Arguments]"
        return join(this, None)

    @method(ap, "reverse", 0)
    def _reverse(this: JSValue, args: Args) -> JSValue:
        this_array(this, "reverse").elems.reverse()
        return this

    @method(ap, "sort", 1)
    def _sort(this: JSValue, args: Args) -> JSValue:
        a = this_array(this, "sort")
        cmpf = arg(args, 0)
        if cmpf is not None and not is_callable(cmpf):
            raise throw("TypeError", "The comparison function must be either a function "
                                     "or undefined")
        vals = [v for v in a.elems if v is not HOLE and v is not None]
        nundef = sum(1 for v in a.elems if v is None)
        nholes = len(a.elems) - len(vals) - nundef
        if cmpf is None:  # (each comparison converts both, as node's: an element's
            def str_cmp(x: JSValue, y: JSValue) -> int:  # toString runs that often,
                a, b = to_string(x), to_string(y)  # and not at all when alone)
                return -1 if a < b else (1 if a > b else 0)
            if all(type(v) is str for v in vals):
                vals.sort()  # (the common case, in one pass: the same order)
            else:
                vals.sort(key=functools.cmp_to_key(str_cmp))
        else:
            def cmp(x: JSValue, y: JSValue) -> int:
                r = to_number(call(cmpf, None, [x, y]))
                return -1 if r < 0 else (1 if r > 0 else 0)
            vals.sort(key=functools.cmp_to_key(cmp))
        a.elems[:] = vals + [None] * nundef + [HOLE] * nholes
        return a

    def dense(this: JSValue, name: str) -> list[JSValue]:
        """The elements of array ``this`` (``name``'s receiver), holes read as undefined:
        what the copying methods (toSorted, toReversed, toSpliced, with) start from."""
        return [None if v is HOLE else v for v in this_array(this, name).elems]

    @method(ap, "toSorted", 1)
    def _tosorted(this: JSValue, args: Args) -> JSValue:
        return _sort(new_array(dense(this, "toSorted")), args)

    @method(ap, "toReversed", 0)
    def _toreversed(this: JSValue, args: Args) -> JSValue:
        return new_array(dense(this, "toReversed")[::-1])

    @method(ap, "toSpliced", 2)
    def _tospliced(this: JSValue, args: Args) -> JSValue:
        a = new_array(dense(this, "toSpliced"))
        _splice(a, args)
        return a

    @method(ap, "with", 2)
    def _with(this: JSValue, args: Args) -> JSValue:
        el = dense(this, "with")
        given = arg(args, 0)
        x = to_integer(given)
        i = x + len(el) if x < 0 else x
        if not 0 <= i < len(el):  # (node names the argument as given: ' 12 ', 1e3)
            what = given if not isinstance(given, JSObject) else \
                "[object Array]" if type(given) is JSArray else rt.to_display(given)
            raise throw("RangeError", f"Invalid index : {to_string(what)}")
        el[int(i)] = arg(args, 1)
        return new_array(el)

    @method(ap, "toLocaleString", 0)
    def _atolocale(this: JSValue, args: Args) -> JSValue:
        # each element's toLocaleString(locales, options), joined by commas (ECMA-402)
        el = this_array(this, "toLocaleString").elems
        if id(this) in _JOINING:
            return ""  # (an array met again inside itself, as join)
        _JOINING.add(id(this))
        try:
            parts = []
            for v in el:
                if v is HOLE or v is None or v is NULL:
                    parts.append("")
                else:
                    f = get(v, "toLocaleString")
                    if not is_callable(f):
                        raise throw("TypeError", f"{rt.to_display(f)} is not a function")
                    parts.append(to_string(call(f, v, list(args[:2]))))
            return ",".join(parts)
        finally:
            _JOINING.discard(id(this))

    # keys/values/entries: node's Array Iterator objects. Here an iterator is an array of
    # the values still to come (taken when it is made) whose prototype has next(): for...of,
    # spread, destructuring and Array.from iterate it as they iterate an array (both VMs and
    # the JIT unchanged); next() takes its first value; console.log names it as node does
    iter_proto = JSObject(object_proto)

    def _iter_next(this: JSValue, args: Args) -> JSValue:
        if type(this) is not JSArray or this.cls != ARRAY_ITERATOR:
            raise throw("TypeError", "Method Array Iterator.prototype.next called on "
                        "incompatible receiver " + ("[object Array]" if type(this) is JSArray
                                                    else rt.to_display(this)))
        res = JSObject(object_proto)
        if this.elems:
            v = this.elems.pop(0)
            res.put("value", None if v is HOLE else v)
            res.put("done", False)
        else:
            res.put("value", None)
            res.put("done", True)
        return res
    iter_proto.put("next", native("next", _iter_next, 0))
    rt.hide_key(iter_proto, "next")

    def array_iterator(values: list[JSValue]) -> JSArray:
        it = JSArray(iter_proto, values)
        it.cls = ARRAY_ITERATOR
        return it

    @method(ap, "keys", 0)
    def _akeys(this: JSValue, args: Args) -> JSValue:
        return array_iterator(list(range(len(this_array(this, "keys").elems))))

    @method(ap, "values", 0)
    def _avalues(this: JSValue, args: Args) -> JSValue:
        return array_iterator([None if v is HOLE else v
                               for v in this_array(this, "values").elems])

    @method(ap, "entries", 0)
    def _aentries(this: JSValue, args: Args) -> JSValue:
        el = this_array(this, "entries").elems
        return array_iterator([new_array([i, None if v is HOLE else v])
                               for i, v in enumerate(el)])

    @method(ap, "flat", 0)
    def _flat(this: JSValue, args: Args) -> JSValue:
        depth = 1 if arg(args, 0) is None else to_integer(arg(args, 0))

        def fl(el: list[JSValue], d: float) -> list[JSValue]:
            out: list[JSValue] = []
            for v in el:
                if v is HOLE:
                    continue
                if type(v) is JSArray and d >= 1:
                    out.extend(fl(v.elems, d - 1))
                else:
                    out.append(v)
            return out
        return new_array(fl(this_array(this, "flat").elems, depth))

    @method(ap, "at", 1)
    def _at(this: JSValue, args: Args) -> JSValue:
        el = this_array(this, "at").elems
        i = to_integer(arg(args, 0))  # an infinity: past either end
        if i < 0:
            i += len(el)
        if 0 <= i < len(el):
            v = el[int(i)]
            return None if v is HOLE else v
        return None

    # -- String --------------------------------------------------------------------------------
    def string_fn(this: JSValue, args: Args) -> JSValue:
        return to_string(args[0]) if args else ""
    str_ctor = native("String", string_fn, 1, no_wrapper("String"))
    str_ctor.put("prototype", R.string_proto)
    R.string_proto.put("constructor", str_ctor)
    g["String"] = str_ctor
    sp = R.string_proto

    @method(str_ctor, "fromCharCode", 1)
    def _fromcharcode(this: JSValue, args: Args) -> JSValue:
        return "".join(chr(to_uint32(v) & 0xFFFF) for v in args)

    @method(str_ctor, "fromCodePoint", 1)
    def _fromcodepoint(this: JSValue, args: Args) -> JSValue:
        out = []
        for v in args:
            c = rt.to_numeric(v)
            if c != c or math.isinf(c) or c != int(c) or not 0 <= c <= 0x10FFFF:
                raise throw("RangeError", f"Invalid code point {number_to_string(c)}")
            out.append(chr(int(c)))
        return js_str("".join(out))

    @method(str_ctor, "raw", 1)
    def _raw(this: JSValue, args: Args) -> JSValue:
        return string_raw(arg(args, 0), args[1:], get, to_string)

    def this_str(this: JSValue, name: str) -> str:
        if type(this) is str:
            return this
        if this is None or this is NULL:
            raise throw("TypeError", f"String.prototype.{name} called on null or undefined")
        return to_string(this)

    @method(sp, "localeCompare", 1)
    def _localecompare(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "localeCompare")
        other = to_string(arg(args, 0))
        opts = arg(args, 2)
        if opts is NULL:  # (node's words for null options)
            raise throw("TypeError", "String.prototype.localeCompare called on null or "
                        "undefined")

        def read(name: str) -> JSValue:
            return get(opts, name) if isinstance(opts, JSObject) else None
        return locale_compare_with(s, other, arg(args, 1), opts is not None, read)

    @method(sp, "charAt", 1)
    def _charat(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "charAt")
        i = str_index(s, arg(args, 0))
        return s[i] if 0 <= i < len(s) else ""

    @method(sp, "charCodeAt", 1)
    def _charcodeat(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "charCodeAt")
        i = str_index(s, arg(args, 0))
        return ord(s[i]) if 0 <= i < len(s) else math.nan

    @method(sp, "codePointAt", 1)
    def _codepointat(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "codePointAt")
        i = str_index(s, arg(args, 0))
        if not 0 <= i < len(s):
            return None
        c = ord(s[i])  # a lead surrogate and a trail after it: their code point
        d = ord(s[i + 1]) if 0xD800 <= c < 0xDC00 and i + 1 < len(s) else 0
        return 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00) if 0xDC00 <= d < 0xE000 else c

    @method(sp, "at", 1)
    def _sat(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "at")
        i = str_index(s, arg(args, 0))
        if i < 0:
            i += len(s)
        return s[i] if 0 <= i < len(s) else None

    @method(sp, "substring", 2)
    def _substring(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "substring")
        n = len(s)
        a = int(min(max(to_integer(arg(args, 0)), 0), n))
        b = n if arg(args, 1) is None else int(min(max(to_integer(args[1]), 0), n))
        if a > b:
            a, b = b, a
        return s[a:b]

    @method(sp, "substr", 2)
    def _substr(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "substr")
        n = len(s)
        a = rel_index(arg(args, 0), n, 0)
        ln = n - a if arg(args, 1) is None else int(min(max(to_integer(args[1]), 0), n - a))
        return s[a:a + ln]

    @method(sp, "slice", 2)
    def _sslice(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "slice")
        n = len(s)
        return s[rel_index(arg(args, 0), n, 0):rel_index(arg(args, 1), n, n)]

    @method(sp, "indexOf", 1)
    def _sindexof(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "indexOf")
        start = int(min(max(to_integer(arg(args, 1)), 0), len(s)))
        return s.find(to_string(arg(args, 0)), start)

    def _regexp_method(name: str) -> None:
        # (node makes a RegExp of the argument: outside the subset, a clear error rather
        # than "is not a function")
        def fn(this: JSValue, args: Args) -> JSValue:
            this_str(this, name)
            raise throw("TypeError", f"String.prototype.{name} (a regular expression "
                                     f"match) is not supported by a64js")
        sp.put(name, native(name, fn, 1))
    _regexp_method("match")
    _regexp_method("matchAll")

    @method(sp, "search", 1)
    def _ssearch(this: JSValue, args: Args) -> JSValue:
        # node makes a RegExp of the argument: a plain text (no pattern character) finds
        # itself, undefined the empty pattern; a pattern needs regular expressions
        s = this_str(this, "search")
        pat = arg(args, 0)
        text = "" if pat is None else to_string(pat)
        if any(c in SEARCH_PATTERN for c in text):
            raise throw("TypeError", f"String.prototype.search with the pattern "
                                     f"{quote(text)} (a regular expression) is not "
                                     f"supported by a64js")
        return s.find(text)

    @method(sp, "lastIndexOf", 1)
    def _slastindexof(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "lastIndexOf")
        sub = to_string(arg(args, 0))
        pos = to_number(arg(args, 1))  # NaN (no position): from the end
        start = len(s) if pos != pos else min(max(str_index(s, pos), 0), len(s))
        return s.rfind(sub, 0, start + len(sub))

    @method(sp, "includes", 1)
    def _sincludes(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "includes")
        sub = to_string(arg(args, 0))
        return s.find(sub, min(max(str_index(s, arg(args, 1)), 0), len(s))) >= 0

    @method(sp, "startsWith", 1)
    def _startswith(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "startsWith")
        start = min(max(str_index(s, arg(args, 1)), 0), len(s))  # clamped, as the spec
        return s.startswith(to_string(arg(args, 0)), start)

    @method(sp, "endsWith", 1)
    def _endswith(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "endsWith")
        end = arg(args, 1)
        stop = len(s) if end is None else min(max(str_index(s, end), 0), len(s))
        return s.endswith(to_string(arg(args, 0)), 0, stop)

    @method(sp, "split", 2)
    def _split(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "split")
        sep = arg(args, 0)
        if sep is None:
            return new_array([s])
        sep = to_string(sep)
        if sep == "":
            parts: list[JSValue] = list(s)
        else:
            parts = list(s.split(sep))
        lim = arg(args, 1)
        if lim is not None:
            parts = parts[:to_uint32(lim)]
        return new_array(parts)

    ws = JS_SPACE
    sp.put("trim", native("trim", lambda t, a: this_str(t, "trim").strip(ws)))
    sp.put("trimStart", native("trimStart", lambda t, a: this_str(t, "trimStart").lstrip(ws)))
    sp.put("trimEnd", native("trimEnd", lambda t, a: this_str(t, "trimEnd").rstrip(ws)))
    sp.put("toUpperCase", native("toUpperCase", lambda t, a: this_str(t, "x").upper()))
    sp.put("toLowerCase", native("toLowerCase", lambda t, a: this_str(t, "x").lower()))
    sp.put("trimLeft", sp.get_own("trimStart"))  # (node's aliases: the same functions)
    sp.put("trimRight", sp.get_own("trimEnd"))

    def locale_case(upper: bool) -> Fn:
        def fn(this: JSValue, args: Args) -> JSValue:
            s = this_str(this, "toLocaleUpperCase" if upper else "toLocaleLowerCase")
            loc = arg(args, 0)
            if loc is not None and not (type(loc) is str and loc.lower().split("-")[0] == "en"):
                raise throw("TypeError", f"String.prototype.toLocale{'Upper' if upper else 'Lower'}"
                            f"Case for the locale {rt.to_display(loc)} is not supported by "
                            "a64js (only node's default, en-US)")
            return s.upper() if upper else s.lower()
        return fn
    sp.put("toLocaleUpperCase", native("toLocaleUpperCase", locale_case(True)))
    sp.put("toLocaleLowerCase", native("toLocaleLowerCase", locale_case(False)))
    sp.put("toString", native("toString", lambda t, a: this_str(t, "toString")))

    def lone_surrogates(s: str) -> list[int]:
        """The positions of the lone surrogates among ``s``'s UTF-16 units."""
        out: list[int] = []
        i = 0
        while i < len(s):
            c = ord(s[i])
            if 0xD800 <= c <= 0xDBFF and i + 1 < len(s) and 0xDC00 <= ord(s[i + 1]) <= 0xDFFF:
                i += 2
                continue
            if 0xD800 <= c <= 0xDFFF:
                out.append(i)
            i += 1
        return out

    @method(sp, "isWellFormed", 0)
    def _well_formed(this: JSValue, args: Args) -> JSValue:
        return not lone_surrogates(this_str(this, "isWellFormed"))

    @method(sp, "toWellFormed", 0)
    def _to_well_formed(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "toWellFormed")
        units = list(s)
        for i in lone_surrogates(s):
            units[i] = "\ufffd"
        return "".join(units)

    @method(sp, "normalize", 0)
    def _normalize(this: JSValue, args: Args) -> JSValue:
        s = this_str(this, "normalize")
        form = "NFC" if arg(args, 0) is None else to_string(arg(args, 0))
        return normalize_string(s, form)
    sp.put("valueOf", native("valueOf", lambda t, a: this_str(t, "valueOf")))

    @method(sp, "repeat", 1)
    def _repeat(this: JSValue, args: Args) -> JSValue:
        n = to_integer(arg(args, 0))
        if n < 0 or math.isinf(n):
            raise throw("RangeError", f"Invalid count value: {to_string(arg(args, 0))}")
        s = this_str(this, "repeat")
        if s and n * len(s) > MAX_STRING_LENGTH:  # (node's limit, not the host's memory)
            raise throw("RangeError", "Invalid string length")
        return s * int(n)

    def _pad(this: JSValue, args: Args, start: bool) -> JSValue:
        s = this_str(this, "padStart")
        n = to_integer(arg(args, 0))
        fill = " " if arg(args, 1) is None else to_string(args[1])
        if n <= len(s) or not fill:
            return s
        if n > MAX_STRING_LENGTH:
            raise throw("RangeError", "Invalid string length")
        n = int(n)
        k = n - len(s)
        pad = (fill * (k // len(fill) + 1))[:k]
        return pad + s if start else s + pad
    sp.put("padStart", native("padStart", lambda t, a: _pad(t, a, True), 1))
    sp.put("padEnd", native("padEnd", lambda t, a: _pad(t, a, False), 1))

    @method(sp, "concat", 1)
    def _sconcat(this: JSValue, args: Args) -> JSValue:
        return this_str(this, "concat") + "".join(to_string(v) for v in args)

    def _replace(this: JSValue, args: Args, all_: bool) -> JSValue:
        s = this_str(this, "replace")
        pat = to_string(arg(args, 0))
        rep = arg(args, 1)
        text = None if is_callable(rep) else to_string(rep)  # converted once
        out: list[str] = []
        i = 0
        while True:
            j = s.find(pat, i)
            if j < 0 or (not all_ and out):
                break
            out.append(s[i:j])
            if text is None:
                out.append(to_string(call(rep, None, [pat, j, s])))
            else:
                out.append(substitution(text, s, j, pat))
            i = j + len(pat)
            if not pat:
                if j < len(s):
                    out.append(s[j])
                i = j + 1
                if i > len(s):
                    break
            if not all_:
                break
        out.append(s[i:])
        return "".join(out)
    sp.put("replace", native("replace", lambda t, a: _replace(t, a, False), 2))
    sp.put("replaceAll", native("replaceAll", lambda t, a: _replace(t, a, True), 2))

    # -- Number / Boolean ---------------------------------------------------------------
    def number_fn(this: JSValue, args: Args) -> JSValue:
        return to_number(args[0]) if args else 0
    num_ctor = native("Number", number_fn, 1, no_wrapper("Number"))
    num_ctor.put("prototype", R.number_proto)
    R.number_proto.put("constructor", num_ctor)
    g["Number"] = num_ctor
    np_ = R.number_proto
    for k, v in (("MAX_SAFE_INTEGER", 9007199254740991), ("MIN_SAFE_INTEGER",
                 -9007199254740991), ("EPSILON", 2.0 ** -52),
                 ("MAX_VALUE", sys.float_info.max), ("MIN_VALUE", 5e-324),
                 ("POSITIVE_INFINITY", math.inf), ("NEGATIVE_INFINITY", -math.inf),
                 ("NaN", math.nan)):
        num_ctor.put(k, v)
    num_ctor.put(FIXED, "\x00".join(num_ctor.own_keys()))  # constants: delete keeps them

    def is_int(v: JSValue) -> bool:
        return type(v) is int or (type(v) is float and v.is_integer())

    num_ctor.put("isInteger", native("isInteger", lambda t, a: is_int(arg(a, 0)), 1))
    num_ctor.put("isSafeInteger", native("isSafeInteger", lambda t, a: is_int(arg(a, 0))
                                         and abs(arg(a, 0)) <= 9007199254740991, 1))
    num_ctor.put("isFinite", native("isFinite", lambda t, a: type(arg(a, 0)) in (int, float)
                                    and math.isfinite(arg(a, 0)), 1))
    num_ctor.put("isNaN", native("isNaN", lambda t, a: type(arg(a, 0)) is float
                                 and arg(a, 0) != arg(a, 0), 1))

    def this_num(this: JSValue) -> int | float:
        if type(this) in (int, float):
            return this  # type: ignore[no-any-return]
        raise throw("TypeError", "Number.prototype method called on a non-number")

    @method(np_, "toString", 1)
    def _ntostring(this: JSValue, args: Args) -> JSValue:
        x = this_num(this)
        radix = arg(args, 0)
        if radix is None or to_integer(radix) == 10:
            return number_to_string(x)
        r = to_integer(radix)
        if not 2 <= r <= 36:
            raise throw("RangeError", "toString() radix argument must be between 2 and 36")
        return radix_string(x, int(r))

    @method(np_, "toLocaleString", 0)
    def _ntolocale(this: JSValue, args: Args) -> JSValue:
        x = this_num(this)
        opts = arg(args, 1)
        if opts is NULL:  # (node's message for ToObject(null) of the options)
            raise throw("TypeError", "Number.prototype.toLocaleString called on null or "
                                     "undefined")
        return locale_format(x, arg(args, 0), opts is not None,
                             lambda name: get(opts, name) if isinstance(opts, JSObject)
                             else None)

    @method(np_, "toFixed", 1)
    def _tofixed(this: JSValue, args: Args) -> JSValue:
        x = this_num(this)
        d = to_integer(arg(args, 0))
        if not 0 <= d <= 100:
            raise throw("RangeError", "toFixed() digits argument must be between 0 and 100")
        d = int(d)
        if x != x:
            return "NaN"
        if abs(x) >= 1e21 or math.isinf(x):
            return number_to_string(x)
        from decimal import ROUND_HALF_UP, Decimal, localcontext  # (on first use: _LAZY)
        with localcontext() as ctx:
            ctx.prec = 400  # 100 places of a number below 1e21 (28 digits would not do)
            q = Decimal(x).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)
        s = f"{q:f}"
        if s.startswith("-") and float(q) == 0 and not x < 0:
            s = s[1:]
        if s.startswith("-") and all(c in "0." for c in s[1:]):
            s = s if x < 0 and Decimal(x) != 0 else s[1:]
        return s

    @method(np_, "toPrecision", 1)
    def _toprecision(this: JSValue, args: Args) -> JSValue:
        x = this_num(this)
        if arg(args, 0) is None:
            return number_to_string(x)
        p = to_integer(args[0])
        if x != x or math.isinf(x):
            return number_to_string(x)
        if not 1 <= p <= 100:
            raise throw("RangeError", "toPrecision() argument must be between 1 and 100")
        p = int(p)
        if x == 0:
            return "0" + ("." + "0" * (p - 1) if p > 1 else "")
        from decimal import ROUND_HALF_UP, Decimal, localcontext  # (on first use: _LAZY)
        e = Decimal(x).adjusted()  # exact (log10 rounds: 1e-7's double is below 1e-7)
        with localcontext() as ctx:
            ctx.prec = 400  # 100 significant digits (28 would not do)
            q = Decimal(x).scaleb(-e).quantize(Decimal(1).scaleb(-(p - 1)),
                                               rounding=ROUND_HALF_UP)
            if abs(q) >= 10:
                e += 1
                q = Decimal(x).scaleb(-e).quantize(Decimal(1).scaleb(-(p - 1)),
                                                   rounding=ROUND_HALF_UP)
            if e < -6 or e >= p:
                m = f"{q:f}"
                return f"{m}e{'+' if e >= 0 else '-'}{abs(e)}"
            v = Decimal(x).quantize(Decimal(1).scaleb(-(p - 1 - e)), rounding=ROUND_HALF_UP)
            return f"{v:f}"

    @method(np_, "toExponential", 1)
    def _toexponential(this: JSValue, args: Args) -> JSValue:
        x = this_num(this)
        f = None if arg(args, 0) is None else to_integer(args[0])
        if x != x or math.isinf(x):
            return number_to_string(x)
        if f is not None and not 0 <= f <= 100:
            raise throw("RangeError", "toExponential() argument must be between 0 and 100")
        return to_exponential(x, None if f is None else int(f))

    np_.put("valueOf", native("valueOf", lambda t, a: this_num(t)))

    def boolean_fn(this: JSValue, args: Args) -> JSValue:
        return to_boolean(arg(args, 0))
    bool_ctor = native("Boolean", boolean_fn, 1, no_wrapper("Boolean"))
    bool_ctor.put("prototype", R.boolean_proto)
    R.boolean_proto.put("constructor", bool_ctor)
    R.boolean_proto.put("toString", native("toString", lambda t, a: to_string(t)))
    g["Boolean"] = bool_ctor

    # -- globals -----------------------------------------------------------------------------
    def _mark_arguments(this: JSValue, args: Args) -> JSValue:
        a = arg(args, 0)
        if type(a) is JSArray:  # (here its prototype is node's too: the heap VM's
            a.cls = ARGUMENTS  # stays Array.prototype, which its arrays cannot change)
            a.set_proto(object_proto)
        return a
    g[ARGUMENTS_MARK] = native("arguments", _mark_arguments, 1)
    g["NaN"] = math.nan
    g["Infinity"] = math.inf
    g["undefined"] = None

    def parse_int(this: JSValue, args: Args) -> JSValue:
        return js_parse_int(to_string(arg(args, 0)), to_int32(arg(args, 1)))
    g["parseInt"] = native("parseInt", parse_int, 2)
    num_ctor.put("parseInt", g["parseInt"])

    def parse_float(this: JSValue, args: Args) -> JSValue:
        return js_parse_float(to_string(arg(args, 0)))
    g["parseFloat"] = native("parseFloat", parse_float, 1)
    num_ctor.put("parseFloat", g["parseFloat"])

    def is_nan(this: JSValue, args: Args) -> JSValue:
        v = to_number(arg(args, 0))
        return v != v
    g["isNaN"] = native("isNaN", is_nan, 1)
    g["isFinite"] = native("isFinite", lambda t, a: math.isfinite(to_number(arg(a, 0))), 1)
    def uri(fn: Callable[[str, str], str], chars: str) -> Fn:
        return lambda t, a: fn(to_string(arg(a, 0)), chars)
    g["encodeURIComponent"] = native("encodeURIComponent", uri(uri_encode, _URI_MARKS), 1)
    g["encodeURI"] = native("encodeURI", uri(uri_encode, _URI_MARKS + _URI_RESERVED), 1)
    g["decodeURIComponent"] = native("decodeURIComponent", uri(uri_decode, ""), 1)
    g["decodeURI"] = native("decodeURI", uri(uri_decode, _URI_RESERVED), 1)

    # -- Math ------------------------------------------------------------------------------------
    m = JSObject(object_proto)
    g["Math"] = m
    R.constant_holders = (m, num_ctor)  # (their constants: runtime.read_only)
    m.cls = "Math"  # (console.log names it by its Symbol.toStringTag)

    def num1(fn: Callable[[float], Any]) -> Fn:
        def f(this: JSValue, args: Args) -> JSValue:
            x = to_number(arg(args, 0))
            try:
                r = fn(x)
            except (ValueError, OverflowError):
                return math.nan
            return r
        return f

    def m_floor(x: float) -> JSValue:
        if type(x) is int:
            return x
        if not math.isfinite(x) or x == 0:
            return x
        r = math.floor(x)
        return r if abs(r) <= 2**53 else float(r)

    def m_ceil(x: float) -> JSValue:
        if type(x) is int:
            return x
        if not math.isfinite(x) or x == 0:
            return x
        r = math.ceil(x)
        if r == 0 and x < 0:
            return -0.0
        return r if abs(r) <= 2**53 else float(r)

    def m_round(x: float) -> JSValue:
        if type(x) is int:
            return x
        if not math.isfinite(x) or x == 0:
            return x
        r = math.floor(x)
        if x - r >= 0.5:
            r += 1
        if r == 0 and x < 0:
            return -0.0
        return int(r) if abs(r) <= 2**53 else float(r)

    def m_trunc(x: float) -> JSValue:
        if type(x) is int:
            return x
        if not math.isfinite(x) or x == 0:
            return x
        r = math.trunc(x)
        if r == 0 and x < 0:
            return -0.0
        return r if abs(r) <= 2**53 else float(r)

    def m_abs(x: float) -> JSValue:
        return abs(x)

    def m_sqrt(x: float) -> JSValue:
        if x != x or x < 0:
            return math.nan
        if math.isinf(x):
            return x
        r = math.sqrt(x)
        return normalize(r) if type(x) is int else r

    def m_sign(x: float) -> JSValue:
        if x != x or x == 0:
            return x
        return 1 if x > 0 else -1

    def jm(fn: Callable[[float], float]) -> Callable[[float], Any]:
        """A jsmath function (node's double, bit for bit) as a Math method's body."""
        def f(x: float) -> Any:
            return normalize(fn(x))
        return f

    for name, fn in (("floor", m_floor), ("ceil", m_ceil), ("round", m_round),
                     ("trunc", m_trunc), ("abs", m_abs), ("sqrt", m_sqrt), ("sign", m_sign),
                     *((name, jm(getattr(jsmath, name))) for name in (
                         "sin", "cos", "tan", "asin", "acos", "atan", "tanh", "sinh", "cosh",
                         "exp", "log", "log2", "log10", "cbrt", "asinh", "acosh", "atanh"))):
        m.put(name, native(name, num1(fn), 1))

    def m_minmax(is_max: bool) -> Fn:
        def f(this: JSValue, args: Args) -> JSValue:
            best: JSValue = -math.inf if is_max else math.inf
            nan = False
            for v in args:
                x = to_number(v)
                if x != x:
                    nan = True
                    continue
                if is_max:
                    if x > best or (x == 0 and best == 0 and math.copysign(1, best) < 0):
                        best = x
                elif x < best or (x == 0 and best == 0 and math.copysign(1, x) < 0):
                    best = x
            return math.nan if nan else best
        return f
    m.put("max", native("max", m_minmax(True), 2))
    m.put("min", native("min", m_minmax(False), 2))
    m.put("pow", native("pow", lambda t, a: rt.power(arg(a, 0), arg(a, 1)), 2))

    def m_imul(this: JSValue, args: Args) -> JSValue:
        r = (to_uint32(rt.to_numeric(arg(args, 0))) * to_uint32(rt.to_numeric(arg(args, 1)))
             ) & 0xFFFFFFFF
        return r - 0x100000000 if r >= 0x80000000 else r
    m.put("imul", native("imul", m_imul, 2))

    def m_clz32(this: JSValue, args: Args) -> JSValue:
        return 32 - to_uint32(rt.to_numeric(arg(args, 0))).bit_length()
    m.put("clz32", native("clz32", m_clz32, 1))

    def m_fround(x: float) -> Any:
        import struct
        try:
            return normalize(struct.unpack("f", struct.pack("f", x))[0])
        except OverflowError:  # past float32's largest, by more than half its last step
            return math.copysign(math.inf, x)
    m.put("fround", native("fround", num1(m_fround), 1))
    m.put("log1p", native("log1p", num1(jm(jsmath.log1p)), 1))
    m.put("expm1", native("expm1", num1(jm(jsmath.expm1)), 1))

    def m_atan2(this: JSValue, args: Args) -> JSValue:
        return normalize(jsmath.atan2(to_number(arg(args, 0)), to_number(arg(args, 1))))
    m.put("atan2", native("atan2", m_atan2, 2))

    def m_hypot(this: JSValue, args: Args) -> JSValue:
        # node's algorithm, not libm's (Math.hypot(3, 3) is 4.242640687119286 there): each
        # scaled by the largest, the squares summed with Kahan's compensation
        xs = [abs(float(to_number(v))) for v in args]
        if math.inf in xs:
            return math.inf
        if any(x != x for x in xs):
            return math.nan
        big = max(xs, default=0.0)
        if big == 0:
            return 0
        total = comp = 0.0
        for x in xs:
            n = x / big
            summand = n * n - comp
            pre = total + summand
            comp = (pre - total) - summand
            total = pre
        return normalize(math.sqrt(total) * big)
    m.put("hypot", native("hypot", m_hypot, 2))
    rng: list[Any] = []  # made at the first Math.random() (see _LAZY)

    def m_random(this: JSValue, args: Args) -> JSValue:
        if not rng:
            import random
            rng.append(random.Random(0x5EED))
        return float(rng[0].random())
    m.put("random", native("random", m_random, 0))
    for k, v in (("PI", math.pi), ("E", math.e), ("LN2", math.log(2)),
                 ("LN10", math.log(10)), ("LOG2E", 1 / math.log(2)),
                 ("LOG10E", math.log10(math.e)), ("SQRT2", math.sqrt(2)),
                 ("SQRT1_2", math.sqrt(0.5))):
        m.put(k, v)
    m.put(FIXED, "PI\x00E\x00LN2\x00LN10\x00LOG2E\x00LOG10E\x00SQRT2\x00SQRT1_2")

    # -- Error --------------------------------------------------------------------------------
    R.error_ctors = {}
    error_proto = JSObject(object_proto)
    R.error_proto = error_proto

    def make_error_ctor(name: str, proto: JSObject, parent: JSObject | None) -> NativeFunction:
        def ctor(this: JSValue, args: Args) -> JSValue:
            e = this if isinstance(this, JSObject) else JSObject(proto)
            e.cls = "Error"
            msg = arg(args, 0)
            if msg is not None:
                e.put("message", to_string(msg))
            opts = arg(args, 1)
            if isinstance(opts, JSObject) and "cause" in opts.shape.index:
                e.put("cause", get(opts, "cause"))
                rt.hide_key(e, "cause")  # (not enumerable, as node's)
            return e
        f = native(name, lambda t, a: ctor(None, a), 1, ctor)
        f.cls = "ErrorCtor"
        if parent is not None:
            f.set_proto(parent)
        f.put("prototype", proto)
        proto.put("constructor", f)
        proto.put("name", name)
        proto.put("message", "")
        R.error_ctors[name] = f
        g[name] = f
        return f

    base_err = make_error_ctor("Error", error_proto, None)

    @method(error_proto, "toString", 0)
    def _errtostring(this: JSValue, args: Args) -> JSValue:
        if not isinstance(this, JSObject):
            raise throw("TypeError", "Error.prototype.toString requires that 'this' be an "
                        "Object")
        name_v, msg_v = get(this, "name"), get(this, "message")
        name = "Error" if name_v is None else to_string(name_v)
        msg = "" if msg_v is None else to_string(msg_v)
        if not msg:
            return name
        if not name:
            return msg
        return f"{name}: {msg}"

    # an error's stack is made when first read, as node formats it (from the name a
    # subclass's constructor set after super()), then kept as the error's own (hidden)
    # property, as a store to it is
    def _stack_getter(this: JSValue, args: Args) -> JSValue:
        # (Error.prototype.toString's text: not a class's own toString, as node's)
        text = f"{_errtostring(this, [])}\n    at <anonymous>"
        if isinstance(this, JSObject) and this is not error_proto:
            _stack_setter(this, [text])
        return text

    def _stack_setter(this: JSValue, args: Args) -> JSValue:
        if isinstance(this, JSObject):
            this.put("stack", arg(args, 0))
            rt.hide_key(this, "stack")
        return None
    error_proto.put_accessor("stack", native("stack", _stack_getter),
                             native("stack", _stack_setter, 1))
    for name in ("TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError",
                 "URIError"):
        make_error_ctor(name, JSObject(error_proto), base_err)

    # Error.captureStackTrace(obj): obj's own stack (not enumerable), its text as the
    # error's is made (no frames yet: the frame argument is not used)
    @method(base_err, "captureStackTrace", 2)
    def _capture(this: JSValue, args: Args) -> JSValue:
        o = arg(args, 0)
        if not isinstance(o, JSObject):
            raise throw("TypeError", "invalid_argument")  # (V8's words)
        _stack_setter(o, [f"{_errtostring(o, [])}\n    at <anonymous>"])
        return None

    # -- JSON ----------------------------------------------------------------------------------
    j = JSObject(object_proto)
    g["JSON"] = j
    j.cls = "JSON"
    j.put("stringify", native("stringify", lambda t, a: json_stringify(
        arg(a, 0), arg(a, 1), arg(a, 2)), 3))
    def _json_parse(this: JSValue, args: Args) -> JSValue:
        v = json_parse(to_string(arg(args, 0)))
        reviver = arg(args, 1)
        if not is_callable(reviver):
            return v
        root = JSObject(object_proto)
        root.put("", v)
        return _revive(root, "", reviver)
    j.put("parse", native("parse", _json_parse, 2))

    # -- console / process ---------------------------------------------------------------------
    console = JSObject(object_proto)
    g["console"] = console

    global CONSOLE
    CONSOLE = state = ConsoleState()

    def log(this: JSValue, args: Args) -> JSValue:
        out.write(host_str(state.lines(format_log(args))) + "\n")
        return None

    def log_err(this: JSValue, args: Args) -> JSValue:
        out.flush()
        sys.stderr.write(host_str(state.lines(format_log(args))) + "\n")
        return None

    def warn_text(text: str | None) -> None:
        if text is not None:
            log_err(None, [text])

    def label(args: Args) -> str:
        return "default" if arg(args, 0) is None else to_string(arg(args, 0))

    def group(this: JSValue, args: Args) -> JSValue:
        if args:
            log(this, args)
        state.indent += "  "
        return None

    def group_end(this: JSValue, args: Args) -> JSValue:
        state.indent = state.indent[:-2]
        return None

    def assert_(this: JSValue, args: Args) -> JSValue:
        if not to_boolean(arg(args, 0)):  # (node: the first datum after "...: ")
            rest = list(args[1:])
            if rest:
                rest[0] = f"Assertion failed: {to_string(rest[0])}"
            log_err(this, rest or ["Assertion failed"])
        return None

    def time_end(what: str, end: bool) -> Callable[[JSValue, Args], JSValue]:
        def fn(this: JSValue, args: Args) -> JSValue:
            text, warning = state.elapsed(label(args), end, what)
            warn_text(warning)
            if text is not None:
                log(this, [text, *args[1:]] if not end else [text])
            return None
        return fn

    def trace(this: JSValue, args: Args) -> JSValue:
        text = format_log(list(args))
        log_err(this, [f"Trace{': ' + text if args else ''}\n    at <anonymous>"])
        return None
    for name, f, n in (("group", group, 0), ("groupCollapsed", group, 0),
                       ("groupEnd", group_end, 0), ("assert", assert_, 0),
                       ("count", lambda t, a: log(t, [state.count(label(a))]), 0),
                       ("countReset", lambda t, a: warn_text(state.count_reset(label(a))), 0),
                       ("time", lambda t, a: warn_text(state.time(label(a))), 0),
                       ("timeEnd", time_end("timeEnd", True), 0),
                       ("timeLog", time_end("timeLog", False), 0), ("trace", trace, 0)):
        console.put(name, native(name, f, n))
    console.put("log", native("log", log))

    def table(this: JSValue, args: Args) -> JSValue:
        text = table_text(arg(args, 0), arg(args, 1))
        return log(this, args[:1]) if text is None else log(this, [text])
    console.put("table", native("table", table))

    def dir_(this: JSValue, args: Args) -> JSValue:  # util.inspect's text of one value
        return log(this, [inspect_text(arg(args, 0), arg(args, 1))])
    console.put("dir", native("dir", dir_))
    console.put("info", native("info", log))
    console.put("debug", native("debug", log))
    console.put("error", native("error", log_err))
    console.put("warn", native("warn", log_err))
    process = JSObject(object_proto)
    g["process"] = process
    stdout = JSObject(object_proto)
    process.put("stdout", stdout)

    def write(this: JSValue, args: Args) -> JSValue:
        out.write(host_str(chunk_text(arg(args, 0))))
        return True
    stdout.put("write", native("write", write, 1))
    stderr = JSObject(object_proto)
    process.put("stderr", stderr)

    def write_err(this: JSValue, args: Args) -> JSValue:
        out.flush()  # (what was printed before comes first, as node's)
        sys.stderr.write(host_str(chunk_text(arg(args, 0))))
        return True
    stderr.put("write", native("write", write_err, 1))
    process.put("pid", os.getpid())
    process.put("arch", NODE_ARCH.get(platform.machine().lower(), platform.machine().lower()))
    started = time.perf_counter()
    process.put("uptime", native("uptime", lambda t, a: normalize(time.perf_counter()
                                                                  - started)))
    process.put("argv", new_array([js_str(a) for a in argv]))
    env = JSObject(object_proto)
    process.put("env", env)
    for name, value in os.environ.items():  # (node's process.env: the environment's)
        env.put(js_str(name), js_str(value))
    process.put("platform", sys.platform)
    process.put("cwd", native("cwd", lambda t, a: js_str(os.getcwd())))

    def exit_(this: JSValue, args: Args) -> JSValue:
        code = arg(args, 0)
        if not args:  # (node: process.exitCode, if set; exit(undefined) is 0)
            code = rt.get(process, "exitCode")
        raise ProcessExit(exit_code(code))
    process.put("exit", native("exit", exit_, 1))

    def hrtime(this: JSValue, args: Args) -> JSValue:
        import time
        ns = time.perf_counter_ns()
        return new_array([ns // 10**9, ns % 10**9])
    process.put("hrtime", native("hrtime", hrtime))

    def now(this: JSValue, args: Args) -> JSValue:
        import time
        return normalize(time.time() * 1000.0)
    def no_date(this: JSValue, args: Args) -> JSValue:
        raise throw("TypeError", DATE_UNSUPPORTED)
    date = native("Date", no_date, 7, no_date)
    date.put("now", native("now", now))
    g["Date"] = date
    perf = JSObject(object_proto)
    import time as _time
    perf.put("now", native("now", lambda t, a: _time.perf_counter() * 1000.0))
    g["performance"] = perf
    for name, v in g.items():  # node's built-ins' own properties are not enumerable
        if isinstance(v, JSObject) and name not in ENUMERABLE_BUILTINS:
            rt.hide_all(v)
            p = v.get_own("prototype")
            if isinstance(p, JSObject):
                rt.hide_all(p)
    # node's one enumerable property of a built-in (its default; a64js's traces are one line)
    R.error_ctors["Error"].put("stackTraceLimit", 10)
    gt = JSObject(object_proto)  # globalThis: every global as its property
    g["globalThis"] = gt
    for k, v in g.items():
        gt.put(k, v)
    for k in list(g):  # built-ins are not enumerable (Object.keys(globalThis) is [])
        rt.hide_key(gt, k)
    R.global_obj = gt
    return g


# what encodeURIComponent leaves as it is besides letters and digits, and what encodeURI
# leaves too (and decodeURI does not decode)
_URI_MARKS = "-_.!~*'()"
_URI_RESERVED = ";/?:@&=+$,#"


def uri_encode(s: str, keep: str) -> str:
    """encodeURIComponent / encodeURI of ``s`` (UTF-16 code units): each other code point
    as the %XX of its UTF-8 bytes; a lone surrogate is node's URIError."""
    if s.isascii() and all(c.isalnum() or c in keep for c in s):
        return s
    out = []
    j = 0
    while j < len(s):
        c = s[j]
        if c.isascii() and (c.isalnum() or c in keep):
            out.append(c)
            j += 1
            continue
        o = ord(c)
        if 0xD800 <= o <= 0xDBFF and j + 1 < len(s) and 0xDC00 <= ord(s[j + 1]) <= 0xDFFF:
            o = 0x10000 + ((o - 0xD800) << 10) + (ord(s[j + 1]) - 0xDC00)
            j += 1
        elif 0xD800 <= o <= 0xDFFF:
            raise throw("URIError", "URI malformed")
        out.extend(f"%{b:02X}" for b in chr(o).encode("utf-8"))
        j += 1
    return "".join(out)


def uri_decode(s: str, reserved: str) -> str:
    """decodeURIComponent / decodeURI of ``s``: each %XX sequence of a UTF-8 character
    decoded (decodeURI keeps the escapes of ``reserved`` characters as they are); a bad
    escape or UTF-8 sequence is node's URIError."""
    if "%" not in s:
        return s
    out = []
    j = 0
    n = len(s)

    def byte(at: int) -> int:
        h = s[at + 1:at + 3]
        if len(h) < 2 or not all(c in "0123456789abcdefABCDEF" for c in h):
            raise throw("URIError", "URI malformed")
        return int(h, 16)
    while j < n:
        c = s[j]
        if c != "%":
            out.append(c)
            j += 1
            continue
        b = byte(j)
        if b < 0x80:
            ch = chr(b)
            out.append(s[j:j + 3] if ch in reserved else ch)
            j += 3
            continue
        count = 2 if b >> 5 == 6 else 3 if b >> 4 == 14 else 4 if b >> 3 == 30 else 0
        if not count:
            raise throw("URIError", "URI malformed")
        raw = [b]
        k = j + 3
        for _ in range(count - 1):
            if k >= n or s[k] != "%":
                raise throw("URIError", "URI malformed")
            raw.append(byte(k))
            k += 3
        try:
            text = bytes(raw).decode("utf-8")  # (overlong forms and surrogates refused)
        except UnicodeDecodeError:
            raise throw("URIError", "URI malformed") from None
        out.append(js_str(text))
        j = k
    return "".join(out)


def locale_number(x: int | float, min_frac: int = 0, max_frac: int = 3, grouping: bool = True,
                  min_int: int = 1, style: str = "decimal", symbol: str = "") -> str:
    """Number.prototype.toLocaleString as node's en-US (ICU): the number's shortest decimal
    form (times 100 for a percent), rounded half away from zero to ``max_frac`` fraction
    digits, trailing zeros dropped down to ``min_frac``, the integer part padded to
    ``min_int`` digits and grouped by commas; -0 keeps its sign; a currency's ``symbol``
    goes after the sign, a percent sign at the end. The defaults are toLocaleString()'s."""
    neg = x < 0 or (x == 0 and math.copysign(1.0, x) < 0)
    if x != x:
        body = "NaN"
        neg = False
    elif math.isinf(x):
        body = "∞"
    else:
        from decimal import ROUND_HALF_UP, Decimal, localcontext  # (on first use: _LAZY)
        d = abs(Decimal(str(x) if type(x) is int else repr(float(x))))
        with localcontext() as ctx:
            ctx.prec = 500  # (every digit of the largest double's integer part, and more)
            if style == "percent":
                d = d * 100
            text = format(d.quantize(Decimal(1).scaleb(-max_frac), rounding=ROUND_HALF_UP),
                          "f")
        whole, _, frac = text.partition(".")
        frac = frac.rstrip("0").ljust(min_frac, "0")
        whole = whole.rjust(min_int, "0")
        if grouping:  # (of the padded digits too: 0,001,234)
            whole = ",".join(reversed([whole[max(i - 3, 0):i]
                                       for i in range(len(whole), 0, -3)]))
        body = whole + ("." + frac if frac else "")
    return ("-" if neg else "") + symbol + body + ("%" if style == "percent" else "")


#: the currencies toLocaleString formats (node's en-US symbol, fraction digits)
LOCALE_CURRENCIES = {"USD": ("$", 2), "EUR": ("€", 2), "GBP": ("£", 2), "JPY": ("¥", 0)}
#: Intl.NumberFormat options a64js does not implement: given, they are an error
LOCALE_UNSUPPORTED_OPTIONS = (
    "numberingSystem", "currencyDisplay", "currencySign", "unit", "unitDisplay", "notation",
    "minimumSignificantDigits", "maximumSignificantDigits", "roundingIncrement",
    "roundingMode", "roundingPriority", "trailingZeroDisplay", "compactDisplay",
    "signDisplay")
#: the locales a64js formats numbers for (node's default is en-US)
LOCALE_NAMES = ("en-us", "en")  # (tags compare without case: en-us is en-US)


def locale_format(x: int | float, locales: JSValue, has_options: bool,
                  read: Callable[[str], JSValue]) -> str:
    """Number.prototype.toLocaleString(locales, options) of ``x`` (both VMs): ``locales``
    undefined, a tag or an array of tags (as Python values), ``read(name)`` an option's
    value (undefined when absent or no options). node's en-US and its options style
    (decimal, percent, currency of LOCALE_CURRENCIES), minimum/maximumFractionDigits,
    minimumIntegerDigits and useGrouping, read in node's order with its errors; another
    locale or option is a TypeError saying a64js lacks it."""
    _check_locales(locales, "Number.prototype.toLocaleString")
    if not has_options:
        return locale_number(x)

    def unsupported_option(name: str) -> JSThrow:
        return throw("TypeError", f"Number.prototype.toLocaleString with the option {name} "
                                  f"is not supported by a64js")

    def digits(name: str, lo: int, hi: int) -> int | None:
        v = read(name)
        if v is None:
            return None
        n = to_number(v)
        if n != n or not lo <= n <= hi:
            raise throw("RangeError", f"{name} value is out of range.")
        return math.floor(n)

    for name in LOCALE_UNSUPPORTED_OPTIONS[:1]:
        if read(name) is not None:
            raise unsupported_option(name)
    sv = read("style")
    style = "decimal" if sv is None else to_string(sv)
    if style not in ("decimal", "percent", "currency", "unit"):
        raise throw("RangeError", f"Value {style} out of range for "
                                  f"Number.prototype.toLocaleString options property style")
    cv = read("currency")
    code = None if cv is None else to_string(cv)
    if code is not None and not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise throw("RangeError", f"Invalid currency code : {code}")
    for name in LOCALE_UNSUPPORTED_OPTIONS[1:5]:
        if read(name) is not None:
            raise unsupported_option(name)
    if style == "unit":
        raise unsupported_option("style 'unit'")
    symbol = ""
    min_default, max_default = (0, 0) if style == "percent" else (0, 3)
    if style == "currency":
        if code is None:
            raise throw("TypeError", "Currency code is required with currency style.")
        if code.upper() not in LOCALE_CURRENCIES:
            raise throw("TypeError", f"Number.prototype.toLocaleString in the currency "
                                     f"{code.upper()} is not supported by a64js "
                                     f"(only {', '.join(LOCALE_CURRENCIES)})")
        symbol, n = LOCALE_CURRENCIES[code.upper()]
        min_default = max_default = n
    if read("notation") is not None:
        raise unsupported_option("notation")
    min_int = digits("minimumIntegerDigits", 1, 21) or 1
    lo = digits("minimumFractionDigits", 0, 100)
    hi = digits("maximumFractionDigits", 0, 100)
    for name in LOCALE_UNSUPPORTED_OPTIONS[6:]:
        if read(name) is not None:
            raise unsupported_option(name)
    if lo is None and hi is None:
        lo, hi = min_default, max_default
    elif lo is None:
        assert hi is not None
        lo = min(min_default, hi)
    elif hi is None:
        hi = max(max_default, lo)
    elif lo > hi:
        raise throw("RangeError", "maximumFractionDigits value is out of range.")
    gv = read("useGrouping")
    if type(gv) is str and gv not in ("always", "auto", "true", "false"):
        if gv == "min2":
            raise unsupported_option("useGrouping 'min2'")
        raise throw("RangeError", f"Value {gv} out of range for "
                                  f"Number.prototype.toLocaleString options property "
                                  f"useGrouping")
    grouping = gv is None or (to_boolean(gv) and gv != "false")
    return locale_number(x, lo, hi, grouping, min_int, style, symbol)


def table_text(data: JSValue, properties: JSValue) -> str | None:
    """The table console.table(data, properties) prints, as node's (its cli_table): a
    row for each own enumerable key of ``data`` (its "(index)"), a column for each key
    of the rows (objects; only ``properties`` when given) and "Values" for rows that are
    primitives, each cell the row's own value inspected; None when ``data`` is not an
    object (node logs it as is)."""
    if properties is not None and type(properties) is not JSArray:
        kind = "null" if properties is NULL else rt.typeof(properties)
        name = None
        if kind in ("object", "function"):
            ctor = get(properties, "constructor") if kind == "object" else properties
            n = get(ctor, "name") if rt.typeof(ctor) == "function" else None
            name = n if isinstance(n, str) and n else None
        text = "" if kind == "object" else name or "" if kind == "function" else \
            host_str(to_string(properties))
        shown = "null" if kind == "null" else shown_value(kind, text, name)
        raise throw("TypeError", f'The "properties" argument must be an instance of '
                                 f"Array. Received {shown}")
    if not isinstance(data, JSObject):
        return None
    wanted = None if properties is None else \
        [to_key(k) for k in properties.elems]
    index = rt.own_keys(data)
    columns: dict[str, dict[int, str]] = {}
    values: dict[int, str] = {}
    for i, k in enumerate(index):
        item = get(data, k)
        primitive = not isinstance(item, JSObject)
        if wanted is None and primitive:
            values[i] = inspect_cell(item)
            continue
        assert wanted is not None or isinstance(item, JSObject)
        for key in wanted if wanted is not None else rt.own_keys(item):
            col = columns.setdefault(key, {})
            own = isinstance(item, JSObject) and (
                key in item.shape.index or (type(item) is JSArray and is_index_key(key)
                                            and int(key) < len(item.elems)
                                            and item.elems[int(key)] is not HOLE))
            col[i] = inspect_cell(get(item, key)) if own else ""
    # (node's columns are an object's keys: index-like ones first, ascending)
    names = sorted((k for k in columns if is_index_key(k)), key=int) + \
        [k for k in columns if not is_index_key(k)]
    head = ["(index)", *names] + (["Values"] if values else [])
    cols = [dict(enumerate(index)), *(columns[k] for k in names)] + \
        ([values] if values else [])
    widths = [string_width(h) for h in head]
    rows = []
    for i in range(len(index)):
        row = [col.get(i, "") for col in cols]
        rows.append(row)
        widths = [max(w, string_width(c)) for w, c in zip(widths, row, strict=True)]

    def render(row: list[str]) -> str:
        return "│ " + " │ ".join(c + " " * (w - string_width(c))
                                  for c, w in zip(row, widths, strict=True)) + " │"
    bars = ["─" * (w + 2) for w in widths]
    lines = ["┌" + "┬".join(bars) + "┐", render(head), "├" + "┼".join(bars) + "┤"]
    lines += [render(r) for r in rows]
    lines.append("└" + "┴".join(bars) + "┘")
    return "\n".join(lines)


def list_of(v: JSValue) -> list[JSValue]:
    """CreateListFromArrayLike: an array's elements (holes as undefined) or an
    array-like object's; anything else (a string too) is node's TypeError."""
    if type(v) is JSArray:
        return [None if x is HOLE else x for x in v.elems]
    if isinstance(v, JSObject):
        n = rt.array_like_length(get(v, "length"))
        return [get_elem(v, i) for i in range(n)]
    raise throw("TypeError", "CreateListFromArrayLike called on non-object")


#: the arrays being joined (by id): one met again inside itself is "" (node's cycle rule)
_JOINING: set[int] = set()


def join(a: JSArray, sep: JSValue) -> str:
    s = "," if sep is None else to_string(sep)
    if id(a) in _JOINING:
        return ""
    _JOINING.add(id(a))
    try:
        return s.join("" if v is None or v is NULL or v is HOLE else
                      (v if type(v) is str else to_string(v)) for v in a.elems)
    finally:
        _JOINING.discard(id(a))


def radix_string(x: float | int, r: int) -> str:
    """Number.prototype.toString(r) for r other than 10, digit for digit as V8 writes
    it: fraction digits only while they say something about the double (up to half the
    gap to the next double, rounded half to even with the carry), integer digits past
    2**53 written as zeros."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if x != x:
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    v = float(x)
    neg = v < 0
    v = abs(v)
    integer = float(math.floor(v))
    fraction = v - integer
    delta = max(0.5 * (math.nextafter(v, math.inf) - v), 5e-324)
    frac: list[int] = []
    while fraction >= delta:
        fraction *= r
        delta *= r
        d = int(fraction)
        frac.append(d)
        fraction -= d
        if (fraction > 0.5 or (fraction == 0.5 and d & 1)) and fraction + delta > 1:
            while True:  # round up: carry through the digits written
                if not frac:
                    integer += 1
                    break
                d = frac.pop() + 1
                if d < r:
                    frac.append(d)
                    break
            break
    ints: list[int] = []
    while math.frexp(integer / r)[1] > 53:  # past 2**53: the digits are zeros
        integer /= r
        ints.append(0)
    while True:
        rem = math.fmod(integer, r)
        ints.append(int(rem))
        integer = (integer - rem) / r
        if not integer > 0:
            break
    out = "".join(digits[d] for d in reversed(ints))
    if frac:
        out += "." + "".join(digits[d] for d in frac)
    return ("-" if neg else "") + out


#: json, decimal and random are imported where first used, not with this module: ~95 ms
#: of every run's start-up natively under qemu (json 42, decimal 37, random 16; ~11 ms on
#: the host), for built-ins most programs never call.
_LAZY = ("json", "decimal", "random", "unicodedata")


def json_circular_message(start: str, way: list[tuple[str, str]], key: str) -> str:
    """node's TypeError text for JSON.stringify of a circular structure: the constructor
    of the object met again, the way from it back to itself (how each object was reached,
    its constructor) and the key that closes the circle (both VMs' serializers)."""
    lines = ["Converting circular structure to JSON",
             f"    --> starting at object with constructor '{start}'"]
    steps = [f"    |     {k} -> object with constructor '{name}'" for k, name in way]
    if len(steps) > 3:  # (V8 keeps the first two steps and the last)
        steps[2:-1] = ["    |     ..."]
    lines += steps
    lines.append(f"    --- {key} closes the circle")
    return "\n".join(lines)


def json_members(parts: list[str], brackets: str, gap: str, inner: str, cur: str) -> str:
    """JSON.stringify's text of an array or object from its members' texts: compact, or
    one member per line indented by ``inner`` and closed at ``cur`` when there is a gap
    (both VMs' serializers end with this)."""
    if not parts:
        return brackets
    if gap:
        return brackets[0] + "\n" + inner + (",\n" + inner).join(parts) + "\n" + cur \
            + brackets[1]
    return brackets[0] + ",".join(parts) + brackets[1]


@functools.cache
def _lone_surrogate() -> Any:
    """A surrogate without its pair (strings hold UTF-16 code units); compiled on first
    use (see _LAZY)."""
    import re
    return re.compile("[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]")


def json_quote(s: str) -> str:
    """JSON.stringify's quoted string: a lone surrogate is escaped as \\udXXX (node's
    well-formed JSON.stringify), where a pair stays as it is."""
    import json  # (on first use: see _LAZY)
    q = json.dumps(s, ensure_ascii=False)
    return str(_lone_surrogate().sub(lambda m: f"\\u{ord(m.group()):04x}", q))


def json_stringify(v: JSValue, replacer: JSValue, indent: JSValue) -> JSValue:
    """JSON.stringify: toJSON (given its key), a replacer function or key list, the
    indent, and node's message for a circular structure (the heap VM's rules)."""
    gap = ""
    if type(indent) in (int, float):
        gap = " " * int(min(10, max(0, indent)))
    elif type(indent) is str:
        gap = indent[:10]
    fn = replacer if is_callable(replacer) else None
    keys: list[str] | None = None
    if type(replacer) is JSArray:
        keys = []
        for x in replacer.elems:
            if type(x) in (str, int, float):
                k = to_string(x)
                if k not in keys:
                    keys.append(k)
    # the objects being serialized, how each was reached ("property 'k'", "index 3")
    stack: list[tuple[JSObject, str]] = []

    def ctor_name(o: JSObject) -> str:
        c = get(o, "constructor")
        return to_string(get(c, "name")) if is_callable(c) else "Object"

    def circular(o: JSObject, key: str) -> JSThrow:
        at = next(n for n, (x, _) in enumerate(stack) if x is o)
        return throw("TypeError", json_circular_message(
            ctor_name(o), [(k, ctor_name(x)) for x, k in stack[at + 1:]], key))

    def ser(holder: JSObject, key: str, cur: str) -> str | None:
        v = get(holder, key)
        if isinstance(v, JSObject):
            tj = get(v, "toJSON")
            if is_callable(tj):
                v = call(tj, v, [key])
        if fn is not None:
            v = call(fn, holder, [key, v])
        t = type(v)
        if v is NULL:
            return "null"
        if t is bool:
            return "true" if v else "false"
        if t is str:
            return json_quote(v)
        if t is int or t is float:
            return number_to_string(v) if math.isfinite(v) else "null"
        if not isinstance(v, JSObject) or t is JSFunction or t is NativeFunction:
            return None
        way = f"index {key}" if type(holder) is JSArray else f"property '{key}'"
        if any(x is v for x, _ in stack):
            raise circular(v, way)
        stack.append((v, way))
        inner = cur + gap
        try:
            if isinstance(v, JSArray) and v.cls != ARRAY_ITERATOR and v.cls != ARGUMENTS:
                items = [ser(v, str(i), inner) or "null" for i in range(len(v.elems))]
                return json_members(items, "[]", gap, inner, cur)
            parts = []
            for k in keys if keys is not None else rt.own_keys(v):
                s = ser(v, k, inner)
                if s is not None:
                    parts.append(json_quote(k) + (": " if gap else ":") + s)
            return json_members(parts, "{}", gap, inner, cur)
        finally:
            stack.pop()

    wrapper = JSObject(R.object_proto)
    wrapper.put("", v)
    return ser(wrapper, "", "")


class _NotJSON(ValueError):
    """What Python's json module takes and JSON does not (NaN, Infinity)."""


def _json_constant(name: str) -> Any:
    raise _NotJSON(name)


def _json_int(text: str) -> int | float:
    return -0.0 if text == "-0" else int(text)


def json_parse(s: str) -> JSValue:
    """JSON.parse's value (both VMs), or node's SyntaxError (json_error's message)."""
    import json  # (on first use: see _LAZY)
    try:
        data = json.loads(s, parse_constant=_json_constant, parse_int=_json_int)
    except ValueError:
        raise throw("SyntaxError", json_error(s)) from None

    def conv(x: Any) -> JSValue:
        if x is None:
            return NULL
        if isinstance(x, str):
            return js_str(x)
        if isinstance(x, bool):
            return x
        if isinstance(x, int):
            return x if abs(x) <= 2**53 else float(x)
        if isinstance(x, float):
            return normalize(x)
        if isinstance(x, list):
            return new_array([conv(e) for e in x])
        o = JSObject(R.object_proto)
        for k, val in x.items():
            put(o, js_str(k), conv(val))
        return o
    return conv(data)


def _revive(holder: JSObject, key: str, reviver: JSValue) -> JSValue:
    """JSON.parse's InternalizeJSONProperty: children first, then the reviver (as the
    heap VM's hvm.builtins._revive)."""
    v = get(holder, key)
    if type(v) is JSArray:
        for i in range(len(v.elems)):
            nv = _revive(v, str(i), reviver)
            if nv is None:
                rt.delete_prop(v, str(i))
            else:
                put(v, str(i), nv)
    elif isinstance(v, JSObject):
        for k in rt.own_keys(v):
            nv = _revive(v, k, reviver)
            if nv is None:
                rt.delete_prop(v, k)
            else:
                put(v, k, nv)
    return call(reviver, holder, [key, v])


def util_options(opts: JSValue) -> dict[str, JSValue]:
    """util.inspect's options object as {key: value} (its own keys; a boolean, as node's
    legacy showHidden argument, is an error: a64js takes the options object only)."""
    if opts is None:
        return {}
    if not isinstance(opts, JSObject) or isinstance(opts, (JSArray, JSFunction)):
        raise throw("TypeError", "util.inspect's second argument must be an options "
                    "object in a64js")
    return {k: get(opts, k) for k in rt.own_keys(opts)}


def arg_type_error(message: str, code: str = "ERR_INVALID_ARG_TYPE") -> JSThrow:
    """node's ERR_INVALID_ARG_TYPE TypeError, or another of its coded TypeErrors (its
    code, and its stack naming the code)."""
    e = throw("TypeError", message)
    err = e.value
    assert isinstance(err, JSObject)
    err.put("code", code)
    err.put("stack", f"TypeError [{code}]: {message}\n    at <anonymous>")
    rt.hide_key(err, "stack")
    return e


#: what node's process.stdout.write / stderr.write say of a chunk that is not a string
CHUNK_TYPES = ('The "chunk" argument must be of type string or an instance of Buffer, '
               "TypedArray, or DataView. Received ")
NULL_CHUNK = ("ERR_STREAM_NULL_VALUES", "May not write null values to stream")


def chunk_text(v: JSValue) -> str:
    """The text process.stdout.write(v) writes: a string only (node's stream throws a
    TypeError for anything else, and writes nothing)."""
    if type(v) is str:
        return v
    if v is NULL:
        raise arg_type_error(NULL_CHUNK[1], NULL_CHUNK[0])
    from .vm import describe_received
    raise arg_type_error(CHUNK_TYPES + describe_received(v))


def inspect_text(v: JSValue, opts: JSValue) -> str:
    """util.inspect(v, opts) (console.dir's text too)."""
    from .inspect import InspectOptionError, inspect_options
    try:
        return inspect_options(v, util_options(opts))
    except InspectOptionError as e:
        raise throw("TypeError", str(e)) from None


def util_module() -> JSObject:
    """require("util") (the Python VM): inspect (depth, compact, sorted, breakLength,
    maxArrayLength), format (console.log's formatting) and inherits."""
    u = JSObject(R.object_proto)

    @method(u, "inspect", 2)
    def _inspect(this: JSValue, args: Args) -> JSValue:
        return inspect_text(arg(args, 0), arg(args, 1))

    @method(u, "format", 1)
    def _format(this: JSValue, args: Args) -> JSValue:
        return format_log(list(args))

    @method(u, "inherits", 2)
    def _inherits(this: JSValue, args: Args) -> JSValue:
        from .vm import describe_received
        ctor, sup = arg(args, 0), arg(args, 1)
        for name, v in (("ctor", ctor), ("superCtor", sup)):  # (node's checks, in order)
            if v is None or v is NULL:
                raise arg_type_error(f'The "{name}" argument must be of type function. '
                                     f"Received {describe_received(v)}")
        sproto = get(sup, "prototype")
        if sproto is None:
            raise arg_type_error('The "superCtor.prototype" property must be of type '
                                 "object. Received undefined")
        proto = get(ctor, "prototype")
        call(get(get(R.global_obj, "Object"), "setPrototypeOf"), None, [proto, sproto])
        put(ctor, "super_", sup)
        if isinstance(ctor, JSObject):
            rt.hide_key(ctor, "super_")  # (not enumerable, as node's)
        return None
    return u


#: V8's JSON.parse messages (its json-parser), by what the scanner met
_JSON_EXPECTED = {
    "name": "Expected property name or '}'",
    "quoted": "Expected double-quoted property name",
    "colon": "Expected ':' after property name",
    "comma}": "Expected ',' or '}' after property value",
    "comma]": "Expected ',' or ']' after array element",
    "minus": "No number after minus sign",
    "fraction": "Unterminated fractional number",
    "exponent": "Exponent part is missing a number",
    "unterminated": "Unterminated string",
    "control": "Bad control character in string literal",
    "escape": "Bad escaped character",
    "unicode": "Bad Unicode escape",
}


class _JSONError(Exception):
    def __init__(self, pos: int, what: str = "") -> None:
        super().__init__(what)
        self.pos = pos
        self.what = what


def json_error(s: str) -> str:
    """node's message for JSON.parse(s) of a text that is not JSON: a scan by V8's rules
    (which token at which position each error names), run once a parse failed."""
    n = len(s)
    i = 0

    def ws(j: int) -> int:
        while j < n and s[j] in " \t\n\r":
            j += 1
        return j

    def value(j: int) -> int:
        j = ws(j)
        if j >= n:
            raise _JSONError(j)
        c = s[j]
        if c == '"':
            return string(j)
        if c == "-" or "0" <= c <= "9":
            return number(j)
        if c == "{":
            j = ws(j + 1)
            if j < n and s[j] == "}":
                return j + 1
            first = True
            while True:
                if j >= n or s[j] != '"':
                    raise _JSONError(j, "name" if first else "quoted")
                j = ws(string(j))
                if j >= n or s[j] != ":":  # (V8 names the colon after the first name only)
                    raise _JSONError(j, "colon" if first else "")
                j = ws(value(j + 1))
                if j < n and s[j] == "}":
                    return j + 1
                if j >= n or s[j] != ",":
                    raise _JSONError(j, "comma}")
                j = ws(j + 1)
                first = False
        if c == "[":
            j = ws(j + 1)
            if j < n and s[j] == "]":
                return j + 1
            while True:
                j = ws(value(j))
                if j < n and s[j] == "]":
                    return j + 1
                if j >= n or s[j] != ",":
                    raise _JSONError(j, "comma]")
                j += 1
        for word in ("true", "false", "null"):
            if c == word[0]:
                for k, wc in enumerate(word):
                    if j + k >= n or s[j + k] != wc:
                        raise _JSONError(j + k)
                return j + len(word)
        raise _JSONError(j)

    def digits(j: int, what: str) -> int:
        if j >= n or not "0" <= s[j] <= "9":
            raise _JSONError(j, what)
        while j < n and "0" <= s[j] <= "9":
            j += 1
        return j

    def number(j: int) -> int:
        if s[j] == "-":
            j += 1
            if j >= n or not "0" <= s[j] <= "9":
                raise _JSONError(j, "minus")
        if s[j] == "0":
            j += 1
            if j < n and "0" <= s[j] <= "9":
                raise _JSONError(j, "number")
        else:
            j = digits(j, "minus")
        if j < n and s[j] == ".":
            j = digits(j + 1, "fraction")
        if j < n and s[j] in "eE":
            j += 1
            if j < n and s[j] in "+-":
                j += 1
            j = digits(j, "exponent")
        return j

    def string(j: int) -> int:
        j += 1
        while True:
            if j >= n:
                raise _JSONError(j, "unterminated")
            c = s[j]
            if c == '"':
                return j + 1
            if c < " ":
                raise _JSONError(j, "control")
            if c == "\\":
                j += 1
                if j >= n:
                    raise _JSONError(j)
                if s[j] == "u":
                    for k in range(1, 5):
                        if j + k >= n or s[j + k] not in "0123456789abcdefABCDEF":
                            raise _JSONError(j + k, "unicode")
                    j += 4
                elif s[j] not in '"\\/bfnrt':  # (V8: one past Latin-1 is an unexpected token)
                    raise _JSONError(j, "escape" if s[j] < "\u0100" else "")
            j += 1

    try:
        i = ws(value(0))
        if i < n:
            raise _JSONError(i, "after")
    except _JSONError as e:
        return _json_message(s, e.pos, e.what)
    return "Unexpected token in JSON at position 0"  # (not reached: json.loads agreed)


def _json_message(s: str, pos: int, what: str) -> str:
    if what == "after":
        return f"Unexpected non-whitespace character after JSON at position {pos}"
    if what in _JSON_EXPECTED:
        return f"{_JSON_EXPECTED[what]} in JSON at position {pos}"
    if pos >= len(s):
        return "Unexpected end of JSON input"
    if what == "number" or s[pos] == "-" or "0" <= s[pos] <= "9":
        return f"Unexpected number in JSON at position {pos}"
    if s[pos] == '"':
        return f"Unexpected string in JSON at position {pos}"
    if s in ("NaN", "Infinity", "undefined", "[object Object]"):
        return f'"{s}" is not valid JSON'
    tok = s[pos]
    n = len(s)
    if n < 21:  # a short text is quoted whole, a longer one ten characters either side
        return f'Unexpected token \'{tok}\', "{s}" is not valid JSON'
    if pos < 10:
        return f'Unexpected token \'{tok}\', "{s[:pos + 10]}"... is not valid JSON'
    if pos < n - 10:
        return (f'Unexpected token \'{tok}\', ..."{s[pos - 10:pos + 10]}"... is not '
                "valid JSON")
    return f'Unexpected token \'{tok}\', ..."{s[pos - 10:]}" is not valid JSON'


_ = (Accessor, JSThrow, put_elem, string_to_number)

__all__ = ["ProcessExit", "exit_code", "join", "json_stringify", "list_of", "same_value", "setup"]
