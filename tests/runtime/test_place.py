"""JitBuffer.place: code without a CodePtr, reached from installed code (a JIT's
functions behind one entry stub), on every backend; freeing it by address."""

from __future__ import annotations

import ctypes

import pytest

from a64jit import Assembler, JitBuffer, post, pre, sp, x0, x1, x29, x30
from a64jit.errors import BufferClosedError, FreedCodeError
from tests.runtime.placed import adder

I64 = ctypes.c_int64


def _caller() -> Assembler:
    """int64 f(int64 x, int64 target): return target(x) + 1 (a blr to placed code)."""
    a = Assembler()
    a.stp(x29, x30, pre(sp, -16))
    a.blr(x1)
    a.add(x0, x0, 1)
    a.ldp(x29, x30, post(sp, 16))
    a.ret()
    return a


def test_placed_code_runs_behind_installed_code(backend: str) -> None:
    with JitBuffer() as buf:
        f = buf.install(_caller(), restype=I64, argtypes=[I64, I64], name="caller")
        addrs = [buf.place(adder(k), name=f"callee{k}") for k in (10, 200, 3000)]
        assert len(set(addrs)) == 3 and all(a % buf.align == 0 for a in addrs)
        assert [f(5, a) for a in addrs] == [16, 206, 3006]
        names = {name for _, _, name in buf.symbols()}
        assert {"caller", "callee10", "callee200", "callee3000"} <= names
        assert len(buf) == 4
        used = buf.used
        buf.free(addrs[1])
        assert buf.used < used and len(buf) == 3
        again = buf.place(adder(7))         # the freed room is reused
        assert f(5, again) == 13
        assert f(5, addrs[2]) == 3006         # the others are untouched


def test_place_errors(backend: str) -> None:
    buf = JitBuffer()
    f = buf.install(_caller(), restype=I64, argtypes=[I64, I64])
    a = buf.place(adder(1))
    buf.free(a)
    with pytest.raises(FreedCodeError, match=f"no code placed at {a:#x}"):
        buf.free(a)
    with pytest.raises(FreedCodeError, match="installed: free its CodePtr"):
        buf.free(f.address)
    with pytest.raises(TypeError, match="place: expected bytes or an object with finalize"):
        buf.place(3.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="place: name must be a str or None, got int"):
        buf.place(adder(1), name=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="free: expected a CodePtr or an address"):
        buf.free("x")  # type: ignore[arg-type]
    buf.close()
    with pytest.raises(BufferClosedError):
        buf.place(adder(1))


def test_full_chunks_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A place looks at the free ranges of a chunk with room only: each FreeList knows
    its largest free range (kept across allocs and releases), where first fit walked
    the ranges of every full chunk before it at every install (12 chunks: 3,636 walks
    for 600 places)."""
    from a64jit.runtime import memory

    walks = [0]
    alloc = memory.FreeList.alloc

    def counted(self: memory.FreeList, *args: object, **kw: object) -> int | None:
        walks[0] += 1
        return alloc(self, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(memory.FreeList, "alloc", counted)
    with JitBuffer(chunk_size=16384) as buf:
        addrs = [buf.place(bytes(1200)) for _ in range(120)]
        assert len(buf.regions()) >= 4  # (each chunk twice the one before)
        assert walks[0] == 120
        buf.free(addrs[3])  # room again in the first chunk: found there
        again = buf.place(bytes(1200))
        # (unless a write there would disturb the live code around it: natively under
        # qemu-user a write drops PROT_EXEC from its pages, so those are not reused)
        if not buf._chunks[0].region.disturbs(0, 1200):
            assert again == addrs[3]
    free = memory.FreeList(4096)
    assert free.largest == 4096
    a = free.alloc(1024, 16)
    b = free.alloc(1024, 16)
    assert (a, b, free.largest) == (0, 1024, 2048)
    free.release(0, 1024)
    assert free.largest == 2048
    free.release(1024, 1024)
    assert free.largest == 4096 and free.alloc(8192, 16) is None
