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
from . import table
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


UNPRIV: Final = table.Table("unpriv", "unprivileged and RCPC2 unscaled loads and stores")


@UNPRIV.form("{name} rt, [xn|sp{{, #simm9}}]")
def _ldst(self: AssemblerCore, spec: table.Spec, rt: GPRegister, addr: Mem) -> None:
    self._put(_access(spec.name, spec["kind"], spec["encoder"], rt, addr))


class UnprivMixin(AssemblerCore):
    """ldtr, ldtrb, ldtrh, ldtrsb, ldtrsh, ldtrsw, sttr, sttrb, sttrh; ldapur, ldapurb,
    ldapurh, ldapursb, ldapursh, ldapursw, stlur, stlurb, stlurh."""

    ldtr = _ldst("ldtr", "load unprivileged (w or x)",
               kind="ld", encoder=enc.ldst_unpriv)
    ldtrb = _ldst("ldtrb", "load a byte, zero-extended, unprivileged (w)",
                kind="ldb", encoder=enc.ldst_unpriv)
    ldtrh = _ldst("ldtrh", "load a halfword, zero-extended, unprivileged (w)",
                kind="ldh", encoder=enc.ldst_unpriv)
    ldtrsb = _ldst("ldtrsb", "load a byte, sign-extended, unprivileged (w or x)",
                 kind="ldsb", encoder=enc.ldst_unpriv)
    ldtrsh = _ldst("ldtrsh", "load a halfword, sign-extended, unprivileged (w or x)",
                 kind="ldsh", encoder=enc.ldst_unpriv)
    ldtrsw = _ldst("ldtrsw", "load a word, sign-extended, unprivileged (x)",
                 kind="ldsw", encoder=enc.ldst_unpriv)
    sttr = _ldst("sttr", "store, unprivileged (w or x)",
               kind="st", encoder=enc.ldst_unpriv)
    sttrb = _ldst("sttrb", "store the low byte, unprivileged (w)",
                kind="stb", encoder=enc.ldst_unpriv)
    sttrh = _ldst("sttrh", "store the low halfword, unprivileged (w)",
                kind="sth", encoder=enc.ldst_unpriv)
    ldapur = _ldst("ldapur", "load-acquire RCpc (w or x)",
                 kind="ld", encoder=enc.ldst_rcpc2)
    ldapurb = _ldst("ldapurb", "load a byte, zero-extended, load-acquire RCpc (w)",
                  kind="ldb", encoder=enc.ldst_rcpc2)
    ldapurh = _ldst("ldapurh", "load a halfword, zero-extended, load-acquire RCpc (w)",
                  kind="ldh", encoder=enc.ldst_rcpc2)
    ldapursb = _ldst("ldapursb", "load-acquire RCpc a byte, sign-extended (w or x)",
                   kind="ldsb", encoder=enc.ldst_rcpc2)
    ldapursh = _ldst("ldapursh", "load-acquire RCpc a halfword, sign-extended (w or x)",
                   kind="ldsh", encoder=enc.ldst_rcpc2)
    ldapursw = _ldst("ldapursw", "load a word, sign-extended, load-acquire RCpc (x)",
                   kind="ldsw", encoder=enc.ldst_rcpc2)
    stlur = _ldst("stlur", "store, store-release (w or x)",
                kind="st", encoder=enc.ldst_rcpc2)
    stlurb = _ldst("stlurb", "store the low byte, store-release (w)",
                 kind="stb", encoder=enc.ldst_rcpc2)
    stlurh = _ldst("stlurh", "store the low halfword, store-release (w)",
                 kind="sth", encoder=enc.ldst_rcpc2)
