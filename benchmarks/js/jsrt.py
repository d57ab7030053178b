"""Helpers for the Python twins of the JavaScript benchmark programs: print values the way
``console.log`` does (JavaScript Number-to-String for numbers), JavaScript's ``%`` on ints."""

from __future__ import annotations

import math
import sys
from typing import Any


def num(x: float) -> str:
    """JavaScript's Number-to-String for ``x`` (ints and floats)."""
    if isinstance(x, int):
        return str(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    mant, _, exp_s = repr(abs(x)).partition("e")
    exp = int(exp_s) if exp_s else 0
    whole, _, frac = mant.partition(".")
    if whole == "0":
        stripped = frac.lstrip("0")
        digits, n = stripped, exp - (len(frac) - len(stripped))
    else:
        digits, n = whole + frac, len(whole) + exp
        lead = len(digits) - len(digits.lstrip("0"))
        digits, n = digits[lead:], n - lead
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        out = digits + "0" * (n - k)
    elif 0 < n <= 21:
        out = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        out = "0." + "0" * -n + digits
    else:
        e = n - 1
        out = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-")
        out += str(abs(e))
    return sign + out


def show(v: Any) -> str:
    """A top-level console.log argument (numbers, strings, booleans, None as null)."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return num(v)
    return str(v)


def log(*args: Any) -> None:
    """console.log for simple values."""
    sys.stdout.write(" ".join(show(a) for a in args) + "\n")


def jsmod(a: int, b: int) -> int:
    """JavaScript's % on integers: the result takes the sign of the dividend."""
    r = abs(a) % abs(b)
    return -r if a < 0 else r


def scale() -> int:
    """The workload's scale: ``sys.argv[1]`` (default 1), as each JavaScript program reads
    ``process.argv[2]``; the work grows about in proportion (bench_js_jit.py ``--scale``)."""
    if len(sys.argv) < 2:
        return 1
    try:
        n = int(sys.argv[1])
    except ValueError:
        n = 0
    if n < 1:
        sys.exit(f"{sys.argv[0]}: the scale {sys.argv[1]!r} is not a whole number of 1 or more")
    return n
