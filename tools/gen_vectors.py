#!/usr/bin/env python3
"""Regenerate the llvm-mc encoding vectors in tests/vectors/.

Each module in tools/vectorspecs/ defines ``lines() -> Iterable[str]``: candidate
assembly lines, valid and invalid mixed. Every candidate is fed to llvm-mc (the
oracle); lines it accepts are recorded with their encoding in
``tests/vectors/<group>.txt`` (``hex<TAB>asm``), lines it rejects in
``tests/vectors/<group>.invalid.txt``. Tests then check a64jit against these
files, so they run where llvm-mc is absent.

Usage: tools/gen_vectors.py [GROUP ...]      (default: every spec module)
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "vectors"
LLVM_MC = "llvm-mc"
MATTR = "+v8.3a,+lse,+fullfp16"
ERROR = re.compile(r"^<stdin>:(\d+):\d+: error:")
ENCODING = re.compile(r"encoding: \[([^\]]*)\]")


def run_llvm_mc(lines: list[str], mattr: str = MATTR) -> tuple[dict[int, str], set[int]]:
    """Assemble ``lines`` (one instruction each); return ({index: hex}, {rejected index})."""
    src = "\n".join(lines) + "\n"
    proc = subprocess.run(
        [LLVM_MC, "-triple=aarch64", f"-mattr={mattr}", "-show-encoding"],
        input=src, capture_output=True, text=True, check=False,
    )
    rejected = {int(m.group(1)) - 1 for m in map(ERROR.match, proc.stderr.splitlines()) if m}
    encodings = [m.group(1) for m in map(ENCODING.search, proc.stdout.splitlines()) if m]
    accepted = [i for i in range(len(lines)) if i not in rejected]
    if len(accepted) != len(encodings):
        raise SystemExit(
            f"llvm-mc output mismatch: {len(accepted)} lines, {len(encodings)} encodings"
        )
    out = {}
    for i, enc in zip(accepted, encodings, strict=True):
        out[i] = "".join(b.strip()[2:].rjust(2, "0") for b in enc.split(","))
    return out, rejected


def generate(group: str) -> None:
    spec = importlib.import_module(f"vectorspecs.{group}")
    lines = list(dict.fromkeys(line.strip() for line in spec.lines()))
    mattr = getattr(spec, "MATTR", MATTR)  # a spec may need more features than the default
    encoded, rejected = run_llvm_mc(lines, mattr)
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / f"{group}.txt", "w") as f:
        f.write(f"# llvm-mc -triple=aarch64 -mattr={mattr}; regenerate: tools/gen_vectors.py\n")
        for i in sorted(encoded):
            f.write(f"{encoded[i]}\t{lines[i]}\n")
    with open(OUT / f"{group}.invalid.txt", "w") as f:
        f.write("# lines llvm-mc rejects; a64jit must raise ValueError/TypeError\n")
        for i in sorted(rejected):
            f.write(f"{lines[i]}\n")
    print(f"{group}: {len(encoded)} valid, {len(rejected)} invalid")


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import vectorspecs
    from toolargs import names

    every = [m.name for m in pkgutil.iter_modules(vectorspecs.__path__)
             if not m.name.startswith("_")]
    for group in names(sys.argv[1:], __doc__, every, "group") or every:
        generate(group)


if __name__ == "__main__":
    main()
