"""The instruction words used by the runtime tests match llvm-mc (host only)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.runtime.words import WORDS

LLVM_MC = shutil.which("llvm-mc")


@pytest.mark.skipif(LLVM_MC is None, reason="llvm-mc not installed")
def test_words_match_llvm_mc() -> None:
    from a64jit.runtime.cache import FLUSH_ROUTINE

    lines = list(WORDS) + [text for _, text in FLUSH_ROUTINE]
    expected = list(WORDS.values()) + [word for word, _ in FLUSH_ROUTINE]
    assert LLVM_MC is not None
    out = subprocess.run([LLVM_MC, "-triple=aarch64", "-show-encoding"],
                         input="\n".join(lines) + "\n", capture_output=True, text=True,
                         check=True).stdout
    got = []
    for line in out.splitlines():
        if "encoding: [" in line:
            raw = line.split("encoding: [")[1].rstrip("]").split(",")
            got.append(int.from_bytes(bytes(int(b, 16) for b in raw), "little"))
    assert len(got) == len(lines)
    for text, want, have in zip(lines, expected, got, strict=True):
        assert want == have, f"{text}: table {want:#010x}, llvm-mc {have:#010x}"
