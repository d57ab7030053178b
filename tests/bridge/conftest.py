"""The runtime suite's ``backend`` fixture, reused for the bridge's execution tests.

Its definition lives in tests/runtime/conftest.py (one suite, two backends);
until that exists the execution tests here skip cleanly.
"""

from __future__ import annotations

import pytest

try:
    from tests.runtime.conftest import backend
except ImportError:

    @pytest.fixture
    def backend() -> str:
        pytest.skip("no runtime backend yet (tests/runtime/conftest.py is missing)")
