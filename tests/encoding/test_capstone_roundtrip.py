"""Where capstone is installed, every recorded vector round-trips through its
disassembly: capstone's text for llvm-mc's bytes must assemble back to those bytes."""

from __future__ import annotations

import pytest

from a64jit import assemble
from tests.vectorfiles import groups, valid

capstone = pytest.importorskip("capstone")

MAX_REPORT = 25


def disassemble(code: bytes) -> str:
    md = capstone.Cs(capstone.CS_ARCH_ARM64, capstone.CS_MODE_ARM)
    insns = list(md.disasm(code, 0))
    if len(insns) != 1:
        return ""
    return f"{insns[0].mnemonic} {insns[0].op_str}".strip()


@pytest.mark.parametrize("group", groups())
def test_vectors_roundtrip_through_capstone(group: str) -> None:
    failures = []
    vectors = valid(group)
    for expected, asm in vectors:
        if len(expected) != 4:
            continue  # data directives, not instructions
        text = disassemble(expected)
        if not text or " , " in text or text.endswith(" ,") or ", ," in text:
            # capstone limitations, not ours: it refuses the CONSTRAINED UNPREDICTABLE
            # pair forms LLVM 14 accepts (ldp x0, x0, [sp], #8) and prints an empty
            # operand for unnamed prefetch operations ("prfm , [x24]").
            continue
        try:
            got = assemble(text)
        except (ValueError, TypeError) as exc:
            failures.append(f"{asm!r} -> capstone {text!r}: raised {exc}")
            continue
        if got != expected:
            failures.append(f"{asm!r} -> capstone {text!r}: got {got.hex()} "
                            f"expected {expected.hex()}")
    assert not failures, f"{len(failures)}/{len(vectors)} failures:\n" + "\n".join(
        failures[:MAX_REPORT])
