"""Python twin of tests/js/programs/exceptions.js (JS error classes modelled as exceptions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsrt import log, scale

SCALE = scale()


class JSError(Exception):
    name = "Error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.name + ": " + self.message


class JSTypeError(JSError):
    name = "TypeError"


class JSRangeError(JSError):
    name = "RangeError"


class Thrown(Exception):
    """A thrown value that is not an Error object."""

    def __init__(self, value: Any) -> None:
        super().__init__(value)
        self.value = value


class ValidationError(JSError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.name = "ValidationError"
        self.field = field


class DeepError(ValidationError):
    def __init__(self, depth: int) -> None:
        super().__init__("depth", "too deep: " + str(depth))
        self.name = "DeepError"
        self.depth = depth


def descend(n: int, limit: int) -> int:
    if n == limit:
        raise DeepError(n)
    return descend(n + 1, limit) + 1


events: list[str] = []


def guarded(n: int) -> int:
    try:
        events.append("enter" + str(n))
        if n % 3 == 0:
            raise ValidationError("n", "multiple of three: " + str(n))
        if n % 5 == 0:
            return descend(0, n)
        return n * 2
    except DeepError as e:
        events.append("deep" + str(e.depth))
        raise
    except ValidationError as e:
        events.append("caught " + e.field)
        return -1
    finally:
        events.append("leave" + str(n))


total = 0
for i in range(1, 11):
    try:
        total += guarded(i)
    except DeepError as e:
        total += 1000 * e.depth
        log("outer caught", e.name, e.message, True, e.field)
log("sum", total)
log(" ".join(events[:9]))


def finally_order() -> str:
    order = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            order.append("body" + str(i))
        finally:
            order.append("fin" + str(i))
    return ",".join(order)


log(finally_order())


def overriding() -> str:
    try:
        return "try"
    finally:
        return "finally"  # noqa: B012, SIM107 -- as the JS program does


log(overriding())


def get_prop(obj: Any, name: str) -> Any:
    if obj is None:
        raise JSTypeError("Cannot read properties of null (reading '" + name + "')")
    return obj.get(name)


def call(fn: Any) -> Any:
    if not callable(fn):
        raise JSTypeError("not a function")
    return fn()


def new_array(n: int) -> list[Any]:
    if n < 0:
        raise JSRangeError("Invalid array length")
    return [None] * n


def throw(v: Any) -> Any:
    raise Thrown(v)


probes: list[Callable[[], Any]] = [
    lambda: get_prop(None, "x"),
    lambda: call(get_prop(None, "foo")),
    lambda: call(get_prop({}, "missing")),
    lambda: new_array(-1),
    lambda: throw("a string"),
    lambda: throw(42),
    lambda: throw({"code": 7}),
]
for p in probes:
    try:
        p()
        log("no error")
    except JSError as e:
        log(e.name, type(e) is JSTypeError, isinstance(e, JSTypeError), isinstance(e, JSRangeError))
    except Thrown as t:
        v = t.value
        kind = "string" if isinstance(v, str) else "number" if isinstance(v, int) else "object"
        log("thrown", kind, v["code"] if kind == "object" else v)

errs = [JSError("plain"), JSTypeError("tt"), JSRangeError("rr"), ValidationError("f", "vv")]
for e in errs:
    log(e.name + ": " + e.message, type(e) is JSError, str(e))

caught = 0
for i in range(3000 * SCALE):
    try:
        if i % 2:
            raise JSRangeError("odd " + str(i))
        caught += 2
    except JSError as e:
        caught += len(e.message)
    finally:
        caught += 1
log("checksum", (total * 100000 + caught) % 1000000007)
