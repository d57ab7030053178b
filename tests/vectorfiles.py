"""Readers for the recorded llvm-mc vectors in tests/vectors/."""

from __future__ import annotations

from pathlib import Path

VECTORS = Path(__file__).resolve().parent / "vectors"


def groups() -> list[str]:
    return sorted(p.name[:-4] for p in VECTORS.glob("*.txt") if not p.name.endswith(".invalid.txt"))


def valid(group: str) -> list[tuple[bytes, str]]:
    out = []
    for line in (VECTORS / f"{group}.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            hexbytes, asm = line.split("\t", 1)
            out.append((bytes.fromhex(hexbytes), asm))
    return out


def invalid(group: str) -> list[str]:
    path = VECTORS / f"{group}.invalid.txt"
    if not path.exists():
        return []
    return [ln for ln in path.read_text().splitlines() if ln and not ln.startswith("#")]
