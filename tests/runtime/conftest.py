"""The ``backend`` fixture: one runtime suite, every backend that runs here.

It yields the backend's name and points the defaults at it (A64JIT_BACKEND),
so ``JitBuffer()``, ``alloc_data`` and ``host_function`` use it. Natively (an
AArch64 host, or the arm64 CPython under qemu-user from scripts/native-test.sh)
that is ``"native"``; on x86-64 it is the emulator. A host with no backend
fails the execution tests: every piece has landed, so a missing one is a bug.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

import pytest

from a64jit.runtime.select import available_backends, host_is_aarch64

AVAILABLE = available_backends()


_PARAMS: list[str | None] = list(AVAILABLE) or [None]


@pytest.fixture(params=_PARAMS, ids=lambda name: str(name or "no-backend"))
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    name = request.param
    if name is None:
        pytest.fail("no runtime backend on this host (native needs AArch64: run "
                    "scripts/native-test.sh; the emulator needs 'unicorn': "
                    "scripts/dev-env.sh installs it)")
    monkeypatch.setenv("A64JIT_BACKEND", name)
    yield name


@pytest.fixture
def native(backend: str) -> str:
    """Only the native backend (tests about real mappings and libc)."""
    if backend != "native":
        pytest.skip("native backend only")
    return backend


def needs_unicorn() -> ModuleType:
    """The unicorn module. Required on every host but AArch64, where the native
    suite runs on an interpreter without it (scripts/native-test.sh): there
    the emulator's tests skip; anywhere else a missing unicorn fails."""
    if host_is_aarch64():
        module: ModuleType = pytest.importorskip("unicorn")
        return module
    import unicorn

    return unicorn


@pytest.fixture(scope="module")
def realm() -> None:
    """An a64js heap-VM realm, once per module (setting up the built-ins takes a while
    under qemu), for the JIT tests that run hand-written bytecode natively."""
    import io

    from a64js.hvm.builtins import setup
    setup(["node", "native.js"], io.StringIO(), semispace=1 << 20)


@pytest.fixture
def jit(realm: None) -> Iterator[object]:
    """The a64js baseline JIT installed at threshold 0 (every function compiled at its
    first call), closed afterwards."""
    from a64js.hvm import interp
    from a64js.jit import Jit
    j = Jit(0)
    interp.set_jit(j)
    yield j
    interp.set_jit(None)
    j.close()
