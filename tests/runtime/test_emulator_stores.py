"""The emulator backend's fast stores (``fast_stores``, see ``_TLB_VIRTUAL`` in
a64jit.runtime.emulator): Unicorn's TLB filled by the backend, invalid-access hooks
only over the gaps between writable data mappings. What must still hold with them:
permissions, faults naming their instruction and address, code that rewrites itself
in an ``rwx`` region, and a TLB fill that fails. Each test runs with and without."""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from tests.runtime.conftest import needs_unicorn

needs_unicorn()

from a64jit import JitBuffer, JitFault, alloc_data, assemble, host_function  # noqa: E402
from a64jit.runtime.emulator import EmulatorBackend  # noqa: E402

I64 = ctypes.c_int64
VP = ctypes.c_void_p


@pytest.fixture(params=[True, False], ids=["fast", "slow"])
def emu(request: pytest.FixtureRequest) -> Iterator[EmulatorBackend]:
    be = EmulatorBackend(timeout=5.0, share_host_memory=False, fast_stores=request.param)
    yield be
    be.close()


def install(buf: JitBuffer, text: str, restype: Any = I64, argtypes: Any = ()) -> Any:
    return buf.install(assemble(text), restype=restype, argtypes=argtypes)


def covered(be: EmulatorBackend, address: int) -> bool:
    """Whether an invalid-access hook of ``be`` covers ``address``."""
    return any(lo <= address <= hi for lo, hi in be._gap_hooks)


def test_data_mappings_carry_no_hook(emu: EmulatorBackend) -> None:
    """Stack and alloc_data blocks are outside every hook (fast) or inside one (slow);
    everything else is always inside one; freeing a block merges the gaps again."""
    import unicorn

    if hasattr(unicorn, "UC_TLB_VIRTUAL") and emu._fast:
        assert emu.fast_stores  # the fast fixture on a Unicorn that can
    blocks = [alloc_data(4096 * (i + 1), backend=emu) for i in range(5)]
    with JitBuffer(backend=emu) as buf:
        f = install(buf, "ret", None)
        fast = emu.fast_stores
        for b in blocks:
            assert covered(emu, b.address) is not fast
            assert covered(emu, b.address + len(b) - 1) is not fast
        assert covered(emu, emu._stack) is not fast
        assert covered(emu, f.address) and covered(emu, emu._sentinel)
        # The hooks and the fast mappings tile the address space without overlap.
        spans = sorted([*emu._gap_hooks, *((lo, hi - 1) for lo, hi in emu._fast.items())])
        assert spans[0][0] == 0 and spans[-1][1] == (1 << 64) - 1
        assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(spans))
        assert len(emu._fast) == (1 + len(blocks) if fast else 0)
    for b in blocks:
        b.close()
    assert len(emu._gap_hooks) == (2 if emu.fast_stores else 1)


def test_stores_land_and_read_back(emu: EmulatorBackend) -> None:
    """Stores of every width to a block and to the stack, then loads of them, many times
    over (the first store to a page takes the slow path, the rest the fast one)."""
    block = alloc_data(8192, backend=emu)
    with JitBuffer(backend=emu) as buf:
        f = install(buf, """
            sub sp, sp, #64
            mov x3, #0
        1:  add x4, x0, x3
            str x4, [x1, x3, lsl #3]
            str x4, [sp, #8]
            ldr x5, [sp, #8]
            add x6, x1, #4096
            strb w5, [x6]
            strh w5, [x6, #2]
            str w5, [x6, #4]
            stp x5, x4, [x6, #8]
            add x3, x3, #1
            cmp x3, x2
            b.ne 1b
            ldr x0, [x1, #4112]
            add sp, sp, #64
            ret""", I64, [I64, VP, I64])
        for base in (100, 7000):
            assert f(base, block.address, 500) == base + 499
            words = (ctypes.c_int64 * 500).from_buffer(block)
            assert list(words) == [base + i for i in range(500)]
            tail = bytes(memoryview(block)[4096:4120])
            v = base + 499
            assert tail[0] == v & 0xFF and tail[2:4] == (v & 0xFFFF).to_bytes(2, "little")
            assert tail[4:8] == v.to_bytes(4, "little")
            assert tail[8:16] == v.to_bytes(8, "little") == tail[16:24]
            del words


def test_read_only_after_stores_faults(emu: EmulatorBackend) -> None:
    """A block written (its pages' stores on the fast path) and then made read-only:
    the next store faults naming its instruction; writable again, stores land."""
    block = alloc_data(4096, backend=emu)
    with JitBuffer(backend=emu) as buf:
        f = install(buf, "mov x2, #5\nstr x1, [x0, #8]\nstr x1, [x0, #16]\nret",
                    None, [VP, I64])
        f(block.address, 41)
        f(block.address, 42)
        cells = (ctypes.c_int64 * 3).from_buffer(block)
        assert list(cells) == [0, 42, 42]
        emu.protect_data(block, writable=False)
        with pytest.raises(JitFault, match="read-only") as info:
            f(block.address, 43)
        assert info.value.pc == f.address + 4 and info.value.address == block.address + 8
        assert list(cells) == [0, 42, 42]
        emu.protect_data(block, writable=True)
        f(block.address, 44)
        assert list(cells) == [0, 44, 44]
        del cells


def test_faults_at_the_edges_of_a_block(emu: EmulatorBackend) -> None:
    """A store or load just past a block (unmapped: hooked), and a jump into the block
    or the stack (mapped, not executable: no hook in the fast mode), each a JitFault
    with the instruction and the address."""
    with JitBuffer(backend=emu) as buf:
        keep = []
        for _ in range(20):  # a block whose next page the emulator has not mapped
            block = alloc_data(4096, backend=emu)
            end = block.address + len(block)
            if not any(lo <= end <= hi for lo, hi, _ in emu.uc.mem_regions()):
                break
            keep.append(block)
        else:
            pytest.fail("every block was followed by a mapped page")
        store = install(buf, "nop\nstr x1, [x0, #-8]\nstr x1, [x0]\nret", None, [VP, I64])
        with pytest.raises(JitFault, match="write to unmapped") as info:
            store(end, 1)
        assert (info.value.pc, info.value.address) == (store.address + 8, end)
        assert ctypes.c_int64.from_address(end - 8).value == 1  # the first store landed
        load = install(buf, "ldr x1, [x0, #4088]\nldr x1, [x0, #4096]\nret", I64, [VP])
        with pytest.raises(JitFault, match="read from unmapped") as info:
            load(block.address)
        assert (info.value.pc, info.value.address) == (load.address + 4, end)
        jump = install(buf, "br x0", None, [VP])
        for target in (block.address + 64, emu._stack + 256):
            with pytest.raises(JitFault, match="fetch from non-executable") as info:
                jump(target)
            assert info.value.pc == target
        assert install(buf, "mov x0, #3\nret")() == 3  # usable afterwards


def test_rwx_code_rewritten_by_stores_runs_new_code(emu: EmulatorBackend) -> None:
    """In an ``rwx`` region, plain stores (no cache maintenance) rewrite code already
    translated, three times on the same page: each time the new code runs (a page whose
    stores left the slow path would keep the stale translation)."""
    with JitBuffer(mode="rwx", backend=emu) as buf:
        poke = install(buf, "str w1, [x0]\nret", None, [VP, I64])
        g = install(buf, "mov x0, #1\nret")
        assert [g(), g()] == [1, 1]
        for value in (7, 8, 9):
            poke(g.address, int.from_bytes(assemble(f"mov x0, #{value}"), "little"))
            assert [g(), g()] == [value, value]


def test_rwx_code_on_one_page_after_a_tlb_flush(emu: EmulatorBackend) -> None:
    """Two translated functions on one ``rwx`` page, the TLB flushed (any mapping does
    it), then stores to both from code elsewhere: the first store's TLB entry is a data
    one (no execute); had that page left the slow path, the second store would not
    drop g2's translation and the old g2 would run."""
    import unicorn

    with JitBuffer(backend=emu) as other, JitBuffer(mode="rwx", backend=emu) as buf:
        poke = install(other, "str w1, [x0]\nstr w3, [x2]\nret", None, [VP, I64, VP, I64])
        g1 = install(buf, "mov x0, #1\nret")
        g2 = install(buf, "mov x0, #2\nret")
        assert g1.address >> 12 == g2.address >> 12
        for round_ in range(3):
            assert [g1(), g2()] == [1 + 10 * round_, 2 + 10 * round_]
            emu._ctl(unicorn.UC_CTL_TLB_FLUSH)
            word = [int.from_bytes(assemble(f"mov x0, #{v + 10 * (round_ + 1)}"), "little")
                    for v in (1, 2)]
            poke(g1.address, word[0], g2.address, word[1])
        assert [g1(), g2()] == [31, 32]


def test_nested_calls_store_on_their_stacks(emu: EmulatorBackend) -> None:
    """Code that stores on its stack calls a host function that calls code storing on
    the stack below it, 10 deep: every frame's slots survive."""
    with JitBuffer(backend=emu) as buf:
        inner: list[Any] = []

        def down(n: int) -> int:
            return inner[0](n - 1, hf.address) if n > 0 else 0

        hf = host_function(down, I64, [I64], backend=emu)
        f = install(buf, """
            stp x29, x30, [sp, #-32]!
            str x0, [sp, #16]
            str x0, [sp, #24]
            blr x1
            ldr x1, [sp, #16]
            ldr x2, [sp, #24]
            add x0, x0, x1
            add x0, x0, x2
            ldp x29, x30, [sp], #32
            ret""", I64, [I64, VP])
        inner.append(f)
        assert f(10, hf.address) == 2 * sum(range(11))


def test_fill_hook_fills() -> None:
    """The machine-code TLB fill hook of this host, called as Unicorn calls it: identity
    address, read-write-execute for a fetch, read-write for a read or a write, returns
    true (the AArch64 one runs natively too: test_tlbfill.py)."""
    import unicorn

    from a64jit.runtime.emulator import _native_fill_hook
    from a64jit.runtime.libc import libc
    from a64jit.runtime.native import NativeBackend

    address = _native_fill_hook(NativeBackend(libc(), darwin=False))
    if not address:
        pytest.skip("no machine-code fill hook on this host")

    class Entry(ctypes.Structure):
        _fields_ = (("paddr", ctypes.c_uint64), ("perms", ctypes.c_uint32))

    hook = ctypes.CFUNCTYPE(ctypes.c_bool, VP, ctypes.c_uint64, ctypes.c_int,
                            ctypes.POINTER(Entry), VP)(address)
    rwx = unicorn.UC_PROT_READ | unicorn.UC_PROT_WRITE | unicorn.UC_PROT_EXEC
    for vaddr, access, perms in (
            (0x7F12_3456_7000, unicorn.UC_MEM_FETCH, rwx),
            (0xFFFF_FFFF_FFFF_F000, unicorn.UC_MEM_READ, rwx & ~unicorn.UC_PROT_EXEC),
            (0x1000, unicorn.UC_MEM_WRITE, rwx & ~unicorn.UC_PROT_EXEC)):
        entry = Entry(0x5A5A_5A5A_5A5A_5A5A, 0xA5A5_A5A5)
        assert hook(None, vaddr, access, ctypes.byref(entry), None) is True
        assert (entry.paddr, entry.perms) == (vaddr, perms)


def test_page_before_the_sentinel_is_never_mapped(emu: EmulatorBackend) -> None:
    """Unicorn files the empty block it translates at the exit address (the sentinel)
    under the page before and drops that page's blocks after every call: were that page
    mapped, each call would translate the sentinel anew (the buffer filled and was
    flushed under a nested call: a crash). The backend owns that page and never maps it
    in Unicorn, whatever is allocated afterwards."""
    page = emu.page_size
    guard = emu._sentinel - page
    assert (guard, page) in emu._host_maps
    blocks = [alloc_data(page, backend=emu) for _ in range(8)]
    with JitBuffer(backend=emu) as buf:
        f = install(buf, "add x0, x0, #1\nret", I64, [I64])
        assert [f(i) for i in range(100)] == list(range(1, 101))
        assert not any(lo <= guard + page - 1 and guard <= hi
                       for lo, hi, _ in emu.uc.mem_regions())
    for b in blocks:
        b.close()
