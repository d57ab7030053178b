"""Literal (PC-relative) loads with numeric offsets: ldr w/x/s/d/q, ldrsw, prfm.

``ldr x0, #8`` is a byte offset from the instruction: a multiple of 4 in
-1048576..1048572. Label targets need context; the API tests cover them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WZR, XZR

FP = {p: [f"{p}{i}" for i in range(32)] for p in "bhsdq"}
OFFSETS = (0, 4, -4, 8, 1048572, -1048576, 1048576, -1048580, 2, -2, 1, 0x100, -0x7fffc,
           0x40000, 1 << 32)

# Lines the Python API tests look up by text.
EXAMPLES = [
    "ldr x0, #8",
    "ldr w3, #-4",
    "ldr xzr, #1048572",
    "ldr s0, #-1048576",
    "ldr d7, #0",
    "ldr q1, #256",
    "ldrsw x2, #-16",
    "prfm #31, #-4096",
    "ldr x0, #-12",
    "ldr q1, #-12",
    "ldrsw x2, #-12",
    "prfm pstl2strm, #-12",
    "ldr w3, #12",
    "ldr d7, #12",
    "ldrsw x2, #12",
    "prfm pldl3keep, #12",
    "ldr x0, #-1048576",
]


def lines() -> Iterator[str]:
    yield from EXAMPLES
    forms = [("ldr", XZR), ("ldr", WZR), ("ldr", FP["s"]), ("ldr", FP["d"]), ("ldr", FP["q"]),
             ("ldrsw", XZR)]
    for op, pool in forms:
        for i, r in enumerate(pool):
            yield f"{op} {r}, #{(i * 4 - 64) * (1 + 97 * (i % 3))}"
        for k, off in enumerate(OFFSETS):
            yield f"{op} {pool[(k * 7) % 32]}, #{off}"
        yield f"{op} {pool[5]}, #0x{0x1234 * 4:x}"
        yield f"{op} {pool[6]}, #-0x10"
    for op, reg in (("ldr", "b0"), ("ldr", "h1"), ("ldrsw", "w2"), ("ldrb", "w3"),
                    ("ldrh", "w4"), ("ldrsb", "x5"), ("ldrsh", "w6"), ("str", "x7"),
                    ("str", "w8"), ("ldur", "x9"), ("ldr", "sp"), ("ldr", "wsp")):
        yield f"{op} {reg}, #8"
    names = [f"{t}{g}{p}" for t in ("pld", "pli", "pst") for g in ("l1", "l2", "l3")
             for p in ("keep", "strm")]
    for k, name in enumerate(names):
        yield f"prfm {name}, #{k * 4 - 24}"
    for i in range(33):
        yield f"prfm #{i}, #{(i - 16) * 4096}"
    for off in OFFSETS:
        yield f"prfm pldl1keep, #{off}"
    yield "prfum pldl1keep, #8"
