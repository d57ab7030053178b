"""Fixtures for the JavaScript differential tests (see jsprograms.py for the contract)."""

from __future__ import annotations

import pytest

from tests.js import jsprograms


@pytest.fixture(scope="session")
def node() -> str:
    """Path of node; the node re-check tests skip where it is not installed (outside CI)."""
    path = jsprograms.node_binary()
    if path is None:
        pytest.skip("node is not installed (scripts/test-deps-node.sh installs it)")
    return path
