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
  modification time: the rule ``.pyc`` files use) and of the interpreter
  (:func:`a64jit.cachefile.fingerprint`); any edit of either package makes every entry
  stale (the file is replaced on the next write);
- a body is recorded again with every address a process chooses moved (the call
  table, the depth word, the context block, the helpers' host function: see
  ``t_ops.OpTemplates._entry``): the same words are stored as they are; words that
  differ only in the ``MacroAssembler.mov`` of the call table, depth word or context
  block are stored with those movs to redo (a later process puts the mov of its own
  address in each place when it is as long, else records the body); any other
  difference keeps the body recorded in every process, as before;
- a checksum over the entries (a torn or edited file is ignored, never used).

The file is ``<this package>/__pycache__/subroutines.<cache tag>-<interpreter>.bin``
(under ``sys.pycache_prefix`` when that is set, as Python's own caches), where
``<cache tag>-<interpreter>`` is :func:`a64jit.cachefile.interpreter_tag`: the host's
Python and an arm64 Python under qemu running the same tree keep a file each, where they
would overwrite each other's. It is an :mod:`a64jit.cachefile` file, written atomically
(a reader sees the old file or the new one, never a mix; two processes writing at once
can lose each other's new entries, which a later process records again); each write
removes the oldest of the directory's cache files beyond ``KEEP`` (other interpreters,
older formats) and temporary files a killed process left. A directory that cannot be
written only means every process records.

A process whose sources changed after it loaded them (a ``.py`` file of either package
modified after this module was imported: an edit while a test run or a long program
runs) neither reads nor writes the file: its code may be older than the fingerprint
says, and entries of the old code stored under the new fingerprint would be wrong words
for every later process. ``A64JS_JIT_CACHE=0`` turns the cache off (each process
records its subroutines, as without this module). Trust: the file holds machine code the
JIT runs, next to the package's own ``.pyc`` files, which hold Python code it runs; whoever
can write one can write the other.

Format: :mod:`a64jit.cachefile`'s (a magic naming the format, the fingerprint's digest
as the key, a checksum), its payload a ``marshal`` dict: key -> entry (bytes). This
module imports only what the assembler has imported already (a JIT user's start-up pays
nothing for it).
"""

from __future__ import annotations

import marshal
import os
import sys
import time
from typing import Any

from a64jit import cachefile

#: ``A64JS_JIT_CACHE=0`` (or ``off``, ``no``, ``false``) turns the on-disk cache off.
ENV = "A64JS_JIT_CACHE"
#: The file format; part of the magic and of the fingerprint.
FORMAT = 4
_MAGIC = b"a64js-subroutines\x00\x04\n"
#: The packages whose sources the words depend on.
_PACKAGES = ("a64js", "a64jit")
#: Cache files (of any interpreter) a directory keeps: the newest, this one's always.
KEEP = 4
#: When this process had loaded the packages (this module is imported with the JIT):
#: a source modified later is not the code this process runs.
_LOADED_AT = time.time_ns()


def enabled() -> bool:
    """Whether subroutines are read from and written to the cache file."""
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "off", "no", "false")


def fingerprint(roots: list[str] | None = None) -> str:
    """A digest (hex) of every ``.py`` file under the packages' directories (relative
    path, size, modification time in ns), of the interpreter and of ``FORMAT``:
    :func:`a64jit.cachefile.fingerprint` (the packages': once per process; ``roots``
    given: computed again)."""
    return _sources(roots, fresh=roots is not None)[0].hex()


def _sources(roots: list[str] | None = None, fresh: bool = False) -> tuple[bytes, int]:
    """The fingerprint's digest, and the latest modification time (ns) of its files."""
    if roots is None:
        roots = [_package_dir(name) for name in _PACKAGES]
    return cachefile.fingerprint(*roots, salt=_MAGIC, fresh=fresh)


def interpreter_id() -> str:
    """What tells two interpreters of one cache tag apart, in the cache file's name
    (:func:`a64jit.cachefile.interpreter_tag` without the cache tag)."""
    return cachefile.interpreter_tag().rpartition("-")[2]


def _package_dir(name: str) -> str:
    module = sys.modules.get(name)
    if module is None:
        module = __import__(name)
    return os.path.dirname(os.path.realpath(module.__file__ or ""))


def default_path() -> str:
    """The cache file of this interpreter (see the module docstring): next to this
    module's ``.pyc``, under ``sys.pycache_prefix`` when one is set (as the ``.pyc``)."""
    return _beside_pyc(f"subroutines.{cachefile.interpreter_tag()}.bin")


def _beside_pyc(name: str) -> str:
    here = os.path.dirname(os.path.realpath(__file__))
    if sys.pycache_prefix:
        return os.path.join(sys.pycache_prefix, here.lstrip(os.sep), name)
    return os.path.join(here, "__pycache__", name)


def _key(fp: str) -> bytes:
    return cachefile.digest(_MAGIC, fp)


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
        payload = cachefile.read(self.path, _MAGIC, _key(self.fingerprint))
        if payload is None:
            return {}
        try:
            got = marshal.loads(payload)
        except (ValueError, EOFError, TypeError):
            return {}
        if type(got) is not dict or not all(type(k) is str and type(v) is bytes
                                            for k, v in got.items()):
            return {}
        return got

    def get(self, key: str) -> bytes | None:
        """The entry stored for ``key``, or None."""
        got = self.entries.get(key)
        if got is not None:
            self.hits += 1
        return got

    def put(self, key: str, words: bytes) -> None:
        """Keep ``words`` for ``key``; :meth:`flush` writes them."""
        if self.entries.get(key) == words:
            return
        self.entries[key] = bytes(words)
        self.stores += 1
        self.dirty = True

    def flush(self) -> bool:
        """Write the entries kept since the last flush (with what another process wrote
        meanwhile) to the file: once per compilation that recorded a subroutine, not
        once per subroutine. Whether it wrote (False: nothing new, or a place that
        cannot be written: this process keeps its entries in memory)."""
        if not self.dirty:
            return False
        self.dirty = False
        self.entries = {**self._read(), **self.entries}
        payload = marshal.dumps(dict(sorted(self.entries.items())))
        if not cachefile.write(self.path, _MAGIC, _key(self.fingerprint), payload):
            return False
        prune(os.path.dirname(self.path), keep=self.path)
        return True


def prune(directory: str, keep: str | None = None) -> list[str]:
    """Remove from ``directory`` the cache files (``subroutines.*``) beyond the ``KEEP``
    most recently written (``keep``, this process's file, always stays) and the
    temporary files a killed writer left (:func:`a64jit.cachefile.prune`); the paths
    removed."""
    gone = cachefile.prune(directory, "subroutines.", ".bin", keep=KEEP, current=keep)
    # (files of the text format, before version 4: no process reads them any more)
    gone += cachefile.prune(directory, "subroutines.", ".txt", keep=0, current=keep)
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
        digest, newest = _sources()
        if newest > _LOADED_AT:
            _STALE = True
            return None
        _CACHE = SubroutineCache(default_path(), digest.hex())
    return _CACHE


def flush() -> None:
    """Write this process's new entries, if any (the compiler calls it after each
    compilation)."""
    global _STALE
    if _CACHE is not None and _CACHE.dirty:
        if _CACHE.path == default_path() and _sources(fresh=True)[1] > _LOADED_AT:
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
