"""Backend selection, in one place.

Order: an explicit ``backend=`` argument (a name or a Backend instance), then
the ``A64JIT_BACKEND`` environment variable (``native`` or ``emulator``), then
the host: native on AArch64, the emulator elsewhere. Backends are created
lazily, once per name; :data:`BACKENDS` maps a name to ``"module:Class"`` so
another backend is one entry away.
"""

from __future__ import annotations

import importlib
import os
import threading

from .backend import Backend

#: name -> "module:Class" (relative to this package)
BACKENDS: dict[str, str] = {
    "native": ".native:NativeBackend",
    "emulator": ".emulator:EmulatorBackend",
}

_instances: dict[str, Backend] = {}
_lock = threading.Lock()


def host_is_aarch64() -> bool:
    """True when this process runs on AArch64 (hardware or qemu-user)."""
    # os.uname, not platform.machine (the same field on POSIX): platform's import is
    # ~15 ms of a start natively under qemu
    if hasattr(os, "uname"):
        machine = os.uname().machine
    else:  # pragma: no cover - not POSIX
        import platform

        machine = platform.machine()
    return machine.lower() in ("aarch64", "arm64")


def default_backend_name() -> str:
    """The backend used when none is named: $A64JIT_BACKEND, else by host."""
    env = os.environ.get("A64JIT_BACKEND", "").strip().lower()
    if env:
        if env not in BACKENDS:
            raise ValueError(
                f"A64JIT_BACKEND={env!r} is not a backend; choose one of {sorted(BACKENDS)}")
        return env
    return "native" if host_is_aarch64() else "emulator"


def get_backend(backend: str | Backend | None = None, what: str = "get_backend") -> Backend:
    """The Backend instance for ``backend`` (a name, an instance, or None = default).

    ``what`` names the caller in error messages (``"JitBuffer"``...). Asking
    for ``"native"`` on a host that is not AArch64 raises
    :class:`~a64jit.errors.BackendUnavailableError` (an ``OSError``).
    """
    if isinstance(backend, Backend):
        return backend
    if backend is not None and not isinstance(backend, str):
        raise TypeError(f"{what}: backend must be a name ({', '.join(map(repr, BACKENDS))}), "
                        f"a Backend or None, got {type(backend).__name__} {backend!r}")
    name = default_backend_name() if backend is None else backend.strip().lower()
    spec = BACKENDS.get(name)
    if spec is None:
        raise ValueError(f"{what}: unknown backend {backend!r}; choose one of "
                         f"{sorted(BACKENDS)}")
    with _lock:
        inst = _instances.get(name)
        if inst is None:
            module_name, _, cls_name = spec.partition(":")
            try:
                module = importlib.import_module(module_name, __package__)
            except ImportError as exc:
                raise ImportError(f"the {name!r} backend is not available: {exc}") from exc
            inst = getattr(module, cls_name)()
            _instances[name] = inst
    return inst


def available_backends() -> list[str]:
    """Names of the backends that can run on this host."""
    names = []
    for name in BACKENDS:
        if name == "native" and not host_is_aarch64():
            continue
        try:
            get_backend(name)
        except (ImportError, OSError):
            continue
        names.append(name)
    return names


def current_backend() -> str:
    """Name of the backend a JitBuffer uses by default (``"native"`` or ``"emulator"``)."""
    return default_backend_name()
