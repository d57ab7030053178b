"""Where a JavaScript program's compiled code spends its time in the emulator, counted.

Runs a program on the heap VM with the JIT (in this process, on the emulator backend)
under a block hook and reports, noise-free: emulated blocks, instructions, 8-byte memory
accesses (an ``ldp``/``stp`` is two) by instruction and base register, indirect branches
and how often one jumps to a target other than its last two, and a time estimate from
the costs measured in session 16 (src/a64js/DESIGN.md, "EMU16": a block ~3 ns, an
access ~3.5 ns, an indirect branch to a new target ~40 ns, an ALU instruction ~0.15 ns,
left out); then the same per compiled function and per bytecode (``ool``: the code after
a function's body, its out-of-line paths and subroutines; ``entry``: its prologue and
direct entry), and with ``--blocks NAME#ID`` every block of one function run at least
``--min`` times, disassembled.

Run: ``.venv/bin/python benchmarks/emu_blocks.py tests/js/programs/minilang.js 1``
(the arguments after the file are the program's). The hook makes the run ~20-50x slower;
scale 1 of a workload takes seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: ns per block, per 8-byte access, per indirect branch to a target other than its last two
COST_BLOCK, COST_ACCESS, COST_NEW_TARGET = 3.0, 3.5, 40.0


def _accesses(text: str) -> tuple[str, str, int] | None:
    """(load or store, base register, 8-byte accesses) of one disassembled instruction."""
    mnem = text.split()[0]
    if not mnem.startswith(("ld", "st")) or "[" not in text:
        return None
    base = text.split("[")[1].split(",")[0].split("]")[0]
    return mnem[:2], base, 2 if mnem in ("ldp", "stp") else 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("program")
    ap.add_argument("args", nargs="*")
    ap.add_argument("--threshold", type=int, default=10, help="the JIT's (default 10)")
    ap.add_argument("--top", type=int, default=20, help="rows per table")
    ap.add_argument("--blocks", metavar="NAME#ID", help="list this function's blocks")
    ap.add_argument("--min", type=int, default=1000, help="with --blocks: runs at least")
    opt = ap.parse_args()

    from a64jit.disasm import disassemble
    from a64jit.runtime import get_backend
    from a64js.bytecode import OPCODES
    from a64js.hvm import interp, vm
    from a64js.jit import Jit
    from tests.js.hvmrun import in_vm_thread

    backend: Any = get_backend()
    if backend.name != "emulator":
        sys.exit("emu_blocks: counts the emulator's blocks (A64JIT_BACKEND=emulator)")
    counts: Counter[tuple[int, int]] = Counter()
    last = [0]
    targets: dict[int, tuple[int, int]] = {}
    new_target: Counter[int] = Counter()

    def on_block(address: int, size: int) -> None:
        counts[(address, size)] += 1
        p = last[0]
        t = targets.get(p)
        if t is None:
            targets[p] = (address, 0)
        elif address != t[0]:
            if address != t[1]:
                new_target[p] += 1
            targets[p] = (address, t[0])
        last[0] = address

    jit = Jit(opt.threshold)
    status = [2]

    def body() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            status[0] = vm.run_program(opt.program, opt.args, jit=jit)

    token = backend.add_block_hook(on_block)
    try:
        in_vm_thread(body)
    finally:
        backend.remove_block_hook(token)
        interp.set_jit(None)
    cfs = list(jit._cfs.values())

    def where(a: int) -> tuple[str, str, Any]:
        for cf in cfs:
            if cf.entry <= a < cf.entry + cf.size:
                name = f"{cf.code.name or 'anon'}#{cf.info.id}"
                if a >= min(cf.addr[-2:]):
                    return name, "ool", cf
                pcs = [p for p, x in enumerate(cf.addr[:-2]) if x <= a]
                if not pcs:
                    return name, "entry", cf
                pc = max(pcs, key=lambda p: cf.addr[p])
                return name, f"{pc} {OPCODES[cf.code.insns[pc][0]][0]}", cf
        return "[other]", "", None

    seen: dict[tuple[int, int], tuple[list[Any], str, Counter[tuple[str, str]]]] = {}
    blocks = instrs = accesses = indirect = changes = 0
    ends: Counter[str] = Counter()
    by_base: Counter[tuple[str, str]] = Counter()
    per_fn: Counter[str] = Counter()
    per_pc: Counter[tuple[str, str]] = Counter()
    per_pc_acc: Counter[tuple[str, str]] = Counter()
    for (a, s), n in counts.items():
        if (a, s) not in seen:
            ins = disassemble(bytes(backend.uc.mem_read(a, s)), a)
            mn = [(i.text or "?").split()[0] for i in ins]
            acc: Counter[tuple[str, str]] = Counter()
            for i in ins:
                got = _accesses(i.text or "?")
                if got is not None:
                    acc[got[:2]] += got[2]
            seen[(a, s)] = (ins, mn[-1] if mn else "?", acc)
        ins, end, acc = seen[(a, s)]
        blocks += n
        instrs += n * (s // 4)
        k = sum(acc.values())
        accesses += n * k
        for kb, v in acc.items():
            by_base[kb] += n * v
        if end in ("br", "blr", "ret"):
            indirect += n
            changes += new_target[a]
        ends[end if end in ("br", "blr", "ret", "bl", "b") else
             "b.cond/cbz/tbz" if end.startswith(("b.", "cb", "tb")) else "other"] += n
        fn, pc, _ = where(a)
        per_fn[fn] += n
        per_pc[(fn, pc)] += n
        per_pc_acc[(fn, pc)] += n * k
    cost = COST_BLOCK * blocks + COST_ACCESS * accesses + COST_NEW_TARGET * changes
    print(f"{opt.program} {' '.join(opt.args)}: status {status[0]}, threshold {opt.threshold}")
    print(f"blocks {blocks:,}  instructions {instrs:,}  8-byte accesses {accesses:,}  "
          f"indirect branches {indirect:,} (to a new target {changes:,})")
    print(f"estimate {cost / 1e6:,.2f} ms (blocks {COST_BLOCK * blocks / 1e6:,.2f}, "
          f"accesses {COST_ACCESS * accesses / 1e6:,.2f}, "
          f"new targets {COST_NEW_TARGET * changes / 1e6:,.2f})")
    print("block ends: " + ", ".join(f"{k} {v:,}" for k, v in ends.most_common()))
    print("accesses by base: " + ", ".join(
        f"{k[0]} [{k[1]}] {v:,}" for k, v in by_base.most_common(12)))
    print("\nblocks per function:")
    for fn, n in per_fn.most_common(opt.top):
        print(f"  {n:>12,}  {fn}")
    print("\nper bytecode, by estimate (blocks, accesses):")
    rows = sorted(per_pc, key=lambda k: -(COST_BLOCK * per_pc[k]
                                          + COST_ACCESS * per_pc_acc[k]))
    for key in rows[:opt.top]:
        print(f"  {per_pc[key]:>12,} {per_pc_acc[key]:>12,}  {key[0]} {key[1]}")
    if opt.blocks:
        cf = next((where(a)[2] for (a, _s) in counts if where(a)[0] == opt.blocks), None)
        if cf is None:
            sys.exit(f"emu_blocks: no compiled function {opt.blocks!r} ran")
        for (a, s), n in sorted(counts.items()):
            if n < opt.min or where(a)[0] != opt.blocks:
                continue
            print(f"--- +{a - cf.entry:#x} x{n:,} ({where(a)[1]})")
            for i in seen[(a, s)][0]:
                print(f"    +{i.address - cf.entry:#06x} {i.text}")
    jit.close()


if __name__ == "__main__":
    main()
