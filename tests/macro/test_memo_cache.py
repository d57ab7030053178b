"""a64jit.MemoCache: an assembler class's memo words kept between processes. Words
handed to a class's misses give the same bytes as the full path; a stale, torn, edited
or wrong file is never used; only the attached class is served; an unwritable place
only means no file; operands the cache cannot name, and a failing source, leave the
encoder's own errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from a64jit import (
    EQ,
    NE,
    Assembler,
    MacroAssembler,
    MemoCache,
    lsl,
    mem,
    post,
    pre,
    uxtw,
    x0,
    x1,
    x2,
    x3,
    x19,
    x21,
    x23,
)
from a64jit.assembler import memo_cache
from a64jit.errors import EncodingError

ROOT = Path(__file__).resolve().parents[2]


def _fresh_class(base: type = MacroAssembler) -> Any:
    """An assembler class of the test's own: memo tables of its own (they are per
    class), so that dumping and loading here leaves other tables alone."""
    return type("Fresh", (base,), {})


def _emit_some(cls: Any) -> bytes:
    m = cls()
    m.ldr(x0, mem(x19, 8))
    m.str(x1, mem(x19, 16))
    m.add(x3, x23, 144)
    m.add(x2, x21, x2.w, uxtw())
    m.cmp(x2, 4)
    m.movz(x0, 0x1234)
    m.ret()
    return bytes(m.finalize())


def _served(words: dict[str, dict[str, int]], cls: Any, path: Path) -> MemoCache:
    """A cache holding ``words``, attached to ``cls`` (no file at ``path``)."""
    c = MemoCache(path, fingerprint="fp")
    c.attach(cls)
    c.words = {m: dict(ws) for m, ws in words.items()}
    return c


@pytest.fixture
def detach() -> Any:
    made: list[MemoCache] = []
    yield made.append
    for c in made:
        c.detach()


def test_round_trip_same_words(tmp_path: Path, detach: Any) -> None:
    """Words of one class's tables handed to another class's misses: the same bytes,
    each miss served (one full path: the first word checked); with verify_all every
    word checked, still the same."""
    src = _fresh_class()
    ref = _emit_some(src)
    words = memo_cache.snapshot(src)
    assert sum(len(w) for w in words.values()) >= 6
    dst = _fresh_class()
    c = _served(words, dst, tmp_path / "m.bin")
    detach(c)
    assert _emit_some(dst) == ref
    assert c.hits >= 6 and not c.disabled
    got = {(n, p, e) for n, p, e in memo_cache.entries(dst)}
    assert got <= {(n, p, e) for n, p, e in memo_cache.entries(src)}
    dst2 = _fresh_class()
    c2 = _served(words, dst2, tmp_path / "m2.bin")
    detach(c2)
    c2.verify_all = True
    assert _emit_some(dst2) == ref and c2.hits >= 6 and not c2.disabled


def test_plain_assembler_subclass(tmp_path: Path, detach: Any) -> None:
    src = _fresh_class(Assembler)
    ref = _emit_some(src)
    dst = _fresh_class(Assembler)
    c = _served(memo_cache.snapshot(src), dst, tmp_path / "m.bin")
    detach(c)
    assert _emit_some(dst) == ref and c.hits >= 6


def test_other_class_not_served(tmp_path: Path, detach: Any) -> None:
    """Neither another class nor a subclass of the attached one is served."""
    src = _fresh_class()
    _emit_some(src)
    c = _served(memo_cache.snapshot(src), src, tmp_path / "m.bin")
    detach(c)
    _emit_some(_fresh_class())
    _emit_some(_fresh_class(src))
    _emit_some(MacroAssembler)
    assert c.hits == 0


def test_wrong_word_never_used(tmp_path: Path, detach: Any) -> None:
    """A first word that its full path does not give: not used, and nothing more is
    handed out nor written."""
    src = _fresh_class()
    ref = _emit_some(src)
    words = memo_cache.snapshot(src)
    for ws in words.values():
        for k in ws:
            ws[k] ^= 1 << 5
    dst = _fresh_class()
    c = _served(words, dst, tmp_path / "m.bin")
    detach(c)
    assert _emit_some(dst) == ref
    assert c.disabled and c.hits == 0
    assert not c.flush(0) and not (tmp_path / "m.bin").exists()


def test_operand_texts_exact() -> None:
    """Operands that differ in anything an encoder sees have different texts; those
    the cache cannot name have none."""
    ops = [x0, x0.w, x19, mem(x19, 8), mem(x19, 16), pre(x19, 8),
           post(x19, 8), mem(x19, x2), mem(x19, x2, lsl(3)), uxtw(), uxtw(0),
           lsl(3), lsl(4), 1, "1", None, int, EQ, NE, x2.w]
    texts = [memo_cache.operand_text(o) for o in ops]
    assert None not in texts
    assert len(set(texts)) == len({id(o) for o in ops})
    assert memo_cache.operand_text(1.0) is None
    assert memo_cache.operand_text(object()) is None
    assert memo_cache.operand_text(True) is None
    assert memo_cache._pathstr((x0, object())) is None


def test_file_checks(tmp_path: Path, detach: Any) -> None:
    """The file is used only whole, of this fingerprint and format; a torn or edited
    one reads as empty; an unwritable place writes nothing and raises nothing."""
    src = _fresh_class()
    _emit_some(src)
    path = tmp_path / "memo.bin"
    w = MemoCache(path, fingerprint="fp1")
    detach(w)
    w.attach(src)
    assert w.flush()
    assert not w.flush()  # nothing new

    def loaded(fp: str) -> int:
        c = MemoCache(path, fingerprint=fp)
        c.attach(_fresh_class())
        c.detach()
        return c.loaded

    assert loaded("fp1") == w.loaded > 0
    assert loaded("fp2") == 0
    data = path.read_bytes()
    for bad in (data[:-7], data[:-1] + bytes([data[-1] ^ 1]), b"", b"a64jit-memo 2\n",
                data.replace(b"a64jit-memo", b"a64jit-memx", 1)):
        path.write_bytes(bad)
        assert loaded("fp1") == 0
    w.detach()
    blocker = tmp_path / "file"
    blocker.write_text("")
    u = MemoCache(blocker / "memo.bin", fingerprint="fp1")
    detach(u)
    u.attach(src)
    assert not u.flush(0)


def test_tables_unpacked_per_method_met(tmp_path: Path, detach: Any) -> None:
    """Reading the file unpacks no method's table: the first miss of a method unpacks
    its own (a process pays for the methods it meets); what a later write keeps is
    every word, unpacked or not, and they still serve the same bytes."""
    src = _fresh_class()
    ref = _emit_some(src)
    path = tmp_path / "memo.bin"
    w = MemoCache(path, fingerprint="fp")
    detach(w)
    w.attach(src)
    assert w.flush()
    total = w.loaded
    dst = _fresh_class()
    c = MemoCache(path, fingerprint="fp")
    detach(c)
    c.attach(dst)
    assert c.loaded == total > 6 and c.words == {}
    dst().ldr(x0, mem(x19, 8))
    met = set(c.words)
    assert met and all(name.endswith(".ldr") for name in met)
    assert c.loaded == total and c.hits >= 1
    dst().str(x1, mem(x19, 16))  # one more method met: one more table
    assert set(c.words) - met and all(n.endswith((".ldr", ".str")) for n in c.words)
    assert c.flush(0)  # a write of all words, the unmet methods' too
    again = MemoCache(path, fingerprint="fp")
    detach(again)
    fresh = _fresh_class()
    again.attach(fresh)
    assert again.loaded == total
    assert _emit_some(fresh) == ref and again.hits >= 6 and not again.disabled


def test_operands_without_text_still_raise_the_encoders_error(
        tmp_path: Path, detach: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An operand the cache cannot write as text (an int past str()'s digit limit) and
    a source that fails are misses: the caller gets the encoder's own error, as without
    the cache (a64js's tests/macro/test_errors.py failed once a cache served every
    MacroAssembler: ValueError from int.__str__ in the lookup)."""
    huge = 1 << 20000
    cls = _fresh_class()
    with pytest.raises(EncodingError) as plain:
        cls().add(x0, x1, huge)
    name = memo_cache.method_name(MacroAssembler.add)
    c = _served({name: {"x": 1}}, cls, tmp_path / "m.bin")
    detach(c)
    with pytest.raises(EncodingError) as served:
        cls().add(x0, x1, huge)
    assert str(served.value) == str(plain.value)
    assert c.hits == 0

    def failing(*args: object) -> int | None:
        raise RuntimeError("a broken source")

    monkeypatch.setattr(cls, "miss_source", failing)
    m = cls()
    m.add(x0, x1, 12345)
    ref = MacroAssembler()
    ref.add(x0, x1, 12345)
    assert bytes(m.finalize()) == bytes(ref.finalize())
    with pytest.raises(EncodingError):
        cls().add(x0, x1, huge)


def test_attach_errors(tmp_path: Path, detach: Any) -> None:
    """attach names what is wrong: not an assembler class, a64jit's own class, a second
    class, a class with a source already; bad arguments too."""
    c = MemoCache(tmp_path / "m.bin", fingerprint="fp")
    detach(c)
    with pytest.raises(TypeError, match=r"<class .int.> is not an assembler class"):
        c.attach(int)
    with pytest.raises(ValueError, match="MacroAssembler is a64jit's own class"):
        c.attach(MacroAssembler)
    mine = c.attach(_fresh_class())
    assert mine.miss_source == c.lookup
    with pytest.raises(ValueError, match="one class per cache"):
        c.attach(_fresh_class())
    other = MemoCache(tmp_path / "o.bin", fingerprint="fp")
    with pytest.raises(ValueError, match="one cache per class"):
        other.attach(mine)
    c.detach()
    assert mine.miss_source is None and c.cls is None
    with pytest.raises(TypeError, match="fingerprint 3 is a int"):
        MemoCache("x", fingerprint=3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="keep=0"):
        MemoCache("x", keep=0)
    with pytest.raises(ValueError, match="at_exit=-1"):
        MemoCache("x", at_exit=-1)


def test_detach_after_lookup_patched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     detach: Any) -> None:
    """detach frees the class even when MemoCache.lookup was patched after attach (a spy
    in a test): the class's source is found by its owner, not by equality with a new
    bound method; another cache may then attach it."""
    c = MemoCache(tmp_path / "m.bin", fingerprint="fp")
    detach(c)
    mine = c.attach(_fresh_class())
    monkeypatch.setattr(MemoCache, "lookup", lambda self, *args: None)
    c.detach()
    assert mine.miss_source is None
    other = MemoCache(tmp_path / "o.bin", fingerprint="fp")
    detach(other)
    assert other.attach(mine) is mine


def test_keep_prunes_same_name(tmp_path: Path, detach: Any) -> None:
    """With ``keep``, a write removes the oldest files of the same name and suffix beyond
    it (the written one stays); other files stay."""
    for i, name in enumerate(("memo.a.bin", "memo.b.bin", "memo.c.bin", "other.bin")):
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, ns=(i * 10**9, i * 10**9))
    src = _fresh_class()
    _emit_some(src)
    c = MemoCache(tmp_path / MemoCache.file_name(), fingerprint="fp", keep=2)
    detach(c)
    c.attach(src)
    assert c.flush()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["memo.c.bin", "other.bin", MemoCache.file_name()])


# Two processes of a user's JIT module: the first encodes and writes at exit, the second
# is served from the file with every word checked; an edit of the module's source makes
# the file stale (the default fingerprint covers the class's own source file).
_USER = textwrap.dedent("""
    import sys
    from a64jit import MacroAssembler, MemoCache, mem, x0, x1, x19

    cache = MemoCache(sys.argv[1])

    @cache.attach
    class MyAssembler(MacroAssembler):
        pass

    cache.verify_all = True
    a = MyAssembler()
    for i in range(40):
        a.ldr(x0, mem(x19, 8 * i))
        a.add(x1, x0, i)
    a.ret()
    print(cache.loaded, cache.hits, a.finalize().hex())
    """)


def _python() -> list[str]:
    """This interpreter as a command: the arm64 CPython of scripts/native-python on
    another host runs under qemu-aarch64 with its sysroot (it cannot be executed
    directly)."""
    sysroot = ROOT / ".native" / "sysroot"
    if Path(sys.prefix).resolve().is_relative_to(sysroot.resolve()) \
            and shutil.which("qemu-aarch64") is not None:
        return ["qemu-aarch64", "-L", str(sysroot), sys.executable]
    return [sys.executable]


def test_processes_default_fingerprint(tmp_path: Path) -> None:
    user = tmp_path / "userjit.py"
    user.write_text(_USER)
    path = tmp_path / "cache" / "memo.bin"
    rest = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), *rest]))

    def run() -> list[str]:
        p = subprocess.run([*_python(), str(user), str(path)], capture_output=True,
                           text=True, env=env, check=False, timeout=300)
        assert p.returncode == 0 and not p.stderr, p.stderr[-3000:]
        return p.stdout.split()

    first = run()
    assert first[:2] == ["0", "0"] and path.exists()
    second = run()
    assert int(second[0]) >= 81 and int(second[1]) >= 81 and second[2] == first[2]
    user.write_text(_USER + "\n# edited\n")  # (size changes: another fingerprint)
    third = run()
    assert third[:2] == ["0", "0"] and third[2] == first[2]


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def test_calls_of_several_words_neither_miss_nor_write(tmp_path: Path, detach: Any) -> None:
    """A call whose operands expand to more than one word (``cmp`` with an immediate
    that needs a scratch) is never memoised, so it reaches the file on every call: it
    is counted apart (``unkept``), not as a miss, and a process whose only other
    novelty is one word does not rewrite the file at exit."""
    path = tmp_path / "memo.bin"
    src = _fresh_class()
    a = src()
    _emit_some(src)
    a.cmp(x2, 0xFFF9)  # (the scratch's mov and the cmp of registers: in the file)
    w = MemoCache(path, fingerprint="fp")
    detach(w)
    w.attach(src)
    assert w.flush()
    before = _stamp(path)
    dst = _fresh_class()
    c = MemoCache(path, fingerprint="fp", at_exit=32)
    detach(c)
    c.attach(dst)
    assert _emit_some(dst) == _emit_some(src)
    m = dst()
    for _ in range(50):
        m.cmp(x2, 0xFFF9)
    m.movz(x0, 0x4321)  # one word the file lacks (as a process's own address)
    assert len(m._code) == 101
    assert not c.worth_writing(c.at_exit)
    # (the first call also tries the Assembler's cmp of the immediate: one more)
    assert c.misses == 1 and c.unkept >= 50, (c.misses, c.unkept)
    c._at_exit()
    assert _stamp(path) == before
    c.flush()  # (a write asked for: the new word kept)
    again = MemoCache(path, fingerprint="fp")
    detach(again)
    again.attach(_fresh_class())
    assert again.loaded == w.loaded + 1


def _ldr_table(path: Path) -> dict[str, int]:
    c = MemoCache(path, fingerprint="fp")
    c.attach(_fresh_class())
    c.detach()
    c._unpack_all()
    (table,) = [ws for name, ws in c.words.items() if name.endswith("MacroAssembler.ldr")]
    return table


def test_method_limit_keeps_the_words_met_last(tmp_path: Path, detach: Any) -> None:
    """The file keeps at most ``method_limit`` words per method: the writing process's
    first (a word it was served moves up), then the file's in order; the others are
    dropped. What is kept still gives the full path's bytes."""
    path = tmp_path / "memo.bin"
    src = _fresh_class()
    a = src()
    for i in range(40):
        a.ldr(x0, mem(x19, 8 * i))
    w = MemoCache(path, fingerprint="fp", method_limit=16)
    detach(w)
    w.attach(src)
    assert w.flush()
    first = list(_ldr_table(path))
    assert len(first) == 16
    assert all(len(ws) <= 16 for ws in w.words.values())
    dst = _fresh_class()
    c = MemoCache(path, fingerprint="fp", method_limit=16)
    detach(c)
    c.attach(dst)
    b = dst()
    for i in range(100, 110):
        b.ldr(x1, mem(x19, 8 * i))
    assert first == [f"Rx0|OMem(Rx19,i{8 * i},N,s'offset')" for i in range(16)]
    b.ldr(x0, mem(x19, 8 * 15))  # (served: the file's last)
    assert c.hits >= 1
    assert c.flush()
    second = list(_ldr_table(path))
    assert len(second) == 16
    assert set(second[:11]) == {first[-1], *(f"Rx1|OMem(Rx19,i{8 * i},N,s'offset')"
                                             for i in range(100, 110))}
    assert second[11:] == first[:5]
    check = _fresh_class()
    v = MemoCache(path, fingerprint="fp")
    detach(v)
    v.attach(check)
    v.verify_all = True
    ref = _fresh_class()()
    got = check()
    for i in (*range(40), *range(100, 110)):
        ref.ldr(x1, mem(x19, 8 * i))
        got.ldr(x1, mem(x19, 8 * i))
    assert bytes(got.finalize()) == bytes(ref.finalize()) and v.hits > 0
    assert not v.disabled
    with pytest.raises(ValueError, match="method_limit=0"):
        MemoCache(path, method_limit=0)


def test_older_format_ignored_and_replaced(tmp_path: Path, detach: Any) -> None:
    """A file of format 2 (no bound) or 3 (a dict per method) is never read, though its
    key is this fingerprint's; the next write replaces it."""
    import marshal

    from a64jit import cachefile
    assert memo_cache.FORMAT == 4
    for version in (2, 3):
        path = tmp_path / f"memo{version}.bin"
        old = b"a64jit-memo\x00" + bytes([version]) + b"\n"
        assert old != memo_cache._MAGIC
        table = marshal.dumps({"Ri0": 0}, 4)
        assert cachefile.write(path, old, cachefile.digest(old, "fp"),
                               marshal.dumps({"x.ldr": (1, table)}, 4))
        src = _fresh_class()
        c = MemoCache(path, fingerprint="fp")
        detach(c)
        c.attach(src)
        assert c.loaded == 0
        _emit_some(src)
        assert c.flush()
        assert path.read_bytes().startswith(memo_cache._MAGIC)
