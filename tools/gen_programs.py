#!/usr/bin/env python3
"""Record llvm-mc's machine code for small whole programs: labels and data directives.

Single instructions are covered by tools/gen_vectors.py (``llvm-mc -show-encoding``).
Labels, alignment and data need the assembled section instead, so each program here
is assembled on its own with ``llvm-mc -filetype=obj`` and its ``.text`` extracted
with ``llvm-objcopy -O binary``.

A program is one line of ``;``-separated statements (``b l1; nop; l1: ret``), which
both llvm-mc and a64jit.assemble accept. Output uses the vector-file format, so the
ordinary vector tests check them: ``tests/vectors/<group>.txt`` holds
``hex<TAB>program``, ``<group>.invalid.txt`` the programs llvm-mc rejects.

Programs whose object has relocations (labels left to the linker: adrp to a label,
``.quad label``, undefined symbols) have no fixed bytes and are refused here; the
API tests cover them. No program may be exactly 4 bytes long: the capstone
round-trip test reads 4-byte vectors as single instructions.

Usage: tools/gen_programs.py [GROUP ...]      (groups: labels, data)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "vectors"
MATTR = "+v8.3a,+lse,+fullfp16,+hbc"

CONDS = ["eq", "ne", "cs", "hs", "cc", "lo", "mi", "pl", "vs", "vc",
         "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"]
# Every PC-relative form, with {} for the target.
FORMS = [
    "b {}", "bl {}", *[f"b.{c} {{}}" for c in CONDS], "beq {}", "B.NE {}",
    "bc.eq {}", "bc.cs {}", "bc.nv {}", "BC.LE {}",
    "cbz x0, {}", "cbz w30, {}", "cbnz xzr, {}", "cbnz w7, {}",
    "tbz x1, #63, {}", "tbz w2, #0, {}", "tbnz x30, #32, {}", "tbnz w3, #31, {}",
    "adr x4, {}", "adr xzr, {}", "adr x30, {}",
    "ldr x5, {}", "ldr w6, {}", "ldrsw x7, {}", "ldr s8, {}", "ldr d9, {}", "ldr q10, {}",
    "prfm pldl1keep, {}",
]


def labels() -> Iterator[str]:
    for i, form in enumerate(FORMS):
        name = ["l", "target", ".Ltmp1", "_start", "loop$1", "a.b"][i % 6]
        ref = form.format(name)
        yield f"{name}: nop; nop; {ref}"                      # backward
        yield f"{ref}; nop; nop; {name}: nop"                 # forward (backpatched)
        yield f"{name}: {ref}; nop"                           # to itself
        yield f"{ref}; {name}: ; {ref}; nop; {ref}"           # both ways, label alone
        yield f"{ref}; {ref}; .balign 64; {name}: {ref}; {ref}"  # several fixups
        yield f"{ref}; .word 1, 2, 3; {name}: .quad -1"       # data as the target
    # label definitions: several at one place, a label followed by a label
    yield "x: y: z: b x; b y; b z"
    yield "b end; nop; end: ; mid: b mid; b end"
    yield "start: cbz x0, done; sub x0, x0, #1; b start; done: ret"
    # numeric local labels: N: may repeat; Nb is the latest so far, Nf the next one
    yield "1: nop; b 1b"
    yield "b 1f; nop; 1: ret"
    yield "1: b 1f; 1: b 1b; 1: nop"
    yield "0: cbz x0, 0f; b 0b; 0: ret"
    yield "1: 2: b 1b; b 2b; b 1f; 1: b 2f; 2: nop"
    yield "10: nop; b 10b; b.ne 10f; 10: nop; b 10b"
    yield "1: ldr x0, 1b; adr x1, 1f; ldr w2, 1f; nop; 1: .word 5"
    yield "123: tbz x0, #3, 123b; tbnz w1, #0, 123f; 123: nop"
    yield "7: nop; 007: b 7b; b 07b"
    yield "l1: b 1f; 1: b l1; nop"
    # reach: just inside the limits (the just-outside twins are in .invalid)
    yield "far: nop; .balign 32768; tbz x0, #1, far"  # tbz: -32768 + 4 ... inside
    yield "tbz x0, #1, far; .balign 16384; nop; far: nop"
    yield "b.eq far; .balign 4096; far: nop"
    yield "bc.ne far; .balign 4096; far: nop"
    yield "cbz x0, far; .balign 2048; nop; far: nop"
    yield "far: .word 7; .balign 1024; adr x0, far"


def labels_invalid() -> Iterator[str]:
    yield "b 1b; nop"
    yield "b 1f; nop"
    yield "b 1b; 1: nop"
    yield "1: b 1B; nop"
    yield "1: b 1F; 1: nop"
    yield "1: b 1x; nop"
    yield "1: b -1b; nop"
    yield "l: nop; l: nop"
    yield "l: b l; l: ret"
    yield "far: nop; .balign 32768; nop; tbz x0, #1, far"
    yield "far: nop; .balign 32768; nop; tbnz w0, #1, far"
    yield "tbz x0, #1, far; .balign 32768; far: nop"
    yield "tbnz x0, #1, far; .balign 65536; far: nop"
    # LLVM 14 checks 19-bit branch/literal and adr fixups against +-2 MiB, not +-1 MiB,
    # and silently wraps offsets in between (wrong bytes): only the +-2 MiB cases are
    # recorded here; tests/encoding/test_labels_api.py checks a64jit raises at +-1 MiB.
    yield "b.eq far; .balign 2097152; far: nop"
    yield "cbnz x0, far; .balign 2097152; far: nop"
    yield "adr x0, far; .balign 2097152; far: nop"
    yield "l: nop; .byte 1; .balign 4; ldr x0, l2; .byte 1, 2; l2: nop"


def data() -> Iterator[str]:
    edges = {
        ".byte": [0, 1, 127, 128, 255, -1, -128, 0x5A],
        ".hword": [0, 1, 0x7FFF, 0x8000, 0xFFFF, -1, -32768, 0x1234],
        ".word": [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, -1, -2147483648, 0x12345678],
        ".quad": [0, 1, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, -1,
                  -(1 << 63), 0x0123456789ABCDEF],
    }
    for directive, values in edges.items():
        for v in values:
            yield f"{directive} {v}; .balign 8; nop"
            yield f"{directive} {hex(v) if v >= 0 else v}, {v}; .balign 16"
        yield f"{directive} {', '.join(map(str, values))}; .balign 4; nop"
    for alias, size in ((".long", 4), (".4byte", 4), (".short", 2), (".2byte", 2),
                        (".xword", 8), (".8byte", 8), (".dword", 8)):
        yield f"{alias} 1, 2; .balign 8; {alias} -1; .balign 8"
        yield f"{alias} {hex((1 << (8 * size)) - 1)}; .balign 16"
    yield ".byte 0x12, 0x34, 0x56, 0x78, 0x9a; .balign 4; ret"
    yield ".hword 0xabc; .word 0xdef; .byte 1; .quad 2; .balign 8; nop"
    yield ".word 0x12345678, 0xd503201f"
    yield "nop; .word -1; ret"
    # alignment: code padding is zeros to the next word, then NOPs; a fill byte fills
    for power in range(0, 7):
        # llvm-mc would place an instruction at any offset; a64jit insists on 4-byte
        # alignment, so below .p2align 2 data follows, not code.
        after = "ret; nop" if power >= 2 else ".byte 9, 9; .balign 8; nop"
        for before in ("nop", ".byte 1", ".hword 1", ".byte 1, 2, 3", "nop; .byte 7"):
            yield f"{before}; .p2align {power}; {after}"
            yield f"{before}; .align {power}; {after}"
            yield f"{before}; .balign {1 << power}; {after}"
            yield f"{before}; .balign {1 << power}, 0; {after}"
            yield f"{before}; .balign {1 << power}, 0xaa; {after}"
            yield f"{before}; .p2align {power}, 0x11; .byte 2, 3, 4; .balign 4; nop"
    yield "nop; .balign 4096; ret"
    yield ".p2align 12; nop; .p2align 2; ret"
    yield ".balign 8, -1; .byte 1; .balign 8, -1; nop"
    yield ".balign 8, 255; .byte 1; .balign 8, 0xff; nop"
    yield ".balign 16, 0x90; nop; .byte 0; .balign 16, 0x90"


def data_invalid() -> Iterator[str]:
    yield ".byte 256; nop"
    yield ".byte -129; nop"
    yield ".hword 65536; nop"
    yield ".hword -32769; nop"
    yield ".word 0x100000000; nop"
    yield ".word -2147483649; nop"
    yield ".quad 0x10000000000000000; nop"
    yield ".balign 3; nop"
    yield ".balign 12; nop"
    yield ".byte x0; nop"
    yield ".word 1.5; nop"
    yield ".foo 1; nop"


GROUPS = {"labels": (labels, labels_invalid), "data": (data, data_invalid)}


def assemble(program: str) -> bytes | None:
    """llvm-mc's .text for ``program``; None if llvm-mc rejects it."""
    with tempfile.TemporaryDirectory() as tmp:
        obj, binary = Path(tmp) / "p.o", Path(tmp) / "p.bin"
        proc = subprocess.run(
            ["llvm-mc", "-triple=aarch64", f"-mattr={MATTR}", "-filetype=obj", "-o", str(obj)],
            input=program + "\n", capture_output=True, text=True, check=False)
        if proc.returncode or "error:" in proc.stderr:
            return None
        relocs = subprocess.run(["llvm-readelf", "-r", str(obj)], capture_output=True,
                                text=True, check=True).stdout
        if "R_AARCH64" in relocs:
            raise SystemExit(f"{program!r}: has relocations, no fixed bytes")
        subprocess.run(["llvm-objcopy", "-O", "binary", "--only-section=.text", str(obj),
                        str(binary)], check=True)
        return binary.read_bytes()


def generate(group: str) -> None:
    valid_spec, invalid_spec = GROUPS[group]
    progs = list(dict.fromkeys(valid_spec()))
    bad = list(dict.fromkeys(invalid_spec()))
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(assemble, progs))
        bad_codes = list(pool.map(assemble, bad))
    for prog, code in zip(progs, codes, strict=True):
        if code is None:
            raise SystemExit(f"llvm-mc rejects the valid program {prog!r}")
        if len(code) == 4:
            raise SystemExit(f"{prog!r} is 4 bytes long; make it longer")
    for prog, code in zip(bad, bad_codes, strict=True):
        if code is not None:
            raise SystemExit(f"llvm-mc accepts the invalid program {prog!r}")
    with open(OUT / f"{group}.txt", "w") as f:
        f.write(f"# llvm-mc -triple=aarch64 -mattr={MATTR} -filetype=obj, .text of each "
                "';'-separated program; regenerate: tools/gen_programs.py\n")
        for prog, code in zip(progs, codes, strict=True):
            f.write(f"{code.hex()}\t{prog}\n")  # type: ignore[union-attr]
    with open(OUT / f"{group}.invalid.txt", "w") as f:
        f.write("# programs llvm-mc rejects; a64jit must raise ValueError/TypeError\n")
        for prog in bad:
            f.write(f"{prog}\n")
    print(f"{group}: {len(progs)} valid, {len(bad)} invalid")


def main() -> None:
    from toolargs import names

    for group in names(sys.argv[1:], __doc__, GROUPS, "group") or list(GROUPS):
        generate(group)


if __name__ == "__main__":
    main()
