"""Cryptographic extension: AES (aese, aesd, aesmc, aesimc), SHA1 (sha1c, sha1p, sha1m,
sha1h, sha1su0, sha1su1), SHA256 (sha256h, sha256h2, sha256su0, sha256su1), SHA512
(sha512h, sha512h2, sha512su0, sha512su1), SHA3 (eor3, bcax, rax1, xar), SM3 (sm3ss1,
sm3tt1a/b, sm3tt2a/b, sm3partw1/2), SM4 (sm4e, sm4ekey) and pmull/pmull2 (including the
64x64 -> 128-bit ``.1q`` form used for GHASH and CRC folding).

Operands are arranged vector registers (``v0.b16``), lanes (``v3.s[1]``) and, where
the architecture uses whole registers as scalars, q/s registers.
"""

from __future__ import annotations

from typing import Final

from ..errors import bad_operand, bad_value
from ..operands import FPRegister, VArrangement, VElement
from . import table
from .core import AssemblerCore

_SUFFIX: Final = {8: "b", 16: "h", 32: "s", 64: "d", 128: "q"}


def _v(insn: str, operand: str, reg: object, esize: int, lanes: int) -> int:
    """A vector register arranged as exactly ``lanes`` x ``esize``-bit lanes."""
    if type(reg) is VArrangement and reg.esize == esize and reg.lanes == lanes:
        return reg.code
    raise bad_operand(insn, operand, reg, f"a vector register arranged as .{lanes}"
                      f"{_SUFFIX[esize]}")


def _fp(insn: str, operand: str, reg: object, size: int) -> int:
    if type(reg) is FPRegister and reg.size == size:
        return reg.code
    p = _SUFFIX[size]
    raise bad_operand(insn, operand, reg, f"a {size}-bit scalar register ({p}0-{p}31)")


def _aes(insn: str, opcode: int, vd: object, vn: object) -> int:
    return (0x4E284800 | opcode << 12 | _v(insn, "source", vn, 8, 16) << 5
            | _v(insn, "destination", vd, 8, 16))


def _sha3reg(insn: str, opcode: int, d: int, n: int, m: int) -> int:
    return 0x5E000000 | m << 16 | opcode << 12 | n << 5 | d


def _sha2reg(insn: str, opcode: int, d: int, n: int) -> int:
    return 0x5E280800 | opcode << 12 | n << 5 | d


def _four(insn: str, base: int, esize: int, lanes: int, vd: object, vn: object, vm: object,
          va: object) -> int:
    return (base | _v(insn, "second source", vm, esize, lanes) << 16
            | _v(insn, "third source", va, esize, lanes) << 10
            | _v(insn, "first source", vn, esize, lanes) << 5
            | _v(insn, "destination", vd, esize, lanes))


def _three(insn: str, base: int, esize: int, lanes: int, vd: object, vn: object,
           vm: object) -> int:
    return (base | _v(insn, "second source", vm, esize, lanes) << 16
            | _v(insn, "first source", vn, esize, lanes) << 5
            | _v(insn, "destination", vd, esize, lanes))


def _sm3tt(insn: str, opcode: int, vd: object, vn: object, elem: object) -> int:
    if type(elem) is not VElement or elem.size != 32:
        raise bad_operand(insn, "element", elem, "a 32-bit lane such as v2.s[3]")
    return (0xCE408000 | elem.code << 16 | elem.index << 12 | opcode << 10
            | _v(insn, "first source", vn, 32, 4) << 5 | _v(insn, "destination", vd, 32, 4))


def _pmull(insn: str, upper: int, vd: object, vn: object, vm: object) -> int:
    if type(vd) is VArrangement and vd.esize in (16, 128) and vd.q:
        wide = vd.esize == 128
        esize, lanes = (64, 2 if upper else 1) if wide else (8, 16 if upper else 8)
        return (0x0E20E000 | upper << 30 | (3 if wide else 0) << 22
                | _v(insn, "second source", vm, esize, lanes) << 16
                | _v(insn, "first source", vn, esize, lanes) << 5 | vd.code)
    raise bad_operand(insn, "destination", vd, "a vector register arranged as .8h or .1q")


CRYPTO: Final = table.Table("crypto", "AES, SHA1/256/512, SHA3, SM3, SM4 and PMULL")


@CRYPTO.form("{name} vd.16b, vn.16b")
def _aes_form(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement) -> None:
    self._put(_aes(spec.name, spec["opcode"], vd, vn))


@CRYPTO.form("{name} qd, sn, vm.4s")
def _qsv(self: AssemblerCore, spec: table.Spec, qd: FPRegister, sn: FPRegister,
         vm: VArrangement) -> None:
    insn = spec.name
    self._put(_sha3reg(insn, spec["opcode"], _fp(insn, "destination", qd, 128),
                       _fp(insn, "first source", sn, 32), _v(insn, "second source", vm, 32, 4)))


@CRYPTO.form("{name} qd, qn, vm.4s|2d")
def _qqv(self: AssemblerCore, spec: table.Spec, qd: FPRegister, qn: FPRegister,
         vm: VArrangement) -> None:
    insn = spec.name
    esize = spec["esize"]
    self._put(spec["base"] | _v(insn, "second source", vm, esize, 128 // esize) << 16
              | _fp(insn, "first source", qn, 128) << 5 | _fp(insn, "destination", qd, 128))


@CRYPTO.form("{name} vd.T, vn.T, vm.T")
def _vvv(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
         vm: VArrangement) -> None:
    esize = spec["esize"]
    self._put(_three(spec.name, spec["base"], esize, 128 // esize, vd, vn, vm))


@CRYPTO.form("{name} vd.T, vn.T")
def _vv(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement) -> None:
    insn = spec.name
    esize = spec["esize"]
    self._put(spec["base"] | _v(insn, "source", vn, esize, 128 // esize) << 5
              | _v(insn, "destination", vd, esize, 128 // esize))


@CRYPTO.form("{name} vd.T, vn.T, vm.T, va.T")
def _vvvv(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
          vm: VArrangement, va: VArrangement) -> None:
    esize = spec["esize"]
    self._put(_four(spec.name, spec["base"], esize, 128 // esize, vd, vn, vm, va))


@CRYPTO.form("{name} vd.4s, vn.4s, vm.s[i]")
def _sm3tt_form(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
                elem: VElement) -> None:
    self._put(_sm3tt(spec.name, spec["opcode"], vd, vn, elem))


@CRYPTO.form("{name} vd.8h|1q, vn, vm")
def _pmull_form(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
                vm: VArrangement) -> None:
    self._put(_pmull(spec.name, spec["upper"], vd, vn, vm))


@CRYPTO.form("{name} sd, sn")
def _ss(self: AssemblerCore, spec: table.Spec, sd: FPRegister, sn: FPRegister) -> None:
    insn = spec.name
    self._put(_sha2reg(insn, spec["opcode"], _fp(insn, "destination", sd, 32),
                       _fp(insn, "source", sn, 32)))


@CRYPTO.form("{name} vd.2d, vn.2d, vm.2d, #rotate")
def _xar(self: AssemblerCore, spec: table.Spec, vd: VArrangement, vn: VArrangement,
         vm: VArrangement, rotate: int) -> None:
    insn = spec.name
    if type(rotate) is not int:
        raise bad_operand(insn, "rotation", rotate, "an integer 0..63")
    if not 0 <= rotate <= 63:
        raise bad_value(insn, "rotation", rotate, "0..63")
    self._put(_three(insn, spec["base"] | rotate << 10, 64, 2, vd, vn, vm))


class CryptoMixin(AssemblerCore):
    """aese, aesd, aesmc, aesimc, sha1*, sha256*, sha512*, eor3, bcax, rax1, xar, sm3*,
    sm4e, sm4ekey, pmull, pmull2."""

    aese = _aes_form("aese", "AES single round encryption (AddRoundKey, SubBytes, ShiftRows)",
                     opcode=4)
    aesd = _aes_form("aesd", "AES single round decryption", opcode=5)
    aesmc = _aes_form("aesmc", "AES MixColumns", opcode=6)
    aesimc = _aes_form("aesimc", "AES inverse MixColumns", opcode=7)
    sha1c = _qsv("sha1c", "SHA1 hash update (choose)", opcode=0)
    sha1p = _qsv("sha1p", "SHA1 hash update (parity)", opcode=1)
    sha1m = _qsv("sha1m", "SHA1 hash update (majority)", opcode=2)
    sha1su0 = _vvv("sha1su0", "SHA1 schedule update 0", base=0x5E003000, esize=32)
    sha1su1 = _vv("sha1su1", "SHA1 schedule update 1", base=0x5E281800, esize=32)
    sha256h = _qqv("sha256h", "SHA256 hash update (part 1)", base=0x5E004000, esize=32)
    sha256h2 = _qqv("sha256h2", "SHA256 hash update (part 2)", base=0x5E005000, esize=32)
    sha256su0 = _vv("sha256su0", "SHA256 schedule update 0", base=0x5E282800, esize=32)
    sha256su1 = _vvv("sha256su1", "SHA256 schedule update 1", base=0x5E006000, esize=32)
    sha512h = _qqv("sha512h", "SHA512 hash update (part 1)", base=0xCE608000, esize=64)
    sha512h2 = _qqv("sha512h2", "SHA512 hash update (part 2)", base=0xCE608400, esize=64)
    sha512su0 = _vv("sha512su0", "SHA512 schedule update 0", base=0xCEC08000, esize=64)
    sha512su1 = _vvv("sha512su1", "SHA512 schedule update 1", base=0xCE608800, esize=64)
    rax1 = _vvv("rax1", "vn XOR (vm rotated left by 1) (SHA3)", base=0xCE608C00, esize=64)
    eor3 = _vvvv("eor3", "three-way exclusive OR (SHA3)", base=0xCE000000, esize=8)
    bcax = _vvvv("bcax", "vn XOR (vm AND NOT va) (SHA3)", base=0xCE200000, esize=8)
    sm3ss1 = _vvvv("sm3ss1", "SM3 SS1 rotate and add", base=0xCE400000, esize=32)
    sm3tt1a = _sm3tt_form("sm3tt1a", "SM3 TT1A", opcode=0)
    sm3tt1b = _sm3tt_form("sm3tt1b", "SM3 TT1B", opcode=1)
    sm3tt2a = _sm3tt_form("sm3tt2a", "SM3 TT2A", opcode=2)
    sm3tt2b = _sm3tt_form("sm3tt2b", "SM3 TT2B", opcode=3)
    sm3partw1 = _vvv("sm3partw1", "SM3 PARTW1", base=0xCE60C000, esize=32)
    sm3partw2 = _vvv("sm3partw2", "SM3 PARTW2", base=0xCE60C400, esize=32)
    sm4e = _vv("sm4e", "SM4 encode", base=0xCEC08400, esize=32)
    sm4ekey = _vvv("sm4ekey", "SM4 key", base=0xCE60C800, esize=32)
    pmull = _pmull_form("pmull", "polynomial (carry-less) multiply long of the low halves "
                        "(.8h from .8b, or .1q from .1d)", upper=0)
    pmull2 = _pmull_form("pmull2", "polynomial multiply long of the high halves (.8h from "
                         ".16b, or .1q from .2d)", upper=1)
    sha1h = _ss("sha1h", "SHA1 fixed rotate", opcode=0)
    xar = _xar("xar", "(vn XOR vm) rotated right by 0..63 (SHA3)", base=0xCE800000)
