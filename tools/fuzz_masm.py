#!/usr/bin/env python3
"""Semantic fuzzing of the MacroAssembler: run what it generates, compare with Python.

Each case is one macro operation (add/sub/adds/subs/cmp/cmn, and/orr/eor/ands/tst,
mov of a constant, loads and stores at any offset) with random operands, edge
values first (0, +-1, INT_MIN, INT_MAX, 2^k +- 1, all-ones, both widths). Cases
are emitted into one function that, for each case, loads the input register
values and a known NZCV from memory, runs the operation, and stores the
destination register, NZCV (``mrs``) and the fourteen ``cset`` conditions back.
The function runs in the emulator backend; a Python model of each operation
predicts the result and the flags (and that an operation without flags leaves
NZCV alone), and every difference is reported with the call that produced it.

Usage: tools/fuzz_masm.py [--seed N] [--count N] [--batch N]
(the test suite runs a short fixed-seed run: tests/macro/test_fuzz_masm.py).
"""

from __future__ import annotations

import argparse
import ctypes
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from a64jit import JitBuffer, MacroAssembler, alloc_data  # noqa: E402
from a64jit.assembler import Assembler  # noqa: E402
from a64jit.operands import (  # noqa: E402
    COND_BY_CODE,
    W_BY_CODE,
    X_BY_CODE,
    GPRegister,
    lsl,
    mem,
    post,
    pre,
)

__all__ = ["Case", "check_cases", "cond_holds", "edge_values", "model", "random_cases", "run"]

M64 = (1 << 64) - 1
ARITH = ("add", "sub", "adds", "subs", "cmp", "cmn")
LOGIC = ("and_", "orr", "eor", "ands", "tst")
FLAG_OPS = frozenset({"adds", "subs", "cmp", "cmn", "ands", "tst"})
MEMORY = ("ldr", "str", "ldrb", "strb", "ldrh", "strh", "ldrsb", "ldrsh", "ldrsw")
_ACCESS = {"ldr": 0, "str": 0, "ldrb": 1, "strb": 1, "ldrh": 2, "strh": 2,
           "ldrsb": 1, "ldrsh": 2, "ldrsw": 4}

# Registers a case may name (x9/x10 hold the in/out pointers, x11 the data window
# base; x16/x17 are the MacroAssembler's scratch registers: naming them forces it
# to take the other one).
_DEST = (0, 1, 16, 17)
_SRC = (1, 16, 17)
WINDOW = 1 << 21  # the data window for loads/stores: base in the middle
_SLOT_IN = 4  # words read per case: rd value, rn value, nzcv in (one spare)
_SLOT_OUT = 3  # words written per case: rd value, nzcv out, cset bits


@dataclass(frozen=True)
class Case:
    """One macro call: ``op`` on width ``width`` with immediate/offset ``imm``."""

    op: str
    width: int
    rd: int
    rn: int
    imm: int
    a: int  # value of rn before the call
    d: int  # value of rd before the call (and of rt for a store)
    nzcv: int  # flags before the call (4 bits)
    mode: str = "offset"  # loads/stores: offset, pre, post

    def call(self) -> str:
        """The call as a user would write it."""
        r = "x" if self.width == 64 else "w"
        if self.op in ("cmp", "cmn", "tst"):
            return f"{self.op}({r}{self.rn}, {self.imm})"
        if self.op == "mov":
            return f"mov({r}{self.rd}, {self.imm})"
        if self.op in MEMORY:
            addr = {"offset": "mem", "pre": "pre", "post": "post"}[self.mode]
            return f"{self.op}({r}{self.rd}, {addr}(x11, {self.imm}))"
        return f"{self.op}({r}{self.rd}, {r}{self.rn}, {self.imm})"


def edge_values(width: int) -> list[int]:
    """The values an off-by-one hides behind, signed and unsigned, for ``width``."""
    top = 1 << width
    out = [0, 1, -1, top - 1, top - 2, 1 << (width - 1), (1 << (width - 1)) - 1,
           -(1 << (width - 1)), -(1 << (width - 1)) + 1]
    for k in range(1, width):
        out += [(1 << k) - 1, 1 << k, (1 << k) + 1, -(1 << k), -(1 << k) + 1, -(1 << k) - 1]
    out += [0xFFF, 0x1000, 0xFFF000, 0xFFF001, -0xFFF, -0x1000, 0x1001, -0x1001]
    lo, hi = -(1 << (width - 1)), top - 1
    return [v for v in dict.fromkeys(out) if lo <= v <= hi]


def _flags_add(a: int, b: int, carry: int, width: int) -> tuple[int, int]:
    """Result and NZCV of ``a + b + carry`` on ``width`` bits (as the ARM ARM's AddWithCarry)."""
    mask = (1 << width) - 1
    a &= mask
    b &= mask
    full = a + b + carry
    r = full & mask
    sign = 1 << (width - 1)

    def signed(v: int) -> int:
        return v - (1 << width) if v & sign else v

    n = r >> (width - 1)
    z = int(r == 0)
    c = int(full > mask)
    v = int(signed(a) + signed(b) + carry != signed(r))
    return r, n << 3 | z << 2 | c << 1 | v


def cond_holds(code: int, nzcv: int) -> bool:
    """Whether condition ``code`` (0..15) holds for ``nzcv`` (the ARM ARM's ConditionHolds)."""
    n, z, c, v = nzcv >> 3 & 1, nzcv >> 2 & 1, nzcv >> 1 & 1, nzcv & 1
    base = code >> 1
    result = [z == 1, c == 1, n == 1, v == 1, c == 1 and z == 0, n == v,
              n == v and z == 0, True][base]
    if code & 1 and code != 15:
        result = not result
    return result


def _csets(nzcv: int) -> int:
    return sum(1 << c for c in range(14) if cond_holds(c, nzcv))


def model(case: Case, memory: bytearray | None = None) -> tuple[int, int]:
    """The expected (x[rd] after the call, NZCV after the call).

    For loads and stores ``memory`` is the data window (updated for stores)."""
    w = case.width
    mask = (1 << w) - 1
    a = case.a & mask
    imm = case.imm & mask
    op = case.op
    if op in ("add", "sub", "adds", "subs", "cmp", "cmn"):
        if op in ("add", "adds", "cmn"):
            r, flags = _flags_add(a, imm, 0, w)
        else:
            r, flags = _flags_add(a, ~imm, 1, w)
        if op in ("cmp", "cmn"):
            return case.d, flags
        return r, flags if op in FLAG_OPS else case.nzcv
    if op in LOGIC:
        r = {"and_": a & imm, "ands": a & imm, "tst": a & imm, "orr": a | imm,
             "eor": a ^ imm}[op]
        flags = (r >> (w - 1)) << 3 | int(r == 0) << 2
        if op == "tst":
            return case.d, flags
        return r, flags if op in FLAG_OPS else case.nzcv
    if op == "mov":
        return imm, case.nzcv
    assert op in MEMORY and memory is not None
    size = _ACCESS[op] or w // 8
    at = WINDOW // 2 + (case.imm if case.mode != "post" else 0)
    if op.startswith("str"):
        memory[at:at + size] = (case.d & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
        return case.d, case.nzcv
    value = int.from_bytes(memory[at:at + size], "little")
    if op.startswith("ldrs"):
        bits = 8 * size
        if value >> (bits - 1):
            value -= 1 << bits
        value &= (1 << (64 if op == "ldrsw" else w)) - 1
    return value, case.nzcv


def base_after(case: Case, base: int) -> int:
    """The base register after a load/store (written back for pre/post)."""
    return base if case.mode == "offset" else base + case.imm


def random_cases(rng: random.Random, count: int, ops: tuple[str, ...] | None = None,
                 edges_first: bool = True) -> list[Case]:
    """``count`` cases; the first ones walk every edge immediate once per op and width."""
    ops = ops or (*ARITH, *LOGIC, "mov", *MEMORY)
    edge = {w: edge_values(w) for w in (32, 64)}
    out: list[Case] = []

    def operand(w: int) -> int:
        if rng.random() < 0.5:
            return rng.choice(edge[w]) & M64
        return rng.getrandbits(64)

    def make(op: str, w: int, imm: int) -> Case:
        rd = rng.choice(_DEST)
        rn = rng.choice(_SRC)
        if rng.random() < 0.2:
            rn = rd if rd in _SRC else rn  # rd == rn: the value is consumed as it is built
        mode = "offset"
        if op in ("cmp", "cmn", "tst") and rd in (16, 17):
            rd = 0  # a free scratch register may be clobbered: only check others
        if op in MEMORY:
            rn = 11
            if rd in (16, 17) and op.startswith("ldr"):
                rd = 0
            mode = rng.choice(("offset", "offset", "pre", "post"))
        a = operand(w)
        d = a if rd == rn else operand(w)  # one register holds one value
        return Case(op, w, rd, rn, imm, a, d, rng.randrange(16), mode)

    def mem_imm(op: str, w: int, pick_edge: bool) -> int:
        size = _ACCESS[op] or w // 8
        limit = WINDOW // 2 - 16
        if pick_edge:
            base = rng.choice([0, 1, 255, 256, 4095 * size, 4096 * size, 32760, 65536,
                               -256, -257, -4096, 1 << 19, -(1 << 19)])
            return max(-limit, min(limit, base + rng.choice([0, 0, -1, 1, size, -size])))
        return rng.randrange(-limit, limit)

    if edges_first:
        for op in ops:
            for w in (64, 32):
                if w != _width(op, w):
                    continue
                if op in MEMORY:
                    for _ in range(12):
                        out.append(make(op, w, mem_imm(op, w, True)))
                else:
                    out.extend(make(op, w, v) for v in edge[w])
    while len(out) < count:
        op = rng.choice(ops)
        w = _width(op, rng.choice((32, 64)))
        if op in MEMORY:
            imm = mem_imm(op, w, rng.random() < 0.5)
        elif rng.random() < 0.5:
            imm = rng.choice(edge[w])
        else:
            lo = -(1 << (w - 1))
            imm = rng.randrange(lo, 1 << w) if rng.random() < 0.7 else \
                rng.randrange(-(1 << 24), 1 << 24)
            imm = max(lo, min(imm, (1 << w) - 1))
        out.append(make(op, w, imm))
    return out[:count] if not edges_first else out


def _width(op: str, width: int) -> int:
    """The register width ``op`` can take (byte/halfword transfers are w-only,
    ldrsw x-only)."""
    if op in ("ldrb", "strb", "ldrh", "strh"):
        return 32
    return 64 if op == "ldrsw" else width


def _reg(code: int, width: int) -> GPRegister:
    return (X_BY_CODE if width == 64 else W_BY_CODE)[code]


def _emit_case(m: MacroAssembler, case: Case) -> None:
    """The macro call under test (the only code here that is not exact)."""
    w = case.width
    rd, rn = _reg(case.rd, w), _reg(case.rn, w)
    op = case.op
    if op in ("cmp", "cmn", "tst"):
        getattr(m, op)(rn, case.imm)
    elif op == "mov":
        m.mov(rd, case.imm)
    elif op in MEMORY:
        make = {"offset": mem, "pre": pre, "post": post}[case.mode]
        rt = _reg(case.rd, 64 if op == "ldrsw" else w)
        getattr(m, op)(rt, make(X_BY_CODE[11], case.imm))
    else:
        getattr(m, op)(rd, rn, case.imm)


def build(cases: list[Case]) -> MacroAssembler:
    """f(in, out, window): run every case, reading inputs and writing results."""
    m = MacroAssembler()
    x9, x10, x11, x12, x13 = (X_BY_CODE[i] for i in (9, 10, 11, 12, 13))
    A = Assembler
    A.mov(m, x9, X_BY_CODE[0])
    A.mov(m, x10, X_BY_CODE[1])
    A.mov(m, x12, X_BY_CODE[2])  # the middle of the data window
    for case in cases:
        A.ldr(m, X_BY_CODE[case.rd], post(x9, 8))
        A.ldr(m, X_BY_CODE[case.rn], post(x9, 8))
        A.ldr(m, x13, post(x9, 16))
        A.msr(m, "nzcv", x13)
        if case.op in MEMORY:
            A.mov(m, x11, x12)
        _emit_case(m, case)
        A.mrs(m, x13, "nzcv")
        A.str(m, X_BY_CODE[case.rd], post(x10, 8))
        A.str(m, x13, post(x10, 8))
        A.movz(m, x13, 0)
        for c in range(14):
            A.cset(m, X_BY_CODE[14], COND_BY_CODE[c])
            A.orr(m, x13, x13, X_BY_CODE[14], lsl(c))
        if case.op in MEMORY:
            A.sub(m, x11, x11, x12)  # the write-back delta, checked with the result
            A.orr(m, x13, x13, x11, lsl(16))
        A.str(m, x13, post(x10, 8))
    A.ret(m)
    return m


@dataclass
class Mismatch:
    case: Case
    what: str

    def __str__(self) -> str:
        return f"{self.case.call()} with {self.case}: {self.what}"


def run(cases: list[Case], buf: JitBuffer) -> list[tuple[int, int, int]]:
    """Execute ``cases`` in ``buf``; return (rd, nzcv, cset bits | base delta << 16) per case."""
    m = build(cases)
    fn = buf.install(m, restype=None,
                     argtypes=[ctypes.c_uint64, ctypes.c_uint64, ctypes.c_uint64])
    try:
        inp = alloc_data(8 * _SLOT_IN * len(cases), backend=buf.backend)
        out = alloc_data(8 * _SLOT_OUT * len(cases), backend=buf.backend)
        window = alloc_data(WINDOW, backend=buf.backend)
        window[:WINDOW] = _window_bytes()
        words = (ctypes.c_uint64 * (_SLOT_IN * len(cases))).from_buffer(inp)
        for i, case in enumerate(cases):
            words[4 * i:4 * i + 3] = [case.d & M64, case.a & M64, case.nzcv << 28]
        del words
        fn(inp.address, out.address, window.address + WINDOW // 2)
        res = (ctypes.c_uint64 * (_SLOT_OUT * len(cases))).from_buffer(out)
        triples = [(res[3 * i], res[3 * i + 1] >> 28, res[3 * i + 2]) for i in range(len(cases))]
        del res
        return triples
    finally:
        buf.free(fn)


def _window_bytes() -> bytes:
    return random.Random(1234).randbytes(WINDOW)


def check_cases(cases: list[Case], buf: JitBuffer) -> list[Mismatch]:
    """Run ``cases`` and compare each with the model; return the differences."""
    got = run(cases, buf)
    memory = bytearray(_window_bytes())
    bad: list[Mismatch] = []
    for case, (rd, nzcv, bits) in zip(cases, got, strict=True):
        want_rd, want_flags = model(case, memory)
        problems = []
        if rd != want_rd & M64:
            problems.append(f"rd = {rd:#x}, expected {want_rd & M64:#x}")
        if nzcv != want_flags:
            problems.append(f"nzcv = {nzcv:04b}, expected {want_flags:04b}")
        if bits & 0xFFFF != _csets(want_flags):
            problems.append(f"cset bits {bits & 0xFFFF:014b}, expected {_csets(want_flags):014b}")
        if case.op in MEMORY:
            delta = (bits >> 16) - (1 << 48) if bits >> 63 else bits >> 16
            want_delta = base_after(case, 0)
            if delta != want_delta:
                problems.append(f"base moved by {delta}, expected {want_delta}")
        if problems:
            bad.append(Mismatch(case, "; ".join(problems)))
    return bad


def _batches(cases: list[Case], size: int) -> Iterator[list[Case]]:
    for i in range(0, len(cases), size):
        yield cases[i:i + size]


def main(argv: list[str] | None = None) -> int:
    from toolargs import whole

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--count", type=whole(1), default=20_000)
    parser.add_argument("--batch", type=whole(1), default=1000)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    rng = random.Random(seed)
    cases = random_cases(rng, args.count)
    start = time.perf_counter()
    failures = 0
    kwargs: dict[str, Any] = {"backend": "emulator"}
    with JitBuffer(**kwargs) as buf:
        for batch in _batches(cases, args.batch):
            for problem in check_cases(batch, buf):
                failures += 1
                print(problem)
    took = time.perf_counter() - start
    print(f"seed {seed}: {len(cases)} cases, {failures} mismatches, {took:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
