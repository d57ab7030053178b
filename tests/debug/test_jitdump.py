"""jitdump: records checked with our reader (written from the specification) and,
where perf can record here, with ``perf inject --jit``."""

from __future__ import annotations

import ctypes
import os
import shutil
import struct
import subprocess
import textwrap
from pathlib import Path

import pytest

import a64jit.debug as dbg
from a64jit import JitBuffer
from a64jit.debug import jitdump as jd

from .conftest import need_child_python, perf_record
from .programs import sum_loop as _sum_loop

ROOT = Path(__file__).resolve().parents[2]


LINES = [(0, "sum.js", 1), (8, "sum.js", 2), (20, "other.js", 30)]


def _maps_line(path: str) -> str | None:
    with open("/proc/self/maps") as f:
        for line in f:
            if line.rstrip().endswith(path):
                return line
    return None


def test_records_from_the_spec(tmp_path: Path) -> None:
    dbg.enable(jitdump=str(tmp_path))
    path = tmp_path / f"jit-{os.getpid()}.dump"
    # The marker: a private read-only mapping of the dump (data, never w or x).
    marker = _maps_line(str(path))
    assert marker is not None and marker.split()[1] == "r--p", marker
    with JitBuffer() as buf:
        f = buf.install(_sum_loop(), name="sum_loop", lines=LINES,
                        argtypes=[ctypes.c_int64, ctypes.c_int64])
        assert f(10, 3) == 30
        code_f = buf.read(f)
        g = buf.install(b"\xc0\x03\x5f\xd6")  # no name, no lines
        buf.free(f)
        h = buf.install(b"\x1f\x20\x03\xd5\xc0\x03\x5f\xd6", name="later")
        addresses = (f.address, g.address, h.address)
    dbg.disable("jitdump")
    assert _maps_line(str(path)) is None  # the marker is unmapped on close

    data = path.read_bytes()
    magic, version, size, mach, pad, pid, ts, flags = struct.unpack_from("<IIIIIIQQ", data)
    assert (magic, version, size, mach, pad, pid, flags) == (
        0x4A695444, 1, 40, 183, 0, os.getpid(), 0)
    dump = jd.parse(data)
    kinds = [type(r).__name__ for r in dump.records]
    assert kinds == ["DebugInfoRecord", "LoadRecord", "LoadRecord", "LoadRecord", "CloseRecord"]
    debug, load_f, load_g, load_h, _ = dump.records
    assert isinstance(debug, jd.DebugInfoRecord) and isinstance(load_f, jd.LoadRecord)
    assert debug.code_addr == addresses[0]
    assert [(e.addr - addresses[0], e.name, e.line, e.discrim) for e in debug.entries] == [
        (0, "sum.js", 1, 0), (8, "sum.js", 2, 0), (20, "other.js", 30, 0)]
    assert (load_f.name, load_f.vma, load_f.code_addr, load_f.code_size, load_f.code) == (
        "sum_loop", addresses[0], addresses[0], 28, code_f)
    assert load_f.pid == os.getpid() and load_f.tid > 0
    assert isinstance(load_g, jd.LoadRecord) and isinstance(load_h, jd.LoadRecord)
    assert load_g.name == f"jit_{addresses[1]:x}" and load_g.code == b"\xc0\x03\x5f\xd6"
    assert (load_h.name, load_h.code_addr, load_h.code_size) == ("later", addresses[2], 8)
    assert [r.code_index for r in (load_f, load_g, load_h)] == [0, 1, 2]
    stamps = [r.timestamp for r in dump.records]
    assert stamps == sorted(stamps) and stamps[0] >= ts
    # Records are unpadded: a CODE_LOAD's code is the last code_size bytes (as perf reads it).
    pos, ends = 40, []
    while pos < len(data):
        pos += struct.unpack_from("<II", data, pos)[1]
        ends.append(pos)
    assert pos == len(data)
    assert data[ends[1] - 28:ends[1]] == code_f


def test_exec_marker_and_code_move(tmp_path: Path) -> None:
    dump = jd.JitDump(str(tmp_path), exec_marker=True)
    line = _maps_line(dump.path)
    assert line is not None and line.split()[1] == "r-xp"  # read-only file: never w+x
    dump.code_move(0x1000, 0x2000, 64, 7)
    dump.close()
    dump.close()  # idempotent
    parsed = jd.read(dump.path)
    move, close = parsed.records
    assert isinstance(move, jd.MoveRecord) and isinstance(close, jd.CloseRecord)
    assert (move.vma, move.old_code_addr, move.new_code_addr, move.code_size,
            move.code_index) == (0x2000, 0x1000, 0x2000, 64, 7)


def test_reader_rejects_malformed() -> None:
    header = struct.pack("<IIIIIIQQ", 0x4A695444, 1, 40, 183, 0, 1, 0, 0)
    with pytest.raises(ValueError, match="shorter than the 40-byte header"):
        jd.parse(header[:20])
    with pytest.raises(ValueError, match="magic 0x4454694a"):
        jd.parse(struct.pack(">I", 0x4A695444) + header[4:])
    with pytest.raises(ValueError, match="record at offset 40 has size 8"):
        jd.parse(header + struct.pack("<IIQ", 3, 8, 0))
    load = struct.pack("<IIQIIQQQQ", 0, 16 + 40 + 2, 0, 1, 1, 0, 0, 100, 0) + b"f\0"
    with pytest.raises(ValueError, match="100 code bytes do not fit"):
        jd.parse(header + load)
    with pytest.raises(ValueError, match="not NUL-terminated"):
        jd.parse(header + load[:-1] + b"g")
    assert jd.parse(header + struct.pack("<IIQ", 4, 24, 0) + b"\0" * 8).records == []


SCRIPT = textwrap.dedent("""
    import ctypes, sys
    import a64jit.debug as dbg
    sys.path.insert(0, {tests!r})
    from debug.test_jitdump import LINES
    from debug.programs import sum_loop as _sum_loop
    from a64jit import JitBuffer
    dbg.enable(jitdump=sys.argv[1])
    with JitBuffer() as buf:
        f = buf.install(_sum_loop(), name="sum_loop", lines=LINES,
                        argtypes=[ctypes.c_int64, ctypes.c_int64])
        assert f(100, 2) == 200
        sys.stdout.write(buf.read(f).hex())
    dbg.disable()
""")


def test_perf_inject_reads_our_dump(tmp_path: Path) -> None:
    perf = shutil.which("perf")
    if perf is None:
        pytest.skip("perf is not installed (Debian: linux-perf; scripts/debug-tools-env.sh)")
    need_child_python()
    script = tmp_path / "jit.py"
    script.write_text(SCRIPT.format(tests=str(ROOT / "tests")))
    data = tmp_path / "perf.data"
    rec = perf_record(perf, data, script, tmp_path, timeout=120)
    code = bytes.fromhex(rec.stdout)
    out = tmp_path / "perf.jit.data"
    subprocess.run([perf, "inject", "--jit", "-i", str(data), "-o", str(out)],
                   check=True, capture_output=True, timeout=120)
    made = sorted(tmp_path.glob("jitted-*.so"))
    assert len(made) == 1, list(tmp_path.iterdir())
    events = subprocess.run([perf, "script", "-i", str(out), "--show-mmap-events"],
                            capture_output=True, text=True, timeout=120).stdout
    assert str(made[0]) in events  # perf inject added a mapping of the function's ELF
    # perf wrote an ELF per function from our CODE_LOAD and DEBUG_INFO: check
    # the symbol, the code bytes and the line table it made.
    from a64jit.debug.elf import read_elf

    elf = read_elf(made[0].read_bytes())
    (sym,) = [s for s in elf.symbols if s.name == "sum_loop"]
    assert sym.size == len(code)
    text = elf.section(".text")
    assert text.data[sym.value - text.addr:][:len(code)] == code
    rows = elf.line_rows()
    assert [(addr - sym.value, file, line) for addr, file, line in rows if line] == [
        (0, "sum.js", 1), (8, "sum.js", 2), (20, "other.js", 30)]


def test_threads_and_buffers_share_one_dump(tmp_path: Path) -> None:
    import threading

    dbg.enable(jitdump=str(tmp_path))
    buffers = [JitBuffer() for _ in range(2)]

    def work(k: int) -> None:
        for i in range(10):
            buffers[(k + i) % 2].install(b"\xc0\x03\x5f\xd6", name=f"t{k}_{i}")

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for b in buffers:
        b.close()
    dbg.disable("jitdump")
    loads = [r for r in jd.read(str(tmp_path / f"jit-{os.getpid()}.dump")).records
             if isinstance(r, jd.LoadRecord)]
    assert sorted(r.name for r in loads) == sorted(f"t{k}_{i}" for k in range(4)
                                                    for i in range(10))
    assert sorted(r.code_index for r in loads) == list(range(40))
    assert all(r.code == b"\xc0\x03\x5f\xd6" for r in loads)
