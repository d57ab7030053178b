"""Files kept between processes: what a JIT's on-disk cache needs, in one place.

A JIT that keeps work between runs (machine code, built fragments, compiled programs) as
Python keeps ``.pyc`` files needs the same four things every time; this module gives them
once, so that each cache only says what it stores:

- :func:`fingerprint`: a digest of the sources a cache's content depends on (the ``.py``
  files of packages or single files: path, size, modification time in ns, the rule of
  ``.pyc`` files) and of the interpreter; computed once per process per set of paths
  (one ``stat`` per file), with the newest modification time, so that a process can tell
  whether its sources were edited after it loaded them (a pair: no class to make at
  import, ~60 us a process that loads this module on its own pays);
- :func:`interpreter_tag`: ``<cache tag>-<12 hex digits>``, for a file's name: two
  interpreters of one cache tag (the host's CPython and an arm64 CPython under qemu
  running the same tree) keep a file each instead of overwriting each other's;
- :func:`read` and :func:`write`: a file of one *key* (16 bytes, e.g. a :func:`digest` of
  a fingerprint and of what the entry is for) and a payload, with a checksum. :func:`read`
  returns the payload, or None for anything that is not a whole file of this magic and
  key (missing, stale, torn, edited, a directory, unreadable): a cache never uses a bad
  entry, it makes the entry again. :func:`write` is atomic (a temporary file of this
  process and thread, then ``os.replace``: a reader sees the old file or the new one,
  never a mix; concurrent writers each replace the whole file) and never raises for a
  place that cannot be written (it returns False, or raises the ``OSError`` with
  ``strict=True``);
- :func:`prune`: bounds a directory's files of one cache (other interpreters' and older
  formats') and removes temporary files a killed writer left.

File format: the caller's ``magic`` (which names the cache and its format), the key, a
16-byte :func:`checksum` of the payload (its SipHash-1-3, the 64-bit hash of hash-based
``.pyc`` files, and its length), then the payload. A key is a :func:`digest`: SipHash-1-3
with two keys (``_imp.source_hash``: no import at start-up, ~1.4 GB/s). A checksum
hashes once (a read hashes the whole payload: the JIT's memo file is ~120 KB, 0.36M
instructions a pass under valgrind, paid by every process that reads it); both detect
accidents (a torn write, an edit, a file of other sources), not an attacker: as with
``.pyc`` files, whoever can write the cache's directory can change what runs. This
module imports only what the interpreter has loaded at start-up (it can be loaded on its
own, without the package).
"""

from __future__ import annotations

import _imp
import marshal
import os
import sys
import time
from _thread import get_ident
from stat import S_ISDIR

#: Bytes in a key and in a digest.
KEY_SIZE = 16
_K1, _K2 = 0x6134_6A73_6B65_7931, 0x6134_6A73_6B65_7932  # (any two 64-bit keys)


def digest(*parts: bytes | str) -> bytes:
    """A 16-byte digest of ``parts`` (str as UTF-8): of the one part's bytes, or of the
    parts with their lengths (``("ab", "c")`` and ``("a", "bc")`` differ). For keys; a
    file's checksum is :func:`checksum`."""
    if len(parts) == 1 and type(parts[0]) is bytes:
        data = parts[0]
    elif len(parts) == 1 and type(parts[0]) is str:
        data = parts[0].encode("utf-8", "surrogatepass")
    else:
        chunks: list[bytes | bytearray | memoryview] = []
        for part in parts:
            if isinstance(part, str):
                part = part.encode("utf-8", "surrogatepass")
            elif not isinstance(part, (bytes, bytearray, memoryview)):
                raise TypeError(f"digest: part {part!r} is a {type(part).__name__}; "
                                "allowed: bytes or str")
            chunks += (len(part).to_bytes(8, "little"), part)
        data = b"".join(chunks)
    return _hash(data)


def _hash(data: bytes | bytearray | memoryview) -> bytes:
    return _imp.source_hash(_K1, data) + _imp.source_hash(_K2, data)


def checksum(payload: bytes | bytearray | memoryview) -> bytes:
    """A file's 16-byte checksum of ``payload``: its SipHash-1-3 (one key: 64 bits, as a
    hash-based ``.pyc`` file's) and its length (8 bytes each, little-endian)."""
    return _imp.source_hash(_K1, payload) + len(payload).to_bytes(8, "little")


def _interpreter() -> str:
    """What tells two interpreters apart for a cache (not the tree they run)."""
    return (f"{sys.version}|{sys.implementation.cache_tag}|{os.uname().machine}"
            f"|{sys.byteorder}|{sys.maxsize}|{marshal.version}")


_TAG: list[str] = []


def interpreter_tag() -> str:
    """``<sys.implementation.cache_tag>-<12 hex digits>`` (a digest of the version string,
    which names the build, and the machine): the part of a cache file's name that keeps
    two interpreters' files apart (a file's key holds the rest: :func:`fingerprint`)."""
    if not _TAG:
        ident = _hash(f"{sys.version}|{os.uname().machine}".encode())[:6].hex()
        _TAG.append(f"{sys.implementation.cache_tag}-{ident}")
    return _TAG[0]


_FINGERPRINTS: dict[tuple[str | bytes, ...], tuple[bytes, int]] = {}


def fingerprint(*paths: str | os.PathLike[str], salt: bytes | str = b"",
                fresh: bool = False) -> tuple[bytes, int]:
    """``(digest, newest)``: a 16-byte digest of the interpreter, ``salt`` (a cache's
    format and the like) and each of ``paths``: a directory stands for every ``.py``
    file below it (``__pycache__`` and links to directories left out), a file for
    itself; each file counts by its path relative to the argument, size and
    modification time in ns (what ``.pyc`` files check); and the newest of those
    modification times (0: no file). Computed once per process for the same arguments
    (``fresh=True``: again, not kept: a process's check for sources edited after it
    loaded them). A path that cannot be examined makes a digest of this process alone
    (no file of another process matches it)."""
    names = tuple(os.fspath(p) for p in paths)
    salted = (*names, "\0", salt)  # (str and bytes salts never equal)
    if not fresh:
        got = _FINGERPRINTS.get(salted)
        if got is not None:
            return got
    # (rows as marshal data of version 2, which has no references and no interned-string
    # flags: the same bytes in every process; no int printed as text, a fifth of the
    # Python work per file besides its stat)
    rows: list[object] = [_interpreter(), repr(salt)]
    newest = [0]
    try:
        for name in names:
            st = os.stat(name)
            if S_ISDIR(st.st_mode):
                found: list[tuple[str, int, int]] = []
                _walk(name, "", found, newest)
                found.sort()
                rows += (name, found)
            else:
                rows.append((name, st.st_size, st.st_mtime_ns))
                newest[0] = max(newest[0], st.st_mtime_ns)
    except (OSError, ValueError):
        rows.append(os.urandom(16))
    got = (_hash(marshal.dumps(rows, 2)), newest[0])
    if not fresh:
        _FINGERPRINTS[salted] = got
    return got


def _walk(directory: str, prefix: str, rows: list[tuple[str, int, int]],
          newest: list[int]) -> None:
    with os.scandir(directory) as it:
        for entry in it:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if name != "__pycache__":
                    _walk(entry.path, f"{prefix}{name}/", rows, newest)
            elif name.endswith(".py"):
                st = entry.stat()
                mtime = st.st_mtime_ns
                rows.append((prefix + name, st.st_size, mtime))
                if mtime > newest[0]:
                    newest[0] = mtime


def package_dir(name: str) -> str | None:
    """The directory of package ``name`` without importing it: the loaded module's, else
    that of the first ``sys.path`` entry holding ``<name>/__init__.py`` (the path finder's
    rule for a regular package); None when neither finds it."""
    module = sys.modules.get(name)
    if module is not None and getattr(module, "__file__", None):
        return os.path.dirname(os.path.realpath(module.__file__ or ""))
    for entry in sys.path:
        candidate = os.path.join(entry or os.getcwd(), name)
        if os.path.isfile(os.path.join(candidate, "__init__.py")):
            return os.path.realpath(candidate)
    return None


def _check(magic: bytes, key: bytes) -> None:
    if type(magic) is not bytes or not magic:
        raise TypeError(f"cache file magic {magic!r}: expected non-empty bytes")
    if type(key) is not bytes or len(key) != KEY_SIZE:
        raise ValueError(f"cache file key {key!r}: expected {KEY_SIZE} bytes "
                         "(a64jit.cachefile.digest makes one)")


def read(path: str | os.PathLike[str], magic: bytes, key: bytes) -> bytes | None:
    """The payload of the file at ``path`` if it is a whole file of ``magic`` and ``key``
    (its checksum holds), else None: missing, of another key or format, truncated, edited,
    a directory, unreadable. Never raises for the file's state."""
    if type(key) is not bytes or len(key) != KEY_SIZE or type(magic) is not bytes \
            or not magic:
        _check(magic, key)  # (raises)
    head = len(magic) + KEY_SIZE
    try:
        with open(path, "rb") as f:
            data = f.read()
    except (OSError, ValueError):
        return None
    if not data.startswith(magic + key):
        return None
    payload = data[head + KEY_SIZE:]
    if checksum(payload) != data[head:head + KEY_SIZE]:
        return None
    return payload


def write(path: str | os.PathLike[str], magic: bytes, key: bytes,
          payload: bytes | bytearray | memoryview, *, strict: bool = False) -> bool:
    """Write ``payload`` under ``magic`` and ``key`` to ``path`` atomically (its directory
    made when missing); whether it was written. A place that cannot be written (a
    read-only directory, a file where a directory should be, a full disk) returns False,
    or with ``strict`` raises its ``OSError``."""
    _check(magic, key)
    path = os.fspath(path)
    tmp = f"{path}.{os.getpid()}-{get_ident()}.tmp"  # one per writer: threads too
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # left by a killed process of the same id
            os.unlink(tmp)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with open(fd, "wb") as f:
            f.write(magic + key + checksum(payload))
            f.write(payload)
        os.replace(tmp, path)
    except OSError:
        try:  # noqa: SIM105 (contextlib: not loaded at start-up)
            os.unlink(tmp)
        except OSError:
            pass
        if strict:
            raise
        return False
    return True


#: A temporary file older than this (seconds) was left by a writer that died.
STALE_TMP = 3600


def prune(directory: str | os.PathLike[str], prefix: str, suffix: str, *, keep: int,
          current: str | os.PathLike[str] | None = None) -> list[str]:
    """In ``directory``, remove the files named ``<prefix>...<suffix>`` beyond the ``keep``
    most recently written (``current``, the file this process uses, always stays and
    counts), and their temporary files (``<name>.<pid>-<thread>.tmp``) older than
    :data:`STALE_TMP`; the paths removed. Errors (a file another process removed first,
    a read-only directory) are ignored."""
    directory = os.fspath(directory)
    own = os.fspath(current) if current is not None else None
    files: list[tuple[int, str]] = []
    removed: list[str] = []
    now = time.time_ns()
    try:
        with os.scandir(directory) as it:
            for entry in it:
                name = entry.name
                if not name.startswith(prefix) or entry.path == own:
                    continue
                try:
                    mtime = entry.stat(follow_symlinks=False).st_mtime_ns
                except OSError:
                    continue
                if name.endswith(suffix):
                    files.append((mtime, entry.path))
                elif name.endswith(".tmp") and now - mtime > STALE_TMP * 10**9:
                    removed.append(entry.path)
    except OSError:
        return []
    files.sort(reverse=True)
    removed += [path for _, path in files[max(0, keep - (own is not None)):]]
    gone = []
    for path in removed:
        try:
            os.unlink(path)
            gone.append(path)
        except OSError:
            pass
    return gone


__all__ = ["KEY_SIZE", "STALE_TMP", "checksum", "digest", "fingerprint", "interpreter_tag",
           "package_dir", "prune", "read", "write"]
