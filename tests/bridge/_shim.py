"""Stand-in encoders for Assembler groups that have not landed yet.

Only used by the bridge tests, and only for methods the real Assembler does not
have yet (``install`` patches with pytest's monkeypatch, so nothing leaks).
Delete once every instruction group is in.
"""

from __future__ import annotations

from typing import Any

import pytest

from a64jit.assembler import Assembler
from a64jit.encoding.bitmask import encode_bitmask
from a64jit.encoding.pcrel import BRANCH14, BRANCH19, BRANCH26
from a64jit.operands import COND_BY_CODE, FPRegister, GPRegister, Mem, Shift


def _b(self: Any, target: Any) -> None:
    self._emit_pcrel(0x14000000, target, BRANCH26, "b")


def _bl(self: Any, target: Any) -> None:
    self._emit_pcrel(0x94000000, target, BRANCH26, "bl")


def _cb(op: int, name: str) -> Any:
    def f(self: Any, rt: GPRegister, target: Any) -> None:
        self._emit_pcrel((rt.size == 64) << 31 | op | rt.code, target, BRANCH19, name)
    return f


def _tb(op: int, name: str) -> Any:
    def f(self: Any, rt: GPRegister, bit: int, target: Any) -> None:
        word = (bit >> 5) << 31 | op | (bit & 31) << 19 | rt.code
        self._emit_pcrel(word, target, BRANCH14, name)
    return f


def _bc(code: int) -> Any:
    def f(self: Any, target: Any) -> None:
        self._emit_pcrel(0x54000000 | code, target, BRANCH19, "b.cond")
    return f


def _wide(op: int) -> Any:
    def f(self: Any, rd: GPRegister, imm: int, shift: Shift | None = None) -> None:
        hw = shift.amount // 16 if shift else 0
        self.emit((rd.size == 64) << 31 | op | hw << 21 | imm << 5 | rd.code)
    return f


def _logic(imm_op: int, reg_op: int) -> Any:
    def f(self: Any, rd: GPRegister, rn: GPRegister, op2: Any, mod: Any = None) -> None:
        sf = rd.size == 64
        if isinstance(op2, int):
            enc = encode_bitmask(op2, rd.size)
            assert enc is not None, hex(op2)
            n, immr, imms = enc
            self.emit(sf << 31 | imm_op | n << 22 | immr << 16 | imms << 10 | rn.code << 5
                      | rd.code)
        else:
            sh, amt = (mod.code, mod.amount) if mod else (0, 0)
            self.emit(sf << 31 | reg_op | sh << 22 | op2.code << 16 | amt << 10 | rn.code << 5
                      | rd.code)
    return f


def _mov(self: Any, rd: GPRegister, src: Any) -> None:
    if isinstance(src, GPRegister):
        if rd.is_sp or src.is_sp:
            Assembler.add(self, rd, src, 0)
        else:
            self.emit((rd.size == 64) << 31 | 0x2A0003E0 | src.code << 16 | rd.code)
    else:
        raise NotImplementedError("shim mov: registers only")


def _mem(load: bool) -> Any:
    def f(self: Any, rt: Any, addr: Any) -> None:
        size = rt.size // 8
        fpbit = 1 << 26 if isinstance(rt, FPRegister) else 0
        szbits = {8: 3, 4: 2}[size] << 30
        n, t = addr.base.code, rt.code
        if isinstance(addr.offset, GPRegister):  # [xn, xm]
            self.emit(szbits | fpbit | 0x38206800 | load << 22 | addr.offset.code << 16
                      | n << 5 | t)
        elif addr.mode == "offset":
            assert addr.offset % size == 0 and 0 <= addr.offset < 4096 * size, addr
            self.emit(szbits | fpbit | 0x39000000 | load << 22 | (addr.offset // size) << 10
                      | n << 5 | t)
        else:
            idx = 0xC00 if addr.mode == "pre" else 0x400
            self.emit(szbits | fpbit | 0x38000000 | load << 22 | (addr.offset & 0x1FF) << 12
                      | idx | n << 5 | t)
    return f


def _pair(load: bool) -> Any:
    def f(self: Any, r1: Any, r2: Any, addr: Any) -> None:
        fp = isinstance(r1, FPRegister)
        base = 0x6C000000 if fp else 0xA8000000
        mode = {"post": 1, "offset": 2, "pre": 3}[addr.mode]
        assert addr.offset % 8 == 0 and -512 <= addr.offset < 512, addr
        self.emit(base | mode << 23 | load << 22 | ((addr.offset // 8) & 0x7F) << 15
                  | r2.code << 10 | addr.base.code << 5 | r1.code)
    return f


def _ldr(self: Any, rt: Any, target: Any) -> None:
    if isinstance(target, Mem):
        _mem(True)(self, rt, target)
        return
    if isinstance(rt, FPRegister):
        op = 0x5C000000 if rt.size == 64 else 0x1C000000
    else:
        op = 0x58000000 if rt.size == 64 else 0x18000000
    self._emit_pcrel(op | rt.code, target, BRANCH19, "ldr")


SHIM: dict[str, Any] = {
    "b": _b, "bl": _bl,
    "cbz": _cb(0x34000000, "cbz"), "cbnz": _cb(0x35000000, "cbnz"),
    "tbz": _tb(0x36000000, "tbz"), "tbnz": _tb(0x37000000, "tbnz"),
    "movz": _wide(0x52800000), "movn": _wide(0x12800000), "movk": _wide(0x72800000),
    "orr": _logic(0x32000000, 0x2A000000), "and_": _logic(0x12000000, 0x0A000000),
    "eor": _logic(0x52000000, 0x4A000000), "ands": _logic(0x72000000, 0x6A000000),
    "mov": _mov, "ldr": _ldr, "str": _mem(False), "ldp": _pair(True), "stp": _pair(False),
    "ret": lambda self, rn=None: self.emit(0xD65F0000 | (30 if rn is None else rn.code) << 5),
    "br": lambda self, rn: self.emit(0xD61F0000 | rn.code << 5),
    "blr": lambda self, rn: self.emit(0xD63F0000 | rn.code << 5),
    "nop": lambda self: self.emit(0xD503201F),
}
for _c in COND_BY_CODE:
    SHIM[f"b_{_c.name}"] = _bc(_c.code)


def install(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Add every missing method; return their names."""
    added = []
    for name, fn in SHIM.items():
        if not hasattr(Assembler, name):
            monkeypatch.setattr(Assembler, name, fn, raising=False)
            added.append(name)
    return added
