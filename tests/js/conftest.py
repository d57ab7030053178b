"""Fixtures for the JavaScript differential tests (see jsprograms.py for the contract)."""

from __future__ import annotations

import pytest

# the run helpers' asserts explained as a test's own are (a failed comparison of a
# program's output shows the difference, not a bare AssertionError)
pytest.register_assert_rewrite("tests.js.jitrun", "tests.js.hvmrun")

from tests.js import jsprograms  # noqa: E402


@pytest.fixture(scope="session")
def node() -> str:
    """Path of node; the node re-check tests skip where it is not installed (outside CI)."""
    path = jsprograms.node_binary()
    if path is None:
        pytest.skip("node is not installed (scripts/test-deps-node.sh installs it)")
    return path
