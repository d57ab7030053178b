"""FragmentCache (assembler/fragment_cache.py): a fragment loaded from its file is the
fragment a build gives, bit for bit, for every hole kind; stale, corrupt, foreign and
unwritable caches fall back to building, never to wrong bytes."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from a64jit import (
    Assembler,
    Fragment,
    FragmentCache,
    Stamper,
    cachefile,
    hole,
    lsl,
    mem,
    x0,
    x1,
    x19,
)
from a64jit.assembler import fragment_cache
from a64jit.operands import FP_BY_PREFIX, W_BY_CODE, X_BY_CODE

RNG = random.Random(912)
D, S = FP_BY_PREFIX["d"], FP_BY_PREFIX["s"]
XS, WS = X_BY_CODE[:31], W_BY_CODE[:31]
K = 40  # read by _reads_global: a global value in the key


def _regs(a: Any, d: Any, n: Any, w: Any, dd: Any, ss: Any) -> None:
    a.add(d, n, 1)
    a.orr(w, w, w)
    a.fadd(dd, dd, dd)
    a.fmov(ss, 1.0)


def _imms(a: Any, k12: int, k16: int, off: int, sh: int, top: int) -> None:
    a.add(x0, x1, k12)
    a.movk(x0, k16, lsl(16))
    a.ldr(x1, mem(x19, off))
    a.add(x0, x0, x1, lsl(sh))
    a.ubfx(x1, x0, 3, 7)
    a.ldrh(x0.w, mem(x19, top))


def _labels(a: Any, at: Any, r: Any, t: Any, u: Any) -> None:
    a.bind(at)
    a.cbz(r, t)
    a.tbnz(r, 5, u)
    a.b_ne(t)
    a.adr(x0, u)
    a.b(at)


def _cold(a: Any, at: Any, slot: int, cold: Any, back: Any) -> None:
    slow, resume = a.label(), a.label()
    a.bind(at)
    a.ldr(x0, mem(x19, slot))
    a.tbnz(x0, 0, slow)
    a.bind(resume)
    a.str(x0, mem(x19, slot))
    a.bind(cold)
    a.bind(slow)
    a.mov(x0, 0)
    a.cbnz(x1, back)
    a.b(resume)


def _reads_global(a: Any, r: Any) -> None:
    a.add(r, r, K)


SPECS: list[tuple[Callable[..., None], dict[str, Any]]] = [
    (_regs, {"d": hole.x, "n": hole.x, "w": hole.w, "dd": hole.d, "ss": hole.s}),
    (_imms, {"k12": hole.imm12, "k16": hole.imm16, "off": hole.offset(8),
             "sh": hole.shift(63), "top": hole.imm(4095, 2)}),
    (_labels, {"at": hole.label, "r": hole.x, "t": hole.label, "u": hole.label}),
    (_cold, {"at": hole.label, "slot": hole.offset(8), "cold": hole.cold,
             "back": hole.label}),
]


def _record(frag: Fragment) -> tuple[Any, ...]:
    """What a fragment's build derived (tables, words, labels, moves)."""
    return (frag._base, frag.size, frag._masks, frag._split, frag._cross, frag._cross_limit,
            frag._binds, frag._labels, frag._distinct, frag._types, frag._rejected,
            [(kind, data if kind != 0 else sorted((r.name, b) for r, b in data.items()))
             for kind, data, _ in frag._plans], frag._runs)


def _values(body: Callable[..., None]) -> list[Any]:
    if body is _regs:
        return [RNG.choice(XS), RNG.choice(XS), RNG.choice(WS), RNG.choice(D), RNG.choice(S)]
    if body is _imms:
        return [RNG.randrange(4096), RNG.randrange(65536), 8 * RNG.randrange(4096),
                RNG.randrange(64), 2 * RNG.randrange(4096)]
    return [RNG.choice(XS)]


def _emit_both(body: Callable[..., None], frag: Fragment) -> tuple[bytes, bytes]:
    """Fifty instances through the fragment and through the body (labels: bound backward
    and forward), and the two codes."""
    a, b = Assembler(), Assembler()
    for _ in range(50):
        vals = _values(body)
        if body is _labels:
            la = [a.label() for _ in range(3)]
            lb = [b.label() for _ in range(3)]
            a.bind(la[2])
            b.bind(lb[2])
            frag.emit(a, la[0], vals[0], la[2], la[1])
            body(b, lb[0], vals[0], lb[2], lb[1])
            a.bind(la[1])
            b.bind(lb[1])
        else:
            frag.emit(a, *vals)
            body(b, *vals)
    return a.finalize(), b.finalize()


@pytest.mark.parametrize("index", range(3))
def test_round_trip_bit_exact_every_hole_kind(tmp_path: Path, index: int) -> None:
    body, holes = SPECS[index]
    first = FragmentCache(tmp_path)
    built = first.fragment(body, **holes)
    assert (first.built, first.loaded, first.rejected) == (1, 0, 0)
    second = FragmentCache(tmp_path)
    loaded = second.fragment(body, **holes)
    assert (second.built, second.loaded, second.rejected) == (0, 1, 0)
    assert _record(loaded) == _record(built) == _record(Fragment(body, **holes))
    got, want = _emit_both(body, loaded)
    assert got == want


def test_round_trip_out_of_line_part_through_a_stamper(tmp_path: Path) -> None:
    body, holes = SPECS[3]
    FragmentCache(tmp_path).fragment(body, **holes)
    cache = FragmentCache(tmp_path)
    frag = cache.fragment(body, **holes)
    assert cache.loaded == 1
    assert _record(frag) == _record(Fragment(body, **holes))
    a = Assembler()
    st = Stamper(a, labels=9)
    stamp = st.emitter(frag)
    for k in range(4):
        stamp(k, 8 * (k + 1), 8 if k == 3 else k + 5)
    st.bind(8)  # (4 .. 7: the instances' backs)
    for k in range(4, 8):
        st.bind(k)
        a.nop()
    st.out_of_line()
    ref = Assembler()
    labels = [ref.label() for _ in range(9)]
    slow = [ref.label() for _ in range(4)]
    resume = [ref.label() for _ in range(4)]
    for k in range(4):
        ref.bind(labels[k])
        ref.ldr(x0, mem(x19, 8 * (k + 1)))
        ref.tbnz(x0, 0, slow[k])
        ref.bind(resume[k])
        ref.str(x0, mem(x19, 8 * (k + 1)))
    ref.bind(labels[8])
    for k in range(4, 8):
        ref.bind(labels[k])
        ref.nop()
    for k in range(4):
        ref.bind(slow[k])
        ref.mov(x0, 0)
        ref.cbnz(x1, labels[8 if k == 3 else k + 5])
        ref.b(resume[k])
    assert a.finalize() == ref.finalize()


def test_loaded_in_another_process(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from test_fragment_cache import SPECS, _emit_both\n"
        "from a64jit import FragmentCache\n"
        "c = FragmentCache(sys.argv[1])\n"
        "body, holes = SPECS[2]\n"
        "got, want = _emit_both(body, c.fragment(body, **holes))\n"
        "print(c.loaded, c.built, got == want)\n")
    FragmentCache(tmp_path).fragment(SPECS[2][0], **SPECS[2][1])
    here = str(Path(__file__).parent)
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path), here],
                         capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1", "0", "True"]


def _one_file(path: Path) -> Path:
    files = [f for f in path.iterdir() if f.suffix == ".frag"]
    assert len(files) == 1, files
    return files[0]


def test_corrupt_and_truncated_files_are_rebuilt(tmp_path: Path) -> None:
    body, holes = SPECS[2]
    FragmentCache(tmp_path).fragment(body, **holes)
    file = _one_file(tmp_path)
    good = file.read_bytes()
    for bad in (good[:len(good) // 2], good[:10], b"", bytes(len(good)),
                good[:-1] + bytes([good[-1] ^ 1]), b"garbage" + good[7:]):
        file.write_bytes(bad)
        cache = FragmentCache(tmp_path)
        frag = cache.fragment(body, **holes)
        assert (cache.loaded, cache.rejected, cache.built) == (0, 1, 1)
        got, want = _emit_both(body, frag)
        assert got == want
        assert file.read_bytes() != bad  # rewritten whole (loaded next: below)
        again = FragmentCache(tmp_path)
        again.fragment(body, **holes)
        assert again.loaded == 1
    assert not [f for f in tmp_path.iterdir() if f.suffix != ".frag"]  # no temporary left


def test_a_whole_file_that_lies_is_not_trusted(tmp_path: Path) -> None:
    """A file whose checksum and key are right but whose record is not what the body
    builds (written by a broken build, or edited with its checksum redone) is not
    trusted: the record's form (each register table one field) and one run of the body
    tell."""
    for body, holes in SPECS[:3]:
        cache = FragmentCache(tmp_path)
        frag = cache.fragment(body, **holes)
        record = frag._probe()
        key = fragment_cache.fragment_key(body, holes)
        path = cache._file(key)
        free = next(1 << b for b in range(32) if not record[7] >> b & 1)  # in no field
        lies: list[list[Any]] = [
            [(record[0][0] ^ free, *record[0][1:]), *record[1:]],  # a word
            [*record[:7], record[7] | 1 << (32 * len(record[0]) - 1), *record[8:]]]  # fields
        if body is _regs:
            plans = list(record[8])
            plans[1] = tuple((cand, bits ^ 1 << 17 if cand == 3 else bits)
                             for cand, bits in plans[1])  # one register's bits
            lies.append([*record[:8], tuple(plans), record[9]])
        if body is _labels:
            labels = tuple((i + 1 if i == 1 else i, *rest) for i, *rest in record[4])
            lies.append([*record[:4], labels, *record[5:]])  # a reference's word
            lies.append([*record[:5], ((1, 0),), *record[6:]])  # a bind's word
        for lie in lies:
            cache._keys[id(frag)] = (key, path)
            cache._store(frag, tuple(lie))
            again = FragmentCache(tmp_path)
            loaded = again.fragment(body, **holes)
            assert (again.loaded, again.rejected, again.built) == (0, 1, 1), lie
            assert _record(loaded) == _record(frag)
            got, want = _emit_both(body, loaded)
            assert got == want
        for f in tmp_path.iterdir():
            f.unlink()


def test_stale_key_body_change_and_global_change(tmp_path: Path) -> None:
    global K
    cache = FragmentCache(tmp_path)
    f1 = cache.fragment(_reads_global, r=hole.x)
    K = 41
    try:
        f2 = cache.fragment(_reads_global, r=hole.x)  # another key: built
        assert (cache.built, cache.loaded) == (2, 0)
        a, b = Assembler(), Assembler()
        f2.emit(a, x1)
        _reads_global(b, x1)
        assert a.finalize() == b.finalize()
        assert f1.words(x1) != f2.words(x1)
    finally:
        K = 40
    f3 = cache.fragment(_reads_global, r=hole.x)
    assert cache.loaded == 1 and f3.words(x1) == f1.words(x1)

    def other(a: Any, r: Any) -> None:
        a.sub(r, r, K)

    assert cache.file_of(other, r=hole.x) != cache.file_of(_reads_global, r=hole.x)
    assert cache.file_of(_reads_global, r=hole.x) != cache.file_of(_reads_global, r=hole.w)
    assert cache.file_of(_reads_global, r=hole.x) != cache.file_of(_reads_global, q=hole.x)


def test_version_or_sources_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body, holes = SPECS[1]
    FragmentCache(tmp_path).fragment(body, **holes)
    before = fragment_cache.fingerprint()
    monkeypatch.setattr(fragment_cache, "fingerprint", lambda: before[::-1])
    cache = FragmentCache(tmp_path)
    frag = cache.fragment(body, **holes)
    assert (cache.loaded, cache.built) == (0, 1)
    got, want = _emit_both(body, frag)
    assert got == want
    monkeypatch.undo()
    monkeypatch.setattr(cachefile, "_FINGERPRINTS", {})  # (as a new process)
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert fragment_cache.fingerprint() != before


def test_unwritable_directory_builds(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    body, holes = SPECS[0]
    cache = FragmentCache(blocker / "cache")
    frag = cache.fragment(body, **holes)
    assert (cache.unwritable, cache.built, cache.loaded) == (1, 1, 0)
    got, want = _emit_both(body, frag)
    assert got == want
    if hasattr(os, "geteuid") and os.geteuid() != 0:  # (root writes anyway)
        ro = tmp_path / "ro"
        ro.mkdir(mode=0o500)
        cache = FragmentCache(ro)
        cache.fragment(body, **holes)
        assert cache.unwritable == 1


def test_unkeyable_closure_builds_as_without_a_cache(tmp_path: Path) -> None:
    class Box:
        reg = x1

    box = Box()

    def body(a: Any, r: Any) -> None:
        a.add(r, box.reg, 1)

    cache = FragmentCache(tmp_path)
    frag = cache.fragment(body, r=hole.x)
    assert (cache.unkeyable, cache.built, cache.loaded) == (1, 0, 0)
    assert not list(tmp_path.iterdir())
    a, b = Assembler(), Assembler()
    frag.emit(a, x0)
    body(b, x0)
    assert a.finalize() == b.finalize()
    assert cache.file_of(body, r=hole.x) is None
    assert cache.file_of(lambda a, r: a.add(r, r, 1), r=hole.x) is not None


def test_label_emit_is_generated_at_first_use() -> None:
    """A fragment with label holes compiles its fast emit at its first emit (a Stamper's
    user never pays it); where none applies (a hole name with a leading underscore) the
    checked method takes over; both give the Assembler's bytes."""
    def plain(a: Any, r: Any, t: Any) -> None:
        a.cbz(r, t)
        a.add(r, r, 1)

    def underscored(a: Any, r: Any, _t: Any) -> None:
        plain(a, r, _t)

    for body, name in ((plain, "t"), (underscored, "_t")):
        frag = Fragment(body, **{"r": hole.x, name: hole.label})
        lazy = frag.emit
        a, b = Assembler(), Assembler()
        la, lb = a.label(), b.label()
        for reg in (x0, x1, x19):
            frag.emit(a, reg, la)
            body(b, reg, lb)
        assert frag.emit is not lazy
        a.bind(la)
        b.bind(lb)
        assert a.finalize() == b.finalize()


def test_loaded_fragments_compile_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    """The functions generated for a fragment (its stamp, its placer, its emit with label
    holes) are compiled when it is stored and loaded with it: a loaded fragment's
    stamper and emit compile nothing. Code is used only for the exact source it was
    compiled from."""
    from a64jit.assembler import fragment as fragment_module

    for body, holes in (SPECS[2], SPECS[3]):
        FragmentCache(tmp_path).fragment(body, **holes)
        frag = FragmentCache(tmp_path).fragment(body, **holes)

        def boom(*args: Any) -> None:
            raise AssertionError("compiled again")

        monkeypatch.setattr(fragment_module, "compile", boom, raising=False)
        a = Assembler()
        st = Stamper(a, labels=4)
        if body is _labels:
            st.emitter(frag)(0, x1, 1, 2)
            st.bind(1)
            st.bind(2)
            la = a.label()
            frag.emit(a, la, x0, la, la)
        else:
            st.emitter(frag)(0, 8, 0)
            st.out_of_line()
        a.finalize()
        monkeypatch.undo()
    source = next(iter(frag._codes))
    assert fragment_module._compile(frag, source + "\n", "stamp") is not frag._codes[source]


def test_a_body_failing_the_check_values_is_rebuilt(tmp_path: Path) -> None:
    """A body that raises (any exception) with the check run's values makes the file
    unused: the fragment is built, as without a cache, never taken on trust."""
    def body(a: Any, r: Any) -> None:
        if getattr(body, "fail", False) and r.code > 20:  # (no part of the key)
            raise RuntimeError("no high registers today")
        a.add(r, r, 1)

    FragmentCache(tmp_path).fragment(body, r=hole.x)
    body.fail = True  # type: ignore[attr-defined]
    cache = FragmentCache(tmp_path)
    with pytest.raises(RuntimeError, match="no high registers today"):
        cache.fragment(body, r=hole.x)  # as Fragment(body, r=hole.x) does now
    assert (cache.loaded, cache.rejected) == (0, 1)
    with pytest.raises(RuntimeError, match="no high registers today"):
        Fragment(body, r=hole.x)
