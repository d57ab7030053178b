"""Text front-end: LLVM-syntax assembly to machine code."""

from .parser import ListingLine, assemble, assemble_listing

__all__ = ["ListingLine", "assemble", "assemble_listing"]
