"""Run natively (arm64) under a debugger by tests/debug/test_gdb_jit.py.

Python calls JIT code ``jit_calls_python`` (a frame: stp x29, x30 / mov x29, sp),
which calls back into Python (``py_callback`` -> os.getpid); then the code is
freed and Python calls os.getppid, where the debugger checks the symbol is gone.
"""

from __future__ import annotations

import ctypes
import os

import a64jit.debug as dbg
from a64jit import JitBuffer, MacroAssembler, host_function, post, pre, sp, x1, x29, x30

dbg.enable(gdb=True)


def py_callback(n: int) -> int:
    return n + 1 + 0 * os.getpid()  # the debugger breaks in getpid


hf = host_function(py_callback, ctypes.c_int64, [ctypes.c_int64])
a = MacroAssembler()
a.stp(x29, x30, pre(sp, -16))
a.mov(x29, sp)
a.mov(x1, hf.address)
a.blr(x1)
a.ldp(x29, x30, post(sp, 16))
a.ret()
buf = JitBuffer()
f = buf.install(a, name="jit_calls_python", argtypes=[ctypes.c_int64],
                lines=[(0, "calls.js", 10), (8, "calls.js", 11), (a.offset - 8, "calls.js", 12)])


def py_outer(n: int) -> int:
    return int(f(n))


print("result", py_outer(41), flush=True)
buf.free(f)
print("ppid", os.getppid() > 0, flush=True)  # the debugger breaks in getppid
