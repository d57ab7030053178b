"""Single-register loads and stores: ldr/str (w, x, b, h, s, d, q), ldrb, strb, ldrh,
strh, ldrsb, ldrsh, ldrsw; the ldur/stur family; prfm and prfum.

Every addressing mode: scaled unsigned offset (with LLVM's fallback to ldur for
negative or unaligned offsets), pre- and post-index, register offset with every
index modifier and amount. Registers walk through every number in every position.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WZR, XSP, XZR

FP = {p: [f"{p}{i}" for i in range(32)] for p in "bhsdq"}
POOL = {"x": XZR, "w": WZR, **FP}
SHIFT = {"x": 3, "w": 2, "b": 0, "h": 1, "s": 2, "d": 3, "q": 4}

# mnemonic -> (register classes, log2 access size per class)
SCALED = {
    "ldr": "xwbhsdq", "str": "xwbhsdq",
    "ldrb": "w", "strb": "w", "ldrh": "w", "strh": "w",
    "ldrsb": "wx", "ldrsh": "wx", "ldrsw": "x",
}
UNSCALED = {
    "ldur": "ldr", "stur": "str", "ldurb": "ldrb", "sturb": "strb", "ldurh": "ldrh",
    "sturh": "strh", "ldursb": "ldrsb", "ldursh": "ldrsh", "ldursw": "ldrsw",
}
# Classes each mnemonic rejects (wrong width or class).
WRONG = {
    "ldrb": "xb", "strb": "xs", "ldrh": "xh", "strh": "xd", "ldrsb": "bs", "ldrsh": "hd",
    "ldrsw": "ws", "ldr": "", "str": "",
}
PREFETCH = [f"{t}{g}{p}" for t in ("pld", "pli", "pst") for g in ("l1", "l2", "l3")
            for p in ("keep", "strm")]

# Lines the Python API tests look up by text.
EXAMPLES = [
    "ldr w5, [sp, #16380]",
    "str xzr, [x1, #32760]",
    "str q31, [x1, #65520]",
    "ldrb w0, [x3, #4095]",
    "strh w30, [x1, #8190]",
    "ldrsw x2, [x4, #16380]",
    "ldr x0, [x3, #-8]",
    "str s5, [x1, #1]",
    "ldrsh w2, [x4, #-1]",
    "str d7, [x1, #255]!",
    "ldrsb x2, [sp], #1",
    "ldur x0, [x3, #8]",
    "stur q31, [x3, #-256]",
    "ldursw x0, [x3, #255]",
    "sturb wzr, [sp]",
    "prfm pstl3strm, [x3, #40]",
    "prfm #31, [sp, xzr, lsl #3]",
    "prfum pstl2strm, [x5, #-256]",
]


def access_shift(mnemonic: str, cls: str) -> int:
    if mnemonic in ("ldrb", "strb", "ldrsb"):
        return 0
    if mnemonic in ("ldrh", "strh", "ldrsh"):
        return 1
    if mnemonic == "ldrsw":
        return 2
    return SHIFT[cls]


def triples(cls: str, n: int = 32, start: int = 0) -> list[tuple[str, str, str]]:
    """(rt, rn, rm) walking every register number in every position."""
    pool = POOL[cls]
    return [(pool[(start + i) % 32], XSP[(start + i * 5 + 3) % 32],
             XZR[(start + i * 11 + 7) % 32]) for i in range(n)]


def scaled_offsets(shift: int) -> list[int]:
    size = 1 << shift
    top = 4095 * size
    return sorted({0, size, 2 * size, 256, 255, -256, -257, -1, 1, size // 2 or 1, -size,
                   top, top - size, top + size, top + 1, 4096, 4095, 256 + size // 2,
                   size * 100, size * 100 + 1})


def lines() -> Iterator[str]:
    yield from EXAMPLES
    for op, classes in SCALED.items():
        for cls in classes:
            shift = access_shift(op, cls)
            regs = triples(cls)
            # [xn] and [xn, #imm] with every register, then every offset edge.
            for t, n, _ in regs:
                yield f"{op} {t}, [{n}]"
            for k, off in enumerate(scaled_offsets(shift)):
                for t, n, _ in triples(cls, 4, start=k * 3):
                    yield f"{op} {t}, [{n}, #{off}]"
            for t, n, _ in regs[::4]:
                yield f"{op} {t}, [{n}, #0x{8 << shift:x}]"
            # Pre- and post-index: simm9, any alignment; base == rt is unpredictable.
            for k, off in enumerate((-256, 255, 0, 1, -1, 1 << shift, 256, -257)):
                for t, n, _ in triples(cls, 8, start=k * 4):
                    yield f"{op} {t}, [{n}, #{off}]!"
                    yield f"{op} {t}, [{n}], #{off}"
            for i in (0, 5, 17, 30):
                t = POOL[cls][i]
                yield f"{op} {t}, [{XSP[i]}, #8]!"
                yield f"{op} {t}, [{XSP[i]}], #-8"
            yield f"{op} {POOL[cls][31]}, [sp, #16]!"
            yield f"{op} {POOL[cls][31]}, [sp], #16"
            # Register offset: every modifier and amount, valid and not.
            mods_x = ["", ", lsl #0", f", lsl #{shift}", ", sxtx", ", sxtx #0",
                      f", sxtx #{shift}", ", lsl #1", ", lsl #4", ", uxtx", ", uxtw",
                      ", sxtw #0", f", sxtx #{shift + 1}"]
            mods_w = [", uxtw", ", uxtw #0", f", uxtw #{shift}", ", sxtw", ", sxtw #0",
                      f", sxtw #{shift}", "", ", lsl #0", f", lsl #{shift}", ", sxtx",
                      ", uxtx", f", uxtw #{shift + 1}", ", uxtw #3"]
            for k, t_n_m in enumerate(regs):
                t, n, m = t_n_m
                yield f"{op} {t}, [{n}, {m}{mods_x[k % len(mods_x)]}]"
                w = "wzr" if m == "xzr" else "w" + m[1:]
                yield f"{op} {t}, [{n}, {w}{mods_w[k % len(mods_w)]}]"
            for mod in mods_x:
                yield f"{op} {POOL[cls][3]}, [x4, x5{mod}]"
            for mod in mods_w:
                yield f"{op} {POOL[cls][3]}, [sp, w5{mod}]"
            yield f"{op} {POOL[cls][1]}, [x2, sp]"
            yield f"{op} {POOL[cls][1]}, [x2, wsp, uxtw]"
            yield f"{op} {POOL[cls][1]}, [x2, x2]"
        for cls in WRONG[op]:
            t = POOL[cls][3]
            yield f"{op} {t}, [x1]"
            yield f"{op} {t}, [x1, #8]!"
            yield f"{op} {t}, [x1, x2]"
        yield f"{op} sp, [x1]"
        yield f"{op} wsp, [x1]"
        yield f"{op} x0, [w1]"
        yield f"{op} w0, [xzr]"
        yield f"{op} w0, [x1, #8]!, #8"

    for op, base in UNSCALED.items():
        for cls in SCALED[base]:
            for t, n, _ in triples(cls):
                yield f"{op} {t}, [{n}]"
            for k, off in enumerate((-256, 255, 0, 1, -1, 8, 16, 128, 256, -257, 4096)):
                for t, n, _ in triples(cls, 3, start=k * 3):
                    yield f"{op} {t}, [{n}, #{off}]"
            yield f"{op} {POOL[cls][2]}, [x3, #8]!"
            yield f"{op} {POOL[cls][2]}, [x3], #8"
            yield f"{op} {POOL[cls][2]}, [x3, x4]"
            yield f"{op} {POOL[cls][2]}, #8"
        for cls in WRONG[base]:
            yield f"{op} {POOL[cls][3]}, [x1, #1]"
        yield f"{op} sp, [x1]"

    # Prefetch: every named operation, raw numbers, every addressing mode.
    for k, name in enumerate([*PREFETCH, *(f"#{i}" for i in range(33)), "pldl4keep",
                              "PLDL1KEEP", "plil1", "5"]):
        n = XSP[k % 32]
        m = XZR[(k * 11 + 7) % 32]
        yield f"prfm {name}, [{n}]"
        yield f"prfm {name}, [{n}, #{(k * 8) % 32768}]"
        yield f"prfum {name}, [{n}, #{k - 20}]"
    for k, off in enumerate((0, 8, 32760, 32768, 32752, 4, -8, -1, 255, 256)):
        yield f"prfm pldl1keep, [{XSP[k * 3]}, #{off}]"
    for k, off in enumerate((-256, 255, 0, 8, 256, -257)):
        yield f"prfum pstl2strm, [{XSP[k * 5]}, #{off}]"
    for mod in (", lsl #0", ", lsl #3", ", sxtx", ", sxtx #3", ", lsl #2", ", uxtx", ""):
        yield f"prfm plil3strm, [x1, x2{mod}]"
    for mod in (", uxtw", ", uxtw #0", ", uxtw #3", ", sxtw", ", sxtw #3", ", sxtw #1", ""):
        yield f"prfm pstl1keep, [sp, w30{mod}]"
    for i in range(32):
        yield f"prfm #{i}, [{XSP[(i * 5) % 32]}, {XZR[i]}, lsl #3]"
    yield "prfm pldl1keep, [x0, #8]!"
    yield "prfm pldl1keep, [x0], #8"
    yield "prfum pldl1keep, [x0, x1]"
    yield "prfm x0, [x1]"
    # LLVM reads offsets as 64-bit two's complement (capstone prints -256 this way).
    yield "ldr x0, [x3], #0xffffffffffffff00"
    yield "str w1, [x4, #0xffffffffffffffff]!"
    yield "ldr x0, [x3, #0xfffffffffffffff8]"
    yield "ldr x0, [x3], #0xffffff00"
    yield "ldr x0, [x3, #0x10000000000000000]"
    yield "ldr x0, [x3, #0x8000000000000000]"
    yield "ldr x0, [x1], #-18446744073709551608"
    yield "ldr x0, [x1, #-18446744073709551608]"
    yield "str w0, [x1, #-18446744073709551616]"
