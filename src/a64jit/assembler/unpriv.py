"""The unprivileged loads and stores (ldtr, sttr and their b/h/sb/sh/sw forms: accesses
checked as if at EL0) and the RCPC2 unscaled acquire/release forms (ARMv8.4: ldapur,
stlur and their b/h/sb/sh/sw forms). All take ``mem(xn|sp, off)`` with off -256..255.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from ..encoding import baseext as enc
from ..errors import bad_operand
from ..operands import GPRegister, Mem
from .core import AssemblerCore

_Encoder = Callable[[str, int, int, int, int, int], int]
#: (size, opc) by register width (64, 32) for each mnemonic's suffix.
_FORMS: Final[dict[str, dict[int, tuple[int, int]]]] = {
    "ld": {64: (3, 1), 32: (2, 1)},
    "ldb": {32: (0, 1)},
    "ldh": {32: (1, 1)},
    "ldsb": {64: (0, 2), 32: (0, 3)},
    "ldsh": {64: (1, 2), 32: (1, 3)},
    "ldsw": {64: (2, 2)},
    "st": {64: (3, 0), 32: (2, 0)},
    "stb": {32: (0, 0)},
    "sth": {32: (1, 0)},
}


def _access(insn: str, kind: str, encoder: _Encoder, rt: object, addr: object) -> int:
    forms = _FORMS[kind]
    if type(rt) is not GPRegister or rt.is_sp or rt.size not in forms:
        want = " or ".join(f"{'x' if s == 64 else 'w'}0-{'x' if s == 64 else 'w'}30"
                           for s in forms)
        raise bad_operand(insn, "register", rt, f"a general-purpose register ({want}, zr)")
    if type(addr) is not Mem or type(addr.offset) is not int or addr.mode != "offset":
        raise bad_operand(insn, "memory operand", addr,
                          "[xn|sp{, #imm}] with imm -256..255 (no writeback, no index)")
    size, opc = forms[rt.size]
    return encoder(insn, size, opc, addr.offset, addr.base.code, rt.code)


class UnprivMixin(AssemblerCore):
    """ldtr, ldtrb, ldtrh, ldtrsb, ldtrsh, ldtrsw, sttr, sttrb, sttrh; ldapur, ldapurb,
    ldapurh, ldapursb, ldapursh, ldapursw, stlur, stlurb, stlurh."""

    def ldtr(self, rt: GPRegister, addr: Mem) -> None:
        """``ldtr <w or x>, [xn|sp{, #simm9}]``: load unprivileged."""
        self._put(_access("ldtr", "ld", enc.ldst_unpriv, rt, addr))

    def ldtrb(self, rt: GPRegister, addr: Mem) -> None:
        """``ldtrb <w>, [xn|sp{, #simm9}]``: load a byte, zero-extended, unprivileged."""
        self._put(_access("ldtrb", "ldb", enc.ldst_unpriv, rt, addr))

    def ldtrh(self, rt: GPRegister, addr: Mem) -> None:
        """``ldtrh <w>, [xn|sp{, #simm9}]``: load a halfword, zero-extended, unprivileged."""
        self._put(_access("ldtrh", "ldh", enc.ldst_unpriv, rt, addr))

    def ldtrsb(self, rt: GPRegister, addr: Mem) -> None:
        """``ldtrsb <w or x>, [xn|sp{, #simm9}]``: load a byte, sign-extended, unprivileged."""
        self._put(_access("ldtrsb", "ldsb", enc.ldst_unpriv, rt, addr))

    def ldtrsh(self, rt: GPRegister, addr: Mem) -> None:
        """``ldtrsh <w or x>, [xn|sp{, #simm9}]``: load a halfword, sign-extended, unprivileged."""
        self._put(_access("ldtrsh", "ldsh", enc.ldst_unpriv, rt, addr))

    def ldtrsw(self, rt: GPRegister, addr: Mem) -> None:
        """``ldtrsw <x>, [xn|sp{, #simm9}]``: load a word, sign-extended, unprivileged."""
        self._put(_access("ldtrsw", "ldsw", enc.ldst_unpriv, rt, addr))

    def sttr(self, rt: GPRegister, addr: Mem) -> None:
        """``sttr <w or x>, [xn|sp{, #simm9}]``: store, unprivileged."""
        self._put(_access("sttr", "st", enc.ldst_unpriv, rt, addr))

    def sttrb(self, rt: GPRegister, addr: Mem) -> None:
        """``sttrb <w>, [xn|sp{, #simm9}]``: store the low byte, unprivileged."""
        self._put(_access("sttrb", "stb", enc.ldst_unpriv, rt, addr))

    def sttrh(self, rt: GPRegister, addr: Mem) -> None:
        """``sttrh <w>, [xn|sp{, #simm9}]``: store the low halfword, unprivileged."""
        self._put(_access("sttrh", "sth", enc.ldst_unpriv, rt, addr))

    def ldapur(self, rt: GPRegister, addr: Mem) -> None:
        """``ldapur <w or x>, [xn|sp{, #simm9}]``: load-acquire RCpc."""
        self._put(_access("ldapur", "ld", enc.ldst_rcpc2, rt, addr))

    def ldapurb(self, rt: GPRegister, addr: Mem) -> None:
        """``ldapurb <w>, [xn|sp{, #simm9}]``: load a byte, zero-extended, load-acquire RCpc."""
        self._put(_access("ldapurb", "ldb", enc.ldst_rcpc2, rt, addr))

    def ldapurh(self, rt: GPRegister, addr: Mem) -> None:
        """``ldapurh <w>, [xn|sp{, #simm9}]``: load a halfword, zero-extended, load-acquire RCpc."""
        self._put(_access("ldapurh", "ldh", enc.ldst_rcpc2, rt, addr))

    def ldapursb(self, rt: GPRegister, addr: Mem) -> None:
        """``ldapursb <w or x>, [xn|sp{, #simm9}]``: load-acquire RCpc a byte, sign-extended."""
        self._put(_access("ldapursb", "ldsb", enc.ldst_rcpc2, rt, addr))

    def ldapursh(self, rt: GPRegister, addr: Mem) -> None:
        """``ldapursh <w or x>, [xn|sp{, #simm9}]``: load-acquire RCpc a halfword, sign-extended."""
        self._put(_access("ldapursh", "ldsh", enc.ldst_rcpc2, rt, addr))

    def ldapursw(self, rt: GPRegister, addr: Mem) -> None:
        """``ldapursw <x>, [xn|sp{, #simm9}]``: load a word, sign-extended, load-acquire RCpc."""
        self._put(_access("ldapursw", "ldsw", enc.ldst_rcpc2, rt, addr))

    def stlur(self, rt: GPRegister, addr: Mem) -> None:
        """``stlur <w or x>, [xn|sp{, #simm9}]``: store, store-release."""
        self._put(_access("stlur", "st", enc.ldst_rcpc2, rt, addr))

    def stlurb(self, rt: GPRegister, addr: Mem) -> None:
        """``stlurb <w>, [xn|sp{, #simm9}]``: store the low byte, store-release."""
        self._put(_access("stlurb", "stb", enc.ldst_rcpc2, rt, addr))

    def stlurh(self, rt: GPRegister, addr: Mem) -> None:
        """``stlurh <w>, [xn|sp{, #simm9}]``: store the low halfword, store-release."""
        self._put(_access("stlurh", "sth", enc.ldst_rcpc2, rt, addr))
