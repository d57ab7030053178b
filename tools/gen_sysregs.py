#!/usr/bin/env python3
"""Generate src/a64jit/encoding/sysregs.py: every system register name, PSTATE field and
named sys operation (dc, ic, tlbi, at, cfp, dvp, cpp) that llvm-mc 14 knows.

llvm-mc is asked, not a hand-written list: every MRS/MSR encoding (op0 2-3) and every
SYS encoding (op0 1) is disassembled; where LLVM has a name it prints it. A register
readable by mrs shows up in the MRS sweep, a writable one in the MSR sweep (some
encodings have one name for reading and another for writing, e.g. dbgdtrrx_el0 and
dbgdtrtx_el0). Every name is then assembled back and must give the same word.

Usage: .venv/bin/python tools/gen_sysregs.py   (needs llvm-mc 14 on PATH; capstone, if
installed, proposes the alternative names llvm-mc accepts but does not print)
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "a64jit" / "encoding" / "sysregs.py"
LLVM_MC = "llvm-mc"
# Every optional feature that adds system register or operation names in LLVM 14
# (not +v8r, which renames some EL2 registers).
MATTR = ("+v8.8a,+spe,+tracev8.4,+trbe,+ete,+brbe,+mte,+rme,+sme,+spe-eef,+amvs,+ecv,"
         "+fgt,+hcx,+ls64,+wfxt,+xs,+tme,+ras,+lor,+pan,+vh,+sel2,+ccdp,+predres,"
         "+specrestrict,+ssbs,+sb,+bti,+pauth,+dit,+flagm,+el2vmsa,+mops,+hbc,+pan-rwv,"
         "+uaops,+ccpp,+sve")
_LINE = re.compile(r"^\s*(\w+)\s*(.*)$")
_GENERIC = re.compile(r"s\d_\d_c\d+_c\d+_\d\Z", re.I)


def _disassemble(words: list[int]) -> list[str]:
    src = "".join(" ".join(f"0x{(w >> s) & 0xFF:02x}" for s in (0, 8, 16, 24)) + "\n"
                  for w in words)
    proc = subprocess.run([LLVM_MC, "-triple=aarch64", f"-mattr={MATTR}", "--disassemble"],
                          input=src, capture_output=True, text=True, check=True)
    out = [ln.strip() for ln in proc.stdout.splitlines()
           if ln.strip() and not ln.strip().startswith(".")]
    if len(out) != len(words):
        raise SystemExit(f"llvm-mc printed {len(out)} lines for {len(words)} words")
    return out


def _assemble(lines: list[str]) -> list[int | None]:
    proc = subprocess.run([LLVM_MC, "-triple=aarch64", f"-mattr={MATTR}", "-show-encoding"],
                          input="\n".join(lines) + "\n", capture_output=True, text=True,
                          check=False)
    bad = {int(m.group(1)) - 1 for m in re.finditer(r"^<stdin>:(\d+):\d+: error", proc.stderr,
                                                     re.M)}
    encs = re.findall(r"encoding: \[([^\]]*)\]", proc.stdout)
    words = iter(int.from_bytes(bytes(int(b, 16) for b in e.split(",")), "little")
                 for e in encs)
    return [None if i in bad else next(words) for i in range(len(lines))]


def _fields(word: int) -> tuple[int, int, int, int, int]:
    return (word >> 19 & 3, word >> 16 & 7, word >> 12 & 15, word >> 8 & 15, word >> 5 & 7)


def sysregs() -> dict[str, list[int]]:
    """name -> [packed op0:op1:CRn:CRm:op2, readable, writable]."""
    found: dict[str, list[int]] = {}
    for l, mnemonic in ((1, "mrs"), (0, "msr")):
        words = [0xD5000000 | l << 21 | op0 << 19 | rest << 5
                 for op0 in (2, 3) for rest in range(1 << 14)]
        for word, text in zip(words, _disassemble(words), strict=True):
            m = _LINE.match(text)
            assert m and m.group(1) == mnemonic, text
            ops = [o.strip() for o in m.group(2).split(",")]
            name = (ops[1] if l else ops[0]).lower()
            if _GENERIC.match(name):
                continue
            op0, op1, crn, crm, op2 = _fields(word)
            packed = op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2
            entry = found.setdefault(name, [packed, 0, 0])
            if entry[0] != packed:
                raise SystemExit(f"{name}: two encodings")
            entry[1 if l else 2] = 1
    _aliases(found)
    # every name must assemble back to the word it was printed for
    names = sorted(found)
    checks = []
    for n in names:
        if found[n][1]:
            checks.append((n, f"mrs x0, {n}", 0xD5200000))
        if found[n][2]:
            checks.append((n, f"msr {n}, x0", 0xD5000000))
    got = _assemble([c[1] for c in checks])
    for (n, line, base), word in zip(checks, got, strict=True):
        if word != base | found[n][0] << 5:
            raise SystemExit(f"{line}: llvm-mc assembles it to {word!r}")
    return found


def _aliases(found: dict[str, list[int]]) -> None:
    """Names llvm-mc accepts but never prints (LLVM's alternative names, such as
    trcextinselr0 for trcextinselr): capstone's names for the same encodings are the
    candidates; llvm-mc decides which it accepts, and for which word."""
    try:
        import capstone
    except ImportError:
        print("capstone not installed: alternative register names are not collected")
        return
    md = capstone.Cs(capstone.CS_ARCH_ARM64, capstone.CS_MODE_ARM)
    candidates: dict[str, tuple[int, int]] = {}
    for l in (1, 0):
        for op0 in (2, 3):
            for rest in range(1 << 14):
                word = 0xD5000000 | l << 21 | op0 << 19 | rest << 5
                insn = next(md.disasm(word.to_bytes(4, "little"), 0), None)
                if insn is None:
                    continue
                ops = [o.strip() for o in insn.op_str.split(",")]
                name = (ops[1] if l else ops[0]).lower()
                if name and not _GENERIC.match(name) and name not in found:
                    candidates[f"{name}/{l}"] = (l, op0 << 14 | rest)
    items = sorted(candidates.items())
    lines = [f"mrs x0, {k.split('/')[0]}" if l else f"msr {k.split('/')[0]}, x0"
             for k, (l, _) in items]
    for (key, (l, packed)), word in zip(items, _assemble(lines), strict=True):
        if word is not None and word == (0xD5000000 | l << 21 | packed << 5):
            entry = found.setdefault(key.split("/")[0], [packed, 0, 0])
            entry[1 if l else 2] = 1


def sys_ops() -> dict[str, dict[str, list[int]]]:
    """mnemonic (dc, ic, tlbi, at, ...) -> name -> [op1, CRn, CRm, op2, takes a register]."""
    out: dict[str, dict[str, list[int]]] = {}
    for rt in (0, 31):
        words = [0xD5080000 | rest << 5 | rt for rest in range(1 << 14)]
        for word, text in zip(words, _disassemble(words), strict=True):
            m = _LINE.match(text)
            assert m, text
            mnemonic = m.group(1)
            if mnemonic == "sys":
                continue
            ops = [o.strip() for o in m.group(2).split(",")]
            takes_reg = len(ops) == 2
            if takes_reg != (rt == 0):
                continue  # a register op printed with xzr, or a plain op seen twice
            _, op1, crn, crm, op2 = _fields(word)
            out.setdefault(mnemonic, {})[ops[0].lower()] = [op1, crn, crm, op2, int(takes_reg)]
    return out


def pstate_fields() -> dict[str, list[int]]:
    """``msr <field>, #imm`` fields -> [op1, op2]."""
    out: dict[str, list[int]] = {}
    words = [0xD500401F | op1 << 16 | 1 << 8 | op2 << 5 for op1 in range(8) for op2 in range(8)]
    for word, text in zip(words, _disassemble(words), strict=True):
        m = _LINE.match(text)
        assert m, text
        ops = [o.strip() for o in m.group(2).split(",")]
        if m.group(1) == "msr" and len(ops) == 2 and ops[1].startswith("#"):
            out[ops[0].lower()] = [word >> 16 & 7, word >> 5 & 7]
    return out


def main() -> None:
    from toolargs import names

    names(sys.argv[1:], __doc__, None)
    regs = sysregs()
    ops = sys_ops()
    fields = pstate_fields()
    with open(OUT, "w") as f:
        f.write('"""Generated by tools/gen_sysregs.py from llvm-mc 14: do not edit.\n\n'
                "SYSREGS: lower-case name -> op0 << 14 | op1 << 11 | CRn << 7 | CRm << 3 | op2\n"
                "| READ (readable by mrs) | WRITE (writable by msr).\n"
                'SYS_OPS: mnemonic -> name -> (op1, CRn, CRm, op2, takes a register).\n'
                'PSTATE: ``msr <field>, #imm`` name -> (op1, op2).\n"""\n\n')
        f.write("from __future__ import annotations\n\nfrom typing import Final\n\n")
        f.write("READ: Final = 1 << 16\nWRITE: Final = 1 << 17\n\n")
        f.write("SYSREGS: Final[dict[str, int]] = {\n")
        for name in sorted(regs):
            packed, r, w = regs[name]
            f.write(f"    {name!r}: {packed | r << 16 | w << 17:#x},\n")
        f.write("}\n\n")
        f.write("SYS_OPS: Final[dict[str, dict[str, tuple[int, int, int, int, bool]]]] = {\n")
        for mnemonic in sorted(ops):
            f.write(f"    {mnemonic!r}: {{\n")
            for name, (op1, crn, crm, op2, reg) in sorted(ops[mnemonic].items()):
                f.write(f"        {name!r}: ({op1}, {crn}, {crm}, {op2}, {bool(reg)}),\n")
            f.write("    },\n")
        f.write("}\n\n")
        f.write("PSTATE: Final[dict[str, tuple[int, int]]] = {\n")
        for name, (op1, op2) in sorted(fields.items()):
            f.write(f"    {name!r}: ({op1}, {op2}),\n")
        f.write("}\n")
    print(f"{len(regs)} system registers, "
          + ", ".join(f"{len(v)} {k}" for k, v in sorted(ops.items()))
          + f", {len(fields)} PSTATE fields -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
