"""The JIT's shared subroutines, kept between processes (a code cache on disk).

A subroutine of the templates (``t_ops.OpTemplates._subroutine``: strict equality,
truthiness, the property-cache lookups, the number paths ...) is the same words in every
function of a process, so each process records it once. That first recording is most of
a small program's compile time: every one of its instructions is new to the Assembler's
memo (~10-14 subroutines, ~900 instructions, each a memo miss in a fresh process). Its
words depend only on the sources of ``a64js`` and ``a64jit`` (the template bodies, the
encoders, the MacroAssembler's choices) and on what the in-process key holds; so a
subroutine is written here once and read back by every later process, as Python keeps
a module's bytecode in ``__pycache__``.

What keeps an entry valid:

- the file names a *fingerprint* of every ``.py`` file of both packages (path, size,
  modification time: the rule ``.pyc`` files use) and of the Python version; any edit
  of either package makes every entry stale (the file is replaced on the next write);
- a body is recorded again with every address a process chooses moved (the call
  table, the depth word, the context block, the helpers' host function: see
  ``t_ops.OpTemplates._entry``): the same words are stored as they are; words that
  differ only in the ``MacroAssembler.mov`` of the call table, depth word or context
  block are stored with those movs to redo (a later process puts the mov of its own
  address in each place when it is as long, else records the body); any other
  difference keeps the body recorded in every process, as before;
- a checksum over the entries (a torn or edited file is ignored, never used).

The file is ``<this package>/__pycache__/subroutines.<cache tag>-<interpreter>.txt``
(under ``sys.pycache_prefix`` when that is set, as Python's own caches), where
``<interpreter>`` is a short digest of what tells two interpreters of one cache tag apart
(``sys.version``, the machine, ``FORMAT``): the host's Python and an arm64 Python under
qemu running the same tree keep a file each, where they would overwrite each other's. It
is written atomically (a temporary file of this process and thread, then ``os.replace``:
a reader sees the old file or the new one, never a mix; two processes writing at once can
lose each other's new entries, which a later process records again); each write removes
the oldest of the directory's cache files beyond ``KEEP`` (other interpreters, older
formats) and temporary files a killed process left. A directory that cannot be written
only means every process records.

A process whose sources changed after it loaded them (a ``.py`` file of either package
modified after this module was imported: an edit while a test run or a long program
runs) neither reads nor writes the file: its code may be older than the fingerprint
says, and entries of the old code stored under the new fingerprint would be wrong words
for every later process. ``A64JS_JIT_CACHE=0`` turns the cache off (each process
records its subroutines, as without this module). Trust: the file holds machine code the
JIT runs, next to the package's own ``.pyc`` files, which hold Python code it runs; whoever
can write one can write the other.

Format (text, one record a line, fields split by tabs; keys and hex words hold no tab or
newline): ``a64js-subroutines <FORMAT>``, ``fingerprint <hex>``, ``checksum <hex>``,
then ``<key>\\t<hex words>`` per entry. This module imports only what the assembler has
imported already (a JIT user's start-up pays nothing for it: pathlib, json and hashlib
cost ~18 ms there); the digest comes from ``_blake2`` at the first compilation.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from _thread import get_ident
from typing import Any

#: ``A64JS_JIT_CACHE=0`` (or ``off``, ``no``, ``false``) turns the on-disk cache off.
ENV = "A64JS_JIT_CACHE"
#: The file format; part of the fingerprint.
FORMAT = 3
#: The packages whose sources the words depend on.
_PACKAGES = ("a64js", "a64jit")
#: Cache files (of any interpreter) a directory keeps: the newest, this one's always.
KEEP = 4
#: A temporary file older than this (seconds) was left by a process that died writing it.
_STALE_TMP = 3600
#: When this process had loaded the packages (this module is imported with the JIT):
#: a source modified later is not the code this process runs.
_LOADED_AT = time.time_ns()


def enabled() -> bool:
    """Whether subroutines are read from and written to the cache file."""
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "off", "no", "false")


def _digest() -> Any:
    try:
        from _blake2 import blake2b
    except ImportError:  # (an interpreter without the module: hashlib's, slower to import)
        from hashlib import blake2b
    return blake2b(digest_size=16)


def fingerprint(roots: list[str] | None = None) -> str:
    """A digest of every ``.py`` file under the packages' directories (relative path,
    size, modification time in ns) and of the Python version and ``FORMAT``."""
    return _sources(roots)[0]


def _sources(roots: list[str] | None = None) -> tuple[str, int]:
    """The fingerprint, and the latest modification time (ns) of the files in it."""
    if roots is None:
        roots = [_package_dir(name) for name in _PACKAGES]
    h = _digest()
    h.update(f"{FORMAT}|{sys.version}|{sys.implementation.cache_tag}".encode())
    latest = [0]
    for root in roots:
        rows: list[str] = []
        _walk(root, "", rows, latest)
        rows.sort()
        h.update(f"|{os.path.basename(root)}|".encode())
        h.update("\n".join(rows).encode())
    return str(h.hexdigest()), latest[0]


def _walk(directory: str, prefix: str, rows: list[str], latest: list[int]) -> None:
    with os.scandir(directory) as it:
        for entry in it:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _walk(entry.path, f"{prefix}{entry.name}/", rows, latest)
            elif entry.name.endswith(".py"):
                st = entry.stat()
                rows.append(f"{prefix}{entry.name} {st.st_size} {st.st_mtime_ns}")
                latest[0] = max(latest[0], st.st_mtime_ns)


def interpreter_id() -> str:
    """A short digest of what tells two interpreters of one cache tag apart (the
    version string, the machine, the byte order and word size, ``FORMAT``): part of the
    cache file's name."""
    h = _digest()
    h.update(f"{FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{os.uname().machine}"
             f"|{sys.byteorder}|{sys.maxsize}".encode())
    return str(h.hexdigest())[:12]


def _package_dir(name: str) -> str:
    module = sys.modules.get(name)
    if module is None:
        module = __import__(name)
    return os.path.dirname(os.path.realpath(module.__file__ or ""))


def default_path() -> str:
    """The cache file of this interpreter (see the module docstring): next to this
    module's ``.pyc``, under ``sys.pycache_prefix`` when one is set (as the ``.pyc``)."""
    here = os.path.dirname(os.path.realpath(__file__))
    name = f"subroutines.{sys.implementation.cache_tag}-{interpreter_id()}.txt"
    if sys.pycache_prefix:
        return os.path.join(sys.pycache_prefix, here.lstrip(os.sep), name)
    return os.path.join(here, "__pycache__", name)


def _checksum(fp: str, entries: dict[str, str]) -> str:
    h = _digest()
    h.update(fp.encode())
    for key in sorted(entries):
        h.update(f"\n{key}\t{entries[key]}".encode())
    return str(h.hexdigest())


class SubroutineCache:
    """The entries of one cache file: stable key -> the subroutine's entry (bytes the
    templates make and read: t_ops.OpTemplates._entry and _relocate)."""

    def __init__(self, path: str, fp: str) -> None:
        self.path = str(path)
        self.fingerprint = fp
        self.entries: dict[str, bytes] = self._read()
        #: entries read from the file, and written to it, by this process
        self.hits = 0
        self.stores = 0
        #: entries kept that the file lacks
        self.dirty = False

    def _read(self) -> dict[str, bytes]:
        """The file's entries when it is whole and of this fingerprint, else none."""
        try:
            with open(self.path, encoding="utf-8") as f:
                lines = f.read().split("\n")
            if lines[0] != f"a64js-subroutines {FORMAT}" \
                    or lines[1] != f"fingerprint {self.fingerprint}" \
                    or not lines[2].startswith("checksum "):
                return {}
            text: dict[str, str] = {}
            for line in lines[3:]:
                if line:
                    key, words = line.split("\t")
                    text[key] = words
            if lines[2] != f"checksum {_checksum(self.fingerprint, text)}":
                return {}
            return {k: bytes.fromhex(v) for k, v in text.items()}
        except (OSError, ValueError, IndexError, UnicodeDecodeError):
            return {}

    def get(self, key: str) -> bytes | None:
        """The entry stored for ``key``, or None."""
        got = self.entries.get(key)
        if got is not None:
            self.hits += 1
        return got

    def put(self, key: str, words: bytes) -> None:
        """Keep ``words`` for ``key``; :meth:`flush` writes them."""
        if "\t" in key or "\n" in key or self.entries.get(key) == words:
            return
        self.entries[key] = bytes(words)
        self.stores += 1
        self.dirty = True

    def flush(self) -> None:
        """Write the entries kept since the last flush (with what another process wrote
        meanwhile) to the file: once per compilation that recorded a subroutine, not
        once per subroutine."""
        if not self.dirty:
            return
        self.dirty = False
        self.entries = {**self._read(), **self.entries}
        text = {k: v.hex() for k, v in self.entries.items()}
        doc = "\n".join([f"a64js-subroutines {FORMAT}", f"fingerprint {self.fingerprint}",
                         f"checksum {_checksum(self.fingerprint, text)}",
                         *(f"{k}\t{v}" for k, v in sorted(text.items()))]) + "\n"
        # one temporary file per process and thread: two writers never share one
        tmp = f"{self.path}.{os.getpid()}-{get_ident()}.tmp"
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(doc)
            os.replace(tmp, self.path)
        except OSError:  # a read-only install: this process keeps its entries in memory
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return
        prune(os.path.dirname(self.path), keep=self.path)


def _named_by_id(name: str) -> bool:
    """Whether ``subroutines.<tag>-<id>.txt`` ends in an interpreter id (12 hex digits)."""
    ident = name[:-len(".txt")].rpartition("-")[2]
    return len(ident) == 12 and all(c in "0123456789abcdef" for c in ident)


def prune(directory: str, keep: str | None = None) -> list[str]:
    """Remove from ``directory`` the cache files (``subroutines.*.txt``) beyond the
    ``KEEP`` most recently written (``keep``, this process's file, always stays), those
    named without an interpreter id (an older version's) and the temporary files older
    than an hour; the paths removed. Errors (a file another process
    removed first, a read-only directory) are ignored."""
    files: list[tuple[int, str]] = []
    removed: list[str] = []
    now = time.time_ns()
    try:
        with os.scandir(directory) as it:
            for entry in it:
                name = entry.name
                if not name.startswith("subroutines.") or entry.path == keep:
                    continue
                with contextlib.suppress(OSError):
                    mtime = entry.stat(follow_symlinks=False).st_mtime_ns
                    if name.endswith(".txt") and not _named_by_id(name):
                        removed.append(entry.path)  # named before interpreter ids
                    elif name.endswith(".txt"):
                        files.append((mtime, entry.path))
                    elif name.endswith(".tmp") and now - mtime > _STALE_TMP * 10**9:
                        removed.append(entry.path)
    except OSError:
        return []
    files.sort(reverse=True)
    removed += [path for _, path in files[KEEP - (keep is not None):]]
    gone = []
    for path in removed:
        with contextlib.suppress(OSError):
            os.unlink(path)
            gone.append(path)
    return gone


_CACHE: SubroutineCache | None = None
#: Set when this process's sources changed after it loaded them: no cache (see above).
_STALE = False


def cache() -> SubroutineCache | None:
    """This process's cache (read at first use), or None when it is off (by
    ``A64JS_JIT_CACHE``, or because the sources changed after this process loaded them)."""
    global _CACHE, _STALE
    if not enabled() or _STALE:
        return None
    if _CACHE is None:
        fp, latest = _sources()
        if latest > _LOADED_AT:
            _STALE = True
            return None
        _CACHE = SubroutineCache(default_path(), fp)
    return _CACHE


def flush() -> None:
    """Write this process's new entries, if any (the compiler calls it after each
    compilation)."""
    global _STALE
    if _CACHE is not None and _CACHE.dirty:
        if _CACHE.path == default_path() and _sources()[1] > _LOADED_AT:
            _STALE = True  # edited since the entries were made: they may be old code's
            _CACHE.dirty = False
            return
        _CACHE.flush()


def reset(path: Any = None) -> None:
    """Forget this process's cache; the next use reads ``path`` (default: the package's
    file) again. For the tests and the benchmark."""
    global _CACHE
    _CACHE = None if path is None else SubroutineCache(str(path), fingerprint())


__all__ = ["ENV", "FORMAT", "KEEP", "SubroutineCache", "cache", "default_path", "enabled",
           "fingerprint", "flush", "interpreter_id", "prune", "reset"]
