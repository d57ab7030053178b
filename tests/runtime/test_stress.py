"""CI-sized thread-race and re-entrancy stress on every backend (the long run is
tools/stress_runtime.py). See tests/runtime/stress.py for what it does."""

from __future__ import annotations

import pytest

from a64jit.runtime import get_backend
from tests.runtime.stress import run_stress


def _qemu_user(backend: str) -> bool:
    b = get_backend(backend)
    return backend == "native" and bool(getattr(b, "alias_needs_refresh", lambda: False)())


@pytest.mark.parametrize("mode", [None, "wx"])
def test_install_free_call_patch_from_many_threads(backend: str, mode: str | None) -> None:
    # Live patching needs a mode whose writes leave the execute permission
    # alone ("wx" refuses it), and real hardware: qemu-user's stale-code
    # workaround toggles PROT_EXEC on the patched page (see DualRegion).
    patch = mode is None and not _qemu_user(backend)
    ops = 60 if backend == "native" else 120  # qemu runs Python ~12x slower
    stats = run_stress(threads=4, ops=ops, mode=mode, patch=patch, depth=6, seed=7)
    assert stats.errors == []
    assert stats.installs > 0 and stats.frees > 0 and stats.calls > 0 and stats.reentries > 0
    assert stats.patches > 0 or not patch
