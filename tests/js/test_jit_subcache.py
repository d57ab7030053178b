"""The JIT's subroutines kept between processes (jit/subcache.py): words read back from
the file are the words each body emits in place; only bodies whose words do not depend
on the JIT's addresses are stored; a stale, torn or edited file is never used; a
directory that cannot be written, or ``A64JS_JIT_CACHE=0``, only means recording."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from a64jit import x0, x1, x2, x3, x19
from a64js.bytecode import Code
from a64js.compiler import compile_module, read_source
from a64js.jit import compiler as jc
from a64js.jit import subcache, t_elems, t_ops
from a64js.jit.hostcalls import emit_helper_call

from .test_jit_skeleton import _codes, _compile
from .test_jit_subroutines import _fc, _words

PROGRAMS = Path(__file__).parent / "programs"


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache file of the test's own (the package's file is left alone), the cache on,
    and no subroutine recorded in this process yet."""
    monkeypatch.setenv(subcache.ENV, "1")
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
    """Per body name, its entry's kind (t_ops._PLAIN, _RELOCATED, _OWN)."""
    return {key.split("|")[0].rsplit(".", 1)[-1]: w[0] for key, w in disk.entries.items()}


def test_every_template_body_is_stored_plain_or_relocatable(
        cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bodies that embed no address are stored as words; the frame push and the
    getter call embed the call table and the depth word with ``mov``: stored with those
    to redo. A later process records none of them, and gets each body's own words."""
    movable = ["_emit_seq", "_emit_truthy", "_emit_dmod", "_emit_cmp_other",
               "_emit_str_add", "_emit_get", "_emit_keyed_find"]
    bound = ["_emit_push", "_emit_getter"]
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
    assert later.hits == len(later.entries)
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
    the words are what the bodies emit with the new addresses, relocated where each
    mov is as long as the stored one, else recorded."""
    bodies = ("_emit_push", "_emit_getter")
    for name in bodies:
        fc = _fc()
        _words(fc, getattr(fc, name))
    _fresh(cache_file, monkeypatch)
    recorded: list[Any] = []
    counting = _counting(recorded)

    for name in bodies:
        fc = _fc(call_table=table, depth_word=depth)
        with monkeypatch.context() as mp:
            mp.setattr(t_ops.OpTemplates, "_record", counting)
            got = _words(fc, getattr(fc, name))
        with monkeypatch.context() as mp:
            mp.setattr(t_ops, "SUBROUTINE_CACHE", False)
            fc = _fc(call_table=table, depth_word=depth)
            assert got == _words(fc, getattr(fc, name)), (name, hex(table), hex(depth))
    assert (recorded == []) == relocated


def test_a_relocation_naming_no_register_is_not_used() -> None:
    fc = _fc()
    head = b"0,12,q7,0"
    entry = bytes([t_ops._RELOCATED]) + len(head).to_bytes(2, "little") + head + bytes(16)
    assert fc._relocate(entry) is None
    for head in (b"0,12,x3,5", b"8,40,x3,0", b"0,12", b"0,12,x3,0;", b"\xff", b""):
        entry = bytes([t_ops._RELOCATED]) + len(head).to_bytes(2, "little") + head + bytes(16)
        assert fc._relocate(entry) is None, head


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


def _stored(cache_file: Path) -> list[str]:
    """The file's lines after one body was stored."""
    fc = _fc()
    _words(fc, fc._emit_seq)
    assert not cache_file.exists()  # kept until a flush (a compilation's end)
    subcache.flush()
    lines = cache_file.read_text().split("\n")
    assert lines[0] == f"a64js-subroutines {subcache.FORMAT}"
    assert lines[1].startswith("fingerprint ") and lines[2].startswith("checksum ")
    assert len(lines) == 5 and lines[4] == ""  # one entry
    return lines


def test_an_edited_or_torn_file_is_not_used(cache_file: Path) -> None:
    lines = _stored(cache_file)
    fp = lines[1].split()[1]
    key, words = lines[3].split("\t")
    good = subcache.SubroutineCache(str(cache_file), fp)
    assert good.entries == {key: bytes.fromhex(words)}
    edited = ("00" if words[:2] != "00" else "11") + words[2:]
    cache_file.write_text("\n".join([*lines[:3], f"{key}\t{edited}", ""]))
    assert subcache.SubroutineCache(str(cache_file), fp).entries == {}
    cache_file.write_text("\n".join(lines)[:60])
    assert subcache.SubroutineCache(str(cache_file), fp).entries == {}
    cache_file.write_text("\n".join([*lines[:3], f"{key}\tzz", ""]))
    assert subcache.SubroutineCache(str(cache_file), fp).entries == {}
    cache_file.write_bytes(b"\xff\xfe")
    assert subcache.SubroutineCache(str(cache_file), fp).entries == {}


def test_a_stale_file_is_not_used(cache_file: Path, tmp_path: Path) -> None:
    """Another fingerprint (an edited source of either package) reads as empty, and the
    fingerprint follows a file's size and modification time."""
    lines = _stored(cache_file)
    assert subcache.SubroutineCache(str(cache_file), "0" * 32).entries == {}
    src = tmp_path / "pkg"
    src.mkdir()
    (src / "a.py").write_text("x = 1\n")
    before = subcache.fingerprint([str(src)])
    assert subcache.fingerprint([str(src)]) == before
    (src / "a.py").write_text("x = 12\n")
    assert subcache.fingerprint([str(src)]) != before
    assert lines[1] == f"fingerprint {subcache.fingerprint()}"


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
    code = Code("f", "t.js")
    assert t_ops._stable_key((_fc.__code__, (1, "a", None), 1, 0, 2)) is not None
    assert t_ops._stable_key((_fc.__code__, (code,), 1, 0, 2)) is None
