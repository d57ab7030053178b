"""The text front-end reads LLVM's register names: fp and lr, not the Python-only ip0/ip1."""

from __future__ import annotations

import pytest

from a64jit import Assembler, assemble
from a64jit.errors import AsmSyntaxError
from a64jit.operands import ip0, ip1, x16, x17


def test_fp_and_lr_are_read_as_llvm_does() -> None:
    assert assemble("add x0, fp, #1") == bytes.fromhex("a0070091")
    assert assemble("add x0, lr, #1") == bytes.fromhex("c0070091")


@pytest.mark.parametrize("line", ["add x0, ip0, #1", "ldr x0, [ip1]", "mov ip1, x0"])
def test_ip0_ip1_are_rejected_as_llvm_mc_14_does(line: str) -> None:
    with pytest.raises(AsmSyntaxError, match=r"ip[01]"):
        assemble(line)


def test_ip0_is_a_label_name_in_text() -> None:
    # llvm-mc 14 reads "b ip0" as a branch to a symbol called ip0.
    assert assemble("b ip0\nip0:\n") == bytes.fromhex("01000014")


def test_python_aliases_stay() -> None:
    a = Assembler()
    a.add(ip0, ip1, 1)
    b = Assembler()
    b.add(x16, x17, 1)
    assert a.finalize() == b.finalize()
