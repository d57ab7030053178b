"""a64js.jsmath against node's Math, bit for bit, from vectors node recorded.

``tests/js/vectors/jsmath.json`` (made by ``tools/jsmath_vectors.py --write``) holds, per
function, ``"args:result"`` rows of 16-hex-digit bit patterns; every row must come out
identical (any NaN matches any NaN: JavaScript cannot tell them apart), ``pow`` included.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from a64js import jsmath

VECTORS = Path(__file__).resolve().parent / "vectors" / "jsmath.json"
_TABLE: dict[str, list[str]] = json.loads(VECTORS.read_text())


def _double(h: str) -> float:
    return float(struct.unpack(">d", bytes.fromhex(h))[0])


def _bits(x: float) -> str:
    return struct.pack(">d", x).hex()


def _mismatches(name: str) -> list[tuple[str, str, str]]:
    fn: Callable[..., float] = getattr(jsmath, name)
    bad = []
    for row in _TABLE[name]:
        args, want = row.split(":")
        got = fn(*[_double(a) for a in args.split(",")])
        w = _double(want)
        if not (got != got and w != w) and _bits(got) != want:
            bad.append((args, want, _bits(got)))
    return bad


def test_vector_file_covers_every_function() -> None:
    assert set(_TABLE) == set(jsmath.__all__)
    assert all(len(rows) >= 1000 for rows in _TABLE.values())


@pytest.mark.parametrize("name", sorted(_TABLE))
def test_bit_exact(name: str) -> None:
    bad = _mismatches(name)
    assert not bad, f"{name}: {len(bad)} differ from node, e.g. {bad[:3]}"


def _same(a: float, b: float) -> bool:
    return _bits(a) == _bits(b)


@pytest.mark.parametrize(("fn", "x", "want"), [
    (jsmath.sin, -0.0, -0.0), (jsmath.tan, -0.0, -0.0), (jsmath.atan, -0.0, -0.0),
    (jsmath.asin, -0.0, -0.0), (jsmath.sinh, -0.0, -0.0), (jsmath.tanh, -0.0, -0.0),
    (jsmath.asinh, -0.0, -0.0), (jsmath.atanh, -0.0, -0.0), (jsmath.cbrt, -0.0, -0.0),
    (jsmath.log1p, -0.0, -0.0), (jsmath.expm1, -0.0, -0.0), (jsmath.cos, -0.0, 1.0),
    (jsmath.exp, -math.inf, 0.0), (jsmath.expm1, -math.inf, -1.0),
    (jsmath.log, 0.0, -math.inf), (jsmath.log, -0.0, -math.inf), (jsmath.log2, 1.0, 0.0),
    (jsmath.log10, 1000.0, 3.0), (jsmath.atanh, -1.0, -math.inf), (jsmath.acosh, 1.0, 0.0),
    (jsmath.tanh, -math.inf, -1.0), (jsmath.cosh, -math.inf, math.inf),
    (jsmath.sin, 1e22, -0.8522008497671888), (jsmath.cos, 1e300, -0.5753861119575491),
    (jsmath.exp, 1.0, math.e), (jsmath.cbrt, -27.0, -3.0),
])
def test_special_values(fn: Callable[[float], float], x: float, want: float) -> None:
    assert _same(fn(x), want)


@pytest.mark.parametrize("fn", [jsmath.sin, jsmath.cos, jsmath.tan, jsmath.asin, jsmath.acos,
                                jsmath.log, jsmath.log2, jsmath.log10, jsmath.log1p,
                                jsmath.acosh, jsmath.atanh])
def test_nan_arguments(fn: Callable[[float], float]) -> None:
    assert math.isnan(fn(math.nan))
    bad_args: dict[Callable[[float], float], float] = {
               jsmath.sin: math.inf, jsmath.cos: -math.inf, jsmath.tan: math.inf,
               jsmath.asin: 1.5, jsmath.acos: -2.0, jsmath.log: -1.0, jsmath.log2: -1e-300,
               jsmath.log10: -5.0, jsmath.log1p: -2.0, jsmath.acosh: 0.5,
               jsmath.atanh: 1.5}
    assert math.isnan(fn(bad_args[fn]))


@pytest.mark.parametrize(("x", "y", "want"), [
    (math.nan, 0.0, 1.0), (1.0, math.nan, math.nan), (1.0, math.inf, math.nan),
    (-1.0, -math.inf, math.nan), (-0.0, -3.0, -math.inf), (-0.0, -2.0, math.inf),
    (-0.0, 3.0, -0.0), (-math.inf, 3.0, -math.inf), (-math.inf, -3.0, -0.0),
    (-8.0, 1 / 3, math.nan), (-2.0, 3.0, -8.0), (0.5, math.inf, 0.0), (2.0, -math.inf, 0.0),
    (10.0, -5.0, 9.999999999999999e-06), (2.0, 0.5, math.sqrt(2.0)), (-0.0, 0.5, 0.0),
    (2.0, 1024.0, math.inf), (2.0, -1075.0, 0.0), (2.0, -1074.0, 5e-324),
    # node's digits where fdlibm's published pow rounds the other way (V8 divides by the
    # whole denominator (t1 - 2) - (w + z*w) in the final step)
    (10.0, -4.0, 9.999999999999999e-05), (-10.0, -4.0, 9.999999999999999e-05),
    (25.0, -2.0, 0.0015999999999999999), (17.0, 18.0, 1.4063084452067727e+22),
    (-23.0, -5.0, -1.5536772978071552e-07), (6.27, 0.59, 2.9538459976122278),
])
def test_pow_special_cases(x: float, y: float, want: float) -> None:
    got = jsmath.pow(x, y)
    assert (math.isnan(got) and math.isnan(want)) or _same(got, want)


def test_atan2_special_cases() -> None:
    assert _same(jsmath.atan2(-0.0, -1.0), -math.pi)
    assert _same(jsmath.atan2(0.0, -0.0), math.pi)
    assert _same(jsmath.atan2(-0.0, 0.0), -0.0)
    assert _same(jsmath.atan2(math.inf, -math.inf), 3 * math.pi / 4)
    assert math.isnan(jsmath.atan2(math.nan, 1.0))


def test_reduction_tables() -> None:
    # the first digits of 2/pi, and the leading 24-bit pieces of pi/2 (fdlibm's tables)
    ipio2, pieces = jsmath._reduction_tables()
    assert ipio2[:3] == [0xA2F983, 0x6E4E44, 0x1529FC]
    assert ipio2[65] == 0xC08C6B
    assert _bits(pieces[0]) == "3ff921fb40000000"
    assert _bits(pieces[7]) == "3569f31d00000000"


def test_int_arguments() -> None:
    assert _same(jsmath.sin(3), jsmath.sin(3.0))
    assert _same(jsmath.pow(3, 4), 81.0)
