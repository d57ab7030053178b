"""The scalar FP encoders check their fields like the integer ones (issue 9, item 6)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from a64jit import EncodingError
from a64jit.encoding import fp


@pytest.mark.parametrize(("call", "field"), [
    (lambda: fp.fp_dp1(2, fp.DP1_FABS, 0, 0), "ftype"),
    (lambda: fp.fp_dp1(1, 64, 0, 0), "opcode"),
    (lambda: fp.fp_dp1(1, 0, 32, 0), "Rd"),
    (lambda: fp.fp_dp2(0, 9, 0, 0, 0), "opcode"),
    (lambda: fp.fp_dp2(0, -1, 0, 0, 0), "opcode"),
    (lambda: fp.fp_dp2(0, 0, 0, 0, 32), "Rm"),
    (lambda: fp.fp_dp3(1, 2, 0, 0, 0, 0, 0), "o1"),
    (lambda: fp.fp_dp3(1, 0, 0, 0, 0, 0, -1), "Ra"),
    (lambda: fp.fp_compare(4, 0, 0, 0, 0), "ftype"),
    (lambda: fp.fp_compare(0, 0, 2, 0, 0), "Z"),
    (lambda: fp.fp_int(2, 1, fp.INT_SCVTF, 0, 0), "sf"),
    (lambda: fp.fp_int(1, 2, fp.INT_SCVTF, 0, 0), "ftype"),
    (lambda: fp.fp_int(1, 1, 32, 0, 0), "rmode:opcode"),
    (lambda: fp.asisd_misc_fcvt(0x1234, 1, 0, 0), "opcode"),
    (lambda: fp.asisd_misc_fcvt(fp.MISC_SCVTF, 1, 0, 40), "Rn"),
])
def test_bad_fields_raise(call: Callable[[], int], field: str) -> None:
    with pytest.raises(EncodingError, match=field):
        call()


def test_good_fields_encode() -> None:
    assert fp.fp_dp2(1, fp.DP2_FADD, 0, 1, 2) == 0x1E622820  # fadd d0, d1, d2
    assert fp.fp_int(1, 2, fp.INT_FMOV_TO_GP_TOP, 0, 1) == 0x9EAE0020  # fmov x0, v1.d[1]
    assert fp.fp_dp1(3, fp.DP1_FABS, 0, 1, insn="fabs") == 0x1EE0C020  # fabs h0, h1
