"""The Fragments row of bench_jit.py: the same template JIT, each bytecode one Fragment.

Every bytecode kind is built once as a :class:`a64jit.Fragment` (its VM registers,
immediates and constants are holes; its branch targets are label holes; an overflow
check's slow path is its out-of-line part, ``hole.cold``), then the program is stamped
bytecode by bytecode into an Assembler through a :class:`~a64jit.Stamper`, the slow
paths placed after the code (``Stamper.out_of_line``). Shapes that are not one field (a
constant's number of movk steps and their shifts, tbnz's bit number from 32 on) get one
fragment per shape, built on first use; tbnz's bits 0..31 are one field (b40; b5 is 0),
a hole of one fragment. :func:`check` compares the bytes with bench_jit's Assembler run.

Run: ``.venv/bin/python benchmarks/jit_fragments.py [--bytecodes N] [--instructions]``
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from a64jit import GE, LT, NE, VS, Assembler, Fragment, hole, lsl, mem
from a64jit.assembler.fragment import Stamper
from a64jit.operands import X_BY_CODE

x0, x1, x2, x16, x19, xzr_ = (X_BY_CODE[i] for i in (0, 1, 2, 16, 19, 31))
SLOT = hole.offset(8)
VREG = hole.imm(4095)  # a VM register's number: the workload's frame slot 8 * r from x19
LABEL = hole.label
Consts = dict[int, list[tuple[str, int, int]]]


def _vreg(r: int) -> Any:
    """VM register ``r``'s frame slot."""
    return mem(x19, 8 * r)


def _consts(a: Any, rd: Any, steps: list[tuple[str, int]], imms: tuple[int, ...]) -> None:
    for (name, shift), imm in zip(steps, imms, strict=True):
        getattr(a, name)(rd, imm, lsl(shift))


class Templates:
    """The fragments whose shape depends on a constant, built on first use (a JIT
    builds them once per process). Each bytecode's fragment binds its label (hole
    ``at``) at its first word."""

    def __init__(self) -> None:
        self.cache: dict[object, Fragment] = {}

    def get(self, key: object, make: Callable[[], Fragment]) -> Fragment:
        frag = self.cache.get(key)
        if frag is None:
            frag = self.cache[key] = make()
        return frag

    def loadk(self, shape: tuple[tuple[str, int], ...]) -> Fragment:
        names = [f"k{i}" for i in range(len(shape))]

        def make() -> Fragment:
            def loadk(a: Any, at: Any, slot: int, **ks: int) -> None:
                a.bind(at)
                _consts(a, x0, list(shape), tuple(ks[n] for n in names))
                a.str(x0, _vreg(slot))
            return Fragment(loadk, at=LABEL, slot=VREG, **{n: hole.imm16 for n in names})
        return self.get(("loadk", shape), make)

    def call(self, shape: tuple[tuple[str, int], ...]) -> Fragment:
        names = [f"k{i}" for i in range(len(shape))]

        def make() -> Fragment:
            def call(a: Any, at: Any, lhs: int, rhs: int, dst: int, **ks: int) -> None:
                a.bind(at)
                a.ldr(x0, _vreg(lhs))
                a.ldr(x1, _vreg(rhs))
                _consts(a, x16, list(shape), tuple(ks[n] for n in names))
                a.blr(x16)
                a.str(x0, _vreg(dst))
            return Fragment(call, at=LABEL, lhs=VREG, rhs=VREG, dst=VREG,
                            **{n: hole.imm16 for n in names})
        return self.get(("call", shape), make)

    def tbit(self, bit: int) -> Fragment:
        """tbnz of bit ``bit`` (32..63: b5 is set, not one field with the rest)."""
        def make() -> Fragment:
            def tbit(a: Any, at: Any, slot: int, target: Any) -> None:
                a.bind(at)
                a.ldr(x0, _vreg(slot))
                a.tbnz(x0, bit, target)
            return Fragment(tbit, at=LABEL, slot=VREG, target=LABEL)
        return self.get(("tbit", bit), make)

    def tbit_low(self) -> Fragment:
        """tbnz of a bit 0..31: the bit number is one field (b40; b5 is 0), a hole."""
        def make() -> Fragment:
            def tbit(a: Any, at: Any, slot: int, bit: int, target: Any) -> None:
                a.bind(at)
                a.ldr(x0, _vreg(slot))
                a.tbnz(x0, bit, target)
            return Fragment(tbit, at=LABEL, slot=VREG, bit=hole.imm(31), target=LABEL)
        return self.get("tbit", make)


def _slow_path(a: Any, slow: Any, back: Any, index: int, end: Any,
               runtime: list[tuple[str, int]], imms: tuple[int, ...]) -> None:
    """An overflow's slow path: call the runtime with the bytecode's index; back to the
    bytecode's store, or to the exit if the runtime says so."""
    a.bind(slow)
    a.movz(x0, index)
    _consts(a, x16, runtime, imms)
    a.blr(x16)
    a.cmp(x0, 0)
    a.b_cond(NE, back)
    a.b(end)


def _add(runtime: list[tuple[str, int]], imms: tuple[int, ...]) -> Callable[..., None]:
    def add(a: Any, at: Any, lhs: int, rhs: int, dst: int, index: int, end: Any,
            cold: Any) -> None:
        slow, back = a.label(), a.label()
        a.bind(at)
        a.ldr(x0, _vreg(lhs))
        a.ldr(x1, _vreg(rhs))
        a.orr(x2, x0, x1)  # both small integers (tag bit 0 clear)?
        a.tst(x2, 1)
        a.b_ne(slow)
        a.adds(x0, x0, x1)
        a.b_vs(slow)
        a.bind(back)
        a.str(x0, _vreg(dst))
        a.bind(cold)  # the slow path: out of line, after the code
        _slow_path(a, slow, back, index, end, runtime, imms)
    return add


def _addi(runtime: list[tuple[str, int]], imms: tuple[int, ...]) -> Callable[..., None]:
    def addi(a: Any, at: Any, src: int, k: int, dst: int, deopt: Any, index: int,
             end: Any, cold: Any) -> None:
        slow, back = a.label(), a.label()
        a.bind(at)
        a.ldr(x0, _vreg(src))
        a.tst(x0, 1)
        a.b_cond(NE, deopt)
        a.adds(x0, x0, k)
        a.b_cond(VS, slow)
        a.bind(back)
        a.str(x0, _vreg(dst))
        a.bind(cold)
        _slow_path(a, slow, back, index, end, runtime, imms)
    return addi


def _jlt(a: Any, at: Any, lhs: int, rhs: int, target: Any) -> None:
    a.bind(at)
    a.ldr(x0, _vreg(lhs))
    a.ldr(x1, _vreg(rhs))
    a.cmp(x0, x1)
    a.b_cond(LT, target)


def _poll_jump(a: Any, at: Any, end: Any, target: Any) -> None:
    a.bind(at)
    a.ldr(x2, mem(x19, 120))
    a.cbnz(x2, end)
    a.b(target)


def _jump(a: Any, at: Any, target: Any) -> None:
    a.bind(at)
    a.b(target)


def _jz(a: Any, at: Any, slot: int, target: Any) -> None:
    a.bind(at)
    a.ldr(x0, _vreg(slot))
    a.cbz(x0, target)


def _mov(a: Any, at: Any, src: int, dst: int) -> None:
    a.bind(at)
    a.ldr(x2, _vreg(src))
    a.cmp(x2, 0)
    a.csel(x0, x2, x1, GE)
    a.str(x0, _vreg(dst))


def _leave(a: Any, end: Any) -> None:
    a.b(end)


def fragment_driver(prog: list[Any], consts: Consts, runtime: int) -> Callable[[], int]:
    """Build the fragments now; return a function that stamps the program into a fresh
    Assembler and returns its instruction count.

    Labels are a :class:`~a64jit.Stamper`'s numbers: bytecode ``i`` is label ``i``, the
    exit ``n``. An overflow check's slow path is the out-of-line part of its bytecode's
    fragment (``hole.cold``): the stamper places them all after the code
    (``Stamper.out_of_line``), where the Assembler column emits them.
    Per-constant fragments and immediates are looked up once per distinct constant
    (as a JIT caches its plan per value)."""
    rt_steps = consts[runtime]
    rt_shape = [(n, s) for n, _, s in rt_steps]
    rt_imms = tuple(i for _, i, _ in rt_steps)
    add = Fragment(_add(rt_shape, rt_imms), at=LABEL, lhs=VREG, rhs=VREG, dst=VREG,
                   index=hole.imm16, end=LABEL, cold=hole.cold)
    addi = Fragment(_addi(rt_shape, rt_imms), at=LABEL, src=VREG, k=hole.imm12, dst=VREG,
                    deopt=LABEL, index=hole.imm16, end=LABEL, cold=hole.cold)
    jlt = Fragment(_jlt, at=LABEL, lhs=VREG, rhs=VREG, target=LABEL)
    poll_jump = Fragment(_poll_jump, at=LABEL, end=LABEL, target=LABEL)
    jump = Fragment(_jump, at=LABEL, target=LABEL)
    jz = Fragment(_jz, at=LABEL, slot=VREG, target=LABEL)
    mov = Fragment(_mov, at=LABEL, src=VREG, dst=VREG)
    leave = Fragment(_leave, end=LABEL)
    tpl = Templates()
    # Per constant: its shape's fragment (by number), its number of immediates and the
    # immediates (padded to 4): the stamp is called with them spelled out, one call site
    # per count. (A call with *imms builds a list and a tuple and takes CPython's
    # generic call path, which ran the rarely used C code of its argument handling at
    # each of those instances: cachegrind, per run, I1 misses 63k -> 27k, D1 179k ->
    # 159k, instructions -2%.)
    frags: list[Fragment] = []
    number: dict[Fragment, int] = {}

    def plan(frag: Fragment, steps: list[tuple[str, int, int]]) -> tuple[int, ...]:
        if frag not in number:
            number[frag] = len(frags)
            frags.append(frag)
        imms = [i for _, i, _ in steps]
        return (number[frag], len(imms), *imms, *[0] * (4 - len(imms)))

    loadks = {k: plan(tpl.loadk(tuple((n, s) for n, _, s in steps)), steps)
              for k, steps in consts.items()}
    calls = {k: plan(tpl.call(tuple((n, s) for n, _, s in steps)), steps)
             for k, steps in consts.items()}
    tbit_low = tpl.tbit_low()
    tbits = [tpl.tbit(bit) for bit in range(32, 64)] if any(
        op.kind == "tbit" and op.b >= 32 for op in prog) else []
    count = len(prog)
    end = count

    def run() -> int:
        a = Assembler()
        st = Stamper(a, labels=count + 1)
        fn = st.emitter
        add_, addi_, jlt_, mov_, jz_ = fn(add), fn(addi), fn(jlt), fn(mov), fn(jz)
        poll_, jump_ = fn(poll_jump), fn(jump)
        shaped = [fn(frag) for frag in frags]
        tbit_ = fn(tbit_low)
        tbit_high = [fn(frag) for frag in tbits]
        for i, op in enumerate(prog):
            kind = op.kind
            if kind == "add":
                add_(i, op.b, op.c, op.a, i & 0xFFFF, end)
            elif kind == "loadk":
                s, c, k0, k1, k2, k3 = loadks[op.k]
                if c == 1:
                    shaped[s](i, op.a, k0)
                elif c == 2:
                    shaped[s](i, op.a, k0, k1)
                elif c == 3:
                    shaped[s](i, op.a, k0, k1, k2)
                else:
                    shaped[s](i, op.a, k0, k1, k2, k3)
            elif kind == "addi":
                addi_(i, op.b, op.k, op.a, op.t, i & 0xFFFF, end)
            elif kind == "jlt":
                jlt_(i, op.a, op.b, op.t)
            elif kind == "jmp":
                if op.t <= i:
                    poll_(i, end, op.t)
                else:
                    jump_(i, op.t)
            elif kind == "tbit":
                if op.b < 32:
                    tbit_(i, op.a, op.b, op.t)
                else:
                    tbit_high[op.b - 32](i, op.a, op.t)
            elif kind == "jz":
                jz_(i, op.a, op.t)
            elif kind == "call":
                s, c, k0, k1, k2, k3 = calls[op.k]
                if c == 1:
                    shaped[s](i, op.a, op.b, op.c, k0)
                elif c == 2:
                    shaped[s](i, op.a, op.b, op.c, k0, k1)
                elif c == 3:
                    shaped[s](i, op.a, op.b, op.c, k0, k1, k2)
                else:
                    shaped[s](i, op.a, op.b, op.c, k0, k1, k2, k3)
            else:
                mov_(i, op.b, op.a)
        fn(leave)(end)
        st.out_of_line(end)  # the slow paths, then the exit
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


def _getprop(a: Any, obj: Any, dst: Any, tmp: Any, shape: int, slot: int, miss: Any) -> None:
    """13 instructions, 3 register holes: a property load with a shape guard (as a JS
    JIT's GetProp: --build times building it)."""
    a.tst(obj, 7)
    a.b_ne(miss)
    a.ldr(tmp, mem(obj, 0))
    a.ldr(x16, mem(x19, shape))
    a.cmp(tmp, x16)
    a.b_ne(miss)
    a.ldr(tmp, mem(obj, 8))
    a.ldr(dst, mem(tmp, slot))
    a.cmp(dst, 0)
    a.csel(dst, dst, xzr_, NE)
    a.str(dst, mem(x19, 8))
    a.add(tmp, tmp, 1)
    a.str(tmp, mem(x19, 16))


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

    def best(*fns: Callable[[], None]) -> list[float]:
        """The fastest of 7 runs of each, interleaved (a shared machine's load then
        hits every contender alike)."""
        times = [float("inf")] * len(fns)
        for _ in range(7):
            for j, fn in enumerate(fns):
                start = time.process_time()
                fn()
                times[j] = min(times[j], time.process_time() - start)
        return times

    def stamped() -> None:
        asm = Assembler()  # a Stamper holds its assembler weakly: keep it alive
        stamp = Stamper(asm).emitter(frag)
        for i in range(n):
            stamp(8 * (i & 15), 8 * (i >> 4 & 15), 128, i & 4095)

    fragments()  # fill the immediate tables
    t_frag, t_floor, t_stamp = best(fragments, floor, stamped)
    print(f"12-instruction fragment, no labels: {12 * n / t_frag:,.0f} instr/s, "
          f"{t_frag / t_floor:.2f}x twelve empty method calls (goal < 1); through a "
          f"Stamper: {12 * n / t_stamp:,.0f} instr/s, {t_stamp / t_floor:.2f}x")


def _guarded(a: Any, k: int, slow: Any, top: Any) -> None:
    a.ldr(x0, mem(x19, k))
    a.tst(x0, 1)
    a.b_ne(slow)  # a guard stub: a forward label, unbound at the instance
    a.add(x0, x0, 2)
    a.str(x0, mem(x19, k))
    a.cbnz(x0, top)  # a loop head: a backward label, bound


def labelled(n: int = 10_000) -> None:
    """Print a 6-instruction fragment with 2 label holes (one forward to an unbound
    label, one backward to a bound one) instantiated ``n`` times into an Assembler and
    into a MacroAssembler, against the plain calls and against the checked emit (what
    every instance with label holes took before the generated one)."""
    import time

    from a64jit import MacroAssembler

    frag = Fragment(_guarded, k=SLOT, slow=LABEL, top=LABEL)
    checked = Fragment.emit.__get__(frag)
    # Its straight-line form: the same words with fixed branch offsets (no label holes).
    fixed = Fragment(lambda a, k: _guarded(a, k, 8, -20), k=SLOT)

    def timed(cls: type[Assembler], emit: Callable[..., None]) -> tuple[float, bytes]:
        a = cls()
        top = a.here()
        slows = [a.label() for _ in range(n)]  # made outside the timed loop
        start = time.process_time()
        for i in range(n):
            emit(a, 8 * (i & 255), slows[i], top)
        elapsed = time.process_time() - start
        for lbl in slows:
            a.bind(lbl)
        a.nop()
        return elapsed, a.finalize()

    for cls in (Assembler, MacroAssembler):
        fns = {"plain calls": _guarded, "fragment": frag.emit, "checked emit": checked}
        best = dict.fromkeys(fns, float("inf"))
        codes: dict[str, bytes] = {}
        for _ in range(7):  # interleaved: a shared machine's load hits all alike
            for name, fn in fns.items():
                t, codes[name] = timed(cls, fn)
                best[name] = min(best[name], t)
        assert codes["fragment"] == codes["plain calls"] == codes["checked emit"]
        straight = float("inf")
        for _ in range(7):
            straight = min(straight, timed(cls, lambda a, k, slow, top: fixed.emit(a, k))[0])
        empty = float("inf")
        for _ in range(7):  # the loop and the lambda alone
            empty = min(empty, timed(cls, lambda a, k, slow, top: None)[0])
        us = {k: 1e6 * v / n for k, v in best.items()}
        print(f"6 instructions, 2 label holes, into a {cls.__name__}: plain calls "
              f"{us['plain calls']:.2f} us, fragment {us['fragment']:.2f} us "
              f"({us['fragment'] / us['plain calls']:.2f}x), checked emit "
              f"{us['checked emit']:.2f} us ({us['checked emit'] / us['plain calls']:.2f}x); "
              f"the straight-line form (no label holes) {1e6 * (straight - empty) / n:.2f} us "
              f"(its lambda's call subtracted)")


def _getprop_pc(a: Any, obj: Any, dst: Any, tmp: Any, shape: int, slot: int, pc: int,
                miss: Any) -> None:
    """A GetProp site as a JS JIT emits it: the guard's branches to the site's own stub
    (a label bound after the code), and the site's pc (a new value at every site)."""
    a.tst(obj, 7)
    a.b_ne(miss)
    a.ldr(tmp, mem(obj, 0))
    a.ldr(x16, mem(x19, shape))
    a.cmp(tmp, x16)
    a.b_ne(miss)
    a.ldr(tmp, mem(obj, 8))
    a.ldr(dst, mem(tmp, slot))
    a.cmp(dst, 0)
    a.csel(dst, dst, xzr_, NE)
    a.str(dst, mem(x19, 8))
    a.movz(x16, pc)
    a.str(x16, mem(x19, 16))


def nested(sites: int = 2000, rounds: int = 5,
           pendings: tuple[int, ...] = (0, 1000, 3000, 10_000),
           classes: tuple[str, ...] = ("MacroAssembler", "Assembler")) -> None:
    """Print what a 13-instruction fragment instance costs nested into a MacroAssembler
    stream (and an Assembler's) with 0 to 10,000 forward branches pending (their labels
    bound after the code), each instance with a new pc (an immediate hole's value never
    seen before) and its own guard label, against the plain calls of the same stream
    (interleaved rounds, the fastest of each; CPU time per instance). Flat in the
    pending count and equal for new and seen pcs means O(1) per instance. bench_jit.py
    prints the MacroAssembler's rows at 0 and 3,000 pending."""
    import gc
    import time

    from a64jit import MacroAssembler

    frag = Fragment(_getprop_pc, obj=hole.x, dst=hole.x, tmp=hole.x, shape=SLOT,
                    slot=SLOT, pc=hole.imm16, miss=LABEL)
    regs = (x0, x1, x2)

    def one(cls: type[Assembler], pending: int, emit: Callable[..., None], base: int
            ) -> tuple[float, bytes]:
        a = cls()
        olds = [a.label() for _ in range(pending)]
        for lbl in olds:
            a.b_ne(lbl)
        stubs = [a.label() for _ in range(sites)]
        gc.collect()
        gc.disable()  # (as a JIT compiles: the collector off)
        try:
            start = time.process_time()
            for i in range(sites):
                emit(a, *regs, 8 * (i & 7), 16 * (i & 15), (base + i) & 0xFFFF, stubs[i])
            elapsed = time.process_time() - start
        finally:
            gc.enable()
        for lbl in stubs + olds:
            a.bind(lbl)
            a.nop()
        return elapsed / sites, a.finalize()

    frag.emit(Assembler(), *regs, 0, 0, 0, 0)  # generated now
    print(f"a 13-instruction fragment (3 register, 3 immediate and 1 label hole) nested "
          f"into a stream with branches pending, {sites} instances, each a new pc and its "
          f"own guard label (us per instance, fastest of {rounds} interleaved rounds):")
    base = 0
    for cls in [{"MacroAssembler": MacroAssembler, "Assembler": Assembler}[c] for c in classes]:
        for pending in pendings:
            best = {"plain": float("inf"), "new pcs": float("inf"),
                    "pcs seen": float("inf")}
            for _ in range(rounds):
                t, plain = one(cls, pending, _getprop_pc, base)
                best["plain"] = min(best["plain"], t)
                t, code = one(cls, pending, frag.emit, base)
                best["new pcs"] = min(best["new pcs"], t)
                assert code == plain, "the fragment emitted other bytes than the calls"
                t, code = one(cls, pending, frag.emit, base)
                best["pcs seen"] = min(best["pcs seen"], t)
                base += sites
            print(f"  {cls.__name__:14} {pending:6} pending: plain calls "
                  f"{1e6 * best['plain']:6.2f}, fragment {1e6 * best['new pcs']:6.2f} "
                  f"({best['new pcs'] / best['plain']:.2f}x), the same pcs again "
                  f"{1e6 * best['pcs seen']:6.2f}")


def workload(bytecodes: int = 2500) -> None:
    """bench_jit.py's workload: Fragments against the empty-method floor in one run,
    with where the Fragments' time goes (the driver's own loop, measured with stamps
    that do nothing; the out-of-line parts placed; the references filled in at
    finalize)."""
    import bench_jit as bj  # benchmarks/ (this script's directory)

    from a64jit.assembler import fragment

    prog = bj.make_program(bytecodes)
    consts = {v: bj._const_words(v) for v in {op.k for op in prog} | {bj.RUNTIME}}
    run = bj.emit_fragments(prog, consts)
    assert run is not None
    n = run()
    stamper = fragment.Stamper
    saved = {name: getattr(stamper, name) for name in ("emitter", "resolve", "out_of_line")}

    def empty(self: Stamper, frag: Fragment) -> Callable[..., None]:
        def stamp(*values: object) -> None:
            pass
        return stamp

    def unplaced(self: Stamper, bind: int | None = None) -> None:
        """out_of_line without placing anything (the parts are dropped)."""
        del self._cold[:]
        for recs, _ in self._colds.values():
            recs.clear()
        if bind is not None:
            self.bind(bind)

    def patched(**attrs: object) -> Callable[[], None]:
        def once() -> None:
            for name, value in attrs.items():
                setattr(stamper, name, value)
            try:
                run()
            finally:
                for name, value in saved.items():
                    setattr(stamper, name, value)
        return once

    def nothing(self: Stamper) -> None:
        pass

    t = bj.compare({"floor": bj.driver(bj.EmptyDriver, prog, consts), "fragments": run,
                    "no resolve": patched(resolve=nothing),
                    "no placing": patched(resolve=nothing, out_of_line=unplaced),
                    "driver only": patched(emitter=empty, resolve=nothing,
                                           out_of_line=unplaced)}, rounds=11)
    floor, frag = t["floor"], t["fragments"]
    print(f"workload ({bytecodes} bytecodes, {n} instructions): Fragments "
          f"{n / frag / 1e6:.2f} M instr/s, {frag / floor:.2f}x the floor "
          f"({1000 * frag:.2f} ms vs {1000 * floor:.2f} ms; goal: 10 M/s, below 1)")
    print(f"  of the Fragments' time: the driver's loop {1000 * t['driver only']:.2f} ms, "
          f"stamps {1000 * (t['no placing'] - t['driver only']):.2f} ms, out-of-line "
          f"parts placed {1000 * (t['no resolve'] - t['no placing']):.2f} ms, references "
          f"at finalize {1000 * (frag - t['no resolve']):.2f} ms")
    # The bound on this workload in CPython: the JIT's own loop with one call per
    # instance (to a function that does nothing) and nothing else.
    calls = _count_stamps(run)
    loop = t["driver only"]
    left = n / 10e6 - loop  # what 10 M/s leaves the stamps and finalize
    print(f"  the JIT's loop alone (its {calls:,} instances as calls of an empty function, "
          f"{n / calls:.1f} instructions each): {n / loop / 1e6:.2f} M instr/s, "
          f"{loop / floor:.2f}x the floor; 10 M/s is {1000 * n / 10e6:.2f} ms: "
          + (f"{1e9 * left / calls:.0f} ns an instance for its stamp and references "
             f"({1e9 * loop / calls:.0f} ns of loop and empty call)" if left > 0 else
             "less than the loop alone"))
    counter = bj._Counter()
    bj.emit(counter, prog, consts)
    floor_calls = sum(counter.calls.values())
    print(f"  per instance: the floor {1e9 * floor / calls:.0f} ns ({floor_calls / calls:.1f} "
          f"empty calls, {1e9 * floor / floor_calls:.0f} ns each); Fragments "
          f"{1e9 * frag / calls:.0f} ns: loop and call {1e9 * loop / calls:.0f}, stamp "
          f"{1e9 * (t['no placing'] - loop) / calls:.0f}, placing and references "
          f"{1e9 * (frag - t['no placing']) / calls:.0f}")


def _stamps_of(run: Callable[[], int]) -> list[tuple[Fragment, tuple[Any, ...]]]:
    """Every instance (fragment and values, in order) one run of ``run`` stamps."""
    calls: list[tuple[Fragment, tuple[Any, ...]]] = []
    emitter = Stamper.emitter

    def capture(self: Stamper, frag: Fragment) -> Callable[..., None]:
        stamp = emitter(self, frag)

        def captured(*values: Any) -> None:
            calls.append((frag, values))
            stamp(*values)
        return captured

    Stamper.emitter = capture  # type: ignore[method-assign]
    try:
        run()
    finally:
        Stamper.emitter = emitter  # type: ignore[method-assign]
    return calls


def _count_stamps(run: Callable[[], int]) -> int:
    """The instances (stamp calls) one run of ``run`` makes."""
    return len(_stamps_of(run))


def _run_only(which: str, runs: int, bytecodes: int) -> None:
    """The body of one ``--instructions`` count: two warm runs, then ``runs`` more."""
    import gc

    import bench_jit as bj

    prog = bj.make_program(bytecodes)
    consts = {v: bj._const_words(v) for v in {op.k for op in prog} | {bj.RUNTIME}}
    fn = (bj.driver(bj.EmptyDriver, prog, consts) if which == "floor"
          else bj.emit_fragments(prog, consts))
    assert fn is not None
    fn()
    fn()
    gc.collect()
    gc.disable()
    for _ in range(runs):
        fn()


def instructions(bytecodes: int = 2500, runs: int = 3) -> None:
    """Print the machine instructions one run of the floor and of the Fragments
    executes on the workload, counted by valgrind (noise-free, unlike CPU time on a
    shared machine): a process with ``runs`` runs minus one with none, over ``runs``."""
    import os
    import shutil
    import sys

    import _valgrind

    if shutil.which("valgrind") is None:
        print("machine instructions: valgrind is not installed")
        return
    env = {**os.environ, "PYTHONHASHSEED": "0"}

    def count(which: str, n: int) -> int:
        return _valgrind.count([sys.executable, __file__, "--bytecodes", str(bytecodes),
                                "--run-only", which, str(n)], env)[0]

    # One plain run first: a module edited since its bytecode was cached is compiled
    # (and its cache written) there, not in one of the two counted processes only (a
    # difference of the compile's millions of instructions: once 8.2M for 20.5M).
    import subprocess

    subprocess.run([sys.executable, __file__, "--bytecodes", str(bytecodes), "--run-only",
                    "frag", "0"], env=env, check=True, capture_output=True)
    got = {which: (count(which, runs) - count(which, 0)) // runs for which in ("floor", "frag")}
    print(f"machine instructions per run (valgrind, noise-free): floor {got['floor']:,}, "
          f"Fragments {got['frag']:,}, {got['frag'] / got['floor']:.2f}x")


def cache(bytecodes: int = 2500) -> None:
    """Print the cache misses one run of the floor and of the Fragments causes,
    simulated by cachegrind (bench_jit.cache_misses: noise-free). What keeps the
    Fragments above the floor in CPU time with fewer instructions is here: the data
    they touch per instance (their tables, their code's words, the growing buffers)."""
    import shutil

    import bench_jit as bj

    if shutil.which("valgrind") is None:
        print("cache misses: valgrind is not installed")
        return
    floor, frag = (bj.cache_misses(which, bytecodes) for which in ("floor", "frag"))
    print("cache misses per run (cachegrind's simulation, noise-free): " + ", ".join(
        f"{k} floor {floor[k]:,} Fragments {frag[k]:,} ({frag[k] / max(floor[k], 1):.2f}x)"
        for k in bj._MISSES))


def bounds(bytecodes: int = 2500, rounds: int = 11) -> None:
    """Print what bounds the Fragments' speed on the workload: the same instances (the
    same fragments and values, captured from one run) stamped by the leanest driver a
    JIT could have (a pre-decoded list of (fragment number, values), one indexed call
    each), that loop alone with empty stamps, against today's driver and the floor
    (interleaved rounds, the fastest of each; CPU time)."""
    import gc
    import time

    import bench_jit as bj

    prog = bj.make_program(bytecodes)
    consts = {v: bj._const_words(v) for v in {op.k for op in prog} | {bj.RUNTIME}}
    run = fragment_driver(prog, consts, bj.RUNTIME)
    calls = _stamps_of(run)
    frags = list(dict.fromkeys(f for f, _ in calls))
    number = {f: i for i, f in enumerate(frags)}
    plan = [(number[f], v) for f, v in calls]
    end = len(prog)

    def lean() -> None:
        a = Assembler()
        st = Stamper(a, labels=end + 1)
        fns = [st.emitter(f) for f in frags]
        for k, v in plan:
            fns[k](*v)
        st.out_of_line(end)
        a.ret()
        lean.code = a.finalize()  # type: ignore[attr-defined]

    def nothing(*values: Any) -> None:
        pass

    def loop_only() -> None:
        fns = [nothing] * len(frags)
        for k, v in plan:
            fns[k](*v)

    run()
    lean()
    if lean.code != run.code:  # type: ignore[attr-defined]
        raise AssertionError("the lean driver emitted other bytes")
    floor = bj.driver(bj.EmptyDriver, prog, consts)
    runs = {"floor": floor, "today's driver": run, "lean driver": lean,
            "lean loop, empty stamps": loop_only}
    best = dict.fromkeys(runs, float("inf"))
    gc.collect()
    gc.disable()
    try:
        for _ in range(rounds):
            for name, fn in runs.items():
                t0 = time.process_time()
                fn()
                best[name] = min(best[name], time.process_time() - t0)
    finally:
        gc.enable()
    n = len(run.code) // 4  # type: ignore[attr-defined]
    print(f"what bounds the Fragments ({bytecodes} bytecodes, {n} instructions, "
          f"{len(plan)} instances; fastest of {rounds} interleaved rounds):")
    for name, t in best.items():
        print(f"  {name:24s} {1000 * t:6.2f} ms, {n / t / 1e6:6.2f} M instr/s, "
              f"{t / best['floor']:.2f}x the floor")
    stamps = best["lean driver"] - best["lean loop, empty stamps"]
    print(f"  stamps, placing and finalize with the lean driver: {1000 * stamps:.2f} ms, "
          f"{1e9 * stamps / len(plan):.0f} ns an instance; 10 M instr/s is "
          f"{1000 * n / 10e6:.2f} ms in all")


def kinds(bytecodes: int = 2500, rounds: int = 11) -> None:
    """Print the Fragments against the floor on programs of one bytecode kind each (the
    workload's program filtered, jump targets kept inside it): what a template costs
    per instance against the empty calls the floor makes for it. The floor's cost grows
    with a template's instructions, the Fragments' much less: large templates (add,
    with its slow path) are below the floor, small ones (a compare and branch, a jump)
    above it, so the workload's ratio is its mix's (interleaved rounds, the fastest of
    each; CPU time)."""
    import dataclasses

    import bench_jit as bj

    counter = bj._Counter()
    full = bj.make_program(bytecodes * 8)
    print(f"one kind of bytecode per program (up to {bytecodes} bytecodes each; fastest of "
          f"{rounds} interleaved rounds):")
    print(f"  {'kind':6} {'bytecodes':>9} {'calls/bytecode':>14} {'floor ns':>9} "
          f"{'Fragments ns':>12} {'x floor':>8}")
    for kind in ("add", "addi", "loadk", "call", "mov", "jlt", "tbit", "jz", "jmp"):
        ops = [op for op in full if op.kind == kind][:bytecodes]
        prog = [dataclasses.replace(op, t=min(op.t, len(ops) - 1)) for op in ops]
        consts = {v: bj._const_words(v) for v in {op.k for op in prog} | {bj.RUNTIME}}
        run = bj.emit_fragments(prog, consts)
        assert run is not None
        t = bj.compare({"floor": bj.driver(bj.EmptyDriver, prog, consts), "frag": run},
                       rounds=rounds)
        counter.calls.clear()
        bj.emit(counter, prog, consts)
        calls = sum(counter.calls.values()) - counter.calls.get("finalize", 0)
        n = len(prog)
        print(f"  {kind:6} {n:9} {calls / n:14.1f} {1e9 * t['floor'] / n:9.0f} "
              f"{1e9 * t['frag'] / n:12.0f} {t['frag'] / t['floor']:8.2f}")


def _build_only(mode: str, path: str, bytecodes: int) -> None:
    """The body of one ``--build`` process: build the workload's fragments (and the
    straight-line handler, and a GetProp) without a cache (``mode`` "none") or through
    a FragmentCache at ``path``, and make each one's stamp (a Stamper's emitter), and
    GetProp's emit; print the milliseconds, the fragments, GetProp's milliseconds and
    the counts."""
    import time

    import bench_jit as bj

    from a64jit import FragmentCache

    prog = bj.make_program(bytecodes)
    consts = {v: bj._const_words(v) for v in {op.k for op in prog} | {bj.RUNTIME}}
    made = 0
    cache = FragmentCache(path) if mode == "cache" else None
    plain = Fragment

    spent = 0.0
    every: list[Fragment] = []

    def counted(body: Callable[..., None], /, **holes: Any) -> Fragment:
        nonlocal made, spent
        made += 1
        t0 = time.perf_counter()
        frag = cache.fragment(body, **holes) if cache is not None else plain(body, **holes)
        spent += time.perf_counter() - t0
        every.append(frag)
        return frag

    globals()["Fragment"] = counted
    fragment_driver(prog, consts, bj.RUNTIME)
    counted(_handler, lhs=SLOT, rhs=SLOT, dst=SLOT, k=hole.imm12)
    before = spent
    getprop = counted(_getprop, obj=hole.x, dst=hole.x, tmp=hole.x, shape=SLOT, slot=SLOT,
                      miss=LABEL)
    one = spent - before
    # and their stamps, as a JIT's first function makes them (generated, compiled)
    t0 = time.perf_counter()
    asm = Assembler()
    st = Stamper(asm)
    for frag in every:
        st.emitter(frag)
    spent += time.perf_counter() - t0
    t0 = time.perf_counter()
    getprop.emit(Assembler(), x0, x1, x2, 8, 16, 0)
    one += time.perf_counter() - t0
    print(1000 * spent, made, 1000 * one, cache or "")


def builds(bytecodes: int, rounds: int = 3) -> None:
    """Print what building the workload's fragments costs in a fresh process: without a
    cache, with an empty FragmentCache (build and store) and loaded from it (interleaved
    rounds, the fastest of each)."""
    import os
    import subprocess
    import sys
    import tempfile

    def child(mode: str, path: str) -> tuple[float, int, float, str]:
        out = subprocess.run([sys.executable, __file__, "--bytecodes", str(bytecodes),
                              "--build-only", mode, path], capture_output=True, text=True,
                             check=True).stdout.split(maxsplit=3)
        return (float(out[0]), int(out[1]), float(out[2]),
                out[3].strip() if len(out) > 3 else "")

    best: dict[str, float] = {}
    one: dict[str, float] = {}
    last: dict[str, str] = {}
    made = 0
    with tempfile.TemporaryDirectory() as tmp:
        child("none", tmp)  # (bytecode caches written)
        for r in range(rounds):
            path = os.path.join(tmp, f"round{r}")
            for mode, key in (("none", "built, no cache"), ("cache", "built and stored"),
                              ("cache", "loaded"), ("cache", "loaded")):
                ms, made, getprop, stats = child(mode, path)
                best[key] = min(best.get(key, ms), ms)
                one[key] = min(one.get(key, getprop), getprop)
                last[key] = stats
    print(f"building the workload's {made} fragments and their stamps in a fresh process "
          f"(fastest of {rounds} interleaved rounds; GetProp: a 13-word fragment with 3 "
          "register holes and a label hole, and its first emit):")
    for key, ms in best.items():
        print(f"  {key:18s} {ms:7.1f} ms, {ms / made:6.2f} ms per fragment; GetProp "
              f"{one[key]:6.2f} ms  {last[key]}")
    print(f"  loaded / built: {best['loaded'] / best['built, no cache']:.3f}x, GetProp "
          f"{one['loaded'] / one['built, no cache']:.3f}x")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Fragments against the empty-method floor")
    parser.add_argument("--bytecodes", type=int, default=2500)
    parser.add_argument("--instructions", action="store_true",
                        help="also count the machine instructions of a run of the floor "
                        "and of the Fragments under valgrind (noise-free; a few minutes)")
    parser.add_argument("--run-only", nargs=2, metavar=("WHICH", "RUNS"),
                        help=argparse.SUPPRESS)  # (one process of --instructions)
    parser.add_argument("--cache", action="store_true",
                        help="also count the cache misses of a run of the floor and of "
                        "the Fragments under cachegrind's simulation (noise-free; minutes)")
    parser.add_argument("--build", action="store_true",
                        help="only time building the fragments in fresh processes: "
                        "without a cache, into a FragmentCache and loaded from it")
    parser.add_argument("--build-only", nargs=2, metavar=("MODE", "DIR"),
                        help=argparse.SUPPRESS)  # (one process of --build)
    parser.add_argument("--nested", action="store_true",
                        help="only print a fragment nested into a MacroAssembler stream "
                        "with 0 to 10,000 branches pending, a new pc per instance")
    parser.add_argument("--kinds", action="store_true",
                        help="only print the Fragments against the floor on programs "
                        "of one bytecode kind each")
    parser.add_argument("--bounds", action="store_true",
                        help="only print what bounds the Fragments' speed: the same "
                        "instances through the leanest driver, and that loop alone")
    args = parser.parse_args()
    if args.nested:
        nested()
    elif args.bounds:
        bounds(args.bytecodes)
    elif args.kinds:
        kinds(args.bytecodes)
    elif args.build_only:
        _build_only(args.build_only[0], args.build_only[1], args.bytecodes)
    elif args.build:
        builds(args.bytecodes)
    elif args.run_only:
        _run_only(args.run_only[0], int(args.run_only[1]), args.bytecodes)
    else:
        straight_line()
        labelled()
        nested()
        workload(args.bytecodes)  # also bench_jit.py's Fragments row
        if args.instructions:
            instructions(args.bytecodes)
        if args.cache:
            cache(args.bytecodes)
