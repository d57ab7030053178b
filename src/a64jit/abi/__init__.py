"""The calling convention (AAPCS64), stack frames and VM<->JIT stubs."""

from __future__ import annotations

from .aapcs64 import *  # noqa: F403
from .aapcs64 import __all__ as _aapcs64_all

__all__ = list(_aapcs64_all)
