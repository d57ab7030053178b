"""The Assembler's memo kept between processes (jit/memocache.py): entries put back in
a later process give the same code as a process that encodes every instruction itself
(every function of every test program); a stale, torn, edited or wrong file is never
used; loading never replaces an entry; an unwritable directory only means no file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from a64jit import EQ, NE, MacroAssembler, lsl, mem, post, pre, uxtw, x0, x1, x2, x3, x19, x21, x23
from a64jit.assembler import core as _core
from a64jit.assembler import memo as _memo
from a64jit.errors import EncodingError
from a64js.jit import memocache, subcache

PROGRAMS = Path(__file__).parent / "programs"
ROOT = Path(__file__).resolve().parents[2]

# One process: compile every function of every test program at threshold 0 (the
# memo file given, or none), print a digest of each function's code, the entries put
# back and the memo's first sights while compiling.
_CHILD = r"""
import hashlib, io, json, sys
from pathlib import Path
from a64jit.assembler import memo
from a64js.bytecode import Code
from a64js.compiler import compile_module, read_source
from a64js.hvm import vm
from a64js.jit import Jit, memocache, subcache

path, fp, programs = sys.argv[1], sys.argv[2], sys.argv[3:]
subcache.fingerprint = lambda roots=None, _real=subcache.fingerprint: fp
subcache.reset(path + ".sub")
cache = memocache.reset(path)
cache.verify_all = True
loaded = cache.loaded
misses = [0]
slow = memo._slow
def counting(asm, *args):
    if asm is not cache._scratch:  # (not the check of a served word: verify_all)
        misses[0] += 1
    return slow(asm, *args)
memo._slow = counting

def codes(code):
    out = [code]
    for c in code.consts:
        if isinstance(c, Code):
            out.extend(codes(c))
    return out

from a64js.jit import compiler
captured = []
plain = compiler.FunctionCompiler.compile
def capture(self):
    out = plain(self)
    fin = out.masm.finalize
    def finalize(*args):
        data = fin(*args)
        captured.append(bytes(data))
        return data
    out.masm.finalize = finalize
    return out
compiler.FunctionCompiler.compile = capture

digests = {}
for name in programs:
    src = str(Path(name))
    vm.HeapVM(["node", src], io.StringIO())
    jit = Jit(0)
    try:
        for i, c in enumerate(codes(compile_module(read_source(src), src))):
            del captured[:]
            jit.compile(c)
            digests[f"{Path(name).stem}/{i}"] = hashlib.sha256(b"".join(captured)).hexdigest()
    finally:
        jit.close()
hits = cache.hits
cache.flush()
print(json.dumps({"loaded": loaded, "misses": misses[0], "hits": hits,
                  "disabled": cache.disabled, "digests": digests}))
"""


def _child(path: Path, fp: str, programs: list[str]) -> dict[str, object]:
    env = dict(os.environ, A64JS_JIT_CACHE="1", PYTHONPATH=str(ROOT / "src"))
    p = subprocess.run([sys.executable, "-c", _CHILD, str(path), fp, *programs],
                       capture_output=True, text=True, env=env, check=False, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    got: dict[str, object] = json.loads(p.stdout.strip().splitlines()[-1])
    return got


def _fresh_class() -> type:
    """A MacroAssembler class of the test's own: memo tables of its own (they are per
    class), so that dumping and loading here leaves the JIT's tables alone."""
    return type("Fresh", (MacroAssembler,), {})


def _leaves(cls: type) -> set[tuple[str, tuple[object, ...], int]]:
    """Every entry of ``cls``'s memo tables: (method, path, entry)."""
    got = set()
    for slot, root in enumerate(_core._CLASS_MEMOS.get(cls, [])):
        found: list[tuple[tuple[object, ...], int]] = []
        memocache._leaves(root, (), found)
        name = _memo._SLOT_METHODS[slot].__qualname__
        got |= {(name, path, entry) for path, entry in found}
    return got


def _emit_some(cls: type) -> bytes:
    m = cls()
    m.ldr(x0, mem(x19, 8))
    m.str(x1, mem(x19, 16))
    m.add(x3, x23, 144)
    m.add(x2, x21, x2.w, uxtw())
    m.cmp(x2, 4)
    m.movz(x0, 0x1234)
    m.ret()
    return bytes(m.finalize())


def _source(monkeypatch: pytest.MonkeyPatch, words: dict[str, dict[str, int]], cls: type,
            path: str = "unused") -> memocache.MemoCache:
    """A memo cache holding ``words`` for ``cls``, installed as its memo's source."""
    c = memocache.MemoCache(path, "fp", cls)
    c.words = {m: dict(ws) for m, ws in words.items()}
    monkeypatch.setattr(cls, "miss_source", c.lookup, raising=False)
    return c


def test_round_trip_same_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """Words of one class's tables handed to another class's misses: the same bytes,
    each miss served (one full path per method: its first word checked)."""
    src = _fresh_class()
    ref = _emit_some(src)
    words = memocache.snapshot(src)
    assert sum(len(w) for w in words.values()) >= 6
    dst = _fresh_class()
    c = _source(monkeypatch, words, dst)
    assert _emit_some(dst) == ref
    assert c.hits >= 6 and not c.disabled
    assert _leaves(dst) <= _leaves(src)  # (a word served needs no inner call)
    c.verify_all = True  # every word checked: still the same
    dst2 = _fresh_class()
    c2 = _source(monkeypatch, words, dst2)
    c2.verify_all = True
    assert _emit_some(dst2) == ref and c2.hits >= 6 and not c2.disabled


def test_other_class_not_served(monkeypatch: pytest.MonkeyPatch) -> None:
    src = _fresh_class()
    _emit_some(src)
    c = _source(monkeypatch, memocache.snapshot(src), src)
    other = _fresh_class()
    _emit_some(other)
    assert c.hits == 0


def test_wrong_word_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """A method's first word that its full path does not give: not used, and nothing
    more is handed out."""
    src = _fresh_class()
    ref = _emit_some(src)
    words = memocache.snapshot(src)
    for ws in words.values():
        for k in ws:
            ws[k] ^= 1 << 5
    dst = _fresh_class()
    c = _source(monkeypatch, words, dst)
    assert _emit_some(dst) == ref
    assert c.disabled and c.hits == 0


def test_operand_texts_exact() -> None:
    """Operands that differ in anything an encoder sees have different texts; those
    this module cannot name have none."""
    ops = [x0, x0.w, x19, mem(x19, 8), mem(x19, 16), pre(x19, 8),
           post(x19, 8), mem(x19, x2), mem(x19, x2, lsl(3)), uxtw(), uxtw(0),
           lsl(3), lsl(4), 1, "1", None, int, EQ, NE, x2.w]
    texts = [memocache._opstr(o) for o in ops]
    assert None not in texts
    assert len(set(texts)) == len({id(o) for o in ops})
    assert memocache._opstr(1.0) is None and memocache._opstr(object()) is None
    assert memocache._opstr(True) is None
    assert memocache._pathstr((x0, object())) is None


def test_file_checks(tmp_path: Path) -> None:
    """The file is used only whole, of this fingerprint and format; a torn or edited
    one reads as empty; an unwritable directory writes nothing and raises nothing."""
    src = _fresh_class()
    _emit_some(src)
    path = tmp_path / "memo.bin"
    w = memocache.MemoCache(str(path), "fp1", src)
    assert w.flush()
    assert not w.flush()  # nothing new
    n = memocache.MemoCache(str(path), "fp1", _fresh_class()).read()
    assert n == w.loaded > 0
    assert memocache.MemoCache(str(path), "fp2", _fresh_class()).read() == 0
    data = path.read_bytes()
    for bad in (data[:-7], data[:-1] + bytes([data[-1] ^ 1]), b"", b"a64js-memo 2\n",
                data.replace(b"a64js-memo", b"a64js-memx", 1)):
        path.write_bytes(bad)
        assert memocache.MemoCache(str(path), "fp1", _fresh_class()).read() == 0
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert not memocache.MemoCache(str(blocker / "memo.bin"), "fp1", src).flush(0)


def test_default_path_beside_subroutines() -> None:
    path = memocache.default_path()
    assert os.path.dirname(path) == os.path.dirname(subcache.default_path())
    assert os.path.basename(path).startswith("memo.") and path.endswith(".bin")


def test_programs_memo_put_back(tmp_path: Path) -> None:
    """A few test programs compiled in a process that encodes every instruction itself
    and writes the memo file, then in one that is served from it with every word
    checked against the instruction's full path for the same operands: all match
    (so the code is what it would have been without the file), far fewer first
    sights."""
    programs = [str(PROGRAMS / f"{n}.js") for n in _SAMPLE]
    fp = subcache.fingerprint()
    path = tmp_path / "memo.bin"
    first = _child(path, fp, programs)
    assert first["loaded"] == 0
    assert memocache.MemoCache(str(path), fp).read() > 500
    second = _child(path, fp, programs)
    assert second["disabled"] is False
    assert second["hits"] > 500  # type: ignore[operator]
    before, after, served = (int(str(x)) for x in (first["misses"], second["misses"],
                                                  second["hits"]))
    assert after - served < before // 3, (before, after, served)
    assert sorted(second["digests"]) == sorted(first["digests"])  # type: ignore[call-overload]


_SAMPLE = ("fib", "json", "nbody", "closures")


def test_operands_without_text_still_raise_the_encoders_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With a memo cache installed, an operand the cache cannot write as text (an int
    past str()'s digit limit) and a source that fails are misses: the caller gets the
    encoder's own error, as without the cache (tests/macro/test_errors.py failed after a
    JIT ran in its process, when the cache served every MacroAssembler: ValueError from
    int.__str__ in the lookup)."""
    huge = 1 << 20000
    cls = _fresh_class()
    with pytest.raises(EncodingError) as plain:
        cls().add(x0, x1, huge)
    name = memocache._method_id(MacroAssembler.add)
    c = _source(monkeypatch, {name: {"x": 1}}, cls)
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


def test_only_the_jits_assemblers_consult_the_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the JIT has read its memo file, its own assemblers' misses ask it; a plain
    MacroAssembler made afterwards (another user of a64jit in the process) never does,
    nor does the cache's own scratch assembler (its check takes the full path)."""
    asked: list[str] = []
    lookup = memocache.MemoCache.lookup

    def spy(self: memocache.MemoCache, asm: object, *args: object) -> int | None:
        asked.append(type(asm).__name__)
        return lookup(self, asm, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(memocache.MemoCache, "lookup", spy)
    monkeypatch.setattr(subcache, "fingerprint", lambda roots=None: "fp")
    src = _fresh_class()
    src().movz(x2, 0x1235, lsl(16))  # (not a word the JIT's tables may hold already)
    c = memocache.MemoCache(str(tmp_path / "memo.bin"), "fp")
    c.words = memocache.snapshot(src)
    c.flush(least=0)
    try:
        got = memocache.reset(str(tmp_path / "memo.bin"))
        assert got is not None and got.loaded >= 1  # (with the JIT's tables: flush merges)
        plain = MacroAssembler()
        plain.movz(x2, 0x1235, lsl(16))
        plain.movz(x3, 0x4321)
        assert asked == []  # not consulted
        jit = memocache.JitAssembler()
        jit.movz(x2, 0x1235, lsl(16))
        assert asked == ["JitAssembler"] and got.hits == 1  # served, checked once
        assert bytes(jit.finalize()) == bytes(plain.finalize())[:4]
    finally:
        memocache.reset()
