"""Text front-end: LLVM-syntax assembly to machine code."""

from .parser import assemble

__all__ = ["assemble"]
