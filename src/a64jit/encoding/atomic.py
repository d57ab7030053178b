"""Exclusive, acquire/release and atomic memory accesses (ARM ARM C4.1.66, "Load/store
exclusive", "Load-acquire/store-release", "Compare and swap (pair)", "Atomic memory
operations").

Arguments are register numbers and raw field values; every field is checked (a
negative value shifts right to -1, so one OR of shifted fields catches it too).
``size`` is log2 of the access size in bytes (0 b, 1 h, 2 w, 3 x), except for
CASP whose ``size`` is 0 for a pair of w registers and 1 for a pair of x registers.
"""

from __future__ import annotations

from .fields import urange

#: Atomic memory operation codes ``o3:opc`` (LDADD ... LDUMIN, SWP).
LDOPS = {"add": 0, "clr": 1, "eor": 2, "set": 3, "smax": 4, "smin": 5, "umax": 6, "umin": 7}
SWP = 8
LDAPR = 12  # o3=1, opc=100 with Rs=11111 (ARMv8.3 RCpc)


def exclusive(insn: str, size: int, o2: int, l: int, o1: int, rs: int,
              o0: int, rt2: int, rn: int, rt: int) -> int:
    """The load/store exclusive class: ``size 001000 o2 L o1 Rs o0 Rt2 Rn Rt``.

    o2=0 o1=0: LDXR/LDAXR/STXR/STLXR; o2=0 o1=1: LDXP/LDAXP/STXP/STLXP (size 1x) and
    CASP (size 0x); o2=1 o1=0: LDAR/LDLAR/STLR/STLLR; o2=1 o1=1: CAS (L = acquire,
    o0 = release)."""
    if (size >> 2 | (o2 | l | o1 | o0) >> 1 | (rs | rt2 | rn | rt) >> 5):
        for name, value, hi in (("size", size, 3), ("o2", o2, 1), ("L", l, 1), ("o1", o1, 1),
                                ("status/compare register", rs, 31), ("o0", o0, 1),
                                ("second register", rt2, 31), ("base", rn, 31),
                                ("register", rt, 31)):
            urange(insn, name, value, 0, hi)
    return (size << 30 | 0x08000000 | o2 << 23 | l << 22 | o1 << 21 | rs << 16 | o0 << 15
            | rt2 << 10 | rn << 5 | rt)


def atomic_op(insn: str, size: int, a: int, r: int, rs: int, op: int, rn: int,
              rt: int) -> int:
    """Atomic memory operations: ``size 111 0 00 A R 1 Rs o3 opc 00 Rn Rt``; ``op`` is
    o3:opc (0-7 LDADD ... LDUMIN, 8 SWP, 12 LDAPR)."""
    if (size >> 2 | (a | r) >> 1 | op >> 4 | (rs | rn | rt) >> 5):
        for name, value, hi in (("size", size, 3), ("A", a, 1), ("R", r, 1),
                                ("source register", rs, 31), ("o3:opc", op, 15),
                                ("base", rn, 31), ("register", rt, 31)):
            urange(insn, name, value, 0, hi)
    return (size << 30 | 0x38200000 | a << 23 | r << 22 | rs << 16 | op << 12 | rn << 5
            | rt)
