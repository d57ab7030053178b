"""The runtime suite's ``backend`` fixture, reused for the bridge's execution tests.

Its definition lives in tests/runtime/conftest.py (one suite, two backends).
"""

from __future__ import annotations

from tests.runtime.conftest import backend

__all__ = ["backend"]
