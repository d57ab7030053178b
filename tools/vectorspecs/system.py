"""Hints, exception generation, barriers, mrs/msr, dc/ic."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import XZR

HINT_ALIASES = ["nop", "yield", "wfe", "wfi", "sev", "sevl", "dgh", "xpaclri", "pacia1716",
                "pacib1716", "autia1716", "autib1716", "esb", "csdb", "paciaz", "paciasp",
                "pacibz", "pacibsp", "autiaz", "autiasp", "autibz", "autibsp"]
BARRIERS = ["sy", "st", "ld", "ish", "ishst", "ishld", "nsh", "nshst", "nshld", "osh",
            "oshst", "oshld"]
SYSREGS = [
    "nzcv", "daif", "fpcr", "fpsr", "tpidr_el0", "tpidrro_el0", "ctr_el0", "dczid_el0",
    "ccsidr_el1", "clidr_el1", "csselr_el1", "midr_el1", "mpidr_el1", "revidr_el1",
    "id_aa64pfr0_el1", "id_aa64pfr1_el1",
    "id_aa64dfr0_el1", "id_aa64isar0_el1", "id_aa64isar1_el1", "id_aa64mmfr0_el1",
    "id_aa64mmfr1_el1", "id_aa64mmfr2_el1", "cntfrq_el0", "cntpct_el0", "cntvct_el0",
    "cntp_tval_el0", "cntp_ctl_el0", "cntp_cval_el0", "cntv_tval_el0", "cntv_ctl_el0",
    "cntv_cval_el0", "cntkctl_el1", "pmcr_el0", "pmccntr_el0", "pmuserenr_el0", "currentel",
    "spsel", "pan", "uao", "sp_el0", "spsr_el1", "elr_el1", "sctlr_el1", "cpacr_el1",
    "ttbr0_el1", "ttbr1_el1", "tcr_el1", "esr_el1", "far_el1", "mair_el1", "vbar_el1",
    "contextidr_el1", "tpidr_el1",
]
# generic encodings without a name in LLVM or capstone (op0, op1, CRn, CRm, op2)
GENERIC = [(3, 1, 0, 0, 0), (3, 7, 15, 15, 7), (3, 2, 11, 3, 4), (3, 5, 15, 0, 1),
           (3, 6, 7, 9, 3), (2, 7, 15, 15, 7), (3, 4, 15, 15, 7), (3, 1, 15, 2, 0)]


def lines() -> Iterator[str]:
    for h in HINT_ALIASES:
        yield h
        yield h.upper()
        yield f"{h} #1"
    for imm in range(128):
        if imm in (17, 18):
            continue  # psb/tsb csync: capstone's spellings need +spe / +tracev8.4
        yield f"hint #{imm}"
    yield "hint 5"
    yield "hint #0x7f"
    for bad in ("#128", "#-1", "x0", "#1.5", "sy"):
        yield f"hint {bad}"
    yield "hint"
    for t in ("", " c", " j", " jc", " C", " x", " #1"):
        yield f"bti{t}"
    for op in ("brk", "udf", "svc", "hvc", "smc", "hlt"):
        for imm in ("#0", "#1", "#0x1234", "#65535", "#0xffff", "7", "#65536", "#-1", "x0"):
            yield f"{op} {imm}"
        yield op
    for op in ("dcps1", "dcps2", "dcps3"):
        yield op
        for imm in ("#0", "#1", "#65535", "#65536"):
            yield f"{op} {imm}"
    for op in ("dmb", "dsb"):
        for b in BARRIERS:
            yield f"{op} {b}"
            yield f"{op} {b.upper()}"
        for imm in range(16):
            if (op, imm) != ("dsb", 12):  # capstone prints dsb #12 as the v8-R "dfb"
                yield f"{op} #{imm}"
        for bad in ("#16", "#-1", "foo", "x0"):
            yield f"{op} {bad}"
        yield op
    yield "isb"
    yield "isb sy"
    yield "isb SY"
    for imm in range(16):
        yield f"isb #{imm}"
    for bad in ("#16", "#-1", "ish", "x0"):
        yield f"isb {bad}"
    yield "clrex"
    for imm in range(17):
        yield f"clrex #{imm}"
    yield "clrex sy"
    yield "ssbb"
    yield "pssbb"
    for i, name in enumerate(SYSREGS):
        r = XZR[(i * 7) % 32]
        yield f"mrs {r}, {name}"
        yield f"msr {name}, {XZR[(i * 11 + 3) % 32]}"
        if i % 3 == 0:
            yield f"mrs {r}, {name.upper()}"
            yield f"mrs w{i % 31}, {name}"
            yield f"msr {name}, sp"
    for i, r in enumerate(XZR):
        yield f"mrs {r}, nzcv"
        yield f"msr tpidr_el0, {r}"
        yield f"mrs {r}, {SYSREGS[i % len(SYSREGS)]}"
    for op0, op1, crn, crm, op2 in GENERIC:
        g = f"s{op0}_{op1}_c{crn}_c{crm}_{op2}"
        yield f"mrs x5, {g}"
        yield f"msr {g}, x6"
        yield f"mrs x7, {g.upper()}"
    for g in ("s3_8_c0_c0_0", "s3_0_c16_c0_0", "s3_0_c0_c16_0", "s3_0_c0_c0_8", "s4_0_c0_c0_0",
              "foo_el0", "daifset"):
        yield f"mrs x0, {g}"
        yield f"msr {g}, x0"
    for f, top in (("spsel", 15), ("daifset", 15), ("daifclr", 15), ("pan", 1), ("uao", 1)):
        for imm in range(0, top + 2):
            yield f"msr {f}, #{imm}"
        yield f"msr {f.upper()}, #1"
    for bad in ("msr nzcv, #1", "msr daifset, x0", "mrs x0, #1", "mrs sp, nzcv",
                "msr nzcv, w0", "msr s3_3_c4_c2_0, #1"):
        yield bad
    for op in ("zva", "cvac", "cvau", "cvap", "civac", "ivac", "isw", "csw", "cisw"):
        for r in [*XZR[::5], "xzr"]:
            yield f"dc {op}, {r}"
        yield f"dc {op.upper()}, x1"
        yield f"dc {op}"
        yield f"dc {op}, sp"
        yield f"dc {op}, w0"
    yield "dc foo, x0"
    for r in XZR:
        yield f"ic ivau, {r}"
    for op in ("iallu", "ialluis"):
        yield f"ic {op}"
        yield f"ic {op.upper()}"
        yield f"ic {op}, x0"
        yield f"ic {op}, xzr"
    yield "ic ivau"
    yield "ic ivau, sp"
    yield "ic foo"
