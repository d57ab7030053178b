"""The ``backend`` fixture: one runtime suite, every backend that runs here.

It yields the backend's name and points the defaults at it (A64JIT_BACKEND),
so ``JitBuffer()``, ``alloc_data`` and ``host_function`` use it. Natively (an
AArch64 host, or the arm64 CPython under qemu-user from scripts/native-test.sh)
that is ``"native"``; on x86-64 it is the emulator once that backend exists.
With no backend at all the execution tests skip.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from a64jit.runtime.select import available_backends

AVAILABLE = available_backends()


@pytest.fixture(params=AVAILABLE or [None], ids=lambda name: str(name or "no-backend"))
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    name = request.param
    if name is None:
        pytest.skip("no runtime backend on this host (native needs AArch64: run "
                    "scripts/native-test.sh; the emulator needs the emulator backend)")
    monkeypatch.setenv("A64JIT_BACKEND", name)
    yield name


@pytest.fixture
def native(backend: str) -> str:
    """Only the native backend (tests about real mappings and libc)."""
    if backend != "native":
        pytest.skip("native backend only")
    return backend
