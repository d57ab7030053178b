"""Memory tagging (FEAT_MTE, ARMv8.5): irg, gmi, addg, subg, subp, subps, cmpp, stg, stzg,
st2g, stz2g, stgp and ldg (``dc gva``/``dc gzva`` are in the system group)::

    a.irg(x0, sp)                       # irg x0, sp: a random tag
    a.addg(x1, x0, 32, 3)               # addg x1, x0, #32, #3
    a.stg(x1, pre(x2, -16))             # stg x1, [x2, #-16]!
    a.stgp(x3, x4, mem(sp, 1008))

Tag granules are 16 bytes: every address offset is a multiple of 16.
"""

from __future__ import annotations

from typing import Final

from ..errors import bad_operand, bad_value
from ..operands import GPRegister, Mem
from . import checks, table
from .core import AssemblerCore

MTE: Final = table.Table("mte", "memory tagging (MTE)")


@MTE.form("{name} xd|sp, xn|sp{{, xm}}")
def _irg(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
         rm: GPRegister | None = None) -> None:
    insn = spec.name
    d = checks.gp_code(insn, "destination", rd, 64, sp=True)
    n = checks.gp_code(insn, "source", rn, 64, sp=True)
    m = 31 if rm is None else checks.gp_code(insn, "exclusion mask", rm, 64)
    self._put(0x9AC01000 | m << 16 | n << 5 | d)


@MTE.form("{name} xd, xn|sp, xm")
def _gmi(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
         rm: GPRegister) -> None:
    insn = spec.name
    d = checks.gp_code(insn, "destination", rd, 64)
    n = checks.gp_code(insn, "source", rn, 64, sp=True)
    m = checks.gp_code(insn, "mask", rm, 64)
    self._put(0x9AC01400 | m << 16 | n << 5 | d)


@MTE.form("{name} xd, xn|sp, xm|sp")
def _subp(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister,
          rm: GPRegister) -> None:
    insn = spec.name
    d = checks.gp_code(insn, "destination", rd, 64)
    n = checks.gp_code(insn, "first source", rn, 64, sp=True)
    m = checks.gp_code(insn, "second source", rm, 64, sp=True)
    self._put(spec["base"] | m << 16 | n << 5 | d)


@MTE.form("{name} xn|sp, xm|sp")
def _cmpp(self: AssemblerCore, spec: table.Spec, rn: GPRegister, rm: GPRegister) -> None:
    n = checks.gp_code(spec.name, "first source", rn, 64, sp=True)
    m = checks.gp_code(spec.name, "second source", rm, 64, sp=True)
    self._put(0xBAC0001F | m << 16 | n << 5)  # subps xzr, xn, xm


@MTE.form("{name} xd|sp, xn|sp, #offset, #tag_offset")
def _addg(self: AssemblerCore, spec: table.Spec, rd: GPRegister, rn: GPRegister, offset: int,
          tag_offset: int) -> None:
    insn = spec.name
    d = checks.gp_code(insn, "destination", rd, 64, sp=True)
    n = checks.gp_code(insn, "source", rn, 64, sp=True)
    if type(offset) is not int or not 0 <= offset <= 1008 or offset % 16:
        raise bad_value(insn, "offset", offset, "a multiple of 16 in 0..1008")
    if type(tag_offset) is not int or not 0 <= tag_offset <= 15:
        raise bad_value(insn, "tag offset", tag_offset, "0..15")
    self._put(spec["base"] | offset // 16 << 16 | tag_offset << 10 | n << 5 | d)


def _granule_offset(insn: str, addr: object, lo: int, hi: int,
                    modes: tuple[str, ...]) -> tuple[Mem, int]:
    """A memory operand ``[xn|sp, #imm]`` (modes among offset/pre/post) whose offset is a
    multiple of 16 in lo..hi; returns it with offset / 16."""
    forms = {"offset": "mem(xn, imm)", "pre": "pre(xn, imm)", "post": "post(xn, imm)"}
    if type(addr) is not Mem or type(addr.offset) is not int or addr.mode not in modes:
        raise bad_operand(insn, "memory operand", addr,
                          " or ".join(forms[m] for m in modes) + " with an immediate offset")
    if not lo <= addr.offset <= hi or addr.offset % 16:
        raise bad_value(insn, "offset", addr.offset, f"a multiple of 16 in {lo}..{hi}")
    return addr, addr.offset // 16


_OP2: Final = {"post": 1, "offset": 2, "pre": 3}


@MTE.form("{name} xt|sp, [xn|sp, #imm] (also pre- and post-indexed)")
def _stg(self: AssemblerCore, spec: table.Spec, rt: GPRegister, addr: Mem) -> None:
    insn = spec.name
    t = checks.gp_code(insn, "register", rt, 64, sp=True)
    m, imm = _granule_offset(insn, addr, -4096, 4080, ("offset", "pre", "post"))
    self._put(0xD9200000 | spec["opc"] << 22 | (imm & 0x1FF) << 12 | _OP2[m.mode] << 10
              | m.base.code << 5 | t)


@MTE.form("{name} xt, [xn|sp, #imm]")
def _ldg(self: AssemblerCore, spec: table.Spec, rt: GPRegister, addr: Mem) -> None:
    t = checks.gp_code(spec.name, "destination", rt, 64)
    m, imm = _granule_offset(spec.name, addr, -4096, 4080, ("offset",))
    self._put(0xD9600000 | (imm & 0x1FF) << 12 | m.base.code << 5 | t)


@MTE.form("{name} xt1, xt2, [xn|sp, #imm] (also pre- and post-indexed)")
def _stgp(self: AssemblerCore, spec: table.Spec, rt1: GPRegister, rt2: GPRegister,
          addr: Mem) -> None:
    insn = spec.name
    t1 = checks.gp_code(insn, "first register", rt1, 64)
    t2 = checks.gp_code(insn, "second register", rt2, 64)
    m, imm = _granule_offset(insn, addr, -1024, 1008, ("offset", "pre", "post"))
    base = {"offset": 0x69000000, "pre": 0x69800000, "post": 0x68800000}[m.mode]
    self._put(base | (imm & 0x7F) << 15 | t2 << 10 | m.base.code << 5 | t1)


class MteMixin(AssemblerCore):
    """Memory tagging instructions (see the module docstring)."""

    irg = _irg("irg", "insert a random tag (excluding the tags set in xm)")
    gmi = _gmi("gmi", "tag mask insert: xd = xm | 1 << tag of xn")
    subp = _subp("subp", "subtract pointers (untagged, 56-bit)", base=0x9AC00000)
    subps = _subp("subps", "subtract pointers, setting flags", base=0xBAC00000)
    cmpp = _cmpp("cmpp", "compare tagged pointers (subps xzr, xn, xm)")
    addg = _addg("addg", "add to the address and the tag", base=0x91800000)
    subg = _addg("subg", "subtract from the address, add to the tag", base=0xD1800000)
    stg = _stg("stg", "store the allocation tag of one granule", opc=0)
    stzg = _stg("stzg", "store the allocation tag, zeroing the granule", opc=1)
    st2g = _stg("st2g", "store the allocation tag of two granules", opc=2)
    stz2g = _stg("stz2g", "store the allocation tag of two granules, zeroing them", opc=3)
    ldg = _ldg("ldg", "load the allocation tag into xt's tag bits")
    stgp = _stgp("stgp", "store a pair of registers and the allocation tag")
