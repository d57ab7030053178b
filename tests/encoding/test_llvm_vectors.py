"""Every recorded llvm-mc vector: the text front-end (hence the Python API it calls)
must produce exactly llvm-mc's bytes, and reject exactly what llvm-mc rejects."""

from __future__ import annotations

import pytest

from a64jit import assemble
from tests.vectorfiles import groups, invalid, valid

MAX_REPORT = 25


@pytest.mark.parametrize("group", groups())
def test_valid_vectors_match_llvm(group: str) -> None:
    failures = []
    vectors = valid(group)
    assert vectors, f"no vectors recorded for {group}"
    for expected, asm in vectors:
        try:
            got = assemble(asm)
        except (ValueError, TypeError) as exc:
            failures.append(f"{asm!r}: raised {exc}")
            continue
        if got != expected:
            failures.append(f"{asm!r}: got {got.hex()} expected {expected.hex()}")
    assert not failures, f"{len(failures)}/{len(vectors)} mismatches:\n" + "\n".join(
        failures[:MAX_REPORT])


@pytest.mark.parametrize("group", groups())
def test_invalid_vectors_raise(group: str) -> None:
    accepted = []
    lines = invalid(group)
    for asm in lines:
        try:
            got = assemble(asm)
        except (ValueError, TypeError):
            continue
        accepted.append(f"{asm!r} -> {got.hex()}")
    assert not accepted, f"{len(accepted)}/{len(lines)} accepted but llvm-mc rejects:\n" + \
        "\n".join(accepted[:MAX_REPORT])
