"""benchmarks/js/_breakdown.py (``bench_js_jit.py --breakdown``): every moment of a JIT run
charged to one category, the counts matching the JIT's own ``--stats``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.benchmod import load_benchmark

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
function add(a, b) { return a + b; }
function loop(n) { let s = 0; for (let i = 0; i < n; i++) { s = add(s, i) & 65535; }
  return s; }
let t = 0;
for (let k = 0; k < 30; k++) t += loop(50);
console.log(t, Math.max(1, 2));
"""


def test_breakdown_charges_the_run(tmp_path: Path) -> None:
    js = tmp_path / "p.js"
    js.write_text(PROGRAM, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    p = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "js" / "_breakdown.py"),
                        "--stats", "--jit-threshold", "2", str(js)],
                       capture_output=True, text=True, cwd=ROOT, env=env, check=False,
                       timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout == "36750 2\n"  # 30 * (0 + 1 + ... + 49)
    parts = {k: (float(v), int(n))
             for k, v, n in re.findall(r"^breakdown (\w+) ([\d.]+) (\d+)$", p.stderr, re.M)}
    assert set(parts) == {"python", "imports", "startup", "parse", "interp", "compile",
                          "trampoline", "machine", "host", "gc"}
    total = float(re.search(r"^breakdown-total ([\d.]+)$", p.stderr, re.M).group(1))  # type: ignore[union-attr]
    # the categories cover the process from its start (total: its CPU time until the run
    # returned), nothing imported before the run but the harness's own modules
    assert abs(sum(v for v, _ in parts.values()) - total) < 1e-3
    assert parts["python"][0] > 0 and parts["imports"][0] > 0
    assert parts["imports"][1] > 50  # modules: a64js's, a64jit's, the backend's
    stats = re.search(r"functions compiled (\d+), .*entries (\d+), direct calls \d+, "
                      r"OSR entries (\d+)", p.stderr)
    assert stats is not None
    compiled, entries, osr = map(int, stats.groups())
    assert parts["compile"][1] == compiled >= 2
    assert parts["trampoline"][1] == 1
    # every entry into compiled code (calls and OSR) is one call of the entry stub
    assert parts["machine"][1] == entries + osr
    assert parts["parse"][1] == 1
    assert parts["startup"][0] > 0 and parts["machine"][0] > 0


def test_whole_process_covers_the_breakdown(tmp_path: Path) -> None:
    """bench_js_jit.run_process reads the child's whole CPU time (rusage): at least the
    breakdown's total, the teardown being the difference."""
    bench = load_benchmark("bench_js_jit")
    js = tmp_path / "p.js"
    js.write_text(PROGRAM, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    p, cpu, wall = bench.run_process(
        [sys.executable, str(ROOT / "benchmarks" / "js" / "_breakdown.py"), str(js)], env)
    assert p.returncode == 0, p.stderr[-2000:]
    total = float(re.search(r"^breakdown-total ([\d.]+)$", p.stderr, re.M).group(1))  # type: ignore[union-attr]
    assert total <= cpu + 0.011  # (rusage and process_time may round apart by a tick)
    assert wall > 0
