"""GDB JIT interface: the ELF images and the descriptor list (any host), and the
proof under a real debugger: ``qemu-aarch64 -g`` + Debian's ``gdb-multiarch``
break on JIT code by name and ``bt`` shows it between Python frames."""

from __future__ import annotations

import os
import platform
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

import a64jit.debug as dbg
from a64jit import JitBuffer
from a64jit.debug import elf, gdbjit

ROOT = Path(__file__).resolve().parents[2]
RET = b"\xc0\x03\x5f\xd6"


def test_jit_object_is_what_gdb_reads() -> None:
    image = elf.jit_object("fib", 0x5500_1000, 24, lines=[(0, "fib.js", 3), (8, "lib.js", 7),
                                                          (16, "fib.js", 4)])
    parsed = elf.read_elf(image)
    assert (parsed.type, parsed.machine) == (elf.ET_REL, elf.EM_AARCH64)
    text = parsed.section(".text")
    # NOBITS at the code's real address: the image carries no code, and nothing
    # in it is loadable, writable or executable memory of its own.
    assert (text.type, text.addr, text.size, text.flags) == (
        elf.SHT_NOBITS, 0x5500_1000, 24, elf.SHF_ALLOC | elf.SHF_EXECINSTR)
    assert parsed.segments == []
    (fib,) = [s for s in parsed.symbols if s.name == "fib"]
    assert (fib.type, fib.bind, fib.value, fib.size) == (elf.STT_FUNC, elf.STB_GLOBAL, 0, 24)
    assert parsed.sections[fib.shndx].name == ".text"
    assert parsed.line_rows() == [(0x5500_1000, "fib.js", 3), (0x5500_1008, "lib.js", 7),
                                  (0x5500_1010, "fib.js", 4)]
    bare = elf.read_elf(elf.jit_object("g", 0x10, 4))
    assert [s.name for s in bare.sections] == ["", ".text", ".symtab", ".strtab", ".shstrtab"]


def test_descriptor_library_layout() -> None:
    lib = elf.read_elf(elf.descriptor_library(elf.EM_AARCH64))
    assert (lib.type, lib.machine) == (elf.ET_DYN, elf.EM_AARCH64)
    loads = [(s.flags, s.vaddr, s.memsz) for s in lib.segments if s.type == elf.PT_LOAD]
    assert all(not (f & elf.PF_W and f & elf.PF_X) for f, _, _ in loads)  # never W+X
    pages = [(v // 0x10000, (v + n - 1) // 0x10000) for _, v, n in loads]
    assert len({p for lo, hi in pages for p in range(lo, hi + 1)}) == len(loads)  # no shared page
    stack = [s for s in lib.segments if s.type == elf.PT_GNU_STACK]
    assert len(stack) == 1 and stack[0].flags == elf.PF_R | elf.PF_W  # stack stays NX
    syms = {s.name: s for s in lib.symbols if s.name}
    reg, desc = syms["__jit_debug_register_code"], syms["__jit_debug_descriptor"]
    assert lib.sections[reg.shndx].name == ".text" and reg.type == elf.STT_FUNC
    assert lib.sections[reg.shndx].data == RET
    assert lib.sections[desc.shndx].name == ".data" and desc.size == 24
    assert lib.sections[desc.shndx].data[:4] == b"\x01\0\0\0"  # version 1
    with pytest.raises(ValueError, match="no 'ret' known for ELF machine 40"):
        elf.descriptor_library(40)


def test_register_and_unregister(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if platform.machine().lower() not in ("x86_64", "amd64", "aarch64", "arm64"):
        pytest.skip("descriptor library only for x86_64 and aarch64 hosts")
    dbg.enable(gdb=True)
    iface = gdbjit.interface()
    assert os.path.exists(iface.path)
    with open("/proc/self/maps") as maps:  # loaded, and no page of it is w and x
        perms = [line.split()[1] for line in maps if line.rstrip().endswith(iface.path)]
    assert perms and not any("w" in p and "x" in p for p in perms)
    with JitBuffer() as buf:
        f = buf.install(RET, name="first", lines=[(0, "a.js", 1)])
        g = buf.install(RET * 2, name="second")
        names = [[s.name for s in elf.read_elf(im).symbols if s.type == elf.STT_FUNC]
                 for im in gdbjit.registered_images()]
        assert names == [["second"], ["first"]]  # newest first, as linked
        assert iface.descriptor.action_flag == gdbjit.JIT_REGISTER_FN
        assert iface.descriptor.relevant_entry == iface.descriptor.first_entry
        buf.free(f)
        assert iface.descriptor.action_flag == gdbjit.JIT_UNREGISTER_FN
        images = gdbjit.registered_images()
        assert len(images) == 1 and elf.read_elf(images[0]).section(".text").addr == g.address
        entry = gdbjit.JitCodeEntry.from_address(iface.descriptor.first_entry)
        assert entry.prev is None and entry.next is None
    assert gdbjit.registered_images() == []  # close() unregisters the rest
    assert iface.descriptor.first_entry is None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _need(condition: bool, why: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why} (CI=true: scripts/test.sh must provide it)")
        pytest.skip(why)


def test_gdb_breaks_on_jit_function_by_name(tmp_path: Path) -> None:
    sysroot = ROOT / ".native" / "sysroot"
    _need(platform.machine() == "x86_64", "the qemu-user gdb test runs on x86-64 hosts")
    _need(shutil.which("gdb-multiarch") is not None,
          "gdb-multiarch missing (scripts/debug-tools-env.sh installs it)")
    _need((sysroot / "usr/bin/python3.11").exists(),
          "no arm64 sysroot (scripts/native-env.sh builds it)")
    port = _free_port()
    libdir = tmp_path / "gdbjit"
    dynload = sysroot / "usr/lib/python3.11/lib-dynload"
    script = tmp_path / "cmds.gdb"
    script.write_text("\n".join([
        "set pagination off", "set confirm off", "set breakpoint pending on",
        "set tcp connect-timeout 60",
        f"file {sysroot}/usr/bin/python3.11", f"set sysroot {sysroot}",
        # The guest dlopens by host paths: find those libraries by name.
        f"set solib-search-path {libdir}:{dynload}",
        f"target remote 127.0.0.1:{port}",
        "break jit_calls_python", "continue",
        "echo ==BT1\\n", "bt", "info symbol $pc", "info line *$pc",
        "info functions jit_calls_python",
        "break getpid", "continue",
        "echo ==BT2\\n", "bt",
        "delete", "break getppid", "continue",
        "echo ==GONE\\n", "info functions jit_calls_python", "info symbol $pc",
        "continue", ""]))
    env = dict(os.environ, QEMU_GDB=str(port), A64JIT_GDB_DIR=str(libdir))
    prog = subprocess.Popen([str(ROOT / "scripts/native-python"),
                             str(ROOT / "tests/debug/gdb_program.py")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        gdb = subprocess.run(["gdb-multiarch", "-batch", "-nx", "-x", str(script)],
                             capture_output=True, text=True, timeout=600)
        out, _ = prog.communicate(timeout=120)
    finally:
        if prog.poll() is None:
            prog.kill()
            prog.wait()
    log = gdb.stdout + gdb.stderr
    (tmp_path / "gdb.log").write_text(log)
    assert "result 42" in out and "ppid True" in out, out + log
    bt1 = log.split("==BT1")[1].split("==BT2")[0]
    frames1 = [ln for ln in bt1.splitlines() if ln.startswith("#")]
    # Stopped in the JIT function by name, called from Python; GDB has its line table.
    assert "jit_calls_python () at calls.js:10" in frames1[0], bt1
    assert "jit_calls_python in section .text of <in-memory@" in bt1, bt1
    assert 'Line 10 of "calls.js" starts at address' in bt1, bt1
    assert "File calls.js:\n\tvoid jit_calls_python(void);" in bt1, bt1
    assert any("_PyEval_EvalFrameDefault" in ln for ln in frames1[1:]), bt1
    frames2 = [ln for ln in log.split("==BT2")[1].split("==GONE")[0].splitlines()
               if ln.startswith("#")]
    # The return address in the JIT frame is after the blr: line 11.
    jit = [i for i, ln in enumerate(frames2) if "in jit_calls_python () at calls.js:11" in ln]
    assert len(jit) == 1, frames2
    # The JIT frame sits between Python frames: Python above (the callback) and below.
    above, below = frames2[:jit[0]], frames2[jit[0] + 1:]
    assert "getpid" in frames2[0]
    assert any("_PyEval_EvalFrameDefault" in ln for ln in above), frames2
    assert any("_PyEval_EvalFrameDefault" in ln for ln in below), frames2
    assert any("Py_BytesMain" in ln for ln in below), frames2
    # After free: unregistered, GDB no longer knows the name.
    gone = log.split("==GONE")[1]
    assert "void jit_calls_python" not in gone and "<in-memory" not in gone, gone
    assert "getppid in section .text" in gone, gone

