"""Every debug test starts and ends with all tools off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import a64jit.debug as dbg


@pytest.fixture(autouse=True)
def _tools_off() -> Iterator[None]:
    dbg.disable()
    yield
    dbg.disable()
