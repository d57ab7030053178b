"""b, bl, b.cond, cbz, cbnz, tbz, tbnz, br, blr, ret, adr, adrp with numeric targets
(byte offsets from the instruction, as in llvm-mc's ``b #8``)."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import CONDS, WZR, XSP, XZR, W, X, cycle


def _offsets(reach: int, scale: int) -> list[str]:
    """Edges of a signed PC-relative range [-reach, reach - scale] and just outside,
    misaligned values, hex spellings and LLVM's 64-bit wrapped negatives."""
    top = reach - scale
    out = [0, scale, -scale, 8 * scale, -16 * scale, top, -reach, top + scale,
           -reach - scale, reach * 2, -reach * 2]
    if scale > 1:
        out += [scale // 2, -scale // 2, top + 1, scale + 1]
    texts = [f"#{v}" for v in out]
    texts += [f"#{hex(scale * 4)}", f"#{hex((1 << 64) - scale * 4)}", f"#{hex((1 << 64) - reach)}",
              f"#{hex((1 << 64) - reach - scale)}", f"{scale * 2}"]
    return texts


def lines() -> Iterator[str]:
    far = _offsets(1 << 27, 4)
    near = _offsets(1 << 20, 4)
    tiny = _offsets(1 << 15, 4)
    for op in ("b", "bl"):
        for t in far:
            yield f"{op} {t}"
        yield f"{op} x0"
    for cond in CONDS:
        for t in near:
            yield f"b.{cond} {t}"
        yield f"b{cond} #-8"  # LLVM's dotless spelling
        yield f"B.{cond.upper()} #12"
    yield "b.xx #4"
    yield "b.eq x0"
    for op in ("cbz", "cbnz"):
        for i, r in enumerate([*XZR, *WZR]):
            yield f"{op} {r}, {near[i % len(near)]}"
        for t in near:
            yield f"{op} x7, {t}"
        yield f"{op} xzr, #-4"
        yield f"{op} sp, #4"
        yield f"{op} wsp, #4"
        yield f"{op} x0"
        yield f"{op} d0, #4"
    for op in ("tbz", "tbnz"):
        for bit in range(64):
            yield f"{op} {cycle(XZR, 64, bit)[bit]}, #{bit}, {tiny[bit % len(tiny)]}"
        for bit in range(33):
            yield f"{op} {cycle(WZR, 33, bit)[bit]}, #{bit}, #{-4 * bit}"
        for t in tiny:
            yield f"{op} w9, #9, {t}"
        for r in ("x30", "w30", "xzr", "wzr"):
            yield f"{op} {r}, #0, #4"
        yield f"{op} x1, #64, #4"
        yield f"{op} x1, #-1, #4"
        yield f"{op} sp, #1, #4"
        yield f"{op} x1, x2, #4"
    for op in ("br", "blr", "ret"):
        for r in [*XZR, "sp", "w0", "wzr", "d0"]:
            yield f"{op} {r}"
    yield "ret"
    yield "br"
    for i, r in enumerate([*XZR, "sp", "w0"]):
        yield f"adr {r}, {_offsets(1 << 20, 1)[i % 15]}"
    for t in [*_offsets(1 << 20, 1), "#1", "#-1", "#3", "#0x7"]:
        yield f"adr x11, {t}"
    for i, r in enumerate([*XZR, "sp", "w0"]):
        yield f"adrp {r}, {_offsets(1 << 32, 4096)[i % 15]}"
    for t in _offsets(1 << 32, 4096):
        yield f"adrp x19, {t}"
    for i, r in enumerate(cycle(X, 31)):
        yield f"adrp {r}, #{4096 * (i - 15)}"
    for w in W[:3]:
        yield f"adr {w}, #4"
    for r in XSP[-2:]:
        yield f"adr {r}, #0"
    # literals wrap at 64 bits (found by differential fuzzing against llvm-mc)
    yield from ("b #-18446744073709551600", "b #-18446744073709551616", "b #18446744073709551616",
                "cbz w4, #-18446744073709551600", "tbz x0, #1, #-18446744073709551612",
                "adr x0, #-18446744073709551615")
