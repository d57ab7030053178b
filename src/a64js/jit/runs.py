"""Runs of a template's instruction words with holes: one call per run at a site.

A template's straight-line stretch (no branch out of it) is the same words at every
site but for a few fields: a frame slot (``ldr x0, [x19, #8*b]``), an inline-cache
cell's offset off x23, an argument count. A :class:`Run` is such a stretch, written
once as an ordinary build function over a MacroAssembler and its integer parameters
(``build(a, b, c)``); at its first use in a process it learns from the Assembler
itself the words with every parameter 0 (the *base*) and, per parameter, which words
it lands in and at which bit (the *holes*), then checks that the fields are plain:
every parameter at its largest value, and at two alternating bit patterns, must give
the base with each value shifted into its holes, else the run is refused (an
``AssertionError`` naming it: a parameter that changes the length or does not map
linearly into its field cannot be a hole). A field may hold a value plus a constant
(slot ``base + 1``): the value is added, ``base + (value << shift)``, which is the
field's sum while the limit keeps it in the field. A site then emits the words with
each hole filled, all of the run in one ``emit_words``, where
each instruction was a MacroAssembler call (a memo hit, its operands made or looked up:
2-4 Python calls a word). A value at or past its limit (a slot beyond 4095, an offset
that needs two adds) runs the build function on the site's assembler itself: the same
words as ever, at the old cost.

What a run learned is kept in the subroutine cache's file (``jit/subcache.py``, under
``run:<name>``; stale with any source edit, as the subroutines), so a later process
builds nothing: learning a run takes a build per parameter and three checks, ~1 ms a
run with the encoder's first sights.

The holes are found and checked, never written by hand: the encodings stay a64jit's.
Labels inside a run are fine when both ends are in it (their branches are relative);
a branch to a label outside ends a run (the site emits it, as before, then the next
run).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

from a64jit import GPRegister, MacroAssembler, mem, w0, w2, x0

from . import subcache
from .regs import CID, FP, words_of

#: A run's per-site emitter: (the site's assembler, the parameters) -> None.
Emit = Callable[..., None]


class Run:
    """A stretch of words, the same at every site but for the fields its integer
    parameters fill (see the module's docstring). ``build(a, *params)`` emits it on a
    MacroAssembler ``a``; ``limits[j]``: parameter j's values that go into holes are
    ``0 <= value < limits[j]`` (others run ``build`` on the site's assembler).
    ``run.emit(m, *params)`` emits it at a site (one call: a function made for this run
    at its first use)."""

    __slots__ = ("_from", "build", "emit", "limits", "name", "tail")

    def __init__(self, name: str, build: Callable[..., None], *limits: int,
                 tail: int = 0) -> None:
        self.name = name
        self.build = build
        self.limits = limits
        #: words of the site's own after the run, for labels the build binds past its
        #: end (see the module's docstring): ``build(a, *params, after)`` calls
        #: ``after(a)``, which emits exactly that many words, and binds its labels
        #: among them; ``emit(m, *params, after)``
        self.tail = tail
        #: the per-site emitter: learns the run at the first call, then replaces itself
        self.emit: Emit = self._first
        self._from: dict[int, Run] = {}

    def starting_at(self, origin: int) -> Run:
        """This run with its last parameter counted from ``origin``: ``build(a, ...,
        origin + value)`` (made once per origin). A field that takes only the low bits
        of a value (an ``add`` of 12 bits after one of the high part, the low half of a
        ``mov`` of a wide constant) is a hole of the run for each high part."""
        got = self._from.get(origin)
        if got is None:
            build = self.build
            last = len(self.limits) - 1   # (a tail's ``after`` comes after the values)

            def shifted(a: MacroAssembler, *params: Any) -> None:
                build(a, *params[:last], origin + params[last], *params[last + 1:])

            got = self._from[origin] = Run(f"{self.name}@{origin}", shifted, *self.limits,
                                           tail=self.tail)
        return got

    def _first(self, m: MacroAssembler, *params: int) -> None:
        self.emit = self.make()
        self.emit(m, *params)

    def make(self) -> Emit:
        """The run's emitter, from what it learned."""
        base, holes = self.learned()
        return _emitter(self.name, self.build, self.limits, base, holes, self.tail)

    def learned(self) -> tuple[array[int], list[tuple[int, int, int]]]:
        """The base words and the holes: the cache file's entry, else :meth:`learn`'s."""
        key = "run:" + self.name
        disk = subcache.cache()
        got = disk.get(key) if disk is not None else None
        learned = _decode(got) if got is not None else None
        if learned is None or learned[0] != len(self.limits):
            learned = (len(self.limits), *self.learn())
            if disk is not None:
                disk.put(key, _encode(*learned))
        return learned[1], learned[2]

    def words(self, *params: int) -> array[int]:
        """The words ``build`` emits with ``params`` (an assembler of their own), but
        the tail's (the build's ``after`` emits zeros there)."""
        build = self.build
        tail = self.tail
        if not tail:
            return words_of(("run", self.name, params), lambda a: build(a, *params))

        def after(a: MacroAssembler) -> None:
            for _ in range(tail):
                a.emit(0)

        got = words_of(("run", self.name, params), lambda a: build(a, *params, after))
        if any(got[len(got) - tail:]):
            raise AssertionError(f"run {self.name}: words after its tail")
        return got[:len(got) - tail]

    def learn(self) -> tuple[array[int], list[tuple[int, int, int]]]:
        """The base words and the holes (word index, parameter, shift), checked."""
        n = len(self.limits)
        base = self.words(*([0] * n))
        holes: list[tuple[int, int, int]] = []
        for j in range(n):
            probe = [0] * n
            probe[j] = 1
            got = self.words(*probe)
            self._same_length(base, got, probe)
            for i, (u0, u1) in enumerate(zip(base, got, strict=True)):
                if u0 != u1:
                    step = u1 - u0  # (a field's value may start above 0: slot b + 1)
                    if step <= 0 or step & (step - 1):
                        raise AssertionError(f"run {self.name}: parameter {j} is no plain "
                                             f"field of word {i} ({u0:#010x} -> {u1:#010x})")
                    holes.append((i, j, step.bit_length() - 1))
        # every value up to the limits must land as ``value << shift`` in each hole:
        # the largest, and alternating bits (a field narrower than a limit, a scaled
        # or split field, a value that changes the length all differ somewhere)
        for values in ([lim - 1 for lim in self.limits],
                       [(lim - 1) // 3 for lim in self.limits],
                       [(lim - 1) * 2 // 3 for lim in self.limits]):
            want = array("I", base)
            for i, j, shift in holes:
                want[i] += values[j] << shift
            got = self.words(*values)
            self._same_length(base, got, values)
            if got != want:
                bad = next(i for i in range(len(got)) if got[i] != want[i])
                raise AssertionError(f"run {self.name}: parameters {values} give word "
                                     f"{bad} {got[bad]:#010x}, not {want[bad]:#010x}")
        return base, holes

    def _same_length(self, base: array[int], got: array[int], params: list[int]) -> None:
        if len(got) != len(base):
            raise AssertionError(f"run {self.name}: {len(got)} words with parameters "
                                 f"{params}, {len(base)} with zeros: a parameter changes "
                                 "the length (lower its limit)")


def field(name: str, build: Callable[[MacroAssembler, int], None], limit: int,
          shift: int | None = None) -> tuple[int, int]:
    """``(word, shift)`` of a one-word run of one parameter: the word ``build(a, 0)``
    emits, and the bit at which ``build(a, v)`` adds ``v`` to it for ``0 <= v < limit``
    (learned and checked as a :class:`Run`'s hole; ``shift`` given: it must be that one).
    For the sites that fill a word of a ``regs.buffer`` run themselves."""
    got = _FIELDS.get(name)
    if got is None:
        base, holes = Run(name, build, limit).learned()
        if len(base) != 1 or [h[:2] for h in holes] != [(0, 0)]:
            raise AssertionError(f"field {name}: {len(base)} words, holes {holes}: "
                                 "not one field of one word")
        got = _FIELDS[name] = (base[0], holes[0][2])
    if shift is not None and got[1] != shift:
        raise AssertionError(f"field {name}: at bit {got[1]}, not {shift}")
    return got


_FIELDS: dict[str, tuple[int, int]] = {}

def slot_word(insn: str, reg: GPRegister, base: GPRegister = FP) -> int:
    """The word of ``insn reg, [base, #0]`` (``insn`` ``"ldr"`` or ``"str"``, ``reg`` an
    x register), whose slot ``n < SLOT_LIMIT`` (offset ``8n``) is ``| n << SLOT_SHIFT``
    (checked: :func:`field`): one integer operation at a site where ``m.ldr(reg,
    slot(n))`` is two or three Python calls."""
    return field(f"slot:{insn}:{reg.code}:{base.code}",
                 lambda a, n: getattr(a, insn)(reg, mem(base, 8 * n)), SLOT_LIMIT,
                 SLOT_SHIFT)[0]


def imm12_word(name: str, build: Callable[[MacroAssembler, int], None]) -> int:
    """The word of ``build(a, 0)``, an instruction whose immediate ``v < IMM12_LIMIT``
    is ``| v << IMM12_SHIFT`` (checked: :func:`field`); ``name`` names it."""
    return field("imm12:" + name, build, IMM12_LIMIT, IMM12_SHIFT)[0]


def cell_to(a: MacroAssembler, reg: GPRegister, cell: int) -> None:
    """``reg`` = the cache cell at byte ``cell`` of the function's data block (x23):
    one ``add`` below 4096, else two (the high part, then the low), the words of
    :func:`regs.add_wide` for every cell (cells are at 16 + 128k, never at a multiple
    of 4096, where add_wide adds once). A run with a cell for its last parameter:
    :func:`emit_cell_run`."""
    if cell < 0x1000:
        a.add(reg, CID, cell)
    else:
        a.add(reg, CID, cell & ~0xFFF)
        a.add(reg, reg, cell & 0xFFF)


def emit_cell_run(m: MacroAssembler, run: Run, *params: int) -> None:
    """``run.emit(m, *params)`` for a run whose last parameter is a cache cell's offset
    (:func:`cell_to`): past 4096, the run with that high part (the low part its
    hole)."""
    cell = params[-1]
    if cell < 0x1000:
        run.emit(m, *params)
    else:
        run.starting_at(cell & ~0xFFF).emit(m, *params[:-1], cell & 0xFFF)


def _emitter(name: str, build: Callable[..., None], limits: tuple[int, ...],
             base: array[int], holes: list[tuple[int, int, int]], tail: int = 0) -> Emit:
    """A function ``emit(m, p0, p1 ...)`` for the run: the words with the holes filled
    (in a buffer of the run's own, which ``emit_words`` copies) in one ``emit_words``
    when every parameter is within its limit, else ``build``. Made as source (the base
    words and shifts as constants): a loop over the holes at each site would cost what
    the run saves."""
    plain = _plain_emitter(build, limits, base, holes, tail)
    if plain is not None:
        return plain
    params = [f"p{j}" for j in range(len(limits))]
    fill: dict[int, list[str]] = {}
    for i, j, shift in holes:
        fill.setdefault(i, []).append(f"(p{j} << {shift})" if shift else f"p{j}")

    def word(i: int) -> str:
        return " + ".join([f"{base[i]:#x}", *fill[i]])

    fits = " and ".join(f"0 <= {p} < {lim}" for p, lim in zip(params, limits, strict=True))
    if tail:  # the site's words after the run, where the run's labels expect them
        params.append("after")
        end = ["        at = m.offset",
               "        after(m)",
               f"        if m.offset != at + {4 * tail}:",
               f"            raise AssertionError('run {name}: its tail is not {tail} words')"]
    else:
        end = []
    if not fits:
        body = ["    m.emit_words(_buf)", *[ln[4:] for ln in end]]
    else:  # (the buffer is the run's own: emit_words copies it, so each site reuses it)
        body = [f"    if {fits}:",
                *[f"        _buf[{i}] = {word(i)}" for i in sorted(fill)],
                "        m.emit_words(_buf)",
                *end,
                "    else:",
                f"        _build(m, {', '.join(params)})"]
    src = "\n".join([f"def emit(m, {', '.join(params)}):" if params else "def emit(m):",
                     *body])
    scope: dict[str, Any] = {"_buf": array("I", base), "_build": build}
    exec(compile(src, f"<run {name}>", "exec"), scope)
    emit: Emit = scope["emit"]
    return emit


def _plain_emitter(build: Callable[..., None], limits: tuple[int, ...], base: array[int],
                   holes: list[tuple[int, int, int]], tail: int) -> Emit | None:
    """:func:`_emitter`'s function as a closure for the common shapes (no tail; no
    parameter, or one or two each in one word of its own), where making it as source
    cost a ``compile`` (~0.3 ms a run: a cold process's first compile made ~40); None
    for the others."""
    buf = array("I", base)
    if tail or len(holes) != len(limits) or len({i for i, _, _ in holes}) != len(holes):
        return None
    if not holes:  # (the buffer is the run's own: emit_words copies it)
        def emit0(m: MacroAssembler) -> None:
            m.emit_words(buf)
        return emit0
    if len(holes) == 1:
        ((i, _, s),) = holes
        w, lim = base[i], limits[0]

        def emit1(m: MacroAssembler, p0: int) -> None:
            if 0 <= p0 < lim:
                buf[i] = w + (p0 << s)
                m.emit_words(buf)
            else:
                build(m, p0)
        return emit1
    if len(holes) == 2 and sorted(j for _, j, _ in holes) == [0, 1]:
        (i0, _, s0), (i1, _, s1) = sorted(holes, key=lambda h: h[1])
        w0, w1 = base[i0], base[i1]
        lim0, lim1 = limits

        def emit2(m: MacroAssembler, p0: int, p1: int) -> None:
            if 0 <= p0 < lim0 and 0 <= p1 < lim1:
                buf[i0] = w0 + (p0 << s0)
                buf[i1] = w1 + (p1 << s1)
                m.emit_words(buf)
            else:
                build(m, p0, p1)
        return emit2
    return None


def _encode(nparams: int, base: array[int], holes: list[tuple[int, int, int]]) -> bytes:
    """A learned run as the cache file's entry: parameter count, word count, the
    words, then each hole's index, parameter and shift (32-bit little-endian)."""
    out = array("I", [nparams, len(base), *base])
    for hole in holes:
        out.extend(hole)
    return out.tobytes()


def _decode(raw: bytes) -> tuple[int, array[int], list[tuple[int, int, int]]] | None:
    """:func:`_encode`'s entry back (None: not one)."""
    if len(raw) % 4:
        return None
    w = array("I")
    w.frombytes(raw)
    if len(w) < 2 or len(w) < 2 + w[1] or (len(w) - 2 - w[1]) % 3:
        return None
    n = w[1]
    rest = w[2 + n:]
    holes = [(rest[k], rest[k + 1], rest[k + 2]) for k in range(0, len(rest), 3)]
    if any(i >= n or j >= w[0] or s > 31 for i, j, s in holes):
        return None
    return w[0], w[2:2 + n], holes


# (here, after the functions a run's learning uses)
#: Frame slots ``0 <= n < SLOT_LIMIT`` take one ``ldr``/``str`` (higher ones the
#: MacroAssembler's expansion, ``regs.slot(n)``): the word is :func:`slot_word`'s
#: ``| n << SLOT_SHIFT``, the bit learned from the Assembler at import
SLOT_LIMIT = 4096
SLOT_SHIFT = field("slot:ldr:0:19", lambda a, n: a.ldr(x0, mem(FP, 8 * n)), SLOT_LIMIT)[1]
#: an ``adds``/``subs``/``cmp`` immediate ``0 <= v < IMM12_LIMIT`` (unshifted) is
#: ``| v << IMM12_SHIFT`` in its word (:func:`imm12_word`), learned likewise
IMM12_LIMIT = 4096
IMM12_SHIFT = field("imm12:adds:2:0", lambda a, v: a.adds(w2, w0, v), IMM12_LIMIT)[1]


__all__ = ["IMM12_LIMIT", "IMM12_SHIFT", "SLOT_LIMIT", "SLOT_SHIFT", "Emit", "Run", "cell_to",
           "emit_cell_run", "field", "imm12_word", "slot_word"]
