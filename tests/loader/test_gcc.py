"""The .s gcc writes for C functions loads and runs unchanged (issue 11 item 3).

tests/loader/c/funcs.c is compiled with Debian's cross compiler (installed by
scripts/test-deps-cross.sh) to assembly; our bytes are compared, section by section,
with the GNU assembler's (fields GNU leaves to the linker masked), and every function is
called through the loader and compared with the same C built for the host and called
through ctypes: in the emulator on x86-64 hosts, natively in the native suite
(scripts/test.sh runs this file under qemu-aarch64 with A64JIT_BACKEND=native, where
"the host" is AArch64 and the host build is the cross compiler's).
"""

from __future__ import annotations

import ctypes
import os
import platform
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from a64jit import current_backend, host_function
from a64jit.loader import load
from a64jit.text.parser import assemble_unit

C_FILE = Path(__file__).parent / "c" / "funcs.c"
NATIVE = platform.machine() in ("aarch64", "arm64")
HOST_CC = "aarch64-linux-gnu-gcc" if NATIVE else "gcc"
TOOLS = ["aarch64-linux-gnu-gcc", "aarch64-linux-gnu-as", "aarch64-linux-gnu-objcopy",
         "aarch64-linux-gnu-readelf", HOST_CC]
# -ffp-contract=off: the same roundings on both (no fused multiply-add on one only)
CFLAGS = ["-O2", "-fno-tree-vectorize", "-fno-tree-loop-distribute-patterns", "-ffp-contract=off"]
HOST_SCALE = "long host_scale(long x, long k) { return x * k - 5; }\n"


def _need_tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        message = f"{', '.join(missing)} missing (scripts/test-deps-cross.sh installs them)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    _need_tools()
    tmp = tmp_path_factory.mktemp("gcc")
    asm = tmp / "funcs.s"
    subprocess.run(["aarch64-linux-gnu-gcc", *CFLAGS, "-S", "-o", str(asm), str(C_FILE)],
                   check=True)
    obj = tmp / "funcs.o"
    subprocess.run(["aarch64-linux-gnu-as", "-o", str(obj), str(asm)], check=True)
    host_c = tmp / "host_scale.c"
    host_c.write_text(HOST_SCALE)
    lib = tmp / "libfuncs.so"
    # -nostdlib: the C needs no libc, and the cross toolchain has no arm64 libc to link
    subprocess.run([HOST_CC, *CFLAGS, "-shared", "-fPIC", "-nostdlib", "-o", str(lib),
                    str(C_FILE), str(host_c)], check=True)
    yield {"asm": asm, "obj": obj, "lib": lib, "tmp": tmp}


def _gnu_section(obj: Path, name: str, tmp: Path) -> bytes:
    out = tmp / "section.bin"
    out.unlink(missing_ok=True)
    subprocess.run(["aarch64-linux-gnu-objcopy", f"--dump-section={name}={out}", str(obj),
                    str(tmp / "scratch.o")], check=True, capture_output=True)
    return out.read_bytes()


def _relocations(obj: Path) -> dict[str, list[tuple[int, int]]]:
    """Per section: (offset, size) of every field GNU as left to the linker."""
    text = subprocess.run(["aarch64-linux-gnu-readelf", "-r", "-W", str(obj)], check=True,
                          capture_output=True, text=True).stdout
    out: dict[str, list[tuple[int, int]]] = {}
    current: list[tuple[int, int]] = []
    for line in text.splitlines():
        if line.startswith("Relocation section"):
            name = line.split("'")[1].removeprefix(".rela")
            current = out.setdefault(name, [])
            continue
        parts = line.split()
        if len(parts) >= 3 and parts[2].startswith("R_AARCH64"):
            size = 8 if "ABS64" in parts[2] or "PREL64" in parts[2] else 4
            current.append((int(parts[0], 16), size))
    return out


def _mask(data: bytes, fields: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for offset, size in fields:
        out[offset:offset + size] = bytes(size)
    return bytes(out)


@pytest.mark.skipif(NATIVE, reason="the same on every host: checked by the host suite")
def test_bytes_match_the_gnu_assembler(built: dict[str, Path]) -> None:
    unit = assemble_unit(built["asm"].read_text())
    linked = unit.link(unit.layout(0x400000), {"host_scale": 0x12345678})
    relocs = _relocations(built["obj"])
    compared = 0
    for name, sec in unit.sections.items():
        if not sec.data or sec.kind == "bss":
            continue
        gnu = _gnu_section(built["obj"], name, built["tmp"])
        fields = relocs.get(name, [])
        ours = linked[name]
        if name == ".text":  # then one veneer (<= 20 bytes) per external function called
            assert 0 <= len(ours) - len(gnu) <= 20 * len(unit.externals())
            ours = ours[:len(gnu)]
        assert _mask(ours, fields).hex() == _mask(gnu, fields).hex(), name
        compared += 1
    assert compared >= 4  # .text, .rodata, .rodata.str1.8, .data, .data.rel.ro.local


i64, f64, f32, u32 = ctypes.c_int64, ctypes.c_double, ctypes.c_float, ctypes.c_uint32
SAMPLES = [0, 1, -1, 7, -13, 1 << 40, -(1 << 62), 123456789]
CALLS: list[tuple[str, Any, list[Any], list[tuple[Any, ...]]]] = [
    ("nth_prime", i64, [i64], [(i,) for i in range(-2, 14)]),
    ("name_length", i64, [i64], [(i,) for i in range(-1, 6)]),
    ("name_char", i64, [i64, i64], [(i, j) for i in range(5) for j in range(3)]),
    ("classify", i64, [i64, i64, i64],
     [(op, a, b) for op in range(10) for a in SAMPLES[:5] for b in SAMPLES[3:6]]),
    ("weighted", f64, [f64, i64], [(x, i) for x in (0.0, 1.5, -3.25, 1e300) for i in range(5)]),
    ("mixf", f32, [f32, f32], [(1.5, 2.0), (-0.25, 8.0), (3.0e38, 1.0)]),
    ("fib", i64, [i64], [(n,) for n in range(16)]),
    ("bump", i64, [i64], [(1,), (5,), (-3,), (100,)]),
    ("fill_and_sum", i64, [i64], [(n,) for n in range(6)]),
    ("gcd", i64, [i64, i64], [(12, 18), (-48, 36), (17, 5), (0, 9)]),
    ("lcm_sum", i64, [i64, i64], [(4, 6), (21, 6), (9, 12)]),
    ("via_host", i64, [i64], [(0,), (14,), (-9,)]),
    ("hash_name", u32, [i64], [(i,) for i in range(7)]),
]


def test_calls_match_the_host_build(built: dict[str, Path]) -> None:
    lib = ctypes.CDLL(str(built["lib"]))
    backend = current_backend()
    scale = host_function(lambda x, k: x * k - 5, i64, [i64, i64], backend=backend)
    with load(built["asm"].read_text(), {"host_scale": scale}, backend=backend) as unit:
        assert {"nth_prime", "classify", "via_host", "total"} <= set(unit.exported)
        for name, restype, argtypes, arglists in CALLS:
            ours = unit.function(name, restype, argtypes)
            theirs = getattr(lib, name)
            theirs.restype, theirs.argtypes = restype, argtypes
            for args in arglists:
                assert ours(*args) == theirs(*args), (name, args)
        # the mutable global `total` is where the unit's data says it is
        total = ctypes.c_int64.from_address(unit.address("total"))
        assert total.value == ctypes.c_int64.in_dll(lib, "total").value
