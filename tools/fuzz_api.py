"""API misuse fuzzer: call every public method with bad and edge operands.

Only ``ValueError``/``TypeError`` (``OSError`` for the OS layer) subclasses may
escape a64jit's public API, and their messages must name the call. Everything
else (AttributeError, OverflowError, KeyError, IndexError, AssertionError,
MemoryError, RecursionError, ...) or a message that names nothing is a defect.

    python tools/fuzz_api.py --seed 1 --count 200000      # a long run
    python tools/fuzz_api.py --only MacroAssembler         # one target

The test suite runs a short, seeded run of the same code (tests/api/test_fuzz_api.py).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import functools
import inspect
import math
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import a64jit
from a64jit import Assembler, MacroAssembler, assemble

ALLOWED = (ValueError, TypeError, OSError)


@dataclass
class Finding:
    """One escaped exception of the wrong kind, or a message that names nothing."""

    target: str
    call: str
    error: str

    def __str__(self) -> str:
        return f"{self.target}: {self.call} -> {self.error}"


@dataclass
class Report:
    calls: int = 0
    raised: int = 0
    findings: list[Finding] = field(default_factory=list)
    kinds: set[tuple[str, str]] = field(default_factory=set)  # (name, exception type) seen

    def add(self, finding: Finding, name: str, kind: str) -> None:
        if (name, kind) not in self.kinds:  # keep one example per method and kind
            self.kinds.add((name, kind))
            self.findings.append(finding)


def _operand_pool(a: Assembler) -> list[Any]:
    """Values of every kind a caller could pass: good operands of every class, edge
    integers and floats, and plainly wrong objects."""
    ops = a64jit
    regs: list[Any] = [ops.x0, ops.x1, ops.x30, ops.xzr, ops.sp, ops.w0, ops.w7, ops.wzr,
                       ops.wsp, ops.d0, ops.s1, ops.h2, ops.b3, ops.q4]
    vregs: list[Any] = [getattr(ops, n) for n in ("v0", "v31") if hasattr(ops, n)]
    lanes: list[Any] = []
    for v in vregs:
        for attr in ("d", "s", "b"):
            with contextlib.suppress(Exception):  # the pool takes whatever lanes exist
                lanes.append(getattr(v, attr)[1])
    mems: list[Any] = [ops.mem(ops.x0), ops.mem(ops.sp, 8), ops.mem(ops.x1, -256),
                       ops.mem(ops.x2, 32760), ops.pre(ops.x3, 16), ops.post(ops.sp, -16),
                       ops.mem(ops.x0, ops.x1), ops.mem(ops.x0, ops.w1, ops.sxtw(2))]
    mods: list[Any] = [ops.lsl(0), ops.lsl(12), ops.lsl(63), ops.lsr(1), ops.asr(31),
                       ops.ror(7), ops.uxtw(0), ops.sxtx(4), ops.uxtb(2)]
    conds: list[Any] = [ops.EQ, ops.NE, ops.AL, ops.NV]
    ints: list[Any] = [0, 1, -1, 2, 4095, 4096, -4096, 65535, 1 << 31, -(1 << 31), (1 << 32) - 1,
                       1 << 63, -(1 << 63), (1 << 64) - 1, 1 << 64, -(1 << 64), 10 ** 5000,
                       -(10 ** 5000), 0x5555555555555555, 3, 7, 31, 32, 64]
    floats: list[Any] = [0.0, -0.0, 1.0, -2.5, 0.1, 1e300, -1e-300, math.inf, -math.inf,
                         math.nan, 31.0, 0.125]
    other: list[Any] = [None, True, False, "x0", "", "add", b"\x00\x01", bytearray(4), [1, 2],
                        (ops.x0,), {}, object(), 1j, slice(1), ...]
    labels: list[Any] = [a.label("fz"), Assembler().label("foreign")]
    bound = a.label("bound")
    a.bind(bound)
    labels.append(bound)
    return regs + vregs + lanes + mems + mods + conds + ints + floats + other + labels


def _arity(fn: Callable[..., Any]) -> tuple[int, int]:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return 0, 4
    lo = hi = 0
    for p in sig.parameters.values():
        if p.kind in (p.VAR_POSITIONAL,):
            hi += 4
        elif p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            hi += 1
            lo += p.default is p.empty
    return lo, hi


def _names_call(message: str, name: str) -> bool:
    """Whether an error message says which call it is about."""
    base = name.rstrip("_")
    spellings = {base, base.replace("_", "."), base.replace("_", " "), base.split("_")[0]}
    if any(s and s in message for s in spellings):
        return True
    said = message.split(":", 1)[0]
    # b.cond under its other spellings (bne -> b.ne, bcc -> b.lo; the method b_nv for
    # bnv); instructions after unaligned data are named by the assembler's emit.
    return (base.startswith("b") and said.startswith(("b.", "b_"))) or (
        said == "emit" and "not 4-byte aligned" in message)


def _public_methods(cls: type) -> list[str]:
    skip = {"finalize", "listing"}  # checked separately (they raise on unbound labels)
    return sorted(n for n in dir(cls) if not n.startswith("_") and n not in skip
                  and callable(getattr(cls, n, None)))


def _check(report: Report, target: str, name: str, call: Callable[[], object],
           text: Callable[[], str]) -> None:
    report.calls += 1
    try:
        call()
    except ALLOWED as exc:
        report.raised += 1
        message = str(exc)
        # Python's own arity errors name the function; ours must name the call.
        if (not message or (target in ("Assembler", "MacroAssembler")
                            and not _names_call(message, name)
                            and not isinstance(exc, ctypes.ArgumentError))) \
                and "positional argument" not in message and "keyword argument" not in message:
            report.add(Finding(target, text(), f"{type(exc).__name__} does not name the "
                               f"call: {message[:160]!r}"), name, "unnamed")
    except ctypes.ArgumentError as exc:
        # A CodePtr is a ctypes function pointer: natively ctypes itself converts the
        # arguments and raises ArgumentError (wrapping the TypeError), with no Python
        # layer of ours in between (that is what keeps a call within 1.2x of bare
        # ctypes); the emulator raises the same. Everything else must not.
        if target != "runtime" or name != "call":
            report.add(Finding(target, text(), f"ArgumentError: {exc}"), name, "ArgumentError")
    except RecursionError as exc:
        report.add(Finding(target, text(), f"RecursionError: {exc}"), name, "RecursionError")
    except Exception as exc:  # the point is to catch everything else
        kind = type(exc).__name__
        report.add(Finding(target, text(), f"{kind}: {str(exc)[:160]}"), name, kind)


def _apply(f: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    return f(*args)


def _describe(name: str, args: tuple[Any, ...]) -> str:
    return f"{name}({', '.join(map(_show, args))})"


def _show(value: Any) -> str:
    return a64jit.errors.show(value)


def fuzz_assemblers(rng: random.Random, count: int, report: Report,
                    only: str | None = None) -> None:
    """Random calls of every instruction method of Assembler and MacroAssembler."""
    for cls in (Assembler, MacroAssembler):
        if only and cls.__name__ != only:
            continue
        names = _public_methods(cls)
        a = cls()
        pool = _operand_pool(a)
        for i in range(count):
            if i % 500 == 0:  # fresh state now and then (pools, labels, scratch scopes)
                a = cls()
                pool = _operand_pool(a)
            name = rng.choice(names)
            method = getattr(a, name)
            lo, hi = _arity(method)
            args = tuple(rng.choice(pool) for _ in range(rng.randint(lo, max(lo, hi))))
            _check(report, cls.__name__, name, functools.partial(_apply, method, args),
                   functools.partial(_describe, name, args))


_TEXT_PIECES = ["add", "x0", "w1", "sp", "#1", "#-1", "#0x1000", "[x0", "]", "!", ",", "lsl",
                "#12", "b.eq", "label", ":", "1f", "1b", ".byte", ".quad", ".balign", "0x10",
                "ldr", "=", "#~", "(", ")", "+", "*", "//", "\n", "\r\n", "\t", " ", "\x0c",
                "\u2028", "\uff11", "\ufb01", "\x00", "fmov", "d0", "#1.5", "#1e300", "movz",
                "#65536",
                ".align", "99999999999999999999999999", "v0.d[1]", "{", "}", ".text",
                ".section", ".equ", "sym", "-", "~"]


def fuzz_text(rng: random.Random, count: int, report: Report) -> None:
    """Random token soup for :func:`a64jit.assemble`: only AsmSyntaxError/ValueError/
    TypeError may come out, never another exception."""
    for _ in range(count):
        source = " ".join(rng.choice(_TEXT_PIECES) for _ in range(rng.randint(1, 12)))
        _check(report, "assemble", "assemble", functools.partial(assemble, source),
               functools.partial("assemble({!r})".format, source))
    for bad in (None, 5, b"nop", ["nop"]):
        _check(report, "assemble", "assemble", functools.partial(_apply, assemble, (bad,)),
               functools.partial("assemble({!r})".format, bad))


def _runtime_calls(rng: random.Random, pool: list[Any]) -> Iterator[tuple[str, Callable[[], Any],
                                                                          Callable[[], str]]]:
    from a64jit import JitBuffer, alloc_data, host_function

    good = Assembler()
    good.ret()
    code = good.finalize()
    buf = JitBuffer()
    try:
        fn = buf.install(code, restype=ctypes.c_int64, argtypes=[ctypes.c_int64])
        values = [*pool, fn, ctypes.c_int64, ctypes.c_double, ctypes.c_char, code, buf]
        targets: dict[str, Callable[..., Any]] = {
            "install": lambda *x: buf.install(*x[:1], restype=ctypes.c_int64,
                                              argtypes=list(x[1:])),
            "free": lambda *x: buf.free(*x[:1]),
            "patch": buf.patch,
            "read": lambda *x: buf.read(*x[:1]),
            "alloc_data": lambda *x: alloc_data(*x[:1]),
            "host_function": host_function,
            "JitBuffer": lambda *x: JitBuffer(*x[:1]).close(),
            "call": fn,
        }
        names = sorted(targets)
        for _ in range(400):
            name = rng.choice(names)
            args = tuple(rng.choice(values) for _ in range(rng.randint(0, 3)))
            yield (name, functools.partial(_apply, targets[name], args),
                   functools.partial(_describe, name, args))
    finally:
        buf.close()


def fuzz_runtime(rng: random.Random, report: Report) -> None:
    """Bad arguments to JitBuffer, CodePtr, alloc_data and host_function."""
    pool = _operand_pool(Assembler())
    for name, call, text in _runtime_calls(rng, pool):
        _check(report, "runtime", name, call, text)


def run(seed: int, count: int, only: str | None = None) -> Report:
    """One fuzzing run; ``count`` calls per assembler class and text inputs."""
    rng = random.Random(seed)
    report = Report()
    fuzz_assemblers(rng, count, report, only)
    if only in (None, "text"):
        fuzz_text(rng, count // 2, report)
    if only in (None, "runtime"):
        fuzz_runtime(rng, report)
    return report


def main(argv: list[str] | None = None) -> int:
    from toolargs import whole

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=whole(1), default=20000,
                        help="calls per assembler class (half as many text inputs)")
    parser.add_argument("--only", choices=["Assembler", "MacroAssembler", "text", "runtime"])
    opts = parser.parse_args(argv)
    report = run(opts.seed, opts.count, opts.only)
    for finding in report.findings:
        print(finding)
    print(f"{report.calls} calls, {report.raised} clean errors, "
          f"{len(report.findings)} findings (one per method and kind)")
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
