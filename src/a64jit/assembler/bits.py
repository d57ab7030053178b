"""Data-processing (1 source): clz, cls, rbit, rev, rev16, rev32, rev64."""

from __future__ import annotations

from ..encoding import dp1src as enc
from ..operands import GPRegister
from . import checks
from .core import AssemblerCore

_DN = ("destination", "source")


class BitsMixin(AssemblerCore):
    """clz, cls, rbit, rev, rev16, rev32 (64-bit only), rev64 (64-bit rev)."""

    def clz(self, rd: GPRegister, rn: GPRegister) -> None:
        """``clz rd, rn``: count leading zero bits."""
        sf = checks.gp_sf("clz", _DN, rd, rn)
        self._put(enc.dp1src("clz", sf, enc.OP_CLZ, rd.code, rn.code))

    def cls(self, rd: GPRegister, rn: GPRegister) -> None:
        """``cls rd, rn``: count leading bits equal to the sign bit (not counting it)."""
        sf = checks.gp_sf("cls", _DN, rd, rn)
        self._put(enc.dp1src("cls", sf, enc.OP_CLS, rd.code, rn.code))

    def rbit(self, rd: GPRegister, rn: GPRegister) -> None:
        """``rbit rd, rn``: reverse the bit order."""
        sf = checks.gp_sf("rbit", _DN, rd, rn)
        self._put(enc.dp1src("rbit", sf, enc.OP_RBIT, rd.code, rn.code))

    def rev16(self, rd: GPRegister, rn: GPRegister) -> None:
        """``rev16 rd, rn``: reverse the bytes in each 16-bit halfword."""
        sf = checks.gp_sf("rev16", _DN, rd, rn)
        self._put(enc.dp1src("rev16", sf, enc.OP_REV16, rd.code, rn.code))

    def rev(self, rd: GPRegister, rn: GPRegister) -> None:
        """``rev rd, rn``: reverse the bytes of the whole register."""
        # opcode = 0b10 | sf: the 32-bit REV is 000010, the same opcode as the 64-bit
        # REV32 (both reverse the bytes within each 32-bit word); 000011 is REV of 64.
        sf = checks.gp_sf("rev", _DN, rd, rn)
        self._put(enc.dp1src("rev", sf, enc.OP_REV32 | sf, rd.code, rn.code))

    def rev32(self, rd: GPRegister, rn: GPRegister) -> None:
        """``rev32 xd, xn``: reverse the bytes in each 32-bit word (64-bit only)."""
        self._x_only("rev32", enc.OP_REV32, rd, rn)

    def rev64(self, rd: GPRegister, rn: GPRegister) -> None:
        """``rev64 xd, xn`` = ``rev xd, xn`` (64-bit only)."""
        self._x_only("rev64", enc.OP_REV64, rd, rn)

    def _x_only(self, insn: str, opcode: int, rd: GPRegister, rn: GPRegister) -> None:
        d = checks.gp_code(insn, "destination", rd, 64)
        n = checks.gp_code(insn, "source", rn, 64)
        self._put(enc.dp1src(insn, 1, opcode, d, n))
