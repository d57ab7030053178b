"""The Assembler's memo of the JIT's instructions, kept between processes.

Every instruction method of a64jit's assemblers remembers the word it built for each
operand tuple (``a64jit/assembler/memo.py``): a repeated call is a dictionary lookup, a
first sight runs the operand checks and the encoder (35-60 us). A fresh process starts
with an empty memo, so a JIT's first compilations pay a first sight for every distinct
instruction they emit: ~700 over constraints' 565 bytecodes, a quarter to a third of
its cold compile, and most of the difference between a cold compile and the same
functions compiled again in one process. The words depend only on the operands and
the sources of a64jit, so this module writes the words of the JIT's assemblers' memo
tables (:class:`JitAssembler`, a MacroAssembler of the JIT's own: its tables are its
own, and no other assembler of the process consults the file) to a file beside the
subroutine cache (``jit/subcache.py``), and a later process hands them to the memo on
its misses (``JitAssembler.miss_source``, see memo.py's ``MissSource``: a miss that
finds its word here is remembered as if the full path had made it, ~5 us where the full
path takes 35-60), as Python keeps a module's bytecode. Nothing is rebuilt at load (reading the
file is one ``marshal.loads``): a program pays only for the words it meets.

What keeps a word valid:

- the file names the subroutine cache's *fingerprint* (every ``.py`` file of a64js and
  a64jit: path, size, modification time; the Python version): any edit of either
  package makes the file stale (it is replaced at the next write);
- a checksum over its contents (a torn or edited file is ignored, never used);
- a word is kept under its method's module and qualified name and its operands named
  exactly (:func:`_opstr`: a register or condition of a64jit by name, an interned
  ``Mem``, ``Shift`` or ``Extend`` by its fields, an int, a str, None, and as a typed
  path's first key the type of its typed operand); anything else is never kept;
- the first word handed out in a process is encoded again through its method's full
  path and must match, or nothing more is handed out (a word the memo would check
  for types, its checks still apply: the memo re-plans the entry itself).

The file is written at exit when ``AT_EXIT`` or more misses were not served from it,
and after a compilation once ``WRITE_AFTER`` were, in either case only when those are
more than a fifth of the lookups (so that words of a process's own addresses, new in
every process, never make a write by themselves), atomically (an :mod:`a64jit.cachefile`
file; a write also removes the oldest memo files beyond ``KEEP``: other interpreters'
and older formats'). ``A64JS_JIT_CACHE=0`` turns it off with the subroutine
cache. Trust: as the subroutine cache's (the file holds machine words the JIT runs,
next to the package's ``.pyc`` files).

Format: :mod:`a64jit.cachefile`'s (a magic naming the format, a digest of the
subroutine cache's fingerprint as the key, a checksum), its payload a ``marshal`` blob
(version 4): a dict, per method (``module.qualname``) a dict, per
path as text (operand texts joined by ``|``), the word.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
from typing import Any, ClassVar

from a64jit import MacroAssembler, cachefile
from a64jit import operands as _ops
from a64jit.assembler import core as _core
from a64jit.assembler import memo as _memo

from . import subcache

#: The file format.
FORMAT = 3
_MAGIC = b"a64js-memo\x00\x03\n"
#: Misses not served from the file that make a compilation write it (a long run), and
#: the exit (a typical run writes once, at its exit: each write walks every table).
WRITE_AFTER = 2000
AT_EXIT = 32
#: Entries whose check code is below this need no per-process table (memo.py's masks).
_PORTABLE_CODE = 64
#: Memo files (of any interpreter) a directory keeps: the newest, this one's always.
KEEP = 4


def default_path() -> str:
    """The memo file of this interpreter: beside the subroutine cache's file."""
    return os.path.join(os.path.dirname(subcache.default_path()),
                        f"memo.{cachefile.interpreter_tag()}.bin")


# -- operands and paths ----------------------------------------------------------------------

#: The types a typed path starts with (the type of its int or register operand).
_TYPES: dict[str, type] = {t.__name__: t for t in (
    int, str, float, type(None), _ops.GPRegister, _ops.FPRegister, _ops.Mem, _ops.Shift,
    _ops.Extend, _ops.Cond)}
_FROZEN = (_ops.Mem, _ops.Shift, _ops.Extend)


def _opstr(x: Any) -> str | None:
    """A text that names operand ``x`` exactly (two operands with one text are the
    same operand to every instruction), or None when this module cannot name it."""
    t = type(x)
    if t is int:
        return f"i{x}"
    if t is str:
        return "s" + repr(x)
    if t is type(None):
        return "N"
    if t is type:
        name: str = x.__name__
        return "T" + name if _TYPES.get(name) is x else None
    if t is _ops.GPRegister or t is _ops.FPRegister:
        reg: str = x.name
        return "R" + reg if getattr(_ops, reg, None) is x else None
    if t is _ops.Cond:
        return f"C{x.code}" if _ops.COND_BY_CODE[x.code] is x else None
    if t in _FROZEN:
        parts = [_opstr(arg) for arg in x._args()]
        if None in parts:
            return None
        return f"O{t.__name__}({','.join(parts)})"  # type: ignore[arg-type]
    return None


#: Texts of the operands that compare by identity (registers, conditions, interned
#: Mem/Shift/Extend: equal means identical), made once each.
_TEXTS: dict[Any, str | None] = {}
_BY_IDENTITY = frozenset({_ops.GPRegister, _ops.FPRegister, _ops.Cond, *_FROZEN})


def _pathstr(path: tuple[Any, ...]) -> str | None:
    """A memo path (see memo.py's ``_path``) as text, or None."""
    parts = []
    texts = _TEXTS
    for x in path:
        if type(x) in _BY_IDENTITY:
            try:
                text = texts[x]
            except KeyError:
                text = texts[x] = _opstr(x)
        else:
            text = _opstr(x)
        if text is None:
            return None
        parts.append(text)
    return "|".join(parts)


def _method_id(method: Any) -> str:
    return f"{method.__module__}.{method.__qualname__}"


def _leaves(node: Any, path: tuple[Any, ...], out: list[tuple[tuple[Any, ...], int]]) -> None:
    """Every entry under a memo table node: (path, entry) into ``out``."""
    if type(node) is int:
        out.append((path, node))
    elif type(node) is dict:
        for key, below in node.items():
            if key is not _memo._COUNT:
                _leaves(below, (*path, key), out)


class JitAssembler(MacroAssembler):
    """The JIT's MacroAssembler: its own memo tables (those this module keeps in the
    file), and the file's words handed to its misses once :func:`cache` has read it."""

    #: The memo's source on a miss (memo.py: ``MissSource``), set by :func:`cache`.
    miss_source: ClassVar[_memo.MissSource | None] = None


def snapshot(cls: type = JitAssembler) -> dict[str, dict[str, int]]:
    """The words of ``cls``'s memo tables: per method (module and qualified name), per
    path as text, the word."""
    got: dict[str, dict[str, int]] = {}
    for slot, root in enumerate(_core._CLASS_MEMOS.get(cls, [])):
        method = _memo._SLOT_METHODS.get(slot)
        if method is None or root is None:
            continue
        found: list[tuple[tuple[Any, ...], int]] = []
        _leaves(root, (), found)
        words = got.setdefault(_method_id(method), {})
        for path, entry in found:
            text = _pathstr(path)
            if text is not None:
                words[text] = entry & 0xFFFF_FFFF
    return {k: v for k, v in got.items() if v}


def _key(fp: str) -> bytes:
    return cachefile.digest(_MAGIC, fp)


class MemoCache:
    """One memo file: read once; its words handed to the memo on its misses
    (:meth:`lookup`, installed as ``JitAssembler.miss_source``); written when the tables
    hold words the file lacks (see the module docstring)."""

    def __init__(self, path: str, fp: str, cls: type = JitAssembler) -> None:
        self.path = path
        self.fingerprint = fp
        self.cls = cls
        #: per method, per path as text, the word (the file's, then this process's)
        self.words: dict[str, dict[str, int]] = {}
        #: words handed to the memo, misses it could not serve since the last write,
        #: and the methods whose word was checked against the full path
        self.hits = 0
        self.misses = 0
        self._checked: set[str] = set()
        #: every word handed out is checked against the full path (the tests)
        self.verify_all = False
        #: a word that did not match its full path: nothing is handed out any more
        self.disabled = False
        self._scratch: Any = None
        #: per memo slot, its method's name and words (the file's)
        self._by_slot: dict[int, tuple[str, dict[str, int] | None]] = {}

    @property
    def loaded(self) -> int:
        """Words held."""
        return sum(len(v) for v in self.words.values())

    def read(self) -> int:
        """Read the file (nothing when it is missing, stale, torn or wrong); the
        words it holds."""
        blob = cachefile.read(self.path, _MAGIC, _key(self.fingerprint))
        try:
            words = marshal.loads(blob) if blob is not None else None
        except (ValueError, EOFError, TypeError):
            words = None
        if type(words) is not dict or not all(
                type(k) is str and type(v) is dict for k, v in words.items()):
            self.words = {}
            return 0
        self.words = words
        self._by_slot.clear()
        return self.loaded

    def lookup(self, asm: Any, slot: int, key: tuple[Any, ...], typed: int) -> int | None:
        """The word the file holds for the method of ``slot`` and operands ``key``
        (``JitAssembler.miss_source``), or None. The first word handed out in this process
        (every word, with ``verify_all``) is encoded again through its method's full
        path on a scratch assembler and must match, else nothing is handed out any
        more. (Only the first: checking each method's first word ran its encoder's
        first-use work, the logical immediates' tables and the like, which is most of
        what a served word saves.)"""
        if self.disabled or type(asm) is not self.cls:
            return None
        try:
            name, table = self._by_slot[slot]
        except KeyError:
            name = _method_id(_memo._SLOT_METHODS[slot])
            table = self.words.get(name)
            self._by_slot[slot] = name, table
        try:
            text = _pathstr(_memo._path(key, typed)) if table is not None else None
        except (ValueError, TypeError, OverflowError):
            text = None  # an operand with no text (an int past str()'s digit limit)
        word = table.get(text) if table is not None and text is not None else None
        if word is None:
            self.misses += 1  # the full path makes it: a word for the file
            return None
        if self.verify_all or not self._checked:
            method = _memo._SLOT_METHODS[slot]
            scratch = self._scratch
            if scratch is None:
                scratch = self._scratch = self.cls()
                scratch.miss_source = None  # (its misses take the full path)
            code = scratch._code
            before = len(code)
            try:
                method(scratch, *key)
            except Exception:  # (the full path raises: so does the caller's)
                return None
            if len(code) != before + 1 or code[-1] != word:
                self.disabled = True
                return None
            del code[before:]
            self._checked.add(name)
        self.hits += 1
        return int(word)

    def flush(self, least: int = 1) -> bool:
        """Write the file when the tables hold ``least`` or more words it lacks
        (merged with what it holds); whether it wrote."""
        self.misses = self.hits = 0
        now = snapshot(self.cls)
        new = sum(1 for m, ws in now.items() for k in ws if k not in self.words.get(m, ()))
        if new < least or self.disabled:
            return False
        for m, ws in now.items():
            self.words.setdefault(m, {}).update(ws)
        self._by_slot.clear()
        blob = marshal.dumps(self.words, 4)
        if not cachefile.write(self.path, _MAGIC, _key(self.fingerprint), blob):
            return False  # a read-only install: nothing kept
        cachefile.prune(os.path.dirname(self.path), "memo.", ".bin", keep=KEEP,
                        current=self.path)
        return True


_CACHE: list[MemoCache | None] = []


def cache() -> MemoCache | None:
    """This process's memo cache, read at the first call (None: off, or sources
    changed since the process loaded them)."""
    if not _CACHE:
        sub = subcache.cache()  # None when off or when the sources changed
        _CACHE.append(_use(default_path(), sub.fingerprint) if sub is not None else None)
    return _CACHE[0]


def _use(path: str, fp: str) -> MemoCache:
    """The memo file at ``path`` read, its words handed to the JIT's assemblers."""
    got = MemoCache(path, fp)
    got.read()
    JitAssembler.miss_source = got.lookup
    atexit.register(_at_exit)
    return got


def reset(path: str | None = None) -> MemoCache | None:
    """Forget this process's memo cache; with ``path``, read that file now (the
    subroutine cache's fingerprint) and use it from then on. For the tests."""
    _CACHE.clear()
    JitAssembler.miss_source = None
    if path is None:
        return None
    _CACHE.append(_use(str(path), subcache.fingerprint()))
    return _CACHE[0]


def _worth_writing(c: MemoCache, least: int) -> bool:
    """Whether this process met ``least`` or more words the file lacks, and more than a
    fifth of all it looked up (a filled file still misses words that hold a process's
    own addresses: those alone never make a write)."""
    return c.misses >= least and c.misses * 4 > c.hits


def flush() -> None:
    """After a compilation: write the file when ``WRITE_AFTER`` misses since the last
    write were not served from it (else at exit: see _at_exit)."""
    if _CACHE and _CACHE[0] is not None and _worth_writing(_CACHE[0], WRITE_AFTER):
        _CACHE[0].flush()


def _at_exit() -> None:
    if _CACHE and _CACHE[0] is not None and _worth_writing(_CACHE[0], AT_EXIT):
        with contextlib.suppress(Exception):  # (at exit: never a traceback)
            _CACHE[0].flush()


__all__ = ["AT_EXIT", "FORMAT", "WRITE_AFTER", "JitAssembler", "MemoCache", "cache",
           "default_path", "flush", "reset", "snapshot"]
