"""The icache flush: line sizes from CTR_EL0, range rounding, IDC/DIC, and the
machine code of the flush routine checked against that model (in unicorn, on
any host, when unicorn is installed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from a64jit.runtime.cache import (
    CTR_DIC,
    CTR_IDC,
    FLUSH_ROUTINE,
    flush_plan,
    flush_routine_code,
    line_addresses,
    line_sizes,
)
from tests.runtime.conftest import needs_unicorn

# (CTR_EL0, D-line bytes, I-line bytes)
CTR_VECTORS = [
    (0x8444C004, 64, 64),   # Cortex-A53/A57/A72: DminLine=4, IminLine=4
    (0x84448004, 64, 64),
    (0x8303C003, 32, 32),   # 32-byte lines on both sides
    (0x84048003, 64, 32),   # D 64, I 32: the sides differ
    (0xB444C004, 64, 64),   # Neoverse N1: IDC and DIC set
    (0x9444C004, 64, 64),   # IDC only
    (0xA444C004, 64, 64),   # DIC only
    (0x00000000, 4, 4),
    (0x000F000F, 4 << 15, 4 << 15),
]


@pytest.mark.parametrize("ctr, dline, iline", CTR_VECTORS)
def test_line_sizes(ctr: int, dline: int, iline: int) -> None:
    assert line_sizes(ctr) == (dline, iline)


def test_range_rounding() -> None:
    assert list(line_addresses(0x1004, 0x100C, 64)) == [0x1000]
    assert list(line_addresses(0x103C, 0x1044, 64)) == [0x1000, 0x1040]
    assert list(line_addresses(0x1040, 0x1080, 64)) == [0x1040]
    assert list(line_addresses(0x1040, 0x1081, 64)) == [0x1040, 0x1080]
    assert list(line_addresses(0x1000, 0x1000, 64)) == []


def test_idc_dic_steps() -> None:
    base = 0x8444C004
    assert flush_plan(base, 0x1000, 8).steps == ("dc cvau", "dsb ish", "ic ivau", "dsb ish",
                                                 "isb")
    assert flush_plan(base | CTR_IDC, 0x1000, 8).steps == ("dsb ish", "ic ivau", "dsb ish",
                                                           "isb")
    assert flush_plan(base | CTR_DIC, 0x1000, 8).steps == ("dc cvau", "dsb ish", "isb")
    both = flush_plan(base | CTR_IDC | CTR_DIC, 0x1000, 8)
    assert both.steps == ("dsb ish", "isb") and not both.dc_cvau and not both.ic_ivau
    assert flush_plan(base, 0x1000, 0).steps == ()


def test_different_line_sizes_per_side() -> None:
    plan = flush_plan(0x84048003, 0x2010, 0x60)  # D 64, I 32
    assert list(plan.dc_cvau) == [0x2000, 0x2040]
    assert list(plan.ic_ivau) == [0x2000, 0x2020, 0x2040, 0x2060]


@given(st.sampled_from([v[0] for v in CTR_VECTORS[:7]]), st.integers(0, 2**40),
       st.integers(1, 5000))
def test_lines_cover_exactly_the_range(ctr: int, start: int, size: int) -> None:
    plan = flush_plan(ctr, start, size)
    dline, iline = line_sizes(ctr)
    for lines, step in ((plan.dc_cvau, dline), (plan.ic_ivau, iline)):
        if not lines:
            continue
        assert all(a % step == 0 for a in lines)
        assert lines[0] <= start < lines[0] + step
        assert lines[-1] < start + size <= lines[-1] + step


def test_routine_words_in_order() -> None:
    code = flush_routine_code()
    assert len(code) == 4 * len(FLUSH_ROUTINE)
    texts = [t for _, t in FLUSH_ROUTINE]
    assert texts[0] == "mrs x2, ctr_el0" and texts[-2:] == ["isb", "ret"]
    assert texts.index("dc cvau, x5") < texts.index("ic ivau, x5")


@pytest.mark.parametrize("ctr", [v[0] for v in CTR_VECTORS[:7]])
@pytest.mark.parametrize("start, size", [(0x10_0004, 8), (0x10_003C, 8), (0x10_0000, 0x1000),
                                         (0x10_0FFC, 4)])
def test_routine_machine_code_matches_model(ctr: int, start: int, size: int) -> None:
    """Run the routine in unicorn with CTR_EL0 supplied in x2 (the mrs replaced
    by a nop) and record the address of every DC CVAU / IC IVAU it executes."""
    uc_mod = needs_unicorn()
    from unicorn import arm64_const as arm64
    words = [w for w, _ in FLUSH_ROUTINE]
    words[0] = 0xD503201F  # nop: x2 is preset to the CTR_EL0 value under test
    code = b"".join(w.to_bytes(4, "little") for w in words)
    base = 0x1000
    uc = uc_mod.Uc(uc_mod.UC_ARCH_ARM64, uc_mod.UC_MODE_ARM)
    uc.mem_map(base, 0x1000)
    uc.mem_map(0x10_0000, 0x2000)
    uc.mem_write(base, code)
    texts = [t for _, t in FLUSH_ROUTINE]
    dc_at = base + 4 * texts.index("dc cvau, x5")
    ic_at = base + 4 * texts.index("ic ivau, x5")
    seen: dict[str, list[int]] = {"dc": [], "ic": [], "barriers": []}

    def hook(uc: object, address: int, size_: int, _: object) -> None:
        x5 = uc.reg_read(arm64.UC_ARM64_REG_X5)  # type: ignore[attr-defined]
        if address == dc_at:
            seen["dc"].append(x5)
        elif address == ic_at:
            seen["ic"].append(x5)
        elif texts[(address - base) // 4] in ("dsb ish", "isb"):
            seen["barriers"].append(address)

    uc.hook_add(uc_mod.UC_HOOK_CODE, hook)
    uc.reg_write(arm64.UC_ARM64_REG_X0, start)
    uc.reg_write(arm64.UC_ARM64_REG_X1, start + size)
    uc.reg_write(arm64.UC_ARM64_REG_X2, ctr)
    uc.reg_write(arm64.UC_ARM64_REG_LR, 0xDEAD0000)
    uc.emu_start(base, 0xDEAD0000, count=100_000)
    plan = flush_plan(ctr, start, size)
    assert seen["dc"] == list(plan.dc_cvau)
    assert seen["ic"] == list(plan.ic_ivau)
    assert len(seen["barriers"]) == plan.steps.count("dsb ish") + plan.steps.count("isb")
