"""Sphinx configuration for the a64jit user guide and API reference.

Built by scripts/test.sh with warnings as errors (``-W``); every ``>>>`` example
runs as a test under the doctest builder (emulator backend off AArch64).
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.abspath("../src"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # isa_coverage.py

project = "a64jit"
author = "the a64jit developers"
copyright = "2026, the a64jit developers"  # noqa: A001 - Sphinx's name for it
extensions = ["sphinx.ext.autodoc", "sphinx.ext.doctest", "sphinx.ext.viewcode", "isa_coverage"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# The assembler has hundreds of one-line instruction methods: the reference lists
# them by group, and the guide explains the conventions they share.
autodoc_default_options = {"undoc-members": False}
nitpicky = False
DOCS = os.path.abspath(os.path.dirname(__file__))
# DOCS: examples read files under docs/ (docs/examples/) wherever the build runs from.
doctest_global_setup = f"""
import ctypes
import pathlib
from a64jit import *
DOCS = pathlib.Path({DOCS!r})
"""
# Check messages too: the default would ignore exception details.
import doctest  # noqa: E402

doctest_default_flags = doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1
