"""The operations of the language on values: property access, calls, conversions.

The interpreter's handlers do the common cases inline and call these for the rest.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from . import jsmath
from .errors import JSCompileError
from .values import (
    FIXED,
    HIDDEN,
    HOLE,
    NULL,
    PRIVATE,
    Accessor,
    JSArray,
    JSFunction,
    JSObject,
    JSThrow,
    JSValue,
    NativeFunction,
    is_index_key,
    js_str,
    key_text,
    normalize,
    number_to_string,
    private_parts,
    to_number,
)


class Realm:
    """The built-in prototypes and constructors (filled in by builtins.setup)."""

    object_proto: JSObject
    function_proto: JSObject
    array_proto: JSObject
    string_proto: JSObject
    number_proto: JSObject
    boolean_proto: JSObject
    error_proto: JSObject
    error_ctors: dict[str, JSObject]
    globals: dict[str, JSValue]
    #: globalThis: the globals as an object (GetGlobal's dictionary stays the fast path;
    #: SetGlobal writes both, and a global missing there is looked up here)
    global_obj: JSObject
    run: Any  # interp.run(fn, this, args)
    #: Math and Number: the holders of READ_ONLY_CONSTANTS
    constant_holders: tuple[JSObject, ...]


R = Realm()

#: Bumped when an accessor property is defined anywhere: invalidates the
#: add-property caches (a new setter on a prototype changes what `o.x = v` does).
ACCESSOR_EPOCH = [0]


# -- errors -----------------------------------------------------------------------------

def make_error(kind: str, message: str) -> JSObject:
    """A new ``kind`` error object (TypeError, RangeError ...) with ``message``."""
    ctor = R.error_ctors[kind]
    proto = ctor.get_own("prototype")
    e = JSObject(proto)
    e.put("message", message)
    e.cls = "Error"
    return e


def throw(kind: str, message: str) -> JSThrow:
    """The JSThrow to raise for a new ``kind`` error."""
    return JSThrow(make_error(kind, message))


# -- conversions -------------------------------------------------------------------------

def typeof(v: JSValue) -> str:
    t = type(v)
    if t is str:
        return "string"
    if t is int or t is float:
        return "number"
    if t is bool:
        return "boolean"
    if v is None:
        return "undefined"
    if v is NULL:
        return "object"
    if t is JSFunction or t is NativeFunction:
        return "function"
    return "object"


def to_primitive(v: JSValue, hint: str = "default") -> JSValue:
    """ToPrimitive: valueOf / toString of an object (in hint order)."""
    if not isinstance(v, JSObject):
        return v
    order = ("toString", "valueOf") if hint == "string" else ("valueOf", "toString")
    for name in order:
        f = get(v, name)
        if is_callable(f):
            r = call(f, v, [])
            if not isinstance(r, JSObject):
                return r
    raise throw("TypeError", "Cannot convert object to primitive value")


def to_string(v: JSValue) -> str:
    t = type(v)
    if t is str:
        return v  # type: ignore[no-any-return]
    if t is int:
        return str(v)
    if t is float:
        return number_to_string(v)
    if t is bool:
        return "true" if v else "false"
    if v is None:
        return "undefined"
    if v is NULL:
        return "null"
    return to_string(to_primitive(v, "string"))


def to_numeric(v: JSValue) -> int | float:
    return to_number(v)


def to_key(v: JSValue) -> str:
    """ToPropertyKey."""
    t = type(v)
    if t is str:
        return v  # type: ignore[no-any-return]
    if t is int:
        return str(v)
    return to_string(v)


def to_boolean(v: JSValue) -> bool:
    t = type(v)
    if t is bool:
        return v  # type: ignore[no-any-return]
    if t is int:
        return bool(v != 0)
    if t is str:
        return bool(v != "")
    if t is float:
        return not (v == 0 or v != v)
    return not (v is None or v is NULL)


def to_integer(v: JSValue) -> int | float:
    """ToIntegerOrInfinity."""
    n = to_number(v)
    if type(n) is int:
        return n
    if n != n:
        return 0
    if math.isinf(n):
        return n
    return int(n)


def is_callable(v: JSValue) -> bool:
    t = type(v)
    return t is JSFunction or t is NativeFunction


# -- property access ---------------------------------------------------------------------

def private_message(key: str, write: bool, present: bool = False) -> str:
    """node's TypeError message for ``o.#x`` (read or write) on an object without private
    name ``#x``: the brand check of a private member's get and put, in both VMs. A
    method's or accessor's key (values.private_member_key) names its class, and a write
    to a method the object has (``present``) is refused as node refuses it."""
    name, member = private_parts(key)
    if member:
        if present:
            return f"Private method '#{name}' is not writable"
        if member[0] == "s":
            return f"Receiver must be class {member[1:]}"
        return f"Receiver must be an instance of class {member[1:]}"
    if write:
        return (f"Cannot write private member {key_text(key)} to an object whose class "
                "did not declare it")
    return (f"Cannot read private member {key_text(key)} from an object whose class "
            "did not declare it")


def nullish_message(what: str, key: str, write: bool) -> str:
    """node's TypeError for reading (``write``: setting) ``key`` of undefined or null
    (``what``), in both VMs: a private method's or accessor's key names its class, as
    node's brand check does (values.private_member_key)."""
    member = private_parts(key)[1]
    if member[:1] == "s":
        return f"Receiver must be class {member[1:]}"
    if member:
        return f"Cannot read properties of {what} (reading '{member[1:]}')"
    if write:
        return f"Cannot set properties of {what} (setting '{key_text(key)}')"
    return f"Cannot read properties of {what} (reading '{key_text(key)}')"


def accessor_message(key: str, getter: bool) -> str:
    """node's TypeError for reading private accessor ``key`` that has no getter, or
    writing one that has no setter (both VMs)."""
    return f"'{key_text(key)}' was defined without a {'getter' if getter else 'setter'}"


def proto_of_primitive(v: JSValue, key: str) -> JSObject:
    t = type(v)
    if t is str:
        return R.string_proto
    if t is int or t is float:
        return R.number_proto
    if t is bool:
        return R.boolean_proto
    what = "undefined" if v is None else "null"
    raise throw("TypeError", nullish_message(what, key, False))


def get(o: JSValue, key: str) -> JSValue:
    """``o[key]`` for any value ``o`` and a property key string."""
    if isinstance(o, JSObject):
        return obj_get(o, key, o)
    if type(o) is str:
        if key == "length":
            return len(o)
        if is_index_key(key):
            i = int(key)
            return o[i] if i < len(o) else None
    return obj_get(proto_of_primitive(o, key), key, o)


def obj_get(o: JSObject, key: str, receiver: JSValue) -> JSValue:
    """Look ``key`` up on ``o`` and its prototypes; getters run with ``receiver``."""
    t = type(o)
    if t is JSArray:
        if key == "length":
            return len(o.elems)  # type: ignore[attr-defined]
        if is_index_key(key):
            el = o.elems  # type: ignore[attr-defined]
            ix = int(key)
            if ix < len(el) and el[ix] is not HOLE:
                return el[ix]
    elif (t is JSFunction or t is NativeFunction) and key not in o.shape.index:
        fo: Any = o
        if key == "prototype" and t is JSFunction and fo.code.kind == "normal":
            p = JSObject(R.object_proto)
            p.put("constructor", o)
            o.put("prototype", p)
            return p
        if key == "name":
            return fo.code.name if t is JSFunction else fo.name
        if key == "length":
            return fo.code.length if t is JSFunction else fo.length
    cur: JSObject | None = o
    while cur is not None:
        sh = cur.shape
        i = sh.index.get(key)
        if i is not None:
            v = cur.slots[i]
            if type(v) is Accessor:
                if v.get is None:
                    if key.startswith(PRIVATE):
                        raise throw("TypeError", accessor_message(key, True))
                    return None
                return call(v.get, receiver, [])
            return v
        cur = sh.proto
        if type(cur) is JSArray and is_index_key(key):
            el = cur.elems
            j = int(key)
            if j < len(el) and el[j] is not HOLE:
                return el[j]
    if key.startswith(PRIVATE):
        raise throw("TypeError", private_message(key, False))
    return None


def find_setter(o: JSObject, key: str) -> Accessor | None:
    cur: JSObject | None = o
    while cur is not None:
        sh = cur.shape
        i = sh.index.get(key)
        if i is not None:
            v = cur.slots[i]
            if type(v) is Accessor:
                return v
            return None
        cur = sh.proto
    return None


def primitive_store_message(v: JSValue, key: str) -> str:
    """node's TypeError for strict code's ``v[key] = x`` on string, number or boolean
    ``v`` (both VMs; sloppy code loses the store)."""
    kind = "string" if type(v) is str else "boolean" if type(v) is bool else "number"
    text = v if type(v) is str else to_string(v)
    if type(v) is str and (key == "length" or (is_index_key(key) and int(key) < len(v))):
        return f"Cannot assign to read only property '{key}' of {kind} '{text}'"
    return f"Cannot create property '{key}' on {kind} '{text}'"


#: Math's and Number's constants, read-only data properties: a store is lost in sloppy
#: code and node's TypeError in strict code (both VMs; their store caches and the JIT's
#: pass them over). A function's ``name`` and ``length`` and a class's ``prototype`` are
#: read-only too (READ_ONLY_KEYS: the keys a store checks).
READ_ONLY_CONSTANTS = frozenset((
    "E", "LN10", "LN2", "LOG10E", "LOG2E", "PI", "SQRT1_2", "SQRT2", "EPSILON",
    "MAX_SAFE_INTEGER", "MIN_SAFE_INTEGER", "MAX_VALUE", "MIN_VALUE", "NaN",
    "NEGATIVE_INFINITY", "POSITIVE_INFINITY"))
READ_ONLY_KEYS = READ_ONLY_CONSTANTS | {"name", "length", "prototype"}


def read_only_message(key: str, what: str) -> str:
    """node's TypeError for strict code's store to a read-only data property (``what``:
    ``object '#<Object>'``, ``function '<its source text>'``)."""
    return f"Cannot assign to read only property '{key}' of {what}"


def read_only(o: JSObject, key: str) -> bool:
    """Whether ``o[key] = v`` meets a read-only data property of ``key`` in READ_ONLY_KEYS:
    a function's own virtual ``name`` or ``length``, a class's ``prototype``, or a
    constant of Math or Number, on ``o`` or the prototype it would be found on."""
    t = type(o)
    if t is JSFunction or t is NativeFunction:
        if key == "prototype":
            return t is JSFunction and bool(o.code.is_class_ctor)  # type: ignore[attr-defined]
        if (key == "name" or key == "length") and key not in o.shape.index:
            return True
    if key not in READ_ONLY_CONSTANTS:
        return False
    cur: JSObject | None = o
    while cur is not None:
        if key in cur.shape.index:
            return any(cur is h for h in R.constant_holders)
        cur = cur.shape.proto
    return False


def _read_only_store(o: JSObject, key: str, strict: bool) -> None:
    """A store read_only refused: lost in sloppy code, node's TypeError in strict code."""
    if not strict:
        return
    t = type(o)
    if t is JSFunction:
        text = function_text(o.code)  # type: ignore[attr-defined]
        what = f"function '{text if text is not None else o.code.name}'"  # type: ignore[attr-defined]
    elif t is NativeFunction:
        what = f"function 'function {o.name}() {{ [native code] }}'"  # type: ignore[attr-defined]
    else:
        what = f"object '{to_display(o)}'"
    raise throw("TypeError", read_only_message(key, what))


def getter_only_message(key: str, what: str) -> str:
    """node's TypeError for strict code's store to an accessor without a setter (``what``:
    the object as node names it, ``#<A>``)."""
    return f"Cannot set property {key_text(key)} of {what} which has only a getter"


def put(o: JSValue, key: str, value: JSValue, strict: bool = False) -> None:
    """``o[key] = value`` (setters, array length and indexes); ``strict``: strict code's,
    where a store sloppy code loses is node's TypeError."""
    if not isinstance(o, JSObject):
        if o is None or o is NULL:
            what = "undefined" if o is None else "null"
            raise throw("TypeError", nullish_message(what, key, True))
        if key.startswith(PRIVATE):
            raise throw("TypeError", private_message(key, True))
        if strict:
            raise throw("TypeError", primitive_store_message(o, key))
        return  # primitives: silently ignored (sloppy mode)
    if type(o) is JSArray:
        if key == "length":
            set_length(o, value)
            return
        if is_index_key(key):
            set_index(o, int(key), value)
            return
    if key in READ_ONLY_KEYS and read_only(o, key):
        _read_only_store(o, key, strict)
        return
    sh = o.shape
    i = sh.index.get(key)
    if i is not None:
        v = o.slots[i]
        if type(v) is Accessor:
            if v.set is None:
                if key.startswith(PRIVATE):
                    raise throw("TypeError", accessor_message(key, False))
                if strict:
                    raise throw("TypeError", getter_only_message(key, to_display(o)))
                return
            call(v.set, o, [value])
            return
        o.slots[i] = value
        return
    acc = find_setter(sh.proto, key) if sh.proto is not None else None
    if acc is not None:
        if acc.set is not None:
            call(acc.set, o, [value])
        elif key.startswith(PRIVATE):
            raise throw("TypeError", accessor_message(key, False))
        elif strict:
            raise throw("TypeError", getter_only_message(key, to_display(o)))
        return
    if key.startswith(PRIVATE):
        present = has_property(o, key)  # (a method: no getter to run)
        raise throw("TypeError", private_message(key, True, present))
    o.put(key, value)


def define_data(o: JSObject, key: str, value: JSValue) -> None:
    """Object.defineProperty's data property ``key`` of ``o``, own: no setter of a
    prototype runs and no read-only rule applies (a function's ``name`` or ``length`` is
    replaced); an array's ``length`` or index as its store."""
    if type(o) is JSArray and (key == "length" or is_index_key(key)):
        put(o, key, value)
        return
    o.put(key, value)


MAX_DENSE_GAP = 1 << 20


def set_index(a: JSArray, i: int, value: JSValue) -> None:
    el = a.elems
    n = len(el)
    if i < n:
        el[i] = value
    elif i == n:
        el.append(value)
    else:
        if i - n > MAX_DENSE_GAP:
            raise throw("RangeError", f"array index {i} is too far past the end "
                        f"(length {n}) for a64js's dense arrays")
        el.extend([HOLE] * (i - n))
        el.append(value)


def array_like_length(length: JSValue) -> int:
    """How many elements an array-like's ``length`` asks for (ToLength), when a list or
    array of them is made (Function.prototype.apply, Array.from): node's RangeError past
    2**32 - 1, a64js's own past what its dense arrays hold. Both VMs use this rule."""
    n = to_integer(length)
    if n <= 0:
        return 0
    if n > 0xFFFFFFFF:
        raise throw("RangeError", "Invalid array length")
    if n > MAX_DENSE_GAP * 16:
        raise throw("RangeError", f"array length {int(n)} is too large for a64js")
    return int(n)


def set_length(a: JSArray, value: JSValue) -> None:
    n: Any = to_number(value)
    if type(n) is float:
        if not n.is_integer():
            raise throw("RangeError", "Invalid array length")
        n = int(n)
    if not 0 <= n <= 0xFFFFFFFF:
        raise throw("RangeError", "Invalid array length")
    el = a.elems
    if n <= len(el):
        del el[n:]
    else:
        if n - len(el) > MAX_DENSE_GAP * 16:
            raise throw("RangeError", f"array length {n} is too large for a64js")
        el.extend([HOLE] * (n - len(el)))


def get_elem(o: JSValue, k: JSValue) -> JSValue:
    """``o[k]`` for a computed key."""
    tk = type(k)
    if tk is float and k.is_integer() and 0 <= k <= 9007199254740992.0:  # (a larger
        # one's key is its shortest digits: "1e+21", "123456789012345680000")
        k = int(k)
        tk = int
    if tk is int and 0 <= k < 4294967295:  # (an array index: 2**32 - 1 is a name)
        to = type(o)
        if to is JSArray:
            el = o.elems
            if k < len(el):
                v = el[k]
                if v is not HOLE:
                    return v
            return obj_get(o.shape.proto, str(k), o) if o.shape.proto is not None else None
        if to is str:
            return o[k] if k < len(o) else None
    return get(o, to_key(k))


def put_elem(o: JSValue, k: JSValue, v: JSValue, strict: bool = False) -> None:
    tk = type(k)
    if tk is float and k.is_integer() and 0 <= k <= 9007199254740992.0:  # (a larger
        # one's key is its shortest digits: "1e+21", "123456789012345680000")
        k = int(k)
        tk = int
    if tk is int and 0 <= k < 4294967295 and type(o) is JSArray:
        set_index(o, k, v)
        return
    put(o, to_key(k), v, strict)


def has_property(o: JSValue, key: JSValue) -> bool:
    """``key in o``."""
    if not isinstance(o, JSObject):
        raise throw("TypeError", f"Cannot use 'in' operator to search for "
                                 f"'{to_string(key)}' in {to_string(o)}")
    k = to_key(key)
    cur: JSObject | None = o
    while cur is not None:
        if type(cur) is JSArray:
            if k == "length":
                return True
            if is_index_key(k):
                i = int(k)
                if i < len(cur.elems) and cur.elems[i] is not HOLE:
                    return True
        if k in cur.shape.index:
            return True
        cur = cur.shape.proto
    return False


def own_keys(o: JSObject) -> list[str]:
    """Own enumerable string keys in order (array indexes first)."""
    keys: list[str] = []
    if type(o) is JSArray:  # (an array iterator's values are not its properties)
        keys = [] if o.cls == "Array Iterator" else \
            [str(i) for i, v in enumerate(o.elems) if v is not HOLE]
        named = o.own_keys()
        if named:  # (Array.prototype's methods, a defineProperty'd hidden name)
            hidden = hidden_keys(o, named)
            named = [k for k in named if k not in hidden] if hidden else named
        return keys + named
    keys = o.own_keys()
    if o.cls == "Error":  # an error's message is not enumerable
        keys = [k for k in keys if k != "message"]
    hidden = hidden_keys(o, keys)
    return [k for k in keys if k not in hidden] if hidden else keys


def hidden_keys(o: JSObject, keys: list[str]) -> set[str]:
    """The own keys of ``o`` that are not enumerable. This VM keeps no attributes: they
    follow from how the keys were made, as in the heap VM (hvm.core._hidden_keys): a
    function's ``prototype``, a prototype object's ``constructor``, and the methods and
    accessors of a class's constructor and prototype."""
    hidden: set[str] = set()
    t = type(o)
    cls = False
    if t is JSFunction or t is NativeFunction:
        if "prototype" in keys:
            hidden.add("prototype")
        cls = isinstance(o, JSFunction) and o.code.is_class_ctor
    if "constructor" in keys:
        c = o.get_own("constructor")
        if isinstance(c, JSFunction | NativeFunction) and c.get_own("prototype") is o:
            hidden.add("constructor")
            cls = type(c) is JSFunction and c.code.is_class_ctor
    if cls:
        hidden.update(k for k in keys if is_method_of(o, k, o.get_own(k)))
    if HIDDEN in o.shape.index:  # made non-enumerable by Object.defineProperty
        hidden.update(str(o.get_own(HIDDEN)).split("\x00"))
    return hidden


def is_method_of(o: JSObject, key: str, v: JSValue) -> bool:
    """Whether ``v``, own ``key`` of class prototype or constructor ``o``, is what the
    class body defined (an accessor, or a method: a function named ``key`` whose home
    object is ``o``; hvm.core._is_method_of): not enumerable, where a function stored
    later, as ``C.prototype.f = function () {}``, is."""
    if type(v) is Accessor:
        return True
    if type(v) is not JSFunction or v.home is not o:
        return False
    own = v.get_own("name")  # (a computed key's method: name_method)
    return (own if type(own) is str else v.code.name) == key


def name_method(fn: JSFunction, key: str) -> None:
    """A method defined under a computed key is named by it (``[k]() {}``: the compiler
    left its name empty): an own, hidden ``name`` (hvm.core.name_method)."""
    if "name" not in fn.shape.index:
        fn.put("name", key)
        hide_key(fn, "name")


def hide_key(o: JSObject, key: str) -> None:
    """Make own property ``key`` of ``o`` non-enumerable (as hvm.core.hide_key)."""
    set_key_attr(o, HIDDEN, key, True)


_module_lines: dict[str, list[str]] = {}


def function_text(code: Any) -> str | None:
    """Function.prototype.toString of a JavaScript function (both VMs): its source text,
    cut from its module's source where the compiler saw it (Code.text_at; the module is
    read again: a cached program has no tree), as JavaScript units; None when unknown."""
    at = code.text_at
    if not at:
        return None
    lines = _module_lines.get(code.filename)
    if lines is None:
        from .compiler import read_source
        from .errors import JSCompileError
        try:
            # (the compiler's lines; the parser's columns count UTF-16 units)
            lines = js_str(read_source(code.filename)).split("\n")
        except JSCompileError:
            return None
        _module_lines[code.filename] = lines
    l0, c0, l1, c1 = at
    if not 1 <= l0 <= l1 <= len(lines):
        return None
    if l0 == l1:
        return str(lines[l0 - 1][c0:c1])
    return "\n".join([lines[l0 - 1][c0:], *lines[l0:l1 - 1], lines[l1 - 1][:c1]])


def hide_all(o: JSObject) -> None:
    """Make every own property of built-in ``o`` non-enumerable, as node's built-in
    constructors', namespaces' and prototypes' are (hvm.core.hide_all)."""
    names = str(o.get_own(HIDDEN)).split("\x00") if HIDDEN in o.shape.index else []
    keys = [k for k in o.own_keys() if k not in names]
    if keys:
        o.put(HIDDEN, "\x00".join(names + keys))


def descriptor(value: JSValue, writable: bool | None, enumerable: bool, configurable: bool,
               getter: JSValue = None, setter: JSValue = None) -> JSObject:
    """A property descriptor object as Object.getOwnPropertyDescriptor makes it: a data
    property's (``writable`` a bool) or, with ``writable`` None, an accessor's."""
    d = JSObject(R.object_proto)
    if writable is None:
        d.put("get", getter)
        d.put("set", setter)
    else:
        d.put("value", value)
        d.put("writable", writable)
    d.put("enumerable", enumerable)
    d.put("configurable", configurable)
    return d


def key_attr(o: JSObject, which: str, key: str) -> bool:
    """Whether own ``key`` of ``o`` is listed under ``which`` (HIDDEN: not enumerable,
    FIXED: not configurable), the names Object.defineProperty set."""
    return which in o.shape.index and key in str(o.get_own(which)).split("\x00")


def set_key_attr(o: JSObject, which: str, key: str, on: bool) -> None:
    """List (``on``) or unlist own ``key`` of ``o`` under ``which`` (HIDDEN, FIXED)."""
    names = str(o.get_own(which)).split("\x00") if which in o.shape.index else []
    if on and key not in names:
        o.put(which, "\x00".join([*names, key]))
    elif not on and key in names:
        names.remove(key)
        o.put(which, "\x00".join(names))


class Unsupported(JSCompileError):
    """A construct outside the subset met while the program runs (the Python VM): not a
    JavaScript exception a program could catch, but exit 2 naming the construct and (once
    the interpreter has located it) its place ``FILE:LINE:COLUMN``, as the heap VM's."""

    located = False

    def at(self, filename: str, line: int, col: int) -> Unsupported:
        """This error with its place (once: the innermost place)."""
        if self.located:
            return self
        e = Unsupported(f"{filename}:{line}:{col}: {self}")
        e.located = True
        return e


class DescriptorError(Exception):
    """What Object.defineProperty cannot do: ``kind`` is "TypeError" (node's error,
    ``message`` its text) or "unsupported" (outside what a64js keeps)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def define_plan(key: str, names: list[str], flag: Callable[[str], bool],
                existed: str | None, hidden: bool, fixed: bool) -> tuple[str, bool, bool]:
    """Object.defineProperty's rule in both VMs, from the descriptor's own ``names``
    (``flag(n)``: its ``n`` as a boolean) and the property before (``existed``: None,
    "data" or "accessor"; ``hidden``/``fixed``: not enumerable/configurable): what to
    define ("data": store the value, "accessor": the get/set, "attrs": neither) and
    whether the key is then hidden and fixed. An attribute left out keeps the property's
    (a new one's is false); a fixed property may only take a new value. a64js keeps no
    read-only data properties (a DescriptorError "unsupported")."""
    acc = "get" in names or "set" in names
    if acc and ("value" in names or "writable" in names):
        raise DescriptorError("TypeError", "Invalid property descriptor. Cannot both specify "
                              "accessors and a value or writable attribute")
    enumerable = flag("enumerable") if "enumerable" in names else (
        existed is not None and not hidden)
    configurable = flag("configurable") if "configurable" in names else (
        existed is not None and not fixed)
    if existed is not None and fixed and (
            configurable or enumerable == hidden
            or (acc and existed == "data") or ("value" in names and existed == "accessor")):
        raise DescriptorError("TypeError", f"Cannot redefine property: {key_text(key)}")
    if not acc and existed != "accessor":
        writable = flag("writable") if "writable" in names else existed == "data"
        if not writable:
            raise DescriptorError("unsupported", "Object.defineProperty of a read-only data "
                                  "property (give writable: true)")
    what = "accessor" if acc else "data" if "value" in names or existed is None else "attrs"
    return what, not enumerable, not configurable


def destructure_message(what: str, value: str) -> str:
    """node's TypeError for destructuring undefined or null (``value``, its text):
    ``what`` is RequireObject's constant, the first property's name (after a \\x01 when
    it has a default) and, after a NUL, the source text of the value's expression when
    the compiler knew it."""
    prop, _, text = what.partition("\x00")
    if text == "\x02":  # (a parameter's value: named by its type)
        text = "object null" if value == "null" else value
    text = text or value
    if prop[:1] == "\x01":  # a first property with a default: node reads it
        if len(prop) == 1:  # (a nested pattern that reads none: {} or {...r})
            return f"Cannot read properties of {value}"
        return f"Cannot read properties of {value} (reading '{prop[1:]}')"
    if prop:
        return f"Cannot destructure property '{prop}' of '{text}' as it is {value}."
    return f"Cannot destructure '{text}' as it is {value}."


def no_iterator_message(what: str) -> str:
    """node's TypeError for a value with no Symbol.iterator (``what``: ``object``, or the
    type and the value: ``number 5``)."""
    return f"{what} is not iterable (cannot read property Symbol(Symbol.iterator))"


def not_entry_message(text: str) -> str:
    """node's TypeError for an Object.fromEntries item that is not an object."""
    return f"Iterator value {text} is not an entry object"


def not_iterable_message(note: str | None, value: str, text: str = "") -> str:
    """node's TypeError for iterating ``value`` (undefined, null or the type of a number
    or boolean; ``text``: the value as a string) where the compiler noted ``note``
    (Code.texts): a message naming the source; \\x01 and the source for a call's spread
    argument; \\x02 for an array pattern's value named by its type and value."""
    if not note:
        return f"{value} is not iterable"
    if note[0] == "\x02":
        what = value if value == "undefined" else f"object {value}" if value == "null" \
            else f"{value} {text}"
        return no_iterator_message(what)
    if note[0] != "\x01":
        return note
    if value in ("undefined", "null"):
        return f"{note[1:]} is not iterable (cannot read property {value})"
    return "Spread syntax requires ...iterable[Symbol.iterator] to be a function"


def object_not_iterable_message(note: str | None) -> str:
    """node's TypeError for iterating an object where the compiler noted ``note`` (as
    not_iterable_message's): no object is iterable in the subset, which has no
    Symbol.iterator (node's wording for a value some forms name by source text)."""
    if note and note[0] == "\x02":
        return no_iterator_message("object")
    return not_iterable_message(note, "object")


def delete_message(key: str, what: str) -> str:
    """node's TypeError for a failed ``delete`` in strict code (``what``: the object as
    node names it, ``#<Object>``, ``[object Array]``)."""
    return f"Cannot delete property '{key_text(key)}' of {what}"


def delete_prop(o: JSValue, key: str) -> bool:
    """``delete o[key]``: false for what cannot be deleted (a non-configurable property:
    a function's ``prototype``, an array's ``length``, a FIXED key)."""
    if not isinstance(o, JSObject):
        if o is None or o is NULL:
            raise throw("TypeError", "Cannot convert undefined or null to object")
        return True
    t = type(o)
    if t is JSArray:
        if key == "length":
            return False
        if is_index_key(key):
            el = o.elems  # type: ignore[attr-defined]
            if int(key) < len(el):
                el[int(key)] = HOLE
            return True
    elif key == "prototype" and (
            (t is JSFunction and o.code.kind in ("normal", "ctor"))  # type: ignore[attr-defined]
            or (t is NativeFunction and "prototype" in o.shape.index)):
        return False
    if FIXED in o.shape.index and key_attr(o, FIXED, key):
        return False
    if key in o.shape.index:
        o.remove(key)
        if HIDDEN in o.shape.index:
            set_key_attr(o, HIDDEN, key, False)  # re-added later, it is enumerable again
    return True


def call(fn: JSValue, this: JSValue, args: list[JSValue]) -> JSValue:
    """Call any callable JavaScript value."""
    t = type(fn)
    if t is JSFunction:
        if fn.code.is_class_ctor:
            raise throw("TypeError", f"Class constructor {fn.code.name} cannot be invoked "
                                     "without 'new'")
        return R.run(fn, this, args)
    if t is NativeFunction:
        return fn.fn(this, args)
    raise throw("TypeError", f"{to_display(fn)} is not a function")


def construct(fn: JSValue, args: list[JSValue], desc: str = "") -> JSValue:
    """``new fn(...args)``."""
    t = type(fn)
    if t is JSFunction:
        if fn.code.kind in ("arrow", "method"):
            raise throw("TypeError", f"{desc or fn.code.name} is not a constructor")
        proto = obj_get(fn, "prototype", fn)
        if not isinstance(proto, JSObject):
            proto = R.object_proto
        obj = JSObject(proto)
        if fn.code.is_derived:
            base = fn
            while type(base) is JSFunction and base.code.is_derived:
                base = base.shape.proto
            if type(base) is NativeFunction and base.cls == "ErrorCtor":
                obj.cls = "Error"
        r = R.run(fn, obj, args)
        return r if isinstance(r, JSObject) else obj
    if t is NativeFunction and fn.ctor is not None:
        return fn.ctor(None, args)
    raise throw("TypeError", f"{desc or to_display(fn)} is not a constructor")


def to_display(v: JSValue) -> str:
    """A short description of a value for error messages."""
    if type(v) is str:
        return v
    if isinstance(v, JSObject):
        if type(v) is JSArray:
            return to_string(v)
        c = obj_get(v, "constructor", v)
        name = c.code.name if type(c) is JSFunction else getattr(c, "name", "Object")
        return f"#<{name or 'Object'}>"
    return to_string(v)


# -- operators ---------------------------------------------------------------------------

def add_slow(x: JSValue, y: JSValue) -> JSValue:
    tx, ty = type(x), type(y)
    if (tx is int or tx is float) and (ty is int or ty is float):
        r = x + y
        if type(r) is int and not -9007199254740992 <= r <= 9007199254740992:
            return float(r)
        return r
    if tx is str and ty is str:
        return x + y
    x = to_primitive(x)
    y = to_primitive(y)
    if type(x) is str or type(y) is str:
        return to_string(x) + to_string(y)
    return arith("+", to_number(x), to_number(y))


def arith(op: str, x: int | float, y: int | float) -> Any:
    """Numeric + - * on numbers (ints stay ints while exact)."""
    if op == "+":
        r = x + y
    elif op == "-":
        r = x - y
    else:
        r = x * y
        if r == 0 and type(r) is int and (x < 0 or y < 0):
            return -0.0
    if type(r) is int and not -9007199254740992 <= r <= 9007199254740992:
        return float(r)
    return r


def sub(x: JSValue, y: JSValue) -> Any:
    return arith("-", to_number(x), to_number(y))


def mul(x: JSValue, y: JSValue) -> Any:
    return arith("*", to_number(x), to_number(y))


def div(x: JSValue, y: JSValue) -> Any:
    x = to_number(x)
    y = to_number(y)
    if y == 0:
        if x == 0 or x != x:
            return math.nan
        neg = (math.copysign(1.0, x) < 0) != (math.copysign(1.0, y) < 0)
        return -math.inf if neg else math.inf
    if type(x) is int and type(y) is int:
        if x % y == 0:
            q = x // y
            if q == 0 and (x < 0) != (y < 0):
                return -0.0
            return q
        return x / y
    r = x / y
    return r


def mod(x: JSValue, y: JSValue) -> Any:
    x = to_number(x)
    y = to_number(y)
    if type(x) is int and type(y) is int and y != 0:
        r = abs(x) % abs(y)
        if x < 0:
            return -r if r else -0.0
        return r
    if y == 0 or x != x or y != y or math.isinf(x):
        return math.nan
    if math.isinf(y):
        return x
    if x == 0:
        return x
    return math.fmod(x, y)


def power(x: JSValue, y: JSValue) -> Any:
    """``x ** y`` and Math.pow: node's double (V8's fdlibm pow, see jsmath.pow), as an int
    when integral in the safe range."""
    x = to_number(x)
    y = to_number(y)
    # an integer power whose value is a safe integer is exact in fdlibm's pow too: Python's
    # integers give it without the double arithmetic (the exponent's size bounds the work)
    if type(x) is int and type(y) is int and 0 <= y <= 64 and -2 ** 26 <= x <= 2 ** 26:
        r = x ** y
        if -9007199254740992 <= r <= 9007199254740992:
            return r
    return normalize(jsmath.pow(x, y))


def compare(x: JSValue, y: JSValue, left_first: bool = True) -> bool | None:
    """Abstract relational comparison x < y (None: undefined, i.e. a NaN was involved);
    ``left_first`` False: y is the left operand (a > b is b < a), converted first."""
    if left_first:
        x = to_primitive(x, "number")
        y = to_primitive(y, "number")
    else:
        y = to_primitive(y, "number")
        x = to_primitive(x, "number")
    if type(x) is str and type(y) is str:
        return bool(x < y)
    nx = to_number(x)
    ny = to_number(y)
    if nx != nx or ny != ny:
        return None
    return nx < ny


def lt(x: JSValue, y: JSValue) -> bool:
    return compare(x, y) is True


def gt(x: JSValue, y: JSValue) -> bool:
    return compare(y, x, False) is True


def le(x: JSValue, y: JSValue) -> bool:
    r = compare(y, x, False)
    return r is False


def ge(x: JSValue, y: JSValue) -> bool:
    r = compare(x, y)
    return r is False


def strict_eq(x: JSValue, y: JSValue) -> bool:
    tx, ty = type(x), type(y)
    if tx is ty:
        if tx is str or tx is int or tx is float or tx is bool:
            return x == y  # type: ignore[no-any-return]
        return x is y
    if (tx is int and ty is float) or (tx is float and ty is int):
        return x == y  # type: ignore[no-any-return]
    return False


def loose_eq(x: JSValue, y: JSValue) -> bool:
    tx, ty = type(x), type(y)
    if tx is ty or ((tx is int or tx is float) and (ty is int or ty is float)):
        return strict_eq(x, y)
    if (x is None or x is NULL) and (y is None or y is NULL):
        return True
    if x is None or x is NULL or y is None or y is NULL:
        return False
    if tx is bool:
        return loose_eq(1 if x else 0, y)
    if ty is bool:
        return loose_eq(x, 1 if y else 0)
    xo, yo = isinstance(x, JSObject), isinstance(y, JSObject)
    if xo and not yo:
        return loose_eq(to_primitive(x), y)
    if yo and not xo:
        return loose_eq(x, to_primitive(y))
    if xo and yo:
        return x is y
    return strict_eq(to_number(x), to_number(y))


#: The own key of a bound function holding its target (Function.prototype.bind)
BOUND_TARGET = "\x00target"


def instance_of(x: JSValue, f: JSValue) -> bool:
    if not is_callable(f):
        what = "callable" if isinstance(f, JSObject) else "an object"
        raise throw("TypeError", f"Right-hand side of 'instanceof' is not {what}")
    if type(f) is NativeFunction and BOUND_TARGET in f.shape.index:
        return instance_of(x, f.get_own(BOUND_TARGET))  # a bound function: its target's
    if not isinstance(x, JSObject):
        return False
    proto = get(f, "prototype")
    if not isinstance(proto, JSObject):
        raise throw("TypeError", f"Function has non-object prototype '{to_string(proto)}' "
                                 "in instanceof check")
    return on_proto_chain(x, proto)


def on_proto_chain(x: JSObject, proto: JSObject) -> bool:
    """Whether ``proto`` is on ``x``'s prototype chain (instanceof, isPrototypeOf)."""
    cur = x.shape.proto
    while cur is not None:
        if cur is proto:
            return True
        cur = cur.shape.proto
    return False


def int_result(r: int) -> int | float:
    return r


__all__ = [
    "ACCESSOR_EPOCH", "BOUND_TARGET", "R", "Realm", "add_slow", "arith", "call", "compare",
    "construct", "DescriptorError", "define_plan", "delete_message", "destructure_message",
    "delete_prop", "descriptor", "div", "get", "get_elem", "has_property", "hidden_keys",
    "instance_of",
    "is_callable", "key_attr", "key_text", "loose_eq", "make_error", "mod", "mul", "name_method",
    "not_iterable_message", "normalize", "READ_ONLY_CONSTANTS", "READ_ONLY_KEYS", "read_only",
    "read_only_message", "accessor_message", "nullish_message",
    "obj_get", "on_proto_chain", "own_keys", "power", "private_message", "put",
    "put_elem", "set_index", "set_key_attr", "set_length", "strict_eq", "sub", "throw",
    "to_boolean", "to_integer", "to_key", "to_primitive", "to_string", "typeof", "Unsupported",
]
