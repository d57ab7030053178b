"""The heap VM's hot built-ins on heap words against the adapted Python VM built-ins.

For each built-in of ``a64js.hvm.builtins.DIRECT`` this calls, in one process and one run,
the direct function and the adapter it falls back to (``wrap``: words to Python values and
back) on the same receiver and arguments, and prints the time per call of each and their
ratio (adapter / direct). The calls are the ones the workloads make most (an ASCII string
of 40 units, int32 indices).

Usage: .venv/bin/python benchmarks/bench_hvm_builtins.py [--calls N]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from a64js.hvm import builtins as hb
from a64js.hvm import vm as hvm
from a64js.hvm.core import R, new_str, num_word
from a64js.runtime import R as PR


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--calls", type=int, default=20000, help="calls of each (default 20000)")
    ns = p.parse_args(argv)
    if ns.calls < 1:
        p.error("--calls must be at least 1")
    hvm.prepare(__file__, [])  # the realm (and the Python VM's, which it adapts)
    s = R.heap.handle(new_str("the quick brown fox jumps over the lazy d"))
    sub = R.heap.handle(new_str("lazy"))
    i, j, x = num_word(7), num_word(-5), num_word(12.75)
    cases: list[tuple[str, Any, Callable[[], list[int]]]] = [
        ("String.prototype.charCodeAt", PR.string_proto, lambda: [i]),
        ("String.prototype.charAt", PR.string_proto, lambda: [i]),
        ("String.prototype.substring", PR.string_proto, lambda: [i, num_word(20)]),
        ("String.prototype.slice", PR.string_proto, lambda: [i, j]),
        ("String.prototype.indexOf", PR.string_proto, lambda: [sub.word, i]),
        ("String.fromCharCode", PR.globals["String"], lambda: [num_word(72), num_word(105)]),
        ("Math.floor", PR.globals["Math"], lambda: [x]),
        ("Math.ceil", PR.globals["Math"], lambda: [x]),
        ("Math.trunc", PR.globals["Math"], lambda: [x]),
        ("Math.abs", PR.globals["Math"], lambda: [x]),
        ("Math.sqrt", PR.globals["Math"], lambda: [x]),
    ]
    print(f"{'built-in':30s} {'adapter us':>11s} {'direct us':>10s} {'ratio':>7s}")
    ratios = []
    for name, owner, args in cases:
        key = name.rsplit(".", 1)[1]
        slow = hb.wrap(owner.get_own(key), name)
        fast = hb.DIRECT[name](slow)
        a = args()
        times = []
        for fn in (slow, fast):
            t0 = time.process_time()
            for _ in range(ns.calls):
                fn(s.word, a)
            times.append((time.process_time() - t0) / ns.calls * 1e6)
        if hb.to_py(slow(s.word, a), name) != hb.to_py(fast(s.word, a), name):
            print(f"{name}: the two disagree", file=sys.stderr)
            return 1
        ratios.append(times[0] / times[1])
        print(f"{name:30s} {times[0]:11.2f} {times[1]:10.2f} {ratios[-1]:6.1f}x")
    gm = math.exp(sum(map(math.log, ratios)) / len(ratios))
    print(f"{'geomean':30s} {'':11s} {'':10s} {gm:6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
