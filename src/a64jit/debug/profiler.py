"""Emulator profiler: where does generated code spend its instructions?

A block-counting profiler for the emulator backend: while it runs, Unicorn
calls it as each basic block starts (:meth:`EmulatorBackend.add_block_hook`);
it counts the block under the current JIT call stack and, at the end, spreads
each block's instructions over the installed functions, the named labels and
the source positions given to ``install(lines=...)`` (a JS VM's bytecodes).
The unit is *emulated instructions executed*, exact and repeatable (not wall
time: the emulator's speed says little about hardware).

The call stack is a shadow stack: entering a function's first instruction
with a new return address (x30) pushes it; any block outside the top
function pops back to the function that holds it, so returns, tail calls,
and calls from host functions back into JIT code resolve without seeing
``ret``. (A branch back to the first instruction of a function that Python
called counts as another call: the profiler cannot tell the two apart.)
Code outside known functions (host-function trampolines, code
installed before any a64jit.debug tool was on) shows as ``[other]``: switch
the symbol table on (:func:`a64jit.debug.enable`) before installing.

Output: :meth:`Profile.table` (a printed table), :meth:`Profile.collapsed`
(Brendan Gregg's folded stacks, read by flamegraph.pl, inferno and
speedscope) and :meth:`Profile.speedscope` (speedscope's JSON file format).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .hub import HUB
from .symbols import Symbol

#: Frame name of code outside known functions (host-function trampolines,
#: code installed while the symbol table was off).
OTHER = "[other]"


@dataclass(frozen=True)
class Row:
    """One line of :meth:`Profile.table`."""

    name: str
    #: Instructions executed in this function itself.
    self_instructions: int
    #: Instructions executed in it and in everything it called.
    total_instructions: int
    #: Times it was entered (calls, including recursive ones).
    calls: int


class Profile:
    """Results of one :func:`profile` run (filled in while it runs)."""

    def __init__(self) -> None:
        #: (stack of function start addresses, block address) -> times run
        self.blocks: Counter[tuple[tuple[int, ...], int]] = Counter()
        self.sizes: dict[int, int] = {}
        self.entries: Counter[int] = Counter()
        self._symbols: dict[int, Symbol] = {}

    # -- attribution ---------------------------------------------------------------------
    def _expanded(self, positions: bool) -> Counter[tuple[str, ...]]:
        """Instructions per stack of frame names (plus the source position leaf)."""
        out: Counter[tuple[str, ...]] = Counter()
        for (stack, block), count in self.blocks.items():
            names = tuple(self._symbols[a].name if a in self._symbols else OTHER for a in stack)
            top = self._symbols.get(stack[-1]) if stack else None
            ninsn = max(1, self.sizes.get(block, 4) // 4)
            if top is None or not top.address <= block < top.end:
                key = (*names, OTHER) if names[-1:] != (OTHER,) else names
                out[key] += count * ninsn
                continue
            if not positions or not top.lines:
                out[names] += count * ninsn
                continue
            for i in range(ninsn):
                entry = top.line_at(block + 4 * i - top.address)
                leaf = f"{entry[1]}:{entry[2]}" if entry is not None else "?"
                key = (*names, leaf)
                out[key] += count
        return out

    @property
    def total(self) -> int:
        """Instructions executed while profiling."""
        return sum(count * max(1, self.sizes.get(block, 4) // 4)
                   for (_, block), count in self.blocks.items())

    def rows(self) -> list[Row]:
        """Per function: self and total instructions and calls, most self first."""
        self_count: Counter[str] = Counter()
        total: Counter[str] = Counter()
        for stack, n in self._expanded(positions=False).items():
            self_count[stack[-1]] += n
            for name in set(stack):
                total[name] += n
        calls: Counter[str] = Counter()
        for address, n in self.entries.items():
            calls[self._symbols[address].name if address in self._symbols else OTHER] += n
        return sorted((Row(name, self_count[name], total[name], calls[name]) for name in total),
                      key=lambda r: (-r.self_instructions, r.name))

    def positions(self) -> list[tuple[str, str, int]]:
        """``(function, "file:line", instructions)`` for code installed with ``lines``."""
        out: Counter[tuple[str, str]] = Counter()
        for stack, n in self._expanded(positions=True).items():
            if len(stack) >= 2 and ":" in stack[-1]:
                out[(stack[-2], stack[-1])] += n
        return sorted(((f, pos, n) for (f, pos), n in out.items()), key=lambda r: (-r[2], r[:2]))

    # -- output ------------------------------------------------------------------------------
    def table(self, limit: int | None = 20) -> str:
        """A printable table: functions by self instructions, then source positions."""
        total = self.total or 1
        lines = [f"{'self':>12} {'self%':>6} {'total':>12} {'calls':>8}  function",
                 "-" * 60]
        for row in self.rows()[:limit]:
            lines.append(f"{row.self_instructions:>12} {100 * row.self_instructions / total:>5.1f}%"
                         f" {row.total_instructions:>12} {row.calls:>8}  {row.name}")
        pos = self.positions()[:limit]
        if pos:
            lines += ["", f"{'instr':>12} {'%':>6}  function  position", "-" * 60]
            for name, where, n in pos:
                lines.append(f"{n:>12} {100 * n / total:>5.1f}%  {name}  {where}")
        lines.append(f"\n{self.total} emulated instructions")
        return "\n".join(lines)

    def collapsed(self, positions: bool = True) -> str:
        """Folded stacks: ``f;g;file:line COUNT`` per line (flamegraph.pl, speedscope)."""
        stacks = self._expanded(positions)
        return "".join(f"{';'.join(s.replace(';', ':') for s in stack)} {n}\n"
                       for stack, n in sorted(stacks.items()))

    def speedscope(self, name: str = "a64jit emulator") -> dict[str, Any]:
        """The profile as a speedscope file (https://www.speedscope.app/file-format-schema.json)."""
        frames: list[dict[str, Any]] = []
        index: dict[str, int] = {}
        samples: list[list[int]] = []
        weights: list[int] = []
        for stack, n in sorted(self._expanded(positions=True).items()):
            ids = []
            for frame in stack:
                if frame not in index:
                    index[frame] = len(frames)
                    entry: dict[str, Any] = {"name": frame}
                    file, _, line = frame.rpartition(":")
                    if file and line.isdigit():
                        entry.update(file=file, line=int(line))
                    frames.append(entry)
                ids.append(index[frame])
            samples.append(ids)
            weights.append(n)
        total = sum(weights)
        return {
            "$schema": "https://www.speedscope.app/file-format-schema.json",
            "shared": {"frames": frames},
            "profiles": [{"type": "sampled", "name": name, "unit": "none",
                          "startValue": 0, "endValue": total,
                          "samples": samples, "weights": weights}],
            "name": name, "activeProfileIndex": 0, "exporter": "a64jit.debug.profiler",
        }

    def write(self, path: str) -> None:
        """Write ``*.json`` as speedscope JSON, anything else as folded stacks."""
        with open(path, "w", encoding="utf-8") as f:
            if path.endswith(".json"):
                json.dump(self.speedscope(), f)
            else:
                f.write(self.collapsed())


class _Recorder:
    """The block hook: keeps the shadow stack and the counters."""

    def __init__(self, backend: Any, profile: Profile) -> None:
        self.backend = backend
        self.profile = profile
        self.stack: tuple[int, ...] = ()  # function start addresses, outermost first
        self.rets: tuple[int, ...] = ()   # the return address each was entered with
        self.lo = self.hi = 0             # range of the top function
        self.ret_top = -1                 # return address of the top frame
        self.in_host = False              # the last block was outside JIT code
        self.entered = (0, 0, 0)          # (function, x30, sp) at the last function entry

    def __call__(self, address: int, size: int) -> None:
        # Fast path: another block of the function on top of the stack.
        if address == self.ret_top or address == self.lo or not self.lo <= address < self.hi:
            self._slow(address)
        prof = self.profile
        prof.blocks[(self.stack, address)] += 1
        if address not in prof.sizes:
            prof.sizes[address] = size

    def _slow(self, address: int) -> None:
        stack, rets = self.stack, self.rets
        while rets and rets[-1] == address:  # a return (tail calls share one address)
            stack, rets = stack[:-1], rets[:-1]
        symbol = HUB.table.lookup(address)
        if symbol is None:  # a host-function trap or other code outside JIT functions
            self.stack, self.rets, self.in_host = stack, rets, True
            self.lo = self.hi = 0
            self.ret_top = rets[-1] if rets else -1
            return
        prof = self.profile
        prof._symbols[symbol.address] = symbol
        if symbol.address == address:
            ret, sp = self.backend.read_link()
            caller = HUB.table.lookup(ret)
            if caller is None:
                # Called from Python: a new stack, or, from inside a host
                # function, on top of the JIT frames that called it.
                if not self.in_host:
                    stack, rets = (), ()
                stack, rets = (*stack, address), (*rets, ret)
                prof.entries[address] += 1
            elif (address, ret, sp) != self.entered:
                # A call or tail call. (The same x30 *and* sp as when the top
                # frame was entered: a branch back to the start, not a call;
                # recursion through one call site differs in sp.)
                stack, rets = self._unwind(stack, rets, ret)
                stack, rets = (*stack, address), (*rets, ret)
                prof.entries[address] += 1
            self.entered = (address, ret, sp)
        else:
            stack, rets = self._unwind(stack, rets, address)
            if not stack:  # entered mid-function (e.g. a patched-in jump)
                stack, rets = (symbol.address,), (-1,)
        self.stack, self.rets, self.in_host = stack, rets, False
        self.lo, self.hi = symbol.address, symbol.end
        self.ret_top = rets[-1]

    def _unwind(self, stack: tuple[int, ...], rets: tuple[int, ...],
                target: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Pop frames until the top function holds ``target``."""
        symbols = self.profile._symbols
        while stack:
            top = symbols.get(stack[-1])
            if top is not None and top.address <= target < top.end:
                break
            stack, rets = stack[:-1], rets[:-1]
        return stack, rets


@contextmanager
def profile(backend: Any = None) -> Iterator[Profile]:
    """Profile emulated calls made inside the ``with`` block::

        with a64jit.debug.profile() as prof:
            f(30)
        print(prof.table())
        prof.write("out.folded")   # or "out.json" (speedscope)

    ``backend``: the EmulatorBackend to hook (default: the default backend,
    which must be the emulator). Switches the symbol table on for its
    duration; code installed before any tool was on counts as ``[other]``, so
    call :func:`a64jit.debug.enable` before installing.
    """
    from ..runtime.select import get_backend

    be: Any = get_backend(backend)
    if not hasattr(be, "add_block_hook"):
        raise ValueError(f"profile: the {be.name!r} backend cannot be profiled; the "
                         "profiler needs the emulator backend (A64JIT_BACKEND=emulator)")
    was_active = HUB.active
    HUB.start("symbols", None)
    prof = Profile()
    token = be.add_block_hook(_Recorder(be, prof))
    try:
        yield prof
    finally:
        be.remove_block_hook(token)
        if not was_active and not HUB.tools:
            HUB.stop()
