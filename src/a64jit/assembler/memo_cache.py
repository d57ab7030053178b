"""The instruction memo kept between processes: a file of encoded words for one
assembler class.

Every instruction method remembers the word it built for each operand tuple (see
``memo.py``): a repeated call is a dictionary lookup, a first sight runs the operand
checks and the encoder (35-60 us). A fresh process starts with an empty memo, so a
JIT's first compilations pay a first sight for every distinct instruction they emit. A
:class:`MemoCache` keeps the words of one assembler class's memo in a file, and a later
process hands them to that class's memo on its misses (~5 us where the full path takes
35-60), as Python keeps a module's bytecode::

    from a64jit import MacroAssembler, MemoCache

    @MemoCache("/var/cache/myjit/memo.bin").attach
    class JitAssembler(MacroAssembler):
        pass

Nothing is rebuilt at load (reading the file is one ``marshal.loads`` of a blob per
method; a method's blob is unpacked at its first miss): a program pays only for the
methods and words it meets. The hit path is not touched: the file is asked on a miss
only, through the class's ``miss_source`` attribute (memo.py's ``MissSource``).

What keeps a word valid:

- the file's key is a fingerprint of the sources the words depend on: by default every
  ``.py`` file of a64jit and the source file of each class in the attached class's MRO
  (path, size, modification time; the interpreter), and any ``sources`` given
  (:func:`a64jit.cachefile.fingerprint`); a file of other sources is never read (it is
  replaced at the next write). A source modified after this module was imported (the
  process runs older code than the files say) turns the cache off for the process;
- a checksum over the contents (a torn or edited file is ignored, never used);
- a word is kept under its method's module and qualified name and its operands named
  exactly (:func:`operand_text`: a register or condition of a64jit by name, an interned
  ``Mem``, ``Shift`` or ``Extend`` by its fields, an int, a str, None, and as a typed
  path's first key the type of its typed operand); anything else is never kept;
- only the attached class's own assemblers are served (not a subclass: the memo is per
  class, and a subclass may override what the full path calls);
- the first word handed out in a process (every word, with ``verify_all``) is encoded
  again through its method's full path and must match, or nothing more is handed out.
  (Only the first by default: checking each method's first word ran its encoder's
  first-use work, which is most of what a served word saves.) A word the memo would
  check for types, its checks still apply: the memo re-plans the entry itself.

The file is written (atomically: :func:`a64jit.cachefile.write`) at exit when ``at_exit``
or more misses were not served from it, and by :meth:`MemoCache.checkpoint` (after a
compilation) once ``write_after`` were, in either case only when those are more than a
fifth of the lookups (so that words of a process's own addresses, new in every process,
never make a write by themselves), and only with a word the file lacks. A miss counts
once the memo has kept its word: a call whose operands expand to more than one word (a
MacroAssembler's ``cmp`` of an immediate that needs a scratch) or that raises is never
memoised, so it reaches the file on every call; it is counted apart (``unkept``) and
never makes a write (a program run again leaves the file as it is).

What a write keeps is bounded: per method at most ``method_limit`` words (1,024 by
default; a program's busiest method, ``ldr``, meets ~250-350): first the words of the
writing process's tables (those it met: served from the file or made), then the file's
in the order it holds them, which is thus the order of the writes that last met them
(most recent first); the rest are dropped (met again, they are made and written again).
A method's table, unpacked whole at its first miss, stays as small as what a few
programs use; a machine that runs many programs for months keeps a file of at most
``method_limit`` words per method met. A place that cannot be written means no file and no
error. Trust: as ``.pyc`` files (the file holds machine words the JIT runs: whoever can
write its directory can change what runs).

Format 4: :mod:`a64jit.cachefile`'s (a magic naming the format, a digest of the
fingerprint as the key, a checksum), its payload a ``marshal`` blob (version 4): a dict,
per method (``module.qualname``) a pair (its number of words, that method's table as a
``marshal`` blob of its own: a tuple of its paths as text (operand texts joined by
``|``) sorted, the bytes of an ``array('I')`` of their words in that order, and those
of one of positions in the order of the bound above: most recently met first). A
method's table is unpacked at its first lookup (a tuple of strings and two arrays; a
lookup is a bisection): a process pays only for the methods it meets (fib's cold
compile met 22 of the file's 69 methods, 1,597 words, 222 of them used). A file of
format 3 (a dict per method: building it was two thirds of unpacking one) or 2 is never
read (another magic) and is replaced at the next write.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import marshal
import os
import sys
import time
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any, Final, TypeVar, cast

from .. import cachefile
from .. import operands as _ops
from . import core as _core
from . import memo as _memo

#: The file format (part of the magic).
FORMAT: Final = 4
_MAGIC: Final = b"a64jit-memo\x00\x04\n"
#: This package's directory (its sources are part of every default fingerprint).
_PACKAGE: Final = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
#: When this process had loaded a64jit: a source modified later is not what it runs.
_LOADED_AT: Final = time.time_ns()

C = TypeVar("C", bound=type)


# -- operands and paths ----------------------------------------------------------------

#: The types a typed path starts with (the type of its int or register operand).
_TYPES: Final[dict[str, type]] = {t.__name__: t for t in (
    int, str, float, type(None), _ops.GPRegister, _ops.FPRegister, _ops.Mem, _ops.Shift,
    _ops.Extend, _ops.Cond)}
_FROZEN: Final = (_ops.Mem, _ops.Shift, _ops.Extend)


def operand_text(x: Any) -> str | None:
    """A text that names operand ``x`` exactly (two operands with one text are the same
    operand to every instruction), or None when it cannot be named (a float, a bool, a
    label, an object of another class): such an operand's words are never kept."""
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
        parts = [operand_text(arg) for arg in x._args()]
        if None in parts:
            return None
        return f"O{t.__name__}({','.join(parts)})"  # type: ignore[arg-type]
    return None


#: Texts of the operands that compare by identity (registers, conditions, interned
#: Mem/Shift/Extend: equal means identical) and of the types a typed path starts with,
#: made once each (at most ``_TEXTS_LIMIT``: then made again). No int, str or float is
#: a key: an operand equal to a key is that key's operand (``True == 1`` never meets one).
_TEXTS: Final[dict[Any, str | None]] = {}
_TEXTS_LIMIT: Final = 1 << 14
_BY_IDENTITY: Final = frozenset({_ops.GPRegister, _ops.FPRegister, _ops.Cond, *_FROZEN, type})
_UNSEEN: Final = object()


def _pathstr(path: tuple[Any, ...]) -> str | None:
    """A memo path (see memo.py's ``_path``) as text, or None. (A served word's cost: an
    int by its f-string, anything else by one dictionary lookup once seen; raises
    ValueError for an int past str()'s digit limit, TypeError for an unhashable
    operand.)"""
    parts = []
    texts = _TEXTS
    for x in path:
        if type(x) is int:
            parts.append(f"i{x}")
            continue
        text = texts.get(x, _UNSEEN)
        if text is _UNSEEN:
            text = operand_text(x)
            if type(x) in _BY_IDENTITY:
                if len(texts) >= _TEXTS_LIMIT:
                    texts.clear()
                texts[x] = text
        if text is None:
            return None
        parts.append(text)  # type: ignore[arg-type]
    return "|".join(parts)


def method_name(method: Any) -> str:
    """The name a method's words are kept under: its module and qualified name."""
    return f"{method.__module__}.{method.__qualname__}"


def _leaves(node: Any, path: tuple[Any, ...], out: list[tuple[tuple[Any, ...], int]]) -> None:
    """Every entry under a memo table node: (path, entry) into ``out``."""
    if type(node) is int:
        out.append((path, node))
    elif type(node) is dict:
        for key, below in node.items():
            if key is not _memo._COUNT:
                _leaves(below, (*path, key), out)


def entries(cls: type) -> list[tuple[str, tuple[Any, ...], int]]:
    """Every entry of ``cls``'s memo tables as ``(method name, path, entry)`` (the path
    as the memo keys it, the entry a word plus its type checks above bit 31)."""
    got = []
    for slot, root in enumerate(_core._CLASS_MEMOS.get(cls, [])):
        method = _memo._SLOT_METHODS.get(slot)
        if method is None or root is None:
            continue
        found: list[tuple[tuple[Any, ...], int]] = []
        _leaves(root, (), found)
        name = method_name(method)
        got += [(name, path, entry) for path, entry in found]
    return got


def snapshot(cls: type) -> dict[str, dict[str, int]]:
    """The words of ``cls``'s memo tables that can be kept: per method (module and
    qualified name), per path as text, the word."""
    got: dict[str, dict[str, int]] = {}
    for name, path, entry in entries(cls):
        text = _pathstr(path)
        if text is not None:
            got.setdefault(name, {})[text] = entry & 0xFFFF_FFFF
    return got


def _sources_of(cls: type) -> list[str]:
    """The source files of the classes in ``cls``'s MRO outside a64jit (what the full
    path of its methods may run besides a64jit)."""
    files = []
    for base in cls.__mro__:
        module = sys.modules.get(base.__module__)
        name = getattr(module, "__file__", None)
        if not name or module is None or module.__name__.split(".")[0] in ("a64jit",
                                                                            "builtins"):
            continue
        path = os.path.realpath(name)
        if path not in files:
            files.append(path)
    return files


class _Table:
    """One method's words as the file keeps them: its paths' texts sorted (a lookup is a
    bisection), their words in that order, and the order the bound keeps them in (most
    recently met first) as positions. Unpacking one is a tuple of strings and two
    arrays: no dictionary to build (which was two thirds of unpacking one: 0.8M
    instructions for ldr's 546 words, 0.27M as a tuple; a program meets a few words of
    each table it unpacks, fib 222 of 1,597)."""

    __slots__ = ("keys", "order", "values")

    def __init__(self, keys: tuple[str, ...], values: array[int], order: array[int]) -> None:
        self.keys = keys
        self.values = values
        self.order = order

    @classmethod
    def of(cls, words: dict[str, int]) -> _Table:
        """The table of ``words`` (their order kept as the bound's)."""
        keys = tuple(sorted(words))
        where = {k: i for i, k in enumerate(keys)}
        return cls(keys, array("I", [words[k] for k in keys]),
                   array("I", [where[k] for k in words]))

    def get(self, text: str) -> int | None:
        keys = self.keys
        i = bisect_left(keys, text)
        if i < len(keys) and keys[i] == text:
            return self.values[i]
        return None

    def __len__(self) -> int:
        return len(self.keys)

    def words(self) -> dict[str, int]:
        """Per path as text, the word, in the bound's order."""
        keys, values = self.keys, self.values
        try:
            got = {keys[i]: values[i] for i in self.order}
        except IndexError:  # (a file's order that is no permutation: never written)
            got = {}
        if len(got) != len(keys):
            got = dict(zip(keys, values, strict=True))
        return got

    def pack(self) -> bytes:
        return marshal.dumps((self.keys, self.values.tobytes(), self.order.tobytes()), 4)


def _unpack(blob: bytes) -> _Table | None:
    """A method's table from its blob in the file; None if it is not one (a file
    whose checksum holds was written by this module: never expected)."""
    try:
        keys, values, order = marshal.loads(blob)
        if type(keys) is not tuple or not all(type(k) is str for k in keys):
            return None
        words, where = array("I", values), array("I", order)
    except (ValueError, EOFError, TypeError):
        return None
    n = len(keys)
    if len(words) != n or len(where) != n:
        return None
    return _Table(keys, words, where)


class MemoCache:
    """The memo words of one assembler class kept in the file at ``path``: read when
    attached (:meth:`attach`), handed to the class's memo on its misses
    (:meth:`lookup`), written when the tables hold words the file lacks (at exit, or at
    :meth:`checkpoint`). See the module docstring for what keeps a word valid.

    ``fingerprint`` (str or bytes): the sources the words depend on, if the caller
    computes it (it must change whenever a64jit's or the class's sources do); by
    default :func:`a64jit.cachefile.fingerprint` of a64jit, the source files of the
    attached class's MRO and ``sources`` (files or directories of ``.py`` files).
    ``keep``: also remove this directory's files of the same name up to its first dot
    and the same suffix (other interpreters' or formats') beyond the ``keep`` newest
    (None: none removed). ``write_after`` and ``at_exit``: unserved misses that make
    :meth:`checkpoint` and the exit write the file. ``method_limit``: the words a write
    keeps per method (the most recently met)."""

    #: Unserved misses that make a checkpoint, and the exit, write the file (the exit:
    #: a typical run writes once; each write walks every table).
    WRITE_AFTER: Final = 2000
    AT_EXIT: Final = 32
    #: Words the file keeps per method: those of the writing process first, then the
    #: file's in the order it holds them (most recently written first). A process
    #: unpacks a method's table whole at its first miss: this bounds that, and the file.
    METHOD_LIMIT: Final = 1024

    def __init__(self, path: str | os.PathLike[str], *,
                 fingerprint: str | bytes | None = None,
                 sources: Sequence[str | os.PathLike[str]] = (), keep: int | None = None,
                 write_after: int = WRITE_AFTER, at_exit: int = AT_EXIT,
                 method_limit: int = METHOD_LIMIT) -> None:
        if fingerprint is not None and not isinstance(fingerprint, (str, bytes)):
            raise TypeError(f"MemoCache: fingerprint {fingerprint!r} is a "
                            f"{type(fingerprint).__name__}; allowed: str, bytes or None")
        if keep is not None and (type(keep) is not int or keep < 1):
            raise ValueError(f"MemoCache: keep={keep!r}; allowed: an int >= 1 or None")
        for name, value in (("write_after", write_after), ("at_exit", at_exit)):
            if type(value) is not int or value < 0:
                raise ValueError(f"MemoCache: {name}={value!r}; allowed: an int >= 0")
        if type(method_limit) is not int or method_limit < 1:
            raise ValueError(f"MemoCache: method_limit={method_limit!r}; allowed: an int "
                             ">= 1")
        self.path = os.fspath(path)
        self.fingerprint = fingerprint
        self.sources = tuple(os.fspath(s) for s in sources)
        self.keep = keep
        self.write_after = write_after
        self.at_exit = at_exit
        self.method_limit = method_limit
        #: the attached class (None before :meth:`attach` and after :meth:`detach`)
        self.cls: type | None = None
        #: per method, its words (the file's, then this process's: see :attr:`words`);
        #: a method of the file not looked up yet is in ``_packed`` instead
        self._tables: dict[str, _Table] = {}
        #: per method of the file not unpacked yet: its number of words, its table's blob
        self._packed: dict[str, tuple[int, bytes]] = {}
        #: words handed to the memo, and misses it could not serve whose word the memo
        #: then kept (words the file lacks), since the last write
        self.hits = 0
        self.misses = 0
        #: misses whose call the memo did not keep (operands that expand to more than one
        #: word, e.g. an immediate that needs a scratch; an operand with no text; an
        #: error): met again in every process, never in the file, so never a reason to
        #: write it
        self.unkept = 0
        #: misses not counted yet: (memo tables, slot, path), resolved once the call
        #: has run (:meth:`_settle`)
        self._pending: list[tuple[list[Any], int, tuple[Any, ...]]] = []
        self._checked: set[str] = set()
        #: every word handed out is checked against the full path (else the first)
        self.verify_all = False
        #: a word did not match its full path, or the sources changed since they were
        #: loaded: nothing is handed out or written any more
        self.disabled = False
        self._scratch: Any = None
        self._key: bytes | None = None
        self._exit_registered = False
        #: per memo slot, its method's name and words (the file's)
        self._by_slot: dict[int, tuple[str, _Table | None]] = {}

    def __repr__(self) -> str:
        cls = self.cls.__qualname__ if self.cls is not None else None
        return (f"MemoCache({self.path!r}: {cls}, {self.loaded} words, {self.hits} served"
                f"{', disabled' if self.disabled else ''})")

    @staticmethod
    def file_name(stem: str = "memo") -> str:
        """``<stem>.<interpreter tag>.bin``: a file name of this interpreter's own (two
        interpreters sharing a directory keep a file each: with ``keep``, a directory
        of such files stays bounded)."""
        return f"{stem}.{cachefile.interpreter_tag()}.bin"

    @property
    def loaded(self) -> int:
        """Words held."""
        return sum(len(v) for v in self._tables.values()) + sum(
            n for n, _ in self._packed.values())

    @property
    def words(self) -> dict[str, dict[str, int]]:
        """Per method unpacked (met, or all after a write), per path as text, the word,
        in the order a write keeps them (a copy; assigning replaces them all)."""
        return {name: table.words() for name, table in self._tables.items()}

    @words.setter
    def words(self, words: dict[str, dict[str, int]]) -> None:
        self._tables = {name: _Table.of(ws) for name, ws in words.items()}
        self._packed = {}
        self._by_slot.clear()

    def _table(self, name: str) -> _Table | None:
        """Method ``name``'s words (unpacked from the file's blob at the first call), or
        None."""
        table = self._tables.get(name)
        if table is None:
            packed = self._packed.pop(name, None)
            if packed is not None:
                table = _unpack(packed[1])
                if table is not None:
                    self._tables[name] = table
        return table

    def _unpack_all(self) -> None:
        for name in list(self._packed):
            self._table(name)

    # -- attaching -------------------------------------------------------------------------

    def attach(self, cls: C) -> C:
        """Serve ``cls``'s memo misses from this file (read now) and write its words
        back; returns ``cls`` (a class decorator). ``cls`` must be an assembler class of
        your own (a subclass of :class:`~a64jit.Assembler` or
        :class:`~a64jit.MacroAssembler`, not one of a64jit's), attached to no other
        cache."""
        if not isinstance(cls, type) or not issubclass(cls, _core.AssemblerCore):
            raise TypeError(f"MemoCache.attach: {cls!r} is not an assembler class; allowed: "
                            "a subclass of a64jit.Assembler or a64jit.MacroAssembler")
        if cls.__module__.split(".")[0] == "a64jit":
            raise ValueError(f"MemoCache.attach: {cls.__qualname__} is a64jit's own class; "
                             "allowed: a subclass of your own (every user of a64jit in the "
                             "process would be served from your file)")
        if self.cls is not None and self.cls is not cls:
            raise ValueError(f"MemoCache.attach: this cache serves {self.cls.__qualname__} "
                             f"already; allowed: one class per cache")
        current = cls.__dict__.get("miss_source")
        if current is not None and getattr(current, "__self__", None) is not self:
            raise ValueError(f"MemoCache.attach: {cls.__qualname__} has a miss_source "
                             f"already ({current!r}); allowed: one cache per class")
        self.cls = cls
        self._key = self._make_key(cls)
        if self._key is None:
            self.disabled = True  # sources edited after this process loaded them
        self.read()
        cast(Any, cls).miss_source = self.lookup
        if not self._exit_registered:
            atexit.register(self._at_exit)
            self._exit_registered = True
        return cls

    def detach(self) -> None:
        """Stop serving the attached class (its memo keeps what it holds) and writing at
        exit."""
        # (by the bound method's owner, as attach checks: ``== self.lookup`` would miss a
        # lookup patched on the class after attach, leaving the class served)
        current = self.cls.__dict__.get("miss_source") if self.cls is not None else None
        if current is not None and getattr(current, "__self__", None) is self:
            cast(Any, self.cls).miss_source = None
        self.cls = None
        if self._exit_registered:
            atexit.unregister(self._at_exit)
            self._exit_registered = False

    def _make_key(self, cls: type) -> bytes | None:
        """The file's key for ``cls``; None when a default-fingerprinted source is newer
        than this process's a64jit."""
        fp = self.fingerprint
        if fp is None:
            digest, newest = cachefile.fingerprint(
                _PACKAGE, *_sources_of(cls), *self.sources, salt=_MAGIC)
            if newest > _LOADED_AT:
                return None
            fp = digest
        return cachefile.digest(_MAGIC, fp)

    # -- the file ---------------------------------------------------------------------------

    def read(self) -> int:
        """Read the file (nothing when it is missing, stale, torn or wrong); the words
        it holds."""
        self._by_slot.clear()
        self._tables = {}
        self._packed = {}
        key = self._key
        blob = cachefile.read(self.path, _MAGIC, key) if key is not None else None
        try:
            packed = marshal.loads(blob) if blob is not None else None
        except (ValueError, EOFError, TypeError):
            packed = None
        if type(packed) is not dict or not all(
                type(k) is str and type(v) is tuple and len(v) == 2 and type(v[0]) is int
                and type(v[1]) is bytes for k, v in packed.items()):
            return 0
        self._packed = packed
        return self.loaded

    def flush(self, least: int = 1) -> bool:
        """Write the file when the attached class's tables hold ``least`` or more words
        it lacks; whether it wrote. Per method, the file keeps at most ``method_limit``
        words: the tables' (this process met them), then the file's in its order (the
        most recently written first)."""
        self._pending.clear()
        self.misses = self.hits = self.unkept = 0
        if self.cls is None or self._key is None or self.disabled:
            return False
        now = snapshot(self.cls)
        self._unpack_all()
        old = self.words
        new = sum(1 for m, ws in now.items() for k in ws if k not in old.get(m, ()))
        if new < least:
            return False
        limit = self.method_limit
        merged: dict[str, dict[str, int]] = {}
        for m in (*now, *(m for m in old if m not in now)):
            mine = now.get(m, {})
            table = dict(itertools.islice(mine.items(), limit))
            for k, w in old.get(m, {}).items():
                if len(table) >= limit:
                    break
                table.setdefault(k, w)
            merged[m] = table
        self.words = merged
        blob = marshal.dumps({m: (len(t), t.pack()) for m, t in self._tables.items()}, 4)
        if not cachefile.write(self.path, _MAGIC, self._key, blob):
            return False  # a read-only place: nothing kept
        if self.keep is not None:
            name = os.path.basename(self.path)
            prefix = name.split(".", 1)[0] + "."
            suffix = os.path.splitext(name)[1]
            cachefile.prune(os.path.dirname(self.path) or ".", prefix, suffix,
                            keep=self.keep, current=self.path)
        return True

    def worth_writing(self, least: int) -> bool:
        """Whether this process met ``least`` or more words the file lacks since the
        last write, and more than a fifth of all it looked up (a filled file still
        misses words that hold a process's own addresses: those alone never write).
        Misses whose call the memo did not keep (``unkept``) do not count."""
        self._settle()
        return self.misses >= least and self.misses * 4 > self.hits

    def checkpoint(self) -> bool:
        """Write the file when ``write_after`` misses since the last write were not
        served from it (a JIT calls this after each compilation; short runs write at
        exit); whether it wrote."""
        return self.worth_writing(self.write_after) and self.flush()

    def _settle(self, leave: int = 0) -> None:
        """Count the pending misses but the last ``leave`` (calls that may still be
        running: a macro's full path calls other instructions): as ``misses`` those
        whose word the memo kept since, as ``unkept`` the others."""
        pending = self._pending
        done = len(pending) - leave
        if done <= 0:
            return
        get, missing = _memo._nested_get, _memo._NOT_FOUND
        kept = sum(1 for table, slot, path in pending[:done]
                   if get(table, slot, path) != missing)
        self.misses += kept
        self.unkept += done - kept
        del pending[:done]

    def _at_exit(self) -> None:
        if self.worth_writing(self.at_exit):
            with contextlib.suppress(Exception):  # (at exit: never a traceback)
                self.flush()

    # -- the memo's source ------------------------------------------------------------------

    def lookup(self, asm: Any, slot: int, key: tuple[Any, ...], typed: int) -> int | None:
        """The word the file holds for the method of ``slot`` and operands ``key``
        (the attached class's ``miss_source``), or None. The first word handed out in
        this process (every word, with ``verify_all``) is encoded again through its
        method's full path on a scratch assembler and must match, else nothing is
        handed out any more."""
        if self.disabled or type(asm) is not self.cls:
            return None
        try:
            name, table = self._by_slot[slot]
        except KeyError:
            name = method_name(_memo._SLOT_METHODS[slot])
            table = self._table(name)
            self._by_slot[slot] = name, table
        # (memo.py's _path, inline: this runs once per word served)
        path = key if typed < 0 else (
            type(key[typed]), *key[:typed], *key[typed + 1:], key[typed])
        try:
            text = _pathstr(path)
        except (ValueError, TypeError, OverflowError):
            text = None  # an operand with no text (an int past str()'s digit limit)
        word = None
        if table is not None and text is not None:
            keys = table.keys  # (_Table.get, inline: once per word served)
            i = bisect_left(keys, text)
            if i < len(keys) and keys[i] == text:
                word = table.values[i]
        if word is None:
            if text is None:
                self.unkept += 1  # (no text: never in the file)
                return None
            # The full path runs next: a word for the file if the memo keeps it (one
            # word), which is known once the call is over (counted at the next write's
            # test; a long list is counted but its last few, whose calls may be running).
            pending = self._pending
            if len(pending) >= 256:
                self._settle(leave=8)
            pending.append((cast(Any, asm)._memos, slot, path))
            return None
        if self.verify_all or not self._checked:
            method = _memo._SLOT_METHODS[slot]
            scratch: Any = self._scratch
            if scratch is None:
                scratch = self._scratch = asm.__class__()
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


__all__ = ["FORMAT", "MemoCache", "entries", "method_name", "operand_text", "snapshot"]
