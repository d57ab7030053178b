"""The JIT's subroutines kept between processes (jit/subcache.py): words read back from
the file are the words each body emits in place; only bodies whose words do not depend
on the JIT's addresses are stored; a stale, torn or edited file is never used; a
directory that cannot be written, or ``A64JS_JIT_CACHE=0``, only means recording."""

from __future__ import annotations

import contextlib
import io
import marshal
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from a64jit import cachefile, mem, x0, x1, x2, x3, x19
from a64js.bytecode import Code
from a64js.compiler import compile_module, read_source
from a64js.jit import compiler as jc
from a64js.jit import subcache, t_elems, t_num, t_ops
from a64js.jit.hostcalls import emit_helper_call
from tests.nobody import as_nobody

from .test_jit_skeleton import _codes, _compile
from .test_jit_subroutines import _fc, _words

PROGRAMS = Path(__file__).parent / "programs"


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache file of the test's own (the package's file is left alone), the cache on,
    and no subroutine recorded in this process yet. The packages' fingerprint is taken
    once: a test's "later process" has the same sources (an edit of the tree while the
    test ran gave it another fingerprint, and an empty file: seen in a run under load)."""
    monkeypatch.setenv(subcache.ENV, "1")
    fp = subcache.fingerprint()
    real = subcache.fingerprint

    def pinned(roots: list[str] | None = None) -> str:
        return fp if roots is None else real(roots)
    monkeypatch.setattr(subcache, "fingerprint", pinned)
    monkeypatch.setattr(subcache, "_CACHE", None)
    monkeypatch.setattr(t_ops, "_SUBROUTINES", {})
    path = tmp_path / "subroutines.txt"
    subcache.reset(path)
    return path


def _fresh(path: Path, monkeypatch: pytest.MonkeyPatch) -> subcache.SubroutineCache:
    """As a new process would start: nothing recorded, the file read again (after this
    one wrote what it kept, as its compilations do)."""
    subcache.flush()
    monkeypatch.setattr(t_ops, "_SUBROUTINES", {})
    subcache.reset(path)
    got = subcache.cache()
    assert got is not None
    return got


def _counting(recorded: list[Any]) -> Any:
    """OpTemplates._record, appending each body it records to ``recorded``."""
    record = t_ops.OpTemplates._record

    def counting(fc: Any, emit: Any, spans: Any = None) -> bytes:
        recorded.append(emit)
        return record(fc, emit, spans)
    return counting


@pytest.mark.parametrize("name", ["fib", "minilang", "feat_dictionary", "closures"])
def test_words_from_the_file_are_the_emitted_ones(name: str, cache_file: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Every function of the program, plain and under stress, compiles to the same bytes
    with the subroutines emitted in place, recorded and stored (a first process), and
    read from the file (a later one)."""
    from a64js.hvm import core, vm
    from a64js.jit import Jit

    path = str(PROGRAMS / f"{name}.js")
    codes = _codes(compile_module(read_source(path), path))
    vm.HeapVM(["node", path], io.StringIO())
    jit = Jit(0)
    arena = jc.DataArena()

    def all_bytes() -> list[list[bytes]]:
        return [[_compile(c, core.code_info(c).id, arena, stress)
                 for stress in (None, jc.Stress(None), jc.Stress(7))] for c in codes]

    try:
        first = all_bytes()
        stored = subcache.cache()
        assert stored is not None and stored.stores > 0 and cache_file.exists()
        later = _fresh(cache_file, monkeypatch)
        assert later.entries == stored.entries
        again = all_bytes()
        assert later.hits > 0 and later.stores == 0
        with monkeypatch.context() as mp:
            mp.setattr(t_ops, "SUBROUTINE_CACHE", False)
            plain = all_bytes()
    finally:
        jit.close()
    assert first == plain
    assert again == plain


def _kinds(disk: subcache.SubroutineCache) -> dict[str, int]:
    """Per body name, its entry's kind (t_ops._PLAIN, _RELOCATED, _OWN): the subroutine
    bodies' entries, not the templates' runs of words (``words:``, ``run:``)."""
    return {key.split("|")[0].rsplit(".", 1)[-1]: w[0] for key, w in disk.entries.items()
            if not key.startswith(("words:", "run:"))}


def test_every_template_body_is_stored_plain_or_relocatable(
        cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bodies that embed no address are stored as words: all of them since the frame
    push and the getter call reach the call table and the depth word off x26
    (regs.CALLS; they were ``mov``s of both, stored with those to redo: see
    test_relocated_words_are_those_of_the_new_addresses). A later process records none
    of them, and gets each body's own words."""
    movable = ["_emit_seq", "_emit_truthy", "_emit_dmod", "_emit_cmp_other",
               "_emit_str_add", "_emit_get", "_emit_keyed_find", "_emit_push",
               "_emit_getter"]
    bound: list[str] = []
    want = {}
    for name in movable + bound:
        fc = _fc()
        with monkeypatch.context() as mp:
            mp.setattr(t_ops, "SUBROUTINE_CACHE", False)
            want[name] = _words(fc, getattr(fc, name))
        fc = _fc()
        assert _words(fc, getattr(fc, name)) == want[name], name
    disk = subcache.cache()
    assert disk is not None
    kinds = _kinds(disk)
    assert {n for n, k in kinds.items() if k == t_ops._PLAIN} == set(movable)
    assert {n for n, k in kinds.items() if k == t_ops._RELOCATED} == set(bound)
    _fresh(cache_file, monkeypatch)
    recorded: list[Any] = []
    counting = _counting(recorded)

    with monkeypatch.context() as mp:
        mp.setattr(t_ops.OpTemplates, "_record", counting)
        for name in movable + bound:
            fc = _fc()
            assert _words(fc, getattr(fc, name)) == want[name], name
    later = subcache.cache()
    assert later is not None and later.stores == 0
    assert later.hits == len(_kinds(later))  # (the runs' words: this process has them)
    assert recorded == []


@pytest.mark.parametrize("table, depth, relocated", [
    (0x5510_0000_0000, 0x5620_0000_0000, True),     # movs as long as the stored ones
    (0x7F12_3456_8000, 0x7F12_3457_0000, False),    # longer: recorded
    (0x0001_0000, 0x2_0000_0000, True),
    (0x5A5A_0000, 0x5600_0000_FFFF, False)])
def test_relocated_words_are_those_of_the_new_addresses(
        table: int, depth: int, relocated: bool, cache_file: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored by a process with one call table and depth word, read by one with others:
    the words are what a body that ``mov``s both emits with the new addresses, relocated
    where each mov is as long as the stored one, else recorded. (No template body embeds
    them since session 14: the body here is the test's.)"""
    fc = _fc()
    _words(fc, _addresses_body(fc))
    _fresh(cache_file, monkeypatch)
    recorded: list[Any] = []
    counting = _counting(recorded)

    fc = _fc(call_table=table, depth_word=depth)
    with monkeypatch.context() as mp:
        mp.setattr(t_ops.OpTemplates, "_record", counting)
        got = _words(fc, _addresses_body(fc))
    with monkeypatch.context() as mp:
        mp.setattr(t_ops, "SUBROUTINE_CACHE", False)
        fc = _fc(call_table=table, depth_word=depth)
        assert got == _words(fc, _addresses_body(fc)), (hex(table), hex(depth))
    assert (recorded == []) == relocated


def _addresses_body(fc: Any) -> Any:
    """A subroutine body that embeds ``fc``'s call table and depth word (as the frame
    push and the getter call did before x26 held the table)."""
    def body() -> None:
        fc.m.mov(x2, fc.call_table)
        fc.m.ldr(x0, mem(x2, 0))
        fc.m.mov(x3, fc.depth_word)
        fc.m.str(x0, mem(x3, 8))
        fc.m.ret()
    return body


def test_a_relocation_naming_no_register_is_not_used() -> None:
    fc = _fc()
    head = b"0,12,q7,0"
    entry = bytes([t_ops._RELOCATED]) + len(head).to_bytes(2, "little") + head + bytes(16)
    assert fc._relocate(entry) is None
    for head in (b"0,12,x3,5", b"8,40,x3,0", b"0,12", b"0,12,x3,0;", b"\xff", b""):
        entry = bytes([t_ops._RELOCATED]) + len(head).to_bytes(2, "little") + head + bytes(16)
        assert fc._relocate(entry) is None, head


def test_the_box_words_are_read_from_the_file(cache_file: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """t_num's box code (recorded at its first use in a process: ~0.5 ms) is stored
    in the file, and a later process splices the file's words without recording them;
    an entry that is not plain whole words is recorded over."""
    recorded: list[bytes] = []
    emit_code = t_num.NumTemplates._emit_box_code

    def counting(self: Any) -> None:
        recorded.append(b"")
        emit_code(self)
    monkeypatch.setattr(t_num.NumTemplates, "_emit_box_code", counting)

    def box_words() -> bytes:
        monkeypatch.setattr(t_num, "_BOX_WORDS", [])
        fc = _fc()
        fc._emit_box()
        return bytes(fc.m.finalize())

    first = box_words()
    assert len(recorded) == 1 and len(first) > 40
    assert _fresh(cache_file, monkeypatch).get(t_num._BOX_KEY) == b"\0" + first
    assert box_words() == first and len(recorded) == 1  # from the file
    disk = subcache.cache()
    assert disk is not None
    disk.entries[t_num._BOX_KEY] = b"\0" + first[:-1]  # not whole words: not used
    assert box_words() == first and len(recorded) == 2


def test_a_helper_call_is_not_stored(cache_file: Path) -> None:
    """A body that calls a helper embeds the helpers' host function (an address of this
    process): its words are not stored."""
    fc = _fc()

    def helper_body() -> None:
        emit_helper_call(fc.m, t_elems.dict_access, [x0, x1, x2, x3, x19, 0], result=x0)
        fc.m.ret()

    key = t_ops._sub_key(fc, helper_body)
    assert key is not None and t_ops._stable_key(key) is not None  # a candidate
    words = _words(fc, helper_body)
    assert len(words) > 8
    subcache.flush()
    disk = subcache.cache()
    assert disk is not None and list(disk.entries.values()) == [bytes([t_ops._OWN])]


def _stored(cache_file: Path) -> bytes:
    """The file's bytes after one body was stored."""
    fc = _fc()
    _words(fc, fc._emit_seq)
    assert not cache_file.exists()  # kept until a flush (a compilation's end)
    subcache.flush()
    data = cache_file.read_bytes()
    assert data.startswith(subcache._MAGIC)
    fp = subcache.fingerprint()
    assert len(subcache.SubroutineCache(str(cache_file), fp).entries) == 1  # one entry
    return data


def test_an_edited_or_torn_file_is_not_used(cache_file: Path) -> None:
    data = _stored(cache_file)
    fp = subcache.fingerprint()
    good = subcache.SubroutineCache(str(cache_file), fp)
    ((key, words),) = good.entries.items()
    at = data.index(words)
    edited = data[:at] + bytes([words[0] ^ 0x11]) + data[at + 1:]
    for bad in (edited, data[:60], data[:-1], b"\xff\xfe", b""):
        cache_file.write_bytes(bad)
        assert subcache.SubroutineCache(str(cache_file), fp).entries == {}
    # whole, but not the payload of this cache (a forged or mixed-up file)
    for payload in (marshal.dumps([1, 2]), marshal.dumps({key: "text"}), b"\xff"):
        assert cachefile.write(cache_file, subcache._MAGIC, subcache._key(fp), payload)
        assert subcache.SubroutineCache(str(cache_file), fp).entries == {}
    cache_file.write_bytes(data)
    assert subcache.SubroutineCache(str(cache_file), fp).entries == {key: words}


def test_a_stale_file_is_not_used(cache_file: Path, tmp_path: Path) -> None:
    """Another fingerprint (an edited source of either package) reads as empty, and the
    fingerprint follows a file's size and modification time."""
    _stored(cache_file)
    assert subcache.SubroutineCache(str(cache_file), "0" * 32).entries == {}
    src = tmp_path / "pkg"
    src.mkdir()
    (src / "a.py").write_text("x = 1\n")
    before = subcache.fingerprint([str(src)])
    assert subcache.fingerprint([str(src)]) == before
    (src / "a.py").write_text("x = 12\n")
    assert subcache.fingerprint([str(src)]) != before


def test_off_and_unwritable(cache_file: Path, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    """``A64JS_JIT_CACHE=0``: no cache. A directory that cannot be made: the entries stay
    in the process (no error)."""
    monkeypatch.setenv(subcache.ENV, "0")
    assert subcache.cache() is None
    fc = _fc()
    _words(fc, fc._emit_seq)
    assert not cache_file.exists()
    monkeypatch.setenv(subcache.ENV, "1")
    blocker = tmp_path / "file"
    blocker.write_text("")
    bad = subcache.SubroutineCache(str(blocker / "sub" / "cache.txt"), "f" * 32)
    bad.put("k", b"\x00\x00\x00\x14")
    bad.flush()
    assert bad.get("k") == b"\x00\x00\x00\x14" and not bad.dirty


def test_unplain_held_values_have_no_stable_key() -> None:
    fc = _fc()
    number, text, nothing, code = 1, "a", None, Code("f", "t.js")

    def plain() -> None:
        print(number, text, nothing, fc)

    def unplain() -> None:
        print(code, fc)

    key = t_ops._sub_key(fc, plain)
    assert key is not None and t_ops._stable_key(key) is not None
    key = t_ops._sub_key(fc, unplain)
    assert key is not None and t_ops._stable_key(key) is None


# -- the file's name, its neighbours, concurrent writers, read-only and corrupt files --

SUBCACHE = Path(subcache.__file__)


def test_the_file_name_tells_interpreters_apart(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    """Another version string (an arm64 Python under qemu: 3.11.2 where the host has
    3.11.7, one cache tag) is another file; both are kept, each read by its own."""
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path))
    mine = subcache.default_path()
    assert Path(mine).name == (f"subroutines.{sys.implementation.cache_tag}-"
                               f"{subcache.interpreter_id()}.bin")
    with monkeypatch.context() as mp:
        mp.setattr(sys, "version", sys.version + " (another build)")
        mp.setattr(cachefile, "_TAG", [])  # (as the other interpreter's process)
        mp.setattr(cachefile, "_FINGERPRINTS", {})
        other = subcache.default_path()
        other_fp = subcache.fingerprint()
    assert other != mine and Path(other).parent == Path(mine).parent
    fp = subcache.fingerprint()
    assert other_fp != fp
    for path, f, word in ((mine, fp, b"\x01\x00\x00\x14"), (other, other_fp, b"\x02\x00\x00\x14")):
        c = subcache.SubroutineCache(path, f)
        c.put("k", word)
        c.flush()
    assert subcache.SubroutineCache(mine, fp).entries == {"k": b"\x01\x00\x00\x14"}
    assert subcache.SubroutineCache(other, other_fp).entries == {"k": b"\x02\x00\x00\x14"}


def test_old_files_are_bounded(tmp_path: Path) -> None:
    """A write keeps the KEEP newest cache files (its own always) and removes the files
    of the text format before version 4 (however new) and temporary files a killed
    writer left an hour ago or more (a fresh one may be a writer's)."""
    now = time.time()
    names = [f"subroutines.cpython-3{i}-{i:012x}.bin" for i in range(7)]
    for age, name in enumerate(names):
        (tmp_path / name).write_text("old")
        os.utime(tmp_path / name, (now - 60 * age, now - 60 * age))
    for old in ("subroutines.cpython-311.txt", "subroutines.cpython-311-0123456789ab.txt"):
        (tmp_path / old).write_text("")  # the text format's
    stale, fresh = tmp_path / "subroutines.x.bin.7-1.tmp", tmp_path / "subroutines.x.bin.8-1.tmp"
    for p, age in ((stale, 7200), (fresh, 10)):
        p.write_text("")
        os.utime(p, (now - age, now - age))
    (tmp_path / "other.txt").write_text("not ours")
    own = tmp_path / "subroutines.own.bin"
    os.utime(tmp_path, None)
    c = subcache.SubroutineCache(str(own), "f" * 32)
    c.put("k", b"\x00\x00\x00\x14")
    c.flush()
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([own.name, *names[:subcache.KEEP - 1], fresh.name, "other.txt"])
    assert subcache.prune(str(tmp_path / "missing")) == []


_WRITER = """
import importlib.util, sys, threading
spec = importlib.util.spec_from_file_location("subcache_alone", {module!r})
sc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sc)
path, tag = sys.argv[1], sys.argv[2]

def write(thread):
    c = sc.SubroutineCache(path, "f" * 32)
    for i in range(40):
        c.put(f"{{tag}}.{{thread}}.{{i}}", (i * 4099 + thread).to_bytes(4, "little") * 64)
        c.flush()
        if not sc.SubroutineCache(path, "f" * 32).entries:  # a reader saw a torn file
            torn.append(i)

torn = []
threads = [threading.Thread(target=write, args=(t,)) for t in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
sys.exit(5 if torn else 0)
"""


def test_concurrent_writers_leave_a_whole_file(tmp_path: Path) -> None:
    """Three processes of three threads each storing and writing 40 entries at once:
    every read between the writes finds a whole file (its checksum holds), so does the
    one at the end, every entry in it is the value its writer stored, and no temporary
    file is left."""
    path = tmp_path / "subroutines.bin"
    script = _WRITER.format(module=str(SUBCACHE))
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), f"p{n}"],
                              stderr=subprocess.PIPE, text=True) for n in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err or "a writer read a torn file"
    got = subcache.SubroutineCache(str(path), "f" * 32).entries
    assert got  # whole (its checksum holds)
    for key, words in got.items():
        _, thread, i = key.split(".")
        assert words == (int(i) * 4099 + int(thread)).to_bytes(4, "little") * 64, key
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def _read_only_check(path: Path) -> str:
    """As a user who cannot write ``path``'s directory: read the file, store an entry,
    flush; what it saw."""
    if os.access(path.parent, os.W_OK):
        return "writable"  # not read-only for this user: the test would prove nothing
    c = subcache.SubroutineCache(str(path), "f" * 32)
    seen = "read" if c.entries == {"k": b"\x00\x00\x00\x14"} else "unread"
    c.put("k2", b"\x00\x00\x00\x15")
    c.flush()
    words = (c.get("k") or b"") + (c.get("k2") or b"")
    return f"{seen} {words.hex()} {'dirty' if c.dirty else 'unwritten'}"


def test_a_read_only_directory_is_skipped() -> None:
    """A directory this user cannot write (a read-only site-packages): the file there is
    read, a write is skipped without an error, the entries stay in the process. As the
    user nobody when the tests run as root, in a directory of its own that user can
    reach (pytest's are the owner's only)."""
    top = Path(tempfile.mkdtemp(prefix="a64js-subcache-"))
    d = top / "ro"
    try:
        top.chmod(0o755)
        d.mkdir()
        path = d / "subroutines.txt"
        c = subcache.SubroutineCache(str(path), "f" * 32)
        c.put("k", b"\x00\x00\x00\x14")
        c.flush()
        d.chmod(0o555)
        if os.geteuid() == 0:
            got = as_nobody(_read_only_check, path)
        else:
            got = _read_only_check(path)
        assert got == "read 0000001400000015 unwritten"
        assert [p.name for p in d.iterdir()] == [path.name]
    finally:
        with contextlib.suppress(OSError):
            d.chmod(0o755)
        shutil.rmtree(top, ignore_errors=True)


def test_a_directory_or_empty_file_in_the_files_place(tmp_path: Path) -> None:
    """What is at the cache file's path is not a cache file: nothing read, a write
    skipped (a directory) or done (an empty file), never an error."""
    as_dir = tmp_path / "dir.txt"
    as_dir.mkdir()
    c = subcache.SubroutineCache(str(as_dir), "f" * 32)
    assert c.entries == {}
    c.put("k", b"\x00\x00\x00\x14")
    c.flush()
    assert as_dir.is_dir() and c.get("k") == b"\x00\x00\x00\x14"
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    c = subcache.SubroutineCache(str(empty), "f" * 32)
    assert c.entries == {}
    for text in ("\x00" * 50, "a64js-subroutines 3\n", "\n\n\n\n"):
        empty.write_text(text)
        assert subcache.SubroutineCache(str(empty), "f" * 32).entries == {}, text
    c.put("k", b"\x00\x00\x00\x14")
    c.flush()
    assert subcache.SubroutineCache(str(empty), "f" * 32).entries == {"k": b"\x00\x00\x00\x14"}


def test_sources_edited_after_load_turn_the_cache_off(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A source modified after this process loaded the packages: the process's code may
    be the old one, so it neither reads the file (entries of the new code) nor writes it
    (its entries under the new fingerprint)."""
    monkeypatch.setenv(subcache.ENV, "1")
    path = tmp_path / "subroutines.txt"
    monkeypatch.setattr(subcache, "default_path", lambda: str(path))
    monkeypatch.setattr(subcache, "_CACHE", None)
    monkeypatch.setattr(subcache, "_STALE", False)
    monkeypatch.setattr(subcache, "_LOADED_AT", time.time_ns() + 10**12)  # not edited
    c = subcache.cache()
    assert c is not None
    c.put("k", b"\x00\x00\x00\x14")
    monkeypatch.setattr(subcache, "_LOADED_AT", 0)  # every source newer than the load
    subcache.flush()
    assert not path.exists() and subcache.cache() is None
    monkeypatch.setattr(subcache, "_CACHE", None)
    monkeypatch.setattr(subcache, "_STALE", False)
    assert subcache.cache() is None
    monkeypatch.setattr(subcache, "_LOADED_AT", time.time_ns() + 10**12)
    assert subcache.cache() is None  # once off, off for the process


#: A program whose compiled functions use the shared subroutines (equality, truthiness,
#: property lookups, string joins, a getter).
_PROGRAM = """
const pts = [];
for (let i = 0; i < 30; i++) pts.push({ x: i, y: i % 7, get s() { return this.x + this.y; } });
function sum(a) { let t = 0; for (const p of a) if (p.y && p.x !== 3) t += p.s; return t; }
function name(p) { return p.y === 0 ? "zero" : "n" + p.y; }
console.log(sum(pts), pts.map(name).join(","));
"""
_PROGRAM_OUT = ("444 zero,n1,n2,n3,n4,n5,n6,zero,n1,n2,n3,n4,n5,n6,zero,n1,n2,n3,n4,n5,n6,"
                "zero,n1,n2,n3,n4,n5,n6,zero,n1\n")


def test_processes_filling_the_cache_at_once(tmp_path: Path) -> None:
    """Two ``a64js --vm heap --jit-threshold 0`` processes started together, each
    recording the subroutines and writing the file: each prints node's output, the file
    is whole and one interpreter's, and a later process reading it prints the same and
    adds nothing. They run a copy of both packages (with their bytecode; no cache file):
    the package's own file is left alone, and an edit of the tree while the test runs
    (other work in a shared checkout) changes neither their fingerprint nor their code."""
    snap = tmp_path / "src"
    for pkg in ("a64js", "a64jit"):
        shutil.copytree(SUBCACHE.parents[2] / pkg, snap / pkg,
                        ignore=shutil.ignore_patterns("subroutines.*"))
    prog = tmp_path / "p.js"
    prog.write_text(_PROGRAM)
    env = {**os.environ, "PYTHONPATH": str(snap), subcache.ENV: "1"}
    env.pop("PYTHONPYCACHEPREFIX", None)
    argv = [sys.executable, "-m", "a64js", "--vm", "heap", "--jit-threshold", "0", str(prog)]
    procs = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert (p.returncode, out, err) == (0, _PROGRAM_OUT, "")
    files = list(snap.rglob("subroutines.*"))
    assert [f.relative_to(snap).as_posix() for f in files] == \
        [f"a64js/jit/__pycache__/{Path(subcache.default_path()).name}"]
    fp = subcache.fingerprint([os.path.realpath(snap / "a64js"),
                               os.path.realpath(snap / "a64jit")])
    stored = subcache.SubroutineCache(str(files[0]), fp).entries
    assert len(stored) > 5  # whole (its checksum holds), of the copy's fingerprint
    before = files[0].stat()
    later = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600,
                           check=False)
    assert (later.stdout, later.stderr) == (_PROGRAM_OUT, "")
    # it found every subroutine there: nothing stored, so the file was not written again
    after = files[0].stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert subcache.SubroutineCache(str(files[0]), fp).entries == stored
