"""Load/store encodings (ARM ARM C4.1.88 "Loads and Stores").

Single registers are selected by ``size`` (bits 31:30), ``V`` (bit 26, 1 for a
SIMD&FP register) and ``opc`` (bits 23:22); pairs by ``opc`` (bits 31:30) and
``V``. The access size, and so the scale of a scaled offset, follows from those
fields exactly as in the ARM ARM pseudocode, so the encoders take offsets in
bytes and check alignment and range themselves:

* single GP register: ``scale = size``; single SIMD&FP: ``scale = opc<1>:size``
  (``q`` is ``size=00, opc=1x``);
* pair of GP registers: ``scale = 2 + opc<1>``; SIMD&FP pair: ``scale = 2 + opc``.

Arguments are register numbers and raw field values; every field is checked.
"""

from __future__ import annotations

from typing import Final

from ..errors import bad_value
from .fields import simm, uimm, urange

# Bits 11:10 of "Load/store register (immediate ...)": the indexing variant.
IDX_UNSCALED: Final = 0  # ldur/stur/prfum: [xn, #simm9]
IDX_POST: Final = 1  # [xn], #simm9
IDX_PRE: Final = 3  # [xn, #simm9]!

# Bits 24:23 of "Load/store register pair": the addressing variant.
PAIR_NOALLOC: Final = 0  # ldnp/stnp: [xn, #imm7]
PAIR_POST: Final = 1  # [xn], #imm7
PAIR_OFFSET: Final = 2  # [xn, #imm7]
PAIR_PRE: Final = 3  # [xn, #imm7]!

# Register-offset "option" field (bits 15:13); only these four exist for loads/stores.
OPTION_UXTW: Final = 2
OPTION_LSL: Final = 3  # uxtx, written lsl
OPTION_SXTW: Final = 6
OPTION_SXTX: Final = 7


def access_shift(size: int, v: int, opc: int) -> int:
    """log2 of the bytes a single-register load/store moves."""
    return (opc & 2) << 1 | size if v else size


def _check_single(insn: str, size: int, v: int, opc: int, rt: int, rn: int) -> None:
    for name, value, hi in (("size", size, 3), ("V", v, 1), ("opc", opc, 3),
                            ("transfer register", rt, 31), ("base register", rn, 31)):
        urange(insn, name, value, 0, hi)
    if v and size and opc & 2:
        # size != 00 with opc = 1x is unallocated for SIMD&FP (only q uses opc<1>).
        raise bad_value(insn, "size", size, "0 when V=1 and opc is 2 or 3 (q)")


def ldst_uimm(insn: str, size: int, v: int, opc: int, rt: int, rn: int, offset: int) -> int:
    """Load/store register (unsigned immediate): ``size 111 V 01 opc imm12 Rn Rt``.

    ``offset`` is in bytes: a multiple of the access size, 0..4095 times it."""
    # Fused tests on the hot path; the slow path says which field is wrong.
    if size >> 2 | v >> 1 | opc >> 2 | (rt | rn) >> 5 or (v and size and opc & 2):
        _check_single(insn, size, v, opc, rt, rn)
    shift = (opc & 2) << 1 | size if v else size  # access_shift(), inlined
    if offset & ((1 << shift) - 1) or not 0 <= offset >> shift <= 4095:
        uimm(insn, "offset", offset, 12, 1 << shift)
    return (size << 30 | 0x39000000 | v << 26 | opc << 22 | (offset >> shift) << 10 | rn << 5
            | rt)


def ldst_simm9(insn: str, size: int, v: int, opc: int, idx: int, rt: int, rn: int,
               offset: int) -> int:
    """Load/store register, unscaled (``idx`` 0), post-indexed (1) or pre-indexed (3):
    ``size 111 V 00 opc 0 imm9 idx Rn Rt`` with a signed byte ``offset`` -256..255."""
    if (size >> 2 | v >> 1 | opc >> 2 | idx >> 2 | (rt | rn) >> 5 or idx == 2
            or not -256 <= offset <= 255 or (v and size and opc & 2)):
        _check_single(insn, size, v, opc, rt, rn)
        if not 0 <= idx <= 3 or idx == 2:  # 10 is the unprivileged ldtr/sttr class
            raise bad_value(insn, "index mode", idx, "0 (unscaled), 1 (post) or 3 (pre)")
        simm(insn, "offset", offset, 9)
    return (size << 30 | 0x38000000 | v << 26 | opc << 22 | (offset & 0x1FF) << 12
            | idx << 10 | rn << 5 | rt)


def ldst_regoff(insn: str, size: int, v: int, opc: int, rt: int, rn: int, rm: int,
                option: int, s: int) -> int:
    """Load/store register (register offset):
    ``size 111 V 00 opc 1 Rm option S 10 Rn Rt``; ``option`` is 010 (uxtw), 011 (lsl),
    110 (sxtw) or 111 (sxtx); ``S`` scales the index by the access size."""
    if (size >> 2 | v >> 1 | opc >> 2 | (rt | rn | rm) >> 5 | s >> 1 or (v and size and opc & 2)
            or not option & 2 or option >> 3):
        _check_single(insn, size, v, opc, rt, rn)
        urange(insn, "index register", rm, 0, 31)
        urange(insn, "S", s, 0, 1)
        if not 0 <= option < 8 or not option & 2:
            raise bad_value(insn, "extend option", option, "2 (uxtw), 3 (lsl), 6 (sxtw), 7 (sxtx)")
    return (size << 30 | 0x38200800 | v << 26 | opc << 22 | rm << 16 | option << 13
            | s << 12 | rn << 5 | rt)


def load_literal(insn: str, opc: int, v: int, rt: int) -> int:
    """Load register (literal): ``opc 011 V 00 imm19 Rt`` with imm19 = 0; the offset is
    filled in through :data:`~a64jit.encoding.pcrel.BRANCH19`. ``opc`` is 00 (w/s),
    01 (x/d), 10 (ldrsw/q) or 11 (prfm, GP only)."""
    if opc >> 2 | v >> 1 | rt >> 5 or (v and opc == 3):
        urange(insn, "opc", opc, 0, 2 if v else 3)
        urange(insn, "V", v, 0, 1)
        urange(insn, "transfer register", rt, 0, 31)
    return opc << 30 | 0x18000000 | v << 26 | rt


def pair_shift(opc: int, v: int) -> int:
    """log2 of the bytes each register of a load/store pair moves."""
    return 2 + opc if v else 2 + (opc >> 1)


def ldst_pair(insn: str, opc: int, v: int, mode: int, load: int, rt: int, rt2: int, rn: int,
              offset: int) -> int:
    """Load/store register pair: ``opc 101 V 0 mode L imm7 Rt2 Rn Rt``; ``mode`` is
    00 no-allocate (ldnp/stnp), 01 post-index, 10 offset, 11 pre-index. ``offset`` is in
    bytes, a multiple of the register size, -64..63 times it."""
    if (opc >> 2 | v >> 1 | mode >> 2 | load >> 1 | (rt | rt2 | rn) >> 5
            or opc == 3 or (opc == 1 and not v and not (load and mode))):
        for name, value, hi in (("opc", opc, 2), ("V", v, 1), ("mode", mode, 3),
                                ("L", load, 1), ("first transfer register", rt, 31),
                                ("second transfer register", rt2, 31),
                                ("base register", rn, 31)):
            urange(insn, name, value, 0, hi)
        if opc == 1 and not v and not (load and mode):
            # opc=01 without V is ldpsw: a load, and never no-allocate.
            raise bad_value(insn, "opc", opc, "0 or 2 (1 only for ldpsw or SIMD&FP d)")
    shift = pair_shift(opc, v)
    if offset & ((1 << shift) - 1) or not -64 <= offset >> shift <= 63:
        simm(insn, "offset", offset, 7, 1 << shift)
    return (opc << 30 | 0x28000000 | v << 26 | mode << 23 | load << 22
            | (offset >> shift & 0x7F) << 15 | rt2 << 10 | rn << 5 | rt)
