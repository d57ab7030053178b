"""Encoders of the memory copy and set instructions (FEAT_MOPS, ARMv8.8; the tag-setting
setg* forms also need FEAT_MTE).

Arguments are raw field values (register numbers 0..31 and the option fields); the
assembler checks the registers and their distinctness.
"""

from __future__ import annotations


def cpy(o0: int, op1: int, op2: int, rs: int, rn: int, rd: int) -> int:
    """CPYF*/CPY* (prologue, main, epilogue): ``00 011 o0 01 op1(2) 0 Rs op2(4) 01 Rn Rd``.

    ``o0`` 0 forward-only (cpyf*), 1 either direction (cpy*); ``op1`` 0 prologue, 1 main,
    2 epilogue; ``op2`` the read/write options (see the assembler's table); Rd the
    destination address, Rs the source address, Rn the byte count."""
    return 0x19000400 | o0 << 26 | op1 << 22 | rs << 16 | op2 << 12 | rn << 5 | rd


def set_(o0: int, op2: int, rs: int, rn: int, rd: int) -> int:
    """SET*/SETG*: ``00 011 o0 01 11 0 Rs op2(4) 01 Rn Rd``.

    ``o0`` 0 set, 1 set with tags (setg*); ``op2`` is phase (0 prologue, 4 main, 8
    epilogue) | 2 non-temporal | 1 unprivileged; Rd the destination address, Rn the byte
    count, Rs the source (the byte value in its low 8 bits)."""
    return 0x19C00400 | o0 << 26 | rs << 16 | op2 << 12 | rn << 5 | rd
