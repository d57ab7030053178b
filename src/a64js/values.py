"""JavaScript values as the interpreter holds them, and the conversions between them.

Representation (see DESIGN.md for the word encoding the JIT will use):

- ``undefined`` is Python ``None``; ``null`` is the singleton :data:`NULL`;
- booleans are ``bool``; numbers are ``int`` (an integral value, exact) or ``float``
  (anything else, including ``-0.0``, NaN and the infinities); strings are ``str``;
- objects are :class:`JSObject` (with a :class:`Shape`), arrays :class:`JSArray`,
  functions :class:`JSFunction` (bytecode) or :class:`NativeFunction` (Python).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

JSValue = Any


class _Null:
    """The JavaScript ``null`` value (a singleton)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "null"

    def __bool__(self) -> bool:
        return False


NULL = _Null()


class _Hole:
    """Marks a missing element of an array (``[1, , 3]``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<hole>"


HOLE = _Hole()


class _Uninitialized:
    """The value of a captured let/const/class binding before its declaration ran."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<uninitialized>"


UNINITIALIZED = _Uninitialized()

#: the binding a derived class constructor keeps ``this`` in until super() returns
#: (not a name a program can write): UNINITIALIZED before, read with the TDZ's check
THIS_BINDING = "this"
NO_SUPER_MESSAGE = ("Must call super constructor in derived class before accessing 'this' or "
                    "returning from derived constructor")


def tdz_message(name: str) -> str:
    """node's ReferenceError message for a read of binding ``name`` before its
    initialization (``this`` of a derived constructor before super())."""
    if name == THIS_BINDING:
        return NO_SUPER_MESSAGE
    return f"Cannot access '{name}' before initialization"

#: The own key of private name ``#x`` is ``PRIVATE + "x"``: no string key a program
#: writes as usual ("#x" included) names it, and key listings skip keys starting with NUL.
PRIVATE = "\x00#"


def private_member_key(name: str, static: bool, cls: str) -> str:
    """The key of private method or accessor ``#name`` of class ``cls``: PRIVATE + name,
    a NUL, then ``s`` (static) or ``i`` and the class's name, which node's messages name
    (runtime.private_message); a private field's key is PRIVATE + name alone."""
    return f"{PRIVATE}{name}\x00{'s' if static else 'i'}{cls}"


def private_parts(key: str) -> tuple[str, str]:
    """A private key's name and what :func:`private_member_key` put after it (``s`` or
    ``i`` and the class's name; empty for a field, and for a key that is not private:
    then the name is empty too)."""
    if not key.startswith(PRIVATE):
        return "", ""
    name, _, member = key[len(PRIVATE):].partition("\x00")
    return name, member


def key_text(key: str) -> str:
    """A property key as messages and function names show it: a private member's own
    key (PRIVATE + name, a method's with its class after a NUL) as ``#name``."""
    return "#" + private_parts(key)[0] if key.startswith(PRIVATE) else key


#: The own key holding the names Object.defineProperty made non-enumerable (joined by
#: NUL characters), in both VMs: neither keeps property attributes otherwise.
HIDDEN = "\x00hidden"
#: The own key holding the names Object.defineProperty made non-configurable (as HIDDEN):
#: ``delete`` keeps them (false; a TypeError in strict code), and they cannot be redefined.
FIXED = "\x00fixed"
#: A function's ``arguments`` object is an array (element reads, Array.prototype methods
#: through call/apply, spread) marked as node's Arguments object, which console.log,
#: Array.isArray, JSON.stringify, Object.prototype.toString, String() and concat tell
#: apart: the class of the Python VM's, and the hidden global the compiled code calls
#: to mark it in both VMs (the heap VM's has this own hidden key)
ARGUMENTS = "Arguments"
ARGUMENTS_MARK = "\x00arguments"

#: Objects with more own properties than this get a private, mutable shape.
DICT_MODE_LIMIT = 64


class Shape:
    """A hidden class: the prototype and the ordered own property keys of an object.

    Objects made the same way share one shape, so a property load is a shape
    compare and a load at a fixed index of ``JSObject.slots``. ``accessors`` holds
    the keys whose slot is an :class:`Accessor` pair (a getter/setter).
    """

    __slots__ = ("accessors", "dictionary", "index", "keys", "proto", "transitions")

    def __init__(self, proto: JSObject | None, index: dict[str, int] | None = None,
                 keys: list[str] | None = None, accessors: frozenset[str] = frozenset(),
                 dictionary: bool = False) -> None:
        self.proto = proto
        self.index: dict[str, int] = index if index is not None else {}
        self.keys: list[str] = keys if keys is not None else []
        self.accessors = accessors
        self.transitions: dict[tuple[str, bool], Shape] = {}
        self.dictionary = dictionary

    def add(self, key: str, accessor: bool = False) -> Shape:
        """The shape with ``key`` appended (shared through a transition table)."""
        if self.dictionary:
            self.index[key] = len(self.keys)
            self.keys.append(key)
            if accessor:
                self.accessors = self.accessors | {key}
            return self
        t = self.transitions.get((key, accessor))
        if t is not None:
            return t
        index = dict(self.index)
        index[key] = len(self.keys)
        acc = self.accessors | {key} if accessor else self.accessors
        if len(index) > DICT_MODE_LIMIT:
            return Shape(self.proto, index, [*self.keys, key], acc, dictionary=True)
        t = Shape(self.proto, index, [*self.keys, key], acc)
        self.transitions[(key, accessor)] = t
        return t


_root_shapes: dict[int, Shape] = {}


def root_shape(proto: JSObject | None) -> Shape:
    """The empty shape of objects whose prototype is ``proto``."""
    if proto is None:
        s = _root_shapes.get(0)
        if s is None:
            s = _root_shapes[0] = Shape(None)
        return s
    s = proto.root
    if s is None:
        s = proto.root = Shape(proto)
    return s


class Accessor:
    """A getter/setter pair stored in an accessor property's slot."""

    __slots__ = ("get", "set")

    def __init__(self, get: JSValue = None, set: JSValue = None) -> None:
        self.get = get
        self.set = set


class JSObject:
    """An ordinary object: a shape and the values of its own properties."""

    __slots__ = ("cls", "root", "shape", "slots")

    def __init__(self, proto: JSObject | None) -> None:
        self.shape = root_shape(proto)
        self.slots: list[JSValue] = []
        self.root: Shape | None = None  # the root shape of objects that have this as proto
        self.cls = "Object"

    @property
    def proto(self) -> JSObject | None:
        return self.shape.proto

    def get_own(self, key: str) -> JSValue:
        """The own data property ``key`` or HOLE when absent (accessors are returned as is)."""
        i = self.shape.index.get(key)
        if i is None:
            return HOLE
        return self.slots[i]

    def put(self, key: str, value: JSValue) -> None:
        """Create or overwrite own data property ``key`` (no setters, no prototype)."""
        sh = self.shape
        i = sh.index.get(key)
        if i is None:
            self.shape = sh.add(key)
            self.slots.append(value)
        else:
            self.slots[i] = value

    def put_accessor(self, key: str, get: JSValue = None, set: JSValue = None) -> None:
        """Define (or merge into) an accessor property."""
        sh = self.shape
        i = sh.index.get(key)
        if i is not None and key in sh.accessors:
            acc = self.slots[i]
            if get is not None:
                acc.get = get
            if set is not None:
                acc.set = set
            return
        if i is not None:
            self.remove(key)
        self.shape = self.shape.add(key, accessor=True)
        self.slots.append(Accessor(get, set))

    def remove(self, key: str) -> bool:
        """Delete own property ``key``; the object moves to a fresh dictionary shape."""
        sh = self.shape
        i = sh.index.get(key)
        if i is None:
            return True
        keys = [k for k in sh.keys if k != key]
        slots = [v for j, v in enumerate(self.slots) if j != i]
        self.shape = Shape(sh.proto, {k: j for j, k in enumerate(keys)}, keys,
                           sh.accessors - {key}, dictionary=True)
        self.slots = slots
        return True

    def set_proto(self, proto: JSObject | None) -> None:
        """Change the prototype (rebuilds the shape with the same keys)."""
        old = self.shape
        sh = root_shape(proto)
        for k in old.keys:
            sh = sh.add(k, k in old.accessors)
        self.shape = sh

    def own_keys(self) -> list[str]:
        """Own keys in JavaScript order: integer keys ascending, then insertion order."""
        keys = self.shape.keys
        ints = [k for k in keys if is_index_key(k)]
        if not ints:
            return [k for k in keys if k[:1] != "\x00"]
        ints.sort(key=int)
        return ints + [k for k in keys if not is_index_key(k) and k[:1] != "\x00"]


def string_items(s: str) -> list[str]:
    """What iterating string ``s`` gives (for-of, spread, Array.from): its code points,
    a surrogate pair as one two-unit string, a lone surrogate as itself."""
    if s.isascii():
        return list(s)
    out: list[str] = []
    j = 0
    n = len(s)
    while j < n:
        c = s[j]
        if "\ud800" <= c <= "\udbff" and j + 1 < n and "\udc00" <= s[j + 1] <= "\udfff":
            out.append(s[j:j + 2])
            j += 2
        else:
            out.append(c)
            j += 1
    return out


def is_index_key(k: str) -> bool:
    """True for canonical array-index strings ("0", "17"; not "01" or "-1")."""
    return k.isdigit() and k.isascii() and (k == "0" or k[0] != "0") and len(k) < 11 \
        and (len(k) < 10 or int(k) < 4294967295)


class JSArray(JSObject):
    """An array: its elements in a Python list (HOLE for a missing one)."""

    __slots__ = ("elems",)

    def __init__(self, proto: JSObject | None, elems: list[JSValue]) -> None:
        JSObject.__init__(self, proto)
        self.elems = elems
        self.cls = "Array"


class JSFunction(JSObject):
    """A closure: compiled code, the captured context and (for methods) a home object."""

    __slots__ = ("code", "env", "fields", "home", "this_val")

    def __init__(self, proto: JSObject | None, code: Any, env: Any) -> None:
        JSObject.__init__(self, proto)
        self.code = code
        self.env = env
        self.home: JSObject | None = None
        self.this_val: JSValue = None  # lexical ``this`` of an arrow function
        self.fields: JSValue = None  # class-field initialiser
        self.cls = "Function"


class NativeFunction(JSObject):
    """A built-in function implemented in Python: ``fn(this, args) -> value``.

    ``ctor(this, args)`` runs for ``new`` and ``super(...)``; None means the
    function is not a constructor.
    """

    __slots__ = ("ctor", "fn", "length", "name")

    def __init__(self, proto: JSObject | None, name: str,
                 fn: Callable[[JSValue, list[JSValue]], JSValue], length: int = 0,
                 ctor: Callable[[JSValue, list[JSValue]], JSValue] | None = None) -> None:
        JSObject.__init__(self, proto)
        self.fn = fn
        self.ctor = ctor
        self.name = name
        self.length = length
        self.cls = "Function"


class JSThrow(Exception):
    """A JavaScript exception in flight; ``value`` is the thrown JavaScript value."""

    def __init__(self, value: JSValue) -> None:
        Exception.__init__(self)
        self.value = value


# -- strings: sequences of UTF-16 code units ----------------------------------------------

def js_str(s: str) -> str:
    """A host string as JavaScript sees it: astral characters become surrogate pairs, so
    one Python character is one UTF-16 code unit."""
    if s.isascii() or max(s) < "\U00010000":
        return s
    out = []
    for c in s:
        o = ord(c)
        if o > 0xFFFF:
            o -= 0x10000
            out.append(chr(0xD800 + (o >> 10)) + chr(0xDC00 + (o & 0x3FF)))
        else:
            out.append(c)
    return "".join(out)


def host_str(s: str) -> str:
    """A JavaScript string for output: pairs join, lone surrogates become U+FFFD."""
    if s.isascii():
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


# -- conversions -----------------------------------------------------------------------

def number_to_string(v: float | int) -> str:
    """Number::toString(10) exactly as JavaScript prints it."""
    if type(v) is int:
        if -9007199254740992 <= v <= 9007199254740992:
            return str(v)
        v = float(v)
    if v != v:
        return "NaN"
    if v == 0:
        return "0"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if float(v).is_integer() and abs(v) <= 9007199254740992.0:
        return str(int(v))
    sign = "-" if v < 0 else ""
    r = repr(abs(v))
    # split the shortest round-trip repr into digits and a decimal exponent n
    if "e" in r:
        mant, e = r.split("e")
        exp = int(e)
    else:
        mant, exp = r, 0
    if "." in mant:
        ip, fp = mant.split(".")
    else:
        ip, fp = mant, ""
    if fp == "0":
        fp = ""
    digits = (ip + fp).lstrip("0")
    n = len(ip) + exp - (len(ip + fp) - len((ip + fp).lstrip("0")))
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        s = digits + "0" * (n - k)
    elif 0 < n <= 21:
        s = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * (-n) + digits
    else:
        e1 = n - 1
        es = f"e+{e1}" if e1 >= 0 else f"e-{-e1}"
        s = digits[0] + ("." + digits[1:] if k > 1 else "") + es
    return sign + s


#: What JavaScript's trim, Number() and parseInt/parseFloat skip: white space (the
#: Unicode space separators and the BOM) and line terminators
JS_SPACE = (" \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
            "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")


def string_to_number(s: str) -> int | float:
    """ToNumber applied to a string."""
    t = s.strip(JS_SPACE)
    if t == "":
        return 0
    try:
        if t[:2] in ("0x", "0X"):
            return int(t[2:], 16)
        if t[:2] in ("0o", "0O"):
            return int(t[2:], 8)
        if t[:2] in ("0b", "0B"):
            return int(t[2:], 2)
    except ValueError:
        return math.nan
    if t in ("Infinity", "+Infinity"):
        return math.inf
    if t == "-Infinity":
        return -math.inf
    for c in t:
        if c not in "0123456789+-.eE":
            return math.nan
    try:
        f = float(t)
    except ValueError:
        return math.nan
    return normalize(f)


def normalize(f: float) -> int | float:
    """An integral double in the safe range becomes an int (never -0)."""
    if f.is_integer() and -9007199254740992.0 <= f <= 9007199254740992.0:
        if f == 0 and math.copysign(1.0, f) < 0:
            return f
        return int(f)
    return f


def to_int32(v: Any) -> int:
    """ToInt32."""
    if type(v) is int:
        if -2147483648 <= v <= 2147483647:
            return int(v)
    else:
        v = to_number(v)
        if type(v) is float:
            if v != v or math.isinf(v):
                return 0
            v = int(v)
    r: int = v & 0xFFFFFFFF
    return r - 0x100000000 if r >= 0x80000000 else r


def to_uint32(v: JSValue) -> int:
    """ToUint32."""
    return to_int32(v) & 0xFFFFFFFF


__all__ = [
    "HOLE", "NULL", "Accessor", "JSArray", "JSFunction", "JSObject", "JSThrow", "JSValue",
    "ARGUMENTS", "ARGUMENTS_MARK", "FIXED", "HIDDEN", "JS_SPACE", "PRIVATE", "NativeFunction",
    "Shape", "is_index_key",
    "normalize", "number_to_string", "private_member_key",
    "root_shape", "string_items", "string_to_number", "to_int32", "to_uint32",
]


def to_number(v: JSValue) -> int | float:
    """ToNumber for primitives (objects go through the runtime's ToPrimitive first)."""
    t = type(v)
    if t is int or t is float:
        return v  # type: ignore[no-any-return]
    if t is bool:
        return 1 if v else 0
    if v is None:
        return math.nan
    if v is NULL:
        return 0
    if t is str:
        return string_to_number(v)
    from .runtime import to_primitive
    return to_number(to_primitive(v, "number"))
