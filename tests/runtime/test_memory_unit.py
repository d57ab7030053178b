"""JitBuffer logic against a fake backend (runs on any host): every write path
flushes the icache over exactly what it wrote, pages are never W+X, the free
list coalesces, growth/capacity/close/GC behave."""

from __future__ import annotations

import ctypes
import gc
import itertools
import weakref
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from a64jit import assemble
from a64jit.errors import (
    BufferClosedError,
    BufferFullError,
    CodeSizeError,
    ConcurrentPatchError,
    DoubleFreeError,
    FreedCodeError,
)
from a64jit.runtime import JitBuffer
from a64jit.runtime.codeptr import GenericCodePtr
from a64jit.runtime.memory import FreeList, hot_patchable
from tests.runtime.fakes import PAGE, FakeBackend, FakeRegion
from tests.runtime.words import ADD, RET, code


def make() -> tuple[FakeBackend, JitBuffer]:
    fb = FakeBackend()
    return fb, JitBuffer(backend=fb)


def test_install_flushes_what_it_wrote() -> None:
    fb, buf = make()
    f = buf.install(ADD, restype=ctypes.c_int64)
    assert fb.flushes == [(f.address, len(ADD))]
    # order: writable -> write -> executable -> flush, on the same range
    tail = [kind for kind, _, _ in fb.log[-4:]]
    assert tail == ["writable", "write", "executable", "flush"]
    assert f() == (ADD[:4], ())


def test_patch_flushes_patched_range() -> None:
    fb, buf = make()
    f = buf.install(ADD + RET)
    fb.log.clear()
    buf.patch(f, 4, RET)
    assert fb.flushes == [(f.address + 4, 4)]
    assert [k for k, _, _ in fb.log] == ["writable", "write", "executable", "flush"]
    assert buf.read(f) == ADD[:4] + RET + RET


def test_reuse_after_free_flushes() -> None:
    fb, buf = make()
    f = buf.install(ADD)
    buf.free(f)
    fb.log.clear()
    g = buf.install(code("mov x0, #1", "ret"))
    assert g.address == f.address
    assert fb.flushes == [(g.address, 8)]
    assert g()[0] == code("mov x0, #1")


def test_every_write_is_followed_by_a_flush_covering_it() -> None:
    fb, buf = make()
    ptrs = [buf.install(ADD * (i + 1)) for i in range(50)]
    for p in ptrs[::3]:
        buf.free(p)
    ptrs = [p for p in ptrs if not p.freed]
    for p in ptrs[:10]:
        buf.patch(p, 0, RET, quiescent=True)
    ptrs += [buf.install(RET * 7) for _ in range(20)]
    pending: list[tuple[int, int]] = []
    for kind, a, n in fb.log:
        if kind == "write":
            pending.append((a, n))
        elif kind == "flush":
            pending = [(wa, wn) for wa, wn in pending if not (a <= wa and wa + wn <= a + n)]
    assert pending == []
    assert len(fb.flushes) == sum(1 for k, _, _ in fb.log if k == "write")


def test_pages_never_writable_and_executable() -> None:
    fb, buf = make()
    for _ in range(100):
        buf.install(ADD)
    for region in fb.regions:
        assert all(p == "r-x" for p in region.perms)
    # the fake region asserts writes happen only to writable pages
    assert any(k == "write" for k, _, _ in fb.log)


def test_rwx_mode_is_passed_through() -> None:
    fb = FakeBackend()
    buf = JitBuffer(backend=fb, mode="rwx")
    buf.install(ADD)
    assert fb.regions[0].mode == "rwx" and buf.mode == "rwx"
    with pytest.raises(ValueError, match="mode"):
        JitBuffer(backend=fb, mode="wrx")


def test_address_aware_finalize_is_called_twice_with_install_address() -> None:
    _, buf = make()
    calls: list[int] = []

    class Asm:
        def finalize(self, address: int = 0) -> bytes:
            calls.append(address)
            return RET + address.to_bytes(8, "little") + RET

    f = buf.install(Asm())
    assert calls == [0, f.address]
    assert buf.read(f)[4:12] == f.address.to_bytes(8, "little")

    class Shrinks:
        def finalize(self, *, address: int = 0) -> bytes:
            return RET * (1 if address else 2)

    with pytest.raises(CodeSizeError, match="finalize"):
        buf.install(Shrinks())
    assert buf.used == 16  # the failed install gave its space back


def test_growth_and_fixed_capacity() -> None:
    fb = FakeBackend()
    buf = JitBuffer(backend=fb, chunk_size=PAGE)
    for _ in range(PAGE // 16 + 1):
        buf.install(RET)
    assert len(fb.regions) == 2
    assert fb.regions[1].size == 2 * PAGE  # (each chunk doubles the one before)
    buf.install(RET * 3000)  # 12,000 bytes: a third chunk, 4 pages
    assert len(fb.regions) == 3 and fb.regions[2].size == 4 * PAGE
    buf.install(RET * (2 * PAGE + 1))  # more than the next doubling (8 pages): its size
    assert len(fb.regions) == 4 and fb.regions[3].size == 9 * PAGE
    fixed = JitBuffer(2 * PAGE, backend=fb)
    fixed.install(RET * (PAGE // 4))
    fixed.install(RET * (PAGE // 4))
    with pytest.raises(BufferFullError):
        fixed.install(RET)
    assert fixed.capacity == 2 * PAGE and fixed.available == 0


def test_close_and_gc_release_regions() -> None:
    fb, buf = make()
    f = buf.install(ADD)
    assert isinstance(f, GenericCodePtr)
    buf.close()
    assert fb.regions[0].closed and f.freed
    with pytest.raises(FreedCodeError):
        f()
    with pytest.raises(BufferClosedError):
        buf.install(ADD)
    fb2 = FakeBackend()
    b2 = JitBuffer(backend=fb2)
    g = b2.install(ADD)
    ref = weakref.ref(b2)
    del b2
    gc.collect()
    assert ref() is not None  # g keeps it alive
    del g
    gc.collect()
    assert ref() is None and fb2.regions[0].closed


def test_free_errors() -> None:
    _, buf = make()
    f = buf.install(ADD)
    buf.free(f)
    with pytest.raises(DoubleFreeError):
        buf.free(f)
    with pytest.raises(FreedCodeError, match="no code placed"):
        buf.free(f.address)  # an address is for place()d code
    with pytest.raises(TypeError):
        buf.free(str(f.address))  # type: ignore[arg-type]


def test_region_mode_fallback_is_reported() -> None:
    class FallbackBackend(FakeBackend):
        def map_code(self, size: int, mode: str | None = None) -> FakeRegion:
            region = super().map_code(size, "dual" if mode in ("wx", None) else mode)
            assert isinstance(region, FakeRegion)
            return region

    buf = JitBuffer(backend=FallbackBackend())
    buf.install(ADD)
    assert buf.mode == "dual"


# -- FreeList -------------------------------------------------------------------------

def test_freelist_coalesces() -> None:
    fl = FreeList(256)
    a = fl.alloc(64, 16)
    b = fl.alloc(64, 16)
    c = fl.alloc(64, 16)
    assert (a, b, c) == (0, 64, 128)
    assert a is not None and b is not None and c is not None
    fl.release(b, 64)
    assert fl.ranges() == [(64, 64), (192, 64)]
    fl.release(c, 64)
    assert fl.ranges() == [(64, 192)]
    fl.release(a, 64)
    assert fl.ranges() == [(0, 256)]
    with pytest.raises(ValueError, match="already free"):
        fl.release(0, 16)


def test_freelist_alignment_padding_is_kept_free() -> None:
    fl = FreeList(256)
    assert fl.alloc(4, 4) == 0
    assert fl.alloc(16, 64) == 64
    assert fl.ranges() == [(4, 60), (80, 176)]
    assert fl.alloc(8, 4) == 4


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(1, 40), st.sampled_from([4, 16, 64]),
                          st.integers(0, 1000)), max_size=80))
def test_freelist_matches_a_byte_model(ops: list[tuple[bool, int, int, int]]) -> None:
    size = 1024
    fl = FreeList(size)
    used = [False] * size
    live: list[tuple[int, int]] = []
    for is_alloc, n, align, pick in ops:
        if is_alloc or not live:
            n *= 4
            off = fl.alloc(n, align)
            # first fit: no earlier aligned hole of n free bytes exists
            first = next((o for o in range(0, size - n + 1, align)
                          if not any(used[o:o + n])), None)
            assert off == first
            if off is not None:
                assert off % align == 0
                used[off:off + n] = [True] * n
                live.append((off, n))
        else:
            off, n = live.pop(pick % len(live))
            fl.release(off, n)
            used[off:off + n] = [False] * n
        # free ranges are exactly the unused bytes, maximal (coalesced)
        ranges = fl.ranges()
        for (s1, n1), (s2, _) in itertools.pairwise(ranges):
            assert s1 + n1 < s2
        free = [False] * size
        for s, n2 in ranges:
            free[s:s + n2] = [True] * n2
        assert free == [not u for u in used]


# -- threads: writes never disturb pages with live code; live patching -----------------


def test_wx_mode_never_writes_a_page_with_live_code() -> None:
    fb = FakeBackend()
    buf = JitBuffer(backend=fb, mode="wx", chunk_size=4 * PAGE)
    f = buf.install(ADD)
    g = buf.install(ADD)  # f's page is live: g gets a page of its own
    assert g.address // PAGE != f.address // PAGE
    buf.free(f)
    h = buf.install(RET)  # f's page is empty again: reused
    assert h.address == f.address
    big = buf.install(RET * (PAGE // 4 + 1))  # two pages, neither live before
    pages = {p // PAGE for p in (big.address, big.address + big.size - 1)}
    assert not pages & {h.address // PAGE, g.address // PAGE}
    # every protection change touched only pages without other live code
    region = fb.regions[0]
    assert region.mode == "wx" and all(p == "r-x" for p in region.perms)


def test_dual_like_mode_packs_functions() -> None:
    _, buf = make()
    f, g = buf.install(ADD), buf.install(ADD)
    assert g.address == f.address + 16


def test_patch_refuses_what_a_running_thread_could_see_half_done() -> None:
    fb, buf = make()
    f = buf.install(assemble("b #8\nmov x0, #1\nret"))
    buf.patch(f, 0, assemble("nop"))  # b -> nop: safe
    buf.patch(f, 0, assemble("b #8"))
    with pytest.raises(ConcurrentPatchError, match=r"offset 4 .*quiescent=True"):
        buf.patch(f, 4, code("mov x0, #2"))
    assert buf.read(f)[4:8] == code("mov x0, #1")  # nothing written
    buf.patch(f, 4, code("mov x0, #2"), quiescent=True)
    assert buf.read(f)[4:8] == code("mov x0, #2")
    wx = JitBuffer(backend=fb, mode="wx")
    w = wx.install(assemble("b #8\nnop\nret"))
    with pytest.raises(ConcurrentPatchError, match="mode 'wx'"):
        wx.patch(w, 0, assemble("nop"))
    wx.patch(w, 0, assemble("nop"), quiescent=True)


@pytest.mark.parametrize(("text", "safe"), [
    ("b #8", True), ("bl #-4", True), ("nop", True), ("brk #0x3c", True), ("svc #0", True),
    ("hvc #1", True), ("smc #2", True), ("isb", True), ("isb #3", True),
    ("mov x0, #1", False), ("ret", False), ("br x1", False), ("b.eq #8", False),
    ("cbz x0, #8", False), ("udf #0", False), ("yield", False), ("dmb ish", False),
    ("hlt #0", False),
])
def test_hot_patchable_set(text: str, safe: bool) -> None:
    word = int.from_bytes(assemble(text), "little")
    assert hot_patchable(word) is safe


@pytest.mark.parametrize(("call", "match"), [
    (lambda buf, f: buf.read(None), "read: expected a CodePtr, got NoneType"),
    (lambda buf, f: buf.patch(f, 4.0, RET), "patch: offset must be an int, got float"),
    (lambda buf, f: buf.patch(f, 0, None), "patch: data must be bytes-like"),
    (lambda buf, f: buf.patch("f", 0, RET), "patch: code must be a CodePtr"),
    (lambda buf, f: buf.free(None), "free: expected a CodePtr"),
])
def test_bad_operands_name_the_call(call: Any, match: str) -> None:
    _, buf = make()
    f = buf.install(ADD + RET)
    with pytest.raises(TypeError, match=match):
        call(buf, f)
