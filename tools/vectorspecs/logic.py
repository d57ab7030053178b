"""and, ands, orr, eor, bic, bics, orn, eon (shifted register, logical immediate), tst, mvn.

``and`` is tried with every one of the 5,334 64-bit and 1,302 32-bit logical
immediates; the other immediate forms stride through them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WSP, WZR, XSP, XZR, regs3

OPS = ("and", "ands", "orr", "eor", "bic", "bics", "orn", "eon")
SHIFTS = ("lsl", "lsr", "asr", "ror")


def bitmasks(width: int) -> list[int]:
    """Every logical immediate of a ``width``-bit register, by brute force over element
    size, run length and rotation (independent of a64jit's encoder)."""
    out = set()
    size = 2
    while size <= width:
        for ones in range(1, size):
            run = (1 << ones) - 1
            for rot in range(size):
                elem = ((run << rot) | (run >> (size - rot))) & ((1 << size) - 1)
                out.add(sum(elem << i for i in range(0, width, size)))
        size *= 2
    return sorted(out)


def edge_imms(width: int) -> list[str]:
    """Edge and invalid immediates, in the spellings LLVM accepts."""
    full = (1 << width) - 1
    vals = ["#0", "#-1", f"#{full:#x}", f"#{full + 1:#x}", "#1", "#-2", "#0x12345",
            f"#{full - 1:#x}", f"#{1 << (width - 1):#x}", f"#{-(1 << (width - 1))}",
            "#0x5555", "#3", "#6", "#0xf0f0f0f0", "#-0x80000001", "#0x7fffffff",
            "#-0x100000000", "#-0xffffffff", "#-0x100000001", "#0x100000000",
            "#0x1fffffffe", "#0xffffffff00000000", "#0xffffffff00000001",
            "#0x10000000000000000", "#-0x8000000000000000", "#0xfffffffffffffffe",
            "#0x8000000000000000", "#2.0", "x0"]
    return vals


def lines() -> Iterator[str]:
    masks = {64: bitmasks(64), 32: bitmasks(32)}
    for op in OPS:
        flags = op in ("ands", "bics")
        for width, zr, spr in ((64, XZR, XSP), (32, WZR, WSP)):
            top = width - 1
            # shifted register: every register in every position, every shift
            for i, (d, n, m) in enumerate(regs3(zr, zr, zr)):
                yield f"{op} {d}, {n}, {m}"
                sh = SHIFTS[i % 4]
                for amt in (0, 1, top, top + 1, (7 * i) % width):
                    yield f"{op} {d}, {n}, {m}, {sh} #{amt}"
            for sh in SHIFTS:
                yield f"{op} {zr[3]}, {zr[4]}, {zr[5]}, {sh} #-1"
            # immediates: every pattern for "and", a stride for the others
            dests = zr if flags else spr
            pats = masks[width] if op == "and" else masks[width][op_index(op)::23]
            for i, v in enumerate(pats):
                d, n, _ = regs3(dests, zr, zr, len(pats))[i]
                if op in ("orr", "orn") and n == zr[-1] and movable(v, width, op == "orn"):
                    continue
                yield f"{op} {d}, {n}, #{v:#x}"
                if i % 5 == 0 and v >> (width - 1):
                    yield f"{op} {d}, {n}, #{v - (1 << width)}"  # the signed spelling
            for i, imm in enumerate(edge_imms(width)):
                d, n, _ = regs3(dests, zr[:31], zr, 40)[i]  # zr: see movable()
                yield f"{op} {d}, {n}, {imm}"
            # sp / zr in the wrong places
            sp, r31 = spr[-1], zr[-1]
            yield f"{op} {sp}, {zr[1]}, #1"
            yield f"{op} {r31}, {zr[1]}, #1"
            yield f"{op} {zr[1]}, {sp}, #1"
            yield f"{op} {sp}, {zr[1]}, {zr[2]}"
            yield f"{op} {zr[1]}, {sp}, {zr[2]}"
            yield f"{op} {zr[1]}, {zr[2]}, {sp}"
            yield f"{op} {zr[1]}, {zr[2]}, #1, lsl #12"
            yield f"{op} {zr[1]}, {zr[2]}, {zr[3]}, uxtw"
            yield f"{op} {zr[1]}, {zr[2]}, {zr[3]}, sxtx #2"
        # mixed widths
        yield f"{op} x0, w1, x2"
        yield f"{op} w0, w1, x2"
        yield f"{op} x0, x1, w2"
        yield f"{op} w0, x1, #1"
        yield f"{op} x0, x1"
    for width, zr, spr in ((64, XZR, XSP), (32, WZR, WSP)):
        top = width - 1
        for i, (_, n, m) in enumerate(regs3(zr, zr, zr)):
            yield f"tst {n}, {m}"
            yield f"tst {n}, {m}, {SHIFTS[i % 4]} #{(0, 1, top, top + 1)[i // 4 % 4]}"
            yield f"mvn {n}, {m}"
            yield f"mvn {n}, {m}, {SHIFTS[i % 4]} #{(0, 1, top, top + 1)[i // 4 % 4]}"
        for i, v in enumerate(bitmasks(width)[::37]):
            yield f"tst {zr[i % 32]}, #{v:#x}"
        for imm in edge_imms(width):
            yield f"tst {zr[7]}, {imm}"
        yield f"tst {spr[-1]}, #1"
        yield f"tst {zr[1]}, {spr[-1]}"
        yield f"mvn {spr[-1]}, {zr[1]}"
        yield f"mvn {zr[1]}, {spr[-1]}"
        yield f"mvn {zr[1]}, #1"
        yield f"mvn {zr[1]}, {zr[2]}, uxtw"
    yield "tst x0, w1"
    yield "mvn x0, w1"
    yield "mvn w0, x1"


def movable(v: int, width: int, inverted: bool) -> bool:
    """Whether ``orr rd, zr, #v`` (``orn``: ~v) could be a movz/movn. capstone prints
    every ``orr rd, zr, #imm`` as ``mov rd, #imm``, which LLVM assembles as movz/movn
    in that case, so these vectors cannot round-trip through capstone's text."""
    full = (1 << width) - 1
    value = ~v & full if inverted else v
    return any(not x & ~(0xFFFF << s) for x in (value, ~value & full)
               for s in range(0, width, 16))


def op_index(op: str) -> int:
    return OPS.index(op)
