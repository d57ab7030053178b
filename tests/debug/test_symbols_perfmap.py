"""Symbol table, JitBuffer.symbols() and the perf map writer."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import a64jit.debug as dbg
from a64jit import Assembler, JitBuffer, x0
from a64jit.debug.hub import HUB
from a64jit.debug.perfmap import PerfMap, format_entry
from a64jit.runtime import memory

from .conftest import need_child_python


def _ret_const(n: int) -> Assembler:
    a = Assembler()
    a.mov(x0, n)
    a.here("tail")
    a.ret()
    return a


def _map_lines(path: str) -> list[tuple[int, int, str]]:
    out = []
    with open(path) as f:
        for line in f:
            start, size, name = line.rstrip("\n").split(" ", 2)
            out.append((int(start, 16), int(size, 16), name))
    return out


def test_off_by_default_costs_no_observer() -> None:
    assert memory._observers == []
    assert dbg.enabled() == []
    with JitBuffer() as buf:
        f = buf.install(_ret_const(7), name="seven")
        assert dbg.symbolize(f.address) is None  # nothing on: no table
        assert buf.symbols() == [(f.address, 8, "seven")]
        buf.free(f)
        assert buf.symbols() == []


def test_symbolize_names_labels_offsets() -> None:
    dbg.enable()
    assert dbg.enabled() == ["symbols"]
    with JitBuffer() as buf:
        f = buf.install(_ret_const(3), name="three")
        g = buf.install(b"\xc0\x03\x5f\xd6")  # ret, no name
        assert f() == 3
        assert dbg.symbolize(f.address) == "three"
        assert dbg.symbolize(f.address + 4) == "three.tail"
        assert dbg.symbolize(f.address + 8) is None  # past the 8 bytes, before g
        assert dbg.symbolize(g.address) == f"jit_{g.address:x}"
        sym = dbg.lookup(f.address + 4)
        assert sym is not None and sym.labels == ((4, "tail"),)
        buf.free(f)
        assert dbg.symbolize(f.address) is None
    assert dbg.symbols() == []  # close() forgets everything


def test_bad_names_and_lines_raise_and_undo() -> None:
    dbg.enable()
    with JitBuffer(capacity=4096) as buf:
        with pytest.raises(TypeError, match="name must be a str"):
            buf.install(_ret_const(1), name=5)  # type: ignore[arg-type]
        with pytest.raises(ValueError,
                           match=r"lines\[0\] offset 12 must be a multiple of 4 in \[0, 8\)"):
            buf.install(_ret_const(1), name="f", lines=[(12, "f.js", 1)])
        with pytest.raises(TypeError, match=r"lines\[1\] must be a tuple"):
            buf.install(_ret_const(1), name="f", lines=[(0, "f.js", 1), "x"])  # type: ignore[list-item]
        assert len(buf) == 0 and buf.used == 0  # the failed installs were undone
        assert dbg.symbols() == []


def test_enable_env(monkeypatch: pytest.MonkeyPatch) -> None:
    dbg.enable_from_env({"A64JIT_PERF_MAP": "0", "A64JIT_GDB": ""})
    assert dbg.enabled() == []
    with pytest.raises(ValueError, match="A64JIT_PERF_MAP='maybe'"):
        dbg.enable_from_env({"A64JIT_PERF_MAP": "maybe"})
    dbg.enable_from_env({"A64JIT_PERF_MAP": "yes"})
    assert dbg.enabled() == ["symbols", "perf_map"]
    with pytest.raises(ValueError, match="unknown tool"):
        dbg.disable("perfmap")
    with pytest.raises(TypeError, match="perf_map must be True or False"):
        dbg.enable(perf_map="1")  # type: ignore[arg-type]


def test_format_entry() -> None:
    assert format_entry(0xFFFF8000_1000, 0x40, "fib") == b"ffff80001000 40 fib\n"
    assert format_entry(0x10, 4, "a\nb") == b"10 4 a b\n"


@pytest.fixture
def perf_map_file() -> Iterator[str]:
    path = dbg.perf_map_path()
    existed = os.path.exists(path)
    before = None
    if existed:
        with open(path, "rb") as f:
            before = f.read()
        os.unlink(path)
    yield path
    if before is None:
        if os.path.exists(path):
            os.unlink(path)
    else:
        with open(path, "wb") as f:
            f.write(before)


@pytest.mark.parametrize("writer", ["append", "cpython"])
def test_perf_map_appends_without_clobbering(perf_map_file: str, writer: str) -> None:
    tool = PerfMap(use_cpython=writer == "cpython")
    if tool.writer != writer:
        pytest.skip(f"this Python ({sys.version.split()[0]}) has no "
                    "PyUnstable_WritePerfMapEntry (CPython 3.12+)")
    # Someone else's entry (CPython's own trampolines write here too) must survive.
    with open(perf_map_file, "ab") as f:
        f.write(b"1000 10 py::other\n")
    HUB.start("perf_map", tool)
    HUB.start("symbols", None)
    buffers = [JitBuffer() for _ in range(3)]
    made: list[tuple[int, int, str]] = []
    lock = threading.Lock()

    def work(k: int) -> None:
        for i in range(20):
            f = buffers[(k + i) % 3].install(_ret_const(i), name=f"t{k}_f{i}")
            with lock:
                made.append((f.address, f.size, f"t{k}_f{i}"))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = _map_lines(perf_map_file)
    assert lines[0] == (0x1000, 0x10, "py::other")
    assert sorted(lines[1:]) == sorted(made)  # every line whole, none lost
    for b in buffers:
        b.close()


def test_environment_switches_tools_on_at_import(tmp_path: Path) -> None:
    need_child_python()
    code = "import a64jit, a64jit.debug as d; print(d.enabled())"
    env = {k: v for k, v in os.environ.items() if not k.startswith("A64JIT_")}
    off = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True)
    assert off.stdout.strip() == "[]"
    on = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                        env=dict(env, A64JIT_PERF_MAP="1", A64JIT_JITDUMP=str(tmp_path)))
    assert on.stdout.strip() == "['symbols', 'perf_map', 'jitdump']"
    assert [p.name for p in tmp_path.iterdir()] == [p.name for p in tmp_path.glob("jit-*.dump")]
    bad = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=dict(env, A64JIT_GDB="maybe"))
    assert bad.stdout.strip() == "[]"
    assert "A64JIT_GDB='maybe': expected 1/0" in bad.stderr


def _pythons_with_perf_api() -> list[str]:
    found = [shutil.which(n) for n in ("python3.12", "python3.13", "python3.14")]
    found += sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.1[2-9]*/bin/python3")))
    out = []
    for exe in found:
        if exe and subprocess.run([exe, "-c", "import sys; sys.activate_stack_trampoline"],
                                  capture_output=True).returncode == 0:
            out.append(exe)
    return out[:1]


CPYTHON_MAP = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {src!r})
    from a64jit.debug.perfmap import PerfMap, perf_map_path
    from a64jit.debug.symbols import Symbol
    sys.activate_stack_trampoline("perf")   # CPython's own perf map entries
    def py_work():
        return 1
    py_work()
    pm = PerfMap()
    pm.add(Symbol(0x5500001000, 0x40, "jit_fib"))
    def py_more():
        return 2
    py_more()
    sys.deactivate_stack_trampoline()
    print(pm.writer, perf_map_path())
""")


def test_cpython_perf_map_api_shares_the_file(tmp_path: Path) -> None:
    """With CPython 3.12+ (if one is installed here), entries go through
    PyUnstable_WritePerfMapEntry into the file CPython's trampolines write."""
    exes = _pythons_with_perf_api()
    if not exes:
        pytest.skip("no CPython 3.12+ on this machine")
    script = tmp_path / "pm.py"
    script.write_text(CPYTHON_MAP.format(src=str(Path(__file__).resolve().parents[2] / "src")))
    run = subprocess.run([exes[0], str(script)], capture_output=True, text=True, check=True)
    writer, path = run.stdout.split()
    try:
        lines = Path(path).read_text().splitlines()
    finally:
        os.unlink(path)
    assert writer == "cpython"
    assert "5500001000 40 jit_fib" in lines
    assert any(line.endswith(f"py::py_work:{script}") for line in lines), lines
    assert any(line.endswith(f"py::py_more:{script}") for line in lines), lines


def test_listing_labels_for_the_disassembly_listing() -> None:
    from a64jit.disasm import format_listing

    with JitBuffer() as buf:
        f = buf.install(_ret_const(5), name="five")
        g = buf.install(_ret_const(6))
        span = g.address + g.size - f.address
        # Every tool off: the buffer's own names only.
        assert dbg.listing_labels(f.address, span, buf) == {0: ["five"]}
        assert dbg.listing_labels(f.address, span) == {}
    dbg.enable()
    with JitBuffer() as buf:
        f = buf.install(_ret_const(5), name="five")
        g = buf.install(_ret_const(6))
        span = g.address + g.size - f.address
        labels = dbg.listing_labels(f.address, span, buf)
        assert labels == {0: ["five"], 4: ["five.tail"], g.address - f.address: [
            f"jit_{g.address:x}"], g.address - f.address + 4: [f"jit_{g.address:x}.tail"]}
        assert dbg.listing_labels(f.address + 4, 4) == {0: ["five.tail"]}
        code = buf.read(f)
        text = format_listing(code, [(0, 4, 1, "mov x0, #5"), (4, 4, 2, "ret")], f.address,
                              labels=dbg.listing_labels(f.address, len(code)),
                              disassembly=False)
        names = [line.strip() for line in text.splitlines() if line.strip().endswith(":")]
        assert names == ["five:", "five.tail:"]
