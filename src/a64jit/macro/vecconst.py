"""Vector constants for :meth:`MacroAssembler.mov <a64jit.macro.masm.MacroAssembler.mov>`:
the shortest way to put a bit pattern in a SIMD&FP register::

    masm.mov(q0, 0)                                  # movi v0.2d, #0
    masm.mov(v1.s4, (0xAB_FF,) * 4)                  # movi v1.4s, #0xab, msl #8
    masm.mov(d2, 0x3FF0_0000_0000_0000)              # fmov d2, #1.0
    masm.mov(v3.s4, (1.5, 1.5, 1.5, 1.5))            # fmov v3.4s, #1.5
    masm.mov(v4.h8, (0x1234,) * 8)                   # movi v4.8h, #0x34; orr v4.8h, #0x12, lsl #8
    masm.mov(q5, 0x0123_4567_89AB_CDEF_0011_2233_4455_6677)  # ldr q5, <literal pool>

The destination is a scalar ``b``/``h``/``s``/``d``/``q`` register or an arranged vector
register (``v0.s4``, ``v0.b8``...). The value is an int, the register's bit pattern
(lane 0 in the low bits; negative values are two's complement), or for an arranged
register a tuple with one int or float per lane (floats for 16/32/64-bit lanes, stored as
IEEE half/single/double). Bits above the destination's width end up zero, as any write
to a scalar or 64-bit vector register leaves them.

The plan, shortest first (:func:`plan_vector`):

1. one instruction: ``movi``/``mvni`` in every cmode (8/16/32-bit lanes shifted by
   ``lsl``, 32-bit lanes with ones shifted in by ``msl``, the 64-bit byte mask),
   ``fmov`` of a vector immediate (.2s/.4s/.2d), or a scalar ``fmov s``/``fmov d``
   immediate; the 64-bit (Q=0) forms serve any 128-bit pattern whose upper half is zero;
2. two instructions: one of those, then ``orr`` or ``bic`` of a shifted 8-bit immediate on
   16- or 32-bit lanes;
3. otherwise a load from the MacroAssembler's literal pool, of the smallest width that
   holds the pattern (``ldr s`` when the upper 96 bits are zero, ``ldr d`` when the upper
   64 are, else ``ldr q``).

The FP16 immediates (``fmov v0.8h``, ``fmov h0``) are never chosen: they need FEAT_FP16,
which many AArch64 CPUs lack; every pattern they make is also reachable otherwise.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Final, NamedTuple

from ..assembler import Assembler
from ..encoding.fpimm import FPIMM_VALUES
from ..errors import EncodingError, OperandError, show
from ..operands import FP_BY_PREFIX, FPRegister, VArrangement, lsl, msl
from ..vecops import arranged

if TYPE_CHECKING:
    from .masm import MacroAssembler

__all__ = ["VecStep", "mov_vector", "plan_vector", "vector_value"]

_M64: Final = (1 << 64) - 1


class VecStep(NamedTuple):
    """One instruction of a plan. ``op``: movi, mvni, fmov, orr, bic or ldr; ``esize``:
    the lane size (64 with ``op`` movi is the byte-mask form); ``imm``: the 8-bit
    immediate, the 64-bit byte mask, the float of an fmov, or the literal's bytes for
    ldr; ``shift``: the lsl/msl amount; ``ones``: msl rather than lsl; ``q``: 1 for the
    128-bit forms; ``scalar``: the scalar fmov s/d (the rest of the register zeroed)."""

    op: str
    esize: int
    imm: int | float | bytes
    shift: int = 0
    ones: bool = False
    q: int = 0
    scalar: bool = False


#: x * _SPREAD[e] repeats the e-bit x across 64 bits.
_SPREAD: Final = {8: 0x0101_0101_0101_0101, 16: 0x0001_0001_0001_0001,
                  32: 0x0000_0001_0000_0001, 64: 1}


def _bits(value: float, e: int) -> int:
    return int.from_bytes(struct.pack("<f" if e == 32 else "<d", value), "little")


class _Tables:
    """The 64-bit patterns one modified-immediate instruction makes (built on first use,
    about 5000): ``single``: pattern -> step, for either Q (with Q=1 the half repeats);
    ``low``: those only a scalar write makes (fmov s: the upper 32 bits zero)."""

    def __init__(self) -> None:
        single: dict[int, VecStep] = {}
        put = single.setdefault
        rep8, rep16, rep32 = _SPREAD[8], _SPREAD[16], _SPREAD[32]
        for imm8 in range(256):
            put(imm8 * rep8, VecStep("movi", 8, imm8))
        for op, flip in (("movi", 0), ("mvni", 1)):
            for s in (0, 8):
                for imm8 in range(256):
                    put(((imm8 << s) ^ -flip & 0xFFFF) * rep16, VecStep(op, 16, imm8, s))
            for s in (0, 8, 16, 24):
                for imm8 in range(256):
                    put(((imm8 << s) ^ -flip & 0xFFFF_FFFF) * rep32, VecStep(op, 32, imm8, s))
            for s in (8, 16):  # msl: ones shifted in
                for imm8 in range(256):
                    lane = (imm8 << s | (1 << s) - 1) ^ -flip & 0xFFFF_FFFF
                    put(lane * rep32, VecStep(op, 32, imm8, s, ones=True))
        for abc in range(256):  # the 64-bit byte mask
            mask = sum(0xFF << 8 * i for i in range(8) if abc >> i & 1)
            put(mask, VecStep("movi", 64, mask))
        low: dict[int, VecStep] = {}
        for value in FPIMM_VALUES:
            bits32 = _bits(value, 32)
            put(bits32 * rep32, VecStep("fmov", 32, value))
            put(_bits(value, 64), VecStep("fmov", 64, value))
            if bits32 not in single:
                low[bits32] = VecStep("fmov", 32, value, scalar=True)
        self.single: Final = single
        self.low: Final = low
        self._near: dict[tuple[int, int], dict[int, list[tuple[int, VecStep]]]] = {}

    def near(self, e: int, s: int) -> dict[int, list[tuple[int, VecStep]]]:
        """For an orr/bic of ``imm8 << s`` on e-bit lanes: the patterns by their bits
        outside the bytes it touches (a pair's first step must match the target there).
        Built on the first pair search."""
        index = self._near.get((e, s))
        if index is None:
            keep = ~((0xFF << s) * _SPREAD[e]) & _M64
            index = self._near[e, s] = {}
            for table in (self.single, self.low):
                for pattern, step in table.items():
                    index.setdefault(pattern & keep, []).append((pattern, step))
        return index


_POSITIONS: Final = ((16, 0), (16, 8), (32, 0), (32, 8), (32, 16), (32, 24))
_TABLES: list[_Tables] = []


def _tables() -> _Tables:
    if not _TABLES:
        _TABLES.append(_Tables())
    return _TABLES[0]


def _pair(target: int, q: int) -> tuple[VecStep, VecStep] | None:
    """A first step and an orr/bic that make the 64-bit ``target`` (repeated if ``q``)."""
    t = _tables()
    for e, s in _POSITIONS:
        candidates = t.near(e, s).get(target & ~((0xFF << s) * _SPREAD[e]) & _M64)
        if not candidates:
            continue
        lanes = range(0, 64, e)
        want = [target >> (i + s) & 0xFF for i in lanes]
        for pattern, step in candidates:
            if q and step.scalar:
                continue  # a scalar write clears the upper half the target repeats into
            have = [pattern >> (i + s) & 0xFF for i in lanes]
            # orr: have | imm8 == want in every lane; bic: have & ~imm8 == want
            imm8 = 0
            for h, w in zip(have, want, strict=True):
                imm8 |= w & ~h
            if imm8 and all(h | imm8 == w for h, w in zip(have, want, strict=True)):
                return step._replace(q=q), VecStep("orr", e, imm8, s, q=q)
            imm8 = 0
            for h, w in zip(have, want, strict=True):
                imm8 |= h & ~w
            if imm8 and all(h & ~imm8 == w for h, w in zip(have, want, strict=True)):
                return step._replace(q=q), VecStep("bic", e, imm8, s, q=q)
    return None


_PLANS: Final[dict[tuple[int, int], tuple[VecStep, ...]]] = {}
_PLANS_LIMIT: Final = 4096  # plans remembered (a JIT loads the same constants again)


def plan_vector(value: int, width: int) -> tuple[VecStep, ...]:
    """The shortest sequence that leaves the 128-bit ``value`` in a register written as
    ``width`` bits (8 to 128; ``value`` below ``2**width``), as :class:`VecStep` tuples:
    one movi/mvni/fmov, one of those and an orr/bic, else one ldr of a literal (see
    :mod:`a64jit.macro.vecconst`)."""
    key = (value, width)
    plan = _PLANS.get(key)
    if plan is None:
        if not 0 <= value < 1 << width:
            raise ValueError(f"plan_vector: value {value:#x} is not a {width}-bit pattern")
        if len(_PLANS) >= _PLANS_LIMIT:
            _PLANS.clear()
        plan = _PLANS[key] = _plan(value, width)
    return plan


def _plan(value: int, width: int) -> tuple[VecStep, ...]:
    lo, hi = value & _M64, value >> 64
    t = _tables()
    shapes = []  # (q, the 64-bit half to make)
    if hi == lo and width == 128:
        shapes.append(1)
    if hi == 0:
        shapes.append(0)
    for q in shapes:
        step = t.single.get(lo)
        if step is not None:
            if step.op == "fmov" and step.esize == 64 and not q:
                return (step._replace(scalar=True),)  # fmov d: no .1d vector form
            return (step._replace(q=q),)
        if not q and lo in t.low:
            return (t.low[lo],)
    for q in shapes:
        pair = _pair(lo, q)
        if pair is not None:
            if pair[0].op == "fmov" and pair[0].esize == 64 and not q:
                return (pair[0]._replace(scalar=True), pair[1])
            return pair
    if value < 1 << 32:
        return (VecStep("ldr", 32, value.to_bytes(4, "little")),)
    if value < 1 << 64:
        return (VecStep("ldr", 64, value.to_bytes(8, "little")),)
    return (VecStep("ldr", 128, value.to_bytes(16, "little")),)


_FLOAT_FORMAT: Final = {16: "<e", 32: "<f", 64: "<d"}


def vector_value(insn: str, rd: object, src: object) -> tuple[int, int]:
    """(the bit pattern, its width) of ``src`` for the register ``rd``, checked."""
    if type(rd) is FPRegister:
        width = rd.size
        lanes, esize = 1, width
    elif type(rd) is VArrangement:
        width = rd.esize * rd.lanes
        lanes, esize = rd.lanes, rd.esize
    else:
        raise OperandError(f"{insn}: register {show(rd)} is not valid here for a vector "
                           "constant; expected b/h/s/d/q0-31 or an arranged vector register")
    if type(src) is int:
        if not -(1 << (width - 1)) <= src < 1 << width:
            raise EncodingError(f"{insn}: value {show(src)} cannot be encoded; allowed: "
                                f"{-(1 << (width - 1))}..{(1 << width) - 1} (a {width}-bit "
                                f"pattern) for {rd}")
        return src & ((1 << width) - 1), width
    if type(src) is not tuple:
        raise OperandError(f"{insn}: value {show(src)} is not valid here; expected an int "
                           f"(the bit pattern) or a tuple of {lanes} lane values for {rd}")
    if type(rd) is not VArrangement or len(src) != lanes:
        what = f"a tuple of {lanes} lane values" if type(rd) is VArrangement else "an int"
        raise OperandError(f"{insn}: value {show(src)} is not valid here; expected {what} "
                           f"for {rd}")
    value = 0
    for i, lane in enumerate(src):
        if type(lane) is int and -(1 << (esize - 1)) <= lane < 1 << esize:
            bits = lane & ((1 << esize) - 1)
        elif type(lane) is float and esize in _FLOAT_FORMAT:
            try:
                bits = int.from_bytes(struct.pack(_FLOAT_FORMAT[esize], lane), "little")
            except (OverflowError, struct.error):
                raise EncodingError(f"{insn}: lane {i} value {show(lane)} cannot be encoded; "
                                    f"allowed: a {esize}-bit float for {rd}") from None
        else:
            kinds = f"an int {-(1 << (esize - 1))}..{(1 << esize) - 1}" + (
                " or a float" if esize in _FLOAT_FORMAT else "")
            raise EncodingError(f"{insn}: lane {i} value {show(lane)} cannot be encoded; "
                                f"allowed: {kinds} for {rd}")
        value |= bits << i * esize
    return value, width


def _arr(code: int, esize: int, q: int) -> VArrangement:
    return arranged(code, {8: "b", 16: "h", 32: "s", 64: "d"}[esize]
                    + str((128 if q else 64) // esize))


def mov_vector(masm: MacroAssembler, rd: object, src: object) -> None:
    """``masm.mov(rd, src)`` of a vector constant: see the module docstring."""
    value, width = vector_value("mov", rd, src)
    assert isinstance(rd, (FPRegister, VArrangement))
    code = rd.code
    for step in plan_vector(value, width):
        op, imm = step.op, step.imm
        if op == "ldr":
            assert isinstance(imm, bytes)
            reg = FP_BY_PREFIX[{32: "s", 64: "d", 128: "q"}[step.esize]][code]
            masm._mx_ldr_raw("mov", reg, imm)
        elif op == "fmov":
            assert isinstance(imm, float)
            if step.scalar:
                Assembler.fmov(masm, FP_BY_PREFIX["s" if step.esize == 32 else "d"][code], imm)
            else:
                Assembler.fmov(masm, _arr(code, step.esize, step.q), imm)
        else:
            assert isinstance(imm, int)
            if op == "movi" and step.esize == 64:
                Assembler.movi(masm, _arr(code, 64, 1) if step.q else FP_BY_PREFIX["d"][code],
                               imm)
                continue
            shift = (msl(step.shift) if step.ones else lsl(step.shift)) if step.shift else None
            vd = _arr(code, step.esize, step.q)
            if op == "movi":
                Assembler.movi(masm, vd, imm, shift)
            elif op == "mvni":
                Assembler.mvni(masm, vd, imm, shift)
            elif op == "orr":
                Assembler.orr(masm, vd, imm, shift)  # type: ignore[arg-type]
            else:
                Assembler.bic(masm, vd, imm, shift)  # type: ignore[arg-type]
