"""tools/fuzz_masm.py loaded as a module (one model and runner for the tool and the tests)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "tools" / "fuzz_masm.py"
_spec = importlib.util.spec_from_file_location("fuzz_masm", _PATH)
assert _spec is not None and _spec.loader is not None
fuzz_masm = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("fuzz_masm", fuzz_masm)
_spec.loader.exec_module(fuzz_masm)
