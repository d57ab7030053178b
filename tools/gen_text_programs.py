#!/usr/bin/env python3
"""Record llvm-mc's bytes for text front-end programs: expressions, directives, literal
pools, sections (issue 11 items 1 and 2).

Each program is assembled with ``llvm-mc -triple=aarch64 -filetype=obj``; the bytes of
each of its sections are extracted with ``llvm-objcopy --dump-section`` and written to
``tests/text/llvm_programs.jsonl`` (one ``{"source", "sections": {name: hex}}`` object
per line). Programs whose object has relocations (left to a linker) have no fixed bytes
and are refused; so are programs llvm-mc rejects.

Usage: tools/gen_text_programs.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "text" / "llvm_programs.jsonl"

PROGRAMS = [
    # integer expressions in immediates (GNU precedence, as LLVM)
    "add x0, x1, #(31-2)",
    "add x0, x1, #1+2*3",
    "add x0, x1, #(1+2)*3",
    "add x0, x1, #1 << 4 | 3",
    "add x0, x1, #0x10 >> 2",
    "add x0, x1, #17 % 5",
    "add x0, x1, #-7 / 2 + 8",
    "add x0, x1, #(6 & 3) ^ 12",
    "sub w3, w4, #~0 & 0xff",
    "mov x0, #(1 << 16)",
    "movz x1, #0x12, lsl #(8 + 8)",
    "ror w0, w1, #(32 - 15)",
    "lsl x2, x3, #(64 - 60)",
    "add x0, x1, x2, lsl #(1 + 1)",
    "ldr x0, [x1, #(2 * 8)]",
    "ldr x0, [x1, #8*3]!",
    "str w0, [x1], #(4 - 8)",
    # #~imm in logical instructions
    "and x0, x1, #~0xff",
    "orr w0, w1, #~0x0f0f0f0f",
    "eor x2, x3, #~1",
    "bic x0, x1, #0xff",
    "tst w0, #~0x7fffffff",
    # .equ / .set / =
    ".equ K, 12\nadd x0, x1, #K\nadd x0, x1, #K*2",
    ".set K, 3\nmov x0, #K\n.set K, K + 1\nmov x1, #K",
    "K = 5\nL = K << 2\nmov x0, #L\nsub x0, x0, K",
    ".equ OFF, 16\nldr x0, [x1, #OFF]\nstp x0, x1, [sp, #-OFF]!",
    # label arithmetic
    "start: nop\nnop\n.word . - start\n.word end - start\nend: ret",
    "a: nop\nb: nop\n.byte b - a, (b - a) / 4\n.hword b - a + 100\n.balign 4",
    "b target + 8\ntarget: nop\nnop\nnop",
    "cbz x0, 1f + 4\nnop\n1: nop\nnop",
    "adr x0, data + 3\nret\ndata: .word 7",
    "ldr w0, tbl + 4\nret\ntbl: .word 1, 2",
    "nop\n.set here, .\nb here",
    ".equ N, 4\nloop: subs x0, x0, #N\nb.ne loop\n.quad (loop - .) + N",
    # data directives
    ".byte 1, -1, 0xff, 'a'" if False else ".byte 1, -1, 0xff, 1+1",
    ".hword 0x1234, -2\n.short 7\n.2byte 9",
    ".word 0xdeadbeef, -1\n.long 3\n.int 4\n.4byte 5",
    ".quad 0x123456789abcdef0, -1\n.xword 2\n.8byte 3\n.dword 4",
    ".float 1.5, -0.25, 3\n.single 1e10",
    ".double 2.5, -1e-300, 0.1",
    ".float inf, -inf\n.double nan",
    ".ascii \"hi\", \"a\\tb\\n\"\n.balign 4",
    ".asciz \"x\\\\y\\\"z\"\n.balign 4",
    ".string \"\\101\\x42\\0end\"\n.p2align 2",
    ".ascii \"semi;colon // slash\"\n.balign 4",
    ".zero 5\n.space 3, 0xaa\n.skip 4, 1\n.balign 4",
    ".fill 3, 2, 0x1234\n.fill 2, 4, -1\n.fill 1, 1\n.balign 4",
    ".fill 2, 8, 0x123456789\n.fill 0, 4, 7",
    # alignment with fill and max
    "nop\n.p2align 4\nret",
    ".byte 1\n.p2align 3\n.word 2",
    "nop\n.p2align 4, 0xcc\nret",
    "nop\n.p2align 4, , 8\nret",
    "nop\n.p2align 4, 0, 4\nret",
    "nop\n.balign 16, 0xa5, 12\nret",
    "nop\n.balign 32\nret",
    ".byte 7\n.balign 8, 0x11\n.byte 8\n.balign 4",
    "nop\n.align 3\nret",
    ".uleb128 0, 127, 128, 624485\n.sleb128 -1, 63, 64, -64, -65, -123456\n.balign 4",
    ".inst 0xd503201f, 0xd65f03c0",
    # ldr =value / =label and pools
    "ldr x0, =0x12\nldr x1, =0x120000\nldr x2, =0x1234567890\nret",
    "ldr w2, =0x12345678\nldr w3, =0xffff\nret",
    "ldr x0, =0x1234567890\nldr x1, =0x1234567890\nret",
    "ldr x0, =0x1111111111\nb 1f\n.ltorg\n1: ldr x1, =0x2222222222\nret",
    "ldr x0, =0x1111111111\n.pool\nldr w1, =0x33333333\nret\n.pool",
    "ldr x0, =-2\nldr w1, =-2\nret",
    "ldr x3, =K\nret\n.equ K, 0xabcdef0123",
    # statements, comments and labels
    "nop; nop // ; add x0, x0, #1\nret",
    "x: y: z: b x; b y; b z",
    "1: b 1f\n1: b 1b\n1: b 1b",
    # sections without references between them
    ".text\nmov x0, #1\nret\n.data\n.word 5\n.section .rodata\n.quad 7",
    ".section .text.hot,\"ax\",@progbits\nret\n.text\nnop",
    ".data\n.byte 1\n.text\nret\n.data\n.byte 2\n.previous\nnop",
    ".pushsection .data\n.word 9\n.popsection\nret",
    # bookkeeping a compiler emits
    "\t.arch armv8-a\n\t.file\t\"t.c\"\n\t.text\n\t.align\t2\n\t.global\tf\n\t.type\tf, %function\n"
    "f:\n.LFB0:\n\t.cfi_startproc\n\tadd\tw0, w0, 1\n\tret\n\t.cfi_endproc\n.LFE0:\n"
    "\t.size\tf, .-f\n\t.ident\t\"GCC\"\n\t.section\t.note.GNU-stack,\"\",@progbits",
    # /* */ comments: within a line, across lines, none inside a string or after //
    "mov x0, #1 /* one */\nadd x0, /* mid */ x0, #2 /* a */ /* b */\nret",
    "/* a comment\n   over lines */ nop\n/**/ret/***/",
    "nop // no /* comment here\nret",
    ".ascii \"/* kept */\"\n.p2align 2\nnop",
    "b 1f /* ; not a statement */\n1: ret; /* x */ nop",
    # character constants: one ASCII character, or a backslash and one (LLVM's escapes)
    "mov w0, #'A'\ncmp w0, 'z'\nsub w1, w1, #'0'\nmov w2, #'A' * 2 + 1",
    "mov w0, #'\\n'\nmov w1, #'\\t'\nmov w2, #'\\''\nmov w3, #'\\\\'\nmov w4, #'\\0'\n"
    "mov w5, #'\\q'\nmov w6, #'\"'\nmov w7, #' '",
    ".byte 'a', 'b', '\\r'\n.p2align 2\n.word 'a' << 8 | 'b'\n.equ K, 'k'\nmov w0, #K",
    # register aliases: name .req register (any case), .unreq, an alias of an alias
    "acc .req x3\nadd acc, acc, #1\n.unreq acc\nacc .req w4\nadd acc, acc, #1",
    "p .req x1\nldr x0, [p, #8]\nstr x0, [p], #16\nT .REQ x2\nu .req t\nmov U, #7",
    "vec\t.req\tv0\nadd vec.16b, vec.16b, vec.16b\nd .req d3\nfadd d, d, d",
    "val .req w5\ncmp val, #10\ncsel val, val, wzr, lt\nfp2 .req x29\nstp fp2, lr, [sp, #-16]!",
    "b .req x1\nmov b, #1\nb 1f\n1: ret",  # an alias named as a mnemonic: still a branch
    # .end: nothing after it is read, the rest of its line included
    "nop\n.end\nnop",
    "mov x0, #1; .end; nop\nnop",
    "ret\n  .END\nthis is not assembly",
    # .org: to an offset in the section (a constant, or a label before it plus one)
    "nop\n.org 8\nnop\n.org 0x10, 0xff\nnop\n.org . + 4\nnop",
    ".p2align 4\nvectors: nop\n.org vectors + 0x80\nnop\n.org vectors + 0x100\nret",
    ".data\n.byte 1\n.org 4, 7\n.text\nnop",
]


def record(source: str, tmp: Path) -> dict[str, str] | None:
    src = tmp / "p.s"
    obj = tmp / "p.o"
    src.write_text(source + "\n")
    mc = subprocess.run(["llvm-mc", "-triple=aarch64", "-filetype=obj", "-o", str(obj),
                         str(src)], capture_output=True, text=True)
    if mc.returncode:
        print(f"llvm-mc rejects {source!r}: {mc.stderr.strip()}", file=sys.stderr)
        return None
    relocs = subprocess.run(["llvm-readelf", "-r", str(obj)], capture_output=True, text=True,
                            check=True).stdout
    if any(line.startswith("Relocation section") and "eh_frame" not in line
           for line in relocs.splitlines()):
        print(f"{source!r} has relocations: not recorded", file=sys.stderr)
        return None
    heads = subprocess.run(["llvm-readelf", "-S", "-W", str(obj)], capture_output=True,
                           text=True, check=True).stdout
    sections: dict[str, str] = {}
    for line in heads.splitlines():
        parts = line.replace("[ ", "[").split()
        if len(parts) < 7 or not parts[0].startswith("[") or parts[2] not in ("PROGBITS",
                                                                             "NOBITS"):
            continue
        name = parts[1]
        if name.startswith((".note", ".comment", ".eh_frame")) or parts[2] == "NOBITS":
            continue
        out = tmp / "sec.bin"
        subprocess.run(["llvm-objcopy", f"--dump-section={name}={out}", str(obj),
                        str(tmp / "scratch.o")], check=True)
        data = out.read_bytes()
        if data or name == ".text":
            sections[name] = data.hex()
    return sections


def main() -> int:
    from toolargs import names

    names(sys.argv[1:], __doc__, None)
    rows = []
    with tempfile.TemporaryDirectory() as d:
        for source in PROGRAMS:
            sections = record(source, Path(d))
            if sections is not None:
                rows.append({"source": source, "sections": sections})
    OUT.write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(f"{len(rows)}/{len(PROGRAMS)} programs recorded in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
