"""The instruction memo (assembler/memo.py): a repeated call must give exactly the bytes
and the errors of a first call, and never replay a word that depends on position."""

from __future__ import annotations

import copy
import enum
import inspect
import pickle

import pytest

from a64jit import Assembler, MacroAssembler, assemble
from a64jit.assembler import memo
from a64jit.assembler.core import Label, Target
from a64jit.encoding import dataproc
from a64jit.errors import EncodingError, OperandError
from a64jit.operands import (
    EQ,
    X_BY_CODE,
    Extend,
    GPRegister,
    Mem,
    Shift,
    d3,
    lsl,
    mem,
    post,
    pre,
    sp,
    uxtw,
    w2,
    x0,
    x1,
    x2,
    x13,
    x27,
)
from tests.vectorfiles import groups, valid


def as_words(code: bytes) -> list[int]:
    return [int.from_bytes(code[i:i + 4], "little") for i in range(0, len(code), 4)]


def words(a: Assembler) -> list[int]:
    return as_words(a.finalize())


def test_repeat_skips_the_full_path(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = dataproc.addsub_imm  # the encoder add's full path calls (arith's table row form)

    def spy(*args: int | str) -> int:
        calls.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(dataproc, "addsub_imm", spy)
    a = Assembler()
    a.add(x13, x27, 3011)
    a.add(x13, x27, 3011)
    a.add(x13, x27, 3011, None)  # the same call spelled with the default
    assert len(calls) == 1
    assert words(a) == [0x912F0F6D] * 3  # llvm-mc: add x13, x27, #3011


class _One(enum.IntEnum):
    ONE = 1


@pytest.mark.parametrize("lookalike", [True, 1.0, _One.ONE])
def test_int_lookalikes_still_raise_after_the_int(lookalike: object) -> None:
    a = Assembler()
    a.add(x13, x27, 1)
    a.mov(x13, 1)
    with pytest.raises(OperandError):
        a.add(x13, x27, lookalike)  # type: ignore[arg-type]
    with pytest.raises(OperandError):
        a.mov(x13, lookalike)  # type: ignore[arg-type]


def test_negative_zero_is_not_zero() -> None:
    a = Assembler()
    a.fcmp(d3, 0.0)
    with pytest.raises(EncodingError):
        a.fcmp(d3, -0.0)


def test_errors_are_raised_every_time() -> None:
    a = Assembler()
    for _ in range(3):
        with pytest.raises(EncodingError, match="add"):
            a.add(x0, x1, 4096 + 1)
        with pytest.raises(OperandError):
            a.add(x0, x1, [1])  # type: ignore[arg-type]  # unhashable: the full path explains
    assert len(a) == 0


def test_label_operands_are_never_replayed() -> None:
    a = Assembler()
    target = a.here()
    a.ldr(x0, target)
    a.ldr(x0, target)
    a.adr(x1, target)
    a.adr(x1, target)
    first, second, adr1, adr2 = words(a)
    assert first != second and adr1 != adr2
    assert words(a) == as_words(assemble("l: ldr x0, l; ldr x0, l; adr x1, l; adr x1, l"))


def test_equal_operands_built_differently_agree() -> None:
    a = Assembler()
    a.ldr(x0, mem(x1, 8))
    a.ldr(x0, Mem(x1, 8))
    a.sub(x0, x1, x2, lsl(3))
    a.sub(x0, x1, x2, Shift("lsl", 3))
    a.ldr(x0, mem(x1, w2, uxtw(3)))
    a.ldr(x0, Mem(x1, w2, Extend("uxtw", 3)))
    w = words(a)
    assert w[0] == w[1] and w[2] == w[3] and w[4] == w[5]


def test_keywords_and_positions_agree() -> None:
    a = Assembler()
    a.add(x0, x1, x2, lsl(3))
    a.add(x0, x1, x2, mod=lsl(3))
    a.add(rd=x0, rn=x1, op2=x2, mod=lsl(3))
    assert len(set(words(a))) == 1


def test_wrappers_keep_signature_and_docs() -> None:
    params = list(inspect.signature(Assembler.add).parameters)
    assert params == ["self", "rd", "rn", "op2", "mod"]
    assert Assembler.add.__doc__ and "add rd, rn" in Assembler.add.__doc__
    assert Assembler.add.__name__ == "add"


def test_memo_hit_after_unaligned_data_still_raises() -> None:
    a = Assembler()
    a.nop()
    a.byte(1)
    with pytest.raises(EncodingError, match="aligned"):
        a.nop()
    a.align(4)
    a.nop()
    assert len(a) == 12


def test_memo_hits_still_let_pools_in() -> None:
    """A MacroAssembler with a pending literal sees every remembered word too."""
    m = MacroAssembler()
    m.ldr_literal(x0, 0xCAFE_F00D_DEAD_BEEF)
    for _ in range(300_000):  # 1.2 MB, past the literal's reach unless a pool is placed
        m.nop()
    m.ret()
    code = m.finalize()
    assert len(code) > 4 * 300_002  # the pool and the branch around it


def test_checked_hits_place_veneers() -> None:
    """The MacroAssembler's memo hits compare the length with the next pool check
    themselves (memo._CHECKED_FAST): a tbz (+-32 KiB) pending behind 10,000 remembered
    movz words (40 KB) still gets its veneer in reach."""
    m = MacroAssembler()
    far = m.label()
    m.tbz(x0, 3, far)
    for _ in range(10_000):
        m.movz(x1, 5)
    m.bind(far)
    m.ret()
    code = as_words(m.finalize())
    assert len(code) > 10_002  # the veneer and the branch around it
    tbz = code[0]
    veneer = (tbz >> 5 & 0x3FFF) - (1 << 14 if tbz >> 18 & 1 else 0)
    b = code[veneer]
    assert b >> 26 == 0b000101  # b <far>
    assert veneer + (b & 0x3FFFFFF) == len(code) - 1  # far: the ret
    assert code.count(as_words(assemble("movz x1, #5"))[0]) == 10_000


def test_checked_pc_hits_place_veneers() -> None:
    """The MacroAssembler's PC-relative memo hits (b, bl: memo._k1) compare the length
    with the next pool check themselves too, where they took its counting put: a tbz
    pending behind 10,000 remembered bl (backward) and b (forward) words gets its veneer."""
    m = MacroAssembler()
    top = m.here()
    far = m.label()
    m.tbz(x0, 3, far)
    for _ in range(5_000):
        m.bl(top)
        ahead = m.label()
        m.b(ahead)
        m.bind(ahead)
    m.bind(far)
    m.ret()
    code = as_words(m.finalize())
    assert len(code) > 10_002  # the veneer and the branch around it
    tbz = code[0]
    veneer = (tbz >> 5 & 0x3FFF) - (1 << 14 if tbz >> 18 & 1 else 0)
    b = code[veneer]
    assert b >> 26 == 0b000101  # b <far>
    assert veneer + (b & 0x3FFFFFF) == len(code) - 1  # far: the ret
    bls = [i for i, w in enumerate(code) if w >> 26 == 0b100101]
    assert len(bls) == 5_000
    assert all((code[i] - (1 << 26) - 0x94000000) == -i for i in bls)  # bl top (at 0)
    from a64jit.macro import masm

    # (MacroAssembler.bl is inline for an own label; the exact bl it calls otherwise)
    assert "_hit_put" in masm._BL.__code__.co_names
    assert "_hit_put" not in Assembler.bl.__code__.co_names


def test_own_wrappers_whichever_class_calls_first() -> None:
    """A class of own_wrappers (the MacroAssembler) never runs a memo wrapper a base
    class installed: it builds its own from the same method, whether the base used the
    method first or not, and the MacroAssembler's are the checked ones."""
    class Base(Assembler):
        def bump(self, rd: GPRegister) -> None:
            self.add(rd, rd, 1)

        def bumped(self, rd: GPRegister) -> None:
            self.add(rd, rd, 2)

    memo.memoize_methods(Base)

    class Mine(Base):
        pass

    b = Base()
    b.bump(x0)  # Base installs its bump before Mine is registered
    memo.own_wrappers(Mine)
    b.bumped(x0)  # ... and its bumped after
    m = Mine()
    for _ in range(2):
        m.bump(x0)
        m.bumped(x0)
    for name in ("bump", "bumped"):
        mine, base = vars(Mine)[name], vars(Base)[name]
        assert mine is not base and mine.__wrapped__ is base.__wrapped__
    assert words(m) == as_words(assemble("add x0, x0, #1; add x0, x0, #2")) * 2
    Assembler().movz(x0, 1)
    MacroAssembler().movz(x0, 1)
    assert MacroAssembler.movz is not Assembler.movz
    assert "_hit_put" in MacroAssembler.movz.__code__.co_names
    assert "_hit_put" not in Assembler.movz.__code__.co_names


def test_memo_limit_starts_over() -> None:
    # MEMO_LIMIT + 10 distinct operand tuples of one method: the memo starts over once,
    # and every word, before and after, is the encoder's
    ops = [(i % 29, (i // 29) % 4096, i // 29 >= 4096) for i in range(memo.MEMO_LIMIT + 10)]
    a = Assembler()
    for rd, imm, high in ops:
        a.sub(X_BY_CODE[rd], x27, imm, lsl(12) if high else None)
    got = words(a)
    for i in (0, 5, memo.MEMO_LIMIT - 1, memo.MEMO_LIMIT, len(ops) - 1):
        rd, imm, high = ops[i]
        assert got[i] == dataproc.addsub_imm("sub", 1, 1, 0, rd, 27, imm, int(high)), i


def test_shared_operands_are_immutable() -> None:
    with pytest.raises(AttributeError):
        mem(x0, 8).offset = 16
    with pytest.raises(AttributeError):
        lsl(3).amount = 4
    assert mem(x0, 8) is mem(x0, 8) and pre(sp, -16) is pre(sp, -16)
    assert post(sp, 16) != pre(sp, 16) != mem(sp, 16)


def test_shared_operands_pickle_and_copy() -> None:
    for operand in (mem(x0, 8), post(sp, 16), mem(x1, w2, uxtw(3)), lsl(3), uxtw(), uxtw(2)):
        assert pickle.loads(pickle.dumps(operand)) == operand
        assert copy.deepcopy(operand) == operand


def test_unusual_operands_use_the_full_path() -> None:
    a = Assembler()
    a.csel(x0, x1, x2, EQ)
    with pytest.raises(OperandError):
        a.csel(x0, x1, x2, 0)  # type: ignore[arg-type]


@pytest.mark.parametrize("group", [g for g in groups() if g not in ("data", "labels")])
def test_every_vector_twice(group: str) -> None:
    """The second copy of each line comes from the memo (the text front-end calls the
    same methods with the same cached operands): both must be llvm-mc's bytes. The data
    and labels groups are whole programs, position-dependent by design."""
    bad = [asm for expected, asm in valid(group) if assemble(f"{asm}\n{asm}") != expected * 2]
    assert not bad, f"{len(bad)} vectors differ when repeated: {bad[:10]}"


class _Tweaked(Assembler):
    """Overrides a helper that the full path of cbz calls and its memo hits do not (a
    hit resolves a label of this assembler inline): table rows reach no other method."""

    def _emit_pcrel(self, word: int, target: Target, field: object, insn: str) -> None:
        self._put(0xD503201F)  # nop, whatever the operands


def _cbz_to_self(a: Assembler) -> None:
    here = a.label()
    a.bind(here)
    a.cbz(x13, here)


def test_memo_is_per_class() -> None:
    """An entry made for the base class never bypasses a subclass's override, and an
    entry made for the subclass is never replayed for the base class."""
    base, tweaked = Assembler(), _Tweaked()
    for a in (base, tweaked, tweaked, base):
        _cbz_to_self(a)
    assert words(base) == as_words(assemble("l: cbz x13, l")) * 2
    assert words(tweaked) == [0xD503201F] * 2
    # the other way round: the subclass calls first
    tweaked2, base2 = _Tweaked(), Assembler()
    for a in (tweaked2, tweaked2, base2):
        _cbz_to_self(a)
    assert words(tweaked2) == [0xD503201F] * 2
    assert words(base2) == as_words(assemble("l: cbz x13, l"))


def test_super_calls_remember_for_the_callers_class() -> None:
    """MacroAssembler calls Assembler's methods through super(): the entries it makes
    are its own (a MacroAssembler may emit pools between words)."""
    m, a = MacroAssembler(), Assembler()
    for _ in range(2):
        m.add(x0, x1, 7)
        a.add(x0, x1, 7)
    assert words(m) == words(a) == as_words(assemble("add x0, x1, #7")) * 2


def test_registration_enforces_the_rule() -> None:
    def star(self: Assembler, *regs: GPRegister) -> None: ...
    def kwonly(self: Assembler, rd: GPRegister, *, rn: GPRegister) -> None: ...
    def branchy(self: Assembler, rt: GPRegister, target: Target) -> None: ...
    def labelled(self: Assembler, target: Label) -> None: ...
    def wide(self: Assembler, a: int, b: int, c: int, d: int, e: int, f: int, g: int) -> None: ...
    def reserved(self: Assembler, _m_key: int) -> None: ...
    for bad, why in ((star, r"\*"), (kwonly, "keyword-only"), (branchy, "position_dependent"),
                     (labelled, "position_dependent"), (wide, "more than"),
                     (reserved, "reserved")):
        with pytest.raises(TypeError, match=why):
            memo.memoized(bad)
    # declared position-dependent: memoize_methods leaves it alone
    class Group(Assembler):
        @memo.position_dependent
        def jump_to(self, target: Target) -> None:
            self.b(target)
    memo.memoize_methods(Group)
    assert not hasattr(Group.jump_to, "__wrapped__")


def test_no_code_is_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wrappers are built without exec/compile (import speed; see memo.py)."""
    import builtins

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("exec/compile called")

    monkeypatch.setattr(builtins, "exec", refuse)
    monkeypatch.setattr(builtins, "compile", refuse)

    class Fresh(Assembler):
        def twice(self, rd: GPRegister, imm: int = 1) -> None:
            """Doc."""
            self.add(rd, rd, imm)

    memo.memoize_methods(Fresh)
    f = Fresh()
    f.twice(x0)
    f.twice(rd=x0, imm=1)
    f.twice(x0, 1)
    assert words(f) == as_words(assemble("add x0, x0, #1")) * 3
    assert list(inspect.signature(Fresh.twice).parameters) == ["self", "rd", "imm"]
    assert Fresh.twice.__doc__ == "Doc."


def test_wrappers_are_built_on_first_use() -> None:
    """memoize_methods checks the signature at once but builds the wrapper when the method
    is first looked up, in the namespace of the class it is looked up on."""
    class Lazy(Assembler):
        def bump(self, rd: GPRegister, imm: int = 1) -> None:
            """Doc."""
            self.add(rd, rd, imm)

    memo.memoize_methods(Lazy)
    assert isinstance(vars(Lazy)["bump"], memo.Memoized)
    assert list(inspect.signature(Lazy.bump).parameters) == ["self", "rd", "imm"]
    built = vars(Lazy)["bump"]
    assert not isinstance(built, memo.Memoized) and built.__wrapped__ is not None
    f = Lazy()
    f.bump(x0)
    f.bump(x0)
    assert words(f) == as_words(assemble("add x0, x0, #1")) * 2


def test_super_lookup_never_replaces_an_override() -> None:
    """A super() call reaches the base class's method with the subclass's instance: the
    wrapper made for it must not be installed over the subclass's own method."""
    class Base(Assembler):
        def bump(self, rd: GPRegister) -> None:
            self.add(rd, rd, 1)

    memo.memoize_methods(Base)

    class Over(Base):
        def bump(self, rd: GPRegister) -> None:
            super().bump(rd)
            self.nop()

    own = vars(Over)["bump"]
    o, b = Over(), Base()
    for _ in range(2):
        o.bump(x0)
        b.bump(x0)
    assert vars(Over)["bump"] is own
    add1 = as_words(assemble("add x0, x0, #1"))
    assert words(o) == (add1 + as_words(assemble("nop"))) * 2
    assert words(b) == add1 * 2


def test_exact_for_keeps_the_memo_per_class() -> None:
    """exact_for (the MacroAssembler's exact instructions) makes a wrapper for one class;
    another class calling it still gets its own entries."""
    fast = memo.exact_for(Assembler.cbz, MacroAssembler)
    inner = getattr(Assembler.cbz, "__wrapped__")  # noqa: B009
    assert fast is not Assembler.cbz and getattr(fast, "__wrapped__") is inner  # noqa: B009
    m, t = MacroAssembler(), _Tweaked()
    at_m, at_t = m.here(), t.here()
    for _ in range(2):
        fast(m, x13, at_m)
        fast(t, x13, at_t)
    assert words(m) == as_words(assemble("l: cbz x13, l; cbz x13, l"))
    assert words(t) == [0xD503201F] * 2
