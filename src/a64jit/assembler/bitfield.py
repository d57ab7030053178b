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
from . import checks, table
from .core import AssemblerCore

_NAMES2: Final = ("destination", "source")
_NAMES3: Final = ("destination", "first source", "second source")


BITFIELD = table.Table("bitfield", "bitfield moves and aliases, extr, shifts, divides")


@BITFIELD.form("{name} rd, rn, #immr, #imms")
def _bfm(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister, immr: int,
         imms: int) -> None:
    insn = spec.name
    sf = checks.gp_sf(insn, _NAMES2, rd, rn)
    if type(immr) is not int or type(imms) is not int:
        bad = immr if type(immr) is not int else imms
        raise bad_operand(insn, "immediate", bad, f"an integer 0..{31 + 32 * sf}")
    self._put(bitfield(insn, sf, spec.fields["opc"], rd.code, rn.code, immr, imms))


@BITFIELD.form("{name} rd, rn, #lsb, #width")
def _extract_field(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
                   lsb: int, width: int) -> None:
    insn = spec.name
    sf = checks.gp_sf(insn, _NAMES2, rd, rn)
    _check_field(insn, 32 << sf, lsb, width)
    self._put(bitfield(insn, sf, spec.fields["opc"], rd.code, rn.code, lsb, lsb + width - 1))


def _insert(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister, lsb: int,
            width: int) -> None:
    insn = spec.name
    sf = checks.gp_sf(insn, _NAMES2, rd, rn)
    size = 32 << sf
    _check_field(insn, size, lsb, width)
    self._put(bitfield(insn, sf, spec.fields["opc"], rd.code, rn.code, -lsb & (size - 1),
                       width - 1))


_insert_field = BITFIELD.form("{name} rd, rn, #lsb, #width")(_insert)


@BITFIELD.form("{name} rd, #lsb, #width")
def _clear(self: AssemblerCore, spec: table.Spec, rd: GPRegister, lsb: int,
           width: int) -> None:
    _insert(self, spec, rd, W_BY_CODE[31] if getattr(rd, "size", 64) == 32 else X_BY_CODE[31],
            lsb, width)


@BITFIELD.form("{name} rd, rn")
def _extend(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister) -> None:
    """sxt*/uxt*: ``[su]bfm rd, rn, #0, #top``. LLVM's operand rules: sxtb/sxth take
    a w or x rd; an x rd also accepts an x rn. sxtw/uxtw need an x rd (w or x rn).
    uxtb/uxth take a w rn; an x rd is encoded as its w half."""
    insn, opc, top = spec.name, spec.fields["opc"], spec.fields["top"]
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


@BITFIELD.form("{name} rd, rn, rm, #lsb")
def _extr(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
          rm: GPRegister, lsb: int) -> None:
    sf = checks.gp_sf("extr", _NAMES3, rd, rn, rm)
    if type(lsb) is not int:
        raise bad_operand("extr", "lsb", lsb, "an integer 0..31 (w) or 0..63 (x)")
    self._put(extract("extr", sf, rd.code, rn.code, rm.code, lsb))


@BITFIELD.form("{name} rd, rn, #n | rm")
def _shift(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
           amount: int | GPRegister) -> None:
    insn = spec.name
    sf = checks.gp_sf(insn, _NAMES2, rd, rn)
    top = 31 + 32 * sf
    if type(amount) is int and 0 <= amount <= top:
        kind = spec.fields["kind"]
        if kind == "lsl":
            word = bitfield(insn, sf, UBFM, rd.code, rn.code, -amount & top, top - amount)
        elif kind == "ror":
            word = extract(insn, sf, rd.code, rn.code, rn.code, amount)
        else:  # lsr, asr
            word = bitfield(insn, sf, UBFM if kind == "lsr" else SBFM, rd.code, rn.code,
                            amount, top)
        self._put(word)
    elif type(amount) is GPRegister:
        checks.gp(insn, "shift register", amount, 32 << sf)
        self._put(dp.dp2src(insn, sf, spec.fields["opcode"], rd.code, rn.code, amount.code))
    elif type(amount) is int:
        raise bad_value(insn, "shift amount", amount, f"0..{top}")
    else:
        raise bad_operand(insn, "shift amount", amount,
                          "an integer or a general-purpose register")


@BITFIELD.form("{name} rd, rn, rm")
def _dp2(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
         rm: GPRegister) -> None:
    insn = spec.name
    sf = checks.gp_sf(insn, _NAMES3, rd, rn, rm)
    self._put(dp.dp2src(insn, sf, spec.fields["opcode"], rd.code, rn.code, rm.code))


class BitfieldMixin(AssemblerCore):
    """sbfm, ubfm, bfm, sbfx, ubfx, sbfiz, ubfiz, bfi, bfxil, bfc, sxtb, sxth, sxtw,
    uxtb, uxth, uxtw, extr, lsl, lsr, asr, ror, lslv, lsrv, asrv, rorv, udiv, sdiv:
    rows of the table ``BITFIELD``."""

    # -- the three bitfield instructions (immr, imms 0..W-1) -----------------------------
    sbfm = _bfm("sbfm", "signed bitfield move", opc=SBFM)
    ubfm = _bfm("ubfm", "unsigned bitfield move", opc=UBFM)
    bfm = _bfm("bfm", "bitfield move (other bits of rd kept)", opc=BFM)

    # -- extract and insert aliases ------------------------------------------------------
    sbfx = _extract_field("sbfx", "signed extract of ``width`` bits at ``lsb`` = ``sbfm rd, "
                          "rn, #lsb, #lsb+width-1``", opc=SBFM)
    ubfx = _extract_field("ubfx", "unsigned extract of ``width`` bits at ``lsb``", opc=UBFM)
    bfxil = _extract_field("bfxil", "copy ``width`` bits of rn at ``lsb`` to the bottom of "
                           "rd (the rest kept)", opc=BFM)
    sbfiz = _insert_field("sbfiz", "signed insert in zeros: the low ``width`` bits of rn at "
                          "``lsb``, sign-extended = ``sbfm rd, rn, #(-lsb mod W), #width-1``",
                          opc=SBFM)
    ubfiz = _insert_field("ubfiz", "unsigned insert in zeros: the low ``width`` bits of rn "
                          "at ``lsb``", opc=UBFM)
    bfi = _insert_field("bfi", "insert the low ``width`` bits of rn into rd at ``lsb`` (the "
                        "rest kept)", opc=BFM)
    bfc = _clear("bfc", "clear ``width`` bits of rd at ``lsb`` = ``bfi rd, zr, #lsb, #width``",
                 opc=BFM)

    # -- sign and zero extension -----------------------------------------------------------
    sxtb = _extend("sxtb", "sign-extend a byte: ``sbfm rd, rn, #0, #7`` (rd x or w; rn w)",
                   opc=SBFM, top=7)
    sxth = _extend("sxth", "sign-extend a halfword: ``sbfm rd, rn, #0, #15`` (rd x or w; rn "
                   "w)", opc=SBFM, top=15)
    sxtw = _extend("sxtw", "sign-extend a word: ``sbfm xd, xn, #0, #31`` (rd x; rn w)",
                   opc=SBFM, top=31)
    uxtb = _extend("uxtb", "zero-extend a byte: ``ubfm wd, wn, #0, #7`` (an x rd is written "
                   "as its w half, which zeroes the top, as LLVM does)", opc=UBFM, top=7)
    uxth = _extend("uxth", "zero-extend a halfword: ``ubfm wd, wn, #0, #15``", opc=UBFM,
                   top=15)
    uxtw = _extend("uxtw", "zero-extend a word: ``ubfm xd, xn, #0, #31`` (= ``ubfx xd, xn, "
                   "#0, #32``; rd x; rn w)", opc=UBFM, top=31)

    # -- extract register ----------------------------------------------------------------
    extr = _extr("extr", "bits lsb.. of the pair rn:rm; lsb 0..W-1")

    # -- shifts: immediate (aliases of ubfm/sbfm/extr, n 0..W-1) or register (lslv ...) --
    lsl = _shift("lsl", "= ``ubfm rd, rn, #(-n mod W), #W-1-n`` | ``lslv``", kind="lsl",
                 opcode=dp.LSLV)
    lsr = _shift("lsr", "= ``ubfm rd, rn, #n, #W-1`` | ``lsrv``", kind="lsr", opcode=dp.LSRV)
    asr = _shift("asr", "= ``sbfm rd, rn, #n, #W-1`` | ``asrv``", kind="asr", opcode=dp.ASRV)
    ror = _shift("ror", "= ``extr rd, rn, rn, #n`` | ``rorv``", kind="ror", opcode=dp.RORV)
    lslv = _dp2("lslv", "shift left by ``rm mod W``", opcode=dp.LSLV)
    lsrv = _dp2("lsrv", "logical shift right by ``rm mod W``", opcode=dp.LSRV)
    asrv = _dp2("asrv", "arithmetic shift right by ``rm mod W``", opcode=dp.ASRV)
    rorv = _dp2("rorv", "rotate right by ``rm mod W``", opcode=dp.RORV)

    # -- divide ----------------------------------------------------------------------------
    udiv = _dp2("udiv", "unsigned divide ``rd = rn / rm`` (rounds toward zero; x/0 = 0)",
                opcode=dp.UDIV)
    sdiv = _dp2("sdiv", "signed divide ``rd = rn / rm`` (rounds toward zero; x/0 = 0)",
                opcode=dp.SDIV)


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
