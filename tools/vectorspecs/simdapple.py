"""LLVM's Apple NEON spelling (``cmls.8b v0, v2, v1``: the mnemonic's suffix arranges every
bare vector register; for the widening, narrowing and long forms it is the destination's
arrangement, ``sxtl.8h v1, v2`` being sxtl v1.8h, v2.8b), made from the recorded generic
vectors of the Advanced SIMD groups (the suffix: the destination's arrangement), plus lines
llvm-mc rejects (it has no Apple form of fcvtl/fcvtn, the dot products, FHM, BF16 and the
matrix multiplies). Lanes (``v2[1]``) and register lists (``ld1.16b {v0}, [x0]``) are not
covered: left out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

MATTR = ("+v8.6a,+neon,+fullfp16,+rdm,+dotprod,+i8mm,+bf16,+fp16fml,+complxnum,+aes,+sha2,"
         "+sha3,+sm4")
GROUPS = ("simd", "simdext", "simdscalar", "simdcvt", "crypto")
VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
VREG = re.compile(r"\bv(\d+)\.(8b|16b|4h|8h|2s|4s|1d|2d)\b", re.I)
OTHER = re.compile(r"\.(2h|4b|1q|[bhsd])\b|[{\[]", re.I)


def lines() -> Iterator[str]:
    for group in GROUPS:
        for line in (VECTORS / f"{group}.txt").read_text().splitlines():
            if not line or line.startswith("#"):
                continue
            asm = line.split("\t", 1)[1]
            op, _, rest = asm.partition(" ")
            first = VREG.search(rest)
            if first is None or OTHER.search(rest):
                continue
            yield f"{op}.{first.group(2).lower()} " + VREG.sub(lambda m: f"v{m.group(1)}", rest)
    yield from ("add.4q v0, v1, v2", "add.8b v0, v1, v2.8b", "add.8b v0, v1.8b, v2.8b",
                "cmls.2s v0, v1", "fadd.8b v0, v1, v2", "addv.2d d0, v1", "mov.4s v0, v1",
                "mov.16b v0, v1", "movi.2d v0, #0", "not.16b v0, v1", "b.8b v0",
                "sdot.4s v0, v1, v2", "ld1.16b {v0.16b}, [x0]",
                "sqrdmulh.4s v1, v2, v10.s[3]", "mov.4s v0, v1.4s", "sdot.4s v0, v1, v2.4b[1]")
