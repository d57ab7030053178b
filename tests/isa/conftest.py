"""Execution tests of the ISA extensions in the emulator backend (Unicorn's "max" CPU
model has CRC32, PAuth, FlagM, RCPC2, Advanced SIMD and the crypto extensions). The
native suite (tests/runtime) runs only a small smoke test of them under qemu."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("unicorn")

from a64jit import JitBuffer
from a64jit.runtime.emulator import EmulatorBackend


@pytest.fixture(scope="session")
def emu() -> Iterator[EmulatorBackend]:
    be = EmulatorBackend(timeout=5.0)
    yield be
    be.close()


@pytest.fixture
def buf(emu: EmulatorBackend) -> Iterator[JitBuffer]:
    with JitBuffer(backend=emu) as b:
        yield b
