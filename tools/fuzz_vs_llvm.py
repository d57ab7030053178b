#!/usr/bin/env python3
"""Differential fuzzing of the text front-end against llvm-mc.

Takes recorded valid vectors, changes one operand of each (another register class,
an immediate just off its edge, a modifier, a condition, upper case) or respells it
(case, spacing, tabs, no ``#``, hex, a trailing comment), assembles every
mutant with llvm-mc (one process per line, so a line llvm-mc assembles to nothing
cannot shift the others) and with ``a64jit.assemble``, and prints the lines where
the two disagree: one accepts and the other rejects, or the bytes differ.

A disagreement worth keeping goes into ``tools/vectorspecs/`` so the recorded vectors
pin it down. Known, deliberate differences are listed in the README.

Usage: tools/fuzz_vs_llvm.py [--seed N] [--count N] [--groups simd,crypto,...]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from a64jit import assemble  # noqa: E402
from tests.vectorfiles import groups, valid  # noqa: E402
from tools.gen_vectors import MATTR as BASE_MATTR  # noqa: E402

# Every feature a recorded group needs (the ISA extension groups record with their own
# -mattr; extra features only add instructions, so one broad set serves every group).
MATTR = (BASE_MATTR + ",+v8.8a,+amvs,+ecv,+fgt,+hcx,+sme,+spe-eef,+el2vmsa,+crc,+pauth,"
         "+flagm,+rcpc-immo,+neon,+aes,+sha2,+sha3,+sm4,+rdm,+dotprod,+i8mm,+bf16,"
         "+predres,+specrestrict,+sb,+bti,+mte,+tme,+xs,+ls64,+wfxt,+ras,+lor,+vh,+sel2,"
         "+spe,+tracev8.4,+trbe,+ete,+brbe,+rme,+ssbs,+dit,+ccdp,+pan-rwv,+uaops,+ccpp,+sve,"
         "+mops,+fp16fml")

ENCODING = re.compile(r"encoding: \[([^\]]*)\]")
NUMBER = re.compile(r"#(-?)(0x[0-9a-f]+|\d+)\Z")
NUMBERS = re.compile(r"#(-?)(0x[0-9a-f]+|[1-9]\d*|0)(?![\w.])")
SWAP_IN = ["x0", "x1", "x30", "xzr", "sp", "w0", "w7", "wzr", "wsp", "s1", "d2", "h3", "b4",
           "q5", "v6.d[1]", "v7.4s", "v8.16b", "v31.2d", "v9.8b", "v10.s[3]", "v11.1d"]
MODIFIERS = ["lsl #1", "sxtw", "uxtw #2", "lsl #12", "eq", "al", "nv", "#0"]
SEPARATORS = re.compile(r"(\s+|,|\[|\]|!)")


def llvm(line: str) -> str | None:
    """llvm-mc's bytes for one line as hex, None if it rejects it, "?" if it gives no
    single fixed encoding (a directive, a symbol assignment, a relocation)."""
    proc = subprocess.run(["llvm-mc", "-triple=aarch64", f"-mattr={MATTR}", "-show-encoding"],
                          input=line + "\n", capture_output=True, text=True, check=False)
    if "error:" in proc.stderr:
        return None
    found = ENCODING.findall(proc.stdout)
    if len(found) != 1 or "fixup" in proc.stdout:  # a symbol left to the linker
        return "?"
    return "".join(b.strip()[2:].rjust(2, "0") for b in found[0].split(","))


def ours(line: str) -> str | None:
    try:
        return assemble(line).hex()
    except (ValueError, TypeError):
        return None


def respell(line: str, rng: random.Random) -> str:
    """The same instruction written another way LLVM may or may not accept."""
    mnemonic, _, rest = line.partition(" ")
    choice = rng.randrange(6)
    if choice == 0:
        return line.upper()
    if choice == 1:
        return f"{mnemonic}\t{rest.replace(', ', ',')}"
    if choice == 2:
        return f"  {mnemonic}   {rest.replace('[', '[ ').replace(']', ' ]').replace(',', ' ,')}"
    if choice == 3:
        return f"{mnemonic} {rest.replace('#', '')}"
    if choice == 4:
        return NUMBERS.sub(lambda m: f"#{m.group(1)}{int(m.group(2), 0):#x}", line)
    return f"{line} // comment; with a semicolon"


def mutate(line: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        return respell(line, rng)
    tokens = SEPARATORS.split(line)
    places = [i for i, t in enumerate(tokens) if i and t.strip() and t not in ",[]!"]
    if not places:
        return line
    i = rng.choice(places)
    m = NUMBER.match(tokens[i])
    if m:
        digits = m.group(2)
        v = int(digits, 16 if digits.startswith("0x") else 10) * (-1 if m.group(1) else 1)
        v = rng.choice([v + 1, v - 1, -v, 2 * v, v + 4096, v << 12, 0, 1, 4095, 4096, 65535,
                        65536, -1, v + 8, v - 8])
        tokens[i] = f"#{v}" if v < 0 or rng.random() < 0.5 else f"#{v:#x}"
    elif tokens[i].startswith("#"):
        tokens[i] = rng.choice(["#0", "#1", "#-1", "#0.5", "#3"])
    elif rng.random() < 0.6:
        tokens[i] = rng.choice(SWAP_IN)
    else:
        tokens[i] = tokens[i].upper() if rng.random() < 0.5 else rng.choice(MODIFIERS)
    return "".join(tokens)


def main() -> None:
    from toolargs import names, whole

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=whole(1), default=4000)
    parser.add_argument("--groups", help="comma-separated vector groups (default: all)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    chosen = names(args.groups.split(","), None, groups(), "group") if args.groups \
        else groups()
    lines = [asm for g in chosen if g not in ("labels", "data") for _, asm in valid(g)]
    mutants = [mutate(rng.choice(lines), rng) for _ in range(args.count)]
    with ThreadPoolExecutor(8) as pool:
        expected = list(pool.map(llvm, mutants))
    differ = [(line, want, ours(line)) for line, want in zip(mutants, expected, strict=True)]
    differ = [d for d in differ if d[1] != "?" and d[1] != d[2]]
    print(f"{len(mutants)} mutants, {len(differ)} disagree")
    for line, want, got in differ:
        print(f"{line!r}: llvm {want}, a64jit {got}")


if __name__ == "__main__":
    main()
