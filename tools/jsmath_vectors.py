"""Compare a64js.jsmath with node's Math, bit for bit, and record vectors for the tests.

For each function the script draws arguments (random doubles over many magnitudes, integers,
neighbours of multiples of pi/2 and of the functions' thresholds, subnormals and the special
values; pairs for pow and atan2 with integral exponents, negative bases, halves and huge or
tiny operands), has node compute them (the doubles travel as 16-hex-digit bit patterns both
ways) and counts the results that differ from jsmath's in any bit::

    python tools/jsmath_vectors.py --count 20000          # compare only
    python tools/jsmath_vectors.py --count 2000 --write   # also rewrite the vector file

The vector file (``tests/js/vectors/jsmath.json``) maps each function to a list of
``"args:result"`` strings of hex bit patterns (args joined by ``,``), read by
``tests/js/test_jsmath.py`` where node is absent.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from a64js import jsmath  # noqa: E402

VECTORS = ROOT / "tests" / "js" / "vectors" / "jsmath.json"

UNARY = ["sin", "cos", "tan", "exp", "log", "asin", "acos", "atan", "sinh", "cosh", "tanh",
         "asinh", "acosh", "atanh", "cbrt", "log2", "log10", "log1p", "expm1"]
BINARY = ["pow", "atan2"]

SPECIALS = [0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0,
            5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
            -1.7976931348623157e308, math.pi, -math.pi, math.pi / 2, math.pi / 4, math.e,
            709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412,
            710.4758600739439, 22.0, 0.975, 1e-300, 1e300, 2.0 ** 66, 2.0 ** 19 * math.pi,
            2.0 ** 20 * math.pi, 1e22, 1e100, 1e308, 3.0, 10.0, 100.0, 1000.0]


def hexd(x: float) -> str:
    """The bit pattern of ``x`` as 16 hex digits."""
    return struct.pack(">d", x).hex()


def unhex(h: str) -> float:
    """The double of a 16-hex-digit bit pattern."""
    return float(struct.unpack(">d", bytes.fromhex(h))[0])


def _rand_double(rng: random.Random, lo_exp: int, hi_exp: int) -> float:
    x = math.ldexp(rng.random() + 0.5, rng.randint(lo_exp, hi_exp))
    return -x if rng.random() < 0.5 else x


def _neighbours(x: float, rng: random.Random) -> float:
    """x moved by a few units in the last place."""
    return x + rng.randint(-4, 4) * math.ulp(x) if math.isfinite(x) else x


def unary_args(name: str, n: int, seed: int) -> list[float]:
    """``n`` arguments for the one-argument function ``name``."""
    rng = random.Random(f"{name}:{seed}")
    out: list[float] = list(SPECIALS)
    ranges = {
        "sin": [(-30, 3), (0, 10), (-2, 30), (10, 1023)],
        "exp": [(-30, 3), (-5, 9), (8, 10)],
        "expm1": [(-60, 3), (-5, 9), (8, 10)],
        "sinh": [(-30, 3), (-5, 9), (8, 10)],
        "cosh": [(-30, 3), (-5, 9), (8, 10)],
        "tanh": [(-30, 3), (-5, 5)],
        "asin": [(-30, 0), (-3, 0)],
        "atanh": [(-30, 0), (-3, 0)],
        "acosh": [(0, 4), (0, 30), (0, 1023)],
    }
    rs = ranges.get(name, ranges["sin"] if name in ("cos", "tan") else
                    [(-1074, 1023), (-30, 30), (-3, 3)])
    if name in ("acos",):
        rs = ranges["asin"]
    while len(out) < n:
        kind = rng.random()
        if kind < 0.7:
            lo, hi = rng.choice(rs)
            x = _rand_double(rng, lo, hi)
        elif kind < 0.8:
            x = float(rng.randint(-100000, 100000))
        elif kind < 0.9 and name in ("sin", "cos", "tan"):
            x = _neighbours(rng.randint(1, 2 ** rng.randint(1, 40)) * math.pi / 2, rng)
        elif kind < 0.95:
            x = math.ldexp(rng.random(), -1022) * rng.choice((1, -1))     # subnormal
        else:
            x = _neighbours(rng.choice(SPECIALS), rng)
        if name in ("log", "log2", "log10", "acosh") and rng.random() < 0.8:
            x = abs(x)
        if name == "log1p" and rng.random() < 0.8:
            x = abs(x) if x < -1 else x
        if name == "acosh" and rng.random() < 0.7:
            x = 1.0 + abs(x)
        out.append(x)
    return out[:n]


def binary_args(name: str, n: int, seed: int) -> list[tuple[float, float]]:
    """``n`` argument pairs for pow or atan2."""
    rng = random.Random(f"{name}:{seed}")
    out: list[tuple[float, float]] = [(a, b) for a in SPECIALS[:20] for b in SPECIALS[:20]]
    while len(out) < n:
        kind = rng.random()
        if name == "atan2":
            x = _rand_double(rng, -40, 40) if kind < 0.8 else _rand_double(rng, -1074, 1023)
            y = _rand_double(rng, -40, 40) if rng.random() < 0.8 else \
                _rand_double(rng, -1074, 1023)
            if rng.random() < 0.1:
                y = float(rng.randint(-50, 50))
            out.append((x, y))
            continue
        if kind < 0.3:
            x = _rand_double(rng, -10, 10)
            y = _rand_double(rng, -6, 8)
        elif kind < 0.55:
            x = _rand_double(rng, -30, 30) if rng.random() < 0.5 else float(rng.randint(-100, 100))
            y = float(rng.randint(-400, 400))
        elif kind < 0.65:
            x = _rand_double(rng, -1074, 1023)
            y = rng.choice((0.5, -0.5, 1.5, -1.5, 2.0, -2.0, 3.0, -1.0, 1.0 / 3))
        elif kind < 0.75:
            x = 1.0 + _rand_double(rng, -50, -2)
            y = _rand_double(rng, 0, 60)
        elif kind < 0.85:
            x = float(rng.randint(-20, 20))
            y = float(rng.randint(-60, 60))
        else:
            x = _rand_double(rng, -1074, 1023)
            y = _rand_double(rng, -30, 12)
        out.append((x, y))
    return out[:n]


NODE_SCRIPT = r"""
const dv = new DataView(new ArrayBuffer(8));
const f = h => { dv.setBigUint64(0, BigInt('0x' + h)); return dv.getFloat64(0); };
const h = x => { dv.setFloat64(0, x); return dv.getBigUint64(0).toString(16).padStart(16, '0'); };
const job = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {};
for (const [name, rows] of Object.entries(job)) {
  const fn = Math[name];
  out[name] = rows.map(r => h(fn(...r.split(',').map(f))));
}
process.stdout.write(JSON.stringify(out));
"""


def node_results(job: dict[str, list[str]]) -> dict[str, list[str]]:
    """node's results (hex) for ``job``: function name -> rows of comma-joined hex args."""
    r = subprocess.run(["node", "-e", NODE_SCRIPT], input=json.dumps(job), text=True,
                       capture_output=True, check=True)
    out: dict[str, list[str]] = json.loads(r.stdout)
    return out


def same(a: float, b: float) -> bool:
    """Bit-identical, any NaN matching any NaN (JavaScript cannot tell NaNs apart)."""
    return (a != a and b != b) or hexd(a) == hexd(b)


def run(count: int, seed: int, names: list[str]) -> dict[str, list[str]]:
    """Compare ``names`` over ``count`` arguments each; print the mismatches; return the
    vectors (``args:result`` rows)."""
    job: dict[str, list[str]] = {}
    for name in names:
        if name in BINARY:
            job[name] = [hexd(a) + "," + hexd(b) for a, b in binary_args(name, count, seed)]
        else:
            job[name] = [hexd(a) for a in unary_args(name, count, seed)]
    results = node_results(job)
    vectors: dict[str, list[str]] = {}
    for name in names:
        fn: Callable[..., float] = getattr(jsmath, name)
        bad = []
        for row, want in zip(job[name], results[name], strict=True):
            got = fn(*[unhex(a) for a in row.split(",")])
            if not same(got, unhex(want)):
                bad.append((row, want, hexd(got)))
        pairs = zip(job[name], results[name], strict=True)
        vectors[name] = [f"{row}:{want}" for row, want in pairs]
        print(f"{name:6} {len(job[name]):6} args, {len(bad)} mismatches")
        for row, want_hex, got_hex in bad[:5]:
            args = ", ".join(repr(unhex(a)) for a in row.split(","))
            print(f"    {name}({args}): node {unhex(want_hex)!r} ({want_hex}), jsmath "
                  f"{unhex(got_hex)!r} ({got_hex})")
    return vectors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=20000, help="arguments per function")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write", action="store_true", help=f"rewrite {VECTORS.name}")
    ap.add_argument("names", nargs="*", help="functions (default: all)")
    a = ap.parse_args()
    vectors = run(a.count, a.seed, a.names or UNARY + BINARY)
    if a.write:
        VECTORS.parent.mkdir(parents=True, exist_ok=True)
        VECTORS.write_text(json.dumps(vectors, indent=0, sort_keys=True) + "\n")
        print(f"wrote {VECTORS}")


if __name__ == "__main__":
    main()
