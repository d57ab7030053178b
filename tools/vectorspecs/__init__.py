"""Candidate lines for the llvm-mc vectors, one module per instruction group."""
