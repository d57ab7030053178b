"""The Fragments row of bench_jit.py: the same template JIT, each bytecode one Fragment.

Every bytecode kind is built once as a :class:`a64jit.Fragment` (its frame slots,
immediates and constants are holes; its branch targets are label holes), then the
program is instantiated fragment by fragment into an Assembler. Shapes that are not one
field (a constant's number of movk steps, tbnz's bit number) get one fragment per shape,
built on first use. :func:`check` compares the bytes with bench_jit's Assembler run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from a64jit import GE, LT, NE, VS, Assembler, Fragment, hole, lsl, mem
from a64jit.operands import X_BY_CODE

x0, x1, x2, x16, x19 = (X_BY_CODE[i] for i in (0, 1, 2, 16, 19))
SLOT = hole.offset(8)
Consts = dict[int, list[tuple[str, int, int]]]


def _consts(a: Any, rd: Any, steps: list[tuple[str, int]], imms: tuple[int, ...]) -> None:
    for (name, shift), imm in zip(steps, imms, strict=True):
        getattr(a, name)(rd, imm, lsl(shift))


class Templates:
    """The fragments, built on first use (a JIT builds them once per process)."""

    def __init__(self) -> None:
        self.cache: dict[object, Fragment] = {}

    def get(self, key: object, make: Callable[[], Fragment]) -> Fragment:
        frag = self.cache.get(key)
        if frag is None:
            frag = self.cache[key] = make()
        return frag

    def loadk(self, shape: tuple[tuple[str, int], ...]) -> Fragment:
        def body(a: Any, slot: int, *imms: int) -> None:
            _consts(a, x0, list(shape), imms)
            a.str(x0, mem(x19, slot))
        names = [f"k{i}" for i in range(len(shape))]

        def make() -> Fragment:
            def named(a: Any, slot: int, **ks: int) -> None:
                body(a, slot, *(ks[n] for n in names))
            named.__name__ = "loadk"
            return Fragment(named, slot=SLOT, **{n: hole.imm16 for n in names})
        return self.get(("loadk", shape), make)

    def call(self, shape: tuple[tuple[str, int], ...]) -> Fragment:
        names = [f"k{i}" for i in range(len(shape))]

        def make() -> Fragment:
            def call(a: Any, lhs: int, rhs: int, dst: int, **ks: int) -> None:
                a.ldr(x0, mem(x19, lhs))
                a.ldr(x1, mem(x19, rhs))
                _consts(a, x16, list(shape), tuple(ks[n] for n in names))
                a.blr(x16)
                a.str(x0, mem(x19, dst))
            return Fragment(call, lhs=SLOT, rhs=SLOT, dst=SLOT,
                            **{n: hole.imm16 for n in names})
        return self.get(("call", shape), make)

    def tbit(self, bit: int) -> Fragment:
        def make() -> Fragment:
            def tbit(a: Any, slot: int, target: Any) -> None:
                a.ldr(x0, mem(x19, slot))
                a.tbnz(x0, bit, target)
            return Fragment(tbit, slot=SLOT, target=hole.label)
        return self.get(("tbit", bit), make)


def _add(a: Any, lhs: int, rhs: int, dst: int, slow: Any, back: Any) -> None:
    a.ldr(x0, mem(x19, lhs))
    a.ldr(x1, mem(x19, rhs))
    a.orr(x2, x0, x1)  # both small integers (tag bit 0 clear)?
    a.tst(x2, 1)
    a.b_ne(slow)
    a.adds(x0, x0, x1)
    a.b_vs(slow)
    a.bind(back)
    a.str(x0, mem(x19, dst))


def _addi(a: Any, src: int, k: int, dst: int, deopt: Any, slow: Any, back: Any) -> None:
    a.ldr(x0, mem(x19, src))
    a.tst(x0, 1)
    a.b_cond(NE, deopt)
    a.adds(x0, x0, k)
    a.b_cond(VS, slow)
    a.bind(back)
    a.str(x0, mem(x19, dst))


def _jlt(a: Any, lhs: int, rhs: int, target: Any) -> None:
    a.ldr(x0, mem(x19, lhs))
    a.ldr(x1, mem(x19, rhs))
    a.cmp(x0, x1)
    a.b_cond(LT, target)


def _poll_jump(a: Any, end: Any, target: Any) -> None:
    a.ldr(x2, mem(x19, 120))
    a.cbnz(x2, end)
    a.b(target)


def _jump(a: Any, target: Any) -> None:
    a.b(target)


def _jz(a: Any, slot: int, target: Any) -> None:
    a.ldr(x0, mem(x19, slot))
    a.cbz(x0, target)


def _mov(a: Any, src: int, dst: int) -> None:
    a.ldr(x2, mem(x19, src))
    a.cmp(x2, 0)
    a.csel(x0, x2, x1, GE)
    a.str(x0, mem(x19, dst))


def fragment_driver(prog: list[Any], consts: Consts, runtime: int) -> Callable[[], int]:
    """Build the fixed fragments now; return a function that instantiates the program
    into a fresh Assembler and returns its instruction count."""
    label = hole.label
    add = Fragment(_add, lhs=SLOT, rhs=SLOT, dst=SLOT, slow=label, back=label)
    addi = Fragment(_addi, src=SLOT, k=hole.imm12, dst=SLOT, deopt=label, slow=label,
                    back=label)
    jlt = Fragment(_jlt, lhs=SLOT, rhs=SLOT, target=label)
    poll_jump = Fragment(_poll_jump, end=label, target=label)
    jump = Fragment(_jump, target=label)
    jz = Fragment(_jz, slot=SLOT, target=label)
    mov = Fragment(_mov, src=SLOT, dst=SLOT)
    rt_steps = consts[runtime]

    def _slow(a: Any, entry: Any, index: int, back: Any, end: Any) -> None:
        a.bind(entry)
        a.movz(x0, index)
        _consts(a, x16, [(n, s) for n, _, s in rt_steps], tuple(i for _, i, _ in rt_steps))
        a.blr(x16)
        a.cmp(x0, 0)
        a.b_cond(NE, back)
        a.b(end)

    slow_path = Fragment(_slow, entry=label, index=hole.imm16, back=label, end=label)
    tpl = Templates()
    # Per bytecode, the fragment and its values, except for the labels (fresh per run).
    shapes = {k: tuple((n, s) for n, _, s in steps) for k, steps in consts.items()}
    imms = {k: tuple(i for _, i, _ in steps) for k, steps in consts.items()}

    def run() -> int:
        a = Assembler()
        labels = [a.label() for _ in prog]
        end = a.label()
        slow: list[tuple[Any, Any, int]] = []
        for i, op in enumerate(prog):
            a.bind(labels[i])
            kind = op.kind
            if kind == "loadk":
                tpl.loadk(shapes[op.k]).emit(a, 8 * op.a, *imms[op.k])
            elif kind == "add":
                s, back = a.label(), a.label()
                add.emit(a, 8 * op.b, 8 * op.c, 8 * op.a, s, back)
                slow.append((s, back, i))
            elif kind == "addi":
                s, back = a.label(), a.label()
                addi.emit(a, 8 * op.b, op.k, 8 * op.a, labels[op.t], s, back)
                slow.append((s, back, i))
            elif kind == "jlt":
                jlt.emit(a, 8 * op.a, 8 * op.b, labels[op.t])
            elif kind == "jmp":
                if op.t <= i:
                    poll_jump.emit(a, end, labels[op.t])
                else:
                    jump.emit(a, labels[op.t])
            elif kind == "tbit":
                tpl.tbit(op.b).emit(a, 8 * op.a, labels[op.t])
            elif kind == "jz":
                jz.emit(a, 8 * op.a, labels[op.t])
            elif kind == "call":
                tpl.call(shapes[op.k]).emit(a, 8 * op.a, 8 * op.b, 8 * op.c, *imms[op.k])
            else:
                mov.emit(a, 8 * op.b, 8 * op.a)
        a.b(end)
        for s, back, i in slow:
            slow_path.emit(a, s, i & 0xFFFF, back, end)
        a.bind(end)
        a.ret()
        run.code = a.finalize()  # type: ignore[attr-defined]
        return len(run.code) // 4  # type: ignore[attr-defined]

    return run


def check(run: Callable[[], int], reference: Assembler) -> None:
    """The Fragments program must be the Assembler's, byte for byte."""
    run()
    if run.code != reference.finalize():  # type: ignore[attr-defined]
        raise AssertionError("Fragments emitted other bytes than the Assembler")


# -- a straight-line handler: where Fragments are meant to win ------------------------------

def _handler(a: Any, lhs: int, rhs: int, dst: int, k: int) -> None:
    """12 instructions, 4 holes: a typical arithmetic bytecode without a slow path."""
    a.ldr(x0, mem(x19, lhs))
    a.ldr(x1, mem(x19, rhs))
    a.add(x0, x0, x1)
    a.add(x0, x0, k)
    a.eor(x2, x0, x1)
    a.and_(x2, x2, x0)
    a.lsr(x2, x2, 63)
    a.orr(x0, x0, x2)
    a.str(x0, mem(x19, dst))
    a.ldr(x1, mem(x19, dst))
    a.sub(x1, x1, k)
    a.str(x1, mem(x19, rhs))


class _Empty:
    def op(self, *operands: object) -> None:
        pass


def straight_line(n: int = 20_000) -> None:
    """Print a 12-instruction fragment's cost against 12 empty method calls."""
    import time

    frag = Fragment(_handler, lhs=SLOT, rhs=SLOT, dst=SLOT, k=hole.imm12)
    e = _Empty()
    op = e.op

    def fragments() -> None:
        a = Assembler()
        emit = frag.emit
        for i in range(n):
            emit(a, 8 * (i & 15), 8 * (i >> 4 & 15), 128, i & 4095)

    def floor() -> None:
        for i in range(n):
            op(x0, 8); op(x1, 8); op(x0, x0, x1); op(x0, x0, i); op(x2, x0, x1)  # noqa: E702
            op(x2, x2, x0); op(x2, x2, 63); op(x0, x0, x2); op(x0, 8); op(x1, 8)  # noqa: E702
            op(x1, x1, i); op(x1, 8)  # noqa: E702

    def best(fn: Callable[[], None]) -> float:
        times = []
        for _ in range(5):
            start = time.process_time()
            fn()
            times.append(time.process_time() - start)
        return min(times)

    fragments()  # fill the immediate tables
    t_frag, t_floor = best(fragments), best(floor)
    print(f"12-instruction fragment, no labels: {12 * n / t_frag:,.0f} instr/s, "
          f"{t_frag / t_floor:.2f}x twelve empty method calls (goal < 1)")


if __name__ == "__main__":
    straight_line()
