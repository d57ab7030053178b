"""The value-word encoding (NaN-boxing) and frames marshalled into a64jit data memory."""

from __future__ import annotations

import ctypes
import math

import pytest

from a64js.values import HOLE, NULL, JSArray, JSObject
from a64js.words import (
    CANONICAL_NAN,
    FALSE_WORD,
    HOLE_WORD,
    NULL_WORD,
    TRUE_WORD,
    UNDEFINED_WORD,
    FrameStore,
    HandleTable,
    decode,
    encode,
)


def test_word_layout() -> None:
    h = HandleTable()
    assert encode(5, h) == 0xFFF9_0000_0000_0005
    assert encode(-1, h) == 0xFFF9_0000_FFFF_FFFF
    assert encode(2**31, h) == 0x41E0_0000_0000_0000  # outside int32: a double
    assert encode(1.5, h) == 0x3FF8_0000_0000_0000
    assert encode(-0.0, h) == 0x8000_0000_0000_0000
    assert encode(math.nan, h) == encode(-math.nan, h) == CANONICAL_NAN
    assert encode(-math.inf, h) == 0xFFF0_0000_0000_0000  # below every tag
    assert [encode(v, h) for v in (None, NULL, False, True, HOLE)] == [
        UNDEFINED_WORD, NULL_WORD, FALSE_WORD, TRUE_WORD, HOLE_WORD]
    assert encode("s", h) >> 48 == 0xFFFB


@pytest.mark.parametrize("v", [0, 1, -1, 2**31 - 1, -(2**31), 2**31, 2**53, -(2**53), 0.5,
                               -0.0, math.inf, -math.inf, 1e300, 5e-324, None, NULL, True,
                               False, "", "text"])
def test_round_trip(v: object) -> None:
    h = HandleTable()
    back = decode(encode(v, h), h)
    assert type(back) is type(v)
    if isinstance(v, float):
        assert isinstance(back, float)
        assert math.copysign(1.0, back) == math.copysign(1.0, v) and back == v
    else:
        assert back == v


def test_references_keep_identity_and_reject_garbage() -> None:
    h = HandleTable()
    o = JSObject(None)
    a = JSArray(None, [1])
    assert decode(encode(o, h), h) is o and decode(encode(a, h), h) is a
    assert encode(o, h) == encode(o, h)
    assert decode(encode(math.nan, h), h) != decode(encode(math.nan, h), h)  # NaN
    with pytest.raises(ValueError, match="not a value word"):
        decode(0xFFFC_0000_0000_0000, h)


def test_frames_in_data_memory() -> None:
    fs = FrameStore(32)
    o = JSObject(None)
    regs = [[], o, None, 7, 2.25, "x", NULL, HOLE]
    base = fs.push(regs)
    again = fs.push([[], None, 1])
    assert (base, again) == (0, 7)
    assert fs.read(base, 7) == regs[1:]
    assert fs.words[base + 2] == 0xFFF9_0000_0000_0007  # slot 3 as compiled code sees it
    fs.pop(again)
    with pytest.raises(MemoryError, match="do not fit"):
        fs.push([[]] + [0] * (len(fs.words) + 1))


def test_machine_code_adds_int_words() -> None:
    """Compiled code tests two tags and adds int32 words in a few instructions."""
    from a64jit import JitBuffer, assemble

    code = assemble("""
        lsr x2, x0, #48
        lsr x3, x1, #48
        mov x4, #0xfff9
        cmp x2, x4
        b.ne 1f
        cmp x3, x4
        b.ne 1f
        adds w5, w0, w1
        b.vs 1f
        orr x0, x5, x4, lsl #48
        ret
    1:  mov x0, #0
        ret
    """)
    h = HandleTable()
    with JitBuffer() as buf:
        add = buf.install(code, restype=ctypes.c_uint64,
                          argtypes=[ctypes.c_uint64, ctypes.c_uint64])
        assert decode(add(encode(40, h), encode(2, h)), h) == 42
        assert decode(add(encode(-7, h), encode(-8, h)), h) == -15
        assert add(encode(2**31 - 1, h), encode(1, h)) == 0  # overflow: bail out
        assert add(encode(1.5, h), encode(1, h)) == 0        # a double: bail out
