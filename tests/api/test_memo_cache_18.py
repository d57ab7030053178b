"""MemoCache's format 4 (session 18): a method's table as sorted texts, their words and
the bound's order. A file whose checksum holds but whose tables are not such tables, or
whose words are wrong, serves nothing wrong: the first is never used, the second is
caught by the first word's check; a table keeps the bound's order through a write; the
texts that key the words name operands exactly (seen or not, ints, types, bools)."""

from __future__ import annotations

import marshal
from array import array
from pathlib import Path
from typing import Any

import pytest

from a64jit import EQ, MacroAssembler, MemoCache, cachefile, lsl, mem, x0, x1, x2, x19
from a64jit.assembler import memo_cache

LDR = "a64jit.macro.masm.MacroAssembler.ldr"
ADD = "a64jit.macro.masm.MacroAssembler.add"


def _fresh() -> Any:
    return type("Fresh18", (MacroAssembler,), {})


def _emit(cls: Any) -> bytes:
    m = cls()
    m.ldr(x0, mem(x19, 8))
    m.ldr(x1, mem(x19, 16))
    m.add(x0, x1, x2, lsl(3))
    m.add(x2, x2, 12)
    m.ret()
    return bytes(m.finalize())


def _reference() -> tuple[bytes, dict[str, dict[str, int]]]:
    """The bytes of ``_emit`` by the full path, and the words a cache keeps of them."""
    cls = _fresh()
    got = _emit(cls)
    return got, memo_cache.snapshot(cls)


def _write(path: Path, tables: dict[str, tuple[int, bytes]]) -> None:
    magic = memo_cache._MAGIC
    assert cachefile.write(path, magic, cachefile.digest(magic, "fp"),
                           marshal.dumps(tables, 4))


def _served(path: Path) -> tuple[bytes, MemoCache]:
    cls = _fresh()
    c = MemoCache(path, fingerprint="fp")
    c.attach(cls)
    try:
        return _emit(cls), c
    finally:
        c.detach()


def test_a_written_file_serves_the_same_bytes(tmp_path: Path) -> None:
    ref, words = _reference()
    assert LDR in words and ADD in words
    path = tmp_path / "memo.bin"
    tables = {m: (len(ws), memo_cache._Table.of(ws).pack()) for m, ws in words.items()}
    _write(path, tables)
    got, c = _served(path)
    assert got == ref and c.hits >= 4 and not c.disabled


@pytest.mark.parametrize("bad", [
    b"not marshal",
    marshal.dumps({"Rx0": 1}, 4),                              # a format 3 table
    marshal.dumps((["Rx0"], b"\0" * 4, b"\0" * 4), 4),        # keys not a tuple
    marshal.dumps(((1,), b"\0" * 4, b"\0" * 4), 4),           # a key not a str
    marshal.dumps((("a", "b"), b"\0" * 4, b"\0" * 8), 4),     # fewer words than keys
    marshal.dumps((("a",), b"\0" * 4, b"\0" * 8), 4),         # more positions
    marshal.dumps((("a",), b"\0" * 3, b"\0" * 4), 4),         # not whole words
    marshal.dumps((("a",), b"\0" * 4), 4),                    # two parts
], ids=["marshal", "dict", "list", "int-key", "short", "order", "bytes", "pair"])
def test_malformed_tables_are_never_used(tmp_path: Path, bad: bytes) -> None:
    """A table that is not one (in a file whose checksum holds: never written) serves
    nothing; the other methods' tables still serve."""
    ref, words = _reference()
    path = tmp_path / "memo.bin"
    tables = {m: (len(ws), memo_cache._Table.of(ws).pack()) for m, ws in words.items()}
    tables[LDR] = (len(words[LDR]), bad)
    _write(path, tables)
    got, c = _served(path)
    assert got == ref and not c.disabled
    assert LDR not in c.words and ADD in c.words and c.hits >= 2


def test_a_wrong_word_is_caught_by_the_first_check(tmp_path: Path) -> None:
    """A well-formed table of wrong words (a file of other sources under this key): the
    first word handed out is encoded again and differs, so nothing is handed out."""
    ref, words = _reference()
    path = tmp_path / "memo.bin"
    wrong = {m: {k: w ^ 0x20 for k, w in ws.items()} for m, ws in words.items()}
    tables = {m: (len(ws), memo_cache._Table.of(ws).pack()) for m, ws in wrong.items()}
    _write(path, tables)
    got, c = _served(path)
    assert got == ref and c.disabled and c.hits == 0


def test_an_edited_file_is_never_read(tmp_path: Path) -> None:
    ref, words = _reference()
    path = tmp_path / "memo.bin"
    _write(path, {m: (len(ws), memo_cache._Table.of(ws).pack()) for m, ws in words.items()})
    data = bytearray(path.read_bytes())
    data[-5] ^= 1
    path.write_bytes(bytes(data))
    got, c = _served(path)
    assert got == ref and c.loaded == 0 and c.hits == 0


def test_table_keeps_the_bound_order() -> None:
    words = {"s'b'": 2, "Rx0|i5": 7, "Ra": 1, "i-1": 0xFFFF_FFFF}
    t = memo_cache._Table.of(words)
    assert list(t.keys) == sorted(words)
    assert list(t.words().items()) == list(words.items())  # the order a write keeps
    back = memo_cache._unpack(t.pack())
    assert back is not None and list(back.words().items()) == list(words.items())
    assert [back.get(k) for k in words] == list(words.values())
    assert back.get("Rx1") is None and back.get("") is None and back.get("zz") is None
    # a table whose order is no permutation still gives its words
    odd = memo_cache._Table(t.keys, t.values, array("I", [0, 0, 9, 1]))
    assert odd.words() == dict(zip(t.keys, t.values, strict=True))


def test_path_texts_name_operands_exactly() -> None:
    pathstr, text = memo_cache._pathstr, memo_cache.operand_text
    for x in (x0, x19, EQ, mem(x19, 8), lsl(3), 0, -1, 2**64, "offset", None, int):
        assert pathstr((x,)) == text(x) is not None
        assert pathstr((x,)) == text(x)  # seen: the same text again
    assert pathstr((1,)) == "i1" and pathstr((True,)) is None  # True == 1: no text
    assert pathstr((1.0,)) is None and pathstr((bool,)) is None and pathstr((bool,)) is None
    assert pathstr((int, x0, 5)) == "Tint|Rx0|i5"
    with pytest.raises(ValueError):
        pathstr((10**5000,))  # past str()'s digit limit: lookup counts it unkept
