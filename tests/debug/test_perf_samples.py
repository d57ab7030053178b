"""perf names real samples with our perf map and our jitdump (x86-64 hosts).

The CPU here cannot run AArch64 code, so the sampled code is a tiny x86-64
loop mapped W^X by the test itself; the perf map line and jitdump records
describing it are written by a64jit.debug, and perf must then attribute the
loop's samples to its name: through /tmp/perf-<pid>.map in ``perf report``, and
through the ELF file ``perf inject --jit`` builds from the dump.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from .conftest import need_child_python, perf_record

ROOT = Path(__file__).resolve().parents[2]

SPIN = textwrap.dedent("""
    import ctypes, mmap, os, sys
    sys.path.insert(0, {src!r})
    from a64jit.debug.jitdump import JitDump
    from a64jit.debug.perfmap import PerfMap, perf_map_path
    from a64jit.debug.symbols import Symbol
    from a64jit.runtime.libc import PROT_EXEC, PROT_READ, libc
    code = bytes.fromhex("4889f8" "48ffc8" "75fb" "c3")  # mov rax, rdi; 1: dec rax; jnz 1b; ret
    page = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE)
    page.write(code)
    addr = ctypes.addressof(ctypes.c_char.from_buffer(page))
    libc().mprotect(addr, 4096, PROT_READ | PROT_EXEC)
    sym = Symbol(addr, len(code), "spin_loop", lines=((0, "spin.src", 7), (3, "spin.src", 8)))
    PerfMap(use_cpython=False).add(sym)
    dump = JitDump(sys.argv[1])
    dump.add(sym)
    ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)(addr)(200_000_000)
    dump.close()
    print(perf_map_path())
""")


def test_perf_attributes_samples_to_our_names(tmp_path: Path) -> None:
    perf = shutil.which("perf")
    if perf is None or platform.machine() != "x86_64":
        pytest.skip("needs perf on an x86-64 host (scripts/debug-tools-env.sh installs perf)")
    need_child_python()
    script = tmp_path / "spin.py"
    script.write_text(SPIN.format(src=str(ROOT / "src")))
    data = tmp_path / "perf.data"
    rec = perf_record(perf, data, script, tmp_path, timeout=300)
    perf_map = Path(rec.stdout.strip())
    try:
        # 1. perf map: perf report names the samples in the anonymous mapping.
        rows = _report(perf, data, "dso,sym")
        assert any("spin_loop" in r and "[JIT]" in r for r in rows[:3]), rows[:10]
    finally:
        perf_map.unlink()
    # 2. jitdump: perf inject --jit turns the dump into an ELF file per function
    #    and remaps the samples onto it (the perf map is gone now).
    out = tmp_path / "perf.jit.data"
    subprocess.run([perf, "inject", "--jit", "-i", str(data), "-o", str(out)], check=True,
                   capture_output=True, timeout=300)
    rows = _report(perf, out, "dso,sym")
    assert any("spin_loop" in r and "jitted-" in r for r in rows[:3]), rows[:10]
    share = float(next(r for r in rows if "spin_loop" in r).split("%")[0])
    assert share > 5.0  # the loop is a large part of the run (~0.1 s of spinning)


def _report(perf: str, data: Path, sort: str) -> list[str]:
    out = subprocess.run([perf, "report", "-i", str(data), "--stdio", "--sort", sort],
                         capture_output=True, text=True, timeout=300).stdout
    return [line.strip() for line in out.splitlines()
            if line.strip() and not line.startswith("#")]
