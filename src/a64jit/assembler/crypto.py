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


class CryptoMixin(AssemblerCore):
    """aese, aesd, aesmc, aesimc, sha1*, sha256*, sha512*, eor3, bcax, rax1, xar, sm3*,
    sm4e, sm4ekey, pmull, pmull2."""

    def aese(self, vd: VArrangement, vn: VArrangement) -> None:
        """``aese vd.16b, vn.16b``: AES single round encryption (AddRoundKey, SubBytes,
        ShiftRows)."""
        self._put(_aes("aese", 4, vd, vn))

    def aesd(self, vd: VArrangement, vn: VArrangement) -> None:
        """``aesd vd.16b, vn.16b``: AES single round decryption."""
        self._put(_aes("aesd", 5, vd, vn))

    def aesmc(self, vd: VArrangement, vn: VArrangement) -> None:
        """``aesmc vd.16b, vn.16b``: AES MixColumns."""
        self._put(_aes("aesmc", 6, vd, vn))

    def aesimc(self, vd: VArrangement, vn: VArrangement) -> None:
        """``aesimc vd.16b, vn.16b``: AES inverse MixColumns."""
        self._put(_aes("aesimc", 7, vd, vn))

    def sha1c(self, qd: FPRegister, sn: FPRegister, vm: VArrangement) -> None:
        """``sha1c qd, sn, vm.4s``: SHA1 hash update (choose)."""
        self._put(_sha3reg("sha1c", 0, _fp("sha1c", "destination", qd, 128),
                           _fp("sha1c", "first source", sn, 32),
                           _v("sha1c", "second source", vm, 32, 4)))

    def sha1p(self, qd: FPRegister, sn: FPRegister, vm: VArrangement) -> None:
        """``sha1p qd, sn, vm.4s``: SHA1 hash update (parity)."""
        self._put(_sha3reg("sha1p", 1, _fp("sha1p", "destination", qd, 128),
                           _fp("sha1p", "first source", sn, 32),
                           _v("sha1p", "second source", vm, 32, 4)))

    def sha1m(self, qd: FPRegister, sn: FPRegister, vm: VArrangement) -> None:
        """``sha1m qd, sn, vm.4s``: SHA1 hash update (majority)."""
        self._put(_sha3reg("sha1m", 2, _fp("sha1m", "destination", qd, 128),
                           _fp("sha1m", "first source", sn, 32),
                           _v("sha1m", "second source", vm, 32, 4)))

    def sha1su0(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``sha1su0 vd.4s, vn.4s, vm.4s``: SHA1 schedule update 0."""
        self._put(_sha3reg("sha1su0", 3, _v("sha1su0", "destination", vd, 32, 4),
                           _v("sha1su0", "first source", vn, 32, 4),
                           _v("sha1su0", "second source", vm, 32, 4)))

    def sha256h(self, qd: FPRegister, qn: FPRegister, vm: VArrangement) -> None:
        """``sha256h qd, qn, vm.4s``: SHA256 hash update (part 1)."""
        self._put(_sha3reg("sha256h", 4, _fp("sha256h", "destination", qd, 128),
                           _fp("sha256h", "first source", qn, 128),
                           _v("sha256h", "second source", vm, 32, 4)))

    def sha256h2(self, qd: FPRegister, qn: FPRegister, vm: VArrangement) -> None:
        """``sha256h2 qd, qn, vm.4s``: SHA256 hash update (part 2)."""
        self._put(_sha3reg("sha256h2", 5, _fp("sha256h2", "destination", qd, 128),
                           _fp("sha256h2", "first source", qn, 128),
                           _v("sha256h2", "second source", vm, 32, 4)))

    def sha256su1(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``sha256su1 vd.4s, vn.4s, vm.4s``: SHA256 schedule update 1."""
        self._put(_sha3reg("sha256su1", 6, _v("sha256su1", "destination", vd, 32, 4),
                           _v("sha256su1", "first source", vn, 32, 4),
                           _v("sha256su1", "second source", vm, 32, 4)))

    def sha1h(self, sd: FPRegister, sn: FPRegister) -> None:
        """``sha1h sd, sn``: SHA1 fixed rotate."""
        self._put(_sha2reg("sha1h", 0, _fp("sha1h", "destination", sd, 32),
                           _fp("sha1h", "source", sn, 32)))

    def sha1su1(self, vd: VArrangement, vn: VArrangement) -> None:
        """``sha1su1 vd.4s, vn.4s``: SHA1 schedule update 1."""
        self._put(_sha2reg("sha1su1", 1, _v("sha1su1", "destination", vd, 32, 4),
                           _v("sha1su1", "source", vn, 32, 4)))

    def sha256su0(self, vd: VArrangement, vn: VArrangement) -> None:
        """``sha256su0 vd.4s, vn.4s``: SHA256 schedule update 0."""
        self._put(_sha2reg("sha256su0", 2, _v("sha256su0", "destination", vd, 32, 4),
                           _v("sha256su0", "source", vn, 32, 4)))

    def sha512h(self, qd: FPRegister, qn: FPRegister, vm: VArrangement) -> None:
        """``sha512h qd, qn, vm.2d``: SHA512 hash update (part 1)."""
        self._put(0xCE608000 | _v("sha512h", "second source", vm, 64, 2) << 16
                  | _fp("sha512h", "first source", qn, 128) << 5
                  | _fp("sha512h", "destination", qd, 128))

    def sha512h2(self, qd: FPRegister, qn: FPRegister, vm: VArrangement) -> None:
        """``sha512h2 qd, qn, vm.2d``: SHA512 hash update (part 2)."""
        self._put(0xCE608400 | _v("sha512h2", "second source", vm, 64, 2) << 16
                  | _fp("sha512h2", "first source", qn, 128) << 5
                  | _fp("sha512h2", "destination", qd, 128))

    def sha512su1(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``sha512su1 vd.2d, vn.2d, vm.2d``: SHA512 schedule update 1."""
        self._put(_three("sha512su1", 0xCE608800, 64, 2, vd, vn, vm))

    def rax1(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``rax1 vd.2d, vn.2d, vm.2d``: vn XOR (vm rotated left by 1) (SHA3)."""
        self._put(_three("rax1", 0xCE608C00, 64, 2, vd, vn, vm))

    def sha512su0(self, vd: VArrangement, vn: VArrangement) -> None:
        """``sha512su0 vd.2d, vn.2d``: SHA512 schedule update 0."""
        self._put(0xCEC08000 | _v("sha512su0", "source", vn, 64, 2) << 5
                  | _v("sha512su0", "destination", vd, 64, 2))

    def sm4e(self, vd: VArrangement, vn: VArrangement) -> None:
        """``sm4e vd.4s, vn.4s``: SM4 encode."""
        self._put(0xCEC08400 | _v("sm4e", "source", vn, 32, 4) << 5
                  | _v("sm4e", "destination", vd, 32, 4))

    def eor3(self, vd: VArrangement, vn: VArrangement, vm: VArrangement,
             va: VArrangement) -> None:
        """``eor3 vd.16b, vn.16b, vm.16b, va.16b``: three-way exclusive OR (SHA3)."""
        self._put(_four("eor3", 0xCE000000, 8, 16, vd, vn, vm, va))

    def bcax(self, vd: VArrangement, vn: VArrangement, vm: VArrangement,
             va: VArrangement) -> None:
        """``bcax vd.16b, vn.16b, vm.16b, va.16b``: vn XOR (vm AND NOT va) (SHA3)."""
        self._put(_four("bcax", 0xCE200000, 8, 16, vd, vn, vm, va))

    def xar(self, vd: VArrangement, vn: VArrangement, vm: VArrangement, rotate: int) -> None:
        """``xar vd.2d, vn.2d, vm.2d, #rotate``: (vn XOR vm) rotated right by 0..63 (SHA3)."""
        if type(rotate) is not int:
            raise bad_operand("xar", "rotation", rotate, "an integer 0..63")
        if not 0 <= rotate <= 63:
            raise bad_value("xar", "rotation", rotate, "0..63")
        self._put(_three("xar", 0xCE800000 | rotate << 10, 64, 2, vd, vn, vm))

    def sm3ss1(self, vd: VArrangement, vn: VArrangement, vm: VArrangement,
               va: VArrangement) -> None:
        """``sm3ss1 vd.4s, vn.4s, vm.4s, va.4s``: SM3 SS1 rotate and add."""
        self._put(_four("sm3ss1", 0xCE400000, 32, 4, vd, vn, vm, va))

    def sm3tt1a(self, vd: VArrangement, vn: VArrangement, elem: VElement) -> None:
        """``sm3tt1a vd.4s, vn.4s, vm.s[i]``: SM3 TT1A."""
        self._put(_sm3tt("sm3tt1a", 0, vd, vn, elem))

    def sm3tt1b(self, vd: VArrangement, vn: VArrangement, elem: VElement) -> None:
        """``sm3tt1b vd.4s, vn.4s, vm.s[i]``: SM3 TT1B."""
        self._put(_sm3tt("sm3tt1b", 1, vd, vn, elem))

    def sm3tt2a(self, vd: VArrangement, vn: VArrangement, elem: VElement) -> None:
        """``sm3tt2a vd.4s, vn.4s, vm.s[i]``: SM3 TT2A."""
        self._put(_sm3tt("sm3tt2a", 2, vd, vn, elem))

    def sm3tt2b(self, vd: VArrangement, vn: VArrangement, elem: VElement) -> None:
        """``sm3tt2b vd.4s, vn.4s, vm.s[i]``: SM3 TT2B."""
        self._put(_sm3tt("sm3tt2b", 3, vd, vn, elem))

    def sm3partw1(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``sm3partw1 vd.4s, vn.4s, vm.4s``: SM3 PARTW1."""
        self._put(_three("sm3partw1", 0xCE60C000, 32, 4, vd, vn, vm))

    def sm3partw2(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``sm3partw2 vd.4s, vn.4s, vm.4s``: SM3 PARTW2."""
        self._put(_three("sm3partw2", 0xCE60C400, 32, 4, vd, vn, vm))

    def sm4ekey(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``sm4ekey vd.4s, vn.4s, vm.4s``: SM4 key."""
        self._put(_three("sm4ekey", 0xCE60C800, 32, 4, vd, vn, vm))

    def pmull(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``pmull vd.8h, vn.8b, vm.8b`` or ``pmull vd.1q, vn.1d, vm.1d``: polynomial
        (carry-less) multiply long of the low halves."""
        self._put(_pmull("pmull", 0, vd, vn, vm))

    def pmull2(self, vd: VArrangement, vn: VArrangement, vm: VArrangement) -> None:
        """``pmull2 vd.8h, vn.16b, vm.16b`` or ``pmull2 vd.1q, vn.2d, vm.2d``: polynomial
        multiply long of the high halves."""
        self._put(_pmull("pmull2", 1, vd, vn, vm))
