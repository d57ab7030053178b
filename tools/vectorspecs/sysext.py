"""sys/sysl, every named dc/ic/tlbi/at/cfp/dvp/cpp/brb operation, every system register
name llvm-mc 14 knows (both directions), PSTATE fields, sb, psb/tsb csync, eret, drps."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from ._common import XZR

MATTR = ("+v8.8a,+spe,+tracev8.4,+trbe,+ete,+brbe,+mte,+rme,+sme,+spe-eef,+amvs,+ecv,"
         "+fgt,+hcx,+ls64,+wfxt,+xs,+tme,+ras,+lor,+pan,+vh,+sel2,+ccdp,+predres,"
         "+specrestrict,+ssbs,+sb,+bti,+pauth,+dit,+flagm,+el2vmsa,+mops,+hbc,+pan-rwv,"
         "+uaops,+ccpp,+sve")


def _tables():  # the generated tables of the package (tools/gen_sysregs.py)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    from a64jit.encoding import sysregs
    return sysregs


def lines() -> Iterator[str]:
    t = _tables()
    for i, name in enumerate(sorted(t.SYSREGS)):
        r = XZR[(i * 7) % 32]
        # both directions for every name: llvm-mc rejects the direction a register lacks
        yield f"mrs {r}, {name}"
        yield f"msr {name}, {XZR[(i * 11 + 3) % 32]}"
        if i % 17 == 0:
            yield f"mrs x1, {name.upper()}"
    for name in sorted(t.PSTATE):
        for imm in (0, 1, 2, 15, 16):
            yield f"msr {name}, #{imm}"
    for mnemonic, ops in sorted(t.SYS_OPS.items()):
        for i, (name, (_, _, _, _, reg)) in enumerate(sorted(ops.items())):
            if reg:
                yield f"{mnemonic} {name}, {XZR[(i * 5) % 32]}"
                yield f"{mnemonic} {name}"
                yield f"{mnemonic} {name}, w0"
            else:
                yield f"{mnemonic} {name}"
                yield f"{mnemonic} {name}, x0"
            if i % 9 == 0:
                yield f"{mnemonic} {name.upper()}" + (", x1" if reg else "")
        yield f"{mnemonic} foo" + (", x0" if mnemonic != "brb" else "")
    for op1, crn, crm, op2, rt in ((0, 0, 0, 0, "x0"), (7, 15, 15, 7, "xzr"), (3, 7, 5, 1, "x9"),
                                   (1, 2, 3, 4, "x30"), (0, 7, 1, 0, "")):
        tail = f", {rt}" if rt else ""
        yield f"sys #{op1}, c{crn}, c{crm}, #{op2}{tail}"
        yield f"sys #{op1}, C{crn}, C{crm}, #{op2}{tail}"
        yield f"sysl {rt or 'x1'}, #{op1}, c{crn}, c{crm}, #{op2}"
    yield from ("sys #8, c0, c0, #0", "sys #0, c16, c0, #0", "sys #0, c0, c0, #8",
                "sys #0, c0, c0, #0, sp", "sys #0, c0, c0, #0, w1", "sysl xzr, #0, c0, c0, #0",
                "sysl x0, #0, c0, c0", "sys #0, c0, c0", "sysl w0, #0, c0, c0, #0",
                "sys 0, c0, c0, 0", "sysl sp, #0, c0, c0, #0", "sys #0, x0, c0, #0")
    for op in ("sb", "eret", "drps"):
        yield op
        yield op.upper()
        yield f"{op} #1"
    for op in ("psb", "tsb"):
        yield f"{op} csync"
        yield f"{op} CSYNC"
        yield op
        yield f"{op} foo"
        yield f"{op} #1"
