"""a64jit.cachefile: files kept between processes. A file is read back only whole and of
its magic and key (torn, edited, another key, another format, a directory: None); a write
is atomic, never raises for a place it cannot write (and says why on request); two
interpreters keep a file each; concurrent writers leave one whole file; fingerprints
follow each file's size and modification time."""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from a64jit import cachefile
from tests.nobody import as_nobody

MAGIC = b"test-cache\x00\x01\n"
KEY = cachefile.digest("sources", "entry")
MODULE = Path(cachefile.__file__)


def _write(path: Path, payload: bytes = b"payload " * 100, key: bytes = KEY) -> bytes:
    assert cachefile.write(path, MAGIC, key, payload)
    return payload


def test_round_trip_and_atomic_replace(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "entry.bin"  # (the directory is made)
    payload = _write(path)
    assert cachefile.read(path, MAGIC, KEY) == payload
    data = path.read_bytes()
    assert data.startswith(MAGIC + KEY) and len(data) == len(MAGIC) + 32 + len(payload)
    assert data[len(MAGIC) + 16:len(MAGIC) + 32] == cachefile.checksum(payload)
    _write(path, b"")  # an empty payload is a payload
    assert cachefile.read(path, MAGIC, KEY) == b""
    assert sorted(p.name for p in path.parent.iterdir()) == ["entry.bin"]  # no temporary


def test_torn_edited_or_forged_files_read_as_none(tmp_path: Path) -> None:
    path = tmp_path / "entry.bin"
    payload = _write(path)
    data = path.read_bytes()
    head = len(MAGIC) + 32
    bad = {
        "torn": data[:-1],
        "header only": data[:head],
        "torn header": data[:head - 3],
        "empty": b"",
        "payload edited": data[:head] + b"X" + data[head + 1:],
        "checksum edited": data[:head - 1] + bytes([data[head - 1] ^ 1]) + data[head:],
        # a payload with the checksum of another (a forged or mixed-up file)
        "wrong checksum": data[:head - 16] + cachefile.checksum(b"other") + data[head:],
        "other key": MAGIC + cachefile.digest("x") + data[len(MAGIC) + 16:],
        "other format": b"test-cache\x00\x02\n" + data[len(MAGIC):],
        "grown": data + b"\x00",
    }
    for name, content in bad.items():
        path.write_bytes(content)
        assert cachefile.read(path, MAGIC, KEY) is None, name
    path.write_bytes(data)
    assert cachefile.read(path, MAGIC, KEY) == payload
    assert cachefile.read(path, MAGIC, cachefile.digest("another key")) is None
    assert cachefile.read(tmp_path / "missing", MAGIC, KEY) is None
    assert cachefile.read(tmp_path, MAGIC, KEY) is None  # a directory
    assert cachefile.read(str(tmp_path) + "/\0", MAGIC, KEY) is None  # not a path


def test_unwritable_places(tmp_path: Path) -> None:
    """A file where the directory should be, a directory where the file should be: False,
    nothing left behind; ``strict`` raises the OSError."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert not cachefile.write(blocker / "sub" / "entry.bin", MAGIC, KEY, b"x")
    with pytest.raises(OSError):
        cachefile.write(blocker / "sub" / "entry.bin", MAGIC, KEY, b"x", strict=True)
    as_dir = tmp_path / "dir.bin"
    as_dir.mkdir()
    assert not cachefile.write(as_dir, MAGIC, KEY, b"x")
    assert as_dir.is_dir() and sorted(p.name for p in tmp_path.iterdir()) == ["dir.bin", "file"]


def test_a_temporary_file_left_by_a_killed_writer_of_the_same_id(tmp_path: Path) -> None:
    """The temporary file's name is the writer's process and thread: one left by a killed
    process whose id came round again is replaced, not written through."""
    import threading

    path = tmp_path / "entry.bin"
    left = Path(f"{path}.{os.getpid()}-{threading.get_ident()}.tmp")
    left.write_bytes(b"half a file")
    payload = _write(path)
    assert cachefile.read(path, MAGIC, KEY) == payload and not left.exists()


def test_bad_arguments_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="key b'short': expected 16 bytes"):
        cachefile.read(tmp_path / "x", MAGIC, b"short")
    with pytest.raises(ValueError, match="expected 16 bytes"):
        cachefile.write(tmp_path / "x", MAGIC, "k" * 16, b"")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="magic b'': expected non-empty bytes"):
        cachefile.write(tmp_path / "x", b"", KEY, b"")
    with pytest.raises(TypeError, match="part 3 is a int; allowed: bytes or str"):
        cachefile.digest(b"a", 3)  # type: ignore[arg-type]
    assert not (tmp_path / "x").exists()


def test_digest_parts_are_delimited() -> None:
    assert cachefile.digest("ab", "c") != cachefile.digest("a", "bc")
    assert cachefile.digest("ab") == cachefile.digest(b"ab", *())  # (str as UTF-8)
    assert len(cachefile.digest(b"")) == cachefile.KEY_SIZE
    assert cachefile.digest(b"x") == cachefile.digest(b"x")


def test_fingerprint_follows_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Size and modification time of each ``.py`` file below a directory (not
    ``__pycache__``, not other files), a single file, the salt and the interpreter;
    once per process unless ``fresh``."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "a.py").write_text("x = 1\n")
    (pkg / "sub" / "b.py").write_text("y = 1\n")
    single = tmp_path / "single.py"
    single.write_text("z = 1\n")
    first = cachefile.fingerprint(pkg, single, salt="v1", fresh=True)
    assert first == cachefile.fingerprint(pkg, single, salt="v1", fresh=True)
    assert cachefile.fingerprint(pkg, single, salt="v1") == first  # (now kept)
    assert cachefile.fingerprint(pkg, single, salt="v2", fresh=True) != first
    # kept per salt as given: a str and bytes whose hex is that str are two salts
    assert cachefile.fingerprint(pkg, salt="ab") != cachefile.fingerprint(pkg, salt=b"\xab")
    assert first[1] == max(p.stat().st_mtime_ns for p in
                               (pkg / "a.py", pkg / "sub" / "b.py", single))
    seen = {first[0]}
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "a.py").write_text("not a source")
    (pkg / "notes.txt").write_text("not a source")
    assert cachefile.fingerprint(pkg, single, salt="v1", fresh=True) == first
    for change in (lambda: (pkg / "sub" / "b.py").write_text("y = 12\n"),
                   lambda: os.utime(pkg / "a.py", ns=(1, 1)),
                   lambda: (pkg / "sub" / "c.py").write_text(""),
                   lambda: single.write_text("z = 2\n")):
        change()
        got = cachefile.fingerprint(pkg, single, salt="v1", fresh=True)
        assert got[0] not in seen
        seen.add(got[0])
    assert cachefile.fingerprint(pkg, single, salt="v1") == first  # kept for the process
    with monkeypatch.context() as mp:
        mp.setattr(sys, "version", sys.version + " (another build)")
        assert cachefile.fingerprint(pkg, single, salt="v1", fresh=True)[0] not in seen
    # sources that cannot be examined: a digest of this process alone
    missing = [cachefile.fingerprint(tmp_path / "gone", fresh=True) for _ in range(2)]
    assert missing[0] != missing[1]
    assert len(first[0]) == cachefile.KEY_SIZE


def test_interpreter_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    tag = cachefile.interpreter_tag()
    cache_tag, _, ident = tag.rpartition("-")
    assert cache_tag == sys.implementation.cache_tag and len(ident) == 12
    monkeypatch.setattr(cachefile, "_TAG", [])
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert cachefile.interpreter_tag() != tag


def test_package_dir() -> None:
    assert cachefile.package_dir("a64jit") == str(MODULE.parent)
    assert cachefile.package_dir("no_such_package_here") is None
    import esprima
    assert cachefile.package_dir("esprima") == os.path.dirname(
        os.path.realpath(esprima.__file__))


def test_prune(tmp_path: Path) -> None:
    """The ``keep`` newest files of the prefix and suffix stay (the current one always),
    with temporary files younger than STALE_TMP (a writer's); other names are left."""
    now = time.time()
    names = [f"cache.{i}.bin" for i in range(6)]
    for age, name in enumerate(names):
        (tmp_path / name).write_text("")
        os.utime(tmp_path / name, (now - 60 * age, now - 60 * age))
    stale, fresh = tmp_path / "cache.x.bin.7-1.tmp", tmp_path / "cache.x.bin.8-1.tmp"
    for p, age in ((stale, cachefile.STALE_TMP + 60), (fresh, 10)):
        p.write_text("")
        os.utime(p, (now - age, now - age))
    (tmp_path / "other.bin").write_text("")
    own = tmp_path / names[-1]  # the oldest: still kept
    gone = cachefile.prune(tmp_path, "cache.", ".bin", keep=3, current=own)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([*names[:2], own.name, fresh.name, "other.bin"])
    assert sorted(Path(p).name for p in gone) == sorted([*names[2:5], stale.name])
    assert cachefile.prune(tmp_path / "missing", "cache.", ".bin", keep=1) == []


# -- processes: another interpreter, concurrent writers, a read-only directory -----------

#: Loads cachefile.py on its own (no package: quick under qemu) and writes argv[3] (hex)
#: to <argv[1]>/entry.<interpreter tag>.bin under key argv[2], reads it back; prints the
#: path and what it read.
_STORE = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("cachefile_alone", {module!r})
cf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cf)
path = f"{{sys.argv[1]}}/entry.{{cf.interpreter_tag()}}.bin"
key = cf.digest(cf.fingerprint({module!r}, salt=sys.argv[2])[0])
assert cf.write(path, b"m\\n", key, bytes.fromhex(sys.argv[3]))
print(path, cf.read(path, b"m\\n", key).hex())
"""


def _native_python() -> Path | None:
    root = MODULE.parents[2]
    script = root / "scripts" / "native-python"
    if platform.machine() in ("aarch64", "arm64") or not script.exists() \
            or not (root / ".native" / "sysroot" / "usr" / "bin" / "python3.11").exists() \
            or shutil.which("qemu-aarch64") is None:
        return None
    return script


def test_host_and_arm64_interpreters_keep_a_file_each(tmp_path: Path) -> None:
    """The host's Python and the arm64 Python under qemu (scripts/native-python), one
    directory: a file each (the interpreter tag), each reads back its own entry, and the
    other's key differs (the fingerprint holds the interpreter)."""
    native = _native_python()
    if native is None:
        pytest.skip("no arm64 interpreter under qemu here (scripts/native-env.sh builds it)")
    script = _STORE.format(module=str(MODULE))
    got = {}
    for name, argv in (("host", [sys.executable]), ("arm64", [str(native)]),
                       ("host again", [sys.executable])):
        value = "aa" * 4 if name.startswith("host") else "bb" * 4
        proc = subprocess.run([*argv, "-c", script, str(tmp_path), "k", value],
                              capture_output=True, text=True, timeout=300, check=False)
        assert proc.returncode == 0, proc.stderr
        path, read = proc.stdout.split()
        assert read == value, (name, proc.stdout)
        got[name] = path
    assert got["host"] == got["host again"] != got["arm64"]
    host, arm64 = Path(got["host"]).read_bytes(), Path(got["arm64"]).read_bytes()
    assert host[:18] != arm64[:18]  # (magic and key: another interpreter's key)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [Path(got["host"]).name, Path(got["arm64"]).name])


_WRITER = """
import importlib.util, sys, threading
spec = importlib.util.spec_from_file_location("cachefile_alone", {module!r})
cf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cf)
path, tag = sys.argv[1], sys.argv[2]
key = cf.digest("k")

def write(thread):
    for i in range(60):
        payload = f"{{tag}}.{{thread}}.{{i}}|".encode() * (50 + 97 * i)
        if not cf.write(path, b"m\\n", key, payload):
            bad.append(("unwritten", i))
        got = cf.read(path, b"m\\n", key)  # another writer's, or this one's: whole
        if got is None or len(set(got.split(b"|")[:-1])) != 1:
            bad.append(("torn", i))

bad = []
threads = [threading.Thread(target=write, args=(t,)) for t in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(bad)
sys.exit(5 if bad else 0)
"""


def test_concurrent_writers_leave_a_whole_file(tmp_path: Path) -> None:
    """Three processes of three threads each replacing one file 60 times with payloads of
    many sizes: every read finds a whole file of one writer, so does the last, and no
    temporary file is left."""
    path = tmp_path / "entry.bin"
    script = _WRITER.format(module=str(MODULE))
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), f"p{n}"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in range(3)]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err or out
    got = cachefile.read(path, b"m\n", cachefile.digest("k"))
    assert got is not None and len(set(got.split(b"|")[:-1])) == 1
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def _read_only_check(path: Path) -> str:
    """As a user who cannot write ``path``'s directory: read, write, strict write."""
    if os.access(path.parent, os.W_OK):
        return "writable"  # not read-only for this user: the test would prove nothing
    seen = cachefile.read(path, MAGIC, KEY)
    wrote = cachefile.write(path, MAGIC, KEY, b"new")
    try:
        cachefile.write(path, MAGIC, KEY, b"new", strict=True)
        strict = "no error"
    except PermissionError:
        strict = "PermissionError"
    return f"{seen!r} {wrote} {strict}"


def test_a_read_only_directory() -> None:
    """A directory this user cannot write (a read-only site-packages): the file there is
    read, a write returns False (no temporary file), a strict one raises. As the user
    nobody when the tests run as root, in a directory that user can reach."""
    top = Path(tempfile.mkdtemp(prefix="a64jit-cachefile-"))
    d = top / "ro"
    try:
        top.chmod(0o755)
        d.mkdir()
        path = d / "entry.bin"
        _write(path, b"old")
        d.chmod(0o555)
        got = as_nobody(_read_only_check, path) if os.geteuid() == 0 \
            else _read_only_check(path)
        assert got == "b'old' False PermissionError"
        assert [p.name for p in d.iterdir()] == [path.name]
    finally:
        with contextlib.suppress(OSError):
            d.chmod(0o755)
        shutil.rmtree(top, ignore_errors=True)


def test_loads_without_the_package(tmp_path: Path) -> None:
    """The module imports only the standard library (a64js's code cache loads it so on the
    Python VM, where the package's Assembler is never needed); a Python VM compile from
    the code cache loads no more of a64jit, and a later import finds the same module."""
    prog = tmp_path / "p.js"
    prog.write_text("console.log(1 + 2);\n")
    probe = (
        "import sys\n"
        "from a64js.compiler import compile_module, read_source\n"
        "for _ in range(2):\n"
        f"    compile_module(read_source({str(prog)!r}), {str(prog)!r}, cache=True)\n"
        "print(sorted(m for m in sys.modules if m.startswith('a64jit')))\n"
        "mod = sys.modules['a64jit.cachefile']\n"
        "import a64jit.cachefile, a64jit\n"
        "print(a64jit.cachefile is mod, mod.read.__module__)\n")
    env = {k: v for k, v in os.environ.items() if k != "A64JS_CACHE"}
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "['a64jit.cachefile']\nTrue a64jit.cachefile\n"
    assert any(p.name.startswith("p.js.a64js-") for p in (tmp_path / "__pycache__").iterdir())
