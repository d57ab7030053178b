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

The file is ``<this package>/__pycache__/subroutines.<cache tag>.json`` (under
``sys.pycache_prefix`` when that is set, as Python's own caches), written
atomically (a temporary file, then ``os.replace``); a directory that cannot be written
only means every process records. ``A64JS_JIT_CACHE=0`` turns the cache off (each process
records its subroutines, as without this module). Trust: the file holds machine code the
JIT runs, next to the package's own ``.pyc`` files, which hold Python code it runs; whoever
can write one can write the other.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

#: ``A64JS_JIT_CACHE=0`` (or ``off``, ``no``, ``false``) turns the on-disk cache off.
ENV = "A64JS_JIT_CACHE"
#: The file format; part of the fingerprint.
FORMAT = 2
#: The packages whose sources the words depend on.
_PACKAGES = ("a64js", "a64jit")


def enabled() -> bool:
    """Whether subroutines are read from and written to the cache file."""
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "off", "no", "false")


def fingerprint(roots: list[Path] | None = None) -> str:
    """A digest of every ``.py`` file under the packages' directories (relative path,
    size, modification time in ns) and of the Python version and ``FORMAT``."""
    if roots is None:
        roots = [_package_dir(name) for name in _PACKAGES]
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}|{sys.version}|{sys.implementation.cache_tag}".encode())
    for root in roots:
        rows: list[str] = []
        _walk(root, "", rows)
        rows.sort()
        h.update(f"|{root.name}|".encode())
        h.update("\n".join(rows).encode())
    return h.hexdigest()


def _walk(directory: Path, prefix: str, rows: list[str]) -> None:
    with os.scandir(directory) as it:
        for entry in it:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _walk(Path(entry.path), f"{prefix}{entry.name}/", rows)
            elif entry.name.endswith(".py"):
                st = entry.stat()
                rows.append(f"{prefix}{entry.name} {st.st_size} {st.st_mtime_ns}")


def _package_dir(name: str) -> Path:
    module = sys.modules.get(name)
    if module is None:
        module = __import__(name)
    return Path(module.__file__ or "").resolve().parent


def default_path() -> Path:
    """The cache file of this interpreter (see the module docstring): next to this
    module's ``.pyc``, under ``sys.pycache_prefix`` when one is set (as the ``.pyc``)."""
    here = Path(__file__).resolve().parent
    name = f"subroutines.{sys.implementation.cache_tag}.json"
    if sys.pycache_prefix:
        return Path(sys.pycache_prefix, *here.parts[1:], name)
    return here / "__pycache__" / name


def _checksum(fp: str, entries: dict[str, str]) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(fp.encode())
    for key in sorted(entries):
        h.update(f"\n{key}\t{entries[key]}".encode())
    return h.hexdigest()


class SubroutineCache:
    """The entries of one cache file: stable key -> the subroutine's entry (bytes the
    templates make and read: t_ops.OpTemplates._entry and _relocate)."""

    def __init__(self, path: Path, fp: str) -> None:
        self.path = path
        self.fingerprint = fp
        self.entries: dict[str, bytes] = self._read()
        #: entries read from the file and written to it by this process (for --stats-like
        #: reports and the tests)
        self.hits = 0
        self.stores = 0

    def _read(self) -> dict[str, bytes]:
        """The file's entries when it is whole and of this fingerprint, else none."""
        try:
            raw: Any = json.loads(self.path.read_text(encoding="utf-8"))
            if raw.get("fingerprint") != self.fingerprint:
                return {}
            text: dict[str, str] = raw["entries"]
            if raw.get("checksum") != _checksum(self.fingerprint, text):
                return {}
            return {str(k): bytes.fromhex(v) for k, v in text.items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}

    def get(self, key: str) -> bytes | None:
        """The words stored for ``key``, or None."""
        got = self.entries.get(key)
        if got is not None:
            self.hits += 1
        return got

    def put(self, key: str, words: bytes) -> None:
        """Store ``words`` for ``key`` (and what another process wrote meanwhile)."""
        if self.entries.get(key) == words:
            return
        self.entries = {**self._read(), **self.entries, key: bytes(words)}
        self.stores += 1
        text = {k: v.hex() for k, v in self.entries.items()}
        doc = {"format": FORMAT, "fingerprint": self.fingerprint, "entries": text,
               "checksum": _checksum(self.fingerprint, text)}
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(doc, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:  # a read-only install: this process keeps its entries in memory
            with contextlib.suppress(OSError):
                tmp.unlink()


_CACHE: SubroutineCache | None = None


def cache() -> SubroutineCache | None:
    """This process's cache (read at first use), or None when it is off."""
    global _CACHE
    if not enabled():
        return None
    if _CACHE is None:
        _CACHE = SubroutineCache(default_path(), fingerprint())
    return _CACHE


def reset(path: Path | None = None) -> None:
    """Forget this process's cache; the next use reads ``path`` (default: the package's
    file) again. For the tests and the benchmark."""
    global _CACHE
    _CACHE = None if path is None else SubroutineCache(path, fingerprint())


__all__ = ["ENV", "FORMAT", "SubroutineCache", "cache", "default_path", "enabled",
           "fingerprint", "reset"]
