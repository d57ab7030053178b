"""Machine instructions a process executes, counted by valgrind (cachegrind without its
cache simulation): the benchmarks' noise-free measure, where CPU time on a shared
machine moves by tens of percent between runs."""

from __future__ import annotations

import re
import subprocess

VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
            "--cachegrind-out-file=/dev/null"]
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def count(cmd: list[str], env: dict[str, str]) -> tuple[int, str]:
    """The instructions ``cmd`` executes under valgrind, and its stdout."""
    p = subprocess.run([*VALGRIND, *cmd], check=True, capture_output=True, text=True,
                       env=env)
    found = _REFS.search(p.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output: {p.stderr[-300:]!r}")
    return int(found.group(1).replace(",", "")), p.stdout
