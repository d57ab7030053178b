"""Bitfield moves and their aliases, extr, shifts (immediate and register) and the
data-processing (2 source) divides.

Immediate shifts are aliases of ubfm/sbfm (lsl, lsr, asr) and extr (ror); register
shifts are the lslv family. ``W`` below is the register width (32 or 64).
"""

from __future__ import annotations

from typing import Final

from ..encoding import dp2src as dp
from ..encoding.bitfield import BFM, SBFM, UBFM, bitfield, extract
from ..errors import bad_operand, bad_value
from ..operands import W_BY_CODE, X_BY_CODE, GPRegister
from . import checks
from .core import AssemblerCore

_NAMES2: Final = ("destination", "source")
_NAMES3: Final = ("destination", "first source", "second source")


class BitfieldMixin(AssemblerCore):
    """sbfm, ubfm, bfm, sbfx, ubfx, sbfiz, ubfiz, bfi, bfxil, bfc, sxtb, sxth, sxtw,
    uxtb, uxth, uxtw, extr, lsl, lsr, asr, ror, lslv, lsrv, asrv, rorv, udiv, sdiv."""

    # -- the three bitfield instructions ------------------------------------------

    def sbfm(self, rd: GPRegister, rn: GPRegister, immr: int, imms: int) -> None:
        """Signed bitfield move; ``immr``, ``imms`` 0..W-1."""
        self._bfm("sbfm", SBFM, rd, rn, immr, imms)

    def ubfm(self, rd: GPRegister, rn: GPRegister, immr: int, imms: int) -> None:
        """Unsigned bitfield move; ``immr``, ``imms`` 0..W-1."""
        self._bfm("ubfm", UBFM, rd, rn, immr, imms)

    def bfm(self, rd: GPRegister, rn: GPRegister, immr: int, imms: int) -> None:
        """Bitfield move (other bits of rd kept); ``immr``, ``imms`` 0..W-1."""
        self._bfm("bfm", BFM, rd, rn, immr, imms)

    # -- extract and insert aliases ---------------------------------------------------

    def sbfx(self, rd: GPRegister, rn: GPRegister, lsb: int, width: int) -> None:
        """Signed extract of ``width`` bits at ``lsb`` = ``sbfm rd, rn, #lsb, #lsb+width-1``."""
        self._extract_field("sbfx", SBFM, rd, rn, lsb, width)

    def ubfx(self, rd: GPRegister, rn: GPRegister, lsb: int, width: int) -> None:
        """Unsigned extract of ``width`` bits at ``lsb``."""
        self._extract_field("ubfx", UBFM, rd, rn, lsb, width)

    def bfxil(self, rd: GPRegister, rn: GPRegister, lsb: int, width: int) -> None:
        """Copy ``width`` bits of rn at ``lsb`` to the bottom of rd (the rest kept)."""
        self._extract_field("bfxil", BFM, rd, rn, lsb, width)

    def sbfiz(self, rd: GPRegister, rn: GPRegister, lsb: int, width: int) -> None:
        """Signed insert in zeros: the low ``width`` bits of rn at ``lsb``, sign-extended
        = ``sbfm rd, rn, #(-lsb mod W), #width-1``."""
        self._insert_field("sbfiz", SBFM, rd, rn, lsb, width)

    def ubfiz(self, rd: GPRegister, rn: GPRegister, lsb: int, width: int) -> None:
        """Unsigned insert in zeros: the low ``width`` bits of rn at ``lsb``."""
        self._insert_field("ubfiz", UBFM, rd, rn, lsb, width)

    def bfi(self, rd: GPRegister, rn: GPRegister, lsb: int, width: int) -> None:
        """Insert the low ``width`` bits of rn into rd at ``lsb`` (the rest kept)."""
        self._insert_field("bfi", BFM, rd, rn, lsb, width)

    def bfc(self, rd: GPRegister, lsb: int, width: int) -> None:
        """Clear ``width`` bits of rd at ``lsb`` = ``bfi rd, zr, #lsb, #width``."""
        zr = W_BY_CODE[31] if getattr(rd, "size", 64) == 32 else X_BY_CODE[31]
        self._insert_field("bfc", BFM, rd, zr, lsb, width)

    # -- sign and zero extension ------------------------------------------------------

    def sxtb(self, rd: GPRegister, rn: GPRegister) -> None:
        """Sign-extend a byte: ``sbfm rd, rn, #0, #7`` (rd x or w; rn w)."""
        self._extend("sxtb", SBFM, rd, rn, 7)

    def sxth(self, rd: GPRegister, rn: GPRegister) -> None:
        """Sign-extend a halfword: ``sbfm rd, rn, #0, #15`` (rd x or w; rn w)."""
        self._extend("sxth", SBFM, rd, rn, 15)

    def sxtw(self, rd: GPRegister, rn: GPRegister) -> None:
        """Sign-extend a word: ``sbfm xd, xn, #0, #31`` (rd x; rn w)."""
        self._extend("sxtw", SBFM, rd, rn, 31)

    def uxtb(self, rd: GPRegister, rn: GPRegister) -> None:
        """Zero-extend a byte: ``ubfm wd, wn, #0, #7`` (an x rd is written as its w
        half, which zeroes the top, as LLVM does)."""
        self._extend("uxtb", UBFM, rd, rn, 7)

    def uxth(self, rd: GPRegister, rn: GPRegister) -> None:
        """Zero-extend a halfword: ``ubfm wd, wn, #0, #15``."""
        self._extend("uxth", UBFM, rd, rn, 15)

    def uxtw(self, rd: GPRegister, rn: GPRegister) -> None:
        """Zero-extend a word: ``ubfm xd, xn, #0, #31`` (= ``ubfx xd, xn, #0, #32``;
        rd x; rn w)."""
        self._extend("uxtw", UBFM, rd, rn, 31)

    # -- extract register ---------------------------------------------------------

    def extr(self, rd: GPRegister, rn: GPRegister, rm: GPRegister, lsb: int) -> None:
        """``extr rd, rn, rm, #lsb``: bits lsb.. of the pair rn:rm; lsb 0..W-1."""
        sf = checks.gp_sf("extr", _NAMES3, rd, rn, rm)
        if type(lsb) is not int:
            raise bad_operand("extr", "lsb", lsb, "an integer 0..31 (w) or 0..63 (x)")
        self._put(extract("extr", sf, rd.code, rn.code, rm.code, lsb))

    # -- shifts ---------------------------------------------------------------------

    def lsl(self, rd: GPRegister, rn: GPRegister, amount: int | GPRegister) -> None:
        """``lsl rd, rn, #n`` (= ``ubfm rd, rn, #(-n mod W), #W-1-n``, n 0..W-1) or
        ``lsl rd, rn, rm`` (= ``lslv``)."""
        sf = checks.gp_sf("lsl", _NAMES2, rd, rn)
        if type(amount) is int and 0 <= amount <= 31 + 32 * sf:
            top = 31 + 32 * sf
            self._put(bitfield("lsl", sf, UBFM, rd.code, rn.code, -amount & top, top - amount))
        else:
            self._shift_reg("lsl", dp.LSLV, sf, rd, rn, amount)

    def lsr(self, rd: GPRegister, rn: GPRegister, amount: int | GPRegister) -> None:
        """``lsr rd, rn, #n`` (= ``ubfm rd, rn, #n, #W-1``) or ``lsr rd, rn, rm``."""
        sf = checks.gp_sf("lsr", _NAMES2, rd, rn)
        if type(amount) is int and 0 <= amount <= 31 + 32 * sf:
            self._put(bitfield("lsr", sf, UBFM, rd.code, rn.code, amount, 31 + 32 * sf))
        else:
            self._shift_reg("lsr", dp.LSRV, sf, rd, rn, amount)

    def asr(self, rd: GPRegister, rn: GPRegister, amount: int | GPRegister) -> None:
        """``asr rd, rn, #n`` (= ``sbfm rd, rn, #n, #W-1``) or ``asr rd, rn, rm``."""
        sf = checks.gp_sf("asr", _NAMES2, rd, rn)
        if type(amount) is int and 0 <= amount <= 31 + 32 * sf:
            self._put(bitfield("asr", sf, SBFM, rd.code, rn.code, amount, 31 + 32 * sf))
        else:
            self._shift_reg("asr", dp.ASRV, sf, rd, rn, amount)

    def ror(self, rd: GPRegister, rn: GPRegister, amount: int | GPRegister) -> None:
        """``ror rd, rn, #n`` (= ``extr rd, rn, rn, #n``) or ``ror rd, rn, rm``."""
        sf = checks.gp_sf("ror", _NAMES2, rd, rn)
        if type(amount) is int and 0 <= amount <= 31 + 32 * sf:
            self._put(extract("ror", sf, rd.code, rn.code, rn.code, amount))
        else:
            self._shift_reg("ror", dp.RORV, sf, rd, rn, amount)

    def lslv(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """Shift left by ``rm mod W``."""
        self._dp2("lslv", dp.LSLV, rd, rn, rm)

    def lsrv(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """Logical shift right by ``rm mod W``."""
        self._dp2("lsrv", dp.LSRV, rd, rn, rm)

    def asrv(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """Arithmetic shift right by ``rm mod W``."""
        self._dp2("asrv", dp.ASRV, rd, rn, rm)

    def rorv(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """Rotate right by ``rm mod W``."""
        self._dp2("rorv", dp.RORV, rd, rn, rm)

    # -- divide ---------------------------------------------------------------------

    def udiv(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """Unsigned divide ``rd = rn / rm`` (rounds toward zero; x/0 = 0)."""
        self._dp2("udiv", dp.UDIV, rd, rn, rm)

    def sdiv(self, rd: GPRegister, rn: GPRegister, rm: GPRegister) -> None:
        """Signed divide ``rd = rn / rm`` (rounds toward zero; x/0 = 0)."""
        self._dp2("sdiv", dp.SDIV, rd, rn, rm)

    # -- shared encoding logic -----------------------------------------------------

    def _dp2(self, insn: str, opcode: int, rd: GPRegister, rn: GPRegister,
             rm: GPRegister) -> None:
        sf = checks.gp_sf(insn, _NAMES3, rd, rn, rm)
        self._put(dp.dp2src(insn, sf, opcode, rd.code, rn.code, rm.code))

    def _shift_reg(self, insn: str, opcode: int, sf: int, rd: GPRegister, rn: GPRegister,
                   amount: object) -> None:
        """The register form, or the error for an immediate out of range."""
        if type(amount) is GPRegister:
            checks.gp(insn, "shift register", amount, 32 << sf)
            self._put(dp.dp2src(insn, sf, opcode, rd.code, rn.code, amount.code))
        elif type(amount) is int:
            raise bad_value(insn, "shift amount", amount, f"0..{31 + 32 * sf}")
        else:
            raise bad_operand(insn, "shift amount", amount,
                              "an integer or a general-purpose register")

    def _bfm(self, insn: str, opc: int, rd: GPRegister, rn: GPRegister, immr: int,
             imms: int) -> None:
        sf = checks.gp_sf(insn, _NAMES2, rd, rn)
        if type(immr) is not int or type(imms) is not int:
            bad = immr if type(immr) is not int else imms
            raise bad_operand(insn, "immediate", bad, f"an integer 0..{31 + 32 * sf}")
        self._put(bitfield(insn, sf, opc, rd.code, rn.code, immr, imms))

    def _extract_field(self, insn: str, opc: int, rd: GPRegister, rn: GPRegister, lsb: int,
                       width: int) -> None:
        sf = checks.gp_sf(insn, _NAMES2, rd, rn)
        _check_field(insn, 32 << sf, lsb, width)
        self._put(bitfield(insn, sf, opc, rd.code, rn.code, lsb, lsb + width - 1))

    def _insert_field(self, insn: str, opc: int, rd: GPRegister, rn: GPRegister, lsb: int,
                      width: int) -> None:
        sf = checks.gp_sf(insn, _NAMES2, rd, rn)
        size = 32 << sf
        _check_field(insn, size, lsb, width)
        self._put(bitfield(insn, sf, opc, rd.code, rn.code, -lsb & (size - 1), width - 1))

    def _extend(self, insn: str, opc: int, rd: GPRegister, rn: GPRegister, top: int) -> None:
        """sxt*/uxt*: ``[su]bfm rd, rn, #0, #top``. LLVM's operand rules: sxtb/sxth take
        a w or x rd; an x rd also accepts an x rn. sxtw/uxtw need an x rd (w or x rn).
        uxtb/uxth take a w rn; an x rd is encoded as its w half."""
        if type(rd) is not GPRegister or rd.is_sp:
            allowed = "an x register (x0-x30, xzr)" if top == 31 else \
                "a general-purpose register (x0-x30, xzr, w0-w30, wzr)"
            raise bad_operand(insn, "destination", rd, allowed)
        if top == 31 and rd.size != 64:
            raise bad_operand(insn, "destination", rd, "an x register (x0-x30, xzr)")
        # The 64-bit form: signed extends into an x register, and uxtw.
        sf = 1 if rd.size == 64 and (opc == SBFM or top == 31) else 0
        if type(rn) is not GPRegister or rn.is_sp or (rn.size == 64 and not sf):
            allowed = "a w or x register" if sf else "a w register (w0-w30, wzr)"
            raise bad_operand(insn, "source", rn, allowed)
        self._put(bitfield(insn, sf, opc, rd.code, rn.code, 0, top))


def _check_field(insn: str, size: int, lsb: object, width: object) -> None:
    """A bitfield of ``width`` bits at ``lsb`` must lie within the register."""
    if type(lsb) is not int or type(width) is not int:
        bad = lsb if type(lsb) is not int else width
        raise bad_operand(insn, "lsb/width", bad, "integers")
    if not 0 <= lsb < size:
        raise bad_value(insn, "lsb", lsb, f"0..{size - 1}")
    if not 1 <= width <= size - lsb:
        raise bad_value(insn, "width", width,
                        f"1..{size - lsb} (lsb + width must not exceed {size})")
