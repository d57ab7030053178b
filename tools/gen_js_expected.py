#!/usr/bin/env python3
"""Record node's output for the JavaScript test programs (tests/js/programs/NAME.expected).

For each program, node's stdout goes to ``NAME.expected`` and, when node exits non-zero,
its exit status, error line, line and (syntax errors) column to ``NAME.status``; see
tests/js/jsprograms.py for the format and the contract a64js is held to. Programs marked
``node=skip`` in their ``a64js-expect`` directive are not run. The tests read these files,
so they run where node is absent; tests/js/test_programs.py re-checks them where it is present.

``--scale N`` records the benchmark workloads (benchmarks/bench_js.py's list) run at scale
N instead (``node NAME.js N``: each reads ``process.argv[2]``) into
``NAME.scale<N>.expected``; ``--scale realistic`` at each workload's own scale
(bench_js.SCALES), ``--scale realistic/K`` at those divided by K (rounded up). The
benchmarks check their runs at a scale against these files, and
tests/js/test_scaled_programs.py a few of them at scale 2.

Usage: tools/gen_js_expected.py [NAME ...]      (default: every program)
       tools/gen_js_expected.py --scale N|realistic[/K] [NAME ...]   (default: every workload)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_js  # noqa: E402  (benchmarks/, on the path above)

from tests.js import jsprograms  # noqa: E402


def record_scaled(node: str, scale: int | str, wanted: set[str]) -> int:
    """Node's stdout of each workload at ``scale`` into NAME.scale<N>.expected; 1 if a run
    failed (nothing is written for it)."""
    unknown = sorted(wanted - set(bench_js.WORKLOADS))
    if unknown:
        print(f"gen_js_expected: --scale: {', '.join(unknown)} is not a benchmark workload "
              f"(they are: {', '.join(bench_js.WORKLOADS)})", file=sys.stderr)
        return 1
    status = 0
    for name in bench_js.WORKLOADS:
        if wanted and name not in wanted:
            continue
        n = bench_js.scale_of(name, scale)
        if n == 1:
            print(f"{name}: scale 1 is {name}.expected (run without --scale)")
            continue
        proc = subprocess.run([node, str(jsprograms.PROGRAMS / f"{name}.js"), str(n)],
                              capture_output=True, text=True, timeout=600, cwd=ROOT,
                              check=False)
        if proc.returncode != 0 or proc.stderr:
            print(f"{name}: node at scale {n} exited {proc.returncode}: "
                  f"{proc.stderr.strip()[-300:]}; nothing recorded", file=sys.stderr)
            status = 1
            continue
        path = bench_js.expected_path(name, n)
        path.write_text(proc.stdout, encoding="utf-8")
        print(f"{path.name}: {len(proc.stdout.splitlines())} lines")
    return status


def main(argv: list[str]) -> int:
    from toolargs import names

    scaled = argv[:1] == ["--scale"] or bool(argv and argv[0].startswith("--scale="))
    rest = argv[1:] if scaled and "=" in argv[0] else argv[2:] if scaled else argv
    # (checked before node is looked for: --help and a misspelt name need no node)
    known = bench_js.WORKLOADS if scaled else [p.stem for p in jsprograms.programs()]
    names(rest, __doc__, known, "workload" if scaled else "program")
    node = jsprograms.node_binary()
    if node is None:
        print("gen_js_expected: node is not installed (scripts/test-deps-node.sh)", file=sys.stderr)
        return 1
    if scaled:
        text = argv[0].partition("=")[2] if "=" in argv[0] else (argv[1] if len(argv) > 1
                                                                  else "")
        try:
            scale = bench_js.parse_scale(text)
        except Exception as e:
            print(f"gen_js_expected: --scale: {e}", file=sys.stderr)
            return 2
        return record_scaled(node, scale, set(rest))
    wanted = set(argv)
    for path in jsprograms.programs():
        if wanted and path.stem not in wanted:
            continue
        d = jsprograms.directive(path)
        if d is not None and not d.node:
            print(f"{path.name}: skipped (node=skip)")
            continue
        result = jsprograms.run_node(path, node)
        jsprograms.write_expected(path, result)
        verdict = "ok" if result.exit == 0 else f"exit {result.exit}: {result.error}"
        print(f"{path.name}: {len(result.stdout.splitlines())} lines, {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
