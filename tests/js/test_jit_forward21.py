"""Value forwarding (session 21, ``compiler._forward``): a template that ends in ``str xT,
[x19, #8a]`` and the next template's first load of slot a become ``mov xS, xT``.

Checked from the words themselves, decoded with a64jit (an oracle of its own, not the
compiler's bookkeeping): every forwarded load follows the store of its slot, no branch
of the whole function (body, out-of-line paths, stubs) reaches the pc's start but right
after the same store word, none the forwarded word, and the runtime's entry for the pc
(``offsets[pc]``) does the load before joining the body; the check fails when the
compiler keeps a forwarding it must undo. And the JavaScript program made for it gives
node's output in every JIT mode: threshold 0, the default, every guard forced and
seeded random bailouts (a bailout right after a forwarded load).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, cast

import pytest

from a64jit import branch_offset
from a64jit.disasm import disassemble
from a64js import cli
from a64js.bytecode import OPCODES, Code
from a64js.compiler import compile_module, read_source
from a64js.jit import compiler as jc
from tests.js.jitrun import run_jit
from tests.js.test_programs import check

PROGRAMS = Path(__file__).parent / "programs"
PROGRAM = PROGRAMS / "jit_forward21.js"


def _codes(code: Code) -> list[Code]:
    out = [code]
    for c in code.consts:
        if isinstance(c, Code):
            out += _codes(c)
    return out


def _compiled(path: Path, stress: jc.Stress | None = None
              ) -> list[tuple[Code, jc.FunctionCompiler, jc.Compiled, bytes]]:
    """Every function of the program compiled (subroutines in line), finalized at 0."""
    from a64js.hvm import core, vm
    from a64js.jit import Jit

    codes = _codes(compile_module(read_source(str(path)), str(path)))
    vm.HeapVM(["node", str(path)], io.StringIO())
    jit = Jit(0)
    out = []
    try:
        for c in codes:
            fc = jc.FunctionCompiler(c, core.code_info(c).id, stress,
                                     ctx_address=0x5400_0000_1000,
                                     call_table=0x5500_0000_0000,
                                     depth_word=0x5600_0000_0000, arena=jit._arena)
            got = fc.compile()
            out.append((c, fc, got, got.masm.finalize()))
    finally:
        jit.close()
    return out


def _text(code: bytes, offset: int) -> str:
    return disassemble(code[offset:offset + 4], offset)[0].text or "?"


def _frame_access(text: str) -> tuple[str, str, int] | None:
    """(``ldr``/``str``, x register, byte offset) of ``ldr/str xN, [x19{, #imm}]``."""
    mnem, _, rest = text.partition(" ")
    if mnem not in ("ldr", "str") or not rest.startswith("x"):
        return None
    reg, _, addr = rest.partition(", ")
    if not addr.startswith("[x19") or addr.endswith("!") or "]," in addr:
        return None
    inside = addr[1:addr.index("]")].split(", ")
    imm = int(inside[1][1:], 0) if len(inside) > 1 else 0
    return mnem, reg, imm


def check_forwarding(code: Code, fc: jc.FunctionCompiler, out: jc.Compiled,
                     raw: bytes, inline: dict[int, int]) -> list[str]:
    """What is wrong with the function's forwarded pcs (empty: nothing); ``inline``:
    each forwarded pc's in-line offset (``offsets[pc]`` is its runtime entry)."""
    bad: list[str] = []
    assert out.exit_exc is not None and out.exit_ok is not None
    body_end = min(out.masm.label_offset(out.exit_exc), out.masm.label_offset(out.exit_ok))
    targets: dict[int, list[int]] = {}  # offset -> where the branches to it are
    for at in range(0, len(raw), 4):
        d = branch_offset(int.from_bytes(raw[at:at + 4], "little"))
        if d is not None:
            targets.setdefault(at + d, []).append(at)
        else:
            text = _text(raw, at)
            if text.startswith("adr "):  # (a return address made for a call)
                targets.setdefault(int(text.rsplit("#", 1)[1], 0), []).append(-4)
    for pc, (fwd_at, old) in fc.forwarded.items():
        start = inline[pc]
        name = f"{code.name}@{pc}"
        st = _frame_access(_text(raw, start - 4))
        ld = _frame_access(disassemble(old.to_bytes(4, "little"), 0)[0].text or "?")
        mov = _text(raw, fwd_at)
        if st is None or st[0] != "str" or ld is None or ld[0] != "ldr" or st[2] != ld[2]:
            bad.append(f"{name}: {st} then {ld}: not a store and a load of one slot")
            continue
        if mov != f"mov {ld[1]}, {st[1]}":
            bad.append(f"{name}: {mov!r} for the load {ld}")
        if fwd_at == start + 4:
            first = _frame_access(_text(raw, start))
            if first is None or first[0] != "ldr" or first[1] in (st[1], "x19"):
                bad.append(f"{name}: {first} before the forwarded load")
        elif fwd_at != start:
            bad.append(f"{name}: the forwarded word at {fwd_at - start} from the pc")
        store = raw[start - 4:start]
        for r in targets.get(start, []):
            if raw[r - 4:r] != store:  # (after the same store the value is in xT too)
                bad.append(f"{name}: the branch at {r:#x} reaches {start:#x}")
        if fwd_at != start and fwd_at in targets:
            bad.append(f"{name}: the branch at {targets[fwd_at][0]:#x} reaches {fwd_at:#x}")
        entry = out.offsets[pc]
        labels = cast("jc.PcLabels", fc.labels)  # (typed as the mixins' list)
        if pc in labels and out.masm.label_offset(labels[pc]) != entry:
            bad.append(f"{name}: its label not at its entry")
        if entry < body_end:
            bad.append(f"{name}: its runtime entry {entry:#x} in the body")
            continue
        want = [int.from_bytes(raw[w:w + 4], "little") for w in range(start, fwd_at, 4)]
        want.append(old)
        got = [int.from_bytes(raw[w:w + 4], "little")
               for w in range(entry, entry + 4 * len(want), 4)]
        back = entry + 4 * len(want)
        d = branch_offset(int.from_bytes(raw[back:back + 4], "little"))
        if got != want or d is None or back + d != fwd_at + 4:
            bad.append(f"{name}: the entry at {entry:#x} is not the load and a way back")
    return bad


def _inline(fc: jc.FunctionCompiler, out: jc.Compiled, raw: bytes) -> dict[int, int]:
    """Each forwarded pc's in-line offset: the forwarded word's, or the word's before it
    when its entry copies two words before its way back (``offsets[pc]`` is the entry)."""
    got = {}
    for pc, (at, _) in fc.forwarded.items():
        e = out.offsets[pc] + 4
        one = branch_offset(int.from_bytes(raw[e:e + 4], "little")) is not None
        got[pc] = at if one else at - 4
    return got


WORKLOADS = ["jit_forward21", "hanoi", "constraints", "minilang", "textproc", "trees",
             "exceptions", "feat_control", "feat_finally", "feat_jit_doubles"]


@pytest.mark.parametrize("name", WORKLOADS)
def test_forwarded_words_sound(name: str) -> None:
    total = 0
    for stress in (None, jc.Stress(5)):
        for code, fc, out, raw in _compiled(PROGRAMS / f"{name}.js", stress):
            assert check_forwarding(code, fc, out, raw, _inline(fc, out, raw)) == []
            total += len(fc.forwarded)
    assert total > 0


def test_the_check_fails_when_a_forwarding_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the undoing left out (a branch in the body to a forwarded pc, a label or a
    branch at the end: each forwarded load kept, its entry made), the check finds the
    branches that reach forwarded pcs (jit_forward21's loop headers after a store)."""
    real = jc.FunctionCompiler._entries

    def missing(self: Any, pc: int) -> Any:
        if pc < len(self._offsets):
            lab = self[pc] = self._m.label_at(self._offsets[pc])
        else:
            lab = self[pc] = self._m.label()
        return lab

    def keep_all(self: Any, forwarded: dict[int, tuple[int, int]]) -> None:
        m = self.m
        saved = m.label_offsets
        m.label_offsets = lambda: set()
        try:
            real(self, forwarded)
        finally:
            m.label_offsets = saved

    monkeypatch.setattr(jc.FunctionCompiler, "_entries", keep_all)
    monkeypatch.setattr(jc.PcLabels, "__missing__", missing)
    found = []
    for code, fc, out, raw in _compiled(PROGRAM):
        found += check_forwarding(code, fc, out, raw, _inline(fc, out, raw))
    assert any("reaches" in b for b in found), found


def test_forwarded_where_expected() -> None:
    """chain()'s results forward from one bytecode to the next; header()'s loop header
    (a backward branch's target, right after the store of i) keeps its load."""
    by_name = {code.name: (code, fc) for code, fc, _, _ in _compiled(PROGRAM)}
    _, fc = by_name["chain"]
    assert len(fc.forwarded) >= 3
    code, fc = by_name["header"]
    targets = {ins[-1] for ins in code.insns if OPCODES[ins[0]][0].startswith("Jump")}
    assert targets, "header()'s loop has jumps"
    assert not targets & set(fc.forwarded)


@pytest.mark.parametrize("stress", [None, "all", 1, 2, 3, 4, 5, 6])
def test_program_under_stress(stress: str | int | None) -> None:
    proc, _ = run_jit(PROGRAM, threshold=0, stress=stress)
    check(PROGRAM, proc)


def test_program_default_threshold() -> None:
    proc, jit = run_jit(PROGRAM, threshold=cli.DEFAULT_JIT_THRESHOLD)
    check(PROGRAM, proc)
    assert jit.stats.osr_entries > 0
