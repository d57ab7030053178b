#!/usr/bin/env python3
"""Record node's output for the JavaScript test programs (tests/js/programs/NAME.expected).

For each program, node's stdout goes to ``NAME.expected`` and, when node exits non-zero,
its exit status, error line, line and (syntax errors) column to ``NAME.status``; see
tests/js/jsprograms.py for the format and the contract a64js is held to. Programs marked
``node=skip`` in their ``a64js-expect`` directive are not run. The tests read these files,
so they run where node is absent; tests/js/test_programs.py re-checks them where it is present.

Usage: tools/gen_js_expected.py [NAME ...]      (default: every program)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.js import jsprograms


def main(argv: list[str]) -> int:
    node = jsprograms.node_binary()
    if node is None:
        print("gen_js_expected: node is not installed (scripts/test-deps-node.sh)", file=sys.stderr)
        return 1
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
