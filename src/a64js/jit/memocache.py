"""The Assembler's memo of the JIT's instructions, kept between processes.

A fresh process starts with an empty memo (``a64jit/assembler/memo.py``), so a JIT's
first compilations pay a first sight (operand checks and encoder, 35-60 us) for every
distinct instruction they emit: ~700 over constraints' 565 bytecodes, a quarter to a
third of its cold compile. a64jit keeps an assembler class's memo words in a file
(:class:`a64jit.MemoCache`: what keeps a word valid, when the file is written, its
format); this module attaches one to the JIT's own MacroAssembler (:class:`JitAssembler`:
its memo tables are its own, and no other assembler of the process consults the file)
with the JIT's choices:

- the file is beside the subroutine cache's (``jit/subcache.py``), one per interpreter
  (``memo.<interpreter tag>.bin``; a write removes the oldest beyond ``KEEP``);
- its fingerprint is the subroutine cache's (every ``.py`` file of a64js and a64jit,
  the interpreter): it is read at the first compilation of a process, and not at all
  when the subroutine cache is off (``A64JS_JIT_CACHE=0``) or the sources changed after
  the process loaded them;
- the compiler calls :func:`flush` after each compilation (a write once ``WRITE_AFTER``
  misses were not served from the file); a typical run writes once, at its exit
  (``AT_EXIT`` such misses; a compare of an immediate that needs a scratch, met in
  every process, is no such miss: a program run again leaves the file as it is);
- the file keeps a64jit's bound: at most ``MemoCache.METHOD_LIMIT`` words per method,
  those of the writing process first, then the most recently written.
"""

from __future__ import annotations

import os

from a64jit import MacroAssembler, MemoCache, cachefile

from . import subcache

#: Misses not served from the file that make a compilation write it (a long run), and
#: the exit.
WRITE_AFTER = 2000
AT_EXIT = 32
#: Memo files (of any interpreter) a directory keeps: the newest, this one's always.
KEEP = 4


def default_path() -> str:
    """The memo file of this interpreter: beside the subroutine cache's file."""
    return os.path.join(os.path.dirname(subcache.default_path()),
                        f"memo.{cachefile.interpreter_tag()}.bin")


class JitAssembler(MacroAssembler):
    """The JIT's MacroAssembler: its own memo tables (those the file keeps), served from
    the file once :func:`cache` has attached it."""


_CACHE: list[MemoCache | None] = []


def cache() -> MemoCache | None:
    """This process's memo cache, read at the first call (None: off, or sources
    changed since the process loaded them)."""
    if not _CACHE:
        sub = subcache.cache()  # None when off or when the sources changed
        _CACHE.append(_use(default_path(), sub.fingerprint) if sub is not None else None)
    return _CACHE[0]


def _use(path: str, fp: str) -> MemoCache:
    """The memo file at ``path`` read and attached to the JIT's assemblers."""
    got = MemoCache(path, fingerprint=fp, keep=KEEP, write_after=WRITE_AFTER,
                    at_exit=AT_EXIT)
    got.attach(JitAssembler)
    return got


def reset(path: str | None = None) -> MemoCache | None:
    """Forget this process's memo cache; with ``path``, read that file now (the
    subroutine cache's fingerprint) and use it from then on. For the tests."""
    if _CACHE and _CACHE[0] is not None:
        _CACHE[0].detach()
    _CACHE.clear()
    if path is None:
        return None
    _CACHE.append(_use(str(path), subcache.fingerprint()))
    return _CACHE[0]


def flush() -> None:
    """After a compilation: write the file when ``WRITE_AFTER`` misses since the last
    write were not served from it (else at exit)."""
    if _CACHE and _CACHE[0] is not None:
        _CACHE[0].checkpoint()


__all__ = ["AT_EXIT", "KEEP", "WRITE_AFTER", "JitAssembler", "cache", "default_path",
           "flush", "reset"]
