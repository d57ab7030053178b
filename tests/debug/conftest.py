"""Every debug test starts and ends with all tools off."""

from __future__ import annotations

import functools
import subprocess
import sys
from collections.abc import Iterator

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
