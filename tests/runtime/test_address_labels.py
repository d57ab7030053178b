"""Branches to code placed earlier, by address (``Assembler.bind_address`` and
``address_label``): resolved by ``finalize(address)``, placed with
``JitBuffer.place(code, size=)`` (finalized once, where it lands), run on every backend;
the reach check, the misuse errors, and ``patch(quiescent=True)`` writing a range as one
copy."""

from __future__ import annotations

import ctypes

import pytest

from a64jit import Assembler, JitBuffer, MacroAssembler, post, pre, sp, x0, x29, x30
from a64jit.errors import CodeSizeError, EncodingError, LabelError, OperandError
from tests.runtime.placed import adder

I64 = ctypes.c_int64


def test_bound_address_words() -> None:
    """Each b/bl word holds the distance from where the code runs: before and after the
    bind, through the memo's paths (three assemblers of each class), the Assembler's
    and the MacroAssembler's alike."""
    for cls in (Assembler, MacroAssembler, Assembler, MacroAssembler, MacroAssembler):
        a = cls()
        sub = a.label()
        a.bl(sub)           # +0: before the bind (a plain forward reference)
        a.b(sub)            # +4
        a.bind_address(sub, 0x10000)
        a.bl(sub)           # +8: after it
        here = a.address_label(0x4000)
        a.bl(here)          # +12
        for at in (0x8000, 0x20000):
            words = a.finalize(at)
            got = [int.from_bytes(words[i:i + 4], "little") for i in range(0, 16, 4)]
            want = [0x94000000 | ((0x10000 - at) >> 2 & 0x3FFFFFF),
                    0x14000000 | ((0x10000 - at - 4) >> 2 & 0x3FFFFFF),
                    0x94000000 | ((0x10000 - at - 8) >> 2 & 0x3FFFFFF),
                    0x94000000 | ((0x4000 - at - 12) >> 2 & 0x3FFFFFF)]
            assert got == want, (cls, hex(at))


def test_reach_and_misuse() -> None:
    a = Assembler()
    sub = a.label("sub")
    a.bl(sub)
    a.bind_address(sub, 0x1000)
    a.finalize(0x1000 + (128 << 20))  # the farthest back a bl reaches
    with pytest.raises(EncodingError, match=r"bl: the address 0x1000 \(label 'sub'\) is "
                       r"-0x8000004 bytes from the branch at 0x8001004; allowed: within "
                       r"\+-128 MiB"):
        a.finalize(0x1000 + (128 << 20) + 4)
    b = MacroAssembler()
    far = b.label("far")
    b.cbz(x0, far)
    with pytest.raises(LabelError, match="bind_address: label 'far' has a reference of cbz; "
                       "only b and bl reach an address"):
        b.bind_address(far, 0x1000)
    near = b.address_label(0x1000, "near")
    with pytest.raises(LabelError, match="b.eq: label 'near' stands for the address 0x1000 "
                       r"\(address_label\): only b and bl take it"):
        b.b_eq(near)
    with pytest.raises(LabelError, match="bind: label 'near' stands for the address"):
        b.bind(near)
    with pytest.raises(LabelError, match="already bound"):
        b.bind_address(b.here(), 0x1000)
    for bad in (0x1002, -4, 1 << 64, "0x1000"):
        with pytest.raises(OperandError, match="bind_address: address must be an int, a "
                           "multiple of 4"):
            b.bind_address(b.label(), bad)  # type: ignore[arg-type]
    with pytest.raises(LabelError, match="belongs to another assembler"):
        b.bind_address(Assembler().label(), 0x1000)


def test_calls_placed_code(backend: str) -> None:
    """A function calls two subroutines placed before it by their addresses: placed
    with size= (finalized once, at its address), it runs."""
    with JitBuffer() as buf:
        subs = [buf.place(adder(k)) for k in (10, 300)]
        a = MacroAssembler()
        labels = [a.label() for _ in subs]
        a.stp(x29, x30, pre(sp, -16))
        a.bl(labels[0])
        a.bl(labels[1])
        a.bl(labels[0])
        a.ldp(x29, x30, post(sp, 16))
        a.ret()
        for lab, address in zip(labels, subs, strict=True):
            a.bind_address(lab, address)
        with pytest.raises(EncodingError, match="allowed: within"):
            buf.place(a)  # (finalized at 0 first: the subroutines are out of reach)
        assert len(buf) == 2
        f_address = buf.place(a, size=a.offset, name="f")
        entry = MacroAssembler()
        entry.b(entry.address_label(f_address))
        f = buf.install(entry, restype=I64, argtypes=[I64], size=4)
        assert f(5) == 5 + 10 + 300 + 10
        with pytest.raises(CodeSizeError, match=r"finalize\(address=0x[0-9a-f]+\) returned "
                           "24 bytes, size=28"):
            buf.place(a, size=28)
        with pytest.raises(CodeSizeError, match="place: size=8, but the code is 12 bytes"):
            buf.place(adder(1) + bytes(4), size=8)
        with pytest.raises(CodeSizeError, match="size must be a positive multiple of 4"):
            buf.place(a, size=6)
        assert len(buf) == 4  # (nothing placed by the errors)
        assert buf.read(f) == entry.finalize(f.address)


def test_quiescent_patch_is_one_copy(backend: str) -> None:
    """patch(quiescent=True) writes any words (here a whole routine into a placed area
    of zero words), which then run; the range is written in one copy."""
    with JitBuffer() as buf:
        area = buf.place(bytes(64), name="area")
        buf.patch(area, 16, adder(42), quiescent=True)
        entry = MacroAssembler()
        entry.b(entry.address_label(area + 16))
        f = buf.install(entry, restype=I64, argtypes=[I64], size=4)
        assert f(1) == 43
