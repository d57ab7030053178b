"""The JIT's runtime: tier-up, entry into compiled code, the host calls it makes (the
generic ``step`` slow path, guard failures, bailouts), and its counters.

Install with ``hvm.interp.set_jit(Jit(...))``: the interpreter then calls
:meth:`Jit.on_entry` at each function entry and :meth:`Jit.on_backedge` at each backward
jump. Tier-up is one budget per function, the work the interpreter did in it counted in
runs of the whole function (what compiling it costs is in proportion to its size): a call
counts one, a loop iteration its loop's share of the function's bytecodes (a loop that
is the whole function: one). A function is compiled once its count passes ``threshold``
(0: at its first call or back-edge), at a call or at a back-edge (then it is entered at
the loop header: on-stack replacement, with the interpreter's frame as it is). So a big
function that runs once is compiled for its loop only when the loop did ``threshold``
times the function's size in bytecodes, and a function called a few times with a loop
each time counts both (see :meth:`Jit.hot`).

Exceptions never cross machine code: a host call catches whatever the interpreter
raised, lets the function's own handlers take it (``interp.catch``: the handler's pc,
where the compiled code goes on, the thrown value in the handler's register), and when
it leaves the function the host call records it and returns -2; the compiled code
returns and :meth:`Jit.enter` raises it in Python, where the caller (interpreted, or a
host call of a compiled caller) sees it as if the interpreter had run the callee.
(A function left to the interpreter, ``disabled``, finishes such a call in the
interpreter: ``run_at`` with the exception pending.)
"""

from __future__ import annotations

import ctypes
import gc
import time
from array import array
from collections import Counter
from typing import TYPE_CHECKING, Any, TextIO

from a64jit import EncodingError
from a64jit.runtime import (
    JitBuffer,
    alloc_data,
    check_headroom,
    current_backend,
    host_function,
)

from ..bytecode import OP, OPCODES, SIG, Code
from ..heap import ARRAY_ELEMENTS, KIND_OBJECT, VECTOR_DATA, Ctx, Shape
from ..hvm import core, interp
from ..hvm.core import HThrow, R
from ..runtime import READ_ONLY_KEYS
from ..words import ADDR_MASK, UNDEFINED_WORD
from .reasons import R_KEYED, R_PROP, R_STRESS, R_TYPEOF, REASONS

# The compiler, its templates and the MacroAssembler load at the first compile
# (:func:`_load_compiler`, from :meth:`Jit._start`): a run that compiles nothing does not
# import them (natively under qemu ~0.19 s of CPU, a fifth of ``console.log(1)``'s whole
# process; on the host ~20 ms). Every name below is bound by then.
if TYPE_CHECKING:
    from a64jit import MacroAssembler, mem, x0, x1, x2, x3, x4, x16

    from . import hostcalls
    from .compiler import (
        CALL_TABLE_SIZE,
        R_GOTO,
        R_PENDING,
        Compiled,
        DataArena,
        FunctionCompiler,
        Stress,
        build_shared,
    )
    from .t_alloc import super_cell_fill
    from .t_calls import (
        FRAME_NREGS_SHIFT,
        THROW_COUNT,
        THROW_PLACES,
        THROW_RING,
        THROW_ROOT,
        call_word,
    )
    from .t_elems import (
        absent_block,
        keyed_counts,
        keyed_fill,
        keyed_forget_transitions,
        keyed_operands,
        keyed_put,
        keyed_table,
    )
    from .t_ops import ROOT_TYPEOF, TYPEOF_NAMES
    from .t_props import (
        IC_ABSENT,
        IC_ENTRY_WORDS,
        IC_WORDS,
        fill_get,
        fill_set,
        put_entry,
        store_key,
    )


def _load_compiler() -> None:
    """Import the compiler and the names of it this module uses (once; idempotent)."""
    if "FunctionCompiler" in globals():
        return
    from a64jit import MacroAssembler, mem, x0, x1, x2, x3, x4, x16

    from . import compiler, hostcalls, t_alloc, t_calls, t_elems, t_ops, t_props
    names = {"MacroAssembler": MacroAssembler, "mem": mem, "x0": x0, "x1": x1, "x2": x2,
             "x3": x3, "x4": x4, "x16": x16, "hostcalls": hostcalls}
    for module, attrs in (
            (compiler, "CALL_TABLE_SIZE R_GOTO R_PENDING Compiled DataArena Stress build_shared"),
            (t_alloc, "super_cell_fill"),
            (t_calls, "FRAME_NREGS_SHIFT THROW_COUNT THROW_PLACES THROW_RING THROW_ROOT "
                      "call_word"),
            (t_elems, "absent_block keyed_counts keyed_fill keyed_forget_transitions "
                      "keyed_operands keyed_put keyed_table"),
            (t_ops, "ROOT_TYPEOF TYPEOF_NAMES"),
            (t_props, "IC_ABSENT IC_ENTRY_WORDS IC_WORDS fill_get fill_set put_entry "
                      "store_key")):
        for a in attrs.split():
            names[a] = getattr(module, a)
    names["FunctionCompiler"] = compiler.FunctionCompiler  # last: the mark of a load
    globals().update(names)


#: Compiled calls nested in one thread (each one a machine-code call under host calls)
#: beyond which calls are interpreted: the emulator backend nests at most 63 deep.
MAX_DEPTH_EMULATED = 40
MAX_DEPTH_NATIVE = 400
#: Guard failures after which a function is left to the interpreter (its compiled code
#: bails out at the next failure and is never entered again).
MAX_GUARD_FAILURES = 2000
#: With a threshold above 0, a function whose bytecodes have a template in less than this
#: share is left to the interpreter: each other bytecode is a host call of ``step``, which
#: costs more than the interpreter's own handler (measured: benchmarks/bench_js_jit.py).
MIN_TEMPLATE_SHARE = 0.75
#: The shared subroutines' areas in the JIT's buffer (bytes; a larger subroutine gets
#: one of its own size) and each one's alignment there.
SUB_AREA = 8192
SUB_ALIGN = 16
#: Opcodes named in the ``--stats`` line's slow-path steps (the most frequent first).
STEP_OPS_SHOWN = 8


class JitStats:
    """The JIT's counters (``a64js --stats``)."""

    def __init__(self) -> None:
        self.compiled = 0
        self.compile_time = 0.0
        self.bytecodes = 0
        self.templated = 0
        self.code_bytes = 0
        self.entries = 0
        self.osr_entries = 0
        self.steps = 0
        #: slow-path steps by opcode name (what to write a template for next)
        self.step_ops: Counter[str] = Counter()
        self.guard_failures: Counter[str] = Counter()
        self.bailouts: Counter[str] = Counter()
        self.left_to_interpreter = 0
        #: exceptions raised in a compiled function that one of its own handlers took,
        #: the compiled code going on at the handler
        self.caught = 0
        self.direct_calls = 0
        self.ic_misses = 0
        #: shared subroutines placed once in the JIT's buffer, their bytes, and the
        #: compiles that met a subroutine beyond a bl's reach (placed again, or the
        #: function given its own copies)
        self.subroutines = 0
        self.subroutine_bytes = 0
        self.far_subroutines = 0

    def summary(self) -> str:
        """One line for ``--stats``."""
        rate = self.bytecodes / self.compile_time if self.compile_time else 0.0
        per = self.code_bytes / 4 / self.bytecodes if self.bytecodes else 0.0
        fails = ", ".join(f"{k}: {v}" for k, v in sorted(self.guard_failures.items())) or "none"
        bails = ", ".join(f"{k}: {v}" for k, v in sorted(self.bailouts.items())) or "none"
        top = self.step_ops.most_common()
        ops = ", ".join(f"{k} {v}" for k, v in top[:STEP_OPS_SHOWN])
        if len(top) > STEP_OPS_SHOWN:
            ops += f", {len(top) - STEP_OPS_SHOWN} more"
        return (f"jit: functions compiled {self.compiled}, bytecodes {self.bytecodes} "
                f"({self.templated} by template), compile time {self.compile_time * 1000:.1f} ms "
                f"({rate:,.0f} bytecodes/s), {per:.1f} instructions/bytecode, "
                f"entries {self.entries}, direct calls {self.direct_calls}, "
                f"OSR entries {self.osr_entries}, "
                f"slow-path steps {self.steps}{f' ({ops})' if ops else ''}, "
                f"property cache misses {self.ic_misses}, "
                f"guard failures ({fails}), "
                f"bailouts ({bails}), left to the interpreter {self.left_to_interpreter}, "
                f"exceptions caught in compiled code {self.caught}, "
                f"shared subroutines {self.subroutines} "
                f"({self.subroutine_bytes // 4} instructions)"
                + (f", subroutines out of reach {self.far_subroutines}"
                   if self.far_subroutines else ""))


class CompiledFunction:
    """A function's installed machine code and its counters."""

    __slots__ = ("addr", "block", "code", "disabled", "entry", "epoch", "failures",
                 "ic_block", "ics", "info", "keyed", "listing", "size", "steps", "words")

    def __init__(self, code: Code, entry: int, addr: list[int], size: int,
                 listing: str, info: core.CodeInfo) -> None:
        self.code = code
        self.info = info
        #: the code address of the function's entry (its prologue)
        self.entry = entry
        #: per pc the code address of its first instruction, then the exits: [-2] the
        #: status -1 one (an exception left), [-1] the status 0 one (returned)
        self.addr = addr
        #: per pc, slow-path steps taken there
        self.steps = [0] * len(code.insns)
        #: the frame block direct calls read: [epoch, call word | nregs << 40, nregs,
        #: template words...] (t_calls.call_word, FRAME_NREGS_SHIFT)
        self.block = 0
        self.words: Any = None
        self.ic_block: Any = None
        #: pc -> [the keyed-cache word, its table's words or None] of a GetElem,
        #: SetElem or In (t_elems)
        self.keyed: dict[int, Any] = {}
        #: GetProp pc -> index of its cache cell (two words) in ``ic_block``
        self.ics: dict[int, int] = {}
        self.epoch = -1
        self.size = size
        self.listing = listing
        self.failures = 0
        self.disabled = False


class Jit:
    """The baseline JIT for the heap VM (one per realm: the buffer and host functions
    live as long as it does; :meth:`close` frees them).

    ``threshold``: runs of a function in the interpreter (calls, and loop iterations
    weighted by the loop's share of the function's bytecodes: :meth:`hot`) before it is
    compiled; ``stress``:
    None, ``"all"`` (every guard fails: a bailout there) or an int seed (random guards
    fail); ``print_code``: a stream to write each function's bytecode and machine code
    to as it is compiled.
    """

    def __init__(self, threshold: int = 0, stress: str | int | None = None,
                 print_code: TextIO | None = None) -> None:
        if threshold < 0:
            raise ValueError(f"jit threshold: {threshold} is negative; expected 0 or more "
                             "(0 compiles every function at its first call)")
        self.threshold = threshold
        self.stress_seed: int | None = None
        self.stress = stress is not None
        if isinstance(stress, int):
            self.stress_seed = stress
        self.print_code = print_code
        self.buffer = JitBuffer()  # (here: a backend that cannot run says so at once)
        #: the entry trampoline (the step and guard stubs every function branches to
        #: come with it), made at the first compile by :meth:`_start`: a run that
        #: compiles nothing does not pay for it (~50 ms natively under qemu)
        self._enter: Any = None
        #: what :attr:`_enter` calls: the entry's CodePtr natively, the emulator's caller
        #: itself (one Python frame less); no arguments, no result (see :meth:`_start`)
        self._call: Any = None
        #: whether an entry checks the Python stack's headroom first (natively: the
        #: emulator's call does it itself)
        self._headroom = False
        #: the entry's arguments, read by its code: fp, start, entry, ctx, calls (the
        #: direct-call table: regs.CALLS)
        self._args_block = alloc_data(40)
        self._args = memoryview(self._args_block).cast("Q")
        #: per ``id(code)``, the compiled functions that may be entered (not disabled):
        #: :meth:`on_entry`'s one lookup
        self._ready: dict[int, CompiledFunction] = {}
        self._step_hf: Any = None
        self._guard_hf: Any = None
        #: the emulator backend and its watchdog timeout, set aside by :meth:`_start`
        self._timeout: tuple[Any, float] | None = None
        #: small data blocks (inline-cache cells, direct-call frame blocks): see
        #: :attr:`_arena`; the direct-call table (per closure code id, the entry and the
        #: frame block) and the depth block (direct-call depth and count, then the ring of
        #: throws caught in machine code: t_calls.THROW_COUNT, THROW_PLACES) come with
        #: the compiler (:meth:`_load`)
        self._arena_: DataArena | None = None
        self._table_block: Any = None
        self._table: Any = None
        self._depth_block: Any = None
        self._depth: Any = None
        #: THROW_RING undefined words: what the ring's elements get back (the hand-over)
        self._undefined_ring = array("Q")
        self._cfs: dict[int, CompiledFunction] = {}
        #: the shared subroutines placed in :attr:`buffer` (t_ops._subroutine's key ->
        #: address): one copy per JIT, which every function's ``bl`` reaches; never
        #: freed before the buffer is (:meth:`close`)
        self._subs: dict[Any, int] = {}
        #: where they go: an area placed in :attr:`buffer` (its address, size and bytes
        #: handed out), and the words of new ones not written yet (from byte offset
        #: ``_sub_from`` of the area), written in one patch before the function that
        #: needs them is placed (a placement per subroutine cost two mprotect calls and
        #: an emulator flush each: ~20 per JIT)
        self._sub_area = 0
        self._sub_size = 0
        self._sub_used = 0
        self._sub_from = 0
        self._sub_new = bytearray()
        self._ctx = 0
        self.compiled: dict[int, CompiledFunction | None] = {}
        #: per code id: the interpreted loop iterations' bytecodes (each iteration its
        #: loop's length), and per backward-jump target the loop's length
        self._loop_work: dict[int, int] = {}
        self._loop_lens: dict[int, dict[int, int]] = {}
        self.running: set[int] = set()
        self.depth = 0
        self.max_depth = MAX_DEPTH_EMULATED if current_backend() == "emulator" \
            else MAX_DEPTH_NATIVE
        self.pending: BaseException | None = None
        self.stats = JitStats()
        #: SetProp cache entries that add a key: (cell words, entry index), cleared by
        #: :meth:`on_accessor`
        self._transitions: list[tuple[Any, int]] = []
        #: the heap's shapes' absent-key filters (t_elems.absent_block: the block and
        #: its words), made at the first compile
        self._absent: tuple[Any, Any] | None = None

    def _load(self) -> None:
        """Import the compiler (:func:`_load_compiler`) and make the data blocks compiled
        code shares: the arena, the direct-call table, the depth block."""
        if self._arena_ is not None:
            return
        _load_compiler()
        self._arena_ = DataArena()
        # the direct-call depth and count, then the table (regs.CALLS: the table's
        # address, the two words before it)
        self._table_block = alloc_data(16 + CALL_TABLE_SIZE * 16)
        self._table = memoryview(self._table_block).cast("Q")[2:]
        self._args[4] = int(self._table_block.address) + 16
        self._depth_block = alloc_data(THROW_PLACES + 8 * THROW_RING)
        self._depth = memoryview(self._depth_block).cast("Q")
        self._undefined_ring = array("Q", [UNDEFINED_WORD]) * THROW_RING

    @property
    def _arena(self) -> DataArena:
        """Small data blocks (inline-cache cells, direct-call frame blocks)."""
        if self._arena_ is None:
            self._load()
        assert self._arena_ is not None
        return self._arena_

    def _start(self) -> None:
        """Install the entry trampoline and the shared step and guard stubs (the first
        compile: the compiler is imported here)."""
        self._load()
        # A JS program runs as long as it likes (the interpreter sets no limit), so the
        # emulator's wall-clock limit per call (10 s by default) is off while this JIT is
        # open: under load it stopped calls that take 0.5 s on an idle machine (#14).
        backend: Any = self.buffer.backend
        timeout = getattr(backend, "timeout", None)
        if timeout is not None:
            self._timeout = (backend, timeout)
            backend.timeout = None
        i64 = ctypes.c_int64
        self._step_hf = host_function(self._step, i64, [i64, i64, i64])
        self._guard_hf = host_function(self._guard, i64, [i64, i64, i64, i64])
        shared = build_shared(self._step_hf, self._guard_hf)
        core.places_hook = self._hand_over_throws
        tramp = self.buffer.place(shared.masm.finalize(), name="js:trampoline")
        # The entry Python calls: the trampoline's four arguments loaded from a data
        # block, then a branch to it (x30 still the caller's return address). A call
        # without arguments or result is the backends' cheapest (measured in
        # benchmarks/bench_jit_entry.py: the emulator writes two registers instead of
        # six and reads none back); the frame's slot 0 holds the result anyway.
        m = MacroAssembler()
        m.mov(x16, int(self._args_block.address))
        m.ldp(x0, x1, mem(x16))
        m.ldp(x2, x3, mem(x16, 16))
        m.ldr(x4, mem(x16, 32))
        m.mov(x16, tramp)
        m.br(x16)
        self._enter = self.buffer.install(m, restype=None, argtypes=[], name="js:enter")
        if backend.name != "native":  # the caller without GenericCodePtr's frame
            self._call = backend.make_caller(self._enter.address, None, [])
        else:
            # the CodePtr itself (no Python frame of ours around it: under qemu-user a
            # frame costs ~1 us); a native call does not check that host functions'
            # callbacks will have Python stack to run on (an emulated one does), so
            # on_entry and enter do (self._headroom): deep JS recursion through compiled
            # code must end in a RecursionError there, not at a callback's entry
            self._call = self._enter
            self._headroom = True

    def summary(self) -> str:
        """The ``--stats`` line of this JIT."""
        self._collect()
        return self.stats.summary()

    def _collect(self) -> None:
        """Gather the counters kept in data memory and per function into ``stats``."""
        st = self.stats
        if self._depth is None:  # nothing compiled
            return
        st.direct_calls = int(memoryview(self._table_block).cast("Q")[0]) >> 32  # (t_calls
        # DEPTH_AND_CALL: the depth in the low half)
        if self._depth[THROW_COUNT >> 3]:
            core.throw_places()  # (counts the throws in the ring)
        if not self._cfs:
            return
        ops: Counter[str] = Counter()
        for cf in self._cfs.values():
            insns = cf.code.insns
            for pc, k in enumerate(cf.steps):
                if k:
                    ops[OPCODES[insns[pc][0]][0]] += k
        st.step_ops = ops
        st.steps = sum(ops.values())

    def close(self) -> None:
        """Free the machine code (the counters stay)."""
        self._collect()
        if core.places_hook == self._hand_over_throws:
            core.places_hook = None
        self.compiled.clear()
        self._cfs.clear()
        self._subs.clear()
        self._sub_area = self._sub_size = self._sub_used = self._sub_from = 0
        self._sub_new.clear()
        self._ready.clear()
        self._call = None
        if self._table is not None:
            self._table[:] = memoryview(bytes(len(self._table) * 8)).cast("Q")
        self.buffer.close()
        if self._timeout is not None:
            (backend, timeout), self._timeout = self._timeout, None
            if backend.timeout is None:  # unless it was set again since
                backend.timeout = timeout

    # -- the hooks -----------------------------------------------------------------------

    def on_entry(self, code: Code, fp: int) -> int | None:
        """At a function's entry (its frame pushed): run it compiled, or None."""
        cf = self._ready.get(id(code))
        if cf is not None and self.depth < self.max_depth:
            # the path of every call of compiled code from the interpreter: what
            # :meth:`enter` does, in line (a Python call less)
            info = cf.info
            if cf.epoch != info.epoch and cf.words is not None:
                self._refresh(cf, info)
            self.stats.entries += 1
            args = self._args
            args[0] = fp
            args[1] = 0
            args[2] = cf.entry
            running = self.running
            running.add(fp)
            self.depth += 1
            try:
                if self._headroom:
                    check_headroom()
                self._call()
            finally:
                self.depth -= 1
                running.discard(fp)
            if self.pending is not None:
                e, self.pending = self.pending, None
                raise e
            return R.S[(fp - R.sbase) >> 3]  # type: ignore[no-any-return]
        info = core.code_info(code)
        cf = self.compiled.get(info.id)
        if cf is None:
            if info.id in self.compiled or not self.hot(info):
                return None
            cf = self.compile(code)
            if cf is None:
                return None
        if cf.disabled or self.depth >= self.max_depth:
            return None
        if cf.words is not None and cf.epoch != info.epoch:
            self._refresh(cf, info)
        self.stats.entries += 1
        return self.enter(cf, fp, 0)

    def on_backedge(self, code: Code, fp: int, target: int) -> int | None:
        """At a backward jump of an interpreted frame: enter compiled code at ``target``
        (on-stack replacement), or None to go on interpreting."""
        if fp in self.running:
            return None  # the frame's compiled code is active (it bailed out or stepped)
        info = core.code_info(code)
        cf = self.compiled.get(info.id)
        if cf is None:
            if info.id in self.compiled:
                return None
            lens = self._loop_lens.get(info.id)
            if lens is None:
                lens = self._loop_lens[info.id] = loop_lengths(code)
            self._loop_work[info.id] = self._loop_work.get(info.id, 0) + lens.get(target, 1)
            if not self.hot(info):
                return None
            cf = self.compile(code)
            if cf is None:
                return None
        if cf.disabled or self.depth >= self.max_depth:
            return None
        self.stats.osr_entries += 1
        return self.enter(cf, fp, target)

    def hot(self, info: core.CodeInfo) -> bool:
        """Whether the function of ``info`` is due to be compiled: its interpreted calls
        plus its loops' iterations, each weighted by the loop's length over the
        function's (a share of one run of it), came to more than ``threshold``.

        The weights are why: compiling costs in proportion to the function's size
        (bytecodes/s), so a function is compiled once the interpreter did ``threshold``
        times that much work in it; counting a big run-once function's short loop one
        per iteration compiled 150-200 bytecodes of top-level code for a loop of a few
        instructions run a dozen times (json, minilang, scheduler)."""
        n = len(info.code.insns)
        return info.calls * n + self._loop_work.get(info.id, 0) > self.threshold * n

    # -- compiling and entering ------------------------------------------------------------

    def compile(self, code: Code) -> CompiledFunction | None:
        """Compile ``code`` now (None when it cannot be: it stays interpreted)."""
        # Without the cyclic collector until the compilation's objects are gone: its
        # labels, fixups and assembler make no reference cycle, so they go with the
        # compiler when _compile returns; a collection on re-enabling the collector
        # inside FunctionCompiler.compile traversed them all, alive, and promoted them
        # (collections then took a tenth of a warm compile of the 17, ~60 us a tiny
        # function's, and full ones ~100 ms every few hundred compiles)
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._compile(code)
        finally:
            if enabled:
                gc.enable()

    def _compile(self, code: Code) -> CompiledFunction | None:
        if self._enter is None:
            self._start()
        info = core.code_info(code)
        t0 = time.thread_time()
        stress = None
        if self.stress:
            seed = None if self.stress_seed is None else self.stress_seed + info.id
            stress = Stress(seed)
        self._ctx = ctx = int(R.heap.context_address)
        self._args[3] = ctx
        if self._absent is None:  # (t_elems: absent keys of dictionary objects' chains)
            self._absent = absent_block(R.heap)
        name = f"js:{code.name or 'anonymous'}"
        hostcalls.backend = self.buffer.backend.name  # (its helper calls' host function)
        place_sub: Any = self._place_subroutine
        fresh = False
        while True:
            fc = FunctionCompiler(code, info.id, stress, ctx_address=ctx,
                                  call_table=int(self._table_block.address) + 16,
                                  depth_word=int(self._depth_block.address),
                                  arena=self._arena, place_subroutine=place_sub)
            out = fc.compile()
            m = out.masm
            if self._sub_new:
                self._write_subroutines()
            try:
                # finalized once, where it lands: its bl to the shared subroutines are
                # relative to that (the JIT emits no literal pool: its offset is its size)
                base = self.buffer.place(m, name=name, size=m.offset)
            except EncodingError:
                if place_sub is None:
                    raise
                # a subroutine beyond a bl's +-128 MiB (the buffer grew into a chunk far
                # away): the subroutines are placed again, in a new area where code goes
                # now (the old copies stay for the functions that call them), and the
                # function compiled again; failing that too, it carries its own copies
                self.stats.far_subroutines += 1
                if not fresh:
                    fresh = True
                    self._subs = {}
                    self._sub_area = self._sub_size = self._sub_used = self._sub_from = 0
                else:
                    place_sub = None
                continue
            break
        size = m.offset
        assert out.exit_exc is not None and out.exit_ok is not None
        addr = [base + off for off in out.offsets]
        addr.append(base + out.masm.label_offset(out.exit_exc))
        addr.append(base + out.masm.label_offset(out.exit_ok))
        dt = time.thread_time() - t0
        listing = ""
        if self.print_code is not None:
            listing = self._listing(code, out, m.finalize(address=base), base)
            self.print_code.write(listing)
        cf = CompiledFunction(code, base, addr, size, listing, info)
        self.compiled[info.id] = cf
        self._cfs[info.id] = cf
        if fc.keyed_sites:
            cf.keyed = fc.keyed_sites
        if out.ic_block is not None:
            cf.ic_block = out.ic_block
            cf.ics = {pc: j for j, pc in enumerate(out.ic_pcs)}
        if self.threshold > 0 and sum(out.templated) < MIN_TEMPLATE_SHARE * len(code.insns):
            cf.disabled = True
            self.stats.left_to_interpreter += 1
            return cf
        if call_word(info, code) is not None and fc.direct_entry is not None \
                and info.id < CALL_TABLE_SIZE and info.template is not None:
            # (a word more, the function's data block address: the direct entry loads
            # x23 from it; and it copies the template by pairs, its last word's pair
            # reading one past it: t_calls._emit_direct_entry)
            cf.block, cf.words = self._arena.alloc(8 * (4 + code.nregs))
            cf.words[3 + code.nregs] = fc.block_address
            self._refresh(cf, info)
            self._table[2 * info.id + 1] = cf.block
            self._table[2 * info.id] = base + out.masm.label_offset(fc.direct_entry)
        self._ready[id(code)] = cf
        st = self.stats
        st.compiled += 1
        st.compile_time += dt
        st.bytecodes += len(code.insns)
        st.templated += sum(out.templated)
        st.code_bytes += size
        return cf

    def _place_subroutine(self, key: Any, words: bytes, name: str) -> int:
        """The address of the shared subroutine ``key`` (``words``) in this JIT's buffer,
        placed at its first use (t_ops.OpTemplates._subroutine)."""
        address = self._subs.get(key)
        if address is None:
            size = -(-len(words) // SUB_ALIGN) * SUB_ALIGN
            if self._sub_used + size > self._sub_size:  # a new area
                if self._sub_new:
                    self._write_subroutines()
                self._sub_size = max(SUB_AREA, size)
                # (zero words until written: udf, permanently undefined)
                self._sub_area = self.buffer.place(bytes(self._sub_size),
                                                   name="js:subroutines")
                self._sub_used = self._sub_from = 0
            address = self._subs[key] = self._sub_area + self._sub_used
            self._sub_new += words
            self._sub_new += bytes(size - len(words))
            self._sub_used += size
            self.stats.subroutines += 1
            self.stats.subroutine_bytes += len(words)
        return address

    def _write_subroutines(self) -> None:
        """Write the subroutines placed since the last write into their area (none of
        them has run: quiescent)."""
        new = bytes(self._sub_new)
        self.buffer.patch(self._sub_area, self._sub_from, new, quiescent=True)
        self._sub_from += len(new)
        self._sub_new.clear()

    def _refresh(self, cf: CompiledFunction, info: core.CodeInfo) -> None:
        """Copy the function's frame template (its constants move with collections)."""
        w = cf.words
        n = cf.code.nregs
        w[1] = (call_word(info, cf.code) or 0) | n << FRAME_NREGS_SHIFT
        w[2] = n
        w[3:3 + n] = info.template
        w[0] = info.epoch
        cf.epoch = info.epoch

    def _listing(self, code: Code, out: Compiled, data: bytes, address: int) -> str:
        """``--print-code``: the function's bytecode, then its machine code with each
        bytecode beside its first instruction (``@pc`` labels, as branch targets too),
        the exits and the guard stubs named."""
        from a64jit.disasm import format_listing

        lines = code.disassemble().split("\n\n")[0].split("\n")
        n = len(code.insns)
        body = [ln.strip() for ln in lines[1:1 + n]]
        names: dict[int, list[str]] = {}
        sources: dict[int, list[str]] = {}
        for pc, off in enumerate(out.offsets):
            names.setdefault(off, []).append(f"@{pc}")
            sources.setdefault(off, []).append(body[pc])
        marks: list[tuple[Any, str]] = [
                 (out.exit_exc, "exit: an exception left (status -1)"),
                 (out.exit_ok, "exit: returned (status 0)")]
        marks += [(g.label, f"guard @{g.pc}: {REASONS[g.reason]}") for g in out.guard_list]
        marks += [(lab, f"exception from a direct call @{pc}") for lab, pc in out.pending_list]
        for lab, name in marks:
            if lab is not None and lab.offset is not None:
                names.setdefault(lab.offset, []).append(name)
        rows = [(off, 4, 0, " | ".join(sources.get(off, ()))) for off in range(0, len(data), 4)]
        try:
            text = format_listing(data, rows, address, names)
        except (ImportError, ValueError, TypeError):  # no capstone: words only
            text = format_listing(data, rows, address, names, disassembly=False)
        return "\n".join([*lines, f"-- machine code of {code.name or '<anonymous>'} at "
                           f"{address:#x} ({len(data) // 4} instructions)", text, "", ""])

    def enter(self, cf: CompiledFunction, fp: int, pc: int) -> int:
        """Run ``cf`` on the frame at ``fp`` from ``pc``; the result word (or raise what
        the function threw)."""
        args = self._args
        args[0] = fp
        args[1] = cf.addr[pc] if pc else 0
        args[2] = cf.entry
        self.running.add(fp)
        self.depth += 1
        try:
            if self._headroom:
                check_headroom()
            self._call()
        finally:
            self.depth -= 1
            self.running.discard(fp)
        if self._depth[THROW_COUNT >> 3]:
            core.throw_places()  # the ring's throws remembered, and counted
        e = self.pending
        if e is not None:
            self.pending = None
            raise e
        return int(R.S[(fp - R.sbase) >> 3])

    # -- host calls from compiled code -----------------------------------------------------

    def _leave(self, code: Code, fp: int, pc: int, exc: BaseException | None) -> int:
        """Finish the call in the interpreter from ``pc`` (a bailout, or an exception
        raised at ``pc`` dispatched to the function's handlers): -1 with the result in
        slot 0, or -2 with the exception recorded."""
        fresh = fp not in self.running
        self.running.add(fp)  # no OSR into this frame while its compiled code waits
        try:
            r = interp.run_at(code, fp, pc, exc)
        except BaseException as e:
            self.pending = e
            return -2
        finally:
            if fresh:
                self.running.discard(fp)
        R.S[(fp - R.sbase) >> 3] = r
        return -1

    def _throw_at(self, cf: CompiledFunction, fp: int, pc: int, e: BaseException) -> int:
        """An exception (HThrow or RecursionError) raised at ``pc`` of compiled code:
        given to the function's handler covering ``pc`` (``interp.catch``), whose pc the
        compiled code goes on at; or it leaves the function: -2, recorded. (Any pc is an
        entry of the code: every value is in its frame slot between instructions.)"""
        if cf.disabled:  # left to the interpreter: its run finishes there
            return self._leave(cf.code, fp, pc, e)
        heap = R.heap
        if heap.root(THROW_ROOT) == UNDEFINED_WORD and e.__class__ is HThrow:
            # t_Throw's ring, made here (a safepoint: the thrown value is a handle)
            heap.set_root(THROW_ROOT, heap.alloc_array(THROW_RING, THROW_RING,
                                                       UNDEFINED_WORD))
        try:
            h = interp.catch(cf.code, fp, pc, e)
        except BaseException as x:
            self.pending = x
            return -2
        self.stats.caught += 1
        return h

    def _prop_miss(self, cf: CompiledFunction, cid: int, fp: int, pc: int) -> int:
        """An inline-cache miss (``t_props``): the access done generically, then the
        site's cell gets an entry for the receiver's shape when the access was
        cacheable (``t_props.fill_get`` / ``fill_set`` say when)."""
        code = cf.code
        ins = code.insns[pc]
        i = (fp - R.sbase) >> 3
        S = R.S
        entry = None
        if ins[0] == _GET_PROP:
            entry = fill_get(R.heap, _shape_at, int(S[i + ins[2]]), code.consts[ins[3]])
            npc = self._step(cid, fp, pc)
        elif ins[0] == _GET_GLOBAL:  # t_props: own data properties of the global object
            entry = fill_get(R.heap, _shape_at, R.global_obj.word, code.consts[ins[2]],
                             getters=False)
            if entry is not None and (entry[2] or entry[1] == IC_ABSENT):
                entry = None  # not own: an absent name is a ReferenceError
            npc = self._step(cid, fp, pc)
        elif ins[0] == _INSTANCE_OF:  # t_props: the function's prototype
            entry = fill_get(R.heap, _shape_at, int(S[i + ins[3]]), "prototype",
                             getters=False)
            if entry is not None and (entry[2] or entry[1] == IC_ABSENT):
                entry = None  # only an own prototype property
            npc = self._step(cid, fp, pc)
        elif ins[0] == _NEW:  # t_calls: the callee's prototype and its root shape
            npc = self._step(cid, fp, pc)
            fn = int(S[i + ins[2]])
            entry = fill_get(R.heap, _shape_at, fn, "prototype")
            j = cf.ics.get(pc)
            proto = core.get_own(fn, "prototype") if entry is not None else None
            root = core.get_own(proto, core.K_ROOT) if proto is not None \
                and core.kind_of(proto) == KIND_OBJECT else None
            if root is None or j is None or cf.ic_block is None:
                return npc
            cf.ic_block[IC_WORDS * (j + 1)] = R.heap._shapes[core.int_of(root)].address
        elif ins[0] == _SUPER_CALL:  # t_alloc: a callee shape without own fields
            j = cf.ics.get(pc)
            if j is not None and cf.ic_block is not None and super_cell_fill(
                    cf.ic_block[IC_WORDS * j:IC_WORDS * (j + 1)], _shape_at(int(S[i + 2]))):
                self.pending = core.unsupported(core.SUPER_OTHER_OBJECT, (code, pc))
                return cf.addr[-2]
            return self._step(cid, fp, pc)
        else:  # SetProp / DefineField a, k, c; DefineMethod a, b, c of a constant key
            key = store_key(code, pc)
            w = int(S[i + ins[1]])
            before = _shape_at(w)
            if before is not None and ins[0] == _SET_PROP and R.accessors \
                    and core.find_setter(w, key) is not None:
                before = None
            if before is not None and key in READ_ONLY_KEYS and core.read_only(w, key):
                before = None  # (Math.PI, f.name: the generic store's, never cached)
            npc = self._step(cid, fp, pc)
            if before is not None:
                entry = fill_set(before, _shape_at(int(S[i + ins[1]])), key)
        j = cf.ics.get(pc)
        if entry is not None and j is not None and cf.ic_block is not None:
            cell = cf.ic_block[IC_WORDS * j:IC_WORDS * (j + 1)]
            at = put_entry(cell, entry, self._arena)
            if entry[2] and ins[0] == _SET_PROP:
                self._transitions.append((cell, at))
        return npc

    def _keyed_miss(self, cf: CompiledFunction, cid: int, fp: int, pc: int) -> int:
        """A keyed-cache miss (``t_elems``): the instruction done generically, then an
        entry for the receiver's shape and the key when it was an own data property."""
        ins = cf.code.insns[pc]
        regs = keyed_operands(ins)
        fill = None
        if regs is not None:
            i = (fp - R.sbase) >> 3
            o, k = int(R.S[i + regs[0]]), int(R.S[i + regs[1]])
            fill = keyed_fill(R.heap, _shape_at, o, k, core.str_of, ins[0])
            if fill is not None and ins[0] == _SET_ELEM and core.is_string(k) \
                    and core.str_of(k) in READ_ONLY_KEYS and core.read_only(o, core.str_of(k)):
                fill = None  # (Math[k] = v: the generic store's, never cached)
        npc = self._step(cid, fp, pc)
        site = cf.keyed.get(pc)
        if fill is not None and site is not None:
            if site[1] is None:
                site[0][0], site[1] = keyed_table(self._arena)
            keyed_put(site[1], *fill)
        return npc

    def _typeof_root(self, cid: int, fp: int, pc: int) -> int:
        """``typeof``'s string for a type not in the function's constants was not made
        yet (``t_ops.t_TypeOf``): the generic path makes it, kept in its root word."""
        npc = self._step(cid, fp, pc)
        w = int(R.S[((fp - R.sbase) >> 3) + self._cfs[cid].code.insns[pc][1]])
        if core.is_string(w):
            name = core.str_of(w)
            if name in TYPEOF_NAMES:
                R.heap.set_root(ROOT_TYPEOF + TYPEOF_NAMES.index(name), w)
        return npc

    def _keyed_big(self, cf: CompiledFunction, fp: int, pc: int) -> bool:
        """Whether a keyed miss counts as a guard failure (``t_elems.keyed_counts``)."""
        regs = keyed_operands(cf.code.insns[pc])
        if regs is None:
            return False
        return keyed_counts(R.heap, _shape_at, int(R.S[((fp - R.sbase) >> 3) + regs[0]]))

    def on_accessor(self) -> None:
        """An accessor was defined (``hvm.core.define_accessor``): a cached SetProp
        that adds a key may now meet a setter on the chain, so those entries go; and a
        dictionary object's own table may now hold an accessor's key, which the keyed
        sites' absent-key walk does not probe (``Ctx.NO_DICT_ADDS`` tells it)."""
        R.heap._ctx[Ctx.NO_DICT_ADDS >> 3] = 1
        if not self._cfs:  # nothing compiled (nor the compiler loaded): no entry to forget
            return
        for cell, at in self._transitions:
            base = at * IC_ENTRY_WORDS
            if cell[base + 2]:
                cell[base] = 0
        self._transitions.clear()
        keyed_forget_transitions(self._cfs.values())  # (t_elems: keyed stores adding keys)

    def _hand_over_throws(self, places: core.ThrowPlaces) -> None:
        """``hvm.core.places_hook``: the throws compiled code caught in its own function
        since the last call (``t_calls.t_Throw``: values in root words, places in the
        depth block), remembered in order as the interpreter's dispatch would have."""
        d = self._depth
        n = int(d[THROW_COUNT >> 3])
        if not n:
            return
        d[THROW_COUNT >> 3] = 0
        heap = places.heap
        hw, hbase = heap._w, heap._base
        # the ring's elements (an array of THROW_RING: its vector's data words)
        vector = int(hw[(((heap.root(THROW_ROOT) & ADDR_MASK) - hbase) + ARRAY_ELEMENTS) >> 3])
        elements = (vector - hbase + VECTOR_DATA) >> 3
        words = hw[elements:elements + n].tolist()
        hw[elements:elements + n] = self._undefined_ring[:n]  # (what they held may die)
        cfs = self._cfs
        at = d[THROW_PLACES >> 3:(THROW_PLACES >> 3) + n].tolist()
        # (a few throw sites: each place's tuple made once)
        place_of = {p: (cfs[p >> 32].code, p & 0xFFFF_FFFF) for p in set(at)}
        places.remember_thrown(words, list(map(place_of.__getitem__, at)))
        self.stats.caught += n

    def _pending_at(self, cf: CompiledFunction, fp: int, pc: int) -> int:
        """A direct callee left with an exception (recorded): the caller's handler
        covering ``pc`` takes it (the handler's pc), or it leaves the caller too (-2)."""
        e = self.pending
        self.pending = None
        if isinstance(e, (HThrow, RecursionError)):
            return self._throw_at(cf, fp, pc, e)
        self.pending = e
        return -2

    def _step(self, cid: int, fp: int, pc: int) -> int:
        """Host call: bytecode ``pc`` of function ``cid`` in the interpreter; the code
        address to go on at (the next pc's, or an exit's)."""
        cf = self._cfs[cid]
        cf.steps[pc] += 1
        try:
            return cf.addr[interp.step(cf.code, fp, pc)]
        except (HThrow, RecursionError) as e:
            return cf.addr[self._throw_at(cf, fp, pc, e)]
        except core.HVMUnsupported as e:
            self.pending = e if e.located else core.locate(e, (cf.code, pc))
        except BaseException as e:
            self.pending = e
        return cf.addr[-2]

    def _guard(self, cid: int, fp: int, pc: int, reason: int) -> int:
        """Host call: a guard of ``pc`` failed for ``reason`` (or one of the non-guard
        reasons ``R_PENDING``, ``R_GOTO``); the code address to go on at."""
        cf = self._cfs[cid]
        if reason >= R_PENDING:
            if reason == R_GOTO:
                return cf.addr[pc]
            return cf.addr[self._pending_at(cf, fp, pc)]
        why = REASONS[reason]
        st = self.stats
        st.guard_failures[why] += 1
        bail = reason == R_STRESS
        if reason == R_PROP:
            st.ic_misses += 1
            return self._prop_miss(cf, cid, fp, pc)
        if reason == R_KEYED and not self._keyed_big(cf, fp, pc):
            return self._keyed_miss(cf, cid, fp, pc)
        if reason == R_TYPEOF:
            return self._typeof_root(cid, fp, pc)
        if not bail:
            cf.failures += 1
            if cf.failures > MAX_GUARD_FAILURES and not cf.disabled:
                cf.disabled = True
                self._ready.pop(id(cf.code), None)
                if cid < CALL_TABLE_SIZE:
                    self._table[2 * cid] = 0  # no more direct calls either
                st.left_to_interpreter += 1
                bail = True
        if bail:
            st.bailouts[why] += 1
            return cf.addr[self._leave(cf.code, fp, pc, None)]
        return self._step(cid, fp, pc)


def loop_lengths(code: Code) -> dict[int, int]:
    """Per backward-jump target of ``code``, its loop's length in bytecodes (the longest
    backward jump to it, the jump included: what one iteration runs at most)."""
    out: dict[int, int] = {}
    for pc, ins in enumerate(code.insns):
        sig = SIG[ins[0]]
        if "l" in sig:
            t = ins[1 + sig.index("l")]
            if t <= pc:
                out[t] = max(out.get(t, 0), pc - t + 1)
    return out


def _shape_at(w: int) -> Shape | None:
    """The shape of the cell a reference word names (None for other words)."""
    if w >> 48 != 0xFFFB:
        return None
    h = R.heap
    return h._shape_at.get(h._w[((w & 0xFFFF_FFFF_FFFF) - h._base) >> 3])


_GET_PROP = OP["GetProp"]
_SET_PROP = OP["SetProp"]
_SET_ELEM = OP["SetElem"]
_NEW = OP["New"]
_GET_GLOBAL = OP["GetGlobal"]
_INSTANCE_OF = OP["InstanceOf"]
_SUPER_CALL = OP["SuperCall"]


def opcode_name(op: int) -> str:
    return OPCODES[op][0]


__all__ = ["Jit", "JitStats"]
