"""A tiny register-based bytecode VM that JIT-compiles functions with a64jit.

The interpreter and the JIT code share one register file (int64 slots in
``alloc_data`` memory, pinned in x20 while JIT code runs). JIT code enters
through the bridge trampoline, may call back into the VM through a host
function (which can itself enter JIT code again), and leaves with a *bailout*
when a guard fails: the interpreter then resumes at exactly that bytecode pc.

Run it: ``python examples/vm.py`` (native on AArch64, emulated elsewhere).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Sequence
from typing import Any

from a64jit import (
    GT,
    LT,
    Bridge,
    ExitReason,
    Frame,
    MacroAssembler,
    VMState,
    emit_exit,
    emit_host_call,
    host_function,
    mem,
    x0,
    x9,
    x10,
    x19,
    x20,
)

# Instructions: (opcode, a, b, c). Registers are slots of the register file.
LOADK, MOV, ADD, SUB, ADDI, JLT, JMP, GUARD_LE, CALL, RET = range(10)
NAMES = "LOADK MOV ADD SUB ADDI JLT JMP GUARD_LE CALL RET".split()
Insn = tuple[int, int, int, int]
M64 = 2**64


def s64(v: int) -> int:
    v %= M64
    return v - M64 if v >= M64 // 2 else v


class VM:
    """Interpreter + JIT for functions of the bytecode above.

    ``CALL d, f, a``: ``r[d] = functions[f](r[a])`` where the callee runs in a
    fresh register window (interpreted or compiled, whichever it is).
    """

    def __init__(self, nregs: int = 16) -> None:
        self.bridge = Bridge()
        self.functions: list[list[Insn]] = []
        self.compiled: dict[int, Any] = {}
        self.states: list[VMState] = []
        self.nregs = nregs
        self.log: list[str] = []
        # The VM's entry point for JIT code calling another function.
        self.call_hook = host_function(self._call_from_jit, ctypes.c_int64,
                                       [ctypes.c_int64, ctypes.c_int64])

    def add(self, code: Sequence[Insn]) -> int:
        self.functions.append(list(code))
        return len(self.functions) - 1

    # -- running -----------------------------------------------------------------

    def call(self, f: int, arg: int) -> int:
        state = VMState(self.nregs)
        self.states.append(state)  # keep the memory alive while it runs
        try:
            state.regs[0] = arg
            return self._run(f, state, 0)
        finally:
            self.states.pop()

    def _run(self, f: int, state: VMState, pc: int) -> int:
        if pc == 0 and f in self.compiled:
            reason = self.bridge.enter(state, self.compiled[f])
            if reason == ExitReason.RETURNED:
                return s64(state.ctx.exit_value)
            if reason == ExitReason.EXCEPTION:
                raise RuntimeError(f"JIT code raised (value {state.ctx.exit_value})")
            pc = state.ctx.exit_pc
            self.log.append(f"bailout f{f} at pc {pc}")
        return self._interpret(f, state, pc)

    def _interpret(self, f: int, state: VMState, pc: int) -> int:
        code, r = self.functions[f], state.regs
        while True:
            op, a, b, c = code[pc]
            pc += 1
            if op == LOADK:
                r[a] = b
            elif op == MOV:
                r[a] = r[b]
            elif op == ADD:
                r[a] = s64(r[b] + r[c])
            elif op == SUB:
                r[a] = s64(r[b] - r[c])
            elif op == ADDI:
                r[a] = s64(r[b] + c)
            elif op == JLT:
                if r[a] < r[b]:
                    pc = c
            elif op == JMP:
                pc = a
            elif op == GUARD_LE:
                pass  # the interpreter handles every value; only JIT code bails
            elif op == CALL:
                r[a] = self.call(b, r[c])
            elif op == RET:
                return int(r[a])

    def _call_from_jit(self, f: int, arg: int) -> int:
        return self.call(f, arg)

    # -- compiling ------------------------------------------------------------------

    def compile(self, f: int) -> None:
        """JIT-compile function ``f``: registers live in memory at [x20, #8*i]."""
        code = self.functions[f]
        m = MacroAssembler()
        frame = Frame(m, uses=[x19, x20])
        labels = [m.label(f"pc{i}") for i in range(len(code))]
        bailouts: list[tuple[Any, int]] = []
        frame.prologue()

        def reg(i: int) -> Any:
            return mem(x20, 8 * i)

        for pc, (op, a, b, c) in enumerate(code):
            m.bind(labels[pc])
            if op == LOADK:
                m.mov(x9, b)
                m.str(x9, reg(a))
            elif op == MOV:
                m.ldr(x9, reg(b))
                m.str(x9, reg(a))
            elif op in (ADD, SUB):
                m.ldr(x9, reg(b))
                m.ldr(x10, reg(c))
                (m.add if op == ADD else m.sub)(x9, x9, x10)
                m.str(x9, reg(a))
            elif op == ADDI:
                m.ldr(x9, reg(b))
                m.add(x9, x9, c)
                m.str(x9, reg(a))
            elif op == JLT:
                m.ldr(x9, reg(a))
                m.ldr(x10, reg(b))
                m.cmp(x9, x10)
                m.b_cond(LT, labels[c])
            elif op == JMP:
                m.b(labels[a])
            elif op == GUARD_LE:
                # Speculate r[a] <= b; otherwise let the interpreter take over here.
                bail = m.label(f"bail{pc}")
                m.ldr(x9, reg(a))
                m.cmp(x9, b)
                m.b_cond(GT, bail)
                bailouts.append((bail, pc))
            elif op == CALL:
                m.ldr(x9, reg(c))
                emit_host_call(m, self.call_hook, [b, x9], result=x9)
                m.str(x9, reg(a))
            elif op == RET:
                m.ldr(x0, reg(a))
                frame.epilogue()
        for bail, pc in bailouts:
            m.bind(bail)
            # Every VM register already lives in memory: nothing else is live.
            emit_exit(m, self.bridge, ExitReason.BAILOUT, pc=pc)
        self.compiled[f] = self.bridge.buffer.install(m)


def sum_to(vm: VM, guard: int) -> int:
    """f(n) = 0 + 1 + ... + (n-1), bailing out when the sum exceeds ``guard``."""
    return vm.add([
        (LOADK, 1, 0, 0),      # 0: acc = 0
        (LOADK, 2, 0, 0),      # 1: i = 0
        (JLT, 2, 0, 4),        # 2: if i < n goto 4
        (RET, 1, 0, 0),        # 3: return acc
        (ADD, 1, 1, 2),        # 4: acc += i
        (GUARD_LE, 1, guard, 0),  # 5: speculate acc <= guard
        (ADDI, 2, 2, 1),       # 6: i += 1
        (JMP, 2, 0, 0),        # 7: loop
    ])


def main(run: Callable[[str], None] = print) -> None:
    vm = VM()
    f = sum_to(vm, guard=1000)
    g = vm.add([(CALL, 1, f, 0), (ADDI, 1, 1, 1), (RET, 1, 0, 0)])  # g(n) = f(n) + 1
    vm.compile(f)
    vm.compile(g)
    for n in (10, 40, 100):
        run(f"f({n}) = {vm.call(f, n)}   g({n}) = {vm.call(g, n)}")
    run("; ".join(vm.log))


if __name__ == "__main__":
    main()
