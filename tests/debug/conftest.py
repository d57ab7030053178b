"""Every debug test starts and ends with all tools off."""

from __future__ import annotations

import functools
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import a64jit.debug as dbg


@pytest.fixture(autouse=True)
def _tools_off() -> Iterator[None]:
    dbg.disable()
    yield
    dbg.disable()


@functools.cache
def can_spawn_self() -> bool:
    """Can this interpreter run itself in a child process? (Not under qemu-user
    without binfmt_misc: the child would be an arm64 binary the host cannot exec.)"""
    try:
        return subprocess.run([sys.executable, "-c", "0"], capture_output=True,
                              timeout=120).returncode == 0
    except OSError:
        return False


def need_child_python() -> None:
    if not can_spawn_self():
        pytest.skip("this interpreter cannot start itself in a child (qemu-user without binfmt)")


def perf_record(perf: str, data: Path, script: Path, arg: Path,
                timeout: float) -> subprocess.CompletedProcess[str]:
    """``perf record`` (monotonic clock, data mappings, cpu-clock samples) of
    ``python script arg`` into ``data``: the run, which succeeded; skips the test where
    perf may not record (perf_event_paranoid, containers)."""
    rec = subprocess.run([perf, "record", "-q", "-k", "mono", "-d", "-e", "cpu-clock",
                          "-o", str(data), "--", sys.executable, str(script), str(arg)],
                         capture_output=True, text=True, timeout=timeout)
    if rec.returncode != 0 and any(why in rec.stderr for why in (
            "perf_event", "Permission denied", "not permitted", "No permission")):
        pytest.skip(f"perf cannot record here: {rec.stderr.strip()[:200]}")
    assert rec.returncode == 0, rec.stderr
    return rec
