"""bc.cond (FEAT_HBC, hinted conditional branches) with numeric targets (byte offsets
from the instruction, as in llvm-mc's ``bc.eq #8``). LLVM 14 has no dotless ``bceq``."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import CONDS
from .branch import _offsets

MATTR = "+v8.3a,+hbc"


def lines() -> Iterator[str]:
    near = _offsets(1 << 20, 4)
    for cond in CONDS:
        for t in near:
            yield f"bc.{cond} {t}"
        yield f"BC.{cond.upper()} #12"
        yield f"bc{cond} #-8"  # no dotless spelling in LLVM 14
    yield "bc.xx #4"
    yield "bc. #4"
    yield "bc.eq x0"
    yield "bc.eq"
    yield "bc.eq #4, #8"
    yield "bc #4"
    yield "bc.eq #-18446744073709551600"
