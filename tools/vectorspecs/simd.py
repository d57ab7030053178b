"""Advanced SIMD integer/permute core: three-same, compares, bitwise select, two-reg misc,
across lanes, copies, movi/mvni, zip/uzp/trn/ext, tbl/tbx, shifts by immediate,
narrow/long forms, ld1-ld4/st1-st4 multiple structures."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WZR, XSP, XZR

MATTR = "+v8.3a,+neon,+fullfp16"
ARR = ["8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"]
V = [f"v{i}" for i in range(32)]


def _v3(n: int = 8) -> list[tuple[int, int, int]]:
    return [((i * 7) % 32, (i * 5 + 3) % 32, (i * 11 + 31) % 32) for i in range(n)]


SAME3 = ["shadd", "sqadd", "srhadd", "shsub", "sqsub", "cmgt", "cmge", "sshl", "sqshl",
         "srshl", "sqrshl", "smax", "smin", "sabd", "saba", "cmtst", "mla", "smaxp", "sminp",
         "sqdmulh", "addp", "uhadd", "uqadd", "urhadd", "uhsub", "uqsub", "cmhi", "cmhs",
         "ushl", "uqshl", "urshl", "uqrshl", "umax", "umin", "uabd", "uaba", "mls", "pmul",
         "umaxp", "uminp", "sqrdmulh", "cmeq", "bsl", "bit", "bif", "uzp1", "uzp2", "trn1",
         "trn2", "zip1", "zip2"]
MISC2 = ["cnt", "not", "abs", "sqabs", "sqneg", "suqadd", "usqadd"]
ACROSS = ["addv", "smaxv", "sminv", "umaxv", "uminv", "saddlv", "uaddlv"]
SHIFTS = ["sshr", "ssra", "srshr", "srsra", "ushr", "usra", "urshr", "ursra", "sri", "shl",
          "sli"]
NARROW = ["shrn", "rshrn", "shrn2", "rshrn2"]
LONG = ["sshll", "ushll", "sshll2", "ushll2"]
XTL = ["sxtl", "uxtl", "sxtl2", "uxtl2"]
XTN = ["xtn", "sqxtn", "uqxtn", "sqxtun", "xtn2", "sqxtn2", "uqxtn2", "sqxtun2"]


def lines() -> Iterator[str]:
    yield from gp_named_lines()
    yield from fp_lines()
    yield from long_lines()
    yield from lane_lines()
    yield from element_lines()
    yield from fp_shared_lines()
    yield from fmov_lines()
    yield from reversed_compare_lines()
    yield from llvm_suite_lines()
    for op in SAME3:
        for t in ARR:
            for d, n, m in _v3(3):
                yield f"{op} v{d}.{t}, v{n}.{t}, v{m}.{t}"
        yield f"{op} v0.4s, v1.4s, v2.8h"
        yield f"{op} v0.4s, v1.2s, v2.4s"
        yield f"{op} v0.4s, v1.4s"
        yield f"{op} v0.4s, v1.4s, #0"
        yield f"{op} d0, d1, d2"
        yield f"{op} s0, s1, s2"
        yield f"{op} b0, b1, b31"
        yield f"{op} v0.4s, v1.4s, #3"
        yield f"{op.upper()} V1.4S, V2.4S, V3.4S"
    for op in ("cmeq", "cmge", "cmgt", "cmle", "cmlt"):
        for t in ARR:
            yield f"{op} v3.{t}, v30.{t}, #0"
        yield f"{op} d3, d30, #0"
        yield f"{op} s3, s30, #0"
        yield f"{op} v3.4s, v30.4s, #1"
        yield f"{op} v3.4s, v30.2s, #0"
    for op in MISC2:
        for t in ARR:
            for d, n, _ in _v3(2):
                yield f"{op} v{d}.{t}, v{n}.{t}"
        yield f"{op} v0.16b, v1.8b"
        yield f"{op} v0.16b"
    for op in ACROSS:
        for t in ARR:
            for reg in "bhsd":
                yield f"{op} {reg}5, v31.{t}"
        yield f"{op} v0.16b, v1.16b"
    for t in ARR:
        for d, n, m in _v3(2):
            yield f"ext v{d}.{t}, v{n}.{t}, v{m}.{t}, #{(d % 8)}"
    # LLVM 14 masks an out-of-range ext index (#8 on .8b encodes #0): we raise instead
    for idx in (0, 7, 15):
        yield f"ext v1.16b, v2.16b, v3.16b, #{idx}"
    yield "ext v1.8b, v2.8b, v3.8b, #0"
    yield "ext v1.8b, v2.8b, v3.8b, #7"
    for op in ("tbl", "tbx"):
        for n in range(1, 5):
            for t in ("8b", "16b"):
                regs = ", ".join(f"v{(30 + i) % 32}.16b" for i in range(n))
                yield f"{op} v1.{t}, {{{regs}}}, v2.{t}"
                yield f"{op} v1.{t}, {{v{4}.16b-v{3 + n}.16b}}, v2.{t}"
        yield f"{op} v1.16b, {{v2.8b}}, v3.16b"
        yield f"{op} v1.4s, {{v2.16b}}, v3.4s"
        yield f"{op} v1.16b, {{v2.16b, v4.16b}}, v3.16b"
        yield f"{op} v1.16b, {{v2.16b-v6.16b}}, v3.16b"
    for t, lane, regs in (("8b", "b", WZR), ("16b", "b", WZR), ("4h", "h", WZR),
                          ("8h", "h", WZR), ("2s", "s", WZR), ("4s", "s", WZR), ("2d", "d", XZR),
                          ("1d", "d", XZR)):
        for i in range(0, 32, 5):
            yield f"dup v{i}.{t}, {regs[i]}"
            lanes = 16 // {"b": 1, "h": 2, "s": 4, "d": 8}[lane]
            yield f"dup v{31 - i}.{t}, v{i}.{lane}[{i % lanes}]"
        yield f"dup v1.{t}, v2.{lane}[16]"
        yield f"dup v1.{t}, {'x1' if regs is WZR else 'w1'}"
    for lane, n, gp in (("b", 16, "w"), ("h", 8, "w"), ("s", 4, "w"), ("d", 2, "x")):
        for i in range(n):
            yield f"ins v{i * 2}.{lane}[{i}], {gp}{i + 3}"
            yield f"ins v{31 - i}.{lane}[{i}], v{i}.{lane}[{n - 1 - i}]"
            yield f"umov {gp}{i}, v{i + 7}.{lane}[{i}]"
            yield f"smov w{i}, v{i + 7}.{lane}[{i}]"
            yield f"smov x{i}, v{i + 7}.{lane}[{i}]"
        yield f"ins v1.{lane}[{n}], {gp}1"
        yield f"umov {'x' if gp == 'w' else 'w'}1, v2.{lane}[0]"
        yield f"umov {gp}zr, v2.{lane}[0]"
        yield f"ins v1.{lane}[0], {gp}zr"
        yield f"ins v1.{lane}[0], {gp}sp" if gp == "w" else "ins v1.d[0], sp"
    for t in ("8b", "16b"):
        for imm in (0, 1, 0x7F, 0xFF, 0x100, -1):
            yield f"movi v2.{t}, #{imm}"
        yield f"movi v2.{t}, #1, lsl #8"
        yield f"mvni v2.{t}, #1"
    for op in ("movi", "mvni"):
        for t in ("4h", "8h"):
            for imm, sh in ((0, 0), (0xFF, 0), (0x12, 8), (1, 16), (256, 0)):
                yield f"{op} v3.{t}, #{imm}, lsl #{sh}"
            yield f"{op} v3.{t}, #0x55"
        for t in ("2s", "4s"):
            for imm, sh in ((0, 0), (0xFF, 8), (0x12, 16), (0x80, 24), (1, 32), (256, 0)):
                yield f"{op} v31.{t}, #{imm}, lsl #{sh}"
            yield f"{op} v31.{t}, #0x7f"
            for imm, sh in ((0, 8), (0xFF, 8), (0xAB, 16), (1, 16), (0x80, 8)):
                yield f"{op} v{imm % 32}.{t}, #{imm}, msl #{sh}"
            for bad in ("msl #0", "msl #24", "msl #4", "msl #32"):
                yield f"{op} v1.{t}, #1, {bad}"
            yield f"{op} v1.{t}, #256, msl #8"
        for t in ("8b", "16b", "4h", "8h", "2d", "1d"):
            yield f"{op} v1.{t}, #1, msl #8"
    for op in ("orr", "bic"):
        yield f"{op} v1.4s, #1, msl #8"
    yield "movi d0, #0, msl #8"
    for imm in ("#0", "#0xff", "#0xff00ff00ff00ff00", "#0xffffffffffffffff", "#0x1234",
                "#-1", "#0x100"):
        yield f"movi d7, {imm}"
        yield f"movi v7.2d, {imm}"
        yield f"movi v7.1d, {imm}"
    yield "movi s0, #0"
    for op in SHIFTS:
        for t, bits in (("8b", 8), ("16b", 8), ("4h", 16), ("8h", 16), ("2s", 32), ("4s", 32),
                        ("2d", 64), ("1d", 64)):
            for sh in (0, 1, bits - 1, bits):
                yield f"{op} v{sh % 32}.{t}, v{(sh * 3) % 32}.{t}, #{sh}"
    for op in NARROW:
        for dt, st, bits in (("8b", "8h", 8), ("4h", "4s", 16), ("2s", "2d", 32), ("16b", "8h", 8),
                             ("8h", "4s", 16), ("4s", "2d", 32), ("8b", "4s", 8)):
            for sh in (0, 1, bits):
                yield f"{op} v1.{dt}, v30.{st}, #{sh}"
    for op in LONG:
        for dt, st, bits in (("8h", "8b", 8), ("4s", "4h", 16), ("2d", "2s", 32), ("8h", "16b", 8),
                             ("4s", "8h", 16), ("2d", "4s", 32), ("2d", "8b", 8)):
            for sh in (0, bits - 1, bits):
                yield f"{op} v2.{dt}, v29.{st}, #{sh}"
    for op in XTL:
        for dt, st in (("8h", "8b"), ("4s", "4h"), ("2d", "2s"), ("8h", "16b"), ("4s", "8h"),
                       ("2d", "4s")):
            yield f"{op} v0.{dt}, v31.{st}"
    for op in XTN:
        for dt, st in (("8b", "8h"), ("4h", "4s"), ("2s", "2d"), ("16b", "8h"), ("8h", "4s"),
                       ("4s", "2d")):
            yield f"{op} v7.{dt}, v8.{st}"
    for op, n in (("ld1", 0), ("st1", 0), ("ld2", 2), ("st2", 2), ("ld3", 3), ("st3", 3),
                  ("ld4", 4), ("st4", 4)):
        for count in ((1, 2, 3, 4) if n == 0 else (n,)):
            for t in ARR:
                first = (count * 9 + len(t)) % 32
                regs = ", ".join(f"v{(first + i) % 32}.{t}" for i in range(count))
                size = count * (16 if t in ("16b", "8h", "4s", "2d") else 8)
                base = XSP[(first * 3) % 32]
                yield f"{op} {{{regs}}}, [{base}]"
                yield f"{op} {{{regs}}}, [{base}], #{size}"
                yield f"{op} {{{regs}}}, [{base}], {XZR[(first + 5) % 31]}"
            yield f"{op} {{v31.4s-v{(31 + count - 1) % 32}.4s}}, [x0]"
            yield f"{op} {{v0.4s-v{count - 1}.4s}}, [x0], #8"
            yield f"{op} {{v0.4s-v{count - 1}.4s}}, [x0, #16]"
            yield f"{op} {{v0.4s-v{count - 1}.4s}}, [x0], xzr"
            yield f"{op} {{v0.4s-v{count - 1}.4s}}, [x0, #16]!"
        yield f"{op} {{v0.4s, v2.4s}}, [x0]"
        yield f"{op} {{v0.4s, v1.2s}}, [x0]"
        yield f"{op} {{v0.4s-v4.4s}}, [x0]"
        yield f"{op} {{v0.1q}}, [x0]"


GP_NAMED = ["add", "sub", "mul", "and", "orr", "eor", "bic", "orn"]


def gp_named_lines() -> Iterator[str]:
    """Vector forms of mnemonics the general-purpose groups also have."""
    for op in GP_NAMED:
        for t in ARR:
            for d, n, m in _v3(2):
                yield f"{op} v{d}.{t}, v{n}.{t}, v{m}.{t}"
        yield f"{op} d0, d1, d2"
        yield f"{op} s0, s1, s2"
        yield f"{op} v0.4s, v1.4s, v2.8h"
        yield f"{op} v0.16b, v1.16b, v2.16b, lsl #1"
    for t in ARR:
        yield f"neg v{len(t)}.{t}, v30.{t}"
        yield f"mvn v{len(t)}.{t}, v30.{t}"
        yield f"mov v{len(t)}.{t}, v30.{t}"
    yield "neg d1, d2"
    yield "neg s1, s2"
    yield "neg v0.4s, v1.4s, lsl #1"
    for op in ("orr", "bic"):
        for t in ("4h", "8h", "2s", "4s", "8b", "2d"):
            # only with an explicit non-zero lsl: the vector orr/bic immediate without a
            # shift does not fit the general-purpose orr/bic signature yet
            for imm, sh in ((0xFF, 8), (0x12, 16), (1, 24), (256, 8), (1, 32)):
                yield f"{op} v9.{t}, #{imm}, lsl #{sh}"


FP3 = ["fmla", "fmls", "fmulx", "frecps", "frsqrts", "fmaxnmp", "faddp", "facge", "fmaxp",
       "fminnmp", "fabd", "facgt", "fminp", "fcmeq", "fcmge", "fcmgt"]


def fp_lines() -> Iterator[str]:
    for op in FP3:
        for t in ("2s", "4s", "2d", "1d", "8b", "4h"):
            for d, n, m in _v3(2):
                yield f"{op} v{d}.{t}, v{n}.{t}, v{m}.{t}"
        for r in "hsd":
            yield f"{op} {r}1, {r}2, {r}31"
        yield f"{op} v0.4s, v1.2s, v2.4s"
    for op in ("fcmeq", "fcmge", "fcmgt", "fcmle", "fcmlt"):
        for t in ("2s", "4s", "2d"):
            yield f"{op} v5.{t}, v6.{t}, #0.0"
            yield f"{op} v5.{t}, v6.{t}, #0"
        yield f"{op} s5, s6, #0.0"
        yield f"{op} d5, d6, #0.0"
        yield f"{op} v5.4s, v6.4s, #1.0"


LONG3 = ["saddl", "uaddl", "ssubl", "usubl", "sabal", "uabal", "sabdl", "uabdl", "smlal",
         "umlal", "smlsl", "umlsl", "smull", "umull", "sqdmull", "sqdmlal", "sqdmlsl"]
WIDE3 = ["saddw", "uaddw", "ssubw", "usubw"]
HIGH3 = ["addhn", "raddhn", "subhn", "rsubhn"]
PAIRWISE = ["saddlp", "uaddlp", "sadalp", "uadalp"]
SHAPES = [("8h", "8b", "16b"), ("4s", "4h", "8h"), ("2d", "2s", "4s")]


def long_lines() -> Iterator[str]:
    for base in LONG3:
        for op, upper in ((base, False), (base + "2", True)):
            for wide, lo, hi in SHAPES:
                narrow = hi if upper else lo
                for d, n, m in _v3(2):
                    yield f"{op} v{d}.{wide}, v{n}.{narrow}, v{m}.{narrow}"
            yield f"{op} v0.8h, v1.{'8b' if upper else '16b'}, v2.{'8b' if upper else '16b'}"
            yield f"{op} v0.4s, v1.8b, v2.8b"
            yield f"{op} v0.1q, v1.1d, v2.1d"
    for base in WIDE3:
        for op, upper in ((base, False), (base + "2", True)):
            for wide, lo, hi in SHAPES:
                narrow = hi if upper else lo
                yield f"{op} v3.{wide}, v4.{wide}, v31.{narrow}"
            yield f"{op} v3.8h, v4.8b, v5.8b"
    for base in HIGH3:
        for op, upper in ((base, False), (base + "2", True)):
            for wide, lo, hi in SHAPES:
                narrow = hi if upper else lo
                yield f"{op} v7.{narrow}, v8.{wide}, v9.{wide}"
            yield f"{op} v7.8h, v8.8h, v9.8h"
    for op in PAIRWISE:
        for src, dst in (("8b", "4h"), ("16b", "8h"), ("4h", "2s"), ("8h", "4s"), ("2s", "1d"),
                         ("4s", "2d")):
            yield f"{op} v10.{dst}, v30.{src}"
        yield f"{op} v10.8h, v30.8h"
        yield f"{op} v10.2d, v30.2d"


def lane_lines() -> Iterator[str]:
    """Single-structure loads/stores of one lane, and the replicating loads."""
    for op, n in (("ld1", 1), ("ld2", 2), ("ld3", 3), ("ld4", 4), ("st1", 1), ("st2", 2),
                  ("st3", 3), ("st4", 4)):
        for t, lanes in (("b", 16), ("h", 8), ("s", 4), ("d", 2)):
            for index in (0, lanes // 2 - 1, lanes - 1):
                first = (index * 7 + n) % 32
                regs = ", ".join(f"v{(first + i) % 32}.{t}" for i in range(n))
                size = n * {"b": 1, "h": 2, "s": 4, "d": 8}[t]
                yield f"{op} {{{regs}}}[{index}], [x{index % 31}]"
                yield f"{op} {{{regs}}}[{index}], [sp], #{size}"
                yield f"{op} {{{regs}}}[{index}], [x3], x{(index + 9) % 31}"
            yield f"{op} {{v0.{t}}}[{lanes}], [x0]"
            yield f"{op} {{v0.{t}}}[0], [x0], #{n * 16}"
        if n > 1:
            yield f"{op} {{v0.s-v{n - 1}.s}}[1], [x2]"
            yield f"{op} {{v0.s, v2.s}}[1], [x2]"
    for op, n in (("ld1r", 1), ("ld2r", 2), ("ld3r", 3), ("ld4r", 4)):
        for t in ARR:
            first = (n * 5 + len(t)) % 32
            regs = ", ".join(f"v{(first + i) % 32}.{t}" for i in range(n))
            size = n * {"b": 1, "h": 2, "s": 4, "d": 8}[t[-1]]
            yield f"{op} {{{regs}}}, [x{first % 31}]"
            yield f"{op} {{{regs}}}, [x{first % 31}], #{size}"
            yield f"{op} {{{regs}}}, [sp], x{(first + 2) % 31}"
        yield f"{op} {{v0.4s}}, [x0], #3"
        yield f"{op} {{v0.s}}[0], [x0]"


def element_lines() -> Iterator[str]:
    """By-element forms."""
    for op in ("mla", "mls", "mul", "sqdmulh", "sqrdmulh"):
        for t, lane, lanes in (("4h", "h", 8), ("8h", "h", 8), ("2s", "s", 4), ("4s", "s", 4)):
            for i, m in ((0, 0), (lanes - 1, 15), (1, 31)):
                yield f"{op} v1.{t}, v30.{t}, v{m}.{lane}[{i}]"
            yield f"{op} v1.{t}, v30.{t}, v2.{lane}[{lanes}]"
        yield f"{op} v1.2d, v30.2d, v2.d[1]"
        yield f"{op} v1.4s, v30.4s, v2.h[1]"
    for op in ("fmla", "fmls", "fmulx"):
        for t, lane, lanes in (("2s", "s", 4), ("4s", "s", 4), ("2d", "d", 2)):
            for i, m in ((0, 0), (lanes - 1, 31), (1, 17)):
                yield f"{op} v5.{t}, v6.{t}, v{m}.{lane}[{i}]"
            yield f"{op} v5.{t}, v6.{t}, v7.{lane}[{lanes}]"
        yield f"{op} v5.1d, v6.1d, v7.d[0]"
    for base in ("smull", "umull", "smlal", "umlal", "smlsl", "umlsl", "sqdmull", "sqdmlal",
                 "sqdmlsl"):
        for op, upper in ((base, False), (base + "2", True)):
            for wide, lo, hi, lane, lanes in (("4s", "4h", "8h", "h", 8),
                                              ("2d", "2s", "4s", "s", 4)):
                narrow = hi if upper else lo
                for i, m in ((0, 0), (lanes - 1, 15), (1, 31)):
                    yield f"{op} v9.{wide}, v10.{narrow}, v{m}.{lane}[{i}]"
            yield f"{op} v9.8h, v10.8b, v11.b[1]"


def fp_shared_lines() -> Iterator[str]:
    """Vector forms of the scalar FP mnemonics."""
    for op in ("fadd", "fsub", "fmul", "fdiv", "fmax", "fmin", "fmaxnm", "fminnm"):
        for t in ("2s", "4s", "2d", "1d", "4h"):
            for d, n, m in _v3(2):
                yield f"{op} v{d}.{t}, v{n}.{t}, v{m}.{t}"
        yield f"{op} v0.4s, v1.2s, v2.4s"
        yield f"{op} v0.4s, s1, s2"
    for t, lane in (("2s", "s"), ("4s", "s"), ("2d", "d")):
        yield f"fmul v3.{t}, v4.{t}, v31.{lane}[1]"
    for op in ("fabs", "fneg", "fsqrt"):
        for t in ("2s", "4s", "2d", "1d", "16b"):
            yield f"{op} v{len(t)}.{t}, v{31 - len(t)}.{t}"
        yield f"{op} v0.4s, v1.2s"


def fmov_lines() -> Iterator[str]:
    for t in ("2s", "4s", "2d", "1d", "8b"):
        for imm in ("#1.0", "#-0.5", "#31.0", "#0.125", "#0x70", "#0.0", "#0.1", "#32.0"):
            yield f"fmov v{len(imm)}.{t}, {imm}"
    yield "fmov v0.4s, v1.4s"
    yield "fmov v0.4s, w1"


def reversed_compare_lines() -> Iterator[str]:
    """The register compares LLVM spells with the sources swapped (cmle = cmge vd, vm, vn)."""
    for op in ("cmle", "cmlt", "cmls", "cmlo"):
        for t in ARR:
            for d, n, m in _v3(2):
                yield f"{op} v{d}.{t}, v{n}.{t}, v{m}.{t}"
        yield f"{op} d0, d31, d7"
        yield f"{op} d31, d0, d30"
        yield f"{op} s0, s1, s2"
        yield f"{op} b0, b1, b2"
        yield f"{op} v0.4s, v1.4s, v2.2s"
        yield f"{op} v0.4s, v1.2s, v2.4s"
        yield f"{op} v0.8h, v1.8h, v2.h[1]"
    for op in ("fcmle", "fcmlt", "facle", "faclt"):
        for t in ("4h", "8h", "2s", "4s", "2d", "8b", "1d"):
            for d, n, m in _v3(2):
                yield f"{op} v{d}.{t}, v{n}.{t}, v{m}.{t}"
        for r in "hsd":
            yield f"{op} {r}1, {r}2, {r}31"
            yield f"{op} {r}31, {r}0, {r}15"
        yield f"{op} s1, d2, s3"
        yield f"{op} d1, d2, s3"
        yield f"{op} v0.4s, v1.4s, v2.2s"
        yield f"{op} v0.4s, v1.4s, v2.s[1]"
    # as LLVM's own tests write them (arm64-aliases.s)
    for op in ("cmls", "cmle", "cmlo", "cmlt"):
        yield f"{op} d0, d2, d1"
    for op in ("fcmle", "fcmlt", "facle", "faclt"):
        yield f"{op} s0, s2, s1"
        yield f"{op} d0, d2, d1"


def llvm_suite_lines() -> Iterator[str]:
    """SIMD lines of LLVM's own MC tests (arm64-fp-encoding.s, arm64-arithmetic-encoding.s,
    arm64-aliases.s, optional-hash.s, neon-mov.s) as they are written there."""
    for op in ("sqxtn", "uqxtn", "sqxtun"):
        yield from (f"{op} b4, h2", f"{op} h2, s3", f"{op} s9, d2")
    yield from ("cmhs d0, d0, d0", "cmtst d0, d0, d0", "cmgt v0.8b, v15.8b, 0",
                "fcmeq v0.2s, v31.2s, 0.0", "fmov v1.2s, #1.0", "fmov v15.4s, #1.0",
                "fmov v31.2d, #1.0")
    for op in ("sxtl", "uxtl"):
        yield from (f"{op} v1.8h, v2.8b", f"{op} v1.4s, v2.4h", f"{op} v1.2d, v2.2s",
                    f"{op}2 v1.8h, v2.16b", f"{op}2 v1.4s, v2.8h", f"{op}2 v1.2d, v2.4s")
