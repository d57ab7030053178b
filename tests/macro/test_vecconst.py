"""MacroAssembler.mov of a vector constant (a64jit.macro.vecconst).

The emitted code is checked by a small interpreter written here from the ARM ARM's
pseudocode (AdvSIMDExpandImm, VFPExpandImm, LDR (literal, SIMD&FP)), independent of the
planner: every one-instruction class exhaustively (every op, cmode and imm8, both Q, and
the scalar fmov immediates), pairs made from them by orr/bic, and literal-pool values.
Programs then run in the emulator backend and the registers are compared."""

from __future__ import annotations

import ctypes
import random
import struct
from collections.abc import Iterator

import pytest

from a64jit import JitBuffer, MacroAssembler
from a64jit.errors import EncodingError, OperandError
from a64jit.macro.vecconst import plan_vector
from a64jit.operands import (
    FP_BY_PREFIX,
    V_BY_CODE,
    FPRegister,
    VArrangement,
    b3,
    d0,
    d1,
    h2,
    mem,
    q0,
    q1,
    s0,
    v0,
    v1,
    v2,
    x1,
)

M64 = (1 << 64) - 1
M128 = (1 << 128) - 1


# -- the model ---------------------------------------------------------------------------

def _replicate(x: int, bits: int, times: int) -> int:
    return sum(x << (bits * i) for i in range(times))


def _vfp(imm8: int, size: int) -> int:
    """VFPExpandImm: the 8-bit FP immediate as a size-bit (32 or 64) pattern."""
    a, b, cdefgh = imm8 >> 7, imm8 >> 6 & 1, imm8 & 0x3F
    exp_rep = 5 if size == 32 else 8
    frac_zero = 19 if size == 32 else 48
    pattern = a
    pattern = pattern << 1 | (b ^ 1)
    pattern = pattern << exp_rep | (((1 << exp_rep) - 1) if b else 0)
    pattern = pattern << 6 | cdefgh
    return pattern << frac_zero


def expand(op: int, cmode: int, imm8: int) -> int:
    """AdvSIMDExpandImm: the 64-bit pattern of (op, cmode, imm8)."""
    c31 = cmode >> 1
    if c31 == 0b000:
        return _replicate(imm8, 32, 2)
    if c31 == 0b001:
        return _replicate(imm8 << 8, 32, 2)
    if c31 == 0b010:
        return _replicate(imm8 << 16, 32, 2)
    if c31 == 0b011:
        return _replicate(imm8 << 24, 32, 2)
    if c31 == 0b100:
        return _replicate(imm8, 16, 4)
    if c31 == 0b101:
        return _replicate(imm8 << 8, 16, 4)
    if c31 == 0b110:
        lane = imm8 << 8 | 0xFF if cmode & 1 == 0 else imm8 << 16 | 0xFFFF
        return _replicate(lane, 32, 2)
    if cmode & 1 == 0:
        if op == 0:
            return _replicate(imm8, 8, 8)
        return sum(0xFF << (8 * i) for i in range(8) if imm8 >> i & 1)
    if op == 0:
        return _replicate(_vfp(imm8, 32), 32, 2)
    return _vfp(imm8, 64)


def _is_orr_bic(cmode: int) -> bool:
    return cmode < 0b1100 and cmode & 1 == 1


def run_model(code: bytes, rd: int) -> int:
    """Execute the constant-making words at the start of ``code`` (until the first word
    that is none of them) and return v<rd> as a 128-bit int (it starts as garbage)."""
    reg = 0x5A5A_5A5A_5A5A_5A5A_5A5A_5A5A_5A5A_5A5A
    for at in range(0, len(code), 4):
        word = int.from_bytes(code[at:at + 4], "little")
        assert word & 31 == rd or (word & 0x9FF80400) != 0x0F000400, hex(word)
        if word & 0x9FF80400 == 0x0F000400:  # modified immediate
            q, op = word >> 30 & 1, word >> 29 & 1
            cmode, o2 = word >> 12 & 15, word >> 11 & 1
            imm8 = (word >> 16 & 7) << 5 | (word >> 5 & 31)
            assert o2 == 0, "FP16 immediate emitted"
            assert not (op == 1 and cmode == 15 and q == 0), "unallocated"
            imm64 = expand(op, cmode, imm8)
            mvn = op == 1 and ((cmode < 0b1100 and cmode & 1 == 0) or cmode >> 1 == 0b110)
            if _is_orr_bic(cmode):
                half = reg & M64 | imm64 if op == 0 else reg & M64 & ~imm64
                upper = reg >> 64 | imm64 if op == 0 else reg >> 64 & ~imm64
                reg = half | (upper << 64 if q else 0)
                continue
            half = ~imm64 & M64 if mvn else imm64
            reg = half | (half << 64 if q else 0)
        elif word & 0xFF201FE0 == 0x1E201000:  # scalar fmov immediate
            ftype, imm8 = word >> 22 & 3, word >> 13 & 0xFF
            assert ftype in (0, 1), "FP16 scalar fmov emitted"
            assert word & 31 == rd
            reg = _vfp(imm8, 32 if ftype == 0 else 64)
        elif word & 0x3F000000 == 0x1C000000:  # ldr (literal, SIMD&FP)
            opc = word >> 30
            assert word & 31 == rd and opc < 3
            imm19 = word >> 5 & 0x7FFFF
            target = at + (imm19 - (1 << 19) if imm19 >> 18 else imm19) * 4
            size = 4 << opc
            reg = int.from_bytes(code[target:target + size], "little")
        else:
            break
    return reg


def _mov(rd: object, value: object) -> tuple[bytes, int]:
    """The code of ``mov(rd, value); ret`` and its instruction count before the ret."""
    m = MacroAssembler()
    m.mov(rd, value)  # type: ignore[arg-type]
    n = len(m.finalize()) // 4
    m = MacroAssembler()
    m.mov(rd, value)  # type: ignore[arg-type]
    m.ret()
    code = m.finalize()
    ret = code.index(bytes.fromhex("c0035fd6"))
    return code, min(n, ret // 4)


def _single_classes() -> Iterator[tuple[int, int, int, int]]:
    """Every (q, op, cmode, imm8) of the movi/mvni/fmov vector classes."""
    for q in (0, 1):
        for op in (0, 1):
            for cmode in range(16):
                if _is_orr_bic(cmode) or (op, cmode, q) == (1, 15, 0):
                    continue
                for imm8 in range(256):
                    yield q, op, cmode, imm8


def _value(q: int, op: int, cmode: int, imm8: int) -> int:
    half = expand(op, cmode, imm8)
    if op == 1 and ((cmode < 0b1100 and cmode & 1 == 0) or cmode >> 1 == 0b110):
        half = ~half & M64
    return half | (half << 64 if q else 0)


SINGLES = frozenset(_value(*c) for c in _single_classes())
SCALAR_FP = frozenset(_vfp(i, s) for i in range(256) for s in (32, 64))


# -- every one-instruction class ---------------------------------------------------------

def test_every_single_instruction_class_is_one_instruction() -> None:
    """All 9,984 (q, op, cmode, imm8) of movi/mvni/fmov, as a q constant: one
    instruction whose effect (by the model) is the value; a pattern with a zero upper
    half also as a d constant."""
    checked = 0
    for q, op, cmode, imm8 in _single_classes():
        value = _value(q, op, cmode, imm8)
        steps = plan_vector(value, 128)
        assert len(steps) == 1 and steps[0].op != "ldr", (q, op, cmode, imm8, steps)
        checked += 1
    assert checked == 2 * (2 * 16 * 256 - 12 * 256) - 256
    # emitted and executed by the model: a sample of every (q, op, cmode) and the edges
    for q, op, cmode, imm8 in _single_classes():
        if imm8 not in (0, 1, 0x80, 0xFF) and imm8 % 37:
            continue
        value = _value(q, op, cmode, imm8)
        code, n = _mov(q1, value)
        assert n == 1 and run_model(code, 1) == value, (q, op, cmode, imm8, code.hex())
        if not q:
            code, n = _mov(d1, value)
            assert n == 1 and run_model(code, 1) == value


@pytest.mark.parametrize("size", [32, 64])
def test_scalar_fmov_immediates_are_one_instruction(size: int) -> None:
    reg = FP_BY_PREFIX["s" if size == 32 else "d"][7]
    for imm8 in range(256):
        value = _vfp(imm8, size)
        code, n = _mov(reg, value)
        assert n == 1 and run_model(code, 7) == value, (imm8, code.hex())
        code, n = _mov(FP_BY_PREFIX["q"][7], value)  # the upper bits zero: the same
        assert n == 1 and run_model(code, 7) == value


# -- pairs -----------------------------------------------------------------------------------

def _orr_bic_ops() -> list[tuple[int, int, int]]:
    return [(op, cmode, imm8) for op in (0, 1) for cmode in range(12) if cmode & 1
            for imm8 in range(1, 256)]


def test_pairs_of_a_single_and_orr_bic() -> None:
    """Targets made by a one-instruction value then an orr/bic (both with Q=1, or both
    Q=0 with the upper half zero): at most two instructions, exactly what the model says,
    and two only when no single instruction makes the value."""
    rng = random.Random(12)
    singles = sorted(SINGLES)
    ops = _orr_bic_ops()
    twos = 0
    for _ in range(1500):
        first = rng.choice(singles)
        op, cmode, imm8 = rng.choice(ops)
        imm64 = expand(op, cmode, imm8)
        q = int(first >> 64 != 0 or rng.random() < 0.5)
        if q and first >> 64 != first & M64:
            continue
        mask = imm64 | (imm64 << 64 if q else 0)
        value = first | mask if op == 0 else first & ~mask & M128
        code, n = _mov(q0, value)
        assert run_model(code, 0) == value, (hex(value), code.hex())
        if value in SINGLES or value in SCALAR_FP:
            assert n == 1, (hex(value), code.hex())
        else:
            assert n == 2 and int.from_bytes(code[:4], "little") & 0x3F000000 != 0x1C000000
            twos += 1
    assert twos > 500


# -- the literal pool and the widths --------------------------------------------------------

def test_pool_for_the_rest_with_the_smallest_literal() -> None:
    rng = random.Random(3)
    for _ in range(300):
        width = rng.choice((32, 64, 128))
        value = rng.getrandbits(width) | 1 << (width - 1) | 0x1234_5678 << 1
        code, n = _mov(q0, value)
        assert n == 1 and run_model(code, 0) == value
        opc = int.from_bytes(code[:4], "little") >> 30
        assert 4 << opc == width // 8, (hex(value), code.hex())
        rd = {128: V_BY_CODE[5].b16, 64: V_BY_CODE[5].b8, 32: FP_BY_PREFIX["s"][5]}[width]
        code, n = _mov(rd, value)
        assert n == 1 and run_model(code, 5) == value


def test_lane_tuples_and_narrow_registers() -> None:
    cases: list[tuple[object, object, int]] = [
        (v0.s4, (1, 2, 3, 4), 4 << 96 | 3 << 64 | 2 << 32 | 1),
        (v0.s4, (-1,) * 4, M128),
        (v0.h8, (0x1234,) * 8, _replicate(0x1234, 16, 8)),
        (v0.b8, tuple(range(8)), int.from_bytes(bytes(range(8)), "little")),
        (v0.d2, (1.0, -2.5), struct.unpack("<Q", struct.pack("<d", 1.0))[0]
         | struct.unpack("<Q", struct.pack("<d", -2.5))[0] << 64),
        (v0.s2, (0.1, 0.1), _replicate(struct.unpack("<I", struct.pack("<f", 0.1))[0], 32, 2)),
        (v0.h4, (1.0, 1.0, 1.0, 1.0), _replicate(0x3C00, 16, 4)),
        (b3, 0x80, 0x80),
        (h2, -1, 0xFFFF),
        (s0, 0x3F80_0000, 0x3F80_0000),
        (d0, -1, M64),
        (q0, -1, M128),
        (v0.q1, 1 << 127, 1 << 127),
    ]
    for rd, value, want in cases:
        code, _ = _mov(rd, value)
        assert run_model(code, getattr(rd, "code", 0)) == want, (rd, value, code.hex())


def test_never_longer_than_needed_examples() -> None:
    assert [s.op for s in plan_vector(0, 128)] == ["movi"]
    assert [s.op for s in plan_vector(_replicate(0x1234, 16, 8), 128)] == ["movi", "orr"]
    assert [s.op for s in plan_vector(_replicate(0x12FF_FF34, 32, 2), 64)] == ["mvni", "bic"]
    assert [s.op for s in plan_vector(0x3FF0_0000_0000_0000, 64)] == ["fmov"]  # fmov d
    assert [s.op for s in plan_vector(0x4000_0000, 32)] == ["fmov"]  # fmov s, #2.0
    assert plan_vector(0x1234_5678, 128)[0].esize == 32  # ldr s, not q
    assert plan_vector(0x1234_5678_9ABC, 128)[0].esize == 64


BAD: list[tuple[object, object, type[Exception], str]] = [
    (d0, 1 << 64, EncodingError, r"mov: value .* cannot be encoded; allowed: .*for d0"),
    (s0, -(1 << 31) - 1, EncodingError, r"mov: value .*for s0"),
    (q0, (1, 2), OperandError, r"mov: value \(1, 2\) is not valid here; expected an int"),
    (v0.s4, (1, 2, 3), OperandError, r"expected a tuple of 4 lane values for v0\.4s"),
    (v0.s4, (1, 2, 3, 1 << 32), EncodingError, r"lane 3 value .*-2147483648\.\.4294967295"),
    (v0.b16, (1.0,) * 16, EncodingError, r"lane 0 value 1\.0.*an int -128\.\.255 for"),
    (v0.h8, (1e6,) * 8, EncodingError, r"lane 0 value 1000000\.0.*16-bit float"),
    (v0.s4, 1.5, OperandError, r"fmov|expected"),
    (v1.s4, True, OperandError, r"."),
]


@pytest.mark.parametrize(("rd", "value", "kind", "message"), BAD,
                         ids=[f"{r}-{v}" for r, v, _, _ in BAD])
def test_bad_values_say_what_is_allowed(rd: object, value: object, kind: type[Exception],
                                        message: str) -> None:
    with pytest.raises(kind, match=message):
        MacroAssembler().mov(rd, value)  # type: ignore[arg-type]


# -- running it ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def buf() -> Iterator[JitBuffer]:
    with JitBuffer(backend="emulator") as b:
        yield b


def test_constants_in_the_emulator(buf: JitBuffer) -> None:
    """mov of many constants (one instruction, pairs, every pool width, lane tuples) into
    v0-v2, each stored with str q; the register contents read back."""
    rng = random.Random(7)
    values: list[tuple[FPRegister | VArrangement, int | tuple[int, ...] | tuple[float, ...]]] = []
    singles = sorted(SINGLES)
    for _ in range(12):
        values.append((q0, rng.choice(singles)))
    values += [(q1, _replicate(0x1234, 16, 8)), (d1, _replicate(0x12FF_FF34, 32, 2)),
               (q2_ := FP_BY_PREFIX["q"][2], rng.getrandbits(128)),
               (d0, rng.getrandbits(64)), (s0, 0xDEAD_BEEF), (h2, 0xBEEF),
               (v1.s4, (1, -2, 3, -4)), (v2.d2, (0.5, 1e300)), (q2_, 0),
               (d1, 0x3FF8_0000_0000_0000), (s0, 0x4040_0000), (q0, M128)]
    m = MacroAssembler()
    for i, (rd, value) in enumerate(values):
        m.mov(rd, value)
        m.str(FP_BY_PREFIX["q"][rd.code], mem(x1, 16 * i))
    m.ret()
    out = ctypes.create_string_buffer(16 * len(values))
    fn = buf.install(m, restype=None, argtypes=[ctypes.c_void_p, ctypes.c_void_p])
    try:
        fn(0, ctypes.addressof(out))
    finally:
        buf.free(fn)
    raw = out.raw
    for i, (rd, value) in enumerate(values):
        got = int.from_bytes(raw[16 * i:16 * i + 16], "little")
        if isinstance(value, tuple):
            code, _ = _mov(rd, value)
            want = run_model(code, rd.code)
        else:
            want = value & ((1 << getattr(rd, "size", 128)) - 1)
        assert got == want, (i, rd, value, hex(got))
