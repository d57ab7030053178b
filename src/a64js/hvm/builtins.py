"""The heap VM's realm: the global object and the built-ins on heap values.

Built-ins that take and return only primitives (Math, parseInt, the String methods ...)
are the Python-object VM's own functions behind an adapter (``wrap``): arguments are
converted from words, the result back to a word, so their rules live in one place
(``a64js.builtins``); the hottest of them (``DIRECT``: charCodeAt, charAt, substring,
slice, indexOf, fromCharCode, Math.floor/ceil/trunc/abs/sqrt) take their common case
straight from the words and fall back to the adapted function for the rest. Those that
hold heap values (Array methods, Object.keys, Error,
console.log) are written here. ``console.log`` mirrors its arguments into the Python
VM's objects and formats them with ``a64js.inspect`` (node's rules, in one place).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import math
import os
import sys
import time
from array import array
from collections.abc import Callable
from typing import Any

from .. import builtins as pyb
from ..heap import KIND_ARRAY, KIND_CLOSURE, KIND_OBJECT, Handle, Heap
from ..inspect import format_log
from ..runtime import (
    MAX_DENSE_GAP,
    DescriptorError,
    array_like_length,
    define_plan,
    function_text,
    no_iterator_message,
    not_entry_message,
)
from ..runtime import R as PR
from ..runtime import hide_key as py_hide_key
from ..values import (
    ARGUMENTS,
    ARGUMENTS_MARK,
    FIXED,
    HOLE,
    NULL,
    JSArray,
    JSFunction,
    JSObject,
    JSThrow,
    NativeFunction,
    host_str,
    is_index_key,
    js_str,
    normalize,
    number_to_string,
)
from ..words import CANONICAL_NAN, REF_BASE, TAG_SHIFT
from . import core
from . import interp as _interp
from .core import (
    FALSE_WORD,
    HOLE_WORD,
    INT_BASE,
    NATIVE_BASE,
    NULL_WORD,
    TRUE_WORD,
    UNDEFINED_WORD,
    HThrow,
    Native,
    R,
    array_words,
    call,
    get_prop,
    int_of,
    is_number,
    is_object,
    is_string,
    kind_of,
    new_str,
    num_word,
    str_of,
    throw,
    to_num,
    to_str,
    truthy,
    unsupported,
)

# the object-literal instructions written in core (the interpreter's own, if it has them,
# come first)
for _name, _fac in core.OBJECT_OPS.items():
    _interp.FACTORIES.setdefault(_name, _fac)

Fn = Callable[[int, list[int]], int]
Ctor = Callable[[int | None, list[int]], int]



def exit_code(code: int) -> int:
    """The status of ``process.exit(code)`` or of a program ending with
    ``process.exitCode = code`` (heap VM: builtins.exit_status's rule); node's TypeError
    or RangeError thrown for a code that is not an integer."""
    kind = "null" if code == NULL_WORD else core.typeof(code)
    name: str | None = None
    if kind == "object":
        ctor = get_prop(code, "constructor")
        if core.typeof(ctor) == "function":
            name = to_str(get_prop(ctor, "name")) or None
    elif kind == "function":
        name = to_str(get_prop(code, "name"))
    text = name or "" if kind == "function" else (
        "" if kind in ("undefined", "null", "object") else host_str(to_str(code)))
    number = to_num(code) if kind in ("number", "string") else math.nan
    status = pyb.exit_status(kind, number, pyb.shown_value(kind, text, name))
    if isinstance(status, tuple):
        raise throw(*status)
    return status


def arg(args: list[int], i: int) -> int:
    return args[i] if i < len(args) else UNDEFINED_WORD


def native(name: str, fn: Fn, length: int = 0, ctor: Ctor | None = None) -> int:
    """A new function word for a built-in."""
    nat = Native(name, fn, length, ctor)
    if R.free_natives:
        i = R.free_natives.pop()
        R.natives[i] = nat
    else:
        i = len(R.natives)
        R.natives.append(nat)
    return R.heap.alloc_closure(R.fn_shape, NATIVE_BASE + i)


def _sweep_bound() -> None:
    """Give out again the native indices of bound functions that died (once per
    collection: a weak reference says so)."""
    heap = R.heap
    live = []
    for i, wi in R.bound:
        if heap.weak_get(wi) is None:
            heap.weak_release(wi)
            R.natives[i] = _DEAD
            R.free_natives.append(i)
        else:
            live.append((i, wi))
    R.bound = live


def _dead(this: int, args: list[int]) -> int:
    raise AssertionError("a dead bound function was called")


_DEAD = Native("dead", _dead, 0, None)


def put_native(obj: Handle, name: str, fn: Fn, length: int = 0,
               ctor: Ctor | None = None) -> None:
    R.heap.put(obj, name, native(name, fn, length, ctor))


# -- the adapter for the Python VM's primitive built-ins ----------------------------------

def to_py(w: int, what: str) -> Any:
    tag = w >> 48
    if tag == 0xFFF9:
        return int_of(w)
    if tag < 0xFFF9:
        return normalize(core.double_of(w))
    if w == UNDEFINED_WORD:
        return None
    if w == NULL_WORD:
        return NULL
    if w == TRUE_WORD:
        return True
    if w == FALSE_WORD:
        return False
    if is_string(w):
        return str_of(w)
    raise unsupported(f"{what} with an object argument")


def to_word(v: Any) -> int:
    t = type(v)
    if t is int or t is float:
        return num_word(v)
    if t is bool:
        return TRUE_WORD if v else FALSE_WORD
    if v is None:
        return UNDEFINED_WORD
    if v is NULL:
        return NULL_WORD
    if t is str:
        return new_str(v)
    if t is JSArray:
        hs = [R.heap.handle(to_word(x) if x is not HOLE else HOLE_WORD) for x in v.elems]
        return core.new_array_rooted(hs)
    if t is JSObject and v.shape.proto is PR.object_proto and not v.shape.accessors:
        with R.heap.handle(core.new_object(R.protos["Object"].word)) as o:
            for key in v.own_keys():
                R.heap.put(o, key, to_word(v.get_own(key)))
            return o.word
    raise unsupported(f"a built-in returning a {type(v).__name__}")


#: The arguments the adapted built-ins take as strings (by position; -1: every one): an
#: object there is converted with ToPrimitive(hint string), its toString before its
#: valueOf, as the Python VM's to_string does (the others take hint default).
STRING_ARGS: dict[str, tuple[int, ...]] = {
    "parseInt": (0,), "parseFloat": (0,), "encodeURIComponent": (0,), "encodeURI": (0,),
    "decodeURIComponent": (0,), "decodeURI": (0,),
    **{f"String.prototype.{m}": (0,) for m in (
        "indexOf", "lastIndexOf", "includes", "startsWith", "endsWith", "split", "search",
        "normalize")},
    "String.prototype.padStart": (1,), "String.prototype.padEnd": (1,),
    "String.prototype.concat": (-1,),
    "String.prototype.replace": (0, 1), "String.prototype.replaceAll": (0, 1),
}


#: The adapted built-ins that test their argument's type without converting it: an
#: object reaches them as undefined (the same answer: false), not as its valueOf.
NO_COERCION = frozenset(f"Number.{m}" for m in ("isInteger", "isSafeInteger", "isFinite",
                                                  "isNaN"))


def wrap(pyfn: Any, name: str) -> Fn:
    """A heap built-in calling the Python VM's ``pyfn`` on converted primitives."""
    # A String method converts an object receiver with ToPrimitive(hint string), as the
    # Python VM's this_str does on its values; other receivers (Math, a non-number for a
    # Number method) reach the Python VM's rule as undefined.
    string_method = name.startswith("String.prototype.")
    string_args = STRING_ARGS.get(name, ())
    if name in NO_COERCION:
        def test(this: int, args: list[int]) -> int:
            return to_word(pyfn.fn(None, [None if is_object(a) else to_py(a, name)
                                          for a in args]))
        return test

    def fn(this: int, args: list[int]) -> int:
        this_obj = string_method and is_object(this)
        t = to_py(this, name) if not is_object(this) else None
        fns: dict[int, Any] = {}
        if this_obj or any(is_object(a) for a in args):  # may run JavaScript and collect
            hs = [R.heap.handle(a) for a in args]
            try:
                if this_obj:  # the receiver first, as the spec's ToString(this)
                    t = to_py(core.to_primitive(this, "string"), name)
                for j, h in enumerate(hs):
                    if kind_of(h.word) == KIND_CLOSURE:  # a callback: through a proxy
                        fns[j] = _proxy(h.word)
                    elif j in string_args or -1 in string_args:
                        h.word = core.to_primitive(h.word, "string")
                    else:
                        h.word = core.to_primitive(h.word)
                args = [h.word for h in hs]
            finally:
                for h in hs:
                    h.release()
        try:
            r = pyfn.fn(t, [fns[j] if j in fns else to_py(a, name)
                            for j, a in enumerate(args)])
        except JSThrow as e:
            raise _rethrow(e) from None
        return to_word(r)
    return fn


def _array_like(obj: int) -> list[Handle]:
    """CreateListFromArrayLike of object ``obj``: handles of its elements 0 .. length-1
    (read with getters, which may collect: hence the handles), the length by the Python
    VM's rule (a64js.runtime.array_like_length)."""
    h = R.heap
    with h.handle(obj) as oh:
        try:
            n = array_like_length(core.to_num(core.get_prop(oh.word, "length")))
        except JSThrow as e:  # (the Python VM's RangeError, as this VM's)
            raise _rethrow(e) from None
        return [h.handle(core.get_elem(oh.word, INT_BASE | j)) for j in range(n)]


def _proxy(f: int) -> Any:
    """A Python VM function that calls heap function ``f`` (a callback given to a Python
    VM built-in: String.prototype.replace's replacer), converting primitives both ways."""
    fh = R.heap.handle(f)  # released with the proxy

    def run(this: Any, args: list[Any]) -> Any:
        hs = [R.heap.handle(to_word(x)) for x in args]
        try:
            r = call(fh.word, UNDEFINED_WORD, [h.word for h in hs])
        finally:
            for h in hs:
                h.release()
        if is_object(r):
            r = core.to_primitive(r)
        return to_py(r, "a callback's result")
    return NativeFunction(PR.function_proto, "callback", run, 0)


def wrap_object(src: JSObject, dst: Handle, prefix: str) -> None:
    """Every built-in function (and number) property of ``src`` onto ``dst`` (the hot
    ones of ``DIRECT`` on heap words, the adapted function their path for the rest)."""
    for key in src.own_keys():
        v = src.get_own(key)
        if type(v) is NativeFunction:
            fn = wrap(v, f"{prefix}{key}")
            fast = DIRECT.get(f"{prefix}{key}")
            put_native(dst, key, fn if fast is None else fast(fn), v.length)
        elif type(v) in (int, float):
            R.heap.put(dst, key, num_word(v))
    fixed = src.get_own(FIXED)  # the constants delete keeps (Math.PI)
    if type(fixed) is str:
        R.heap.put(dst, FIXED, new_str(fixed))


# -- the hottest primitive built-ins, on heap words ----------------------------------------
#
# Each takes the common case (a string receiver, number or undefined arguments) straight
# from the words and heap cells; any other receiver or argument (whose coercion may run
# JavaScript or throw) goes to ``slow``, the adapted Python VM built-in, so those rules stay
# in one place. A string cell is its header, its length in UTF-16 units, then the units
# (little-endian, four to a word, as Heap.alloc_string writes them).

_STR_TAG = REF_BASE >> TAG_SHIFT
_INT_HI = INT_BASE >> 32
_DBL_TAGS = INT_BASE >> TAG_SHIFT  # tags below the int32 tag are doubles


def _str_cell(w: int) -> int:
    """Word index of string ``w``'s cell in the current semispace, -1 for a non-string."""
    if w >> TAG_SHIFT != _STR_TAG:
        return -1
    h = R.heap
    i = (w - h._rb) >> 3
    return i if h._w[i] == h.string_shape.address else -1


def _integer(w: int) -> int | float | None:
    """ToIntegerOrInfinity of a number or undefined word; None for any other word."""
    if w >> 32 == _INT_HI:
        return ((w & 0xFFFF_FFFF) ^ 0x8000_0000) - 0x8000_0000
    if w >> TAG_SHIFT < _DBL_TAGS:
        x = core.double_of(w)
        if x != x:
            return 0
        return x if math.isinf(x) else int(x)
    if w == UNDEFINED_WORD:
        return 0
    return None


def _unit(i: int, j: int) -> int:
    """UTF-16 unit ``j`` of the string whose cell is at word index ``i``."""
    return (int(R.heap._w[i + 2 + (j >> 2)]) >> ((j & 3) << 4)) & 0xFFFF


def _unit_at(as_string: bool) -> Callable[[Fn], Fn]:
    """``charCodeAt`` (``as_string`` False: the unit as an int32, NaN past the end) or
    ``charAt`` (True: a one-unit string, "" past the end): one rule for the index."""
    def make(slow: Fn) -> Fn:
        h = R.heap  # (made per realm: wrap_object runs in setup)
        shdr = h.string_shape.address

        def unit_at(this: int, args: list[int]) -> int:
            if args and args[0] >> 32 == _INT_HI:  # the common case, in line
                ws = h._w
                i = (this - h._rb) >> 3
                if this >> TAG_SHIFT == _STR_TAG and ws[i] == shdr:
                    k = args[0] & 0xFFFF_FFFF  # a negative index is past the end here
                    if k < ws[i + 1]:
                        u = (ws[i + 2 + (k >> 2)] >> ((k & 3) << 4)) & 0xFFFF
                        return new_str(chr(u)) if as_string else INT_BASE | u
                    return new_str("") if as_string else CANONICAL_NAN
            i = _str_cell(this)
            if i >= 0:
                j = _integer(args[0]) if args else 0
                if j is not None:
                    if 0 <= j < R.heap._w[i + 1]:
                        u = _unit(i, int(j))
                        return new_str(chr(u)) if as_string else INT_BASE | u
                    return new_str("") if as_string else CANONICAL_NAN
            return slow(this, args)
        return unit_at
    return make


def _from_char_code(slow: Fn) -> Fn:
    def from_char_code(this: int, args: list[int]) -> int:
        units = []
        for w in args:
            if w >> 32 == _INT_HI:
                units.append(w & 0xFFFF)  # ToUint16: the low 16 bits of the int32
            elif w >> TAG_SHIFT < _DBL_TAGS:
                x = core.double_of(w)
                units.append(0 if x != x or math.isinf(x) else int(x) & 0xFFFF)
            else:
                return slow(this, args)  # ToNumber of the rest may run JavaScript
        return new_str("".join(map(chr, units)))
    return from_char_code


def _substring(slow: Fn) -> Fn:
    def substring(this: int, args: list[int]) -> int:
        i = _str_cell(this)
        if i >= 0:
            n = int(R.heap._w[i + 1])
            a = _integer(args[0]) if args else 0
            e = args[1] if len(args) > 1 else UNDEFINED_WORD
            b = n if e == UNDEFINED_WORD else _integer(e)
            if a is not None and b is not None:
                a = int(min(max(a, 0), n))
                b = int(min(max(b, 0), n))
                if a > b:
                    a, b = b, a
                return _sub(this, i, a, b, n)
        return slow(this, args)
    return substring


def _rel(w: int, n: int, default: int) -> int | None:
    """A relative index of slice (negative from the end) clamped to 0..n; None for a
    word that is neither a number nor undefined."""
    if w == UNDEFINED_WORD:
        return default
    x = _integer(w)
    if x is None:
        return None
    return int(max(n + x, 0)) if x < 0 else int(min(x, n))


def _slice(slow: Fn) -> Fn:
    def slice_(this: int, args: list[int]) -> int:
        i = _str_cell(this)
        if i >= 0:
            n = int(R.heap._w[i + 1])
            a = _rel(args[0], n, 0) if args else 0
            b = _rel(args[1], n, n) if len(args) > 1 else n
            if a is not None and b is not None:
                return _sub(this, i, a, b, n)
        return slow(this, args)
    return slice_


def _sub(w: int, i: int, a: int, b: int, n: int) -> int:
    """Units ``a:b`` of string ``w`` (cell at ``i``, ``n`` units) as a string word."""
    if a >= b:
        return new_str("")
    if b - a == 1:
        return new_str(chr(_unit(i, a)))
    if a == 0 and b == n:
        return w  # strings are values: the same one serves
    return new_str(str_of(w)[a:b])


def _index_of(slow: Fn) -> Fn:
    def index_of(this: int, args: list[int]) -> int:
        i = _str_cell(this)
        if i >= 0 and args and _str_cell(args[0]) >= 0:
            p = _integer(args[1]) if len(args) > 1 else 0
            if p is not None:
                s = str_of(this)
                return INT_BASE | (s.find(str_of(args[0]), int(min(max(p, 0), len(s))))
                                   & 0xFFFF_FFFF)
        return slow(this, args)
    return index_of


def _floor(slow: Fn) -> Fn:
    def floor(this: int, args: list[int]) -> int:
        w = args[0] if args else UNDEFINED_WORD
        if w >> 32 == _INT_HI:
            return w
        if w >> TAG_SHIFT < _DBL_TAGS:
            x = core.double_of(w)
            if x != x or x == 0 or math.isinf(x):
                return w  # NaN, -0, +0 and the infinities are their own floor
            return num_word(math.floor(x))
        return slow(this, args)
    return floor


def _rounding(to_int: Callable[[float], int]) -> Callable[[Fn], Fn]:
    """Math.ceil or Math.trunc (``to_int``): an int32 is its own, so are NaN, the zeros
    and the infinities; a negative double rounded up to zero is -0."""
    def make(slow: Fn) -> Fn:
        def rounding(this: int, args: list[int]) -> int:
            w = args[0] if args else UNDEFINED_WORD
            if w >> 32 == _INT_HI:
                return w
            if w >> TAG_SHIFT < _DBL_TAGS:
                x = core.double_of(w)
                if x != x or x == 0 or math.isinf(x):
                    return w
                r = to_int(x)
                return num_word(-0.0 if r == 0 and x < 0 else r)
            return slow(this, args)
        return rounding
    return make


def _abs(slow: Fn) -> Fn:
    def abs_(this: int, args: list[int]) -> int:
        w = args[0] if args else UNDEFINED_WORD
        if w >> 32 == _INT_HI:
            return w if not w & 0x8000_0000 else num_word(0x1_0000_0000 - (w & 0xFFFF_FFFF))
        if w >> TAG_SHIFT < _DBL_TAGS:
            return num_word(abs(core.double_of(w)))  # abs(-0) is 0: the int word
        return slow(this, args)
    return abs_


def _sqrt(slow: Fn) -> Fn:
    def sqrt(this: int, args: list[int]) -> int:
        w = args[0] if args else UNDEFINED_WORD
        if w >> 32 == _INT_HI:
            return CANONICAL_NAN if w & 0x8000_0000 else num_word(math.sqrt(w & 0xFFFF_FFFF))
        if w >> TAG_SHIFT < _DBL_TAGS:
            x = core.double_of(w)
            if x != x or x < 0:
                return CANONICAL_NAN
            return num_word(math.sqrt(x))  # sqrt(-0) is -0, sqrt(Infinity) Infinity
        return slow(this, args)
    return sqrt


#: Built-ins written on heap words, by name: each made from the adapted function it
#: falls back to.
DIRECT: dict[str, Callable[[Fn], Fn]] = {
    "String.prototype.charCodeAt": _unit_at(False),
    "String.prototype.charAt": _unit_at(True),
    "String.prototype.substring": _substring,
    "String.prototype.slice": _slice,
    "String.prototype.indexOf": _index_of,
    "String.fromCharCode": _from_char_code,
    "Math.floor": _floor,
    "Math.ceil": _rounding(math.ceil),
    "Math.trunc": _rounding(math.trunc),
    "Math.abs": _abs,
    "Math.sqrt": _sqrt,
}


#: R.protos' key of the next() of array iterators (keys/values/entries)
ARRAY_ITERATOR_NEXT = "%ArrayIteratorNext%"


def enumerable_keys(w: int) -> list[str]:
    """core.visible_keys, but none for an array iterator (its values are not its
    properties: Object.keys/values/entries and JSON.stringify see an empty object)."""
    if kind_of(w) == KIND_ARRAY and is_array_iterator(w):
        return []
    return core.visible_keys(w)


def is_array_iterator(w: int) -> bool:
    """Whether array ``w`` is an array iterator (its own next() is the iterators')."""
    return bool(core.shape_of(w).keys) \
        and core.get_own(w, "next") == R.protos[ARRAY_ITERATOR_NEXT].word


def is_arguments(w: int) -> bool:
    """Whether array ``w`` is a function's arguments object (values.ARGUMENTS_MARK)."""
    return bool(core.shape_of(w).keys) and core.get_own(w, ARGUMENTS_MARK) is not None


def mark_arguments(this: int, args: list[int]) -> int:
    """The hidden global the compiled code calls on a new arguments array: its own hidden
    key marks it, and its cell takes R.args_shape, whose prototype is Object.prototype
    (node's: no array methods, not instanceof Array); its elements stay an array's."""
    heap = R.heap
    with heap.handle(arg(args, 0)) as a:
        if kind_of(a.word) == KIND_ARRAY:
            i = (a.word - heap._rb) >> 3
            if heap._w[i] == heap.array_shape.address:  # (a new one: no named keys)
                heap._w[i] = R.args_shape.address
            heap.put(a, ARGUMENTS_MARK, TRUE_WORD)
        return a.word


# -- console.log: mirrors into the Python VM's values, formatted by a64js.inspect ---------

def mirror(w: int, memo: dict[int, Any]) -> Any:
    if w >> 48 != 65531:
        return to_py(w, "console.log")
    if is_string(w):
        return str_of(w)
    m = memo.get(w)
    if m is not None:
        return m
    k = kind_of(w)
    if k == KIND_ARRAY:
        arr = JSArray(PR.array_proto, [])
        memo[w] = arr
        if is_array_iterator(w):
            arr.cls = pyb.ARRAY_ITERATOR
        elif is_arguments(w):
            arr.cls = ARGUMENTS
        arr.elems = [HOLE if x == HOLE_WORD else mirror(x, memo) for x in array_words(w)]
        if core.shape_of(w).keys:
            for key in core.visible_keys(w)[sum(1 for x in arr.elems if x is not HOLE):]:
                arr.put(key, mirror(get_prop(w, key), memo))
        return arr
    if k == KIND_CLOSURE:
        code = core.closure_code(w)
        proto = core.proto_word(w)
        if code is None:
            nat = R.natives[core.closure_code_id(w) - NATIVE_BASE]
            f: JSObject = NativeFunction(PR.function_proto, nat.name, nat.fn, nat.length)
        else:
            pp = PR.function_proto if proto == R.protos["Function"].word \
                else mirror(proto, memo)
            f = JSFunction(pp, code, None)
            own = core.get_own(w, "name")  # (a computed method's: core.name_method)
            if own is not None and is_string(own):
                f.put("name", str_of(own))
                py_hide_key(f, "name")
        memo[w] = f
        for key in core.visible_keys(w):
            if key != "prototype":
                _mirror_prop(w, key, f, memo)
        return f
    if k == KIND_OBJECT:
        proto = core.proto_word(w)
        o = JSObject(_mirror_proto(proto, memo))
        memo[w] = o
        p = proto
        while p != NULL_WORD:
            if p == R.protos["Error"].word:
                o.cls = "Error"
            p = core.proto_word(p)
        for tag in ("Math", "JSON"):  # (inspect names them by their Symbol.toStringTag)
            if w == core.get_own(R.global_obj.word, tag):
                o.cls = tag
        for key in ("message", "stack", "cause") if o.cls == "Error" else ():
            v = core.get_own(w, key)  # (not enumerable, so not below: inspect shows them)
            if v is not None:
                o.put(key, mirror(v, memo))
                py_hide_key(o, key)
            elif key == "stack" and core.get_own(
                    R.protos["Error"].word, core.ACC + "stack") is not None:
                # not read yet (a subclass's: made when read): the text the getter would
                # make, without allocating here (the words being mirrored stay valid)
                o.put(key, _error_text(w) + "\n    at <anonymous>")
                py_hide_key(o, key)
        for key in core.visible_keys(w):
            _mirror_prop(w, key, o, memo)
        return o
    return "[heap cell]"


def _mirror_prop(w: int, key: str, o: JSObject, memo: dict[int, Any]) -> None:
    """Own property ``key`` of heap object or function ``w`` onto its mirror ``o``: a
    data property's value mirrored; an accessor as a pair of functions that call it
    later (node's inspect shows [Getter]/[Setter]; JSON calls the getter), not called
    here (a getter may run JavaScript that collects: the words being mirrored would
    go stale)."""
    pair = core.get_own(w, core.ACC + key)
    if pair is None:
        o.put(key, mirror(get_prop(w, key), memo))
        return
    acc = [_mirror_accessor(w, core.array_get(pair, j), memo) for j in (0, 1)]
    o.put_accessor(key, acc[0], acc[1])


def _error_text(w: int) -> str:
    """Error.prototype.toString of error ``w``, for its stack not made yet (made when
    first read). Under :func:`mirrors` it allocates nothing (the words being mirrored
    stay valid): the text :func:`mirrors` made for ``w``, or the name and message as
    data properties (primitives); one read through JavaScript (a getter, an object's
    toString) raises :class:`_LazyStack`, so that :func:`mirrors` reads it where that
    may allocate, and mirrors again."""
    texts = _LAZY_TEXTS[0]
    if texts is not None:
        made = texts.get(w)
        if made is not None:
            return made

    def text(key: str, default: str) -> str:
        v = _data_prop(w, key)
        if v is None or is_object(v):
            if texts is not None:
                raise _LazyStack(w)
            v = get_prop(w, key)
        return str_of(v) if is_string(v) else default if v == UNDEFINED_WORD \
            else to_str(v)
    name, msg = text("name", "Error"), text("message", "")
    return f"{name}: {msg}" if msg and name else name or msg


def _data_prop(w: int, key: str) -> int | None:
    """``w[key]`` when that is a data property, own or inherited (undefined when there
    is none), read without running anything; None when an accessor comes first."""
    while w != NULL_WORD:
        v = core.get_own(w, key)
        if v is not None:
            return v
        if core.get_own(w, core.ACC + key) is not None:
            return None
        w = core.proto_word(w)
    return UNDEFINED_WORD


class _LazyStack(Exception):
    """Raised while mirroring at error ``w`` whose stack :func:`_error_text` cannot make
    without running JavaScript (see :func:`mirrors`)."""

    def __init__(self, w: int) -> None:
        super().__init__(w)
        self.w = w


#: the texts of the errors' stacks not made yet that :func:`mirrors` made, by the
#: error's word (None: not mirroring under :func:`mirrors`)
_LAZY_TEXTS: list[dict[int, str] | None] = [None]


def mirrors(words: list[int]) -> list[Any]:
    """Each of ``words`` mirrored (a memo each). Mirroring runs no JavaScript (so it
    allocates nothing and the words it walks stay valid), but for an error whose stack
    is not made yet (a subclass's, made when first read) and whose name or message is
    a getter or an object: then its text is made here, where JavaScript may run and
    collect (the words and the error rooted meanwhile), and the mirroring starts again
    with that text known."""
    heap = R.heap
    made: list[tuple[Handle, str]] = []
    outer = _LAZY_TEXTS[0]
    try:
        while True:
            _LAZY_TEXTS[0] = {h.word: t for h, t in made}
            try:
                return [mirror(w, {}) for w in words]
            except _LazyStack as e:
                _LAZY_TEXTS[0] = outer  # (the JavaScript below may log too)
                hs = [heap.handle(x) for x in words]
                try:
                    with heap.handle(e.w) as eh:
                        parts = []
                        for key, default in (("name", "Error"), ("message", "")):
                            v = get_prop(eh.word, key)
                            parts.append(default if v == UNDEFINED_WORD else to_str(v))
                        name, msg = parts
                        made.append((heap.handle(eh.word),
                                     f"{name}: {msg}" if msg and name else name or msg))
                    words = [h.word for h in hs]
                finally:
                    for h in hs:
                        h.release()
    finally:
        _LAZY_TEXTS[0] = outer
        for h, _ in made:
            h.release()


def _mirror_accessor(obj: int, fn: int, memo: dict[int, Any]) -> Any:
    """A Python VM function standing for heap getter or setter ``fn`` of ``obj``: it calls
    ``fn`` with ``obj`` (None for no function)."""
    if fn == UNDEFINED_WORD:
        return None
    oh, fh = R.heap.handle(obj), R.heap.handle(fn)  # released when the mirror goes

    def run(this: Any, args: list[Any]) -> Any:
        return mirror(call(fh.word, oh.word, []), memo)
    return NativeFunction(PR.function_proto, "get", run, 0)


def _mirror_proto(p: int, memo: dict[int, Any]) -> JSObject | None:
    if p == NULL_WORD:
        return None
    if p == R.protos["Object"].word:
        return PR.object_proto
    m = memo.get(("proto", p))  # type: ignore[call-overload]
    if m is not None:
        return m  # type: ignore[no-any-return]
    o = JSObject(_mirror_proto(core.proto_word(p), memo))
    memo[("proto", p)] = o  # type: ignore[index]
    c = core.get_own(p, "constructor")
    if c is not None and kind_of(c) == KIND_CLOSURE:
        code = core.closure_code(c)
        name = code.name if code is not None else \
            R.natives[core.closure_code_id(c) - NATIVE_BASE].name
        # inspect names an object by a constructor it is an instance of (its prototype
        # this one or one above it): the stub carries that prototype's mirror
        target, q = core.get_own(c, "prototype"), p
        while q != NULL_WORD and q != target:
            q = core.proto_word(q)
        if name and q != NULL_WORD:
            stub = NativeFunction(PR.function_proto, name, lambda t, a: None)
            stub.put("prototype", o if q == p else _mirror_proto(q, memo))
            o.put("constructor", stub)
    for key in ("name", "message"):  # an error prototype's, which inspect reads
        v = core.get_own(p, key)
        if v is not None and is_string(v):
            o.put(key, str_of(v))
    return o


def format_strings(args: list[int]) -> list[int]:
    """``args`` with each object a %s of the format writes as String(obj) (its toString
    is its own or a class's: node's hasBuiltInToString false) replaced by that string,
    made here where JavaScript can run (the mirrors are snapshots): inspect.format_log
    then writes it as is. The words are valid until the next allocation."""
    if len(args) < 2 or not is_string(args[0]) or "%" not in str_of(args[0]):
        return args
    fmt = str_of(args[0])
    places: list[int] = []
    i, a = 0, 1
    while i < len(fmt):  # (the specifiers as format_log reads them)
        if fmt[i] == "%" and i + 1 < len(fmt):
            c = fmt[i + 1]
            if c == "%":
                i += 2
                continue
            if c in "sdifoOjc" and a < len(args):
                if c == "s" and kind_of(args[a]) in (KIND_OBJECT, KIND_ARRAY) \
                        and _user_to_string(args[a]):
                    places.append(a)
                a += 1
                i += 2
                continue
        i += 1
    if not places:
        return args
    hs = [R.heap.handle(x) for x in args]
    try:
        for p in places:
            hs[p].word = new_str(to_str(hs[p].word))
        return [h.word for h in hs]
    finally:
        for h in hs:
            h.release()


def _user_to_string(w: int) -> bool:
    """inspect.user_to_string for heap object ``w``."""
    cur = w
    while cur != NULL_WORD:
        if core.get_own(cur, "toString") is not None:
            if cur == w:
                return True
            ctor = core.get_own(cur, "constructor")
            if ctor is None or kind_of(ctor) != KIND_CLOSURE:
                return False
            if core.closure_code(ctor) is not None:
                return True
            return R.natives[core.closure_code_id(ctor) - NATIVE_BASE].name not in PR.globals
        cur = core.proto_word(cur)
    return False


def log_line(args: list[int]) -> str:
    return host_str(format_log(mirrors(args)))


# -- Array ---------------------------------------------------------------------------------

def raw_get(w: int, j: int) -> int:
    """Element ``j`` of array ``w``, the hole word for a hole or past the end."""
    ws = R.heap._w
    i = core.cell_index(w)
    if j >= ws[i + 1]:
        return HOLE_WORD
    return int(ws[((ws[i + 3] - R.heap._base) >> 3) + 2 + j])


def this_array(this: int, name: str) -> None:
    if kind_of(this) != KIND_ARRAY:  # (the Python VM's words)
        if is_object(this) and core.on_proto_chain(this, R.protos["Array"].word):
            raise core.HVMUnsupported(f"Array.prototype.{name} on an instance of a class "
                                      f"extending Array is not supported by a64js (such "
                                      f"instances are not arrays here)")
        raise core.HVMUnsupported(f"Array.prototype.{name} on a non-array is not supported "
                                  "by a64js")


def rel_index(v: int, n: int, default: int) -> int:
    if v == UNDEFINED_WORD:
        return default
    x = to_num(v)
    if x != x:
        x = 0
    i = int(x) if abs(x) != float("inf") else (n if x > 0 else -n)
    if i < 0:
        return max(n + i, 0)
    return min(i, n)


def _string_raw(this: int, args: list[int]) -> int:
    """String.raw(template, ...subs): builtins.string_raw's rule on heap words (held in
    handles: a getter or toString may run JavaScript that collects)."""
    heap = R.heap
    hs = [heap.handle(a) for a in args]
    try:
        t = hs[0].word if hs else UNDEFINED_WORD
        if t in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "Cannot convert undefined or null to object")
        with heap.handle(get_prop(t, "raw")) as raw:
            if raw.word in (UNDEFINED_WORD, NULL_WORD):
                raise throw("TypeError", "Cannot convert undefined or null to object")
            n = array_like_length(to_num(get_prop(raw.word, "length")))
            out: list[str] = []
            for i in range(n):
                out.append(to_str(get_prop(raw.word, str(i))))
                if i + 1 < n and i + 1 < len(hs):
                    out.append(to_str(hs[i + 1].word))
        return new_str("".join(out))
    finally:
        for h in hs:
            h.release()


def _numbers_first(this: int, args: list[int], idx: tuple[int, ...]) -> tuple[int, list[int]]:
    """``this`` and ``args`` once the arguments at ``idx`` (positions) are numbers, as the
    spec converts them before it reads any element: an object's valueOf may run
    JavaScript that collects (every word is rooted meanwhile) or changes the array."""
    if not any(j < len(args) and is_object(args[j]) for j in idx):
        return this, args
    heap = R.heap
    with heap.handle(this) as t:
        hs = [heap.handle(a) for a in args]
        try:
            for j in idx:
                if j < len(hs) and is_object(hs[j].word):
                    hs[j].word = num_word(to_num(hs[j].word))
            return t.word, [h.word for h in hs]
        finally:
            for h in hs:
                h.release()


def _callback(f: int) -> None:
    if kind_of(f) != KIND_CLOSURE:
        raise throw("TypeError", f"{core.display(f)} is not a function")


def _caller(f: int) -> Callable[[int, int, list[int]], int]:
    """``call`` for a built-in that calls the function ``f`` (a closure word) again and
    again (sort's comparator, forEach's callback): a bytecode function that takes its
    arguments directly gets its frame from ``interp._call_direct``, the checks of
    ``interp.call`` made once here (its kind, its code) and per call only what a
    collection changes (the frame template's epoch)."""
    cid = core.closure_code_id(f)
    if cid >= NATIVE_BASE:
        return call
    info = R.codes[cid]
    heap = R.heap
    stats = heap.stats
    direct = _interp._call_direct
    arrow = info.code.kind == "arrow"

    def run(fn: int, this: int, args: list[int]) -> int:
        if info.direct_call >= 0 and info.epoch == stats.collections:
            if arrow:  # its own this (interp.call's rule)
                this = heap._w[((fn - heap._rb) >> 3) + 4]
            return direct(info, fn, this, args)
        return call(fn, this, args)
    return run


def setup_array(g: Handle) -> None:
    heap = R.heap
    ap = R.protos["Array"]

    arr_hdr = heap.array_shape.address  # (arrays with named properties: other shapes)
    layout = heap._layout

    def push(this: int, args: list[int]) -> int:
        if len(args) == 1 and this >> TAG_SHIFT == _STR_TAG:  # (any reference)
            ws = heap._w
            base = heap._base
            i = (this - heap._rb) >> 3
            n = ws[i + 1]
            if (ws[i] == arr_hdr or layout[ws[i]][0] == KIND_ARRAY) and n < ws[i + 2]:
                # room in the vector (the JIT's in-line push does the same)
                ws[((ws[i + 3] - base) >> 3) + 2 + n] = args[0]
                ws[i + 1] = n + 1
                return INT_BASE | (n + 1)
        this_array(this, "push")
        n = core.array_length(this)
        if len(args) == 1:
            heap.array_set(this, n, args[0])
            return INT_BASE | (n + 1)
        with heap.handle(this) as t:
            hs = [heap.handle(x) for x in args]
            for h in hs:
                heap.array_push(t, h.word)
                h.release()
            return num_word(core.array_length(t.word))

    def pop(this: int, args: list[int]) -> int:
        ws = heap._w
        base = heap._base
        i = (this - heap._rb) >> 3
        if this >> TAG_SHIFT != _STR_TAG \
                or (ws[i] != arr_hdr and layout[ws[i]][0] != KIND_ARRAY):
            this_array(this, "pop")  # (raises)
        n = ws[i + 1]
        if not n:
            return UNDEFINED_WORD
        e = ((ws[i + 3] - base) >> 3) + n + 1  # the last element's word
        v = ws[e]
        ws[e] = HOLE_WORD
        ws[i + 1] = n - 1
        return UNDEFINED_WORD if v == HOLE_WORD else v

    def shift(this: int, args: list[int]) -> int:
        this_array(this, "shift")
        ws = array_words(this)
        if not ws:
            return UNDEFINED_WORD
        i = core.cell_index(this)
        e = ((heap._w[i + 3] - heap._base) >> 3) + 2
        heap._w[e:e + len(ws) - 1] = heap._w[e + 1:e + len(ws)]
        heap._w[e + len(ws) - 1] = HOLE_WORD
        heap._w[i + 1] = len(ws) - 1
        return UNDEFINED_WORD if ws[0] == HOLE_WORD else ws[0]

    def unshift(this: int, args: list[int]) -> int:
        this_array(this, "unshift")
        with heap.handle(this) as t:
            hs = [heap.handle(x) for x in args + array_words(this)]
            n = len(hs)
            for j, h in enumerate(hs):
                heap.array_set(t, j, h.word)
                h.release()
            return num_word(n)

    def slice_(this: int, args: list[int]) -> int:
        this_array(this, "slice")
        n = core.array_length(this)  # the length before the positions (the spec's order)
        this, args = _numbers_first(this, args, (0, 1))
        ws = array_words(this)
        s = rel_index(arg(args, 0), n, 0)
        e = rel_index(arg(args, 1), n, n)
        return core.new_array_rooted([heap.handle(x) for x in ws[s:e]])

    def concat(this: int, args: list[int]) -> int:
        this_array(this, "concat")
        ws = array_words(this)
        for a in args:
            ws += array_words(a) if kind_of(a) == KIND_ARRAY and not is_arguments(a) \
                and not is_array_iterator(a) else [a]
        return core.new_array_rooted([heap.handle(x) for x in ws])

    def index_of(this: int, args: list[int]) -> int:
        this_array(this, "indexOf")
        n = core.array_length(this)
        this, args = _numbers_first(this, args, (1,))
        from .interp import strict_eq
        x = arg(args, 0)
        ws = array_words(this)[:n]
        for j in range(rel_index(arg(args, 1), n, 0), len(ws)):
            v = ws[j]
            if v != HOLE_WORD and strict_eq(v, x):
                return INT_BASE | j
        return INT_BASE | 0xFFFF_FFFF

    def includes(this: int, args: list[int]) -> int:
        this_array(this, "includes")
        n = core.array_length(this)
        this, args = _numbers_first(this, args, (1,))
        from .interp import strict_eq
        x = arg(args, 0)
        ws = array_words(this)[:n]
        for v in ws[rel_index(arg(args, 1), n, 0):]:
            v = UNDEFINED_WORD if v == HOLE_WORD else v
            if strict_eq(v, x) or (x == v):
                return TRUE_WORD
        return FALSE_WORD

    joining: list[Handle] = []  # the arrays being joined

    def join(this: int, args: list[int]) -> int:
        this_array(this, "join")
        if not args or args[0] == UNDEFINED_WORD:
            sep = ","
        elif is_object(args[0]):  # its toString may run JavaScript that collects
            with heap.handle(this) as t:
                sep = to_str(args[0])
                this = t.word
        else:
            sep = to_str(args[0])
        if any(h.word == this for h in joining):
            return new_str("")  # an array met again inside itself (node's cycle rule)
        with heap.handle(this) as t:
            joining.append(t)
            try:
                parts = []
                for j in range(core.array_length(t.word)):
                    v = core.array_get(t.word, j)
                    parts.append("" if v in (UNDEFINED_WORD, NULL_WORD) else to_str(v))
            finally:
                joining.pop()
            return new_str(sep.join(parts))

    def to_locale_string(this: int, args: list[int]) -> int:
        """Each element's toLocaleString(locales, options), joined by commas
        (builtins' _atolocale)."""
        this_array(this, "toLocaleString")
        if any(h.word == this for h in joining):
            return new_str("")  # (an array met again inside itself, as join)
        with heap.handle(this) as t, heap.handle(arg(args, 0)) as lh, \
                heap.handle(arg(args, 1)) as oh:
            joining.append(t)
            try:
                parts = []
                for j in range(core.array_length(t.word)):
                    v = core.array_get(t.word, j)
                    if v in (UNDEFINED_WORD, NULL_WORD):
                        parts.append("")
                        continue
                    with heap.handle(v) as vh:
                        f = get_prop(vh.word, "toLocaleString")
                        if core.typeof(f) != "function":
                            raise throw("TypeError", f"{core.display(f)} is not a function")
                        r = core.call(f, vh.word, [lh.word, oh.word][:len(args)])
                        parts.append(to_str(r))
            finally:
                joining.pop()
            return new_str(",".join(parts))

    def iterate(name: str, this: int, args: list[int],
                each: Callable[[int, int, int], bool], holes: bool = False) -> None:
        """Call ``args[0](elem, index, array)`` for each element (holes skipped unless
        ``holes``); ``each(result, elem, index)`` returns False to stop."""
        this_array(this, name)
        f = arg(args, 0)
        _callback(f)
        run = _caller(f)
        with heap.handle(this) as t, heap.handle(f) as fh, \
                heap.handle(arg(args, 1)) as th, heap.handle(UNDEFINED_WORD) as vh:
            hw = heap._handles  # (the handles' words, read without the property)
            ti, fi, thi, vi = t.index, fh.index, th.index, vh.index
            j = 0
            n = core.array_length(t.word)  # the length at the start, as in node
            while j < n:
                v = raw_get(hw[ti], j)  # past the current length: a hole
                if v == HOLE_WORD:
                    if not holes:
                        j += 1
                        continue
                    v = UNDEFINED_WORD
                hw[vi] = v  # (one handle for each element in turn)
                r = run(hw[fi], hw[thi], [v, INT_BASE | j, hw[ti]])
                if not each(r, hw[vi], j):
                    return
                j += 1

    def for_each(this: int, args: list[int]) -> int:
        iterate("forEach", this, args, lambda r, v, j: True)
        return UNDEFINED_WORD

    def map_(this: int, args: list[int]) -> int:
        this_array(this, "map")
        out = [heap.handle(HOLE_WORD) for _ in range(core.array_length(this))]

        def each(r: int, v: int, j: int) -> bool:
            if j < len(out):
                out[j].word = r
            return True
        iterate("map", this, args, each)
        return core.new_array_rooted(out)

    def filter_(this: int, args: list[int]) -> int:
        out: list[Handle] = []
        def each(r: int, v: int, j: int) -> bool:
            if truthy(r):
                out.append(heap.handle(v))
            return True
        iterate("filter", this, args, each)
        return core.new_array_rooted(out)

    def some(this: int, args: list[int]) -> int:
        found = [False]

        def each(r: int, v: int, j: int) -> bool:
            if truthy(r):
                found[0] = True
                return False
            return True
        iterate("some", this, args, each)
        return TRUE_WORD if found[0] else FALSE_WORD

    def every(this: int, args: list[int]) -> int:
        ok = [True]

        def each(r: int, v: int, j: int) -> bool:
            if not truthy(r):
                ok[0] = False
                return False
            return True
        iterate("every", this, args, each)
        return TRUE_WORD if ok[0] else FALSE_WORD

    def find(this: int, args: list[int]) -> int:
        got: list[Handle] = []

        def each(r: int, v: int, j: int) -> bool:
            if truthy(r):
                got.append(heap.handle(v))
                return False
            return True
        iterate("find", this, args, each, True)
        if got:
            w = got[0].word
            got[0].release()
            return w
        return UNDEFINED_WORD

    def find_index(this: int, args: list[int]) -> int:
        got = [-1]

        def each(r: int, v: int, j: int) -> bool:
            if truthy(r):
                got[0] = j
                return False
            return True
        iterate("findIndex", this, args, each, True)
        return num_word(got[0])

    def find_last(name: str, this: int, args: list[int], index: bool) -> int:
        """findLast / findLastIndex: from the end (the length at the start), holes as
        undefined."""
        this_array(this, name)
        f = arg(args, 0)
        _callback(f)
        with heap.handle(this) as t, heap.handle(f) as fh, \
                heap.handle(arg(args, 1)) as th:
            for j in range(core.array_length(t.word) - 1, -1, -1):
                v = raw_get(t.word, j)
                v = UNDEFINED_WORD if v == HOLE_WORD else v
                with heap.handle(v) as vh:
                    if truthy(call(fh.word, th.word, [v, INT_BASE | j, t.word])):
                        return INT_BASE | j if index else vh.word
        return num_word(-1) if index else UNDEFINED_WORD

    def flat_map(this: int, args: list[int]) -> int:
        this_array(this, "flatMap")
        if kind_of(arg(args, 0)) != KIND_CLOSURE:
            raise throw("TypeError", "flatMap mapper function is not callable")
        out: list[Handle] = []

        def each(r: int, v: int, j: int) -> bool:
            if kind_of(r) == KIND_ARRAY:  # one level, holes skipped (no allocation here)
                out.extend(heap.handle(x) for x in array_words(r) if x != HOLE_WORD)
            else:
                out.append(heap.handle(r))
            return True
        iterate("flatMap", this, args, each)
        return core.new_array_rooted(out)

    def reduce_(name: str, this: int, args: list[int], rev: bool) -> int:
        """reduce / reduceRight: holes skipped, the length fixed at the start."""
        this_array(this, name)
        f = arg(args, 0)
        _callback(f)
        with heap.handle(this) as t, heap.handle(f) as fh:
            n = core.array_length(t.word)
            order = range(n - 1, -1, -1) if rev else range(n)
            it = iter(order)
            if len(args) > 1:
                acc = heap.handle(args[1])
            else:
                for j in it:
                    v = raw_get(t.word, j)
                    if v != HOLE_WORD:
                        acc = heap.handle(v)
                        break
                else:
                    raise throw("TypeError", "Reduce of empty array with no initial value")
            run = _caller(f)
            with acc:
                for j in it:
                    v = raw_get(t.word, j)
                    if v != HOLE_WORD:
                        acc.word = run(fh.word, UNDEFINED_WORD, [acc.word, v, INT_BASE | j,
                                                                 t.word])
                return acc.word

    def reduce(this: int, args: list[int]) -> int:
        return reduce_("reduce", this, args, False)

    def reduce_right(this: int, args: list[int]) -> int:
        return reduce_("reduceRight", this, args, True)

    def to_string(this: int, args: list[int]) -> int:
        if kind_of(this) != KIND_ARRAY:
            return new_str("[object Object]")
        if is_arguments(this):  # (node's inherits Object.prototype's)
            return new_str("[object Arguments]")
        return join(this, [])

    # keys/values/entries: node's Array Iterator objects, as the Python VM's (see there):
    # an array of the values to come with an own hidden next() (arrays here keep
    # Array.prototype), so for...of, spread and the JIT iterate it as an array
    def iter_next(this: int, args: list[int]) -> int:
        if kind_of(this) != KIND_ARRAY or core.get_own(this, "next") != next_h.word:
            raise throw("TypeError", "Method Array Iterator.prototype.next called on "
                        "incompatible receiver " + ("[object Array]"
                                                    if kind_of(this) == KIND_ARRAY
                                                    else core.display(this)))
        done = core.array_length(this) == 0
        with heap.handle(shift(this, [])) as vh, \
                heap.handle(core.new_object(R.protos["Object"].word)) as oh:
            heap.put(oh, "value", vh.word)
            heap.put(oh, "done", TRUE_WORD if done else FALSE_WORD)
            return oh.word
    next_h = heap.handle(native("next", iter_next, 0))
    R.protos[ARRAY_ITERATOR_NEXT] = next_h

    def array_iterator(hs: list[Handle]) -> int:
        with heap.handle(core.new_array_rooted(hs)) as it:
            heap.put(it, "next", next_h.word)
            core.hide_key(it.word, "next")
            return it.word

    def keys_(this: int, args: list[int]) -> int:
        this_array(this, "keys")
        return array_iterator([heap.handle(INT_BASE | j)
                               for j in range(core.array_length(this))])

    def values_(this: int, args: list[int]) -> int:
        this_array(this, "values")
        return array_iterator([heap.handle(UNDEFINED_WORD if x == HOLE_WORD else x)
                               for x in array_words(this)])

    def entries(this: int, args: list[int]) -> int:
        this_array(this, "entries")
        with heap.handle(this) as t:
            pairs = []
            for j in range(core.array_length(t.word)):
                v = core.array_get(t.word, j)
                pairs.append(heap.handle(core.new_array_rooted(
                    [heap.handle(INT_BASE | j),
                     heap.handle(UNDEFINED_WORD if v == HOLE_WORD else v)])))
            return array_iterator(pairs)

    def flat(this: int, args: list[int]) -> int:
        this_array(this, "flat")
        if not args or args[0] == UNDEFINED_WORD:
            depth = 1.0
        else:  # (an object's valueOf may run JavaScript that collects: this rooted)
            with heap.handle(this) as t:
                depth = float(to_num(args[0]))
                this = t.word
        out: list[Handle] = []

        def walk(w: int, d: float) -> None:
            for v in array_words(w):  # no allocation here: the words stay valid
                if v == HOLE_WORD:
                    continue
                if d >= 1 and kind_of(v) == KIND_ARRAY:
                    walk(v, d - 1)
                else:
                    out.append(heap.handle(v))
        walk(this, depth if depth == depth else 0)
        return core.new_array_rooted(out)

    def sort(this: int, args: list[int]) -> int:
        this_array(this, "sort")
        f = arg(args, 0)
        with heap.handle(this) as t, heap.handle(f) as fh:
            hs = [heap.handle(x) for x in array_words(t.word)]
            vals = [h for h in hs if h.word not in (HOLE_WORD, UNDEFINED_WORD)]
            # undefined values go last, the holes after them
            rest = [h for h in hs if h.word == UNDEFINED_WORD] + \
                [h for h in hs if h.word == HOLE_WORD]

            hw = heap._handles  # (the handles' words, read without the property)
            fi = fh.index
            if f != UNDEFINED_WORD and kind_of(f) != KIND_CLOSURE:
                raise throw("TypeError", "The comparison function must be either a "
                                         "function or undefined")
            run = call if f == UNDEFINED_WORD else _caller(f)

            def cmp(x: int, y: int) -> int:
                if f == UNDEFINED_WORD:
                    a, b = to_str(hw[x]), to_str(hw[y])
                    return -1 if a < b else 1 if a > b else 0
                r = run(hw[fi], UNDEFINED_WORD, [hw[x], hw[y]])
                if r >> 32 == _INT_HI:  # an int32 result: its sign
                    return 0 if r == INT_BASE else -1 if r & 0x8000_0000 else 1
                q = to_num(r)
                return -1 if q < 0 else 1 if q > 0 else 0
            order = [h.index for h in vals]  # (sorted as handle numbers: no attribute)
            order.sort(key=functools.cmp_to_key(cmp))
            for j, k in enumerate(order + [h.index for h in rest]):
                heap.array_set(t, j, hw[k])
            for h in hs:
                h.release()
            return t.word

    def reverse(this: int, args: list[int]) -> int:
        this_array(this, "reverse")
        ws = array_words(this)
        i = core.cell_index(this)
        e = ((heap._w[i + 3] - heap._base) >> 3) + 2
        for j, x in enumerate(reversed(ws)):
            heap._w[e + j] = x
        return this

    def fill(this: int, args: list[int]) -> int:
        this_array(this, "fill")
        n = core.array_length(this)
        this, args = _numbers_first(this, args, (1, 2))
        n = min(n, core.array_length(this))
        s = rel_index(arg(args, 1), n, 0)
        e = rel_index(arg(args, 2), n, n)
        i = core.cell_index(this)
        base = ((heap._w[i + 3] - heap._base) >> 3) + 2
        if e > s:  # one slice store (sieve's 30,000 words: ~30 ms a call natively in a loop)
            heap._w[base + s:base + e] = array("Q", (arg(args, 0),)) * (e - s)
        return this

    def copy_within(this: int, args: list[int]) -> int:
        this_array(this, "copyWithin")
        this, args = _numbers_first(this, args, (0, 1, 2))
        ints: list[int | float | None] = []
        for v in args[:3]:
            x = None if v == UNDEFINED_WORD else to_num(v)
            ints.append(x if x is None or x in (math.inf, -math.inf) else
                        0 if x != x else int(x))
        to, frm, cnt = pyb.copy_within_range(core.array_length(this), ints)
        if cnt > 0:  # (the words are copied before the store: overlapping is fine)
            i = core.cell_index(this)
            base = ((heap._w[i + 3] - heap._base) >> 3) + 2
            heap._w[base + to:base + to + cnt] = heap._w[base + frm:base + frm + cnt]
        return this

    def splice(this: int, args: list[int]) -> int:
        this_array(this, "splice")
        this, args = _numbers_first(this, args, (0, 1))
        ws = array_words(this)
        n = len(ws)
        s = rel_index(arg(args, 0), n, 0)
        c = 0 if not args else n - s if len(args) < 2 else to_num(args[1])  # (splice())
        cnt = 0 if c != c else int(max(0, min(c, n - s)))  # NaN: 0; Infinity: all
        removed = ws[s:s + cnt]
        new = ws[:s] + list(args[2:]) + ws[s + cnt:]
        with heap.handle(this) as t:
            hs = [heap.handle(x) for x in new]
            rs = [heap.handle(x) for x in removed]
            core.set_length(t.word, INT_BASE)
            for j, h in enumerate(hs):
                heap.array_set(t, j, h.word)
                h.release()
            return core.new_array_rooted(rs)

    def last_index_of(this: int, args: list[int]) -> int:
        this_array(this, "lastIndexOf")
        from .interp import strict_eq
        n = core.array_length(this)
        this, args = _numbers_first(this, args, (1,))
        x = arg(args, 0)
        ws = array_words(this)[:n]
        pos = to_num(args[1]) if len(args) > 1 else None
        for j in range(min(pyb.last_index_from(n, pos), len(ws) - 1), -1, -1):
            if ws[j] != HOLE_WORD and strict_eq(ws[j], x):
                return INT_BASE | j
        return INT_BASE | 0xFFFF_FFFF

    def at(this: int, args: list[int]) -> int:
        this_array(this, "at")
        this, args = _numbers_first(this, args, (0,))
        n = core.array_length(this)
        x = to_num(arg(args, 0))
        j = 0 if x != x else x if math.isinf(x) else int(x)
        j = j + n if j < 0 else j
        return core.array_get(this, int(j)) if 0 <= j < n else UNDEFINED_WORD

    def copy(this: int) -> int:
        """A new array of ``this``'s elements, its holes undefined."""
        return core.new_array_rooted([heap.handle(UNDEFINED_WORD if x == HOLE_WORD else x)
                                      for x in array_words(this)])

    def to_sorted(this: int, args: list[int]) -> int:
        this_array(this, "toSorted")
        f = arg(args, 0)
        if f != UNDEFINED_WORD and kind_of(f) != KIND_CLOSURE:
            raise throw("TypeError", "The comparison function must be either a "
                                     "function or undefined")
        with heap.handle(f) as fh:
            a = copy(this)
            return sort(a, [fh.word])

    def to_reversed(this: int, args: list[int]) -> int:
        this_array(this, "toReversed")
        return reverse(copy(this), [])

    def with_(this: int, args: list[int]) -> int:
        this_array(this, "with")
        with heap.handle(this) as th, heap.handle(arg(args, 1)) as vh, \
                heap.handle(arg(args, 0)) as given:
            n = core.array_length(this)
            x = to_num(given.word)
            j = 0 if x != x else x if math.isinf(x) else int(x)
            i = j + n if j < 0 else j
            if not 0 <= i < n:  # (node names the argument as given: ' 12 ', 1e3)
                what = core.strict_name(given.word) if is_object(given.word) \
                    else to_str(given.word)
                raise throw("RangeError", f"Invalid index : {what}")
            with heap.handle(copy(th.word)) as a:
                heap.array_set(a, int(i), vh.word)
                return a.word

    def to_spliced(this: int, args: list[int]) -> int:
        this_array(this, "toSpliced")
        # the arguments (the items to insert) are rooted across the copy's allocation
        hs = [heap.handle(x) for x in args]
        try:
            with heap.handle(copy(this)) as a:
                splice(a.word, [h.word for h in hs])
                return a.word
        finally:
            for h in hs:
                h.release()

    for name, fn, ln in (("toSorted", to_sorted, 1), ("toReversed", to_reversed, 0),
                         ("with", with_, 2), ("toSpliced", to_spliced, 2)):
        put_native(ap, name, fn, ln)

    for name, fn, ln in (("lastIndexOf", last_index_of, 1), ("at", at, 1),
                         ("reduceRight", reduce_right, 1), ("toString", to_string, 0),
                         ("toLocaleString", to_locale_string, 0),
                         ("keys", keys_, 0), ("values", values_, 0), ("entries", entries, 0),
                         ("flat", flat, 0)):
        put_native(ap, name, fn, ln)

    for name, fn, ln in (("push", push, 1), ("pop", pop, 0), ("shift", shift, 0),
                         ("unshift", unshift, 1), ("slice", slice_, 2),
                         ("concat", concat, 1), ("indexOf", index_of, 1),
                         ("includes", includes, 1), ("join", join, 1),
                         ("forEach", for_each, 1), ("map", map_, 1), ("filter", filter_, 1),
                         ("some", some, 1), ("every", every, 1), ("find", find, 1),
                         ("findIndex", find_index, 1), ("reduce", reduce, 1),
                         ("sort", sort, 1), ("reverse", reverse, 0), ("fill", fill, 1),
                         ("splice", splice, 2), ("copyWithin", copy_within, 2),
                         ("findLast", lambda t, a: find_last("findLast", t, a, False), 1),
                         ("findLastIndex", lambda t, a: find_last("findLastIndex", t, a,
                                                                  True), 1),
                         ("flatMap", flat_map, 1)):
        put_native(ap, name, fn, ln)

    def array_ctor(this: int | None, args: list[int]) -> int:
        if len(args) == 1 and args[0] >> 48 <= 0xFFF9:
            n = to_num(args[0])
            if type(n) is float and n.is_integer():
                n = int(n)
            if not (type(n) is int and 0 <= n < 1 << 32):
                raise throw("RangeError", "Invalid array length")
            if n > MAX_DENSE_GAP * 16:
                raise throw("RangeError", f"array length {n} is too large for a64js")
            core._check_fits(n)
            return R.heap.alloc_array(n, n)
        return core.new_array_rooted([heap.handle(x) for x in args])

    ctor = heap.handle(native("Array", lambda t, a: array_ctor(None, a), 1, array_ctor))
    heap.put(ctor, "prototype", ap.word)
    heap.put(ap, "constructor", ctor.word)
    # (Array.prototype is an array in node: here an object cell, named by its word)
    put_native(ctor, "isArray",
               lambda t, a: TRUE_WORD if (kind_of(arg(a, 0)) == KIND_ARRAY
                                          and not is_array_iterator(arg(a, 0))
                                          and not is_arguments(arg(a, 0)))
               or arg(a, 0) == R.protos["Array"].word else FALSE_WORD, 1)
    put_native(ctor, "of", lambda t, a: core.new_array_rooted([heap.handle(x) for x in a]), 0)

    def from_(this: int, args: list[int]) -> int:
        src = arg(args, 0)
        f = arg(args, 1)
        if f != UNDEFINED_WORD:
            _callback(f)  # (before the items are read, as the spec's order)
        # the mapping function rooted: a string's code points and an array-like's
        # getters allocate
        with heap.handle(f) as fh:
            if kind_of(src) == KIND_ARRAY:
                hs = [heap.handle(UNDEFINED_WORD if x == HOLE_WORD else x)
                      for x in array_words(src)]
                if is_array_iterator(src):  # (an iterator's values are taken: it is done)
                    core.set_length(src, INT_BASE)
            elif is_string(src):
                hs = [heap.handle(x) for x in core.string_items(src)]  # code points
            elif is_object(src):  # an array-like: its length and indices
                hs = _array_like(src)
            elif src in (UNDEFINED_WORD, NULL_WORD):
                raise throw("TypeError", no_iterator_message(
                    "undefined" if src == UNDEFINED_WORD else "object null"))
            else:
                hs = []
            if fh.word != UNDEFINED_WORD:
                for j, h in enumerate(hs):
                    h.word = call(fh.word, UNDEFINED_WORD, [h.word, INT_BASE | j])
        return core.new_array_rooted(hs)
    put_native(ctor, "from", from_, 1)
    heap.put(g, "Array", ctor.word)
    ctor.release()


# -- the realm -----------------------------------------------------------------------------

def setup(argv: list[str], out: Any, *, semispace: int = 64 << 20, stress: bool = False,
          poison: bool = False, stack_words: int = 1 << 20,
          max_semispace: int | None = None) -> None:
    """Make a fresh heap and realm (replacing any previous one, whose heap is closed)."""
    pyb.setup(argv, out)  # the Python VM's realm: the primitive built-ins adapted below
    old = getattr(R, "heap", None)
    if old is not None:
        R.heap = None  # type: ignore[assignment]
        R.S = R.SD = None
        # (a view someone still holds keeps the blocks: they go with the heap object)
        with contextlib.suppress(BufferError):
            old.close()
    heap = Heap(semispace, stack_words=stack_words, stress=stress, poison=poison,
                max_shapes=1 << 16, max_semispace=max_semispace)
    R.heap = heap
    R.sbase = heap._stack_block.address
    core.use_list_frames()  # (R.S, R.SD: frames in a list until a JIT is installed)
    R.out = out
    R.argv = argv
    R.jit = None
    R.codes = []
    R.info = {}
    R.natives = []
    R.protos = {}
    R.str_cache = heap.epoch_cache()
    R.chars = {}
    R.char_words = heap.epoch_cache()
    R.null_shapes = {}
    R.accessors = False
    R.builtins = []
    R.hidden_lists = []
    R.builtin_keys = frozenset()
    R.bound = []
    R.free_natives = []
    R.bound_epoch = -1
    op = heap.handle(heap.alloc_object(core.root_shape(NULL_WORD)))
    R.protos["Object"] = op
    R.obj_shape = core.root_shape(op.word)
    fp = heap.handle(core.new_object(op.word))
    R.protos["Function"] = fp
    R.fn_shape = core.root_shape(fp.word, closure=True)
    for name in ("Array", "String", "Number", "Boolean", "Error"):
        R.protos[name] = heap.handle(core.new_object(op.word))
    heap.set_shape_proto(heap.array_shape, R.protos["Array"])
    R.args_shape = heap._new_shape(KIND_ARRAY, NULL_WORD, 0, 0)  # (as array_shape)
    heap.set_shape_proto(R.args_shape, op)
    # strings find their methods through their shape too (the prototype inline caches)
    heap.set_shape_proto(heap.string_shape, R.protos["String"])
    g = heap.handle(core.new_object(op.word))
    R.global_obj = g
    heap.put(g, "globalThis", g.word)
    heap.put(g, "undefined", UNDEFINED_WORD)
    heap.put(g, "NaN", num_word(float("nan")))
    put_native(g, ARGUMENTS_MARK, mark_arguments, 1)
    heap.put(g, "Infinity", num_word(float("inf")))

    def obj_ctor(this: int | None, args: list[int]) -> int:
        v = arg(args, 0)
        if is_object(v):
            return v
        if v != UNDEFINED_WORD and v != NULL_WORD:  # (the Python VM's exit 2)
            raise core.HVMUnsupported(pyb.OBJECT_WRAPPER_UNSUPPORTED.format(core.typeof(v)))
        return core.new_object(R.protos["Object"].word)
    oc = heap.handle(native("Object", lambda t, a: obj_ctor(None, a), 1, obj_ctor))
    heap.put(oc, "prototype", op.word)
    heap.put(op, "constructor", oc.word)
    heap.put(g, "Object", oc.word)

    def keys(this: int, args: list[int]) -> int:
        o = arg(args, 0)
        if o in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "Cannot convert undefined or null to object")
        if kind_of(o) == KIND_ARRAY and is_array_iterator(o):
            return core.new_array([])  # (an iterator's values are not its properties)
        return core.keys_array(o)

    def values(this: int, args: list[int]) -> int:
        o = arg(args, 0)
        if o in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "Cannot convert undefined or null to object")
        with heap.handle(o) as oh:  # (a getter may allocate: the object may move)
            return core.new_array_rooted([heap.handle(get_prop(oh.word, k))
                                          for k in enumerable_keys(o)])
    def same_value(this: int, args: list[int]) -> int:
        x, y = arg(args, 0), arg(args, 1)
        if is_number(x) and is_number(y):
            return TRUE_WORD if pyb.same_value(to_num(x), to_num(y)) else FALSE_WORD
        return TRUE_WORD if _interp.strict_eq(x, y) else FALSE_WORD
    put_native(oc, "keys", keys, 1)
    put_native(oc, "values", values, 1)
    put_native(oc, "is", same_value, 2)
    _setup_object_extras(oc)
    oc.release()

    # (code from strings: outside the subset, called or constructed; `new Function`
    # was "Function is not a constructor")
    fc = heap.handle(native("Function", lambda t, a: _no_code("Function()"), 1,
                            lambda t, a: _no_code("new Function()")))
    heap.put(fc, "prototype", fp.word)
    heap.put(fp, "constructor", fc.word)
    heap.put(g, "Function", fc.word)
    fc.release()
    put_native(fp, "call", lambda t, a: call(t, arg(a, 0), list(a[1:])), 1)

    def bind(this: int, args: list[int]) -> int:
        """The bound function keeps [target, this, ...args] in its closure's home slot,
        traced by the collector (not in handles: a program binding in a loop must not
        keep every bound function alive); its native finds it through a weak reference
        and is given out again once it died."""
        if kind_of(this) != KIND_CLOSURE:
            raise throw("TypeError", "Bind must be called on a function")
        if R.bound and R.bound_epoch != heap.stats.collections:
            R.bound_epoch = heap.stats.collections
            _sweep_bound()
        hs = [heap.handle(x) for x in [this, *args]]
        if len(hs) == 1:
            hs.append(heap.handle(UNDEFINED_WORD))
        name = "bound " + to_str(get_prop(hs[0].word, "name"))
        tlen = get_prop(hs[0].word, "length")
        length = max(0, int(to_num(tlen)) - (len(hs) - 2)) if is_number(tlen) else 0
        with heap.handle(core.new_array_rooted(hs)) as data:
            wi = [0]

            def bound_words() -> list[int]:
                w = heap.weak_get(wi[0])
                assert w is not None  # (being called: alive)
                return array_words(int(heap._w[core.cell_index(w) + 5]))

            def fn(t: int, a: list[int]) -> int:
                ws = bound_words()
                return call(ws[0], ws[1], ws[2:] + a)

            def ctor(t: int | None, a: list[int]) -> int:
                from .interp import construct
                ws = bound_words()
                return construct(ws[0], ws[2:] + a, name)
            f = native(name, fn, length, ctor)
            heap._w[core.cell_index(f) + 5] = data.word  # the home slot
            wi[0] = heap.weak_handle(f)
            R.bound.append((core.closure_code_id(f) - NATIVE_BASE, wi[0]))
            return f
    put_native(fp, "bind", bind, 1)
    def apply(this: int, args: list[int]) -> int:
        lst = arg(args, 1)
        if lst in (UNDEFINED_WORD, NULL_WORD):
            return call(this, arg(args, 0), [])
        if kind_of(lst) == KIND_ARRAY:
            return call(this, arg(args, 0),
                        [UNDEFINED_WORD if x == HOLE_WORD else x for x in array_words(lst)])
        if not is_object(lst):
            raise throw("TypeError", "CreateListFromArrayLike called on non-object")
        with heap.handle(this) as fh, heap.handle(arg(args, 0)) as th:
            hs = _array_like(lst)  # (its getters may run JavaScript and collect)
            words = [h.word for h in hs]
            for h in hs:
                h.release()
            return call(fh.word, th.word, words)
    put_native(fp, "apply", apply, 2)

    def obj_to_string(this: int, args: list[int]) -> int:
        if kind_of(this) == KIND_ARRAY:
            return new_str("[object Arguments]" if is_arguments(this) else "[object Array]")
        if this in (UNDEFINED_WORD, NULL_WORD):
            return new_str("[object Undefined]" if this == UNDEFINED_WORD else "[object Null]")
        tag = "Object"
        if is_string(this):
            tag = "String"
        elif this in (TRUE_WORD, FALSE_WORD):
            tag = "Boolean"
        elif is_number(this):
            tag = "Number"
        elif kind_of(this) == KIND_CLOSURE:
            tag = "Function"
        elif is_object(this) and core.is_error(this):
            tag = "Error"
        elif this in (core.get_own(g.word, "Math"), core.get_own(g.word, "JSON")):
            tag = "Math" if this == core.get_own(g.word, "Math") else "JSON"
        return new_str(f"[object {tag}]")
    put_native(op, "toString", obj_to_string, 0)
    put_native(op, "valueOf", lambda t, a: t, 0)

    def is_prototype_of(this: int, args: list[int]) -> int:
        v = arg(args, 0)
        if not is_object(v):
            return FALSE_WORD
        if this in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "Cannot convert undefined or null to object")
        return TRUE_WORD if core.on_proto_chain(v, this) else FALSE_WORD
    put_native(op, "isPrototypeOf", is_prototype_of, 1)
    def fn_to_string(this: int, args: list[int]) -> int:
        if kind_of(this) != KIND_CLOSURE:
            raise throw("TypeError", "Function.prototype.toString requires that 'this' be "
                                     "a Function")
        code = core.closure_code(this)
        if code is not None:
            text = function_text(code)
            if text is None:
                raise throw("TypeError", pyb.FN_TEXT_UNKNOWN)
            return new_str(text)
        name = R.natives[core.closure_code_id(this) - NATIVE_BASE].name
        return new_str(f"function {name}() {{ [native code] }}")
    put_native(fp, "toString", fn_to_string, 0)
    put_native(op, "hasOwnProperty", lambda t, a: TRUE_WORD if has_own(t, arg(a, 0))
               else FALSE_WORD, 1)
    put_native(op, "propertyIsEnumerable", lambda t, a: TRUE_WORD
               if is_enumerable_own(t, arg(a, 0)) else FALSE_WORD, 1)

    def obj_to_locale_string(this: int, args: list[int]) -> int:
        if this in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "Object.prototype.toLocaleString called on null or "
                                     "undefined")
        with heap.handle(this) as th:
            f = get_prop(th.word, "toString")
            if core.typeof(f) != "function":
                raise throw("TypeError", f"{core.display(f)} is not a function")
            return core.call(f, th.word, [])
    put_native(op, "toLocaleString", obj_to_locale_string, 0)
    setup_array(g)

    # Strings, numbers, Math, global functions: the Python VM's, adapted
    wrap_object(PR.string_proto, R.protos["String"], "String.prototype.")
    for alias, same in (("trimLeft", "trimStart"), ("trimRight", "trimEnd")):  # (node's)
        heap.put(R.protos["String"], alias, get_prop(R.protos["String"].word, same))
    wrap_object(PR.number_proto, R.protos["Number"], "Number.prototype.")
    put_native(R.protos["Number"], "toLocaleString", _number_to_locale, 0)
    put_native(R.protos["String"], "localeCompare", _locale_compare, 1)
    py = PR.globals
    for name in ("parseInt", "parseFloat", "isNaN", "isFinite", "encodeURIComponent",
                 "encodeURI", "decodeURIComponent", "decodeURI"):
        put_native(g, name, wrap(py[name], name), getattr(py[name], "length", 1))
    math = heap.handle(core.new_object(op.word))
    wrap_object(py["Math"], math, "Math.")
    heap.put(g, "Math", math.word)
    holders = [math]  # (kept: R.constant_holders)
    for name, conv in (("String", lambda w: new_str(to_str(w))),
                       ("Number", lambda w: num_word(to_num(w))),
                       ("Boolean", lambda w: TRUE_WORD if truthy(w) else FALSE_WORD)):
        default = {"String": new_str(""), "Number": INT_BASE, "Boolean": FALSE_WORD}[name]
        c = heap.handle(native(name, _converter(conv, heap.handle(default)), 1,
                               _no_wrapper(name)))
        heap.put(c, "prototype", R.protos[name].word)
        heap.put(R.protos[name], "constructor", c.word)
        wrap_object(py[name], c, f"{name}.")
        if name == "String":
            put_native(c, "raw", _string_raw, 1)  # (reads its template's properties)
        if name == "Number":  # (the global functions themselves, as node's)
            for same in ("parseInt", "parseFloat"):
                heap.put(c, same, get_prop(g.word, same))
        heap.put(g, name, c.word)
        if name == "Number":
            holders.append(c)
            R.constant_holders = tuple(holders)  # (their constants: core.read_only)
        else:
            c.release()

    _setup_errors(g)
    _setup_json(g)
    _register_builtins(g)

    # console and process
    con = heap.handle(core.new_object(op.word))

    state = pyb.CONSOLE  # (made by pyb.setup above: groups, counts, timers)

    def out_line(text: str) -> None:
        R.out.write(host_str(state.lines(text)) + "\n")

    def err_line(text: str) -> None:
        R.out.flush()  # (what was printed before comes first, as node's)
        sys.stderr.write(host_str(state.lines(text)) + "\n")

    def log(this: int, args: list[int]) -> int:
        out_line(format_log(mirrors(format_strings(args))))
        return UNDEFINED_WORD

    def log_err(this: int, args: list[int]) -> int:
        err_line(format_log(mirrors(format_strings(args))))
        return UNDEFINED_WORD
    for name, fn in (("log", log), ("info", log), ("debug", log), ("error", log_err),
                     ("warn", log_err)):
        put_native(con, name, fn, 0)

    def label(args: list[int]) -> str:
        return "default" if arg(args, 0) == UNDEFINED_WORD else to_str(arg(args, 0))

    def warn_text(text: str | None) -> int:
        if text is not None:
            err_line(text)
        return UNDEFINED_WORD

    def group(this: int, args: list[int]) -> int:
        if args:
            log(this, args)
        state.indent += "  "
        return UNDEFINED_WORD

    def group_end(this: int, args: list[int]) -> int:
        state.indent = state.indent[:-2]
        return UNDEFINED_WORD

    def assert_(this: int, args: list[int]) -> int:
        if not truthy(arg(args, 0)):  # (node: the first datum after "...: ")
            with heap.handle(arg(args, 1)) as first:  # (mirrors may collect)
                rest: list[Any] = mirrors(args[1:])
                if rest:
                    rest[0] = f"Assertion failed: {to_str(first.word)}"
            err_line(format_log(rest or ["Assertion failed"]))
        return UNDEFINED_WORD

    def time_end(what: str, end: bool) -> Fn:
        def fn(this: int, args: list[int]) -> int:
            if not end and len(args) > 1 and is_object(args[0]):
                # the label's toString may run JavaScript that collects: the data to
                # log are rooted meanwhile
                hs = [heap.handle(a) for a in args]
                try:
                    name = label(args)
                    args = [h.word for h in hs]
                finally:
                    for h in hs:
                        h.release()
            else:
                name = label(args)
            text, warning = state.elapsed(name, end, what)
            warn_text(warning)
            if text is not None:
                out_line(format_log([text] + ([] if end else mirrors(args[1:]))))
            return UNDEFINED_WORD
        return fn

    def count(this: int, args: list[int]) -> int:
        out_line(state.count(label(args)))
        return UNDEFINED_WORD

    def trace(this: int, args: list[int]) -> int:
        text = format_log(mirrors(args))
        err_line(f"Trace{': ' + text if args else ''}\n    at <anonymous>")
        return UNDEFINED_WORD
    for name, native_fn, n in (("group", group, 0), ("groupCollapsed", group, 0),
                        ("groupEnd", group_end, 0), ("assert", assert_, 0),
                        ("count", count, 0),
                        ("countReset", lambda t, a: warn_text(state.count_reset(label(a))), 0),
                        ("time", lambda t, a: warn_text(state.time(label(a))), 0),
                        ("timeEnd", time_end("timeEnd", True), 0),
                        ("timeLog", time_end("timeLog", False), 0), ("trace", trace, 0)):
        put_native(con, name, native_fn, n)

    def table(this: int, args: list[int]) -> int:
        """console.table: builtins.table_text on the arguments mirrored (as log's)."""
        with heap.handle(arg(args, 0)) as dh:  # (mirrors and getters may collect)
            data, props = mirrors([dh.word, arg(args, 1)])
            try:
                text = pyb.table_text(data, props)
            except JSThrow as e:
                raise _rethrow(e) from None
            if text is None:
                log(this, [dh.word])
                return UNDEFINED_WORD
        out_line(text)
        return UNDEFINED_WORD
    put_native(con, "table", table, 0)

    def dir_(this: int, args: list[int]) -> int:  # util.inspect's text of one value
        out_line(inspect_text(arg(args, 0), arg(args, 1)))
        return UNDEFINED_WORD
    put_native(con, "dir", dir_, 0)
    heap.put(g, "console", con.word)
    con.release()
    proc = heap.handle(core.new_object(op.word))
    stdout = heap.handle(core.new_object(op.word))

    def write(this: int, args: list[int]) -> int:
        R.out.write(host_str(chunk_text(arg(args, 0))))
        return TRUE_WORD
    put_native(stdout, "write", write, 1)
    heap.put(proc, "stdout", stdout.word)
    stdout.release()
    with heap.handle(core.new_object(op.word)) as stderr:
        def write_err(this: int, args: list[int]) -> int:
            R.out.flush()  # (what was printed before comes first, as node's)
            sys.stderr.write(host_str(chunk_text(arg(args, 0))))
            return TRUE_WORD
        put_native(stderr, "write", write_err, 1)
        heap.put(proc, "stderr", stderr.word)
    # pid, arch, uptime(): the Python VM's values
    for pkey in ("pid", "arch"):
        with heap.handle(to_word(PR.globals["process"].get_own(pkey))) as vh:
            heap.put(proc, pkey, vh.word)
    started = time.perf_counter()
    put_native(proc, "uptime", lambda t, a: num_word(time.perf_counter() - started), 0)
    heap.put(proc, "argv", core.new_array_rooted([heap.handle(new_str(a)) for a in argv]))
    # the environment (filled by fill_env), platform and working directory
    _ENV_FILLED[:] = [False]
    heap.put(proc, "env", core.new_object(op.word))
    heap.put(proc, "platform", new_str(sys.platform))
    put_native(proc, "cwd", lambda t, a: new_str(js_str(os.getcwd())), 0)

    def exit_(this: int, args: list[int]) -> int:
        code = arg(args, 0)
        if not args:  # (node: process.exitCode, if set; exit(undefined) is 0)
            process = get_prop(R.global_obj.word, "process")
            if core.typeof(process) == "object":
                code = get_prop(process, "exitCode")
        raise pyb.ProcessExit(exit_code(code))
    put_native(proc, "exit", exit_, 1)

    def hrtime(this: int, args: list[int]) -> int:
        ns = time.perf_counter_ns()
        return core.new_array([num_word(ns // 10**9), num_word(ns % 10**9)])
    put_native(proc, "hrtime", hrtime, 0)
    heap.put(g, "process", proc.word)
    proc.release()
    # clocks: Date.now() (ms since the epoch) and performance.now() (ms, monotonic)
    def no_date(this: int | None, args: list[int]) -> int:
        raise throw("TypeError", pyb.DATE_UNSUPPORTED)
    date = heap.handle(native("Date", no_date, 7, no_date))
    put_native(date, "now", lambda t, a: num_word(time.time() * 1000.0), 0)
    heap.put(g, "Date", date.word)
    date.release()
    perf = heap.handle(core.new_object(op.word))
    put_native(perf, "now", lambda t, a: num_word(time.perf_counter() * 1000.0), 0)
    heap.put(g, "performance", perf.word)
    perf.release()
    put_native(R.protos["Boolean"], "toString",
               lambda t, a: new_str("true" if t == TRUE_WORD else "false"), 0)
    for name in core.visible_keys(g.word):  # nor are the built-ins' own properties
        v = core.get_own(g.word, name)
        if v is not None and name not in pyb.ENUMERABLE_BUILTINS and is_object(v) \
                and v != g.word:
            with heap.handle(v) as vh:
                core.hide_all(vh.word)
                p = core.get_own(vh.word, "prototype")
                if p is not None and is_object(p):
                    core.hide_all(p)
    with heap.handle(get_prop(g.word, "Error")) as eh:  # (builtins.setup: enumerable)
        heap.put(eh, "stackTraceLimit", INT_BASE | 10)
    # the built-in globals are not enumerable: Object.keys(globalThis) is []
    heap.put(g, core.K_HIDDEN, new_str("\x00".join(core.visible_keys(g.word))))
    if old is not None:
        # the replaced realm's cycles (its handles among them) collected here, at a
        # shallow depth: Python's collector would otherwise finalize them wherever it
        # next runs, maybe deep in a recursion, where Handle.__del__ cannot be called
        # (printed, "Exception ignored")
        gc.collect()


def is_enumerable_own(o: int, k: int) -> bool:
    """``Object.prototype.propertyIsEnumerable.call(o, k)``: an own key Object.keys lists
    (a string's indexes, not its length; an array's elements, not its length)."""
    with R.heap.handle(o) as oh:
        key = core.key_of(k)  # (once: an object's toString may run JavaScript)
        o = oh.word
    if is_string(o):
        return is_index_key(key) and int(key) < len(str_of(o))
    if kind_of(o) == KIND_ARRAY and key == "length":
        return False
    if kind_of(o) not in (KIND_OBJECT, KIND_CLOSURE, KIND_ARRAY):
        return False
    return _has_own_key(o, key) and key in core.visible_keys(o)


def has_own(o: int, k: int) -> bool:
    """``Object.prototype.hasOwnProperty.call(o, k)``."""
    with R.heap.handle(o) as oh:
        key = core.key_of(k)
        o = oh.word
    return _has_own_key(o, key)


def _has_own_key(o: int, key: str) -> bool:
    """Whether ``o`` has own property ``key`` (a property key already converted)."""
    kind = kind_of(o)
    if kind == KIND_ARRAY:
        if is_index_key(key):
            return raw_get(o, int(key)) != HOLE_WORD
        if key == "length":
            return True
    elif is_string(o):
        return key == "length" or (is_index_key(key) and int(key) < len(str_of(o)))
    elif kind not in (KIND_OBJECT, KIND_CLOSURE):
        return False
    return core.has_own_key(o, key) or core.has_own_key(o, core.ACC + key)


def _locale_list(arr: int) -> JSArray:
    """A locales array's elements as strings (the Python VM's array): each held in a
    handle while the others convert (an object's toString may run JavaScript that
    collects)."""
    hs = [R.heap.handle(w) for w in array_words(arr)]
    try:
        return JSArray(PR.array_proto, [to_str(h.word) for h in hs])
    finally:
        for h in hs:
            h.release()


def _number_to_locale(this: int, args: list[int]) -> int:
    """Number.prototype.toLocaleString: builtins.locale_format, its locales and options
    read from the heap (an options object is not a primitive the adapter converts)."""
    if not is_number(this):
        raise throw("TypeError", "Number.prototype method called on a non-number")
    x = to_py(this, "Number.prototype.toLocaleString")
    loc, opts = arg(args, 0), arg(args, 1)
    if opts == NULL_WORD:  # (node's message for ToObject(null) of the options)
        raise throw("TypeError", "Number.prototype.toLocaleString called on null or "
                                 "undefined")
    with R.heap.handle(opts) as oh:
        if kind_of(loc) == KIND_ARRAY:
            locales: Any = _locale_list(loc)
        else:
            locales = to_py(core.to_primitive(loc), "Number.prototype.toLocaleString")

        def read(name: str) -> Any:
            if not is_object(oh.word):
                return None
            v = core.to_primitive(get_prop(oh.word, name))
            return to_py(v, "Number.prototype.toLocaleString")
        try:
            text = pyb.locale_format(x, locales, opts != UNDEFINED_WORD, read)
        except JSThrow as e:
            raise _rethrow(e) from None
    return new_str(text)


def _locale_compare(this: int, args: list[int]) -> int:
    """String.prototype.localeCompare: builtins.locale_compare_with, its locales and
    options read from the heap (as _number_to_locale's)."""
    if this in (UNDEFINED_WORD, NULL_WORD):
        raise throw("TypeError", "String.prototype.localeCompare called on null or undefined")
    with R.heap.handle(this) as th, R.heap.handle(arg(args, 0)) as bh, \
            R.heap.handle(arg(args, 1)) as lh, R.heap.handle(arg(args, 2)) as oh:
        a = to_str(th.word)
        b = to_str(bh.word)
        if oh.word == NULL_WORD:  # (node's words for null options)
            raise throw("TypeError", "String.prototype.localeCompare called on null or "
                        "undefined")
        if kind_of(lh.word) == KIND_ARRAY:
            locales: Any = _locale_list(lh.word)
        else:
            locales = to_py(core.to_primitive(lh.word), "String.prototype.localeCompare")

        def read(name: str) -> Any:
            if not is_object(oh.word):
                return None
            v = core.to_primitive(get_prop(oh.word, name))
            return to_py(v, "String.prototype.localeCompare")
        try:
            return num_word(pyb.locale_compare_with(a, b, locales,
                                                    oh.word != UNDEFINED_WORD, read))
        except JSThrow as e:
            raise _rethrow(e) from None


def _converter(conv: Callable[[int], int], dh: Handle) -> Fn:
    def fn(this: int, args: list[int]) -> int:
        return conv(args[0]) if args else dh.word
    return fn


def _setup_object_extras(oc: Handle) -> None:
    heap = R.heap

    def entries(this: int, args: list[int]) -> int:
        o = arg(args, 0)
        if o in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "Cannot convert undefined or null to object")
        with heap.handle(o) as oh:
            pairs = []
            for k in enumerable_keys(o):
                with heap.handle(new_str(k)) as kh:
                    v = get_prop(oh.word, k)
                    pairs.append(heap.handle(core.new_array_rooted(
                        [heap.handle(kh.word), heap.handle(v)])))
            return core.new_array_rooted(pairs)

    def assign(this: int, args: list[int]) -> int:
        hs = [heap.handle(a) for a in args]
        try:
            target = hs[0] if hs else heap.handle(UNDEFINED_WORD)
            if not is_object(target.word):
                raise unsupported("Object.assign to a primitive")
            for src in hs[1:]:
                if is_object(src.word):
                    for k in core.visible_keys(src.word):  # (node's Set throws)
                        v = get_prop(src.word, k)  # (a getter may collect: target read after)
                        core.set_prop(target.word, k, v, True)
            return target.word
        finally:
            for h in hs:
                h.release()

    def create(this: int, args: list[int]) -> int:
        p = arg(args, 0)
        if p != NULL_WORD and not is_object(p):
            raise throw("TypeError", f"Object prototype may only be an Object or null: "
                                     f"{to_str(p)}")
        if len(args) < 2 or args[1] == UNDEFINED_WORD:
            return R.heap.alloc_object(core.root_shape(p))
        with heap.handle(args[1]) as ph:
            o = R.heap.alloc_object(core.root_shape(p))
            return define_properties(UNDEFINED_WORD, [o, ph.word])

    def define_properties(this: int, args: list[int]) -> int:
        """Object.defineProperties(o, props): each own enumerable key of ``props`` as
        Object.defineProperty defines it, every descriptor checked first (node's order)."""
        o, props = arg(args, 0), arg(args, 1)
        if not is_object(o):
            raise throw("TypeError", "Object.defineProperties called on non-object")
        if props in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "Cannot convert undefined or null to object")
        with heap.handle(o) as oh, heap.handle(props) as ph:
            descs = [(k, heap.handle(get_prop(ph.word, k))) for k in core.visible_keys(props)]
            try:
                for _, dh in descs:
                    if not is_object(dh.word):
                        raise throw("TypeError", f"Property description must be an "
                                                 f"object: {to_str(dh.word)}")
                for k, dh in descs:
                    with heap.handle(new_str(k)) as kh:
                        define_property(UNDEFINED_WORD, [oh.word, kh.word, dh.word])
            finally:
                for _, dh in descs:
                    dh.release()
            return oh.word

    def get_proto(this: int, args: list[int]) -> int:
        o = arg(args, 0)
        if is_object(o):
            return core.proto_word(o)
        if is_string(o):
            return R.protos["String"].word
        if o >> 48 <= 0xFFF9:
            return R.protos["Number"].word
        raise throw("TypeError", "Cannot convert undefined or null to object")

    def define_property(this: int, args: list[int]) -> int:
        o, k, desc = arg(args, 0), arg(args, 1), arg(args, 2)
        if not is_object(o):
            raise throw("TypeError", "Object.defineProperty called on non-object")
        if not is_object(desc):
            raise throw("TypeError", f"Property description must be an object: "
                                     f"{to_str(desc)}")
        names = core.visible_keys(desc)
        with heap.handle(o) as oh, heap.handle(desc) as dh:
            key = core.key_of(k)
            existed = "data" if core.own_slot(oh.word, key) is not None else \
                "accessor" if core.own_slot(oh.word, core.ACC + key) is not None else None
            try:  # (the rule of both VMs; the flags read through getters: handles held)
                what, hide, fix = define_plan(
                    key, names, lambda n: truthy(get_prop(dh.word, n)), existed,
                    core.key_attr(oh.word, core.K_HIDDEN, key),
                    core.key_attr(oh.word, FIXED, key))
            except DescriptorError as e:
                if e.kind == "TypeError":
                    raise throw("TypeError", e.message) from None
                raise core.HVMUnsupported(f"{e.message} is not supported by a64js") \
                    from None
            if what == "data":
                if existed == "accessor":
                    core.delete_prop(oh.word, key)  # replaces the accessor, not its setter
                v = get_prop(dh.word, "value")  # (a getter may collect: o read after)
                core.define_data(oh.word, key, v)
            elif what == "accessor":
                if existed == "data":
                    core.delete_prop(oh.word, key)  # an accessor replaces the data property
                for which, n in ((0, "get"), (1, "set")):
                    if n in names:
                        fn = get_prop(dh.word, n)  # (as "value" above)
                        core.define_accessor(oh.word, key, fn, which)
            core.set_key_attr(oh.word, core.K_HIDDEN, key, hide)
            core.set_key_attr(oh.word, FIXED, key, fix)
            return oh.word

    def from_entries(this: int, args: list[int]) -> int:
        """Object.fromEntries over an array (or a string: its code points), the Python
        VM's messages for what has no entries."""
        src = arg(args, 0)
        if src in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "undefined is not iterable")
        if is_string(src):
            items = core.string_items(src)
        elif kind_of(src) == KIND_ARRAY:
            items = [UNDEFINED_WORD if x == HOLE_WORD else x for x in array_words(src)]
        else:
            what = "object" if is_object(src) else f"{core.typeof(src)} {to_str(src)}"
            raise throw("TypeError", no_iterator_message(what))
        hs = [heap.handle(x) for x in items]
        try:
            with heap.handle(core.new_object(R.protos["Object"].word)) as oh:
                for h in hs:
                    if not is_object(h.word):
                        raise throw("TypeError", not_entry_message(to_str(h.word)))
                    with heap.handle(get_prop(h.word, "0")) as kh, \
                            heap.handle(get_prop(h.word, "1")) as vh:
                        key = core.key_of(kh.word)
                        core.set_prop(oh.word, key, vh.word)
                return oh.word
        finally:
            for h in hs:
                h.release()

    def has_own_static(this: int, args: list[int]) -> int:
        if arg(args, 0) in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "Cannot convert undefined or null to object")
        return TRUE_WORD if has_own(arg(args, 0), arg(args, 1)) else FALSE_WORD

    put_native(oc, "fromEntries", from_entries, 1)
    put_native(oc, "hasOwn", has_own_static, 2)
    put_native(oc, "entries", entries, 1)
    put_native(oc, "assign", assign, 2)
    put_native(oc, "create", create, 2)
    put_native(oc, "getPrototypeOf", get_proto, 1)

    def freeze(this: int, args: list[int]) -> int:
        o = arg(args, 0)
        if is_object(o):
            raise throw("TypeError", pyb.FREEZE_UNSUPPORTED)
        return o
    put_native(oc, "freeze", freeze, 1)

    def seal(this: int, args: list[int]) -> int:
        o = arg(args, 0)
        if is_object(o):
            raise throw("TypeError", pyb.SEAL_UNSUPPORTED)
        return o
    put_native(oc, "seal", seal, 1)
    # (nothing is frozen, sealed or not extensible here: the Python VM's answers)
    put_native(oc, "isFrozen", lambda t, a: FALSE_WORD if is_object(arg(a, 0))
               else TRUE_WORD, 1)
    put_native(oc, "isSealed", lambda t, a: FALSE_WORD if is_object(arg(a, 0))
               else TRUE_WORD, 1)
    put_native(oc, "isExtensible", lambda t, a: TRUE_WORD if is_object(arg(a, 0))
               else FALSE_WORD, 1)

    def own_names(this: int, args: list[int]) -> int:
        o = arg(args, 0)
        if o in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "Cannot convert undefined or null to object")
        if is_string(o):
            names = [str(i) for i in range(len(str_of(o)))] + ["length"]
        elif not is_object(o):
            names = []
        elif kind_of(o) == KIND_CLOSURE or core.is_error(o):
            raise throw("TypeError", pyb.OWN_NAMES_UNSUPPORTED)
        else:
            keys = [x[1:] if x[:1] == core.ACC else x for x in core.own_keys(o)
                    if x[:1] != "\x00"]
            if kind_of(o) == KIND_ARRAY:  # (its named keys are never index keys)
                names = [str(i) for i, x in enumerate(array_words(o)) if x != HOLE_WORD]
                names += ["length", *keys]
            else:
                names = sorted((x for x in keys if is_index_key(x)), key=int)
                names += [x for x in keys if not is_index_key(x)]
        return core.new_array_rooted([heap.handle(new_str(k)) for k in names])
    put_native(oc, "getOwnPropertyNames", own_names, 1)

    def set_proto(this: int, args: list[int]) -> int:
        o, p = arg(args, 0), arg(args, 1)
        if o in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "Object.setPrototypeOf called on null or undefined")
        if p != NULL_WORD and not is_object(p):
            raise throw("TypeError", f"Object prototype may only be an Object or null: "
                                     f"{to_str(p)}")
        if is_object(o):
            return core.set_proto(o, p)
        return o
    put_native(oc, "setPrototypeOf", set_proto, 2)
    put_native(oc, "defineProperty", define_property, 3)

    def descriptor(value: int, writable: bool | None, enumerable: bool, configurable: bool,
                   getter: int = UNDEFINED_WORD, setter: int = UNDEFINED_WORD) -> int:
        """A descriptor object (runtime.descriptor): a data property's, or with
        ``writable`` None an accessor's."""
        with heap.handle(value) as vh, heap.handle(getter) as gh, \
                heap.handle(setter) as sh, \
                heap.handle(core.new_object(R.protos["Object"].word)) as dh:
            if writable is None:  # (each word read after the last store: it may move)
                heap.put(dh, "get", gh.word)
                heap.put(dh, "set", sh.word)
            else:
                heap.put(dh, "value", vh.word)
                heap.put(dh, "writable", TRUE_WORD if writable else FALSE_WORD)
            heap.put(dh, "enumerable", TRUE_WORD if enumerable else FALSE_WORD)
            heap.put(dh, "configurable", TRUE_WORD if configurable else FALSE_WORD)
            return dh.word

    def own_descriptor(o: int, key: str) -> int:
        """Object.getOwnPropertyDescriptor(o, key) (builtins.own_descriptor's rules: the
        attributes follow from how the property was made)."""
        if o in (UNDEFINED_WORD, NULL_WORD):
            raise throw("TypeError", "Cannot convert undefined or null to object")
        if is_string(o):  # its String object's read-only indexes and length
            s = str_of(o)
            if key == "length":
                return descriptor(INT_BASE | len(s), False, False, False)
            if is_index_key(key) and int(key) < len(s):
                return descriptor(new_str(s[int(key)]), False, True, False)
            return UNDEFINED_WORD
        if not is_object(o):
            return UNDEFINED_WORD
        kind = kind_of(o)
        if kind == KIND_ARRAY:
            if key == "length":
                return descriptor(INT_BASE | core.array_length(o), True, False, False)
            if is_index_key(key):
                e = raw_get(o, int(key))
                return UNDEFINED_WORD if e == HOLE_WORD else descriptor(e, True, True, True)
        fn = kind == KIND_CLOSURE
        if fn and key in ("name", "length"):  # (made by the function: read-only)
            with heap.handle(o) as oh:
                nv = get_prop(o, key)
                return descriptor(nv, False, key in core.visible_keys(oh.word), True)
        if fn and key == "prototype":
            code = core.closure_code(o)
            if core.own_slot(o, key) is None and code is not None \
                    and code.kind in ("normal", "ctor"):
                with heap.handle(o) as oh:
                    get_prop(o, key)  # (made at first use)
                    o = oh.word
        if key[:1] in ("\x00", core.ACC):
            return UNDEFINED_WORD
        enumerable = key in core.visible_keys(o)
        fixed = core.key_attr(o, FIXED, key)
        v = core.get_own(o, key)
        if v is None:
            pair = core.get_own(o, core.ACC + key)
            if pair is None:
                return UNDEFINED_WORD
            return descriptor(UNDEFINED_WORD, None, enumerable, not fixed,
                              raw_get(pair, 0), raw_get(pair, 1))
        if fn and key == "prototype":  # not configurable; a class's not writable either
            code = core.closure_code(o)
            return descriptor(v, not (code is not None and code.is_class_ctor),
                              enumerable, False)
        # the built-in constants (Math.PI, Number.MAX_SAFE_INTEGER) are read-only
        writable = not (fixed and o in (get_prop(R.global_obj.word, "Math"),
                                        get_prop(R.global_obj.word, "Number")))
        return descriptor(v, writable, enumerable, not fixed)

    def get_own_descriptor(this: int, args: list[int]) -> int:
        o = arg(args, 0)
        with heap.handle(o) as oh:
            key = core.key_of(arg(args, 1))
            return own_descriptor(oh.word, key)
    put_native(oc, "getOwnPropertyDescriptor", get_own_descriptor, 2)

    def get_own_descriptors(this: int, args: list[int]) -> int:
        o = arg(args, 0)
        with heap.handle(o) as oh, \
                heap.handle(core.new_object(R.protos["Object"].word)) as out:
            names = own_names(UNDEFINED_WORD, [oh.word])
            keys = [to_str(w) for w in array_words(names)]
            for k in keys:
                d = own_descriptor(oh.word, k)
                with heap.handle(d) as dh:
                    core.set_prop(out.word, k, dh.word)
            return out.word
    put_native(oc, "getOwnPropertyDescriptors", get_own_descriptors, 1)
    put_native(oc, "defineProperties", define_properties, 2)


def _register_builtins(g: Handle) -> None:
    """Remember the names of the Python VM's built-in objects, so a name this VM lacks is
    a clear "not supported" error rather than undefined (missing_builtin)."""
    pairs: list[tuple[str, Handle, Any]] = [
        ("Object.prototype.", R.protos["Object"], PR.object_proto),
        ("Function.prototype.", R.protos["Function"], PR.function_proto),
        ("Array.prototype.", R.protos["Array"], PR.array_proto),
        ("String.prototype.", R.protos["String"], PR.string_proto),
        ("Number.prototype.", R.protos["Number"], PR.number_proto),
        ("Boolean.prototype.", R.protos["Boolean"], PR.boolean_proto),
    ]
    for name in ("Object", "Array", "String", "Number", "Math", "JSON", "console",
                 "process", "Error"):
        pv = PR.globals.get(name)
        w = core.get_own(g.word, name)
        if isinstance(pv, JSObject) and w is not None:
            pairs.append((f"{name}.", R.heap.handle(w), pv))
    for label, h, pv in pairs:
        names = frozenset(pv.own_keys())
        if names:
            R.builtins.append((h, label, names))
    R.builtin_keys = frozenset().union(*(names for _, _, names in R.builtins))


def _setup_json(g: Handle) -> None:
    """JSON.stringify on heap values (toJSON, a replacer function or key list, the
    indent; node's message for a circular structure); JSON.parse by the Python VM's
    parser into heap values, then the reviver if one is given."""
    heap = R.heap
    pj = PR.globals["JSON"]
    assert isinstance(pj, JSObject)
    py_parse = pj.get_own("parse")
    j = heap.handle(core.new_object(R.protos["Object"].word))

    def stringify(this: int, args: list[int]) -> int:
        with heap.handle(arg(args, 0)) as vh, heap.handle(arg(args, 1)) as rh, \
                heap.handle(arg(args, 2)) as sh, \
                heap.handle(core.new_object(R.protos["Object"].word)) as wrapper:
            heap.put(wrapper, "", vh.word)
            r = json_stringify(wrapper, rh.word, sh.word)
        return UNDEFINED_WORD if r is None else new_str(r)

    def parse(this: int, args: list[int]) -> int:
        assert isinstance(py_parse, NativeFunction)
        with heap.handle(arg(args, 1)) as rh:
            try:
                text = to_str(arg(args, 0))
                v = to_word(py_parse.fn(None, [text]))
            except JSThrow as e:
                raise _rethrow(e) from None
            if kind_of(rh.word) != KIND_CLOSURE:
                return v
            with heap.handle(v) as vh, \
                    heap.handle(core.new_object(R.protos["Object"].word)) as root:
                heap.put(root, "", vh.word)
                return _revive(root, "", rh)
    put_native(j, "stringify", stringify, 3)
    put_native(j, "parse", parse, 2)
    heap.put(g, "JSON", j.word)
    j.release()


def _revive(holder: Handle, key: str, reviver: Handle) -> int:
    """JSON.parse's InternalizeJSONProperty: children first, then the reviver."""
    heap = R.heap
    with heap.handle(get_prop(holder.word, key)) as vh:
        if is_object(vh.word):
            keys = [str(i) for i in range(core.array_length(vh.word))] \
                if kind_of(vh.word) == KIND_ARRAY else core.visible_keys(vh.word)
            for k in keys:
                nv = _revive(vh, k, reviver)
                if nv == UNDEFINED_WORD:
                    core.delete_prop(vh.word, k)
                else:
                    core.set_prop(vh.word, k, nv)
        with heap.handle(new_str(key)) as kh:
            return call(reviver.word, holder.word, [kh.word, vh.word])


def json_stringify(wrapper: Handle, replacer: int, space: int) -> str | None:
    """SerializeJSONProperty of ``wrapper[""]`` (None: undefined)."""
    from ..builtins import json_quote

    heap = R.heap
    gap = ""
    if is_number(space):
        gap = " " * max(0, min(10, int(to_num(space))))
    elif is_string(space):
        gap = str_of(space)[:10]
    fn: Handle | None = None
    keys: list[str] | None = None
    if kind_of(replacer) == KIND_CLOSURE:
        fn = heap.handle(replacer)
    elif kind_of(replacer) == KIND_ARRAY:
        keys = []
        for x in array_words(replacer):
            if is_string(x) or is_number(x):
                k = to_str(x)
                if k not in keys:
                    keys.append(k)
    # the objects being serialized, how each was reached ("property 'k'", "index 3")
    stack: list[tuple[Handle, str]] = []

    def circular(w: int, key: str) -> HThrow:
        at = next(n for n, (h, _) in enumerate(stack) if h.word == w)
        return throw("TypeError", pyb.json_circular_message(
            _ctor_name(w), [(k, _ctor_name(h.word)) for h, k in stack[at + 1:]], key))

    def ser(holder: Handle, key: str, cur: str) -> str | None:
        with heap.handle(get_prop(holder.word, key)) as vh:
            if is_object(vh.word):
                tj = core._get_prop(vh.word, "toJSON")
                if kind_of(tj) == KIND_CLOSURE:
                    with heap.handle(tj) as th, heap.handle(new_str(key)) as kh:
                        vh.word = call(th.word, vh.word, [kh.word])
            if fn is not None:
                with heap.handle(new_str(key)) as kh:
                    vh.word = call(fn.word, holder.word, [kh.word, vh.word])
            w = vh.word
            if w == NULL_WORD:
                return "null"
            if w in (TRUE_WORD, FALSE_WORD):
                return "true" if w == TRUE_WORD else "false"
            if is_string(w):
                return json_quote(str_of(w))
            if is_number(w):
                x = to_num(w)
                return number_to_string(x) if math.isfinite(x) else "null"
            if not is_object(w) or kind_of(w) == KIND_CLOSURE:
                return None
            way = f"index {key}" if kind_of(holder.word) == KIND_ARRAY else f"property '{key}'"
            if any(h.word == w for h, _ in stack):
                raise circular(w, way)
            stack.append((vh, way))
            inner = cur + gap
            try:
                if kind_of(w) == KIND_ARRAY and not is_array_iterator(w) \
                        and not is_arguments(w):
                    items = [ser(vh, str(i), inner) or "null"
                             for i in range(core.array_length(vh.word))]
                    return pyb.json_members(items, "[]", gap, inner, cur)
                parts = []
                for k in keys if keys is not None else enumerable_keys(w):
                    s = ser(vh, k, inner)
                    if s is not None:
                        parts.append(json_quote(k) + (": " if gap else ":") + s)
                return pyb.json_members(parts, "{}", gap, inner, cur)
            finally:
                stack.pop()

    try:
        return ser(wrapper, "", "")
    finally:
        if fn is not None:
            fn.release()


def _ctor_name(w: int) -> str:
    """The name of ``w``'s constructor (for messages)."""
    c = core._get_prop(w, "constructor")
    if kind_of(c) != KIND_CLOSURE:
        return "Object"
    return to_str(core._get_prop(c, "name"))


def _rethrow(e: JSThrow) -> HThrow:
    """A Python VM exception as the same heap VM exception."""
    from ..runtime import get
    v = e.value
    if isinstance(v, JSObject) and v.cls == "Error":
        return throw(str(get(v, "name")), str(get(v, "message")))
    return throw("Error", str(v))


def _no(what: str) -> int:
    raise unsupported(what)


def _no_code(form: str) -> int:
    """Function(...)/new Function(...): outside the subset, the Python VM's message."""
    raise core.HVMUnsupported(pyb.FUNCTION_UNSUPPORTED.format(form))


def _no_wrapper(name: str) -> Ctor:
    """The ``new`` of String, Number or Boolean: outside the subset (the Python VM's)."""
    def ctor(this: int | None, args: list[int]) -> int:
        raise core.HVMUnsupported(pyb.WRAPPER_UNSUPPORTED.format(name))
    return ctor


def _setup_errors(g: Handle) -> None:
    heap = R.heap
    ep = R.protos["Error"]
    heap.put(ep, "name", new_str("Error"))
    heap.put(ep, "message", new_str(""))

    def err_to_string(this: int, args: list[int]) -> int:
        if not is_object(this):
            raise throw("TypeError", "Error.prototype.toString requires that 'this' be an "
                        "Object")
        with heap.handle(this) as t:
            name_w = get_prop(t.word, "name")
            name = "Error" if name_w == UNDEFINED_WORD else to_str(name_w)
            msg_w = get_prop(t.word, "message")
            msg = "" if msg_w == UNDEFINED_WORD else to_str(msg_w)
        return new_str(f"{name}: {msg}" if msg and name else name or msg)
    put_native(ep, "toString", err_to_string, 0)

    # The stack of an instance of a subclass (made by super()) is formatted when first
    # read, as node's, so it names what the subclass's constructor set after super()
    # (this.name = ...): an accessor on Error.prototype, defined at the first such
    # construction (an accessor anywhere costs every store a setter walk, so a program
    # without error subclasses never has it); other errors get theirs at construction
    def stack_get(this: int, args: list[int]) -> int:
        if not is_object(this):
            return UNDEFINED_WORD
        with heap.handle(this) as t, heap.handle(new_str(
                to_str(err_to_string(t.word, [])) + "\n    at <anonymous>")) as text:
            if t.word != ep.word:
                stack_set(t.word, [text.word])
            return text.word

    def stack_set(this: int, args: list[int]) -> int:
        if is_object(this):  # (an own data property, not enumerable)
            with heap.handle(this) as t:
                heap.put(t, "stack", arg(args, 0))
                core.hide_key(t.word, "stack")
        return UNDEFINED_WORD
    lazy_stack: list[bool] = []

    def stack_later() -> None:
        if not lazy_stack:
            lazy_stack.append(True)
            for which, fn in ((0, stack_get), (1, stack_set)):
                with heap.handle(native("stack", fn, which)) as fh:  # (ep read after it)
                    core.define_accessor(ep.word, "stack", fh.word, which)
            core.hide_key(ep.word, "stack")  # (for-in and keys skip it, as the others)
    for kind in ("Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError",
                 "EvalError", "URIError"):
        if kind == "Error":
            proto = ep
        else:
            proto = heap.handle(core.new_object(ep.word))
            heap.put(proto, "name", new_str(kind))
            R.protos[kind] = proto  # (a built-in prototype: for-in stops there)

        def ctor(this: int | None, args: list[int], proto: Handle = proto) -> int:
            with heap.handle(arg(args, 0)) as m, heap.handle(arg(args, 1)) as opts, \
                    heap.handle(this if this is not None
                                else core.new_object(proto.word)) as o:
                msg = None
                if m.word != UNDEFINED_WORD:
                    msg = to_str(m.word)
                    heap.put(o, "message", new_str(msg))
                if this is None:
                    core.set_stack(o, msg)
                else:  # super() of a subclass: made when read (stack_get)
                    stack_later()
                if is_object(opts.word) and kind_of(opts.word) != KIND_ARRAY and (
                        core.has_own_key(opts.word, "cause")
                        or core.has_own_key(opts.word, core.ACC + "cause")):
                    with heap.handle(get_prop(opts.word, "cause")) as ch:  # (a getter's
                        heap.put(o, "cause", ch.word)  # value, kept while put allocates)
                    core.hide_key(o.word, "cause")  # (not enumerable)
                return o.word
        c = heap.handle(native(kind, (lambda ctor: lambda t, a: ctor(None, a))(ctor), 1,
                               ctor))
        if kind != "Error":  # (inherits Error's statics: Object.getPrototypeOf(TypeError))
            c.word = core.set_proto(c.word, get_prop(g.word, "Error"))
        heap.put(c, "prototype", proto.word)
        heap.put(proto, "constructor", c.word)
        heap.put(g, kind, c.word)
        c.release()

    # Error.captureStackTrace(obj): obj's own stack (not enumerable), its text as an
    # error's (no frames: the frame argument is not used), as the Python VM's
    def capture(this: int, args: list[int]) -> int:
        o = arg(args, 0)
        if not is_object(o):
            raise throw("TypeError", "invalid_argument")  # (V8's words)
        with heap.handle(o) as oh:
            text = new_str(to_str(err_to_string(oh.word, [])) + "\n    at <anonymous>")
            stack_set(oh.word, [text])
        return UNDEFINED_WORD
    with heap.handle(get_prop(g.word, "Error")) as eh:
        put_native(eh, "captureStackTrace", capture, 2)


def inspect_text(v: int, opts: int) -> str:
    """util.inspect(v, opts) through the mirrors (console.dir's text too)."""
    from ..inspect import InspectOptionError, inspect_options
    if opts != UNDEFINED_WORD and (not is_object(opts) or kind_of(opts) != KIND_OBJECT):
        raise throw("TypeError", "util.inspect's second argument must be an options "
                    "object in a64js")
    given: dict[str, Any] = {}
    if opts != UNDEFINED_WORD:
        # the options' getters may run JavaScript that collects: the value and the
        # options are rooted meanwhile, and each mirror has its own memo (the words a
        # memo is keyed by are valid until the next allocation only)
        with R.heap.handle(v) as vh, R.heap.handle(opts) as oh:
            for k in core.visible_keys(opts):
                given[k] = mirrors([get_prop(oh.word, k)])[0]
            v = vh.word
    try:
        return inspect_options(mirrors([v])[0], given)
    except InspectOptionError as e:
        raise throw("TypeError", str(e)) from None


def arg_type_error(message: str, code: str = "ERR_INVALID_ARG_TYPE") -> HThrow:
    """node's ERR_INVALID_ARG_TYPE TypeError, or another of its coded TypeErrors (its
    code, and its stack naming the code)."""
    e = throw("TypeError", message)
    R.heap.put(e.handle, "code", new_str(code))
    R.heap.put(e.handle, "stack", new_str(f"TypeError [{code}]: {message}\n"
                                          "    at <anonymous>"))
    core.hide_key(e.handle.word, "stack")
    return e


def chunk_text(w: int) -> str:
    """The text process.stdout.write(w) writes (the Python VM's builtins.chunk_text)."""
    if is_string(w):
        return str_of(w)
    if w == NULL_WORD:
        raise arg_type_error(pyb.NULL_CHUNK[1], pyb.NULL_CHUNK[0])
    raise arg_type_error(pyb.CHUNK_TYPES + describe_received(w))


#: whether process.env holds the environment yet (fill_env)
_ENV_FILLED = [False]


def fill_env(source: str) -> None:
    """process.env's entries, copied from the environment (node's) when a module whose
    source mentions ``env`` is about to run, not at start-up: the environment's strings
    would be live data of every program (2 KB here, more on CI), which a small heap
    counts. The Python VM copies them at start-up."""
    if _ENV_FILLED[0] or "env" not in source:
        return
    _ENV_FILLED[0] = True
    heap = R.heap
    proc = get_prop(R.global_obj.word, "process")
    if not is_object(proc):
        return
    env = get_prop(proc, "env")
    if not is_object(env):
        return
    with heap.handle(env) as eh:
        for ename, evalue in os.environ.items():
            with heap.handle(new_str(js_str(evalue))) as evh:
                heap.put(eh, js_str(ename), evh.word)


def describe_received(w: int) -> str:
    """vm.describe_received of a heap value (through its mirror)."""
    from ..vm import describe_received as described
    return described(mirrors([w])[0])


def util_module() -> int:
    """require("util") (the heap VM; the Python VM's builtins.util_module): inspect and
    format through console.log's mirrors, inherits. A new object word."""
    heap = R.heap

    def inspect_(this: int, args: list[int]) -> int:
        return new_str(inspect_text(arg(args, 0), arg(args, 1)))

    def format_(this: int, args: list[int]) -> int:
        return new_str(format_log(mirrors(format_strings(args))))

    def inherits(this: int, args: list[int]) -> int:
        ctor, sup = arg(args, 0), arg(args, 1)
        for name, w in (("ctor", ctor), ("superCtor", sup)):  # (node's checks, in order)
            if w in (UNDEFINED_WORD, NULL_WORD):
                raise arg_type_error(f'The "{name}" argument must be of type function. '
                                     f"Received {describe_received(w)}")
        with heap.handle(ctor) as ch, heap.handle(sup) as sh:
            # (each in a handle: a function's prototype object may be made when first
            # read, which can move the other)
            with heap.handle(get_prop(sh.word, "prototype")) as sph:
                if sph.word == UNDEFINED_WORD:
                    raise arg_type_error('The "superCtor.prototype" property must be of '
                                         "type object. Received undefined")
                with heap.handle(get_prop(ch.word, "prototype")) as ph:
                    set_proto = get_prop(get_prop(R.global_obj.word, "Object"),
                                         "setPrototypeOf")
                    call(set_proto, UNDEFINED_WORD, [ph.word, sph.word])
            heap.put(ch, "super_", sh.word)
            core.hide_key(ch.word, "super_")  # (not enumerable, as node's)
        return UNDEFINED_WORD

    with heap.handle(core.new_object(R.protos["Object"].word)) as u:
        put_native(u, "inspect", inspect_, 2)
        put_native(u, "format", format_, 1)
        put_native(u, "inherits", inherits, 2)
        return u.word


def describe_uncaught(w: int) -> str:
    """How an uncaught exception is reported (after ``Uncaught``), as node does."""
    from ..inspect import quote
    if is_object(w):
        p = core.proto_word(w)
        while p != NULL_WORD:
            if p == R.protos["Error"].word:
                with R.heap.handle(w) as wh:  # (a getter or toString may collect)
                    name = to_str(get_prop(w, "name"))
                    w = wh.word
                # node prints the stack: a stack naming a code too (AssertionError
                # [ERR_ASSERTION], TypeError [ERR_INVALID_ARG_TYPE]) is its text; other
                # errors' stacks here may be made at construction (node's when first
                # read), so their name and message as they are now
                stack = core.get_own(w, "stack")
                if stack is not None and is_string(stack) \
                        and str_of(stack).startswith(name + " [") \
                        and str_of(stack).endswith("\n    at <anonymous>"):
                    return str_of(stack)[:-len("\n    at <anonymous>")]
                msg = to_str(get_prop(w, "message"))
                return f"{name}: {msg}" if msg else name
            p = core.proto_word(p)
    if is_string(w):
        return quote(str_of(w))
    return log_line([w])


__all__ = ["describe_uncaught", "log_line", "native", "setup"]
_ = (HThrow,)
