"""The JIT's memo kept between processes (jit/memocache.py, on a64jit.MemoCache: its
own tests are tests/macro/test_memo_cache.py): entries put back in a later process give
the same code as a process that encodes every instruction itself (every function of a
few test programs); only the JIT's assemblers consult the file; A64JS_JIT_CACHE=0 reads
none."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from a64jit import MacroAssembler, MemoCache, lsl, x2, x3
from a64js.jit import memocache, subcache

PROGRAMS = Path(__file__).parent / "programs"
ROOT = Path(__file__).resolve().parents[2]
_PATH = os.pathsep.join([str(ROOT / "src"), str(ROOT)])  # (a64js, and tests.js.jitrun)

# One process: compile every function of every test program at threshold 0 (the
# memo file given, or none), print a digest of each function's code, the entries put
# back and the memo's first sights while compiling.
_CHILD = r"""
import hashlib, json, sys
from pathlib import Path
from a64jit.assembler import memo
from a64js.jit import memocache, subcache
from tests.js.jitrun import jit_compiled

path, fp, programs = sys.argv[1], sys.argv[2], sys.argv[3:]
subcache.fingerprint = lambda roots=None, _real=subcache.fingerprint: fp
subcache.reset(path + ".sub")
cache = memocache.reset(path)
cache.verify_all = True
loaded = cache.loaded
misses = [0]
slow = memo._slow
def counting(asm, *args):
    if asm is not cache._scratch:  # (not the check of a served word: verify_all)
        misses[0] += 1
    return slow(asm, *args)
memo._slow = counting

from a64js.jit import compiler
captured = []
plain = compiler.FunctionCompiler.compile
def capture(self):
    out = plain(self)
    fin = out.masm.finalize
    def finalize(*args, **kw):  # (the JIT finalizes at the address: address=)
        data = fin(*args, **kw)
        captured.append(bytes(data))
        return data
    out.masm.finalize = finalize
    return out
compiler.FunctionCompiler.compile = capture

digests = {}
for name in programs:
    for i, _ in enumerate(jit_compiled(name)):  # (each function's words once compiled)
        digests[f"{Path(name).stem}/{i}"] = hashlib.sha256(b"".join(captured)).hexdigest()
        del captured[:]
hits = cache.hits
cache.flush()
print(json.dumps({"loaded": loaded, "misses": misses[0], "hits": hits,
                  "disabled": cache.disabled, "digests": digests}))
"""


def _child(path: Path, fp: str, programs: list[str]) -> dict[str, object]:
    env = dict(os.environ, A64JS_JIT_CACHE="1", PYTHONPATH=_PATH)
    p = subprocess.run([sys.executable, "-c", _CHILD, str(path), fp, *programs],
                       capture_output=True, text=True, env=env, check=False, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    got: dict[str, object] = json.loads(p.stdout.strip().splitlines()[-1])
    return got


def test_default_path_beside_subroutines() -> None:
    path = memocache.default_path()
    assert os.path.dirname(path) == os.path.dirname(subcache.default_path())
    assert os.path.basename(path).startswith("memo.") and path.endswith(".bin")


def test_programs_memo_put_back(tmp_path: Path) -> None:
    """A few test programs compiled in a process that encodes every instruction itself
    and writes the memo file, then in one that is served from it with every word
    checked against the instruction's full path for the same operands: all match
    (so the code is what it would have been without the file), far fewer first
    sights."""
    programs = [str(PROGRAMS / f"{n}.js") for n in _SAMPLE]
    fp = subcache.fingerprint()
    path = tmp_path / "memo.bin"
    first = _child(path, fp, programs)
    assert first["loaded"] == 0
    assert _loaded(path, fp) > 500
    second = _child(path, fp, programs)
    assert second["disabled"] is False
    # (the words runs emit are no memo lookups: ~580 hits before session 20's runs of
    # the allocation and call templates, ~240-280 since)
    assert second["hits"] > 200  # type: ignore[operator]
    before, after, served = (int(str(x)) for x in (first["misses"], second["misses"],
                                                  second["hits"]))
    assert after - served < before // 3, (before, after, served)
    assert sorted(second["digests"]) == sorted(first["digests"])  # type: ignore[call-overload]


_SAMPLE = ("fib", "json", "nbody", "closures")


def _loaded(path: Path, fp: str) -> int:
    """The words the memo file at ``path`` holds for fingerprint ``fp``."""
    c = MemoCache(path, fingerprint=fp)
    c.attach(type("Fresh", (MacroAssembler,), {}))
    c.detach()
    return c.loaded


def test_only_the_jits_assemblers_consult_the_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the JIT has read its memo file, its own assemblers' misses ask it; a plain
    MacroAssembler made afterwards (another user of a64jit in the process) never does,
    nor does the cache's own scratch assembler (its check takes the full path)."""
    asked: list[str] = []
    lookup = MemoCache.lookup

    def spy(self: MemoCache, asm: object, *args: object) -> int | None:
        asked.append(type(asm).__name__)
        return lookup(self, asm, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(MemoCache, "lookup", spy)
    monkeypatch.setattr(subcache, "fingerprint", lambda roots=None: "fp")
    src = type("Fresh", (MacroAssembler,), {})
    src().movz(x2, 0x1235, lsl(16))  # (not a word the JIT's tables may hold already)
    c = MemoCache(tmp_path / "memo.bin", fingerprint="fp")
    c.attach(src)
    try:
        c.flush(least=0)
    finally:
        c.detach()
    try:
        got = memocache.reset(str(tmp_path / "memo.bin"))
        assert got is not None and got.loaded >= 1
        plain = MacroAssembler()
        plain.movz(x2, 0x1235, lsl(16))
        plain.movz(x3, 0x4321)
        assert asked == []  # not consulted
        jit = memocache.JitAssembler()
        jit.movz(x2, 0x1235, lsl(16))
        assert asked == ["JitAssembler"] and got.hits == 1  # served, checked once
        assert bytes(jit.finalize()) == bytes(plain.finalize())[:4]
    finally:
        memocache.reset()
    assert getattr(memocache.JitAssembler, "miss_source", None) is None  # (reset detaches)


def test_switch_off_reads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A64JS_JIT_CACHE=0: no memo cache, the JIT's assemblers consult nothing."""
    monkeypatch.setenv(subcache.ENV, "0")
    memocache.reset()
    subcache.reset()
    try:
        assert memocache.cache() is None
        assert getattr(memocache.JitAssembler, "miss_source", None) is None
    finally:
        memocache.reset()
        subcache.reset()



# One process compiling every function of a program at threshold 0, then exiting: the
# file is written (or not) by the cache's own rule at exit.
_EXIT_CHILD = r"""
import sys
from a64js.jit import memocache, subcache
from tests.js.jitrun import jit_compiled

path, fp, name = sys.argv[1:4]
subcache.fingerprint = lambda roots=None, _real=subcache.fingerprint: fp
subcache.reset(path + ".sub")
cache = memocache.reset(path)

for _ in jit_compiled(name):
    pass
cache.worth_writing(0)  # (counts the misses: the exit's test does the same)
print(cache.hits, cache.misses, cache.unkept)
"""


def test_second_run_leaves_the_file(tmp_path: Path) -> None:
    """A program run again learns nothing: its file is not rewritten at exit (same
    inode and mtime). A compare of an immediate that needs a scratch (never memoised,
    met on every call) is no miss (tests/macro/test_memo_cache.py: the old count made
    feat_arrays' 240 such compares misses against 820 words served, a write at every
    run); since the templates compare tags through regs.cmp_wide (two memo hits) the
    program has few left."""
    fp = subcache.fingerprint()
    path = tmp_path / "memo.bin"
    env = dict(os.environ, A64JS_JIT_CACHE="1", PYTHONPATH=_PATH)
    program = str(PROGRAMS / "feat_arrays.js")

    def run() -> list[int]:
        p = subprocess.run([sys.executable, "-c", _EXIT_CHILD, str(path), fp, program],
                           capture_output=True, text=True, env=env, check=False,
                           timeout=600)
        assert p.returncode == 0, p.stderr[-3000:]
        return [int(x) for x in p.stdout.split()]

    run()
    first = path.stat()
    hits, misses, unkept = run()
    second = path.stat()
    assert (second.st_ino, second.st_mtime_ns) == (first.st_ino, first.st_mtime_ns)
    # (hits: the words the file served; ~470 since session 19's templates emit most
    # slot accesses as runs of words with holes, which never ask the memo; ~130 since
    # session 20's allocation and call runs)
    assert hits > 100 and misses < memocache.AT_EXIT, (hits, misses, unkept)
