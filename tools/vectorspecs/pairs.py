"""Register pairs: ldp/stp of w, x, s, d, q; ldpsw; ldnp/stnp.

Signed offset, pre- and post-index (imm7 scaled by the register size), every register
number in each of the three positions, offset edges, and the unpredictable forms LLVM
rejects: ldp with rt == rt2, and writeback to a base that is also transferred.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WZR, XSP, XZR

FP = {p: [f"{p}{i}" for i in range(32)] for p in "bhsdq"}
POOL = {"x": XZR, "w": WZR, **FP}
SHIFT = {"w": 2, "x": 3, "s": 2, "d": 3, "q": 4}
FORMS = {"ldp": "wxsdq", "stp": "wxsdq", "ldpsw": "x", "ldnp": "wxsdq", "stnp": "wxsdq"}
WRONG = {"ldp": "bh", "stp": "bh", "ldpsw": "wsd", "ldnp": "bh", "stnp": "bh"}

# Lines the Python API tests look up by text.
EXAMPLES = [
    "stp x29, x30, [sp, #-16]!",
    "ldp x29, x30, [sp], #16",
    "ldp x0, x1, [x2]",
    "ldp x0, x1, [sp, #504]",
    "stp w0, w1, [x2, #-256]",
    "ldp s0, s1, [x2, #252]!",
    "stp d0, d1, [x2], #-512",
    "ldp q0, q1, [sp, #1008]",
    "stp q0, q1, [sp, #-1024]!",
    "ldpsw x0, x1, [x2, #-256]",
    "ldpsw x0, x1, [x2], #252",
    "ldnp x0, x1, [x2, #8]",
    "stnp q0, q1, [sp, #-1024]",
    "stp x0, x0, [x1, #16]!",
]


def triples(cls: str, n: int = 32, start: int = 0) -> list[tuple[str, str, str]]:
    """(rt, rt2, rn): every number in every position, rt != rt2."""
    pool = POOL[cls]
    return [(pool[(start + i) % 32], pool[(start + i * 7 + 5) % 32],
             XSP[(start + i * 11 + 3) % 32]) for i in range(n)]


def lines() -> Iterator[str]:
    yield from EXAMPLES
    for op, classes in FORMS.items():
        writeback = op not in ("ldnp", "stnp")
        for cls in classes:
            size = 1 << (2 if op == "ldpsw" else SHIFT[cls])
            offsets = (0, size, -size, 63 * size, -64 * size, 64 * size, -65 * size,
                       size // 2, 3, 17 * size, -33 * size)
            for t, t2, n in triples(cls):
                yield f"{op} {t}, {t2}, [{n}]"
            for k, off in enumerate(offsets):
                for t, t2, n in triples(cls, 4, start=k * 3):
                    yield f"{op} {t}, {t2}, [{n}, #{off}]"
                    yield f"{op} {t}, {t2}, [{n}, #{off}]!"
                    yield f"{op} {t}, {t2}, [{n}], #{off}"
            for t, t2, n in triples(cls, 32, start=1):
                yield f"{op} {t}, {t2}, [{n}, #{-2 * size}]!"
                yield f"{op} {t}, {t2}, [{n}], #{2 * size}"
            # rt == rt2: unpredictable for loads (LLVM allows it for ldnp and stores).
            for i in (0, 9, 30, 31):
                r = POOL[cls][i]
                yield f"{op} {r}, {r}, [x1, #{size}]"
                yield f"{op} {r}, {r}, [sp], #{size}"
                yield f"{op} {r}, {r}, [x{(i + 3) % 31}], #{size}"
                yield f"{op} {r}, {r}, [x{(i + 4) % 31}, #-{size}]!"
            # Writeback to a base that is also transferred.
            if cls in "xw":
                pool = POOL[cls]
                for i in (0, 7, 19, 30):
                    b = f"x{i}"
                    other = pool[(i + 1) % 31]
                    yield f"{op} {pool[i]}, {other}, [{b}, #{size}]!"
                    yield f"{op} {other}, {pool[i]}, [{b}], #{size}"
                    yield f"{op} {pool[i]}, {other}, [{b}, #{size}]"
                yield f"{op} {pool[31]}, {pool[1]}, [sp, #{size}]!"
                yield f"{op} {pool[1]}, {pool[31]}, [sp], #{size}"
                yield f"{op} {pool[31]}, {pool[31]}, [sp, #-{2 * size}]!"
        for cls in WRONG[op]:
            yield f"{op} {POOL[cls][1]}, {POOL[cls][2]}, [x3]"
        yield f"{op} x1, w2, [x3]"
        yield f"{op} w1, x2, [x3]"
        yield f"{op} d1, x2, [x3]"
        yield f"{op} s1, d2, [x3]"
        yield f"{op} q1, d2, [x3]"
        yield f"{op} sp, x2, [x3]"
        yield f"{op} x1, sp, [x3]"
        yield f"{op} x1, x2, [xzr]"
        yield f"{op} x1, x2, [w3]"
        yield f"{op} x1, x2, [x3, x4]"
        yield f"{op} x1, x2, #8"
        yield f"{op} x1, x2, [x3, #0xfffffffffffffff0]"  # -16 as LLVM reads it
        if not writeback:
            yield f"{op} x1, x2, [x3, #16]!"
