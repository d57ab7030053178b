"""A benchmark script of ``benchmarks/`` loaded as a module, for tests of its parts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_benchmark(name: str) -> ModuleType:
    """``benchmarks/NAME.py`` as a module, loaded once per process and registered under
    ``name`` (its dataclasses look their module up there; a benchmark that imports
    another, as bench_js_jit imports bench_js, then shares it)."""
    module = sys.modules.get(name)
    if module is not None and getattr(module, "__file__", None) == str(BENCHMARKS /
                                                                      f"{name}.py"):
        return module
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module
