"""Python twin of tests/js/programs/closures.js."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from jsrt import log, scale

SCALE = scale()


def make_counter(start: int, step: int) -> SimpleNamespace:
    value = start

    def nxt() -> int:
        nonlocal value
        value += step
        return value

    def reset() -> None:
        nonlocal value
        value = start

    def peek() -> int:
        return value

    return SimpleNamespace(next=nxt, reset=reset, peek=peek)


c1 = make_counter(0, 3)
c2 = make_counter(100, -1)
for _ in range(5):
    c1.next()
    c2.next()
log("counters", c1.peek(), c2.peek())
c1.reset()
log("after reset", c1.peek(), c1.next())


def compose(*fs: Callable[[int], int]) -> Callable[[int], int]:
    def composed(x: int) -> int:
        v = x
        for i in range(len(fs) - 1, -1, -1):
            v = fs[i](v)
        return v

    return composed


def add(n: int) -> Callable[[int], int]:
    return lambda x: x + n


def mul(n: int) -> Callable[[int], int]:
    return lambda x: x * n


f = compose(add(1), mul(3), add(-2))
log("compose", f(10), " ".join(str(f(x)) for x in [1, 2, 3]))

lets = [(lambda i=i: i * 10) for i in range(4)]
vars_: list[Callable[[], int]] = []
j = 0
while j < 4:
    vars_.append(lambda: j * 10)  # noqa: B023 -- shares j, like a JS var
    j += 1
log("let", ",".join(str(g()) for g in lets), "var", ",".join(str(g()) for g in vars_))


def memo(fn: Callable[[int], int]) -> Any:
    cache: dict[str, int] = {}
    misses = 0

    def wrapped(n: int) -> int:
        nonlocal misses
        key = "n" + str(n)
        if key in cache:
            return cache[key]
        misses += 1
        v = fn(n)
        cache[key] = v
        return v

    wrapped.misses = lambda: misses  # type: ignore[attr-defined]
    return wrapped


def slow_square(n: int) -> int:
    s = 0
    for _ in range(n):
        s += n
    return s


fast = memo(slow_square)
sq = 0
for _ in range(50):
    for n in range(40):
        sq += fast(n)
log("memo", sq, fast.misses())


def reduce(arr: list[int], fn: Callable[[int, int, int], int], init: int) -> int:
    acc = init
    for i, x in enumerate(arr):
        acc = fn(acc, x, i)
    return acc


def filter_(arr: list[int], pred: Callable[[int], bool]) -> list[int]:
    return [x for x in arr if pred(x)]


nums = [(i * 37) % 101 for i in range(200)]
evens = filter_(nums, lambda x: x % 2 == 0)
srt = sorted(evens)
desc = sorted(nums, reverse=True)
log("filter", len(evens), ",".join(map(str, srt[:6])), ",".join(map(str, desc[:4])))
log("reduce", reduce(nums, lambda a, x, i: (a * 3 + x + i) % 100003, 7))


def emitter() -> SimpleNamespace:
    handlers: dict[str, list[Callable[[int], None]]] = {}

    def on(name: str, h: Callable[[int], None]) -> None:
        if name not in handlers:
            handlers[name] = []
        handlers[name].append(h)

    def emit(name: str, arg: int) -> int:
        hs = handlers.get(name)
        if hs is None:
            return 0
        for h in hs:
            h(arg)
        return len(hs)

    return SimpleNamespace(on=on, emit=emit)


em = emitter()
state = {"log": "", "total": 0}


def on_add_total(x: int) -> None:
    state["total"] += x


def on_add_log(x: int) -> None:
    state["log"] += "+" + str(x)


def on_reset(_: int) -> None:
    state["total"] = 0
    state["log"] += "|"


em.on("add", on_add_total)
em.on("add", on_add_log)
em.on("reset", on_reset)
fired = 0
for i in range(1, 31):
    fired += em.emit("reset" if i % 10 == 0 else "add", i)
fired += em.emit("none", 0)
log("events", fired, state["total"], len(state["log"]), state["log"][:20])

acc = 0
for rnd in range(300 * SCALE):
    k = make_counter(rnd, rnd % 5)
    for _ in range(10):
        acc = (acc + k.next()) % 1000003
log("checksum", (acc + sq + state["total"] + fired) % 1000000007)
