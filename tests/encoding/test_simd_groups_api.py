"""The 32-bit lane groups (``v2.4b[i]``, ``v2.2h[i]``, ``v1.2h``) and what takes them: the
dot products by element (sdot, udot, usdot, sudot, bfdot), the FP16 scalar pairwise forms
(``faddp h0, v1.2h``), and the register compares LLVM spells with the sources swapped
(cmle, cmlt, cmls, cmlo, fcmle, fcmlt, facle, faclt): Python API against llvm-mc's recorded
bytes, operand identity, and errors."""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pytest

from a64jit import Assembler, assemble
from a64jit.errors import AsmSyntaxError, OperandError
from a64jit.operands import (
    VPacked,
    VPackedLane,
    d0,
    d7,
    d31,
    h0,
    h1,
    h31,
    s0,
    s1,
    s2,
    s31,
    v0,
    v1,
    v2,
    v3,
    v7,
    v15,
    v16,
    v19,
    v31,
)
from tests.encoding.apicheck import api, llvm

CASES: list[tuple[str, str, Callable[[Assembler], object]]] = [
    ("simdext", "sdot v0.2s, v31.8b, v15.4b[0]", lambda a: a.sdot(v0.s2, v31.b8, v15.b4[0])),
    ("simdext", "udot v31.4s, v0.16b, v19.4b[3]", lambda a: a.udot(v31.s4, v0.b16, v19.b4[3])),
    ("simdext", "usdot v7.2s, v19.8b, v3.4b[0]", lambda a: a.usdot(v7.s2, v19.b8, v3.b4[0])),
    ("simdext", "sudot v31.4s, v0.16b, v16.4b[0]",
     lambda a: a.sudot(v31.s4, v0.b16, v16.b4[0])),
    ("simdext", "bfdot v0.2s, v31.4h, v15.2h[1]", lambda a: a.bfdot(v0.s2, v31.h4, v15.h2[1])),
    ("simdext", "bfdot v31.4s, v0.8h, v19.2h[3]", lambda a: a.bfdot(v31.s4, v0.h8, v19.h2[3])),
    ("simdscalar", "faddp h0, v31.2h", lambda a: a.faddp(h0, v31.h2)),
    ("simdscalar", "fminnmp h31, v0.2h", lambda a: a.fminnmp(h31, v0.h2)),
    ("simd", "cmls d0, d31, d7", lambda a: a.cmls(d0, d31, d7)),
    ("simd", "facle s1, s2, s31", lambda a: a.facle(s1, s2, s31)),
    ("simd", "cmle v0.8b, v3.8b, v31.8b", lambda a: a.cmle(v0.b8, v3.b8, v31.b8)),
    ("simd", "cmlo v0.4h, v3.4h, v31.4h", lambda a: a.cmlo(v0.h4, v3.h4, v31.h4)),
    ("simd", "fcmlt v0.8h, v3.8h, v31.8h", lambda a: a.fcmlt(v0.h8, v3.h8, v31.h8)),
    ("simdext", "fmlal v0.2s, v31.2h, v15.2h", lambda a: a.fmlal(v0.s2, v31.h2, v15.h2)),
    ("simdext", "fmlal v0.2s, v31.2h, v15.h[7]", lambda a: a.fmlal(v0.s2, v31.h2, v15.h[7])),
    ("simdext", "fcmla v0.4s, v31.4s, v15.4s, #0", lambda a: a.fcmla(v0.s4, v31.s4, v15.s4, 0)),
    ("simdext", "fcmla v31.8h, v0.8h, v16.h[0], #0",
     lambda a: a.fcmla(v31.h8, v0.h8, v16.h[0], 0)),
    ("simdext", "fcadd v0.2d, v31.2d, v15.2d, #270",
     lambda a: a.fcadd(v0.d2, v31.d2, v15.d2, 270)),
]


@pytest.mark.parametrize(("group", "asm", "call"), CASES, ids=[c[1] for c in CASES])
def test_api_matches_llvm(group: str, asm: str, call: Callable[[Assembler], object]) -> None:
    assert api(call) == llvm(group, asm)


def test_groups_are_shared_typed_and_named_like_llvm() -> None:
    assert v2.b4 is v2.b4 and type(v2.b4) is VPacked and repr(v1.h2) == "v1.2h"
    assert v2.b4[3] is v2.b4[3] and type(v2.h2[1]) is VPackedLane
    assert repr(v31.b4[3]) == "v31.4b[3]" and repr(v0.h2[0]) == "v0.2h[0]"
    lane = v19.b4[2]
    assert (lane.code, lane.esize, lane.lanes, lane.index) == (19, 8, 4, 2)
    for obj in (v2.b4, v1.h2, v31.b4[3], v7.h2[1]):
        assert pickle.loads(pickle.dumps(obj)) is obj
    # the text front-end makes the same objects (any spacing or base of the index)
    assert assemble("sdot v0.2s, v1.8b, v2.4b [ 0x3 ]") == assemble(
        "sdot v0.2s, v1.8b, v2.4b[3]")


@pytest.mark.parametrize("index", [4, -1, 1.0, "1"])
def test_group_index_out_of_range(index: object) -> None:
    with pytest.raises(OperandError, match=r"v2\.4b\[.*lane index must be an int 0\.\.3"):
        v2.b4[index]  # type: ignore[index]


BAD: list[tuple[Callable[[Assembler], object], str]] = [
    (lambda a: a.sdot(v0.s2, v1.b8, v2.s[1]), r"sdot: second source v2\.s\[1\].*v2\.4b\[3\]"),  # type: ignore[arg-type]
    (lambda a: a.sdot(v0.s2, v1.b8, v2.h2[1]), r"sdot: second source v2\.2h\[1\].*4 bytes"),
    (lambda a: a.sdot(v0.s2, v1.b16, v2.b4[1]), r"sdot: first source v1\.16b.*\.8b"),
    (lambda a: a.udot(v0.h4, v1.b8, v2.b4[1]), r"udot: destination v0\.4h.*\.2s, \.4s"),
    (lambda a: a.sudot(v0.s4, v1.b16, v2.b16), r"sudot: second source v2\.16b.*no vector"),  # type: ignore[arg-type]
    (lambda a: a.bfdot(v0.s4, v1.h8, v2.b4[0]), r"bfdot: second source v2\.4b\[0\].*2 half"),
    (lambda a: a.bfdot(v0.s4, v1.h8, v2.h[0]), r"bfdot: second source v2\.h\[0\].*v2\.2h"),  # type: ignore[arg-type]
    (lambda a: a.faddp(h0, v1.h4), r"faddp: source v1\.4h.*\.2h"),
    (lambda a: a.faddp(s0, v1.h2), r"faddp: destination s0.*h0-h31"),
    (lambda a: a.fmaxp(h1, v1.b4), r"fmaxp: source v1\.4b"),
    (lambda a: a.cmle(v0.s4, v1.s4, v2.s2), r"cmle: second source v2\.2s.*\.4s"),
    (lambda a: a.cmle(v0.s4, v1.s2, v2.s4), r"cmle: first source v1\.2s.*\.4s"),
    (lambda a: a.cmlo(s0, s1, s1), r"cmlo: destination s0.*d0-d31"),
    (lambda a: a.facle(h0, h1, h1), r"facle: destination h0.*s0-s31, d0-d31"),
    (lambda a: a.fcmle(d0, d7, s1), r"fcmle: second source s1.*64-bit"),
    (lambda a: a.cmle(v0.s4, v1.s4, 1), r"cmle: immediate 1.*#0"),
    (lambda a: a.fmlal(v0.s2, v1.h4, v2.h4), r"fmlal: first source v1\.4h.*\.2h"),
    (lambda a: a.fmlal2(v0.s4, v1.h4, v2.h2), r"fmlal2: second source v2\.2h.*\.4h"),
    (lambda a: a.fcmla(v0.s4, v1.s4, v2.s4, 45), r"fcmla: rotation 45.*#0, #90, #180, #270"),
    (lambda a: a.fcadd(v0.s4, v1.s4, v2.s4, 180), r"fcadd: rotation 180.*#90, #270"),
    (lambda a: a.fcadd(v0.s4, v1.s4, v2.s[0], 90), r"fcadd: second source v2\.s\[0\]"),
    (lambda a: a.fcmla(v0.s4, v1.s4, v2.s[2], 90), r"fcmla: lane index 2.*0\.\.1"),
    (lambda a: a.fcmla(v0.s2, v1.s2, v2.s[0], 90), r"fcmla: second source v2\.s\[0\]"),
]


@pytest.mark.parametrize(("call", "message"), BAD, ids=[m for _, m in BAD])
def test_errors_name_the_instruction_and_operand(call: Callable[[Assembler], object],
                                                 message: str) -> None:
    with pytest.raises((OperandError, ValueError), match=message):
        call(Assembler())


def test_text_errors_have_a_column() -> None:
    with pytest.raises(AsmSyntaxError, match=r"column 20: sdot: v2\.4b\[4\]: lane index"):
        assemble("sdot v0.2s, v1.8b, v2.4b[4]")
    with pytest.raises(AsmSyntaxError, match=r"column 11: faddp: source v1\.4h"):
        assemble("faddp h0, v1.4h")


@pytest.mark.parametrize("text", ["fmlal v0.4s, v1.4h, v16.h[0]",
                                  "fmlsl2 v0.2s, v1.2h, v31.h[7]"])
def test_fhm_lane_register_above_v15_is_rejected(text: str) -> None:
    """FMLAL (by element) has a 4-bit Rm: v0-v15. llvm-mc 14 accepts v16-v31 and encodes
    the register's low four bits (v16 as v0): a deliberate difference."""
    with pytest.raises(AsmSyntaxError, match=r"a 16-bit lane of v0-v15"):
        assemble(text)
