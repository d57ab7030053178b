"""Bad input to the runtime's public API: ValueError/TypeError/OSError subclasses
whose messages name the call and the operand (issue 10 item 7, issue 9 item 6)."""

from __future__ import annotations

import pytest

from a64jit import runtime
from a64jit.cli import main as cli_main
from a64jit.errors import BackendUnavailableError
from a64jit.runtime.select import host_is_aarch64

not_arm = pytest.mark.skipif(host_is_aarch64(), reason="checks a non-AArch64 host")


@not_arm
def test_native_backend_on_other_host_is_a_clear_error() -> None:
    with pytest.raises(BackendUnavailableError, match=r"native backend runs AArch64 code"):
        runtime.JitBuffer(backend="native")


@not_arm
def test_native_backend_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("A64JIT_BACKEND", "native")
    with pytest.raises(OSError, match="backend='emulator'"):
        runtime.JitBuffer()
    with pytest.raises(OSError, match="native backend"):
        runtime.alloc_data(16)


@not_arm
def test_native_backend_from_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["run", "examples/sum.s", "--args", "40", "2", "--backend", "native"]) != 0
    err = capsys.readouterr().err
    # the CLI's spelling of the choice, and the way out (--backend emulator)
    assert "--backend native runs AArch64 code" in err and "--backend emulator" in err
    assert "Traceback" not in err


def test_available_backends_never_lists_an_unusable_native() -> None:
    assert ("native" in runtime.available_backends()) == host_is_aarch64()


@pytest.mark.parametrize("bad", [5, 1.5, b"native", ["emulator"]])
def test_backend_of_wrong_type(bad: object) -> None:
    with pytest.raises(TypeError, match=r"JitBuffer: backend must be .* got"):
        runtime.JitBuffer(backend=bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"alloc_data: backend"):
        runtime.alloc_data(16, backend=bad)  # type: ignore[arg-type]


def test_unknown_backend_name() -> None:
    with pytest.raises(ValueError, match=r"JitBuffer: unknown backend 'x86'"):
        runtime.JitBuffer(backend="x86")


@pytest.mark.parametrize("size", [2**64, 2**41, 10**5000], ids=["2**64", "2**41", "10**5000"])
def test_alloc_data_too_big(size: int) -> None:
    with pytest.raises(ValueError, match=r"alloc_data: size must be in"):
        runtime.alloc_data(size, backend="emulator" if not host_is_aarch64() else None)


@pytest.mark.parametrize("size", [0, -1])
def test_alloc_data_not_positive(size: int) -> None:
    with pytest.raises(ValueError, match=r"alloc_data: size must be positive"):
        runtime.DataBlock(size)


@pytest.mark.parametrize("size", [None, 4.0, "16", True])
def test_alloc_data_wrong_type(size: object) -> None:
    with pytest.raises(TypeError, match=r"alloc_data: size must be an int"):
        runtime.DataBlock(size)  # type: ignore[arg-type]


@pytest.mark.parametrize(("call", "exc", "match"), [
    (lambda: runtime.host_function(lambda: 0, 5), TypeError, "host_function: restype"),
    (lambda: runtime.host_function(lambda: 0, None, 5),  # type: ignore[arg-type]
     TypeError, "host_function: argtypes must be a sequence"),
    (lambda: runtime.host_function(lambda: 0, None, [5]), TypeError,
     r"host_function: argtypes\[0\]"),
    (lambda: runtime.JitBuffer(capacity="x"),  # type: ignore[arg-type]
     TypeError, "JitBuffer: capacity must be an int"),
    (lambda: runtime.JitBuffer(capacity=2**64), ValueError, "JitBuffer: capacity must be in"),
    (lambda: runtime.JitBuffer(capacity=0), ValueError, "JitBuffer: capacity must be positive"),
    (lambda: runtime.JitBuffer(chunk_size="a"),  # type: ignore[arg-type]
     TypeError, "JitBuffer: chunk_size"),
    (lambda: runtime.JitBuffer(align=3.5),  # type: ignore[arg-type]
     ValueError, "JitBuffer: align"),
    (lambda: runtime.JitBuffer(mode=5),  # type: ignore[arg-type]
     ValueError, "JitBuffer: unknown mode"),
])
def test_constructor_and_host_function_operands(call: object, exc: type, match: str) -> None:
    with pytest.raises(exc, match=match):
        call()  # type: ignore[operator]


def test_install_argtypes_not_a_sequence() -> None:
    buf = runtime.JitBuffer(backend="emulator" if not host_is_aarch64() else None)
    with pytest.raises(TypeError, match="install: argtypes must be a sequence"):
        buf.install(b"\xc0\x03\x5f\xd6", argtypes=5)  # type: ignore[arg-type]
    buf.close()
